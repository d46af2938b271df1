"""Fast, vectorised building of identifiers and names (Arrow compute, no Python loops)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def padded(prefix: str, numbers: np.ndarray, width: int) -> pd.Series:
    """Return ``prefix`` + zero-padded ``numbers`` ("E0000042"), one string per number."""
    digits = pc.utf8_lpad(
        pa.array(np.asarray(numbers, dtype=np.int64)).cast(pa.string()), width, "0"
    )
    return _series(pc.binary_join_element_wise(prefix, digits, ""))


def join(*parts: object, sep: str = "") -> pd.Series:
    """Join arrays (or scalars) of text element-wise with ``sep``."""
    arrays = [_arrow(p) for p in parts]
    return _series(pc.binary_join_element_wise(*arrays, sep))


def _arrow(part: object) -> object:
    if isinstance(part, str):
        return part
    if isinstance(part, pd.Series) and isinstance(part.dtype, pd.StringDtype):
        data = pa.array(part.array)  # the Arrow data behind a "str" Series, no copy
        return data.cast(pa.string()) if data.type != pa.string() else data
    return pa.array(np.asarray(part, dtype=object), type=pa.string())


_STR = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' default "str" dtype


def _series(array: pa.Array | pa.ChunkedArray) -> pd.Series:
    mapper = {pa.string(): _STR, pa.large_string(): _STR}.get
    return pd.Series(array.to_pandas(types_mapper=mapper))


def to_str(values: np.ndarray) -> pd.Series:
    """Return an object array of text (None for missing) as a pandas "str" Series."""
    return _series(pa.array(np.asarray(values, dtype=object), type=pa.string()))


def decode(codes: np.ndarray, labels: list[str] | tuple[str, ...] | np.ndarray) -> pd.Series:
    """Return ``labels[codes]`` as a pandas "str" Series; a negative code gives a missing value.

    Decoding integer codes in Arrow is much faster than building Python strings, which is
    what keeps the national scale within its time budget.
    """
    codes = np.asarray(codes)
    mask = codes < 0
    indices = pa.array(np.where(mask, 0, codes).astype(np.int32), mask=mask if mask.any() else None)
    dictionary = pa.array([str(label) for label in labels], type=pa.string())
    return _series(pa.DictionaryArray.from_arrays(indices, dictionary).dictionary_decode())
