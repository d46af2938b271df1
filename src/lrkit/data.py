"""Load the kit's datasets by name, from the committed files or a fresh seed.

Notebooks never read files themselves: ``load_dataset("workers")`` finds the workshop data
in ``datasets/workshop`` (or in ``$LRKIT_DATA``), and ``load_dataset("workers", seed=7)``
draws the same dataset with another seed in memory, so a trainer can give each group its
own variant without writing files.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pandas as pd

from lrkit.synth.build import DATASETS, DEFAULT_SEED, SCALES, generate


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


def load_dataset(name: str, scale: str = "workshop", seed: int | None = None) -> pd.DataFrame:
    """Return dataset ``name`` ("enterprises", "workers" or "strikes") as a data frame.

    With ``seed=None`` or the default seed the committed Parquet file is read; any other
    seed draws the data afresh (deterministically) without touching the files.
    """
    if name not in DATASETS:
        raise ValueError(f"dataset {name!r} is not one of: {', '.join(DATASETS)}")
    if scale not in SCALES:
        raise ValueError(f"scale {scale!r} is not one of: {', '.join(SCALES)}")
    if seed is not None and seed != DEFAULT_SEED:
        return _generated(scale, int(seed))[name].copy()
    path = datasets_root() / scale / f"{name}.parquet"
    if not path.exists():
        raise FileNotFoundError(
            f"{path} is missing: run `lrkit data build --scale {scale} --out {path.parent}`"
        )
    return pd.read_parquet(path)


@cache
def _generated(scale: str, seed: int) -> dict[str, pd.DataFrame]:
    return generate(scale, seed)
