"""Generate the student version of an assignment into ``exercises/``.

``exercises/<id>/`` is produced only by :func:`release` (nbgrader's
``generate_assignment`` on ``solutions/<id>/``), never edited by hand; a test
fails when it is stale.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from autograder.coursedir import EXERCISES_DIR, CourseDir, check_assignment


def build_release(assignment: str, workdir: str | Path) -> Path:
    """Run nbgrader generate_assignment in ``workdir``; return the released folder."""
    course = CourseDir(Path(workdir))
    course.prepare(check_assignment(assignment))
    return course.generate_assignment(assignment)


def release(assignment: str, dest: str | Path = EXERCISES_DIR) -> Path:
    """Release ``assignment`` into ``dest/<assignment>/`` and return that folder.

    The folder is replaced as a whole only after nbgrader succeeded, so a
    failed release never leaves a half-written exercise behind.
    """
    with tempfile.TemporaryDirectory(prefix=f"release-{assignment}-") as tmp:
        built = build_release(assignment, tmp)
        target = Path(dest) / assignment
        staging = Path(dest) / f".{assignment}.new"
        if staging.exists():
            shutil.rmtree(staging)
        shutil.copytree(built, staging)
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    return target
