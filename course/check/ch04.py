"""Self-checks for chapter 4, Maslow's hierarchy of needs and customer needs.

Each function question checks the student's function on two or three small
public cases whose expected results are written out by hand below (they do
not come from :mod:`course.sims`, so the checks do not depend on the code
they check). The specifications are those of :mod:`course.sims.needs`.

========  ===========  =========================================================
question  id           answer
========  ===========  =========================================================
``q1``    ``ch04_q1``  ``dominant_need(survey, threshold=5)``
``q2``    ``ch04_q2``  ``need_distribution(survey, threshold=5)``
``q3``    ``ch04_q3``  ``appeal_reach(survey, appeals, threshold=5)``
``q4``    ``ch04_q4``  ``quiz_answers``: ``{"1": "a", ...}``, 8 items (format only)
``q5``    ``ch04_q5``  ``my_numbers``: numbers about your own survey (form only)
========  ===========  =========================================================

Examples
--------
>>> import course
>>> from course.check import ch04
>>> course.set_language("en")
>>> ch04.q1.qid
'ch04_q1'
>>> def dominant_need(survey, threshold=5):
...     raise NotImplementedError
>>> ch04.q1.check()
`dominant_need` is not finished yet (it raises NotImplementedError).
Run `ch04.q1.hint()` for a hint.
False
>>> ch04.q4.check({"1": "a", "2": "b"})
Not yet: no answer yet for question(s) 3, 4, 5, 6, 7, 8
Run `ch04.q4.hint()` for a hint.
False
"""

from __future__ import annotations

import pandas as pd

from course.check._core import Case, FunctionQuestion, NumbersQuestion, course_quiz
from course.synthetic.needs import LEVELS, survey_from_rows

__all__ = ["q1", "q2", "q3", "q4", "q5"]

_RESPONDENT = {"en": "respondent", "zh": "受访者"}
_OUTCOMES = (*LEVELS, "all_met", "unknown")


def _needs(mapping: dict) -> pd.Series:
    return pd.Series(list(mapping.values()),
                     index=pd.Index(list(mapping), name="respondent_id"), name="dominant_need")


def _shuffled(survey: pd.DataFrame) -> pd.DataFrame:
    """The same survey with its columns reversed and rows numbered 10, 11, ..."""
    out = survey[list(reversed(survey.columns))]
    return out.set_axis(range(10, 10 + len(out)), axis=0)


def _shares(rows: dict) -> pd.DataFrame:
    table = pd.DataFrame([{o: rows[seg].get(o, 0.0) for o in _OUTCOMES} for seg in rows],
                         index=pd.Index(list(rows), name="segment"))
    return table.astype("float64")


def _reach(rows: list) -> pd.DataFrame:
    return pd.DataFrame({"level": [r[1] for r in rows], "customers": [r[2] for r in rows],
                         "share": [r[3] for r in rows]},
                        index=pd.Index([r[0] for r in rows], name="appeal"))


# ------------------------------------------------------------------ q1: dominant_need

_Q1_MAIN = survey_from_rows([
    ("A", 6, 3, 2, 6, 7),
    ("B", 5, 5, 5, 5, 5),
    ("C", 4, 7, 7, 7, 7),
    ("D", 7, 7, 7, 7, 4),
    ("E", 6, 6, 2, 1, 7),
], segment="low_income")
_Q1_BLANKS = survey_from_rows([
    ("F", 6, None, 2, 4, 4),
    ("G", 2, None, None, 7, 7),
    ("H", 6, 6, 6, 6, None),
    ("I", None, None, None, None, None),
    ("J", 6, 6, 3, None, None),
], segment="middle_income")
_Q1_ORDER = _shuffled(survey_from_rows([
    ("K", 4, 4, 4, 4, 4),
    ("L", 5, 3, 6, 6, 6),
    ("M", 7, 7, 7, 7, 3),
], segment="high_income"))

