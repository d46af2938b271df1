"""``lrkit workshop collect``: run the notebooks participants hand back, tabulate progress.

Each returned notebook is copied into its own temporary folder and run there in a separate
process with a time limit, so a participant's code never runs in the kit's folder and a
notebook that hangs is stopped. Every cell runs even if an earlier one raised. After the
participant's cells, the collector runs the exercise's check calls (from its solution
notebook) and records each question's status. The table has one row per notebook and one
column per question, plus a note for anything unusual: a renamed file, a wrong kernel name,
a cell that raised, a time-out, an unreadable file, an unknown exercise.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import nbformat
import pandas as pd

from lrkit.data import datasets_root
from lrkit.exercises.source import Exercise, read_exercise

RESULT_MARK = "LRKIT-RESULTS "
KERNEL = "python3"


@dataclass
class Outcome:
    """What happened to one returned notebook."""

    participant: str
    file: str
    exercise: str = ""
    results: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def grading_cell(checks: dict[str, str]) -> str:
    """Return the code appended to a participant's notebook to record each check's status."""
    pairs = json.dumps(list(checks.items()))
    return f"""import json as _lrkit_json
from lrkit.check import *  # noqa: F403
_lrkit_results = {{}}
for _lrkit_id, _lrkit_call in _lrkit_json.loads({pairs!r}):
    try:
        _lrkit_results[_lrkit_id] = getattr(eval(_lrkit_call), "status", "not yet")
    except NameError as _lrkit_error:
        _lrkit_results[_lrkit_id] = "missing: " + str(_lrkit_error)
    except Exception as _lrkit_error:
        _lrkit_results[_lrkit_id] = "error: " + type(_lrkit_error).__name__
