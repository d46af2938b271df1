"""Synthetic Labour-Force-Survey-like person records: quarterly rounds, a two-stage design.

**Design.** Strata are the pre-2025 units × urban/rural (the sample was designed before the
2025 merger, so 2025 rounds keep the old strata). Each stratum has a frame of enumeration
areas (EAs, the PSUs) with 80-240 households. Each quarter, EAs are drawn in every stratum
by systematic sampling with probability proportional to size (square-root allocation,
at least 2 per stratum), then 10 households per EA; every labour force member (employed or
unemployed) of a responding household is recorded. Weights: the design weight M_s/(n_s·m),
adjusted for non-response in the EA (m/r), then post-stratified so that they sum, in each
stratum and quarter, to the stratum's share of the labour force; the national total is
53.5 million in EVERY quarter (so a whole-year filter pools four quarters).

**Persons.** Sex, age, education and labour force status; for the employed: status in
employment, sector, the minimum-wage region of the place of work, employer ownership,
contract, social insurance, formal/informal (ILO), union membership (a logit whose intercept
is solved so the expected 2018 national density is 49.61%) and coverage by an agreement.

**Wages (employees): the causal model.** A latent market wage
``log w* = log(minimum of the region on 1 Jan 2018) + base + growth·t + ownership + education
+ female + formal + premium·member + ε``. A compliant employee (95% formal, 35% informal)
whose w* is below the minimum in force M is paid M (+0-3%); one between M and 1.1·M gets a
quarter of the gap to 1.1·M (spillover). Non-compliant employees keep w*. The effect of a
minimum-wage rise is the difference between the wage under the new minimum and under the
old one for the same person; ``rise_effects`` reports it for the 2022-07 and 2024-07 rises.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from lrkit.reference.minimum_wage import REGIONS as WAGE_REGIONS
from lrkit.reference.minimum_wage import monthly_minimum_array, previous_monthly_minimum_array
from lrkit.synth.enterprises import OWNERSHIPS, SECTOR_DIVISIONS, SECTORS
from lrkit.synth.geography import by_date_and_region, class_codes, draw_wage_regions, units
from lrkit.synth.params import (
    CLASSES,
    MIN_WAGE_RISES,
    NATIONAL_YEARS,
    QUARTER_REFERENCE_MONTH_DAY,
    SCALE_YEARS,
    value,
)
from lrkit.synth.random import draw_codes_by_group, logistic, shares_table, stream
from lrkit.synth.text import decode, digit_block, from_blocks, join, label_block, padded, text_block

STATUSES: tuple[str, ...] = ("employee", "own_account", "contributing_family", "employer")
EDUCATION: tuple[str, ...] = (
    "none_or_primary",
    "lower_secondary",
    "upper_secondary",
    "vocational",
    "university",
)
CONTRACTS: tuple[str, ...] = ("indefinite", "fixed_term", "none")
AREAS: tuple[str, ...] = ("urban", "rural")
EMPLOYEE = 0


def strata(scale: str) -> pd.DataFrame:
    """Return the strata of ``scale``: unit × area, labour force total and EAs per quarter."""
    table = units(scale)
    design = value("lfs_design")
    rows = []
    for i, unit in table.iterrows():
        for a, area in enumerate(AREAS):
            share = unit["urban_share"] if area == "urban" else 1 - unit["urban_share"]
            rows.append(
                (i, a, f"{unit['code_pre2025']}-{area[0].upper()}", unit["lf_share"] * share)
            )
    frame = pd.DataFrame(rows, columns=["unit", "area", "stratum", "lf_share"])
    frame["labour_force"] = frame["lf_share"] * value("labour_force")
    total = design[f"eas_per_quarter_{scale}"]
    root = np.sqrt(frame["lf_share"])
    frame["eas"] = np.maximum(design["min_eas_per_stratum"], np.round(total * root / root.sum()))
    frame["eas"] = frame["eas"].astype(np.int64)
    return frame


def membership_intercept() -> float:
    """Solve the membership logit's intercept by bisection on the population mix.

    The expected 2018 national density of employees then equals ``union_density_2018``.
    """
    table = units("national")
    model = value("union_membership_logit")
    contract = value("contract_model")
    mass = np.zeros(len(OWNERSHIPS))
    formal = np.zeros(len(OWNERSHIPS))
    for _, unit in table.iterrows():
        for area, share in (("urban", unit["urban_share"]), ("rural", 1 - unit["urban_share"])):
            employees = unit["lf_share"] * share * value("status_shares")[area]["employee"]
            owners = value("employee_ownership_shares")[unit["unit_class"]]
            for o, owner in enumerate(OWNERSHIPS):
                mass[o] += employees * owners[owner]
    for o, owner in enumerate(OWNERSHIPS):
        written = contract["written_contract"][owner]
        formal[o] = (
            written * contract["social_insurance_given_written"]
            + (1 - written) * contract["social_insurance_given_none"]
        )
    shift = np.array([model[o] for o in OWNERSHIPS])

    def density(intercept: float) -> float:
        p_formal = logistic(intercept + shift + model["formal"])
        p_informal = logistic(intercept + shift)
        return float((mass * (formal * p_formal + (1 - formal) * p_informal)).sum() / mass.sum())

    low, high = -10.0, 10.0
    for _ in range(80):
        middle = (low + high) / 2
        low, high = (
            (middle, high) if density(middle) < value("union_density_2018") else (low, middle)
        )
    return (low + high) / 2


def _ea_frame(rng: np.random.Generator, table: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Return (stratum index, households) of every EA in the frame, strata contiguous."""
    design = value("lfs_design")
    persons = 1 + design["extra_lf_members_mean"]
    count = np.ceil(table["labour_force"] / persons / design["households_per_ea_in_frame"])
    count = count.astype(np.int64).to_numpy()
    stratum = np.repeat(np.arange(len(table)), count)
    low, high = design["ea_households"]
    return stratum, rng.integers(low, high + 1, len(stratum))


