"""Incoming data with a known truth: strike reports with injected faults, survey response.

Two teaching helpers for Module 2 (collecting IR data), both drawn from the clean synthetic
datasets and both seeded:

* :func:`incoming_strike_reports` is a batch of strike report forms as a labour authority
  might receive them in a year, made from the ministry's clean strike register
  (``strikes``) with **known faults injected** (a missing field, an invalid province name,
  dates out of order or out of the period, impossible worker counts, inconsistent days not
  worked, an unknown cause code, a report sent twice). The ledger of the faults (report,
  column, fault) is the answer key that :func:`lrkit.check.check_validation` scores a
  learner's rules against; each fault is named after the rule of
  :mod:`lrkit.validation` it breaks, and breaks that rule only.
* :func:`simulate_response` decides which sampled enterprises answer a survey, with
  response propensities that differ by ownership and size (an assumption made for
  teaching, not a published fact), so that non-response adjustment has something to fix.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lrkit.data import load_dataset
from lrkit.reference.provinces import ascii_name
from lrkit.synth.build import DEFAULT_SEED
from lrkit.validation import CAUSE_CODES, RULES, reporting_period, rule_table

#: The faults injected, each named after the validation rule it breaks.
FAULTS: tuple[str, ...] = tuple(RULES)
#: Fields that may be left empty by the ``missing_required`` fault.
_BLANKABLE: tuple[str, ...] = (
    "province",
    "enterprise_id",
    "start_date",
    "workers_involved",
    "days_not_worked",
    "cause",
)
#: Cause entries that are not codes: free text typed instead of a code.
_BAD_CAUSES: tuple[str, ...] = ("salary", "Tiền lương", "9", "tet", "bonus")
_COLUMN_OF: dict[str, str] = {
    "invalid_province": "province",
    "end_before_start": "end_date",
    "outside_period": "start_date",
    "workers_not_positive": "workers_involved",
    "workers_exceed_employees": "workers_involved",
    "days_inconsistent": "days_not_worked",
    "unknown_cause": "cause",
    "duplicate": "report_id",
}
#: Assumed response propensities of an enterprise IR survey (a teaching assumption, ⚠ not
#: a published figure): by ownership, times a factor by size band.
RESPONSE_BY_OWNERSHIP: dict[str, float] = {
    "state": 0.92,
    "domestic_private": 0.78,
    "foreign_invested": 0.62,
}
RESPONSE_SIZE_FACTOR: dict[str, float] = {
    "1-9": 0.85,
    "10-49": 0.95,
    "50-199": 1.0,
    "200-999": 1.0,
    "1000+": 1.05,
}


def _rng(seed: int, *labels: object) -> np.random.Generator:
    words = [int(seed)] + [zlib.crc32(str(label).encode("utf-8")) for label in labels]
    return np.random.default_rng(np.random.SeedSequence(words))


@dataclass(frozen=True)
class IncomingBatch:
    """A batch of strike reports with injected faults, and its answer key.

    ``reports``: the forms as received (see :data:`lrkit.validation.FORM_FIELDS`);
    ``ledger``: one row per injected fault (``report_id``, ``row`` = position in
    ``reports``, ``column``, ``fault``); ``period``: the reporting period;
    ``not_in_frame``: reports whose enterprise is not (yet) in the frame: not faults, a
    trap for rules that reject too much.
    """

    reports: pd.DataFrame
    ledger: pd.DataFrame
    year: int
    period: tuple[pd.Timestamp, pd.Timestamp]
    not_in_frame: tuple[str, ...]

    @property
    def faulty_ids(self) -> set[str]:
        """Return the ids of the reports that carry an injected fault."""
        return set(self.ledger["report_id"])


def _clean_reports(strikes: pd.DataFrame, year: int) -> pd.DataFrame:
    here = strikes[strikes["year"] == year].sort_values(["start_date", "strike_id"], kind="stable")
    cause = here["cause"].astype("str")
    reports = pd.DataFrame(
        {
            "province": here["province"].astype("str").to_numpy(),
            "enterprise_id": here["enterprise_id"].astype("str").to_numpy(),
            "start_date": pd.to_datetime(here["start_date"]).to_numpy(),
            "end_date": pd.to_datetime(here["end_date"]).to_numpy(),
            "working_days": here["duration_workdays"].astype("int64").to_numpy(),
            "workers_involved": here["workers_involved"].astype("int64").to_numpy(),
            "days_not_worked": here["days_not_worked"].astype("int64").to_numpy(),
            "cause": np.where(cause.isin(CAUSE_CODES), cause, "other"),
            "led_by_union": here["led_by_union"].astype(bool).to_numpy(),
        }
    )
    return reports.drop_duplicates(ignore_index=True)


def incoming_strike_reports(
    year: int,
    seed: int | None = None,
    *,
    faults_per_type: int = 2,
    not_in_frame: int = 2,
    scale: str = "workshop",
) -> IncomingBatch:
    """Return the strike reports received for ``year``, with known faults injected.

    The reports are the clean records of the ministry's strike register (``strikes``, all
    provinces of ``scale``) for ``year``, drawn with data ``seed`` (``None``: the committed
    data); the same seed also drives the faults, so a trainer's seed gives each group its
    own batch. ``faults_per_type`` reports get each fault of :data:`FAULTS` (fewer when the
    year has too few reports); ``duplicate`` adds copies of clean reports, so the batch has
    more rows than the register. ``not_in_frame`` clean reports get the id of an
    enterprise missing from the frame (a new registration).

    Every fault breaks exactly the rule it is named after, and the reports without a fault
    break none (checked here with :func:`lrkit.validation.rule_table`; a ``RuntimeError``
    would mean the generator and the rules disagree).
    """
    seed = DEFAULT_SEED if seed is None else int(seed)
    year = int(year)
    strikes = load_dataset("strikes", scale=scale, seed=seed)
    enterprises = load_dataset("enterprises", scale=scale, seed=seed)
    if year not in set(strikes["year"]):
        raise ValueError(
            f"year {year} has no strike reports; years in the data: "
            f"{', '.join(map(str, sorted(set(strikes['year']))))}"
        )
    reports = _clean_reports(strikes, year)
    period = reporting_period(year)
    rng = _rng(seed, year, "incoming-strike-reports")
    n = len(reports)
    staff = reports["enterprise_id"].map(
        enterprises.drop_duplicates("enterprise_id").set_index("enterprise_id")["employees"]
    )

    spare = n - not_in_frame
    per_type = max(1, min(int(faults_per_type), spare // (len(FAULTS) + 1)))
    if spare < len(FAULTS):
        raise ValueError(f"year {year} has only {n} strike reports: too few to inject faults")
    # end_before_start needs room before the start date inside the period
    late_enough = (reports["start_date"] >= period[0] + pd.Timedelta(days=7)).to_numpy()
    order = rng.permutation(n)
    chosen: dict[str, list[int]] = {}
    used: set[int] = set()

    def take(fault: str, count: int, allowed: np.ndarray | None = None) -> list[int]:
        picked = [int(i) for i in order if int(i) not in used and (allowed is None or allowed[i])][
            :count
        ]
        used.update(picked)
        chosen[fault] = picked
        return picked

    take("end_before_start", per_type, late_enough)
    for fault in FAULTS:
        if fault != "end_before_start":
            take(fault, per_type)
    newcomers = take("not_in_frame", not_in_frame)

    ledger: list[dict[str, object]] = []
    out = reports.astype({"workers_involved": "Int64", "days_not_worked": "Int64"})
    out["working_days"] = out["working_days"].astype("Int64")
    out = out.astype({"province": "object", "enterprise_id": "object", "cause": "object"})
    for i in chosen["missing_required"]:
        column = _BLANKABLE[int(rng.integers(len(_BLANKABLE)))]
        out.loc[i, column] = pd.NaT if column == "start_date" else pd.NA
        ledger.append({"row": i, "column": column, "fault": "missing_required"})
    for i in chosen["invalid_province"]:
        name = out.loc[i, "province"]
        variants = [ascii_name(name), name.lower(), name[:-1]]
        out.loc[i, "province"] = variants[int(rng.integers(len(variants)))]
    for i in chosen["end_before_start"]:
        back = int(rng.integers(1, 6))
        out.loc[i, "end_date"] = out.loc[i, "start_date"] - pd.Timedelta(days=back)
    for i in chosen["outside_period"]:
        shift = pd.DateOffset(years=int(rng.choice([-1, 1])))
        out.loc[i, "start_date"] = out.loc[i, "start_date"] + shift
        out.loc[i, "end_date"] = out.loc[i, "end_date"] + shift
        out.loc[i, "working_days"] = min(
            int(out.loc[i, "working_days"]),
            (out.loc[i, "end_date"] - out.loc[i, "start_date"]).days + 1,
        )
        out.loc[i, "days_not_worked"] = out.loc[i, "workers_involved"] * out.loc[i, "working_days"]
    for i in chosen["workers_not_positive"]:
        out.loc[i, "workers_involved"] = (
            0 if rng.random() < 0.5 else -out.loc[i, "workers_involved"]
        )
    for i in chosen["workers_exceed_employees"]:
        workers = int(out.loc[i, "workers_involved"])
        employees = int(staff.iloc[i])
        typed = workers * 10 if workers * 10 > employees else employees + workers
        out.loc[i, "workers_involved"] = typed
        out.loc[i, "days_not_worked"] = typed * int(out.loc[i, "working_days"])
    for i in chosen["days_inconsistent"]:
        workers, days = int(out.loc[i, "workers_involved"]), int(out.loc[i, "working_days"])
        calendar = (out.loc[i, "end_date"] - out.loc[i, "start_date"]).days + 1
        extra = calendar if calendar != days else days + 1
        out.loc[i, "days_not_worked"] = workers * extra
    for i in chosen["unknown_cause"]:
        out.loc[i, "cause"] = _BAD_CAUSES[int(rng.integers(len(_BAD_CAUSES)))]
    for fault in FAULTS:
        if fault not in ("missing_required", "duplicate"):
            ledger += [
                {"row": i, "column": _COLUMN_OF[fault], "fault": fault} for i in chosen[fault]
            ]
    known = set(enterprises["enterprise_id"].astype("str"))
    for k, i in enumerate(newcomers):
        new_id = f"E9{year % 100:02d}{k + 1:03d}"
        assert new_id not in known
        out.loc[i, "enterprise_id"] = new_id

    # Duplicates: a copy of a clean report, received later in the batch.
    rows = [out.iloc[[i]] for i in range(n)]
    origin = list(range(n))  # for each position of the final batch, its source row
    is_copy = [False] * n
    for source in chosen["duplicate"]:
        at = int(rng.integers(origin.index(source) + 1, len(origin) + 1))
        rows.insert(at, out.iloc[[source]])
        origin.insert(at, source)
        is_copy.insert(at, True)
    batch = pd.concat(rows, ignore_index=True)
    batch.insert(0, "report_id", [f"BC{year}-{k + 1:04d}" for k in range(len(batch))])
    # rows of the ledger were positions before duplicates were inserted: renumber them
    position_of = {}
    for position, (source, copy) in enumerate(zip(origin, is_copy, strict=True)):
        if not copy:
            position_of[source] = position
    final = [{**entry, "row": position_of[int(entry["row"])]} for entry in ledger]
    final += [
        {"row": p, "column": "report_id", "fault": "duplicate"}
        for p, copy in enumerate(is_copy)
        if copy
    ]
    table = pd.DataFrame(final).sort_values("row", kind="stable").reset_index(drop=True)
    table.insert(0, "report_id", batch["report_id"].iloc[table["row"]].to_numpy())
    table = table.astype({"report_id": "str", "row": "int64", "column": "str", "fault": "str"})
    newcomer_ids = tuple(batch["report_id"].iloc[[position_of[i] for i in newcomers]])
    _verify(batch, table, enterprises, period)
    return IncomingBatch(batch, table, year, period, newcomer_ids)


def _verify(
    batch: pd.DataFrame,
    ledger: pd.DataFrame,
    enterprises: pd.DataFrame,
    period: tuple[pd.Timestamp, pd.Timestamp],
) -> None:
    """Raise ``RuntimeError`` unless each fault breaks its rule alone and clean rows pass."""
    broken = rule_table(batch, enterprises, period)
    fault_of = dict(zip(ledger["row"], ledger["fault"], strict=True))
    problems = []
    for row in range(len(batch)):
        rules = [rule for rule in broken.columns if broken.iloc[row][rule]]
        expected = [fault_of[row]] if row in fault_of else []
        if rules != expected:
            problems.append(f"report {batch['report_id'].iloc[row]}: {rules} ≠ {expected}")
    if problems:
        raise RuntimeError("injected faults and validation rules disagree: " + "; ".join(problems))


def simulate_response(sample: pd.DataFrame, seed: int, column: str = "responded") -> pd.DataFrame:
    """Return a copy of ``sample`` with a true/false ``column`` saying who answered.

    Each enterprise answers with probability :data:`RESPONSE_BY_OWNERSHIP` of its ownership
    times :data:`RESPONSE_SIZE_FACTOR` of its size band (at most 1). These propensities are
    an assumption of the kit (⚠), chosen so that foreign-invested and very small
    enterprises answer less often, which biases an unadjusted estimate. The draw depends on
    ``seed`` and on the sample's ``enterprise_id`` values, not on their order.
    """
    missing = [c for c in ("enterprise_id", "ownership", "employment_band") if c not in sample]
    if missing:
        raise KeyError(f"column(s) {missing} missing from the sample")
    unknown = sorted(set(sample["ownership"]) - set(RESPONSE_BY_OWNERSHIP))
    if unknown:
        raise ValueError(f"ownership value(s) {unknown} have no response propensity")
    p = sample["ownership"].map(RESPONSE_BY_OWNERSHIP).astype(float)
    p = p * sample["employment_band"].map(RESPONSE_SIZE_FACTOR).fillna(1.0).astype(float)
    p = np.minimum(p.to_numpy(), 1.0)
    # one uniform number per enterprise id, so the answer does not depend on row order
    u = np.array(
        [_rng(int(seed), "response", enterprise).random() for enterprise in sample["enterprise_id"]]
    )
    out = sample.copy()
    out[column] = u < p
    return out
