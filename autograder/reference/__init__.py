"""Reference answers, hidden cases and quiz keys, one module per assignment.

Instructor-side only: nothing in ``course`` imports this package and nothing
from it is copied into ``exercises/``.

Examples
--------
>>> from autograder.reference import load
>>> sorted(load("ch05").QUESTIONS)
['ch05_q1', 'ch05_q2', 'ch05_q3', 'ch05_q4', 'ch05_q5', 'ch05_q6']
"""

from importlib import import_module
from types import ModuleType


def load(assignment: str) -> ModuleType:
    """Return the reference module of an assignment (``"ch05"``).

    Raises
    ------
    KeyError
        If the assignment has no reference module.
    """
    try:
        return import_module(f"autograder.reference.{assignment}")
    except ModuleNotFoundError as exc:
        raise KeyError(f"no reference answers for assignment {assignment!r}") from exc
