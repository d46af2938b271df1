"""The synthetic generator: reproducible bytes, integrity, and agreement with its truth.

Expected values come from the generator's known parameters (lrkit.synth.params) or from
the published facts in shared/domain-facts.md, never from the generator's own output.
Tolerances are derived from sampling theory and written next to each check: for a share p
estimated from n independent draws the standard error is sqrt(p(1-p)/n); survey estimates
get a design effect of 1.5 for clustering in enumeration areas and unequal weights; a check
allows 4 standard errors (a false alarm about once in 16,000 runs), plus, where a parameter
was calibrated by hand, the stated calibration error.
"""

import hashlib
import json

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf

from lrkit.cli import main
from lrkit.data import load_dataset, load_truth
from lrkit.reference.minimum_wage import minimum_wage_table
from lrkit.reference.provinces import PILOT_PROVINCES, SOUTH_REGIONS, former_province_table
from lrkit.synth import build, generate
from lrkit.synth.build import DATASETS_ALL, DEFAULT_SEED, draw
from lrkit.synth.enterprises import active_at_end_of
from lrkit.synth.geography import units
from lrkit.synth.params import PARAMS, SCALE_YEARS, YEARS, value
from lrkit.synth.schema import DATASETS as SCHEMAS
from lrkit.synth.schema import columns
from lrkit.synth.strikes import scaled_count


@pytest.fixture(scope="module")
def data():
    return generate("workshop", DEFAULT_SEED)


@pytest.fixture(scope="module")
def national():
    """The national scale drawn in memory (about 15 s), for the calibration targets."""
    return draw("national", DEFAULT_SEED).frames


def _sums(folder):
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_same_seed_same_bytes(tmp_path):
    build(tmp_path / "a", seed=11)
    build(tmp_path / "b", seed=11)
    assert _sums(tmp_path / "a") == _sums(tmp_path / "b")
    build(tmp_path / "c", seed=12)
    assert _sums(tmp_path / "a")["workers.csv"] != _sums(tmp_path / "c")["workers.csv"]


def test_committed_workshop_data_are_what_the_generator_makes(root, tmp_path):
    build(tmp_path, seed=DEFAULT_SEED)
    committed = root / "datasets" / "workshop"
    built = _sums(tmp_path)
    for name in built:
        if name.endswith(".parquet"):
            # Parquet bytes carry the writer's version, so compare the content.
            pd.testing.assert_frame_equal(
                pd.read_parquet(tmp_path / name), pd.read_parquet(committed / name)
            )
        elif name not in ("datapackage.json", "SHA256SUMS"):  # these embed Parquet hashes
            assert (tmp_path / name).read_bytes() == (committed / name).read_bytes(), name
    assert set(built) <= set(_sums(committed))


