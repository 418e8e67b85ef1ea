"""The benchmark scripts still run (timings are reported, never asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_rfm_benchmark_runs_quickly_on_small_data():
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_rfm.py"), "--quick"],
                         capture_output=True, text=True, cwd=ROOT, timeout=600, check=False)
    assert run.returncode == 0, run.stderr
    assert "ratio loop / vectorised" in run.stdout


def test_widget_benchmark_runs_quickly_on_small_data():
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_widgets.py"),
                          "--quick", "--no-save"],
                         capture_output=True, text=True, cwd=ROOT, timeout=600, check=False)
    assert run.returncode == 0, run.stderr
    for control in ("bins", "w_r", "w_f", "w_m", "view", "a_cut", "b_cut"):
        assert f" {control} " in run.stdout, control
    assert "ratio full redraw / in place" in run.stdout


@pytest.mark.slow
def test_grading_benchmark_runs_on_a_small_class():
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_grading.py"),
                          "--quick"],
                         capture_output=True, text=True, cwd=ROOT, timeout=900, check=False)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "ratio nbgrader / crm-course --jobs 2" in run.stdout
