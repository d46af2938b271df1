"""The data gap review of Module 1: labour relations indicators × sources, rated and scored.

A data gap review (rà soát khoảng trống dữ liệu) asks, for each indicator a province needs,
which sources could measure it and how well they do today. Each candidate pair (indicator,
source) is rated on four dimensions, each on a four-step scale worth 0 to 3 points:

``availability`` (tính sẵn có)
    not collected (0), collected, not released (1), on request (2), published (3);
``frequency`` (tần suất)
    none (0), irregular (1), annual (2), quarterly or more often (3);
``coverage`` (phạm vi)
    none (0), national only (1), province, partial (2), province, full (3);
``quality`` (chất lượng)
    unknown (0), poor (1), fair (2), good (3).

The *score* of a pair is the sum of its four points (0–12). An indicator is as well measured
as its best source: its score is the highest score among its sources, and it is a **gap**
below 6 points, **partial** from 6 to 8 and **adequate** from 9. A source that does not
collect an indicator scores 0: it must be rated ``not collected``, frequency ``none`` and
coverage ``none``, and a source that collects it cannot have frequency or coverage ``none``.

The ratings are a review team's judgement, written down so that they can be discussed and
revised; the scale makes them comparable, not objective. The functions:
:func:`gap_template` (the empty matrix for a province), :func:`fill_gap_template`,
:func:`validate_gap_matrix` (clear errors naming the row, column, value and what is
allowed), :func:`score_gap_matrix`, :func:`gap_summary` and :func:`gap_table` (the
indicators × sources matrix of scores), and :func:`scale_table` (the scale with its meaning).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from lrkit.reference.provinces import provinces_2025, resolve_province


@dataclass(frozen=True)
class Item:
    """An indicator or a source of the review: its key, names and a short description."""

    key: str
    name: str
    name_vi: str
    about: str


#: The indicators reviewed, in review order (Vietnamese names as in the kit's glossary).
INDICATORS: dict[str, Item] = {
    i.key: i
    for i in (
        Item(
            "union_density",
            "Trade union density rate",
            "tỷ lệ tham gia công đoàn",
            "union members who are employees ÷ employees × 100 (ILOSTAT ILR_TUMT_NOC_RT)",
        ),
        Item(
            "bargaining_coverage",
            "Collective bargaining coverage rate",
            "tỷ lệ bao phủ của thỏa ước lao động tập thể",
            "employees covered by a collective agreement ÷ employees × 100 "
            "(ILOSTAT ILR_CBCT_NOC_RT)",
        ),
        Item(
            "strikes",
            "Strikes: actions, workers involved, days not worked",
            "đình công: số cuộc, số người lao động tham gia, số ngày không làm việc",
            "the 15th ICLS (1993) units, and days not worked per 1,000 employees",
        ),
        Item(
            "disputes",
            "Labour disputes and their settlement",
            "tranh chấp lao động",
            "individual and collective disputes (Labour Code 2019), by channel and outcome",
        ),
        Item(
            "representation",
            "Enterprises with a grassroots worker representative organisation",
            "tổ chức đại diện người lao động tại cơ sở",
            "grassroots unions and, since the Labour Code 2019, organisations of workers "
            "outside VGCL",
        ),
        Item(
            "sdg_882",
            "SDG 8.8.2: compliance with freedom of association and collective bargaining rights",
            "chỉ tiêu SDG 8.8.2",
            "national compliance, 0–10 (0 best), 20th ICLS (2018) Resolution II",
        ),
    )
}

#: The sources reviewed, named after who produces them today (late 2025).
SOURCES: dict[str, Item] = {
    s.key: s
    for s in (
        Item(
            "lfs",
            "Labour Force Survey",
            "Điều tra lao động việc làm",
            "National Statistics Office (the General Statistics Office, GSO, until 2025)",
        ),
        Item(
            "enterprise_data",
            "Enterprise surveys and the Economic Census",
            "điều tra doanh nghiệp, Tổng điều tra kinh tế",
            "National Statistics Office (GSO until 2025)",
        ),
        Item(
            "ministry_registers",
            "Labour ministry registers of strikes, disputes and agreements",
            "sổ theo dõi của cơ quan quản lý lao động",
            "Ministry of Home Affairs and provincial departments (MOLISA until 1 March 2025)",
        ),
        Item(
            "vgcl_records",
            "VGCL records: members, grassroots unions, strikes",
            "số liệu của Tổng Liên đoàn Lao động Việt Nam",
            "Vietnam General Confederation of Labour and its provincial federations",
        ),
        Item(
            "ilo_supervisory",
            "ILO supervisory bodies' texts and national law",
            "văn bản của cơ quan giám sát của ILO và pháp luật quốc gia",
            "the texts coded for SDG 8.8.2",
        ),
    )
}

#: The candidate pairs: the sources that could, in principle, give each indicator. Whether
#: they do, for a province, is what the review finds out.
CANDIDATES: tuple[tuple[str, str], ...] = (
    ("union_density", "lfs"),
    ("union_density", "vgcl_records"),
    ("union_density", "enterprise_data"),
    ("bargaining_coverage", "lfs"),
    ("bargaining_coverage", "ministry_registers"),
    ("bargaining_coverage", "enterprise_data"),
    ("strikes", "ministry_registers"),
    ("strikes", "vgcl_records"),
    ("disputes", "ministry_registers"),
    ("representation", "enterprise_data"),
    ("representation", "vgcl_records"),
    ("representation", "ministry_registers"),
    ("sdg_882", "ilo_supervisory"),
)

#: The four dimensions on which each indicator × source pair of the review is scored.
DIMENSIONS: tuple[str, ...] = ("availability", "frequency", "coverage", "quality")

#: Dimension → {value: points}. The values are the only ones a matrix may hold.
SCALE: dict[str, dict[str, int]] = {
    "availability": {
        "not collected": 0,
        "collected, not released": 1,
        "on request": 2,
        "published": 3,
    },
    "frequency": {"none": 0, "irregular": 1, "annual": 2, "quarterly or more often": 3},
    "coverage": {"none": 0, "national only": 1, "province, partial": 2, "province, full": 3},
    "quality": {"unknown": 0, "poor": 1, "fair": 2, "good": 3},
}

#: What each value means, for the scale table shown to participants.
MEANINGS: dict[str, dict[str, str]] = {
    "availability": {
        "not collected": "the source does not record what the indicator needs",
        "collected, not released": "recorded, but kept inside the producer",
        "on request": "tables or microdata given to users who ask",
        "published": "released to the public (report, website, database)",
    },
    "frequency": {
        "none": "never produced",
        "irregular": "a one-off study or an irregular report",
        "annual": "once a year",
        "quarterly or more often": "each quarter or month, or recorded as events happen",
    },
    "coverage": {
        "none": "no figure at all",
        "national only": "a national figure, none for the province",
        "province, partial": "a provincial figure for part of what the definition covers",
        "province, full": "a provincial figure for all that the definition covers",
    },
    "quality": {
        "unknown": "no documentation or quality report to judge by",
        "poor": "another definition than the standard's, or large known errors",
        "fair": "close to the standard, with its limits documented",
        "good": "the standard's definition, documented and checked",
    },
}

VIETNAMESE_DIMENSIONS = {
    "availability": "tính sẵn có",
    "frequency": "tần suất",
    "coverage": "phạm vi",
    "quality": "chất lượng",
}
MAX_POINTS = 3
MAX_SCORE = MAX_POINTS * len(DIMENSIONS)
#: (lowest best score, rating), from the top: an indicator is rated by its best source.
RATINGS: tuple[tuple[int, str], ...] = ((9, "adequate"), (6, "partial"), (0, "gap"))
NOT_COLLECTED = "not collected"
KEYS = ("indicator", "source")
COLUMNS = ("province", *KEYS, *DIMENSIONS, "note")


class GapReviewError(ValueError):
    """A gap matrix that breaks a rule; the message names the row, column and value."""


def _allowed(dimension: str) -> str:
    return ", ".join(repr(v) for v in SCALE[dimension])


def _normal(text: object) -> str:
    return " ".join(str(text).split()).casefold()


def rating(best_score: float) -> str:
    """Return the rating (gap, partial, adequate) of an indicator's best score."""
    for lowest, name in RATINGS:
        if best_score >= lowest:
            return name
    raise ValueError(f"a score must be 0 or more, got {best_score!r}")


