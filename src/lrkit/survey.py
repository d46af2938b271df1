"""Design-based estimation for stratified cluster samples (strata, PSUs, weights).

Household surveys such as Viet Nam's Labour Force Survey draw enumeration areas (the primary
sampling units, PSUs) within strata and interview households inside them. Persons in the same
PSU resemble each other, so the precision of an estimate must be computed from the *design*,
not as if persons had been drawn one by one. This module does that with the method that
statistical software uses by default (R ``survey``, Stata ``svy``, ``svy``, ``samplics``):

* **Taylor linearisation** of each estimator into per-person scores ``z_i``;
* **with-replacement PSU approximation** of the variance: within stratum ``h`` with ``n_h``
  PSUs and PSU score totals ``z_hj``,
  ``V = Σ_h n_h/(n_h-1) Σ_j (z_hj - z̄_h)²`` (no finite population correction);
* **domains as subpopulations**: a domain (a province, women, employees…) is estimated by
  setting the scores of persons outside it to zero and keeping every PSU and stratum of the
  design. Subsetting the data first would drop PSUs and understate the variance.

For a ratio ``R = Y/X`` of weighted totals in domain ``d`` (a mean has ``x = 1``, a
proportion is the mean of a 0/1 variable) the score is ``z_i = w_i (y_i - R x_i) / X`` for
persons in ``d`` and 0 elsewhere; for a total it is ``z_i = w_i y_i``.

Every estimate comes with its standard error, a confidence interval (Student t with the
design degrees of freedom; logit-transformed for proportions so that it stays in [0, 1]),
the coefficient of variation, the design effect against simple random sampling and a
reliability flag (see :data:`CV_PUBLISH_MAX`). The formulas, with a worked example, are in
the book's reference page ``book/reference/estimation.md``.

Results agree with ``svy`` and ``samplics`` to 1e-8 (``tests/test_survey.py``):

* ``df="domain"`` (default) counts degrees of freedom as R's ``degf()`` on the domain and
  ``svy`` do: PSUs holding domain members minus the strata holding them;
  ``df="design"`` uses the whole design (all PSUs minus all strata), as ``samplics`` does.
* ``deff="wr"`` (default) compares with simple random sampling with replacement of the
  domain's ``n`` persons (Kish's deft², unaffected by rescaled weights); ``deff="wor"``
  multiplies the reference variance by ``1 - n/N̂`` (``N̂`` = sum of the domain's weights),
  as ``svy`` does for ``deff="wor"``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from scipy.special import stdtrit

#: A CV (standard error ÷ estimate, in %) at or below this, with enough observations, is
#: published without comment.
CV_PUBLISH_MAX: float = 15.0
#: A CV above :data:`CV_PUBLISH_MAX` and at or below this is published "use with caution";
#: above it the estimate is suppressed.
CV_CAUTION_MAX: float = 30.0
#: Fewer sample observations than this in a domain: the estimate is suppressed.
MIN_N_SUPPRESS: int = 30
#: Fewer sample observations than this (but at least :data:`MIN_N_SUPPRESS`): "use with
#: caution".
MIN_N_PUBLISH: int = 50

# The thresholds above are the kit's stated rule. They follow the general practice of
# national statistical offices, which publish survey estimates in coefficient-of-variation
# bands (publish / publish with a warning / suppress) together with a minimum number of
# sample observations; the cut-offs differ between offices and the ones here are not taken
# from any particular agency's rule.

PUBLISH = "publish"
CAUTION = "use with caution"
SUPPRESS = "suppress"
FLAGS: tuple[str, ...] = (PUBLISH, CAUTION, SUPPRESS)

LonelyPSU = Literal["error", "certainty", "center"]
LONELY_PSU_RULES: tuple[str, ...] = ("error", "certainty", "center")

# Up to this many (domain x PSU) cells per row, pairs are found with a dense bincount;
# beyond it (many domains and PSUs), with a hash table.
_DENSE_CELLS_PER_ROW = 8
_PROP_TOL = 1e-12


def _sum(index: np.ndarray, weights: np.ndarray, size: int) -> np.ndarray:
    """Return the float sums of ``weights`` by ``index`` (0..size-1), even for no rows."""
    return np.bincount(index, weights, minlength=size).astype(np.float64, copy=False)


def _sorted_codes(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (codes, sorted unique values) of non-negative integers, codes in sorted order.

    A dense bincount when the range is small (the usual case for survey codes), else a hash
    factorisation followed by sorting the (few) unique values.
    """
    top = int(values.max()) + 1 if len(values) else 0
    if top <= 8 * len(values) + (1 << 16):
        present = np.flatnonzero(np.bincount(values, minlength=top))
        lookup = np.zeros(top, dtype=np.int64)
        lookup[present] = np.arange(len(present))
        return lookup[values], present
    codes, uniques = pd.factorize(values)
    order = np.argsort(uniques, kind="stable")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank[codes], uniques[order]


