"""Module 4 checks: right answers pass, the usual mistakes get their hint, nothing leaks.

Right answers are computed here with statsmodels or pandas directly (or the lrkit function the
exercise asks the learner to call); the mistakes are made on purpose the way learners make them.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
import statsmodels.formula.api as smf

from lrkit import analysis
from lrkit import check_analysis as ca
from lrkit.data import load_dataset, load_truth
from lrkit.ir_indicators import union_density_estimates

PROVINCE, YEAR = "Hải Phòng", 2020


def _says(feedback, *words):
    text = repr(feedback)
    return not feedback and all(word in text for word in words)


@pytest.fixture(scope="module")
def workers():
    return load_dataset("workers")


# ---------------------------------------------------------------------------- exercise 4.1
@pytest.fixture(scope="module")
def ownership(workers):
    here = workers[(workers["province"] == PROVINCE) & (workers["year"] == YEAR)]
    here = analysis.label_missing(here)
    table = union_density_estimates(
        here, by="employer_ownership", strata=list(analysis.WORKER_STRATA)
    )
    return here, table.set_index("employer_ownership")


def test_rate_and_se(workers, ownership):
    here, table = ownership
    fdi = table.loc["foreign_invested"]
    call = ca.check_rate_and_se
    assert call(..., ..., workers, PROVINCE, YEAR).status == "not attempted"
    right = call(round(fdi["rate"], 1), round(fdi["se"], 2), workers, PROVINCE, YEAR)
    assert right and "standard error" in repr(right)
    # weights ignored
    domain = here[
        (here["status"] == "employee") & (here["employer_ownership"] == "foreign_invested")
    ]
    unweighted = 100 * domain["union_member"].mean()
    assert _says(call(unweighted, fdi["se"], workers, PROVINCE, YEAR), "(the rate)", "weights")
    # SE mistakes: share scale, CV, simple random sampling, strata without the round
    rate = fdi["rate"]
    assert _says(call(rate, fdi["se"] / 100, workers, PROVINCE, YEAR), "percentage points")
    assert _says(call(rate, fdi["cv_pct"], workers, PROVINCE, YEAR), "coefficient of variation")
    p, n = fdi["rate"] / 100, len(domain)
    srs = 100 * math.sqrt(p * (1 - p) / n)
    assert _says(call(rate, srs, workers, PROVINCE, YEAR), "simple-random-sampling")
    stratum_only = union_density_estimates(here, by="employer_ownership", strata="stratum")
    se_plain = stratum_only.set_index("employer_ownership").loc["foreign_invested", "se"]
    if abs(se_plain - fdi["se"]) > max(0.02, 0.01 * fdi["se"]):
        assert _says(call(rate, se_plain, workers, PROVINCE, YEAR), "WORKER_STRATA")
    assert _says(call(rate, 99.0, workers, PROVINCE, YEAR), "rate is right")


def test_difference_ci(workers, ownership):
    _, table = ownership
    scope = (workers["province"] == PROVINCE) & (workers["year"] == YEAR)
    row = analysis.rate_differences(
        workers, "employer_ownership", where=scope, pairs=[("foreign_invested", "state")]
    ).iloc[0]
    call = ca.check_difference_ci
    assert call(..., workers, PROVINCE, YEAR).status == "not attempted"
    right = call((row["ci_lower"], row["ci_upper"]), workers, PROVINCE, YEAR)
    assert right and "contain" in repr(right)
    assert call([round(row["ci_upper"], 2), round(row["ci_lower"], 2)], workers, PROVINCE, YEAR)
    assert _says(call((-row["ci_upper"], -row["ci_lower"]), workers, PROVINCE, YEAR), "minus")
    d, se = row["difference"], row["se"]
    assert _says(call((d - 1.96 * se, d + 1.96 * se), workers, PROVINCE, YEAR), "Student")
    t = (row["ci_upper"] - d) / se
    naive = math.sqrt(table.loc["foreign_invested", "se"] ** 2 + table.loc["state", "se"] ** 2)
    assert _says(call((d - t * naive, d + t * naive), workers, PROVINCE, YEAR), "covariance")
    fdi = table.loc["foreign_invested"]
    assert _says(call((fdi["ci_lower"], fdi["ci_upper"]), workers, PROVINCE, YEAR), "one rate")
    assert _says(call(3.0, workers, PROVINCE, YEAR), "two numbers")


def test_real_differences(workers):
    tests = analysis.rate_differences(workers, "sector", where=workers["year"] == YEAR)
    real = [
        (a, b)
        for a, b, s in zip(tests["group_a"], tests["group_b"], tests["significant"], strict=True)
        if s
    ]
    unadjusted = [
        (a, b)
        for a, b, p in zip(tests["group_a"], tests["group_b"], tests["p_value"], strict=True)
        if p < 0.05
    ]
    call = ca.check_real_differences
    assert call(..., workers, YEAR).status == "not attempted"
    assert call(real, workers, YEAR)
    assert call([tuple(reversed(pair)) for pair in real], workers, YEAR)
    assert call(tests[tests["significant"]], workers, YEAR)  # a table of pairs works too
    assert set(unadjusted) != set(real)  # 2020 has chance findings (see test_analysis.py)
    feedback = call(unadjusted, workers, YEAR)
    assert _says(feedback, "unadjusted", "Holm")
    assert str(len(unadjusted)) not in repr(feedback).replace("0.05", "")  # no count leaked
    assert _says(call([("garment", "mining")], workers, YEAR), "not values")
    assert _says(call("garment", workers, YEAR), "list of pairs")


def test_false_positives(workers):
    call = ca.check_false_positives
    assert call(..., workers, YEAR).status == "not attempted"
    assert call(28 * 0.05, workers, YEAR)  # 8 sectors: 8 × 7 / 2 = 28 tests
    assert _says(call(1 - 0.95**28, workers, YEAR), "at least one")
    assert _says(call(28, workers, YEAR), "number of tests")
    assert _says(call(8 * 0.05, workers, YEAR), "k(k−1)/2")
    assert _says(call("many", workers, YEAR), "single number")


# ---------------------------------------------------------------------------- exercise 4.2
W_PROVINCE, W_YEAR = "Đồng Nai", 2025


@pytest.fixture(scope="module")
def employees(workers):
    scope = (workers["province"] == W_PROVINCE) & (workers["year"] <= W_YEAR)
    return analysis.wage_data(workers, where=scope)


@pytest.fixture(scope="module")
def clustered(employees):
    return smf.ols(analysis.WAGE_FORMULA, data=employees).fit(
        cov_type="cluster", cov_kwds={"groups": employees["psu"]}
    )


def test_raw_gap(workers, employees):
    call = ca.check_raw_gap
    b = smf.ols("log_wage ~ union_member", employees).fit().params["union_member[T.True]"]
    assert call(..., workers, W_PROVINCE, W_YEAR).status == "not attempted"
    assert call(round(b, 4), workers, W_PROVINCE, W_YEAR)
    assert _says(call(100 * b, workers, W_PROVINCE, W_YEAR), "log points")
    assert _says(call(math.expm1(b), workers, W_PROVINCE, W_YEAR), "exp")
    weighted = (
        smf.wls("log_wage ~ union_member", employees, weights=employees["weight"])
        .fit()
        .params["union_member[T.True]"]
    )
    assert _says(call(weighted, workers, W_PROVINCE, W_YEAR), "unweighted")
    everyone = analysis.wage_data(workers)
    b_all = smf.ols("log_wage ~ union_member", everyone).fit().params["union_member[T.True]"]
    assert _says(call(b_all, workers, W_PROVINCE, W_YEAR), "province")


def test_wage_model(workers, employees, clustered):
    call = ca.check_wage_model
    assert call(..., workers, W_PROVINCE, W_YEAR).status == "not attempted"
    right = call(clustered, workers, W_PROVINCE, W_YEAR)
    assert right and "clustered by PSU" in repr(right)
    assert _says(call(0.05, workers, W_PROVINCE, W_YEAR), "fitted model")
    plain = smf.ols(analysis.WAGE_FORMULA, data=employees).fit()
    assert _says(call(plain, workers, W_PROVINCE, W_YEAR), "Nearly", "not clustered")
    robust = smf.ols(analysis.WAGE_FORMULA, data=employees).fit(cov_type="HC1")
    assert _says(call(robust, workers, W_PROVINCE, W_YEAR), "not clustered")
    households = smf.ols(analysis.WAGE_FORMULA, data=employees).fit(
        cov_type="cluster", cov_kwds={"groups": employees["household_id"]}
    )
    assert _says(call(households, workers, W_PROVINCE, W_YEAR), "household")
    raw = smf.ols("log_wage ~ union_member", data=employees).fit()
    assert _says(call(raw, workers, W_PROVINCE, W_YEAR), "controls are missing")
    no_selection = analysis.WAGE_FORMULA.replace(" + C(employer_ownership)", "").replace(
        " + formal", ""
    )
    partial = smf.ols(no_selection, data=employees).fit()
    assert _says(call(partial, workers, W_PROVINCE, W_YEAR), "ownership", "formal")
    weighted = smf.wls(analysis.WAGE_FORMULA, employees, weights=employees["weight"]).fit()
    assert _says(call(weighted, workers, W_PROVINCE, W_YEAR), "weighted")
    levels = smf.ols(
        analysis.WAGE_FORMULA.replace("log_wage", "monthly_wage_vnd"),
        data=employees.assign(monthly_wage_vnd=employees["monthly_wage_vnd"].astype(float)),
    ).fit()
    assert _says(call(levels, workers, W_PROVINCE, W_YEAR), "log of the wage")
    other = smf.ols(analysis.WAGE_FORMULA, data=employees.iloc[:-10]).fit()
    assert _says(call(other, workers, W_PROVINCE, W_YEAR), "observations")


def test_premium_pct(workers, clustered):
    call = ca.check_premium_pct
    b = clustered.params["union_member[T.True]"]
    assert call(..., workers, W_PROVINCE, W_YEAR).status == "not attempted"
    assert call(round(100 * math.expm1(b), 2), workers, W_PROVINCE, W_YEAR)
    assert _says(call(100 * b, workers, W_PROVINCE, W_YEAR), "exp(b)")


def test_median_premium(workers, employees, clustered):
    call = ca.check_median_premium
    median = smf.quantreg(analysis.WAGE_FORMULA, employees).fit(q=0.5)
    b = median.params["union_member[T.True]"]
    assert call(..., workers, W_PROVINCE, W_YEAR).status == "not attempted"
    assert call(round(b, 4), workers, W_PROVINCE, W_YEAR)
    ols = clustered.params["union_member[T.True]"]
    if abs(ols - b) > 0.002:
        assert _says(call(ols, workers, W_PROVINCE, W_YEAR), "OLS")


def test_truth_in_ci(workers, clustered):
    call = ca.check_truth_in_ci
    true = load_truth()["parameters"]["union_wage_premium"]["value"]
    lower, upper = clustered.conf_int().loc["union_member[T.True]"]
    right = bool(lower <= true <= upper)
    assert call(..., workers, W_PROVINCE, W_YEAR, true).status == "not attempted"
    assert call(right, workers, W_PROVINCE, W_YEAR, true)
    assert not call(not right, workers, W_PROVINCE, W_YEAR, true)
    assert _says(call("yes", workers, W_PROVINCE, W_YEAR, true), "True or False")


# ---------------------------------------------------------------------------- exercise 4.3
S_YEAR = 2025


@pytest.fixture(scope="module")
def frames():
    return load_dataset("enterprises"), load_dataset("strikes"), load_dataset("agreements")


@pytest.fixture(scope="module")
def panel(frames):
    enterprises, strikes, agreements = frames
    return analysis.strike_panel(enterprises, strikes, agreements, range(2020, S_YEAR + 1))


@pytest.fixture(scope="module")
def poisson(panel):
    return smf.glm(
        analysis.STRIKE_FORMULA,
        data=panel,
        family=sm.families.Poisson(),
        offset=np.log(panel["exposure"]),
    ).fit(cov_type="cluster", cov_kwds={"groups": panel["enterprise_id"]})


FDI = "C(ownership, Treatment('domestic_private'))[T.foreign_invested]"


def test_crude_rate_ratio(frames, panel):
    call = ca.check_crude_rate_ratio
    totals = panel.groupby("ownership", observed=True)[["strikes", "exposure"]].sum()
    rates = totals["strikes"] / totals["exposure"]
    crude = rates["foreign_invested"] / rates["domestic_private"]
    assert call(..., *frames, S_YEAR).status == "not attempted"
    assert call(round(crude, 3), *frames, S_YEAR)
    assert _says(call(1 / crude, *frames, S_YEAR), "upside down")
    counts = totals["strikes"]["foreign_invested"] / totals["strikes"]["domestic_private"]
    assert _says(call(counts, *frames, S_YEAR), "counts")
    per_row = panel.groupby("ownership", observed=True)["strikes"].mean()
    ratio = per_row["foreign_invested"] / per_row["domestic_private"]
    assert _says(call(ratio, *frames, S_YEAR), "exposure")


def test_rate_ratio(frames, panel, poisson):
    call = ca.check_rate_ratio
    b = poisson.params[FDI]
    assert call(..., *frames, S_YEAR).status == "not attempted"
    assert call(round(math.exp(b), 3), *frames, S_YEAR)
    assert _says(call(b, *frames, S_YEAR), "exp(coefficient)")
    assert _says(call(math.exp(-b), *frames, S_YEAR), "upside down")
    no_offset = smf.glm(analysis.STRIKE_FORMULA, data=panel, family=sm.families.Poisson()).fit()
    assert _says(call(math.exp(no_offset.params[FDI]), *frames, S_YEAR), "exposure")
    crude = analysis.raw_rate_ratio(panel, "ownership", "foreign_invested", "domestic_private")
    assert _says(call(crude, *frames, S_YEAR), "crude")
    assert _says(call("big", *frames, S_YEAR), "single number")


def test_agreement_ratio(frames, panel, poisson):
    call = ca.check_agreement_ratio
    nb = analysis.fit_strike_model(panel, "negbin")
    ratio = math.exp(nb.params["agreement[T.True]"])
    assert call(round(ratio, 3), *frames, S_YEAR)
    # Poisson and negative binomial agree here to within the tolerance: both accepted.
    assert call(math.exp(poisson.params["agreement[T.True]"]), *frames, S_YEAR)
    assert _says(call(math.log(ratio), *frames, S_YEAR), "exp(coefficient)")


def test_prediction(frames, panel, poisson):
    call = ca.check_prediction
    south = bool(panel.loc[panel["province"] == W_PROVINCE, "south"].iloc[0])
    row = {
        "ownership": "foreign_invested",
        "sector_group": "garment",
        "log_employees": math.log(1000),
        "agreement": False,
        "south": south,
        "year": S_YEAR,
    }
    expected = float(poisson.predict(pd.DataFrame([row]), offset=np.zeros(1)).iloc[0])
    assert call(..., *frames, W_PROVINCE, S_YEAR).status == "not attempted"
    assert call(round(expected, 5), *frames, W_PROVINCE, S_YEAR)
    assert _says(call(100 * expected, *frames, W_PROVINCE, S_YEAR), "exposure of 100")
    north = float(
        poisson.predict(pd.DataFrame([row | {"south": not south}]), offset=np.zeros(1)).iloc[0]
    )
    assert _says(call(north, *frames, W_PROVINCE, S_YEAR), "south")
    covered = float(
        poisson.predict(pd.DataFrame([row | {"agreement": True}]), offset=np.zeros(1)).iloc[0]
    )
    assert _says(call(covered, *frames, W_PROVINCE, S_YEAR), "no agreement")


# ---------------------------------------------------------------------------- no leaks
def test_wrong_answers_never_show_the_expected_value(workers, frames, ownership):
    _, table = ownership
    fdi = table.loc["foreign_invested"]
    messages = [
        repr(ca.check_rate_and_se(12.3, 1.0, workers, PROVINCE, YEAR)),
        repr(ca.check_rate_and_se(fdi["rate"], 0.123, workers, PROVINCE, YEAR)),
        repr(ca.check_difference_ci((1.0, 2.0), workers, PROVINCE, YEAR)),
        repr(ca.check_rate_ratio(7.7, *frames, S_YEAR)),
        repr(ca.check_crude_rate_ratio(7.7, *frames, S_YEAR)),
        repr(ca.check_raw_gap(0.777, workers, W_PROVINCE, W_YEAR)),
    ]
    secrets = [f"{fdi['rate']:.1f}", f"{fdi['se']:.2f}"]
    for message in messages:
        assert "Not yet" in message
        assert not any(secret in message for secret in secrets), message


# ---------------------------------------------------------------------------- variants
def test_checks_hold_for_another_seed_and_year():
    # Seed 3, 2020-2022: a draw where the strike counts show no over-dispersion, so the
    # negative binomial fit must fall back from Newton's method; the checks must still
    # accept the right answers.
    frames = (
        load_dataset("enterprises", seed=3),
        load_dataset("strikes", seed=3),
        load_dataset("agreements", seed=3),
    )
    panel = analysis.strike_panel(*frames, range(2020, 2023))
    negbin = analysis.fit_strike_model(panel, "negbin")
    ratio = math.exp(negbin.params["agreement[T.True]"])
    assert ca.check_agreement_ratio(round(ratio, 3), *frames, 2022)
    poisson = analysis.fit_strike_model(panel)
    assert ca.check_rate_ratio(math.exp(poisson.params[FDI]), *frames, 2022)
    workers = load_dataset("workers", seed=3)
    scope = (workers["province"] == "Đồng Nai") & (workers["year"] == 2023)
    table = analysis.rate_estimates(workers[scope], "employer_ownership").set_index(
        "employer_ownership"
    )
    fdi = table.loc["foreign_invested"]
    assert ca.check_rate_and_se(fdi["rate"], fdi["se"], workers, "Đồng Nai", 2023)
