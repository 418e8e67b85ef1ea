"""A grading worker killed in the middle of a run costs no student.

``crm-course grade`` runs its students in a pool of worker processes. If one
dies (killed by the machine's out-of-memory killer, say), the pool is broken:
the students it had not finished are graded again by a new pool, and every
student ends with one row, one gradebook submission and the right score.
"""

from __future__ import annotations

import copy
import os
import signal
import subprocess
import time

import nbformat
import psutil
import pytest
from conftest import CLI, read_grades

from autograder import chapterdemo

pytestmark = pytest.mark.slow

ASSIGNMENT = "ch01"


def _workers(parent: psutil.Process) -> list[psutil.Process]:
    """The pool's worker processes: the grader's Python children started by multiprocessing."""
    found = []
    for child in parent.children():
        try:
            if "multiprocessing" in " ".join(child.cmdline()):
                found.append(child)
        except psutil.Error:
            continue
    return found


def test_a_killed_worker_costs_no_student(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    right_student = chapterdemo.students(ASSIGNMENT)[0]
    right = chapterdemo.build_class(ASSIGNMENT)[right_student]
    class_ = {f"s{k:02d}": right for k in range(6)}
    sleeper = copy.deepcopy(right)  # keeps its worker busy long enough to be killed
    first_code = next(i for i, c in enumerate(sleeper.cells) if c.cell_type == "code")
    sleeper.cells.insert(first_code + 1, nbformat.v4.new_code_cell("import time\ntime.sleep(15)"))
    class_["s99_sleeper"] = sleeper
    for sid, nb in class_.items():
        (subs / sid).mkdir(parents=True)
        nbformat.write(nb, subs / sid / f"{ASSIGNMENT}.ipynb")

    grader = subprocess.Popen([*CLI, "grade", ASSIGNMENT, str(subs), "--out", str(out),
                               "--jobs", "2", "--cell-timeout", "60", "--quiet"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed = None
    try:
        parent = psutil.Process(grader.pid)
        deadline = time.monotonic() + 300
        # once the first students are saved, kill a worker that is grading one
        while killed is None and time.monotonic() < deadline and grader.poll() is None:
            rows = read_grades(out) if (out / "grades.csv").exists() else {}
            busy = [w for w in _workers(parent) if w.children()]  # a sandbox under it
            if len(rows) >= 1 and busy:
                killed = busy[0].pid
                os.kill(killed, signal.SIGKILL)
            time.sleep(0.2)
        stdout, stderr = grader.communicate(timeout=600)
    finally:
        if grader.poll() is None:
            grader.kill()
    assert killed is not None, "no worker was seen grading"
    assert grader.returncode == 0, stderr[-3000:]
    assert "a grading worker process died" in stdout + stderr  # the pool was rebuilt

    rows = read_grades(out)
    assert sorted(rows) == sorted(class_)
    for sid in class_:
        assert rows[sid]["status"] == "ok", (sid, rows[sid]["message"])
        expected = chapterdemo.expected_points(ASSIGNMENT, sid, "right")
        got = {qid: float(rows[sid][qid]) for qid in expected}
        assert got == pytest.approx(expected, abs=0.011), sid
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{out / 'gradebook.db'}") as gb:
        assert len(gb.assignment_submissions(ASSIGNMENT)) == len(class_)  # once each
    assert psutil.pid_exists(killed) is False or psutil.Process(killed).status() == "zombie"
