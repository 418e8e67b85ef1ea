"""Self-checks for chapter 7, CRM and customer lifetime value.

Each question checks the student's function on two or three small public
cases. Their expected results are written out by hand below (as the
arithmetic a student would do on paper; they do not come from
:mod:`course.sims`). The specifications are those of :mod:`course.sims.clv`.

========  ===========  ===================================================================
question  id           answer
========  ===========  ===================================================================
``q1``    ``ch07_q1``  ``clv(margin, retention, discount, horizon=None)``
``q2``    ``ch07_q2``  ``retention_change(cohort_size, margin, acquisition_cost,
                       retention, new_retention, discount, years)``
``q3``    ``ch07_q3``  ``loyalty_type(scores, attitude_cut=5, repeat_cut=0.5)``
``q4``    ``ch07_q4``  ``frt_table(transactions, calibration_end)``
``q5``    ``ch07_q5``  ``quiz_answers``: ``{"1": "a", ...}``, 8 items (format only)
``q6``    ``ch07_q6``  ``my_numbers``: numbers about your own shop (form only)
========  ===========  ===================================================================

Examples
--------
>>> import course
>>> from course.check import ch07
>>> course.set_language("en")
>>> ch07.q1.check(lambda margin, retention, discount, horizon=None:
...               margin * retention / (1 + discount - retention))  # doctest: +ELLIPSIS
Not yet: public case 1 (a three-year horizon): expected 164.087, got 266.667
Run `ch07.q1.hint()` for a hint.
False
>>> ch07.q1.hint()  # doctest: +ELLIPSIS
Hint for public case 1 (a three-year horizon): With horizon=3 add up three terms...
"""

from __future__ import annotations

import math

import pandas as pd

from course.check._core import (
    CUSTOMER,
    Case,
    FunctionQuestion,
    NumbersQuestion,
    _fmt,
    _same,
    _type_name,
    course_quiz,
)
from course.i18n import t

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6"]


class _DictQuestion(FunctionQuestion):
    """A function question whose answer returns a dict of numbers (``retention_change``)."""

    def _compare(self, expected, got) -> str:
        if not isinstance(expected, dict):
            return super()._compare(expected, got)
        if not isinstance(got, dict):
            return t("check_wrong_type", expected="dict", got=_type_name(got))
        for key, value in expected.items():
            if key not in got:
                return t("ch07_check_no_key", name=key)
            if not _same(value, got[key]):
                return t("ch07_check_key", name=key, expected=_fmt(value), got=_fmt(got[key]))
        return ""


# ---------------------------------------------------------------- q1: clv

q1 = FunctionQuestion(
    "ch07_q1", "clv",
    cases=[
        Case({"en": "a three-year horizon", "zh": "三年期"}, (100, 0.8, 0.1), {"horizon": 3},
             expected=100 * 0.8 / 1.1 + 100 * 0.8 ** 2 / 1.1 ** 2 + 100 * 0.8 ** 3 / 1.1 ** 3,
             hint={"en": "With horizon=3 add up three terms, t = 1, 2, 3: margin * "
                         "retention**t / (1 + discount)**t. The first margin is a year from "
                         "now, so there is no term for t = 0 (today).",
                   "zh": "horizon=3 时把 t = 1、2、3 的三项相加：margin * retention**t / "
                         "(1 + discount)**t。第一笔毛利在一期之后，所以没有 t = 0（今天）"
                         "这一项。"}),
        Case({"en": "the infinite horizon", "zh": "无限期"}, (100, 0.8, 0.1), {},
             expected=100 * 0.8 / (1 + 0.1 - 0.8),
             hint={"en": "horizon=None means the closed form margin * retention / "
                         "(1 + discount - retention): 80 / 0.3 here.",
                   "zh": "horizon=None 表示用封闭公式 margin * retention / "
                         "(1 + discount - retention)：这里是 80 / 0.3。"}),
        Case({"en": "retention 1 and discount 0", "zh": "留存率为 1 且折现率为 0"},
             (50, 1.0, 0.0), {"horizon": None}, expected=math.inf,
             hint={"en": "If nobody leaves and money is not discounted, the infinite sum has "
                         "no limit: return math.inf instead of dividing by 0.",
                   "zh": "如果没有客户流失、也不折现，无限项之和没有上限：返回 math.inf，"
                         "不要除以 0。"}),
        Case({"en": "retention 0", "zh": "留存率为 0"}, (50, 0.0, 0.1), {"horizon": 4},
             expected=0.0,
             hint={"en": "With retention 0 nobody is still a customer a period from now, so "
                         "every term is 0.",
                   "zh": "留存率为 0 时，一期之后已经没有客户了，所以每一项都是 0。"}),
    ],
    hints=[
        {"en": "Two cases: horizon is a whole number T, or None. For T, add the terms "
               "margin * retention**t / (1 + discount)**t for t = 1 ... T (a loop, or numpy "
               "over np.arange(1, T + 1)).",
         "zh": "分两种情况：horizon 是整数 T，或者是 None。对于 T，把 t = 1 … T 的各项 "
               "margin * retention**t / (1 + discount)**t 相加（用循环，或对 "
               "np.arange(1, T + 1) 用 numpy 计算）。"},
        {"en": "For None, use margin * retention / (1 + discount - retention). The "
               "denominator is 0 only when retention is 1 and discount 0: return math.inf.",
         "zh": "horizon 为 None 时用 margin * retention / (1 + discount - retention)。只有当"
               "留存率为 1 且折现率为 0 时分母才为 0：此时返回 math.inf。"},
    ],
    value_noun={"en": "CLV", "zh": "CLV"},
)

