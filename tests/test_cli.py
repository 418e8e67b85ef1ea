"""The crm-course command line: every subcommand has help; bad input gets a clear error."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from autograder.cli import build_parser, main

#: Every subcommand the parser has, so a new one is covered without editing this list.
SUBCOMMANDS = sorted(next(a for a in build_parser()._actions
                          if isinstance(a, argparse._SubParsersAction)).choices)


@pytest.mark.parametrize("sub", SUBCOMMANDS)
def test_every_subcommand_has_help(sub, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([sub, "--help"])
    assert exit_info.value.code == 0
    assert f"crm-course {sub}" in capsys.readouterr().out


def test_console_script_is_installed():
    run = subprocess.run([sys.executable, "-m", "autograder.cli", "--help"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0
    for sub in SUBCOMMANDS:
        assert sub in run.stdout


def test_grade_missing_folder_is_a_clear_error(tmp_path, capsys):
    code = main(["grade", "ch05", str(tmp_path / "absent"), "--out", str(tmp_path / "o")])
    assert code == 2
    assert "absent does not exist" in capsys.readouterr().err


def test_unknown_assignment_is_a_clear_error(tmp_path, capsys, monkeypatch):
    from autograder import coursedir

    assert main(["grade", "ch99", str(tmp_path), "--out", str(tmp_path / "o")]) == 2
    assert "unknown assignment 'ch99'" in capsys.readouterr().err
    # an assignment of the syllabus whose source is not written yet: a course folder
    # whose solutions/ holds chapter 5 only
    (tmp_path / "solutions" / "ch05").mkdir(parents=True)
    (tmp_path / "solutions" / "ch05" / "ch05.ipynb").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(coursedir, "SOLUTIONS_DIR", tmp_path / "solutions")
    assert main(["release", "capstone"]) == 2
    assert "has no source notebook yet" in capsys.readouterr().err


def test_export_before_grading_says_what_to_do(tmp_path, capsys):
    assert main(["export", "ch05", "--out", str(tmp_path)]) == 2
    assert "run `crm-course grade` first" in capsys.readouterr().err
    assert main(["formgrade", "ch05", "--out", str(tmp_path)]) == 2
    assert "run `crm-course grade` first" in capsys.readouterr().err


def test_lab_defaults():
    args = build_parser().parse_args(["lab"])
    assert args.lang == "en" and args.port == 8888
    assert build_parser().parse_args(["lab", "--lang", "zh"]).lang == "zh"
    with pytest.raises(SystemExit):
        build_parser().parse_args(["lab", "--lang", "fr"])
