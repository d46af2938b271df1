"""Generate a scale of synthetic data and write it, byte-identically for a given seed.

``generate`` returns the data frames; ``build`` writes them to a folder as Parquet and CSV
(UTF-8 with BOM), with ``truth.json`` (every true parameter and calibration target with its
source), ``codebook.md`` and ``SHA256SUMS``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd

from lrkit.synth.codebook import COLUMNS, codebook_markdown
from lrkit.synth.enterprises import generate_enterprises
from lrkit.synth.params import PARAMS, YEARS
from lrkit.synth.strikes import generate_strikes
from lrkit.synth.workers import generate_workers

#: Scales the generator can build. ``workshop``: the three pilot provinces.
SCALES: tuple[str, ...] = ("workshop",)
DEFAULT_SEED = 2025
DATASETS: tuple[str, ...] = tuple(COLUMNS)


def _check_scale(scale: str) -> None:
    if scale not in SCALES:
        raise ValueError(f"scale {scale!r} is not one of: {', '.join(SCALES)}")


def generate(scale: str = "workshop", seed: int = DEFAULT_SEED) -> dict[str, pd.DataFrame]:
    """Return every dataset of ``scale`` drawn with ``seed``, keyed by dataset name."""
    _check_scale(scale)
    enterprises = generate_enterprises(seed)
    return {
        "enterprises": enterprises,
        "workers": generate_workers(seed),
        "strikes": generate_strikes(enterprises, seed),
    }


def truth(seed: int, scale: str) -> dict:
    """Return the contents of ``truth.json``: the generator's parameters and sources."""
    return {
        "synthetic": True,
        "scale": scale,
        "seed": seed,
        "years": list(YEARS),
        "parameters": {name: param.as_dict() for name, param in PARAMS.items()},
    }


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build(out: str | Path, scale: str = "workshop", seed: int = DEFAULT_SEED) -> list[Path]:
    """Write every dataset of ``scale`` for ``seed`` into folder ``out``; return the paths.

    Raises ``ValueError`` for an unknown scale or a negative seed and ``PermissionError``
    (naming the folder) when ``out`` cannot be written.
    """
    _check_scale(scale)
    frames = generate(scale, seed)
    folder = Path(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise PermissionError(f"cannot write to the output folder {folder}: {error}") from error

    written: list[Path] = []
    for name, frame in frames.items():
        parquet = folder / f"{name}.parquet"
        frame.to_parquet(parquet, index=False, compression="zstd")
        csv = folder / f"{name}.csv"
        frame.to_csv(
            csv, index=False, encoding="utf-8-sig", lineterminator="\n", date_format="%Y-%m-%d"
        )
        written += [parquet, csv]
    truth_path = folder / "truth.json"
    truth_path.write_text(
        json.dumps(truth(seed, scale), ensure_ascii=False, indent=2, sort_keys=False) + "\n",
        encoding="utf-8",
    )
    codebook = folder / "codebook.md"
    counts = {name: len(frame) for name, frame in frames.items()}
    codebook.write_text(codebook_markdown(counts, seed, scale), encoding="utf-8")
    written += [truth_path, codebook]
    sums = folder / "SHA256SUMS"
    sums.write_text("".join(f"{_sha256(p)}  {p.name}\n" for p in sorted(written)), encoding="utf-8")
    return written + [sums]