print({RESULT_MARK!r} + _lrkit_json.dumps(_lrkit_results))
"""


def _identify(notebook: nbformat.NotebookNode, path: Path, known: dict[str, Exercise]) -> str:
    name = notebook.get("metadata", {}).get("lrkit", {}).get("exercise", "")
    if name in known:
        return name
    return path.stem if path.stem in known else ""


def _run(notebook: nbformat.NotebookNode, timeout: int) -> tuple[list[str], str | None]:
    """Run ``notebook`` in a temporary folder in another process; return errors and output."""
    with tempfile.TemporaryDirectory(prefix="lrkit-collect-") as work:
        source = Path(work) / "returned.ipynb"
        result = Path(work) / "executed.ipynb"
        nbformat.write(notebook, source)
        command = [sys.executable, "-m", "lrkit.exercises.runner", str(source), str(result)]
        env = dict(os.environ, LRKIT_DATA=str(datasets_root()))
        # A session of its own, so that on a time-out the kernel goes too, not just the runner.
        process = subprocess.Popen(
            command,
            cwd=work,
            env=env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return [f"timed out after {timeout} s"], None
        if not result.exists():
            return ["could not be run"], None
        executed = nbformat.read(result, as_version=4)
    errors, output = [], None
    for index, cell in enumerate(executed.cells):
        for item in cell.get("outputs", []):
            if item.get("output_type") == "error" and index < len(executed.cells) - 1:
                errors.append(f"cell {index + 1} raised {item.get('ename', 'an error')}")
            if item.get("output_type") == "stream" and RESULT_MARK in item.get("text", ""):
                line = [x for x in item["text"].splitlines() if x.startswith(RESULT_MARK)][0]
                output = line[len(RESULT_MARK) :]
    return errors, output


def collect_one(path: Path, root: Path, known: dict[str, Exercise], timeout: int) -> Outcome:
    """Run and grade one returned notebook."""
    relative = path.relative_to(root)
    participant = relative.parts[0] if len(relative.parts) > 1 else path.stem
    outcome = Outcome(participant=participant, file=str(relative))
    try:
        notebook = nbformat.read(path, as_version=4)
    except Exception as error:  # any unreadable file is reported, never fatal
        outcome.notes.append(f"unreadable notebook ({type(error).__name__})")
        return outcome
    outcome.exercise = _identify(notebook, path, known)
    if not outcome.exercise:
        outcome.notes.append("unknown exercise (not made by lrkit exercises build)")
        return outcome
    if path.stem != outcome.exercise:
        outcome.notes.append(f"renamed (is {outcome.exercise})")
    kernel = notebook.get("metadata", {}).get("kernelspec", {}).get("name")
    if kernel != KERNEL:
        outcome.notes.append(f"kernel {kernel!r} replaced by {KERNEL!r}")
    notebook.metadata["kernelspec"] = {
        "name": KERNEL,
        "display_name": "Python 3",
        "language": "python",
    }
    checks = known[outcome.exercise].checks
    notebook.cells.append(nbformat.v4.new_code_cell(grading_cell(checks)))
    errors, output = _run(notebook, timeout)
    outcome.notes += errors
    if output is None:
        outcome.results = {q: "not run" for q in checks}
    else:
        outcome.results = json.loads(output)
    return outcome


def collect(
    folder: Path,
    solutions: Path = Path("solutions"),
    out: Path | None = None,
    timeout: int = 120,
    parallel: int = 2,
) -> pd.DataFrame:
    """Run every notebook under ``folder``; write ``progress.csv``/``.html``; return the table.

    ``out`` defaults to ``folder``; ``parallel`` notebooks run at once (each in its own
    process). An empty folder gives an empty table and a note, not an error; only a missing
    folder is an error.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder} is not a folder of returned notebooks")
    known = {p.stem: read_exercise(p) for p in sorted(Path(solutions).glob("*.ipynb"))}
    out = Path(out) if out else folder
    paths = sorted(p for p in folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    with ThreadPoolExecutor(max_workers=max(1, parallel)) as pool:
        outcomes = list(pool.map(lambda p: collect_one(p, folder, known, timeout), paths))
    table = progress_table(outcomes, known)
    out.mkdir(parents=True, exist_ok=True)
    table.to_csv(out / "progress.csv", index=False, encoding="utf-8-sig")
    (out / "progress.html").write_text(progress_html(table, known, folder), encoding="utf-8")
    return table


#: Colour of a question's status on the progress page (anything else, e.g. an error, is red).
_STATUS_COLOURS = {"correct": "#d8f0d8", "not yet": "#fdf0c8", "not attempted": "#eeeeee"}
_PAGE_STYLE = """<style>
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 1.5em; }
table { border-collapse: collapse; margin-bottom: 1.5em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
td.status-error { background: #f8d4d4; }
</style>"""


def progress_html(table: pd.DataFrame, known: dict[str, Exercise], folder: Path) -> str:
    """Return the progress page: a section per exercise, a row per returned notebook.

    Each section shows only that exercise's questions (the CSV has every question of every
    exercise, mostly empty), each status coloured, the number correct out of the exercise's
    questions, and the notes (renamed file, wrong kernel, a cell that raised, a time-out).
    Notebooks that are not a kit exercise are listed last with their notes.
    """
    parts = [
        f"<!doctype html><html><head><meta charset='utf-8'><title>Workshop progress</title>"
        f"{_PAGE_STYLE}</head><body><h1>Workshop progress</h1>"
        f"<p>{len(table)} notebook(s) in {escape(str(folder))}</p>"
    ]
    if table.empty:
        parts.append("<p>No notebooks were found.</p>")
    for name, exercise in known.items():
        rows = table[table["exercise"] == name]
        if rows.empty:
            continue
        questions = list(exercise.checks)
        head = "".join(f"<th>{escape(h)}</th>" for h in ["participant", "file", *questions])
        body = []
        for _, row in rows.iterrows():
            cells = [escape(str(row["participant"])), escape(str(row["file"]))]
            cells = [f"<td>{c}</td>" for c in cells]
            for question in questions:
                status = row[f"{name}:{question}"]
                status = "" if pd.isna(status) else str(status)
                colour = _STATUS_COLOURS.get(status)
                style = f" style='background:{colour}'" if colour else " class='status-error'"
                cells.append(f"<td{style}>{escape(status)}</td>")
            cells.append(f"<td>{int(row['correct'])} / {len(questions)}</td>")
            cells.append(f"<td>{escape(str(row['notes']))}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        parts.append(
            f"<h2>{escape(name)}</h2><table><tr>{head}<th>correct</th><th>notes</th></tr>"
            + "".join(body)
            + "</table>"
        )
    others = table[~table["exercise"].isin(list(known))]
    if not others.empty:
        parts.append("<h2>Other files</h2>")
        parts.append(others[["participant", "file", "notes"]].to_html(index=False, na_rep=""))
    parts.append("</body></html>")
    return "".join(parts)


def progress_table(outcomes: list[Outcome], known: dict[str, Exercise]) -> pd.DataFrame:
    """Return one row per returned notebook, one column per question, and the notes."""
    questions = [f"{name}:{q}" for name, exercise in known.items() for q in exercise.checks]
    rows = []
    for outcome in outcomes:
        row = {
            "participant": outcome.participant,
            "file": outcome.file,
            "exercise": outcome.exercise,
        }
        for question, status in outcome.results.items():
            row[f"{outcome.exercise}:{question}"] = status
        row["correct"] = sum(s == "correct" for s in outcome.results.values())
        row["notes"] = "; ".join(outcome.notes)
        rows.append(row)
    columns = ["participant", "file", "exercise", *questions, "correct", "notes"]
    return pd.DataFrame(rows, columns=columns)
