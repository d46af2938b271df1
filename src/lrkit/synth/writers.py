"""Deterministic, fast file writers: Parquet (primary) and CSV in UTF-8 with a byte-order mark.

CSV is written by Arrow (much faster than pandas at national scale): text quoted, booleans
as true/false, dates as YYYY-MM-DD, missing values empty. The byte-order mark makes Excel
read the file as UTF-8, so Vietnamese letters show correctly. The same frame always gives
the same bytes.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

BOM = b"\xef\xbb\xbf"


def _csv_table(frame: pd.DataFrame) -> pa.Table:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    for i, column in enumerate(table.schema):
        if pa.types.is_timestamp(column.type):
            table = table.set_column(i, column.name, table.column(i).cast(pa.date32()))
        elif pa.types.is_large_string(column.type):
            table = table.set_column(i, column.name, table.column(i).cast(pa.string()))
    return table.replace_schema_metadata(None)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """Return ``frame`` as CSV bytes in UTF-8 with a byte-order mark."""
    buffer = io.BytesIO()
    pacsv.write_csv(_csv_table(frame), buffer, pacsv.WriteOptions(quoting_style="needed"))
    return BOM + buffer.getvalue()


def write_frame(frame: pd.DataFrame, folder: Path, name: str) -> list[Path]:
    """Write ``name``.parquet and ``name``.csv into ``folder``; return both paths."""
    folder.mkdir(parents=True, exist_ok=True)
    parquet = folder / f"{name}.parquet"
    frame.to_parquet(parquet, index=False, compression="zstd")
    csv = folder / f"{name}.csv"
    csv.write_bytes(csv_bytes(frame))
    return [parquet, csv]


def sha256(path: Path) -> str:
    """Return the SHA-256 hex digest of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
