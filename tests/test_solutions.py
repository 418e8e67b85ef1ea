"""The solutions notebook earns full marks; the released exercise runs and earns nothing."""

from __future__ import annotations

import shutil

import nbformat
import pytest
from nbclient import NotebookClient

from autograder.coursedir import EXERCISES_DIR, SOLUTIONS_DIR

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _student(monkeypatch):
    """As when graded: the kernel knows whose notebook it runs."""
    monkeypatch.setenv("CRM_STUDENT_ID", "s001")
    monkeypatch.delenv("CRM_GRADING_DIR", raising=False)


def _run(path, tmp_path):
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    nb = nbformat.read(copy, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    return nb


def _errors(nb):
    return [(c.metadata.get("nbgrader", {}).get("grade_id"), o.get("ename"))
            for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]


def test_solutions_notebook_runs_clean(tmp_path):
    nb = _run(SOLUTIONS_DIR / "ch05" / "ch05.ipynb", tmp_path)
    assert _errors(nb) == []
    outro = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
    assert outro.count("Not yet") == 0 and "Your numbers have the right form" in outro
    tests = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")
             and c.cell_type == "code"]
    assert len(tests) == 6
    for cell in tests:  # outside grading, hand_in only says when answers are recorded
        text = "".join(o.get("text", "") for o in cell.outputs)
        assert "recorded when the notebook is graded" in text


def test_exercise_runs_and_reports_unfinished_tasks(tmp_path):
    nb = _run(EXERCISES_DIR / "ch05" / "ch05.ipynb", tmp_path)
    errors = _errors(nb)
    answers = [e for e in errors if e[0] and e[0].endswith("_answer")]
    assert {e[1] for e in answers} == {"NotImplementedError"}
    # the quiz and the numbers cells raise; functions raise when called
    assert sorted(a[0] for a in answers) == ["ch05_q5_answer", "ch05_q6_answer"]
    tests = {gid for gid, _ in errors if gid and not gid.endswith("_answer")}
    assert tests == {f"ch05_q{k}" for k in range(1, 7)}


def test_exercise_without_a_student_id_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.delenv("CRM_STUDENT_ID")
    nb = _run(EXERCISES_DIR / "ch05" / "ch05.ipynb", tmp_path)
    cell = next(c for c in nb.cells if "STUDENT_ID = " in c.source)
    error = next(o for o in cell.outputs if o.output_type == "error")
    assert error.ename == "ValueError" and "set STUDENT_ID to your student id" in error.evalue


def test_scaffolds_alone_earn_nothing_but_run(tmp_path):
    """The released scaffolds run (their given lines are valid code) and pass no check."""
    nb = _run(EXERCISES_DIR / "ch05" / "ch05.ipynb", tmp_path)
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if gid.endswith("_answer"):
            errors = [o.get("ename") for o in cell.outputs if o.output_type == "error"]
            assert errors in ([], ["NotImplementedError"]), (gid, errors)
    outro = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
    assert "Correct!" not in outro
