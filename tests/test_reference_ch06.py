"""Chapter 6 reference: the lecture's model agrees with it, every edge case is there, scores."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from autograder.hidden import DEFAULT_SEED, verify
from autograder.reference import ch06 as ref
from course.sims import selection as sims
from course.synthetic.selection import selection_transactions_for_student

ROOT = Path(__file__).resolve().parents[1]
PAIRS = [("ch06_q1", sims.customer_profit), ("ch06_q2", sims.whale_curve),
         ("ch06_q3", sims.profit_after_dropping), ("ch06_q4", sims.value_matrix)]
SEEDS = [0, "s001", "学生_01"]
MANY_SEEDS = [0, 1, 2, "s001", "s002", "s003", "学生_01", "x" * 30, "42", "ab-cd"]


def _local(func):
    """The function as if a student had written it in the notebook."""
    def answer(*args, **kwargs):
        return func(*args, **kwargs)
    return answer


@pytest.mark.parametrize("qid, model", PAIRS)
@pytest.mark.parametrize("seed", SEEDS)
def test_models_agree_with_reference_on_hidden_cases(qid, model, seed):
    assert verify(qid, _local(model), seed=seed, quiet=True) == ref.QUESTIONS[qid].points


@pytest.mark.parametrize("qid", sorted(ref.QUESTIONS))
def test_reference_gets_full_points(qid):
    q = ref.QUESTIONS[qid]
    if q.kind == "quiz":
        answer = dict(q.key)
    elif q.kind == "numbers":
        answer = q.expected(DEFAULT_SEED)
    else:
        answer = _local(q.reference)
    assert verify(qid, answer, quiet=True) == q.points


def test_default_model_is_the_lectures():
    assert ref.DEFAULT_MODEL == sims.COST_MODEL


def test_numbers_match_the_lectures_model_and_differ_by_student():
    for sid in ("s001", "s002"):
        table = sims.customer_profit(selection_transactions_for_student(sid))
        after = sims.dropping_curve(table, 0.5)
        losers = table["profit"] < 0
        expected = ref.ref_my_numbers(sid)
        assert expected["customers"] == len(table)
        assert expected["unprofitable"] == losers.sum()
        assert expected["best_drop"] == int(after.idxmax())
        assert expected["loss_revenue_share"] == pytest.approx(
            table.loc[losers, "revenue"].sum() / table["revenue"].sum())
    mine, theirs = ref.ref_my_numbers("s001"), ref.ref_my_numbers("s002")
    assert mine != theirs
    assert verify("ch06_q6", mine, seed="s001", quiet=True) == 2
    assert verify("ch06_q6", theirs, seed="s001", quiet=True) < 2


def test_wrong_answers_lose_points(capsys):
    def lines_as_orders(transactions, margin=0.3, cost_per_order=25.0, cost_per_line=1.0,
                        cost_per_return=10.0):
        out = ref.ref_customer_profit(transactions, margin, cost_per_order, cost_per_line,
                                      cost_per_return)
        return out.assign(orders=out["lines"])

    assert verify("ch06_q1", lines_as_orders) < 3
    assert "orders of" in capsys.readouterr().out

    def sales_only(transactions, margin=0.3, cost_per_order=25.0, cost_per_line=1.0,
                   cost_per_return=10.0):
        sales = transactions[transactions["quantity"] > 0]
        return ref.ref_customer_profit(sales, margin, cost_per_order, cost_per_line,
                                       cost_per_return)

    assert verify("ch06_q1", sales_only, quiet=True) < 3

    def ties_by_row_order(profit):
        out = ref.ref_whale_curve(profit)
        ordered = profit.sort_values(ascending=False, kind="stable")
        return out.loc[ordered.index].assign(
            rank=np.arange(1, len(ordered) + 1), cum_profit=ordered.cumsum().to_numpy())

    assert verify("ch06_q2", ties_by_row_order, quiet=True) < 2

    def share_of_negative_total(profit):
        out = ref.ref_whale_curve(profit)
        return out.assign(cum_share=out["cum_profit"] / profit.sum())

    assert verify("ch06_q2", share_of_negative_total, quiet=True) < 2

    def forgets_fixed_cost(table, k, fixed_share):
        return ref.ref_profit_after_dropping(table, k, 0.0)

    assert verify("ch06_q3", forgets_fixed_cost, quiet=True) < 2

    def strict_cuts(customers, current_cut, potential_cut):
        shifted = customers.assign(current_value=customers["current_value"] - 1e-6,
                                   potential_value=customers["potential_value"] - 1e-6)
        return ref.ref_value_matrix(shifted, current_cut, potential_cut)

    assert verify("ch06_q4", strict_cuts, quiet=True) < 2

    def loss_makers_can_be_high(customers, current_cut, potential_cut):
        out = ref.ref_value_matrix(customers.assign(current_value=customers["current_value"]
                                                    .abs() + 1e9), current_cut, potential_cut)
        return out

    assert verify("ch06_q4", loss_makers_can_be_high, quiet=True) < 2
    assert verify("ch06_q5", {"1": "a"}, quiet=True) == 0


def test_demo_answers_are_wrong_where_they_say():
    """The demo's wrong functions really lose points (run as the notebook would run them)."""
    namespace = {"np": np, "pd": pd}
    for cell in ref.DEMO["wrong"].values():
        exec(cell, namespace)  # noqa: S102 - our own demo source
    for qid, name in [("ch06_q1", "customer_profit"), ("ch06_q2", "whale_curve"),
                      ("ch06_q3", "profit_after_dropping"), ("ch06_q4", "value_matrix")]:
        assert verify(qid, namespace[name], quiet=True) < ref.QUESTIONS[qid].points, qid
    assert verify("ch06_q5", namespace["quiz_answers"], quiet=True) == 0
    assert verify("ch06_q6", namespace["my_numbers"], quiet=True) == 0
    partly = {"np": np, "pd": pd}
    exec(ref.DEMO["partly"]["ch06_q5_answer"], partly)  # noqa: S102
    assert 0 < verify("ch06_q5", partly["quiz_answers"], quiet=True) < 4


