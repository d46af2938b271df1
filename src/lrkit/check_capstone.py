"""Checks for the Module 7 exercises (the capstone), in the style of :mod:`lrkit.check`.

Each check recomputes the right answer from the data and the notebook's parameters with the
kit's own functions (:mod:`lrkit.capstone`, :mod:`lrkit.ir_indicators`,
:mod:`lrkit.impact`), never stores it and never shows it, not even in a hint. A wrong
answer is compared with what the usual mistakes give (a province filtered as written
instead of as it is today, two registers added without subtracting the links, the
simple-random-sampling standard error, a CV left as a share, an interval of ± one standard
error, "raised" read from a positive estimate whose interval includes zero, …) and the
hint names the mistake it matches.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from functools import cache

import numpy as np
import pandas as pd

from lrkit.check import (
    CORRECT,
    NOT_ATTEMPTED,
    NOT_ATTEMPTED_TEXT,
    NOT_YET,
    Feedback,
    as_number,
    is_placeholder,
)

#: Tolerance of a number rounded to one decimal (a percentage, a CV).
TOLERANCE_1 = 0.051
#: Tolerance of a number rounded to two decimals (a standard error in points).
TOLERANCE_2 = 0.0051
#: Tolerance of a number rounded to three decimals (log points).
TOLERANCE_3 = 0.00051
#: Tolerance of an interval bound worked out from the estimate and standard error as the
#: notebook prints them (rounded to three decimals): 0.0005 + 1.96 × 0.0005, then rounded.
TOLERANCE_CI = 0.0021
#: Phrases that say "the survey cannot tell", in English and Vietnamese (lower case).
CANNOT_TELL_WORDS: tuple[str, ...] = (
    "cannot tell", "can't tell", "can not tell", "cannot say", "not possible to tell",
    "cannot conclude", "can't conclude", "can not conclude",
    "chưa thể kết luận", "không thể kết luận", "chưa cho phép kết luận", "chưa thể khẳng định",
    "không thể khẳng định", "không cho phép kết luận", "chưa đủ bằng chứng", "không đủ bằng chứng",
)  # fmt: skip
#: Words that say the pay rose or fell (lower case, English and Vietnamese).
RAISED_WORDS: tuple[str, ...] = ("raised", "rose", "increased", "làm tăng", "tăng")
LOWERED_WORDS: tuple[str, ...] = ("lowered", "fell", "decreased", "fell behind", "giảm", "tụt")
SYNTHETIC_WORDS: tuple[str, ...] = ("synthetic", "mô phỏng")
#: Phrases that deny it (lower case): a paragraph with one of them is not marked synthetic.
NOT_SYNTHETIC_WORDS: tuple[str, ...] = (
    "not synthetic", "not simulated", "không phải là số liệu mô phỏng",
    "không phải số liệu mô phỏng", "không phải là dữ liệu mô phỏng", "không phải dữ liệu mô phỏng",
)  # fmt: skip
#: A claim that pay moved by an amount: a direction, then "by" (or "khoảng") and a number.
_CLAIM = re.compile(
    r"\b(?:raised|rose|increased|lowered|fell|decreased)\b[^.;:()]{0,60}?\bby (?:about |around "
    r"|some )?[-−]?\d|(?:tăng|giảm|tụt lại)[^.;:()]{0,40}?khoảng [-−]?\d"
)
#: Phrases that name the minimum-wage rise itself (lower case). They are taken out before the
#: direction of pay is read: "tăng lương tối thiểu" (the rise) says nothing about pay.
RISE_PHRASES: tuple[str, ...] = (
    "tăng lương tối thiểu", "lương tối thiểu vùng tăng", "lương tối thiểu tăng",
    "được điều chỉnh tăng", "điều chỉnh tăng",
    "minimum wage rose", "minimum wage increased", "minimum wage was increased",
)  # fmt: skip

Mistakes = list[tuple[str, Callable[[], list[float]]]]


def _compare(
    answer: object, expected: float, mistakes: Mistakes, *, tolerance: float, fallback: str
) -> Feedback:
    """Right within ``tolerance``; else the hint of every mistake whose value it matches."""
    if is_placeholder(answer):
        return Feedback(NOT_ATTEMPTED, NOT_ATTEMPTED_TEXT)
    value = as_number(answer)
    if isinstance(value, str):
        return Feedback(NOT_YET, f"Not yet: {value}.")
    if abs(value - expected) <= tolerance:
        return Feedback(CORRECT, "Correct! ✔")
    matched = [
        hint
        for hint, compute in mistakes
        if any(
            abs(value - c) <= tolerance
            for c in compute()
            if c is not None and np.isfinite(c) and abs(c - expected) > tolerance
        )
    ]
    if matched:
        return Feedback(NOT_YET, "Not yet: " + " Or: ".join(matched))
    return Feedback(NOT_YET, f"Not yet: {fallback}")


# ------------------------------------------------------------------------------ Exercise 7.1
@cache
def _pipeline(province: str, year: int, seed: int | None):
    """Return (params, raw, clean, link) of the capstone for the notebook's parameters."""
    from lrkit.capstone import check_capstone_parameters, clean, link, receive

    params = check_capstone_parameters(province, year, seed)
    raw = receive(params)
    cleaned = clean(raw, params)
    return params, raw, cleaned, link(cleaned, raw, params)


