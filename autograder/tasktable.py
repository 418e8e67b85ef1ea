"""The graded tasks of every exercise as a Markdown page, made from the reference modules.

``docs/exercises.md`` is this page: each chapter's tasks, what the student
writes, the points, how each is graded and the named edge cases every student's
hidden inputs hold. It is generated (``crm-course tasks --write``) so that it
never disagrees with ``autograder/reference/chNN.py``; a test checks it is fresh.

Examples
--------
>>> print(chapter_table("ch05").splitlines()[0])
### ch05
"""

from __future__ import annotations

import inspect
from pathlib import Path

from autograder.coursedir import REPO_ROOT, available_assignments
from autograder.reference import load

PAGE = REPO_ROOT / "docs" / "exercises.md"

_HEADER = """# The graded exercises

Generated from `autograder/reference/chNN.py` by `crm-course tasks --write`; do not
edit by hand (a test checks the page is fresh). For each task: what the student
writes in the answer cell, its points, how it is graded, and the named edge cases
that are in every student's hidden inputs (`Question.edges`, checked for many
student ids by `tests/test_chapters.py`). Each case has a stable name, shown in
the student's feedback, and a one-line description for item analysis.
"""


def _answer(question) -> str:
    if question.kind == "function" and question.reference is not None:
        sig = inspect.signature(question.reference)
        plain = sig.replace(return_annotation=inspect.Signature.empty, parameters=[
            p.replace(annotation=inspect.Parameter.empty) for p in sig.parameters.values()])
        params = str(plain)
        return f"`{question.name}{params}`"
    return f"`{question.name}`"


def _graded(question) -> str:
    if question.kind == "quiz":
        return f"automatically, {len(question.key)} items"
    if question.kind == "numbers":
        return "automatically, the student's own numbers"
    return f"automatically, {len(question.cases('s001'))} cases"


def chapter_table(assignment: str) -> str:
    """One chapter's tasks as a Markdown section."""
    ref = load(assignment)
    rows = [f"### {assignment}", "",
            "| task | answer | points | graded | named edge cases (hidden, for every student) |",
            "|---|---|---|---|---|"]
    for qid, q in ref.QUESTIONS.items():
        edges = ", ".join(q.edges) if q.edges else "-"
        rows.append(f"| {qid} | {_answer(q)} | {q.points:g} | {_graded(q)} | {edges} |")
    manual = getattr(ref, "MANUAL", {})
    for qid, points in manual.items():
        rows.append(f"| {qid} | a written answer | {points:g} | **by hand** in nbgrader's "
                    f"formgrader, rubric in `solutions/{assignment}/{assignment}.ipynb` | - |")
    auto = sum(q.points for q in ref.QUESTIONS.values())
    total = auto + sum(manual.values())
    rows += ["", f"Maximum {total:g}: {auto:g} automatic, {sum(manual.values()):g} by hand.", ""]
    return "\n".join(rows)


def page() -> str:
    """The whole page: every assignment with a solutions notebook."""
    return "\n".join([_HEADER, *(chapter_table(a) for a in available_assignments())])


def write(path: str | Path = PAGE) -> Path:
    """Write :func:`page` to ``path`` (default ``docs/exercises.md``) and return it."""
    path = Path(path)
    path.write_text(page(), encoding="utf-8")
    return path
