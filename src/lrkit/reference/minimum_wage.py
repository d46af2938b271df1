"""The regional minimum wage schedule of Viet Nam, 2018-2026 (real, not synthetic).

Source: the government decrees named in the ``decree`` column (141/2017, 157/2018,
90/2019, 38/2022, 74/2024 and 293/2025/ND-CP), as listed in ``shared/domain-facts.md``.
Monthly minimums are in VND per month; hourly minimums exist only from the 2022 decree on.

Regions I-IV are assigned by commune, not by province, so one province spans several
regions; a worker's applicable minimum depends on where the job is and on the date.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd

REGIONS: tuple[str, ...] = ("I", "II", "III", "IV")


@cache
def schedule() -> pd.DataFrame:
    """Return the whole schedule, one row per decree and region.

    Columns: ``effective_from`` (datetime), ``decree``, ``region``, ``monthly_vnd``,
    ``hourly_vnd`` (missing before July 2022).
    """
    path = resources.files(__package__).joinpath("minimum_wage.csv")
    with path.open(encoding="utf-8") as f:
        table = pd.read_csv(f, dtype={"decree": "str", "region": "str"})
    table["effective_from"] = pd.to_datetime(table["effective_from"])
    table["hourly_vnd"] = table["hourly_vnd"].astype("Int64")
    return table


def monthly_minimum(region: str, on: date | str | pd.Timestamp) -> int:
    """Return the monthly minimum wage (VND) in force in ``region`` on the date ``on``.

    The minimum in force is that of the latest decree whose effective date is on or before
    ``on``. Raises ``ValueError`` for an unknown region or a date before 1 January 2018.
    """
    return int(minimum_in_force(region, on)["monthly_vnd"])


def minimum_in_force(region: str, on: date | str | pd.Timestamp) -> pd.Series:
    """Return the schedule row (decree, amounts) in force in ``region`` on ``on``."""
    if region not in REGIONS:
        raise ValueError(f"region {region!r} is not one of {', '.join(REGIONS)}")
    when = pd.Timestamp(on)
    table = schedule()
    rows = table[(table["region"] == region) & (table["effective_from"] <= when)]
    if rows.empty:
        first = table["effective_from"].min().date()
        raise ValueError(f"date {when.date()} is before the first decree in the kit ({first})")
    return rows.sort_values("effective_from").iloc[-1]


def monthly_minimum_for(regions: pd.Series, on: pd.Series) -> pd.Series:
    """Vectorised :func:`monthly_minimum`: one minimum per (region, date) pair.

    ``regions`` holds "I".."IV" and ``on`` datetimes; both are aligned on their index.
    """
    unknown = sorted(set(regions.dropna().unique()) - set(REGIONS))
    if unknown:
        raise ValueError(f"unknown minimum-wage region(s) {unknown}; allowed: {REGIONS}")
    table = schedule().sort_values("effective_from")
    out = pd.Series(pd.NA, index=regions.index, dtype="Int64")
    when = pd.to_datetime(on)
    for region in REGIONS:
        rows = table[table["region"] == region]
        mask = regions == region
        if not mask.any():
            continue
        position = rows["effective_from"].searchsorted(when[mask], side="right") - 1
        if (position < 0).any():
            raise ValueError("a date is before the first decree in the kit (2018-01-01)")
        out[mask] = rows["monthly_vnd"].to_numpy()[position]
    return out


def monthly_minimum_array(region_codes: np.ndarray, dates: np.ndarray) -> np.ndarray:
    """Vectorised lookup on numpy arrays: ``region_codes`` 0-3 (I-IV), ``dates`` datetime64.

    Returns the monthly minimum (VND, int64) in force for each pair; raises ``ValueError``
    for a date before the first decree. Used by the generator at national scale.
    """
    table = schedule().sort_values(["region", "effective_from"])
    dates = np.asarray(dates).astype("datetime64[D]")
    out = np.zeros(len(dates), dtype=np.int64)
    for code, region in enumerate(REGIONS):
        rows = table[table["region"] == region]
        starts = rows["effective_from"].to_numpy().astype("datetime64[D]")
        mask = region_codes == code
        position = np.searchsorted(starts, dates[mask], side="right") - 1
        if (position < 0).any():
            raise ValueError("a date is before the first decree in the kit (2018-01-01)")
        out[mask] = rows["monthly_vnd"].to_numpy()[position]
    return out


def previous_monthly_minimum_array(region_codes: np.ndarray, dates: np.ndarray) -> np.ndarray:
    """Return the minimum of the decree BEFORE the one in force (the counterfactual level).

    For a date before the second decree, the first decree's amount is returned.
    """
    table = schedule().sort_values(["region", "effective_from"])
    dates = np.asarray(dates).astype("datetime64[D]")
    out = np.zeros(len(dates), dtype=np.int64)
    for code, region in enumerate(REGIONS):
        rows = table[table["region"] == region]
        starts = rows["effective_from"].to_numpy().astype("datetime64[D]")
        mask = region_codes == code
        position = np.maximum(np.searchsorted(starts, dates[mask], side="right") - 2, 0)
        out[mask] = rows["monthly_vnd"].to_numpy()[position]
    return out


def minimum_wage_table() -> pd.DataFrame:
    """Return the schedule as the ``minimum_wage`` dataset, with the rise over the last decree.

    Columns: ``effective_from``, ``decree``, ``region``, ``monthly_vnd``, ``hourly_vnd``,
    ``previous_monthly_vnd``, ``rise_vnd``, ``rise_pct`` (missing for the first decree).
    """
    table = schedule().sort_values(["region", "effective_from"]).copy()
    table["previous_monthly_vnd"] = table.groupby("region")["monthly_vnd"].shift(1).astype("Int64")
    table["rise_vnd"] = (table["monthly_vnd"] - table["previous_monthly_vnd"]).astype("Int64")
    rise = table["rise_vnd"].astype("Float64") / table["previous_monthly_vnd"].astype("Float64")
    table["rise_pct"] = (100 * rise).round(2)
    table = table.sort_values(["effective_from", "region"]).reset_index(drop=True)
    return table
