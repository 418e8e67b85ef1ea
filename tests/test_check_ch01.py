"""Chapter 1 self-checks prove themselves: right answers pass, named wrong ones fail usefully."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import course
from autograder.reference import ch01 as ref
from course.check import ch01
from course.sims import concepts as sims


@pytest.fixture(autouse=True)
def _english():
    course.set_language("en")
    yield
    course.set_language("en")


def _local(func):
    def answer(*args, **kwargs):
        return func(*args, **kwargs)
    return answer


@pytest.mark.parametrize("question, answer", [
    (ch01.q1, sims.next_delivery), (ch01.q2, sims.share_of_wallet),
    (ch01.q3, sims.market_share), (ch01.q4, sims.customer_value),
    (ch01.q1, ref.ref_next_delivery), (ch01.q2, ref.ref_share_of_wallet),
    (ch01.q3, ref.ref_market_share), (ch01.q4, ref.ref_customer_value)])
def test_model_and_reference_pass(question, answer):
    question.assert_check_passed(_local(answer))


def test_ids_and_names():
    assert [q.qid for q in (ch01.q1, ch01.q2, ch01.q3, ch01.q4, ch01.q5, ch01.q6)] == [
        f"ch01_q{k}" for k in range(1, 7)]
    for q in (ch01.q1, ch01.q2, ch01.q3, ch01.q4):
        assert q.name == ref.QUESTIONS[q.qid].name


# ------------------------------------------------------------------ named wrong answers


def no_floor(households, as_of, safety_days=2):
    out = ref.ref_next_delivery(households, as_of, safety_days)
    today = pd.Timestamp(as_of).normalize()
    return out.assign(run_out=today + pd.to_timedelta(np.ceil(out["days_left"].replace(
        np.inf, np.nan)), unit="D"))


def deliver_in_the_past(households, as_of, safety_days=2):
    out = ref.ref_next_delivery(households, as_of, safety_days)
    return out.assign(deliver_on=out["run_out"] - pd.Timedelta(days=safety_days))


def divide_by_zero(households, as_of, safety_days=2):
    daily = households["people"] * households["grams_per_person_day"] / 1000
    return households["stock_kg"] / daily  # a Series, and 1 / 0 for nobody eating


def ignores_the_margin(households, as_of, safety_days=2):
    out = ref.ref_next_delivery(households, as_of, safety_days)
    return out.assign(deliver_on=out["run_out"])


@pytest.mark.parametrize("answer, words", [
    (no_floor, "run_out of household 'B'"),
    (deliver_in_the_past, "deliver_on of household 'C': expected '2025-03-03', "
                          "got '2025-03-02'"),
    (divide_by_zero, "expected a pandas DataFrame, got pandas.Series"),
    (ignores_the_margin, "deliver_on of household 'A': expected '2025-03-07', "
                         "got '2025-03-09'"),
])
def test_q1_wrong_answers(answer, words):
    assert words in ch01.q1.assert_check_failed(answer)


def test_q1_accepts_ids_as_a_column_and_dates_as_text():
    def as_text(households, as_of, safety_days=2):
        out = ref.ref_next_delivery(households, as_of, safety_days).reset_index()
        for col in ("run_out", "deliver_on"):
            out[col] = out[col].dt.strftime("%Y-%m-%d")
        return out
    ch01.q1.assert_check_passed(as_text)


def test_q1_wants_inf_for_nobody_eating():
    def nan_days(households, as_of, safety_days=2):
        return ref.ref_next_delivery(households, as_of, safety_days).replace(np.inf, np.nan)
    assert "days_left of household 'D': expected inf, got nan" in \
        ch01.q1.assert_check_failed(nan_days)


def wallet_of_shop_sales(purchases, wallets, shop):
    at = purchases[purchases["shop"] == shop].groupby("customer_id")["amount"].sum()
    return (at / at.sum()).reindex(wallets["customer_id"], fill_value=0.0)


def ignores_refunds(purchases, wallets, shop):
    return ref.ref_share_of_wallet(purchases[purchases["amount"] > 0], wallets, shop)


def zero_for_empty_wallet(purchases, wallets, shop):
    return ref.ref_share_of_wallet(purchases, wallets, shop).fillna(0.0)


def keeps_strangers(purchases, wallets, shop):
    at = purchases[purchases["shop"] == shop].groupby("customer_id")["amount"].sum()
    spend = wallets.set_index("customer_id")["category_spend"].replace(0, np.nan)
    return (at / spend.reindex(at.index.union(spend.index))).fillna(0.0)


@pytest.mark.parametrize("answer, words", [
    (wallet_of_shop_sales, "share of wallet of customer 'a': expected 0.2"),
    (ignores_refunds, "share of wallet of customer 'a': expected 0.2, got 0.3"),
    (zero_for_empty_wallet, "share of wallet of customer 'e': expected nan, got 0"),
    (keeps_strangers, "unexpected customer 'z' in the result"),
])
def test_q2_wrong_answers(answer, words):
    assert words in ch01.q2.assert_check_failed(answer)


def sales_share(purchases, wallets):
    sales = purchases.groupby("shop")["amount"].sum()
    return sales / sales.sum()


def counts_strangers(purchases, wallets):
    sales = purchases.groupby("shop")["amount"].sum()
    return sales / wallets["category_spend"].sum()


def drops_empty_shops(purchases, wallets):
    known = purchases[purchases["customer_id"].isin(wallets["customer_id"])]
    return known.groupby("shop")["amount"].sum() / wallets["category_spend"].sum()


@pytest.mark.parametrize("answer, words", [
    (sales_share, "market share of shop 'W': expected 0.1, got 0.133333"),
    (counts_strangers, "market share of shop 'K': expected 0, got 0.1"),
    (drops_empty_shops, "shop 'K' missing from the result"),
])
def test_q3_wrong_answers(answer, words):
    assert words in ch01.q3.assert_check_failed(answer)


def ignores_retention(customers, years):
    out = ref.ref_customer_value(customers.assign(retention=1.0), years)
    return out


def geometric_formula(customers, years):
    r = customers["retention"]
    kept = (1 - r ** years) / (1 - r)
    value = customers["margin"] * customers["purchases_per_year"] * kept
    return pd.DataFrame({"one_sale": customers["margin"].to_numpy(), "value": value.to_numpy(),
                         "multiple": (value / customers["margin"]).to_numpy()},
                        index=pd.Index(customers["customer_id"], name="customer_id"))


def zero_multiple(customers, years):
    return ref.ref_customer_value(customers, years).fillna(0.0)


@pytest.mark.parametrize("answer, words", [
    (ignores_retention, "value of customer 'x': expected 210, got 360"),
    (geometric_formula, "value of customer 'y': expected 360, got nan"),
    (zero_multiple, "multiple of customer 'p': expected nan, got 0"),
])
def test_q4_wrong_answers(answer, words):
    assert words in ch01.q4.assert_check_failed(answer)


# ------------------------------------------------------------------ messages and hints


def test_messages_and_hints_in_chinese(capsys):
    course.set_language("zh")
    message = ch01.q1.assert_check_failed(deliver_in_the_past)
    assert message.startswith("还不对：公开测试 1（一条小街）")
    ch01.q1.hint()
    assert "今天（3 日）就送" in capsys.readouterr().out
    ch01.q1.hint()
    assert "每天吃米（公斤）" in capsys.readouterr().out


def test_first_hint_is_about_the_failing_case(capsys):
    assert not ch01.q3.check(counts_strangers)
    capsys.readouterr()
    ch01.q3.hint()
    out = capsys.readouterr().out
    assert "public case 2" in out and "z's do not" in out


def test_every_public_case_and_hint_is_bilingual():
    for q in (ch01.q1, ch01.q2, ch01.q3, ch01.q4):
        for case in q.cases:
            assert case.hint and case.hint["en"] and case.hint["zh"] != case.hint["en"]
        for hint in q.hints:
            assert hint["en"] and hint["zh"]


def test_public_cases_agree_with_the_reference():
    for qid, q in (("ch01_q1", ch01.q1), ("ch01_q2", ch01.q2), ("ch01_q3", ch01.q3),
                   ("ch01_q4", ch01.q4)):
        reference = ref.QUESTIONS[qid].reference
        for case in q.cases:
            assert q._compare(case.expected, reference(*case.args, **case.kwargs)) == ""


def test_quiz_and_numbers_check_the_form_only(capsys):
    assert ch01.q5.check(dict(ref.QUIZ_KEY))
    wrong = {k: "a" for k in ref.QUIZ_KEY}
    assert ch01.q5.check(wrong)  # the format is fine: the check never says it is wrong
    assert not ch01.q5.check({"1": "d"})
    assert ch01.q6.check(ref.ref_my_numbers("s001"))
    assert not ch01.q6.check({"due_this_week": 2.5, "loyal_households": 1, "market_share": 0.2})
    assert not ch01.q6.check({"due_this_week": 2, "loyal_households": 1, "market_share": 20})
    assert "market_share is a share" in capsys.readouterr().out


def test_quiz_hints_fit_the_quiz():
    assert set(ch01.q5.item_hints) == set(ref.QUIZ_KEY) == set(ref.QUIZ_ITEMS)