def test_csv_has_a_bom_and_keeps_diacritics(root):
    raw = (root / "datasets" / "workshop" / "workers.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "Hải Phòng" in raw.decode("utf-8-sig")


def test_every_column_is_documented(data):
    assert set(data) == set(DATASETS_ALL)
    for name, frame in data.items():
        assert list(frame.columns) == columns(name), name


def test_workers_keep_the_columns_other_code_uses(data):
    kept = [
        "person_id", "year", "province", "province_pre2025", "urban_rural", "stratum", "psu",
        "household_id", "weight", "sex", "age", "education", "status", "employer_ownership",
        "sector", "vsic", "min_wage_region", "min_wage_vnd", "monthly_wage_vnd",
        "hours_per_week", "union_member", "covered_by_agreement",
    ]  # fmt: skip
    assert set(kept) <= set(data["workers"].columns)
    assert set(data["workers"]["province"]) == set(PILOT_PROVINCES)
    assert set(data["workers"]["status"].dropna()) == {
        "employee",
        "own_account",
        "contributing_family",
        "employer",
    }
    assert data["workers"]["union_member"].dtype == bool
    assert sorted(data["workers"]["year"].unique()) == list(YEARS)


def test_keys_and_references(data):
    for name, schema in SCHEMAS.items():
        frame = data[name]
        if schema.primary_key:
            assert not frame.duplicated(list(schema.primary_key)).any(), name
        for mine, other, theirs in schema.foreign_keys:
            assert frame[mine].isin(data[other][theirs]).all(), (name, mine)
    enterprises = data["enterprises"]
    with_agreement = enterprises.loc[enterprises["has_agreement"], "has_union"]
    assert with_agreement.all()  # only union enterprises sign in this model
    linkage = data["strike_linkage"]
    assert set(linkage.loc[linkage["register"] == "ministry", "record_id"]) == set(
        data["strikes"]["strike_id"]
    )
    assert set(linkage.loc[linkage["register"] == "vgcl", "record_id"]) == set(
        data["strikes_vgcl"]["record_id"]
    )
    # the registers overlap partly: some stoppages are in both, some in one only
    counts = linkage.groupby("true_strike_id")["register"].nunique()
    assert (counts == 2).any() and (counts == 1).any()


def test_no_impossible_values(data):
    workers, strikes, enterprises = data["workers"], data["strikes"], data["enterprises"]
    employees = workers["status"] == "employee"
    unemployed = workers["labour_force_status"] == "unemployed"
    assert workers.loc[employees, "monthly_wage_vnd"].notna().all()
    assert workers.loc[~employees, "monthly_wage_vnd"].isna().all()
    assert (workers.loc[employees, "monthly_wage_vnd"] > 0).all()
    assert not workers.loc[~employees, "covered_by_agreement"].any()
    assert workers.loc[unemployed, "status"].isna().all()
    assert workers.loc[~unemployed, "status"].notna().all()
    assert workers.loc[unemployed, "hours_per_week"].isna().all()
    assert workers["age"].between(15, 70).all()
    assert (workers["weight"] > 0).all()
    assert (enterprises["employees"] >= 1).all()
    assert enterprises["female_share"].between(0, 1).all()
    closed = enterprises["year_closed"].dropna()
    assert (closed > enterprises.loc[closed.index, "year_founded"] - 1).all()
    assert (enterprises.loc[enterprises["has_wro"], "wro_year"] >= 2021).all()
    assert enterprises.loc[~enterprises["has_wro"], "wro_year"].isna().all()
    assert (strikes["end_date"] >= strikes["start_date"]).all()
    assert (strikes["start_date"].dt.year == strikes["year"]).all()
    assert (strikes["start_date"].dt.day_of_week < 5).all()  # stoppages start on working days
    staff = strikes.merge(enterprises, on="enterprise_id")["employees"]
    assert (strikes["workers_involved"].to_numpy() <= staff.to_numpy()).all()
    assert (
        strikes["days_not_worked"] == strikes["workers_involved"] * strikes["duration_workdays"]
    ).all()
    assert (data["strikes_vgcl"]["peak_workers"] >= 50).all()
    agreements = data["agreements"]
    assert (agreements["expiry_date"] > agreements["signed_date"]).all()
    assert (agreements["lowest_wage_vnd"] >= agreements["min_wage_vnd"]).all()
    disputes = data["disputes"]
    settled = disputes["settled_date"].notna()
    assert (disputes.loc[settled, "settled_date"] >= disputes.loc[settled, "filed_date"]).all()
    assert ((disputes["outcome"] == "pending") == ~settled).all()
    assert (disputes.loc[disputes["kind"] == "individual", "workers_involved"] == 1).all()


def test_weights_sum_to_the_labour_force_in_every_quarter(data):
    """Post-stratified weights hit the stratum totals exactly (to rounding)."""
    pilots = units("workshop")["lf_share"].sum() * value("labour_force")
    totals = data["workers"].groupby(["year", "quarter"])["weight"].sum()
    assert len(totals) == 4 * len(YEARS)
    assert np.allclose(totals, pilots, rtol=1e-6)


def test_national_weights_sum_to_53_5_million(national):
    totals = national["workers"].groupby(["year", "quarter"])["weight"].sum()
    assert len(totals) == 32  # 2018Q1-2025Q4
    assert np.allclose(totals, 53_500_000, rtol=1e-6)
    unemployed = national["workers"]["labour_force_status"] == "unemployed"
    rate = national["workers"].loc[unemployed, "weight"].sum() / totals.sum()
    # about 1.1 m records: SE of a 2.2% share ~ 0.00014 (×1.5 design effect); 4 SE ≈ 0.001
    assert rate == pytest.approx(value("unemployment_rate"), abs=0.001)


def test_design_has_two_or_more_psus_per_stratum_and_quarter(data):
    psus = data["workers"].groupby(["year", "quarter", "stratum"])["psu"].nunique()
    assert (psus >= value("lfs_design")["min_eas_per_stratum"]).all()


def test_active_enterprises_follow_the_white_book(national):
    """Exits are Bernoulli(6%) a year: the SD of the count active at the end of a year is at
    most sqrt(Σ N·h(1-h)) over 8 years ≈ 600; 4 SD ≈ 2,500, 0.4% of 684,260."""
    enterprises = national["enterprises"]
    for year, target in ((2020, 684_260), (2022, 735_455)):  # White Book, checked facts
        assert active_at_end_of(enterprises, year).sum() == pytest.approx(target, rel=0.004)


def test_mean_employees_matches_the_economic_census(national):
    """14.7 m workers in 683,600 firms (2021): heavy-tailed sizes (sd about 4 × mean), so the
    SE of the mean over ~700,000 firms is ~0.1; clipping and rounding add ~2%: allow 5%."""
    enterprises = national["enterprises"]
    active = active_at_end_of(enterprises, 2021)
    mean = enterprises.loc[active, "employees"].mean()
    assert mean == pytest.approx(14_700_000 / 683_600, rel=0.05)


def test_union_density_2018_is_the_ilostat_figure(national):
    """ILOSTAT 49.61% (2018, household survey). About 56,000 employees in the 2018 rounds:
    SE = sqrt(.25/56,000) × sqrt(1.5) ≈ 0.0026; 4 SE ≈ 0.011."""
    workers = national["workers"]
    rows = workers[(workers["year"] == 2018) & (workers["status"] == "employee")]
    density = (rows["weight"] * rows["union_member"]).sum() / rows["weight"].sum()
    assert density == pytest.approx(0.4961, abs=0.011)


def test_mean_wage_2025_is_near_average_income(national):
    """Calibrated by hand to within 1% of 8.4 m; the SE of the weighted mean over ~56,000
    employees (CV about 0.6) is ~0.3%: allow 1% + 4 SE ≈ 2.5%."""
    workers = national["workers"]
    rows = workers[(workers["year"] == 2025) & (workers["status"] == "employee")]
    mean = (rows["weight"] * rows["monthly_wage_vnd"].astype(float)).sum() / rows["weight"].sum()
    assert mean == pytest.approx(8_400_000, rel=0.025)


def test_agreements_signed_in_2025(national):
    """Poisson-like count: SE ≈ sqrt(5,262) ≈ 73; calibrated within 2%: allow 2% + 4 SE."""
    agreements = national["agreements"]
    signed = (agreements["signed_date"].dt.year == 2025).sum()
    assert abs(signed - 5_262) < 0.02 * 5_262 + 4 * np.sqrt(5_262)


def test_strike_registers_hold_their_yearly_counts(data, national):
    for frames, scale in ((data, "workshop"), (national, "national")):
        for year in SCALE_YEARS[scale]:
            for name, register in (("strikes", "ministry"), ("strikes_vgcl", "vgcl")):
                count = (frames[name]["year"] == year).sum()
                assert count == scaled_count(year, register, scale), (scale, year, name)
    vgcl = national["strikes_vgcl"]
    assert (vgcl["year"] == 2018).sum() == 47  # VGCL, 2018 (domain facts)
    assert (vgcl["year"] == 2023).sum() == 60  # VGCL, 2023
    assert (national["strikes"]["year"] == 2022).sum() == 146  # ~146 in 2022


def test_strikes_follow_the_published_pattern(national):
    """Published profile (domain facts): 72-80%+ in foreign-invested firms; garment 28-53%;
    footwear ~19%; 72-90% in the South; ~470 workers per strike; 2-3 days; nearly all
    unofficial. With ~850 strikes the SE of a share near 0.5 is 0.017, so the ranges are
    checked on the national register; ~19% and ~470 get 4 SE (0.055 and 4·250/√850 ≈ 35)."""
    strikes = national["strikes"]
    assert (strikes["ownership"] == "foreign_invested").mean() >= 0.72
    assert 0.28 <= (strikes["sector"] == "garment").mean() <= 0.53
    assert (strikes["sector"] == "footwear").mean() == pytest.approx(0.19, abs=0.055)
    table = former_province_table()
    south = table.loc[table["region"].isin(SOUTH_REGIONS), "province_pre2025"]
    assert 0.72 <= strikes["province_pre2025"].isin(south).mean() <= 0.90
    assert strikes["workers_involved"].mean() == pytest.approx(470, abs=40)
    assert strikes["led_by_union"].mean() < 0.10
    assert strikes["duration_workdays"].mean() == pytest.approx(2.4, abs=0.3)


def test_density_in_the_workshop_data_follows_the_model(data):
    """Employee density rises with the trend; ~1,250 employees a year in the pilots:
    SE ≈ sqrt(.25/1250)×sqrt(1.5) ≈ 0.017, so 4 SE ≈ 0.07 around the national 2018 level
    (the pilots' ownership mix differs from the nation's, which the margin also covers)."""
    workers = data["workers"]
    for year in (YEARS[0], YEARS[-1]):
        rows = workers[(workers["year"] == year) & (workers["status"] == "employee")]
        estimate = (rows["weight"] * rows["union_member"]).sum() / rows["weight"].sum()
        assert estimate == pytest.approx(0.50, abs=0.08)


def test_union_wage_premium_is_recovered(national):
    """The minimum-wage floor censors low wages from below, which biases OLS towards 0; the
    conditional MEDIAN is untouched where fewer than half of a cell is censored, so a median
    regression on the true causes recovers the premium. 20,000 employees: SE ≈ 0.009;
    allow 4 SE."""
    workers = national["workers"]
    rows = workers[workers["status"] == "employee"].sample(20_000, random_state=1).copy()
    rows["log_wage"] = np.log(rows["monthly_wage_vnd"].astype(float))
    rows["member"] = rows["union_member"].astype(int)
    rows["female"] = (rows["sex"] == "female").astype(int)
    rows["formal_job"] = rows["formal"].astype(bool).astype(int)
    rows["t"] = rows["year"] + (rows["quarter"] - 1) / 4
    fit = smf.quantreg(
        "log_wage ~ member + female + formal_job + C(employer_ownership) + C(education) + t"
        " + C(min_wage_region)",
        data=rows,
    ).fit(q=0.5, max_iter=5000)
    assert abs(fit.params["member"] - value("union_wage_premium")) < 4 * fit.bse["member"]


def test_minimum_wage_rises_and_their_true_effects(root):
    table = minimum_wage_table().set_index(["effective_from", "region"])
    rises = table.loc[pd.Timestamp("2022-07-01"), "rise_vnd"]
    assert list(rises) == [260_000, 240_000, 210_000, 180_000]  # regions rise by different amounts
    truth = load_truth("workshop")
    for rise in ("2022-07-01", "2024-07-01"):
        effects = truth["minimum_wage_rise_effects"][rise]
        assert effects, rise
        for region in effects.values():
            if region["low_paid_in_sample"] > 0:
                assert 0 < region["mean_log_effect_low_paid"] < 0.08
            assert region["mean_log_effect_all_employees"] <= region["mean_log_effect_low_paid"]


def test_truth_json_lists_every_parameter(root):
    truth = json.loads((root / "datasets" / "workshop" / "truth.json").read_text("utf-8"))
    assert truth["synthetic"] is True
    assert set(truth["parameters"]) == set(PARAMS)
    assert all(p["source"] and p["status"] for p in truth["parameters"].values())
    assert {"union_membership_intercept", "log_employees_location"} <= set(
        truth["solved_parameters"]
    )
    assert "calibration_achieved" in truth


def test_load_dataset_with_another_seed_differs_but_is_reproducible():
    a = load_dataset("workers", seed=7)
    b = load_dataset("workers", seed=7)
    pd.testing.assert_frame_equal(a, b)
    assert not a["weight"].equals(load_dataset("workers")["weight"])
    assert len(load_dataset("strikes_true")) > len(load_dataset("strikes"))


def test_bad_arguments_get_clear_errors(tmp_path, capsys):
    with pytest.raises(ValueError, match="scale 'regional' is not one of: workshop, national"):
        build(tmp_path, scale="regional")
    with pytest.raises(ValueError, match="seed must be a whole number of 0 or more"):
        generate("workshop", seed=-3)
    with pytest.raises(ValueError, match="seed must be a whole number of 0 or more"):
        build(tmp_path, seed=-1)
    with pytest.raises(ValueError, match="dataset 'wokers'"):
        load_dataset("wokers")
    with pytest.raises(ValueError, match="scale 'big'"):
        load_dataset("workers", scale="big")
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    assert main(["data", "build", "--out", str(blocker / "sub")]) == 2
    assert "cannot write to the output folder" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["data", "build", "--seed", "-1"])
    assert "seed must be 0 or more" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["data", "build", "--scale", "regional"])
    assert "invalid choice: 'regional'" in capsys.readouterr().err


