"""Module 1 checks: right answers pass, the usual slips get a hint, no answer is revealed.

The strike and survey checks are tested on small tables whose answers are worked out by
hand below; the gap-review checks on a matrix whose scores are worked out by hand.
"""

from __future__ import annotations

import pandas as pd
import pytest

from lrkit.check import CORRECT, NOT_ATTEMPTED, NOT_YET
from lrkit.check_concepts import (
    average_employees,
    check_average_employees,
    check_best_scores,
    check_days_per_1000,
    check_gap_matrix,
    check_gap_scores,
    check_register_counts,
    check_strike_units,
    strike_units,
)
from lrkit.gaps import CANDIDATES, fill_gap_template, gap_template

# --------------------------------------------------------------------------- small data
# Đồng Nai, 2024, two quarterly rounds. Employees: (100 + 200) in round 1, (150 + 150) in
# round 2, so 300 on average; pooled weights 600; 2 interviewed employees per round; all
# employed persons (300 + 50 + 300 + 50) / 2 = 350; labour force (350 + 30 + 350 + 30) / 2 = 380.
PROVINCE, YEAR = "Đồng Nai", 2024


def _person(year, quarter, province, status, weight):
    unemployed = status is None
    return {
        "year": year,
        "quarter": quarter,
        "province": province,
        "status": status,
        "labour_force_status": "unemployed" if unemployed else "employed",
        "weight": float(weight),
    }


@pytest.fixture
def workers() -> pd.DataFrame:
    rows = [
        _person(2024, 1, PROVINCE, "employee", 100),
        _person(2024, 1, PROVINCE, "employee", 200),
        _person(2024, 1, PROVINCE, "own_account", 50),
        _person(2024, 1, PROVINCE, None, 30),
        _person(2024, 2, PROVINCE, "employee", 150),
        _person(2024, 2, PROVINCE, "employee", 150),
        _person(2024, 2, PROVINCE, "own_account", 50),
        _person(2024, 2, PROVINCE, None, 30),
        _person(2023, 1, PROVINCE, "employee", 400),
        _person(2023, 2, PROVINCE, "employee", 400),
        _person(2024, 1, "Hải Phòng", "employee", 1000),
        _person(2024, 2, "Hải Phòng", "employee", 1000),
    ]
    return pd.DataFrame(rows)


def _strike(sid, year, province, former, workers, days_long):
    return {
        "strike_id": sid,
        "year": year,
        "province": province,
        "province_pre2025": former,
        "workers_involved": workers,
        "duration_workdays": days_long,
        "days_not_worked": workers * days_long,
        "led_by_union": False,
    }


@pytest.fixture
def strikes() -> pd.DataFrame:
    # Đồng Nai 2024: 2 actions, 15 + 15 = 30 workers, 30 + 15 = 45 days not worked (durations 3);
    # one of them in the former Bình Phước. Đồng Nai 2023: 3 actions. Hải Phòng 2024: 1.
    return pd.DataFrame(
        [
            _strike("S1", 2024, PROVINCE, "Đồng Nai", 15, 2),
            _strike("S2", 2024, PROVINCE, "Bình Phước", 15, 1),
            _strike("S3", 2023, PROVINCE, "Đồng Nai", 40, 3),
            _strike("S4", 2023, PROVINCE, "Đồng Nai", 10, 1),
            _strike("S5", 2023, PROVINCE, "Bình Phước", 20, 1),
            _strike("S6", 2024, "Hải Phòng", "Hải Dương", 7, 1),
        ]
    )


@pytest.fixture
def vgcl() -> pd.DataFrame:
    # VGCL, Đồng Nai 2024: one record, 18 peak workers × 2 days = 36 days not worked.
    return pd.DataFrame(
        [
            {
                "record_id": "V1",
                "year": 2024,
                "province": PROVINCE,
                "province_pre2025": "Đồng Nai",
                "peak_workers": 18,
                "duration_workdays": 2,
                "days_not_worked": 36,
                "led_by_union": False,
            },
            {
                "record_id": "V2",
                "year": 2023,
                "province": PROVINCE,
                "province_pre2025": "Đồng Nai",
                "peak_workers": 60,
                "duration_workdays": 1,
                "days_not_worked": 60,
                "led_by_union": False,
            },
        ]
    )


