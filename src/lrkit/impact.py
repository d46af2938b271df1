"""Measuring impact on the kit's data, with every estimate set against the generator's truth.

Module 5 of the book asks causal questions of labour relations data: *by how much did a
minimum-wage rise raise the pay of the low paid?* and *do union members earn more because
they are members?* This module holds the methods the book and the exercises use:

* **the minimum-wage rises** (2022-07-01 and 2024-07-01 in the data, 2026-01-01 announced)
  and their size in each region (:func:`minimum_wage_rises`), the quarter each took effect
  in the survey (:func:`rise_quarter`), who is exposed (:func:`exposed`);
* **difference-in-differences** (:func:`did_table`, :func:`did_regression`) and **event
  studies** with a pre-trend check (:func:`event_study`), with standard errors clustered by
  the survey's primary sampling unit;
* **the truth** the generator used (:func:`true_rise_effect`, from ``truth.json`` or, for
  another seed, from the generator itself) and a comparison of designs over repeated
  samples (:func:`compare_designs`, :func:`repeated_samples`);
* **propensity scores** for the union wage premium: weighting (:func:`ipw_att`),
  nearest-neighbour matching (:func:`matched_att`) and balance checks
  (:func:`balance_table`);
* **power**: intra-cluster correlation, design effect and the minimum detectable effect of
  a planned difference-in-differences (:func:`did_mde`, :func:`employees_needed`).

**How wages respond in the generator** (``lrkit.synth.workers``). An employee has a latent
market wage w*. A compliant employee (95% of formal, 35% of informal employees, see
``truth.json`` ``min_wage_compliance``) whose w* is below the minimum M is paid M (+0-3%);
one whose w* lies between M and 1.1·M gets a quarter of the gap to 1.1·M (the spillover,
``min_wage_spillover``). So a rise from M₀ to M₁ changes the pay of employees whose w* is
below 1.1·M₁ and of no one else, and it never lifts anyone to 1.1·M₁ or above. Hence the
**exposed group** "paid below (1 + band) × the new minimum" with ``band`` = 0.10 is the same
set of people before and after the rise (the rise cannot move anyone across the line) and,
in the quarter of the rise, it is exactly the "low paid" group of ``truth.json``
(``minimum_wage_rise_effects``). A line drawn at the new minimum itself (``band=0``) is
crossed by the workers the rise lifts: the comparison group then holds treated workers.

Estimates are differences of mean log wages ("log points"; 0.03 ≈ 3%).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import stats

from lrkit.reference.minimum_wage import REGIONS, minimum_wage_table

#: The two rises inside the data (workers are observed 2020-2025).
RISES_IN_DATA: tuple[str, ...] = ("2022-07-01", "2024-07-01")
#: The rise announced by Decree 293/2025/ND-CP, after the end of the data: to be evaluated.
PLANNED_RISE = "2026-01-01"
#: Default exposure band: wages up to 10% above the new minimum still respond (spillover).
#: It is the generator's assumption (``truth.json`` ``min_wage_spillover``); with real data
#: the band is unknown, so choose it from the wage distribution and try others.
BAND = 0.10
#: Default event-study window, in quarters relative to the quarter of the rise.
WINDOW: tuple[int, int] = (-8, 3)
#: Reference quarter of event studies: the last quarter before the rise.
REFERENCE = -1
#: Reference day of each survey quarter (15th of the middle month), as in the generator.
_REFERENCE_DAY = {1: "02-15", 2: "05-15", 3: "08-15", 4: "11-15"}
EMPLOYEE = "employee"

Covariance = Literal["cluster", "robust", "plain"]
COVARIANCES: tuple[str, ...] = ("cluster", "robust", "plain")


# ------------------------------------------------------------------------ rises and quarters
def minimum_wage_rises(include_planned: bool = True) -> pd.DataFrame:
    """Return one row per rise and region: old and new minimum, rise in VND and in %.

    The % rise is the **treatment intensity** of each region. Columns: ``rise`` (the
    effective date as text), ``decree``, ``region``, ``old_vnd``, ``new_vnd``, ``rise_vnd``,
    ``rise_pct`` (100 × rise ÷ old minimum, 2 decimals) and ``in_data`` (True for the rises
    the worker data straddle). Computed from :mod:`lrkit.reference.minimum_wage` (the
    decrees), never typed in.
    """
    return _rises(include_planned).copy()


@cache
def _rises(include_planned: bool) -> pd.DataFrame:
    table = minimum_wage_table().dropna(subset=["previous_monthly_vnd"]).copy()
    table["rise"] = table["effective_from"].dt.strftime("%Y-%m-%d")
    wanted = [*RISES_IN_DATA, *([PLANNED_RISE] if include_planned else [])]
    table = table[table["rise"].isin(wanted)]
    out = pd.DataFrame(
        {
            "rise": table["rise"].to_numpy(),
            "decree": table["decree"].to_numpy(),
            "region": table["region"].to_numpy(),
            "old_vnd": table["previous_monthly_vnd"].astype("int64").to_numpy(),
            "new_vnd": table["monthly_vnd"].astype("int64").to_numpy(),
        }
    )
    out["rise_vnd"] = out["new_vnd"] - out["old_vnd"]
    out["rise_pct"] = (100 * out["rise_vnd"] / out["old_vnd"]).round(2)
    out["in_data"] = out["rise"].isin(RISES_IN_DATA)
    return out.sort_values(["rise", "region"]).reset_index(drop=True)


def check_rise(rise: str, allowed: Sequence[str] = (*RISES_IN_DATA, PLANNED_RISE)) -> str:
    """Return ``rise`` as "YYYY-MM-DD"; raise ``ValueError`` listing the rises allowed."""
    text = str(rise)[:10]
    if text not in allowed:
        raise ValueError(f"rise {rise!r} is not one of: {', '.join(allowed)}")
    return text


def rise_for_year(year: int) -> str:
    """Return the rise in the data closest to ``year`` (2020-2023 → 2022-07-01, else 2024).

    Exercises take a ``year`` parameter like every workshop notebook; this maps it to the
    rise the notebook studies (a tie goes to the earlier rise).
    """
    if isinstance(year, bool) or not isinstance(year, (int, np.integer)):
        raise TypeError(f"year must be a whole number, got {year!r}")
    return min(RISES_IN_DATA, key=lambda rise: (abs(int(rise[:4]) - int(year)), rise))


def next_rise(year: int) -> str:
    """Return the first rise that takes effect after the end of ``year`` (2025 → 2026-01-01).

    The rise a planner standing at the end of ``year`` would prepare to evaluate; raises
    ``ValueError`` when the kit knows no later rise.
    """
    if isinstance(year, bool) or not isinstance(year, (int, np.integer)):
        raise TypeError(f"year must be a whole number, got {year!r}")
    later = [r for r in (*RISES_IN_DATA, PLANNED_RISE) if int(r[:4]) > int(year)]
    if not later:
        raise ValueError(
            f"no minimum-wage rise after {year} in the kit (the last is {PLANNED_RISE})"
        )
    return later[0]


def rise_quarter(rise: str) -> tuple[int, int]:
    """Return (year, quarter) of the first survey quarter whose reference day is on/after ``rise``.

    The survey's reference day is the 15th of the quarter's middle month, so the rise of
    1 July 2022 is first seen in 2022 Q3 and that of 1 January 2026 in 2026 Q1.
    """
    when = pd.Timestamp(check_rise(rise))
    for year in (when.year, when.year + 1):
        for quarter, day in _REFERENCE_DAY.items():
            if pd.Timestamp(f"{year}-{day}") >= when:
                return year, quarter
    raise AssertionError("unreachable")  # pragma: no cover


def quarter_index(frame: pd.DataFrame) -> pd.Series:
    """Return year × 4 + quarter − 1 for each row: consecutive quarters differ by one."""
    _require(frame, ["year", "quarter"])
    return (frame["year"].astype("int64") * 4 + frame["quarter"].astype("int64") - 1).rename("q")


def event_time(frame: pd.DataFrame, rise: str) -> pd.Series:
    """Return quarters since the rise: 0 = first quarter with the new minimum, −1 = last before."""
    year, quarter = rise_quarter(rise)
    return (quarter_index(frame) - (year * 4 + quarter - 1)).rename("k")


# ----------------------------------------------------------------------------------- exposure
def _require(frame: pd.DataFrame, columns: Sequence[str], what: str = "the data") -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(
            f"column(s) {missing} missing from {what}; it has: {', '.join(frame.columns)}"
        )


def _check_band(band: float) -> float:
    if isinstance(band, bool) or not isinstance(band, (int, float, np.floating)):
        raise TypeError(f"band must be a number such as 0.10 (10%), got {band!r}")
    if not 0 <= float(band) < 1:
        raise ValueError(f"band must be a share between 0 and 1 (0.10 = 10%), got {band!r}")
    return float(band)


def new_minimum(frame: pd.DataFrame, rise: str) -> pd.Series:
    """Return the monthly minimum (VND) that ``rise`` set for each row's region.

    Rows need ``min_wage_region`` (I-IV); rows without a region get a missing value.
    """
    _require(frame, ["min_wage_region"])
    rise = check_rise(rise)
    amounts = minimum_wage_rises().query("rise == @rise").set_index("region")["new_vnd"]
    unknown = sorted(set(frame["min_wage_region"].dropna().unique()) - set(REGIONS))
    if unknown:
        raise ValueError(f"unknown min_wage_region value(s) {unknown}; allowed: {REGIONS}")
    return frame["min_wage_region"].map(amounts).astype("Float64").rename("new_minimum_vnd")


def employees_with_wages(workers: pd.DataFrame) -> pd.DataFrame:
    """Return the employees (``status == "employee"``) with a monthly wage, adding ``log_wage``."""
    _require(workers, ["status", "monthly_wage_vnd"], "the worker records")
    keep = (workers["status"] == EMPLOYEE).fillna(False) & workers["monthly_wage_vnd"].notna()
    if not keep.any():
        raise ValueError("no employees with a monthly_wage_vnd in the data")
    out = workers[keep.to_numpy(dtype=bool)].copy()
    wage = out["monthly_wage_vnd"].astype("float64")
    if (wage <= 0).any():
        raise ValueError("monthly_wage_vnd must be positive to take its log")
    out["log_wage"] = np.log(wage)
    return out


def exposed(frame: pd.DataFrame, rise: str, band: float = BAND) -> pd.Series:
    """Return True for employees paid below (1 + ``band``) × the new minimum of their region.

    With ``band`` at least the spillover band (0.10 in the generator), the rise cannot move
    anyone across the line, so the group is the same before and after: a valid exposed
    group. ``band=0`` ("below the new minimum") is the classic mistake: workers lifted onto
    the new minimum leave the group after the rise and join the comparison group.
    """
    _require(frame, ["monthly_wage_vnd"])
    band = _check_band(band)
    line = (1 + band) * new_minimum(frame, rise)
    return (frame["monthly_wage_vnd"].astype("Float64") < line).fillna(False).astype(bool)


def impact_frame(
    workers: pd.DataFrame,
    rise: str,
    band: float = BAND,
    window: tuple[int, int] = WINDOW,
) -> pd.DataFrame:
    """Return the employees of the quarters in ``window`` around ``rise``, ready to analyse.

    Adds ``log_wage``, ``k`` (quarters since the rise), ``post`` (1 from the rise quarter on),
    ``exposed`` (1/0, see :func:`exposed`) and ``new_minimum_vnd``. Raises ``ValueError``
    when a quarter of the window is not in the data (the worker data cover 2020-2025).
    """
    rise = check_rise(rise, RISES_IN_DATA)
    low, high = _check_window(window)
    data = employees_with_wages(workers)
    _require(data, ["year", "quarter", "weight", "psu", "min_wage_region"], "the worker records")
    k = event_time(data, rise)
    data = data[(k >= low) & (k <= high)].copy()
    data["k"] = k[data.index].astype("int64")
    present = set(data["k"])
    missing = [j for j in range(low, high + 1) if j not in present]
    if missing:
        year, quarter = rise_quarter(rise)
        names = [_quarter_name(year * 4 + quarter - 1 + j) for j in missing]
        raise ValueError(
            f"quarter(s) {', '.join(names)} of the window {window} around {rise} are not in "
            "the data; choose a smaller window"
        )
    data["post"] = (data["k"] >= 0).astype("int64")
    data["new_minimum_vnd"] = new_minimum(data, rise)
    data["exposed"] = exposed(data, rise, band).astype("int64")
    return data


def _quarter_name(index: int) -> str:
    return f"{index // 4}Q{index % 4 + 1}"


def _check_window(window: tuple[int, int]) -> tuple[int, int]:
    try:
        low, high = (int(window[0]), int(window[1]))
    except (TypeError, ValueError, IndexError):
        raise TypeError(
            f"window must be two whole numbers such as (-8, 3), got {window!r}"
        ) from None
    if not low <= REFERENCE < 0 <= high:
        raise ValueError(
            f"window {window!r} must start at {REFERENCE} or earlier and end at 0 or later"
        )
    return low, high


# ------------------------------------------------------------------------------- estimates
@dataclass(frozen=True)
class Estimate:
    """One effect estimate with its precision (log points; se and CI may be missing)."""

    method: str
    estimate: float
    se: float | None = None
    ci_lower: float | None = None
    ci_upper: float | None = None
    n: int | None = None
    clusters: int | None = None
    note: str = ""
    model: Any = field(default=None, repr=False, compare=False)

    def as_row(self) -> dict[str, object]:
        """Return the estimate as a table row (without the fitted model)."""
        return {
            "method": self.method,
            "estimate": self.estimate,
            "se": self.se,
            "ci_lower": self.ci_lower,
            "ci_upper": self.ci_upper,
            "n": self.n,
            "clusters": self.clusters,
        }

    def covers(self, value: float) -> bool:
        """Return True when ``value`` lies inside the confidence interval."""
        if self.ci_lower is None or self.ci_upper is None:
            raise ValueError(f"{self.method}: no confidence interval to compare with")
        return self.ci_lower <= value <= self.ci_upper


def estimates_table(estimates: Iterable[Estimate], truth: float | None = None) -> pd.DataFrame:
    """Return estimates as a table; with ``truth``, add the error and whether the CI covers it."""
    table = pd.DataFrame([e.as_row() for e in estimates]).set_index("method")
    if truth is not None:
        table["truth"] = truth
        table["error"] = table["estimate"] - truth
        has_ci = table["ci_lower"].notna() & table["ci_upper"].notna()
        covers = (table["ci_lower"] <= truth) & (truth <= table["ci_upper"])
        table["ci_covers_truth"] = covers.where(has_ci, other=pd.NA).astype("boolean")
    return table


def _weighted_mean(values: np.ndarray, weights: np.ndarray) -> float:
    total = weights.sum()
    return float((values * weights).sum() / total) if total > 0 else math.nan


def did_table(
    workers: pd.DataFrame, rise: str, band: float = BAND, weight: str | None = "weight"
) -> pd.DataFrame:
    """Return the 2×2 table of mean log wages: exposed/comparison × before (k=−1)/after (k=0).

    Rows ``exposed`` and ``comparison`` and a last row ``difference`` (exposed − comparison);
    columns ``before``, ``after`` and ``change``. The bottom-right cell is the
    difference-in-differences. Means are weighted by ``weight`` (``None``: unweighted).
    """
    data = impact_frame(workers, rise, band, window=(REFERENCE, 0))
    w = np.ones(len(data)) if weight is None else data[weight].to_numpy(dtype=float)
    y = data["log_wage"].to_numpy()
    cells = {}
    for group, flag in (("exposed", 1), ("comparison", 0)):
        for period, k in (("before", REFERENCE), ("after", 0)):
            rows = ((data["exposed"] == flag) & (data["k"] == k)).to_numpy()
            if not rows.any():
                raise ValueError(f"no {group} employees {period} the rise {rise}")
            cells[(group, period)] = _weighted_mean(y[rows], w[rows])
    table = pd.DataFrame(
        {p: [cells[("exposed", p)], cells[("comparison", p)]] for p in ("before", "after")},
        index=pd.Index(["exposed", "comparison"], name="group"),
    )
    table.loc["difference"] = table.loc["exposed"] - table.loc["comparison"]
    table["change"] = table["after"] - table["before"]
    return table


def _fit(
    y: np.ndarray,
    x: np.ndarray,
    names: list[str],
    weights: np.ndarray | None,
    covariance: str,
    groups: np.ndarray | None,
):
    import statsmodels.api as sm

    if covariance not in COVARIANCES:
        raise ValueError(f"covariance {covariance!r} is not one of: {', '.join(COVARIANCES)}")
    exog = pd.DataFrame(x, columns=names)
    model = sm.WLS(y, exog, weights=weights) if weights is not None else sm.OLS(y, exog)
    # QR rather than the default pseudo-inverse: the same estimates, several times faster
    if covariance == "cluster":
        return model.fit(method="qr", cov_type="cluster", cov_kwds={"groups": groups})
    if covariance == "robust":
        return model.fit(method="qr", cov_type="HC1")
    return model.fit(method="qr")


def _codes(values: pd.Series) -> np.ndarray:
    return pd.factorize(values)[0]


def _estimate(
    result, name: str, method: str, alpha: float, n: int, clusters: int | None
) -> Estimate:
    low, high = result.conf_int(alpha=alpha).loc[name]
    return Estimate(
        method=method,
        estimate=float(result.params[name]),
        se=float(result.bse[name]),
        ci_lower=float(low),
        ci_upper=float(high),
        n=n,
        clusters=clusters,
        model=result,
    )


def did_regression(
    workers: pd.DataFrame,
    rise: str,
    band: float = BAND,
    *,
    weight: str | None = "weight",
    covariance: Covariance = "cluster",
    cluster: str = "psu",
    alpha: float = 0.05,
) -> Estimate:
    """Return the 2×2 difference-in-differences by regression, with its standard error.

    ``log_wage ~ exposed + post + exposed × post`` on the employees of the quarter before
    and the quarter of the rise (weighted least squares with the survey weights); the
    coefficient of ``exposed × post`` equals the difference-in-differences of
    :func:`did_table`. ``covariance``: ``"cluster"`` (by ``cluster``, the survey's PSU: the
    default, because employees of one enumeration area resemble each other), ``"robust"``
    (heteroskedasticity-robust, no clusters) or ``"plain"`` (the textbook formula that
    assumes one common variance). statsmodels' cluster-robust variance ignores the survey's
    strata, so it is slightly conservative compared with :mod:`lrkit.survey`.
    """
    data = impact_frame(workers, rise, band, window=(REFERENCE, 0))
    exposed_ = data["exposed"].to_numpy(dtype=float)
    post = data["post"].to_numpy(dtype=float)
    x = np.column_stack([np.ones(len(data)), exposed_, post, exposed_ * post])
    weights = None if weight is None else data[weight].to_numpy(dtype=float)
    groups = _codes(data[cluster]) if covariance == "cluster" else None
    result = _fit(
        data["log_wage"].to_numpy(), x, ["const", "exposed", "post", "exposed:post"],
        weights, covariance, groups,
    )  # fmt: skip
    clusters = int(data[cluster].nunique()) if covariance == "cluster" else None
    label = {"cluster": f"clustered SE ({cluster})", "robust": "robust SE", "plain": "plain SE"}
    return _estimate(
        result,
        "exposed:post",
        f"DiD, {label[covariance]}",
        alpha,
        len(data),
        clusters,
    )


@dataclass(frozen=True)
class EventStudy:
    """An event study: one coefficient per quarter, the pre-trend check, a trend-adjusted effect.

    ``table`` has one row per quarter ``k`` of the window: ``estimate`` (the exposed −
    comparison gap in mean log wage minus that gap in the reference quarter, 0 there),
    ``se``, ``ci_lower``, ``ci_upper``, ``n_exposed``, ``n_comparison``. ``pretrend`` holds
    the joint Wald test that every pre-rise coefficient is 0 (``chi2``, ``df``, ``p_value``)
    and the ``slope`` (per quarter) of the straight line through the pre-rise coefficients,
    with its ``slope_se``. ``trend_adjusted`` is the coefficient of quarter 0 minus that
    line's value at quarter 0, with a standard error from the same covariance.
    """

    rise: str
    band: float
    table: pd.DataFrame
    pretrend: dict[str, float]
    trend_adjusted: Estimate
    model: Any = field(default=None, repr=False, compare=False)

    @property
    def effect(self) -> Estimate:
        """Return the coefficient of the rise quarter (k = 0) as an :class:`Estimate`."""
        row = self.table.loc[0]
        return Estimate(
            "event study, k = 0", float(row["estimate"]), float(row["se"]),
            float(row["ci_lower"]), float(row["ci_upper"]),
            int(row["n_exposed"] + row["n_comparison"]), None,
        )  # fmt: skip


def pretrend_line(
    k: Sequence[int] | np.ndarray, coefficients: Sequence[float] | np.ndarray
) -> np.ndarray:
    """Return the weights c such that the least-squares line through (k, β) at k=0 is c·β.

    Used to turn the line's extrapolation into a linear combination of coefficients (for
    its standard error); the line is an ordinary least-squares fit, as ``numpy.polyfit``.
    """
    k = np.asarray(k, dtype=float)
    if len(k) < 2:
        raise ValueError("a line needs at least two quarters")
    design = np.column_stack([np.ones(len(k)), k])
    # first row of (X'X)^-1 X': the intercept, i.e. the fitted line's value at k = 0
    return np.linalg.solve(design.T @ design, design.T)[0]


def event_study(
    workers: pd.DataFrame,
    rise: str,
    band: float = BAND,
    *,
    window: tuple[int, int] = WINDOW,
    weight: str | None = "weight",
    covariance: Covariance = "cluster",
    cluster: str = "psu",
    alpha: float = 0.05,
) -> EventStudy:
    """Return the event study of mean log wages of the exposed against the comparison group.

    Regression on the employees of each quarter ``k`` in ``window``: a dummy per quarter,
    ``exposed``, and ``exposed × [k = j]`` for every ``j`` except the reference quarter −1.
    The coefficient of quarter ``j`` is how much the exposed − comparison gap differs from
    the gap in the last quarter before the rise. Before the rise they should be near 0 if
    the two groups' wages moved in parallel (the assumption behind the
    difference-in-differences); their joint test and the slope of a line through them are
    in ``pretrend``.
    """
    low, high = _check_window(window)
    data = impact_frame(workers, rise, band, window=(low, high))
    cells = data.groupby(["k", "exposed"]).size().unstack(fill_value=0)
    cells = cells.reindex(index=range(low, high + 1), columns=[0, 1], fill_value=0)
    empty = [f"k = {j}" for j in cells.index if (cells.loc[j] == 0).any()]
    if empty:
        raise ValueError(
            f"no exposed or no comparison employees in quarter(s) {', '.join(empty)}: an event "
            "study needs both groups in every quarter of the window"
        )
    quarters = [j for j in range(low, high + 1) if j != REFERENCE]
    k = data["k"].to_numpy()
    flag = data["exposed"].to_numpy(dtype=float)
    columns = [np.ones(len(data)), flag]
    names = ["const", "exposed"]
    for j in quarters:
        columns.append((k == j).astype(float))
        names.append(f"quarter[{j}]")
    for j in quarters:
        columns.append(flag * (k == j))
        names.append(f"exposed:quarter[{j}]")
    weights = None if weight is None else data[weight].to_numpy(dtype=float)
    groups = _codes(data[cluster]) if covariance == "cluster" else None
    result = _fit(data["log_wage"].to_numpy(), np.column_stack(columns), names, weights,
                  covariance, groups)  # fmt: skip
    critical = result.conf_int(alpha=alpha)
    rows = []
    for j in range(low, high + 1):
        here = k == j
        n_exposed = int((here & (flag == 1)).sum())
        n_comparison = int((here & (flag == 0)).sum())
        if j == REFERENCE:
            rows.append((j, 0.0, 0.0, 0.0, 0.0, n_exposed, n_comparison))
            continue
        name = f"exposed:quarter[{j}]"
        rows.append((j, float(result.params[name]), float(result.bse[name]),
                     float(critical.loc[name, 0]), float(critical.loc[name, 1]),
                     n_exposed, n_comparison))  # fmt: skip
    table = pd.DataFrame(
        rows, columns=["k", "estimate", "se", "ci_lower", "ci_upper", "n_exposed", "n_comparison"]
    ).set_index("k")
    pre = [j for j in quarters if j < REFERENCE]
    pre_names = [f"exposed:quarter[{j}]" for j in pre]
    position = {name: i for i, name in enumerate(names)}
    pretrend: dict[str, float] = {"chi2": math.nan, "df": 0, "p_value": math.nan}
    if pre_names:
        restriction = np.zeros((len(pre_names), len(names)))
        for row, name in enumerate(pre_names):
            restriction[row, position[name]] = 1.0
        wald = result.wald_test(restriction, use_f=False, scalar=True)
        pretrend = {
            "chi2": float(wald.statistic),
            "df": len(pre_names),
            "p_value": float(wald.pvalue),
        }
    # The line through the pre-rise coefficients, the reference quarter's 0 included.
    line_k = np.array([*pre, REFERENCE], dtype=float)
    design = np.column_stack([np.ones(len(line_k)), line_k])
    projection = np.linalg.solve(design.T @ design, design.T)  # rows: intercept, slope
    combination = {"intercept": np.zeros(len(names)), "slope": np.zeros(len(names))}
    for i, name in enumerate([*pre_names, None]):
        if name is None:  # the reference quarter's coefficient is 0 by construction
            continue
        combination["intercept"][position[name]] = projection[0, i]
        combination["slope"][position[name]] = projection[1, i]
    slope = result.t_test(combination["slope"])
    pretrend["slope"] = float(np.squeeze(slope.effect))
    pretrend["slope_se"] = float(np.squeeze(slope.sd))
    adjust = -combination["intercept"]
    adjust[position["exposed:quarter[0]"]] += 1.0
    test = result.t_test(adjust)
    low_ci, high_ci = np.squeeze(test.conf_int(alpha=alpha))
    trend_adjusted = Estimate(
        "event study, k = 0, net of the pre-rise trend",
        float(np.squeeze(test.effect)), float(np.squeeze(test.sd)), float(low_ci), float(high_ci),
        len(data), int(data[cluster].nunique()) if covariance == "cluster" else None,
        model=result,
    )  # fmt: skip
    return EventStudy(check_rise(rise), band, table, pretrend, trend_adjusted, result)


# ----------------------------------------------------------------------------------- truth
@cache
def true_rise_effects(seed: int | None = None) -> dict[str, dict[str, dict[str, Any]]]:
    """Return the generator's realised effect of each rise, by region, for the workshop data.

    For the committed data (``seed`` None or the default) this is ``truth.json``
    ``minimum_wage_rise_effects``; for another seed the generator is run again (half a
    second) and its own report is returned, so exercises with any seed have their truth.
    """
    from lrkit.data import load_truth
    from lrkit.synth.build import DEFAULT_SEED

    if seed is None or int(seed) == DEFAULT_SEED:
        return load_truth()["minimum_wage_rise_effects"]
    from lrkit.synth.workers import generate_workers

    return generate_workers(int(seed), "workshop")[1]


def true_rise_effect(
    workers: pd.DataFrame,
    rise: str,
    *,
    seed: int | None = None,
    group: Literal["exposed", "all"] = "exposed",
    band: float = BAND,
    effects: Mapping[str, Any] | None = None,
) -> float:
    """Return the TRUE effect of ``rise`` in its first quarter, pooled over regions (log points).

    ``group="exposed"``: the mean effect on employees paid below (1 + ``band``) × the new
    minimum (the estimand of :func:`did_regression` and :func:`event_study`); ``"all"``:
    the mean effect on all employees. The generator reports, per region, the mean effect on
    its low paid (latent wage below 1.1 × the new minimum: the observed group
    ``exposed(band=0.10)``) and their share; regions are pooled with the survey weights of
    the rise quarter. A wider band adds employees the rise did not touch (effect 0), so the
    group's mean effect is diluted in proportion. ``workers`` must be the whole sample
    drawn with ``seed`` (not a province), because the truth covers all its employees.
    """
    from lrkit.synth.params import value

    rise = check_rise(rise, RISES_IN_DATA)
    band = _check_band(band)
    spill = float(value("min_wage_spillover")["band"])
    by_region = (effects if effects is not None else true_rise_effects(seed))[rise]
    data = employees_with_wages(workers)
    year, quarter = rise_quarter(rise)
    data = data[(data["year"] == year) & (data["quarter"] == quarter)]
    counts = data.groupby("min_wage_region").size()
    for region, truth in by_region.items():
        if int(counts.get(region, 0)) != int(truth["employees_in_sample"]):
            raise ValueError(
                f"the truth of {rise} counts {truth['employees_in_sample']} employees in region "
                f"{region} in {year}Q{quarter}, the data {int(counts.get(region, 0))}: pass the "
                "whole worker table of the same seed (not one province)"
            )
    totals = data.groupby("min_wage_region")["weight"].sum()
    if group == "all":
        return float(
            sum(totals[r] * by_region[r]["mean_log_effect_all_employees"] for r in by_region)
            / sum(totals[r] for r in by_region)
        )
    if group != "exposed":
        raise ValueError(f"group {group!r} is not one of: exposed, all")
    if band < spill - 1e-12:
        raise ValueError(
            f"band {band} is narrower than the spillover band {spill}: the rise moves workers "
            "across that line, so the group has no well-defined true effect"
        )
    effect = sum(
        totals[r] * by_region[r]["share_low_paid"] * by_region[r]["mean_log_effect_low_paid"]
        for r in by_region
        if by_region[r]["mean_log_effect_low_paid"] is not None
    )
    group_weight = data.loc[exposed(data, rise, band).to_numpy(), "weight"].sum()
    if band <= spill + 1e-12:
        group_weight = sum(totals[r] * by_region[r]["share_low_paid"] for r in by_region)
    return float(effect / group_weight)


# ------------------------------------------------------------------------- repeated samples
#: The designs compared by :func:`compare_designs`, each with the truth it claims to estimate.
DESIGNS: dict[str, tuple[str, str]] = {
    "before/after, all employees, year after vs year before": (
        "mean log wage of all employees in the 4 quarters from the rise minus the 4 before",
        "all",
    ),
    "before/after, exposed only": (
        "exposed group, quarter of the rise minus quarter before",
        "exposed",
    ),
    "with/without, after the rise": (
        "exposed minus comparison group, quarter of the rise",
        "exposed",
    ),
    "difference-in-differences, line at the new minimum": (
        "2×2 DiD with the exposed group 'paid below the new minimum' (band 0)",
        "exposed",
    ),
    "difference-in-differences": ("2×2 DiD, exposed: paid below 1.1 × the new minimum", "exposed"),
    "event study, net of the pre-rise trend": (
        "coefficient of the rise quarter minus the line through the 8 pre-rise coefficients",
        "exposed",
    ),
}


def _gap_by_quarter(data: pd.DataFrame) -> pd.Series:
    """Return the weighted exposed − comparison gap in mean log wage, by quarter k."""
    w = data["weight"].to_numpy(dtype=float)
    y = data["log_wage"].to_numpy()
    k = data["k"].to_numpy()
    flag = data["exposed"].to_numpy()
    out = {}
    for j in np.unique(k):
        here = k == j
        e, c = here & (flag == 1), here & (flag == 0)
        out[int(j)] = _weighted_mean(y[e], w[e]) - _weighted_mean(y[c], w[c])
    return pd.Series(out, name="gap")


def event_coefficients(
    workers: pd.DataFrame,
    rise: str,
    band: float = BAND,
    *,
    window: tuple[int, int] = WINDOW,
    weight: str | None = "weight",
) -> pd.Series:
    """Return the event-study coefficients as differences of means, one per quarter ``k``.

    For each quarter: the (weighted) mean log wage of the exposed minus that of the
    comparison group, minus the same gap in the reference quarter −1. These are exactly the
    coefficients of :func:`event_study` (its regression is saturated), without the
    standard errors: what a learner computes by hand.
    """
    data = impact_frame(workers, rise, band, window=window)
    if weight is None:
        data = data.assign(weight=1.0)
    elif weight != "weight":
        data = data.assign(weight=data[weight])
    gap = _gap_by_quarter(data)
    return (gap - gap[REFERENCE]).rename("estimate").rename_axis("k")


def compare_designs(
    workers: pd.DataFrame,
    rise: str,
    *,
    seed: int | None = None,
    effects: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """Return every design of :data:`DESIGNS` on one sample, next to the truth it targets.

    Columns: ``design``, ``estimate``, ``truth`` (the true effect on the group the design
    is about: all employees or the exposed), ``error``. Point estimates only (weighted
    means), so that many samples can be compared quickly (:func:`repeated_samples`).
    """
    return _designs_and_gaps(workers, rise, seed, effects)[0]


def _designs_and_gaps(
    workers: pd.DataFrame,
    rise: str,
    seed: int | None,
    effects: Mapping[str, Any] | None,
) -> tuple[pd.DataFrame, pd.Series]:
    """Return (:func:`compare_designs` table, event-study coefficients by quarter k)."""
    truth = {
        "all": true_rise_effect(workers, rise, seed=seed, group="all", effects=effects),
        "exposed": true_rise_effect(workers, rise, seed=seed, effects=effects),
    }
    data = impact_frame(workers, rise, BAND, window=WINDOW)
    wrong = impact_frame(workers, rise, 0.0, window=(REFERENCE, 0))
    w = data["weight"].to_numpy(dtype=float)
    y, k = data["log_wage"].to_numpy(), data["k"].to_numpy()
    after, before = (k >= 0) & (k <= 3), (k >= -4) & (k <= -1)
    gap = _gap_by_quarter(data)
    beta = (gap - gap[REFERENCE]).rename("estimate")
    gap_wrong = _gap_by_quarter(wrong)
    flag = data["exposed"].to_numpy()

    def exposed_mean(j: int) -> float:
        rows = (k == j) & (flag == 1)
        return _weighted_mean(y[rows], w[rows])

    pre = list(range(WINDOW[0], 0))
    intercept = float(pretrend_line(pre, beta[pre].to_numpy()) @ beta[pre].to_numpy())
    values = {
        "before/after, all employees, year after vs year before": _weighted_mean(y[after], w[after])
        - _weighted_mean(y[before], w[before]),
        "before/after, exposed only": exposed_mean(0) - exposed_mean(REFERENCE),
        "with/without, after the rise": gap[0],
        "difference-in-differences, line at the new minimum": gap_wrong[0] - gap_wrong[REFERENCE],
        "difference-in-differences": beta[0],
        "event study, net of the pre-rise trend": beta[0] - intercept,
    }
    rows = [
        {"design": name, "estimate": float(values[name]), "truth": truth[DESIGNS[name][1]]}
        for name in DESIGNS
    ]
    table = pd.DataFrame(rows)
    table["error"] = table["estimate"] - table["truth"]
    return table, beta


@dataclass(frozen=True)
class RepeatedSamples:
    """Designs compared over many samples drawn by the generator (one per seed).

    ``designs``: one row per seed, rise and design (``estimate``, ``truth``, ``error``);
    ``event_studies``: one row per seed, rise and quarter ``k`` (the event-study
    coefficient, a difference of weighted means).
    """

    designs: pd.DataFrame
    event_studies: pd.DataFrame

    def bias(self) -> pd.DataFrame:
        """Return, per design, the mean error (bias), its standard error and the spread."""
        grouped = self.designs.groupby("design", sort=False)["error"]
        table = pd.DataFrame(
            {
                "mean_error": grouped.mean(),
                "se_of_mean": grouped.std(ddof=1) / np.sqrt(grouped.size()),
                "sd": grouped.std(ddof=1),
                "samples": grouped.size(),
            }
        )
        return table.reindex([d for d in DESIGNS if d in table.index])

    def mean_event_study(self, rise: str | None = None) -> pd.DataFrame:
        """Return the event-study coefficients averaged over samples (one rise, or all).

        Averaging removes most of the noise and shows what the coefficients are on
        average: columns ``estimate`` (the mean), ``se_of_mean`` and ``samples``.
        """
        data = self.event_studies
        if rise is not None:
            data = data[data["rise"] == check_rise(rise, RISES_IN_DATA)]
        grouped = data.groupby("k")["estimate"]
        return pd.DataFrame(
            {
                "estimate": grouped.mean(),
                "se_of_mean": grouped.std(ddof=1) / np.sqrt(grouped.size()),
                "samples": grouped.size(),
            }
        )


def repeated_samples(seeds: Iterable[int], rises: Sequence[str] = RISES_IN_DATA) -> RepeatedSamples:
    """Draw the workshop worker sample once per seed and compare the designs on each.

    Each draw takes about half a second (only the worker records are generated, with the
    generator's own report of the true effects). The spread of a design's estimates is its
    sampling noise; the mean of its ``error`` is its bias.
    """
    from lrkit.synth.workers import generate_workers

    tables, gaps = [], []
    for seed in seeds:
        workers, effects = generate_workers(int(seed), "workshop")
        for rise in rises:
            table, beta = _designs_and_gaps(workers, rise, None, effects)
            tables.append(table.assign(seed=int(seed), rise=rise))
            gaps.append(beta.rename_axis("k").reset_index().assign(seed=int(seed), rise=rise))
    if not tables:
        raise ValueError("give at least one seed")
    designs = pd.concat(tables, ignore_index=True)
    studies = pd.concat(gaps, ignore_index=True)
    return RepeatedSamples(
        designs[["seed", "rise", "design", "estimate", "truth", "error"]],
        studies[["seed", "rise", "k", "estimate"]],
    )


# ---------------------------------------------------------------------------- propensity scores
def _design_matrix(frame: pd.DataFrame, covariates: Sequence[str]) -> pd.DataFrame:
    """Return dummies (first level dropped) for text covariates, 0/1 for flags, numbers as is."""
    _require(frame, covariates)
    parts = []
    for name in covariates:
        column = frame[name]
        if pd.api.types.is_bool_dtype(column.dtype):
            if column.isna().any():
                raise ValueError(f"covariate {name!r} has missing values")
            parts.append(column.astype("int64").rename(name).to_frame())
        elif pd.api.types.is_numeric_dtype(column.dtype) and name not in ("year", "quarter"):
            parts.append(column.astype("float64").rename(name).to_frame())
        else:
            if column.isna().any():
                raise ValueError(f"covariate {name!r} has missing values")
            parts.append(
                pd.get_dummies(column.astype(str), prefix=name, drop_first=True, dtype=float)
            )
    return pd.concat(parts, axis=1)


def _treatment(frame: pd.DataFrame, treatment: str) -> np.ndarray:
    _require(frame, [treatment])
    values = frame[treatment]
    if values.isna().any():
        raise ValueError(f"treatment column {treatment!r} has missing values")
    flags = values.astype(bool).to_numpy()
    if flags.all() or not flags.any():
        raise ValueError(f"treatment column {treatment!r} needs both treated and untreated rows")
    return flags


def propensity_scores(frame: pd.DataFrame, treatment: str, covariates: Sequence[str]) -> pd.Series:
    """Return P(treated | covariates) from a logit of ``treatment`` on ``covariates``.

    Text covariates (and ``year``/``quarter``) enter as dummies, true/false ones as 0/1.
    The score summarises the covariates: treated and untreated people with the same score
    have, on average, the same covariates (balance; check it with :func:`balance_table`).
    """
    import statsmodels.api as sm

    flags = _treatment(frame, treatment)
    x = sm.add_constant(_design_matrix(frame, covariates), has_constant="add")
    fit = sm.Logit(flags.astype(float), x).fit(disp=0)
    return pd.Series(fit.predict(x), index=frame.index, name="propensity")


def att_weights(propensity: pd.Series, treated: np.ndarray | pd.Series) -> pd.Series:
    """Return inverse-probability weights for the effect on the treated: 1, or p/(1 − p).

    Untreated people who look like the treated (high p) count more, so the reweighted
    untreated group has the treated group's covariates.
    """
    p = propensity.to_numpy(dtype=float)
    if ((p <= 0) | (p >= 1)).any():
        raise ValueError("propensity scores must be strictly between 0 and 1 (no overlap)")
    flags = np.asarray(treated, dtype=bool)
    return pd.Series(np.where(flags, 1.0, p / (1 - p)), index=propensity.index, name="att_weight")


def match_weights(
    propensity: pd.Series,
    treated: np.ndarray | pd.Series,
    weight: pd.Series | None = None,
    caliper: float | None = None,
) -> pd.Series:
    """Return the weight each person gets from 1-nearest-neighbour matching on the score.

    Each treated person (weight = their survey weight) is matched, with replacement, to the
    untreated person with the closest score; when several untreated people share that score
    (common with a few discrete covariates) the match is shared among them in proportion to
    their survey weights. Treated people with no untreated score within ``caliper`` keep
    weight 0 (they are dropped). Untreated people never matched get 0.
    """
    p = propensity.to_numpy(dtype=float)
    flags = np.asarray(treated, dtype=bool)
    survey = np.ones(len(p)) if weight is None else weight.to_numpy(dtype=float)
    control_p = p[~flags]
    levels, level_of_control = np.unique(control_p, return_inverse=True)
    position = (
        np.clip(np.searchsorted(levels, p[flags]), 1, len(levels) - 1) if len(levels) > 1 else None
    )
    if position is None:
        nearest = np.zeros(flags.sum(), dtype=np.int64)
    else:
        left, right = levels[position - 1], levels[position]
        nearest = np.where(
            np.abs(p[flags] - left) <= np.abs(right - p[flags]), position - 1, position
        )
    distance = np.abs(p[flags] - levels[nearest])
    keep = np.ones(len(nearest), dtype=bool) if caliper is None else distance <= caliper
    treated_weight = survey[flags] * keep
    demand = np.bincount(nearest, weights=treated_weight, minlength=len(levels))
    supply = np.bincount(level_of_control, weights=survey[~flags], minlength=len(levels))
    out = np.zeros(len(p))
    out[flags] = treated_weight
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(supply > 0, demand / supply, 0.0)
    out[~flags] = survey[~flags] * share[level_of_control]
    return pd.Series(out, index=propensity.index, name="match_weight")


def _smd(x: np.ndarray, flags: np.ndarray, w_treated: np.ndarray, w_control: np.ndarray) -> tuple:
    mt = _weighted_mean(x[flags], w_treated)
    mc = _weighted_mean(x[~flags], w_control)
    vt = _weighted_mean((x[flags] - mt) ** 2, w_treated)
    vc = _weighted_mean((x[~flags] - mc) ** 2, w_control)
    pooled = math.sqrt((vt + vc) / 2)
    return mt, mc, (mt - mc) / pooled if pooled > 0 else 0.0


def balance_table(
    frame: pd.DataFrame,
    treatment: str,
    covariates: Sequence[str],
    *,
    weight: str | None = "weight",
    adjusted: pd.Series | None = None,
) -> pd.DataFrame:
    """Return covariate means of treated and untreated, and standardised differences.

    One row per covariate level (every level of a text covariate, a flag as its share).
    ``smd_before`` compares treated and untreated with the survey weights; with
    ``adjusted`` (weights from :func:`att_weights` × survey weights, or from
    :func:`match_weights`) ``control_after`` and ``smd_after`` show the comparison group the
    method builds. A standardised mean difference (difference ÷ pooled standard deviation)
    below 0.1 in absolute value is the usual sign of good balance.
    """
    flags = _treatment(frame, treatment)
    survey = np.ones(len(frame)) if weight is None else frame[weight].to_numpy(dtype=float)
    rows = []
    for name in covariates:
        _require(frame, [name])
        column = frame[name]
        if pd.api.types.is_bool_dtype(column.dtype) or pd.api.types.is_numeric_dtype(column.dtype):
            if name in ("year", "quarter"):
                levels = {
                    f"{name}={v}": (column == v).to_numpy(dtype=float)
                    for v in sorted(column.unique())
                }
            else:
                levels = {name: column.astype("float64").to_numpy()}
        else:
            levels = {
                f"{name}={v}": (column == v).to_numpy(dtype=float)
                for v in sorted(column.dropna().unique())
            }
        for label, x in levels.items():
            mt, mc, smd = _smd(x, flags, survey[flags], survey[~flags])
            row = {"covariate": label, "treated": mt, "control_before": mc, "smd_before": smd}
            if adjusted is not None:
                a = adjusted.to_numpy(dtype=float)
                _, mc2, smd2 = _smd(x, flags, a[flags], a[~flags])
                row.update(control_after=mc2, smd_after=smd2)
            rows.append(row)
    return pd.DataFrame(rows).set_index("covariate")


def ipw_att(
    frame: pd.DataFrame,
    outcome: str,
    treatment: str,
    covariates: Sequence[str],
    *,
    weight: str | None = "weight",
    cluster: str | None = "psu",
    alpha: float = 0.05,
) -> Estimate:
    """Return the effect on the treated by inverse-probability weighting on the propensity score.

    Treated keep their survey weight; untreated get survey weight × p/(1 − p). The effect is
    the difference of weighted means, from a weighted regression of ``outcome`` on the
    treatment with standard errors clustered by ``cluster``. The SE treats the scores as
    known, which is the usual, slightly conservative simplification for this estimator.
    """
    flags = _treatment(frame, treatment)
    _require(frame, [outcome])
    p = propensity_scores(frame, treatment, covariates)
    survey = np.ones(len(frame)) if weight is None else frame[weight].to_numpy(dtype=float)
    w = survey * att_weights(p, flags).to_numpy()
    x = np.column_stack([np.ones(len(frame)), flags.astype(float)])
    covariance = "cluster" if cluster is not None else "robust"
    groups = _codes(frame[cluster]) if cluster is not None else None
    result = _fit(
        frame[outcome].to_numpy(dtype=float), x, ["const", treatment], w, covariance, groups
    )
    clusters = int(frame[cluster].nunique()) if cluster is not None else None
    return _estimate(
        result, treatment, f"propensity-score weighting ({', '.join(covariates)})", alpha,
        len(frame), clusters,
    )  # fmt: skip


def matched_att(
    frame: pd.DataFrame,
    outcome: str,
    treatment: str,
    covariates: Sequence[str],
    *,
    weight: str | None = "weight",
    caliper: float | None = None,
) -> Estimate:
    """Return the effect on the treated by 1-nearest-neighbour matching on the propensity score.

    The treated mean of ``outcome`` minus the mean of their matched untreated neighbours
    (see :func:`match_weights`). Point estimate only: matching with replacement needs a
    special variance formula; use :func:`ipw_att` for a confidence interval.
    """
    flags = _treatment(frame, treatment)
    _require(frame, [outcome])
    p = propensity_scores(frame, treatment, covariates)
    survey = None if weight is None else frame[weight]
    w = match_weights(p, flags, survey, caliper).to_numpy()
    y = frame[outcome].to_numpy(dtype=float)
    dropped = int((w[flags] == 0).sum())
    estimate = _weighted_mean(y[flags], w[flags]) - _weighted_mean(y[~flags], w[~flags])
    note = f"{dropped} treated without a match within the caliper" if dropped else ""
    return Estimate(
        f"nearest-neighbour matching ({', '.join(covariates)})", estimate, n=len(frame), note=note
    )


# ------------------------------------------------------------------------------------- power
def check_power_parameters(
    alpha: object, power: object, target_effect: object = None
) -> tuple[float, float, float | None]:
    """Return (alpha, power, target_effect) of a power calculation as floats, checked.

    ``alpha`` and ``power`` are shares strictly between 0 and 1 (0.05, 0.80); a
    ``target_effect`` (log points) is positive and below 1. Text such as "0.05" from the
    command line is accepted. Raises ``ValueError`` naming the parameter.
    """

    def number(name: str, value: object) -> float:
        if isinstance(value, bool):
            raise TypeError(f"{name} must be a number, got {value!r}")
        try:
            return float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise TypeError(f"{name} must be a number, got {value!r}") from None

    a, p = number("alpha", alpha), number("power", power)
    if not 0 < a < 0.5:
        raise ValueError(f"alpha must be a share between 0 and 0.5 (such as 0.05), got {alpha!r}")
    if not 0.5 <= p < 1:
        raise ValueError(f"power must be a share between 0.5 and 1 (such as 0.80), got {power!r}")
    if target_effect is None:
        return a, p, None
    t = number("target_effect", target_effect)
    if not 0 < t < 1:
        raise ValueError(
            f"target_effect must be in log points, between 0 and 1 (0.03 ≈ 3%): {target_effect!r}"
        )
    return a, p, t


def z_multiplier(alpha: float = 0.05, power: float = 0.80, two_sided: bool = True) -> float:
    """Return z(1 − α/2) + z(power): the MDE in standard errors (2.80 for 5% and 80%)."""
    for name, v in (("alpha", alpha), ("power", power)):
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 < v < 1:
            raise ValueError(f"{name} must be a share strictly between 0 and 1, got {v!r}")
    tail = alpha / 2 if two_sided else alpha
    return float(stats.norm.ppf(1 - tail) + stats.norm.ppf(power))


def intracluster_correlation(
    values: Sequence[float] | pd.Series, clusters: Sequence | pd.Series
) -> float:
    """Return the one-way ANOVA intra-cluster correlation ρ of ``values`` within ``clusters``.

    ρ = (MSB − MSW) / (MSB + (n₀ − 1) MSW), with MSB and MSW the between- and
    within-cluster mean squares and n₀ = (n − Σ nⱼ²/n) / (k − 1) the cluster size adjusted
    for unequal clusters (k clusters, n values). It can be slightly negative by chance.
    """
    y = np.asarray(values, dtype=float)
    codes, uniques = pd.factorize(pd.Series(clusters).reset_index(drop=True))
    if len(y) != len(codes):
        raise ValueError("values and clusters must have the same length")
    if not np.isfinite(y).all():
        raise ValueError("values must be finite numbers (drop missing values first)")
    k, n = len(uniques), len(y)
    if k < 2 or n <= k:
        raise ValueError(f"need at least 2 clusters and more values than clusters (got {k}, {n})")
    size = np.bincount(codes).astype(float)
    means = np.bincount(codes, weights=y) / size
    msb = float((size * (means - y.mean()) ** 2).sum() / (k - 1))
    msw = float(((y - means[codes]) ** 2).sum() / (n - k))
    n0 = (n - (size**2).sum() / n) / (k - 1)
    return (msb - msw) / (msb + (n0 - 1) * msw)


def design_effect(icc: float, cluster_size: float) -> float:
    """Return the design effect of a cluster sample, 1 + (m − 1) ρ (Kish).

    ``cluster_size`` m is the mean number of sampled people per cluster (per enumeration
    area), not the total sample. The variance of a mean is deff times that of a simple
    random sample of the same size, so its standard error is √deff times larger.
    """
    if isinstance(cluster_size, bool) or not cluster_size >= 1:
        raise ValueError(f"cluster_size must be 1 or more people per cluster, got {cluster_size!r}")
    if not -1 < icc < 1:
        raise ValueError(f"icc must be between -1 and 1, got {icc!r}")
    return 1 + (cluster_size - 1) * icc


def _pair(value: float | tuple[float, float], name: str) -> tuple[float, float]:
    pair = value if isinstance(value, tuple) else (value, value)
    if len(pair) != 2 or any(not (isinstance(v, (int, float)) and v > 0) for v in pair):
        raise ValueError(
            f"{name} must be a positive number or a (before, after) pair, got {value!r}"
        )
    return float(pair[0]), float(pair[1])


def did_standard_error(
    sd_exposed: float,
    sd_comparison: float,
    n_exposed: float | tuple[float, float],
    n_comparison: float | tuple[float, float],
    deff: float = 1.0,
) -> float:
    """Return the standard error of a 2×2 difference-in-differences of means.

    SE = √(deff × [σ_E² (1/n_E,before + 1/n_E,after) + σ_C² (1/n_C,before + 1/n_C,after)]),
    for independent samples before and after (a new sample each quarter, as in the Labour
    Force Survey). ``n_*`` are the people per group and period (one number: the same in
    both periods). Using the design effect of a mean for the whole difference is cautious:
    cluster effects partly cancel in the exposed − comparison gap.
    """
    if isinstance(deff, bool) or not deff > 0:
        raise ValueError(f"deff must be positive, got {deff!r}")
    ne, nc = _pair(n_exposed, "n_exposed"), _pair(n_comparison, "n_comparison")
    variance = sd_exposed**2 * (1 / ne[0] + 1 / ne[1]) + sd_comparison**2 * (1 / nc[0] + 1 / nc[1])
    return math.sqrt(deff * variance)


def did_mde(
    sd_exposed: float,
    sd_comparison: float,
    n_exposed: float | tuple[float, float],
    n_comparison: float | tuple[float, float],
    deff: float = 1.0,
    alpha: float = 0.05,
    power: float = 0.80,
) -> float:
    """Return the minimum detectable effect of a 2×2 difference-in-differences (two-sided).

    MDE = (z(1 − α/2) + z(power)) × SE (:func:`did_standard_error`): the smallest true
    effect the evaluation has probability ``power`` of finding significant at level
    ``alpha``. Same units as the standard deviations (log points for log wages).
    """
    return z_multiplier(alpha, power) * did_standard_error(
        sd_exposed, sd_comparison, n_exposed, n_comparison, deff
    )


def employees_needed(
    mde: float,
    sd_exposed: float,
    sd_comparison: float,
    share_exposed: float,
    deff: float = 1.0,
    alpha: float = 0.05,
    power: float = 0.80,
) -> int:
    """Return the employees per quarter a before/after survey pair needs to detect ``mde``.

    With N employees in each quarter, a share s of them exposed: n_E = sN, n_C = (1 − s)N
    and N = M² × deff × 2 (σ_E²/s + σ_C²/(1 − s)) / MDE², rounded up (M =
    :func:`z_multiplier`).
    """
    if not 0 < share_exposed < 1:
        raise ValueError(f"share_exposed must be between 0 and 1, got {share_exposed!r}")
    if not mde > 0:
        raise ValueError(f"mde must be positive, got {mde!r}")
    m = z_multiplier(alpha, power)
    n = m**2 * deff * 2 * (sd_exposed**2 / share_exposed + sd_comparison**2 / (1 - share_exposed))
    return math.ceil(n / mde**2 - 1e-9)


@dataclass(frozen=True)
class PlanningInputs:
    """What a planner measures in past survey rounds to size an evaluation of a rise."""

    rise: str
    quarters: int
    employees_per_quarter: float
    exposed_per_quarter: float
    comparison_per_quarter: float
    share_exposed: float
    sd_exposed: float
    sd_comparison: float
    icc: float
    cluster_size: float

    @property
    def deff(self) -> float:
        """Return the design effect 1 + (m − 1) ρ."""
        return design_effect(self.icc, self.cluster_size)

    def mde(self, alpha: float = 0.05, power: float = 0.80, deff: float | None = None) -> float:
        """Return the MDE of a DiD with one quarter before and one after, of this size."""
        return did_mde(
            self.sd_exposed, self.sd_comparison, self.exposed_per_quarter,
            self.comparison_per_quarter, self.deff if deff is None else deff, alpha, power,
        )  # fmt: skip

    def as_series(self) -> pd.Series:
        """Return the numeric inputs (and the design effect) as a series named after the rise."""
        values = {k: float(getattr(self, k)) for k in self.__dataclass_fields__ if k != "rise"}
        return pd.Series({**values, "deff": self.deff}, name=self.rise)


def planning_inputs(
    workers: pd.DataFrame, rise: str, year: int, province: str | None = None, band: float = BAND
) -> PlanningInputs:
    """Return the planning inputs of an evaluation of ``rise`` from the rounds of ``year``.

    Employees of ``province`` (all when None) in the four quarters of ``year``; exposed =
    paid below (1 + ``band``) × the minimum ``rise`` sets. Sizes are means per quarter;
    standard deviations are of log wages (unweighted, ddof = 1); ρ is
    :func:`intracluster_correlation` of log wages within PSUs (enumeration areas) and m the
    mean number of employees per PSU.
    """
    data = employees_with_wages(workers)
    data = data[data["year"] == year]
    if province is not None:
        data = data[data["province"] == province]
    if data.empty:
        raise ValueError(f"no employees for province {province!r} in {year}")
    flag = exposed(data, rise, band).to_numpy()
    if flag.all() or not flag.any():
        raise ValueError(f"all or none of the employees are exposed to {rise} in {year}")
    quarters = int(data["quarter"].nunique())
    y = data["log_wage"].to_numpy()
    return PlanningInputs(
        rise=check_rise(rise),
        quarters=quarters,
        employees_per_quarter=len(data) / quarters,
        exposed_per_quarter=flag.sum() / quarters,
        comparison_per_quarter=(~flag).sum() / quarters,
        share_exposed=float(flag.mean()),
        sd_exposed=float(np.std(y[flag], ddof=1)),
        sd_comparison=float(np.std(y[~flag], ddof=1)),
        icc=intracluster_correlation(y, data["psu"]),
        cluster_size=len(data) / data["psu"].nunique(),
    )


# ------------------------------------------------------------------------------------ charts
def plot_event_study(
    study: EventStudy, truth: float | None = None, ax=None, title: str | None = None
):
    """Draw the event-study coefficients with their confidence intervals (and the truth)."""
    import matplotlib.pyplot as plt

    from lrkit.plots import use_kit_style

    use_kit_style()
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4.2))
    table = study.table.reset_index()
    colours = np.where(table["k"] < 0, "#4c72b0", "#dd8452")
    ax.axhline(0, color="0.3", linewidth=1)
    ax.axvline(-0.5, color="0.5", linestyle=":", linewidth=1)
    ax.errorbar(
        table["k"], table["estimate"],
        yerr=[table["estimate"] - table["ci_lower"], table["ci_upper"] - table["estimate"]],
        fmt="none", ecolor="0.6", capsize=3,
    )  # fmt: skip
    ax.scatter(table["k"], table["estimate"], c=list(colours), zorder=3)
    if truth is not None:
        ax.scatter([0], [truth], marker="*", s=180, color="#c44e52", zorder=4,
                   label="true effect (generator)")  # fmt: skip
        ax.legend(loc="upper left", frameon=False)
    ax.set(
        xlabel="quarters since the rise (0 = first quarter with the new minimum)",
        ylabel="gap in log wage vs quarter −1",
        title=title or f"Event study of the {study.rise} rise",
    )
    ax.set_xticks(table["k"])
    return ax


def plot_repeated(results: pd.DataFrame, ax=None, title: str | None = None):
    """Draw each design's errors (estimate − truth) over repeated samples, 0 = unbiased."""
    import matplotlib.pyplot as plt
    import seaborn as sns

    from lrkit.plots import use_kit_style

    use_kit_style()
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4.5))
    order = [d for d in DESIGNS if d in set(results["design"])]
    sns.stripplot(data=results, y="design", x="error", order=order, alpha=0.45, ax=ax,
                  color="#4c72b0", jitter=0.25)  # fmt: skip
    means = results.groupby("design")["error"].mean().reindex(order)
    ax.scatter(means.to_numpy(), range(len(order)), marker="D", s=60, color="#c44e52", zorder=3,
               label="mean error (bias)")  # fmt: skip
    ax.axvline(0, color="0.2", linewidth=1)
    ax.set(xlabel="estimate − true effect (log points)", ylabel="",
           title=title or "Each design over repeated samples")  # fmt: skip
    ax.legend(loc="lower left", frameon=False)
    return ax