# ---------------------------------------------------------------- q2: retention_change

q2 = _DictQuestion(
    "ch07_q2", "retention_change",
    cases=[
        Case({"en": "a cohort of 100 over two years, no discounting",
              "zh": "100 位客户的队列，两年，不折现"},
             (100, 50.0, 40.0, 0.5, 0.6, 0.0, 2),
             expected={"clv_before": 50 * 0.5 + 50 * 0.25, "clv_after": 50 * 0.6 + 50 * 0.36,
                       "clv_change": (30 + 18) - (25 + 12.5),
                       "profit_before": 100 * (37.5 - 40), "profit_after": 100 * (48 - 40),
                       "profit_change": 100 * (48 - 37.5)},
             hint={"en": "clv_before is clv(50, 0.5, 0.0, horizon=2) = 25 + 12.5; the cohort's "
                         "profit is cohort_size * (CLV - acquisition_cost) = 100 * (37.5 - 40), "
                         "a loss before the change.",
                   "zh": "clv_before 就是 clv(50, 0.5, 0.0, horizon=2) = 25 + 12.5；队列利润是 "
                         "cohort_size * (CLV - acquisition_cost) = 100 * (37.5 - 40)，"
                         "改变之前是亏损的。"}),
        Case({"en": "no change in retention", "zh": "留存率不变"},
             (10, 20.0, 5.0, 0.5, 0.5, 0.0, 1),
             expected={"clv_before": 10.0, "clv_after": 10.0, "clv_change": 0.0,
                       "profit_before": 50.0, "profit_after": 50.0, "profit_change": 0.0},
             hint={"en": "The same retention gives the same CLV: every change is 0.",
                   "zh": "留存率相同，CLV 也相同：所有变化量都是 0。"}),
    ],
    hints=[
        {"en": "Use your clv from task 1 over years periods, once with retention and once with "
               "new_retention. Return a dict with the six keys clv_before, clv_after, "
               "clv_change, profit_before, profit_after, profit_change.",
         "zh": "用题目 1 的 clv 计算 years 期的 CLV，留存率分别取 retention 和 new_retention。"
               "返回包含六个键的字典：clv_before、clv_after、clv_change、profit_before、"
               "profit_after、profit_change。"},
        {"en": "A cohort's profit is cohort_size * (CLV - acquisition_cost): acquisition is "
               "paid once, now, for every customer, whatever happens later.",
         "zh": "队列利润 = cohort_size * (CLV - acquisition_cost)：获客成本是现在为每位客户"
               "一次性支付的，与之后发生什么无关。"},
    ],
)

# ---------------------------------------------------------------- q3: loyalty_type

