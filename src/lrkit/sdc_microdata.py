"""Disclosure control of microdata before they are shared (kiểm soát công bố vi dữ liệu).

Tables are protected by :mod:`lrkit.disclosure`; this module protects the *records* a
producer shares with researchers (a public-use or scientific-use file). Three standard
steps, each reporting what it did:

1. **direct identifiers** (định danh trực tiếp) removed: ids of persons, households,
   enumeration areas or enterprises, and names (:func:`remove_direct_identifiers`);
2. **k-anonymity** (k-ẩn danh) on chosen quasi-identifiers (định danh gián tiếp: province,
   sex, age, sector, ...): every combination of their values must be shared by at least
   ``k`` records, so that no record is unique on what an intruder may know. The smallest
   equivalence class (:func:`k_anonymity`) says which ``k`` a file reaches; generalising
   (:func:`generalise_age`: age in bands) and then suppressing the records still in
   classes smaller than ``k`` (:func:`suppress_to_k`) reaches it;
3. **top-coding** (mã hóa chặn trên) of wages or employees: values above a threshold (a
   high quantile) are replaced by the threshold, so the richest person or the largest
   enterprise cannot be recognised by its value (:func:`top_code`).

:func:`protect_microdata` runs the three and returns a :class:`ProtectedMicrodata`:
``kept`` (the file to share), ``set_aside`` (suppressed records, with the reason), and a
``report`` of every action. Rows are accounted for: kept + set aside = received.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

#: Columns of the kit's datasets that identify a person, household, area or enterprise.
DIRECT_IDENTIFIERS: tuple[str, ...] = (
    "person_id", "household_id", "psu", "enterprise_id", "enterprise_name",
)  # fmt: skip
#: Quasi-identifiers of the kit's worker records that an intruder could know of a person.
WORKER_QUASI_IDENTIFIERS: tuple[str, ...] = ("province", "sex", "age", "sector", "education")


def _require(frame: pd.DataFrame, columns: Iterable[str], what: str = "the records") -> None:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{what} must be a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(
            f"column(s) {missing} missing from {what}; it has: {', '.join(map(str, frame.columns))}"
        )


def _k(k: object) -> int:
    if isinstance(k, bool) or not isinstance(k, int | np.integer) or int(k) < 1:
        raise ValueError(f"k must be a whole number of 1 or more, got {k!r}")
    return int(k)


def equivalence_classes(
    frame: pd.DataFrame, quasi: Sequence[str], weight: str | None = None
) -> pd.DataFrame:
    """Return the equivalence classes: each combination of ``quasi`` values and its size.

    Columns: the quasi-identifiers, ``size`` (records) and, with ``weight``, ``weighted``
    (the population the records stand for). Sorted from the smallest class. Missing values
    form a class of their own.
    """
    quasi = list(quasi)
    if not quasi:
        raise ValueError("give at least one quasi-identifier column")
    _require(frame, [*quasi, *([weight] if weight else [])])
    work = frame[quasi].copy()
    work["size"] = 1
    if weight:
        work["weighted"] = pd.to_numeric(frame[weight]).astype("float64")
    table = work.groupby(quasi, dropna=False, observed=True, sort=True).sum().reset_index()
    return table.sort_values(["size", *quasi], kind="stable").reset_index(drop=True)


def k_anonymity(frame: pd.DataFrame, quasi: Sequence[str]) -> int:
    """Return the k the records reach: the size of the smallest equivalence class (0 if empty)."""
    if len(frame) == 0:
        _require(frame, quasi)
        return 0
    return int(equivalence_classes(frame, quasi)["size"].min())


def class_sizes(frame: pd.DataFrame, quasi: Sequence[str]) -> pd.Series:
    """Return, for each record, the size of its equivalence class (same index as ``frame``)."""
    quasi = list(quasi)
    _require(frame, quasi)
    keys = frame[quasi].astype("object").where(frame[quasi].notna(), "\x00missing")
    return keys.groupby(quasi, sort=False).transform("size") if len(quasi) > 1 else (
        keys[quasi[0]].map(keys[quasi[0]].value_counts())
    )


def risk_summary(frame: pd.DataFrame, quasi: Sequence[str], k: int = 3) -> dict[str, int]:
    """Return the records, classes, smallest class, unique records and records below ``k``."""
    k = _k(k)
    classes = equivalence_classes(frame, quasi)
    sizes = class_sizes(frame, quasi)
    return {
        "records": len(frame),
        "classes": len(classes),
        "smallest_class": int(classes["size"].min()) if len(classes) else 0,
        "unique_records": int((sizes == 1).sum()),
        "records_below_k": int((sizes < k).sum()),
    }


def remove_direct_identifiers(
    frame: pd.DataFrame, identifiers: Iterable[str] = DIRECT_IDENTIFIERS
) -> tuple[pd.DataFrame, list[str]]:
    """Return (the records without the direct identifiers, the columns removed)."""
    removed = [c for c in identifiers if c in frame.columns]
    return frame.drop(columns=removed), removed


def generalise_age(
    age: pd.Series, width: int = 10, start: int = 15, top: int | None = 65
) -> pd.Series:
    """Return ages in bands of ``width`` years from ``start`` ("15-24", "25-34", ...).

    Ages from ``top`` on share one band ("65+"); ages below ``start`` one band too
    ("<15"). Missing ages stay missing. Raises ``ValueError`` for a width below 1.
    """
    if isinstance(width, bool) or int(width) < 1:
        raise ValueError(f"width must be 1 year or more, got {width!r}")
    values = pd.to_numeric(age, errors="coerce")
    low = (values - start) // width * width + start
    labels = low.map(lambda a: f"{int(a)}-{int(a) + width - 1}" if pd.notna(a) else None)
    if top is not None:
        labels = labels.where(~(values >= top), f"{top}+")
    labels = labels.where(~(values < start), f"<{start}")
    out = labels.astype("object")
    out[values.isna().to_numpy()] = None
    return out


def top_code(
    frame: pd.DataFrame,
    column: str,
    *,
    quantile: float | None = 0.99,
    threshold: float | None = None,
) -> tuple[pd.DataFrame, float, int]:
    """Top-code ``column``: values above the threshold become the threshold.

    The threshold is given, or the ``quantile`` of the column's known values (default the
    99th percentile). Returns (the records, the threshold, how many values were top-coded).
    Integer columns keep whole numbers (the threshold is rounded down).
    """
    _require(frame, [column])
    values = pd.to_numeric(frame[column], errors="coerce")
    if threshold is None:
        if quantile is None or not 0 < float(quantile) < 1:
            raise ValueError(f"quantile must be between 0 and 1 (e.g. 0.99), got {quantile!r}")
        known = values.dropna()
        if known.empty:
            raise ValueError(f"column {column!r} has no values to top-code")
        threshold = float(np.quantile(known.to_numpy(dtype="float64"), float(quantile)))
    whole = pd.api.types.is_integer_dtype(frame[column].dtype)
    if whole:
        threshold = float(np.floor(threshold))
    above = (values > threshold).fillna(False).to_numpy(dtype=bool)
    out = frame.copy()
    coded = values.where(~above, threshold)
    out[column] = coded.round().astype(frame[column].dtype) if whole else coded
    return out, threshold, int(above.sum())


def suppress_to_k(
    frame: pd.DataFrame, quasi: Sequence[str], k: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Set aside the records in equivalence classes smaller than ``k`` (record suppression).

    Returns (kept, set aside); the set-aside records carry a ``reason``. The kept records
    reach k-anonymity ``k`` on ``quasi`` (removing whole classes never shrinks the others).
    """
    k = _k(k)
    sizes = class_sizes(frame, quasi)
    small = (sizes < k).to_numpy()
    set_aside = frame.loc[small].copy()
    set_aside["reason"] = [
        f"one of {int(s)} record(s) with these {', '.join(quasi)}: fewer than k = {k}"
        for s in sizes[small]
    ]
    return frame.loc[~small].copy(), set_aside


