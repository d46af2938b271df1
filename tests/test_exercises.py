"""Exercises: one source in solutions/, learner copies that cannot drift or leak."""

import subprocess
import sys

import nbformat
import pytest

from lrkit.exercises.build import BEGIN, END, INLINE, learner_notebook, render, strip_solution

SOLUTION_CELL = """x = 1
# BEGIN SOLUTION
secret = x + 41
# END SOLUTION
answer = secret * 2  # SOLUTION
check(answer)"""


def test_strip_solution_by_hand():
    assert (
        strip_solution(SOLUTION_CELL)
        == "x = 1\n# YOUR CODE HERE\nanswer = ...  # your answer here\ncheck(answer)"
    )


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("# BEGIN SOLUTION\nx = 1", "never closed"),
        ("x = 1\n# END SOLUTION", "without"),
        ("print(1)  # SOLUTION", "must end an assignment"),
    ],
)
def test_malformed_markers_are_reported(source, message):
    with pytest.raises(ValueError, match=message):
        strip_solution(source, where="demo.ipynb, cell 3")


def _solution_notebooks(root):
    return sorted((root / "solutions").glob("*.ipynb"))


def test_there_are_solutions(root):
    assert _solution_notebooks(root)


def test_exercises_are_exactly_what_the_build_makes(root):
    for path in _solution_notebooks(root):
        expected = render(learner_notebook(nbformat.read(path, as_version=4), path.name))
        learner = root / "exercises" / path.name
        assert learner.exists(), f"{learner} missing: run `make exercises`"
        assert learner.read_text("utf-8") == expected, f"{learner} is stale: run `make exercises`"
    assert {p.name for p in (root / "exercises").glob("*.ipynb")} == {
        p.name for p in _solution_notebooks(root)
    }


def test_no_solution_text_in_exercises(root):
    for path in _solution_notebooks(root):
        solution = nbformat.read(path, as_version=4)
        secret_lines = []
        for cell in solution.cells:
            if cell.cell_type != "code":
                continue
            if "hidden-check" in cell.metadata.get("tags", []):
                secret_lines += [line.strip() for line in cell.source.splitlines() if line.strip()]
                continue
            inside = False
            for line in cell.source.splitlines():
                if line.strip().startswith(BEGIN):
                    inside = True
                elif line.strip().startswith(END):
                    inside = False
                elif inside and line.strip():
                    secret_lines.append(line.strip())
                elif line.strip().endswith(INLINE):
                    secret_lines.append(line.split("=", 1)[1].replace(INLINE, "").strip())
        assert secret_lines, f"{path.name} marks no solution"
        learner_text = (root / "exercises" / path.name).read_text("utf-8")
        learner = nbformat.reads(learner_text, as_version=4)
        sources = "\n".join(cell.source for cell in learner.cells)
        leaked = [line for line in secret_lines if line in sources]
        assert not leaked, f"solution text in exercises/{path.name}: {leaked}"
        assert all(not cell.get("outputs") for cell in learner.cells if cell.cell_type == "code")


def test_learner_notebooks_run_without_stopping(root):
    """nbval in lax mode: every cell of an unmodified learner notebook runs without error."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-o",
            "addopts=",
            "--nbval-lax",
            "-p",
            "no:cacheprovider",
            "-q",
            "exercises",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert " passed" in result.stdout
