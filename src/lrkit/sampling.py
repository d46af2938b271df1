"""Drawing an enterprise sample from a frame: strata, allocation, sample size, selection, weights.

An enterprise survey on labour relations (điều tra doanh nghiệp về quan hệ lao động) starts
from a **frame** (dàn mẫu): the list of enterprises it can select from. This module does
the steps a statistics office takes between the frame and the fieldwork, and the weighting
after it:

1. :func:`survey_frame` keeps the enterprises active in the survey year;
   :func:`add_stratum` and :func:`stratum_table` cut the frame into **strata** (tầng),
   by default province × ownership × size band;
2. :func:`sample_size_for_proportion` and :func:`sample_size_for_mean` give the number of
   enterprises to select for a target **coefficient of variation** (hệ số biến thiên);
3. :func:`allocate` shares that number among the strata (proportional, Neyman or equal;
   a minimum per stratum; never more than a stratum holds);
4. :func:`select_stratified` draws a stratified simple random sample and
   :func:`select_pps_systematic` a sample with probability proportional to size; both give
   each selected enterprise its inclusion probability and its **design weight**
   (quyền số thiết kế), the number of frame enterprises it stands for;
   :func:`kish_design_effect` says how much unequal weights cost in precision;
5. :func:`adjust_for_nonresponse` spreads the weight of enterprises that did not answer over
   those that did, within weighting classes, and reports what it did in each class.

Every function states its formula in its docstring; the book's Module 2 works through them
on the synthetic frame. Errors name the parameter or column at fault and what is allowed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

#: The strata of the kit's enterprise survey: province × ownership × size band.
STRATUM_COLUMNS: tuple[str, ...] = ("province", "ownership", "employment_band")
#: The separator between the parts of a stratum label ("Đồng Nai / state / 10-49").
STRATUM_SEPARATOR = " / "
#: Orders used to sort strata in tables (values not listed sort after these, by name).
ORDERS: dict[str, tuple[str, ...]] = {
    "province": ("Hồ Chí Minh City", "Hải Phòng", "Đồng Nai"),
    "ownership": ("state", "domestic_private", "foreign_invested"),
    "employment_band": ("1-9", "10-49", "50-199", "200-999", "1000+"),
}
ALLOCATION_METHODS: tuple[str, ...] = ("proportional", "neyman", "equal")
Method = Literal["proportional", "neyman", "equal"]
#: Response codes accepted by :func:`adjust_for_nonresponse` (besides True/False).
RESPONDENT, NONRESPONDENT, INELIGIBLE = "respondent", "nonrespondent", "ineligible"
RESPONSE_CODES: tuple[str, ...] = (RESPONDENT, NONRESPONDENT, INELIGIBLE)


# ---------------------------------------------------------------------------------------
# Checking arguments


def _require(frame: pd.DataFrame, columns: Sequence[str], what: str = "the frame") -> None:
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise KeyError(
            f"column(s) {missing} missing from {what}; it has: {', '.join(map(str, frame.columns))}"
        )


def _number(name: str, value: object) -> float:
    """Return ``value`` as a float; text such as "0.05" (from papermill ``-r``) is accepted."""
    if isinstance(value, bool):
        raise TypeError(f"{name} must be a number, got {value!r}")
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            raise TypeError(f"{name} must be a number, got {value!r}") from None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a number, got {value!r}") from None
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return number


def _fraction(name: str, value: object, *, allow_one: bool = True) -> float:
    """Return ``value`` checked to lie in (0, 1] (or (0, 1) when ``allow_one`` is false)."""
    number = _number(name, value)
    upper_ok = number <= 1 if allow_one else number < 1
    if not (number > 0 and upper_ok):
        interval = "(0, 1]" if allow_one else "(0, 1)"
        hint = " (a share, not a percentage: 5% is 0.05)" if number > 1 else ""
        raise ValueError(f"{name} must be in {interval}, got {value!r}{hint}")
    return number


def _whole(name: str, value: object, minimum: int = 0) -> int:
    if isinstance(value, bool):
        raise TypeError(f"{name} must be a whole number, got {value!r}")
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int | np.integer):
        raise TypeError(f"{name} must be a whole number, got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be {minimum} or more, got {value!r}")
    return int(value)


@dataclass(frozen=True)
class DesignParameters:
    """Checked parameters of a sample-size calculation (see :func:`check_design_parameters`)."""

    target_cv: float
    design_effect: float
    response_rate: float
    expected_share: float | None = None


def check_design_parameters(
    target_cv: object,
    design_effect: object = 1.0,
    response_rate: object = 1.0,
    expected_share: object = None,
) -> DesignParameters:
    """Return the checked design parameters of a notebook, or raise naming the bad one.

    ``target_cv`` and ``expected_share`` are shares in (0, 1) (a CV of 5% is 0.05);
    ``response_rate`` is in (0, 1]; ``design_effect`` is a number of at least 1 for the
    clustered or unequally weighted designs it is meant for (values below 1, which a good
    stratification can give, are accepted down to 0.1). Text from the command line
    ("0.05") is accepted.
    """
    cv = _fraction("target_cv", target_cv, allow_one=False)
    deff = _number("design_effect", design_effect)
    if not 0.1 <= deff <= 20:
        raise ValueError(f"design_effect must be between 0.1 and 20, got {design_effect!r}")
    rate = _fraction("response_rate", response_rate)
    share = None
    if expected_share is not None:
        share = _fraction("expected_share", expected_share, allow_one=False)
    return DesignParameters(cv, deff, rate, share)


# ---------------------------------------------------------------------------------------
# The frame and its strata


def survey_frame(
    enterprises: pd.DataFrame, year: int, provinces: Sequence[str] | str | None = None
) -> pd.DataFrame:
    """Return the enterprises of ``enterprises`` that were active in ``year``.

    Active means founded in or before ``year`` and, where the frame has a ``year_closed``
    column, not closed before ``year`` (an enterprise that closed during ``year`` was still
    active in it). ``provinces`` (a name or a list) keeps those provinces only. The rows
    keep their order and their columns; the index is reset.
    """
    _require(enterprises, ["year_founded", "province"], "the enterprise frame")
    year = _whole("year", year)
    active = enterprises["year_founded"].to_numpy() <= year
    if "year_closed" in enterprises.columns:
        closed = pd.to_numeric(enterprises["year_closed"]).astype("Float64")
        active &= (closed.isna() | (closed >= year)).to_numpy(dtype=bool)
    if provinces is not None:
        wanted = [provinces] if isinstance(provinces, str) else list(provinces)
        unknown = sorted(set(wanted) - set(enterprises["province"]))
        if unknown:
            raise ValueError(
                f"province(s) {unknown} not in the frame; it has: "
                f"{', '.join(sorted(enterprises['province'].unique()))}"
            )
        active &= enterprises["province"].isin(wanted).to_numpy()
    return enterprises.loc[active].reset_index(drop=True)


def stratum_labels(frame: pd.DataFrame, by: Sequence[str] = STRATUM_COLUMNS) -> pd.Series:
    """Return the stratum label of each row: the ``by`` values joined by " / "."""
    by = list(by)
    if not by:
        raise ValueError("by must name at least one column")
    _require(frame, by)
    parts = [frame[column].astype("str") for column in by]
    label = parts[0]
    for part in parts[1:]:
        label = label + STRATUM_SEPARATOR + part
    return label.rename("stratum")


def add_stratum(
    frame: pd.DataFrame, by: Sequence[str] = STRATUM_COLUMNS, name: str = "stratum"
) -> pd.DataFrame:
    """Return a copy of ``frame`` with a column ``name`` holding each row's stratum label."""
    out = frame.copy()
    out[name] = stratum_labels(frame, by).to_numpy()
    return out


