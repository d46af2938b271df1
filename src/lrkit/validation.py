"""Validation rules applied when strike reports are entered into the register.

A strike report (phiếu báo cáo về đình công) reaches the register on a form. Checking each
form *at entry* (kiểm tra khi nhập liệu), while the reporting officer can still be asked,
is far cheaper than cleaning the register years later. This module holds the kit's rules
for the strike report form (:data:`FORM_FIELDS`), one function that says which rules each
report breaks (:func:`rule_table`) and one that splits a batch into accepted and rejected
reports (:func:`validate_batch`), accounting for every report received.

The rules follow the units of the 15th ICLS resolution (1993) on strike statistics: the
workers involved and the days not worked (workers involved × working days lost). Each rule
is checked only where the fields it reads are present and valid, so a report with a
missing field breaks ``missing_required`` and not also every rule that reads that field.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lrkit.reference.provinces import provinces_2025, resolve_province

#: The fields of the kit's strike report form: name → (meaning, Vietnamese label).
FORM_FIELDS: dict[str, tuple[str, str]] = {
    "report_id": ("number given to the report when it is received", "số phiếu"),
    "province": ("province of the strike (one of the 34 current units)", "tỉnh/thành phố"),
    "enterprise_id": ("the enterprise's identifier in the business register", "mã doanh nghiệp"),
    "start_date": ("first day of the work stoppage", "ngày bắt đầu"),
    "end_date": ("last day of the work stoppage", "ngày kết thúc"),
    "working_days": ("duration of the stoppage in working days", "số ngày làm việc bị mất"),
    "workers_involved": ("workers who stopped work", "số người lao động tham gia"),
    "days_not_worked": ("workers involved × working days", "số ngày không làm việc"),
    "cause": ("main cause, a code from the list of causes", "nguyên nhân chính (mã)"),
    "led_by_union": ("whether a union organised the stoppage", "do công đoàn tổ chức"),
}  # fmt: skip
#: Fields a report cannot be accepted without.
REQUIRED_FIELDS: tuple[str, ...] = (
    "report_id",
    "province",
    "enterprise_id",
    "start_date",
    "end_date",
    "working_days",
    "workers_involved",
    "days_not_worked",
    "cause",
)
#: Codes of the main cause of a strike: code → (English, Vietnamese). The causes are those
#: the public sources name most often (see shared/domain-facts.md, "Strikes"), plus "other".
CAUSE_CODES: dict[str, tuple[str, str]] = {
    "wages": ("wages and wage adjustment", "tiền lương, điều chỉnh lương"),
    "tet_bonus": ("Tết bonus", "thưởng Tết"),
    "late_pay": ("late payment of wages", "nợ lương, trả lương chậm"),
    "social_insurance_arrears": ("social insurance arrears", "nợ đóng bảo hiểm xã hội"),
    "meal_quality": ("quality of meals", "chất lượng bữa ăn ca"),
    "working_conditions": ("working conditions", "điều kiện làm việc"),
    "other": ("other cause", "nguyên nhân khác"),
}
#: The rules, in the order they are checked: name → what breaking it means.
RULES: dict[str, str] = {
    "missing_required": "a required field is empty",
    "invalid_province": "the province is not one of the official names",
    "end_before_start": "the end date is before the start date",
    "outside_period": "the start or end date is outside the reporting period",
    "workers_not_positive": "workers involved is 0 or less",
    "workers_exceed_employees": "more workers involved than the enterprise employs",
    "days_inconsistent": "days not worked ≠ workers involved × working days, or more working "
    "days than calendar days",
    "unknown_cause": "the cause is not a code from the list of causes",
    "duplicate": "the same report was already received (all fields but report_id equal)",
}
#: The fields compared to find a duplicate report: all but the report's own number.
DUPLICATE_FIELDS: tuple[str, ...] = tuple(f for f in FORM_FIELDS if f != "report_id")


def reporting_period(year: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Return the first and last day of calendar year ``year``, the kit's reporting period."""
    return pd.Timestamp(year=int(year), month=1, day=1), pd.Timestamp(
        year=int(year), month=12, day=31
    )


