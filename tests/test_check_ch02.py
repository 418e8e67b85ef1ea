"""The chapter 2 self-checks prove themselves: right answers pass, wrong ones fail usefully."""

from __future__ import annotations

import pandas as pd
import pytest

import course
from autograder.reference import ch02 as ref
from course import i18n
from course.check import ch02
from course.sims import stp

QUESTIONS = (ch02.q1, ch02.q2, ch02.q3, ch02.q4, ch02.q5)


@pytest.fixture(autouse=True)
def english(monkeypatch):
    monkeypatch.setattr(i18n, "_language", i18n._language)
    course.set_language("en")


def _local(func):
    def answer(*args, **kwargs):
        return func(*args, **kwargs)
    return answer


# ---------------------------------------------------------------- student-style answers


def student_standardize(features):
    std = features.std(ddof=0).replace(0, 1)
    return (features - features.mean()) / std


def student_nearest(features, centroids):
    d = pd.DataFrame({c: ((features[centroids.columns] - centroids.loc[c]) ** 2).sum(axis=1)
                      ** 0.5 for c in centroids.index})
    return d.idxmin(axis=1)


def student_profile(features, labels):
    g = features.groupby(labels)
    out = g.mean()
    out.insert(0, "share", g.size() / len(features))
    out.insert(0, "customers", g.size())
    return out


def student_attractiveness(ratings, weights):
    w = pd.Series(weights, dtype=float)
    score = (ratings[w.index] * w).sum(axis=1) / w.sum()
    rank = score.round(9).rank(method="min", ascending=False).astype(int)
    return pd.DataFrame({"score": score, "rank": rank})


def student_competitor(positions):
    rows = {}
    for b in positions.index:
        d = (((positions - positions.loc[b]) ** 2).sum(axis=1) ** 0.5).drop(b)
        best = d.min()
        rows[b] = {"nearest": ", ".join(sorted(d.index[d <= best + 1e-9])), "distance": best}
    return pd.DataFrame.from_dict(rows, orient="index")


@pytest.mark.parametrize("question, answer", [
    (ch02.q1, student_standardize), (ch02.q2, student_nearest), (ch02.q3, student_profile),
    (ch02.q4, student_attractiveness), (ch02.q5, student_competitor),
    (ch02.q1, _local(stp.standardize)), (ch02.q2, _local(stp.nearest_centroid)),
    (ch02.q3, _local(stp.segment_profile)), (ch02.q4, _local(stp.attractiveness)),
    (ch02.q5, _local(stp.nearest_competitor)),
])
def test_student_style_and_model_answers_pass(question, answer):
    question.assert_check_passed(answer)


def test_the_autograder_reference_agrees_with_the_public_cases():
    for question in QUESTIONS:
        question.assert_check_passed(_local(ref.QUESTIONS[question.qid].reference))


def test_ids_and_names_match_the_reference():
    for question in (*QUESTIONS, ch02.q6, ch02.q7):
        assert ref.QUESTIONS[question.qid].name == question.name


# ---------------------------------------------------------------- named wrong answers


def wrong_ddof1(features):
    return (features - features.mean()) / features.std()


def wrong_nan_constant(features):
    return (features - features.mean()) / features.std(ddof=0)


def wrong_alphabetical(features, centroids):
    return student_nearest(features, centroids.sort_index())


def wrong_position_labels(features, centroids):
    return student_nearest(features, centroids).map(
        {c: i for i, c in enumerate(centroids.index)})


def wrong_positional(features, labels):
    return student_profile(features, pd.Series(labels.to_numpy(), index=features.index))


def wrong_no_share(features, labels):
    return student_profile(features, labels).drop(columns="share")


def wrong_first_rank(ratings, weights):
    out = student_attractiveness(ratings, weights)
    return out.assign(rank=out["score"].rank(method="first", ascending=False).astype(int))


def wrong_no_rounding(ratings, weights):
    out = student_attractiveness(ratings, weights)
    return out.assign(rank=out["score"].rank(method="min", ascending=False).astype(int))


