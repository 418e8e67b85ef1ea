"""A task graded by hand, end to end: left pending, graded as the formgrader does, exported.

``crm-course grade`` leaves the written task (``ch05_q7``) for the instructor;
the instructor's grade goes into nbgrader's gradebook exactly as the formgrader
puts it there (``Grade.manual_score`` through :class:`nbgrader.api.Gradebook`),
and also through the real formgrader that ``crm-course formgrade`` starts (its
REST API, what its page calls when the instructor saves a score);
``crm-course export`` then shows the full score; and grading again, resumed or
with ``--force``, never wipes the manual grade.
"""

from __future__ import annotations

import subprocess

import manual_kit
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
    manual_kit.give_manual_grade(out, "ch05", WRITTEN, student, points)


def _manual_score(out, student: str):
    return manual_kit.manual_score(out, "ch05", WRITTEN, student)


def _export(out) -> dict[str, dict]:
    return manual_kit.export(out, "ch05")


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
    assert "2 student(s) have written answers to grade by hand: crm-course formgrade" \
        in run.stdout
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


def test_grading_in_the_formgrader_started_by_crm_course(graded, tmp_path):
    _, out, _ = graded
    with manual_kit.formgrader(out, "ch05", tmp_path) as (api, token, notebooks):
        chen = next(n for n in notebooks if n["student"] == nbgrader_id("chen_wrong"))
        assert chen["max_score"] == 19 and chen["needs_manual_grade"] is False  # blank: 0
        grades = manual_kit.call(f"{api}/grades?submission_id={chen['id']}", token)
        written = next(g for g in grades if g["name"] == WRITTEN)
        assert written["cell_type"] == "markdown" and written["auto_score"] == 0
        # the instructor gives 1 point anyway (the answer was in a cell of its own, say)
        saved = manual_kit.call(f"{api}/grade/{written['id']}", token,
                                {"manual_score": 1, "extra_credit": None})
        assert saved["manual_score"] == 1
    exported = _export(out)
    before = expected()["chen_wrong"][0]
    assert float(exported[nbgrader_id("chen_wrong")]["score"]) == pytest.approx(before + 1)
    assert float(read_grades(out)["chen_wrong"]["score"]) == pytest.approx(before + 1)