def _require(frame: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(
            f"column(s) {missing} missing from {what}; it has: {', '.join(frame.columns)}"
        )


def _blank(series: pd.Series) -> np.ndarray:
    """Return which values are missing: NA, NaT or text that is empty after stripping."""
    missing = series.isna().to_numpy(dtype=bool).copy()
    if pd.api.types.is_string_dtype(series.dtype) or series.dtype == object:
        text = series.astype("str").str.strip()
        missing |= (text == "").to_numpy(dtype=bool)
    return missing


def _numbers(series: pd.Series) -> np.ndarray:
    return pd.to_numeric(series, errors="coerce").astype("float64").to_numpy(na_value=np.nan)


def _dates(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series, errors="coerce")


def rule_table(
    batch: pd.DataFrame,
    enterprises: pd.DataFrame | None = None,
    period: tuple[object, object] | None = None,
    *,
    provinces: Sequence[str] | None = None,
    cause_codes: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Return a true/false table: one row per report, one column per rule, true = broken.

    ``enterprises`` (the frame, with ``enterprise_id`` and ``employees``) is needed for
    ``workers_exceed_employees``; an enterprise missing from the frame is *not* a reason to
    reject (the frame lags behind new registrations), so that rule is checked only for known
    enterprises. ``period`` is (first day, last day); without it ``outside_period`` is not
    checked. ``provinces`` defaults to the 34 current units and ``cause_codes`` to
    :data:`CAUSE_CODES`. The rules:

    * ``missing_required``: any of :data:`REQUIRED_FIELDS` empty;
    * ``invalid_province``: not exactly an official name (no near spellings: the entry
      screen offers a list, and :func:`validate_batch` suggests the name);
    * ``end_before_start``: end_date < start_date (a one-day strike has start = end);
    * ``outside_period``: start_date or end_date outside the period;
    * ``workers_not_positive``: workers_involved ≤ 0;
    * ``workers_exceed_employees``: workers_involved > the enterprise's employees;
    * ``days_inconsistent``: days_not_worked ≠ workers_involved × working_days, or
      working_days < 1, or working_days > calendar days from start to end inclusive
      (checked only when the dates are in order and workers_involved > 0);
    * ``unknown_cause``: cause not in the code list;
    * ``duplicate``: every field but ``report_id`` equal to an earlier report (the first
      one received is kept).
    """
    _require(batch, REQUIRED_FIELDS, "the batch of reports")
    names = list(provinces) if provinces is not None else provinces_2025()
    codes = set(cause_codes) if cause_codes is not None else set(CAUSE_CODES)
    out = pd.DataFrame(index=batch.index)
    blank = {field: _blank(batch[field]) for field in REQUIRED_FIELDS}
    out["missing_required"] = np.logical_or.reduce(list(blank.values()))

    province = batch["province"]
    out["invalid_province"] = ~blank["province"] & ~province.isin(names).to_numpy(dtype=bool)

    start, end = _dates(batch["start_date"]), _dates(batch["end_date"])
    dated = start.notna().to_numpy() & end.notna().to_numpy()
    order_ok = np.zeros(len(batch), dtype=bool)
    order_ok[dated] = (start[dated] <= end[dated]).to_numpy(dtype=bool)
    out["end_before_start"] = dated & ~order_ok
    if period is not None:
        first, last = pd.Timestamp(period[0]), pd.Timestamp(period[1])
        outside = lambda d: (d.notna() & ((d < first) | (d > last))).to_numpy(dtype=bool)  # noqa: E731
        out["outside_period"] = outside(start) | outside(end)
    else:
        out["outside_period"] = False

    workers = _numbers(batch["workers_involved"])
    has_workers = ~np.isnan(workers)
    out["workers_not_positive"] = has_workers & (np.nan_to_num(workers, nan=1.0) <= 0)
    if enterprises is not None:
        _require(enterprises, ["enterprise_id", "employees"], "the enterprise frame")
        staff = batch["enterprise_id"].map(
            enterprises.drop_duplicates("enterprise_id").set_index("enterprise_id")["employees"]
        )
        staff = _numbers(staff)
        known = ~np.isnan(staff) & has_workers
        out["workers_exceed_employees"] = known & (np.nan_to_num(workers) > np.nan_to_num(staff))
    else:
        out["workers_exceed_employees"] = False

    days = _numbers(batch["working_days"])
    lost = _numbers(batch["days_not_worked"])
    calendar = np.full(len(batch), np.nan)
    calendar[dated] = ((end[dated] - start[dated]).dt.days + 1).to_numpy(dtype=float)
    checkable = order_ok & has_workers & (np.nan_to_num(workers) > 0) & ~np.isnan(days)
    checkable &= ~np.isnan(lost)
    with np.errstate(invalid="ignore"):
        wrong = (np.abs(lost - workers * days) > 1e-9) | (days < 1) | (days > calendar)
    out["days_inconsistent"] = checkable & wrong

    cause = batch["cause"]
    out["unknown_cause"] = ~blank["cause"] & ~cause.isin(codes).to_numpy(dtype=bool)

    fields = [f for f in DUPLICATE_FIELDS if f in batch.columns]
    out["duplicate"] = batch[fields].duplicated(keep="first").to_numpy(dtype=bool)
    return out[list(RULES)].astype(bool)


@dataclass(frozen=True)
class ValidationResult:
    """Reports split at entry: ``accepted`` and ``rejected`` (with the rules each broke).

    ``rejected`` has the report's fields plus ``rules_broken`` ("; "-separated rule names)
    and ``reasons`` (a sentence per rule, for the rejection slip sent back to the reporter).
    ``rules`` is the full true/false table of :func:`rule_table`.
    """

    received: int
    accepted: pd.DataFrame
    rejected: pd.DataFrame
    rules: pd.DataFrame

    def summary(self) -> pd.DataFrame:
        """Return, per rule, how many reports broke it (a report may break several)."""
        counts = self.rules.sum().astype("int64")
        table = pd.DataFrame({"rule": counts.index, "reports": counts.to_numpy()})
        table["meaning"] = table["rule"].map(RULES)
        return table

    def accounting(self) -> pd.DataFrame:
        """Return received, accepted and rejected counts; accepted + rejected = received."""
        return pd.DataFrame(
            {
                "reports": [self.received, len(self.accepted), len(self.rejected)],
            },
            index=pd.Index(["received", "accepted", "rejected"], name="status"),
        )


def _reason(rule: str, row: pd.Series, provinces: Sequence[str]) -> str:
    if rule == "missing_required":
        empty = [f for f in REQUIRED_FIELDS if _blank(pd.Series([row[f]], dtype=object))[0]]
        return f"empty: {', '.join(empty)}"
    if rule == "invalid_province":
        try:
            suggestion = resolve_province(str(row["province"]), allowed=list(provinces))
            return (
                f"province {row['province']!r} is not an official name; "
                f"did you mean {suggestion!r}?"
            )
        except ValueError:
            return f"province {row['province']!r} is not an official name"
    if rule == "unknown_cause":
        return f"cause {row['cause']!r} is not a code from the list"
    return RULES[rule]


def validate_batch(
    batch: pd.DataFrame,
    enterprises: pd.DataFrame | None = None,
    period: tuple[object, object] | None = None,
    *,
    provinces: Sequence[str] | None = None,
    cause_codes: Iterable[str] | None = None,
) -> ValidationResult:
    """Apply the rules of :func:`rule_table` to a batch and split it into accepted/rejected.

    A report is accepted when it breaks no rule. Every report received ends up in exactly
    one of the two tables (accepted + rejected = received; an error is raised otherwise),
    and both keep the batch's order and index.
    """
    names = list(provinces) if provinces is not None else provinces_2025()
    rules = rule_table(batch, enterprises, period, provinces=names, cause_codes=cause_codes)
    broken = rules.any(axis=1).to_numpy()
    accepted = batch.loc[~broken].copy()
    rejected = batch.loc[broken].copy()
    flags = rules.loc[broken]
    rejected["rules_broken"] = [
        "; ".join(rule for rule in RULES if row[rule]) for _, row in flags.iterrows()
    ]
    rejected["reasons"] = [
        "; ".join(
            _reason(rule, batch.loc[index], names) for rule in RULES if flags.loc[index, rule]
        )
        for index in flags.index
    ]
    if len(accepted) + len(rejected) != len(batch):  # pragma: no cover - a guard
        raise AssertionError("reports lost in validation: accepted + rejected ≠ received")
    return ValidationResult(len(batch), accepted, rejected, rules)
