"""The annual labour relations report: parameters, figures, safe tables, charts and the runs.

``notebooks/annual_report.ipynb`` is a thin papermill notebook: its ``parameters`` cell
(``year``, ``province``, ``lang``, ``seed``, ``scale``, ``out_dir``) is checked by
:func:`check_report_parameters`, then every figure comes from :func:`compute_report` and
every piece of text, table and chart from a :class:`ReportWriter` in the chosen language
(texts in :mod:`lrkit.labels`). :func:`run_report` executes the notebook with papermill and
turns it into an HTML page with the code hidden; :func:`run_all` runs one report per
province in parallel processes with a progress bar. ``lrkit report`` calls both.

What is published, and how it is protected:

* **survey estimates** (union density, bargaining coverage, share of wage workers below the
  regional minimum wage, gender pay gap) come from :mod:`lrkit.ir_indicators` with
  design-based 95% confidence intervals and the reliability flags of :mod:`lrkit.survey`:
  an estimate flagged "suppress" is replaced by :data:`SYMBOL_UNRELIABLE`; "use with
  caution" is said in the quality column and in the text. The worker records pool four
  quarterly rounds a year, so the design's strata are ``year × quarter × stratum``
  (:data:`STRATA`). Strata nest within provinces, so estimating from one province's records
  gives the same standard errors as treating it as a domain of the national design;
* **register counts and totals** (strikes, workers involved, days not worked, disputes,
  agreements, workers covered) go through :mod:`lrkit.disclosure`: counts of 1 to
  ``MIN_COUNT - 1`` events and totals from fewer than ``MIN_CONTRIBUTORS`` enterprises or
  dominated by one or two of them are hidden with :data:`SYMBOL_CONFIDENTIAL`, with
  complementary suppression so that no hidden cell can be worked out from the margins.
  A figure that appears in several places (the number of strikes in the key figures, in
  Table 4's total and in Chart 3) has one status everywhere.

Areas: one of the 34 current provincial units, or :data:`COUNTRY` for the whole country.
The ``workshop`` scale (committed) holds only the three pilot provinces; the ``national``
scale (all provinces) is built on demand with ``lrkit data build --scale national --out
datasets/national``, and a clear error names that command when it is missing.
"""

from __future__ import annotations

import base64
import math
import multiprocessing
import re
import textwrap
import unicodedata
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from lrkit import __version__
from lrkit.brief import change_between, describe_change
from lrkit.data import datasets_root, load_dataset
from lrkit.disclosure import (
    DOMINANCE_K,
    MIN_CONTRIBUTORS,
    MIN_COUNT,
    P_PERCENT,
    TOTAL,
    ProtectedTable,
    protect_frequency_table,
    protect_magnitude_table,
)
from lrkit.ir_indicators import (
    bargaining_coverage_estimates,
    dispute_settlement,
    gender_pay_gap,
    share_below_minimum_wage,
    share_wage_clause_above_minimum,
    strike_statistics,
    union_density_estimates,
)
from lrkit.labels import check_lang, label, number, place_name, t
from lrkit.reference.minimum_wage import REGIONS, minimum_in_force
from lrkit.reference.provinces import (
    PILOT_PROVINCES,
    fold_name,
    former_units,
    merger_hint,
    provinces_2025,
    resolve_province,
)
from lrkit.survey import (
    CAUTION,
    CV_CAUTION_MAX,
    CV_PUBLISH_MAX,
    MIN_N_PUBLISH,
    MIN_N_SUPPRESS,
    PUBLISH,
    SUPPRESS,
)
from lrkit.synth.build import DEFAULT_SEED, SCALES
from lrkit.synth.params import YEARS

#: The value of ``province`` that asks for the whole country (national scale only).
COUNTRY = "Viet Nam"
#: Design strata of the pooled quarterly worker records.
STRATA: tuple[str, ...] = ("year", "quarter", "stratum")
#: Shown in place of a cell hidden to protect confidentiality (disclosure control).
SYMBOL_CONFIDENTIAL = "x"
#: Shown in place of a survey estimate too imprecise to publish.
SYMBOL_UNRELIABLE = ".."
#: The report notebook run by :func:`run_report`.
NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "annual_report.ipynb"
#: Status of a key figure besides the survey flags (publish, use with caution, suppress).
REGISTER, CONFIDENTIAL = "register", "confidential"

OWNERSHIPS: tuple[str, ...] = ("state", "domestic_private", "foreign_invested")
CAUSES: tuple[str, ...] = (
    "wages",
    "tet_bonus",
    "late_pay",
    "social_insurance_arrears",
    "meal_quality",
    "working_conditions",
)
KINDS: tuple[str, ...] = ("individual", "collective_rights", "collective_interests")
CHANNELS: tuple[str, ...] = ("conciliator", "arbitration_council", "court")
LEVELS: tuple[str, ...] = ("enterprise", "multi_enterprise")
_COUNTRY_SPELLINGS = {"viet nam", "vietnam", "ca nuoc", "toan quoc", "whole country", "country"}


class ReportError(ValueError):
    """A report could not be produced; the message says which and why."""


# ------------------------------------------------------------------------------ parameters
@dataclass(frozen=True)
class ReportParameters:
    """Checked parameters of one annual report."""

    year: int
    province: str
    lang: str
    seed: int
    scale: str
    out_dir: Path

    @property
    def is_country(self) -> bool:
        """True when the report covers the whole country."""
        return self.province == COUNTRY


def valid_areas(scale: str) -> list[str]:
    """Return the values ``province`` may take at ``scale``.

    ``workshop``: the three pilot provinces; ``national``: the 34 current units and
    :data:`COUNTRY`.
    """
    if scale not in SCALES:
        raise ValueError(f"scale {scale!r} is not one of the valid values: {', '.join(SCALES)}")
    if scale == "workshop":
        return list(PILOT_PROVINCES)
    return [*provinces_2025(), COUNTRY]


def _whole_number(name: str, value: object, valid: str = "") -> int:
    """Return ``value`` as an int; text such as "2024" (from a command line) is accepted."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    hint = f"; valid values: {valid}" if valid else ""
    raise TypeError(f"{name} must be a whole number, got {value!r}{hint}")


def resolve_area(province: object, scale: str) -> str:
    """Return the canonical name of the report's area for ``province`` at ``scale``.

    Diacritics are optional ("Dong Nai"); "Viet Nam" (or "Vietnam", "cả nước") means the
    whole country. Raises ``ValueError`` listing the valid values of the scale, and saying
    which scale holds a province that the workshop scale lacks.
    """
    areas = valid_areas(scale)
    if not isinstance(province, str):
        raise TypeError(f"province must be text, got {type(province).__name__}: {province!r}")
    if fold_name(province) in _COUNTRY_SPELLINGS:
        name = COUNTRY
    else:
        try:
            name = resolve_province(province)
        except ValueError:
            raise ValueError(
                f"province {province!r} is not one of the valid values for scale {scale!r}: "
                f"{', '.join(areas)}{merger_hint(province, areas)}"
            ) from None
    if name not in areas:
        what = "the whole country" if name == COUNTRY else f"province {name!r}"
        raise ValueError(
            f"{what} is not in the {scale} data, whose valid values of province are: "
            f"{', '.join(areas)}. Use the national scale (--scale national on the command "
            f"line, scale='national' in Python) for the other provinces and for "
            f"{COUNTRY!r} (build it once with `lrkit data build --scale national --out "
            "datasets/national`)"
        )
    return name


def check_report_parameters(
    year: object,
    province: object,
    lang: object = "en",
    seed: object = None,
    scale: object = "workshop",
    out_dir: object = "report",
) -> ReportParameters:
    """Return the checked parameters of an annual report, or stop with a clear error.

    ``year``: a survey year of the data (2020-2025; text such as "2025" is accepted);
    ``province``: see :func:`resolve_area`; ``lang``: "en" or "vi"; ``seed``: a whole
    number ≥ 0 (``None``: the built data); ``scale``: "workshop" (the three pilot provinces)
    or "national" (all 34 and the whole country); ``out_dir``: the folder for the charts and
    tables. Every error names the parameter and lists the valid values.
    """
    if scale not in SCALES:
        raise ValueError(f"scale {scale!r} is not one of the valid values: {', '.join(SCALES)}")
    area = resolve_area(province, str(scale))
    valid_years = ", ".join(map(str, YEARS))
    year_number = _whole_number("year", year, valid_years)
    if year_number not in YEARS:
        raise ValueError(f"year {year!r} is not in the data; valid values: {valid_years}")
    check_lang(lang)
    seed_number = DEFAULT_SEED if seed is None else _whole_number("seed", seed)
    if seed_number < 0:
        raise ValueError(f"seed must be 0 or more, got {seed!r}")
    if not isinstance(out_dir, str | Path) or not str(out_dir).strip():
        raise TypeError(f"out_dir must be a folder name, got {out_dir!r}")
    return ReportParameters(
        year=year_number,
        province=area,
        lang=str(lang),
        seed=seed_number,
        scale=str(scale),
        out_dir=Path(out_dir),
    )


def area_slug(area: str) -> str:
    """Return a file-name-safe ASCII slug of an area ("Đồng Nai" → "dong-nai")."""
    return re.sub(r"[^a-z0-9]+", "-", fold_name(area)).strip("-")


def report_folder_name(params: ReportParameters) -> str:
    """Return the folder name of a report's files: ``<year>-<area slug>-<lang>``."""
    return f"{params.year}-{area_slug(params.province)}-{params.lang}"


