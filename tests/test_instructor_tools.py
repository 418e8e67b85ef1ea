"""Instructor tools through the real CLI: Canvas and Moodle downloads, roster, late work,
exports, the course gradebook, item analysis and similarity flags.

Two small classes are graded once per session (``canvas_class``: a zipped
Canvas download; ``moodle_class``: an unpacked Moodle download) and reused by
every test here.
"""

from __future__ import annotations

import base64
import csv
import io
import os
import re
import subprocess
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import nbformat
import pytest
from conftest import CLI
from lms_class import notebooks, write_zip

pytestmark = pytest.mark.slow


def _points():
    from autograder.demo import auto_points
    from autograder.reference.ch05 import MANUAL

    return auto_points(), auto_points() + sum(MANUAL.values())


#: What the autograder can give (a right notebook's score while its written task waits
#: for the instructor), and the assignment's full maximum.
AUTO, MAX = _points()

TZ = ZoneInfo("Asia/Shanghai")
DUE = datetime(2026, 10, 20, 23, 59, tzinfo=TZ)
CONFIG = """
[course]
name = "CRM test course"
timezone = "Asia/Shanghai"
[late]
percent_per_day = 10
max_percent = 50
[letters]
A = 90
B = 75
C = 60
F = 0
[assignments.ch05]
weight = 10
due = 2026-10-20T23:59:00
canvas_column = "Exercise 5 (20485)"
moodle_column = "Exercise 5"
"""
#: Canvas class: (roster id, name, e-mail, Canvas user id, notebook kind, late mark, time).
CANVAS = [
    ("2026001", "Alice An", "alice@example.edu", "1001", "right", False, DUE - timedelta(days=1)),
    ("2026002", "Bao Bai", "bao@example.edu", "1002", "partly", False, DUE - timedelta(hours=3)),
    ("2026003", "Chen Chu", "chen@example.edu", "1003", "wrong", False, DUE - timedelta(hours=2)),
    ("2026004", "Li Lei", "lilei@example.edu", "1004", "right", True,
     DUE + timedelta(days=1, hours=2)),
    ("2026005", "Nora Ng", "nora@example.edu", "1005", "independent", False,
     DUE - timedelta(days=2)),
    ("2026006", "Olga Ou", "olga@example.edu", "1006", "near_copy", False,
     DUE - timedelta(days=2)),
    ("2026007", "=Zed Zhou", "zed@example.edu", "1007", None, False, None),  # nothing handed in
]


def _run(*args, timeout=1200):
    run = subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True,
                         timeout=timeout, check=False)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-3000:]
    return run


def _csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="session")
def canvas_class(tmp_path_factory):
    """A zipped Canvas download with a roster, a late student, a missing one, stray files."""
    base = tmp_path_factory.mktemp("canvas")
    kinds = notebooks()
    files = {}
    for _sid, name, _, uid, kind, late, when in CANVAS:
        if kind is None:
            continue
        short = name.lower().replace(" ", "").lstrip("=")
        files[f"{short}{'_late' if late else ''}_{uid}_{int(uid) + 5000}_ch05.ipynb"] = (
            nbformat.writes(kinds[kind]).encode(), when.replace(tzinfo=None))
    stamp = (DUE - timedelta(days=1)).replace(tzinfo=None)
    files["stranger_9999_1_ch05.ipynb"] = (nbformat.writes(kinds["right"]).encode(), stamp)
    files["<img src=x onerror=alert(1)>.txt"] = (b"hello", stamp)
    files["=cmd.txt"] = (b"x", stamp)
    archive = write_zip(base / "submissions.zip", files)
    roster = base / "roster.csv"
    roster.write_text("id,name,email,lms_id\n" + "".join(
        f"{sid},{name},{mail},{uid}\n" for sid, name, mail, uid, *_ in CANVAS), encoding="utf-8")
    config = base / "course.toml"
    config.write_text(CONFIG, encoding="utf-8")
    out = base / "grading" / "ch05"
    run = _run("grade", "ch05", archive, "--out", out, "--roster", roster, "--config", config,
               "--jobs", "2", "--quiet", "--cell-timeout", "20", "--timeout", "120")
    rows = {r["student_id"]: r for r in _csv(out / "grades.csv")}
    return {"base": base, "out": out, "run": run, "rows": rows, "roster": roster,
            "config": config, "archive": archive}


