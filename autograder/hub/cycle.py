"""The loop through nbgrader's exchange: release, collect, grade, release feedback.

Everything here runs as the instructor (the grading service or ``crm-course hub
release|grade``), with nbgrader's own commands in the hub's course folder:

1. :func:`release` generates the assignment from ``solutions/`` into the
   shared gradebook (through ``crm-course grade``'s own set-up, so the release
   students fetch is the one the grader restores tests from) and publishes it
   with ``nbgrader release_assignment``.
2. :func:`collect` runs ``nbgrader collect --update``: the newest submission of
   each student, with ``timestamp.txt``, into ``course/submitted/<id>/<a>/``.
3. :func:`grade` copies each student's submission into a folder of its own and
   grades them all with :class:`autograder.grading.Grader` (the sandbox, the
   limits, the shared gradebook); students graded before and not changed since
   are skipped, so grading again costs only the new submissions.
4. :func:`release_feedback` copies each page into the course folder (beside
   the submission's ``timestamp.txt`` and ``submission_secret.txt``, which
   nbgrader's exchange uses to give the page to the right submission) and runs
   ``nbgrader release_feedback``; students fetch it from the Assignments panel.

:func:`new_submissions` tells the service when something arrived.

Examples
--------
>>> parse_inbound("alice+ch05+2026-12-01 14:00:00.123456 UTC+8d1c")
('alice', 'ch05', '2026-12-01 14:00:00.123456 UTC')
>>> parse_inbound("not-a-submission") is None
True
"""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from autograder.coursedir import CourseDir, GradingError, check_assignment
from autograder.hub.settings import HubSettings
from autograder.submissions import nbgrader_id


@dataclass
class CycleReport:
    """What one pass of the loop did for one assignment."""

    assignment: str
    collected: list[str] = field(default_factory=list)
    graded: dict[str, dict] = field(default_factory=dict)
    feedback: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)


def _course(settings: HubSettings) -> CourseDir:
    return CourseDir(settings.course_dir, db_url=settings.db_url)


def _run(settings: HubSettings, *args: str) -> str:
    result = _course(settings).nbgrader(*args)
    if result.returncode != 0:
        raise GradingError(f"nbgrader {' '.join(args)} failed:\n"
                           f"{(result.stdout + result.stderr)[-3000:]}")
    return result.stdout + result.stderr


def grader(settings: HubSettings, assignment: str, **options):
    """The :class:`autograder.grading.Grader` of ``assignment`` on this hub."""
    from autograder.grading import Grader

    options = {"jobs": settings.jobs, "cell_timeout": settings.cell_timeout,
               "memory": settings.memory, "progress": False, **options}
    return Grader(assignment, settings.grading_dir / assignment, db=settings.db_url, **options)


def release(settings: HubSettings, assignment: str) -> Path:
    """Put ``assignment`` in the gradebook and the exchange; return the released folder."""
    check_assignment(assignment)
    g = grader(settings, assignment)
    g.prepare()  # generate_assignment into the shared gradebook (once per source)
    released = g.out / "release" / assignment
    target = settings.course_dir / "release" / assignment
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(released, target)
    _run(settings, "release_assignment", assignment, "--force")
    return settings.exchange / settings.course_id / "outbound" / assignment


def released(settings: HubSettings) -> list[str]:
    """The assignments in the exchange's outbound folder."""
    outbound = settings.exchange / settings.course_id / "outbound"
    return sorted(p.name for p in outbound.iterdir()) if outbound.is_dir() else []


def parse_inbound(name: str) -> tuple[str, str, str] | None:
    """(student, assignment, timestamp) of an inbound entry ``id+assignment+time[+random]``."""
    parts = name.split("+")
    if len(parts) < 3:
        return None
    return parts[0], parts[1], parts[2]


def inbound(settings: HubSettings, assignment: str) -> list[str]:
    """Names of the submissions of ``assignment`` in the exchange's inbound folder."""
    folder = settings.exchange / settings.course_id / "inbound"
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir()
                  if (parsed := parse_inbound(p.name)) and parsed[1] == assignment)


def _seen_file(settings: HubSettings, assignment: str) -> Path:
    return settings.state_dir / "service" / f"{assignment}.seen.json"


def new_submissions(settings: HubSettings, assignment: str) -> list[str]:
    """Inbound submissions of ``assignment`` not yet through a whole cycle."""
    path = _seen_file(settings, assignment)
    seen = set(json.loads(path.read_text(encoding="utf-8"))) if path.exists() else set()
    return [name for name in inbound(settings, assignment) if name not in seen]


def _mark_seen(settings: HubSettings, assignment: str, names: list[str]) -> None:
    path = _seen_file(settings, assignment)
    path.parent.mkdir(parents=True, exist_ok=True)
    seen = set(json.loads(path.read_text(encoding="utf-8"))) if path.exists() else set()
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(sorted(seen | set(names))), encoding="utf-8")
    tmp.replace(path)


def collect(settings: HubSettings, assignment: str) -> list[str]:
    """``nbgrader collect --update``; return the students with a submission."""
    _run(settings, "collect", assignment, "--update")
    submitted = settings.course_dir / "submitted"
    return sorted(p.name for p in submitted.iterdir()
                  if (p / assignment).is_dir()) if submitted.is_dir() else []


def _stage(settings: HubSettings, assignment: str, students: list[str]) -> Path:
    """One folder per student holding only this assignment's files (what the grader reads)."""
    staging = settings.state_dir / "staging" / assignment
    for student in students:
        source = settings.course_dir / "submitted" / student / assignment
        target = staging / student
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(source, target, symlinks=True)
    for old in (staging.iterdir() if staging.is_dir() else []):
        if old.name not in students:
            shutil.rmtree(old)
    staging.mkdir(parents=True, exist_ok=True)
    return staging


def grade(settings: HubSettings, assignment: str, students: list[str], *,
          force: bool = False, log=print) -> dict[str, dict]:
    """Grade the collected submissions; return each student's score and status."""
    g = grader(settings, assignment, force=force, log=log)
    rows = g.grade_folder(_stage(settings, assignment, students))
    return {r.student_id: {"score": r.score, "max_score": r.max_score, "status": r.status,
                           "nbgrader_id": r.nbgrader_id} for r in rows}


def release_feedback(settings: HubSettings, assignment: str, students: list[str]) -> list[str]:
    """Give each graded student's page to the exchange; return who has feedback there."""
    done = []
    for student in students:
        page = (settings.grading_dir / assignment / "feedback" / nbgrader_id(student) /
                assignment / f"{assignment}.html")
        submitted = settings.course_dir / "submitted" / student / assignment
        if not page.exists() or not (submitted / "timestamp.txt").exists():
            continue
        target = settings.course_dir / "feedback" / student / assignment
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        shutil.copy2(page, target / page.name)
        for name in ("timestamp.txt", "submission_secret.txt"):
            if (submitted / name).exists():
                shutil.copy2(submitted / name, target / name)
        done.append(student)
    if done:
        _run(settings, "release_feedback", assignment)
    return done


def run_cycle(settings: HubSettings, assignment: str, *, force: bool = False,
              log=print) -> CycleReport:
    """Collect, grade and release feedback for ``assignment`` once."""
    start = time.perf_counter()
    arrived = inbound(settings, assignment)
    report = CycleReport(assignment)
    report.collected = collect(settings, assignment)
    if report.collected:
        report.graded = grade(settings, assignment, report.collected, force=force, log=log)
        report.feedback = release_feedback(settings, assignment, report.collected)
    _mark_seen(settings, assignment, arrived)
    report.seconds = round(time.perf_counter() - start, 2)
    return report
