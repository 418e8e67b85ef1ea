"""A student's path through a graded exercise, in JupyterLab in Debian's Chromium.

The exercise is the first one found in ``exercises/`` (so it follows the course as
chapters are added). In the session's ``crm-course lab`` server the student opens
it, runs the cells above the first task, runs the scaffold as released, adds a
cell with the task's self-check (``chNN.q1.check()``) and sees it fail, asks for
a hint and sees the one about what failed, then types the answer (the
instructor's solution) into the answer cell, runs the check again and sees it
pass. With every answer filled in, nbgrader's *Validate* button says the
notebook passes all its tests (the student id typed where a task uses the student's
own data).

What the page must show is worked out here, outside the browser, by the same
self-check on the same code, so the test cannot pass on a blank or wrong output.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import re

import nbformat
import pytest
from browser_kit import (
    REPO,
    add_cell_below,
    cell,
    needs_chromium,
    open_notebook,
    run_cell,
    run_command,
    screenshot,
    select_cell,
    type_into_cell,
    wait_idle,
)
from playwright.sync_api import expect

import course

pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_chromium]

EXERCISES = sorted(p for p in (REPO / "exercises").glob("ch[0-9][0-9]/ch[0-9][0-9].ipynb"))
_MARKER = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$")


def solution_text(source: str) -> str:
    """The instructor's answer as a student would type it (nbgrader's markers removed)."""
    return "\n".join(line for line in source.splitlines() if not _MARKER.match(line))


def grade_id(c) -> str:
    return c.metadata.get("nbgrader", {}).get("grade_id", "")


def local_output(code: str, namespace: dict) -> str:
    """What ``code`` prints, run here with the notebook's names in ``namespace``."""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        exec(code, namespace)  # noqa: S102 - the course's own exercise and solution
    return buffer.getvalue()


def normalized(text: str) -> str:
    return " ".join(text.split())


def test_an_exercise_found():
    assert EXERCISES, "no exercises/chNN/chNN.ipynb"


def test_student_checks_fixes_and_validates(page, lab):
    exercise = EXERCISES[0]
    chapter = exercise.stem
    released = nbformat.read(exercise, as_version=4)
    solutions = {grade_id(c): c for c in nbformat.read(
        REPO / "solutions" / chapter / f"{chapter}.ipynb", as_version=4).cells if grade_id(c)}
    answers = [i for i, c in enumerate(released.cells)
               if c.metadata.get("nbgrader", {}).get("solution")]
    first = next(i for i in answers if grade_id(released.cells[i]) == f"{chapter}_q1_answer")
    check_call, hint_call = f"{chapter}.q1.check()", f"{chapter}.q1.hint()"

    # the same steps outside the browser: what the page must show
    course.set_language("en")
    # A fresh copy: the questions remember the hints they showed, and other tests in
    # this process may have asked this module for hints already (the kernel is new).
    check_module = importlib.reload(importlib.import_module(f"course.check.{chapter}"))
    namespace: dict = {}
    for c in released.cells[:first + 1]:
        if c.cell_type == "code":
            with contextlib.suppress(Exception):
                local_output(c.source, namespace)
    namespace[chapter] = check_module
    failed = local_output(check_call, namespace)
    hint = local_output(hint_call, namespace)
    local_output(solution_text(solutions[f"{chapter}_q1_answer"].source), namespace)
    passed = local_output(check_call, namespace)
    assert failed != passed and hint.strip()

    panel = open_notebook(page, lab, f"exercises/{chapter}/{chapter}.ipynb")
    select_cell(page, first)
    run_command(page, "notebook:run-all-above")
    wait_idle(page)
    run_cell(page, first)  # the scaffold as released
    screenshot(page, "student", f"{chapter}-1-released")

    check_at = add_cell_below(page, panel, first, check_call)
    run_cell(page, check_at)
    shown = cell(panel, check_at).locator(".jp-OutputArea").inner_text()
    assert normalized(failed) in normalized(shown), (failed, shown)
    hint_at = add_cell_below(page, panel, check_at, hint_call)
    run_cell(page, hint_at)
    shown_hint = cell(panel, hint_at).locator(".jp-OutputArea").inner_text()
    assert normalized(hint) in normalized(shown_hint), (hint, shown_hint)
    screenshot(page, "student", f"{chapter}-2-check-fails-with-hint")

    type_into_cell(page, panel, first, solution_text(solutions[f"{chapter}_q1_answer"].source))
    run_cell(page, first)
    run_cell(page, check_at)
    shown = cell(panel, check_at).locator(".jp-OutputArea").inner_text()
    assert normalized(passed) in normalized(shown), (passed, shown)
    screenshot(page, "student", f"{chapter}-3-check-passes")

    # every other answer, then nbgrader's Validate button (it saves, then validates)
    offset = 2  # the two cells added below the first answer
    for index in answers:
        gid = grade_id(released.cells[index])
        if gid == f"{chapter}_q1_answer":
            continue
        at = index + offset if index > first else index
        type_into_cell(page, panel, at, solution_text(solutions[gid].source))
    for index, c in enumerate(released.cells):  # a task on the student's own data: the id
        if c.cell_type == "code" and 'STUDENT_ID = ""' in c.source:
            at = index + offset if index > first else index
            type_into_cell(page, panel, at, c.source.replace('STUDENT_ID = ""',
                                                             'STUDENT_ID = "s042"', 1))
    page.locator(".validate-button").click()
    dialog = page.locator(".jp-Dialog")
    expect(dialog).to_be_visible(timeout=60_000)
    expect(dialog.locator(".validation-success, .validation-failed, .validation-error")
           .first).to_be_visible(timeout=300_000)
    screenshot(page, "student", f"{chapter}-4-validated")
    text = dialog.inner_text()
    assert "Success! Your notebook passes all the tests." in text, text[:3000]
