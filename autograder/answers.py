"""Score handed-in answers against the reference, in the grader's own process.

The kernel side (:mod:`course.check.handin`) writes what the student's code
returned as JSON data. Here that data becomes plain pandas objects again
(no class, method or ``__eq__`` of the student's survives JSON) and is
compared with the reference answers, which the sandboxed kernel cannot see.

Examples
--------
>>> import pandas as pd
>>> from course.check.handin import encode
>>> decode(encode(pd.Series({"a": 1.5}, name="x"))).to_dict()
{'a': 1.5}
>>> decode(encode({"1": "b"}))
{'1': 'b'}
"""

from __future__ import annotations

import copy
import io
import json
import pickle
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from autograder.reference import load
from autograder.reference._cases import Question
from autograder.safety import read_untrusted


class Unreadable(ValueError):
    """Handed-in data that is not what :func:`course.check.handin.encode` writes."""


def decode(data):
    """Rebuild a value from the JSON data of :func:`course.check.handin.encode`."""
    if data is None or isinstance(data, bool | int | float | str):
        return data
    if isinstance(data, list):
        raise Unreadable("a bare list")
    if not isinstance(data, dict):
        raise Unreadable(type(data).__name__)
    kind = data.get("kind")
    if kind in {"frame", "series"}:
        text = data.get("json")
        if not isinstance(text, str):
            raise Unreadable(f"a {kind} without data")
        value = pd.read_json(io.StringIO(text), orient="split", typ=kind,
                             dtype=False, convert_axes=False)
        names = data.get("index_names")
        if isinstance(names, list) and len(names) == value.index.nlevels:
            value.index = value.index.set_names(names)
        return _restore_infinities(value, data.get("inf", []))
    if kind == "dict":
        return {str(k): decode(v) for k, v in data.get("items", [])}
    if kind == "list":
        return [decode(v) for v in data.get("items", [])]
    if kind == "other":
        return _opaque(str(data.get("type", "object")))
    raise Unreadable(f"unknown kind {kind!r}")


def _restore_infinities(value, cells):
    """Put back the +inf and -inf cells that ``encode`` listed beside the JSON data.

    A column of numbers, text or objects can hold one; in a column of integers,
    booleans or dates (``encode`` lists none there) it is forged data, unreadable.

    Examples
    --------
    >>> from course.check.handin import encode
    >>> decode(encode(pd.Series([float("inf"), float("nan")]))).tolist()
    [inf, nan]
    """
    if not isinstance(cells, list):
        raise Unreadable("a list of infinite cells that is not a list")
    frame = value.to_frame() if isinstance(value, pd.Series) else value
    for cell in cells:
        if not (isinstance(cell, list) and len(cell) == 3 and cell[2] in ("inf", "-inf")
                and all(type(i) is int for i in cell[:2])
                and 0 <= cell[0] < frame.shape[0] and 0 <= cell[1] < frame.shape[1]):
            raise Unreadable(f"an infinite cell {str(cell)[:40]}")
        row, col = cell[0], cell[1]
        column = frame.iloc[:, col]
        if column.dtype == object and column.isna().all():
            # a column of nulls only comes back as objects: make it numbers first
            column = column.astype("float64")
        if column.dtype.kind != "f":
            if column.dtype.kind in "biumM":
                raise Unreadable(f"an infinite cell in a column of {column.dtype}")
            column = column.astype(object)        # text and objects, as handed in
        column = column.copy()
        column.iloc[row] = float(cell[2])
        frame.isetitem(col, column)
    return frame.iloc[:, 0].rename(value.name) if isinstance(value, pd.Series) else frame


class _Opaque:
    """Stands for a value that could not be handed in as data: equal to nothing."""

    def __eq__(self, other) -> bool:
        return False

    __hash__ = object.__hash__


def _opaque(type_name: str) -> _Opaque:
    """An opaque stand-in whose type has the student's type name (for messages)."""
    name = type_name if type_name.isidentifier() else "object"
    return type(name, (_Opaque,), {})()


