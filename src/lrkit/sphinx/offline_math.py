"""Serve MathJax from the built book itself, so formulas show without internet.

Sphinx loads MathJax from a CDN by default; in a training room with no connection the
formulas would then appear as raw LaTeX. This extension copies MathJax 3 (from the
``django-static-mathjax`` wheel on PyPI, which ships its files and nothing else) into the
book's ``_static/mathjax`` folder and points ``mathjax_path`` at it.
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

SCRIPT = "tex-chtml.js"
FONTS = Path("output") / "chtml" / "fonts" / "woff-v2"


def mathjax_source() -> Path:
    """Return the folder of the installed MathJax 3 ``es5`` build."""
    folder = Path(str(resources.files("mathjax"))) / "static" / "mathjax" / "es5"
    if not (folder / SCRIPT).is_file():
        raise FileNotFoundError(
            f"MathJax not found at {folder}: install the kit's dependencies (make setup)"
        )
    return folder


def _set_path(app: Sphinx, config: Any) -> None:
    config.mathjax_path = f"mathjax/{SCRIPT}"


def _copy(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    source = mathjax_source()
    target = Path(app.outdir) / "_static" / "mathjax"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / SCRIPT, target / SCRIPT)
    shutil.copytree(source / FONTS, target / FONTS, dirs_exist_ok=True)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension with Sphinx."""
    app.connect("config-inited", _set_path)
    app.connect("build-finished", _copy)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