def plot_mde_curve(
    inputs: PlanningInputs,
    alpha: float = 0.05,
    power: float = 0.80,
    reference_effects: Mapping[str, float] | None = None,
    ax=None,
    title: str | None = None,
):
    """Draw the MDE against the employees interviewed per quarter (log scale).

    The share exposed, the standard deviations and the design effect are those of
    ``inputs``; the dot marks the survey's present size; ``reference_effects`` (label →
    effect) are drawn as dashed lines, such as the true effects of past rises.
    """
    import matplotlib.pyplot as plt

    from lrkit.plots import use_kit_style

    use_kit_style()
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4.2))
    sizes = np.geomspace(50, 200_000, 120)
    s = inputs.share_exposed

    def mde_at(n: float) -> float:
        return did_mde(inputs.sd_exposed, inputs.sd_comparison, s * n, (1 - s) * n,
                       inputs.deff, alpha, power)  # fmt: skip

    ax.plot(sizes, [mde_at(n) for n in sizes], color="#4c72b0", label="MDE")
    now = inputs.employees_per_quarter
    ax.scatter([now], [mde_at(now)], color="#4c72b0", zorder=3)
    ax.annotate(f"survey now: {now:,.0f} employees", (now, mde_at(now)),
                textcoords="offset points", xytext=(8, 4), fontsize=9)  # fmt: skip
    for (label, effect), colour in zip(
        (reference_effects or {}).items(), ("#c44e52", "#dd8452", "#55a868"), strict=False
    ):
        ax.axhline(effect, linestyle="--", color=colour, linewidth=1,
                   label=f"true effect, {label}")  # fmt: skip
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    low, high = ax.get_ylim()
    ticks = [
        t for t in (0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0) if low <= t <= high
    ]
    ax.yaxis.set_major_locator(FixedLocator(ticks))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    ax.set(
        xlabel="employees interviewed per quarter (log scale)",
        ylabel="MDE, log points (log scale)",
        title=title or f"Minimum detectable effect of a DiD of the {inputs.rise} rise",
    )
    ax.legend(loc="upper right", frameon=False)
    return ax


