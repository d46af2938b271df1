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

import numpy as np
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


#: What every check says to an answer that is still the placeholder ``...``.
NOT_ATTEMPTED_TEXT = "Not yet: replace the ... with your answer, then run this cell again."


def is_placeholder(answer: object) -> bool:
    """Return True while the answer is still the placeholder (``...``) or ``None``."""
    return answer is None or answer is Ellipsis


def not_attempted() -> Feedback:
    """Return the feedback for an answer not given yet (never an error: the cell runs)."""
    return Feedback(NOT_ATTEMPTED, NOT_ATTEMPTED_TEXT)


def as_number(answer: object) -> float | str:
    """Return ``answer`` as a float, or a message saying why it is not one finite number."""
    if isinstance(answer, bool):
        return f"the answer should be a number, got {answer!r}"
    if isinstance(answer, pd.Series | pd.DataFrame | list | tuple | dict | np.ndarray):
        return "the answer should be a single number, not a table or a list"
    try:
        value = float(answer)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return f"the answer should be a single number, got {answer!r}"
    if not math.isfinite(value):
        return f"the answer should be a finite number, got {answer!r}"
    return value


def as_float(answer: object) -> float | None:
    """Return ``answer`` as a finite float (a one-element Series or array counts), or None."""
    if isinstance(answer, bool) or answer is None:
        return None
    if isinstance(answer, pd.Series | np.ndarray) and np.size(answer) == 1:
        answer = np.asarray(answer).reshape(-1)[0]
    try:
        value = float(answer)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, abs_tol=TOLERANCE)


def check_number(answer: object, expected: float, mistakes: Mistakes) -> Feedback:
    """Compare a numeric ``answer`` with ``expected`` (a percentage) and explain a mistake.

    ``mistakes`` maps a hint to a function returning the value(s) that mistake produces;
    they are computed only when the answer is wrong, and never shown.
    """
    if is_placeholder(answer):
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


# ---------------------------------------------------------------------------------------
# Module 2: collecting IR data (sampling, sample size, validation of strike reports).
# The kit's functions that compute the expected answers are imported inside each check, so
# importing lrkit.check stays light.

_STRATA = ("province", "ownership", "employment_band")


def _m2_frame(enterprises: pd.DataFrame, province: str, year: int) -> pd.DataFrame:
    from lrkit.sampling import survey_frame

    return survey_frame(enterprises, year, province)


def _as_allocation(answer: object, key: str) -> pd.Series | str:
    """Return an allocation answer as a float Series by stratum label, or a problem text."""
    if isinstance(answer, pd.DataFrame):
        if key in answer.columns and "n_h" in answer.columns:
            answer = answer.set_index(key)["n_h"]
        elif answer.shape[1] == 1:
            answer = answer.iloc[:, 0]
        else:
            return f"give a Series indexed by {key} (or a table with columns {key!r} and 'n_h')"
    if isinstance(answer, dict):
        answer = pd.Series(answer, dtype="float64")
    if not isinstance(answer, pd.Series):
        kind = type(answer).__name__
        return f"the answer should be a pandas Series of n_h indexed by {key}, got {kind}"
    values = pd.to_numeric(answer, errors="coerce")
    if values.isna().any():
        return "every n_h should be a number"
    values.index = values.index.astype("str")
    if values.index.has_duplicates:
        return f"each {key} should appear once in your answer"
    return values.astype("float64")


def check_allocation(
    answer: object,
    enterprises: pd.DataFrame,
    province: str,
    year: int,
    sample_size: object,
    *,
    method: str = "proportional",
    minimum: int = 0,
    by: tuple[str, ...] | list[str] = _STRATA,
    share: str | None = None,
    value: str | None = None,
) -> Feedback:
    """Check an allocation of ``sample_size`` enterprises to the strata of a province's frame.

    The answer is a Series of n_h indexed by stratum label (as
    :func:`lrkit.sampling.stratum_table` labels them). It is right when every n_h is a whole
    number within 1 of the exact allocation of :func:`lrkit.sampling.allocate` (so any
    rounding passes); a total other than ``sample_size`` is pointed out. For Neyman
    allocation, ``share`` (a true/false column) or ``value`` (a numeric column) gives S_h.
    """
    if is_placeholder(answer):
        return not_attempted()
    if is_placeholder(sample_size):
        return Feedback(NOT_ATTEMPTED, "Not yet: answer the earlier question first.")
    from lrkit.sampling import allocate, stratum_table

    by = list(by)
    given = _as_allocation(answer, "stratum")
    if isinstance(given, str):
        return Feedback(NOT_YET, f"Not yet: {given}.")
    try:
        n = int(sample_size)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return Feedback(
            NOT_YET, f"Not yet: the sample size should be a whole number, got {sample_size!r}."
        )

    def strata_of(frame: pd.DataFrame) -> pd.DataFrame:
        return stratum_table(frame, by=by, share=share, value=value)

    def exact(strata: pd.DataFrame, how: str, low: int, total: int = n) -> pd.Series:
        return allocate(strata, total, how, minimum=low, whole=False)  # type: ignore[arg-type]

    frame = _m2_frame(enterprises, province, year)
    strata = strata_of(frame)
    try:
        expected = exact(strata, method, minimum)
    except ValueError as error:
        return Feedback(NOT_YET, f"Not yet: this sample size cannot be allocated ({error}).")
    labels = set(expected.index)
    extra, missing = sorted(set(given.index) - labels), sorted(labels - set(given.index))
    if extra and not set(given.index) & labels:
        return Feedback(
            NOT_YET,
            "Not yet: index your Series by the stratum labels, e.g. "
            "`.set_axis(strata['stratum'])`.",
        )
    if extra and any(not str(label).startswith(province) for label in extra) and "province" in by:
        return Feedback(
            NOT_YET, "Not yet: your answer has strata of other provinces; keep only your province."
        )
    if extra or missing:
        detail = []
        if missing:
            detail.append(
                f"{len(missing)} stratum/strata of the frame are missing (e.g. {missing[0]!r})"
            )
        if extra:
            detail.append(f"{len(extra)} label(s) are not strata of the frame (e.g. {extra[0]!r})")
        return Feedback(NOT_YET, "Not yet: " + "; ".join(detail) + ".")
    given = given.reindex(expected.index)

    def matches(candidate: pd.Series) -> bool:
        return bool(((given - candidate).abs() < 1 - 1e-9).all())

    if matches(expected):
        if not bool(((given - given.round()).abs() < 1e-9).all()):
            return Feedback(NOT_YET, "Nearly: round each n_h to a whole number of enterprises.")
        total = int(round(given.sum()))
        note = ""
        if total != n:
            note = (
                f" Your n_h add up to {total}, not {n}, because of rounding: "
                "`lrkit.sampling.allocate` rounds so that the total is exact."
            )
        return Feedback(CORRECT, "Correct! ✔" + note)
    if method != "equal" and len(given) > 1 and given.nunique() == 1:
        # the same n_h everywhere, even where a stratum is too small to give it: said before
        # the n_h > N_h hint, which would send the learner after the wrong mistake
        return Feedback(
            NOT_YET,
            "Not yet: every stratum gets the same number (an equal allocation); share the "
            "sample in proportion to N_h, the number of enterprises in each stratum.",
        )
    counts = strata["N"].to_numpy()
    if bool((given.to_numpy() > counts + 1e-9).any()):
        return Feedback(
            NOT_YET,
            "Not yet: a stratum gets more enterprises than it has (n_h > N_h); take such a "
            "stratum whole and share the rest of the sample among the others.",
        )

    def exact_or_none(table: pd.DataFrame) -> pd.Series | None:
        try:
            return exact(table, method, minimum)
        except ValueError:
            return None

    hints: list[tuple[str, Callable[[], bool]]] = []
    if minimum:
        hints.append(
            (
                f"every stratum should get at least {minimum} enterprises "
                "(or all it has, if fewer).",
                lambda: matches(exact(strata, method, 0)),
            )
        )
    if method == "neyman":
        hints.append(
            (
                "this is the proportional allocation; Neyman allocation shares the sample in "
                "proportion to N_h × S_h, the stratum size times its standard deviation.",
                lambda: matches(exact(strata, "proportional", minimum)),
            )
        )
    if method == "proportional":
        hints.append(
            (
                "share the sample in proportion to N_h, the number of enterprises in each stratum.",
                lambda: matches(exact(strata, "equal", minimum)),
            )
        )
    others = [y for y in range(year - 3, year + 4) if y != year]
    hints.append(
        (
            "the N_h look like those of another year; keep the enterprises active in the "
            "notebook's `year` (lrkit.sampling.survey_frame).",
            lambda: any(
                _same_labels_and_match(
                    given, exact_or_none(strata_of(_m2_frame(enterprises, province, y)))
                )
                for y in others
            ),
        )
    )
    hints.append(
        (
            "the N_h look like those of the whole frame, active or not; keep the enterprises "
            "active in the notebook's `year`.",
            lambda: _same_labels_and_match(
                given,
                exact_or_none(strata_of(enterprises[enterprises["province"] == province])),
            ),
        )
    )

    if not _close_int(given.sum(), n):
        return Feedback(
            NOT_YET,
            f"Not yet: your n_h add up to {given.sum():g}; they should add up to the sample "
            f"size, {n} (within rounding).",
        )
    for hint, test in hints:
        if test():
            return Feedback(NOT_YET, f"Not yet: {hint}")
    return Feedback(
        NOT_YET,
        "Not yet: some n_h are off by more than rounding; check the formula of the "
        f"{method} allocation and the N_h of your province and year.",
    )


