"""Calibration targets and true parameters of the synthetic generator.

Each entry is a :class:`Param`: its value, what it means, its source and its status: a
``"checked fact"`` (a row of ``shared/domain-facts.md`` marked ✔), ``"calibrated"`` (a
model parameter chosen so the synthetic data reproduce a checked fact) or an
``"assumption"`` made for teaching, with no published figure behind it. The codebook,
``datapackage.json`` and ``truth.json`` are written from this module, so the documentation
cannot drift from the model. Parameters whose name contains ``effect``, ``premium``,
``risk`` or ``compliance`` are TRUE causal parameters that exercises can try to recover.
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
        """Return the parameter as a JSON-ready dictionary (keys of dicts become text)."""
        return _jsonable(asdict(self))


def _jsonable(item: Any) -> Any:
    if isinstance(item, dict):
        return {str(key): _jsonable(value) for key, value in item.items()}
    if isinstance(item, list | tuple):
        return [_jsonable(value) for value in item]
    return item


FACTS = "shared/domain-facts.md"
ASSUMED = "assumption for teaching; no published figure used"
STATUSES = ("checked fact", "calibrated", "assumption")

#: Survey years of the workshop data (quarterly rounds; the notebooks' valid years).
YEARS: tuple[int, ...] = (2020, 2021, 2022, 2023, 2024, 2025)
#: Years of the national scale: the Labour Force Survey has been quarterly since 2016 and
#: the minimum wage schedule in the kit starts in 2018.
NATIONAL_YEARS: tuple[int, ...] = tuple(range(2018, 2026))
SCALE_YEARS: dict[str, tuple[int, ...]] = {"workshop": YEARS, "national": NATIONAL_YEARS}
QUARTERS: tuple[int, ...] = (1, 2, 3, 4)
#: Reference day of each quarter's survey round (the 15th of the quarter's middle month),
#: which decides the minimum wage in force for a person record.
QUARTER_REFERENCE_MONTH_DAY: dict[int, str] = {1: "02-15", 2: "05-15", 3: "08-15", 4: "11-15"}
#: Reference date of the enterprise frame's wage and union variables.
FRAME_REFERENCE_DATE = "2025-10-01"
REFERENCE_MONTH_DAY = "10-01"  # kept for code written against the annual rounds

# ---- geography: relative sizes of the 63 former units (assumptions, see each source) -----
_LF_WEIGHTS = {
    "Hà Nội": 8.1, "Huế": 1.1, "Lai Châu": 0.5, "Điện Biên": 0.6, "Sơn La": 1.2,
    "Lạng Sơn": 0.8, "Quảng Ninh": 1.3, "Thanh Hóa": 3.6, "Nghệ An": 3.3, "Hà Tĩnh": 1.3,
    "Cao Bằng": 0.5, "Tuyên Quang": 0.8, "Hà Giang": 0.9, "Lào Cai": 0.7, "Yên Bái": 0.8,
    "Thái Nguyên": 1.3, "Bắc Kạn": 0.3, "Phú Thọ": 1.5, "Vĩnh Phúc": 1.2, "Hòa Bình": 0.9,
    "Bắc Ninh": 1.4, "Bắc Giang": 1.8, "Hưng Yên": 1.3, "Thái Bình": 1.9, "Hải Phòng": 2.0,
    "Hải Dương": 1.9, "Ninh Bình": 1.0, "Hà Nam": 0.9, "Nam Định": 1.8, "Quảng Trị": 0.6,
    "Quảng Bình": 0.9, "Đà Nẵng": 1.1, "Quảng Nam": 1.5, "Quảng Ngãi": 1.2, "Kon Tum": 0.5,
    "Gia Lai": 1.5, "Bình Định": 1.5, "Khánh Hòa": 1.2, "Ninh Thuận": 0.6, "Lâm Đồng": 1.3,
    "Đắk Nông": 0.6, "Bình Thuận": 1.2, "Đắk Lắk": 1.9, "Phú Yên": 0.9,
    "Hồ Chí Minh City": 9.0, "Bình Dương": 2.5, "Bà Rịa–Vũng Tàu": 1.1, "Đồng Nai": 3.1,
    "Bình Phước": 1.0, "Tây Ninh": 1.2, "Long An": 1.7, "Cần Thơ": 1.2, "Sóc Trăng": 1.2,
    "Hậu Giang": 0.7, "Vĩnh Long": 1.0, "Bến Tre": 1.3, "Trà Vinh": 1.0, "Đồng Tháp": 1.6,
    "Tiền Giang": 1.8, "Cà Mau": 1.2, "Bạc Liêu": 0.9, "An Giang": 1.9, "Kiên Giang": 1.7,
}  # fmt: skip

#: Economic class of each former unit: drives minimum-wage regions, enterprise density,
#: foreign investment and urbanisation. Units not listed are "other".
_CLASS = {
    **dict.fromkeys(["Hà Nội", "Hồ Chí Minh City"], "major"),
    **dict.fromkeys(
        [
            "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Bình Dương", "Đồng Nai", "Bà Rịa–Vũng Tàu",
            "Bắc Ninh", "Bắc Giang", "Vĩnh Phúc", "Hải Dương", "Hưng Yên", "Quảng Ninh",
            "Thái Nguyên", "Long An", "Tây Ninh", "Khánh Hòa",
        ],
        "industrial",
    ),
    **dict.fromkeys(
        [
            "Lai Châu", "Điện Biên", "Sơn La", "Cao Bằng", "Hà Giang", "Bắc Kạn", "Lào Cai",
            "Yên Bái", "Kon Tum", "Đắk Nông", "Gia Lai", "Tuyên Quang", "Lạng Sơn",
            "Hòa Bình",
        ],
        "remote",
    ),
}  # fmt: skip
UNIT_CLASS: dict[str, str] = {name: _CLASS.get(name, "other") for name in _LF_WEIGHTS}
CLASSES: tuple[str, ...] = ("major", "industrial", "other", "remote")

#: Every calibration target and true parameter of the generator, by name, with its value,
#: unit and source (a row of the domain facts, a decree, or "assumption").
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
        "the pre-2025 units that make up each current unit; every record carries both",
        FACTS + ", 'The 2025 provincial crosswalk'",
        "checked fact",
    ),
    "province_codes": Param(
        "lrkit.reference.provinces.former_province_table / province_table",
        "two-digit codes of the 63 former units (statistics office list) and of the 34 "
        "current units (the 2025 list of administrative units); used in strata and ids",
        "GSO list of administrative units (Decision 124/2004/QĐ-TTg) and the Prime "
        "Minister's 2025 list (draft on chinhphu.vn), as read from the VietnamProvinces "
        "package; not in " + FACTS,
        "checked fact",
    ),
    "socio_economic_regions": Param(
        "lrkit.reference.provinces.REGIONS",
        "the six socio-economic regions of the statistics office, for the 63 former units; "
        "for the 7 current units that straddle two regions, the region of the former unit "
        "whose name they kept",
        "secondary sources only (⚠ not checked against a statistics office publication); "
        "the region of straddling current units is the kit's assumption",
        "assumption",
    ),
    # ---- geography ----------------------------------------------------------------------
    "labour_force_weights": Param(
        _LF_WEIGHTS,
        "relative size of each pre-2025 unit's labour force, used only to share the national "
        "labour force among strata (rounded population sizes in millions, order of the 2019 "
        "census as remembered, not checked)",
        ASSUMED + " (⚠ approximate relative sizes, not official provincial figures)",
        "assumption",
    ),
    "unit_class": Param(
        UNIT_CLASS,
        "economic class of each pre-2025 unit (major city, industrial, other, remote): "
        "drives minimum-wage regions, enterprise density, foreign investment, urbanisation",
        ASSUMED,
        "assumption",
    ),
    "urban_share_by_class": Param(
        {"major": 0.75, "industrial": 0.45, "other": 0.28, "remote": 0.18},
        "share of a unit's labour force living in urban areas (the urban stratum)",
        ASSUMED,
        "assumption",
    ),
    "min_wage_region_shares_by_class": Param(
        {
            "major": {"I": 0.85, "II": 0.15, "III": 0.0, "IV": 0.0},
            "industrial": {"I": 0.35, "II": 0.40, "III": 0.25, "IV": 0.0},
            "other": {"I": 0.0, "II": 0.15, "III": 0.45, "IV": 0.40},
            "remote": {"I": 0.0, "II": 0.0, "III": 0.30, "IV": 0.70},
        },
        "share of urban jobs and enterprises in communes of each minimum-wage region, by the "
        "unit's class; rural places use the shares of the next class down (regions are set "
        "by commune, so one province spans several)",
        ASSUMED + " (the decrees' commune lists were not tabulated)",
        "assumption",
    ),
    "enterprise_intensity": Param(
        {"major": 5.0, "industrial": 1.8, "other": 0.8, "remote": 0.5},
        "enterprises per unit of labour force, relative, by class of the unit",
        ASSUMED,
        "assumption",
    ),
    # ---- enterprises -------------------------------------------------------------------
    "active_enterprises": Param(
        {
            2016: 505_059,
            2017: 549_860,
            2018: 594_660,
            2019: 639_460,
            2020: 684_260,
            2021: 709_858,
            2022: 735_455,
            2023: 761_053,
            2024: 786_650,
            2025: 812_248,
        },  # fmt: skip
        "active enterprises at the end of each year, national scale; the frame's entries "
        "are set so that the expected number active matches each year",
        FACTS + ": 505,059 (2016), 684,260 (2020), 735,455 (2022) ✔ (White Book); 2017-2019 "
        "and 2021 interpolated, 2023-2025 extrapolated at the 2020-2022 pace (assumptions)",
        "calibrated",
    ),
    "enterprise_urban_uplift": Param(
        0.25,
        "enterprises are more urban than people: an enterprise is in an urban commune with "
        "probability min(0.95, urban share + uplift)",
        ASSUMED,
        "assumption",
    ),
    "enterprise_exit_rate": Param(
        0.06,
        "yearly probability that an active enterprise closes (stops being active)",
        ASSUMED,
        "assumption",
    ),
    "enterprise_age_mean_2017": Param(
        7.0,
        "mean age in years of the enterprises already active at the end of 2017 "
        "(geometric; none founded before 1986)",
        ASSUMED,
        "assumption",
    ),
    "mean_employees": Param(
        14_700_000 / 683_600,
        "mean employment per enterprise (about 21.5): the log-normal size model's location "
        "is solved so that the expected mean equals it",
        FACTS + ": Economic Census 2021, 683,600 firms and 14.7 m workers ✔",
        "calibrated",
    ),
    "log_employees_sd": Param(1.25, "standard deviation of log(employees)", ASSUMED, "assumption"),
    "log_employees_offsets": Param(
        {
            "ownership": {"state": 2.3, "domestic_private": 0.0, "foreign_invested": 2.7},
            "sector": {
                "agriculture": 0.3,
                "garment": 1.0,
                "footwear": 1.6,
                "electronics": 1.2,
                "other_manufacturing": 0.5,
                "construction": 0.2,
                "trade": -0.3,
                "services": -0.2,
            },
        },  # fmt: skip
        "shifts of log(employees) by ownership and sector (heavy tail in foreign-invested "
        "garment, footwear and electronics)",
        ASSUMED,
        "assumption",
    ),
    "workshop_frame_sample": Param(
        {"take_all_from_employees": 200, "fraction_below": 0.01},
        "workshop scale: the pilot provinces' frame is sampled: every enterprise that ever "
        "had 200 or more employees, and 1 in 100 of the others (frame_weight = 1/fraction)",
        ASSUMED + " (a teaching sample small enough to commit)",
        "assumption",
    ),
    "ownership_shares_by_class": Param(
        {
            "major": {"state": 0.004, "domestic_private": 0.946, "foreign_invested": 0.05},
            "industrial": {"state": 0.004, "domestic_private": 0.916, "foreign_invested": 0.08},
            "other": {"state": 0.006, "domestic_private": 0.979, "foreign_invested": 0.015},
            "remote": {"state": 0.010, "domestic_private": 0.985, "foreign_invested": 0.005},
        },
        "ownership of enterprises by the class of their unit",
        ASSUMED + " (⚠ order of magnitude only: about 3-4% of firms foreign-invested)",
        "assumption",
    ),
    "fdi_origin_shares": Param(
        {
            "South Korea": 0.28,
            "Japan": 0.16,
            "China": 0.14,
            "Taiwan": 0.12,
            "Singapore": 0.08,
            "Hong Kong": 0.06,
            "other": 0.16,
        },  # fmt: skip
        "origin economy of foreign-invested enterprises",
        ASSUMED,
        "assumption",
    ),
    "sector_shares": Param(
        {
            "domestic": {
                "agriculture": 0.02,
                "garment": 0.02,
                "footwear": 0.006,
                "electronics": 0.006,
                "other_manufacturing": 0.118,
                "construction": 0.14,
                "trade": 0.40,
                "services": 0.29,
            },
            "foreign_invested": {
                "agriculture": 0.01,
                "garment": 0.12,
                "footwear": 0.05,
                "electronics": 0.14,
                "other_manufacturing": 0.38,
                "construction": 0.03,
                "trade": 0.12,
                "services": 0.15,
            },
        },  # fmt: skip
        "sector of enterprises, for state and domestic private firms and for foreign-invested",
        ASSUMED,
        "assumption",
    ),
    "union_logit": Param(
        {"intercept": -6.0, "log_employees": 1.0, "state": 2.5, "foreign_invested": 0.5},
        "TRUE logit model of having a grassroots union (per enterprise)",
        ASSUMED + " (⚠ no official share of enterprises with a union was found)",
        "assumption",
    ),
    "wro_probability": Param(
        {"from_year": 2021, "employees_at_least": 200, "probability": 0.003},
        "probability that an enterprise with 200+ employees has a worker representative "
        "organisation outside VGCL, founded in 2021 or later",
        FACTS + " for the 2021 start (Labour Code 45/2019, Chapter XIII ✔); the probability "
        "is an assumption",
        "calibrated",
    ),
    "female_share_by_sector": Param(
        {
            "agriculture": 0.40,
            "garment": 0.78,
            "footwear": 0.75,
            "electronics": 0.65,
            "other_manufacturing": 0.40,
            "construction": 0.12,
            "trade": 0.45,
            "services": 0.50,
        },  # fmt: skip
        "mean share of women among an enterprise's employees, by sector (beta distributed)",
        ASSUMED,
        "assumption",
    ),
    "enterprise_log_wage_over_minimum": Param(
        0.45,
        "mean of log(enterprise mean wage / regional minimum on 1 October 2025) for a "
        "domestic private firm",
        ASSUMED,
        "assumption",
    ),
    # ---- agreements ---------------------------------------------------------------------
    "agreements_signed_2025": Param(
        5_262,
        "target: collective agreements newly signed (first or renewed) in 2025, national "
        "scale; the yearly signing hazard of union enterprises is calibrated to it",
        FACTS + " (⚠ 5,262 newly signed agreements reported in 2025, period unclear)",
        "calibrated",
    ),
    "agreement_model": Param(
        {
            "sign_hazard_per_log_employee": 0.02,
            "renewal_probability": 0.85,
            "term_years": {1: 0.2, 2: 0.3, 3: 0.5},
            "multi_enterprise_share": 0.03,
        },
        "a union enterprise without an agreement signs one each year with probability "
        "hazard × log(employees); at expiry it renews with the given probability, otherwise "
        "the agreement lapses; terms of 1-3 years",
        ASSUMED + " for the shape; the hazard is calibrated to agreements_signed_2025",
        "calibrated",
    ),
    "agreement_wage_clause": Param(
        {"above_minimum_mean": 0.08, "above_minimum_sd": 0.04, "meal_allowance_vnd": 730_000},
        "lowest wage in the agreement above the regional minimum (share, normal, at least "
        "0) and the mean monthly meal allowance (VND)",
        ASSUMED,
        "assumption",
    ),
    # ---- labour force survey -------------------------------------------------------------
    "labour_force": Param(
        53_500_000,
        "labour force (employed + unemployed) that person weights sum to in EVERY quarter",
        FACTS + ": 53.5 m in 2025 ✔; other years assumed equal to 2025 (no figure checked)",
        "calibrated",
    ),
    "unemployment_rate": Param(
        0.0222,
        "probability that a labour force member is unemployed",
        FACTS + ": 2.22% in 2025 ✔; other years assumed equal",
        "calibrated",
    ),
    "average_income_2025": Param(
        8_400_000,
        "target for the mean monthly wage of employees in 2025, national scale (the "
        "published figure is the average income of all workers; using it for employees' "
        "wages is an assumption); the wage level is calibrated to it",
        FACTS + ": average income 8.4 m VND/month in 2025 ✔",
        "calibrated",
    ),
    "lfs_design": Param(
        {
            "eas_per_quarter_national": 1600,
            "eas_per_quarter_workshop": 40,
            "min_eas_per_stratum": 2,
            "households_per_ea": 10,
            "response_rate": 0.92,
            "ea_households": [80, 240],
            "households_per_ea_in_frame": 150,
            "extra_lf_members_mean": 0.9,
        },
        "two-stage design: in each stratum (pre-2025 unit × urban/rural) enumeration areas "
        "are drawn each quarter with probability proportional to size (systematic PPS), "
        "then a fixed number of households per EA; all labour force members of responding "
        "households are recorded. Square-root allocation of EAs to strata",
        FACTS + " for the design (stratified two-stage, quarterly ✔); sizes are assumptions "
        "(⚠ current sample size not found; ~3,890 EAs × 32 households in 2010)",
        "calibrated",
    ),
    "female_share_labour_force": Param(
        0.47, "share of women in the labour force", ASSUMED, "assumption"
    ),
    "education_shares": Param(
        {
            "urban": {
                "none_or_primary": 0.15,
                "lower_secondary": 0.22,
                "upper_secondary": 0.28,
                "vocational": 0.12,
                "university": 0.23,
            },
            "rural": {
                "none_or_primary": 0.35,
                "lower_secondary": 0.33,
                "upper_secondary": 0.20,
                "vocational": 0.07,
                "university": 0.05,
            },
        },  # fmt: skip
        "highest level of education completed, by area",
        ASSUMED,
        "assumption",
    ),
    "status_shares": Param(
        {
            "urban": {
                "employee": 0.66,
                "own_account": 0.25,
                "contributing_family": 0.05,
                "employer": 0.04,
            },
            "rural": {
                "employee": 0.44,
                "own_account": 0.38,
                "contributing_family": 0.16,
                "employer": 0.02,
            },
        },  # fmt: skip
        "status in employment of employed persons (ICSE-93 groups), by area",
        ASSUMED,
        "assumption",
    ),
    "worker_sector_shares": Param(
        {
            "employee": {
                "agriculture": 0.06,
                "garment": 0.09,
                "footwear": 0.05,
                "electronics": 0.06,
                "other_manufacturing": 0.16,
                "construction": 0.14,
                "trade": 0.14,
                "services": 0.30,
            },
            "other": {
                "agriculture": 0.52,
                "garment": 0.02,
                "footwear": 0.005,
                "electronics": 0.0,
                "other_manufacturing": 0.055,
                "construction": 0.04,
                "trade": 0.22,
                "services": 0.14,
            },
        },  # fmt: skip
        "sector of the main job, for employees and for the other statuses",
        ASSUMED,
        "assumption",
    ),
    "employee_ownership_shares": Param(
        {
            "major": {"state": 0.15, "domestic_private": 0.63, "foreign_invested": 0.22},
            "industrial": {"state": 0.10, "domestic_private": 0.55, "foreign_invested": 0.35},
            "other": {"state": 0.18, "domestic_private": 0.72, "foreign_invested": 0.10},
            "remote": {"state": 0.25, "domestic_private": 0.72, "foreign_invested": 0.03},
        },
        "ownership of the employer of employees, by the class of the unit of residence "
        "(domestic private includes household businesses)",
        ASSUMED,
        "assumption",
    ),
    "contract_model": Param(
        {
            "written_contract": {"state": 0.97, "domestic_private": 0.55, "foreign_invested": 0.97},
            "indefinite_share_of_written": 0.45,
            "social_insurance_given_written": 0.90,
            "social_insurance_given_none": 0.03,
            "registered_business": {"own_account": 0.08, "employer": 0.60},
        },
        "written labour contract by employer ownership; indefinite or fixed-term; "
        "compulsory social insurance; formal = an employee with social insurance, or an "
        "own-account worker or employer with a registered business; contributing family "
        "workers are always informal (17th ICLS guidelines on informal employment)",
        ASSUMED + " (ILO definitions for the formal/informal split)",
        "assumption",
    ),
    "union_membership_logit": Param(
        {
            "state": 1.7,
            "domestic_private": -0.9,
            "foreign_invested": 0.7,
            "formal": 1.2,
            "trend_per_year": 0.02,
        },
        "TRUE logit model of union membership of employees: intercept (solved, see "
        "union_membership_intercept) + ownership + formal job + yearly trend from 2018",
        ASSUMED + " for the shape (the trend reflects VGCL's recruitment target of 15 m by 2028 ✔)",
        "assumption",
    ),
    "union_density_2018": Param(
        0.4961,
        "target: expected union density of employees, national, 2018; the membership "
        "intercept is solved so the model's expected density equals it",
        FACTS + ": ILOSTAT ILR_TUMT_NOC_RT, 49.61% in 2018 (household survey source) ✔",
        "calibrated",
    ),
    "union_membership_other": Param(
        {"own_account": 0.04, "contributing_family": 0.02, "employer": 0.04, "unemployed": 0.03},
        "probability that a labour force member who is not an employee says they are a union "
        "member; such members are excluded from union density by the ILO definition",
        ASSUMED,
        "assumption",
    ),
    "coverage_model": Param(
        {"member": 0.70, "non_member_formal": 0.25, "informal": 0.02},
        "probability that an employee is covered by a collective agreement: union members; "
        "non-members in formal jobs; informal employees",
        ASSUMED,
        "assumption",
    ),
    "hours_model": Param(
        {"employee": [47, 7], "other": [42, 12]},
        "usual weekly hours (mean, sd), employees and others; between 1 and 84",
        ASSUMED,
        "assumption",
    ),
    # ---- wages: the causal model -------------------------------------------------------
    "wage_log_base": Param(
        0.318,
        "mean log of the latent market wage over the region's January 2018 minimum for a "
        "reference employee (domestic private, upper secondary, man, informal, non-member) "
        "in 2018Q1; calibrated so the 2025 mean employee wage is near average_income_2025",
        FACTS + " (8.4 m, 2025 ✔) via average_income_2025",
        "calibrated",
    ),
    "nominal_wage_growth": Param(
        0.055, "yearly growth of latent market wages (log points)", ASSUMED, "assumption"
    ),
    "log_wage_sd": Param(
        0.42, "standard deviation of the log wage residual", ASSUMED, "assumption"
    ),
    "union_wage_premium": Param(
        0.05,
        "TRUE union wage premium: difference in log latent wage for a union member, other "
        "things equal (about +5%)",
        ASSUMED,
        "assumption",
    ),
    "ownership_wage_effect": Param(
        {"state": 0.10, "domestic_private": 0.0, "foreign_invested": 0.12},
        "TRUE effect of employer ownership on the log latent wage",
        ASSUMED,
        "assumption",
    ),
    "education_wage_effect": Param(
        {
            "none_or_primary": -0.15,
            "lower_secondary": -0.07,
            "upper_secondary": 0.0,
            "vocational": 0.10,
            "university": 0.40,
        },  # fmt: skip
        "TRUE effect of education on the log latent wage",
        ASSUMED,
        "assumption",
    ),
    "female_wage_effect": Param(
        -0.08, "TRUE gap in log latent wage for women, other things equal", ASSUMED, "assumption"
    ),
    "formal_wage_effect": Param(
        0.12, "TRUE effect of a formal job on the log latent wage", ASSUMED, "assumption"
    ),
    "min_wage_compliance": Param(
        {"formal": 0.95, "informal": 0.35},
        "TRUE probability that an employee whose latent wage is below the regional minimum "
        "in force is paid the minimum (plus 0-3%); the others stay below it",
        ASSUMED,
        "assumption",
    ),
    "min_wage_spillover": Param(
        {"band": 0.10, "share": 0.25},
        "TRUE spillover: a compliant employee whose latent wage is between the minimum and "
        "(1 + band) × minimum gets share × the gap to (1 + band) × minimum",
        ASSUMED,
        "assumption",
    ),
    # ---- strikes ----------------------------------------------------------------------
    "strike_counts": Param(
        {
            2018: {"ministry": 110, "vgcl": 47, "true": 150},
            2019: {"ministry": 120, "vgcl": 55, "true": 160},
            2020: {"ministry": 125, "vgcl": 60, "true": 165},
            2021: {"ministry": 100, "vgcl": 50, "true": 135},
            2022: {"ministry": 146, "vgcl": 75, "true": 190},
            2023: {"ministry": 90, "vgcl": 60, "true": 125},
            2024: {"ministry": 80, "vgcl": 55, "true": 110},
            2025: {"ministry": 80, "vgcl": 55, "true": 110},
        },
        "national yearly number of work stoppages: in the ministry register, in the VGCL "
        "register and in truth (every stoppage, recorded or not). Each register holds "
        "exactly its count; which stoppages it holds follows its capture propensities",
        FACTS + ": VGCL 47 in 2018 and 60 in 2023 ✔; ~146 in 2022 ✔ (producer not named: "
        "assigned to the ministry, ⚠); every other figure is an assumption",
        "calibrated",
    ),
    "pilot_share_of_strikes": Param(
        0.55,
        "workshop scale: share of the nation's stoppages that happen in the three pilot "
        "provinces (72-90% of strikes are in the South, where two of the three pilots are)",
        FACTS + " for the South's 72-90% (✔); the pilots' share is an assumption",
        "calibrated",
    ),
    "strike_risk_multipliers": Param(
        {
            "foreign_invested": 1.0,
            "garment": 6.0,
            "footwear": 3.0,
            "electronics": 2.0,
            "has_agreement": 0.6,
            "south": 3.5,
            "per_log_employee": 1.0,
            "min_employees": 50,
        },
        "TRUE relative risk of a stoppage: multipliers for foreign ownership, sector, an "
        "agreement in force and a location in the South (South East, Mekong River Delta), "
        "and the log-risk slope per unit of log(employees); no risk under 50 employees. "
        "Chosen so that 72-80%+ of strikes are in foreign-invested firms, 28-53% in garment "
        "and 72-90% in the South",
        FACTS + " for the targets (✔); the multipliers are the generator's model",
        "calibrated",
    ),
    "strike_workers_median": Param(
        650,
        "median workers involved per stoppage before the cap (log-normal, sd 0.55; capped "
        "at the enterprise's employees, the mean comes out near the 470 reported for H1 "
        "2019)",
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
        "main cause of each stoppage (ministry classification)",
        FACTS + " for the list of causes (✔); the shares are assumptions",
        "calibrated",
    ),
    "strike_led_by_union": Param(
        0.03,
        "probability that a strike is led by the union (nearly all are unofficial)",
        FACTS + " for 'nearly all unofficial' (✔); the 3% is an assumption",
        "calibrated",
    ),
    "register_capture": Param(
        {
            "ministry": {"workers_100_or_more": 0.90, "fewer_workers": 0.55},
            "vgcl": {"with_union": 0.90, "without_union": 0.30, "min_workers": 50},
            "vgcl_start_lag_probability": 0.25,
            "ministry_workers_rounding": 10,
        },
        "how each register picks its stoppages (relative propensities; each register holds "
        "its yearly count): the ministry hears of large stoppages through labour "
        "departments; VGCL counts stoppages of 50+ workers and hears through grassroots "
        "unions. VGCL dates the start when it learns of it (a day late with the given "
        "probability) and records the peak number of workers; the ministry rounds to 10",
        FACTS + " ('counts differ by producer: the labour ministry and VGCL define and count "
        "differently' ✔); the mechanics are assumptions",
        "assumption",
    ),
    # ---- disputes -----------------------------------------------------------------------
    "dispute_counts": Param(
        {"individual": 3000, "collective_rights": 250, "collective_interests": 120},
        "national yearly number of labour disputes filed, by kind",
        ASSUMED + " (⚠ no published count was checked)",
        "assumption",
    ),
    "pilot_share_of_disputes": Param(
        0.45,
        "workshop scale: share of the nation's disputes filed in the pilots",
        ASSUMED,
        "assumption",
    ),
    "dispute_channels": Param(
        {
            "individual": {"conciliator": 0.70, "court": 0.30},
            "collective_rights": {"conciliator": 0.55, "arbitration_council": 0.20, "court": 0.25},
            "collective_interests": {"conciliator": 0.60, "arbitration_council": 0.40},
        },
        "first settlement channel by kind of dispute (Labour Code 2019: conciliators, "
        "arbitration councils, courts)",
        ASSUMED,
        "assumption",
    ),
    "dispute_settlement_days": Param(
        {"conciliator": 12, "arbitration_council": 35, "court": 180},
        "median days from filing to settlement, by channel (log-normal, sd 0.6)",
        ASSUMED,
        "assumption",
    ),
    # ---- raw deliveries ---------------------------------------------------------------
    "raw_fault_rates": Param(
        {
            "province_spelling": 0.55,
            "swapped_day_month": 0.03,
            "two_digit_year": 0.02,
            "impossible_value": 0.03,
            "missing_value": 0.03,
            "duplicate_row": 0.03,
            "padded_whitespace": 0.03,
            "amount_in_thousands": 0.03,
        },
        "share of delivered rows with each kind of injected fault (province_spelling: rows "
        "whose province is spelt in one of the four non-canonical ways)",
        ASSUMED,
        "assumption",
    ),
}

#: Names of the regional minimum-wage rises whose effect the truth reports.
MIN_WAGE_RISES: tuple[str, ...] = ("2022-07-01", "2024-07-01")


def value(name: str) -> Any:
    """Return the value of parameter ``name`` (raises ``KeyError`` with the valid names)."""
    try:
        return PARAMS[name].value
    except KeyError:
        raise KeyError(f"unknown parameter {name!r}; known: {', '.join(PARAMS)}") from None