@pytest.fixture(scope="session")
def moodle_class(tmp_path_factory):
    """An unpacked Moodle download, one student late by the file's time."""
    base = tmp_path_factory.mktemp("moodle")
    kinds = notebooks()
    dl = base / "download"
    for name, pid, kind, when in [("Ann Lee", "41", "right", DUE - timedelta(days=1)),
                                  ("Dan Wu", "42", "partly", DUE + timedelta(hours=30)),
                                  ("Ghost Writer", "49", "right", DUE)]:
        folder = dl / f"{name}_{pid}_assignsubmission_file_"
        folder.mkdir(parents=True)
        path = folder / "CRM exercise 5.ipynb"
        nbformat.write(kinds[kind], path)
        os.utime(path, (when.timestamp(), when.timestamp()))
    roster = base / "roster.csv"
    roster.write_text("id,name,email,lms_id\nm01,Ann Lee,ann@example.edu,\n"
                      "m02,Dan Wu,dan@example.edu,\nm03,Eve Absent,eve@example.edu,\n",
                      encoding="utf-8")
    config = base / "course.toml"
    config.write_text(CONFIG, encoding="utf-8")
    out = base / "grading" / "ch05"
    run = _run("grade", "ch05", dl, "--out", out, "--roster", roster, "--config", config,
               "--jobs", "2", "--quiet", "--no-feedback")
    return {"base": base, "out": out, "run": run, "config": config, "roster": roster,
            "rows": {r["student_id"]: r for r in _csv(out / "grades.csv")}}


# ---------------------------------------------------------------- LMS downloads in


def test_canvas_zip_is_detected_and_every_enrolled_student_has_a_row(canvas_class):
    assert "layout of the download: canvas" in canvas_class["run"].stdout
    rows = canvas_class["rows"]
    assert {sid for sid, *_ in CANVAS} <= set(rows)
    assert rows["2026001"]["status"] == "ok" and float(rows["2026001"]["score"]) == AUTO
    assert rows["2026001"]["lms_id"] == "1001" and rows["2026001"]["email"] == "alice@example.edu"
    missing = rows["2026007"]
    assert missing["status"] == "missing" and float(missing["score"]) == 0
    assert "handed in nothing" in missing["message"]


def test_files_matched_to_nobody_are_flagged_not_guessed(canvas_class):
    rows = canvas_class["rows"]
    unknown = {sid: r for sid, r in rows.items() if r["status"] == "unknown"}
    assert "stranger_9999" in unknown
    assert "matches nobody on the roster" in unknown["stranger_9999"]["message"]
    assert any("does not follow Canvas's file names" in r["message"] for r in unknown.values())
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{canvas_class['out'] / 'gradebook.db'}") as gb:
        assert {s.lms_user_id for s in gb.students} == {sid for sid, *_ in CANVAS}


def test_moodle_folders_are_matched_by_name_and_absent_students_are_missing(moodle_class):
    assert "layout of the download: moodle" in moodle_class["run"].stdout
    rows = moodle_class["rows"]
    assert rows["m01"]["status"] == "ok" and float(rows["m01"]["score"]) == AUTO
    assert rows["m01"]["lms_id"] == "41"
    assert rows["m03"]["status"] == "missing"
    assert rows["Ghost Writer"]["status"] == "unknown"


# ---------------------------------------------------------------- late work


def test_canvas_late_mark_and_time_give_the_penalty(canvas_class):
    late = canvas_class["rows"]["2026004"]
    assert late["late"] == "yes" and late["days_late"] == "2"
    assert float(late["raw_score"]) == AUTO
    assert float(late["late_penalty"]) == pytest.approx(0.2 * MAX)  # 2 days x 10 % of MAX
    assert float(late["score"]) == pytest.approx(AUTO - 0.2 * MAX)
    on_time = canvas_class["rows"]["2026001"]
    assert on_time["late"] == "no" and float(on_time["late_penalty"]) == 0


