"""The reference answers, the hidden verify and the lecture models agree and can fail."""

from __future__ import annotations

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
