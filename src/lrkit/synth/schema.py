"""Field-level metadata of every dataset, in English and Vietnamese.

Types, units, descriptions, enumerations, keys and the parameters each dataset is
calibrated on.

One source for ``codebook.md``, ``datapackage.json`` and the book's dataset reference page,
and for the test that every column is documented.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lrkit.reference.minimum_wage import REGIONS as WAGE_REGIONS
from lrkit.reference.provinces import REGIONS
from lrkit.synth.agreements import WARM_UP_FROM
from lrkit.synth.disputes import CHANNELS, ISSUE_LABELS, KINDS, OUTCOME_LABELS
from lrkit.synth.enterprises import EMPLOYMENT_BANDS, OWNERSHIPS, SECTORS
from lrkit.synth.strikes import CAUSES, VGCL_GROUPS
from lrkit.synth.workers import AREAS, CONTRACTS, EDUCATION, STATUSES


@dataclass(frozen=True)
class Field:
    """One column: name, Frictionless type, descriptions, unit and allowed values."""

    name: str
    type: str
    en: str
    vi: str
    unit: str | None = None
    enum: tuple[Any, ...] | None = None
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class Dataset:
    """One dataset: title, descriptions, fields, keys and calibration parameters."""

    name: str
    title: str
    en: str
    vi: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (field, dataset, field)
    params: tuple[str, ...] = ()
    folder: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


F = Field
_OWN = tuple(OWNERSHIPS)
_SECT = tuple(SECTORS)
_WR = tuple(WAGE_REGIONS)


def _province_fields() -> tuple[Field, ...]:
    return (
        F(
            "province",
            "string",
            "Province, current 34-unit name",
            "Tỉnh/thành phố (34 đơn vị hiện nay)",
            required=True,
        ),
        F(
            "province_pre2025",
            "string",
            "Province before the 1 July 2025 merger (63 units)",
            "Tỉnh/thành phố trước sáp nhập 1/7/2025",
            required=True,
        ),
    )


_PROVINCE_FK = (
    ("province", "provinces", "province_2025"),
    ("province_pre2025", "provinces_pre2025", "province_pre2025"),
)
_ENTERPRISE_FK = (("enterprise_id", "enterprises", "enterprise_id"),)

#: The schema of every dataset the generator writes, by name: its fields, types, units,
#: descriptions in English and Vietnamese, keys and sources.
DATASETS: dict[str, Dataset] = {}


def _add(dataset: Dataset) -> None:
    DATASETS[dataset.name] = dataset


_add(
    Dataset(
        "provinces",
        "Current provincial units (34)",
        "The 34 provincial units from 1 July 2025 (6 cities, 28 provinces): codes, names with and "
        "without diacritics, socio-economic region. REAL reference data, not synthetic.",
        "34 đơn vị hành chính cấp tỉnh từ 1/7/2025: mã, tên có dấu và không dấu, "
        "vùng kinh tế - xã hội.",
        (
            F(
                "code_2025",
                "string",
                "Official two-digit code of the current unit",
                "Mã đơn vị hành chính (2025)",
                required=True,
            ),
            F(
                "province_2025",
                "string",
                "Name of the current unit",
                "Tên tỉnh/thành phố",
                required=True,
            ),
            F(
                "province_2025_ascii",
                "string",
                "Name without diacritics",
                "Tên không dấu",
                required=True,
            ),
            F(
                "unit_type",
                "string",
                "City (centrally run) or province",
                "Thành phố trực thuộc TW / tỉnh",
                enum=("city", "province"),
                required=True,
            ),
            F(
                "region",
                "string",
                "Socio-economic region (when the unit straddles two: that of the former unit "
                "whose name it kept)",
                "Vùng kinh tế - xã hội",
                enum=tuple(REGIONS),
                required=True,
            ),
            F(
                "region_status",
                "string",
                "'single region' or 'assumption' (the unit straddles two regions)",
                "Mức độ chắc chắn của vùng",
                enum=("single region", "assumption"),
                required=True,
            ),
            F(
                "n_former_units",
                "integer",
                "Number of pre-2025 units it was formed from",
                "Số tỉnh cũ hợp thành",
                minimum=1,
                required=True,
            ),
            F(
                "pilot",
                "boolean",
                "One of the kit's three pilot provinces",
                "Tỉnh thí điểm của bộ tài liệu",
                required=True,
            ),
        ),
        primary_key=("province_2025",),
        params=("province_merger_2025", "province_codes", "socio_economic_regions"),
    )
)
_add(
    Dataset(
        "provinces_pre2025",
        "Pre-2025 provincial units (63) and the 2025 crosswalk",
        "The 63 provincial units before 1 July 2025 with their statistics-office code, region and "
        "the current unit each became part of. REAL reference data.",
        "63 tỉnh/thành phố trước 1/7/2025: mã, vùng và tỉnh mới sau sáp nhập (bảng chuyển đổi).",
        (
            F(
                "code_pre2025",
                "string",
                "Statistics-office two-digit code of the former unit",
                "Mã tỉnh cũ",
                required=True,
            ),
            F(
                "province_pre2025",
                "string",
                "Name of the former unit",
                "Tên tỉnh cũ",
                required=True,
            ),
            F(
                "province_pre2025_ascii",
                "string",
                "Name without diacritics",
                "Tên không dấu",
                required=True,
            ),
            F(
                "region",
                "string",
                "Socio-economic region (⚠ checked against secondary sources only)",
                "Vùng kinh tế - xã hội",
                enum=tuple(REGIONS),
                required=True,
            ),
            F(
                "code_2025",
                "string",
                "Code of the current unit it belongs to",
                "Mã tỉnh mới",
                required=True,
            ),
            F("province_2025", "string", "Current unit it belongs to", "Tỉnh mới", required=True),
        ),
        primary_key=("province_pre2025",),
        foreign_keys=(("province_2025", "provinces", "province_2025"),),
        params=("province_merger_2025", "province_codes", "socio_economic_regions"),
    )
)
_add(
    Dataset(
        "minimum_wage",
        "Regional minimum wage schedule, 2018-2026",
        "Monthly and hourly regional minimum wages by decree and region. REAL data from the "
        "decrees.",
        "Lương tối thiểu vùng theo tháng và theo giờ, theo từng nghị định và vùng.",
        (
            F(
                "effective_from",
                "date",
                "Date the decree's amounts took effect",
                "Ngày có hiệu lực",
                required=True,
            ),
            F("decree", "string", "Decree number", "Số nghị định", required=True),
            F("region", "string", "Minimum-wage region", "Vùng", enum=_WR, required=True),
            F(
                "monthly_vnd",
                "integer",
                "Monthly minimum wage",
                "Mức lương tối thiểu tháng",
                unit="VND per month",
                required=True,
            ),
            F(
                "hourly_vnd",
                "integer",
                "Hourly minimum wage (from the 2022 decree on)",
                "Mức lương tối thiểu giờ",
                unit="VND per hour",
            ),
            F(
                "previous_monthly_vnd",
                "integer",
                "Monthly minimum of the previous decree",
                "Mức tháng của nghị định trước",
                unit="VND per month",
            ),
            F(
                "rise_vnd",
                "integer",
                "Rise over the previous decree",
                "Mức tăng",
                unit="VND per month",
            ),
            F("rise_pct", "number", "Rise over the previous decree", "Tỷ lệ tăng", unit="percent"),
        ),
        primary_key=("effective_from", "region"),
        params=("minimum_wage_schedule",),
    )
)
_add(
    Dataset(
        "enterprises",
        "Enterprise frame (khung doanh nghiệp)",
        "One row per enterprise active at some time in 2018-2025 (entry and exit calibrated to the "
        "White Book counts). At workshop scale a sample of the pilot provinces' frame: use "
        "frame_weight for totals.",
        "Mỗi dòng một doanh nghiệp hoạt động trong giai đoạn 2018-2025. Ở quy mô hội thảo là mẫu; "
        "dùng frame_weight để ước lượng tổng.",
        (
            F(
                "enterprise_id",
                "string",
                "Enterprise identifier (mã doanh nghiệp)",
                "Mã doanh nghiệp",
                required=True,
            ),
            F(
                "enterprise_name",
                "string",
                "Synthetic enterprise name (not unique)",
                "Tên doanh nghiệp (giả lập)",
                required=True,
            ),
            *_province_fields(),
            F(
                "urban_rural",
                "string",
                "Area of the enterprise's commune",
                "Thành thị/nông thôn",
                enum=AREAS,
                required=True,
            ),
            F(
                "min_wage_region",
                "string",
                "Minimum-wage region of the enterprise's commune",
                "Vùng lương tối thiểu",
                enum=_WR,
                required=True,
            ),
            F(
                "ownership",
                "string",
                "Ownership (loại hình sở hữu)",
                "Loại hình sở hữu",
                enum=_OWN,
                required=True,
            ),
            F(
                "fdi_origin",
                "string",
                "Origin economy of a foreign-invested enterprise",
                "Nước/vùng lãnh thổ đầu tư",
            ),
            F(
                "sector",
                "string",
                "Sector (garment, footwear, electronics at VSIC division level)",
                "Ngành",
                enum=_SECT,
                required=True,
            ),
            F(
                "vsic",
                "string",
                "VSIC 2018 division (section letter + two digits)",
                "Mã ngành VSIC 2018 cấp 2",
                required=True,
            ),
            F(
                "employees",
                "integer",
                "Number of employees (2025, or at closure)",
                "Số lao động",
                unit="persons",
                minimum=1,
                required=True,
            ),
            F(
                "employment_band",
                "string",
                "Employment band",
                "Quy mô lao động",
                enum=tuple(b for _, _, b in EMPLOYMENT_BANDS),
                required=True,
            ),
            F(
                "year_founded",
                "integer",
                "Year the enterprise was founded",
                "Năm thành lập",
                minimum=1986,
                maximum=2025,
                required=True,
            ),
            F(
                "year_closed",
                "integer",
                "Year the enterprise stopped being active (empty: active at the end of 2025)",
                "Năm ngừng hoạt động",
                minimum=2018,
                maximum=2025,
            ),
            F(
                "has_union",
                "boolean",
                "Has a grassroots trade union (công đoàn cơ sở)",
                "Có công đoàn cơ sở",
                required=True,
            ),
            F(
                "has_agreement",
                "boolean",
                "A collective agreement in force on 1 October 2025",
                "Có thỏa ước lao động tập thể còn hiệu lực 1/10/2025",
                required=True,
            ),
            F(
                "has_wro",
                "boolean",
                "Has a worker representative organisation outside VGCL (possible from 2021)",
                "Có tổ chức đại diện người lao động tại doanh nghiệp (ngoài Công đoàn)",
                required=True,
            ),
            F(
                "wro_year",
                "integer",
                "Year the worker representative organisation was founded",
                "Năm thành lập tổ chức đại diện",
                minimum=2021,
                maximum=2025,
            ),
            F(
                "female_share",
                "number",
                "Share of women among employees",
                "Tỷ lệ lao động nữ",
                unit="share 0-1",
                minimum=0,
                maximum=1,
                required=True,
            ),
            F(
                "mean_wage_vnd",
                "integer",
                "Mean monthly wage, October of the last active year",
                "Tiền lương bình quân tháng",
                unit="VND per month",
                minimum=0,
                required=True,
            ),
            F(
                "frame_weight",
                "number",
                "Enterprises of the full frame this row stands for (1 at national scale)",
                "Quyền số khung mẫu",
                minimum=1,
                required=True,
            ),
        ),
        primary_key=("enterprise_id",),
        foreign_keys=_PROVINCE_FK,
        params=(
            "active_enterprises",
            "enterprise_exit_rate",
            "mean_employees",
            "log_employees_sd",
            "log_employees_offsets",
            "ownership_shares_by_class",
            "fdi_origin_shares",
            "sector_shares",
            "union_logit",
            "wro_probability",
            "female_share_by_sector",
            "workshop_frame_sample",
            "enterprise_log_wage_over_minimum",
            "enterprise_urban_uplift",
            "enterprise_intensity",
        ),
    )
)
_add(
    Dataset(
        "workers",
        "Labour force survey records (điều tra lao động việc làm)",
        "One row per labour force member (employed or unemployed) interviewed in a quarterly "
        "round, "
        "with the stratified two-stage design variables; weights sum to the labour force in every "
        "quarter, so pool quarters by filtering a year and keep using the weights.",
        "Mỗi dòng một người trong lực lượng lao động được phỏng vấn trong một quý; "
        "quyền số cộng lại "
        "bằng lực lượng lao động của mỗi quý.",
        (
            F(
                "person_id",
                "string",
                "Person identifier: round-stratum-EA-household-line",
                "Mã người",
                required=True,
            ),
            F("year", "integer", "Survey year", "Năm điều tra", required=True),
            F(
                "quarter",
                "integer",
                "Survey quarter (reference day: the 15th of the middle month)",
                "Quý",
                enum=(1, 2, 3, 4),
                required=True,
            ),
            *_province_fields(),
            F(
                "urban_rural",
                "string",
                "Area of residence (thành thị/nông thôn)",
                "Thành thị/nông thôn",
                enum=AREAS,
                required=True,
            ),
            F(
                "stratum",
                "string",
                "Sampling stratum: pre-2025 province code × area (79-U)",
                "Tầng mẫu",
                required=True,
            ),
            F(
                "psu",
                "string",
                "Primary sampling unit: the enumeration area (địa bàn điều tra) in the round",
                "Địa bàn điều tra",
                required=True,
            ),
            F("household_id", "string", "Household identifier", "Mã hộ", required=True),
            F(
                "weight",
                "number",
                "Person weight (quyền số): persons in the labour force represented",
                "Quyền số",
                unit="persons",
                minimum=0,
                required=True,
            ),
            F("sex", "string", "Sex", "Giới tính", enum=("female", "male"), required=True),
            F(
                "age",
                "integer",
                "Age in completed years",
                "Tuổi",
                unit="years",
                minimum=15,
                maximum=70,
                required=True,
            ),
            F(
                "education",
                "string",
                "Highest level completed",
                "Trình độ học vấn cao nhất",
                enum=EDUCATION,
                required=True,
            ),
            F(
                "labour_force_status",
                "string",
                "Employed or unemployed",
                "Có việc làm/thất nghiệp",
                enum=("employed", "unemployed"),
                required=True,
            ),
            F(
                "status",
                "string",
                "Status in employment (empty for the unemployed)",
                "Vị thế việc làm",
                enum=STATUSES,
            ),
            F(
                "employer_ownership",
                "string",
                "Ownership of the employer, employees only",
                "Loại hình sở hữu của nơi làm việc",
                enum=_OWN,
            ),
            F(
                "sector",
                "string",
                "Sector of the main job",
                "Ngành của công việc chính",
                enum=_SECT,
            ),
            F("vsic", "string", "VSIC 2018 division of the main job", "Mã ngành VSIC 2018"),
            F(
                "contract_type",
                "string",
                "Labour contract of employees: indefinite, fixed-term, none (verbal)",
                "Loại hợp đồng lao động",
                enum=CONTRACTS,
            ),
            F(
                "social_insurance",
                "boolean",
                "Employee contributing to compulsory social insurance",
                "Tham gia BHXH bắt buộc",
                required=True,
            ),
            F(
                "formal",
                "boolean",
                "Formal job (ILO: employees with social insurance; registered own-account "
                "workers and employers)",
                "Việc làm chính thức",
            ),
            F(
                "min_wage_region",
                "string",
                "Minimum-wage region of the place of work",
                "Vùng lương tối thiểu nơi làm việc",
                enum=_WR,
            ),
            F(
                "min_wage_vnd",
                "integer",
                "Regional monthly minimum wage in force on the reference day",
                "Lương tối thiểu vùng",
                unit="VND per month",
            ),
            F(
                "monthly_wage_vnd",
                "integer",
                "Monthly wage from the main job, employees only",
                "Tiền lương tháng",
                unit="VND per month",
                minimum=0,
            ),
            F(
                "hours_per_week",
                "integer",
                "Usual hours worked per week",
                "Số giờ làm việc/tuần",
                unit="hours",
                minimum=1,
                maximum=84,
            ),
            F(
                "union_member",
                "boolean",
                "Says they are a trade union member (đoàn viên công đoàn)",
                "Là đoàn viên công đoàn",
                required=True,
            ),
            F(
                "covered_by_agreement",
                "boolean",
                "Pay or conditions set by a collective agreement, employees only",
                "Được thỏa ước lao động tập thể áp dụng",
                required=True,
            ),
        ),
        primary_key=("person_id",),
        foreign_keys=_PROVINCE_FK,
        params=(
            "labour_force",
            "unemployment_rate",
            "lfs_design",
            "labour_force_weights",
            "unit_class",
            "urban_share_by_class",
            "min_wage_region_shares_by_class",
            "female_share_labour_force",
            "education_shares",
            "status_shares",
            "worker_sector_shares",
            "employee_ownership_shares",
            "contract_model",
            "union_membership_logit",
            "union_density_2018",
            "union_membership_other",
            "coverage_model",
            "hours_model",
            "wage_log_base",
            "average_income_2025",
            "nominal_wage_growth",
            "log_wage_sd",
            "union_wage_premium",
            "ownership_wage_effect",
            "education_wage_effect",
            "female_wage_effect",
            "formal_wage_effect",
            "min_wage_compliance",
            "min_wage_spillover",
            "minimum_wage_schedule",
        ),
    )
)
_STRIKE_COMMON = (
    F("year", "integer", "Year the stoppage started", "Năm", required=True),
    F(
        "enterprise_id",
        "string",
        "Enterprise (key to enterprises)",
        "Mã doanh nghiệp",
        required=True,
    ),
    *_province_fields(),
    F(
        "ownership",
        "string",
        "Ownership of the enterprise",
        "Loại hình sở hữu",
        enum=_OWN,
        required=True,
    ),
    F("sector", "string", "Sector of the enterprise", "Ngành", enum=_SECT, required=True),
)
_add(
    Dataset(
        "strikes",
        "Ministry strike register (sổ theo dõi đình công, Bộ)",
        "The labour ministry's register of work stoppages (15th ICLS units): every stoppage its "
        "labour departments reported; workers rounded to 10. Overlaps partly with strikes_vgcl.",
        "Sổ theo dõi ngừng việc tập thể/đình công của Bộ (đơn vị theo ICLS 15).",
        (
            F(
                "strike_id",
                "string",
                "Record identifier in the ministry register",
                "Mã vụ",
                required=True,
            ),
            *_STRIKE_COMMON,
            F("start_date", "date", "First day of the stoppage", "Ngày bắt đầu", required=True),
            F("end_date", "date", "Last day of the stoppage", "Ngày kết thúc", required=True),
            F(
                "duration_workdays",
                "integer",
                "Working days the stoppage lasted",
                "Số ngày làm việc bị ngừng",
                unit="days",
                minimum=1,
                required=True,
            ),
            F(
                "workers_involved",
                "integer",
                "Workers involved (rounded to 10)",
                "Số người tham gia",
                unit="persons",
                minimum=1,
                required=True,
            ),
            F(
                "days_not_worked",
                "integer",
                "Days not worked = workers involved × duration",
                "Số ngày công bị mất",
                unit="person-days",
                minimum=1,
                required=True,
            ),
            F(
                "cause",
                "string",
                "Main demand or grievance",
                "Nguyên nhân chính",
                enum=CAUSES,
                required=True,
            ),
            F(
                "led_by_union",
                "boolean",
                "Led by the trade union (official action)",
                "Do công đoàn lãnh đạo",
                required=True,
            ),
        ),
        primary_key=("strike_id",),
        foreign_keys=_ENTERPRISE_FK + _PROVINCE_FK,
        params=(
            "strike_counts",
            "pilot_share_of_strikes",
            "strike_risk_multipliers",
            "strike_workers_median",
            "strike_duration_days",
            "strike_causes",
            "strike_led_by_union",
            "register_capture",
        ),
    )
)
_add(
    Dataset(
        "strikes_vgcl",
        "VGCL strike register (Tổng Liên đoàn)",
        "The trade union confederation's register: stoppages of 50+ workers it heard of, mostly "
        "through grassroots unions; start dated when reported, peak workers, four cause groups. "
        "Overlaps partly with strikes; the true link is only in truth/strike_linkage.",
        "Sổ theo dõi ngừng việc tập thể của Tổng Liên đoàn Lao động Việt Nam.",
        (
            F(
                "record_id",
                "string",
                "Record identifier in the VGCL register",
                "Mã vụ",
                required=True,
            ),
            *_STRIKE_COMMON,
            F(
                "reported_start_date",
                "date",
                "Start date as recorded (the day VGCL learnt of it)",
                "Ngày xảy ra (theo báo cáo)",
                required=True,
            ),
            F(
                "duration_workdays",
                "integer",
                "Working days the stoppage lasted",
                "Số ngày",
                unit="days",
                minimum=1,
                required=True,
            ),
            F(
                "peak_workers",
                "integer",
                "Peak number of workers stopping",
                "Số người ngừng việc cao nhất",
                unit="persons",
                minimum=50,
                required=True,
            ),
            F(
                "days_not_worked",
                "integer",
                "Peak workers × duration",
                "Số ngày công bị mất",
                unit="person-days",
                minimum=1,
                required=True,
            ),
            F(
                "cause_group",
                "string",
                "Cause group",
                "Nhóm nguyên nhân",
                enum=VGCL_GROUPS,
                required=True,
            ),
            F(
                "led_by_union",
                "boolean",
                "Led by the trade union",
                "Do công đoàn lãnh đạo",
                required=True,
            ),
            F(
                "grassroots_union",
                "boolean",
                "The enterprise has a grassroots union",
                "Doanh nghiệp có công đoàn cơ sở",
                required=True,
            ),
        ),
        primary_key=("record_id",),
        foreign_keys=_ENTERPRISE_FK + _PROVINCE_FK,
        params=("strike_counts", "register_capture"),
    )
)
_add(
    Dataset(
        "disputes",
        "Labour dispute register (tranh chấp lao động)",
        "Individual and collective (rights and interests) labour disputes: channel, dates filed "
        "and settled, outcome. Pending disputes have no settled date.",
        "Tranh chấp lao động cá nhân và tập thể (về quyền, về lợi ích): kênh giải quyết, "
        "ngày, kết quả.",
        (
            F("dispute_id", "string", "Dispute identifier", "Mã tranh chấp", required=True),
            F(
                "enterprise_id",
                "string",
                "Enterprise (key to enterprises)",
                "Mã doanh nghiệp",
                required=True,
            ),
            *_province_fields(),
            F("year", "integer", "Year filed", "Năm", required=True),
            F(
                "kind",
                "string",
                "Individual, collective about rights, collective about interests",
                "Loại tranh chấp",
                enum=KINDS,
                required=True,
            ),
            F(
                "nature",
                "string",
                "Rights or interests",
                "Về quyền/về lợi ích",
                enum=("rights", "interests"),
                required=True,
            ),
            F("issue", "string", "Main issue", "Nội dung", enum=ISSUE_LABELS, required=True),
            F(
                "workers_involved",
                "integer",
                "Workers party to the dispute",
                "Số người lao động",
                unit="persons",
                minimum=1,
                required=True,
            ),
            F(
                "channel",
                "string",
                "First settlement channel",
                "Cơ quan giải quyết",
                enum=CHANNELS,
                required=True,
            ),
            F("filed_date", "date", "Date filed", "Ngày yêu cầu giải quyết", required=True),
            F("settled_date", "date", "Date settled (empty: pending)", "Ngày giải quyết xong"),
            F("outcome", "string", "Outcome", "Kết quả", enum=OUTCOME_LABELS, required=True),
        ),
        primary_key=("dispute_id",),
        foreign_keys=_ENTERPRISE_FK + _PROVINCE_FK,
        params=(
            "dispute_counts",
            "pilot_share_of_disputes",
            "dispute_channels",
            "dispute_settlement_days",
        ),
    )
)
_add(
    Dataset(
        "agreements",
        "Collective agreement register (thỏa ước lao động tập thể)",
        "Every collective agreement in force at some time from 1 January 2018 (simulated from "
        f"{WARM_UP_FROM}), with its wage clause and allowances, linked to enterprises.",
        "Sổ đăng ký thỏa ước lao động tập thể, liên kết với doanh nghiệp.",
        (
            F("agreement_id", "string", "Agreement identifier", "Mã thỏa ước", required=True),
            F(
                "enterprise_id",
                "string",
                "Enterprise (key to enterprises)",
                "Mã doanh nghiệp",
                required=True,
            ),
            *_province_fields(),
            F(
                "level",
                "string",
                "Enterprise or multi-enterprise agreement",
                "Cấp thỏa ước",
                enum=("enterprise", "multi_enterprise"),
                required=True,
            ),
            F("signed_date", "date", "Date signed (and in force)", "Ngày ký", required=True),
            F("expiry_date", "date", "Last day in force", "Ngày hết hạn", required=True),
            F(
                "term_years",
                "integer",
                "Term",
                "Thời hạn",
                unit="years",
                enum=(1, 2, 3),
                required=True,
            ),
            F(
                "renewal",
                "boolean",
                "Renews an agreement that expired that day",
                "Ký lại",
                required=True,
            ),
            F(
                "workers_covered",
                "integer",
                "Employees of the enterprise covered",
                "Số lao động áp dụng",
                unit="persons",
                minimum=1,
                required=True,
            ),
            F(
                "min_wage_region",
                "string",
                "Minimum-wage region of the enterprise",
                "Vùng",
                enum=_WR,
                required=True,
            ),
            F(
                "min_wage_vnd",
                "integer",
                "Regional minimum when signed (2018 level for earlier agreements)",
                "Lương tối thiểu vùng khi ký",
                unit="VND per month",
                required=True,
            ),
            F(
                "lowest_wage_vnd",
                "integer",
                "Lowest wage in the agreement's pay scale",
                "Mức lương thấp nhất",
                unit="VND per month",
                required=True,
            ),
            F(
                "lowest_wage_above_minimum_pct",
                "number",
                "How far the lowest wage is above the minimum",
                "Cao hơn lương tối thiểu",
                unit="percent",
                minimum=0,
                required=True,
            ),
            F(
                "meal_allowance_vnd",
                "integer",
                "Monthly meal allowance",
                "Phụ cấp ăn ca",
                unit="VND per month",
                minimum=0,
                required=True,
            ),
        ),
        primary_key=("agreement_id",),
        foreign_keys=_ENTERPRISE_FK + _PROVINCE_FK,
        params=("agreements_signed_2025", "agreement_model", "agreement_wage_clause"),
    )
)
_add(
    Dataset(
        "strikes_true",
        "TRUTH: every work stoppage",
        "Hidden truth for exercises: every stoppage, "
        "recorded or not, with its true values and which registers hold it.",
        "Sự thật ẩn: mọi vụ ngừng việc, có hay không được ghi nhận.",
        (
            F("true_strike_id", "string", "True stoppage identifier", "Mã thật", required=True),
            *_STRIKE_COMMON,
            F("start_date", "date", "First day", "Ngày bắt đầu", required=True),
            F("end_date", "date", "Last day", "Ngày kết thúc", required=True),
            F(
                "duration_workdays",
                "integer",
                "Working days",
                "Số ngày",
                unit="days",
                minimum=1,
                required=True,
            ),
            F(
                "workers_involved",
                "integer",
                "Workers involved (true)",
                "Số người tham gia",
                unit="persons",
                minimum=1,
                required=True,
            ),
            F(
                "days_not_worked",
                "integer",
                "Days not worked (true)",
                "Ngày công bị mất",
                unit="person-days",
                minimum=1,
                required=True,
            ),
            F("cause", "string", "Main cause", "Nguyên nhân", enum=CAUSES, required=True),
            F(
                "led_by_union",
                "boolean",
                "Led by the union",
                "Do công đoàn lãnh đạo",
                required=True,
            ),
            F(
                "in_ministry_register",
                "boolean",
                "Recorded by the ministry",
                "Có trong sổ của Bộ",
                required=True,
            ),
            F(
                "in_vgcl_register",
                "boolean",
                "Recorded by VGCL",
                "Có trong sổ của Tổng LĐLĐ",
                required=True,
            ),
        ),
        primary_key=("true_strike_id",),
        foreign_keys=_ENTERPRISE_FK,
        folder="truth",
        params=("strike_counts", "strike_risk_multipliers"),
    )
)
_add(
    Dataset(
        "strike_linkage",
        "TRUTH: links from register records to true stoppages",
        "Which true stoppage each record of each register describes (the answer key of a "
        "record-linkage exercise).",
        "Khóa liên kết thật giữa hai sổ.",
        (
            F("register", "string", "Register", "Sổ", enum=("ministry", "vgcl"), required=True),
            F(
                "record_id",
                "string",
                "strike_id (ministry) or record_id (vgcl)",
                "Mã vụ trong sổ",
                required=True,
            ),
            F("true_strike_id", "string", "True stoppage", "Mã thật", required=True),
        ),
        primary_key=("register", "record_id"),
        foreign_keys=(("true_strike_id", "strikes_true", "true_strike_id"),),
        folder="truth",
    )
)

#: Clean datasets written at the top of a scale's folder (load_dataset names).
CLEAN: tuple[str, ...] = tuple(n for n, d in DATASETS.items() if not d.folder)
TRUTH_TABLES: tuple[str, ...] = tuple(n for n, d in DATASETS.items() if d.folder == "truth")


def columns(name: str) -> list[str]:
    """Return the documented column names of dataset ``name``, in order."""
    return [f.name for f in DATASETS[name].fields]
