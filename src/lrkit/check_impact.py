"""Checks for the Module 5 exercises (measuring impact), in the style of :mod:`lrkit.check`.

Each check recomputes the right answer from the data and the notebook's parameters with
:mod:`lrkit.impact`, never stores it and never shows it. A wrong answer is compared with
what the usual mistakes produce (a before/after or with/without comparison instead of a
difference-in-differences, the comparison line at the new minimum, weights or clustering
left out, the design effect forgotten or not square-rooted, …) and the hint names the
mistake it matches.

Effects are in log points (0.030 ≈ 3%) and learners round them to three decimals, so the
tolerance here is 0.0006 rather than the 0.05 percentage points of :func:`check_number`,
which is used for the one percentage (the share of employees exposed).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from lrkit.check import (
    CORRECT,
    NOT_ATTEMPTED,
    NOT_ATTEMPTED_TEXT,
    NOT_YET,
    Feedback,
    as_number,
    check_number,
    is_placeholder,
)

#: Tolerance for answers rounded to three decimals (log points, standard errors, ρ, MDE).
TOLERANCE_3 = 0.0006
#: Tolerance for answers rounded to four decimals (a slope per quarter).
TOLERANCE_4 = 0.00006
#: Tolerance for the trend-adjusted effect: a line through coefficients already rounded to
#: three decimals moves its value at k = 0 by up to about 0.0005.
TOLERANCE_TREND = 0.0011
#: Tolerance for answers rounded to two decimals (a % rise, a design effect).
TOLERANCE_2 = 0.006

Mistakes = dict[str, Callable[[], list[float]]]


def _check_value(
    answer: object,
    expected: float,
    mistakes: Mistakes,
    *,
    tolerance: float,
    fallback: str,
    percent_hint: bool = False,
) -> Feedback:
    """Compare a number with ``expected`` within ``tolerance``; name the mistake it matches."""
    if is_placeholder(answer):
        return Feedback(NOT_ATTEMPTED, NOT_ATTEMPTED_TEXT)
    value = as_number(answer)
    if isinstance(value, str):
        return Feedback(NOT_YET, f"Not yet: {value}.")
    if abs(value - expected) <= tolerance:
        return Feedback(CORRECT, "Correct! ✔")
    if percent_hint and abs(value / 100 - expected) <= tolerance:
        return Feedback(
            NOT_YET,
            "Nearly: give the effect in log points (0.030), not in percent (3.0): do not "
            "multiply by 100.",
        )
    matched = [
        hint
        for hint, compute in mistakes.items()
        if any(abs(value - c) <= tolerance for c in compute() if c is not None and np.isfinite(c))
    ]
    if matched:
        # two mistakes can give nearly the same number on some data: name them all
        return Feedback(NOT_YET, "Not yet: " + " Or: ".join(matched))
    return Feedback(NOT_YET, f"Not yet: {fallback}")


def _impact():
    import lrkit.impact as impact

    return impact


def _weighted_share(flags: np.ndarray, weights: np.ndarray) -> float:
    return float(100 * (weights * flags).sum() / weights.sum())


# ------------------------------------------------------------------------------ Exercise 5.1
def check_rise_pct(answer: object, rise: str) -> Feedback:
    """Check the % rise of the minimum wage in each region for ``rise`` (2 decimals).

    ``answer`` is a Series (or dict) indexed by region I-IV. Right when every value is
    within 0.006 of 100 × (new − old) ÷ old.
    """
    if is_placeholder(answer):
        return Feedback(NOT_ATTEMPTED, NOT_ATTEMPTED_TEXT)
    impact = _impact()
    table = impact.minimum_wage_rises()
    rise = impact.check_rise(rise)
    here = table[table["rise"] == rise].set_index("region")
    if isinstance(answer, Mapping):
        answer = pd.Series(answer)
    if not isinstance(answer, pd.Series):
        return Feedback(
            NOT_YET,
            "Not yet: give one value per region, as a Series indexed by region (I, II, III, "
            "IV), for example `table.set_index('region')[...]`.",
        )
    given = answer.copy()
    given.index = [str(i).strip() for i in given.index]
    if sorted(given.index) != sorted(here.index):
        return Feedback(
            NOT_YET,
            f"Not yet: the Series should be indexed by the regions {', '.join(here.index)}, "
            f"got {', '.join(map(str, given.index))}.",
        )
    try:
        values = given.reindex(here.index).astype(float)
    except (TypeError, ValueError):
        return Feedback(NOT_YET, "Not yet: the values should be numbers (percentages).")

    def matches(candidate: pd.Series, tolerance: float = TOLERANCE_2) -> bool:
        return bool((values - candidate.astype(float)).abs().le(tolerance).all())

    if matches(here["rise_pct"]):
        return Feedback(CORRECT, "Correct! ✔")
    mistakes: list[tuple[str, pd.Series, float]] = [
        (
            "these are shares; a percentage is 100 × the share.",
            here["rise_pct"] / 100,
            0.0001,
        ),
        (
            "these are the rises in VND; divide by the old minimum and multiply by 100.",
            here["rise_vnd"].astype(float),
            1.0,
        ),
        (
            "a rise is measured against the OLD minimum (previous_monthly_vnd), not the new one.",
            100 * here["rise_vnd"] / here["new_vnd"],
            TOLERANCE_2,
        ),
    ]
    for other in sorted(set(table["rise"]) - {rise}):
        alt = table[table["rise"] == other].set_index("region")["rise_pct"]
        mistakes.append(
            (f"these look like the rises of {other}; keep the rows of {rise}.", alt, TOLERANCE_2)
        )
    for hint, candidate, tolerance in mistakes:
        if matches(candidate, tolerance):
            return Feedback(NOT_YET, f"Not yet: {hint}")
    return Feedback(
        NOT_YET, "Not yet: % rise = 100 × (new minimum − old minimum) ÷ old minimum, by region."
    )


def _quarter(frame: pd.DataFrame, rise: str, k: int) -> pd.DataFrame:
    impact = _impact()
    return frame[impact.event_time(frame, rise) == k]


def check_exposed_share(
    answer: object, workers: pd.DataFrame, province: str, rise: str
) -> Feedback:
    """Check the weighted % of employees of ``province`` exposed to ``rise`` the quarter before.

    Exposed: paid below 1.1 × the new minimum of their region. Right within 0.05
    percentage points (one decimal).
    """
    impact = _impact()
    employees = impact.employees_with_wages(workers)
    here = employees[employees["province"] == province]
    if here.empty:
        raise ValueError(f"no employees of province {province!r} in the data")
    before = _quarter(here, rise, impact.REFERENCE)
    after = _quarter(here, rise, 0)
    w = before["weight"].to_numpy(dtype=float)

    def share(frame: pd.DataFrame, band: float = impact.BAND, weighted: bool = True) -> float:
        flags = impact.exposed(frame, rise, band).to_numpy()
        weights = frame["weight"].to_numpy(dtype=float) if weighted else np.ones(len(frame))
        return _weighted_share(flags, weights)

    expected = share(before)
    # in the quarter before the rise, the minimum in force (min_wage_vnd) is the OLD one
    old_line = 1.1 * before["min_wage_vnd"].astype(float)
    everyone = workers[
        (workers["province"] == province) & (impact.event_time(workers, rise) == impact.REFERENCE)
    ]
    mistakes: Mapping[str, Callable[[], list[float]]] = {
        "the survey weights seem to be ignored; each employee stands for `weight` people.": (
            lambda: [share(before, weighted=False)]
        ),
        "the line is 1.1 × the new minimum (wages up to 10% above it still respond), not the "
        "new minimum itself.": lambda: [share(before, band=0.0)],
        "use the NEW minimum (the one the rise sets), not the old one in force before it.": (
            lambda: [
                _weighted_share((before["monthly_wage_vnd"].astype(float) < old_line).to_numpy(), w)
            ]
        ),
        "this is the quarter OF the rise; take the last quarter before it.": lambda: [share(after)],
        "the denominator is employees only, not the whole labour force.": lambda: [
            float(
                100
                * (
                    before["weight"].to_numpy(dtype=float) * impact.exposed(before, rise).to_numpy()
                ).sum()
                / everyone["weight"].sum()
            )
        ],
        "this looks like the share for all three provinces; keep your province.": lambda: [
            share(_quarter(employees, rise, impact.REFERENCE))
        ],
    }
    return check_number(answer, expected, dict(mistakes))


def _did_pieces(data: pd.DataFrame, weighted: bool = True, outcome: str = "log_wage") -> dict:
    """Return the four cell means of a 2×2 table (exposed × post) and their differences."""
    w = data["weight"].to_numpy(dtype=float) if weighted else np.ones(len(data))
    y = data[outcome].to_numpy(dtype=float)
    cells = {}
    for e in (1, 0):
        for p in (1, 0):
            rows = ((data["exposed"] == e) & (data["post"] == p)).to_numpy()
            cells[(e, p)] = float((y[rows] * w[rows]).sum() / w[rows].sum())
    return {
        "did": (cells[(1, 1)] - cells[(1, 0)]) - (cells[(0, 1)] - cells[(0, 0)]),
        "before_after": cells[(1, 1)] - cells[(1, 0)],
        "with_without": cells[(1, 1)] - cells[(0, 1)],
        "comparison_change": cells[(0, 1)] - cells[(0, 0)],
    }


def check_did(answer: object, workers: pd.DataFrame, rise: str) -> Feedback:
    """Check a 2×2 difference-in-differences of mean log wages (3 decimals), all provinces."""
    impact = _impact()
    data = impact.impact_frame(workers, rise, window=(impact.REFERENCE, 0))
    right = _did_pieces(data)
    wrong_line = impact.impact_frame(workers, rise, band=0.0, window=(impact.REFERENCE, 0))

    def in_vnd() -> list[float]:
        frame = data.assign(wage=data["monthly_wage_vnd"].astype(float))
        return [_did_pieces(frame, outcome="wage")["did"]]

    mistakes: Mistakes = {
        "this is a before/after comparison of the exposed group only; subtract the change of "
        "the comparison group, which shows what would have happened anyway.": lambda: [
            right["before_after"]
        ],
        "this compares exposed and comparison employees AFTER the rise only (with/without): "
        "the gap mostly shows that they were paid differently before.": lambda: [
            right["with_without"]
        ],
        "this is the change of the comparison group; the DiD is the exposed group's change "
        "MINUS the comparison group's change.": lambda: [right["comparison_change"]],
        "the order is reversed: (exposed after − exposed before) − (comparison after − "
        "comparison before).": lambda: [-right["did"]],
        "the survey weights seem to be ignored; use weighted means.": lambda: [
            _did_pieces(data, weighted=False)["did"]
        ],
        "the exposed group is drawn at the new minimum itself. Workers lifted onto the new "
        "minimum and those just above it (spillover) then sit in the comparison group: draw "
        "the line at 1.1 × the new minimum.": lambda: [_did_pieces(wrong_line)["did"]],
        "the means should be of log wages (np.log), not of wages in VND.": in_vnd,
    }
    return _check_value(
        answer,
        right["did"],
        mistakes,
        tolerance=TOLERANCE_3,
        fallback="compute four weighted means of log_wage (exposed/comparison × before/after), "
        "then (exposed after − before) − (comparison after − before).",
        percent_hint=True,
    )


def check_did_se(answer: object, workers: pd.DataFrame, rise: str) -> Feedback:
    """Check the standard error of the DiD, clustered by PSU (3 decimals)."""
    impact = _impact()

    def se(**options) -> float:
        return float(impact.did_regression(workers, rise, **options).se)

    mistakes: Mistakes = {
        "this is the plain standard error, which assumes every employee is drawn alone and "
        "every group has the same spread. Cluster by `psu` (cov_type='cluster').": lambda: [
            se(covariance="plain")
        ],
        "this standard error is robust but not clustered; employees of one enumeration area "
        "(`psu`) resemble each other: cluster by `psu`.": lambda: [se(covariance="robust")],
        "the survey weights seem to be left out; use weighted least squares (smf.wls with "
        "weights=data['weight']).": lambda: [se(weight=None)],
        "cluster by `psu` (the enumeration area of one survey round), not by `stratum`.": lambda: [
            se(cluster="stratum")
        ],
    }
    return _check_value(
        answer,
        se(),
        mistakes,
        tolerance=TOLERANCE_3,
        fallback="take the standard error of the exposed:post coefficient from "
        "result.bse, with weights and standard errors clustered by psu.",
    )


# ------------------------------------------------------------------------------ Exercise 5.2
def check_exposed_count(
    answer: object, workers: pd.DataFrame, province: str, rise: str
) -> Feedback:
    """Check the number of exposed employees interviewed in ``province`` in the rise quarter."""
    impact = _impact()
    employees = impact.employees_with_wages(workers)
    here = employees[employees["province"] == province]
    if here.empty:
        raise ValueError(f"no employees of province {province!r} in the data")
    after = _quarter(here, rise, 0)
    expected = float(impact.exposed(after, rise).sum())
    mistakes: Mistakes = {
        "count interviewed people (rows), not weighted people: this is about the sample.": lambda: [
            float(after.loc[impact.exposed(after, rise).to_numpy(), "weight"].sum())
        ],
        "this is the count for all three provinces; keep your province.": lambda: [
            float(impact.exposed(_quarter(employees, rise, 0), rise).sum())
        ],
        "this is the quarter before the rise; count in the quarter of the rise (k = 0).": lambda: [
            float(impact.exposed(_quarter(here, rise, impact.REFERENCE), rise).sum())
        ],
        "the line is 1.1 × the new minimum, not the new minimum.": lambda: [
            float(impact.exposed(after, rise, band=0.0).sum())
        ],
    }
    if is_placeholder(answer):
        return Feedback(NOT_ATTEMPTED, NOT_ATTEMPTED_TEXT)
    value = as_number(answer)
    if isinstance(value, str):
        return Feedback(NOT_YET, f"Not yet: {value}.")
    if value == expected:
        return Feedback(CORRECT, "Correct! ✔")
    for hint, compute in mistakes.items():
        if any(abs(value - c) <= 1 for c in compute()):
            return Feedback(NOT_YET, f"Not yet: {hint}")
    return Feedback(
        NOT_YET,
        "Not yet: count the employees (rows) of your province in the rise quarter whose wage is "
        "below 1.1 × the new minimum of their region.",
    )


def _event_coefficients(workers: pd.DataFrame, rise: str, weighted: bool = True) -> pd.Series:
    """Return the event-study coefficients by hand: gap by quarter minus the gap at k = −1."""
    impact = _impact()
    return impact.event_coefficients(workers, rise, weight="weight" if weighted else None)


def check_event_coefficients(answer: object, workers: pd.DataFrame, rise: str) -> Feedback:
    """Check the event-study coefficients computed by hand (a Series indexed by k, 3 decimals)."""
    if is_placeholder(answer):
        return Feedback(NOT_ATTEMPTED, NOT_ATTEMPTED_TEXT)
    impact = _impact()
    expected = _event_coefficients(workers, rise)
    if not isinstance(answer, pd.Series):
        return Feedback(
            NOT_YET, "Not yet: give a Series of coefficients indexed by the quarter k (−8 … 3)."
        )
    try:
        given = answer.copy()
        given.index = [int(i) for i in given.index]
        given = given.astype(float)
    except (TypeError, ValueError):
        return Feedback(NOT_YET, "Not yet: the index should be the quarters k, the values numbers.")
    if sorted(given.index) != sorted(expected.index):
        low, high = impact.WINDOW
        return Feedback(
            NOT_YET,
            f"Not yet: give one coefficient for every quarter k from {low} to {high} (the "
            "reference quarter −1 included, where it is 0).",
        )
    given = given.reindex(expected.index)

    def matches(candidate: pd.Series) -> bool:
        return bool((given - candidate).abs().le(TOLERANCE_3).all())

    if matches(expected):
        return Feedback(CORRECT, "Correct! ✔")
    gap = expected + 0.0  # copy
    raw = _gap_by_quarter_raw(workers, rise)
    mistakes: list[tuple[str, pd.Series]] = [
        (
            "these are the gaps themselves; subtract the gap of the reference quarter k = −1 "
            "so that it becomes 0.",
            raw,
        ),
        ("the sign is reversed: exposed minus comparison.", -gap),
        ("the survey weights seem to be ignored.", _event_coefficients(workers, rise, False)),
        (
            "the reference quarter is the last one before the rise (k = −1), not the first "
            "of the window.",
            raw - raw[impact.WINDOW[0]],
        ),
    ]
    for hint, candidate in mistakes:
        if matches(candidate):
            return Feedback(NOT_YET, f"Not yet: {hint}")
    wrong = int((given - expected).abs().gt(TOLERANCE_3).sum())
    return Feedback(
        NOT_YET,
        f"Not yet: {wrong} of the {len(expected)} coefficients differ. For each quarter: "
        "weighted mean log wage of the exposed − of the comparison group, minus that gap "
        "in quarter −1.",
    )


def _gap_by_quarter_raw(workers: pd.DataFrame, rise: str) -> pd.Series:
    """Return the exposed − comparison gap by quarter, not yet relative to quarter −1."""
    impact = _impact()
    data = impact.impact_frame(workers, rise)
    flag = data["exposed"] == 1

    def mean(rows: pd.DataFrame) -> pd.Series:
        return (rows["log_wage"] * rows["weight"]).groupby(rows["k"]).sum() / rows.groupby("k")[
            "weight"
        ].sum()

    return mean(data[flag]) - mean(data[~flag])


def _line_at_zero(k: list[int], beta: np.ndarray) -> tuple[float, float]:
    """Return (intercept, slope) of the least-squares line through (k, β)."""
    slope, intercept = np.polyfit(np.asarray(k, dtype=float), beta, 1)
    return float(intercept), float(slope)


def _pre(workers: pd.DataFrame, rise: str, weighted: bool = True) -> tuple[list[int], np.ndarray]:
    beta = _event_coefficients(workers, rise, weighted)
    pre = [k for k in beta.index if k < 0]
    return pre, beta[pre].to_numpy()


def check_pretrend_slope(answer: object, workers: pd.DataFrame, rise: str) -> Feedback:
    """Check the slope of the line through the pre-rise coefficients (per quarter, 4 decimals)."""
    impact = _impact()
    pre, beta = _pre(workers, rise)
    _, slope = _line_at_zero(pre, beta)
    full = _event_coefficients(workers, rise)
    without = [k for k in pre if k != impact.REFERENCE]
    mistakes: Mistakes = {
        "include the reference quarter k = −1 (its coefficient is 0) in the line.": lambda: [
            _line_at_zero(without, full[without].to_numpy())[1]
        ],
        "fit the line through the quarters BEFORE the rise only (k < 0).": lambda: [
            _line_at_zero(list(full.index), full.to_numpy())[1]
        ],
        "the sign is reversed.": lambda: [-slope],
        "the survey weights seem to be ignored in the coefficients.": lambda: [
            _line_at_zero(*_pre(workers, rise, weighted=False))[1]
        ],
    }
    return _check_value(
        answer,
        slope,
        mistakes,
        tolerance=TOLERANCE_4,
        fallback="fit np.polyfit(k, coefficient, 1) on the quarters k = −8 … −1 and take the "
        "first number (the slope).",
    )


def check_trend_adjusted(answer: object, workers: pd.DataFrame, rise: str) -> Feedback:
    """Check the rise-quarter coefficient net of the pre-rise linear trend (3 decimals)."""
    impact = _impact()
    pre, beta = _pre(workers, rise)
    intercept, slope = _line_at_zero(pre, beta)
    full = _event_coefficients(workers, rise)
    beta0 = float(full[0])
    without = [k for k in pre if k != impact.REFERENCE]
    mistakes: Mistakes = {
        "this is the coefficient of quarter 0 itself; subtract the value of the pre-rise line "
        "at k = 0 (what the trend alone would give).": lambda: [beta0],
        "subtract the line's value at k = 0, do not add it.": lambda: [beta0 + intercept],
        "include the reference quarter (k = −1, coefficient 0) in the line.": lambda: [
            beta0 - _line_at_zero(without, full[without].to_numpy())[0]
        ],
    }
    return _check_value(
        answer,
        beta0 - intercept,
        mistakes,
        tolerance=TOLERANCE_TREND,
        fallback="coefficient at k = 0 minus (intercept + slope × 0) of the line through the "
        "pre-rise coefficients.",
        percent_hint=True,
    )


# ------------------------------------------------------------------------------ Exercise 5.3
def _planning(workers: pd.DataFrame, province: str, year: int):
    impact = _impact()
    employees = impact.employees_with_wages(workers)
    here = employees[(employees["province"] == province) & (employees["year"] == year)]
    if here.empty:
        raise ValueError(f"no employees of province {province!r} in {year}")
    return impact, employees, here


def check_icc(answer: object, workers: pd.DataFrame, province: str, year: int) -> Feedback:
    """Check the intra-cluster correlation of log wages within PSUs (3 decimals)."""
    impact, employees, here = _planning(workers, province, year)
    expected = impact.intracluster_correlation(here["log_wage"], here["psu"])

    def simple_mean_size() -> list[float]:
        y = here["log_wage"].to_numpy()
        codes = pd.factorize(here["psu"])[0]
        size = np.bincount(codes).astype(float)
        k, n = len(size), len(y)
        means = np.bincount(codes, weights=y) / size
        msb = (size * (means - y.mean()) ** 2).sum() / (k - 1)
        msw = ((y - means[codes]) ** 2).sum() / (n - k)
        return [float((msb - msw) / (msb + (n / k - 1) * msw))]

    if is_placeholder(answer):
        return Feedback(NOT_ATTEMPTED, NOT_ATTEMPTED_TEXT)
    value = as_number(answer)
    if isinstance(value, str):
        return Feedback(NOT_YET, f"Not yet: {value}.")
    if abs(value - expected) <= TOLERANCE_3:
        return Feedback(CORRECT, "Correct! ✔")
    if any(abs(value - c) <= TOLERANCE_3 for c in simple_mean_size()):
        return Feedback(
            CORRECT, "Correct! ✔ (with the mean cluster size for n₀, which is close here)"
        )
    year_all = employees[employees["year"] == year]
    mistakes: Mistakes = {
        "use the log of the wage (`log_wage`), not the wage in VND: the evaluation compares "
        "log wages.": lambda: [
            impact.intracluster_correlation(here["monthly_wage_vnd"].astype(float), here["psu"])
        ],
        "keep your province only.": lambda: [
            impact.intracluster_correlation(year_all["log_wage"], year_all["psu"])
        ],
        "the clusters are the enumeration areas (`psu`), not the strata.": lambda: [
            impact.intracluster_correlation(here["log_wage"], here["stratum"])
        ],
    }
    return _check_value(
        answer,
        expected,
        mistakes,
        tolerance=TOLERANCE_3,
        fallback="ρ = (MSB − MSW) / (MSB + (n₀ − 1) × MSW) on log wages, PSUs as clusters.",
    )


def check_design_effect(
    answer: object, workers: pd.DataFrame, province: str, year: int
) -> Feedback:
    """Check the design effect 1 + (m − 1)ρ of your province's employees (2 decimals)."""
    impact, _, here = _planning(workers, province, year)
    rho = impact.intracluster_correlation(here["log_wage"], here["psu"])
    m = len(here) / here["psu"].nunique()
    expected = impact.design_effect(rho, m)
    mistakes: Mistakes = {
        "m is the number of employees per cluster (per PSU), not the whole sample.": lambda: [
            1 + (len(here) - 1) * rho,
            1 + (len(here) / here["quarter"].nunique() - 1) * rho,
        ],
        "the formula is 1 + (m − 1) × ρ: you used m instead of m − 1.": lambda: [1 + m * rho],
        "the design effect is 1 + (m − 1) × ρ, so it is at least 1: add the 1.": lambda: [
            (m - 1) * rho,
            m * rho,
        ],
    }
    return _check_value(
        answer,
        expected,
        mistakes,
        tolerance=TOLERANCE_2,
        fallback="deff = 1 + (m − 1) × ρ with m = employees ÷ PSUs in your province's data.",
    )


