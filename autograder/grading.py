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
5. The same worker processes write each student's feedback page (nbgrader's
   feedback template, :mod:`autograder.feedbackpages`) as soon as the grades
   are saved; ``nbgrader generate_feedback`` is the fallback if a page fails.
   The table of results (flagged students first) is printed and saved as
   ``report.html`` with the item analysis and similarity flags
   (:mod:`autograder.analysis`).

Downloads: ``submissions`` may be a Canvas or Moodle download, zipped or not,
or a folder per student (:mod:`autograder.lms`); with a roster every enrolled
student gets a row, and the course config gives the due date and late rule
(:mod:`autograder.courseconfig`, :mod:`autograder.late`).

Status words (a script can act on them; a row shows the most serious):

================  ==========================================================
``missing``       the folder holds no notebook, or a roster student handed in nothing
``unknown``       a file of the download matched to nobody (not graded)
``ambiguous``     several candidate notebooks or entries for one student (not graded)
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

import contextlib
import csv
import io
import json
import multiprocessing
import os
import shutil
import sys
import tempfile
import threading
import warnings
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import nbformat

from autograder import manual, releasecache
from autograder.courseconfig import CourseConfig, load_config
from autograder.coursedir import SOLUTIONS_DIR, CourseDir, GradingError, check_assignment
from autograder.csvsafe import defuse
from autograder.execute import Limits
from autograder.feedbackpages import feedback_path, write_feedback
from autograder.late import days_late
from autograder.lms import Entry, collect, prepare_staging
from autograder.nbgrader_light import light as light_nbgrader
from autograder.report import write_report
from autograder.roster import Roster, load_roster
from autograder.sandbox import DEFAULT_MEMORY, check_sandbox, parse_size
from autograder.submissions import fingerprint, nbgrader_id
from autograder.worker import (
    STATUSES,
    Job,
    StudentResult,
    die_with_parent,
    explain_ungraded,
    grade_submission,
    warm_up,
)

__all__ = ["STATUSES", "Grader", "StudentResult", "grade"]

