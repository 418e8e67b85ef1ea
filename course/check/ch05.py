"""Self-checks for chapter 5, customer identification (RFM, ABC, MAN).

Each question checks the student's function on two or three small public
cases. Their expected results are written out by hand below (they do not come
from :mod:`course.sims`, so the checks do not depend on the code they check).
The specifications are those of :mod:`course.sims.identification`.

========  ===========  =================================================
question  id           answer
========  ===========  =================================================
``q1``    ``ch05_q1``  ``rfm_table(transactions, as_of=None)``
``q2``    ``ch05_q2``  ``rfm_scores(rfm, bins=5)``
``q3``    ``ch05_q3``  ``abc_classes(values, a_cut=0.8, b_cut=0.95)``
``q4``    ``ch05_q4``  ``man_qualify(leads, min_budget)``
``q5``    ``ch05_q5``  ``quiz_answers``: ``{"1": "a", ...}``, 8 items (format only)
``q6``    ``ch05_q6``  ``my_numbers``: numbers about your own data (form only)
========  ===========  =================================================

Examples
--------
>>> import course
>>> from course.check import ch05
>>> course.set_language("en")
>>> ch05.q4.qid
'ch05_q4'
>>> def man_qualify(leads, min_budget):
...     raise NotImplementedError
>>> ch05.q4.check()
`man_qualify` is not finished yet (it raises NotImplementedError).
Run `ch05.q4.hint()` for a hint.
False
>>> ch05.q5.check({"1": "a", "2": "b", "3": "c", "4": "a"})
Not yet: no answer yet for question(s) 5, 6, 7, 8
Run `ch05.q5.hint()` for a hint.
False

After a failed check, the first hint is about what failed:

>>> ch05.q5.hint()  # doctest: +ELLIPSIS
Question 5: Where did the 25-85 % figure come from ...
"""

from __future__ import annotations

import pandas as pd

from course.check._core import CUSTOMER, Case, FunctionQuestion, NumbersQuestion, course_quiz
from course.synthetic import transactions_from_rows

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6"]

_tx = transactions_from_rows


def _rfm(ids, recency, frequency, monetary) -> pd.DataFrame:
    return pd.DataFrame({"recency": recency, "frequency": frequency, "monetary": monetary},
                        index=pd.Index(ids, name="customer_id"))


def _grades(grades: dict) -> pd.Series:
    return pd.Series(list(grades.values()), index=pd.Index(list(grades), name="lead_id"))


def _scores(ids, r, f, m) -> pd.DataFrame:
    return pd.DataFrame({"r_score": r, "f_score": f, "m_score": m},
                        index=pd.Index(ids, name="customer_id"))


# ------------------------------------------------------------------ q1: rfm_table

