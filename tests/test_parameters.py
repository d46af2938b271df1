"""Notebook parameters: text from the command line is converted, bad values are named."""

import pytest

from lrkit.parameters import check_profile_parameters


def test_text_year_and_unaccented_province_are_accepted():
    params = check_profile_parameters("Dong Nai", "2024", "7")
    assert (params.province, params.year, params.seed) == ("Đồng Nai", 2024, 7)


def test_default_seed():
    assert check_profile_parameters("Hải Phòng", 2022).seed == 2025


def test_invalid_province_lists_valid_values():
    with pytest.raises(ValueError, match="Hồ Chí Minh City, Hải Phòng, Đồng Nai"):
        check_profile_parameters("Đà Nẵng", 2024)


def test_invalid_year_lists_valid_years():
    with pytest.raises(ValueError, match="2020, 2021, 2022, 2023, 2024, 2025"):
        check_profile_parameters("Hải Phòng", 2019)


@pytest.mark.parametrize("bad", ["twenty", 2024.5, True, None])
def test_year_must_be_a_whole_number(bad):
    with pytest.raises(TypeError, match="year must be a whole number"):
        check_profile_parameters("Hải Phòng", bad)


def test_negative_seed():
    with pytest.raises(ValueError, match="seed must be 0 or more"):
        check_profile_parameters("Hải Phòng", 2024, -1)
