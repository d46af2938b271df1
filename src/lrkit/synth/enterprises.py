"""Synthetic enterprise frame: every enterprise active at some time in 2018-2025.

The model, in order:

1. **Entry and exit.** The stock active at the end of 2017 and the entrants of each year are
   set so that the expected number active at the end of each year equals the White Book
   counts (``active_enterprises``); each active enterprise closes in a year with probability
   ``enterprise_exit_rate``.
2. **Location**: a pre-2025 unit (in proportion to ``enterprise_weight``), urban or rural,
   and the minimum-wage region of its commune.
3. **Ownership** by the unit's class, the origin economy of foreign-invested firms, the
   sector (by ownership) and a VSIC 2018 division.
4. **Employment**: log-normal with shifts by ownership and sector; the location is solved so
   that the expected mean is the Economic Census figure (``mean_employees``).
5. A grassroots **union** (logit in size and ownership), a **worker representative
   organisation** outside VGCL (2021 on), the **share of women** and the **mean wage**
   relative to the regional minimum.

At workshop scale the pilot provinces' frame is sampled (``workshop_frame_sample``) and each
enterprise carries its ``frame_weight``. Agreements are added by
:mod:`lrkit.synth.agreements`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from lrkit.reference.minimum_wage import REGIONS as WAGE_REGIONS
from lrkit.reference.minimum_wage import monthly_minimum_array
from lrkit.synth.geography import by_date_and_region, class_codes, draw_wage_regions, units
from lrkit.synth.params import CLASSES, NATIONAL_YEARS, value
from lrkit.synth.random import draw_codes, draw_codes_by_group, logistic, shares_table, stream
from lrkit.synth.text import decode, padded

SECTORS: tuple[str, ...] = (
    "agriculture",
    "garment",
    "footwear",
    "electronics",
    "other_manufacturing",
    "construction",
    "trade",
    "services",
)
#: VSIC 2018 divisions each sector draws from (garment C14, footwear C15, electronics C26).
SECTOR_DIVISIONS: dict[str, tuple[str, ...]] = {
    "agriculture": ("A01", "A02", "A03"),
    "garment": ("C14",),
    "footwear": ("C15",),
    "electronics": ("C26",),
    "other_manufacturing": ("C10", "C13", "C16", "C20", "C22", "C23", "C25", "C27", "C28", "C31"),
    "construction": ("F41", "F42", "F43"),
    "trade": ("G45", "G46", "G47"),
    "services": ("H49", "H52", "I55", "I56", "J62", "K64", "L68", "M70", "N82", "S96"),
}
#: Kept for code that wants one code per sector (section letter or division).
SECTOR_VSIC: dict[str, str] = {
    "agriculture": "A",
    "garment": "C14",
    "footwear": "C15",
    "electronics": "C26",
    "other_manufacturing": "C",
    "construction": "F",
    "trade": "G",
    "services": "S",
}
OWNERSHIPS: tuple[str, ...] = ("state", "domestic_private", "foreign_invested")
STATE, DOMESTIC, FOREIGN = 0, 1, 2
EMPLOYMENT_BANDS = (
    (1, 9, "1-9"),
    (10, 49, "10-49"),
    (50, 199, "50-199"),
    (200, 999, "200-999"),
    (1000, None, "1000+"),
)
FIRST_YEAR = NATIONAL_YEARS[0]
LAST_YEAR = NATIONAL_YEARS[-1]

_SECTOR_WORDS = {
    "agriculture": "Nông nghiệp",
    "garment": "May mặc",
    "footwear": "Giày da",
    "electronics": "Điện tử",
    "other_manufacturing": "Sản xuất",
    "construction": "Xây dựng",
    "trade": "Thương mại",
    "services": "Dịch vụ",
}
_NAME_A = (
    "An Phú Hưng Thịnh Minh Đức Tân Bình Phát Hòa Việt Nam Trường Sơn Hải Long Thành Đạt "
    "Kim Ngọc Bảo Gia Hoàng Quang Thiên Phúc Đông Tây Nhật Tiến Hồng Lộc Vĩnh Xuân"
).split()
_NAME_B = (
    "Phát Thịnh Lợi Hưng Tín Nguyên Khang Thành Long Mỹ Hà Anh Vinh Quý Tâm Lộc Cường "
    "Huy Sinh Hải Phong Đạt Hòa Trung Nam Bắc Tường Vượng Kiệt Luân Định Hiệp"
).split()
_FOREIGN_A = "Dae Han Sung Kyo Tai Shin Yu Hua Kim Ming Sun Jin Hong Tae Yama Fuji".split()
_FOREIGN_B = "Won Il Seong Tech Vina Pacific Star Global Rich Ace Bright Hope".split()
_LEGAL_FORMS = {
    "state": np.array(["Công ty TNHH MTV", "Tổng công ty"], dtype=object),
    "domestic_private": np.array(
        ["Công ty TNHH", "Công ty Cổ phần", "Doanh nghiệp tư nhân"], dtype=object
    ),
    "foreign_invested": np.array(["Công ty TNHH", "Công ty Cổ phần"], dtype=object),
}


def employment_band(employees: pd.Series) -> pd.Series:
    """Return the employment band label ("1-9" … "1000+") of each enterprise."""
    edges = [low for low, _, _ in EMPLOYMENT_BANDS] + [np.inf]
    labels = [label for _, _, label in EMPLOYMENT_BANDS]
    return pd.cut(employees, bins=np.array(edges) - 0.5, labels=labels).astype("str")


def scale_factor(scale: str) -> float:
    """Return the share of the national frame that ``scale`` covers (before sampling)."""
    return float(units(scale)["enterprise_weight"].sum())


def log_employees_location() -> float:
    """Return μ0, the log-normal location solved so the expected mean is ``mean_employees``.

    E[employees] = exp(μ0 + σ²/2) · Σ P(ownership, sector) · exp(offsets); the mix is the
    national one implied by the units' classes and the ownership and sector shares.
    """
    offsets = value("log_employees_offsets")
    sigma = value("log_employees_sd")
    table = units("national")
    class_weight = table.groupby("unit_class")["enterprise_weight"].sum()
    mix = 0.0
    for unit_class, weight in class_weight.items():
        for ownership, p_own in value("ownership_shares_by_class")[unit_class].items():
            group = "foreign_invested" if ownership == "foreign_invested" else "domestic"
            for sector, p_sector in value("sector_shares")[group].items():
                shift = offsets["ownership"][ownership] + offsets["sector"][sector]
                mix += weight * p_own * p_sector * np.exp(shift)
    return float(np.log(value("mean_employees") / mix) - sigma**2 / 2)


def _entry_and_exit(rng: np.random.Generator, factor: float) -> tuple[np.ndarray, np.ndarray]:
    """Return (year_founded, year_closed) of every enterprise; year_closed 0 = still active."""
    targets = value("active_enterprises")
    exit_rate = value("enterprise_exit_rate")
    stock = int(round(targets[FIRST_YEAR - 1] * factor))
    entrants = [
        int(round((targets[y] - targets[y - 1] * (1 - exit_rate)) * factor)) for y in NATIONAL_YEARS
    ]
    age_p = 1.0 / (1.0 + value("enterprise_age_mean_2017"))
    founded_stock = np.maximum(FIRST_YEAR - rng.geometric(age_p, stock), 1986)
    founded = np.concatenate([founded_stock, np.repeat(np.array(NATIONAL_YEARS), entrants)]).astype(
        np.int64
    )
    start = np.maximum(founded, FIRST_YEAR - 1)  # the first year in which a closure can occur
    closed = start + rng.geometric(exit_rate, len(founded))
    closed = np.where(closed > LAST_YEAR, 0, closed)
    return founded, closed


def _names(
    rng: np.random.Generator, ownership: np.ndarray, sector: np.ndarray
) -> tuple[np.ndarray, list[str]]:
    """Return codes into a list of synthetic Vietnamese enterprise names (not unique).

    A name is legal form + sector word + two syllables (+ "Việt Nam" for foreign-invested
    firms); the list holds every combination, so drawing a name is drawing integers.
    """
    labels: list[str] = []
    offsets: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    for o, owner in enumerate(OWNERSHIPS):
        foreign = owner == "foreign_invested"
        first, second = (_FOREIGN_A, _FOREIGN_B) if foreign else (_NAME_A, _NAME_B)
        suffix = " Việt Nam" if foreign else ""
        for s, sector_name in enumerate(SECTORS):
            start = len(labels)
            forms = _LEGAL_FORMS[owner]
            labels += [
                f"{form} {_SECTOR_WORDS[sector_name]} {a} {b}{suffix}"
                for form in forms
                for a in first
                for b in second
            ]
            offsets[(o, s)] = (start, len(forms), len(first), len(second))
    table = np.array([offsets[(o, s)] for o in range(len(OWNERSHIPS)) for s in range(len(SECTORS))])
    row = table[ownership * len(SECTORS) + sector]
    size = row[:, 1] * row[:, 2] * row[:, 3]
    return row[:, 0] + (rng.random(len(row)) * size).astype(np.int64), labels


def _order_by(primary: np.ndarray, secondary: np.ndarray) -> np.ndarray:
    """Return ``np.lexsort((secondary, primary))``: the stable order by primary, then secondary.

    Both keys are small non-negative ranges here (unit, year founded), so they combine into
    one int16 key, and numpy's stable argsort sorts int16 by radix, in linear time; for
    wider keys it falls back to a stable sort of the int64 key (or to ``np.lexsort``), with
    the same result.
    """
    if len(primary) == 0:
        return np.zeros(0, dtype=np.intp)
    low = secondary.min()
    span = int(secondary.max() - low) + 1
    if (int(primary.max() - primary.min()) + 1) * span >= 2**62:
        return np.lexsort((secondary, primary))
    key = (primary - primary.min()) * span + (secondary - low)
    if key.max() < np.iinfo(np.int16).max:
        key = key.astype(np.int16)
    return np.argsort(key, kind="stable")


def generate_enterprises(seed: int, scale: str = "workshop") -> pd.DataFrame:
    """Return the synthetic enterprise frame of ``scale`` for ``seed`` (one row each)."""
    rng = stream(seed, "enterprises")
    table = units(scale)
    founded, closed = _entry_and_exit(rng, scale_factor(scale))
    n = len(founded)

    p_unit = table["enterprise_weight"].to_numpy() / table["enterprise_weight"].sum()
    unit = draw_codes(rng, p_unit, n)
    unit_class = class_codes(scale)[unit]
    uplift = value("enterprise_urban_uplift")
    urban = rng.random(n) < np.minimum(0.95, table["urban_share"].to_numpy()[unit] + uplift)
    region = draw_wage_regions(rng, unit_class, urban)
    ownership = draw_codes_by_group(
        rng,
        unit_class,
        shares_table(value("ownership_shares_by_class"), list(CLASSES), list(OWNERSHIPS)),
    )
    foreign = ownership == FOREIGN
    sector = draw_codes_by_group(
        rng,
        foreign.astype(np.int64),
        shares_table(value("sector_shares"), ["domestic", "foreign_invested"], list(SECTORS)),
    )
    origins = value("fdi_origin_shares")
    origin = np.where(foreign, draw_codes(rng, np.array(list(origins.values())), n), -1)
    division_labels = [d for s in SECTORS for d in SECTOR_DIVISIONS[s]]
    first = np.cumsum([0] + [len(SECTOR_DIVISIONS[s]) for s in SECTORS])
    count = np.diff(first)
    division = first[sector] + (rng.random(n) * count[sector]).astype(np.int64)

    offsets = value("log_employees_offsets")
    own_shift = np.array([offsets["ownership"][o] for o in OWNERSHIPS])[ownership]
    sector_shift = np.array([offsets["sector"][s] for s in SECTORS])[sector]
    log_mean = log_employees_location() + own_shift + sector_shift
    employees = np.exp(rng.normal(log_mean, value("log_employees_sd")))
    employees = np.clip(np.round(employees), 1, 80_000).astype(np.int64)

    union = value("union_logit")
    score = (
        union["intercept"]
        + union["log_employees"] * np.log(employees)
        + union["state"] * (ownership == STATE)
        + union["foreign_invested"] * foreign
    )
    has_union = rng.random(n) < logistic(score)
    wro = value("wro_probability")
    last_active = np.where(closed == 0, LAST_YEAR, closed)
    first_wro = np.maximum(founded, wro["from_year"])
    eligible = (employees >= wro["employees_at_least"]) & (last_active >= first_wro)
    has_wro = eligible & (rng.random(n) < wro["probability"])
    span = np.maximum(last_active - first_wro + 1, 1)
    wro_year = np.where(has_wro, first_wro + (rng.random(n) * span).astype(np.int64), 0)

    female_mean = np.array([value("female_share_by_sector")[s] for s in SECTORS])[sector]
    female_share = np.round(rng.beta(8 * female_mean, 8 * (1 - female_mean)), 3)
    wage_noise = rng.normal(0, 0.15, n)
    name, name_labels = _names(rng, ownership, sector)

    weight = np.ones(n)
    keep = np.arange(n)
    if scale == "workshop":
        sample = value("workshop_frame_sample")
        large = employees >= sample["take_all_from_employees"]
        keep = np.flatnonzero(large | (rng.random(n) < sample["fraction_below"]))
        weight = np.where(large, 1.0, 1.0 / sample["fraction_below"])
    keep = keep[_order_by(unit[keep], founded[keep])]

    def k(array: np.ndarray) -> np.ndarray:
        """Return the kept enterprises' values, in frame order (``take``: a faster gather)."""
        return np.asarray(array).take(keep, axis=0)

    # Mean wage in October of the last active year (2025 for enterprises still active).
    last = np.minimum(k(last_active), LAST_YEAR)
    years = np.arange(last.min(initial=LAST_YEAR), LAST_YEAR + 1)
    october = (years - 1970).astype("datetime64[Y]") + np.timedelta64(273, "D")
    minimum = by_date_and_region(monthly_minimum_array, october, last - years[0], k(region))
    minimum = minimum.astype(float)
    effect = np.array([value("ownership_wage_effect")[o] for o in OWNERSHIPS])[k(ownership)]
    log_ratio = value("enterprise_log_wage_over_minimum") + effect + k(wage_noise)
    employees_kept = k(employees)
    frame = pd.DataFrame(
        {
            "enterprise_id": padded("E", np.arange(1, len(keep) + 1), 7),
            "enterprise_name": decode(k(name), name_labels),
            "province": decode(k(unit), list(table["province"])),
            "province_pre2025": decode(k(unit), list(table["province_pre2025"])),
            "urban_rural": decode(np.where(k(urban), 0, 1), ["urban", "rural"]),
            "min_wage_region": decode(k(region), list(WAGE_REGIONS)),
            "ownership": decode(k(ownership), list(OWNERSHIPS)),
            "fdi_origin": decode(k(origin), list(origins)),
            "sector": decode(k(sector), list(SECTORS)),
            "vsic": decode(k(division), division_labels),
            "employees": employees_kept,
            "employment_band": decode(
                np.searchsorted([10, 50, 200, 1000], employees_kept, side="right"),
                [label for _, _, label in EMPLOYMENT_BANDS],
            ),
            "year_founded": k(founded),
            "year_closed": _nullable(k(closed), k(closed) == 0),
            "has_union": k(has_union),
            "has_wro": k(has_wro),
            "wro_year": _nullable(k(wro_year), ~k(has_wro)),
            "female_share": k(female_share),
            "mean_wage_vnd": (np.round(minimum * np.exp(log_ratio) / 1000) * 1000).astype(np.int64),
            "frame_weight": k(weight),
        },
        copy=False,  # one block per column: no stacking copy of a million rows
    )
    return frame


def _nullable(values: np.ndarray, missing: np.ndarray) -> pd.array:
    """Return an Int64 array of ``values`` with ``missing`` entries set to <NA>."""
    return pd.arrays.IntegerArray(np.where(missing, 0, values).astype(np.int64), missing.copy())


def active_by_year(frame: pd.DataFrame, years: Sequence[int]) -> np.ndarray:
    """Return ``active[j, i]``: enterprise ``i`` was active at some time in ``years[j]``.

    The generators loop over the years; reading ``year_closed`` (a nullable column) once for
    all of them, rather than once a year, is what this saves. A year's row is contiguous.
    """
    founded = frame["year_founded"].to_numpy()[None, :]
    closed = frame["year_closed"].to_numpy(dtype=np.int64, na_value=LAST_YEAR + 1)[None, :]
    years = np.asarray(years)[:, None]
    return (founded <= years) & (closed >= years)


def active_at_end_of(frame: pd.DataFrame, year: int) -> np.ndarray:
    """Return which enterprises were active on 31 December of ``year`` (White Book count)."""
    founded = frame["year_founded"].to_numpy()
    closed = frame["year_closed"].fillna(LAST_YEAR + 1).to_numpy(dtype=np.int64)
    return (founded <= year) & (closed > year)
