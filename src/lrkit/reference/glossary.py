"""The kit's glossary of labour relations and statistics terms, English ↔ Vietnamese.

The terms live in ``glossary.csv`` beside this file (UTF-8, NFC), one row per term:

``term_en``
    the English term, as the book uses it;
``also_en``
    other English names, separated by ``;`` (for example ``industrial relations; IR``);
``term_vi``
    the Vietnamese term, with its diacritics;
``vi_note``
    empty when the Vietnamese term is the one in established use (in the law, the statistics
    office's publications or the ILO's Vietnamese texts); ``descriptive`` when it is a
    translation that describes the concept and no fixed term was confirmed; ``unconfirmed``
    for a name that could not be checked;
``category``
    one of :data:`CATEGORIES`;
``definition``
    a one-line definition in English.

The book renders it on its glossary page (``{lrkit-glossary}``); code can use
:func:`load_glossary`, :func:`translate` and :func:`lookup`, for example to label a chart in
Vietnamese.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib import resources

import pandas as pd

COLUMNS = ("term_en", "also_en", "term_vi", "vi_note", "category", "definition")
VI_NOTES = ("", "descriptive", "unconfirmed")

#: Category key → heading on the glossary page, in page order.
CATEGORIES: dict[str, str] = {
    "actors": "Actors and institutions",
    "relations": "Unions, bargaining and disputes",
    "law": "Law, rights and standards",
    "labour_market": "Employment, wages and enterprises",
    "statistics": "Surveys and statistics",
    "data": "Data management and confidentiality",
    "analysis": "Analysis and impact evaluation",
}


@cache
def _table() -> pd.DataFrame:
    path = resources.files("lrkit.reference") / "glossary.csv"
    with resources.as_file(path) as file:
        table = pd.read_csv(file, dtype="str", keep_default_na=False, encoding="utf-8")
    if tuple(table.columns) != COLUMNS:
        raise ValueError(
            f"glossary.csv must have the columns {COLUMNS}, has {tuple(table.columns)}"
        )
    return table


def load_glossary(category: str | None = None) -> pd.DataFrame:
    """Return the glossary as a data frame (a copy), optionally one category only."""
    table = _table()
    if category is not None:
        if category not in CATEGORIES:
            raise ValueError(f"category {category!r} is not one of: {', '.join(CATEGORIES)}")
        table = table[table["category"] == category]
    return table.reset_index(drop=True).copy()


def also(row: pd.Series | dict) -> list[str]:
    """Return the other English names of a glossary row."""
    return [t.strip() for t in str(row["also_en"]).split(";") if t.strip()]


def _key(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip().casefold()


def lookup(term: str) -> dict[str, str]:
    """Return the glossary row of ``term`` (English, another English name or Vietnamese).

    The match ignores case. A term that is not in the glossary raises ``KeyError``.
    """
    wanted = _key(term)
    for row in _table().to_dict("records"):
        names = [row["term_en"], row["term_vi"], *also(row)]
        if wanted in {_key(n) for n in names}:
            return row
    raise KeyError(f"{term!r} is not in the kit's glossary")


def translate(term: str, to: str = "vi") -> str:
    """Return ``term`` in the other language: ``to="vi"`` (default) or ``to="en"``.

    >>> translate("union density")
    'tỷ lệ tham gia công đoàn'
    >>> translate("thỏa ước lao động tập thể", to="en")
    'collective agreement'
    """
    if to not in ("vi", "en"):
        raise ValueError(f"to must be 'vi' or 'en', not {to!r}")
    return lookup(term)[f"term_{to}"]