q1 = FunctionQuestion(
    "ch04_q1", "dominant_need",
    cases=[
        Case({"en": "prepotency; a score equal to the threshold is met",
              "zh": "优势需求原则；得分恰好等于分数线算满足"},
             (_Q1_MAIN,), {"threshold": 5},
             expected=_needs({"A": "safety", "B": "all_met", "C": "physiological",
                              "D": "self_actualisation", "E": "belonging"}),
             hint={"en": "Read each row from physiological upwards and stop at the first level "
                         "below the threshold. A: safety (3) is the first, although belonging "
                         "(2) is lower. B scores exactly 5 everywhere: 5 is met (>=), so all "
                         "five are met. E: belonging (2), not esteem (1), the lowest score.",
                   "zh": "每一行都从生理需求往上读，遇到第一个低于分数线的层次就停下。A：第一个是"
                         "安全需求（3 分），尽管社交需求（2 分）更低。B 每项恰好 5 分：5 分算满足"
                         "（>=），所以五个层次都已满足。E：是社交需求（2 分），而不是得分最低的"
                         "尊重需求（1 分）。"}),
        Case({"en": "blank answers", "zh": "有漏答"},
             (_Q1_BLANKS,), {"threshold": 5},
             expected=_needs({"F": "unknown", "G": "physiological", "H": "unknown",
                              "I": "unknown", "J": "belonging"}),
             hint={"en": "A blank (NaN) stops the reading too, but gives 'unknown': F left "
                         "safety blank below the unmet belonging, so we cannot tell whether "
                         "safety is the dominant need. G's physiological need is unmet, so the "
                         "blanks above it do not matter. H met four levels and left the fifth "
                         "blank: not 'all_met', since we do not know.",
                   "zh": "漏答（NaN）同样会让读取停下，但结果是 'unknown'：F 在未满足的社交需求之下"
                         "漏答了安全需求，我们无法判断安全需求是不是主导需求。G 的生理需求未满足，"
                         "它上面的漏答就无关紧要。H 满足了四个层次、第五个漏答：不能算 'all_met'，"
                         "因为我们并不知道。"}),
        Case({"en": "columns in another order; rows not numbered 0, 1, 2; threshold 4",
              "zh": "列的顺序不同；行号不是 0、1、2；分数线为 4"},
             (_Q1_ORDER,), {"threshold": 4},
             expected=_needs({"K": "all_met", "L": "safety", "M": "self_actualisation"}),
             hint={"en": "Read the levels by name in the order physiological, safety, "
                         "belonging, esteem, self_actualisation, never by column position, and "
                         "index the result by respondent_id. With threshold 4, K's scores of "
                         "4 are all met.",
                   "zh": "按名称、按生理、安全、社交、尊重、自我实现的顺序读取各层次，"
                         "不要按列的位置读取；结果以 respondent_id 为索引。"
                         "分数线为 4 时，K 的 4 分都算满足。"}),
    ],
    hints=[
        {"en": "Take the five level columns by name, in the order of the hierarchy: "
               "survey[['physiological', 'safety', 'belonging', 'esteem', "
               "'self_actualisation']].",
         "zh": "按层次顺序、按列名取出五个层次：survey[['physiological', 'safety', 'belonging', "
               "'esteem', 'self_actualisation']]。"},
        {"en": "A level stops the reading when it is not met (score < threshold) or blank "
               "(isna()). For each row the first stop decides: a level not met gives that "
               "level, a blank gives 'unknown', no stop at all gives 'all_met'.",
         "zh": "一个层次未满足（得分 < 分数线）或漏答（isna()）时，读取就停下。每一行由第一个"
               "停下的位置决定：未满足，结果就是该层次；漏答，结果是 'unknown'；一直没有停下，"
               "结果是 'all_met'。"},
        {"en": "In pandas: stop = scores.lt(threshold) | scores.isna(); stop.idxmax(axis=1) "
               "names the first True column of each row; stop.any(axis=1) says whether there "
               "is one. Return a Series indexed by survey['respondent_id'].",
         "zh": "用 pandas：stop = scores.lt(threshold) | scores.isna()；stop.idxmax(axis=1) "
               "给出每一行第一个为 True 的列名；stop.any(axis=1) 说明有没有这样的列。返回以 "
               "survey['respondent_id'] 为索引的 Series。"},
    ],
    row_noun=_RESPONDENT,
    value_noun={"en": "dominant need", "zh": "主导需求"},
)

# -------------------------------------------------------------- q2: need_distribution

_Q2_TWO = survey_from_rows([
    ("a", "low_income", 3, 5, 5, 5, 5),
    ("e", "high_income", 6, 6, 6, 2, 6),
    ("b", "low_income", 6, 6, 6, 6, 6),
    ("c", "low_income", 6, 2, 6, 6, 6),
    ("f", "high_income", 6, 6, 6, 6, 3),
    ("d", "low_income", 6, 6, None, 6, 6),
])
_Q2_ONE = survey_from_rows([
    ("g", 6, 6, 5, 7, 7),
    ("h", 7, 6, 6, 6, 6),
    ("i", 5, 7, 7, 7, 7),
], segment="middle_income")