def _sort_key(column: str, values: pd.Series) -> pd.Series:
    order = ORDERS.get(column, ())
    rank = {value: i for i, value in enumerate(order)}
    return values.map(lambda v: (rank.get(v, len(order)), str(v)))


def stratum_table(
    frame: pd.DataFrame,
    by: Sequence[str] = STRATUM_COLUMNS,
    value: str | None = None,
    share: str | None = None,
) -> pd.DataFrame:
    """Return one row per stratum: the ``by`` columns, ``stratum`` (its label) and ``N``.

    ``N`` (N_h) is the number of frame enterprises in the stratum. With ``value`` (a numeric
    column) the table adds its stratum ``mean`` and standard deviation ``sd`` (S_h, with the
    N_h − 1 divisor; 0 for a stratum of one); with ``share`` (a true/false column) it adds
    ``share`` (P_h) and ``sd`` = √(P_h(1 − P_h)). These are what Neyman allocation needs.
    Strata are sorted in the kit's order (province, ownership, size band).
    """
    by = list(by)
    _require(frame, by + [c for c in (value, share) if c is not None])
    if value is not None and share is not None:
        raise ValueError("give either value= (a numeric column) or share= (a true/false column)")
    labelled = frame[by].copy()
    labelled["stratum"] = stratum_labels(frame, by).to_numpy()
    grouped = labelled.groupby("stratum", sort=False)
    table = grouped[by].first()
    table["N"] = grouped.size().astype("int64")
    if value is not None:
        numbers = pd.to_numeric(frame[value]).astype("float64")
        groups = numbers.groupby(labelled["stratum"].to_numpy(), sort=False)
        table["mean"] = groups.mean()
        table["sd"] = groups.std(ddof=1).fillna(0.0)
    if share is not None:
        flags = frame[share].astype("boolean").astype("float64")
        p = flags.groupby(labelled["stratum"].to_numpy(), sort=False).mean()
        table["share"] = p
        table["sd"] = np.sqrt(p * (1 - p))
    table = table.reset_index()
    keys = pd.DataFrame({c: _sort_key(c, table[c]) for c in by})
    order = sorted(range(len(table)), key=lambda i: tuple(keys.iloc[i]))
    columns = by + ["stratum"] + [c for c in table.columns if c not in by + ["stratum"]]
    return table.iloc[order][columns].reset_index(drop=True)


