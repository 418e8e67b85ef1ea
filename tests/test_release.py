"""exercises/ is generated from solutions/ by nbgrader, is fresh, and leaks nothing."""

from __future__ import annotations

import json

import nbformat
import pytest

from autograder.coursedir import EXERCISES_DIR, SOLUTIONS_DIR, available_assignments
from autograder.reference import load
from autograder.release import build_release

pytestmark = pytest.mark.slow

SECRETS = ("### BEGIN SOLUTION", "### END SOLUTION", "### BEGIN HIDDEN TESTS", "hand_in",
           "autograder")


def _comparable(nb):
    """Cells as students see them: type, source and nbgrader metadata."""
    return [(c.cell_type, c.source, json.dumps(c.metadata.get("nbgrader"), sort_keys=True))
            for c in nb.cells]


@pytest.mark.parametrize("assignment", available_assignments())
def test_release_is_fresh(assignment, tmp_path):
    built = build_release(assignment, tmp_path)
    fresh = nbformat.read(built / f"{assignment}.ipynb", as_version=4)
    shipped = nbformat.read(EXERCISES_DIR / assignment / f"{assignment}.ipynb", as_version=4)
    assert _comparable(shipped) == _comparable(fresh), (
        f"exercises/{assignment} is stale: run `crm-course release {assignment}`")
    assert sorted(p.name for p in (EXERCISES_DIR / assignment).iterdir()) == sorted(
        p.name for p in built.iterdir())


@pytest.mark.parametrize("assignment", available_assignments())
def test_release_leaks_no_solution_or_hidden_test(assignment):
    for path in (EXERCISES_DIR / assignment).rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            for secret in SECRETS:
                assert secret not in text, f"{path.name} contains {secret!r}"


def test_quiz_key_is_not_in_the_release():
    shipped = (EXERCISES_DIR / "ch05" / "ch05.ipynb").read_text(encoding="utf-8")
    key = load("ch05").QUIZ_KEY
    assert json.dumps(key) not in shipped
    assert '"1": "b", "2": "b"' not in shipped


@pytest.mark.parametrize("assignment", available_assignments())
def test_points_and_ids_agree_with_reference(assignment):
    nb = nbformat.read(SOLUTIONS_DIR / assignment / f"{assignment}.ipynb", as_version=4)
    tests = {c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"]["points"]
             for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")}
    questions = load(assignment).QUESTIONS
    assert tests == {qid: q.points for qid, q in questions.items()}
    answers = {c.metadata["nbgrader"]["grade_id"] for c in nb.cells
               if c.metadata.get("nbgrader", {}).get("solution")}
    assert answers == {f"{qid}_answer" for qid in questions}
    for qid, q in questions.items():
        cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == qid)
        assert f'hand_in("{qid}", {q.name})' in cell.source
        assert f"{qid.split('_')[0]}.{qid.split('_')[1]}.assert_passes({q.name})" in cell.source
