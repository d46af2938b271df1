"""Sampling from the enterprise frame: strata, allocation, sample size, selection, weights.

Expected values are worked out by hand in the comments; where a reference exists (scipy's
hypergeometric distribution, samplics) the kit is also compared with it.
"""

import math
import warnings

import numpy as np
import pandas as pd
import pytest

from lrkit import sampling as S
from lrkit.data import load_dataset
from lrkit.synth.incoming import simulate_response


def _strata(counts, sd=None):
    table = pd.DataFrame({"stratum": [f"h{i}" for i in range(len(counts))], "N": counts})
    if sd is not None:
        table["sd"] = sd
    return table


# ---------------------------------------------------------------------------------------
# frame and strata


@pytest.fixture
def tiny_frame():
    return pd.DataFrame(
        {
            "enterprise_id": [f"E{i}" for i in range(8)],
            "province": ["Hải Phòng"] * 5 + ["Đồng Nai"] * 3,
            "ownership": ["state", "foreign_invested", "foreign_invested", "state", "state"]
            + ["domestic_private"] * 3,
            "employment_band": ["10-49"] * 8,
            "employees": [10, 20, 30, 40, 50, 12, 14, 16],
            "year_founded": [2018, 2019, 2024, 2020, 2020, 2010, 2010, 2010],
            "year_closed": pd.array([pd.NA, 2022, pd.NA, 2023, pd.NA, pd.NA, pd.NA, 2023], "Int64"),
            "has_union": [True, False, True, True, False, False, True, False],
        }
    )


def test_survey_frame_keeps_enterprises_active_in_the_year(tiny_frame):
    # 2023: E0 (2018, open), E3 (closed during 2023: still active), E4, E5, E6, E7 (closed 2023)
    # out: E1 (closed 2022), E2 (founded 2024)
    frame = S.survey_frame(tiny_frame, 2023)
    assert list(frame["enterprise_id"]) == ["E0", "E3", "E4", "E5", "E6", "E7"]
    assert list(S.survey_frame(tiny_frame, 2023, "Hải Phòng")["enterprise_id"]) == [
        "E0",
        "E3",
        "E4",
    ]
    with pytest.raises(ValueError, match="not in the frame"):
        S.survey_frame(tiny_frame, 2023, "Huế")


def test_survey_frame_without_closure_column(tiny_frame):
    frame = S.survey_frame(tiny_frame.drop(columns="year_closed"), 2020)
    assert list(frame["enterprise_id"]) == ["E0", "E1", "E3", "E4", "E5", "E6", "E7"]


def test_stratum_table_counts_means_and_sds(tiny_frame):
    table = S.stratum_table(tiny_frame, by=["province", "ownership"], value="employees")
    # sorted: Hải Phòng before Đồng Nai (kit order), state before foreign_invested
    assert list(table["stratum"]) == [
        "Hải Phòng / state",
        "Hải Phòng / foreign_invested",
        "Đồng Nai / domestic_private",
    ]
    assert list(table["N"]) == [3, 2, 3]
    # Hải Phòng / state: employees 10, 40, 50 -> mean 100/3, sd with N-1: sqrt(((10-33.3)^2 +
    # (40-33.3)^2 + (50-33.3)^2)/2) = sqrt(866.67/2... ) computed: var = (544.4+44.4+277.8)/2
    assert table.loc[0, "mean"] == pytest.approx(100 / 3)
    assert table.loc[0, "sd"] == pytest.approx(
        math.sqrt((544.444 + 44.444 + 277.778) / 2), rel=1e-4
    )
    shares = S.stratum_table(tiny_frame, by=["province"], share="has_union")
    # Hải Phòng: 3 of 5 have a union -> P = 0.6, sd = sqrt(0.6 * 0.4)
    assert shares.loc[0, "share"] == pytest.approx(0.6)
    assert shares.loc[0, "sd"] == pytest.approx(math.sqrt(0.24))


def test_stratum_labels_join_the_columns(tiny_frame):
    labels = S.add_stratum(tiny_frame)["stratum"]
    assert labels.iloc[0] == "Hải Phòng / state / 10-49"
    with pytest.raises(KeyError, match="size_class"):
        S.stratum_labels(tiny_frame, ["province", "size_class"])


# ---------------------------------------------------------------------------------------
# allocation


def test_proportional_allocation_by_hand():
    # n_h = 100 * N_h / 1000 = 10, 30, 60
    assert S.allocate(_strata([100, 300, 600]), 100).tolist() == [10, 30, 60]


