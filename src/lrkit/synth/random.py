"""Seeded random streams and small drawing helpers shared by the generators.

Each dataset draws from its own stream, derived from the user's seed and the dataset's
name, so adding a column to one dataset never changes the numbers of another. The
benchmark can ask the streams to count the variates they draw (``count_variates``), to
compare the generator with the time numpy alone needs for as many draws.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import numpy as np

_COUNTER: list[int] | None = None


def check_seed(seed: object) -> int:
    """Return ``seed`` as an int, or raise ``ValueError`` naming it and what is allowed."""
    if not isinstance(seed, int | np.integer) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"seed must be a whole number of 0 or more, got {seed!r}")
    return int(seed)


class _CountingGenerator:
    """A Generator proxy that adds the size of every array it returns to the counter."""

    def __init__(self, rng: np.random.Generator, counter: list[int]) -> None:
        self._rng = rng
        self._counter = counter

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._rng, name)
        if not callable(method):
            return method

        def counted(*args: Any, **kwargs: Any) -> Any:
            result = method(*args, **kwargs)
            self._counter[0] += int(np.size(result))
            return result

        return counted


@contextmanager
def count_variates() -> Iterator[list[int]]:
    """Count the random variates drawn by every stream made inside the ``with`` block."""
    global _COUNTER
    _COUNTER = [0]
    try:
        yield _COUNTER
    finally:
        _COUNTER = None


def stream(seed: int, name: str) -> np.random.Generator:
    """Return the random generator for dataset ``name`` under the user's ``seed``."""
    seed = check_seed(seed)
    rng = np.random.default_rng(np.random.SeedSequence([seed, zlib.crc32(name.encode())]))
    if _COUNTER is not None:
        return _CountingGenerator(rng, _COUNTER)  # type: ignore[return-value]
    return rng


def choice(rng: np.random.Generator, shares: Mapping[Any, float], size: int) -> np.ndarray:
    """Draw ``size`` labels with the probabilities in ``shares`` (which must sum to 1)."""
    labels = list(shares)
    probabilities = np.array([shares[label] for label in labels], dtype=float)
    if not np.isclose(probabilities.sum(), 1.0):
        raise ValueError(f"shares must sum to 1, got {probabilities.sum():.6f} for {labels}")
    return np.array(labels, dtype=object)[rng.choice(len(labels), size=size, p=probabilities)]


def choice_by_group(
    rng: np.random.Generator, groups: np.ndarray, shares: Mapping[Any, Mapping[Any, float]]
) -> np.ndarray:
    """Draw one label per element of ``groups`` from ``shares[group]`` (vectorised).

    All groups must share the same labels. Uses one uniform draw per element and the
    cumulative shares of its group, so the cost is linear in the number of elements.
    """
    keys = list(shares)
    labels = list(shares[keys[0]])
    table = np.array([[shares[k].get(label, 0.0) for label in labels] for k in keys])
    sums = table.sum(axis=1)
    if not np.allclose(sums, 1.0):
        bad = [k for k, s in zip(keys, sums, strict=True) if not np.isclose(s, 1.0)]
        raise ValueError(f"shares must sum to 1 in every group; they do not for {bad}")
    rows = group_codes(groups, keys) if groups.dtype == object else groups
    cumulative = np.cumsum(table, axis=1)[rows]
    picked = (rng.random(len(rows))[:, None] >= cumulative[:, :-1]).sum(axis=1)
    return np.array(labels, dtype=object)[picked]


def group_codes(values: np.ndarray, keys: list[Any]) -> np.ndarray:
    """Return the position of each value in ``keys`` (vectorised via pandas categories)."""
    import pandas as pd

    codes = pd.Categorical(values, categories=keys).codes
    if (codes < 0).any():
        unknown = sorted({str(v) for v in np.asarray(values)[codes < 0]})[:5]
        raise ValueError(f"values {unknown} are not among {keys}")
    return codes.astype(np.int64)


def logistic(x: np.ndarray) -> np.ndarray:
    """Return the logistic function 1 / (1 + exp(-x))."""
    return 1.0 / (1.0 + np.exp(-x))


def draw_codes(rng: np.random.Generator, probabilities: np.ndarray, size: int) -> np.ndarray:
    """Draw ``size`` category codes 0..k-1 with ``probabilities`` (which must sum to 1)."""
    probabilities = np.asarray(probabilities, dtype=float)
    if not np.isclose(probabilities.sum(), 1.0):
        raise ValueError(f"probabilities must sum to 1, got {probabilities.sum():.6f}")
    cumulative = np.cumsum(probabilities)
    cumulative[-1] = 1.0
    return np.searchsorted(cumulative, rng.random(size), side="right").astype(np.int64)


def draw_codes_by_group(
    rng: np.random.Generator, groups: np.ndarray, table: np.ndarray
) -> np.ndarray:
    """Draw one code per element; row ``groups[i]`` of ``table`` holds its probabilities."""
    table = np.asarray(table, dtype=float)
    if not np.allclose(table.sum(axis=1), 1.0):
        raise ValueError("every row of the probability table must sum to 1")
    cumulative = np.cumsum(table, axis=1)[groups]
    return (rng.random(len(groups))[:, None] >= cumulative[:, :-1]).sum(axis=1).astype(np.int64)


def shares_table(
    shares: Mapping[Any, Mapping[Any, float]], keys: list[Any], labels: list[Any]
) -> np.ndarray:
    """Return the probability table of nested ``shares`` with rows ``keys``, columns ``labels``."""
    return np.array([[shares[k].get(label, 0.0) for label in labels] for k in keys], dtype=float)
