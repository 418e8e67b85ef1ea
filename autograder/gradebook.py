"""The course gradebook across assignments, and grade files for Canvas and Moodle.

Each assignment is graded into its own nbgrader course directory
(``grading/<id>`` by default, or ``grading_dir`` in the course config). The
scores come from each directory's nbgrader gradebook (score less nbgrader's
``late_submission_penalty``), statuses, names and ids from its
``grades.csv``; weights and letter cut-offs from the course config.

:func:`course_table` builds one row per student: every enrolled student on
the roster, and everyone who appears in a graded assignment. Per assignment a
score, its maximum and a mark (``missing``, ``late 2d``, or the grading
status when it is not ``ok``); then the weighted percentage over the
assignments graded so far and, with ``[letters]``, a letter.

:func:`canvas_rows` and :func:`moodle_rows` write what those LMSs import:

* Canvas's gradebook CSV: ``Student, ID, SIS User ID, SIS Login ID, Section``
  and one column per assignment titled as in Canvas (``canvas_column``, e.g.
  ``Exercise 5 (20481)``, the assignment id in brackets), after a
  ``Points Possible`` row. Canvas matches students by ``ID`` (its user id).
* Moodle's grade import CSV: ``Full name, Email address, ID number`` and one
  column per grade item (``moodle_column``); on import map *Email address* to
  *Email address* (or *ID number* to *ID number*) and each column to its item.

A student whose work could not be graded (``ambiguous``) gets an empty
cell, so an import leaves that grade alone; one who handed in nothing gets 0.

Examples
--------
>>> from autograder.courseconfig import CourseConfig
>>> table = course_table(CourseConfig(), [AssignmentGrades("ch05", Path("."), 14.0, {
...     "s1": {"status": "ok", "score": "7", "late": "no"}})])
>>> table[["student_id", "ch05", "total_percent"]].values.tolist()
[['s1', 7.0, 50.0]]
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from autograder.courseconfig import CourseConfig
from autograder.coursedir import ASSIGNMENTS, GradingError
from autograder.csvsafe import read_csv
from autograder.roster import Roster

BLANK = {"ambiguous"}


@dataclass
class AssignmentGrades:
    """One graded assignment: its rows by student id and its maximum score."""

    assignment: str
    folder: Path
    max_score: float
    rows: dict[str, dict]


def grading_dir(config: CourseConfig, assignment: str, root: str | Path = "grading") -> Path:
    """Where ``assignment`` is graded: the config's ``grading_dir`` or ``root/<id>``."""
    entry = config.assignment(assignment)
    return Path(entry.grading_dir) if entry.grading_dir else Path(root) / assignment


def read_assignment(folder: Path, assignment: str) -> AssignmentGrades:
    """An assignment's grades: grades.csv's rows with the scores from nbgrader's gradebook.

    Raises
    ------
    GradingError
        If the folder has no ``grades.csv`` (not graded yet).
    """
    from nbgrader.api import Gradebook, MissingEntry

    path = folder / "grades.csv"
    if not path.is_file():
        raise GradingError(f"{path} does not exist: run `crm-course grade {assignment}` first")
    rows = {r["student_id"]: r for r in read_csv(path) if r.get("status") != "unknown"}
    max_score = max((float(r["max_score"]) for r in rows.values()), default=0.0)
    db = folder / "gradebook.db"
    if db.is_file():
        with Gradebook(f"sqlite:///{db.resolve()}") as gb:
            try:
                max_score = float(gb.find_assignment(assignment).max_score)
            except MissingEntry:
                pass
            by_lms = {s.lms_user_id: s.id for s in gb.students}
            for sid, row in rows.items():
                try:
                    sub = gb.find_submission(assignment, by_lms.get(sid, sid))
                except MissingEntry:
                    row["gradebook_score"] = 0.0
                    continue
                penalty = sum(float(nb.late_submission_penalty or 0) for nb in sub.notebooks)
                row["gradebook_score"] = round(max(0.0, float(sub.score) - penalty), 2)
    return AssignmentGrades(assignment, folder, max_score, rows)


def collect_grades(config: CourseConfig, root: str | Path = "grading",
                   assignments: list[str] | None = None) -> list[AssignmentGrades]:
    """Every graded assignment of the course (those the config lists, or all that exist)."""
    wanted = assignments or list(config.assignments) or list(ASSIGNMENTS)
    found = []
    for assignment in wanted:
        folder = grading_dir(config, assignment, root)
        if (folder / "grades.csv").is_file():
            found.append(read_assignment(folder, assignment))
        elif assignments:
            raise GradingError(f"{folder / 'grades.csv'} does not exist: run `crm-course grade "
                               f"{assignment} ... --out {folder}` first")
    return found


def _mark(row: dict | None) -> str:
    if row is None:
        return "missing"
    status = row.get("status", "")
    if status == "missing":
        return "missing"
    marks = [] if status == "ok" else [status]
    if row.get("late") == "yes":
        marks.append(f"late {row.get('days_late', '?')}d")
    return ", ".join(marks)


def _score(row: dict | None) -> float | None:
    if row is None:
        return 0.0
    if row.get("status") in BLANK:
        return None
    if "gradebook_score" in row:
        return float(row["gradebook_score"])
    return float(row.get("score") or 0)


