"""Synthetic register of labour disputes (tranh chấp lao động): individual and collective.

Each year the national number of disputes of each kind (``dispute_counts``; times the
pilots' share at workshop scale) is placed in enterprises active that year, with probability
proportional to employees (times ``frame_weight`` at workshop scale). Individual disputes
are rights disputes of one worker; collective disputes are about rights (what the law or an
agreement already gives) or interests (new terms). The first channel is a labour
conciliator, an arbitration council or a court (Labour Code 2019); the settlement date is
filed date + a log-normal number of days (median by channel); disputes not settled by 31
December of the last year are pending.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lrkit.synth.enterprises import active_by_year
from lrkit.synth.params import SCALE_YEARS, value
from lrkit.synth.random import draw_codes_by_group, shares_table, stream
from lrkit.synth.text import decode, padded

KINDS: tuple[str, ...] = ("individual", "collective_rights", "collective_interests")
CHANNELS: tuple[str, ...] = ("conciliator", "arbitration_council", "court")
ISSUES: dict[str, dict[str, float]] = {
    "individual": {
        "dismissal": 0.30, "wage_arrears": 0.25, "social_insurance": 0.20,
        "contract_termination": 0.15, "working_time": 0.05, "other": 0.05,
    },
    "collective_rights": {
        "wage_arrears": 0.40, "social_insurance": 0.30, "working_time": 0.15,
        "agreement_not_applied": 0.10, "other": 0.05,
    },
    "collective_interests": {
        "wage_increase": 0.55, "bonus": 0.20, "allowances": 0.15, "working_time": 0.05,
        "other": 0.05,
    },
}  # fmt: skip
ISSUE_LABELS: tuple[str, ...] = tuple(dict.fromkeys(i for v in ISSUES.values() for i in v))
#: Outcomes by channel (assumptions for teaching).
OUTCOMES: dict[str, dict[str, float]] = {
    "conciliator": {"conciliated": 0.55, "not_conciliated": 0.30, "withdrawn": 0.15},
    "arbitration_council": {
        "award_for_workers": 0.45, "award_for_employer": 0.25, "not_conciliated": 0.20,
        "withdrawn": 0.10,
    },
    "court": {"judgment_for_workers": 0.55, "judgment_for_employer": 0.30, "withdrawn": 0.15},
}  # fmt: skip
OUTCOME_LABELS: tuple[str, ...] = (
    *dict.fromkeys(o for v in OUTCOMES.values() for o in v),
    "pending",
)


def scaled_counts(scale: str) -> dict[str, int]:
    """Return the yearly number of disputes of each kind at ``scale``."""
    share = value("pilot_share_of_disputes") if scale == "workshop" else 1.0
    return {kind: int(round(n * share)) for kind, n in value("dispute_counts").items()}


def generate_disputes(
    enterprises: pd.DataFrame, seed: int, scale: str = "workshop"
) -> pd.DataFrame:
    """Return the dispute register of ``scale`` for ``seed``."""
    rng = stream(seed, "disputes")
    years = SCALE_YEARS[scale]
    counts = scaled_counts(scale)
    size = enterprises["employees"].to_numpy() * enterprises["frame_weight"].to_numpy()
    log_employees = np.log(enterprises["employees"].to_numpy() + 1)
    active = active_by_year(enterprises, years)
    firm_parts, year_parts, kind_parts = [], [], []
    for j, year in enumerate(years):
        p = size * active[j]
        # Individual disputes ∝ size; both collective kinds ∝ size × log(employees + 1):
        # the probabilities are computed once per year for each of the two weightings.
        collective = p * log_employees
        probabilities = {"individual": p / p.sum(), "collective": collective / collective.sum()}
        for k, kind in enumerate(KINDS):
            weighting = "individual" if kind == "individual" else "collective"
            firm_parts.append(rng.choice(len(p), size=counts[kind], p=probabilities[weighting]))
            year_parts.append(np.full(counts[kind], year))
            kind_parts.append(np.full(counts[kind], k))
    firm, year, kind = (np.concatenate(part) for part in (firm_parts, year_parts, kind_parts))
    n = len(firm)
    filed = (year - 1970).astype("datetime64[Y]").astype("datetime64[D]") + rng.integers(0, 365, n)
    channel_shares = value("dispute_channels")
    channel = draw_codes_by_group(
        rng, kind, shares_table(channel_shares, list(KINDS), list(CHANNELS))
    )
    issue = draw_codes_by_group(rng, kind, shares_table(ISSUES, list(KINDS), list(ISSUE_LABELS)))
    outcome = draw_codes_by_group(
        rng, channel, shares_table(OUTCOMES, list(CHANNELS), list(OUTCOME_LABELS))
    )
    median = np.array([value("dispute_settlement_days")[c] for c in CHANNELS])[channel]
    days = np.maximum(np.round(np.exp(rng.normal(np.log(median), 0.6))), 1).astype(np.int64)
    settled = filed + days
    end = np.datetime64(f"{years[-1]}-12-31")
    pending = settled > end
    outcome = np.where(pending, len(OUTCOME_LABELS) - 1, outcome)
    staff = enterprises["employees"].to_numpy()[firm]
    involved = np.where(
        kind == 0, 1, np.minimum(staff, np.maximum(2, np.round(staff * rng.uniform(0.05, 0.8, n))))
    ).astype(np.int64)
    order = np.lexsort((firm, filed))
    frame = pd.DataFrame(
        {
            "dispute_id": padded("D", np.arange(1, n + 1), 6),
            "enterprise_id": enterprises["enterprise_id"].iloc[firm[order]].reset_index(drop=True),
            "province": enterprises["province"].iloc[firm[order]].reset_index(drop=True),
            "province_pre2025": enterprises["province_pre2025"]
            .iloc[firm[order]]
            .reset_index(drop=True),
            "year": year[order],
            "kind": decode(kind[order], list(KINDS)),
            "nature": decode(np.where(kind[order] == 2, 1, 0), ["rights", "interests"]),
            "issue": decode(issue[order], list(ISSUE_LABELS)),
            "workers_involved": involved[order],
            "channel": decode(channel[order], list(CHANNELS)),
            "filed_date": filed[order].astype("datetime64[ns]"),
            "settled_date": pd.Series(
                np.where(pending, np.datetime64("NaT"), settled)[order]
            ).astype("datetime64[ns]"),
            "outcome": decode(outcome[order], list(OUTCOME_LABELS)),
        },
        copy=False,  # one block per column: no stacking copy of a million rows
    )
    return frame
