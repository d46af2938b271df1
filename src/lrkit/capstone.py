"""The capstone (Module 7): one reproducible mini-project, from raw deliveries to a brief.

One question set, one province, one year, one command::

    lrkit capstone run --province "Đồng Nai" --year 2025 [--seed N] [--lang vi] --out DIR

re-runs every step of the project from the raw agency deliveries, with the kit's own
functions only:

=============  ===========================================================================
``raw``        receive the inputs: the ministry's and VGCL's raw strike deliveries, the
               survey records, the enterprise frame, the error ledger and the truth; hash
               each one (SHA-256) and count its rows (:func:`receive`)
``clean``      clean both deliveries with :func:`lrkit.clean.clean_delivery`, every row kept
               or set aside with a reason, and score the cleaning against the error ledger
               (:func:`clean`)
``link``       keep the records of the province (as it is since July 2025), link the two
               registers with :func:`lrkit.linkage.link_registers` and measure the links
               against the true links; one row per distinct stoppage (:func:`link`)
``indicators`` union density, bargaining coverage and the share below the minimum wage
               with their precision (:mod:`lrkit.ir_indicators`), and the stoppages of the
               year with disclosure control (:mod:`lrkit.disclosure`) (:func:`indicators`)
``impact``     one impact question: the difference-in-differences of the minimum-wage rise
               of the year (:func:`lrkit.impact.did_regression`), next to the generator's
               true effect (:func:`impact`)
``brief``      a policy brief in English or Vietnamese (Markdown and HTML, one chart),
               every text from :mod:`lrkit.labels`, marked SYNTHETIC (:func:`brief`)
=============  ===========================================================================

Each step returns a :class:`Step`: its data and its **accounting** (:class:`Accounting`,
rows received, kept and set aside, with what "set aside" means at that step), so that the
rows can be followed from the delivered files to the brief.

:func:`run_capstone` runs the steps, runs them **a second time** and compares every output
byte for byte, then writes the outputs, a ``checklist.md`` whose items are ticked only by
checks the run performs (seeded, inputs hashed, outputs re-created identically, environment
recorded, row accounting balances, marked synthetic, disclosure control) and a
``manifest.json`` (parameters, software versions, SHA-256 of every input and output). No
output holds a time stamp or the output folder, so the same command gives the same bytes,
wherever it is run on the same software.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import platform
import random
import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from lrkit.brief import STRATA, change_between, describe_change
from lrkit.clean import Cleaning, clean_delivery, decode, delivery_bytes, score_cleaning
from lrkit.disclosure import MIN_COUNT, TOTAL, ProtectedTable, protect_frequency_table
from lrkit.folders import writable_folder
from lrkit.impact import (
    Estimate,
    did_regression,
    event_time,
    rise_for_year,
    true_rise_effect,
)
from lrkit.ir_indicators import (
    bargaining_coverage_estimates,
    share_below_minimum_wage,
    union_density_estimates,
)
from lrkit.labels import check_lang, format_date, number, place_name, t
from lrkit.linkage import Linkage, link_registers, linkage_quality
from lrkit.parameters import check_profile_parameters
from lrkit.survey import CAUTION, SUPPRESS
from lrkit.synth.build import DEFAULT_SEED

#: The capstone's years. Its impact question studies a rise in or before the year, and the
#: first rise with survey quarters on both sides in the data is that of 1 July 2022.
YEARS: tuple[int, ...] = (2022, 2023, 2024, 2025)
#: The steps of the pipeline, in order.
STEPS: tuple[str, ...] = ("raw", "clean", "link", "indicators", "impact", "brief")
#: The two raw deliveries the project starts from (names of :data:`lrkit.clean.DELIVERIES`).
REGISTERS: tuple[str, ...] = ("ministry_strikes", "vgcl_strikes")
#: Where a stoppage was recorded: in both registers (linked), or in one only.
SOURCES: tuple[str, ...] = ("both", "ministry", "vgcl")
#: The verdicts of the impact question (:func:`impact_verdict`).
RAISED, LOWERED, CANNOT_TELL = "raised", "lowered", "cannot tell"
VERDICTS: tuple[str, ...] = (RAISED, LOWERED, CANNOT_TELL)
#: The packages whose versions the manifest records.
PACKAGES: tuple[str, ...] = (
    "lrkit", "numpy", "pandas", "pyarrow", "scipy", "statsmodels", "matplotlib",
    "markdown-it-py",
)  # fmt: skip
SCALE = "workshop"
_PLACEHOLDER_OUT = "<folder>"


# ------------------------------------------------------------------------------ parameters
@dataclass(frozen=True)
class CapstoneParameters:
    """Checked parameters of one capstone run."""

    province: str
    year: int
    seed: int
    lang: str
    scale: str = SCALE

    @property
    def rise(self) -> str:
        """The minimum-wage rise the impact question studies (2022-2023: 2022, else 2024)."""
        return rise_for_year(self.year)

    def command(self, out: str = _PLACEHOLDER_OUT) -> str:
        """Return the one command that re-creates the run (the folder left as ``out``)."""
        return (
            f'lrkit capstone run --province "{self.province}" --year {self.year} '
            f"--seed {self.seed} --lang {self.lang} --out {out}"
        )

    def as_dict(self) -> dict[str, object]:
        """Return the parameters as plain values (for the manifest)."""
        return {
            "province": self.province,
            "year": self.year,
            "seed": self.seed,
            "lang": self.lang,
            "scale": self.scale,
            "rise": self.rise,
        }


def check_capstone_parameters(
    province: object, year: object, seed: object = None, lang: object = "en"
) -> CapstoneParameters:
    """Return the checked parameters, or stop with an error naming the parameter.

    ``province``: one of the three pilot provinces (diacritics optional); ``year``: one of
    :data:`YEARS` (2022-2025); ``seed``: a whole number ≥ 0 (``None``:
    the committed data); ``lang``: ``"en"`` or ``"vi"``. The errors come from
    :func:`lrkit.parameters.check_profile_parameters` and :func:`lrkit.labels.check_lang`:
    each names the parameter and the value, and lists what is allowed.
    """
    checked = check_profile_parameters(province, year, seed)  # type: ignore[arg-type]
    if checked.year not in YEARS:
        raise ValueError(
            f"year {checked.year} is not a capstone year: the impact question studies the "
            "minimum-wage rise of the year or of the year before (1 July 2022 or 1 July 2024), "
            f"so the year must be one of {', '.join(map(str, YEARS))}"
        )
    return CapstoneParameters(checked.province, checked.year, checked.seed, check_lang(lang))


def _check_out_dir(out_dir: object) -> Path:
    """Return ``out_dir`` as a folder that exists and can be written, or stop naming it.

    The folder is created and a probe file written and removed *before* the steps run, so
    that a folder that cannot be written (a file on its path, no permission) stops the run
    at once with a ``PermissionError`` naming ``out_dir``, which ``lrkit capstone run``
    reports with exit status 2. (Without the probe, the run did all its work first and
    then failed while writing, with an ``OSError`` such as ``NotADirectoryError`` that
    the command did not catch.)
    """
    if not isinstance(out_dir, str | Path) or not str(out_dir).strip():
        raise TypeError(f"out_dir must be a folder name, got {out_dir!r}")
    path = Path(out_dir)
    if path.exists() and not path.is_dir():
        raise ValueError(f"out_dir {str(path)!r} is a file, not a folder: give a folder name")
    return writable_folder(path, "out_dir")


# ------------------------------------------------------------------------------ accounting
@dataclass(frozen=True)
class Accounting:
    """Rows received, kept and set aside by one part of a step.

    ``note`` says what the set-aside rows are: at the ``link`` step, for example, VGCL
    records merged into the ministry record of the same stoppage (set aside as rows, not
    lost as stoppages).
    """

    step: str
    part: str
    received: int
    kept: int
    set_aside: int
    note: str = ""

    @property
    def balanced(self) -> bool:
        """True when received = kept + set aside."""
        return self.received == self.kept + self.set_aside

    def as_row(self) -> dict[str, object]:
        """Return the record as a table row."""
        return {
            "step": self.step,
            "part": self.part,
            "received": self.received,
            "kept": self.kept,
            "set_aside": self.set_aside,
            "note": self.note,
        }


@dataclass
class Step:
    """The result of one step: its ``data`` (by name) and its ``accounting``."""

    name: str
    data: dict[str, Any]
    accounting: list[Accounting] = field(default_factory=list)

    def accounting_table(self) -> pd.DataFrame:
        """Return the step's accounting as a table."""
        return accounting_table([self])


