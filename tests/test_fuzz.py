"""Fuzzed submissions: reading, restoring and scoring never break, and a batch never does.

Property-based tests (Hypothesis) for the three steps that meet a student's
file, then mutated copies of real notebooks (:mod:`autograder.fuzz`) graded
through ``crm-course grade``: a small batch in ``make test``, 1,000+ in
``make test-fuzz`` (marker ``fuzz``).
"""

from __future__ import annotations

import collections
import copy
import csv
import json
import os
import re
import subprocess
import time

import nbformat
import pytest
from conftest import CLI
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autograder.coursedir import EXERCISES_DIR, GradingError
from autograder.demo import auto_points, build_submissions
from autograder.fuzz import REJECTED, RUNNING, mutants, write_fuzz_class
from autograder.grading import STATUSES
from autograder.restore import restore_cells
from autograder.safety import recover_cell
from autograder.submissions import read_submission

RELEASE = nbformat.read(EXERCISES_DIR / "ch05" / "ch05.ipynb", as_version=4)
BARE = re.compile(r"^\w*(Error|Exception)\b")  # a message that is only an exception name

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=30)


def _gid(cell):
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def _locked_code(nb):
    return [(_gid(c), c.source) for c in nb.cells if c.cell_type == "code" and _gid(c)
            and not c.metadata["nbgrader"].get("solution")]


def _expect_read_or_words(path):
    try:
        return read_submission(path)
    except GradingError as exc:
        assert str(exc).startswith(f"{path.name}: "), exc
        assert not BARE.match(str(exc).split(": ", 1)[1]), exc
        return None


# ---------------------------------------------------------------- properties


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300) | json_values.map(lambda v: json.dumps(v).encode()))
def test_reading_any_file_gives_a_notebook_or_words(tmp_path, data):
    path = tmp_path / "ch05.ipynb"
    path.write_bytes(data)
    _expect_read_or_words(path)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, len(RELEASE.cells) - 1), json_values,
       st.sampled_from(["nbgrader", "grade_id", "points", "grade", "metadata", "source"]))
def test_reading_a_notebook_with_any_value_anywhere(tmp_path, index, value, where):
    data = json.loads(nbformat.writes(RELEASE))
    cell = data["cells"][index]
    if where in {"metadata", "source"}:
        cell[where] = value
    elif where == "nbgrader":
        cell["metadata"]["nbgrader"] = value
    else:
        cell["metadata"].setdefault("nbgrader", {})[where] = value
    path = tmp_path / "ch05.ipynb"
    path.write_text(json.dumps(data), encoding="utf-8")
    nb = _expect_read_or_words(path)
    if nb is not None:
        restore_cells(nb, RELEASE)  # whatever was read can be restored


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_restoring_any_reordering_gives_back_the_released_tests(data):
    student = copy.deepcopy(build_submissions({})["alice_right"] if data.draw(st.booleans())
                            else RELEASE)
    cells = student.cells
    order = data.draw(st.lists(st.integers(0, len(cells) - 1), max_size=2 * len(cells)))
    student.cells = [copy.deepcopy(cells[i]) for i in order]
    nb, notes = restore_cells(student, RELEASE)
    assert _locked_code(nb) == _locked_code(RELEASE)
    answers = [_gid(c) for c in nb.cells if _gid(c) and c.metadata["nbgrader"].get("solution")]
    assert answers == [_gid(c) for c in RELEASE.cells
                       if _gid(c) and c.metadata["nbgrader"].get("solution")]
    if order == list(range(len(cells))):
        assert notes == []
    nbformat.validate(nb)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["ch05_q1", "ch05_q3", "ch05_q5", "ch05_q6"]),
       json_values | st.fixed_dictionaries({"results": st.lists(json_values, max_size=5),
                                            "value": json_values}))
def test_scoring_any_record_never_breaks(qid, record):
    from autograder.answers import score_question
    from autograder.reference.ch05 import QUESTIONS

    question = QUESTIONS[qid]
    score = score_question(question, record if isinstance(record, dict) else None, "s001")
    assert 0 <= score.points <= question.points


# ---------------------------------------------------------------- mutants, without a kernel


