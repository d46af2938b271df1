"""The code is ruff clean (rules in pyproject.toml)."""

import subprocess
import sys


def test_ruff_clean(root):
    paths = [
        p for p in ("src", "tests", "benchmarks", "notebooks", "solutions") if (root / p).exists()
    ]
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", *paths], cwd=root, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
