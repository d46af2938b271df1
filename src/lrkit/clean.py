"""Cleaning the raw agency deliveries, with every row accounted for.

The labour ministry, VGCL and the labour departments deliver their registers as agencies
do (see :mod:`lrkit.synth.raw`): Vietnamese headers, ``;`` separators, ``dd/mm/yyyy``
dates, ``1.234.567`` numbers, province names spelt several ways, a legacy Windows-1258
file, duplicated rows and impossible values. This module turns such a file into a table
with the kit's column names and types.

**Every step returns what it kept and what it set aside, with the reason** (a
:class:`StepResult`): ``kept`` + ``set_aside`` = ``received``, checked each time, so no row
is lost without a trace. Cells a step corrects in the rows it keeps (a province spelling, a
two-digit year, an amount in thousands) are listed in its ``changes``, with the value
before and after. :func:`clean_delivery` runs every step on one delivery and returns a
:class:`Cleaning`; :func:`score_cleaning` compares what the cleaning found with the error
ledger (``truth/error_ledger.csv``): faults found and missed per fault type, and false
alarms.

The steps, in the order :func:`clean_delivery` runs them:

=================  =========================================================================
``read``           detect the encoding (UTF-8 with or without BOM, else Windows-1258),
                   normalise the text to Unicode NFC, map the Vietnamese headers to the
                   kit's names (:data:`DELIVERIES`); rows with the wrong number of fields
                   are set aside
``duplicates``     a row equal to an earlier one in every field but ``STT`` (after folding
                   spaces and case) is set aside as a duplicate of that row
``whitespace``     spaces stripped at both ends and runs of spaces made single
``missing``        a blank required field sets the row aside; a blank optional field is
                   kept as missing and noted
``provinces``      any spelling of a province (with or without diacritics, "TP.", "Tỉnh",
                   upper case) → its official name; unknown names are set aside
``dates``          ``dd/mm/yyyy``, ``dd/mm/yy``, ``yyyy-mm-dd``, ``dd-mm-yyyy``,
                   ``dd.mm.yyyy``; a two-digit year ``yy`` is read as 20yy
``swapped_dates``  a date whose day and month were swapped is put back when the swap
                   restores the register's date order or the link between its dates
``numbers``        ``1.234.567`` → 1234567 (``.`` groups thousands, ``,`` marks decimals)
``codes``          Vietnamese labels → the kit's codes (``Có vốn ĐTNN`` →
                   ``foreign_invested``); an unknown label sets the row aside
``impossible``     values outside their allowed range (0 days, negative workers, more
                   workers than the largest enterprise employs, an end before a start) set
                   the row aside; a wage under 100,000 VND is read as thousands of VND
=================  =========================================================================

Rows are identified by ``row``, the delivered row number (the ``STT`` column), which is
also how the error ledger names them.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from lrkit.reference.provinces import crosswalk_2025, fold_name, provinces_pre2025

ROW = "row"
CHANGE_COLUMNS: tuple[str, ...] = (ROW, "column", "issue", "before", "after")
MERGER_DATE = pd.Timestamp("2025-07-01")
#: Monthly wage amounts below this (VND) are read as thousands of VND: no regional minimum
#: wage in the kit's table is below 2,760,000 VND (region IV, 2018, Decree 141/2017/ND-CP).
THOUSANDS_BELOW = 100_000
#: Two-digit years ``yy`` are read as 2000 + yy (the registers start in 2015).
CENTURY = 2000


# ------------------------------------------------------------------------ the result type
@dataclass(frozen=True)
class StepResult:
    """What one cleaning step kept, what it set aside (with reasons) and what it changed.

    ``kept`` holds the rows that go on to the next step; ``set_aside`` the others, with two
    more columns: ``reason`` (a sentence) and ``column`` (the column at fault, "" when the
    whole row is). ``changes`` lists the cells corrected or noted in kept rows: ``row``,
    ``column``, ``issue``, ``before``, ``after``. ``notes`` carries facts about the step
    (for ``read``: the encoding and the header mapping).
    """

    step: str
    received: int
    kept: pd.DataFrame
    set_aside: pd.DataFrame
    changes: pd.DataFrame
    notes: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if len(self.kept) + len(self.set_aside) != self.received:
            raise AssertionError(
                f"step {self.step!r} lost rows: kept {len(self.kept)} + set aside "
                f"{len(self.set_aside)} ≠ received {self.received}"
            )

    def summary(self) -> dict[str, object]:
        """Return the step's counts: received, kept, set aside and cells changed."""
        return {
            "step": self.step,
            "received": self.received,
            "kept": len(self.kept),
            "set_aside": len(self.set_aside),
            "cells_changed": len(self.changes),
        }


def _changes(rows: Iterable = (), **columns: Iterable) -> pd.DataFrame:
    table = pd.DataFrame({ROW: list(rows), **{k: list(v) for k, v in columns.items()}})
    for column in CHANGE_COLUMNS:
        if column not in table:
            table[column] = pd.Series(dtype="object")
    table[ROW] = table[ROW].astype("int64")
    return table[list(CHANGE_COLUMNS)].astype({c: "object" for c in CHANGE_COLUMNS[1:]})


def _split(
    step: str,
    frame: pd.DataFrame,
    aside: np.ndarray,
    reasons: Sequence[str] | np.ndarray,
    columns: Sequence[str] | np.ndarray | str = "",
    changes: pd.DataFrame | None = None,
    notes: dict | None = None,
) -> StepResult:
    """Return the :class:`StepResult` that sets aside the rows where ``aside`` is true."""
    aside = np.asarray(aside, dtype=bool)
    reasons = np.asarray(reasons, dtype=object)
    if isinstance(columns, str):
        columns = np.full(len(frame), columns, dtype=object)
    columns = np.asarray(columns, dtype=object)
    kept = frame.loc[~aside].reset_index(drop=True)
    set_aside = frame.loc[aside].reset_index(drop=True)
    set_aside["reason"] = list(reasons[aside]) if len(reasons) else []
    set_aside["column"] = list(columns[aside]) if len(columns) else []
    changes = _changes() if changes is None else changes
    return StepResult(step, len(frame), kept, set_aside, changes, dict(notes or {}))


