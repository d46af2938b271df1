"""Indicators against hand calculations on the five-person example (conftest.py).

Employees: persons 1, 2, 3 (province A, weights 2, 3, 1) and 5 (province B, weight 4).
Person 4 is an own-account worker and a union member: the ILO definition leaves them out.
  density  = members who are employees / employees = (2 + 1) / (2 + 3 + 1 + 4) = 30 %
  coverage = covered employees / employees          = (1 + 4) / 10            = 50 %
  unweighted density = 2 / 4 = 50 %
"""

import pandas as pd
import pytest

from lrkit.indicators import bargaining_coverage, strike_summary, union_density


def test_union_density_by_hand(tiny_persons):
    table = union_density(tiny_persons)
    assert table["members"].iloc[0] == pytest.approx(3.0)
    assert table["employees"].iloc[0] == pytest.approx(10.0)
    assert table["rate"].iloc[0] == pytest.approx(30.0)
    assert table["n_employees"].iloc[0] == 4


def test_union_density_unweighted_is_the_sample_share(tiny_persons):
    assert union_density(tiny_persons, weight=None)["rate"].iloc[0] == pytest.approx(50.0)


def test_union_density_by_province(tiny_persons):
    table = union_density(tiny_persons, by="province").set_index("province")
    assert table.loc["A", "rate"] == pytest.approx(100 * 3 / 6)
    assert table.loc["B", "rate"] == pytest.approx(0.0)


def test_bargaining_coverage_by_hand(tiny_persons):
    table = bargaining_coverage(tiny_persons)
    assert table["covered"].iloc[0] == pytest.approx(5.0)
    assert table["rate"].iloc[0] == pytest.approx(50.0)


def test_scaling_weights_leaves_rates_unchanged(tiny_persons):
    scaled = tiny_persons.assign(weight=tiny_persons["weight"] * 7.5)
    assert union_density(scaled)["rate"].iloc[0] == pytest.approx(30.0)
    assert union_density(scaled)["employees"].iloc[0] == pytest.approx(75.0)


def test_missing_column_is_named(tiny_persons):
    with pytest.raises(KeyError, match="union_member"):
        union_density(tiny_persons.drop(columns="union_member"))


@pytest.mark.parametrize("bad", [0.0, -1.0, float("nan")])
def test_bad_weights_are_refused(tiny_persons, bad):
    persons = tiny_persons.copy()
    persons.loc[0, "weight"] = bad
    with pytest.raises(ValueError, match="weight column 'weight'"):
        union_density(persons)


def test_text_flag_is_refused(tiny_persons):
    persons = tiny_persons.assign(union_member=["yes", "no", "yes", "yes", "no"])
    with pytest.raises(TypeError, match="'union_member' must be true/false"):
        union_density(persons)


def test_no_employees_is_an_error(tiny_persons):
    with pytest.raises(ValueError, match="no employees"):
        union_density(tiny_persons[tiny_persons["status"] != "employee"])


def test_strike_summary_by_hand():
    strikes = pd.DataFrame(
        {
            "ownership": ["fdi", "fdi", "state"],
            "workers_involved": [100, 300, 50],
            "days_not_worked": [200, 900, 50],
            "led_by_union": [False, False, True],
        }
    )
    total = strike_summary(strikes)
    assert total["actions"].iloc[0] == 3
    assert total["workers_involved"].iloc[0] == 450
    assert total["days_not_worked"].iloc[0] == 1150
    assert total["share_not_led_by_union"].iloc[0] == pytest.approx(200 / 3)
    by = strike_summary(strikes, by="ownership").set_index("ownership")
    assert by.loc["fdi", "days_not_worked"] == 1100
    assert by.loc["state", "share_not_led_by_union"] == 0