def plot_estimates(table: pd.DataFrame, ax=None, title: str | None = None, xlabel: str = ""):
    """Draw estimates with their confidence intervals, each next to its truth (a red bar).

    ``table`` is :func:`estimates_table` output (index: methods; ``estimate``, ``ci_lower``,
    ``ci_upper`` and optionally ``truth``); rows without an interval show the point only.
    """
    import matplotlib.pyplot as plt

    from lrkit.plots import use_kit_style

    use_kit_style()
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.55 * len(table) + 1.4))
    rows = np.arange(len(table))[::-1]
    low = (table["estimate"] - table["ci_lower"]).astype(float).fillna(0).to_numpy()
    high = (table["ci_upper"] - table["estimate"]).astype(float).fillna(0).to_numpy()
    ax.errorbar(table["estimate"], rows, xerr=[low, high], fmt="o", color="#4c72b0",
                ecolor="0.55", capsize=3, label="estimate and 95% CI")  # fmt: skip
    if "truth" in table.columns:
        ax.scatter(table["truth"], rows, marker="|", s=400, color="#c44e52", zorder=3,
                   label="true effect")  # fmt: skip
    ax.axvline(0, color="0.3", linewidth=1)
    ax.set_yticks(rows)
    ax.set_yticklabels(table.index)
    ax.set(title=title or "", xlabel=xlabel or "effect (log points)", ylabel="")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=9)
    return ax


