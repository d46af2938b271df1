"""Module 2 checks: right answers pass, usual mistakes get their hint, nothing leaks.

Right answers are computed here with pandas from the data and the parameters (not with the
check's own code path where it can be avoided), for several provinces, years and seeds.
"""

import math

import numpy as np
import pandas as pd
import pytest

from lrkit.check import (
    check_allocation,
    check_design_weights,
    check_rules,
    check_sample_size,
    check_validation,
    check_weighted_share,
)
from lrkit.data import load_dataset
from lrkit.reference.provinces import provinces_2025
from lrkit.sampling import add_stratum, allocate, select_stratified, stratum_table, survey_frame
from lrkit.synth.incoming import incoming_strike_reports
from lrkit.validation import CAUSE_CODES, REQUIRED_FIELDS, reporting_period

VARIANTS = [("Đồng Nai", 2024, None), ("Hải Phòng", 2021, None), ("Hồ Chí Minh City", 2023, 7)]


@pytest.fixture(scope="module", params=VARIANTS, ids=lambda v: f"{v[0]}-{v[1]}-{v[2]}")
def variant(request):
    province, year, seed = request.param
    enterprises = load_dataset("enterprises", seed=seed)
    active = (enterprises["year_founded"] <= year) & (
        enterprises["year_closed"].isna() | (enterprises["year_closed"] >= year)
    )
    frame = enterprises[active & (enterprises["province"] == province)].copy()
    frame["stratum"] = (
        frame["province"] + " / " + frame["ownership"] + " / " + frame["employment_band"]
    )
    return province, year, seed, enterprises, frame


def _status(feedback):
    return feedback.status


def _leaks(feedback, *numbers):
    """True when a message shows one of the expected numbers (as it would be printed)."""
    text = feedback.message
    return any(f"{number}" in text or f"{number:.1f}" in text for number in numbers)


# ---------------------------------------------------------------------------------------
# allocation


