"""Seeded random streams and small drawing helpers shared by the generators.

Each dataset draws from its own stream, derived from the user's seed and the dataset's
name, so adding a column to one dataset never changes the numbers of another.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping

import numpy as np


def stream(seed: int, name: str) -> np.random.Generator:
    """Return the random generator for dataset ``name`` under the user's ``seed``."""
    if not isinstance(seed, int | np.integer) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"seed must be a whole number of 0 or more, got {seed!r}")
    return np.random.default_rng(np.random.SeedSequence([int(seed), zlib.crc32(name.encode())]))


def choice(rng: np.random.Generator, shares: Mapping[str, float], size: int) -> np.ndarray:
    """Draw ``size`` labels with the probabilities in ``shares`` (which must sum to 1)."""
    labels = list(shares)
    probabilities = np.array([shares[label] for label in labels], dtype=float)
    if not np.isclose(probabilities.sum(), 1.0):
        raise ValueError(f"shares must sum to 1, got {probabilities.sum():.6f} for {labels}")
    return np.array(labels, dtype=object)[rng.choice(len(labels), size=size, p=probabilities)]


def logistic(x: np.ndarray) -> np.ndarray:
    """Return the logistic function 1 / (1 + exp(-x))."""
    return 1.0 / (1.0 + np.exp(-x))
