"""lrkit.impact: rises, exposure, DiD, event studies, truth, propensity scores and power.

Expected values are worked out by hand (arithmetic in the comments), taken from a
reference implementation (statsmodels) or from the generator's truth (truth.json).
"""

import math

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf
from statsmodels.stats.power import NormalIndPower

from lrkit import impact
from lrkit.data import load_dataset, load_truth


@pytest.fixture(scope="module")
def workers():
    return load_dataset("workers")


# ----------------------------------------------------------------------- rises and quarters
def test_rise_percentages_by_hand():
    rises = impact.minimum_wage_rises().set_index(["rise", "region"])
    # region I, 2022: (4,680,000 - 4,420,000) / 4,420,000 = 260,000 / 4,420,000 = 5.882%
    assert rises.loc[("2022-07-01", "I"), "rise_pct"] == 5.88
    assert rises.loc[("2022-07-01", "I"), "rise_vnd"] == 260_000
    # region IV, 2024: 200,000 / 3,250,000 = 6.154%
    assert rises.loc[("2024-07-01", "IV"), "rise_pct"] == 6.15
    # region I, 2026 (Decree 293/2025): 350,000 / 4,960,000 = 7.056%
    assert rises.loc[("2026-01-01", "I"), "rise_pct"] == 7.06
    assert rises.loc[("2026-01-01", "I"), "decree"] == "293/2025/ND-CP"
    assert not rises.loc["2026-01-01", "in_data"].any()
    assert rises.loc["2022-07-01", "in_data"].all()
    assert len(impact.minimum_wage_rises(include_planned=False)) == 8


def test_rise_quarters_follow_the_reference_day():
    # reference days are the 15th of Feb, May, Aug, Nov
    assert impact.rise_quarter("2022-07-01") == (2022, 3)
    assert impact.rise_quarter("2024-07-01") == (2024, 3)
    assert impact.rise_quarter("2026-01-01") == (2026, 1)
    with pytest.raises(ValueError, match="2022-07-01, 2024-07-01, 2026-01-01"):
        impact.rise_quarter("2023-01-01")


def test_rise_for_year_and_next_rise():
    assert [impact.rise_for_year(y) for y in range(2020, 2026)] == [
        "2022-07-01", "2022-07-01", "2022-07-01", "2022-07-01", "2024-07-01", "2024-07-01",
    ]  # fmt: skip
    assert impact.next_rise(2021) == "2022-07-01"
    assert impact.next_rise(2022) == "2024-07-01"
    assert impact.next_rise(2025) == "2026-01-01"
    with pytest.raises(ValueError, match="no minimum-wage rise after 2026"):
        impact.next_rise(2026)
    with pytest.raises(TypeError):
        impact.rise_for_year("2024")


def test_event_time_counts_quarters_from_the_rise():
    frame = pd.DataFrame({"year": [2022, 2022, 2021, 2023], "quarter": [2, 3, 4, 2]})
    # 2022Q3 is k = 0; 2022Q2 is -1; 2021Q4 is -3; 2023Q2 is +3
    assert impact.event_time(frame, "2022-07-01").tolist() == [-1, 0, -3, 3]


# -------------------------------------------------------------------------------- exposure
def test_exposed_line_is_strictly_below_1_1_times_the_new_minimum():
    # 2022 region I: new minimum 4,680,000; 1.1 x = 5,148,000
    frame = pd.DataFrame(
        {
            "min_wage_region": ["I", "I", "I", "I"],
            "monthly_wage_vnd": pd.array([5_147_000, 5_148_000, 4_679_000, 4_680_000], "Int64"),
        }
    )
    assert impact.exposed(frame, "2022-07-01").tolist() == [True, False, True, True]
    # the line at the new minimum itself (band 0)
    assert impact.exposed(frame, "2022-07-01", band=0.0).tolist() == [False, False, True, False]
    with pytest.raises(ValueError, match="band must be a share"):
        impact.exposed(frame, "2022-07-01", band=10)
    with pytest.raises(ValueError, match="unknown min_wage_region"):
        impact.new_minimum(frame.assign(min_wage_region="V"), "2022-07-01")


