"""Labour relations and decent-work indicators with design-based precision.

:mod:`lrkit.indicators` gives the point estimates; this module gives the same indicators
with standard errors, confidence intervals, coefficients of variation, design effects and
reliability flags (through :mod:`lrkit.survey`), plus the indicators that need more than one
dataset or a reference table. Definitions (source: ``shared/domain-facts.md``):

Trade union density rate (ILOSTAT ILR_TUMT_NOC_RT)
    union members who are employees ÷ employees × 100. Self-employed, unemployed and retired
    members are left out.
Collective bargaining coverage rate (ILOSTAT ILR_CBCT_NOC_RT)
    employees covered by at least one collective agreement ÷ employees × 100. The *adjusted*
    rate removes from the denominator the employees without the right to bargain.
Strikes and lockouts (15th ICLS, 1993)
    number of actions, workers involved, days not worked, days not worked per 1,000
    employees; classified by economic activity, duration, cause and whether union-led.
Gender pay gap (SDG 8.5.1 style)
    (mean hourly earnings of men − of women) ÷ mean hourly earnings of men × 100, for
    employees; hourly earnings = monthly wage ÷ (usual weekly hours × 52/12).

Survey-based functions take the person records and either a prepared
:class:`~lrkit.survey.SurveyDesign` (``design=``) or the names of the design columns
(``weight``, ``strata``, ``psu``; the kit's worker data use ``weight``, ``stratum`` and
``psu``). Rates are in percent; ``se``, ``ci_lower`` and ``ci_upper`` are in percentage
points; ``numerator`` and ``denominator`` are the weighted totals behind the rate.

When the records pool several survey rounds (the kit's worker data hold one stratum code
for all years and quarters), each round is a sample of its own: pass the round with the
stratum, ``strata=["year", "quarter", "stratum"]``, so that a domain such as one year is
not compared with the empty PSUs of the other rounds.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np
import pandas as pd

from lrkit.reference.minimum_wage import monthly_minimum_for
from lrkit.reference.provinces import crosswalk_2025, fold_name
from lrkit.survey import (
    CAUTION,
    FLAGS,
    PUBLISH,
    SUPPRESS,
    SurveyDesign,
    estimate_from_arrays,
    reliability_flags,
    t_quantile,
)

EMPLOYEE = "employee"
#: ILOSTAT indicator codes of the two survey rates (checked: ``shared/domain-facts.md``).
DENSITY_CODE = "ILR_TUMT_NOC_RT"
COVERAGE_CODE = "ILR_CBCT_NOC_RT"
#: Weeks per month used to turn usual weekly hours into monthly hours (52 weeks ÷ 12 months).
WEEKS_PER_MONTH = 52 / 12

#: Strike duration bands (working days, inclusive) used by :func:`duration_band`. The 15th
#: ICLS classifies strikes by duration; these bands are the kit's choice, not the resolution's.
DURATION_BANDS: tuple[tuple[int, int | None, str], ...] = (
    (1, 1, "1 day"),
    (2, 3, "2-3 days"),
    (4, 5, "4-5 days"),
    (6, 10, "6-10 days"),
    (11, None, "11+ days"),
)

#: Columns that :func:`dispute_settlement` expects in a disputes dataset (names may be
#: changed through its parameters).
DISPUTE_COLUMNS: dict[str, str] = {
    "dispute_id": "Dispute identifier",
    "channel": "Settlement channel: e.g. direct_negotiation, conciliation, labour_arbitration, "
    "court",
    "filed_date": "Date the dispute was filed with the channel",
    "settled_date": "Date it was settled (missing while open)",
}

#: Columns that :func:`share_wage_clause_above_minimum` expects in an agreements dataset.
AGREEMENT_COLUMNS: dict[str, str] = {
    "agreement_id": "Collective agreement identifier",
    "enterprise_id": "Enterprise that signed it (key to enterprises)",
    "min_wage_region": "Minimum-wage region of the enterprise: I, II, III, IV",
    "effective_from": "Date the agreement entered into force",
    "expiry_date": "Date it stops being in force (missing: open-ended)",
    "agreed_min_wage_vnd": "Lowest monthly wage set by the agreement's wage clause, VND "
    "(missing when it has no wage clause)",
}

_RATE_COLUMNS = [
    "indicator",
    "rate",
    "se",
    "ci_lower",
    "ci_upper",
    "cv_pct",
    "deff",
    "df",
    "n",
    "n_psu",
    "numerator",
    "denominator",
    "flag",
    "flag_reason",
]


# ---------------------------------------------------------------------------- helpers
def _groups(by: str | Sequence[str] | None) -> list[str]:
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def _require(frame: pd.DataFrame, columns: Sequence[str], what: str = "the data") -> None:
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise KeyError(
            f"column(s) {missing} missing from {what}; it has: {', '.join(map(str, frame.columns))}"
        )


def _bool_column(frame: pd.DataFrame, column: str) -> np.ndarray:
    series = frame[column]
    if not pd.api.types.is_bool_dtype(series.dtype):
        raise TypeError(f"column {column!r} must be true/false, got {series.dtype}")
    if series.isna().any():
        raise ValueError(f"column {column!r} has {int(series.isna().sum())} missing value(s)")
    return series.to_numpy(dtype=bool)


def _numeric_column(frame: pd.DataFrame, column: str) -> pd.Series:
    series = frame[column]
    if pd.api.types.is_bool_dtype(series.dtype) or not pd.api.types.is_numeric_dtype(series.dtype):
        sample = ", ".join(repr(v) for v in series.dropna().unique()[:3])
        raise TypeError(
            f"column {column!r} must be numeric, got {series.dtype} (values such as {sample})"
        )
    return series.astype("float64")


def _design(
    persons: pd.DataFrame,
    design: SurveyDesign | None,
    weight: str,
    strata: str | Sequence[str] | None,
    psu: str | Sequence[str] | None,
    lonely_psu: str,
) -> SurveyDesign:
    if design is not None:
        if design.data is not persons:
            raise ValueError("design= was built on another frame than persons")
        return design
    return SurveyDesign(persons, weight=weight, strata=strata, psu=psu, lonely_psu=lonely_psu)


def _employees(persons: pd.DataFrame, status: str) -> np.ndarray:
    _require(persons, [status])
    employees = (persons[status] == EMPLOYEE).fillna(False).to_numpy(dtype=bool)
    if not employees.any():
        raise ValueError(f"no employees (rows with {status} == {EMPLOYEE!r}) in the data")
    return employees


def _rate_table(
    design: SurveyDesign,
    name: str,
    flag: np.ndarray,
    where: np.ndarray,
    by: str | Sequence[str] | None,
    alpha: float,
    df: str,
) -> pd.DataFrame:
    """Estimate the share (in %) of rows with ``flag`` among rows in ``where``, by domain."""
    domains = design.domains(by, where)
    table = estimate_from_arrays(
        design, domains, "proportion", [name], flag[:, None], None, alpha=alpha, df=df, ci="logit"
    )
    for column in ("estimate", "se", "ci_lower", "ci_upper"):
        table[column] = 100 * table[column]
    table = table.rename(columns={"estimate": "rate", "variable": "indicator"})
    return table[[*_groups(by), *_RATE_COLUMNS]]


# ---------------------------------------------------------------------------- density, coverage
def union_density_estimates(
    persons: pd.DataFrame,
    by: str | Sequence[str] | None = None,
    *,
    design: SurveyDesign | None = None,
    weight: str = "weight",
    strata: str | Sequence[str] | None = "stratum",
    psu: str | Sequence[str] | None = "psu",
    lonely_psu: Literal["error", "certainty", "center"] = "error",
    member: str = "union_member",
    status: str = "status",
    alpha: float = 0.05,
    df: Literal["domain", "design"] = "domain",
) -> pd.DataFrame:
    """Return the trade union density rate (%) with its precision, by domain.

    Density = weighted union members who are employees ÷ weighted employees × 100 (ILOSTAT
    ILR_TUMT_NOC_RT). Each ``by`` group is a domain of the full design (employees of a
    province, say), never a subset of the data. Columns: the ``by`` columns, ``indicator``,
    ``rate``, ``se``, ``ci_lower``, ``ci_upper`` (logit interval, %), ``cv_pct``, ``deff``,
    ``df``, ``n`` (sample employees), ``n_psu``, ``numerator`` (members), ``denominator``
    (employees), ``flag`` and ``flag_reason`` (see :func:`lrkit.survey.reliability_flags`).
    The rate equals :func:`lrkit.indicators.union_density`'s.
    """
    _require(persons, [member, status, *_groups(by)])
    flag = _bool_column(persons, member)
    employees = _employees(persons, status)
    survey = _design(persons, design, weight, strata, psu, lonely_psu)
    return _rate_table(survey, "union_density", flag, employees, by, alpha, df)


def bargaining_coverage_estimates(
    persons: pd.DataFrame,
    by: str | Sequence[str] | None = None,
    *,
    excluded: str | pd.Series | None = None,
    design: SurveyDesign | None = None,
    weight: str = "weight",
    strata: str | Sequence[str] | None = "stratum",
    psu: str | Sequence[str] | None = "psu",
    lonely_psu: Literal["error", "certainty", "center"] = "error",
    covered: str = "covered_by_agreement",
    status: str = "status",
    alpha: float = 0.05,
    df: Literal["domain", "design"] = "domain",
) -> pd.DataFrame:
    """Return the collective bargaining coverage rate (%) with its precision, by domain.

    Coverage = weighted employees covered by at least one collective agreement ÷ weighted
    employees × 100 (ILOSTAT ILR_CBCT_NOC_RT). With ``excluded`` (a true/false column name,
    or a true/false Series aligned on ``persons``' index, marking employees *without the
    right to bargain*), the **adjusted** rate is returned instead: those employees leave the
    denominator (indicator ``bargaining_coverage_adjusted``). An excluded employee recorded
    as covered contradicts the definition and is refused. Columns as
    :func:`union_density_estimates`.
    """
    _require(persons, [covered, status, *_groups(by)])
    flag = _bool_column(persons, covered)
    employees = _employees(persons, status)
    name = "bargaining_coverage"
    if excluded is not None:
        if isinstance(excluded, str):
            _require(persons, [excluded])
            mask = _bool_column(persons, excluded)
        else:
            if not isinstance(excluded, pd.Series) or not excluded.index.equals(persons.index):
                raise TypeError(
                    "excluded= must be a column name or a true/false Series with the same "
                    "index as persons"
                )
            mask = _bool_column(excluded.to_frame("excluded"), "excluded")
        contradictory = employees & mask & flag
        if contradictory.any():
            rows = ", ".join(map(str, persons.index[contradictory][:5]))
            raise ValueError(
                f"{int(contradictory.sum())} employee(s) marked as without the right to "
                f"bargain are also covered by an agreement (rows {rows}); fix the data or "
                "the excluded group"
            )
        employees = employees & ~mask
        if not employees.any():
            raise ValueError("every employee is in the excluded group: no denominator left")
        name = "bargaining_coverage_adjusted"
    survey = _design(persons, design, weight, strata, psu, lonely_psu)
    return _rate_table(survey, name, flag, employees, by, alpha, df)


def _enterprise_rate(
    enterprises: pd.DataFrame,
    flag: str,
    by: str | Sequence[str] | None,
    employees: str,
    weight: str | None,
    numerator_name: str,
) -> pd.DataFrame:
    groups = _groups(by)
    _require(enterprises, [flag, employees, *groups] + ([weight] if weight else []))
    has = _bool_column(enterprises, flag)
    staff = _numeric_column(enterprises, employees)
    if staff.isna().any() or (staff < 0).any():
        raise ValueError(
            f"column {employees!r} must be a count ≥ 0 for every enterprise; "
            f"{int((staff.isna() | (staff < 0)).sum())} value(s) are missing or negative"
        )
    w = pd.Series(1.0, index=enterprises.index)
    if weight:
        w = _numeric_column(enterprises, weight)
        if w.isna().any() or (w <= 0).any():
            raise ValueError(f"weight column {weight!r} must be positive for every enterprise")
    work = pd.DataFrame(
        {
            numerator_name: w * staff * has,
            "employees": w * staff,
            "n_enterprises": 1,
        },
        index=enterprises.index,
    )
    for column in groups:
        work[column] = enterprises[column]
    if groups:
        table = work.groupby(groups, sort=True, observed=True).sum().reset_index()
    else:
        table = work.sum().to_frame().T
    table["n_enterprises"] = table["n_enterprises"].astype("int64")
    with np.errstate(divide="ignore", invalid="ignore"):
        table["rate"] = 100 * table[numerator_name] / table["employees"]
    return table[[*groups, numerator_name, "employees", "rate", "n_enterprises"]]


def enterprise_density(
    enterprises: pd.DataFrame,
    by: str | Sequence[str] | None = None,
    *,
    union: str = "has_union",
    employees: str = "employees",
    weight: str | None = None,
) -> pd.DataFrame:
    """Return the employment-weighted share (%) of employees in enterprises with a union.

    = employees of enterprises with a grassroots union ÷ all employees × 100. From an
    enterprise frame this is an *upper bound* on union density, not density itself: not
    every employee of a unionised enterprise is a member. ``weight`` (optional) is an
    enterprise sampling weight. Columns: ``by``, ``employees_in_unionised``, ``employees``,
    ``rate``, ``n_enterprises``. An enterprise frame is a register, so there is no sampling
    error to report.
    """
    return _enterprise_rate(enterprises, union, by, employees, weight, "employees_in_unionised")


def enterprise_coverage(
    enterprises: pd.DataFrame,
    by: str | Sequence[str] | None = None,
    *,
    agreement: str = "has_agreement",
    employees: str = "employees",
    weight: str | None = None,
) -> pd.DataFrame:
    """Return the employment-weighted share (%) of employees in enterprises with an agreement.

    = employees of enterprises with a collective agreement in force ÷ all employees × 100,
    the enterprise-data estimate of bargaining coverage (it assumes an agreement covers all
    of an enterprise's employees). Columns: ``by``, ``employees_covered``, ``employees``,
    ``rate``, ``n_enterprises``.
    """
    return _enterprise_rate(enterprises, agreement, by, employees, weight, "employees_covered")


# ---------------------------------------------------------------------------- strikes
def duration_band(
    duration: pd.Series, bands: Sequence[tuple[int, int | None, str]] = DURATION_BANDS
) -> pd.Series:
    """Return the duration band (ordered categorical) of each strike's duration in days.

    ``bands`` are (first day, last day or ``None`` for open-ended, label), contiguous and
    starting at 1. Raises ``ValueError`` naming values that fall in no band.
    """
    values = pd.to_numeric(duration, errors="coerce")
    if values.isna().any():
        raise ValueError(f"duration has {int(values.isna().sum())} missing or non-numeric value(s)")
    labels = [label for _, _, label in bands]
    out = pd.Series(pd.NA, index=duration.index, dtype="object")
    for low, high, label in bands:
        inside = (values >= low) & ((values <= high) if high is not None else True)
        out[inside] = label
    if out.isna().any():
        bad = sorted(values[out.isna()].unique().tolist())[:5]
        raise ValueError(f"duration value(s) {bad} fall in no band of {labels}")
    return pd.Series(pd.Categorical(out, categories=labels, ordered=True), index=duration.index)


def _employee_counts(
    employees: float | int | pd.Series | pd.DataFrame, groups: list[str], table: pd.DataFrame
) -> np.ndarray:
    if isinstance(employees, bool):
        raise TypeError("employees= must be a number, a Series or a DataFrame, not true/false")
    if isinstance(employees, int | float | np.integer | np.floating):
        if groups:
            raise ValueError(
                "a single employee count cannot serve a table by "
                f"{groups}; give a Series indexed by the groups or a DataFrame with the "
                "by columns and an 'employees' column"
            )
        values = np.array([float(employees)])
    else:
        if not groups:
            raise ValueError("without by=, employees= must be a single number")
        if isinstance(employees, pd.DataFrame):
            _require(employees, [*groups, "employees"], "employees=")
            lookup = employees.set_index(groups)["employees"]
        else:
            lookup = employees
        keys = (
            pd.MultiIndex.from_frame(table[groups])
            if len(groups) > 1
            else pd.Index(table[groups[0]])
        )
        values = pd.to_numeric(lookup.reindex(keys), errors="coerce").to_numpy(dtype="float64")
        missing = np.isnan(values)
        if missing.any():
            shown = [tuple(k) if isinstance(k, tuple) else k for k in keys[missing][:5]]
            raise ValueError(f"no employee count for group(s) {shown} in employees=")
    if (values <= 0).any():
        raise ValueError("employee counts must be positive")
    return values


def strike_statistics(
    strikes: pd.DataFrame,
    by: str | Sequence[str] | None = None,
    *,
    employees: float | int | pd.Series | pd.DataFrame | None = None,
    workers: str = "workers_involved",
    days: str = "days_not_worked",
    led_by_union: str = "led_by_union",
    duration: str = "duration_workdays",
    bands: Sequence[tuple[int, int | None, str]] = DURATION_BANDS,
) -> pd.DataFrame:
    """Return the 15th ICLS (1993) strike statistics, optionally by group.

    Columns: ``actions`` (number of strikes), ``workers_involved``, ``days_not_worked``,
    ``share_not_led_by_union`` (% of actions, the unofficial ones) and, when ``employees``
    is given, ``days_not_worked_per_1000_employees`` = days not worked ÷ employees × 1,000.
    ``employees`` is a number (no ``by``), or per group a Series indexed by the ``by``
    values or a DataFrame with the ``by`` columns and ``employees`` (for example weighted
    employees from :func:`union_density_estimates`' ``denominator``).

    ``by`` may name ``"duration_band"``: it is derived from ``duration`` with ``bands``
    when the data do not have it. Other usual groups: ownership, sector, province, cause.
    """
    groups = _groups(by)
    frame = strikes
    if "duration_band" in groups and "duration_band" not in strikes.columns:
        _require(strikes, [duration])
        frame = strikes.assign(duration_band=duration_band(strikes[duration], bands))
    _require(frame, [workers, days, led_by_union, *groups])
    involved = _numeric_column(frame, workers)
    lost = _numeric_column(frame, days)
    for column, values in ((workers, involved), (days, lost)):
        bad = values.isna() | (values < 0)
        if bad.any():
            raise ValueError(f"column {column!r} has {int(bad.sum())} missing or negative value(s)")
    led = _bool_column(frame, led_by_union)
    work = pd.DataFrame(
        {
            "actions": 1,
            "workers_involved": involved,
            "days_not_worked": lost,
            "not_led": ~led,
        },
        index=frame.index,
    )
    for column in groups:
        work[column] = frame[column]
    if groups:
        table = work.groupby(groups, sort=True, observed=False).sum().reset_index()
    else:
        table = work.sum().to_frame().T
    table["actions"] = table["actions"].astype("int64")
    with np.errstate(divide="ignore", invalid="ignore"):
        table["share_not_led_by_union"] = np.where(
            table["actions"] > 0, 100 * table["not_led"] / table["actions"], np.nan
        )
    table = table.drop(columns="not_led")
    if employees is not None:
        counts = _employee_counts(employees, groups, table)
        table["days_not_worked_per_1000_employees"] = 1000 * table["days_not_worked"] / counts
    return table


# ---------------------------------------------------------------------------- disputes
def _kaplan_meier_median(days: np.ndarray, settled: np.ndarray) -> float:
    """Return the Kaplan-Meier median of ``days`` (events where ``settled``), NaN if unreached."""
    order = np.argsort(days, kind="stable")
    days, settled = days[order], settled[order]
    times, first = np.unique(days, return_index=True)
    at_risk = len(days) - first
    events = np.add.reduceat(settled.astype(np.int64), first)
    survival = np.cumprod(1 - events / at_risk)
    reached = np.flatnonzero(survival <= 0.5)
    return float(times[reached[0]]) if len(reached) else float("nan")


def dispute_settlement(
    disputes: pd.DataFrame,
    by: str | Sequence[str] | None = "channel",
    *,
    filed: str = "filed_date",
    settled: str = "settled_date",
    as_of: str | pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Return the settlement rate and time to settlement of labour disputes, by channel.

    Columns: ``disputes``, ``settled``, ``open``, ``settlement_rate`` (% of disputes
    settled), ``median_days_settled`` (median days from filing to settlement among settled
    disputes) and, with ``as_of`` (the date the data were extracted), ``median_days_km``:
    the Kaplan-Meier median that treats open disputes as censored at ``as_of``, which does
    not flatter slow channels the way the median of settled disputes does (NaN when fewer
    than half the disputes are settled by then; ``km_median_reached`` says so). Column
    names are documented in :data:`DISPUTE_COLUMNS`.
    """
    groups = _groups(by)
    _require(disputes, [filed, settled, *groups])
    try:
        filed_at = pd.to_datetime(disputes[filed])
        settled_at = pd.to_datetime(disputes[settled])
    except (ValueError, TypeError) as error:
        raise ValueError(f"columns {filed!r} and {settled!r} must hold dates: {error}") from error
    if filed_at.isna().any():
        raise ValueError(f"column {filed!r} has {int(filed_at.isna().sum())} missing date(s)")
    early = settled_at < filed_at
    if early.any():
        rows = ", ".join(map(str, disputes.index[early][:5]))
        raise ValueError(f"{int(early.sum())} dispute(s) settled before being filed (rows {rows})")
    is_settled = settled_at.notna()
    days = (settled_at - filed_at).dt.days
    work = pd.DataFrame(
        {"disputes": 1, "settled": is_settled.astype("int64"), "days": days}, index=disputes.index
    )
    if as_of is not None:
        cut = pd.Timestamp(as_of)
        late = (filed_at > cut) | (settled_at > cut)
        if late.any():
            raise ValueError(f"{int(late.sum())} dispute date(s) fall after as_of={cut.date()}")
        work["km_days"] = np.where(is_settled, days, (cut - filed_at).dt.days)
    for column in groups:
        work[column] = disputes[column]
    keys = groups if groups else [np.zeros(len(work), dtype=np.int64)]
    grouped = work.groupby(keys, sort=True, observed=True)
    table = grouped[["disputes", "settled"]].sum()
    table["open"] = table["disputes"] - table["settled"]
    table["settlement_rate"] = 100 * table["settled"] / table["disputes"]
    table["median_days_settled"] = grouped["days"].median()
    if as_of is not None:
        km = grouped.apply(
            lambda g: _kaplan_meier_median(
                g["km_days"].to_numpy(dtype="float64"), g["settled"].to_numpy(dtype=bool)
            ),
            include_groups=False,
        )
        table["median_days_km"] = km
        table["km_median_reached"] = km.notna()
    table = table.reset_index()
    if not groups:
        table = table.drop(columns=table.columns[0])
    return table


# ---------------------------------------------------------------------------- agreements
def share_enterprises_covered(
    enterprises: pd.DataFrame,
    by: str | Sequence[str] | None = None,
    *,
    agreement: str = "has_agreement",
    agreements: pd.DataFrame | None = None,
    on: str | pd.Timestamp | None = None,
    enterprise_id: str = "enterprise_id",
) -> pd.DataFrame:
    """Return the share (%) of enterprises covered by a collective agreement.

    Without ``agreements``, coverage is read from the enterprise column ``agreement``. With
    an ``agreements`` dataset (:data:`AGREEMENT_COLUMNS`), an enterprise is covered when it
    has an agreement in force on ``on`` (``effective_from`` ≤ ``on`` and no ``expiry_date``
    before it), or any agreement when ``on`` is ``None``. Columns: ``by``,
    ``enterprises``, ``covered``, ``share``.
    """
    groups = _groups(by)
    _require(enterprises, groups)
    if agreements is None:
        _require(enterprises, [agreement])
        covered = _bool_column(enterprises, agreement)
    else:
        _require(enterprises, [enterprise_id])
        _require(agreements, [enterprise_id], "agreements")
        valid = agreements
        if on is not None:
            _require(agreements, ["effective_from"], "agreements")
            when = pd.Timestamp(on)
            start = pd.to_datetime(agreements["effective_from"])
            end = (
                pd.to_datetime(agreements["expiry_date"])
                if "expiry_date" in agreements.columns
                else pd.Series(pd.NaT, index=agreements.index)
            )
            valid = agreements[(start <= when) & (end.isna() | (end >= when))]
        unknown = set(valid[enterprise_id]) - set(enterprises[enterprise_id])
        if unknown:
            raise ValueError(
                f"{len(unknown)} agreement(s) name enterprises not in the frame: "
                f"{sorted(map(str, unknown))[:5]}"
            )
        covered = enterprises[enterprise_id].isin(valid[enterprise_id]).to_numpy()
    work = pd.DataFrame({"enterprises": 1, "covered": covered.astype("int64")})
    for column in groups:
        work[column] = enterprises[column].to_numpy()
    if groups:
        table = work.groupby(groups, sort=True, observed=True).sum().reset_index()
    else:
        table = work.sum().to_frame().T
    table["share"] = 100 * table["covered"] / table["enterprises"]
    return table[[*groups, "enterprises", "covered", "share"]]


def share_wage_clause_above_minimum(
    agreements: pd.DataFrame,
    by: str | Sequence[str] | None = None,
    *,
    wage: str = "agreed_min_wage_vnd",
    region: str = "min_wage_region",
    on: str = "effective_from",
) -> pd.DataFrame:
    """Return the share (%) of agreements whose wage clause is above the regional minimum.

    An agreement counts when its lowest agreed monthly wage (``wage``) is strictly above the
    regional minimum wage in force in its ``region`` on its ``on`` date (the schedule of
    :mod:`lrkit.reference.minimum_wage`). Agreements without a wage clause (``wage``
    missing) stay in the denominator. Columns: ``by``, ``agreements``,
    ``with_wage_clause``, ``above_minimum``, ``share``.
    """
    groups = _groups(by)
    _require(agreements, [wage, region, on, *groups], "agreements")
    agreed = _numeric_column(agreements, wage)
    dates = pd.to_datetime(agreements[on])
    if dates.isna().any():
        raise ValueError(f"column {on!r} has {int(dates.isna().sum())} missing date(s)")
    if agreements[region].isna().any():
        raise ValueError(f"column {region!r} has missing region(s)")
    minimum = monthly_minimum_for(agreements[region], dates).astype("float64")
    has_clause = agreed.notna()
    above = has_clause & (agreed > minimum)
    work = pd.DataFrame(
        {
            "agreements": 1,
            "with_wage_clause": has_clause.astype("int64"),
            "above_minimum": above.astype("int64"),
        },
        index=agreements.index,
    )
    for column in groups:
        work[column] = agreements[column]
    if groups:
        table = work.groupby(groups, sort=True, observed=True).sum().reset_index()
    else:
        table = work.sum().to_frame().T
    table["share"] = 100 * table["above_minimum"] / table["agreements"]
    return table[[*groups, "agreements", "with_wage_clause", "above_minimum", "share"]]


# ---------------------------------------------------------------------------- decent work
def _wage_workers(
    persons: pd.DataFrame, status: str, wage: str, drop_missing: bool, extra: Sequence[str] = ()
) -> tuple[np.ndarray, pd.Series]:
    _require(persons, [status, wage, *extra])
    employees = _employees(persons, status)
    wages = _numeric_column(persons, wage)
    missing = employees & wages.isna().to_numpy()
    for column in extra:
        missing |= employees & persons[column].isna().to_numpy()
    if missing.any() and not drop_missing:
        raise ValueError(
            f"{int(missing.sum())} employee(s) have no {', '.join([wage, *extra])}; pass "
            "drop_missing=True to leave them out of the domain (they stay in the design)"
        )
    return employees & ~missing, wages


def gender_pay_gap(
    persons: pd.DataFrame,
    by: str | Sequence[str] | None = None,
    *,
    design: SurveyDesign | None = None,
    weight: str = "weight",
    strata: str | Sequence[str] | None = "stratum",
    psu: str | Sequence[str] | None = "psu",
    lonely_psu: Literal["error", "certainty", "center"] = "error",
    wage: str = "monthly_wage_vnd",
    hours: str = "hours_per_week",
    sex: str = "sex",
    male: str = "male",
    female: str = "female",
    status: str = "status",
    drop_missing: bool = False,
    alpha: float = 0.05,
    df: Literal["domain", "design"] = "domain",
) -> pd.DataFrame:
    """Return the gender pay gap (%) in mean hourly earnings of employees (SDG 8.5.1 style).

    Hourly earnings = monthly wage ÷ (usual weekly hours × 52/12). The gap is
    ``100 × (M − F) / M`` with ``M`` and ``F`` the weighted mean hourly earnings of male and
    female employees in the domain; its standard error comes from linearising the gap
    (the two means are correlated through the design). Columns: ``by``,
    ``mean_hourly_male``, ``mean_hourly_female``, ``gap_pct``, ``se``, ``ci_lower``,
    ``ci_upper`` (percentage points), ``df``, ``n_male``, ``n_female``, ``flag``,
    ``flag_reason``. The flag is the worse of the flags of the two means (a CV rule on a
    gap near zero would say nothing); ``flag_reason`` names the sex.
    """
    groups = _groups(by)
    _require(persons, [hours, sex, *groups])
    rows, wages = _wage_workers(persons, status, wage, drop_missing, extra=[hours])
    weekly = _numeric_column(persons, hours)
    bad_hours = rows & ~(weekly.to_numpy() > 0)
    if bad_hours.any():
        raise ValueError(f"column {hours!r} has {int(bad_hours.sum())} value(s) ≤ 0 for employees")
    sexes = persons[sex]
    unknown = sorted(set(sexes[rows].dropna().unique()) - {male, female})
    if unknown or sexes[rows].isna().any():
        raise ValueError(
            f"column {sex!r} has value(s) {unknown or ['missing']} among employees; allowed: "
            f"{male!r}, {female!r}"
        )
    is_male = (sexes == male).to_numpy() & rows
    is_female = (sexes == female).to_numpy() & rows
    hourly = np.where(rows, wages.to_numpy(dtype="float64", na_value=0.0), 0.0) / np.where(
        rows, weekly.to_numpy(dtype="float64", na_value=1.0) * WEEKS_PER_MONTH, 1.0
    )
    survey = _design(persons, design, weight, strata, psu, lonely_psu)
    domains = survey.domains(by, pd.Series(rows, index=persons.index))
    codes = domains.codes
    n_dom = domains.count
    w = survey.w
    inside = codes >= 0
    dom = np.where(inside, codes, 0)

    def totals(mask: np.ndarray, values: np.ndarray) -> np.ndarray:
        return np.bincount(dom[mask], (w * values)[mask], minlength=n_dom)

    w_m, w_f = totals(is_male, np.ones_like(w)), totals(is_female, np.ones_like(w))
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_m = totals(is_male, hourly) / w_m
        mean_f = totals(is_female, hourly) / w_f
        gap = 100 * (mean_m - mean_f) / mean_m
        # scores of the two means, then of the gap = 100 (1 - F/M)
        u_m = np.where(is_male, w * (hourly - mean_m[dom]) / w_m[dom], 0.0)
        u_f = np.where(is_female, w * (hourly - mean_f[dom]) / w_f[dom], 0.0)
        z = 100 * (-u_f / mean_m[dom] + mean_f[dom] * u_m / mean_m[dom] ** 2)
        z_means = np.column_stack([u_m, u_f])
    z = np.where(np.isfinite(z), z, 0.0)
    z_means = np.where(np.isfinite(z_means), z_means, 0.0)
    parts = survey.variance(np.column_stack([z, z_means]), domains)
    se = np.sqrt(parts.variance)
    if df == "domain":
        dof = parts.n_psu - parts.n_strata
    elif df == "design":
        dof = np.full(n_dom, survey.design_df)
    else:
        raise ValueError(f"df={df!r} is not one of 'domain', 'design'")
    t = t_quantile(alpha, dof)
    n_m = np.bincount(dom[is_male], minlength=n_dom)
    n_f = np.bincount(dom[is_female], minlength=n_dom)
    flag_m, why_m = reliability_flags(mean_m, se[:, 1], n_m, dof)
    flag_f, why_f = reliability_flags(mean_f, se[:, 2], n_f, dof)
    rank = {PUBLISH: 0, CAUTION: 1, SUPPRESS: 2}
    flags, reasons = [], []
    for fm, rm, ff, rf in zip(flag_m, why_m, flag_f, why_f, strict=True):
        flags.append(FLAGS[max(rank[fm], rank[ff])])
        why = ([f"men: {rm}"] if rm else []) + ([f"women: {rf}"] if rf else [])
        reasons.append("; ".join(why))
    table = domains.levels.copy()
    table["mean_hourly_male"] = mean_m
    table["mean_hourly_female"] = mean_f
    table["gap_pct"] = gap
    table["se"] = np.where((n_m > 0) & (n_f > 0), se[:, 0], np.nan)
    table["ci_lower"] = gap - t * table["se"].to_numpy()
    table["ci_upper"] = gap + t * table["se"].to_numpy()
    table["df"] = dof
    table["n_male"] = n_m
    table["n_female"] = n_f
    table["flag"] = flags
    table["flag_reason"] = reasons
    return table


def informal_employment_share(
    persons: pd.DataFrame,
    by: str | Sequence[str] | None = None,
    *,
    informal: str = "informal",
    employed: str | None = None,
    design: SurveyDesign | None = None,
    weight: str = "weight",
    strata: str | Sequence[str] | None = "stratum",
    psu: str | Sequence[str] | None = "psu",
    lonely_psu: Literal["error", "certainty", "center"] = "error",
    alpha: float = 0.05,
    df: Literal["domain", "design"] = "domain",
) -> pd.DataFrame:
    """Return the share (%) of informal employment in total employment, by domain.

    = weighted employed persons whose main job is informal ÷ weighted employed persons ×
    100. Which jobs count as informal is decided when the ``informal`` column (true/false)
    is derived, following the ICLS definitions in force; the kit's synthetic worker data
    do not carry it yet, so the column is a parameter. ``employed`` names a true/false
    column marking employed persons (``None``: every row is an employed person, as in the
    kit's worker data). Columns as :func:`union_density_estimates`.
    """
    _require(persons, [informal, *_groups(by)] + ([employed] if employed else []))
    flag = _bool_column(persons, informal)
    rows = _bool_column(persons, employed) if employed else np.ones(len(persons), dtype=bool)
    if not rows.any():
        raise ValueError("no employed persons in the data")
    survey = _design(persons, design, weight, strata, psu, lonely_psu)
    return _rate_table(survey, "informal_employment_share", flag, rows, by, alpha, df)


def share_below_minimum_wage(
    persons: pd.DataFrame,
    by: str | Sequence[str] | None = None,
    *,
    on: str | pd.Series = "reference_date",
    region: str = "min_wage_region",
    wage: str = "monthly_wage_vnd",
    status: str = "status",
    drop_missing: bool = False,
    design: SurveyDesign | None = None,
    weight: str = "weight",
    strata: str | Sequence[str] | None = "stratum",
    psu: str | Sequence[str] | None = "psu",
    lonely_psu: Literal["error", "certainty", "center"] = "error",
    alpha: float = 0.05,
    df: Literal["domain", "design"] = "domain",
) -> pd.DataFrame:
    """Return the share (%) of wage workers paid below the regional minimum wage.

    A wage worker (``status == "employee"``) counts when their monthly wage is below the
    monthly minimum in force, on their record's reference date ``on``, in the minimum-wage
    region of their place of work ``region`` (:func:`lrkit.reference.minimum_wage.
    monthly_minimum_for`). ``on`` is a column of dates or a Series of dates aligned on
    ``persons`` (the kit's worker rounds refer to 1 October of ``year``:
    ``pd.to_datetime(workers["year"].astype(str) + "-10-01")``). Columns as
    :func:`union_density_estimates`.
    """
    _require(persons, [region, *_groups(by)])
    rows, wages = _wage_workers(persons, status, wage, drop_missing)
    if isinstance(on, str):
        _require(persons, [on])
        dates = persons[on]
    else:
        if not isinstance(on, pd.Series) or not on.index.equals(persons.index):
            raise TypeError("on= must be a column name or a Series with the same index as persons")
        dates = on
    dates = pd.to_datetime(dates)
    need = pd.Series(rows, index=persons.index)
    if dates[need].isna().any() or persons.loc[need, region].isna().any():
        raise ValueError(f"every wage worker needs a reference date and a {region!r}")
    minimum = monthly_minimum_for(persons.loc[need, region], dates[need]).astype("float64")
    below = np.zeros(len(persons), dtype=bool)
    below[rows] = (wages[need] < minimum).to_numpy()
    survey = _design(persons, design, weight, strata, psu, lonely_psu)
    return _rate_table(survey, "share_below_minimum_wage", below, rows, by, alpha, df)


# ---------------------------------------------------------------------------- crosswalk
def _crosswalk_lookup(names: pd.Series, column: str) -> pd.Series:
    table = crosswalk_2025()
    by_fold = dict(
        zip(table["province_pre2025"].map(fold_name), table["province_2025"], strict=True)
    )
    text = names.astype("string")
    folded = text.map(
        lambda s: fold_name(unicodedata.normalize("NFC", s)) if isinstance(s, str) else s
    )
    mapped = folded.map(by_fold)
    unknown = sorted(set(names[mapped.isna()].astype(str)))
    if unknown:
        raise ValueError(
            f"unknown pre-2025 province name(s) in {column!r}: {unknown}; valid names: "
            f"{', '.join(table['province_pre2025'])}"
        )
    return mapped.astype("str")


def add_province_2025(
    frame: pd.DataFrame, column: str = "province_pre2025", new_column: str = "province_2025"
) -> pd.DataFrame:
    """Return a copy of ``frame`` with the current (34-unit) province of each pre-2025 unit.

    Names may be typed without diacritics. Use it on *microdata* before estimating by the
    new units, so that standard errors are computed from the records (they cannot be added
    up from published ones). Raises ``ValueError`` listing unknown names.
    """
    _require(frame, [column])
    out = frame.copy()
    out[new_column] = _crosswalk_lookup(frame[column], column).to_numpy()
    return out


def reaggregate_to_2025(
    table: pd.DataFrame,
    province: str = "province_pre2025",
    *,
    totals: Sequence[str] = (),
    rates: Mapping[str, tuple[str, str]] | None = None,
    by: str | Sequence[str] | None = None,
    scale: float = 100.0,
) -> pd.DataFrame:
    """Re-aggregate a table of pre-2025 provinces to the 34 current units.

    ``totals`` are summed within each current unit (and ``by`` group, e.g. year). Each entry
    of ``rates`` (name → (numerator column, denominator column)) is *recomputed* as
    ``scale × Σ numerator ÷ Σ denominator``, never averaged: averaging the rates of Bình
    Dương and Hồ Chí Minh City would weigh a small province like a large one. Numerator and
    denominator columns are summed too. Returns the ``by`` columns, ``province_2025``,
    ``n_units`` (pre-2025 units merged), the totals and the rates. Raises ``ValueError``
    listing unknown names.
    """
    groups = _groups(by)
    rates = dict(rates or {})
    summed = list(dict.fromkeys([*totals, *(c for pair in rates.values() for c in pair)]))
    _require(table, [province, *groups, *summed])
    for column in summed:
        _numeric_column(table, column)
    work = table[[*groups, *summed]].copy()
    work["province_2025"] = _crosswalk_lookup(table[province], province).to_numpy()
    work["n_units"] = 1
    out = work.groupby([*groups, "province_2025"], sort=True).sum().reset_index()
    for name, (numerator, denominator) in rates.items():
        with np.errstate(divide="ignore", invalid="ignore"):
            out[name] = scale * out[numerator] / out[denominator]
    return out
