"""Every chapter's small demo class, graded through the real CLI.

For each chapter with a ``DEMO`` (chapter 5 is graded with its full demo class in
``test_grading``), one module fixture runs ``crm-course demo CHAPTER`` with the
installed console script: it writes a right, a partly right and a wrong
submission and grades them as ``crm-course grade`` does; each test checks one
row against what :mod:`autograder.chapterdemo` computes in-process.
"""

from __future__ import annotations

import subprocess

import pytest
from conftest import CLI, read_grades

from autograder import chapterdemo

pytestmark = pytest.mark.slow

CHAPTERS = [a for a in chapterdemo.chapters() if a != "ch05"]


@pytest.fixture(scope="module", params=[
    pytest.param(c, marks=pytest.mark.xdist_group(f"demo-class-{c}")) for c in CHAPTERS])
def graded_chapter(request, tmp_path_factory):
    """(assignment, grades.csv rows by student, output folder) of one graded demo class."""
    assignment = request.param
    base = tmp_path_factory.mktemp(f"demo-{assignment}")
    # `crm-course demo CHAPTER` writes the class, grades it with `crm-course grade`'s
    # code and exits non-zero unless every row has the score the reference gives.
    run = subprocess.run([*CLI, "demo", assignment, "--small", "--out", str(base), "--jobs", "2",
                          "--cell-timeout", "60", "--timeout", "300"],
                         capture_output=True, text=True, timeout=1800, check=False)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "All 3 demo students got the score the reference gives them" in run.stdout
    out = base / assignment / "grading"
    assert sorted(p.name for p in (base / assignment / "submissions").iterdir()) == sorted(
        chapterdemo.students(assignment))
    return assignment, read_grades(out), out


@pytest.mark.parametrize("kind", ["right", "partly", "wrong"])
def test_each_task_earns_what_the_reference_says(graded_chapter, kind):
    assignment, rows, _ = graded_chapter
    student = chapterdemo.students(assignment)[["right", "partly", "wrong"].index(kind)]
    row = rows[student]
    assert row["status"] == "ok", row
    expected = chapterdemo.expected_points(assignment, student)
    got = {qid: float(row[qid]) for qid in expected}
    assert got == pytest.approx(expected, abs=0.011)


def test_right_gets_full_marks_and_the_order_holds(graded_chapter):
    assignment, rows, _ = graded_chapter
    students = chapterdemo.students(assignment)
    score = {sid: float(rows[sid]["score"]) for sid in students}
    right, partly, wrong = (score[s] for s in students)
    assert float(rows[students[0]]["auto_max"]) == chapterdemo.auto_max(assignment)
    assert right == pytest.approx(chapterdemo.auto_max(assignment))
    assert wrong < partly < right


def test_every_student_has_feedback(graded_chapter):
    assignment, rows, out = graded_chapter
    for sid in chapterdemo.students(assignment):
        page = out / rows[sid]["feedback"]
        assert rows[sid]["feedback"] and page.is_file(), sid
        assert "BEGIN HIDDEN TESTS" not in page.read_text(encoding="utf-8")