def _close_int(total: float, n: int) -> bool:
    return abs(float(total) - n) <= max(1.0, 0.02 * n)


def _same_labels_and_match(given: pd.Series, candidate: pd.Series | None) -> bool:
    if candidate is None or set(candidate.index) != set(given.index):
        return False
    return bool(((given - candidate.reindex(given.index)).abs() < 1 - 1e-9).all())


def _sample_ids(sample: object) -> pd.Series | str:
    if not isinstance(sample, pd.DataFrame):
        return f"the sample should be a pandas DataFrame, got {type(sample).__name__}"
    if "enterprise_id" not in sample.columns:
        return "the sample has lost its `enterprise_id` column; draw it again"
    ids = sample["enterprise_id"].astype("str")
    if ids.duplicated().any():
        return "an enterprise appears twice in the sample; draw it again"
    return ids


def _stratum_weights(
    ids: pd.Series, frame: pd.DataFrame, by: list[str]
) -> tuple[pd.Series, pd.Series, int]:
    """Return (the correct N_h/n_h of each sampled id, its stratum, unknown ids)."""
    from lrkit.sampling import stratum_labels

    label = pd.Series(
        stratum_labels(frame, by).to_numpy(), index=frame["enterprise_id"].astype("str")
    )
    stratum = ids.map(label)
    unknown = int(stratum.isna().sum())
    big_n = label.value_counts()
    small_n = stratum.value_counts()
    weights = stratum.map(big_n).astype(float) / stratum.map(small_n).astype(float)
    return weights, stratum, unknown


def check_design_weights(
    answer_sample: object,
    enterprises: pd.DataFrame,
    province: str,
    year: int,
    *,
    weight: str = "weight",
    by: tuple[str, ...] | list[str] = _STRATA,
) -> Feedback:
    """Check the design weights in column ``weight`` of a stratified sample of the frame.

    Right when every sampled enterprise has weight N_h/n_h: N_h enterprises of its stratum
    in the province's frame for ``year``, n_h sampled ones (counted in the answer itself).
    """
    if is_placeholder(answer_sample):
        return not_attempted()
    ids = _sample_ids(answer_sample)
    if isinstance(ids, str):
        return Feedback(NOT_YET, f"Not yet: {ids}.")
    sample: pd.DataFrame = answer_sample  # type: ignore[assignment]
    if weight not in sample.columns:
        return Feedback(
            NOT_ATTEMPTED,
            f"Not yet: add a column {weight!r} to the sample with each design weight.",
        )
    import numpy as np

    given = pd.to_numeric(sample[weight], errors="coerce").to_numpy(dtype=float)
    if np.isnan(given).any():
        return Feedback(NOT_YET, f"Not yet: every row needs a number in {weight!r}.")
    by = list(by)
    frame = _m2_frame(enterprises, province, year)
    expected, stratum, unknown = _stratum_weights(ids, frame, by)
    if unknown:
        return Feedback(
            NOT_YET,
            f"Not yet: {unknown} sampled enterprise(s) are not in the frame of {province} in "
            f"{year}; draw the sample from `frame`.",
        )
    want = expected.to_numpy()

    def same(candidate: np.ndarray) -> bool:
        return bool(np.allclose(given, candidate, rtol=1e-6, atol=0.006))

    if same(want):
        return Feedback(
            CORRECT,
            "Correct! ✔ Within each stratum the weights add up to N_h, so over the sample they "
            "add up to the number of enterprises in the frame.",
        )
    if same(1 / want):
        return Feedback(
            NOT_YET,
            "Not yet: these are n_h/N_h, the inclusion probabilities; the weight is the "
            "inverse, N_h/n_h (how many enterprises each sampled one stands for).",
        )
    if same(np.full(len(want), len(frame) / len(sample))):
        return Feedback(
            NOT_YET,
            "Not yet: that is N/n for the whole sample; in a stratified sample compute N_h/n_h "
            "within each stratum.",
        )
    if same(np.ones(len(want))):
        return Feedback(
            NOT_YET, "Not yet: a weight of 1 means each enterprise stands only for itself."
        )
    if same(np.round(want)):
        return Feedback(NOT_YET, "Nearly: do not round the weights; keep N_h/n_h as it is.")
    matched = np.isclose(given, want, rtol=1e-6, atol=0.006)
    return Feedback(
        NOT_YET,
        f"Not yet: {int(matched.sum())} of {len(want)} weights are right; check N_h (from "
        "`strata`) and n_h (the sampled enterprises of the stratum) for the others.",
    )


