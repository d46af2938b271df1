"""lrkit.database: the DuckDB file, its documented schema, and views checked against pandas."""

import re
import tomllib

import duckdb
import numpy as np
import pytest
import yaml

from lrkit.cli import main
from lrkit.data import load_dataset
from lrkit.database import TABLES, VIEWS, build_database, columns, query, schema
from lrkit.indicators import union_density


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_database(tmp_path_factory.mktemp("db") / "ir.duckdb")


def _sorted(frame, keys):
    return frame.sort_values(keys).reset_index(drop=True)


def test_tables_hold_the_datasets(db):
    table = schema(db).set_index("name")
    for spec in TABLES:
        if spec.name != "strike_links":
            assert table.loc[spec.name, "rows"] == len(load_dataset(spec.name)), spec.name
        assert table.loc[spec.name, "comment"], spec.name
    for name in VIEWS:
        assert table.loc[name, "kind"] == "view" and table.loc[name, "comment"]
    assert "strikes_true" not in table.index  # answer keys never go into the database


def test_every_column_is_commented_and_keys_are_declared(db):
    for spec in TABLES:
        cols = columns(db, spec.name)
        assert cols["comment"].fillna("").str.len().gt(0).all(), spec.name
    with duckdb.connect(str(db), read_only=True) as con:
        constraints = con.execute(
            "SELECT table_name, constraint_type FROM duckdb_constraints()"
        ).df()
    primary = set(constraints.loc[constraints["constraint_type"] == "PRIMARY KEY", "table_name"])
    assert {t.name for t in TABLES} <= primary
    foreign = set(constraints.loc[constraints["constraint_type"] == "FOREIGN KEY", "table_name"])
    assert {"strikes", "workers", "strike_links", "agreements"} <= foreign
    with pytest.raises(ValueError, match="no table or view 'nope'"):
        columns(db, "nope")


def test_foreign_keys_are_enforced(tmp_path):
    path = build_database(tmp_path / "fk.duckdb")
    with duckdb.connect(str(path)) as con, pytest.raises(duckdb.ConstraintException):
        con.execute(
            "INSERT INTO strikes (strike_id, year, enterprise_id, province, province_pre2025)"
            " VALUES ('S99999', 2024, 'E0000001', 'Atlantis', 'Atlantis')"
        )
    with pytest.raises(FileExistsError):
        build_database(path, replace=False)


def _rates(flag):
    workers = load_dataset("workers")
    employees = workers[workers["status"] == "employee"].copy()
    employees["numerator"] = employees["weight"] * employees[flag]
    table = employees.groupby(["year", "province"]).agg(
        numerator=("numerator", "sum"), weights=("weight", "sum"),
        quarters=("quarter", "nunique"), n_employees=("weight", "size"),
    ).reset_index()  # fmt: skip
    table["rate"] = 100 * table["numerator"] / table["weights"]
    table["employees"] = table["weights"] / table["quarters"]
    return table


def test_union_density_view_matches_pandas_and_lrkit(db):
    view = _sorted(query(db, "SELECT * FROM v_union_density"), ["year", "province"])
    expected = _sorted(_rates("union_member"), ["year", "province"])
    assert np.allclose(view["rate"], expected["rate"])
    assert np.allclose(view["employees"], expected["employees"])
    assert (view["n_employees"].to_numpy() == expected["n_employees"].to_numpy()).all()
    # and lrkit's own indicator, pooled over the year's quarters, gives the same rate
    workers = load_dataset("workers")
    kit = _sorted(union_density(workers, by=["year", "province"]), ["year", "province"])
    assert np.allclose(view["rate"], kit["rate"])


def test_bargaining_coverage_view_matches_pandas(db):
    view = _sorted(query(db, "SELECT * FROM v_bargaining_coverage"), ["year", "province"])
    expected = _sorted(_rates("covered_by_agreement"), ["year", "province"])
    assert np.allclose(view["rate"], expected["rate"])


