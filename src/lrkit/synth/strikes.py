"""Synthetic strike register for the pilot provinces (15th ICLS, 1993 units).

Each enterprise's yearly number of strikes is Poisson with a rate proportional to its true
relative risk (ownership, sector, size, agreement); the base rate is set each year so that
the expected number of strikes in the pilots equals the national count for that year times
the pilots' share. Each strike gets a start date on a working day, a duration in working
days, the workers involved (capped at the firm's employees), days not worked
(= workers involved × working days lost), a main cause and whether a union led it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lrkit.synth.params import YEARS, value
from lrkit.synth.random import choice, stream


def relative_risk(enterprises: pd.DataFrame) -> np.ndarray:
    """Return each enterprise's true relative strike risk (the generator's model)."""
    m = value("strike_risk_multipliers")
    risk = np.where(enterprises["ownership"] == "foreign_invested", m["foreign_invested"], 1.0)
    sector = enterprises["sector"].to_numpy()
    for name in ("garment", "footwear", "electronics"):
        risk = risk * np.where(sector == name, m[name], 1.0)
    risk = risk * np.where(enterprises["has_agreement"], m["has_agreement"], 1.0)
    return risk * np.exp(m["per_log_employee"] * np.log(enterprises["employees"].to_numpy()))


def generate_strikes(enterprises: pd.DataFrame, seed: int) -> pd.DataFrame:
    """Return the strike register drawn from ``enterprises`` for ``seed``."""
    rng = stream(seed, "strikes")
    risk = relative_risk(enterprises)
    records = []
    for year in YEARS:
        active = (enterprises["year_founded"] <= year).to_numpy()
        expected = value("national_strikes_per_year")[year] * value("pilot_share_of_strikes")
        rate = np.where(active, risk, 0.0)
        counts = rng.poisson(rate / rate.sum() * expected)
        firms = np.repeat(np.arange(len(enterprises)), counts)
        if len(firms) == 0:
            continue
        workdays = np.busday_count(f"{year}-01-01", f"{year + 1}-01-01")
        start_offset = rng.integers(0, workdays - 5, size=len(firms))
        start = np.busday_offset(f"{year}-01-01", start_offset, roll="forward")
        durations = value("strike_duration_days")
        duration = choice(rng, {str(k): v for k, v in durations.items()}, len(firms)).astype(int)
        end = np.busday_offset(start, duration - 1)
        median = value("strike_workers_median")
        involved = np.round(np.exp(rng.normal(np.log(median), 0.8, len(firms))))
        staff = enterprises["employees"].to_numpy()[firms]
        involved = np.clip(involved, 5, staff).astype(np.int64)
        records.append(
            pd.DataFrame(
                {
                    "year": year,
                    "enterprise_id": enterprises["enterprise_id"].to_numpy()[firms],
                    "start_date": start.astype("datetime64[ns]"),
                    "end_date": end.astype("datetime64[ns]"),
                    "duration_workdays": duration,
                    "workers_involved": involved,
                    "cause": choice(rng, value("strike_causes"), len(firms)),
                    "led_by_union": rng.random(len(firms)) < value("strike_led_by_union"),
                }
            )
        )
    strikes = pd.concat(records, ignore_index=True)
    strikes = strikes.sort_values(["start_date", "enterprise_id"], kind="stable")
    strikes = strikes.reset_index(drop=True)
    strikes.insert(0, "strike_id", [f"S{i:05d}" for i in range(1, len(strikes) + 1)])
    firm_columns = ["enterprise_id", "province", "province_pre2025", "ownership", "sector"]
    strikes = strikes.merge(
        enterprises[firm_columns], on="enterprise_id", how="left", validate="many_to_one"
    )
    strikes["days_not_worked"] = strikes["workers_involved"] * strikes["duration_workdays"]
    order = [
        "strike_id",
        "year",
        "enterprise_id",
        "province",
        "province_pre2025",
        "ownership",
        "sector",
        "start_date",
        "end_date",
        "duration_workdays",
        "workers_involved",
        "days_not_worked",
        "cause",
        "led_by_union",
    ]
    return strikes[order]
