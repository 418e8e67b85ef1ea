"""Chapter 3: the reference, the hidden verify and the lecture models agree and can fail."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

from autograder.hidden import DEFAULT_SEED, verify
from autograder.reference import ch03 as ref
from course.sims import aidma as sims

PAIRS = [("ch03_q1", sims.stage_counts), ("ch03_q2", sims.furthest_stage),
         ("ch03_q3", sims.channel_funnel), ("ch03_q4", sims.bottleneck),
         ("ch03_q5", sims.cost_per_action)]
SEEDS = [0, 7, "s001", "s002", "学生_01", "李雷 Li Lei", ""]
MANY = [*range(12), *(f"s{i:03d}" for i in range(12))]


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
    for seed in SEEDS:
        for case in question.cases(seed):
            ok, message = question.compare(question.reference(*case.args, **case.kwargs),
                                           model(*case.args, **case.kwargs))
            assert ok, (seed, case.name, message)


@pytest.mark.parametrize("qid", sorted(ref.QUESTIONS))
def test_reference_gets_full_points(qid):
    q = ref.QUESTIONS[qid]
    answer = (dict(q.key) if q.kind == "quiz" else q.expected(DEFAULT_SEED)
              if q.kind == "numbers" else _local(q.reference))
    assert verify(qid, answer, quiet=True) == q.points


def test_numbers_of_another_student_fail():
    mine, theirs = ref.ref_my_numbers("s001"), ref.ref_my_numbers("s002")
    assert mine != theirs
    assert verify("ch03_q7", mine, seed="s001", quiet=True) == 2
    assert verify("ch03_q7", theirs, seed="s001", quiet=True) < 2


def test_my_numbers_by_the_lecture_functions():
    from course.synthetic.aidma import event_log_for_student

    log = event_log_for_student("s003")
    stages = sims.furthest_stage(log)
    funnel = sims.channel_funnel(log)
    buyers = int(stages.isin(["purchase", "share"]).sum())
    assert ref.ref_my_numbers("s003") == {
        "users": len(stages), "buyers": buyers,
        "live_buyers": int(funnel.loc["live", "purchase"]),
        "share_rate": (stages == "share").sum() / buyers}


# ---------------------------------------------------------------- every edge really there


def _case(qid, seed, name):
    return next(c for c in ref.QUESTIONS[qid].cases(seed) if c.name == name)


def _half_somewhere(reach, rates) -> bool:
    previous = reach
    for rate in rates:
        exact = previous * Fraction(str(float(rate)))
        if exact - math.floor(exact) == Fraction(1, 2):
            return True
        previous = math.floor(exact + Fraction(1, 2))
    return False


@pytest.mark.parametrize("seed", MANY)
def test_stage_count_edges_have_their_property(seed):
    reach, rates = _case("ch03_q1", seed, "a rate of zero").args
    counts = ref.ref_stage_counts(reach, rates)
    first_zero = int(np.flatnonzero(rates.to_numpy() == 0)[0])
    assert (counts.iloc[first_zero:] == 0).all() and counts.iloc[first_zero - 1] > 0
    reach, rates = _case("ch03_q1", seed, "a rate of one").args
    assert (rates == 1.0).any()
    reach, rates = _case("ch03_q1", seed, "a half person is rounded up").args
    assert reach % 2 == 1 and rates.iloc[0] == 0.5
    assert ref.ref_stage_counts(reach, rates).iloc[0] == (reach + 1) // 2
    reach, rates = _case("ch03_q1", seed, "rounding stage by stage").args
    assert ref._rounds_differently(reach, rates)
    assert _case("ch03_q1", seed, "a reach of zero").args[0] == 0
    assert _case("ch03_q1", seed, "AISAS stages").args[1].index.tolist() == list(sims.AISAS)
    assert len(_case("ch03_q1", seed, "one stage only").args[1]) == 1
    # no generated product lands on a half that a float cannot hold exactly
    for case in ref.QUESTIONS["ch03_q1"].cases(seed):
        assert not ref._risky(*case.args), case.name


@pytest.mark.parametrize("seed", MANY)
def test_event_log_edges_have_their_property(seed):
    log = _case("ch03_q2", seed, "viewed again after buying").args[0]
    stages = ref.ref_furthest_stage(log)
    last = log.sort_values("timestamp").groupby("user_id")["event"].last()
    assert ((stages == "purchase") & (last.loc[stages.index] == "view")).any()
    log = _case("ch03_q2", seed, "a purchase with no view logged").args[0]
    viewed = set(log.loc[log["event"] == "view", "user_id"])
    stages = ref.ref_furthest_stage(log)
    assert any(u not in viewed and s in ("purchase", "share") for u, s in stages.items())
    log = _case("ch03_q2", seed, "events outside the funnel").args[0]
    assert (log["event"] == "login").any()
    assert set(log["user_id"]) - set(ref.ref_furthest_stage(log).index)
    shuffled = _case("ch03_q2", seed, "rows in any order").args[0]
    assert not shuffled["timestamp"].is_monotonic_increasing
    assert shuffled.index.tolist() != list(range(len(shuffled)))
    assert _case("ch03_q2", seed, "empty log").args[0].empty


@pytest.mark.parametrize("seed", MANY)
def test_channel_funnel_edges_have_their_property(seed):
    log = _case("ch03_q3", seed, "users on several channels").args[0]
    funnel_only = log[log["event"].isin(sims.EVENTS)]
    assert (funnel_only.groupby("user_id")["channel"].nunique() > 1).any()
    log = _case("ch03_q3", seed, "two channels at the first moment").args[0]
    first = log.groupby("user_id")["timestamp"].transform("min") == log["timestamp"]
    assert (log[first].groupby("user_id")["channel"].nunique() > 1).any()
    log = _case("ch03_q3", seed, "a log-in before the first funnel event").args[0]
    earliest = log.sort_values("timestamp").groupby("user_id").first()
    firsts = ref.ref_first_channels(log)
    assert ((earliest["event"] == "login")
            & (earliest["channel"] != firsts.reindex(earliest.index))).any()
    log = _case("ch03_q3", seed, "a channel where nobody went past the view").args[0]
    funnel = ref.ref_channel_funnel(log)
    assert ((funnel["view"] > 0) & (funnel["click"] == 0)).any()
    log = _case("ch03_q3", seed, "a purchase with no view logged").args[0]
    did_view = log[log["event"] == "view"].groupby("user_id").size()
    assert ref.ref_channel_funnel(log)["view"].sum() > len(did_view)
    assert _case("ch03_q3", seed, "empty log").args[0].empty


@pytest.mark.parametrize("seed", MANY)
def test_bottleneck_edges_have_their_property(seed):
    def drops(counts):
        values = counts.to_numpy(dtype=float)
        return [1 - values[k] / values[k - 1] for k in range(1, len(values)) if values[k - 1] > 0]

    tie = _case("ch03_q4", seed, "a tie: the earlier stage").args[0]
    d = drops(tie)
    assert d.count(max(d)) >= 2
    emptied = _case("ch03_q4", seed, "a stage nobody reached").args[0]
    assert (emptied == 0).sum() >= 1 and emptied.iloc[0] > 0
    assert ref.ref_bottleneck(emptied) == emptied.index[int(np.argmax(emptied.to_numpy() == 0))]
    early = _case("ch03_q4", seed, "the largest drop comes early").args[0]
    assert ref.ref_bottleneck(early) != early.idxmin()
    flat = _case("ch03_q4", seed, "no loss at all").args[0]
    assert set(drops(flat)) == {0.0}
    with_reach = _case("ch03_q4", seed, "the reach as the first row").args[0]
    assert with_reach.index[0] == "reach" and ref.ref_bottleneck(with_reach) == with_reach.index[1]
    assert ref.ref_bottleneck(_case("ch03_q4", seed, "nobody at the first stage").args[0]) is None
    assert ref.ref_bottleneck(_case("ch03_q4", seed, "one stage only").args[0]) is None
    generated = _case("ch03_q4", seed, "generated funnel").args[0]
    d = drops(generated)
    assert d.count(max(d)) == 1


@pytest.mark.parametrize("seed", MANY)
def test_cost_per_action_edges_have_their_property(seed):
    counts, _ = _case("ch03_q5", seed, "a stage nobody reached").args
    assert (counts == 0).any()
    assert _case("ch03_q5", seed, "a budget of zero").args[1] == 0
    assert _case("ch03_q5", seed, "a budget with cents").args[1] % 1 != 0
    observed, _ = _case("ch03_q5", seed, "an observed funnel").args
    assert observed.index.tolist() == list(sims.EVENTS)


# ---------------------------------------------------------------- wrong answers lose points


def test_wrong_answers_lose_points(capsys):
    def truncating(reach, rates):
        counts, previous = [], reach
        for rate in rates:
            previous = int(previous * rate)
            counts.append(previous)
        return pd.Series(counts, index=rates.index)

    assert verify("ch03_q1", truncating) < 2
    assert "count of" in capsys.readouterr().out

    def once(reach, rates):
        return (reach * rates.cumprod() + 0.5).apply(math.floor)

    assert verify("ch03_q1", once, quiet=True) < 2

    def last_in_time(events):
        kept = events[events["event"].isin(sims.EVENTS)].sort_values("timestamp")
        return kept.groupby("user_id")["event"].last()

    assert verify("ch03_q2", last_in_time, quiet=True) < 3

    def keeps_log_ins(events):
        order = [*sims.EVENTS, "login"]
        rank = events["event"].map({e: k for k, e in enumerate(order)})
        best = rank.groupby(events["user_id"]).max()
        return best.map(dict(enumerate(order)))

    assert verify("ch03_q2", keeps_log_ins, quiet=True) < 3

    def did_the_event(events):
        first = sims.first_channel(events)
        kept = events[events["event"].isin(sims.EVENTS)]
        table = pd.crosstab(kept["user_id"].map(first), kept["event"],
                            values=kept["user_id"], aggfunc="nunique").fillna(0)
        return table.reindex(columns=list(sims.EVENTS), fill_value=0).astype(int)

    assert verify("ch03_q3", did_the_event, quiet=True) < 3

    def last_touch(events):
        kept = events[events["event"].isin(sims.EVENTS)]
        channel = kept.sort_values("timestamp").groupby("user_id")["channel"].last()
        stage = sims.furthest_stage(events).map({e: k for k, e in enumerate(sims.EVENTS)})
        table = pd.DataFrame({e: (stage >= k).groupby(channel).sum()
                              for k, e in enumerate(sims.EVENTS)})
        table.index.name = "channel"
        return table

    assert verify("ch03_q3", last_touch, quiet=True) < 3

    def smallest_count(counts):
        return None if len(counts) < 2 or counts.iloc[0] == 0 else str(counts.iloc[1:].idxmin())

    assert verify("ch03_q4", smallest_count, quiet=True) < 2

    def later_of_a_tie(counts):
        previous = counts.shift(1)
        drops = (1 - counts / previous).where(previous > 0).dropna()
        return None if drops.empty else str(drops[::-1].idxmax())

    assert verify("ch03_q4", later_of_a_tie, quiet=True) < 2

    def infinite(counts, budget):
        return budget / counts.astype(float)

    # inf reaches the grader as inf, not as NaN: the hidden cases catch it, as the public
    # check does
    assert verify("ch03_q5", infinite, quiet=True) < 2
    from course.check import ch03

    assert "inf" in ch03.q5.assert_check_failed(infinite)

    def per_stage_share(counts, budget):
        return budget / len(counts) / counts.where(counts > 0)

    assert verify("ch03_q5", per_stage_share, quiet=True) < 2

    wrong_quiz = dict(ref.QUIZ_KEY, **{"7": "a"})
    assert verify("ch03_q6", wrong_quiz, quiet=True) < 4
