"""Hidden tests: compare a student's answer with the reference on generated inputs.

A graded notebook's test cell ends with ``verify("ch05_q1", rfm_table)``.
The call prints one line per case that failed (the case's name and the first
difference, never the test code or the reference) and returns the points
earned, which nbgrader takes as the cell's partial credit.

Examples
--------
>>> from autograder.reference.ch05 import ref_man_qualify
>>> verify("ch05_q4", lambda leads, min_budget: ref_man_qualify(leads, min_budget))
ch05_q4 man_qualify: 4/4 hidden cases passed.
2.0
>>> verify("ch05_q5", {"1": "b", "2": "a", "3": "a", "4": "a", "5": "c"})
ch05_q5 quiz_answers: 4/5 answers right.
1.6

An imported function earns nothing: the task is to write it.

>>> verify("ch05_q4", ref_man_qualify)  # doctest: +ELLIPSIS
ch05_q4 man_qualify: 0/0 hidden cases passed.
  - man_qualify comes from the module 'autograder.reference.ch05': write it in this notebook ...
0.0
"""

from __future__ import annotations

import contextlib
import copy
import io
import os
import warnings

from autograder.reference import load
from course.check._core import imported_from

#: Seed of the generated inputs when no per-student seed is given.
DEFAULT_SEED = "crm-course"


def _call_quietly(func, args, kwargs):
    """Call the student's function with stdout, stderr and warnings captured.

    nbgrader gives no credit to a test cell that wrote to stderr, so a
    student's stray warning must not reach the cell's output.
    """
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink), \
            warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return func(*args, **kwargs)


def verify(qid: str, answer, seed: int | str | None = None, quiet: bool = False) -> float:
    """Grade ``answer`` for question ``qid`` on the hidden cases; return the points.

    Parameters
    ----------
    qid : str
        Question id such as ``"ch05_q1"``.
    answer : callable or dict
        The student's function (or, for a quiz, the dict of answers).
    seed : int or str, optional
        Seed of the generated inputs; defaults to ``CRM_GRADING_SEED`` or
        :data:`DEFAULT_SEED`.
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
    seed = seed if seed is not None else os.environ.get("CRM_GRADING_SEED", DEFAULT_SEED)
    lines: list[str] = []

    if question.key is not None:
        right = 0
        given = answer if isinstance(answer, dict) else {}
        given = {str(k): str(v).strip().lower() for k, v in given.items()}
        for qno, key in question.key.items():
            right += given.get(qno) == key
        total = len(question.key)
        if not isinstance(answer, dict):
            lines.append(f"  - {question.name} must be a dict, got {type(answer).__name__}")
        header = f"{qid} {question.name}: {right}/{total} answers right."
        points = round(question.points * right / total, 2)
    else:
        origin = imported_from(answer)
        if not callable(answer):
            cases, passed = [], 0
            lines.append(f"  - {question.name} is not a function")
        elif origin:
            cases, passed = [], 0
            lines.append(f"  - {question.name} comes from the module {origin!r}: write it in "
                         "this notebook instead of importing it")
        else:
            cases = question.cases(seed)
            passed = 0
            for case in cases:
                expected = question.reference(*copy.deepcopy(case.args), **case.kwargs)
                try:
                    got = _call_quietly(answer, copy.deepcopy(case.args), dict(case.kwargs))
                except NotImplementedError:
                    lines.append(f"  - {case.name}: not implemented yet")
                    continue
                except Exception as exc:  # noqa: BLE001 - any error in student code
                    text = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
                    lines.append(f"  - {case.name}: raised {text}")
                    continue
                try:
                    ok, message = question.compare(expected, got)
                except Exception as exc:  # noqa: BLE001 - a result we cannot even compare
                    ok, message = False, f"result could not be compared ({type(exc).__name__})"
                if ok:
                    passed += 1
                else:
                    lines.append(f"  - {case.name}: {message}")
        total = max(len(cases), 1)
        header = f"{qid} {question.name}: {passed}/{len(cases)} hidden cases passed."
        points = round(question.points * passed / total, 2)
    if not quiet:
        print("\n".join([header, *lines]))
    return float(points)
