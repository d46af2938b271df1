"""Column descriptions of the datasets, in English with the Vietnamese term.

Derived from :mod:`lrkit.synth.schema`; writes ``codebook.md`` next to the data and feeds
the book's dataset reference page. ``COLUMNS`` and ``DATASET_TITLES`` keep the shape older
code uses (dataset → column → meaning).
"""

from __future__ import annotations

from lrkit.synth.params import PARAMS
from lrkit.synth.schema import DATASETS

DATASET_TITLES: dict[str, str] = {name: d.title for name, d in DATASETS.items()}
COLUMNS: dict[str, dict[str, str]] = {
    name: {f.name: f"{f.en} ({f.vi})" for f in d.fields} for name, d in DATASETS.items()
}


def _describe(f) -> str:  # noqa: ANN001 - a schema Field
    parts = [f"{f.en} — *{f.vi}*"]
    if f.unit:
        parts.append(f"unit: {f.unit}")
    if f.enum is not None:
        parts.append("values: " + ", ".join(f"`{v}`" for v in f.enum))
    return "; ".join(parts)


def codebook_markdown(row_counts: dict[str, int], seed: int, scale: str) -> str:
    """Return the codebook of the datasets as Markdown (written next to the data)."""
    lines = [
        f"# Codebook: synthetic labour relations data, scale `{scale}`, seed {seed}",
        "",
        "**These data are synthetic.** They were drawn from a seeded model by `lrkit data "
        "build`; no real person, enterprise, strike or dispute is described. The reference "
        "tables (`provinces`, `provinces_pre2025`, `minimum_wage`) are real. The model's "
        "parameters, their sources and which are checked facts or assumptions are in "
        "`truth.json`; `datapackage.json` describes every file (Frictionless). Files are "
        "Parquet (primary) and CSV in UTF-8 with a byte-order mark, so that Excel shows "
        "Vietnamese letters correctly. `raw/` holds the registers as agencies deliver them; "
        "`truth/` holds the answer keys (every stoppage, the register linkage, the error "
        "ledger).",
        "",
    ]
    for name, dataset in DATASETS.items():
        where = f"{dataset.folder}/" if dataset.folder else ""
        lines += [
            f"## `{where}{name}` ({row_counts[name]:,} rows)",
            "",
            f"{dataset.title}. {dataset.en}",
            "",
            f"*{dataset.vi}*",
            "",
        ]
        if dataset.primary_key:
            lines.append(f"Primary key: {', '.join(f'`{k}`' for k in dataset.primary_key)}.")
        for mine, other, theirs in dataset.foreign_keys:
            lines.append(f"`{mine}` refers to `{other}.{theirs}`.")
        if dataset.params:
            lines.append("Calibrated on: " + ", ".join(
                f"`{p}` ({PARAMS[p].status})" for p in dataset.params) + ".")  # fmt: skip
        lines += ["", "| column | type | meaning |", "|---|---|---|"]
        lines += [f"| `{f.name}` | {f.type} | {_describe(f)} |" for f in dataset.fields]
        lines.append("")
    return "\n".join(lines)