def _positions(counts: np.ndarray, start: int = 0) -> np.ndarray:
    """Return start, start+1, … within each of ``len(counts)`` runs of ``counts`` elements.

    The same as ``np.concatenate([np.arange(start, start + k) for k in counts])``, without
    one ``arange`` per run (there are hundreds of thousands of households per round).
    """
    counts = np.asarray(counts, dtype=np.int64)
    run_start = np.cumsum(counts) - counts
    return np.arange(counts.sum(), dtype=np.int64) - np.repeat(run_start, counts) + start


def _selector(
    table: pd.DataFrame, ea_stratum: np.ndarray, ea_size: np.ndarray
) -> Callable[[np.random.Generator], np.ndarray]:
    """Return a function drawing one quarter's EAs (systematic PPS): frame positions.

    The frame's cumulative sizes and each stratum's sampling points are the same in every
    quarter; only the random start differs, so everything else is computed once here.
    """
    cumulative = np.cumsum(ea_size)
    totals = np.bincount(ea_stratum, weights=ea_size)
    offset = np.concatenate([[0], np.cumsum(totals)[:-1]])
    n = table["eas"].to_numpy()
    interval = totals / n
    stratum = np.repeat(np.arange(len(table)), n)
    position = _positions(n)
    stratum_offset, stratum_interval = offset[stratum], interval[stratum]

    def select(rng: np.random.Generator) -> np.ndarray:
        start = rng.random(len(n))[stratum]
        points = stratum_offset + (start + position) * stratum_interval
        return np.searchsorted(cumulative, points, side="right")

    return select


def _sample(scale: str, rng: np.random.Generator) -> pd.DataFrame:
    """Return one row per interviewed person with the design variables and weight."""
    table = strata(scale)
    design = value("lfs_design")
    m = design["households_per_ea"]
    ea_stratum, ea_size = _ea_frame(rng, table)
    select = _selector(table, ea_stratum, ea_size)
    totals = np.bincount(ea_stratum, weights=ea_size)
    eas = table["eas"].to_numpy()
    first_in_stratum = np.concatenate([[0], np.cumsum(np.bincount(ea_stratum))[:-1]])
    columns: dict[str, list[np.ndarray]] = {
        name: [] for name in ("year", "quarter", "_stratum", "_ea", "_household", "_line", "_base")
    }
    for year in SCALE_YEARS[scale]:
        for quarter in (1, 2, 3, 4):
            chosen = select(rng)
            s = ea_stratum[chosen]
            responding = np.maximum(rng.binomial(m, design["response_rate"], len(chosen)), 1)
            base = totals[s] / (eas[s] * m) * (m / responding)
            household_ea = np.repeat(np.arange(len(chosen)), responding)
            household_no = _positions(responding, start=1)
            members = np.minimum(
                1 + rng.poisson(design["extra_lf_members_mean"], len(household_ea)), 6
            )
            person_household = np.repeat(np.arange(len(household_ea)), members)
            ea = household_ea[person_household]
            for name, values in (
                ("year", np.full(len(ea), year)),
                ("quarter", np.full(len(ea), quarter)),
                ("_stratum", s[ea]),
                ("_ea", chosen[ea] - first_in_stratum[s[ea]] + 1),
                ("_household", household_no[person_household]),
                ("_line", _positions(members, start=1)),
                ("_base", base[ea]),
            ):
                columns[name].append(values)
    frame = pd.DataFrame({name: np.concatenate(parts) for name, parts in columns.items()})
    group = frame["year"] * 10 + frame["quarter"]
    key = group * 1000 + frame["_stratum"]
    sums = frame.groupby(key)["_base"].transform("sum").to_numpy()
    target = table["labour_force"].to_numpy()[frame["_stratum"].to_numpy()]
    frame["weight"] = np.round(frame["_base"].to_numpy() / sums * target, 4)
    return frame