def scale_table() -> pd.DataFrame:
    """Return the scale: one row per dimension and value, with its points and meaning."""
    rows = [
        {
            "dimension": f"{dimension} ({VIETNAMESE_DIMENSIONS[dimension]})",
            "value": value,
            "points": points,
            "meaning": MEANINGS[dimension][value],
        }
        for dimension in DIMENSIONS
        for value, points in SCALE[dimension].items()
    ]
    return pd.DataFrame(rows)


def candidates_table() -> pd.DataFrame:
    """Return the candidate pairs with the indicators' and sources' names."""
    return pd.DataFrame(
        [
            {
                "indicator": indicator,
                "source": source,
                "indicator_name": INDICATORS[indicator].name,
                "source_name": SOURCES[source].name,
                "producer": SOURCES[source].about,
            }
            for indicator, source in CANDIDATES
        ]
    )


def gap_template(province: str) -> pd.DataFrame:
    """Return the empty gap matrix of ``province`` (one of the 34 current provincial units).

    One row per candidate pair (:data:`CANDIDATES`), with the columns ``province``,
    ``indicator``, ``source``, the four dimensions (empty, to be filled with values of
    :data:`SCALE`) and ``note`` (free text: the evidence for the ratings).
    """
    name = resolve_province(province, allowed=provinces_2025())
    rows = [
        {"province": name, "indicator": i, "source": s, **dict.fromkeys(DIMENSIONS), "note": ""}
        for i, s in CANDIDATES
    ]
    return pd.DataFrame(rows, columns=list(COLUMNS)).astype({d: "object" for d in DIMENSIONS})


