"""Disclosure control (lrkit.disclosure): rules by hand, and attacks on the published tables.

The attacks: for every suppressed cell, an adversary who knows the published cells and margins
and that every cell is ≥ 0 solves two linear programmes (scipy.optimize.linprog) for the
smallest and largest value the cell can take. The cell is protected when that interval is
not a single point.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from lrkit.disclosure import (
    PRIMARY,
    SECONDARY,
    ProtectedTable,
    add_margins,
    dominance_rule,
    frequency_rule,
    p_percent_rule,
    protect_frequency_table,
    protect_magnitude_table,
    secondary_suppression,
)


def feasible_intervals(values: np.ndarray, hidden: np.ndarray) -> dict[tuple[int, int], tuple]:
    """Return, for each hidden cell, the (min, max) an attacker can derive by LP."""
    cells = [tuple(int(i) for i in rc) for rc in np.argwhere(hidden)]
    index = {cell: k for k, cell in enumerate(cells)}
    n_rows, n_cols = values.shape
    a_eq, b_eq = [], []
    lines = [[(i, j) for j in range(n_cols)] for i in range(n_rows)]
    lines += [[(i, j) for i in range(n_rows)] for j in range(n_cols)]
    for line in lines:
        # interior cells sum to the margin (the last cell of the line)
        coefficients = np.zeros(len(cells))
        rhs = 0.0
        for position, cell in enumerate(line):
            sign = -1.0 if position == len(line) - 1 else 1.0
            if cell in index:
                coefficients[index[cell]] += sign
            else:
                rhs -= sign * values[cell]
        if coefficients.any():
            a_eq.append(coefficients)
            b_eq.append(rhs)
        else:
            assert abs(rhs) < 1e-6  # the published line adds up
    out = {}
    for cell, k in index.items():
        objective = np.zeros(len(cells))
        objective[k] = 1.0
        bounds = [(0, None)] * len(cells)
        low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        high = linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        assert low.status == 0, low.message
        upper = np.inf if high.status == 3 else -high.fun  # 3: unbounded
        out[cell] = (low.fun, upper)
    return out


def assert_protected(table: ProtectedTable) -> None:
    values = table.values.to_numpy(dtype=float)
    hidden = table.hidden.to_numpy()
    scale = max(1.0, float(np.abs(values).max()))
    for line_counts in (hidden.sum(axis=0), hidden.sum(axis=1)):
        assert not (line_counts == 1).any(), "a line with a single hidden cell gives it away"
    for (r, c), (low, high) in feasible_intervals(values, hidden).items():
        assert low - 1e-7 * scale <= values[r, c] <= high + 1e-7 * scale
        assert high - low > 1e-6 * scale, (
            f"hidden cell {(r, c)} = {values[r, c]} is recoverable: [{low}, {high}]"
        )


# ---------------------------------------------------------------------------- rules by hand
def test_frequency_rule_hides_small_non_zero_cells():
    counts = pd.DataFrame({"a": [0, 3, 10], "b": [5, 4, 1]})
    np.testing.assert_array_equal(
        frequency_rule(counts, min_count=5).to_numpy(),
        [[False, False], [True, True], [False, True]],
    )


@pytest.fixture
def contributions() -> pd.DataFrame:
    # cell (North, garment): 90, 5, 5        -> dominated ((2, 85): 95 % > 85 %; p %: 5 < 9)
    # cell (North, footwear): 30, 30, 30, 10 -> safe for both rules
    # cell (South, garment): 40, 30, 30      -> (2, 85): 70 %, safe; p %: 30 ≥ 4, safe
    # cell (South, footwear): 50, 50         -> two contributors: p % remainder 0 < 5
    return pd.DataFrame(
        {
            "region": ["North"] * 7 + ["South"] * 5,
            "sector": ["garment"] * 3 + ["footwear"] * 4 + ["garment"] * 3 + ["footwear"] * 2,
            "employees": [90, 5, 5, 30, 30, 30, 10, 40, 30, 30, 50, 50],
        }
    )


def test_dominance_rule_by_hand(contributions):
    sensitive = dominance_rule(contributions, "region", "sector", "employees", n=2, k=85)
    assert sensitive.loc["North", "garment"]
    assert not sensitive.loc["North", "footwear"]
    assert not sensitive.loc["South", "garment"]
    assert sensitive.loc["South", "footwear"]  # two contributors: 100 %
    assert not sensitive.loc["Total", "Total"]
    one = dominance_rule(contributions, "region", "sector", "employees", n=1, k=85)
    assert one.loc["North", "garment"] and not one.loc["South", "footwear"]


def test_p_percent_rule_by_hand(contributions):
    sensitive = p_percent_rule(contributions, "region", "sector", "employees", p=10)
    assert sensitive.loc["North", "garment"]
    assert not sensitive.loc["North", "footwear"]
    assert not sensitive.loc["South", "garment"]
    assert sensitive.loc["South", "footwear"]


def test_margins_are_checked_too():
    # one enterprise makes up most of the North row: the row total itself is dominated
    frame = pd.DataFrame(
        {
            "region": ["North", "North", "North", "South", "South", "South"],
            "sector": ["garment", "footwear", "footwear", "garment", "garment", "footwear"],
            "firm": ["F1", "F1", "F2", "F3", "F4", "F5"],
            "employees": [500, 400, 20, 30, 30, 30],
        }
    )
    sensitive = dominance_rule(
        frame, "region", "sector", "employees", n=1, k=85, contributor="firm"
    )
    assert sensitive.loc["North", "Total"]  # F1 = 900 of 920
    assert not sensitive.loc["South", "Total"]


def test_protected_magnitude_table_by_hand(contributions):
    table = protect_magnitude_table(contributions, "region", "sector", "employees")
    assert table.status.loc["North", "garment"] == PRIMARY
    assert table.status.loc["South", "footwear"] == PRIMARY
    assert (table.status == SECONDARY).any().any()
    assert table.values.loc["Total", "Total"] == 400
    published = table.published(symbol="x")
    assert published.loc["North", "garment"] == "x"
    assert_protected(table)


def test_single_small_cell_gets_complements():
    counts = pd.DataFrame(
        [[20, 30, 40], [25, 2, 35], [50, 60, 70]], index=["r1", "r2", "r3"], columns=["a", "b", "c"]
    )
    table = protect_frequency_table(counts, min_count=5)
    status = table.status
    assert status.loc["r2", "b"] == PRIMARY
    # the smallest complements: 25 in row r2 ... and 30 in column b, then 20 closes the cycle
    assert status.loc["r2", "a"] == SECONDARY
    assert status.loc["r1", "b"] == SECONDARY
    assert status.loc["r1", "a"] == SECONDARY
    assert (table.hidden.sum().sum()) == 4
    assert_protected(table)


def test_bridges_are_broken():
    # Two hidden 2x2 blocks joined by one hidden cell would let that cell be derived.
    values = add_margins(
        pd.DataFrame(
            [[1, 1, 9, 9], [1, 1, 9, 9], [9, 9, 1, 1], [9, 9, 1, 1]],
            columns=list("abcd"),
        )
    )
    primary = frequency_rule(values, min_count=2)
    hidden = secondary_suppression(values, primary)
    assert_protected(ProtectedTable(values, hidden.replace({True: "x", False: ""})))


# ---------------------------------------------------------------------------- attacks
small_or_large = st.one_of(st.integers(0, 4), st.integers(0, 60))


@st.composite
def count_tables(draw):
    rows, cols = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    data = [[draw(small_or_large) for _ in range(cols)] for _ in range(rows)]
    return pd.DataFrame(data, index=[f"r{i}" for i in range(rows)], columns=list("abcde")[:cols])


@settings(
    max_examples=150, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(counts=count_tables(), min_count=st.integers(2, 6))
def test_attack_on_frequency_tables(counts, min_count):
    table = protect_frequency_table(counts, min_count=min_count)
    assert table.status.isin(["", PRIMARY, SECONDARY]).all().all()
    primary = frequency_rule(table.values, min_count)
    assert (table.hidden | ~primary).all().all(), "every sensitive cell is hidden"
    assert_protected(table)


@st.composite
def contribution_lists(draw):
    n = draw(st.integers(1, 25))
    return pd.DataFrame(
        {
            "region": draw(st.lists(st.sampled_from(["N", "C", "S"]), min_size=n, max_size=n)),
            "sector": draw(st.lists(st.sampled_from(["x", "y", "z"]), min_size=n, max_size=n)),
            "value": draw(
                st.lists(
                    st.floats(0.5, 5000, allow_nan=False, allow_infinity=False),
                    min_size=n,
                    max_size=n,
                )
            ),
        }
    )


@settings(
    max_examples=120, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(frame=contribution_lists(), k=st.floats(50, 95), p=st.floats(1, 30))
def test_attack_on_magnitude_tables(frame, k, p):
    table = protect_magnitude_table(frame, "region", "sector", "value", n=1, k=k, p=p)
    assert_protected(table)


# ---------------------------------------------------------------------------- bad input
def test_bad_inputs_are_named(contributions):
    with pytest.raises(TypeError, match="counts column 'a' must be numeric"):
        protect_frequency_table(pd.DataFrame({"a": ["1", "2"], "b": [1, 2]}))
    with pytest.raises(ValueError, match="counts must be ≥ 0"):
        protect_frequency_table(pd.DataFrame({"a": [-1, 2], "b": [1, 2]}))
    with pytest.raises(KeyError, match="'wages'"):
        protect_magnitude_table(contributions, "region", "sector", "wages")
    with pytest.raises(ValueError, match="'employees' must be ≥ 0"):
        protect_magnitude_table(contributions.assign(employees=-1), "region", "sector", "employees")
    with pytest.raises(ValueError, match="n=4 must be 1, 2 or 3"):
        dominance_rule(contributions, "region", "sector", "employees", n=4)
    with pytest.raises(ValueError, match="p=120"):
        p_percent_rule(contributions, "region", "sector", "employees", p=120)
    values = add_margins(pd.DataFrame({"a": [1, 2], "b": [3, 4]}))
    broken = values.copy()
    broken.loc["Total", "a"] = 99
    with pytest.raises(ValueError, match="must be the totals"):
        secondary_suppression(broken, frequency_rule(broken))
    with pytest.raises(ValueError, match="same rows and columns"):
        secondary_suppression(values, frequency_rule(values).iloc[:, :1])
