"""Checks for the exercises of Module 1, "Labour relations data: concepts, actors and gaps".

Like :mod:`lrkit.check` (whose :class:`~lrkit.check.Feedback` they return), these checks
compute what is expected from the data, the notebook's parameters or the learner's own
entries when they run, never store it and never show it; a wrong answer is compared with
what the usual mistakes give, and the mistake it matches is named. Exercise 1.1 (union
density and coverage) uses :func:`lrkit.check.check_union_density` and
:func:`lrkit.check.check_bargaining_coverage`. The others:

* **1.2 data gap review** (``01b-data-gap-review``): the filled matrix is on the scale of
  :mod:`lrkit.gaps` (:func:`check_gap_matrix`); its scores agree with lrkit's scoring of the
  learner's own ratings (:func:`check_gap_scores`, :func:`check_best_scores`); the strike
  records each register holds for the province and year (:func:`check_register_counts`);
* **1.3 strike rates** (``01c-strike-rates``): the 15th ICLS units from the ministry's
  register (:func:`check_strike_units`), the employees of the year from the weighted survey
  records (:func:`check_average_employees`) and days not worked per 1,000 employees
  (:func:`check_days_per_1000`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping

import numpy as np
import pandas as pd

from lrkit.check import (
    CORRECT,
    NOT_YET,
    Feedback,
    as_float,
    is_placeholder,
    not_attempted,
)
from lrkit.gaps import (
    DIMENSIONS,
    INDICATORS,
    SOURCES,
    GapReviewError,
    gap_summary,
    score_gap_matrix,
    validate_gap_matrix,
)
from lrkit.reference.provinces import provinces_2025, resolve_province

_EARLIER = "Not yet: answer the earlier question first."
Candidates = Callable[[], Iterable[float]]
#: Relative tolerance for counts of employees (an answer rounded to the thousand passes).
EMPLOYEES_TOLERANCE = 0.005
#: Absolute tolerance (days per 1,000 employees) for a rate rounded to one decimal.
RATE_TOLERANCE = 0.05
_UNITS = ("actions", "workers_involved", "days_not_worked")
_REGISTERS = ("ministry", "VGCL")


def _first_mistake(value: float, mistakes: list[tuple[str, Candidates]], close) -> str | None:
    for hint, compute in mistakes:
        try:
            candidates = [float(c) for c in compute()]
        except (ValueError, ZeroDivisionError, KeyError):
            continue
        if any(math.isfinite(c) and close(value, c) for c in candidates):
            return hint
    return None


# ------------------------------------------------------------------- 1.2 data gap review
def _matrix_problem(matrix: object) -> str | None:
    """Return what is wrong with a gap matrix (a sentence), or ``None`` when it is valid."""
    if not isinstance(matrix, pd.DataFrame):
        return (
            "the matrix should be a pandas DataFrame made from gap_template(...), got "
            f"{type(matrix).__name__}"
        )
    try:
        validate_gap_matrix(matrix)
    except GapReviewError as error:
        return str(error)
    return None


def check_gap_matrix(answer: object, province: str) -> Feedback:
    """Check a filled gap matrix of ``province``: complete, on the scale, consistent.

    Any ratings on the scale of :mod:`lrkit.gaps` can be right: they are the team's
    judgement. Besides the rules of :func:`lrkit.gaps.validate_gap_matrix`, the matrix must
    be for ``province``, SDG 8.8.2 (national compliance) cannot have a provincial coverage,
    and the rows cannot all carry the same four ratings.
    """
    if is_placeholder(answer):
        return not_attempted()
    problem = _matrix_problem(answer)
    if problem is not None:
        return Feedback(NOT_YET, f"Not yet: {problem}.")
    checked = validate_gap_matrix(answer)  # type: ignore[arg-type]
    own = resolve_province(province, allowed=provinces_2025())
    if checked["province"].iloc[0] != own:
        return Feedback(
            NOT_YET,
            f"Not yet: the matrix is for {checked['province'].iloc[0]}; review your own "
            f"province, {own} (make the template with gap_template(params.province)).",
        )
    sdg = checked[checked["indicator"] == "sdg_882"]
    if sdg["coverage"].str.startswith("province").any():
        return Feedback(
            NOT_YET,
            "Not yet: SDG 8.8.2 measures a country's compliance with freedom of association "
            "and collective bargaining rights: no source gives it for a province, so its "
            "coverage is at most 'national only'.",
        )
    if len(checked[list(DIMENSIONS)].drop_duplicates()) == 1:
        return Feedback(
            NOT_YET,
            "Not yet: every row has the same four ratings. Rate each source for each "
            "indicator on its own: a survey and a register do not differ only in name.",
        )
    message = "Correct! ✔ The matrix is complete and every rating is on the scale."
    notes = checked["note"].fillna("").astype(str).str.strip()
    if (notes == "").any():
        message += (
            " Write the evidence for each rating in `note` as well: it is what the "
            "discussion will be about."
        )
    return Feedback(CORRECT, message)


def _pairs_index(frame: pd.DataFrame) -> pd.MultiIndex:
    return pd.MultiIndex.from_arrays([frame["indicator"], frame["source"]])


def check_gap_scores(answer: object, matrix: object) -> Feedback:
    """Check the learner's scored matrix against lrkit's scoring of the learner's ratings.

    ``answer`` is the matrix with a ``score`` column (the sum of the four dimensions' points,
    0–12). Its ratings must still be valid (:func:`lrkit.gaps.validate_gap_matrix`) and the
    same as in ``matrix``, the answer to the previous question.
    """
    if is_placeholder(answer):
        return not_attempted()
    if is_placeholder(matrix) or _matrix_problem(matrix) is not None:
        return Feedback(NOT_YET, "Not yet: fill the matrix of the previous question first.")
    if not isinstance(answer, pd.DataFrame):
        return Feedback(
            NOT_YET,
            f"Not yet: the answer should be your matrix (a DataFrame) with a 'score' column, "
            f"got {type(answer).__name__}.",
        )
    if "score" not in answer.columns:
        return Feedback(NOT_YET, "Not yet: add a column named 'score' to your matrix.")
    problem = _matrix_problem(answer.drop(columns="score"))
    if problem is not None:
        return Feedback(NOT_YET, f"Not yet: the ratings in your scored matrix: {problem}.")
    ratings = validate_gap_matrix(answer.drop(columns="score"))
    original = validate_gap_matrix(matrix)  # type: ignore[arg-type]
    left = ratings.set_index(["indicator", "source"])[list(DIMENSIONS)]
    right = original.set_index(["indicator", "source"])[list(DIMENSIONS)]
    if not left.sort_index().equals(right.sort_index()):
        return Feedback(
            NOT_YET,
            "Not yet: the ratings in your scored matrix differ from your matrix of the "
            "previous question; score that matrix (start from a copy of it).",
        )
    given = pd.to_numeric(answer["score"], errors="coerce")
    if given.isna().any():
        return Feedback(NOT_YET, "Not yet: every score should be a number (0 to 12).")
    given = pd.Series(given.to_numpy(dtype=float), index=_pairs_index(answer))
    scored = score_gap_matrix(answer.drop(columns="score"))
    expected = pd.Series(scored["score"].to_numpy(dtype=float), index=_pairs_index(scored))
    expected = expected.reindex(given.index)
    if np.allclose(given, expected):
        return Feedback(CORRECT, "Correct! ✔ Your scores follow the scale.")
    points = {
        d: pd.Series(
            scored[f"{d}_points"].to_numpy(dtype=float), index=_pairs_index(scored)
        ).reindex(given.index)
        for d in DIMENSIONS
    }
    if np.allclose(given, expected / len(DIMENSIONS)):
        return Feedback(
            NOT_YET, "Not yet: the score is the sum of the four dimensions' points, not their mean."
        )
    if np.allclose(given, expected + len(DIMENSIONS)):
        return Feedback(
            NOT_YET, "Not yet: each dimension gives 0 to 3 points (see SCALE), not 1 to 4."
        )
    for dimension, part in points.items():
        if np.allclose(given, expected - part):
            return Feedback(NOT_YET, f"Not yet: the score leaves out the points for {dimension!r}.")
    wrong = [
        f"({i}, {s})"
        for (i, s), g, e in zip(given.index, given, expected, strict=True)
        if not math.isclose(g, e)
    ]
    shown = ", ".join(wrong[:3]) + (" …" if len(wrong) > 3 else "")
    return Feedback(
        NOT_YET,
        f"Not yet: {len(wrong)} score(s) do not follow the scale, for example {shown}. "
        "Score = availability + frequency + coverage + quality points, each from SCALE.",
    )


def _as_number_series(answer: object, what: str) -> pd.Series | str:
    if isinstance(answer, pd.DataFrame):
        if answer.shape[1] != 1:
            return f"give a Series of numbers indexed by {what}, not a table"
        answer = answer.iloc[:, 0]
    if isinstance(answer, Mapping):
        answer = pd.Series(dict(answer))
    if not isinstance(answer, pd.Series):
        return (
            f"the answer should be a pandas Series indexed by {what}, got {type(answer).__name__}"
        )
    values = pd.to_numeric(answer, errors="coerce")
    if values.isna().any():
        return "every value should be a number"
    values.index = values.index.map(str)
    return values.astype(float)


def check_best_scores(answer: object, matrix: object) -> Feedback:
    """Check each indicator's score: the highest score among its sources, from ``matrix``.

    ``answer`` is a Series (or dict) of numbers indexed by indicator key; expected values come
    from :func:`lrkit.gaps.gap_summary` of the learner's own matrix.
    """
    if is_placeholder(answer):
        return not_attempted()
    if is_placeholder(matrix) or _matrix_problem(matrix) is not None:
        return Feedback(NOT_YET, "Not yet: fill the matrix of the earlier question first.")
    given = _as_number_series(answer, "indicator")
    if isinstance(given, str):
        return Feedback(NOT_YET, f"Not yet: {given}.")
    if set(given.index) == set(SOURCES) or set(given.index) <= set(SOURCES):
        return Feedback(
            NOT_YET,
            "Not yet: your Series is indexed by source; group by 'indicator': an indicator "
            "is as well measured as its best source.",
        )
    if set(given.index) != set(INDICATORS):
        return Feedback(
            NOT_YET,
            f"Not yet: index the Series by the {len(INDICATORS)} indicators "
            f"({', '.join(INDICATORS)}), one value each.",
        )
    expected = gap_summary(matrix)["best_score"].astype(float)  # type: ignore[arg-type]
    given = given.reindex(expected.index)
    if np.allclose(given, expected):
        return Feedback(CORRECT, "Correct! ✔")
    scores = score_gap_matrix(matrix).groupby("indicator")["score"]  # type: ignore[arg-type]
    for hint, other in (
        ("take the highest score of each indicator's sources, not their mean.", scores.mean()),
        ("take the highest score of each indicator's sources, not their sum.", scores.sum()),
        ("take the highest score of each indicator's sources, not the lowest.", scores.min()),
    ):
        if np.allclose(given, other.reindex(expected.index).astype(float)):
            return Feedback(NOT_YET, f"Not yet: {hint}")
    return Feedback(
        NOT_YET,
        "Not yet: for each indicator, take the highest 'score' among its rows of your scored "
        "matrix.",
    )


def _by_key(answer: object, keys: tuple[str, ...], what: str) -> dict[str, float] | str:
    """Return ``answer`` (dict or Series) as {key: number} with the keys spelt as ``keys``."""
    if isinstance(answer, pd.Series):
        answer = answer.to_dict()
    if not isinstance(answer, Mapping):
        return (
            f"the answer should be a dict with the keys {', '.join(map(repr, keys))}, got "
            f"{type(answer).__name__}"
        )
    canonical = {k.casefold(): k for k in keys}
    out: dict[str, float] = {}
    for key, value in answer.items():
        name = canonical.get(str(key).strip().casefold())
        if name is None:
            return f"unknown key {key!r}; the keys are {', '.join(map(repr, keys))}"
        number = as_float(value)
        if number is None:
            return f"{key!r} should be a number ({what}), got {value!r}"
        out[name] = number
    absent = [k for k in keys if k not in out]
    if absent:
        return f"the key(s) {', '.join(map(repr, absent))} are missing"
    return out


def _subset(frame: pd.DataFrame, province: str, year: int, column: str = "province"):
    return frame[(frame[column] == province) & (frame["year"] == year)]


def check_register_counts(
    answer: object, strikes: pd.DataFrame, strikes_vgcl: pd.DataFrame, province: str, year: int
) -> Feedback:
    """Check the records of ``province`` (as it is today) and ``year`` in each register.

    ``answer`` is ``{"ministry": n, "VGCL": m}``: the rows of ``strikes`` (the ministry's
    register) and of ``strikes_vgcl`` whose ``province`` and ``year`` are the notebook's.
    """
    if is_placeholder(answer):
        return not_attempted()
    given = _by_key(answer, _REGISTERS, "a count of records")
    if isinstance(given, str):
        return Feedback(NOT_YET, f"Not yet: {given}.")
    frames = {"ministry": strikes, "VGCL": strikes_vgcl}
    expected = {k: float(len(_subset(f, province, year))) for k, f in frames.items()}
    if all(given[k] == expected[k] for k in _REGISTERS):
        return Feedback(CORRECT, "Correct! ✔")
    if given["ministry"] == expected["VGCL"] and given["VGCL"] == expected["ministry"]:
        return Feedback(
            NOT_YET, "Not yet: the two counts seem swapped: `strikes` is the ministry's."
        )
    years = sorted(set(strikes["year"]) | set(strikes_vgcl["year"]))
    hints = []
    for key, frame in frames.items():
        if given[key] == expected[key]:
            continue
        mistakes: list[tuple[str, Candidates]] = [
            (
                "count by the province as it is today (`province`), not by the former unit "
                "(`province_pre2025`).",
                lambda f=frame: [len(_subset(f, province, year, "province_pre2025"))],
            ),
            (
                "this is the count of another year; filter on the notebook's `year`.",
                lambda f=frame: [len(_subset(f, province, y)) for y in years if y != year],
            ),
            (
                "this counts every year; keep the notebook's `year` only.",
                lambda f=frame: [(f["province"] == province).sum()],
            ),
            (
                "this counts every province; keep the notebook's `province` only.",
                lambda f=frame: [(f["year"] == year).sum()],
            ),
        ]
        hint = _first_mistake(given[key], mistakes, lambda a, b: a == b)
        hints.append(f"{key}: {hint or 'count the rows of your province and year.'}")
    return Feedback(NOT_YET, "Not yet: " + " ".join(hints))


# ------------------------------------------------------------------------ 1.3 strike rates
def strike_units(strikes: pd.DataFrame, province: str, year: int) -> dict[str, float]:
    """Return the 15th ICLS units of ``province`` and ``year`` from a strike register.

    Uses :func:`lrkit.ir_indicators.strike_statistics`; a province and year without any
    record give zeros.
    """
    from lrkit.ir_indicators import strike_statistics

    here = _subset(strikes, province, year)
    if here.empty:
        return dict.fromkeys(_UNITS, 0.0)
    row = strike_statistics(here).iloc[0]
    return {unit: float(row[unit]) for unit in _UNITS}


def average_employees(
    workers: pd.DataFrame, province: str, year: int, weight: str | None = "weight"
) -> float:
    """Return the employees of ``province`` in ``year``: weighted, averaged over quarters.

    Each quarterly round of the survey is weighted to the whole labour force, so the weights
    of a year's employees add up to about four times the employees: their sum is divided by
    the number of quarters in the data of that province and year. ``weight=None`` gives the
    unweighted count per quarter (a mistake, used for hints).
    """
    here = _subset(workers, province, year)
    if here.empty:
        raise ValueError(f"no survey records for province {province!r} in year {year}")
    quarters = here["quarter"].nunique()
    employees = here[here["status"] == "employee"]
    total = employees[weight].sum() if weight else float(len(employees))
    return float(total) / quarters


def _close_relative(tolerance: float) -> Callable[[float, float], bool]:
    def close(a: float, b: float) -> bool:
        return math.isclose(a, b, rel_tol=tolerance, abs_tol=0.5)

    return close


def _close_rate(a: float, b: float) -> bool:
    return abs(a - b) <= max(RATE_TOLERANCE, 0.005 * abs(b))


def _unit_mistakes(
    unit: str,
    strikes: pd.DataFrame,
    vgcl: pd.DataFrame | None,
    province: str,
    year: int,
) -> list[tuple[str, Candidates]]:
    here = _subset(strikes, province, year)
    years = sorted(set(strikes["year"]) - {year})
    mistakes: list[tuple[str, Candidates]] = []
    if unit == "days_not_worked":
        mistakes.append(
            (
                "days not worked are person-days, workers involved × working days lost: add "
                "up `days_not_worked`, not the strikes' durations.",
                lambda: [here["duration_workdays"].sum()],
            )
        )
    if unit == "workers_involved":
        mistakes.append(
            (
                "add up the workers involved of the strikes; the number of strikes is the "
                "number of actions.",
                lambda: [len(here)],
            )
        )
    if vgcl is not None:
        column = {"workers_involved": "peak_workers"}.get(unit, unit)
        there = _subset(vgcl, province, year)
        mistakes.append(
            (
                "this looks like VGCL's register; the question uses the ministry's, `strikes`.",
                lambda: [len(there) if unit == "actions" else there[column].sum()],
            )
        )

    def total(frame: pd.DataFrame) -> float:
        return float(len(frame)) if unit == "actions" else float(frame[unit].sum())

    mistakes += [
        (
            "keep the province as it is today (`province`), not the former unit "
            "(`province_pre2025`).",
            lambda: [total(_subset(strikes, province, year, "province_pre2025"))],
        ),
        (
            "this looks like the figure of another year; filter on the notebook's `year`.",
            lambda: [total(_subset(strikes, province, y)) for y in years],
        ),
        (
            "this looks like all years together; keep the notebook's `year` only.",
            lambda: [total(strikes[strikes["province"] == province])],
        ),
    ]
    return mistakes


def check_strike_units(
    answer: object,
    strikes: pd.DataFrame,
    province: str,
    year: int,
    vgcl: pd.DataFrame | None = None,
) -> Feedback:
    """Check the 15th ICLS units of ``province`` and ``year`` from the ministry's register.

    ``answer`` is ``{"actions": …, "workers_involved": …, "days_not_worked": …}``. Pass the
    VGCL register as ``vgcl`` to recognise an answer taken from it.
    """
    if is_placeholder(answer):
        return not_attempted()
    given = _by_key(answer, _UNITS, "a total")
    if isinstance(given, str):
        return Feedback(NOT_YET, f"Not yet: {given}.")
    expected = strike_units(strikes, province, year)
    wrong = [u for u in _UNITS if given[u] != expected[u]]
    if not wrong:
        return Feedback(CORRECT, "Correct! ✔")
    hints = []
    for unit in wrong:
        mistakes = _unit_mistakes(unit, strikes, vgcl, province, year)
        hint = _first_mistake(given[unit], mistakes, lambda a, b: a == b)
        hints.append(f"{unit}: {hint or 'count again for your province and year.'}")
    right = [u for u in _UNITS if u not in wrong]
    lead = f"{', '.join(right)} right; " if right else ""
    return Feedback(NOT_YET, "Not yet: " + lead + " ".join(hints))


def _denominator_mistakes(
    workers: pd.DataFrame, province: str, year: int
) -> list[tuple[str, Callable[[], float]]]:
    """(hint, employees that mistake uses) for the usual denominators of the strike rate."""
    here = _subset(workers, province, year)
    quarters = here["quarter"].nunique()
    employed = here["labour_force_status"] == "employed"
    return [
        (
            f"the survey has {quarters} quarterly rounds in the year, each weighted to the "
            "whole labour force: divide the sum of the weights by the number of quarters.",
            lambda: float(here.loc[here["status"] == "employee", "weight"].sum()),
        ),
        (
            "the survey weights seem to be ignored; each person stands for `weight` people.",
            lambda: average_employees(workers, province, year, weight=None),
        ),
        (
            "the survey weights seem to be ignored, and the quarters added up.",
            lambda: float((here["status"] == "employee").sum()),
        ),
        (
            "the denominator should be employees only, not everyone employed.",
            lambda: float(here.loc[employed, "weight"].sum()) / quarters,
        ),
        (
            "the denominator should be employees only, not the whole labour force.",
            lambda: float(here["weight"].sum()) / quarters,
        ),
    ]


def check_average_employees(
    answer: object, workers: pd.DataFrame, province: str, year: int
) -> Feedback:
    """Check the employees of ``province`` in ``year``: weighted and averaged over quarters.

    Right within 0.5% (so a figure rounded to the thousand passes); see
    :func:`average_employees`.
    """
    if is_placeholder(answer):
        return not_attempted()
    value = as_float(answer)
    if value is None:
        return Feedback(NOT_YET, f"Not yet: the answer should be a number, got {answer!r}.")
    expected = average_employees(workers, province, year)
    close = _close_relative(EMPLOYEES_TOLERANCE)
    if close(value, expected):
        return Feedback(CORRECT, "Correct! ✔")
    mistakes: list[tuple[str, Candidates]] = [
        (hint, lambda f=f: [f()]) for hint, f in _denominator_mistakes(workers, province, year)
    ]
    years = sorted(set(workers["year"]) - {year})
    mistakes.append(
        (
            "this looks like the figure of another year; filter on the notebook's `year`.",
            lambda: [average_employees(workers, province, y) for y in years],
        )
    )
    hint = _first_mistake(value, mistakes, close)
    return Feedback(
        NOT_YET,
        f"Not yet: {hint}"
        if hint
        else "Not yet: add up the weights of the employees of your province and year, then "
        "divide by the number of quarterly rounds.",
    )


def check_days_per_1000(
    answer: object,
    strikes: pd.DataFrame,
    workers: pd.DataFrame,
    province: str,
    year: int,
    vgcl: pd.DataFrame | None = None,
) -> Feedback:
    """Check days not worked per 1,000 employees of ``province`` in ``year``.

    Days not worked from the ministry's register (``strikes``), employees from the survey
    (:func:`average_employees`). Right within 0.05 (or 0.5%): an answer rounded to one
    decimal passes.
    """
    if is_placeholder(answer):
        return not_attempted()
    value = as_float(answer)
    if value is None:
        return Feedback(NOT_YET, f"Not yet: the answer should be a number, got {answer!r}.")
    days = strike_units(strikes, province, year)["days_not_worked"]
    employees = average_employees(workers, province, year)
    expected = 1000 * days / employees
    if _close_rate(value, expected):
        return Feedback(CORRECT, "Correct! ✔")
    mistakes: list[tuple[str, Candidates]] = [
        (hint, lambda f=f: [1000 * days / f()])
        for hint, f in _denominator_mistakes(workers, province, year)
    ]
    mistakes += [
        (
            "the rate is per 1,000 employees: multiply days ÷ employees by 1,000.",
            lambda: [days / employees, 100 * days / employees],
        ),
        (
            "the rate counts days not worked, not workers involved.",
            lambda: [1000 * strike_units(strikes, province, year)["workers_involved"] / employees],
        ),
    ]
    if vgcl is not None:
        mistakes.append(
            (
                "this uses VGCL's register; the question uses the ministry's, `strikes`.",
                lambda: [1000 * _subset(vgcl, province, year)["days_not_worked"].sum() / employees],
            )
        )
    hint = _first_mistake(value, mistakes, _close_rate)
    return Feedback(
        NOT_YET,
        f"Not yet: {hint}"
        if hint
        else "Not yet: rate = 1,000 × days not worked ÷ employees, for your province and year.",
    )