q2 = FunctionQuestion(
    "ch04_q2", "need_distribution",
    cases=[
        Case({"en": "two segments; blanks count; an outcome nobody has",
              "zh": "两个群体；漏答也计入；有人数为零的结果"},
             (_Q2_TWO,), {"threshold": 5},
             expected=_shares({
                 "high_income": {"esteem": 0.5, "self_actualisation": 0.5},
                 "low_income": {"physiological": 0.25, "safety": 0.25, "all_met": 0.25,
                                "unknown": 0.25}}),
             hint={"en": "Low income has four respondents: one each with physiological, "
                         "safety, all_met and unknown, so each share is 0.25 ('unknown' counts "
                         "in the denominator). Nobody has belonging as the dominant need, yet "
                         "the belonging column must be there, full of zeros.",
                   "zh": "低收入群体有四位受访者：生理、安全、all_met、unknown 各一位，所以每项占比"
                         "都是 0.25（'unknown' 也计入分母）。没有人的主导需求是社交需求，但 "
                         "belonging 这一列仍然必须有，全部为 0。"}),
        Case({"en": "one segment; threshold 6", "zh": "一个群体；分数线为 6"},
             (_Q2_ONE,), {"threshold": 6},
             expected=_shares({"middle_income": {"belonging": 1 / 3, "all_met": 1 / 3,
                                                 "physiological": 1 / 3}}),
             hint={"en": "With threshold 6, g's belonging (5) is not met, h meets everything "
                         "and i's physiological (5) is not met: a third each. Pass the "
                         "threshold on to your dominant_need.",
                   "zh": "分数线为 6 时，g 的社交需求（5 分）未满足，h 全部满足，i 的生理需求"
                         "（5 分）未满足：各占三分之一。"
                         "记得把 threshold 传给你的 dominant_need。"}),
    ],
    hints=[
        {"en": "Start from your dominant_need(survey, threshold): one outcome per respondent. "
               "Put it beside survey['segment'] (use .to_numpy() so the indexes do not clash).",
         "zh": "先用你写的 dominant_need(survey, threshold) 得到每位受访者的结果，再与 "
               "survey['segment'] 放在一起（用 .to_numpy()，以免两者的索引对不上）。"},
        {"en": "pd.crosstab(segments, outcomes, normalize='index') gives each segment's shares; "
               "every respondent counts, 'unknown' and 'all_met' included, so each row adds up "
               "to 1.",
         "zh": "pd.crosstab(群体, 结果, normalize='index') 给出每个群体内的占比；每位受访者都要"
               "计入，包括 'unknown' 和 'all_met'，所以每一行之和为 1。"},
        {"en": "Then .reindex(columns=[...the five levels..., 'all_met', 'unknown'], "
               "fill_value=0.0) so that all seven columns are there in that order, and name the "
               "index 'segment'.",
         "zh": "再用 .reindex(columns=[……五个层次……, 'all_met', 'unknown'], fill_value=0.0)，"
               "让七列按这个顺序全部出现，并把索引命名为 'segment'。"},
    ],
    row_noun={"en": "segment", "zh": "群体"},
)

# ----------------------------------------------------------------- q3: appeal_reach

_Q3_A = survey_from_rows([
    ("a", 3, 5, 5, 5, 5),
    ("b", 6, 2, 6, 6, 6),
    ("c", 6, 3, 6, 6, 6),
    ("d", 6, 6, 6, 6, None),
    ("e", 6, 6, 6, 6, 6),
], segment="low_income")
_Q3_B = survey_from_rows([
    ("p", 4, 4, 4, 4, 4),
    ("q", 6, 6, 6, 3, 6),
    ("r", 6, 6, 6, 6, 2),
    ("s", 5, 4, 3, 6, 6),
], segment="high_income")

q3 = FunctionQuestion(
    "ch04_q3", "appeal_reach",
    cases=[
        Case({"en": "two appeals on one level; a level nobody needs",
              "zh": "两条诉求放在同一层次；没有人需要的层次"},
             (_Q3_A, {"insurance": "safety", "alarm": "safety", "club": "belonging",
                      "meal": "physiological"}), {"threshold": 5},
             expected=_reach([("insurance", "safety", 2, 0.4), ("alarm", "safety", 2, 0.4),
                              ("club", "belonging", 0, 0.0),
                              ("meal", "physiological", 1, 0.2)]),
             hint={"en": "b and c have safety as their dominant need, so both safety appeals "
                         "reach the same 2 people: 2 of all 5 respondents is 0.4 (d, who cannot "
                         "be told, and e, who has everything, count in the 5). Nobody's "
                         "dominant need is belonging: the club reaches 0.",
                   "zh": "b 和 c 的主导需求是安全需求，所以两条安全诉求触达的是同样的 2 个人：占"
                         "全部 5 位受访者的 0.4（无法判断的 d 和全部满足的 e 也计入这 5 人）。"
                         "没有人的主导需求是社交需求：骑行俱乐部触达 0 人。"}),
        Case({"en": "threshold 4", "zh": "分数线为 4"},
             (_Q3_B, {"black card": "esteem", "course": "self_actualisation",
                      "community": "belonging"}), {"threshold": 4},
             expected=_reach([("black card", "esteem", 1, 0.25),
                              ("course", "self_actualisation", 1, 0.25),
                              ("community", "belonging", 1, 0.25)]),
             hint={"en": "With threshold 4, p's scores of 4 are all met; q's esteem, r's "
                         "self-actualisation and s's belonging are their dominant needs.",
                   "zh": "分数线为 4 时，p 的 4 分都算满足；q、r、s 的主导需求分别是尊重、"
                         "自我实现和社交需求。"}),
    ],
    hints=[
        {"en": "Compute dominant = dominant_need(survey, threshold) once, and count each "
               "outcome: dominant.value_counts().",
         "zh": "先算一次 dominant = dominant_need(survey, threshold)，再统计每种结果的人数："
               "dominant.value_counts()。"},
        {"en": "For each appeal (name, level) in appeals.items(), customers is the count of "
               "that level (0 if nobody has it: counts.get(level, 0)), and share is customers "
               "divided by the number of ALL respondents.",
         "zh": "对 appeals.items() 中的每一条诉求（名称，层次），customers 是该层次的人数"
               "（没有人时为 0：counts.get(level, 0)），share 是 customers 除以全部受访者人数。"},
        {"en": "Return a DataFrame with the columns level, customers and share, indexed by the "
               "appeal names (index name 'appeal'), one row per appeal in the order given.",
         "zh": "返回包含 level、customers、share 三列的 DataFrame，以诉求名称为索引（索引名 "
               "'appeal'），每条诉求一行，顺序与输入相同。"},
    ],
    row_noun={"en": "appeal", "zh": "诉求"},
)

