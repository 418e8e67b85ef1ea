"""The sandbox and the limits, one notebook at a time (the class-level rows are in
test_grading.py)."""

from __future__ import annotations

import nbformat
import pytest

from autograder.execute import Limits, run_notebook
from autograder.sandbox import SandboxPolicy, check_sandbox, parse_size

pytestmark = pytest.mark.slow


def _run(tmp_path, *sources, memory="2G", **limits):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    report = run_notebook(nb, tmp_path / "work", limits=Limits(**limits),
                          policy=SandboxPolicy(memory_bytes=parse_size(memory)))
    return report, [c.outputs for c in nb.cells]


def _error(outputs) -> str | None:
    errors = [o["ename"] for o in outputs if o.get("output_type") == "error"]
    return errors[0] if errors else None


def test_sandbox_is_available():
    check_sandbox()


def test_memory_limit_is_configurable(tmp_path):
    grab = "x = bytearray(1_500_000_000); len(x)"
    report, outs = _run(tmp_path / "small", grab, memory="1G")
    assert _error(outs[0]) == "MemoryError"
    assert [e.status for e in report.events] == ["memory-limit"]
    report, outs = _run(tmp_path / "large", grab, memory="3G")
    assert _error(outs[0]) is None and report.events == []


def test_kernel_sees_only_its_folder_the_course_and_python(tmp_path):
    report, outs = _run(
        tmp_path,
        "import course, pandas; from course import load_dataset; "
        "len(load_dataset('retail_small'))",
        "import autograder",
        "import os; sorted(os.listdir('.'))",
        "open('/root/.bash_history')",
        "open('/tmp/x', 'w')",
        "import tempfile; tempfile.NamedTemporaryFile().name",
    )
    assert _error(outs[0]) is None
    assert _error(outs[1]) == "ModuleNotFoundError"
    assert "grading" not in str(outs[2])
    assert _error(outs[3]) in {"FileNotFoundError", "PermissionError"}
    assert _error(outs[4]) == "OSError"  # read-only file system
    assert _error(outs[5]) is None  # temporary files go to the working folder


def test_cell_timeout_interrupts_and_the_run_goes_on(tmp_path):
    report, outs = _run(tmp_path, "while True: pass", "print('next')", cell_timeout=2)
    assert _error(outs[0]) == "KeyboardInterrupt"
    assert outs[1][0]["text"] == "next\n"
    assert [e.status for e in report.events] == ["timeout"]


def test_sys_exit_is_an_error_but_exit_ends_the_kernel(tmp_path):
    report, outs = _run(tmp_path, "import sys; sys.exit(1)", "print(2)", "exit()",
                        "import time; time.sleep(3)", "print(3)")
    assert _error(outs[0]) == "SystemExit"
    assert outs[1][0]["text"] == "2\n"
    assert "3\n" not in str(outs[4])
    assert [e.status for e in report.events] == ["kernel-died"]


def test_os_exit_kills_the_kernel_not_the_run(tmp_path):
    report, outs = _run(tmp_path, "print(1)", "import os; os._exit(3)", "print(2)")
    assert outs[0][0]["text"] == "1\n"
    assert outs[2] == []
    assert [(e.status, e.cell) for e in report.events] == [("kernel-died", 1)]


def test_hidden_tests_that_cannot_run_are_an_error_not_a_zero(tmp_path):
    """A release whose test cells lack their hidden part: nothing is handed in."""
    from autograder.coursedir import EXERCISES_DIR
    from autograder.demo import build_submissions
    from autograder.worker import Job, grade_submission

    folder = tmp_path / "subs" / "alice_right"
    folder.mkdir(parents=True)
    nbformat.write(build_submissions({})["alice_right"], folder / "ch05.ipynb")
    release = (EXERCISES_DIR / "ch05" / "ch05.ipynb").read_text(encoding="utf-8")
    job = Job("ch05", "alice_right", "alice_right", str(folder), str(tmp_path / "out"),
              release, {}, Limits(), parse_size("2G"), str(tmp_path / "scratch"))
    result = grade_submission(job)
    assert result.status == "error"
    assert "no answer was handed in" in result.message
    assert set(result.questions.values()) == {0.0}