def accounting_table(steps: list[Step] | dict[str, Step]) -> pd.DataFrame:
    """Return the accounting of ``steps`` as one table (step, part, received, kept, …)."""
    items = steps.values() if isinstance(steps, dict) else steps
    rows = [record.as_row() for step in items for record in step.accounting]
    columns = ["step", "part", "received", "kept", "set_aside", "note"]
    return pd.DataFrame(rows, columns=columns)


# ------------------------------------------------------------------------------ hashing
def sha256(data: bytes) -> str:
    """Return the SHA-256 checksum of ``data`` as 64 hexadecimal digits."""
    return hashlib.sha256(data).hexdigest()


def frame_sha256(frame: pd.DataFrame) -> str:
    """Return a SHA-256 of a data frame's column names, types and row hashes.

    For data drawn in memory (a seed other than the committed one), where there is no file
    to hash; equal frames give equal checksums.
    """
    digest = hashlib.sha256()
    digest.update(json.dumps([[str(c), str(t)] for c, t in frame.dtypes.items()]).encode())
    digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Input:
    """One input of the run: its name, where it came from, its rows and its checksum."""

    name: str
    source: str
    rows: int
    sha256: str

    def as_dict(self) -> dict[str, object]:
        """Return the input as plain values (for the manifest)."""
        return {"name": self.name, "source": self.source, "rows": self.rows,
                "sha256": self.sha256}  # fmt: skip


def _data_rows(data: bytes) -> int:
    text, _ = decode(data)
    header = text.split("\n", 1)[0]
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";" if ";" in header else ","))
    return max(0, len(rows) - 1)


def _relative(path: Path) -> str:
    from lrkit.data import datasets_root

    try:
        return path.resolve().relative_to(datasets_root().resolve().parent).as_posix()
    except ValueError:
        return path.name


# ------------------------------------------------------------------------------ step: raw
def receive(params: CapstoneParameters) -> Step:
    """Step ``raw``: read every input once, count its rows and hash it.

    With the committed seed, the files are hashed as they are on disk; another seed draws
    the data in memory (:func:`lrkit.data.load_dataset`), and their content is hashed
    (:func:`frame_sha256`). ``data``: ``deliveries`` (name → bytes), ``workers``,
    ``enterprises``, ``ledger`` (the error ledger of both deliveries), ``truth`` (the
    true effects of the minimum-wage rises) and ``inputs`` (a list of :class:`Input`).
    """
    from lrkit.clean import DELIVERIES, delivery_ledger
    from lrkit.data import datasets_root, load_dataset, raw_path
    from lrkit.impact import true_rise_effects
    from lrkit.reference.minimum_wage import schedule
    from lrkit.synth.schema import DATASETS as SCHEMAS

    built = params.seed == DEFAULT_SEED
    inputs: list[Input] = []
    accounting: list[Accounting] = []
    deliveries: dict[str, bytes] = {}
    for name in REGISTERS:
        data = delivery_bytes(name, params.scale, params.seed)
        deliveries[name] = data
        rows = _data_rows(data)
        source = (
            _relative(raw_path(name, params.scale))
            if built
            else f"{DELIVERIES[name].file}, drawn in memory with seed {params.seed}"
        )
        inputs.append(Input(name, source, rows, sha256(data)))
        accounting.append(Accounting("raw", name, rows, rows, 0, "rows as delivered"))
    frames: dict[str, pd.DataFrame] = {}
    for name in ("workers", "enterprises"):
        frame = load_dataset(name, params.scale, params.seed)
        frames[name] = frame
        if built:
            path = datasets_root() / params.scale / SCHEMAS[name].folder / f"{name}.parquet"
            inputs.append(Input(name, _relative(path), len(frame), sha256(path.read_bytes())))
        else:
            source = f"{name} dataset, drawn in memory with seed {params.seed}"
            inputs.append(Input(name, source, len(frame), frame_sha256(frame)))
        accounting.append(Accounting("raw", name, len(frame), len(frame), 0, "records as built"))
    ledger = pd.concat(
        [delivery_ledger(name, params.scale, params.seed) for name in REGISTERS],
        ignore_index=True,
    )
    truth = true_rise_effects(None if built else params.seed)
    truth_bytes = json.dumps(truth, sort_keys=True, ensure_ascii=False).encode("utf-8")
    if built:
        ledger_path = datasets_root() / params.scale / "truth" / "error_ledger.csv"
        truth_path = datasets_root() / params.scale / "truth.json"
        ledger_bytes = ledger_path.read_bytes()  # every delivery's faults; the project reads two
        inputs.append(Input("error_ledger", _relative(ledger_path), _data_rows(ledger_bytes),
                            sha256(ledger_bytes)))  # fmt: skip
        inputs.append(Input("truth", _relative(truth_path), len(truth),
                            sha256(truth_path.read_bytes())))  # fmt: skip
    else:
        where = f"drawn in memory with seed {params.seed}"
        inputs.append(Input("error_ledger", f"error ledger, {where}", len(ledger),
                            frame_sha256(ledger)))  # fmt: skip
        inputs.append(Input("truth", f"true effects of the rises, {where}", len(truth),
                            sha256(truth_bytes)))  # fmt: skip
    decrees = schedule()
    inputs.append(Input("minimum_wage", "lrkit/reference/minimum_wage.csv (real decrees)",
                        len(decrees), frame_sha256(decrees)))  # fmt: skip
    return Step(
        "raw",
        {"deliveries": deliveries, "ledger": ledger, "truth": truth, "inputs": inputs, **frames},
        accounting,
    )


# ------------------------------------------------------------------------------ step: clean
def clean(raw: Step, params: CapstoneParameters) -> Step:
    """Step ``clean``: clean both deliveries; every row kept or set aside with a reason.

    The bytes cleaned are those the ``raw`` step hashed. Counts of workers are bounded by
    the largest enterprise of the frame. ``data``: ``cleanings`` (name →
    :class:`lrkit.clean.Cleaning`) and ``scores`` (name → :class:`lrkit.clean.CleaningScore`,
    against the error ledger). The accounting has one row per delivery and one per cleaning
    step (``"ministry_strikes / duplicates"``, …).
    """
    largest = int(raw.data["enterprises"]["employees"].max())
    cleanings: dict[str, Cleaning] = {}
    scores = {}
    accounting: list[Accounting] = []
    for name in REGISTERS:
        cleaning = clean_delivery(
            name, scale=params.scale, seed=params.seed, source=raw.data["deliveries"][name],
            max_workers=largest,
        )  # fmt: skip
        cleanings[name] = cleaning
        scores[name] = score_cleaning(cleaning, raw.data["ledger"])
        accounting.append(
            Accounting("clean", name, cleaning.received, len(cleaning.kept),
                       len(cleaning.set_aside), "rows set aside with a reason, for the agency")
        )  # fmt: skip
        for part in cleaning.steps:
            accounting.append(
                Accounting("clean", f"{name} / {part.step}", part.received, len(part.kept),
                           len(part.set_aside), "")
            )  # fmt: skip
    return Step("clean", {"cleanings": cleanings, "scores": scores}, accounting)


