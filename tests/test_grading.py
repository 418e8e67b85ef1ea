"""Grading a class through nbgrader: the demo class, grades.csv, feedback, bad input."""

from __future__ import annotations

import csv
import re

import nbformat
import pytest

from autograder.coursedir import GradingError
from autograder.demo import EXPECTED
from autograder.grading import STATUSES, find_notebook, nbgrader_id, read_submission

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("student", sorted(EXPECTED))
def test_demo_student_gets_expected_score_and_status(graded_demo, student):
    _, results = graded_demo
    score, status = EXPECTED[student]
    assert results[student].status == status, results[student].message
    assert results[student].score == pytest.approx(score)
    assert results[student].max_score == 12


def test_grades_csv_has_one_row_per_folder(graded_demo):
    out, results = graded_demo
    with (out / "grades.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["student_id"] for r in rows] == sorted(results)
    for row in rows:
        assert row["assignment"] == "ch05"
        assert row["status"] in STATUSES
        assert float(row["max_score"]) == 12
        parts = sum(float(row[f"ch05_q{k}"]) for k in range(1, 6))
        assert parts == pytest.approx(float(row["score"]))


def test_gradebook_holds_every_student(graded_demo):
    from nbgrader.api import Gradebook

    out, results = graded_demo
    with Gradebook(f"sqlite:///{out / 'gradebook.db'}") as gb:
        ids = {s.id for s in gb.students}
        assert ids == {r.nbgrader_id for r in results.values()}
        alice = gb.find_submission("ch05", "alice_right")
        assert alice.score == pytest.approx(12)


def test_originals_are_kept(graded_demo):
    out, results = graded_demo
    for r in results.values():
        assert (out / "originals" / r.nbgrader_id).is_dir()


def _feedback_text(out, result):
    html = (out / result.feedback).read_text(encoding="utf-8")
    return re.sub(r"<[^>]+>", " ", html)


def test_feedback_shows_failures_but_not_hidden_tests(graded_demo):
    out, results = graded_demo
    bao = results["bao_partly_right"]
    assert bao.feedback, "feedback HTML was not written"
    text = _feedback_text(out, bao)
    assert "4/8 hidden cases passed" in text
    assert "frequency of" in text
    for secret in ("BEGIN HIDDEN TESTS", "verify(", "autograder", "ref_rfm_table"):
        assert secret not in text, secret


def test_feedback_tracebacks_do_not_show_hidden_lines(graded_demo):
    out, results = graded_demo
    text = _feedback_text(out, results["dmitri_raises"])
    assert "I am not sure how to do this" in text or "ValueError" in text
    assert "autograder" not in text and "hidden.py" not in text


def test_every_student_has_feedback(graded_demo):
    out, results = graded_demo
    for r in results.values():
        assert r.feedback, r.student_id
        assert (out / r.feedback).is_file()
    corrupt = _feedback_text(out, results["farid_corrupt_file"])
    assert "not valid JSON" in corrupt and "无法评分" in corrupt


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


def test_grading_a_missing_folder_is_a_clear_error(tmp_path):
    from autograder.grading import grade

    with pytest.raises(GradingError, match="does not exist"):
        grade("ch05", tmp_path / "nope", tmp_path / "out")


def test_unknown_assignment_is_a_clear_error(tmp_path):
    from autograder.grading import grade

    with pytest.raises(GradingError, match="unknown assignment 'ch5'"):
        grade("ch5", tmp_path, tmp_path / "out")


def test_export_writes_nbgrader_csv(graded_demo, capsys):
    from autograder.cli import main

    out, results = graded_demo
    assert main(["export", "ch05", "--out", str(out)]) == 0
    text = (out / "gradebook_export.csv").read_text(encoding="utf-8")
    assert "alice_right" in text and "ch05" in text
    shown = capsys.readouterr().out
    assert "bao_partly_right" in shown and "unreadable" in shown
