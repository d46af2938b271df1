"""lrkit.labels: every message in both languages, numbers written the way each language does."""

import math
import re
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lrkit import labels, report
from lrkit.labels import (
    LANGUAGES,
    MESSAGES,
    MISSING,
    format_date,
    format_number,
    label,
    number,
    place_name,
    placeholders,
    t,
)


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_both_languages_and_the_same_placeholders(key):
    entry = MESSAGES[key]
    assert set(entry) == set(LANGUAGES), f"{key}: languages {sorted(entry)}"
    texts = [entry[lang] for lang in LANGUAGES]
    assert all(text.strip() == text and text for text in texts), f"{key}: empty or padded"
    assert placeholders(entry["en"]) == placeholders(entry["vi"]), key
    # the format specifications must agree too: "{rate:.1f}" in one language and
    # "{rate}" in the other would write the same number differently
    specs = [sorted(re.findall(r"\{(\w+)(:[^}]*)?\}", text)) for text in (entry["en"], entry["vi"])]
    assert specs[0] == specs[1], key
    for text in texts:
        assert unicodedata.normalize("NFC", text) == text, f"{key}: not NFC"


def test_sheet_names_fit_excel():
    for key in (k for k in MESSAGES if k.startswith("sheet.")):
        for lang in LANGUAGES:
            name = MESSAGES[key][lang]
            assert len(name) <= 31, (key, lang, name)
            assert not set(name) & set("[]:*?/\\"), (key, lang, name)


def test_vietnamese_texts_are_vietnamese():
    # a message left untranslated would be caught here: only proper names and codes may
    # read the same in both languages
    same = {k for k, v in MESSAGES.items() if v["en"] == v["vi"]}
    assert not same, same


def test_numbers_by_hand():
    # 1,234,567.891 to one decimal: 1,234,567.9 in English, 1.234.567,9 in Vietnamese
    assert number(1234567.891, "en") == "1,234,567.9"
    assert number(1234567.891, "vi") == "1.234.567,9"
    assert number(53.26, "vi") == "53,3"
    assert number(-3.04, "vi") == "-3,0"
    assert number(12345, "en", 0) == "12,345"
    assert number(12345, "vi", 0) == "12.345"
    assert number(0.5, "vi", 2) == "0,50"
    assert number(np.float64(2.25), "en", 2) == "2.25"
    assert number(1234.5, "vi", 1, grouping=False) == "1234,5"
    # years are whole numbers without a specification: never grouped
    assert format_number(2025, "vi") == "2025"
    assert format_number(np.int64(2025), "en") == "2025"
    for missing in (math.nan, None, pd.NA, np.nan):
        assert format_number(missing, "vi", ".1f") == MISSING
    with pytest.raises(ValueError, match="decimals"):
        number(1.0, "en", -1)
    with pytest.raises(TypeError, match="needs a number"):
        format_number("12", "en")


def test_a_sentence_in_both_languages_typed_by_hand():
    values = {"year": 2025, "rate": 53.21, "low": 46.0, "high": 60.25, "place": "Đồng Nai"}
    assert t("text.density", "en", **values) == (
        "In 2025, 53.2% of employees in Đồng Nai were trade union members "
        "(95% confidence interval: 46.0% to 60.2%)."
    )
    assert t("text.density", "vi", **values) == (
        "Năm 2025, 53,2% người làm công hưởng lương ở Đồng Nai là đoàn viên công đoàn "
        "(khoảng tin cậy 95%: từ 46,0% đến 60,2%)."
    )
    assert t("text.strikes", "vi", actions=1234, year=2025, not_led=87.6) == (
        "Sổ theo dõi ghi nhận 1.234 cuộc đình công trong năm 2025; 88% trong số đó không do "
        "công đoàn lãnh đạo."
    )


def test_errors_name_the_problem():
    with pytest.raises(KeyError, match="did you mean text.density"):
        t("text.densty", "en")
    with pytest.raises(ValueError, match="valid values: en, vi"):
        t("total", "fr")
    with pytest.raises(KeyError, match="needs a value for low"):
        t("text.coverage", "en", rate=1.0, high=2.0)


def test_labels_places_and_dates():
    assert label("cause", "tet_bonus", "vi") == "Thưởng Tết"
    assert label("channel", "court", "en") == "Court"
    assert place_name("Hồ Chí Minh City", "vi") == "Thành phố Hồ Chí Minh"
    assert place_name("Viet Nam", "vi") == "Việt Nam"
    # a name typed in decomposed Unicode still matches
    assert place_name(unicodedata.normalize("NFD", "Hồ Chí Minh City"), "en") == "Hồ Chí Minh City"
    assert place_name("Đồng Nai", "en") == "Đồng Nai"
    assert format_date("2026-01-01", "en") == "1 January 2026"
    assert format_date("2026-01-01", "vi") == "1/1/2026"


def test_every_category_of_the_data_has_a_label():
    from lrkit.data import load_dataset

    categories = {
        "ownership": report.OWNERSHIPS,
        "cause": report.CAUSES,
        "kind": report.KINDS,
        "channel": report.CHANNELS,
        "level": report.LEVELS,
        "region": ("I", "II", "III", "IV"),
    }
    for kind, codes in categories.items():
        for code in codes:
            for lang in LANGUAGES:
                assert label(kind, code, lang)
    strikes, disputes = load_dataset("strikes"), load_dataset("disputes")
    agreements = load_dataset("agreements")
    assert set(strikes["cause"]) <= set(report.CAUSES)
    assert set(strikes["ownership"]) <= set(report.OWNERSHIPS)
    assert set(disputes["kind"]) <= set(report.KINDS)
    assert set(disputes["channel"]) <= set(report.CHANNELS)
    assert set(agreements["level"]) <= set(report.LEVELS)


def test_every_message_the_code_asks_for_exists():
    root = Path(labels.__file__).parent
    asked = set()
    for module in ("report.py", "brief.py"):
        text = (root / module).read_text("utf-8")
        asked |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[\w.]+|total)["']""", text))
        asked |= set(re.findall(r"""self\.t\(\s*["']([\w.]+)["']""", text))
    assert asked, "no message ids found"
    assert asked <= set(MESSAGES), sorted(asked - set(MESSAGES))