def plot_balance(balance: pd.DataFrame, ax=None, title: str | None = None):
    """Draw |standardised mean differences| before and after adjustment (a "love plot").

    ``balance`` is :func:`balance_table` output with ``smd_after``; the dotted line at 0.1
    is the usual threshold of good balance.
    """
    import matplotlib.pyplot as plt

    from lrkit.plots import use_kit_style

    use_kit_style()
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.32 * len(balance) + 1.5))
    rows = np.arange(len(balance))[::-1]
    ax.scatter(balance["smd_before"].abs(), rows, color="#c44e52", label="before")
    ax.scatter(balance["smd_after"].abs(), rows, color="#4c72b0", marker="D", label="after")
    ax.axvline(0.1, color="0.4", linestyle=":", linewidth=1)
    ax.set_yticks(rows)
    ax.set_yticklabels(balance.index)
    ax.set(title=title or "Covariate balance", xlabel="|standardised mean difference|")
    ax.legend(loc="lower right", frameon=False)
    return ax


def plot_mean_event_study(
    table: pd.DataFrame, truth: float | None = None, ax=None, title: str | None = None
):
    """Draw event-study coefficients averaged over samples, ± 1.96 standard errors of the mean.

    ``table`` is :meth:`RepeatedSamples.mean_event_study`; ``truth`` is drawn at k = 0
    on top of the line through the pre-rise means (what the trend alone would give there).
    """
    import matplotlib.pyplot as plt

    from lrkit.plots import use_kit_style

    use_kit_style()
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4.2))
    k = table.index.to_numpy()
    half = 1.96 * table["se_of_mean"].to_numpy()
    ax.axhline(0, color="0.3", linewidth=1)
    ax.axvline(-0.5, color="0.5", linestyle=":", linewidth=1)
    ax.errorbar(k, table["estimate"], yerr=half, fmt="o", color="#4c72b0", ecolor="0.6",
                capsize=3, label="mean coefficient ± 1.96 SE of the mean")  # fmt: skip
    pre = k[k < 0]
    slope, intercept = np.polyfit(pre, table.loc[pre, "estimate"].to_numpy(), 1)
    span = np.array([k.min(), 0])
    ax.plot(span, intercept + slope * span, linestyle="--", color="#dd8452",
            label="line through the pre-rise means")  # fmt: skip
    if truth is not None:
        ax.scatter([0], [intercept + truth], marker="*", s=180, color="#c44e52", zorder=4,
                   label="trend + true effect")  # fmt: skip
    ax.set_xticks(k)
    ax.set(xlabel="quarters since the rise", ylabel="gap in log wage vs quarter −1",
           title=title or "Event-study coefficients averaged over samples")  # fmt: skip
    ax.legend(loc="upper right", frameon=False, fontsize=9)
    return ax
