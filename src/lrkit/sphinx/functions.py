"""``{lrkit-functions}``: every ``lrkit`` name the book's pages use, with what it does.

The directive reads the pages of the book being built with :func:`lrkit.api_index.used_names`
and renders one table per ``lrkit`` module: the name and its call signature, the first
paragraph of its docstring, and links to the pages that use it. A function that a page
starts to use appears at the next build; one that no page imports any more disappears. A
page imports a name that ``lrkit`` does not have: the build fails with a warning naming it.

The page that holds the directive is re-read on every build (it depends on every page).
"""

from __future__ import annotations

import re
from itertools import groupby
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from lrkit.api_index import book_pages, describe, module_summary, used_names
from lrkit.sphinx.course import doc_link, table
from lrkit.sphinx.reread import reread_always, track

_DOCS = "lrkit_functions_docs"
_SHORT = re.compile(r"^#\s+((?:Module|Exercise)\s+\d+(?:\.\d+)?)")
_LITERAL = re.compile(r"``([^`]+)``")


def _page_label(page: Path) -> str:
    """Return a short label for a page: "Module 3", "Exercise 3.2", or its first heading."""
    for line in page.read_text("utf-8").splitlines():
        if line.startswith("# "):
            match = _SHORT.match(line)
            return match.group(1) if match else line[2:].strip()
    return page.stem


def _rich(text: str) -> list[nodes.Node]:
    """Return text with its ``literals`` as code nodes."""
    parts = _LITERAL.split(text)
    return [nodes.literal(p, p) if i % 2 else nodes.Text(p) for i, p in enumerate(parts) if p]


class FunctionsDirective(SphinxDirective):
    """Render the index of the ``lrkit`` names used by the book, one table per module."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        """Return a rubric and a table for each ``lrkit`` module the pages import from."""
        book = Path(self.env.srcdir)
        reread_always(self.env, _DOCS)
        published = set(self.env.found_docs)
        labels = {
            p.relative_to(book).with_suffix("").as_posix(): _page_label(p)
            for p in book_pages(book)
        }
        uses = {
            key: [d for d in docs if d in published]
            for key, docs in used_names(book).items()
        }
        uses = {key: docs for key, docs in uses.items() if docs}
        result: list[nodes.Node] = [
            nodes.paragraph(
                text=f"{len(uses)} names from {len({m for m, _ in uses})} modules of lrkit "
                "are used by the pages of this book."
            )
        ]
        for module, keys in groupby(sorted(uses), key=lambda key: key[0]):
            rows = []
            for _, name in keys:
                try:
                    entry = describe(module, name)
                except ImportError as error:
                    raise self.error(str(error)) from None
                links: list[nodes.Node] = []
                for docname in uses[module, name]:
                    if links:
                        links.append(nodes.Text(", "))
                    links.append(doc_link(docname, labels.get(docname, docname)))
                signature = nodes.literal(entry.signature, entry.signature)
                rows.append(([signature], _rich(entry.summary) or entry.kind, links))
            result.append(nodes.rubric(text=module))
            summary = module_summary(module)
            if summary:
                result.append(nodes.paragraph("", "", *_rich(summary)))
            result.append(table(("Name", "What it does", "Used on"), rows, (30, 50, 20)))
        return result


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the ``lrkit-functions`` directive with Sphinx."""
    app.add_directive("lrkit-functions", FunctionsDirective)
    track(app, _DOCS)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
