"""Module 4 analyses: hand-computed examples, statsmodels references and the generator's truth.

Hand examples carry their arithmetic in comments. Where a result is a model fit, the
reference is statsmodels called directly, or a simulation whose true value is known; on the
committed workshop data the estimates are set against the TRUE parameters of truth.json.
"""

from __future__ import annotations

import math

import matplotlib
import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
import statsmodels.formula.api as smf

from lrkit import analysis
from lrkit.data import load_dataset, load_truth
from lrkit.ir_indicators import union_density_estimates

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def workers():
    return load_dataset("workers")


@pytest.fixture(scope="module")
def truth():
    return load_truth()


@pytest.fixture(scope="module")
def strike_data():
    return (
        load_dataset("enterprises"),
        load_dataset("strikes"),
        load_dataset("agreements"),
    )


@pytest.fixture(scope="module")
def panel(strike_data):
    enterprises, strikes, agreements = strike_data
    return analysis.strike_panel(enterprises, strikes, agreements, range(2020, 2026))


# ---------------------------------------------------------------------------- comparisons
def _three_psus() -> pd.DataFrame:
    """One stratum, three PSUs, two employees each (one of group A, one of B), weight 1."""
    return pd.DataFrame(
        {
            "year": 2024,
            "quarter": 1,
            "stratum": "S",
            "psu": ["P1", "P1", "P2", "P2", "P3", "P3"],
            "weight": 1.0,
            "status": "employee",
            "group": ["A", "B", "A", "B", "A", "B"],
            "union_member": [True, False, False, True, True, True],
            "covered_by_agreement": False,
        }
    )


def test_difference_of_two_domains_by_hand():
    # R_A = 2/3 and R_B = 2/3 (X_A = X_B = 3): difference 0.
    # Scores z = w (y - R) / X: A: +1/9, -2/9, +1/9; B: -2/9, +1/9, +1/9 (PSU 1, 2, 3).
    # z_A - z_B by PSU: 1/3, -1/3, 0; mean 0; V = 3/2 × (1/9 + 1/9) = 1/3, SE = 0.57735.
    # In percentage points: 57.735; df = 3 PSUs - 1 stratum = 2.
    table = analysis.rate_differences(_three_psus(), "group", adjust=None)
    row = table.iloc[0]
    assert (row["group_a"], row["group_b"]) == ("A", "B")
    assert row["rate_a"] == pytest.approx(200 / 3) and row["rate_b"] == pytest.approx(200 / 3)
    assert row["difference"] == pytest.approx(0.0, abs=1e-12)
    assert row["se"] == pytest.approx(100 * math.sqrt(1 / 3))
    assert row["df"] == 2
    assert row["p_value"] == pytest.approx(1.0)


def test_the_covariance_matters_in_the_hand_example():
    # Each rate alone: z totals +1/9, -2/9, +1/9 → V = 3/2 × 6/81 = 1/9, SE = 1/3 (33.3 points).
    # Treated as independent: √(1/9 + 1/9) = 0.4714; the design-based SE is √(1/3) = 0.5774,
    # because the covariance of the two rates is -1/18 (V_diff = 1/9 + 1/9 + 2 × 1/18).
    data = _three_psus()
    each = union_density_estimates(data, by="group", strata=list(analysis.WORKER_STRATA))
    assert each["se"].tolist() == pytest.approx([100 / 3, 100 / 3])
    difference = analysis.rate_differences(data, "group").iloc[0]
    assert difference["se"] > math.sqrt((each["se"] ** 2).sum()) + 10


def test_domains_in_disjoint_strata_are_independent(workers):
    # Provinces have strata of their own, so the difference's variance is the sum of the two
    # variances computed by lrkit.ir_indicators (another code path).
    year = workers["year"] == 2024
    table = analysis.rate_differences(workers, "province", where=year, adjust=None)
    single = analysis.rate_estimates(workers[year], "province").set_index("province")
    for _, row in table.iterrows():
        a, b = single.loc[row["group_a"]], single.loc[row["group_b"]]
        assert row["rate_a"] == pytest.approx(a["rate"])
        assert row["difference"] == pytest.approx(a["rate"] - b["rate"])
        assert row["se"] == pytest.approx(math.sqrt(a["se"] ** 2 + b["se"] ** 2))


