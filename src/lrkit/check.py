"""Feedback for learners: checks that say whether an answer is right without revealing it.

Expected values are computed from the data and the notebook's parameters at run time, never
stored, so the same check works for every province, year and seed a trainer chooses. When
an answer is wrong, the check compares it with the results of the usual mistakes (weights
ignored, the wrong denominator, another year) and names the mistake it matches. The
expected value is never shown, not even in the hint.

A check returns a :class:`Feedback`: it shows as its message in a notebook, is true only
when the answer is right, and carries a ``status`` ("correct", "not yet" or "not
attempted") that ``lrkit workshop collect`` puts in the trainer's progress table.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from lrkit.indicators import bargaining_coverage, union_density

TOLERANCE = 0.05  # percentage points: answers are usually rounded to one decimal
CORRECT, NOT_YET, NOT_ATTEMPTED = "correct", "not yet", "not attempted"


@dataclass(frozen=True)
class Feedback:
    """The result of a check: a status and a message for the learner."""

    status: str
    message: str

    def __bool__(self) -> bool:
        return self.status == CORRECT

    def __repr__(self) -> str:
        return self.message

    def _repr_markdown_(self) -> str:
        icon = "✅" if self else ("✍️" if self.status == NOT_ATTEMPTED else "❌")
        return f"{icon} {self.message}"


Mistakes = dict[str, Callable[[], list[float]]]


def _is_placeholder(answer: object) -> bool:
    return answer is None or answer is Ellipsis


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, abs_tol=TOLERANCE)


def check_number(answer: object, expected: float, mistakes: Mistakes) -> Feedback:
    """Compare a numeric ``answer`` with ``expected`` (a percentage) and explain a mistake.

    ``mistakes`` maps a hint to a function returning the value(s) that mistake produces;
    they are computed only when the answer is wrong, and never shown.
    """
    if _is_placeholder(answer):
        return Feedback(
            NOT_ATTEMPTED, "Not yet: replace the ... with your answer, then run this cell again."
        )
    if isinstance(answer, bool):
        return Feedback(NOT_YET, f"Not yet: the answer should be a number, got {answer!r}.")
    try:
        value = float(answer)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return Feedback(
            NOT_YET,
            f"Not yet: the answer should be a single number (a percentage), got {answer!r}.",
        )
    if _close(value, expected):
        return Feedback(CORRECT, "Correct! ✔")
    if 0 <= value <= 1 and _close(100 * value, expected):
        return Feedback(
            NOT_YET, "Nearly: the rate is a percentage (0-100); multiply your share by 100."
        )
    for hint, compute in mistakes.items():
        if any(_close(value, candidate) for candidate in compute()):
            return Feedback(NOT_YET, f"Not yet: {hint}")
    return Feedback(
        NOT_YET, "Not yet: check the numerator and the denominator against the ILO definition."
    )


def _rate_mistakes(
    persons: pd.DataFrame, province: str, year: int, rate: Callable[..., pd.DataFrame], flag: str
) -> tuple[float, Mistakes]:
    """Return the right rate and the usual mistakes for a rate over employees."""

    def value(frame: pd.DataFrame, weight: str | None = "weight") -> float:
        return float(rate(frame, weight=weight)["rate"].iloc[0])

    def subset(where: str, when: int) -> pd.DataFrame:
        return persons[(persons["province"] == where) & (persons["year"] == when)]

    here = subset(province, year)
    if here.empty:
        raise ValueError(f"no records for province {province!r} in year {year}")
    employees = here["status"] == "employee"
    numerator = (here["weight"] * here[flag]).sum()
    mistakes: Mistakes = {
        "the survey weights seem to be ignored; each person stands for `weight` people.": lambda: [
            value(here, weight=None)
        ],
        "the denominator should be employees only, not everyone employed.": lambda: [
            float(100 * numerator / here["weight"].sum())
        ],
        "only employees count in the numerator (the ILO definition leaves out the "
        "self-employed).": lambda: [float(100 * numerator / here.loc[employees, "weight"].sum())],
        "this looks like the figure for another year; filter on the notebook's `year`.": lambda: [
            value(subset(province, y)) for y in set(persons["year"]) - {year}
        ],
        "this looks like the figure for another province; filter on `province`.": lambda: [
            value(subset(p, year)) for p in set(persons["province"]) - {province}
        ],
    }
    return value(here), mistakes


def check_union_density(
    answer: object, persons: pd.DataFrame, province: str, year: int
) -> Feedback:
    """Check a learner's trade union density (%) for ``province`` and ``year``.

    Right when within 0.05 percentage points of the weighted density of employees.
    """
    expected, mistakes = _rate_mistakes(persons, province, year, union_density, "union_member")
    return check_number(answer, expected, mistakes)


def check_bargaining_coverage(
    answer: object, persons: pd.DataFrame, province: str, year: int
) -> Feedback:
    """Check a learner's collective bargaining coverage rate (%) for ``province``, ``year``."""
    expected, mistakes = _rate_mistakes(
        persons, province, year, bargaining_coverage, "covered_by_agreement"
    )
    return check_number(answer, expected, mistakes)
