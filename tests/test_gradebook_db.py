"""A shared PostgreSQL gradebook: two graders at once lose no row.

A real PostgreSQL server (``pgkit``, Debian's ``postgresql`` run as an
unprivileged user) and two ``crm-course grade --db postgresql+psycopg://...``
processes grading halves of a class at the same time, each from its own
course folder (two graders on two machines), into one gradebook.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pgkit
import pytest

from autograder.coursedir import EXERCISES_DIR
from autograder.demo import WRONG, _fill, _solution_code, honest_points
from autograder.gradebookdb import check_db_url, exclusive, redact, sqlite_url

postgres_server, postgres = pgkit.postgres_server, pgkit.postgres  # fixtures

CLI = str(Path(sys.executable).parent / "crm-course")
HALVES = {"a": ("ann", "ben"), "b": ("cai", "dev")}
RIGHT = {"ann", "cai"}


def _answers(student: str) -> dict[str, str]:
    return _solution_code() if student in RIGHT else dict(WRONG)


def _class(folder: Path, students) -> Path:
    release = nbformat.read(EXERCISES_DIR / "ch05" / "ch05.ipynb", as_version=4)
    for student in students:
        (folder / student).mkdir(parents=True)
        nbformat.write(_fill(release, _answers(student)), folder / student / "ch05.ipynb")
    return folder


@pytest.mark.slow
def test_two_graders_share_one_postgresql_gradebook(tmp_path, postgres):
    from nbgrader.api import Gradebook

    runs = []
    for half, students in HALVES.items():
        subs = _class(tmp_path / f"subs_{half}", students)
        runs.append(subprocess.Popen(
            [CLI, "grade", "ch05", str(subs), "--out", str(tmp_path / f"grading_{half}"),
             "--db", postgres, "--jobs", "1", "--quiet", "--no-feedback"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True))
    outputs = [p.communicate(timeout=600)[0] for p in runs]
    assert [p.returncode for p in runs] == [0, 0], "\n".join(o[-3000:] for o in outputs)

    everyone = [s for students in HALVES.values() for s in students]
    with Gradebook(postgres) as gb:
        assert sorted(s.id for s in gb.students) == sorted(everyone)
        grade_cells = len(gb.find_assignment("ch05").notebooks[0].grade_cells)
        scores = {}
        for student in everyone:
            sub = gb.find_submission("ch05", student)
            assert len(sub.notebooks[0].grades) == grade_cells, student
            scores[student] = round(sub.score, 2)
    assert scores == {s: honest_points(_answers(s), s) for s in everyone}
    assert scores["ann"] == 16.0 > scores["ben"]
    # nbgrader's own commands in each folder read the same gradebook.
    config = (tmp_path / "grading_a" / "nbgrader_config.py").read_text()
    assert f"c.CourseDirectory.db_url = {postgres!r}" in config
    assert not (tmp_path / "grading_a" / "gradebook.db").exists()


def test_bad_db_urls_are_refused_with_the_forms_named():
    for url in ("mysql://root@db/crm", "postgresql+psycopg://grader@db", "db.sqlite"):
        with pytest.raises(ValueError, match="--db") as err:
            check_db_url(url)
        assert "s3cret" not in str(err.value)
    with pytest.raises(ValueError, match=r"\*\*\*"):
        check_db_url("mysql://grader:s3cret@db/crm")
    assert redact("postgresql+psycopg://u:p@h/d") == "postgresql+psycopg://u:***@h/d"


def test_cli_refuses_a_bad_db_before_grading(tmp_path):
    run = subprocess.run([CLI, "grade", "ch05", str(tmp_path), "--out", str(tmp_path / "g"),
                          "--db", "mysql://x@y/z"], capture_output=True, text=True)
    assert run.returncode == 2 and "--db 'mysql://x@y/z'" in run.stderr, run.stderr
    assert not (tmp_path / "g").exists()


def test_sqlite_lock_serialises_two_processes(tmp_path):
    """The set-up lock: a second process waits while the first holds it."""
    url = sqlite_url(tmp_path / "gradebook.db")
    code = ("import sys, time; from autograder.gradebookdb import exclusive\n"
            f"with exclusive({url!r}):\n"
            f"    open({str(tmp_path / 'log')!r}, 'a').write('in\\n'); time.sleep(0.5)\n"
            f"    open({str(tmp_path / 'log')!r}, 'a').write('out\\n')\n")
    with exclusive(url):
        procs = [subprocess.Popen([sys.executable, "-c", code]) for _ in range(2)]
        assert not (tmp_path / "log").exists()  # both wait for this process
    assert [p.wait(30) for p in procs] == [0, 0]
    assert (tmp_path / "log").read_text().split() == ["in", "out", "in", "out"]


@pytest.mark.slow
def test_postgresql_lock_serialises(postgres):
    import threading
    import time

    events = []

    def hold(tag):
        with exclusive(postgres, "test lock"):
            events.append(f"{tag} in")
            time.sleep(0.3)
            events.append(f"{tag} out")

    threads = [threading.Thread(target=hold, args=(t,)) for t in "xy"]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert [e.split()[1] for e in events] == ["in", "out", "in", "out"], events
