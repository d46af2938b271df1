"""Validation of notebook parameters (papermill ``parameters`` cells).

Every parameterised notebook calls one of these in the cell after its ``parameters`` cell,
so a wrong value stops the notebook at once with a message that lists the valid values.
Values given on the command line (``papermill -p year 2024``) may arrive as text; they are
converted where the meaning is unambiguous.
"""

from __future__ import annotations

from dataclasses import dataclass

from lrkit.reference.provinces import PILOT_PROVINCES, resolve_province
from lrkit.synth.build import DEFAULT_SEED
from lrkit.synth.params import YEARS


@dataclass(frozen=True)
class ProfileParameters:
    """Checked parameters of a province profile or exercise notebook."""

    province: str
    year: int
    seed: int


def _whole_number(name: str, value: object, valid: str = "") -> int:
    """Return ``value`` as an int; text such as "2024" from the command line is accepted."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    hint = f"; valid values: {valid}" if valid else ""
    raise TypeError(f"{name} must be a whole number, got {value!r}{hint}")


def check_profile_parameters(province: str, year: object, seed: object = None) -> ProfileParameters:
    """Return the checked ``province``, ``year`` and ``seed`` of a workshop notebook.

    ``province`` is one of the pilot provinces (diacritics optional); ``year`` one of the
    survey years of the workshop data; ``seed`` a whole number ≥ 0 (``None`` means the
    committed data). Raises ``ValueError``/``TypeError`` naming the parameter and listing
    what is allowed.
    """
    name = resolve_province(province, allowed=PILOT_PROVINCES)
    valid_years = ", ".join(map(str, YEARS))
    year_number = _whole_number("year", year, valid_years)
    if year_number not in YEARS:
        raise ValueError(f"year {year!r} is not in the workshop data; valid years: {valid_years}")
    seed_number = DEFAULT_SEED if seed is None else _whole_number("seed", seed)
    if seed_number < 0:
        raise ValueError(f"seed must be 0 or more, got {seed!r}")
    return ProfileParameters(province=name, year=year_number, seed=seed_number)