q1 = FunctionQuestion(
    "ch05_q1", "rfm_table",
    cases=[
        Case({"en": "several lines in one order", "zh": "一个订单有多行"},
             (_tx([("a", "1", "2024-01-02", 2, 5.0),
                   ("a", "1", "2024-01-02", 1, 5.0),
                   ("b", "3", "2024-01-05", 4, 10.0),
                   ("a", "2", "2024-01-09", 1, 20.0),
                   ("c", "4", "2024-01-10", 3, 2.5)]),),
             {"as_of": "2024-01-11"},
             expected=_rfm(["a", "b", "c"], [2, 6, 1], [2, 1, 1], [35.0, 40.0, 7.5]),
             hint={"en": "Customer a has three lines but two orders (1 and 2): count distinct "
                         "order_id values per customer (.nunique()), not lines (.size()).",
                   "zh": "客户 a 有三行明细，但只有两个订单（1 和 2）：按客户统计不同 order_id "
                         "的个数（.nunique()），而不是行数（.size()）。"}),
        Case({"en": "returns are ignored; default as_of", "zh": "退货不计入；使用默认 as_of"},
             (_tx([("a", "10", "2024-03-01", 2, 10.0),
                   ("b", "11", "2024-03-02", 1, 15.0),
                   ("b", "12", "2024-03-03", 3, 10.0),
                   ("c", "C99", "2024-03-04", -2, 4.0),
                   ("a", "C10", "2024-03-05", -1, 10.0)]),),
             expected=_rfm(["a", "b"], [3, 1], [1, 2], [20.0, 45.0]),
             hint={"en": "Drop every line with quantity <= 0 or amount <= 0 first: c only "
                         "returned goods and must not appear, and the default as_of is the day "
                         "after the last sale (3 March), not after the last return.",
                   "zh": "先删掉 quantity <= 0 或 amount <= 0 的行：c 只有退货，不应出现在结果中；"
                         "默认的 as_of 是最后一笔销售（3 月 3 日）的次日，"
                         "而不是最后一笔退货的次日。"}),
        Case({"en": "times of day: recency counts calendar days",
              "zh": "带时刻的时间：最近一次消费按日历天数计算"},
             (_tx([("x", "1", "2024-05-31 23:59", 2, 2.0),
                   ("x", "2", "2024-06-01 08:00", 5, 2.5),
                   ("x", "2", "2024-06-01 08:00", 1, 2.5),
                   ("y", "3", "2024-05-20 10:00", 1, 100.0)]),),
             {"as_of": "2024-06-03"},
             expected=_rfm(["x", "y"], [2, 14], [2, 1], [19.0, 100.0]),
             hint={"en": "x last bought on 1 June at 08:00 and as_of is 3 June: 2 calendar days, "
                         "though only 40 hours. Set the dates to midnight with .dt.normalize() "
                         "before subtracting.",
                   "zh": "x 最后一次购买是 6 月 1 日 08:00，as_of 是 6 月 3 日：相隔 2 个日历日，"
                         "虽然只过了 40 个小时。相减之前先用 .dt.normalize() 把日期归到零点。"}),
    ],
    hints=[
        {"en": "Keep only real sales first: lines with quantity > 0 and amount > 0. A return "
               "is not a purchase: it must not count as an order, add to monetary, or move "
               "the default as_of date.",
         "zh": "先只保留真正的销售行：quantity > 0 且 amount > 0 的行。退货不是购买："
               "它不能算作订单，不能计入消费金额，也不能改变默认的 as_of 日期。"},
        {"en": "Group the sales by customer_id. Frequency counts distinct orders "
               "(order_id), not lines; monetary is the sum of amount.",
         "zh": "按 customer_id 对销售行分组。消费频率统计的是不同订单（order_id）的个数，"
               "而不是行数；消费金额是 amount 的总和。"},
        {"en": "Recency is a number of whole calendar days: set every date to midnight "
               "(.dt.normalize()) before subtracting the last purchase day from as_of, then "
               "take .dt.days. By default as_of is the day after the last sale in the data.",
         "zh": "最近一次消费是完整的日历天数：先把日期都归到当天零点（.dt.normalize()），"
               "再用 as_of 减去最后一次购买的日期，然后取 .dt.days。默认的 as_of 是数据中"
               "最后一笔销售的后一天。"},
    ],
    row_noun=CUSTOMER,
)

# ----------------------------------------------------------------- q2: rfm_scores