# ---------------------------------------------------------------------------------------
# Allocation


def _bounded_allocation(
    n: int, scores: np.ndarray, lower: np.ndarray, upper: np.ndarray
) -> np.ndarray:
    """Return x_h = clip(λ·a_h, l_h, u_h) with Σ x_h = n (continuous), solving for λ.

    Σ x_h(λ) is continuous, piecewise linear and non-decreasing in λ, with kinks where
    λ·a_h reaches l_h or u_h; the solution lies on the segment where the total crosses n.
    """
    positive = scores > 0
    if lower.sum() >= n or not positive.any():
        return lower.astype(float)

    def total(lam: float) -> float:
        return float(np.clip(lam * scores, lower, upper).sum())

    kinks = np.unique(
        np.concatenate([lower[positive], upper[positive]])
        / np.concatenate([scores[positive], scores[positive]])
    )
    previous = 0.0
    for kink in kinks:
        if total(kink) >= n:
            break
        previous = kink
    else:  # n above what the positive-score strata can hold: they are all taken whole
        taken = np.where(positive, upper, lower).astype(float)
        if taken.sum() >= n - 1e-9:
            return taken
        # the rest goes to the strata with a score of 0 (S_h = 0), in proportion to N_h
        return _bounded_allocation(n, np.where(positive, 0.0, upper), taken, upper)
    low_total, high_total = total(previous), total(kink)
    lam = previous + (kink - previous) * (n - low_total) / (high_total - low_total)
    return np.clip(lam * scores, lower, upper)


def _round_allocation(exact: np.ndarray, n: int) -> np.ndarray:
    """Round a continuous allocation to whole numbers that add up to ``n``.

    Largest remainders (Hamilton's method): every stratum gets ⌊x_h⌋, and the units still
    missing go to the strata with the largest fractional parts (ties: the first stratum).
    Each result is ⌊x_h⌋ or ⌈x_h⌉, so bounds that are whole numbers are kept.
    """
    floors = np.floor(exact + 1e-9).astype(np.int64)
    missing = n - int(floors.sum())
    if missing > 0:
        remainder = exact - floors
        order = np.argsort(-remainder, kind="stable")[:missing]
        floors[order] += 1
    return floors


