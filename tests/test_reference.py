"""The real reference tables: minimum wage schedule and the 2025 provincial crosswalk.

Expected values are typed from the decrees as listed in shared/domain-facts.md.
"""

import pandas as pd
import pytest

from lrkit.reference.minimum_wage import minimum_in_force, monthly_minimum, monthly_minimum_for
from lrkit.reference.provinces import (
    PILOT_PROVINCES,
    ascii_name,
    crosswalk_2025,
    former_units,
    provinces_2025,
    provinces_pre2025,
    resolve_province,
)


@pytest.mark.parametrize(
    ("region", "on", "expected"),
    [
        ("I", "2018-01-01", 3_980_000),
        ("IV", "2019-06-30", 2_920_000),
        ("I", "2022-06-30", 4_420_000),  # the 2020 decree still applied
        ("I", "2022-07-01", 4_680_000),  # 38/2022 from 1 July 2022
        ("II", "2024-07-01", 4_410_000),
        ("III", "2025-12-31", 3_860_000),
        ("IV", "2026-01-01", 3_700_000),  # 293/2025
    ],
)
def test_monthly_minimum_follows_the_decrees(region, on, expected):
    assert monthly_minimum(region, on) == expected


def test_hourly_minimum_and_decree_of_2024():
    row = minimum_in_force("I", "2025-03-01")
    assert row["decree"] == "74/2024/ND-CP"
    assert row["hourly_vnd"] == 23_800


def test_vectorised_lookup_matches_scalar():
    regions = pd.Series(["I", "II", "IV", "III"])
    dates = pd.Series(pd.to_datetime(["2020-10-01", "2022-10-01", "2024-10-01", "2019-01-01"]))
    expected = [4_420_000, 4_160_000, 3_450_000, 3_250_000]
    assert monthly_minimum_for(regions, dates).tolist() == expected


def test_minimum_wage_errors_name_the_problem():
    with pytest.raises(ValueError, match="region 'V'"):
        monthly_minimum("V", "2024-01-01")
    with pytest.raises(ValueError, match="before the first decree"):
        monthly_minimum("I", "2017-12-31")


def test_crosswalk_has_63_old_and_34_new_units():
    table = crosswalk_2025()
    assert len(provinces_pre2025()) == 63 == table["province_pre2025"].nunique()
    assert len(provinces_2025()) == 34
    unchanged = table[table["province_pre2025"] == table["province_2025"]]
    # 11 kept their borders; 23 merged units kept the name of one of their parts.
    sizes = table.groupby("province_2025").size()
    assert (sizes == 1).sum() == 11
    assert len(unchanged) == 34


def test_pilot_provinces_absorbed_their_neighbours():
    assert former_units("Hồ Chí Minh City") == ["Hồ Chí Minh City", "Bình Dương", "Bà Rịa–Vũng Tàu"]
    assert former_units("Hải Phòng") == ["Hải Phòng", "Hải Dương"]
    assert former_units("Đồng Nai") == ["Đồng Nai", "Bình Phước"]


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("Hai Phong", "Hải Phòng"),
        ("  đồng   nai ", "Đồng Nai"),
        ("HCMC", "Hồ Chí Minh City"),
        ("TP. Hồ Chí Minh", "Hồ Chí Minh City"),
        ("Hải Phòng", "Hải Phòng"),
    ],
)
def test_resolve_province_accepts_common_spellings(typed, canonical):
    assert resolve_province(typed, allowed=PILOT_PROVINCES) == canonical


def test_resolve_province_lists_valid_names():
    with pytest.raises(ValueError, match="Hải Phòng, Đồng Nai") as error:
        resolve_province("Hà Nội", allowed=PILOT_PROVINCES)
    assert "'Hà Nội'" in str(error.value)
    assert resolve_province("Ha Noi") == "Hà Nội"


