"""Find and read what a student handed in: one folder per student, any file names.

Examples
--------
>>> nbgrader_id("s001")
's001'
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import nbformat

from autograder import safety
from autograder.coursedir import GradingError
from autograder.validate import MAX_DEPTH, check_structure

IGNORED_FOLDERS = {"__MACOSX", ".ipynb_checkpoints", "__pycache__"}

#: Largest notebook file graded (real ones with plots are a few MB).
MAX_NOTEBOOK_BYTES = 50 * 1024**2


def student_folders(submissions: Path) -> list[Path]:
    """The student folders of a submissions folder, sorted by name.

    Raises
    ------
    GradingError
        If ``submissions`` is not a folder.
    """
    if not submissions.is_dir():
        raise GradingError(f"submissions folder {submissions} does not exist or is not a "
                           "folder")
    return sorted(p for p in submissions.iterdir()
                  if p.is_dir() and not p.name.startswith(".")
                  and p.name not in IGNORED_FOLDERS)


def fingerprint(folder: Path) -> str:
    """A hash of every file in ``folder`` (names and bytes): a resubmission changes it.

    Links are not followed (see :func:`autograder.safety.fingerprint`).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     a = fingerprint(Path(tmp))
    ...     _ = (Path(tmp) / "x.ipynb").write_text("{}")
    ...     a == fingerprint(Path(tmp))
    False
    """
    return safety.fingerprint(folder)


def nbgrader_id(student_id: str) -> str:
    """An id nbgrader and every file system accept, stable for a folder name.

    Plain ids are kept; others get their unsafe characters replaced and a
    short hash appended so that two different names never collide.

    Examples
    --------
    >>> nbgrader_id("s001")
    's001'
    >>> nbgrader_id("李 雷")
    'student-...'
    """
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", student_id):
        return student_id
    slug = re.sub(r"[^A-Za-z0-9_-]+", "_", student_id).strip("_-") or "student"
    digest = hashlib.sha1(student_id.encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}" if slug != "student" else f"student-{digest}"


def find_notebook(folder: Path, assignment: str) -> Path | None:
    """The notebook to grade in a student's folder, or None.

    Prefers ``<assignment>.ipynb``; otherwise the single (or first, by name)
    notebook anywhere below the folder, checkpoints excluded.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "my work.ipynb").write_text("{}")
    ...     find_notebook(Path(tmp), "ch05").name
    'my work.ipynb'
    """
    candidates = sorted(p for p in folder.rglob("*.ipynb")
                        if not (set(p.relative_to(folder).parts) & IGNORED_FOLDERS))
    for path in candidates:
        if path.name == f"{assignment}.ipynb":
            return path
    return candidates[0] if candidates else None


def read_submission(path: Path) -> nbformat.NotebookNode:
    """Read a submitted notebook or raise GradingError saying what is wrong with it.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     bad = Path(tmp) / "ch05.ipynb"
    ...     _ = bad.write_text('{"cells": [1,')
    ...     read_submission(bad)
    Traceback (most recent call last):
    ...
    autograder.coursedir.GradingError: ch05.ipynb: not valid JSON (Expecting value at line 1, ...)
    """
    size = path.stat().st_size
    if size > MAX_NOTEBOOK_BYTES:
        raise GradingError(f"{path.name}: the file is {size / 1024**2:.0f} MB, more than the "
                           f"{MAX_NOTEBOOK_BYTES // 1024**2} MB a notebook may be")
    raw = path.read_bytes()
    if not raw.strip():
        raise GradingError(f"{path.name}: the file is empty")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise GradingError(
            f"{path.name}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise GradingError(f"{path.name}: not valid JSON ({exc.msg} at line {exc.lineno}, "
                           f"column {exc.colno})") from None
    except RecursionError:
        raise GradingError(f"{path.name}: nested more than {MAX_DEPTH} levels deep") from None
    check_structure(data, path.name)
    try:
        nb = nbformat.reads(json.dumps(data), as_version=4)
        nbformat.validate(nb)
    except nbformat.ValidationError as exc:
        where = "/".join(str(p) for p in getattr(exc, "path", []) or [])
        raise GradingError(f"{path.name}: not a valid notebook ({exc.message}"
                           f"{' at ' + where if where else ''})") from None
    except Exception as exc:  # noqa: BLE001 - whatever nbformat trips on, in words
        raise GradingError(f"{path.name}: not a valid notebook (nbformat could not read it: "
                           f"{type(exc).__name__})") from None
    return nb