def allocate(
    strata: pd.DataFrame,
    n: int,
    method: Method = "proportional",
    *,
    minimum: int = 0,
    size: str = "N",
    sd: str = "sd",
    stratum: str = "stratum",
    whole: bool = True,
) -> pd.Series:
    """Return the number of enterprises to select in each stratum, ``n_h``, adding up to ``n``.

    ``strata`` has one row per stratum with its frame count ``size`` (N_h) and, for Neyman
    allocation, a standard deviation ``sd`` (S_h): :func:`stratum_table` gives both (S_h of
    a numeric column, or √(P_h(1 − P_h)) from a guessed proportion). The methods:

    * ``"proportional"``: n_h ∝ N_h, so every enterprise has the same chance n/N and the
      sample looks like the frame;
    * ``"neyman"``: n_h ∝ N_h·S_h, which gives the smallest variance of the estimated
      mean or total for the given n: strata that are large *or* varied get more;
    * ``"equal"``: the same n_h in every stratum, good for comparing strata, poor for the
      total.

    Each stratum gets at least ``minimum`` (two are needed to estimate a variance) and never
    more than N_h: small strata are taken whole. These bounds are met by solving
    n_h = clip(λ·a_h, min(minimum, N_h), N_h) with Σ n_h = n for λ (a_h is N_h, N_h·S_h or
    1), then rounding by largest remainders so the total stays exactly n.

    Returns a Series of whole numbers named ``n_h``, indexed by the ``stratum`` column
    (with ``whole=False``, the exact allocation before rounding, as floats).
    """
    if method not in ALLOCATION_METHODS:
        raise ValueError(f"method {method!r} is not one of: {', '.join(ALLOCATION_METHODS)}")
    _require(strata, [stratum, size], "the strata table")
    if strata[stratum].duplicated().any():
        twice = sorted(strata.loc[strata[stratum].duplicated(), stratum].astype(str))
        raise ValueError(f"strata table has stratum label(s) more than once: {twice}")
    n = _whole("n", n, minimum=1)
    minimum = _whole("minimum", minimum)
    counts = strata[size].to_numpy(dtype=float)
    if (counts < 0).any() or not np.all(np.equal(np.mod(counts, 1), 0)):
        raise ValueError(f"column {size!r} must hold whole numbers of 0 or more (N_h)")
    total = int(counts.sum())
    if n > total:
        raise ValueError(f"n = {n} is more than the {total} enterprises in the strata")
    lower = np.minimum(minimum, counts)
    if lower.sum() > n:
        raise ValueError(
            f"minimum = {minimum} per stratum needs {int(lower.sum())} enterprises, more than "
            f"n = {n}; lower the minimum or raise n"
        )
    if method == "proportional":
        scores = counts.copy()
    elif method == "equal":
        scores = np.where(counts > 0, 1.0, 0.0)
    else:
        if sd not in strata.columns:
            raise KeyError(
                f"Neyman allocation needs a column {sd!r} with each stratum's standard "
                "deviation; make it with stratum_table(frame, value=...) or share=..."
            )
        spread = strata[sd].to_numpy(dtype=float)
        if np.isnan(spread).any() or (spread < 0).any():
            raise ValueError(f"column {sd!r} must hold standard deviations of 0 or more")
        if not (spread * counts > 0).any():
            raise ValueError(
                f"every stratum has {sd} = 0: Neyman allocation is undefined; use proportional"
            )
        scores = counts * spread
    exact = _bounded_allocation(n, scores, lower, counts)
    values = _round_allocation(exact, n) if whole else exact
    return pd.Series(values, index=pd.Index(strata[stratum], name=stratum), name="n_h")


# ---------------------------------------------------------------------------------------
# Sample size for a target coefficient of variation