def missing_scale_message(scale: str) -> str | None:
    """Return why the built data of ``scale`` cannot be read (naming the fix), or ``None``."""
    try:
        folder = datasets_root() / scale
    except FileNotFoundError as error:
        return str(error)
    if (folder / "workers.parquet").exists():
        return None
    return (
        f"the {scale}-scale data are not built ({folder} has no workers.parquet): run "
        f"`lrkit data build --scale {scale} --out {folder}` first"
        + (" (about 20 seconds)" if scale == "national" else "")
    )


def require_scale(scale: str, seed: int = DEFAULT_SEED) -> None:
    """Raise ``FileNotFoundError`` naming the build command when ``scale``'s data are missing.

    A seed other than the default draws the data in memory, so nothing needs to be built.
    """
    if seed != DEFAULT_SEED:
        return
    message = missing_scale_message(scale)
    if message:
        raise FileNotFoundError(message)


# ------------------------------------------------------------------------------ data
@dataclass
class ReportData:
    """The records of the report's area, every year: workers, strikes, disputes, agreements."""

    workers: pd.DataFrame
    strikes: pd.DataFrame
    disputes: pd.DataFrame
    agreements: pd.DataFrame


def reference_dates(workers: pd.DataFrame) -> pd.Series:
    """Return each survey record's reference day: the 15th of the middle month of its quarter."""
    return pd.to_datetime(
        pd.DataFrame({"year": workers["year"], "month": 3 * workers["quarter"] - 1, "day": 15})
    )


#: The columns of each dataset that the report reads.
REPORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "workers": (
        "year",
        "quarter",
        "province",
        "stratum",
        "psu",
        "weight",
        "sex",
        "status",
        "employer_ownership",
        "min_wage_region",
        "monthly_wage_vnd",
        "hours_per_week",
        "union_member",
        "covered_by_agreement",
    ),
    "strikes": (
        "year",
        "province",
        "enterprise_id",
        "ownership",
        "cause",
        "duration_workdays",
        "workers_involved",
        "days_not_worked",
        "led_by_union",
    ),
    "disputes": (
        "year",
        "province",
        "enterprise_id",
        "kind",
        "channel",
        "filed_date",
        "settled_date",
    ),
    "agreements": (
        "province",
        "enterprise_id",
        "level",
        "signed_date",
        "expiry_date",
        "min_wage_region",
        "workers_covered",
        "lowest_wage_vnd",
    ),
}


def _read_area(name: str, scale: str, province: str | None) -> pd.DataFrame:
    """Read the report's columns of a built dataset, only the rows of ``province``.

    Reading a province's rows and a few columns from the Parquet file is several times
    faster than loading the national file whole; the values and types are those of
    :func:`lrkit.data.load_dataset` (``tests/test_report.py`` checks it).
    """
    from lrkit.synth.schema import DATASETS as SCHEMAS

    path = datasets_root() / scale / SCHEMAS[name].folder / f"{name}.parquet"
    if not path.exists():
        raise FileNotFoundError(
            f"{path} is missing: run `lrkit data build --scale {scale} --out {path.parent}`"
        )
    filters = None if province is None else [("province", "==", province)]
    return pd.read_parquet(path, columns=list(REPORT_COLUMNS[name]), filters=filters)


def load_report_data(params: ReportParameters) -> ReportData:
    """Load the records the report needs for its area (all years), from ``params.scale``.

    With the default seed the built files are read (only the area's rows and the columns in
    :data:`REPORT_COLUMNS`); another seed draws the data in memory with
    :func:`lrkit.data.load_dataset`.
    """
    require_scale(params.scale, params.seed)
    names = ("workers", "strikes", "disputes", "agreements")
    area = None if params.is_country else params.province
    if params.seed == DEFAULT_SEED:
        frames = {name: _read_area(name, params.scale, area) for name in names}
    else:
        frames = {}
        for name in names:
            frame = load_dataset(name, scale=params.scale, seed=params.seed)
            if area is not None:
                frame = frame[frame["province"] == area]
            frames[name] = frame[list(REPORT_COLUMNS[name])]
    return ReportData(**{name: f.reset_index(drop=True) for name, f in frames.items()})


# ------------------------------------------------------------------------------ figures
@dataclass(frozen=True)
class KeyFigure:
    """One line of the key figures: a value, its interval and how it may be published.

    ``status`` is a survey flag (``publish``, ``use with caution``, ``suppress``), or
    ``register`` (a complete count, published) or ``confidential`` (hidden).
    """

    code: str
    value: float
    unit: str
    source: str
    status: str
    ci_lower: float = math.nan
    ci_upper: float = math.nan
    n: int | None = None
    cv: float = math.nan

    @property
    def published(self) -> bool:
        """True when the value may be shown."""
        return self.status not in (SUPPRESS, CONFIDENTIAL)


@dataclass
class ReportFigures:
    """Every figure of one report, language-free (codes, not labels)."""

    params: ReportParameters
    key: dict[str, KeyFigure]
    trend: pd.DataFrame
    ownership: pd.DataFrame
    minimum: pd.DataFrame
    minimum_schedule: pd.DataFrame
    strikes_by_year: pd.DataFrame
    strikes: ProtectedTable
    strike_workers: ProtectedTable
    disputes: ProtectedTable
    settlement: pd.DataFrame
    agreements: ProtectedTable
    covered: ProtectedTable
    employees: float
    notes: dict[str, Any] = field(default_factory=dict)


def _estimate_rows(table: pd.DataFrame) -> pd.DataFrame:
    """Keep the columns of an estimate table that a report uses."""
    keep = ["rate", "se", "ci_lower", "ci_upper", "n", "cv_pct", "flag"]
    groups = [c for c in table.columns if c not in keep and c in ("year", "indicator")]
    extra = [c for c in table.columns if c not in [*keep, *groups] and c in _GROUP_COLUMNS]
    return table[[*groups, *extra, *keep]].reset_index(drop=True)


_GROUP_COLUMNS = ("employer_ownership", "min_wage_region")


def _in_order(table: pd.DataFrame, column: str, order: Sequence[str]) -> pd.DataFrame:
    """Keep the rows whose ``column`` is in ``order``, sorted by it (stable within)."""
    kept = table[table[column].isin(order)]
    rank = kept[column].map({code: i for i, code in enumerate(order)})
    return (
        kept.assign(_rank=rank)
        .sort_values("_rank", kind="stable")
        .drop(columns="_rank")
        .reset_index(drop=True)
    )


def _survey_figure(
    code: str, row: pd.Series, unit: str, value: str = "rate", n: str = "n"
) -> KeyFigure:
    return KeyFigure(
        code=code,
        value=float(row[value]),
        unit=unit,
        source="source.lfs",
        status=str(row["flag"]),
        ci_lower=float(row["ci_lower"]),
        ci_upper=float(row["ci_upper"]),
        n=int(row[n]),
        cv=float(row.get("cv_pct", math.nan)),
    )


def _crosstab(
    frame: pd.DataFrame, row: str, column: str, rows: Sequence[str], columns: Sequence[str]
) -> pd.DataFrame:
    """Count rows of ``frame`` by ``row`` × ``column``, every category present (0 if none)."""
    counts = pd.crosstab(frame[row], frame[column]) if len(frame) else pd.DataFrame()
    unknown = (set(counts.index) - set(rows)) | (set(counts.columns) - set(columns))
    if unknown:
        raise ValueError(f"unexpected categories {sorted(map(str, unknown))} in {row}/{column}")
    counts = counts.reindex(index=list(rows), columns=list(columns), fill_value=0)
    counts.index.name, counts.columns.name = None, None
    return counts.astype("int64")