def fill_gap_template(
    template: pd.DataFrame,
    ratings: Mapping[tuple[str, str], Sequence[str] | Mapping[str, str]],
) -> pd.DataFrame:
    """Return a copy of ``template`` with the ``ratings`` written into its rows.

    ``ratings`` maps (indicator, source) to the four values in the order of
    :data:`DIMENSIONS`, optionally followed by a note, or to a dict by dimension name (and
    ``note``). Raises :class:`GapReviewError` for a pair not in the template or a wrong
    number of values; the values themselves are checked by :func:`validate_gap_matrix`.
    """
    filled = template.copy()
    pairs = zip(filled["indicator"], filled["source"], strict=True)
    where = {pair: n for n, pair in enumerate(pairs)}
    for key, given in ratings.items():
        if not isinstance(key, tuple) or len(key) != 2:
            raise GapReviewError(f"ratings key {key!r} should be a pair (indicator, source)")
        if key not in where:
            raise GapReviewError(
                f"ratings key {key!r} is not a row of the template; rows: "
                + ", ".join(f"({i}, {s})" for i, s in where)
            )
        if isinstance(given, Mapping):
            unknown = set(given) - {*DIMENSIONS, "note"}
            if unknown:
                raise GapReviewError(
                    f"ratings for {key!r}: unknown name(s) {sorted(unknown)}; allowed: "
                    f"{', '.join(DIMENSIONS)}, note"
                )
            values = dict(given)
        else:
            given = list(given)
            if len(given) not in (len(DIMENSIONS), len(DIMENSIONS) + 1):
                raise GapReviewError(
                    f"ratings for {key!r}: give the four values ({', '.join(DIMENSIONS)}) "
                    f"and optionally a note, got {len(given)} value(s)"
                )
            values = dict(zip([*DIMENSIONS, "note"], given, strict=False))
        row = filled.index[where[key]]
        for column, value in values.items():
            filled.at[row, column] = value
    return filled