q3 = FunctionQuestion(
    "ch07_q3", "loyalty_type",
    cases=[
        Case({"en": "one customer of each type", "zh": "每种类型各一位客户"},
             (pd.DataFrame({"customer_id": ["a", "b", "c", "d"], "attitude": [6, 7, 2, 3],
                            "repeat": [0.8, 0.1, 0.9, 0.2]}),),
             expected=pd.Series({"a": "true_loyalty", "b": "latent_loyalty",
                                 "c": "spurious_loyalty", "d": "no_loyalty"}),
             hint={"en": "b likes us (attitude 7) but rarely buys (repeat 0.1): latent loyalty. "
                         "c buys a lot (0.9) without liking us (2): spurious loyalty.",
                   "zh": "b 对我们评价很高（态度 7 分），但很少购买（重复购买 0.1）：潜在忠诚。"
                         "c 买得多（0.9）却并不喜欢我们（2 分）：虚假忠诚。"}),
        Case({"en": "scores equal to the cut-offs; other cut-offs",
              "zh": "得分恰好等于界限；其他界限"},
             (pd.DataFrame({"customer_id": ["x", "y", "z"], "attitude": [4, 4, 3],
                            "repeat": [0.3, 0.29, 0.3]}, index=[10, 11, 12]),),
             {"attitude_cut": 4, "repeat_cut": 0.3},
             expected=pd.Series({"x": "true_loyalty", "y": "latent_loyalty",
                                 "z": "spurious_loyalty"}),
             hint={"en": "A score equal to its cut-off is high (>=): x has attitude 4 and repeat "
                         "0.3, both at the cut-offs, so x is truly loyal. The result is indexed "
                         "by customer_id, not by the row numbers 10, 11, 12.",
                   "zh": "得分等于界限算“高”（>=）：x 的态度 4 分、重复购买 0.3，都恰好等于界限，"
                         "所以是真正忠诚。结果以 customer_id 为索引，而不是行号 10、11、12。"}),
    ],
    hints=[
        {"en": "Two True/False Series: high attitude (attitude >= attitude_cut) and high "
               "repeat (repeat >= repeat_cut).",
         "zh": "先得到两个布尔 Series：态度高（attitude >= attitude_cut）和重复购买高"
               "（repeat >= repeat_cut）。"},
        {"en": "Both high: 'true_loyalty'; attitude only: 'latent_loyalty'; repeat only: "
               "'spurious_loyalty'; neither: 'no_loyalty'. np.select does it in one line. "
               "Index the result by scores['customer_id'].",
         "zh": "两者都高：'true_loyalty'；只有态度高：'latent_loyalty'；只有重复购买高："
               "'spurious_loyalty'；都不高：'no_loyalty'。np.select 一行就能完成。结果以 "
               "scores['customer_id'] 为索引。"},
    ],
    row_noun=CUSTOMER,
    value_noun={"en": "loyalty type", "zh": "忠诚类型"},
)

# ---------------------------------------------------------------- q4: frt_table


def _tx(rows) -> pd.DataFrame:
    tx = pd.DataFrame(rows, columns=["customer_id", "order_id", "date", "quantity", "amount"])
    tx["date"] = pd.to_datetime(tx["date"], format="ISO8601")
    tx["unit_price"] = tx["amount"] / tx["quantity"].abs()
    return tx[["customer_id", "order_id", "date", "quantity", "unit_price", "amount"]]


def _frt(ids, frequency, recency, T) -> pd.DataFrame:
    return pd.DataFrame({"frequency": frequency, "recency": recency, "T": T},
                        index=pd.Index(ids, name="customer_id"))


