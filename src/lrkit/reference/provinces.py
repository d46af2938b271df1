"""Provinces of Viet Nam before and after the 2025 merger, and name resolution.

On 12 June 2025 the National Assembly merged the 63 provincial units into 34 (6 cities and
28 provinces), with two-tier local government from 1 July 2025. ``crosswalk_2025.csv``
records, for each of the 63 former units, the current unit it belongs to (source:
``shared/domain-facts.md``, "The 2025 provincial crosswalk", checked against the published
plan and press reports of June 2025).

Province names keep their Vietnamese diacritics everywhere in the kit. Learners and trainers
may type a name without them ("Hai Phong") or with a common prefix ("TP. Hồ Chí Minh");
:func:`resolve_province` maps such spellings to the kit's canonical name and otherwise raises
an error that lists the valid names.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib import resources

import pandas as pd

#: The kit's three pilot provinces (current, post-2025 units), in the order used in tables.
PILOT_PROVINCES: tuple[str, ...] = ("Hồ Chí Minh City", "Hải Phòng", "Đồng Nai")

# Extra spellings people use for the pilot provinces. Folded (see ``fold_name``) before use.
_ALIASES: dict[str, str] = {
    "hcmc": "Hồ Chí Minh City",
    "ho chi minh": "Hồ Chí Minh City",
    "ho chi minh city": "Hồ Chí Minh City",
    "tp ho chi minh": "Hồ Chí Minh City",
    "tp. ho chi minh": "Hồ Chí Minh City",
    "thanh pho ho chi minh": "Hồ Chí Minh City",
    "saigon": "Hồ Chí Minh City",
    "hai phong city": "Hải Phòng",
    "tp hai phong": "Hải Phòng",
    "tp. hai phong": "Hải Phòng",
    "thanh pho hai phong": "Hải Phòng",
    "tinh dong nai": "Đồng Nai",
}


def fold_name(name: str) -> str:
    """Return ``name`` lower-cased, without diacritics and with single spaces.

    ``đ``/``Đ`` have no Unicode decomposition, so they are mapped to ``d`` by hand; the
    en dash in "Bà Rịa–Vũng Tàu" becomes a hyphen. Used only to match spellings, never to
    display a name.
    """
    text = unicodedata.normalize("NFD", name.strip())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = text.replace("đ", "d").replace("Đ", "D").replace("–", "-")
    return " ".join(text.lower().split())


@cache
def crosswalk_2025() -> pd.DataFrame:
    """Return the 63 → 34 crosswalk: columns ``province_pre2025``, ``province_2025``.

    The names are NFC-normalised Unicode with diacritics, as the kit uses everywhere.
    """
    with resources.files(__package__).joinpath("crosswalk_2025.csv").open(encoding="utf-8") as f:
        table = pd.read_csv(f, dtype="str")
    for column in table.columns:
        table[column] = table[column].map(lambda s: unicodedata.normalize("NFC", s))
    return table


def provinces_2025() -> list[str]:
    """Return the names of the 34 current provincial units, in crosswalk order."""
    return list(dict.fromkeys(crosswalk_2025()["province_2025"]))


def provinces_pre2025() -> list[str]:
    """Return the names of the 63 provincial units that existed before 1 July 2025."""
    return list(crosswalk_2025()["province_pre2025"])


def former_units(province: str) -> list[str]:
    """Return the pre-2025 units that make up the current unit ``province``."""
    name = resolve_province(province)
    table = crosswalk_2025()
    return list(table.loc[table["province_2025"] == name, "province_pre2025"])


def resolve_province(name: str, allowed: tuple[str, ...] | list[str] | None = None) -> str:
    """Return the canonical current (34-unit) name for ``name``.

    ``name`` may be typed with or without diacritics, in any case, or as a common alias
    ("HCMC", "TP. Hồ Chí Minh"). ``allowed`` restricts the answer to a subset (for example
    :data:`PILOT_PROVINCES` for the workshop data). Raises ``ValueError`` naming the value
    and listing the allowed names when nothing matches.
    """
    choices = list(allowed) if allowed is not None else provinces_2025()
    if not isinstance(name, str):
        raise TypeError(f"province must be text, got {type(name).__name__}: {name!r}")
    folded = fold_name(name)
    by_fold = {fold_name(choice): choice for choice in choices}
    match = by_fold.get(folded) or _ALIASES.get(folded)
    if match is None or match not in choices:
        raise ValueError(f"province {name!r} is not one of the valid names: {', '.join(choices)}")
    return match


def ascii_name(name: str) -> str:
    """Return ``name`` without diacritics but with its capitals ("Đồng Nai" → "Dong Nai")."""
    text = unicodedata.normalize("NFD", name)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return text.replace("đ", "d").replace("Đ", "D").replace("–", "-")
