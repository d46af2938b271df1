"""Analysing IR data: comparisons, series, models and the classic mistakes (Module 4).

The indicators themselves come from :mod:`lrkit.ir_indicators` and :mod:`lrkit.survey`; this
module builds the analyses on top of them that the book's Module 4 teaches:

* **comparisons with design-based precision**: :func:`rate_differences` tests every pair of
  domains (ownership types, sectors, provinces) with the covariance that domains sharing the
  same PSUs have, and adjusts the p-values for multiple comparisons;
* **series across the 2025 merger**: :func:`unit_year_table` gives a table by the 63 former
  units as a statistics office published it; :func:`series_across_merger` re-aggregates it to
  the 34 current units with :func:`lrkit.ir_indicators.reaggregate_to_2025` and checks the
  result against the microdata; :func:`naive_series` shows the break a spliced series has;
* **the union wage premium**: :func:`wage_data`, :func:`fit_wage_model` (OLS with PSU-clustered
  standard errors, weighted least squares or median regression, all with statsmodels),
  :func:`premium_table` and :func:`floor_attenuation`, the exact bias that a wage floor
  causes in OLS in a simple model;
* **what drives strikes**: :func:`strike_panel` (enterprise-years with their exposure),
  :func:`fit_strike_model` (Poisson, negative binomial, logit) and :func:`rate_ratio_table`,
  which sets each estimated rate ratio beside the generator's TRUE multiplier;
* **the classic mistakes**: :func:`weighting_effect` (weights ignored),
  :func:`area_strike_table` (ecological inference) and :func:`compare_registers` (counts from
  registers with different definitions);
* **charts**: :func:`ci_plot`, point estimates with their confidence intervals, sorted, with
  flagged estimates marked.

The kit's worker records pool quarterly survey rounds, so the design's strata here are
:data:`WORKER_STRATA` (round × stratum) by default, as ``lrkit.ir_indicators`` advises.
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations
from typing import Any, Literal

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
import statsmodels.api as sm
import statsmodels.formula.api as smf
from matplotlib.axes import Axes
from matplotlib.ticker import NullFormatter
from scipy import stats
from statsmodels.stats.multitest import multipletests

from lrkit.ir_indicators import (
    bargaining_coverage_estimates,
    reaggregate_to_2025,
    strike_statistics,
    union_density_estimates,
)
from lrkit.plots import use_kit_style
from lrkit.reference.provinces import SOUTH_REGIONS, former_province_table
from lrkit.survey import SurveyDesign, t_quantile

#: Strata of the kit's pooled worker records: each quarterly round is a sample of its own.
WORKER_STRATA: tuple[str, ...] = ("year", "quarter", "stratum")
#: Label given to a missing ``by`` value (the ownership of a person who is not an employee).
NOT_APPLICABLE = "(not applicable)"
#: The survey rates this module compares: name → the true/false column counted.
RATE_INDICATORS: dict[str, str] = {
    "union_density": "union_member",
    "bargaining_coverage": "covered_by_agreement",
}
#: Multiple-comparison adjustments accepted by :func:`rate_differences` (statsmodels names).
ADJUSTMENTS: tuple[str, ...] = ("holm", "bonferroni", "fdr_bh")
#: Tick marks of a ratio axis on a log scale (:func:`ci_plot` keeps those in range).
_LOG_TICKS: tuple[float, ...] = (0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32)

#: The wage model: log monthly wage on union membership and the things that set wages and
#: go with membership (ownership, formality), plus education, sex, the minimum-wage region
#: and the survey round. Controls without which the premium is badly biased: ownership and
#: ``formal`` (members work more often in state and foreign-invested firms, in formal jobs).
WAGE_FORMULA = (
    "log_wage ~ union_member + C(employer_ownership) + C(education) + C(sex) + formal"
    " + C(min_wage_region) + C(year) + C(quarter)"
)
#: The union-member term of :data:`WAGE_FORMULA` as statsmodels names it.
MEMBER_TERM = "union_member[T.True]"

#: Sectors with a strike multiplier of their own in the generator; the others are "other".
STRIKE_SECTORS: tuple[str, ...] = ("garment", "footwear", "electronics")
#: The strike model: counts per enterprise-year on ownership, sector, size, an agreement in
#: force, a location in the South and the year (the yearly totals differ).
STRIKE_FORMULA = (
    "strikes ~ C(ownership, Treatment('domestic_private'))"
    " + C(sector_group, Treatment('other')) + log_employees + agreement + south + C(year)"
)
StrikeFamily = Literal["poisson", "negbin", "logit"]
STRIKE_FAMILIES: tuple[str, ...] = ("poisson", "negbin", "logit")


# ---------------------------------------------------------------------------- helpers
def _require(frame: pd.DataFrame, columns: Iterable[str], what: str = "the data") -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(
            f"column(s) {missing} missing from {what}; it has: {', '.join(map(str, frame.columns))}"
        )


def _indicator_column(indicator: str) -> str:
    if indicator not in RATE_INDICATORS:
        raise ValueError(f"indicator {indicator!r} is not one of: {', '.join(RATE_INDICATORS)}")
    return RATE_INDICATORS[indicator]


def label_missing(
    persons: pd.DataFrame,
    columns: Sequence[str] = ("employer_ownership", "sector"),
    label: str = NOT_APPLICABLE,
) -> pd.DataFrame:
    """Return a copy of ``persons`` with missing values of ``columns`` set to ``label``.

    The survey functions refuse a ``by`` column with missing values, and the kit's worker
    records leave ``employer_ownership`` empty for persons who are not employees (and
    ``sector`` for the unemployed). Those persons are outside every employee domain anyway;
    the label keeps them in the design, which is what correct standard errors need.
    """
    _require(persons, columns)
    out = persons.copy()
    for column in columns:
        if out[column].isna().any():
            out[column] = out[column].astype("object").where(out[column].notna(), label)
    return out


def _mask(persons: pd.DataFrame, where: str | pd.Series | np.ndarray | None) -> np.ndarray:
    if where is None:
        return np.ones(len(persons), dtype=bool)
    if isinstance(where, str):
        _require(persons, [where])
        where = persons[where]
    if isinstance(where, pd.Series):
        if not where.index.equals(persons.index):
            raise ValueError("where= must be a true/false Series with the same index as persons")
        return where.fillna(False).to_numpy(dtype=bool)
    mask = np.asarray(where)
    if mask.dtype != bool or mask.shape != (len(persons),):
        raise TypeError(f"where= must be a true/false array of length {len(persons)}")
    return mask


# ---------------------------------------------------------------------------- comparisons
def rate_differences(
    persons: pd.DataFrame,
    by: str,
    indicator: str = "union_density",
    *,
    where: str | pd.Series | np.ndarray | None = None,
    pairs: Sequence[tuple[str, str]] | None = None,
    adjust: str | None = "holm",
    alpha: float = 0.05,
    weight: str = "weight",
    strata: str | Sequence[str] | None = WORKER_STRATA,
    psu: str | Sequence[str] | None = "psu",
    status: str = "status",
) -> pd.DataFrame:
    """Return the difference (percentage points) between the rates of pairs of domains.

    For each pair (a, b) of values of ``by`` the difference ``rate_a - rate_b`` of union
    density (or bargaining coverage) among employees gets a design-based standard error:
    the linearised scores of the two rates are subtracted person by person, so the
    covariance of two domains that share PSUs (employees of state and private firms live in
    the same enumeration areas) is taken into account. Domains are restricted to ``where``
    (e.g. one province and year) without dropping rows from the design.

    ``pairs`` lists the pairs to test (default: every pair of domains with employees, in
    sorted order). With ``k`` domains there are ``k(k-1)/2`` tests, and at the 5% level
    about one in twenty true "no difference" pairs comes out significant by chance, so the
    p-values are adjusted with ``adjust`` (``"holm"``, ``"bonferroni"``, ``"fdr_bh"`` from
    statsmodels' ``multipletests``; ``None`` for none).

    Columns: ``group_a``, ``group_b``, ``rate_a``, ``rate_b``, ``difference``, ``se``,
    ``ci_lower``, ``ci_upper`` (t interval with the pair's degrees of freedom, not
    adjusted), ``df``, ``p_value``, ``p_adjusted``, ``significant`` (``p_adjusted <
    alpha``), ``n_a``, ``n_b``.
    """
    flag_column = _indicator_column(indicator)
    _require(persons, [by, flag_column, status])
    if adjust is not None and adjust not in ADJUSTMENTS:
        raise ValueError(f"adjust={adjust!r} is not one of: {', '.join(ADJUSTMENTS)} (or None)")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha={alpha!r} must be between 0 and 1")
    design = SurveyDesign(persons, weight=weight, strata=strata, psu=psu)
    flag = persons[flag_column].fillna(False).to_numpy(dtype=float)
    inside = (persons[status] == "employee").fillna(False).to_numpy(dtype=bool) & _mask(
        persons, where
    )
    labels = persons[by]
    if labels[inside].isna().any():
        raise ValueError(f"by column {by!r} has missing values among the employees compared")
    levels = sorted(pd.unique(labels[inside]).tolist(), key=str)
    if len(levels) < 2:
        raise ValueError(f"fewer than two values of {by!r} among the employees compared")
    w = design.w
    scores: dict[Any, tuple[float, np.ndarray, np.ndarray, int]] = {}
    for level in levels:
        member = inside & (labels == level).to_numpy()
        total = float(w[member].sum())
        rate = float((w * flag)[member].sum() / total)
        z = np.where(member, w * (flag - rate) / total, 0.0)
        scores[level] = (rate, z, member, int(member.sum()))
    if pairs is None:
        pairs = list(combinations(levels, 2))
    unknown = sorted({str(v) for pair in pairs for v in pair if v not in scores})
    if unknown:
        raise ValueError(f"value(s) {unknown} of {by!r} have no employees here; values: {levels}")
    rows = []
    for a, b in pairs:
        rate_a, z_a, in_a, n_a = scores[a]
        rate_b, z_b, in_b, n_b = scores[b]
        domain = design.domains(None, in_a | in_b)
        parts = design.variance(100 * (z_a - z_b), domain)
        se = float(np.sqrt(parts.variance[0, 0]))
        dof = int(parts.n_psu[0] - parts.n_strata[0])
        difference = 100 * (rate_a - rate_b)
        t = float(t_quantile(alpha, np.array([dof]))[0])
        p = float(2 * stats.t.sf(abs(difference / se), dof)) if se > 0 and dof > 0 else np.nan
        rows.append(
            {
                "group_a": a,
                "group_b": b,
                "rate_a": 100 * rate_a,
                "rate_b": 100 * rate_b,
                "difference": difference,
                "se": se,
                "ci_lower": difference - t * se,
                "ci_upper": difference + t * se,
                "df": dof,
                "p_value": p,
                "n_a": n_a,
                "n_b": n_b,
            }
        )
    table = pd.DataFrame(rows)
    p_values = table["p_value"].to_numpy()
    if adjust is None:
        table["p_adjusted"] = p_values
    else:
        table["p_adjusted"] = multipletests(p_values, alpha=alpha, method=adjust)[1]
    table["significant"] = table["p_adjusted"] < alpha
    columns = ["group_a", "group_b", "rate_a", "rate_b", "difference", "se", "ci_lower"]
    columns += ["ci_upper", "df", "p_value", "p_adjusted", "significant", "n_a", "n_b"]
    return table[columns]


def rate_estimates(
    persons: pd.DataFrame,
    by: str | Sequence[str] | None = None,
    indicator: str = "union_density",
    *,
    strata: str | Sequence[str] | None = WORKER_STRATA,
    **options: Any,
) -> pd.DataFrame:
    """Return union density or bargaining coverage with its precision, by domain.

    A thin wrapper on :func:`lrkit.ir_indicators.union_density_estimates` and
    :func:`~lrkit.ir_indicators.bargaining_coverage_estimates` that pools the rounds
    correctly (``strata`` = round × stratum), labels missing ``by`` values with
    :data:`NOT_APPLICABLE` and leaves out the domains with no employees (persons who are
    not employees). ``options`` go to the ``lrkit.ir_indicators`` function.
    """
    _indicator_column(indicator)
    groups = [by] if isinstance(by, str) else list(by or [])
    data = label_missing(persons, groups) if groups else persons
    function = (
        union_density_estimates if indicator == "union_density" else bargaining_coverage_estimates
    )
    table = function(data, by=by, strata=strata, **options)
    table = table[table["n"] > 0].reset_index(drop=True)
    for column in groups:  # the domain levels come back as objects: keep the data's types
        if not persons[column].isna().any():
            table[column] = table[column].astype(persons[column].dtype)
    return table


# ---------------------------------------------------------------------------- the merger
def unit_year_table(
    persons: pd.DataFrame,
    indicator: str = "union_density",
    unit: str = "province_pre2025",
    *,
    year: str = "year",
    quarter: str = "quarter",
    strata: str | Sequence[str] | None = WORKER_STRATA,
) -> pd.DataFrame:
    """Return the rate by year and ``unit`` as a statistics office would publish it.

    ``numerator`` and ``denominator`` are *annual averages* of persons (members and
    employees, or covered employees and employees): the weighted sums of the year's rounds
    divided by the number of rounds, because the kit's weights add up to the labour force in
    every quarter. The rate is 100 × numerator ÷ denominator. Columns: ``year``, the
    ``unit`` column, ``numerator``, ``denominator``, ``rate``, ``n`` (sample employees).
    Such a table is what :func:`lrkit.ir_indicators.reaggregate_to_2025` takes.
    """
    _require(persons, [year, quarter, unit])
    table = rate_estimates(persons, [year, unit], indicator, strata=strata)
    rounds = persons.groupby(year)[quarter].nunique()
    per_year = table[year].map(rounds).to_numpy(dtype=float)
    out = table[[year, unit]].copy()
    out["numerator"] = table["numerator"].to_numpy() / per_year
    out["denominator"] = table["denominator"].to_numpy() / per_year
    out["rate"] = table["rate"].to_numpy()
    out["n"] = table["n"].to_numpy()
    return out


def series_across_merger(
    persons: pd.DataFrame,
    indicator: str = "union_density",
    *,
    old_unit: str = "province_pre2025",
    new_unit: str = "province",
    strata: str | Sequence[str] | None = WORKER_STRATA,
) -> pd.DataFrame:
    """Return a consistent yearly series by the 34 current units, from the former units.

    The table by the 63 former units (:func:`unit_year_table`) is re-aggregated to the
    current units with :func:`lrkit.ir_indicators.reaggregate_to_2025`: numerators and
    denominators are added up and the rate is recomputed, never averaged. The result is
    checked against the estimates computed directly from the microdata by ``new_unit``
    (the records carry both units), whose standard error, interval and flag are added: a
    published table gives the rate, only microdata give its precision. Columns: ``year``,
    ``province_2025``, ``n_units``, ``numerator``, ``denominator``, ``rate``, ``se``,
    ``ci_lower``, ``ci_upper``, ``flag``. Raises ``ValueError`` if the two disagree.
    """
    old = unit_year_table(persons, indicator, old_unit, strata=strata)
    merged = reaggregate_to_2025(
        old, old_unit, rates={"rate": ("numerator", "denominator")}, by="year"
    )
    direct = rate_estimates(persons, ["year", new_unit], indicator, strata=strata)
    direct = direct.rename(columns={new_unit: "province_2025"})
    columns = ["year", "province_2025", "rate", "se", "ci_lower", "ci_upper", "flag"]
    out = merged.merge(
        direct[columns],
        on=["year", "province_2025"],
        how="outer",
        suffixes=("", "_direct"),
        validate="one_to_one",
    )
    if out["rate"].isna().any() or out["rate_direct"].isna().any():
        raise ValueError(
            f"the units of {old_unit!r} and {new_unit!r} do not match the 2025 crosswalk"
        )
    if not np.allclose(out["rate"], out["rate_direct"], rtol=0, atol=1e-9):
        raise ValueError(
            f"re-aggregated rates differ from the direct estimates by {new_unit!r}: the "
            f"records' {old_unit!r} and {new_unit!r} disagree with the crosswalk"
        )
    out = out.drop(columns="rate_direct")
    return out[
        [
            "year",
            "province_2025",
            "n_units",
            "numerator",
            "denominator",
            "rate",
            "se",
            "ci_lower",
            "ci_upper",
            "flag",
        ]
    ]


def naive_series(
    persons: pd.DataFrame,
    province: str,
    indicator: str = "union_density",
    *,
    merger_year: int = 2025,
    old_unit: str = "province_pre2025",
    new_unit: str = "province",
    strata: str | Sequence[str] | None = WORKER_STRATA,
) -> pd.DataFrame:
    """Return the spliced series a reader gets by joining two publications under one name.

    Before ``merger_year``, the figures of the former unit named ``province``; from
    ``merger_year``, those of the current unit of that name, which includes the former
    units merged into it. Columns: ``year``, ``source`` ("former unit" / "current unit"),
    ``numerator``, ``denominator``, ``rate``. The jump in the denominator at the merger
    is the merger, not a change in the labour market. Raises ``ValueError`` when no former
    unit has that name (e.g. Tây Ninh's series has a former unit of that name; a new name
    would have none).
    """
    old = unit_year_table(persons, indicator, old_unit, strata=strata)
    new = unit_year_table(persons, indicator, new_unit, strata=strata)
    before = old[(old[old_unit] == province) & (old["year"] < merger_year)]
    after = new[(new[new_unit] == province) & (new["year"] >= merger_year)]
    if before.empty:
        raise ValueError(f"no former unit named {province!r} before {merger_year} in the data")
    if after.empty:
        raise ValueError(f"no current unit named {province!r} from {merger_year} in the data")
    columns = ["year", "source", "numerator", "denominator", "rate"]
    return pd.concat(
        [
            before.assign(source="former unit")[columns],
            after.assign(source="current unit")[columns],
        ],
        ignore_index=True,
    )


# ---------------------------------------------------------------------------- wages
def wage_data(
    workers: pd.DataFrame,
    where: str | pd.Series | np.ndarray | None = None,
    *,
    wage: str = "monthly_wage_vnd",
    status: str = "status",
) -> pd.DataFrame:
    """Return the employees with a positive wage, ready for a wage regression.

    Adds ``log_wage`` (natural log of the monthly wage; a coefficient is then an
    approximate proportional difference) and makes ``formal`` and ``union_member`` plain
    true/false columns. ``where`` restricts the rows (e.g. one province). Raises
    ``ValueError`` if no employee is left.
    """
    _require(workers, [wage, status, "union_member", "formal"])
    keep = (workers[status] == "employee").fillna(False).to_numpy(dtype=bool) & _mask(
        workers, where
    )
    data = workers.loc[keep].copy()
    wages = pd.to_numeric(data[wage], errors="coerce").astype("float64")
    data = data.loc[wages.notna() & (wages > 0)].copy()
    if data.empty:
        raise ValueError(f"no employee with a positive {wage!r} in the rows selected")
    data["log_wage"] = np.log(wages.loc[data.index])
    data["formal"] = data["formal"].fillna(False).astype(bool)
    data["union_member"] = data["union_member"].astype(bool)
    for column in ("employer_ownership", "education", "sex", "min_wage_region", "sector"):
        if column in data.columns:
            data[column] = data[column].astype("category")  # patsy reads categories fast
    return data


def fit_wage_model(
    data: pd.DataFrame,
    formula: str = WAGE_FORMULA,
    method: Literal["ols", "wls", "median"] = "ols",
    *,
    cluster: str | None = "psu",
    weight: str = "weight",
    quantile: float = 0.5,
    p_tol: float = 1e-5,
) -> Any:
    """Fit the wage model with statsmodels and return its results.

    * ``"ols"``: ordinary least squares; standard errors clustered by ``cluster`` (the PSU:
      persons in one enumeration area share a local labour market, so they are not
      independent observations); ``cluster=None`` gives the classical standard errors.
    * ``"wls"``: the same, weighted by the survey ``weight`` (a population-average fit).
    * ``"median"``: median (quantile ``quantile``) regression, which a wage floor below the
      median does not bias. statsmodels gives it classical (kernel-based) standard errors
      only, not clustered ones, so read its interval as a lower bound on the uncertainty.
      ``p_tol`` is the convergence tolerance of statsmodels' iterations: its default, 1e-6,
      can take tens of seconds on the workshop data for the same coefficients to about
      1e-5.
    """
    if method not in ("ols", "wls", "median"):
        raise ValueError(f"method={method!r} is not one of 'ols', 'wls', 'median'")
    if method == "median":
        if not 0 < quantile < 1:
            raise ValueError(f"quantile={quantile!r} must be between 0 and 1")
        return smf.quantreg(formula, data).fit(q=quantile, p_tol=p_tol)
    if method == "wls":
        _require(data, [weight])
        model = smf.wls(formula, data, weights=data[weight])
    else:
        model = smf.ols(formula, data)
    if cluster is None:
        return model.fit()
    _require(data, [cluster])
    groups = pd.factorize(data.loc[model.data.row_labels, cluster])[0]
    return model.fit(cov_type="cluster", cov_kwds={"groups": groups})


def premium_table(
    results: Any,
    term: str = MEMBER_TERM,
    *,
    truth: float | None = None,
    alpha: float = 0.05,
    label: str = "",
) -> pd.DataFrame:
    """Return the union wage premium of a fitted wage model as a one-row table.

    ``coefficient`` is in log points; ``premium_pct`` = 100 × (exp(coefficient) − 1) is
    the percentage wage difference it implies (exp(0.05) − 1 = 5.13%, not 5%), with its
    interval transformed the same way. With ``truth`` (the TRUE premium in log points,
    from ``truth.json``) the table says whether the interval contains it. ``cov_type``
    says how the standard error was computed ("cluster", "nonrobust", …).
    """
    params = results.params
    if term not in params.index:
        raise KeyError(f"term {term!r} is not in the model; its terms: {', '.join(params.index)}")
    b = float(params[term])
    se = float(results.bse[term])
    lower, upper = (float(v) for v in results.conf_int(alpha=alpha).loc[term])
    groups = getattr(results, "cov_kwds", None) or {}
    n_clusters = (
        int(len(np.unique(groups["groups"])))
        if isinstance(groups, dict) and "groups" in groups
        else np.nan
    )
    row = {
        "model": label or type(results.model).__name__,
        "coefficient": b,
        "se": se,
        "ci_lower": lower,
        "ci_upper": upper,
        "premium_pct": 100 * math.expm1(b),
        "premium_ci_lower": 100 * math.expm1(lower),
        "premium_ci_upper": 100 * math.expm1(upper),
        "n": int(results.nobs),
        "n_clusters": n_clusters,
        "cov_type": getattr(results, "cov_type", "nonrobust"),
    }
    if truth is not None:
        row["truth"] = float(truth)
        row["truth_in_ci"] = bool(lower <= truth <= upper)
    return pd.DataFrame([row])


def compare_wage_estimators(
    data: pd.DataFrame, truth: float | None = None, formula: str = WAGE_FORMULA
) -> pd.DataFrame:
    """Return the union premium by four estimators, side by side (one row each).

    Raw gap (OLS on membership alone: who joins a union is not random); OLS with the
    controls of ``formula`` and PSU-clustered standard errors; the same weighted by the
    survey weights; median regression. With ``truth``, whether each interval contains it.
    """
    raw_formula = formula.split("~")[0] + "~ union_member"
    fits = [
        ("raw gap (no controls)", fit_wage_model(data, raw_formula)),
        ("OLS with controls", fit_wage_model(data, formula)),
        ("weighted OLS with controls", fit_wage_model(data, formula, "wls")),
        ("median regression with controls", fit_wage_model(data, formula, "median")),
    ]
    return pd.concat(
        [premium_table(r, truth=truth, label=name) for name, r in fits], ignore_index=True
    )


def share_near_minimum(
    data: pd.DataFrame,
    margin: float = 0.03,
    *,
    wage: str = "monthly_wage_vnd",
    minimum: str = "min_wage_vnd",
    weight: str | None = "weight",
) -> float:
    """Return the share (%) of employees paid less than (1 + ``margin``) × their minimum.

    These are the wages the floor holds up: paid at the regional minimum in force (or a
    little above it) or, where the law is not complied with, below it. ``minimum`` is the
    regional monthly minimum in force on the record's reference day.
    """
    _require(data, [wage, minimum] + ([weight] if weight else []))
    paid = pd.to_numeric(data[wage], errors="coerce").astype(float)
    floor = pd.to_numeric(data[minimum], errors="coerce").astype(float)
    ok = paid.notna() & floor.notna()
    near = (paid[ok] < (1 + margin) * floor[ok]).to_numpy(dtype=float)
    w = data.loc[ok, weight].to_numpy(dtype=float) if weight else np.ones(int(ok.sum()))
    return float(100 * np.sum(w * near) / np.sum(w))


def floor_attenuation(
    premium: float, sd: float, shares_below: Sequence[float] = (0.0, 0.05, 0.1, 0.2, 0.3, 0.4)
) -> pd.DataFrame:
    """Return the premium that OLS and median regression estimate when a floor lifts wages.

    A deliberately simple model, to see the mechanism: the log wage of non-members is
    Normal(0, ``sd``), that of members Normal(``premium``, ``sd``), and every wage below a
    floor ``f`` is paid at the floor. ``f`` is set so that a share ``shares_below`` of
    non-members would earn less than it. Then, exactly (no simulation):

    * OLS of the observed log wage on membership estimates the difference of the means of
      the two censored distributions, E[max(Y, f)] = f Φ(a) + μ (1 − Φ(a)) + σ φ(a) with
      a = (f − μ)/σ: it is pulled towards zero, because the floor lifts more non-members;
    * median regression estimates max(premium, f) − max(0, f), which is the premium as
      long as fewer than half the non-members are below the floor.

    Columns: ``share_below`` (%), ``floor`` (log points from the non-members' median),
    ``ols``, ``median``, ``ols_bias_pct`` (OLS error as % of the premium).
    """
    if sd <= 0:
        raise ValueError(f"sd={sd!r} must be positive")
    rows = []
    for share in shares_below:
        if not 0 <= share < 1:
            raise ValueError(f"each share below the floor must be in [0, 1), got {share!r}")
        floor = -np.inf if share == 0 else sd * stats.norm.ppf(share)

        def censored_mean(mu: float, f: float = floor) -> float:
            if not np.isfinite(f):
                return mu
            a = (f - mu) / sd
            return f * stats.norm.cdf(a) + mu * stats.norm.sf(a) + sd * stats.norm.pdf(a)

        ols = censored_mean(premium) - censored_mean(0.0)
        median = max(premium, floor) - max(0.0, floor)
        rows.append(
            {
                "share_below": 100 * share,
                "floor": floor,
                "ols": ols,
                "median": median,
                "ols_bias_pct": 100 * (ols - premium) / premium if premium else np.nan,
            }
        )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------- strikes
def agreements_in_force(
    agreements: pd.DataFrame,
    year: int,
    *,
    enterprise_id: str = "enterprise_id",
    start: str = "signed_date",
    end: str = "expiry_date",
) -> set[str]:
    """Return the enterprises with a collective agreement in force at some time in ``year``.

    An agreement is in force from ``start`` to ``end`` (both included; a missing ``end``
    means open-ended).
    """
    _require(agreements, [enterprise_id, start, end], "agreements")
    begins = pd.to_datetime(agreements[start])
    ends = pd.to_datetime(agreements[end])
    first, last = pd.Timestamp(f"{year}-01-01"), pd.Timestamp(f"{year}-12-31")
    current = (begins <= last) & (ends.isna() | (ends >= first))
    return set(agreements.loc[current, enterprise_id].astype(str))


def strike_panel(
    enterprises: pd.DataFrame,
    strikes: pd.DataFrame,
    agreements: pd.DataFrame,
    years: Iterable[int],
    *,
    min_employees: int = 50,
) -> pd.DataFrame:
    """Return the enterprise-year panel for a strike count model.

    One row per enterprise and year in which it was active (founded by then, not closed
    before), with at least ``min_employees`` employees: the registers hold no strike in
    smaller enterprises, so they are not at risk in the model. Columns: ``enterprise_id``,
    ``year``, ``province``, ``ownership``, ``sector``, ``sector_group`` (garment, footwear,
    electronics or other), ``employees``, ``log_employees``, ``south`` (a former unit in the
    South East or Mekong River Delta), ``agreement`` (an agreement in force at some time in
    the year, from ``agreements``), ``frame_weight``, ``exposure``, ``strikes`` (records of
    ``strikes`` in that enterprise and year; any register or ``strikes_true``) and
    ``any_strike``.

    ``exposure`` is the enterprise-years the row stands for: at workshop scale the frame is
    a sample, and a small enterprise with ``frame_weight`` 100 stands for 100 enterprises
    whose strikes the registers record under it, so it has 100 enterprise-years at risk. A
    count model takes ``log(exposure)`` as its offset.
    """
    _require(
        enterprises,
        [
            "enterprise_id",
            "province",
            "province_pre2025",
            "ownership",
            "sector",
            "employees",
            "year_founded",
            "year_closed",
            "frame_weight",
        ],
        "enterprises",
    )
    _require(strikes, ["enterprise_id", "year"], "strikes")
    years = sorted({int(y) for y in years})
    if not years:
        raise ValueError("give at least one year")
    unknown = set(strikes["enterprise_id"].astype(str)) - set(enterprises["enterprise_id"])
    if unknown:
        raise ValueError(
            f"{len(unknown)} strike record(s) name enterprises not in the frame, e.g. "
            f"{sorted(unknown)[:3]}"
        )
    south_units = set(
        former_province_table().loc[lambda t: t["region"].isin(SOUTH_REGIONS), "province_pre2025"]
    )
    closed = (
        pd.to_numeric(enterprises["year_closed"], errors="coerce").astype("float64").fillna(np.inf)
    )
    parts = []
    for year in years:
        active = (
            (enterprises["year_founded"] <= year)
            & (closed >= year)
            & (enterprises["employees"] >= min_employees)
        )
        part = enterprises.loc[
            active,
            [
                "enterprise_id",
                "province",
                "province_pre2025",
                "ownership",
                "sector",
                "employees",
                "frame_weight",
            ],
        ]
        part = part.assign(year=year)
        part["agreement"] = part["enterprise_id"].isin(agreements_in_force(agreements, year))
        parts.append(part)
    panel = pd.concat(parts, ignore_index=True)
    counts = strikes.assign(enterprise_id=strikes["enterprise_id"].astype(str))
    counts = counts[counts["year"].isin(years)].groupby(["enterprise_id", "year"]).size()
    panel["strikes"] = (
        pd.MultiIndex.from_frame(panel[["enterprise_id", "year"]])
        .map(counts.to_dict())
        .fillna(0)
        .astype("int64")
    )
    outside = int(counts.sum() - panel["strikes"].sum())
    if outside:
        raise ValueError(
            f"{outside} strike record(s) fall in enterprise-years outside the panel (closed "
            f"enterprises or fewer than {min_employees} employees); lower min_employees or "
            "check the register"
        )
    panel["sector_group"] = np.where(panel["sector"].isin(STRIKE_SECTORS), panel["sector"], "other")
    panel["log_employees"] = np.log(panel["employees"].astype(float))
    panel["south"] = panel["province_pre2025"].isin(south_units)
    panel["exposure"] = panel["frame_weight"].astype(float)
    panel["any_strike"] = panel["strikes"] > 0
    for column in ("province", "ownership", "sector", "sector_group"):
        panel[column] = panel[column].astype("category")  # patsy reads categories fast
    columns = [
        "enterprise_id",
        "year",
        "province",
        "ownership",
        "sector",
        "sector_group",
        "employees",
        "log_employees",
        "south",
        "agreement",
        "frame_weight",
        "exposure",
        "strikes",
        "any_strike",
    ]
    return panel[columns]


def fit_strike_model(
    panel: pd.DataFrame,
    family: StrikeFamily = "poisson",
    formula: str = STRIKE_FORMULA,
    *,
    exposure: str | None = "exposure",
    cluster: str | None = "enterprise_id",
) -> Any:
    """Fit a strike model on an enterprise-year panel and return the statsmodels results.

    * ``"poisson"``: a Poisson GLM with offset ``log(exposure)``; exp(coefficient) is a rate
      ratio. Standard errors clustered by enterprise (the same enterprise appears in
      several years), which also protects against over-dispersion.
    * ``"negbin"``: a negative binomial (NB2) model, which adds a parameter ``alpha`` for
      over-dispersion (variance = μ + α μ²); started from the Poisson estimates. When the
      data show no over-dispersion, alpha tends to 0 and the model to the Poisson one.
    * ``"logit"``: a logit for *occurrence* (``any_strike``), with ``log(exposure)`` as a
      covariate (a logit has no offset); exp(coefficient) is an odds ratio, close to the
      rate ratio only because strikes are rare.

    ``exposure=None`` fits without exposure (a mistake when rows stand for different
    numbers of enterprise-years; shown in the book).
    """
    if family not in STRIKE_FAMILIES:
        raise ValueError(f"family={family!r} is not one of: {', '.join(STRIKE_FAMILIES)}")
    if exposure is not None:
        _require(panel, [exposure], "the panel")
        if (panel[exposure] <= 0).any():
            raise ValueError(f"column {exposure!r} must be positive in every row")
    fit_options: dict[str, Any] = {}
    if cluster is not None:
        _require(panel, [cluster], "the panel")
        fit_options = {
            "cov_type": "cluster",
            "cov_kwds": {"groups": pd.factorize(panel[cluster])[0]},
        }
    offset = np.log(panel[exposure].astype(float)) if exposure is not None else None
    if family == "logit":
        right = formula.split("~", 1)[1]
        if exposure is not None:
            right += f" + np.log({exposure})"
        return smf.logit(
            "any_strike ~" + right, panel.assign(any_strike=panel["any_strike"].astype(int))
        ).fit(disp=0, **fit_options)
    poisson = smf.glm(formula, panel, family=sm.families.Poisson(), offset=offset)
    if family == "poisson":
        return poisson.fit(**fit_options)
    start = np.append(poisson.fit().params.to_numpy(), 0.5)
    model = smf.negativebinomial(formula, panel, offset=offset)
    # Newton from the Poisson estimates is fast; when the data show no over-dispersion
    # (alpha near 0) it can break down, and BFGS, then Nelder-Mead, take over.
    attempts = (("newton", 200), ("bfgs", 2000), ("nm", 20000))
    for method, maxiter in attempts:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            results = model.fit(
                start_params=start, method=method, maxiter=maxiter, disp=0, **fit_options
            )
        estimates = results.params.drop("alpha")
        errors = results.bse.drop("alpha")
        if (
            results.mle_retvals.get("converged", False)
            and np.isfinite(estimates).all()
            and np.isfinite(errors).all()
            and np.isfinite(results.params["alpha"])
        ):
            return results
    raise RuntimeError("the negative binomial model did not converge; try the Poisson model")


_TERM_KEYS: dict[str, str] = {
    "agreement[T.True]": "has_agreement",
    "south[T.True]": "south",
    "log_employees": "per_log_employee",
}
_TERM_LABELS: dict[str, str] = {
    "foreign_invested": "foreign-invested (vs domestic private)",
    "state": "state-owned (vs domestic private)",
    "garment": "garment (vs other sectors)",
    "footwear": "footwear (vs other sectors)",
    "electronics": "electronics (vs other sectors)",
    "has_agreement": "agreement in force",
    "south": "in the South",
    "per_log_employee": "twice the employees",
}


def term_key(term: str) -> str:
    """Return the short name of a statsmodels term of :data:`STRIKE_FORMULA`.

    ``C(ownership, Treatment('domestic_private'))[T.foreign_invested]`` → ``foreign_invested``,
    ``agreement[T.True]`` → ``has_agreement``, ``log_employees`` → ``per_log_employee`` (the
    names of ``strike_risk_multipliers`` in ``truth.json``), ``C(year)[T.2021]`` → ``2021``.
    """
    if term in _TERM_KEYS:
        return _TERM_KEYS[term]
    match = re.search(r"\[T\.(.+)\]$", term)
    return match.group(1) if match else term


def true_strike_multipliers(truth: Mapping[str, Any]) -> dict[str, float]:
    """Return the TRUE rate ratios of the generator's strike model, by :func:`term_key`.

    ``truth`` is ``lrkit.data.load_truth()``. Ownership types and sectors without a
    multiplier of their own have a true rate ratio of 1 (state-owned enterprises are at the
    same risk as domestic private ones, other things equal). ``per_log_employee`` is the
    true slope of log risk on log employees (1: risk proportional to employees).
    """
    value = truth["parameters"]["strike_risk_multipliers"]["value"]
    out = {key: float(value[key]) for key in ("foreign_invested", *STRIKE_SECTORS, "south")}
    out["has_agreement"] = float(value["has_agreement"])
    out["state"] = 1.0
    out["per_log_employee"] = float(value["per_log_employee"])
    return out


def rate_ratio_table(
    results: Any,
    truth: Mapping[str, float] | None = None,
    *,
    alpha: float = 0.05,
    drop_years: bool = True,
) -> pd.DataFrame:
    """Return exp(coefficient) of a strike model, with its interval, beside the truth.

    A coefficient of a Poisson or negative binomial model is a difference in *log* rates:
    exp() turns it into a rate ratio (a logit's into an odds ratio). For ``log_employees``
    the ratio is given for twice the employees, 2 ** coefficient, and the true value is
    2 ** per_log_employee. ``truth`` is :func:`true_strike_multipliers`; ``covers_truth``
    says whether the interval contains the true ratio. Columns: ``term``, ``key``,
    ``label``, ``coefficient``, ``ratio``, ``ci_lower``, ``ci_upper``, ``p_value``,
    ``truth``, ``covers_truth``; the intercept, ``alpha`` and (by default) year terms are
    left out.
    """
    params = results.params
    intervals = results.conf_int(alpha=alpha)
    rows = []
    for term in params.index:
        key = term_key(term)
        if term in ("Intercept", "alpha") or term.startswith("np.log("):
            continue
        if drop_years and term.startswith("C(year)"):
            continue
        scale = math.log(2) if key == "per_log_employee" else 1.0
        b = float(params[term])
        lower, upper = (float(v) for v in intervals.loc[term])
        true = np.nan
        if truth is not None and key in truth:
            true = 2 ** truth[key] if key == "per_log_employee" else truth[key]
        rows.append(
            {
                "term": term,
                "key": key,
                "label": _TERM_LABELS.get(key, key),
                "coefficient": b,
                "ratio": math.exp(scale * b),
                "ci_lower": math.exp(scale * lower),
                "ci_upper": math.exp(scale * upper),
                "p_value": float(results.pvalues[term]),
                "truth": true,
                "covers_truth": bool(math.exp(scale * lower) <= true <= math.exp(scale * upper))
                if not np.isnan(true)
                else np.nan,
            }
        )
    return pd.DataFrame(rows)


def raw_rate_ratio(
    panel: pd.DataFrame,
    column: str,
    level: object,
    reference: object,
    *,
    exposure: str = "exposure",
) -> float:
    """Return the crude rate ratio (strikes ÷ exposure of ``level`` over ``reference``).

    The ratio of the two groups' strike rates per enterprise-year, with no other variable
    held equal: the figure a table of strikes per enterprise gives, to set beside the
    model's adjusted rate ratio.
    """
    _require(panel, [column, exposure, "strikes"], "the panel")

    def rate(value: object) -> float:
        rows = panel[column] == value
        if not rows.any():
            raise ValueError(f"no row with {column} == {value!r}")
        return float(panel.loc[rows, "strikes"].sum() / panel.loc[rows, exposure].sum())

    return rate(level) / rate(reference)


# ---------------------------------------------------------------------------- mistakes
def weighting_effect(
    persons: pd.DataFrame,
    variables: Sequence[str],
    *,
    where: str | pd.Series | np.ndarray | None = None,
    weight: str = "weight",
) -> pd.DataFrame:
    """Return the weighted and the unweighted mean of each variable, and their gap.

    True/false variables give shares (in %). The gap shows what ignoring the weights does:
    a sample over-represents some strata by design (small provinces get more interviews
    than their share), so an unweighted mean describes the sample, not the population.
    Columns: ``variable``, ``weighted``, ``unweighted``, ``difference``, ``n``.
    """
    _require(persons, [*variables, weight])
    rows = _mask(persons, where)
    data = persons.loc[rows]
    out = []
    for variable in variables:
        series = data[variable]
        boolean = pd.api.types.is_bool_dtype(series.dtype)
        values = series.astype("float64")
        ok = values.notna().to_numpy()
        v = values.to_numpy()[ok]
        w = data[weight].to_numpy(dtype=float)[ok]
        scale = 100.0 if boolean else 1.0
        weighted = scale * float(np.sum(w * v) / np.sum(w))
        unweighted = scale * float(np.mean(v))
        out.append(
            {
                "variable": variable,
                "weighted": weighted,
                "unweighted": unweighted,
                "difference": unweighted - weighted,
                "n": int(ok.sum()),
            }
        )
    return pd.DataFrame(out)


def sample_and_population_shares(
    persons: pd.DataFrame,
    by: str,
    *,
    where: str | pd.Series | np.ndarray | None = None,
    weight: str = "weight",
) -> pd.DataFrame:
    """Return each group's share (%) of the interviews and of the population it stands for.

    Columns: ``by``, ``n``, ``sample_share``, ``population_share``. Where the two differ,
    an unweighted figure over-counts the groups with the larger sample share.
    """
    _require(persons, [by, weight])
    data = persons.loc[_mask(persons, where)]
    table = data.groupby(by, observed=True).agg(n=(weight, "size"), weighted=(weight, "sum"))
    table["sample_share"] = 100 * table["n"] / table["n"].sum()
    table["population_share"] = 100 * table["weighted"] / table["weighted"].sum()
    return table.drop(columns="weighted").reset_index()


def area_strike_table(
    enterprises: pd.DataFrame,
    strikes: pd.DataFrame,
    agreements: pd.DataFrame,
    years: Iterable[int],
    *,
    unit: str = "province_pre2025",
) -> pd.DataFrame:
    """Return strikes and agreement coverage by area and year, as an area table shows them.

    For each ``unit`` and year: ``employees`` (employees of the active enterprises, times
    their ``frame_weight``), ``employees_covered`` (those in enterprises with an agreement in
    force that year), ``coverage_pct``, ``strikes`` (records of ``strikes``) and
    ``strikes_per_100k`` employees. The frame's ``employees`` is each enterprise's last
    known count, used for every year. Such a table invites *ecological inference*: reading
    a relation between areas as a relation between enterprises.
    """
    _require(
        enterprises,
        ["enterprise_id", unit, "employees", "frame_weight", "year_founded", "year_closed"],
        "enterprises",
    )
    _require(strikes, [unit, "year"], "strikes")
    closed = (
        pd.to_numeric(enterprises["year_closed"], errors="coerce").astype("float64").fillna(np.inf)
    )
    parts = []
    for year in sorted({int(y) for y in years}):
        active = enterprises.loc[(enterprises["year_founded"] <= year) & (closed >= year)]
        staff = active["employees"].astype(float) * active["frame_weight"].astype(float)
        covered = active["enterprise_id"].isin(agreements_in_force(agreements, year))
        part = (
            pd.DataFrame(
                {unit: active[unit], "employees": staff, "employees_covered": staff * covered}
            )
            .groupby(unit)
            .sum()
        )
        count = strikes[strikes["year"] == year].groupby(unit).size()
        part["strikes"] = count.reindex(part.index).fillna(0).astype("int64")
        part["year"] = year
        parts.append(part.reset_index())
    table = pd.concat(parts, ignore_index=True)
    table["coverage_pct"] = 100 * table["employees_covered"] / table["employees"]
    table["strikes_per_100k"] = 1e5 * table["strikes"] / table["employees"]
    return table[
        [
            "year",
            unit,
            "employees",
            "employees_covered",
            "coverage_pct",
            "strikes",
            "strikes_per_100k",
        ]
    ]


def compare_registers(
    ministry: pd.DataFrame,
    vgcl: pd.DataFrame,
    by: str | Sequence[str] = "year",
) -> pd.DataFrame:
    """Return the 15th ICLS strike statistics of the two registers side by side.

    The ministry register counts every stoppage its labour departments report (workers
    rounded to 10); VGCL's counts stoppages of 50 or more workers that it hears of, mostly
    through grassroots unions, and records the peak number of workers. Both go through
    :func:`lrkit.ir_indicators.strike_statistics`; ``share_foreign_invested`` (% of
    actions) is added. Columns: ``register``, the ``by`` columns, ``actions``,
    ``workers_involved``, ``days_not_worked``, ``share_not_led_by_union``,
    ``share_foreign_invested``.
    """
    groups = [by] if isinstance(by, str) else list(by)
    tables = []
    for name, frame, workers in (
        ("ministry", ministry, "workers_involved"),
        ("VGCL", vgcl, "peak_workers"),
    ):
        _require(frame, [*groups, "ownership", workers], f"the {name} register")
        table = strike_statistics(frame, by=groups, workers=workers)
        fdi = (
            frame.assign(_fdi=frame["ownership"] == "foreign_invested")
            .groupby(groups)["_fdi"]
            .mean()
            .mul(100)
            .rename("share_foreign_invested")
            .reset_index()
        )
        table = table.merge(fdi, on=groups, how="left").assign(register=name)
        tables.append(table)
    out = pd.concat(tables, ignore_index=True)
    return out[
        [
            "register",
            *groups,
            "actions",
            "workers_involved",
            "days_not_worked",
            "share_not_led_by_union",
            "share_foreign_invested",
        ]
    ]


# ---------------------------------------------------------------------------- charts
def ci_plot(
    table: pd.DataFrame,
    label: str,
    estimate: str = "rate",
    lower: str = "ci_lower",
    upper: str = "ci_upper",
    *,
    hue: str | None = None,
    flag: str | None = "flag",
    truth: str | None = None,
    reference: float | None = None,
    title: str = "",
    xlabel: str = "% of employees",
    sort: bool = True,
    log: bool = False,
    ax: Axes | None = None,
) -> Axes:
    """Draw estimates with their confidence intervals, one row per category (seaborn style).

    Categories are sorted by their estimate (largest on top) unless ``sort`` is false, so
    the eye reads a ranking; each estimate is a dot with a horizontal line for its
    interval, labelled with its value. Estimates flagged "use with caution" (``flag``
    column) are drawn hollow and marked †; suppressed ones are left out and listed under
    the chart. ``truth`` names a column of true values, drawn as a red ×; ``reference``
    draws a vertical line (1 for ratios, 0 for differences); ``log`` uses a log scale (for
    ratios). The x-axis label should name the unit.
    """
    use_kit_style()
    _require(table, [label, estimate, lower, upper] + [c for c in (hue, flag, truth) if c])
    data = table.copy()
    suppressed: list[str] = []
    if flag is not None and flag in data.columns:
        gone = data[flag] == "suppress"
        suppressed = data.loc[gone, label].astype(str).tolist()
        data = data.loc[~gone]
    if data.empty:
        raise ValueError("nothing to plot: every estimate is suppressed")
    if sort:
        order = data.groupby(label, sort=False)[estimate].mean().sort_values(ascending=False)
        categories = list(order.index)
    else:
        categories = list(dict.fromkeys(data[label]))
    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 0.45 * len(categories) * (1 + bool(hue)) + 1.6))
    hues = list(dict.fromkeys(data[hue])) if hue else [None]
    palette = sns.color_palette(n_colors=max(len(hues), 1))
    offsets = np.linspace(-0.18, 0.18, len(hues)) if len(hues) > 1 else [0.0]
    position = {c: i for i, c in enumerate(categories)}
    for h, colour, offset in zip(hues, palette, offsets, strict=True):
        part = data if h is None else data[data[hue] == h]
        y = part[label].map(position).to_numpy(dtype=float) + offset
        x = part[estimate].to_numpy(dtype=float)
        err = np.vstack([x - part[lower].to_numpy(float), part[upper].to_numpy(float) - x])
        caution = (
            (part[flag] == "use with caution").to_numpy()
            if flag is not None and flag in part.columns
            else np.zeros(len(part), dtype=bool)
        )
        ax.errorbar(x, y, xerr=err, fmt="none", ecolor=colour, elinewidth=2, capsize=3)
        ax.scatter(
            x[~caution],
            y[~caution],
            color=colour,
            s=45,
            zorder=3,
            label=str(h) if h is not None else None,
        )
        ax.scatter(
            x[caution],
            y[caution],
            facecolors="white",
            edgecolors=colour,
            s=45,
            zorder=3,
            linewidths=1.5,
        )
        for xi, yi, ci in zip(x, y, caution, strict=True):
            ax.annotate(
                f"{xi:.2f}" if log else f"{xi:.1f}",
                (xi, yi),
                xytext=(0, 6),
                textcoords="offset points",
                ha="center",
                fontsize=8,
            )
            if ci:
                ax.annotate(
                    "†",
                    (xi, yi),
                    xytext=(7, -3),
                    textcoords="offset points",
                    fontsize=10,
                    color=colour,
                )
        if truth is not None:
            ax.scatter(
                part[truth].to_numpy(float),
                y,
                marker="x",
                color="#c0392b",
                s=50,
                zorder=4,
                label="truth" if h == hues[0] else None,
            )
    if reference is not None:
        ax.axvline(reference, color="0.4", linewidth=1, linestyle="--")
    if log:
        ax.set_xscale("log")
        low = float(np.nanmin(data[lower].to_numpy(dtype=float)))
        high = float(np.nanmax(data[upper].to_numpy(dtype=float)))
        ticks = [t for t in _LOG_TICKS if low / 1.5 <= t <= high * 1.5]
        ax.set_xticks(ticks, [f"{t:g}" for t in ticks])
        ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_yticks(range(len(categories)), [str(c) for c in categories])
    ax.set_ylim(len(categories) - 0.5, -0.5)
    ax.set(title=title, xlabel=xlabel, ylabel="")
    notes = []
    if flag is not None and flag in data.columns and (data[flag] == "use with caution").any():
        notes.append("† hollow: use with caution")
    if suppressed:
        notes.append("suppressed (not shown): " + ", ".join(suppressed))
    notes.append("lines: 95% confidence intervals")
    ax.annotate(
        "; ".join(notes),
        xy=(0.5, 0),
        xycoords=ax.xaxis.label,
        xytext=(0, -4),
        textcoords="offset points",
        ha="center",
        va="top",
        fontsize=8,
        color="0.35",
    )
    if hue is not None or truth is not None:
        ax.legend(frameon=False, loc="best", fontsize=9)
    return ax


def premium_across_seeds(
    seeds: Iterable[int],
    formula: str = WAGE_FORMULA,
    methods: Sequence[Literal["ols", "wls", "median"]] = ("ols", "median"),
    *,
    truth: float | None = None,
    p_tol: float = 1e-4,
) -> pd.DataFrame:
    """Return the union premium estimated on the workshop worker data of several seeds.

    Each seed is another draw of the same synthetic world (the same TRUE parameters),
    exactly what ``lrkit.data.load_dataset("workers", seed=seed)`` returns; the spread of
    the estimates across seeds is their sampling variation, and their average shows a
    bias, if any. ``p_tol`` (median regression, see :func:`fit_wage_model`) is looser than
    for a single fit: it moves a coefficient by about 1e-4, far less than the spread across
    seeds. Columns: ``seed``, ``method``, ``coefficient``, ``ci_lower``,
    ``ci_upper`` and, with ``truth``, ``truth_in_ci``.
    """
    from lrkit.synth.workers import generate_workers

    rows = []
    for seed in seeds:
        workers, _ = generate_workers(int(seed), "workshop")
        data = wage_data(workers)
        for method in methods:
            results = fit_wage_model(data, formula, method, p_tol=p_tol)
            row = premium_table(results, truth=truth).iloc[0]
            rows.append(
                {
                    "seed": int(seed),
                    "method": method,
                    "coefficient": row["coefficient"],
                    "ci_lower": row["ci_lower"],
                    "ci_upper": row["ci_upper"],
                }
                | ({"truth_in_ci": row["truth_in_ci"]} if truth is not None else {})
            )
    return pd.DataFrame(rows)
