"""Labour relations indicators, computed as the ILO defines them.

Trade union density rate (ILOSTAT series ILR_TUMT_NOC_RT)
    union members who are employees ÷ total employees × 100. Members who are self-employed,
    unemployed or retired are left out of the numerator, and only employees are in the
    denominator.

Collective bargaining coverage rate (ILOSTAT series ILR_CBCT_NOC_RT)
    employees whose pay or conditions are set by at least one collective agreement ÷ total
    employees × 100.

Both are estimated from household-survey person records with their survey weights: the
weighted number of members (or covered employees) over the weighted number of employees.
Source: ILOSTAT, "Industrial relations data" (see ``shared/domain-facts.md``).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

EMPLOYEE = "employee"


def _require(frame: pd.DataFrame, columns: Sequence[str]) -> None:
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise KeyError(
            f"column(s) {missing} missing from the data; "
            f"it has: {', '.join(map(str, frame.columns))}"
        )


def _check_weights(weights: pd.Series, column: str) -> None:
    if not pd.api.types.is_numeric_dtype(weights):
        raise TypeError(f"weight column {column!r} must be numeric, got {weights.dtype}")
    if weights.isna().any():
        raise ValueError(
            f"weight column {column!r} has {int(weights.isna().sum())} missing value(s)"
        )
    if (weights <= 0).any():
        raise ValueError(
            f"weight column {column!r} has {int((weights <= 0).sum())} value(s) ≤ 0; "
            "weights must be positive"
        )


def _employee_rate(
    persons: pd.DataFrame,
    flag: str,
    count_name: str,
    by: str | Sequence[str] | None,
    weight: str | None,
    status: str,
) -> pd.DataFrame:
    groups = [by] if isinstance(by, str) else list(by or [])
    _require(persons, [*groups, flag, status] + ([weight] if weight else []))
    if not pd.api.types.is_bool_dtype(persons[flag]):
        raise TypeError(f"column {flag!r} must be true/false, got {persons[flag].dtype}")
    employees = persons[persons[status] == EMPLOYEE]
    if employees.empty:
        raise ValueError(f"no employees (rows with {status} == {EMPLOYEE!r}) in the data")
    w = employees[weight] if weight else pd.Series(1.0, index=employees.index)
    if weight:
        _check_weights(w, weight)
    work = pd.DataFrame({count_name: w * employees[flag], "employees": w, "n_employees": 1})
    for column in groups:
        work[column] = employees[column]
    if groups:
        table = work.groupby(groups, sort=True, observed=True).sum().reset_index()
    else:
        table = work.sum().to_frame().T
        table["n_employees"] = table["n_employees"].astype("int64")
    table["rate"] = 100 * table[count_name] / table["employees"]
    return table[[*groups, count_name, "employees", "rate", "n_employees"]]


def union_density(
    persons: pd.DataFrame,
    by: str | Sequence[str] | None = None,
    weight: str | None = "weight",
    member: str = "union_member",
    status: str = "status",
) -> pd.DataFrame:
    """Return the trade union density rate (%) from person records, optionally by group.

    Columns returned: the ``by`` columns, ``members`` (weighted union members who are
    employees), ``employees`` (weighted employees), ``rate`` (= members ÷ employees × 100)
    and ``n_employees`` (unweighted employees in the sample). ``weight=None`` gives the
    unweighted sample rate, which is *not* a population estimate.
    """
    return _employee_rate(persons, member, "members", by, weight, status)


def bargaining_coverage(
    persons: pd.DataFrame,
    by: str | Sequence[str] | None = None,
    weight: str | None = "weight",
    covered: str = "covered_by_agreement",
    status: str = "status",
) -> pd.DataFrame:
    """Return the collective bargaining coverage rate (%) from person records.

    Columns as :func:`union_density`, with ``covered`` (weighted employees covered by at
    least one collective agreement) in place of ``members``.
    """
    return _employee_rate(persons, covered, "covered", by, weight, status)


def strike_summary(strikes: pd.DataFrame, by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Return the 15th ICLS (1993) strike units, optionally by group.

    Columns: ``actions`` (number of strikes), ``workers_involved``, ``days_not_worked`` and
    ``share_not_led_by_union`` (%, unofficial actions).
    """
    groups = [by] if isinstance(by, str) else list(by or [])
    _require(strikes, [*groups, "workers_involved", "days_not_worked", "led_by_union"])
    work = pd.DataFrame(
        {
            "actions": 1,
            "workers_involved": strikes["workers_involved"],
            "days_not_worked": strikes["days_not_worked"],
            "not_led": ~strikes["led_by_union"].astype(bool),
        }
    )
    for column in groups:
        work[column] = strikes[column]
    table = (
        work.groupby(groups, sort=True, observed=True).sum().reset_index()
        if groups
        else work.sum().to_frame().T
    )
    table["share_not_led_by_union"] = 100 * table["not_led"] / table["actions"]
    return table.drop(columns="not_led")