def _magnitude(
    frame: pd.DataFrame,
    row: str,
    column: str,
    value: str,
    rows: Sequence[str],
    columns: Sequence[str],
) -> ProtectedTable:
    """Protect the ``row`` × ``column`` table of summed ``value``, contributors = enterprises."""
    full_index = [*rows, TOTAL]
    full_columns = [*columns, TOTAL]
    if frame.empty or frame[value].sum() == 0:
        zeros = pd.DataFrame(0.0, index=full_index, columns=full_columns)
        return ProtectedTable(zeros, pd.DataFrame("", index=full_index, columns=full_columns))
    table = protect_magnitude_table(frame, row, column, value, contributor="enterprise_id")
    values = table.values.reindex(index=full_index, columns=full_columns, fill_value=0.0)
    status = table.status.reindex(index=full_index, columns=full_columns, fill_value="")
    return ProtectedTable(values, status)


def _protected_total(frame: pd.DataFrame, value: str) -> tuple[float, bool]:
    """Return the total of ``value`` and whether it may be published (magnitude rules).

    A single total has no margins to protect, so only the primary rules of
    :func:`lrkit.disclosure.protect_magnitude_table` apply, with its defaults: at least
    ``MIN_CONTRIBUTORS`` enterprises, the two largest at most ``DOMINANCE_K`` % of the total,
    and the rest at least ``P_PERCENT`` % of the largest (``tests/test_report.py`` checks
    that the two agree).
    """
    if frame.empty or frame[value].sum() == 0:
        return 0.0, True
    units = frame.groupby("enterprise_id")[value].sum().sort_values(ascending=False)
    total = float(units.sum())
    top = [float(v) for v in units.iloc[:2]] + [0.0] * (2 - min(2, len(units)))
    enough = len(units) >= MIN_CONTRIBUTORS
    not_dominated = top[0] + top[1] <= DOMINANCE_K / 100 * total
    p_rule = total - top[0] - top[1] >= P_PERCENT / 100 * top[0]
    return total, bool(enough and not_dominated and p_rule)


def _count_status(count: int) -> str:
    return CONFIDENTIAL if 0 < count < MIN_COUNT else REGISTER


def _cell_status(table: ProtectedTable, row: str = TOTAL, column: str = TOTAL) -> str:
    return CONFIDENTIAL if table.status.loc[row, column] else REGISTER


def _register_figure(code: str, value: float, unit: str, source: str, status: str) -> KeyFigure:
    return KeyFigure(code=code, value=float(value), unit=unit, source=source, status=status)


def agreements_in_force(agreements: pd.DataFrame, on: pd.Timestamp | str) -> pd.DataFrame:
    """Return the agreements in force on the day ``on`` (signed on or before, not expired)."""
    when = pd.Timestamp(on)
    signed = pd.to_datetime(agreements["signed_date"])
    expiry = pd.to_datetime(agreements["expiry_date"])
    return agreements[(signed <= when) & (expiry.isna() | (expiry >= when))]


def disputes_as_of(disputes: pd.DataFrame, as_of: pd.Timestamp | str) -> pd.DataFrame:
    """Return ``disputes`` as known on ``as_of``: a later settlement is not known yet."""
    cut = pd.Timestamp(as_of)
    settled = pd.to_datetime(disputes["settled_date"])
    return disputes.assign(settled_date=settled.where(settled <= cut))


def compute_report(params: ReportParameters, data: ReportData) -> ReportFigures:
    """Compute every figure of the report through :mod:`lrkit.ir_indicators` and disclosure."""
    year = params.year
    strata = list(STRATA)
    year_end = pd.Timestamp(f"{year}-12-31")
    workers = data.workers[data.workers["year"] <= year]
    this_year = workers[workers["year"] == year].reset_index(drop=True)
    if this_year.empty:
        raise ReportError(f"no survey records for {params.province} in {year}")
    this_year = this_year.assign(
        employer_ownership=this_year["employer_ownership"].fillna("none"),
        min_wage_region=this_year["min_wage_region"].fillna("none"),
    )

    # survey estimates
    density_by_year = union_density_estimates(workers, by="year", strata=strata)
    coverage_by_year = bargaining_coverage_estimates(workers, by="year", strata=strata)
    trend = pd.concat([_estimate_rows(density_by_year), _estimate_rows(coverage_by_year)])
    density = density_by_year[density_by_year["year"] == year].iloc[0]
    coverage = coverage_by_year[coverage_by_year["year"] == year].iloc[0]
    ownership = pd.concat(
        [
            _estimate_rows(f(this_year, by="employer_ownership", strata=strata))
            for f in (union_density_estimates, bargaining_coverage_estimates)
        ]
    )
    ownership = _in_order(ownership, "employer_ownership", OWNERSHIPS)
    dates = reference_dates(this_year)
    below = share_below_minimum_wage(this_year, on=dates, strata=strata).iloc[0]
    minimum = _estimate_rows(
        share_below_minimum_wage(this_year, by="min_wage_region", on=dates, strata=strata)
    )
    minimum = _in_order(minimum, "min_wage_region", REGIONS)
    gap = gender_pay_gap(this_year, strata=strata).iloc[0]
    employees = float(density["denominator"])
    schedule_rows = pd.DataFrame([minimum_in_force(region, year_end) for region in REGIONS])

    key: dict[str, KeyFigure] = {
        "union_density": _survey_figure("union_density", density, "unit.pct_employees"),
        "coverage": _survey_figure("coverage", coverage, "unit.pct_employees"),
        "below_minimum": _survey_figure("below_minimum", below, "unit.pct_wage_workers"),
        "pay_gap": KeyFigure(
            code="pay_gap",
            value=float(gap["gap_pct"]),
            unit="unit.pct_men",
            source="source.lfs",
            status=str(gap["flag"]),
            ci_lower=float(gap["ci_lower"]),
            ci_upper=float(gap["ci_upper"]),
            n=int(gap["n_male"] + gap["n_female"]),
        ),
    }

    # strikes
    strikes_all = data.strikes[data.strikes["year"] <= year]
    strikes = strikes_all[strikes_all["year"] == year]
    strike_counts = protect_frequency_table(
        _crosstab(strikes, "cause", "ownership", CAUSES, OWNERSHIPS)
    )
    strike_workers = _magnitude(
        strikes, "cause", "ownership", "workers_involved", CAUSES, OWNERSHIPS
    )
    days, days_published = _protected_total(strikes, "days_not_worked")
    stats = strike_statistics(strikes, employees=employees).iloc[0] if len(strikes) else None
    count_status = _cell_status(strike_counts)
    workers_status = _cell_status(strike_workers)
    days_status = REGISTER if days_published else CONFIDENTIAL
    n_strikes = len(strikes)
    key["strikes"] = _register_figure(
        "strikes", n_strikes, "unit.actions", "source.strikes", count_status
    )
    key["strike_workers"] = _register_figure(
        "strike_workers",
        float(strikes["workers_involved"].sum()),
        "unit.workers",
        "source.strikes",
        workers_status,
    )
    key["days_not_worked"] = _register_figure(
        "days_not_worked", days, "unit.days", "source.strikes", days_status
    )
    key["days_per_1000"] = _register_figure(
        "days_per_1000",
        1000 * days / employees,
        "unit.rate_1000",
        "source.strikes",
        days_status,
    )
    key["not_led"] = _register_figure(
        "not_led",
        float(stats["share_not_led_by_union"]) if stats is not None else math.nan,
        "unit.pct_strikes",
        "source.strikes",
        count_status,
    )
    by_year = strikes_all.groupby("year").size().reindex(range(min(YEARS), year + 1), fill_value=0)
    strikes_by_year = pd.DataFrame({"year": by_year.index, "strikes": by_year.to_numpy()})
    strikes_by_year["status"] = [_count_status(int(c)) for c in strikes_by_year["strikes"]]
    strikes_by_year.loc[strikes_by_year["year"] == year, "status"] = count_status

    # disputes filed in the year, as known on 31 December
    filed = disputes_as_of(data.disputes[data.disputes["year"] == year], year_end)
    dispute_counts = protect_frequency_table(_crosstab(filed, "kind", "channel", KINDS, CHANNELS))
    settlement = _settlement(filed, dispute_counts, year_end)
    total_row = settlement[settlement["channel"] == TOTAL].iloc[0]
    dispute_status = _cell_status(dispute_counts)
    key["disputes"] = _register_figure(
        "disputes", len(filed), "unit.disputes", "source.disputes", dispute_status
    )
    key["settled"] = _register_figure(
        "settled", total_row["settled_pct"], "unit.pct_disputes", "source.disputes", dispute_status
    )
    key["median_days"] = _register_figure(
        "median_days",
        total_row["median_days"],
        "unit.calendar_days",
        "source.disputes",
        dispute_status,
    )

    # agreements
    signed = data.agreements[pd.to_datetime(data.agreements["signed_date"]).dt.year == year]
    signed_status = _count_status(len(signed))
    share = (
        float(
            share_wage_clause_above_minimum(signed, wage="lowest_wage_vnd", on="signed_date")[
                "share"
            ].iloc[0]
        )
        if len(signed)
        else math.nan
    )
    key["agreements_signed"] = _register_figure(
        "agreements_signed", len(signed), "unit.agreements", "source.agreements", signed_status
    )
    key["wage_clause"] = _register_figure(
        "wage_clause",
        share,
        "unit.pct_agreements",
        "source.agreements",
        signed_status,
    )
    in_force = agreements_in_force(data.agreements, year_end)
    agreement_counts = protect_frequency_table(
        _crosstab(in_force, "level", "min_wage_region", LEVELS, REGIONS)
    )
    covered = _magnitude(in_force, "level", "min_wage_region", "workers_covered", LEVELS, REGIONS)
    key["agreements_in_force"] = _register_figure(
        "agreements_in_force",
        len(in_force),
        "unit.agreements",
        "source.agreements",
        _cell_status(agreement_counts),
    )
    key["workers_covered"] = _register_figure(
        "workers_covered",
        float(in_force["workers_covered"].sum()),
        "unit.workers",
        "source.agreements",
        _cell_status(covered),
    )
    return ReportFigures(
        params=params,
        key=key,
        trend=trend.reset_index(drop=True),
        ownership=ownership,
        minimum=minimum,
        minimum_schedule=schedule_rows.reset_index(drop=True),
        strikes_by_year=strikes_by_year,
        strikes=strike_counts,
        strike_workers=strike_workers,
        disputes=dispute_counts,
        settlement=settlement,
        agreements=agreement_counts,
        covered=covered,
        employees=employees,
    )


