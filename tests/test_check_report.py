"""lrkit.check_report: Module 6 checks accept the right answers, name the usual mistakes, and
never show the expected value."""

import pandas as pd
import pytest

from lrkit import check_report as C
from lrkit.brief import change_between
from lrkit.check import CORRECT, NOT_ATTEMPTED, NOT_YET
from lrkit.data import load_dataset
from lrkit.disclosure import add_margins, frequency_rule, protect_frequency_table
from lrkit.ir_indicators import union_density_estimates

PROVINCE, YEAR = "Hải Phòng", 2024
STRATA = ["year", "quarter", "stratum"]


@pytest.fixture(scope="module")
def disputes():
    return load_dataset("disputes")


@pytest.fixture(scope="module")
def workers():
    return load_dataset("workers")


def _here(frame):
    return frame[(frame["province"] == PROVINCE) & (frame["year"] == YEAR)]


def test_hand_table_primary_suppression_leaks():
    # row A: 10 + 2 + 8 = 20; row B: 7 + 9 + 6 = 22. Only the 2 is under 5, and it is the
    # only hidden cell of row A, whose total (20) is published: 20 − 10 − 8 = 2.
    counts = pd.DataFrame({"c1": [10, 7], "c2": [2, 9], "c3": [8, 6]}, index=["A", "B"])
    naive = C.hide_sensitive(add_margins(counts))
    assert naive.isna().sum().sum() == 1
    assert C.recoverable_cell(naive) == ("A", "c2")
    assert C.hide_sensitive(...) is None and C.recoverable_cell(None) is None


def test_placeholders_are_not_attempted(disputes, workers):
    checks = [
        C.check_dispute_table(..., disputes, PROVINCE, YEAR),
        C.check_sensitive_cells(..., disputes, PROVINCE, YEAR),
        C.check_recovered(..., disputes, PROVINCE, YEAR),
        C.check_safe_table(..., disputes, PROVINCE, YEAR),
        C.check_density_by_year(..., workers, PROVINCE, YEAR),
        C.check_change(..., ..., workers, PROVINCE, YEAR),
        C.check_verdict(..., workers, PROVINCE, YEAR),
        C.check_new_minimum(..., YEAR),
        C.check_share_below_new(..., workers, PROVINCE, YEAR),
        C.check_share_near(..., workers, PROVINCE, YEAR),
        C.check_publishable(..., workers, PROVINCE, YEAR),
    ]
    assert all(feedback.status == NOT_ATTEMPTED for feedback in checks)


def test_safe_tables_right_and_wrong(disputes):
    here = _here(disputes)
    counts = pd.crosstab(here["issue"], here["channel"])
    table = add_margins(counts)
    assert C.check_dispute_table(table, disputes, PROVINCE, YEAR).status == CORRECT
    assert "swapped" in C.check_dispute_table(table.T, disputes, PROVINCE, YEAR).message
    assert "totals are missing" in C.check_dispute_table(counts, disputes, PROVINCE, YEAR).message
    everywhere = add_margins(pd.crosstab(disputes["issue"], disputes["channel"]))
    assert "not yet" in C.check_dispute_table(everywhere, disputes, PROVINCE, YEAR).status

    sensitive = int(frequency_rule(table).to_numpy().sum())
    assert C.check_sensitive_cells(sensitive, disputes, PROVINCE, YEAR)
    with_zeros = int((table < 5).to_numpy().sum())
    assert "0 disputes" in C.check_sensitive_cells(with_zeros, disputes, PROVINCE, YEAR).message

    naive = C.hide_sensitive(table)
    row, column = C.recoverable_cell(naive)
    value = int(table.loc[row, column])
    assert C.check_recovered(value, disputes, PROVINCE, YEAR)
    wrong = C.check_recovered(value + 1, disputes, PROVINCE, YEAR)
    assert wrong.status == NOT_YET and str(value) not in wrong.message

    safe = protect_frequency_table(counts).published("x")
    assert C.check_safe_table(safe, disputes, PROVINCE, YEAR)
    assert C.check_safe_table(protect_frequency_table(counts).published(), disputes, PROVINCE, YEAR)
    leaky = C.check_safe_table(naive, disputes, PROVINCE, YEAR)
    assert leaky.status == NOT_YET and "gives it away" in leaky.message
    shown = C.check_safe_table(table, disputes, PROVINCE, YEAR)
    assert "fewer than 5" in shown.message


def test_uncertainty_right_and_wrong(workers):
    here = workers[(workers["province"] == PROVINCE) & workers["year"].isin([YEAR - 1, YEAR])]
    estimates = union_density_estimates(here, by="year", strata=STRATA)
    assert C.check_density_by_year(estimates, workers, PROVINCE, YEAR)
    naive = union_density_estimates(here, by="year", strata="stratum")
    assert "quarter" in C.check_density_by_year(naive, workers, PROVINCE, YEAR).message
    truth = change_between(estimates, YEAR - 1, YEAR)
    assert C.check_change(truth.change, truth.margin, workers, PROVINCE, YEAR)
    added = 1.96 * (truth.se_before + truth.se_after)
    message = C.check_change(truth.change, added, workers, PROVINCE, YEAR).message
    assert "variances" in message and f"{truth.margin:.1f}" not in message
    assert C.check_verdict(truth.verdict, workers, PROVINCE, YEAR)
    assert "one of" in C.check_verdict("maybe", workers, PROVINCE, YEAR).message
    with pytest.raises(ValueError, match="valid values: 2021, 2022, 2023, 2024, 2025"):
        C.check_change_years(2020)


def test_minimum_wage_right_and_wrong(workers):
    assert C.check_new_minimum(C.minimum_after(YEAR), YEAR)
    # the 2024 decree (74/2024/ND-CP), in force when the 2024 survey ended
    old = {"I": 4_960_000, "II": 4_410_000, "III": 3_860_000, "IV": 3_450_000}
    assert "in force during the survey year" in C.check_new_minimum(old, YEAR).message
    hourly = {"I": 25_500, "II": 22_700, "III": 20_000, "IV": 17_800}
    assert "hourly" in C.check_new_minimum(hourly, YEAR).message

    here = _here(workers)
    on = pd.Series(pd.Timestamp("2026-01-01"), index=here.index)
    from lrkit.ir_indicators import share_below_minimum_wage

    below = share_below_minimum_wage(here, on=on, strata=STRATA)["rate"].iloc[0]
    assert C.check_share_below_new(round(below, 1), workers, PROVINCE, YEAR)
    unweighted = C._unweighted_shares(here, pd.Timestamp("2026-01-01"))
    message = C.check_share_below_new(unweighted[0], workers, PROVINCE, YEAR).message
    assert "weights" in message and f"{below:.1f}" not in message
    regions = C.publishable_regions(workers, PROVINCE, YEAR)
    assert C.check_publishable(regions, workers, PROVINCE, YEAR)
    assert C.check_publishable(list(reversed(regions)), workers, PROVINCE, YEAR)
    partial = C.check_publishable(regions[:-1], workers, PROVINCE, YEAR)
    assert partial.status == NOT_YET and "caution" in partial.message
