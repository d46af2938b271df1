"""The data gap review (lrkit.gaps): template, rules with clear errors, scores by hand."""

from __future__ import annotations

import matplotlib
import pandas as pd
import pytest

from lrkit.gaps import (
    CANDIDATES,
    DIMENSIONS,
    INDICATORS,
    SCALE,
    SOURCES,
    GapReviewError,
    fill_gap_template,
    gap_summary,
    gap_table,
    gap_template,
    plot_gap_table,
    rating,
    scale_table,
    score_gap_matrix,
    validate_gap_matrix,
)

matplotlib.use("Agg")

# Four rows of ratings whose scores are worked out by hand from the scale in the docstring:
TEN = ("published", "annual", "province, full", "fair")  # 3 + 2 + 3 + 2 = 10
NINE = ("collected, not released", "quarterly or more often", "province, partial", "good")  # 9
FIVE = ("on request", "irregular", "national only", "poor")  # 2 + 1 + 1 + 1 = 5
ZERO = ("not collected", "none", "none", "unknown")  # 0


def _ratings() -> dict[tuple[str, str], tuple[str, ...]]:
    ratings = dict.fromkeys(CANDIDATES, FIVE)
    ratings[("union_density", "lfs")] = TEN
    ratings[("union_density", "vgcl_records")] = NINE
    ratings[("strikes", "ministry_registers")] = ZERO
    ratings[("disputes", "ministry_registers")] = NINE
    return ratings


@pytest.fixture
def matrix() -> pd.DataFrame:
    return fill_gap_template(gap_template("Dong Nai"), _ratings())


def test_template_has_one_empty_row_per_candidate_pair():
    template = gap_template("dong nai")
    assert len(template) == len(CANDIDATES) == 13
    assert set(template["province"]) == {"Đồng Nai"}
    assert list(zip(template["indicator"], template["source"], strict=True)) == list(CANDIDATES)
    assert template[list(DIMENSIONS)].isna().all().all()
    assert {i for i, _ in CANDIDATES} == set(INDICATORS)
    assert {s for _, s in CANDIDATES} <= set(SOURCES)


def test_template_accepts_any_of_the_34_provinces_and_names_them_on_a_typo():
    assert gap_template("Huế")["province"].iloc[0] == "Huế"
    with pytest.raises(ValueError, match="Hải Phòng"):
        gap_template("Hai Phong City of nowhere")


def test_scale_has_four_steps_worth_0_to_3_on_each_dimension():
    assert tuple(SCALE) == DIMENSIONS
    for values in SCALE.values():
        assert sorted(values.values()) == [0, 1, 2, 3]
    table = scale_table()
    assert len(table) == 16 and table["points"].sum() == 4 * (0 + 1 + 2 + 3)
    assert table["meaning"].str.len().gt(0).all()


def test_scores_by_hand(matrix):
    scored = score_gap_matrix(matrix).set_index(["indicator", "source"])
    assert scored.loc[("union_density", "lfs"), "score"] == 10
    assert scored.loc[("union_density", "vgcl_records"), "score"] == 9
    assert scored.loc[("strikes", "ministry_registers"), "score"] == 0
    assert scored.loc[("sdg_882", "ilo_supervisory"), "score"] == 5
    assert scored.loc[("union_density", "lfs"), "coverage_points"] == 3
    assert scored["score"].sum() == 10 + 9 + 0 + 9 + 5 * 9


@pytest.mark.parametrize(
    ("score", "expected"),
    [(0, "gap"), (5, "gap"), (6, "partial"), (8, "partial"), (9, "adequate"), (12, "adequate")],
)
def test_rating_thresholds(score, expected):
    assert rating(score) == expected


def test_summary_takes_the_best_source_and_breaks_ties_in_source_order(matrix):
    summary = gap_summary(matrix)
    assert list(summary.index) == list(INDICATORS)
    assert summary.loc["union_density", ["best_source", "best_score", "rating"]].tolist() == [
        "lfs",
        10,
        "adequate",
    ]
    # the ministry does not collect strikes in this matrix: VGCL's 5 is the best
    assert summary.loc["strikes", "best_source"] == "vgcl_records"
    assert summary.loc["strikes", "best_score"] == 5 and summary.loc["strikes", "rating"] == "gap"
    assert summary.loc["strikes", "sources_collecting"] == 1
    assert summary.loc["disputes", "rating"] == "adequate"
    # three sources score 5: the first in SOURCES order wins
    assert summary.loc["representation", "best_source"] == "enterprise_data"
    assert summary.loc["bargaining_coverage", "best_source"] == "lfs"