light_nbgrader()  # the gradebook without nbgrader's server extensions (about 2 s saved)

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
                 log: Callable[[str], None] = print, roster: Roster | str | Path | None = None,
                 layout: str | None = None, config: CourseConfig | str | Path | None = None,
                 analysis: bool = True, db: str | None = None):
        from autograder.nbgrader_light import one_engine_per_database

        one_engine_per_database()  # compiled statements kept from one student to the next
        self.assignment = check_assignment(assignment)
        self.course = CourseDir(Path(out_dir), cell_timeout=int(cell_timeout), db_url=db)
        self.jobs = max(1, int(jobs or os.cpu_count() or 1))
        self.limits = Limits(cell_timeout=float(cell_timeout),
                             submission_timeout=float(submission_timeout))
        self.memory_bytes = parse_size(memory)
        self.feedback = feedback
        self.force = force
        self.progress = progress
        self.log = log
        self.roster = roster if isinstance(roster, Roster) or roster is None else load_roster(
            roster)
        self.layout = layout
        self.config = config if isinstance(config, CourseConfig) else load_config(config)
        self.analysis = analysis
        self.entries: dict[str, Entry] = {}
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
        from autograder.gradebookdb import exclusive

        check_sandbox()
        _compile_course()
        # Another grader may be setting up the same (shared) gradebook right now.
        with exclusive(self.course.gradebook_url):
            self._prepare_locked()
        self.release_nb = nbformat.read(
            self.out / "release" / self.assignment / f"{self.assignment}.ipynb", as_version=4)
        self._read_gradebook()

    def _prepare_locked(self) -> None:
        self.course.prepare(self.assignment)
        release = self.out / "release" / self.assignment / f"{self.assignment}.ipynb"
        source = SOLUTIONS_DIR / self.assignment / f"{self.assignment}.ipynb"
        if not self.course.shared_gradebook and not (self.out / "gradebook.db").exists():
            # A fresh course directory: the cached release of this very source, if any.
            key = releasecache.source_key(self.assignment, self.course.cell_timeout)
            if not releasecache.restore(self.out, self.assignment, key):
                self.course.generate_assignment(self.assignment)
                releasecache.store(self.out, self.assignment, key)
        elif self.course.shared_gradebook and not self.force and self._in_gradebook():
            # Another grader released it into the shared gradebook and may be grading
            # now: releasing it again there would replace the notebooks its submissions
            # point to. This folder only needs its own copy of the release.
            if not self._released(release, source):
                self.course.generate_assignment(self.assignment, db=False)
        elif self.force or not self._released(release, source):
            self.course.generate_assignment(self.assignment)

    def _in_gradebook(self) -> bool:
        """Whether the gradebook already holds the assignment (read only: opening
        nbgrader's ``Gradebook`` would create and migrate an empty database)."""
        from sqlalchemy import create_engine, inspect, text
        from sqlalchemy.pool import NullPool

        engine = create_engine(self.course.gradebook_url, poolclass=NullPool)
        try:
            with engine.connect() as conn:
                if not inspect(conn).has_table("assignment"):
                    return False
                row = conn.execute(text("SELECT 1 FROM assignment WHERE name = :name"),
                                   {"name": self.assignment}).first()
                return row is not None
        finally:
            engine.dispose()

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
        """Grade every student of a download (see :mod:`autograder.lms`); write grades.csv."""
        staging = prepare_staging(self.out / "incoming" / self.assignment)
        layout, entries = collect(submissions, self.assignment, staging, layout=self.layout,
                                  roster=self.roster, tz=self.config.tz)
        self.layout = layout
        self.entries = {e.student_id: e for e in entries}
        # Workers start (import what they need, launch a first kernel) while this
        # process sets up; kernels work in folders under one scratch folder.
        self._scratch = Path(tempfile.mkdtemp(prefix="crm-"))
        to_run = sum(not e.status for e in entries)
        self._warm = self._pool(min(self.jobs, max(1, to_run)), warm=True,
                                kernel=to_run > 0)
        try:
            return self._grade_entries(entries)
        finally:
            if self._warm is not None:
                self._warm.shutdown(wait=True, cancel_futures=True)
                self._warm = None
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None

    def _pool(self, size: int, warm: bool = False, kernel: bool = False) -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(max_workers=size, mp_context=multiprocessing.get_context(
            "spawn"), initializer=die_with_parent)
        if warm:
            ahead = (self.assignment, str(self._scratch), self.memory_bytes) if kernel else None
            for _ in range(size):
                pool.submit(warm_up, self.assignment, self.feedback, ahead)
        return pool

    def _grade_entries(self, entries: list[Entry]) -> list[StudentResult]:
        self.prepare()
        self.state_dir.mkdir(parents=True, exist_ok=True)
        rows: dict[str, StudentResult] = {}
        todo: list[Job] = []
        pages: list[str] = []  # students whose feedback page must be (re)written
        scratch = getattr(self, "_scratch", None) or Path(tempfile.mkdtemp(prefix="crm-"))
        release = nbformat.writes(self.release_nb)
        for entry in entries:
            sid = entry.student_id
            nb_id = nbgrader_id(sid)
            if entry.status:  # missing from the download, unknown or ambiguous: not run
                rows[sid] = self._not_run(entry, nb_id)
                continue
            folder = entry.folder
            print_ = fingerprint(folder)
            done = self._load_state(nb_id)
            if done is not None and done.fingerprint == print_ and not self.force:
                if self._late_changed(done, entry) or not feedback_path(
                        self.out, self.assignment, nb_id).exists():
                    pages.append(nb_id)
                rows[sid] = done
                continue
            # absolute(), not resolve(): a folder that is a link is refused, not followed.
            todo.append(Job(self.assignment, sid, nb_id, str(folder.absolute()),
                            str(self.out), release, self.sources, self.limits,
                            self.memory_bytes, str(scratch), print_))
        resumed = len(rows) - sum(bool(e.status) for e in entries)
        if resumed:
            self.log(f"{resumed} student(s) already graded (use --force to grade again)")
        pages = [p for p in pages if self._ran(p)] if self.feedback else []
        try:
            self._run(todo, rows, entries, pages)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        ordered = [rows[e.student_id] for e in entries if e.student_id in rows]
        self.publish(ordered)
        return ordered

    def publish(self, rows: list[StudentResult]) -> None:
        """Bring ``rows`` up to date with the gradebook, then write grades.csv and report.html.

        Manual grades given in the formgrader since a row was saved are read in
        (:func:`autograder.manual.refresh`; late penalties stay subtracted), and
        the report gets its item analysis and similarity flags.
        """
        manual.refresh(self.course.gradebook_url, self.assignment, rows)
        self.write_csv(rows)
        extra = ""
        if self.analysis and rows:
            from autograder.analysis import report_sections

            if self.release_nb is None:
                release = self.out / "release" / self.assignment / f"{self.assignment}.ipynb"
                self.release_nb = nbformat.read(release, as_version=4)
            extra = report_sections(self.out, self.assignment, rows, self.release_nb,
                                    log=self.log)
        write_report(self.out / "report.html", self.assignment, rows, self.max_score,
                     extra=extra)

    def _ran(self, nb_id: str) -> bool:
        return (self.out / "autograded" / nb_id / self.assignment /
                f"{self.assignment}.ipynb").exists()

    def _not_run(self, entry: Entry, nb_id: str) -> StudentResult:
        """The row of a student with nothing to run, or of a file matched to nobody."""
        result = StudentResult(student_id=entry.student_id, nbgrader_id=nb_id,
                               status=entry.status, message=entry.message,
                               max_score=self.max_score, questions=dict.fromkeys(self.qids, 0.0))
        if entry.status == "unknown":  # not a student: no gradebook entry, no page
            result.name, result.lms_id = entry.name, entry.lms_id
            return result
        explain_ungraded(self.out, self.assignment, result)
        job = Job(self.assignment, entry.student_id, nb_id, "", str(self.out), "", {},
                  self.limits, self.memory_bytes, "")
        self._record(job, result)
        return result

    def _run(self, todo: list[Job], rows: dict[str, StudentResult], entries: list[Entry],
             pages: list[str]) -> None:
        """Grade ``todo`` in worker processes; the same workers write feedback pages."""
        from tqdm import tqdm

        if self.analysis and todo:
            # The report's libraries load while this process mostly waits for workers.
            threading.Thread(target=_warm_report, daemon=True, name="warm-report").start()

        bar = tqdm(total=len(todo), desc=f"grading {self.assignment}", unit="student",
                   file=sys.stderr, disable=not self.progress or not todo,
                   dynamic_ncols=True)
        flagged = 0
        pending = todo
        order = [e.student_id for e in entries]
        failed_pages = False
        for attempt in (1, 2):
            if not pending and not pages:
                break
            retry: list[Job] = []
            workers = max(1, min(self.jobs, max(len(pending), len(pages))))
            pool, self._warm = (self._warm, None) if attempt == 1 and getattr(
                self, "_warm", None) is not None else (self._pool(workers), None)
            with pool:
                # A few students at a time in the pool's queue, so that each feedback
                # page is written as soon as its student is saved, not after everyone.
                queue = list(pending)
                window = 2 * workers
                futures: dict = {}
                page_futures = []
                for nb_id in pages:
                    try:
                        page_futures.append(self._page(pool, nb_id))
                    except BrokenProcessPool:
                        failed_pages = True
                _top_up(pool, queue, futures, window)
                while futures:
                    done, _ = wait(futures, timeout=5, return_when=FIRST_COMPLETED)
                    if not done and getattr(pool, "_broken", False):
                        # a pool that broke while a student was being submitted may
                        # never fail that future: those students go back to the queue
                        queue[:0] = futures.values()
                        futures.clear()
                        break
                    for future in done:
                        job = futures.pop(future)
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
                        self.write_csv([rows[sid] for sid in order if sid in rows])
                        if self.feedback and self._ran(job.nb_id):
                            try:
                                page_futures.append(self._page(pool, job.nb_id))
                            except BrokenProcessPool:
                                failed_pages = True  # nbgrader writes them at the end
                        flagged += result.status != "ok"
                        bar.set_postfix_str(f"{job.student_id}: {result.status}; "
                                            f"flagged {flagged}")
                        bar.update()
                    _top_up(pool, queue, futures, window)
                # a broken pool takes no more students: they go to the second attempt
                for job in queue:
                    if attempt == 1:
                        retry.append(job)
                    else:
                        result = self._failed(job, "the grading worker process died")
                        self._record(job, result)
                        rows[job.student_id] = result
                if queue:
                    self.write_csv([rows[sid] for sid in order if sid in rows])
                for future in page_futures:
                    try:
                        future.result()
                    except Exception as exc:  # noqa: BLE001 - nbgrader's own way below
                        failed_pages = True
                        self.log(f"a feedback page failed ({type(exc).__name__}: "
                                 f"{str(exc)[:200]}); writing them with nbgrader")
            if retry and attempt == 1:
                self.log(f"a grading worker process died: {len(retry)} student(s) not "
                         "finished are graded again by new workers")
            pending, pages = retry, []
        bar.close()
        if failed_pages:
            self._feedback(list(rows.values()))

    def _page(self, pool, nb_id: str):
        return pool.submit(write_feedback, str(self.out), self.assignment, nb_id,
                           self.course.gradebook_url)

    def _failed(self, job: Job, message: str) -> StudentResult:
        # Whatever an earlier run left for this student is not this submission's.
        shutil.rmtree(self.out / "autograded" / job.nb_id, ignore_errors=True)
        return StudentResult(student_id=job.student_id, nbgrader_id=job.nb_id, status="error",
                             message=message.splitlines()[0][:300] if message else "")

    def _record(self, job: Job, result: StudentResult) -> None:
        """Save one student's grades in the gradebook (the only writer), then their state.

        Everything goes in one transaction (:func:`autograder.saving.one_transaction`):
        a student's grades are saved whole or not at all.
        """
        from nbgrader.api import Gradebook, MissingEntry
        from sqlalchemy.exc import SAWarning

        from autograder.saving import SaveAutoGradesInto, one_transaction

        warnings.simplefilter("ignore", SAWarning)  # nbgrader's own ORM chatter
        result.max_score = self.max_score
        result.fingerprint = job.fingerprint  # of the folder as it was when graded
        autograded = self.out / "autograded" / job.nb_id / self.assignment / (
            f"{self.assignment}.ipynb")
        ran = autograded.exists() and result.status not in {"missing", "unreadable"}
        nb = nbformat.read(autograded, as_version=4) if ran else None
        with Gradebook(self.course.gradebook_url) as gb, one_transaction(gb):
            gb.update_or_create_student(job.nb_id, lms_user_id=job.student_id)
            if not ran:
                shutil.rmtree(autograded.parent.parent, ignore_errors=True)
                try:
                    gb.remove_submission(self.assignment, job.nb_id)
                except MissingEntry:
                    pass
                result.score, result.questions = 0.0, dict.fromkeys(self.qids, 0.0)
            else:
                gb.update_or_create_submission(self.assignment, job.nb_id)
                resources = {"nbgrader": {"notebook": self.assignment,
                                          "assignment": self.assignment, "student": job.nb_id,
                                          "db_url": self.course.gradebook_url}}
                SaveAutoGradesInto(gb).preprocess(nb, resources)
                gb.db.flush()
                sub = gb.find_submission(self.assignment, job.nb_id)
                result.score = round(float(sub.score), 2)
                result.questions = {grade.name: round(float(grade.score), 2)
                                    for notebook in sub.notebooks for grade in notebook.grades}
            result.raw_score = None  # the score just read is before any late penalty
            entry = self.entries.get(job.student_id)
            if entry is not None:
                self._apply_late(result, entry, ran, gb)
            gb.db.flush()
            manual.refresh(self.course.gradebook_url, self.assignment, [result],
                           gb=gb)  # tasks by hand
        _write_atomic(self.state_dir / f"{job.nb_id}.json", json.dumps(result.to_dict()))

    # ------------------------------------------------------------ late work

    def _lateness(self, result: StudentResult, entry: Entry) -> dict:
        """Name, ids, submission time and late penalty of a row, from its download entry."""
        due = self.config.due(self.assignment)
        rule = self.config.late
        raw = result.raw_score if result.raw_score is not None else result.score
        when = entry.submitted_at
        days = days_late(when, due, late_mark=entry.late_mark,
                         grace_minutes=rule.grace_minutes) if entry.status != "missing" else 0
        penalty = rule.penalty(self.max_score, days, raw) if days else 0.0
        return {"name": entry.name, "email": entry.email, "lms_id": entry.lms_id,
                "submitted_at": when.isoformat(timespec="seconds") if when else "",
                "late": days > 0, "days_late": days, "penalty": penalty, "raw_score": raw,
                "score": round(raw - penalty, 2)}

    def _late_changed(self, result: StudentResult, entry: Entry) -> bool:
        """Bring a resumed row's late penalty up to date; True if it changed."""
        fields = self._lateness(result, entry)
        if all(getattr(result, k) == v for k, v in fields.items()):
            return False
        self._apply_late(result, entry, self._ran(result.nbgrader_id))
        _write_atomic(self.state_dir / f"{result.nbgrader_id}.json",
                      json.dumps(result.to_dict()))
        return True

    def _apply_late(self, result: StudentResult, entry: Entry, ran: bool, gb=None) -> None:
        """Set the row's late fields and store due date, time and penalty in the gradebook.

        nbgrader keeps the penalty per submitted notebook
        (``late_submission_penalty``); its feedback pages and ``nbgrader export``
        subtract it from the score. ``gb``: an open gradebook to use (and commit).
        """
        from nbgrader.api import Gradebook, MissingEntry

        for key, value in self._lateness(result, entry).items():
            setattr(result, key, value)
        due = self.config.due(self.assignment)
        with contextlib.nullcontext(gb) if gb is not None else Gradebook(
                self.course.gradebook_url) as gb:
            if due is not None:
                gb.update_or_create_assignment(self.assignment, duedate=_utc_naive(due))
            gb.update_or_create_student(result.nbgrader_id, lms_user_id=result.student_id,
                                        last_name=entry.name or None,
                                        email=entry.email or None)
            if not ran:
                return
            try:
                sub = gb.find_submission(self.assignment, result.nbgrader_id)
            except MissingEntry:
                return
            sub.timestamp = _utc_naive(entry.submitted_at) if entry.submitted_at else None
            for k, notebook in enumerate(sub.notebooks):
                notebook.late_submission_penalty = result.penalty if k == 0 else 0.0
            gb.db.commit()

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
                         "auto_max", "manual_pending", *qids, "message", "feedback", "name",
                         "email", "lms_id", "submitted_at", "late", "days_late",
                         "late_penalty", "raw_score"])
        for r in results:
            r.feedback = self._feedback_path(r) or r.feedback
            raw = r.raw_score if r.raw_score is not None else r.score
            # Folder names, messages and roster fields are the students': never a formula.
            writer.writerow([defuse(c) for c in (
                r.student_id, self.assignment, f"{r.score:g}",
                f"{self.max_score:g}", r.status, f"{r.auto_max:g}", f"{r.manual_pending:g}",
                *(manual.cell_text(r, q, r.questions.get(q, 0.0)) for q in qids),
                r.message, r.feedback, r.name, r.email, r.lms_id, r.submitted_at,
                "yes" if r.late else "no", str(r.days_late), f"{r.penalty:g}", f"{raw:g}")])
        _write_atomic(path, buffer.getvalue(), encoding="utf-8-sig")
        return path


