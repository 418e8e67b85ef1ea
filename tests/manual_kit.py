"""Helpers of the tests that grade written tasks by hand (test_manual, test_capstone_manual).

What an instructor does after ``crm-course grade``: give a manual score as nbgrader's
formgrader stores it (:func:`give_manual_grade`, through :class:`nbgrader.api.Gradebook`),
or through the real formgrader that ``crm-course formgrade`` starts (:func:`formgrader`,
:func:`call`: its REST API, what its page calls when a score is saved), then
``crm-course export`` (:func:`export`).
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from conftest import CLI

from autograder.submissions import nbgrader_id


def give_manual_grade(out, assignment: str, qid: str, student: str, points: float) -> None:
    """What nbgrader's formgrader does when the instructor types a score and saves it."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{out / 'gradebook.db'}") as gb:
        grade = gb.find_grade(qid, assignment, assignment, nbgrader_id(student))
        grade.manual_score = points
        grade.needs_manual_grade = False
        gb.db.commit()


def manual_score(out, assignment: str, qid: str, student: str):
    """The manual score of one written task in the gradebook (None: not graded)."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{out / 'gradebook.db'}") as gb:
        return gb.find_grade(qid, assignment, assignment, nbgrader_id(student)).manual_score


def export(out, assignment: str) -> dict[str, dict]:
    """``crm-course export``; nbgrader's export CSV by nbgrader student id."""
    run = subprocess.run([*CLI, "export", assignment, "--out", str(out)], capture_output=True,
                         text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    with (out / "gradebook_export.csv").open(encoding="utf-8", newline="") as fh:
        return {row["student_id"]: row for row in csv.DictReader(fh)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(url: str, token: str, data: dict | None = None):
    """GET (or PUT ``data`` to) one formgrader API URL with the server's token."""
    request = urllib.request.Request(
        url, method="GET" if data is None else "PUT",
        data=None if data is None else json.dumps(data).encode(),
        headers={"Authorization": f"token {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=20) as response:
        return json.loads(response.read().decode("utf-8"))


@contextlib.contextmanager
def formgrader(out, assignment: str, tmp_path):
    """Start ``crm-course formgrade`` on ``out``; yield ``(api_url, token, notebooks)``."""
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"), HOME=str(tmp_path))
    proc = subprocess.Popen(
        [sys.executable, "-m", "autograder.cli", "formgrade", "--out", str(out), "--no-browser",
         "--port", str(port), assignment, "--", f"--IdentityProvider.token={token}",
         "--ServerApp.ip=127.0.0.1", "--ServerApp.port_retries=0"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    api = f"http://127.0.0.1:{port}/formgrader/api"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                notebooks = call(f"{api}/submitted_notebooks/{assignment}/{assignment}", token)
                break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    proc.kill()
                    raise AssertionError("the formgrader did not start:\n"
                                         + proc.communicate(timeout=30)[0]) from None
                time.sleep(0.5)
        yield api, token, notebooks
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
