"""A class on JupyterHub, end to end: release, fetch, edit, submit, grade, feedback.

``crm-course hub`` runs for real on loopback (JupyterHub, configurable-http-proxy,
the grading service, students' servers in their bubblewrap view with the
students' environment). Two students go through nbgrader's Assignments panel
API; the instructor releases and the service grades. Run once with the SQLite
gradebook (grading on demand) and once with PostgreSQL (grading automatically
when the submissions arrive).
"""

from __future__ import annotations

import time

import nbformat
import pgkit
import pytest
from hubkit import STUDENT_ENV, start_hub

from autograder.demo import WRITTEN, WRITTEN_ID, WRONG, _fill, _solution_code, honest_points

postgres_server, postgres = pgkit.postgres_server, pgkit.postgres  # fixtures

pytestmark = [pytest.mark.slow]

STUDENTS = ("alice", "bob")


@pytest.fixture(scope="module")
def student_env():
    from autograder.hub.studentenv import build_env

    return build_env(STUDENT_ENV)


def _answers(student: str) -> dict[str, str]:
    if student == "alice":  # right answers and a written recommendation to grade by hand
        return {**_solution_code(), WRITTEN_ID: WRITTEN["good"]}
    return dict(WRONG)


def _edit(hub, student: str) -> None:
    """The student writes their answers into the fetched notebook and saves it."""
    model = hub.contents(student, "ch05/ch05.ipynb")
    nb = nbformat.from_dict(model["content"])
    hub.put_notebook(student, "ch05/ch05.ipynb", _fill(nb, _answers(student)))


def _wait_feedback(hub, student: str, timeout: float) -> dict:
    """fetch_feedback until the page arrives; return the assignment's listing."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        listing = hub.assignments(student, "fetch_feedback", assignment_id="ch05")
        for entry in listing:
            if entry["assignment_id"] == "ch05":
                done = [s for s in entry.get("submissions", []) if s.get("has_local_feedback")]
                if done:
                    return done[-1]
        time.sleep(2)
    raise AssertionError(f"no feedback for {student}:\n{hub.tail()}")


def _scores(db_url: str) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(db_url) as gb:
        return {s: round(gb.find_submission("ch05", s).score, 2) for s in STUDENTS}


def cycle(hub, *, automatic: bool) -> float:
    """Release to feedback for two students; return the seconds it took."""
    start = time.perf_counter()
    r = hub.service("POST", "api/release/ch05", "teacher")
    assert r.status_code == 200, r.text
    for student in STUDENTS:
        hub.start_server(student)
        listed = hub.assignments(student)
        assert [a["status"] for a in listed if a["assignment_id"] == "ch05"] == ["released"]
        hub.assignments(student, "fetch", assignment_id="ch05")
        _edit(hub, student)
        hub.assignments(student, "submit", assignment_id="ch05")
    if not automatic:
        r = hub.service("POST", "api/grade/ch05", "teacher")
        assert r.status_code == 200, r.text
        report = r.json()
        assert sorted(report["collected"]) == list(STUDENTS)
        assert sorted(report["feedback"]) == list(STUDENTS)
    pages = {s: _wait_feedback(hub, s, timeout=600) for s in STUDENTS}
    elapsed = time.perf_counter() - start
    for student, entry in pages.items():
        feedback = entry["local_feedback_path"]
        text = str(hub.contents(student, f"{feedback}/ch05.html")["content"])
        assert "<title>ch05</title>" in text and "rfm_table" in text, text[:300]
        assert "BEGIN HIDDEN TESTS" not in text and "hand_in(" not in text
    return elapsed


def _check_gradebook(hub, db_url: str) -> None:
    scores = _scores(db_url)
    expected = {s: honest_points(_answers(s), s) for s in STUDENTS}
    assert scores == expected, (scores, expected)
    assert scores["alice"] == 16.0 > scores["bob"]


def _check_student_holds_no_answers(hub) -> None:
    from autograder.coursedir import REPO_ROOT

    probe = f"""
import importlib, os
for name in ("autograder", "autograder.reference.ch05"):
    try:
        importlib.import_module(name)
        print("IMPORTED", name)
    except ImportError as exc:
        print("no", name)
for path in ({str(REPO_ROOT / 'solutions' / 'ch05' / 'ch05.ipynb')!r},
             {str(REPO_ROOT / 'autograder' / 'reference' / 'ch05.py')!r},
             {str(hub.root / 'grading')!r}, {str(hub.root / 'homes' / 'bob')!r}):
    try:
        open(path).read() if not os.path.isdir(path) else os.listdir(path)
        print("READ", path)
    except OSError as exc:
        print("no", type(exc).__name__)
import course, course.check.ch05
print("course ok", os.getuid() != 0)
"""
    out = hub.run_code("alice", probe)
    assert "IMPORTED" not in out and "READ" not in out, out
    assert out.count("no ") == 6 and "course ok True" in out, out


def _check_instructor_side(hub) -> None:
    """The formgrader (its own tab) sees both graded submissions; students cannot grade."""
    hub.start_server("teacher")
    r = hub.server("GET", "teacher", "formgrader/api/submitted_notebooks/ch05/ch05")
    assert r.status_code == 200, r.text[:300]
    notebooks = {nb["student"]: nb for nb in r.json()}
    assert sorted(notebooks) == list(STUDENTS)
    assert notebooks["alice"]["needs_manual_grade"]  # the written task waits for a person
    page = hub.server("GET", "teacher", f"formgrader/submissions/{notebooks['alice']['id']}/")
    assert page.status_code == 200 and "rfm_table" in page.text
    page = hub.service("GET", "", "teacher")
    assert page.status_code == 200 and "/user/teacher/formgrader" in page.text
    assert 'target="_blank"' in page.text
    for path in ("api/status", "api/grade/ch05"):
        method = "GET" if path == "api/status" else "POST"
        assert hub.service(method, path, "alice").status_code == 403
    assert hub.server("GET", "teacher", "api/contents", headers={
        "Authorization": f"token {hub.tokens['alice']}"}).status_code in (403, 404)


def test_class_on_sqlite_graded_on_demand(tmp_path, student_env, record_property):
    hub = start_hub(tmp_path / "hub", poll=0, chinese=["bob"])
    try:
        hub.add_users("alice", "bob", "teacher")
        seconds = cycle(hub, automatic=False)
        record_property("release_to_feedback_seconds", round(seconds, 1))
        print(f"\nrelease to feedback, two students, SQLite, on demand: {seconds:.1f} s")
        _check_gradebook(hub, f"sqlite:///{hub.root / 'grading' / 'gradebook.db'}")
        _check_student_holds_no_answers(hub)
        _check_instructor_side(hub)
        # bob's course is in Chinese: the lectures and JupyterLab's language.
        assert hub.contents("bob", "lectures/ch05_identification.ipynb")
        out = hub.run_code("bob", "import os; print(os.environ['CRM_COURSE_LANG'])")
        assert out.strip() == "zh"
    finally:
        hub.stop()


def test_class_on_postgresql_graded_automatically(tmp_path, student_env, postgres,
                                                  record_property):
    hub = start_hub(tmp_path / "hub", poll=2, db=postgres)
    try:
        hub.add_users("alice", "bob", "teacher")
        seconds = cycle(hub, automatic=True)
        record_property("release_to_feedback_seconds", round(seconds, 1))
        print(f"\nrelease to feedback, two students, PostgreSQL, automatic: {seconds:.1f} s")
        _check_gradebook(hub, postgres)
    finally:
        hub.stop()