def check_rows_set_aside(
    answer: object, delivery: str, province: str, year: int, seed: int | None = None
) -> Feedback:
    """Check the rows of ``delivery`` the cleaning set aside, all its steps together."""
    _, _, cleaned, _ = _pipeline(province, int(year), seed)
    if delivery not in cleaned.data["cleanings"]:
        raise ValueError(
            f"delivery {delivery!r} is not one of: {', '.join(cleaned.data['cleanings'])}"
        )
    cleaning = cleaned.data["cleanings"][delivery]
    table = cleaning.accounting().set_index("step")
    others = [c for name, c in cleaned.data["cleanings"].items() if name != delivery]
    mistakes: Mistakes = [
        (
            "this is only what the last step (impossible values) set aside; add up the "
            "`set_aside` column of every step.",
            lambda: [float(table.loc["impossible", "set_aside"])],
        ),
        (
            "this is only the duplicates; other steps set rows aside too.",
            lambda: [float(table.loc["duplicates", "set_aside"])],
        ),
        (
            "this counts cells corrected in rows that were KEPT (`cells_changed`), not rows "
            "set aside.",
            lambda: [float(table["cells_changed"].sum())],
        ),
        (
            "this is the number of rows kept, not set aside.",
            lambda: [float(len(cleaning.kept))],
        ),
        (
            "this is the other register's delivery; use the one the question names.",
            lambda: [float(len(c.set_aside)) for c in others],
        ),
    ]
    return _compare(
        answer, float(len(cleaning.set_aside)), mistakes, tolerance=0.0,
        fallback="received = kept + set aside: the rows set aside are those the file had and "
        "the clean table does not.",
    )  # fmt: skip


def check_province_records(
    answer: object, province: str, year: int, seed: int | None = None
) -> Feedback:
    """Check the ministry's clean records (all years) of ``province`` as it is since 2025."""
    params, _, cleaned, _ = _pipeline(province, int(year), seed)
    kept = cleaned.data["cleanings"]["ministry_strikes"].kept
    expected = float((kept["province_2025"] == params.province).sum())
    vgcl = cleaned.data["cleanings"]["vgcl_strikes"].kept
    mistakes: Mistakes = [
        (
            "this filters on `province`, the unit as the agency wrote it: before July 2025 "
            "that is the former province (Bình Dương, Hải Dương, Bình Phước, …). Filter on "
            "`province_2025`, the unit the record belongs to today.",
            lambda: [float((kept["province"] == params.province).sum())],
        ),
        (
            "this counts every province; keep the records of your `province` only.",
            lambda: [float(len(kept))],
        ),
        (
            "this looks like the count of one year; the question asks for all years.",
            lambda: [
                float(((kept["province_2025"] == params.province)
                       & (kept["start_date"].dt.year == y)).sum())
                for y in range(2015, 2030)
            ],
        ),
        (
            "this is VGCL's register; the question asks for the ministry's.",
            lambda: [float((vgcl["province_2025"] == params.province).sum())],
        ),
    ]  # fmt: skip
    return _compare(
        answer, expected, mistakes, tolerance=0.0,
        fallback="count the rows of the ministry's clean table whose current province is "
        "yours.",
    )  # fmt: skip


