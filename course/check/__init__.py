"""Self-checks for the exercises, one module per chapter (Kaggle Learn style).

In a notebook::

    from course.check import ch05
    ch05.q1.check()      # checks the function rfm_table defined in the notebook
    ch05.q1.hint()       # one more hint each time

``check()`` runs the answer on a few small public cases and prints what, if
anything, differs, in the current course language. It never shows a
solution. The graded notebooks call ``ch05.q1.assert_passes(rfm_table)`` in
their visible test cells; the hidden tests live in ``autograder`` and are
never imported from here.

Examples
--------
>>> import course
>>> from course.check import ch05
>>> course.set_language("en")
>>> ch05.q1
<FunctionQuestion ch05_q1: rfm_table>
>>> ch05.q1.check(lambda transactions, as_of=None: None)  # doctest: +ELLIPSIS
Not yet: public case 1 (several lines in one order): `rfm_table` returned None; ...
Run `ch05.q1.hint()` for a hint.
False
"""

from course.check._core import Case, FunctionQuestion, NumbersQuestion, QuizQuestion

__all__ = ["Case", "FunctionQuestion", "NumbersQuestion", "QuizQuestion"]
