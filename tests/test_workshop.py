"""The trainer's workflow: pack a workshop per group, collect what participants return."""

import json

import nbformat
import pandas as pd
import pytest

from lrkit.exercises.collect import collect
from lrkit.exercises.pack import pack, read_groups
from lrkit.exercises.source import read_exercise

EXERCISE = "01-union-density"


@pytest.fixture(scope="module")
def workshop(root, tmp_path_factory):
    base = tmp_path_factory.mktemp("workshop")
    groups = base / "groups.csv"
    groups.write_text(
        "group,province,year,seed,lang\nA,Hải Phòng,2024,2025,vi\nB,Dong Nai,2023,7,\n",
        encoding="utf-8",
    )
    pack(groups, base / "pack", root / "solutions", root / "exercises")
    return base / "pack"


def _parameters_source(notebook):
    return "\n".join(
        c.source
        for c in notebook.cells
        if "parameters" in c.metadata.get("tags", [])
        or "injected-parameters" in c.metadata.get("tags", [])
    )


@pytest.mark.slow
def test_pack_has_a_folder_per_group_with_injected_parameters(workshop):
    for group, province, year, seed in (("A", "Hải Phòng", 2024, 2025), ("B", "Đồng Nai", 2023, 7)):
        folder = workshop / "groups" / group
        notebook = nbformat.read(folder / f"{EXERCISE}.ipynb", as_version=4)
        injected = [
            c for c in notebook.cells if "injected-parameters" in c.metadata.get("tags", [])
        ]
        assert injected, "papermill did not inject the group's parameters"
        assert f'province = "{province}"' in injected[0].source
        assert f"year = {year}" in injected[0].source and f"seed = {seed}" in injected[0].source
        assert all(not c.get("outputs") for c in notebook.cells if c.cell_type == "code")
        # one cell of parameters, the group's: the notebook's defaults are gone
        assert not [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(injected) == 1
        assert (folder / "data" / "workers.csv").read_bytes().startswith(b"\xef\xbb\xbf")
        assert not (folder / "data" / "truth.json").exists()
        # the answers to the cleaning and linkage exercises stay with the trainer
        assert not (folder / "data" / "truth").exists()
        key_truth = workshop / "answer-key" / group / "truth"
        assert (key_truth / "error_ledger.csv").exists()
        assert (key_truth / "strike_linkage.csv").exists()
        readme = (folder / "README.md").read_text("utf-8")
        assert province in readme
        # the README speaks the group's language (lang: vi for A, the default en for B)
        title = "# Bài tập hội thảo: nhóm A" if group == "A" else "# Workshop exercises: group B"
        assert readme.startswith(title)
        # the group's data are the group's seed
        data = pd.read_parquet(folder / "data" / "workers.parquet")
        from lrkit.data import load_dataset

        pd.testing.assert_frame_equal(data, load_dataset("workers", seed=seed))


@pytest.mark.slow
def test_answer_key_is_apart_and_executed_for_each_group(workshop):
    assert not list((workshop / "groups").rglob("*.html"))
    for group, province in (("A", "Hải Phòng"), ("B", "Đồng Nai")):
        key = (workshop / "answer-key" / group / f"{EXERCISE}.html").read_text("utf-8")
        assert "Correct! ✔" in key and province in key


def test_groups_file_errors_name_row_and_allowed_values(tmp_path):
    bad = tmp_path / "groups.csv"
    bad.write_text("group,province,year\nA,Hà Nội,2024\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"row 2: province 'Hà Nội' is not one of"):
        read_groups(bad)
    bad.write_text("group,province\nA,Hải Phòng\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"missing column\(s\) \['year'\]"):
        read_groups(bad)
    bad.write_text("group,province,year\nA,Hải Phòng,2024\nA,Đồng Nai,2024\n", encoding="utf-8")
    with pytest.raises(ValueError, match="used twice"):
        read_groups(bad)
    bad.write_text("group,province,year,lang\nA,Hải Phòng,2024,fr\n", encoding="utf-8")
    with pytest.raises(ValueError, match="lang 'fr' is not one of en, vi"):
        read_groups(bad)


def test_pack_refuses_a_non_empty_folder(root, tmp_path):
    groups = tmp_path / "groups.csv"
    groups.write_text("group,province,year\nA,Hải Phòng,2024\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "returned.ipynb").write_text("{}")
    with pytest.raises(FileExistsError, match="not empty"):
        pack(groups, tmp_path / "out", root / "solutions", root / "exercises")


@pytest.mark.parametrize("jobs", [0, -2, 1.5, True])
def test_pack_refuses_a_bad_number_of_jobs(root, tmp_path, jobs):
    groups = tmp_path / "groups.csv"
    groups.write_text("group,province,year\nA,Hải Phòng,2024\n", encoding="utf-8")
    with pytest.raises(ValueError, match="jobs must be a whole number of 1 or more"):
        pack(groups, tmp_path / "out", root / "solutions", root / "exercises", jobs=jobs)
    assert not (tmp_path / "out").exists()  # refused before anything is written


def _answered(notebook, solution):
    """Fill the learner's answer cells with the solution's code (as a participant would)."""
    from lrkit.exercises.book import solution_code

    answers = [
        solution_code(q_cell.source)
        for q in solution.questions
        for q_cell in q.answer_cells
        if q_cell.cell_type == "code"
    ]
    placeholders = [c for c in notebook.cells if c.cell_type == "code" and "= ..." in c.source]
    assert len(placeholders) == len(answers)
    for cell, code in zip(placeholders, answers, strict=True):
        cell.source = code
    return notebook


@pytest.mark.slow
def test_collect_reports_every_case(root, workshop, tmp_path):
    solution = read_exercise(root / "solutions" / f"{EXERCISE}.ipynb")
    given = nbformat.read(workshop / "groups" / "A" / f"{EXERCISE}.ipynb", as_version=4)
    returned = tmp_path / "returned"

    def save(participant, name, notebook):
        (returned / participant).mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, returned / participant / name)

    save("alice", f"{EXERCISE}.ipynb", _answered(nbformat.from_dict(given), solution))
    save("bob", "my work (1).ipynb", nbformat.from_dict(given))  # renamed, untouched
    carol = _answered(nbformat.from_dict(given), solution)
    carol.cells.insert(3, nbformat.v4.new_code_cell("1 / 0"))
    wrong = [c for c in carol.cells if "answer_coverage = round" in c.source][0]
    wrong.source = wrong.source.replace('employees["weight"].sum()', "len(employees)")
    save("carol", f"{EXERCISE}.ipynb", carol)
    dave = nbformat.from_dict(given)
    dave.cells.insert(3, nbformat.v4.new_code_cell("while True:\n    pass"))
    save("dave", f"{EXERCISE}.ipynb", dave)
    eve = _answered(nbformat.from_dict(given), solution)
    eve.metadata["kernelspec"]["name"] = "lrkit-env"
    checks = [
        c for c in eve.cells if any(t.startswith("check:") for t in c.metadata.get("tags", []))
    ]
    for cell in checks:  # checks moved to the top: reordered cells
        eve.cells.remove(cell)
        eve.cells.insert(4, cell)
    save("eve", f"{EXERCISE}.ipynb", eve)
    frank = _answered(nbformat.from_dict(given), solution)
    frank.cells = [c for c in frank.cells if "answer_coverage = round" not in c.source]
    save("frank", f"{EXERCISE}.ipynb", frank)
    (returned / "gina").mkdir()
    (returned / "gina" / "broken.ipynb").write_text("{not json", encoding="utf-8")

    table = collect(returned, root / "solutions", timeout=40).set_index("participant")
    density, coverage = f"{EXERCISE}:density", f"{EXERCISE}:coverage"
    assert table.loc["alice", density] == "correct" and table.loc["alice", coverage] == "correct"
    assert table.loc["alice", "notes"] == ""
    assert table.loc["bob", density] == "not attempted"
    assert "renamed" in table.loc["bob", "notes"]
    assert table.loc["carol", density] == "correct" and table.loc["carol", coverage] == "not yet"
    assert "raised ZeroDivisionError" in table.loc["carol", "notes"]
    assert "timed out" in table.loc["dave", "notes"]
    assert table.loc["eve", density] == "correct"
    assert "kernel 'lrkit-env' replaced" in table.loc["eve", "notes"]
    assert table.loc["frank", coverage].startswith("missing")
    assert "unreadable" in table.loc["gina", "notes"]
    assert (returned / "progress.csv").exists()
    html = (returned / "progress.html").read_text("utf-8")
    assert "alice" in html and "timed out" in html
    # readable: a section for the exercise with only its questions, alice 2 of 2, and the
    # unreadable file apart; no column of the exercises nobody returned
    assert f"<h2>{EXERCISE}</h2>" in html and "<h2>Other files</h2>" in html
    section = html.split(f"<h2>{EXERCISE}</h2>")[1].split("<h2>")[0]
    assert "<th>density</th>" in section and "<th>coverage</th>" in section
    assert section.count("<th>") == 6  # participant, file, density, coverage, correct, notes
    alice = [row for row in section.split("<tr>") if "<td>alice</td>" in row][0]
    assert "<td>2 / 2</td>" in alice
    assert "gina" in html.split("<h2>Other files</h2>")[1]
    assert "02a-stratified-sample" not in html
    assert not list(root.glob("returned.ipynb")), "participant code ran in the kit's folder"


def test_collect_an_empty_folder(root, tmp_path):
    table = collect(tmp_path, root / "solutions")
    assert table.empty
    assert "No notebooks were found" in (tmp_path / "progress.html").read_text("utf-8")


def test_collect_a_missing_folder(root, tmp_path):
    with pytest.raises(FileNotFoundError, match="not a folder"):
        collect(tmp_path / "nope", root / "solutions")


def test_grading_cell_reads_check_calls(root):
    from lrkit.exercises.collect import grading_cell

    checks = read_exercise(root / "solutions" / f"{EXERCISE}.ipynb").checks
    code = grading_cell(checks)
    assert json.dumps(list(checks.items())) in code
    compile(code, "grading", "exec")