def _settlement(filed: pd.DataFrame, counts: ProtectedTable, as_of: pd.Timestamp) -> pd.DataFrame:
    """Settlement by channel and in total; a row is published when its count is (Table 6)."""
    rows = []
    for channel in [*CHANNELS, TOTAL]:
        part = filed if channel == TOTAL else filed[filed["channel"] == channel]
        n = len(part)
        if n:
            result = dispute_settlement(part, by=None, as_of=as_of).iloc[0]
            settled_pct = float(result["settlement_rate"])
            median = float(result["median_days_km"])
        else:
            settled_pct, median = math.nan, math.nan
        status = _cell_status(counts, TOTAL, channel)
        rows.append(
            {
                "channel": channel,
                "disputes": n,
                "settled_pct": settled_pct,
                "median_days": median,
                "status": status,
            }
        )
    return pd.DataFrame(rows)


# ------------------------------------------------------------------------------ tables
@dataclass
class PublishedTable:
    """A table as published: translated headers; cells are numbers or a symbol.

    ``decimals`` gives the decimals of the non-integer numbers of each column (0 when
    absent); whole numbers (counts) never show decimals.
    """

    key: str
    sheet: str
    title: str
    frame: pd.DataFrame
    decimals: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def formatted(self, lang: str) -> pd.DataFrame:
        """Return the table with every number written as ``lang`` writes it."""
        out = self.frame.astype(object).copy()
        for column in out.columns:
            out[column] = [
                number(v, lang, self.places(column, v))
                if _is_number(v)
                else ("" if v is None else str(v))
                for v in self.frame[column]
            ]
        return out

    def places(self, column: str, value: object) -> int:
        """Return the decimals shown for ``value`` in ``column`` (none for whole numbers)."""
        if isinstance(value, int | np.integer):
            return 0
        return self.decimals.get(column, 0)

    def to_html(self, lang: str) -> str:
        """Return the table as an HTML ``<table>`` with a caption and its notes.

        Columns of numbers (and their symbols) are right-aligned (class ``num``), text
        columns left-aligned.
        """
        formatted = self.formatted(lang)
        symbols = (SYMBOL_CONFIDENTIAL, SYMBOL_UNRELIABLE, None)
        numeric = {
            column: all(_is_number(v) or v in symbols for v in self.frame[column])
            for column in self.frame.columns
        }

        def cell(tag: str, column: str, text: object) -> str:
            kind = ' class="num"' if numeric[column] else ""
            return f"<{tag}{kind}>{escape(str(text))}</{tag}>"

        head = "".join(cell("th", c, c) for c in formatted.columns)
        body = "".join(
            "<tr>"
            + "".join(cell("td", c, v) for c, v in zip(formatted.columns, row, strict=True))
            + "</tr>"
            for row in formatted.itertuples(index=False)
        )
        notes = "".join(f"<p><small>{escape(note)}</small></p>" for note in self.notes)
        return (
            f'<table class="lrkit-table"><caption>{escape(self.title)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{notes}"
        )


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool)


def _rounded(value: float, decimals: int) -> float | int:
    if decimals == 0:
        return int(round(value))
    return round(float(value), decimals)


def _flag_label(flag: str, lang: str) -> str:
    code = {PUBLISH: "publish", CAUTION: "caution", SUPPRESS: "suppress"}.get(flag, flag)
    return label("flag", code, lang)


def _estimate_cells(row: pd.Series, lang: str) -> dict[str, Any]:
    """Cells of one survey estimate: rate, CI and n, or the unreliable symbol."""
    heads = [t(k, lang) for k in ("col.rate_pct", "col.ci_lower", "col.ci_upper", "col.n")]
    if row["flag"] == SUPPRESS:
        cells: dict[str, Any] = dict.fromkeys(heads, SYMBOL_UNRELIABLE)
    else:
        cells = {
            heads[0]: _rounded(row["rate"], 1),
            heads[1]: _rounded(row["ci_lower"], 1),
            heads[2]: _rounded(row["ci_upper"], 1),
            heads[3]: int(row["n"]),
        }
    cells[t("col.quality", lang)] = _flag_label(row["flag"], lang)
    return cells


def protected_frame(
    table: ProtectedTable,
    lang: str,
    row_kind: str,
    column_kind: str,
    row_header: str,
    decimals: int = 0,
) -> pd.DataFrame:
    """Return a protected table with translated labels, hidden cells as the symbol."""
    total = t("total", lang)

    def name(kind: str, code: object) -> str:
        return total if code == TOTAL else label(kind, code, lang)

    published = table.published(SYMBOL_CONFIDENTIAL)
    frame = pd.DataFrame(
        {
            name(column_kind, column): [
                v if isinstance(v, str) else _rounded(v, decimals) for v in published[column]
            ]
            for column in published.columns
        }
    )
    frame.insert(0, row_header, [name(row_kind, r) for r in published.index])
    return frame


# ------------------------------------------------------------------------------ the writer
Block = tuple[str, Any]


