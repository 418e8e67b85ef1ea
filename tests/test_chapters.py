"""What every chapter's exercise must hold, checked the same way for all of them.

The tests find the chapters by themselves: every assignment with a solutions
notebook (``solutions/chNN/chNN.ipynb``, and the capstone's) is checked, so a new
chapter is covered without editing this file. The capstone is a project, not a
chapter: it has no quiz, and its demo students have names of their own.

* the exercise has the parts the chapter standard asks for (ids and points
  agreeing with the solutions notebook are checked in ``test_release``);
* every named edge case is in every student's hidden cases, under stable names
  with a description;
* the reference earns full points; the small demo class's answers
  (``DEMO`` in the reference module) earn less, the wrong ones least;
* the solutions notebook runs clean and the released exercise runs and earns
  nothing (slow: kernels).
"""

from __future__ import annotations

import shutil

import nbformat
import pytest
from nbclient import NotebookClient

from autograder import chapterdemo
from autograder.coursedir import EXERCISES_DIR, SOLUTIONS_DIR, available_assignments
from autograder.hidden import DEFAULT_SEED, verify
from autograder.reference import load

CHAPTERS = [a for a in available_assignments() if a.startswith("ch") or a == "capstone"]
SEEDS = [*range(8), *(f"s{i:03d}" for i in range(8)), "学生_01", "李雷 Li Lei", ""]


def _cells(assignment: str, folder=SOLUTIONS_DIR):
    nb = nbformat.read(folder / assignment / f"{assignment}.ipynb", as_version=4)
    return nb.cells


def _graded(cells) -> dict[str, nbformat.NotebookNode]:
    return {c.metadata["nbgrader"]["grade_id"]: c for c in cells
            if c.metadata.get("nbgrader", {}).get("grade")}


def _local(func):
    """The function as if a student had written it in the notebook."""
    def answer(*args, **kwargs):
        return func(*args, **kwargs)
    return answer


def _reference_answer(question):
    if question.kind == "quiz":
        return dict(question.key)
    if question.kind == "numbers":
        return question.expected(DEFAULT_SEED)
    return _local(question.reference)


def test_chapters_are_found():
    assert "ch05" in CHAPTERS
    chapters = [a for a in CHAPTERS if a.startswith("ch")]
    assert chapters == sorted(chapters)


@pytest.mark.parametrize("assignment", CHAPTERS)
def test_exercise_has_what_the_chapter_standard_asks(assignment):
    ref = load(assignment)
    kinds = [q.kind for q in ref.QUESTIONS.values()]
    assert kinds.count("function") >= 3, "at least three coding tasks"
    if assignment.startswith("ch"):  # the capstone project has no quiz
        assert kinds.count("quiz") >= 1 and len(ref.QUIZ_KEY) >= 6, "a quiz of six items or more"
        assert set(ref.QUIZ_ITEMS) == set(ref.QUIZ_KEY), "every quiz item is described"
    assert kinds.count("numbers") >= 1, "a task on the student's own generated data"
    answers = {c.metadata["nbgrader"]["grade_id"] for c in _cells(assignment)
               if c.metadata.get("nbgrader", {}).get("solution") and c.cell_type == "code"}
    assert answers == {f"{qid}_answer" for qid in ref.QUESTIONS}


@pytest.mark.parametrize("assignment", CHAPTERS)
def test_every_function_question_names_edge_cases_present_for_every_student(assignment):
    for qid, question in load(assignment).QUESTIONS.items():
        if question.kind != "function":
            continue
        assert question.edges, f"{qid} names no edge case"
        for seed in SEEDS:
            names = [c.name for c in question.cases(seed)]
            missing = set(question.edges) - set(names)
            assert not missing, f"{qid}: seed {seed!r} lacks {sorted(missing)}"


@pytest.mark.parametrize("assignment", CHAPTERS)
def test_cases_have_stable_names_and_descriptions(assignment):
    for qid, question in load(assignment).QUESTIONS.items():
        if question.kind != "function":
            continue
        names = [c.name for c in question.cases("s001")]
        assert len(set(names)) == len(names), qid
        assert names == [c.name for c in question.cases("s002")], qid
        for case in question.cases("s001"):
            assert case.description and len(case.description) < 100, (qid, case.name)