def test_exposed_group_in_the_rise_quarter_is_the_truths_low_paid(workers):
    """The design's key claim: wage < 1.1 x new minimum = latent wage below it (truth.json)."""
    truth = load_truth()["minimum_wage_rise_effects"]
    for rise, by_region in truth.items():
        data = impact.impact_frame(workers, rise, window=(-1, 0)).query("k == 0")
        counts = data.groupby("min_wage_region")["exposed"].sum()
        for region, values in by_region.items():
            assert counts[region] == values["low_paid_in_sample"], (rise, region)
            share = np.average(
                data.loc[data["min_wage_region"] == region, "exposed"],
                weights=data.loc[data["min_wage_region"] == region, "weight"],
            )
            assert share == pytest.approx(values["share_low_paid"], abs=1e-5)


def test_window_outside_the_data_is_refused(workers):
    with pytest.raises(ValueError, match="2019Q3"):
        impact.impact_frame(workers, "2022-07-01", window=(-12, 0))
    with pytest.raises(ValueError, match="must start at -1 or earlier"):
        impact.impact_frame(workers, "2022-07-01", window=(0, 3))
    with pytest.raises(ValueError, match="2022-07-01, 2024-07-01"):
        impact.impact_frame(workers, "2026-01-01")


# ---------------------------------------------------------------------- a hand-made 2 x 2
def _two_by_two() -> pd.DataFrame:
    """Eight employees in 2022Q2 (before) and 2022Q3 (after), region I (line 5,148,000)."""
    rows = [
        # (quarter, wage, weight, psu)
        (2, 4_000_000, 1.0, "a"),  # exposed, before
        (2, 4_400_000, 3.0, "b"),  # exposed, before
        (3, 4_400_000, 2.0, "c"),  # exposed, after
        (3, 4_840_000, 2.0, "d"),  # exposed, after
        (2, 10_000_000, 1.0, "a"),  # comparison, before
        (2, 10_000_000, 1.0, "b"),  # comparison, before
        (3, 10_500_000, 1.0, "c"),  # comparison, after
        (3, 10_500_000, 1.0, "d"),  # comparison, after
    ]
    frame = pd.DataFrame(rows, columns=["quarter", "monthly_wage_vnd", "weight", "psu"])
    frame["monthly_wage_vnd"] = frame["monthly_wage_vnd"].astype("Int64")
    return frame.assign(year=2022, status="employee", min_wage_region="I")


def test_did_table_by_hand():
    table = impact.did_table(_two_by_two(), "2022-07-01")
    # exposed before: (1 x ln 4.0m + 3 x ln 4.4m) / 4; after: (ln 4.4m + ln 4.84m) / 2
    before = (math.log(4.0e6) + 3 * math.log(4.4e6)) / 4
    after = (math.log(4.4e6) + math.log(4.84e6)) / 2
    assert table.loc["exposed", "before"] == pytest.approx(before)
    assert table.loc["exposed", "after"] == pytest.approx(after)
    # exposed change = ln(4.4 x 4.84)/2 - (ln 4.0 + 3 ln 4.4)/4
    #               = 0.5 ln 1.1 + ln 4.4 - 0.25 ln 4.0 - 0.75 ln 4.4 = 0.5 ln 1.1 + 0.25 ln 1.1
    #               = 0.75 x 0.0953102 = 0.0714826
    assert table.loc["exposed", "change"] == pytest.approx(0.75 * math.log(1.1))
    # comparison change = ln(10.5 / 10) = 0.0487902; DiD = 0.0714826 - 0.0487902 = 0.0226924
    assert table.loc["difference", "change"] == pytest.approx(0.75 * math.log(1.1) - math.log(1.05))
    estimate = impact.did_regression(_two_by_two(), "2022-07-01", covariance="robust")
    assert estimate.estimate == pytest.approx(0.75 * math.log(1.1) - math.log(1.05))


def test_did_regression_matches_statsmodels_formula(workers):
    data = impact.impact_frame(workers, "2024-07-01", window=(-1, 0))
    reference = smf.wls("log_wage ~ exposed * post", data, weights=data["weight"]).fit(
        cov_type="cluster", cov_kwds={"groups": pd.factorize(data["psu"])[0]}
    )
    mine = impact.did_regression(workers, "2024-07-01")
    assert mine.estimate == pytest.approx(reference.params["exposed:post"], rel=1e-9)
    assert mine.se == pytest.approx(reference.bse["exposed:post"], rel=1e-9)
    assert mine.clusters == data["psu"].nunique()
    table = impact.did_table(workers, "2024-07-01")
    assert mine.estimate == pytest.approx(table.loc["difference", "change"], rel=1e-9)
    plain = impact.did_regression(workers, "2024-07-01", covariance="plain")
    reference_plain = smf.wls("log_wage ~ exposed * post", data, weights=data["weight"]).fit()
    assert plain.se == pytest.approx(reference_plain.bse["exposed:post"], rel=1e-9)
    with pytest.raises(ValueError, match="covariance 'hc3' is not one of"):
        impact.did_regression(workers, "2024-07-01", covariance="hc3")


