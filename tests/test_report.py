"""The annual IR report: parameters, figures, disclosure control, and the papermill runs.

Figures in the outputs (HTML text, XLSX cells, PNG titles) are checked against lrkit and
pandas computed here, directly from the data; every published cell is checked against the
disclosure thresholds. The papermill runs use the committed workshop data (three pilot
provinces); the national scale is exercised only by benchmarks/bench_report.py.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import papermill as pm
import pytest
from openpyxl import load_workbook
from PIL import Image

from lrkit import report
from lrkit.cli import main
from lrkit.data import load_dataset
from lrkit.disclosure import MIN_CONTRIBUTORS, MIN_COUNT, TOTAL, protect_magnitude_table
from lrkit.ir_indicators import (
    bargaining_coverage_estimates,
    gender_pay_gap,
    share_below_minimum_wage,
    union_density_estimates,
)
from lrkit.labels import label, place_name, t
from lrkit.reference.minimum_wage import monthly_minimum
from lrkit.reference.provinces import PILOT_PROVINCES
from lrkit.report import (
    SYMBOL_CONFIDENTIAL,
    SYMBOL_UNRELIABLE,
    check_report_parameters,
    compute_report,
    load_report_data,
)
from lrkit.survey import MIN_N_SUPPRESS, SUPPRESS

STRATA = ["year", "quarter", "stratum"]


# ------------------------------------------------------------------------------ parameters
def test_parameters_accept_text_and_names_without_diacritics(tmp_path):
    params = check_report_parameters("2024", "dong nai", "vi", None, "workshop", tmp_path)
    assert (params.year, params.province, params.lang) == (2024, "Đồng Nai", "vi")
    assert params.seed == 2025 and params.scale == "workshop" and not params.is_country
    country = check_report_parameters(2025, "Việt Nam", "en", 7, "national")
    assert country.is_country and country.province == "Viet Nam" and country.seed == 7


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"province": "Hà Nội"}, "Hồ Chí Minh City, Hải Phòng, Đồng Nai"),
        ({"province": "Hà Nội"}, "lrkit data build --scale national"),
        ({"province": "Viet Nam"}, "the whole country is not in the workshop data"),
        ({"province": "Atlantis", "scale": "national"}, "Cà Mau, An Giang, Viet Nam"),
        ({"year": 2019}, "valid values: 2020, 2021, 2022, 2023, 2024, 2025"),
        ({"year": "last"}, "valid values: 2020, 2021"),
        ({"lang": "fr"}, "valid values: en, vi"),
        ({"scale": "regional"}, "valid values: workshop, national"),
        ({"seed": -1}, "seed must be 0 or more"),
    ],
)
def test_invalid_parameters_list_the_valid_values(arguments, message):
    values = {"year": 2025, "province": "Đồng Nai", "lang": "en", "scale": "workshop"}
    values.update(arguments)
    with pytest.raises((ValueError, TypeError)) as error:
        check_report_parameters(**values)
    assert message in str(error.value)


def test_a_missing_scale_names_the_command(tmp_path, monkeypatch, capsys):
    (tmp_path / "workshop").mkdir()
    monkeypatch.setenv("LRKIT_DATA", str(tmp_path))
    with pytest.raises(FileNotFoundError, match="lrkit data build --scale national"):
        report.require_scale("national")
    report.require_scale("national", seed=3)  # another seed draws the data in memory
    assert main(["report", "--province", "Cà Mau", "--scale", "national"]) == 2
    assert "lrkit data build --scale national" in capsys.readouterr().err


def test_slugs_and_offline_page():
    assert report.area_slug("Đồng Nai") == "dong-nai"
    assert report.area_slug("Hồ Chí Minh City") == "ho-chi-minh-city"
    page = (
        '<head><script src="https://x/require.min.js"></script><!-- Load mathjax -->'
        "<script>mathjax</script><!-- End of mathjax configuration --></head><body>ok</body>"
    )
    cleaned = report.offline_html(page)
    assert "require" not in cleaned and "mathjax" not in cleaned and "ok" in cleaned


def test_the_report_reads_what_load_dataset_gives(tmp_path):
    params = check_report_parameters(2025, "Hải Phòng", "en", out_dir=tmp_path)
    data = load_report_data(params)
    for name, columns in report.REPORT_COLUMNS.items():
        full = load_dataset(name)
        expected = full[full["province"] == "Hải Phòng"][list(columns)].reset_index(drop=True)
        pd.testing.assert_frame_equal(getattr(data, name), expected)


def test_another_seed_draws_the_data_in_memory(tmp_path):
    params = check_report_parameters(2025, "Đồng Nai", "en", seed=11, out_dir=tmp_path)
    data = load_report_data(params)
    assert list(data.workers.columns) == list(report.REPORT_COLUMNS["workers"])
    assert set(data.workers["province"]) == {"Đồng Nai"}
    committed = load_report_data(check_report_parameters(2025, "Đồng Nai", out_dir=tmp_path))
    assert not data.workers["weight"].equals(committed.workers["weight"])


# ------------------------------------------------------------------------------ figures
def _direct(province: str, year: int) -> dict[str, object]:
    """The report's figures computed here with lrkit and pandas, from the data."""
    workers = load_dataset("workers")
    rows = workers[(workers["province"] == province) & (workers["year"] == year)]
    # one year's records of one province hold whole strata (year × quarter × stratum), so
    # estimating from them gives the same standard errors as a domain of the full design
    density = union_density_estimates(rows, strata=STRATA).iloc[0]
    coverage = bargaining_coverage_estimates(rows, strata=STRATA).iloc[0]
    dates = pd.to_datetime(
        rows["year"].astype(str) + "-" + (3 * rows["quarter"] - 1).astype(str) + "-15"
    )
    below = share_below_minimum_wage(rows, on=dates, strata=STRATA).iloc[0]
    strikes = load_dataset("strikes")
    strikes = strikes[(strikes["province"] == province) & (strikes["year"] == year)]
    disputes = load_dataset("disputes")
    disputes = disputes[(disputes["province"] == province) & (disputes["year"] == year)]
    year_end = pd.Timestamp(f"{year}-12-31")
    settled = disputes["settled_date"].notna() & (disputes["settled_date"] <= year_end)
    agreements = load_dataset("agreements")
    agreements = agreements[agreements["province"] == province]
    signed = agreements[agreements["signed_date"].dt.year == year]
    above = [
        wage > monthly_minimum(region, day)
        for wage, region, day in zip(
            signed["lowest_wage_vnd"], signed["min_wage_region"], signed["signed_date"], strict=True
        )
    ]
    in_force = agreements[
        (agreements["signed_date"] <= year_end) & (agreements["expiry_date"] >= year_end)
    ]
    return {
        "density": density,
        "coverage": coverage,
        "below": below,
        "pay_gap": gender_pay_gap(rows, strata=STRATA).iloc[0],
        "strikes": strikes,
        "not_led": 100 * float((~strikes["led_by_union"]).mean()) if len(strikes) else np.nan,
        "disputes": len(disputes),
        "settled_pct": 100 * float(settled.mean()),
        "signed": len(signed),
        "above_pct": 100 * float(np.mean(above)),
        "in_force": len(in_force),
        "covered": int(in_force["workers_covered"].sum()),
        "in_force_rows": in_force,
        "employees": float(density["denominator"]),
    }


