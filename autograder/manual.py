"""Tasks graded by hand: what ``crm-course grade`` leaves for the instructor.

A written task is an nbgrader *manually graded answer*: a markdown cell with
``solution: true``, ``grade: true`` and points (chapter 5's ``ch05_q7``). The
autograder never scores it. After ``crm-course grade`` each such cell of a
submission is in one of three states, read from nbgrader's gradebook:

===========  ==================================================================
``pending``  the student wrote something; nobody has graded it yet
             (``auto_score`` and ``manual_score`` both empty). Not a zero: the
             row says how many points are still to be given.
``blank``    the answer cell is exactly as released (nbgrader's checksum rule
             gives it 0 automatically, as ``nbgrader autograde`` does). The
             instructor can still give points in the formgrader, for example
             when the answer was written in another cell.
``graded``   an instructor gave a manual score (in the formgrader, or through
             :meth:`nbgrader.api.Gradebook` as the formgrader does)
===========  ==================================================================

A student's ``score`` is always what nbgrader's gradebook says: the automatic
points plus any manual scores given so far. ``manual_pending`` is the number of
points still waiting for a person, ``auto_max`` the points the autograder can
give. Regrading (a resumed run, ``--force``) never removes a manual score:
nbgrader's ``SaveAutoGrades`` keeps ``manual_score`` and only marks the cell for
review again.

Examples
--------
>>> from autograder.worker import StudentResult
>>> row = StudentResult("s1", "s1", score=14, manual={"ch05_q7": "pending"},
...                     manual_pending=3, auto_max=16)
>>> score_text(row, 19)
'14/19 (3 to grade by hand)'
>>> cell_text(row, "ch05_q7", 0.0), cell_text(row, "ch05_q1", 3.0)
('pending', '3')
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from autograder.worker import StudentResult

#: What a manually graded cell of one submission is waiting for.
MANUAL_STATES = ("pending", "blank", "graded")


def manual_cells(gb, assignment: str) -> dict[str, float]:
    """The manually graded cells of ``assignment``: grade id -> points.

    These are the grade cells that are solution cells too (an answer graded
    by a person rather than by a test cell).
    """
    found = {}
    for notebook in gb.find_assignment(assignment).notebooks:
        answers = {cell.name for cell in notebook.solution_cells}
        for cell in notebook.grade_cells:
            if cell.name in answers:
                found[cell.name] = float(cell.max_score)
    return found


def grade_state(grade) -> str:
    """``pending``, ``blank`` or ``graded`` for one nbgrader ``Grade`` of a manual cell."""
    if grade.manual_score is not None:
        return "graded"
    if grade.auto_score is None:
        return "pending"
    return "blank"


def update_result(gb, assignment: str, result: StudentResult,
                  manual: dict[str, float], auto_max: float) -> None:
    """Set ``result``'s score, per-task points and manual-grading fields from the gradebook.

    ``manual`` is :func:`manual_cells` of the assignment, ``auto_max`` the
    points the autograder can give. A student without a submission in the
    gradebook (``missing``, ``unreadable``) keeps score 0, nothing pending.
    """
    from nbgrader.api import MissingEntry

    result.auto_max = auto_max
    result.manual, result.manual_pending = {}, 0.0
    if result.status in {"missing", "unreadable"}:
        return
    try:
        sub = gb.find_submission(assignment, result.nbgrader_id)
    except MissingEntry:
        return
    # nbgrader keeps a late penalty beside the score (autograder.late): subtract it.
    penalty = round(sum(float(nb.late_submission_penalty or 0) for nb in sub.notebooks), 2)
    result.raw_score = round(float(sub.score), 2)
    result.penalty = min(penalty, result.raw_score)
    result.score = round(result.raw_score - result.penalty, 2)
    result.questions = {}
    for notebook in sub.notebooks:
        for grade in notebook.grades:
            result.questions[grade.name] = round(float(grade.score), 2)
            if grade.name in manual:
                state = grade_state(grade)
                result.manual[grade.name] = state
                if state == "pending":
                    result.manual_pending += manual[grade.name]
    result.manual_pending = round(result.manual_pending, 2)


def _max_scores(gb, assignment: str) -> dict[str, float]:
    return {cell.name: float(cell.max_score)
            for notebook in gb.find_assignment(assignment).notebooks
            for cell in notebook.grade_cells}


def refresh(gradebook_url: str, assignment: str, rows: list[StudentResult], gb=None) -> None:
    """Bring every row up to date with the gradebook (manual grades given since included).

    ``gb``: an open gradebook to read instead of opening ``gradebook_url``.
    """
    from nbgrader.api import Gradebook

    with contextlib.nullcontext(gb) if gb is not None else Gradebook(gradebook_url) as gb:
        manual = manual_cells(gb, assignment)
        auto_max = round(sum(_max_scores(gb, assignment).values()) - sum(manual.values()), 2)
        for row in rows:
            update_result(gb, assignment, row, manual, auto_max)


def score_text(row: StudentResult, max_score: float) -> str:
    """The score as the end-of-run table and report.html show it."""
    text = f"{row.score:g}/{max_score:g}"
    if row.manual_pending:
        text += f" ({row.manual_pending:g} to grade by hand)"
    return text


def cell_text(row: StudentResult, qid: str, points: float) -> str:
    """One task's cell in grades.csv: its points, or ``pending`` while it waits for a person."""
    return "pending" if row.manual.get(qid) == "pending" else f"{points:g}"


def summary(rows: list[StudentResult]) -> str:
    """``"; 25 with manual grading pending"`` or ``""`` for the summary line."""
    waiting = sum(bool(r.manual_pending) for r in rows)
    return f"; {waiting} with manual grading pending" if waiting else ""


def refresh_course(assignment: str, out: str | Path) -> list[StudentResult]:
    """Rewrite ``grades.csv`` and ``report.html`` of a graded course from its gradebook.

    What ``crm-course export`` runs after the instructor graded the written
    tasks in the formgrader: each row's score becomes the full score (automatic
    plus manual points), and ``manual_pending`` drops to 0 once graded. Rows
    come from the state files of the last ``crm-course grade``, in the order of
    ``grades.csv``.
    """
    from autograder.csvsafe import read_csv
    from autograder.grading import Grader
    from autograder.submissions import nbgrader_id

    grader = Grader(assignment, out, progress=False, log=lambda _: None)
    grader._read_gradebook()
    rows = []
    for line in read_csv(grader.out / "grades.csv"):
        row = grader._load_state(nbgrader_id(line["student_id"]))
        if row is None:  # a row that is no student's (status unknown): kept as it was
            row = StudentResult(
                student_id=line["student_id"], nbgrader_id="", status=line["status"],
                message=line.get("message", ""), name=line.get("name", ""),
                email=line.get("email", ""), lms_id=line.get("lms_id", ""),
                questions=dict.fromkeys(grader.qids, 0.0))
        rows.append(row)
    grader.publish(rows)
    return rows
