"""Module 3 checks: right answers pass, the usual slips get a hint, no answer is revealed."""

import pandas as pd
import pytest

from lrkit.check import (
    CORRECT,
    NOT_ATTEMPTED,
    NOT_YET,
    check_cleaned_provinces,
    check_delivery_workers,
    check_distinct_stoppages,
    check_flagged_rows,
    check_k_anonymity,
    check_linkage,
    check_smallest_class,
    check_top_coding,
)
from lrkit.clean import clean_delivery, delivery_ledger, province_name, read_delivery
from lrkit.data import load_dataset
from lrkit.linkage import link_registers, load_registers
from lrkit.reference.provinces import crosswalk_2025
from lrkit.sdc_microdata import generalise_age, protect_microdata

QUASI = ["province", "sex", "age", "sector", "education"]


@pytest.fixture(scope="module")
def raw():
    return read_delivery("ministry_strikes").kept


@pytest.fixture(scope="module")
def here():
    workers = load_dataset("workers")
    return workers[(workers["province"] == "Đồng Nai") & (workers["year"] == 2025)]


def test_every_check_says_not_attempted_for_a_placeholder(raw, here):
    calls = [
        lambda a: check_cleaned_provinces(a, raw["province"]),
        lambda a: check_flagged_rows(a, "ministry_strikes", "impossible_value"),
        lambda a: check_delivery_workers(a, "ministry_strikes", "Đồng Nai", 2023),
        lambda a: check_linkage(a, "Đồng Nai"),
        lambda a: check_distinct_stoppages(a, "Đồng Nai", 2023),
        lambda a: check_smallest_class(a, here, QUASI),
        lambda a: check_k_anonymity(a, here, QUASI, 3),
        lambda a: check_top_coding(a, here, "monthly_wage_vnd"),
    ]
    for call in calls:
        assert call(...).status == NOT_ATTEMPTED


def test_cleaned_provinces(raw):
    right = raw["province"].map(province_name)
    assert check_cleaned_provinces(right, raw["province"]).status == CORRECT
    current = dict(zip(crosswalk_2025()["province_pre2025"], crosswalk_2025()["province_2025"],
                       strict=True))  # fmt: skip
    feedback = check_cleaned_provinces(right.map(current), raw["province"])
    assert feedback.status == NOT_YET and "current (2025)" in feedback.message
    feedback = check_cleaned_provinces(raw["province"].str.strip(), raw["province"])
    assert "capitals" in feedback.message and "without diacritics" in feedback.message
    assert "differ from the official ones" in feedback.message
    feedback = check_cleaned_provinces(right.iloc[:-1], raw["province"])
    assert "one name per row" in feedback.message


def test_flagged_rows_are_scored_against_the_ledger(raw):
    ledger = delivery_ledger("ministry_strikes")
    faulty = sorted(ledger.loc[ledger["fault_type"] == "impossible_value", "row"].astype(int))
    assert check_flagged_rows(faulty, "ministry_strikes", "impossible_value").status == CORRECT
    copies = ledger.loc[ledger["fault_type"] == "duplicate_row", "row"].astype(int).tolist()
    feedback = check_flagged_rows(faulty[1:] + copies[:1], "ministry_strikes",
                                  "impossible_value")  # fmt: skip
    assert feedback.status == NOT_YET
    assert f"you found {len(faulty) - 1} of the {len(faulty)}" in feedback.message
    assert "1 false alarm" in feedback.message and "drop duplicates" in feedback.message
    assert str(faulty[0]) not in feedback.message.replace(str(len(faulty)), "")
    with pytest.raises(ValueError, match="not in the ledger"):
        check_flagged_rows([], "ministry_strikes", "bad_luck")


