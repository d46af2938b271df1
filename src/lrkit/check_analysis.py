"""Checks for the exercises of Module 4 (analysing IR data).

Like :mod:`lrkit.check`, every check computes the expected answer from the data and the
notebook's parameters when it runs (nothing is stored), never shows it, and, when an answer
is wrong, compares it with what the usual mistakes give: weights ignored, standard errors
not clustered or computed as if persons were drawn one by one, the covariance of two domains
ignored, no adjustment for multiple comparisons, the wrong exposure in a count model, a
coefficient read as a ratio without exp(). The results of the usual mistakes are computed
only when an answer is wrong.

The checks of Module 4 exercises:

* 4.1 (``04a-density-comparisons``): :func:`check_rate_and_se`, :func:`check_difference_ci`,
  :func:`check_real_differences`, :func:`check_false_positives`;
* 4.2 (``04b-union-wage-premium``): :func:`check_raw_gap`, :func:`check_wage_model`,
  :func:`check_premium_pct`, :func:`check_median_premium`, :func:`check_truth_in_ci`;
* 4.3 (``04c-strike-model``): :func:`check_crude_rate_ratio`, :func:`check_rate_ratio`,
  :func:`check_agreement_ratio`, :func:`check_prediction`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import pandas as pd

from lrkit import analysis
from lrkit.check import (
    CORRECT,
    NOT_YET,
    Feedback,
    as_float,
    check_number,
    is_placeholder,
    not_attempted,
)

Candidates = Callable[[], Iterable[float]]


def _check_value(
    answer: object,
    expected: float,
    mistakes: list[tuple[str, Candidates]],
    *,
    tolerance: float,
    relative: bool = False,
    what: str = "a single number",
    otherwise: str = "Not yet: check each step against the question.",
) -> Feedback:
    """Compare a numeric answer with ``expected`` within ``tolerance`` and name a mistake.

    ``relative`` makes the tolerance a fraction of ``expected`` (for ratios). ``mistakes``
    are (hint, function returning the values that mistake gives), tried in order.
    """
    if is_placeholder(answer):
        return not_attempted()
    value = as_float(answer)
    if value is None:
        return Feedback(NOT_YET, f"Not yet: the answer should be {what}, got {answer!r}.")
    limit = tolerance * abs(expected) if relative else tolerance

    def close(candidate: float) -> bool:
        return math.isfinite(candidate) and abs(value - candidate) <= limit

    if close(expected):
        return Feedback(CORRECT, "Correct! ✔")
    for hint, compute in mistakes:
        try:
            candidates = list(compute())
        except (ValueError, np.linalg.LinAlgError, RuntimeError):
            continue
        if any(close(float(c)) for c in candidates):
            return Feedback(NOT_YET, f"Not yet: {hint}")
    return Feedback(NOT_YET, otherwise)


# ---------------------------------------------------------------------------- exercise 4.1
def _scope(workers: pd.DataFrame, province: str, year: int) -> pd.Series:
    where = (workers["province"] == province) & (workers["year"] == year)
    if not where.any():
        raise ValueError(f"no records for province {province!r} in year {year}")
    return where


def _ownership_table(workers: pd.DataFrame, where: pd.Series, **options: Any) -> pd.DataFrame:
    data = analysis.label_missing(workers.loc[where], ["employer_ownership"])
    table = analysis.rate_estimates(data, "employer_ownership", **options)
    return table.set_index("employer_ownership")


def check_rate_and_se(
    answer_rate: object,
    answer_se: object,
    workers: pd.DataFrame,
    province: str,
    year: int,
    ownership: str = "foreign_invested",
) -> Feedback:
    """Check union density (%) and its standard error for employees of one ownership type.

    The rate is right within 0.05 percentage points (as :func:`lrkit.check.check_number`);
    the standard error within 0.02 points or 1%. The SE must come from the design with the
    rounds as strata (:data:`lrkit.analysis.WORKER_STRATA`); the hints name the usual ways
    to get it wrong: the simple-random-sampling formula, the stratum without the round, the
    domain cut out of the data before the design, a share instead of a percentage.
    """
    if is_placeholder(answer_rate) or is_placeholder(answer_se):
        return not_attempted()
    where = _scope(workers, province, year)
    table = _ownership_table(workers, where)
    if ownership not in table.index:
        raise ValueError(f"no {ownership!r} employees in {province}, {year}")
    row = table.loc[ownership]
    here = workers.loc[where]
    domain = here[(here["status"] == "employee") & (here["employer_ownership"] == ownership)]

    def other_years() -> list[float]:
        out = []
        for y in sorted(set(workers["year"]) - {year}):
            other = _ownership_table(workers, _scope(workers, province, y))
            if ownership in other.index:
                out.append(float(other.loc[ownership, "rate"]))
        return out

    rate_feedback = check_number(
        answer_rate,
        float(row["rate"]),
        {
            "the survey weights seem to be ignored; each person stands for `weight` people.": (
                lambda: [100 * float(domain["union_member"].mean())]
            ),
            "this looks like the rate of another year; keep the notebook's `year`.": other_years,
        },
    )
    if not rate_feedback:
        message = rate_feedback.message.replace("Not yet:", "Not yet (the rate):", 1)
        return Feedback(rate_feedback.status, message)
    se = float(row["se"])

    def srs() -> list[float]:
        p = float(row["rate"]) / 100
        q = float(domain["union_member"].mean())
        n = len(domain)
        return [100 * math.sqrt(p * (1 - p) / n), 100 * math.sqrt(q * (1 - q) / n)]

    def stratum_only() -> list[float]:
        other = _ownership_table(workers, where, strata="stratum")
        return [float(other.loc[ownership, "se"])]

    def cut_first() -> list[float]:
        from lrkit.ir_indicators import union_density_estimates

        cut = union_density_estimates(
            domain, strata=list(analysis.WORKER_STRATA), lonely_psu="certainty"
        )
        return [float(cut["se"].iloc[0])]

    mistakes = [
        (
            "the standard error should be in percentage points, like the rate (×100).",
            lambda: [se / 100],
        ),
        (
            "this is the coefficient of variation (cv_pct), not the standard error (se).",
            lambda: [float(row["cv_pct"])],
        ),
        (
            "this is the simple-random-sampling formula √(p(1−p)/n): it ignores the strata, "
            "the clusters (PSUs) and the weights. Use the design-based `se`.",
            srs,
        ),
        (
            "the records pool four quarterly rounds, each a sample of its own: give the "
            "rounds with the stratum, strata=WORKER_STRATA (year, quarter, stratum).",
            stratum_only,
        ),
        (
            "the domain (employees of this ownership) was cut out of the data before the "
            "design: PSUs without such employees drop out and the SE is wrong. Estimate by "
            "domain with by= instead.",
            cut_first,
        ),
    ]
    se_feedback = _check_value(
        answer_se,
        se,
        mistakes,
        tolerance=max(0.02, 0.01 * se),
        otherwise="Not yet: take the standard error from the `se` column of "
        "union_density_estimates with strata=WORKER_STRATA.",
    )
    if se_feedback:
        return Feedback(CORRECT, "Correct! ✔ Both the rate and its standard error are right.")
    message = se_feedback.message.replace("Not yet:", "Not yet (the rate is right ✔; its SE):", 1)
    return Feedback(se_feedback.status, message)


def _pair_row(workers: pd.DataFrame, where: pd.Series, a: str, b: str) -> pd.Series:
    table = analysis.rate_differences(workers, "employer_ownership", where=where, pairs=[(a, b)])
    return table.iloc[0]


def _two_numbers(answer: object) -> tuple[float, float] | str:
    if isinstance(answer, pd.Series | np.ndarray | list | tuple):
        values = list(np.asarray(answer, dtype="object").reshape(-1))
        if len(values) == 2:
            numbers = [as_float(v) for v in values]
            if all(n is not None for n in numbers):
                return numbers[0], numbers[1]  # type: ignore[return-value]
    return "the answer should be two numbers, (lower, upper)"


def check_difference_ci(
    answer_ci: object,
    workers: pd.DataFrame,
    province: str,
    year: int,
    group_a: str = "foreign_invested",
    group_b: str = "state",
) -> Feedback:
    """Check the 95% confidence interval (lower, upper) of rate(a) − rate(b), in points.

    Right when both bounds are within 0.06 percentage points of those of
    :func:`lrkit.analysis.rate_differences` (which subtracts the linearised scores, so the
    covariance of the two domains is in the standard error, and uses Student's t with the
    design's degrees of freedom).
    """
    if is_placeholder(answer_ci):
        return not_attempted()
    given = _two_numbers(answer_ci)
    if isinstance(given, str):
        return Feedback(NOT_YET, f"Not yet: {given}, got {answer_ci!r}.")
    lower, upper = sorted(given)
    where = _scope(workers, province, year)
    row = _pair_row(workers, where, group_a, group_b)
    tolerance = 0.06

    def near(pair: tuple[float, float]) -> bool:
        return abs(lower - pair[0]) <= tolerance and abs(upper - pair[1]) <= tolerance

    expected = (float(row["ci_lower"]), float(row["ci_upper"]))
    if near(expected):
        verdict = "does not contain 0" if expected[0] > 0 or expected[1] < 0 else "contains 0"
        return Feedback(CORRECT, f"Correct! ✔ The interval {verdict}.")
    d, se = float(row["difference"]), float(row["se"])
    table = _ownership_table(workers, where).reindex([group_a, group_b])
    t = (expected[1] - d) / se
    naive = math.sqrt(float(table["se"].pow(2).sum()))
    mistakes: list[tuple[str, tuple[float, float]]] = [
        (
            f"this is the interval of {group_b} minus {group_a}; the question asks for "
            f"{group_a} minus {group_b}.",
            (-expected[1], -expected[0]),
        ),
        (
            "Nearly: the kit's intervals use Student's t with the design's degrees of freedom "
            "(the `df` column), not 1.96.",
            (d - 1.96 * se, d + 1.96 * se),
        ),
        (
            "the standard error √(se_a² + se_b²) treats the two rates as independent, but "
            "employees of both kinds live in the same PSUs; use the `se` of "
            "rate_differences, which accounts for their covariance.",
            (d - t * naive, d + t * naive),
        ),
    ]
    for hint, pair in mistakes:
        if near(pair):
            prefix = "" if hint.startswith("Nearly") else "Not yet: "
            return Feedback(NOT_YET, prefix + hint)
    for name in (group_a, group_b):
        if name in table.index and near((table.loc[name, "ci_lower"], table.loc[name, "ci_upper"])):
            return Feedback(
                NOT_YET,
                "Not yet: this is the interval of one rate, not of the difference between them.",
            )
    return Feedback(
        NOT_YET,
        "Not yet: take ci_lower and ci_upper of the row of rate_differences for this pair, "
        "restricted to your province and year with where=.",
    )


def _pair_set(answer: object) -> set[frozenset[str]] | str:
    if isinstance(answer, pd.DataFrame):
        if {"group_a", "group_b"} <= set(answer.columns):
            answer = list(zip(answer["group_a"], answer["group_b"], strict=True))
        else:
            return "a table of pairs needs the columns group_a and group_b"
    if isinstance(answer, str) or not hasattr(answer, "__iter__"):
        return "give a list of pairs, e.g. [('garment', 'trade')], or [] for none"
    pairs = set()
    for item in answer:  # type: ignore[union-attr]
        if isinstance(item, str) or not hasattr(item, "__iter__") or len(list(item)) != 2:
            return "each pair should be two group names, e.g. ('garment', 'trade')"
        pairs.add(frozenset(str(v) for v in item))
    return pairs


def _sector_tests(workers: pd.DataFrame, year: int, by: str, adjust: str | None) -> pd.DataFrame:
    where = workers["year"] == year
    if not where.any():
        raise ValueError(f"no records in year {year}")
    return analysis.rate_differences(workers, by, where=where, adjust=adjust)


def check_real_differences(
    answer_pairs: object, workers: pd.DataFrame, year: int, by: str = "sector"
) -> Feedback:
    """Check which pairs of ``by`` groups differ in union density after a Holm adjustment.

    The answer is a list of pairs (any order within a pair; ``[]`` for none) or a table with
    ``group_a`` and ``group_b``. Right when it is exactly the pairs that
    :func:`lrkit.analysis.rate_differences` (all three pilot provinces, the notebook's
    year) finds significant after Holm's adjustment. A set equal to the unadjusted one
    gets the multiple-comparisons hint; counts are given, never the pairs.
    """
    if is_placeholder(answer_pairs):
        return not_attempted()
    given = _pair_set(answer_pairs)
    if isinstance(given, str):
        return Feedback(NOT_YET, f"Not yet: {given}.")
    holm = _sector_tests(workers, year, by, "holm")
    names = {str(v) for v in pd.concat([holm["group_a"], holm["group_b"]])}
    unknown = sorted({v for pair in given for v in pair} - names)
    if unknown:
        return Feedback(NOT_YET, f"Not yet: {unknown} are not values of {by!r}: {sorted(names)}.")

    def pairs(table: pd.DataFrame, column: str = "significant") -> set[frozenset[str]]:
        rows = table[table[column]]
        return {
            frozenset((str(a), str(b)))
            for a, b in zip(rows["group_a"], rows["group_b"], strict=True)
        }

    expected = pairs(holm)
    if given == expected:
        how_many = f"{len(expected)} pair(s) differ" if expected else "no pair differs"
        return Feedback(
            CORRECT, f"Correct! ✔ After adjusting for {len(holm)} comparisons, {how_many}."
        )
    unadjusted = {
        frozenset((str(a), str(b)))
        for a, b, p in zip(holm["group_a"], holm["group_b"], holm["p_value"], strict=True)
        if p < 0.05
    }
    if given == unadjusted:
        return Feedback(
            NOT_YET,
            f"Not yet: these are the pairs with an unadjusted p-value below 0.05. With "
            f"{len(holm)} tests, some come out 'significant' by chance alone: use the "
            "Holm-adjusted p-values (p_adjusted).",
        )
    other_years = [
        y
        for y in sorted(set(workers["year"]) - {year})
        if given == pairs(_sector_tests(workers, y, by, "holm")) and given
    ]
    if other_years:
        return Feedback(NOT_YET, "Not yet: these are the pairs of another year; filter on `year`.")
    missed, extra = expected - given, given - expected
    parts = []
    if missed:
        parts.append(f"{len(missed)} pair(s) that differ after the adjustment are missing")
    if extra:
        parts.append(f"{len(extra)} pair(s) in your answer do not differ after the adjustment")
    return Feedback(NOT_YET, "Not yet: " + "; ".join(parts) + ".")


def check_false_positives(
    answer: object, workers: pd.DataFrame, year: int, by: str = "sector", alpha: float = 0.05
) -> Feedback:
    """Check the expected number of 'significant' pairs if no group truly differed.

    With ``k`` groups of employees in the year there are ``m = k(k−1)/2`` tests; each has
    probability ``alpha`` of a false positive, so ``m × alpha`` are expected. Right within
    0.05.
    """
    employees = workers[(workers["year"] == year) & (workers["status"] == "employee")]
    k = employees[by].nunique()
    m = k * (k - 1) // 2
    return _check_value(
        answer,
        m * alpha,
        [
            (
                "this is the probability of at least one false positive, 1 − 0.95^m; the "
                "question asks how many to expect: m × 0.05.",
                lambda: [1 - (1 - alpha) ** m],
            ),
            ("count the pairs of groups: k(k−1)/2, not k.", lambda: [k * alpha]),
            ("count each pair once: k(k−1)/2, not k(k−1).", lambda: [k * (k - 1) * alpha]),
            ("this is the number of tests; multiply by the 5% level.", lambda: [m]),
        ],
        tolerance=0.05,
        otherwise="Not yet: count the comparisons m (pairs of groups), then multiply by 0.05.",
    )


# ---------------------------------------------------------------------------- exercise 4.2
_FITS: list[tuple[tuple[Any, ...], tuple[Any, ...], Any]] = []


def _cached(frames: tuple[Any, ...], key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
    """Return ``compute()``, kept while the same data frames (by identity) are checked.

    Checks are called twice per question (the check cell and the hidden check) and several
    need the same fitted model; the frames are held, so their identity cannot be reused.
    """
    for held, held_key, value in _FITS:
        if (
            held_key == key
            and len(held) == len(frames)
            and all(a is b for a, b in zip(held, frames, strict=True))
        ):
            return value
    value = compute()
    _FITS.append((frames, key, value))
    del _FITS[:-24]
    return value


def _wage_scope(workers: pd.DataFrame, province: str, year: int) -> pd.DataFrame:
    where = (workers["province"] == province) & (workers["year"] <= year)
    if not where.any():
        raise ValueError(f"no records for province {province!r} up to {year}")
    return analysis.wage_data(workers, where)


def _fit(workers: pd.DataFrame, province: str, year: int, name: str) -> Any:
    """Return a fitted wage model of the scope, fitted once per frame, scope and name."""
    data = _wage_scope(workers, province, year)
    raw = analysis.WAGE_FORMULA.split("~")[0] + "~ union_member"
    no_selection = analysis.WAGE_FORMULA.replace(" + C(employer_ownership)", "").replace(
        " + formal", ""
    )
    fits: dict[str, Callable[[], Any]] = {
        "ols": lambda: analysis.fit_wage_model(data),
        "median": lambda: analysis.fit_wage_model(data, method="median"),
        "raw": lambda: analysis.fit_wage_model(data, raw, cluster=None),
        "raw_weighted": lambda: analysis.fit_wage_model(data, raw, "wls", cluster=None),
        "no_selection": lambda: analysis.fit_wage_model(data, no_selection, cluster=None),
    }
    return _cached((workers,), ("wage", province, year, name), fits[name])


def _member(results: Any) -> float:
    return float(results.params[analysis.MEMBER_TERM])


def check_raw_gap(answer: object, workers: pd.DataFrame, province: str, year: int) -> Feedback:
    """Check the raw union wage gap: OLS of log wage on membership alone (log points).

    Right within 0.001. Hints: weights used, wages not in logs, exp() taken, percent.
    """
    expected = _member(_fit(workers, province, year, "raw"))
    data = _wage_scope(workers, province, year)
    members = data["union_member"]
    return _check_value(
        answer,
        expected,
        [
            (
                "a coefficient in log points is a small number (0.10 ≈ 10%); give it as it "
                "comes out of the model, not multiplied by 100.",
                lambda: [100 * expected, 100 * math.expm1(expected)],
            ),
            (
                "this is exp(coefficient) − 1; the question asks for the coefficient itself.",
                lambda: [math.expm1(expected), math.exp(expected)],
            ),
            (
                "regress the *log* of the wage (`log_wage`), so the coefficient is a "
                "proportional difference.",
                lambda: [
                    float(
                        data.loc[members, "monthly_wage_vnd"].mean()
                        - data.loc[~members, "monthly_wage_vnd"].mean()
                    )
                ],
            ),
            (
                "the question asks for ordinary (unweighted) least squares here.",
                lambda: [_member(_fit(workers, province, year, "raw_weighted"))],
            ),
            (
                "keep the employees of your province, in the rounds up to the notebook's "
                "`year` (`employees` already holds them).",
                lambda: [
                    _member(
                        analysis.fit_wage_model(
                            analysis.wage_data(workers),
                            analysis.WAGE_FORMULA.split("~")[0] + "~ union_member",
                            cluster=None,
                        )
                    )
                ],
            ),
        ],
        tolerance=0.001,
        otherwise="Not yet: fit smf.ols('log_wage ~ union_member', data=employees) and take "
        "the coefficient of union_member.",
    )


def check_wage_model(model: object, workers: pd.DataFrame, province: str, year: int) -> Feedback:
    """Check a fitted wage model: the premium with the controls, SEs clustered by PSU.

    ``model`` is the result of ``smf.ols(WAGE_FORMULA, employees).fit(...)``. Right when its
    union-member coefficient is within 0.0015 of the expected one, it has as many
    observations as the scope has employees with a wage, it is not weighted, and its
    standard errors are clustered by PSU. Each failure gets its own hint.
    """
    if is_placeholder(model):
        return not_attempted()
    params = getattr(model, "params", None)
    if not isinstance(params, pd.Series) or not hasattr(model, "bse"):
        return Feedback(
            NOT_YET,
            "Not yet: `model_ols` should be the fitted model, the result of "
            "smf.ols(...).fit(...), not a number or a table.",
        )
    term = next((t for t in (analysis.MEMBER_TERM, "union_member") if t in params.index), None)
    if term is None:
        return Feedback(NOT_YET, "Not yet: the model has no union_member term; use WAGE_FORMULA.")
    data = _wage_scope(workers, province, year)
    inner = getattr(model, "model", None)
    endog = np.asarray(getattr(inner, "endog", []), dtype=float)
    if endog.size and float(np.nanmean(endog)) > 1000:
        return Feedback(NOT_YET, "Not yet: regress the log of the wage (`log_wage`), not the wage.")
    if int(model.nobs) != len(data):  # type: ignore[attr-defined]
        return Feedback(
            NOT_YET,
            f"Not yet: your model has {int(model.nobs):,} observations; fit it on the "  # type: ignore[attr-defined]
            "employees of your province in the rounds up to `year` (the frame `employees`).",
        )
    weights = np.asarray(getattr(inner, "weights", 1.0), dtype=float)
    if weights.size > 1 and not np.allclose(weights, weights.flat[0]):
        return Feedback(
            NOT_YET,
            "Not yet: this model is weighted (WLS); the question asks for OLS, smf.ols.",
        )
    b = float(params[term])
    expected = _member(_fit(workers, province, year, "ols"))
    if abs(b - expected) > 0.0015:
        if abs(b - _member(_fit(workers, province, year, "raw"))) <= 0.0015:
            hint = "the controls are missing: use the whole WAGE_FORMULA."
        elif abs(b - _member(_fit(workers, province, year, "no_selection"))) <= 0.0015:
            hint = (
                "the employer's ownership and the `formal` job are missing: members work more "
                "often in formal jobs and in state and foreign-invested firms, which pay more."
            )
        else:
            hint = "use exactly the formula WAGE_FORMULA given in the question."
        return Feedback(NOT_YET, f"Not yet: {hint}")
    cov_type = getattr(model, "cov_type", "nonrobust")
    if cov_type != "cluster":
        return Feedback(
            NOT_YET,
            f"Nearly: the coefficient is right, but the standard errors are {cov_type!r}, not "
            "clustered. Persons of one enumeration area are not independent: fit with "
            "cov_type='cluster', cov_kwds={'groups': employees['psu']}.",
        )
    groups = (getattr(model, "cov_kwds", None) or {}).get("groups")
    n_groups = len(np.unique(np.asarray(groups))) if groups is not None else 0
    if n_groups != data["psu"].nunique():
        if "household_id" in data.columns and n_groups == data["household_id"].nunique():
            return Feedback(
                NOT_YET,
                "Nearly: the standard errors are clustered by household; cluster by the "
                "primary sampling unit, `psu` (the enumeration area).",
            )
        return Feedback(
            NOT_YET,
            "Nearly: the standard errors are clustered, but not by `psu`; give "
            "cov_kwds={'groups': employees['psu']}.",
        )
    return Feedback(
        CORRECT, "Correct! ✔ The premium with its controls, and standard errors clustered by PSU."
    )


def check_premium_pct(answer: object, workers: pd.DataFrame, province: str, year: int) -> Feedback:
    """Check the premium in percent, 100 × (exp(b) − 1), of the OLS model with controls.

    Right within 0.05 percentage points. Hint when 100 × b is given (no exp()).
    """
    b = _member(_fit(workers, province, year, "ols"))
    return check_number(
        answer,
        100 * math.expm1(b),
        {
            "a log-point coefficient b means a wage exp(b) times as high: the premium in "
            "percent is 100 × (exp(b) − 1), not 100 × b.": lambda: [100 * b],
            "this is the premium of the raw gap, without the controls.": lambda: [
                100 * math.expm1(_member(_fit(workers, province, year, "raw")))
            ],
        },
    )


def check_median_premium(
    answer: object, workers: pd.DataFrame, province: str, year: int
) -> Feedback:
    """Check the union-member coefficient of the median regression with the controls.

    Right within 0.002 (the median regression's optimum is less sharp than OLS's).
    """
    expected = _member(_fit(workers, province, year, "median"))
    return _check_value(
        answer,
        expected,
        [
            (
                "this is the OLS coefficient; fit smf.quantreg(WAGE_FORMULA, employees)"
                ".fit(q=0.5) for the median.",
                lambda: [_member(_fit(workers, province, year, "ols"))],
            ),
            (
                "give the coefficient in log points, as the model gives it.",
                lambda: [100 * expected, 100 * math.expm1(expected)],
            ),
        ],
        tolerance=0.002,
        otherwise="Not yet: fit smf.quantreg(WAGE_FORMULA, employees).fit(q=0.5) and take "
        "the union_member coefficient.",
    )


def check_truth_in_ci(
    answer: object, workers: pd.DataFrame, province: str, year: int, truth: float
) -> Feedback:
    """Check a True/False answer to: does the OLS 95% interval contain ``truth``."""
    if is_placeholder(answer):
        return not_attempted()
    if not isinstance(answer, bool | np.bool_):
        return Feedback(NOT_YET, f"Not yet: answer True or False, got {answer!r}.")
    model = _fit(workers, province, year, "ols")
    lower, upper = model.conf_int().loc[analysis.MEMBER_TERM]
    expected = bool(lower <= truth <= upper)
    if bool(answer) == expected:
        return Feedback(CORRECT, "Correct! ✔")
    return Feedback(
        NOT_YET,
        "Not yet: compare the true premium (log points, from truth.json) with the interval "
        "of the coefficient (model_ols.conf_int()), both in log points.",
    )


# ---------------------------------------------------------------------------- exercise 4.3
def _panel(
    enterprises: pd.DataFrame, strikes: pd.DataFrame, agreements: pd.DataFrame, year: int
) -> pd.DataFrame:
    years = [y for y in sorted(set(strikes["year"])) if y <= year]
    if not years:
        raise ValueError(f"no strike records up to {year}")
    return _cached(
        (enterprises, strikes, agreements),
        ("panel", year),
        lambda: analysis.strike_panel(
            enterprises, strikes, agreements, range(min(years), year + 1)
        ),
    )


def _strike_fit(
    enterprises: pd.DataFrame,
    strikes: pd.DataFrame,
    agreements: pd.DataFrame,
    year: int,
    name: str,
) -> Any:
    """Return a fitted strike model of the panel, fitted once per frames, year and name."""

    def fit() -> Any:
        panel = _panel(enterprises, strikes, agreements, year)
        fits: dict[str, Callable[[], Any]] = {
            "poisson": lambda: analysis.fit_strike_model(panel, "poisson"),
            "negbin": lambda: analysis.fit_strike_model(panel, "negbin"),
            "logit": lambda: analysis.fit_strike_model(panel, "logit", cluster=None),
            "no_exposure": lambda: analysis.fit_strike_model(panel, exposure=None, cluster=None),
        }
        return fits[name]()

    return _cached((enterprises, strikes, agreements), ("strikes", year, name), fit)


def _term(results: Any, key: str) -> float:
    for term in results.params.index:
        if analysis.term_key(term) == key:
            return float(results.params[term])
    raise ValueError(f"no term {key!r} in the model")


def check_crude_rate_ratio(
    answer: object,
    enterprises: pd.DataFrame,
    strikes: pd.DataFrame,
    agreements: pd.DataFrame,
    year: int,
    level: str = "foreign_invested",
    reference: str = "domestic_private",
) -> Feedback:
    """Check the crude rate ratio of strikes per enterprise-year, ``level`` over ``reference``.

    (strikes ÷ exposure of the ``level`` enterprises) ÷ (the same for ``reference``), on
    the panel of :func:`lrkit.analysis.strike_panel`. Right within 1%. Hints: exposure
    ignored (a ratio of counts, or of strikes per row), the ratio upside down.
    """
    panel = _panel(enterprises, strikes, agreements, year)
    expected = analysis.raw_rate_ratio(panel, "ownership", level, reference)

    def per_row() -> list[float]:
        mean = panel.groupby("ownership", observed=True)["strikes"].mean()
        return [float(mean[level] / mean[reference])]

    def counts() -> list[float]:
        total = panel.groupby("ownership", observed=True)["strikes"].sum()
        return [float(total[level] / total[reference])]

    return _check_value(
        answer,
        expected,
        [
            (
                "the ratio is upside down: the rate of the first group over the second's.",
                lambda: [1 / expected],
            ),
            (
                "this divides by the number of rows, but a row stands for `exposure` "
                "enterprise-years (100 for a small enterprise of the workshop sample): divide "
                "the strikes by the sum of `exposure`.",
                per_row,
            ),
            (
                "this is a ratio of strike counts; the two groups have very different numbers "
                "of enterprise-years at risk: divide each count by its exposure.",
                counts,
            ),
        ],
        tolerance=0.01,
        relative=True,
        otherwise="Not yet: for each group, strikes.sum() ÷ exposure.sum(); then divide the "
        "first rate by the second.",
    )


def check_rate_ratio(
    answer: object,
    enterprises: pd.DataFrame,
    strikes: pd.DataFrame,
    agreements: pd.DataFrame,
    year: int,
    key: str = "foreign_invested",
    family: str = "poisson",
) -> Feedback:
    """Check an adjusted rate ratio of the strike model (``STRIKE_FORMULA``).

    ``key`` names the term (:func:`lrkit.analysis.term_key`: ``foreign_invested``,
    ``has_agreement``, ``garment`` …) and ``family`` the model ("poisson" or "negbin", with
    offset log(exposure)). Right within 1.5% (so a Poisson and a negative binomial ratio
    that agree to that are both accepted). Hints: the coefficient without exp(), the
    ratio upside down, no exposure, no controls, an odds ratio.
    """
    expected = math.exp(_term(_strike_fit(enterprises, strikes, agreements, year, family), key))
    panel = _panel(enterprises, strikes, agreements, year)
    mistakes: list[tuple[str, Candidates]] = [
        (
            "this is the coefficient, a difference in log rates: exp(coefficient) is the "
            "rate ratio.",
            lambda: [math.log(expected)],
        ),
        ("the ratio is upside down (1 / rate ratio).", lambda: [1 / expected]),
        (
            "the model has no exposure: each row stands for `exposure` enterprise-years, so "
            "give offset=np.log(panel['exposure']).",
            lambda: [
                math.exp(
                    _term(_strike_fit(enterprises, strikes, agreements, year, "no_exposure"), key)
                )
            ],
        ),
        (
            "this is the odds ratio of a logit for occurrence, not the rate ratio of a count "
            "model.",
            lambda: [
                math.exp(_term(_strike_fit(enterprises, strikes, agreements, year, "logit"), key))
            ],
        ),
    ]
    if key in ("foreign_invested", "state"):
        mistakes.append(
            (
                "this is the crude ratio, with no other variable held equal: put the whole "
                "STRIKE_FORMULA in the model.",
                lambda: [analysis.raw_rate_ratio(panel, "ownership", key, "domestic_private")],
            )
        )
    return _check_value(
        answer,
        expected,
        mistakes,
        tolerance=0.015,
        relative=True,
        otherwise="Not yet: fit the model with STRIKE_FORMULA and the offset, then take "
        "np.exp() of the coefficient.",
    )


def check_agreement_ratio(
    answer: object,
    enterprises: pd.DataFrame,
    strikes: pd.DataFrame,
    agreements: pd.DataFrame,
    year: int,
) -> Feedback:
    """Check the negative binomial rate ratio of an agreement in force (``agreement[T.True]``).

    :func:`check_rate_ratio` with ``key="has_agreement"`` and ``family="negbin"``.
    """
    return check_rate_ratio(
        answer, enterprises, strikes, agreements, year, "has_agreement", "negbin"
    )


def check_prediction(
    answer: object,
    enterprises: pd.DataFrame,
    strikes: pd.DataFrame,
    agreements: pd.DataFrame,
    province: str,
    year: int,
    employees: int = 1000,
) -> Feedback:
    """Check the Poisson model's expected strikes per year for one hypothetical enterprise.

    A foreign-invested garment enterprise with ``employees`` employees, no agreement in
    force, in ``province`` (South or not, as its former units are) in ``year``, for one
    enterprise-year of exposure. Right within 2%.
    """
    model = _strike_fit(enterprises, strikes, agreements, year, "poisson")
    panel = _panel(enterprises, strikes, agreements, year)
    south = panel.loc[panel["province"] == province, "south"]
    if south.empty:
        raise ValueError(f"no enterprise of {province!r} in the panel")

    def predict(**change: Any) -> float:
        row = {
            "ownership": "foreign_invested",
            "sector_group": "garment",
            "log_employees": math.log(employees),
            "agreement": False,
            "south": bool(south.mode().iloc[0]),
            "year": year,
        }
        row.update(change)
        return float(np.asarray(model.predict(pd.DataFrame([row]), offset=np.zeros(1)))[0])

    expected = predict()
    return _check_value(
        answer,
        expected,
        [
            (
                "this is for an exposure of 100 enterprise-years; predict for one enterprise "
                "in one year (offset 0).",
                lambda: [100 * expected],
            ),
            (
                "check the `south` value: it is true for a province whose former units are in "
                "the South East or the Mekong River Delta.",
                lambda: [predict(south=not bool(south.mode().iloc[0]))],
            ),
            ("the enterprise has no agreement in force.", lambda: [predict(agreement=True)]),
            (
                "`log_employees` is the natural log of the employees.",
                lambda: [predict(log_employees=math.log10(employees))],
            ),
            (
                "predict for the notebook's `year`.",
                lambda: [predict(year=y) for y in sorted(set(panel["year"])) if y != year],
            ),
        ],
        tolerance=0.02,
        relative=True,
        otherwise="Not yet: build a one-row table with the model's variables and use "
        "model_poisson.predict(new, offset=np.zeros(1)).",
    )
