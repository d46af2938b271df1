"""Launch and download buttons that give the reader something to run.

sphinx-book-theme builds its Binder and Colab links from the page's source file. For the
kit's exercise pages (``book/exercises/NAME.md``) the runnable file is the learner notebook
``exercises/NAME.ipynb`` at the top of the repository, with its checks: the links are
pointed there. A module page is MyST Markdown, which Colab cannot open, so its Colab link
is dropped; Binder still opens the page's source in JupyterLab, and the download button
offers the executed notebook.

Three fixes to what the theme and its extensions produce:

* the ``.ipynb`` behind the download button is the page's notebook *with its outputs*:
  myst-nb writes the notebook before merging the outputs from its execution cache, so
  the download would otherwise have none;
* sphinx-thebe registers its configuration script twice, which makes every page log
  "Identifier 'THEBE_JS_URL' has already been declared": the copy is dropped;
* the theme's default colour mode is empty, so a first visit logs "Got invalid theme mode";
  it is set to light (best on a projector; readers can still switch).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx


def learner_notebook(app: Sphinx, pagename: str) -> str | None:
    """Return the repository path of the learner notebook behind ``pagename``, if any."""
    if not pagename.startswith("exercises/"):
        return None
    name = pagename.split("/", 1)[1]
    repository = Path(app.srcdir).parent
    path = repository / "exercises" / f"{name}.ipynb"
    return f"exercises/{name}.ipynb" if path.is_file() else None


def _adjust(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    buttons = context.get("header_buttons") or []
    group = next((b for b in buttons if b.get("label") == "launch-buttons"), None)
    if group is None:
        return
    notebook = learner_notebook(app, pagename)
    book = app.config.html_theme_options.get("path_to_docs", "").strip("/")
    source = Path(app.env.doc2path(pagename)).relative_to(app.srcdir).as_posix()
    source = f"{book}/{source}" if book else source
    kept = []
    for button in group.get("buttons", []):
        if notebook and "url" in button:
            button["url"] = button["url"].replace(source, notebook)
        elif button.get("text") == "Colab":
            continue  # Colab opens notebooks only
        kept.append(button)
    group["buttons"] = kept


def _ensure_notebook(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """Make sure the notebook that the theme copies for the download button exists.

    myst-nb writes ``jupyter_execute/PAGE.ipynb`` only when it reads the page; after the
    HTML or that folder was deleted by hand, Sphinx does not re-read unchanged pages and
    the theme's copy would fail the build.
    """
    source = Path(app.env.doc2path(pagename))
    if "kernelspec" not in app.env.metadata.get(pagename, {}) or source.suffix != ".md":
        return
    target = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    if target.exists():
        return
    import nbformat
    from myst_nb.core.read import read_myst_markdown_notebook

    target.parent.mkdir(parents=True, exist_ok=True)
    notebook = read_myst_markdown_notebook(source.read_text("utf-8"))
    nbformat.write(notebook, target)


def _executed_download(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """Put the cached outputs into the notebook that the download button offers."""
    if not context.get("ipynb_source"):
        return
    target = Path(app.outdir) / "_sources" / context["ipynb_source"]
    config = getattr(app.env, "mystnb_config", None)
    if not target.is_file() or config is None or config.execution_mode != "cache":
        return
    import nbformat
    from jupyter_cache import get_cache

    cache_path = config.execution_cache_path or Path(app.outdir).parent / ".jupyter_cache"
    notebook = nbformat.read(target, as_version=4)
    try:
        _, merged = get_cache(cache_path).merge_match_into_notebook(notebook)
    except KeyError:  # not in the cache (yet): keep the notebook without outputs
        return
    nbformat.write(merged, target)


def _dedupe_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, kept = set(), []
    for script in scripts:
        attributes = getattr(script, "attributes", {}) or {}
        filename = getattr(script, "filename", script) or ""  # None and "" both mean inline
        key = (str(filename), attributes.get("body"))
        if key not in seen:
            seen.add(key)
            kept.append(script)
    context["script_files"] = kept


def _light_mode(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if not context.get("default_mode"):
        context["default_mode"] = "light"


def setup(app: Sphinx) -> dict[str, Any]:
    """Run after the theme has made its launch buttons and copied the notebooks."""
    app.connect("html-page-context", _light_mode, priority=600)
    app.connect("html-page-context", _ensure_notebook, priority=500)
    app.connect("html-page-context", _adjust, priority=600)
    app.connect("html-page-context", _executed_download, priority=600)
    app.connect("html-page-context", _dedupe_scripts, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
