"""Module 5 checks: right answers pass, the usual mistakes get their hint, nothing leaks.

The right answers are computed here with plain pandas/numpy/statsmodels, the way a learner
would, independently of lrkit.impact, from the committed workshop data.
"""

import math

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf
from scipy import stats

from lrkit import check_impact as ck
from lrkit.data import load_dataset

PROVINCE, YEAR, RISE = "Đồng Nai", 2024, "2024-07-01"


@pytest.fixture(scope="module")
def workers():
    return load_dataset("workers")


@pytest.fixture(scope="module")
def decree():
    table = load_dataset("minimum_wage")
    return table[table["effective_from"] == RISE].set_index("region")


def _employees(workers, rise):
    table = load_dataset("minimum_wage")
    new = table[table["effective_from"] == rise].set_index("region")["monthly_vnd"]
    out = workers[workers["status"] == "employee"].copy()
    out["log_wage"] = np.log(out["monthly_wage_vnd"].astype(float))
    out["new_minimum"] = out["min_wage_region"].map(new).astype(float)
    # both rises take effect on 1 July: Q3 is the rise quarter (k = 0), Q2 the one before
    out["k"] = (out["year"] * 4 + out["quarter"]) - (int(rise[:4]) * 4 + 3)
    out["exposed"] = out["monthly_wage_vnd"].astype(float) < 1.1 * out["new_minimum"]
    return out


@pytest.fixture(scope="module")
def employees(workers):
    return _employees(workers, RISE)


def _mean(rows):
    return np.average(rows["log_wage"], weights=rows["weight"])


def _assert_hint(result, *words):
    assert not result and result.status == "not yet", result
    for word in words:
        assert word in repr(result), (word, repr(result))


def _no_leak(result, expected, decimals):
    assert f"{expected:.{decimals}f}" not in repr(result)


# ------------------------------------------------------------------------------ exercise 5.1
def test_placeholders_are_not_attempted(workers):
    for result in (
        ck.check_rise_pct(..., RISE),
        ck.check_exposed_share(..., workers, PROVINCE, RISE),
        ck.check_did(..., workers, RISE),
        ck.check_did_se(None, workers, RISE),
        ck.check_exposed_count(..., workers, PROVINCE, RISE),
        ck.check_event_coefficients(..., workers, RISE),
        ck.check_pretrend_slope(..., workers, RISE),
        ck.check_trend_adjusted(..., workers, RISE),
        ck.check_icc(..., workers, PROVINCE, 2025),
        ck.check_design_effect(..., workers, PROVINCE, 2025),
        ck.check_mde(..., workers, PROVINCE, 2025),
        ck.check_employees_needed(..., workers, PROVINCE, 2025, 0.03),
    ):
        assert not result and result.status == "not attempted"


def test_rise_pct(decree):
    old = decree["previous_monthly_vnd"].astype(float)
    pct = (100 * (decree["monthly_vnd"] - old) / old).round(2)
    assert ck.check_rise_pct(pct, RISE)
    assert ck.check_rise_pct(pct.to_dict(), RISE)
    _assert_hint(ck.check_rise_pct(pct / 100, RISE), "100")
    _assert_hint(ck.check_rise_pct(decree["monthly_vnd"] - old, RISE), "VND")
    _assert_hint(
        ck.check_rise_pct(100 * (decree["monthly_vnd"] - old) / decree["monthly_vnd"], RISE),
        "OLD minimum",
    )
    _assert_hint(ck.check_rise_pct(5.98, RISE), "one value per region")
    _assert_hint(ck.check_rise_pct(pct.iloc[:3], RISE), "indexed by the regions")


def test_exposed_share(workers, employees):
    before = employees[(employees["province"] == PROVINCE) & (employees["k"] == -1)]
    right = 100 * np.average(before["exposed"], weights=before["weight"])
    result = ck.check_exposed_share(round(right, 1), workers, PROVINCE, RISE)
    assert result
    unweighted = 100 * before["exposed"].mean()
    _assert_hint(ck.check_exposed_share(unweighted, workers, PROVINCE, RISE), "weights")
    at_minimum = before["monthly_wage_vnd"].astype(float) < before["new_minimum"]
    wrong_line = 100 * np.average(at_minimum, weights=before["weight"])
    _assert_hint(ck.check_exposed_share(wrong_line, workers, PROVINCE, RISE), "1.1")
    after = employees[(employees["province"] == PROVINCE) & (employees["k"] == 0)]
    wrong_quarter = 100 * np.average(after["exposed"], weights=after["weight"])
    _assert_hint(ck.check_exposed_share(wrong_quarter, workers, PROVINCE, RISE), "before")


def _cells(employees, column="log_wage", weighted=True, line=1.1):
    two = employees[employees["k"].isin([-1, 0])]
    flag = two["monthly_wage_vnd"].astype(float) < line * two["new_minimum"]
    out = {}
    for exposed_ in (True, False):
        for k in (-1, 0):
            rows = two[(flag == exposed_) & (two["k"] == k)]
            w = rows["weight"] if weighted else None
            out[exposed_, k] = np.average(rows[column].astype(float), weights=w)
    return out


