"""The chapter 4 self-checks prove themselves: right answers pass, wrong ones fail usefully."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import course
from course import i18n
from course.check import ch04
from course.sims import needs as sims

LEVELS = ["physiological", "safety", "belonging", "esteem", "self_actualisation"]
OUTCOMES = [*LEVELS, "all_met", "unknown"]


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """Run every test in English and restore the language afterwards."""
    monkeypatch.setattr(i18n, "_language", i18n._language)
    course.set_language("en")


# --------------------------------------------------------------- student-style answers


def student_dominant(strict=False, blanks="stop", lowest=False, positional=False):
    """dominant_need as a student might write it, with one switchable mistake."""

    def dominant_need(survey, threshold=5):
        scores = survey.iloc[:, 2:7] if positional else survey[LEVELS]
        scores = scores.set_axis(LEVELS, axis=1)
        if blanks == "met":
            scores = scores.fillna(7)
        unmet = scores.le(threshold) if strict else scores.lt(threshold)
        blank = scores.isna()
        stop = unmet | blank
        if lowest:
            first = scores.where(unmet, 99).idxmin(axis=1).where(unmet.any(axis=1), "all_met")
        else:
            first = stop.idxmax(axis=1).where(stop.any(axis=1), "all_met")
        first_blank = (stop & (stop.cumsum(axis=1) == 1) & blank).any(axis=1)
        if blanks == "stop":
            first = first.where(~first_blank, "unknown")
        elif blanks == "any":
            first = first.where(~blank.any(axis=1), "unknown")
        return pd.Series(first.to_numpy(), index=survey["respondent_id"])

    return dominant_need


def student_distribution(reindex=True, drop_unknown=False, counts=False):
    def need_distribution(survey, threshold=5):
        dominant = sims.dominant_need(survey, threshold)
        segments = survey["segment"].to_numpy()
        if drop_unknown:
            keep = (dominant != "unknown").to_numpy()
            dominant, segments = dominant[keep], segments[keep]
        table = pd.crosstab(segments, dominant.to_numpy(),
                            normalize=False if counts else "index")
        if reindex:
            table = table.reindex(columns=OUTCOMES, fill_value=0.0)
        table.index.name = "segment"
        return table

    return need_distribution


def student_reach(over_known=False, as_column=False):
    def appeal_reach(survey, appeals, threshold=5):
        dominant = sims.dominant_need(survey, threshold)
        counts = dominant.value_counts()
        n = int((dominant != "unknown").sum()) if over_known else len(dominant)
        rows = [(name, level, int(counts.get(level, 0))) for name, level in appeals.items()]
        table = pd.DataFrame({"appeal": [r[0] for r in rows], "level": [r[1] for r in rows],
                              "customers": [r[2] for r in rows],
                              "share": [r[2] / n for r in rows]})
        return table if as_column else table.set_index("appeal")

    return appeal_reach


def _local(func):
    def answer(*args, **kwargs):
        return func(*args, **kwargs)
    return answer


@pytest.mark.parametrize("question, answer", [
    (ch04.q1, student_dominant()), (ch04.q1, _local(sims.dominant_need)),
    (ch04.q2, student_distribution()), (ch04.q2, _local(sims.need_distribution)),
    (ch04.q3, student_reach()), (ch04.q3, student_reach(as_column=True)),
    (ch04.q3, _local(sims.appeal_reach)),
])
def test_reference_and_student_style_answers_pass(question, answer):
    question.assert_check_passed(answer)
    question.assert_passes(answer)


def test_the_autograder_reference_agrees_with_the_public_cases():
    reference = pytest.importorskip("autograder.reference.ch04")
    for question, name in [(ch04.q1, "ref_dominant_need"), (ch04.q2, "ref_need_distribution"),
                           (ch04.q3, "ref_appeal_reach")]:
        question.assert_check_passed(getattr(reference, name))


def test_ids_names_and_cases():
    questions = [ch04.q1, ch04.q2, ch04.q3, ch04.q4, ch04.q5]
    assert [q.qid for q in questions] == [f"ch04_q{k}" for k in range(1, 6)]
    assert [q.name for q in questions] == ["dominant_need", "need_distribution",
                                           "appeal_reach", "quiz_answers", "my_numbers"]
    for question in questions[:3]:
        assert 2 <= len(question.cases) <= 3
        for case in question.cases:
            assert case.hint and case.hint["en"].strip() and case.hint["zh"].strip()


def test_public_cases_do_not_come_from_the_code_they_check():
    import inspect

    source = inspect.getsource(ch04)
    assert "from course.sims" not in source and "import course.sims" not in source
    assert "autograder" not in source


# ------------------------------------------------------------- wrong answers fail


@pytest.mark.parametrize("answer, words", [
    (student_dominant(strict=True),
     "public case 1 (prepotency; a score equal to the threshold is met): dominant need of "
     "respondent 'B': expected 'all_met', got 'physiological'"),
    (student_dominant(blanks="met"), "dominant need of respondent 'F': expected 'unknown', "
                                     "got 'belonging'"),
    (student_dominant(blanks="any"), "dominant need of respondent 'G': expected "
                                     "'physiological', got 'unknown'"),
    (student_dominant(lowest=True), "dominant need of respondent 'A': expected 'safety', "
                                    "got 'belonging'"),
    (student_dominant(positional=True), "public case 3"),
])
def test_q1_wrong_answers(answer, words):
    assert words in ch04.q1.assert_check_failed(answer)


@pytest.mark.parametrize("answer, words", [
    (student_distribution(reindex=False), "column(s) 'belonging' missing"),
    (student_distribution(drop_unknown=True), "physiological of segment 'low_income': "
                                              "expected 0.25, got 0.333333"),
    (student_distribution(counts=True), "expected 0.25, got 1"),
])
def test_q2_wrong_answers(answer, words):
    assert words in ch04.q2.assert_check_failed(answer)


def test_q3_wrong_answers():
    message = ch04.q3.assert_check_failed(student_reach(over_known=True))
    assert "share of appeal 'insurance': expected 0.4, got 0.5" in message
    assert "expected a pandas DataFrame" in ch04.q3.assert_check_failed(
        lambda survey, appeals, threshold=5: [1, 2])


def test_messages_in_chinese(capsys):
    course.set_language("zh")
    assert ch04.q1.check(student_dominant(blanks="met")) is False
    out = capsys.readouterr().out
    assert "还不对：公开测试 2（有漏答）：受访者 'F' 的 主导需求：应为 'unknown'" in out
    ch04.q1._hints_shown = 0
    ch04.q1.hint()
    assert capsys.readouterr().out.startswith("针对公开测试 2（有漏答）的提示：")
    assert ch04.q3.check(student_reach()) is True
    assert capsys.readouterr().out.strip() == "回答正确！"


def test_first_hint_is_about_the_failing_case(capsys):
    ch04.q2._hints_shown = 0
    assert ch04.q2.check(student_distribution(drop_unknown=True)) is False
    capsys.readouterr()
    ch04.q2.hint()
    first = capsys.readouterr().out
    assert first.startswith("Hint for public case 1 (") and "denominator" in first
    ch04.q2.hint()
    assert capsys.readouterr().out.startswith("Hint 1/3: ")


def test_every_hint_is_bilingual_and_free_of_solutions():
    for question in (ch04.q1, ch04.q2, ch04.q3, ch04.q4, ch04.q5):
        for hint in question.hints:
            assert hint["en"].strip() and hint["zh"].strip()
            assert f"def {question.name}" not in hint["en"] and "\n" not in hint["en"]


# ------------------------------------------------------------- quiz and numbers

EIGHT = {str(k): "a" for k in range(1, 9)}


@pytest.mark.parametrize("answers, words", [
    ({"1": "a"}, "no answer yet for question(s) 2, 3, 4, 5, 6, 7, 8"),
    ({**EIGHT, "8": "d"}, "question 8: 'd' is not one of"),
    ({**EIGHT, "9": "a"}, "unexpected key(s) '9'"),
    ("abc", "should be a dict"),
])
def test_quiz_format_errors(answers, words):
    assert words in ch04.q4.assert_check_failed(answers)


def test_quiz_check_reveals_nothing_and_hints_fit_the_items(capsys):
    reference = pytest.importorskip("autograder.reference.ch04")
    wrong = {k: "a" if v != "a" else "b" for k, v in reference.QUIZ_KEY.items()}
    ch04.q4.assert_check_passed(wrong)
    assert set(ch04.q4.item_hints) == set(reference.QUIZ_KEY)
    ch04.q4.check({**EIGHT, "6": ""})
    capsys.readouterr()
    ch04.q4.hint()
    assert capsys.readouterr().out.startswith("Question 6: ")


def test_quiz_items_in_the_notebook_match_the_hints():
    import nbformat

    from autograder.coursedir import SOLUTIONS_DIR

    nb = nbformat.read(SOLUTIONS_DIR / "ch04" / "ch04.ipynb", as_version=4)
    text = next(c.source for c in nb.cells
                if c.metadata.get("nbgrader", {}).get("grade_id") == "ch04_q4_text")
    items = {line.split(".")[0] for line in text.splitlines() if line[:1].isdigit()}
    assert items == set(ch04.q4.keys)


RIGHT_FORM = {"respondents": 180, "unknown": 12, "alarm_share": 0.2, "club_share": 0.1,
              "masterclass_share": 0.05}


@pytest.mark.parametrize("answer, words", [
    ({**RIGHT_FORM, "club_share": 15.0}, "club_share is a share"),
    ({**RIGHT_FORM, "unknown": 3.5}, "unknown"),
    ({k: v for k, v in RIGHT_FORM.items() if k != "alarm_share"}, "alarm_share"),
    ({**RIGHT_FORM, "respondents": None}, "respondents"),
])
def test_numbers_form(answer, words):
    assert words in ch04.q5.assert_check_failed(answer)


def test_numbers_check_passes_the_right_form_and_points_to_the_hint(capsys):
    ch04.q5.assert_check_passed(RIGHT_FORM)
    ch04.q5.check({**RIGHT_FORM, "club_share": 15.0})
    capsys.readouterr()
    ch04.q5.hint()
    assert capsys.readouterr().out.startswith("Hint 2/2: Place each of the three appeals")


def test_a_student_computing_on_the_survey_passes_the_numbers_form():
    from course.synthetic.needs import survey_for_student

    survey = survey_for_student("s001")
    reach = sims.appeal_reach(survey, {"alarm": "safety", "club": "belonging",
                                       "masterclass": "self_actualisation"})
    answer = {"respondents": len(survey),
              "unknown": int((sims.dominant_need(survey) == "unknown").sum()),
              **{f"{k}_share": float(reach.loc[k, "share"]) for k in reach.index}}
    ch04.q5.assert_check_passed(answer)
    assert np.isclose(sum(v for k, v in answer.items() if k.endswith("share")),
                      reach["share"].sum())