q4 = FunctionQuestion(
    "ch07_q4", "frt_table",
    cases=[
        Case({"en": "two customers, four weeks", "zh": "两位客户，四周"},
             (_tx([("a", "1", "2024-01-01", 1, 5.0), ("a", "2", "2024-01-15", 1, 4.0),
                   ("b", "3", "2024-01-08", 2, 7.0)]),),
             {"calibration_end": "2024-01-29"},
             expected=_frt(["a", "b"], [1, 0], [14 / 7, 0 / 7], [28 / 7, 21 / 7]),
             hint={"en": "a bought on 1 and 15 January: one repeat purchase (frequency 1), "
                         "recency = 14 days / 7 = 2 weeks from the first to the last purchase, "
                         "T = 28 days / 7 = 4 weeks from the first purchase to the end. This "
                         "recency is not chapter 5's days since the last purchase.",
                   "zh": "a 在 1 月 1 日和 15 日购买：一次重复购买（frequency 为 1），recency = "
                         "从首次到最后一次购买的 14 天 / 7 = 2 周，T = 从首次购买到截止日的 "
                         "28 天 / 7 = 4 周。这里的 recency 不是第 5 章“距最后一次购买的天数”。"}),
        Case({"en": "one day, two lines; after the end; a return",
              "zh": "同一天两行；截止日之后；退货"},
             (_tx([("c", "7", "2024-03-01 09:00", 1, 3.0), ("c", "7", "2024-03-01 09:00", 2, 8.0),
                   ("c", "8", "2024-03-08 18:30", 1, 6.0), ("c", "9", "2024-03-20", 1, 6.0),
                   ("d", "10", "2024-03-05", 1, 2.0), ("d", "C10", "2024-03-09", -1, -2.0),
                   ("e", "11", "2024-03-22", 1, 9.0)]),),
             {"calibration_end": "2024-03-15"},
             expected=_frt(["c", "d"], [1, 0], [7 / 7, 0 / 7], [14 / 7, 10 / 7]),
             hint={"en": "c's two lines on 1 March are one purchase, and 20 March is after the "
                         "end: one repeat (8 March). d's return (negative quantity) is not a "
                         "purchase. e first bought after the end, so e is not in the table.",
                   "zh": "c 在 3 月 1 日的两行是一次购买，3 月 20 日在截止日之后：只有一次重复购买"
                         "（3 月 8 日）。d 的退货行（数量为负）不算购买。e 的首次购买在截止日之后，"
                         "所以不在表中。"}),
    ],
    hints=[
        {"en": "Keep lines with quantity > 0 and a date (normalised to the day) on or before "
               "calibration_end. Then keep one row per customer and day "
               "(drop_duplicates(['customer_id', 'date'])).",
         "zh": "保留 quantity > 0、且日期（取到日）不晚于 calibration_end 的行。然后每位客户"
               "每天只留一行（drop_duplicates(['customer_id', 'date'])）。"},
        {"en": "Group by customer_id: frequency = number of days - 1, recency = (last day - "
               "first day).dt.days / 7, T = (calibration_end - first day).dt.days / 7.",
         "zh": "按 customer_id 分组：frequency = 天数 - 1，recency = (最后一天 - 第一天)"
               ".dt.days / 7，T = (calibration_end - 第一天).dt.days / 7。"},
        {"en": "Return the three columns frequency, recency, T indexed by customer_id. If "
               "nothing is left, return an empty table with these columns.",
         "zh": "返回以 customer_id 为索引的三列 frequency、recency、T。如果没有剩下任何行，"
               "就返回只有这三列的空表。"},
    ],
    row_noun=CUSTOMER,
)

# ---------------------------------------------------------------- q5: quiz_answers

q5 = course_quiz(
    "ch07_q5",
    item_hints={
        "1": {"en": "Which kind of CRM is about the customer's contacts with every channel and "
                    "department fitting together?",
              "zh": "哪一类 CRM 关注的是客户与各个渠道、各个部门的接触能够衔接起来？"},
        "2": {"en": "Is the team running the contacts, or learning from data about customers?",
              "zh": "这个团队是在处理与客户的接触，还是在从客户数据中发现规律？"},
        "3": {"en": "Satisfaction and loyalty are different things: what keeps a satisfied "
                    "customer from switching, and is it there?",
              "zh": "满意和忠诚不是一回事：是什么让满意的客户不转向别家？这里有吗？"},
        "4": {"en": "Place her in Dick and Basu's matrix: attitude first, then repeat "
                    "patronage.",
              "zh": "把她放进 Dick 和 Basu 的矩阵：先看相对态度，再看重复购买。"},
        "5": {"en": "The attitude is already there. What stands between it and buying?",
              "zh": "好感已经有了。是什么挡在好感和购买之间？"},
        "6": {"en": "Use the closed form of task 1 with the first margin a year from now.",
              "zh": "用题目 1 的封闭公式，第一笔毛利在一年之后。"},
        "7": {"en": "Compute m r / (1 + i - r) for both retention rates and compare.",
              "zh": "对两个留存率分别计算 m r / (1 + i - r)，再比较。"},
        "8": {"en": "In BG/NBD, when can a customer drop out?",
              "zh": "在 BG/NBD 模型中，客户在什么时候可能流失？"},
    },
)

# ---------------------------------------------------------------- q6: my_numbers

q6 = NumbersQuestion(
    "ch07_q6", "my_numbers", counts=("customers", "repeat_transactions"),
    shares=("one_time_share",),
    hints=[
        {"en": "Start from frt = frt_table(my_tx, CALIBRATION_END): one row per customer who "
               "bought in the calibration period. customers is its number of rows.",
         "zh": "先算 frt = frt_table(my_tx, CALIBRATION_END)：校准期内有购买的客户每人一行，"
               "customers 就是它的行数。"},
        {"en": "repeat_transactions is the sum of the frequency column (repeat purchases "
               "only, first purchases not counted).",
         "zh": "repeat_transactions 是 frequency 列之和（只算重复购买，不算首次购买）。"},
        {"en": "one_time_share is the share of those customers with frequency 0, between 0 "
               "and 1.",
         "zh": "one_time_share 是 frequency 为 0 的客户所占的比例，在 0 和 1 之间。"},
    ],
    field_hints={"customers": 1, "repeat_transactions": 2, "one_time_share": 3},
)