def test_neyman_allocation_by_hand():
    # N_h S_h = 100, 600, 600 (sum 1300); n_h = 100 * (100, 600, 600) / 1300
    #         = 7.69, 46.15, 46.15 -> floors 7, 46, 46 (99); the missing unit goes to the
    # largest remainder (0.69): 8, 46, 46
    strata = _strata([100, 300, 600], sd=[1.0, 2.0, 1.0])
    exact = S.allocate(strata, 100, "neyman", whole=False)
    assert exact.to_numpy() == pytest.approx(100 * np.array([100, 600, 600]) / 1300)
    assert S.allocate(strata, 100, "neyman").tolist() == [8, 46, 46]


def test_minimum_and_cap_by_hand():
    # proportional 100 of (5, 50, 945) with at least 10 each (or the whole stratum):
    # stratum 1 is taken whole (5 <= 10), stratum 2 is raised to 10 (100 * 50 / 1000 = 5),
    # stratum 3 gets the rest: 100 - 5 - 10 = 85
    assert S.allocate(_strata([5, 50, 945]), 100, minimum=10).tolist() == [5, 10, 85]
    # equal 50 over (2, 8, 90): the first two are taken whole, the third gets 50 - 10 = 40
    assert S.allocate(_strata([2, 8, 90]), 50, "equal").tolist() == [2, 8, 40]


def test_neyman_with_zero_sd_strata_still_allocates_everything():
    # only stratum 1 varies; it is taken whole (10), the other 20 go to the rest ∝ N_h
    strata = _strata([10, 100, 100], sd=[0.5, 0.0, 0.0])
    assert S.allocate(strata, 30, "neyman").tolist() == [10, 10, 10]


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("method", ["proportional", "neyman", "equal"])
def test_allocation_adds_up_and_respects_bounds(seed, method):
    rng = np.random.default_rng(seed)
    counts = rng.integers(1, 400, size=12)
    strata = _strata(counts, sd=rng.uniform(0.05, 0.5, size=12))
    n = int(rng.integers(30, counts.sum() // 2))
    whole = S.allocate(strata, n, method, minimum=3)
    exact = S.allocate(strata, n, method, minimum=3, whole=False)
    assert whole.sum() == n
    assert exact.sum() == pytest.approx(n)
    assert (whole <= counts).all() and (whole >= np.minimum(3, counts)).all()
    assert (np.abs(whole - exact) < 1).all()


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"n": 2000}, ValueError, "more than the 1000"),
        ({"n": 10, "minimum": 5}, ValueError, "minimum = 5"),
        ({"n": 10, "method": "optimal"}, ValueError, "proportional, neyman, equal"),
        ({"n": 10, "method": "neyman"}, KeyError, "standard deviation"),
        ({"n": 0}, ValueError, "n must be 1 or more"),
    ],
)
def test_allocation_errors_name_the_problem(kwargs, error, message):
    with pytest.raises(error, match=message):
        S.allocate(_strata([100, 300, 600]), **kwargs)


# ---------------------------------------------------------------------------------------
# sample size


def test_sample_size_for_a_proportion_by_hand():
    # n0 = (1 - 0.25) / (0.1^2 * 0.25) = 300; x 1.5 = 450; fpc with N = 1000:
    # 450 / (1 + 0.45) = 310.34 -> 311 answers; / 0.8 = 387.9 -> select 388
    size = S.sample_size_for_proportion(
        0.25, 0.1, population=1000, design_effect=1.5, response_rate=0.8
    )
    assert size.n0 == pytest.approx(300)
    assert size.n_deff == pytest.approx(450)
    assert size.n_fpc == pytest.approx(450 / 1.45)
    assert (size.respondents, size.n, int(size)) == (311, 388, 388)


def test_sample_size_for_a_mean_by_hand():
    # S/mean = 0.5, CV 0.05: n0 = 0.25 / 0.0025 = 100; x 2 = 200; no fpc; / 0.5 = 400
    size = S.sample_size_for_mean(0.5, 0.05, design_effect=2, response_rate=0.5)
    assert (size.n0, size.n_fpc, size.n) == (pytest.approx(100), pytest.approx(200), 400)
    assert list(size.table()["n"].round(1)) == [100.0, 200.0, 200.0, 200, 400]


def test_sample_size_never_exceeds_the_population():
    # n0 = 0.5 / (1e-4 * 0.5) = 10,000; fpc with N = 100 -> 99.0; / 0.5 = 198 -> capped at 100
    assert S.sample_size_for_proportion(0.5, 0.01, population=100, response_rate=0.5).n == 100


