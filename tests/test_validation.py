"""Validation of strike reports at entry, and the incoming batch with known faults."""

import pandas as pd
import pytest

from lrkit.data import load_dataset
from lrkit.synth.incoming import FAULTS, incoming_strike_reports
from lrkit.validation import (
    CAUSE_CODES,
    FORM_FIELDS,
    REQUIRED_FIELDS,
    RULES,
    reporting_period,
    rule_table,
    validate_batch,
)

PERIOD = reporting_period(2024)
FRAME = pd.DataFrame({"enterprise_id": ["E1", "E2", "E3"], "employees": [100, 500, 40]})


def _report(**changes):
    base = {
        "report_id": "R0",
        "province": "Hải Phòng",
        "enterprise_id": "E1",
        "start_date": pd.Timestamp("2024-03-04"),  # a Monday
        "end_date": pd.Timestamp("2024-03-08"),  # Friday: 5 calendar days
        "working_days": 5,
        "workers_involved": 60,
        "days_not_worked": 300,  # 60 x 5
        "cause": "wages",
        "led_by_union": False,
    }
    return {**base, **changes}


@pytest.fixture
def batch():
    rows = [
        _report(report_id="R01"),  # good
        _report(report_id="R02", province=None),  # missing_required
        _report(report_id="R03", province="Hai Phong"),  # invalid_province
        _report(report_id="R04", end_date=pd.Timestamp("2024-03-01")),  # end_before_start
        _report(  # outside_period: starts in 2023
            report_id="R05",
            start_date=pd.Timestamp("2023-12-28"),
            end_date=pd.Timestamp("2023-12-28"),
            working_days=1,
            days_not_worked=60,
        ),
        _report(report_id="R06", workers_involved=0),  # workers_not_positive only
        _report(report_id="R07", workers_involved=101, days_not_worked=505),  # > 100 employees
        _report(report_id="R08", days_not_worked=420),  # 60 x 7 calendar days: inconsistent
        _report(report_id="R09", cause="salary"),  # unknown_cause
        _report(report_id="R10", enterprise_id="E9", workers_involved=900, days_not_worked=4500),
        _report(  # good: a one-day strike
            report_id="R11",
            enterprise_id="E2",
            end_date=pd.Timestamp("2024-03-04"),
            working_days=1,
            days_not_worked=60,
        ),
        _report(report_id="R12"),  # duplicate of R01
        _report(report_id="R13", working_days=6, days_not_worked=360),  # 6 > 5 calendar days
    ]
    return pd.DataFrame(rows)


EXPECTED = {
    "R02": "missing_required",
    "R03": "invalid_province",
    "R04": "end_before_start",
    "R05": "outside_period",
    "R06": "workers_not_positive",
    "R07": "workers_exceed_employees",
    "R08": "days_inconsistent",
    "R09": "unknown_cause",
    "R12": "duplicate",
    "R13": "days_inconsistent",
}


def test_each_rule_by_hand(batch):
    table = rule_table(batch, FRAME, PERIOD)
    assert list(table.columns) == list(RULES)
    for index, report in batch["report_id"].items():
        broken = [rule for rule in RULES if table.loc[index, rule]]
        assert broken == ([EXPECTED[report]] if report in EXPECTED else []), report


def test_every_report_is_accepted_or_rejected(batch):
    result = validate_batch(batch, FRAME, PERIOD)
    assert result.received == len(batch) == len(result.accepted) + len(result.rejected)
    assert set(result.accepted["report_id"]) | set(result.rejected["report_id"]) == set(
        batch["report_id"]
    )
    assert set(result.rejected["report_id"]) == set(EXPECTED)
    assert result.accounting()["reports"].tolist() == [13, 3, 10]
    # an unknown enterprise (E9) is not a reason to reject; a one-day strike is fine
    assert {"R10", "R11"} <= set(result.accepted["report_id"])


def test_rejected_reports_carry_rules_and_reasons(batch):
    rejected = validate_batch(batch, FRAME, PERIOD).rejected.set_index("report_id")
    assert rejected.loc["R07", "rules_broken"] == "workers_exceed_employees"
    assert "did you mean 'Hải Phòng'" in rejected.loc["R03", "reasons"]
    assert rejected.loc["R02", "reasons"] == "empty: province"
    assert "'salary'" in rejected.loc["R09", "reasons"]