@dataclass(frozen=True)
class SampleSize:
    """A sample size worked out step by step (see :func:`sample_size_for_proportion`).

    ``n0``: simple random sampling from an infinite population; ``n_deff``: times the
    design effect; ``n_fpc``: after the finite population correction (equal to ``n_deff``
    when no population size was given); ``respondents``: ⌈n_fpc⌉, the answers needed;
    ``n``: the enterprises to *select*, ⌈n_fpc / response rate⌉ (at most N).
    """

    n0: float
    n_deff: float
    n_fpc: float
    respondents: int
    n: int
    population: int | None

    def __int__(self) -> int:
        return self.n

    def table(self) -> pd.DataFrame:
        """Return the steps as a small table, for showing in a notebook."""
        rows = [
            ("n0: simple random sample, infinite population", self.n0),
            ("× design effect", self.n_deff),
            ("finite population correction", self.n_fpc),
            ("responding enterprises needed", self.respondents),
            ("enterprises to select (÷ response rate)", self.n),
        ]
        return pd.DataFrame(rows, columns=["step", "n"]).set_index("step")


def _finish(
    n0: float, design_effect: float, population: int | None, response_rate: float
) -> SampleSize:
    n_deff = n0 * design_effect
    if population is None:
        n_fpc = n_deff
    else:
        n_fpc = n_deff / (1 + n_deff / population)
    respondents = math.ceil(n_fpc - 1e-9)
    n = math.ceil(n_fpc / response_rate - 1e-9)
    if population is not None:
        n = min(n, population)
    return SampleSize(n0, n_deff, n_fpc, respondents, n, population)


def _population(population: object) -> int | None:
    return None if population is None else _whole("population", population, minimum=1)


def sample_size_for_proportion(
    share: float,
    target_cv: float,
    *,
    population: int | None = None,
    design_effect: float = 1.0,
    response_rate: float = 1.0,
) -> SampleSize:
    """Return the sample size that estimates a proportion P with a coefficient of variation.

    The CV of an estimated proportion p̂ is its standard error over P. Under simple random
    sampling of n from an infinite population, Var(p̂) = P(1 − P)/n, so the CV is
    √((1 − P)/(n·P)) and the n that gives a target CV c is

        n0 = (1 − P) / (c² · P).

    Then, in this order:

    1. **design effect** (hiệu ứng thiết kế) d: the variance of the real design over that of
       simple random sampling, from a past survey; n_deff = d · n0;
    2. **finite population correction** for a frame of N enterprises: sampling without
       replacement multiplies the variance by (1 − n/N), so n_fpc = n_deff / (1 + n_deff/N);
    3. **expected response rate** r (tỷ lệ trả lời): only r of the selected enterprises
       answer, so select n = ⌈n_fpc / r⌉ (never more than N).

    Rare proportions need large samples: the CV is relative to P. ``share`` (the guess of
    P, from a past survey or a register) and ``target_cv`` are shares in (0, 1).
    """
    share = _fraction("share", share, allow_one=False)
    target_cv = _fraction("target_cv", target_cv, allow_one=False)
    design = check_design_parameters(target_cv, design_effect, response_rate)
    n0 = (1 - share) / (target_cv**2 * share)
    return _finish(n0, design.design_effect, _population(population), design.response_rate)


def sample_size_for_mean(
    unit_cv: float,
    target_cv: float,
    *,
    population: int | None = None,
    design_effect: float = 1.0,
    response_rate: float = 1.0,
) -> SampleSize:
    """Return the sample size that estimates a mean with a target coefficient of variation.

    ``unit_cv`` is the population coefficient of variation of the variable, S/Ȳ (its
    standard deviation over its mean; for example of enterprises' mean wages, from a past
    survey). Under simple random sampling the CV of the sample mean is (S/Ȳ)/√n, so

        n0 = (S/Ȳ)² / c²,

    followed by the design effect, the finite population correction and the response rate
    exactly as in :func:`sample_size_for_proportion`.
    """
    unit_cv = _number("unit_cv", unit_cv)
    if unit_cv <= 0:
        raise ValueError(f"unit_cv (S/mean of the variable) must be above 0, got {unit_cv!r}")
    target_cv = _fraction("target_cv", target_cv, allow_one=False)
    design = check_design_parameters(target_cv, design_effect, response_rate)
    n0 = unit_cv**2 / target_cv**2
    return _finish(n0, design.design_effect, _population(population), design.response_rate)