def test_strike_statistics_view_matches_pandas(db):
    view = query(db, "SELECT * FROM v_strike_statistics")
    keys = ["year", "province", "ownership"]
    for register, frame, workers in (
        ("ministry", load_dataset("strikes"), "workers_involved"),
        ("vgcl", load_dataset("strikes_vgcl"), "peak_workers"),
    ):
        expected = frame.groupby(keys).agg(
            actions=("year", "size"), workers_involved=(workers, "sum"),
            days_not_worked=("days_not_worked", "sum"),
            share_not_led_by_union=("led_by_union", lambda s: 100 * (~s).mean()),
        ).reset_index()  # fmt: skip
        got = _sorted(view[view["register"] == register], keys)
        expected = _sorted(expected, keys)
        assert (got["actions"].to_numpy() == expected["actions"].to_numpy()).all()
        assert (got["workers_involved"].to_numpy() == expected["workers_involved"].to_numpy()).all()
        assert (got["days_not_worked"].to_numpy() == expected["days_not_worked"].to_numpy()).all()
        assert np.allclose(got["share_not_led_by_union"], expected["share_not_led_by_union"])


def test_strike_rate_view_matches_pandas(db):
    view = _sorted(query(db, "SELECT * FROM v_strike_rate"), ["year", "province"])
    strikes = load_dataset("strikes").groupby(["year", "province"])["days_not_worked"].sum()
    employees = _rates("union_member").set_index(["year", "province"])["employees"]
    expected = (1000 * strikes / employees.reindex(strikes.index)).reset_index(name="rate")
    expected = _sorted(expected, ["year", "province"])
    assert np.allclose(view["days_not_worked_per_1000_employees"], expected["rate"])


def test_stoppages_view_counts_each_linked_stoppage_once(db):
    view = query(db, "SELECT * FROM v_stoppages_both_registers")
    links = query(db, "SELECT * FROM strike_links")
    assert view["linked"].sum() == len(links)
    assert (view["distinct_stoppages"] == view["ministry_records"] + view["vgcl_records"]
            - view["linked"]).all()  # fmt: skip
    assert view["ministry_records"].sum() == len(load_dataset("strikes"))


def test_agreements_view_matches_pandas(db):
    view = _sorted(query(db, "SELECT * FROM v_agreements"), ["year", "province"])
    agreements = load_dataset("agreements")
    agreements["year"] = agreements["signed_date"].dt.year
    agreements["above"] = agreements["lowest_wage_vnd"] > agreements["min_wage_vnd"]
    expected = agreements.groupby(["year", "province"]).agg(
        agreements_signed=("agreement_id", "size"), workers_covered=("workers_covered", "sum"),
        share_above_minimum=("above", "mean"),
    ).reset_index()  # fmt: skip
    expected = _sorted(expected, ["year", "province"])
    assert (view["agreements_signed"].to_numpy() == expected["agreements_signed"].to_numpy()).all()
    assert (view["workers_covered"].to_numpy() == expected["workers_covered"].to_numpy()).all()
    assert np.allclose(view["share_above_minimum"], 100 * expected["share_above_minimum"])


def test_disputes_view_matches_pandas(db):
    keys = ["year", "province", "kind"]
    view = _sorted(query(db, "SELECT * FROM v_disputes"), keys)
    disputes = load_dataset("disputes")
    disputes["days"] = (disputes["settled_date"] - disputes["filed_date"]).dt.days
    expected = disputes.groupby(keys).agg(
        disputes=("dispute_id", "size"), workers_involved=("workers_involved", "sum"),
        settled=("settled_date", "count"), median_days_to_settle=("days", "median"),
    ).reset_index()  # fmt: skip
    expected = _sorted(expected, keys)
    for column in ("disputes", "workers_involved", "settled"):
        assert (view[column].to_numpy() == expected[column].to_numpy()).all(), column
    assert np.allclose(view["median_days_to_settle"], expected["median_days_to_settle"])


def test_cli_builds_the_database(tmp_path, capsys):
    out = tmp_path / "cli.duckdb"
    assert main(["db", "build", "--scale", "workshop", "--out", str(out)]) == 0
    assert out.exists() and "wrote the national IR database" in capsys.readouterr().out
    info = dict(query(out, "SELECT key, value FROM build_info").to_numpy())
    assert info["scale"] == "workshop" and info["seed"] == "2025"


def test_duckdb_is_required_with_the_same_range_in_both_environment_files(root):
    project = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["project"]
    pip_side = [r for r in project["dependencies"] if re.match(r"duckdb\b", r)]
    environment = yaml.safe_load((root / "environment.yml").read_text("utf-8"))
    conda_side = [d for d in environment["dependencies"] if isinstance(d, str)
                  and re.match(r"duckdb\b", d)]  # fmt: skip
    assert len(pip_side) == 1 and pip_side == conda_side


def test_makefile_has_a_db_target(root):
    text = (root / "Makefile").read_text("utf-8")
    assert re.search(r"^db:.*\n\t.*lrkit db build", text, re.M)