def test_a_missing_field_breaks_only_the_required_rule(batch):
    rows = batch.iloc[[0, 0, 0]].astype({"workers_involved": "Int64"}).reset_index(drop=True)
    rows["report_id"] = ["A", "B", "C"]
    rows.loc[rows.index[0], "workers_involved"] = pd.NA
    rows.loc[rows.index[1], "start_date"] = pd.NaT
    rows.loc[rows.index[2], "cause"] = "  "
    table = rule_table(rows, FRAME, PERIOD)
    assert table["missing_required"].all()
    assert not table.drop(columns="missing_required").to_numpy().any()


def test_a_report_breaking_two_rules_lists_both(batch):
    both = batch.iloc[[7]].assign(report_id="X", cause="salary")
    result = validate_batch(both, FRAME, PERIOD)
    assert result.rejected["rules_broken"].iloc[0] == "days_inconsistent; unknown_cause"
    assert result.summary().set_index("rule")["reports"].sum() == 2


def test_without_frame_or_period_those_rules_are_not_checked(batch):
    table = rule_table(batch)
    assert not table["workers_exceed_employees"].any()
    assert not table["outside_period"].any()


def test_missing_form_fields_are_named(batch):
    with pytest.raises(KeyError, match="cause"):
        rule_table(batch.drop(columns="cause"))


def test_form_codebook_is_complete():
    assert set(REQUIRED_FIELDS) <= set(FORM_FIELDS)
    assert all(len(labels) == 2 for labels in CAUSE_CODES.values())


def test_every_cause_of_the_register_is_a_code():
    strikes = load_dataset("strikes")
    assert set(strikes["cause"]) <= set(CAUSE_CODES)


# ---------------------------------------------------------------------------------------
# the incoming batch with known faults


@pytest.mark.parametrize("year", [2020, 2021, 2022, 2023, 2024, 2025])
@pytest.mark.parametrize("seed", [None, 7])
def test_incoming_batch_faults_are_exactly_what_the_rules_reject(year, seed):
    incoming = incoming_strike_reports(year, seed)
    reports, ledger = incoming.reports, incoming.ledger
    enterprises = load_dataset("enterprises", seed=seed)
    result = validate_batch(reports, enterprises, incoming.period)
    assert len(result.accepted) + len(result.rejected) == len(reports)
    assert set(result.rejected["report_id"]) == set(ledger["report_id"])
    assert set(ledger["fault"]) == set(FAULTS)  # every kind of fault is planted
    rules = result.rejected.set_index("report_id")["rules_broken"]
    for _, entry in ledger.iterrows():
        assert rules[entry["report_id"]] == entry["fault"]
        assert reports["report_id"].iloc[entry["row"]] == entry["report_id"]
        assert entry["column"] in reports.columns
    # reports of enterprises missing from the frame are not faults, and are accepted
    assert set(incoming.not_in_frame) <= set(result.accepted["report_id"])
    assert not set(incoming.not_in_frame) & incoming.faulty_ids


def test_incoming_batch_is_seeded():
    first = incoming_strike_reports(2023, 5)
    again = incoming_strike_reports(2023, 5)
    other = incoming_strike_reports(2023, 6)
    pd.testing.assert_frame_equal(first.reports, again.reports)
    pd.testing.assert_frame_equal(first.ledger, again.ledger)
    assert not first.ledger.equals(other.ledger) or not first.reports.equals(other.reports)


def test_duplicates_come_after_their_original():
    incoming = incoming_strike_reports(2022, None)
    reports = incoming.reports
    fields = [c for c in reports.columns if c != "report_id"]
    copies = incoming.ledger[incoming.ledger["fault"] == "duplicate"]["row"]
    for row in copies:
        same = (reports[fields] == reports[fields].iloc[row]).fillna(False).all(axis=1)
        assert same.iloc[:row].any()


def test_incoming_batch_refuses_a_year_without_reports():
    with pytest.raises(ValueError, match="years in the data"):
        incoming_strike_reports(2019)
