"""A small demo class for any chapter: a right, a partly right and a wrong submission.

Chapter 5 has the full demo class of :mod:`autograder.demo` (every kind of
submission and every attack on the grader). Every chapter, chapter 5 included,
also has this small one, built the same way for all of them from

* the released exercise (``exercises/chNN/chNN.ipynb``) as the student gets it,
* the solutions notebook's answer cells (the right submission), and
* the chapter reference module's ``DEMO`` mapping: ``DEMO["partly"]`` and
  ``DEMO["wrong"]`` give answer-cell sources (by ``grade_id``) that replace the
  right ones. Cells ``DEMO["partly"]`` does not name keep the right answer.

Two optional names in the reference module change the defaults (the capstone uses
both): ``DEMO_STUDENTS``, three student ids used instead of :data:`STUDENTS`, in the
same order right, partly, wrong (the capstone's ``ana_strong``, ``bo_average``,
``cy_weak``); and ``DEMO_RIGHT``, answer cells of the right submission that replace
the solution's (a written task's solution cell holds the model answer *and* the
rubric, which no student hands in, so the right submission can carry a memo of its
own). ``DEMO`` may name written tasks' cells (their ``grade_id``, no ``_answer``):
they are graded by hand, so :func:`expected_points` leaves them out. A cell mapped
to None keeps the released source (a written answer left blank).

:func:`expected_points` says what each submission must earn: it runs the
submission's own code cells in this process (the demo's own code, not a
student's) and scores every answer on that student's hidden cases with
:func:`autograder.hidden.verify`. A test grades the class through the real
``crm-course grade`` and compares, so the sandboxed grader and the reference
agree for every chapter.

Examples
--------
>>> STUDENTS
('ada_right', 'ben_partly_right', 'cai_wrong')
>>> "ch05" in chapters()
True
"""

from __future__ import annotations

import contextlib
import copy
import functools
import io
import os
import re
from pathlib import Path

import nbformat

from autograder.coursedir import EXERCISES_DIR, SOLUTIONS_DIR, available_assignments
from autograder.reference import load

#: The demo students, one per kind of submission, in this order: right, partly, wrong.
STUDENTS = ("ada_right", "ben_partly_right", "cai_wrong")
KINDS = dict(zip(STUDENTS, ("right", "partly", "wrong"), strict=True))

_SOLUTION = re.compile(r"^[ \t]*### BEGIN SOLUTION[ \t]*\n(.*?)^[ \t]*### END SOLUTION[ \t]*\n?",
                       re.MULTILINE | re.DOTALL)


def students(assignment: str) -> tuple[str, str, str]:
    """The demo student ids of ``assignment``: its ``DEMO_STUDENTS`` or :data:`STUDENTS`.

    Examples
    --------
    >>> students("ch05") == STUDENTS
    True
    """
    return tuple(getattr(load(assignment), "DEMO_STUDENTS", STUDENTS))


def kinds(assignment: str) -> dict[str, str]:
    """Student id -> kind of submission (``right``, ``partly``, ``wrong``) in ``assignment``.

    Examples
    --------
    >>> kinds("ch05") == KINDS
    True
    """
    return dict(zip(students(assignment), ("right", "partly", "wrong"), strict=True))


def chapters() -> list[str]:
    """Assignments that can have the small demo class: released, with a ``DEMO`` mapping.

    Examples
    --------
    >>> set(chapters()) <= set(available_assignments())
    True
    """
    out = []
    for assignment in available_assignments():
        try:
            module = load(assignment)
        except KeyError:
            continue
        released = EXERCISES_DIR / assignment / f"{assignment}.ipynb"
        if hasattr(module, "DEMO") and released.exists():
            out.append(assignment)
    return out


def solution_answers(assignment: str) -> dict[str, str]:
    """``grade_id`` -> source of every answer cell of the solutions, solution kept.

    Examples
    --------
    >>> sorted(solution_answers("ch05"))[:2]
    ['ch05_q1_answer', 'ch05_q2_answer']
    """
    nb = nbformat.read(SOLUTIONS_DIR / assignment / f"{assignment}.ipynb", as_version=4)
    answers = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            answers[meta["grade_id"]] = _SOLUTION.sub(lambda m: m.group(1), cell.source)
    return answers


