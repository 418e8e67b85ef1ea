"""A task graded by hand, end to end: left pending, graded as the formgrader does, exported.

``crm-course grade`` leaves the written task (``ch05_q7``) for the instructor;
the instructor's grade goes into nbgrader's gradebook exactly as the formgrader
puts it there (``Grade.manual_score`` through :class:`nbgrader.api.Gradebook`);
``crm-course export`` then shows the full score; and grading again, resumed or
with ``--force``, never wipes the manual grade.
"""

from __future__ import annotations

import csv
import subprocess

import nbformat
import pytest
from conftest import CLI, read_grades

from autograder.demo import build_submissions, expected, expected_manual
from autograder.submissions import nbgrader_id

pytestmark = pytest.mark.slow

CLASS = ["alice_right", "chen_wrong", "学生_01"]
WRITTEN = "ch05_q7"


def _grade(subs, out, *extra) -> subprocess.CompletedProcess:
    run = subprocess.run([*CLI, "grade", "ch05", str(subs), "--out", str(out), "--quiet",
                          "--jobs", "2", "--no-feedback", *extra],
                         capture_output=True, text=True, timeout=900, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    return run


def _give_manual_grade(out, student: str, points: float) -> None:
    """What nbgrader's formgrader does when the instructor types a score and saves it."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{out / 'gradebook.db'}") as gb:
        grade = gb.find_grade(WRITTEN, "ch05", "ch05", nbgrader_id(student))
        grade.manual_score = points
        grade.needs_manual_grade = False
        gb.db.commit()


def _manual_score(out, student: str):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{out / 'gradebook.db'}") as gb:
        return gb.find_grade(WRITTEN, "ch05", "ch05", nbgrader_id(student)).manual_score


def _export(out) -> dict[str, dict]:
    run = subprocess.run([*CLI, "export", "ch05", "--out", str(out)], capture_output=True,
                         text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    with (out / "gradebook_export.csv").open(encoding="utf-8", newline="") as fh:
        return {row["student_id"]: row for row in csv.DictReader(fh)}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("manual")
    subs, out = base / "submissions", base / "grading"
    all_subs = build_submissions({})
    for sid in CLASS:
        (subs / sid).mkdir(parents=True)
        nbformat.write(all_subs[sid], subs / sid / "ch05.ipynb")
    run = _grade(subs, out)
    return subs, out, run


def test_grade_leaves_the_written_task_pending(graded):
    _, out, run = graded
    rows = read_grades(out)
    alice = rows["alice_right"]
    assert (alice["score"], alice["max_score"], alice["auto_max"]) == ("16", "19", "16")
    assert alice["manual_pending"] == "3" and alice[WRITTEN] == "pending"
    assert expected_manual()["chen_wrong"] == "blank"
    chen = rows["chen_wrong"]
    assert chen["manual_pending"] == "0" and chen[WRITTEN] == "0"
    assert float(chen["score"]) == expected()["chen_wrong"][0]
    assert "16/19 (3 to grade by hand)" in run.stdout
    assert _manual_score(out, "alice_right") is None


def test_manual_grade_export_and_regrading_keep_it(graded):
    subs, out, _ = graded
    _give_manual_grade(out, "alice_right", 2.5)
    _give_manual_grade(out, "学生_01", 3)

    # crm-course export: nbgrader's export and grades.csv both have the full score
    exported = _export(out)
    assert float(exported[nbgrader_id("alice_right")]["score"]) == pytest.approx(18.5)
    assert float(exported[nbgrader_id("学生_01")]["score"]) == pytest.approx(19)
    assert float(exported[nbgrader_id("alice_right")]["max_score"]) == 19
    rows = read_grades(out)
    assert rows["alice_right"]["score"] == "18.5" and rows["alice_right"][WRITTEN] == "2.5"
    assert rows["alice_right"]["manual_pending"] == "0"
    assert rows["学生_01"]["score"] == "19"
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "18.5/19" in report and "to grade by hand" not in report

    # resumed: nobody is graded again, and the manual grades stay in grades.csv
    run = _grade(subs, out)
    assert "already graded" in run.stdout
    assert read_grades(out)["alice_right"]["score"] == "18.5"

    # --force: everyone is graded again; the manual grades survive in the gradebook
    _grade(subs, out, "--force")
    assert _manual_score(out, "alice_right") == pytest.approx(2.5)
    rows = read_grades(out)
    assert rows["alice_right"]["score"] == "18.5" and rows["alice_right"][WRITTEN] == "2.5"
    assert rows["学生_01"]["score"] == "19"
    assert float(_export(out)[nbgrader_id("alice_right")]["score"]) == pytest.approx(18.5)


def test_formgrade_command_points_at_the_course_directory(graded):
    from autograder.cli import formgrade_command

    _, out, _ = graded
    argv = formgrade_command(out, 8890, True)
    assert f"--ServerApp.root_dir={out}" in argv and "--LabApp.default_url=/formgrader" in argv
    assert (out / "nbgrader_config.py").is_file()  # read from the working folder