def test_did_right_and_the_usual_mistakes(workers, employees):
    c = _cells(employees)
    did = (c[True, 0] - c[True, -1]) - (c[False, 0] - c[False, -1])
    result = ck.check_did(round(did, 3), workers, RISE)
    assert result
    _assert_hint(ck.check_did(c[True, 0] - c[True, -1], workers, RISE), "before/after")
    _assert_hint(ck.check_did(c[True, 0] - c[False, 0], workers, RISE), "with/without")
    _assert_hint(ck.check_did(-did, workers, RISE), "reversed")
    # in 2024 the unweighted DiD happens to equal the before/after one: both hints are given
    u = _cells(employees, weighted=False)
    unweighted = (u[True, 0] - u[True, -1]) - (u[False, 0] - u[False, -1])
    _assert_hint(ck.check_did(unweighted, workers, RISE), "weights", "before/after", "Or:")
    u = _cells(_employees(workers, "2022-07-01"), weighted=False)
    unweighted = (u[True, 0] - u[True, -1]) - (u[False, 0] - u[False, -1])
    result = ck.check_did(unweighted, workers, "2022-07-01")
    _assert_hint(result, "weights")
    assert "Or:" not in repr(result)
    w = _cells(employees, line=1.0)
    wrong_line = (w[True, 0] - w[True, -1]) - (w[False, 0] - w[False, -1])
    _assert_hint(ck.check_did(wrong_line, workers, RISE), "spillover")
    _assert_hint(ck.check_did(100 * did, workers, RISE), "log points")
    wrong = ck.check_did(did + 0.05, workers, RISE)
    _assert_hint(wrong, "four weighted means")
    _no_leak(wrong, did, 3)


def test_did_standard_error(workers, employees):
    data = employees[employees["k"].isin([-1, 0])].assign(
        exposed=lambda d: d["exposed"].astype(int), post=lambda d: (d["k"] == 0).astype(int)
    )
    model = smf.wls("log_wage ~ exposed * post", data=data, weights=data["weight"])
    clustered = model.fit(cov_type="cluster", cov_kwds={"groups": pd.factorize(data["psu"])[0]})
    assert ck.check_did_se(round(clustered.bse["exposed:post"], 3), workers, RISE)
    plain = model.fit().bse["exposed:post"]
    _assert_hint(ck.check_did_se(plain, workers, RISE), "plain")
    robust = model.fit(cov_type="HC1").bse["exposed:post"]
    _assert_hint(ck.check_did_se(robust, workers, RISE), "not clustered")


# ------------------------------------------------------------------------------ exercise 5.2
def test_exposed_count(workers, employees):
    here = employees[(employees["province"] == PROVINCE) & (employees["k"] == 0)]
    count = int(here["exposed"].sum())
    assert ck.check_exposed_count(count, workers, PROVINCE, RISE)
    weighted = here.loc[here["exposed"], "weight"].sum()
    _assert_hint(ck.check_exposed_count(weighted, workers, PROVINCE, RISE), "rows")
    everywhere = int(employees.loc[employees["k"] == 0, "exposed"].sum())
    _assert_hint(ck.check_exposed_count(everywhere, workers, PROVINCE, RISE), "province")


@pytest.fixture(scope="module")
def coefficients(employees):
    window = employees[employees["k"].between(-8, 3)]
    gaps = pd.Series(
        {
            k: _mean(rows[rows["exposed"]]) - _mean(rows[~rows["exposed"]])
            for k, rows in window.groupby("k")
        }
    )
    return gaps, gaps - gaps[-1]


def test_event_coefficients(workers, coefficients):
    gaps, beta = coefficients
    assert ck.check_event_coefficients(beta.round(3), workers, RISE)
    _assert_hint(ck.check_event_coefficients(gaps.round(3), workers, RISE), "k = −1")
    _assert_hint(ck.check_event_coefficients(-beta, workers, RISE), "sign")
    _assert_hint(ck.check_event_coefficients(beta.iloc[2:], workers, RISE), "every quarter")
    _assert_hint(ck.check_event_coefficients(0.07, workers, RISE), "Series")


def test_pretrend_slope_and_trend_adjusted(workers, coefficients):
    _, beta = coefficients
    pre = beta[beta.index < 0]
    slope, intercept = np.polyfit(pre.index.to_numpy(dtype=float), pre.to_numpy(), 1)
    assert ck.check_pretrend_slope(round(slope, 4), workers, RISE)
    all_k = np.polyfit(beta.index.to_numpy(dtype=float), beta.to_numpy(), 1)[0]
    _assert_hint(ck.check_pretrend_slope(all_k, workers, RISE), "BEFORE")
    assert ck.check_trend_adjusted(round(beta[0] - intercept, 3), workers, RISE)
    _assert_hint(ck.check_trend_adjusted(beta[0], workers, RISE), "coefficient of quarter 0")
    _assert_hint(ck.check_trend_adjusted(beta[0] + intercept, workers, RISE), "do not add")


