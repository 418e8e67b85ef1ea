"""The machinery of the self-checks: questions, public cases, comparisons, hints.

A *function question* runs the student's function on a few small public cases
whose expected results are written out by hand, and says in words what
differs. A *quiz question* only checks that the answers are in the right
format: it never says whether an answer is right. A *numbers question*
(numbers a student computed on their own data) likewise checks only that
each number has the right form: a count or a share. None hands out a
solution.

Every message comes from :func:`course.i18n.t`, so it is printed in the
current language (:func:`course.set_language`).

Examples
--------
>>> import course
>>> from course.check._core import Case, FunctionQuestion
>>> course.set_language("en")
>>> q = FunctionQuestion(
...     "demo_q1", "double",
...     cases=[Case({"en": "a small number", "zh": "一个小数字"}, (2,), expected=4)],
...     hints=[{"en": "Multiply by two.", "zh": "乘以二。"}])
>>> q.check(lambda x: 2 * x)
Correct!
True
>>> q.check(lambda x: x + 3)
Not yet: public case 1 (a small number): expected 4, got 5
Run `demo.q1.hint()` for a hint.
False
"""

from __future__ import annotations

import contextlib
import copy
import inspect
import io
import math
import sys
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from course.i18n import LANGUAGES, both, get_language, t

__all__ = ["CUSTOMER", "Case", "FunctionQuestion", "NumbersQuestion", "QuizQuestion", "course_quiz",
           "imported_from"]

#: Relative tolerance of numeric comparisons.
RTOL = 1e-6
#: Absolute tolerance of numeric comparisons (for values near zero).
ATOL = 1e-9
_MAX_REPR = 60
_MAX_LABELS = 3


def _text(entry: dict[str, str] | str, lang: str | None = None) -> str:
    """Pick the current language from a ``{"en": ..., "zh": ...}`` dict."""
    if isinstance(entry, str):
        return entry
    return entry[lang or get_language()]


def _check_bilingual(entry, what: str) -> None:
    if isinstance(entry, str):
        return
    missing = [lang for lang in LANGUAGES if not entry.get(lang)]
    if missing:
        raise ValueError(f"{what} has no text in {missing}: {entry!r}")


def _fmt(value) -> str:
    """Show one value briefly: ``2``, ``35.5``, ``'A'``."""
    try:
        return _fmt_value(value)
    except (TypeError, ValueError, OverflowError):
        return _type_name(value)


def _fmt_value(value) -> str:
    if isinstance(value, np.timedelta64):
        return repr(pd.Timedelta(value))
    if isinstance(value, np.datetime64):
        return repr(pd.Timestamp(value))
    if isinstance(value, bool | np.bool_):
        return str(bool(value))
    if isinstance(value, float | np.floating):
        return f"{float(value):.6g}"
    if isinstance(value, np.integer):
        return str(int(value))
    if isinstance(value, np.str_):
        value = str(value)
    text = repr(value)
    return text if len(text) <= _MAX_REPR else text[:_MAX_REPR - 3] + "..."


def _fmt_labels(labels) -> str:
    labels = list(labels)
    shown = ", ".join(_fmt(x) for x in labels[:_MAX_LABELS])
    return shown + (", ..." if len(labels) > _MAX_LABELS else "")


def _type_name(obj) -> str:
    kind = type(obj)
    return kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__name__}"


def _same(expected, got) -> bool:
    """Whether two cells agree: numbers within tolerance, everything else equal."""
    try:
        if isinstance(expected, str | bytes) or isinstance(got, str | bytes):
            return isinstance(got, str | bytes) and str(expected) == str(got)
        if isinstance(expected, bool | np.bool_):
            return isinstance(got, bool | np.bool_ | int | np.integer) and \
                bool(expected) == bool(got)
        e_na, g_na = pd.isna(expected), pd.isna(got)
        if e_na or g_na:
            return bool(e_na and g_na)
        return math.isclose(float(expected), float(got), rel_tol=RTOL, abs_tol=ATOL)
    except (TypeError, ValueError):
        return False


