"""Grade one submission, from the student's folder to an autograded notebook.

:func:`grade_submission` is what each parallel worker runs. It never writes
the gradebook (the main process is its only writer) and never raises for a
bad submission. Its steps:

1. keep a copy of the folder as submitted (``originals/``);
2. find and read the notebook (``missing``, ``unreadable``);
3. rebuild locked and test cells from the release, then give test cells
   their full source from the gradebook, hidden tests included
   (``tampered`` if anything had to be restored);
4. write the hidden inputs, seeded from the student id, into a scratch
   folder, and run the notebook in a sandboxed kernel there (time, memory
   and output limits: ``timeout``, ``memory-limit``, ``kernel-died``,
   ``needs-input``, ``output-cut``);
5. score what the kernel handed in against the reference, in this process,
   and write the points into each test cell's output, where nbgrader's
   ``SaveAutoGrades`` reads them;
6. write the result to ``autograded/``.
"""

from __future__ import annotations

import contextlib
import copy
import ctypes
import html
import shutil
import signal
import threading
import time
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat

from autograder import kernelahead
from autograder.answers import Score, precompute, score_folder, write_cases
from autograder.confine import folder_full, private_mounts
from autograder.coursedir import GradingError
from autograder.execute import Event, Limits, run_notebook
from autograder.restore import restore_cells
from autograder.safety import check_folder, check_notebook_path, copy_tree
from autograder.submissions import find_notebook, read_submission

#: Status words, most serious first: a row shows the first that applies.
STATUSES = ("missing", "unknown", "ambiguous", "refused", "unreadable", "error",
            "kernel-died", "memory-limit", "process-limit", "file-limit", "timeout",
            "needs-input", "output-cut", "tampered", "ok")

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
class Job:
    """Everything a worker needs to grade one student (picklable)."""

    assignment: str
    student_id: str
    nb_id: str
    folder: str
    course_root: str
    release: str
    sources: dict[str, str]
    limits: Limits
    memory_bytes: int
    scratch: str
    fingerprint: str = ""


@dataclass
class StudentResult:
    """The outcome for one student folder (one row of grades.csv)."""

    student_id: str
    nbgrader_id: str
    status: str = "ok"
    message: str = ""
    score: float = 0.0
    max_score: float = 0.0
    questions: dict[str, float] = field(default_factory=dict)
    feedback: str = ""
    seconds: float = 0.0
    fingerprint: str = ""
    #: Points the autograder can give (the maximum less the tasks graded by hand).
    auto_max: float = 0.0
    #: Points of tasks graded by hand still waiting for a person (autograder.manual).
    manual_pending: float = 0.0
    #: Grade id of each task graded by hand -> "pending", "blank" or "graded".
    manual: dict[str, str] = field(default_factory=dict)
    #: Hidden case -> passed, per question (item analysis); quiz answers per item.
    cases: dict[str, dict[str, bool]] = field(default_factory=dict)
    choices: dict[str, dict[str, str]] = field(default_factory=dict)
    #: From the roster or the LMS download (see autograder.lms).
    name: str = ""
    email: str = ""
    lms_id: str = ""
    #: Late work (autograder.late): when, whether, by how much; score = raw_score - penalty.
    submitted_at: str = ""
    late: bool = False
    days_late: int = 0
    penalty: float = 0.0
    raw_score: float | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def worst(statuses: list[str]) -> str:
    """The most serious status of several.

    Examples
    --------
    >>> worst(["tampered", "timeout", "ok"])
    'timeout'
    >>> worst([])
    'ok'
    """
    present = set(statuses)
    return next((s for s in STATUSES if s in present), "ok")


def die_with_parent() -> None:
    """Set up a worker: killed with its parent (a killed run leaves no workers), quiet."""
    # A duplicated cell id is a note in the status message, not a warning on the console.
    warnings.filterwarnings("ignore", message="Non-unique cell id")
    from autograder.nbgrader_light import one_engine_per_database

    # Feedback pages use nbgrader's GetGrades: not its server extensions, and
    # one database engine for all the pages this worker writes.
    one_engine_per_database()
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    private_mounts()  # scratch folders are mounted where only this worker sees them


