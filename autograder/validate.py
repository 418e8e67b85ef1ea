"""Check a submitted notebook's structure before anything else reads it.

nbformat's schema leaves cell metadata open, so a notebook whose nbgrader
metadata is a string, whose ``grade_id`` is a number or whose JSON nests a
thousand levels deep passes it, and then fails deep inside the grader as a
bare ``AttributeError``, ``TypeError`` or ``RecursionError``.
:func:`check_structure` finds those first and says, in words, which cell is
wrong and how; the submission is then ``unreadable`` and no kernel starts.

Examples
--------
>>> check_structure({"nbformat": 4, "cells": [{"cell_type": "code", "source": "",
...                  "metadata": {"nbgrader": "yes"}, "outputs": []}]}, "ch05.ipynb")
Traceback (most recent call last):
...
autograder.coursedir.GradingError: ch05.ipynb: cell 1: its nbgrader metadata is a str, not a dict
"""

from __future__ import annotations

from autograder.coursedir import GradingError

#: Deepest nesting of lists and dicts a notebook may have (real ones stay below 10).
MAX_DEPTH = 40

#: Longest nbgrader ``grade_id``.
MAX_ID = 100

NBGRADER_TYPES = {"grade_id": str, "grade": bool, "solution": bool, "locked": bool,
                  "task": bool, "schema_version": int, "points": (int, float)}


def _kind(value) -> str:
    """The type of ``value`` with its article, e.g. ``"an int"``."""
    name = type(value).__name__
    return f"an {name}" if name[0] in "aeiou" else f"a {name}"


def _walk(value, where: list, name: str, depth: int = 0) -> None:
    """Depth and Unicode of every value, without recursion limits of its own."""
    stack = [(value, where, depth)]
    while stack:
        value, where, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise GradingError(f"{name}: nested more than {MAX_DEPTH} levels deep (at "
                               f"{'/'.join(map(str, where[:8]))}/...)")
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise GradingError(f"{name}: text that is not valid Unicode (a lone surrogate)"
                                   f" at {'/'.join(map(str, where)) or 'the top'}") from None
        elif isinstance(value, dict):
            for key, item in value.items():
                stack.append((key, [*where, "(key)"], depth + 1))
                stack.append((item, [*where, key], depth + 1))
        elif isinstance(value, list):
            stack.extend((item, [*where, i], depth + 1) for i, item in enumerate(value))


def _check_cell(cell, number: int, name: str) -> None:
    where = f"{name}: cell {number}"
    if not isinstance(cell, dict):
        raise GradingError(f"{where} is {_kind(cell)}, not a cell")
    if cell.get("cell_type") not in {"code", "markdown", "raw"}:
        raise GradingError(f"{where} has no valid cell_type ({cell.get('cell_type')!r:.40})")
    source = cell.get("source", "")
    if not isinstance(source, str) and not (
            isinstance(source, list) and all(isinstance(s, str) for s in source)):
        raise GradingError(f"{where}: its source is {_kind(source)}, not text")
    metadata = cell.get("metadata", {})
    if not isinstance(metadata, dict):
        raise GradingError(f"{where}: its metadata is {_kind(metadata)}, not a dict")
    if "outputs" in cell and not (isinstance(cell["outputs"], list) and all(
            isinstance(o, dict) for o in cell["outputs"])):
        raise GradingError(f"{where}: its outputs are not a list of outputs")
    if "nbgrader" not in metadata:
        return
    nbgrader = metadata["nbgrader"]
    if not isinstance(nbgrader, dict):
        raise GradingError(f"{where}: its nbgrader metadata is {_kind(nbgrader)}, not a dict")
    for key, kind in NBGRADER_TYPES.items():
        value = nbgrader.get(key)
        if value is None:
            continue
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            wanted = "a number" if key == "points" else f"a {kind.__name__}"
            raise GradingError(f"{where}: nbgrader {key} is {_kind(value)}, not {wanted}")
    grade_id = nbgrader.get("grade_id")
    if grade_id is not None and not (0 < len(grade_id) <= MAX_ID):
        raise GradingError(f"{where}: nbgrader grade_id is {len(grade_id):,} characters long "
                           f"(at most {MAX_ID})")


def check_structure(data, name: str) -> None:
    """Raise :class:`GradingError` naming ``name`` and the cell if ``data`` is no sound notebook.

    ``data`` is the parsed JSON. Checked: nesting depth, valid Unicode, the
    types of ``cells`` and of each cell's ``cell_type``, ``source``,
    ``metadata``, ``outputs`` and nbgrader metadata.
    """
    _walk(data, [], name)
    if not isinstance(data, dict) or data.get("nbformat") != 4 or "cells" not in data:
        raise GradingError(f"{name}: JSON, but not a version-4 Jupyter notebook")
    if not isinstance(data["cells"], list):
        raise GradingError(f"{name}: its cells are {_kind(data['cells'])}, not a list")
    if not isinstance(data.get("metadata", {}), dict):
        raise GradingError(f"{name}: its metadata is {_kind(data['metadata'])}, not a dict")
    for number, cell in enumerate(data["cells"], start=1):
        _check_cell(cell, number, name)
