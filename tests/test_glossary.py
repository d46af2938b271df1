"""The glossary: data that the book renders and code can use (lrkit.reference.glossary)."""

from __future__ import annotations

import re
import unicodedata

import pytest

from lrkit.reference.glossary import (
    CATEGORIES,
    COLUMNS,
    VI_NOTES,
    also,
    load_glossary,
    lookup,
    translate,
)

# Tone marks placed as in the Labour Code and the rest of the kit: "hòa", "thỏa", "Hóa".
OLD_STYLE_ONLY = re.compile(r"(?:o[àáảãạ]|o[èéẻẽẹ]|u[ỳýỷỹỵ])(?![a-zà-ỹ])", re.IGNORECASE)
VIETNAMESE_LETTERS = re.compile(
    r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE
)


@pytest.fixture(scope="module")
def glossary():
    return load_glossary()


def test_at_least_a_hundred_terms_with_every_field(glossary):
    assert tuple(glossary.columns) == COLUMNS
    assert len(glossary) >= 100
    for column in ("term_en", "term_vi", "category", "definition"):
        assert (glossary[column].str.strip() != "").all(), column
    assert set(glossary["category"]) <= set(CATEGORIES)
    assert set(glossary["vi_note"]) <= set(VI_NOTES)


def test_definitions_are_one_line_sentences(glossary):
    for row in glossary.to_dict("records"):
        definition = row["definition"]
        assert "\n" not in definition and len(definition) <= 220, row["term_en"]
        assert definition[0].isupper() and definition.endswith("."), row["term_en"]


def test_terms_are_unique_in_both_languages(glossary):
    """A Sphinx glossary refuses two entries with the same term (case-insensitive)."""
    names = [
        n.casefold()
        for row in glossary.to_dict("records")
        for n in (row["term_en"], row["term_vi"], *also(row))
    ]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    assert not duplicates, duplicates


def test_vietnamese_is_nfc_with_diacritics_and_consistent_tone_marks(glossary):
    for column in ("term_vi", "term_en", "definition"):
        for text in glossary[column]:
            assert unicodedata.is_normalized("NFC", text), text
    with_letters = glossary["term_vi"].map(lambda t: bool(VIETNAMESE_LETTERS.search(t)))
    assert with_letters.mean() > 0.9  # terms written with their diacritics
    for term in glossary["term_vi"]:
        assert not OLD_STYLE_ONLY.search(term), f"{term}: write hòa/thỏa/Hóa as the kit does"
        assert not re.search(r"[A-Za-z]\?|\ufffd", term), term


def test_standard_terminology(glossary):
    assert translate("union density") == "tỷ lệ tham gia công đoàn"
    assert translate("collective agreement") == "thỏa ước lao động tập thể"
    assert translate("collective bargaining agreement") == "thỏa ước lao động tập thể"
    assert translate("grassroots trade union") == "công đoàn cơ sở"
    assert translate("strike") == "đình công"
    assert translate("survey weight") == "quyền số"
    assert translate("thỏa ước lao động tập thể", to="en") == "collective agreement"
    assert translate("TỶ LỆ THAM GIA CÔNG ĐOÀN", to="en") == "union density"


def test_every_category_is_on_the_glossary_page(root, glossary):
    page = (root / "book" / "reference" / "glossary.md").read_text("utf-8")
    shown = set(re.findall(r":category: (\w+)", page))
    assert shown == set(CATEGORIES) >= set(glossary["category"])


def test_unknown_terms_and_categories_are_refused():
    with pytest.raises(KeyError, match="not in the kit's glossary"):
        lookup("no such term")
    with pytest.raises(ValueError):
        translate("strike", to="fr")
    with pytest.raises(ValueError):
        load_glossary("sports")
    assert len(load_glossary("statistics")) >= 20