@pytest.mark.parametrize(("province", "year"), [("Hải Phòng", 2024), ("Đồng Nai", 2022)])
def test_figures_agree_with_lrkit_computed_directly(province, year, tmp_path):
    params = check_report_parameters(year, province, "en", out_dir=tmp_path)
    figures = compute_report(params, load_report_data(params))
    direct = _direct(province, year)
    key = figures.key
    for code, name in (("union_density", "density"), ("coverage", "coverage")):
        expected = direct[name]
        assert key[code].value == pytest.approx(expected["rate"], abs=1e-9)
        assert key[code].ci_lower == pytest.approx(expected["ci_lower"], abs=1e-9)
        assert key[code].status == expected["flag"]
    assert key["below_minimum"].value == pytest.approx(direct["below"]["rate"], abs=1e-9)
    assert key["strikes"].value == len(direct["strikes"])
    assert key["strike_workers"].value == direct["strikes"]["workers_involved"].sum()
    assert key["days_not_worked"].value == direct["strikes"]["days_not_worked"].sum()
    # days not worked per 1,000 employees = days ÷ weighted employees × 1,000
    assert key["days_per_1000"].value == pytest.approx(
        1000 * direct["strikes"]["days_not_worked"].sum() / direct["employees"]
    )
    assert key["disputes"].value == direct["disputes"]
    assert key["settled"].value == pytest.approx(direct["settled_pct"])
    assert key["agreements_signed"].value == direct["signed"]
    assert key["wage_clause"].value == pytest.approx(direct["above_pct"])
    assert key["agreements_in_force"].value == direct["in_force"]
    assert key["workers_covered"].value == direct["covered"]
    # the status of a count follows the threshold rule
    for code in ("strikes", "disputes", "agreements_signed", "agreements_in_force"):
        count = key[code].value
        assert key[code].published == (count == 0 or count >= MIN_COUNT), code


