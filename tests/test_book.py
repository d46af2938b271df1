"""The book: it builds strictly with every page executed, and a broken notebook fails it.

The real book is built in place (book/_build, as `make book` does, reusing its execution
cache), then its HTML is read for what a reader must see.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

JB = [str(Path(sys.executable).parent / "jupyter-book"), "build"]  # the venv's command
STRICT = ["-W", "-n", "--keep-going"]  # the Makefile's BOOK_FLAGS
NOTEBOOK_HEADER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""


def _build(book: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*JB, str(book), *STRICT], capture_output=True, text=True, timeout=1200)


@pytest.fixture(scope="module")
def html(root) -> Path:
    result = _build(root / "book")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return root / "book" / "_build" / "html"


@pytest.mark.slow
def test_every_page_is_built_without_error_output(html):
    pages = sorted(html.rglob("*.html"))
    assert len(pages) >= 3
    for page in pages:
        text = page.read_text("utf-8")
        assert "Traceback (most recent call last)" not in text, page
        assert 'class="output traceback' not in text, page
        assert "output stderr" not in text, page


@pytest.mark.slow
def test_module_1_shows_executed_table_and_chart(html):
    page = (html / "modules" / "01-concepts.html").read_text("utf-8")
    assert "<table" in page  # an executed data frame
    images = re.findall(r'<img[^>]+src="([^"]+\.png)"', page)
    assert images, "no chart on the page"
    for src in images:
        assert (html / "modules" / src).resolve().exists(), src
    assert "Hải Phòng" in page and "Đồng Nai" in page
    assert "../exercises/01-union-density.html" in page


@pytest.mark.slow
def test_tables_that_code_prints_as_markdown_are_tables(html):
    """A Markdown table printed by code (the dataset page) must not show as lines of pipes."""
    raw = [
        (page.relative_to(html).as_posix(), match.group(0)[:60])
        for page in sorted(html.rglob("*.html"))
        for match in re.finditer(r"<p>\|[^<\n]*\|", page.read_text("utf-8"))
    ]
    assert raw == []
    # the overview, one table per dataset (11), raw files, parameters, minimum-wage truth
    assert (html / "reference" / "datasets.html").read_text("utf-8").count("<table") >= 5


@pytest.mark.slow
def test_exercise_page_hides_its_solutions_in_dropdowns(html):
    page = (html / "exercises" / "01-union-density.html").read_text("utf-8")
    exercises = re.findall(r'class="[^"]*exercise[^"]*admonition', page)
    solutions = re.findall(r'class="solution dropdown[^"]*"', page)
    assert len(exercises) == 2 and len(solutions) == 2
    assert "Correct! ✔" in page  # the solutions ran and passed their checks
    assert "# YOUR CODE HERE" in page  # the learner's starting code is shown


@pytest.mark.slow
def test_home_page_leads_to_module_1(html):
    assert "url=intro.html" in (html / "index.html").read_text("utf-8")
    assert "modules/01-concepts.html" in (html / "intro.html").read_text("utf-8")


@pytest.mark.slow
def test_formulas_are_served_from_the_book(html):
    """No CDN in a training room: MathJax must come from the book's own _static folder."""
    page = (html / "modules" / "01-concepts.html").read_text("utf-8")
    assert "_static/mathjax/tex-chtml.js" in page
    assert "cdn.jsdelivr" not in page
    assert (html / "_static" / "mathjax" / "tex-chtml.js").exists()


@pytest.mark.slow
def test_functions_page_lists_what_the_modules_call(html):
    page = (html / "reference" / "functions.html").read_text("utf-8")
    # names imported by Module 7's page, and the links back to the pages that use them
    for name in ("run_capstone", "accounting_table", "verify_manifest"):
        assert f"<span class=\"pre\">{name}(" in page, name
    assert "../modules/07-capstone.html" in page
    assert "../exercises/07a-audit-the-pipeline.html" in page


@pytest.mark.slow
def test_a_notebook_that_raises_fails_the_build(root, tmp_path):
    book = tmp_path / "book"
    book.mkdir()
    shutil.copy(root / "book" / "_config.yml", book / "_config.yml")
    (book / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n  - file: broken\n")
    (book / "intro.md").write_text("# A book with a broken page\n")
    (book / "broken.md").write_text(
        NOTEBOOK_HEADER + "# Broken\n\n```{code-cell} ipython3\n1 / 0\n```\n"
    )
    result = _build(book)
    assert result.returncode != 0
    assert "ZeroDivisionError" in result.stdout + result.stderr
