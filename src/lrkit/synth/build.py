"""Generate a scale of synthetic data and write it, byte-identically for a given seed.

``generate`` returns the data frames (clean datasets and truth tables); ``build`` writes a
scale's folder:

* ``<dataset>.parquet`` and ``<dataset>.csv`` (UTF-8 with BOM) for every clean dataset;
* ``raw/`` the agencies' deliveries, ``truth/`` the answer keys (every stoppage, the
  register linkage, the error ledger);
* ``truth.json`` (every parameter with its source and status, the solved parameters, the
  realised minimum-wage effects and the calibration targets next to what this build
  achieved), ``codebook.md``, ``datapackage.json`` (Frictionless) and ``SHA256SUMS``.
"""

from __future__ import annotations

import json
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm import tqdm

from lrkit.folders import writable_folder
from lrkit.reference.minimum_wage import minimum_wage_table
from lrkit.reference.provinces import former_province_table, province_table
from lrkit.synth.agreements import add_agreements
from lrkit.synth.codebook import codebook_markdown
from lrkit.synth.datapackage import descriptor, truth_resource
from lrkit.synth.disputes import generate_disputes
from lrkit.synth.enterprises import (
    active_at_end_of,
    generate_enterprises,
    log_employees_location,
    scale_factor,
)
from lrkit.synth.geography import SCALES, check_scale, units
from lrkit.synth.params import PARAMS, SCALE_YEARS, value
from lrkit.synth.random import check_seed
from lrkit.synth.raw import deliveries
from lrkit.synth.schema import CLEAN, TRUTH_TABLES
from lrkit.synth.schema import DATASETS as SCHEMAS
from lrkit.synth.strikes import generate_strikes
from lrkit.synth.workers import generate_workers, membership_intercept
from lrkit.synth.writers import csv_bytes, sha256, write_frame

DEFAULT_SEED = 2025
#: Clean datasets, by the names ``lrkit.data.load_dataset`` accepts.
DATASETS: tuple[str, ...] = CLEAN
DATASETS_ALL: tuple[str, ...] = CLEAN + TRUTH_TABLES

__all__ = ["DATASETS", "DEFAULT_SEED", "SCALES", "Generated", "build", "draw", "generate"]


@dataclass
class Generated:
    """Everything one draw produces: the frames and the realised truth."""

    frames: dict[str, pd.DataFrame]
    effects: dict[str, Any]


def _reference_frames() -> dict[str, pd.DataFrame]:
    wages = minimum_wage_table()
    return {
        "provinces": province_table().copy(),
        "provinces_pre2025": former_province_table().copy(),
        "minimum_wage": wages,
    }


def draw(
    scale: str = "workshop",
    seed: int = DEFAULT_SEED,
    progress: tqdm | None = None,
    parallel: bool = True,
) -> Generated:
    """Draw every dataset of ``scale`` with ``seed`` (clean datasets and truth tables).

    The person records depend on nothing else, so by default (``parallel``) they are drawn
    in a second thread while this one draws the enterprises and what hangs on them: on two
    cores that takes half to two thirds of the one-thread time (national scale: 1.0-1.1 s
    against 1.6-2.2 s, ``benchmarks/bench_synth.py``). Each dataset has its own random
    stream, so the data are the same, byte for byte, either way.
    """
    check_scale(scale)
    seed = check_seed(seed)

    def step(label: str) -> None:
        if progress is not None:
            progress.set_postfix_str(label)
            progress.update(1)

    frames = _reference_frames()
    with ThreadPoolExecutor(max_workers=1) as pool:  # starts its thread only on submit
        persons = pool.submit(generate_workers, seed, scale) if parallel else None
        enterprises = generate_enterprises(seed, scale)
        step("enterprises")
        enterprises, agreements, in_force = add_agreements(enterprises, seed)
        step("agreements")
        strikes = generate_strikes(enterprises, in_force, seed, scale)
        step("strikes")
        disputes = generate_disputes(enterprises, seed, scale)
        step("disputes")
        if persons is None:
            workers, effects = generate_workers(seed, scale)
        else:
            workers, effects = persons.result()
        step("workers")
    frames.update(
        enterprises=enterprises, workers=workers, strikes=strikes["strikes"],
        strikes_vgcl=strikes["strikes_vgcl"], disputes=disputes, agreements=agreements,
        strikes_true=strikes["strikes_true"], strike_linkage=strikes["strike_linkage"],
    )  # fmt: skip
    ordered = {name: frames[name] for name in DATASETS_ALL}
    return Generated(ordered, effects)


def generate(scale: str = "workshop", seed: int = DEFAULT_SEED) -> dict[str, pd.DataFrame]:
    """Return every dataset of ``scale`` drawn with ``seed``, keyed by dataset name."""
    return draw(scale, seed).frames


