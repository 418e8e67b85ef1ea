"""The chapter 3 self-checks prove themselves: right answers pass, wrong ones fail usefully."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import course
from course import i18n
from course.check import ch03
from course.sims import aidma as sims

FUNNEL = list(sims.EVENTS)


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """Run every test in English and restore the language afterwards."""
    monkeypatch.setattr(i18n, "_language", i18n._language)
    course.set_language("en")


def _local(func):
    def answer(*args, **kwargs):
        return func(*args, **kwargs)
    return answer


# --------------------------------------------------------------- student-style answers


def student_counts(rounding="half_up", once=False):
    def stage_counts(reach, rates):
        if once:
            return (reach * rates.cumprod() + 0.5).apply(math.floor)
        counts, previous = [], reach
        for rate in rates:
            x = previous * rate
            previous = {"half_up": math.floor(x + 0.5), "round": round(x), "int": int(x)}[rounding]
            counts.append(previous)
        return pd.Series(counts, index=rates.index)
    return stage_counts


def student_furthest(last_in_time=False, keep_other_events=False):
    def furthest_stage(events):
        order = FUNNEL + (["login"] if keep_other_events else [])
        kept = events[events["event"].isin(order)]
        if last_in_time:
            return kept.sort_values("timestamp").groupby("user_id")["event"].last()
        best = kept["event"].map({e: k for k, e in enumerate(order)}).groupby(
            kept["user_id"]).max()
        return best.map(dict(enumerate(order)))
    return furthest_stage


def student_funnel(did_event=False, last_touch=False, no_tiebreak=False):
    def channel_funnel(events):
        kept = events[events["event"].isin(FUNNEL)]
        keys = ["timestamp"] if no_tiebreak else ["timestamp", "channel"]
        ordered = kept.sort_values(keys, kind="stable")
        grouped = ordered.groupby("user_id")["channel"]
        channel = grouped.last() if last_touch else grouped.first()
        if did_event:
            did = kept.assign(ch=kept["user_id"].map(channel)).groupby(["ch", "event"])[
                "user_id"].nunique().unstack(fill_value=0)
            return did.reindex(columns=FUNNEL, fill_value=0).rename_axis("channel")
        stage = kept["event"].map({e: k for k, e in enumerate(FUNNEL)}).groupby(
            kept["user_id"]).max()
        return pd.DataFrame({e: (stage >= k).groupby(channel).sum()
                             for k, e in enumerate(FUNNEL)}).rename_axis("channel")
    return channel_funnel


# --------------------------------------------------------------- the checks prove themselves


@pytest.mark.parametrize("question, model", [
    (ch03.q1, sims.stage_counts), (ch03.q2, sims.furthest_stage), (ch03.q3, sims.channel_funnel),
    (ch03.q4, sims.bottleneck), (ch03.q5, sims.cost_per_action)])
def test_the_lecture_models_pass(question, model):
    question.assert_check_passed(_local(model))


def test_student_style_right_answers_pass():
    ch03.q1.assert_check_passed(student_counts())
    ch03.q2.assert_check_passed(student_furthest())
    ch03.q3.assert_check_passed(student_funnel())


@pytest.mark.parametrize("wrong, words", [
    (student_counts("round"), "half person"),
    (student_counts("int"), "expected"),
    (student_counts(once=True), "half person"),
])
def test_stage_count_mistakes_fail_with_the_case(wrong, words):
    message = ch03.q1.assert_check_failed(wrong)
    assert "public case" in message and words in message


def test_round_hint_explains_round_to_even():
    ch03.q1.assert_check_failed(student_counts("round"))
    ch03.q1.check(student_counts("round"))
    assert "round(2.5)" in ch03.q1._pending


@pytest.mark.parametrize("wrong, words", [
    (student_furthest(last_in_time=True), "stage of user 'u1': expected 'purchase', got 'view'"),
    (student_furthest(keep_other_events=True), "user"),
])
def test_furthest_stage_mistakes_fail(wrong, words):
    assert words in ch03.q2.assert_check_failed(wrong)


@pytest.mark.parametrize("wrong, words", [
    (student_funnel(did_event=True), "view of channel 'live': expected 2, got 1"),
    (student_funnel(last_touch=True), "channel"),
    (student_funnel(no_tiebreak=True), "two channels at the same first moment"),
])
def test_channel_funnel_mistakes_fail(wrong, words):
    assert words in ch03.q3.assert_check_failed(wrong)


def test_bottleneck_mistakes_fail():
    def smallest(counts):
        return str(counts.idxmin())

    assert "expected 'desire', got 'action'" in ch03.q4.assert_check_failed(smallest)

    def later_tie(counts):
        previous = counts.shift(1)
        drops = (1 - counts / previous).where(previous > 0).dropna()
        return None if drops.empty else str(drops[::-1].idxmax())

    assert "tie goes to the earlier stage" in ch03.q4.assert_check_failed(later_tie)

    def never_none(counts):
        drops = (1 - counts / counts.shift(1)).fillna(0)
        return str(drops.idxmax())

    assert "one stage only" in ch03.q4.assert_check_failed(never_none)


def test_cost_per_action_mistakes_fail():
    def inverted(counts, budget):
        return counts / budget

    assert "expected 4, got 0.25" in ch03.q5.assert_check_failed(inverted)

    def infinite(counts, budget):
        return budget / counts.astype(float)

    assert "expected nan, got inf" in ch03.q5.assert_check_failed(infinite)


def test_quiz_and_numbers_check_the_format_only():
    ch03.q6.assert_check_passed({str(k): "a" for k in range(1, 9)})
    assert "question 3" in ch03.q6.assert_check_failed({**{str(k): "a" for k in range(1, 9)},
                                                        "3": "d"})
    ch03.q7.assert_check_passed({"users": 300, "buyers": 20, "live_buyers": 5,
                                 "share_rate": 0.2})
    assert "share" in ch03.q7.assert_check_failed({"users": 300, "buyers": 20,
                                                   "live_buyers": 5, "share_rate": 4})
    assert "whole number" in ch03.q7.assert_check_failed({"users": 300.5, "buyers": 20,
                                                          "live_buyers": 5, "share_rate": 0.1})


def test_every_quiz_item_and_number_has_a_hint_in_both_languages():
    assert set(ch03.q6.item_hints) == {str(k) for k in range(1, 9)}
    for question in (ch03.q1, ch03.q2, ch03.q3, ch03.q4, ch03.q5, ch03.q6, ch03.q7):
        for hint in question.hints:
            assert hint["en"] and hint["zh"] and hint["en"] != hint["zh"]


def test_messages_in_chinese():
    course.set_language("zh")
    message = ch03.q4.assert_check_failed(lambda counts: str(counts.idxmin()))
    assert message.startswith("还不对") and "流失最多的阶段不是人数最少的阶段" in message
    ch03.q2.check(student_furthest(last_in_time=True))
    assert "漏斗顺序" in ch03.q2._pending


def test_unfinished_and_missing_answers():
    def stage_counts(reach, rates):
        raise NotImplementedError

    assert "not finished" in ch03.q1.assert_check_failed(stage_counts)
    assert "returned None" in ch03.q5.assert_check_failed(lambda counts, budget: None)


def test_public_expected_values_are_the_models():
    """The hand-written expectations agree with the lecture's model (and so with each other)."""
    for question, model in [(ch03.q1, sims.stage_counts), (ch03.q2, sims.furthest_stage),
                            (ch03.q3, sims.channel_funnel), (ch03.q5, sims.cost_per_action)]:
        for case in question.cases:
            got = model(*case.args, **case.kwargs)
            expected = case.expected
            if isinstance(expected, pd.DataFrame):
                pd.testing.assert_frame_equal(got, expected, check_dtype=False,
                                              check_names=False)
            else:
                pd.testing.assert_series_equal(got, expected, check_dtype=False,
                                               check_names=False)
    for case in ch03.q4.cases:
        assert sims.bottleneck(*case.args) == case.expected
    assert np.isnan(ch03.q5.cases[1].expected["purchase"])
