"""Read ILOSTAT bulk CSV files and write the kit's indicators in the same layout.

ILOSTAT publishes bulk CSV files with the columns of :data:`ILOSTAT_COLUMNS` (some extracts
carry only a subset; downloads "with labels" carry ``<column>.label`` columns beside or
instead of the codes). ``ref_area`` is the ISO 3166 alpha-3 code (``VNM`` for Viet Nam);
``time`` is the period (``2018``, or ``2018Q1`` / ``2018M01`` for sub-annual series) and is
kept as text; ``obs_value`` is the number. Source: ``shared/domain-facts.md``.

Writing Viet Nam's figures in this layout lets them stand beside other countries' in the
same tools. Only estimates that may be published are written: rows flagged "suppress" by
:mod:`lrkit.survey` are left out.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

#: The columns of an ILOSTAT bulk CSV file, in ILOSTAT's order.
ILOSTAT_COLUMNS: tuple[str, ...] = (
    "ref_area",
    "indicator",
    "source",
    "sex",
    "classif1",
    "time",
    "obs_value",
    "obs_status",
    "note_classif",
    "note_indicator",
    "note_source",
)
#: The columns a file must have to be usable.
REQUIRED_COLUMNS: tuple[str, ...] = ("ref_area", "indicator", "time", "obs_value")
#: ISO 3166 alpha-3 code of Viet Nam.
VIET_NAM = "VNM"

#: ILOSTAT indicator codes of the kit's indicators (checked: ``shared/domain-facts.md``).
INDICATOR_CODES: dict[str, str] = {
    "union_density": "ILR_TUMT_NOC_RT",
    "bargaining_coverage": "ILR_CBCT_NOC_RT",
}
#: ILOSTAT strike series codes as they appear in public ILOSTAT downloads (number of
#: strikes and lockouts, workers involved, days not worked, days not worked per 1,000
#: workers, each by economic activity). ⚠ Not in the kit's checked facts: confirm them on
#: ILOSTAT before publishing.
STRIKE_CODES: dict[str, str] = {
    "actions": "STR_TSTR_ECO_NB",
    "workers_involved": "STR_WORK_ECO_NB",
    "days_not_worked": "STR_DAYS_ECO_NB",
    "days_not_worked_per_1000_employees": "STR_DAYS_ECO_RT",
}


def read_ilostat(
    source: str | os.PathLike | io.IOBase, *, labels_as_codes: bool = False
) -> pd.DataFrame:
    """Read an ILOSTAT bulk CSV file (or extract) into a DataFrame.

    The file must have at least ``ref_area``, ``indicator``, ``time`` and ``obs_value``;
    the other columns of :data:`ILOSTAT_COLUMNS` are added empty when absent, so the result
    always has them (in ILOSTAT's order, followed by any other columns, such as ``.label``
    ones, as read). ``obs_value`` becomes a float (blank cells become NaN; text is an error
    naming the rows); every other column is text.

    A file "with labels" may carry ``ref_area.label`` instead of ``ref_area``: by default that
    is an error (labels are not codes: "Viet Nam" is not "VNM"); ``labels_as_codes=True``
    uses the label as the value instead. Compressed files (``.gz``, ``.zip``) are read
    directly; a byte-order mark is ignored.
    """
    try:
        frame = pd.read_csv(
            source,
            dtype="str",
            keep_default_na=False,
            na_values=[""],
            encoding="utf-8-sig",
        )
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise ValueError(f"{source!s} is not a readable CSV file: {error}") from error
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    labelled = [c for c in missing if f"{c}.label" in frame.columns]
    if labelled and labels_as_codes:
        for column in labelled:
            frame[column] = frame[f"{column}.label"]
        missing = [c for c in missing if c not in labelled]
    if missing:
        hint = ""
        if labelled and not labels_as_codes:
            hint = (
                f"; the file has label column(s) {[f'{c}.label' for c in labelled]}: download "
                "the file with codes, or pass labels_as_codes=True"
            )
        raise KeyError(
            f"required ILOSTAT column(s) {missing} missing from {source!s}; it has: "
            f"{', '.join(frame.columns)}{hint}"
        )
    for column in ILOSTAT_COLUMNS:
        if column not in frame.columns:
            frame[column] = pd.Series(pd.NA, index=frame.index, dtype="str")
    for column in frame.columns:
        if column != "obs_value":
            frame[column] = frame[column].str.strip()
    values = pd.to_numeric(frame["obs_value"].str.strip(), errors="coerce")
    bad = values.isna() & frame["obs_value"].notna()
    if bad.any():
        lines = (frame.index[bad] + 2).tolist()[:5]  # header is line 1
        shown = frame.loc[bad, "obs_value"].tolist()[:5]
        raise ValueError(f"obs_value must be a number; line(s) {lines} of {source!s} hold {shown}")
    frame["obs_value"] = values.astype("float64")
    for column in ("ref_area", "indicator", "time"):
        if frame[column].isna().any():
            lines = (frame.index[frame[column].isna()] + 2).tolist()[:5]
            raise ValueError(f"column {column!r} is empty on line(s) {lines} of {source!s}")
    extra = [c for c in frame.columns if c not in ILOSTAT_COLUMNS]
    return frame[[*ILOSTAT_COLUMNS, *extra]]


def _indicator_codes(table: pd.DataFrame, indicator: str | None) -> pd.Series:
    if indicator is not None:
        code = INDICATOR_CODES.get(indicator, indicator)
        return pd.Series(code, index=table.index, dtype="str")
    if "indicator" not in table.columns:
        raise KeyError("give indicator= or a table with an 'indicator' column")
    names = table["indicator"].astype("str")
    unknown = sorted(set(names) - set(INDICATOR_CODES) - set(INDICATOR_CODES.values()))
    if unknown:
        raise ValueError(
            f"no ILOSTAT code for indicator(s) {unknown}; known: {sorted(INDICATOR_CODES)}; "
            "pass indicator= with the code"
        )
    return names.map(lambda name: INDICATOR_CODES.get(name, name))


def to_ilostat(
    table: pd.DataFrame,
    *,
    time: str,
    value: str = "rate",
    indicator: str | None = None,
    ref_area: str = VIET_NAM,
    source: str | None = None,
    sex: str | None = None,
    classif1: str | None = None,
    obs_status: str | None = None,
    caution_status: str | None = None,
    note_classif: str | None = None,
    note_indicator: str | None = None,
    note_source: str | None = None,
    decimals: int | None = 2,
) -> pd.DataFrame:
    """Return ``table`` (one estimate a row) in the ILOSTAT bulk layout.

    ``time`` and ``value`` name columns of ``table`` (the period and the number). ``sex``,
    ``classif1`` and ``obs_status`` name optional columns whose values are copied as they
    are (give ILOSTAT codes, such as ``SEX_F``). ``indicator`` is a kit name (a key of
    :data:`INDICATOR_CODES`) or an ILOSTAT code; ``None`` reads the kit names in the
    table's ``indicator`` column, as :mod:`lrkit.ir_indicators` writes them. ``ref_area``,
    ``source`` and the notes are constants for every row.

    When the table has a ``flag`` column (from :mod:`lrkit.survey`), rows flagged
    "suppress" are left out, and rows flagged "use with caution" get ``caution_status`` as
    their ``obs_status`` when it is given (choose the code from ILOSTAT's observation status
    list; the kit does not assume one). Values are rounded to ``decimals``.
    """
    needed = [time, value] + [c for c in (sex, classif1, obs_status) if c is not None]
    missing = [c for c in needed if c not in table.columns]
    if missing:
        raise KeyError(
            f"column(s) {missing} missing from the table; it has: {', '.join(table.columns)}"
        )
    values = table[value]
    if pd.api.types.is_bool_dtype(values) or not pd.api.types.is_numeric_dtype(values):
        raise TypeError(f"column {value!r} must be numeric, got {values.dtype}")
    if not (isinstance(ref_area, str) and len(ref_area) == 3 and ref_area.isupper()):
        raise ValueError(f"ref_area={ref_area!r} must be an ISO 3166 alpha-3 code such as 'VNM'")
    kept = table
    if "flag" in table.columns:
        kept = table[table["flag"] != "suppress"]
    codes = _indicator_codes(kept, indicator)
    out = pd.DataFrame(index=kept.index)
    out["ref_area"] = ref_area
    out["indicator"] = codes
    out["source"] = source
    out["sex"] = kept[sex].astype("str") if sex else None
    out["classif1"] = kept[classif1].astype("str") if classif1 else None
    out["time"] = kept[time].astype("str")
    number = kept[value].astype("float64")
    out["obs_value"] = number.round(decimals) if decimals is not None else number
    status = kept[obs_status].astype("str") if obs_status else pd.Series(None, index=kept.index)
    if caution_status is not None and "flag" in kept.columns:
        status = status.where(kept["flag"] != "use with caution", caution_status)
    out["obs_status"] = status
    out["note_classif"] = note_classif
    out["note_indicator"] = note_indicator
    out["note_source"] = note_source
    if out["obs_value"].isna().any():
        raise ValueError(
            f"{int(out['obs_value'].isna().sum())} row(s) have no value in {value!r} and are "
            "not flagged 'suppress'"
        )
    return out[list(ILOSTAT_COLUMNS)].reset_index(drop=True)


def write_ilostat(frame: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write a frame in the ILOSTAT layout to ``path`` (UTF-8 CSV) and return the path.

    The frame must have the required columns; missing optional ones are written empty and
    the columns come in ILOSTAT's order.
    """
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        raise KeyError(f"required ILOSTAT column(s) {missing} missing from the frame")
    out = frame.copy()
    for column in ILOSTAT_COLUMNS:
        if column not in out.columns:
            out[column] = np.nan
    extra = [c for c in out.columns if c not in ILOSTAT_COLUMNS]
    target = Path(path)
    out[[*ILOSTAT_COLUMNS, *extra]].to_csv(target, index=False, encoding="utf-8")
    return target


def ilostat_value(
    frame: pd.DataFrame,
    indicator: str,
    time: str | int,
    ref_area: str = VIET_NAM,
    filters: Mapping[str, str] | None = None,
) -> float:
    """Return the single ``obs_value`` of ``indicator`` for ``ref_area`` in ``time``.

    ``filters`` narrows further (for example ``{"sex": "SEX_T"}``). Raises ``LookupError``
    when no row or more than one row matches, naming what was looked for.
    """
    code = INDICATOR_CODES.get(indicator, indicator)
    mask = (
        (frame["indicator"] == code)
        & (frame["ref_area"] == ref_area)
        & (frame["time"] == str(time))
    )
    for column, wanted in (filters or {}).items():
        mask &= frame[column] == wanted
    rows = frame[mask]
    if len(rows) != 1:
        raise LookupError(
            f"{len(rows)} row(s) for indicator {code!r}, ref_area {ref_area!r}, time {time!r}"
            f"{' and ' + str(dict(filters)) if filters else ''}; expected exactly one"
        )
    return float(rows["obs_value"].iloc[0])