def test_sample_size_gives_the_target_cv_back():
    # with n = n_fpc answers, CV² = deff (1/n - 1/N) (1 - P)/P must be the target
    size = S.sample_size_for_proportion(0.3, 0.08, population=2500, design_effect=1.7)
    cv = math.sqrt(1.7 * (1 / size.n_fpc - 1 / 2500) * 0.7 / 0.3)
    assert cv == pytest.approx(0.08)


def test_sample_size_matches_the_exact_hypergeometric_variance():
    """Under SRS without replacement the count of 'yes' is hypergeometric (scipy)."""
    stats = pytest.importorskip("scipy.stats")
    population, successes, target = 2000, 600, 0.1  # P = 0.3
    n = S.sample_size_for_proportion(0.3, target, population=population).respondents
    sd = stats.hypergeom(population, successes, n).std() / n
    # the kit uses (1 - n/N) for the exact (N - n)/(N - 1): the CV may differ by 1/N at most
    assert sd / 0.3 == pytest.approx(target, rel=2e-3)


def test_sample_size_agrees_with_samplics():
    samplics = pytest.importorskip("samplics.sampling.size_functions")
    z = 1.959963984540054
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for share, cv, deff, rate in [(0.25, 0.1, 1.5, 0.8), (0.07, 0.15, 2.0, 0.65)]:
            # a CV c means a half-width of z * c * P for the Wald interval
            theirs = samplics.calculate_ss_wald_prop(
                target=share, half_ci=z * cv * share, deff_c=deff, resp_rate=rate
            )
            ours = S.sample_size_for_proportion(share, cv, design_effect=deff, response_rate=rate).n
            assert abs(ours - theirs) <= 1  # the same up to rounding of z
            # samplics' fpc uses (N - 1); ours N: the same within one enterprise
            with_fpc = samplics.calculate_ss_wald_prop(
                target=share, half_ci=z * cv * share, pop_size=900, resp_rate=rate
            )
            mine = S.sample_size_for_proportion(share, cv, population=900, response_rate=rate)
            assert abs(mine.n - with_fpc) <= 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((5, 1.5, 0.8), "5% is 0.05"),
        (("0.05", "x", 0.8), "design_effect must be a number"),
        ((0.05, 1.5, 0), r"response_rate must be in \(0, 1\]"),
        ((0.05, 100, 0.8), "between 0.1 and 20"),
    ],
)
def test_design_parameters_are_checked(args, message):
    with pytest.raises((ValueError, TypeError), match=message):
        S.check_design_parameters(*args)


def test_design_parameters_accept_command_line_text():
    design = S.check_design_parameters("0.05", "1.5", "0.8", "0.25")
    assert design == S.DesignParameters(0.05, 1.5, 0.8, 0.25)


def test_kish_design_effect_by_hand():
    # n Σw² / (Σw)² = 4 * (1 + 1 + 4 + 4) / 6² = 40/36
    assert S.kish_design_effect([1, 1, 2, 2]) == pytest.approx(40 / 36)
    assert S.kish_design_effect(np.full(7, 3.5)) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="above 0"):
        S.kish_design_effect([1, 0])


# ---------------------------------------------------------------------------------------
# stratified selection


@pytest.fixture(scope="module")
def frame():
    enterprises = load_dataset("enterprises")
    return S.add_stratum(S.survey_frame(enterprises, 2024, "Hải Phòng"))


def test_stratified_sample_weights_are_nh_over_nh_and_add_up_to_n(frame):
    strata = S.stratum_table(frame)
    allocation = S.allocate(strata, 150, minimum=2)
    sample = S.select_stratified(frame, allocation, seed=11)
    assert len(sample) == 150
    counts = sample["stratum"].value_counts()
    sizes = frame["stratum"].value_counts()
    for label, n_h in allocation.items():
        assert counts.get(label, 0) == n_h
    expected = sample["stratum"].map(sizes) / sample["stratum"].map(counts)
    assert np.allclose(sample["design_weight"], expected)
    assert np.allclose(sample["inclusion_probability"], 1 / expected)
    assert sample["design_weight"].sum() == pytest.approx(len(frame))
    assert not sample["enterprise_id"].duplicated().any()


