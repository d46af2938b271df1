"""Checks for the exercises of Module 6, "Disseminating and using IR data".

Like :mod:`lrkit.check`, every check computes the expected answer from the data and the
notebook's parameters at run time, never shows it, and names the usual mistake when an
answer is wrong. The three exercises:

* **6.1 safe tables**: a table of labour disputes by issue and settlement body, the
  threshold rule, recovering a cell that primary suppression alone leaves exposed, and the
  protected table (:func:`check_dispute_table`, :func:`check_sensitive_cells`,
  :func:`check_recovered`, :func:`check_safe_table`);
* **6.2 uncertainty in plain words**: union density in two years with design-based
  standard errors, the change and its margin of error, and the verdict
  (:func:`check_density_by_year`, :func:`check_change`, :func:`check_verdict`);
* **6.3 evidence for a tripartite dialogue on the minimum wage**: the new regional
  minimums, the shares of wage workers below and just above them, and which regional
  estimates may be published (:func:`check_new_minimum`, :func:`check_share_below_new`,
  :func:`check_share_near`, :func:`check_publishable`).

Two helpers let the learner notebooks run from top to bottom before any answer is given:
:func:`hide_sensitive` and :func:`recoverable_cell` return ``None`` for a placeholder.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pandas as pd

from lrkit.brief import (
    NEAR_MARGIN,
    STRATA,
    VERDICTS,
    change_between,
    minimum_after,
    minimum_wage_exposure,
    next_minimum_date,
)
from lrkit.check import (
    CORRECT,
    NOT_YET,
    Feedback,
    check_number,
    is_placeholder,
    not_attempted,
)
from lrkit.disclosure import MIN_COUNT, TOTAL, add_margins, frequency_rule, protect_frequency_table
from lrkit.survey import CAUTION, PUBLISH, SUPPRESS
from lrkit.synth.params import YEARS


# ------------------------------------------------------------------------------ 6.1 tables
def dispute_table(disputes: pd.DataFrame, province: str, year: int) -> pd.DataFrame:
    """Return disputes filed in ``province`` and ``year`` by issue × channel, with margins."""
    here = disputes[(disputes["province"] == province) & (disputes["year"] == year)]
    if here.empty:
        raise ValueError(f"no disputes for province {province!r} in year {year}")
    counts = pd.crosstab(here["issue"], here["channel"])
    counts.index.name, counts.columns.name = None, None
    return add_margins(counts.astype("int64"))


def _as_count_table(answer: object, expected: pd.DataFrame) -> pd.DataFrame | str:
    """Return ``answer`` aligned on ``expected`` (numbers), or what is wrong with it."""
    if not isinstance(answer, pd.DataFrame):
        return f"the answer should be a pandas DataFrame, got {type(answer).__name__}"
    table = answer.copy()
    table.index = table.index.map(str)
    table.columns = table.columns.map(str)
    rows, columns = set(expected.index), set(expected.columns)
    if set(table.index) == columns and set(table.columns) == rows:
        return "rows and columns are swapped: put the issues in rows and the channels in columns"
    if TOTAL not in table.index or TOTAL not in table.columns:
        inner_rows, inner_columns = rows - {TOTAL}, columns - {TOTAL}
        if set(table.index) == inner_rows and set(table.columns) == inner_columns:
            return "the totals are missing: add them with lrkit.disclosure.add_margins"
        return f"the table needs a row and a column named {TOTAL!r} (lrkit.disclosure.add_margins)"
    if set(table.index) != rows or set(table.columns) != columns:
        return (
            "the rows should be the issues and the columns the settlement channels of the "
            "disputes of your province and year"
        )
    return table.loc[expected.index, expected.columns]


def check_dispute_table(
    answer: object, disputes: pd.DataFrame, province: str, year: int
) -> Feedback:
    """Check the table of disputes by issue (rows) × channel (columns) with its totals."""
    if is_placeholder(answer):
        return not_attempted()
    expected = dispute_table(disputes, province, year)
    table = _as_count_table(answer, expected)
    if isinstance(table, str):
        return Feedback(NOT_YET, f"Not yet: {table}.")
    values = table.apply(pd.to_numeric, errors="coerce")
    if values.isna().any().any():
        return Feedback(NOT_YET, "Not yet: every cell should be a number (a count of disputes).")
    if np.array_equal(values.to_numpy(dtype=float), expected.to_numpy(dtype=float)):
        return Feedback(CORRECT, "Correct! ✔")
    here = disputes[(disputes["province"] == province) & (disputes["year"] == year)]
    grand = float(values.loc[TOTAL, TOTAL])
    if math.isclose(grand, float(here["workers_involved"].sum())):
        return Feedback(
            NOT_YET, "Not yet: count the disputes (rows), not the workers involved in them."
        )
    if math.isclose(grand, float((disputes["year"] == year).sum())):
        return Feedback(NOT_YET, "Not yet: keep only the disputes of your province.")
    if math.isclose(grand, float((disputes["province"] == province).sum())):
        return Feedback(NOT_YET, "Not yet: keep only the disputes filed in the notebook's year.")
    return Feedback(NOT_YET, "Not yet: some counts differ; count the disputes of `here`.")


def check_sensitive_cells(
    answer: object, disputes: pd.DataFrame, province: str, year: int
) -> Feedback:
    """Check the number of cells (totals included) that break the threshold rule."""
    table = dispute_table(disputes, province, year)
    expected = float(frequency_rule(table, MIN_COUNT).to_numpy().sum())
    inner = table.iloc[:-1, :-1]
    mistakes: dict[str, Callable[[], list[float]]] = {
        f"a cell with 0 disputes reveals no one: only counts from 1 to {MIN_COUNT - 1} are "
        "sensitive.": lambda: [float((table < MIN_COUNT).to_numpy().sum())],
        f"the rule hides counts *below* {MIN_COUNT}: a cell of exactly {MIN_COUNT} is "
        "published.": lambda: [float(((table > 0) & (table <= MIN_COUNT)).to_numpy().sum())],
        "count the totals too: a small row or column total is as sensitive as a cell.": lambda: [
            float(((inner > 0) & (inner < MIN_COUNT)).to_numpy().sum())
        ],
    }
    return _whole_number(answer, expected, mistakes)


def _whole_number(
    answer: object, expected: float, mistakes: dict[str, Callable[[], list[float]]]
) -> Feedback:
    if is_placeholder(answer):
        return not_attempted()
    if isinstance(answer, bool) or not isinstance(answer, int | float | np.integer | np.floating):
        return Feedback(NOT_YET, f"Not yet: the answer should be a whole number, got {answer!r}.")
    if float(answer) == expected:
        return Feedback(CORRECT, "Correct! ✔")
    for hint, compute in mistakes.items():
        if any(float(answer) == value for value in compute()):
            return Feedback(NOT_YET, f"Not yet: {hint}")
    return Feedback(NOT_YET, "Not yet: check each cell and total against the rule.")


def hide_sensitive(table: object, min_count: int = MIN_COUNT) -> pd.DataFrame | None:
    """Return ``table`` with only its sensitive cells hidden (primary suppression), or None.

    This is how *not* to publish a table: see :func:`recoverable_cell`. Returns ``None``
    for a placeholder (``...``), so a learner's notebook runs on before it is answered.
    """
    if not isinstance(table, pd.DataFrame):
        return None
    values = table.apply(pd.to_numeric, errors="coerce")
    return values.mask(frequency_rule(values.fillna(0), min_count))


def recoverable_cell(published: object) -> tuple[str, str] | None:
    """Return (row, column) of a hidden inner cell that the published totals give away.

    A hidden cell is given away when it is the only hidden cell of its row (or column) and
    the row's (column's) total is published: it equals the total minus the other cells.
    Returns the first such cell, rows first, or ``None`` (also for a placeholder).
    """
    if not isinstance(published, pd.DataFrame) or published.empty:
        return None
    hidden = published.isna()
    inner = hidden.iloc[:-1, :-1]
    for row in inner.index:
        cells = inner.loc[row]
        if cells.sum() == 1 and not hidden.loc[row, published.columns[-1]]:
            return str(row), str(cells[cells].index[0])
    for column in inner.columns:
        cells = inner[column]
        if cells.sum() == 1 and not hidden.loc[published.index[-1], column]:
            return str(cells[cells].index[0]), str(column)
    return None


def check_recovered(answer: object, disputes: pd.DataFrame, province: str, year: int) -> Feedback:
    """Check the value of the hidden cell recovered from the totals (question 3 of 6.1)."""
    if is_placeholder(answer):
        return not_attempted()
    table = dispute_table(disputes, province, year)
    target = recoverable_cell(hide_sensitive(table))
    if target is None:
        return Feedback(
            CORRECT,
            "Nothing to recover in this variant: no hidden cell is alone in its row or column.",
        )
    row, column = target
    expected = float(table.loc[row, column])
    line = table.loc[row]
    mistakes: dict[str, Callable[[], list[float]]] = {
        "subtract the other cells of the row from the row total, not from the grand total.": (
            lambda: [float(table.loc[TOTAL, TOTAL] - line.drop([column, TOTAL]).sum())]
        ),
        "take the row total minus the *other* cells of the row (not all of them).": lambda: [
            float(line[TOTAL] - line.drop(TOTAL).sum()),
            float(line.drop(TOTAL).sum()),
        ],
    }
    feedback = _whole_number(answer, expected, mistakes)
    if feedback:
        return Feedback(
            CORRECT,
            "Correct! ✔ Hiding the small cells alone does not protect them: the totals give "
            "them away. That is why complementary (secondary) suppression is needed.",
        )
    return feedback


def check_safe_table(answer: object, disputes: pd.DataFrame, province: str, year: int) -> Feedback:
    """Check the published table: the kit's primary and complementary suppression applied.

    Hidden cells may be shown as ``"x"`` (any text) or left empty (NaN). Right when exactly
    the cells that :func:`lrkit.disclosure.protect_frequency_table` hides are hidden, and
    every other cell shows its count.
    """
    if is_placeholder(answer):
        return not_attempted()
    table = dispute_table(disputes, province, year)
    protected = protect_frequency_table(table.iloc[:-1, :-1])
    given = _as_count_table(answer, table)
    if isinstance(given, str):
        return Feedback(NOT_YET, f"Not yet: {given}.")
    numbers = given.apply(pd.to_numeric, errors="coerce")
    hidden = numbers.isna()
    expected_hidden = protected.hidden.loc[table.index, table.columns]
    shown = ~hidden
    wrong_values = shown & (numbers != table)
    if wrong_values.any().any():
        return Feedback(
            NOT_YET,
            f"Not yet: {int(wrong_values.to_numpy().sum())} published cell(s) do not show the "
            "count of the table; change nothing but the hidden cells.",
        )
    small = shown & (table > 0) & (table < MIN_COUNT)
    if small.any().any():
        return Feedback(
            NOT_YET,
            f"Not yet: {int(small.to_numpy().sum())} published cell(s) count fewer than "
            f"{MIN_COUNT} disputes; hide them.",
        )
    if hidden.equals(expected_hidden):
        return Feedback(
            CORRECT,
            f"Correct! ✔ {int(expected_hidden.to_numpy().sum())} cells are hidden, and none "
            "of them can be worked out from the published ones.",
        )
    if recoverable_cell(numbers) is not None:
        return Feedback(
            NOT_YET,
            "Not yet: a hidden cell is alone in its row or column, so the total gives it away "
            "(as in question 3); hide complementary cells too "
            "(lrkit.disclosure.protect_frequency_table does it).",
        )
    extra = int((hidden & ~expected_hidden).to_numpy().sum())
    missing = int((~hidden & expected_hidden).to_numpy().sum())
    return Feedback(
        NOT_YET,
        f"Not yet: compared with the kit's rule, {extra} cell(s) are hidden that could be "
        f"published and {missing} that should be hidden are shown; use "
        "lrkit.disclosure.protect_frequency_table on the table without its totals.",
    )


# ------------------------------------------------------------------------------ 6.2 change
def check_change_years(year: object) -> int:
    """Return ``year`` if it has a previous survey year; raise ``ValueError`` listing them."""
    valid = [y for y in YEARS if y - 1 in YEARS]
    if year not in valid:
        listed = ", ".join(map(str, valid))
        raise ValueError(f"year {year!r} has no previous survey year; valid values: {listed}")
    return int(year)  # type: ignore[call-overload]


def _density_by_year(
    workers: pd.DataFrame, province: str, year: int, unweighted: bool = False, **design: object
) -> pd.DataFrame:
    from lrkit.ir_indicators import union_density_estimates

    here = workers[(workers["province"] == province) & workers["year"].isin([year - 1, year])]
    if here.empty:
        raise ValueError(f"no records for province {province!r} in {year - 1} and {year}")
    options: dict[str, object] = {"strata": list(STRATA), **design}
    if unweighted:
        here = here.assign(_one=1.0)
        options["weight"] = "_one"
    return union_density_estimates(here, by="year", **options)  # type: ignore[arg-type]


def _estimates_answer(answer: object) -> pd.DataFrame | str:
    if not isinstance(answer, pd.DataFrame):
        return f"the answer should be a table (DataFrame), got {type(answer).__name__}"
    missing = [c for c in ("year", "rate", "se") if c not in answer.columns]
    if missing:
        return f"the table needs the columns year, rate and se; {missing} are missing"
    return answer


def check_density_by_year(
    answer: object, workers: pd.DataFrame, province: str, year: int
) -> Feedback:
    """Check union density (rate and SE) for ``year - 1`` and ``year``, with the design."""
    if is_placeholder(answer):
        return not_attempted()
    table = _estimates_answer(answer)
    if isinstance(table, str):
        return Feedback(NOT_YET, f"Not yet: {table}.")
    expected = _density_by_year(workers, province, year)
    years = set(pd.to_numeric(table["year"], errors="coerce").dropna().astype(int))
    if not {year - 1, year} <= years:
        return Feedback(
            NOT_YET, f"Not yet: the table needs a row for {year - 1} and one for {year}."
        )

    def pick(frame: pd.DataFrame, column: str) -> np.ndarray:
        rows = frame.set_index(frame["year"].astype(int)).loc[[year - 1, year], column]
        return pd.to_numeric(rows).to_numpy(dtype=float)

    close = np.allclose
    rates_ok = close(pick(table, "rate"), pick(expected, "rate"), atol=0.05)
    se_ok = close(pick(table, "se"), pick(expected, "se"), atol=0.01)
    if rates_ok and se_ok:
        return Feedback(CORRECT, "Correct! ✔")
    if not rates_ok:
        unweighted = _density_by_year(workers, province, year, unweighted=True)
        if close(pick(table, "rate"), pick(unweighted, "rate"), atol=0.05):
            return Feedback(
                NOT_YET, "Not yet: the survey weights seem to be ignored (weight='weight')."
            )
        if close(pick(table, "rate"), 100 * pick(expected, "rate"), atol=5) or close(
            100 * pick(table, "rate"), pick(expected, "rate"), atol=0.05
        ):
            return Feedback(NOT_YET, "Not yet: rates should be percentages (0-100).")
        return Feedback(
            NOT_YET,
            "Not yet: the rates differ; use union_density_estimates on the records of your "
            "province for the two years, by='year'.",
        )
    for hint, design in (
        (
            "the standard errors are not those of the design: the records pool four quarterly "
            "rounds a year, so pass strata=['year', 'quarter', 'stratum'] (and psu='psu').",
            {"strata": "stratum"},
        ),
        ("the design has no PSUs: pass psu='psu' (the enumeration areas).", {"psu": None}),
    ):
        other = pick(_density_by_year(workers, province, year, **design), "se")
        if close(pick(table, "se"), other, atol=0.01):
            return Feedback(NOT_YET, f"Not yet: {hint}")
    return Feedback(
        NOT_YET,
        "Not yet: the rates are right but the standard errors are not; pass "
        "strata=['year', 'quarter', 'stratum'] and psu='psu'.",
    )


def _expected_change(workers: pd.DataFrame, province: str, year: int):
    return change_between(_density_by_year(workers, province, year), year - 1, year)


def check_change(
    change: object, margin: object, workers: pd.DataFrame, province: str, year: int
) -> Feedback:
    """Check the change (``year`` minus ``year - 1``, points) and its 95% margin of error."""
    if is_placeholder(change) or is_placeholder(margin):
        return not_attempted()
    truth = _expected_change(workers, province, year)
    first = check_number(
        change,
        truth.change,
        {
            "subtract the earlier year from the later one: change = rate(year) − rate(year − 1)"
            ".": lambda: [-truth.change],
            "do not round the rates before subtracting them.": lambda: [
                round(truth.after, 1) - round(truth.before, 1)
            ],
        },
    )
    if not first:
        return Feedback(first.status, first.message.replace("Not yet:", "Not yet (change):"))
    se_sum = truth.se_before + truth.se_after
    root = math.hypot(truth.se_before, truth.se_after)
    second = check_number(
        margin,
        truth.margin,
        {
            "the two years are independent samples: add the *variances*, "
            "√(se₁² + se₂²), not the standard errors.": lambda: [1.96 * se_sum, se_sum],
            "that is the standard error of the change; the 95% margin is 1.96 times it.": (
                lambda: [root]
            ),
            "the margin of the change combines both years' standard errors, not one.": (
                lambda: [1.96 * truth.se_before, 1.96 * truth.se_after]
            ),
        },
    )
    if not second:
        return Feedback(second.status, second.message.replace("Not yet:", "Not yet (margin):"))
    return Feedback(CORRECT, "Correct! ✔")


def check_verdict(answer: object, workers: pd.DataFrame, province: str, year: int) -> Feedback:
    """Check the verdict on the change: "up", "down" or "no clear change"."""
    if is_placeholder(answer):
        return not_attempted()
    if not isinstance(answer, str) or answer.strip().lower() not in VERDICTS:
        return Feedback(NOT_YET, f"Not yet: answer one of {', '.join(repr(v) for v in VERDICTS)}.")
    truth = _expected_change(workers, province, year)
    if answer.strip().lower() == truth.verdict:
        return Feedback(CORRECT, "Correct! ✔")
    if truth.verdict == "no clear change":
        return Feedback(
            NOT_YET,
            "Not yet: the change is not larger than its margin of error, so the survey cannot "
            "tell its direction.",
        )
    return Feedback(
        NOT_YET,
        "Not yet: compare the size of the change with its margin of error, then look at its sign.",
    )


# ------------------------------------------------------------------------------ 6.3 minimum
def _new_minimum_answer(answer: object) -> pd.Series | str:
    if isinstance(answer, dict):
        answer = pd.Series(answer)
    if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
        answer = answer.iloc[:, 0]
    if not isinstance(answer, pd.Series):
        return f"the answer should be a Series indexed by region, got {type(answer).__name__}"
    values = pd.to_numeric(answer, errors="coerce")
    values.index = values.index.map(str)
    return values


def check_new_minimum(answer: object, year: int) -> Feedback:
    """Check the monthly minimum of each region from the first rise after ``year``."""
    if is_placeholder(answer):
        return not_attempted()
    given = _new_minimum_answer(answer)
    if isinstance(given, str):
        return Feedback(NOT_YET, f"Not yet: {given}.")
    expected = minimum_after(year)
    if set(given.index) != set(expected.index):
        return Feedback(NOT_YET, "Not yet: give one amount for each region: I, II, III and IV.")
    given = given.reindex(expected.index)
    if (given == expected).all():
        return Feedback(CORRECT, "Correct! ✔")
    from lrkit.reference.minimum_wage import schedule

    table = schedule()
    in_force = table[table["effective_from"] < next_minimum_date(year)]
    old = in_force.sort_values("effective_from").groupby("region").last()
    if (given == old["monthly_vnd"].reindex(expected.index)).all():
        return Feedback(
            NOT_YET,
            "Not yet: these are the amounts in force during the survey year; take those of "
            "the next decree (effective_from = new_date).",
        )
    hourly = table[table["effective_from"] == next_minimum_date(year)].set_index("region")
    if (given == hourly["hourly_vnd"].reindex(expected.index).astype(float)).all():
        return Feedback(NOT_YET, "Not yet: these are the hourly minimums; take the monthly ones.")
    return Feedback(NOT_YET, "Not yet: read the monthly_vnd of the decree that starts on new_date.")


def _wage_workers(workers: pd.DataFrame, province: str, year: int) -> pd.DataFrame:
    here = workers[(workers["province"] == province) & (workers["year"] == year)]
    if here.empty:
        raise ValueError(f"no records for province {province!r} in year {year}")
    return here


def _exposure(here: pd.DataFrame, on: pd.Timestamp, by: str | None = None) -> pd.DataFrame:
    return minimum_wage_exposure(here, on, by=by)


def _share(table: pd.DataFrame, measure: str) -> float:
    return float(table.loc[table["measure"] == measure, "rate"].iloc[0])


def _unweighted_shares(here: pd.DataFrame, on: pd.Timestamp) -> tuple[float, float]:
    from lrkit.reference.minimum_wage import monthly_minimum_for

    workers = here[(here["status"] == "employee") & here["monthly_wage_vnd"].notna()]
    minimum = monthly_minimum_for(
        workers["min_wage_region"], pd.Series(on, index=workers.index)
    ).astype(float)
    wage = workers["monthly_wage_vnd"].astype(float)
    below = 100 * float((wage < minimum).mean())
    near = 100 * float(((wage >= minimum) & (wage < (1 + NEAR_MARGIN) * minimum)).mean())
    return below, near


def _all_employed_share(here: pd.DataFrame, on: pd.Timestamp, measure: str) -> float:
    from lrkit.reference.minimum_wage import monthly_minimum_for

    employed = here[here["labour_force_status"] == "employed"]
    workers = employed[(employed["status"] == "employee") & employed["monthly_wage_vnd"].notna()]
    minimum = monthly_minimum_for(
        workers["min_wage_region"], pd.Series(on, index=workers.index)
    ).astype(float)
    wage = workers["monthly_wage_vnd"].astype(float)
    flag = (
        wage < minimum
        if measure == "below"
        else (wage >= minimum) & (wage < (1 + NEAR_MARGIN) * minimum)
    )
    return 100 * float(workers.loc[flag, "weight"].sum() / employed["weight"].sum())


def _below_column(here: pd.DataFrame, column: str) -> float:
    """Weighted share (%) of wage workers whose wage is below ``column`` (a minimum)."""
    workers = here[(here["status"] == "employee") & here["monthly_wage_vnd"].notna()]
    below = workers["monthly_wage_vnd"].astype(float) < workers[column].astype(float)
    return 100 * float(workers.loc[below, "weight"].sum() / workers["weight"].sum())


def check_share_below_new(
    answer: object, workers: pd.DataFrame, province: str, year: int
) -> Feedback:
    """Check the share (%) of wage workers paid below the next regional minimum wage."""
    here = _wage_workers(workers, province, year)
    on = next_minimum_date(year)
    expected = _share(_exposure(here, on), "below")
    year_end = pd.Timestamp(f"{year}-12-31")
    mistakes: dict[str, Callable[[], list[float]]] = {
        "this is the share below the minimum in force in the survey year; compare with the "
        "new minimum (on=new_date).": lambda: [
            _share(_exposure(here, year_end), "below"),
            _below_column(here, "min_wage_vnd"),
        ],
        "the survey weights seem to be ignored; each person stands for `weight` people.": (
            lambda: [_unweighted_shares(here, on)[0]]
        ),
        "the denominator should be wage workers (employees with a wage), not everyone "
        "employed.": lambda: [_all_employed_share(here, on, "below")],
    }
    return check_number(answer, expected, mistakes)


def check_share_near(answer: object, workers: pd.DataFrame, province: str, year: int) -> Feedback:
    """Check the share (%) of wage workers at or above the new minimum but < 110% of it."""
    here = _wage_workers(workers, province, year)
    on = next_minimum_date(year)
    table = _exposure(here, on)
    expected = _share(table, "near")
    mistakes: dict[str, Callable[[], list[float]]] = {
        "count only the wage workers *at or above* the new minimum (those below it are in "
        "the first share).": lambda: [expected + _share(table, "below")],
        "the survey weights seem to be ignored; each person stands for `weight` people.": (
            lambda: [_unweighted_shares(here, on)[1]]
        ),
        "the denominator should be wage workers (employees with a wage), not everyone "
        "employed.": lambda: [_all_employed_share(here, on, "near")],
    }
    return check_number(answer, expected, mistakes)


def publishable_regions(workers: pd.DataFrame, province: str, year: int) -> list[str]:
    """Return the regions whose share below the new minimum may be published (flag)."""
    here = _wage_workers(workers, province, year)
    table = _exposure(here, next_minimum_date(year), by="min_wage_region")
    below = table[table["measure"] == "below"]
    return sorted(below.loc[below["flag"].isin([PUBLISH, CAUTION]), "min_wage_region"])


def check_publishable(answer: object, workers: pd.DataFrame, province: str, year: int) -> Feedback:
    """Check the list of regions whose estimate of the share below may be published."""
    if is_placeholder(answer):
        return not_attempted()
    if isinstance(answer, str) or not hasattr(answer, "__iter__"):
        return Feedback(NOT_YET, "Not yet: give a list of regions, e.g. ['I', 'III'].")
    given = sorted({str(region).strip() for region in answer})  # type: ignore[union-attr]
    expected = publishable_regions(workers, province, year)
    if given == expected:
        return Feedback(CORRECT, "Correct! ✔")
    here = _wage_workers(workers, province, year)
    table = _exposure(here, next_minimum_date(year), by="min_wage_region")
    below = table[table["measure"] == "below"].set_index("min_wage_region")["flag"]
    if any(below.get(region) == SUPPRESS for region in given):
        return Feedback(
            NOT_YET, "Not yet: a region in your list has an estimate flagged 'suppress'."
        )
    if set(given) < set(expected):
        return Feedback(
            NOT_YET,
            "Not yet: an estimate flagged 'use with caution' can be published, with the "
            "warning; add such regions.",
        )
    return Feedback(NOT_YET, "Not yet: read the flag of the 'below' estimate of each region.")
