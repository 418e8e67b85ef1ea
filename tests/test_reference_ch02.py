"""Chapter 2 reference answers, hidden cases and lecture models agree, and can fail."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

from autograder.hidden import DEFAULT_SEED, verify
from autograder.reference import ch02 as ref
from course.sims import stp

PAIRS = [("ch02_q1", stp.standardize), ("ch02_q2", stp.nearest_centroid),
         ("ch02_q3", stp.segment_profile), ("ch02_q4", stp.attractiveness),
         ("ch02_q5", stp.nearest_competitor)]
SEEDS = [*range(15), *(f"s{i:03d}" for i in range(15)), "学生_01", "李雷 Li Lei", ""]


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
    q = ref.QUESTIONS[qid]
    for seed in SEEDS[:8]:
        for case in q.cases(seed):
            ok, msg = q.compare(q.reference(*case.args, **case.kwargs),
                                model(*case.args, **case.kwargs))
            assert ok, (seed, case.name, msg)


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
    assert verify("ch02_q7", mine, seed="s001", quiet=True) == 2
    assert verify("ch02_q7", theirs, seed="s001", quiet=True) < 2


def test_numbers_by_the_lecture_model():
    from course.synthetic.stp import STP_WEIGHTS, stp_data_for_student

    f, c, r = stp_data_for_student("s007")
    labels = stp.nearest_centroid(stp.standardize(f), c)
    scores = stp.attractiveness(r, STP_WEIGHTS)
    top = scores.index[0]
    assert ref.ref_my_numbers("s007") == {
        "largest_segment": int(labels.value_counts().max()),
        "largest_share": pytest.approx(labels.value_counts().max() / len(f)),
        "top_segment_customers": int((labels == top).sum())}


def _ddof1(features):
    return (features - features.mean()) / features.std()


def _first_rank(ratings, weights):
    w = pd.Series(weights, dtype=float)
    score = (ratings[w.index] * w).sum(axis=1) / w.sum()
    return pd.DataFrame({"score": score,
                         "rank": score.rank(method="first", ascending=False).astype(int)})


def _alphabetical_tie(features, centroids):
    d = pd.DataFrame({c: ((features[centroids.columns] - centroids.loc[c]) ** 2).sum(axis=1)
                      for c in sorted(centroids.index)})
    return d.idxmin(axis=1)


def _one_competitor(positions):
    out = ref.ref_nearest_competitor(positions)
    return out.assign(nearest=out["nearest"].str.split(", ").str[0])


def _positional_labels(features, labels):
    return ref.ref_segment_profile(features, pd.Series(labels.to_numpy(), index=features.index))


@pytest.mark.parametrize("qid, wrong, must_fail", [
    ("ch02_q1", _ddof1, {"a constant column", "whole numbers", "one customer"}),
    ("ch02_q2", _alphabetical_tie, {"a customer equally near two centroids"}),
    ("ch02_q3", _positional_labels, {"labels in another row order"}),
    ("ch02_q4", _first_rank, {"a tie for first place", "a tie hidden by floating point"}),
    ("ch02_q5", _one_competitor, {"an exact tie", "brands in another order"}),
])
def test_named_wrong_answers_fail_their_edge_cases(qid, wrong, must_fail):
    q = ref.QUESTIONS[qid]
    for seed in SEEDS[:10]:
        failed = set()
        for case in q.cases(seed):
            try:
                ok, _ = q.compare(q.reference(*case.args, **case.kwargs),
                                  wrong(*case.args, **case.kwargs))
            except Exception:  # noqa: BLE001 - a crash is a failure too
                ok = False
            if not ok:
                failed.add(case.name)
        assert must_fail <= failed, (seed, must_fail - failed)
        assert len(failed) < len(q.cases(seed)) or qid == "ch02_q1", (seed, failed)
    assert verify(qid, wrong, quiet=True) < q.points


def _exact_scores(case):
    ratings, weights = case.args
    w = {k: Fraction(str(v)) for k, v in weights.items()}
    return [sum(Fraction(str(row[c])) * wc for c, wc in w.items()) / sum(w.values())
            for _, row in ratings.iterrows()]


def _tied_on_a_perpendicular(case):
    pts, cents = case.args
    d = np.sqrt(((pts.to_numpy()[:, None, :] - cents.to_numpy()[None]) ** 2).sum(axis=2))
    return any(abs(row[0] - row[1]) == 0 and row[0] < row[2] for row in d)


EDGE_CHECKS = {
    "ch02_q1": {
        "a constant column": lambda c: (c.args[0].nunique() == 1).any(),
        "one customer": lambda c: len(c.args[0]) == 1,
        "negative values": lambda c: (c.args[0] < 0).any().any(),
        "whole numbers": lambda c: all(pd.api.types.is_integer_dtype(t)
                                       for t in c.args[0].dtypes),
        "rows not numbered 0, 1, 2, ...": lambda c: not c.args[0].index.equals(
            pd.RangeIndex(len(c.args[0]))),
    },
    "ch02_q2": {
        "a customer equally near two centroids": _tied_on_a_perpendicular,
        "centroids not in label order": lambda c: list(c.args[1].index) != sorted(
            c.args[1].index),
        "features with an extra column": lambda c: set(c.args[0].columns) > set(
            c.args[1].columns),
        "a customer on a centroid": lambda c: any(
            (c.args[0][c.args[1].columns] == row).all(axis=1).any()
            for _, row in c.args[1].iterrows()),
        "one centroid": lambda c: len(c.args[1]) == 1,
    },
    "ch02_q3": {
        "a segment of one customer": lambda c: (c.args[1].value_counts() == 1).any(),
        "labels in another row order": lambda c: not c.args[1].index.equals(c.args[0].index)
        and set(c.args[1].index) == set(c.args[0].index),
        "numbered segments": lambda c: pd.api.types.is_integer_dtype(c.args[1]),
        "one segment": lambda c: c.args[1].nunique() == 1,
    },
    "ch02_q4": {
        "a tie for first place": lambda c: sorted(_exact_scores(c))[-1] == sorted(
            _exact_scores(c))[-2],
        "a tie hidden by floating point": lambda c: (
            _exact_scores(c)[0] == _exact_scores(c)[1]
            and (c.args[0].iloc[:2][list(c.args[1])] * pd.Series(c.args[1])).sum(axis=1)
            .nunique() == 2),
        "a zero weight": lambda c: 0 in c.args[1].values(),
        "weights that sum to 1": lambda c: sum(c.args[1].values()) == pytest.approx(1),
        "a column not in the weights": lambda c: set(c.args[0].columns) > set(c.args[1]),
        "one segment": lambda c: len(c.args[0]) == 1,
    },
    "ch02_q5": {
        "an exact tie": lambda c: ref.ref_nearest_competitor(c.args[0])["nearest"]
        .str.contains(",").any(),
        "two brands at the same position": lambda c: c.args[0].duplicated().any(),
        "only two brands": lambda c: len(c.args[0]) == 2,
        "three attributes": lambda c: c.args[0].shape[1] == 3,
        "brands in another order": lambda c: ref.ref_nearest_competitor(c.args[0])["nearest"]
        .str.contains(",").any(),
    },
}


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


def test_tie_goes_to_the_centroid_listed_first_not_the_alphabetical_one():
    case = {c.name: c for c in ref.QUESTIONS["ch02_q2"].cases("s003")}[
        "a customer equally near two centroids"]
    got = ref.ref_nearest_centroid(*case.args)
    assert got[["T1", "T2"]].tolist() == ["zeta", "zeta"]


def test_cases_have_stable_names_and_descriptions():
    for qid, question in ref.QUESTIONS.items():
        names = [c.name for c in question.cases("s001")]
        assert len(set(names)) == len(names), qid
        assert names == [c.name for c in question.cases("s002")], qid
        for case in question.cases("s001"):
            assert case.description and len(case.description) < 100, (qid, case.name)


def test_hidden_inputs_differ_by_student_and_repeat_for_one():
    for qid in ("ch02_q1", "ch02_q4", "ch02_q5"):
        cases = ref.QUESTIONS[qid].cases
        first, again, other = cases("s001")[0], cases("s001")[0], cases("s002")[0]
        assert first.args[0].equals(again.args[0])
        assert not first.args[0].equals(other.args[0])


def test_quiz_items_are_described_and_the_demo_answers_are_wrong_enough():
    assert set(ref.QUIZ_ITEMS) == set(ref.QUIZ_KEY) and len(ref.QUIZ_KEY) >= 6
    assert set(ref.QUIZ_KEY.values()) <= {"a", "b", "c"}
    assert set(ref.DEMO) == {"partly", "wrong"}
    graded = {f"{q}_answer" for q in ref.QUESTIONS}
    assert set(ref.DEMO["wrong"]) == graded
    assert set(ref.DEMO["partly"]) < graded


@pytest.mark.slow
def test_the_demo_class_earns_what_the_instructor_notes_say():
    """docs/instructor/*/ch02.md: four quiz items wrong, 10.86 of 17 for the partly right one."""
    from autograder import chapterdemo

    wrong_items = {k for k, v in ref.QUIZ_KEY.items()
                   if f'"{k}": "{v}"' not in ref.DEMO["partly"]["ch02_q6_answer"]}
    assert wrong_items == {"4", "5", "7", "8"}
    got = {kind: sum(chapterdemo.expected_points("ch02", sid, kind).values())
           for sid, kind in chapterdemo.KINDS.items()}
    assert got["partly"] == pytest.approx(10.86, abs=0.005)
    assert got["wrong"] == pytest.approx(0.0, abs=0.5)
