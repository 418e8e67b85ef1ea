"""The capstone's self-checks prove themselves: right answers pass, wrong ones fail usefully."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import course
from course import i18n
from course.check import capstone
from course.data import clean_online_retail

ref = pytest.importorskip("autograder.reference.capstone")


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """Run every test in English and restore the language afterwards."""
    monkeypatch.setattr(i18n, "_language", i18n._language)
    course.set_language("en")


def _local(func):
    def answer(*args, **kwargs):
        return func(*args, **kwargs)
    return answer


QUESTIONS = [(capstone.q1, ref.ref_clean_transactions), (capstone.q2, ref.ref_segment_customers),
             (capstone.q3, ref.ref_segment_value), (capstone.q4, ref.ref_segment_clv),
             (capstone.q5, ref.ref_action_plan), (capstone.q6, ref.ref_profit_effect)]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("question, reference", QUESTIONS)
def test_the_reference_passes(question, reference, lang):
    course.set_language(lang)
    question.assert_check_passed(_local(reference))


# ----------------------------------------------------------------- wrong answers


def course_function_only(raw):
    table, report = clean_online_retail(raw, with_report=True)
    return table, report[["rule", "lines", "amount"]]


def no_log_rule(raw):
    table, log = ref.ref_clean_transactions(raw)
    return table, log[log["rule"] != "non_product"]


def first_scores(table, as_of, new_days=90):
    out = ref.ref_segment_customers(table, as_of, new_days)
    worse = out["monetary"].rank(method="first") - 1
    out["m_score"] = (1 + np.floor(5 * worse / max(len(out), 1))).astype(int)
    return out


def without_quiet_customers(activity, segments, cost_model):
    present = segments[segments.index.isin(activity["customer_id"])]
    return ref.ref_segment_value(activity, present, cost_model)


def zero_not_nan(table, segments_mid, value, as_of, discount):
    return ref.ref_segment_clv(table, segments_mid, value, as_of, discount).fillna(0.0)


def nan_not_infinite(table, segments_mid, value, as_of, discount):
    out = ref.ref_segment_clv(table, segments_mid, value, as_of, discount)
    return out.assign(clv=out["clv"].where(np.isfinite(out["clv"]) | out["clv"].isna()))


def divides_by_zero(table, segments_mid, value, as_of, discount):
    out = ref.ref_segment_clv(table, segments_mid, value, as_of, discount)
    for seg in out.index:
        r, m = out.loc[seg, "retention"], out.loc[seg, "margin"]
        out.loc[seg, "clv"] = float(m) * float(r) / (1.0 + float(discount) - float(r))
    return out


def no_new_rule(customers, min_profit=0.0, min_clv=0.0):
    out = ref.ref_action_plan(customers.assign(segment="core"), min_profit, min_clv)
    return out.where(customers["clv"].notna().to_numpy(), "develop")


def forgets_fixed_cost(customers, plan, fixed_share):
    return ref.ref_profit_effect(customers, plan, 0.0)


@pytest.mark.parametrize("question, wrong, words", [
    (capstone.q1, course_function_only, "the cleaned table: it has 3 lines, expected 2"),
    (capstone.q1, no_log_rule, "the log's rule column must be"),
    (capstone.q2, first_scores, "m_score of customer"),
    (capstone.q3, without_quiet_customers, "customers of segment 'dormant': expected 2, got 1"),
    (capstone.q4, zero_not_nan, "retention of segment 'new': expected nan, got 0"),
    (capstone.q4, nan_not_infinite, "clv of segment 'core': expected inf, got nan"),
    (capstone.q4, divides_by_zero, "ZeroDivisionError"),
    (capstone.q5, no_new_rule, "action of customer 'k5': expected 'develop', got 'let_go'"),
    (capstone.q6, forgets_fixed_cost, "expected 30, got 50"),
])
def test_wrong_answers_fail_with_a_message_that_says_what(question, wrong, words):
    message = question.assert_check_failed(_local(wrong))
    assert words in message, message


@pytest.mark.parametrize("question, wrong, words", [
    (capstone.q1, course_function_only, "清洗后的表：共有 3 行，应为 2 行"),
    (capstone.q3, without_quiet_customers, "客群 'dormant' 的 customers：应为 2，实际为 1"),
    (capstone.q4, nan_not_infinite, "客群 'core' 的 clv：应为 inf，实际为 nan"),
    (capstone.q5, no_new_rule, "'k5'"),
    (capstone.q6, forgets_fixed_cost, "应为 30"),
])
def test_wrong_answers_fail_in_chinese_too(question, wrong, words):
    course.set_language("zh")
    message = question.assert_check_failed(_local(wrong))
    assert words in message and "还不对" in message, message


def test_a_missing_input_column_is_named():
    message = capstone.q1.assert_check_failed(_local(lambda raw: raw["Customer ID"]))
    assert "the input raw has no column 'Customer ID'" in message
    course.set_language("zh")
    message = capstone.q3.assert_check_failed(_local(
        lambda activity, segments, cost_model: activity["revenue"]))
    assert "输入 activity 中没有 'revenue' 列" in message


def test_a_result_that_is_not_a_pair_is_named():
    message = capstone.q1.assert_check_failed(_local(lambda raw: raw))
    assert "must return a pair (table, log), got DataFrame" in message
    message = capstone.q1.assert_check_failed(_local(
        lambda raw: (pd.DataFrame({"customer_id": []}), None)))
    assert "column(s) 'order_id'" in message


def test_the_hint_after_a_failure_is_about_the_failed_case(capsys):
    capstone.q6.check(_local(forgets_fixed_cost))
    capsys.readouterr()
    capstone.q6.hint()
    assert "half their cost" in capsys.readouterr().out


def test_my_numbers_accepts_any_amount_but_counts_must_be_counts():
    right = ref.ref_my_numbers("s001")
    capstone.q7.assert_check_passed(right)
    capstone.q7.assert_check_passed({**right, "profit_after_plan": -1234.5})
    assert "whole number" in capstone.q7.assert_check_failed({**right, "customers": 2.5})
    assert "not a number" in capstone.q7.assert_check_failed({**right, "profit_today": "big"})


def test_an_imported_course_function_is_noted(capsys):
    from course.sims.selection import profit_after_dropping

    assert capstone.q6.check(profit_after_dropping) is False  # another task's function
    capsys.readouterr()
