"""The capstone's memo graded by hand, end to end, with the real CLI and formgrader.

``crm-course grade`` leaves the written tasks (the justification ``capstone_q8`` and the
memo ``capstone_q9``) pending; the instructor's scores go into nbgrader's gradebook as
the formgrader stores them (:mod:`manual_kit`: the Gradebook API, and the real
formgrader's REST API started by ``crm-course formgrade``); ``crm-course export`` then
shows the full score, and a ``--force`` regrade keeps the manual grades.
"""

from __future__ import annotations

import subprocess

import manual_kit
import pytest
from conftest import CLI, read_grades

from autograder import chapterdemo
from autograder.reference import capstone as ref
from autograder.submissions import nbgrader_id

pytestmark = pytest.mark.slow

MEMO, WHY = "capstone_q9", "capstone_q8"
STRONG, AVERAGE, WEAK = ref.DEMO_STUDENTS
AUTO = chapterdemo.auto_max("capstone")
FULL = AUTO + sum(ref.MANUAL.values())


def _grade(subs, out, *extra) -> subprocess.CompletedProcess:
    run = subprocess.run([*CLI, "grade", "capstone", str(subs), "--out", str(out), "--quiet",
                          "--jobs", "2", "--no-feedback", *extra],
                         capture_output=True, text=True, timeout=900, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    return run


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The strong and the weak demo submissions graded by ``crm-course grade``."""
    base = tmp_path_factory.mktemp("capstone-manual")
    subs, out = base / "submissions", base / "grading"
    chapterdemo.write_class("capstone", subs)
    (subs / AVERAGE).rename(base / AVERAGE)  # two students are enough here
    return subs, out, _grade(subs, out)


def test_the_memos_are_pending_and_a_blank_answer_is_zero(graded):
    _, out, run = graded
    rows = read_grades(out)
    strong, weak = rows[STRONG], rows[WEAK]
    assert float(strong["score"]) == pytest.approx(AUTO)
    assert float(strong["max_score"]) == FULL and float(strong["auto_max"]) == AUTO
    assert strong[MEMO] == "pending" and strong[WHY] == "pending"
    assert float(strong["manual_pending"]) == ref.MANUAL[MEMO] + ref.MANUAL[WHY]
    # the weak student left the justification as released: 0 at once; the memo waits
    assert weak[WHY] == "0" and weak[MEMO] == "pending"
    assert float(weak["manual_pending"]) == ref.MANUAL[MEMO]
    expected_weak = sum(chapterdemo.expected_points("capstone", WEAK).values())
    assert float(weak["score"]) == pytest.approx(expected_weak, abs=0.011)
    assert "2 student(s) have written answers to grade by hand: crm-course formgrade" \
        in run.stdout
    assert manual_kit.manual_score(out, "capstone", MEMO, STRONG) is None


def test_manual_grades_export_and_force_regrade_keep_them(graded, tmp_path):
    subs, out, _ = graded
    # the rubric's scores of the demo memos (docs/instructor/en/capstone.md): strong 8, weak 0.5
    # the Gradebook, as the formgrader stores a score
    manual_kit.give_manual_grade(out, "capstone", MEMO, STRONG, 8)
    manual_kit.give_manual_grade(out, "capstone", WHY, STRONG, 2)
    # the real formgrader's REST API, as its page saves a score
    with manual_kit.formgrader(out, "capstone", tmp_path) as (api, token, notebooks):
        weak = next(n for n in notebooks if n["student"] == nbgrader_id(WEAK))
        assert weak["max_score"] == FULL and weak["needs_manual_grade"] is True
        grades = manual_kit.call(f"{api}/grades?submission_id={weak['id']}", token)
        memo = next(g for g in grades if g["name"] == MEMO)
        assert memo["cell_type"] == "markdown" and memo["max_score"] == ref.MANUAL[MEMO]
        saved = manual_kit.call(f"{api}/grade/{memo['id']}", token,
                                {"manual_score": 0.5, "extra_credit": None})
        assert saved["manual_score"] == 0.5
    weak_auto = sum(chapterdemo.expected_points("capstone", WEAK).values())

    exported = manual_kit.export(out, "capstone")
    assert float(exported[nbgrader_id(STRONG)]["score"]) == pytest.approx(AUTO + 10)
    assert float(exported[nbgrader_id(STRONG)]["max_score"]) == FULL
    assert float(exported[nbgrader_id(WEAK)]["score"]) == pytest.approx(weak_auto + 0.5,
                                                                        abs=0.011)
    rows = read_grades(out)
    assert rows[STRONG][MEMO] == "8" and rows[STRONG]["manual_pending"] == "0"
    assert float(rows[STRONG]["score"]) == pytest.approx(AUTO + 10)

    # --force: graded again; the manual grades survive in the gradebook and the export
    _grade(subs, out, "--force")
    assert manual_kit.manual_score(out, "capstone", MEMO, STRONG) == pytest.approx(8)
    assert manual_kit.manual_score(out, "capstone", MEMO, WEAK) == pytest.approx(0.5)
    assert float(read_grades(out)[STRONG]["score"]) == pytest.approx(AUTO + 10)
    exported = manual_kit.export(out, "capstone")
    assert float(exported[nbgrader_id(STRONG)]["score"]) == pytest.approx(AUTO + 10)