def kish_design_effect(weights: Sequence[float] | np.ndarray | pd.Series) -> float:
    """Return Kish's design effect of unequal weights, n·Σw² / (Σw)² = 1 + CV² of the weights.

    Unequal weights alone make estimates less precise than a self-weighting sample of the
    same size: this is the factor by which the variance grows (for a variable unrelated to
    the weights). A proportional allocation gives 1; a minimum per stratum, Neyman
    allocation or non-response adjustment push it above 1. It is one way to check the
    design effect assumed when the sample size was chosen.
    """
    w = np.asarray(weights, dtype=float)
    if w.ndim != 1 or len(w) == 0 or not np.isfinite(w).all() or (w <= 0).any():
        raise ValueError("weights must be a non-empty list of numbers above 0")
    return float(len(w) * (w**2).sum() / w.sum() ** 2)


# ---------------------------------------------------------------------------------------
# Selection


def _allocation_series(allocation: Mapping[str, int] | pd.Series) -> pd.Series:
    series = pd.Series(allocation) if not isinstance(allocation, pd.Series) else allocation
    if series.index.has_duplicates:
        raise ValueError("allocation names a stratum more than once")
    return series


def select_stratified(
    frame: pd.DataFrame,
    allocation: Mapping[str, int] | pd.Series,
    *,
    seed: int,
    stratum: str = "stratum",
) -> pd.DataFrame:
    """Draw a stratified simple random sample without replacement, and give its weights.

    ``frame`` has a ``stratum`` column (see :func:`add_stratum`); ``allocation`` maps each
    stratum label to n_h (see :func:`allocate`). In each stratum n_h of the N_h enterprises
    are drawn at random, all equally likely, so each has inclusion probability
    π = n_h/N_h and design weight w = N_h/n_h: a selected enterprise stands for itself and
    the N_h/n_h − 1 unselected ones like it. Within each stratum the weights add up to N_h,
    so over the sample they add up to N, the size of the frame.

    The draw depends only on ``seed``, the allocation and the order of the frame: the same
    inputs give the same sample. Strata of the frame missing from the allocation, or given
    n_h = 0, get no sample (a warning sign: their enterprises are represented by no one).
    Returns the selected rows with ``N_h``, ``n_h``, ``inclusion_probability`` and
    ``design_weight``, in frame order.
    """
    _require(frame, [stratum])
    seed = _whole("seed", seed)
    alloc = _allocation_series(allocation)
    labels = frame[stratum].astype("str").to_numpy()
    counts = pd.Series(labels).value_counts()
    unknown = sorted(set(map(str, alloc.index)) - set(counts.index))
    if unknown:
        raise ValueError(f"allocation names stratum/strata not in the frame: {unknown[:5]}")
    rng = np.random.default_rng(seed)
    chosen: list[np.ndarray] = []
    size_of = {}
    for label, wanted in alloc.items():
        n_h = _whole(f"allocation[{label!r}]", wanted)
        rows = np.flatnonzero(labels == str(label))
        if n_h > len(rows):
            raise ValueError(
                f"allocation[{label!r}] = {n_h} is more than the {len(rows)} enterprises "
                "in that stratum"
            )
        size_of[str(label)] = (len(rows), n_h)
        if n_h:
            chosen.append(rows[np.sort(rng.choice(len(rows), size=n_h, replace=False))])
    picked = np.sort(np.concatenate(chosen)) if chosen else np.array([], dtype=np.int64)
    sample = frame.iloc[picked].copy()
    sample_labels = labels[picked]
    sample["N_h"] = np.array([size_of[s][0] for s in sample_labels], dtype=np.int64)
    sample["n_h"] = np.array([size_of[s][1] for s in sample_labels], dtype=np.int64)
    sample["inclusion_probability"] = sample["n_h"] / sample["N_h"]
    sample["design_weight"] = sample["N_h"] / sample["n_h"]
    return sample


