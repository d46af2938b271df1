"""Statistical disclosure control for published two-way tables.

A published table must not let a reader learn something about one person or one
enterprise. Two steps protect it:

**Primary suppression** hides the sensitive cells:

* *frequency (threshold) rule*: a cell counting more than zero but fewer than ``min_count``
  units (persons in the sample, enterprises) is hidden;
* *dominance rules* for magnitude tables (employees, wage bills…), computed from the
  contributions of each unit:

  - the **(n, k) rule**: a cell is sensitive when its ``n`` largest contributors make up
    more than ``k`` % of its total;
  - the **p % rule**: a cell is sensitive when the total minus its two largest
    contributions is less than ``p`` % of the largest; otherwise the second-largest
    contributor could estimate the largest one to within ``p`` %.

**Secondary (complementary) suppression** hides further cells so that a hidden cell cannot be
worked out from the published margins. In a table with row and column totals every row and
column sums to its margin, so a line with a single hidden cell gives it away. The rule here:

1. every row and column (margins included) that holds a hidden cell holds at least two,
   adding each time the *smallest* non-zero cell of the line (among equal ones, one that also
   completes the crossing line);
2. no hidden cell may be a *bridge* of the graph whose vertices are rows and columns and
   whose edges are hidden cells: a hidden cell that lies on no cycle of hidden cells is
   determined by the margins even when every line holds two. A bridge is broken by hiding
   the smallest non-zero cell that closes a cycle through it;

repeated until nothing changes. With all hidden values positive, every hidden cell then lies
on a cycle along which the values can be shifted by ± t, so the set of tables agreeing with
what is published gives each hidden cell an interval of positive width (tests try to recover
hidden cells by linear programming). The rule does not enforce a minimum *width* (the
"protection level" of specialised software such as τ-ARGUS).

The thresholds below are the kit's stated defaults; statistical offices set their own (and
often keep the parameters confidential).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np
import pandas as pd

#: Frequency rule: cells with more than 0 and fewer than this many units are hidden.
MIN_COUNT: int = 5
#: Magnitude tables: cells with fewer contributors than this are hidden (threshold rule).
MIN_CONTRIBUTORS: int = 3
#: (n, k) dominance rule defaults: the 2 largest contributors above 85 % of the cell.
DOMINANCE_N: int = 2
DOMINANCE_K: float = 85.0
#: p % rule default.
P_PERCENT: float = 10.0
#: Label of the margin row and column.
TOTAL = "Total"

PRIMARY = "primary"
SECONDARY = "secondary"


def add_margins(table: pd.DataFrame, label: str = TOTAL) -> pd.DataFrame:
    """Return ``table`` with a row and a column of totals (and the grand total) appended."""
    if not all(pd.api.types.is_numeric_dtype(t) for t in table.dtypes):
        raise TypeError("every column of the table must be numeric to add margins")
    if label in table.index or label in table.columns:
        raise ValueError(f"the table already has a row or column named {label!r}")
    out = table.copy()
    out[label] = table.sum(axis=1)
    out.loc[label] = out.sum(axis=0)
    return out


def frequency_rule(counts: pd.DataFrame, min_count: int = MIN_COUNT) -> pd.DataFrame:
    """Return true where a count is more than 0 and fewer than ``min_count``.

    Apply it to the table *with* margins so that small row and column totals are caught too.
    """
    _check_table(counts, "counts")
    if min_count < 1:
        raise ValueError(f"min_count={min_count} must be at least 1")
    return (counts > 0) & (counts < min_count)


def _check_table(table: pd.DataFrame, name: str) -> None:
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"{name} must be a DataFrame, got {type(table).__name__}")
    for column in table.columns:
        if pd.api.types.is_bool_dtype(table[column]) or not pd.api.types.is_numeric_dtype(
            table[column]
        ):
            raise TypeError(f"{name} column {column!r} must be numeric, got {table[column].dtype}")
    if table.isna().any().any():
        raise ValueError(f"{name} has missing values")


def _contributor_stats(
    contributions: pd.DataFrame,
    row: str,
    column: str,
    value: str,
    contributor: str | None,
    label: str,
) -> dict[str, pd.DataFrame]:
    """Return per cell (margins included): total, contributors, and the 1st..3rd largest."""
    needed = [row, column, value] + ([contributor] if contributor else [])
    missing = [c for c in needed if c not in contributions.columns]
    if missing:
        raise KeyError(
            f"column(s) {missing} missing from contributions; it has: "
            f"{', '.join(map(str, contributions.columns))}"
        )
    values = contributions[value]
    if pd.api.types.is_bool_dtype(values) or not pd.api.types.is_numeric_dtype(values):
        raise TypeError(f"column {value!r} must be numeric, got {values.dtype}")
    if values.isna().any() or (values < 0).any():
        raise ValueError(f"column {value!r} must be ≥ 0 and not missing for every contributor")
    frame = contributions[needed].copy()
    if contributor is None:
        frame["_id"] = np.arange(len(frame))
        contributor = "_id"
    rows = list(pd.unique(frame[row]))
    cols = list(pd.unique(frame[column]))
    if label in rows or label in cols:
        raise ValueError(f"a category is named {label!r}, the margin label; pass another label=")
    rows_sorted = sorted(rows, key=str)
    cols_sorted = sorted(cols, key=str)
    out: dict[str, pd.DataFrame] = {
        name: pd.DataFrame(
            0.0, index=[*rows_sorted, label], columns=[*cols_sorted, label], dtype="float64"
        )
        for name in ("total", "count", "top1", "top2", "top3")
    }
    for keys in ([row, column], [row], [column], []):
        units = frame.groupby([*keys, contributor], sort=False)[value].sum().reset_index()
        units = units.sort_values(value, ascending=False, kind="stable")
        if keys:
            rank = units.groupby(keys, sort=False).cumcount()
            grouped = units.groupby(keys, sort=False)[value]
            total, count = grouped.sum(), grouped.count()
            tops = [units[rank == r].set_index(keys)[value] for r in range(3)]
        else:
            rank = pd.Series(np.arange(len(units)), index=units.index)
            total = pd.Series([units[value].sum()])
            count = pd.Series([len(units)])
            tops = [pd.Series([units[value].iloc[r] if len(units) > r else 0.0]) for r in range(3)]
        series = {"total": total, "count": count, "top1": tops[0], "top2": tops[1]}
        series["top3"] = tops[2]
        for name, data in series.items():
            table = out[name]
            for key, number in data.items():
                if keys == [row, column]:
                    r, c = key
                elif keys == [row]:
                    r, c = key, label
                elif keys == [column]:
                    r, c = label, key
                else:
                    r, c = label, label
                table.loc[r, c] = float(number)
    return out


def dominance_rule(
    contributions: pd.DataFrame,
    row: str,
    column: str,
    value: str,
    n: int = DOMINANCE_N,
    k: float = DOMINANCE_K,
    contributor: str | None = None,
    label: str = TOTAL,
) -> pd.DataFrame:
    """Return true for cells (margins included) where the ``n`` largest contributors exceed k %.

    ``contributions`` has one row per contributing unit (or several per unit, summed when
    ``contributor`` names the unit id) with the ``row`` and ``column`` categories of the cell
    and the ``value`` it contributes (≥ 0). ``n`` is 1, 2 or 3.
    """
    if n not in (1, 2, 3):
        raise ValueError(f"n={n} must be 1, 2 or 3")
    if not 0 < k < 100:
        raise ValueError(f"k={k} must be between 0 and 100")
    stats = _contributor_stats(contributions, row, column, value, contributor, label)
    top = sum(stats[f"top{i}"] for i in range(1, n + 1))
    return (stats["total"] > 0) & (top > k / 100 * stats["total"])


def p_percent_rule(
    contributions: pd.DataFrame,
    row: str,
    column: str,
    value: str,
    p: float = P_PERCENT,
    contributor: str | None = None,
    label: str = TOTAL,
) -> pd.DataFrame:
    """Return true for cells where total − largest − second largest < p % of the largest.

    Arguments as :func:`dominance_rule`.
    """
    if not 0 < p < 100:
        raise ValueError(f"p={p} must be between 0 and 100")
    stats = _contributor_stats(contributions, row, column, value, contributor, label)
    remainder = stats["total"] - stats["top1"] - stats["top2"]
    return (stats["total"] > 0) & (remainder < p / 100 * stats["top1"])


def _components_without(
    edges: np.ndarray, n_rows: int, n_cols: int, skip: tuple[int, int]
) -> np.ndarray:
    """Label the connected components of the row/column graph of ``edges`` without ``skip``."""
    n_vertices = n_rows + n_cols
    adjacency: list[list[int]] = [[] for _ in range(n_vertices)]
    for r, c in zip(*np.nonzero(edges), strict=True):
        if (r, c) == skip:
            continue
        adjacency[r].append(n_rows + c)
        adjacency[n_rows + c].append(r)
    label = np.full(n_vertices, -1)
    current = 0
    for start in range(n_vertices):
        if label[start] >= 0:
            continue
        label[start] = current
        queue = deque([start])
        while queue:
            vertex = queue.popleft()
            for other in adjacency[vertex]:
                if label[other] < 0:
                    label[other] = current
                    queue.append(other)
        current += 1
    return label


def _pick(values: np.ndarray, candidates: np.ndarray, bonus: np.ndarray | None = None):
    """Return the (row, column) of the best candidate: non-zero, smallest, then completing."""
    positions = np.argwhere(candidates)
    if len(positions) == 0:
        return None
    magnitude = np.abs(values[candidates])
    zero = magnitude == 0
    extra = np.zeros(len(positions)) if bonus is None else -bonus[candidates].astype(float)
    order = np.lexsort((extra, magnitude, zero))
    r, c = positions[order[0]]
    return int(r), int(c)


def secondary_suppression(values: pd.DataFrame, primary: pd.DataFrame) -> pd.DataFrame:
    """Return the cells to hide (primary and complementary) in a table *with margins*.

    ``values`` is the published table including its last row and column of totals (see
    :func:`add_margins`); ``primary`` (same shape, true/false) marks the sensitive cells.
    Implements the line and bridge rules of the module docstring, choosing each time the
    smallest non-zero cell. Values are assumed ≥ 0.
    """
    _check_table(values, "values")
    if primary.shape != values.shape or not (
        primary.index.equals(values.index) and primary.columns.equals(values.columns)
    ):
        raise ValueError("primary must have the same rows and columns as values")
    if values.shape[0] < 2 or values.shape[1] < 2:
        raise ValueError("values must include a margin row and a margin column")
    v = values.to_numpy(dtype="float64")
    interior = v[:-1, :-1]
    if not (
        np.allclose(interior.sum(axis=1), v[:-1, -1])
        and np.allclose(interior.sum(axis=0), v[-1, :-1])
        and np.isclose(interior.sum(), v[-1, -1])
    ):
        raise ValueError("the last row and column of values must be the totals of the others")
    hidden = primary.to_numpy(dtype=bool).copy()
    n_rows, n_cols = v.shape
    while True:
        changed = False
        # 1. line rule
        for axis in (0, 1):
            counts_rows = hidden.sum(axis=1)
            counts_cols = hidden.sum(axis=0)
            lines = counts_rows if axis == 0 else counts_cols
            for line in np.flatnonzero(lines == 1):
                mask = np.zeros_like(hidden)
                if axis == 0:
                    mask[line, :] = True
                    crossing = np.broadcast_to(counts_cols == 1, hidden.shape)
                else:
                    mask[:, line] = True
                    crossing = np.broadcast_to((counts_rows == 1)[:, None], hidden.shape)
                choice = _pick(v, mask & ~hidden, crossing)
                if choice is None:  # pragma: no cover - a line always has its margin
                    raise RuntimeError("no complementary cell available")
                hidden[choice] = True
                changed = True
                break
            if changed:
                break
        if changed:
            continue
        # 2. bridge rule
        for r, c in zip(*np.nonzero(hidden), strict=True):
            label = _components_without(hidden, n_rows, n_cols, (int(r), int(c)))
            if label[r] == label[n_rows + c]:
                continue
            side_a, side_b = label[r], label[n_rows + c]
            row_label, col_label = label[:n_rows], label[n_rows:]
            closes = (
                (row_label[:, None] == side_a) & (col_label[None, :] == side_b)
                | (row_label[:, None] == side_b) & (col_label[None, :] == side_a)
            ) & ~hidden
            choice = _pick(v, closes)
            if choice is None:  # pragma: no cover - shown impossible in the docstring
                raise RuntimeError("no cell closes a cycle through a hidden cell")
            hidden[choice] = True
            changed = True
            break
        if not changed:
            break
    return pd.DataFrame(hidden, index=values.index, columns=values.columns)


@dataclass(frozen=True)
class ProtectedTable:
    """A table with margins and the status of each cell: "", "primary" or "secondary"."""

    values: pd.DataFrame
    status: pd.DataFrame

    @property
    def hidden(self) -> pd.DataFrame:
        """True where the cell is suppressed."""
        return self.status != ""

    def published(self, symbol: str | None = None) -> pd.DataFrame:
        """Return the table as published: suppressed cells empty (NaN) or shown as ``symbol``."""
        if symbol is None:
            return self.values.mask(self.hidden)
        return self.values.astype(object).mask(self.hidden, symbol)


def _protect(values: pd.DataFrame, primary: pd.DataFrame) -> ProtectedTable:
    hidden = secondary_suppression(values, primary)
    status = pd.DataFrame("", index=values.index, columns=values.columns)
    status = status.mask(hidden, SECONDARY).mask(primary, PRIMARY)
    return ProtectedTable(values, status)


def protect_frequency_table(
    counts: pd.DataFrame, min_count: int = MIN_COUNT, label: str = TOTAL
) -> ProtectedTable:
    """Return a frequency table (without margins) protected for publication with margins.

    Cells and margins with ``0 < count < min_count`` are hidden (primary), then enough other
    cells (secondary) that none of them can be derived from what is published.
    """
    _check_table(counts, "counts")
    if (counts < 0).any().any():
        raise ValueError("counts must be ≥ 0")
    values = add_margins(counts, label)
    return _protect(values, frequency_rule(values, min_count))


def protect_magnitude_table(
    contributions: pd.DataFrame,
    row: str,
    column: str,
    value: str,
    *,
    min_contributors: int = MIN_CONTRIBUTORS,
    n: int | None = DOMINANCE_N,
    k: float = DOMINANCE_K,
    p: float | None = P_PERCENT,
    contributor: str | None = None,
    label: str = TOTAL,
) -> ProtectedTable:
    """Return the ``row`` × ``column`` table of summed ``value`` with margins, protected.

    Primary suppression hides cells with fewer than ``min_contributors`` contributors, cells
    dominated by the (``n``, ``k``) rule (``n=None`` to skip it) and cells failing the p %
    rule (``p=None`` to skip it); secondary suppression follows.
    """
    stats = _contributor_stats(contributions, row, column, value, contributor, label)
    values = stats["total"]
    primary = (stats["count"] > 0) & (stats["count"] < min_contributors)
    if n is not None:
        primary |= dominance_rule(contributions, row, column, value, n, k, contributor, label)
    if p is not None:
        primary |= p_percent_rule(contributions, row, column, value, p, contributor, label)
    return _protect(values, primary)