def test_proportional_allocation(variant):
    province, year, _, enterprises, frame = variant
    counts = frame.groupby("stratum").size()
    exact = 200 * counts / counts.sum()
    right = exact.round().astype(int)
    assert check_allocation(right, enterprises, province, year, 200)
    assert check_allocation(np.floor(exact).astype(int), enterprises, province, year, 200)
    assert _status(check_allocation(..., enterprises, province, year, 200)) == "not attempted"
    nearly = check_allocation(exact, enterprises, province, year, 200)
    assert not nearly and "whole number" in nearly.message
    equal = allocate(stratum_table(frame), 200, "equal")
    assert "proportion to N_h" in check_allocation(equal, enterprises, province, year, 200).message
    # the naive equal split, 200 / number of strata everywhere, even in strata smaller than it
    naive = pd.Series(200 // len(counts), index=counts.index)
    naive_hint = check_allocation(naive, enterprises, province, year, 200).message
    assert "proportion to N_h" in naive_hint and "n_h > N_h" not in naive_hint
    unindexed = check_allocation(right.reset_index(drop=True), enterprises, province, year, 200)
    assert "index your Series" in unindexed.message


def test_allocation_minimum_and_total(variant):
    province, year, _, enterprises, frame = variant
    strata = stratum_table(frame)
    with_minimum = allocate(strata, 200, minimum=2)
    assert check_allocation(with_minimum, enterprises, province, year, 200, minimum=2)
    plain = allocate(strata, 200)
    if not with_minimum.equals(plain):
        hint = check_allocation(plain, enterprises, province, year, 200, minimum=2).message
        assert "at least 2" in hint
    doubled = check_allocation(2 * plain, enterprises, province, year, 200)
    assert not doubled and ("add up to" in doubled.message or "more enterprises" in doubled.message)


def test_allocation_of_another_year_is_recognised():
    enterprises = load_dataset("enterprises")
    other = add_stratum(survey_frame(enterprises, 2022, "Hồ Chí Minh City"))
    answer = allocate(stratum_table(other), 300)
    here = set(
        stratum_table(add_stratum(survey_frame(enterprises, 2024, "Hồ Chí Minh City")))["stratum"]
    )
    if set(answer.index) == here:
        hint = check_allocation(answer, enterprises, "Hồ Chí Minh City", 2024, 300).message
        assert "another year" in hint


def test_neyman_allocation_by_ownership(variant):
    province, year, _, enterprises, frame = variant
    p = frame.groupby("ownership")["has_agreement"].mean()
    big_n = frame.groupby("ownership").size()
    score = big_n * np.sqrt(p * (1 - p))
    right = (300 * score / score.sum()).round().astype(int)
    kwargs = {"method": "neyman", "by": ["ownership"], "share": "has_agreement"}
    assert check_allocation(right, enterprises, province, year, 300, **kwargs)
    proportional = (300 * big_n / big_n.sum()).round().astype(int)
    hint = check_allocation(proportional, enterprises, province, year, 300, **kwargs)
    assert not hint and "N_h × S_h" in hint.message
    waiting = check_allocation(right, enterprises, province, year, ..., **kwargs)
    assert waiting.status == "not attempted"


# ---------------------------------------------------------------------------------------
# weights and weighted share


@pytest.fixture(scope="module")
def drawn(variant):
    province, year, seed, enterprises, frame = variant
    framed = add_stratum(survey_frame(enterprises, year, province))
    allocation = allocate(stratum_table(framed), 150, minimum=2)
    sample = select_stratified(framed, allocation, seed=seed or 1)
    return sample.drop(columns=["N_h", "n_h", "inclusion_probability", "design_weight"])


def _weights(sample, frame):
    big = sample["stratum"].map(frame.groupby("stratum").size())
    small = sample["stratum"].map(sample.groupby("stratum").size())
    return big / small


def test_design_weights(variant, drawn):
    province, year, _, enterprises, frame = variant
    w = _weights(drawn, frame)
    assert w.sum() == pytest.approx(len(frame))
    assert check_design_weights(drawn.assign(weight=w), enterprises, province, year)
    absent = check_design_weights(drawn, enterprises, province, year)
    assert absent.status == "not attempted" and "'weight'" in absent.message
    inverted = check_design_weights(drawn.assign(weight=1 / w), enterprises, province, year)
    assert not inverted and "inverse" in inverted.message
    overall = check_design_weights(
        drawn.assign(weight=len(frame) / len(drawn)), enterprises, province, year
    )
    assert not overall and "N/n for the whole sample" in overall.message
    wrong = drawn.assign(weight=w * np.where(np.arange(len(w)) == 0, 2, 1))
    partly = check_design_weights(wrong, enterprises, province, year)
    assert not partly and f"{len(w) - 1} of {len(w)}" in partly.message


def test_design_weights_sample_of_another_province(variant, drawn):
    _, year, _, enterprises, frame = variant
    other = "Hải Phòng" if variant[0] != "Hải Phòng" else "Đồng Nai"
    result = check_design_weights(drawn.assign(weight=1.0), enterprises, other, year)
    assert not result and "not in the frame" in result.message


def test_weighted_share(variant, drawn):
    province, year, _, enterprises, frame = variant
    w = _weights(drawn, frame)
    right = 100 * (w * drawn["has_union"]).sum() / w.sum()
    assert check_weighted_share(round(right, 1), drawn, enterprises, province, year)
    unweighted = 100 * drawn["has_union"].mean()
    truth = 100 * frame["has_union"].mean()
    if abs(unweighted - right) > 0.1:
        hint = check_weighted_share(unweighted, drawn, enterprises, province, year)
        assert "ignored" in hint.message and not _leaks(hint, round(right, 1))
    if abs(truth - right) > 0.1 and abs(truth - unweighted) > 0.1:
        hint = check_weighted_share(truth, drawn, enterprises, province, year)
        assert "whole frame" in hint.message
    share = check_weighted_share(right / 100, drawn, enterprises, province, year)
    assert "percentage" in share.message


# ---------------------------------------------------------------------------------------
# sample size


def _size(n0, deff, population, rate):
    n = n0 * deff
    if population:
        n = n / (1 + n / population)
    return math.ceil(n / rate - 1e-9)


DESIGN = {"target_cv": 0.1, "design_effect": 1.5, "response_rate": 0.8}


def test_sample_size_for_a_share(variant):
    province, year, _, enterprises, frame = variant
    big_n = len(frame)
    n0 = (1 - 0.25) / (0.1**2 * 0.25)  # = 300
    right = _size(n0, 1.5, big_n, 0.8)
    check = lambda answer: check_sample_size(  # noqa: E731
        answer, enterprises, province, year, share=0.25, **DESIGN
    )
    assert check(right) and check(right + 1)
    assert check(...).status == "not attempted"
    assert "response rate is missing" in check(_size(n0, 1.5, big_n, 1)).message
    assert "finite population" in check(_size(n0, 1.5, None, 0.8)).message
    assert "design effect is missing" in check(_size(n0, 1, big_n, 0.8)).message
    assert "divide by it" in check(math.ceil(_size(n0, 1.5, big_n, 1) * 0.8)).message
    assert "0.05" in check(_size((1 - 0.25) / (10**2 * 0.25), 1.5, big_n, 0.8)).message
    assert "relative to P" in check(_size(0.25 * 0.75 / 0.01, 1.5, big_n, 0.8)).message
    assert "round up" in check(right - 0.5).message
    wrong = check(right + 57)
    assert not wrong and str(right) not in wrong.message


def test_sample_size_above_the_frame_is_capped(variant):
    province, year, _, enterprises, frame = variant
    tight = {**DESIGN, "target_cv": 0.01}  # n0 = 30,000: more than any province's frame
    uncapped = _size((1 - 0.25) / (0.01**2 * 0.25), 1.5, len(frame), 0.8)
    assert uncapped > len(frame)
    check = lambda answer: check_sample_size(  # noqa: E731
        answer, enterprises, province, year, share=0.25, **tight
    )
    assert check(len(frame))
    hint = check(uncapped)
    assert not hint and "census" in hint.message


def test_sample_size_for_a_mean(variant):
    province, year, _, enterprises, frame = variant
    wages = frame["mean_wage_vnd"].astype(float)
    n0 = (wages.std() / wages.mean()) ** 2 / 0.01**2
    design = {**DESIGN, "target_cv": 0.01}
    right = _size(n0, 1.5, len(frame), 0.8)
    result = check_sample_size(
        right, enterprises, province, year, variable="mean_wage_vnd", **design
    )
    assert result
    everyone = enterprises[enterprises["province"] == province]
    if len(everyone) - len(frame) > 50:
        all_wages = everyone["mean_wage_vnd"].astype(float)
        n0_all = (all_wages.std() / all_wages.mean()) ** 2 / 0.01**2
        mistaken = _size(n0_all, 1.5, len(everyone), 0.8)
        if abs(mistaken - right) > 1:
            hint = check_sample_size(
                mistaken, enterprises, province, year, variable="mean_wage_vnd", **design
            )
            assert "active in the notebook's `year`" in hint.message


def test_sample_size_needs_one_target():
    enterprises = load_dataset("enterprises")
    with pytest.raises(ValueError, match="exactly one"):
        check_sample_size(100, enterprises, "Đồng Nai", 2024, **DESIGN)


# ---------------------------------------------------------------------------------------
# validation of strike reports


@pytest.fixture(scope="module", params=[(2024, 2025), (2021, 7)], ids=["2024", "2021-seed7"])
def incoming(request):
    year, seed = request.param
    batch = incoming_strike_reports(year, seed).reports
    return year, seed, batch, load_dataset("enterprises", seed=seed)


def _masks(batch, enterprises, year):
    start, end = reporting_period(year)
    dates = {
        "order": (batch["end_date"] < batch["start_date"]).fillna(False),
        "period": (
            (batch["start_date"] < start)
            | (batch["start_date"] > end)
            | (batch["end_date"] < start)
            | (batch["end_date"] > end)
        ).fillna(False),
    }
    employees = batch["enterprise_id"].map(enterprises.set_index("enterprise_id")["employees"])
    numbers = {
        "positive": (batch["workers_involved"] <= 0).fillna(False),
        "employees": (batch["workers_involved"] > employees).fillna(False),
        "days": (
            batch["days_not_worked"] != batch["workers_involved"] * batch["working_days"]
        ).fillna(False),
    }
    others = {
        "missing": batch[list(REQUIRED_FIELDS)].isna().any(axis=1),
        "province": batch["province"].notna() & ~batch["province"].isin(provinces_2025()),
        "cause": batch["cause"].notna() & ~batch["cause"].isin(list(CAUSE_CODES)),
        "repeat": batch.drop(columns="report_id").duplicated(keep="first"),
    }
    return dates, numbers, others, employees


def _ids(batch, mask):
    return batch.loc[mask, "report_id"]


def test_date_rules(incoming):
    year, _, batch, enterprises = incoming
    dates, *_ = _masks(batch, enterprises, year)
    rules = ["end_before_start", "outside_period"]
    right = dates["order"] | dates["period"]
    assert check_rules(_ids(batch, right), batch, enterprises, year, rules)
    assert check_rules(right, batch, enterprises, year, rules)  # a mask over the batch works too
    assert check_rules(..., batch, enterprises, year, rules).status == "not attempted"
    half = check_rules(_ids(batch, dates["order"]), batch, enterprises, year, rules)
    assert not half and "not in your answer" in half.message
    strict = (batch["end_date"] <= batch["start_date"]).fillna(False) | dates["period"]
    same_day = check_rules(_ids(batch, strict), batch, enterprises, year, rules)
    assert not same_day and "same day" in same_day.message


def test_number_rules(incoming):
    year, _, batch, enterprises = incoming
    _, numbers, _, employees = _masks(batch, enterprises, year)
    rules = ["workers_not_positive", "workers_exceed_employees", "days_inconsistent"]
    right = numbers["positive"] | numbers["employees"] | numbers["days"]
    assert check_rules(_ids(batch, right), batch, enterprises, year, rules)
    unknown = batch["enterprise_id"].notna() & employees.isna()
    strict = check_rules(_ids(batch, right | unknown), batch, enterprises, year, rules)
    assert not strict and "missing from the frame" in strict.message
    span = (batch["end_date"] - batch["start_date"]).dt.days + 1
    calendar = (batch["days_not_worked"] != batch["workers_involved"] * span).fillna(False)
    if (calendar & ~right).any():
        wrong = check_rules(
            _ids(batch, numbers["positive"] | numbers["employees"] | calendar),
            batch,
            enterprises,
            year,
            rules,
        )
        assert not wrong and "working* days" in wrong.message


def test_whole_batch(incoming):
    year, seed, batch, enterprises = incoming
    dates, numbers, others, _ = _masks(batch, enterprises, year)
    everything = pd.concat([*dates.values(), *numbers.values(), *others.values()], axis=1)
    reject = everything.any(axis=1)
    right = check_validation(_ids(batch, reject), batch, year, seed)
    assert right and "all 18 faulty reports" in right.message
    no_repeat = reject & ~others["repeat"]
    partly = check_validation(_ids(batch, no_repeat), batch, year, seed)
    assert not partly and "16 of the 18" in partly.message and "duplicate (2)" in partly.message
    keep_none = batch.drop(columns="report_id").duplicated(keep=False)
    greedy = check_validation(_ids(batch, reject | keep_none), batch, year, seed)
    assert not greedy and "good report(s)" in greedy.message and "keep the first" in greedy.message
    assert check_validation(..., batch, year, seed).status == "not attempted"
    stale = check_validation(_ids(batch, reject), batch.iloc[1:], year, seed)
    assert not stale and "run the first cells again" in stale.message
    other_seed = check_validation(_ids(batch, reject), batch, year, (seed or 0) + 1)
    assert not other_seed and "run the first cells again" in other_seed.message
