"""Check one answer against the hidden cases in this process (for tests and instructors).

:func:`verify` runs the same two halves as a graded notebook, without the
sandbox: the kernel half (:func:`course.check.handin.hand_in`, which calls
the answer on the generated inputs and writes the results as JSON data) and
the grader half (:func:`autograder.answers.score_question`, which rebuilds
the results and compares them with the reference). Use it to try a reference
answer or a typical mistake; student notebooks are graded by
``crm-course grade``, which keeps the two halves in separate processes.

Examples
--------
>>> from autograder.reference.ch05 import ref_man_qualify
>>> verify("ch05_q4", lambda leads, min_budget: ref_man_qualify(leads, min_budget))
ch05_q4 man_qualify: 6/6 hidden cases passed.
2.0
>>> from autograder.reference.ch05 import QUIZ_KEY
>>> verify("ch05_q5", {**QUIZ_KEY, "1": "a"})
ch05_q5 quiz_answers: 7/8 answers right.
3.5

An imported function earns nothing: the task is to write it.

>>> verify("ch05_q4", ref_man_qualify)  # doctest: +ELLIPSIS
ch05_q4 man_qualify: 0/6 hidden cases passed.
  - man_qualify: it comes from the module 'autograder.reference.ch05': write it in ...
0.0
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from pathlib import Path

from autograder.answers import read_record, score_question, write_cases
from autograder.reference import load
from course.check import handin

#: Seed of the generated inputs when no per-student seed is given.
DEFAULT_SEED = "crm-course"


def verify(qid: str, answer, seed: int | str | None = None, quiet: bool = False) -> float:
    """Grade ``answer`` for question ``qid`` on the hidden cases; return the points.

    Parameters
    ----------
    qid : str
        Question id such as ``"ch05_q1"``.
    answer : callable or dict
        The student's function (or, for a quiz or numbers question, the dict).
    seed : int or str, optional
        The student id the inputs are generated for; default :data:`DEFAULT_SEED`.
    quiet : bool, default False
        Do not print the report.

    Returns
    -------
    float
        Points earned: the question's points times the share of cases passed,
        rounded to two decimals.
    """
    assignment = qid.split("_")[0]
    question = load(assignment).QUESTIONS[qid]
    seed = str(seed if seed is not None else DEFAULT_SEED)
    with tempfile.TemporaryDirectory(prefix="crm-verify-") as tmp:
        folder = Path(tmp)
        write_cases(assignment, seed, folder, [qid])
        saved = os.environ.get(handin.GRADING_DIR)
        os.environ[handin.GRADING_DIR] = tmp
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                handin.hand_in(qid, answer)
        finally:
            if saved is None:
                os.environ.pop(handin.GRADING_DIR, None)
            else:
                os.environ[handin.GRADING_DIR] = saved
        score = score_question(question, read_record(folder, qid), seed)
    if not quiet:
        print(score.report)
    return float(score.points)
