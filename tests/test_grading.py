"""Grading a class with ``crm-course grade``: every kind of submission, every threat.

One session fixture (``graded_demo`` in conftest) grades the demo class, half
ordinary and half hostile, through the installed console script with
``--jobs 2``; each test here checks one row of what must happen.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from autograder.coursedir import GradingError
from autograder.demo import EXPECTED, expected_manual
from autograder.grading import STATUSES
from autograder.submissions import find_notebook, nbgrader_id, read_submission

pytestmark = pytest.mark.slow

MAX = 19          # 16 automatic + 3 for the written task, graded by hand
AUTO_MAX = 16
QIDS = [f"ch05_q{k}" for k in range(1, 7)]
WRITTEN = "ch05_q7"


def _row(graded, sid):
    return graded.results[sid]


def _points(graded, sid):
    row = _row(graded, sid)
    return {q: float(row[q]) for q in QIDS}


def _autograded(graded, sid) -> nbformat.NotebookNode:
    path = graded.out / "autograded" / nbgrader_id(sid) / "ch05" / "ch05.ipynb"
    return nbformat.read(path, as_version=4)


def _text(nb) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(str(out.get("text", "")))
            parts.append(str(out.get("evalue", "")))
            parts.append(str(out.get("data", {}).get("text/plain", "")))
    return "\n".join(parts)


def _feedback(graded, sid) -> str:
    row = _row(graded, sid)
    assert row["feedback"], f"no feedback page for {sid}"
    return re.sub(r"<[^>]+>", " ", (graded.out / row["feedback"]).read_text(encoding="utf-8"))


# ---------------------------------------------------------------- every student, every row


@pytest.mark.parametrize("student", sorted(EXPECTED))
def test_student_gets_expected_score_and_status(graded_demo, student):
    score, status = EXPECTED[student]
    row = _row(graded_demo, student)
    assert row["status"] == status, row["message"]
    assert float(row["score"]) == pytest.approx(score), row
    assert float(row["max_score"]) == MAX


def test_grades_csv_has_one_row_per_folder(graded_demo):
    folders = sorted(p.name for p in graded_demo.submissions.iterdir())
    assert sorted(graded_demo.results) == folders
    for row in graded_demo.results.values():
        assert row["assignment"] == "ch05"
        assert row["status"] in STATUSES
        written = 0.0 if row[WRITTEN] == "pending" else float(row[WRITTEN])
        assert sum(float(row[q]) for q in QIDS) + written == pytest.approx(float(row["score"]))


def test_gradebook_agrees_with_grades_csv(graded_demo):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{graded_demo.out / 'gradebook.db'}") as gb:
        assert {s.id for s in gb.students} == {nbgrader_id(s) for s in graded_demo.results}
        for sid, row in graded_demo.results.items():
            if row["status"] in {"missing", "unreadable"}:
                continue
            sub = gb.find_submission("ch05", nbgrader_id(sid))
            assert sub.score == pytest.approx(float(row["score"])), sid


def test_originals_are_kept(graded_demo):
    for sid in graded_demo.results:
        assert (graded_demo.out / "originals" / nbgrader_id(sid)).is_dir()


# ---------------------------------------------------------------- broken files


@pytest.mark.parametrize("student, words", [
    ("farid_corrupt_file", "not valid JSON"), ("lena_empty_file", "the file is empty"),
    ("max_not_a_notebook", "not a version-4 Jupyter notebook"),
    ("ines_no_notebook", "no .ipynb file")])
def test_broken_submission_says_why(graded_demo, student, words):
    assert words in _row(graded_demo, student)["message"]
    page = _feedback(graded_demo, student)
    assert words in page and "无法评分" in page


# ---------------------------------------------------------------- time, memory, death, output


def test_endless_loops_and_sleeps_are_interrupted_and_the_rest_graded(graded_demo):
    emma = _points(graded_demo, "emma_endless_loop")
    assert emma["ch05_q2"] == 0 and emma["ch05_q3"] == 2
    assert "time limit" in _row(graded_demo, "nina_sleeps")["message"]
    assert _points(graded_demo, "nina_sleeps")["ch05_q3"] == 2  # defined before it slept


def test_a_submission_that_ignores_interrupts_is_stopped_at_its_limit(graded_demo):
    pia = _row(graded_demo, "pia_ignores_interrupts")
    assert "the submission ran past its time limit (40 s)" in pia["message"]
    points = _points(graded_demo, "pia_ignores_interrupts")
    assert points["ch05_q4"] == 2 and points["ch05_q5"] == 0  # graded on what ran


def test_input_is_refused_at_once(graded_demo):
    assert "asked for input" in _row(graded_demo, "omar_waits_for_input")["message"]


def test_memory_hog_meets_the_limit(graded_demo):
    assert "MemoryError" in _row(graded_demo, "quinn_memory_hog")["message"]
    nb = _autograded(graded_demo, "quinn_memory_hog")
    assert any(o.get("ename") == "MemoryError" for c in nb.cells for o in c.get("outputs", []))


def test_kernel_that_exits_or_kills_itself_is_graded_on_what_ran(graded_demo):
    rosa = _points(graded_demo, "rosa_exits_the_kernel")
    assert rosa["ch05_q1"] == 3 and rosa["ch05_q2"] == 3 and rosa["ch05_q3"] == 0
    sam = _points(graded_demo, "sam_kills_his_kernel")
    assert sam["ch05_q4"] == 2 and sam["ch05_q5"] == 0
    assert "kernel died" in _row(graded_demo, "sam_kills_his_kernel")["message"]


def test_output_flood_is_cut(graded_demo):
    path = graded_demo.out / "autograded" / "uma_floods_output" / "ch05" / "ch05.ipynb"
    assert path.stat().st_size < 15_000_000  # 300 MB were printed
    assert "[output cut" in path.read_text(encoding="utf-8")


# ---------------------------------------------------------------- tampering and cheating


def test_moved_and_duplicated_tests_are_restored(graded_demo):
    message = _row(graded_demo, "victor_moves_tests")["message"]
    assert "duplicated" in message and "moved" in message
    nb = _autograded(graded_demo, "victor_moves_tests")
    ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
    tests = [i for i in ids if i in QIDS]
    assert tests == QIDS


def test_patching_earns_no_more_than_the_same_answers_unpatched(graded_demo):
    from autograder.demo import WRONG, honest_points

    wen = float(_row(graded_demo, "wen_patches_helpers")["score"])
    assert wen == pytest.approx(honest_points(WRONG, "wen_patches_helpers"))
    assert wen < 3  # the wrong answers, patched to look right, stay wrong


@pytest.mark.parametrize("student", ["xia_always_equal", "yusuf_fakes_grader"])
def test_always_equal_objects_and_fake_graders_earn_nothing(graded_demo, student):
    assert all(p == 0 for p in _points(graded_demo, student).values())


def test_always_equal_objects_reach_the_grader_as_data(graded_demo):
    text = _text(_autograded(graded_demo, "xia_always_equal"))
    assert "expected a pandas Series, got Yes" in text
    assert "0/8 hidden cases passed" in text


def test_forged_answers_are_judged_on_the_graders_own_cases(graded_demo):
    text = _text(_autograded(graded_demo, "yusuf_fakes_grader"))
    assert "no result" in text


def test_copied_numbers_fail_for_another_student(graded_demo):
    assert _points(graded_demo, "alice_right")["ch05_q6"] == 2
    assert _points(graded_demo, "kim_copied_numbers")["ch05_q6"] < 2
    assert "is not right for your data" in _text(_autograded(graded_demo,
                                                             "kim_copied_numbers"))


# ---------------------------------------------------------------- the sandbox


def test_student_code_cannot_read_or_write_outside_its_folder(graded_demo):
    text = _text(_autograded(graded_demo, "zoe_snoops"))
    snoop = re.search(r"\{'read .*\}", text).group(0)
    for label in ("read solutions", "read reference", "read other student", "read gradebook",
                  "write other student", "write course repository", "write grades"):
        assert f"'{label}'" in snoop, label
    assert "READ IT" not in snoop and "WROTE IT" not in snoop
    for path, content in graded_demo.before.items():
        assert open(path, "rb").read() == content, path
    assert "hacked" not in (graded_demo.out / "grades.csv").read_text(encoding="utf-8-sig")


def test_network_is_refused(graded_demo):
    text = _text(_autograded(graded_demo, "ali_phones_home"))
    net = re.search(r"\{'local'.*\}", text).group(0)
    assert "CONNECTED" not in net
    assert graded_demo.hits == []


def test_odd_student_ids_are_graded(graded_demo):
    for sid in ("学生_01", "李雷 Li Lei"):
        assert _row(graded_demo, sid)["status"] == "ok"
        assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", nbgrader_id(sid))


# ---------------------------------------------------------------- feedback and report


def test_feedback_shows_failures_but_not_hidden_tests(graded_demo):
    text = _feedback(graded_demo, "bao_partly_right")
    assert "8/10 hidden cases passed" in text  # q1: days counted for orders
    assert "two orders on one day: frequency of" in text
    assert "a tie at the A cut-off: class of" in text  # q3: ties split by id
    for secret in ("BEGIN HIDDEN TESTS", "hand_in", "autograder", "ref_rfm_table",
                   "CRM_GRADING_DIR"):
        assert secret not in text, secret


def test_feedback_tracebacks_do_not_show_hidden_lines(graded_demo):
    text = _feedback(graded_demo, "dmitri_raises")
    assert "I am not sure how to do this" in text
    assert "hand_in" not in text and "handin.py" not in text


def test_every_student_has_feedback(graded_demo):
    for sid, row in graded_demo.results.items():
        assert row["feedback"], sid
        assert (graded_demo.out / row["feedback"]).is_file()


def test_progress_bar_table_and_report(graded_demo):
    assert "grading ch05" in graded_demo.run.stderr and "100%" in graded_demo.run.stderr
    lines = graded_demo.run.stdout.splitlines()
    table = [line.split()[0] for line in lines[lines.index(next(
        line for line in lines if line.startswith("student"))) + 2:] if line.strip()]
    flagged = [s for s, (_, status) in EXPECTED.items() if status != "ok"]
    first = table[:len(flagged)]
    assert sorted(first) == sorted(s.split()[0] for s in flagged)
    report = (graded_demo.out / "report.html").read_text(encoding="utf-8")
    assert report.index("pia_ignores_interrupts") < report.index("alice_right")
    assert "flagged" in report and "学生_01" in report


# ---------------------------------------------------------------- reading submissions


def test_read_submission_names_the_problem(tmp_path):
    empty = tmp_path / "empty.ipynb"
    empty.write_text("")
    with pytest.raises(GradingError, match="empty.ipynb: the file is empty"):
        read_submission(empty)
    broken = tmp_path / "broken.ipynb"
    broken.write_text('{"cells": [')
    with pytest.raises(GradingError, match=r"broken.ipynb: not valid JSON .*line 1"):
        read_submission(broken)
    other = tmp_path / "other.ipynb"
    other.write_text('{"hello": 1}')
    with pytest.raises(GradingError, match="not a version-4 Jupyter notebook"):
        read_submission(other)
    good = tmp_path / "good.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), good)
    assert read_submission(good).nbformat == 4


def test_find_notebook_prefers_assignment_name(tmp_path):
    for name in ("a.ipynb", "ch05.ipynb"):
        nbformat.write(nbformat.v4.new_notebook(), tmp_path / name)
    (tmp_path / ".ipynb_checkpoints").mkdir()
    nbformat.write(nbformat.v4.new_notebook(), tmp_path / ".ipynb_checkpoints" / "x.ipynb")
    assert find_notebook(tmp_path, "ch05").name == "ch05.ipynb"
    (tmp_path / "ch05.ipynb").unlink()
    assert find_notebook(tmp_path, "ch05").name == "a.ipynb"


def test_nbgrader_ids_are_safe_and_distinct():
    names = ["s001", "李雷 Li Lei", "李雷_Li_Lei", "a/b", "..", "张 三"]
    ids = [nbgrader_id(n) for n in names]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", i) for i in ids)


def test_export_writes_nbgrader_csv(graded_demo, capsys):
    from autograder.cli import main

    assert main(["export", "ch05", "--out", str(graded_demo.out)]) == 0
    text = (graded_demo.out / "gradebook_export.csv").read_text(encoding="utf-8")
    assert "alice_right" in text and "ch05" in text
    shown = capsys.readouterr().out
    assert "bao_partly_right" in shown and "unreadable" in shown


# ---------------------------------------------------------------- the written task


@pytest.mark.parametrize("student", sorted(expected_manual()))
def test_written_task_is_left_for_the_instructor(graded_demo, student):
    row = _row(graded_demo, student)
    state = expected_manual()[student]
    assert float(row["auto_max"]) == AUTO_MAX and float(row["max_score"]) == MAX
    if state == "pending":  # never a silent zero: the points still to give are stated
        assert row[WRITTEN] == "pending" and float(row["manual_pending"]) == 3
    else:  # left as released: 0 at once, as nbgrader does
        assert row[WRITTEN] == "0" and float(row["manual_pending"]) == 0


def test_unreadable_submissions_have_nothing_pending(graded_demo):
    for sid, (_, status) in EXPECTED.items():
        if status in {"missing", "unreadable"}:
            assert float(_row(graded_demo, sid)["manual_pending"]) == 0


def test_gradebook_marks_written_answers_for_manual_grading(graded_demo):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{graded_demo.out / 'gradebook.db'}") as gb:
        pending = gb.find_grade(WRITTEN, "ch05", "ch05", nbgrader_id("alice_right"))
        assert pending.auto_score is None and pending.needs_manual_grade
        blank = gb.find_grade(WRITTEN, "ch05", "ch05", nbgrader_id("chen_wrong"))
        assert blank.auto_score == 0 and not blank.needs_manual_grade


def test_table_and_report_say_what_is_left_to_grade_by_hand(graded_demo):
    assert "16/19 (3 to grade by hand)" in graded_demo.run.stdout
    assert "with manual grading pending" in graded_demo.run.stdout
    report = (graded_demo.out / "report.html").read_text(encoding="utf-8")
    assert "16/19 (3 to grade by hand)" in report and ">pending<" in report
