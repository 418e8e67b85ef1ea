"""LMS downloads in, rosters, course config and late rule: fast tests without grading."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from autograder.courseconfig import load_config, parse_config
from autograder.coursedir import REPO_ROOT, GradingError
from autograder.csvsafe import read_csv, write_csv
from autograder.late import LateRule, days_late
from autograder.lms import collect, detect_layout, parse_canvas_name
from autograder.roster import parse_roster

SHANGHAI = ZoneInfo("Asia/Shanghai")
NB = b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'
ROSTER = ("id,name,email,lms_id\n"
          "2026001,Li Lei,lilei@example.edu,1001\n"
          "2026002,Han Meimei,hanmei@example.edu,1002\n"
          "2026003,Zhang Wei,zhangwei@example.edu,1003\n")


def _canvas(folder: Path) -> dict[str, bytes]:
    files = {"lilei_late_1001_5001_ch05.ipynb": NB,
             "hanmeimei_1002_5002_ch05-1.ipynb": NB,
             "stranger_9999_5009_ch05.ipynb": NB,
             "notes.txt": b"not from Canvas"}
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return files


def _zip(folder: Path, target: Path, when: datetime) -> Path:
    with zipfile.ZipFile(target, "w") as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.writestr(zipfile.ZipInfo(str(path.relative_to(folder)),
                                            date_time=when.timetuple()[:6]), path.read_bytes())
    return target


def test_canvas_names_are_parsed_and_late_marked():
    name = parse_canvas_name("lilei_late_12345_67890_ch05.ipynb")
    assert (name.name, name.late, name.user_id, name.submission_id, name.file) == (
        "lilei", True, "12345", "67890", "ch05.ipynb")
    assert parse_canvas_name("lilei_12345_67890_ch05.ipynb").late is False
    assert parse_canvas_name("notes.txt") is None


@pytest.mark.parametrize("zipped", [False, True])
def test_canvas_download_with_a_roster(tmp_path, zipped):
    _canvas(tmp_path / "dl")
    source = _zip(tmp_path / "dl", tmp_path / "subs.zip",
                  datetime(2026, 10, 19, 12, 0)) if zipped else tmp_path / "dl"
    layout, entries = collect(source, "ch05", tmp_path / "stage",
                              roster=parse_roster(ROSTER), tz=SHANGHAI)
    assert layout == "canvas"
    by_id = {e.student_id: e for e in entries}
    assert by_id["2026001"].late_mark and by_id["2026001"].name == "Li Lei"
    assert not by_id["2026002"].late_mark and by_id["2026002"].lms_id == "1002"
    assert by_id["2026003"].status == "missing"
    assert "handed in nothing" in by_id["2026003"].message
    unknown = {e.student_id: e.message for e in entries if e.status == "unknown"}
    assert set(unknown) == {"stranger_9999", "notes.txt"}
    assert "9999 matches nobody on the roster" in unknown["stranger_9999"]
    graded = [e for e in entries if not e.status]
    assert all(len(list(e.folder.glob("*.ipynb"))) == 1 for e in graded)
    if zipped:  # the zip entry's time, read in the course's time zone
        assert by_id["2026001"].submitted_at == datetime(2026, 10, 19, 12, 0, tzinfo=SHANGHAI)


def test_canvas_without_a_roster_uses_name_and_user_id(tmp_path):
    _canvas(tmp_path / "dl")
    _, entries = collect(tmp_path / "dl", "ch05", tmp_path / "stage")
    ids = {e.student_id for e in entries if not e.status}
    assert ids == {"lilei_1001", "hanmeimei_1002", "stranger_9999"}


@pytest.mark.parametrize("zipped", [False, True])
def test_moodle_download_matched_by_full_name(tmp_path, zipped):
    dl = tmp_path / "dl"
    for folder in ("Li Lei_301_assignsubmission_file_", "Han Meimei_302_assignsubmission_file_",
                   "Nobody Here_303_assignsubmission_file_"):
        (dl / folder).mkdir(parents=True)
        (dl / folder / "my exercise.ipynb").write_bytes(NB)
    source = _zip(dl, tmp_path / "moodle.zip", datetime(2026, 10, 22, 9, 0)) if zipped else dl
    roster = parse_roster(ROSTER.replace(",1001", ",").replace(",1002", ","))
    layout, entries = collect(source, "ch05", tmp_path / "stage", roster=roster, tz=SHANGHAI)
    assert layout == "moodle"
    by_id = {e.student_id: e for e in entries}
    assert not by_id["2026001"].status and by_id["2026001"].lms_id == "301"
    assert by_id["2026003"].status == "missing"
    assert by_id["Nobody Here"].status == "unknown"


def test_two_notebooks_none_named_after_the_assignment_is_ambiguous(tmp_path):
    (tmp_path / "dl" / "s1").mkdir(parents=True)
    (tmp_path / "dl" / "s1" / "draft.ipynb").write_bytes(NB)
    (tmp_path / "dl" / "s1" / "final.ipynb").write_bytes(NB)
    (tmp_path / "dl" / "s2").mkdir()
    (tmp_path / "dl" / "s2" / "draft.ipynb").write_bytes(NB)
    (tmp_path / "dl" / "s2" / "ch05.ipynb").write_bytes(NB)
    _, entries = collect(tmp_path / "dl", "ch05", tmp_path / "stage")
    by_id = {e.student_id: e for e in entries}
    assert by_id["s1"].status == "ambiguous" and "draft.ipynb, final.ipynb" in by_id["s1"].message
    assert by_id["s2"].status == ""  # ch05.ipynb wins


def test_a_roster_maps_folders_by_id_lms_id_or_email(tmp_path):
    for name in ("2026001", "1002", "zhangwei@example.edu"):
        (tmp_path / "dl" / name).mkdir(parents=True)
        (tmp_path / "dl" / name / "ch05.ipynb").write_bytes(NB)
    _, entries = collect(tmp_path / "dl", "ch05", tmp_path / "stage",
                         roster=parse_roster(ROSTER))
    assert sorted((e.student_id, e.status) for e in entries) == [
        ("2026001", ""), ("2026002", ""), ("2026003", "")]


def test_unclear_layout_and_unknown_layout_are_refused(tmp_path):
    (tmp_path / "lilei_1001_5001_ch05.ipynb").write_bytes(NB)
    (tmp_path / "s1").mkdir()
    with pytest.raises(GradingError, match="--layout"):
        detect_layout(tmp_path)
    with pytest.raises(GradingError, match="unknown layout"):
        collect(tmp_path, "ch05", tmp_path / "stage", layout="blackboard")


def test_unpacking_skips_paths_outside_the_folder(tmp_path):
    with zipfile.ZipFile(tmp_path / "evil.zip", "w") as zf:
        zf.writestr("../escaped.ipynb", NB)
        zf.writestr("s1/ch05.ipynb", NB)
    _, entries = collect(tmp_path / "evil.zip", "ch05", tmp_path / "stage")
    assert not (tmp_path / "escaped.ipynb").exists()
    assert [e.student_id for e in entries] == ["s1"]


def test_a_timestamp_file_wins_over_file_times(tmp_path):
    (tmp_path / "dl" / "s1").mkdir(parents=True)
    (tmp_path / "dl" / "s1" / "ch05.ipynb").write_bytes(NB)
    (tmp_path / "dl" / "s1" / "timestamp.txt").write_text("2026-10-21 03:00:00.000000 UTC")
    _, [entry] = collect(tmp_path / "dl", "ch05", tmp_path / "stage")
    assert entry.submitted_at == datetime(2026, 10, 21, 3, tzinfo=UTC)
    assert entry.time_source == "timestamp.txt"


def test_roster_errors_name_the_row(tmp_path):
    with pytest.raises(GradingError, match="no column"):
        parse_roster("id,name\n1,A\n")
    with pytest.raises(GradingError, match="row 3: id '1' is also on row 2"):
        parse_roster("id,name,email,lms_id\n1,A,,\n1,B,,\n")
    roster = parse_roster("Student ID,Full name,Email address,Canvas ID\n7,Ann,a@x,77\n")
    assert roster.by_lms("77").id == "7" and roster.find("A@X").name == "Ann"


def test_late_rule():
    due = datetime(2026, 10, 20, 23, 59, tzinfo=SHANGHAI)
    assert days_late(due.replace(minute=59), due) == 0
    assert days_late(datetime(2026, 10, 21, 0, 10, tzinfo=SHANGHAI), due, grace_minutes=15) == 0
    assert days_late(datetime(2026, 10, 22, 2, 0, tzinfo=SHANGHAI), due) == 2
    assert days_late(datetime(2026, 10, 1, tzinfo=SHANGHAI), due, late_mark=True) == 1
    rule = LateRule(percent_per_day=10, max_percent=25)
    assert [rule.penalty(14, d) for d in (0, 1, 2, 5)] == [0.0, 1.4, 2.8, 3.5]
    assert rule.penalty(14, 2, raw_score=1.0) == 1.0  # never below zero


def test_the_example_course_config_parses():
    config = load_config(REPO_ROOT / "docs" / "course.example.toml")
    assert config.assignments["ch05"].due.tzinfo is not None
    assert sum(a.weight for a in config.assignments.values()) == 100
    assert config.letter(91) == "A" and config.letter(59.9) == "F"


@pytest.mark.parametrize("text, words", [
    ("[assignments.ch05]\nweight = -1", "at least 0"),
    ("[assignments.ch05]\ndue = \"tomorrow\"", "not a date and time"),
    ("[course]\ntimezone = \"Mars/Base\"", "not a time zone"),
    ("[late\n", "not valid TOML"),
])
def test_bad_course_configs_say_what_is_wrong(text, words):
    with pytest.raises(GradingError, match=words):
        parse_config(text)


def test_csv_cells_that_look_like_formulas_are_defused(tmp_path):
    path = write_csv(tmp_path / "x.csv", ["id", "name"], [["=HYPERLINK(\"x\")", "+1"],
                                                          ["@a", "-b"], ["ok", "Li Lei"]])
    raw = path.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in raw and "'+1" in raw and "'@a" in raw and "'-b" in raw
    assert read_csv(path)[0] == {"id": "=HYPERLINK(\"x\")", "name": "+1"}