def achieved(frames: dict[str, pd.DataFrame], scale: str) -> dict[str, Any]:
    """Return the calibration targets next to what this draw achieved."""
    e = frames["enterprises"]
    w = e["frame_weight"].to_numpy()
    factor = scale_factor(scale)
    workers = frames["workers"]
    employees = workers[workers["status"] == "employee"]
    quarters = workers.groupby(["year", "quarter"])["weight"].sum()
    out: dict[str, Any] = {
        "scale_share_of_national_enterprises": round(factor, 5),
        "active_enterprises_end_of_year": {
            str(y): {"target": round(value("active_enterprises")[y] * factor),
                     "achieved": int(round((w * active_at_end_of(e, y)).sum()))}
            for y in SCALE_YEARS[scale]
        },
        "labour_force_per_quarter": {
            "target": round(value("labour_force") * float(units(scale)["lf_share"].sum())),
            "achieved_min": float(quarters.min()),
            "achieved_max": float(quarters.max()),
        },
        "strikes_per_year": {
            str(y): {
                "ministry": int((frames["strikes"]["year"] == y).sum()),
                "vgcl": int((frames["strikes_vgcl"]["year"] == y).sum()),
                "true": int((frames["strikes_true"]["year"] == y).sum()),
            }
            for y in SCALE_YEARS[scale]
        },
    }  # fmt: skip
    last = employees[employees["year"] == SCALE_YEARS[scale][-1]]
    out["mean_employee_wage_last_year"] = round(
        float(
            (last["weight"] * last["monthly_wage_vnd"].astype(float)).sum() / last["weight"].sum()
        )
    )
    first = employees[employees["year"] == SCALE_YEARS[scale][0]]
    out["union_density_first_year"] = round(
        float((first["weight"] * first["union_member"]).sum() / first["weight"].sum()), 4
    )
    signed = frames["agreements"]
    weights = e.set_index("enterprise_id")["frame_weight"]
    in_2025 = signed[signed["signed_date"].dt.year == 2025]
    out["agreements_signed_2025"] = {
        "target": round(value("agreements_signed_2025") * factor),
        "achieved": int(round(in_2025["enterprise_id"].map(weights).sum())),
    }
    strikes = frames["strikes"]
    out["strike_profile_ministry"] = {
        "foreign_invested_share": round(
            float((strikes["ownership"] == "foreign_invested").mean()), 3
        ),
        "garment_share": round(float((strikes["sector"] == "garment").mean()), 3),
        "footwear_share": round(float((strikes["sector"] == "footwear").mean()), 3),
        "mean_workers_involved": round(float(strikes["workers_involved"].mean()), 1),
        "led_by_union_share": round(float(strikes["led_by_union"].mean()), 3),
    }
    return out


def truth(seed: int, scale: str, generated: Generated | None = None) -> dict[str, Any]:
    """Return the contents of ``truth.json``: parameters, sources, realised truth."""
    out: dict[str, Any] = {
        "synthetic": True,
        "scale": scale,
        "seed": seed,
        "years": list(SCALE_YEARS[scale]),
        "parameters": {name: param.as_dict() for name, param in PARAMS.items()},
        "solved_parameters": {
            "union_membership_intercept": round(membership_intercept(), 6),
            "log_employees_location": round(log_employees_location(), 6),
        },
    }
    if generated is not None:
        out["minimum_wage_rise_effects"] = generated.effects
        out["calibration_achieved"] = achieved(generated.frames, scale)
    return out


def build(
    out: str | Path,
    scale: str = "workshop",
    seed: int = DEFAULT_SEED,
    progress: bool | None = None,
) -> list[Path]:
    """Write every dataset of ``scale`` for ``seed`` into folder ``out``; return the paths.

    Raises ``ValueError`` for an unknown scale or a negative seed and ``PermissionError``
    (naming the folder) when ``out`` cannot be written. ``progress`` shows a progress bar on
    standard error (default: at national scale only).
    """
    check_scale(scale)
    seed = check_seed(seed)
    folder = Path(out)
    writable_folder(folder)
    show = scale == "national" if progress is None else progress
    steps = 5 + len(DATASETS_ALL) + 3
    with tqdm(total=steps, desc=f"lrkit data build ({scale})", unit="step", disable=not show,
              file=sys.stderr) as bar:  # fmt: skip
        generated = draw(scale, seed, bar)
        written: list[Path] = []
        for name in DATASETS_ALL:
            where = folder / SCHEMAS[name].folder if SCHEMAS[name].folder else folder
            written += write_frame(generated.frames[name], where, name)
            bar.set_postfix_str(f"wrote {name}")
            bar.update(1)
        files, ledger = deliveries(generated.frames, seed)
        for path, data in files.items():
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            written.append(target)
        ledger_path = folder / "truth" / "error_ledger.csv"
        ledger_path.write_bytes(csv_bytes(ledger))
        written.append(ledger_path)
        bar.set_postfix_str("raw deliveries")
        bar.update(1)
        truth_path = folder / "truth.json"
        truth_path.write_text(
            json.dumps(truth(seed, scale, generated), ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
        counts = {name: len(frame) for name, frame in generated.frames.items()}
        codebook = folder / "codebook.md"
        codebook.write_text(codebook_markdown(counts, seed, scale), encoding="utf-8")
        written += [truth_path, codebook]
        bar.set_postfix_str("truth.json, codebook")
        bar.update(1)
        package = folder / "datapackage.json"
        package.write_text(
            json.dumps(descriptor(folder, scale, seed, truth_resource(folder)), ensure_ascii=False,
                       indent=2) + "\n",
            encoding="utf-8",
        )  # fmt: skip
        written.append(package)
        sums = folder / "SHA256SUMS"
        lines = sorted(f"{sha256(p)}  {p.relative_to(folder).as_posix()}\n" for p in written)
        sums.write_text("".join(lines), encoding="utf-8")
        bar.set_postfix_str("datapackage.json, SHA256SUMS")
        bar.update(1)
    return written + [sums]


def row_counts(frames: dict[str, pd.DataFrame]) -> dict[str, int]:
    """Return the number of rows of each frame."""
    return {name: int(len(frame)) for name, frame in frames.items()}
