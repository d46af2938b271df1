"""Linking the ministry's and VGCL's strike registers: one stoppage, two records.

The labour ministry and VGCL each keep a register of work stoppages (đình công, ngừng việc
tập thể), and they define and count differently (``shared/domain-facts.md``: for 2008,
762 strikes by VGCL and 650 by the ministry). In the kit's synthetic registers the ministry
rounds workers to 10, VGCL records the *peak* number of workers, counts only stoppages of
50 or more workers and dates a stoppage when it learns of it (sometimes a working day
late), and VGCL's delivery carries no enterprise identifier, only the enterprise's name. So
the same stoppage must be found in both by comparing what the two records say. This is
record linkage (liên kết bản ghi), in five transparent steps:

1. **prepare** (:func:`prepare_registers`): the same columns for both registers;
2. **block** (:func:`candidate_pairs`): compare only records of the same province whose
   start dates are at most ``window_days`` apart, instead of every pair;
3. **compare** (:func:`compare_pairs`): the enterprise name, the start dates (in working
   days), the workers and the duration of each candidate pair;
4. **score** (:func:`score_pairs`): points for each comparison (:data:`SCORING_RULE`), a
   pair is a link when its score reaches the threshold;
5. **assign** (:func:`assign_one_to_one`): each record is linked at most once, best
   scores first.

:func:`link_registers` runs them all; :func:`linkage_quality` scores the links against the
hidden true links (``truth/strike_linkage.csv``): precision, recall and F1. Only pandas and
numpy are used, so every step can be read and changed in a workshop.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lrkit.reference.provinces import fold_name

#: The columns both registers have after :func:`prepare_registers`.
LINK_COLUMNS: tuple[str, ...] = (
    "record_id", "register", "year", "province", "start_date", "enterprise_name", "workers",
    "duration",
)  # fmt: skip

#: Words of a legal form or a country that say nothing about which enterprise it is.
LEGAL_WORDS: tuple[str, ...] = (
    "cong ty", "tnhh", "co phan", "mtv", "mot thanh vien", "doanh nghiep tu nhan",
    "doanh nghiep", "tap doan", "chi nhanh", "viet nam", "vietnam", "vn", "jsc", "co., ltd",
    "co. ltd", "ltd", "company",
)  # fmt: skip

#: Points given by :func:`score_pairs`: (comparison, condition, points). A pair with a
#: total of :data:`THRESHOLD` or more is a link. Rules are checked from top to bottom within
#: each comparison and the first that holds gives its points.
SCORING_RULE: tuple[tuple[str, str, int], ...] = (
    ("name", "same name (similarity = 1)", 4),
    ("name", "similar name (similarity ≥ 0.6)", 2),
    ("name", "different name", -3),
    ("date", "same start date", 3),
    ("date", "1 working day apart", 2),
    ("date", "2-3 working days apart", 1),
    ("date", "further apart", 0),
    ("workers", "within 10% of each other", 2),
    ("workers", "within 25%", 1),
    ("workers", "further apart", -1),
    ("duration", "same duration", 1),
    ("duration", "different duration", 0),
)
THRESHOLD = 7


def _require(frame: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{what} must be a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(
            f"column(s) {missing} missing from {what}; it has: {', '.join(map(str, frame.columns))}"
        )


# ------------------------------------------------------------------------ prepare
def name_key(name: object) -> str:
    """Return an enterprise name reduced to what identifies it.

    Lower case without diacritics, punctuation and the words of :data:`LEGAL_WORDS`:
    "Công ty TNHH May mặc Jin Rich Việt Nam" → "may mac jin rich".
    """
    if not isinstance(name, str):
        return ""
    text = fold_name(name)
    text = re.sub(r"[^\w\s]", " ", text)
    text = f" {' '.join(text.split())} "
    for word in sorted(LEGAL_WORDS, key=len, reverse=True):
        text = text.replace(f" {re.sub(r'[^a-z0-9 ]', ' ', word).strip()} ", " ")
    return " ".join(text.split())


def name_similarity(a: object, b: object) -> float:
    """Return the share of name words the two names have in common (Jaccard, 0 to 1).

    Words are those of :func:`name_key`; two empty names have similarity 0.
    """
    left, right = set(name_key(a).split()), set(name_key(b).split())
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def prepare_registers(
    ministry: pd.DataFrame, vgcl: pd.DataFrame, enterprises: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the two registers with the same columns (:data:`LINK_COLUMNS`).

    ``ministry`` is the ``strikes`` dataset, ``vgcl`` the ``strikes_vgcl`` dataset and
    ``enterprises`` the frame, which gives each record its enterprise's name. VGCL's
    ``enterprise_id`` is dropped: its delivery has only the name, and linking must work
    from what the registers say. ``workers`` is the ministry's ``workers_involved`` and
    VGCL's ``peak_workers``; ``start_date`` is VGCL's ``reported_start_date``.
    """
    _require(
        ministry, ["strike_id", "year", "enterprise_id", "province", "start_date",
                   "workers_involved", "duration_workdays"], "the ministry register",
    )  # fmt: skip
    _require(
        vgcl, ["record_id", "year", "enterprise_id", "province", "reported_start_date",
               "peak_workers", "duration_workdays"], "the VGCL register",
    )  # fmt: skip
    _require(enterprises, ["enterprise_id", "enterprise_name"], "the enterprise frame")
    names = enterprises.set_index("enterprise_id")["enterprise_name"]
    left = pd.DataFrame(
        {
            "record_id": ministry["strike_id"].astype(str),
            "register": "ministry",
            "year": ministry["year"].astype("int64"),
            "province": ministry["province"].astype(str),
            "start_date": pd.to_datetime(ministry["start_date"]),
            "enterprise_name": ministry["enterprise_id"].map(names).astype(str),
            "workers": pd.to_numeric(ministry["workers_involved"]).astype("float64"),
            "duration": pd.to_numeric(ministry["duration_workdays"]).astype("float64"),
        }
    )
    right = pd.DataFrame(
        {
            "record_id": vgcl["record_id"].astype(str),
            "register": "vgcl",
            "year": vgcl["year"].astype("int64"),
            "province": vgcl["province"].astype(str),
            "start_date": pd.to_datetime(vgcl["reported_start_date"]),
            "enterprise_name": vgcl["enterprise_id"].map(names).astype(str),
            "workers": pd.to_numeric(vgcl["peak_workers"]).astype("float64"),
            "duration": pd.to_numeric(vgcl["duration_workdays"]).astype("float64"),
        }
    )
    return left.reset_index(drop=True), right.reset_index(drop=True)