def check_weighted_share(
    answer: object,
    sample: pd.DataFrame,
    enterprises: pd.DataFrame,
    province: str,
    year: int,
    column: str = "has_union",
    *,
    by: tuple[str, ...] | list[str] = _STRATA,
) -> Feedback:
    """Check a weighted share (%) of enterprises with ``column`` true, from a stratified sample.

    The expected value uses the right design weights N_h/n_h of the sampled enterprises
    (whatever weights the sample carries) and is never shown.
    """
    if is_placeholder(answer):
        return not_attempted()
    ids = _sample_ids(sample)
    if isinstance(ids, str):
        return Feedback(NOT_YET, f"Not yet: {ids}.")
    frame = _m2_frame(enterprises, province, year)
    weights, _, unknown = _stratum_weights(ids, frame, list(by))
    if unknown:
        return Feedback(
            NOT_YET, f"Not yet: the sample is not from the frame of {province} in {year}."
        )
    flags = frame.set_index(frame["enterprise_id"].astype("str"))[column].astype(float)
    y = ids.map(flags).to_numpy(dtype=float)
    w = weights.to_numpy()
    expected = float(100 * (w * y).sum() / w.sum())
    mistakes: Mistakes = {
        "the weights seem to be ignored: each sampled enterprise stands for N_h/n_h "
        "enterprises of its stratum.": lambda: [float(100 * y.mean())],
        "this is the share in the whole frame, which a real survey does not know; estimate it "
        "from the sample with the design weights.": lambda: [float(100 * frame[column].mean())],
        "the weights seem inverted: use N_h/n_h, not n_h/N_h.": lambda: [
            float(100 * (y / w).sum() / (1 / w).sum())
        ],
    }
    return _check_value(
        answer,
        expected,
        mistakes,
        tolerance=TOLERANCE,
        percentage=True,
        fallback="Not yet: divide the weighted count of enterprises with the feature by the sum "
        "of the weights, times 100.",
    )


def _check_value(
    answer: object,
    expected: float,
    mistakes: Mistakes,
    *,
    tolerance: float,
    percentage: bool = False,
    fallback: str,
) -> Feedback:
    """Compare one number with ``expected`` and name the first mistake it matches."""
    if is_placeholder(answer):
        return not_attempted()
    value = as_number(answer)
    if isinstance(value, str):
        return Feedback(NOT_YET, f"Not yet: {value}.")

    def near(a: float, b: float) -> bool:
        return math.isclose(a, b, abs_tol=tolerance)

    if near(value, expected):
        return Feedback(CORRECT, "Correct! ✔")
    if percentage and 0 <= value <= 1 and near(100 * value, expected):
        return Feedback(NOT_YET, "Nearly: give a percentage (0-100); multiply your share by 100.")
    for hint, compute in mistakes.items():
        if any(near(value, candidate) for candidate in compute()):
            return Feedback(NOT_YET, f"Not yet: {hint}")
    return Feedback(NOT_YET, fallback)


def check_sample_size(
    answer: object,
    enterprises: pd.DataFrame,
    province: str,
    year: int,
    *,
    target_cv: float,
    design_effect: float = 1.0,
    response_rate: float = 1.0,
    share: float | None = None,
    variable: str | None = None,
) -> Feedback:
    """Check the number of enterprises to select for a target coefficient of variation.

    Give ``share`` (the guessed proportion P) for a proportion, or ``variable`` (a numeric
    column of the frame, whose S/mean in the province's frame stands in for a past survey)
    for a mean. N is the number of enterprises active in ``year`` in the province. Right
    within ±1 of :func:`lrkit.sampling.sample_size_for_proportion` or ``_for_mean`` (other
    forms of the finite population correction differ by one enterprise at most).
    """
    if is_placeholder(answer):
        return not_attempted()
    from lrkit.sampling import (
        check_design_parameters,
        sample_size_for_mean,
        sample_size_for_proportion,
        survey_frame,
    )

    if (share is None) == (variable is None):
        raise ValueError("give exactly one of share= (a proportion) or variable= (a mean)")
    design = check_design_parameters(target_cv, design_effect, response_rate)
    cv, deff, rate = design.target_cv, design.design_effect, design.response_rate
    frame = survey_frame(enterprises, year, province)
    big_n = len(frame)

    def size(
        c: float = cv,
        d: float = deff,
        r: float = rate,
        population: int | None = big_n,
        ddof: int = 1,
        table: pd.DataFrame = frame,
    ) -> float:
        if share is not None:
            return float(
                sample_size_for_proportion(
                    share, c, population=population, design_effect=d, response_rate=r
                ).n
            )
        values = pd.to_numeric(table[variable]).astype(float)
        unit_cv = float(values.std(ddof=ddof) / values.mean())
        return float(
            sample_size_for_mean(
                unit_cv, c, population=population, design_effect=d, response_rate=r
            ).n
        )

    expected = size()
    if share is not None:
        n0 = (1 - share) / (cv**2 * share)
    else:
        values = pd.to_numeric(frame[variable]).astype(float)
        n0 = float((values.std(ddof=1) / values.mean()) ** 2 / cv**2)
    if isinstance(answer, bool):
        return Feedback(NOT_YET, f"Not yet: the answer should be a number, got {answer!r}.")
    try:
        value = float(answer)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return Feedback(NOT_YET, f"Not yet: the answer should be a whole number, got {answer!r}.")
    if not math.isfinite(value):
        return Feedback(NOT_YET, f"Not yet: the answer should be a finite number, got {answer!r}.")
    if abs(value - expected) <= 1 or abs(value - size(ddof=0)) <= 1:
        if not float(value).is_integer():
            return Feedback(NOT_YET, "Nearly: round up to a whole number of enterprises.")
        return Feedback(CORRECT, "Correct! ✔")
    others = survey_frame(enterprises, year)
    all_years = enterprises[enterprises["province"] == province]
    uncapped = _raw_size(n0, deff, big_n, rate)
    if value > big_n and abs(value - uncapped) <= 1:
        return Feedback(
            NOT_YET,
            f"Nearly: you cannot select more than the N = {big_n:,} enterprises of the frame; "
            "when the formula asks for more, the survey becomes a census of the frame.",
        )
    mistakes: list[tuple[str, Callable[[], list[float]]]] = [
        (
            "the response rate is missing: only a share of the selected enterprises answer, "
            "so divide the number of answers you need by the expected response rate.",
            lambda: [size(r=1.0)],
        ),
        (
            "multiply by the response rate? No: divide by it. You must select more "
            "enterprises than the answers you need.",
            lambda: [size(r=1.0) * rate**2, math.ceil(size(r=1.0) * rate)],
        ),
        (
            "the finite population correction is missing: n = n_deff / (1 + n_deff / N) "
            "with N the enterprises in your province's frame.",
            lambda: [size(population=None), float(math.ceil(size(population=None)))],
        ),
        (
            "the design effect is missing: multiply the simple-random-sampling size by it.",
            lambda: [size(d=1.0)],
        ),
        (
            "the target CV should be a share (5% is 0.05), not a percentage.",
            lambda: [
                _raw_size(n0 * 1e-4, deff, big_n, rate),
                _raw_size(n0 * 1e-4, deff, None, rate),
            ],
        ),
        (
            "N should be the enterprises of your province only, not the whole frame.",
            lambda: [size(population=len(others), table=others)],
        ),
        (
            "N should be the enterprises active in the notebook's `year`, not every "
            "enterprise ever in the frame.",
            lambda: [size(population=len(all_years), table=all_years)],
        ),
    ]
    if share is not None:
        mistakes.append(
            (
                "a CV is relative to P (standard error ÷ P), so n0 = (1 − P) / (CV² × P), "
                "not P(1 − P) / CV².",
                lambda: [_raw_size(share * (1 - share) / cv**2, deff, big_n, rate)],
            )
        )
    for hint, compute in mistakes:
        if any(abs(value - candidate) <= 1 for candidate in compute()):
            return Feedback(NOT_YET, f"Not yet: {hint}")
    return Feedback(
        NOT_YET,
        "Not yet: work through the steps: n0 from the target CV, × design effect, finite "
        "population correction, ÷ response rate, then round up.",
    )