def _inputs(workers: pd.DataFrame, province: str, year: int):
    impact = _impact()
    return impact, impact.planning_inputs(workers, impact.next_rise(year), year, province)


def check_mde(
    answer: object,
    workers: pd.DataFrame,
    province: str,
    year: int,
    alpha: float = 0.05,
    power: float = 0.80,
) -> Feedback:
    """Check the minimum detectable effect of a DiD, one quarter before and one after (3 dec.)."""
    impact, inputs = _inputs(workers, province, year)
    se1 = impact.did_standard_error(
        inputs.sd_exposed,
        inputs.sd_comparison,
        inputs.exposed_per_quarter,
        inputs.comparison_per_quarter,
    )
    deff = inputs.deff
    m = impact.z_multiplier(alpha, power)
    expected = m * math.sqrt(deff) * se1
    one_period = math.sqrt(
        inputs.sd_exposed**2 / inputs.exposed_per_quarter
        + inputs.sd_comparison**2 / inputs.comparison_per_quarter
    )
    mistakes: Mistakes = {
        "the design effect is missing: multiply the variance by deff (the SE by √deff).": lambda: [
            m * se1
        ],
        "deff multiplies the VARIANCE, so the standard error is multiplied by √deff, not by "
        "deff.": lambda: [m * deff * se1],
        "the test is two-sided: use z(1 − α/2) (1.96 for 5%), not z(1 − α).": lambda: [
            impact.z_multiplier(alpha, power, two_sided=False) * math.sqrt(deff) * se1
        ],
        "power is missing: the MDE uses z(1 − α/2) + z(power), about 1.96 + 0.84 for 5% and "
        "80%.": lambda: [_z(1 - alpha / 2) * math.sqrt(deff) * se1],
        "each group is measured twice (the quarter before AND the quarter after): 1/n for each "
        "period, so 2/n when they are the same size.": lambda: [m * math.sqrt(deff) * one_period],
    }
    return _check_value(
        answer,
        expected,
        mistakes,
        tolerance=TOLERANCE_3,
        fallback="MDE = (z(1 − α/2) + z(power)) × √deff × √(σ_E²·2/n_E + σ_C²·2/n_C).",
        percent_hint=True,
    )


