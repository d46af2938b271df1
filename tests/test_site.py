"""The published book as a reader sees it: headless Chromium over every page.

The book is built strictly (as `make book` does, reusing its execution cache), served on
127.0.0.1 and opened page by page in Debian's Chromium, driven by Playwright's Python
package (``executable_path``: no browser is ever downloaded). `make test` installs
Chromium with apt-get when it runs as root on Debian; elsewhere it stops with the
command to run. A missing Chromium fails these tests: they are never skipped.

Every page must load with no script error and no request off the machine, show no
traceback or error output, load every image, and link only to files and anchors that
exist. Solutions must be hidden until their toggle is clicked; Vietnamese text must keep
its diacritics (NFC); at phone width (390 px) no page may scroll sideways. Screenshots go
to build/site-test/ for a person to look at.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import unicodedata
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

JB = [str(Path(sys.executable).parent / "jupyter-book"), "build"]
STRICT = ["-W", "-n", "--keep-going"]  # the Makefile's BOOK_FLAGS
CHROMIUM = os.environ.get("LRKIT_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
SKIP_DIRS = {"_static", "_sources", "_images", "_downloads"}
MOJIBAKE = re.compile(r"Ã.|á»|áº|Ä\x91|\ufffd")  # UTF-8 read as Latin-1, or lost letters
ERROR_OUTPUT = (
    ".output.traceback, .output.error, .output.stderr, div.cell_output .ansi-red-fg, "
    ".system-message, .problematic"
)

pytestmark = pytest.mark.slow


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def html(root) -> Path:
    """The book, built as `make book` does (incremental: after test_book.py, seconds)."""
    result = subprocess.run(
        [*JB, str(root / "book"), *STRICT], capture_output=True, text=True, timeout=1800
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return root / "book" / "_build" / "html"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def site(html) -> str:
    handler = functools.partial(_Quiet, directory=str(html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. `make test` installs Debian's package when run "
            "as root on Debian; otherwise run  sudo apt-get install chromium poppler-utils  "
            "or set LRKIT_CHROMIUM to a Chromium executable."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def shots(root) -> Path:
    folder = root / "build" / "site-test"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def _pages(html: Path) -> list[str]:
    """Every page of the book but index.html, which only redirects (tested on its own)."""
    return sorted(
        p.relative_to(html).as_posix()
        for p in html.rglob("*.html")
        if not SKIP_DIRS.intersection(p.relative_to(html).parts)
        and p.relative_to(html).as_posix() != "index.html"
    )


@dataclass
class Visit:
    """What one page showed a reader at desktop width."""

    status: int = 0
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    text: str = ""
    prose: str = ""  # the text without code and outputs, which may show raw data on purpose
    error_outputs: int = 0
    broken_images: list[str] = field(default_factory=list)
    images: int = 0
    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


_SNAPSHOT = """async () => {
  const images = [...document.images];
  await Promise.all(images.map(i => { i.loading = 'eager'; return i.decode().catch(() => null); }));
  const prose = document.body.cloneNode(true);
  prose.querySelectorAll('code, pre, .highlight, .cell_output, .output').forEach(e => e.remove());
  return {
    text: document.body.innerText,
    prose: prose.textContent,
    errorOutputs: document.querySelectorAll(ERROR_OUTPUT).length,
    images: images.length,
    broken: images.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.currentSrc || i.src),
    links: [...document.querySelectorAll('a[href]')].map(a => a.href),
    ids: [...document.querySelectorAll('[id], a[name]')].map(e => e.id || e.name),
  };
}""".replace("ERROR_OUTPUT", json.dumps(ERROR_OUTPUT))


@pytest.fixture(scope="module")
def visits(browser, site, html, shots) -> dict[str, Visit]:
    """Open every page once; record what a reader would see and what the page asked for."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    host = urlsplit(site).netloc
    results: dict[str, Visit] = {}
    current: list[Visit] = []

    def route(request_route) -> None:
        if urlsplit(request_route.request.url).netloc in (host, ""):
            request_route.continue_()
        else:  # nothing may come from the internet: the book must work offline
            current[-1].outside.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("pageerror", lambda error: current[-1].errors.append(f"script error: {error}"))
    page.on(
        "console",
        lambda m: (
            current[-1].errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None
        ),
    )
    page.on(
        "requestfailed",
        lambda r: current[-1].failed.append(r.url) if urlsplit(r.url).netloc == host else None,
    )
    page.on(
        "response",
        lambda r: current[-1].failed.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    for name in _pages(html):
        visit = Visit()
        current.append(visit)
        response = page.goto(site + name, wait_until="load")
        visit.status = response.status if response else 0
        snapshot = page.evaluate(_SNAPSHOT)
        visit.text = snapshot["text"]
        visit.prose = snapshot["prose"]
        visit.error_outputs = snapshot["errorOutputs"]
        visit.images = snapshot["images"]
        visit.broken_images = snapshot["broken"]
        visit.links = snapshot["links"]
        visit.ids = set(snapshot["ids"])
        results[name] = visit
    page.screenshot(path=str(shots / "last-page-desktop.png"))
    context.close()
    return results


# --------------------------------------------------------------------------- every page


def test_every_page_loads_without_script_errors(visits):
    assert len(visits) >= 10, sorted(visits)
    problems = {
        name: v.errors + v.failed
        for name, v in visits.items()
        if v.status != 200 or v.errors or v.failed
    }
    assert not problems, problems


def test_the_address_of_the_book_opens_the_home_page(browser, site):
    page = browser.new_page()
    try:
        page.goto(site, wait_until="load")
        page.wait_for_url("**/intro.html", timeout=10000)
        assert "Labour relations data in Viet Nam" in page.title()
    finally:
        page.close()


def test_no_page_reaches_for_the_internet(visits):
    """In a training room without a connection the book must look the same."""
    outside = {name: v.outside for name, v in visits.items() if v.outside}
    assert not outside, outside


def test_no_page_shows_a_traceback_or_error_output(visits):
    for name, visit in visits.items():
        assert visit.error_outputs == 0, name
        assert "Traceback (most recent call last)" not in visit.text, name


def test_every_image_loads(visits):
    broken = {name: v.broken_images for name, v in visits.items() if v.broken_images}
    assert not broken, broken
    assert visits["modules/01-concepts.html"].images >= 1  # the chart


def _target_ids(html: Path, path: Path, visits: dict[str, Visit]) -> set[str]:
    relative = path.relative_to(html).as_posix()
    if relative in visits:
        return visits[relative].ids
    text = path.read_text("utf-8", errors="replace")
    return set(re.findall(r'\b(?:id|name)="([^"]+)"', text))


def test_internal_links_resolve(visits, html, site):
    """Every link inside the book leads to a file that exists, and to an anchor on it."""
    broken = []
    checked = 0
    for name, visit in visits.items():
        for href in visit.links:
            if not href.startswith(site):
                continue  # an external link (repository, Binder, Colab, DOI): not followed
            parts = urlsplit(href)
            path = html / unquote(parts.path.lstrip("/"))
            if path.is_dir():
                path = path / "index.html"
            checked += 1
            if not path.is_file():
                broken.append(f"{name}: {href} (no such file)")
            elif parts.fragment and path.suffix == ".html":
                if unquote(parts.fragment) not in _target_ids(html, path, visits):
                    broken.append(f"{name}: {href} (no such anchor)")
    assert checked > 100
    assert not broken, broken


def test_vietnamese_text_keeps_its_diacritics(visits):
    for name, visit in visits.items():
        # the prose; code and outputs may show a raw delivery's broken text on purpose
        assert unicodedata.is_normalized("NFC", visit.prose), f"{name} is not NFC text"
        found = MOJIBAKE.search(visit.prose)
        assert not found, f"{name}: {found[0]!r} (UTF-8 read as another encoding?)"
    for name in ("intro.html", "modules/01-concepts.html"):
        for place in ("Hải Phòng", "Đồng Nai", "Hồ Chí Minh City"):
            assert place in visits[name].text, (name, place)
    glossary = visits["reference/glossary.html"].text
    for term in ("tỷ lệ tham gia công đoàn", "thỏa ước lao động tập thể", "công đoàn cơ sở"):
        assert term in glossary


# --------------------------------------------------------------------------- interactions


def test_solutions_are_hidden_until_their_toggle_is_clicked(browser, site, visits, shots):
    pages = [name for name, v in visits.items() if name.startswith("exercises/")]
    assert pages, "no exercise page"
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        for name in pages:
            page.goto(site + name, wait_until="load")
            solutions = page.locator("div.solution")
            assert solutions.count() >= 1, name
            for i in range(solutions.count()):
                solution = solutions.nth(i)
                body = solution.locator(":scope > :not(.admonition-title)").first
                solution.scroll_into_view_if_needed()
                assert not body.is_visible(), f"{name}: solution {i + 1} is shown before a click"
                solution.locator(".toggle-button").first.click()
                body.wait_for(state="visible", timeout=5000)
                assert body.is_visible(), f"{name}: solution {i + 1} stays hidden after a click"
        page.screenshot(path=str(shots / "exercise-solutions-open.png"), full_page=True)
    finally:
        page.close()


def test_search_finds_pages_in_english_and_vietnamese(browser, site):
    page = browser.new_page()
    try:
        for query, expected in (
            ("union density", "modules/01-concepts.html"),
            ("thỏa ước", "reference/glossary.html"),
        ):
            page.goto(f"{site}search.html?q={query}", wait_until="load")
            results = page.locator("#search-results ul.search li a")
            # Sphinx shows the results one at a time and says "Search finished" after the
            # last: read them only then, not while the list is still growing
            page.wait_for_function(
                "(document.querySelector('#search-results .search-summary') || {}).innerText"
                "?.startsWith('Search finished')",
                timeout=30000,
            )
            hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
            assert any(expected in (h or "") for h in hrefs), (query, hrefs)
    finally:
        page.close()


def test_phone_width_has_no_sideways_scrolling(browser, site, html, shots):
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    overflowing = {}
    try:
        for name in _pages(html):
            page.goto(site + name, wait_until="load")
            sizes = page.evaluate(
                "() => [document.documentElement.scrollWidth, document.body.scrollWidth,"
                " window.innerWidth, parseFloat(getComputedStyle("
                "document.querySelector('article p') || document.body).fontSize)]"
            )
            widest, body, viewport, font = sizes
            if max(widest, body) > viewport + 1:
                overflowing[name] = sizes
            assert font >= 14, f"{name}: body text of {font}px is too small on a phone"
        for name in ("intro.html", "modules/01-concepts.html", "guide/agendas.html"):
            page.goto(site + name, wait_until="load")
            path = shots / f"phone-{name.replace('/', '-').replace('.html', '')}.png"
            page.screenshot(path=str(path))
            assert path.stat().st_size > 10_000
    finally:
        context.close()
    assert not overflowing, overflowing


# --------------------------------------------------------------------------- the book's parts


def _executed(html: Path) -> list[str]:
    return sorted(
        p.relative_to(html / "_sources").with_suffix("").as_posix()
        for p in (html / "_sources").rglob("*.ipynb")
    )


def test_executable_pages_download_as_notebooks_and_launch(visits, html, site, root):
    config = yaml.safe_load((root / "book" / "_config.yml").read_text("utf-8"))
    repository = config["repository"]["url"].rstrip("/")
    owner_repo = repository.removeprefix("https://github.com/")
    executed = _executed(html)
    assert "modules/01-concepts" in executed
    for docname in executed:
        visit = visits[f"{docname}.html"]
        download = urljoin(site, f"_sources/{docname}.ipynb")
        assert download in visit.links, f"{docname}: no .ipynb download button"
        notebook = json.loads((html / "_sources" / f"{docname}.ipynb").read_text("utf-8"))
        assert any(c.get("outputs") for c in notebook["cells"]), f"{docname}: not executed"
        binder = [h for h in visit.links if h.startswith("https://mybinder.org/")]
        assert binder and all(f"/v2/gh/{owner_repo}/" in h for h in binder), docname
        colab = [h for h in visit.links if h.startswith("https://colab.research.google.com/")]
        if docname.startswith("exercises/"):
            name = docname.split("/", 1)[1]
            assert (root / "exercises" / f"{name}.ipynb").exists()
            assert colab and all(h.endswith(f"/exercises/{name}.ipynb") for h in colab + binder)
        else:
            assert not colab, f"{docname}: Colab cannot open a Markdown page"


def test_execution_status_page_lists_every_notebook(visits, html):
    text = visits["reference/execution.html"].text
    for docname in _executed(html):
        assert docname in text, f"{docname} missing from the execution table"
    assert re.search(r"\d+\.\d+", text), "no run times in the execution table"


def test_glossary_and_bibliography_pages(visits):
    from lrkit.reference.glossary import load_glossary

    glossary = load_glossary()
    text = visits["reference/glossary.html"].text.replace("\u2019", "'")  # smart quotes
    assert all(term in text for term in glossary["term_vi"])
    assert all(term in text for term in glossary["term_en"])
    bibliography = visits["reference/bibliography.html"].text
    assert (
        "Guidebook on how and why to collect and use data on industrial relations" in bibliography
    )
    assert "ILO, 2020" in visits["intro.html"].text  # a citation on the home page


def test_agendas_show_every_written_module(visits, root):
    from lrkit.course import COURSES, read_modules

    text = visits["guide/agendas.html"].text
    modules = read_modules(root / "book")
    for module in modules:
        assert module.title in text
    for course in COURSES.values():
        assert course.title in text
    assert "08:00–08:30" in text  # the opening session of a full day


# --------------------------------------------------------------------------- print and charts


def test_handout_prints_a_module_with_its_exercises_but_not_the_solutions(html, root, tmp_path):
    from lrkit.handouts import make_handouts

    made = make_handouts(html, root / "book", tmp_path, modules=[1], log=lambda *_: None)
    assert [p.name for p in made] == ["module-01.pdf"]
    assert made[0].read_bytes().startswith(b"%PDF")
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext missing: `make test` installs poppler-utils on Debian"
    text = subprocess.run(
        [pdftotext, str(made[0]), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = " ".join(unicodedata.normalize("NFC", text).split())
    assert "Module 1. Labour relations data" in text
    assert "Exercise 1.1" in text  # the module's exercise page follows it
    assert "Hải Phòng" in text
    assert "answer_density = round" not in text  # the solutions stay out of print


def test_chart_font_has_every_vietnamese_letter():
    """The chart labels in the book use the kit's style; its font must draw every letter."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from lrkit.plots import use_kit_style

    use_kit_style()
    figure, axes = plt.subplots()
    axes.set_title("Tỷ lệ tham gia công đoàn: Hải Phòng, Đồng Nai, Hồ Chí Minh City")
    axes.set_xlabel("ạảãàáâậầấẩẫăắằặẳẵđêệềếểễôộồốổỗơợờớởỡưựừứửữỵỳýỷỹ")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font" would raise here
        figure.canvas.draw()
    plt.close(figure)