def _raw_size(n0: float, deff: float, population: int | None, rate: float) -> float:
    """Return ⌈fpc(n0 · deff) / rate⌉ without checking the inputs (for mistaken formulas)."""
    n = n0 * deff
    if population is not None:
        n = n / (1 + n / population)
    return float(math.ceil(n / rate - 1e-9))


def _report_ids(answer: object, batch: pd.DataFrame) -> set[str] | str:
    """Return the report ids of an answer (ids, a mask over the batch, or a table)."""
    if isinstance(answer, pd.DataFrame):
        if "report_id" not in answer.columns:
            return "a table of rejected reports needs its `report_id` column"
        answer = answer["report_id"]
    if isinstance(answer, pd.Series) and pd.api.types.is_bool_dtype(answer.dtype):
        if len(answer) != len(batch):
            return "a true/false answer must have one value per report of the batch"
        mask = answer.fillna(False).to_numpy(dtype=bool)
        return set(batch["report_id"].astype("str").to_numpy()[mask])
    if isinstance(answer, str) or not hasattr(answer, "__iter__"):
        return "give the report_id values of the reports your rules reject (a list or Series)"
    ids = {str(value) for value in answer}  # type: ignore[union-attr]
    unknown = ids - set(batch["report_id"].astype("str"))
    if unknown:
        return f"{len(unknown)} id(s) in your answer are not report_id values of the batch"
    return ids


def _rule_traps(
    rules: list[str], extra: set[str], batch: pd.DataFrame, enterprises: pd.DataFrame
) -> str:
    """Return a hint for the known trap that explains most wrongly flagged reports, or ''."""
    if not extra:
        return ""
    flagged = batch["report_id"].astype("str").isin(extra).to_numpy()
    traps: list[tuple[str, pd.Series]] = []
    if "duplicate" in rules:
        from lrkit.validation import DUPLICATE_FIELDS

        fields = [f for f in DUPLICATE_FIELDS if f in batch.columns]
        repeated = batch[fields].duplicated(keep=False)
        first_copies = repeated & ~batch[fields].duplicated(keep="first")
        traps.append(
            (
                " For a report received twice, keep the first one and reject only the repeat "
                "(duplicated(keep='first')).",
                first_copies,
            )
        )
    if "workers_exceed_employees" in rules:
        known = batch["enterprise_id"].isin(set(enterprises["enterprise_id"]))
        traps.append(
            (
                " A report whose enterprise is missing from the frame is not wrong: the frame "
                "lags behind new registrations. Check workers against employees only where the "
                "enterprise is known.",
                ~known & batch["enterprise_id"].notna(),
            )
        )
    if "end_before_start" in rules:
        traps.append(
            (
                " A one-day strike starts and ends on the same day: that is allowed.",
                (batch["start_date"] == batch["end_date"]).fillna(False),
            )
        )
    if "days_inconsistent" in rules:
        span = (batch["end_date"] - batch["start_date"]).dt.days + 1
        calendar = pd.to_numeric(batch["workers_involved"]) * span
        traps.append(
            (
                " Days not worked are workers involved × *working* days (the `working_days` "
                "field), not calendar days.",
                (pd.to_numeric(batch["days_not_worked"]) != calendar).fillna(False),
            )
        )
    best, count = "", 0
    for hint, rows in traps:
        explained = int((flagged & rows.to_numpy(dtype=bool)).sum())
        if explained > count:
            best, count = hint, explained
    return best


def check_rules(
    answer_ids: object,
    batch: pd.DataFrame,
    enterprises: pd.DataFrame,
    year: int,
    rules: str | list[str] | tuple[str, ...],
) -> Feedback:
    """Check which reports of ``batch`` a learner's rule(s) flag, against the kit's rules.

    ``rules`` names one or more rules of :data:`lrkit.validation.RULES`. The answer is the
    report ids the learner's rules flag (a list, a Series of ids, a true/false Series over
    the batch or a table with ``report_id``). Right when it is exactly the reports that
    :func:`lrkit.validation.rule_table` says break those rules. Counts of missed and
    wrongly flagged reports are given, never which ones.
    """
    if is_placeholder(answer_ids):
        return not_attempted()
    from lrkit.validation import RULES, reporting_period, rule_table

    wanted = [rules] if isinstance(rules, str) else list(rules)
    unknown = [r for r in wanted if r not in RULES]
    if unknown:
        raise ValueError(f"unknown rule(s) {unknown}; rules are: {', '.join(RULES)}")
    given = _report_ids(answer_ids, batch)
    if isinstance(given, str):
        return Feedback(NOT_YET, f"Not yet: {given}.")
    table = rule_table(batch, enterprises, reporting_period(year))
    broken = table[wanted].any(axis=1).to_numpy()
    expected = set(batch["report_id"].astype("str").to_numpy()[broken])
    missed, extra = expected - given, given - expected
    if not missed and not extra:
        return Feedback(
            CORRECT, f"Correct! ✔ Your rules flag the {len(expected)} report(s) that break them."
        )
    parts = []
    if missed:
        parts.append(f"{len(missed)} report(s) that break these rules are not in your answer")
    if extra:
        parts.append(f"{len(extra)} report(s) in your answer do not break these rules")
    hint = _rule_traps(wanted, extra, batch, enterprises)
    if missed and not hint:
        hint = (
            " Check every condition of the rules; a comparison with a missing value gives "
            "<NA>, so finish a mask with .fillna(False)."
        )
    return Feedback(NOT_YET, "Not yet: " + "; ".join(parts) + "." + hint)


