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


@pytest.mark.parametrize("assignment", available_assignments())
def test_quiz_key_and_rubric_are_not_in_the_release(assignment):
    shipped = (EXERCISES_DIR / assignment / f"{assignment}.ipynb").read_text(encoding="utf-8")
    key = getattr(load(assignment), "QUIZ_KEY", None)  # the capstone has no quiz
    if key is not None:
        assert json.dumps(key) not in shipped
        assert json.dumps(json.dumps(key)[1:-1])[1:-1] not in shipped  # as notebook JSON text
    for secret in ("Model answer", "参考答案", "Rubric", "评分标准", "| criterion"):
        assert secret not in shipped, secret


def _cells(path):
    nb = nbformat.read(path, as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("solution")}


@pytest.mark.parametrize("assignment", available_assignments())
def test_every_answer_cell_has_a_scaffold(assignment):
    """Steps as comments and first lines given, then the stub; the solution continues them."""
    shipped = _cells(EXERCISES_DIR / assignment / f"{assignment}.ipynb")
    source = _cells(SOLUTIONS_DIR / assignment / f"{assignment}.ipynb")
    for gid, cell in shipped.items():
        if cell.cell_type != "code":
            continue
        given, stub, _ = cell.source.partition("# YOUR CODE HERE")
        assert stub and cell.source.rstrip().endswith("raise NotImplementedError()"), gid
        lines = [line.strip() for line in given.splitlines() if line.strip()]
        comments = [line for line in lines if line.startswith("#")]
        code = [line for line in lines if not line.startswith(("#", "def ", '"""'))]
        assert len(comments) >= 1 and code, f"{gid} has no scaffold"
        # the instructor's cell is the scaffold followed by the full answer
        assert source[gid].source.startswith(given.rstrip(" ")), gid
        assert "### BEGIN SOLUTION" in source[gid].source


WRITTEN = [(a, qid) for a in available_assignments() for qid in getattr(load(a), "MANUAL", {})]


@pytest.mark.parametrize("assignment, qid", WRITTEN)
def test_every_written_task_is_a_manually_graded_answer_with_a_rubric(assignment, qid):
    shipped = _cells(EXERCISES_DIR / assignment / f"{assignment}.ipynb")[qid]
    source = _cells(SOLUTIONS_DIR / assignment / f"{assignment}.ipynb")[qid]
    for cell in (shipped, source):
        meta = cell.metadata["nbgrader"]
        assert cell.cell_type == "markdown"
        assert meta["solution"] and meta["grade"] and not meta["locked"]
        assert meta["points"] == load(assignment).MANUAL[qid]
    assert "YOUR ANSWER HERE" in shipped.source
    for words in ("Rubric / 评分标准", "参考答案（仅教师版）"):
        assert words in source.source, words
        assert words not in shipped.source, words


def test_the_written_task_is_a_manually_graded_answer():
    shipped = _cells(EXERCISES_DIR / "ch05" / "ch05.ipynb")["ch05_q7"]
    source = _cells(SOLUTIONS_DIR / "ch05" / "ch05.ipynb")["ch05_q7"]
    for cell in (shipped, source):
        meta = cell.metadata["nbgrader"]
        assert cell.cell_type == "markdown"
        assert meta["solution"] and meta["grade"] and not meta["locked"]
        assert meta["points"] == load("ch05").MANUAL["ch05_q7"]
    assert "YOUR ANSWER HERE" in shipped.source
    # the rubric: three criteria, three levels, points, in both languages
    rubric = source.source
    for words in ("Rubric / 评分标准", "1 point / 1 分", "0.5 point / 0.5 分", "0 points / 0 分",
                  "Who first / 先给谁打", "What to offer / 挽回方案",
                  "What RFM cannot tell / RFM 的局限"):
        assert words in rubric, words
    model = rubric.split("(instructor's version only) / 参考答案（仅教师版）.*")[1].split("(1")[0]
    assert 100 <= len(model.split()) <= 150


@pytest.mark.parametrize("assignment", available_assignments())
def test_points_and_ids_agree_with_reference(assignment):
    nb = nbformat.read(SOLUTIONS_DIR / assignment / f"{assignment}.ipynb", as_version=4)
    tests = {c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"]["points"]
             for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")}
    reference = load(assignment)
    questions = reference.QUESTIONS
    manual = getattr(reference, "MANUAL", {})
    assert tests == {**{qid: q.points for qid, q in questions.items()}, **manual}
    answers = {c.metadata["nbgrader"]["grade_id"] for c in nb.cells
               if c.metadata.get("nbgrader", {}).get("solution")}
    # an auto-graded task has an answer cell and a test cell; a manual one is both at once
    assert answers == {f"{qid}_answer" for qid in questions} | set(manual)
    for qid, q in questions.items():
        cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == qid)
        assert f'hand_in("{qid}", {q.name})' in cell.source
        assert f"{qid.split('_')[0]}.{qid.split('_')[1]}.assert_passes({q.name})" in cell.source


def test_the_exercises_page_is_fresh():
    from autograder import tasktable

    assert tasktable.PAGE.read_text(encoding="utf-8") == tasktable.page(), (
        "docs/exercises.md is stale: run `crm-course tasks --write`")