q2 = FunctionQuestion(
    "ch05_q2", "rfm_scores",
    cases=[
        Case({"en": "five customers, ties in recency, frequency and monetary",
              "zh": "五位客户，最近一次消费、消费频率和消费金额都有并列"},
             (_rfm(["a", "b", "c", "d", "e"], [1, 10, 10, 30, 100], [5, 1, 1, 1, 2],
                   [500.0, 20.0, 35.0, 35.0, 80.0]),),
             {"bins": 5},
             expected=_scores(["a", "b", "c", "d", "e"], [5, 3, 3, 2, 1], [5, 1, 1, 1, 4],
                              [5, 1, 2, 2, 4]),
             hint={"en": "For recency a larger value is worse: a (1 day) has four customers "
                         "worse, so 1 + floor(5 * 4 / 5) = 5, and b and c (10 days each) tie, so "
                         "both get r_score 3. b, c and d all have frequency 1: nobody is strictly "
                         "worse, so all three get f_score 1 + floor(5 * 0 / 5) = 1. "
                         "rank(method='min') - 1 counts the customers strictly worse.",
                   "zh": "对最近一次消费，数值越大越差：a（1 天）有四位客户比他差，得分为 "
                         "1 + floor(5 × 4 / 5) = 5；b 和 c（都是 10 天）并列，r_score 都是 3。"
                         "b、c、d 的消费频率都是 1：没有人比他们严格更差，f_score 都是 "
                         "1 + floor(5 × 0 / 5) = 1。rank(method='min') - 1 正是严格更差的人数。"}),
        Case({"en": "bins=3 with four customers", "zh": "bins=3，四位客户"},
             (_rfm(["w", "x", "y", "z"], [2, 15, 40, 40], [3, 3, 1, 8],
                   [250.0, 90.0, 40.0, 900.0]),),
             {"bins": 3},
             expected=_scores(["w", "x", "y", "z"], [3, 2, 1, 1], [1, 1, 1, 3],
                              [2, 1, 1, 3]),
             hint={"en": "For recency a larger value is worse: y and z (40 days) have nobody "
                         "worse, so both get r_score 1; w (2 days) has three customers worse: "
                         "1 + floor(3 * 3 / 4) = 3.",
                   "zh": "对最近一次消费，数值越大越差：y 和 z（40 天）没有人比他们更差，"
                         "r_score 都是 1；w（2 天）有三位客户比他差：1 + floor(3 × 3 / 4) = 3。"}),
        Case({"en": "default bins; everyone bought once", "zh": "默认 bins；每位客户都只买过一次"},
             (_rfm(["p", "q", "r"], [1, 2, 3], [1, 1, 1], [10.0, 10.0, 30.0]),),
             expected=_scores(["p", "q", "r"], [4, 2, 1], [1, 1, 1], [1, 1, 4]),
             hint={"en": "bins defaults to 5. p, q and r all bought once: none is strictly "
                         "worse in frequency, so all get f_score 1; p and q tie in monetary too.",
                   "zh": "bins 的默认值是 5。p、q、r 都只买过一次：消费频率上没有人严格更差，"
                         "f_score 都是 1；p 和 q 的消费金额也并列。"}),
    ],
    hints=[
        {"en": "Score each of the three columns on its own, then put r_score, f_score and "
               "m_score side by side in a DataFrame with the same index as rfm.",
         "zh": "三列分别打分，然后把 r_score、f_score、m_score 放进一个与 rfm 索引相同的 "
               "DataFrame。"},
        {"en": "For one column, count for each customer how many customers have a strictly "
               "worse value: Series.rank(method='min') - 1 does exactly that, and equal values "
               "get equal counts. pd.qcut and rank(method='first') split ties, which the rule "
               "forbids.",
         "zh": "对某一列，数一数每位客户有多少位客户的值严格更差：Series.rank(method='min') - 1 "
               "正好给出这个数，相同的值得到相同的结果。pd.qcut 和 rank(method='first') "
               "会把并列的客户拆开，这违反了评分规则。"},
        {"en": "score = 1 + floor(bins * worse / n), as integers, where n is the number of "
               "customers. For recency a smaller value is better, so 'worse' means a larger "
               "recency: rank with ascending=False.",
         "zh": "得分 = 1 + floor(bins * 更差的人数 / n)，取整数，n 为客户总数。对最近一次消费"
               "来说数值越小越好，所以“更差”指的是数值更大：排名时用 ascending=False。"},
    ],
    row_noun=CUSTOMER,
)

# ---------------------------------------------------------------- q3: abc_classes