def wrong_sum_not_mean(ratings, weights):
    w = pd.Series(weights, dtype=float)
    score = (ratings[w.index] * w).sum(axis=1)
    return pd.DataFrame({"score": score,
                         "rank": score.rank(method="min", ascending=False).astype(int)})


def wrong_self_included(positions):
    rows = {}
    for b in positions.index:
        d = ((positions - positions.loc[b]) ** 2).sum(axis=1) ** 0.5
        rows[b] = {"nearest": d.idxmin(), "distance": d.min()}
    return pd.DataFrame.from_dict(rows, orient="index")


def wrong_one_name(positions):
    out = student_competitor(positions)
    return out.assign(nearest=out["nearest"].str.split(", ").str[0])


def wrong_drop_zero(positions):
    rows = {}
    for b in positions.index:
        d = ((positions - positions.loc[b]) ** 2).sum(axis=1) ** 0.5
        d = d[d > 0]
        best = d.min()
        rows[b] = {"nearest": ", ".join(sorted(d.index[d <= best + 1e-9])), "distance": best}
    return pd.DataFrame.from_dict(rows, orient="index")


@pytest.mark.parametrize("question, answer, words", [
    (ch02.q1, wrong_ddof1, "public case 1"),
    (ch02.q1, wrong_nan_constant, "public case 2"),
    (ch02.q2, wrong_alphabetical, "public case 2"),
    (ch02.q2, wrong_position_labels, "public case 1"),
    (ch02.q3, wrong_positional, "public case 2"),
    (ch02.q3, wrong_no_share, "share"),
    (ch02.q4, wrong_first_rank, "rank"),
    (ch02.q4, wrong_no_rounding, "public case 2"),
    (ch02.q4, wrong_sum_not_mean, "score"),
    (ch02.q5, wrong_self_included, "nearest"),
    (ch02.q5, wrong_one_name, "'Juno, Lumi'"),
    (ch02.q5, wrong_drop_zero, "public case 2"),
])
def test_wrong_answers_fail_with_a_useful_message(question, answer, words):
    message = question.assert_check_failed(answer)
    assert words in message, message


def test_first_hint_after_a_failure_is_about_the_failed_case(capsys):
    ch02.q1._hints_shown = 0
    assert ch02.q1.check(wrong_nan_constant) is False
    capsys.readouterr()
    ch02.q1.hint()
    out = capsys.readouterr().out
    assert "public case 2" in out and "0.0" in out


def test_messages_and_hints_in_chinese(capsys):
    course.set_language("zh")
    assert ch02.q4.check(wrong_first_rank) is False
    out = capsys.readouterr().out
    assert "还不对" in out and "并列同名次" in out
    ch02.q4._hints_shown = 0
    ch02.q4.hint()
    assert "针对公开测试 1" in capsys.readouterr().out
    assert ch02.q5.check(student_competitor) is True
    assert capsys.readouterr().out.strip() == "回答正确！"


def test_every_hint_and_label_is_bilingual_and_free_of_solutions():
    for question in (*QUESTIONS, ch02.q6, ch02.q7):
        for hint in question.hints:
            assert hint["en"].strip() and hint["zh"].strip()
            assert f"def {question.name}" not in hint["en"]
        for case in getattr(question, "cases", []):
            assert case.label["en"] and case.label["zh"] and case.hint["zh"]
    for item, hint in ch02.q6.item_hints.items():
        assert hint["en"] and hint["zh"], item


def test_quiz_and_numbers_check_the_form_only(capsys):
    assert set(ch02.q6.keys) == set(ref.QUIZ_KEY)
    wrong = {k: "a" for k in ref.QUIZ_KEY}
    assert ch02.q6.check(wrong) is True and ch02.q6.check(dict(ref.QUIZ_KEY)) is True
    assert "no answer yet" in ch02.q6.assert_check_failed({"1": "a"})
    assert set(ch02.q7.keys) == set(ref.ref_my_numbers("s001"))
    ch02.q7.assert_check_passed(ref.ref_my_numbers("s001"))
    assert "between 0 and 1" in ch02.q7.assert_check_failed(
        {"largest_segment": 3, "largest_share": 30, "top_segment_customers": 2})