def test_one_thread_and_two_threads_draw_the_same_data():
    """draw() makes the person records in a second thread; the data must not depend on it."""
    two = draw("workshop", DEFAULT_SEED, parallel=True)
    one = draw("workshop", DEFAULT_SEED, parallel=False)
    assert list(two.frames) == list(one.frames)
    for name in one.frames:
        pd.testing.assert_frame_equal(two.frames[name], one.frames[name], obj=name)
    assert two.effects == one.effects


def test_the_draw_log_holds_every_draw_of_both_threads():
    from lrkit.synth.random import count_variates

    with count_variates() as log:
        draw("workshop", DEFAULT_SEED)  # two threads share the log
    # one stream per generator: enterprises, agreements, strikes, registers, disputes, workers
    assert len(log.streams) == 6
    log.replay(check=True)  # raises unless each replayed stream ends where the real one did
    assert sorted(log.names) == sorted(
        ["enterprises", "agreements", "strikes", "strike-registers", "disputes", "workers"]
    )
    persons = [log.names.index("workers")]
    log.replay(check=True, streams=persons)  # the halves the benchmark replays in two threads
    log.replay(check=True, streams=[i for i in range(6) if i not in persons])
    with count_variates(record=False) as counted:
        draw("workshop", DEFAULT_SEED, parallel=False)
    assert counted.calls == [] and counted.variates == log.variates


def test_active_by_year_by_hand():
    from lrkit.synth.enterprises import active_by_year

    frame = pd.DataFrame(
        {
            "year_founded": [2018, 2020, 2015],
            "year_closed": pd.array([None, 2021, 2018], dtype="Int64"),  # None: still active
        }
    )
    expected = np.array(
        [
            [True, False, True],  # 2018: the third closed in 2018, so active part of it
            [True, True, False],  # 2021: the second's year of closure
            [True, False, False],  # 2022
        ]
    )
    np.testing.assert_array_equal(active_by_year(frame, [2018, 2021, 2022]), expected)


def test_encode_undoes_decode_and_names_unknown_values():
    from lrkit.synth.text import decode, encode

    labels = ["state", "domestic_private", "foreign_invested"]
    codes = np.array([2, 0, -1, 1, 2])
    np.testing.assert_array_equal(encode(decode(codes, labels), labels), codes)
    column = pd.Series(["state", "private", None, "FDI"], name="ownership")
    with pytest.raises(ValueError, match=r"column 'ownership' has values \['private', 'FDI'\]"):
        encode(column, labels)