def test_late_penalty_is_in_nbgrader_gradebook_and_feedback(canvas_class):
    from nbgrader.api import Gradebook

    from autograder.submissions import nbgrader_id

    with Gradebook(f"sqlite:///{canvas_class['out'] / 'gradebook.db'}") as gb:
        sub = gb.find_submission("ch05", nbgrader_id("2026004"))
        assert sub.notebooks[0].late_submission_penalty == pytest.approx(0.2 * MAX)
        assert sub.total_seconds_late > 86400
    page = (canvas_class["out"] / canvas_class["rows"]["2026004"]["feedback"]).read_text()
    shown = rf"{AUTO - 0.2 * MAX:g}".replace(".", r"\.") + rf"\s*/\s*{MAX:g}"
    assert re.search(shown, re.sub(r"<[^>]+>", " ", page))


def test_moodle_file_time_makes_work_late(moodle_class):
    dan = moodle_class["rows"]["m02"]
    assert dan["late"] == "yes" and dan["days_late"] == "2"
    assert float(dan["score"]) == pytest.approx(float(dan["raw_score"]) - 0.2 * MAX)


def test_regrading_gives_the_same_grades_and_late_columns(canvas_class, tmp_path):
    out = tmp_path / "again"
    # A second course directory from the same download: graded again from nothing.
    # (The cached release makes this start at once.)
    before = canvas_class["rows"]
    _run("grade", "ch05", canvas_class["archive"], "--out", out, "--roster",
         canvas_class["roster"], "--config", canvas_class["config"], "--jobs", "2", "--quiet",
         "--no-feedback")
    after = {r["student_id"]: r for r in _csv(out / "grades.csv")}
    keys = ["score", "status", "late", "days_late", "late_penalty", "raw_score", "submitted_at"]
    assert {s: [r[k] for k in keys] for s, r in after.items()} == {
        s: [r[k] for k in keys] for s, r in before.items()}


# ---------------------------------------------------------------- grade files out


def test_canvas_export_parses_back(canvas_class):
    _run("export", "ch05", "--out", canvas_class["out"], "--format", "canvas",
         "--config", canvas_class["config"], "--roster", canvas_class["roster"])
    path = canvas_class["out"] / "ch05_canvas.csv"
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section",
                       "Exercise 5 (20485)"]
    assert rows[1][0] == "Points Possible" and rows[1][5] == f"{MAX:g}"
    got = {r[1]: r for r in rows[2:]}
    assert set(got) == {c[3] for c in CANVAS}  # every enrolled student, no stranger
    grades = canvas_class["rows"]
    for sid, _name, _, uid, *_ in CANVAS:
        assert got[uid][2] == sid
        assert float(got[uid][5]) == pytest.approx(float(grades[sid]["score"]))
    assert got["1007"][0] == "'=Zed Zhou"  # a formula-like name is defused
    assert "stranger_9999" not in {r[2] for r in rows}


def test_moodle_export_is_keyed_by_email_and_idnumber(moodle_class):
    _run("export", "ch05", "--out", moodle_class["out"], "--format", "moodle",
         "--config", moodle_class["config"], "--roster", moodle_class["roster"])
    rows = _csv(moodle_class["out"] / "ch05_moodle.csv")
    assert list(rows[0]) == ["Full name", "Email address", "ID number", "Exercise 5"]
    by_mail = {r["Email address"]: r for r in rows}
    assert float(by_mail["ann@example.edu"]["Exercise 5"]) == AUTO
    assert by_mail["eve@example.edu"]["Exercise 5"] == "0"
    assert by_mail["dan@example.edu"]["ID number"] == "m02"