def check_distinct_stoppages_year(
    answer: object, province: str, year: int, seed: int | None = None
) -> Feedback:
    """Check the distinct stoppages of ``province`` in ``year`` known to either register."""
    params, _, _, linked = _pipeline(province, int(year), seed)
    stoppages = linked.data["stoppages"]
    expected = float((stoppages["year"] == params.year).sum())
    left, right = linked.data["left"], linked.data["right"]
    m = float((left["year"] == params.year).sum())
    v = float((right["year"] == params.year).sum())
    mistakes: Mistakes = [
        (
            "this adds the two registers' counts without subtracting the stoppages they both "
            "recorded (the links): those are counted twice.",
            lambda: [m + v],
        ),
        ("this is the ministry's count only; VGCL records stoppages it does not.", lambda: [m]),
        ("this is VGCL's count only; the ministry records stoppages it does not.", lambda: [v]),
        (
            "this counts every year; keep the stoppages of the notebook's `year`.",
            lambda: [float(len(stoppages))],
        ),
        (
            "this is the number of links (stoppages in both registers), not of distinct "
            "stoppages.",
            lambda: [float(((stoppages["year"] == params.year)
                            & (stoppages["registers"] == "both")).sum())],
        ),
    ]  # fmt: skip
    return _compare(
        answer, expected, mistakes, tolerance=0.0,
        fallback="distinct stoppages = ministry records + VGCL records − links, for the year.",
    )  # fmt: skip


# ------------------------------------------------------------------------------ Exercise 7.2
def _scope(workers: pd.DataFrame, province: str, year: int) -> pd.DataFrame:
    here = workers[(workers["province"] == province) & (workers["year"] == int(year))]
    if here.empty:
        raise ValueError(f"no survey records for {province!r} in {year}")
    return here.reset_index(drop=True)


def _strata() -> list[str]:
    from lrkit.brief import STRATA

    return list(STRATA)


def check_coverage_se(answer: object, workers: pd.DataFrame, province: str, year: int) -> Feedback:
    """Check the standard error (percentage points) of bargaining coverage, two decimals."""
    from lrkit.ir_indicators import bargaining_coverage_estimates

    here = _scope(workers, province, year)
    row = bargaining_coverage_estimates(here, strata=_strata()).iloc[0]
    expected = float(row["se"])
    employees = here[here["status"] == "employee"]

    def srs() -> list[float]:
        p = float(row["rate"]) / 100
        q = float(employees["covered_by_agreement"].mean())
        n = len(employees)
        return [100 * math.sqrt(p * (1 - p) / n), 100 * math.sqrt(q * (1 - q) / n)]

    def stratum_only() -> list[float]:
        try:
            table = bargaining_coverage_estimates(here, strata="stratum")
        except ValueError:
            return []
        return [float(table["se"].iloc[0])]

    mistakes: Mistakes = [
        ("the standard error is in percentage points, like the rate: multiply by 100.",
         lambda: [expected / 100]),
        ("this is the coefficient of variation (cv_pct), not the standard error.",
         lambda: [float(row["cv_pct"])]),
        ("this is the simple-random-sampling formula √(p(1−p)/n): it ignores the strata, the "
         "enumeration areas (PSUs) and the weights. Use the design-based `se`.", srs),
        ("the year's records are four quarterly rounds, each a sample of its own: give "
         "strata=['year', 'quarter', 'stratum'], not the stratum alone.", stratum_only),
        ("this is the rate, not its standard error.", lambda: [float(row["rate"])]),
    ]  # fmt: skip
    return _compare(
        answer, expected, mistakes, tolerance=TOLERANCE_2,
        fallback="take the `se` column of bargaining_coverage_estimates with "
        "strata=['year', 'quarter', 'stratum'], rounded to two decimals.",
    )  # fmt: skip


