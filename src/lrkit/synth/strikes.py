"""Work stoppages (15th ICLS, 1993 units): the truth and two overlapping registers.

**Truth.** Each year ``T`` stoppages (``strike_counts[year]["true"]``, times the pilots'
share at workshop scale) are placed in enterprises active that year, with probability
proportional to the enterprise's TRUE relative risk: multipliers for foreign ownership,
garment/footwear/electronics, an agreement in force that year and a location in the South,
times employees to the power ``per_log_employee`` (nil under 10 employees). At workshop scale
each sampled enterprise's risk is multiplied by its ``frame_weight``, so that expected
counts stay right. Each stoppage gets a start date on a working day, a duration in working
days, the workers involved (capped at the enterprise's employees), days not worked (=
workers involved × duration), a main cause and whether a union led it.

**Registers.** The ministry register (dataset ``strikes``) and the VGCL register (dataset
``strikes_vgcl``) each hold exactly their yearly count of stoppages, picked without
replacement with probability proportional to their capture propensities (weighted sampling
by exponential keys), so they overlap partly. They also record differently: the ministry
rounds workers to 10; VGCL counts only stoppages of 50+ workers, records the peak number of
workers, dates a stoppage when it learns of it and groups causes in four classes. The true
id that links a register record to its stoppage is written only to ``truth/``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lrkit.reference.provinces import SOUTH_REGIONS, former_province_table
from lrkit.synth.enterprises import active_by_year
from lrkit.synth.params import NATIONAL_YEARS, SCALE_YEARS, value
from lrkit.synth.random import draw_codes, stream
from lrkit.synth.text import decode, padded

CAUSES: tuple[str, ...] = tuple(value("strike_causes"))
VGCL_CAUSE_GROUPS: dict[str, str] = {
    "wages": "wages_and_bonus",
    "tet_bonus": "wages_and_bonus",
    "late_pay": "wages_and_bonus",
    "social_insurance_arrears": "social_insurance",
    "meal_quality": "working_conditions",
    "working_conditions": "working_conditions",
}
VGCL_GROUPS: tuple[str, ...] = (
    "wages_and_bonus",
    "social_insurance",
    "working_conditions",
    "other",
)
_FIRM_COLUMNS = ["enterprise_id", "province", "province_pre2025", "ownership", "sector"]


def relative_risk(enterprises: pd.DataFrame, agreement_in_force: np.ndarray) -> np.ndarray:
    """Return each enterprise's TRUE relative strike risk (the generator's model)."""
    m = value("strike_risk_multipliers")
    return base_risk(enterprises) * np.where(agreement_in_force, m["has_agreement"], 1.0)


def base_risk(enterprises: pd.DataFrame) -> np.ndarray:
    """Return the relative risk before the agreement multiplier (which varies by year)."""
    m = value("strike_risk_multipliers")
    risk = np.where(
        _equals(enterprises["ownership"], "foreign_invested"), m["foreign_invested"], 1.0
    )
    for name in ("garment", "footwear", "electronics"):
        risk = risk * np.where(_equals(enterprises["sector"], name), m[name], 1.0)
    south_units = former_province_table().loc[
        lambda t: t["region"].isin(SOUTH_REGIONS), "province_pre2025"
    ]
    south = enterprises["province_pre2025"].isin(south_units).to_numpy()
    risk = risk * np.where(south, m["south"], 1.0)
    employees = enterprises["employees"].to_numpy()
    risk = risk * np.exp(m["per_log_employee"] * np.log(employees))
    return np.where(employees >= m["min_employees"], risk, 0.0)


def _equals(column: pd.Series, text: str) -> np.ndarray:
    """Return where ``column`` equals ``text`` (False where missing), compared in Arrow.

    Comparing the text column itself avoids turning a million Arrow strings into Python
    objects first, which took most of the time of ``base_risk``.
    """
    return (column == text).to_numpy(dtype=bool, na_value=False)


def scaled_count(year: int, register: str, scale: str) -> int:
    """Return the number of stoppages in ``register`` ("true", "ministry", "vgcl") in a year."""
    count = value("strike_counts")[year][register]
    return int(round(count * (value("pilot_share_of_strikes") if scale == "workshop" else 1.0)))


def _pick(rng: np.random.Generator, propensity: np.ndarray, k: int) -> np.ndarray:
    """Return the positions of ``k`` items drawn without replacement ∝ ``propensity``."""
    eligible = np.flatnonzero(propensity > 0)
    keys = np.log(rng.random(len(eligible))) / propensity[eligible]
    return np.sort(eligible[np.argsort(-keys, kind="stable")[: min(k, len(eligible))]])


def _true_stoppages(
    enterprises: pd.DataFrame, in_force: np.ndarray, seed: int, scale: str
) -> pd.DataFrame:
    rng = stream(seed, "strikes")
    weight = enterprises["frame_weight"].to_numpy() * base_risk(enterprises)
    factor = value("strike_risk_multipliers")["has_agreement"]
    durations = value("strike_duration_days")
    median = value("strike_workers_median")
    years = SCALE_YEARS[scale]
    active = active_by_year(enterprises, years)
    parts = []
    for t, year in enumerate(years):
        j = NATIONAL_YEARS.index(year)
        risk = np.where(in_force[:, j], factor, 1.0) * weight * active[t]
        k = scaled_count(year, "true", scale)
        firms = rng.choice(len(risk), size=k, p=risk / risk.sum())
        workdays = np.busday_count(f"{year}-01-01", f"{year + 1}-01-01")
        start = np.busday_offset(f"{year}-01-01", rng.integers(0, workdays - 5, k), roll="forward")
        duration = np.array(list(durations))[draw_codes(rng, np.array(list(durations.values())), k)]
        staff = enterprises["employees"].to_numpy()[firms]
        involved = np.round(np.exp(rng.normal(np.log(median), 0.55, k)))
        involved = np.minimum(np.maximum(involved, 10), staff).astype(np.int64)
        cause = draw_codes(rng, np.array(list(value("strike_causes").values())), k)
        union = enterprises["has_union"].to_numpy()[firms]
        led = union & (rng.random(k) < value("strike_led_by_union") / max(union.mean(), 1e-9))
        parts.append(
            pd.DataFrame(
                {
                    "_firm": firms,
                    "year": year,
                    "start_date": start.astype("datetime64[ns]"),
                    "end_date": np.busday_offset(start, duration - 1).astype("datetime64[ns]"),
                    "duration_workdays": duration.astype(np.int64),
                    "workers_involved": involved,
                    "_cause": cause,
                    "led_by_union": led,
                    "has_union": union,
                }
            )
        )
    truth = pd.concat(parts, ignore_index=True)
    truth = truth.sort_values(["start_date", "_firm"], kind="stable").reset_index(drop=True)
    truth.insert(0, "true_strike_id", padded("T", np.arange(1, len(truth) + 1), 5))
    firm_info = enterprises[_FIRM_COLUMNS].iloc[truth["_firm"].to_numpy()].reset_index(drop=True)
    truth = pd.concat([truth, firm_info], axis=1)
    truth["cause"] = decode(truth["_cause"].to_numpy(), list(CAUSES))
    truth["days_not_worked"] = truth["workers_involved"] * truth["duration_workdays"]
    return truth


def generate_strikes(
    enterprises: pd.DataFrame, in_force: np.ndarray, seed: int, scale: str = "workshop"
) -> dict[str, pd.DataFrame]:
    """Return ``strikes`` (ministry), ``strikes_vgcl``, ``strikes_true`` and ``strike_linkage``."""
    truth = _true_stoppages(enterprises, in_force, seed, scale)
    rng = stream(seed, "strike-registers")
    capture = value("register_capture")
    involved = truth["workers_involved"].to_numpy()
    ministry_p = np.where(
        involved >= 100,
        capture["ministry"]["workers_100_or_more"],
        capture["ministry"]["fewer_workers"],
    )
    vgcl = capture["vgcl"]
    vgcl_p = np.where(truth["has_union"], vgcl["with_union"], vgcl["without_union"])
    vgcl_p = np.where(involved >= vgcl["min_workers"], vgcl_p, 0.0)
    years = truth["year"].to_numpy()
    picked = {"ministry": [], "vgcl": []}
    for year in SCALE_YEARS[scale]:
        rows = np.flatnonzero(years == year)
        for register, p in (("ministry", ministry_p), ("vgcl", vgcl_p)):
            picked[register].append(rows[_pick(rng, p[rows], scaled_count(year, register, scale))])
    ministry_rows = np.concatenate(picked["ministry"])
    vgcl_rows = np.concatenate(picked["vgcl"])

    ministry = truth.iloc[ministry_rows].reset_index(drop=True)
    rounding = capture["ministry_workers_rounding"]
    staff = enterprises["employees"].to_numpy()[ministry["_firm"].to_numpy()]
    rounded = np.maximum(np.round(ministry["workers_involved"] / rounding) * rounding, rounding)
    ministry["workers_involved"] = np.minimum(rounded, staff).astype(np.int64)
    ministry["days_not_worked"] = ministry["workers_involved"] * ministry["duration_workdays"]
    ministry.insert(0, "strike_id", padded("S", np.arange(1, len(ministry) + 1), 5))
    ministry_columns = [
        "strike_id", "year", "enterprise_id", "province", "province_pre2025", "ownership",
        "sector", "start_date", "end_date", "duration_workdays", "workers_involved",
        "days_not_worked", "cause", "led_by_union",
    ]  # fmt: skip

    vgcl_frame = truth.iloc[vgcl_rows].reset_index(drop=True)
    lag = rng.random(len(vgcl_frame)) < capture["vgcl_start_lag_probability"]
    start = vgcl_frame["start_date"].to_numpy().astype("datetime64[D]")
    reported = np.busday_offset(start, lag.astype(np.int64), roll="forward")
    vgcl_frame["reported_start_date"] = reported.astype("datetime64[ns]")
    vgcl_frame["peak_workers"] = vgcl_frame["workers_involved"]
    vgcl_frame["cause_group"] = vgcl_frame["cause"].map(VGCL_CAUSE_GROUPS).astype("str")
    vgcl_frame["grassroots_union"] = vgcl_frame["has_union"]
    vgcl_frame["days_not_worked"] = vgcl_frame["peak_workers"] * vgcl_frame["duration_workdays"]
    vgcl_frame = vgcl_frame.sort_values(["reported_start_date", "_firm"], kind="stable")
    vgcl_frame = vgcl_frame.reset_index(drop=True)
    vgcl_frame.insert(0, "record_id", padded("V", np.arange(1, len(vgcl_frame) + 1), 5))
    vgcl_columns = [
        "record_id", "year", "enterprise_id", "province", "province_pre2025", "ownership",
        "sector", "reported_start_date", "duration_workdays", "peak_workers", "days_not_worked",
        "cause_group", "led_by_union", "grassroots_union",
    ]  # fmt: skip

    linkage = pd.concat(
        [
            pd.DataFrame(
                {"register": "ministry", "record_id": ministry["strike_id"],
                 "true_strike_id": ministry["true_strike_id"]}
            ),
            pd.DataFrame(
                {"register": "vgcl", "record_id": vgcl_frame["record_id"],
                 "true_strike_id": vgcl_frame["true_strike_id"]}
            ),
        ],
        ignore_index=True,
    )  # fmt: skip
    truth["in_ministry_register"] = truth["true_strike_id"].isin(ministry["true_strike_id"])
    truth["in_vgcl_register"] = truth["true_strike_id"].isin(vgcl_frame["true_strike_id"])
    true_columns = [
        "true_strike_id", "year", "enterprise_id", "province", "province_pre2025", "ownership",
        "sector", "start_date", "end_date", "duration_workdays", "workers_involved",
        "days_not_worked", "cause", "led_by_union", "in_ministry_register", "in_vgcl_register",
    ]  # fmt: skip
    return {
        "strikes": ministry[ministry_columns],
        "strikes_vgcl": vgcl_frame[vgcl_columns],
        "strikes_true": truth[true_columns],
        "strike_linkage": linkage.astype({"register": "str"}),
    }