# ------------------------------------------------------------------- a hand-made event study
def _event_frame(slope: float, effect: float) -> pd.DataFrame:
    """Quarters k = -8..3 around the 2022 rise: the gap is -1.5 + slope x k, + effect from k = 0.

    Two exposed and two comparison employees per quarter, their log wages symmetric around
    the cell mean (+-0.01), so that the weighted means are exact.
    """
    rows = []
    for k in range(-8, 4):
        index = 2022 * 4 + 2 + k  # 2022Q3 is index 2022*4+2
        year, quarter = divmod(index, 4)
        gap = -1.5 + slope * k + (effect if k >= 0 else 0.0)
        for exposed_, mean in ((True, 16.0 + gap), (False, 16.0)):
            for i, shift in enumerate((-0.01, 0.01)):
                log_wage = mean + shift
                # exposed wages below the 5,148,000 line, comparison wages above it
                assert (math.exp(log_wage) < 5_148_000) == exposed_
                rows.append(
                    (year, quarter + 1, round(math.exp(log_wage)), f"{index}-{i}", exposed_)
                )
    frame = pd.DataFrame(rows, columns=["year", "quarter", "monthly_wage_vnd", "psu", "flag"])
    frame["monthly_wage_vnd"] = frame["monthly_wage_vnd"].astype("Int64")
    return frame.assign(status="employee", min_wage_region="I", weight=1.0)


def test_event_study_recovers_slope_and_effect_by_hand():
    # gap_k = -1.5 - 0.01 k before the rise; +0.03 from k = 0. beta_k = gap_k - gap_-1:
    # beta_-8 = -0.01 x (-8 + 1) = 0.07; beta_0 = -0.01 x 1 + 0.03 = 0.02
    study = impact.event_study(_event_frame(-0.01, 0.03), "2022-07-01", covariance="robust")
    beta = study.table["estimate"]
    # wages are rounded to whole VND, so the logs are exact to about 1e-7
    assert beta[-8] == pytest.approx(0.07, abs=1e-6)
    assert beta[-1] == 0.0
    assert beta[0] == pytest.approx(0.02, abs=1e-6)
    # the line through beta_-8..beta_-1 is 0.01 x (-(k + 1)): slope -0.01, value -0.01 at 0
    assert study.pretrend["slope"] == pytest.approx(-0.01, abs=1e-6)
    # net of the trend: 0.02 - (-0.01) = 0.03, the effect put in
    assert study.trend_adjusted.estimate == pytest.approx(0.03, abs=1e-6)
    assert study.pretrend["df"] == 7
    coefficients = impact.event_coefficients(_event_frame(-0.01, 0.03), "2022-07-01")
    assert coefficients.to_numpy() == pytest.approx(beta.to_numpy(), abs=1e-9)


def test_event_study_needs_both_groups_in_every_quarter():
    frame = _event_frame(-0.01, 0.03)
    # drop the comparison employees of 2021Q3 (k = -4)
    frame = frame[~((frame["year"] == 2021) & (frame["quarter"] == 3) & ~frame["flag"])]
    with pytest.raises(ValueError, match="k = -4"):
        impact.event_study(frame, "2022-07-01", covariance="robust")


def test_event_study_on_the_workshop_data_matches_differences_of_means(workers):
    study = impact.event_study(workers, "2022-07-01")
    by_hand = impact.event_coefficients(workers, "2022-07-01")
    assert study.table["estimate"].to_numpy() == pytest.approx(by_hand.to_numpy(), abs=1e-9)
    assert 0 <= study.pretrend["p_value"] <= 1
    assert study.effect.estimate == pytest.approx(
        impact.did_regression(workers, "2022-07-01").estimate, abs=1e-9
    )
    # the trend adjustment by hand, with numpy's polyfit on the pre-rise coefficients
    pre = by_hand[by_hand.index < 0]
    slope, intercept = np.polyfit(pre.index.to_numpy(dtype=float), pre.to_numpy(), 1)
    assert study.pretrend["slope"] == pytest.approx(slope, abs=1e-9)
    assert study.trend_adjusted.estimate == pytest.approx(by_hand[0] - intercept, abs=1e-9)