q3 = FunctionQuestion(
    "ch05_q3", "abc_classes",
    cases=[
        Case({"en": "the customer who crosses 80% is in A", "zh": "越过 80% 的那位客户属于 A 类"},
             (pd.Series({"a": 20.0, "b": 90.0, "c": 60.0, "d": 17.0, "e": 9.0, "f": 4.0}),),
             expected=pd.Series({"a": "A", "b": "A", "c": "A", "d": "B", "e": "B",
                                 "f": "C"}),
             hint={"en": "Look at the share brought by the customers above each one: above a "
                         "it is 150 of 200 = 75 %, less than 80 %, so a is in A although a "
                         "takes the running share past 80 %.",
                   "zh": "看排在每位客户前面的客户贡献的份额：a 前面是 200 中的 150，即 75%，"
                         "低于 80%，所以 a 属于 A 类，尽管是 a 让累计份额越过了 80%。"}),
        Case({"en": "exactly 80%: the next customer is in B",
              "zh": "恰好达到 80%：下一位客户属于 B 类"},
             (pd.Series({"p": 60.0, "q": 20.0, "r": 15.0, "s": 5.0}),),
             expected=pd.Series({"p": "A", "q": "A", "r": "B", "s": "C"}),
             hint={"en": "p and q bring exactly 80 %: the customers above r have already "
                         "reached the cut-off, so r is in B. The test is 'less than', not "
                         "'at most'.",
                   "zh": "p 和 q 合计恰好是 80%：排在 r 前面的客户已经达到界限，所以 r 属于 B 类。"
                         "判断条件是“小于”，而不是“小于或等于”。"}),
        Case({"en": "equal values share a class; zero and negative values; a_cut=0.25, "
                    "b_cut=0.9",
              "zh": "数值相同的客户属于同一类；零值和负值；a_cut=0.25，b_cut=0.9"},
             (pd.Series({"x": 30.0, "w": 30.0, "v": 25.0, "u": 15.0, "t": 0.0, "s": -5.0}),),
             {"a_cut": 0.25, "b_cut": 0.9},
             expected=pd.Series({"x": "A", "w": "A", "v": "B", "u": "B", "t": "C",
                                 "s": "C"}),
             hint={"en": "w and x have the same value, so they are in the same class: the "
                         "customers with a strictly larger value bring 0 % for both. Never "
                         "break a tie by id or by row order. t (0) and s (-5) are C.",
                   "zh": "w 和 x 的数值相同，所以属于同一类：比他们数值严格更大的客户贡献的份额"
                         "对两人都是 0%。并列时绝不能按编号或行的顺序分开。"
                         "t（0）和 s（-5）属于 C 类。"}),
    ],
    hints=[
        {"en": "Work with shares of the total of the positive values. For each customer, "
               "the question is: what share do the customers with a strictly larger value "
               "bring?",
         "zh": "用份额来计算，总额是所有正值之和。对每位客户，要问的是：数值严格比他大的"
               "客户合计贡献了多少份额？"},
        {"en": "Sort by value, largest first, take the cumulative share shifted by one "
               "(cumsum() minus the value itself), then give every customer of the same value "
               "the smallest such share in their group (groupby(value).transform('min')). "
               "Below a_cut means A, so the customer who crosses the cut-off is in A, and so "
               "is everyone equal to them.",
         "zh": "按数值从大到小排序，算出向后错一位的累计份额（cumsum() 减去自身），再让数值"
               "相同的客户都取组内最小的那个份额（groupby(数值).transform('min')）。低于 a_cut "
               "就是 A 类，所以越过界限的客户属于 A 类，和他数值相同的客户也一样。"},
        {"en": "The same rule with b_cut gives B; everyone else is C, and so is every customer "
               "whose value is zero or negative. Return the labels in the order of "
               "values.index.",
         "zh": "用 b_cut 按同样的规则得到 B 类；其余客户都是 C 类，价值为零或负数的客户也一律"
               "是 C 类。返回结果时按 values.index 的顺序排列。"},
    ],
    row_noun=CUSTOMER,
    value_noun={"en": "class", "zh": "类别"},
)

