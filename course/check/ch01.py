"""Self-checks for chapter 1, customer concepts (the rice shop, share of wallet, value).

Each question checks the student's function on two or three small public
cases whose expected results are written out by hand below (they do not come
from :mod:`course.sims`, so the checks do not depend on the code they check).
The specifications are those of :mod:`course.sims.concepts`.

========  ===========  ============================================================
question  id           answer
========  ===========  ============================================================
``q1``    ``ch01_q1``  ``next_delivery(households, as_of, safety_days=2)``
``q2``    ``ch01_q2``  ``share_of_wallet(purchases, wallets, shop)``
``q3``    ``ch01_q3``  ``market_share(purchases, wallets)``
``q4``    ``ch01_q4``  ``customer_value(customers, years)``
``q5``    ``ch01_q5``  ``quiz_answers``: ``{"1": "a", ...}``, 8 items (format only)
``q6``    ``ch01_q6``  ``my_numbers``: numbers about your own street (form only)
========  ===========  ============================================================

Examples
--------
>>> import course
>>> from course.check import ch01
>>> course.set_language("en")
>>> def next_delivery(households, as_of, safety_days=2):
...     raise NotImplementedError
>>> ch01.q1.check()
`next_delivery` is not finished yet (it raises NotImplementedError).
Run `ch01.q1.hint()` for a hint.
False
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from course.check._core import Case, FunctionQuestion, NumbersQuestion, course_quiz

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6"]

_DATES = ("run_out", "deliver_on")
NaT = pd.NaT


def _calendar_days(values) -> np.ndarray:
    """Dates as 'YYYY-MM-DD' text (None when missing); anything unreadable stays as it was."""
    out = []
    for value in values:
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            out.append(None)
            continue
        try:
            out.append(pd.Timestamp(value).strftime("%Y-%m-%d"))
        except (TypeError, ValueError):
            out.append(value)
    return np.array(out, dtype=object)


class _PlanQuestion(FunctionQuestion):
    """A function question whose result has date columns, compared by calendar day."""

    def _compare(self, expected, got) -> str:
        if isinstance(expected, pd.DataFrame) and isinstance(got, pd.DataFrame):
            expected = expected.copy()
            got = got.copy()
            for col in _DATES:
                if col in expected.columns:
                    expected[col] = _calendar_days(expected[col])
                if col in got.columns:
                    got[col] = _calendar_days(got[col])
        return super()._compare(expected, got)


def _plan(ids, days, run_out, deliver_on) -> pd.DataFrame:
    return pd.DataFrame({"days_left": days, "run_out": pd.to_datetime(run_out),
                         "deliver_on": pd.to_datetime(deliver_on)},
                        index=pd.Index(ids, name="household_id"))


def _street(rows, index=None) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=["household_id", "people", "grams_per_person_day",
                                      "stock_kg"])
    if index is not None:
        out.index = index
    return out.astype({"stock_kg": "float64"})


def _buys(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["customer_id", "shop", "amount"]).astype(
        {"amount": "float64"})


def _wallets(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["customer_id", "category_spend"]).astype(
        {"category_spend": "float64"})


def _series(values: dict, name: str) -> pd.Series:
    return pd.Series(list(values.values()), index=pd.Index(list(values), name=name),
                     dtype="float64")


_HOUSEHOLD = {"en": "household", "zh": "住户"}
_CUSTOMER = {"en": "customer", "zh": "顾客"}

# ------------------------------------------------------------------ q1: next_delivery

q1 = _PlanQuestion(
    "ch01_q1", "next_delivery",
    cases=[
        Case({"en": "a small street", "zh": "一条小街"},
             (_street([("A", 4, 250, 6.0), ("B", 3, 300, 5.0), ("C", 2, 250, 0.5)]),),
             {"as_of": "2025-03-03", "safety_days": 2},
             expected=_plan(["A", "B", "C"], [6.0, 5000 / 900, 1.0],
                            ["2025-03-09", "2025-03-08", "2025-03-04"],
                            ["2025-03-07", "2025-03-06", "2025-03-03"]),
             hint={"en": "A eats 4 x 250 g = 1 kg a day, so 6 kg last 6 days: the jar is empty "
                         "on 3 March + 6 = 9 March, and with 2 days of margin the rice comes on 7 "
                         "March. B has 5.56 days: floor them to 5. C has 1 day: 4 March minus 2 "
                         "days is in the past, so deliver today (3 March).",
                   "zh": "A 户每天吃 4 × 250 克 = 1 公斤，6 公斤能吃 6 天：3 月 3 日加 6 天，"
                         "9 日米缸见底，提前 2 天，7 日送米。B 户能吃 5.56 天：向下取整为 5 天。"
                         "C 户只够 1 天：4 日减 2 天已经过去了，所以今天（3 日）就送。"}),
        Case({"en": "nobody eating, an empty jar, no margin, as_of at 19:45",
              "zh": "没人吃米、米缸已空、不留提前量、as_of 带时刻 19:45"},
             (_street([("D", 0, 300, 8.0), ("E", 5, 200, 0.0), ("F", 1, 400, 2.0)]),),
             {"as_of": "2025-06-30 19:45", "safety_days": 0},
             expected=_plan(["D", "E", "F"], [math.inf, 0.0, 5.0],
                            [NaT, "2025-06-30", "2025-07-05"],
                            [NaT, "2025-06-30", "2025-07-05"]),
             hint={"en": "Nobody eats in D: days_left is float('inf') and both dates are "
                         "missing (pd.NaT); do not divide by zero. E's jar is empty: it runs out "
                         "today and gets rice today. Dates are calendar days: normalise as_of "
                         "(.normalize()) so 19:45 does not show.",
                   "zh": "D 户没人吃米：days_left 是 float('inf')，两个日期都是缺失值（pd.NaT），"
                         "不要除以零。E 户米缸已空：今天见底，今天送米。日期只看日历日："
                         "先把 as_of 归到零点（.normalize()），不要带上 19:45。"}),
        Case({"en": "default margin; rows not numbered 0, 1, 2",
              "zh": "默认提前天数；行号不是 0、1、2"},
             (_street([("G", 6, 250, 9.0), ("H", 2, 350, 3.5)], index=[7, 3]),),
             {"as_of": pd.Timestamp("2024-12-28")},
             expected=_plan(["G", "H"], [6.0, 5.0], ["2025-01-03", "2025-01-02"],
                            ["2025-01-01", "2024-12-31"]),
             hint={"en": "safety_days defaults to 2. Index the result by household_id (G, H), "
                         "not by the row labels 7 and 3.",
                   "zh": "safety_days 默认是 2。结果以 household_id（G、H）为索引，"
                         "而不是原来的行标签 7 和 3。"}),
    ],
    hints=[
        {"en": "Rice eaten a day, in kg: people * grams_per_person_day / 1000. days_left = "
               "stock_kg / that. A household that eats nothing never runs out: "
               "days_left = inf and no dates (NaT).",
         "zh": "每天吃米（公斤）= people * grams_per_person_day / 1000，days_left = stock_kg / "
               "每天吃米。不吃米的住户永远不会见底：days_left = inf，日期为缺失值（NaT）。"},
        {"en": "today = pd.Timestamp(as_of).normalize(). run_out = today + floor(days_left) "
               "days: np.floor, then pd.to_timedelta(..., unit='D').",
         "zh": "today = pd.Timestamp(as_of).normalize()。run_out = today 加上 floor(days_left) "
               "天：先 np.floor，再 pd.to_timedelta(..., unit='D')。"},
        {"en": "deliver_on = run_out - safety_days days, but never before today: take the "
               "larger of the two (or clip the number of days at 0). Leave NaT where "
               "days_left is inf (.where(...)).",
         "zh": "deliver_on = run_out 减去 safety_days 天，但不能早于今天：两者取较晚的一个"
               "（或者把天数下限截为 0）。days_left 为 inf 的行保持 NaT（用 .where(...)）。"},
    ],
    row_noun=_HOUSEHOLD,
)

# ------------------------------------------------------------------ q2: share_of_wallet

q2 = FunctionQuestion(
    "ch01_q2", "share_of_wallet",
    cases=[
        Case({"en": "three customers; a refund", "zh": "三位顾客；有一笔退款"},
             (_buys([("a", "W", 30.0), ("a", "X", 50.0), ("b", "X", 80.0), ("a", "W", -10.0),
                     ("c", "W", 20.0), ("c", "W", 25.0)]),
              _wallets([("a", 100.0), ("b", 80.0), ("c", 90.0)])),
             {"shop": "W"},
             expected=_series({"a": 0.2, "b": 0.0, "c": 0.5}, "customer_id"),
             hint={"en": "a spent 30 - 10 = 20 at W out of 100 on rice in all: 0.2. b never "
                         "bought at W: 0, not missing. c: (20 + 25) / 90 = 0.5.",
                   "zh": "a 在 W 店花了 30 - 10 = 20 元，买米总共花了 100 元：0.2。b 从没在 W 店"
                         "买过：是 0，不是缺失值。c：(20 + 25) / 90 = 0.5。"}),
        Case({"en": "no rice spend at all; a buyer missing from wallets",
              "zh": "买米总花费为 0；有一位顾客不在 wallets 中"},
             (_buys([("d", "W", 40.0), ("z", "W", 99.0), ("d", "V", 60.0)]),
              _wallets([("d", 200.0), ("e", 0.0)])),
             {"shop": "W"},
             expected=_series({"d": 0.2, "e": math.nan}, "customer_id"),
             hint={"en": "The result has one row per customer of wallets (d and e), so z, who "
                         "is not in wallets, is left out. e spends nothing on rice: a share of "
                         "nothing is missing (NaN), not 0.",
                   "zh": "结果中 wallets 里的每位顾客（d 和 e）各占一行，不在 wallets 中的 z "
                         "不计入。e 买米的总花费为 0：这时份额无从谈起，"
                         "是缺失值（NaN），不是 0。"}),
    ],
    hints=[
        {"en": "Keep the purchases at the shop (purchases['shop'] == shop), then sum amount "
               "per customer_id: refunds are negative amounts, so the sum nets them.",
         "zh": "先只保留在这家店的购买记录（purchases['shop'] == shop），再按 customer_id "
               "对 amount 求和：退款是负数，求和时自然抵消。"},
        {"en": "Put those sums next to the customers of wallets: .reindex(wallets['customer_id'], "
               "fill_value=0) gives 0 to customers who never bought there and drops strangers.",
         "zh": "把这些合计对齐到 wallets 的顾客上：.reindex(wallets['customer_id'], "
               "fill_value=0) 会给没在这家店买过的顾客填 0，并去掉不在 wallets 中的人。"},
        {"en": "Divide by category_spend, with 0 replaced by NaN first "
               "(.replace(0, np.nan)), so a customer with no rice spend gets NaN.",
         "zh": "再除以 category_spend，事先把其中的 0 换成 NaN（.replace(0, np.nan)），"
               "这样买米总花费为 0 的顾客得到 NaN。"},
    ],
    row_noun=_CUSTOMER,
    value_noun={"en": "share of wallet", "zh": "顾客占有率"},
)

# ------------------------------------------------------------------ q3: market_share

q3 = FunctionQuestion(
    "ch01_q3", "market_share",
    cases=[
        Case({"en": "two shops, a refund", "zh": "两家店，有一笔退款"},
             (_buys([("a", "W", 20.0), ("a", "X", 50.0), ("b", "X", 80.0), ("b", "W", 30.0),
                     ("b", "W", -30.0)]),
              _wallets([("a", 100.0), ("b", 100.0)])),
             expected=_series({"W": 0.1, "X": 0.65}, "shop"),
             hint={"en": "The market is everything the customers spend on rice: 100 + 100 = 200. "
                         "W sold 20 + 30 - 30 = 20: 0.1. X sold 130: 0.65. The shares add up to "
                         "less than 1 because some rice was bought elsewhere.",
                   "zh": "整个市场是这些顾客买米的全部花费：100 + 100 = 200。W 店卖出 20 + 30 - 30 "
                         "= 20：0.1。X 店卖出 130：0.65。两者加起来不到 1，"
                         "因为有些米是在别处买的。"}),
        Case({"en": "a buyer missing from wallets, a household buying elsewhere",
              "zh": "有顾客不在 wallets 中，有住户只在别处买米"},
             (_buys([("p", "M", 40.0), ("q", "N", 60.0), ("z", "M", 100.0), ("z", "K", 50.0)]),
              _wallets([("p", 100.0), ("q", 150.0), ("r", 250.0)])),
             expected=_series({"K": 0.0, "M": 0.08, "N": 0.12}, "shop"),
             hint={"en": "Only purchases by customers in wallets count (z's do not), and the "
                         "market is the whole category_spend: 500. K is still listed, with 0.",
                   "zh": "只统计 wallets 中顾客的购买（z 的不算），市场规模是 category_spend "
                         "的总和：500。K 店仍然要列出，份额为 0。"}),
    ],
    hints=[
        {"en": "The market is wallets['category_spend'].sum(): all the rice the customers "
               "bought, wherever they bought it.",
         "zh": "市场规模是 wallets['category_spend'].sum()：这些顾客买的所有米，不管在哪里买的。"},
        {"en": "Keep the purchases of customers in wallets (.isin(...)), sum amount per shop, "
               "and divide by the market.",
         "zh": "只保留 wallets 中顾客的购买记录（.isin(...)），按 shop 对 amount 求和，"
               "再除以市场规模。"},
        {"en": "List every shop that appears in purchases, sorted: reindex the sums on "
               "sorted(purchases['shop'].unique()) with fill_value=0.",
         "zh": "purchases 中出现过的每家店都要列出，并按店名排序：用 "
               "sorted(purchases['shop'].unique()) 重新索引，fill_value=0。"},
    ],
    row_noun={"en": "shop", "zh": "店"},
    value_noun={"en": "market share", "zh": "市场占有率"},
)

# ------------------------------------------------------------------ q4: customer_value


def _values(ids, one, value, multiple) -> pd.DataFrame:
    return pd.DataFrame({"one_sale": one, "value": value, "multiple": multiple},
                        index=pd.Index(ids, name="customer_id"))


def _customers(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["customer_id", "margin", "purchases_per_year",
                                       "retention"])


q4 = FunctionQuestion(
    "ch01_q4", "customer_value",
    cases=[
        Case({"en": "retention 0.5 and 1, three years", "zh": "保持率 0.5 和 1，三年"},
             (_customers([("x", 10.0, 12, 0.5), ("y", 10.0, 12, 1.0)]),), {"years": 3},
             expected=_values(["x", "y"], [10.0, 10.0], [210.0, 360.0], [21.0, 36.0]),
             hint={"en": "x: 10 x 12 = 120 a year, times 1 + 0.5 + 0.25 = 1.75: 210. y keeps "
                         "every year: 120 x 3 = 360. The formula (1 - r**n) / (1 - r) divides by "
                         "zero when r = 1: add the terms r**0 + r**1 + ... instead.",
                   "zh": "x：每年 10 × 12 = 120，乘以 1 + 0.5 + 0.25 = 1.75，得 210。y 每年都留下："
                         "120 × 3 = 360。公式 (1 - r**n) / (1 - r) 在 r = 1 时要除以零：改为把 "
                         "r**0 + r**1 + …… 逐项相加。"}),
        Case({"en": "no margin; retention 0", "zh": "毛利为 0；保持率为 0"},
             (_customers([("p", 0.0, 6, 0.9), ("q", 5.0, 10, 0.0)]),), {"years": 4},
             expected=_values(["p", "q"], [0.0, 5.0], [0.0, 50.0], [math.nan, 10.0]),
             hint={"en": "p earns nothing on a sale: value 0 and the multiple is missing (NaN), "
                         "not an error. q leaves after the first year: 5 x 10 = 50, ten times "
                         "one sale.",
                   "zh": "p 每次交易没有毛利：价值为 0，倍数是缺失值（NaN），而不是报错。q 第一年后"
                         "就流失了：5 × 10 = 50，是一次交易的 10 倍。"}),
        Case({"en": "one year", "zh": "只算一年"},
             (_customers([("m", 8.0, 24, 0.8)]),), {"years": 1},
             expected=_values(["m"], [8.0], [192.0], [24.0]),
             hint={"en": "With years=1 only the first year counts, whatever the retention: "
                         "8 x 24 = 192.",
                   "zh": "years=1 时只算第一年，与保持率无关：8 × 24 = 192。"}),
    ],
    hints=[
        {"en": "one_sale is the margin of one purchase. A year of purchases is margin * "
               "purchases_per_year.",
         "zh": "one_sale 是一次购买的毛利；一年的购买是 margin * purchases_per_year。"},
        {"en": "The customer is there in year 1 for sure, in year 2 with chance r, in year 3 "
               "with r**2...: value = a year's margin * (r**0 + r**1 + ... + r**(years - 1)). "
               "No discounting here (that is chapter 7).",
         "zh": "第 1 年顾客一定在，第 2 年还在的概率是 r，第 3 年是 r**2……：价值 = 一年的毛利 × "
               "(r**0 + r**1 + … + r**(years - 1))。这里不折现（折现在第 7 章）。"},
        {"en": "multiple = value / one_sale, NaN when one_sale is 0 (.replace(0, np.nan) before "
               "dividing). Index the result by customer_id.",
         "zh": "multiple = value / one_sale，one_sale 为 0 时为 NaN（相除之前先 .replace(0, "
               "np.nan)）。结果以 customer_id 为索引。"},
    ],
    row_noun=_CUSTOMER,
)

# ------------------------------------------------------------------ q5: quiz_answers

q5 = course_quiz(
    "ch01_q5",
    item_hints={
        "1": {"en": "Go through the seven differences one by one (stability, initiative, number "
                    "of transactions, quantity, time, personal service, information) and ask of "
                    "each: do the restaurants differ from the walk-in guests here?",
              "zh": "把七个区别逐条过一遍（稳定性、主动性、交易次数、购买数量、时间性、"
                    "专人服务、信息），每一条都问一问：餐馆和散客在这一点上有没有不同？"},
        "2": {"en": "Who uses what the laundry produces, and whose work suffers when it is "
                    "late? A customer need not pay.",
              "zh": "洗衣房的“产品”是谁在用？洗衣房一拖延，谁的工作会受影响？客户不一定付钱。"},
        "3": {"en": "Follow the links of the service-profit chain from the employees to the "
                    "profit: which link does the cut touch first?",
              "zh": "沿着服务利润链从员工一直走到利润：削减培训首先碰到的是哪一环？"},
        "4": {"en": "Do the two firms stay independent? Do they create something together with "
                    "shared money and risk? Place it on the ladder of seven levels.",
              "zh": "两家企业是否仍然各自独立？它们有没有共同出资、共担风险做一件事？"
                    "把它放到七个层次的阶梯上。"},
        "5": {"en": "Market share is a shop's part of the whole market; share of wallet is its "
                    "part of each of its customers' spending. Compute both for each shop.",
              "zh": "市场占有率是一家店在整个市场中所占的份额；顾客占有率是它在每位顾客的花费"
                    "中所占的份额。两家店的这两个数都算一算。"},
        "6": {"en": "A year's margin first (10 x 24), then the chance of still being a customer "
                    "in years 2 and 3. No discounting.",
              "zh": "先算一年的毛利（10 × 24），再乘上第 2、3 年仍是顾客的概率之和。不折现。"},
        "7": {"en": "Compare the membership fees with the operating income in the lecture's "
                    "Costco table: what share of the profit do the fees cover?",
              "zh": "把讲义中开市客表格里的会员费收入和营业利润比一比："
                    "会员费能覆盖多大比例的利润？"},
        "8": {"en": "Kilograms a day first, then the days the stock lasts; count the days from "
                    "Monday 3 March and take the margin off.",
              "zh": "先算每天吃多少公斤，再算存米够吃几天；从 3 月 3 日（星期一）往后数，"
                    "再减去提前的天数。"},
    },
)

# ------------------------------------------------------------------ q6: my_numbers

q6 = NumbersQuestion(
    "ch01_q6", "my_numbers", counts=("due_this_week", "loyal_households"),
    shares=("market_share",),
    hints=[
        {"en": "due_this_week: plan = next_delivery(my['households'], my['as_of']) with the "
               "default margin; count the households whose deliver_on is from as_of to "
               "as_of + 6 days (both included). A household that eats no rice has no date.",
         "zh": "due_this_week：plan = next_delivery(my['households'], my['as_of'])，用默认的"
               "提前天数；数一数 deliver_on 在 as_of 到 as_of + 6 天之间（两端都算）的住户。"
               "不吃米的住户没有送米日期。"},
        {"en": "loyal_households: share_of_wallet(my['purchases'], my['wallets'], my['shop']) "
               "and count the households with a share of at least 0.5.",
         "zh": "loyal_households：用 share_of_wallet(my['purchases'], my['wallets'], my['shop'])，"
               "数一数份额不低于 0.5 的住户。"},
        {"en": "market_share: your market_share(my['purchases'], my['wallets']) for my['shop'], "
               "as a number between 0 and 1.",
         "zh": "market_share：用你的 market_share(my['purchases'], my['wallets'])，取 my['shop'] "
               "那一行，是 0 到 1 之间的数。"},
    ],
    field_hints={"due_this_week": 1, "loyal_households": 2, "market_share": 3},
)
