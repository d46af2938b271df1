"""Exercises: one source in solutions/, learner copies that cannot drift or leak."""

import subprocess
import sys

import nbformat
import pytest

from lrkit.exercises.book import book_page, solution_code
from lrkit.exercises.build import BEGIN, END, INLINE, learner_notebook, render, strip_solution
from lrkit.exercises.source import parse, read_exercise

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
        page = root / "book" / "exercises" / f"{path.stem}.md"
        expected_page = book_page(read_exercise(path), f"exercises/{path.name}")
        assert page.read_text("utf-8") == expected_page, f"{page} is stale: run `make exercises`"
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


def test_solution_code_drops_markers_and_keeps_the_solution():
    assert (
        solution_code(SOLUTION_CELL) == "x = 1\nsecret = x + 41\nanswer = secret * 2\ncheck(answer)"
    )


def _notebook(*cells):
    notebook = nbformat.v4.new_notebook()
    for kind, source, tags in cells:
        make = nbformat.v4.new_markdown_cell if kind == "md" else nbformat.v4.new_code_cell
        notebook.cells.append(make(source, metadata={"tags": tags}))
    return notebook


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ([("md", "# Q", ["question"]), ("code", "f()", ["check:q1"])], "exactly one cell tagged"),
        ([("code", "x = 1", ["parameters"])], "no cell tagged 'question'"),
        ([("code", "x = 1", ["parameters"]), ("md", "# Q", ["question"])], "has no cell tagged"),
        ([("code", "x = 1", ["parameters"]), ("code", "f()", ["check:q1"])], "without a question"),
        (
            [
                ("code", "x = 1", ["parameters"]),
                ("md", "Q", ["question"]),
                ("code", "f()", ["check:Q 1"]),
            ],
            "must be like",
        ),
        (
            [
                ("code", "x = 1", ["parameters"]),
                ("md", "Q", ["question"]),
                ("code", "f()", ["check:a"]),
                ("md", "Q2", ["question"]),
                ("code", "g()", ["check:a"]),
            ],
            "used twice",
        ),
        (
            [("code", "x = 1", ["parameters"]), ("code", "assert 1", ["hidden-check"])],
            "must follow a check cell",
        ),
    ],
)
def test_authoring_rules_are_enforced(cells, message):
    with pytest.raises(ValueError, match=message):
        parse(_notebook(*cells), "demo")


def test_every_notebook_uses_the_python3_kernel(root):
    folders = ("solutions", "exercises", "notebooks")
    paths = [p for folder in folders for p in (root / folder).glob("*.ipynb")]
    assert paths
    for path in paths:
        assert nbformat.read(path, as_version=4).metadata["kernelspec"]["name"] == "python3", path


def test_learner_notebook_records_its_exercise(root):
    for path in _solution_notebooks(root):
        learner = nbformat.read(root / "exercises" / path.name, as_version=4)
        assert learner.metadata["lrkit"]["exercise"] == path.stem


@pytest.mark.slow
@pytest.mark.parametrize(
    ("raw", "ok"),
    [
        ({"year": "2024"}, True),
        ({"province": "Dong Nai"}, True),
        ({"year": "nineteen"}, False),
        ({"year": "2019"}, False),
        ({"province": "Huế"}, False),
    ],
)
def test_command_line_parameters_are_accepted_or_refused_clearly(root, tmp_path, raw, ok):
    """`papermill -r year 2024` passes text: accepted when it is a valid year, else a clear stop."""
    import papermill as pm

    path = root / "exercises" / "01-union-density.ipynb"
    out = tmp_path / "out.ipynb"
    if ok:
        pm.execute_notebook(
            str(path),
            str(out),
            parameters=raw,
            kernel_name="python3",
            cwd=str(tmp_path),
            progress_bar=False,
        )
        return
    with pytest.raises(pm.PapermillExecutionError) as error:
        pm.execute_notebook(
            str(path),
            str(out),
            parameters=raw,
            kernel_name="python3",
            cwd=str(tmp_path),
            progress_bar=False,
        )
    # papermill adds markdown cells around an error, so count code cells only
    code = [c for c in nbformat.read(out, as_version=4).cells if c.cell_type == "code"]
    failed = [
        i
        for i, c in enumerate(code)
        if any(o.get("output_type") == "error" for o in c.get("outputs", []))
    ]
    parameters_at = [
        i for i, c in enumerate(code) if "injected-parameters" in c.metadata.get("tags", [])
    ][0]
    assert failed == [parameters_at + 1], "must stop at the cell after the parameters"
    message = str(error.value)
    assert "2020, 2021" in message or "Hồ Chí Minh City, Hải Phòng, Đồng Nai" in message