def check_validation(
    answer_ids: object, batch: pd.DataFrame, year: int, seed: int | None
) -> Feedback:
    """Score the reports a learner rejects against the ledger of faults injected in the batch.

    ``batch`` must be the reports of :func:`lrkit.synth.incoming.incoming_strike_reports`
    for ``year`` and ``seed``; the ledger is rebuilt here and never shown. Right when every
    faulty report is rejected and no good one is. Otherwise the feedback counts the faults
    caught, names the *kinds* of fault missed (not the reports) and counts good reports
    rejected, with a hint for the usual traps.
    """
    if is_placeholder(answer_ids):
        return not_attempted()
    from lrkit.synth.incoming import incoming_strike_reports

    truth = incoming_strike_reports(year, seed)
    expected_batch = truth.reports.reset_index(drop=True)
    same = isinstance(batch, pd.DataFrame) and set(expected_batch.columns) <= set(batch.columns)
    if same:
        given_batch = batch.reset_index(drop=True)[list(expected_batch.columns)]
        same = given_batch.astype("object").equals(expected_batch.astype("object"))
    if not same:
        return Feedback(
            NOT_YET,
            "Not yet: `batch` is not the batch of this notebook's year and seed; run the first "
            "cells again to reload it.",
        )
    given = _report_ids(answer_ids, batch)
    if isinstance(given, str):
        return Feedback(NOT_YET, f"Not yet: {given}.")
    faulty = truth.faulty_ids
    caught, missed, good_rejected = given & faulty, faulty - given, given - faulty
    if not missed and not good_rejected:
        return Feedback(
            CORRECT,
            f"Correct! ✔ Your rules catch all {len(faulty)} faulty reports and accept every "
            "good one.",
        )
    message = f"Not yet: your rules catch {len(caught)} of the {len(faulty)} faulty reports"
    if missed:
        kinds = truth.ledger[truth.ledger["report_id"].isin(missed)]["fault"].value_counts()
        listed = ", ".join(f"{fault} ({count})" for fault, count in kinds.sort_index().items())
        message += f"; the ones missed break: {listed}"
    if good_rejected:
        message += f"; they also reject {len(good_rejected)} good report(s)"
        enterprises = _enterprises_of(seed)
        from lrkit.validation import RULES

        message += "." + _rule_traps(list(RULES), good_rejected, batch, enterprises)
        return Feedback(NOT_YET, message)
    return Feedback(NOT_YET, message + ".")


def _enterprises_of(seed: int | None) -> pd.DataFrame:
    """Return the enterprise frame of data ``seed`` (the frame the strike reports use)."""
    from lrkit.data import load_dataset

    return load_dataset("enterprises", seed=seed)


# ---------------------------------------------------------------------------------------
# Module 3: managing and harmonising data (cleaning deliveries, linking the strike
# registers, disclosure control of microdata). Expected values are computed here from the
# notebook's parameters, with the kit's own functions imported inside each check.


def _m3_not_attempted() -> Feedback:
    return Feedback(
        NOT_ATTEMPTED, "Not yet: replace the ... with your answer, then run this cell again."
    )


def _m3_spelling_kinds(values: pd.Series) -> list[str]:
    """Name the kinds of spelling left in ``values`` (raw province names), for a hint."""
    import unicodedata

    from lrkit.reference.provinces import fold_name

    kinds = []
    text = values.dropna().astype(str)
    if (text != text.str.strip()).any():
        kinds.append("spaces around the name (strip them)")
    if text.map(lambda s: s != unicodedata.normalize("NFC", s)).any():
        kinds.append("letters in decomposed Unicode (normalise to NFC)")
    if text.map(lambda s: fold_name(s).startswith(("tp", "tinh", "thanh pho"))).any():
        kinds.append("a 'TP.' or 'Tỉnh' prefix")
    if text.map(lambda s: s.strip().isupper()).any():
        kinds.append("names in capitals")
    if text.map(lambda s: s.isascii() and s.strip() and not s.strip().isupper()).any():
        kinds.append("names typed without diacritics")
    if text.map(lambda s: s.strip().islower()).any():
        kinds.append("names in lower case")
    return kinds


def check_cleaned_provinces(answer: object, raw: pd.Series) -> Feedback:
    """Check province names a learner cleaned from a raw delivery's province column.

    ``raw`` is the delivered column (text as delivered); the answer has one official name
    per value (a Series or list of the same length and order): the unit the agency wrote,
    spelt as in the kit's list of the 63 former and 34 current units. The expected names
    come from :func:`lrkit.clean.province_name`; they are never shown.
    """
    if is_placeholder(answer):
        return _m3_not_attempted()
    from lrkit.clean import province_name
    from lrkit.reference.provinces import crosswalk_2025, provinces_pre2025

    if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
        answer = answer.iloc[:, 0]
    if isinstance(answer, str) or not hasattr(answer, "__len__"):
        return Feedback(
            NOT_YET, "Not yet: give one cleaned name per row of the column (a pandas Series)."
        )
    given = pd.Series(list(answer), dtype="object")  # type: ignore[arg-type]
    raw = pd.Series(list(raw), dtype="object")
    if len(given) != len(raw):
        return Feedback(
            NOT_YET,
            f"Not yet: your answer has {len(given)} names for {len(raw)} rows; keep one name "
            "per row, in the same order (use .map on the column, do not drop rows).",
        )
    expected = raw.map(province_name)
    known = expected.notna()
    wrong = known & (given.astype(str) != expected.astype(str))
    if not wrong.any():
        return Feedback(
            CORRECT, f"Correct! ✔ {expected.nunique()} official names for {len(raw)} rows."
        )
    current = dict(zip(crosswalk_2025()["province_pre2025"], crosswalk_2025()["province_2025"],
                       strict=True))  # fmt: skip
    if ((given.astype(str) == expected.map(current).astype(str)) | ~known).all():
        return Feedback(
            NOT_YET,
            "Not yet: these are the current (2025) provinces. Keep the unit the agency wrote "
            "(e.g. a former province before the July 2025 merger); the crosswalk comes later.",
        )
    official = set(provinces_pre2025())
    unofficial = given[wrong & ~given.isin(official)]
    message = f"Not yet: {int(wrong.sum())} of {len(raw)} names differ from the official ones"
    kinds = _m3_spelling_kinds(raw[wrong])
    if kinds:
        message += "; the raw names you still miss have: " + "; ".join(kinds)
    if len(unofficial):
        message += f". For example {unofficial.iloc[0]!r} is not an official name"
    return Feedback(NOT_YET, message + ".")


