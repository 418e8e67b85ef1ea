"""Save one student's grades into nbgrader's gradebook in a single transaction.

nbgrader commits after every cell it records (``SaveAutoGrades`` commits once
per grade and once per comment, ``update_or_create_*`` once each): about thirty
commits per student, each waiting for the disk. The grader records a student
through :func:`one_transaction`, in which those commits only flush, and one
commit at the end saves everything, so a student's grades are in the gradebook
whole or not at all (a grader killed halfway leaves the student as before,
and the resumed run grades them again). :class:`SaveAutoGradesInto` is
nbgrader's ``SaveAutoGrades`` writing into a gradebook that is already open.

Examples
--------
nbgrader creates a new gradebook with ``alembic`` from ``PATH``; a grader
killed inside the block leaves nothing of the student:

>>> import os, sys, tempfile
>>> os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"]
>>> from nbgrader.api import Gradebook
>>> with tempfile.TemporaryDirectory() as tmp:
...     url = f"sqlite:///{tmp}/gradebook.db"
...     with Gradebook(url) as gb, one_transaction(gb):
...         _ = gb.update_or_create_student("s1")
...     try:
...         with Gradebook(url) as gb, one_transaction(gb):
...             _ = gb.update_or_create_student("s2")
...             raise RuntimeError("the grader stops here")
...     except RuntimeError:
...         pass
...     with Gradebook(url) as gb:
...         [s.id for s in gb.students]
['s1']
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from autograder.nbgrader_light import light

light()
from nbgrader.preprocessors import SaveAutoGrades  # noqa: E402 - after light()


@contextlib.contextmanager
def one_transaction(gb) -> Iterator[None]:
    """Within the block, ``gb``'s commits only flush; commit once at the end (roll back on error).

    See the module's example.
    """
    session = gb.db
    session.commit = session.flush  # nbgrader's own commits, inside the block
    try:
        yield
    except BaseException:
        del session.commit
        session.rollback()
        raise
    del session.commit
    session.commit()


class _Prefetched:
    """The open gradebook, with one submitted notebook's grades and comments at hand.

    ``SaveAutoGrades`` looks up a cell's grade and comment with one query each
    (``find_grade``, ``find_comment``); here they come from the notebook's
    rows, read once. Everything else goes to the gradebook itself.
    """

    def __init__(self, gb, submitted):
        self._gb = gb
        self._grades = {g.name: g for g in submitted.grades}
        self._comments = {c.name: c for c in submitted.comments}

    def find_grade(self, grade_id, *args):
        found = self._grades.get(grade_id)
        return found if found is not None else self._gb.find_grade(grade_id, *args)

    def find_comment(self, grade_id, *args):
        found = self._comments.get(grade_id)
        return found if found is not None else self._gb.find_comment(grade_id, *args)

    def __getattr__(self, name):
        return getattr(self._gb, name)


class SaveAutoGradesInto(SaveAutoGrades):
    """nbgrader's ``SaveAutoGrades``, writing into the open gradebook ``gb``.

    nbgrader's own code records each cell (``_add_score``, ``_add_comment``);
    only the rows it records into are read in one go (:class:`_Prefetched`).
    """

    def __init__(self, gb, **kwargs):
        super().__init__(**kwargs)
        self._into = gb

    def preprocess(self, nb, resources):
        self.notebook_id = resources["nbgrader"]["notebook"]
        self.assignment_id = resources["nbgrader"]["assignment"]
        self.student_id = resources["nbgrader"]["student"]
        self.db_url = resources["nbgrader"]["db_url"]
        submitted = self._into.find_submission_notebook(
            self.notebook_id, self.assignment_id, self.student_id)
        self.gradebook = _Prefetched(self._into, submitted)
        # the cells, as SaveAutoGrades.preprocess does once it has opened its gradebook
        return super(SaveAutoGrades, self).preprocess(nb, resources)
