"""Design-based estimation (lrkit.survey): hand calculation, svy, samplics, properties, errors.

The tiny worked example (also in book/reference/estimation.md)
---------------------------------------------------------------
Two strata: A with PSUs A1, A2; B with PSUs B1, B2, B3. Seven persons:

    person  PSU  weight  status       member  sex
    p1      A1   10      employee     yes     F
    p2      A1   10      employee     no      M
    p3      A2   20      employee     yes     F
    p4      B1    5      employee     no      F
    p5      B1    5      own_account  no      M
    p6      B2   10      employee     yes     M
    p7      B3   15      employee     no      F

Union density = members who are employees / employees = R = Y / X.
  X = 10 + 10 + 20 + 5 + 10 + 15 = 70,  Y = 10 + 20 + 10 = 40,  R = 4/7 = 57.142857 %.
Scores z_i = w_i (y_i - R x_i) / X  (x_i = 1 for employees, 0 for p5):
  p1 = 10 (3/7)/70 = 3/49, p2 = -4/49, p3 = 6/49, p4 = -2/49, p5 = 0, p6 = 3/49, p7 = -6/49.
PSU totals: A1 = -1/49, A2 = 6/49; B1 = -2/49, B2 = 3/49, B3 = -6/49.
Stratum A (n_h = 2): mean 5/98; squared deviations (7/98)² × 2 = 1/98; × 2/1 = 1/49.
Stratum B (n_h = 3): mean -5/147; deviations -1/147, 14/147, -13/147 (in units of 1/49:
  -1/3, 14/3, -13/3); squares (1 + 196 + 169)/9 /49² = 366/9/2401; × 3/2 = 61/2401.
V = 1/49 + 61/2401 = 110/2401;  SE = √110 / 49 = 0.2140426 (21.40 percentage points).
df = 5 PSUs - 2 strata = 3.
Design effect (with-replacement SRS of the n = 6 employees): residuals e = 3/7 (members),
  -4/7 (others); Σ w e² = 40·9/49 + 30·16/49 = 120/7; V_srs = Σ w e² · W / ((n-1) X²)
  = (120/7)·70 / (5·4900) = 12/245; deff = (110/2401)/(12/245) = 0.9353741.

Domain "women employees" (p1, p3, p4, p7): X = 50, Y = 30, R = 0.6.
  Scores: p1 = 10·0.4/50 = 0.08, p3 = 0.16, p4 = 5·(-0.6)/50 = -0.06, p7 = -0.18, others 0.
  PSU totals: A1 0.08, A2 0.16; B1 -0.06, B2 0 (no women: still a PSU of the design), B3 -0.18.
  A: mean 0.12, Σ dev² = 0.0032, × 2 = 0.0064.  B: mean -0.08, dev 0.02, 0.08, -0.10,
  Σ dev² = 0.0168, × 3/2 = 0.0252.  V = 0.0316, SE = 0.1777639; df = 4 PSUs - 2 strata = 2.
  Subsetting to women first would drop B2 and give V = 0.0064 + 0.0144 = 0.0208 (too small).

Total of members: PSU totals of w·y: A1 10, A2 20; B1 0, B2 10, B3 0.
  A: mean 15, Σ dev² = 50, × 2 = 100.  B: mean 10/3, Σ dev² = 600/9, × 3/2 = 100.
  V = 200, SE = √200 = 14.1421356.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import stats

from lrkit.survey import (
    CAUTION,
    PUBLISH,
    SUPPRESS,
    SurveyDesign,
    reliability_flags,
)

RTOL = 1e-8
ATOL = 1e-12


@pytest.fixture
def worked() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "person": [f"p{i}" for i in range(1, 8)],
            "stratum": ["A", "A", "A", "B", "B", "B", "B"],
            "psu": ["A1", "A1", "A2", "B1", "B1", "B2", "B3"],
            "weight": [10.0, 10.0, 20.0, 5.0, 5.0, 10.0, 15.0],
            "status": ["employee"] * 4 + ["own_account", "employee", "employee"],
            "union_member": [True, False, True, False, False, True, False],
            "sex": ["F", "M", "F", "F", "M", "M", "F"],
        }
    )


def _employee(frame: pd.DataFrame) -> pd.Series:
    return frame["status"] == "employee"


# ---------------------------------------------------------------------------- hand calculation
def test_worked_example_density_by_hand(worked):
    design = SurveyDesign(worked, "weight", "stratum", "psu")
    row = design.proportion("union_member", where=_employee(worked)).iloc[0]
    assert row["estimate"] == pytest.approx(4 / 7, rel=1e-12)
    assert row["se"] == pytest.approx(math.sqrt(110 / 2401), rel=1e-12)
    assert row["se"] == pytest.approx(0.2140426, abs=1e-7)
    assert row["df"] == 3
    assert row["deff"] == pytest.approx((110 / 2401) / (12 / 245), rel=1e-12)
    assert row["numerator"] == pytest.approx(40)
    assert row["denominator"] == pytest.approx(70)
    assert row["n"] == 6
    # logit interval with t(3)
    p, se, t = 4 / 7, math.sqrt(110 / 2401), stats.t.ppf(0.975, 3)
    logit, half = math.log(p / (1 - p)), t * se / (p * (1 - p))
    assert row["ci_lower"] == pytest.approx(1 / (1 + math.exp(-(logit - half))), rel=1e-10)
    assert row["ci_upper"] == pytest.approx(1 / (1 + math.exp(-(logit + half))), rel=1e-10)
    assert row["cv_pct"] == pytest.approx(100 * se / p, rel=1e-12)


def test_worked_example_domain_keeps_the_whole_design(worked):
    design = SurveyDesign(worked, "weight", "stratum", "psu")
    table = design.proportion("union_member", by="sex", where=_employee(worked))
    women = table.set_index("sex").loc["F"]
    assert women["estimate"] == pytest.approx(0.6)
    assert women["se"] == pytest.approx(math.sqrt(0.0316), rel=1e-12)
    assert women["df"] == 2
    # subsetting first drops PSU B2 and understates the variance: the kit does not do that
    subset = worked[_employee(worked) & (worked["sex"] == "F")]
    naive = SurveyDesign(subset, "weight", "stratum", "psu").proportion("union_member")
    assert naive["se"].iloc[0] == pytest.approx(math.sqrt(0.0208), rel=1e-12)
    assert women["se"] > naive["se"].iloc[0]


def test_worked_example_total_by_hand(worked):
    design = SurveyDesign(worked, "weight", "stratum", "psu")
    row = design.total("union_member").iloc[0]
    assert row["estimate"] == pytest.approx(40)
    assert row["se"] == pytest.approx(math.sqrt(200), rel=1e-12)
    t = stats.t.ppf(0.975, 3)
    assert row["ci_lower"] == pytest.approx(40 - t * math.sqrt(200), rel=1e-12)


def test_ratio_equals_mean_in_domain(worked):
    design = SurveyDesign(worked, "weight", "stratum", "psu")
    work = worked.assign(is_employee=_employee(worked).astype(float))
    ratio = SurveyDesign(work, "weight", "stratum", "psu").ratio("union_member", "is_employee")
    mean = design.mean("union_member", where=_employee(worked))
    for column in ("estimate", "se"):
        assert ratio[column].iloc[0] == pytest.approx(mean[column].iloc[0], rel=1e-12)


# ---------------------------------------------------------------------------- reference data
def random_sample(seed: int, n_strata: int = 6) -> pd.DataFrame:
    """A stratified two-stage sample; PSU codes repeat across strata (nested design)."""
    rng = np.random.default_rng(seed)
    rows = []
    for s in range(n_strata):
        for p in range(int(rng.integers(2, 6))):
            for _ in range(int(rng.integers(3, 25))):
                rows.append((f"S{s}", p))
    frame = pd.DataFrame(rows, columns=["stratum", "psu"])
    n = len(frame)
    frame["weight"] = rng.uniform(5, 120, n).round(3)
    frame["province"] = rng.choice(["P1", "P2", "P3", "P4"], n, p=[0.4, 0.3, 0.25, 0.05])
    frame["status"] = np.where(rng.random(n) < 0.7, "employee", "own_account")
    employee = frame["status"] == "employee"
    frame["union_member"] = rng.random(n) < np.where(employee, 0.4, 0.1)
    frame["covered_by_agreement"] = employee & (rng.random(n) < 0.3)
    frame["income"] = rng.gamma(3.0, 2.0, n)
    frame["hours"] = rng.uniform(10, 60, n)
    return frame


def _svy_sample(frame: pd.DataFrame, singleton: str | None = None):
    pl = pytest.importorskip("polars", reason="polars comes with svy")
    svy = pytest.importorskip("svy", reason="svy is a dev dependency (pip install -e .[dev])")
    data = frame.copy()
    for column in data.columns:
        if data[column].dtype == bool:
            data[column] = data[column].astype(float)
    kwargs = {"singleton": singleton} if singleton else {}
    design = svy.Design(stratum="stratum", psu="psu", wgt="weight", **kwargs)
    return svy, svy.Sample(pl.from_pandas(data), design)


def _samplics():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # "samplics is archived" notice
        samplics = pytest.importorskip(
            "samplics", reason="samplics is a dev dependency (pip install -e .[dev])"
        )
    return samplics


def _svy_rows(result, by: str | None = None, level_column: str | None = None) -> pd.DataFrame:
    frame = result.to_polars().to_pandas()
    if level_column is not None:
        frame = frame[frame[level_column] == 1.0]
    return frame.set_index(by) if by else frame


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_density_by_domain_agrees_with_svy(seed):
    frame = random_sample(seed)
    svy, sample = _svy_sample(frame)
    mine = (
        SurveyDesign(frame, "weight", "stratum", "psu")
        .proportion("union_member", by="province", where=_employee(frame))
        .set_index("province")
    )
    where = svy.col("status") == "employee"
    prop = _svy_rows(
        sample.estimation.prop("union_member", by="province", where=where, deff="wr"),
        "province",
        "union_member",
    )
    mean = _svy_rows(
        sample.estimation.mean("union_member", by="province", where=where, deff="wr"),
        "province",
    )
    mine = mine.loc[prop.index]
    for ours, theirs in (
        ("estimate", "est"),
        ("se", "se"),
        ("ci_lower", "lci"),
        ("ci_upper", "uci"),
        ("deff", "deff"),
    ):
        np.testing.assert_allclose(mine[ours], prop[theirs], rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(mine["cv_pct"] / 100, prop["cv"], rtol=RTOL)
    np.testing.assert_array_equal(mine["df"], prop["df"])
    np.testing.assert_array_equal(mine["n"], prop["n"])
    np.testing.assert_allclose(mine["se"], mean.loc[prop.index, "se"], rtol=RTOL)


@pytest.mark.parametrize("seed", [4, 5])
def test_totals_means_ratios_agree_with_svy(seed):
    frame = random_sample(seed)
    svy, sample = _svy_sample(frame)
    design = SurveyDesign(frame, "weight", "stratum", "psu")
    for deff in ("wr", "wor"):
        mine = design.total("income", by="province", deff=deff).set_index("province")
        theirs = _svy_rows(sample.estimation.total("income", by="province", deff=deff), "province")
        for ours, ref in (("estimate", "est"), ("se", "se"), ("ci_lower", "lci"), ("deff", "deff")):
            np.testing.assert_allclose(mine[ours], theirs.loc[mine.index, ref], rtol=RTOL)
        mine = design.mean("income", by="province", deff=deff).set_index("province")
        theirs = _svy_rows(sample.estimation.mean("income", by="province", deff=deff), "province")
        for ours, ref in (("estimate", "est"), ("se", "se"), ("ci_upper", "uci"), ("deff", "deff")):
            np.testing.assert_allclose(mine[ours], theirs.loc[mine.index, ref], rtol=RTOL)
        mine = design.ratio("income", "hours", by="province", deff=deff).set_index("province")
        theirs = _svy_rows(
            sample.estimation.ratio("income", "hours", by="province", deff=deff), "province"
        )
        for ours, ref in (("estimate", "est"), ("se", "se"), ("ci_lower", "lci"), ("deff", "deff")):
            np.testing.assert_allclose(mine[ours], theirs.loc[mine.index, ref], rtol=RTOL)


@pytest.mark.parametrize("seed", [1, 6])
def test_density_by_domain_agrees_with_samplics(seed):
    samplics = _samplics()
    frame = random_sample(seed)
    employee = _employee(frame)
    domain = np.where(employee, frame["province"], "_outside")
    for param, kind in ((samplics.PopParam.mean, "mean"), (samplics.PopParam.total, "total")):
        estimator = samplics.TaylorEstimator(param)
        estimator.estimate(
            y=frame["union_member"].astype(float),
            samp_weight=frame["weight"],
            stratum=frame["stratum"],
            psu=frame["psu"],
            domain=domain,
        )
        design = SurveyDesign(frame, "weight", "stratum", "psu")
        method = design.mean if kind == "mean" else design.total
        mine = method("union_member", by="province", where=employee, df="design")
        for _, row in mine.iterrows():
            level = row["province"]
            assert row["estimate"] == pytest.approx(estimator.point_est[level], rel=RTOL)
            assert row["se"] == pytest.approx(estimator.stderror[level], rel=RTOL)
            assert row["ci_lower"] == pytest.approx(estimator.lower_ci[level], rel=RTOL)
            assert row["ci_upper"] == pytest.approx(estimator.upper_ci[level], rel=RTOL)
            assert row["df"] == estimator.degree_of_freedom


def test_ratio_and_logit_interval_agree_with_samplics():
    samplics = _samplics()
    frame = random_sample(8)
    design = SurveyDesign(frame, "weight", "stratum", "psu")
    estimator = samplics.TaylorEstimator(samplics.PopParam.ratio)
    estimator.estimate(
        y=frame["income"],
        x=frame["hours"],
        samp_weight=frame["weight"],
        stratum=frame["stratum"],
        psu=frame["psu"],
        domain=frame["province"],
    )
    mine = design.ratio("income", "hours", by="province", df="design")
    for _, row in mine.iterrows():
        assert row["estimate"] == pytest.approx(estimator.point_est[row["province"]], rel=RTOL)
        assert row["se"] == pytest.approx(estimator.stderror[row["province"]], rel=RTOL)
        assert row["ci_upper"] == pytest.approx(estimator.upper_ci[row["province"]], rel=RTOL)
    # samplics' proportions use the logit interval with the design df, as the kit does
    estimator = samplics.TaylorEstimator(samplics.PopParam.prop)
    estimator.estimate(
        y=frame["covered_by_agreement"].astype(int),
        samp_weight=frame["weight"],
        stratum=frame["stratum"],
        psu=frame["psu"],
    )
    mine = design.proportion("covered_by_agreement", df="design").iloc[0]
    assert mine["estimate"] == pytest.approx(estimator.point_est[1], rel=RTOL)
    assert mine["se"] == pytest.approx(estimator.stderror[1], rel=RTOL)
    assert mine["ci_lower"] == pytest.approx(estimator.lower_ci[1], rel=RTOL)
    assert mine["ci_upper"] == pytest.approx(estimator.upper_ci[1], rel=RTOL)


def _with_singleton(seed: int) -> pd.DataFrame:
    frame = random_sample(seed)
    lonely = frame["stratum"] == "S0"
    frame.loc[lonely, "psu"] = 0
    return frame


def test_single_psu_stratum_is_an_error_naming_it():
    frame = _with_singleton(2)
    with pytest.raises(ValueError, match=r"single PSU: 'S0'.*lonely_psu"):
        SurveyDesign(frame, "weight", "stratum", "psu")


@pytest.mark.parametrize(("ours", "svy_rule"), [("certainty", "skip"), ("center", "center")])
def test_lonely_psu_rules_agree_with_svy(ours, svy_rule):
    frame = _with_singleton(3)
    svy, sample = _svy_sample(frame, singleton=svy_rule)
    design = SurveyDesign(frame, "weight", "stratum", "psu", lonely_psu=ours)
    mine = design.mean("income", by="province").set_index("province")
    theirs = _svy_rows(sample.estimation.mean("income", by="province"), "province")
    np.testing.assert_allclose(mine["se"], theirs.loc[mine.index, "se"], rtol=RTOL)
    mine = design.total("income").iloc[0]
    theirs = _svy_rows(sample.estimation.total("income")).iloc[0]
    assert mine["se"] == pytest.approx(theirs["se"], rel=RTOL)


def test_certainty_agrees_with_samplics_skip():
    samplics = _samplics()
    frame = _with_singleton(4)
    estimator = samplics.TaylorEstimator(samplics.PopParam.total)
    estimator.estimate(
        y=frame["income"],
        samp_weight=frame["weight"],
        stratum=frame["stratum"],
        psu=frame["psu"],
        single_psu=samplics.SinglePSUEst.skip,
    )
    design = SurveyDesign(frame, "weight", "stratum", "psu", lonely_psu="certainty")
    assert design.total("income").iloc[0]["se"] == pytest.approx(estimator.stderror, rel=RTOL)


def test_strata_from_several_columns_agree_with_svy():
    pl = pytest.importorskip("polars")
    svy = pytest.importorskip("svy", reason="svy is a dev dependency (pip install -e .[dev])")
    frame = random_sample(10)
    frame["round"] = np.where(np.arange(len(frame)) % 2 == 0, "2024", "2025")
    sample = svy.Sample(
        pl.from_pandas(frame), svy.Design(stratum=("round", "stratum"), psu="psu", wgt="weight")
    )
    theirs = _svy_rows(sample.estimation.mean("income", by="round"), "round")
    design = SurveyDesign(frame, "weight", ["round", "stratum"], "psu")
    mine = design.mean("income", by="round").set_index("round")
    np.testing.assert_allclose(mine["se"], theirs.loc[mine.index, "se"], rtol=RTOL)
    np.testing.assert_array_equal(mine["df"], theirs.loc[mine.index, "df"])
    assert design.n_strata == 2 * frame["stratum"].nunique()
    lonely = frame[~((frame["round"] == "2025") & (frame["stratum"] == "S1"))].copy()
    lonely.loc[(lonely["round"] == "2024") & (lonely["stratum"] == "S1"), "psu"] = 0
    with pytest.raises(ValueError, match=r"single PSU: \('2024', 'S1'\)"):
        SurveyDesign(lonely, "weight", ["round", "stratum"], "psu")


def test_no_strata_no_psu_is_a_weighted_srs():
    frame = random_sample(9)
    svy = pytest.importorskip("svy")
    pl = pytest.importorskip("polars")
    sample = svy.Sample(pl.from_pandas(frame[["weight", "income"]]), svy.Design(wgt="weight"))
    theirs = sample.estimation.mean("income").to_polars().row(0, named=True)
    mine = SurveyDesign(frame, "weight").mean("income").iloc[0]
    assert mine["se"] == pytest.approx(theirs["se"], rel=RTOL)
    assert mine["df"] == theirs["df"]


# ---------------------------------------------------------------------------- flags, domains
def test_empty_domain_is_flagged_not_silent(worked):
    frame = worked.assign(sex=pd.Categorical(worked["sex"], categories=["F", "M", "X"]))
    table = SurveyDesign(frame, "weight", "stratum", "psu").proportion(
        "union_member", by="sex", where=_employee(frame)
    )
    empty = table.set_index("sex").loc["X"]
    assert empty["n"] == 0
    assert empty["flag"] == SUPPRESS
    assert "no sample observations" in empty["flag_reason"]


def test_domain_emptied_by_where_is_reported(worked):
    table = SurveyDesign(worked, "weight", "stratum", "psu").mean(
        "weight", by="psu", where=worked["status"] == "own_account"
    )
    assert set(table["psu"]) == {"A1", "A2", "B1", "B2", "B3"}
    assert (table.loc[table["n"] == 0, "flag"] == SUPPRESS).all()


def test_small_domains_are_flagged(worked):
    table = SurveyDesign(worked, "weight", "stratum", "psu").proportion("union_member")
    assert table["flag"].iloc[0] == SUPPRESS
    assert "n = 7 < 30" in table["flag_reason"].iloc[0]


def test_reliability_flag_thresholds():
    flags, reasons = reliability_flags(
        estimate=np.array([0.5, 0.5, 0.5, 0.5, 0.0, 1.0]),
        se=np.array([0.05, 0.1, 0.2, 0.05, 0.0, 0.0]),
        n=np.array([100, 100, 100, 40, 100, 100]),
        dof=np.array([10, 10, 10, 10, 10, 10]),
        proportion=True,
    )
    assert flags == [PUBLISH, CAUTION, SUPPRESS, CAUTION, CAUTION, CAUTION]
    assert reasons[1] == "CV 20.0% > 15%"
    assert reasons[2] == "CV 40.0% > 30%"
    assert reasons[3] == "n = 40 < 50"
    assert "CV is undefined" in reasons[4]
    assert "100%" in reasons[5]


def test_domain_in_one_psu_has_no_df_and_is_suppressed(worked):
    table = SurveyDesign(worked, "weight", "stratum", "psu").total("weight", by="psu")
    assert (table["df"] == 0).all()
    assert table["ci_lower"].isna().all()
    assert (table["flag"] == SUPPRESS).all()
    assert table["flag_reason"].str.contains("no degrees of freedom").all()


# ---------------------------------------------------------------------------- properties
@st.composite
def designs(draw):
    n_strata = draw(st.integers(1, 3))
    rows = []
    for s in range(n_strata):
        for p in range(draw(st.integers(2, 3))):
            for _ in range(draw(st.integers(1, 4))):
                rows.append(
                    (
                        f"S{s}",
                        p,
                        draw(st.floats(0.5, 500, allow_nan=False)),
                        draw(st.sampled_from(["A", "B"])),
                        draw(st.booleans()),
                        draw(st.booleans()),
                        draw(st.floats(-100, 100, allow_nan=False)),
                    )
                )
    frame = pd.DataFrame(
        rows, columns=["stratum", "psu", "weight", "province", "employee", "member", "y"]
    )
    frame["status"] = np.where(frame["employee"], "employee", "own_account")
    return frame


@settings(
    max_examples=60, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(frame=designs(), factor=st.floats(0.01, 1000), seed=st.integers(0, 2**32 - 1))
def test_properties_bounds_order_and_weight_scaling(frame, factor, seed):
    where = frame["employee"]
    design = SurveyDesign(frame, "weight", "stratum", "psu")
    rates = design.proportion("member", by="province", where=where)
    defined = rates["n"] > 0
    assert rates.loc[defined, "estimate"].between(0, 1).all()
    bounded = rates["ci_lower"].notna()
    assert rates.loc[bounded, "ci_lower"].between(0, 1).all()
    assert rates.loc[bounded, "ci_upper"].between(0, 1).all()
    assert rates["flag"].isin([PUBLISH, CAUTION, SUPPRESS]).all()

    shuffled = frame.sample(frac=1, random_state=seed % (2**32))
    again = SurveyDesign(shuffled, "weight", "stratum", "psu").proportion(
        "member", by="province", where=shuffled["employee"]
    )
    np.testing.assert_allclose(again["estimate"], rates["estimate"], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(again["se"], rates["se"], rtol=1e-7, atol=1e-12)

    scaled = frame.assign(weight=frame["weight"] * factor)
    scaled_design = SurveyDesign(scaled, "weight", "stratum", "psu")
    scaled_rates = scaled_design.proportion("member", by="province", where=where)
    np.testing.assert_allclose(scaled_rates["estimate"], rates["estimate"], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(scaled_rates["se"], rates["se"], rtol=1e-7, atol=1e-12)
    totals = design.total("y", by="province")
    scaled_totals = scaled_design.total("y", by="province")
    np.testing.assert_allclose(
        scaled_totals["estimate"], factor * totals["estimate"], rtol=1e-9, atol=1e-9
    )
    np.testing.assert_allclose(scaled_totals["se"], factor * totals["se"], rtol=1e-7, atol=1e-9)


# ---------------------------------------------------------------------------- bad input
def test_missing_design_column_is_named(worked):
    with pytest.raises(KeyError, match="'cluster'"):
        SurveyDesign(worked, "weight", "stratum", "cluster")


def test_missing_analysis_column_is_named(worked):
    design = SurveyDesign(worked, "weight", "stratum", "psu")
    with pytest.raises(KeyError, match="'income'"):
        design.mean("income")
    with pytest.raises(KeyError, match="'region'"):
        design.mean("weight", by="region")


@pytest.mark.parametrize("bad", [0.0, -3.0])
def test_non_positive_weights_are_refused(worked, bad):
    frame = worked.copy()
    frame.loc[2, "weight"] = bad
    with pytest.raises(ValueError, match=r"weight column 'weight' has 1 value\(s\) ≤ 0 \(rows 2\)"):
        SurveyDesign(frame, "weight", "stratum", "psu")


def test_missing_weight_is_refused(worked):
    frame = worked.copy()
    frame.loc[2, "weight"] = np.nan
    with pytest.raises(ValueError, match="weight column 'weight' has 1 missing"):
        SurveyDesign(frame, "weight", "stratum", "psu")


def test_text_weights_are_refused(worked):
    frame = worked.assign(weight=worked["weight"].astype(str))
    with pytest.raises(TypeError, match="weight column 'weight' must be numeric"):
        SurveyDesign(frame, "weight", "stratum", "psu")


def test_text_where_numbers_belong(worked):
    frame = worked.assign(income=["1", "2", "three", "4", "5", "6", "7"])
    design = SurveyDesign(frame, "weight", "stratum", "psu")
    with pytest.raises(TypeError, match=r"column 'income' must be numeric.*'three'"):
        design.mean("income")


def test_missing_values_in_the_domain_are_refused_outside_are_fine(worked):
    frame = worked.assign(income=[1.0, 2.0, np.nan, 4.0, 5.0, 6.0, 7.0])
    design = SurveyDesign(frame, "weight", "stratum", "psu")
    with pytest.raises(ValueError, match=r"'income' has 1 missing.*where="):
        design.mean("income")
    assert design.mean("income", where=frame["income"].notna())["n"].iloc[0] == 6


def test_proportion_needs_true_false(worked):
    design = SurveyDesign(worked, "weight", "stratum", "psu")
    with pytest.raises(TypeError, match="'weight' must be true/false or 0/1"):
        design.proportion("weight")


def test_unknown_options_are_named(worked):
    with pytest.raises(ValueError, match="lonely_psu='drop' is not one of error, certainty"):
        SurveyDesign(worked, "weight", "stratum", "psu", lonely_psu="drop")
    design = SurveyDesign(worked, "weight", "stratum", "psu")
    with pytest.raises(ValueError, match="df='full'"):
        design.mean("weight", df="full")
    with pytest.raises(ValueError, match="deff='srs'"):
        design.mean("weight", deff="srs")
    with pytest.raises(ValueError, match="alpha=1.5"):
        design.mean("weight", alpha=1.5)


def test_missing_stratum_is_refused(worked):
    frame = worked.copy()
    frame.loc[0, "stratum"] = None
    with pytest.raises(ValueError, match="design column 'stratum' has 1 missing"):
        SurveyDesign(frame, "weight", "stratum", "psu")


def test_where_must_be_true_false(worked):
    design = SurveyDesign(worked, "weight", "stratum", "psu")
    with pytest.raises(TypeError, match="where= must be true/false"):
        design.mean("weight", where=worked["status"])