class ReportWriter:
    """Write the report's text, tables and charts in one language, from its figures."""

    def __init__(self, figures: ReportFigures, lang: str | None = None) -> None:
        self.figures = figures
        self.params = figures.params
        self.lang = check_lang(lang or figures.params.lang)
        self.place = place_name(self.params.province, self.lang)
        self.out_dir = Path(self.params.out_dir)
        self.tables: list[PublishedTable] = []
        self.charts: list[Path] = []

    # -- helpers
    def t(self, key: str, **values: Any) -> str:
        """Return message ``key`` in the report's language."""
        return t(key, self.lang, **values)

    def _table(self, table: PublishedTable) -> Block:
        self.tables.append(table)
        return ("html", table.to_html(self.lang))

    def _sentence_for(self, figure: KeyFigure, key: str, **values: Any) -> str:
        """Return the sentence of a survey figure, or why it is not published."""
        if figure.status == SUPPRESS:
            return self.t(
                "text.suppressed",
                indicator=self.t(f"about.{figure.code}"),
                place=self.place,
                year=self.params.year,
            )
        text = self.t(key, rate=figure.value, low=figure.ci_lower, high=figure.ci_upper, **values)
        if figure.status == CAUTION:
            text += " " + self.t("text.caution", n=figure.n, cv=figure.cv)
        return text

    def title(self) -> str:
        """Return the report's title."""
        return self.t("report.title", place=self.place, year=self.params.year)

    # -- sections
    def intro(self) -> list[Block]:
        """Title, the synthetic-data warning, what the report covers and its area."""
        if self.params.is_country:
            area = self.t("report.area.country")
        else:
            units = former_units(self.params.province)
            if units == [self.params.province]:
                area = self.t("report.area.unchanged", place=self.place)
            else:
                area = self.t(
                    "report.area.merged",
                    place=self.place,
                    units=", ".join(place_name(u, self.lang) for u in units),
                )
        data = self.t(
            "report.data", version=__version__, scale=self.params.scale, seed=self.params.seed
        )
        text = "\n\n".join(
            [
                f"# {self.title()}",
                f"> {self.t('report.synthetic')}",
                self.t("report.about", place=self.place, year=self.params.year),
                area,
                f"*{data}*",
            ]
        )
        return [("markdown", text)]

    def key_table(self) -> PublishedTable:
        """Return Table 1, the key figures."""
        lang = self.lang
        rows = []
        decimals = {
            "union_density": 1,
            "coverage": 1,
            "below_minimum": 1,
            "pay_gap": 1,
            "days_per_1000": 1,
            "not_led": 1,
            "settled": 1,
            "wage_clause": 1,
        }
        ci_lower, ci_upper = t("col.ci_lower", lang), t("col.ci_upper", lang)
        value = t("col.value", lang)
        for code, figure in self.figures.key.items():
            places = decimals.get(code, 0)
            symbol = SYMBOL_UNRELIABLE if figure.status == SUPPRESS else SYMBOL_CONFIDENTIAL
            if not figure.published:
                shown: object = symbol
            elif math.isnan(figure.value):
                shown = None  # nothing to report (no strike, no dispute, …)
            else:
                shown = _rounded(figure.value, places)
            survey = figure.source == "source.lfs"
            rows.append(
                {
                    t("col.indicator", lang): self.t(f"ind.{code}"),
                    value: shown,
                    t("col.unit", lang): self.t(figure.unit),
                    ci_lower: _rounded(figure.ci_lower, 1)
                    if survey and figure.published
                    else (symbol if survey else None),
                    ci_upper: _rounded(figure.ci_upper, 1)
                    if survey and figure.published
                    else (symbol if survey else None),
                    t("col.quality", lang): _flag_label(figure.status, lang),
                    t("col.source", lang): self.t(figure.source),
                }
            )
        # object columns keep counts as whole numbers next to rates
        frame = pd.DataFrame(rows, dtype=object)
        return PublishedTable(
            key="key",
            sheet=self.t("sheet.key"),
            title=self.t("table.key", place=self.place, year=self.params.year),
            frame=frame,
            decimals={value: 1, ci_lower: 1, ci_upper: 1},
            notes=self._symbol_notes(),
        )

    def _symbol_notes(self) -> list[str]:
        return [
            f"{SYMBOL_UNRELIABLE} {self.t('notes.symbol_unreliable')}",
            f"{SYMBOL_CONFIDENTIAL} {self.t('notes.symbol_confidential')}",
        ]

    def key_figures(self) -> list[Block]:
        """Section 1: Table 1 of the key figures."""
        return [("markdown", f"## 1. {self.t('sec.key')}"), self._table(self.key_table())]

    def unions(self) -> list[Block]:
        """Section 2: union density and coverage, the trend chart, Table 2 and Chart 2."""
        key = self.figures.key
        first = min(self.figures.trend["year"])
        text = " ".join(
            [
                self._sentence_for(
                    key["union_density"], "text.density", year=self.params.year, place=self.place
                ),
                self._sentence_for(key["coverage"], "text.coverage"),
                self._change_sentence(),
            ]
        ).strip()
        blocks: list[Block] = [
            ("markdown", f"## 2. {self.t('sec.unions')}\n\n{text}"),
            ("image", self.trend_chart()),
            ("markdown", self.t("text.trend", first=first)),
            self._table(self.ownership_table()),
            ("image", self.ownership_chart()),
        ]
        return blocks

    def _change_sentence(self) -> str:
        """Say whether union density changed since the previous year, in plain words."""
        trend = self.figures.trend
        density = trend[trend["indicator"] == "union_density"]
        year, previous = self.params.year, self.params.year - 1
        both = density[density["year"].isin([previous, year])]
        if len(both) != 2 or (both["flag"] == SUPPRESS).any():
            return ""
        change = change_between(both, previous, year)
        return describe_change(change, self.place, previous, year, self.lang)

    def ownership_table(self) -> PublishedTable:
        """Return Table 2: density and coverage by ownership of the employer."""
        rows = []
        for _, row in self.figures.ownership.iterrows():
            code = "union_density" if row["indicator"] == "union_density" else "coverage"
            rows.append(
                {
                    self.t("col.indicator"): self.t(f"ind.{code}"),
                    self.t("col.ownership"): label(
                        "ownership", row["employer_ownership"], self.lang
                    ),
                    **_estimate_cells(row, self.lang),
                }
            )
        return PublishedTable(
            key="ownership",
            sheet=self.t("sheet.ownership"),
            title=self.t("table.ownership", place=self.place, year=self.params.year),
            frame=pd.DataFrame(rows),
            decimals=self._rate_decimals(),
            notes=[f"{SYMBOL_UNRELIABLE} {self.t('notes.symbol_unreliable')}"],
        )

    def _rate_decimals(self) -> dict[str, int]:
        return {self.t(k): 1 for k in ("col.rate_pct", "col.ci_lower", "col.ci_upper")}

    def wages(self) -> list[Block]:
        """Section 3: the minimum wage schedule, the share below it (Table 3), the pay gap."""
        key = self.figures.key
        schedule = self.figures.minimum_schedule
        amounts = "; ".join(
            label("region", r["region"], self.lang)
            + " "
            + number(int(r["monthly_vnd"]), self.lang, 0)
            for _, r in schedule.iterrows()
        )
        decree = str(schedule["decree"].iloc[0])
        text = [
            self.t("text.minimum_schedule", year=self.params.year, decree=decree, amounts=amounts),
            self._sentence_for(key["below_minimum"], "text.below_minimum"),
        ]
        gap = key["pay_gap"]
        if gap.status == SUPPRESS:
            text.append(
                self.t(
                    "text.suppressed",
                    indicator=self.t("about.pay_gap"),
                    place=self.place,
                    year=self.params.year,
                )
            )
        else:
            sentence = self.t("text.pay_gap", gap=gap.value, low=gap.ci_lower, high=gap.ci_upper)
            # A precise-enough gap (the reliability flag) can still be too small to tell from
            # zero: a reader must not take its sign as a finding.
            if gap.ci_lower <= 0 <= gap.ci_upper:
                sentence += " " + self.t("text.pay_gap_includes_zero", place=self.place)
            if gap.status == CAUTION:
                sentence += " " + self.t("flag.caution") + "."
            text.append(sentence)
        return [
            ("markdown", f"## 3. {self.t('sec.wages')}\n\n" + " ".join(text[:2])),
            self._table(self.minimum_table()),
            ("markdown", text[2]),
        ]

    def minimum_table(self) -> PublishedTable:
        """Return Table 3: share of wage workers below the regional minimum, by region."""
        rows = [
            {
                self.t("col.region"): label("region", row["min_wage_region"], self.lang),
                **_estimate_cells(row, self.lang),
            }
            for _, row in self.figures.minimum.iterrows()
        ]
        return PublishedTable(
            key="minimum",
            sheet=self.t("sheet.minimum"),
            title=self.t("table.minimum", place=self.place, year=self.params.year),
            frame=pd.DataFrame(rows),
            decimals=self._rate_decimals(),
            notes=[f"{SYMBOL_UNRELIABLE} {self.t('notes.symbol_unreliable')}"],
        )

    def strikes(self) -> list[Block]:
        """Section 4: strike statistics (15th ICLS), Chart 3, Tables 4 and 5."""
        key = self.figures.key
        year = self.params.year
        if not key["strikes"].published:
            text = self.t("text.strikes_few", threshold=MIN_COUNT, year=year)
        elif key["strikes"].value == 0:
            text = self.t("text.strikes_none", year=year)
        else:
            text = self.t(
                "text.strikes",
                actions=int(key["strikes"].value),
                year=year,
                not_led=key["not_led"].value,
            )
            if key["strike_workers"].published and key["days_not_worked"].published:
                text += " " + self.t(
                    "text.strike_days",
                    workers=int(key["strike_workers"].value),
                    days=int(key["days_not_worked"].value),
                    per1000=key["days_per_1000"].value,
                )
            elif key["strikes"].value > 0:
                text += " " + self.t("text.strike_days_hidden")
        return [
            ("markdown", f"## 4. {self.t('sec.strikes')}\n\n{text}"),
            ("image", self.strikes_chart()),
            self._table(
                self._protected("strikes", self.figures.strikes, "cause", "ownership", "col.cause")
            ),
            self._table(
                self._protected(
                    "strike_workers",
                    self.figures.strike_workers,
                    "cause",
                    "ownership",
                    "col.cause",
                )
            ),
        ]

    def _protected(
        self,
        key: str,
        table: ProtectedTable,
        row_kind: str,
        column_kind: str,
        row_header: str,
    ) -> PublishedTable:
        frame = protected_frame(table, self.lang, row_kind, column_kind, self.t(row_header))
        return PublishedTable(
            key=key,
            sheet=self.t(f"sheet.{key}"),
            title=self.t(f"table.{key}", place=self.place, year=self.params.year),
            frame=frame,
            notes=[f"{SYMBOL_CONFIDENTIAL} {self.t('notes.symbol_confidential')}"],
        )

    def disputes(self) -> list[Block]:
        """Section 5: labour disputes by kind and channel (Table 6), settlement (Table 7)."""
        key = self.figures.key
        year = self.params.year
        if not key["disputes"].published:
            text = self.t("text.disputes_few", threshold=MIN_COUNT, year=year)
        elif key["disputes"].value == 0:
            text = self.t("text.disputes_none", year=year)
        else:
            text = self.t(
                "text.disputes",
                disputes=int(key["disputes"].value),
                year=year,
                settled=key["settled"].value,
            )
            if key["disputes"].value:
                median = key["median_days"].value
                text += " " + (
                    self.t("text.disputes_median", days=median)
                    if not math.isnan(median)
                    else self.t("text.disputes_median_open")
                )
        return [
            ("markdown", f"## 5. {self.t('sec.disputes')}\n\n{text}"),
            self._table(
                self._protected("disputes", self.figures.disputes, "kind", "channel", "col.kind")
            ),
            self._table(self.settlement_table()),
        ]

    def settlement_table(self) -> PublishedTable:
        """Return Table 7: disputes filed, share settled and median days by channel."""
        rows = []
        for _, row in self.figures.settlement.iterrows():
            channel = (
                self.t("total")
                if row["channel"] == TOTAL
                else label("channel", row["channel"], self.lang)
            )
            hidden = row["status"] == CONFIDENTIAL
            median = row["median_days"]

            def cell(value: float, decimals: int, hidden: bool = hidden) -> object:
                if hidden:
                    return SYMBOL_CONFIDENTIAL
                return None if math.isnan(value) else _rounded(value, decimals)

            rows.append(
                {
                    self.t("col.channel"): channel,
                    self.t("col.disputes"): cell(row["disputes"], 0),
                    self.t("col.settled_pct"): cell(row["settled_pct"], 1),
                    self.t("col.median_days"): cell(median, 0),
                }
            )
        return PublishedTable(
            key="settlement",
            sheet=self.t("sheet.settlement"),
            title=self.t("table.settlement", place=self.place, year=self.params.year),
            frame=pd.DataFrame(rows),
            decimals={self.t("col.settled_pct"): 1},
            notes=[f"{SYMBOL_CONFIDENTIAL} {self.t('notes.symbol_confidential')}"],
        )

    def agreements(self) -> list[Block]:
        """Section 6: agreements signed and in force (Tables 8 and 9)."""
        key = self.figures.key
        year = self.params.year
        signed = key["agreements_signed"]
        if signed.published and signed.value == 0:
            text = self.t("text.agreements_none", year=year)
        elif signed.published:
            text = self.t(
                "text.agreements",
                signed=int(signed.value),
                year=year,
                share=key["wage_clause"].value,
            )
        else:
            text = self.t("text.agreements_few", threshold=MIN_COUNT, year=year)
        in_force, covered = key["agreements_in_force"], key["workers_covered"]
        if not in_force.published:
            text += " " + self.t("text.in_force_few", threshold=MIN_COUNT, year=year)
        elif covered.published:
            text += " " + self.t(
                "text.in_force_covered",
                year=year,
                in_force=int(in_force.value),
                covered=int(covered.value),
            )
        else:
            text += " " + self.t("text.in_force", year=year, in_force=int(in_force.value))
        return [
            ("markdown", f"## 6. {self.t('sec.agreements')}\n\n{text}"),
            self._table(
                self._protected(
                    "agreements", self.figures.agreements, "level", "region", "col.level"
                )
            ),
            self._table(
                self._protected("covered", self.figures.covered, "level", "region", "col.level")
            ),
        ]

    def methods(self) -> list[Block]:
        """Section 7: definitions, precision rules and confidentiality rules."""
        text = "\n\n".join(
            [
                f"## 7. {self.t('sec.methods')}",
                self.t("methods.density"),
                self.t("methods.strikes"),
                self.t("methods.minimum"),
                self.t(
                    "methods.precision",
                    cv_publish=CV_PUBLISH_MAX,
                    n_publish=MIN_N_PUBLISH,
                    cv_suppress=CV_CAUTION_MAX,
                    n_suppress=MIN_N_SUPPRESS,
                    symbol_unreliable=SYMBOL_UNRELIABLE,
                ),
                self.t(
                    "methods.confidentiality",
                    threshold=MIN_COUNT,
                    contributors=MIN_CONTRIBUTORS,
                    symbol_confidential=SYMBOL_CONFIDENTIAL,
                ),
            ]
        )
        return [("markdown", text)]

    def files(self) -> list[Block]:
        """Write the XLSX workbook and list the report's files."""
        workbook = self.write_xlsx()
        lines = [f"## 8. {self.t('sec.files')}", ""]
        lines.append(f"- {self.t('files.xlsx')}: `{workbook.name}`")
        for number_, chart in enumerate(self.charts, start=1):
            lines.append(f"- {self.t('files.png', number=number_)}: `{chart.name}`")
        return [("markdown", "\n".join(lines))]

    # -- outputs
    def xlsx_path(self) -> Path:
        """Return where the workbook goes."""
        return self.out_dir / f"tables-{report_folder_name(self.params)}.xlsx"

    def write_xlsx(self, path: Path | None = None) -> Path:
        """Write every table published so far, and a notes sheet, to an XLSX workbook."""
        path = Path(path or self.xlsx_path())
        path.parent.mkdir(parents=True, exist_ok=True)
        notes = [
            (SYMBOL_UNRELIABLE, self.t("notes.symbol_unreliable")),
            (SYMBOL_CONFIDENTIAL, self.t("notes.symbol_confidential")),
        ]
        write_workbook(
            self.tables,
            path,
            title=self.title(),
            notes=notes,
            texts=[
                self.t("report.synthetic").replace("**", ""),
                self.t(
                    "report.data",
                    version=__version__,
                    scale=self.params.scale,
                    seed=self.params.seed,
                ),
            ],
            headers=(self.t("col.symbol"), self.t("col.meaning")),
            notes_sheet=self.t("sheet.notes"),
        )
        return path

    def _chart_path(self, name: str) -> Path:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        number_ = len(self.charts) + 1
        path = self.out_dir / f"chart-{number_}-{name}-{report_folder_name(self.params)}.png"
        self.charts.append(path)
        return path

    def trend_chart(self) -> Path:
        """Chart 1: union density and coverage by year with 95% confidence intervals."""
        trend = self.figures.trend
        first = int(trend["year"].min())
        title = self.t("chart.trend.title", place=self.place, first=first, year=self.params.year)
        series = []
        for indicator, code in (
            ("union_density", "union_density"),
            ("bargaining_coverage", "coverage"),
        ):
            part = trend[(trend["indicator"] == indicator) & (trend["flag"] != SUPPRESS)]
            series.append((self.t(f"ind.{code}"), part))
        return draw_trend_chart(
            series,
            title=title,
            ylabel=self.t("chart.trend.ylabel"),
            note=self.t("chart.trend.note"),
            path=self._chart_path("trend"),
            lang=self.lang,
        )

    def ownership_chart(self) -> Path:
        """Chart 2: union density by ownership (estimates too imprecise are left out)."""
        part = self.figures.ownership
        part = part[(part["indicator"] == "union_density") & (part["flag"] != SUPPRESS)]
        labels_ = [label("ownership", code, self.lang) for code in part["employer_ownership"]]
        title = self.t("chart.ownership.title", place=self.place, year=self.params.year)
        return draw_bar_chart(
            labels_,
            part["rate"].to_numpy(dtype=float),
            part["ci_lower"].to_numpy(dtype=float),
            part["ci_upper"].to_numpy(dtype=float),
            (part["flag"] == CAUTION).tolist(),
            title=title,
            ylabel=self.t("chart.trend.ylabel"),
            note=self.t("chart.suppressed_note"),
            path=self._chart_path("ownership"),
            lang=self.lang,
        )

    def strikes_chart(self) -> Path:
        """Chart 3: strikes per year; years with too few strikes show the symbol."""
        by_year = self.figures.strikes_by_year
        title = self.t(
            "chart.strikes.title",
            place=self.place,
            first=int(by_year["year"].min()),
            year=self.params.year,
        )
        return draw_count_chart(
            by_year["year"].astype(int).tolist(),
            by_year["strikes"].astype(int).tolist(),
            (by_year["status"] == CONFIDENTIAL).tolist(),
            title=title,
            ylabel=self.t("chart.strikes.ylabel"),
            note=self.t("chart.strikes.note", threshold=MIN_COUNT),
            path=self._chart_path("strikes"),
            lang=self.lang,
        )