def _below(workers: pd.DataFrame, province: str, year: int) -> pd.Series:
    from lrkit.ir_indicators import share_below_minimum_wage
    from lrkit.report import reference_dates

    here = _scope(workers, province, year)
    return share_below_minimum_wage(here, on=reference_dates(here), strata=_strata()).iloc[0]


def check_cv(answer: object, workers: pd.DataFrame, province: str, year: int) -> Feedback:
    """Check the CV (%) of the share of wage workers below the minimum wage, one decimal."""
    if is_placeholder(answer):
        return Feedback(NOT_ATTEMPTED, NOT_ATTEMPTED_TEXT)
    row = _below(workers, province, year)
    rate, se = float(row["rate"]), float(row["se"])
    if not rate > 0:
        return Feedback(
            NOT_YET,
            "Not yet computable: no wage worker of your sample is paid below the minimum, so "
            "the estimate is 0 and its CV (which divides by it) is not defined. Ask your "
            "trainer for another province or year.",
        )
    expected = 100 * se / rate
    half = (float(row["ci_upper"]) - float(row["ci_lower"])) / 2
    mistakes: Mistakes = [
        ("a CV is in percent: 100 × se ÷ estimate. This looks like se ÷ estimate.",
         lambda: [se / rate]),
        ("this is the standard error itself; divide it by the estimate (and × 100).",
         lambda: [se]),
        ("the CV uses the standard error, not the half-width of the confidence interval.",
         lambda: [100 * half / rate]),
        ("divide the standard error by the estimate (the rate), not by 100.",
         lambda: [se / 100]),
    ]  # fmt: skip
    return _compare(
        answer, expected, mistakes, tolerance=TOLERANCE_1 + 0.05,
        fallback="CV (%) = 100 × standard error ÷ estimate, both from the same row.",
    )  # fmt: skip


def check_flag(answer: object, workers: pd.DataFrame, province: str, year: int) -> Feedback:
    """Check the reliability flag of the share below the minimum wage (the kit's rule)."""
    from lrkit.survey import (
        CAUTION,
        CV_CAUTION_MAX,
        CV_PUBLISH_MAX,
        FLAGS,
        MIN_N_PUBLISH,
        MIN_N_SUPPRESS,
        PUBLISH,
        SUPPRESS,
    )  # fmt: skip

    if is_placeholder(answer):
        return Feedback(NOT_ATTEMPTED, NOT_ATTEMPTED_TEXT)
    if not isinstance(answer, str) or answer.strip().lower() not in FLAGS:
        return Feedback(
            NOT_YET, f"Not yet: the answer should be one of {', '.join(map(repr, FLAGS))}."
        )
    given = answer.strip().lower()
    row = _below(workers, province, year)
    if given == row["flag"]:
        return Feedback(CORRECT, "Correct! ✔")
    rule = (
        f"suppress when n < {MIN_N_SUPPRESS} or the CV is above {CV_CAUTION_MAX:g}%; use "
        f"with caution when n < {MIN_N_PUBLISH} or the CV is above {CV_PUBLISH_MAX:g}%; "
        "publish otherwise."
    )
    hints = {
        PUBLISH: "'publish' needs both a CV of at most "
        f"{CV_PUBLISH_MAX:g}% and at least {MIN_N_PUBLISH} sample persons: check both.",
        CAUTION: "'use with caution' is for a CV between "
        f"{CV_PUBLISH_MAX:g}% and {CV_CAUTION_MAX:g}% (or few observations): compare your CV "
        "with both thresholds.",
        SUPPRESS: "'suppress' is for a CV above "
        f"{CV_CAUTION_MAX:g}% or fewer than {MIN_N_SUPPRESS} observations: compare your CV "
        "with that threshold.",
    }
    return Feedback(NOT_YET, f"Not yet: {hints[given]} The kit's rule: {rule}")