# ------------------------------------------------------------------------------ step: link
def registers_from_cleaning(
    ministry: pd.DataFrame, vgcl: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the clean rows of the two deliveries with the columns of the linkage.

    ``ministry`` and ``vgcl`` are the ``kept`` tables of the two cleanings. Records are
    named by register and delivered row (``M12``: row 12 of the ministry's file, ``V7``:
    row 7 of VGCL's), which is also how the error ledger names them. ``province`` is the
    current (34-unit) province, ``province_2025``: a stoppage in the former Bình Phước
    belongs to Đồng Nai. Columns: :data:`lrkit.linkage.LINK_COLUMNS`.
    """
    left = pd.DataFrame(
        {
            "record_id": "M" + ministry["row"].astype("int64").astype(str),
            "register": "ministry",
            "year": ministry["start_date"].dt.year.astype("int64"),
            "province": ministry["province_2025"].astype(str),
            "start_date": pd.to_datetime(ministry["start_date"]),
            "enterprise_name": ministry["enterprise_name"].astype(str),
            "workers": ministry["workers_involved"].astype("float64"),
            "duration": ministry["duration_workdays"].astype("float64"),
        }
    )
    right = pd.DataFrame(
        {
            "record_id": "V" + vgcl["row"].astype("int64").astype(str),
            "register": "vgcl",
            "year": vgcl["reported_start_date"].dt.year.astype("int64"),
            "province": vgcl["province_2025"].astype(str),
            "start_date": pd.to_datetime(vgcl["reported_start_date"]),
            "enterprise_name": vgcl["enterprise_name"].astype(str),
            "workers": vgcl["peak_workers"].astype("float64"),
            "duration": vgcl["duration_workdays"].astype("float64"),
        }
    )
    return left.reset_index(drop=True), right.reset_index(drop=True)


def true_delivery_links(ledger: pd.DataFrame) -> pd.DataFrame:
    """Return the true links between the delivered rows, from the error ledger.

    The ledger lists every VGCL row that describes the same stoppage as a ministry row
    (fault type ``duplicate_across_registers``, "same stoppage as raw/bo_dinh_cong.csv row
    N"). Columns ``left_id`` (``M<row>``) and ``right_id`` (``V<row>``), as
    :func:`registers_from_cleaning` names the records.
    """
    across = ledger[ledger["fault_type"] == "duplicate_across_registers"]
    rows = across["delivered_value"].str.extract(r"row (\d+)")[0]
    if rows.isna().any():
        raise ValueError("a duplicate_across_registers row of the ledger names no ministry row")
    links = pd.DataFrame(
        {"left_id": "M" + rows.astype(str), "right_id": "V" + across["row"].astype(str)}
    )
    return links.sort_values(["left_id", "right_id"]).reset_index(drop=True)


def stoppages_table(linkage: Linkage, left: pd.DataFrame, right: pd.DataFrame) -> pd.DataFrame:
    """Return one row per distinct stoppage: linked pairs once, unlinked records alone.

    Columns: ``stoppage_id``, ``registers`` (``both``, ``ministry`` or ``vgcl``), ``year``
    and ``start_date`` (the ministry's when it recorded the stoppage, else VGCL's),
    ``province``, ``enterprise_name``, ``ministry_record``, ``vgcl_record``,
    ``ministry_workers``, ``vgcl_workers`` (the ministry's workers involved, VGCL's peak),
    ``duration_workdays`` and ``link_score``.
    """
    keep = ["record_id", "year", "province", "start_date", "enterprise_name", "workers",
            "duration"]  # fmt: skip
    lft = left[keep].rename(columns={"record_id": "ministry_record", "workers": "ministry_workers"})
    rgt = right[keep].rename(columns={"record_id": "vgcl_record", "workers": "vgcl_workers"})
    pairs = linkage.links.rename(
        columns={"left_id": "ministry_record", "right_id": "vgcl_record", "score": "link_score"}
    )
    both = pairs.merge(lft, on="ministry_record").merge(
        rgt[["vgcl_record", "vgcl_workers"]], on="vgcl_record"
    )
    both["registers"] = "both"
    ministry = lft[~lft["ministry_record"].isin(pairs["ministry_record"])].assign(
        registers="ministry"
    )
    vgcl = rgt[~rgt["vgcl_record"].isin(pairs["vgcl_record"])].assign(registers="vgcl")
    table = pd.concat([both, ministry, vgcl], ignore_index=True)
    table = table.rename(columns={"duration": "duration_workdays"})
    for column in ("ministry_record", "vgcl_record"):
        table[column] = table[column].astype("object").where(table[column].notna(), None)
    table = table.sort_values(
        ["start_date", "ministry_record", "vgcl_record"], na_position="last", kind="stable"
    ).reset_index(drop=True)
    table.insert(0, "stoppage_id", [f"S{i:04d}" for i in range(1, len(table) + 1)])
    columns = ["stoppage_id", "registers", "year", "start_date", "province", "enterprise_name",
               "ministry_record", "vgcl_record", "ministry_workers", "vgcl_workers",
               "duration_workdays", "link_score"]  # fmt: skip
    table = table.reindex(columns=columns)
    return table.astype(
        {"year": "int64", "ministry_record": "string", "vgcl_record": "string",
         "link_score": "Float64", "ministry_workers": "Float64", "vgcl_workers": "Float64"}
    )  # fmt: skip


def link(clean_step: Step, raw: Step, params: CapstoneParameters) -> Step:
    """Step ``link``: keep the province's records, link the registers, count stoppages once.

    ``data``: ``left`` and ``right`` (the province's records of each register, all years),
    ``linkage`` (:class:`lrkit.linkage.Linkage`), ``stoppages`` (:func:`stoppages_table`)
    and ``quality`` (precision, recall and F1 of the links against the true links between
    the records that reached this step, :func:`lrkit.linkage.linkage_quality`).
    """
    cleanings = clean_step.data["cleanings"]
    left_all, right_all = registers_from_cleaning(
        cleanings["ministry_strikes"].kept, cleanings["vgcl_strikes"].kept
    )
    left = left_all[left_all["province"] == params.province].reset_index(drop=True)
    right = right_all[right_all["province"] == params.province].reset_index(drop=True)
    other = "records of the other provinces: not part of this project"
    accounting = [
        Accounting("link", "ministry_strikes: records of the province", len(left_all),
                   len(left), len(left_all) - len(left), other),
        Accounting("link", "vgcl_strikes: records of the province", len(right_all),
                   len(right), len(right_all) - len(right), other),
    ]  # fmt: skip
    linkage = link_registers(left, right)
    truth = true_delivery_links(raw.data["ledger"])
    reached = truth["left_id"].isin(left["record_id"]) & truth["right_id"].isin(right["record_id"])
    here = truth[reached]
    quality = linkage_quality(linkage.links, here)
    stoppages = stoppages_table(linkage, left, right)
    accounting.append(
        Accounting("link", "records → distinct stoppages", len(left) + len(right),
                   len(stoppages), len(linkage.links),
                   "VGCL records merged into the ministry record of the same stoppage")
    )  # fmt: skip
    return Step(
        "link",
        {"left": left, "right": right, "linkage": linkage, "stoppages": stoppages,
         "quality": quality},
        accounting,
    )  # fmt: skip


# ------------------------------------------------------------------------------ step: indicators
def stoppage_counts(stoppages: pd.DataFrame, first: int, year: int) -> pd.DataFrame:
    """Return distinct stoppages by year (``first`` to ``year``) and register (:data:`SOURCES`)."""
    rows = stoppages[stoppages["year"].between(first, year)]
    counts = pd.crosstab(rows["year"], rows["registers"]) if len(rows) else pd.DataFrame()
    counts = counts.reindex(index=range(first, year + 1), columns=list(SOURCES), fill_value=0)
    counts.index, counts.columns = list(counts.index), list(counts.columns)
    return counts.astype("int64")


def _survey_row(code: str, row: pd.Series, params: CapstoneParameters) -> dict[str, object]:
    return {
        "indicator": code,
        "source": "survey",
        "province": params.province,
        "year": params.year,
        "value": float(row["rate"]),
        "unit": "%",
        "se": float(row["se"]),
        "ci_lower": float(row["ci_lower"]),
        "ci_upper": float(row["ci_upper"]),
        "cv_pct": float(row["cv_pct"]),
        "n": int(row["n"]),
        "flag": str(row["flag"]),
        "published": str(row["flag"]) != SUPPRESS,
    }


def _register_row(
    code: str, value: int, published: bool, params: CapstoneParameters
) -> dict[str, object]:
    return {
        "indicator": code,
        "source": "registers",
        "province": params.province,
        "year": params.year,
        "value": float(value),
        "unit": "stoppages",
        "se": np.nan,
        "ci_lower": np.nan,
        "ci_upper": np.nan,
        "cv_pct": np.nan,
        "n": np.nan,
        "flag": "register" if published else "confidential",
        "published": published,
    }


def indicators(link_step: Step, raw: Step, params: CapstoneParameters) -> Step:
    """Step ``indicators``: the survey indicators with precision, the stoppages protected.

    Survey (the province's records, the design's strata ``year × quarter × stratum``):
    union density, bargaining coverage and the share of wage workers paid below the
    minimum wage in force, each with its SE, 95% CI, CV, sample size and reliability flag.
    Registers: the stoppages of the year, by register, from a table of distinct stoppages
    by year × register protected with :func:`lrkit.disclosure.protect_frequency_table`; a
    count is published only when every figure that could give it away is. ``data``:
    ``table`` (the indicators), ``density_by_year``, ``coverage_by_year``, ``change``
    (:class:`lrkit.brief.Change` from the year before, or ``None``), ``stoppages``
    (:class:`lrkit.disclosure.ProtectedTable`).
    """
    from lrkit.report import reference_dates
    from lrkit.synth.params import YEARS

    workers = raw.data["workers"]
    here = workers[(workers["province"] == params.province) & (workers["year"] <= params.year)]
    here = here.reset_index(drop=True)
    this_year = here[here["year"] == params.year].reset_index(drop=True)
    density_by_year = union_density_estimates(here, by="year", strata=list(STRATA))
    coverage_by_year = bargaining_coverage_estimates(here, by="year", strata=list(STRATA))
    below = share_below_minimum_wage(this_year, on=reference_dates(this_year),
                                     strata=list(STRATA)).iloc[0]  # fmt: skip
    rows = [
        _survey_row("union_density", density_by_year.set_index("year").loc[params.year],
                    params),
        _survey_row("bargaining_coverage", coverage_by_year.set_index("year")
                    .loc[params.year], params),
        _survey_row("below_minimum", below, params),
    ]  # fmt: skip
    first = min(YEARS)
    counts = stoppage_counts(link_step.data["stoppages"], first, params.year)
    protected = protect_frequency_table(counts)
    hidden = protected.hidden.loc[params.year]
    values = protected.values.loc[params.year]
    all_shown = not bool(hidden.any())
    rows += [
        _register_row("stoppages_ministry", int(values["both"] + values["ministry"]), all_shown,
                      params),
        _register_row("stoppages_vgcl", int(values["both"] + values["vgcl"]), all_shown, params),
        _register_row("stoppages_both", int(values["both"]), all_shown, params),
        _register_row("stoppages_distinct", int(values[TOTAL]), not bool(hidden[TOTAL]), params),
    ]  # fmt: skip
    table = pd.DataFrame(rows)
    change = None
    if params.year - 1 in set(density_by_year["year"]):
        change = change_between(density_by_year, params.year - 1, params.year)
    employees = int((this_year["status"] == "employee").sum())
    stoppages = link_step.data["stoppages"]
    in_year = int((stoppages["year"] == params.year).sum())
    accounting = [
        Accounting("indicators", "survey records of the province and year", len(this_year),
                   employees, len(this_year) - employees,
                   "not employees: outside the denominator of density and coverage (ILO)"),
        Accounting("indicators", "distinct stoppages of the province", len(stoppages), in_year,
                   len(stoppages) - in_year, "stoppages of other years"),
    ]  # fmt: skip
    return Step(
        "indicators",
        {"table": table, "density_by_year": density_by_year, "coverage_by_year": coverage_by_year,
         "change": change, "stoppages": protected, "below": below},
        accounting,
    )  # fmt: skip


# ------------------------------------------------------------------------------ step: impact
def impact_verdict(estimate: Estimate) -> str:
    """Return :data:`RAISED` or :data:`LOWERED` when the 95% CI excludes 0, else CANNOT_TELL."""
    if estimate.ci_lower is None or estimate.ci_upper is None:
        raise ValueError(f"{estimate.method}: no confidence interval")
    if estimate.ci_lower > 0:
        return RAISED
    if estimate.ci_upper < 0:
        return LOWERED
    return CANNOT_TELL


def impact(raw: Step, params: CapstoneParameters) -> Step:
    """Step ``impact``: the effect of the year's minimum-wage rise on the pay of the low paid.

    The rise is :func:`lrkit.impact.rise_for_year` of the year; the estimate the 2×2
    difference-in-differences of :func:`lrkit.impact.did_regression` (standard errors
    clustered by enumeration area), on the whole workshop sample: minimum wages are set by
    region, not by province. The truth is :func:`lrkit.impact.true_rise_effect` (from
    ``truth.json``, or from the generator for another seed). ``data``: ``estimate``,
    ``truth``, ``verdict`` and ``table`` (one row, estimate next to truth).
    """
    workers = raw.data["workers"]
    rise = params.rise
    estimate = did_regression(workers, rise)
    truth = true_rise_effect(workers, rise, effects=raw.data["truth"])
    verdict = impact_verdict(estimate)
    table = pd.DataFrame(
        [{
            "rise": rise, "design": estimate.method, "estimate": estimate.estimate,
            "se": estimate.se, "ci_lower": estimate.ci_lower, "ci_upper": estimate.ci_upper,
            "n": estimate.n, "clusters": estimate.clusters, "truth": truth,
            "error": estimate.estimate - truth, "ci_covers_truth": estimate.covers(truth),
            "ci_covers_zero": estimate.covers(0.0), "verdict": verdict,
        }]
    )  # fmt: skip
    k = event_time(workers, rise)
    received = int(k.isin([-1, 0]).sum())
    accounting = [
        Accounting("impact", f"survey records of the quarter before and of the rise {rise}",
                   received, int(estimate.n or 0), received - int(estimate.n or 0),
                   "not employees with a wage"),
    ]  # fmt: skip
    return Step("impact", {"estimate": estimate, "truth": truth, "verdict": verdict,
                           "table": table}, accounting)  # fmt: skip


# ------------------------------------------------------------------------------ step: brief
def _fmt(value: object, lang: str, decimals: int) -> str:
    if isinstance(value, str):
        return value
    return number(value, lang, decimals)


def _markdown_table(title: str, frame: pd.DataFrame, numeric: set[str]) -> str:
    def cell(text: object) -> str:
        return str(text).replace("|", "\\|").replace("\n", " ")

    head = "| " + " | ".join(cell(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("---:" if c in numeric else "---" for c in frame.columns) + "|"
    body = ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([f"**{title}**", "", head, rule, *body])


def _flag_text(flag: str, lang: str) -> str:
    code = {"publish": "publish", CAUTION: "caution", SUPPRESS: "suppress"}.get(flag, flag)
    return t(f"flag.{code}", lang)


def key_figures_table(table: pd.DataFrame, params: CapstoneParameters) -> pd.DataFrame:
    """Return Table 1 of the brief: the indicators as published, in ``params.lang``.

    Survey estimates flagged "suppress" show ``..``; register counts hidden by disclosure
    control show ``x``. The per-register counts are not repeated here (Table 2 has them).
    """
    from lrkit.report import SYMBOL_CONFIDENTIAL, SYMBOL_UNRELIABLE

    lang = params.lang
    names = {"union_density": "ind.union_density", "bargaining_coverage": "ind.coverage",
             "below_minimum": "ind.below_minimum", "stoppages_distinct": "capstone.ind.distinct"}
    units = {"union_density": "unit.pct_employees", "bargaining_coverage": "unit.pct_employees",
             "below_minimum": "unit.pct_wage_workers",
             "stoppages_distinct": "capstone.unit.stoppages"}  # fmt: skip
    rows = []
    for _, row in table[table["indicator"].isin(list(names))].iterrows():
        survey = row["source"] == "survey"
        symbol = SYMBOL_UNRELIABLE if survey else SYMBOL_CONFIDENTIAL
        shown = bool(row["published"])
        rows.append({
            t("col.indicator", lang): t(names[row["indicator"]], lang),
            t("col.value", lang): _fmt(row["value"], lang, 1 if survey else 0) if shown else symbol,
            t("col.unit", lang): t(units[row["indicator"]], lang),
            t("col.ci_lower", lang): (_fmt(row["ci_lower"], lang, 1) if shown else symbol)
            if survey else "",
            t("col.ci_upper", lang): (_fmt(row["ci_upper"], lang, 1) if shown else symbol)
            if survey else "",
            t("col.quality", lang): _flag_text(row["flag"], lang),
            t("col.source", lang): t("source.lfs" if survey else "capstone.source.registers",
                                     lang),
        })  # fmt: skip
    return pd.DataFrame(rows)


def stoppages_frame(protected: ProtectedTable, lang: str) -> pd.DataFrame:
    """Return Table 2 (distinct stoppages by year × register) as published, hidden cells ``x``."""
    from lrkit.report import SYMBOL_CONFIDENTIAL

    published = protected.published(SYMBOL_CONFIDENTIAL)
    heads = {"both": "capstone.col.both", "ministry": "capstone.col.ministry_only",
             "vgcl": "capstone.col.vgcl_only", TOTAL: "total"}  # fmt: skip
    frame = pd.DataFrame(
        {t(heads[c], lang): [v if isinstance(v, str) else number(int(v), lang, 0)
                             for v in published[c]] for c in published.columns}
    )  # fmt: skip
    frame.insert(0, t("col.year", lang),
                 [t("total", lang) if r == TOTAL else str(r) for r in published.index])
    return frame


def _survey_sentence(row: pd.Series, key: str, about: str, params: CapstoneParameters,
                     place: str) -> str:  # fmt: skip
    lang = params.lang
    if row["flag"] == SUPPRESS:
        return t("text.suppressed", lang, indicator=t(about, lang), place=place, year=params.year)
    values = {"rate": row["value"], "low": row["ci_lower"], "high": row["ci_upper"]}
    if key == "text.density":
        values |= {"place": place, "year": params.year}
    text = t(key, lang, **values)
    if row["flag"] == CAUTION:
        text += " " + t("text.caution", lang, n=int(row["n"]), cv=row["cv_pct"])
    return text


def strikes_sentence(table: pd.DataFrame, params: CapstoneParameters) -> str:
    """Return the sentence on the year's stoppages, saying only what disclosure control allows."""
    lang = params.lang
    place = place_name(params.province, lang)
    values = table.set_index("indicator")
    distinct = values.loc["stoppages_distinct"]
    if distinct["value"] == 0:
        return t("capstone.strikes.none", lang, place=place, year=params.year)
    if not distinct["published"]:
        return t("capstone.strikes.hidden", lang, place=place, year=params.year)
    if not values.loc["stoppages_both", "published"]:
        return t("capstone.strikes.total_only", lang, place=place, year=params.year,
                 distinct=int(distinct["value"]))  # fmt: skip
    return t(
        "capstone.strikes.full", lang, place=place, year=params.year,
        ministry=int(values.loc["stoppages_ministry", "value"]),
        vgcl=int(values.loc["stoppages_vgcl", "value"]),
        both=int(values.loc["stoppages_both", "value"]), distinct=int(distinct["value"]),
    )  # fmt: skip


def impact_sentence(estimate: Estimate, rise: str, lang: str) -> str:
    """Return the brief's sentence on the impact question, in ``lang`` (effects in %)."""
    verdict = impact_verdict(estimate)
    key = {RAISED: "capstone.impact.up", LOWERED: "capstone.impact.down"}.get(
        verdict, "capstone.impact.none"
    )
    pct = 100 * estimate.estimate
    if verdict == LOWERED:
        pct = abs(pct)
    return t(key, lang, date=format_date(rise, lang), pct=pct,
             low=100 * float(estimate.ci_lower), high=100 * float(estimate.ci_upper))  # fmt: skip


def _chart_png(ind: Step, params: CapstoneParameters) -> bytes:
    from lrkit.report import draw_trend_chart

    lang = params.lang
    place = place_name(params.province, lang)
    density = ind.data["density_by_year"]
    coverage = ind.data["coverage_by_year"]
    first = int(density["year"].min())
    with tempfile.TemporaryDirectory() as folder:
        path = draw_trend_chart(
            [(t("ind.union_density", lang), density), (t("ind.coverage", lang), coverage)],
            title=t("chart.trend.title", lang, place=place, first=first, year=params.year),
            ylabel=t("chart.trend.ylabel", lang),
            note=t("chart.trend.note", lang),
            path=Path(folder) / "chart.png",
            lang=lang,
        )
        return path.read_bytes()


#: The accounting parts the brief shows, as the steps name them, and their message ids.
_PARTS: dict[str, str] = {
    "ministry_strikes": "capstone.register.ministry_strikes",
    "vgcl_strikes": "capstone.register.vgcl_strikes",
    "workers": "capstone.part.workers",
    "enterprises": "capstone.part.enterprises",
    "ministry_strikes: records of the province": "capstone.part.province.ministry_strikes",
    "vgcl_strikes: records of the province": "capstone.part.province.vgcl_strikes",
    "records → distinct stoppages": "capstone.part.distinct",
    "survey records of the province and year": "capstone.part.survey",
    "distinct stoppages of the province": "capstone.part.stoppages",
}
_RISE_PART = re.compile(r"survey records of the quarter before and of the rise (\d{4}-\d{2}-\d{2})")


def part_label(part: str, lang: str) -> str:
    """Return the brief's name, in ``lang``, of an accounting part (:class:`Accounting`).

    Raises ``KeyError`` for a part the brief has no name for, so that a new part cannot
    reach a brief untranslated.
    """
    rise = _RISE_PART.fullmatch(part)
    if rise:
        return t("capstone.part.impact", lang, date=format_date(rise.group(1), lang))
    if part not in _PARTS:
        raise KeyError(f"the brief has no name for the accounting part {part!r}")
    return t(_PARTS[part], lang)


#: Accounting parts whose counts are register counts of the province, and which figures of
#: the stoppage table (Table 2) they would give away: the all-years totals of the registers
#: ("totals") or the year's total and the grand total ("year").
_REGISTER_PARTS: dict[str, str] = {
    "ministry_strikes: records of the province": "totals",
    "vgcl_strikes: records of the province": "totals",
    "records → distinct stoppages": "totals",
    "distinct stoppages of the province": "year",
}


def brief_accounting(steps: dict[str, Step], params: CapstoneParameters) -> pd.DataFrame:
    """Return Table 4 of the brief: the accounting of each step, as it may be published.

    The rows of the delivered files and of the survey are shown as counted. A row that
    counts the province's stoppage records is shown only when Table 2 publishes the figures
    it would give away (see :data:`_REGISTER_PARTS`); otherwise its counts are ``x``, like
    the cells they would reveal. (The received rows of a register are national counts and
    stay.) Without this, the brief would print in Table 4 a count that Table 1 hides.
    """
    from lrkit.report import SYMBOL_CONFIDENTIAL

    lang = params.lang
    hidden = steps["indicators"].data["stoppages"].hidden
    safe = {
        "totals": not bool(hidden.loc[TOTAL].any()),
        "year": not bool(hidden.loc[params.year, TOTAL] or hidden.loc[TOTAL, TOTAL]),
    }
    accounting = accounting_table([step for name, step in steps.items() if name != "brief"])
    accounting = accounting[~accounting["part"].str.contains(" / ")]  # steps, not sub-steps
    rows = []
    for record in accounting.itertuples():
        counts = [number(int(v), lang, 0) for v in (record.received, record.kept,
                                                    record.set_aside)]  # fmt: skip
        rule = _REGISTER_PARTS.get(record.part)
        if rule is not None and not safe[rule]:
            national = record.part.endswith(": records of the province")
            counts = [counts[0] if national else SYMBOL_CONFIDENTIAL] + [SYMBOL_CONFIDENTIAL] * 2
        rows.append([t(f"capstone.step.{record.step}", lang), part_label(record.part, lang),
                     *counts])  # fmt: skip
    columns = ["capstone.col.step", "capstone.col.part", "capstone.col.received",
               "capstone.col.kept", "capstone.col.set_aside"]  # fmt: skip
    return pd.DataFrame(rows, columns=[t(c, lang) for c in columns])


def brief_markdown(steps: dict[str, Step], params: CapstoneParameters) -> str:
    """Return the policy brief as Markdown, in ``params.lang``, every text from the catalogue."""
    lang = params.lang
    place = place_name(params.province, lang)
    ind, imp = steps["indicators"], steps["impact"]
    table = ind.data["table"].set_index("indicator", drop=False)
    density = table.loc["union_density"]
    messages = [_survey_sentence(density, "text.density", "about.union_density", params, place)]
    change = ind.data["change"]
    if change is not None and density["flag"] != SUPPRESS:
        messages[0] += " " + describe_change(change, place, params.year - 1, params.year, lang)
    messages.append(_survey_sentence(table.loc["bargaining_coverage"], "text.coverage",
                                     "about.coverage", params, place))  # fmt: skip
    messages.append(_survey_sentence(table.loc["below_minimum"], "text.below_minimum",
                                     "about.below_minimum", params, place))  # fmt: skip
    messages.append(strikes_sentence(ind.data["table"], params))
    estimate: Estimate = imp.data["estimate"]
    messages.append(impact_sentence(estimate, params.rise, lang))
    first = int(ind.data["density_by_year"]["year"].min())
    quality = steps["link"].data["quality"]
    key = key_figures_table(ind.data["table"], params)
    strikes = stoppages_frame(ind.data["stoppages"], lang)
    truth = imp.data["truth"]
    truth_key = f"capstone.impact.truth_{'in' if estimate.covers(truth) else 'out'}"
    impact_rows = pd.DataFrame([{
        t("capstone.col.estimate", lang): number(estimate.estimate, lang, 3),
        t("capstone.col.se", lang): number(estimate.se, lang, 3),
        t("col.ci_lower", lang): number(estimate.ci_lower, lang, 3),
        t("col.ci_upper", lang): number(estimate.ci_upper, lang, 3),
        t("capstone.col.employees", lang): number(int(estimate.n or 0), lang, 0),
        t("capstone.col.areas", lang): number(int(estimate.clusters or 0), lang, 0),
        t("capstone.col.truth", lang): number(truth, lang, 3),
    }])  # fmt: skip
    cleaning_lines = []
    for name in REGISTERS:
        cleaning = steps["clean"].data["cleanings"][name]
        score = steps["clean"].data["scores"][name]
        cleaning_lines.append("- " + t(
            "capstone.data.cleaning", lang, received=cleaning.received,
            kept=len(cleaning.kept), aside=len(cleaning.set_aside),
            register=t(f"capstone.register.{name}", lang), found=score.found,
            faults=score.found + score.missed,
        ))  # fmt: skip
    accounting_frame = brief_accounting(steps, params)
    numbers_of = {
        "key": {t("col.value", lang), t("col.ci_lower", lang), t("col.ci_upper", lang)},
        "strikes": set(strikes.columns[1:]),
        "impact": set(impact_rows.columns),
        "accounting": set(accounting_frame.columns[2:]),
    }
    chart_title = t("chart.trend.title", lang, place=place, first=first, year=params.year)
    parts = [
        f"# {t('capstone.title', lang, place=place, year=params.year)}",
        f"> **{t('capstone.banner', lang)}.** {t('capstone.synthetic', lang)}",
        f"*{t('capstone.made_by', lang, seed=params.seed)}*",
        f"## {t('capstone.sec.messages', lang)}",
        "\n".join(f"- {m}" for m in messages),
        f"## {t('sec.key', lang)}",
        _markdown_table(t("table.key", lang, place=place, year=params.year), key,
                        numbers_of["key"]),
        f"**{t('figure.caption', lang, number=1, title=chart_title)}**",
        f"![{chart_title}](brief-chart.png)",
        f"## {t('sec.strikes', lang)}",
        t("capstone.strikes.linkage", lang, precision=100 * quality["precision"],
          recall=100 * quality["recall"]),
        _markdown_table(t("capstone.table.strikes", lang, place=place, first=first,
                          year=params.year), strikes, numbers_of["strikes"]),
        f"## {t('capstone.sec.impact', lang)}",
        t("capstone.impact.who", lang, n=int(estimate.n or 0),
          clusters=int(estimate.clusters or 0)),
        _markdown_table(t("capstone.table.impact", lang, date=format_date(params.rise, lang)),
                        impact_rows, numbers_of["impact"]),
        f"*{t(truth_key, lang, truth=100 * truth)}*",
        f"## {t('capstone.sec.data', lang)}",
        t("capstone.data.sources", lang),
        "\n".join(cleaning_lines),
        t("capstone.data.rules", lang, threshold_minus=MIN_COUNT - 1),
        _markdown_table(t("capstone.table.accounting", lang), accounting_frame,
                        numbers_of["accounting"]),
        t("capstone.data.reproduce", lang, command=f"`{params.command()}`"),
        f"> **{t('capstone.banner', lang)}**",
    ]  # fmt: skip
    return "\n\n".join(parts) + "\n"


_CSS = """body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; max-width: 52em;
  margin: 2em auto; padding: 0 1em; line-height: 1.5; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 1.6em;
  border-bottom: 1px solid #ccc; }
blockquote { margin: 1em 0; padding: 0.6em 1em; background: #fff4e5;
  border-left: 5px solid #e67e22; }
table { border-collapse: collapse; margin: 0.4em 0 1em 0; font-size: 0.92em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; vertical-align: top; }
th { background: #f2f2f2; }
img { max-width: 100%; }
code { font-size: 0.9em; background: #f4f4f4; padding: 0 0.2em; }
"""


def brief_html(markdown: str, chart: bytes, params: CapstoneParameters) -> str:
    """Return the brief as one self-contained HTML page (the chart embedded, no scripts)."""
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark").enable("table").render(markdown)
    inline = "data:image/png;base64," + base64.b64encode(chart).decode("ascii")
    body = body.replace('src="brief-chart.png"', f'src="{inline}"')
    title = t("capstone.title", params.lang, place=place_name(params.province, params.lang),
              year=params.year)  # fmt: skip
    return (
        f'<!DOCTYPE html>\n<html lang="{params.lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)} [SYNTHETIC]</title>\n<style>\n{_CSS}</style>\n</head>\n"
        f"<body>\n{body}</body>\n</html>\n"
    )


def brief(steps: dict[str, Step], params: CapstoneParameters) -> Step:
    """Step ``brief``: the policy brief as Markdown and HTML, and its chart (PNG).

    ``data``: ``markdown``, ``html`` (text) and ``chart`` (PNG bytes). The accounting
    counts the key figures: received, published, and withheld (too imprecise or
    confidential).
    """
    chart = _chart_png(steps["indicators"], params)
    markdown = brief_markdown(steps, params)
    html = brief_html(markdown, chart, params)
    table = steps["indicators"].data["table"]
    shown = int(table["published"].sum())
    accounting = [
        Accounting("brief", "indicators", len(table), shown, len(table) - shown,
                   "not published: too imprecise (..) or confidential (x)"),
    ]  # fmt: skip
    return Step("brief", {"markdown": markdown, "html": html, "chart": chart}, accounting)


# ------------------------------------------------------------------------------ the run
def run_steps(params: CapstoneParameters) -> dict[str, Step]:
    """Run the six steps in order and return them by name (nothing is written)."""
    steps: dict[str, Step] = {}
    steps["raw"] = receive(params)
    steps["clean"] = clean(steps["raw"], params)
    steps["link"] = link(steps["clean"], steps["raw"], params)
    steps["indicators"] = indicators(steps["link"], steps["raw"], params)
    steps["impact"] = impact(steps["raw"], params)
    steps["brief"] = brief(steps, params)
    return steps


def _parquet(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


def _csv(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def set_aside_table(cleanings: dict[str, Cleaning]) -> pd.DataFrame:
    """Return every row set aside by the cleanings: delivery, row, step, column, reason."""
    parts = [
        c.set_aside[["row", "step", "column", "reason"]].assign(delivery=name)
        for name, c in cleanings.items()
    ]
    table = pd.concat(parts, ignore_index=True)
    return table[["delivery", "row", "step", "column", "reason"]]


def render_outputs(steps: dict[str, Step], params: CapstoneParameters) -> dict[str, bytes]:
    """Return every output file of the run as bytes, by its path inside the output folder."""
    cleanings = steps["clean"].data["cleanings"]
    return {
        "data/clean_ministry_strikes.parquet": _parquet(cleanings["ministry_strikes"].kept),
        "data/clean_vgcl_strikes.parquet": _parquet(cleanings["vgcl_strikes"].kept),
        "data/set_aside.csv": _csv(set_aside_table(cleanings)),
        "data/stoppages.parquet": _parquet(steps["link"].data["stoppages"]),
        "indicators.csv": _csv(steps["indicators"].data["table"]),
        "impact.csv": _csv(steps["impact"].data["table"]),
        "accounting.csv": _csv(accounting_table(steps)),
        "brief.md": steps["brief"].data["markdown"].encode("utf-8"),
        "brief.html": steps["brief"].data["html"].encode("utf-8"),
        "brief-chart.png": steps["brief"].data["chart"],
    }


# ------------------------------------------------------------------------------ checks
@dataclass(frozen=True)
class Check:
    """One item of the reproducibility checklist, ticked only when ``passed``."""

    name: str
    passed: bool
    evidence: str


def environment() -> dict[str, object]:
    """Return the Python version, the platform and the versions of :data:`PACKAGES`."""
    packages = {}
    for name in PACKAGES:
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            packages[name] = ""
    return {
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "packages": packages,
    }


def check_accounting(steps: dict[str, Step]) -> Check:
    """Check that every record balances and that each step receives what the last one kept."""
    records = [r for step in steps.values() for r in step.accounting]
    unbalanced = [f"{r.step}: {r.part}" for r in records if not r.balanced]
    by_part = {(r.step, r.part): r for r in records}
    chain: list[tuple[Accounting, Accounting]] = []
    for name in REGISTERS:
        cleaning = steps["clean"].data["cleanings"][name]
        parts = [by_part["clean", f"{name} / {s.step}"] for s in cleaning.steps]
        chain.append((by_part["raw", name], parts[0]))
        chain += list(zip(parts, parts[1:], strict=False))
        chain.append((by_part["clean", name], by_part["link", f"{name}: records of the province"]))
    broken = [f"{a.step}: {a.part} → {b.step}: {b.part}" for a, b in chain if a.kept != b.received]
    province = [by_part["link", f"{n}: records of the province"].kept for n in REGISTERS]
    merged = by_part["link", "records → distinct stoppages"]
    if merged.received != sum(province):
        broken.append("link: the records of the province → the linkage")
    passed = not unbalanced and not broken
    evidence = (
        f"{len(records)} accounting rows, each with received = kept + set aside; "
        f"{len(chain) + 1} hand-overs between steps, each receiving what the step before kept."
    )
    if not passed:
        evidence = "Unbalanced: " + "; ".join(unbalanced + broken)
    return Check("Row accounting balances", passed, evidence)


def _hidden_leaks(steps: dict[str, Step], params: CapstoneParameters) -> list[str]:
    protected: ProtectedTable = steps["indicators"].data["stoppages"]
    shown = protected.values.mask(protected.hidden)
    small = (shown > 0) & (shown < MIN_COUNT)
    problems = [f"Table 2 shows a count below {MIN_COUNT}"] if bool(small.any().any()) else []
    table = steps["indicators"].data["table"]
    registers = table[(table["source"] == "registers") & table["published"]]
    if ((registers["value"] > 0) & (registers["value"] < MIN_COUNT)).any():
        problems.append(f"a register count below {MIN_COUNT} is marked published")
    # Table 4 must not print the year's count of stoppages where Table 2 hides it
    if bool(protected.hidden.loc[params.year, TOTAL]):
        from lrkit.report import SYMBOL_CONFIDENTIAL

        table4 = brief_accounting(steps, params)
        label = part_label("distinct stoppages of the province", params.lang)
        row = table4[table4[t("capstone.col.part", params.lang)] == label]
        if (row[t("capstone.col.kept", params.lang)] != SYMBOL_CONFIDENTIAL).any():
            problems.append("Table 4 prints the year's number of stoppages that Table 2 hides")
    return problems


def _opens_and_ends_with(text: str, banner: str, section: str, tail: str) -> bool:
    """Return True when ``banner`` comes before the first ``section``, then only ``tail``."""
    first, last, start = text.find(banner), text.rfind(banner), text.find(section)
    if first < 0 or (start >= 0 and first > start):
        return False
    return not re.sub(tail, "", text[last + len(banner) :])


def unmarked_briefs(outputs: dict[str, bytes], lang: str) -> list[str]:
    """Return the brief files that do not open and end with the synthetic-data banner.

    The banner is ``capstone.banner`` in the brief's language. ``brief.md`` must show it
    before its first section (``## ``) and as its last line; ``brief.html`` likewise in its
    body (before the first ``<h2``, with only mark-up after the last one), and its title
    must end with ``[SYNTHETIC]``. (The check once accepted the word "synthetic" anywhere
    in the file; every brief has it in its sentences, "the kit's synthetic data", so a brief
    that had lost its banners was still ticked "Marked synthetic".)
    """
    banner = t("capstone.banner", lang)
    unmarked = []
    markdown = outputs["brief.md"].decode("utf-8")
    if not _opens_and_ends_with(markdown, banner, "\n## ", r"[\s*.]"):
        unmarked.append("brief.md")
    head, _, body = outputs["brief.html"].decode("utf-8").partition("<body>")
    if "[SYNTHETIC]</title>" not in head or not _opens_and_ends_with(
        body, escape(banner), "<h2", r"<[^>]*>|[\s.]"
    ):
        unmarked.append("brief.html")
    return unmarked


def run_checks(
    params: CapstoneParameters,
    steps: dict[str, Step],
    outputs: dict[str, bytes],
    again: dict[str, bytes],
    inputs_again: list[Input],
    random_state_kept: bool,
    env: dict[str, object],
) -> list[Check]:
    """Return the checklist's items, each from a check of this run."""
    from lrkit.data import load_truth

    checks: list[Check] = []
    if params.seed == DEFAULT_SEED:
        built_seed = load_truth(params.scale).get("seed")
        seeded = built_seed == params.seed
        source = f"the built data were drawn with seed {built_seed} (truth.json)"
    else:
        seeded = True
        source = f"the data were drawn in memory by the generator with seed {params.seed}"
    seeded = seeded and random_state_kept
    checks.append(Check(
        "Seeded", seeded,
        f"Seed {params.seed}: {source}; the global random states of numpy and Python were the "
        "same after the run as before it, so no step drew unseeded random numbers."
        if seeded else f"Seed {params.seed}: {source}; random states unchanged: "
        f"{random_state_kept}.",
    ))  # fmt: skip
    inputs: list[Input] = steps["raw"].data["inputs"]
    hashed = all(re.fullmatch(r"[0-9a-f]{64}", i.sha256) for i in inputs)
    same = [i.sha256 for i in inputs] == [i.sha256 for i in inputs_again]
    checks.append(Check(
        "Inputs hashed", hashed and same,
        f"{len(inputs)} inputs ({', '.join(i.name for i in inputs)}), each with its SHA-256 "
        "in manifest.json; hashed again on the second run: "
        + ("unchanged." if same else "CHANGED during the run."),
    ))  # fmt: skip
    differ = sorted(p for p in outputs if outputs[p] != again.get(p)) + sorted(
        set(again) - set(outputs)
    )
    checks.append(Check(
        "Outputs re-created identically", not differ,
        f"Every step was run a second time from the inputs; {len(outputs) - len(differ)} of "
        f"{len(outputs)} output files came out byte-identical (same SHA-256)."
        + (f" Different: {', '.join(differ)}." if differ else ""),
    ))  # fmt: skip
    packages = env["packages"]
    assert isinstance(packages, dict)
    missing = [name for name, version in packages.items() if not version]
    checks.append(Check(
        "Environment recorded", bool(env["python"]) and not missing,
        f"Python {env['python']} ({env['implementation']}) on {env['platform']}; "
        + ", ".join(f"{k} {v}" for k, v in packages.items())
        + (f"; version not found: {', '.join(missing)}" if missing else "")
        + ". All in manifest.json.",
    ))  # fmt: skip
    checks.append(check_accounting(steps))
    marked = unmarked_briefs(outputs, params.lang)
    checks.append(Check(
        "Marked synthetic", not marked,
        "The brief (Markdown and HTML) opens and ends with the synthetic-data banner."
        if not marked else "No synthetic-data banner at the opening and at the end of "
        f"{', '.join(marked)}.",
    ))  # fmt: skip
    leaks = _hidden_leaks(steps, params)
    checks.append(Check(
        "Disclosure control applied", not leaks,
        f"No published register count between 1 and {MIN_COUNT - 1}; the stoppage table has "
        "complementary suppression, and the brief states a count only when nothing hidden "
        "can be worked out from it." if not leaks else "; ".join(leaks),
    ))  # fmt: skip
    return checks


def checklist_markdown(params: CapstoneParameters, checks: list[Check]) -> str:
    """Return ``checklist.md``: one ticked (or unticked) box per check, with its evidence."""
    lines = [
        "# Reproducibility checklist",
        "",
        f"Capstone run for **{params.province}, {params.year}** (seed {params.seed}, "
        f"language {params.lang}), re-created by:",
        "",
        f"    {params.command()}",
        "",
        "Each box is ticked by a check the run performed, not by hand.",
        "",
    ]
    for check in checks:
        box = "x" if check.passed else " "
        lines.append(f"- [{box}] **{check.name}.** {check.evidence}")
    verdict = "All checks passed." if all(c.passed for c in checks) else "SOME CHECKS FAILED."
    lines += ["", verdict, "", "SYNTHETIC DATA, FOR TRAINING ONLY.", ""]
    return "\n".join(lines)


@dataclass
class CapstoneRun:
    """What :func:`run_capstone` did: the parameters, steps, files, checks and manifest."""

    params: CapstoneParameters
    out_dir: Path
    steps: dict[str, Step]
    files: dict[str, Path]
    checks: list[Check]
    manifest: dict[str, Any]

    @property
    def passed(self) -> bool:
        """True when every item of the checklist is ticked."""
        return all(c.passed for c in self.checks)


def _random_states() -> tuple[Any, Any]:
    state = np.random.get_state()
    return (state[0], state[1].tobytes(), *state[2:]), random.getstate()


def run_capstone(
    out_dir: str | Path,
    province: object = "Đồng Nai",
    year: object = 2025,
    seed: object = None,
    lang: object = "en",
    *,
    progress: Callable[[str], None] | None = None,
) -> CapstoneRun:
    """Run the whole project and write its outputs into ``out_dir``.

    Writes ``data/`` (the cleaned registers and the linked stoppages as Parquet, the rows
    set aside as CSV), ``indicators.csv``, ``impact.csv``, ``accounting.csv``, the brief
    (``brief.md``, ``brief.html``, ``brief-chart.png``), ``checklist.md`` and
    ``manifest.json``. The steps run twice and every output is compared byte for byte
    (:func:`run_checks`). Bad parameters raise ``ValueError``/``TypeError`` naming the
    parameter, the value and what is allowed. ``progress`` receives a line per stage.
    """
    say = progress or (lambda _text: None)
    params = check_capstone_parameters(province, year, seed, lang)
    out = _check_out_dir(out_dir)
    before = _random_states()
    say("running the six steps: raw, clean, link, indicators, impact, brief")
    steps = run_steps(params)
    outputs = render_outputs(steps, params)
    say("running them again to check that every output comes out identical")
    second = run_steps(params)
    again = render_outputs(second, params)
    random_state_kept = _random_states() == before
    env = environment()
    checks = run_checks(params, steps, outputs, again, second["raw"].data["inputs"],
                        random_state_kept, env)  # fmt: skip
    outputs["checklist.md"] = checklist_markdown(params, checks).encode("utf-8")
    manifest = {
        "title": "lrkit capstone run (SYNTHETIC DATA, FOR TRAINING ONLY)",
        "command": params.command(),
        "parameters": params.as_dict(),
        "environment": env,
        "steps": list(STEPS),
        "inputs": [i.as_dict() for i in steps["raw"].data["inputs"]],
        "outputs": [{"path": path, "bytes": len(data), "sha256": sha256(data)}
                    for path, data in sorted(outputs.items())],
        "checks": [{"name": c.name, "passed": c.passed} for c in checks],
    }  # fmt: skip
    outputs["manifest.json"] = (
        json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    ).encode("utf-8")
    files: dict[str, Path] = {}
    for relative, data in outputs.items():
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        files[relative] = path
    say(f"wrote {len(files)} files to {out}")
    return CapstoneRun(params, out, steps, files, checks, manifest)


def verify_manifest(out_dir: str | Path) -> list[str]:
    """Return the output files of ``out_dir`` whose SHA-256 differs from ``manifest.json``.

    An empty list means every file listed is there, unchanged.
    """
    folder = Path(out_dir)
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    bad = []
    for entry in manifest["outputs"]:
        path = folder / entry["path"]
        if not path.exists() or sha256(path.read_bytes()) != entry["sha256"]:
            bad.append(entry["path"])
    return bad
