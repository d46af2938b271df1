"""Course agendas computed from the modules' own timings.

Every module page of the book carries its timings in its front matter::

    lrkit:
      module: 1
      title: "Labour relations data: concepts and sources"
      teaching_minutes: 40
      exercise_minutes: 20
      exercises: [01-union-density]

A module may also state ``project_minutes``: group project work after its exercises (the
capstone's), scheduled as its own session.

:func:`read_modules` reads that block from every page in ``book/modules/`` and adds, from
:data:`CATALOGUE`, the modules of the kit's plan that are not written yet. Those are
*planned*: they have a title and no timings, and the agendas show them as planned instead
of inventing a duration. :func:`plan` fits a course's modules into days of a stated length
(sessions, tea breaks and lunch, see :class:`DayTemplate`); a session longer than what is
left of a block is split across blocks. A new module page is picked up at the next build.

``python -m lrkit.course [--course KEY] [--book DIR]`` prints the agendas as Markdown.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

#: The modules of the kit's plan. A module whose page exists takes its title and timings
#: from the page; the others are listed as planned, with no timings.
CATALOGUE: dict[int, str] = {
    1: "Labour relations data: concepts, actors and gaps",
    2: "Collecting IR data: standard mechanisms",
    3: "Managing and harmonising data: building the national IR database",
    4: "Analysing IR data",
    5: "Measuring impact",
    6: "Disseminating and using IR data",
    7: "Capstone: a reproducible mini-project",
}

#: A part of a session shorter than this is not started at the end of a block.
MIN_PART = 20


@dataclass(frozen=True)
class Module:
    """One module of the book: its number, title, timings and exercises.

    ``docname`` is the page's name in the book (``modules/01-concepts``); it is ``None``
    for a planned module, which has no timings either.
    """

    number: int
    title: str
    teaching_minutes: int | None = None
    exercise_minutes: int | None = None
    exercises: tuple[str, ...] = ()
    docname: str | None = None
    project_minutes: int = 0

    @property
    def planned(self) -> bool:
        """True when the module's page is not written yet."""
        return self.docname is None

    @property
    def minutes(self) -> int | None:
        """Teaching, exercise and project minutes, or ``None`` for a planned module."""
        if self.planned:
            return None
        return (
            int(self.teaching_minutes or 0)
            + int(self.exercise_minutes or 0)
            + int(self.project_minutes)
        )


def _front_matter(path: Path) -> dict:
    """Return the YAML front matter of a MyST page or the metadata of a notebook."""
    text = path.read_text("utf-8")
    if path.suffix == ".ipynb":
        return json.loads(text).get("metadata", {})
    if not text.startswith("---"):
        return {}
    end = text.find("\n---", 3)
    if end < 0:
        return {}
    return yaml.safe_load(text[3:end]) or {}


def _minutes(value: object, name: str, where: Path) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{where}: lrkit.{name} must be a whole number of minutes ≥ 0")
    return value


def read_module(path: Path, book: Path | None = None) -> Module | None:
    """Return the :class:`Module` described by ``path``'s ``lrkit:`` block, or ``None``.

    A page without an ``lrkit:`` block is not a module page. A block with a missing or
    malformed field raises ``ValueError`` naming the page and the field.
    """
    path = Path(path)
    block = _front_matter(path).get("lrkit")
    if block is None:
        return None
    if not isinstance(block, dict):
        raise ValueError(f"{path}: the lrkit: block must be a mapping")
    missing = [
        k for k in ("module", "title", "teaching_minutes", "exercise_minutes") if k not in block
    ]
    if missing:
        raise ValueError(f"{path}: the lrkit: block lacks {', '.join(missing)}")
    number = block["module"]
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        raise ValueError(f"{path}: lrkit.module must be a whole number ≥ 1")
    title = str(block["title"]).strip()
    if not title:
        raise ValueError(f"{path}: lrkit.title is empty")
    exercises = block.get("exercises") or []
    if isinstance(exercises, str) or not all(isinstance(e, str) for e in exercises):
        raise ValueError(f"{path}: lrkit.exercises must be a list of exercise names")
    root = Path(book) if book is not None else path.parent.parent
    docname = path.relative_to(root).with_suffix("").as_posix()
    return Module(
        number=number,
        title=title,
        teaching_minutes=_minutes(block["teaching_minutes"], "teaching_minutes", path),
        exercise_minutes=_minutes(block["exercise_minutes"], "exercise_minutes", path),
        exercises=tuple(exercises),
        docname=docname,
        project_minutes=_minutes(block.get("project_minutes", 0), "project_minutes", path),
    )