@dataclass
class Cleaning:
    """The steps of one delivery's cleaning, and the rows each kept and set aside."""

    delivery: str
    file: str
    encoding: str
    steps: list[StepResult]

    @property
    def received(self) -> int:
        """Rows in the delivered file (after the header)."""
        return self.steps[0].received

    @property
    def kept(self) -> pd.DataFrame:
        """The clean rows: what the last step kept."""
        return self.steps[-1].kept

    @property
    def set_aside(self) -> pd.DataFrame:
        """Every row set aside, with the ``step`` that did it, the ``reason`` and ``column``."""
        parts = [s.set_aside.assign(step=s.step) for s in self.steps if len(s.set_aside)]
        if not parts:
            return pd.DataFrame(columns=[ROW, "step", "reason", "column"])
        table = pd.concat(parts, ignore_index=True)
        first = [ROW, "step", "reason", "column"]
        return table[first + [c for c in table.columns if c not in first]]

    @property
    def changes(self) -> pd.DataFrame:
        """Every cell corrected or noted in a kept row, with the ``step`` that did it."""
        parts = [s.changes.assign(step=s.step) for s in self.steps if len(s.changes)]
        if not parts:
            return _changes().assign(step=pd.Series(dtype="object"))
        return pd.concat(parts, ignore_index=True)

    def accounting(self) -> pd.DataFrame:
        """Return one row per step: received, kept, set aside, cells changed.

        Each step receives what the one before it kept, so the rows of the file are all
        accounted for: ``received`` of the first step = final ``kept`` + all set aside.
        """
        table = pd.DataFrame([s.summary() for s in self.steps])
        if len(self.kept) + len(self.set_aside) != self.received:  # pragma: no cover - guard
            raise AssertionError("rows lost between steps")
        return table