def _img_tag(path: Path) -> str:
    """Return an ``<img>`` of the PNG chart at ``path``, embedded, with its title as alt text.

    The title is the one written into the PNG (see ``_finish``), so it is in the
    report's language; a reader with a screen reader hears it instead of nbconvert's
    English "No description has been provided for this image".
    """
    from PIL import Image as PILImage

    with PILImage.open(path) as picture:
        title = picture.text.get("Title", "") if hasattr(picture, "text") else ""
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{escape(title, quote=True)}">'


def show(blocks: Iterable[Block]) -> None:
    """Display report blocks in a notebook: Markdown text, HTML tables and PNG charts."""
    from IPython.display import HTML, Markdown, display

    for kind, content in blocks:
        if kind == "markdown":
            display(Markdown(content))
        elif kind == "html":
            display(HTML(content))
        elif kind == "image":
            display(HTML(_img_tag(Path(content))))
        else:
            raise ValueError(f"unknown block kind {kind!r}; kinds: markdown, html, image")


# ------------------------------------------------------------------------------ XLSX
def _number_format(decimals: int) -> str:
    return "#,##0" if decimals == 0 else "#,##0." + "0" * decimals


def write_workbook(
    tables: Sequence[PublishedTable],
    path: Path,
    *,
    title: str,
    notes: Sequence[tuple[str, str]],
    texts: Sequence[str],
    headers: tuple[str, str],
    notes_sheet: str,
) -> Path:
    """Write ``tables`` (one sheet each) and a notes sheet to the XLSX file ``path``.

    Numbers are stored as numbers with a display format (Excel shows them with the reader's
    own separators); hidden cells hold their symbol as text.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for table in tables:
        sheet = workbook.create_sheet(table.sheet[:31])
        sheet["A1"] = table.title
        sheet["A1"].font = Font(bold=True, size=12)
        header_row = 3
        for j, column in enumerate(table.frame.columns, start=1):
            cell = sheet.cell(row=header_row, column=j, value=str(column))
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            width = max(
                12, min(45, max(len(str(column)), *(len(str(v)) for v in table.frame[column])) + 2)
            )
            sheet.column_dimensions[cell.column_letter].width = width
        for i, values in enumerate(table.frame.itertuples(index=False), start=header_row + 1):
            for j, (column, value) in enumerate(zip(table.frame.columns, values, strict=True), 1):
                if value is None or (isinstance(value, float) and math.isnan(value)):
                    continue
                if _is_number(value):
                    cell = sheet.cell(
                        row=i, column=j, value=value.item() if hasattr(value, "item") else value
                    )
                    cell.number_format = _number_format(table.places(column, value))
                else:
                    cell = sheet.cell(row=i, column=j, value=str(value))
                    cell.alignment = Alignment(horizontal="right") if j > 1 else Alignment()
        last = header_row + len(table.frame) + 2
        for k, note in enumerate(table.notes):
            sheet.cell(row=last + k, column=1, value=note)
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)
    sheet = workbook.create_sheet(notes_sheet[:31])
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=12)
    row = 3
    for text in texts:
        sheet.cell(row=row, column=1, value=text)
        row += 1
    row += 1
    sheet.cell(row=row, column=1, value=headers[0]).font = bold
    sheet.cell(row=row, column=2, value=headers[1]).font = bold
    for symbol, meaning in notes:
        row += 1
        sheet.cell(row=row, column=1, value=symbol)
        sheet.cell(row=row, column=2, value=meaning)
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 90
    workbook.save(path)
    return path


# ------------------------------------------------------------------------------ charts
def _wrap(title: str) -> str:
    return "\n".join(textwrap.wrap(title, 70))


def _finish(fig: Any, path: Path, title: str, note: str) -> Path:
    """Add the note, save with the title in the PNG metadata, close."""
    import matplotlib.pyplot as plt

    lines = textwrap.wrap(note, 120)
    fig.text(0.01, 0.005, "\n".join(lines), fontsize=8, color="0.35", ha="left", va="bottom")
    fig.tight_layout(rect=(0, 0.035 * len(lines) + 0.01, 1, 1))
    fig.savefig(path, metadata={"Title": title, "Software": f"lrkit {__version__}"})
    plt.close(fig)
    return path


def _axis_numbers(ax: Any, lang: str, decimals: int = 0) -> None:
    from matplotlib.ticker import FuncFormatter

    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: number(v, lang, decimals)))


def draw_trend_chart(
    series: Sequence[tuple[str, pd.DataFrame]],
    *,
    title: str,
    ylabel: str,
    note: str,
    path: Path,
    lang: str,
) -> Path:
    """Draw rates by year (columns ``year``, ``rate``, ``ci_lower``, ``ci_upper``) with CIs."""
    import matplotlib.pyplot as plt

    from lrkit.plots import use_kit_style

    use_kit_style()
    fig, ax = plt.subplots(figsize=(8, 4.5))
    for (name, part), offset in zip(series, (-0.06, 0.06), strict=False):
        years = part["year"].to_numpy(dtype=float) + offset
        rate = part["rate"].to_numpy(dtype=float)
        errors = np.vstack(
            [rate - part["ci_lower"].to_numpy(dtype=float), part["ci_upper"].to_numpy() - rate]
        )
        ax.errorbar(years, rate, yerr=errors, marker="o", capsize=3, label=name, linewidth=1.8)
    years_all = sorted({int(y) for _, part in series for y in part["year"]})
    ax.set_xticks(years_all, [str(y) for y in years_all])
    ax.set(ylabel=ylabel, xlabel="", ylim=(0, 100))
    ax.set_title(_wrap(title), fontsize=11)
    _axis_numbers(ax, lang)
    ax.legend(frameon=False, loc="best")
    return _finish(fig, path, title, note)


def draw_bar_chart(
    names: Sequence[str],
    rates: np.ndarray,
    lower: np.ndarray,
    upper: np.ndarray,
    caution: Sequence[bool],
    *,
    title: str,
    ylabel: str,
    note: str,
    path: Path,
    lang: str,
) -> Path:
    """Draw one bar per category with its 95% confidence interval and its value.

    Bars of estimates to use with caution are hatched.
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    from lrkit.plots import use_kit_style

    use_kit_style()
    fig, ax = plt.subplots(figsize=(8, 4.5))
    colours = sns.color_palette(n_colors=max(1, len(names)))
    positions = np.arange(len(names))
    bars = ax.bar(positions, rates, color=colours[: len(names)], width=0.6)
    for bar, careful in zip(bars, caution, strict=True):
        if careful:
            bar.set_hatch("//")
            bar.set_alpha(0.6)
    ax.errorbar(
        positions,
        rates,
        yerr=np.vstack([rates - lower, upper - rates]),
        fmt="none",
        ecolor="0.2",
        capsize=4,
    )
    for x, rate, high in zip(positions, rates, upper, strict=True):
        ax.text(x + 0.08, min(high, 96) + 1.5, number(rate, lang, 1), ha="left", fontsize=9)
    ax.set_xticks(positions, list(names))
    ax.set(ylabel=ylabel, xlabel="", ylim=(0, 105))
    ax.set_title(_wrap(title), fontsize=11)
    _axis_numbers(ax, lang)
    return _finish(fig, path, title, note)


