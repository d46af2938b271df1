"""Build learner notebooks from the single source in ``solutions/``.

A solution notebook marks what the learner must write in two ways:

* a line ending in ``# SOLUTION`` that assigns a value (``answer = 42.0  # SOLUTION``)
  becomes ``answer = ...  # your answer here``: the name stays defined, so the check cell
  after it reports "not yet" instead of crashing;
* the lines between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` become
  ``# YOUR CODE HERE``.

Cells tagged ``hidden-check`` (checks for the trainer) are dropped and every output is
cleared. The learner notebook keeps the kernel name ``python3`` and records which exercise
it is in its metadata (``lrkit.exercise``), so a renamed copy is still recognised.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

BEGIN, END, INLINE = "# BEGIN SOLUTION", "# END SOLUTION", "# SOLUTION"
HIDDEN_TAG = "hidden-check"
PLACEHOLDER_BLOCK = "# YOUR CODE HERE"
_ASSIGNMENT = re.compile(r"^(?P<indent>\s*)(?P<target>[A-Za-z_][\w\[\]\"', ]*?)\s*=(?!=)")


def strip_solution(source: str, where: str = "cell") -> str:
    """Return ``source`` with every solution region replaced by its placeholder.

    Raises ``ValueError`` (naming ``where``) for an unclosed block or a ``# SOLUTION`` line
    that is not an assignment.
    """
    out: list[str] = []
    inside = False
    for number, line in enumerate(source.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith(BEGIN):
            if inside:
                raise ValueError(f"{where}, line {number}: '{BEGIN}' inside another block")
            inside = True
            indent = line[: len(line) - len(line.lstrip())]
            out.append(f"{indent}{PLACEHOLDER_BLOCK}")
        elif stripped.startswith(END):
            if not inside:
                raise ValueError(f"{where}, line {number}: '{END}' without '{BEGIN}'")
            inside = False
        elif inside:
            continue
        elif stripped.endswith(INLINE):
            match = _ASSIGNMENT.match(line)
            if match is None:
                raise ValueError(f"{where}, line {number}: '{INLINE}' must end an assignment")
            out.append(f"{match['indent']}{match['target']} = ...  # your answer here")
        else:
            out.append(line)
    if inside:
        raise ValueError(f"{where}: '{BEGIN}' is never closed by '{END}'")
    return "\n".join(out)


def learner_notebook(
    solution: nbformat.NotebookNode, name: str = "notebook"
) -> nbformat.NotebookNode:
    """Return the learner version of a solution notebook (a new object)."""
    learner = nbformat.v4.new_notebook()
    learner.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
        "lrkit": {"exercise": Path(name).stem},
    }
    for index, cell in enumerate(solution.cells):
        tags = cell.get("metadata", {}).get("tags", [])
        if HIDDEN_TAG in tags:
            continue
        metadata = {"tags": tags} if tags else {}
        if cell.cell_type == "code":
            source = strip_solution(cell.source, where=f"{name}, cell {index}")
            new = nbformat.v4.new_code_cell(source, metadata=metadata)
        elif cell.cell_type == "markdown":
            new = nbformat.v4.new_markdown_cell(cell.source, metadata=metadata)
        else:
            new = nbformat.v4.new_raw_cell(cell.source, metadata=metadata)
        new.id = cell.get("id", new.id)
        learner.cells.append(new)
    return learner


def render(notebook: nbformat.NotebookNode) -> str:
    """Return a notebook as the exact text the kit writes (stable for diffs and tests)."""
    return nbformat.writes(notebook) + "\n"


def build_exercises(solutions: Path, exercises: Path, book_pages: Path | None = None) -> list[Path]:
    """Write the learner notebook of every ``solutions/*.ipynb`` into ``exercises/``.

    With ``book_pages``, also write each exercise's book page there (see
    :mod:`lrkit.exercises.book`). Every solution is parsed first, so a notebook that breaks
    an authoring rule stops the build before anything is written.
    """
    from lrkit.exercises.book import book_page
    from lrkit.exercises.source import read_exercise

    paths = sorted(Path(solutions).glob("*.ipynb"))
    parsed = [read_exercise(path) for path in paths]
    exercises.mkdir(parents=True, exist_ok=True)
    written = []
    for path, exercise in zip(paths, parsed, strict=True):
        target = exercises / path.name
        target.write_text(render(learner_notebook(exercise.notebook, path.name)), encoding="utf-8")
        written.append(target)
        if book_pages is not None:
            book_pages.mkdir(parents=True, exist_ok=True)
            page = book_pages / f"{path.stem}.md"
            page.write_text(book_page(exercise, f"exercises/{path.name}"), encoding="utf-8")
            written.append(page)
    return written