def test_pretrend_line_weights_give_the_intercept():
    k = [-3, -2, -1]
    beta = np.array([0.2, 0.1, 0.0])  # line 0.1 x (-(k + 1)) -> value at 0 is -0.1
    assert impact.pretrend_line(k, beta) @ beta == pytest.approx(-0.1)


# ----------------------------------------------------------------------------------- truth
def test_true_effect_pools_regions_with_the_survey_weights(workers):
    truth = load_truth()["minimum_wage_rise_effects"]["2022-07-01"]
    quarter = impact.employees_with_wages(workers).query("year == 2022 and quarter == 3")
    totals = quarter.groupby("min_wage_region")["weight"].sum()
    all_by_hand = sum(totals[r] * truth[r]["mean_log_effect_all_employees"] for r in truth)
    assert impact.true_rise_effect(workers, "2022-07-01", group="all") == pytest.approx(
        all_by_hand / totals.sum()
    )
    exposed = impact.true_rise_effect(workers, "2022-07-01")
    # effect on all = effect on the exposed x their weighted share (everyone else: 0)
    share = sum(totals[r] * truth[r]["share_low_paid"] for r in truth) / totals.sum()
    assert exposed * share == pytest.approx(all_by_hand / totals.sum(), rel=2e-3)
    # a wider band adds unaffected employees: the mean effect is diluted
    assert impact.true_rise_effect(workers, "2022-07-01", band=0.3) < exposed
    with pytest.raises(ValueError, match="narrower than the spillover band"):
        impact.true_rise_effect(workers, "2022-07-01", band=0.0)


def test_true_effect_refuses_a_single_province(workers):
    with pytest.raises(ValueError, match="pass the whole worker table"):
        impact.true_rise_effect(workers[workers["province"] == "Hải Phòng"], "2022-07-01")


def test_true_effects_for_another_seed_come_from_the_generator():
    from lrkit.synth.workers import generate_workers

    frame, effects = generate_workers(7, "workshop")
    assert impact.true_rise_effects(7) == effects
    data = impact.impact_frame(frame, "2024-07-01", window=(-1, 0)).query("k == 0")
    counts = data.groupby("min_wage_region")["exposed"].sum()
    for region, values in effects["2024-07-01"].items():
        assert counts[region] == values["low_paid_in_sample"]


def test_repeated_samples_compare_every_design():
    reps = impact.repeated_samples([3, 4], rises=["2024-07-01"])
    assert set(reps.designs["design"]) == set(impact.DESIGNS)
    assert len(reps.designs) == 2 * len(impact.DESIGNS)
    errors = reps.designs["estimate"] - reps.designs["truth"]
    assert errors.to_numpy() == pytest.approx(reps.designs["error"].to_numpy())
    # with/without after the rise compares the low paid with the others: hugely negative
    assert (reps.designs.query("design.str.startswith('with/without')")["estimate"] < -0.3).all()
    bias = reps.bias()
    assert list(bias.index) == list(impact.DESIGNS)
    assert (bias["samples"] == 2).all()
    mean = reps.mean_event_study("2024-07-01")
    assert mean.loc[-1, "estimate"] == 0.0 and len(mean) == 12


# ------------------------------------------------------------------------ propensity scores
def _confounded() -> pd.DataFrame:
    """x = 1 makes treatment likelier and raises y by 2; the treatment raises y by 0.5.

    x = 0: 8 untreated, 2 treated; x = 1: 2 untreated, 8 treated. y = 2x + 0.5T exactly.
    """
    x = [0] * 10 + [1] * 10
    t = [0] * 8 + [1] * 2 + [0] * 2 + [1] * 8
    frame = pd.DataFrame({"x": pd.Series(x).map({0: "low", 1: "high"}), "t": t})
    frame["y"] = 2.0 * np.array(x) + 0.5 * np.array(t)
    frame["weight"] = 1.0
    frame["psu"] = [f"p{i // 2}" for i in range(20)]
    return frame