@pytest.mark.parametrize("province", PILOT_PROVINCES)
@pytest.mark.parametrize("year", [2021, 2025])
def test_no_published_cell_under_the_thresholds(province, year, tmp_path):
    params = check_report_parameters(year, province, "en", out_dir=tmp_path)
    data = load_report_data(params)
    figures = compute_report(params, data)
    for table in (figures.strikes, figures.disputes, figures.agreements):
        shown = table.values.mask(table.hidden)
        assert not ((shown > 0) & (shown < MIN_COUNT)).any().any()
    strikes = data.strikes[data.strikes["year"] == year]
    in_force = report.agreements_in_force(data.agreements, f"{year}-12-31")
    for table, frame, row, column in (
        (figures.strike_workers, strikes, "cause", "ownership"),
        (figures.covered, in_force, "level", "min_wage_region"),
    ):
        for r in table.values.index:
            for c in table.values.columns:
                if table.hidden.loc[r, c] or table.values.loc[r, c] == 0:
                    continue
                inside = frame
                if r != TOTAL:
                    inside = inside[inside[row] == r]
                if c != TOTAL:
                    inside = inside[inside[column] == c]
                assert inside["enterprise_id"].nunique() >= MIN_CONTRIBUTORS, (r, c)
    for table in (figures.ownership, figures.minimum):
        assert (table.loc[table["flag"] != SUPPRESS, "n"] >= MIN_N_SUPPRESS).all()


def test_a_year_without_strikes_disputes_or_agreements(tmp_path):
    params = check_report_parameters(2025, "Hải Phòng", "vi", out_dir=tmp_path)
    data = load_report_data(params)
    data.strikes = data.strikes.iloc[0:0]
    data.disputes = data.disputes.iloc[0:0]
    data.agreements = data.agreements.iloc[0:0]
    figures = compute_report(params, data)
    assert figures.key["strikes"].value == 0 and figures.key["strikes"].published
    assert figures.key["not_led"].published  # nothing to hide: shown empty, not as "x"
    writer = report.ReportWriter(figures)
    texts = " ".join(
        content
        for section in (writer.strikes(), writer.disputes(), writer.agreements())
        for kind, content in section
        if kind == "markdown"
    )
    for key in ("text.strikes_none", "text.disputes_none", "text.agreements_none"):
        assert t(key, "vi", year=2025) in texts
    table = writer.key_table().frame.set_index(t("col.indicator", "vi"))
    assert table.loc[t("ind.not_led", "vi"), t("col.value", "vi")] is None
    assert table.loc[t("ind.strikes", "vi"), t("col.value", "vi")] == 0


