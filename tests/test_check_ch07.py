"""Chapter 7 self-checks prove themselves: the reference passes, named wrong answers fail."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import course
from course.check import ch07
from course.sims import clv as sims


@pytest.fixture(params=["en", "zh"])
def lang(request):
    course.set_language(request.param)
    yield request.param
    course.set_language("en")


def _local(func):
    def answer(*args, **kwargs):
        return func(*args, **kwargs)
    return answer


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _language_ok(message: str, lang: str) -> None:
    assert _has_chinese(message) == (lang == "zh"), message


@pytest.mark.parametrize("question, model", [
    (ch07.q1, sims.clv), (ch07.q2, sims.retention_change), (ch07.q3, sims.loyalty_type),
    (ch07.q4, sims.frt_table)])
def test_reference_passes(question, model, lang):
    question.assert_check_passed(_local(model))


def test_q1_margin_counted_today_fails(lang):
    def clv(margin, retention, discount, horizon=None):
        if horizon is None:
            return margin * (1 + discount) / (1 + discount - retention)
        return sum(margin * retention ** t / (1 + discount) ** t for t in range(horizon))
    message = ch07.q1.assert_check_failed(clv)
    assert "164.087" in message and ("public case 1" in message or "公开测试 1" in message)
    _language_ok(message, lang)


def test_q1_division_by_zero_is_named(lang):
    def clv(margin, retention, discount, horizon=None):
        if horizon is None:
            return margin * retention / (1 + discount - retention)
        return float(np.sum(margin * retention ** np.arange(1, horizon + 1)
                            / (1 + discount) ** np.arange(1, horizon + 1)))
    message = ch07.q1.assert_check_failed(clv)
    assert "ZeroDivisionError" in message
    ch07.q1.hint()  # the pending hint is about that case


def test_q1_hint_after_failure_is_about_the_case(capsys, lang):
    ch07.q1.check(lambda margin, retention, discount, horizon=None: 0.0)
    capsys.readouterr()
    ch07.q1.hint()
    out = capsys.readouterr().out
    assert "horizon=3" in out
    _language_ok(out, lang)


def test_q2_profit_without_acquisition_cost_fails_naming_the_key(lang):
    def retention_change(cohort_size, margin, acquisition_cost, retention, new_retention,
                         discount, years):
        return sims.retention_change(cohort_size, margin, 0.0, retention, new_retention,
                                     discount, years)
    message = ch07.q2.assert_check_failed(retention_change)
    assert "profit_before" in message
    _language_ok(message, lang)


def test_q2_missing_key_and_wrong_type(lang):
    def partial(*args):
        out = sims.retention_change(*args)
        del out["profit_change"]
        return out
    assert "profit_change" in ch07.q2.assert_check_failed(partial)
    assert "dict" in ch07.q2.assert_check_failed(lambda *args: 1.0)


def test_q3_strict_cut_offs_and_swapped_types_fail(lang):
    def strict(scores, attitude_cut=5, repeat_cut=0.5):
        a, r = scores["attitude"] > attitude_cut, scores["repeat"] > repeat_cut
        labels = np.select([a & r, a, r], ["true_loyalty", "latent_loyalty",
                                           "spurious_loyalty"], "no_loyalty")
        return pd.Series(labels, index=scores["customer_id"])

    def swapped(scores, attitude_cut=5, repeat_cut=0.5):
        out = sims.loyalty_type(scores, attitude_cut, repeat_cut)
        return out.replace({"latent_loyalty": "spurious_loyalty",
                            "spurious_loyalty": "latent_loyalty"})

    def by_row(scores, attitude_cut=5, repeat_cut=0.5):
        return sims.loyalty_type(scores, attitude_cut, repeat_cut).set_axis(scores.index)

    message = ch07.q3.assert_check_failed(strict)
    assert "'x'" in message
    assert "latent_loyalty" in ch07.q3.assert_check_failed(swapped)
    message = ch07.q3.assert_check_failed(by_row)
    _language_ok(message, lang)


def test_q4_chapter_5_recency_and_lines_fail(lang):
    def ch05_recency(transactions, calibration_end):
        table = sims.frt_table(transactions, calibration_end)
        return table.assign(recency=table["T"] - table["recency"])

    def lines(transactions, calibration_end):
        end = pd.Timestamp(calibration_end)
        tx = transactions[(transactions["quantity"] > 0)
                          & (transactions["date"].dt.normalize() <= end)]
        table = sims.frt_table(transactions, calibration_end)
        return table.assign(frequency=tx.groupby("customer_id").size() - 1)

    message = ch07.q4.assert_check_failed(ch05_recency)
    assert "recency" in message
    _language_ok(message, lang)
    assert "frequency" in ch07.q4.assert_check_failed(lines)


def test_quiz_and_numbers_check_the_form_only(lang):
    assert not ch07.q5.check({"1": "a"})
    assert ch07.q5.check({str(k): "a" for k in range(1, 9)})
    assert not ch07.q6.check({"customers": 10, "repeat_transactions": 3, "one_time_share": 1.5})
    assert ch07.q6.check({"customers": 10, "repeat_transactions": 3, "one_time_share": 0.5})


def test_unfinished_answer_is_named(lang):
    def clv(margin, retention, discount, horizon=None):
        raise NotImplementedError
    message = ch07.q1.assert_check_failed(clv)
    assert "NotImplementedError" in message


def test_public_cases_are_what_the_model_gives():
    """The hand-written expectations agree with course.sims (so they test the right thing)."""
    for question, model in [(ch07.q1, sims.clv), (ch07.q2, sims.retention_change),
                            (ch07.q3, sims.loyalty_type), (ch07.q4, sims.frt_table)]:
        for case in question.cases:
            got = model(*case.args, **case.kwargs)
            if isinstance(case.expected, float) and math.isinf(case.expected):
                assert got == case.expected
            elif isinstance(case.expected, dict):
                assert got == pytest.approx(case.expected)
            else:
                assert question._compare(case.expected, got) == "", question.qid