# Gap matrix: every row (on request, irregular, national only, poor) = 2+1+1+1 = 5 points,
# except union density from the LFS (published, annual, province partial, good) = 3+2+2+3 = 10.
FIVE = ("on request", "irregular", "national only", "poor", "a note")
TEN = ("published", "annual", "province, partial", "good", "a note")
HAND_SCORES = {pair: 5 for pair in CANDIDATES} | {("union_density", "lfs"): 10}


@pytest.fixture
def matrix() -> pd.DataFrame:
    ratings = dict.fromkeys(CANDIDATES, FIVE) | {("union_density", "lfs"): TEN}
    return fill_gap_template(gap_template(PROVINCE), ratings)


def _with_scores(matrix: pd.DataFrame, scores: dict) -> pd.DataFrame:
    pairs = zip(matrix["indicator"], matrix["source"], strict=True)
    return matrix.assign(score=[scores[p] for p in pairs])


# ------------------------------------------------------------------------ not attempted
def test_every_check_says_not_attempted_for_a_placeholder(matrix, strikes, vgcl, workers):
    calls = [
        lambda a: check_gap_matrix(a, PROVINCE),
        lambda a: check_gap_scores(a, matrix),
        lambda a: check_best_scores(a, matrix),
        lambda a: check_register_counts(a, strikes, vgcl, PROVINCE, YEAR),
        lambda a: check_strike_units(a, strikes, PROVINCE, YEAR),
        lambda a: check_average_employees(a, workers, PROVINCE, YEAR),
        lambda a: check_days_per_1000(a, strikes, workers, PROVINCE, YEAR),
    ]
    for call in calls:
        assert call(...).status == NOT_ATTEMPTED
    # a later question whose earlier answer is still a placeholder
    assert check_gap_scores(_with_scores(matrix, HAND_SCORES), ...).status == NOT_YET


# ------------------------------------------------------------------------- gap matrix
def test_a_valid_matrix_passes_and_notes_are_asked_for(matrix):
    assert check_gap_matrix(matrix, "Dong Nai").status == CORRECT
    feedback = check_gap_matrix(matrix.assign(note=""), PROVINCE)
    assert feedback.status == CORRECT and "`note`" in feedback.message


def test_matrix_hints(matrix):
    other = fill_gap_template(gap_template("Hải Phòng"), dict.fromkeys(CANDIDATES, FIVE))
    other.loc[0, list(other.columns[3:7])] = TEN[:4]
    feedback = check_gap_matrix(other, PROVINCE)
    assert feedback.status == NOT_YET and "review your own province, Đồng Nai" in feedback.message

    national = matrix.copy()
    national.loc[national["indicator"] == "sdg_882", "coverage"] = "province, full"
    feedback = check_gap_matrix(national, PROVINCE)
    assert feedback.status == NOT_YET and "national only" in feedback.message

    same = fill_gap_template(gap_template(PROVINCE), dict.fromkeys(CANDIDATES, FIVE))
    feedback = check_gap_matrix(same, PROVINCE)
    assert feedback.status == NOT_YET and "same four ratings" in feedback.message

    typo = matrix.copy()
    typo.loc[3, "availability"] = "publish"
    feedback = check_gap_matrix(typo, PROVINCE)
    assert feedback.status == NOT_YET
    assert "row 3" in feedback.message and "'availability'" in feedback.message
    assert "'published'" in feedback.message  # what is allowed

    assert check_gap_matrix({"a": 1}, PROVINCE).status == NOT_YET


# ------------------------------------------------------------------------- gap scores
def test_scores_by_hand_pass(matrix):
    assert check_gap_scores(_with_scores(matrix, HAND_SCORES), matrix).status == CORRECT
    best = {indicator: 5 for indicator, _ in CANDIDATES} | {"union_density": 10}
    assert check_best_scores(pd.Series(best), matrix).status == CORRECT
    assert check_best_scores(best, matrix).status == CORRECT  # a dict is fine too