@dataclass(frozen=True)
class ProtectedMicrodata:
    """Records ready to share, the records suppressed and a report of every action."""

    received: int
    kept: pd.DataFrame
    set_aside: pd.DataFrame
    report: pd.DataFrame
    quasi: tuple[str, ...]
    k: int

    def __post_init__(self) -> None:
        if len(self.kept) + len(self.set_aside) != self.received:
            raise AssertionError("records lost: kept + set aside ≠ received")


def protect_microdata(
    frame: pd.DataFrame,
    quasi: Sequence[str] = WORKER_QUASI_IDENTIFIERS,
    k: int = 3,
    *,
    identifiers: Iterable[str] = DIRECT_IDENTIFIERS,
    age_band: int | None = 10,
    top_codes: Mapping[str, float] | None = None,
) -> ProtectedMicrodata:
    """Protect records before sharing: identifiers, age bands, top-codes, k-anonymity.

    Steps, in order: remove ``identifiers``; put ``age`` in bands of ``age_band`` years
    (when ``age`` is a quasi-identifier; ``None`` keeps single years); top-code each column
    of ``top_codes`` (column → quantile, e.g. ``{"monthly_wage_vnd": 0.99}``); set aside
    the records still in classes smaller than ``k``. The ``report`` has one row per action:
    ``step``, ``detail`` and ``records`` affected.
    """
    k = _k(k)
    quasi = tuple(quasi)
    _require(frame, quasi)
    rows = []
    out, removed = remove_direct_identifiers(frame, identifiers)
    rows.append(("direct identifiers", f"removed {', '.join(removed) or 'none'}", len(frame)))
    before = risk_summary(out, quasi, k)
    rows.append(
        ("risk before", f"smallest class {before['smallest_class']}; "
         f"{before['unique_records']} unique record(s)", before["records_below_k"])
    )  # fmt: skip
    if age_band is not None and "age" in quasi:
        out = out.assign(age=generalise_age(out["age"], width=age_band))
        rows.append(("generalise", f"age in bands of {age_band} years", len(out)))
    for column, quantile in (top_codes or {}).items():
        out, threshold, n = top_code(out, column, quantile=quantile)
        rows.append(("top-code", f"{column} above {threshold:,.0f} (quantile {quantile})", n))
    kept, set_aside = suppress_to_k(out, quasi, k)
    rows.append(("suppress", f"records in classes smaller than k = {k}", len(set_aside)))
    after = risk_summary(kept, quasi, k) if len(kept) else {"smallest_class": 0}
    rows.append(("risk after", f"smallest class {after['smallest_class']}", 0))
    report = pd.DataFrame(rows, columns=["step", "detail", "records"])
    return ProtectedMicrodata(len(frame), kept, set_aside, report, quasi, k)