def test_course_gradebook_weights_marks_and_letters(canvas_class):
    base = canvas_class["base"]
    run = _run("gradebook", "--root", base / "grading", "--config", canvas_class["config"],
               "--roster", canvas_class["roster"])
    rows = {r["student_id"]: r for r in _csv(base / "grading" / "course" / "gradebook.csv")}
    assert set(rows) == {sid for sid, *_ in CANVAS}
    for sid, row in rows.items():
        score = float(canvas_class["rows"][sid]["score"])
        assert float(row["ch05"]) == pytest.approx(score)
        assert float(row["total_percent"]) == pytest.approx(round(100 * score / MAX, 2))
        percent = 100 * score / MAX
        assert row["letter"] == ("A" if percent >= 90 else "B" if percent >= 75 else
                                 "C" if percent >= 60 else "F")
    assert rows["2026007"]["ch05 mark"] == "missing"
    assert rows["2026004"]["ch05 mark"] == "late 2d"
    page = (base / "grading" / "course" / "gradebook.html").read_text(encoding="utf-8")
    assert "2026004" in page and "gradebook" in run.stdout


def test_whole_course_export_as_csv(canvas_class):
    base = canvas_class["base"]
    _run("export", "--format", "csv", "--root", base / "grading", "--config",
         canvas_class["config"])
    rows = _csv(base / "grading" / "course_csv.csv")
    assert {"student_id", "ch05", "ch05 mark", "total_percent", "letter"} <= set(rows[0])


# ---------------------------------------------------------------- report.html


def _report(graded) -> str:
    return (graded["out"] / "report.html").read_text(encoding="utf-8")


def test_report_has_a_histogram_figure(canvas_class):
    match = re.search(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', _report(canvas_class))
    assert match and base64.b64decode(match.group(1))[:8] == b"\x89PNG\r\n\x1a\n"


def _case_line(qid: str, case: str) -> str:
    from autograder.reference.ch05 import QUESTIONS

    description = {c.name: c.description for c in QUESTIONS[qid].cases("any")}[case]
    return re.escape(f"{qid} {case} {description}")


def test_report_names_the_cases_the_class_failed(canvas_class):
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", _report(canvas_class)))
    # Bao counts purchase days and splits ties the old way, Chen's answers are wrong;
    # the four right answers pass: 2 of 6 fail these cases, in the instructor's words.
    assert re.search(_case_line("ch05_q1", "two orders on one day") + r" 2/6 33 %", text)
    assert re.search(_case_line("ch05_q3", "a tie at the A cut-off") + r" 2/6 33 %", text)
    # The list at the top reads as sentences, worst first.
    assert re.search(r"What the class got wrong most often \S.{0,200}?: 33 % fail \(2 of 6\)",
                     text)
    # Every case is listed, those nobody failed too.
    assert re.search(_case_line("ch05_q3", "one customer") + r" 0/6 0 %", text)


def test_report_quiz_items_have_difficulty_and_discrimination(canvas_class):
    import ast

    from autograder.demo import WRONG, _bao, _solution_code
    from autograder.reference.ch05 import QUIZ_ITEMS, QUIZ_KEY

    def quiz(source: str) -> dict:
        return ast.literal_eval(source.split("=", 1)[1].strip())

    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", _report(canvas_class)))
    assert "item difficulty and discrimination" in text
    # four notebooks carry the right quiz; Bao's and Chen's answers are the demo's
    others = [quiz(_bao(_solution_code())["ch05_q5_answer"]), quiz(WRONG["ch05_q5_answer"])]
    for item, key in QUIZ_KEY.items():
        right = 4 + sum(answers.get(item) == key for answers in others)
        line = re.escape(f"{item} {QUIZ_ITEMS[item]}") + rf" {round(100 * right / 6)} %"
        assert re.search(line, text), item
    assert "(100 % of wrong answers)" in text


def test_near_copies_are_flagged_and_independent_solutions_are_not(canvas_class):
    page = _report(canvas_class)
    flagged = set(re.findall(r"<tr><td>([^<]+)</td><td>([^<]+)</td><td class=\"num\">", page))
    assert ("2026005", "2026006") in flagged           # independent and its disguised copy
    assert ("2026001", "2026004") in flagged           # the same notebook handed in twice
    assert ("2026001", "2026005") not in flagged       # two independent right solutions
    assert "<mark>" in page and "never an automatic penalty" in page


def test_report_escapes_what_students_control(canvas_class):
    page = _report(canvas_class)
    assert "<img src=x onerror" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    raw = (canvas_class["out"] / "grades.csv").read_text(encoding="utf-8-sig")
    assert "'=cmd.txt" in raw and "\n=cmd.txt" not in raw
