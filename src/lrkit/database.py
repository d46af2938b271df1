"""The national IR database: one DuckDB file built from the clean datasets by one command.

``lrkit db build [--scale workshop] [--out FILE]`` (or ``make db``) writes a DuckDB
database (cơ sở dữ liệu quan hệ lao động quốc gia) that analysts query with SQL. The
schema is documented where a user looks for it: in the database itself. Every table and
column carries a comment taken from the Frictionless data package (``datapackage.json``),
primary and foreign keys are declared, and the standard indicators are **views**, so they
are computed the same way by everybody who queries the file.

Tables (:data:`TABLES`): the reference tables (``provinces``, ``provinces_pre2025``,
``minimum_wage``), the enterprise frame, the survey records (``workers``), the two strike
registers (``strikes`` from the labour ministry, ``strikes_vgcl`` from VGCL), the links
between them found by :mod:`lrkit.linkage` (``strike_links``), ``disputes``,
``agreements`` and ``build_info`` (how the file was made). The answer keys in ``truth/``
are never put in the database.

Views (:data:`VIEWS`):

``v_union_density``, ``v_bargaining_coverage``
    by year and province, from the survey records with their weights: weighted members (or
    covered employees) who are employees ÷ weighted employees × 100 (ILOSTAT
    ILR_TUMT_NOC_RT, ILR_CBCT_NOC_RT). The survey is quarterly, so ``employees`` is the
    weighted count averaged over the year's quarters; ``n_employees`` the records.
``v_strike_statistics``
    by register, year, province and ownership, the 15th ICLS (1993) units: number of
    actions, workers involved, days not worked, and the share not led by a union.
``v_strike_rate``
    days not worked per 1,000 employees by year and province (ministry register, with the
    survey's average quarterly employees as denominator).
``v_stoppages_both_registers``
    by year and province: ministry records, VGCL records, linked pairs and the distinct
    stoppages known to either register (ministry + VGCL − links).
``v_agreements``
    by year of signing and province: agreements signed, workers covered, and the share
    whose lowest wage is above the regional minimum in force when it was signed.
``v_disputes``
    by year, province and kind: disputes filed, workers involved, disputes settled and the
    median days from filing to settlement.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

#: Types of the data package → DuckDB column types.
DUCKDB_TYPES: dict[str, str] = {
    "string": "VARCHAR",
    "integer": "BIGINT",
    "number": "DOUBLE",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "datetime": "TIMESTAMP",
}


@dataclass(frozen=True)
class Table:
    """A table of the database: its comment, primary key and foreign keys."""

    name: str
    comment: str
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (column, table, column)


_PROVINCE_KEYS = (
    ("province", "provinces", "province_2025"),
    ("province_pre2025", "provinces_pre2025", "province_pre2025"),
)
#: The tables, in the order they are created (a table's foreign keys point to earlier ones).
TABLES: tuple[Table, ...] = (
    Table("provinces", "The 34 provincial units from 1 July 2025 (real reference data).",
          ("province_2025",)),
    Table("provinces_pre2025",
          "The 63 provincial units before 1 July 2025 and the current unit each joined: the "
          "2025 crosswalk (real reference data).", ("province_pre2025",),
          (("province_2025", "provinces", "province_2025"),)),
    Table("minimum_wage", "Regional minimum wages by decree (real reference data).",
          ("effective_from", "region")),
    Table("enterprises", "Enterprise frame (SYNTHETIC).", ("enterprise_id",), _PROVINCE_KEYS),
    Table("workers", "Labour-force-survey person records with survey weights, quarterly "
          "(SYNTHETIC).", ("person_id",), _PROVINCE_KEYS),
    Table("strikes", "Work stoppages in the labour ministry's register (SYNTHETIC).",
          ("strike_id",), (("enterprise_id", "enterprises", "enterprise_id"), *_PROVINCE_KEYS)),
    Table("strikes_vgcl", "Work stoppages in VGCL's register (SYNTHETIC).", ("record_id",),
          (("enterprise_id", "enterprises", "enterprise_id"), *_PROVINCE_KEYS)),
    Table("strike_links", "Pairs of records of the two strike registers that describe the "
          "same stoppage, found by record linkage (lrkit.linkage): estimated, not certain.",
          ("strike_id",), (("strike_id", "strikes", "strike_id"),
                           ("record_id", "strikes_vgcl", "record_id"))),
    Table("disputes", "Labour disputes filed with conciliators, arbitration councils and "
          "courts (SYNTHETIC).", ("dispute_id",),
          (("enterprise_id", "enterprises", "enterprise_id"), *_PROVINCE_KEYS)),
    Table("agreements", "Collective agreements registered with the labour departments "
          "(SYNTHETIC).", ("agreement_id",),
          (("enterprise_id", "enterprises", "enterprise_id"), *_PROVINCE_KEYS)),
)  # fmt: skip

_LINK_COLUMNS = {
    "strike_id": ("string", "Record of the ministry register (strikes.strike_id)"),
    "record_id": ("string", "Record of the VGCL register (strikes_vgcl.record_id)"),
    "score": ("integer", "Linkage score (points of lrkit.linkage.SCORING_RULE)"),
}

#: The views: name → (comment, SQL). Rates are in percent.
VIEWS: dict[str, tuple[str, str]] = {
    "v_union_density": (
        "Trade union density (ILOSTAT ILR_TUMT_NOC_RT) by year and province: weighted "
        "members who are employees / weighted employees x 100. employees = weighted "
        "employees averaged over the year's quarters; n_employees = survey records.",
        """
        SELECT year, province,
               SUM(weight * CAST(union_member AS INTEGER)) / COUNT(DISTINCT quarter) AS members,
               SUM(weight) / COUNT(DISTINCT quarter) AS employees,
               100 * SUM(weight * CAST(union_member AS INTEGER)) / SUM(weight) AS rate,
               COUNT(*) AS n_employees
        FROM workers WHERE status = 'employee'
        GROUP BY year, province
        """,
    ),
    "v_bargaining_coverage": (
        "Collective bargaining coverage (ILOSTAT ILR_CBCT_NOC_RT) by year and province: "
        "weighted employees covered by a collective agreement / weighted employees x 100.",
        """
        SELECT year, province,
               SUM(weight * CAST(covered_by_agreement AS INTEGER)) / COUNT(DISTINCT quarter)
                   AS covered,
               SUM(weight) / COUNT(DISTINCT quarter) AS employees,
               100 * SUM(weight * CAST(covered_by_agreement AS INTEGER)) / SUM(weight) AS rate,
               COUNT(*) AS n_employees
        FROM workers WHERE status = 'employee'
        GROUP BY year, province
        """,
    ),
    "v_strike_statistics": (
        "Strike statistics in the 15th ICLS (1993) units by register, year, province and "
        "ownership: actions, workers involved (VGCL: peak workers), days not worked, share "
        "of actions not led by a union (%).",
        """
        WITH records AS (
            SELECT 'ministry' AS register, year, province, ownership,
                   workers_involved AS workers, days_not_worked, led_by_union
            FROM strikes
            UNION ALL
            SELECT 'vgcl', year, province, ownership, peak_workers, days_not_worked,
                   led_by_union
            FROM strikes_vgcl
        )
        SELECT register, year, province, ownership,
               COUNT(*) AS actions,
               CAST(SUM(workers) AS BIGINT) AS workers_involved,
               CAST(SUM(days_not_worked) AS BIGINT) AS days_not_worked,
               100 * AVG(CASE WHEN led_by_union THEN 0 ELSE 1 END) AS share_not_led_by_union
        FROM records
        GROUP BY register, year, province, ownership
        """,
    ),
    "v_strike_rate": (
        "Days not worked because of strikes per 1,000 employees, by year and province "
        "(ministry register; employees from the survey, averaged over the year's quarters).",
        """
        SELECT s.year, s.province, s.actions, s.days_not_worked, d.employees,
               1000 * s.days_not_worked / d.employees AS days_not_worked_per_1000_employees
        FROM (SELECT year, province, COUNT(*) AS actions,
                     CAST(SUM(days_not_worked) AS BIGINT) AS days_not_worked
              FROM strikes GROUP BY year, province) AS s
        JOIN v_union_density AS d USING (year, province)
        """,
    ),
    "v_stoppages_both_registers": (
        "Stoppages known to each register and to either, by year and province: distinct "
        "stoppages = ministry records + VGCL records - linked pairs (links are estimated).",
        """
        WITH m AS (SELECT year, province, COUNT(*) AS n FROM strikes GROUP BY ALL),
             v AS (SELECT year, province, COUNT(*) AS n FROM strikes_vgcl GROUP BY ALL),
             l AS (SELECT s.year, s.province, COUNT(*) AS n
                   FROM strike_links AS k JOIN strikes AS s USING (strike_id) GROUP BY ALL),
             keys AS (SELECT year, province FROM m UNION SELECT year, province FROM v)
        SELECT keys.year, keys.province,
               COALESCE(m.n, 0) AS ministry_records,
               COALESCE(v.n, 0) AS vgcl_records,
               COALESCE(l.n, 0) AS linked,
               COALESCE(m.n, 0) + COALESCE(v.n, 0) - COALESCE(l.n, 0) AS distinct_stoppages
        FROM keys
        LEFT JOIN m USING (year, province)
        LEFT JOIN v USING (year, province)
        LEFT JOIN l USING (year, province)
        """,
    ),
    "v_agreements": (
        "Collective agreements by year of signing and province: agreements signed, workers "
        "covered, share (%) whose lowest wage is above the regional minimum when signed.",
        """
        SELECT CAST(year(signed_date) AS BIGINT) AS year, province,
               COUNT(*) AS agreements_signed,
               CAST(SUM(workers_covered) AS BIGINT) AS workers_covered,
               100 * AVG(CASE WHEN lowest_wage_vnd > min_wage_vnd THEN 1 ELSE 0 END)
                   AS share_above_minimum
        FROM agreements
        GROUP BY ALL
        """,
    ),
    "v_disputes": (
        "Labour disputes by year, province and kind: disputes filed, workers involved, "
        "disputes settled and median days from filing to settlement (settled ones).",
        """
        SELECT year, province, kind,
               COUNT(*) AS disputes,
               CAST(SUM(workers_involved) AS BIGINT) AS workers_involved,
               COUNT(settled_date) AS settled,
               MEDIAN(date_diff('day', filed_date, settled_date)) AS median_days_to_settle
        FROM disputes
        GROUP BY year, province, kind
        """,
    ),
}


def _sql_text(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def _fields(scale: str) -> dict[str, list[dict]]:
    from lrkit.data import load_datapackage

    package = load_datapackage(scale)
    return {r["name"]: r.get("schema", {}).get("fields", []) for r in package["resources"]}


def _frames(scale: str, seed: int | None) -> dict[str, pd.DataFrame]:
    from lrkit.data import load_dataset
    from lrkit.linkage import link_registers, prepare_registers

    frames = {t.name: load_dataset(t.name, scale, seed) for t in TABLES if t.name != "strike_links"}
    left, right = prepare_registers(
        frames["strikes"], frames["strikes_vgcl"], frames["enterprises"]
    )
    links = link_registers(left, right).links
    frames["strike_links"] = pd.DataFrame(
        {
            "strike_id": links["left_id"].astype(str),
            "record_id": links["right_id"].astype(str),
            "score": links["score"].astype("int64"),
        }
    )
    return frames


def create_table_sql(table: Table, fields: list[dict]) -> str:
    """Return the ``CREATE TABLE`` statement of ``table`` from its data-package fields."""
    columns = []
    for field in fields:
        kind = DUCKDB_TYPES.get(field.get("type", "string"))
        if kind is None:
            raise ValueError(
                f"table {table.name}: column {field['name']!r} has type {field.get('type')!r}; "
                f"known types: {', '.join(DUCKDB_TYPES)}"
            )
        required = field.get("constraints", {}).get("required", False)
        null = " NOT NULL" if required or field["name"] in table.primary_key else ""
        columns.append(f'"{field["name"]}" {kind}{null}')
    columns.append(f"PRIMARY KEY ({', '.join(table.primary_key)})")
    for column, other, key in table.foreign_keys:
        columns.append(f"FOREIGN KEY ({column}) REFERENCES {other} ({key})")
    if table.name == "strike_links":
        columns.append("UNIQUE (record_id)")
    body = ",\n    ".join(columns)
    return f"CREATE TABLE {table.name} (\n    {body}\n)"


def build_database(
    out: str | Path, scale: str = "workshop", seed: int | None = None, *, replace: bool = True
) -> Path:
    """Build the national IR database of ``scale`` (and data ``seed``) as a DuckDB file.

    Creates every table of :data:`TABLES` with its keys and comments, loads the clean
    datasets (and the strike links found by :func:`lrkit.linkage.link_registers`), then
    creates the views of :data:`VIEWS`. ``replace=False`` refuses to overwrite an existing
    file. Returns the path written.
    """
    import duckdb

    from lrkit import __version__
    from lrkit.synth.build import DEFAULT_SEED

    path = Path(out)
    if path.exists():
        if not replace:
            raise FileExistsError(f"{path} exists; remove it or build with replace=True")
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    fields = _fields(scale)
    frames = _frames(scale, seed)
    partial = path.with_name(path.name + ".partial")
    if partial.exists():
        partial.unlink()
    with duckdb.connect(str(partial)) as con:
        for table in TABLES:
            table_fields = (
                [{"name": n, "type": t, "description": d} for n, (t, d) in _LINK_COLUMNS.items()]
                if table.name == "strike_links"
                else fields[table.name]
            )
            con.execute(create_table_sql(table, table_fields))
            frame = frames[table.name][[f["name"] for f in table_fields]]
            con.register("incoming", frame)
            con.execute(f"INSERT INTO {table.name} SELECT * FROM incoming")
            con.unregister("incoming")
            con.execute(f"COMMENT ON TABLE {table.name} IS {_sql_text(table.comment)}")
            for field in table_fields:
                text = field.get("description", "")
                if field.get("lrkit:description_vi"):
                    text += f" ({field['lrkit:description_vi']})"
                con.execute(
                    f'COMMENT ON COLUMN {table.name}."{field["name"]}" IS {_sql_text(text)}'
                )
        for name, (comment, sql) in VIEWS.items():
            con.execute(f"CREATE VIEW {name} AS {sql}")
            con.execute(f"COMMENT ON VIEW {name} IS {_sql_text(comment)}")
        info = {
            "scale": scale,
            "seed": str(DEFAULT_SEED if seed is None else int(seed)),
            "lrkit_version": __version__,
            "source": "lrkit.data.load_dataset (clean datasets); strike_links by lrkit.linkage",
            "data": "SYNTHETIC except the reference tables provinces, provinces_pre2025, "
            "minimum_wage",
        }
        con.execute("CREATE TABLE build_info (key VARCHAR PRIMARY KEY, value VARCHAR)")
        con.executemany("INSERT INTO build_info VALUES (?, ?)", list(info.items()))
        con.execute("COMMENT ON TABLE build_info IS 'How this database file was built'")
        con.execute("CHECKPOINT")
    partial.replace(path)
    return path


def schema(path: str | Path) -> pd.DataFrame:
    """Return the tables and views of a built database with their comments and row counts."""
    import duckdb

    with duckdb.connect(str(path), read_only=True) as con:
        tables = con.execute(
            "SELECT table_name AS name, 'table' AS kind, comment, estimated_size AS rows "
            "FROM duckdb_tables() WHERE NOT internal ORDER BY table_name"
        ).df()
        views = con.execute(
            "SELECT view_name AS name, 'view' AS kind, comment, NULL AS rows "
            "FROM duckdb_views() WHERE NOT internal ORDER BY view_name"
        ).df()
        for i, name in enumerate(tables["name"]):
            tables.loc[i, "rows"] = con.execute(f"SELECT COUNT(*) FROM {name}").fetchone()[0]
    table = pd.concat([tables, views], ignore_index=True)
    table["rows"] = table["rows"].astype("Int64")
    return table


def columns(path: str | Path, table: str) -> pd.DataFrame:
    """Return the columns of ``table`` in a built database: name, type, comment."""
    import duckdb

    with duckdb.connect(str(path), read_only=True) as con:
        known = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        known |= {r[0] for r in con.execute("SELECT view_name FROM duckdb_views()").fetchall()}
        if table not in known:
            raise ValueError(f"no table or view {table!r}; there are: {', '.join(sorted(known))}")
        return con.execute(
            "SELECT column_name AS name, data_type AS type, comment FROM duckdb_columns() "
            "WHERE table_name = ? ORDER BY column_index",
            [table],
        ).df()


def query(path: str | Path, sql: str, parameters: list | None = None) -> pd.DataFrame:
    """Run ``sql`` on the database at ``path`` (read-only) and return the result."""
    import duckdb

    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, parameters or []).df()