@pytest.mark.parametrize("seed", range(12))
def test_a_single_total_follows_the_magnitude_rules(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 7))
    frame = pd.DataFrame(
        {
            "enterprise_id": rng.choice(["a", "b", "c", "d", "e", "f"], size=n),
            "days": rng.integers(1, 400, size=n) * rng.choice([1, 1, 20], size=n),
        }
    )
    total, published = report._protected_total(frame, "days")
    table = protect_magnitude_table(
        frame.assign(r="all", c="all"), "r", "c", "days", contributor="enterprise_id"
    )
    assert total == table.values.loc[TOTAL, TOTAL]
    assert published == (table.status.loc[TOTAL, TOTAL] == "")


def test_published_tables_write_numbers_in_each_language(tmp_path):
    table = report.PublishedTable(
        key="demo",
        sheet="Demo",
        title="Demo",
        frame=pd.DataFrame({"a": [12345, 53.25, SYMBOL_CONFIDENTIAL]}),
        decimals={"a": 1},
    )
    # whole numbers (counts) keep no decimals; rates get one
    assert list(table.formatted("vi")["a"]) == ["12.345", "53,2", "x"]
    assert list(table.formatted("en")["a"]) == ["12,345", "53.2", "x"]


# ------------------------------------------------------------------------------ the runs
class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def _html_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return re.sub(r"\s+", " ", html.unescape(" ".join(parser.parts)))


def _sheet(workbook, name: str) -> pd.DataFrame:
    """Read one table sheet: headers on row 3, data until the first empty row."""
    sheet = workbook[name]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    header, body = rows[0], []
    for row in rows[1:]:
        if row[0] is None:
            break
        body.append(row)
    return pd.DataFrame(body, columns=list(header))


RUNS = [
    ("Hồ Chí Minh City", 2025, "vi"),
    ("Hải Phòng", 2025, "vi"),
    ("Đồng Nai", 2025, "vi"),
    ("Hải Phòng", 2023, "en"),
    ("Hồ Chí Minh City", 2025, "en"),
]


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    summary = report.run_all(2025, "vi", scale="workshop", out=out, jobs=2, progress=False)
    assert not summary.failures, summary.failures
    assert set(summary.reports) == set(PILOT_PROVINCES)
    index = summary.index.read_text("utf-8")
    assert "Thành phố Hồ Chí Minh" in index and 'lang="vi"' in index
    results = {(area, 2025, "vi"): path.parent for area, path in summary.reports.items()}
    for province, year, lang in RUNS[3:]:
        html_path = report.run_report(year, province, lang, out=out)
        results[(province, year, lang)] = html_path.parent
    return results