def test_where_equals_estimating_on_the_scope(workers):
    # Province and year are unions of whole strata: restricting with where= or cutting the
    # data to them gives the same estimates.
    scope = (workers["province"] == "Hải Phòng") & (workers["year"] == 2022)
    with_where = analysis.rate_differences(workers, "employer_ownership", where=scope)
    cut = analysis.rate_differences(workers[scope], "employer_ownership")
    pd.testing.assert_frame_equal(with_where, cut)


def test_adjustment_and_significance(workers):
    table = analysis.rate_differences(workers, "sector", where=workers["year"] == 2020)
    assert len(table) == 28  # 8 sectors: 8 × 7 / 2 pairs
    assert (table["p_adjusted"] >= table["p_value"] - 1e-12).all()
    assert table["significant"].equals(table["p_adjusted"] < 0.05)
    plain = analysis.rate_differences(workers, "sector", where=workers["year"] == 2020, adjust=None)
    assert plain["p_adjusted"].equals(plain["p_value"])
    # The generator gives sectors no effect on membership: Holm removes the chance findings.
    assert (plain["p_value"] < 0.05).sum() > table["significant"].sum()


def test_rate_differences_refuses_unknown_inputs(workers):
    with pytest.raises(ValueError, match="not one of"):
        analysis.rate_differences(workers, "sector", "density")
    with pytest.raises(ValueError, match="adjust"):
        analysis.rate_differences(workers, "sector", adjust="tukey")
    with pytest.raises(KeyError, match="nonexistent"):
        analysis.rate_differences(workers, "nonexistent")
    with pytest.raises(ValueError, match="no employees here"):
        analysis.rate_differences(workers, "sector", pairs=[("garment", "mining")])


def test_label_missing_keeps_rows_and_fills(workers):
    labelled = analysis.label_missing(workers)
    assert len(labelled) == len(workers)
    missing = workers["employer_ownership"].isna()
    assert (labelled.loc[missing, "employer_ownership"] == analysis.NOT_APPLICABLE).all()
    assert workers["employer_ownership"].isna().any()  # the input is not changed


# ---------------------------------------------------------------------------- the merger
def _merger_example() -> pd.DataFrame:
    """Two rounds of 2024 in two former units that became one (Hồ Chí Minh City)."""
    rows = []
    members = {
        ("Hồ Chí Minh City", 1): [True, False],
        ("Hồ Chí Minh City", 2): [True, True],
        ("Bình Dương", 1): [True, True],
        ("Bình Dương", 2): [False, False],
    }
    for (unit, quarter), flags in members.items():
        for psu, member in enumerate(flags):
            rows.append(
                {
                    "year": 2024,
                    "quarter": quarter,
                    "stratum": unit,
                    "psu": f"{unit}-{quarter}-{psu}",
                    "weight": 10.0 if unit == "Hồ Chí Minh City" else 5.0,
                    "status": "employee",
                    "province_pre2025": unit,
                    "province": "Hồ Chí Minh City",
                    "union_member": member,
                    "covered_by_agreement": False,
                }
            )
    return pd.DataFrame(rows)


def test_unit_year_table_by_hand():
    # HCMC: members 10 (Q1) + 20 (Q2) over 2 rounds = 15; employees (20 + 20) / 2 = 20: 75%.
    # Bình Dương: members (10 + 0) / 2 = 5; employees (10 + 10) / 2 = 10: 50%.
    table = analysis.unit_year_table(_merger_example()).set_index("province_pre2025")
    assert table.loc["Hồ Chí Minh City", ["numerator", "denominator", "rate"]].tolist() == [
        pytest.approx(15),
        pytest.approx(20),
        pytest.approx(75),
    ]
    assert table.loc["Bình Dương", ["numerator", "denominator", "rate"]].tolist() == [
        pytest.approx(5),
        pytest.approx(10),
        pytest.approx(50),
    ]