def draw_count_chart(
    years: Sequence[int],
    counts: Sequence[int],
    hidden: Sequence[bool],
    *,
    title: str,
    ylabel: str,
    note: str,
    path: Path,
    lang: str,
) -> Path:
    """Draw counts by year; hidden years get no bar, only the confidentiality symbol."""
    import matplotlib.pyplot as plt

    from lrkit.plots import use_kit_style

    use_kit_style()
    fig, ax = plt.subplots(figsize=(8, 4.5))
    shown = [0 if h else c for c, h in zip(counts, hidden, strict=True)]
    ax.bar([str(y) for y in years], shown, color="#4C72B0", width=0.6)
    top = max([*shown, 1])
    for x, (value, is_hidden) in enumerate(zip(shown, hidden, strict=True)):
        text = SYMBOL_CONFIDENTIAL if is_hidden else number(value, lang, 0)
        ax.text(x, value + top * 0.02, text, ha="center", fontsize=10)
    ax.set(ylabel=ylabel, xlabel="", ylim=(0, top * 1.15))
    ax.set_title(_wrap(title), fontsize=11)
    _axis_numbers(ax, lang)
    return _finish(fig, path, title, note)


# ------------------------------------------------------------------------------ runs
def export_html(executed: Path, html_path: Path, lang: str, title: str) -> Path:
    """Convert an executed report notebook to HTML with the code hidden (``--no-input``).

    Cells tagged ``remove-cell`` (notes for developers) and anything written to stderr are
    left out; the page's ``<html lang>`` and ``<title>`` follow the report.
    """
    import nbformat
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    notebook = nbformat.read(executed, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = [
                o
                for o in cell.get("outputs", [])
                if not (o.get("output_type") == "stream" and o.get("name") == "stderr")
            ]
    notebook.metadata["title"] = title
    exporter = HTMLExporter(
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        language_code=lang,
    )
    remover = TagRemovePreprocessor(remove_cell_tags={"remove-cell"}, enabled=True)
    exporter.register_preprocessor(remover, enabled=True)
    body, _ = exporter.from_notebook_node(notebook)
    html_path.write_text(offline_html(body), encoding="utf-8")
    return html_path


_REQUIRE_JS = re.compile(r'<script src="[^"]*require(?:\.min)?\.js"></script>')
_MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)
_TABLE_CSS = """<style>
table.lrkit-table { margin: 0.5em 0 0.2em 0; }
table.lrkit-table caption { caption-side: top; text-align: left; font-weight: bold;
  padding: 0.5em 0; }
table.lrkit-table td, table.lrkit-table th { text-align: left !important;
  padding: 0.25em 0.6em; vertical-align: top; }
table.lrkit-table td.num, table.lrkit-table th.num { text-align: right !important; }
</style>
</head>"""


