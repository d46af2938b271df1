"""Learner feedback: right answers pass, usual mistakes get their hint, nothing leaks.

The expected answers below are computed in the test by hand with pandas, independently of
lrkit.indicators, from the committed workshop data.
"""

import pytest

from lrkit.check import check_union_density
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


def test_placeholder_says_not_yet(workers, capsys):
    assert check_union_density(..., workers, PROVINCE, YEAR) is False
    assert "Not yet" in capsys.readouterr().out


def test_right_answer_rounded_to_one_decimal(workers, truth, capsys):
    assert check_union_density(round(truth, 1), workers, PROVINCE, YEAR) is True
    assert "Correct" in capsys.readouterr().out


def test_share_instead_of_percentage(workers, truth, capsys):
    assert not check_union_density(truth / 100, workers, PROVINCE, YEAR)
    assert "percentage" in capsys.readouterr().out


def test_ignored_weights(workers, here, capsys):
    employees = here[here["status"] == "employee"]
    unweighted = 100 * employees["union_member"].mean()
    assert not check_union_density(unweighted, workers, PROVINCE, YEAR)
    assert "weights" in capsys.readouterr().out


def test_everyone_employed_as_denominator(workers, here, capsys):
    wrong = _weighted_share(here[here["union_member"]], here)
    assert not check_union_density(wrong, workers, PROVINCE, YEAR)
    assert "employees only" in capsys.readouterr().out


def test_self_employed_members_counted(workers, here, capsys):
    wrong = _weighted_share(here[here["union_member"]], here[here["status"] == "employee"])
    assert not check_union_density(wrong, workers, PROVINCE, YEAR)
    assert "self-employed" in capsys.readouterr().out


def test_other_year(workers, capsys):
    rows = workers[(workers["province"] == PROVINCE) & (workers["year"] == 2020)]
    employees = rows[rows["status"] == "employee"]
    wrong = _weighted_share(employees[employees["union_member"]], employees)
    assert not check_union_density(wrong, workers, PROVINCE, YEAR)
    assert "another year" in capsys.readouterr().out


def test_feedback_never_prints_the_answer(workers, truth, capsys):
    for answer in (..., "abc", 0.0, 99.9, 12.3):
        check_union_density(answer, workers, PROVINCE, YEAR)
    out = capsys.readouterr().out
    assert f"{truth:.1f}" not in out and f"{truth:.2f}" not in out