def _m3_rows(answer: object) -> set[int] | str:
    if isinstance(answer, pd.DataFrame):
        if "row" not in answer.columns:
            return "a table of flagged rows needs its `row` column (the delivered row number)"
        answer = answer["row"]
    if isinstance(answer, str) or not hasattr(answer, "__iter__"):
        return "give the `row` numbers of the rows you flag (a list or a Series)"
    try:
        return {int(v) for v in answer}  # type: ignore[union-attr]
    except (TypeError, ValueError):
        return "the answer should hold row numbers (whole numbers from the `row` column)"


def check_flagged_rows(
    answer_rows: object, delivery: str, fault_type: str, seed: int | None = None
) -> Feedback:
    """Score the rows a learner flags against the error ledger, for one fault type.

    ``delivery`` names the raw delivery (``ministry_strikes``, ``vgcl_strikes``,
    ``agreements``, ``disputes``) and ``fault_type`` a fault type of the ledger (e.g.
    ``impossible_value``). Right when the rows flagged are exactly the rows the ledger lists
    for that fault. Otherwise the feedback counts found, missed and false alarms, never
    which rows.
    """
    if is_placeholder(answer_rows):
        return _m3_not_attempted()
    from lrkit.clean import delivery_ledger

    ledger = delivery_ledger(delivery, seed=seed)
    if fault_type not in set(ledger["fault_type"]):
        raise ValueError(
            f"fault type {fault_type!r} is not in the ledger of {delivery}; it has: "
            f"{', '.join(sorted(set(ledger['fault_type'])))}"
        )
    given = _m3_rows(answer_rows)
    if isinstance(given, str):
        return Feedback(NOT_YET, f"Not yet: {given}.")
    faults = ledger[ledger["fault_type"] == fault_type]
    expected = {int(r) for r in faults["row"].dropna()}
    found, missed, extra = given & expected, expected - given, given - expected
    if not missed and not extra:
        return Feedback(
            CORRECT, f"Correct! ✔ You found all {len(expected)} rows with this fault, and no "
            "false alarm."
        )
    message = f"Not yet: you found {len(found)} of the {len(expected)} rows with this fault"
    if extra:
        message += f", with {len(extra)} false alarm(s)"
    hints = []
    copies = {
        int(r) for r in ledger.loc[ledger["fault_type"] == "duplicate_row", "row"].dropna()
    }
    if extra & copies:
        hints.append("some flagged rows are copies of earlier rows: drop duplicates first")
    if missed:
        columns = sorted(set(faults.loc[faults["row"].isin(missed), "column"]))
        hints.append(
            "check every column that can hold this fault: the missed rows have it in "
            + ", ".join(repr(c) for c in columns)
        )
    if extra - copies and fault_type == "impossible_value":
        hints.append(
            "a value that is merely unusual (a big strike, dates that disagree) is not "
            "impossible; a swapped date is another kind of fault"
        )
    return Feedback(NOT_YET, message + (". " + "; ".join(hints) if hints else "") + ".")


def check_delivery_workers(
    answer: object, delivery: str, province: str, year: int, seed: int | None = None
) -> Feedback:
    """Check workers involved in ``province`` and ``year`` after cleaning a strike delivery.

    Expected: the sum of ``workers_involved`` (VGCL: ``peak_workers``) over the rows that
    :func:`lrkit.clean.clean_delivery` keeps, in the current (2025) ``province`` (column
    ``province_2025``), with a start date in ``year``. Hints name the usual slips: the
    province as written instead of the current unit, duplicates or impossible rows kept.
    """
    if is_placeholder(answer):
        return _m3_not_attempted()
    from lrkit.clean import DELIVERIES, clean_delivery

    spec = DELIVERIES[delivery]
    workers = next(c for c in spec.workers)
    date = spec.order_date
    cleaning = clean_delivery(delivery, seed=seed)

    def total(frame: pd.DataFrame, column: str = "province_2025", where: str = province,
              when: int = year) -> float:  # fmt: skip
        dates = pd.to_datetime(frame[date], errors="coerce")
        rows = (frame[column] == where) & (dates.dt.year == when)
        return float(pd.to_numeric(frame.loc[rows, workers], errors="coerce").sum())

    expected = total(cleaning.kept)
    steps = {s.step: s for s in cleaning.steps}
    with_impossible = steps["impossible"].kept
    with_impossible = pd.concat([with_impossible, steps["impossible"].set_aside],
                                ignore_index=True)  # fmt: skip
    duplicates = steps["duplicates"].set_aside
    mistakes: list[tuple[str, Callable[[], list[float]]]] = [
        ("you filtered on the province as the agency wrote it; since July 2025 your province "
         "includes former provinces: filter on `province_2025`.",
         lambda: [total(cleaning.kept, "province")]),
        ("rows with impossible values (set aside by the cleaning) seem to be in your sum.",
         lambda: [total(with_impossible)]),
        ("duplicated rows seem to be counted twice: use the cleaning's `kept` rows.",
         lambda: [expected + _m3_duplicate_total(duplicates, workers, date, province, year)]),
        ("this looks like another year; filter on the start date's year.",
         lambda: [total(cleaning.kept, when=y) for y in range(year - 2, year + 3) if y != year]),
    ]  # fmt: skip
    if isinstance(answer, bool):
        return Feedback(NOT_YET, f"Not yet: the answer should be a number, got {answer!r}.")
    try:
        value = float(answer)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return Feedback(NOT_YET, f"Not yet: the answer should be a number, got {answer!r}.")
    if abs(value - expected) < 0.5:
        return Feedback(CORRECT, "Correct! ✔")
    for hint, compute in mistakes:
        if any(abs(value - c) < 0.5 for c in compute()):
            return Feedback(NOT_YET, f"Not yet: {hint}")
    return Feedback(
        NOT_YET,
        "Not yet: keep the cleaning's `kept` rows, your province in `province_2025` and the "
        "year of the start date, then add up the workers.",
    )


