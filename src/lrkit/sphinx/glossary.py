"""``{lrkit-glossary}``: the kit's glossary (``lrkit/reference/glossary.csv``) as a Sphinx glossary.

Each row becomes one glossary entry whose terms are the English term, its other English
names and the Vietnamese term, so that a page can link to it with ``{term}`` in either
language (``{term}`union density``` or ``{term}`tỷ lệ tham gia công đoàn```). The option
``:category: KEY`` renders one category of :data:`lrkit.reference.glossary.CATEGORIES`.
"""

from __future__ import annotations

from importlib import resources
from typing import Any, ClassVar

from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.domains.std import Glossary

from lrkit.reference.glossary import CATEGORIES, also, load_glossary

NOTES = {
    "descriptive": "*Descriptive translation: no fixed Vietnamese term was confirmed.*",
    "unconfirmed": "*⚠ Unconfirmed: this Vietnamese name could not be checked.*",
}


def _escape(text: str) -> str:
    """Escape the characters that MyST would read as markup in a plain definition."""
    for char in ("\\", "*", "_", "`", "[", "]", "<", ">", "$", "{", "}"):
        text = text.replace(char, "\\" + char)
    return text


class KitGlossary(Glossary):
    """A Sphinx glossary filled from the kit's glossary CSV."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        "category": directives.unchanged,
        "sorted": directives.flag,
    }

    def run(self) -> list:
        """Fill the glossary's content from the CSV, then let Sphinx's glossary parse it."""
        category = self.options.get("category")
        if category is not None and category not in CATEGORIES:
            raise self.error(f"unknown category {category!r}; known: {', '.join(CATEGORIES)}")
        with resources.as_file(resources.files("lrkit.reference") / "glossary.csv") as path:
            self.env.note_dependency(str(path))
        lines: list[str] = []
        for row in load_glossary(category).to_dict("records"):
            if lines:
                lines.append("")
            terms = [row["term_en"], *also(row), row["term_vi"]]
            lines += [t.replace(" : ", " - ") for t in terms]
            lines.append("   " + _escape(row["definition"]))
            note = NOTES.get(row["vi_note"])
            if note:
                lines += ["", "   " + note]
        source = self.get_source_info()[0]
        self.content = StringList(lines, source=source)
        self.options["sorted"] = True
        return super().run()


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive with Sphinx."""
    app.add_directive("lrkit-glossary", KitGlossary)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