# ------------------------------------------------------------------------ deliveries
@dataclass(frozen=True)
class DeliverySpec:
    """The codebook of one raw delivery: how to read it and what its fields may hold.

    ``headers`` maps each Vietnamese header to the kit's column name. ``required`` fields
    cannot be blank (the row is set aside); a blank ``optional`` field is kept as missing
    and noted; any other field may be blank by design (a dispute not yet settled has no
    settlement date). ``order_date`` is the date the agency sorts the register by.
    ``codes`` maps each coded column's Vietnamese labels to the kit's codes. ``minimum``
    gives the smallest allowed value of numeric columns; ``workers`` the columns bounded
    by the largest enterprise's employees. ``pairs`` are (earlier date, later date) that
    must be in order; ``whole_years`` says the register's agreements run whole years (an
    assumption of the kit's register, used to find swapped dates). ``wages`` are monthly
    amounts that may have been written in thousands of VND.
    """

    name: str
    file: str
    headers: Mapping[str, str]
    province: str
    dates: tuple[str, ...]
    order_date: str
    numbers: tuple[str, ...]
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    codes: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    minimum: Mapping[str, float] = field(default_factory=dict)
    workers: tuple[str, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()
    wages: tuple[str, ...] = ()
    whole_years: bool = False


#: Labels of the delivered code lists → the kit's codes (the registers' codebooks).
OWNERSHIP_CODES = {
    "Nhà nước": "state",
    "Ngoài nhà nước": "domestic_private",
    "Có vốn ĐTNN": "foreign_invested",
}
SECTOR_CODES = {
    "Nông nghiệp": "agriculture", "Dệt may": "garment", "Da giày": "footwear",
    "Điện tử": "electronics", "CN chế biến khác": "other_manufacturing",
    "Xây dựng": "construction", "Thương mại": "trade", "Dịch vụ": "services",
}  # fmt: skip
CAUSE_CODES = {
    "Tiền lương": "wages", "Thưởng Tết": "tet_bonus", "Chậm trả lương": "late_pay",
    "Nợ BHXH": "social_insurance_arrears", "Chất lượng bữa ăn": "meal_quality",
    "Điều kiện làm việc": "working_conditions",
}  # fmt: skip
CAUSE_GROUP_CODES = {
    "Lương, thưởng": "wages_and_bonus", "BHXH": "social_insurance",
    "Điều kiện làm việc": "working_conditions", "Khác": "other",
}  # fmt: skip
DISPUTE_KIND_CODES = {
    "Cá nhân": "individual", "Tập thể về quyền": "collective_rights",
    "Tập thể về lợi ích": "collective_interests",
}  # fmt: skip
CHANNEL_CODES = {
    "Hòa giải viên": "conciliator", "Hội đồng trọng tài": "arbitration_council",
    "Tòa án": "court",
}  # fmt: skip
YES_NO_CODES = {"Có": True, "Không": False}
DISPUTE_OUTCOMES = (
    "conciliated", "not_conciliated", "withdrawn", "judgment_for_workers",
    "judgment_for_employer", "pending", "award_for_workers", "award_for_employer",
)  # fmt: skip

#: The four raw deliveries, by the short name :func:`lrkit.data.raw_path` uses.
DELIVERIES: dict[str, DeliverySpec] = {
    "ministry_strikes": DeliverySpec(
        name="ministry_strikes",
        file="raw/bo_dinh_cong.csv",
        headers={
            "STT": ROW, "Mã DN": "enterprise_id", "Tên doanh nghiệp": "enterprise_name",
            "Tỉnh/TP": "province", "Loại hình DN": "ownership", "Ngành": "sector",
            "Ngày bắt đầu": "start_date", "Ngày kết thúc": "end_date",
            "Số ngày ngừng việc": "duration_workdays", "Số người tham gia": "workers_involved",
            "Nguyên nhân": "cause", "Công đoàn lãnh đạo": "led_by_union",
        },  # fmt: skip
        province="province",
        dates=("start_date", "end_date"),
        order_date="start_date",
        numbers=("duration_workdays", "workers_involved"),
        required=(
            "enterprise_id", "province", "start_date", "end_date", "duration_workdays",
            "workers_involved", "led_by_union",
        ),  # fmt: skip
        optional=("ownership", "sector", "cause"),
        codes={
            "ownership": OWNERSHIP_CODES, "sector": SECTOR_CODES, "cause": CAUSE_CODES,
            "led_by_union": YES_NO_CODES,
        },  # fmt: skip
        minimum={"duration_workdays": 1, "workers_involved": 1},
        workers=("workers_involved",),
        pairs=(("start_date", "end_date"),),
    ),
    "vgcl_strikes": DeliverySpec(
        name="vgcl_strikes",
        file="raw/tld_ngung_viec.csv",
        headers={
            "STT": ROW, "Tên đơn vị": "enterprise_name", "Địa bàn": "province",
            "Ngày xảy ra": "reported_start_date", "Thời gian (ngày)": "duration_workdays",
            "Số người ngừng việc": "peak_workers", "Nhóm nguyên nhân": "cause_group",
            "Có CĐCS": "grassroots_union",
        },  # fmt: skip
        province="province",
        dates=("reported_start_date",),
        order_date="reported_start_date",
        numbers=("duration_workdays", "peak_workers"),
        required=(
            "enterprise_name", "province", "reported_start_date", "duration_workdays",
            "peak_workers",
        ),  # fmt: skip
        optional=("cause_group", "grassroots_union"),
        codes={"cause_group": CAUSE_GROUP_CODES, "grassroots_union": YES_NO_CODES},
        minimum={"duration_workdays": 1, "peak_workers": 1},
        workers=("peak_workers",),
    ),
    "agreements": DeliverySpec(
        name="agreements",
        file="raw/so_thoa_uoc.csv",
        headers={
            "STT": ROW, "Mã DN": "enterprise_id", "Tên doanh nghiệp": "enterprise_name",
            "Tỉnh/TP": "province", "Ngày ký": "signed_date", "Ngày hết hạn": "expiry_date",
            "Mức lương thấp nhất (đồng)": "lowest_wage_vnd",
            "Phụ cấp ăn ca (đồng)": "meal_allowance_vnd", "Số lao động": "workers_covered",
        },  # fmt: skip
        province="province",
        dates=("signed_date", "expiry_date"),
        order_date="signed_date",
        numbers=("lowest_wage_vnd", "meal_allowance_vnd", "workers_covered"),
        required=("enterprise_id", "province", "signed_date", "expiry_date", "lowest_wage_vnd"),
        optional=("meal_allowance_vnd", "workers_covered"),
        minimum={"lowest_wage_vnd": 1, "meal_allowance_vnd": 0, "workers_covered": 1},
        workers=("workers_covered",),
        pairs=(("signed_date", "expiry_date"),),
        wages=("lowest_wage_vnd",),
        whole_years=True,
    ),
    "disputes": DeliverySpec(
        name="disputes",
        file="raw/tranh_chap.csv",
        headers={
            "STT": ROW, "Mã DN": "enterprise_id", "Tỉnh/TP": "province",
            "Loại tranh chấp": "kind", "Số người lao động": "workers_involved",
            "Cơ quan giải quyết": "channel", "Ngày nhận đơn": "filed_date",
            "Ngày giải quyết xong": "settled_date", "Kết quả": "outcome",
        },  # fmt: skip
        province="province",
        dates=("filed_date", "settled_date"),
        order_date="filed_date",
        numbers=("workers_involved",),
        required=("enterprise_id", "province", "kind", "channel", "filed_date"),
        optional=("workers_involved", "outcome"),
        codes={
            "kind": DISPUTE_KIND_CODES, "channel": CHANNEL_CODES,
            "outcome": {code: code for code in DISPUTE_OUTCOMES},
        },  # fmt: skip
        minimum={"workers_involved": 1},
        workers=("workers_involved",),
        pairs=(("filed_date", "settled_date"),),
    ),
}


def _spec(delivery: str | DeliverySpec) -> DeliverySpec:
    if isinstance(delivery, DeliverySpec):
        return delivery
    if delivery not in DELIVERIES:
        raise ValueError(f"delivery {delivery!r} is not one of: {', '.join(DELIVERIES)}")
    return DELIVERIES[delivery]


# ------------------------------------------------------------------------ read
ENCODINGS: tuple[str, ...] = ("utf-8-sig", "utf-8", "cp1258")


def detect_encoding(data: bytes) -> str:
    """Return the encoding of a delivery: ``utf-8-sig``, ``utf-8`` or ``cp1258``.

    A UTF-8 byte-order mark means ``utf-8-sig``; bytes that decode as UTF-8 mean
    ``utf-8``; anything else is taken as Windows-1258 (``cp1258``), the legacy Vietnamese
    code page, which can decode any byte sequence.
    """
    if not isinstance(data, bytes | bytearray):
        raise TypeError(f"detect_encoding needs the file's bytes, got {type(data).__name__}")
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1258"
    return "utf-8"


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Return (text in Unicode NFC, encoding used); the encoding is detected when not given.

    Windows-1258 writes most toned letters as a base letter + a combining mark; NFC puts
    them back together ("e" + U+0302 + U+0323 → "ệ"), so that names can be compared.
    """
    encoding = encoding or detect_encoding(data)
    if encoding not in ENCODINGS:
        raise ValueError(f"encoding {encoding!r} is not one of: {', '.join(ENCODINGS)}")
    return unicodedata.normalize("NFC", data.decode(encoding)), encoding


def _fold_header(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).strip().casefold().split())


def _source_bytes(source: str | Path | bytes, scale: str, seed: int | None) -> bytes:
    if isinstance(source, bytes | bytearray):
        return bytes(source)
    if isinstance(source, str) and source in DELIVERIES:
        return delivery_bytes(source, scale, seed)
    path = Path(source)
    if not path.exists():
        raise FileNotFoundError(
            f"{source!s} is neither a delivery name ({', '.join(DELIVERIES)}) nor a file"
        )
    return path.read_bytes()


def read_delivery(
    source: str | Path | bytes,
    delivery: str | DeliverySpec | None = None,
    *,
    scale: str = "workshop",
    seed: int | None = None,
    encoding: str | None = None,
) -> StepResult:
    """Read a raw delivery into text columns with the kit's names (step ``read``).

    ``source`` is a delivery name (``ministry_strikes``, ``vgcl_strikes``, ``agreements``,
    ``disputes``), a file path or the file's bytes; ``delivery`` names its codebook when
    ``source`` is not a name. The encoding is detected (see :func:`detect_encoding`) unless
    given; the separator is ``;`` (or ``,`` when the header has no ``;``). Every cell stays
    text, NFC-normalised; in a Unicode file, cells whose text was decomposed (NFD) are
    listed in ``changes``. A row with the wrong number of fields is set aside. ``notes``
    holds ``encoding``, ``separator`` and ``headers`` (delivered → kit name).

    Raises ``ValueError`` naming the headers that are missing from the file.
    """
    if delivery is None:
        if not (isinstance(source, str) and source in DELIVERIES):
            raise ValueError(
                f"say which delivery this is: delivery= one of {', '.join(DELIVERIES)}"
            )
        delivery = source
    spec = _spec(delivery)
    data = _source_bytes(source, scale, seed)
    encoding = encoding or detect_encoding(data)
    raw_text = data.decode(encoding) if encoding in ENCODINGS else None
    if raw_text is None:
        raise ValueError(f"encoding {encoding!r} is not one of: {', '.join(ENCODINGS)}")
    text = unicodedata.normalize("NFC", raw_text)
    header_line = text.split("\n", 1)[0]
    separator = ";" if ";" in header_line else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    raw_rows = list(csv.reader(io.StringIO(raw_text, newline=""), delimiter=separator))
    if not rows:
        raise ValueError(f"{spec.file}: the file is empty")
    header, body, raw_body = rows[0], rows[1:], raw_rows[1:]
    known = {_fold_header(k): v for k, v in spec.headers.items()}
    names = [known.get(_fold_header(h), h.strip()) for h in header]
    missing = [vi for vi, kit in spec.headers.items() if kit not in names]
    if missing:
        raise ValueError(
            f"{spec.file}: header(s) {missing} missing; the file has {header}; "
            f"expected: {list(spec.headers)}"
        )
    width = len(header)
    good = np.array([len(r) == width for r in body], dtype=bool)
    padded = [r if len(r) == width else (r + [""] * width)[:width] for r in body]
    frame = pd.DataFrame(padded, columns=names, dtype=object)
    numbers = pd.to_numeric(frame[ROW], errors="coerce")
    fallback = pd.Series(np.arange(1, len(frame) + 1), index=frame.index)
    frame[ROW] = numbers.where(numbers.notna(), fallback).astype("int64")
    reasons = [
        f"expected {width} fields separated by {separator!r}, found {len(r)}" for r in body
    ]
    changed = []
    if encoding != "cp1258":  # NFC is part of decoding a legacy file, not a finding
        for i, (nfc_row, raw_row) in enumerate(zip(body, raw_body, strict=True)):
            for j, (after, before) in enumerate(zip(nfc_row, raw_row, strict=False)):
                if after != before and names[j] != ROW:
                    changed.append((int(frame.at[i, ROW]), names[j], before, after))
    changes = _changes(
        [c[0] for c in changed],
        column=[c[1] for c in changed],
        issue=["decomposed Unicode (NFD) → NFC"] * len(changed),
        before=[c[2] for c in changed],
        after=[c[3] for c in changed],
    )
    notes = {
        "delivery": spec.name,
        "file": spec.file,
        "encoding": encoding,
        "separator": separator,
        "headers": dict(zip(header, names, strict=True)),
    }
    return _split("read", frame, ~good, reasons, "", changes, notes)


# ------------------------------------------------------------------------ whole-row steps
def _text_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if c != ROW and frame[c].dtype == object]


def _squash(value: object) -> object:
    return " ".join(value.split()) if isinstance(value, str) else value


def drop_duplicates(frame: pd.DataFrame, columns: Sequence[str] | None = None) -> StepResult:
    """Set aside rows equal to an earlier row (step ``duplicates``).

    Rows are compared on ``columns`` (default: every column but ``row``), with spaces
    folded and case ignored, so "  ACME " repeats "acme". The first copy is kept; each
    later copy is set aside with the reason "duplicate of row N".
    """
    columns = [c for c in (columns or frame.columns) if c != ROW]
    _require(frame, [ROW, *columns])
    key = pd.DataFrame(
        {c: frame[c].map(lambda v: _squash(v).casefold() if isinstance(v, str) else v)
         for c in columns}
    )  # fmt: skip
    repeat = key.duplicated(keep="first").to_numpy()
    first = key.groupby(columns, dropna=False, sort=False).ngroup()
    first_row = frame[ROW].groupby(first.to_numpy()).transform("first")
    reasons = [f"duplicate of row {int(r)}" for r in first_row]
    return _split("duplicates", frame, repeat, reasons, "")


def strip_whitespace(frame: pd.DataFrame) -> StepResult:
    """Strip spaces at both ends of every text cell and fold inner runs (step ``whitespace``).

    Sets nothing aside; each changed cell is listed in ``changes``.
    """
    out = frame.copy()
    rows, cols, before, after = [], [], [], []
    for column in _text_columns(frame):
        new = frame[column].map(_squash)
        diff = (new != frame[column]) & frame[column].notna()
        for r, b, a in zip(frame.loc[diff, ROW], frame.loc[diff, column], new[diff], strict=True):
            rows.append(int(r))
            cols.append(column)
            before.append(b)
            after.append(a)
        out[column] = new
    changes = _changes(
        rows, column=cols, issue=["padded whitespace"] * len(rows), before=before, after=after
    )
    return _split("whitespace", out, np.zeros(len(out), bool), [""] * len(out), "", changes)


def _blank(series: pd.Series) -> np.ndarray:
    return series.map(lambda v: v is None or (isinstance(v, str) and not v.strip())).to_numpy(
        dtype=bool
    ) | series.isna().to_numpy(dtype=bool)


def flag_missing(
    frame: pd.DataFrame, required: Sequence[str], optional: Sequence[str] = ()
) -> StepResult:
    """Set aside rows with a blank ``required`` field; note blank ``optional`` ones (``missing``).

    A blank optional field becomes missing (``None``) and is listed in ``changes`` with
    the issue "missing value". Other columns may be blank by design and are left alone.
    """
    _require(frame, [ROW, *required, *optional])
    out = frame.copy()
    aside = np.zeros(len(frame), dtype=bool)
    reasons = np.full(len(frame), "", dtype=object)
    columns = np.full(len(frame), "", dtype=object)
    for column in required:
        blank = _blank(frame[column]) & ~aside
        reasons[blank] = f"required field {column!r} is blank"
        columns[blank] = column
        aside |= blank
    rows, cols = [], []
    for column in optional:
        blank = _blank(frame[column])
        out.loc[blank, column] = None
        rows += [int(r) for r in frame.loc[blank & ~aside, ROW]]
        cols += [column] * int((blank & ~aside).sum())
    changes = _changes(
        rows, column=cols, issue=["missing value"] * len(rows), before=[""] * len(rows),
        after=[None] * len(rows),
    )  # fmt: skip
    return _split("missing", out, aside, reasons, columns, changes)


# ------------------------------------------------------------------------ provinces
_PREFIXES = ("thanh pho ", "tp. ", "tp.", "tp ", "tinh ")


@dataclass(frozen=True)
class _ProvinceIndex:
    by_fold: dict[str, str]
    current: dict[str, str]


@cache
def _province_index() -> _ProvinceIndex:
    names = provinces_pre2025()
    by_fold = {fold_name(n): n for n in names}
    by_fold.update(
        {
            "hcm": "Hồ Chí Minh City", "hcmc": "Hồ Chí Minh City",
            "tp.hcm": "Hồ Chí Minh City", "tphcm": "Hồ Chí Minh City",
            "ho chi minh": "Hồ Chí Minh City", "sai gon": "Hồ Chí Minh City",
            "saigon": "Hồ Chí Minh City", "ba ria vung tau": "Bà Rịa–Vũng Tàu",
        }  # fmt: skip
    )
    table = crosswalk_2025()
    current = dict(zip(table["province_pre2025"], table["province_2025"], strict=True))
    return _ProvinceIndex(by_fold, current)


def province_name(text: object) -> str | None:
    """Return the official name of the province unit ``text`` spells, or ``None``.

    Accepts the 63 pre-2025 units and the 34 current ones, with or without diacritics, in
    any case, NFC or NFD, with padding and with a "TP."/"Thành phố"/"Tỉnh" prefix, and the
    usual short forms of Hồ Chí Minh City ("TP.HCM", "HCMC"). ``None`` when nothing matches.
    """
    if not isinstance(text, str) or not text.strip():
        return None
    index = _province_index()
    folded = fold_name(unicodedata.normalize("NFC", text))
    candidates = [folded, folded.replace("-", " ")]
    for prefix in _PREFIXES:
        if folded.startswith(prefix):
            candidates.append(folded[len(prefix) :].strip())
    for candidate in candidates:
        if candidate in index.by_fold:
            return index.by_fold[candidate]
        if candidate.endswith(" city") and candidate[:-5] in index.by_fold:
            return index.by_fold[candidate[:-5]]
    return None


def normalise_provinces(frame: pd.DataFrame, column: str = "province") -> StepResult:
    """Replace every spelling in ``column`` by the official name (step ``provinces``).

    ``column`` keeps the unit the agency wrote (official spelling: a pre-2025 unit such as
    "Bình Dương" for an event before 1 July 2025) and a new column ``province_2025`` gives
    the current unit it belongs to (the 2025 crosswalk). Rows whose name matches no unit
    are set aside with the name in the reason. Each corrected cell is in ``changes``.
    """
    _require(frame, [ROW, column])
    index = _province_index()
    out = frame.copy()
    original = frame[column]
    lookup = {value: province_name(value) for value in original.dropna().unique()}
    official = original.map(lookup)
    unknown = official.isna().to_numpy()
    reasons = [
        f"province {v!r} matches no province (63 former or 34 current units)" for v in original
    ]
    changed = official.notna() & (official != original)
    changes = _changes(
        frame.loc[changed, ROW], column=[column] * int(changed.sum()),
        issue=["province spelling"] * int(changed.sum()), before=original[changed],
        after=official[changed],
    )  # fmt: skip
    out[column] = official
    out["province_2025"] = official.map(index.current)
    return _split("provinces", out, unknown, reasons, column, changes)


# ------------------------------------------------------------------------ dates
_DATE_PATTERNS = (
    (re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$"), "dmy"),
    (re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2})$"), "dmy2"),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), "ymd"),
)


def parse_date(text: object) -> tuple[pd.Timestamp | None, str]:
    """Return (date, how) for a delivered date; ``how`` is "", "two-digit year" or an error.

    Accepted: ``dd/mm/yyyy`` (also with ``-`` or ``.``), ``dd/mm/yy`` (read as 20yy) and
    ``yyyy-mm-dd``. A blank gives (None, ""); text that is no date gives (None, a reason).
    """
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return None, ""
    value = str(text).strip()
    if not value:
        return None, ""
    for pattern, kind in _DATE_PATTERNS:
        match = pattern.match(value)
        if not match:
            continue
        a, b, c = (int(g) for g in match.groups())
        day, month, year = (c, b, a) if kind == "ymd" else (a, b, c)
        if kind == "dmy2":
            year += CENTURY
        try:
            date = pd.Timestamp(year=year, month=month, day=day)
        except ValueError:
            return None, f"{value!r} is not a valid date (day {day}, month {month})"
        return date, "two-digit year" if kind == "dmy2" else ""
    return None, f"{value!r} is not a date in dd/mm/yyyy form"


def parse_dates(
    frame: pd.DataFrame, columns: Sequence[str], required: Sequence[str] = ()
) -> StepResult:
    """Turn the text dates of ``columns`` into dates (step ``dates``).

    A two-digit year is expanded (20yy) and noted in ``changes``. Text that is not a date
    sets the row aside when the column is ``required``; otherwise it becomes missing and is
    noted. Blank cells become missing.
    """
    _require(frame, [ROW, *columns])
    out = frame.copy()
    aside = np.zeros(len(frame), dtype=bool)
    reasons = np.full(len(frame), "", dtype=object)
    where = np.full(len(frame), "", dtype=object)
    rows, cols, issues, before, after = [], [], [], [], []
    for column in columns:
        parsed = [parse_date(v) for v in frame[column]]
        values = pd.Series([p[0] for p in parsed], index=frame.index, dtype="datetime64[ns]")
        for i, (date, how) in enumerate(parsed):
            if how == "two-digit year" or (how and column not in required):
                rows.append(int(frame[ROW].iat[i]))
                cols.append(column)
                issues.append(how if date is not None else f"not a date: {how}")
                before.append(frame[column].iat[i])
                after.append(date.strftime("%d/%m/%Y") if date is not None else None)
            elif how and column in required and not aside[i]:
                aside[i] = True
                reasons[i] = f"{column}: {how}"
                where[i] = column
        out[column] = values
    changes = _changes(rows, column=cols, issue=issues, before=before, after=after)
    return _split("dates", out, aside, reasons, where, changes)


def _swap(date: pd.Timestamp) -> pd.Timestamp | None:
    if pd.isna(date) or date.day > 12 or date.day == date.month:
        return None
    try:
        return pd.Timestamp(year=date.year, month=date.day, day=date.month)
    except ValueError:  # pragma: no cover - day ≤ 12 always makes a valid month
        return None


def _order_window(dates: pd.Series, width: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """Return, for each row, the median date of the ``width`` rows before and after it.

    In a register sorted by date, a row's date lies between the two (give or take); NaN
    where there are no such rows.
    """
    values = dates.to_numpy(dtype="datetime64[ns]").astype("int64").astype("float64")
    values[dates.isna().to_numpy()] = np.nan
    before = np.full(len(values), np.nan)
    after = np.full(len(values), np.nan)
    for i in range(len(values)):
        prior = values[max(0, i - width) : i]
        later = values[i + 1 : i + 1 + width]
        prior, later = prior[~np.isnan(prior)], later[~np.isnan(later)]
        if len(prior):
            before[i] = np.median(prior)
        if len(later):
            after[i] = np.median(later)
    return before, after


_DAY = 86_400e9


def _pairs_ok(
    first: pd.Series, second: pd.Series, extra: np.ndarray, whole_years: bool = False
) -> np.ndarray:
    """Return, for each record, whether its two dates agree (the register's own rules).

    The later date must not come first. Where ``extra`` (a duration in working days) is
    known, the working days from the first to the second date must equal it; with
    ``whole_years`` (agreements), second ≈ first + 1, 2 or 3 whole years − 1 day (± 2
    days). Missing dates are taken as agreeing.
    """
    a = pd.to_datetime(first).reset_index(drop=True)
    b = pd.to_datetime(second).reset_index(drop=True)
    known = (a.notna() & b.notna()).to_numpy()
    ok = ~known | (b >= a).fillna(True).to_numpy(dtype=bool)
    rows = np.flatnonzero(known & ok & ~np.isnan(extra))
    if len(rows):
        start = a.iloc[rows].to_numpy(dtype="datetime64[D]")
        end = (b.iloc[rows] + pd.Timedelta(days=1)).to_numpy(dtype="datetime64[D]")
        ok[rows] = np.busday_count(start, end) == extra[rows]
    if whole_years:
        rows = np.flatnonzero(known & ok)
        whole = np.zeros(len(rows), dtype=bool)
        for years in (1, 2, 3):
            anniversary = a.iloc[rows] + pd.DateOffset(years=years) - pd.Timedelta(days=1)
            gap = (b.iloc[rows] - anniversary).dt.days.abs().to_numpy()
            whole |= gap <= 2
        ok[rows] = whole
    return ok


def repair_swapped_dates(
    frame: pd.DataFrame,
    order_date: str,
    pairs: Sequence[tuple[str, str]] = (),
    *,
    duration: str | None = None,
    whole_years: bool = False,
    tolerance_days: float = 7.0,
) -> StepResult:
    """Put back dates whose day and month were swapped (step ``swapped_dates``).

    A date such as 01/10/2020 written for 10/01/2020 is a valid date, so it can only be
    caught by what surrounds it. Two clues are used, and a date is swapped back only when
    the swap makes the record agree again (each change is noted):

    1. **the record's own dates**: in each (earlier, later) pair of ``pairs`` the later
       date must not come first; with ``duration`` (a column of working days), the working
       days from start to end must equal it; with ``whole_years`` (agreements, which in the
       kit's register run whole years), expiry ≈ signing + 1, 2 or 3 years − 1 day.
       When swapping one date of a broken pair mends it, it is swapped (the later date is
       tried first, so the register's order date is changed only when it must be);
    2. **the register's order**: agencies keep the register sorted by ``order_date``; a
       date outside the span from the median date of the 5 rows before it to that of the 5
       rows after it (± ``tolerance_days``), whose swap lands inside the span and keeps the
       record's dates in agreement, is swapped back.

    A swapped date that leaves everything consistent cannot be told from a real one and is
    missed: that is a limit of any cleaning, not of this function. Nothing is set aside.
    """
    _require(frame, [ROW, order_date, *(c for p in pairs for c in p)])
    out = frame.copy()
    rows, cols, before, after = [], [], [], []
    if duration is not None:
        extra = pd.to_numeric(out[duration], errors="coerce").astype("float64").to_numpy()
    else:
        extra = np.full(len(out), np.nan)

    def note(i: int, column: str, old: pd.Timestamp, new: pd.Timestamp) -> None:
        rows.append(int(out[ROW].iat[i]))
        cols.append(column)
        before.append(old.strftime("%d/%m/%Y"))
        after.append(new.strftime("%d/%m/%Y"))
        out.iloc[i, out.columns.get_loc(column)] = new

    def agree(i: int, changed: dict[str, pd.Timestamp]) -> bool:
        for first, second in pairs:
            a = changed.get(first, out[first].iat[i])
            b = changed.get(second, out[second].iat[i])
            trial = _pairs_ok(pd.Series([a]), pd.Series([b]), extra[i : i + 1], whole_years)
            if not trial[0]:
                return False
        return True

    low, high = _order_window(out[order_date])
    tolerance = tolerance_days * _DAY

    def in_order(i: int, date: pd.Timestamp) -> bool | None:
        """Whether ``date`` fits row i's place in the register (None: no clue)."""
        if np.isnan(low[i]) and np.isnan(high[i]):
            return None
        lo = (low[i] if not np.isnan(low[i]) else high[i]) - tolerance
        hi = (high[i] if not np.isnan(high[i]) else low[i]) + tolerance
        if lo > hi:  # the neighbours are out of order themselves
            return None
        return bool(lo <= float(date.value) <= hi)

    for first, second in pairs:
        broken = ~_pairs_ok(out[first], out[second], extra, whole_years)
        for i in np.flatnonzero(broken):
            mends = []
            for column in (second, first):
                swapped = _swap(out[column].iat[i])
                if swapped is not None and agree(i, {column: swapped}):
                    mends.append((column, swapped))
            if len(mends) == 2 and order_date in (first, second):
                # both swaps mend the pair: the register's order says which date moved
                current = out[order_date].iat[i]
                swapped = dict(mends)[order_date]
                if in_order(i, current) is False and in_order(i, swapped):
                    mends = [(order_date, swapped)]
            if mends:
                column, swapped = mends[0]
                note(i, column, out[column].iat[i], swapped)
    for i, date in enumerate(out[order_date]):
        swapped = _swap(date)
        if swapped is None:
            continue
        if in_order(i, date) is False and in_order(i, swapped) and agree(i, {order_date: swapped}):
            note(i, order_date, date, swapped)
    changes = _changes(
        rows, column=cols, issue=["swapped day and month"] * len(rows), before=before, after=after
    )
    return _split("swapped_dates", out, np.zeros(len(out), bool), [""] * len(out), "", changes)


# ------------------------------------------------------------------------ numbers
_GROUPED = re.compile(r"^-?\d{1,3}([.\s]\d{3})+(,\d+)?$")
_PLAIN = re.compile(r"^-?\d+(,\d+)?$")
_COMMA_GROUPED = re.compile(r"^-?\d{1,3}(,\d{3})+$")


def parse_number(text: object) -> float | None:
    """Return the number written in Vietnamese style, or ``None`` for a blank.

    ``.`` (or a space) groups thousands and ``,`` marks decimals: "1.234.567" → 1234567,
    "12,5" → 12.5. "1,234,567" (English grouping) is accepted too. Raises ``ValueError``
    naming the text when it is not a number.
    """
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return None
    value = str(text).strip()
    if not value:
        return None
    if _COMMA_GROUPED.match(value):
        return float(value.replace(",", ""))
    if _GROUPED.match(value) or _PLAIN.match(value):
        return float(value.replace(".", "").replace(" ", "").replace(",", "."))
    raise ValueError(f"{value!r} is not a number written as 1.234.567 or 1234567")


def parse_numbers(
    frame: pd.DataFrame, columns: Sequence[str], required: Sequence[str] = ()
) -> StepResult:
    """Turn the text numbers of ``columns`` into numbers (step ``numbers``).

    Whole numbers become integers (``Int64``), others floats. Text that is not a number
    sets the row aside when its column is ``required``; otherwise it becomes missing and is
    noted in ``changes``.
    """
    _require(frame, [ROW, *columns])
    out = frame.copy()
    aside = np.zeros(len(frame), dtype=bool)
    reasons = np.full(len(frame), "", dtype=object)
    where = np.full(len(frame), "", dtype=object)
    rows, cols, before = [], [], []
    for column in columns:
        values = []
        for i, text in enumerate(frame[column]):
            try:
                values.append(parse_number(text))
            except ValueError as error:
                values.append(None)
                if column in required:
                    if not aside[i]:
                        aside[i], reasons[i], where[i] = True, f"{column}: {error}", column
                else:
                    rows.append(int(frame[ROW].iat[i]))
                    cols.append(column)
                    before.append(text)
        series = pd.Series(values, index=frame.index, dtype="Float64")
        whole = series.dropna()
        if bool((whole == whole.round()).all()):
            series = series.astype("Int64")
        out[column] = series
    changes = _changes(
        rows, column=cols, issue=["not a number"] * len(rows), before=before,
        after=[None] * len(rows),
    )  # fmt: skip
    return _split("numbers", out, aside, reasons, where, changes)


def map_codes(frame: pd.DataFrame, codes: Mapping[str, Mapping[str, object]]) -> StepResult:
    """Replace the delivered labels of coded columns by the kit's codes (step ``codes``).

    Labels are matched without regard to case and spacing. A label not in the code list
    sets the row aside, with the allowed labels in the reason; a missing value stays
    missing.
    """
    _require(frame, [ROW, *codes])
    out = frame.copy()
    aside = np.zeros(len(frame), dtype=bool)
    reasons = np.full(len(frame), "", dtype=object)
    where = np.full(len(frame), "", dtype=object)
    for column, table in codes.items():
        lookup = {_fold_header(str(k)): v for k, v in table.items()}
        values = []
        for i, label in enumerate(frame[column]):
            if label is None or (isinstance(label, float) and np.isnan(label)):
                values.append(None)
                continue
            key = _fold_header(str(label))
            if key in lookup:
                values.append(lookup[key])
                continue
            values.append(None)
            if not aside[i]:
                aside[i] = True
                reasons[i] = f"{column}: {label!r} is not one of {', '.join(map(str, table))}"
                where[i] = column
        kinds = {type(v) for v in table.values()}
        out[column] = pd.Series(values, index=frame.index, dtype="boolean" if kinds == {bool}
                                else "object")  # fmt: skip
    return _split("codes", out, aside, reasons, where)


def impossible_values(
    frame: pd.DataFrame,
    *,
    minimum: Mapping[str, float] | None = None,
    maximum: Mapping[str, float] | None = None,
    pairs: Sequence[tuple[str, str]] = (),
    wages: Sequence[str] = (),
) -> StepResult:
    """Set aside rows with impossible values (step ``impossible``).

    ``minimum``/``maximum`` give each numeric column's allowed range (0 working days,
    negative workers, more workers than the largest enterprise employs are impossible);
    in each (earlier, later) date pair of ``pairs`` the later one must not come first.
    A monthly wage in ``wages`` below :data:`THOUSANDS_BELOW` VND was written in thousands
    of VND: it is multiplied by 1,000 and noted, not set aside.
    """
    minimum, maximum = dict(minimum or {}), dict(maximum or {})
    _require(frame, [ROW, *minimum, *maximum, *(c for p in pairs for c in p), *wages])
    out = frame.copy()
    rows, cols, before, after = [], [], [], []
    for column in wages:
        values = pd.to_numeric(out[column])
        small = (values < THOUSANDS_BELOW).fillna(False).to_numpy(dtype=bool)
        for i in np.flatnonzero(small):
            rows.append(int(out[ROW].iat[i]))
            cols.append(column)
            before.append(values.iat[i])
            after.append(values.iat[i] * 1000)
        out.loc[small, column] = values[small] * 1000
    aside = np.zeros(len(frame), dtype=bool)
    reasons = np.full(len(frame), "", dtype=object)
    where = np.full(len(frame), "", dtype=object)

    def flag(mask: np.ndarray, column: str, why: list[str] | str) -> None:
        mask = mask & ~aside
        texts = why if isinstance(why, list) else [why] * len(mask)
        for i in np.flatnonzero(mask):
            reasons[i], where[i] = texts[i], column
        aside[:] = aside | mask

    for column, low in minimum.items():
        values = pd.to_numeric(out[column])
        mask = (values < low).fillna(False).to_numpy(dtype=bool)
        flag(mask, column, [f"{column} = {v} is below the minimum {low:g}" for v in values])
    for column, high in maximum.items():
        values = pd.to_numeric(out[column])
        mask = (values > high).fillna(False).to_numpy(dtype=bool)
        flag(mask, column, [f"{column} = {v} is above the maximum {high:g}" for v in values])
    for first, second in pairs:
        mask = (out[second] < out[first]).fillna(False).to_numpy(dtype=bool)
        flag(mask, second, f"{second} is before {first}")
    changes = _changes(
        rows, column=cols, issue=["amount in thousands of VND"] * len(rows), before=before,
        after=after,
    )  # fmt: skip
    return _split("impossible", out, aside, reasons, where, changes)


# ------------------------------------------------------------------------ the pipeline
def delivery_bytes(name: str, scale: str = "workshop", seed: int | None = None) -> bytes:
    """Return the bytes of raw delivery ``name`` of ``scale`` and data ``seed``.

    The default seed reads the committed file (:func:`lrkit.data.raw_path`); another seed
    makes the delivery in memory from the datasets drawn with that seed.
    """
    spec = _spec(name)
    from lrkit.data import raw_path
    from lrkit.synth.build import DEFAULT_SEED

    if seed is None or int(seed) == DEFAULT_SEED:
        return raw_path(spec.name, scale).read_bytes()
    files, _ = _generated_deliveries(scale, int(seed))
    return files[spec.file]


def delivery_ledger(name: str, scale: str = "workshop", seed: int | None = None) -> pd.DataFrame:
    """Return the rows of the error ledger for raw delivery ``name`` (scale and seed)."""
    spec = _spec(name)
    from lrkit.data import load_error_ledger
    from lrkit.synth.build import DEFAULT_SEED

    if seed is None or int(seed) == DEFAULT_SEED:
        ledger = load_error_ledger(scale)
    else:
        _, ledger = _generated_deliveries(scale, int(seed))
        ledger = ledger.assign(row=pd.to_numeric(ledger["row"], errors="coerce").astype("Int64"))
    return ledger[ledger["file"] == spec.file].reset_index(drop=True)


_DELIVERY_CACHE: dict[tuple[str, int], tuple[dict[str, bytes], pd.DataFrame]] = {}


def _generated_deliveries(scale: str, seed: int) -> tuple[dict[str, bytes], pd.DataFrame]:
    key = (scale, seed)
    if key not in _DELIVERY_CACHE:
        from lrkit.data import load_dataset
        from lrkit.synth.raw import deliveries

        names = ("enterprises", "strikes", "strikes_vgcl", "agreements", "disputes")
        frames = {n: load_dataset(n, scale, seed) for n in (*names, "strike_linkage")}
        _DELIVERY_CACHE[key] = deliveries(frames, seed)
    return _DELIVERY_CACHE[key]


def largest_enterprise(scale: str = "workshop", seed: int | None = None) -> int:
    """Return the employees of the largest enterprise in the frame: a bound on workers."""
    from lrkit.data import load_dataset

    return int(load_dataset("enterprises", scale, seed)["employees"].max())


def clean_delivery(
    delivery: str,
    *,
    scale: str = "workshop",
    seed: int | None = None,
    source: str | Path | bytes | None = None,
    max_workers: int | None = None,
) -> Cleaning:
    """Clean raw delivery ``delivery`` with every step of this module, in order.

    ``source`` (a path or bytes) replaces the delivery of ``scale``/``seed``.
    ``max_workers`` bounds every count of workers; by default the employees of the largest
    enterprise in the frame (:func:`largest_enterprise`). Returns a :class:`Cleaning`:
    ``kept`` (clean rows with the kit's names and types), ``set_aside`` (with step and
    reason), ``changes`` (cells corrected or noted) and ``accounting()``.
    """
    spec = _spec(delivery)
    if max_workers is None:
        max_workers = largest_enterprise(scale, seed)
    read = read_delivery(source if source is not None else spec.name, spec, scale=scale,
                         seed=seed)  # fmt: skip
    steps = [read]

    def run(step: StepResult) -> pd.DataFrame:
        steps.append(step)
        return step.kept

    frame = read.kept
    frame = run(drop_duplicates(frame))
    frame = run(strip_whitespace(frame))
    frame = run(flag_missing(frame, spec.required, spec.optional))
    frame = run(normalise_provinces(frame, spec.province))
    frame = run(parse_dates(frame, spec.dates, [d for d in spec.dates if d in spec.required]))
    frame = run(parse_numbers(frame, spec.numbers, [n for n in spec.numbers if n in spec.required]))
    duration = "duration_workdays" if "duration_workdays" in spec.numbers else None
    frame = run(
        repair_swapped_dates(
            frame, spec.order_date, spec.pairs, duration=duration, whole_years=spec.whole_years
        )
    )
    frame = run(map_codes(frame, spec.codes))
    run(
        impossible_values(
            frame,
            minimum=spec.minimum,
            maximum={c: max_workers for c in spec.workers},
            pairs=spec.pairs,
            wages=spec.wages,
        )
    )
    return Cleaning(spec.name, spec.file, read.notes["encoding"], steps)


# ------------------------------------------------------------------------ scoring
#: Faults of the ledger that are not within one file: scored by record linkage instead.
ACROSS_FILES: tuple[str, ...] = ("duplicate_across_registers",)


@dataclass(frozen=True)
class CleaningScore:
    """What a cleaning found, against the error ledger.

    ``by_fault``: one row per fault type with ``faults`` (in the ledger), ``found``,
    ``missed`` and ``found_pct``. ``false_alarms``: cells changed or rows set aside where
    the ledger has no fault, counted by issue.
    """

    by_fault: pd.DataFrame
    false_alarms: pd.DataFrame

    @property
    def found(self) -> int:
        """Faults found, all types together."""
        return int(self.by_fault["found"].sum())

    @property
    def missed(self) -> int:
        """Faults missed, all types together."""
        return int(self.by_fault["missed"].sum())

    @property
    def n_false_alarms(self) -> int:
        """Findings where the ledger has no fault."""
        return int(self.false_alarms["findings"].sum())


def findings(cleaning: Cleaning) -> pd.DataFrame:
    """Return what a cleaning flagged: one row per (row, column, issue).

    Corrected or noted cells (``changes``) and rows set aside (column "" when the whole row
    was at fault, such as a duplicate) are both findings. A duplicate row counts once, as a
    duplicate: the cells it repeats from its first copy are not findings of their own.
    """
    aside = cleaning.set_aside
    copies = set(aside.loc[aside["step"] == "duplicates", ROW].astype("int64"))
    changes = cleaning.changes[[ROW, "column", "issue"]]
    changes = changes[~changes[ROW].isin(copies)]
    aside = pd.DataFrame(
        {ROW: aside[ROW].astype("int64"), "column": aside["column"].astype(object),
         "issue": aside["step"].astype(object) + ": set aside"}
    )  # fmt: skip
    table = pd.concat([changes, aside], ignore_index=True)
    return table.drop_duplicates([ROW, "column"]).reset_index(drop=True)


def score_cleaning(cleaning: Cleaning, ledger: pd.DataFrame | None = None) -> CleaningScore:
    """Compare what ``cleaning`` found with the error ledger of its file.

    ``ledger`` defaults to the workshop ledger (:func:`lrkit.data.load_error_ledger`); give
    :func:`delivery_ledger` for another seed. A fault in a cell is found when the cleaning
    changed or noted that cell, or set the row aside because of that column; a duplicated
    row is found when it was set aside; the legacy encoding when it was detected. Faults
    that span two files (:data:`ACROSS_FILES`) are left to record linkage.
    """
    if ledger is None:
        from lrkit.data import load_error_ledger

        ledger = load_error_ledger()
    _require(ledger, ["file", ROW, "column", "fault_type"], "the ledger")
    spec = _spec(cleaning.delivery)
    faults = ledger[(ledger["file"] == cleaning.file) & ~ledger["fault_type"].isin(ACROSS_FILES)]
    faults = faults.assign(kit_column=faults["column"].map(lambda c: spec.headers.get(c, c) or ""))
    found_cells = findings(cleaning)
    cell_keys = {(int(r), c) for r, c in zip(found_cells[ROW], found_cells["column"], strict=True)}
    hit = []
    for row, column, kind in zip(faults[ROW], faults["kit_column"], faults["fault_type"],
                                 strict=True):  # fmt: skip
        if kind == "legacy_encoding":
            hit.append(cleaning.encoding == "cp1258")
        else:
            hit.append(not pd.isna(row) and (int(row), column) in cell_keys)
    faults = faults.assign(found=hit)
    by_fault = (
        faults.groupby("fault_type", sort=True)["found"]
        .agg(faults="size", found="sum")
        .reset_index()
    )
    by_fault["found"] = by_fault["found"].astype("int64")
    by_fault["missed"] = by_fault["faults"] - by_fault["found"]
    by_fault["found_pct"] = (100 * by_fault["found"] / by_fault["faults"]).round(1)
    ledger_keys = {
        (int(r), c)
        for r, c in zip(faults[ROW], faults["kit_column"], strict=True)
        if not pd.isna(r)
    }
    extra = found_cells[
        [(int(r), c) not in ledger_keys for r, c in zip(found_cells[ROW], found_cells["column"],
                                                        strict=True)]
    ]  # fmt: skip
    false_alarms = extra.groupby("issue", sort=True).size().rename("findings").reset_index()
    return CleaningScore(by_fault, false_alarms)


def _require(frame: pd.DataFrame, columns: Iterable[str], what: str = "the data") -> None:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{what} must be a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in dict.fromkeys(columns) if c not in frame.columns]
    if missing:
        raise KeyError(
            f"column(s) {missing} missing from {what}; it has: {', '.join(map(str, frame.columns))}"
        )