def _m3_duplicate_total(
    duplicates: pd.DataFrame, workers: str, date: str, province: str, year: int
) -> float:
    """Workers of duplicate rows (raw text) whose province and year look like the target."""
    from lrkit.clean import parse_date, parse_number, province_name
    from lrkit.reference.provinces import crosswalk_2025

    current = dict(zip(crosswalk_2025()["province_pre2025"], crosswalk_2025()["province_2025"],
                       strict=True))  # fmt: skip
    total = 0.0
    for _, row in duplicates.iterrows():
        name = province_name(row["province"])
        when, _ = parse_date(row[date])
        try:
            number = parse_number(row[workers])
        except ValueError:
            continue
        if name and current.get(name) == province and when is not None and when.year == year:
            total += number or 0.0
    return total


def check_linkage(
    answer_links: object, province: str, seed: int | None = None, *, target: float = 0.95
) -> Feedback:
    """Score a learner's links between the ministry's and VGCL's registers in ``province``.

    ``answer_links`` is a table with ``left_id`` (ministry ``strike_id``) and ``right_id``
    (VGCL ``record_id``), or with ``strike_id`` and ``record_id``. Scored against the hidden
    true links: right when precision and recall both reach ``target``. The feedback gives
    precision and recall (they are the learner's own scores, not the answer) and a hint
    about the usual slips: linking on the name only, requiring the same start date, linking
    a record twice.
    """
    if is_placeholder(answer_links):
        return _m3_not_attempted()
    from lrkit.data import load_dataset
    from lrkit.linkage import as_pairs, load_registers, true_links, working_days_apart

    try:
        given = as_pairs(answer_links)
    except ValueError as error:
        return Feedback(NOT_YET, f"Not yet: {error}")
    left, right = load_registers(seed=seed, province=province)
    truth = true_links(load_dataset("strike_linkage", seed=seed))
    inside = truth["left_id"].isin(left["record_id"]) & truth["right_id"].isin(right["record_id"])
    truth = truth[inside]
    real = set(zip(truth["left_id"], truth["right_id"], strict=True))
    unknown = {p for p in given if p[0] not in set(left["record_id"]) or p[1] not in set(
        right["record_id"])}  # fmt: skip
    if unknown and len(unknown) == len(given):
        return Feedback(
            NOT_YET,
            "Not yet: none of your pairs are (ministry strike_id, VGCL record_id) of your "
            "province; put the ministry's id first.",
        )
    correct = given & real
    precision = len(correct) / len(given) if given else 0.0
    recall = len(correct) / len(real) if real else 0.0
    scores = f"precision {precision:.0%}, recall {recall:.0%}"
    if precision >= target and recall >= target:
        return Feedback(CORRECT, f"Correct! ✔ Your links reach {scores}.")
    hints = []
    lefts = [a for a, _ in given]
    rights = [b for _, b in given]
    if len(set(lefts)) < len(lefts) or len(set(rights)) < len(rights):
        hints.append(
            "some records are linked more than once: a stoppage is in each register at most "
            "once, so keep only the best pair for each record (one-to-one)"
        )
    false = given - real
    if false:
        by_id_l = left.set_index("record_id")
        by_id_r = right.set_index("record_id")
        pairs = [(a, b) for a, b in false if a in by_id_l.index and b in by_id_r.index]
        if pairs:
            a_ids, b_ids = zip(*pairs, strict=True)
            gaps = working_days_apart(
                by_id_l.loc[list(a_ids), "start_date"].reset_index(drop=True),
                by_id_r.loc[list(b_ids), "start_date"].reset_index(drop=True),
            )
            same_name = (
                by_id_l.loc[list(a_ids), "enterprise_name"].to_numpy()
                == by_id_r.loc[list(b_ids), "enterprise_name"].to_numpy()
            )
            if (gaps > 5).mean() > 0.5:
                hints.append(
                    "you seem to have linked on the name only: many false links, because "
                    "one enterprise can strike more than once and several enterprises share "
                    "a name; compare the start dates too"
                )
            elif (~same_name).mean() > 0.5:
                hints.append(
                    "many of your links join different enterprises that stopped work on the "
                    "same days: compare the enterprise names too"
                )
    missed = real - given
    if missed and not hints:
        a_ids, b_ids = zip(*missed, strict=True)
        gaps = working_days_apart(
            left.set_index("record_id").loc[list(a_ids), "start_date"].reset_index(drop=True),
            right.set_index("record_id").loc[list(b_ids), "start_date"].reset_index(drop=True),
        )
        if (gaps >= 1).mean() > 0.5:
            hints.append(
                "VGCL dates a stoppage when it learns of it, often a working day or more "
                "after the ministry: allow a window of a few days instead of the same date"
            )
        else:
            hints.append("your rule is too strict: look at the pairs just below your threshold")
    message = f"Not yet: {scores} (aim for {target:.0%} or more of each)"
    return Feedback(NOT_YET, message + (". Hint: " + "; ".join(hints) if hints else "") + ".")


def check_distinct_stoppages(
    answer: object, province: str, year: int, seed: int | None = None
) -> Feedback:
    """Check the number of distinct stoppages of ``year`` in ``province`` in either register.

    Expected: the ministry's records of that year + VGCL's records of that year − the true
    links between them (pairs whose two records are both of that year), from the hidden
    true links. Hints for double counting, one register only and the links themselves.
    """
    if is_placeholder(answer):
        return _m3_not_attempted()
    from lrkit.data import load_dataset
    from lrkit.linkage import load_registers, true_links

    left, right = load_registers(seed=seed, province=province)
    in_left = set(left.loc[left["year"] == year, "record_id"])
    in_right = set(right.loc[right["year"] == year, "record_id"])
    truth = true_links(load_dataset("strike_linkage", seed=seed))
    both = int((truth["left_id"].isin(in_left) & truth["right_id"].isin(in_right)).sum())
    m, v = len(in_left), len(in_right)
    expected = m + v - both
    mistakes: Mistakes = {
        "the stoppages in both registers are counted twice: subtract the links.": lambda: [
            float(m + v)
        ],
        "that is one register only; count the stoppages known to either.": lambda: [
            float(m),
            float(v),
        ],
        "that is the number of links (stoppages in both registers), not in either.": lambda: [
            float(both)
        ],
    }
    if isinstance(answer, bool):
        return Feedback(NOT_YET, f"Not yet: the answer should be a number, got {answer!r}.")
    try:
        value = float(answer)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return Feedback(NOT_YET, f"Not yet: the answer should be a whole number, got {answer!r}.")
    if value == expected:
        return Feedback(CORRECT, "Correct! ✔")
    from lrkit.linkage import link_registers

    kit = link_registers(left, right).links
    kit_both = int((kit["left_id"].isin(in_left) & kit["right_id"].isin(in_right)).sum())
    if value == m + v - kit_both:
        return Feedback(
            CORRECT,
            "Correct! ✔ (Your count agrees with good links; the hidden truth differs by "
            f"{abs(kit_both - both)}: a pair that no rule can tell apart, such as one "
            "enterprise stopping work twice within days.)",
        )
    if both >= 2 and value == m + v:
        return Feedback(NOT_YET, "Not yet: " + next(iter(mistakes)))
    if abs(value - expected) <= 2:
        return Feedback(
            NOT_YET,
            "Nearly: check the links of your year (each false or missed link changes the count "
            "by one); count a link only when both its records are of your year.",
        )
    for hint, compute in mistakes.items():
        if any(value == c for c in compute()):
            return Feedback(NOT_YET, f"Not yet: {hint}")
    return Feedback(
        NOT_YET,
        "Not yet: distinct stoppages = ministry records + VGCL records − links, for your "
        "province and year.",
    )


