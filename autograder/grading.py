"""Grade a folder of submissions through nbgrader's real CLI and gradebook.

``grade("ch05", "downloads/ch05")`` expects one sub-folder per student (what an
LMS download unpacks into), each holding that student's notebook under any
name. For every folder, whatever it holds, it writes one row of
``grades.csv``; a broken submission gets a clear status and never stops the
batch or costs another student a grade.

Status words (a script can act on them):

============  ==============================================================
``ok``        graded normally (the score says how well)
``tampered``  locked or test cells were edited, deleted, duplicated or moved;
              they were restored from the release and the answers graded
``timeout``   a cell ran past the time limit and was interrupted, or the
              whole submission ran past its limit; graded on what ran
``kernel-died``  the kernel died while running the notebook; graded on what ran
``unreadable``   the file is not a valid notebook (empty, corrupt JSON, ...)
``missing``      the folder holds no notebook
``error``        nbgrader itself failed on this submission (message says why)
============  ==============================================================
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from autograder.coursedir import CourseDir, GradingError, check_assignment
from autograder.restore import restore_cells

STATUSES = ("ok", "tampered", "timeout", "kernel-died", "unreadable", "missing", "error")

#: Seconds a whole submission may take in nbgrader autograde.
SUBMISSION_TIMEOUT = 600

IGNORED_FOLDERS = {"__MACOSX", ".ipynb_checkpoints", "__pycache__"}

UNGRADED_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{assignment}: {student}</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 2em auto">
<h1>{assignment}: {student}</h1>
<p><strong>Your submission could not be graded</strong> (status: <code>{status}</code>).</p>
<p>{message}</p>
<p>Score: 0. Ask your instructor how to resubmit.</p>
<hr>
<p><strong>你的作业无法评分</strong>（状态：<code>{status}</code>）。原因见上。</p>
<p>本次得分为 0。请联系任课教师了解如何重新提交。</p>
</body></html>
"""


@dataclass
class StudentResult:
    """The outcome for one student folder."""

    student_id: str
    nbgrader_id: str
    status: str = "ok"
    message: str = ""
    score: float = 0.0
    max_score: float = 0.0
    questions: dict[str, float] = field(default_factory=dict)
    feedback: str = ""


def nbgrader_id(student_id: str) -> str:
    """An id nbgrader and every file system accept, stable for a folder name.

    Plain ids are kept; others get their unsafe characters replaced and a
    short hash appended so that two different names never collide.

    Examples
    --------
    >>> nbgrader_id("s001")
    's001'
    >>> nbgrader_id("李 雷")
    'student-...'
    """
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", student_id):
        return student_id
    slug = re.sub(r"[^A-Za-z0-9_-]+", "_", student_id).strip("_") or "student"
    digest = hashlib.sha1(student_id.encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}" if slug != "student" else f"student-{digest}"


def find_notebook(folder: Path, assignment: str) -> Path | None:
    """The notebook to grade in a student's folder, or None.

    Prefers ``<assignment>.ipynb``; otherwise the single (or first, by name)
    notebook anywhere below the folder, checkpoints excluded.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "my work.ipynb").write_text("{}")
    ...     find_notebook(Path(tmp), "ch05").name
    'my work.ipynb'
    """
    candidates = sorted(p for p in folder.rglob("*.ipynb")
                        if not (set(p.relative_to(folder).parts) & IGNORED_FOLDERS))
    for path in candidates:
        if path.name == f"{assignment}.ipynb":
            return path
    return candidates[0] if candidates else None


