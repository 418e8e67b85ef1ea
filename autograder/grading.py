"""Grade a whole class: parallel sandboxed workers, one gradebook writer, resumable.

``grade("ch05", "downloads/ch05")`` expects one sub-folder per student (what an
LMS download unpacks into), each holding that student's notebook under any
name. For every folder, whatever it holds, it writes one row of
``grades.csv``; a broken or hostile submission gets a status word and never
stops the batch or costs another student a grade.

How a run goes
--------------
1. The course directory is laid out and the assignment released into
   nbgrader's gradebook (``nbgrader generate_assignment``), unless that is
   already done and up to date.
2. Students already graded (a state file under ``state/`` whose fingerprint
   matches their folder) are skipped, unless ``force``; a resubmission (the
   folder changed) is graded again.
3. ``jobs`` worker processes grade the rest at once
   (:func:`autograder.worker.grade_submission`: sandboxed kernel, limits,
   comparison with the reference outside the kernel). Workers never touch the
   gradebook.
4. This process is the gradebook's only writer: as each student finishes it
   saves the grades through nbgrader's own ``SaveAutoGrades``, reads the
   score back from the gradebook, then writes that student's state file and
   ``grades.csv`` (both atomically). A run killed at any moment loses at most
   the students in flight, and the next run grades exactly those.
5. ``nbgrader generate_feedback`` writes every student's feedback page; the
   table of results (flagged students first) is printed and saved as
   ``report.html``.

Status words (a script can act on them; a row shows the most serious):

================  ==========================================================
``missing``       the folder holds no notebook
``refused``       the folder is, or holds, a link out of it (or to its notebook),
                  a FIFO or device, or too much; nothing in it was run
``unreadable``    the file is not a notebook (empty, corrupt JSON, ...)
``error``         the grader failed on this submission, or no test cell handed
                  an answer in (message says why)
``kernel-died``   the kernel exited or was killed; graded on what ran
``memory-limit``  a cell ran out of memory at the limit; graded on what ran
``process-limit`` a cell started more processes or threads than the cap
``file-limit``    the working folder filled up (too many files or bytes)
``timeout``       a cell, or the whole submission, ran past its time limit
``needs-input``   a cell called ``input()``; grading has nobody to type
``output-cut``    a cell printed more than the output cap; the rest was cut
``tampered``      locked or test cells were edited, deleted, duplicated or
                  moved; restored from the gradebook and graded
``ok``            graded normally (the score says how well)
================  ==========================================================
"""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import shutil
import sys
import tempfile
import warnings
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import nbformat

from autograder import manual
from autograder.coursedir import SOLUTIONS_DIR, CourseDir, GradingError, check_assignment
from autograder.execute import Limits
from autograder.report import write_report
from autograder.safety import defuse_cell
from autograder.sandbox import DEFAULT_MEMORY, check_sandbox, parse_size
from autograder.submissions import fingerprint, nbgrader_id, student_folders
from autograder.worker import STATUSES, Job, StudentResult, die_with_parent, grade_submission

__all__ = ["STATUSES", "Grader", "StudentResult", "grade"]

#: Seconds a whole submission may take.
SUBMISSION_TIMEOUT = 600


def _write_atomic(path: Path, text: str, encoding: str = "utf-8") -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding=encoding)
    os.replace(tmp, path)


