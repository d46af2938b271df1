"""Synthetic enterprise frame of the pilot provinces.

The model, in order: location (province, pre-2025 unit, minimum-wage region), ownership,
sector, employment (log-normal, heavy tailed, larger for state and foreign-invested firms),
a grassroots union (logit in size and ownership), a collective agreement (only where there is
a union), the share of women (higher in garment and footwear) and the mean monthly wage
(relative to the regional minimum in force on 1 October 2025).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lrkit.reference.minimum_wage import monthly_minimum_for
from lrkit.reference.provinces import PILOT_PROVINCES
from lrkit.synth.params import value
from lrkit.synth.random import choice, logistic, stream

SECTOR_VSIC = {
    "garment": "C14",
    "footwear": "C15",
    "electronics": "C26",
    "other_manufacturing": "C",
    "construction": "F",
    "trade": "G",
    "services": "S",
}

EMPLOYMENT_BANDS = (
    (1, 9, "1-9"),
    (10, 49, "10-49"),
    (50, 199, "50-199"),
    (200, 999, "200-999"),
    (1000, None, "1000+"),
)


def employment_band(employees: pd.Series) -> pd.Series:
    """Return the employment band label ("1-9" … "1000+") of each enterprise."""
    edges = [low for low, _, _ in EMPLOYMENT_BANDS] + [np.inf]
    labels = [label for _, _, label in EMPLOYMENT_BANDS]
    return pd.cut(employees, bins=np.array(edges) - 0.5, labels=labels).astype("str")


def generate_enterprises(seed: int) -> pd.DataFrame:
    """Return the synthetic enterprise frame for ``seed`` (one row per enterprise)."""
    rng = stream(seed, "enterprises")
    counts = value("enterprises_per_province")
    province = np.concatenate([np.repeat(p, counts[p]) for p in PILOT_PROVINCES]).astype(object)
    n = len(province)

    former = np.empty(n, dtype=object)
    region = np.empty(n, dtype=object)
    for name in PILOT_PROVINCES:
        mask = province == name
        former[mask] = choice(rng, value("former_unit_shares")[name], int(mask.sum()))
        shares = value("min_wage_region_shares")[name]
        region[mask] = choice(rng, shares, int(mask.sum()))

    ownership = choice(rng, value("ownership_shares"), n)
    sector = choice(rng, value("sector_shares"), n)
    log_mean = np.array([value("log_employees_mean")[o] for o in ownership])
    employees = np.exp(rng.normal(log_mean, value("log_employees_sd")))
    employees = np.clip(np.round(employees), 1, 60_000).astype(np.int64)

    union = value("union_logit")
    union_score = (
        union["intercept"]
        + union["log_employees"] * np.log(employees)
        + union["state"] * (ownership == "state")
        + union["foreign_invested"] * (ownership == "foreign_invested")
    )
    has_union = rng.random(n) < logistic(union_score)
    has_agreement = has_union & (rng.random(n) < value("agreement_given_union"))

    female_mean = np.where(np.isin(sector, ["garment", "footwear"]), 0.75, 0.40)
    female_share = np.round(rng.beta(8 * female_mean, 8 * (1 - female_mean)), 3)
    founded = np.clip(np.round(2025 - rng.exponential(9.0, n)), 1976, 2025).astype(np.int64)

    frame = pd.DataFrame(
        {
            "enterprise_id": [f"E{i:06d}" for i in range(1, n + 1)],
            "province": province,
            "province_pre2025": former,
            "min_wage_region": region,
            "ownership": ownership,
            "sector": sector,
            "vsic": [SECTOR_VSIC[s] for s in sector],
            "employees": employees,
            "employment_band": "",
            "year_founded": founded,
            "has_union": has_union,
            "has_agreement": has_agreement,
            "female_share": female_share,
        }
    )
    frame["employment_band"] = employment_band(frame["employees"])
    reference_date = pd.Series(pd.Timestamp("2025-10-01"), index=frame.index)
    minimum = monthly_minimum_for(frame["min_wage_region"], reference_date).astype("float64")
    wage_effect = frame["ownership"].map(value("ownership_wage_effect")).astype("float64")
    log_ratio = value("log_wage_over_minimum") + wage_effect + rng.normal(0, 0.15, n)
    frame["mean_wage_vnd"] = (np.round(minimum * np.exp(log_ratio) / 1000) * 1000).astype(np.int64)
    return frame
