"""Printable handouts: one PDF per module, printed offline from the built book.

``python -m lrkit.handouts`` (``make handouts``) prints each written module's page and then
its exercise pages (from the module's front matter) with Debian's Chromium
(``--print-to-pdf``), and joins them into ``build/handouts/module-NN.pdf`` with
``pdfunite`` (poppler-utils). Solutions are left out (the book's print style hides them).
Nothing is fetched:
the book serves its own MathJax, and Chromium runs with its network features off.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from lrkit.course import Module, read_modules

#: Chromium flags for a headless run that never reaches for the network.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def find_chromium() -> str:
    """Return Chromium's path: ``$LRKIT_CHROMIUM``, else Debian's ``/usr/bin/chromium``."""
    for candidate in (
        os.environ.get("LRKIT_CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    raise FileNotFoundError(
        "Chromium not found: on Debian or Ubuntu run  sudo apt-get install chromium "
        "poppler-utils  (or set LRKIT_CHROMIUM to a Chromium or Chrome executable)"
    )


def print_page(html: Path, pdf: Path, chromium: str | None = None, timeout: int = 120) -> Path:
    """Print one built page to ``pdf`` (A4, no browser header or footer)."""
    chromium = chromium or find_chromium()
    with tempfile.TemporaryDirectory(prefix="lrkit-chromium-") as profile:
        command = [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            "--run-all-compositor-stages-before-draw",
            "--virtual-time-budget=15000",  # let MathJax typeset before printing
            f"--print-to-pdf={pdf}",
            html.resolve().as_uri(),
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0 or not pdf.exists() or pdf.stat().st_size == 0:
        raise RuntimeError(f"Chromium could not print {html}: {result.stderr[-1500:]}")
    return pdf


def module_pages(module: Module, html: Path) -> list[Path]:
    """Return the built pages of a module: its page, then its exercises' pages."""
    pages = [html / f"{module.docname}.html"]
    pages += [html / "exercises" / f"{name}.html" for name in module.exercises]
    return [p for p in pages if p.exists()]


def join(parts: list[Path], target: Path) -> Path:
    """Join PDFs with ``pdfunite``; with one part, or without pdfunite, copy the first."""
    if len(parts) == 1:
        shutil.copy2(parts[0], target)
        return target
    tool = shutil.which("pdfunite")
    if tool is None:
        raise FileNotFoundError(
            "pdfunite not found: install poppler-utils (apt-get install poppler-utils)"
        )
    subprocess.run([tool, *map(str, parts), str(target)], check=True, capture_output=True)
    return target


def make_handouts(
    html: Path = Path("book/_build/html"),
    book: Path = Path("book"),
    out: Path = Path("build/handouts"),
    modules: list[int] | None = None,
    log=print,
) -> list[Path]:
    """Write one handout per written module into ``out``; return the PDFs' paths."""
    html, out = Path(html), Path(out)
    if not (html / "index.html").exists():
        raise FileNotFoundError(f"{html} holds no built book: run  make book  first")
    chromium = find_chromium()
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for module in read_modules(book):
        if module.planned or (modules and module.number not in modules):
            continue
        pages = module_pages(module, html)
        if not pages:
            log(f"module {module.number}: no built page, skipped")
            continue
        with tempfile.TemporaryDirectory(prefix="lrkit-handout-") as work:
            parts = [
                print_page(page, Path(work) / f"{i:02d}.pdf", chromium)
                for i, page in enumerate(pages)
            ]
            target = join(parts, out / f"module-{module.number:02d}.pdf")
        log(f"{target} ({len(pages)} page(s) of the book, {target.stat().st_size / 1e6:.1f} MB)")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    """Make the handouts from the command line."""
    parser = argparse.ArgumentParser(
        prog="python -m lrkit.handouts", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--html", type=Path, default=Path("book/_build/html"))
    parser.add_argument("--book", type=Path, default=Path("book"))
    parser.add_argument("--out", type=Path, default=Path("build/handouts"))
    parser.add_argument("--module", type=int, action="append", help="only this module (repeatable)")
    args = parser.parse_args(argv)
    try:
        made = make_handouts(args.html, args.book, args.out, args.module)
    except (FileNotFoundError, RuntimeError, subprocess.CalledProcessError) as error:
        print(f"lrkit.handouts: error: {error}", file=sys.stderr)
        return 2
    print(f"{len(made)} handout(s) in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
