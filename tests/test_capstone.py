"""The Module 7 capstone pipeline: parameters, accounting, linkage, figures, outputs, reruns.

Expected values come from outside lrkit.capstone: counts read here with pandas from the raw
deliveries (datasets/workshop/raw), the error ledger and the generator's truth
(truth/strike_linkage.csv, truth.json); the impact estimate refitted with statsmodels; the
survey indicators from lrkit.ir_indicators called directly; small tables worked out by hand.
The whole pipeline runs three times, once per module (two runs in English, one through the
command line, for the byte-for-byte comparison, and one in Vietnamese).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import hashlib
import io
import json
import platform
import random
import re
import shutil
import unicodedata
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf

from lrkit import capstone
from lrkit.capstone import (
    CANNOT_TELL,
    LOWERED,
    RAISED,
    Accounting,
    CapstoneParameters,
    Step,
    check_accounting,
    check_capstone_parameters,
    checklist_markdown,
    environment,
    impact_sentence,
    impact_verdict,
    link,
    part_label,
    run_capstone,
    run_checks,
    stoppage_counts,
    stoppages_table,
    strikes_sentence,
    true_delivery_links,
    unmarked_briefs,
    verify_manifest,
)
from lrkit.cli import main
from lrkit.disclosure import MIN_COUNT, TOTAL, protect_frequency_table
from lrkit.impact import Estimate
from lrkit.ir_indicators import (
    bargaining_coverage_estimates,
    share_below_minimum_wage,
    union_density_estimates,
)
from lrkit.labels import t
from lrkit.linkage import Linkage

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "datasets" / "workshop"
PROVINCE, YEAR, RISE = "Đồng Nai", 2025, "2024-07-01"
STRATA = ["year", "quarter", "stratum"]
PILOTS = ("Hồ Chí Minh City", "Hải Phòng", "Đồng Nai")
#: register → (raw file, clean dataset, its id column, its date column, record prefix, encoding)
REGISTERS = {
    "ministry": ("raw/bo_dinh_cong.csv", "strikes.csv", "strike_id", "start_date", "M",
                 "utf-8-sig"),
    "vgcl": ("raw/tld_ngung_viec.csv", "strikes_vgcl.csv", "record_id", "reported_start_date",
             "V", "cp1258"),
}  # fmt: skip
DELIVERY = {"ministry": "ministry_strikes", "vgcl": "vgcl_strikes"}
ARGS = ["capstone", "run", "--province", PROVINCE, "--year", str(YEAR)]


# ------------------------------------------------------------------------------ references
@pytest.fixture(scope="module")
def ledger() -> pd.DataFrame:
    table = pd.read_csv(DATA / "truth" / "error_ledger.csv", dtype=str, keep_default_na=False)
    return table.assign(row=pd.to_numeric(table["row"], errors="coerce").astype("Int64"))


def _ledger_rows(ledger: pd.DataFrame, file: str, fault: str) -> set[int]:
    rows = ledger.loc[(ledger["file"] == file) & (ledger["fault_type"] == fault), "row"]
    return {int(r) for r in rows}


@pytest.fixture(scope="module")
def records(ledger) -> dict[str, pd.DataFrame]:
    """Every delivered row that is not a duplicate, with its true stoppage, from the truth.

    The generator writes a delivery from the clean dataset in order and inserts each
    duplicate right after its original (the ledger lists them), so the n-th row that is not
    a duplicate is the n-th record of strikes.csv (strikes_vgcl.csv). Rows with an
    impossible value (the ledger) are the ones a correct cleaning sets aside.
    """
    truth = pd.read_csv(DATA / "truth" / "strike_linkage.csv")
    out = {}
    for register, (raw, clean_file, id_column, date, prefix, encoding) in REGISTERS.items():
        delivered = pd.read_csv(DATA / raw, sep=";", encoding=encoding, dtype=str,
                                keep_default_na=False)  # fmt: skip
        duplicates = _ledger_rows(ledger, raw, "duplicate_row")
        rows = [int(r) for r in delivered["STT"] if int(r) not in duplicates]
        table = pd.read_csv(DATA / clean_file, parse_dates=[date])
        assert len(rows) == len(table)
        table = table.rename(columns={id_column: "record_id", date: "date"}).assign(
            row=rows, record=[f"{prefix}{r}" for r in rows]
        )
        # the alignment agrees with the ledger, which names the record of each faulty row
        named = ledger[(ledger["file"] == raw) & ledger["record_id"].str.match(r"[SV]\d")
                       & (ledger["fault_type"] != "duplicate_row")]  # fmt: skip
        by_row = dict(zip(table["row"], table["record_id"], strict=True))
        assert all(by_row[int(r)] == i for r, i in zip(named["row"], named["record_id"],
                                                       strict=True))  # fmt: skip
        table["kept"] = ~table["row"].isin(_ledger_rows(ledger, raw, "impossible_value"))
        ids = truth[truth["register"] == register][["record_id", "true_strike_id"]]
        out[register] = table.merge(ids, on="record_id", how="left", validate="1:1")
        assert out[register]["true_strike_id"].notna().all()
    return out


def _reached(records, province: str) -> dict[str, pd.DataFrame]:
    """The kept records of ``province`` (as it is since July 2025), by register."""
    return {r: t_[t_["kept"] & (t_["province"] == province)] for r, t_ in records.items()}


def _true_pairs(records, province: str | None = None) -> set[tuple[str, str]]:
    """True (ministry record, VGCL record) pairs: same true stoppage; in ``province``."""
    tables = _reached(records, province) if province else records
    pairs = tables["ministry"].merge(tables["vgcl"], on="true_strike_id")
    return set(zip(pairs["record_x"], pairs["record_y"], strict=True))


def _true_stoppages(records, province: str) -> pd.DataFrame:
    """Distinct true stoppages of the province: year (the ministry's date when it has one)."""
    tables = _reached(records, province)
    both = pd.concat([tables["ministry"].assign(register="ministry"),
                      tables["vgcl"].assign(register="vgcl")])  # fmt: skip
    both = both.sort_values("register", kind="stable")  # the ministry's record first
    out = both.groupby("true_strike_id").agg(
        year=("date", lambda d: d.iloc[0].year), registers=("register", "nunique"),
        first=("register", "first"),
    )  # fmt: skip
    out["registers"] = np.where(out["registers"] == 2, "both", out["first"])
    return out[["year", "registers"]]


@pytest.fixture(scope="module")
def workers() -> pd.DataFrame:
    return pd.read_parquet(DATA / "workers.parquet")


def _reference_dates(frame: pd.DataFrame) -> pd.Series:
    # the survey's reference day: the 15th of the middle month of the quarter
    return pd.to_datetime(
        pd.DataFrame({"year": frame["year"], "month": 3 * frame["quarter"] - 1, "day": 15})
    )


# ------------------------------------------------------------------------------ the runs
@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The pipeline run three times: API (en), command line (en) and API (vi)."""
    before = np.random.get_state()[1].tobytes(), random.getstate()
    api_dir = tmp_path_factory.mktemp("capstone-api-run")
    en = run_capstone(api_dir, PROVINCE, YEAR)
    after = np.random.get_state()[1].tobytes(), random.getstate()
    cli_dir = tmp_path_factory.mktemp("capstone-cli-run")
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        status = main([*ARGS, "--out", str(cli_dir)])
    vi = run_capstone(tmp_path_factory.mktemp("capstone-vi-run"), PROVINCE, YEAR, lang="vi")
    return {
        "en": en, "vi": vi, "cli": (status, stdout.getvalue(), stderr.getvalue(), cli_dir),
        "random_state_kept": before == after,
    }  # fmt: skip


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file()}  # fmt: skip


# ------------------------------------------------------------------------------ parameters
def test_parameters_are_normalised_and_give_the_rise_and_the_command():
    params = check_capstone_parameters("dong nai", "2024", None, "vi")
    truth_seed = json.loads((DATA / "truth.json").read_text("utf-8"))["seed"]
    assert (params.province, params.year, params.seed, params.lang) == (
        "Đồng Nai", 2024, truth_seed, "vi",
    )  # fmt: skip
    # the rise nearest the year, a tie (2023: one year from each) going to the earlier one
    rises = {y: check_capstone_parameters(PROVINCE, y).rise for y in range(2022, 2026)}
    # the rise of the year or of the year before: never one after the brief's year
    assert rises == {2022: "2022-07-01", 2023: "2022-07-01", 2024: "2024-07-01",
                     2025: "2024-07-01"}  # fmt: skip
    for early in (2020, 2021):  # in the survey data, but before the first rise they cover
        with pytest.raises(ValueError, match=f"year {early} is not a capstone year.*2022, 2023"):
            check_capstone_parameters(PROVINCE, early)
    assert check_capstone_parameters("Hai Phong", 2025, 7).command() == (
        'lrkit capstone run --province "Hải Phòng" --year 2025 --seed 7 --lang en --out <folder>'
    )


@pytest.mark.parametrize(
    ("arguments", "error", "words"),
    [
        ({"province": "Hà Nội"}, ValueError,
         ["province 'Hà Nội'", "Hồ Chí Minh City", "Hải Phòng", "Đồng Nai"]),
        ({"year": 2019}, ValueError, ["year 2019", "2020, 2021, 2022, 2023, 2024, 2025"]),
        ({"year": "twenty"}, TypeError, ["year must be a whole number", "'twenty'", "2020"]),
        ({"seed": -1}, ValueError, ["seed must be 0 or more, got -1"]),
        ({"seed": 2.5}, TypeError, ["seed must be a whole number, got 2.5"]),
        ({"lang": "fr"}, ValueError, ["lang 'fr'", "en, vi"]),
    ],
)  # fmt: skip
def test_bad_parameters_name_the_parameter_and_what_is_allowed(tmp_path, arguments, error, words):
    given = {"province": PROVINCE, "year": YEAR, "seed": None, "lang": "en"} | arguments
    with pytest.raises(error) as raised:
        check_capstone_parameters(**given)
    for word in words:
        assert word in str(raised.value), (word, str(raised.value))
    # run_capstone stops on the same error before it creates or writes anything
    out = tmp_path / "out"
    with pytest.raises(error, match=re.escape(words[0])):
        run_capstone(out, **given)
    assert not out.exists()


@pytest.fixture
def no_steps(monkeypatch):
    """Fail loudly if the pipeline's steps start: the checks must stop the run before."""

    def refuse(params):
        raise AssertionError("the steps ran although the output folder is unusable")

    monkeypatch.setattr(capstone, "run_steps", refuse)


def test_an_unusable_output_folder_stops_the_run_before_it_starts(tmp_path, no_steps, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(ValueError, match="out_dir .*a-file.* is a file, not a folder"):
        run_capstone(blocker)
    with pytest.raises(PermissionError, match="cannot write to out_dir .*a-file/sub"):
        run_capstone(blocker / "sub")
    for bad in (None, "", "  ", 3):
        with pytest.raises(TypeError, match="out_dir must be a folder name"):
            run_capstone(bad)
    assert main([*ARGS, "--out", str(blocker / "sub")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("lrkit: error: cannot write to out_dir")
    assert main([*ARGS, "--out", str(blocker)]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err
    assert blocker.read_text() == "not a folder"


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--year", "2030", "year '2030' is not in the workshop data; valid years: 2020, 2021, "
         "2022, 2023, 2024, 2025"),
        ("--year", "twenty", "year must be a whole number, got 'twenty'"),
        ("--province", "Hà Nội", "province 'Hà Nội' is not one of the valid names"),
        ("--lang", "fr", "lang 'fr' is not one of the valid values: en, vi"),
    ],
)  # fmt: skip
def test_cli_bad_value_prints_a_clear_error_and_exits_2(tmp_path, capsys, option, value, message):
    options = {"--province": PROVINCE, "--year": str(YEAR), "--out": str(tmp_path / "out")}
    options[option] = value
    assert main(["capstone", "run", *[word for pair in options.items() for word in pair]]) == 2
    captured = capsys.readouterr()
    assert f"lrkit: error: {message}" in captured.err
    assert "Traceback" not in captured.err and not (tmp_path / "out").exists()


def test_cli_negative_seed_is_refused_by_the_parser(tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        main([*ARGS, "--seed", "-1", "--out", str(tmp_path / "out")])
    assert stopped.value.code == 2
    assert "seed must be 0 or more, got -1" in capsys.readouterr().err


# ------------------------------------------------------------------------------ small tables
def test_sha256_and_frame_checksums():
    # the FIPS 180-2 test vector for "abc"
    assert capstone.sha256(b"abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )
    a = pd.DataFrame({"x": [1, 2], "y": ["a", "b"]})
    assert capstone.frame_sha256(a) == capstone.frame_sha256(a.copy())
    assert capstone.frame_sha256(a) != capstone.frame_sha256(a.assign(x=[1, 3]))
    assert capstone.frame_sha256(a) != capstone.frame_sha256(a.astype({"x": "float64"}))


def test_accounting_balances_only_when_received_is_kept_plus_set_aside():
    assert Accounting("s", "p", 10, 7, 3).balanced
    assert not Accounting("s", "p", 10, 7, 2).balanced
    table = capstone.accounting_table([Step("s", {}, [Accounting("s", "p", 4, 3, 1, "n")])])
    assert table.to_dict("records") == [
        {"step": "s", "part": "p", "received": 4, "kept": 3, "set_aside": 1, "note": "n"}
    ]


def test_true_delivery_links_read_the_ledger():
    ledger = pd.DataFrame({
        "fault_type": ["duplicate_across_registers", "duplicate_row",
                       "duplicate_across_registers"],
        "row": [7, 8, 3],
        "delivered_value": ["same stoppage as raw/bo_dinh_cong.csv row 12 (S00012)",
                            "duplicate of row 7", "same stoppage as raw/bo_dinh_cong.csv row 5"],
    })  # fmt: skip
    links = true_delivery_links(ledger)
    assert links.to_dict("list") == {"left_id": ["M12", "M5"], "right_id": ["V7", "V3"]}
    broken = ledger.assign(delivered_value="same stoppage, row unknown")
    with pytest.raises(ValueError, match="names no ministry row"):
        true_delivery_links(broken)


def test_stoppages_table_counts_a_linked_pair_once():
    # ministry M1 (2024) and M2 (2025); VGCL V1 (2024, the same stoppage as M1) and V2
    # (2025): one link → 2 + 2 − 1 = 3 stoppages: M1+V1 (both), M2 (ministry), V2 (vgcl)
    def register(ids, dates, workers):
        return pd.DataFrame({
            "record_id": ids, "year": [int(d[:4]) for d in dates], "province": PROVINCE,
            "start_date": pd.to_datetime(dates), "enterprise_name": ["A", "B"],
            "workers": workers, "duration": [2.0, 3.0],
        })  # fmt: skip

    left = register(["M1", "M2"], ["2024-03-01", "2025-01-10"], [100.0, 50.0])
    right = register(["V1", "V2"], ["2024-03-02", "2025-06-01"], [120.0, 40.0])
    links = pd.DataFrame({"left_id": ["M1"], "right_id": ["V1"], "score": [9.0]})
    linkage = Linkage(pd.DataFrame(), links, left.iloc[[1]], right.iloc[[1]])
    table = stoppages_table(linkage, left, right)
    # in order of start date: M1 (1 March 2024), M2 (10 January 2025), V2 (1 June 2025)
    assert table["stoppage_id"].tolist() == ["S0001", "S0002", "S0003"]
    assert table["registers"].tolist() == ["both", "ministry", "vgcl"]
    assert table["year"].tolist() == [2024, 2025, 2025]
    assert table["ministry_record"].fillna("-").tolist() == ["M1", "M2", "-"]
    assert table["vgcl_record"].fillna("-").tolist() == ["V1", "-", "V2"]
    assert table.loc[0, "ministry_workers"] == 100 and table.loc[0, "vgcl_workers"] == 120
    counts = stoppage_counts(table, 2023, 2025)
    assert counts.to_dict("index") == {
        2023: {"both": 0, "ministry": 0, "vgcl": 0},
        2024: {"both": 1, "ministry": 0, "vgcl": 0},
        2025: {"both": 0, "ministry": 1, "vgcl": 1},
    }


def test_the_verdict_reads_the_interval_not_the_sign():
    def estimate(b, low, high):
        return Estimate("DiD", b, 0.01, low, high)

    assert impact_verdict(estimate(0.05, 0.03, 0.07)) == RAISED
    assert impact_verdict(estimate(-0.05, -0.07, -0.03)) == LOWERED
    assert impact_verdict(estimate(0.05, -0.01, 0.11)) == CANNOT_TELL
    assert impact_verdict(estimate(0.04, 0.0, 0.08)) == CANNOT_TELL  # 0 is in the interval
    with pytest.raises(ValueError, match="no confidence interval"):
        impact_verdict(Estimate("DiD", 0.05))
    # effects in % with one decimal: 100 × 0.0534 = 5.3, 100 × 0.0212 = 2.1, 100 × 0.0856 = 8.6
    up = estimate(0.0534, 0.0212, 0.0856)
    assert "raised" in impact_sentence(up, RISE, "en") and "5.3%" in impact_sentence(up, RISE, "en")
    assert "2.1% to 8.6%" in impact_sentence(up, RISE, "en")
    assert "tăng khoảng 5,3%" in impact_sentence(up, RISE, "vi")
    down = estimate(-0.0534, -0.0856, -0.0212)
    assert "fell behind" in impact_sentence(down, RISE, "en")
    assert "about 5.3%" in impact_sentence(down, RISE, "en")
    none = estimate(0.0534, -0.0120, 0.1188)
    assert "cannot tell" in impact_sentence(none, RISE, "en")
    assert "chưa cho phép kết luận" in impact_sentence(none, RISE, "vi")


def test_the_strikes_sentence_says_only_what_disclosure_control_allows():
    params = check_capstone_parameters(PROVINCE, YEAR)

    def table(ministry, vgcl, both, distinct, split_shown, total_shown):
        rows = [("stoppages_ministry", ministry, split_shown), ("stoppages_vgcl", vgcl,
                split_shown), ("stoppages_both", both, split_shown),
                ("stoppages_distinct", distinct, total_shown)]  # fmt: skip
        return pd.DataFrame(rows, columns=["indicator", "value", "published"])

    # 12 + 9 − 6 = 15 distinct stoppages, every figure shown
    full = strikes_sentence(table(12, 9, 6, 15, True, True), params)
    for words in ("recorded 12 work stoppages", "register 9;", "6 were in both", "15 distinct"):
        assert words in full, (words, full)
    # the split is hidden: only the total, and none of the hidden counts
    total = strikes_sentence(table(8, 4, 3, 9, False, True), params)
    assert "9 distinct" in total and not re.search(r"\b[348]\b", total.replace("2025", ""))
    hidden = strikes_sentence(table(3, 2, 1, 4, False, False), params)
    assert "not published" in hidden and not re.search(r"\b[1-4]\b", hidden.replace("2025", ""))
    assert "Neither" in strikes_sentence(table(0, 0, 0, 0, True, True), params)


# ------------------------------------------------------------------------------ the pipeline
@pytest.mark.slow
def test_every_input_is_counted_and_hashed(runs, ledger):
    inputs = {i["name"]: i for i in runs["en"].manifest["inputs"]}
    files = {
        "ministry_strikes": "raw/bo_dinh_cong.csv", "vgcl_strikes": "raw/tld_ngung_viec.csv",
        "workers": "workers.parquet", "enterprises": "enterprises.parquet",
        "error_ledger": "truth/error_ledger.csv", "truth": "truth.json",
    }  # fmt: skip
    for name, relative in files.items():
        path = DATA / relative
        assert inputs[name]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest(), name
        assert inputs[name]["source"] == f"datasets/workshop/{relative}"
    rows = {
        "ministry_strikes": len(pd.read_csv(DATA / files["ministry_strikes"], sep=";")),
        "vgcl_strikes": len(pd.read_csv(DATA / files["vgcl_strikes"], sep=";",
                                        encoding="cp1258")),
        "workers": len(pd.read_parquet(DATA / "workers.parquet")),
        "enterprises": len(pd.read_parquet(DATA / "enterprises.parquet")),
        # the rows of the file that is hashed: the faults of every delivery
        "error_ledger": len(ledger),
        "truth": len(json.loads((DATA / "truth.json").read_text())["minimum_wage_rise_effects"]),
        "minimum_wage": len(pd.read_csv(ROOT / "src/lrkit/reference/minimum_wage.csv")),
    }  # fmt: skip
    assert {name: i["rows"] for name, i in inputs.items()} == rows
    assert all(re.fullmatch(r"[0-9a-f]{64}", i["sha256"]) for i in inputs.values())


@pytest.mark.slow
def test_the_cleaning_sets_aside_exactly_the_rows_the_ledger_says(runs, ledger):
    steps = runs["en"].steps
    written = pd.read_csv(runs["en"].out_dir / "data" / "set_aside.csv")
    for register, (raw, *_rest) in REGISTERS.items():
        name = DELIVERY[register]
        cleaning = steps["clean"].data["cleanings"][name]
        duplicates = _ledger_rows(ledger, raw, "duplicate_row")
        impossible = _ledger_rows(ledger, raw, "impossible_value")
        by_step = cleaning.set_aside.groupby("step")["row"].apply(set).to_dict()
        assert by_step == {"duplicates": duplicates, "impossible": impossible}
        mine = set(written.loc[written["delivery"] == name, "row"])
        assert mine == duplicates | impossible
        # the faults of the file, other than the duplicates across registers (left to linkage)
        faults = ledger[(ledger["file"] == raw)
                        & (ledger["fault_type"] != "duplicate_across_registers")]  # fmt: skip
        score = steps["clean"].data["scores"][name]
        assert score.found + score.missed == len(faults)
        assert (
            f"{score.found} of the {len(faults)} faults"
            in runs["en"].steps["brief"].data["markdown"]
        )


@pytest.mark.slow
def test_every_step_balances_and_its_counts_agree_with_the_raw_files(runs, ledger, records,
                                                                     workers):  # fmt: skip
    run = runs["en"]
    table = pd.read_csv(run.out_dir / "accounting.csv", keep_default_na=False)
    assert (table["received"] == table["kept"] + table["set_aside"]).all()
    got = {(r.step, r.part): (r.received, r.kept, r.set_aside) for r in table.itertuples()}
    expected = {}
    reached = _reached(records, PROVINCE)
    for register, (raw, *_rest) in REGISTERS.items():
        name = DELIVERY[register]
        delivered = len(records[register]) + len(_ledger_rows(ledger, raw, "duplicate_row"))
        aside = _ledger_rows(ledger, raw, "duplicate_row") | _ledger_rows(
            ledger, raw, "impossible_value"
        )
        kept = delivered - len(aside)
        assert kept == int(records[register]["kept"].sum())
        here = len(reached[register])
        expected |= {
            ("raw", name): (delivered, delivered, 0),
            ("clean", name): (delivered, kept, len(aside)),
            ("link", f"{name}: records of the province"): (kept, here, kept - here),
        }
    stoppages = _true_stoppages(records, PROVINCE)
    pairs = _true_pairs(records, PROVINCE)
    m, v = len(reached["ministry"]), len(reached["vgcl"])
    # the linkage is exact in Đồng Nai (see the linkage test): m + v − links stoppages
    expected[("link", "records → distinct stoppages")] = (m + v, len(stoppages), len(pairs))
    assert m + v - len(pairs) == len(stoppages)
    in_year = int((stoppages["year"] == YEAR).sum())
    expected[("indicators", "distinct stoppages of the province")] = (
        len(stoppages), in_year, len(stoppages) - in_year,
    )  # fmt: skip
    here = workers[(workers["province"] == PROVINCE) & (workers["year"] == YEAR)]
    employees = int((here["status"] == "employee").sum())
    expected[("indicators", "survey records of the province and year")] = (
        len(here), employees, len(here) - employees,
    )  # fmt: skip
    two = workers[(workers["year"] == 2024) & workers["quarter"].isin([2, 3])]
    paid = int(((two["status"] == "employee") & two["monthly_wage_vnd"].notna()).sum())
    part = f"survey records of the quarter before and of the rise {RISE}"
    expected[("impact", part)] = (len(two), paid, len(two) - paid)
    for name in ("workers", "enterprises"):
        n = len(pd.read_parquet(DATA / f"{name}.parquet"))
        expected[("raw", name)] = (n, n, 0)
    for key, value in expected.items():
        assert got[key] == value, key
    # each cleaning step received what the one before kept, and only two set rows aside
    for register, (raw, *_rest) in REGISTERS.items():
        name = DELIVERY[register]
        parts = table[table["part"].str.startswith(f"{name} / ")]
        assert (parts["received"].iloc[1:].to_numpy() == parts["kept"].iloc[:-1].to_numpy()).all()
        assert parts["received"].iloc[0] == got[("raw", name)][1]
        aside = dict(zip(parts["part"], parts["set_aside"], strict=True))
        assert aside.pop(f"{name} / duplicates") == len(_ledger_rows(ledger, raw, "duplicate_row"))
        assert aside.pop(f"{name} / impossible") == len(
            _ledger_rows(ledger, raw, "impossible_value")
        )
        assert set(aside.values()) == {0}
    assert set(got) - set(expected) == {("brief", "indicators")} | {k for k in got if " / " in k[1]}
    assert check_accounting(run.steps).passed


@pytest.mark.slow
def test_a_broken_accounting_row_or_hand_over_is_caught(runs):
    steps = runs["en"].steps
    part = "ministry_strikes: records of the province"

    def with_link(change):
        records = [change(a) if a.part == part else a for a in steps["link"].accounting]
        return {**steps, "link": Step("link", steps["link"].data, records)}

    unbalanced = check_accounting(with_link(lambda a: dataclasses.replace(a, kept=a.kept - 1)))
    assert not unbalanced.passed and f"link: {part}" in unbalanced.evidence
    # balanced, but it no longer receives what the cleaning kept
    lost = with_link(lambda a: dataclasses.replace(a, received=a.received - 1,
                                                   set_aside=a.set_aside - 1))  # fmt: skip
    broken = check_accounting(lost)
    assert not broken.passed and "clean: ministry_strikes → link" in broken.evidence


@pytest.mark.slow
@pytest.mark.parametrize("province", PILOTS)
def test_linkage_precision_and_recall_against_the_true_links(runs, records, province):
    steps = runs["en"].steps
    params = check_capstone_parameters(province, YEAR)
    linked = link(steps["clean"], steps["raw"], params)
    made = set(zip(linked.data["linkage"].links["left_id"],
                   linked.data["linkage"].links["right_id"], strict=True))  # fmt: skip
    truth = _true_pairs(records, province)
    quality = linked.data["quality"]
    correct = len(made & truth)
    assert (quality["links"], quality["true_links"], quality["correct"]) == (
        len(made), len(truth), correct,
    )  # fmt: skip
    assert quality["precision"] == pytest.approx(correct / len(made))
    assert quality["recall"] == pytest.approx(correct / len(truth))
    p, r = correct / len(made), correct / len(truth)
    assert quality["f1"] == pytest.approx(2 * p * r / (p + r))
    if province == PROVINCE:  # exact here: the accounting test relies on it
        assert made == truth
    # the truth the pipeline reads (the ledger) is the generator's linkage truth
    assert set(map(tuple, true_delivery_links(steps["raw"].data["ledger"]).to_numpy())) == (
        _true_pairs(records)
    )


@pytest.mark.slow
def test_linkage_quality_counts_a_wrong_and_a_missed_link(runs, records, monkeypatch):
    steps = runs["en"].steps
    truth = sorted(_true_pairs(records, PROVINCE))
    real = capstone.link_registers

    def one_wrong(left, right):
        # drop the true links (Ma, Va) and (Mb, Vb), add the wrong link (Ma, Vb)
        (ma, _va), (mb, vb) = truth[0], truth[1]
        linkage = real(left, right)
        links = linkage.links[~linkage.links["left_id"].isin([ma, mb])]
        wrong = pd.DataFrame({"left_id": [ma], "right_id": [vb], "score": [7.0]})
        links = pd.concat([links, wrong], ignore_index=True)
        return dataclasses.replace(linkage, links=links)

    monkeypatch.setattr(capstone, "link_registers", one_wrong)
    quality = link(steps["clean"], steps["raw"], check_capstone_parameters(PROVINCE, YEAR)).data[
        "quality"
    ]
    # 20 true pairs; made: 18 right + 1 wrong = 19 links → precision 18/19, recall 18/20
    assert (quality["links"], quality["correct"], quality["false_links"], quality["missed"]) == (
        19, 18, 1, 2,
    )  # fmt: skip
    assert quality["precision"] == pytest.approx(18 / 19)
    assert quality["recall"] == pytest.approx(0.9)


@pytest.mark.slow
def test_the_stoppage_table_agrees_with_the_true_stoppages(runs, records):
    steps = runs["en"].steps
    stoppages = steps["link"].data["stoppages"]
    truth = _true_stoppages(records, PROVINCE)
    assert len(stoppages) == len(truth) and stoppages["stoppage_id"].is_unique
    mine = pd.crosstab(truth["year"], truth["registers"]).reindex(
        index=range(2020, YEAR + 1), columns=["both", "ministry", "vgcl"], fill_value=0
    )
    protected = steps["indicators"].data["stoppages"]
    shown = protected.values.drop(index=TOTAL, columns=TOTAL)
    assert shown.to_numpy().tolist() == mine.to_numpy().tolist()
    assert protected.values.loc[TOTAL, TOTAL] == len(truth)
    both = stoppages[stoppages["registers"] == "both"]
    assert both["ministry_record"].notna().all() and both["vgcl_record"].notna().all()
    written = pd.read_parquet(runs["en"].out_dir / "data" / "stoppages.parquet")
    assert written["registers"].value_counts().to_dict() == (
        truth["registers"].value_counts().to_dict()
    )


@pytest.mark.slow
def test_the_indicators_agree_with_ir_indicators_and_the_registers(runs, workers, records):
    steps = runs["en"].steps
    table = pd.read_csv(runs["en"].out_dir / "indicators.csv").set_index("indicator")
    here = workers[(workers["province"] == PROVINCE) & (workers["year"] == YEAR)]
    here = here.reset_index(drop=True)
    direct = {
        "union_density": union_density_estimates(here, strata=STRATA),
        "bargaining_coverage": bargaining_coverage_estimates(here, strata=STRATA),
        "below_minimum": share_below_minimum_wage(here, on=_reference_dates(here),
                                                  strata=STRATA),
    }  # fmt: skip
    for code, frame in direct.items():
        row = frame.iloc[0]
        got = table.loc[code]
        for mine, theirs in (
            ("value", "rate"),
            ("se", "se"),
            ("ci_lower", "ci_lower"),
            ("ci_upper", "ci_upper"),
            ("cv_pct", "cv_pct"),
            ("n", "n"),
        ):
            assert got[mine] == pytest.approx(float(row[theirs]), rel=1e-9), (code, mine)
        assert got["flag"] == row["flag"]
        assert bool(got["published"]) == (row["flag"] != "suppress")
    # each year's density on its own equals the by-year estimate the chart draws
    by_year = steps["indicators"].data["density_by_year"].set_index("year")
    for year in range(2020, YEAR + 1):
        one = workers[(workers["province"] == PROVINCE) & (workers["year"] == year)]
        alone = union_density_estimates(one.reset_index(drop=True), strata=STRATA).iloc[0]
        assert by_year.loc[year, "rate"] == pytest.approx(alone["rate"], rel=1e-9)
        assert by_year.loc[year, "se"] == pytest.approx(alone["se"], rel=1e-9)
    # the register counts of the year, and what disclosure control lets through
    truth = _true_stoppages(records, PROVINCE)
    year = (
        truth[truth["year"] == YEAR]["registers"]
        .value_counts()
        .reindex(["both", "ministry", "vgcl"], fill_value=0)
    )
    counts = {"stoppages_ministry": year["both"] + year["ministry"],
              "stoppages_vgcl": year["both"] + year["vgcl"], "stoppages_both": year["both"],
              "stoppages_distinct": len(truth[truth["year"] == YEAR])}  # fmt: skip
    mine = pd.crosstab(truth["year"], truth["registers"]).reindex(
        index=range(2020, YEAR + 1), columns=["both", "ministry", "vgcl"], fill_value=0
    )
    hidden = protect_frequency_table(mine).hidden.loc[YEAR]
    for code, value in counts.items():
        assert table.loc[code, "value"] == value, code
        shown = not hidden[TOTAL] if code == "stoppages_distinct" else not hidden.any()
        assert bool(table.loc[code, "published"]) == shown, code
    # the brief's accounting: figures received, published and withheld
    record = next(a for a in steps["brief"].accounting if a.part == "indicators")
    published = sum(f.iloc[0]["flag"] != "suppress" for f in direct.values()) + sum(
        not hidden[TOTAL] if c == "stoppages_distinct" else not hidden.any() for c in counts
    )
    assert (record.received, record.kept, record.set_aside) == (7, published, 7 - published)


@pytest.mark.slow
def test_the_brief_shows_no_register_count_below_the_threshold(runs):
    markdown = runs["en"].steps["brief"].data["markdown"]
    title = t("capstone.table.strikes", "en", place=PROVINCE, first=2020, year=YEAR)
    block = markdown.split(title, 1)[1].split("\n\n")[1]
    cells = [c.strip() for line in block.splitlines()[2:] for c in line.strip("|").split("|")[1:]]
    numbers = [int(c.replace(",", "")) for c in cells if c != "x"]
    assert "x" in cells and numbers and not [n for n in numbers if 0 < n < MIN_COUNT]


@pytest.mark.slow
def test_the_impact_estimate_agrees_with_statsmodels_and_truth_json(runs, workers):
    got = pd.read_csv(runs["en"].out_dir / "impact.csv").iloc[0]
    schedule = pd.read_csv(ROOT / "src/lrkit/reference/minimum_wage.csv")
    new = schedule[schedule["effective_from"] == RISE].set_index("region")["monthly_vnd"]
    paid = workers[(workers["status"] == "employee") & workers["monthly_wage_vnd"].notna()]
    # the rise of 1 July 2024 is first seen in 2024 Q3 (reference day 15 August): k = 0
    data = paid[(paid["year"] == 2024) & paid["quarter"].isin([2, 3])].copy()
    wage = data["monthly_wage_vnd"].astype(float)
    data["log_wage"] = np.log(wage)
    data["exposed"] = (wage < 1.1 * data["min_wage_region"].map(new)).astype(int)
    data["post"] = (data["quarter"] == 3).astype(int)
    fit = smf.wls("log_wage ~ exposed * post", data=data, weights=data["weight"]).fit(
        cov_type="cluster", cov_kwds={"groups": pd.factorize(data["psu"])[0]}
    )
    low, high = fit.conf_int().loc["exposed:post"]
    assert got["estimate"] == pytest.approx(fit.params["exposed:post"], rel=1e-9)
    assert got["se"] == pytest.approx(fit.bse["exposed:post"], rel=1e-9)
    assert (got["ci_lower"], got["ci_upper"]) == pytest.approx((low, high), rel=1e-9)
    assert (got["n"], got["clusters"]) == (len(data), data["psu"].nunique())
    # the truth: the generator's per-region effects on the low paid, pooled with the
    # survey weights of the rise quarter (truth.json)
    effects = json.loads((DATA / "truth.json").read_text("utf-8"))
    effects = effects["minimum_wage_rise_effects"][RISE]
    rise_quarter = data[data["quarter"] == 3]
    assert rise_quarter.groupby("min_wage_region").size().to_dict() == {
        r: e["employees_in_sample"] for r, e in effects.items()
    }
    totals = rise_quarter.groupby("min_wage_region")["weight"].sum()
    truth = sum(totals[r] * e["share_low_paid"] * e["mean_log_effect_low_paid"]
                for r, e in effects.items()) / sum(totals[r] * e["share_low_paid"]
                                                   for r, e in effects.items())  # fmt: skip
    assert got["truth"] == pytest.approx(truth, rel=1e-12)
    assert got["error"] == pytest.approx(fit.params["exposed:post"] - truth, rel=1e-9)
    assert bool(got["ci_covers_truth"]) == (low <= truth <= high)
    assert bool(got["ci_covers_zero"]) == (low <= 0 <= high)
    assert got["verdict"] == (RAISED if low > 0 else LOWERED if high < 0 else CANNOT_TELL)


# ------------------------------------------------------------------------------ the outputs
@pytest.mark.slow
def test_the_run_writes_the_brief_checklist_and_manifest(runs):
    run = runs["en"]
    files = _files(run.out_dir)
    assert set(files) == set(run.files) == {
        "brief.md", "brief.html", "brief-chart.png", "checklist.md", "manifest.json",
        "indicators.csv", "impact.csv", "accounting.csv", "data/set_aside.csv",
        "data/clean_ministry_strikes.parquet", "data/clean_vgcl_strikes.parquet",
        "data/stoppages.parquet",
    }  # fmt: skip
    assert files["brief-chart.png"].startswith(b"\x89PNG\r\n\x1a\n")
    manifest = json.loads(files["manifest.json"])
    listed = {o["path"]: o for o in manifest["outputs"]}
    assert set(listed) == set(files) - {"manifest.json"}
    for path, entry in listed.items():
        assert entry["sha256"] == hashlib.sha256(files[path]).hexdigest(), path
        assert entry["bytes"] == len(files[path])
    seed = json.loads((DATA / "truth.json").read_text("utf-8"))["seed"]
    assert manifest["parameters"] == {
        "province": PROVINCE,
        "year": YEAR,
        "seed": seed,
        "lang": "en",
        "scale": "workshop",
        "rise": RISE,
    }
    assert manifest["environment"]["python"] == platform.python_version()
    for name, version in manifest["environment"]["packages"].items():
        assert version == metadata.version(name), name
    assert manifest["steps"] == ["raw", "clean", "link", "indicators", "impact", "brief"]
    checklist = files["checklist.md"].decode("utf-8")
    ticked = re.findall(r"^- \[x\] \*\*(.+?)\.\*\*", checklist, flags=re.M)
    assert ticked == [c["name"] for c in manifest["checks"]] and len(ticked) == 7
    assert "- [ ]" not in checklist and "All checks passed." in checklist
    assert run.passed and runs["random_state_kept"]
    # the clean registers written hold the rows kept
    for name in DELIVERY.values():
        written = pd.read_parquet(run.out_dir / "data" / f"clean_{name}.parquet")
        kept = run.steps["clean"].data["cleanings"][name].kept
        assert written["row"].tolist() == kept["row"].tolist()


@pytest.mark.slow
def test_the_cli_run_exits_0_and_prints_the_checklist(runs):
    status, out, err, folder = runs["cli"]
    assert status == 0, err
    for name in (
        "Seeded",
        "Inputs hashed",
        "Outputs re-created identically",
        "Row accounting balances",
        "Marked synthetic",
        "Disclosure control applied",
    ):
        assert f"[x] {name}" in out
    assert f"brief: {folder / 'brief.html'}" in out and "[ ]" not in out


@pytest.mark.slow
def test_two_runs_in_two_folders_give_the_same_bytes_and_no_folder_or_date(runs, ledger):
    first, second = runs["en"].out_dir, runs["cli"][3]
    a, b = _files(first), _files(second)
    assert sorted(a) == sorted(b)
    assert [p for p in a if a[p] != b[p]] == []
    today = datetime.date.today()
    stamps = [
        today.isoformat(),
        today.strftime("%d/%m/%Y"),
        today.strftime("%Y%m%d"),
        f"{today.day} {today:%B %Y}",
        f"{today.day}/{today.month}/{today.year}",
    ]
    inputs = b"".join((DATA / f[0]).read_bytes() for f in REGISTERS.values())
    for folder, files in ((first, a), (second, b)):
        for path, data in files.items():
            for text in (str(folder), folder.name, str(folder.parent)):
                assert text.encode() not in data, (path, text)
            for stamp in stamps:  # a date found in the inputs would be data, not a stamp
                assert stamp.encode() not in data or stamp.encode() in inputs, (path, stamp)
    # the PNG carries no time chunk (tIME) and no creation-time text
    chunks = _png_chunks(a["brief-chart.png"])
    assert b"tIME" not in [kind for kind, _ in chunks]
    keys = [data.split(b"\0", 1)[0] for kind, data in chunks if kind in (b"tEXt", b"iTXt")]
    assert not [k for k in keys if b"time" in k.lower() or b"date" in k.lower()]


def _png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """The (type, data) of each chunk of a PNG file (length, type, data, CRC)."""
    chunks, position = [], 8
    while position < len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        chunks.append(
            (data[position + 4 : position + 8], data[position + 8 : position + 8 + length])
        )
        position += 12 + length
    return chunks


@pytest.mark.slow
def test_verify_manifest_finds_a_changed_byte_and_a_missing_file(runs, tmp_path):
    folder = tmp_path / "copy"
    shutil.copytree(runs["en"].out_dir, folder)
    assert verify_manifest(folder) == []
    for relative in ("brief.md", "data/stoppages.parquet", "brief-chart.png"):
        path = folder / relative
        original = path.read_bytes()
        middle = len(original) // 2
        path.write_bytes(original[:middle] + bytes([original[middle] ^ 1]) + original[middle + 1 :])
        assert verify_manifest(folder) == [relative]
        path.write_bytes(original)
    assert verify_manifest(folder) == []
    (folder / "indicators.csv").unlink()
    assert verify_manifest(folder) == ["indicators.csv"]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_brief_is_marked_synthetic_in_its_language(runs, workers, lang):
    run = runs[lang]
    markdown = (run.out_dir / "brief.md").read_text("utf-8")
    page = (run.out_dir / "brief.html").read_text("utf-8")
    banner = {"en": "SYNTHETIC DATA, FOR TRAINING ONLY",
              "vi": "DỮ LIỆU MÔ PHỎNG, CHỈ DÙNG CHO ĐÀO TẠO"}[lang]  # fmt: skip
    blocks = [b for b in markdown.split("\n\n") if b.strip()]
    assert banner in blocks[1] and banner in blocks[-1]
    assert f'<html lang="{lang}">' in page and "[SYNTHETIC]</title>" in page
    body = page.split("<body>", 1)[1]
    assert banner in body.split("<h2", 1)[0] and banner in body.rsplit("</table>", 1)[1]
    title = {
        "en": "# Labour relations in Đồng Nai, 2025: a policy brief",
        "vi": "# Quan hệ lao động ở Đồng Nai năm 2025: bản tóm tắt chính sách",
    }[lang]
    assert blocks[0] == title
    # the density of the year, computed here, in the language's number format
    here = workers[(workers["province"] == PROVINCE) & (workers["year"] == YEAR)]
    rate = union_density_estimates(here.reset_index(drop=True), strata=STRATA)["rate"].iloc[0]
    shown = f"{rate:.1f}%" if lang == "en" else f"{rate:.1f}%".replace(".", ",")
    assert shown in markdown
    for text in (markdown, page):
        assert unicodedata.is_normalized("NFC", text)
        assert not [bad for bad in ("\ufffd", "Ä", "á»", "Ã") if bad in text]
    if lang == "vi":
        for words in (
            "Thông điệp chính",
            "người làm công hưởng lương",
            "Tổng Liên đoàn",
            "ngừng việc tập thể",
            "khoảng tin cậy 95%",
        ):
            assert words in markdown, words
        assert "Key messages" not in markdown and "confidence interval" not in markdown
        # the accounting table (Table 4) too: no step or part left under its English name
        table = markdown.split("| Bước |", 1)[1].split("\n\n", 1)[0]
        for english in ("ministry_strikes", "vgcl_strikes", "records of the province",
                        "distinct stoppages", "survey records", "| raw |", "| clean |"):
            assert english not in table, english  # fmt: skip
        assert "tiếp nhận (raw)" in table and "sổ theo dõi đình công của Bộ" in table
    assert unmarked_briefs({"brief.md": markdown.encode(), "brief.html": page.encode()},
                           lang) == []  # fmt: skip


@pytest.mark.slow
def test_a_brief_without_its_banner_is_not_marked_synthetic(runs):
    run = runs["en"]
    markdown = (run.out_dir / "brief.md").read_bytes()
    page = (run.out_dir / "brief.html").read_bytes()
    closing = b"\n\n> **SYNTHETIC DATA, FOR TRAINING ONLY**\n"
    assert markdown.endswith(closing)
    # the word "synthetic" is still in several sentences: it is not a banner
    cut = markdown[: -len(closing)] + b"\n"
    assert b"synthetic data" in cut
    assert unmarked_briefs({"brief.md": cut, "brief.html": page}, "en") == ["brief.md"]
    opening = markdown.replace(b"> **SYNTHETIC DATA, FOR TRAINING ONLY.** ", b"> ", 1)
    assert unmarked_briefs({"brief.md": opening, "brief.html": page}, "en") == ["brief.md"]
    untitled = page.replace(b" [SYNTHETIC]</title>", b"</title>")
    assert unmarked_briefs({"brief.md": markdown, "brief.html": untitled}, "en") == ["brief.html"]
    # the Vietnamese banner is needed in a Vietnamese brief
    assert unmarked_briefs({"brief.md": markdown, "brief.html": page}, "vi") == [
        "brief.md", "brief.html",
    ]  # fmt: skip


# ------------------------------------------------------------------------------ the checklist
@pytest.mark.slow
def test_a_failing_check_leaves_its_box_unticked(runs):
    run = runs["en"]
    steps, params = run.steps, run.params
    outputs = {p: d for p, d in _files(run.out_dir).items()
               if p not in ("checklist.md", "manifest.json")}  # fmt: skip
    inputs = steps["raw"].data["inputs"]
    env = environment()
    assert all(c.passed for c in run_checks(params, steps, outputs, dict(outputs), inputs, True,
                                            env))  # fmt: skip
    stamped = {**outputs, "brief.md": outputs["brief.md"] + b"Made at 10:42:07.\n"}
    changed = [dataclasses.replace(inputs[0], sha256="0" * 64), *inputs[1:]]
    banner = b"SYNTHETIC DATA, FOR TRAINING ONLY"
    unbannered = {**outputs, "brief.md": outputs["brief.md"].replace(banner, b"")}
    cases = {
        "Outputs re-created identically": dict(again=stamped),
        "Seeded": dict(random_state_kept=False),
        "Inputs hashed": dict(inputs_again=changed),
        "Environment recorded": dict(env={**env, "packages": {**env["packages"], "scipy": ""}}),
        "Marked synthetic": dict(outputs=unbannered, again=dict(unbannered)),
    }  # fmt: skip
    for name, change in cases.items():
        arguments = dict(outputs=outputs, again=dict(outputs), inputs_again=inputs,
                         random_state_kept=True, env=env) | change  # fmt: skip
        checks = run_checks(params, steps, **arguments)
        assert [c.name for c in checks if not c.passed] == [name]
        checklist = checklist_markdown(params, checks)
        assert f"- [ ] **{name}.**" in checklist and checklist.count("- [x]") == 6
        assert "SOME CHECKS FAILED." in checklist and "All checks passed." not in checklist
    failed = run_checks(params, steps, outputs, stamped, inputs, True, env)
    assert "Different: brief.md." in next(c.evidence for c in failed if not c.passed)


@pytest.mark.slow
def test_the_cli_exits_1_when_a_step_draws_unseeded_random_numbers(
    runs, tmp_path, monkeypatch, capsys
):
    steps = runs["en"].steps

    def careless(params: CapstoneParameters):
        np.random.random()  # an unseeded draw from numpy's global generator
        return steps  # the steps already run: the outputs themselves do not change

    monkeypatch.setattr(capstone, "run_steps", careless)
    out = tmp_path / "careless"
    assert main([*ARGS, "--out", str(out)]) == 1
    printed = capsys.readouterr().out
    assert "[ ] Seeded" in printed and printed.count("[x] ") == 6
    checklist = (out / "checklist.md").read_text("utf-8")
    assert "- [ ] **Seeded.**" in checklist and "random states unchanged: False" in checklist
    assert "SOME CHECKS FAILED." in checklist
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert {c["name"]: c["passed"] for c in manifest["checks"]}["Seeded"] is False
    assert verify_manifest(out) == []


def test_an_accounting_part_without_a_name_in_the_brief_is_an_error():
    assert part_label("records → distinct stoppages", "en").startswith("records of both")
    assert part_label(
        "survey records of the quarter before and of the rise 2024-07-01", "vi"
    ).endswith("1/7/2024")
    with pytest.raises(KeyError, match="no name for the accounting part 'a new part'"):
        part_label("a new part", "vi")


@pytest.mark.slow
@pytest.mark.parametrize("province, year", [("Hải Phòng", 2024), ("Hải Phòng", 2022),
                                            ("Đồng Nai", 2024), ("Đồng Nai", 2025)])  # fmt: skip
def test_table_4_never_prints_a_count_that_table_1_hides(province, year):
    import lrkit.capstone as capstone

    params = check_capstone_parameters(province, year, lang="en")
    steps = capstone.run_steps(params)
    markdown = steps["brief"].data["markdown"]
    stoppages = steps["link"].data["stoppages"]
    in_year = int((stoppages["year"] == year).sum())  # the year's distinct stoppages
    key_row = next(line for line in markdown.splitlines()
                   if line.startswith("| Distinct work stoppages"))  # fmt: skip
    row4 = next(line for line in markdown.splitlines()
                if "| distinct stoppages of the province, all years |" in line)  # fmt: skip
    cells4 = [c.strip() for c in row4.strip("|").split("|")]
    if key_row.split("|")[2].strip() == "x":  # Table 1 hides the year's count ...
        assert cells4[2:] == ["x", "x", "x"], row4  # ... so Table 4 must hide it too
        assert str(in_year) not in cells4
        assert capstone._hidden_leaks(steps, params) == []
    else:
        assert cells4[3] == str(in_year), row4
    if province == "Hải Phòng" and year == 2024:  # a year whose count Table 1 hides
        assert key_row.split("|")[2].strip() == "x"


@pytest.mark.slow
def test_the_disclosure_check_fails_when_table_4_prints_a_hidden_count(monkeypatch):
    import lrkit.capstone as capstone

    params = check_capstone_parameters("Hải Phòng", 2024, lang="en")
    steps = capstone.run_steps(params)
    monkeypatch.setattr(capstone, "_REGISTER_PARTS", {})  # nothing masked any more
    assert capstone._hidden_leaks(steps, params) == [
        "Table 4 prints the year's number of stoppages that Table 2 hides"
    ]
