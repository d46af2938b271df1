"""The Frictionless Data Package descriptor (``datapackage.json``) of a built scale.

Every file is a resource: the clean datasets (their CSV; the Parquet twin is named in
``lrkit:parquet`` with its own hash), the truth tables, the raw deliveries (all fields are
text, as delivered) and ``truth.json``. Fields carry types, units, English and Vietnamese
descriptions, enumerations and constraints; resources carry primary and foreign keys, the
parameters they are calibrated on with their sources, and sha256 hashes, which
``frictionless validate`` checks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lrkit.synth.legacy_encoding import encode_cp1258
from lrkit.synth.params import PARAMS
from lrkit.synth.raw import RAW_FILES
from lrkit.synth.schema import DATASETS, Dataset
from lrkit.synth.writers import sha256


def _as_read(name: str, encoding: str) -> str:
    """Return a header as a reader decoding the file sees it (cp1258: decomposed letters)."""
    if encoding != "cp1258":
        return name
    return encode_cp1258(name).decode("cp1258")


def _field(f: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"name": f.name, "type": f.type, "description": f.en,
                           "lrkit:description_vi": f.vi}  # fmt: skip
    if f.type == "boolean":
        out["trueValues"], out["falseValues"] = ["true"], ["false"]
    if f.unit:
        out["lrkit:unit"] = f.unit
    constraints: dict[str, Any] = {}
    if f.required:
        constraints["required"] = True
    if f.enum is not None:
        constraints["enum"] = list(f.enum)
    if f.minimum is not None:
        constraints["minimum"] = f.minimum
    if f.maximum is not None:
        constraints["maximum"] = f.maximum
    if constraints:
        out["constraints"] = constraints
    return out


def _file(path: Path, folder: Path) -> dict[str, Any]:
    return {"bytes": path.stat().st_size, "hash": f"sha256:{sha256(path)}"}


def _dataset_resource(dataset: Dataset, folder: Path) -> dict[str, Any]:
    where = f"{dataset.folder}/" if dataset.folder else ""
    csv = folder / f"{where}{dataset.name}.csv"
    parquet = folder / f"{where}{dataset.name}.parquet"
    schema: dict[str, Any] = {"fields": [_field(f) for f in dataset.fields]}
    if dataset.primary_key:
        schema["primaryKey"] = list(dataset.primary_key)
    if dataset.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": [mine], "reference": {"resource": other, "fields": [theirs]}}
            for mine, other, theirs in dataset.foreign_keys
        ]
    return {
        "name": dataset.name,
        "path": f"{where}{dataset.name}.csv",
        "title": dataset.title,
        "description": dataset.en,
        "lrkit:description_vi": dataset.vi,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8-sig",
        **_file(csv, folder),
        "lrkit:parquet": {"path": f"{where}{dataset.name}.parquet", **_file(parquet, folder)},
        "lrkit:calibration": {
            name: {"source": PARAMS[name].source, "status": PARAMS[name].status}
            for name in dataset.params
        },
        "schema": schema,
    }


def descriptor(folder: Path, scale: str, seed: int, extra: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the datapackage descriptor of the scale built in ``folder``."""
    resources = [_dataset_resource(d, folder) for d in DATASETS.values()]
    for path, spec in RAW_FILES.items():
        resources.append(
            {
                "name": spec["name"],
                "path": path,
                "title": spec["title"],
                "description": "Delivered as an agency would: Vietnamese headers, ';' separator, "
                "dd/mm/yyyy dates, '1.234.567' numbers, injected faults (see "
                "truth/error_ledger.csv). Every field is text as delivered.",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": spec["encoding"],
                "dialect": {"delimiter": ";"},
                **_file(folder / path, folder),
                "schema": {
                    "fields": [
                        {"name": _as_read(n, spec["encoding"]), "type": "string"}
                        for n in spec["fields"]
                    ]
                },  # fmt: skip
            }
        )
    resources += extra
    return {
        "name": f"lrkit-synthetic-{scale}",
        "title": f"Synthetic labour relations data for Viet Nam, scale {scale}, seed {seed}",
        "description": "SYNTHETIC data drawn by `lrkit data build` from a documented causal "
        "model calibrated to public facts (see truth.json); real reference tables "
        "(provinces, minimum wage) are marked as such. No real person, enterprise, strike "
        "or dispute is described.",
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0"}],
        "lrkit:scale": scale,
        "lrkit:seed": seed,
        "resources": resources,
    }


def truth_resource(folder: Path) -> list[dict[str, Any]]:
    """Return the resources of the non-tabular and ledger files in ``truth/`` and the root."""
    ledger_fields = {
        "fault_id": ("Fault identifier", "Mã lỗi"),
        "file": ("Delivered file, relative to the scale's folder", "Tệp"),
        "row": ("Delivered data row, 1-based, header excluded; empty for a file-level fault",
                "Dòng"),
        "column": ("Delivered column (Vietnamese header); empty for a row-level fault", "Cột"),
        "fault_type": ("Kind of fault", "Loại lỗi"),
        "record_id": ("Id of the clean record the row delivers", "Mã bản ghi sạch"),
        "clean_value": ("Value in the clean data, formatted as the agency would", "Giá trị đúng"),
        "delivered_value": ("Value delivered", "Giá trị trong tệp"),
    }  # fmt: skip
    return [
        {
            "name": "error_ledger",
            "path": "truth/error_ledger.csv",
            "title": "TRUTH: every fault injected into the raw deliveries",
            "description": "One row per fault: file, delivered row (1-based, header excluded; "
            "empty for a file-level fault), column, fault type, record id, clean and "
            "delivered values.",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8-sig",
            **_file(folder / "truth/error_ledger.csv", folder),
            "schema": {
                "fields": [
                    {
                        "name": n,
                        "type": "integer" if n == "row" else "string",
                        "description": en,
                        "lrkit:description_vi": vi,
                    }
                    for n, (en, vi) in ledger_fields.items()
                ],  # fmt: skip
                "primaryKey": ["fault_id"],
            },
        },
        {
            "name": "truth",
            "path": "truth.json",
            "title": "TRUTH: every parameter of the generator, its source and status, and the "
            "realised effects",
            "format": "json",
            "mediatype": "application/json",
            **_file(folder / "truth.json", folder),
        },
    ]
