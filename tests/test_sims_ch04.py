"""Chapter 4 model (course.sims.needs) and its survey generator, by hand-computed values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from course.sims.needs import (
    LEVELS,
    OUTCOMES,
    appeal_reach,
    dominant_need,
    level_summary,
    need_distribution,
)
from course.synthetic.needs import make_survey, student_survey, survey_for_student, survey_from_rows

N = None  # a blank answer


def _one(*scores, threshold=5):
    return dominant_need(survey_from_rows([("x", *scores)], "low_income"), threshold)["x"]


@pytest.mark.parametrize("scores, expected", [
    ((6, 3, 2, 6, 7), "safety"),                 # the first unmet level, not the lowest score
    ((5, 5, 5, 5, 5), "all_met"),                # equal to the threshold is met
    ((4, 7, 7, 7, 7), "physiological"),
    ((7, 7, 7, 7, 4), "self_actualisation"),
    ((6, 6, 2, 1, 7), "belonging"),              # esteem scores lower, but comes later
    ((6, N, 2, 6, 6), "unknown"),                # a blank below the first unmet level
    ((2, N, N, 7, 7), "physiological"),          # blanks above it do not matter
    ((6, 6, 6, 6, N), "unknown"),                # four met, one blank: not all met
    ((N, N, N, N, N), "unknown"),
    ((1, 1, 1, 1, 1), "physiological"),
])
def test_dominant_need_by_hand(scores, expected):
    assert _one(*scores) == expected


def test_threshold_moves_the_line():
    assert _one(5, 4, 7, 7, 7, threshold=4) == "all_met"
    assert _one(5, 4, 7, 7, 7, threshold=5) == "safety"
    assert _one(5, 4, 7, 7, 7, threshold=6) == "physiological"
    assert _one(5, 4, 7, 7, 7, threshold=4.5) == "safety"


def test_columns_in_any_order_and_any_row_index():
    survey = survey_from_rows([("a", 6, 3, 2, 6, 7), ("b", 6, 6, 6, 2, N)], "low_income")
    shuffled = survey[["esteem", "segment", "self_actualisation", "respondent_id", "safety",
                       "belonging", "physiological"]].set_axis([7, 3], axis=0)
    assert dominant_need(shuffled).to_dict() == {"a": "safety", "b": "esteem"}
    assert dominant_need(shuffled).index.name == "respondent_id"


def test_empty_and_missing_columns():
    empty = survey_from_rows([])
    assert dominant_need(empty).empty
    assert list(need_distribution(empty).columns) == list(OUTCOMES)
    assert appeal_reach(empty, {"m": "safety"}).to_dict("list") == {
        "level": ["safety"], "customers": [0], "share": [0.0]}
    with pytest.raises(KeyError, match="esteem"):
        dominant_need(empty.drop(columns="esteem"))
    with pytest.raises(TypeError, match="DataFrame"):
        dominant_need([1, 2, 3])


def test_need_distribution_by_hand():
    survey = survey_from_rows([
        ("a", "low_income", 3, 5, 5, 5, 5), ("e", "high_income", 6, 6, 6, 2, 6),
        ("b", "low_income", 6, 6, 6, 6, 6), ("c", "low_income", 6, 2, 6, 6, 6),
        ("f", "high_income", 6, 6, 6, 6, 3), ("d", "low_income", 6, 6, N, 6, 6)])
    table = need_distribution(survey)
    assert table.index.tolist() == ["high_income", "low_income"]
    assert list(table.columns) == list(OUTCOMES)
    assert table.loc["low_income"].tolist() == [0.25, 0.25, 0, 0, 0, 0.25, 0.25]
    assert table.loc["high_income"].tolist() == [0, 0, 0, 0.5, 0.5, 0, 0]
    assert np.allclose(table.sum(axis=1), 1.0)


def test_appeal_reach_by_hand():
    survey = survey_from_rows([("a", 3, 5, 5, 5, 5), ("b", 6, 2, 6, 6, 6),
                               ("c", 6, 3, 6, 6, 6), ("d", 6, 6, 6, 6, N),
                               ("e", 6, 6, 6, 6, 6)], "low_income")
    reach = appeal_reach(survey, {"insurance": "safety", "alarm": "safety",
                                  "club": "belonging", "meal": "physiological"})
    assert reach.index.tolist() == ["insurance", "alarm", "club", "meal"]
    assert reach["customers"].tolist() == [2, 2, 0, 1]
    assert reach["share"].tolist() == [0.4, 0.4, 0.0, 0.2]
    assert appeal_reach(survey, {}).columns.tolist() == ["level", "customers", "share"]
    with pytest.raises(ValueError, match="placed on one of"):
        appeal_reach(survey, {"bad": "status"})


def test_level_summary_adds_up():
    survey = make_survey(400, seed=9)
    summary = level_summary(survey, 5)
    assert summary.index.tolist() == list(OUTCOMES)
    assert int(summary["dominant"].sum()) == 400
    assert summary["dominant_share"].sum() == pytest.approx(1.0)
    answered = survey[list(LEVELS)].notna().sum()
    assert summary.loc[list(LEVELS), "answered"].tolist() == answered.tolist()
    met = (survey[list(LEVELS)] >= 5).sum() / answered
    assert np.allclose(summary.loc[list(LEVELS), "met_share"], met)


def test_generated_surveys_look_like_surveys():
    survey = make_survey(3000, seed="shape")
    scores = survey[list(LEVELS)]
    assert scores.min().min() == 1 and scores.max().max() == 7
    means = scores.mean()
    assert list(means) == sorted(means, reverse=True)  # lower levels met more often
    blanks = scores.isna().mean()
    assert 0.01 < blanks.iloc[0] < blanks.iloc[-1] < 0.1
    by_segment = need_distribution(survey)
    # the poorer the segment, the more often the dominant need is physiological
    assert by_segment.loc["low_income", "physiological"] > \
        by_segment.loc["middle_income", "physiological"] > \
        by_segment.loc["high_income", "physiological"]
    # and not a strict staircase: some respondents meet a higher level but not a lower one
    met = scores.ge(5)
    assert ((~met["safety"]) & met["esteem"]).sum() > 0
    with pytest.raises(ValueError, match="n_respondents"):
        make_survey(-1)


def test_student_survey_seeded_by_id(monkeypatch):
    monkeypatch.delenv("CRM_STUDENT_ID", raising=False)
    a = student_survey("s001")
    assert a.equals(survey_for_student("s001"))
    assert not a.equals(student_survey("s002"))
    assert 150 <= len(a) <= 250
    monkeypatch.setenv("CRM_STUDENT_ID", "s002")
    assert student_survey("s001").equals(survey_for_student("s002"))
    monkeypatch.setenv("CRM_STUDENT_ID", " ")
    with pytest.raises(ValueError, match="STUDENT_ID"):
        student_survey("")


def test_dominant_need_matches_a_plain_loop():
    survey = make_survey(500, seed="loop")
    got = dominant_need(survey, 5)
    for _, row in survey.iterrows():
        outcome = "all_met"
        for level in LEVELS:
            if pd.isna(row[level]):
                outcome = "unknown"
                break
            if row[level] < 5:
                outcome = level
                break
        assert got[row["respondent_id"]] == outcome
