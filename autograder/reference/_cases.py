"""Building blocks shared by the reference modules: questions, cases, comparisons.

Examples
--------
>>> import pandas as pd
>>> compare_series(pd.Series({"a": 1}), pd.Series({"a": 2}), "label")
(False, "label of 'a': expected 1, got 2")
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Case:
    """One generated input of a hidden test.

    Attributes
    ----------
    name : str
        Short label, unique within its question and the same for every
        student (the inputs differ, the name does not): students see it in
        their feedback and item analysis can count passes per name.
    args, kwargs
        The call's arguments.
    description : str
        One plain sentence saying what the case tests ("ties at a bin edge:
        equal values must get equal scores"), for instructors and item analysis.
    """

    name: str
    args: tuple
    kwargs: dict = field(default_factory=dict)
    description: str = ""


@dataclass(frozen=True)
class Question:
    """A graded question: what the student writes and how it is checked.

    Attributes
    ----------
    qid : str
        Stable id, also the nbgrader ``grade_id`` of the test cell.
    name : str
        The function or variable the student defines.
    points : float
        Points of the test cell (the solutions notebook must agree; a test checks).
    reference : callable or None
        The reference function (None for a quiz).
    cases : callable
        ``cases(seed) -> list[Case]``: generated inputs, edge cases included.
    compare : callable
        ``compare(expected, got) -> (ok, message)``.
    key : dict or None
        The answer key of a quiz.
    expected : callable or None
        For a question about the student's own data: ``expected(student_id)``
        gives the dict of right numbers, compared key by key.
    edges : tuple of str
        Names of the cases that are the question's named edge cases: every
        student's ``cases(seed)`` holds each of them (a test checks, over many
        seeds, that each is present and really has the property it names).
    """

    qid: str
    name: str
    points: float
    reference: Callable | None
    cases: Callable[[int | str], list[Case]]
    compare: Callable[[object, object], tuple[bool, str]]
    key: dict | None = None
    expected: Callable[[str], dict] | None = None
    edges: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        """``"quiz"``, ``"numbers"`` or ``"function"``."""
        if self.key is not None:
            return "quiz"
        return "numbers" if self.expected is not None else "function"


def _fmt(value) -> str:
    if isinstance(value, float | np.floating):
        return f"{float(value):.6g}"
    if isinstance(value, np.integer):
        return str(int(value))
    return repr(value)


def _as_frame(got, index_name: str | None) -> pd.DataFrame | None:
    if isinstance(got, pd.DataFrame):
        if index_name is not None and index_name in got.columns:
            got = got.set_index(index_name)
        return got
    return None


def compare_frames(expected: pd.DataFrame, got, what: str = "table",
                   index_name: str | None = "customer_id",
                   rtol: float = 1e-6) -> tuple[bool, str]:
    """Compare two tables cell by cell, ignoring row order and dtypes.

    Returns
    -------
    (bool, str)
        Whether they agree, and the first difference in words.

    Examples
    --------
    >>> e = pd.DataFrame({"x": [1, 2]}, index=pd.Index(["a", "b"], name="customer_id"))
    >>> compare_frames(e, e.iloc[::-1])
    (True, '')
    >>> compare_frames(e, e.drop(index="b"))[1]
    "the table is missing row(s) for ['b']"
    """
    got = _as_frame(got, index_name)
    if got is None:
        return False, f"expected a pandas DataFrame, got {type(got).__name__}"
    missing_cols = [c for c in expected.columns if c not in got.columns]
    if missing_cols:
        return False, f"the {what} has no column(s) {missing_cols}; it has {list(got.columns)}"
    exp_idx = expected.index.astype(str)
    got_idx = got.index.astype(str)
    if got_idx.has_duplicates:
        dup = got_idx[got_idx.duplicated()][0]
        return False, f"the {what} has more than one row for {dup!r}"
    missing = sorted(set(exp_idx) - set(got_idx))
    if missing:
        return False, f"the {what} is missing row(s) for {missing[:3]}"
    extra = sorted(set(got_idx) - set(exp_idx))
    if extra:
        return False, f"the {what} has unexpected row(s) for {extra[:3]}"
    got = got.set_axis(got_idx, axis=0).loc[list(exp_idx)]
    for col in expected.columns:
        e_vals = expected[col].to_numpy()
        g_vals = got[col].to_numpy()
        for key, e, g in zip(exp_idx, e_vals, g_vals, strict=True):
            if not _equal(e, g, rtol):
                return False, f"{col} of {key!r}: expected {_fmt(e)}, got {_fmt(g)}"
    return True, ""


def _equal(e, g, rtol: float) -> bool:
    try:
        if isinstance(e, str | bytes) or isinstance(g, str | bytes):
            return str(e) == str(g)
        if pd.isna(e) or pd.isna(g):
            return bool(pd.isna(e) and pd.isna(g))
        return bool(np.isclose(float(e), float(g), rtol=rtol, atol=1e-9))
    except (TypeError, ValueError):
        return False


def compare_series(expected: pd.Series, got, what: str = "value",
                   rtol: float = 1e-6) -> tuple[bool, str]:
    """Compare two Series by index label, ignoring order and dtype.

    Examples
    --------
    >>> compare_series(pd.Series({"a": "A"}), pd.Series({"a": "A"}))
    (True, '')
    >>> compare_series(pd.Series({"a": "A"}), ["A"])
    (False, 'expected a pandas Series, got list')
    """
    if not isinstance(got, pd.Series):
        return False, f"expected a pandas Series, got {type(got).__name__}"
    return compare_frames(expected.to_frame(what), got.to_frame(what),
                          what="result", index_name=None, rtol=rtol)


def compare_quiz(key: dict, got) -> tuple[bool, str]:
    """Compare quiz answers with the key; the message never reveals the key.

    Examples
    --------
    >>> compare_quiz({"1": "a"}, {"1": "b"})
    (False, 'question 1 is not right')
    """
    if not isinstance(got, dict):
        return False, f"quiz answers must be a dict, got {type(got).__name__}"
    given = {str(k): str(v).strip().lower() for k, v in got.items()}
    for qno, right in key.items():
        if given.get(qno) != right:
            return False, f"question {qno} is not right"
    return True, ""


def compare_numbers(expected: dict, got, atol: float = 1e-3) -> list[tuple[str, bool, str]]:
    """Compare a dict of numbers key by key: ``(key, ok, message)`` for each expected key.

    Counts must match exactly, other numbers within ``atol``. Messages say
    what is wrong without giving the right number.

    Examples
    --------
    >>> compare_numbers({"n": 10, "share": 0.25}, {"n": 10, "share": 0.2504})
    [('n', True, ''), ('share', True, '')]
    >>> compare_numbers({"n": 10}, {"n": 11})
    [('n', False, 'n is not right for your data')]
    >>> compare_numbers({"n": 10}, [10])
    [('n', False, 'my_numbers must be a dict, got list')]
    """
    if not isinstance(got, dict):
        return [(k, False, f"my_numbers must be a dict, got {type(got).__name__}")
                for k in expected]
    rows = []
    for key, right in expected.items():
        value = got.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            rows.append((key, False, f"{key} is {_fmt(value)}, not a number"))
            continue
        if isinstance(right, int | np.integer):
            ok = float(value) == float(right)
        else:
            ok = abs(float(value) - float(right)) <= atol
        rows.append((key, ok, "" if ok else f"{key} is not right for your data"))
    return rows


# ------------------------------------------------------------ building hidden cases


def no_cases(seed) -> list[Case]:
    """The cases of a quiz or a numbers task: one placeholder, no generated inputs.

    Examples
    --------
    >>> no_cases(0)
    [Case(name='quiz', args=(), kwargs={}, description='no generated inputs')]
    """
    return [Case("quiz", (), {}, "no generated inputs")]


def empty_transactions() -> pd.DataFrame:
    """Order lines in the course schema with no rows, each column of its usual dtype.

    Examples
    --------
    >>> tx = empty_transactions()
    >>> len(tx), str(tx["quantity"].dtype), str(tx["amount"].dtype)
    (0, 'int64', 'float64')
    """
    from course.synthetic import transactions_from_rows

    return transactions_from_rows([]).astype({
        "customer_id": str, "order_id": str, "quantity": "int64", "unit_price": "float64",
        "amount": "float64"})


def random_day(rng, start: str = "2024-01-01", days: int = 300) -> pd.Timestamp:
    """A day drawn uniformly from the ``days`` days from ``start`` (one draw of ``rng``).

    Examples
    --------
    >>> random_day(np.random.default_rng(0), days=1)
    Timestamp('2024-01-01 00:00:00')
    """
    return pd.Timestamp(start) + pd.Timedelta(days=int(rng.integers(0, days)))


def random_price(rng) -> float:
    """A unit price from 2 to 60, rounded to cents (one draw of ``rng``).

    Examples
    --------
    >>> 2 <= random_price(np.random.default_rng(0)) <= 60
    True
    """
    return round(float(rng.uniform(2, 60)), 2)


def with_rows(shop: pd.DataFrame, rows, make: Callable | None = None) -> pd.DataFrame:
    """``shop`` with extra order lines, shuffled so that no edge case sits at the end.

    Parameters
    ----------
    shop : DataFrame
        Order lines of a background shop (may be empty).
    rows : list of tuple
        ``(customer, order, date, quantity, price)`` rows of the edge case.
    make : callable, optional
        Turns ``rows`` into order lines (default
        :func:`course.synthetic.transactions_from_rows`).

    Returns
    -------
    DataFrame
        The lines of both, in an order fixed by their number (the same for
        every run), with a fresh 0, 1, 2, ... index.

    Examples
    --------
    >>> out = with_rows(empty_transactions(), [("a", "1", "2024-01-02", 3, 2.5)])
    >>> out[["customer_id", "amount"]].to_dict("records")
    [{'customer_id': 'a', 'amount': 7.5}]
    """
    if make is None:
        from course.synthetic import transactions_from_rows as make
    extra = make(rows)
    out = pd.concat([shop, extra], ignore_index=True) if len(shop) else extra
    return out.sample(frac=1.0, random_state=len(out)).reset_index(drop=True)


def quiz_question(qid: str, points: float, key: dict) -> Question:
    """The quiz of an assignment: the dict ``quiz_answers``, compared with ``key``.

    Examples
    --------
    >>> q = quiz_question("demo_q5", 4, {"1": "a"})
    >>> q.kind, q.name, q.compare({"1": "a"}, {"1": "A "})
    ('quiz', 'quiz_answers', (True, ''))
    """
    return Question(qid, "quiz_answers", points, None, no_cases, compare_quiz, key=key)


def numbers_question(qid: str, points: float, expected: Callable[[str], dict]) -> Question:
    """The task on the student's own data: the dict ``my_numbers``, ``expected(student_id)``.

    Examples
    --------
    >>> q = numbers_question("demo_q6", 2, lambda student_id: {"n": 3})
    >>> q.kind, q.name, q.compare(q.expected("s001"), {"n": 3})
    ('numbers', 'my_numbers', [('n', True, '')])
    """
    return Question(qid, "my_numbers", points, None, no_cases, compare_numbers,
                    expected=expected)