def _ids(
    frame: pd.DataFrame, table: pd.DataFrame
) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    """Return (stratum, psu, household_id, person_id) as text.

    The ids nest: psu "2018Q1-01-U-EA00042", household_id psu + "-H03", person_id
    household_id + "-P1". When every part has a fixed width (the usual case), each id is
    put together from blocks of bytes (see :mod:`lrkit.synth.text`), the psu's blocks
    being the first ones of the household's, and so on; otherwise they are joined in Arrow.
    """
    s = frame["_stratum"].to_numpy()
    stratum_labels = list(table["stratum"])
    stratum = decode(s, stratum_labels)
    round_code = (
        (frame["year"].to_numpy() - NATIONAL_YEARS[0]) * 4 + frame["quarter"].to_numpy() - 1
    )
    labels = [f"{y}Q{q}" for y in NATIONAL_YEARS for q in (1, 2, 3, 4)]
    ea, household_no, line = (frame[c].to_numpy() for c in ("_ea", "_household", "_line"))
    n = len(frame)
    psu_blocks = [
        label_block(round_code, labels),
        text_block("-", n),
        label_block(s, stratum_labels),
        text_block("-EA", n),
        digit_block(ea, 5),
    ]
    household_blocks = [text_block("-H", n), digit_block(household_no, 2)]
    person_blocks = [text_block("-P", n), digit_block(line, 1)]
    if all(block is not None for block in psu_blocks + household_blocks + person_blocks):
        # The person id's bytes hold the household's and the psu's as their first columns.
        matrix = np.hstack(psu_blocks + household_blocks + person_blocks)
        psu_width = sum(block.shape[1] for block in psu_blocks)
        household_width = psu_width + sum(block.shape[1] for block in household_blocks)
        psu = from_blocks(matrix[:, :psu_width])
        household = from_blocks(matrix[:, :household_width])
        return stratum, psu, household, from_blocks(matrix)
    round_ = decode(round_code, labels)
    psu = join(round_, "-", stratum, "-", padded("EA", ea, 5))
    household = join(psu, "-", padded("H", household_no, 2))
    person = join(household, "-", padded("P", line, 1))
    return stratum, psu, household, person


def _wage(
    latent: np.ndarray, minimum: np.ndarray, complier: np.ndarray, top_up: np.ndarray
) -> np.ndarray:
    """Apply the minimum-wage rule: pay at the minimum (+top-up) or a spillover, if compliant."""
    spill = value("min_wage_spillover")
    ceiling = minimum * (1 + spill["band"])
    lifted = np.where(
        latent < minimum,
        minimum * (1 + top_up),
        np.where(latent < ceiling, latent + spill["share"] * (ceiling - latent), latent),
    )
    return np.where(complier, lifted, latent)