def test_series_across_merger_recomputes_the_rate():
    # Merged: (15 + 5) / (20 + 10) = 66.67%, not the average of 75% and 50% (62.5%).
    series = analysis.series_across_merger(_merger_example())
    row = series.iloc[0]
    assert row["province_2025"] == "Hồ Chí Minh City" and row["n_units"] == 2
    assert row["numerator"] == pytest.approx(20) and row["denominator"] == pytest.approx(30)
    assert row["rate"] == pytest.approx(200 / 3)
    assert "se" in series.columns and "flag" in series.columns


def test_series_across_merger_matches_the_microdata(workers):
    series = analysis.series_across_merger(workers)
    direct = analysis.rate_estimates(workers, ["year", "province"])
    assert len(series) == 18  # 6 years × 3 provinces
    merged = series.merge(direct, left_on=["year", "province_2025"], right_on=["year", "province"])
    assert np.allclose(merged["rate_x"], merged["rate_y"])
    assert np.allclose(merged["se_x"], merged["se_y"])


def test_series_across_merger_refuses_inconsistent_units(workers):
    broken = workers.copy()
    broken.loc[broken.index[:50], "province"] = "Hải Phòng"
    with pytest.raises(ValueError, match="crosswalk"):
        analysis.series_across_merger(broken)


def test_naive_series_jumps_at_the_merger(workers):
    series = analysis.naive_series(workers, "Đồng Nai")
    assert series["year"].tolist() == [2020, 2021, 2022, 2023, 2024, 2025]
    assert series["source"].tolist() == ["former unit"] * 5 + ["current unit"]
    old = analysis.unit_year_table(workers).set_index(["year", "province_pre2025"])
    assert series["denominator"].iloc[0] == pytest.approx(
        old.loc[(2020, "Đồng Nai"), "denominator"]
    )
    # Bình Phước joins in 2025: the employees jump by about its size.
    consistent = analysis.series_across_merger(workers).set_index(["year", "province_2025"])
    assert series["denominator"].iloc[-1] == pytest.approx(
        consistent.loc[(2025, "Đồng Nai"), "denominator"]
    )
    assert series["denominator"].iloc[-1] > 1.2 * series["denominator"].iloc[-2]
    with pytest.raises(ValueError, match="no former unit"):
        analysis.naive_series(workers, "Huế")


# ---------------------------------------------------------------------------- wages
@pytest.fixture(scope="module")
def wages(workers):
    return analysis.wage_data(workers)


def test_wage_data(workers, wages):
    employees = workers[(workers["status"] == "employee") & workers["monthly_wage_vnd"].notna()]
    assert len(wages) == len(employees)
    assert np.allclose(wages["log_wage"], np.log(employees["monthly_wage_vnd"].astype(float)))
    with pytest.raises(ValueError, match="no employee"):
        analysis.wage_data(workers, workers["year"] == 1990)


def test_ols_with_clusters_matches_statsmodels(wages):
    results = analysis.fit_wage_model(wages)
    reference = smf.ols(analysis.WAGE_FORMULA, wages).fit(
        cov_type="cluster", cov_kwds={"groups": pd.factorize(wages["psu"])[0]}
    )
    assert results.params.equals(reference.params)
    assert np.allclose(results.bse, reference.bse)
    plain = analysis.fit_wage_model(wages, cluster=None)
    assert plain.cov_type == "nonrobust"
    assert plain.params[analysis.MEMBER_TERM] == pytest.approx(results.params[analysis.MEMBER_TERM])


def test_premium_table_by_hand():
    # A premium of 0.05 log points is 100 × (e^0.05 − 1) = 5.127%, not 5%.
    class Stub:
        params = pd.Series({"x": 0.05})
        bse = pd.Series({"x": 0.01})
        nobs = 100
        cov_type = "nonrobust"
        model = object()

        @staticmethod
        def conf_int(alpha=0.05):
            return pd.DataFrame({0: [0.03], 1: [0.07]}, index=["x"])

    row = analysis.premium_table(Stub(), "x", truth=0.05).iloc[0]
    assert row["premium_pct"] == pytest.approx(5.12711, abs=1e-5)
    assert row["premium_ci_lower"] == pytest.approx(100 * (math.exp(0.03) - 1))
    assert bool(row["truth_in_ci"])
    with pytest.raises(KeyError, match="union_member"):
        analysis.premium_table(Stub())