def module_pages(book: Path = Path("book")) -> list[Path]:
    """Return the pages in ``book/modules/`` (MyST Markdown and notebooks)."""
    folder = Path(book) / "modules"
    pages = [*folder.glob("*.md"), *folder.glob("*.ipynb")]
    return sorted(p for p in pages if ".ipynb_checkpoints" not in p.parts)


def read_modules(
    book: Path = Path("book"),
    catalogue: dict[int, str] = CATALOGUE,
    published: set[str] | None = None,
) -> list[Module]:
    """Return every module, written or planned, in module order.

    Written modules come from the pages in ``book/modules/``; the numbers of ``catalogue``
    that have no page yet are added as planned modules. With ``published`` (the book's
    page names), a page that is not among them (written, but not yet in the table of
    contents) counts as planned too. Two pages claiming the same module number raise
    ``ValueError``.
    """
    written: dict[int, Module] = {}
    for page in module_pages(book):
        module = read_module(page, book)
        if module is None:
            continue
        if published is not None and module.docname not in published:
            catalogue = {**catalogue, module.number: module.title}
            continue
        if module.number in written:
            raise ValueError(
                f"module {module.number} is claimed by both {written[module.number].docname} "
                f"and {module.docname}"
            )
        written[module.number] = module
    planned = {n: Module(n, title) for n, title in catalogue.items() if n not in written}
    return [v for _, v in sorted({**planned, **written}.items())]


