"""Calibration targets and true parameters of the synthetic generator.

Each entry is a :class:`Param`: its value, what it means, its source and its status: a
``"checked fact"`` (a row of ``shared/domain-facts.md`` marked ✔), ``"calibrated"`` (a
model parameter chosen so the synthetic data reproduce a checked fact) or an
``"assumption"`` made for teaching, with no published figure behind it. The codebook and
``truth.json`` are written from this module, so the documentation cannot drift from the model.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Param:
    """One calibration target or true parameter of the generator."""

    value: Any
    meaning: str
    source: str
    status: str

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"status {self.status!r} is not one of {STATUSES}")

    def as_dict(self) -> dict[str, Any]:
        """Return the parameter as a JSON-ready dictionary."""
        return asdict(self)


FACTS = "shared/domain-facts.md"
ASSUMED = "assumption for teaching; no published figure used"
STATUSES = ("checked fact", "calibrated", "assumption")

#: Survey years of the workshop data (one annual round each; reference date 1 October).
YEARS: tuple[int, ...] = (2020, 2021, 2022, 2023, 2024, 2025)
REFERENCE_MONTH_DAY = "10-01"

PARAMS: dict[str, Param] = {
    # ---- real reference tables used by the model ----------------------------------------
    "minimum_wage_schedule": Param(
        "lrkit.reference.minimum_wage (decrees 141/2017 to 293/2025/ND-CP)",
        "regional minimum wages, regions I-IV, 2018-2026: every synthetic wage is drawn "
        "relative to the minimum in force in its region on its reference date",
        FACTS + ", 'Regional minimum wage' table",
        "checked fact",
    ),
    "province_merger_2025": Param(
        "lrkit.reference.provinces (63 units into 34 from 1 July 2025)",
        "the pre-2025 units that make up each pilot province",
        FACTS + ", 'The 2025 provincial crosswalk'",
        "checked fact",
    ),
    # ---- enterprises -------------------------------------------------------------------
    "enterprises_per_province": Param(
        {"Hồ Chí Minh City": 2400, "Hải Phòng": 800, "Đồng Nai": 800},
        "number of synthetic enterprises in the workshop frame, by pilot province",
        ASSUMED + " (a teaching sample, not the provinces' real enterprise counts)",
        "assumption",
    ),
    "ownership_shares": Param(
        {"state": 0.03, "domestic_private": 0.82, "foreign_invested": 0.15},
        "share of enterprises by ownership in the frame",
        ASSUMED,
        "assumption",
    ),
    "sector_shares": Param(
        {
            "garment": 0.08,
            "footwear": 0.05,
            "electronics": 0.04,
            "other_manufacturing": 0.18,
            "construction": 0.12,
            "trade": 0.33,
            "services": 0.20,
        },
        "share of enterprises by sector",
        ASSUMED,
        "assumption",
    ),
    "min_wage_region_shares": Param(
        {
            "Hồ Chí Minh City": {"I": 0.85, "II": 0.15, "III": 0.0, "IV": 0.0},
            "Hải Phòng": {"I": 0.55, "II": 0.30, "III": 0.15, "IV": 0.0},
            "Đồng Nai": {"I": 0.45, "II": 0.30, "III": 0.25, "IV": 0.0},
        },
        "share of enterprises located in communes of each minimum-wage region; regions are "
        "set by commune (Decree 293/2025 and its predecessors), so one province spans several",
        ASSUMED + " (the real commune lists were not tabulated)",
        "assumption",
    ),
    "former_unit_shares": Param(
        {
            "Hồ Chí Minh City": {
                "Hồ Chí Minh City": 0.60,
                "Bình Dương": 0.30,
                "Bà Rịa–Vũng Tàu": 0.10,
            },
            "Hải Phòng": {"Hải Phòng": 0.60, "Hải Dương": 0.40},
            "Đồng Nai": {"Đồng Nai": 0.80, "Bình Phước": 0.20},
        },
        "share of enterprises and persons located in each pre-2025 unit of a pilot province "
        "(the units merged on 1 July 2025 are real; the shares are not)",
        FACTS + " for the merger (✔); the shares are assumptions",
        "calibrated",
    ),
    "log_employees_mean": Param(
        {"state": 4.0, "domestic_private": 2.3, "foreign_invested": 5.2},
        "mean of log(employees) by ownership (log-normal, heavy tailed)",
        ASSUMED,
        "assumption",
    ),
    "log_employees_sd": Param(1.3, "standard deviation of log(employees)", ASSUMED, "assumption"),
    "union_logit": Param(
        {
            "intercept": -4.2,
            "log_employees": 0.9,
            "state": 2.5,
            "foreign_invested": 0.8,
        },
        "true logit model of having a grassroots union (per enterprise)",
        ASSUMED,
        "assumption",
    ),
    "agreement_given_union": Param(
        0.55,
        "probability that an enterprise with a grassroots union has a collective agreement "
        "(enterprises without a union have none in this model)",
        ASSUMED,
        "assumption",
    ),
    # ---- workers (household survey) ------------------------------------------------------
    "households_per_ea": Param(
        8, "households sampled in each enumeration area", ASSUMED, "assumption"
    ),
    "eas_per_stratum": Param(
        {"Hồ Chí Minh City": 30, "Hải Phòng": 18, "Đồng Nai": 18},
        "enumeration areas (PSUs) sampled in each urban and each rural stratum per year",
        ASSUMED,
        "assumption",
    ),
    "labour_force": Param(
        {"Hồ Chí Minh City": 7_000_000, "Hải Phòng": 2_400_000, "Đồng Nai": 2_100_000},
        "synthetic labour force the person weights sum to, by province (constant over years)",
        ASSUMED
        + " (order of magnitude only; national labour force 53.5 m in 2025 is in "
        + FACTS
        + ")",
        "assumption",
    ),
    "urban_share": Param(
        {"Hồ Chí Minh City": 0.75, "Hải Phòng": 0.50, "Đồng Nai": 0.40},
        "share of the labour force living in urban strata",
        ASSUMED,
        "assumption",
    ),
    "status_shares": Param(
        {"employee": 0.62, "own_account": 0.26, "contributing_family": 0.08, "employer": 0.04},
        "employment status of employed persons (ICSE-93 style groups)",
        ASSUMED,
        "assumption",
    ),
    "employee_ownership_shares": Param(
        {"state": 0.10, "domestic_private": 0.55, "foreign_invested": 0.35},
        "ownership of the employer of employees",
        ASSUMED,
        "assumption",
    ),
    "union_membership_by_ownership": Param(
        {"state": 0.80, "domestic_private": 0.28, "foreign_invested": 0.62},
        "true probability that an employee is a union member, by employer ownership; with the "
        "ownership shares above the employee density is about 45%, the order of ILOSTAT's "
        "household-survey figure for Viet Nam (49.61% in 2018, series ILR_TUMT_NOC_RT)",
        FACTS + " for the 49.61% benchmark (✔); the split by ownership is an assumption",
        "calibrated",
    ),
    "union_membership_non_employees": Param(
        0.04,
        "probability that an employed person who is not an employee says they are a union "
        "member; such members are excluded from union density by the ILO definition",
        ASSUMED,
        "assumption",
    ),
    "coverage_given_member": Param(
        0.70,
        "probability that a union member employee is covered by a collective agreement",
        ASSUMED,
        "assumption",
    ),
    "coverage_given_non_member": Param(
        0.20,
        "probability that an employee who is not a member is covered (agreements cover all "
        "employees of the enterprise, members or not)",
        ASSUMED,
        "assumption",
    ),
    "annual_membership_trend": Param(
        0.01,
        "yearly increase in the log-odds of union membership (VGCL recruitment drive; its "
        "target is 15 m members by 2028)",
        FACTS + " for the recruitment target (✔); the size of the trend is an assumption",
        "calibrated",
    ),
    # ---- wages -------------------------------------------------------------------------
    "log_wage_over_minimum": Param(
        0.45,
        "mean of log(monthly wage / applicable regional minimum) for a domestic private "
        "non-member employee",
        ASSUMED,
        "assumption",
    ),
    "log_wage_sd": Param(
        0.35, "standard deviation of the log wage residual", ASSUMED, "assumption"
    ),
    "union_wage_premium": Param(
        0.05,
        "TRUE union wage premium: difference in log monthly wage for a union member, other "
        "things equal (about +5%)",
        ASSUMED,
        "assumption",
    ),
    "ownership_wage_effect": Param(
        {"state": 0.10, "domestic_private": 0.0, "foreign_invested": 0.12},
        "TRUE effect of employer ownership on the log wage",
        ASSUMED,
        "assumption",
    ),
    # ---- strikes -----------------------------------------------------------------------
    "national_strikes_per_year": Param(
        {2020: 125, 2021: 100, 2022: 146, 2023: 60, 2024: 80, 2025: 80},
        "national number of strikes the pilot provinces' share is taken from; 2022 (~146) "
        "and 2023 (60, VGCL) are published figures, the other years are assumptions",
        FACTS + " (2022 and 2023 ✔; 2020, 2021, 2024 and 2025 assumed)",
        "calibrated",
    ),
    "pilot_share_of_strikes": Param(
        0.55,
        "share of the nation's strikes that happen in the three pilot provinces (72-90% of "
        "strikes are in the South, where two of the three pilots are)",
        FACTS + " for the South's 72-90% (✔); the pilots' share is an assumption",
        "calibrated",
    ),
    "strike_risk_multipliers": Param(
        {
            "foreign_invested": 2.5,
            "garment": 6.0,
            "footwear": 6.0,
            "electronics": 2.0,
            "has_agreement": 0.6,
            "per_log_employee": 1.0,
        },
        "TRUE relative risk of a strike: multipliers for foreign ownership, sector and an "
        "agreement, and the log-risk slope per unit of log(employees); chosen so that "
        "72-80%+ of strikes are in foreign-invested firms and 28-53% in garment",
        FACTS + " for the targets (✔); the multipliers are the generator's model",
        "calibrated",
    ),
    "strike_workers_median": Param(
        400,
        "median workers involved per strike (log-normal; mean about 470 as reported for H1 "
        "2019, capped at the enterprise's employees)",
        FACTS + " for the mean of about 470 (✔); the median and shape are assumptions",
        "calibrated",
    ),
    "strike_duration_days": Param(
        {1: 0.25, 2: 0.35, 3: 0.25, 4: 0.10, 5: 0.05},
        "distribution of strike duration in working days (2-3 days typical, H1 2019)",
        FACTS + " for the 2-3 day typical duration (✔); the distribution is assumed",
        "calibrated",
    ),
    "strike_causes": Param(
        {
            "wages": 0.40,
            "tet_bonus": 0.15,
            "late_pay": 0.15,
            "social_insurance_arrears": 0.15,
            "meal_quality": 0.10,
            "working_conditions": 0.05,
        },
        "main cause of each strike",
        FACTS + " for the list of causes (✔); the shares are assumptions",
        "calibrated",
    ),
    "strike_led_by_union": Param(
        0.03,
        "probability that a strike is led by the union (nearly all are unofficial)",
        FACTS + " for 'nearly all unofficial' (✔); the 3% is an assumption",
        "calibrated",
    ),
}


def value(name: str) -> Any:
    """Return the value of parameter ``name`` (raises ``KeyError`` with the valid names)."""
    try:
        return PARAMS[name].value
    except KeyError:
        raise KeyError(f"unknown parameter {name!r}; known: {', '.join(PARAMS)}") from None
