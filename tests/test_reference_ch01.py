"""Chapter 1: the reference answers, the hidden cases and the lecture models agree and can fail."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from autograder.hidden import DEFAULT_SEED, verify
from autograder.reference import ch01 as ref
from course.sims import concepts as sims

PAIRS = [("ch01_q1", sims.next_delivery), ("ch01_q2", sims.share_of_wallet),
         ("ch01_q3", sims.market_share), ("ch01_q4", sims.customer_value)]


def _local(func):
    """The function as if a student had written it in the notebook."""
    def answer(*args, **kwargs):
        return func(*args, **kwargs)
    return answer


@pytest.mark.parametrize("qid, model", PAIRS)
@pytest.mark.parametrize("seed", [0, "s001", "学生_01"])
def test_models_agree_with_reference_on_hidden_cases(qid, model, seed):
    assert verify(qid, _local(model), seed=seed, quiet=True) == ref.QUESTIONS[qid].points


@pytest.mark.parametrize("qid, model", PAIRS)
def test_models_equal_reference_case_by_case(qid, model):
    question = ref.QUESTIONS[qid]
    for seed in range(8):
        for case in question.cases(seed):
            ok, message = question.compare(question.reference(*case.args, **case.kwargs),
                                           model(*case.args, **case.kwargs))
            assert ok, (seed, case.name, message)


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
    assert verify("ch01_q6", mine, seed="s001", quiet=True) == 3
    assert verify("ch01_q6", theirs, seed="s001", quiet=True) < 3


def test_my_numbers_match_the_lecture_functions():
    from course.synthetic.concepts import street_for_student
    street = street_for_student("s003")
    plan = sims.next_delivery(street["households"], street["as_of"])
    end = street["as_of"] + pd.Timedelta(days=6)
    numbers = ref.ref_my_numbers("s003")
    assert numbers["due_this_week"] == int(plan["deliver_on"].between(street["as_of"], end).sum())
    assert numbers["market_share"] == pytest.approx(
        sims.market_share(street["purchases"], street["wallets"])[street["shop"]])
    assert plan["run_out"].isna().sum() == 1  # the household away from home


def naive_plan(households, as_of, safety_days=2):
    """No floor at today, no care for households that eat nothing."""
    today = pd.Timestamp(as_of).normalize()
    daily = households["people"] * households["grams_per_person_day"] / 1000
    days = households["stock_kg"] / daily
    whole = np.floor(days.replace(np.inf, 0).fillna(0))
    run_out = today + pd.to_timedelta(whole, unit="D")
    return pd.DataFrame({"days_left": days.to_numpy(), "run_out": run_out.to_numpy(),
                         "deliver_on": (run_out - pd.Timedelta(days=safety_days)).to_numpy()},
                        index=pd.Index(households["household_id"], name="household_id"))


def test_wrong_answers_lose_points(capsys):
    assert verify("ch01_q1", naive_plan) < 3
    out = capsys.readouterr().out
    assert "a household that eats no rice" in out and "inside the safety margin" in out

    def by_shop_sales(purchases, wallets, shop):
        at = purchases[purchases["shop"] == shop].groupby("customer_id")["amount"].sum()
        return (at / at.sum()).reindex(wallets["customer_id"], fill_value=0.0)

    assert verify("ch01_q2", by_shop_sales, quiet=True) < 0.5  # only "no purchases at all"

    def share_of_sales(purchases, wallets):
        sales = purchases.groupby("shop")["amount"].sum()
        return sales / sales.sum()

    assert verify("ch01_q3", share_of_sales, quiet=True) == 0

    def formula(customers, years):
        out = ref.ref_customer_value(customers, years)
        r = customers["retention"].to_numpy()
        kept = (1 - r ** years) / (1 - r)
        value = customers["margin"].to_numpy() * customers["purchases_per_year"].to_numpy() * kept
        return out.assign(value=value, multiple=value / out["one_sale"])

    points = verify("ch01_q4", formula, quiet=True)
    assert 0 < points < 2
    assert verify("ch01_q5", {"1": "a"}, quiet=True) == 0


def test_a_raising_answer_is_reported_per_case(capsys):
    def boom(customers, years):
        raise KeyError("margin")

    assert verify("ch01_q4", boom) == 0
    assert "raised KeyError" in capsys.readouterr().out or "KeyError" in capsys.readouterr().out


def test_inputs_are_not_shared_between_student_and_reference():
    def mutating(households, as_of, safety_days=2):
        households["stock_kg"] = 0.0
        return ref.ref_next_delivery(households, as_of, safety_days)

    assert verify("ch01_q1", mutating, quiet=True) < 3
    first = ref.QUESTIONS["ch01_q1"].cases("x")[0].args[0]
    assert (first["stock_kg"] > 0).any()


def test_the_plan_comparison_reads_what_the_kernel_hands_in():
    from autograder.answers import decode
    from course.check.handin import encode
    case = ref.QUESTIONS["ch01_q1"].cases("s001")[1]
    expected = ref.ref_next_delivery(*case.args, **case.kwargs)
    assert ref.compare_plan(expected, decode(encode(expected))) == (True, "")
    wrong = expected.assign(deliver_on=expected["run_out"])
    ok, message = ref.compare_plan(expected, decode(encode(wrong)))
    assert not ok and message.startswith("deliver_on of")
    ok, message = ref.compare_plan(expected, decode(encode(expected.fillna(
        {"run_out": pd.Timestamp("2030-01-01")}))))
    assert not ok and "expected 'NaT'" in message
    # JSON has no infinity: the hand-in lists the inf cells, so NaN for inf fails as in
    # the public check (and -inf or a large number fails too)
    assert expected["days_left"].isin([float("inf")]).sum() == 2
    for stand_in in (float("nan"), float("-inf"), 1e300):
        ok, message = ref.compare_plan(expected, decode(encode(expected.replace(
            {"days_left": {float("inf"): stand_in}}))))
        assert not ok and message.startswith("days_left of 'Z"), (stand_in, message)


def test_infinities_and_missing_values_survive_the_hand_in():
    from autograder.answers import Unreadable, decode
    from course.check.handin import encode
    inf = float("inf")
    frame = pd.DataFrame({"x": [inf, float("nan"), -inf, 1.0], "y": [inf] * 4,
                          "z": pd.Series([inf, "a", None, 2.0], dtype=object).to_numpy()},
                         index=pd.Index(list("abcd"), name="k"))
    back = decode(encode(frame))

    def shown(values):
        return ["missing" if pd.isna(v) else str(v) for v in values]

    for col in frame:
        assert shown(back[col]) == shown(frame[col]), col
    series = decode(encode(pd.Series([inf, inf], name="s")))
    assert series.tolist() == [inf, inf]
    assert "inf" not in encode(frame.drop(columns=["x", "y", "z"]).assign(x=1.0))
    text = pd.Series([inf, "a"], dtype=object)
    assert decode(encode(text)).tolist() == [inf, "a"]
    for forged in ([[9, 0, "inf"]], [[0, 0, "nan"]], "inf", [[0, True, "inf"]]):
        with pytest.raises(Unreadable):
            decode({**encode(frame), "inf": forged})
    for column in ([1, 2], [True, False]):   # encode never lists an inf cell there
        with pytest.raises(Unreadable):
            decode({**encode(pd.DataFrame({"n": column})), "inf": [[0, 0, "inf"]]})


# ------------------------------------------------------------------ every edge case, every seed


def _plan(case):
    return ref.ref_next_delivery(*case.args, **case.kwargs)


def _today(case):
    return pd.Timestamp(case.kwargs["as_of"]).normalize()


def _spend(case, customer):
    purchases = case.args[0]
    return purchases.loc[(purchases["customer_id"] == customer)
                         & (purchases["shop"] == case.kwargs["shop"]), "amount"]


EDGE_CHECKS = {
    "ch01_q1": {
        "a household that eats no rice": lambda c: np.isinf(_plan(c)["days_left"]).sum() >= 2,
        "an empty jar": lambda c: (c.args[0]["stock_kg"] == 0).any()
        and (_plan(c)["run_out"] == _today(c)).any(),
        "inside the safety margin": lambda c: (
            (_plan(c)["run_out"] - _today(c)).dt.days.between(1, c.kwargs["safety_days"] - 1)
            .any() or ((_plan(c)["run_out"] - _today(c)).dt.days
                       < c.kwargs["safety_days"]).any()) and c.kwargs["safety_days"] >= 1,
        "whole days of rice": lambda c: (
            (_plan(c)["days_left"] % 1 == 0) & (_plan(c)["days_left"] > 0)
            & np.isfinite(_plan(c)["days_left"])).any(),
        "no safety margin": lambda c: c.kwargs["safety_days"] == 0,
        "as_of with a time of day": lambda c: pd.Timestamp(c.kwargs["as_of"])
        != pd.Timestamp(c.kwargs["as_of"]).normalize(),
        "as_of as text": lambda c: isinstance(c.kwargs["as_of"], str),
        "default safety margin": lambda c: "safety_days" not in c.kwargs,
        "rows not numbered 0, 1, 2, ...": lambda c: not c.args[0].index.equals(
            pd.RangeIndex(len(c.args[0]))),
    },
    "ch01_q2": {
        "refunds are netted": lambda c: (c.args[0]["amount"] < 0).any(),
        "a customer who never bought at the shop": lambda c: (
            ref.ref_share_of_wallet(*c.args, **c.kwargs) == 0).any(),
        "a customer with no rice spend": lambda c: (c.args[1]["category_spend"] == 0).any(),
        "a buyer missing from wallets": lambda c: not set(c.args[0]["customer_id"])
        <= set(c.args[1]["customer_id"]),
        "several purchases and a refund": lambda c: len(_spend(c, "R1")) >= 3
        and (_spend(c, "R1") < 0).any(),
        "no purchases at all": lambda c: len(c.args[0]) == 0,
    },
    "ch01_q3": {
        "generated street": lambda c: ref.ref_market_share(*c.args).sum() < 1 - 1e-9,
        "refunds are netted": lambda c: (c.args[0]["amount"] < 0).any(),
        "a buyer missing from wallets": lambda c: not set(c.args[0]["customer_id"])
        <= set(c.args[1]["customer_id"]),
        "a shop whose only buyer is missing from wallets": lambda c: (
            ref.ref_market_share(*c.args) == 0).any()
        and not set(c.args[0]["customer_id"]) <= set(c.args[1]["customer_id"]),
        "a shop with one sale, refunded": lambda c: (
            c.args[0].groupby("shop")["amount"].sum().abs() < 1e-9).any(),
    },
    "ch01_q4": {
        "retention 1 and 0": lambda c: {0.0, 1.0} <= set(c.args[0]["retention"]),
        "a customer with no margin": lambda c: (c.args[0]["margin"] == 0).any(),
        "one year": lambda c: c.kwargs["years"] == 1,
        "rows not numbered 0, 1, 2, ...": lambda c: not c.args[0].index.equals(
            pd.RangeIndex(len(c.args[0]))),
    },
}

SEEDS = [*range(20), *(f"s{i:03d}" for i in range(20)), "学生_01", "李雷 Li Lei", ""]


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
            assert check(cases[edge]), f"{qid} {edge!r} lacks its property for seed {seed!r}"


def test_cases_have_stable_names_and_descriptions():
    for qid, question in ref.QUESTIONS.items():
        names = [c.name for c in question.cases("s001")]
        assert len(set(names)) == len(names), qid
        assert names == [c.name for c in question.cases("s002")], qid
        for case in question.cases("s001"):
            assert case.description and len(case.description) < 100, (qid, case.name)


def test_hidden_inputs_differ_by_student_and_repeat_for_one():
    for qid in ("ch01_q1", "ch01_q2", "ch01_q4"):
        cases = ref.QUESTIONS[qid].cases
        first, again, other = cases("s001")[0], cases("s001")[0], cases("s002")[0]
        assert first.args[0].equals(again.args[0])
        assert not first.args[0].equals(other.args[0])


def test_naive_plan_fails_exactly_where_it_should():
    question = ref.QUESTIONS["ch01_q1"]
    for seed in SEEDS[:8]:
        failed = {c.name for c in question.cases(seed)
                  if not question.compare(_plan(c), naive_plan(*c.args, **c.kwargs))[0]}
        assert {"a household that eats no rice", "an empty jar",
                "inside the safety margin"} <= failed
        assert "no safety margin" not in failed  # with no margin, nothing is in the past


def test_quiz_and_demo():
    assert set(ref.QUIZ_ITEMS) == set(ref.QUIZ_KEY) and len(ref.QUIZ_KEY) >= 6
    assert set(ref.QUIZ_KEY.values()) == {"a", "b", "c"}
    assert set(ref.DEMO) == {"partly", "wrong"}
    graded = {f"{qid}_answer" for qid in ref.QUESTIONS}
    assert set(ref.DEMO["wrong"]) == graded
    assert set(ref.DEMO["partly"]) < graded
    assert ref.MANUAL == {}


def test_nan_for_inf_loses_the_no_rice_case_when_scored_as_the_grader_does():
    """Through the real hand-in (JSON) and scoring path, not only in one process."""
    import json

    from autograder.answers import score_question
    from course.check.handin import answer_cases

    question = ref.QUESTIONS["ch01_q1"]
    cases = [(c.name, c.args, dict(c.kwargs)) for c in question.cases("s001")]

    def scored(func):
        record = json.loads(json.dumps({"results": answer_cases(func, cases)}))
        return score_question(question, record, "s001")

    def nan_days(households, as_of, safety_days=2):
        return ref.ref_next_delivery(households, as_of, safety_days).replace(np.inf, np.nan)

    assert scored(ref.ref_next_delivery).points == question.points
    score = scored(nan_days)
    assert [name for name, ok in score.cases.items() if not ok] == [
        "a household that eats no rice"]
    assert "expected inf, got nan" in score.report
