"""The hidden-case digest sees a changed case and nothing else (autograder/casedigest.py)."""

from __future__ import annotations

import json

import pandas as pd

from autograder import casedigest
from autograder.reference import load
from autograder.reference._cases import Case


def test_digest_is_stable_and_finds_every_chapter():
    assert casedigest.chapters()[:1] == ["ch01"] and "capstone" not in casedigest.chapters()
    first = casedigest.digest(["ch05"], range(2))
    assert first == casedigest.digest(["ch05"], range(2))
    assert set(first) == set(load("ch05").QUESTIONS)


def test_a_changed_value_dtype_or_name_is_a_difference():
    frame = pd.DataFrame({"x": [1.0, 2.0]}, index=pd.Index(["a", "b"], name="customer_id"))
    base = casedigest.digest_question(lambda seed: [Case("c", (frame,))], [0])
    changed = [frame.assign(x=[1.0, 2.0000001]), frame.astype("float32"),
               frame.rename_axis("id"), frame.iloc[::-1]]
    for other in changed:
        got = casedigest.digest_question(lambda seed, o=other: [Case("c", (o,))], [0])
        assert got != base
    renamed = casedigest.digest_question(lambda seed: [Case("d", (frame,))], [0])
    assert renamed != base


def test_compare_exits_non_zero_and_names_the_question(tmp_path, capsys):
    before = casedigest.digest(["ch07"], range(2))
    before["ch07_q1"]["1"] = "0" * 64
    path = tmp_path / "before.json"
    path.write_text(json.dumps(before))
    assert casedigest.main(["--seeds", "2", "--compare", str(path), "ch07"]) == 1
    out = capsys.readouterr().out
    assert "ch07_q1 seed 1: cases differ" in out and "ch07_q2" not in out


def test_an_unreadable_digest_is_named(tmp_path, capsys):
    path = tmp_path / "broken.json"
    path.write_text("{not json")
    assert casedigest.main(["--seeds", "1", "--compare", str(path), "ch07"]) == 2
    assert str(path) in capsys.readouterr().err
