"""Provinces of Viet Nam before and after the 2025 merger, and name resolution.

On 12 June 2025 the National Assembly merged the 63 provincial units into 34 (6 cities and
28 provinces), with two-tier local government from 1 July 2025. ``crosswalk_2025.csv``
records, for each of the 63 former units, the current unit it belongs to (source:
``shared/domain-facts.md``, "The 2025 provincial crosswalk", checked against the published
plan and press reports of June 2025).

Official codes: the 63 pre-2025 units carry the General Statistics Office's two-digit codes
(list of administrative units, Decision 124/2004/QĐ-TTg and its amendments); the 34 current
units carry the codes of the Prime Minister's 2025 list of administrative units (draft
published on chinhphu.vn, July 2025). Both lists were read from the ``VietnamProvinces``
package (sunshine-tech/VietnamProvinces: ``legacy/codes.py`` and
``dev/seed-data/2025-07/Cap-tinh-2025.csv``); neither is in ``shared/domain-facts.md``.

The six socio-economic regions (vùng kinh tế - xã hội) of the statistics office are given for
the 63 former units as published lists show them (Red River Delta with Quảng Ninh and Vĩnh
Phúc; Bắc Giang in the Northern Midlands); this grouping was checked only against secondary
sources (⚠). Seven current units straddle two regions (for example Tây Ninh = Tây Ninh, South
East + Long An, Mekong River Delta): their region here is that of the former unit whose name
they kept, which is an **assumption** of the kit (``region_status`` says which).

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
    "tp.hcm": "Hồ Chí Minh City",
    "tphcm": "Hồ Chí Minh City",
    "tp hcm": "Hồ Chí Minh City",
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
        raise ValueError(
            f"province {name!r} is not one of the valid names: {', '.join(choices)}"
            + merger_hint(name, choices)
        )
    return match


def merger_hint(name: str, choices: list[str] | tuple[str, ...]) -> str:
    """Return a hint naming the current unit when ``name`` is a unit merged in 2025, else "".

    People naturally type the provinces they knew ("Bình Dương", "Hải Dương"); the data use
    the 34 units in force since 1 July 2025, for every year.
    """
    folded = fold_name(name)
    table = crosswalk_2025()
    merged = table[table["province_pre2025"] != table["province_2025"]]
    for former, current in zip(merged["province_pre2025"], merged["province_2025"], strict=True):
        if fold_name(former) == folded:
            usable = f"; use {current!r}" if current in choices else ""
            return (
                f". {former} was merged into {current} on 1 July 2025, and the data give every "
                f"year by the current units{usable}"
            )
    return ""


def ascii_name(name: str) -> str:
    """Return ``name`` without diacritics but with its capitals ("Đồng Nai" → "Dong Nai")."""
    text = unicodedata.normalize("NFD", name)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return text.replace("đ", "d").replace("Đ", "D").replace("–", "-")


#: The six socio-economic regions: code → (English name, Vietnamese name).
REGIONS: dict[str, tuple[str, str]] = {
    "NMM": ("Northern Midlands and Mountain Areas", "Trung du và miền núi phía Bắc"),
    "RRD": ("Red River Delta", "Đồng bằng sông Hồng"),
    "NCC": ("North Central and Central Coastal Areas", "Bắc Trung Bộ và duyên hải miền Trung"),
    "CH": ("Central Highlands", "Tây Nguyên"),
    "SE": ("South East", "Đông Nam Bộ"),
    "MRD": ("Mekong River Delta", "Đồng bằng sông Cửu Long"),
}
#: Regions counted as "the South" when strike statistics speak of the South (an assumption).
SOUTH_REGIONS: tuple[str, ...] = ("SE", "MRD")


def _read(name: str) -> pd.DataFrame:
    with resources.files(__package__).joinpath(name).open(encoding="utf-8") as f:
        table = pd.read_csv(f, dtype="str")
    for column in table.columns:
        table[column] = table[column].map(lambda s: unicodedata.normalize("NFC", s))
    return table


@cache
def former_province_table() -> pd.DataFrame:
    """Return the 63 pre-2025 units with their codes, regions and current unit.

    Columns: ``code_pre2025``, ``province_pre2025``, ``province_pre2025_ascii``, ``region``,
    ``code_2025``, ``province_2025``. One row per former unit, in crosswalk order.
    """
    table = _read("provinces_pre2025.csv").merge(crosswalk_2025(), on="province_pre2025")
    table = table.merge(_read("provinces_2025.csv")[["code_2025", "province_2025"]])
    table["province_pre2025_ascii"] = table["province_pre2025"].map(ascii_name)
    columns = ["code_pre2025", "province_pre2025", "province_pre2025_ascii", "region"]
    return table[[*columns, "code_2025", "province_2025"]]


@cache
def province_table() -> pd.DataFrame:
    """Return the 34 current units: code, names, type, region and how it was formed.

    Columns: ``code_2025``, ``province_2025``, ``province_2025_ascii``, ``unit_type`` (city or
    province), ``region``, ``region_status`` ("single region" when all former units lie in
    one region, else "assumption"), ``n_former_units``, ``pilot``.
    """
    table = _read("provinces_2025.csv")
    former = former_province_table()
    same_name = former[former["province_pre2025"] == former["province_2025"]]
    table = table.merge(same_name[["province_2025", "region"]], on="province_2025", how="left")
    regions = former.groupby("province_2025")["region"].nunique()
    table["region_status"] = [
        "single region" if regions[name] == 1 else "assumption" for name in table["province_2025"]
    ]
    table["n_former_units"] = table["province_2025"].map(former.groupby("province_2025").size())
    table["province_2025_ascii"] = table["province_2025"].map(ascii_name)
    table["pilot"] = table["province_2025"].isin(PILOT_PROVINCES)
    columns = ["code_2025", "province_2025", "province_2025_ascii", "unit_type", "region"]
    return table[[*columns, "region_status", "n_former_units", "pilot"]]