@dataclass
class Score:
    """Points for one question and the lines that explain them to the student."""

    qid: str
    points: float
    max_points: float
    header: str
    lines: list[str] = field(default_factory=list)
    #: Each hidden case (quiz item, number) by name: passed or not, for item analysis.
    cases: dict[str, bool] = field(default_factory=dict)
    #: Quiz only: the answer given to each item (for distractor analysis).
    choices: dict[str, str] = field(default_factory=dict)

    @property
    def report(self) -> str:
        return "\n".join([self.header, *self.lines])


_CASES: dict[tuple[str, str], list] = {}


def cases_of(question: Question, seed: str) -> list:
    """``question.cases(seed)``, kept for the student being graded.

    A worker writes a student's hidden inputs before the kernel runs and
    scores the same inputs after it: generating them once saves about half
    a second per student. Only the latest student's cases are kept.
    """
    key = (question.qid, str(seed))
    if key not in _CASES:
        if any(k[1] != key[1] for k in _CASES):
            _CASES.clear()
        _CASES[key] = question.cases(seed)
    return _CASES[key]


_EXPECTED: dict[tuple[str, str, str], object] = {}


def _expected(question: Question, seed: str, case=None):
    """The reference's answer to one case (or the right numbers), kept for this student."""
    key = (question.qid, str(seed), case.name if case is not None else "")
    if key not in _EXPECTED:
        if any(k[1] != key[1] for k in _EXPECTED):
            _EXPECTED.clear()
        _EXPECTED[key] = (question.expected(seed) if case is None else
                          question.reference(*copy.deepcopy(case.args), **case.kwargs))
    return _EXPECTED[key]


def precompute(assignment: str, seed: str) -> None:
    """Work out the reference's answers for a student ahead of scoring.

    A worker runs this in a thread while the student's kernel runs, so the
    reference functions use time the worker would spend waiting. Scoring
    finds the answers ready (or computes what is missing); nothing here can
    change a score.
    """
    try:
        for question in load(assignment).QUESTIONS.values():
            if question.kind == "function":
                for case in cases_of(question, seed):
                    _expected(question, seed, case)
            elif question.kind == "numbers":
                _expected(question, seed)
    except Exception:  # noqa: BLE001, S110 - scoring computes (and reports) it again
        pass


def write_cases(assignment: str, seed: str, folder: Path,
                qids: list[str] | None = None) -> None:
    """Write the generated inputs of the function questions into ``folder/cases``.

    ``qids`` limits it to some questions (default: all).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     write_cases("ch05", "s001", Path(tmp))
    ...     sorted(p.name for p in (Path(tmp) / "cases").iterdir())
    ['ch05_q1.pkl', 'ch05_q2.pkl', 'ch05_q3.pkl', 'ch05_q4.pkl']
    """
    out = folder / "cases"
    out.mkdir(parents=True, exist_ok=True)
    for qid, question in load(assignment).QUESTIONS.items():
        if question.kind != "function" or (qids is not None and qid not in qids):
            continue
        cases = [(c.name, c.args, dict(c.kwargs)) for c in cases_of(question, seed)]
        (out / f"{qid}.pkl").write_bytes(pickle.dumps(cases))


def read_record(folder: Path, qid: str) -> dict | None:
    """The answer record the kernel wrote for ``qid``, or None if there is none."""
    # Written by the student's kernel: maybe a link, a FIFO or gigabytes.
    raw = read_untrusted(folder / "answers" / f"{qid}.json")
    try:
        record = json.loads(raw.decode("utf-8")) if raw is not None else None
    except (ValueError, RecursionError):
        return None
    return record if isinstance(record, dict) else None