def test_delivery_workers():
    kept = clean_delivery("ministry_strikes").kept
    year = 2021
    in_year = kept["start_date"].dt.year == year
    right = kept.loc[in_year & (kept["province_2025"] == "Hồ Chí Minh City"), "workers_involved"]
    feedback = check_delivery_workers(int(right.sum()), "ministry_strikes", "Hồ Chí Minh City",
                                      year)  # fmt: skip
    assert feedback.status == CORRECT
    as_written = kept.loc[in_year & (kept["province"] == "Hồ Chí Minh City"), "workers_involved"]
    assert as_written.sum() != right.sum()  # Bình Dương and Bà Rịa–Vũng Tàu are left out
    feedback = check_delivery_workers(int(as_written.sum()), "ministry_strikes",
                                      "Hồ Chí Minh City", year)  # fmt: skip
    assert "province_2025" in feedback.message
    assert str(int(right.sum())) not in feedback.message


def test_linkage_feedback():
    left, right = load_registers(province="Hồ Chí Minh City")
    good = link_registers(left, right).links
    feedback = check_linkage(good, "Hồ Chí Minh City")
    assert feedback.status == CORRECT and "precision" in feedback.message
    by_name = left.merge(right, on="enterprise_name").rename(
        columns={"record_id_x": "left_id", "record_id_y": "right_id"}
    )
    feedback = check_linkage(by_name, "Hồ Chí Minh City")
    assert feedback.status == NOT_YET
    assert "more than once" in feedback.message or "name only" in feedback.message
    same_day = left.merge(right, on=["enterprise_name", "start_date"]).rename(
        columns={"record_id_x": "left_id", "record_id_y": "right_id"}
    )
    feedback = check_linkage(same_day, "Hồ Chí Minh City")
    assert feedback.status == NOT_YET and "window" in feedback.message
    swapped = good.rename(columns={"left_id": "right_id", "right_id": "left_id"})
    assert "ministry's id first" in check_linkage(swapped, "Hồ Chí Minh City").message
    assert "left_id and right_id" in check_linkage(pd.DataFrame({"a": [1]}), "Đồng Nai").message


def test_distinct_stoppages():
    left, right = load_registers(province="Hồ Chí Minh City")
    links = link_registers(left, right).links
    m = set(left.loc[left["year"] == 2021, "record_id"])
    v = set(right.loc[right["year"] == 2021, "record_id"])
    both = int((links["left_id"].isin(m) & links["right_id"].isin(v)).sum())
    assert check_distinct_stoppages(len(m) + len(v) - both, "Hồ Chí Minh City", 2021)
    feedback = check_distinct_stoppages(len(m) + len(v), "Hồ Chí Minh City", 2021)
    assert "counted twice" in feedback.message


def test_smallest_class_and_k_anonymity(here):
    sizes = here.groupby(QUASI, dropna=False).size()
    assert check_smallest_class(int(sizes.min()), here, QUASI).status == CORRECT
    assert "number of classes" in check_smallest_class(len(sizes), here, QUASI).message
    good = protect_microdata(here, QUASI, 3).kept
    assert check_k_anonymity(good, here, QUASI, 3).status == CORRECT
    assert "person_id" in check_k_anonymity(here, here, QUASI, 3).message
    raw_age = here.drop(columns=["person_id", "household_id", "psu"])
    feedback = check_k_anonymity(raw_age, here, QUASI, 3)
    assert "smallest class has 1" in feedback.message and "bands" in feedback.message
    banded = raw_age.assign(age=generalise_age(raw_age["age"]))
    assert "keep the quasi-identifier" in check_k_anonymity(
        banded.drop(columns="education"), here, QUASI, 3
    ).message
    # 3-anonymous with single years of age, but most records suppressed to get there
    too_few = protect_microdata(here, QUASI, 3, age_band=None).kept
    assert "generalise" in check_k_anonymity(too_few, here, QUASI, 3).message


def test_top_coding(here):
    wages = here["monthly_wage_vnd"].astype("float64")
    assert check_top_coding(wages.clip(upper=wages.quantile(0.99)), here,
                            "monthly_wage_vnd").status == CORRECT  # fmt: skip
    assert "unchanged" in check_top_coding(wages, here, "monthly_wage_vnd").message
    low = wages.clip(upper=wages.quantile(0.5))
    assert "too low" in check_top_coding(low, here, "monthly_wage_vnd").message
    assert check_top_coding(wages.dropna(), here, "monthly_wage_vnd").status == NOT_YET