class Grader:
    """Grades one assignment into an nbgrader course directory."""

    def __init__(self, assignment: str, out_dir: str | Path, *, jobs: int | None = None,
                 cell_timeout: float = 30, submission_timeout: float = SUBMISSION_TIMEOUT,
                 memory: str | int = DEFAULT_MEMORY, feedback: bool = True,
                 force: bool = False, progress: bool = True,
                 log: Callable[[str], None] = print):
        self.assignment = check_assignment(assignment)
        self.course = CourseDir(Path(out_dir), cell_timeout=int(cell_timeout))
        self.jobs = max(1, int(jobs or os.cpu_count() or 1))
        self.limits = Limits(cell_timeout=float(cell_timeout),
                             submission_timeout=float(submission_timeout))
        self.memory_bytes = parse_size(memory)
        self.feedback = feedback
        self.force = force
        self.progress = progress
        self.log = log
        self.release_nb: nbformat.NotebookNode | None = None
        self.sources: dict[str, str] = {}
        self.qids: list[str] = []
        self.max_score = 0.0

    @property
    def out(self) -> Path:
        return self.course.root

    @property
    def state_dir(self) -> Path:
        return self.out / "state" / self.assignment

    # ------------------------------------------------------------ set-up

    def prepare(self) -> None:
        """Lay out the course directory; release the assignment into the gradebook if needed."""
        check_sandbox()
        self.course.prepare(self.assignment)
        release = self.out / "release" / self.assignment / f"{self.assignment}.ipynb"
        source = SOLUTIONS_DIR / self.assignment / f"{self.assignment}.ipynb"
        if self.force or not self._released(release, source):
            self.course.generate_assignment(self.assignment)
        self.release_nb = nbformat.read(release, as_version=4)
        self._read_gradebook()

    def _released(self, release: Path, source: Path) -> bool:
        from nbgrader.api import Gradebook, MissingEntry

        if not release.exists() or release.stat().st_mtime < source.stat().st_mtime:
            return False
        try:
            nbformat.read(release, as_version=4)
            with Gradebook(self.course.gradebook_url) as gb:
                gb.find_assignment(self.assignment)
        except (MissingEntry, ValueError, OSError):
            return False
        return True

    def _read_gradebook(self) -> None:
        """Test cell sources (hidden tests included) and the maximum score."""
        from nbgrader.api import Gradebook

        with Gradebook(self.course.gradebook_url) as gb:
            assignment = gb.find_assignment(self.assignment)
            self.max_score = float(assignment.max_score)
            self.sources = {cell.name: cell.source for nb in assignment.notebooks
                            for cell in nb.source_cells if cell.locked}
            self.qids = sorted(cell.name for nb in assignment.notebooks
                               for cell in nb.grade_cells)

    # ------------------------------------------------------------ grading

    def grade_folder(self, submissions: str | Path) -> list[StudentResult]:
        """Grade every student folder in ``submissions``; write grades.csv; return rows."""
        folders = student_folders(Path(submissions))
        self.prepare()
        self.state_dir.mkdir(parents=True, exist_ok=True)
        rows: dict[str, StudentResult] = {}
        todo: list[Job] = []
        scratch = Path(tempfile.mkdtemp(prefix="crm-"))
        release = nbformat.writes(self.release_nb)
        for folder in folders:
            sid = folder.name
            nb_id = nbgrader_id(sid)
            print_ = fingerprint(folder)
            done = self._load_state(nb_id)
            if done is not None and done.fingerprint == print_ and not self.force:
                rows[sid] = done
                continue
            # absolute(), not resolve(): a folder that is a link is refused, not followed.
            todo.append(Job(self.assignment, sid, nb_id, str(folder.absolute()),
                            str(self.out), release, self.sources, self.limits,
                            self.memory_bytes, str(scratch), print_))
        if rows:
            self.log(f"{len(rows)} student(s) already graded (use --force to grade again)")
        try:
            self._run(todo, rows, folders)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        ordered = [rows[f.name] for f in folders if f.name in rows]
        if self.feedback and ordered:
            self._feedback(ordered)
        manual.refresh(self.course.gradebook_url, self.assignment, ordered)  # graded since?
        self.write_csv(ordered)
        write_report(self.out / "report.html", self.assignment, ordered, self.max_score)
        return ordered

    def _run(self, todo: list[Job], rows: dict[str, StudentResult],
             folders: list[Path]) -> None:
        from tqdm import tqdm

        bar = tqdm(total=len(todo), desc=f"grading {self.assignment}", unit="student",
                   file=sys.stderr, disable=not self.progress or not todo,
                   dynamic_ncols=True)
        flagged = 0
        pending = todo
        for attempt in (1, 2):
            if not pending:
                break
            retry: list[Job] = []
            context = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(max_workers=min(self.jobs, len(pending)),
                                     mp_context=context, initializer=die_with_parent) as pool:
                futures = {pool.submit(grade_submission, job): job for job in pending}
                for future in as_completed(futures):
                    job = futures[future]
                    try:
                        result = future.result()
                    except BrokenProcessPool:
                        if attempt == 1:
                            retry.append(job)
                            continue
                        result = self._failed(job, "the grading worker process died")
                    except Exception as exc:  # noqa: BLE001 - one student, not the batch
                        result = self._failed(job, f"{type(exc).__name__}: {exc}")
                    self._record(job, result)
                    rows[job.student_id] = result
                    self.write_csv([rows[f.name] for f in folders if f.name in rows])
                    flagged += result.status != "ok"
                    bar.set_postfix_str(f"{job.student_id}: {result.status}; flagged {flagged}")
                    bar.update()
            pending = retry
        bar.close()

    def _failed(self, job: Job, message: str) -> StudentResult:
        # Whatever an earlier run left for this student is not this submission's.
        shutil.rmtree(self.out / "autograded" / job.nb_id, ignore_errors=True)
        return StudentResult(student_id=job.student_id, nbgrader_id=job.nb_id, status="error",
                             message=message.splitlines()[0][:300] if message else "")

    def _record(self, job: Job, result: StudentResult) -> None:
        """Save one student's grades in the gradebook (the only writer), then their state."""
        from nbgrader.api import Gradebook, MissingEntry
        from nbgrader.preprocessors import SaveAutoGrades
        from sqlalchemy.exc import SAWarning

        warnings.simplefilter("ignore", SAWarning)  # nbgrader's own ORM chatter
        result.max_score = self.max_score
        result.fingerprint = job.fingerprint  # of the folder as it was when graded
        autograded = self.out / "autograded" / job.nb_id / self.assignment / (
            f"{self.assignment}.ipynb")
        with Gradebook(self.course.gradebook_url) as gb:
            gb.update_or_create_student(job.nb_id, lms_user_id=job.student_id)
            ran = autograded.exists() and result.status not in {"missing", "unreadable"}
            if not ran:
                shutil.rmtree(autograded.parent.parent, ignore_errors=True)
                try:
                    gb.remove_submission(self.assignment, job.nb_id)
                except MissingEntry:
                    pass
                result.score, result.questions = 0.0, dict.fromkeys(self.qids, 0.0)
            else:
                gb.update_or_create_submission(self.assignment, job.nb_id)
        if ran:
            nb = nbformat.read(autograded, as_version=4)
            resources = {"nbgrader": {"notebook": self.assignment, "assignment": self.assignment,
                                      "student": job.nb_id,
                                      "db_url": self.course.gradebook_url}}
            SaveAutoGrades().preprocess(nb, resources)
            with Gradebook(self.course.gradebook_url) as gb:
                sub = gb.find_submission(self.assignment, job.nb_id)
                result.score = round(float(sub.score), 2)
                result.questions = {grade.name: round(float(grade.score), 2)
                                    for notebook in sub.notebooks for grade in notebook.grades}
        manual.refresh(self.course.gradebook_url, self.assignment, [result])  # tasks by hand
        _write_atomic(self.state_dir / f"{job.nb_id}.json", json.dumps(result.to_dict()))

    def _load_state(self, nb_id: str) -> StudentResult | None:
        path = self.state_dir / f"{nb_id}.json"
        try:
            return StudentResult(**json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None

    def _feedback(self, rows: list[StudentResult]) -> None:
        """Feedback pages through ``nbgrader generate_feedback`` (hidden tests removed)."""
        if any((self.out / "autograded" / r.nbgrader_id).exists() for r in rows):
            run = self.course.nbgrader("generate_feedback", self.assignment, "--force",
                                       timeout=max(300, 20 * len(rows)))
            if run.returncode != 0:
                self.log("nbgrader generate_feedback failed: "
                         + (run.stderr or run.stdout).strip().splitlines()[-1][:300])

    def _feedback_path(self, row: StudentResult) -> str:
        page = self.out / "feedback" / row.nbgrader_id / self.assignment / (
            f"{self.assignment}.html")
        return str(page.relative_to(self.out)) if page.exists() else ""

    def write_csv(self, results: list[StudentResult]) -> Path:
        """Write ``grades.csv`` atomically (UTF-8 with BOM so spreadsheets show Chinese ids)."""
        path = self.out / "grades.csv"
        qids = sorted({q for r in results for q in r.questions} | set(self.qids))
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        writer.writerow(["student_id", "assignment", "score", "max_score", "status",
                         "auto_max", "manual_pending", *qids, "message", "feedback"])
        for r in results:
            r.feedback = self._feedback_path(r) or r.feedback
            # Folder names and messages are the students': never a formula (safety.py).
            writer.writerow([defuse_cell(r.student_id), self.assignment, f"{r.score:g}",
                             f"{self.max_score:g}", r.status, f"{r.auto_max:g}",
                             f"{r.manual_pending:g}",
                             *(manual.cell_text(r, q, r.questions.get(q, 0.0)) for q in qids),
                             defuse_cell(r.message), defuse_cell(r.feedback)])
        _write_atomic(path, buffer.getvalue(), encoding="utf-8-sig")
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
        ``jobs``, ``cell_timeout``, ``submission_timeout``, ``memory``,
        ``feedback``, ``force``, ``progress``, ``log``.

    Returns
    -------
    list of StudentResult
        One per student folder, in folder-name order. ``grades.csv`` in
        ``out_dir`` holds the same rows.

    Raises
    ------
    GradingError
        If the assignment, the submissions folder or the sandbox is unusable.
    """
    out_dir = Path(out_dir) if out_dir is not None else Path("grading") / assignment
    try:
        return Grader(assignment, out_dir, **options).grade_folder(submissions)
    except ValueError as exc:  # e.g. a memory limit that is not a size
        raise GradingError(str(exc)) from None
