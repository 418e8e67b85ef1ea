"""Shared fixtures: the demo class graded once per test session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def graded_demo(tmp_path_factory):
    """The demo class of chapter 5, graded through nbgrader's real CLI."""
    from autograder.demo import ASSIGNMENT, write_demo_class
    from autograder.grading import grade

    base = tmp_path_factory.mktemp("demo")
    subs = write_demo_class(base / "submissions")
    out = base / "grading"
    results = grade(ASSIGNMENT, subs, out, cell_timeout=10, log=lambda _msg: None)
    return out, {r.student_id: r for r in results}