def test_score_mistakes_get_a_hint(matrix):
    mean = {pair: score / 4 for pair, score in HAND_SCORES.items()}
    feedback = check_gap_scores(_with_scores(matrix, mean), matrix)
    assert feedback.status == NOT_YET and "not their mean" in feedback.message

    # quality left out: poor = 1 point, good = 3 points
    no_quality = {pair: 4 for pair in CANDIDATES} | {("union_density", "lfs"): 7}
    feedback = check_gap_scores(_with_scores(matrix, no_quality), matrix)
    assert feedback.status == NOT_YET and "'quality'" in feedback.message

    one_to_four = {pair: score + 4 for pair, score in HAND_SCORES.items()}
    feedback = check_gap_scores(_with_scores(matrix, one_to_four), matrix)
    assert feedback.status == NOT_YET and "0 to 3 points" in feedback.message

    one_wrong = HAND_SCORES | {("disputes", "ministry_registers"): 7}
    feedback = check_gap_scores(_with_scores(matrix, one_wrong), matrix)
    assert feedback.status == NOT_YET and "(disputes, ministry_registers)" in feedback.message

    changed = _with_scores(matrix, HAND_SCORES)
    changed.loc[0, "quality"] = "fair"
    feedback = check_gap_scores(changed, matrix)
    assert feedback.status == NOT_YET and "differ from your matrix" in feedback.message

    feedback = check_gap_scores(matrix, matrix)
    assert feedback.status == NOT_YET and "'score'" in feedback.message


def test_best_score_mistakes_get_a_hint(matrix):
    # union density: sources 10, 5, 5 → mean 20/3; the others all 5, so the mean is 5
    mean = {indicator: 5.0 for indicator, _ in CANDIDATES} | {"union_density": 20 / 3}
    feedback = check_best_scores(pd.Series(mean), matrix)
    assert feedback.status == NOT_YET and "not their mean" in feedback.message

    by_source = pd.Series({"lfs": 10, "vgcl_records": 5, "enterprise_data": 5})
    feedback = check_best_scores(by_source, matrix)
    assert feedback.status == NOT_YET and "indexed by source" in feedback.message


# ------------------------------------------------------------------- register counts
def test_register_counts(strikes, vgcl):
    def check(ministry, union):
        answer = {"ministry": ministry, "vgcl": union}
        return check_register_counts(answer, strikes, vgcl, PROVINCE, YEAR)

    assert check(2, 1).status == CORRECT  # S1, S2 and V1
    swapped = check(1, 2)
    assert swapped.status == NOT_YET and "swapped" in swapped.message
    former = check(1, 1)  # only S1 was written as the former Đồng Nai
    assert former.status == NOT_YET and "province_pre2025" in former.message
    other_year = check(3, 1)
    assert other_year.status == NOT_YET and "another year" in other_year.message
    every_year = check(5, 1)
    assert every_year.status == NOT_YET and "every year" in every_year.message
    wrong_key = check_register_counts({"ministry": 2, "GSO": 1}, strikes, vgcl, PROVINCE, YEAR)
    assert wrong_key.status == NOT_YET and "'GSO'" in wrong_key.message


# ---------------------------------------------------------------------- strike units
def test_strike_units_by_hand(strikes):
    assert strike_units(strikes, PROVINCE, YEAR) == {
        "actions": 2,
        "workers_involved": 30,
        "days_not_worked": 45,
    }
    nothing = {"actions": 0, "workers_involved": 0, "days_not_worked": 0}
    assert strike_units(strikes, PROVINCE, 2022) == nothing  # no strike that year
    right = {"actions": 2, "workers_involved": 30, "days_not_worked": 45}
    assert check_strike_units(right, strikes, PROVINCE, YEAR).status == CORRECT


def test_strike_unit_mistakes_get_a_hint(strikes, vgcl):
    durations = check_strike_units(
        {"actions": 2, "workers_involved": 30, "days_not_worked": 3}, strikes, PROVINCE, YEAR
    )
    assert durations.status == NOT_YET and "person-days" in durations.message
    assert "actions, workers_involved right" in durations.message
    from_vgcl = check_strike_units(
        {"actions": 1, "workers_involved": 18, "days_not_worked": 36},
        strikes,
        PROVINCE,
        YEAR,
        vgcl=vgcl,
    )
    assert from_vgcl.status == NOT_YET and from_vgcl.message.count("VGCL") == 3
    former = check_strike_units(
        {"actions": 1, "workers_involved": 15, "days_not_worked": 30}, strikes, PROVINCE, YEAR
    )
    assert former.status == NOT_YET and "province_pre2025" in former.message
    assert "45" not in former.message and "30 " not in former.message


