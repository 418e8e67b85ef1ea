"""Chapter 4: the reference answers, the hidden cases and the lecture's model agree and can fail."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest

from autograder.hidden import DEFAULT_SEED, verify
from autograder.reference import ch04 as ref
from course.sims import needs as sims
from course.synthetic.needs import LEVELS

PAIRS = [("ch04_q1", sims.dominant_need), ("ch04_q2", sims.need_distribution),
         ("ch04_q3", sims.appeal_reach)]


def _local(func):
    """The function as if a student had written it in the notebook."""
    def answer(*args, **kwargs):
        return func(*args, **kwargs)
    return answer


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


def test_numbers_of_another_student_fail():
    mine, theirs = ref.ref_my_numbers("s001"), ref.ref_my_numbers("s002")
    assert mine != theirs
    assert verify("ch04_q5", mine, seed="s001", quiet=True) == 3
    assert verify("ch04_q5", theirs, seed="s001", quiet=True) < 3


def test_my_numbers_agree_with_the_model():
    from course.synthetic.needs import survey_for_student

    survey = survey_for_student("s007")
    reach = sims.appeal_reach(survey, ref.MY_APPEALS)
    numbers = ref.ref_my_numbers("s007")
    assert numbers["respondents"] == len(survey)
    assert numbers["unknown"] == int((sims.dominant_need(survey) == "unknown").sum())
    for key in ref.MY_APPEALS:
        assert numbers[key] == pytest.approx(reach.loc[key, "share"])


# ---------------------------------------------------------------- known wrong answers


def strict_threshold(survey, threshold=5):
    """'Met' read as strictly above the threshold."""
    return ref.ref_dominant_need(survey, threshold + 1e-9)


def blanks_skipped(survey, threshold=5):
    """Blank answers treated as met: the reading goes on past them."""
    return ref.ref_dominant_need(survey.fillna(7.0), threshold).where(
        survey[list(LEVELS)].notna().any(axis=1).to_numpy(), "unknown")


def any_blank_unknown(survey, threshold=5):
    """Any blank anywhere makes the respondent 'unknown'."""
    out = ref.ref_dominant_need(survey, threshold)
    return out.where(~survey[list(LEVELS)].isna().any(axis=1).to_numpy(), "unknown")


def lowest_score(survey, threshold=5):
    """The level with the lowest score below the threshold instead of the lowest level."""
    out = ref.ref_dominant_need(survey, threshold)
    scores = survey[list(LEVELS)]
    for k, (_, row) in enumerate(scores.iterrows()):
        if out.iloc[k] in LEVELS:
            out.iloc[k] = row.idxmin()
    return out


def by_position(survey, threshold=5):
    """The levels read by column position (columns 2 to 6), not by name."""
    positional = survey.iloc[:, 2:7].set_axis(list(LEVELS), axis=1)
    return ref.ref_dominant_need(pd.concat([survey[["respondent_id", "segment"]], positional],
                                           axis=1), threshold)


def ignores_threshold(survey, threshold=5):
    return ref.ref_dominant_need(survey, 5)


def distribution_without_reindex(survey, threshold=5):
    table = ref.ref_need_distribution(survey, threshold)
    return table.loc[:, (table > 0).any()]


def distribution_without_unknown(survey, threshold=5):
    known = survey[ref.ref_dominant_need(survey, threshold).to_numpy() != "unknown"]
    table = ref.ref_need_distribution(known, threshold)
    return table.assign(unknown=0.0) if len(table) else table


def reach_over_known(survey, appeals, threshold=5):
    out = ref.ref_appeal_reach(survey, appeals, threshold)
    known = int((ref.ref_dominant_need(survey, threshold) != "unknown").sum())
    return out.assign(share=out["customers"] / known if known else 0.0)


def reach_ignores_threshold(survey, appeals, threshold=5):
    return ref.ref_appeal_reach(survey, appeals, 5)


def _fails(question, case, wrong) -> bool:
    expected = question.reference(*copy.deepcopy(case.args), **case.kwargs)
    ok, _ = question.compare(expected, wrong(*copy.deepcopy(case.args), **case.kwargs))
    return not ok


def _survey(case):
    return case.args[0]


def _outcomes(case):
    return set(ref.ref_dominant_need(_survey(case), case.kwargs.get("threshold", 5)))


#: For each named edge case: a check that the generated input really has its property
#: (a structure in the data, or a known wrong answer that it catches).
EDGE_CHECKS = {
    "ch04_q1": {
        "a score equal to the threshold": lambda q, c: bool(
            (_survey(c)[list(LEVELS)] == c.kwargs["threshold"]).any().any())
        and _fails(q, c, strict_threshold),
        "all five met": lambda q, c: "all_met" in _outcomes(c),
        "a blank below the first unmet level": lambda q, c: _fails(q, c, blanks_skipped),
        "a blank above the first unmet level": lambda q, c: _fails(q, c, any_blank_unknown),
        "every answer blank": lambda q, c: bool(_survey(c)[list(LEVELS)].isna().all(
            axis=1).any()),
        "the lowest score is not the dominant need": lambda q, c: _fails(q, c, lowest_score),
        "columns in another order": lambda q, c: list(_survey(c).columns[2:]) != list(LEVELS)
        and _fails(q, c, by_position),
        "another threshold": lambda q, c: c.kwargs["threshold"] != 5
        and _fails(q, c, ignores_threshold),
        "empty survey": lambda q, c: len(_survey(c)) == 0,
    },
    "ch04_q2": {
        "an outcome nobody has": lambda q, c: len(_outcomes(c)) < len(ref.OUTCOMES)
        and _fails(q, c, distribution_without_reindex),
        "blank answers count in the shares": lambda q, c: "unknown" in _outcomes(c)
        and _fails(q, c, distribution_without_unknown),
        "a segment of one respondent": lambda q, c: bool(
            (_survey(c)["segment"].value_counts() == 1).any()),
        "a single segment": lambda q, c: _survey(c)["segment"].nunique() == 1
        and len(_survey(c)) > 1,
        "another threshold": lambda q, c: c.kwargs["threshold"] != 5
        and _fails(q, c, lambda s, threshold=5: ref.ref_need_distribution(s, 5)),
        "empty survey": lambda q, c: len(_survey(c)) == 0,
    },
    "ch04_q3": {
        "two appeals on one level": lambda q, c: len(set(c.args[1].values()))
        < len(c.args[1]),
        "a level nobody has as dominant need": lambda q, c: any(
            level not in _outcomes(c) for level in c.args[1].values()),
        "blank answers count in the denominator": lambda q, c: "unknown" in _outcomes(c)
        and _fails(q, c, reach_over_known),
        "another threshold": lambda q, c: c.kwargs["threshold"] != 5
        and _fails(q, c, reach_ignores_threshold),
        "no appeals": lambda q, c: len(c.args[1]) == 0,
        "empty survey": lambda q, c: len(_survey(c)) == 0 and len(c.args[1]) > 0,
    },
}

SEEDS = [*range(12), *(f"s{i:03d}" for i in range(12)), "学生_01", "李雷 Li Lei", ""]


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


def test_hidden_inputs_differ_by_student_and_repeat_for_one():
    for qid in ("ch04_q1", "ch04_q2", "ch04_q3"):
        cases = ref.QUESTIONS[qid].cases
        assert cases("s001")[0].args[0].equals(cases("s001")[0].args[0])
        assert not cases("s001")[0].args[0].equals(cases("s002")[0].args[0])


def test_wrong_answers_lose_points(capsys):
    for wrong in (strict_threshold, blanks_skipped, any_blank_unknown, lowest_score,
                  by_position):
        assert verify("ch04_q1", wrong, quiet=True) < 3, wrong.__name__
    verify("ch04_q1", lowest_score)
    assert "dominant need of" in capsys.readouterr().out
    assert verify("ch04_q2", distribution_without_reindex, quiet=True) < 2
    assert verify("ch04_q2", distribution_without_unknown, quiet=True) < 2
    assert verify("ch04_q3", reach_over_known, quiet=True) < 2
    assert verify("ch04_q4", {"1": "b"}, quiet=True) == 0.5
    assert verify("ch04_q5", {"respondents": 1}, quiet=True) == 0


def test_the_lowest_score_rule_fails_only_where_it_differs():
    question = ref.QUESTIONS["ch04_q1"]
    failed = {c.name for c in question.cases("s001") if _fails(question, c, lowest_score)}
    assert "the lowest score is not the dominant need" in failed
    assert "empty survey" not in failed


def test_row_with_gives_each_outcome():
    rng = np.random.default_rng(3)
    for outcome in ref.OUTCOMES:
        for threshold in (4, 5, 6):
            for _ in range(20):
                assert ref._outcome(ref.row_with(outcome, rng, threshold), threshold) == outcome


def test_quiz_items_are_described_and_balanced():
    assert set(ref.QUIZ_ITEMS) == set(ref.QUIZ_KEY)
    assert len(ref.QUIZ_KEY) >= 6
    assert set(ref.QUIZ_KEY.values()) == {"a", "b", "c"}


def test_demo_answers_are_wrong_where_they_should_be():
    assert set(ref.DEMO) == {"partly", "wrong"}
    names = {f"ch04_q{k}_answer" for k in range(1, 6)}
    assert set(ref.DEMO["wrong"]) == names
    assert set(ref.DEMO["partly"]) < names
    namespace = {"pd": pd, "np": np, "dominant_need": _local(ref.ref_dominant_need)}
    exec(ref.DEMO["partly"]["ch04_q3_answer"], namespace)  # noqa: S102 - our own demo
    assert 0 < verify("ch04_q3", namespace["appeal_reach"], quiet=True) < 2
    exec(ref.DEMO["wrong"]["ch04_q1_answer"], namespace)  # noqa: S102
    assert verify("ch04_q1", namespace["dominant_need"], quiet=True) < 3