# ------------------------------------------------------------------------------ Exercise 7.3
def _estimate(workers: pd.DataFrame, rise: str, covariance: str = "cluster"):
    from lrkit.impact import did_regression

    return did_regression(workers, rise, covariance=covariance)  # type: ignore[arg-type]


def _pair(answer: object) -> tuple[float, float] | str:
    if isinstance(answer, pd.Series | np.ndarray | list | tuple):
        values = list(np.asarray(answer, dtype="object").reshape(-1))
        if len(values) == 2:
            numbers = [as_number(v) for v in values]
            if all(isinstance(n, float) for n in numbers):
                return float(numbers[0]), float(numbers[1])  # type: ignore[arg-type]
    return "the answer should be two numbers, (lower, upper)"


def check_impact_ci(answer: object, workers: pd.DataFrame, rise: str) -> Feedback:
    """Check the 95% CI (lower, upper) of the DiD, clustered SEs, in log points (3 decimals)."""
    if is_placeholder(answer):
        return Feedback(NOT_ATTEMPTED, NOT_ATTEMPTED_TEXT)
    pair = _pair(answer)
    if isinstance(pair, str):
        return Feedback(NOT_YET, f"Not yet: {pair}.")
    low, high = pair
    if low > high:
        return Feedback(NOT_YET, "Not yet: give the lower bound first, then the upper bound.")
    estimate = _estimate(workers, rise)
    b, se = estimate.estimate, float(estimate.se)

    # bounds worked out from the printed (rounded) estimate and se pass; a 90% interval,
    # 0.3 se away, must not (hence the cap for very small standard errors)
    right = min(TOLERANCE_CI, 0.1 * se)

    def near(a: float, c: float, tolerance: float = right) -> bool:
        return abs(a - c) <= tolerance

    if near(low, float(estimate.ci_lower)) and near(high, float(estimate.ci_upper)):
        return Feedback(CORRECT, "Correct! ✔")
    candidates = [
        ("this is ± one standard error (a 68% interval); a 95% interval is ± 1.96 × se.",
         (b - se, b + se)),
        ("this is a 90% interval (± 1.645 × se); a 95% interval is ± 1.96 × se.",
         (b - 1.645 * se, b + 1.645 * se)),
        ("the interval should be in log points, like the estimate (0.050), not in percent.",
         (100 * float(estimate.ci_lower), 100 * float(estimate.ci_upper))),
    ]  # fmt: skip
    for covariance, name in (("plain", "plain"), ("robust", "robust (not clustered)")):
        other = _estimate(workers, rise, covariance)
        candidates.append((
            f"this uses the {name} standard error; cluster by enumeration area (`psu`): "
            "employees of one area resemble each other.",
            (float(other.ci_lower), float(other.ci_upper)),
        ))  # fmt: skip
    for hint, (a, c) in candidates:
        tolerance = 0.051 if a > 1 or c > 1 or a < -1 or c < -1 else right
        if near(low, a, tolerance) and near(high, c, tolerance):
            return Feedback(NOT_YET, f"Not yet: {hint}")
    return Feedback(
        NOT_YET, "Not yet: 95% interval = estimate ± 1.96 × standard error (clustered), "
        "rounded to three decimals.",
    )  # fmt: skip