def test_wage_estimators_against_the_truth(wages, truth):
    # The TRUE premium is 0.05 (truth.json). The raw gap is far above it (who joins a union is
    # not random); OLS with the controls covers it.
    true = truth["parameters"]["union_wage_premium"]["value"]
    table = analysis.compare_wage_estimators(wages, truth=true).set_index("model")
    assert table.loc["raw gap (no controls)", "coefficient"] > 2 * true
    assert not table.loc["raw gap (no controls)", "truth_in_ci"]
    assert table.loc["OLS with controls", "truth_in_ci"]
    assert table.loc["OLS with controls", "cov_type"] == "cluster"
    assert table.loc["OLS with controls", "n_clusters"] == wages["psu"].nunique()


def test_share_near_minimum_by_hand():
    # Wages 100, 102, 110 against a minimum of 100: below 103 are the first two.
    # Weights 1, 1, 2: share = (1 + 1) / 4 = 50%; unweighted 2/3.
    data = pd.DataFrame(
        {"monthly_wage_vnd": [100, 102, 110], "min_wage_vnd": 100, "weight": [1.0, 1.0, 2.0]}
    )
    assert analysis.share_near_minimum(data) == pytest.approx(50)
    assert analysis.share_near_minimum(data, weight=None) == pytest.approx(200 / 3)


def test_floor_attenuation_by_hand():
    # No floor: both estimators give the premium. For Y ~ N(0, 1) and a floor at its median
    # (share 0.5 is not allowed: use the formula directly) E[max(Y, 0)] = φ(0) = 0.39894.
    table = analysis.floor_attenuation(0.05, 0.42, [0.0, 0.2])
    assert table.loc[0, "ols"] == pytest.approx(0.05) and table.loc[0, "median"] == 0.05
    assert table.loc[1, "ols"] < 0.05 and table.loc[1, "median"] == pytest.approx(0.05)
    # floor = σ Φ⁻¹(0.2) = 0.42 × (−0.841621) = −0.353481
    assert table.loc[1, "floor"] == pytest.approx(-0.353481, abs=1e-6)
    with pytest.raises(ValueError, match="in \\[0, 1\\)"):
        analysis.floor_attenuation(0.05, 0.42, [1.2])


def test_floor_attenuation_matches_a_simulation():
    # Reference: draw the model, apply the floor, fit OLS and median regression (statsmodels).
    premium, sd, share = 0.05, 0.42, 0.3
    expected = analysis.floor_attenuation(premium, sd, [share]).iloc[0]
    rng = np.random.default_rng(11)
    n = 400_000
    member = rng.random(n) < 0.5
    latent = premium * member + rng.normal(0, sd, n)
    observed = np.maximum(latent, expected["floor"])
    frame = pd.DataFrame({"y": observed, "member": member.astype(float)})
    ols = smf.ols("y ~ member", frame).fit().params["member"]
    assert ols == pytest.approx(expected["ols"], abs=0.003)
    small = frame.iloc[:60_000]
    median = smf.quantreg("y ~ member", small).fit(q=0.5).params["member"]
    assert median == pytest.approx(expected["median"], abs=0.012)


def test_premium_across_seeds_reproduces_the_committed_draw(wages):
    # Seed 2025 is the committed workshop data.
    table = analysis.premium_across_seeds([2025], methods=("ols",))
    direct = analysis.fit_wage_model(wages).params[analysis.MEMBER_TERM]
    assert table["coefficient"].iloc[0] == pytest.approx(direct)


