"""ILOSTAT bulk files (lrkit.ilostat) on hand-written fixtures in tests/data/.

The two Viet Nam values are real (ILR_TUMT_NOC_RT: 13.96 in 2012, 49.61 in 2018, see
shared/domain-facts.md); rows for ZZZ are invented (tests/data/README.md).
"""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lrkit.ilostat import (
    ILOSTAT_COLUMNS,
    ilostat_value,
    read_ilostat,
    to_ilostat,
    write_ilostat,
)

DATA = Path(__file__).parent / "data"


def test_full_file_keeps_the_layout_and_the_real_values():
    frame = read_ilostat(DATA / "ilostat_full.csv")
    assert tuple(frame.columns) == ILOSTAT_COLUMNS
    assert ilostat_value(frame, "union_density", 2012) == pytest.approx(13.96)
    assert ilostat_value(frame, "ILR_TUMT_NOC_RT", "2018") == pytest.approx(49.61)
    assert frame["obs_value"].dtype == "float64"
    invented = frame[frame["ref_area"] == "ZZZ"].set_index("indicator")
    assert invented.loc["ILR_TUMT_NOC_RT", "obs_status"] == "B"
    assert invented.loc["ILR_TUMT_NOC_RT", "note_indicator"] == "T1:test note"
    assert pd.isna(frame.loc[0, "source"])


def test_subset_extract_gets_the_missing_columns_empty():
    frame = read_ilostat(DATA / "ilostat_subset.csv")
    assert tuple(frame.columns) == ILOSTAT_COLUMNS
    assert frame["note_source"].isna().all()
    assert ilostat_value(frame, "union_density", 2018) == pytest.approx(49.61)


def test_label_columns_are_kept_beside_the_codes():
    frame = read_ilostat(DATA / "ilostat_with_labels.csv")
    assert list(frame.columns[: len(ILOSTAT_COLUMNS)]) == list(ILOSTAT_COLUMNS)
    assert "ref_area.label" in frame.columns
    assert frame.loc[0, "ref_area.label"] == "Viet Nam"
    assert frame.loc[0, "ref_area"] == "VNM"


def test_labels_only_file_is_an_error_unless_asked():
    with pytest.raises(KeyError, match=r"\['ref_area', 'indicator'\].*labels_as_codes=True"):
        read_ilostat(DATA / "ilostat_labels_only.csv")
    frame = read_ilostat(DATA / "ilostat_labels_only.csv", labels_as_codes=True)
    assert frame.loc[1, "ref_area"] == "Viet Nam"
    assert frame.loc[1, "obs_value"] == pytest.approx(49.61)


def test_missing_required_column_is_named():
    with pytest.raises(KeyError, match=r"required ILOSTAT column\(s\) \['time'\] missing"):
        read_ilostat(DATA / "ilostat_missing_required.csv")


def test_text_in_obs_value_is_an_error_naming_the_line():
    with pytest.raises(ValueError, match=r"line\(s\) \[3\].*'about fifty'"):
        read_ilostat(DATA / "ilostat_bad_value.csv")


def test_compressed_file_and_byte_order_mark(tmp_path):
    text = (DATA / "ilostat_subset.csv").read_text("utf-8")
    path = tmp_path / "extract.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8-sig") as f:
        f.write(text)
    frame = read_ilostat(path)
    assert ilostat_value(frame, "union_density", 2012) == pytest.approx(13.96)


def test_write_the_kit_indicators_and_read_them_back(tmp_path):
    estimates = pd.DataFrame(
        {
            "year": [2012, 2018, 2018, 2024],
            "indicator": ["union_density", "union_density", "bargaining_coverage", "union_density"],
            "rate": [13.9612, 49.6149, 30.0, 3.0],
            "flag": ["publish", "use with caution", "publish", "suppress"],
        }
    )
    layout = to_ilostat(estimates, time="year", caution_status="U", source="TEST:1")
    assert tuple(layout.columns) == ILOSTAT_COLUMNS
    assert len(layout) == 3  # the suppressed estimate is not written
    assert list(layout["indicator"]) == ["ILR_TUMT_NOC_RT", "ILR_TUMT_NOC_RT", "ILR_CBCT_NOC_RT"]
    assert list(layout["obs_value"]) == [13.96, 49.61, 30.0]
    assert list(layout["obs_status"].fillna("")) == ["", "U", ""]
    path = write_ilostat(layout, tmp_path / "vnm.csv")
    again = read_ilostat(path)
    assert ilostat_value(again, "union_density", 2018) == pytest.approx(49.61)
    assert again.loc[0, "ref_area"] == "VNM"
    assert again.loc[0, "time"] == "2012"


def test_to_ilostat_errors():
    estimates = pd.DataFrame({"year": [2018], "indicator": ["strike_rate"], "rate": [1.0]})
    with pytest.raises(ValueError, match=r"no ILOSTAT code for indicator\(s\) \['strike_rate'\]"):
        to_ilostat(estimates, time="year")
    with pytest.raises(KeyError, match=r"\['period'\]"):
        to_ilostat(estimates, time="period", indicator="union_density")
    with pytest.raises(ValueError, match="ref_area='Viet Nam'"):
        to_ilostat(estimates, time="year", indicator="union_density", ref_area="Viet Nam")
    with pytest.raises(TypeError, match="'rate' must be numeric"):
        to_ilostat(estimates.assign(rate="13.96"), time="year", indicator="union_density")
    with pytest.raises(ValueError, match="no value in 'rate'"):
        to_ilostat(estimates.assign(rate=np.nan), time="year", indicator="union_density")


def test_lookup_errors_name_what_was_asked():
    frame = read_ilostat(DATA / "ilostat_full.csv")
    with pytest.raises(LookupError, match="0 row.*'VNM'.*2020"):
        ilostat_value(frame, "union_density", 2020)
