"""The nbgrader course directory the grader works in, and running nbgrader's CLI.

nbgrader owns the workflow: ``source/`` → ``release/`` → ``submitted/`` →
``autograded/`` → ``feedback/``, with its SQLite gradebook beside them. This
module lays out such a directory from the repository's ``solutions/`` and
runs nbgrader's real command line in it.

Examples
--------
>>> ASSIGNMENTS[:2], ASSIGNMENTS[-1]
(('ch01', 'ch02'), 'capstone')
>>> "ch05" in available_assignments()
True
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

#: Every assignment id of the course, in syllabus order.
ASSIGNMENTS = ("ch01", "ch02", "ch03", "ch04", "ch05", "ch06", "ch07", "capstone")

REPO_ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS_DIR = REPO_ROOT / "solutions"
EXERCISES_DIR = REPO_ROOT / "exercises"

#: Seconds one cell of a submission may run before it is interrupted.
CELL_TIMEOUT = 30

CONFIG_TEMPLATE = '''\
# nbgrader configuration written by crm-course; edit autograder/coursedir.py instead.
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "crm-course"
c.CourseDirectory.root = {root!r}
c.CourseDirectory.db_url = {db_url!r}
c.ClearSolutions.code_stub = {{"python": "# YOUR CODE HERE\\nraise NotImplementedError()"}}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
c.Execute.timeout = {cell_timeout}
c.Execute.interrupt_on_timeout = True
c.Execute.startup_timeout = 120
c.LimitOutput.max_lines = 200
c.LimitOutput.max_traceback = 30
c.GenerateFeedback.preprocessors = {preprocessors!r}
# Students' markdown and HTML outputs are escaped, their scripts dropped: the
# instructor opens these pages in a browser.
c.SanitizeHTML.enabled = True
c.HTMLExporter.sanitize_html = True
c.HTMLExporter.filters = {{"markdown2html": {markdown_filter!r}}}
'''

#: What a feedback page goes through, in order, in nbgrader's ``generate_feedback``
#: (the config above) and in the grading workers (``autograder.feedbackpages``).
FEEDBACK_PREPROCESSORS = [
    "nbgrader.preprocessors.GetGrades",
    "autograder.feedback.HideHiddenTests",
    "nbconvert.preprocessors.sanitize.SanitizeHTML",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
#: The markdown filter of feedback pages (links only to http, https and mailto).
FEEDBACK_MARKDOWN_FILTER = "autograder.feedback.safe_markdown2html"


class GradingError(RuntimeError):
    """A grading step failed in a way the instructor must hear about."""


def available_assignments() -> list[str]:
    """Assignment ids that have an nbgrader source in ``solutions/``.

    Examples
    --------
    >>> set(available_assignments()) <= set(ASSIGNMENTS)
    True
    """
    return [a for a in ASSIGNMENTS if (SOLUTIONS_DIR / a / f"{a}.ipynb").exists()]


def check_assignment(assignment: str) -> str:
    """Return ``assignment`` if it can be released and graded, else raise.

    Raises
    ------
    GradingError
        Naming the unknown id or the missing source notebook.

    Examples
    --------
    >>> check_assignment("ch05")
    'ch05'
    >>> check_assignment("ch5")
    Traceback (most recent call last):
    ...
    autograder.coursedir.GradingError: unknown assignment 'ch5'; the course has ch01, ...
    """
    if assignment not in ASSIGNMENTS:
        raise GradingError(f"unknown assignment {assignment!r}; the course has "
                           f"{', '.join(ASSIGNMENTS)}")
    if assignment not in available_assignments():
        raise GradingError(f"assignment {assignment!r} has no source notebook yet "
                           f"(expected solutions/{assignment}/{assignment}.ipynb)")
    return assignment


@dataclass
class CourseDir:
    """An nbgrader course directory rooted at ``root``."""

    root: Path
    cell_timeout: int = CELL_TIMEOUT
    #: The gradebook's SQLAlchemy URL (None: ``gradebook.db`` in ``root``; see
    #: :mod:`autograder.gradebookdb` for PostgreSQL).
    db_url: str | None = None

    def __post_init__(self) -> None:
        self.root = Path(self.root).resolve()
        if self.db_url:
            from autograder.gradebookdb import check_db_url

            self.db_url = check_db_url(self.db_url)

    @property
    def gradebook_url(self) -> str:
        return self.db_url or f"sqlite:///{self.root / 'gradebook.db'}"

    @property
    def shared_gradebook(self) -> bool:
        """True when the gradebook is not this directory's own ``gradebook.db``."""
        return self.gradebook_url != f"sqlite:///{self.root / 'gradebook.db'}"

    def prepare(self, assignment: str) -> None:
        """Write the config and copy the assignment's source from ``solutions/``."""
        check_assignment(assignment)
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / "nbgrader_config.py").write_text(
            CONFIG_TEMPLATE.format(root=str(self.root), cell_timeout=self.cell_timeout,
                                   db_url=self.gradebook_url,
                                   preprocessors=FEEDBACK_PREPROCESSORS,
                                   markdown_filter=FEEDBACK_MARKDOWN_FILTER),
            encoding="utf-8")
        source = self.root / "source" / assignment
        if source.exists():
            shutil.rmtree(source)
        shutil.copytree(SOLUTIONS_DIR / assignment, source,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))

    def nbgrader(self, *args: str, timeout: float | None = None) -> subprocess.CompletedProcess:
        """Run ``nbgrader ARGS`` in this course directory and return the result.

        The virtual environment's ``bin/`` goes first on PATH, because nbgrader
        calls ``alembic`` from PATH to migrate its gradebook.
        """
        env = dict(os.environ)
        env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
        env.setdefault("PYTHONIOENCODING", "utf-8")
        return subprocess.run(
            [sys.executable, "-m", "nbgrader", *args],
            cwd=self.root, env=env, capture_output=True, text=True, timeout=timeout,
            stdin=subprocess.DEVNULL, check=False)

    def generate_assignment(self, assignment: str, db: bool = True) -> Path:
        """Release ``assignment`` (nbgrader generate_assignment) and return its folder.

        ``db=False`` writes only this course directory's release folder and leaves
        the gradebook as it is (nbgrader's ``--no-db``): for a shared gradebook that
        another grader has already released the assignment into.
        """
        result = self.nbgrader("generate_assignment", assignment, "--force",
                               *(() if db else ("--no-db",)))
        if result.returncode != 0:
            raise GradingError(f"nbgrader generate_assignment {assignment} failed:\n"
                               f"{result.stdout[-2000:]}{result.stderr[-4000:]}")
        return self.root / "release" / assignment
