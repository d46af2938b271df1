"""Agendas and the module table, computed at build time from the modules' front matter.

``{lrkit-agenda} producers`` renders the agenda of one course of :data:`lrkit.course.COURSES`;
``{lrkit-modules}`` renders the table of modules with their timings. Both read the module
pages of the book being built, so a module added or re-timed shows up at the next build.
The pages that use them are re-read on every build (they depend on every module page, and
a new module page is no change to an existing file), which costs a few milliseconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from lrkit.course import (
    COURSES,
    Module,
    duration,
    module_pages,
    plan,
    read_modules,
    slot_label,
    summary,
)
from lrkit.sphinx.reread import reread_always, track

_DOCS = "lrkit_course_docs"


def _cell(content: str | nodes.Node | Sequence[nodes.Node]) -> nodes.entry:
    entry = nodes.entry()
    paragraph = nodes.paragraph()
    if isinstance(content, str):
        paragraph += nodes.Text(content)
    elif isinstance(content, nodes.Node):
        paragraph += content
    else:
        for node in content:
            paragraph += node
    entry += paragraph
    return entry


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[int],
    classes: Sequence[str] = (),
) -> nodes.table:
    """Return a docutils table with a header row; cells are text or nodes."""
    result = nodes.table(classes=["lrkit-table", *classes])
    group = nodes.tgroup(cols=len(headers))
    result += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    row = nodes.row()
    for header in headers:
        row += _cell(header)
    head += row
    body = nodes.tbody()
    group += body
    for values in rows:
        row = nodes.row()
        for value in values:
            row += _cell(value)
        body += row
    return result


def doc_link(docname: str, text: str) -> addnodes.pending_xref:
    """Return a link to a page that Sphinx resolves (and warns about, with -n, if missing)."""
    ref = addnodes.pending_xref(
        "",
        refdomain="std",
        reftype="doc",
        reftarget="/" + docname,
        refexplicit=True,
        refwarn=True,
    )
    ref += nodes.inline(text, text)
    return ref


class _KitDirective(SphinxDirective):
    def modules(self) -> list[Module]:
        book = Path(self.env.srcdir)
        for page in module_pages(book):
            self.env.note_dependency(str(page))
        reread_always(self.env, _DOCS)
        # a module page not (yet) in the table of contents is listed as planned, unlinked
        return read_modules(book, published=set(self.env.found_docs))


class AgendaDirective(_KitDirective):
    """``{lrkit-agenda} KEY``: the agenda of course KEY, one table per day."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        """Return the agenda's summary, one table per day, and a warning if it overflows."""
        key = self.arguments[0].strip()
        if key not in COURSES:
            raise self.error(f"unknown course {key!r}; known: {', '.join(COURSES)}")
        agenda = plan(key, self.modules())
        result: list[nodes.Node] = [nodes.paragraph(text=summary(agenda))]
        for day in agenda.days:
            rubric = nodes.rubric(text=f"Day {day.number}")
            rows = []
            for slot in day.slots:
                when = f"{slot.start}–{slot.end}" if slot.start else "—"
                label: Any = slot_label(slot)
                if slot.module is not None and slot.module.docname and slot.kind == "teaching":
                    label = [doc_link(slot.module.docname, label)]
                rows.append((when, label, duration(slot.minutes)))
            classes = ["lrkit-agenda"]
            result += [rubric, table(("Time", "Session", "Length"), rows, (18, 62, 20), classes)]
        if agenda.overflow:
            warning = nodes.warning()
            warning += nodes.paragraph(
                text=f"These sessions do not fit in {agenda.course.days} day(s): "
                + "; ".join(slot_label(s) for s in agenda.overflow)
                + ". Shorten a module, drop one from the course or add a day."
            )
            result.append(warning)
        return result


class ModulesDirective(_KitDirective):
    """``{lrkit-modules}``: every module, written or planned, with its timings."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        """Return the table of modules."""
        rows = []
        for module in self.modules():
            title: Any = module.title
            if module.docname:
                title = [doc_link(module.docname, module.title)]
            rows.append(
                (
                    str(module.number),
                    title,
                    duration(module.teaching_minutes) or "—",
                    duration(module.exercise_minutes) or "—",
                    duration(module.project_minutes or None) or "—",
                    duration(module.minutes) or "—",
                    "planned" if module.planned else "written",
                )
            )
        headers = ("Module", "Title", "Teaching", "Exercises", "Project", "Total", "Status")
        return [table(headers, rows, (8, 38, 11, 11, 10, 11, 11))]


def _static(app: Sphinx, config: Any) -> None:
    """Serve the kit's stylesheet (glossary, agendas, printing)."""
    config.html_static_path.append(str(Path(__file__).parent / "static"))


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives and the kit's stylesheet with Sphinx."""
    app.connect("config-inited", _static)
    app.add_css_file("lrkit.css")
    app.add_directive("lrkit-agenda", AgendaDirective)
    app.add_directive("lrkit-modules", ModulesDirective)
    track(app, _DOCS)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
