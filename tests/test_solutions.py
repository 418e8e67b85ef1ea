"""The solutions notebook earns full marks; the released exercise runs and earns nothing."""

from __future__ import annotations

import shutil

import nbformat
import pytest
from nbclient import NotebookClient

from autograder.coursedir import EXERCISES_DIR, SOLUTIONS_DIR

pytestmark = pytest.mark.slow


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
    results = [o for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")
               for o in c.outputs if o.output_type == "execute_result"]
    points = [float(o.data["text/plain"]) for o in results]
    assert points == [3.0, 3.0, 2.0, 2.0, 2.0]


def test_exercise_runs_and_reports_unfinished_tasks(tmp_path):
    nb = _run(EXERCISES_DIR / "ch05" / "ch05.ipynb", tmp_path)
    errors = _errors(nb)
    answers = [e for e in errors if e[0] and e[0].endswith("_answer")]
    assert {e[1] for e in answers} == {"NotImplementedError"}
    assert len(answers) == 1  # only the quiz cell raises; functions raise when called
    tests = {gid for gid, _ in errors if gid and not gid.endswith("_answer")}
    assert tests == {f"ch05_q{k}" for k in range(1, 6)}
