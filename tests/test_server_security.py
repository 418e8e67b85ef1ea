"""Grading on a real server: the server class graded through ``crm-course grade``.

The grader runs with secrets in its environment (as an instructor's server
would have: a database URL, a token); each test checks one hole of issue 8:
root-only files, the grader's environment, links out of a submission, fork
bombs, file floods, formulas in grades.csv and scripts in the HTML pages.
"""

from __future__ import annotations

import ast
import csv
import html.parser
import os
import re
import subprocess

import nbformat
import pytest
from conftest import CLI

from autograder.demo import FORMULA_ID, build_server_class
from autograder.grading import STATUSES
from autograder.safety import defuse_cell, recover_cell
from autograder.submissions import nbgrader_id

pytestmark = pytest.mark.slow

SECRETS = {"CRM_TEST_SECRET": "s3cr3t-token", "DATABASE_URL": "postgresql://u:s3cr3t@db/x"}


@pytest.fixture(scope="module")
def server_class(tmp_path_factory):
    base = tmp_path_factory.mktemp("server")
    subs, out = base / "subs", base / "out"
    expected = build_server_class(subs)
    # A notebook's time limit with room for a loaded machine: the fork bomb must be
    # stopped by the process cap, and the cells after it must still run in time.
    run = subprocess.run([*CLI, "grade", "ch05", str(subs), "--out", str(out), "--jobs", "2",
                          "--cell-timeout", "15", "--timeout", "120", "--quiet"],
                         capture_output=True, text=True, timeout=900, check=False,
                         env={**os.environ, **SECRETS})
    assert run.returncode == 0, run.stderr[-3000:]
    with (out / "grades.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = {recover_cell(r["student_id"]): r for r in csv.DictReader(fh)}
    return out, expected, rows, run


def _printed(out, sid, marker: str) -> str:
    nb = nbformat.read(out / "autograded" / nbgrader_id(sid) / "ch05" / "ch05.ipynb",
                       as_version=4)
    for cell in nb.cells:
        if marker in cell.source:
            return "".join(o.get("text", "") for o in cell.outputs)
    raise AssertionError(f"no cell with {marker} in {sid}'s notebook")


def test_every_server_student_gets_expected_score_and_status(server_class):
    out, expected, rows, _ = server_class
    assert sorted(rows) == sorted(expected)
    for sid, (score, status) in expected.items():
        assert rows[sid]["status"] == status, (sid, rows[sid]["message"])
        assert float(rows[sid]["score"]) == score, sid
        assert status in STATUSES


def test_student_code_is_unprivileged_and_sees_no_root_only_file(server_class):
    out, *_ = server_class
    probe = ast.literal_eval(_printed(out, "sv_reads_etc", "PROBE").strip())
    assert probe["uid"] != 0 and probe["gid"] != 0 and probe["groups"] == []
    assert probe["CapEff"] == probe["CapPrm"] == probe["CapBnd"] == "0000000000000000"
    assert probe["NoNewPrivs"] == "1"
    for label in ("shadow", "gshadow", "ssh host key", "ssl private", "pip config",
                  "root home"):
        assert probe[label] in {"FileNotFoundError", "PermissionError"}, label
    assert not {"shadow", "ssh", "ssl", "pip.conf", "gitconfig"} & set(probe["etc"])
    assert {"passwd", "group", "fonts"} <= set(probe["etc"])
    assert probe["passwd"] == 3  # root, the student, nobody: not the machine's accounts


def test_grader_environment_is_invisible_inside(server_class):
    out, *_ = server_class
    seen = ast.literal_eval(_printed(out, "sv_reads_proc", "SEEN").strip())
    assert seen["leaked"] == []
    assert not set(SECRETS) & set(seen["keys"])
    assert seen["pids"][0] == 1 and len(seen["pids"]) < 10  # its own PID namespace only


@pytest.mark.parametrize("sid, words", [
    ("sv_links_solution", "ch05.ipynb is a symbolic link to a file outside the submission"),
    ("sv_link_inside", "notes.txt is a symbolic link to a file outside the submission"),
    ("sv_folder_is_link", "is a symbolic link"),
])
def test_links_out_of_a_submission_are_refused(server_class, sid, words):
    out, _, rows, _ = server_class
    assert rows[sid]["status"] == "refused" and words in rows[sid]["message"]
    assert not (out / "autograded" / nbgrader_id(sid)).exists()  # no kernel ran
    page = (out / rows[sid]["feedback"]).read_text(encoding="utf-8")
    assert "links are not followed" in page and "无法评分" in page
    original = out / "originals" / nbgrader_id(sid)
    assert original.is_symlink() or any(p.is_symlink() for p in original.rglob("*"))


def test_fork_bomb_meets_the_process_cap(server_class):
    out, _, rows, _ = server_class
    row = rows["sv_fork_bomb"]
    assert row["status"] == "process-limit" and "processes" in row["message"]
    from autograder.reference.ch05 import QUESTIONS

    # the cells after the bomb still ran: the quiz (after it) earned its full points
    assert float(row["ch05_q5"]) == QUESTIONS["ch05_q5"].points


def test_file_flood_meets_the_file_cap(server_class):
    from autograder.confine import MAX_FILES

    out, _, rows, _ = server_class
    assert rows["sv_file_flood"]["status"] == "file-limit"
    made = int(re.search(r"files made: (\d+)", _printed(out, "sv_file_flood",
                                                        "flood")).group(1))
    assert 0 < made < MAX_FILES


def test_grades_csv_defuses_formulas_and_keeps_ids_recoverable(server_class):
    out, *_ = server_class
    with (out / "grades.csv").open(encoding="utf-8-sig", newline="") as fh:
        raw = list(csv.DictReader(fh))
    for row in raw:
        for column in ("student_id", "message", "feedback"):
            assert not row[column].startswith(("=", "+", "-", "@", "\t", "\r")), row[column]
    ids = {recover_cell(r["student_id"]) for r in raw}
    assert FORMULA_ID in ids and "-sv_error_text" in ids
    error_row = next(r for r in raw if recover_cell(r["student_id"]) == "-sv_error_text")
    assert error_row["message"].startswith("'=1+2.ipynb: not valid JSON")


class _Tags(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.scripts, self._in_script = [], [], False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)

    def handle_endtag(self, tag):
        self._in_script = False


def _live(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    return parser


def test_report_escapes_student_ids(server_class):
    out, *_ = server_class
    report = (out / "report.html").read_text(encoding="utf-8")
    tags = _live(report)
    # the only images are the report's own figures (the score histogram), never an id's
    for tag, attrs in tags.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if tag == "img":
            assert (attrs.get("src") or "").startswith("data:image/png;base64,"), attrs
    assert "&lt;img src=x onerror=alert(1)&gt;" in report


def test_feedback_does_not_run_student_html(server_class):
    out, _, rows, _ = server_class
    page = (out / rows["sv_scripts"]["feedback"]).read_text(encoding="utf-8")
    assert "PWNED_MARKDOWN" in page and "PWNED_OUTPUT" in page  # shown, as text
    tags = _live(page)
    assert not any("PWNED" in script for script in tags.scripts)
    for tag, attrs in tags.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, value)
            assert not (value or "").lower().startswith("javascript:"), (tag, name, value)


def test_terminal_table_has_no_control_characters(server_class):
    *_, run = server_class
    assert "\x1b" not in run.stdout


# ---------------------------------------------------------------- without a class


def test_csv_cells_are_defused_and_recoverable():
    for text in ["=1+1", "+cmd", "-2", "@SUM(A1)", "\tx", "\rx", "'quoted", "plain", ""]:
        cell = defuse_cell(text)
        assert recover_cell(cell) == text
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_launcher_environment_is_clean(tmp_path, monkeypatch):
    """As uid 0 without capabilities the kernel may read /proc/1/environ: it is empty."""
    from autograder.execute import run_notebook
    from autograder.sandbox import SandboxPolicy

    monkeypatch.setenv("CRM_TEST_SECRET", "s3cr3t-token")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "print(sorted(k.split(b'=')[0] for k in open('/proc/1/environ','rb').read()"
        ".split(b'\\0') if k))")])
    run_notebook(nb, tmp_path / "work", policy=SandboxPolicy(uid=0))
    keys = set(ast.literal_eval(nb.cells[0].outputs[0]["text"].strip()))
    assert b"PATH" in keys and keys <= {b"PATH", b"LANG", b"JPY_PARENT_PID"}, keys
