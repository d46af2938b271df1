"""IR and decent-work indicators with precision (lrkit.ir_indicators), on hand-made frames."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lrkit.indicators import bargaining_coverage, union_density
from lrkit.ir_indicators import (
    add_province_2025,
    bargaining_coverage_estimates,
    dispute_settlement,
    duration_band,
    enterprise_coverage,
    enterprise_density,
    gender_pay_gap,
    informal_employment_share,
    reaggregate_to_2025,
    share_below_minimum_wage,
    share_enterprises_covered,
    share_wage_clause_above_minimum,
    strike_statistics,
    union_density_estimates,
)
from lrkit.survey import SUPPRESS, SurveyDesign

NO_DESIGN = {"strata": None, "psu": None}


def persons_sample(seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = [
        (f"S{s}", p) for s in range(5) for p in range(4) for _ in range(int(rng.integers(5, 30)))
    ]
    frame = pd.DataFrame(rows, columns=["stratum", "psu"])
    n = len(frame)
    frame["weight"] = rng.uniform(10, 90, n)
    frame["province"] = rng.choice(["Hải Phòng", "Đồng Nai", "Hồ Chí Minh City"], n)
    frame["status"] = rng.choice(["employee", "own_account", "employer"], n, p=[0.7, 0.25, 0.05])
    employee = frame["status"] == "employee"
    frame["union_member"] = rng.random(n) < 0.35
    frame["covered_by_agreement"] = employee & (rng.random(n) < 0.3)
    frame["sex"] = rng.choice(["female", "male"], n)
    frame["monthly_wage_vnd"] = np.where(
        employee, np.round(rng.lognormal(np.log(7e6), 0.4, n), -3), np.nan
    )
    frame["hours_per_week"] = rng.integers(20, 60, n)
    frame["min_wage_region"] = rng.choice(["I", "II", "III", "IV"], n)
    return frame


# ---------------------------------------------------------------------------- density, coverage
def test_density_with_no_design_matches_point_estimate(tiny_persons):
    table = union_density_estimates(tiny_persons, **NO_DESIGN)
    assert table["rate"].iloc[0] == pytest.approx(30.0)
    assert table["numerator"].iloc[0] == pytest.approx(3.0)
    assert table["denominator"].iloc[0] == pytest.approx(10.0)
    assert table["n"].iloc[0] == 4
    assert table["flag"].iloc[0] == SUPPRESS  # four employees: far too few


def test_density_worked_example_in_percent():
    # the worked example of tests/test_survey.py and book/reference/estimation.md
    frame = pd.DataFrame(
        {
            "stratum": ["A", "A", "A", "B", "B", "B", "B"],
            "psu": ["A1", "A1", "A2", "B1", "B1", "B2", "B3"],
            "weight": [10.0, 10.0, 20.0, 5.0, 5.0, 10.0, 15.0],
            "status": ["employee"] * 4 + ["own_account", "employee", "employee"],
            "union_member": [True, False, True, False, False, True, False],
        }
    )
    row = union_density_estimates(frame).iloc[0]
    assert row["rate"] == pytest.approx(400 / 7)
    assert row["se"] == pytest.approx(100 * math.sqrt(110) / 49)
    assert row["indicator"] == "union_density"


@pytest.mark.parametrize("seed", [1, 2])
def test_rates_equal_the_point_estimates_of_indicators(seed):
    frame = persons_sample(seed)
    ours = union_density_estimates(frame, by="province").set_index("province")
    point = union_density(frame, by="province").set_index("province")
    np.testing.assert_allclose(ours["rate"], point.loc[ours.index, "rate"], rtol=1e-12)
    ours = bargaining_coverage_estimates(frame, by="province").set_index("province")
    point = bargaining_coverage(frame, by="province").set_index("province")
    np.testing.assert_allclose(ours["rate"], point.loc[ours.index, "rate"], rtol=1e-12)
    np.testing.assert_allclose(ours["denominator"], point.loc[ours.index, "employees"])


def test_rates_agree_with_svy():
    pl = pytest.importorskip("polars")
    svy = pytest.importorskip("svy", reason="svy is a dev dependency (pip install -e .[dev])")
    frame = persons_sample(3)
    data = frame.assign(union_member=frame["union_member"].astype(float))
    sample = svy.Sample(
        pl.from_pandas(data), svy.Design(stratum="stratum", psu="psu", wgt="weight")
    )
    theirs = sample.estimation.prop(
        "union_member", by="province", where=svy.col("status") == "employee"
    )
    theirs = theirs.to_polars().to_pandas()
    theirs = theirs[theirs["union_member"] == 1.0].set_index("province")
    ours = union_density_estimates(frame, by="province").set_index("province")
    for mine, other in (("rate", "est"), ("se", "se"), ("ci_lower", "lci"), ("ci_upper", "uci")):
        np.testing.assert_allclose(ours[mine] / 100, theirs.loc[ours.index, other], rtol=1e-8)


def test_adjusted_coverage_removes_excluded_employees(tiny_persons):
    # employees: persons 0, 1, 2 (A; weights 2, 3, 1) and 4 (B; weight 4); covered: 2 and 4.
    # Person 1 (weight 3) has no right to bargain: adjusted = (1 + 4) / (2 + 1 + 4) = 5/7.
    frame = tiny_persons.assign(no_right=[False, True, False, False, False])
    plain = bargaining_coverage_estimates(frame, **NO_DESIGN)
    adjusted = bargaining_coverage_estimates(frame, excluded="no_right", **NO_DESIGN)
    assert plain["rate"].iloc[0] == pytest.approx(50.0)
    assert adjusted["rate"].iloc[0] == pytest.approx(500 / 7)
    assert adjusted["indicator"].iloc[0] == "bargaining_coverage_adjusted"
    as_series = bargaining_coverage_estimates(frame, excluded=frame["no_right"], **NO_DESIGN)
    assert as_series["rate"].iloc[0] == pytest.approx(500 / 7)


def test_adjusted_coverage_refuses_covered_excluded_employees(tiny_persons):
    frame = tiny_persons.assign(no_right=[False, False, True, False, False])
    with pytest.raises(ValueError, match=r"1 employee\(s\) marked as without the right"):
        bargaining_coverage_estimates(frame, excluded="no_right", **NO_DESIGN)


def test_prepared_design_is_reused_and_checked():
    frame = persons_sample(4)
    design = SurveyDesign(frame, "weight", "stratum", "psu")
    a = union_density_estimates(frame, by="province", design=design)
    b = union_density_estimates(frame, by="province")
    pd.testing.assert_frame_equal(a, b)
    with pytest.raises(ValueError, match="another frame"):
        union_density_estimates(frame.copy(), design=design)


@settings(max_examples=40, database=None, deadline=None)
@given(
    weights=st.lists(st.floats(0.1, 1e4), min_size=12, max_size=12),
    members=st.lists(st.booleans(), min_size=12, max_size=12),
    factor=st.floats(1e-3, 1e3),
    seed=st.integers(0, 10_000),
)
def test_density_properties(weights, members, factor, seed):
    frame = pd.DataFrame(
        {
            "stratum": ["a"] * 6 + ["b"] * 6,
            "psu": [1, 1, 2, 2, 3, 3] * 2,
            "weight": weights,
            "status": ["employee", "own_account"] * 6,
            "union_member": members,
            "province": ["P", "Q", "Q", "P"] * 3,
        }
    )
    table = union_density_estimates(frame, by="province")
    assert table["rate"].between(0, 100).all()
    assert table[["ci_lower", "ci_upper"]].stack().between(0, 100).all()
    shuffled = frame.sample(frac=1, random_state=seed).reset_index(drop=True)
    again = union_density_estimates(shuffled, by="province")
    np.testing.assert_allclose(again["rate"], table["rate"], rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(again["se"], table["se"], rtol=1e-7, atol=1e-9)
    scaled = union_density_estimates(frame.assign(weight=frame["weight"] * factor), by="province")
    np.testing.assert_allclose(scaled["rate"], table["rate"], rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(scaled["se"], table["se"], rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(scaled["denominator"], factor * table["denominator"], rtol=1e-9)


# ---------------------------------------------------------------------------- enterprises
@pytest.fixture
def enterprises() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "enterprise_id": ["E1", "E2", "E3", "E4"],
            "ownership": ["foreign_invested", "foreign_invested", "state", "domestic_private"],
            "employees": [1000, 200, 300, 500],
            "has_union": [True, False, True, False],
            "has_agreement": [True, False, False, False],
        }
    )


def test_enterprise_density_and_coverage_are_employment_weighted(enterprises):
    density = enterprise_density(enterprises)
    # (1000 + 300) / 2000 = 65 %, not the share of enterprises (50 %)
    assert density["rate"].iloc[0] == pytest.approx(65.0)
    assert density["employees_in_unionised"].iloc[0] == 1300
    coverage = enterprise_coverage(enterprises, by="ownership").set_index("ownership")
    assert coverage.loc["foreign_invested", "rate"] == pytest.approx(1000 / 1200 * 100)
    assert coverage.loc["state", "rate"] == 0
    assert coverage.loc["foreign_invested", "n_enterprises"] == 2


def test_enterprise_rates_refuse_bad_counts(enterprises):
    with pytest.raises(ValueError, match="'employees' must be a count"):
        enterprise_density(enterprises.assign(employees=[1000, -5, 300, 500]))
    with pytest.raises(TypeError, match="'employees' must be numeric"):
        enterprise_density(enterprises.assign(employees=["1000", "200", "300", "500"]))
    with pytest.raises(TypeError, match="'has_union' must be true/false"):
        enterprise_density(enterprises.assign(has_union=["yes", "no", "yes", "no"]))


def test_share_of_enterprises_covered(enterprises):
    assert share_enterprises_covered(enterprises)["share"].iloc[0] == pytest.approx(25.0)
    agreements = pd.DataFrame(
        {
            "enterprise_id": ["E1", "E3", "E3"],
            "effective_from": ["2020-01-01", "2023-01-01", "2026-01-01"],
            "expiry_date": ["2022-12-31", None, None],
        }
    )
    any_time = share_enterprises_covered(enterprises, agreements=agreements)
    assert any_time["covered"].iloc[0] == 2
    in_2024 = share_enterprises_covered(enterprises, agreements=agreements, on="2024-06-30")
    assert in_2024["covered"].iloc[0] == 1  # E1's expired, E3's first one is in force
    with pytest.raises(ValueError, match="enterprises not in the frame"):
        share_enterprises_covered(enterprises, agreements=agreements.assign(enterprise_id="E9"))


def test_wage_clause_above_the_minimum_in_force():
    # Region I: 4,680,000 from 2022-07-01 (38/2022), 4,960,000 from 2024-07-01 (74/2024).
    agreements = pd.DataFrame(
        {
            "agreement_id": ["A1", "A2", "A3", "A4"],
            "province": ["Hải Phòng", "Hải Phòng", "Đồng Nai", "Đồng Nai"],
            "min_wage_region": ["I", "I", "I", "II"],
            "effective_from": pd.to_datetime(
                ["2024-06-30", "2024-07-01", "2023-01-01", "2023-01-01"]
            ),
            "agreed_min_wage_vnd": [4_700_000, 4_700_000, np.nan, 4_160_000],
        }
    )
    table = share_wage_clause_above_minimum(agreements)
    assert table["agreements"].iloc[0] == 4
    assert table["with_wage_clause"].iloc[0] == 3
    # A1 above (4.70 m > 4.68 m); A2 not (< 4.96 m); A3 no clause; A4 equal, not above
    assert table["above_minimum"].iloc[0] == 1
    assert table["share"].iloc[0] == pytest.approx(25.0)
    by = share_wage_clause_above_minimum(agreements, by="province").set_index("province")
    assert by.loc["Hải Phòng", "share"] == pytest.approx(50.0)
    with pytest.raises(ValueError, match=r"unknown minimum-wage region\(s\) \['V'\]"):
        share_wage_clause_above_minimum(agreements.assign(min_wage_region="V"))


# ---------------------------------------------------------------------------- strikes
@pytest.fixture
def strikes() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "ownership": ["foreign_invested", "foreign_invested", "state", "foreign_invested"],
            "province": ["Đồng Nai", "Hải Phòng", "Hải Phòng", "Đồng Nai"],
            "cause": ["wages", "tet_bonus", "wages", "late_pay"],
            "duration_workdays": [1, 3, 2, 12],
            "workers_involved": [100, 300, 50, 400],
            "days_not_worked": [100, 900, 100, 4800],
            "led_by_union": [False, False, True, False],
        }
    )


def test_strike_statistics_by_hand(strikes):
    total = strike_statistics(strikes, employees=2_000_000)
    assert total["actions"].iloc[0] == 4
    assert total["workers_involved"].iloc[0] == 850
    assert total["days_not_worked"].iloc[0] == 5900
    assert total["share_not_led_by_union"].iloc[0] == pytest.approx(75.0)
    # 5,900 days / 2,000,000 employees x 1,000 = 2.95
    assert total["days_not_worked_per_1000_employees"].iloc[0] == pytest.approx(2.95)


def test_strike_statistics_by_duration_band_and_province(strikes):
    bands = strike_statistics(strikes, by="duration_band").set_index("duration_band")
    assert list(bands.index) == ["1 day", "2-3 days", "4-5 days", "6-10 days", "11+ days"]
    assert bands.loc["2-3 days", "actions"] == 2
    assert bands.loc["4-5 days", "actions"] == 0
    assert math.isnan(bands.loc["4-5 days", "share_not_led_by_union"])
    employees = pd.Series({"Đồng Nai": 1_000_000.0, "Hải Phòng": 500_000.0})
    by = strike_statistics(strikes, by="province", employees=employees).set_index("province")
    assert by.loc["Hải Phòng", "days_not_worked_per_1000_employees"] == pytest.approx(2.0)
    frame = employees.rename("employees").rename_axis("province").reset_index()
    again = strike_statistics(strikes, by="province", employees=frame).set_index("province")
    assert again.loc["Đồng Nai", "days_not_worked_per_1000_employees"] == pytest.approx(4.9)


def test_strike_statistics_errors(strikes):
    with pytest.raises(ValueError, match=r"no employee count for group\(s\) \['Hải Phòng'\]"):
        strike_statistics(strikes, by="province", employees=pd.Series({"Đồng Nai": 1e6}))
    with pytest.raises(ValueError, match="single employee count cannot serve"):
        strike_statistics(strikes, by="province", employees=1e6)
    with pytest.raises(ValueError, match="'workers_involved' has 1 missing or negative"):
        strike_statistics(strikes.assign(workers_involved=[100, -1, 50, 400]))
    with pytest.raises(KeyError, match="led_by_union"):
        strike_statistics(strikes.drop(columns="led_by_union"))
    with pytest.raises(ValueError, match=r"duration value\(s\) \[0\] fall in no band"):
        duration_band(pd.Series([0, 1]))


# ---------------------------------------------------------------------------- disputes
@pytest.fixture
def disputes() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "dispute_id": ["D1", "D2", "D3", "D4", "D5"],
            "channel": ["conciliation", "conciliation", "conciliation", "court", "court"],
            "filed_date": pd.to_datetime(
                ["2025-01-01", "2025-01-01", "2025-02-01", "2025-01-01", "2025-03-01"]
            ),
            "settled_date": pd.to_datetime(["2025-01-11", "2025-01-31", None, "2025-06-30", None]),
        }
    )


def test_dispute_settlement_by_channel(disputes):
    table = dispute_settlement(disputes, as_of="2025-12-31").set_index("channel")
    assert table.loc["conciliation", "settlement_rate"] == pytest.approx(200 / 3)
    assert table.loc["conciliation", "median_days_settled"] == pytest.approx(20.0)  # 10, 30
    assert table.loc["court", "settled"] == 1
    assert table.loc["court", "open"] == 1
    # Kaplan-Meier, conciliation: times 10 (event), 30 (event), 333 (open): S(10) = 2/3,
    # S(30) = 1/3 <= 0.5, so the median is 30 days
    assert table.loc["conciliation", "median_days_km"] == pytest.approx(30.0)
    # court: 180 (event), 305 (open): S(180) = 1/2 <= 0.5, median 180
    assert table.loc["court", "median_days_km"] == pytest.approx(180.0)
    overall = dispute_settlement(disputes, by=None)
    assert overall["disputes"].iloc[0] == 5
    assert overall["settlement_rate"].iloc[0] == pytest.approx(60.0)


def test_dispute_errors(disputes):
    bad = disputes.assign(settled_date=pd.to_datetime(["2024-12-01"] + [None] * 4))
    with pytest.raises(ValueError, match=r"1 dispute\(s\) settled before being filed"):
        dispute_settlement(bad)
    with pytest.raises(ValueError, match="after as_of"):
        dispute_settlement(disputes, as_of="2025-02-15")
    with pytest.raises(KeyError, match="filed_date"):
        dispute_settlement(disputes.drop(columns="filed_date"))


# ---------------------------------------------------------------------------- decent work
def test_gender_pay_gap_by_hand():
    # men: 10 m VND / (40 h x 52/12) and 12 m / (50 h x 52/12); women: 8 m / (40 h x 52/12)
    frame = pd.DataFrame(
        {
            "weight": [1.0, 1.0, 2.0, 1.0],
            "status": ["employee", "employee", "employee", "own_account"],
            "sex": ["male", "male", "female", "female"],
            "monthly_wage_vnd": [10e6, 12e6, 8e6, np.nan],
            "hours_per_week": [40, 50, 40, 60],
        }
    )
    month = 52 / 12
    men = (10e6 / (40 * month) + 12e6 / (50 * month)) / 2
    women = 8e6 / (40 * month)
    row = gender_pay_gap(frame, **NO_DESIGN).iloc[0]
    assert row["mean_hourly_male"] == pytest.approx(men)
    assert row["mean_hourly_female"] == pytest.approx(women)
    assert row["gap_pct"] == pytest.approx(100 * (men - women) / men)
    assert row["flag"] == SUPPRESS


def test_gender_pay_gap_agrees_with_svy_contrast():
    pl = pytest.importorskip("polars")
    svy = pytest.importorskip("svy", reason="svy is a dev dependency (pip install -e .[dev])")
    frame = persons_sample(5)
    employee = frame["status"] == "employee"
    hourly = frame["monthly_wage_vnd"] / (frame["hours_per_week"] * 52 / 12)
    data = frame.assign(hourly=hourly.fillna(0.0), is_employee=employee)
    sample = svy.Sample(
        pl.from_pandas(data), svy.Design(stratum="stratum", psu="psu", wgt="weight")
    )
    means = sample.estimation.mean("hourly", by=("province", "sex"), where=svy.col("is_employee"))
    ours = gender_pay_gap(frame, by="province").set_index("province")
    for province in ours.index:
        male, female = svy.estd((province, "male")), svy.estd((province, "female"))
        gap = means.contrast({"gap": (male - female) / male}).to_polars().row(0, named=True)
        assert ours.loc[province, "gap_pct"] == pytest.approx(100 * gap["est"], rel=1e-8)
        assert ours.loc[province, "se"] == pytest.approx(100 * gap["se"], rel=1e-8)


def test_gender_pay_gap_errors():
    frame = persons_sample(6)
    with pytest.raises(ValueError, match="pass drop_missing=True"):
        gender_pay_gap(
            frame.assign(
                monthly_wage_vnd=frame["monthly_wage_vnd"].where(
                    frame.index != frame.index[frame["status"] == "employee"][0]
                )
            )
        )
    with pytest.raises(ValueError, match=r"column 'sex' has value\(s\) \['M'\]"):
        gender_pay_gap(frame.assign(sex=frame["sex"].replace({"male": "M"})))
    with pytest.raises(ValueError, match="'hours_per_week' has"):
        gender_pay_gap(frame.assign(hours_per_week=0))


def test_informal_employment_share_generic_column():
    frame = pd.DataFrame(
        {
            "weight": [1.0, 2.0, 3.0, 4.0],
            "employed": [True, True, True, False],
            "job_informal": [True, False, True, True],
        }
    )
    row = informal_employment_share(
        frame, informal="job_informal", employed="employed", **NO_DESIGN
    ).iloc[0]
    assert row["rate"] == pytest.approx(100 * 4 / 6)
    assert row["denominator"] == pytest.approx(6.0)
    with pytest.raises(KeyError, match="informal"):
        informal_employment_share(frame, **NO_DESIGN)


def test_share_below_minimum_wage_uses_region_and_date():
    # Region I minimum: 4,420,000 until 2022-06-30, 4,680,000 from 2022-07-01.
    frame = pd.DataFrame(
        {
            "weight": [1.0, 1.0, 2.0, 1.0],
            "status": ["employee", "employee", "employee", "own_account"],
            "min_wage_region": ["I", "I", "IV", "I"],
            "reference_date": pd.to_datetime(
                ["2022-06-01", "2022-10-01", "2022-10-01", "2022-10-01"]
            ),
            "monthly_wage_vnd": [4_500_000, 4_500_000, 3_300_000, np.nan],
        }
    )
    row = share_below_minimum_wage(frame, **NO_DESIGN).iloc[0]
    # only the second worker (4.5 m < 4.68 m) is below; region IV 2022: 3,250,000
    assert row["rate"] == pytest.approx(25.0)
    assert row["n"] == 3
    # the same wages all on 2022-10-01: the first worker is now below too, (1 + 1) / 4
    on_one_date = pd.to_datetime(pd.Series(["2022-10-01"] * 4))
    again = share_below_minimum_wage(frame, on=on_one_date, **NO_DESIGN).iloc[0]
    assert again["rate"] == pytest.approx(50.0)
    with pytest.raises(ValueError, match=r"unknown minimum-wage region\(s\) \['V'\]"):
        share_below_minimum_wage(frame.assign(min_wage_region="V"), **NO_DESIGN)
    missing = frame.assign(monthly_wage_vnd=[np.nan, 4_500_000, 3_300_000, np.nan])
    with pytest.raises(ValueError, match="1 employee"):
        share_below_minimum_wage(missing, **NO_DESIGN)
    kept = share_below_minimum_wage(missing, drop_missing=True, **NO_DESIGN).iloc[0]
    assert kept["rate"] == pytest.approx(100 / 3)


# ---------------------------------------------------------------------------- crosswalk
def test_reaggregation_recomputes_rates_from_totals():
    table = pd.DataFrame(
        {
            "year": [2018, 2018, 2018, 2018],
            "province_pre2025": ["Hồ Chí Minh City", "Binh Duong", "Bà Rịa–Vũng Tàu", "Hà Nội"],
            "members": [300.0, 50.0, 10.0, 40.0],
            "employees": [1000.0, 500.0, 100.0, 400.0],
        }
    )
    table["rate"] = 100 * table["members"] / table["employees"]
    out = reaggregate_to_2025(table, by="year", rates={"rate": ("members", "employees")}).set_index(
        "province_2025"
    )
    hcmc = out.loc["Hồ Chí Minh City"]
    assert hcmc["n_units"] == 3
    assert hcmc["members"] == 360 and hcmc["employees"] == 1600
    assert hcmc["rate"] == pytest.approx(22.5)  # 360 / 1600, not the mean of 30, 10, 10
    assert out.loc["Hà Nội", "rate"] == pytest.approx(10.0)


def test_reaggregation_rejects_unknown_names():
    table = pd.DataFrame({"province_pre2025": ["Sai Gon", "Atlantis"], "n": [1, 2]})
    with pytest.raises(ValueError, match=r"\['Atlantis', 'Sai Gon'\]"):
        reaggregate_to_2025(table, totals=["n"])


def test_add_province_2025_for_microdata():
    frame = pd.DataFrame({"province_pre2025": ["Hai Duong", "Hải Phòng", "Bình Phước"]})
    out = add_province_2025(frame)
    assert list(out["province_2025"]) == ["Hải Phòng", "Hải Phòng", "Đồng Nai"]
