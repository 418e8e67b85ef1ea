"""Hand answers in to the grader: the kernel side of the hidden tests.

When ``crm-course grade`` runs a submission, the hidden part of each test
cell calls ``hand_in("ch05_q1", rfm_table)``. The grader has written the
generated inputs of that question into ``$CRM_GRADING_DIR/cases/ch05_q1.pkl``;
``hand_in`` calls the student's function on each of them and writes what it
returned, as plain JSON data, to ``$CRM_GRADING_DIR/answers/ch05_q1.json``.

Nothing here compares or scores: the grader reads the JSON in its own
process, rebuilds plain pandas objects from it and compares them with the
reference there, where the student's code cannot reach. Whatever a
submission does to this module, to pandas or to ``==`` only changes the
data it hands in, never how that data is judged.

Outside grading (no ``CRM_GRADING_DIR``) ``hand_in`` does nothing.

Examples
--------
>>> import pandas as pd
>>> encode(pd.Series({"a": 1.5}, name="x"))["kind"]
'series'
>>> encode({"q": [1, "b", None]})
{'kind': 'dict', 'items': [['q', {'kind': 'list', 'items': [1, 'b', None]}]]}
>>> encode(object())["kind"]
'other'
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import math
import os
import pickle
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from course.check._core import imported_from
from course.i18n import both

#: Environment variable naming the folder the grader shares with the kernel.
GRADING_DIR = "CRM_GRADING_DIR"


def encode(value):
    """Turn a result into JSON data: DataFrames, Series, dicts, lists and scalars.

    Anything else becomes ``{"kind": "other", "type": ...}``, which never
    matches a reference answer. Subclasses of DataFrame or Series lose their
    class (and any ``__eq__`` they define): only the data is kept.
    """
    if isinstance(value, pd.DataFrame):
        return _with_infinities(
            {"kind": "frame", "index_names": [_scalar(n) for n in value.index.names],
             "json": pd.DataFrame(value).to_json(orient="split", date_format="iso",
                                                 double_precision=15, default_handler=str)},
            pd.DataFrame(value))
    if isinstance(value, pd.Series):
        return _with_infinities(
            {"kind": "series", "index_names": [_scalar(n) for n in value.index.names],
             "json": pd.Series(value).to_json(orient="split", date_format="iso",
                                              double_precision=15, default_handler=str)},
            pd.Series(value).to_frame())
    if isinstance(value, dict):
        return {"kind": "dict", "items": [[str(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, list | tuple):
        return {"kind": "list", "items": [encode(v) for v in value]}
    scalar = _scalar(value)
    if scalar is not _NOT_SCALAR:
        return scalar
    return {"kind": "other", "type": type(value).__name__}


_NOT_SCALAR = object()


def _with_infinities(data: dict, frame: pd.DataFrame) -> dict:
    """Add the cells holding +inf or -inf, which ``to_json`` writes as null like NaN.

    ``data["inf"]`` lists ``[row, column, "inf" | "-inf"]`` by position, so the
    grader can tell an infinite answer from a missing one.

    Examples
    --------
    >>> encode(pd.Series([float("inf"), float("nan"), 1.0]))["inf"]
    [[0, 0, 'inf']]
    >>> "inf" in encode(pd.DataFrame({"x": [1.0]}))
    False
    """
    cells = []
    for col in range(frame.shape[1]):
        for row, v in enumerate(frame.iloc[:, col].to_numpy()):
            if isinstance(v, float | np.floating) and math.isinf(v):
                cells.append([row, col, "inf" if v > 0 else "-inf"])
    if cells:
        data["inf"] = cells
    return data


def _scalar(value):
    if value is None or type(value) in (bool, int, str):
        return value
    if type(value) is float:
        return value if math.isfinite(value) else str(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return _scalar(float(value))
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return _NOT_SCALAR


def _call_quietly(func, args, kwargs):
    """Call student code with its stdout, stderr and warnings kept out of the cell."""
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink), \
            warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return func(*args, **kwargs)


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}".splitlines()[0][:200]


def answer_cases(answer, cases) -> list[dict]:
    """Call ``answer`` on each ``(name, args, kwargs)`` case; one record per case.

    Examples
    --------
    >>> answer_cases(lambda x: x * 2, [("double", (2,), {})])
    [{'case': 'double', 'value': 4}]
    >>> answer_cases(lambda x: 1 / x, [("zero", (0,), {})])
    [{'case': 'zero', 'error': 'ZeroDivisionError: division by zero'}]
    """
    records = []
    for name, args, kwargs in cases:
        try:
            got = _call_quietly(answer, copy.deepcopy(args), dict(kwargs))
        except NotImplementedError:
            records.append({"case": name, "error": "not implemented yet"})
            continue
        except Exception as exc:  # noqa: BLE001 - any error in student code
            records.append({"case": name, "error": _describe(exc)})
            continue
        try:
            records.append({"case": name, "value": encode(got)})
        except Exception as exc:  # noqa: BLE001 - a result that cannot be stored
            records.append({"case": name, "error": f"the result could not be stored "
                                                   f"({_describe(exc)})"})
    return records


def hand_in(qid: str, answer) -> None:
    """Record the answer to ``qid`` for the grader (does nothing outside grading).

    Parameters
    ----------
    qid : str
        Question id, e.g. ``"ch05_q1"``.
    answer : callable or object
        The student's function, or for a quiz or a question about numbers,
        the value itself.
    """
    folder = os.environ.get(GRADING_DIR)
    if not folder:
        print(both("handin_later", qid=qid))
        return
    folder = Path(folder)
    record: dict = {"qid": qid}
    cases_file = folder / "cases" / f"{qid}.pkl"
    if not cases_file.exists():
        record["value"] = encode(answer)
    elif not callable(answer):
        record["error"] = both("handin_not_function", type=type(answer).__name__)
    elif origin := imported_from(answer):
        record["error"] = both("handin_imported", module=origin)
    else:
        with cases_file.open("rb") as fh:
            record["results"] = answer_cases(answer, pickle.load(fh))
    out = folder / "answers"
    out.mkdir(parents=True, exist_ok=True)
    tmp = out / f".{qid}.tmp"
    tmp.write_text(json.dumps(record), encoding="utf-8")
    tmp.replace(out / f"{qid}.json")
    print(both("handin_done", qid=qid))