def check_covers_truth(
    answer: object, workers: pd.DataFrame, rise: str, seed: int | None = None
) -> Feedback:
    """Check whether the learner says, rightly, if the 95% CI contains the true effect."""
    from lrkit.impact import true_rise_effect

    if is_placeholder(answer):
        return Feedback(NOT_ATTEMPTED, NOT_ATTEMPTED_TEXT)
    if not isinstance(answer, bool | np.bool_):
        return Feedback(NOT_YET, f"Not yet: answer True or False, got {answer!r}.")
    estimate = _estimate(workers, rise)
    truth = true_rise_effect(workers, rise, seed=seed)
    if bool(answer) == estimate.covers(truth):
        return Feedback(CORRECT, "Correct! ✔")
    return Feedback(
        NOT_YET,
        "Not yet: the interval contains the truth when lower ≤ truth ≤ upper; compare in the "
        "same unit (log points), with the truth from `true_rise_effect`.",
    )


def check_impact_verdict(answer: object, workers: pd.DataFrame, rise: str) -> Feedback:
    """Check the verdict of the impact question: raised, lowered or cannot tell."""
    from lrkit.capstone import CANNOT_TELL, VERDICTS, impact_verdict

    if is_placeholder(answer):
        return Feedback(NOT_ATTEMPTED, NOT_ATTEMPTED_TEXT)
    if not isinstance(answer, str) or answer.strip().lower() not in VERDICTS:
        return Feedback(
            NOT_YET, f"Not yet: the answer should be one of {', '.join(map(repr, VERDICTS))}."
        )
    estimate = _estimate(workers, rise)
    expected = impact_verdict(estimate)
    given = answer.strip().lower()
    if given == expected:
        return Feedback(CORRECT, "Correct! ✔")
    if expected == CANNOT_TELL:
        return Feedback(
            NOT_YET,
            "Not yet: the sign of the estimate is not enough. Look at the 95% interval: when it "
            "runs from below zero to above zero, the survey cannot tell the effect from no "
            "effect.",
        )
    if given == CANNOT_TELL:
        return Feedback(
            NOT_YET,
            "Not yet: look again at the 95% interval: does it include zero? If it lies wholly "
            "on one side of zero, the survey can tell the direction.",
        )
    return Feedback(NOT_YET, "Not yet: check the sign of the estimate and of its interval.")


#: A number: not the second half of "6,7" or "6.7" (a comma counts only after a digit, so
#: "(-6.7%,20.8%)" gives two numbers).
_NUMBER = re.compile(r"(?<![\w.\-−–])(?<!\d,)[-−–]?\d+(?:[.,]\d+)?")


#: A dash between two numbers that marks a range ("−6.7–20.8%", "1.2-3.4"), not a minus.
_RANGE_DASH = re.compile(r"(?<=\d)\s*[–-]\s*(?=[−-]?\d)")


def numbers_in(text: str) -> list[float]:
    """Return the numbers written in ``text``: ``7.0``, ``7,0`` (Vietnamese), ``−6.7``.

    A dash between two numbers is read as a range ("−6.7–20.8%" gives −6.7 and 20.8); a
    minus sign (−) or a hyphen that follows no digit is read as a sign.
    """
    out = []
    for match in _NUMBER.findall(_RANGE_DASH.sub(" to ", text)):
        token = match.replace("−", "-").replace("–", "-").replace(",", ".")
        try:
            out.append(float(token))
        except ValueError:  # pragma: no cover - the pattern only matches numbers
            continue
    return out


def _contains(text: str, words: Sequence[str]) -> bool:
    return any(word in text for word in words)