def test_stratified_sample_is_seeded(frame):
    allocation = S.allocate(S.stratum_table(frame), 80, minimum=2)
    first = S.select_stratified(frame, allocation, seed=5)["enterprise_id"].tolist()
    again = S.select_stratified(frame, allocation, seed=5)["enterprise_id"].tolist()
    other = S.select_stratified(frame, allocation, seed=6)["enterprise_id"].tolist()
    assert first == again and first != other


def test_every_unit_of_a_stratum_is_equally_likely():
    frame = pd.DataFrame({"stratum": ["a"] * 10 + ["b"] * 4, "x": range(14)})
    hits = np.zeros(14)
    reps = 1000
    for seed in range(reps):
        hits[S.select_stratified(frame, {"a": 3, "b": 1}, seed=seed)["x"]] += 1
    # pi = 3/10 in a and 1/4 in b; binomial sd at most sqrt(0.3*0.7/1000) = 0.0145
    assert np.allclose(hits[:10] / reps, 0.3, atol=0.05)
    assert np.allclose(hits[10:] / reps, 0.25, atol=0.05)


def test_srs_inclusion_probabilities_agree_with_samplics():
    selection = pytest.importorskip("samplics.sampling")
    types = pytest.importorskip("samplics.utils.types")
    frame = pd.DataFrame({"stratum": list("aaabbb")})
    sample = S.select_stratified(frame, {"a": 2, "b": 1}, seed=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        design = selection.SampleSelection(method=types.SelectMethod.srs_wor, strat=True, wr=False)
        theirs = design.inclusion_probs(
            np.arange(6), {"a": 2, "b": 1}, stratum=np.array(list("aaabbb"))
        )
    assert np.allclose(sample["inclusion_probability"], theirs[sample.index])


def test_selection_errors_name_the_stratum(frame):
    label = frame["stratum"].iloc[0]
    size = int((frame["stratum"] == label).sum())
    with pytest.raises(ValueError, match="more than the"):
        S.select_stratified(frame, {label: size + 1}, seed=1)
    with pytest.raises(ValueError, match="not in the frame"):
        S.select_stratified(frame, {"Huế / state / 1-9": 1}, seed=1)


# ---------------------------------------------------------------------------------------
# PPS


def test_pps_inclusion_probabilities_by_hand():
    # 2 * (1, 2, 3, 4) / 10
    assert S.pps_inclusion_probabilities([1, 2, 3, 4], 2) == pytest.approx([0.2, 0.4, 0.6, 0.8])
    # 3 * 100 / 110 > 1: a certainty unit; the 2 other draws over ten units of size 1: 0.2 each
    pi = S.pps_inclusion_probabilities([100] + [1] * 10, 3)
    assert pi == pytest.approx([1.0] + [0.2] * 10)
    # 3 * (50, 40) / 100 = 1.5, 1.2: both certain; 1 draw left over (5, 5): 0.5 each
    assert S.pps_inclusion_probabilities([50, 40, 5, 5], 3) == pytest.approx([1, 1, 0.5, 0.5])


@pytest.mark.parametrize("n", [5, 40, 120])
def test_pps_inclusion_probabilities_add_up_to_n(frame, n):
    pi = S.pps_inclusion_probabilities(frame["employees"], n)
    assert pi.sum() == pytest.approx(n)
    assert (pi <= 1).all() and (pi > 0).all()


def test_pps_inclusion_probabilities_agree_with_samplics():
    selection = pytest.importorskip("samplics.sampling")
    types = pytest.importorskip("samplics.utils.types")
    size = np.array([1.0, 2, 3, 4, 10, 5])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        design = selection.SampleSelection(method=types.SelectMethod.pps_sys, strat=True, wr=False)
        theirs = design.inclusion_probs(
            np.arange(6), {"a": 2, "b": 1}, stratum=np.array(list("aaaabb")), mos=size
        )
    ours = np.concatenate(
        [S.pps_inclusion_probabilities(size[:4], 2), S.pps_inclusion_probabilities(size[4:], 1)]
    )
    assert ours == pytest.approx(theirs)


def test_pps_systematic_selection(frame):
    sample = S.select_pps_systematic(frame, 60, size="employees", seed=3)
    pi = S.pps_inclusion_probabilities(frame["employees"], 60)
    assert len(sample) == 60 and not sample["enterprise_id"].duplicated().any()
    certain = frame.index[pi >= 1]
    assert set(certain) <= set(sample.index)
    assert sample["certainty"].sum() == len(certain)
    assert np.allclose(sample["design_weight"], 1 / pi[sample.index])


def test_pps_systematic_hits_each_unit_with_its_probability():
    size = np.array([30.0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    frame = pd.DataFrame({"employees": size})
    pi = S.pps_inclusion_probabilities(size, 4)
    reps = 2500
    hits = np.zeros(len(size))
    totals = []
    for seed in range(reps):
        sample = S.select_pps_systematic(frame, 4, seed=seed)
        hits[sample.index] += 1
        totals.append(sample["design_weight"].sum())
    assert np.allclose(hits / reps, pi, atol=4 * np.sqrt(0.25 / reps))
    # Horvitz-Thompson: the weights add up to N = 13 on average over samples
    assert np.mean(totals) == pytest.approx(len(size), rel=0.03)


def test_pps_refuses_sizes_of_zero():
    with pytest.raises(ValueError, match="column 'employees'.*above 0"):
        S.select_pps_systematic(pd.DataFrame({"employees": [0, 3, 4]}), 1, seed=1)


# ---------------------------------------------------------------------------------------
# non-response


@pytest.fixture
def responded():
    return pd.DataFrame(
        {
            "ownership": ["state"] * 3 + ["foreign_invested"] * 2 + ["state"],
            "design_weight": [10.0, 10.0, 20.0, 5.0, 5.0, 8.0],
            "responded": ["respondent", "nonrespondent", "respondent", "respondent",
                          "respondent", "ineligible"],
        }
    )  # fmt: skip


def test_nonresponse_adjustment_by_hand(responded):
    result = S.adjust_for_nonresponse(responded, classes=["ownership"], response="responded")
    # state: eligible weight 10 + 10 + 20 = 40, respondents 30 -> factor 4/3;
    # the ineligible enterprise keeps its weight 8 and is not adjusted
    # foreign_invested: everyone answered -> factor 1
    assert result.sample["adjusted_weight"].tolist() == pytest.approx(
        [40 / 3, 0.0, 80 / 3, 5.0, 5.0, 8.0]
    )
    report = result.report.set_index("ownership")
    assert report.loc["state", "factor"] == pytest.approx(4 / 3)
    assert report.loc[
        "state", ["selected", "respondents", "nonrespondents", "ineligible"]
    ].tolist() == [4, 2, 1, 1]
    assert report.loc["state", "adjusted"] == 2 and report.loc["foreign_invested", "adjusted"] == 0
    assert report["selected"].sum() == len(responded)  # every row accounted for
    assert len(result.respondents) == 4
    # the respondents' adjusted weights add up to the eligible design weights
    eligible = responded[responded["responded"] != "ineligible"]["design_weight"].sum()
    assert result.respondents["adjusted_weight"].sum() == pytest.approx(eligible)


def test_nonresponse_agrees_with_samplics(responded):
    adjustment = pytest.importorskip("samplics.weighting")
    data = responded.iloc[:5]
    codes = data["responded"].map({"respondent": "rr", "nonrespondent": "nr"}).to_numpy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = adjustment.SampleWeight().adjust(
            samp_weight=data["design_weight"].to_numpy(),
            adj_class=data["ownership"].to_numpy(),
            resp_status=codes,
        )
    ours = S.adjust_for_nonresponse(data, classes=["ownership"])
    assert ours.sample["adjusted_weight"].to_numpy() == pytest.approx(theirs)


def test_nonresponse_class_without_respondents_is_named(responded):
    responded.loc[[3, 4], "responded"] = "nonrespondent"
    with pytest.raises(ValueError, match="ownership='foreign_invested'.*no respondent"):
        S.adjust_for_nonresponse(responded, classes=["ownership"])


def test_nonresponse_accepts_true_false_and_refuses_other_codes(responded):
    data = responded.assign(responded=[True, False, True, True, True, True])
    result = S.adjust_for_nonresponse(data, classes=["ownership"])
    assert result.sample["status"].tolist()[:2] == ["respondent", "nonrespondent"]
    with pytest.raises(ValueError, match="one of respondent, nonrespondent, ineligible"):
        S.adjust_for_nonresponse(responded.assign(responded="yes"), classes=["ownership"])


def test_simulated_response_is_seeded_and_order_free(frame):
    sample = S.select_stratified(frame, S.allocate(S.stratum_table(frame), 100, minimum=2), seed=1)
    first = simulate_response(sample, seed=4)
    shuffled = simulate_response(sample.iloc[::-1], seed=4).iloc[::-1]
    assert first["responded"].tolist() == shuffled["responded"].tolist()
    assert 0.4 < first["responded"].mean() < 0.95
    assert first["responded"].tolist() != simulate_response(sample, seed=5)["responded"].tolist()
