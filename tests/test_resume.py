"""A grading run killed at any moment resumes: everyone graded exactly once, nothing lost."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import nbformat
import pytest
from conftest import CLI, read_grades

from autograder.demo import build_submissions, expected
from autograder.submissions import nbgrader_id

pytestmark = pytest.mark.slow

CLASS = ["alice_right", "bao_partly_right", "chen_wrong", "dmitri_raises",
         "jun_noisy_but_right", "学生_01"]


def _write_class(folder: Path) -> Path:
    subs = build_submissions({})
    for sid in CLASS:
        (folder / sid).mkdir(parents=True)
        nbformat.write(subs[sid], folder / sid / "ch05.ipynb")
    return folder


def _descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        current = todo.pop()
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                kids = (task / "children").read_text().split()
            except OSError:
                continue
            for kid in map(int, kids):
                if kid not in found:
                    found.add(kid)
                    todo.append(kid)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _states(out: Path) -> dict[str, float]:
    return {p.stem: p.stat().st_mtime_ns for p in (out / "state" / "ch05").glob("*.json")}


def _grade(subs: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    run = subprocess.run([*CLI, "grade", "ch05", str(subs), "--out", str(out), "--quiet",
                          "--no-feedback", "--jobs", "2", *extra],
                         capture_output=True, text=True, timeout=900, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    return run


def test_killed_run_resumes_and_grades_each_student_once(tmp_path):
    subs, out = _write_class(tmp_path / "subs"), tmp_path / "out"
    first = subprocess.Popen([*CLI, "grade", "ch05", str(subs), "--out", str(out), "--quiet",
                              "--no-feedback", "--jobs", "1"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 600
    while len(_states(out)) < 2 and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.2)
    helpers = _descendants(first.pid)
    first.send_signal(signal.SIGKILL)
    first.wait()
    assert 2 <= len(_states(out)) < len(CLASS), "the run was not stopped half-way"
    assert helpers, "the run had no worker processes when it was killed"
    for _ in range(100):  # workers and sandboxed kernels die with the run
        if not any(_alive(pid) for pid in helpers):
            break
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in helpers)

    done = _states(out)
    second = _grade(subs, out)
    assert f"{len(done)} student(s) already graded" in second.stdout
    after = _states(out)
    assert sorted(after) == sorted(nbgrader_id(s) for s in CLASS)
    assert all(after[k] == v for k, v in done.items()), "a graded student was graded again"
    rows = read_grades(out)
    assert sorted(rows) == sorted(CLASS)
    assert rows["alice_right"]["score"] == "16"  # the automatic 16 of 19
    assert float(rows["chen_wrong"]["score"]) == expected()["chen_wrong"][0]

    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{out / 'gradebook.db'}") as gb:
        assert len(gb.find_assignment("ch05").submissions) == len(CLASS)

    # Nothing left to do: nothing graded again.
    third = _grade(subs, out)
    assert f"{len(CLASS)} student(s) already graded" in third.stdout
    assert _states(out) == after

    # A resubmission is graded again, alone.
    chen = subs / "chen_wrong" / "ch05.ipynb"
    nbformat.write(build_submissions({})["alice_right"], chen)
    _grade(subs, out)
    changed = {k for k, v in _states(out).items() if after[k] != v}
    assert changed == {"chen_wrong"}
    assert read_grades(out)["chen_wrong"]["score"] == "16"


def test_force_regrades_everyone_with_the_same_grades(tmp_path):
    subs, out = _write_class(tmp_path / "subs"), tmp_path / "out"
    _grade(subs, out)
    first, states = read_grades(out), _states(out)
    _grade(subs, out, "--force")
    assert all(_states(out)[k] != v for k, v in states.items())
    again = read_grades(out)
    for sid in CLASS:  # the same per-student inputs, so the same grades
        assert {k: v for k, v in again[sid].items() if k != "feedback"} == \
            {k: v for k, v in first[sid].items() if k != "feedback"}


def test_bad_options_are_clear_errors(tmp_path):
    run = subprocess.run([*CLI, "grade", "ch05", str(tmp_path), "--memory", "lots"],
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 2 and "'lots' is not a size" in run.stderr
    run = subprocess.run([*CLI, "grade", "ch05", str(tmp_path / "nope")],
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 2 and "does not exist" in run.stderr
    run = subprocess.run([*CLI, "grade", "ch05", str(tmp_path), "--jobs", "0"],
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 2 and "at least 1" in run.stderr