# ------------------------------------------------------------------------ employees
def test_average_employees_by_hand(workers):
    assert average_employees(workers, PROVINCE, YEAR) == 300
    assert average_employees(workers, PROVINCE, YEAR, weight=None) == 2
    assert check_average_employees(300, workers, PROVINCE, YEAR).status == CORRECT
    assert check_average_employees(301, workers, PROVINCE, YEAR).status == CORRECT  # rounding


@pytest.mark.parametrize(
    ("answer", "hint"),
    [
        (600, "quarterly rounds"),  # pooled weights of both rounds
        (2, "weights seem to be ignored"),
        (4, "weights seem to be ignored, and the quarters added up"),
        (350, "not everyone employed"),
        (380, "not the whole labour force"),
        (400, "another year"),
    ],
)
def test_employee_mistakes_get_a_hint_without_the_answer(workers, answer, hint):
    feedback = check_average_employees(answer, workers, PROVINCE, YEAR)
    assert feedback.status == NOT_YET and hint in feedback.message
    assert "300" not in feedback.message


# ------------------------------------------------------------------------ the rate
def test_rate_by_hand(strikes, workers):
    # 1,000 × 45 days ÷ 300 employees = 150 days per 1,000 employees
    assert check_days_per_1000(150.0, strikes, workers, PROVINCE, YEAR).status == CORRECT
    assert check_days_per_1000(150.04, strikes, workers, PROVINCE, YEAR).status == CORRECT
    assert check_days_per_1000(151, strikes, workers, PROVINCE, YEAR).status == NOT_YET


@pytest.mark.parametrize(
    ("answer", "hint"),
    [
        (75.0, "quarterly rounds"),  # 45 000 ÷ 600: pooled denominator
        (22500.0, "weights seem to be ignored"),  # 45 000 ÷ 2: unweighted
        (128.6, "not everyone employed"),  # 45 000 ÷ 350
        (118.4, "not the whole labour force"),  # 45 000 ÷ 380
        (0.15, "per 1,000 employees"),  # days per employee
        (15.0, "per 1,000 employees"),  # per 100
        (100.0, "not workers involved"),  # 1 000 × 30 ÷ 300
        (120.0, "VGCL"),  # 1 000 × 36 ÷ 300
    ],
)
def test_rate_mistakes_get_a_hint_without_the_answer(strikes, workers, vgcl, answer, hint):
    feedback = check_days_per_1000(answer, strikes, workers, PROVINCE, YEAR, vgcl=vgcl)
    assert feedback.status == NOT_YET and hint in feedback.message
    assert "150" not in feedback.message and "300" not in feedback.message


def test_text_and_true_false_are_not_numbers(strikes, workers):
    for answer in ("a lot", True):
        feedback = check_days_per_1000(answer, strikes, workers, PROVINCE, YEAR)
        assert feedback.status == NOT_YET and "should be a number" in feedback.message


# ---------------------------------------------------------------- the workshop data
def test_an_independent_pandas_answer_passes_on_the_workshop_data():
    from lrkit.data import load_dataset

    strikes, workers = load_dataset("strikes"), load_dataset("workers")
    here = strikes[(strikes["province"] == "Hải Phòng") & (strikes["year"] == 2021)]
    units = {
        "actions": len(here),
        "workers_involved": here["workers_involved"].sum(),
        "days_not_worked": here["days_not_worked"].sum(),
    }
    assert check_strike_units(units, strikes, "Hải Phòng", 2021)
    year = workers[(workers["province"] == "Hải Phòng") & (workers["year"] == 2021)]
    per_round = year[year["status"] == "employee"].groupby("quarter")["weight"].sum()
    assert check_average_employees(per_round.mean(), workers, "Hải Phòng", 2021)
    rate = 1000 * units["days_not_worked"] / per_round.mean()
    assert check_days_per_1000(round(rate, 1), strikes, workers, "Hải Phòng", 2021)
