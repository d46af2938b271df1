"""Raw deliveries: the registers as agencies hand them over, and the ledger of their faults.

Four files, written to ``raw/``: the ministry's strike register, VGCL's strike register (in
the legacy Windows-1258 encoding, without enterprise ids), the labour departments'
agreement register and the dispute register. They use Vietnamese headers, ";" as the field
separator (what Excel writes in a Vietnamese locale), dd/mm/yyyy dates and "1.234.567"
numbers, record the province under the unit that existed on the event's date (pre-2025 names
before 1 July 2025), and carry injected faults: five spellings of province names, swapped
day and month, two-digit years, impossible values, blanks, padded names, amounts in
thousands of VND and duplicated rows. The same stoppage appearing in both strike registers
is listed too. Every fault is a row of the error ledger (``truth/error_ledger.csv``): file,
row, column, fault type, the record's id, the clean value and the delivered value, so a
cleaning exercise can be scored by how many faults it found.

The registers are small (thousands of rows), so cells are formatted with plain Python.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from lrkit.reference.provinces import ascii_name, province_table
from lrkit.synth.params import value
from lrkit.synth.random import stream

MERGER_DATE = pd.Timestamp("2025-07-01")
LEDGER_COLUMNS = [
    "fault_id", "file", "row", "column", "fault_type", "record_id", "clean_value",
    "delivered_value",
]  # fmt: skip
OWNERSHIP_VI = {
    "state": "Nhà nước",
    "domestic_private": "Ngoài nhà nước",
    "foreign_invested": "Có vốn ĐTNN",
}
SECTOR_VI = {
    "agriculture": "Nông nghiệp", "garment": "Dệt may", "footwear": "Da giày",
    "electronics": "Điện tử", "other_manufacturing": "CN chế biến khác",
    "construction": "Xây dựng", "trade": "Thương mại", "services": "Dịch vụ",
}  # fmt: skip
CAUSE_VI = {
    "wages": "Tiền lương", "tet_bonus": "Thưởng Tết", "late_pay": "Chậm trả lương",
    "social_insurance_arrears": "Nợ BHXH", "meal_quality": "Chất lượng bữa ăn",
    "working_conditions": "Điều kiện làm việc",
}  # fmt: skip
CAUSE_GROUP_VI = {
    "wages_and_bonus": "Lương, thưởng", "social_insurance": "BHXH",
    "working_conditions": "Điều kiện làm việc", "other": "Khác",
}  # fmt: skip
KIND_VI = {
    "individual": "Cá nhân", "collective_rights": "Tập thể về quyền",
    "collective_interests": "Tập thể về lợi ích",
}  # fmt: skip
CHANNEL_VI = {
    "conciliator": "Hòa giải viên", "arbitration_council": "Hội đồng trọng tài",
    "court": "Tòa án",
}  # fmt: skip
YES_NO = {True: "Có", False: "Không"}


@dataclass
class Delivery:
    """A file being prepared: its text cells, the id of each row and its fault records."""

    file: str
    cells: pd.DataFrame
    record_ids: np.ndarray
    encoding: str = "utf-8-sig"
    ledger: list[tuple] | None = None

    def __post_init__(self) -> None:
        self.ledger = []
        self.touched: set[tuple[int, str]] = set()

    def fault(self, rows: np.ndarray, column: str, kind: str, new: list[str]) -> None:
        """Replace ``column`` in ``rows`` with ``new`` and record each change.

        A cell gets at most one fault, so each ledger row can be checked on its own.
        """
        fresh = np.array([(int(r), column) not in self.touched for r in rows], dtype=bool)
        rows = np.asarray(rows)[fresh] if len(rows) else np.asarray(rows, dtype=np.int64)
        new = [v for v, keep in zip(new, fresh, strict=True) if keep]
        self.touched |= {(int(r), column) for r in rows}
        old = self.cells[column].to_numpy(dtype=object)[rows]
        for row, before, after in zip(rows, old, new, strict=True):
            if before == after:
                continue
            self.ledger.append((int(row), column, kind, str(self.record_ids[row]), before, after))
        positions = self.cells.columns.get_loc(column)
        self.cells.iloc[rows, positions] = new


def _date(values: pd.Series) -> pd.Series:
    return values.dt.strftime("%d/%m/%Y").fillna("").astype(object)


def _number(values: pd.Series) -> pd.Series:
    return pd.Series(
        [f"{int(v):,}".replace(",", ".") for v in values], index=values.index, dtype=object
    )


def _province_at(current: pd.Series, former: pd.Series, dates: pd.Series) -> pd.Series:
    """Return the province name the agency wrote: the pre-2025 unit before the merger."""
    return pd.Series(np.where(dates < MERGER_DATE, former, current), dtype=object)


@cache
def _cities() -> frozenset[str]:
    return frozenset(province_table().loc[lambda t: t["unit_type"] == "city", "province_2025"])


@cache
def _spellings(name: str, cp1258: bool) -> tuple[str, ...]:
    """Four non-canonical spellings of a province name (the canonical one is the fifth)."""
    cities = _cities()
    plain = ascii_name(name)
    if name == "Hồ Chí Minh City":
        prefixed = "TP.HCM"
    elif name in cities:
        prefixed = f"TP. {name}"
    else:
        prefixed = f"Tỉnh {name}"
    last = name.lower() if cp1258 else unicodedata.normalize("NFD", name)
    return (plain, prefixed, f"  {plain.upper()} ", last)


def _pick(
    rng: np.random.Generator, n: int, rate: float, allowed: np.ndarray | None = None
) -> np.ndarray:
    candidates = np.arange(n) if allowed is None else np.flatnonzero(allowed)
    k = int(round(rate * n))
    return np.sort(rng.choice(candidates, size=min(k, len(candidates)), replace=False))


def _inject_common(
    d: Delivery,
    rng: np.random.Generator,
    province: str,
    dates: list[str],
    optional: list[str],
    name: str | None,
) -> None:
    rates = value("raw_fault_rates")
    n = len(d.cells)
    cp1258 = d.encoding == "cp1258"
    rows = _pick(rng, n, rates["province_spelling"])
    variant = rng.integers(0, 4, len(rows))
    canon = d.cells[province].to_numpy(dtype=object)
    d.fault(
        rows,
        province,
        "province_spelling",
        [_spellings(canon[r], cp1258)[v] for r, v in zip(rows, variant, strict=True)],
    )
    for column in dates:
        text = d.cells[column].to_numpy(dtype=object)
        swappable = np.array([bool(t) and int(t[:2]) <= 12 and t[:2] != t[3:5] for t in text])
        rows = _pick(rng, n, rates["swapped_day_month"], swappable)
        d.fault(
            rows,
            column,
            "swapped_day_month",
            [f"{text[r][3:5]}/{text[r][:2]}/{text[r][6:]}" for r in rows],
        )
        text = d.cells[column].to_numpy(dtype=object)
        rows = _pick(rng, n, rates["two_digit_year"], np.array([len(t) == 10 for t in text]))
        d.fault(rows, column, "two_digit_year", [text[r][:6] + text[r][8:] for r in rows])
    rows = _pick(rng, n, rates["missing_value"])
    columns = np.array(optional, dtype=object)[rng.integers(0, len(optional), len(rows))]
    for column in optional:
        chosen = rows[columns == column]
        d.fault(chosen, column, "missing_value", [""] * len(chosen))
    if name:
        rows = _pick(rng, n, rates["padded_whitespace"])
        text = d.cells[name].to_numpy(dtype=object)
        d.fault(
            rows, name, "padded_whitespace", [f"  {text[r]}  ".replace(" ", "  ", 1) for r in rows]
        )


def _finish(d: Delivery, rng: np.random.Generator) -> tuple[pd.DataFrame, list[tuple]]:
    """Insert duplicate rows, number the rows (STT) and return (cells, ledger rows)."""
    n = len(d.cells)
    duplicated = _pick(rng, n, value("raw_fault_rates")["duplicate_row"])
    order = np.sort(np.concatenate([np.arange(n), duplicated]), kind="stable")
    delivered_row = {}  # original row -> its delivered (1-based) row number
    ledger = []
    previous = -1
    for position, original in enumerate(order, start=1):
        if original == previous:
            ledger.append(
                (
                    position,
                    "",
                    "duplicate_row",
                    str(d.record_ids[original]),
                    "",
                    f"duplicate of row {delivered_row[original]}",
                )
            )
        else:
            delivered_row[original] = position
        previous = original
    for row, column, kind, record, before, after in d.ledger:
        ledger.append((delivered_row[row], column, kind, record, before, after))
    cells = d.cells.iloc[order].reset_index(drop=True)
    cells.insert(0, "STT", [str(i) for i in range(1, len(cells) + 1)])
    cells.attrs["delivered_row"] = delivered_row
    return cells, ledger


def _ministry(strikes: pd.DataFrame, names: pd.Series, rng: np.random.Generator) -> Delivery:
    cells = pd.DataFrame(
        {
            "Mã DN": strikes["enterprise_id"].astype(object),
            "Tên doanh nghiệp": strikes["enterprise_id"].map(names).astype(object),
            "Tỉnh/TP": _province_at(
                strikes["province"], strikes["province_pre2025"], strikes["start_date"]
            ),
            "Loại hình DN": strikes["ownership"].map(OWNERSHIP_VI).astype(object),
            "Ngành": strikes["sector"].map(SECTOR_VI).astype(object),
            "Ngày bắt đầu": _date(strikes["start_date"]),
            "Ngày kết thúc": _date(strikes["end_date"]),
            "Số ngày ngừng việc": strikes["duration_workdays"].astype(str).astype(object),
            "Số người tham gia": _number(strikes["workers_involved"]),
            "Nguyên nhân": strikes["cause"].map(CAUSE_VI).astype(object),
            "Công đoàn lãnh đạo": strikes["led_by_union"].map(YES_NO).astype(object),
        }
    )
    d = Delivery("raw/bo_dinh_cong.csv", cells, strikes["strike_id"].to_numpy())
    _inject_common(
        d,
        rng,
        "Tỉnh/TP",
        ["Ngày bắt đầu", "Ngày kết thúc"],
        ["Ngành", "Nguyên nhân", "Loại hình DN"],
        "Tên doanh nghiệp",
    )
    rows = _pick(rng, len(cells), value("raw_fault_rates")["impossible_value"])
    kind = rng.integers(0, 2, len(rows))
    d.fault(
        rows[kind == 0],
        "Số người tham gia",
        "impossible_value",
        ["-" + v for v in cells["Số người tham gia"].to_numpy(dtype=object)[rows[kind == 0]]],
    )
    d.fault(
        rows[kind == 1], "Số ngày ngừng việc", "impossible_value", ["0"] * int((kind == 1).sum())
    )
    return d


def _vgcl(vgcl: pd.DataFrame, names: pd.Series, rng: np.random.Generator) -> Delivery:
    cells = pd.DataFrame(
        {
            "Tên đơn vị": vgcl["enterprise_id"].map(names).astype(object),
            "Địa bàn": _province_at(
                vgcl["province"], vgcl["province_pre2025"], vgcl["reported_start_date"]
            ),
            "Ngày xảy ra": _date(vgcl["reported_start_date"]),
            "Thời gian (ngày)": vgcl["duration_workdays"].astype(str).astype(object),
            "Số người ngừng việc": _number(vgcl["peak_workers"]),
            "Nhóm nguyên nhân": vgcl["cause_group"].map(CAUSE_GROUP_VI).astype(object),
            "Có CĐCS": vgcl["grassroots_union"].map(YES_NO).astype(object),
        }
    )
    d = Delivery("raw/tld_ngung_viec.csv", cells, vgcl["record_id"].to_numpy(), encoding="cp1258")
    _inject_common(
        d, rng, "Địa bàn", ["Ngày xảy ra"], ["Nhóm nguyên nhân", "Có CĐCS"], "Tên đơn vị"
    )
    rows = _pick(rng, len(cells), value("raw_fault_rates")["impossible_value"])
    d.fault(
        rows,
        "Số người ngừng việc",
        "impossible_value",
        [v + ".000" for v in cells["Số người ngừng việc"].to_numpy(dtype=object)[rows]],
    )
    return d


def _agreements(agreements: pd.DataFrame, names: pd.Series, rng: np.random.Generator) -> Delivery:
    cells = pd.DataFrame(
        {
            "Mã DN": agreements["enterprise_id"].astype(object),
            "Tên doanh nghiệp": agreements["enterprise_id"].map(names).astype(object),
            "Tỉnh/TP": _province_at(
                agreements["province"], agreements["province_pre2025"], agreements["signed_date"]
            ),
            "Ngày ký": _date(agreements["signed_date"]),
            "Ngày hết hạn": _date(agreements["expiry_date"]),
            "Mức lương thấp nhất (đồng)": _number(agreements["lowest_wage_vnd"]),
            "Phụ cấp ăn ca (đồng)": _number(agreements["meal_allowance_vnd"]),
            "Số lao động": _number(agreements["workers_covered"]),
        }
    )
    d = Delivery("raw/so_thoa_uoc.csv", cells, agreements["agreement_id"].to_numpy())
    _inject_common(
        d,
        rng,
        "Tỉnh/TP",
        ["Ngày ký", "Ngày hết hạn"],
        ["Phụ cấp ăn ca (đồng)", "Số lao động"],
        "Tên doanh nghiệp",
    )
    rates = value("raw_fault_rates")
    wage = cells["Mức lương thấp nhất (đồng)"].to_numpy(dtype=object)
    rows = _pick(
        rng, len(cells), rates["amount_in_thousands"], np.array([v.endswith(".000") for v in wage])
    )
    d.fault(rows, "Mức lương thấp nhất (đồng)", "amount_in_thousands", [wage[r][:-4] for r in rows])
    rows = _pick(rng, len(cells), rates["impossible_value"])
    signed = cells["Ngày ký"].to_numpy(dtype=object)
    expiry = cells["Ngày hết hạn"].to_numpy(dtype=object)
    ok = np.array([len(signed[r]) == 10 and len(expiry[r]) == 10 for r in rows], dtype=bool)
    rows = rows[ok] if len(rows) else rows
    d.fault(
        rows,
        "Ngày hết hạn",
        "impossible_value",
        [f"{expiry[r][:6]}{int(signed[r][6:]) - 1}" for r in rows],
    )
    return d


def _disputes(disputes: pd.DataFrame, rng: np.random.Generator) -> Delivery:
    cells = pd.DataFrame(
        {
            "Mã DN": disputes["enterprise_id"].astype(object),
            "Tỉnh/TP": _province_at(
                disputes["province"], disputes["province_pre2025"], disputes["filed_date"]
            ),
            "Loại tranh chấp": disputes["kind"].map(KIND_VI).astype(object),
            "Số người lao động": _number(disputes["workers_involved"]),
            "Cơ quan giải quyết": disputes["channel"].map(CHANNEL_VI).astype(object),
            "Ngày nhận đơn": _date(disputes["filed_date"]),
            "Ngày giải quyết xong": _date(disputes["settled_date"]),
            "Kết quả": disputes["outcome"].astype(object),
        }
    )
    d = Delivery("raw/tranh_chap.csv", cells, disputes["dispute_id"].to_numpy())
    _inject_common(d, rng, "Tỉnh/TP", ["Ngày nhận đơn"], ["Kết quả", "Số người lao động"], None)
    rows = _pick(
        rng,
        len(cells),
        value("raw_fault_rates")["impossible_value"],
        (cells["Ngày giải quyết xong"] != "").to_numpy(),
    )
    filed = cells["Ngày nhận đơn"].to_numpy(dtype=object)
    settled = cells["Ngày giải quyết xong"].to_numpy(dtype=object)
    ok = np.array([len(filed[r]) == 10 for r in rows], dtype=bool)
    rows = rows[ok] if len(rows) else rows
    d.fault(
        rows,
        "Ngày giải quyết xong",
        "impossible_value",
        [f"{settled[r][:6]}{int(filed[r][6:]) - 1}" for r in rows],
    )
    return d


def deliveries(frames: dict[str, pd.DataFrame], seed: int) -> tuple[dict[str, bytes], pd.DataFrame]:
    """Return ({path under the scale folder: file bytes}, error ledger) for the clean ``frames``."""
    rng = stream(seed, "raw")
    names = frames["enterprises"].set_index("enterprise_id")["enterprise_name"]
    plan = [
        _ministry(frames["strikes"], names, rng),
        _vgcl(frames["strikes_vgcl"], names, rng),
        _agreements(frames["agreements"], names, rng),
        _disputes(frames["disputes"], rng),
    ]
    files: dict[str, bytes] = {}
    ledger: list[tuple] = []
    delivered_rows: dict[str, dict] = {}
    for delivery in plan:
        cells, rows = _finish(delivery, rng)
        delivered_rows[delivery.file] = dict(
            zip(
                delivery.record_ids,
                [cells.attrs["delivered_row"][i] for i in range(len(delivery.record_ids))],
                strict=True,
            )
        )
        text = cells.to_csv(sep=";", index=False, lineterminator="\r\n")
        if delivery.encoding == "cp1258":
            from lrkit.synth.legacy_encoding import encode_cp1258

            data = encode_cp1258(text)
            ledger.append(
                (delivery.file, None, "", "legacy_encoding", "", "utf-8", "cp1258 (Windows-1258)")
            )
        else:
            data = text.encode("utf-8-sig")
        files[delivery.file] = data
        ledger += [(delivery.file, *row) for row in rows]
    # The same stoppage in both registers: an expected duplicate across deliveries.
    linkage = frames["strike_linkage"]
    true_of = linkage.pivot(index="true_strike_id", columns="register", values="record_id").dropna()
    for ministry_id, vgcl_id in zip(true_of["ministry"], true_of["vgcl"], strict=True):
        ministry_row = delivered_rows["raw/bo_dinh_cong.csv"][ministry_id]
        ledger.append(
            (
                "raw/tld_ngung_viec.csv",
                delivered_rows["raw/tld_ngung_viec.csv"][vgcl_id],
                "",
                "duplicate_across_registers",
                vgcl_id,
                "",
                f"same stoppage as raw/bo_dinh_cong.csv row {ministry_row} ({ministry_id})",
            )
        )
    table = pd.DataFrame(ledger, columns=LEDGER_COLUMNS[1:])
    table["row"] = table["row"].astype("Int64")
    table = table.sort_values(
        ["file", "row", "column"], kind="stable", na_position="first"
    ).reset_index(drop=True)
    table.insert(0, "fault_id", [f"F{i:06d}" for i in range(1, len(table) + 1)])
    return files, table.astype({c: "str" for c in LEDGER_COLUMNS if c != "row"})


#: Field names of each delivered file (Vietnamese headers), for the datapackage.
RAW_FILES: dict[str, dict] = {
    "raw/bo_dinh_cong.csv": {
        "name": "raw_ministry_strikes", "encoding": "utf-8-sig",
        "title": "Raw delivery: ministry strike register (Bộ, 'sổ theo dõi đình công')",
        "fields": ["STT", "Mã DN", "Tên doanh nghiệp", "Tỉnh/TP", "Loại hình DN", "Ngành",
                   "Ngày bắt đầu", "Ngày kết thúc", "Số ngày ngừng việc", "Số người tham gia",
                   "Nguyên nhân", "Công đoàn lãnh đạo"],
    },
    "raw/tld_ngung_viec.csv": {
        "name": "raw_vgcl_strikes", "encoding": "cp1258",
        "title": "Raw delivery: VGCL stoppage register, legacy Windows-1258 encoding",
        "fields": ["STT", "Tên đơn vị", "Địa bàn", "Ngày xảy ra", "Thời gian (ngày)",
                   "Số người ngừng việc", "Nhóm nguyên nhân", "Có CĐCS"],
    },
    "raw/so_thoa_uoc.csv": {
        "name": "raw_agreements", "encoding": "utf-8-sig",
        "title": "Raw delivery: labour departments' collective agreement register",
        "fields": ["STT", "Mã DN", "Tên doanh nghiệp", "Tỉnh/TP", "Ngày ký", "Ngày hết hạn",
                   "Mức lương thấp nhất (đồng)", "Phụ cấp ăn ca (đồng)", "Số lao động"],
    },
    "raw/tranh_chap.csv": {
        "name": "raw_disputes", "encoding": "utf-8-sig",
        "title": "Raw delivery: labour dispute register",
        "fields": ["STT", "Mã DN", "Tỉnh/TP", "Loại tranh chấp", "Số người lao động",
                   "Cơ quan giải quyết", "Ngày nhận đơn", "Ngày giải quyết xong", "Kết quả"],
    },
}  # fmt: skip
