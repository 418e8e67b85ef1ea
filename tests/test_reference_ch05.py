"""The reference answers, the hidden verify and the lecture models agree and can fail."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest

from autograder.hidden import DEFAULT_SEED, verify
from autograder.reference import ch05 as ref
from course.sims import identification as sims

PAIRS = [("ch05_q1", sims.rfm_table), ("ch05_q2", sims.rfm_scores),
         ("ch05_q3", sims.abc_classes), ("ch05_q4", sims.man_qualify)]


def _local(func):
    """The function as if a student had written it in the notebook."""
    def answer(*args, **kwargs):
        return func(*args, **kwargs)
    return answer


@pytest.mark.parametrize("qid, model", PAIRS)
@pytest.mark.parametrize("seed", [0, "s001", "学生_01"])
def test_models_agree_with_reference_on_hidden_cases(qid, model, seed):
    question = ref.QUESTIONS[qid]
    assert verify(qid, _local(model), seed=seed, quiet=True) == question.points


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


def test_numbers_of_another_student_fail():
    mine, theirs = ref.ref_my_numbers("s001"), ref.ref_my_numbers("s002")
    assert mine != theirs
    assert verify("ch05_q6", mine, seed="s001", quiet=True) == 2
    assert verify("ch05_q6", theirs, seed="s001", quiet=True) < 2


def test_hidden_inputs_differ_by_student_and_repeat_for_one():
    for qid in ("ch05_q1", "ch05_q3", "ch05_q4"):
        cases = ref.QUESTIONS[qid].cases
        first, again, other = cases("s001")[0], cases("s001")[0], cases("s002")[0]
        assert first.args[0].equals(again.args[0])
        assert not first.args[0].equals(other.args[0])


def test_wrong_answers_lose_points(capsys):
    def lines_not_orders(transactions, as_of=None):
        out = ref.ref_rfm_table(transactions, as_of)
        counts = transactions[transactions["quantity"] > 0].groupby("customer_id").size()
        return out.assign(frequency=counts.reindex(out.index))

    assert verify("ch05_q1", lines_not_orders) < 3
    assert "frequency of" in capsys.readouterr().out

    def split_ties(rfm, bins=5):
        return pd.DataFrame({c: pd.qcut(rfm[k].rank(method="first"), bins, labels=False) + 1
                             for c, k in [("r_score", "recency"), ("f_score", "frequency"),
                                          ("m_score", "monetary")]}, index=rfm.index)

    assert verify("ch05_q2", split_ties, quiet=True) < 3

    def strict_a(values, a_cut=0.8, b_cut=0.95):
        share = values.sort_values(ascending=False).cumsum() / values.sum()
        return share.map(lambda s: "A" if s <= a_cut else "B" if s <= b_cut else "C")

    assert verify("ch05_q3", strict_a, quiet=True) < 2
    assert verify("ch05_q3", split_ties_abc, quiet=True) < 2
    assert verify("ch05_q5", {"1": "a"}, quiet=True) == 0


def test_a_raising_answer_is_reported_per_case(capsys):
    def boom(leads, min_budget):
        raise KeyError("budget")

    assert verify("ch05_q4", boom) == 0
    assert "raised KeyError" in capsys.readouterr().out


def test_student_warnings_do_not_reach_stderr(capsys):
    import warnings

    def noisy(leads, min_budget):
        warnings.warn("careful", UserWarning, stacklevel=1)
        import sys
        print("debug", file=sys.stderr)
        return ref.ref_man_qualify(leads, min_budget)

    assert verify("ch05_q4", noisy) == 2
    assert capsys.readouterr().err == ""


def test_inputs_are_not_shared_between_student_and_reference():
    def mutating(leads, min_budget):
        leads["budget"] = 0.0
        return ref.ref_man_qualify(leads, min_budget)

    assert verify("ch05_q4", mutating, quiet=True) < 2  # wrong grades, and...
    first = ref.QUESTIONS["ch05_q4"].cases("x")[0].args[0]
    assert (first["budget"] > 0).any()  # ...the generated inputs stay intact


def test_cases_depend_on_seed():
    a = ref.QUESTIONS["ch05_q1"].cases("s001")[0].args[0]
    b = ref.QUESTIONS["ch05_q1"].cases("s002")[0].args[0]
    assert not a.equals(b)


# ---------------------------------------------------------------- known wrong answers


def split_ties_abc(values, a_cut=0.8, b_cut=0.95):
    """The old rule: equal values ranked one by one (by id), so a tie may be split."""
    order = sorted(values.index, key=lambda k: (-float(values[k]), str(k)))
    total = float(values.clip(lower=0).sum())
    running, labels = 0.0, {}
    for key in order:
        value = float(values[key])
        before = running / total if total else 1.0
        labels[key] = ("C" if value <= 0 else "A" if before < a_cut - 1e-12
                       else "B" if before < b_cut - 1e-12 else "C")
        running += max(value, 0.0)
    return pd.Series([labels[k] for k in values.index], index=values.index)


def days_not_orders(transactions, as_of=None):
    out = ref.ref_rfm_table(transactions, as_of)
    sales = transactions[(transactions["quantity"] > 0) & (transactions["amount"] > 0)]
    days = sales.assign(day=sales["date"].dt.normalize()).groupby("customer_id")["day"]
    return out.assign(frequency=days.nunique().reindex(out.index))


def lines_not_orders(transactions, as_of=None):
    out = ref.ref_rfm_table(transactions, as_of)
    sales = transactions[(transactions["quantity"] > 0) & (transactions["amount"] > 0)]
    return out.assign(frequency=sales.groupby("customer_id").size().reindex(out.index))


def quantity_only(transactions, as_of=None):
    """Keeps lines with quantity > 0 whatever their amount (a free item counts)."""
    return ref.ref_rfm_table(transactions.assign(amount=transactions["amount"].where(
        transactions["amount"] > 0, 1e-9)), as_of)


def as_of_from_every_line(transactions, as_of=None):
    if as_of is None and len(transactions):
        as_of = transactions["date"].max().normalize() + pd.Timedelta(days=1)
    return ref.ref_rfm_table(transactions, as_of)


def no_normalize(transactions, as_of=None):
    out = ref.ref_rfm_table(transactions, as_of)
    sales = transactions[(transactions["quantity"] > 0) & (transactions["amount"] > 0)]
    if sales.empty:
        return out
    end = (sales["date"].max().normalize() + pd.Timedelta(days=1)) if as_of is None \
        else pd.Timestamp(as_of)
    last = sales.groupby("customer_id")["date"].max()
    return out.assign(recency=(end - last).dt.days.reindex(out.index))


def first_rank_scores(rfm, bins=5):
    """Ties broken by row order (rank method 'first'): splits a tie across a bin edge."""
    def score(values):
        worse = values.rank(method="first") - 1
        return (1 + np.floor(bins * worse / max(len(values), 1))).clip(1, bins).astype(int)
    return pd.DataFrame({"r_score": score(-rfm["recency"]), "f_score": score(rfm["frequency"]),
                         "m_score": score(rfm["monetary"])}, index=rfm.index)


# ---------------------------------------------------------------- named edge cases


def _sales(tx):
    return tx[(tx["quantity"] > 0) & (tx["amount"] > 0)]


def _fails(question, case, wrong) -> bool:
    expected = question.reference(*copy.deepcopy(case.args), **case.kwargs)
    ok, _ = question.compare(expected, wrong(*copy.deepcopy(case.args), **case.kwargs))
    return not ok


def _q1(case):
    return case.args[0]


def _sorted_shares(values):
    positive = np.sort(values.clip(lower=0).to_numpy())[::-1]
    return np.cumsum(positive) / positive.sum()


#: For each named edge case: a check that the generated input really has the property
#: its name says (a structure in the data, or a known wrong answer that it catches).
EDGE_CHECKS = {
    "ch05_q1": {
        "default as_of (the day after the last sale)": lambda q, c: "as_of" not in c.kwargs
        and _q1(c)["date"].max() > _sales(_q1(c))["date"].max()
        and _fails(q, c, as_of_from_every_line),
        "two orders on one day": lambda q, c: (_sales(_q1(c)).assign(
            day=lambda d: d["date"].dt.normalize()).groupby(["customer_id", "day"])[
            "order_id"].nunique() >= 2).any() and _fails(q, c, days_not_orders),
        "several lines in one order": lambda q, c: _fails(q, c, lines_not_orders),
        "customers with one order": lambda q, c: (_sales(_q1(c)).groupby("customer_id")[
            "order_id"].nunique() == 1).any(),
        "returns and cancellations": lambda q, c: bool((_q1(c)["quantity"] < 0).any()),
        "a customer who only returned goods": lambda q, c: bool(
            set(_q1(c)["customer_id"]) - set(_sales(_q1(c))["customer_id"])),
        "a free item (amount 0)": lambda q, c: bool(((_q1(c)["quantity"] > 0)
                                                     & (_q1(c)["amount"] == 0)).any())
        and _fails(q, c, quantity_only),
        "purchase times during the day": lambda q, c: _fails(q, c, no_normalize),
        "empty input": lambda q, c: len(_q1(c)) == 0,
    },
    "ch05_q2": {
        "ties at a bin edge": lambda q, c: all(
            _fails(q, c, lambda rfm, bins=5, col=col: first_rank_scores(rfm, bins).assign(
                **{k: ref.ref_rfm_scores(rfm, bins)[k] for k in ("r_score", "f_score",
                                                              "m_score") if k != col}))
            for col in ("r_score", "f_score", "m_score")),
        "everyone equal": lambda q, c: len(c.args[0]) > 1 and len(c.args[0].drop_duplicates())
        == 1,
        "one customer": lambda q, c: len(c.args[0]) == 1,
        "fewer customers than bins": lambda q, c: 1 < len(c.args[0]) < c.kwargs["bins"],
    },
    "ch05_q3": {
        "a tie at the A cut-off": lambda q, c: ref._splits_a_tie(c.args[0].to_numpy(), 0.8)
        and _fails(q, c, split_ties_abc),
        "a tie at the B cut-off": lambda q, c: ref._splits_a_tie(c.args[0].to_numpy(), 0.95)
        and _fails(q, c, split_ties_abc),
        "exactly at the A cut-off": lambda q, c: bool(np.isclose(_sorted_shares(c.args[0]),
                                                                 0.8, atol=1e-12).any()),
        "everyone equal": lambda q, c: len(c.args[0]) > 1 and c.args[0].nunique() == 1,
        "zero and negative values": lambda q, c: bool((c.args[0] == 0).any()
                                                      and (c.args[0] < 0).any()),
        "a_cut equal to b_cut": lambda q, c: c.kwargs["a_cut"] == c.kwargs["b_cut"],
        "one customer": lambda q, c: len(c.args[0]) == 1,
        "empty input": lambda q, c: len(c.args[0]) == 0,
    },
    "ch05_q4": {
        "all eight combinations of Money, Authority and Need": lambda q, c: len(set(zip(
            c.args[0]["budget"] >= c.kwargs["min_budget"], c.args[0]["has_authority"],
            c.args[0]["has_need"], strict=True))) == 8,
        "budget exactly at the minimum": lambda q, c: bool(
            (c.args[0]["budget"] == c.kwargs["min_budget"]).any()
            and (c.args[0]["budget"] < c.kwargs["min_budget"]).any()),
        "rows not numbered 0, 1, 2, ...": lambda q, c: not c.args[0].index.equals(
            pd.RangeIndex(len(c.args[0]))),
        "no leads": lambda q, c: len(c.args[0]) == 0,
    },
}

SEEDS = [*range(25), *(f"s{i:03d}" for i in range(25)), "学生_01", "李雷 Li Lei", ""]


def test_every_named_edge_case_has_a_check():
    for qid, question in ref.QUESTIONS.items():
        assert set(question.edges) == set(EDGE_CHECKS.get(qid, {})), qid


@pytest.mark.parametrize("qid", sorted(EDGE_CHECKS))
def test_every_edge_case_is_there_for_every_student(qid):
    question = ref.QUESTIONS[qid]
    for seed in SEEDS:
        cases = {case.name: case for case in question.cases(seed)}
        for edge, check in EDGE_CHECKS[qid].items():
            assert edge in cases, (seed, edge)
            assert check(question, cases[edge]), f"{qid} {edge!r} lacks its property " \
                                                 f"for seed {seed!r}"


def test_cases_have_stable_names_and_descriptions():
    for qid, question in ref.QUESTIONS.items():
        names = [c.name for c in question.cases("s001")]
        assert len(set(names)) == len(names), qid
        assert names == [c.name for c in question.cases("s002")], qid
        for case in question.cases("s001"):
            assert case.description and len(case.description) < 100, (qid, case.name)


def test_a_split_tie_fails_exactly_the_tie_cases():
    question = ref.QUESTIONS["ch05_q3"]
    for seed in SEEDS[:10]:
        failed = {c.name for c in question.cases(seed) if _fails(question, c, split_ties_abc)}
        assert {"a tie at the A cut-off", "a tie at the B cut-off"} <= failed
        assert "empty input" not in failed and "one customer" not in failed


def test_reference_abc_keeps_ties_together():
    values = pd.Series({"s": 10.0, "r": 20.0, "q": 20.0, "p": 50.0})
    assert ref.ref_abc_classes(values, a_cut=0.6).to_dict() == {
        "s": "B", "r": "A", "q": "A", "p": "A"}
    assert split_ties_abc(values, a_cut=0.6).to_dict() == {
        "s": "B", "r": "B", "q": "A", "p": "A"}


def test_quiz_items_are_described():
    assert set(ref.QUIZ_ITEMS) == set(ref.QUIZ_KEY)
    assert len(ref.QUIZ_KEY) >= 6
    assert set(ref.QUIZ_KEY.values()) <= {"a", "b", "c"}