def generate_workers(seed: int, scale: str = "workshop") -> tuple[pd.DataFrame, dict]:
    """Return (person records of ``scale`` for ``seed``, realised minimum-wage rise effects)."""
    rng = stream(seed, "workers")
    table = strata(scale)
    frame = _sample(scale, rng)
    n = len(frame)
    s = frame["_stratum"].to_numpy()
    unit = table["unit"].to_numpy()[s]
    urban = table["area"].to_numpy()[s] == 0
    area = np.where(urban, 0, 1)
    unit_class = class_codes(scale)[unit]
    year = frame["year"].to_numpy()
    quarter = frame["quarter"].to_numpy()

    female = rng.random(n) < value("female_share_labour_force")
    age = np.clip(np.round(rng.normal(38, 12, n)), 15, 70).astype(np.int64)
    education = draw_codes_by_group(
        rng, area, shares_table(value("education_shares"), list(AREAS), list(EDUCATION))
    )
    unemployed = rng.random(n) < value("unemployment_rate")
    employed = ~unemployed
    status = draw_codes_by_group(
        rng, area, shares_table(value("status_shares"), list(AREAS), list(STATUSES))
    )
    status = np.where(employed, status, -1)
    employee = status == EMPLOYEE
    ownership = draw_codes_by_group(
        rng,
        unit_class,
        shares_table(value("employee_ownership_shares"), list(CLASSES), list(OWNERSHIPS)),
    )
    ownership = np.where(employee, ownership, -1)
    sector = draw_codes_by_group(
        rng,
        np.where(employee, 0, 1),
        shares_table(value("worker_sector_shares"), ["employee", "other"], list(SECTORS)),
    )
    sector = np.where(employed, sector, -1)
    division_labels = [d for name in SECTORS for d in SECTOR_DIVISIONS[name]]
    first = np.cumsum([0] + [len(SECTOR_DIVISIONS[name]) for name in SECTORS])
    count = np.diff(first)
    safe_sector = np.maximum(sector, 0)
    division = np.where(
        employed, first[safe_sector] + (rng.random(n) * count[safe_sector]).astype(np.int64), -1
    )
    region = np.where(employed, draw_wage_regions(rng, unit_class, urban), -1)

    contract = value("contract_model")
    safe_owner = np.maximum(ownership, 0)
    written = (
        rng.random(n) < np.array([contract["written_contract"][o] for o in OWNERSHIPS])[safe_owner]
    )
    indefinite = rng.random(n) < contract["indefinite_share_of_written"]
    contract_type = np.where(employee, np.where(written, np.where(indefinite, 0, 1), 2), -1)
    p_si = np.where(
        written, contract["social_insurance_given_written"], contract["social_insurance_given_none"]
    )
    social_insurance = employee & (rng.random(n) < p_si)
    registered = contract["registered_business"]
    p_registered = np.select(
        [status == 1, status == 3], [registered["own_account"], registered["employer"]], 0.0
    )
    formal = np.where(employee, social_insurance, rng.random(n) < p_registered)

    model = value("union_membership_logit")
    intercept = membership_intercept()
    score = (
        intercept
        + np.array([model[o] for o in OWNERSHIPS])[safe_owner]
        + model["formal"] * formal
        + model["trend_per_year"] * (year - NATIONAL_YEARS[0])
    )
    other = value("union_membership_other")
    p_other = np.select(
        [unemployed, status == 1, status == 2, status == 3],
        [
            other["unemployed"],
            other["own_account"],
            other["contributing_family"],
            other["employer"],
        ],
        0.0,
    )
    member = np.where(employee, rng.random(n) < logistic(score), rng.random(n) < p_other)
    coverage = value("coverage_model")
    p_cover = np.where(
        ~formal,
        coverage["informal"],
        np.where(member, coverage["member"], coverage["non_member_formal"]),
    )
    covered = employee & (rng.random(n) < p_cover)

    # ---- wages ------------------------------------------------------------------------
    days = np.array(
        [
            (
                np.datetime64(f"2001-{QUARTER_REFERENCE_MONTH_DAY[q]}")
                - np.datetime64("2001-01-01")
            ).astype(int)
            for q in (1, 2, 3, 4)
        ]
    )
    # The minimum in force on each round's reference day, looked up per (round, region).
    round_year = np.repeat(np.array(NATIONAL_YEARS), 4)
    round_quarter = np.tile(np.arange(1, 5), len(NATIONAL_YEARS))
    reference = (round_year - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    reference = reference + days[round_quarter - 1]
    round_code = (year - NATIONAL_YEARS[0]) * 4 + quarter - 1
    safe_region = np.maximum(region, 0)
    minimum = by_date_and_region(monthly_minimum_array, reference, round_code, safe_region)
    minimum = minimum.astype(float)
    previous = by_date_and_region(
        previous_monthly_minimum_array, reference, round_code, safe_region
    ).astype(float)
    base_minimum = by_date_and_region(
        monthly_minimum_array, np.array([np.datetime64("2018-01-01")]), 0, safe_region
    )
    t = (year - NATIONAL_YEARS[0]) + (quarter - 1) / 4 + 0.125
    log_latent = (
        np.log(base_minimum)
        + value("wage_log_base")
        + value("nominal_wage_growth") * t
        + np.array([value("ownership_wage_effect")[o] for o in OWNERSHIPS])[safe_owner]
        + np.array([value("education_wage_effect")[e] for e in EDUCATION])[education]
        + value("female_wage_effect") * female
        + value("formal_wage_effect") * formal
        + value("union_wage_premium") * member
        + rng.normal(0.0, value("log_wage_sd"), n)
    )
    latent = np.exp(log_latent)
    compliance = value("min_wage_compliance")
    complier = rng.random(n) < np.where(formal, compliance["formal"], compliance["informal"])
    top_up = rng.uniform(0.0, 0.03, n)
    wage = np.round(_wage(latent, minimum, complier, top_up) / 1000) * 1000
    counterfactual = np.round(_wage(latent, previous, complier, top_up) / 1000) * 1000
    hours_model = value("hours_model")
    hours = np.where(
        employee,
        rng.normal(*hours_model["employee"], n),
        rng.normal(*hours_model["other"], n),
    )
    hours = np.clip(np.round(hours), 1, 84).astype(np.int64)

    stratum, psu, household, person = _ids(frame, table)
    out = pd.DataFrame(
        {
            "person_id": person,
            "year": year,
            "quarter": quarter,
            "province": decode(unit, list(units(scale)["province"])),
            "province_pre2025": decode(unit, list(units(scale)["province_pre2025"])),
            "urban_rural": decode(area, list(AREAS)),
            "stratum": stratum,
            "psu": psu,
            "household_id": household,
            "weight": frame["weight"].to_numpy(),
            "sex": decode(np.where(female, 0, 1), ["female", "male"]),
            "age": age,
            "education": decode(education, list(EDUCATION)),
            "labour_force_status": decode(np.where(unemployed, 1, 0), ["employed", "unemployed"]),
            "status": decode(status, list(STATUSES)),
            "employer_ownership": decode(ownership, list(OWNERSHIPS)),
            "sector": decode(sector, list(SECTORS)),
            "vsic": decode(division, division_labels),
            "contract_type": decode(contract_type, list(CONTRACTS)),
            "social_insurance": social_insurance,
            "formal": pd.arrays.BooleanArray(formal & employed, unemployed.copy()),
            "min_wage_region": decode(region, list(WAGE_REGIONS)),
            "min_wage_vnd": _nullable(minimum, ~employed),
            "monthly_wage_vnd": _nullable(wage, ~employee),
            "hours_per_week": _nullable(hours, ~employed),
            "union_member": member,
            "covered_by_agreement": covered,
        },
        copy=False,  # one block per column: no stacking copy of a million rows
    )
    effects = rise_effects(out, latent, counterfactual, wage, minimum, employee, region)
    return out, effects


def _nullable(values: np.ndarray, missing: np.ndarray) -> pd.arrays.IntegerArray:
    return pd.arrays.IntegerArray(np.where(missing, 0, values).astype(np.int64), missing.copy())


def rise_effects(
    persons: pd.DataFrame,
    latent: np.ndarray,
    counterfactual: np.ndarray,
    wage: np.ndarray,
    minimum: np.ndarray,
    employee: np.ndarray,
    region: np.ndarray,
) -> dict:
    """Return the realised effect of each rise in ``MIN_WAGE_RISES`` in its first quarter.

    For employees observed in the quarter after the rise: the weighted mean of
    log(wage under the new minimum) − log(wage under the previous minimum), overall and
    for the low paid (latent wage below (1 + spillover band) × new minimum), by region.
    ``region`` holds the persons' minimum-wage region codes (positions in ``WAGE_REGIONS``,
    -1 for none), which are much faster to compare than the text column.
    """
    band = value("min_wage_spillover")["band"]
    effect = np.log(np.where(employee, wage, 1)) - np.log(np.where(employee, counterfactual, 1))
    low_paid = employee & (latent < (1 + band) * minimum)
    weight = persons["weight"].to_numpy()
    results: dict = {}
    for rise in MIN_WAGE_RISES:
        when = pd.Timestamp(rise)
        quarter = (persons["year"].to_numpy() == when.year) & (
            persons["quarter"].to_numpy() == (when.month - 1) // 3 + 1
        )
        by_region = {}
        for code, name in enumerate(WAGE_REGIONS):
            rows = quarter & employee & (region == code)
            low = rows & low_paid
            if not rows.any():
                continue
            by_region[name] = {
                "employees_in_sample": int(rows.sum()),
                "low_paid_in_sample": int(low.sum()),
                "mean_log_effect_low_paid": _mean(effect, weight, low),
                "mean_log_effect_all_employees": _mean(effect, weight, rows),
                "share_low_paid": round(float(weight[low].sum() / weight[rows].sum()), 5),
            }
        results[rise] = by_region
    return results


def _mean(values: np.ndarray, weight: np.ndarray, mask: np.ndarray) -> float | None:
    if not mask.any():
        return None
    return round(float((values[mask] * weight[mask]).sum() / weight[mask].sum()), 5)