def _top_up(pool, queue: list[Job], futures: dict, window: int) -> None:
    """Submit students from ``queue`` until ``window`` are in the pool (none to a broken one)."""
    while queue and len(futures) < window:
        try:
            futures[pool.submit(grade_submission, queue[0])] = queue[0]
        except BrokenProcessPool:
            return
        queue.pop(0)


def _warm_report() -> None:
    """Import what report.html needs and draw once (fonts loaded), ahead of the report."""
    from autograder.analysis import warm_up

    with contextlib.suppress(Exception):  # the report does it again, and says what failed
        warm_up()


def _compile_course() -> None:
    """Byte-compile the ``course`` package once, here, where its folder is writable.

    Sandboxed kernels see the package read-only: without ``__pycache__`` each
    of them would compile every course module it imports again.
    """
    import compileall

    import course

    compileall.compile_dir(Path(course.__file__).parent, quiet=1, workers=1)


def _utc_naive(when):
    """A time as nbgrader's gradebook stores it: UTC, without a time zone."""
    from datetime import UTC

    return when.astimezone(UTC).replace(tzinfo=None)


def grade(assignment: str, submissions: str | Path, out_dir: str | Path | None = None,
          **options) -> list[StudentResult]:
    """Grade every student folder in ``submissions`` into ``out_dir``.

    Parameters
    ----------
    assignment : str
        Assignment id, e.g. ``"ch05"``.
    submissions : str or Path
        An LMS download (a zip file or a folder: Canvas, Moodle, or one
        sub-folder per student; see :mod:`autograder.lms`).
    out_dir : str or Path, optional
        The nbgrader course directory to grade into; default ``grading/<assignment>``.
    **options
        ``jobs``, ``cell_timeout``, ``submission_timeout``, ``memory``,
        ``feedback``, ``force``, ``progress``, ``log``, ``roster``, ``layout``,
        ``config``, ``analysis``, ``db`` (the gradebook's URL; see :class:`Grader`).

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