# ---------------------------------------------------------------- edge cases for every seed


def _profit_case(case):
    return ref.ref_customer_profit(*case.args, **case.kwargs)


def _whale_case(case):
    return case.args[0]


def _q1_edges(case) -> bool:
    tx = case.args[0]
    out = _profit_case(case)
    name = case.name
    if name == "return lines":
        return bool((tx["quantity"] < 0).any() and (out["returns"] > 0).any())
    if name == "a customer with no sales":
        return bool(((out["orders"] == 0) & (out["returns"] > 0) & (out["profit"] < 0)).any())
    if name == "several lines in one order":
        sales = tx[tx["quantity"] > 0]
        return bool((sales.groupby(["customer_id", "order_id"]).size() > 1).any())
    if name == "a free item (amount 0)":
        return bool(((tx["quantity"] > 0) & (tx["amount"] == 0)).any())
    if name == "a loss-making customer":
        return bool((out["profit"] < 0).any())
    if name == "margin 0":
        return case.kwargs["margin"] == 0 and bool((out["profit"] == -out["cost_to_serve"]).all())
    if name == "rows not numbered 0, 1, 2, ...":
        return not tx.index.equals(pd.RangeIndex(len(tx)))
    if name == "empty input":
        return len(tx) == 0
    raise KeyError(name)


def _q2_edges(case) -> bool:
    profit = case.args[0]
    name = case.name
    if name == "equal profits (ties)":
        return bool(profit.duplicated().any())
    if name == "total profit negative":
        return profit.sum() < 0
    if name == "total profit exactly zero":
        return abs(profit.sum()) < 1e-9
    if name == "ids sorted as text":
        ids = [str(i) for i in profit.index]
        tied = profit[profit.duplicated(keep=False)]
        as_text = sorted(str(i) for i in tied.index)
        as_numbers = sorted((str(i) for i in tied.index), key=int)
        return all(i.isdigit() for i in ids) and as_text != as_numbers
    if name == "one customer":
        return len(profit) == 1
    if name == "empty input":
        return len(profit) == 0
    raise KeyError(name)


def _q3_edges(case) -> bool:
    table, k, fixed = case.args
    name = case.name
    if name == "k = 0":
        return k == 0
    if name == "drop everyone":
        return k == len(table)
    if name == "no cost stays":
        return fixed == 0.0 and k > 0
    if name == "all cost stays":
        return fixed == 1.0 and k > 0
    if name == "a tie at the cut":
        lowest = table["profit"].nsmallest(k + 1)
        tied = table[table["profit"] == lowest.iloc[k - 1]]
        return len(tied) > 1 and tied["cost_to_serve"].nunique() > 1
    if name == "rows in another order":
        return not table["profit"].is_monotonic_increasing and 0 < k < len(table)
    raise KeyError(name)


