"""Put a submission's fixed cells back as released, keeping the student's answers.

Students edit, delete, duplicate and move cells. Before nbgrader grades a
submission, :func:`restore_cells` rebuilds it on the released notebook: every
locked cell (instructions, set-up, tests) comes from the release, in the
release's order; every answer cell and every cell the student added comes from
the submission, in the student's order around those fixed cells. What was
changed is reported, so the grade row can say ``tampered``.

Examples
--------
>>> from nbformat.v4 import new_notebook, new_code_cell
>>> def cell(src, gid=None, solution=False, grade=False):
...     c = new_code_cell(src)
...     if gid:
...         c.metadata["nbgrader"] = {"grade_id": gid, "solution": solution, "grade": grade,
...                                   "locked": not solution, "schema_version": 3}
...     return c
>>> release = new_notebook(cells=[cell("stub", "q1_answer", solution=True),
...                               cell("assert f() == 1", "q1", grade=True)])
>>> student = new_notebook(cells=[cell("def f(): return 2", "q1_answer", solution=True),
...                               cell("pass", "q1", grade=True)])
>>> nb, notes = restore_cells(student, release)
>>> [c.source for c in nb.cells], notes
(['def f(): return 2', 'assert f() == 1'], ['cell q1 was edited'])
"""

from __future__ import annotations

import copy
import uuid

import nbformat

END = "__end__"


def _grade_id(cell) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def _is_answer(cell) -> bool:
    return bool(cell.get("metadata", {}).get("nbgrader", {}).get("solution"))


def restore_cells(student: nbformat.NotebookNode,
                  release: nbformat.NotebookNode) -> tuple[nbformat.NotebookNode, list[str]]:
    """Rebuild ``student`` on ``release``; return the notebook and what was tampered with.

    Parameters
    ----------
    student : NotebookNode
        The notebook as submitted.
    release : NotebookNode
        The notebook as released to students.

    Returns
    -------
    (NotebookNode, list of str)
        The notebook to grade, and one note per fixed cell that was edited,
        deleted, duplicated or moved (empty if none was).
    """
    fixed = {_grade_id(c): c for c in release.cells if _grade_id(c) and not _is_answer(c)}
    answers = {_grade_id(c) for c in release.cells if _grade_id(c) and _is_answer(c)}
    order = [_grade_id(c) for c in release.cells if _grade_id(c)]
    notes: list[str] = []
    # Locked markdown (instructions) is restored silently; only code cells count as tampering.
    watched = {g for g, c in fixed.items() if c.cell_type == "code"}

    seen_fixed: list[str] = []
    student_answers: dict[str, nbformat.NotebookNode] = {}
    free_by_anchor: dict[str, list] = {}
    pending_free: list = []
    for cell in student.cells:
        gid = _grade_id(cell)
        if gid in fixed:
            if gid in seen_fixed:
                if gid in watched:
                    notes.append(f"cell {gid} was duplicated")
            else:
                seen_fixed.append(gid)
                if gid in watched and cell.get("source", "") != fixed[gid].source:
                    notes.append(f"cell {gid} was edited")
            anchor = gid
        elif gid in answers:
            if gid in student_answers:
                notes.append(f"answer cell {gid} was duplicated; the first copy was graded")
                pending_free.append(cell)  # keep the copy's code, as an ordinary cell
                continue
            student_answers[gid] = cell
            anchor = gid
        else:
            pending_free.append(cell)
            continue
        free_by_anchor.setdefault(anchor, []).extend(pending_free)
        pending_free = []
    free_by_anchor.setdefault(END, []).extend(pending_free)

    for gid in order:
        if gid in watched and gid not in seen_fixed:
            notes.append(f"cell {gid} was deleted")
    kept = [g for g in seen_fixed if g in watched]
    expected_order = [g for g in order if g in kept]
    if kept != expected_order:
        notes.append("fixed cells were moved out of their order")

    cells = []
    for rel in release.cells:
        gid = _grade_id(rel)
        if gid is None:
            continue  # released free cells belong to the student: taken from the submission
        for extra in free_by_anchor.get(gid, []):
            cells.append(_plain(extra))
        if gid in answers and gid in student_answers:
            mine = copy.deepcopy(student_answers[gid])
            mine.metadata["nbgrader"] = copy.deepcopy(rel.metadata["nbgrader"])
            mine["cell_type"] = rel.cell_type
            cells.append(mine)
        else:
            cells.append(copy.deepcopy(rel))
    cells.extend(_plain(c) for c in free_by_anchor.get(END, []))

    out = copy.deepcopy(release)
    out.cells = cells
    _unique_ids(out)
    return out, notes


def _plain(cell):
    """A student's own cell, with any nbgrader metadata it carried removed."""
    cell = copy.deepcopy(cell)
    cell.get("metadata", {}).pop("nbgrader", None)
    return cell


def _unique_ids(nb) -> None:
    seen = set()
    for cell in nb.cells:
        cid = cell.get("id")
        if not cid or cid in seen:
            cid = uuid.uuid4().hex[:12]
            cell["id"] = cid
        seen.add(cid)
        if cell.get("cell_type") == "code":
            cell.setdefault("outputs", [])
            cell.setdefault("execution_count", None)
        else:
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
