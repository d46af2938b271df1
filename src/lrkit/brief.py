"""Evidence for policy briefs and tripartite dialogue, with its uncertainty in plain words.

Two questions come back in every brief written from the annual IR report:

* **Did it change?** A rate estimated from a survey in two years changes by
  ``after - before`` percentage points; the two rounds are separate samples, so the
  standard error of the change is ``√(se_before² + se_after²)`` and its 95% margin of error
  is 1.96 times that. When the change is larger than its margin, say in which direction it
  went; when it is not, say that the survey cannot tell (:func:`change_between`,
  :func:`describe_change`). Real labour force surveys keep part of their sample from one
  round to the next; the covariance this creates usually makes the true margin smaller,
  so ignoring it errs on the side of caution.
* **Who is affected by a new minimum wage?** The share of wage workers whose current wage
  is below the regional minimum that comes into force next, and the share just above it
  (less than 10% above), by region, with design-based precision
  (:func:`minimum_wage_exposure`), from the real schedule of
  :mod:`lrkit.reference.minimum_wage` (the next rise after 2025 is Decree 293/2025/ND-CP,
  1 January 2026). "If wages stayed at their survey level" is the assumption: wages rise
  between the survey and the new decree, so the shares are an upper bound of the workers
  whose pay must rise.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lrkit.labels import format_date, t
from lrkit.reference.minimum_wage import REGIONS, monthly_minimum_for, schedule
from lrkit.survey import SurveyDesign

#: z value of a 95% margin of error.
Z_95 = 1.959963984540054
#: The verdicts of :func:`change_between`.
UP, DOWN, NO_CLEAR_CHANGE = "up", "down", "no clear change"
VERDICTS: tuple[str, ...] = (UP, DOWN, NO_CLEAR_CHANGE)
#: "Near" the minimum: at or above it but less than this share above it.
NEAR_MARGIN = 0.10
#: Design strata of the kit's pooled quarterly worker records.
STRATA: tuple[str, ...] = ("year", "quarter", "stratum")


# ------------------------------------------------------------------------------ change
@dataclass(frozen=True)
class Change:
    """A change between two independent survey estimates (percentages)."""

    before: float
    after: float
    se_before: float
    se_after: float

    @property
    def change(self) -> float:
        """``after - before``, in percentage points."""
        return self.after - self.before

    @property
    def margin(self) -> float:
        """The 95% margin of error of the change: 1.96 × √(se_before² + se_after²)."""
        return Z_95 * math.hypot(self.se_before, self.se_after)

    @property
    def verdict(self) -> str:
        """``"up"`` or ``"down"`` when the change exceeds its margin, else no clear change."""
        if abs(self.change) <= self.margin:
            return NO_CLEAR_CHANGE
        return UP if self.change > 0 else DOWN


def change_between(estimates: pd.DataFrame, previous: int, year: int) -> Change:
    """Return the :class:`Change` of a rate from ``previous`` to ``year``.

    ``estimates`` has one row per year with columns ``year``, ``rate`` and ``se`` (as
    :func:`lrkit.ir_indicators.union_density_estimates` returns with ``by="year"``).
    """
    missing = [c for c in ("year", "rate", "se") if c not in estimates.columns]
    if missing:
        raise KeyError(f"column(s) {missing} missing from estimates; it needs year, rate, se")
    rows = {}
    for when in (previous, year):
        found = estimates[estimates["year"] == when]
        if len(found) != 1:
            years = ", ".join(map(str, sorted(estimates["year"].unique())))
            raise ValueError(f"estimates need exactly one row for year {when}; it has: {years}")
        rows[when] = found.iloc[0]
    return Change(
        before=float(rows[previous]["rate"]),
        after=float(rows[year]["rate"]),
        se_before=float(rows[previous]["se"]),
        se_after=float(rows[year]["se"]),
    )


def describe_change(change: Change, place: str, previous: int, year: int, lang: str) -> str:
    """Return one sentence, in ``lang``, saying what the change of union density means.

    The sentence prints both rates to one decimal, and the change it states is the
    difference of those printed values, so the reader's own subtraction agrees with it
    (57.0 and 55.8 give 1.2, even where the unrounded difference is 1.25).
    """
    key = {UP: "brief.change.up", DOWN: "brief.change.down"}.get(
        change.verdict, "brief.change.none"
    )
    return t(
        key,
        lang,
        place=place,
        before=change.before,
        after=change.after,
        previous=previous,
        year=year,
        change=abs(round(change.after, 1) - round(change.before, 1)),
        moe=change.margin,
    )


# ------------------------------------------------------------------------------ minimum wage
def next_minimum_date(year: int) -> pd.Timestamp:
    """Return the date of the first regional minimum wage rise after the end of ``year``.

    For the 2025 survey this is 1 January 2026 (Decree 293/2025/ND-CP). Raises
    ``ValueError`` when the schedule has no later rise.
    """
    dates = sorted(set(schedule()["effective_from"]))
    later = [d for d in dates if d > pd.Timestamp(f"{int(year)}-12-31")]
    if not later:
        last = dates[-1].date()
        raise ValueError(f"the schedule has no rise after {year} (its last decree: {last})")
    return pd.Timestamp(later[0])


def minimum_after(year: int) -> pd.Series:
    """Return the monthly minimum (VND) of each region from :func:`next_minimum_date`."""
    when = next_minimum_date(year)
    table = schedule()
    rows = table[table["effective_from"] == when].set_index("region")["monthly_vnd"]
    return rows.reindex(list(REGIONS)).astype("int64").rename("monthly_vnd")


def minimum_wage_exposure(
    persons: pd.DataFrame,
    on: str | pd.Timestamp,
    *,
    by: str | Sequence[str] | None = None,
    near: float = NEAR_MARGIN,
    strata: Sequence[str] = STRATA,
    psu: str = "psu",
    weight: str = "weight",
    wage: str = "monthly_wage_vnd",
    region: str = "min_wage_region",
    status: str = "status",
) -> pd.DataFrame:
    """Return the shares (%) of wage workers below and just above the minimum in force on ``on``.

    A wage worker is an employee with a monthly wage. ``below``: wage < the monthly minimum
    of their region in force on ``on``; ``near``: at or above it but below (1 + ``near``) ×
    that minimum. Each share is a domain estimate of the whole design (strata ``strata``,
    PSUs ``psu``), with its standard error, logit 95% interval, CV and reliability flag.
    Columns: ``by``, ``measure`` ("below" or "near"), ``rate``, ``se``, ``ci_lower``,
    ``ci_upper`` (%), ``cv_pct``, ``n`` (sample wage workers), ``flag``, ``flag_reason``.
    """
    if not 0 < near < 1:
        raise ValueError(f"near={near} must be a share between 0 and 1 (0.10 is 10%)")
    groups = [by] if isinstance(by, str) else list(by or [])
    needed = [weight, wage, region, status, psu, *strata, *groups]
    missing = [c for c in needed if c not in persons.columns]
    if missing:
        raise KeyError(f"column(s) {missing} missing from the data")
    wages = pd.to_numeric(persons[wage]).astype("float64")
    workers = ((persons[status] == "employee").fillna(False) & wages.notna()).to_numpy(bool)
    if not workers.any():
        raise ValueError("no employees with a wage in the data")
    if persons.loc[workers, region].isna().any():
        raise ValueError(f"every wage worker needs a {region!r}")
    when = pd.Series(pd.Timestamp(on), index=persons.index)
    minimum = pd.Series(np.nan, index=persons.index)
    minimum[workers] = monthly_minimum_for(persons.loc[workers, region], when[workers]).astype(
        "float64"
    )
    below = (workers & (wages < minimum).fillna(False)).to_numpy(bool)
    just_above = (wages >= minimum) & (wages < (1 + near) * minimum)
    near_flag = (workers & just_above.fillna(False)).to_numpy(bool)
    frame = persons.assign(below=below, near=near_flag)
    for column in groups:
        if frame.loc[workers, column].isna().any():
            raise ValueError(f"by column {column!r} has missing values among wage workers")
        frame[column] = frame[column].astype("object").where(workers, "")
    design = SurveyDesign(frame, weight=weight, strata=list(strata), psu=psu)
    table = design.proportion(["below", "near"], by=groups or None, where=workers)
    table = table[table["n"] > 0].rename(columns={"variable": "measure", "estimate": "rate"})
    for column in ("rate", "se", "ci_lower", "ci_upper"):
        table[column] = 100 * table[column]
    columns = [*groups, "measure", "rate", "se", "ci_lower", "ci_upper", "cv_pct", "n"]
    return table[[*columns, "flag", "flag_reason"]].reset_index(drop=True)


def describe_minimum(
    below: float, near: float, place: str, year: int, on: str | pd.Timestamp, lang: str
) -> str:
    """Return one sentence, in ``lang``, on the wage workers below and near a new minimum."""
    return t(
        "brief.minimum",
        lang,
        year=year,
        below=below,
        place=place,
        date=format_date(on, lang),
        near=near,
        margin=100 * NEAR_MARGIN,
    )