def score_question(question: Question, record: dict | None, seed: str) -> Score:
    """Compare one handed-in record with the reference and give the points.

    ``seed`` is the student id: it fixes the hidden inputs and, for a question
    about the student's own data, which data set the numbers must describe.
    """
    if record is None:
        return Score(question.qid, 0.0, question.points,
                     f"{question.qid} {question.name}: no answer was handed in.",
                     ["  - the test cell did not run to its end (a public test failed, or "
                      "the notebook stopped before it)"])
    if question.kind == "quiz":
        return _score_quiz(question, record)
    if question.kind == "numbers":
        return _score_numbers(question, record, seed)
    return _score_function(question, record, seed)


def _value(record: dict, lines: list[str]):
    try:
        return decode(record.get("value"))
    except (Unreadable, ValueError) as exc:
        lines.append(f"  - the answer could not be read ({exc})")
        return None


def _score_quiz(question: Question, record: dict) -> Score:
    lines: list[str] = []
    answer = _value(record, lines)
    given = answer if isinstance(answer, dict) else {}
    if not isinstance(answer, dict) and not lines:
        lines.append(f"  - {question.name} must be a dict, got {type(answer).__name__}")
    given = {str(k): str(v).strip().lower() for k, v in given.items()}
    right = sum(given.get(qno) == key for qno, key in question.key.items())
    total = len(question.key)
    return Score(question.qid, round(question.points * right / total, 2), question.points,
                 f"{question.qid} {question.name}: {right}/{total} answers right.", lines,
                 cases={qno: given.get(qno) == key for qno, key in question.key.items()},
                 choices={qno: given.get(qno, "")[:20] for qno in question.key})


def _score_numbers(question: Question, record: dict, seed: str) -> Score:
    lines: list[str] = []
    answer = _value(record, lines)
    rows = question.compare(_expected(question, seed), answer)
    right = sum(ok for _, ok, _ in rows)
    lines += [f"  - {message}" for _, ok, message in rows if not ok]
    return Score(question.qid, round(question.points * right / max(len(rows), 1), 2),
                 question.points,
                 f"{question.qid} {question.name}: {right}/{len(rows)} numbers right "
                 "for your data.", lines, cases={key: bool(ok) for key, ok, _ in rows})


def _score_function(question: Question, record: dict, seed: str) -> Score:
    cases = cases_of(question, seed)
    lines: list[str] = []
    passed = 0
    results = record.get("results")
    if not isinstance(results, list):
        lines.append(f"  - {question.name}: {record.get('error', 'no results were handed in')}")
        results = []
    by_name = {r.get("case"): r for r in results if isinstance(r, dict)}
    outcome: dict[str, bool] = {}
    for case in cases if results else []:
        outcome[case.name] = False
        got_record = by_name.get(case.name)
        if got_record is None:
            lines.append(f"  - {case.name}: no result")
            continue
        if "error" in got_record:
            lines.append(f"  - {case.name}: {_raised(got_record['error'])}")
            continue
        try:
            got = decode(got_record.get("value"))
        except (Unreadable, ValueError) as exc:
            lines.append(f"  - {case.name}: the result could not be read ({exc})")
            continue
        expected = _expected(question, seed, case)
        try:
            ok, message = question.compare(expected, got)
        except Exception as exc:  # noqa: BLE001 - a result we cannot even compare
            ok, message = False, f"result could not be compared ({type(exc).__name__})"
        if ok:
            passed += 1
            outcome[case.name] = True
        else:
            lines.append(f"  - {case.name}: {message}")
    points = round(question.points * passed / max(len(cases), 1), 2)
    return Score(question.qid, points, question.points,
                 f"{question.qid} {question.name}: {passed}/{len(cases)} hidden cases passed.",
                 lines, cases=outcome)


def _raised(error: str) -> str:
    error = str(error)[:200]
    if error == "not implemented yet":
        return error
    return error if error.startswith("the result") else f"raised {error}"


def score_folder(assignment: str, folder: Path, seed: str) -> dict[str, Score]:
    """Score every question of ``assignment`` from the records in ``folder/answers``."""
    return {qid: score_question(question, read_record(folder, qid), seed)
            for qid, question in load(assignment).QUESTIONS.items()}
