"""lrkit.brief: changes with their margin of error, and exposure to a new minimum wage."""

import math

import pandas as pd
import pytest

from lrkit.brief import (
    DOWN,
    NO_CLEAR_CHANGE,
    UP,
    Change,
    change_between,
    describe_change,
    describe_minimum,
    minimum_after,
    minimum_wage_exposure,
    next_minimum_date,
)
from lrkit.data import load_dataset
from lrkit.ir_indicators import share_below_minimum_wage


def test_change_and_margin_by_hand():
    # se of the change = √(2² + 1.5²) = √6.25 = 2.5; margin = 1.96 × 2.5 ≈ 4.90
    up = Change(before=50.0, after=56.0, se_before=2.0, se_after=1.5)
    assert up.change == 6.0
    assert up.margin == pytest.approx(1.959964 * 2.5, abs=1e-5)
    assert up.verdict == UP  # 6 > 4.90
    assert Change(50.0, 44.5, 2.0, 1.5).verdict == DOWN  # −5.5, |−5.5| > 4.90
    assert Change(50.0, 54.0, 2.0, 1.5).verdict == NO_CLEAR_CHANGE  # 4 ≤ 4.90


def test_change_between_reads_a_table_by_year():
    table = pd.DataFrame({"year": [2024, 2025], "rate": [50.0, 56.0], "se": [2.0, 1.5]})
    assert change_between(table, 2024, 2025) == Change(50.0, 56.0, 2.0, 1.5)
    with pytest.raises(ValueError, match="one row for year 2023"):
        change_between(table, 2023, 2024)
    with pytest.raises(KeyError, match="se"):
        change_between(table.drop(columns="se"), 2024, 2025)


def test_sentences_typed_by_hand():
    change = Change(50.0, 56.0, 2.0, 1.5)
    assert describe_change(change, "Đồng Nai", 2024, 2025, "vi") == (
        "Tỷ lệ tham gia công đoàn ở Đồng Nai tăng từ 50,0% năm 2024 lên 56,0% năm 2025. "
        "Mức tăng 6,0 điểm phần trăm lớn hơn biên sai số (±4,9 điểm), nên khó có thể chỉ do "
        "sai số chọn mẫu."
    )
    flat = Change(50.0, 48.0, 2.0, 1.5)
    assert describe_change(flat, "Hải Phòng", 2024, 2025, "en") == (
        "Union density in Hải Phòng was 50.0% in 2024 and 48.0% in 2025. The difference of "
        "2.0 percentage points is within its margin of error (±4.9 points): the survey "
        "cannot tell whether density changed."
    )
    assert describe_minimum(11.04, 6.3, "Hải Phòng", 2025, "2026-01-01", "en") == (
        "If wages stayed at their 2025 level, 11.0% of wage workers in Hải Phòng would earn "
        "less than the new regional minimum wage from 1 January 2026, and a further 6.3% "
        "would earn less than 10% above it."
    )


def test_the_stated_change_is_the_difference_of_the_printed_rates():
    # 57.04 prints as 57.0 and 55.76 as 55.8: a reader subtracts 1.2, not the unrounded 1.28
    down = Change(before=57.04, after=55.76, se_before=0.1, se_after=0.1)
    sentence = describe_change(down, "Hải Phòng", 2024, 2025, "en")
    assert "57.0% in 2024 and 55.8% in 2025" in sentence or "57.0% in 2024 to 55.8%" in sentence
    assert "1.2 percentage points" in sentence and "1.3" not in sentence
    assert "Mức giảm 1,2 điểm" in describe_change(down, "Hải Phòng", 2024, 2025, "vi")


def test_the_next_minimum_follows_the_real_schedule():
    # Decree 293/2025/ND-CP from 1 January 2026; 74/2024 from 1 July 2024; 38/2022 from
    # 1 July 2022 (no rise in 2021): shared/domain-facts.md
    assert next_minimum_date(2025) == pd.Timestamp("2026-01-01")
    assert next_minimum_date(2023) == pd.Timestamp("2024-07-01")
    assert next_minimum_date(2020) == pd.Timestamp("2022-07-01")
    assert minimum_after(2025).to_dict() == {
        "I": 5_310_000,
        "II": 4_730_000,
        "III": 4_140_000,
        "IV": 3_700_000,
    }
    with pytest.raises(ValueError, match="no rise after 2026"):
        next_minimum_date(2026)


def _tiny() -> pd.DataFrame:
    """Six persons, one stratum, each their own PSU; worked out by hand below."""
    return pd.DataFrame(
        {
            "stratum": ["A"] * 6,
            "psu": [f"p{i}" for i in range(6)],
            "weight": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
            "status": ["employee"] * 4 + ["own_account", "employee"],
            "min_wage_region": ["I", "I", "I", "I", "I", "II"],
            "monthly_wage_vnd": pd.array(
                [5_000_000, 5_310_000, 5_800_000, 6_000_000, None, 4_700_000], dtype="Int64"
            ),
        }
    )


def test_exposure_by_hand():
    # new minimums (1 January 2026): region I 5,310,000 (110%: 5,841,000), II 4,730,000.
    # wage workers: weights 1, 2, 3, 4 (region I) and 6 (region II) = 16.
    # below: 5,000,000 (w 1) and 4,700,000 in region II (w 6) → 7/16 = 43.75%
    # near: 5,310,000 (w 2, equal to the minimum counts) and 5,800,000 (w 3) → 5/16 = 31.25%
    table = minimum_wage_exposure(_tiny(), "2026-01-01", strata=["stratum"])
    rates = table.set_index("measure")["rate"]
    assert rates["below"] == pytest.approx(43.75)
    assert rates["near"] == pytest.approx(31.25)
    assert set(table["n"]) == {5}
    by_region = minimum_wage_exposure(
        _tiny(), "2026-01-01", by="min_wage_region", strata=["stratum"]
    )
    below = by_region[by_region["measure"] == "below"].set_index("min_wage_region")["rate"]
    assert below["I"] == pytest.approx(10.0)  # 1 / (1 + 2 + 3 + 4)
    assert below["II"] == pytest.approx(100.0)
    with pytest.raises(ValueError, match="share between 0 and 1"):
        minimum_wage_exposure(_tiny(), "2026-01-01", near=10, strata=["stratum"])


def test_exposure_below_agrees_with_the_indicator():
    workers = load_dataset("workers")
    here = workers[(workers["province"] == "Đồng Nai") & (workers["year"] == 2025)]
    strata = ["year", "quarter", "stratum"]
    mine = minimum_wage_exposure(here, "2026-01-01").set_index("measure").loc["below"]
    on = pd.Series(pd.Timestamp("2026-01-01"), index=here.index)
    theirs = share_below_minimum_wage(here, on=on, strata=strata).iloc[0]
    assert mine["rate"] == pytest.approx(theirs["rate"], abs=1e-9)
    assert mine["se"] == pytest.approx(theirs["se"], abs=1e-9)
    assert not math.isnan(mine["ci_lower"])
