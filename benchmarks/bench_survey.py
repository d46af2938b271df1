"""Benchmark: union density and bargaining coverage with SEs for 34 provinces, three ways.

Builds >= 1,000,000 synthetic person records (seeded numpy generator; independent of the kit's
synthetic data generator) in a stratified two-stage design: 34 provinces (the current units)
x urban/rural = 68 strata, about 400 enumeration areas (PSUs) per stratum, 16 households per
EA, 1-4 persons per household. Then it estimates, for each of the 34 provinces as domains of
the full design, union density and bargaining coverage (employees only) with Taylor
linearised standard errors:

* with lrkit (`lrkit.ir_indicators`, including building the design from the pandas frame);
* with svy (`Sample.estimation.prop` and `.mean`, by province, where status == employee;
  the pandas -> polars conversion is timed separately and not counted);
* with samplics (`TaylorEstimator`, ratio of members (covered) to employees by province).

It checks that the three give the same rates and standard errors (to 1e-8) and the same
confidence intervals as svy, and prints the times and ratios.

    .venv/bin/python benchmarks/bench_survey.py [--persons 1000000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import time
import warnings

import numpy as np
import pandas as pd

from lrkit.ir_indicators import bargaining_coverage_estimates, union_density_estimates
from lrkit.reference.provinces import provinces_2025
from lrkit.survey import SurveyDesign


def build_persons(n_target: int, seed: int = 20250612) -> pd.DataFrame:
    """Return at least ``n_target`` synthetic person records with a two-stage design."""
    rng = np.random.default_rng(seed)
    provinces = provinces_2025()
    households_per_ea = 16
    # persons per EA average 16 x 2.5 = 40; size the EAs per stratum to reach the target
    eas_per_stratum = int(np.ceil(n_target / (len(provinces) * 2 * 40) * 1.04))
    n_strata = len(provinces) * 2
    eas = rng.integers(int(eas_per_stratum * 0.9), int(eas_per_stratum * 1.1) + 1, n_strata)
    stratum_of_ea = np.repeat(np.arange(n_strata), eas)
    ea_in_stratum = np.concatenate([np.arange(k) for k in eas])
    n_ea = len(stratum_of_ea)
    persons_per_hh = rng.integers(1, 5, size=(n_ea, households_per_ea))
    persons_per_ea = persons_per_hh.sum(axis=1)
    ea_of_person = np.repeat(np.arange(n_ea), persons_per_ea)
    n = len(ea_of_person)
    stratum = stratum_of_ea[ea_of_person]
    province_code = stratum // 2
    ea_size = rng.integers(80, 240, n_ea)  # households living in the EA: unequal weights
    weight = (ea_size / households_per_ea * rng.uniform(2.0, 3.0, n_ea))[ea_of_person]
    # province and EA effects make members cluster within EAs (design effect > 1)
    province_effect = rng.normal(0, 0.6, len(provinces))[province_code]
    ea_effect = rng.normal(0, 0.5, n_ea)[ea_of_person]
    employee = rng.random(n) < 0.55
    p_member = 1 / (1 + np.exp(-(-0.4 + province_effect + ea_effect)))
    member = employee & (rng.random(n) < p_member)
    covered = employee & (rng.random(n) < np.where(member, 0.7, 0.15))
    frame = pd.DataFrame(
        {
            "province": pd.Categorical.from_codes(province_code, categories=provinces),
            "stratum": stratum.astype(np.int64),
            "psu": ea_in_stratum[ea_of_person].astype(np.int64),
            "weight": np.round(weight, 4),
            "status": np.where(employee, "employee", "own_account"),
            "union_member": member,
            "covered_by_agreement": covered,
        }
    )
    return frame


def run_lrkit(persons: pd.DataFrame) -> pd.DataFrame:
    design = SurveyDesign(persons, weight="weight", strata="stratum", psu="psu")
    density = union_density_estimates(persons, by="province", design=design)
    coverage = bargaining_coverage_estimates(persons, by="province", design=design)
    return pd.concat([density, coverage], ignore_index=True)


def run_svy(data, method: str) -> pd.DataFrame:
    import svy

    sample = svy.Sample(data, svy.Design(stratum="stratum", psu="psu", wgt="weight"))
    where = svy.col("status") == "employee"
    tables = []
    for indicator, column in (
        ("union_density", "union_member"),
        ("bargaining_coverage", "covered_by_agreement"),
    ):
        estimate = getattr(sample.estimation, method)(column, by="province", where=where)
        table = estimate.to_polars().to_pandas()
        if method == "prop":
            table = table[table[column] == 1.0]
        table["indicator"] = indicator
        tables.append(table)
    return pd.concat(tables, ignore_index=True)


def run_samplics(persons: pd.DataFrame) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        from samplics import PopParam, TaylorEstimator
    employee = (persons["status"] == "employee").to_numpy(dtype=float)
    province = persons["province"].astype(str).to_numpy()
    tables = []
    for indicator, column in (
        ("union_density", "union_member"),
        ("bargaining_coverage", "covered_by_agreement"),
    ):
        estimator = TaylorEstimator(PopParam.ratio)
        estimator.estimate(
            y=persons[column].to_numpy(dtype=float),
            x=employee,
            samp_weight=persons["weight"].to_numpy(),
            stratum=persons["stratum"].to_numpy(),
            psu=persons["psu"].to_numpy(),
            domain=province,
        )
        tables.append(
            pd.DataFrame(
                {
                    "indicator": indicator,
                    "province": list(estimator.point_est),
                    "est": list(estimator.point_est.values()),
                    "se": [estimator.stderror[k] for k in estimator.point_est],
                }
            )
        )
    return pd.concat(tables, ignore_index=True)


def best_time(function, repeats: int):
    times = []
    result = None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def max_difference(ours: pd.DataFrame, theirs: pd.DataFrame, pairs: dict[str, str]) -> float:
    left = ours.assign(province=ours["province"].astype(str)).set_index(["indicator", "province"])
    right = theirs.assign(province=theirs["province"].astype(str)).set_index(
        ["indicator", "province"]
    )
    right = right.loc[left.index]
    worst = 0.0
    for mine, other in pairs.items():
        scale = 100.0 if mine in ("rate", "se", "ci_lower", "ci_upper") else 1.0
        difference = np.abs(left[mine].to_numpy() / scale - right[other].to_numpy())
        worst = max(worst, float(np.max(difference)))
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--samplics-repeats", type=int, default=1)
    args = parser.parse_args()

    import polars as pl

    start = time.perf_counter()
    persons = build_persons(args.persons)
    built = time.perf_counter() - start
    n_psu = persons.groupby(["stratum", "psu"]).ngroups
    print(
        f"data: {len(persons):,} persons, {persons['province'].nunique()} provinces, "
        f"{persons['stratum'].nunique()} strata, {n_psu:,} PSUs "
        f"({(persons['status'] == 'employee').sum():,} employees); built in {built:.2f} s"
    )
    assert len(persons) >= 1_000_000 or args.persons < 1_000_000

    start = time.perf_counter()
    polars_data = pl.from_pandas(persons.assign(province=persons["province"].astype(str)))
    polars_data = polars_data.with_columns(
        pl.col("union_member").cast(pl.Float64), pl.col("covered_by_agreement").cast(pl.Float64)
    )
    converted = time.perf_counter() - start

    t_lrkit, ours = best_time(lambda: run_lrkit(persons), args.repeats)
    t_svy_prop, svy_prop = best_time(lambda: run_svy(polars_data, "prop"), args.repeats)
    t_svy_mean, svy_mean = best_time(lambda: run_svy(polars_data, "mean"), args.repeats)
    t_samplics, samplics_result = best_time(lambda: run_samplics(persons), args.samplics_repeats)

    assert len(ours) == 68 and ours["province"].nunique() == 34
    d_svy = max_difference(
        ours, svy_prop, {"rate": "est", "se": "se", "ci_lower": "lci", "ci_upper": "uci"}
    )
    d_svy_mean = max_difference(ours, svy_mean, {"rate": "est", "se": "se"})
    d_samplics = max_difference(ours, samplics_result, {"rate": "est", "se": "se"})
    t_svy = min(t_svy_prop, t_svy_mean)
    fastest_reference = min(t_svy, t_samplics)

    print(f"lrkit    : {t_lrkit:8.3f} s  (design + density + coverage, 34 domains each)")
    print(f"svy prop : {t_svy_prop:8.3f} s  (pandas -> polars {converted:.3f} s not counted)")
    print(f"svy mean : {t_svy_mean:8.3f} s")
    print(f"samplics : {t_samplics:8.3f} s")
    print(f"svy / lrkit      = {t_svy / t_lrkit:6.1f}x   (faster of svy prop and mean)")
    print(f"samplics / lrkit = {t_samplics / t_lrkit:6.1f}x")
    print(f"faster reference / lrkit = {fastest_reference / t_lrkit:6.1f}x (target >= 5x)")
    print(
        "max |difference| of rates, SEs (and CIs vs svy prop), as proportions: "
        f"svy prop {d_svy:.2e}, svy mean {d_svy_mean:.2e}, samplics {d_samplics:.2e}"
    )
    equal = max(d_svy, d_svy_mean, d_samplics) < 1e-8
    print(f"results equal to 1e-8: {equal}")
    if not equal:
        raise SystemExit("results differ")


if __name__ == "__main__":
    main()
