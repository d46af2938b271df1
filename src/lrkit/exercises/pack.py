"""``lrkit workshop pack``: one folder of exercises and data per group of participants.

``groups.csv`` has one row per group with the columns ``group``, ``province``, ``year`` and,
optionally, ``seed`` and ``lang``. For each group the pack holds:

* ``groups/<group>/``: the learner notebooks with the group's parameters injected by
  papermill (not executed), the group's data (CSV for spreadsheets, Parquet for code; the
  notebooks draw the same data with the group's seed) and a participant README;
* ``answer-key/<group>/``: the solutions executed with the group's parameters, as HTML,
  and the group's ``truth/`` files (error ledger, true links and stoppages), for the
  trainer only — kept outside the groups' folders so it is never handed out by
  mistake.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pandas as pd
import papermill as pm
from nbconvert import HTMLExporter

from lrkit.parameters import check_profile_parameters
from lrkit.synth.build import DEFAULT_SEED, build

REQUIRED = ("group", "province", "year")
OPTIONAL = ("seed", "lang")
LANGUAGES = ("en", "vi")
_SAFE_NAME = re.compile(r"^[\w][\w .-]*$")


@dataclass(frozen=True)
class Group:
    """One group of participants and the parameters of its variant."""

    name: str
    province: str
    year: int
    seed: int
    lang: str

    def parameters(self) -> dict[str, object]:
        """Return the notebook parameters of this group."""
        return {"province": self.province, "year": self.year, "seed": self.seed, "lang": self.lang}


def read_groups(path: Path) -> list[Group]:
    """Read and check ``groups.csv``; errors name the row, column and allowed values."""
    table = pd.read_csv(path, dtype="str", keep_default_na=False, encoding="utf-8-sig")
    table.columns = [c.strip().lower() for c in table.columns]
    missing = [c for c in REQUIRED if c not in table.columns]
    if missing:
        raise ValueError(
            f"{path}: missing column(s) {missing}; needs {REQUIRED}, may have {OPTIONAL}"
        )
    unknown = sorted(set(table.columns) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise ValueError(f"{path}: unknown column(s) {unknown}; allowed: {REQUIRED + OPTIONAL}")
    if table.empty:
        raise ValueError(f"{path}: has no groups")
    groups = []
    for number, row in enumerate(table.to_dict("records"), start=2):  # row 1 is the header
        where = f"{path}, row {number}"
        name = row["group"].strip()
        if not _SAFE_NAME.match(name):
            raise ValueError(f"{where}: group name {name!r} must be letters, digits, space, . _ -")
        try:
            params = check_profile_parameters(
                row["province"], row["year"], row.get("seed") or DEFAULT_SEED
            )
        except (ValueError, TypeError) as error:
            raise ValueError(f"{where}: {error}") from None
        lang = (row.get("lang") or "en").strip().lower()
        if lang not in LANGUAGES:
            raise ValueError(f"{where}: lang {lang!r} is not one of {', '.join(LANGUAGES)}")
        groups.append(Group(name, params.province, params.year, params.seed, lang))
    names = [g.name for g in groups]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError(f"{path}: group name(s) used twice: {duplicates}")
    return groups


def _declared_parameters(notebook: Path) -> set[str]:
    return set(pm.inspect_notebook(str(notebook)))


def _literal(value: object) -> str:
    """Return a Python literal for ``value`` that keeps Vietnamese letters readable."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a Python string
    return repr(value)


def _inject(source: Path, target: Path, group: Group) -> None:
    r"""Inject the group's parameters with papermill, without running the notebook.

    papermill writes non-ASCII text as escapes (``H\u1ea3i Ph\xf2ng``): correct Python,
    but unreadable for a participant, so the injected cell is rewritten with plain letters.
    """
    wanted = _declared_parameters(source)
    parameters = {k: v for k, v in group.parameters().items() if k in wanted}
    pm.execute_notebook(
        str(source),
        str(target),
        parameters=parameters,
        prepare_only=True,
        kernel_name="python3",
        progress_bar=False,
    )
    notebook = nbformat.read(target, as_version=4)
    lines = [f"{name} = {_literal(value)}" for name, value in parameters.items()]
    for cell in notebook.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.source = "# Parameters of your group (set by your trainer)\n" + "\n".join(lines)
    # One parameters cell, not two: the notebook's own defaults (the cell papermill keeps
    # above the injected one) would only confuse a participant told to use "the next cell".
    notebook.cells = [c for c in notebook.cells
                      if "parameters" not in c.metadata.get("tags", [])]  # fmt: skip
    nbformat.write(notebook, target)


def _answer_key(solution: Path, target_html: Path, group: Group, timeout: int) -> None:
    wanted = _declared_parameters(solution)
    parameters = {k: v for k, v in group.parameters().items() if k in wanted}
    with tempfile.TemporaryDirectory(prefix="lrkit-key-") as work:
        executed = Path(work) / solution.name
        pm.execute_notebook(
            str(solution),
            str(executed),
            parameters=parameters,
            kernel_name="python3",
            cwd=work,
            progress_bar=False,
            execution_timeout=timeout,
        )
        body, _ = HTMLExporter().from_notebook_node(nbformat.read(executed, as_version=4))
    target_html.write_text(body, encoding="utf-8")


