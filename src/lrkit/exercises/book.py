"""The book's page for an exercise, made from its solution notebook.

Each question becomes a sphinx-exercise ``exercise`` box (the question and the learner's
starting code) followed by a ``solution`` dropdown, hidden until clicked, holding the
solution code and its check; both run when the book is built. Hidden checks run too, with
their cells removed from the page, so a wrong solution fails the book build.
"""

from __future__ import annotations

import re

from nbformat import NotebookNode

from lrkit.exercises.build import BEGIN, END, INLINE, strip_solution
from lrkit.exercises.source import Exercise, tags

HEADER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""
_HEADING = re.compile(r"^\s*#{1,6}\s+(?P<title>.+?)\s*$")


def solution_code(source: str) -> str:
    """Return ``source`` with the solution markers removed and the solution kept."""
    lines = []
    for line in source.splitlines():
        stripped = line.strip()
        if stripped.startswith(BEGIN) or stripped.startswith(END):
            continue
        if stripped.endswith(INLINE):
            line = line[: line.rstrip().rfind(INLINE)].rstrip()
        lines.append(line)
    return "\n".join(lines)


def _code_cell(source: str, cell_tags: list[str] | None = None) -> str:
    options = f":tags: [{', '.join(cell_tags)}]\n" if cell_tags else ""
    return f"```{{code-cell}} ipython3\n{options}{source.rstrip()}\n```\n"


def _cell(cell: NotebookNode) -> str:
    if cell.cell_type == "markdown":
        return cell.source.rstrip() + "\n"
    if cell.cell_type == "code":
        shown = [t for t in tags(cell) if t.startswith(("hide-", "remove-"))]
        return _code_cell(cell.source, shown)
    return ""


def _split_title(markdown: str) -> tuple[str, str]:
    lines = markdown.strip().splitlines()
    if lines and (match := _HEADING.match(lines[0])):
        return match["title"], "\n".join(lines[1:]).strip()
    return "", markdown.strip()


def book_page(exercise: Exercise, learner_path: str) -> str:
    """Return the MyST notebook text of the book page for ``exercise``."""
    in_question = {id(c) for q in exercise.questions for c in q.answer_cells}
    in_question |= {id(q.text) for q in exercise.questions}
    in_question |= {id(q.check) for q in exercise.questions}
    in_question |= {id(c) for q in exercise.questions for c in q.hidden_checks}
    by_text = {id(q.text): q for q in exercise.questions}

    parts = [
        HEADER,
        f"% Made by `lrkit exercises build` from solutions/{exercise.name}.ipynb: edit that "
        "notebook, not this page.\n",
    ]
    for index, cell in enumerate(exercise.notebook.cells):
        if id(cell) in by_text:
            parts.append(_question(exercise.name, by_text[id(cell)]))
        elif id(cell) not in in_question:
            parts.append(_cell(cell))
        if index == 0:
            parts.append(
                "```{note}\nThis page is made from the exercise's single source, "
                f"`solutions/{exercise.name}.ipynb`. To work on it in JupyterLab, open "
                f"`{learner_path}`: the same questions, with checks that tell you whether "
                "your answer is right.\n```\n"
            )
    return "\n".join(parts)


def _question(name: str, question) -> str:
    title, text = _split_title(question.text.source)
    label = f"{name}-{question.id}"
    starting = "\n".join(
        strip_solution(c.source) for c in question.answer_cells if c.cell_type == "code"
    )
    # Titles say "Question 1: ..." already; the book-wide "Exercise 15" numbering would only
    # confuse a learner who follows the notebook, so exercises are not numbered.
    out = [
        f"```{{exercise-start}} {title}".rstrip() + f"\n:label: {label}\n:nonumber:\n```\n",
        text + "\n",
    ]
    if starting.strip():
        out.append(f"Starting code in the notebook:\n\n```python\n{starting}\n```\n")
    out.append("```{exercise-end}\n```\n")
    out.append(f"```{{solution-start}} {label}\n:class: dropdown\n```\n")
    for cell in question.answer_cells:
        if cell.cell_type == "code":
            out.append(_code_cell(solution_code(cell.source)))
        else:
            out.append(cell.source.rstrip() + "\n")
    out.append(_code_cell(question.check.source))
    out.append("```{solution-end}\n```\n")
    for cell in question.hidden_checks:
        out.append(_code_cell(cell.source, ["remove-cell"]))
    return "\n".join(out)