def test_gap_table_is_indicators_by_sources_with_blanks_for_non_candidates(matrix):
    table = gap_table(matrix)
    assert table.shape == (len(INDICATORS), len(SOURCES))
    assert table.loc["union_density", "lfs"] == 10
    assert pd.isna(table.loc["sdg_882", "lfs"])
    assert int(table.notna().sum().sum()) == len(CANDIDATES)


def test_values_forgive_case_and_spaces(matrix):
    shouting = matrix.copy()
    shouting.loc[0, "availability"] = "  PUBLISHED "
    assert validate_gap_matrix(shouting).loc[0, "availability"] == "published"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda m: m.drop(columns="quality"), r"lacks the column\(s\) \['quality'\]"),
        (
            lambda m: m.assign(frequency=m["frequency"].where(m.index != 2, "weekly")),
            r"row 2 \('union_density', 'enterprise_data'\).*'frequency'.*'weekly'.*allowed: "
            r"'none', 'irregular', 'annual', 'quarterly or more often'",
        ),
        (
            lambda m: m.assign(quality=m["quality"].where(m.index != 4, None)),
            r"row 4 .*'quality' is empty; allowed: 'unknown'",
        ),
        (lambda m: m.drop(index=12), r"row\(s\) missing: \(sdg_882, ilo_supervisory\)"),
        (lambda m: pd.concat([m, m.iloc[[0]]]), r"row 13 .*repeats row 0"),
        (
            lambda m: m.assign(source=m["source"].where(m.index != 12, "lfs")),
            r"row 12 \('sdg_882', 'lfs'\): not a candidate pair",
        ),
        (
            lambda m: m.assign(province=m["province"].where(m.index != 0, "Hải Phòng")),
            "one province in every row",
        ),
    ],
)
def test_errors_name_the_row_column_value_and_what_is_allowed(matrix, change, message):
    with pytest.raises(GapReviewError, match=message):
        validate_gap_matrix(change(matrix))


def test_a_source_that_does_not_collect_scores_nothing_and_vice_versa(matrix):
    ratings = _ratings()
    ratings[("strikes", "ministry_registers")] = ("not collected", "annual", "none", "unknown")
    with pytest.raises(GapReviewError, match="'not collected', so column 'frequency' must be"):
        validate_gap_matrix(fill_gap_template(gap_template("Đồng Nai"), ratings))
    ratings[("strikes", "ministry_registers")] = ("published", "annual", "none", "unknown")
    with pytest.raises(GapReviewError, match="'coverage' is 'none' but availability is"):
        validate_gap_matrix(fill_gap_template(gap_template("Đồng Nai"), ratings))


def test_fill_accepts_tuples_with_notes_and_dicts_and_refuses_unknown_pairs():
    template = gap_template("Hải Phòng")
    filled = fill_gap_template(
        template,
        {
            ("strikes", "vgcl_records"): (*FIVE, "yearly national counts"),
            ("disputes", "ministry_registers"): dict(zip(DIMENSIONS, NINE, strict=True)),
        },
    )
    row = filled.set_index(["indicator", "source"]).loc[("strikes", "vgcl_records")]
    assert row["note"] == "yearly national counts" and row["quality"] == "poor"
    assert template["quality"].isna().all()  # the template itself is not changed
    with pytest.raises(GapReviewError, match="not a row of the template"):
        fill_gap_template(template, {("strikes", "lfs"): FIVE})
    with pytest.raises(GapReviewError, match="got 3 value"):
        fill_gap_template(template, {("strikes", "vgcl_records"): FIVE[:3]})
    with pytest.raises(GapReviewError, match="unknown name"):
        fill_gap_template(template, {("strikes", "vgcl_records"): {"timeliness": "good"}})


def test_the_chart_draws_one_labelled_cell_per_candidate(matrix):
    ax = plot_gap_table(matrix, title="test")
    assert len(ax.texts) == len(CANDIDATES)
    assert sorted(float(t.get_text()) for t in ax.texts)[-1] == 10