#: The participant README, in each group's language (``lang`` in the groups file).
README = {
    "en": """# Workshop exercises: group {name}

Your group's variant: **{province}**, year **{year}**, data seed **{seed}**.

1. Open JupyterLab in this folder (trainers: `make lab`, or `jupyter lab` in the kit's
   environment) and open each notebook in order: {notebooks}.
2. Run the cells from the top. Where you see `...` or `# YOUR CODE HERE`, write your code,
   then run the check cell under it: it says "Correct", or gives a hint without the answer.
3. Do not change the first cells (the parameters of your group).
4. Save the notebooks and hand them back to your trainer as they are (any file name).

The `data/` folder holds your group's data as CSV (opens in Excel with the Vietnamese
letters intact) and Parquet. **The data are synthetic**: drawn by a model for teaching,
they describe no real person or enterprise.
""",
    "vi": """# Bài tập hội thảo: nhóm {name}

Phiên bản của nhóm: **{province}**, năm **{year}**, hạt giống dữ liệu (seed) **{seed}**.

1. Mở JupyterLab trong thư mục này (giảng viên: `make lab`, hoặc `jupyter lab` trong môi
   trường của bộ tài liệu) và lần lượt mở từng notebook theo thứ tự: {notebooks}.
2. Chạy các ô từ trên xuống. Ở chỗ có `...` hoặc `# YOUR CODE HERE`, hãy viết mã của bạn
   rồi chạy ô kiểm tra ngay bên dưới: ô này báo "Correct" (đúng) hoặc đưa ra gợi ý mà
   không tiết lộ đáp án.
3. Không sửa các ô đầu tiên (tham số của nhóm).
4. Lưu các notebook và nộp lại cho giảng viên nguyên như vậy (tên tệp nào cũng được).

Nội dung các notebook và các thông báo kiểm tra được viết bằng tiếng Anh; các bài có tạo
văn bản (báo cáo, câu trả lời) dùng ngôn ngữ của nhóm.

Thư mục `data/` chứa dữ liệu của nhóm dưới dạng CSV (mở bằng Excel vẫn giữ nguyên chữ
tiếng Việt) và Parquet. **Dữ liệu là dữ liệu mô phỏng**: được tạo ra từ một mô hình để phục
vụ đào tạo, không mô tả bất kỳ người hay doanh nghiệp có thật nào.
""",
}


def pack(
    groups_csv: Path,
    out: Path,
    solutions: Path = Path("solutions"),
    exercises: Path = Path("exercises"),
    timeout: int = 300,
    jobs: int | None = None,
) -> list[Path]:
    """Write the workshop pack for every group in ``groups_csv`` into ``out``.

    Returns the group folders. Refuses to write into a non-empty ``out`` so a previous pack
    (perhaps with returned work in it) is never overwritten. The answer keys (every solution
    run with every group's parameters) are executed ``jobs`` at a time, each in its own
    process (default: one per CPU core).
    """
    jobs = os.cpu_count() or 1 if jobs is None else jobs
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs must be a whole number of 1 or more, got {jobs!r}")
    groups = read_groups(Path(groups_csv))
    learner_notebooks = sorted(Path(exercises).glob("*.ipynb"))
    if not learner_notebooks:
        raise FileNotFoundError(
            f"no exercise notebooks in {exercises}: run `lrkit exercises build`"
        )
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty: choose a new folder for the pack")
    folders = []
    keys: list[tuple[Path, Path, Group]] = []
    for group in groups:
        folder = out / "groups" / group.name
        (folder / "data").mkdir(parents=True)
        for notebook in learner_notebooks:
            _inject(notebook, folder / notebook.name, group)
        built = build(folder / "data", seed=group.seed)
        key = out / "answer-key" / group.name
        key.mkdir(parents=True)
        for path in built:
            if path.suffix not in (".csv", ".parquet", ".md"):
                path.unlink()  # truth.json and checksums stay with the trainer
        # the true links, the true stoppages and the error ledger answer the cleaning and
        # linkage exercises: they go to the trainer's answer key, not to the participants
        shutil.move(folder / "data" / "truth", key / "truth")
        names = ", ".join(f"`{n.name}`" for n in learner_notebooks)
        (folder / "README.md").write_text(
            README[group.lang].format(
                name=group.name,
                province=group.province,
                year=group.year,
                seed=group.seed,
                notebooks=names,
            ),
            encoding="utf-8",
        )
        for notebook in learner_notebooks:
            keys.append((Path(solutions) / notebook.name, key / f"{notebook.stem}.html", group))
        folders.append(folder)
    # processes, not threads: papermill changes the working folder of the whole process
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        for done in [pool.submit(_answer_key, *k, timeout) for k in keys]:
            done.result()  # an error in any answer key stops the pack, naming it
    shutil.copy(groups_csv, out / "groups.csv")
    return folders
