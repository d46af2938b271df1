"""Read a solution notebook into its parts, and enforce the authoring rules.

The parts are what the learner copy, the book page and the trainer's tools are made from,
so a notebook that breaks a rule is refused with a message naming the notebook and cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat import NotebookNode

PARAMETERS_TAG = "parameters"
QUESTION_TAG = "question"
CHECK_PREFIX = "check:"
HIDDEN_TAG = "hidden-check"
_CHECK_ID = re.compile(r"^[a-z][a-z0-9_-]*$")


def tags(cell: NotebookNode) -> list[str]:
    """Return the tags of ``cell`` (an empty list when it has none)."""
    return list(cell.get("metadata", {}).get("tags", []))


def check_id(cell: NotebookNode) -> str | None:
    """Return the question id of a check cell (``check:q1`` → ``"q1"``), else ``None``."""
    for tag in tags(cell):
        if tag.startswith(CHECK_PREFIX):
            return tag[len(CHECK_PREFIX) :]
    return None


@dataclass
class Question:
    """One question: its text, the cells that answer it and the call that checks it."""

    id: str
    text: NotebookNode
    answer_cells: list[NotebookNode] = field(default_factory=list)
    check: NotebookNode | None = None
    hidden_checks: list[NotebookNode] = field(default_factory=list)


@dataclass
class Exercise:
    """A parsed solution notebook."""

    name: str
    notebook: NotebookNode
    parameters: NotebookNode
    questions: list[Question]

    @property
    def checks(self) -> dict[str, str]:
        """Return ``{question id: source of its check call}`` in notebook order."""
        return {q.id: q.check.source.strip() for q in self.questions if q.check is not None}


def read_exercise(path: Path) -> Exercise:
    """Read and parse the solution notebook at ``path``."""
    return parse(nbformat.read(path, as_version=4), Path(path).stem)


def parse(notebook: NotebookNode, name: str) -> Exercise:
    """Return the :class:`Exercise` in ``notebook``; raise ``ValueError`` on a broken rule."""
    parameters = [c for c in notebook.cells if PARAMETERS_TAG in tags(c)]
    if len(parameters) != 1:
        raise ValueError(
            f"{name}: needs exactly one cell tagged 'parameters', has {len(parameters)}"
        )
    questions: list[Question] = []
    current: Question | None = None
    for index, cell in enumerate(notebook.cells):
        where = f"{name}, cell {index}"
        if QUESTION_TAG in tags(cell):
            if cell.cell_type != "markdown":
                raise ValueError(f"{where}: a 'question' cell must be markdown")
            if current is not None and current.check is None:
                raise ValueError(f"{where}: question before the previous one has its check cell")
            current = Question(id="", text=cell)
            questions.append(current)
            continue
        identifier = check_id(cell)
        if identifier is not None:
            if current is None or current.check is not None:
                raise ValueError(f"{where}: check cell '{identifier}' without a question before it")
            if not _CHECK_ID.match(identifier):
                raise ValueError(
                    f"{where}: check id {identifier!r} must be like 'q1' or 'coverage'"
                )
            if identifier in {q.id for q in questions}:
                raise ValueError(f"{where}: check id {identifier!r} is used twice")
            current.id, current.check = identifier, cell
        elif HIDDEN_TAG in tags(cell):
            if current is None or current.check is None:
                raise ValueError(f"{where}: 'hidden-check' cell must follow a check cell")
            current.hidden_checks.append(cell)
        elif current is not None and current.check is None:
            current.answer_cells.append(cell)
    if not questions:
        raise ValueError(f"{name}: has no cell tagged 'question'")
    if questions[-1].check is None:
        raise ValueError(f"{name}: the last question has no cell tagged 'check:<id>'")
    return Exercise(name=name, notebook=notebook, parameters=parameters[0], questions=questions)