# ---------------------------------------------------------------------------- strikes
def _tiny_frames():
    enterprises = pd.DataFrame(
        {
            "enterprise_id": ["E1", "E2", "E3", "E4"],
            "province": ["Hồ Chí Minh City", "Hải Phòng", "Đồng Nai", "Hải Phòng"],
            "province_pre2025": ["Bình Dương", "Hải Dương", "Đồng Nai", "Hải Phòng"],
            "ownership": ["foreign_invested", "domestic_private", "state", "domestic_private"],
            "sector": ["garment", "trade", "electronics", "footwear"],
            "employees": [500, 60, 300, 20],
            "year_founded": [2010, 2021, 2015, 2015],
            "year_closed": pd.array([pd.NA, pd.NA, 2022, pd.NA], dtype="Int64"),
            "frame_weight": [1.0, 100.0, 1.0, 100.0],
        }
    )
    strikes = pd.DataFrame({"enterprise_id": ["E1", "E1", "E3"], "year": [2021, 2021, 2022]})
    agreements = pd.DataFrame(
        {
            "enterprise_id": ["E1", "E3"],
            "signed_date": pd.to_datetime(["2021-06-01", "2019-01-01"]),
            "expiry_date": pd.to_datetime(["2022-05-31", "2020-12-31"]),
        }
    )
    return enterprises, strikes, agreements


def test_strike_panel_by_hand():
    # E1: active 2020-2023 (4 rows); E2: founded 2021 (3 rows); E3: closed 2022 (3 rows);
    # E4: 20 employees, below 50, never at risk. 10 rows in all.
    enterprises, strikes, agreements = _tiny_frames()
    panel = analysis.strike_panel(enterprises, strikes, agreements, range(2020, 2024))
    assert len(panel) == 10
    e1 = panel[panel["enterprise_id"] == "E1"].set_index("year")
    assert e1["strikes"].tolist() == [0, 2, 0, 0]
    # Agreement 2021-06-01 to 2022-05-31: in force at some time in 2021 and 2022.
    assert e1["agreement"].tolist() == [False, True, True, False]
    e3 = panel[panel["enterprise_id"] == "E3"].set_index("year")
    assert e3.index.tolist() == [2020, 2021, 2022]
    assert e3["agreement"].tolist() == [True, False, False]  # expired on 2020-12-31
    assert e3.loc[2022, "strikes"] == 1
    assert panel.set_index("enterprise_id")["south"].to_dict() == {
        "E1": True,  # Bình Dương, South East
        "E2": False,  # Hải Dương, Red River Delta
        "E3": True,
    }
    e2 = panel[panel["enterprise_id"] == "E2"]
    assert (e2["exposure"] == 100).all() and (e2["sector_group"] == "other").all()
    assert panel.loc[panel["enterprise_id"] == "E1", "sector_group"].iloc[0] == "garment"
    assert panel["log_employees"].iloc[0] == pytest.approx(math.log(500))


def test_strike_panel_refuses_strikes_outside_it():
    enterprises, strikes, agreements = _tiny_frames()
    late = pd.concat([strikes, pd.DataFrame({"enterprise_id": ["E4"], "year": [2021]})])
    with pytest.raises(ValueError, match="outside the panel"):
        analysis.strike_panel(enterprises, late, agreements, range(2020, 2024))
    unknown = pd.concat([strikes, pd.DataFrame({"enterprise_id": ["E9"], "year": [2021]})])
    with pytest.raises(ValueError, match="not in the frame"):
        analysis.strike_panel(enterprises, unknown, agreements, range(2020, 2024))


def test_poisson_recovers_a_known_rate_ratio_with_exposure():
    # Simulated panel: true rate ratio 2.5 for x, exposures 1 or 100 enterprise-years.
    rng = np.random.default_rng(3)
    n = 40_000
    x = rng.random(n) < 0.3
    exposure = np.where(rng.random(n) < 0.5, 1.0, 100.0)
    size = rng.normal(5, 1, n)
    rate = 0.001 * np.exp(np.log(2.5) * x + 0.5 * (size - 5))
    frame = pd.DataFrame(
        {"strikes": rng.poisson(rate * exposure), "x": x, "size": size, "exposure": exposure}
    )
    frame["enterprise_id"] = np.arange(n)
    frame["any_strike"] = frame["strikes"] > 0
    fitted = analysis.fit_strike_model(frame, formula="strikes ~ x + size")
    assert math.exp(fitted.params["x[T.True]"]) == pytest.approx(2.5, rel=0.08)
    reference = smf.glm(
        "strikes ~ x + size", frame, family=sm.families.Poisson(), offset=np.log(exposure)
    ).fit()
    assert np.allclose(fitted.params, reference.params)
    # Without the exposure the size slope is wrong (small and large rows mixed).
    wrong = analysis.fit_strike_model(frame, formula="strikes ~ x + size", exposure=None)
    assert abs(wrong.params["size"] - 0.5) > abs(fitted.params["size"] - 0.5)