# ---------------------------------------------------------------- q4: quiz_answers

q4 = course_quiz(
    "ch04_q4",
    item_hints={
        "1": {"en": "What are the parents paying the extra for? Ask what harm the purchase "
                    "guards against, and whether anyone else will see it.",
              "zh": "父母多付的钱买的是什么？想一想这次购买防范的是什么风险，别人会不会注意到它。"},
        "2": {"en": "Take the three ads one at a time: protection from harm; how others see "
                    "you; becoming who you want to be.",
              "zh": "三条广告逐条看：免受伤害；别人怎么看你；成为你想成为的人。"},
        "3": {"en": "Of the five service needs (understood, welcomed, valued, time, comfort), "
                    "which one is about the agent grasping the problem itself?",
              "zh": "在五种服务需求（被理解、受欢迎、受重视、节省时间、舒适）中，哪一种关系到"
                    "客服有没有弄明白问题本身？"},
        "4": {"en": "What is lost in the queue, and is it lost because of who the customers "
                    "are or because nobody plans for them?",
              "zh": "排队时客户失去的是什么？是因为他们的身份，还是因为没有人为他们做安排？"},
        "5": {"en": "What happens, or does not happen, at the moment he comes through the "
                    "door?",
              "zh": "他进门的那一刻，发生了什么，或者该发生的没有发生？"},
        "6": {"en": "Apply task 1's rule: read from physiological upwards and stop at the "
                    "first level that is below 5 or blank. Where do you stop?",
              "zh": "用题目 1 的规则：从生理需求往上读，遇到第一个低于 5 分或漏答的层次就停下。"
                    "你停在哪里？"},
        "7": {"en": "The lecture's section on how rigid the order is: what did Wahba and "
                    "Bridwell, and later Tay and Diener, find?",
              "zh": "讲义中讨论层次顺序是否严格的那一节：Wahba 和 Bridwell，以及后来的 Tay 和 "
                    "Diener，分别发现了什么？"},
        "8": {"en": "After a scandal, what is the parents' first worry? Which level does "
                    "'other parents envious' speak to?",
              "zh": "发生安全丑闻之后，父母最担心的是什么？“让别的父母羡慕”针对的是哪个层次？"},
    },
)

# ---------------------------------------------------------------- q5: my_numbers

q5 = NumbersQuestion(
    "ch04_q5", "my_numbers", counts=("respondents", "unknown"),
    shares=("alarm_share", "club_share", "masterclass_share"),
    hints=[
        {"en": "respondents is the number of rows of my_survey; unknown is how many of your "
               "dominant_need(my_survey) are 'unknown' (threshold 5).",
         "zh": "respondents 是 my_survey 的行数；unknown 是你的 dominant_need(my_survey)"
               "（分数线 5）中 'unknown' 的个数。"},
        {"en": "Place each of the three appeals on the level it speaks to, put them in a dict "
               "{name: level}, and use your appeal_reach(my_survey, appeals): each share is "
               "the 'share' of that appeal, a number between 0 and 1.",
         "zh": "先把三条诉求各自放到它针对的层次上，组成字典 {名称: 层次}，再调用你写的 "
               "appeal_reach(my_survey, appeals)：每个占比就是该诉求的 'share'，是 0 到 1 "
               "之间的小数。"},
    ],
    field_hints={"respondents": 1, "unknown": 1, "alarm_share": 2, "club_share": 2,
                 "masterclass_share": 2},
)
