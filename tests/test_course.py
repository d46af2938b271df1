"""Course agendas computed from the modules' front matter (lrkit.course)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lrkit.course import (
    CATALOGUE,
    COURSES,
    FULL_DAY,
    MIN_PART,
    SHORT_DAY,
    Course,
    DayTemplate,
    Module,
    agenda_markdown,
    main,
    plan,
    read_module,
    read_modules,
)

PAGE = """---
kernelspec:
  name: python3
lrkit:
  module: {number}
  title: "{title}"
  teaching_minutes: {teaching}
  exercise_minutes: {exercise}
  exercises: [{exercises}]
---

# Module {number}
"""


def _book(tmp_path: Path, *modules: tuple[int, str, int, int, str]) -> Path:
    book = tmp_path / "book"
    (book / "modules").mkdir(parents=True)
    for number, title, teaching, exercise, exercises in modules:
        (book / "modules" / f"{number:02d}-x.md").write_text(
            PAGE.format(
                number=number,
                title=title,
                teaching=teaching,
                exercise=exercise,
                exercises=exercises,
            ),
            encoding="utf-8",
        )
    return book


def _minutes(clock: str) -> int:
    hours, minutes = map(int, clock.split(":"))
    return 60 * hours + minutes


# --------------------------------------------------------------------------- the real book


def test_every_module_page_of_the_book_has_a_valid_lrkit_block(root):
    modules = read_modules(root / "book")
    written = [m for m in modules if not m.planned]
    assert written and written[0].number == 1
    assert written[0].title == "Labour relations data: concepts, actors and gaps"
    for module in written:
        assert module.teaching_minutes > 0, module
        assert (root / "book" / f"{module.docname}.md").exists()
        for exercise in module.exercises:  # every listed exercise has its book page
            assert (root / "book" / "exercises" / f"{exercise}.md").exists(), (module, exercise)
    assert [m.number for m in modules] == sorted({*CATALOGUE, *(m.number for m in written)})


def test_the_standard_courses_use_modules_of_the_plan():
    assert set(COURSES) == {"producers", "policy", "research"}
    assert (COURSES["producers"].days, COURSES["policy"].days, COURSES["research"].days) == (
        3,
        2,
        5,
    )
    for course in COURSES.values():
        assert set(course.modules) <= set(CATALOGUE)


def test_the_day_templates_state_their_hours():
    assert (FULL_DAY.start, FULL_DAY.end, FULL_DAY.working_minutes) == ("08:00", "16:30", 360)
    assert (SHORT_DAY.start, SHORT_DAY.end, SHORT_DAY.working_minutes) == ("08:30", "16:00", 300)
    with pytest.raises(ValueError):
        DayTemplate(blocks=(90, 90), pauses=())


# --------------------------------------------------------------------------- reading


def test_a_planned_module_has_no_invented_timings(tmp_path):
    modules = read_modules(_book(tmp_path, (1, "One", 40, 20, "01-a")))
    assert modules[0] == Module(1, "One", 40, 20, ("01-a",), "modules/01-x")
    planned = [m for m in modules if m.planned]
    assert [m.number for m in planned] == [n for n in CATALOGUE if n != 1]
    assert all(m.teaching_minutes is None and m.minutes is None for m in planned)


def test_a_new_module_page_is_picked_up_with_its_own_title(tmp_path):
    book = _book(tmp_path, (1, "One", 40, 20, ""), (9, "Extra module", 30, 0, ""))
    numbers = [m.number for m in read_modules(book)]
    assert 9 in numbers and read_modules(book)[-1].title == "Extra module"


def test_a_page_not_yet_in_the_book_counts_as_planned(tmp_path):
    book = _book(tmp_path, (1, "One", 40, 20, ""), (2, "Two (draft)", 60, 30, ""))
    modules = {m.number: m for m in read_modules(book, published={"modules/01-x"})}
    assert not modules[1].planned
    assert modules[2].planned and modules[2].title == "Two (draft)"
    assert modules[2].minutes is None


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("lrkit:\n  module: 1\n  title: x\n  teaching_minutes: 10\n", "lacks exercise_minutes"),
        (
            "lrkit:\n  module: one\n  title: x\n  teaching_minutes: 10\n  exercise_minutes: 5\n",
            "module must be",
        ),
        (
            "lrkit:\n  module: 1\n  title: x\n  teaching_minutes: -5\n  exercise_minutes: 5\n",
            "teaching_minutes must be",
        ),
        (
            "lrkit:\n  module: 1\n  title: x\n  teaching_minutes: 5\n  exercise_minutes: 5\n"
            "  exercises: 01-a\n",
            "must be a list",
        ),
    ],
)
def test_a_malformed_block_names_the_page_and_the_field(tmp_path, block, message):
    page = tmp_path / "book" / "modules" / "bad.md"
    page.parent.mkdir(parents=True)
    page.write_text(f"---\n{block}---\n# Bad\n", encoding="utf-8")
    with pytest.raises(ValueError, match=message) as error:
        read_module(page)
    assert "bad.md" in str(error.value)


def test_a_page_without_a_block_is_not_a_module_and_duplicates_are_refused(tmp_path):
    book = _book(tmp_path, (1, "One", 40, 20, ""))
    (book / "modules" / "notes.md").write_text("# Notes\n", encoding="utf-8")
    assert read_module(book / "modules" / "notes.md") is None
    (book / "modules" / "01-copy.md").write_text(
        PAGE.format(number=1, title="Copy", teaching=5, exercise=5, exercises=""), "utf-8"
    )
    with pytest.raises(ValueError, match="module 1 is claimed by both"):
        read_modules(book)


# --------------------------------------------------------------------------- scheduling


def _check_consistent(agenda) -> None:
    """Times increase without gaps, nothing overlaps, blocks and pauses follow the template."""
    template = agenda.course.day
    day_end = _minutes(template.end)
    for day in agenda.days:
        timed = [s for s in day.slots if s.start]
        assert timed[0].start == template.start
        for before, after in zip(timed, timed[1:], strict=False):
            assert before.end == after.start, (before, after)
        assert _minutes(timed[-1].end) <= day_end
        for slot in timed:
            if slot.kind in ("teaching", "exercise"):
                assert slot.minutes >= MIN_PART or not slot.part, slot


def test_sessions_fill_days_are_split_at_breaks_and_add_up(tmp_path):
    book = _book(
        tmp_path,
        (1, "One", 40, 20, "01-a"),
        (2, "Two", 150, 90, "02-a"),
        (3, "Three", 120, 60, ""),
        (4, "Four", 100, 80, ""),
    )
    agenda = plan("producers", book=book)
    _check_consistent(agenda)
    assert agenda.fits and not agenda.planned
    placed: dict[tuple[int, str], int] = {}
    for day in agenda.days:
        for slot in day.slots:
            if slot.module is not None and slot.kind in ("teaching", "exercise"):
                key = (slot.module.number, slot.kind)
                placed[key] = placed.get(key, 0) + slot.minutes
    assert placed[(2, "teaching")] == 150 and placed[(2, "exercise")] == 90
    assert placed[(4, "teaching")] == 100 and placed[(4, "exercise")] == 80
    kinds = [s.kind for d in agenda.days for s in d.slots]
    assert kinds[0] == "opening" and kinds[-1] == "closing"
    assert [s.kind for s in agenda.days[1].slots][0] == "recap"
    assert any(s.kind == "lunch" for s in agenda.days[0].slots)
    assert any(s.part == "part 2" for d in agenda.days for s in d.slots)
    text = agenda_markdown(agenda)
    assert "### Day 2" in text and "Module 2. Two" in text and "(02-a)" in text


def test_planned_modules_are_listed_without_times(tmp_path):
    agenda = plan("research", book=_book(tmp_path, (1, "One", 40, 20, "")))
    planned = [s for d in agenda.days for s in d.slots if s.kind == "planned"]
    assert [s.module.number for s in planned] == [2, 3, 4, 5, 6, 7]
    assert all(s.start is None and s.minutes is None for s in planned)
    assert "planned" in agenda_markdown(agenda)
    _check_consistent(agenda)


def test_project_minutes_are_a_session_of_their_own(tmp_path):
    book = _book(tmp_path, (1, "One", 40, 20, "01-a"))
    page = book / "modules" / "01-x.md"
    page.write_text(
        page.read_text("utf-8").replace("exercise_minutes: 20", "exercise_minutes: 20\n"
                                        "  project_minutes: 200"),
        "utf-8",
    )  # fmt: skip
    module = read_module(page, book)
    assert module.project_minutes == 200 and module.minutes == 40 + 20 + 200
    agenda = plan("research", book=book)
    _check_consistent(agenda)
    project = [s for d in agenda.days for s in d.slots if s.kind == "project"]
    # day 1: opening 08:00-08:30, teaching 08:30-09:10, exercises 09:10-09:30; the 200
    # minutes of project then take 09:45-11:30 (105 min), and of the 95 left, the afternoon
    # block takes 75 so that the last part is not shorter than MIN_PART (20 min): 15:15-15:35
    assert MIN_PART == 20
    assert [(s.start, s.end) for s in project] == [
        ("09:45", "11:30"),
        ("13:30", "14:45"),
        ("15:15", "15:35"),
    ]
    assert "Project work of module 1" in agenda_markdown(agenda)
    bad = page.read_text("utf-8").replace("project_minutes: 200", "project_minutes: -1")
    page.write_text(bad, "utf-8")
    with pytest.raises(ValueError, match="project_minutes"):
        read_module(page, book)


def test_what_does_not_fit_is_reported_not_dropped(tmp_path):
    book = _book(
        tmp_path, (1, "One", 300, 200, ""), (5, "Five", 300, 100, ""), (6, "Six", 200, 100, "")
    )
    agenda = plan("policy", book=book)
    assert not agenda.fits
    assert len(agenda.days) == 2
    assert agenda.overflow[-1].kind == "closing"
    assert "Does not fit" in agenda_markdown(agenda)


def test_a_custom_course_and_day(tmp_path):
    day = DayTemplate(start="09:00", blocks=(60, 60), pauses=(("Lunch", 60),))
    course = Course(
        "x", "Custom", "testers", 1, (1,), day=day, opening_minutes=10, closing_minutes=10
    )
    agenda = plan(course, book=_book(tmp_path, (1, "One", 70, 20, "")))
    rows = [(s.start, s.end, s.kind) for s in agenda.days[0].slots]
    assert rows[0] == ("09:00", "09:10", "opening")
    assert ("10:00", "11:00", "lunch") in rows
    assert rows[-1][2] == "closing"
    _check_consistent(agenda)


def test_unknown_course_is_refused():
    with pytest.raises(ValueError, match="not one of"):
        plan("weekend")


def test_command_prints_the_agendas_of_the_book(root, capsys, monkeypatch):
    monkeypatch.chdir(root)
    assert main(["--course", "producers"]) == 0
    out = capsys.readouterr().out
    assert "Producing labour relations data (3 days)" in out
    assert re.search(r"\| 08:00–08:30 \| Opening", out)
