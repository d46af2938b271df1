"""Synthetic collective agreement register (thỏa ước lao động tập thể), linked to enterprises.

A renewal process, simulated year by year (vectorised over enterprises) from 2012 so that
agreements signed before 2018 are in force at the start: an active enterprise with a
grassroots union and no agreement signs one in a year with probability
``hazard × log(employees)`` (the hazard is calibrated to the 5,262 agreements reported as
newly signed in 2025); an agreement runs for 1-3 years and, at expiry, is renewed (a new
agreement, signed that day) with probability ``renewal_probability`` or lapses. The register
keeps every agreement in force at some time from 1 January of the scale's first year on.

Each agreement carries its lowest wage, set above the regional minimum in force when it was
signed, and a meal allowance. The enterprise's ``has_agreement`` is "in force on 1 October
2025" (false for enterprises closed by then).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lrkit.reference.minimum_wage import REGIONS as WAGE_REGIONS
from lrkit.reference.minimum_wage import monthly_minimum_array
from lrkit.synth.enterprises import LAST_YEAR
from lrkit.synth.params import FRAME_REFERENCE_DATE, NATIONAL_YEARS, value
from lrkit.synth.random import draw_codes, stream
from lrkit.synth.text import decode, encode, padded

WARM_UP_FROM = 2012


def simulate(enterprises: pd.DataFrame, seed: int) -> tuple[pd.DataFrame, np.ndarray]:
    """Return (agreements, in_force) of the renewal process.

    ``in_force[i, j]`` says enterprise ``i`` had an agreement in force at some time in year
    ``NATIONAL_YEARS[j]``.
    """
    rng = stream(seed, "agreements")
    model = value("agreement_model")
    terms = model["term_years"]
    members = np.flatnonzero(enterprises["has_union"].to_numpy())  # only union firms sign
    n = len(members)
    founded = enterprises["year_founded"].to_numpy()[members]
    closed = enterprises["year_closed"].fillna(LAST_YEAR + 1).to_numpy(dtype=np.int64)[members]
    union = np.ones(n, dtype=bool)
    employees = enterprises["employees"].to_numpy()[members]
    hazard = np.minimum(0.9, model["sign_hazard_per_log_employee"] * np.log(employees))
    expiry_year = np.full(n, -1)  # year the current agreement expires; -1 none
    expiry_day = np.zeros(n, dtype=np.int64)
    records: list[tuple[np.ndarray, ...]] = []
    for year in range(WARM_UP_FROM, LAST_YEAR + 1):
        active = union & (founded <= year) & (closed >= year)
        expiring = active & (expiry_year == year)
        renew = expiring & (rng.random(n) < model["renewal_probability"])
        free = active & (expiry_year < year) & ~expiring
        new = free & (rng.random(n) < hazard)
        day_new = rng.integers(0, 365, n)
        signing = renew | new
        day = np.where(renew, expiry_day, day_new)
        term = np.array(list(terms))[draw_codes(rng, np.array(list(terms.values())), n)]
        index = np.flatnonzero(signing)
        records.append((index, np.full(len(index), year), day[index], term[index], renew[index]))
        expiry_year = np.where(signing, year + term, expiry_year)
        expiry_day = np.where(signing, day, expiry_day)
    firm, year, day, term, renewal = (np.concatenate(part) for part in zip(*records, strict=True))
    firm = members[firm]
    signed = (year - 1970).astype("datetime64[Y]").astype("datetime64[D]") + day
    expires = (year + term - 1970).astype("datetime64[Y]").astype("datetime64[D]") + day - 1
    first = np.datetime64(f"{NATIONAL_YEARS[0]}-01-01")
    keep = expires >= first
    firm, year, signed, expires, term, renewal = (
        a[keep] for a in (firm, year, signed, expires, term, renewal)
    )
    in_force = np.zeros((len(enterprises), len(NATIONAL_YEARS)), dtype=bool)
    for j, y in enumerate(NATIONAL_YEARS):
        start = np.datetime64(f"{y}-01-01")
        end = np.datetime64(f"{y}-12-31")
        overlap = (signed <= end) & (expires >= start)
        in_force[firm[overlap], j] = True
    return _register(enterprises, rng, firm, signed, expires, term, renewal), in_force


def _register(
    enterprises: pd.DataFrame,
    rng: np.random.Generator,
    firm: np.ndarray,
    signed: np.ndarray,
    expires: np.ndarray,
    term: np.ndarray,
    renewal: np.ndarray,
) -> pd.DataFrame:
    """Build the register's columns (wage clause at signing, allowances, coverage)."""
    order = np.lexsort((firm, signed))
    firm, signed, expires, term, renewal = (
        a[order] for a in (firm, signed, expires, term, renewal)
    )
    m = len(firm)
    clause = value("agreement_wage_clause")
    region = encode(enterprises["min_wage_region"], WAGE_REGIONS)[firm]
    floor_date = np.maximum(signed, np.datetime64("2018-01-01"))
    minimum = monthly_minimum_array(region, floor_date)
    above = np.maximum(rng.normal(clause["above_minimum_mean"], clause["above_minimum_sd"], m), 0)
    lowest = np.round(minimum * (1 + above) / 1000) * 1000
    meal = np.round(rng.gamma(6.0, clause["meal_allowance_vnd"] / 6.0, m) / 10_000) * 10_000
    multi = rng.random(m) < value("agreement_model")["multi_enterprise_share"]

    def take(column: str) -> pd.Series:
        return enterprises[column].iloc[firm].reset_index(drop=True)

    frame = pd.DataFrame(
        {
            "agreement_id": padded("A", np.arange(1, m + 1), 7),
            "enterprise_id": take("enterprise_id"),
            "province": take("province"),
            "province_pre2025": take("province_pre2025"),
            "level": decode(multi.astype(np.int64), ["enterprise", "multi_enterprise"]),
            "signed_date": signed.astype("datetime64[ns]"),
            "expiry_date": expires.astype("datetime64[ns]"),
            "term_years": term.astype(np.int64),
            "renewal": renewal,
            "workers_covered": enterprises["employees"].to_numpy()[firm],
            "min_wage_region": decode(region, list(WAGE_REGIONS)),
            "min_wage_vnd": minimum,
            "lowest_wage_vnd": lowest.astype(np.int64),
            "lowest_wage_above_minimum_pct": np.round(100 * (lowest / minimum - 1), 2),
            "meal_allowance_vnd": meal.astype(np.int64),
        },
        copy=False,  # one block per column: no stacking copy of a million rows
    )
    frame.attrs["firm_position"] = firm
    return frame


def in_force_on(agreements: pd.DataFrame, n_enterprises: int, day: str) -> np.ndarray:
    """Return, per enterprise (frame order), whether an agreement was in force on ``day``."""
    when = np.datetime64(day)
    current = (agreements["signed_date"] <= when) & (agreements["expiry_date"] >= when)
    flag = np.zeros(n_enterprises, dtype=bool)
    flag[agreements.attrs["firm_position"][current.to_numpy()]] = True
    return flag


def add_agreements(
    enterprises: pd.DataFrame, seed: int
) -> tuple[pd.DataFrame, pd.DataFrame, np.ndarray]:
    """Return (enterprises with ``has_agreement``, agreements, in_force by year)."""
    agreements, in_force = simulate(enterprises, seed)
    flag = in_force_on(agreements, len(enterprises), FRAME_REFERENCE_DATE)
    agreements.attrs.clear()
    frame = enterprises.copy()
    position = frame.columns.get_loc("has_union") + 1
    frame.insert(position, "has_agreement", flag)
    return frame, agreements, in_force