# --------------------------------------------------------------------------- day and course


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _parse_clock(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


@dataclass(frozen=True)
class DayTemplate:
    """The shape of a training day: when it starts, its working blocks and the pauses.

    ``blocks`` are the minutes of each working block; ``pauses`` are the (name, minutes)
    between consecutive blocks, one fewer than the blocks.
    """

    start: str = "08:00"
    blocks: tuple[int, ...] = (90, 105, 90, 75)
    pauses: tuple[tuple[str, int], ...] = (("Tea break", 15), ("Lunch", 120), ("Tea break", 15))

    def __post_init__(self) -> None:
        if len(self.pauses) != len(self.blocks) - 1:
            raise ValueError("a day needs exactly one pause between two blocks")

    @property
    def working_minutes(self) -> int:
        """Minutes available for sessions in one day."""
        return sum(self.blocks)

    @property
    def end(self) -> str:
        """The clock time at which the day ends."""
        total = sum(self.blocks) + sum(m for _, m in self.pauses)
        return _clock(_parse_clock(self.start) + total)


#: 08:00–16:30 with a tea break each half-day and two hours for lunch: 6 hours of sessions.
FULL_DAY = DayTemplate()
#: 08:30–16:00, for participants who cannot be away from the office all day: 5 hours.
SHORT_DAY = DayTemplate(
    start="08:30",
    blocks=(90, 75, 90, 45),
    pauses=(("Tea break", 15), ("Lunch", 120), ("Tea break", 15)),
)


@dataclass(frozen=True)
class Course:
    """A course: its audience, its number of days and the modules it teaches."""

    key: str
    title: str
    audience: str
    days: int
    modules: tuple[int, ...]
    day: DayTemplate = FULL_DAY
    opening_minutes: int = 30
    recap_minutes: int = 15
    closing_minutes: int = 30


COURSES: dict[str, Course] = {
    c.key: c
    for c in (
        Course(
            key="producers",
            title="Producing labour relations data (3 days)",
            audience="staff who collect, manage and publish IR data: the labour ministry's "
            "research institute, the National Statistics Office, VGCL and VCCI",
            days=3,
            modules=(1, 2, 3, 4),
        ),
        Course(
            key="policy",
            title="Using labour relations data for policy (2 days)",
            audience="policy makers and the tripartite partners who read and use IR indicators",
            days=2,
            modules=(1, 5, 6),
            day=SHORT_DAY,
        ),
        Course(
            key="research",
            title="Research with labour relations data (5 days)",
            audience="researchers and analysts who work with microdata end to end",
            days=5,
            modules=(1, 2, 3, 4, 5, 6, 7),
        ),
    )
}


# --------------------------------------------------------------------------- scheduling


@dataclass(frozen=True)
class Slot:
    """One row of an agenda. ``start``/``end`` are ``None`` for a planned module."""

    start: str | None
    end: str | None
    kind: str  # opening, recap, teaching, exercise, project, planned, break, lunch, buffer,
    # closing
    label: str
    module: Module | None = None
    part: str = ""

    @property
    def minutes(self) -> int | None:
        """Length of the slot, or ``None`` when it has no times."""
        if self.start is None or self.end is None:
            return None
        return _parse_clock(self.end) - _parse_clock(self.start)


@dataclass
class Day:
    """One day of an agenda."""

    number: int
    slots: list[Slot] = field(default_factory=list)

    @property
    def session_minutes(self) -> int:
        """Minutes of teaching, exercises, opening, recap and closing in the day."""
        kinds = {"opening", "recap", "teaching", "exercise", "project", "closing"}
        return sum(s.minutes or 0 for s in self.slots if s.kind in kinds)


@dataclass
class Agenda:
    """A course fitted into days; ``overflow`` holds what did not fit in the course's days."""

    course: Course
    days: list[Day]
    planned: list[Module]
    overflow: list[Slot]
    missing: list[int]

    @property
    def fits(self) -> bool:
        """True when every timed session fits in the course's days."""
        return not self.overflow

    @property
    def session_minutes(self) -> int:
        """Minutes of all timed sessions placed in the days."""
        return sum(d.session_minutes for d in self.days)


@dataclass
class _Item:
    kind: str
    label: str
    minutes: int
    module: Module | None = None
    splittable: bool = False


def _items(course: Course, modules: dict[int, Module]) -> list[_Item | Module]:
    items: list[_Item | Module] = [
        _Item(
            "opening",
            "Opening, introductions and pre-course self-assessment",
            course.opening_minutes,
        )
    ]
    for number in course.modules:
        module = modules.get(number)
        if module is None:
            continue
        if module.planned:
            items.append(module)
            continue
        name = f"Module {module.number}. {module.title}"
        if module.teaching_minutes:
            items.append(_Item("teaching", name, module.teaching_minutes, module, True))
        if module.exercise_minutes:
            items.append(
                _Item(
                    "exercise",
                    f"Exercises of module {module.number}",
                    module.exercise_minutes,
                    module,
                    True,
                )
            )
        if module.project_minutes:
            items.append(
                _Item(
                    "project",
                    f"Project work of module {module.number}, in groups, with presentations",
                    module.project_minutes,
                    module,
                    True,
                )
            )
    items.append(
        _Item(
            "closing", "Post-course self-assessment, evaluation and closing", course.closing_minutes
        )
    )
    return items


def plan(
    course: Course | str, modules: Sequence[Module] | None = None, book: Path = Path("book")
) -> Agenda:
    """Fit ``course`` into its days with the modules' own timings.

    Sessions fill each day's blocks in order; a teaching or exercise session longer than
    what is left of a block is split into parts (no part shorter than :data:`MIN_PART`
    minutes), and time left at the end of a block becomes "questions and buffer". Each day
    after the first opens with a recap. Planned modules are listed where they come, with
    no times. What does not fit in the course's days goes to ``overflow``.
    """
    if isinstance(course, str):
        if course not in COURSES:
            raise ValueError(f"course {course!r} is not one of: {', '.join(COURSES)}")
        course = COURSES[course]
    if modules is None:
        modules = read_modules(book)
    by_number = {m.number: m for m in modules}
    missing = [n for n in course.modules if n not in by_number]
    items = _items(course, by_number)
    planned = [i for i in items if isinstance(i, Module)]

    template = course.day
    days: list[Day] = []
    overflow: list[Slot] = []
    day_index, block_index = 0, 0
    clock = _parse_clock(template.start)
    block_end = clock + template.blocks[0]
    current = Day(1)
    days.append(current)
    parts: dict[tuple[int, str], int] = {}

    def next_block() -> bool:
        """Move to the next block (adding the pause or a new day); False past the last day."""
        nonlocal block_index, clock, block_end, day_index, current
        if block_end > clock:
            current.slots.append(
                Slot(_clock(clock), _clock(block_end), "buffer", "Questions and buffer")
            )
        clock = block_end
        if block_index + 1 < len(template.blocks):
            name, minutes = template.pauses[block_index]
            kind = "lunch" if name.lower() == "lunch" else "break"
            current.slots.append(Slot(_clock(clock), _clock(clock + minutes), kind, name))
            clock += minutes
            block_index += 1
        else:
            day_index += 1
            if day_index >= course.days:
                return False
            block_index = 0
            clock = _parse_clock(template.start)
            current = Day(day_index + 1)
            days.append(current)
        block_end = clock + template.blocks[block_index]
        if block_index == 0 and day_index > 0 and course.recap_minutes:
            end = min(block_end, clock + course.recap_minutes)
            current.slots.append(
                Slot(_clock(clock), _clock(end), "recap", "Recap of the previous day")
            )
            clock = end
        return True

    queue = list(items)
    out_of_days = False
    while queue:
        item = queue.pop(0)
        if isinstance(item, Module):
            target = overflow if out_of_days else current.slots
            target.append(Slot(None, None, "planned", f"Module {item.number}. {item.title}", item))
            continue
        if out_of_days:
            overflow.append(Slot(None, None, item.kind, item.label, item.module))
            continue
        left = block_end - clock
        if item.minutes <= left:
            key = (item.module.number if item.module else 0, item.kind)
            part = f"part {parts[key] + 1}" if key in parts else ""
            current.slots.append(
                Slot(
                    _clock(clock),
                    _clock(clock + item.minutes),
                    item.kind,
                    item.label,
                    item.module,
                    part,
                )
            )
            clock += item.minutes
            continue
        first = min(left, item.minutes - MIN_PART)
        if item.splittable and first >= MIN_PART:
            key = (item.module.number if item.module else 0, item.kind)
            parts[key] = parts.get(key, 0) + 1
            current.slots.append(
                Slot(
                    _clock(clock),
                    _clock(clock + first),
                    item.kind,
                    item.label,
                    item.module,
                    f"part {parts[key]}",
                )
            )
            clock += first
            queue.insert(0, _Item(item.kind, item.label, item.minutes - first, item.module, True))
        else:
            queue.insert(0, item)
        if not next_block():
            out_of_days = True
    return Agenda(course, days, planned, overflow, missing)


# --------------------------------------------------------------------------- rendering


def duration(minutes: int | None) -> str:
    """Return ``1 h 30`` / ``45 min`` / an empty string for ``None``."""
    if minutes is None:
        return ""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def slot_label(slot: Slot) -> str:
    """Return the text of a slot's session column."""
    label = slot.label
    if slot.kind == "exercise" and slot.module and slot.module.exercises:
        label += " (" + ", ".join(slot.module.exercises) + ")"
    if slot.part:
        label += f", {slot.part}"
    if slot.kind == "planned":
        label += " — planned: timings are set when the module is written"
    return label


def summary(agenda: Agenda) -> str:
    """Return one sentence on how much of the course is scheduled."""
    course = agenda.course
    total = course.days * course.day.working_minutes
    text = (
        f"{len(agenda.days)} of {course.days} day(s) used; {duration(agenda.session_minutes)} of "
        f"sessions out of {duration(total)} available ({course.day.start}–{course.day.end} "
        f"each day)."
    )
    if agenda.planned:
        numbers = ", ".join(str(m.number) for m in agenda.planned)
        text += f" Module(s) {numbers} are planned and not yet timed."
    if agenda.overflow:
        text += f" {len(agenda.overflow)} session(s) do not fit in {course.days} day(s)."
    return text


def agenda_markdown(agenda: Agenda) -> str:
    """Return the agenda as Markdown: a heading and a table per day."""
    lines = [
        f"## {agenda.course.title}",
        "",
        f"For {agenda.course.audience}.",
        "",
        summary(agenda),
        "",
    ]
    for day in agenda.days:
        lines += [f"### Day {day.number}", "", "| time | session | length |", "|---|---|---|"]
        for slot in day.slots:
            when = f"{slot.start}–{slot.end}" if slot.start else "—"
            lines.append(f"| {when} | {slot_label(slot)} | {duration(slot.minutes)} |")
        lines.append("")
    if agenda.overflow:
        lines += ["### Does not fit", ""]
        lines += [f"- {slot_label(s)}" for s in agenda.overflow]
        lines.append("")
    return "\n".join(lines)


def modules_markdown(modules: Iterable[Module]) -> str:
    """Return a Markdown table of the modules and their timings."""
    lines = [
        "| module | title | teaching | exercises | project | total | status |",
        "|---|---|---|---|---|---|---|",
    ]
    for m in modules:
        status = "planned" if m.planned else "written"
        lines.append(
            f"| {m.number} | {m.title} | {duration(m.teaching_minutes)} | "
            f"{duration(m.exercise_minutes)} | {duration(m.project_minutes or None)} | "
            f"{duration(m.minutes)} | {status} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the agendas (or one) as Markdown."""
    parser = argparse.ArgumentParser(
        prog="python -m lrkit.course", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--course", choices=sorted(COURSES), help="one course (default: all)")
    parser.add_argument("--book", type=Path, default=Path("book"), help="the book's folder")
    args = parser.parse_args(argv)
    try:
        modules = read_modules(args.book)
    except ValueError as error:
        print(f"lrkit.course: error: {error}", file=sys.stderr)
        return 2
    print(modules_markdown(modules), end="\n\n")
    for key in [args.course] if args.course else list(COURSES):
        print(agenda_markdown(plan(key, modules)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