def read_submission(path: Path) -> nbformat.NotebookNode:
    """Read a submitted notebook or raise GradingError saying what is wrong with it.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     bad = Path(tmp) / "ch05.ipynb"
    ...     _ = bad.write_text('{"cells": [1,')
    ...     read_submission(bad)
    Traceback (most recent call last):
    ...
    autograder.coursedir.GradingError: ch05.ipynb: not valid JSON (Expecting value at line 1, ...)
    """
    raw = path.read_bytes()
    if not raw.strip():
        raise GradingError(f"{path.name}: the file is empty")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise GradingError(
            f"{path.name}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise GradingError(f"{path.name}: not valid JSON ({exc.msg} at line {exc.lineno}, "
                           f"column {exc.colno})") from None
    if not isinstance(data, dict) or "cells" not in data or data.get("nbformat") != 4:
        raise GradingError(f"{path.name}: JSON, but not a version-4 Jupyter notebook")
    try:
        nb = nbformat.reads(json.dumps(data), as_version=4)
        nbformat.validate(nb)
    except nbformat.ValidationError as exc:
        where = "/".join(str(p) for p in getattr(exc, "path", []) or [])
        raise GradingError(f"{path.name}: not a valid notebook ({exc.message}"
                           f"{' at ' + where if where else ''})") from None
    return nb


def _outcome_of_run(autograded: Path) -> tuple[str, str]:
    """Look in an autograded notebook for interrupted or dead kernels."""
    nb = nbformat.read(autograded, as_version=4)
    for index, cell in enumerate(nb.cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") != "error":
                continue
            ename = output.get("ename", "")
            if ename in {"CellTimeoutError", "KeyboardInterrupt"} or "timed out" in str(
                    output.get("evalue", "")):
                return "timeout", f"cell {index} ran past the time limit and was interrupted"
            if ename in {"DeadKernelError"} or "Kernel died" in str(output.get("evalue", "")):
                return "kernel-died", f"the kernel died in cell {index}"
    return "ok", ""


class Grader:
    """Grades one assignment into an nbgrader course directory."""

    def __init__(self, assignment: str, out_dir: str | Path, *, cell_timeout: int = 30,
                 submission_timeout: float = SUBMISSION_TIMEOUT, feedback: bool = True,
                 log: Callable[[str], None] = print):
        self.assignment = check_assignment(assignment)
        self.course = CourseDir(Path(out_dir), cell_timeout=cell_timeout)
        self.submission_timeout = submission_timeout
        self.feedback = feedback
        self.log = log
        self.release_nb: nbformat.NotebookNode | None = None

    @property
    def out(self) -> Path:
        return self.course.root

    def prepare(self) -> None:
        """Lay out the course directory and release the assignment into its gradebook."""
        self.course.prepare(self.assignment)
        release = self.course.generate_assignment(self.assignment)
        self.release_nb = nbformat.read(release / f"{self.assignment}.ipynb", as_version=4)

    def grade_folder(self, submissions: str | Path) -> list[StudentResult]:
        """Grade every student folder in ``submissions``; write grades.csv; return rows."""
        submissions = Path(submissions)
        if not submissions.is_dir():
            raise GradingError(f"submissions folder {submissions} does not exist or is not a "
                               "folder")
        folders = sorted(p for p in submissions.iterdir()
                         if p.is_dir() and not p.name.startswith(".")
                         and p.name not in IGNORED_FOLDERS)
        self.prepare()
        results = []
        for number, folder in enumerate(folders, start=1):
            self.log(f"[{number}/{len(folders)}] {folder.name}")
            result = self.grade_student(folder)
            results.append(result)
            self.collect_scores([result])
            self.write_csv(results)  # after every student: a crash keeps what was graded
        if not results:
            self.write_csv(results)
        return results

    def grade_student(self, folder: Path) -> StudentResult:
        """Grade one student's folder; never raises for a bad submission."""
        sid = folder.name
        result = StudentResult(student_id=sid, nbgrader_id=nbgrader_id(sid))
        self._keep_original(folder, result.nbgrader_id)
        path = find_notebook(folder, self.assignment)
        if path is None:
            result.status, result.message = "missing", f"no .ipynb file in folder {sid!r}"
            self._explain_ungraded(result)
            return result
        try:
            submitted = read_submission(path)
        except GradingError as exc:
            result.status, result.message = "unreadable", str(exc)
            self._explain_ungraded(result)
            return result
        restored, notes = restore_cells(submitted, self.release_nb)
        if notes:
            result.status = "tampered"
            result.message = "; ".join(notes) + " (restored from the release)"
        target = self.out / "submitted" / result.nbgrader_id / self.assignment
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        nbformat.write(restored, target / f"{self.assignment}.ipynb")
        self._autograde(result)
        return result

    def _explain_ungraded(self, result: StudentResult) -> None:
        """Feedback for a submission nbgrader never saw: what was wrong, in both languages."""
        folder = self.out / "feedback" / result.nbgrader_id / self.assignment
        folder.mkdir(parents=True, exist_ok=True)
        page = folder / f"{self.assignment}.html"
        page.write_text(UNGRADED_PAGE.format(
            assignment=self.assignment, student=html.escape(result.student_id),
            status=result.status, message=html.escape(result.message)), encoding="utf-8")
        result.feedback = str(page.relative_to(self.out))

    def _keep_original(self, folder: Path, nb_id: str) -> None:
        dest = self.out / "originals" / nb_id
        if dest.exists():
            shutil.rmtree(dest)
        shutil.copytree(folder, dest, symlinks=True)

    def _autograde(self, result: StudentResult) -> None:
        student = result.nbgrader_id
        try:
            run = self.course.nbgrader("autograde", self.assignment, "--student", student,
                                       "--force", timeout=self.submission_timeout)
        except subprocess.TimeoutExpired:
            result.status = "timeout"
            result.message = (f"the submission ran longer than {self.submission_timeout:g} s "
                              "and was stopped")
            return
        autograded = self.out / "autograded" / student / self.assignment / (
            f"{self.assignment}.ipynb")
        if run.returncode != 0 or not autograded.exists():
            text = (run.stderr or run.stdout).strip().splitlines()
            died = any("DeadKernel" in line or "Kernel died" in line for line in text)
            result.status = "kernel-died" if died else "error"
            errors = [line for line in text if "ERROR" in line or "Error" in line]
            result.message = (errors[-1] if errors else (text[-1] if text else ""))[:300]
            if not autograded.exists():
                return
        status, message = _outcome_of_run(autograded)
        if status != "ok" and result.status in {"ok", "tampered"}:
            result.message = "; ".join(m for m in (message, result.message) if m)
            result.status = status
        if self.feedback:
            fb = self.course.nbgrader("generate_feedback", self.assignment, "--student",
                                      student, "--force", timeout=300)
            html = self.out / "feedback" / student / self.assignment / f"{self.assignment}.html"
            if fb.returncode == 0 and html.exists():
                result.feedback = str(html.relative_to(self.out))

    def collect_scores(self, results: list[StudentResult]) -> None:
        """Read every score from nbgrader's gradebook (students without one get 0)."""
        from nbgrader.api import Gradebook, MissingEntry

        with Gradebook(self.course.gradebook_url) as gb:
            assignment = gb.find_assignment(self.assignment)
            max_score = float(assignment.max_score)
            qids = sorted(c.name for nb in assignment.notebooks for c in nb.grade_cells)
            for r in results:
                gb.update_or_create_student(r.nbgrader_id, lms_user_id=r.student_id)
                r.max_score = max_score
                r.questions = dict.fromkeys(qids, 0.0)
                if r.status in {"missing", "unreadable"}:
                    continue
                try:
                    sub = gb.find_submission(self.assignment, r.nbgrader_id)
                except MissingEntry:
                    continue
                r.score = round(float(sub.score), 2)
                for nb in sub.notebooks:
                    for grade in nb.grades:
                        r.questions[grade.name] = round(float(grade.score), 2)

    def write_csv(self, results: list[StudentResult]) -> Path:
        """Write ``grades.csv`` (UTF-8 with BOM so spreadsheet programs show Chinese ids)."""
        path = self.out / "grades.csv"
        qids = sorted({q for r in results for q in r.questions})
        with path.open("w", newline="", encoding="utf-8-sig") as fh:
            writer = csv.writer(fh)
            writer.writerow(["student_id", "assignment", "score", "max_score", "status",
                             *qids, "message", "feedback"])
            for r in results:
                writer.writerow([r.student_id, self.assignment, f"{r.score:g}",
                                 f"{r.max_score:g}", r.status,
                                 *(f"{r.questions.get(q, 0.0):g}" for q in qids),
                                 r.message, r.feedback])
        return path


def grade(assignment: str, submissions: str | Path, out_dir: str | Path | None = None,
          **options) -> list[StudentResult]:
    """Grade every student folder in ``submissions`` into ``out_dir``.

    Parameters
    ----------
    assignment : str
        Assignment id, e.g. ``"ch05"``.
    submissions : str or Path
        Folder with one sub-folder per student.
    out_dir : str or Path, optional
        The nbgrader course directory to grade into; default ``grading/<assignment>``.
    **options
        ``cell_timeout``, ``submission_timeout``, ``feedback``, ``log``.

    Returns
    -------
    list of StudentResult
        One per student folder, in folder-name order. ``grades.csv`` in
        ``out_dir`` holds the same rows.
    """
    out_dir = Path(out_dir) if out_dir is not None else Path("grading") / assignment
    return Grader(assignment, out_dir, **options).grade_folder(submissions)