def _q4_edges(case) -> bool:
    customers, c_cut, p_cut = case.args
    name = case.name
    if name == "values exactly at the cut-offs":
        return bool((customers["current_value"] == c_cut).any()
                    and (customers["potential_value"] == p_cut).any())
    if name == "loss-makers with a cut-off of 0":
        return c_cut == 0 and bool((customers["current_value"] <= 0).any())
    if name == "a negative cut-off":
        return c_cut < 0 and bool((customers["current_value"] < 0).any())
    if name == "every account in one quadrant":
        return ref.ref_value_matrix(customers, c_cut, p_cut)["quadrant"].nunique() == 1
    if name == "rows not numbered 0, 1, 2, ...":
        return not customers.index.equals(pd.RangeIndex(len(customers)))
    if name == "no accounts":
        return len(customers) == 0
    raise KeyError(name)


EDGE_CHECKS = {"ch06_q1": _q1_edges, "ch06_q2": _q2_edges, "ch06_q3": _q3_edges,
               "ch06_q4": _q4_edges}


def test_every_named_edge_case_has_a_check():
    named = {qid for qid, q in ref.QUESTIONS.items() if q.edges}
    assert named == set(EDGE_CHECKS)


@pytest.mark.parametrize("qid", sorted(EDGE_CHECKS))
def test_every_edge_case_is_there_for_every_student(qid):
    q = ref.QUESTIONS[qid]
    for seed in MANY_SEEDS:
        cases = {c.name: c for c in q.cases(seed)}
        for edge in q.edges:
            assert edge in cases, f"{qid} seed {seed!r}: no case {edge!r}"
            assert EDGE_CHECKS[qid](cases[edge]), (
                f"{qid} seed {seed!r}: case {edge!r} does not have its property")


def test_cases_have_stable_names_and_descriptions():
    for qid, q in ref.QUESTIONS.items():
        a, b = q.cases("s001"), q.cases("s002")
        assert [c.name for c in a] == [c.name for c in b], qid
        assert len({c.name for c in a}) == len(a), qid
        assert all(c.description for c in a), qid


def test_tie_at_the_cut_decides_the_answer():
    for seed in MANY_SEEDS:
        case = next(c for c in ref.cases_profit_after_dropping(seed)
                    if c.name == "a tie at the cut")
        table, k, fixed = case.args
        tied = table[table["profit"] == table["profit"].min()]
        first, second = sorted(tied.index)
        total = table["profit"].sum()

        def without(cid, table=table, total=total, fixed=fixed):
            return total - table.loc[cid, "profit"] - fixed * table.loc[cid, "cost_to_serve"]

        assert k == 1 and len(tied) == 2
        assert ref.ref_profit_after_dropping(table, k, fixed) == pytest.approx(without(first))
        assert without(first) != pytest.approx(without(second))


def test_quiz_and_points_agree_with_the_solution_notebook():
    nb = json.loads((ROOT / "solutions" / "ch06" / "ch06.ipynb").read_text(encoding="utf-8"))
    points = {c["metadata"]["nbgrader"]["grade_id"]: c["metadata"]["nbgrader"]["points"]
              for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade")}
    expected = {qid: q.points for qid, q in ref.QUESTIONS.items()} | ref.MANUAL
    assert points == expected
    answer = next(c for c in nb["cells"]
                  if c["metadata"].get("nbgrader", {}).get("grade_id") == "ch06_q5_answer")
    namespace: dict = {}
    exec("".join(answer["source"]).split("### BEGIN SOLUTION")[1]  # noqa: S102
         .split("### END SOLUTION")[0], namespace)
    assert namespace["quiz_answers"] == ref.QUIZ_KEY
    assert set(ref.QUIZ_ITEMS) == set(ref.QUIZ_KEY)
    ids = {c["metadata"].get("nbgrader", {}).get("grade_id") for c in nb["cells"]}
    for answers in ref.DEMO.values():
        assert set(answers) <= ids


def test_quiz_key_is_not_one_letter():
    assert len(set(ref.QUIZ_KEY.values())) == 3