def test_propensity_scores_of_one_binary_covariate_are_the_cell_shares():
    score = impact.propensity_scores(_confounded(), "t", ["x"])
    assert score[:10].to_numpy() == pytest.approx(0.2, abs=1e-6)  # 2 of 10 treated
    assert score[10:].to_numpy() == pytest.approx(0.8, abs=1e-6)  # 8 of 10 treated


def test_weighting_and_matching_remove_the_confounding_by_hand():
    frame = _confounded()
    # naive: treated mean (2 x 0.5 + 8 x 2.5) / 10 = 2.1; untreated (8 x 0 + 2 x 2) / 10 = 0.4
    naive = frame.loc[frame["t"] == 1, "y"].mean() - frame.loc[frame["t"] == 0, "y"].mean()
    assert naive == pytest.approx(1.7)
    ipw = impact.ipw_att(frame, "y", "t", ["x"])
    assert ipw.estimate == pytest.approx(0.5, abs=1e-6)
    matched = impact.matched_att(frame, "y", "t", ["x"])
    assert matched.estimate == pytest.approx(0.5, abs=1e-6)
    score = impact.propensity_scores(frame, "t", ["x"])
    weights = frame["weight"] * impact.att_weights(score, frame["t"])
    # untreated x = 0 get 0.2 / 0.8 = 0.25 each (total 2), x = 1 get 0.8 / 0.2 = 4 (total 8)
    assert weights[:8].to_numpy() == pytest.approx(0.25, abs=1e-6)
    balance = impact.balance_table(frame, "t", ["x"], adjusted=weights)
    assert balance["smd_after"].abs().max() < 1e-6
    assert balance.loc["x=high", "treated"] == pytest.approx(0.8)
    assert balance.loc["x=high", "control_before"] == pytest.approx(0.2)


def test_match_weights_share_ties_and_respect_the_caliper():
    score = pd.Series([0.3, 0.3, 0.3, 0.9, 0.1])
    treated = np.array([True, False, False, True, False])
    weights = impact.match_weights(score, treated, pd.Series([2.0, 1.0, 3.0, 1.0, 1.0]))
    # treated 0 (weight 2) matches the two untreated at 0.3 (weights 1 and 3): 0.5 and 1.5;
    # treated 3 (0.9) has as nearest 0.3 too: 1 more, shared 0.25 and 0.75
    assert weights.tolist() == pytest.approx([2.0, 0.75, 2.25, 1.0, 0.0])
    capped = impact.match_weights(score, treated, caliper=0.1)
    assert capped[3] == 0.0  # no untreated score within 0.1 of 0.9


def test_union_premium_on_the_workshop_data_is_near_the_truth(workers):
    employees = impact.employees_with_wages(workers)
    confounders = ["employer_ownership", "formal", "year"]
    truth = load_truth()["parameters"]["union_wage_premium"]["value"]
    ipw = impact.ipw_att(employees, "log_wage", "union_member", confounders)
    assert ipw.covers(truth)
    naive = np.average(
        employees.loc[employees["union_member"], "log_wage"],
        weights=employees.loc[employees["union_member"], "weight"],
    ) - np.average(
        employees.loc[~employees["union_member"], "log_wage"],
        weights=employees.loc[~employees["union_member"], "weight"],
    )
    assert naive > ipw.ci_upper  # the confounded gap is far above the adjusted estimate


# ------------------------------------------------------------------------------------- power
def test_z_multiplier_and_design_effect_by_hand():
    # z(0.975) + z(0.80) = 1.959964 + 0.841621 = 2.801585
    assert impact.z_multiplier() == pytest.approx(2.801585, abs=1e-6)
    # one-sided: z(0.95) + z(0.80) = 1.644854 + 0.841621 = 2.486475
    assert impact.z_multiplier(two_sided=False) == pytest.approx(2.486475, abs=1e-6)
    assert impact.design_effect(0.05, 11) == pytest.approx(1.5)  # 1 + 10 x 0.05
    with pytest.raises(ValueError, match="cluster_size"):
        impact.design_effect(0.05, 0.5)
    with pytest.raises(ValueError, match="alpha"):
        impact.z_multiplier(alpha=5)