def _factorize(series: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Return (int64 codes, sorted labels) of a column, fast for small-range integer codes."""
    if pd.api.types.is_integer_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series.dtype):
        values = series.to_numpy(dtype=np.int64)
        low = int(values.min())
        codes, present = _sorted_codes(values - low)
        return codes, pd.Index(present + low)
    codes, labels = pd.factorize(series, sort=True)
    return codes.astype(np.int64), pd.Index(labels)


def _require(frame: pd.DataFrame, columns: Sequence[str], what: str = "the data") -> None:
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise KeyError(
            f"column(s) {missing} missing from {what}; it has: {', '.join(map(str, frame.columns))}"
        )


def _as_list(columns: str | Sequence[str] | None) -> list[str]:
    if columns is None:
        return []
    return [columns] if isinstance(columns, str) else list(columns)


def _numeric(frame: pd.DataFrame, column: str, rows: np.ndarray | None = None) -> np.ndarray:
    """Return ``frame[column]`` as float64, refusing text and (in ``rows``) missing values."""
    series = frame[column]
    if pd.api.types.is_bool_dtype(series.dtype):
        values = series.to_numpy(dtype="float64", na_value=np.nan)
    elif pd.api.types.is_numeric_dtype(series.dtype):
        values = series.to_numpy(dtype="float64", na_value=np.nan)
    else:
        sample = ", ".join(repr(v) for v in series.dropna().unique()[:3])
        raise TypeError(
            f"column {column!r} must be numeric or true/false, got {series.dtype} "
            f"(values such as {sample}); convert it with pd.to_numeric first"
        )
    bad = ~np.isfinite(values) if rows is None else rows & ~np.isfinite(values)
    if bad.any():
        raise ValueError(
            f"column {column!r} has {int(bad.sum())} missing or infinite value(s) among the "
            "rows being estimated; leave them out of the domain with "
            f"where=frame[{column!r}].notna() (they stay in the design)"
        )
    return values


@dataclass(frozen=True)
class Domains:
    """Domain membership of each row: ``codes`` (-1 outside every domain) and ``levels``.

    ``levels`` has one row per domain (the ``by`` columns; a single row with no columns when
    there is no ``by``) in the order of the codes.
    """

    codes: np.ndarray
    levels: pd.DataFrame

    @property
    def count(self) -> int:
        """Number of domains."""
        return len(self.levels)


@dataclass(frozen=True)
class VarianceParts:
    """Per-domain variance pieces: ``variance`` (D × k), ``n_psu``, ``n_strata``."""

    variance: np.ndarray
    n_psu: np.ndarray
    n_strata: np.ndarray


class SurveyDesign:
    """A stratified cluster sample: the data with their weights, strata and PSUs.

    ``weight`` names the column of survey weights (persons represented; must be positive).
    ``strata`` names the stratum column, or several columns whose combination is the stratum
    (``None``: one stratum). When survey rounds are pooled, each round is a sample of its
    own: give the round too, e.g. ``strata=["year", "quarter", "stratum"]``. ``psu`` names
    the primary sampling unit column, or columns (``None``: each row is its own PSU). PSU
    codes are read *within* strata (R's ``nest=TRUE``): the same code in two strata is two
    PSUs.

    A stratum with a single PSU gives no within-stratum variance. ``lonely_psu`` says what to
    do with one:

    * ``"error"`` (default): raise an error naming the strata, so the choice is deliberate;
    * ``"certainty"``: treat the PSU as selected with certainty, contributing no variance at
      the first stage (R ``lonely.psu="certainty"``, ``svy`` ``singleton="skip"``);
    * ``"center"``: measure the PSU's deviation from the mean of all PSU totals of the design
      (R ``lonely.psu="adjust"``, ``svy`` ``singleton="center"``); conservative.

    The frame is not copied; do not change it while the design is in use.
    """

    def __init__(
        self,
        data: pd.DataFrame,
        weight: str = "weight",
        strata: str | Sequence[str] | None = None,
        psu: str | Sequence[str] | None = None,
        lonely_psu: LonelyPSU = "error",
    ) -> None:
        if not isinstance(data, pd.DataFrame):
            raise TypeError(f"data must be a pandas DataFrame, got {type(data).__name__}")
        if lonely_psu not in LONELY_PSU_RULES:
            raise ValueError(
                f"lonely_psu={lonely_psu!r} is not one of {', '.join(LONELY_PSU_RULES)}"
            )
        _require(data, [weight, *_as_list(strata), *_as_list(psu)])
        if len(data) == 0:
            raise ValueError("the data have no rows")
        self.data = data
        self.weight = weight
        self.strata = strata
        self.psu = psu
        self.lonely_psu = lonely_psu
        self.w = self._weights(data, weight)
        n = len(data)

        if strata is None:
            stratum_code = np.zeros(n, dtype=np.int64)
            self.stratum_labels = pd.Index(["(all)"])
        else:
            stratum_code, self.stratum_labels = self._design_codes(data, _as_list(strata))
        n_strata = len(self.stratum_labels)
        if psu is None:
            psu_code_raw = np.arange(n, dtype=np.int64)
        else:
            psu_code_raw = self._design_codes(data, _as_list(psu), labels=False)[0]
        # PSUs nested in strata, numbered (sorted) so that each stratum's PSUs are contiguous.
        radix = int(psu_code_raw.max()) + 1
        nested = stratum_code * radix + psu_code_raw
        self._psu, unique_nested = _sorted_codes(nested)
        self._psu_stratum = unique_nested // radix
        self._stratum = stratum_code
        self.n_psu = len(unique_nested)
        self.n_strata = n_strata
        self._n_h = np.bincount(self._psu_stratum, minlength=n_strata).astype(np.float64)
        self._singleton = self._n_h == 1
        if self._singleton.any() and lonely_psu == "error":
            names = list(self.stratum_labels[self._singleton])
            shown = ", ".join(repr(s) if isinstance(s, str | tuple) else str(s) for s in names[:10])
            more = f" and {len(names) - 10} more" if len(names) > 10 else ""
            raise ValueError(
                f"{len(names)} stratum/strata of column {strata!r} have a single PSU: "
                f"{shown}{more}. A single PSU gives no variance estimate; merge the stratum "
                "with a similar one, or choose lonely_psu='certainty' or 'center' (see "
                "SurveyDesign)"
            )
        self.design_df = self.n_psu - self.n_strata
        self._by_cache: dict[tuple[str, ...], tuple[np.ndarray, pd.DataFrame]] = {}

    # ------------------------------------------------------------------ validation
    @staticmethod
    def _weights(data: pd.DataFrame, column: str) -> np.ndarray:
        series = data[column]
        if pd.api.types.is_bool_dtype(series.dtype) or not pd.api.types.is_numeric_dtype(
            series.dtype
        ):
            raise TypeError(f"weight column {column!r} must be numeric, got {series.dtype}")
        w = series.to_numpy(dtype="float64", na_value=np.nan)
        missing = ~np.isfinite(w)
        if missing.any():
            raise ValueError(
                f"weight column {column!r} has {int(missing.sum())} missing or infinite value(s)"
            )
        bad = w <= 0
        if bad.any():
            rows = ", ".join(map(str, data.index[bad][:5]))
            raise ValueError(
                f"weight column {column!r} has {int(bad.sum())} value(s) ≤ 0 (rows {rows}); "
                "weights must be positive"
            )
        return w

    @classmethod
    def _design_codes(
        cls, data: pd.DataFrame, columns: list[str], labels: bool = True
    ) -> tuple[np.ndarray, pd.Index | None]:
        """Return (codes, sorted labels or ``None``) of the combinations of ``columns``."""
        if not columns:
            raise ValueError("give at least one design column (or None)")
        parts = []
        for column in columns:
            cls._no_missing(data[column], column)
            parts.append(_factorize(data[column]))
        if len(parts) == 1:
            return parts[0]
        combined = np.zeros(len(data), dtype=np.int64)
        for part_codes, part_labels in parts:
            combined = combined * len(part_labels) + part_codes
        codes, present = _sorted_codes(combined)
        if not labels:
            return codes, None
        decoded = []
        remainder = present.copy()
        for _, part_labels in reversed(parts):
            decoded.append(part_labels.take(remainder % len(part_labels)).tolist())
            remainder //= len(part_labels)
        tuples = list(zip(*reversed(decoded), strict=True))
        return codes, pd.Index(tuples, tupleize_cols=False)

    @staticmethod
    def _no_missing(series: pd.Series, column: str) -> None:
        missing = series.isna()
        if missing.any():
            raise ValueError(
                f"design column {column!r} has {int(missing.sum())} missing value(s); every "
                "row needs a stratum and a PSU"
            )

    # ------------------------------------------------------------------ domains
    def _where_mask(self, where: str | pd.Series | np.ndarray | None) -> np.ndarray:
        n = len(self.data)
        if where is None:
            return np.ones(n, dtype=bool)
        if isinstance(where, str):
            _require(self.data, [where])
            where = self.data[where]
        if isinstance(where, pd.Series):
            if not where.index.equals(self.data.index):
                raise ValueError("where= must be a Series with the same index as the data")
            if where.isna().any():
                raise ValueError(
                    f"where= has {int(where.isna().sum())} missing value(s); it must be "
                    "true/false for every row"
                )
            if not pd.api.types.is_bool_dtype(where.dtype):
                raise TypeError(f"where= must be true/false, got {where.dtype}")
            return where.to_numpy(dtype=bool)
        mask = np.asarray(where)
        if mask.dtype != bool or mask.shape != (n,):
            raise TypeError(f"where= must be a true/false array of length {n}")
        return mask

    def domains(
        self,
        by: str | Sequence[str] | None = None,
        where: str | pd.Series | np.ndarray | None = None,
    ) -> Domains:
        """Return the domains defined by the ``by`` columns, restricted to ``where``.

        The domains are the combinations of ``by`` values present in the whole data (not only
        in ``where``), so a domain that ``where`` leaves empty is still reported (and
        flagged). When every ``by`` column is categorical, all combinations of categories
        are reported, observed or not. Rows outside ``where`` get code -1.
        """
        groups = _as_list(by)
        _require(self.data, groups)
        mask = self._where_mask(where)
        if not groups:
            codes = np.where(mask, 0, -1).astype(np.int64)
            return Domains(codes, pd.DataFrame(index=pd.RangeIndex(1)))
        key = tuple(groups)
        if key not in self._by_cache:
            self._by_cache[key] = self._by_codes(groups)
        codes, table = self._by_cache[key]
        return Domains(np.where(mask, codes, -1), table)

    def _by_codes(self, groups: list[str]) -> tuple[np.ndarray, pd.DataFrame]:
        n = len(self.data)
        per_codes: list[np.ndarray] = []
        per_levels: list[pd.Index] = []
        for column in groups:
            series = self.data[column]
            if series.isna().any():
                raise ValueError(
                    f"by column {column!r} has {int(series.isna().sum())} missing value(s); "
                    "give them a level of their own or leave them out with where="
                )
            if isinstance(series.dtype, pd.CategoricalDtype):
                per_codes.append(series.cat.codes.to_numpy().astype(np.int64))
                per_levels.append(pd.Index(series.cat.categories))
            else:
                code, uniques = pd.factorize(series, sort=True)
                per_codes.append(code.astype(np.int64))
                per_levels.append(pd.Index(uniques))
        sizes = [len(levels) for levels in per_levels]
        combined = np.zeros(n, dtype=np.int64)
        for code, size in zip(per_codes, sizes, strict=True):
            combined = combined * size + code
        all_categorical = all(isinstance(self.data[c].dtype, pd.CategoricalDtype) for c in groups)
        if all_categorical:
            kept = np.arange(int(np.prod(sizes)), dtype=np.int64)
            codes = combined
        else:
            codes, kept = pd.factorize(combined, sort=True)
        levels = {}
        remainder = kept.copy()
        for column, levels_index, size in reversed(
            list(zip(groups, per_levels, sizes, strict=True))
        ):
            levels[column] = levels_index.take(remainder % size)
            remainder //= size
        table = pd.DataFrame({column: levels[column] for column in groups})
        return codes.astype(np.int64), table

    # ------------------------------------------------------------------ variance engine
    def variance(self, scores: np.ndarray, domains: Domains) -> VarianceParts:
        """Return the linearised variance of domain totals of ``scores`` (n × k).

        Each row contributes to its own domain only (rows with code -1 to none); scores of
        rows outside the domain count as zero, and every PSU of the design counts in
        ``n_h``. Vectorised: one pass of bincounts over the rows, then arithmetic over the
        (domain, PSU) pairs that hold domain members.
        """
        scores = np.asarray(scores, dtype=np.float64)
        if scores.ndim == 1:
            scores = scores[:, None]
        inside = domains.codes >= 0
        return self._variance(
            domains.codes[inside], self._psu[inside], scores[inside], domains.count
        )

    def _variance(
        self, dom: np.ndarray, psu: np.ndarray, sc: np.ndarray, n_dom: int
    ) -> VarianceParts:
        """:meth:`variance` on the rows inside the domains only (domain, PSU, scores)."""
        k = sc.shape[1]
        n_cells = n_dom * self.n_psu
        key = dom * self.n_psu + psu
        if n_cells <= _DENSE_CELLS_PER_ROW * len(key) + (1 << 16):
            counts = np.bincount(key, minlength=n_cells)
            present = np.flatnonzero(counts)
            lookup = np.zeros(n_cells, dtype=np.int64)
            lookup[present] = np.arange(len(present))
            pair = lookup[key]
        else:
            pair, present = pd.factorize(key)
        n_pairs = len(present)
        pair_dom = present // self.n_psu
        pair_stratum = self._psu_stratum[present % self.n_psu]
        z = np.empty((n_pairs, k))
        for j in range(k):
            z[:, j] = _sum(pair, sc[:, j], n_pairs)

        cell_key = pair_dom * self.n_strata + pair_stratum
        cell_ids, cell = np.unique(cell_key, return_inverse=True)
        n_cell = len(cell_ids)
        cell_dom = cell_ids // self.n_strata
        cell_stratum = cell_ids % self.n_strata
        n_h = self._n_h[cell_stratum]
        present_psus = np.bincount(cell, minlength=n_cell).astype(np.float64)
        variance = np.zeros((n_dom, k))
        lonely = self._singleton[cell_stratum]
        for j in range(k):
            total = _sum(cell, z[:, j], n_cell)
            mean = total / n_h
            squares = _sum(cell, (z[:, j] - mean[cell]) ** 2, n_cell)
            squares += (n_h - present_psus) * mean**2
            with np.errstate(divide="ignore", invalid="ignore"):
                contribution = np.where(lonely, 0.0, n_h / (n_h - 1) * squares)
            if self.lonely_psu == "center" and lonely.any():
                grand = _sum(cell_dom, total, n_dom) / self.n_psu
                contribution = np.where(lonely, (total - grand[cell_dom]) ** 2, contribution)
            variance[:, j] = _sum(cell_dom, contribution, n_dom)
        n_psu = np.bincount(pair_dom, minlength=n_dom)
        n_strata = np.bincount(cell_dom, minlength=n_dom)
        return VarianceParts(variance, n_psu, n_strata)

    # ------------------------------------------------------------------ estimators
    def total(
        self,
        y: str | Sequence[str],
        by: str | Sequence[str] | None = None,
        where: str | pd.Series | np.ndarray | None = None,
        alpha: float = 0.05,
        df: Literal["domain", "design"] = "domain",
        deff: Literal["wr", "wor"] = "wr",
    ) -> pd.DataFrame:
        """Return the estimated population total of each ``y`` column in each domain.

        Columns: the ``by`` columns, ``variable``, ``estimate``, ``se``, ``ci_lower``,
        ``ci_upper``, ``cv_pct``, ``deff``, ``df``, ``n`` (sample rows in the domain),
        ``n_psu`` (PSUs holding them), ``weighted_n`` (estimated persons in the domain),
        ``flag`` and ``flag_reason``. A 0/1 column gives the number of persons with the
        characteristic.
        """
        return self._estimate("total", _as_list(y), None, by, where, alpha, df, deff, "wald")

    def mean(
        self,
        y: str | Sequence[str],
        by: str | Sequence[str] | None = None,
        where: str | pd.Series | np.ndarray | None = None,
        alpha: float = 0.05,
        df: Literal["domain", "design"] = "domain",
        deff: Literal["wr", "wor"] = "wr",
    ) -> pd.DataFrame:
        """Return the estimated mean of each ``y`` column in each domain.

        The mean is the ratio of the weighted total of ``y`` to the weighted number of
        persons. Columns as :meth:`total`, plus ``numerator`` and ``denominator`` (the two
        estimated totals). Confidence intervals are symmetric (t with ``df``).
        """
        return self._estimate("mean", _as_list(y), None, by, where, alpha, df, deff, "wald")

    def proportion(
        self,
        y: str | Sequence[str],
        by: str | Sequence[str] | None = None,
        where: str | pd.Series | np.ndarray | None = None,
        alpha: float = 0.05,
        df: Literal["domain", "design"] = "domain",
        deff: Literal["wr", "wor"] = "wr",
        ci: Literal["logit", "wald"] = "logit",
    ) -> pd.DataFrame:
        """Return the estimated share (0-1) of persons with ``y`` true in each domain.

        ``y`` must be true/false (or 0/1). The estimate and its standard error are those of
        :meth:`mean`; the confidence interval is by default computed on the logit scale and
        transformed back, so it stays within [0, 1] (as ``svy``'s and ``samplics``'
        proportions do). At 0 or 1 the standard error is 0 and the interval is the point
        itself; such estimates are flagged.
        """
        columns = _as_list(y)
        for column in columns:
            _require(self.data, [column])
            values = self.data[column]
            if not pd.api.types.is_bool_dtype(values.dtype):
                if (
                    not pd.api.types.is_numeric_dtype(values.dtype)
                    or not values.dropna().isin([0, 1]).all()
                ):
                    raise TypeError(
                        f"column {column!r} must be true/false or 0/1 for a proportion, got "
                        f"{values.dtype}"
                    )
        if ci not in ("logit", "wald"):
            raise ValueError(f"ci={ci!r} is not one of 'logit', 'wald'")
        return self._estimate("proportion", columns, None, by, where, alpha, df, deff, ci)

    def ratio(
        self,
        y: str | Sequence[str],
        x: str,
        by: str | Sequence[str] | None = None,
        where: str | pd.Series | np.ndarray | None = None,
        alpha: float = 0.05,
        df: Literal["domain", "design"] = "domain",
        deff: Literal["wr", "wor"] = "wr",
    ) -> pd.DataFrame:
        """Return the estimated ratio of totals ``Σ w y / Σ w x`` in each domain.

        Columns as :meth:`mean`. A domain whose estimated ``x`` total is zero gets no
        estimate and is flagged "suppress".
        """
        _require(self.data, [x])
        return self._estimate("ratio", _as_list(y), x, by, where, alpha, df, deff, "wald")

    def _estimate(
        self,
        kind: str,
        ys: list[str],
        x: str | None,
        by: str | Sequence[str] | None,
        where: str | pd.Series | np.ndarray | None,
        alpha: float,
        df: str,
        deff: str,
        ci: str,
    ) -> pd.DataFrame:
        if not ys:
            raise ValueError("give at least one variable to estimate")
        if not 0 < alpha < 1:
            raise ValueError(f"alpha={alpha!r} must be between 0 and 1")
        if df not in ("domain", "design"):
            raise ValueError(f"df={df!r} is not one of 'domain', 'design'")
        if deff not in ("wr", "wor"):
            raise ValueError(f"deff={deff!r} is not one of 'wr', 'wor'")
        _require(self.data, ys)
        domains = self.domains(by, where)
        rows = domains.codes >= 0
        yv = np.column_stack([_numeric(self.data, c, rows) for c in ys])
        xv = _numeric(self.data, x, rows) if x is not None else None
        return estimate_from_arrays(self, domains, kind, ys, yv, xv, alpha, df, deff, ci)


def t_quantile(alpha: float, dof: np.ndarray) -> np.ndarray:
    """Return the two-sided Student t quantile for ``1 - alpha`` per degrees of freedom.

    NaN where the degrees of freedom are not positive (no interval can be given).
    """
    dof = np.asarray(dof, dtype=np.float64)
    positive = dof > 0
    return np.where(positive, stdtrit(np.where(positive, dof, 1.0), 1 - alpha / 2), np.nan)


def estimate_from_arrays(
    design: SurveyDesign,
    domains: Domains,
    kind: str,
    names: list[str],
    yv: np.ndarray,
    xv: np.ndarray | None,
    alpha: float = 0.05,
    df: str = "domain",
    deff: str = "wr",
    ci: str = "wald",
) -> pd.DataFrame:
    """Estimate totals (``kind="total"``) or ratios (``"mean"``, ``"proportion"``, ``"ratio"``).

    ``yv`` (n × k) and ``xv`` (n; ``None`` for 1, as in a mean) are the analysis values for
    every row (rows outside the domains are ignored); used by the methods of
    :class:`SurveyDesign` and by :mod:`lrkit.ir_indicators`.
    """
    codes = domains.codes
    n_dom = domains.count
    rows = np.flatnonzero(codes >= 0)
    dom = codes.take(rows)
    w = design.w.take(rows)
    y = np.asarray(yv).take(rows, axis=0)
    xin = np.ones(len(rows)) if xv is None else np.asarray(xv).take(rows)
    k = y.shape[1]
    n = np.bincount(dom, minlength=n_dom)
    weighted_n = _sum(dom, w, n_dom)
    numerator = np.column_stack([_sum(dom, w * y[:, j], n_dom) for j in range(k)])
    scores = np.empty((len(dom), k))
    srs = np.empty((n_dom, k))
    with np.errstate(divide="ignore", invalid="ignore"):
        if kind == "total":
            estimate = numerator
            denominator = None
            mean = np.where(weighted_n[:, None] > 0, numerator / weighted_n[:, None], 0.0)
            for j in range(k):
                scores[:, j] = w * y[:, j]
                resid = y[:, j] - mean[dom, j]
                srs[:, j] = weighted_n * _sum(dom, w * resid**2, n_dom) / (n - 1)
        else:
            denominator = _sum(dom, w * xin, n_dom)
            estimate = numerator / denominator[:, None]
            usable = denominator != 0
            inverse = np.where(usable, 1 / np.where(usable, denominator, 1.0), 0.0)
            for j in range(k):
                ratio = np.where(usable, estimate[:, j], 0.0)
                resid = y[:, j] - ratio[dom] * xin
                scores[:, j] = w * resid * inverse[dom]
                ss = _sum(dom, w * resid**2, n_dom)
                srs[:, j] = ss * weighted_n / ((n - 1) * denominator**2)
    if deff == "wor":
        with np.errstate(divide="ignore", invalid="ignore"):
            srs = srs * (1 - n / weighted_n)[:, None]
    parts = design._variance(dom, design._psu.take(rows), scores, n_dom)
    variance = parts.variance
    se = np.sqrt(variance)
    if df == "domain":
        dof = (parts.n_psu - parts.n_strata).astype(np.int64)
    else:
        dof = np.full(n_dom, design.design_df, dtype=np.int64)
    t = t_quantile(alpha, dof)[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        design_effect = np.where(srs > 0, variance / srs, np.nan)
        cv = np.where(estimate != 0, 100 * se / np.abs(estimate), np.nan)
        if kind == "proportion" and ci == "logit":
            p = estimate
            interior = (p > _PROP_TOL) & (p < 1 - _PROP_TOL) & (se > _PROP_TOL)
            safe = np.where(interior, p, 0.5)
            logit = np.log(safe / (1 - safe))
            half = t * se / (safe * (1 - safe))
            lower = np.where(interior, 1 / (1 + np.exp(-(logit - half))), p)
            upper = np.where(interior, 1 / (1 + np.exp(-(logit + half))), p)
            lower = np.where(np.isfinite(t), lower, np.nan)
            upper = np.where(np.isfinite(t), upper, np.nan)
        else:
            lower = estimate - t * se
            upper = estimate + t * se

    tables = []
    for j, name in enumerate(names):
        table = domains.levels.copy()
        table["variable"] = name
        table["estimate"] = estimate[:, j]
        table["se"] = np.where(n > 0, se[:, j], np.nan)
        table["ci_lower"] = lower[:, j]
        table["ci_upper"] = upper[:, j]
        table["cv_pct"] = cv[:, j]
        table["deff"] = design_effect[:, j]
        table["df"] = dof
        table["n"] = n
        table["n_psu"] = parts.n_psu
        table["weighted_n"] = weighted_n
        if denominator is not None:
            table["numerator"] = numerator[:, j]
            table["denominator"] = denominator
        flag, reason = reliability_flags(
            table["estimate"].to_numpy(),
            table["se"].to_numpy(),
            n,
            dof,
            None if denominator is None else denominator,
            proportion=kind == "proportion",
        )
        table["flag"] = flag
        table["flag_reason"] = reason
        tables.append(table)
    return pd.concat(tables, ignore_index=True)


def reliability_flags(
    estimate: np.ndarray,
    se: np.ndarray,
    n: np.ndarray,
    dof: np.ndarray | None = None,
    denominator: np.ndarray | None = None,
    proportion: bool = False,
) -> tuple[list[str], list[str]]:
    """Return the reliability flag and its reason for each estimate.

    The kit's stated rule (see :data:`CV_PUBLISH_MAX` and :data:`MIN_N_SUPPRESS`):

    * **suppress** when the domain has no sample observations, fewer than
      :data:`MIN_N_SUPPRESS`, a zero denominator, no degrees of freedom (its observations lie
      in one PSU per stratum, so no interval can be given) or a CV above
      :data:`CV_CAUTION_MAX` %;
    * **use with caution** when it has fewer than :data:`MIN_N_PUBLISH` observations, a CV
      above :data:`CV_PUBLISH_MAX` %, or an estimate of 0 (or a proportion of 0 or 1), whose
      CV says nothing about its precision;
    * **publish** otherwise.

    ``flag_reason`` lists every condition met, so a flagged cell says why.
    """
    estimate = np.asarray(estimate, dtype=np.float64)
    se = np.asarray(se, dtype=np.float64)
    n = np.asarray(n)
    with np.errstate(divide="ignore", invalid="ignore"):
        cv = np.where(estimate != 0, 100 * se / np.abs(estimate), np.nan)
    flags: list[str] = []
    reasons: list[str] = []
    for i in range(len(estimate)):
        suppress: list[str] = []
        caution: list[str] = []
        if n[i] == 0:
            suppress.append("no sample observations in the domain")
        else:
            if denominator is not None and denominator[i] == 0:
                suppress.append("the denominator is zero")
            if n[i] < MIN_N_SUPPRESS:
                suppress.append(f"n = {int(n[i])} < {MIN_N_SUPPRESS}")
            elif n[i] < MIN_N_PUBLISH:
                caution.append(f"n = {int(n[i])} < {MIN_N_PUBLISH}")
            if dof is not None and dof[i] <= 0:
                suppress.append("no degrees of freedom (one PSU per stratum in the domain)")
            if np.isfinite(cv[i]) and cv[i] > CV_CAUTION_MAX:
                suppress.append(f"CV {cv[i]:.1f}% > {CV_CAUTION_MAX:g}%")
            elif np.isfinite(cv[i]) and cv[i] > CV_PUBLISH_MAX:
                caution.append(f"CV {cv[i]:.1f}% > {CV_PUBLISH_MAX:g}%")
            if np.isfinite(estimate[i]) and estimate[i] == 0:
                caution.append("estimate is 0, so the CV is undefined")
            elif proportion and np.isfinite(estimate[i]) and estimate[i] >= 1 - _PROP_TOL:
                caution.append("estimate is 100%: standard error 0, interval degenerate")
        if suppress:
            flags.append(SUPPRESS)
            reasons.append("; ".join(suppress + caution))
        elif caution:
            flags.append(CAUTION)
            reasons.append("; ".join(caution))
        else:
            flags.append(PUBLISH)
            reasons.append("")
    return flags, reasons
