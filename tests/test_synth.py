"""The synthetic generator: reproducible bytes, integrity, and agreement with its truth.

Expected values come from the generator's known parameters (lrkit.synth.params) or from
the published facts in shared/domain-facts.md, never from the generator's own output.
"""

import hashlib
import json

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf

from lrkit.cli import main
from lrkit.data import load_dataset
from lrkit.synth import build, generate
from lrkit.synth.build import DATASETS, DEFAULT_SEED
from lrkit.synth.codebook import COLUMNS
from lrkit.synth.params import PARAMS, YEARS, value


@pytest.fixture(scope="module")
def data():
    return generate("workshop", DEFAULT_SEED)


def _sums(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_same_seed_same_bytes(tmp_path):
    build(tmp_path / "a", seed=11)
    build(tmp_path / "b", seed=11)
    assert _sums(tmp_path / "a") == _sums(tmp_path / "b")
    build(tmp_path / "c", seed=12)
    assert _sums(tmp_path / "a")["workers.csv"] != _sums(tmp_path / "c")["workers.csv"]


def test_committed_workshop_data_are_what_the_generator_makes(root, tmp_path):
    build(tmp_path, seed=DEFAULT_SEED)
    committed = root / "datasets" / "workshop"
    for name in DATASETS:
        # CSV and the documentation are plain text: byte for byte.
        assert (tmp_path / f"{name}.csv").read_bytes() == (committed / f"{name}.csv").read_bytes()
        # Parquet bytes carry the writer's version, so compare the content.
        pd.testing.assert_frame_equal(
            pd.read_parquet(tmp_path / f"{name}.parquet"),
            pd.read_parquet(committed / f"{name}.parquet"),
        )
    for name in ("truth.json", "codebook.md"):
        assert (tmp_path / name).read_text("utf-8") == (committed / name).read_text("utf-8")


def test_csv_has_a_bom_and_keeps_diacritics(root):
    raw = (root / "datasets" / "workshop" / "workers.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "Hải Phòng" in raw.decode("utf-8-sig")


def test_every_column_is_documented(data):
    for name, frame in data.items():
        assert list(frame.columns) == list(COLUMNS[name]), name


def test_keys_and_references(data):
    enterprises, workers, strikes = data["enterprises"], data["workers"], data["strikes"]
    assert enterprises["enterprise_id"].is_unique
    assert workers["person_id"].is_unique
    assert strikes["strike_id"].is_unique
    assert strikes["enterprise_id"].isin(enterprises["enterprise_id"]).all()
    assert (enterprises.loc[enterprises["has_agreement"], "has_union"]).all()


def test_no_impossible_values(data):
    workers, strikes, enterprises = data["workers"], data["strikes"], data["enterprises"]
    employees = workers["status"] == "employee"
    assert workers.loc[employees, "monthly_wage_vnd"].notna().all()
    assert workers.loc[~employees, "monthly_wage_vnd"].isna().all()
    assert not workers.loc[~employees, "covered_by_agreement"].any()
    assert workers["age"].between(15, 70).all()
    assert (workers["weight"] > 0).all()
    assert (enterprises["employees"] >= 1).all()
    assert enterprises["female_share"].between(0, 1).all()
    assert (strikes["end_date"] >= strikes["start_date"]).all()
    assert (strikes["start_date"].dt.year == strikes["year"]).all()
    assert (strikes["start_date"].dt.day_of_week < 5).all()  # stoppages start on working days
    staff = strikes.merge(enterprises, on="enterprise_id")["employees"]
    assert (strikes["workers_involved"].to_numpy() <= staff.to_numpy()).all()
    assert (
        strikes["days_not_worked"] == strikes["workers_involved"] * strikes["duration_workdays"]
    ).all()


def test_weights_sum_to_the_labour_force(data):
    totals = data["workers"].groupby(["province", "year"])["weight"].sum()
    for (province, _year), total in totals.items():
        assert total == pytest.approx(value("labour_force")[province], rel=1e-6)


def test_density_matches_the_true_parameters(data):
    """True density of employees = Σ ownership share × membership probability (with trend)."""
    workers = data["workers"]
    shares = value("employee_ownership_shares")
    base = value("union_membership_by_ownership")
    trend = value("annual_membership_trend")
    for year in (YEARS[0], YEARS[-1]):
        truth = sum(
            shares[o] / (1 + np.exp(-(np.log(base[o] / (1 - base[o])) + trend * (year - YEARS[0]))))
            for o in shares
        )
        rows = workers[(workers["year"] == year) & (workers["status"] == "employee")]
        estimate = (rows["weight"] * rows["union_member"]).sum() / rows["weight"].sum()
        # about 1,300 employees a year: a binomial standard error near 1.4 points
        assert estimate == pytest.approx(truth, abs=0.045)


def test_union_wage_premium_is_recovered(data):
    workers = data["workers"]
    employees = workers[workers["status"] == "employee"].copy()
    employees["log_ratio"] = np.log(
        employees["monthly_wage_vnd"].astype(float) / employees["min_wage_vnd"]
    )
    employees["member"] = employees["union_member"].astype(int)
    fit = smf.ols("log_ratio ~ member + C(employer_ownership) + C(education)", data=employees).fit()
    truth = value("union_wage_premium")
    assert abs(fit.params["member"] - truth) < 3 * fit.bse["member"]


def test_strikes_follow_the_published_pattern(data):
    strikes = data["strikes"]
    expected = sum(value("national_strikes_per_year").values()) * value("pilot_share_of_strikes")
    assert abs(len(strikes) - expected) < 4 * np.sqrt(expected)
    # 72-80%+ in foreign-invested firms; garment 28-53%; 72-90% in the South (domain facts)
    assert (strikes["ownership"] == "foreign_invested").mean() >= 0.72
    assert 0.28 <= (strikes["sector"] == "garment").mean() <= 0.53
    south = strikes["province"].isin(["Hồ Chí Minh City", "Đồng Nai"]).mean()
    assert 0.72 <= south <= 0.90
    assert strikes["led_by_union"].mean() < 0.10  # nearly all unofficial
    assert strikes["duration_workdays"].mean() == pytest.approx(2.4, abs=0.3)  # "2-3 days"


def test_truth_json_lists_every_parameter(root):
    truth = json.loads((root / "datasets" / "workshop" / "truth.json").read_text("utf-8"))
    assert truth["synthetic"] is True
    assert set(truth["parameters"]) == set(PARAMS)
    assert all(p["source"] and p["status"] for p in truth["parameters"].values())


def test_load_dataset_with_another_seed_differs_but_is_reproducible():
    a = load_dataset("workers", seed=7)
    b = load_dataset("workers", seed=7)
    pd.testing.assert_frame_equal(a, b)
    assert not a["weight"].equals(load_dataset("workers")["weight"])


def test_bad_arguments_get_clear_errors(tmp_path, capsys):
    with pytest.raises(ValueError, match="scale 'national' is not one of: workshop"):
        build(tmp_path, scale="national")
    with pytest.raises(ValueError, match="seed must be a whole number of 0 or more"):
        generate("workshop", seed=-3)
    with pytest.raises(ValueError, match="dataset 'wokers'"):
        load_dataset("wokers")
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    assert main(["data", "build", "--out", str(blocker / "sub")]) == 2
    assert "cannot write to the output folder" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["data", "build", "--seed", "-1"])
    assert "seed must be 0 or more" in capsys.readouterr().err
