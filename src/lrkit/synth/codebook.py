"""Column descriptions of the synthetic datasets (English, with the Vietnamese term).

One source for the written codebook (``datasets/<scale>/codebook.md``), the book's dataset
reference page and the checks in the tests that every column is documented.
"""

from __future__ import annotations

DATASET_TITLES: dict[str, str] = {
    "enterprises": "Enterprise frame (khung doanh nghiệp): one row per enterprise",
    "workers": "Household labour force survey records (điều tra lao động việc làm): one row "
    "per employed person per annual round",
    "strikes": "Strike register (sổ theo dõi đình công): one row per work stoppage",
}

COLUMNS: dict[str, dict[str, str]] = {
    "enterprises": {
        "enterprise_id": "Enterprise identifier (mã doanh nghiệp), E000001…",
        "province": "Province, current 34-unit name (tỉnh/thành phố)",
        "province_pre2025": "Province before the 1 July 2025 merger (tỉnh cũ)",
        "min_wage_region": "Minimum-wage region of the enterprise's commune (vùng lương tối "
        "thiểu): I, II, III, IV",
        "ownership": "Ownership (loại hình sở hữu): state, domestic_private, foreign_invested",
        "sector": "Sector: garment, footwear, electronics, other_manufacturing, construction, "
        "trade, services",
        "vsic": "VSIC 2018 code: division for garment (C14), footwear (C15), electronics (C26); "
        "section letter otherwise",
        "employees": "Number of employees (số lao động), persons",
        "employment_band": "Employment band: 1-9, 10-49, 50-199, 200-999, 1000+",
        "year_founded": "Year the enterprise was founded",
        "has_union": "Has a grassroots trade union (công đoàn cơ sở), true/false",
        "has_agreement": "Has a collective agreement in force (thỏa ước lao động tập thể), "
        "true/false",
        "female_share": "Share of women among employees, 0-1",
        "mean_wage_vnd": "Mean monthly wage, VND, October 2025",
    },
    "workers": {
        "person_id": "Person identifier: year-stratum-EA-household-line",
        "year": "Survey round (reference date 1 October of the year)",
        "province": "Province of residence, current 34-unit name",
        "province_pre2025": "Province of residence before the 2025 merger",
        "urban_rural": "Area (thành thị/nông thôn): urban, rural",
        "stratum": "Sampling stratum: province code × area (e.g. HPG-U)",
        "psu": "Primary sampling unit: the enumeration area (địa bàn điều tra)",
        "household_id": "Household identifier",
        "weight": "Person weight (quyền số): persons in the labour force represented",
        "sex": "Sex: female, male",
        "age": "Age in completed years",
        "education": "Highest level completed: none_or_primary, lower_secondary, "
        "upper_secondary, vocational, university",
        "status": "Status in employment: employee (lao động làm công ăn lương), own_account, "
        "contributing_family, employer",
        "employer_ownership": "Ownership of the employer, employees only: state, "
        "domestic_private, foreign_invested",
        "sector": "Sector of the job (as in enterprises)",
        "vsic": "VSIC 2018 code of the sector",
        "min_wage_region": "Minimum-wage region of the place of work: I, II, III, IV",
        "min_wage_vnd": "Regional monthly minimum wage in force on the reference date, VND",
        "monthly_wage_vnd": "Monthly wage from the main job, VND; employees only (missing for "
        "others)",
        "hours_per_week": "Usual hours worked per week",
        "union_member": "Says they are a trade union member (đoàn viên công đoàn), true/false",
        "covered_by_agreement": "Pay or conditions set by a collective agreement, employees "
        "only, true/false",
    },
    "strikes": {
        "strike_id": "Strike identifier, S00001…",
        "year": "Year the strike started",
        "enterprise_id": "Enterprise where the strike took place (key to enterprises)",
        "province": "Province, current 34-unit name",
        "province_pre2025": "Province before the 2025 merger",
        "ownership": "Ownership of the enterprise",
        "sector": "Sector of the enterprise",
        "start_date": "First day of the stoppage",
        "end_date": "Last day of the stoppage",
        "duration_workdays": "Working days the stoppage lasted",
        "workers_involved": "Workers involved (người lao động tham gia), persons",
        "days_not_worked": "Working days not worked (ngày công bị mất) = workers involved × "
        "working days lost",
        "cause": "Main demand or grievance: wages, tet_bonus, late_pay, "
        "social_insurance_arrears, meal_quality, working_conditions",
        "led_by_union": "Led by the trade union (official action), true/false",
    },
}


def codebook_markdown(row_counts: dict[str, int], seed: int, scale: str) -> str:
    """Return the codebook of the datasets as Markdown (written next to the data)."""
    lines = [
        f"# Codebook: synthetic labour relations data, scale `{scale}`, seed {seed}",
        "",
        "**These data are synthetic.** They were drawn from a seeded model by `lrkit data "
        "build`; no real person, enterprise or strike is described. The model's parameters, "
        "their sources and which of them are checked facts or assumptions are in "
        "`truth.json`. Files are Parquet (primary) and CSV in UTF-8 with a byte-order mark, "
        "so that Excel shows Vietnamese letters correctly.",
        "",
    ]
    for name, columns in COLUMNS.items():
        lines += [
            f"## `{name}` ({row_counts[name]:,} rows)",
            "",
            DATASET_TITLES[name],
            "",
            "| column | meaning |",
            "|---|---|",
        ]
        lines += [f"| `{column}` | {meaning} |" for column, meaning in columns.items()]
        lines.append("")
    return "\n".join(lines)