def test_rejected_mutants_never_reach_a_kernel(tmp_path, monkeypatch):
    """Every mutant either reads or is rejected in words; rejected ones start no kernel."""
    import autograder.worker as worker
    from autograder.execute import Limits
    from autograder.sandbox import parse_size

    def no_kernel(*args, **kwargs):
        raise AssertionError("a kernel was started for a notebook that can be rejected")

    monkeypatch.setattr(worker, "run_notebook", no_kernel)
    bases = [RELEASE, build_submissions({})["alice_right"]]
    kinds = collections.Counter()
    for name, data in mutants(bases, 240, seed=3, running=0.0):
        folder = tmp_path / "subs" / name
        folder.mkdir(parents=True)
        (folder / "ch05.ipynb").write_bytes(data)
        job = worker.Job("ch05", name, name, str(folder), str(tmp_path / "out"),
                         nbformat.writes(RELEASE), {}, Limits(), parse_size("2G"),
                         str(tmp_path / "scratch"))
        result = worker.grade_submission(job)
        if "a kernel was started" in result.message:
            # Mutated inside a string only: still a notebook, so it must be graded (the
            # worker's last net turns the stand-in's AssertionError into an error row).
            assert _expect_read_or_words(folder / "ch05.ipynb") is not None, name
            kinds["readable"] += 1
            continue
        assert result.status == "unreadable", (name, result.status, result.message)
        assert result.message.startswith("ch05.ipynb: "), result.message
        kinds[name.split("_")[1]] += 1
    assert set(kinds) >= set(REJECTED) - {"invalid-json"}
    assert kinds["readable"] < 24  # a few invalid-json mutants only touch a string


# ---------------------------------------------------------------- a batch through the CLI


def _grade_batch(tmp_path, count, seed, running):
    subs, out = tmp_path / "subs", tmp_path / "out"
    (subs / "alice_right").mkdir(parents=True)
    nbformat.write(build_submissions({})["alice_right"], subs / "alice_right" / "ch05.ipynb")
    args = [*CLI, "grade", "ch05", str(subs), "--out", str(out), "--jobs", "2", "--quiet",
            "--cell-timeout", "10", "--timeout", "60"]
    first = subprocess.run([*args, "--no-feedback"], capture_output=True, text=True,
                           timeout=900, check=False)
    assert first.returncode == 0, first.stderr[-3000:]
    state = out / "state" / "ch05" / "alice_right.json"
    before = (state.stat().st_mtime_ns, state.read_text())
    made = write_fuzz_class(subs, count, seed=seed, running=running)
    started = time.monotonic()
    run = subprocess.run(args, capture_output=True, text=True, timeout=7200, check=False)
    seconds = time.monotonic() - started
    assert run.returncode == 0, run.stderr[-3000:]
    with (out / "grades.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = {recover_cell(r["student_id"]): r for r in csv.DictReader(fh)}
    return subs, out, made, rows, before, state, seconds


def _check_batch(subs, out, made, rows, before, state, seconds):
    assert sorted(rows) == sorted(p.name for p in subs.iterdir())  # a row for every folder
    assert (state.stat().st_mtime_ns, state.read_text()) == before  # graded before: kept
    assert rows["alice_right"]["status"] == "ok"
    assert float(rows["alice_right"]["score"]) == auto_points()
    counts = collections.Counter(r["status"] for r in rows.values())
    for name, row in rows.items():
        assert row["status"] in STATUSES, (name, row["status"])
        message = row["message"]
        assert not BARE.match(message), (name, message)
        if row["status"] == "unreadable":
            assert message.startswith("ch05.ipynb: "), (name, message)
        assert row["status"] != "error", (name, message)
    ran = {p.name for p in (out / "autograded").iterdir()}
    unread = {n for n, r in rows.items() if r["status"] in {"unreadable", "refused", "missing"}}
    assert not ran & unread  # no kernel for what was rejected
    kinds = collections.Counter(m for m in made.values())
    print(f"\nfuzz batch: {len(made)} mutants (+1 graded before) in {seconds:.0f} s; "
          f"statuses {dict(sorted(counts.items()))}; mutations {dict(sorted(kinds.items()))}")
    assert set(kinds) & set(RUNNING)


@pytest.mark.slow
def test_a_small_fuzzed_batch_is_graded_through_the_cli(tmp_path):
    _check_batch(*_grade_batch(tmp_path, 40, seed=11, running=0.08))


@pytest.mark.fuzz
def test_a_fuzzed_batch_of_a_thousand(tmp_path):
    count = int(os.environ.get("CRM_FUZZ_COUNT", "1000"))
    _check_batch(*_grade_batch(tmp_path, count, seed=2024, running=0.06))
