"""lrkit.sdc_microdata: hand-made records, then a province's survey records."""

import pandas as pd
import pytest

from lrkit.data import load_dataset
from lrkit.sdc_microdata import (
    DIRECT_IDENTIFIERS,
    WORKER_QUASI_IDENTIFIERS,
    class_sizes,
    equivalence_classes,
    generalise_age,
    k_anonymity,
    protect_microdata,
    remove_direct_identifiers,
    risk_summary,
    suppress_to_k,
    top_code,
)

PEOPLE = pd.DataFrame(
    {
        "person_id": ["p1", "p2", "p3", "p4", "p5", "p6"],
        "sex": ["f", "f", "f", "m", "m", "m"],
        "age": [23, 27, 31, 40, 44, 70],
        "wage": [5, 6, 7, 8, 9, 100],
    }
)


def test_equivalence_classes_by_hand():
    classes = equivalence_classes(PEOPLE, ["sex"])
    assert list(classes["size"]) == [3, 3]
    # by sex and age, every person is alone: six classes of 1
    assert k_anonymity(PEOPLE, ["sex", "age"]) == 1
    assert k_anonymity(PEOPLE, ["sex"]) == 3
    assert list(class_sizes(PEOPLE, ["sex"])) == [3] * 6
    with pytest.raises(ValueError, match="at least one"):
        equivalence_classes(PEOPLE, [])
    with pytest.raises(KeyError, match="province"):
        equivalence_classes(PEOPLE, ["province"])


def test_missing_values_form_their_own_class():
    frame = pd.DataFrame({"sector": ["a", None, None, "a"]})
    assert list(class_sizes(frame, ["sector"])) == [2, 2, 2, 2]
    assert k_anonymity(frame, ["sector"]) == 2


def test_generalise_age_by_hand():
    bands = generalise_age(pd.Series([14, 15, 24, 25, 64, 65, 70, None]))
    assert list(bands) == ["<15", "15-24", "15-24", "25-34", "55-64", "65+", "65+", None]
    with pytest.raises(ValueError, match="width"):
        generalise_age(PEOPLE["age"], width=0)


def test_age_bands_raise_k_by_hand():
    banded = PEOPLE.assign(age=generalise_age(PEOPLE["age"], width=20, start=20, top=60))
    # 20-39: p1, p2, p3 (f); 40-59: p4, p5 (m); 60+: p6 (m) → classes 3, 2, 1
    assert sorted(class_sizes(banded, ["sex", "age"])) == [1, 2, 2, 3, 3, 3]
    kept, aside = suppress_to_k(banded, ["sex", "age"], 2)
    assert list(aside["person_id"]) == ["p6"]
    assert "fewer than k = 2" in aside["reason"].iloc[0]
    assert k_anonymity(kept, ["sex", "age"]) == 2
    assert len(kept) + len(aside) == len(banded)


def test_top_code_by_hand():
    coded, threshold, n = top_code(PEOPLE, "wage", threshold=10)
    assert list(coded["wage"]) == [5, 6, 7, 8, 9, 10] and (threshold, n) == (10, 1)
    # median of 5..9 and 100 = (7 + 8) / 2 = 7.5, rounded down to 7 for whole numbers
    coded, threshold, n = top_code(PEOPLE, "wage", quantile=0.5)
    assert threshold == 7 and list(coded["wage"]) == [5, 6, 7, 7, 7, 7] and n == 3
    with pytest.raises(ValueError, match="quantile"):
        top_code(PEOPLE, "wage", quantile=1.5)


def test_remove_direct_identifiers():
    out, removed = remove_direct_identifiers(PEOPLE)
    assert removed == ["person_id"] and "person_id" not in out.columns
    assert set(DIRECT_IDENTIFIERS) >= {"person_id", "household_id", "enterprise_name"}


def test_k_must_be_a_whole_number():
    for bad in (0, 2.5, True, "3"):
        with pytest.raises(ValueError, match="k must be"):
            suppress_to_k(PEOPLE, ["sex"], bad)


def test_protect_a_provinces_records():
    workers = load_dataset("workers")
    here = workers[(workers["province"] == "Hải Phòng") & (workers["year"] == 2024)]
    quasi = list(WORKER_QUASI_IDENTIFIERS)
    before = risk_summary(here, quasi, 3)
    assert before["smallest_class"] == 1 and before["unique_records"] > 0
    protected = protect_microdata(here, quasi, 3, top_codes={"monthly_wage_vnd": 0.99})
    assert protected.received == len(here) == len(protected.kept) + len(protected.set_aside)
    assert k_anonymity(protected.kept, quasi) >= 3
    assert not set(DIRECT_IDENTIFIERS) & set(protected.kept.columns)
    assert protected.kept["age"].map(type).eq(str).all()
    wages = protected.kept["monthly_wage_vnd"].dropna()
    threshold = here["monthly_wage_vnd"].dropna().astype(float).quantile(0.99)
    assert wages.max() <= threshold
    assert list(protected.report["step"]) == [
        "direct identifiers", "risk before", "generalise", "top-code", "suppress", "risk after",
    ]  # fmt: skip
    # generalising first keeps far more records than suppressing single years of age
    crude = protect_microdata(here, quasi, 3, age_band=None)
    assert len(protected.kept) > 2 * len(crude.kept)