def validate_gap_matrix(matrix: pd.DataFrame) -> pd.DataFrame:
    """Return a checked copy of a filled gap matrix, values written as in :data:`SCALE`.

    Case and extra spaces in the values are forgiven. Raises :class:`GapReviewError`, with
    the row, the column, the value and what is allowed, when a column is missing, a row is
    missing, repeated or not a candidate pair, a cell is empty or not on the scale, the
    matrix mixes provinces, or a row breaks the rule of a source that does not collect the
    indicator (see the module docstring).
    """
    if not isinstance(matrix, pd.DataFrame):
        raise GapReviewError(f"the gap matrix should be a pandas DataFrame, got {type(matrix)}")
    missing = [c for c in ("province", *KEYS, *DIMENSIONS) if c not in matrix.columns]
    if missing:
        raise GapReviewError(
            f"the gap matrix lacks the column(s) {missing}; start from "
            "gap_template(province), which has them all"
        )
    checked = matrix.reset_index(drop=True).copy()
    provinces = checked["province"].dropna().unique().tolist()
    if len(provinces) != 1 or checked["province"].isna().any():
        raise GapReviewError(
            f"column 'province' should hold one province in every row, holds {provinces}"
        )
    pairs = list(zip(checked["indicator"], checked["source"], strict=True))
    candidates = set(CANDIDATES)
    for n, pair in enumerate(pairs):
        if pair not in candidates:
            raise GapReviewError(
                f"row {n} {pair}: not a candidate pair (indicator, source); the indicators "
                f"are {', '.join(INDICATORS)} and each has its sources in CANDIDATES"
            )
        if pairs.index(pair) != n:
            raise GapReviewError(f"row {n} {pair}: repeats row {pairs.index(pair)}")
    absent = [p for p in CANDIDATES if p not in set(pairs)]
    if absent:
        raise GapReviewError(
            f"row(s) missing: {', '.join(f'({i}, {s})' for i, s in absent)}; every candidate "
            "pair must be rated, 'not collected' when the source does not give the indicator"
        )
    for dimension in DIMENSIONS:
        canonical = {_normal(v): v for v in SCALE[dimension]}
        for n, value in enumerate(checked[dimension]):
            where = f"row {n} {pairs[n]}, column {dimension!r}"
            if value is None or value is Ellipsis or (isinstance(value, float) and value != value):
                raise GapReviewError(f"{where} is empty; allowed: {_allowed(dimension)}")
            key = _normal(value)
            if key not in canonical:
                raise GapReviewError(
                    f"{where}: {value!r} is not on the scale; allowed: {_allowed(dimension)}"
                )
            checked.at[n, dimension] = canonical[key]
    for n, row in checked.iterrows():
        collected = row["availability"] != NOT_COLLECTED
        for dimension in ("frequency", "coverage"):
            empty = row[dimension] == "none"
            if not collected and not empty:
                raise GapReviewError(
                    f"row {n} {pairs[n]}: availability is 'not collected', so column "
                    f"{dimension!r} must be 'none', not {row[dimension]!r}"
                )
            if collected and empty:
                raise GapReviewError(
                    f"row {n} {pairs[n]}: column {dimension!r} is 'none' but availability is "
                    f"{row['availability']!r}; a source that collects the indicator has a "
                    f"{dimension}: {_allowed(dimension).replace(repr('none') + ', ', '')}"
                )
    if "note" not in checked.columns:
        checked["note"] = ""
    return checked


def score_gap_matrix(matrix: pd.DataFrame) -> pd.DataFrame:
    """Return the checked matrix with ``<dimension>_points`` columns and the ``score`` (0–12)."""
    scored = validate_gap_matrix(matrix)
    for dimension in DIMENSIONS:
        scored[f"{dimension}_points"] = scored[dimension].map(SCALE[dimension]).astype("int64")
    scored["score"] = scored[[f"{d}_points" for d in DIMENSIONS]].sum(axis=1).astype("int64")
    return scored


