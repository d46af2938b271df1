"""Synthetic Labour-Force-Survey-like person records for the pilot provinces.

Design (one round a year, reference date 1 October): each province is split into an urban
and a rural stratum; in each stratum a fixed number of enumeration areas (EAs, the primary
sampling units) is drawn with equal probability, and a fixed number of households is
interviewed in each EA. An EA's size (households living there) varies, so the design weight
of a person is proportional to the size of their EA; weights are then scaled so that they
sum, in each stratum, to the stratum's share of the province's labour force.

Only employed persons are kept. Union membership, coverage by a collective agreement and
wages follow the true parameters in :mod:`lrkit.synth.params`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lrkit.reference.minimum_wage import monthly_minimum_for
from lrkit.reference.provinces import PILOT_PROVINCES
from lrkit.synth.enterprises import SECTOR_VSIC
from lrkit.synth.params import REFERENCE_MONTH_DAY, YEARS, value
from lrkit.synth.random import choice, logistic, stream

PROVINCE_CODES = {"Hồ Chí Minh City": "HCM", "Hải Phòng": "HPG", "Đồng Nai": "DNI"}
SEXES = {"female": 0.48, "male": 0.52}
EDUCATION = {
    "none_or_primary": 0.25,
    "lower_secondary": 0.30,
    "upper_secondary": 0.25,
    "vocational": 0.10,
    "university": 0.10,
}
EDUCATION_WAGE_EFFECT = {
    "none_or_primary": -0.10,
    "lower_secondary": -0.05,
    "upper_secondary": 0.0,
    "vocational": 0.08,
    "university": 0.30,
}


def _logit(p: float) -> float:
    return float(np.log(p / (1 - p)))


def _sample_round(rng: np.random.Generator, year: int) -> pd.DataFrame:
    """Return the persons interviewed in the round of ``year``, with design variables."""
    rows = []
    for province in PILOT_PROVINCES:
        code = PROVINCE_CODES[province]
        for area, share in (
            ("urban", value("urban_share")[province]),
            ("rural", 1 - value("urban_share")[province]),
        ):
            n_ea = value("eas_per_stratum")[province]
            ea_size = rng.integers(80, 240, size=n_ea)
            households = value("households_per_ea")
            persons = rng.integers(1, 4, size=(n_ea, households))  # employed persons per hh
            stratum = f"{code}-{area[0].upper()}"
            for e in range(n_ea):
                ea_id = f"{year}-{stratum}-EA{e + 1:03d}"
                for h in range(households):
                    for p in range(persons[e, h]):
                        rows.append(
                            (
                                province,
                                area,
                                stratum,
                                ea_id,
                                f"{ea_id}-H{h + 1:02d}",
                                p + 1,
                                ea_size[e] / households,
                                share,
                            )
                        )
    design = pd.DataFrame(
        rows,
        columns=[
            "province",
            "urban_rural",
            "stratum",
            "psu",
            "household_id",
            "line",
            "raw_weight",
            "stratum_share",
        ],
    )
    labour_force = design["province"].map(value("labour_force")) * design["stratum_share"]
    stratum_total = design.groupby("stratum")["raw_weight"].transform("sum")
    design["weight"] = np.round(design["raw_weight"] / stratum_total * labour_force, 4)
    design.insert(0, "year", year)
    return design.drop(columns=["raw_weight", "stratum_share"])


def generate_workers(seed: int) -> pd.DataFrame:
    """Return synthetic employed persons, one annual round per year in ``YEARS``."""
    rng = stream(seed, "workers")
    frame = pd.concat([_sample_round(rng, year) for year in YEARS], ignore_index=True)
    n = len(frame)
    frame["person_id"] = frame["household_id"] + "-P" + frame["line"].astype(str)
    frame = frame.drop(columns="line")

    former = np.empty(n, dtype=object)
    region = np.empty(n, dtype=object)
    for name in PILOT_PROVINCES:
        mask = (frame["province"] == name).to_numpy()
        former[mask] = choice(rng, value("former_unit_shares")[name], int(mask.sum()))
        region[mask] = choice(rng, value("min_wage_region_shares")[name], int(mask.sum()))
    frame["province_pre2025"] = former
    frame["min_wage_region"] = region
    frame["sex"] = choice(rng, SEXES, n)
    frame["age"] = np.clip(np.round(rng.normal(37, 11, n)), 15, 70).astype(np.int64)
    frame["education"] = choice(rng, EDUCATION, n)
    status = choice(rng, value("status_shares"), n)
    frame["status"] = status
    is_employee = status == "employee"

    ownership = choice(rng, value("employee_ownership_shares"), n)
    frame["employer_ownership"] = pd.Series(np.where(is_employee, ownership, None), dtype="str")
    sector = choice(rng, value("sector_shares"), n)
    frame["sector"] = sector
    frame["vsic"] = [SECTOR_VSIC[s] for s in sector]

    base = np.array([_logit(value("union_membership_by_ownership")[o]) for o in ownership])
    trend = value("annual_membership_trend") * (frame["year"].to_numpy() - YEARS[0])
    member_employee = rng.random(n) < logistic(base + trend)
    member_other = rng.random(n) < value("union_membership_non_employees")
    member = np.where(is_employee, member_employee, member_other)
    frame["union_member"] = member

    coverage_p = np.where(
        member, value("coverage_given_member"), value("coverage_given_non_member")
    )
    frame["covered_by_agreement"] = is_employee & (rng.random(n) < coverage_p)

    reference = pd.to_datetime(frame["year"].astype(str) + "-" + REFERENCE_MONTH_DAY)
    minimum = monthly_minimum_for(frame["min_wage_region"], reference).astype("float64")
    log_ratio = (
        value("log_wage_over_minimum")
        + value("union_wage_premium") * member
        + pd.Series(ownership).map(value("ownership_wage_effect")).to_numpy()
        + frame["education"].map(EDUCATION_WAGE_EFFECT).to_numpy()
        + rng.normal(0.0, value("log_wage_sd"), n)
    )
    wage = np.round(minimum.to_numpy() * np.exp(log_ratio) / 1000) * 1000
    frame["monthly_wage_vnd"] = pd.Series(np.where(is_employee, wage, np.nan)).astype("Int64")
    frame["min_wage_vnd"] = minimum.astype("int64")
    frame["hours_per_week"] = np.clip(np.round(rng.normal(47, 7, n)), 8, 84).astype(np.int64)
    columns = [
        "person_id",
        "year",
        "province",
        "province_pre2025",
        "urban_rural",
        "stratum",
        "psu",
        "household_id",
        "weight",
        "sex",
        "age",
        "education",
        "status",
        "employer_ownership",
        "sector",
        "vsic",
        "min_wage_region",
        "min_wage_vnd",
        "monthly_wage_vnd",
        "hours_per_week",
        "union_member",
        "covered_by_agreement",
    ]
    return frame[columns]