# ------------------------------------------------------------------------------ exercise 5.3
@pytest.fixture(scope="module")
def plan(workers):
    table = load_dataset("minimum_wage")
    new = table[table["effective_from"] == "2026-01-01"].set_index("region")["monthly_vnd"]
    out = workers[
        (workers["status"] == "employee")
        & (workers["province"] == PROVINCE)
        & (workers["year"] == 2025)
    ].copy()
    out["log_wage"] = np.log(out["monthly_wage_vnd"].astype(float))
    out["exposed"] = out["monthly_wage_vnd"].astype(float) < 1.1 * out["min_wage_region"].map(
        new
    ).astype(float)
    return out


def _icc(values, groups):
    frame = pd.DataFrame({"y": np.asarray(values, dtype=float), "g": np.asarray(groups)})
    by = frame.groupby("g")["y"]
    sizes, k, n = by.size(), by.ngroups, len(frame)
    msb = (sizes * (by.mean() - frame["y"].mean()) ** 2).sum() / (k - 1)
    msw = ((frame["y"] - by.transform("mean")) ** 2).sum() / (n - k)
    n0 = (n - (sizes**2).sum() / n) / (k - 1)
    return (msb - msw) / (msb + (n0 - 1) * msw)


def test_icc_and_design_effect(workers, plan):
    rho = _icc(plan["log_wage"], plan["psu"])
    assert ck.check_icc(round(rho, 3), workers, PROVINCE, 2025)
    in_vnd = _icc(plan["monthly_wage_vnd"].astype(float), plan["psu"])
    _assert_hint(ck.check_icc(in_vnd, workers, PROVINCE, 2025), "log")
    m = len(plan) / plan["psu"].nunique()
    deff = 1 + (m - 1) * rho
    assert ck.check_design_effect(round(deff, 2), workers, PROVINCE, 2025)
    _assert_hint(ck.check_design_effect(1 + m * rho, workers, PROVINCE, 2025), "m − 1")
    _assert_hint(
        ck.check_design_effect(1 + (len(plan) - 1) * rho, workers, PROVINCE, 2025), "per cluster"
    )


def test_mde_and_employees_needed(workers, plan):
    rho = _icc(plan["log_wage"], plan["psu"])
    deff = 1 + (len(plan) / plan["psu"].nunique() - 1) * rho
    quarters = plan["quarter"].nunique()
    exposed, other = plan[plan["exposed"]], plan[~plan["exposed"]]
    n_e, n_c = len(exposed) / quarters, len(other) / quarters
    sd_e, sd_c = exposed["log_wage"].std(), other["log_wage"].std()
    z = stats.norm.ppf(0.975) + stats.norm.ppf(0.8)
    se = math.sqrt(sd_e**2 * 2 / n_e + sd_c**2 * 2 / n_c)
    mde = z * math.sqrt(deff) * se
    assert ck.check_mde(round(mde, 3), workers, PROVINCE, 2025)
    _assert_hint(ck.check_mde(z * se, workers, PROVINCE, 2025), "design effect is missing")
    _assert_hint(ck.check_mde(z * deff * se, workers, PROVINCE, 2025), "√deff")
    _assert_hint(ck.check_mde(stats.norm.ppf(0.975) * math.sqrt(deff) * se, workers, PROVINCE,
                              2025), "power")  # fmt: skip
    # in Đồng Nai the one-sided MDE happens to equal the one without deff: both are named
    one_sided = (stats.norm.ppf(0.95) + stats.norm.ppf(0.8)) * math.sqrt(deff) * se
    _assert_hint(ck.check_mde(one_sided, workers, PROVINCE, 2025), "two-sided", "Or:")
    wrong = ck.check_mde(mde + 0.1, workers, PROVINCE, 2025)
    _no_leak(wrong, mde, 3)
    s = n_e / (n_e + n_c)
    n = math.ceil(z**2 * deff * 2 * (sd_e**2 / s + sd_c**2 / (1 - s)) / 0.03**2)
    assert ck.check_employees_needed(n, workers, PROVINCE, 2025, 0.03)
    no_deff = math.ceil(z**2 * 2 * (sd_e**2 / s + sd_c**2 / (1 - s)) / 0.03**2)
    _assert_hint(ck.check_employees_needed(no_deff, workers, PROVINCE, 2025, 0.03), "deff")
    _assert_hint(ck.check_employees_needed(n - 0.5, workers, PROVINCE, 2025, 0.03), "round UP")


def test_one_sided_mde_is_named(workers):
    from lrkit.impact import planning_inputs, z_multiplier

    inputs = planning_inputs(workers, "2026-01-01", 2025, "Hải Phòng")
    one_sided = inputs.mde() * z_multiplier(two_sided=False) / z_multiplier()
    _assert_hint(ck.check_mde(one_sided, workers, "Hải Phòng", 2025), "two-sided")


def test_messages_never_show_the_expected_value(workers, employees):
    c = _cells(employees)
    did = (c[True, 0] - c[True, -1]) - (c[False, 0] - c[False, -1])
    for answer in (did + 0.2, -did, 0.0):
        result = ck.check_did(answer, workers, RISE)
        _no_leak(result, did, 3)
        _no_leak(result, did, 4)