def _z(probability: float) -> float:
    """Return the standard normal quantile (for the hints)."""
    from scipy import stats

    return float(stats.norm.ppf(probability))


def check_employees_needed(
    answer: object,
    workers: pd.DataFrame,
    province: str,
    year: int,
    target_effect: float,
    alpha: float = 0.05,
    power: float = 0.80,
) -> Feedback:
    """Check the employees per quarter needed to detect ``target_effect`` (±1 employee)."""
    impact, inputs = _inputs(workers, province, year)

    def needed(deff: float = inputs.deff, factor: float = 2.0) -> float:
        n = impact.employees_needed(
            target_effect,
            inputs.sd_exposed,
            inputs.sd_comparison,
            inputs.share_exposed,
            deff,
            alpha,
            power,
        )
        return float(n) * factor / 2.0

    expected = needed()
    if is_placeholder(answer):
        return Feedback(NOT_ATTEMPTED, NOT_ATTEMPTED_TEXT)
    value = as_number(answer)
    if isinstance(value, str):
        return Feedback(NOT_YET, f"Not yet: {value}.")
    if abs(value - expected) <= 1:
        if not float(value).is_integer():
            return Feedback(NOT_YET, "Nearly: round UP to a whole number of employees.")
        return Feedback(CORRECT, "Correct! ✔")
    exact = expected  # rounded up already
    mistakes: Mistakes = {
        "the design effect is missing: multiply the simple-random-sampling size by deff.": lambda: [
            needed(deff=1.0)
        ],
        "each group is measured in two quarters: the variance has 2/n per group, so N has a "
        "factor 2.": lambda: [needed(factor=1.0), needed(factor=4.0)],
        "this is the number of EXPOSED employees; the survey interviews all employees, of whom "
        "only a share is exposed.": lambda: [exact * inputs.share_exposed],
    }
    return _check_value(
        answer,
        expected,
        mistakes,
        tolerance=1.0,
        fallback="N = M² × deff × 2 × (σ_E²/s + σ_C²/(1 − s)) ÷ effect², rounded up.",
    )