def load_registers(
    scale: str = "workshop", seed: int | None = None, province: str | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the prepared ministry and VGCL registers of ``scale`` and ``seed``.

    With ``province``, only the records of that current (34-unit) province.
    """
    from lrkit.data import load_dataset

    left, right = prepare_registers(
        load_dataset("strikes", scale, seed),
        load_dataset("strikes_vgcl", scale, seed),
        load_dataset("enterprises", scale, seed),
    )
    if province is not None:
        from lrkit.reference.provinces import resolve_province

        name = resolve_province(province)
        left = left[left["province"] == name].reset_index(drop=True)
        right = right[right["province"] == name].reset_index(drop=True)
    return left, right


# ------------------------------------------------------------------------ block
def candidate_pairs(
    left: pd.DataFrame,
    right: pd.DataFrame,
    *,
    block_on: str | Iterable[str] = "province",
    window_days: int = 7,
) -> pd.DataFrame:
    """Return the pairs worth comparing: same ``block_on`` values, start dates close.

    Blocking (chặn khối) keeps the pairs of records with equal ``block_on`` columns whose
    start dates are at most ``window_days`` calendar days apart. Columns: ``left_id``,
    ``right_id``. Raises ``ValueError`` for a negative window.
    """
    blocks = [block_on] if isinstance(block_on, str) else list(block_on)
    for frame, what in ((left, "left"), (right, "right")):
        _require(frame, ["record_id", "start_date", *blocks], f"the {what} register")
    if window_days < 0:
        raise ValueError(f"window_days must be 0 or more, got {window_days}")
    pairs = left[["record_id", "start_date", *blocks]].merge(
        right[["record_id", "start_date", *blocks]], on=blocks, suffixes=("_l", "_r")
    )
    gap = (pairs["start_date_r"] - pairs["start_date_l"]).dt.days.abs()
    pairs = pairs[gap <= window_days]
    return (
        pairs.rename(columns={"record_id_l": "left_id", "record_id_r": "right_id"})[
            ["left_id", "right_id"]
        ]
        .sort_values(["left_id", "right_id"])
        .reset_index(drop=True)
    )


# ------------------------------------------------------------------------ compare, score
def working_days_apart(a: pd.Series, b: pd.Series) -> np.ndarray:
    """Return the working days (Monday-Friday) between two dates, 0 for the same day."""
    first = pd.to_datetime(a).to_numpy(dtype="datetime64[D]")
    second = pd.to_datetime(b).to_numpy(dtype="datetime64[D]")
    return np.abs(np.busday_count(np.minimum(first, second), np.maximum(first, second)))


def compare_pairs(pairs: pd.DataFrame, left: pd.DataFrame, right: pd.DataFrame) -> pd.DataFrame:
    """Return each candidate pair with its comparisons.

    Columns added: ``name_similarity`` (0-1, :func:`name_similarity`), ``days_apart``
    (working days between the start dates), ``workers_diff_pct`` (|difference| ÷ the larger
    count × 100) and ``same_duration``.
    """
    _require(pairs, ["left_id", "right_id"], "the pairs")
    columns = ["record_id", "start_date", "enterprise_name", "workers", "duration"]
    _require(left, columns, "the left register")
    _require(right, columns, "the right register")
    table = pairs[["left_id", "right_id"]].merge(
        left[columns].rename(columns={"record_id": "left_id"}), on="left_id"
    )
    table = table.merge(
        right[columns].rename(columns={"record_id": "right_id"}),
        on="right_id",
        suffixes=("_l", "_r"),
    )
    table["name_similarity"] = [
        name_similarity(a, b)
        for a, b in zip(table["enterprise_name_l"], table["enterprise_name_r"], strict=True)
    ]
    table["days_apart"] = working_days_apart(table["start_date_l"], table["start_date_r"])
    larger = np.maximum(table["workers_l"], table["workers_r"]).replace(0, np.nan)
    table["workers_diff_pct"] = (100 * (table["workers_l"] - table["workers_r"]).abs() / larger)
    table["same_duration"] = table["duration_l"] == table["duration_r"]
    keep = ["left_id", "right_id", "name_similarity", "days_apart", "workers_diff_pct",
            "same_duration"]  # fmt: skip
    return table[keep].sort_values(["left_id", "right_id"]).reset_index(drop=True)


def score_pairs(compared: pd.DataFrame) -> pd.DataFrame:
    """Add the points of :data:`SCORING_RULE` for each comparison and their ``score``.

    Columns added: ``name_points``, ``date_points``, ``workers_points``,
    ``duration_points`` and ``score`` (their sum).
    """
    _require(
        compared, ["name_similarity", "days_apart", "workers_diff_pct", "same_duration"],
        "the compared pairs",
    )  # fmt: skip
    points = {(kind, condition): value for kind, condition, value in SCORING_RULE}
    out = compared.copy()
    similarity = out["name_similarity"].to_numpy(dtype=float)
    out["name_points"] = np.select(
        [similarity >= 1 - 1e-12, similarity >= 0.6],
        [points["name", "same name (similarity = 1)"],
         points["name", "similar name (similarity ≥ 0.6)"]],
        points["name", "different name"],
    )  # fmt: skip
    days = out["days_apart"].to_numpy(dtype=float)
    out["date_points"] = np.select(
        [days == 0, days == 1, days <= 3],
        [points["date", "same start date"], points["date", "1 working day apart"],
         points["date", "2-3 working days apart"]],
        points["date", "further apart"],
    )  # fmt: skip
    diff = out["workers_diff_pct"].to_numpy(dtype=float)
    out["workers_points"] = np.select(
        [diff <= 10, diff <= 25],
        [points["workers", "within 10% of each other"], points["workers", "within 25%"]],
        points["workers", "further apart"],
    )
    out["duration_points"] = np.where(
        out["same_duration"].to_numpy(dtype=bool),
        points["duration", "same duration"],
        points["duration", "different duration"],
    )
    out["score"] = out[["name_points", "date_points", "workers_points", "duration_points"]].sum(
        axis=1
    )
    return out


def assign_one_to_one(scored: pd.DataFrame, threshold: float = THRESHOLD) -> pd.DataFrame:
    """Return the links: pairs scoring ``threshold`` or more, each record used at most once.

    Pairs are taken best score first (ties: fewer working days apart, then by ids), and a
    pair is dropped when either record is already linked. Columns: ``left_id``,
    ``right_id``, ``score``.
    """
    _require(scored, ["left_id", "right_id", "score"], "the scored pairs")
    order = ["score", "left_id", "right_id"]
    ascending = [False, True, True]
    if "days_apart" in scored.columns:
        order.insert(1, "days_apart")
        ascending.insert(1, True)
    ranked = scored[scored["score"] >= threshold].sort_values(order, ascending=ascending)
    used_left: set[str] = set()
    used_right: set[str] = set()
    rows = []
    for left_id, right_id, score in zip(
        ranked["left_id"], ranked["right_id"], ranked["score"], strict=True
    ):
        if left_id in used_left or right_id in used_right:
            continue
        used_left.add(left_id)
        used_right.add(right_id)
        rows.append((left_id, right_id, score))
    links = pd.DataFrame(rows, columns=["left_id", "right_id", "score"])
    return links.sort_values(["left_id", "right_id"]).reset_index(drop=True)


@dataclass(frozen=True)
class Linkage:
    """The result of :func:`link_registers`.

    ``scored``: every candidate pair with its comparisons and points; ``links``: the
    one-to-one links; ``left_only``/``right_only``: the records of each register that were
    not linked. Each record is either linked once or in its ``*_only`` table.
    """

    scored: pd.DataFrame
    links: pd.DataFrame
    left_only: pd.DataFrame
    right_only: pd.DataFrame

    def summary(self) -> pd.DataFrame:
        """Return the counts: records of each register, links, and distinct stoppages."""
        left = len(self.links) + len(self.left_only)
        right = len(self.links) + len(self.right_only)
        return pd.DataFrame(
            {
                "count": [left, right, len(self.scored), len(self.links),
                          left + right - len(self.links)],
            },
            index=pd.Index(
                ["ministry records", "VGCL records", "candidate pairs", "links",
                 "distinct stoppages (records − links)"], name="",
            ),
        )  # fmt: skip


def link_registers(
    left: pd.DataFrame,
    right: pd.DataFrame,
    *,
    threshold: float = THRESHOLD,
    window_days: int = 7,
    block_on: str | Iterable[str] = "province",
) -> Linkage:
    """Link two prepared registers: block, compare, score, assign one to one."""
    pairs = candidate_pairs(left, right, block_on=block_on, window_days=window_days)
    scored = score_pairs(compare_pairs(pairs, left, right))
    links = assign_one_to_one(scored, threshold)
    left_only = left[~left["record_id"].isin(links["left_id"])].reset_index(drop=True)
    right_only = right[~right["record_id"].isin(links["right_id"])].reset_index(drop=True)
    return Linkage(scored, links, left_only, right_only)


# ------------------------------------------------------------------------ quality
def true_links(linkage_truth: pd.DataFrame) -> pd.DataFrame:
    """Return the true links (``left_id`` = ministry, ``right_id`` = VGCL record).

    ``linkage_truth`` is the ``strike_linkage`` truth table: register, record_id,
    true_strike_id. Two records are a true link when they describe the same stoppage.
    """
    _require(linkage_truth, ["register", "record_id", "true_strike_id"], "the true links")
    wide = linkage_truth.pivot(index="true_strike_id", columns="register", values="record_id")
    for register in ("ministry", "vgcl"):
        if register not in wide.columns:
            wide[register] = np.nan
    wide = wide.dropna(subset=["ministry", "vgcl"])
    pairs = {"left_id": wide["ministry"].astype(str), "right_id": wide["vgcl"].astype(str)}
    return (
        pd.DataFrame(pairs)
        .sort_values(["left_id", "right_id"])
        .reset_index(drop=True)
    )


def as_pairs(links: object) -> set[tuple[str, str]]:
    """Return links given as a table or as (ministry id, VGCL id) pairs as a set of pairs.

    A table may use ``left_id``/``right_id`` or ``strike_id``/``record_id`` (the two
    registers' id columns). Raises ``ValueError`` explaining the accepted forms.
    """
    if isinstance(links, pd.DataFrame):
        for a, b in (("left_id", "right_id"), ("strike_id", "record_id")):
            if a in links.columns and b in links.columns:
                return set(zip(links[a].astype(str), links[b].astype(str), strict=True))
        raise ValueError(
            "a table of links needs columns left_id and right_id (or strike_id and "
            f"record_id); it has: {', '.join(map(str, links.columns))}"
        )
    if isinstance(links, Iterable) and not isinstance(links, str | bytes | Mapping):
        pairs = list(links)
        if all(isinstance(p, tuple | list) and len(p) == 2 for p in pairs):
            return {(str(a), str(b)) for a, b in pairs}
    raise ValueError(
        "links must be a table with columns left_id, right_id (or strike_id, record_id) or "
        f"a list of (ministry id, VGCL id) pairs, got {type(links).__name__}"
    )


def linkage_quality(links: object, truth: pd.DataFrame) -> dict[str, float]:
    """Return precision, recall and F1 of ``links`` against the true links ``truth``.

    ``truth`` is a table of true pairs (:func:`true_links`) or the ``strike_linkage``
    truth table. Precision = correct links ÷ links made; recall = correct links ÷ true
    links; F1 = their harmonic mean. Counts are returned too: ``links``, ``true_links``,
    ``correct``, ``false_links``, ``missed``.
    """
    if "true_strike_id" in truth.columns:
        truth = true_links(truth)
    made, real = as_pairs(links), as_pairs(truth)
    correct = len(made & real)
    precision = correct / len(made) if made else 0.0
    recall = correct / len(real) if real else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "links": len(made),
        "true_links": len(real),
        "correct": correct,
        "false_links": len(made) - correct,
        "missed": len(real) - correct,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def scoring_rule_table() -> pd.DataFrame:
    """Return :data:`SCORING_RULE` as a table (comparison, condition, points)."""
    return pd.DataFrame(SCORING_RULE, columns=["comparison", "condition", "points"])
