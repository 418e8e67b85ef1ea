"""Boundaries of the packages: what students get never holds the answers or reads data early."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_course_package_never_imports_the_autograder():
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "course").rglob("*.py")
                 if any(m.split(".")[0] == "autograder" for m in _imported_modules(p))]
    assert offenders == []


def test_boundary_check_would_notice_an_import(tmp_path):
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("from autograder.reference import ch05\n")
    assert "autograder.reference" in _imported_modules(sneaky)


def test_importing_course_reads_no_data(tmp_path):
    code = ("import course, course.widgets, course.check.ch05, course.sims; "
            "print(course.data.data_dir())")
    env = dict(os.environ, CRM_COURSE_DATA=str(tmp_path / "nowhere"))
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, check=False, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "nowhere" in run.stdout
