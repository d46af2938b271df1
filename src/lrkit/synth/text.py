"""Fast, vectorised building of identifiers and names (Arrow compute, no Python loops).

Identifiers whose parts all have a fixed width ("E0000042", "2018Q1-01-U-EA00042-H03-P1")
are built faster still as *blocks*: (n, width) uint8 matrices of UTF-8 bytes, one row per
string, put side by side with numpy and handed to Arrow as the data buffer of a string
array whose offsets step by the width. The block helpers return None when a part is not of
fixed width, and the callers then fall back to the Arrow compute path; the strings are the
same either way.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def padded(prefix: str, numbers: np.ndarray, width: int) -> pd.Series:
    """Return ``prefix`` + zero-padded ``numbers`` ("E0000042"), one string per number."""
    numbers = np.asarray(numbers, dtype=np.int64)
    digits = digit_block(numbers, width)
    if digits is not None:
        return from_blocks(text_block(prefix, len(numbers)), digits)
    text = pc.utf8_lpad(pa.array(numbers).cast(pa.large_string()), width, "0")
    return join(prefix, _series(text))


def text_block(text: str, n: int) -> np.ndarray:
    """Return the block of ``n`` copies of ``text`` (a read-only broadcast view)."""
    encoded = np.frombuffer(text.encode(), dtype=np.uint8)
    return np.broadcast_to(encoded, (n, len(encoded)))


def digit_block(numbers: np.ndarray, width: int) -> np.ndarray | None:
    """Return the block of ``numbers`` zero-padded to ``width`` digits.

    None if a number is negative or has more than ``width`` digits (its text would not be
    ``width`` characters long). Digits are peeled off one column at a time by division by
    the scalar 10, in uint32 when the numbers fit (much faster than int64 division).
    """
    numbers = np.asarray(numbers, dtype=np.int64)
    if len(numbers) and (numbers.min() < 0 or numbers.max() >= 10**width):
        return None
    rest = numbers.astype(np.uint32 if width <= 9 else np.uint64)
    block = np.empty((len(numbers), width), dtype=np.uint8)
    for column in range(width - 1, -1, -1):
        quotient = rest // 10
        block[:, column] = rest - quotient * 10
        rest = quotient
    block += ord("0")
    return block


def label_block(codes: np.ndarray, labels: list[str] | tuple[str, ...]) -> np.ndarray | None:
    """Return the block of ``labels[codes]``.

    None if the labels' UTF-8 lengths differ, or if a code is negative (a missing value:
    a block holds no nulls).
    """
    codes = np.asarray(codes)
    encoded = [str(label).encode() for label in labels]
    if len({len(e) for e in encoded}) != 1 or (len(codes) and codes.min() < 0):
        return None
    table = np.frombuffer(b"".join(encoded), dtype=np.uint8).reshape(len(encoded), -1)
    return table[codes]


def from_blocks(*blocks: np.ndarray) -> pd.Series:
    """Return the strings made by putting ``blocks`` side by side, as a pandas "str" Series.

    A single block that is already contiguous in memory is used as it is, without a copy.
    """
    matrix = np.ascontiguousarray(blocks[0]) if len(blocks) == 1 else np.hstack(blocks)
    n, width = matrix.shape
    offsets = np.arange(n + 1, dtype=np.int64) * width
    array = pa.Array.from_buffers(
        pa.large_string(), n, [None, pa.py_buffer(offsets), pa.py_buffer(matrix)]
    )
    return _series(array)


def join(*parts: object, sep: str = "") -> pd.Series:
    """Join arrays (or scalars) of text element-wise with ``sep``."""
    arrays = [_arrow(p) for p in parts]
    return _series(pc.binary_join_element_wise(*arrays, _arrow(sep)))


def _arrow(part: object) -> pa.Scalar | pa.Array:
    """Return ``part`` as Arrow ``large_string`` (a scalar for a str, else an array)."""
    if isinstance(part, str):
        return pa.scalar(part, type=pa.large_string())
    if isinstance(part, pd.Series) and isinstance(part.dtype, pd.StringDtype):
        data = pa.array(part.array)  # the Arrow data behind a "str" Series, no copy
        return data.cast(pa.large_string()) if data.type != pa.large_string() else data
    return pa.array(np.asarray(part, dtype=object), type=pa.large_string())


_STR = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' default "str" dtype


def _series(array: pa.Array | pa.ChunkedArray) -> pd.Series:
    """Wrap Arrow text as a pandas "str" Series.

    pandas keeps such text as ``large_string``; text built as ``large_string`` (as
    everything in this module is) is wrapped without the cast and copy a ``string`` needs.
    """
    mapper = {pa.string(): _STR, pa.large_string(): _STR}.get
    return pd.Series(array.to_pandas(types_mapper=mapper))


def to_str(values: np.ndarray) -> pd.Series:
    """Return an object array of text (None for missing) as a pandas "str" Series."""
    return _series(pa.array(np.asarray(values, dtype=object), type=pa.large_string()))


def decode(codes: np.ndarray, labels: list[str] | tuple[str, ...] | np.ndarray) -> pd.Series:
    """Return ``labels[codes]`` as a pandas "str" Series; a negative code gives a missing value.

    Decoding integer codes in Arrow is much faster than building Python strings, which is
    what keeps the national scale within its time budget.
    """
    codes = np.asarray(codes)
    mask = codes < 0
    if mask.any():
        indices = pa.array(np.where(mask, 0, codes).astype(np.int32), mask=mask)
    else:
        indices = pa.array(codes.astype(np.int32))
    dictionary = pa.array([str(label) for label in labels], type=pa.large_string())
    return _series(pa.DictionaryArray.from_arrays(indices, dictionary).dictionary_decode())


def encode(column: pd.Series, labels: list[str] | tuple[str, ...]) -> np.ndarray:
    """Return the position of each text value in ``labels``, -1 where missing (``decode`` undone).

    Looked up in Arrow: several times faster than ``pd.Categorical(...).codes`` on a million
    values. Raises ``ValueError`` naming the column and its values that are not in ``labels``.
    """
    values = pa.array(column)  # the Arrow data behind a "str" column, without a copy
    found = pc.index_in(values, value_set=pa.array([str(label) for label in labels]))
    unknown = pc.and_(pc.is_null(found), pc.is_valid(values))
    if pc.any(unknown).as_py():
        sample = pc.unique(pc.filter(values, unknown)).to_pylist()[:5]
        raise ValueError(f"column {column.name!r} has values {sample} that are not among {labels}")
    return pc.fill_null(found, -1).to_numpy().astype(np.int64)
