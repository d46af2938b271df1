"""Load the kit's datasets by name, from the built files or a fresh seed.

Notebooks never read files themselves: ``load_dataset("workers")`` finds the workshop data
in ``datasets/workshop`` (or in ``$LRKIT_DATA``), ``load_dataset("workers", scale="national")``
reads ``datasets/national`` (built on demand with ``lrkit data build --scale national``), and
``load_dataset("workers", seed=7)`` draws the same dataset with another seed in memory, so a
trainer can give each group its own variant without writing files. Truth tables
(``strikes_true``, ``strike_linkage``), the error ledger, ``truth.json`` and the raw
deliveries have their own loaders.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from lrkit.synth.build import DATASETS, DATASETS_ALL, DEFAULT_SEED, SCALES, draw
from lrkit.synth.random import check_seed
from lrkit.synth.raw import RAW_FILES
from lrkit.synth.schema import DATASETS as SCHEMAS

#: Raw deliveries by short name → path inside a scale's folder.
RAW: dict[str, str] = {spec["name"].removeprefix("raw_"): path for path, spec in RAW_FILES.items()}


def datasets_root() -> Path:
    """Return the folder that holds the scales of data (``datasets/`` of the kit).

    ``$LRKIT_DATA`` wins when set; otherwise the ``datasets`` folder of the repository
    this package was installed from (editable install), or of the current directory or one
    of its parents.
    """
    if os.environ.get("LRKIT_DATA"):
        return Path(os.environ["LRKIT_DATA"])
    candidates = [Path(__file__).resolve().parents[2], *Path.cwd().resolve().parents]
    candidates.insert(1, Path.cwd().resolve())
    for folder in candidates:
        if (folder / "datasets").is_dir():
            return folder / "datasets"
    raise FileNotFoundError(
        "no datasets/ folder found: set LRKIT_DATA or run "
        "`lrkit data build --out datasets/workshop`"
    )


def _check(name: str, scale: str, allowed: tuple[str, ...]) -> None:
    if name not in allowed:
        raise ValueError(f"dataset {name!r} is not one of: {', '.join(allowed)}")
    if scale not in SCALES:
        raise ValueError(f"scale {scale!r} is not one of: {', '.join(SCALES)}")


def _folder(scale: str) -> Path:
    folder = datasets_root() / scale
    if not (folder / "datapackage.json").exists() and not (folder / "workers.parquet").exists():
        raise FileNotFoundError(
            f"{folder} holds no data: run `lrkit data build --scale {scale} --out {folder}`"
        )
    return folder


def load_dataset(name: str, scale: str = "workshop", seed: int | None = None) -> pd.DataFrame:
    """Return dataset ``name`` of ``scale`` as a data frame.

    ``name`` is a clean dataset (``enterprises``, ``workers``, ``strikes``, …; see
    ``lrkit.synth.build.DATASETS``) or a truth table (``strikes_true``,
    ``strike_linkage``). With ``seed=None`` or the default seed the built Parquet file is
    read; any other seed draws the data afresh (deterministically) without touching files.
    """
    _check(name, scale, DATASETS_ALL)
    if seed is not None:
        seed = check_seed(seed)
    if seed is not None and seed != DEFAULT_SEED:
        return _generated(scale, int(seed))[name].copy()
    where = SCHEMAS[name].folder
    path = datasets_root() / scale / where / f"{name}.parquet"
    if not path.exists():
        raise FileNotFoundError(
            f"{path} is missing: run `lrkit data build --scale {scale} --out {path.parent}`"
        )
    return pd.read_parquet(path)


def load_truth(scale: str = "workshop") -> dict[str, Any]:
    """Return ``truth.json`` of ``scale``: parameters, sources and the realised truth."""
    _check("workers", scale, DATASETS)
    return json.loads((_folder(scale) / "truth.json").read_text("utf-8"))


def load_error_ledger(scale: str = "workshop") -> pd.DataFrame:
    """Return the ledger of every fault injected into the raw deliveries of ``scale``."""
    _check("workers", scale, DATASETS)
    path = _folder(scale) / "truth" / "error_ledger.csv"
    return pd.read_csv(path, encoding="utf-8-sig", dtype="str", keep_default_na=False).assign(
        row=lambda t: pd.to_numeric(t["row"]).astype("Int64")
    )


def raw_path(name: str, scale: str = "workshop") -> Path:
    """Return the path of raw delivery ``name``; reading it is the learner's exercise.

    ``name`` is one of ``ministry_strikes``, ``vgcl_strikes``, ``agreements``, ``disputes``.
    """
    _check(name, scale, tuple(RAW))
    return _folder(scale) / RAW[name]


def load_datapackage(scale: str = "workshop") -> dict[str, Any]:
    """Return the Frictionless descriptor (``datapackage.json``) of ``scale``."""
    _check("workers", scale, DATASETS)
    return json.loads((_folder(scale) / "datapackage.json").read_text("utf-8"))


@cache
def _generated(scale: str, seed: int) -> dict[str, pd.DataFrame]:
    return draw(scale, seed).frames
