"""The chapter 6 self-checks prove themselves: right answers pass, wrong ones fail usefully."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import course
from course import i18n
from course.check import ch06
from course.sims import selection as sel


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """Run every test in English and restore the language afterwards."""
    monkeypatch.setattr(i18n, "_language", i18n._language)
    course.set_language("en")


def _local(func):
    def answer(*args, **kwargs):
        return func(*args, **kwargs)
    return answer


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("question, model", [
    (ch06.q1, sel.customer_profit), (ch06.q2, sel.whale_curve),
    (ch06.q3, sel.profit_after_dropping), (ch06.q4, sel.value_matrix)])
def test_the_model_passes(question, model, lang):
    course.set_language(lang)
    question.assert_check_passed(_local(model))


# ----------------------------------------------------------------- wrong answers


def lines_as_orders(transactions, margin=0.3, cost_per_order=25.0, cost_per_line=1.0,
                    cost_per_return=10.0):
    out = sel.customer_profit(transactions, margin, cost_per_order, cost_per_line,
                              cost_per_return)
    return out.assign(orders=out["lines"])


def sales_only(transactions, margin=0.3, cost_per_order=25.0, cost_per_line=1.0,
               cost_per_return=10.0):
    return sel.customer_profit(transactions[transactions["quantity"] > 0], margin,
                               cost_per_order, cost_per_line, cost_per_return)


def free_items_dropped(transactions, margin=0.3, cost_per_order=25.0, cost_per_line=1.0,
                       cost_per_return=10.0):
    keep = transactions["amount"] != 0
    return sel.customer_profit(transactions[keep], margin, cost_per_order, cost_per_line,
                               cost_per_return)


def test_profit_mistakes_fail_with_the_case_named():
    msg = ch06.q1.assert_check_failed(lines_as_orders)
    assert "public case 1" in msg and "orders of customer 'a'" in msg
    msg = ch06.q1.assert_check_failed(sales_only)
    assert "public case 1" in msg and "'b'" in msg
    msg = ch06.q1.assert_check_failed(free_items_dropped)
    assert "public case 2" in msg and "lines of customer 'c'" in msg


def test_profit_hint_after_a_failure_is_about_the_case(capsys):
    ch06.q1.check(sales_only)
    capsys.readouterr()
    ch06.q1.hint()
    assert "return line" in capsys.readouterr().out


def ties_by_row_order(profit):
    ordered = profit.sort_values(ascending=False, kind="stable")
    n = len(ordered)
    return pd.DataFrame({"profit": ordered, "rank": np.arange(1, n + 1),
                         "customer_share": np.arange(1, n + 1) / n,
                         "cum_profit": ordered.cumsum(),
                         "cum_share": ordered.cumsum() / ordered.sum()})


def share_of_any_total(profit):
    out = sel.whale_curve(profit)
    return out.assign(cum_share=out["cum_profit"] / profit.sum())


def test_whale_mistakes_fail():
    msg = ch06.q2.assert_check_failed(ties_by_row_order)
    assert "public case 1" in msg and "rank" in msg
    msg = ch06.q2.assert_check_failed(share_of_any_total)
    assert "public case 2" in msg and "cum_share" in msg


def forgets_fixed_cost(table, k, fixed_share):
    return sel.profit_after_dropping(table, k, 0.0)


def ties_by_position(table, k, fixed_share):
    dropped = table.sort_values("profit", kind="stable").iloc[:k]
    return float(table["profit"].sum() - dropped["profit"].sum()
                 - fixed_share * dropped["cost_to_serve"].sum())


def test_dropping_mistakes_fail():
    msg = ch06.q3.assert_check_failed(forgets_fixed_cost)
    assert "expected 40, got 55" in msg
    msg = ch06.q3.assert_check_failed(ties_by_position)
    assert "public case 3" in msg and "expected -15" in msg


def strict_cut(customers, current_cut, potential_cut):
    return sel.value_matrix(customers.assign(
        current_value=customers["current_value"] - 1e-9,
        potential_value=customers["potential_value"] - 1e-9), current_cut, potential_cut)


def loss_makers_high(customers, current_cut, potential_cut):
    hi_c = customers["current_value"] >= current_cut
    hi_p = customers["potential_value"] >= potential_cut
    quadrant = np.select([hi_c & hi_p, hi_c, hi_p], ["keystone", "mainstay", "prospect"],
                         default="marginal")
    strategy = pd.Series(quadrant).map(sel.STRATEGIES).to_numpy()
    return pd.DataFrame({"quadrant": quadrant, "strategy": strategy},
                        index=pd.Index(customers["customer_id"], name="customer_id"))


def test_matrix_mistakes_fail():
    msg = ch06.q4.assert_check_failed(strict_cut)
    assert "public case 2" in msg and "'e1'" in msg
    msg = ch06.q4.assert_check_failed(loss_makers_high)
    assert "public case 3" in msg and "'z0'" in msg


def test_unfinished_and_missing_answers(capsys):
    def unfinished(transactions, **kwargs):
        raise NotImplementedError

    assert not ch06.q1.check(unfinished)
    assert "not finished" in capsys.readouterr().out
    assert "whale_curve" in ch06.q2.assert_check_failed(42)


def test_messages_in_chinese():
    course.set_language("zh")
    msg = ch06.q3.assert_check_failed(forgets_fixed_cost)
    assert "公开测试 1" in msg or "测试 1" in msg
    assert any("\u4e00" <= ch <= "\u9fff" for ch in msg)
    for question in (ch06.q1, ch06.q2, ch06.q3, ch06.q4, ch06.q5, ch06.q6):
        for hint in question.hints:
            assert hint["zh"] and hint["en"]


def test_quiz_and_numbers_check_form_only():
    assert not ch06.q5.check({"1": "a"})
    assert ch06.q5.check({str(k): "b" for k in range(1, 9)})
    assert ch06.q5.check({str(k): "a" for k in range(1, 9)})  # wrong, but the form is right
    good = {"customers": 100, "unprofitable": 30, "best_drop": 4, "loss_revenue_share": 0.1}
    assert ch06.q6.check(good)
    assert not ch06.q6.check(good | {"loss_revenue_share": 12.0})
    assert not ch06.q6.check(good | {"best_drop": 2.5})
    assert not ch06.q6.check({"customers": 1})


def test_public_cases_are_worked_by_hand_not_by_the_model():
    source = open(ch06.__file__, encoding="utf-8").read()
    imports = [line for line in source.splitlines()
               if line.startswith(("import ", "from ")) and "`" not in line]
    assert imports and not any("course.sims" in line for line in imports)