# ---------------------------------------------------------------- q4: man_qualify

q4 = FunctionQuestion(
    "ch05_q4", "man_qualify",
    cases=[
        Case({"en": "every grade; a budget equal to min_budget",
              "zh": "每种等级都有；预算恰好等于 min_budget"},
             (pd.DataFrame({"lead_id": ["L1", "L2", "L3", "L4", "L5"],
                            "budget": [5000.0, 1000.0, 999.0, 200.0, 2500.0],
                            "has_authority": [True, False, True, False, False],
                            "has_need": [True, True, False, False, False]}),),
             {"min_budget": 1000},
             expected=_grades({"L1": "qualified", "L2": "develop", "L3": "nurture",
                               "L4": "drop", "L5": "nurture"}),
             hint={"en": "The result is indexed by lead_id (L1, L2, ...), not by row number. "
                         "L2's budget equals min_budget, which counts as Money (>=): with Need "
                         "that is two criteria, 'develop'. L5 has only Money: 'nurture'.",
                   "zh": "结果以 lead_id（L1、L2……）为索引，而不是行号。L2 的预算恰好等于 "
                         "min_budget，算满足 Money（>=）：再加上 Need，共两项，为 'develop'。"
                         "L5 只满足 Money：'nurture'。"}),
        Case({"en": "a higher min_budget; two of three criteria",
              "zh": "更高的 min_budget；满足三项中的两项"},
             (pd.DataFrame({"lead_id": ["L9", "L7", "L8", "L6"],
                            "budget": [20000.0, 19999.5, 50000.0, 0.0],
                            "has_authority": [True, True, False, False],
                            "has_need": [False, True, True, True]}),),
             {"min_budget": 20000.0},
             expected=_grades({"L9": "develop", "L7": "develop", "L8": "develop",
                               "L6": "nurture"}),
             hint={"en": "Count the three criteria for every lead: L9 meets Money and Authority, "
                         "L7 Authority and Need (19999.5 is below 20000), L8 Money and Need: "
                         "all 'develop'. L6 meets only Need.",
                   "zh": "每条线索都数一数三个条件：L9 满足 Money 和 Authority，L7 满足 Authority "
                         "和 Need（19999.5 低于 20000），L8 满足 Money 和 Need：都是 'develop'。"
                         "L6 只满足 Need。"}),
    ],
    hints=[
        {"en": "A lead can meet three criteria: Money (budget >= min_budget), Authority "
               "(has_authority) and Need (has_need).",
         "zh": "每条线索最多满足三个条件：Money（budget >= min_budget）、Authority"
               "（has_authority）和 Need（has_need）。"},
        {"en": "Count the criteria each lead meets, from 0 to 3: adding boolean Series counts "
               "True as 1. Mind the >=: a budget equal to min_budget is enough.",
         "zh": "数一数每条线索满足几个条件（0 到 3）：布尔型 Series 相加时 True 记为 1。"
               "注意是 >=：预算恰好等于 min_budget 也算满足。"},
        {"en": "3 criteria give 'qualified', 2 'develop', 1 'nurture' and 0 'drop'. Index the "
               "result by lead_id rather than by row number.",
         "zh": "满足 3 项为 'qualified'，2 项为 'develop'，1 项为 'nurture'，0 项为 'drop'。"
               "结果要以 lead_id 作为索引，而不是行号。"},
    ],
    row_noun={"en": "lead", "zh": "线索"},
    value_noun={"en": "grade", "zh": "等级"},
)

# ---------------------------------------------------------------- q5: quiz_answers