@pytest.mark.parametrize("assignment", CHAPTERS)
def test_hidden_inputs_differ_between_students(assignment):
    for qid, question in load(assignment).QUESTIONS.items():
        if question.kind == "function":
            one, other = question.cases("s001"), question.cases("s002")
            assert repr([c.args for c in one]) != repr([c.args for c in other]), qid
        elif question.kind == "numbers":
            assert question.expected("s001") != question.expected("s002"), qid


@pytest.mark.parametrize("assignment", CHAPTERS)
def test_reference_earns_full_points(assignment):
    for qid, question in load(assignment).QUESTIONS.items():
        assert verify(qid, _reference_answer(question), quiet=True) == question.points, qid


@pytest.mark.parametrize("assignment", CHAPTERS)
def test_numbers_of_another_student_fail(assignment):
    for qid, question in load(assignment).QUESTIONS.items():
        if question.kind == "numbers":
            theirs = question.expected("s002")
            assert verify(qid, theirs, seed="s001", quiet=True) < question.points, qid


@pytest.mark.parametrize("assignment", CHAPTERS)
def test_demo_answers_are_well_formed(assignment):
    demo = load(assignment).DEMO
    assert set(demo) == {"partly", "wrong"}
    right = chapterdemo.answers(assignment, "right")
    partly, wrong = (chapterdemo.answers(assignment, k) for k in ("partly", "wrong"))
    assert partly != right and wrong != right
    functions = {f"{qid}_answer" for qid, q in load(assignment).QUESTIONS.items()
                 if q.kind == "function"}
    assert functions <= set(demo["wrong"]), "every function is wrong in DEMO['wrong']"


@pytest.mark.slow
@pytest.mark.parametrize("assignment", CHAPTERS)
def test_demo_answers_earn_in_order(assignment):
    full = chapterdemo.auto_max(assignment)
    got = {kind: sum(chapterdemo.expected_points(assignment, sid, kind).values())
           for sid, kind in chapterdemo.kinds(assignment).items()}
    assert got["right"] == pytest.approx(full)
    assert got["wrong"] < got["partly"] < full, got


# ---------------------------------------------------------------- notebooks in a kernel


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


@pytest.fixture
def _student(monkeypatch):
    """As when graded: the kernel knows whose notebook it runs."""
    monkeypatch.setenv("CRM_STUDENT_ID", "s001")
    monkeypatch.delenv("CRM_GRADING_DIR", raising=False)


@pytest.mark.slow
@pytest.mark.usefixtures("_student")
@pytest.mark.parametrize("assignment", [  # chapter 5: test_solutions
    pytest.param(a, marks=pytest.mark.xdist_group(f"solutions-{a}")) for a in CHAPTERS
    if a != "ch05"])
def test_solutions_run_clean_and_exercise_earns_nothing(assignment, tmp_path):
    ref = load(assignment)
    solved = _run(SOLUTIONS_DIR / assignment / f"{assignment}.ipynb", tmp_path)
    assert _errors(solved) == []
    for qid, cell in _graded(solved.cells).items():
        if qid in ref.QUESTIONS:  # outside grading, hand_in only says when answers count
            text = "".join(o.get("text", "") for o in cell.outputs)
            assert "recorded when the notebook is graded" in text, qid
    (tmp_path / "ex").mkdir()
    released = _run(EXERCISES_DIR / assignment / f"{assignment}.ipynb", tmp_path / "ex")
    errors = _errors(released)
    answer_errors = {e[1] for e in errors if e[0] and e[0].endswith("_answer")}
    assert answer_errors <= {"NotImplementedError"}, errors
    failing_tests = {gid for gid, _ in errors if gid and not gid.endswith("_answer")}
    assert failing_tests == set(ref.QUESTIONS), "every test cell fails on the bare exercise"
