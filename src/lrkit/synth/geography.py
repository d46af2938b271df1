"""Where things are: the units, strata and minimum-wage regions a scale covers.

The national scale covers the 63 pre-2025 units (which make up the 34 current ones); the
workshop scale covers the pre-2025 units of the three pilot provinces. Each unit gets its
share of the national labour force, its urban share, its weight in the enterprise frame and
its minimum-wage region shares, all from :mod:`lrkit.synth.params`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import numpy as np
import pandas as pd

from lrkit.reference.minimum_wage import REGIONS as WAGE_REGIONS
from lrkit.reference.provinces import PILOT_PROVINCES, SOUTH_REGIONS, former_province_table
from lrkit.synth.params import CLASSES, value
from lrkit.synth.random import draw_codes_by_group

SCALES: tuple[str, ...] = ("workshop", "national")


def check_scale(scale: object) -> str:
    """Return ``scale`` or raise ``ValueError`` naming it and the valid scales."""
    if scale not in SCALES:
        raise ValueError(f"scale {scale!r} is not one of: {', '.join(SCALES)}")
    return str(scale)


@cache
def units(scale: str) -> pd.DataFrame:
    """Return the pre-2025 units of ``scale`` with their model attributes, one row each.

    Columns: ``province_pre2025``, ``code_pre2025``, ``province`` (current unit),
    ``code_2025``, ``region``, ``south``, ``unit_class``, ``lf_share`` (share of the NATIONAL
    labour force), ``urban_share``, ``enterprise_weight`` (share of the national frame).
    """
    check_scale(scale)
    table = former_province_table().rename(columns={"province_2025": "province"})
    weights = value("labour_force_weights")
    table["unit_class"] = table["province_pre2025"].map(value("unit_class"))
    lf = table["province_pre2025"].map(weights).astype(float)
    table["lf_share"] = lf / lf.sum()
    table["urban_share"] = table["unit_class"].map(value("urban_share_by_class"))
    intensity = table["unit_class"].map(value("enterprise_intensity")) * lf
    table["enterprise_weight"] = intensity / intensity.sum()
    table["south"] = table["region"].isin(SOUTH_REGIONS)
    if scale == "workshop":
        table = table[table["province"].isin(PILOT_PROVINCES)]
        order = {name: i for i, name in enumerate(PILOT_PROVINCES)}
        table = table.sort_values("province", key=lambda s: s.map(order), kind="stable")
    columns = ["province_pre2025", "code_pre2025", "province", "code_2025", "region", "south"]
    columns += ["unit_class", "lf_share", "urban_share", "enterprise_weight"]
    return table[columns].reset_index(drop=True)


def wage_region_shares(unit_class: str, urban: bool) -> dict[str, float]:
    """Return the minimum-wage region shares of a place: urban, or rural (one class down)."""
    if not urban:
        unit_class = CLASSES[min(CLASSES.index(unit_class) + 1, len(CLASSES) - 1)]
    return value("min_wage_region_shares_by_class")[unit_class]


def wage_region_table() -> np.ndarray:
    """Return the region probability table: row ``class_code * 2 + (0 urban, 1 rural)``."""
    keys = [(c, u) for c in CLASSES for u in (True, False)]
    return np.array([[wage_region_shares(c, u)[r] for r in WAGE_REGIONS] for c, u in keys])


def draw_wage_regions(
    rng: np.random.Generator, class_codes: np.ndarray, urban: np.ndarray
) -> np.ndarray:
    """Draw the minimum-wage region code (0-3 for I-IV) of each place, vectorised."""
    row = np.asarray(class_codes) * 2 + np.where(urban, 0, 1)
    return draw_codes_by_group(rng, row, wage_region_table())


def class_codes(scale: str) -> np.ndarray:
    """Return the class code (position in ``CLASSES``) of each unit of ``scale``."""
    return pd.Categorical(units(scale)["unit_class"], categories=list(CLASSES)).codes.astype(int)


def by_date_and_region(
    lookup: Callable[[np.ndarray, np.ndarray], np.ndarray],
    dates: np.ndarray,
    date_code: np.ndarray,
    region: np.ndarray,
) -> np.ndarray:
    """Return ``lookup(region, dates[date_code])``, calling ``lookup`` once per distinct pair.

    ``lookup`` is a vectorised schedule lookup such as ``monthly_minimum_array`` (region codes
    0-3, dates); when the dates take a few values (32 survey rounds, 8 years), it is run on
    the few (date, region) pairs and its answers are indexed, instead of being run on every
    one of a million records. The values are the same.
    """
    regions = len(WAGE_REGIONS)
    grid_region = np.tile(np.arange(regions), len(dates))
    grid_date = np.repeat(np.asarray(dates), regions)
    return lookup(grid_region, grid_date)[np.asarray(date_code) * regions + region]
