"""The index of the lrkit names the book uses (lrkit.api_index), on a hand-made book.

The tiny book below imports a known set of names in every way a page can (an executed
cell, a parenthesised import over several lines, a shown fragment that is not valid
Python, a notebook cell), next to text that only looks like an import (a bash block, a
markdown sentence, another package, a page under _build/). The expected index is written
out by hand from it.
"""

from __future__ import annotations

import json
import re

import pytest

from lrkit.api_index import describe, imported_names, module_summary, page_code, used_names

CHAPTER = '''---
kernelspec:
  name: python3
---

# Module 9. A test chapter

Text that says from lrkit.fake import nothing is not code.

```{code-cell} ipython3
:tags: [hide-input]
from lrkit.survey import SurveyDesign
from lrkit.ir_indicators import (
    union_density_estimates,
    bargaining_coverage_estimates,
)
import pandas as pd
```

```python
# a fragment to type: not valid Python as a whole
from lrkit.data import load_dataset
for province in ...:
```

```bash
from lrkit.labels import t   # a shell block: not Python
```

   ```python
   from lrkit.disclosure import protect_frequency_table
   ```
'''


def _notebook(*sources: str) -> str:
    cells = [{"cell_type": "code", "source": s, "metadata": {}, "outputs": [],
              "execution_count": None} for s in sources]  # fmt: skip
    cells.append({"cell_type": "markdown", "source": "from lrkit.check import nothing",
                  "metadata": {}})  # fmt: skip
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


@pytest.fixture
def book(tmp_path):
    (tmp_path / "modules").mkdir()
    (tmp_path / "modules" / "09-test.md").write_text(CHAPTER, "utf-8")
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / "09a.ipynb").write_text(
        _notebook("from lrkit.survey import SurveyDesign\nfrom lrkitx import other",
                  "from lrkit import analysis"),
        "utf-8",
    )  # fmt: skip
    (tmp_path / "_build" / "html").mkdir(parents=True)
    (tmp_path / "_build" / "html" / "copy.md").write_text(CHAPTER.replace("survey", "x"), "utf-8")
    return tmp_path


def test_the_index_of_a_hand_made_book(book):
    assert used_names(book) == {
        ("lrkit", "analysis"): ["exercises/09a"],
        ("lrkit.data", "load_dataset"): ["modules/09-test"],
        ("lrkit.disclosure", "protect_frequency_table"): ["modules/09-test"],
        ("lrkit.ir_indicators", "bargaining_coverage_estimates"): ["modules/09-test"],
        ("lrkit.ir_indicators", "union_density_estimates"): ["modules/09-test"],
        ("lrkit.survey", "SurveyDesign"): ["exercises/09a", "modules/09-test"],
    }


def test_cell_options_are_not_code(book):
    blocks = page_code(book / "modules" / "09-test.md")
    assert len(blocks) == 3  # the executed cell and the two python blocks, not the bash one
    assert not blocks[0].startswith(":tags:")


def test_imports_that_are_not_from_lrkit_are_ignored():
    code = "from lrkitx import a\nfrom .lrkit import b\nimport lrkit\nfrom os import path"
    assert imported_names(code) == set()


def test_describe_gives_kind_signature_and_first_paragraph():
    entry = describe("lrkit.course", "duration")
    assert (entry.kind, entry.signature) == ("function", "duration(minutes)")
    assert entry.summary == "Return ``1 h 30`` / ``45 min`` / an empty string for ``None``."
    value = describe("lrkit.course", "CATALOGUE")  # a value documented by its #: comment
    assert value.kind == "value" and value.summary.startswith("The modules of the kit's plan.")
    module = describe("lrkit", "analysis")
    assert module.kind == "module" and "Module 4" in module.summary
    assert module_summary("lrkit.capstone").startswith("The capstone (Module 7)")


def test_a_name_lrkit_does_not_have_is_an_error_naming_it():
    with pytest.raises(ImportError, match="lrkit.survey has no name 'no_such_function'"):
        describe("lrkit.survey", "no_such_function")


def test_every_name_the_real_book_imports_is_indexed_and_documented(root):
    index = used_names(root / "book")
    # an independent reading: single-line imports found by a plain regular expression
    pattern = re.compile(r"^from (lrkit[\w.]*) import ([\w, ]+)$", re.MULTILINE)
    seen = set()
    for page in [*(root / "book" / "modules").glob("*.md"),
                 *(root / "book" / "exercises").glob("*.md")]:  # fmt: skip
        for module, names in pattern.findall(page.read_text("utf-8")):
            seen |= {(module, n.strip()) for n in names.split(",") if n.strip()}
    assert seen and seen <= set(index)
    assert ("lrkit.capstone", "run_capstone") in index
    undocumented = [key for key in index if not describe(*key).summary]
    assert not undocumented, f"names the book uses without a docstring: {undocumented}"
