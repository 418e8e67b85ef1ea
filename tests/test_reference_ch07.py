"""Chapter 7: the reference, the hidden cases and the lecture's models agree and can fail."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from autograder.hidden import DEFAULT_SEED, verify
from autograder.reference import ch07 as ref
from course.sims import clv as sims
from course.synthetic.clv import SHOP_CALIBRATION_END, clv_transactions_for_student

PAIRS = [("ch07_q1", sims.clv), ("ch07_q2", sims.retention_change),
         ("ch07_q3", sims.loyalty_type), ("ch07_q4", sims.frt_table)]
SEEDS = [0, 1, 2, 3, "s001", "s002", "学生_01", "李雷 Li Lei", ""]


def _local(func):
    """The function as if a student had written it in the notebook."""
    def answer(*args, **kwargs):
        return func(*args, **kwargs)
    return answer


def _compile(source: str, name: str):
    namespace = {"math": math, "np": np, "pd": pd}
    exec(source, namespace)  # noqa: S102 - the demo's own answers
    return namespace[name]


@pytest.mark.parametrize("qid, model", PAIRS)
@pytest.mark.parametrize("seed", [0, "s001", "学生_01"])
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


# ------------------------------------------------------ every edge case has its property


def _horizon(case):
    return case.kwargs.get("horizon", case.args[3] if len(case.args) > 3 else None)


def _expected(qid, case):
    return ref.QUESTIONS[qid].reference(*case.args, **case.kwargs)


CLV_EDGES = {
    "the infinite horizon": lambda c: _horizon(c) is None and "horizon" not in c.kwargs,
    "retention 0": lambda c: c.args[1] == 0 and isinstance(_horizon(c), int)
    and _horizon(c) > 0,
    "retention 0 over an infinite horizon": lambda c: c.args[1] == 0 and _horizon(c) is None,
    "retention 1 without discounting": lambda c: c.args[1] == 1 and c.args[2] == 0
    and _horizon(c) > 0 and _expected("ch07_q1", c) == pytest.approx(c.args[0] * _horizon(c)),
    "an unbounded value": lambda c: _expected("ch07_q1", c) == math.inf,
    "retention 1 with discounting": lambda c: c.args[1] == 1 and c.args[2] > 0
    and _horizon(c) is None,
    "discount 0": lambda c: c.args[2] == 0 and 0 < c.args[1] < 1 and _horizon(c) > 0,
    "horizon 0": lambda c: _horizon(c) == 0 and c.args[1] > 0,
    "horizon 1": lambda c: _horizon(c) == 1 and c.args[1] > 0 and c.args[2] > 0,
}

CHANGE_EDGES = {
    "no change": lambda c: c.args[3] == c.args[4],
    "a drop in retention": lambda c: c.args[4] < c.args[3],
    "from retention 0": lambda c: c.args[3] == 0 < c.args[4],
    "to retention 1 without discounting": lambda c: c.args[4] == 1 and c.args[5] == 0,
    "zero years": lambda c: c.args[6] == 0,
    "acquisition cost above the CLV": lambda c: (
        _expected("ch07_q2", c)["profit_before"] < 0 and _expected("ch07_q2", c)[
            "profit_after"] < 0 < _expected("ch07_q2", c)["profit_change"]),
}


def _cuts(c):
    return c.kwargs.get("attitude_cut", 5), c.kwargs.get("repeat_cut", 0.5)


LOYALTY_EDGES = {
    "scores exactly at a cut-off": lambda c: (c.args[0]["attitude"] == _cuts(c)[0]).any()
    and (c.args[0]["repeat"] == _cuts(c)[1]).any(),
    "all four loyalty types": lambda c: set(_expected("ch07_q3", c)) == set(sims.LOYALTY_TYPES),
    "other cut-offs": lambda c: _cuts(c) != (5, 0.5),
    "rows not numbered 0, 1, 2, ...": lambda c: list(c.args[0].index) != list(
        range(len(c.args[0]))),
    "one customer": lambda c: len(c.args[0]) == 1,
    "no customers": lambda c: len(c.args[0]) == 0,
}


def _days(c):
    tx = c.args[0]
    return tx.assign(day=tx["date"].dt.normalize()), pd.Timestamp(c.kwargs["calibration_end"])


def _same_day(c):
    tx, end = _days(c)
    bought = tx[(tx["quantity"] > 0) & (tx["day"] <= end)]
    return bought.groupby(["customer_id", "day"]).size().max() > 1


def _after(c):
    tx, end = _days(c)
    first = tx.groupby("customer_id")["day"].transform("min")
    return ((tx["day"] > end) & (first <= end)).any()


def _first_after(c):
    tx, end = _days(c)
    return (tx.groupby("customer_id")["day"].min() > end).any()


FRT_EDGES = {
    "several lines on one day": _same_day,
    "purchases after the calibration end": _after,
    "first purchase after the calibration end": _first_after,
    "a purchase on the calibration end day": lambda c: (
        (_days(c)[0]["day"] == _days(c)[1]) & (c.args[0]["quantity"] > 0)
        & (c.args[0]["date"] > _days(c)[1] + pd.Timedelta(hours=12))).any(),
    "customers with one purchase": lambda c: (_expected("ch07_q4", c)["frequency"] == 0).sum()
    >= 2,
    "purchase times during the day": lambda c: (
        c.args[0]["date"] != c.args[0]["date"].dt.normalize()).any(),
    "returns are not purchases": lambda c: (c.args[0]["quantity"] < 0).any(),
    "no purchases before the end": lambda c: _expected("ch07_q4", c).empty,
}

EDGES = {"ch07_q1": CLV_EDGES, "ch07_q2": CHANGE_EDGES, "ch07_q3": LOYALTY_EDGES,
         "ch07_q4": FRT_EDGES}


@pytest.mark.parametrize("qid", sorted(EDGES))
def test_every_edge_case_has_its_property_for_every_seed(qid):
    question = ref.QUESTIONS[qid]
    assert set(EDGES[qid]) == set(question.edges)
    for seed in SEEDS:
        cases = {c.name: c for c in question.cases(seed)}
        for name, has_property in EDGES[qid].items():
            assert has_property(cases[name]), (qid, seed, name)


def test_the_long_horizon_is_the_closed_form():
    case = {c.name: c for c in ref.cases_clv("s001")}["a long horizon"]
    m, r, i = case.args
    assert ref.ref_clv(m, r, i, 300) == pytest.approx(ref.ref_clv(m, r, i), rel=1e-9)


# ------------------------------------------------------------- wrong answers lose points


def _points(qid, answer, seed="s001"):
    return verify(qid, answer, seed=seed, quiet=True)


def test_first_margin_today_loses_points():
    wrong = _compile(ref.MARGIN_TODAY, "clv")
    assert _points("ch07_q1", wrong) < 1.0


def test_no_infinity_loses_only_that_case():
    def clv(margin, retention, discount, horizon=None):
        if horizon is None:
            return margin * retention / (1 + discount - retention)
        return sum(margin * retention ** t / (1 + discount) ** t for t in range(1, horizon + 1))
    points = _points("ch07_q1", clv)
    assert 0 < points < 3


def test_strict_cut_offs_lose_points():
    assert _points("ch07_q3", _compile(ref.STRICT_CUTS, "loyalty_type")) < 2


def test_profit_without_acquisition_cost_loses_points():
    def retention_change(cohort_size, margin, acquisition_cost, retention, new_retention,
                         discount, years):
        out = sims.retention_change(cohort_size, margin, 0.0, retention, new_retention,
                                    discount, years)
        return dict(out)
    assert _points("ch07_q2", retention_change) < 1.5


def test_chapter_5_recency_and_counting_lines_lose_points():
    def frt_ch05_recency(transactions, calibration_end):
        table = sims.frt_table(transactions, calibration_end)
        return table.assign(recency=table["T"] - table["recency"])

    def frt_lines(transactions, calibration_end):
        end = pd.Timestamp(calibration_end)
        tx = transactions[(transactions["quantity"] > 0)
                          & (transactions["date"].dt.normalize() <= end)]
        table = sims.frt_table(transactions, calibration_end)
        return table.assign(frequency=tx.groupby("customer_id").size().reindex(
            table.index).fillna(1).astype(int) - 1)

    assert _points("ch07_q4", frt_ch05_recency) < 1.0
    assert _points("ch07_q4", frt_lines) < 3.0


def test_demo_wrong_answers_earn_little():
    for qid in ("ch07_q1", "ch07_q2", "ch07_q3", "ch07_q4"):
        name = ref.QUESTIONS[qid].name
        wrong = _compile(ref.DEMO["wrong"][f"{qid}_answer"], name)
        assert _points(qid, wrong) < ref.QUESTIONS[qid].points / 2, qid


def test_my_numbers_belong_to_the_student():
    mine = ref.ref_my_numbers("s001")
    assert mine != ref.ref_my_numbers("s002")
    own = sims.frt_table(clv_transactions_for_student("s001"), SHOP_CALIBRATION_END)
    assert mine["customers"] == len(own)
    assert mine["repeat_transactions"] == own["frequency"].sum()
    assert verify("ch07_q6", mine, seed="s001", quiet=True) == 2
    assert verify("ch07_q6", mine, seed="s002", quiet=True) < 2