def answers(assignment: str, kind: str) -> dict[str, str]:
    """The answer cells of one kind of demo submission (``right``, ``partly``, ``wrong``).

    Raises
    ------
    KeyError
        If the chapter's ``DEMO`` names an answer cell the exercise does not have.

    Examples
    --------
    >>> right = answers("ch05", "right")
    >>> answers("ch05", "wrong")["ch05_q1_answer"] != right["ch05_q1_answer"]
    True
    """
    right = solution_answers(assignment)
    module = load(assignment)
    if kind == "right":
        return {**right, **getattr(module, "DEMO_RIGHT", {})}
    demo = module.DEMO[kind]
    unknown = sorted(set(demo) - set(right))
    if unknown:
        raise KeyError(f"DEMO[{kind!r}] of autograder/reference/{assignment}.py names "
                       f"answer cells the solutions do not have: {unknown}")
    merged = {**right, **demo}
    return {gid: source for gid, source in merged.items() if source is not None}


def _fill(release, sources: dict[str, str]):
    nb = copy.deepcopy(release)
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in sources:
            cell.source = sources[gid]
    return nb


def release(assignment: str):
    """The released exercise notebook of ``assignment``."""
    return nbformat.read(EXERCISES_DIR / assignment / f"{assignment}.ipynb", as_version=4)


def build_class(assignment: str) -> dict[str, nbformat.NotebookNode]:
    """Student id -> submitted notebook, for :func:`students`."""
    shipped = release(assignment)
    return {sid: _fill(shipped, answers(assignment, kind))
            for sid, kind in kinds(assignment).items()}


def write_class(assignment: str, folder: str | Path) -> Path:
    """Write the demo class of ``assignment`` into ``folder``, one sub-folder per student."""
    folder = Path(folder)
    for sid, nb in build_class(assignment).items():
        (folder / sid).mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, folder / sid / f"{assignment}.ipynb")
    return folder


def _is_test_cell(cell) -> bool:
    meta = cell.metadata.get("nbgrader", {})
    return bool(meta.get("grade")) and not meta.get("solution")


def run_code_cells(nb, student_id: str) -> dict:
    """Run the code cells of ``nb`` but its test cells, in this process, as ``student_id``.

    Cells run in order in one namespace, as a kernel would run them, with the
    student id in ``CRM_STUDENT_ID`` and matplotlib on its non-interactive
    backend; output is swallowed and a cell that raises is skipped, like a
    notebook graded with errors allowed. Only for the demo's own code.
    """
    saved = {k: os.environ.get(k) for k in ("CRM_STUDENT_ID", "MPLBACKEND")}
    os.environ["CRM_STUDENT_ID"] = student_id
    os.environ["MPLBACKEND"] = "Agg"
    namespace: dict = {"__name__": "__main__"}
    try:
        for cell in nb.cells:
            if cell.cell_type != "code" or _is_test_cell(cell):
                continue
            if cell.source.lstrip().startswith(("%", "!")):
                continue
            with contextlib.redirect_stdout(io.StringIO()), \
                    contextlib.redirect_stderr(io.StringIO()), \
                    contextlib.suppress(Exception):
                exec(compile(cell.source, f"<{student_id} cell>", "exec"),  # noqa: S102
                     namespace)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return namespace


@functools.cache
def expected_points(assignment: str, student_id: str, kind: str | None = None) -> dict[str, float]:
    """Question id -> points the demo submission of ``kind`` must earn for ``student_id``.

    Written tasks (graded by hand) are not included. Cached: the answers come from
    the repository's own files, which do not change while a process runs.
    """
    from autograder.hidden import verify

    kind = kind or kinds(assignment)[student_id]
    namespace = run_code_cells(_fill(release(assignment), answers(assignment, kind)), student_id)
    points = {}
    for qid, question in load(assignment).QUESTIONS.items():
        got = namespace.get(question.name)
        points[qid] = 0.0 if got is None else verify(qid, got, seed=student_id, quiet=True)
    return points


def auto_max(assignment: str) -> float:
    """The points the autograder can give in ``assignment`` (written tasks excluded).

    Examples
    --------
    >>> auto_max("ch05")
    16.0
    """
    return float(sum(q.points for q in load(assignment).QUESTIONS.values()))