def test_negative_binomial_without_over_dispersion_falls_back_to_poisson():
    # Pure Poisson counts: alpha tends to 0, where Newton's method can break down; the fit
    # must still return finite estimates, equal to the Poisson ones.
    rng = np.random.default_rng(5)
    n = 20_000
    frame = pd.DataFrame({"x": rng.random(n) < 0.4, "exposure": 1.0})
    frame["strikes"] = rng.poisson(0.05 * np.where(frame["x"], 2.0, 1.0))
    frame["enterprise_id"] = np.arange(n)
    negbin = analysis.fit_strike_model(frame, "negbin", formula="strikes ~ x")
    poisson = analysis.fit_strike_model(frame, "poisson", formula="strikes ~ x")
    assert np.isfinite(negbin.params).all() and negbin.params["alpha"] < 0.1
    assert negbin.params["x[T.True]"] == pytest.approx(poisson.params["x[T.True]"], abs=0.01)


def test_count_models_cover_the_true_multipliers(panel, truth):
    # Ministry register, 2020-2025: every rate ratio's interval contains the generator's.
    true = analysis.true_strike_multipliers(truth)
    for family in ("poisson", "negbin"):
        table = analysis.rate_ratio_table(analysis.fit_strike_model(panel, family), true)
        assert set(table["key"]) == {
            "foreign_invested",
            "state",
            "garment",
            "footwear",
            "electronics",
            "has_agreement",
            "south",
            "per_log_employee",
        }
        assert table["covers_truth"].all(), table[["key", "ratio", "truth"]]
    crude = analysis.raw_rate_ratio(panel, "ownership", "foreign_invested", "domestic_private")
    assert crude > 3 * true["foreign_invested"]  # composition, not ownership


def test_logit_odds_ratios_are_close_to_rate_ratios_for_rare_events(panel):
    poisson = analysis.rate_ratio_table(analysis.fit_strike_model(panel)).set_index("key")
    logit = analysis.fit_strike_model(panel, "logit", cluster=None)
    assert "np.log(exposure)" in logit.params.index
    odds = analysis.rate_ratio_table(logit).set_index("key")
    assert odds.loc["has_agreement", "ratio"] == pytest.approx(
        poisson.loc["has_agreement", "ratio"], rel=0.1
    )
    with pytest.raises(ValueError, match="family"):
        analysis.fit_strike_model(panel, "probit")


def test_rate_ratio_table_by_hand():
    # exp(log 0.6) = 0.6; log_employees slope 1 → twice the employees: 2^1 = 2.
    class Stub:
        params = pd.Series(
            {"Intercept": -3.0, "agreement[T.True]": math.log(0.6), "log_employees": 1.0}
        )
        pvalues = pd.Series(0.01, index=params.index)

        @staticmethod
        def conf_int(alpha=0.05):
            return pd.DataFrame({0: Stub.params - 0.1, 1: Stub.params + 0.1})

    table = analysis.rate_ratio_table(Stub(), {"has_agreement": 0.6, "per_log_employee": 1.0})
    table = table.set_index("key")
    assert list(table.index) == ["has_agreement", "per_log_employee"]
    assert table.loc["has_agreement", "ratio"] == pytest.approx(0.6)
    assert table.loc["has_agreement", "ci_lower"] == pytest.approx(0.6 * math.exp(-0.1))
    assert table.loc["per_log_employee", "ratio"] == pytest.approx(2.0)
    assert table.loc["per_log_employee", "truth"] == pytest.approx(2.0)
    assert table["covers_truth"].all()


def test_term_keys_and_true_multipliers(truth):
    assert (
        analysis.term_key("C(ownership, Treatment('domestic_private'))[T.foreign_invested]")
        == "foreign_invested"
    )
    assert analysis.term_key("agreement[T.True]") == "has_agreement"
    assert analysis.term_key("C(year)[T.2021]") == "2021"
    true = analysis.true_strike_multipliers(truth)
    value = truth["parameters"]["strike_risk_multipliers"]["value"]
    assert true["garment"] == value["garment"] and true["has_agreement"] == value["has_agreement"]
    assert true["state"] == 1.0


