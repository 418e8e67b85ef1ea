"""The test suite's own scheduling: ``make test`` relies on ``--dist loadgroup``.

A file's tests share a worker (their fixtures are built once), and the long
groups (each lecture run, each chapter's demo class) spread over both workers.
pytest-xdist stops grouping silently on some pytest versions
(pytest-dev/pytest-xdist#1386), so this runs a two-test session and checks.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_loadgroup_keeps_a_group_on_one_worker(tmp_path):
    grouped = "".join(
        f"@pytest.mark.xdist_group('one')\ndef test_g{i}():\n"
        f"    open('g{i}', 'w').write(os.environ['PYTEST_XDIST_WORKER'])\n" for i in range(6))
    loose = "".join(f"def test_l{i}():\n    pass\n" for i in range(6))
    (tmp_path / "test_grouped.py").write_text("import os, pytest\n" + grouped + loose,
                                              encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup",
                          "-p", "no:cacheprovider", "-q", str(tmp_path)],
                         cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    workers = {(tmp_path / f"g{i}").read_text() for i in range(6)}
    assert len(workers) == 1, f"one xdist group ran on {sorted(workers)}"


def test_makefile_runs_the_suite_with_loadgroup():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert makefile.count("--dist loadgroup") >= 2  # test and test-fast
