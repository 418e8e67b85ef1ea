"""The chapter 5 self-checks prove themselves: right answers pass, wrong ones fail usefully."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import course
from course import i18n
from course.check import ch05
from course.check._core import Case, FunctionQuestion, QuizQuestion
from course.sims import identification as ident


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """Run every test in English and restore the language afterwards."""
    monkeypatch.setattr(i18n, "_language", i18n._language)
    course.set_language("en")


# --------------------------------------------------------------- student-style answers


def student_rfm(count_lines=False, keep_returns=False, as_of_shift=1, normalize=True):
    """An RFM table written the way a student might, with one switchable mistake."""

    def rfm_table(transactions, as_of=None):
        tx = transactions
        if not keep_returns:
            tx = tx[(tx["quantity"] > 0) & (tx["amount"] > 0)]
        dates = tx["date"].dt.normalize() if normalize else tx["date"]
        if as_of is None:
            end = dates.max().normalize() + pd.Timedelta(days=as_of_shift)
        else:
            end = pd.Timestamp(as_of)
        g = tx.assign(date=dates).groupby("customer_id")
        return pd.DataFrame({
            "recency": (end - g["date"].max()).dt.days,
            "frequency": g["order_id"].size() if count_lines else g["order_id"].nunique(),
            "monetary": g["amount"].sum(),
        })

    return rfm_table


def student_scores(method="min", reverse_recency=False, plus_one=True, qcut=False):
    """RFM scores with one switchable mistake."""

    def score(values, bins, higher_is_better):
        if qcut:
            ranks = values.rank(method="first")
            cut = pd.qcut(ranks, bins, labels=False) + 1
            return cut if higher_is_better else bins + 1 - cut
        ranked = values if higher_is_better else -values
        worse = ranked.rank(method=method) - 1
        return (plus_one + np.floor(bins * worse / len(values))).astype(int)

    def rfm_scores(rfm, bins=5):
        return pd.DataFrame({
            "r_score": score(rfm["recency"], bins, reverse_recency),
            "f_score": score(rfm["frequency"], bins, True),
            "m_score": score(rfm["monetary"], bins, True),
        })

    return rfm_scores


def student_abc(include_crossing=True, split_ties=False, sort_output=False):
    """ABC classes with one switchable mistake (``split_ties``: the old rule, ties by id)."""

    def abc_classes(values, a_cut=0.8, b_cut=0.95):
        frame = pd.DataFrame({"v": values, "id": values.index})
        frame = frame.sort_values(["v", "id"], ascending=[False, True])
        positive = frame["v"].clip(lower=0)
        after = positive.cumsum() / positive.sum()
        before = after - positive / positive.sum()
        if not split_ties:  # equal values: the share above the first of them, for all
            before = before.groupby(frame["v"]).transform("min")
            after = after.groupby(frame["v"]).transform("max")
        reached = before if include_crossing else after
        eps = 1e-12 if include_crossing else -1e-12
        labels = np.where((frame["v"] > 0) & (reached < a_cut - eps), "A",
                          np.where((frame["v"] > 0) & (reached < b_cut - eps), "B", "C"))
        out = pd.Series(labels, index=frame.index)
        return out if sort_output else out.loc[values.index]

    return abc_classes


def student_man(strict_budget=False, keep_range_index=False):
    """MAN grades with one switchable mistake."""

    def man_qualify(leads, min_budget):
        money = leads["budget"] > min_budget if strict_budget else leads["budget"] >= min_budget
        met = money.astype(int) + leads["has_authority"] + leads["has_need"]
        grades = met.map({3: "qualified", 2: "develop", 1: "nurture", 0: "drop"})
        if keep_range_index:
            return grades
        return pd.Series(grades.to_numpy(), index=leads["lead_id"])

    return man_qualify


# ------------------------------------------------------------- right answers pass


@pytest.mark.parametrize("question, answer", [
    (ch05.q1, ident.rfm_table),
    (ch05.q2, ident.rfm_scores),
    (ch05.q3, ident.abc_classes),
    (ch05.q4, ident.man_qualify),
    (ch05.q1, student_rfm()),
    (ch05.q2, student_scores()),
    (ch05.q3, student_abc()),
    (ch05.q4, student_man()),
])
def test_reference_and_student_style_answers_pass(question, answer):
    question.assert_check_passed(answer)
    question.assert_passes(answer)


def test_the_autograder_reference_agrees_with_the_public_cases():
    reference = pytest.importorskip("autograder.reference.ch05")
    for question, name in [(ch05.q1, "ref_rfm_table"), (ch05.q2, "ref_rfm_scores"),
                           (ch05.q3, "ref_abc_classes"), (ch05.q4, "ref_man_qualify")]:
        if hasattr(reference, name):
            question.assert_check_passed(getattr(reference, name))


def test_ids_names_and_case_counts():
    for k, question in enumerate([ch05.q1, ch05.q2, ch05.q3, ch05.q4, ch05.q5, ch05.q6],
                                 start=1):
        assert question.qid == f"ch05_q{k}"
        assert question.ref == f"ch05.q{k}"
        expected = 1 + len(question.keys) if question is ch05.q5 else range(2, 4)
        assert len(question.hints) in (expected if isinstance(expected, range) else [expected])
    assert [q.name for q in (ch05.q1, ch05.q2, ch05.q3, ch05.q4, ch05.q5, ch05.q6)] == [
        "rfm_table", "rfm_scores", "abc_classes", "man_qualify", "quiz_answers", "my_numbers"]
    for question in (ch05.q1, ch05.q2, ch05.q3, ch05.q4):
        assert 2 <= len(question.cases) <= 3


def test_public_cases_do_not_come_from_the_code_they_check():
    import inspect

    source = inspect.getsource(ch05)
    assert "import course.sims" not in source and "from course.sims" not in source
    assert "autograder" not in source


# ------------------------------------------------------------- wrong answers fail


@pytest.mark.parametrize("answer, words", [
    (student_rfm(count_lines=True),
     "public case 1 (several lines in one order): frequency of customer 'a': expected 2, got 3"),
    (student_rfm(keep_returns=True), "unexpected customer 'c' in the result"),
    (student_rfm(as_of_shift=0), "recency of customer 'a': expected 3, got 2"),
    (student_rfm(as_of_shift=2), "recency of customer 'a': expected 3, got 4"),
    (student_rfm(normalize=False), "public case 3"),
])
def test_q1_wrong_answers(answer, words):
    message = ch05.q1.assert_check_failed(answer)
    assert words in message


def test_q1_messages_name_the_column_and_the_customer():
    def no_monetary(transactions, as_of=None):
        return ident.rfm_table(transactions, as_of)[["recency", "frequency"]]

    message = ch05.q1.assert_check_failed(no_monetary)
    assert "'monetary' missing" in message and "'recency', 'frequency'" in message

    def not_normalised(transactions, as_of=None):
        return student_rfm(normalize=False)(transactions, as_of)

    assert "recency of customer 'x': expected 2, got 1" in ch05.q1.assert_check_failed(
        not_normalised)


def test_q1_recency_as_timedelta_is_named():
    def timedeltas(transactions, as_of=None):
        table = ident.rfm_table(transactions, as_of)
        return table.assign(recency=pd.to_timedelta(table["recency"], unit="D"))

    message = ch05.q1.assert_check_failed(timedeltas)
    assert "recency of customer 'a': expected 2, got Timedelta('2 days" in message


def test_q1_accepts_ids_as_a_column_floats_and_any_row_order():
    def relaxed(transactions, as_of=None):
        table = ident.rfm_table(transactions, as_of).astype(float)
        return table.iloc[::-1].reset_index()

    ch05.q1.assert_check_passed(relaxed)


def test_q1_message_stays_short_for_a_wrong_big_result():
    def huge(transactions, as_of=None):
        ids = [f"cust{i}" for i in range(10_000)]
        return pd.DataFrame({"recency": 1, "frequency": 1, "monetary": 1.0},
                            index=pd.Index(ids, name="customer_id"))

    message = ch05.q1.assert_check_failed(huge)
    assert len(message) < 300
    assert "customer_id" in message


@pytest.mark.parametrize("answer, words", [
    (student_scores(method="first"), "r_score of customer 'c': expected 3, got 4"),
    (student_scores(qcut=True), "r_score of customer 'b': expected 3, got 4"),
    (student_scores(reverse_recency=True), "r_score of customer 'a': expected 5, got 1"),
    (student_scores(method="average"), "f_score of customer 'b': expected 1, got 2"),
    (student_scores(plus_one=False), "r_score of customer 'a': expected 5, got 4"),
])
def test_q2_wrong_answers(answer, words):
    assert words in ch05.q2.assert_check_failed(answer)


@pytest.mark.parametrize("answer, words", [
    (student_abc(include_crossing=False),
     "public case 1 (the customer who crosses 80% is in A): class of customer 'a': "
     "expected 'A', got 'B'"),
    (student_abc(split_ties=True),
     "public case 3 (equal values share a class; zero and negative values; a_cut=0.25, "
     "b_cut=0.9): class of customer 'x': expected 'A', got 'B'"),
])
def test_q3_wrong_answers(answer, words):
    assert words in ch05.q3.assert_check_failed(answer)


def test_q3_row_order_does_not_matter():
    ch05.q3.assert_check_passed(student_abc(sort_output=True))


def test_q3_rejects_a_list():
    message = ch05.q3.assert_check_failed(lambda values, a_cut=0.8, b_cut=0.95: ["A"])
    assert "expected a pandas Series, got list" in message


@pytest.mark.parametrize("answer, words", [
    (student_man(strict_budget=True), "grade of lead 'L2': expected 'develop', got 'nurture'"),
    (student_man(keep_range_index=True), "should be indexed by lead_id"),
])
def test_q4_wrong_answers(answer, words):
    assert words in ch05.q4.assert_check_failed(answer)


# ------------------------------------------------------------- check() itself


def test_check_prints_and_returns(capsys):
    assert ch05.q4.check(student_man()) is True
    assert capsys.readouterr().out.strip() == "Correct!"
    assert ch05.q4.check(student_man(strict_budget=True)) is False
    out = capsys.readouterr().out
    assert out.startswith("Not yet: public case 1")
    assert "Run `ch05.q4.hint()` for a hint." in out


def test_check_notes_an_imported_function(capsys):
    assert ch05.q1.check(ident.rfm_table) is True
    out = capsys.readouterr().out
    assert "Correct!" in out and "course.sims.identification" in out


def test_check_looks_the_name_up_in_the_caller(capsys):
    assert ch05.q4.check() is False
    assert "Define `man_qualify` first" in capsys.readouterr().out

    man_qualify = student_man()  # noqa: F841 - found by name through the caller's frame
    assert ch05.q4.check() is True
    with pytest.raises(AssertionError):
        ch05.q1.assert_passes()


def test_check_finds_module_globals(capsys):
    namespace = {"ch05": ch05, "abc_classes": student_abc()}
    exec("result = ch05.q3.check()", namespace)
    assert namespace["result"] is True


def test_unfinished_function(capsys):
    def rfm_table(transactions, as_of=None):
        raise NotImplementedError

    assert ch05.q1.check(rfm_table) is False
    out = capsys.readouterr().out
    assert "`rfm_table` is not finished yet (it raises NotImplementedError)." in out


def test_exception_names_the_case():
    def broken(transactions, as_of=None):
        return transactions["spend"]

    message = ch05.q1.assert_check_failed(broken)
    assert message == ("Not yet: public case 1 (several lines in one order): "
                       "`rfm_table` raised KeyError: 'spend'")


def test_none_and_not_callable():
    assert "did you forget `return`" in ch05.q2.assert_check_failed(lambda rfm, bins=5: None)
    assert "should be a function, but it is a int" in ch05.q2.assert_check_failed(3)


def test_student_cannot_spoil_the_cases_by_mutating_inputs():
    def mutating(transactions, as_of=None):
        transactions["amount"] = 0.0
        transactions["customer_id"] = "z"
        return None

    ch05.q1.assert_check_failed(mutating)
    ch05.q1.assert_check_passed(ident.rfm_table)


def test_assert_passes_raises_the_check_message():
    wrong = student_rfm(count_lines=True)
    with pytest.raises(AssertionError) as err:
        ch05.q1.assert_passes(wrong)
    assert str(err.value) == ch05.q1.assert_check_failed(wrong)


def test_assert_check_helpers_fail_when_they_should():
    with pytest.raises(AssertionError, match="expected the check to fail"):
        ch05.q4.assert_check_failed(ident.man_qualify)
    with pytest.raises(AssertionError, match="expected the check to pass"):
        ch05.q4.assert_check_passed(student_man(strict_budget=True))


def test_hints_cycle(capsys):
    question = FunctionQuestion("demo_q9", "f", [Case({"en": "x", "zh": "x"}, (1,),
                                                      expected=1)],
                                hints=[{"en": "first", "zh": "第一"},
                                       {"en": "second", "zh": "第二"}])
    for _ in range(3):
        question.hint()
    out = capsys.readouterr().out.splitlines()
    assert out == ["Hint 1/2: first", "Hint 2/2: second",
                   "That was the last hint; here they are again from the first.",
                   "Hint 1/2: first"]
    question.hint(2)
    assert capsys.readouterr().out.strip() == "Hint 2/2: second"
    with pytest.raises(ValueError):
        question.hint(3)


def test_every_hint_and_label_is_bilingual_and_free_of_solutions():
    for question in (ch05.q1, ch05.q2, ch05.q3, ch05.q4, ch05.q5, ch05.q6):
        for hint in question.hints:
            assert hint["en"].strip() and hint["zh"].strip()
            assert f"def {question.name}" not in hint["en"] and "\n" not in hint["en"]
        for case in getattr(question, "cases", []):
            assert case.label["en"] and case.label["zh"]
    with pytest.raises(ValueError, match="zh"):
        FunctionQuestion("demo_q1", "f", [Case({"en": "x", "zh": "x"}, (), expected=1)],
                         hints=[{"en": "only English"}])


def test_messages_in_chinese(capsys):
    course.set_language("zh")
    assert ch05.q1.check(student_rfm(count_lines=True)) is False
    out = capsys.readouterr().out
    assert "还不对：公开测试 1（一个订单有多行）：客户 'a' 的 frequency：应为 2，实际为 3" in out
    assert "提示" in out
    ch05.q1._hints_shown = 0
    ch05.q1.hint()  # first the hint about the failing case, then the general ones
    assert capsys.readouterr().out.startswith("针对公开测试 1（一个订单有多行）的提示：")
    ch05.q1.hint()
    assert capsys.readouterr().out.startswith("提示 1/3：")
    assert ch05.q4.check(student_man()) is True
    assert capsys.readouterr().out.strip() == "回答正确！"

    def unfinished(leads, min_budget):
        raise NotImplementedError

    ch05.q4.check(unfinished)
    assert "还没有完成" in capsys.readouterr().out
    assert "还没有作答" in ch05.q5.assert_check_failed({"1": "a"})


def test_chinese_and_english_case_labels_differ_only_in_language(capsys):
    course.set_language("zh")
    zh = ch05.q3.assert_check_failed(student_abc(include_crossing=False))
    course.set_language("en")
    en = ch05.q3.assert_check_failed(student_abc(include_crossing=False))
    assert "'A'" in zh and "'B'" in zh and zh != en


# ------------------------------------------------------------- the quiz


SEVEN = {str(k): "a" for k in range(1, 8)}


@pytest.mark.parametrize("answers, words", [
    ({"1": "a", "2": "b", "3": "c", "4": "a"}, "no answer yet for question(s) 5, 6, 7, 8"),
    ({**SEVEN, "8": ""}, "no answer yet for question(s) 8"),
    ({**SEVEN, "8": "d"}, "question 8: 'd' is not one of"),
    ({**SEVEN, "8": 2}, "question 8: 2 is not one of"),
    ({**SEVEN, "8": "b", "9": "a"}, "unexpected key(s) '9'"),
    (["a", "b", "c", "a", "b"], "should be a dict"),
    (None, "should be a dict"),
])
def test_quiz_format_errors(answers, words):
    assert words in ch05.q5.assert_check_failed(answers)


def test_quiz_check_reveals_nothing_about_correctness(capsys):
    messages = set()
    for letters in ("aaaaaaaa", "bbbbbbbb", "cccccccc", "abcabcab"):
        answers = {str(i): letter for i, letter in enumerate(letters, start=1)}
        assert ch05.q5.check(answers) is True
        messages.add(capsys.readouterr().out)
    assert len(messages) == 1
    assert "does not say whether they are right" in messages.pop()


def test_quiz_accepts_what_the_grader_accepts():
    ch05.q5.assert_check_passed({1: "A", 2: " b ", "3": "c", "4": "a", "5": "b", "6": "c",
                                 "7": "a", "8": "b"})


def test_quiz_lookup_by_name(capsys):
    quiz_answers = {**SEVEN, "8": "b"}  # noqa: F841
    assert ch05.q5.check() is True


def test_quiz_question_without_hints(capsys):
    quiz = QuizQuestion("demo_q2", "answers", keys=("1",))
    quiz.hint()
    assert capsys.readouterr().out.strip() == "No more hints for this task."


# ------------------------------------------------------------- comparisons


def test_numbers_compare_with_tolerance_and_ignore_int_float():
    question = FunctionQuestion("demo_q1", "f", [
        Case({"en": "x", "zh": "x"}, (),
             expected=pd.DataFrame({"v": [1, 2]}, index=pd.Index(["a", "b"], name="id")))],
        row_noun={"en": "item", "zh": "项"})
    question.assert_check_passed(
        lambda: pd.DataFrame({"v": [1.0 + 1e-9, 2.0]}, index=["a", "b"]))
    message = question.assert_check_failed(
        lambda: pd.DataFrame({"v": [1.0, 2.01]}, index=["a", "b"]))
    assert "v of item 'b': expected 2, got 2.01" in message
    assert "more than once" in question.assert_check_failed(
        lambda: pd.DataFrame({"v": [1, 2]}, index=["a", "a"]))
    assert "expected a pandas DataFrame" in question.assert_check_failed(
        lambda: pd.Series([1, 2], index=["a", "b"]))


def test_scalar_questions_and_nan():
    question = FunctionQuestion("demo_q1", "f",
                                [Case({"en": "x", "zh": "x"}, (), expected=math.nan)])
    question.assert_check_passed(lambda: float("nan"))
    assert "expected nan, got 1" in question.assert_check_failed(lambda: 1)


# ------------------------------------------------------------- q6: numbers about your own data


def _my_numbers(student_id: str) -> dict:
    """Task 6 done right, with the lecture's functions, on the student's own data."""
    from course.synthetic import transactions_for_student

    rfm = ident.rfm_table(transactions_for_student(student_id))
    monetary = rfm["monetary"].sort_values(ascending=False)
    top = math.ceil(0.2 * len(rfm))
    return {"customers": len(rfm),
            "top20_share": float(monetary.iloc[:top].sum() / monetary.sum()),
            "a_customers": int((ident.abc_classes(rfm["monetary"]) == "A").sum())}


RIGHT_FORM = {"customers": 120, "top20_share": 0.63, "a_customers": 40}


def test_numbers_question_checks_the_form_only(capsys):
    right = _my_numbers("s001")
    ch05.q6.assert_check_passed(right)
    ch05.q6.assert_check_passed(_my_numbers("s002"))  # another student's: right form too
    ch05.q6.assert_check_passed({**right, "customers": float(right["customers"])})
    ch05.q6.assert_check_passed({"customers": np.int64(120), "top20_share": np.float32(0.5),
                                 "a_customers": 0})
    ch05.q6.assert_check_passed({"customers": 0, "top20_share": 1, "a_customers": 0})
    # the message is the same whatever the numbers: it never says whether they are right
    messages = set()
    for answer in (right, _my_numbers("s002"), RIGHT_FORM):
        assert ch05.q6.check(answer) is True
        messages.add(capsys.readouterr().out)
    assert len(messages) == 1 and "does not say whether they are right" in messages.pop()


def test_numbers_question_lookup_by_name(capsys):
    my_numbers = dict(RIGHT_FORM)  # noqa: F841 - found by name through the caller's frame
    assert ch05.q6.check() is True
    ch05.q6.assert_passes()


@pytest.mark.parametrize("answer, en, zh", [
    ({"customers": 10, "top20_share": 0.5}, "should have exactly the keys", "的键应当正好是"),
    ({**RIGHT_FORM, "top_share": 0.5}, "should have exactly the keys", "的键应当正好是"),
    ({**RIGHT_FORM, "a_customers": "7"}, "a_customers: '7' is not a number", "还不是一个数"),
    ({**RIGHT_FORM, "top20_share": 1.5}, "top20_share is a share: between 0 and 1",
     "top20_share 是一个占比，应在 0 到 1 之间"),
    ({**RIGHT_FORM, "top20_share": 63.0}, "between 0 and 1", "在 0 到 1 之间"),
    ({**RIGHT_FORM, "top20_share": -0.1}, "between 0 and 1", "在 0 到 1 之间"),
    ({**RIGHT_FORM, "customers": True}, "customers: True is not a number", "还不是一个数"),
    ({**RIGHT_FORM, "customers": np.bool_(True)}, "is not a number", "还不是一个数"),
    ({**RIGHT_FORM, "customers": 10.5}, "a whole number", "应为 0 或正整数"),
    ({**RIGHT_FORM, "a_customers": -3}, "a whole number", "应为 0 或正整数"),
    ({**RIGHT_FORM, "top20_share": math.nan}, "is not a number", "还不是一个数"),
    ({**RIGHT_FORM, "top20_share": math.inf}, "is not a number", "还不是一个数"),
    ({"customers": None, "top20_share": None, "a_customers": None}, "is not a number",
     "还不是一个数"),
    ([10, 0.5, 3], "should be a dict", "应当是一个字典"),
    (None, "should be a dict", "应当是一个字典"),
])
def test_numbers_question_names_what_is_wrong_in_both_languages(answer, en, zh):
    message = ch05.q6.assert_check_failed(answer)
    assert message.startswith("Not yet: ") and en in message
    course.set_language("zh")
    message = ch05.q6.assert_check_failed(answer)
    assert message.startswith("还不对：") and zh in message


def test_numbers_question_speaks_chinese(capsys):
    course.set_language("zh")
    assert ch05.q6.check(RIGHT_FORM) is True
    assert "这里不检查对错" in capsys.readouterr().out
    assert ch05.q6.check({"customers": 1}) is False
    assert "ch05.q6.hint()" in capsys.readouterr().out
    ch05.q6.hint(1)
    assert capsys.readouterr().out.startswith("提示 1/3：")


# ------------------------------------------------------------- hints follow what failed


@pytest.mark.parametrize("question", [ch05.q1, ch05.q2, ch05.q3, ch05.q4])
def test_every_public_case_has_a_bilingual_hint(question):
    for case in question.cases:
        assert case.hint and case.hint["en"].strip() and case.hint["zh"].strip()


@pytest.mark.parametrize("question, answer, case", [
    (ch05.q1, student_rfm(count_lines=True), 1),
    (ch05.q1, student_rfm(keep_returns=True), 2),
    (ch05.q1, student_rfm(normalize=False), 3),
    (ch05.q2, student_scores(method="first"), 1),
    (ch05.q3, student_abc(include_crossing=False), 1),
    (ch05.q3, student_abc(split_ties=True), 3),
    (ch05.q4, student_man(strict_budget=True), 1),
])
def test_first_hint_is_about_the_failing_case(capsys, question, answer, case):
    question._hints_shown = 0
    assert question.check(answer) is False
    assert f"public case {case} (" in capsys.readouterr().out
    question.hint()
    first = capsys.readouterr().out
    assert first.startswith(f"Hint for public case {case} (")
    assert question.cases[case - 1].hint["en"] in first
    question.hint()  # then the general hints, from the first
    assert capsys.readouterr().out.startswith(f"Hint 1/{len(question.hints)}: ")


def test_a_passing_check_clears_the_case_hint(capsys):
    ch05.q4._hints_shown = 0
    ch05.q4.check(student_man(strict_budget=True))
    ch05.q4.check(student_man())
    capsys.readouterr()
    ch05.q4.hint()
    assert capsys.readouterr().out.startswith("Hint 1/")


def test_case_hint_in_chinese(capsys):
    course.set_language("zh")
    ch05.q3.check(student_abc(split_ties=True))
    capsys.readouterr()
    ch05.q3.hint()
    assert capsys.readouterr().out.startswith("针对公开测试 3（")


def test_quiz_hints_fit_the_quiz_items():
    reference = pytest.importorskip("autograder.reference.ch05")
    # every hint key is a question of the quiz, and every question has a hint
    assert set(ch05.q5.item_hints) == set(ch05.q5.keys) == set(reference.QUIZ_KEY)
    assert len(ch05.q5.hints) == 1 + len(ch05.q5.keys)
    for k, hint in ch05.q5.item_hints.items():
        assert hint["en"].strip() and hint["zh"].strip(), k
    with pytest.raises(ValueError, match="item hints"):
        QuizQuestion("demo_q5", "answers", keys=("1", "2"),
                     item_hints={"1": {"en": "x", "zh": "x"}, "3": {"en": "y", "zh": "y"}})


def test_quiz_items_in_the_notebook_match_the_hints():
    import nbformat

    from autograder.coursedir import SOLUTIONS_DIR

    nb = nbformat.read(SOLUTIONS_DIR / "ch05" / "ch05.ipynb", as_version=4)
    text = next(c.source for c in nb.cells
                if c.metadata.get("nbgrader", {}).get("grade_id") == "ch05_q5_text")
    items = {line.split(".")[0] for line in text.splitlines() if line[:1].isdigit()}
    assert items == set(ch05.q5.keys)


def test_quiz_first_hint_is_about_the_unanswered_question(capsys):
    ch05.q5.check({**SEVEN, "8": ""})
    capsys.readouterr()
    ch05.q5.hint()
    out = capsys.readouterr().out
    assert out.startswith("Question 8: ") and ch05.q5.item_hints["8"]["en"] in out


def test_numbers_first_hint_is_about_the_wrong_number(capsys):
    ch05.q6.check({**RIGHT_FORM, "top20_share": 63.0})
    capsys.readouterr()
    ch05.q6.hint()
    assert capsys.readouterr().out.startswith("Hint 2/3: For top20_share")


# ------------------------------------------------------------- errors in both languages


def test_student_facing_errors_are_bilingual():
    from course.synthetic import make_leads, make_transactions, student_transactions

    for call in (lambda: student_transactions(""), lambda: make_transactions(-1),
                 lambda: make_leads(-2), lambda: ch05.q1.hint(9)):
        with pytest.raises(ValueError) as err:
            call()
        en, _, zh = str(err.value).partition(" / ")
        assert en.isascii() and zh and not zh.isascii(), str(err.value)


def test_hand_in_speaks_both_languages(capsys, monkeypatch):
    from course.check.handin import hand_in

    monkeypatch.delenv("CRM_GRADING_DIR", raising=False)
    hand_in("ch05_q1", None)
    out = capsys.readouterr().out
    assert "recorded when the notebook is graded" in out and "评分时" in out