def offline_html(page: str) -> str:
    """Return the page without the scripts it would fetch from the internet.

    A report has no code, widgets or formulas to render, so require.js and MathJax (loaded
    from a CDN by nbconvert's template) are dropped: the page reads the same offline.
    """
    page = _REQUIRE_JS.sub("", page)
    page = _MATHJAX.sub("", page)
    return page.replace("</head>", _TABLE_CSS, 1)


def run_report(
    year: object,
    province: object,
    lang: object = "en",
    *,
    scale: str = "workshop",
    out: Path | str = "reports",
    seed: object = None,
    notebook: Path | str | None = None,
    timeout: int = 600,
) -> Path:
    """Run the annual report notebook for one area; return the path of its HTML page.

    Files go to ``out/<year>-<area>-<lang>/``: ``report.html`` (code hidden), the executed
    ``report.ipynb``, the charts (PNG) and the tables (XLSX). The parameters are checked
    (and the data looked for) before the notebook starts, with the same messages as its
    first cell. Raises :class:`ReportError` when the notebook fails.
    """
    import papermill as pm

    params = check_report_parameters(year, province, lang, seed, scale, out)
    require_scale(params.scale, params.seed)
    folder = (Path(out) / report_folder_name(params)).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    executed = folder / "report.ipynb"
    try:
        pm.execute_notebook(
            str(notebook or NOTEBOOK),
            str(executed),
            parameters={
                "year": params.year,
                "province": params.province,
                "lang": params.lang,
                "seed": params.seed,
                "scale": params.scale,
                "out_dir": str(folder),
            },
            kernel_name="python3",
            cwd=str(folder),
            progress_bar=False,
            execution_timeout=timeout,
            # the kernel's start-up notice (TCP transport) would clutter the progress bar
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
        )
    except pm.PapermillExecutionError as error:
        raise ReportError(
            f"the report for {params.province}, {params.year} ({params.lang}) failed: "
            f"{error.ename}: {error.evalue}"
        ) from error
    title = t(
        "report.title",
        params.lang,
        place=place_name(params.province, params.lang),
        year=params.year,
    )
    return export_html(executed, folder / "report.html", params.lang, title)


def _run_one(kwargs: dict[str, Any]) -> tuple[str, str, str]:
    """Run one report in a worker process: (area, "ok" or "error", path or message)."""
    try:
        return kwargs["province"], "ok", str(run_report(**kwargs))
    except Exception as error:  # noqa: BLE001 - one failed area must not stop the others
        return kwargs["province"], "error", f"{type(error).__name__}: {error}"


@dataclass
class RunSummary:
    """What :func:`run_all` produced: the HTML page of each area, and the failures."""

    reports: dict[str, Path]
    failures: dict[str, str]
    index: Path | None = None


def run_all(
    year: object,
    lang: object = "en",
    *,
    scale: str = "national",
    out: Path | str = "reports",
    seed: object = None,
    areas: Sequence[str] | None = None,
    jobs: int = 2,
    progress: bool = True,
    timeout: int = 600,
) -> RunSummary:
    """Run the report for every province of ``scale`` (or ``areas``) in parallel processes.

    ``jobs`` processes each run one report at a time (each starts its own kernel); a
    progress bar counts the reports done. A failed area is recorded, not fatal. An
    ``index.html`` in ``out`` links to every report.
    """
    from tqdm.auto import tqdm

    if jobs < 1:
        raise ValueError(f"jobs must be 1 or more, got {jobs}")
    check_lang(lang)
    if areas is None:
        areas = [a for a in valid_areas(scale) if a != COUNTRY]
    names = [resolve_area(a, scale) for a in areas]
    # check once, in this process, so that a bad value stops before any work starts
    check_report_parameters(year, names[0], lang, seed, scale, out)
    require_scale(scale, DEFAULT_SEED if seed is None else _whole_number("seed", seed))
    tasks = [
        {
            "year": year,
            "province": name,
            "lang": lang,
            "scale": scale,
            "out": str(out),
            "seed": seed,
            "timeout": timeout,
        }
        for name in names
    ]
    reports: dict[str, Path] = {}
    failures: dict[str, str] = {}
    context = multiprocessing.get_context("spawn")
    with (
        ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool,
        tqdm(
            total=len(tasks), desc=f"reports {year} ({lang})", unit="report", disable=not progress
        ) as bar,
    ):
        futures = [pool.submit(_run_one, task) for task in tasks]
        for future in as_completed(futures):
            area, outcome, detail = future.result()
            if outcome == "ok":
                reports[area] = Path(detail)
            else:
                failures[area] = detail
            bar.set_postfix_str(area)
            bar.update(1)
    index = write_index(reports, Path(out), str(lang), int(_whole_number("year", year)))
    return RunSummary(
        reports={a: reports[a] for a in names if a in reports},
        failures=failures,
        index=index,
    )


def write_index(reports: dict[str, Path], out: Path, lang: str, year: int) -> Path:
    """Write ``out/index-<year>-<lang>.html`` linking to each area's report."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"index-{year}-{lang}.html"
    items = []
    for area in sorted(reports, key=lambda a: fold_name(place_name(a, lang))):
        target = reports[area].resolve().relative_to(out.resolve())
        title = t("report.title", lang, place=place_name(area, lang), year=year)
        items.append(f'<li><a href="{escape(target.as_posix())}">{escape(title)}</a></li>')
    page = (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{escape(t('report.title', lang, place='…', year=year))}</title></head>"
        f"<body><ul>\n" + "\n".join(items) + "\n</ul></body></html>\n"
    )
    path.write_text(unicodedata.normalize("NFC", page), encoding="utf-8")
    return path


__all__ = [
    "COUNTRY",
    "STRATA",
    "SYMBOL_CONFIDENTIAL",
    "SYMBOL_UNRELIABLE",
    "KeyFigure",
    "PublishedTable",
    "ReportData",
    "ReportError",
    "ReportFigures",
    "ReportParameters",
    "ReportWriter",
    "RunSummary",
    "agreements_in_force",
    "check_report_parameters",
    "compute_report",
    "disputes_as_of",
    "export_html",
    "load_report_data",
    "reference_dates",
    "require_scale",
    "resolve_area",
    "run_all",
    "run_report",
    "show",
    "valid_areas",
    "write_workbook",
]