# ---------------------------------------------------------------------------- mistakes
def test_weighting_effect_by_hand():
    # Values 1, 0 with weights 3, 1: weighted 75%, unweighted 50%; x 10, 20: 12.5 vs 15.
    data = pd.DataFrame({"flag": [True, False], "x": [10.0, 20.0], "weight": [3.0, 1.0]})
    table = analysis.weighting_effect(data, ["flag", "x"]).set_index("variable")
    assert table.loc["flag", ["weighted", "unweighted"]].tolist() == [75.0, 50.0]
    assert table.loc["x", ["weighted", "unweighted", "difference"]].tolist() == [12.5, 15.0, 2.5]


def test_sample_and_population_shares_by_hand():
    # Group a: 3 interviews, weight 1 each (3 persons); b: 1 interview, weight 9.
    # Sample shares 75% / 25%; population shares 25% / 75%.
    data = pd.DataFrame({"g": ["a", "a", "a", "b"], "weight": [1.0, 1.0, 1.0, 9.0]})
    table = analysis.sample_and_population_shares(data, "g").set_index("g")
    assert table["sample_share"].tolist() == [75.0, 25.0]
    assert table["population_share"].tolist() == [25.0, 75.0]


def test_area_strike_table_by_hand():
    # 2021: E1 (500 × 1, agreement in force) and E2 (60 × 100) are active; E3 (300) too.
    # Bình Dương: 500 employees, all covered, 2 strikes; per 100,000: 2 / 500 × 1e5 = 400.
    enterprises, strikes, agreements = _tiny_frames()
    strikes = strikes.assign(province_pre2025=["Bình Dương", "Bình Dương", "Đồng Nai"])
    table = analysis.area_strike_table(enterprises, strikes, agreements, [2021])
    row = table.set_index("province_pre2025").loc["Bình Dương"]
    assert row["employees"] == 500 and row["coverage_pct"] == 100
    assert row["strikes"] == 2 and row["strikes_per_100k"] == pytest.approx(400)
    hai_duong = table.set_index("province_pre2025").loc["Hải Dương"]
    assert hai_duong["employees"] == 6000 and hai_duong["strikes"] == 0


def test_compare_registers(strike_data):
    _, ministry, _ = strike_data
    vgcl = load_dataset("strikes_vgcl")
    table = analysis.compare_registers(ministry, vgcl)
    counts = table.set_index(["register", "year"])["actions"]
    assert counts.loc["ministry"].to_dict() == ministry.groupby("year").size().to_dict()
    assert counts.loc["VGCL"].to_dict() == vgcl.groupby("year").size().to_dict()
    share = table.set_index(["register", "year"]).loc[("VGCL", 2020), "share_foreign_invested"]
    in_2020 = vgcl[vgcl["year"] == 2020]
    assert share == pytest.approx(100 * (in_2020["ownership"] == "foreign_invested").mean())


# ---------------------------------------------------------------------------- charts
def test_ci_plot_sorts_marks_and_lists():
    table = pd.DataFrame(
        {
            "group": ["low", "high", "middle", "tiny"],
            "rate": [20.0, 80.0, 50.0, 10.0],
            "ci_lower": [15.0, 75.0, 40.0, 0.0],
            "ci_upper": [25.0, 85.0, 60.0, 30.0],
            "flag": ["publish", "publish", "use with caution", "suppress"],
        }
    )
    ax = analysis.ci_plot(table, "group", title="Union density", xlabel="% of employees")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["high", "middle", "low"]  # sorted, suppressed left out
    notes = " ".join(t.get_text() for t in ax.texts)
    assert "suppressed (not shown): tiny" in notes and "†" in notes
    assert ax.get_xlabel() == "% of employees"
    matplotlib.pyplot.close("all")
    with pytest.raises(ValueError, match="suppressed"):
        analysis.ci_plot(table[table["flag"] == "suppress"], "group")