@dataclass(frozen=True)
class Case:
    """One public case: a bilingual label, the call's arguments and the expected result.

    Parameters
    ----------
    label : dict
        ``{"en": ..., "zh": ...}``, what the case is about (shown to students).
    args : tuple
        Positional arguments of the call (copied before every call).
    kwargs : dict, optional
        Keyword arguments of the call.
    expected : object
        The result, written out by hand: a DataFrame, a Series or a scalar.
    hint : dict, optional
        A bilingual hint about this case: after a check that failed on it,
        the next ``hint()`` shows this one first.

    Examples
    --------
    >>> c = Case({"en": "one", "zh": "一"}, (1,), expected=2)
    >>> c.kwargs
    {}
    """

    label: dict
    args: tuple
    kwargs: dict = field(default_factory=dict)
    expected: object = None
    hint: dict | None = None


class _Question:
    """What every self-check question shares: its id, the answer's name and hints."""

    kind = "question"

    def __init__(self, qid: str, name: str, hints: Sequence[dict] = ()):
        self.qid = qid
        self.name = name
        self.hints = list(hints)
        for i, hint in enumerate(self.hints, start=1):
            _check_bilingual(hint, f"{qid} hint {i}")
        self._hints_shown = 0
        #: The hint about what the last check failed on (shown first by ``hint()``).
        self._pending: str | None = None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.qid}: {self.name}>"

    @property
    def ref(self) -> str:
        """How a notebook names this question: ``ch05.q2`` for ``ch05_q2``."""
        head, _, tail = self.qid.rpartition("_")
        return f"{head}.{tail}" if head else self.qid

    # ------------------------------------------------------------- looking up the answer

    def _lookup(self, frame) -> tuple[bool, object]:
        """Find the answer by name in the caller's namespace (locals, then globals)."""
        for namespace in (frame.f_locals, frame.f_globals):
            if self.name in namespace:
                return True, namespace[self.name]
        return False, None

    def _resolve(self, obj, frame) -> tuple[bool, object]:
        if obj is not None:
            return True, obj
        try:
            return self._lookup(frame)
        finally:
            del frame

    # ----------------------------------------------------------------- the public API

    def _evaluate(self, obj) -> tuple[bool, str]:  # pragma: no cover - abstract
        raise NotImplementedError

    def _run(self, found: bool, obj) -> tuple[bool, str]:
        self._pending = None
        if not found:
            return False, t("check_missing", name=self.name)
        return self._evaluate(obj)

    def _fail_hint(self, text: str) -> None:
        """Remember the hint about what failed: the next ``hint()`` shows it first."""
        self._pending = text

    def check(self, obj=None) -> bool:
        """Check an answer on the public cases and say what, if anything, is wrong.

        Parameters
        ----------
        obj : object, optional
            The answer. By default it is looked up by name in the calling
            notebook (so ``q1.check()`` checks the function ``rfm_table``).

        Returns
        -------
        bool
            True if the answer passes the public checks.
        """
        found, obj = self._resolve(obj, inspect.currentframe().f_back)
        ok, message = self._run(found, obj)
        print(message)
        if not ok and self.hints:
            print(t("check_hint_offer", ref=self.ref))
        return ok

    def assert_passes(self, obj=None) -> None:
        """Raise ``AssertionError`` with the check's message unless the answer passes.

        This is the visible test of a graded notebook:
        ``ch05.q1.assert_passes(rfm_table)``.

        Parameters
        ----------
        obj : object, optional
            The answer; looked up by name in the caller's namespace if omitted.

        Raises
        ------
        AssertionError
            With the same message :meth:`check` prints.

        Notes
        -----
        Warnings and stderr output of the student's code are swallowed here:
        nbgrader gives no credit to a test cell that wrote anything to stderr,
        and a harmless pandas warning must not cost a student the task.
        """
        found, obj = self._resolve(obj, inspect.currentframe().f_back)
        with contextlib.redirect_stderr(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ok, message = self._run(found, obj)
        if not ok:
            raise AssertionError(message)

    def hint(self, n: int | None = None) -> None:
        """Print the next hint (each call shows one more; after the last, start again).

        After a check that failed, the first hint shown is the one about what
        failed (the public case, the quiz question or the number); then the
        general hints follow in turn.

        Parameters
        ----------
        n : int, optional
            Show hint number ``n`` (from 1) instead of the next one.
        """
        if n is None and self._pending:
            print(self._pending)
            self._pending = None
            return
        if not self.hints:
            print(t("no_more_hints"))
            return
        if n is not None:
            if not 1 <= n <= len(self.hints):
                raise ValueError(both("err_hint_number", ref=self.ref, n=len(self.hints),
                                      got=n))
            index = n - 1
        else:
            if self._hints_shown >= len(self.hints):
                print(t("hints_restart"))
                self._hints_shown = 0
            index = self._hints_shown
            self._hints_shown += 1
        print(t("hint_numbered", i=index + 1, n=len(self.hints),
                text=_text(self.hints[index])))

    # --------------------------------------------------- for the course's own tests

    def assert_check_passed(self, obj) -> None:
        """For tests: fail unless ``obj`` passes (learntools' ``assert_check_passed``).

        Raises
        ------
        AssertionError
            Naming the check's message.
        """
        ok, message = self._run(True, obj)
        if not ok:
            raise AssertionError(f"{self.qid}: expected the check to pass, but: {message}")

    def assert_check_failed(self, obj) -> str:
        """For tests: fail unless ``obj`` fails the check; return the message.

        Returns
        -------
        str
            The message a student would see, so a test can check it is useful.

        Raises
        ------
        AssertionError
            If the answer passes.
        """
        ok, message = self._run(True, obj)
        if ok:
            raise AssertionError(f"{self.qid}: expected the check to fail, but it passed")
        return message


class FunctionQuestion(_Question):
    """A question whose answer is a function, checked on hand-written public cases.

    Parameters
    ----------
    qid : str
        The question id, ``chNN_qK``.
    name : str
        The name of the student's function.
    cases : list of Case
        Public cases: small fixed inputs with their expected results.
    hints : list of dict
        Bilingual hints ``{"en": ..., "zh": ...}``, from general to specific.
    row_noun : dict, optional
        What one row of the result is (``{"en": "customer", "zh": "客户"}``),
        used in messages such as "frequency of customer 'a'".
    value_noun : dict, optional
        What the value of a Series result is (``{"en": "class", "zh": "类别"}``).

    Examples
    --------
    >>> import pandas as pd
    >>> import course
    >>> course.set_language("en")
    >>> q = FunctionQuestion("demo_q2", "totals", [
    ...     Case({"en": "two customers", "zh": "两位客户"},
    ...          (pd.DataFrame({"c": ["a", "a", "b"], "x": [1.0, 2.0, 5.0]}),),
    ...          expected=pd.Series({"a": 3.0, "b": 5.0}))],
    ...     value_noun={"en": "total", "zh": "合计"})
    >>> q.assert_check_failed(lambda df: df.groupby("c")["x"].count())
    "Not yet: public case 1 (two customers): total of row 'a': expected 3, got 2"
    >>> q.check(lambda df: df.groupby("c")["x"].sum())
    Correct!
    True
    """

    kind = "function"

    def __init__(self, qid: str, name: str, cases: Sequence[Case], hints: Sequence[dict] = (),
                 row_noun: dict | None = None, value_noun: dict | None = None):
        super().__init__(qid, name, hints)
        if not cases:
            raise ValueError(f"{qid} needs at least one public case")
        self.cases = list(cases)
        for i, case in enumerate(self.cases, start=1):
            _check_bilingual(case.label, f"{qid} case {i} label")
            if case.hint is not None:
                _check_bilingual(case.hint, f"{qid} case {i} hint")
        self.row_noun = row_noun or {"en": "row", "zh": "行"}
        self.value_noun = value_noun or {"en": "value", "zh": "值"}
        _check_bilingual(self.row_noun, f"{qid} row_noun")
        _check_bilingual(self.value_noun, f"{qid} value_noun")

    def _evaluate(self, func) -> tuple[bool, str]:
        if not callable(func):
            return False, t("check_fail", detail=t("check_not_callable", name=self.name,
                                                    type=_type_name(func)))
        for number, case in enumerate(self.cases, start=1):
            label = _text(case.label)
            try:
                got = func(*copy.deepcopy(case.args), **copy.deepcopy(case.kwargs))
            except NotImplementedError:
                return False, t("check_unfinished", name=self.name)
            except Exception as exc:  # noqa: BLE001 - any error in a student's code
                error = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
                detail = t("check_raised", name=self.name, error=error)
                self._case_hint(number, case)
                return False, t("check_fail", detail=t("check_case", n=number, label=label,
                                                        detail=detail))
            if got is None and case.expected is not None:
                detail = t("check_returned_none", name=self.name)
            else:
                try:
                    detail = self._compare(case.expected, got)
                except Exception as exc:  # noqa: BLE001 - a result we cannot even compare
                    detail = t("check_uncomparable", kind=_type_name(got),
                               error=f"{type(exc).__name__}: {exc}".splitlines()[0][:120])
            if detail:
                self._case_hint(number, case)
                return False, t("check_fail", detail=t("check_case", n=number, label=label,
                                                        detail=detail))
        message = t("check_ok")
        module = imported_from(func)
        if module:
            message += "\n" + t("check_imported_note", name=self.name, module=module)
        return True, message

    def _case_hint(self, number: int, case: Case) -> None:
        if case.hint is not None:
            self._fail_hint(t("hint_for_case", n=number, label=_text(case.label),
                              text=_text(case.hint)))

    # ---------------------------------------------------------------- comparisons

    def _compare(self, expected, got) -> str:
        """Return '' if ``got`` matches ``expected``, else the first difference in words."""
        if isinstance(expected, pd.DataFrame):
            return self._compare_frame(expected, got)
        if isinstance(expected, pd.Series):
            return self._compare_series(expected, got)
        if _same(expected, got):
            return ""
        return t("check_scalar", expected=_fmt(expected), got=_fmt(got))

    def _compare_index(self, expected: pd.Index, got: pd.Index) -> tuple[str, list]:
        """Match rows by label (as text, order ignored); return (problem, got's labels)."""
        noun = _text(self.row_noun)
        exp_labels = [str(x) for x in expected]
        got_labels = [str(x) for x in got]
        seen: set[str] = set()
        for label in got_labels:
            if label in seen:
                return t("check_duplicate_rows", noun=noun, label=_fmt(label)), got_labels
            seen.add(label)
        missing = [x for x in exp_labels if x not in seen]
        extra = [x for x in got_labels if x not in set(exp_labels)]
        if missing and len(extra) == len(got_labels) and got_labels:
            name = expected.name or noun
            return t("check_wrong_index", index_name=name, expected=_fmt_labels(exp_labels),
                     got=_fmt_labels(got.tolist())), got_labels
        if missing:
            return t("check_missing_rows", noun=noun, labels=_fmt_labels(missing)), got_labels
        if extra:
            return t("check_extra_rows", noun=noun, labels=_fmt_labels(extra)), got_labels
        return "", got_labels

    def _compare_frame(self, expected: pd.DataFrame, got) -> str:
        if isinstance(got, pd.Series) or not isinstance(got, pd.DataFrame):
            return t("check_wrong_type", expected=_kind(expected), got=_type_name(got))
        index_name = expected.index.name
        if index_name and index_name in got.columns and index_name not in expected.columns:
            got = got.set_index(index_name)  # the ids as a column are fine too
        missing = [c for c in expected.columns if c not in got.columns]
        if missing:
            return t("check_missing_columns", cols=_fmt_labels(missing),
                     found=_fmt_labels(got.columns))
        problem, got_labels = self._compare_index(expected.index, got.index)
        if problem:
            return problem
        if len(expected) == 0:
            return ""
        got = got.set_axis(got_labels, axis=0).loc[[str(x) for x in expected.index]]
        noun = _text(self.row_noun)
        for col in expected.columns:
            for label, e, g in zip(expected.index, expected[col].to_numpy(),
                                   got[col].to_numpy(), strict=True):
                if not _same(e, g):
                    return t("check_value", what=col, noun=noun, label=_fmt(label),
                             expected=_fmt(e), got=_fmt(g))
        # Belt and braces: pandas' own comparison, dtypes and order ignored.
        try:
            pd.testing.assert_frame_equal(
                expected.reset_index(drop=True),
                got[list(expected.columns)].reset_index(drop=True),
                check_dtype=False, check_names=False, check_column_type=False,
                check_index_type=False, check_exact=False, rtol=RTOL, atol=ATOL)
        except AssertionError as exc:
            return str(exc).strip().splitlines()[0][:200]
        return ""

    def _compare_series(self, expected: pd.Series, got) -> str:
        if not isinstance(got, pd.Series):
            return t("check_wrong_type", expected=_kind(expected), got=_type_name(got))
        problem, got_labels = self._compare_index(expected.index, got.index)
        if problem:
            return problem
        if len(expected) == 0:
            return ""
        got = got.set_axis(got_labels).loc[[str(x) for x in expected.index]]
        noun, what = _text(self.row_noun), _text(self.value_noun)
        for label, e, g in zip(expected.index, expected.to_numpy(), got.to_numpy(),
                               strict=True):
            if not _same(e, g):
                return t("check_value", what=what, noun=noun, label=_fmt(label),
                         expected=_fmt(e), got=_fmt(g))
        return ""


def imported_from(func) -> str | None:
    """The course module ``func`` was imported from (the grader gives it no points).

    Examples
    --------
    >>> from course.sims.identification import rfm_table
    >>> imported_from(rfm_table)
    'course.sims.identification'
    >>> imported_from(lambda tx: tx) is None
    True
    """
    module = getattr(func, "__module__", None) or ""
    if module.split(".")[0] not in {"course", "autograder"}:
        return None
    owner = sys.modules.get(module)
    if owner is not None and getattr(owner, getattr(func, "__name__", ""), None) is func:
        return module
    return None


def _kind(expected) -> str:
    if isinstance(expected, pd.DataFrame):
        return "pandas DataFrame"
    if isinstance(expected, pd.Series):
        return "pandas Series"
    return type(expected).__name__


class QuizQuestion(_Question):
    """Multiple-choice answers in a dict; the public check looks at the format only.

    It checks that every question has an answer and that each answer is one of
    the allowed letters. It never says whether an answer is right.

    Parameters
    ----------
    qid : str
        The question id, ``chNN_qK``.
    name : str
        The name of the student's dict, for example ``quiz_answers``.
    keys : sequence of str
        The question numbers, for example ``("1", "2", "3")``.
    choices : sequence of str, default ("a", "b", "c")
        The letters an answer may be.
    hints : list of dict
        Bilingual hints about the whole quiz.
    item_hints : dict, optional
        One bilingual hint per question number; the keys must be exactly
        ``keys`` (a hint for a question that does not exist, or a question
        without a hint, is an error). They follow the general hints, and
        after a check that failed on a question, its hint comes first.

    Examples
    --------
    >>> import course
    >>> course.set_language("en")
    >>> quiz = QuizQuestion("demo_q3", "answers", keys=("1", "2"))
    >>> quiz.check({"1": "a", "2": "d"})
    Not yet: question 2: 'd' is not one of 'a', 'b', 'c'
    False
    >>> quiz.check({"1": "a", "2": "c"})  # doctest: +ELLIPSIS
    Your answers have the right format (2 answers, each one of 'a', 'b', 'c'). This ...
    True
    """

    kind = "quiz"

    def __init__(self, qid: str, name: str, keys: Sequence[str],
                 choices: Sequence[str] = ("a", "b", "c"), hints: Sequence[dict] = (),
                 item_hints: dict | None = None):
        self.keys = [str(k) for k in keys]
        self.item_hints = {str(k): v for k, v in (item_hints or {}).items()}
        if self.item_hints and set(self.item_hints) != set(self.keys):
            raise ValueError(f"{qid}: item hints for {sorted(self.item_hints)} but the quiz "
                             f"has questions {self.keys}")
        numbered = [{lang: t("hint_for_item", lang=lang, item=k, text=self.item_hints[k][lang])
                     for lang in LANGUAGES if lang in self.item_hints[k]}
                    for k in self.keys if k in self.item_hints]
        super().__init__(qid, name, [*hints, *numbered])
        self.choices = [str(c) for c in choices]

    def _item_hint(self, key: str) -> None:
        if key in self.item_hints:
            self._fail_hint(t("hint_for_item", item=key, text=_text(self.item_hints[key])))

    def _evaluate(self, answers) -> tuple[bool, str]:
        allowed = ", ".join(_fmt(c) for c in self.choices)
        if not isinstance(answers, dict):
            example = "{" + ", ".join(f"{k!r}: {self.choices[0]!r}" for k in self.keys[:2]) \
                + ", ...}"
            return False, t("check_fail", detail=t("quiz_not_dict", name=self.name,
                                                    example=example,
                                                    type=_type_name(answers)))
        # The grader reads keys as text and answers as trimmed lower-case text.
        given = {str(k).strip(): v for k, v in answers.items()}
        extra = [k for k in given if k not in self.keys]
        if extra:
            return False, t("check_fail", detail=t("quiz_extra", keys=_fmt_labels(extra),
                                                    expected=", ".join(map(repr, self.keys))))
        unanswered = [k for k in self.keys
                      if k not in given or given[k] is None or not str(given[k]).strip()]
        if unanswered:
            self._item_hint(unanswered[0])
            return False, t("check_fail", detail=t("quiz_missing",
                                                    keys=", ".join(unanswered)))
        for key in self.keys:
            value = given[key]
            if not isinstance(value, str) or value.strip().lower() not in self.choices:
                self._item_hint(key)
                return False, t("check_fail", detail=t("quiz_bad_answer", qno=key,
                                                        value=_fmt(value), allowed=allowed))
        return True, t("quiz_format_ok", n=len(self.keys), allowed=allowed)


#: The question numbers of a chapter's quiz: eight items, ``"1"`` to ``"8"``.
QUIZ_KEYS = tuple(str(k) for k in range(1, 9))
#: The letters a quiz answer may be.
QUIZ_CHOICES = ("a", "b", "c")
#: The first hint of every chapter's quiz: the format of the answers.
QUIZ_FORMAT_HINT = {
    "en": "quiz_answers maps each question number, as a string from '1' to '8', to one "
          "letter: 'a', 'b' or 'c'. The check only looks at the format; each further hint "
          "is about one question.",
    "zh": "quiz_answers 是一个字典：键是字符串形式的题号 '1' 到 '8'，每个键对应一个字母："
          "'a'、'b' 或 'c'。这里的检查只看格式；后面的每条提示各对应一道题。",
}
#: The row noun of a table with one row per customer (客户). Chapter 1 keeps its own
#: noun (顾客), since it teaches the difference between the two words.
CUSTOMER = {"en": "customer", "zh": "客户"}


def course_quiz(qid: str, item_hints: dict) -> QuizQuestion:
    """The quiz of a chapter: ``quiz_answers``, eight items ``"1"``-``"8"``, answers a, b or c.

    Parameters
    ----------
    qid : str
        The question id, ``chNN_qK``.
    item_hints : dict
        One bilingual hint per item ``"1"`` to ``"8"``; they follow the hint
        about the format (:data:`QUIZ_FORMAT_HINT`).

    Examples
    --------
    >>> import course
    >>> course.set_language("en")
    >>> hints = {str(k): {"en": f"Item {k}.", "zh": f"第 {k} 题。"} for k in range(1, 9)}
    >>> quiz = course_quiz("demo_q5", hints)
    >>> quiz.name, quiz.keys[-1], quiz.choices
    ('quiz_answers', '8', ['a', 'b', 'c'])
    >>> quiz.check({str(k): "a" for k in range(1, 8)})
    Not yet: no answer yet for question(s) 8
    Run `demo.q5.hint()` for a hint.
    False
    """
    return QuizQuestion(qid, "quiz_answers", keys=QUIZ_KEYS, choices=QUIZ_CHOICES,
                        hints=[QUIZ_FORMAT_HINT], item_hints=item_hints)


class NumbersQuestion(_Question):
    """Numbers about the student's own data in a dict; the public check looks at the form.

    Each key is a count (a whole number, 0 or more) or a share (between 0
    and 1). The check never says whether a number is right: the grader
    computes the right ones on the student's own data.

    Parameters
    ----------
    qid : str
        The question id, ``chNN_qK``.
    name : str
        The name of the student's dict, for example ``my_numbers``.
    counts, shares : sequence of str
        The keys that are counts and the keys that are shares.
    amounts : sequence of str, optional
        Keys that are amounts of money: any finite number (the capstone's profits).
    hints : list of dict
        Bilingual hints.
    field_hints : dict, optional
        Which hint (by its number, from 1) is about which key: after a check
        that failed on that key, that hint is shown first.

    Examples
    --------
    >>> import course
    >>> course.set_language("en")
    >>> q = NumbersQuestion("demo_q6", "my_numbers", counts=["n"], shares=["top"])
    >>> q.check({"n": 12, "top": 1.5})
    Not yet: top is a share: between 0 and 1 (got 1.5)
    False
    >>> q.check({"n": 12, "top": 0.4})  # doctest: +ELLIPSIS
    Your numbers have the right form. This check does not say whether they are right: ...
    True
    """

    kind = "numbers"

    def __init__(self, qid: str, name: str, counts: Sequence[str] = (),
                 shares: Sequence[str] = (), hints: Sequence[dict] = (),
                 field_hints: dict[str, int] | None = None, amounts: Sequence[str] = ()):
        super().__init__(qid, name, hints)
        self.counts = [str(k) for k in counts]
        self.shares = [str(k) for k in shares]
        self.amounts = [str(k) for k in amounts]
        self.field_hints = dict(field_hints or {})
        unknown = set(self.field_hints) - set(self.keys)
        if unknown or not all(1 <= n <= len(self.hints) for n in self.field_hints.values()):
            raise ValueError(f"{qid}: field hints {self.field_hints} do not fit the keys "
                             f"{self.keys} and {len(self.hints)} hints")

    def _field_hint(self, key: str) -> None:
        if key in self.field_hints:
            n = self.field_hints[key]
            self._fail_hint(t("hint_numbered", i=n, n=len(self.hints),
                              text=_text(self.hints[n - 1])))

    @property
    def keys(self) -> list[str]:
        return [*self.counts, *self.shares, *self.amounts]

    def _evaluate(self, answers) -> tuple[bool, str]:
        keys = ", ".join(map(repr, self.keys))
        if not isinstance(answers, dict):
            return False, t("check_fail", detail=t("numbers_not_dict", name=self.name,
                                                    keys=keys, type=_type_name(answers)))
        # The grader reads the keys as text.
        given = {str(k): v for k, v in answers.items()}
        if len(given) != len(answers) or sorted(given) != sorted(self.keys):
            return False, t("check_fail", detail=t(
                "numbers_keys", name=self.name, keys=keys,
                got=", ".join(map(repr, map(str, answers))) or "{}"))
        for key in self.keys:
            value = given[key]
            self._field_hint(key)  # cleared again below if this key is fine
            if isinstance(value, bool | np.bool_) \
                    or not isinstance(value, int | float | np.integer | np.floating) \
                    or not math.isfinite(float(value)):
                return False, t("check_fail", detail=t("numbers_not_number", field=key,
                                                        value=_fmt(value)))
            if key in self.counts and (float(value) < 0 or float(value) != int(value)):
                return False, t("check_fail", detail=t("numbers_not_count", field=key,
                                                        value=_fmt(value)))
            if key in self.shares and not 0 <= float(value) <= 1:
                return False, t("check_fail", detail=t("numbers_not_share", field=key,
                                                        value=_fmt(value)))
            self._pending = None
        return True, t("numbers_format_ok")