@pytest.mark.slow
@pytest.mark.parametrize(("province", "year", "lang"), RUNS)
def test_report_outputs_match_lrkit(runs, province, year, lang):
    folder = runs[(province, year, lang)]
    place = place_name(province, lang)
    direct = _direct(province, year)
    page = (folder / "report.html").read_text("utf-8")
    text = _html_text(page)

    # the page: language, title, no code, nothing fetched from the internet
    title = t("report.title", lang, place=place, year=year)
    assert f'<html lang="{lang}"' in page and f"<title>{html.escape(title)}</title>" in page
    assert title in text and place in text
    for code in ("check_report_parameters", "show(report", "import ", "Traceback"):
        assert code not in text, code
    assert not re.search(r'<script src="https?://', page)
    # every chart has its title, in the report's language, as its alternative text
    alts = re.findall(r'<img [^>]*alt="([^"]*)"', page)
    assert len(alts) == 3 and all(place in alt for alt in alts), alts
    assert "No description has been provided" not in page
    assert t("sec.strikes", lang) in text and t("sec.methods", lang) in text

    # sentences with their figures, in the report's language
    for code, key in (("density", "text.density"), ("coverage", "text.coverage")):
        estimate = direct[code]
        values = {"rate": estimate["rate"], "low": estimate["ci_lower"]}
        values["high"] = estimate["ci_upper"]
        if code == "density":
            values.update(year=year, place=place)
        if estimate["flag"] != SUPPRESS:
            assert t(key, lang, **values) in text
    gap = direct["pay_gap"]
    if gap["flag"] != SUPPRESS:
        sentence = t(
            "text.pay_gap", lang, gap=gap["gap_pct"], low=gap["ci_lower"], high=gap["ci_upper"]
        )
        assert sentence in text
        zero = t("text.pay_gap_includes_zero", lang, place=place)
        assert (zero in text) == (gap["ci_lower"] <= 0 <= gap["ci_upper"])
    strikes = direct["strikes"]
    if len(strikes) >= MIN_COUNT:
        sentence = t(
            "text.strikes", lang, actions=len(strikes), year=year, not_led=direct["not_led"]
        )
        assert sentence in text
    else:
        assert t("text.strikes_few", lang, threshold=MIN_COUNT, year=year) in text
    assert (
        t(
            "text.disputes",
            lang,
            disputes=direct["disputes"],
            year=year,
            settled=direct["settled_pct"],
        )
        in text
    )
    assert (
        t("text.agreements", lang, signed=direct["signed"], year=year, share=direct["above_pct"])
        in text
    )

    # the workbook: translated sheets and headers, the same figures, nothing under threshold
    workbook = load_workbook(next(folder.glob("tables-*.xlsx")), data_only=True)
    sheets = [t(f"sheet.{k}", lang) for k in ("key", "ownership", "minimum", "strikes")]
    assert sheets == workbook.sheetnames[:4]
    assert t("sheet.notes", lang) == workbook.sheetnames[-1]
    key = _sheet(workbook, t("sheet.key", lang)).set_index(t("col.indicator", lang))
    value = t("col.value", lang)
    density = direct["density"]
    assert key.loc[t("ind.union_density", lang), value] == round(density["rate"], 1)
    assert key.loc[t("ind.union_density", lang), t("col.ci_lower", lang)] == round(
        density["ci_lower"], 1
    )
    below = direct["below"]
    expected_below = SYMBOL_UNRELIABLE if below["flag"] == SUPPRESS else round(below["rate"], 1)
    assert key.loc[t("ind.below_minimum", lang), value] == expected_below
    expected_strikes = (
        len(strikes) if len(strikes) == 0 or len(strikes) >= MIN_COUNT else SYMBOL_CONFIDENTIAL
    )
    assert key.loc[t("ind.strikes", lang), value] == expected_strikes
    assert key.loc[t("ind.disputes", lang), value] == direct["disputes"]
    assert key.loc[t("ind.agreements_in_force", lang), value] == direct["in_force"]

    for name in ("strikes", "disputes", "agreements"):
        table = _sheet(workbook, t(f"sheet.{name}", lang)).iloc[:, 1:]
        numbers = table.apply(pd.to_numeric, errors="coerce")
        assert not ((numbers > 0) & (numbers < MIN_COUNT)).any().any(), name
        assert set(table.to_numpy()[numbers.isna().to_numpy()]) <= {SYMBOL_CONFIDENTIAL}, name
    strike_table = _sheet(workbook, t("sheet.strikes", lang)).set_index(t("col.cause", lang))
    grand = strike_table.loc[t("total", lang), t("total", lang)]
    assert grand == expected_strikes

    # magnitude tables: every published non-zero cell has enough enterprises behind it
    codes = {label("cause", c, lang): c for c in report.CAUSES}
    codes |= {label("ownership", c, lang): c for c in report.OWNERSHIPS}
    codes |= {label("level", c, lang): c for c in report.LEVELS}
    codes |= {label("region", c, lang): c for c in ("I", "II", "III", "IV")}
    for name, frame, row, column in (
        ("strike_workers", strikes, "cause", "ownership"),
        ("covered", direct["in_force_rows"], "level", "min_wage_region"),
    ):
        table = _sheet(workbook, t(f"sheet.{name}", lang)).set_index(
            t("col.cause" if row == "cause" else "col.level", lang)
        )
        for r in table.index:
            for c in table.columns:
                cell = table.loc[r, c]
                if cell == SYMBOL_CONFIDENTIAL or cell == 0:
                    continue
                inside = frame
                if r != t("total", lang):
                    inside = inside[inside[row] == codes[r]]
                if c != t("total", lang):
                    inside = inside[inside[column] == codes[c]]
                workers = "workers_involved" if name == "strike_workers" else "workers_covered"
                assert cell == inside[workers].sum(), (name, r, c)
                assert inside["enterprise_id"].nunique() >= MIN_CONTRIBUTORS, (name, r, c)

    # survey tables: published estimates rest on enough observations, suppressed show ".."
    ownership = _sheet(workbook, t("sheet.ownership", lang))
    workers = load_dataset("workers")
    rows = workers[(workers["province"] == province) & (workers["year"] == year)]
    rows = rows.assign(employer_ownership=rows["employer_ownership"].fillna("none"))
    by_owner = union_density_estimates(rows, by="employer_ownership", strata=STRATA)
    density_rows = ownership[ownership[t("col.indicator", lang)] == t("ind.union_density", lang)]
    for _, estimate in by_owner[by_owner["employer_ownership"] != "none"].iterrows():
        shown = density_rows.loc[
            density_rows[t("col.ownership", lang)]
            == label("ownership", estimate["employer_ownership"], lang),
            t("col.rate_pct", lang),
        ].iloc[0]
        if estimate["flag"] == SUPPRESS:
            assert shown == SYMBOL_UNRELIABLE
        else:
            assert shown == round(estimate["rate"], 1)
            assert estimate["n"] >= MIN_N_SUPPRESS

    # charts: PNG files whose title (metadata) keeps its diacritics
    charts = sorted(folder.glob("chart-*.png"))
    assert len(charts) == 3
    for chart in charts:
        with Image.open(chart) as image:
            assert image.size[0] >= 800
            assert place in image.text["Title"], image.text
    assert (
        t("chart.trend.title", lang, place=place, first=2020, year=year)
        == Image.open(charts[0]).text["Title"]
    )

    # the executed notebook wrote nothing to stderr (a missing glyph would warn there)
    executed = nbformat.read(folder / "report.ipynb", as_version=4)
    streams = [
        output
        for cell in executed.cells
        for output in cell.get("outputs", [])
        if output.get("output_type") in ("stream", "error")
    ]
    assert not streams, streams


