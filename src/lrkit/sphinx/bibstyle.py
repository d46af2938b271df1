"""A bibliography style for the book: pybtex's ``plain``, labelled by author and year.

With ``bibtex_default_style: lrkit`` in ``_config.yml`` the bibliography shows
``[ILO 2020]`` or ``[Siu and Chan 2015]`` instead of pybtex's alpha labels (``[SC15]``),
matching the author-year citations in the text.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from sphinx.application import Sphinx


def _names(entry: Any) -> str:
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    last = [" ".join(p.last_names) or " ".join(p.first_names) for p in people]
    last = [name.replace("{", "").replace("}", "") for name in last]
    if not last:
        return entry.fields.get("organization", entry.key)
    if len(last) == 1:
        return last[0]
    if len(last) == 2:
        return f"{last[0]} and {last[1]}"
    return f"{last[0]} et al."


class AuthorYearLabels(BaseLabelStyle):
    """Labels such as ``ILO 2020``; ``2020a``/``2020b`` when two would be the same."""

    def format_labels(self, sorted_entries):
        """Yield one label per entry, in order."""
        entries = list(sorted_entries)
        labels = [f"{_names(e)} {e.fields.get('year', 'n.d.')}" for e in entries]
        counts, seen = Counter(labels), Counter()
        for label in labels:
            if counts[label] > 1:
                seen[label] += 1
                yield label + "abcdefghijklmnopqrstuvwxyz"[seen[label] - 1]
            else:
                yield label


def _sort_key(entry: Any) -> tuple[str, str, str]:
    title = entry.fields.get("title", "").replace("{", "").replace("}", "")
    return _names(entry).casefold(), entry.fields.get("year", ""), title.casefold()


class Style(PlainStyle):
    """pybtex's plain style with author-year labels, sorted by the labels' names and year."""

    default_label_style = "lrkit_author_year"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # pybtex sorts a braced name such as {ILO} after every unbraced one
        self.sort = lambda entries: sorted(entries, key=_sort_key)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the style with pybtex (sphinxcontrib-bibtex looks it up by name)."""
    register_plugin("pybtex.style.labels", "lrkit_author_year", AuthorYearLabels)
    register_plugin("pybtex.style.formatting", "lrkit", Style)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