q5 = course_quiz(
    "ch05_q5",
    item_hints={
        "1": {"en": "Recency is measured from the customer's last purchase to the analysis "
                    "date. When did each of them last buy?",
              "zh": "最近一次消费是从客户最后一次购买算到分析日的时间。两人各自最后一次购买"
                    "是在什么时候？"},
        "2": {"en": "Check the three MAN criteria one by one for this lead (can the person you "
                    "talk to decide, recommend or veto? is there a budget? is there a need?) and "
                    "grade by the number met, as in task 4. Liking the product is not one of them.",
              "zh": "对这条线索逐一检查 MAN 的三个条件（你接触的人能否决定、建议或否决这次采购？"
                    "有没有预算？有没有需求？），再像题目 4 那样按满足的条件数评级。"
                    "喜欢这款产品不算其中任何一项。"},
        "3": {"en": "Ask of each activity: is it a legal check of who the client is, or a way "
                    "to learn what the client is worth and needs? The lecture's box on the two "
                    "meanings of 'customer identification' compares them.",
              "zh": "对每项活动问一问：这是核实客户身份的法定程序，还是为了了解客户的价值和需求？"
                    "讲义中关于“客户识别”两种含义的方框对此做了比较。"},
        "4": {"en": "Personal information may be used for the purpose customers were told "
                    "about. What does the PIPL ask for a new purpose, and for handing the data "
                    "to another company?",
              "zh": "个人信息只能用于告知客户的目的。对于新的用途，以及把数据提供给另一家公司，"
                    "《个人信息保护法》分别有什么要求？"},
        "5": {"en": "Where did the 25-85 % figure come from (which firms, which year)? Can it "
                    "be a forecast for a different business?",
              "zh": "25%～85% 这个数字出自哪里（哪些企业、哪一年）？它能直接当作另一类企业的"
                    "预测吗？"},
        "6": {"en": "Read the curve at 20 % of customers: how much revenue is that? Then find "
                    "how many customers it takes to reach 80 % of revenue.",
              "zh": "先读出 20% 的客户对应多少销售额，再找出要多少客户才能达到 80% 的销售额。"},
        "7": {"en": "Apply the rule of task 3: a customer is in A when the customers with a "
                    "strictly larger value bring less than a_cut. What share do the customers "
                    "with more than X bring? And those with more than Y?",
              "zh": "运用题目 3 的规则：如果数值严格更大的客户合计不到 a_cut，该客户就属于 A 类。"
                    "数值比 X 大的客户合计占多少？比 Y 大的呢？"},
        "8": {"en": "Place the customer in the matrix: is its current value high or low, and "
                    "its potential? The lecture's table gives the strategy for each quadrant.",
              "zh": "先把这位客户放进矩阵：当前价值是高还是低？潜在价值呢？讲义中的表格给出了"
                    "每个象限的策略。"},
    },
)

# ---------------------------------------------------------------- q6: my_numbers

q6 = NumbersQuestion(
    "ch05_q6", "my_numbers", counts=("customers", "a_customers"), shares=("top20_share",),
    hints=[
        {"en": "Start from rfm = rfm_table(my_tx): one row per customer who bought something. "
               "customers is the number of its rows.",
         "zh": "先算 rfm = rfm_table(my_tx)：每位有购买的客户占一行，customers 就是它的行数。"},
        {"en": "For top20_share, sort monetary from largest to smallest, take the first "
               "ceil(0.2 * customers) customers (math.ceil) and divide their sum by the total.",
         "zh": "计算 top20_share 时，把 monetary 从大到小排序，取前 ceil(0.2 × customers) "
               "位客户（用 math.ceil），用他们的金额之和除以总金额。"},
        {"en": "For a_customers, use your abc_classes(rfm['monetary']) with the default cuts "
               "and count the 'A's. The numbers must come from your own my_tx.",
         "zh": "计算 a_customers 时，用你写的 abc_classes(rfm['monetary'])（默认界限），"
               "数一数有几个 'A'。这些数必须用你自己的 my_tx 算出来。"},
    ],
    field_hints={"customers": 1, "top20_share": 2, "a_customers": 3},
)