def gap_summary(matrix: pd.DataFrame) -> pd.DataFrame:
    """Return one row per indicator: its best source, best score, rating and rated sources.

    The best source is the one with the highest score; a tie goes to the source listed
    first in :data:`SOURCES`. ``sources_collecting`` counts the sources not rated
    'not collected'.
    """
    scored = score_gap_matrix(matrix)
    order = {key: n for n, key in enumerate(SOURCES)}
    rows = []
    for indicator in INDICATORS:
        part = scored[scored["indicator"] == indicator]
        part = part.assign(_order=part["source"].map(order)).sort_values(
            ["score", "_order"], ascending=[False, True]
        )
        best = part.iloc[0]
        rows.append(
            {
                "indicator": indicator,
                "best_source": best["source"],
                "best_score": int(best["score"]),
                "rating": rating(int(best["score"])),
                "sources_collecting": int((part["availability"] != NOT_COLLECTED).sum()),
                "sources_rated": len(part),
            }
        )
    return pd.DataFrame(rows).set_index("indicator")


def gap_table(matrix: pd.DataFrame) -> pd.DataFrame:
    """Return the indicators × sources matrix of scores (empty where a pair is no candidate)."""
    scored = score_gap_matrix(matrix)
    table = scored.pivot(index="indicator", columns="source", values="score")
    table = table.reindex(index=list(INDICATORS), columns=list(SOURCES))
    table.index.name, table.columns.name = "indicator", "source"
    return table.astype("Int64")


#: Short labels for charts: indicator and source keys → a few words each.
SHORT_NAMES: dict[str, str] = {
    "union_density": "Union density",
    "bargaining_coverage": "Bargaining coverage",
    "strikes": "Strikes",
    "disputes": "Labour disputes",
    "representation": "Worker representation",
    "sdg_882": "SDG 8.8.2",
    "lfs": "Labour Force\nSurvey",
    "enterprise_data": "Enterprise\ndata",
    "ministry_registers": "Ministry\nregisters",
    "vgcl_records": "VGCL\nrecords",
    "ilo_supervisory": "ILO supervisory\ntexts",
}


def plot_gap_table(matrix: pd.DataFrame, title: str = "", ax=None):
    """Draw the indicators × sources scores as a coloured grid, each cell labelled.

    Cells are coloured by the rating their score would give (gap, partial, adequate); pairs
    that are no candidate are left blank. Returns the Matplotlib axes.
    """
    import matplotlib.pyplot as plt
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.patches import Patch

    from lrkit.plots import use_kit_style

    use_kit_style()
    table = gap_table(matrix)
    values = table.astype("float64").to_numpy()
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4.2))
    colours = ["#e7a29a", "#f3d88c", "#9fcfa0"]  # gap, partial, adequate
    bounds = [0, RATINGS[1][0], RATINGS[0][0], MAX_SCORE + 1]
    ax.imshow(
        values,
        cmap=ListedColormap(colours),
        norm=BoundaryNorm(bounds, len(colours)),
        aspect="auto",
    )
    for (row, column), value in pd.DataFrame(values).stack().dropna().items():
        ax.text(column, row, f"{value:.0f}", ha="center", va="center", fontsize=11)
    ax.set_xticks(range(len(table.columns)), [SHORT_NAMES[s] for s in table.columns], fontsize=9)
    ax.set_yticks(range(len(table.index)), [SHORT_NAMES[i] for i in table.index], fontsize=10)
    ax.tick_params(top=True, labeltop=True, bottom=False, labelbottom=False, length=0)
    ax.grid(False)
    ax.set_xticks([x - 0.5 for x in range(1, len(table.columns))], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, len(table.index))], minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    legend = [
        Patch(color=colours[2], label=f"adequate ({RATINGS[0][0]}–{MAX_SCORE})"),
        Patch(color=colours[1], label=f"partial ({RATINGS[1][0]}–{RATINGS[0][0] - 1})"),
        Patch(color=colours[0], label=f"gap (0–{RATINGS[1][0] - 1})"),
    ]
    ax.legend(
        handles=legend,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.03),
        ncol=3,
        frameon=False,
        fontsize=9,
    )
    if title:
        ax.set_title(title, fontsize=11, pad=12)
    return ax