@pytest.mark.parametrize(
    ("typed", "current"),
    # from the 2025 merger list in shared/domain-facts.md
    [("Bình Dương", "Hồ Chí Minh City"), ("hai duong", "Hải Phòng"),
     ("Ba Ria-Vung Tau", "Hồ Chí Minh City")],
)
def test_a_merged_province_is_refused_with_the_unit_it_joined(typed, current):
    with pytest.raises(ValueError) as error:
        resolve_province(typed, allowed=PILOT_PROVINCES)
    message = str(error.value)
    assert f"merged into {current} on 1 July 2025" in message
    assert message.endswith(f"use {current!r}")


def test_a_province_merged_outside_the_pilots_names_its_unit_but_not_a_pilot():
    with pytest.raises(ValueError) as error:
        resolve_province("Quảng Nam", allowed=PILOT_PROVINCES)
    assert "Quảng Nam was merged into Đà Nẵng" in str(error.value)
    assert "; use" not in str(error.value)
    with pytest.raises(ValueError) as error:
        resolve_province("Hà Nội", allowed=PILOT_PROVINCES)
    assert "merged" not in str(error.value)  # Hà Nội kept its borders


def test_ascii_name():
    assert ascii_name("Đồng Nai") == "Dong Nai"
    assert ascii_name("Bà Rịa–Vũng Tàu") == "Ba Ria-Vung Tau"


def test_official_codes_of_the_provinces():
    from lrkit.reference.provinces import former_province_table, province_table

    former = former_province_table().set_index("province_pre2025")
    current = province_table().set_index("province_2025")
    assert former["code_pre2025"].is_unique and len(former) == 63
    assert current["code_2025"].is_unique and len(current) == 34
    assert former.loc["Hồ Chí Minh City", "code_pre2025"] == "79"
    assert former.loc["Bình Dương", "code_pre2025"] == "74"
    assert former.loc["Hải Dương", "code_pre2025"] == "30"
    assert current.loc["Hải Phòng", "code_2025"] == "31"
    assert current.loc["Lào Cai", "code_2025"] == "15"  # the code of Yên Bái, its new seat
    # every current code is the code of one of the units it was formed from
    for name, row in current.iterrows():
        assert row["code_2025"] in set(former.loc[former["province_2025"] == name, "code_pre2025"])
    assert (current["unit_type"] == "city").sum() == 6


def test_six_regions_and_the_straddling_units():
    from lrkit.reference.provinces import REGIONS, former_province_table, province_table

    counts = former_province_table()["region"].value_counts().to_dict()
    assert counts == {"RRD": 11, "NMM": 14, "NCC": 14, "CH": 5, "SE": 6, "MRD": 13}
    assert set(counts) == set(REGIONS)
    table = province_table().set_index("province_2025")
    straddling = set(table.index[table["region_status"] == "assumption"])
    assert straddling == {
        "Phú Thọ", "Bắc Ninh", "Quảng Ngãi", "Gia Lai", "Lâm Đồng", "Đắk Lắk", "Tây Ninh"
    }


def test_minimum_wage_table_and_array_lookup():
    import numpy as np

    from lrkit.reference.minimum_wage import (
        minimum_wage_table,
        monthly_minimum_array,
        previous_monthly_minimum_array,
    )

    table = minimum_wage_table()
    assert len(table) == 24
    row = table[(table["decree"] == "74/2024/ND-CP") & (table["region"] == "IV")].iloc[0]
    assert (row["previous_monthly_vnd"], row["rise_vnd"]) == (3_250_000, 200_000)
    dates = np.array(
        ["2022-06-30", "2022-07-01", "2024-07-01", "2018-05-01"], dtype="datetime64[D]"
    )
    regions = np.array([0, 0, 3, 1])
    expected = [4_420_000, 4_680_000, 3_450_000, 3_530_000]
    assert monthly_minimum_array(regions, dates).tolist() == expected
    previous = previous_monthly_minimum_array(regions, dates).tolist()
    assert previous == [4_180_000, 4_420_000, 3_250_000, 3_530_000]


def test_common_abbreviation_of_ho_chi_minh_city():
    assert resolve_province("TP.HCM") == "Hồ Chí Minh City"
