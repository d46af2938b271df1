"""Shared fixtures: the repository root and small hand-made data sets."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture
def tiny_persons() -> pd.DataFrame:
    """Five persons whose rates are worked out by hand in test_indicators.py."""
    return pd.DataFrame(
        {
            "province": ["A", "A", "A", "A", "B"],
            "status": ["employee", "employee", "employee", "own_account", "employee"],
            "weight": [2.0, 3.0, 1.0, 5.0, 4.0],
            "union_member": [True, False, True, True, False],
            "covered_by_agreement": [False, False, True, False, True],
        }
    )