def check_brief_sentence(answer: object, workers: pd.DataFrame, rise: str) -> Feedback:
    """Check a brief's paragraph on the impact question, in English or Vietnamese.

    Right when it gives the estimate and both ends of its 95% interval in percent with one
    decimal (log points × 100; 100 × (e^b − 1) is accepted too), says what the interval
    allows (the survey cannot tell / raised / lowered, consistent with it) and says that
    the data are synthetic.
    """
    from lrkit.capstone import CANNOT_TELL, LOWERED, RAISED, impact_verdict

    if is_placeholder(answer):
        return Feedback(NOT_ATTEMPTED, NOT_ATTEMPTED_TEXT)
    if not isinstance(answer, str) or not answer.strip():
        return Feedback(NOT_YET, "Not yet: write your paragraph as text, between quotes.")
    text = " ".join(answer.lower().split())
    found = numbers_in(text)
    estimate = _estimate(workers, rise)
    points = [estimate.estimate, float(estimate.ci_lower), float(estimate.ci_upper)]

    def written(value: float) -> bool:
        options = (100 * value, 100 * math.expm1(value))
        return any(abs(n - o) <= TOLERANCE_1 for n in found for o in options)

    verdict = impact_verdict(estimate)
    # the estimate with its sign; "fell by 3.0%" (the size) only when pay fell
    if not (written(points[0]) or (verdict == LOWERED and written(-points[0]))):
        if written(-points[0]):
            return Feedback(
                NOT_YET, "Not yet: check the sign of the estimate: write it as the regression "
                "gives it (× 100), or say in words which way pay moved.",
            )  # fmt: skip
        if any(abs(n - p) <= TOLERANCE_3 for n in found for p in points):
            return Feedback(
                NOT_YET,
                "Not yet: readers of a brief read percentages: write log points × 100 with one "
                "decimal (0.050 log points → about 5.0%).",
            )
        return Feedback(
            NOT_YET,
            "Not yet: give the estimated effect in percent with one decimal (log points × 100).",
        )
    if not (written(points[1]) and written(points[2])):
        return Feedback(
            NOT_YET,
            "Not yet: give both ends of the 95% confidence interval, in percent with one "
            "decimal, so that readers see how uncertain the estimate is.",
        )
    says_cannot = _contains(text, CANNOT_TELL_WORDS)
    if verdict == CANNOT_TELL and not says_cannot:
        return Feedback(
            NOT_YET,
            "Not yet: the interval includes zero, so say it plainly: the survey cannot tell "
            "whether the rise raised the pay of the low paid (“cannot tell” / “chưa thể kết "
            "luận”).",
        )
    if verdict != CANNOT_TELL and says_cannot:
        return Feedback(
            NOT_YET,
            "Not yet: the interval lies on one side of zero, so the survey can tell the "
            "direction; do not write that it cannot tell.",
        )
    about_pay = text
    for phrase in RISE_PHRASES:
        about_pay = about_pay.replace(phrase, " ")
    if verdict == CANNOT_TELL and _CLAIM.search(about_pay):
        return Feedback(
            NOT_YET, "Not yet: the interval includes zero, so do not write that pay moved by "
            "an amount, even with a warning next to it: give the estimate as an estimate, and "
            "say that the survey cannot tell.",
        )  # fmt: skip
    says_up, says_down = _contains(about_pay, RAISED_WORDS), _contains(about_pay, LOWERED_WORDS)
    if verdict == RAISED and (not says_up or says_down):
        return Feedback(
            NOT_YET, "Not yet: say in which direction pay moved, and only that one (raised / "
            "tăng).",
        )  # fmt: skip
    if verdict == LOWERED and (not says_down or says_up):
        return Feedback(
            NOT_YET, "Not yet: say in which direction pay moved, and only that one (fell / "
            "giảm).",
        )  # fmt: skip
    if not _contains(text, SYNTHETIC_WORDS) or _contains(text, NOT_SYNTHETIC_WORDS):
        return Feedback(
            NOT_YET,
            "Not yet: every figure here comes from synthetic data: say so in the paragraph "
            "(“synthetic” / “mô phỏng”), or it may be quoted as a fact about Viet Nam.",
        )
    return Feedback(CORRECT, "Correct! ✔ The paragraph gives the estimate, its uncertainty and "
                    "what the survey can and cannot tell.")  # fmt: skip
