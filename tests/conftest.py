"""Shared fixtures: the demo class graded once per test session through the real CLI."""

from __future__ import annotations

import csv
import http.server
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

#: Servers, Chromium and page helpers of the browser tests (session fixtures).
pytest_plugins = ["browser_kit"]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Group tests by file for ``--dist loadgroup`` unless a test names its own group.

    ``make test`` runs two workers with ``--dist loadgroup``: a file's tests stay on
    one worker (its module and session fixtures are built once there, as with
    ``loadfile``), while a test marked ``xdist_group`` (each lecture run, each
    chapter's demo class) is scheduled on its own, so the long groups spread over
    both workers. ``tryfirst``: before xdist reads the marks.
    """
    for item in items:
        if not any(True for _ in item.iter_markers("xdist_group")):
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))

#: The installed console script, as an instructor runs it.
CLI = [str(Path(sys.executable).parent / "crm-course")]


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 - the http.server API
        self.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"secrets")

    def log_message(self, *args):
        pass


@dataclass
class GradedClass:
    """A class graded by ``crm-course grade``: where, what it printed, its rows."""

    out: Path
    submissions: Path
    run: subprocess.CompletedProcess
    results: dict
    hits: list[str]
    before: dict[str, bytes]


@pytest.fixture(scope="session")
def local_server():
    """A web server on loopback that counts requests (no student should reach it)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], _Counter.hits
    server.shutdown()


@pytest.fixture(scope="session")
def graded_demo(tmp_path_factory, local_server):
    """The demo class (ordinary and hostile submissions), graded with ``--jobs 2``."""
    from autograder.demo import ASSIGNMENT, default_targets, write_demo_class

    port, hits = local_server
    base = tmp_path_factory.mktemp("demo")
    subs, out = base / "submissions", base / "grading"
    targets = {**default_targets(subs, out), "port": port}
    write_demo_class(subs, targets)
    watched = {*targets["read"].values(), *targets["write"].values()}
    before = {p: Path(p).read_bytes() for p in watched if Path(p).is_file()}
    run = subprocess.run([*CLI, "grade", ASSIGNMENT, str(subs), "--out", str(out),
                          "--jobs", "2", "--cell-timeout", "15", "--timeout", "40"],
                         capture_output=True, text=True, timeout=1800, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    return GradedClass(out, subs, run, read_grades(out), hits, before)


def read_grades(out: Path) -> dict[str, dict]:
    """The rows of ``grades.csv`` by student id."""
    with (out / "grades.csv").open(encoding="utf-8-sig", newline="") as fh:
        return {row["student_id"]: row for row in csv.DictReader(fh)}