def course_table(config: CourseConfig, graded: list[AssignmentGrades],
                 roster: Roster | None = None) -> pd.DataFrame:
    """One row per student across the course (see the module docstring)."""
    people: dict[str, dict] = {}
    if roster is not None:
        for s in roster:
            people[s.id] = {"student_id": s.id, "name": s.name, "email": s.email,
                            "lms_id": s.lms_id, "section": s.section,
                            "sis_login_id": s.sis_login_id}
    for grades in graded:
        for sid, row in grades.rows.items():
            person = people.setdefault(sid, {"student_id": sid, "name": "", "email": "",
                                             "lms_id": "", "section": "", "sis_login_id": ""})
            for key in ("name", "email", "lms_id"):
                person[key] = person[key] or row.get(key, "")
    records = []
    for sid in sorted(people):
        record = dict(people[sid])
        got = weight = 0.0
        for grades in graded:
            row = grades.rows.get(sid)
            score = _score(row)
            a = grades.assignment
            record[a] = score
            record[f"{a} max"] = grades.max_score
            record[f"{a} mark"] = _mark(row)
            w = config.weight(a)
            if score is not None and grades.max_score:
                got += w * score / grades.max_score
                weight += w
        percent = round(100 * got / weight, 2) if weight else None
        record["total_percent"] = percent
        record["letter"] = config.letter(percent) if config.letters else ""
        records.append(record)
    return pd.DataFrame(records)


def canvas_rows(table: pd.DataFrame, config: CourseConfig,
                graded: list[AssignmentGrades]) -> tuple[list[str], list[list]]:
    """Header and rows of a Canvas gradebook import file (a ``Points Possible`` row first)."""
    columns = [config.assignment(g.assignment).canvas_column or g.assignment for g in graded]
    header = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *columns]
    rows = [["Points Possible", "", "", "", "", *(f"{g.max_score:g}" for g in graded)]]
    for r in table.to_dict("records"):
        rows.append([r["name"] or r["student_id"], r["lms_id"], r["student_id"],
                     r.get("sis_login_id", ""), r.get("section", ""),
                     *(_cell(r[g.assignment]) for g in graded)])
    return header, rows


def moodle_rows(table: pd.DataFrame, config: CourseConfig,
                graded: list[AssignmentGrades]) -> tuple[list[str], list[list]]:
    """Header and rows of a Moodle grade import file (keyed by e-mail and ID number)."""
    columns = [config.assignment(g.assignment).moodle_column or g.assignment for g in graded]
    header = ["Full name", "Email address", "ID number", *columns]
    rows = [[r["name"] or r["student_id"], r["email"], r["student_id"],
             *(_cell(r[g.assignment]) for g in graded)] for r in table.to_dict("records")]
    return header, rows


def plain_rows(table: pd.DataFrame, graded: list[AssignmentGrades]) -> tuple[list[str],
                                                                           list[list]]:
    """Header and rows of the course's own CSV: ids, scores, marks, total and letter."""
    header = ["student_id", "name", "email", "lms_id"]
    for g in graded:
        header += [g.assignment, f"{g.assignment} max", f"{g.assignment} mark"]
    header += ["total_percent", "letter"]
    rows = [[_cell(r[h]) if h in r else "" for h in header] for r in table.to_dict("records")]
    return header, rows


def _cell(value):
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return value


def gradebook_html(table: pd.DataFrame, config: CourseConfig,
                   graded: list[AssignmentGrades]) -> str:
    """The course gradebook as an HTML page (every cell escaped)."""
    heads = "".join(f"<th>{html.escape(g.assignment)}<br><small>weight "
                    f"{config.weight(g.assignment):g}, /{g.max_score:g}</small></th>"
                    for g in graded)
    body = []
    for r in table.to_dict("records"):
        cells = []
        for g in graded:
            mark = r[f"{g.assignment} mark"]
            css = ' class="missing"' if mark == "missing" else (
                ' class="late"' if "late" in mark else "")
            cells.append(f"<td{css}>{html.escape(str(_cell(r[g.assignment])))}"
                         f"{'<br><small>' + html.escape(mark) + '</small>' if mark else ''}</td>")
        total = r["total_percent"]
        body.append(f"<tr><td>{html.escape(r['student_id'])}</td><td>{html.escape(r['name'])}"
                    f"</td>{''.join(cells)}<td class=\"num\">"
                    f"{'' if total is None or total != total else f'{total:.1f} %'}</td>"
                    f"<td>{html.escape(r['letter'])}</td></tr>")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(config.name)}: gradebook</title>
<style>
body {{ font-family: sans-serif; margin: 2em; }} table {{ border-collapse: collapse; }}
th, td {{ border: 1px solid #ccc; padding: .3em .6em; text-align: left; }}
td.missing {{ background: #f8d7da; }} td.late {{ background: #fff3cd; }}
td.num {{ text-align: right; }}
</style></head><body>
<h1>{html.escape(config.name)}: gradebook</h1>
<p>{len(table)} students, {len(graded)} graded assignment(s). Total: weighted percentage over
the graded assignments; red: handed in nothing, yellow: late.</p>
<table><thead><tr><th>student</th><th>name</th>{heads}<th>total</th><th>letter</th></tr>
</thead><tbody>
{chr(10).join(body)}
</tbody></table></body></html>
"""