def warm_up(assignment: str, feedback: bool = True,
            kernel: tuple[str, str, int] | None = None) -> None:
    """Import in a new worker what grading needs, before the first student arrives.

    ``kernel`` (assignment, scratch folder, memory cap) also launches the
    first student's kernel (:func:`autograder.kernelahead.start_ahead`).
    """
    if kernel is not None:
        kernelahead.start_ahead(kernelahead.Key(*kernel))
    import jupyter_client  # noqa: F401
    import nbclient  # noqa: F401

    from autograder.reference import load

    load(assignment)
    if feedback:
        from autograder.feedbackpages import _exporter

        _exporter()


def explain_ungraded(root: Path, assignment: str, result: StudentResult) -> None:
    """Feedback for a submission that could not be run: what was wrong, in both languages."""
    folder = root / "feedback" / result.nbgrader_id / assignment
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / f"{assignment}.html"
    page.write_text(UNGRADED_PAGE.format(
        assignment=html.escape(assignment), student=html.escape(result.student_id),
        status=html.escape(result.status), message=html.escape(result.message)),
        encoding="utf-8")
    result.feedback = str(page.relative_to(root))


def _keep_original(folder: Path, root: Path, nb_id: str) -> None:
    # Links are copied as links and special files not at all: nothing is followed.
    copy_tree(folder, root / "originals" / nb_id)


def _with_hidden_tests(nb: nbformat.NotebookNode, sources: dict[str, str]) -> None:
    """Give every locked cell its source as stored in the gradebook."""
    for cell in nb.cells:
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if gid in sources:
            cell.source = sources[gid]


def _is_test(cell) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return bool(meta.get("grade")) and not meta.get("solution") and cell.cell_type == "code"


def score_cells(nb: nbformat.NotebookNode, scores: dict[str, Score]) -> None:
    """Replace each test cell's outputs with the public-test text and the grader's points.

    The kernel's own outputs of a test cell keep their standard output (what
    the public tests printed); an error becomes one line, without traceback;
    standard error is dropped (nbgrader would zero the cell for it). Then
    come the grader's report and, as the cell's result, the points.
    """
    for cell in nb.cells:
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if not _is_test(cell) or gid not in scores:
            continue
        kept = []
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("name") == "stdout":
                kept.append(out)
            elif out.get("output_type") == "error":
                kept.append(nbformat.v4.new_output(
                    "stream", name="stdout",
                    text=f"{out.get('ename', 'Error')}: {out.get('evalue', '')}"[:500] + "\n"))
        score = scores[gid]
        kept.append(nbformat.v4.new_output("stream", name="stdout", text=score.report + "\n"))
        kept.append(nbformat.v4.new_output("execute_result", data={"text/plain": repr(
            float(score.points))}, execution_count=cell.get("execution_count")))
        cell.outputs = kept


def grade_submission(job: Job) -> StudentResult:
    """Grade one student's folder (see the module docstring); never raises for bad input."""
    try:
        return _grade_submission(job)
    except Exception as exc:  # noqa: BLE001 - a last net: one student, in words
        result = StudentResult(student_id=job.student_id, nbgrader_id=job.nb_id,
                               status="error")
        what = str(exc).splitlines()[0][:200] if str(exc) else ""
        result.message = (f"the grader failed on the submission in folder {job.student_id!r} "
                          f"({type(exc).__name__}{': ' + what if what else ''})")
        shutil.rmtree(Path(job.course_root) / "autograded" / job.nb_id, ignore_errors=True)
        return result


