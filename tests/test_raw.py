"""Raw deliveries: every fault in the ledger is really in the delivered file, and back."""

import io
import unicodedata

import pandas as pd
import pytest

from lrkit.data import load_dataset, load_error_ledger, raw_path
from lrkit.reference.provinces import provinces_2025, provinces_pre2025
from lrkit.synth.raw import RAW_FILES


@pytest.fixture(scope="module")
def ledger():
    return load_error_ledger()


def _read(path, encoding):
    text = path.read_bytes().decode(encoding)
    return pd.read_csv(io.StringIO(text), sep=";", dtype="str", keep_default_na=False)


@pytest.fixture(scope="module")
def files(root):
    folder = root / "datasets" / "workshop"
    return {path: _read(folder / path, spec["encoding"]) for path, spec in RAW_FILES.items()}


def test_every_cell_fault_is_where_the_ledger_says(ledger, files):
    cells = ledger[ledger["column"] != ""]
    assert len(cells) > 100
    for fault in cells.itertuples():
        frame = files[fault.file]
        encoding = RAW_FILES[fault.file]["encoding"]
        column = fault.column
        if encoding == "cp1258":  # the reader sees decomposed letters
            column = next(c for c in frame.columns if unicodedata.normalize("NFC", c) == column)
        delivered = frame.iloc[fault.row - 1][column]
        if encoding == "cp1258":
            delivered = unicodedata.normalize("NFC", delivered)
            assert delivered == unicodedata.normalize("NFC", fault.delivered_value), fault
        else:
            assert delivered == fault.delivered_value, fault


def test_province_spellings_come_back_to_a_real_name(ledger):
    spelt = ledger[ledger["fault_type"] == "province_spelling"]
    names = set(provinces_2025()) | set(provinces_pre2025())
    assert set(spelt["clean_value"]) <= names
    assert (spelt["clean_value"] != spelt["delivered_value"]).all()
    # five spellings: the canonical one and four others
    assert spelt.groupby(["file", "clean_value"])["delivered_value"].nunique().max() == 4


def test_duplicates_repeat_an_earlier_row(ledger, files):
    duplicates = ledger[ledger["fault_type"] == "duplicate_row"]
    assert len(duplicates) > 0
    for fault in duplicates.itertuples():
        frame = files[fault.file].drop(columns="STT")
        original = int(fault.delivered_value.removeprefix("duplicate of row "))
        assert frame.iloc[fault.row - 1].equals(frame.iloc[original - 1])


def test_the_same_strike_in_both_registers_is_listed(ledger):
    across = ledger[ledger["fault_type"] == "duplicate_across_registers"]
    linkage = load_dataset("strike_linkage")
    in_both = (linkage.groupby("true_strike_id")["register"].nunique() == 2).sum()
    assert len(across) == in_both > 0


def test_legacy_encoding_is_real_and_listed(root, ledger):
    data = raw_path("vgcl_strikes").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = data.decode("cp1258")
    assert "Hải Phòng" not in text  # decomposed tone marks until NFC-normalised
    assert "Hải Phòng" in unicodedata.normalize(
        "NFC", text
    ) or "Hải Dương" in unicodedata.normalize("NFC", text)
    file_level = ledger[ledger["fault_type"] == "legacy_encoding"]
    assert list(file_level["file"]) == ["raw/tld_ngung_viec.csv"]


def test_every_fault_type_is_injected(ledger):
    assert {
        "province_spelling", "swapped_day_month", "two_digit_year", "impossible_value",
        "missing_value", "duplicate_row", "padded_whitespace", "amount_in_thousands",
        "duplicate_across_registers", "legacy_encoding",
    } <= set(ledger["fault_type"])  # fmt: skip
    assert ledger["fault_id"].is_unique


def test_clean_dates_and_numbers_use_vietnamese_conventions(files):
    ministry = files["raw/bo_dinh_cong.csv"]
    assert ministry["Ngày bắt đầu"].str.fullmatch(r"\d{2}/\d{2}/\d{2,4}|").all()
    agreements = files["raw/so_thoa_uoc.csv"]
    assert (
        agreements["Mức lương thấp nhất (đồng)"].str.fullmatch(r"\d{1,3}(?:\.\d{3})+").mean() > 0.9
    )
