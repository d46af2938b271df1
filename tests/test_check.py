"""Learner feedback: right answers pass, usual mistakes get their hint, nothing leaks.

The expected answers below are computed in the test by hand with pandas, independently of
lrkit.indicators, from the committed workshop data.
"""

import pytest

from lrkit.check import check_bargaining_coverage, check_union_density
from lrkit.data import load_dataset

PROVINCE, YEAR = "Đồng Nai", 2023


@pytest.fixture(scope="module")
def workers():
    return load_dataset("workers")


def _weighted_share(numerator_rows, denominator_rows):
    return 100 * numerator_rows["weight"].sum() / denominator_rows["weight"].sum()


@pytest.fixture(scope="module")
def here(workers):
    return workers[(workers["province"] == PROVINCE) & (workers["year"] == YEAR)]


@pytest.fixture(scope="module")
def truth(here):
    employees = here[here["status"] == "employee"]
    return _weighted_share(employees[employees["union_member"]], employees)


def test_placeholder_says_not_yet(workers):
    result = check_union_density(..., workers, PROVINCE, YEAR)
    assert not result
    assert result.status == "not attempted"
    assert "Not yet" in repr(result)


def test_right_answer_rounded_to_one_decimal(workers, truth):
    result = check_union_density(round(truth, 1), workers, PROVINCE, YEAR)
    assert result
    assert result.status == "correct"
    assert "Correct" in repr(result)


def test_share_instead_of_percentage(workers, truth):
    result = check_union_density(truth / 100, workers, PROVINCE, YEAR)
    assert not result and result.status == "not yet"
    assert "percentage" in repr(result)


def test_ignored_weights(workers, here):
    employees = here[here["status"] == "employee"]
    unweighted = 100 * employees["union_member"].mean()
    result = check_union_density(unweighted, workers, PROVINCE, YEAR)
    assert not result and result.status == "not yet"
    assert "weights" in repr(result)


def test_everyone_employed_as_denominator(workers, here):
    wrong = _weighted_share(here[here["union_member"]], here)
    result = check_union_density(wrong, workers, PROVINCE, YEAR)
    assert not result and result.status == "not yet"
    assert "employees only" in repr(result)


def test_self_employed_members_counted(workers, here):
    wrong = _weighted_share(here[here["union_member"]], here[here["status"] == "employee"])
    result = check_union_density(wrong, workers, PROVINCE, YEAR)
    assert not result and result.status == "not yet"
    assert "self-employed" in repr(result)


def test_other_year(workers):
    rows = workers[(workers["province"] == PROVINCE) & (workers["year"] == 2020)]
    employees = rows[rows["status"] == "employee"]
    wrong = _weighted_share(employees[employees["union_member"]], employees)
    result = check_union_density(wrong, workers, PROVINCE, YEAR)
    assert not result and result.status == "not yet"
    assert "another year" in repr(result)


def test_feedback_never_shows_the_answer(workers, truth):
    for answer in (..., "abc", True, 0.0, 99.9, 12.3, truth + 1, truth / 100):
        result = check_union_density(answer, workers, PROVINCE, YEAR)
        shown = repr(result) + result._repr_markdown_()
        assert f"{truth:.1f}" not in shown and f"{truth:.2f}" not in shown


def test_coverage_check_and_its_hints(workers, here):
    employees = here[here["status"] == "employee"]
    right = _weighted_share(employees[employees["covered_by_agreement"]], employees)
    assert check_bargaining_coverage(round(right, 1), workers, PROVINCE, YEAR)
    unweighted = 100 * employees["covered_by_agreement"].mean()
    assert "weights" in repr(check_bargaining_coverage(unweighted, workers, PROVINCE, YEAR))


def test_unknown_province_is_an_error(workers):
    with pytest.raises(ValueError, match="no records for province 'Atlantis'"):
        check_union_density(1.0, workers, "Atlantis", YEAR)