def check_smallest_class(answer: object, records: pd.DataFrame, quasi: list[str]) -> Feedback:
    """Check the size of the smallest equivalence class of ``records`` on ``quasi``."""
    if is_placeholder(answer):
        return _m3_not_attempted()
    from lrkit.sdc_microdata import equivalence_classes

    classes = equivalence_classes(records, quasi)
    expected = int(classes["size"].min())
    if isinstance(answer, bool):
        return Feedback(NOT_YET, f"Not yet: the answer should be a number, got {answer!r}.")
    try:
        value = float(answer)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return Feedback(NOT_YET, f"Not yet: the answer should be a whole number, got {answer!r}.")
    if value == expected:
        return Feedback(CORRECT, "Correct! ✔")
    if value == len(classes):
        return Feedback(
            NOT_YET, "Not yet: that is the number of classes; give the size of the smallest."
        )
    if value == int(classes["size"].max()):
        return Feedback(NOT_YET, "Not yet: that is the largest class; give the smallest.")
    dropped = records[list(quasi)].dropna()
    if len(dropped) < len(records) and value == int(dropped.groupby(list(quasi)).size().min()):
        return Feedback(
            NOT_YET,
            "Not yet: records with a missing value were left out; missing is a value an "
            "intruder sees too: group with dropna=False.",
        )
    return Feedback(
        NOT_YET,
        "Not yet: group the records by all the quasi-identifiers together, count the records "
        "in each group and take the smallest count.",
    )


def check_k_anonymity(
    answer: object,
    records: pd.DataFrame,
    quasi: list[str],
    k: int,
    *,
    age_band: int | None = 10,
) -> Feedback:
    """Check a file a learner prepared for sharing: no direct identifier, k-anonymous.

    Right when no column of :data:`lrkit.sdc_microdata.DIRECT_IDENTIFIERS` is left, every
    quasi-identifier is still there, the smallest equivalence class has ``k`` records or
    more, and no more records were suppressed than :func:`lrkit.sdc_microdata.protect_microdata`
    suppresses with age in bands of ``age_band`` years (plus 10%).
    """
    if is_placeholder(answer):
        return _m3_not_attempted()
    from lrkit.sdc_microdata import DIRECT_IDENTIFIERS, equivalence_classes, protect_microdata

    if not isinstance(answer, pd.DataFrame):
        return Feedback(
            NOT_YET,
            f"Not yet: the file to share should be a DataFrame, got {type(answer).__name__}.",
        )
    left = [c for c in DIRECT_IDENTIFIERS if c in answer.columns]
    if left:
        return Feedback(
            NOT_YET, f"Not yet: direct identifier(s) {left} are still in the file; drop them."
        )
    gone = [c for c in quasi if c not in answer.columns]
    if gone:
        return Feedback(
            NOT_YET,
            f"Not yet: keep the quasi-identifier column(s) {gone}: users need them; generalise "
            "or suppress values instead of dropping the column.",
        )
    if answer.empty:
        return Feedback(NOT_YET, "Not yet: the file is empty; suppress only what you must.")
    smallest = int(equivalence_classes(answer, quasi)["size"].min())
    if smallest < k:
        unique = ""
        if "age" in quasi and pd.api.types.is_numeric_dtype(answer["age"]):
            unique = " Age in single years makes most records unique: put it in bands first."
        return Feedback(
            NOT_YET,
            f"Not yet: the smallest class has {smallest} record(s); every combination of "
            f"{', '.join(quasi)} must be shared by at least {k}.{unique}",
        )
    kit = protect_microdata(records, quasi, k, age_band=age_band)
    if len(answer) < 0.9 * len(kit.kept):
        return Feedback(
            NOT_YET,
            f"Not yet: the file is {k}-anonymous, but {len(records) - len(answer)} of "
            f"{len(records)} records are gone: generalise (age bands) before you suppress.",
        )
    return Feedback(
        CORRECT,
        f"Correct! ✔ {len(answer)} of {len(records)} records kept; the smallest class has "
        f"{smallest}.",
    )


def check_top_coding(
    answer: object, records: pd.DataFrame, column: str, quantile: float = 0.99
) -> Feedback:
    """Check a column top-coded at its ``quantile`` (values above it replaced by it).

    ``answer`` is the top-coded column (a Series with the records' index) or a table that
    has it. Right when every value equals min(original, threshold) within 1 VND, where
    the threshold is the ``quantile`` of the known values (rounded down for whole numbers).
    """
    if is_placeholder(answer):
        return _m3_not_attempted()
    from lrkit.sdc_microdata import top_code

    if isinstance(answer, pd.DataFrame):
        if column not in answer.columns:
            return Feedback(NOT_YET, f"Not yet: the table has no column {column!r}.")
        answer = answer[column]
    if not isinstance(answer, pd.Series):
        return Feedback(
            NOT_YET, f"Not yet: give the top-coded column as a Series, got {type(answer).__name__}."
        )
    expected, threshold, n = top_code(records, column, quantile=quantile)
    want = pd.to_numeric(expected[column], errors="coerce").astype("float64")
    given = pd.to_numeric(answer.reindex(want.index), errors="coerce").astype("float64")
    if given.isna().sum() > want.isna().sum():
        return Feedback(
            NOT_YET,
            "Not yet: some records are missing or empty in your column; top-coding changes "
            "values, it does not drop records.",
        )
    diff = (given - want).abs().fillna(0)
    if (diff <= 1).all():
        return Feedback(CORRECT, f"Correct! ✔ {n} value(s) top-coded.")
    original = pd.to_numeric(records[column], errors="coerce").astype("float64")
    if (given.fillna(-1) == original.fillna(-1)).all():
        return Feedback(NOT_YET, "Not yet: the column is unchanged; replace the values above "
                        "the threshold by the threshold.")  # fmt: skip
    if given.max() < want.max() - 1:
        return Feedback(
            NOT_YET,
            "Not yet: your threshold is too low, or values below it changed too: compute it "
            f"as the {quantile} quantile of the known values, and change only the values above.",
        )
    return Feedback(
        NOT_YET,
        f"Not yet: values above the {quantile} quantile should become that quantile; the "
        "others stay as they are.",
    )