def pps_inclusion_probabilities(size: Sequence[float] | np.ndarray, n: int) -> np.ndarray:
    """Return π_i = n·x_i / Σx for a sample of ``n`` drawn with probability ∝ size x_i.

    A unit whose n·x_i/Σx reaches 1 is a **certainty unit** (đơn vị chắc chắn): it is taken
    with probability 1, and the remaining n − k draws are shared among the others,
    recomputing π over them, until no π exceeds 1. The π add up to n. Every size must be
    above 0 (an enterprise of size 0 could never be selected).
    """
    x = np.asarray(size, dtype=float)
    if x.ndim != 1 or len(x) == 0:
        raise ValueError("size must be a non-empty list of numbers")
    if not np.isfinite(x).all() or (x <= 0).any():
        raise ValueError("every measure of size must be a number above 0")
    n = _whole("n", n, minimum=1)
    if n > len(x):
        raise ValueError(f"n = {n} is more than the {len(x)} units")
    certain = np.zeros(len(x), dtype=bool)
    while True:
        rest = ~certain
        left = n - int(certain.sum())
        pi = np.where(certain, 1.0, left * x / x[rest].sum() if left else 0.0)
        new = rest & (pi >= 1 - 1e-12)
        if not new.any():
            return np.where(certain, 1.0, pi)
        certain |= new