def _grade_submission(job: Job) -> StudentResult:
    started = time.monotonic()
    root = Path(job.course_root)
    result = StudentResult(student_id=job.student_id, nbgrader_id=job.nb_id)
    folder = Path(job.folder)
    _keep_original(folder, root, job.nb_id)
    refusal = check_folder(folder)
    path = find_notebook(folder, job.assignment) if refusal is None else None
    if refusal is None and path is not None:
        refusal = check_notebook_path(folder, path)
    if refusal is not None:
        result.status, result.message = "refused", refusal
        explain_ungraded(root, job.assignment, result)
        return result
    if path is None:
        result.status, result.message = "missing", f"no .ipynb file in folder {job.student_id!r}"
        explain_ungraded(root, job.assignment, result)
        return result
    try:
        submitted = read_submission(path)
    except GradingError as exc:
        result.status, result.message = "unreadable", str(exc)
        explain_ungraded(root, job.assignment, result)
        return result

    release = nbformat.reads(job.release, as_version=4)
    restored, notes = restore_cells(submitted, release)
    statuses, messages = [], []
    if notes:
        statuses.append("tampered")
        messages.append("; ".join(notes) + " (restored from the gradebook)")
    submitted_dir = root / "submitted" / job.nb_id / job.assignment
    submitted_dir.mkdir(parents=True, exist_ok=True)
    nbformat.write(restored, submitted_dir / f"{job.assignment}.ipynb")

    full = copy.deepcopy(restored)
    _with_hidden_tests(full, job.sources)
    key = kernelahead.Key(job.assignment, job.scratch, job.memory_bytes)
    # This student's kernel: launched while the one before ran (or now), in a
    # fresh scratch folder capped in files and bytes, removed afterwards.
    kernel = kernelahead.take(key)
    try:
        work, grading = kernel.work, kernel.grading
        write_cases(job.assignment, job.student_id, grading)
        # The reference's answers are worked out while the kernel runs (answers.precompute).
        reference = threading.Thread(target=precompute, args=(job.assignment, job.student_id),
                                     daemon=True)
        reference.start()
        nbformat.write(restored, work / f"{job.assignment}.ipynb")
        kernel.hand_over(kernel.km.policy.run_as, work / f"{job.assignment}.ipynb")
        # The next student's kernel boots while this one runs. If it cannot be
        # launched now, that is not this student's doing: take() tries again.
        with contextlib.suppress(Exception):
            kernelahead.start_ahead(key)
        report = run_notebook(full, work, limits=job.limits, km=kernel.km, kc=kernel.kc,
                              preamble=kernelahead.student_preamble(job.student_id))
        reference.join()
        if folder_full(work) and not any(e.status == "file-limit" for e in report.events):
            report.events.append(Event("file-limit", None, "the working folder filled up "
                                       "(too many files or bytes); later writes failed"))
        scores = score_folder(job.assignment, grading, job.student_id)
        handed_in = any((grading / "answers").glob("*.json"))
    finally:
        kernel.close()
    for event in report.events:
        statuses.append(event.status)
        if event.message not in messages:
            messages.append(event.message)
    if not report.events and not handed_in:
        # Every test cell ran and none handed anything in: the hidden tests could
        # not run at all (a stale release, say), which is no student's doing.
        statuses.append("error")
        messages.append("no answer was handed in by any test cell: check that the hidden "
                        "tests can run (crm-course release, then grade with --force)")
    score_cells(report.nb, scores)
    out_dir = root / "autograded" / job.nb_id / job.assignment
    out_dir.mkdir(parents=True, exist_ok=True)
    nbformat.write(report.nb, out_dir / f"{job.assignment}.ipynb")
    result.status = worst(statuses)
    result.message = "; ".join(messages)[:500]
    result.questions = {qid: s.points for qid, s in scores.items()}
    result.cases = {qid: s.cases for qid, s in scores.items() if s.cases}
    result.choices = {qid: s.choices for qid, s in scores.items() if s.choices}
    result.seconds = round(time.monotonic() - started, 2)
    return result