def test_intracluster_correlation_by_hand():
    # clusters A: 1, 3 and B: 5, 7. Grand mean 4, cluster means 2 and 6.
    # MSB = (2 x 4 + 2 x 4) / 1 = 16; MSW = (1 + 1 + 1 + 1) / (4 - 2) = 2; n0 = (4 - 8/4)/1 = 2
    # rho = (16 - 2) / (16 + (2 - 1) x 2) = 14 / 18
    assert impact.intracluster_correlation([1, 3, 5, 7], ["A", "A", "B", "B"]) == pytest.approx(
        14 / 18
    )
    # no between-cluster difference: MSB = 0, MSW = 2 -> rho = -2 / (0 + 2) = -1
    assert impact.intracluster_correlation([1, 3, 1, 3], list("AABB")) == pytest.approx(-1.0)
    with pytest.raises(ValueError, match="at least 2 clusters"):
        impact.intracluster_correlation([1, 2, 3], ["A", "A", "A"])


def test_did_mde_matches_statsmodels_for_four_equal_cells():
    # four cells of n = 200, sd 1: SE = sqrt(4/200) = a two-sample SE with 100 per group
    mde = impact.did_mde(1.0, 1.0, 200, 200)
    reference = NormalIndPower().solve_power(nobs1=100, alpha=0.05, power=0.8, ratio=1.0)
    assert mde == pytest.approx(reference, rel=1e-5)
    # 2.801585 x sqrt(4 / 200) = 2.801585 x 0.141421 = 0.396203
    assert mde == pytest.approx(0.396203, abs=1e-6)
    # a design effect of 2 multiplies the variance by 2, the MDE by sqrt 2
    assert impact.did_mde(1.0, 1.0, 200, 200, deff=2.0) == pytest.approx(mde * math.sqrt(2))


def test_did_mde_with_unequal_groups_matches_statsmodels():
    sd_e, sd_c, n_e, n_c, deff = 0.2, 0.4, 60.0, 330.0, 1.6
    variance = deff * (2 * sd_e**2 / n_e + 2 * sd_c**2 / n_c)
    reference = NormalIndPower().solve_power(nobs1=2 / variance, alpha=0.05, power=0.8)
    assert impact.did_mde(sd_e, sd_c, n_e, n_c, deff) == pytest.approx(reference, rel=1e-5)


def test_employees_needed_inverts_the_mde():
    args = dict(sd_exposed=0.2, sd_comparison=0.4, share_exposed=0.15, deff=1.5)
    n = impact.employees_needed(0.03, **args)
    s = args["share_exposed"]

    def mde(total):
        return impact.did_mde(0.2, 0.4, s * total, (1 - s) * total, deff=1.5)

    assert mde(n) <= 0.03 < mde(n - 1)
    # by hand: 2.801585^2 x 1.5 x 2 x (0.04 / 0.15 + 0.16 / 0.85) / 0.0009
    #        = 7.848879 x 3 x 0.454902 / 0.0009 = 11,901.6 -> 11,902
    assert n == 11_902


def test_planning_inputs_of_a_province(workers):
    inputs = impact.planning_inputs(workers, "2026-01-01", 2025, "Hải Phòng")
    employees = impact.employees_with_wages(workers).query(
        "province == 'Hải Phòng' and year == 2025"
    )
    assert inputs.employees_per_quarter == len(employees) / 4
    assert inputs.cluster_size == len(employees) / employees["psu"].nunique()
    assert inputs.exposed_per_quarter + inputs.comparison_per_quarter == pytest.approx(
        inputs.employees_per_quarter
    )
    assert inputs.deff == pytest.approx(1 + (inputs.cluster_size - 1) * inputs.icc)
    assert inputs.mde() > inputs.mde(deff=1.0)


def test_power_parameters_are_checked():
    assert impact.check_power_parameters("0.05", 0.8, "0.03") == (0.05, 0.8, 0.03)
    with pytest.raises(ValueError, match="alpha"):
        impact.check_power_parameters(5, 0.8)
    with pytest.raises(ValueError, match="power"):
        impact.check_power_parameters(0.05, 80)
    with pytest.raises(ValueError, match="target_effect"):
        impact.check_power_parameters(0.05, 0.8, 3)
    with pytest.raises(TypeError, match="alpha must be a number"):
        impact.check_power_parameters("five", 0.8)
