"""Feedback for learners: checks that say whether an answer is right without revealing it.

Expected values are computed from the data and the notebook's parameters at run time, never
stored, so the same check works for every province, year and seed a trainer chooses. When
an answer is wrong, the check compares it with the results of the usual mistakes (weights
ignored, the wrong denominator, another year) and names the mistake it matches.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pandas as pd

from lrkit.indicators import union_density

TOLERANCE = 0.05  # percentage points: answers are usually rounded to one decimal


def _is_placeholder(answer: object) -> bool:
    return answer is None or answer is Ellipsis


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, abs_tol=TOLERANCE)


def _feedback(
    answer: object, expected: float, mistakes: dict[str, Callable[[], list[float]]]
) -> bool:
    """Print feedback on ``answer`` and return whether it is right.

    ``mistakes`` maps a hint to a function returning the value(s) that mistake produces;
    they are computed only when the answer is wrong, and never printed.
    """
    if _is_placeholder(answer):
        print("Not yet: replace the ... with your answer, then run this cell again.")
        return False
    try:
        value = float(answer)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        print(f"Not yet: the answer should be a single number (a percentage), got {answer!r}.")
        return False
    if _close(value, expected):
        print("Correct! ✔")
        return True
    if 0 <= value <= 1 and _close(100 * value, expected):
        print("Nearly: the rate is a percentage (0-100); multiply your share by 100.")
        return False
    for hint, compute in mistakes.items():
        if any(_close(value, candidate) for candidate in compute()):
            print(f"Not yet: {hint}")
            return False
    print("Not yet: check the numerator and the denominator against the ILO definition.")
    return False


def _density(frame: pd.DataFrame, weight: str | None = "weight") -> float:
    return float(union_density(frame, weight=weight)["rate"].iloc[0])


def check_union_density(answer: object, persons: pd.DataFrame, province: str, year: int) -> bool:
    """Check a learner's union density (%) for ``province`` and ``year``; print feedback.

    Returns ``True`` when the answer is within 0.05 percentage points of the weighted
    density of employees computed from ``persons``.
    """

    def subset(where: str, when: int) -> pd.DataFrame:
        return persons[(persons["province"] == where) & (persons["year"] == when)]

    here = subset(province, year)
    employees = here["status"] == "employee"
    members = (here["weight"] * here["union_member"]).sum()
    mistakes: dict[str, Callable[[], list[float]]] = {
        "the survey weights seem to be ignored; each person stands for `weight` people.": lambda: [
            _density(here, weight=None)
        ],
        "the denominator should be employees only, not everyone employed.": lambda: [
            float(100 * members / here["weight"].sum())
        ],
        "only members who are employees count in the numerator (the ILO definition leaves "
        "out self-employed members).": lambda: [
            float(100 * members / here.loc[employees, "weight"].sum())
        ],
        "this looks like the figure for another year; filter on the notebook's `year`.": lambda: [
            _density(subset(province, y)) for y in set(persons["year"]) - {year}
        ],
        "this looks like the figure for another province; filter on `province`.": lambda: [
            _density(subset(p, year)) for p in set(persons["province"]) - {province}
        ],
    }
    return _feedback(answer, _density(here), mistakes)
