"""Item analysis of a graded class: what the class got wrong, task by task and case by case.

From the rows of a grading run (:class:`autograder.worker.StudentResult`,
which keep each hidden case's outcome and each quiz answer):

* :func:`task_summary`: each task's mean, median, share with full and with no marks;
* :func:`failed_cases`: each hidden case's failure rate among the students whose
  function ran on it, with the reference module's description of what the case
  checks (each generated ``Case``'s ``description``, and ``QUIZ_ITEMS`` for a quiz, in
  ``autograder/reference/<assignment>.py``), so that
  "ties at a bin edge share one score: 41 % fail" shows a misconception;
* :func:`quiz_items`: each quiz item's difficulty (share right), discrimination
  (correlation of the item with the rest of the score) and most common wrong answer.

Only students whose notebook was graded count (not ``missing``, ``unreadable``,
``unknown`` or ``ambiguous`` rows).

Examples
--------
>>> from autograder.worker import StudentResult
>>> rows = [StudentResult("a", "a", score=3, questions={"q": 3.0},
...                       cases={"q": {"ties": False, "empty": True}}),
...         StudentResult("b", "b", score=1, questions={"q": 1.0},
...                       cases={"q": {"ties": False, "empty": False}})]
>>> top = failed_cases(rows, {"q": {"ties": "ties at a bin edge"}}).iloc[0]
>>> top["description"], int(top["failed"]), float(top["rate"])
('ties at a bin edge', 2, 1.0)
"""

from __future__ import annotations

import pandas as pd

from autograder.worker import StudentResult

NOT_GRADED = {"missing", "unreadable", "unknown", "ambiguous"}


def graded(rows: list[StudentResult]) -> list[StudentResult]:
    """The rows whose notebook was run and scored."""
    return [r for r in rows if r.status not in NOT_GRADED]


def task_summary(rows: list[StudentResult], max_points: dict[str, float]) -> pd.DataFrame:
    """One row per task: students, mean, median, share with full marks and with zero.

    Examples
    --------
    >>> from autograder.worker import StudentResult
    >>> rows = [StudentResult("a", "a", questions={"q1": 2.0}),
    ...         StudentResult("b", "b", questions={"q1": 0.0})]
    >>> task_summary(rows, {"q1": 2.0}).loc["q1", ["mean", "full", "zero"]].tolist()
    [1.0, 0.5, 0.5]
    """
    scores = pd.DataFrame([r.questions for r in graded(rows)], columns=list(max_points))
    table = pd.DataFrame({
        "points": pd.Series(max_points, dtype="float64"),
        "students": scores.count(),
        "mean": scores.mean(),
        "median": scores.median(),
        "full": (scores >= pd.Series(max_points) - 1e-9).mean(),
        "zero": (scores <= 1e-9).mean(),
    })
    table.index.name = "task"
    return table


def failed_cases(rows: list[StudentResult],
                 descriptions: dict[str, dict[str, str]] | None = None) -> pd.DataFrame:
    """Every hidden case (and quiz item, and number) with how many students failed it.

    Sorted by failure rate, highest first. Columns: ``task``, ``case``,
    ``description``, ``failed``, ``students``, ``rate``.
    """
    descriptions = descriptions or {}
    records = []
    for r in graded(rows):
        for qid, outcome in r.cases.items():
            for case, ok in outcome.items():
                records.append((qid, case, bool(ok)))
    if not records:
        return pd.DataFrame(columns=["task", "case", "description", "failed", "students",
                                     "rate"])
    frame = pd.DataFrame(records, columns=["task", "case", "ok"])
    table = (frame.assign(failed=~frame["ok"]).groupby(["task", "case"], sort=False)
             .agg(failed=("failed", "sum"), students=("ok", "size")).reset_index())
    table["rate"] = table["failed"] / table["students"]
    table["description"] = [descriptions.get(t, {}).get(c, c)
                            for t, c in zip(table["task"], table["case"], strict=True)]
    table = table.sort_values(["rate", "task", "case"], ascending=[False, True, True],
                              kind="stable")
    return table[["task", "case", "description", "failed", "students", "rate"]].reset_index(
        drop=True)


def quiz_items(rows: list[StudentResult], qid: str, points: float) -> pd.DataFrame:
    """Difficulty, discrimination and the most common wrong answer of each quiz item.

    Difficulty is the share of students who got the item right. Discrimination
    is the correlation (point-biserial) between getting the item right and the
    rest of the student's total score (the total less this item's points): near
    0 or negative, the item does not separate stronger from weaker students.

    Examples
    --------
    >>> from autograder.worker import StudentResult
    >>> rows = [StudentResult(s, s, score=t, cases={"q": {"1": ok}}, choices={"q": {"1": c}})
    ...         for s, t, ok, c in [("a", 10, True, "b"), ("b", 9, True, "b"),
    ...                             ("c", 2, False, "a"), ("d", 1, False, "a")]]
    >>> row = quiz_items(rows, "q", points=1).iloc[0]
    >>> float(row["difficulty"]), round(float(row["discrimination"]), 2), row["common_wrong"]
    (0.5, 0.99, 'a (100 % of wrong answers)')
    """
    students = [r for r in graded(rows) if qid in r.cases]
    items = sorted({i for r in students for i in r.cases[qid]}, key=lambda s: (len(s), s))
    out = []
    for item in items:
        right = pd.Series([float(r.cases[qid].get(item, False)) for r in students])
        each = points / max(len(items), 1)
        rest = pd.Series([r.score - each * right.iloc[k] for k, r in enumerate(students)])
        disc = right.corr(rest) if right.nunique() > 1 and rest.nunique() > 1 else float("nan")
        wrong = pd.Series([r.choices.get(qid, {}).get(item, "") or "(blank)"
                           for k, r in enumerate(students) if not right.iloc[k]])
        common = ""
        if len(wrong):
            counts = wrong.value_counts()
            share = 100 * counts.iloc[0] / len(wrong)
            common = f"{counts.index[0]} ({share:.0f} % of wrong answers)"
        out.append({"item": item, "students": len(students), "difficulty": right.mean(),
                    "discrimination": disc, "common_wrong": common})
    return pd.DataFrame(out, columns=["item", "students", "difficulty", "discrimination",
                                      "common_wrong"])
