"""Submissions for the instructor-tool tests: answers written three ways, and LMS downloads.

* ``right``: the solutions notebook's answers (as in the demo class);
* ``independent``: the same functions written another way (the reference module's
  loops), a second, independent correct solution;
* ``near_copy``: ``independent`` with names changed, comments and blank lines added:
  what a student who copies and disguises hands in.
"""

from __future__ import annotations

import inspect
import re
import zipfile
from datetime import datetime
from pathlib import Path

import nbformat

from autograder.demo import WRONG, _fill, _solution_code, build_submissions
from autograder.reference import ch05 as ref


def _renamed(func, name: str) -> str:
    source = inspect.getsource(func)
    source = re.sub(r'^(\s*)"""(.|\n)*?"""\n', "", source.split(":\n", 1)[1], count=1)
    header = inspect.getsource(func).split(":\n", 1)[0].replace(func.__name__, name, 1)
    return header + ":\n" + source


def independent_answers() -> dict[str, str]:
    """Correct answers written independently of the solutions notebook."""
    right = _solution_code()
    scores = _renamed(ref._scores, "_scores") + "\n\n" + _renamed(
        ref.ref_rfm_scores, "rfm_scores")
    return {
        "ch05_q1_answer": _renamed(ref.ref_rfm_table, "rfm_table"),
        "ch05_q2_answer": scores,
        "ch05_q3_answer": _renamed(ref.ref_abc_classes, "abc_classes"),
        "ch05_q4_answer": _renamed(ref.ref_man_qualify, "man_qualify"),
        "ch05_q5_answer": right["ch05_q5_answer"],
        "ch05_q6_answer": right["ch05_q6_answer"],
    }


RENAMES = {"last": "latest_day", "orders": "order_sets", "spent": "money_spent",
           "labels": "class_of", "running": "cumulative", "grades": "grade_list",
           "ordered": "sorted_values", "worse": "n_worse"}


def near_copy(answers: dict[str, str]) -> dict[str, str]:
    """``answers`` disguised: other variable names, comments and blank lines."""
    out = {}
    for gid, source in answers.items():
        for old, new in RENAMES.items():
            source = re.sub(rf"\b{old}\b", new, source)
        lines = []
        for line in source.splitlines():
            lines.append(line)
            if line.strip().startswith(("for ", "if ")):
                lines.append(" " * (len(line) - len(line.lstrip()) + 4) + "# step by step")
        out[gid] = "# my own work\n\n" + "\n".join(lines) + "\n"
    return out


def notebooks() -> dict[str, nbformat.NotebookNode]:
    """The notebooks the tests hand in, by kind."""
    from autograder.coursedir import EXERCISES_DIR

    demo = build_submissions()
    independent = independent_answers()
    released = nbformat.read(EXERCISES_DIR / "ch05" / "ch05.ipynb", as_version=4)
    return {
        "right": demo["alice_right"],
        "partly": demo["bao_partly_right"],
        "wrong": _fill(released, WRONG),
        "independent": _fill(released, independent),
        "near_copy": _fill(released, near_copy(independent)),
    }


def write_zip(path: Path, files: dict[str, tuple[bytes, datetime]]) -> Path:
    """A zip file of ``name -> (bytes, time)``, each entry stamped with its time."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, (data, when) in files.items():
            info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
            zf.writestr(info, data)
    return path