def select_pps_systematic(
    frame: pd.DataFrame,
    n: int,
    *,
    size: str = "employees",
    seed: int,
    sort_by: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Draw ``n`` enterprises with probability proportional to ``size``, systematically.

    Large enterprises matter most for totals such as strikes or workers covered, so giving
    them a larger chance lowers the variance. The inclusion probabilities come from
    :func:`pps_inclusion_probabilities`; certainty units are all taken. The others are laid
    end to end, each over a length π_i (in frame order, or sorted by ``sort_by`` for an
    implicit stratification), a random start r in [0, 1) is drawn and the units covering
    r, r + 1, r + 2, … are selected: since every π_i < 1 no unit is hit twice, and unit i is
    hit with probability exactly π_i.

    Returns the selected rows with ``inclusion_probability``, ``design_weight`` = 1/π and
    ``certainty`` (true for certainty units). The weights add up to the number of
    enterprises in the frame on average over repeated samples (Horvitz–Thompson), not in
    each sample.
    """
    _require(frame, [size] + list(sort_by or []))
    seed = _whole("seed", seed)
    ordered = frame.sort_values(list(sort_by), kind="stable") if sort_by else frame
    x = pd.to_numeric(ordered[size]).to_numpy(dtype=float)
    try:
        pi = pps_inclusion_probabilities(x, n)
    except ValueError as error:
        raise ValueError(f"column {size!r}: {error}") from None
    certain = pi >= 1.0
    rng = np.random.default_rng(seed)
    rest = np.flatnonzero(~certain)
    picked = np.flatnonzero(certain)
    draws = n - int(certain.sum())
    if draws:
        ends = np.cumsum(pi[rest])
        points = rng.random() + np.arange(draws)
        hit = np.searchsorted(ends, points, side="right")
        hit = np.minimum(hit, len(rest) - 1)  # a point equal to the last end, by rounding
        picked = np.concatenate([picked, rest[hit]])
    positions = np.sort(picked)
    sample = ordered.iloc[positions].copy()
    sample["inclusion_probability"] = pi[positions]
    sample["design_weight"] = 1.0 / pi[positions]
    sample["certainty"] = certain[positions]
    return sample


# ---------------------------------------------------------------------------------------
# Non-response adjustment


@dataclass(frozen=True)
class NonresponseAdjustment:
    """The result of :func:`adjust_for_nonresponse`.

    ``sample``: every selected row, with ``status`` (respondent, nonrespondent,
    ineligible), ``nonresponse_factor`` and ``adjusted_weight`` (0 for nonrespondents);
    ``report``: one row per weighting class with what was done there.
    """

    sample: pd.DataFrame
    report: pd.DataFrame

    @property
    def respondents(self) -> pd.DataFrame:
        """Return the responding rows, the ones used for estimation."""
        return self.sample[self.sample["status"] == RESPONDENT]


def _status(values: pd.Series, column: str) -> np.ndarray:
    if pd.api.types.is_bool_dtype(values.dtype):
        if values.isna().any():
            raise ValueError(f"column {column!r} has missing values; every row needs a status")
        return np.where(values.to_numpy(dtype=bool), RESPONDENT, NONRESPONDENT).astype(object)
    text = values.astype("str").to_numpy(dtype=object)
    bad = sorted(set(text) - set(RESPONSE_CODES))
    if bad:
        raise ValueError(
            f"column {column!r} must be true/false or one of {', '.join(RESPONSE_CODES)}; "
            f"got {bad[:5]}"
        )
    return text


def adjust_for_nonresponse(
    sample: pd.DataFrame,
    *,
    response: str = "responded",
    weight: str = "design_weight",
    classes: Sequence[str] = ("ownership", "employment_band"),
) -> NonresponseAdjustment:
    """Spread the weight of nonrespondents over the respondents of the same class.

    ``response`` is true/false (responded or not) or one of "respondent", "nonrespondent",
    "ineligible" (for example an enterprise found closed: it is out of scope, keeps its
    weight for counting such cases and is not adjusted). In each weighting class c
    (lớp điều chỉnh quyền số), made of the ``classes`` columns,

        factor_c = Σ_{respondents and nonrespondents in c} w_i / Σ_{respondents in c} w_i

    and each respondent's weight becomes w_i · factor_c; nonrespondents get 0. The
    adjusted weights of the respondents add up to the design weights of all eligible
    selected enterprises in the class. This assumes that, within a class, the enterprises
    that answered resemble those that did not (missing at random within classes), which is
    why classes should group enterprises that respond alike and answer alike: ownership
    and size for an IR survey.

    Raises ``ValueError`` naming a class that has eligible enterprises but no respondent
    (collapse it with a neighbouring class). The report has, per class: ``selected``,
    ``respondents``, ``nonrespondents``, ``ineligible``, the weight sums, ``factor`` and
    ``adjusted`` (respondents whose weight changed); its rows add up to the sample.
    """
    classes = list(classes)
    _require(sample, [response, weight] + classes, "the sample")
    weights = pd.to_numeric(sample[weight]).to_numpy(dtype=float)
    if not np.isfinite(weights).all() or (weights <= 0).any():
        raise ValueError(f"column {weight!r} must hold design weights above 0")
    status = _status(sample[response], response)
    key = stratum_labels(sample, classes).to_numpy() if classes else np.full(len(sample), "all")
    out = sample.copy()
    factor = np.ones(len(sample))
    rows = []
    for label in pd.unique(key):
        here = key == label
        first = int(np.flatnonzero(here)[0])
        resp = here & (status == RESPONDENT)
        nonresp = here & (status == NONRESPONDENT)
        inelig = here & (status == INELIGIBLE)
        w_resp, w_non = weights[resp].sum(), weights[nonresp].sum()
        values = {c: sample[c].iloc[first] for c in classes}
        if nonresp.any() and not resp.any():
            where = ", ".join(f"{c}={v!r}" for c, v in values.items())
            raise ValueError(
                f"weighting class {where or label} has {int(nonresp.sum())} nonrespondent(s) "
                "and no respondent: its weight cannot be spread; collapse the class with a "
                "neighbouring one (fewer classes= columns or merged categories)"
            )
        f = (w_resp + w_non) / w_resp if resp.any() else 1.0
        factor[resp] = f
        rows.append(
            {
                **values,
                "class": label,
                "selected": int(here.sum()),
                "respondents": int(resp.sum()),
                "nonrespondents": int(nonresp.sum()),
                "ineligible": int(inelig.sum()),
                "weight_selected": float(weights[here].sum()),
                "weight_respondents": float(w_resp),
                "weight_nonrespondents": float(w_non),
                "factor": float(f),
                "adjusted": int(resp.sum()) if f != 1.0 else 0,
            }
        )
    out["status"] = status
    out["nonresponse_factor"] = np.where(status == NONRESPONDENT, 0.0, factor)
    out["adjusted_weight"] = weights * out["nonresponse_factor"].to_numpy()
    report = pd.DataFrame(rows)
    if classes:
        keys = pd.DataFrame({c: _sort_key(c, report[c]) for c in classes})
        order = sorted(range(len(report)), key=lambda i: tuple(keys.iloc[i]))
        report = report.iloc[order].reset_index(drop=True)
    return NonresponseAdjustment(out, report)