@pytest.mark.slow
@pytest.mark.parametrize(
    ("parameters", "expected"),
    [
        ({"province": "Hà Nội"}, "Hồ Chí Minh City, Hải Phòng, Đồng Nai"),
        ({"lang": "fr"}, "valid values: en, vi"),
        ({"year": 2030}, "valid values: 2020, 2021, 2022, 2023, 2024, 2025"),
    ],
)
def test_invalid_parameters_stop_at_the_first_cell(tmp_path, parameters, expected):
    out = tmp_path / "bad.ipynb"
    with pytest.raises(pm.PapermillExecutionError) as error:
        pm.execute_notebook(
            str(report.NOTEBOOK),
            str(out),
            parameters={"out_dir": str(tmp_path), **parameters},
            kernel_name="python3",
            progress_bar=False,
            cwd=str(tmp_path),
        )
    assert expected in str(error.value)
    # the cell that stopped is the one right after the parameters (papermill's injected
    # parameters cell comes between them), and no cell after it ran
    assert "check_report_parameters(" in error.value.source
    executed = nbformat.read(out, as_version=4)
    code = [c for c in executed.cells if c.cell_type == "code"]
    tags = [c.metadata.get("tags", []) for c in code]
    first = next(i for i, c in enumerate(code) if "check_report_parameters(" in c.source)
    assert "injected-parameters" in tags[first - 1] and "parameters" in tags[first - 2]
    assert all(c.get("execution_count") is None for c in code[first + 1 :])
    assert not list(Path(tmp_path).glob("*.png"))
