"""Self-checks for chapter 3, AIDMA and the path to purchase (funnels).

Each question checks the student's function on two to four small public
cases. Their expected results are written out by hand below (they do not
come from :mod:`course.sims.aidma`). The specifications are those of
:mod:`course.sims.aidma`.

========  ===========  ======================================================
question  id           answer
========  ===========  ======================================================
``q1``    ``ch03_q1``  ``stage_counts(reach, rates)``
``q2``    ``ch03_q2``  ``furthest_stage(events)``
``q3``    ``ch03_q3``  ``channel_funnel(events)``
``q4``    ``ch03_q4``  ``bottleneck(counts)``
``q5``    ``ch03_q5``  ``cost_per_action(counts, budget)``
``q6``    ``ch03_q6``  ``quiz_answers``: ``{"1": "a", ...}``, 8 items (format only)
``q7``    ``ch03_q7``  ``my_numbers``: numbers about your own log (form only)
========  ===========  ======================================================

Examples
--------
>>> import course
>>> import pandas as pd
>>> from course.check import ch03
>>> course.set_language("en")
>>> def stage_counts(reach, rates):   # Python's round(): halves go to the even number
...     counts = []
...     for rate in rates:
...         reach = round(reach * rate)
...         counts.append(reach)
...     return pd.Series(counts, index=rates.index)
>>> ch03.q1.check()  # doctest: +ELLIPSIS
Not yet: public case 2 (a half person, rounded up): count of stage 'attention': expected 3, ...
Run `ch03.q1.hint()` for a hint.
False
>>> ch03.q1.hint()  # doctest: +ELLIPSIS
Hint for public case 2 (a half person, rounded up): 5 x 0.5 = 2.5 people: halves round up, ...
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from course.check._core import Case, FunctionQuestion, NumbersQuestion, course_quiz
from course.synthetic.aidma import events_from_rows

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "q7"]

_STAGE = {"en": "stage", "zh": "阶段"}
_USER = {"en": "user", "zh": "用户"}
_log = events_from_rows


def _counts(values: dict) -> pd.Series:
    return pd.Series(list(values.values()), index=list(values), dtype="int64")


def _funnel(rows: dict) -> pd.DataFrame:
    return pd.DataFrame.from_dict(
        rows, orient="index",
        columns=["view", "click", "add_to_cart", "purchase", "share"]).rename_axis("channel")


# ---------------------------------------------------------------- q1: stage_counts

q1 = FunctionQuestion(
    "ch03_q1", "stage_counts",
    cases=[
        Case({"en": "five AIDMA stages", "zh": "AIDMA 的五个阶段"},
             (10_000, pd.Series({"attention": 0.5, "interest": 0.2, "desire": 0.5,
                                 "memory": 0.5, "action": 0.4})),
             expected=_counts({"attention": 5000, "interest": 1000, "desire": 500,
                               "memory": 250, "action": 100}),
             hint={"en": "Each stage keeps a share of the stage before it: attention = 10,000 x "
                         "0.5 = 5,000, interest = 5,000 x 0.2 = 1,000, and so on. The result is "
                         "a Series with the same index as rates.",
                   "zh": "每个阶段保留上一阶段的一部分人：注意 = 10,000 × 0.5 = 5,000，兴趣 = "
                         "5,000 × 0.2 = 1,000，依此类推。结果是一个与 rates 索引相同的 Series。"}),
        Case({"en": "a half person, rounded up", "zh": "半个人，向上取整"},
             (5, pd.Series({"attention": 0.5, "interest": 0.5})),
             expected=_counts({"attention": 3, "interest": 2}),
             hint={"en": "5 x 0.5 = 2.5 people: halves round up, so 3 (Python's round(2.5) is 2, "
                         "and int() cuts to 2). Then 3 x 0.5 = 1.5 rounds up to 2: each stage "
                         "starts from the previous stage's whole count. Use "
                         "math.floor(x + 0.5).",
                   "zh": "5 × 0.5 = 2.5 人：半个人向上取整，得 3（Python 的 round(2.5) 得 2，"
                         "int() 直接截断也得 2）。接着 3 × 0.5 = 1.5，向上取整得 2：每个阶段都从"
                         "上一阶段取整后的人数算起。请用 math.floor(x + 0.5)。"}),
        Case({"en": "a rate of zero on the AISAS path", "zh": "AISAS 路径上有一个转化率为零"},
             (1000, pd.Series({"attention": 0.3, "interest": 0.0, "search": 0.9,
                               "action": 0.5, "share": 0.2})),
             expected=_counts({"attention": 300, "interest": 0, "search": 0, "action": 0,
                               "share": 0}),
             hint={"en": "Once a stage has nobody, every later stage has nobody too: 0 x 0.9 "
                         "is 0. Keep the stage names of rates, whatever they are.",
                   "zh": "一旦某个阶段没有人，之后的每个阶段也都没有人：0 × 0.9 仍是 0。"
                         "阶段名称沿用 rates 的索引，无论叫什么。"}),
    ],
    hints=[
        {"en": "Walk through the stages in order with a loop: start from reach, and at each "
               "stage multiply the previous count by the stage's rate.",
         "zh": "按顺序用循环逐个处理各阶段：从 reach 开始，每个阶段用上一阶段的人数乘以"
               "该阶段的转化率。"},
        {"en": "Counts are whole people, rounded half up at every stage: math.floor(x + 0.5). "
               "Round before moving on: the next stage starts from the rounded count.",
         "zh": "人数必须是整数，每个阶段都四舍五入（半个人向上取整）：math.floor(x + 0.5)。"
               "先取整再进入下一阶段：下一阶段从取整后的人数算起。"},
        {"en": "Return pd.Series(counts, index=rates.index) with whole numbers.",
         "zh": "返回 pd.Series(counts, index=rates.index)，值为整数。"},
    ],
    row_noun=_STAGE,
    value_noun={"en": "count", "zh": "人数"},
)

# ---------------------------------------------------------------- q2: furthest_stage

q2 = FunctionQuestion(
    "ch03_q2", "furthest_stage",
    cases=[
        Case({"en": "a view after buying, a log-in, no view before a cart",
              "zh": "购买后又浏览、有登录事件、加购前没有浏览记录"},
             (_log([("u1", "2025-03-01 09:00", "view", "live"),
                    ("u1", "2025-03-01 09:05", "click", "live"),
                    ("u2", "2025-03-01 09:30", "view", "social"),
                    ("u1", "2025-03-01 10:00", "purchase", "search"),
                    ("u3", "2025-03-01 11:00", "login", "display"),
                    ("u4", "2025-03-02 08:00", "add_to_cart", "search"),
                    ("u2", "2025-03-02 09:00", "login", "social"),
                    ("u1", "2025-03-03 12:00", "view", "social")]),),
             expected=pd.Series({"u1": "purchase", "u2": "view", "u4": "add_to_cart"})
             .rename_axis("user_id"),
             hint={"en": "u1's last event in time is a view, but u1 bought: the furthest stage "
                         "is the furthest in funnel order, not the latest. u3 only logged in "
                         "(not a funnel event) and does not appear; u4 has no view but reached "
                         "add_to_cart.",
                   "zh": "u1 时间上最后一个事件是浏览，但 u1 已经购买：最远阶段按漏斗顺序取最远的，"
                         "而不是时间上最晚的。u3 只有登录（不是漏斗事件），不应出现在结果中；"
                         "u4 没有浏览记录，但到达了 add_to_cart。"}),
        Case({"en": "a share is the furthest stage", "zh": "分享是最远的阶段"},
             (_log([("u9", "2025-03-04 10:00", "purchase", "live"),
                    ("u5", "2025-03-04 10:30", "click", "display"),
                    ("u9", "2025-03-04 11:00", "share", "live"),
                    ("u5", "2025-03-04 12:00", "click", "display")]),),
             expected=pd.Series({"u5": "click", "u9": "share"}).rename_axis("user_id"),
             hint={"en": "One row per user, indexed by user_id and sorted: u5 then u9. Repeated "
                         "events count once.",
                   "zh": "每位用户一行，以 user_id 为索引并排序：先 u5 后 u9。"
                         "重复的事件只算一次。"}),
    ],
    hints=[
        {"en": "Keep only the five funnel events (events['event'].isin(...)); give each its "
               "position in the funnel: view 0, click 1, add_to_cart 2, purchase 3, share 4.",
         "zh": "只保留五种漏斗事件（events['event'].isin(...)）；给每个事件一个在漏斗中的"
               "位置：view 为 0，click 为 1，add_to_cart 为 2，purchase 为 3，share 为 4。"},
        {"en": "Group by user_id and take the largest position (.max()), then turn the "
               "position back into the event name.",
         "zh": "按 user_id 分组，取最大的位置（.max()），再把位置换回事件名称。"},
        {"en": "Do not take the last event in time: a buyer who viewed again afterwards has "
               "still reached purchase.",
         "zh": "不要取时间上最后一个事件：购买之后又浏览的用户，最远阶段仍然是 purchase。"},
    ],
    row_noun=_USER,
    value_noun=_STAGE,
)

# ---------------------------------------------------------------- q3: channel_funnel

q3 = FunctionQuestion(
    "ch03_q3", "channel_funnel",
    cases=[
        Case({"en": "first touch decides the channel", "zh": "首次接触决定渠道"},
             (_log([("a", "2025-03-01 09:00", "view", "live"),
                    ("a", "2025-03-01 09:10", "click", "live"),
                    ("b", "2025-03-01 08:00", "view", "social"),
                    ("c", "2025-03-01 07:00", "login", "display"),
                    ("c", "2025-03-01 11:00", "view", "search"),
                    ("c", "2025-03-01 11:02", "click", "search"),
                    ("b", "2025-03-01 12:00", "view", "live"),
                    ("a", "2025-03-02 10:00", "add_to_cart", "search"),
                    ("a", "2025-03-02 10:05", "purchase", "search"),
                    ("d", "2025-03-03 09:00", "purchase", "live"),
                    ("d", "2025-03-03 09:30", "share", "live")]),),
             expected=_funnel({"live": [2, 2, 2, 2, 1], "search": [1, 1, 0, 0, 0],
                               "social": [1, 0, 0, 0, 0]}),
             hint={"en": "a first came through live (a later purchase on search does not move "
                         "a), c's log-in on display is not a funnel event, so c's first touch is "
                         "search; d bought without a logged view but still counts in view: each "
                         "column counts the users who reached that stage or a later one.",
                   "zh": "a 最早来自直播（后来在搜索渠道购买，不改变 a 的渠道）；c 在展示广告上的"
                         "登录不是漏斗事件，所以 c 的首次接触是搜索；d 没有浏览记录就购买了，"
                         "但在 view 一列仍要计入：每一列统计到达该阶段或更后阶段的用户数。"}),
        Case({"en": "two channels at the same first moment", "zh": "两个渠道在同一最早时刻"},
             (_log([("e", "2025-03-05 10:00:00", "view", "social"),
                    ("e", "2025-03-05 10:00:00", "click", "display"),
                    ("f", "2025-03-05 09:00:00", "view", "social"),
                    ("e", "2025-03-05 11:00:00", "purchase", "social")]),),
             expected=_funnel({"display": [1, 1, 1, 1, 0], "social": [1, 0, 0, 0, 0]}),
             hint={"en": "e's two earliest events share one timestamp: the channel first in "
                         "alphabetical order wins, display before social. Sort by user_id, "
                         "timestamp and channel, then take each user's first row.",
                   "zh": "e 最早的两个事件时间相同：按字母顺序排在前面的渠道胜出，display 在 "
                         "social 之前。先按 user_id、timestamp、channel 排序，再取每位用户的"
                         "第一行。"}),
    ],
    hints=[
        {"en": "Two Series per user: the furthest stage (your furthest_stage) and the "
               "first-touch channel: among funnel events only, sort by timestamp and then "
               "channel, group by user_id and take .first().",
         "zh": "每位用户两个 Series：最远阶段（用你的 furthest_stage）和首次接触渠道：只看"
               "漏斗事件，按 timestamp 再按 channel 排序，按 user_id 分组取 .first()。"},
        {"en": "For each stage k, the users whose furthest position is >= k count in column k; "
               "group those True/False values by channel and .sum().",
         "zh": "对每个阶段 k，最远位置 >= k 的用户都计入第 k 列；把这些 True/False 值按渠道"
               "分组后 .sum()。"},
        {"en": "The result: index channel (sorted), integer columns view, click, add_to_cart, "
               "purchase, share, in that order. An empty log gives an empty table with these "
               "columns.",
         "zh": "结果：以 channel 为索引（排序），整数列依次为 view、click、add_to_cart、"
               "purchase、share。空日志返回带有这五列的空表。"},
    ],
    row_noun={"en": "channel", "zh": "渠道"},
)

# ---------------------------------------------------------------- q4: bottleneck

q4 = FunctionQuestion(
    "ch03_q4", "bottleneck",
    cases=[
        Case({"en": "the largest drop is not the smallest count",
              "zh": "流失最多的阶段不是人数最少的阶段"},
             (_counts({"attention": 10_000, "interest": 4_000, "desire": 400, "memory": 300,
                       "action": 150}),),
             expected="desire",
             hint={"en": "Drops from the stage before: interest 60 %, desire 90 %, memory 25 %, "
                         "action 50 %. Action has the fewest people, but desire loses the "
                         "largest share.",
                   "zh": "相对上一阶段的流失率：兴趣 60%，欲望 90%，记忆 25%，行动 50%。"
                         "行动阶段人数最少，但流失比例最大的是欲望阶段。"}),
        Case({"en": "a tie goes to the earlier stage", "zh": "并列时取较早的阶段"},
             (_counts({"attention": 800, "interest": 400, "desire": 200, "action": 180}),),
             expected="interest",
             hint={"en": "interest and desire both lose 50 %: the earlier stage, interest, is "
                         "the bottleneck. Series.idxmax() returns the first of equal values.",
                   "zh": "兴趣和欲望都流失 50%：取较早的兴趣阶段。Series.idxmax() 在数值相同时"
                         "返回第一个。"}),
        Case({"en": "a stage nobody reached", "zh": "某个阶段没有人到达"},
             (_counts({"reach": 1000, "attention": 600, "interest": 0, "action": 0}),),
             expected="interest",
             hint={"en": "interest loses 100 %; action has no drop at all, since nobody was at "
                         "interest (0 / 0). Skip stages whose previous count is 0.",
                   "zh": "兴趣阶段流失 100%；行动阶段根本没有流失率可言，因为兴趣阶段没有人"
                         "（0 / 0）。上一阶段人数为 0 的阶段要跳过。"}),
        Case({"en": "one stage only: no drop", "zh": "只有一个阶段：没有流失率"},
             (_counts({"attention": 50}),),
             expected=None,
             hint={"en": "The first stage has no stage before it, so no drop: with one stage "
                         "(or nobody at the first stage) return None.",
                   "zh": "第一个阶段之前没有阶段，所以没有流失率：只有一个阶段（或第一个阶段"
                         "就没有人）时返回 None。"}),
    ],
    hints=[
        {"en": "The drop of a stage is 1 - count / previous count, for every stage but the "
               "first: counts / counts.shift(1).",
         "zh": "某阶段的流失率 = 1 - 本阶段人数 / 上一阶段人数，第一个阶段除外："
               "counts / counts.shift(1)。"},
        {"en": "When the previous count is 0 there is no drop (NaN): keep only previous "
               "counts > 0. If no drop is left, return None.",
         "zh": "上一阶段人数为 0 时没有流失率（NaN）：只保留上一阶段人数 > 0 的阶段。"
               "如果一个都不剩，返回 None。"},
        {"en": "Return the stage's name (a str) with the largest drop: .idxmax() skips NaN and "
               "gives the earlier stage when two drops are equal.",
         "zh": "返回流失率最大的阶段名称（字符串）：.idxmax() 会跳过 NaN，两个流失率相同时"
               "返回较早的阶段。"},
    ],
)

# ---------------------------------------------------------------- q5: cost_per_action

q5 = FunctionQuestion(
    "ch03_q5", "cost_per_action",
    cases=[
        Case({"en": "five stages", "zh": "五个阶段"},
             (_counts({"attention": 5000, "interest": 1000, "desire": 500, "memory": 250,
                       "action": 100}), 20_000),
             expected=pd.Series({"attention": 4.0, "interest": 20.0, "desire": 40.0,
                                 "memory": 80.0, "action": 200.0}),
             hint={"en": "The whole budget divided by each stage's count: 20,000 / 5,000 = 4 "
                         "yuan per person who paid attention, 20,000 / 100 = 200 per purchase.",
                   "zh": "用总预算除以每个阶段的人数：20,000 / 5,000 = 每位注意到广告的人 4 元，"
                         "20,000 / 100 = 每次购买 200 元。"}),
        Case({"en": "a stage nobody reached", "zh": "某个阶段没有人到达"},
             (_counts({"view": 400, "click": 50, "purchase": 0}), 1000),
             expected=pd.Series({"view": 2.5, "click": 20.0, "purchase": np.nan}),
             hint={"en": "Nobody purchased: there is no cost per purchase. Return NaN there "
                         "(np.nan), not infinity: budget / 0 in pandas gives inf.",
                   "zh": "没有人购买，也就没有单次购买成本。这里返回 NaN（np.nan），而不是无穷大："
                         "在 pandas 中 预算 / 0 会得到 inf。"}),
    ],
    hints=[
        {"en": "Cost per action at a stage = budget / count at that stage, for every stage; "
               "the result has the index of counts.",
         "zh": "某阶段的单次行动成本 = 预算 / 该阶段人数，每个阶段都算；结果沿用 counts 的索引。"},
        {"en": "A count of 0 gives NaN: divide by counts.where(counts > 0) (or replace 0 by "
               "np.nan first).",
         "zh": "人数为 0 时结果为 NaN：除以 counts.where(counts > 0)（或先把 0 换成 np.nan）。"},
    ],
    row_noun=_STAGE,
    value_noun={"en": "cost per action", "zh": "单次行动成本"},
)

# ---------------------------------------------------------------- q6: quiz_answers

q6 = course_quiz(
    "ch03_q6",
    item_hints={
        "1": {"en": "What can a poster with only a picture and a name do for someone who has "
                    "never heard of the brand?",
              "zh": "一张只有图片和品牌名的海报，对从没听说过这个品牌的人能起什么作用？"},
        "2": {"en": "Is the host explaining the product, or pushing viewers to act now?",
              "zh": "主播是在介绍产品，还是在催观众马上行动？"},
        "3": {"en": "The shopper already wanted the product. What has happened since, and what "
                    "does the message bring back?",
              "zh": "顾客原本已经想要这件商品。之后发生了什么？这条消息唤回的是什么？"},
        "4": {"en": "Which model has a stage in which the consumer looks up information "
                    "actively, by themselves?",
              "zh": "哪个模型里有一个消费者自己主动查找信息的阶段？"},
        "5": {"en": "Who sends the message, and is the firm paying for it?",
              "zh": "消息是谁发的？企业为它付钱了吗？"},
        "6": {"en": "The four sources are personal, commercial, public and experiential. Which "
                    "one is your own handling of the product?",
              "zh": "四类信息来源是个人、商业、公共和经验来源。你亲手试用产品属于哪一类？"},
        "7": {"en": "Compute each stage's count divided by the count of the stage before it. "
                    "Which ratio is the smallest?",
              "zh": "算出每个阶段人数除以上一阶段人数的比值。哪个比值最小？"},
        "8": {"en": "Colleagues she wants to fit in with are a reference group. Which group of "
                    "factors holds reference groups and family?",
              "zh": "她想融入的同事是一个参照群体。参照群体和家庭属于哪一类因素？"},
    },
)

# ---------------------------------------------------------------- q7: my_numbers

q7 = NumbersQuestion(
    "ch03_q7", "my_numbers", counts=("users", "buyers", "live_buyers"),
    shares=("share_rate",),
    hints=[
        {"en": "Start from stages = furthest_stage(my_events): one row per user with a funnel "
               "event. users is its length.",
         "zh": "先算 stages = furthest_stage(my_events)：每位有漏斗事件的用户占一行，"
               "users 就是它的长度。"},
        {"en": "buyers: users whose furthest stage is purchase or share. share_rate: the users "
               "who reached share divided by buyers.",
         "zh": "buyers：最远阶段是 purchase 或 share 的用户数。share_rate：到达 share 的用户数"
               "除以 buyers。"},
        {"en": "live_buyers: the purchase column of your channel_funnel(my_events), in the "
               "row 'live'.",
         "zh": "live_buyers：你的 channel_funnel(my_events) 中 'live' 这一行的 purchase 列。"},
    ],
    field_hints={"users": 1, "buyers": 2, "share_rate": 2, "live_buyers": 3},
)
