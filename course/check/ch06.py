"""Self-checks for chapter 6, customer selection (customer profit, whale curve, value matrix).

Each question checks the student's function on two or three small public
cases whose expected results are worked out by hand below (they do not come
from :mod:`course.sims`). The specifications are those of
:mod:`course.sims.selection`.

========  ===========  ==========================================================
question  id           answer
========  ===========  ==========================================================
``q1``    ``ch06_q1``  ``customer_profit(transactions, margin, cost_per_order, ...)``
``q2``    ``ch06_q2``  ``whale_curve(profit)``
``q3``    ``ch06_q3``  ``profit_after_dropping(table, k, fixed_share)``
``q4``    ``ch06_q4``  ``value_matrix(customers, current_cut, potential_cut)``
``q5``    ``ch06_q5``  ``quiz_answers``: ``{"1": "a", ...}``, 8 items (format only)
``q6``    ``ch06_q6``  ``my_numbers``: numbers about your own data (form only)
========  ===========  ==========================================================

Examples
--------
>>> import course
>>> from course.check import ch06
>>> course.set_language("en")
>>> ch06.q3.check(lambda table, k, fixed_share: float(table["profit"].sum()))
... # doctest: +ELLIPSIS
Not yet: public case 1 (half of the cost stays): expected 40, got 45
Run `ch06.q3.hint()` for a hint.
False
>>> ch06.q3.hint()  # doctest: +ELLIPSIS
Hint for public case 1 (half of the cost stays): ...
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from course.check._core import CUSTOMER, Case, FunctionQuestion, NumbersQuestion, course_quiz
from course.synthetic import transactions_from_rows

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6"]

_tx = transactions_from_rows
_PROFIT_COLUMNS = ["revenue", "orders", "lines", "returns", "cost_to_serve", "profit"]


def _profit(rows: dict) -> pd.DataFrame:
    out = pd.DataFrame.from_dict(rows, orient="index", columns=_PROFIT_COLUMNS)
    out.index.name = "customer_id"
    return out


def _curve(rows: dict) -> pd.DataFrame:
    out = pd.DataFrame.from_dict(rows, orient="index",
                                 columns=["profit", "rank", "customer_share", "cum_profit",
                                          "cum_share"])
    out.index.name = "customer_id"
    return out


def _ids(values: dict) -> pd.Series:
    return pd.Series(values, dtype="float64").rename_axis("customer_id")


def _table(rows: dict) -> pd.DataFrame:
    return pd.DataFrame.from_dict(rows, orient="index", columns=["profit", "cost_to_serve"])


def _accounts(rows: dict) -> pd.DataFrame:
    return pd.DataFrame({"customer_id": list(rows),
                         "current_value": [float(v[0]) for v in rows.values()],
                         "potential_value": [float(v[1]) for v in rows.values()]})


def _kinds(rows: dict) -> pd.DataFrame:
    out = pd.DataFrame.from_dict(rows, orient="index", columns=["quadrant", "strategy"])
    out.index.name = "customer_id"
    return out


# ------------------------------------------------------------- q1: customer_profit

q1 = FunctionQuestion(
    "ch06_q1", "customer_profit",
    cases=[
        Case({"en": "several lines in one order; a return line",
              "zh": "一个订单有多行；有一行退货"},
             (_tx([("a", "1", "2024-01-02", 4, 25.0), ("a", "1", "2024-01-02", 2, 10.0),
                   ("a", "2", "2024-02-01", 1, 30.0), ("b", "3", "2024-01-05", 10, 6.0),
                   ("b", "C3", "2024-01-08", -5, 6.0)]),),
             {"margin": 0.25, "cost_per_order": 5.0, "cost_per_line": 1.0,
              "cost_per_return": 3.0},
             expected=_profit({"a": [150.0, 2, 3, 0, 13.0, 24.5],
                               "b": [30.0, 1, 1, 1, 9.0, -1.5]}),
             hint={"en": "a has three sale lines in two orders: cost = 5 x 2 + 1 x 3 = 13 and "
                         "profit = 0.25 x 150 - 13 = 24.5. b's return line (-30) takes its "
                         "amount off revenue (60 - 30 = 30) and costs one return (3): "
                         "0.25 x 30 - (5 + 1 + 3) = -1.5.",
                   "zh": "a 有两个订单、三条销售行：成本 = 5 × 2 + 1 × 3 = 13，"
                         "利润 = 0.25 × 150 - 13 = 24.5。b 的退货行（-30）要从销售额中扣除"
                         "（60 - 30 = 30），并计一次退货成本（3）："
                         "0.25 × 30 - (5 + 1 + 3) = -1.5。"}),
        Case({"en": "a free item; a customer with no sales; default cost model",
              "zh": "赠品；没有任何销售的客户；默认成本模型"},
             (_tx([("c", "7", "2024-03-01", 2, 50.0), ("c", "7", "2024-03-01", 1, 0.0),
                   ("z", "C8", "2024-03-02", -2, 12.0)]),),
             expected=_profit({"c": [100.0, 1, 2, 0, 27.0, 3.0],
                               "z": [-24.0, 0, 0, 1, 10.0, -17.2]}),
             hint={"en": "The defaults are margin 0.30, 25 per order, 1 per line, 10 per return. "
                         "c's free item (amount 0) is still a sale line: 2 lines, "
                         "cost 25 + 2 = 27. z only returned goods: z still gets a row, with "
                         "0 orders, revenue -24 and profit 0.3 x (-24) - 10 = -17.2.",
                   "zh": "默认值是毛利率 0.30、每单 25、每行 1、每次退货 10。c 的赠品（金额为 0）"
                         "仍是一条销售行：共 2 行，成本 25 + 2 = 27。z 只有退货，但仍要占一行："
                         "订单数 0，销售额 -24，利润 0.3 × (-24) - 10 = -17.2。"}),
        Case({"en": "no transactions", "zh": "没有任何交易"},
             (_tx([]).astype({"customer_id": str, "order_id": str, "quantity": "int64",
                              "amount": "float64"}),),
             expected=_profit({}),
             hint={"en": "With no lines, return an empty table that still has the six "
                         "columns.",
                   "zh": "没有任何交易行时，返回一张空表，但六列一列都不能少。"}),
    ],
    hints=[
        {"en": "A line with quantity > 0 is a sale line (even with amount 0); a line with "
               "quantity < 0 is a return line. Revenue is the sum of all amounts, so returns "
               "come off it.",
         "zh": "quantity > 0 的行是销售行（金额为 0 也算）；quantity < 0 的行是退货行。"
               "销售额是所有金额之和，所以退货会自动扣掉。"},
        {"en": "Group by customer_id: revenue = amount.sum(); orders = the number of distinct "
               "order_id among the sale lines (.nunique()); lines = the number of sale lines; "
               "returns = the number of return lines. Booleans add up: "
               "(quantity > 0).groupby(customer_id).sum().",
         "zh": "按 customer_id 分组：revenue = amount.sum()；orders = 销售行中不同 order_id 的"
               "个数（.nunique()）；lines = 销售行的行数；returns = 退货行的行数。布尔值可以"
               "直接相加：(quantity > 0).groupby(customer_id).sum()。"},
        {"en": "Every customer in the data needs a row: reindex the order counts on all "
               "customers with fill_value=0. Then cost_to_serve = cost_per_order x orders + "
               "cost_per_line x lines + cost_per_return x returns and profit = margin x "
               "revenue - cost_to_serve.",
         "zh": "数据中的每位客户都要有一行：把订单数按全部客户 reindex，缺失的填 0"
               "（fill_value=0）。然后 cost_to_serve = 每单成本 × orders + 每行成本 × lines + "
               "每次退货成本 × returns，profit = margin × revenue - cost_to_serve。"},
    ],
    row_noun=CUSTOMER,
)

# ---------------------------------------------------------------- q2: whale_curve

q2 = FunctionQuestion(
    "ch06_q2", "whale_curve",
    cases=[
        Case({"en": "a loss-maker and two equal profits", "zh": "一位亏损客户，两位利润相同"},
             (_ids({"a": -20.0, "d": 30.0, "b": 90.0, "c": 30.0}),),
             expected=_curve({"b": [90.0, 1, 0.25, 90.0, 90 / 130],
                              "c": [30.0, 2, 0.5, 120.0, 120 / 130],
                              "d": [30.0, 3, 0.75, 150.0, 150 / 130],
                              "a": [-20.0, 4, 1.0, 130.0, 1.0]}),
             hint={"en": "Largest profit first; c and d tie at 30, so the smaller id, c, comes "
                         "first. The running profit peaks at 150 after d (115 % of the total "
                         "130) and falls back to 100 % with the loss-maker a.",
                   "zh": "利润从高到低排；c 和 d 都是 30，编号小的 c 排在前面。累计利润在 d 之后"
                         "达到峰值 150（为总利润 130 的 115%），加上亏损的 a 后回到 100%。"}),
        Case({"en": "total profit below zero", "zh": "总利润为负"},
             (_ids({"x": 5.0, "y": -9.0}),),
             expected=_curve({"x": [5.0, 1, 0.5, 5.0, np.nan],
                              "y": [-9.0, 2, 1.0, -4.0, np.nan]}),
             hint={"en": "The total is 5 - 9 = -4: a share of a negative total means nothing, "
                         "so cum_share is NaN (np.nan) on every row; the other columns are as "
                         "usual.",
                   "zh": "总利润是 5 - 9 = -4：占负数总额的比例没有意义，所以每一行的 cum_share "
                         "都是 NaN（np.nan）；其他各列照常计算。"}),
        Case({"en": "ids that look like numbers", "zh": "看起来像数字的编号"},
             (_ids({"9": 7.0, "2": 1.0, "10": 7.0}),),
             expected=_curve({"10": [7.0, 1, 1 / 3, 7.0, 7 / 15],
                              "9": [7.0, 2, 2 / 3, 14.0, 14 / 15],
                              "2": [1.0, 3, 1.0, 15.0, 1.0]}),
             hint={"en": "Ids are compared as text: '10' comes before '9' (the first character "
                         "'1' is before '9'), so on the tie at 7, '10' is ranked first.",
                   "zh": "编号按文本比较：'10' 排在 '9' 前面（首字符 '1' 在 '9' 之前），所以两位"
                         "利润都是 7 的客户中，'10' 排第一。"}),
    ],
    hints=[
        {"en": "Sort by profit, largest first, and break ties by customer id as text: build a "
               "DataFrame with the profit and the ids (index.astype(str)) and use "
               "sort_values([profit, id], ascending=[False, True]).",
         "zh": "按利润从高到低排序，利润相同时按客户编号（文本）排序：把利润和编号"
               "（index.astype(str)）放进一个 DataFrame，用 sort_values([利润, 编号], "
               "ascending=[False, True])。"},
        {"en": "rank is 1, 2, ..., n; customer_share = rank / n; cum_profit = the cumsum() of "
               "the sorted profits; cum_share = cum_profit / total.",
         "zh": "rank 是 1, 2, …, n；customer_share = rank / n；cum_profit 是排序后利润的 "
               "cumsum()；cum_share = cum_profit / 总利润。"},
        {"en": "If the total is 0 or less, set cum_share to NaN on every row. Keep the "
               "customer ids as the index.",
         "zh": "总利润小于或等于 0 时，每一行的 cum_share 都设为 NaN。客户编号保留为索引。"},
    ],
    row_noun=CUSTOMER,
)

# ----------------------------------------------------------- q3: profit_after_dropping

_abc = _table({"a": [50.0, 20.0], "b": [-10.0, 30.0], "c": [5.0, 10.0]})

q3 = FunctionQuestion(
    "ch06_q3", "profit_after_dropping",
    cases=[
        Case({"en": "half of the cost stays", "zh": "一半成本省不下来"},
             (_abc, 1, 0.5), expected=40.0,
             hint={"en": "Today's total is 50 - 10 + 5 = 45. Dropping b (the least profitable) "
                         "removes its profit, -10, but half of its cost, 0.5 x 30 = 15, stays: "
                         "45 - (-10) - 15 = 40.",
                   "zh": "现在的总利润是 50 - 10 + 5 = 45。放弃利润最低的 b，去掉它的利润 -10，"
                         "但它的成本有一半（0.5 × 30 = 15）省不下来：45 - (-10) - 15 = 40。"}),
        Case({"en": "two dropped, no cost stays", "zh": "放弃两位，成本全部省下"},
             (_abc, 2, 0.0), expected=50.0,
             hint={"en": "The two least profitable are b (-10) and c (5): 45 - (-10) - 5 = 50.",
                   "zh": "利润最低的两位是 b（-10）和 c（5）：45 - (-10) - 5 = 50。"}),
        Case({"en": "a tie at the cut: the smaller id goes first",
              "zh": "界线上有并列：编号小的先放弃"},
             (_table({"q": [-5.0, 10.0], "p": [-5.0, 100.0], "r": [40.0, 20.0]}), 1, 0.5),
             expected=-15.0,
             hint={"en": "p and q both make -5; with k = 1 only one goes, the smaller id, p. "
                         "30 - (-5) - 0.5 x 100 = -15.",
                   "zh": "p 和 q 的利润都是 -5；k = 1 时只放弃一位，即编号较小的 p。"
                         "30 - (-5) - 0.5 × 100 = -15。"}),
    ],
    hints=[
        {"en": "Dropping a customer loses its gross margin and saves its cost to serve, "
               "except fixed_share of it: the total changes by -profit - fixed_share x "
               "cost_to_serve for each customer dropped.",
         "zh": "放弃一位客户，会失去它的毛利，省下它的服务成本，但其中 fixed_share 的部分"
               "省不下来：每放弃一位，总利润变化 -profit - fixed_share × cost_to_serve。"},
        {"en": "Find the k least profitable: sort by profit, smallest first, ties by id as "
               "text, and take the first k rows (.iloc[:k]).",
         "zh": "找出利润最低的 k 位：按利润从低到高排序（并列时按编号文本排序），"
               "取前 k 行（.iloc[:k]）。"},
        {"en": "Return one number: table['profit'].sum() - dropped['profit'].sum() - "
               "fixed_share * dropped['cost_to_serve'].sum(). k = 0 gives today's total.",
         "zh": "返回一个数：table['profit'].sum() - dropped['profit'].sum() - "
               "fixed_share * dropped['cost_to_serve'].sum()。k = 0 时就是现在的总利润。"},
    ],
)

# ----------------------------------------------------------------- q4: value_matrix

q4 = FunctionQuestion(
    "ch06_q4", "value_matrix",
    cases=[
        Case({"en": "one customer of each kind, and a loss-maker",
              "zh": "每类各一位客户，外加一位亏损客户"},
             (_accounts({"k": (900, 700), "m": (800, 50), "p": (20, 600), "x": (5, 10),
                         "l": (-40, 900)}), 100.0, 500.0),
             expected=_kinds({"k": ["keystone", "invest"], "m": ["mainstay", "maintain"],
                              "p": ["prospect", "develop"], "x": ["marginal", "streamline"],
                              "l": ["prospect", "develop"]}),
             hint={"en": "l loses money now (-40) but has a large potential (900): low current, "
                         "high potential is a prospect, to develop.",
                   "zh": "l 目前亏损（-40），但潜在价值很大（900）：当前价值低、潜在价值高，"
                         "属于待开发客户，对策是培育发展。"}),
        Case({"en": "values exactly at the cut-offs", "zh": "数值恰好等于界限"},
             (_accounts({"e1": (100, 500), "e2": (99.99, 500), "e3": (100, 499.99)}), 100.0,
              500.0),
             expected=_kinds({"e1": ["keystone", "invest"], "e2": ["prospect", "develop"],
                              "e3": ["mainstay", "maintain"]}),
             hint={"en": "A value equal to its cut-off is high (>=): e1 is high on both; e2 is "
                         "a cent below the current cut, e3 a cent below the potential cut.",
                   "zh": "数值等于界限算“高”（>=）：e1 两项都高；e2 的当前价值比界限低一分钱，"
                         "e3 的潜在价值比界限低一分钱。"}),
        Case({"en": "a cut-off of 0", "zh": "界限为 0"},
             (_accounts({"z0": (0, 10), "n1": (-3, 1), "y1": (0.5, 1)}), 0.0, 5.0),
             expected=_kinds({"z0": ["prospect", "develop"], "n1": ["marginal", "streamline"],
                              "y1": ["mainstay", "maintain"]}),
             hint={"en": "High current value also needs a value above 0: z0 (exactly 0) and n1 "
                         "(-3) are low even though the cut-off is 0.",
                   "zh": "当前价值为“高”还要求大于 0：即使界限是 0，z0（恰好为 0）和 n1（-3）"
                         "的当前价值也算低。"}),
    ],
    hints=[
        {"en": "High current value: current_value >= current_cut and current_value > 0. High "
               "potential: potential_value >= potential_cut.",
         "zh": "当前价值高：current_value >= current_cut 且 current_value > 0。潜在价值高："
               "potential_value >= potential_cut。"},
        {"en": "Both high: keystone / invest; only current: mainstay / maintain; only "
               "potential: prospect / develop; neither: marginal / streamline. np.select or "
               "np.where on the two boolean columns does it.",
         "zh": "两项都高：keystone / invest；只有当前价值高：mainstay / maintain；只有潜在价值"
               "高：prospect / develop；都不高：marginal / streamline。对两个布尔列用 np.select "
               "或 np.where 即可。"},
        {"en": "Return a DataFrame with the columns quadrant and strategy, indexed by "
               "customer_id (not by row number).",
         "zh": "返回包含 quadrant 和 strategy 两列、以 customer_id 为索引（而不是行号）的 "
               "DataFrame。"},
    ],
    row_noun=CUSTOMER,
)

# ---------------------------------------------------------------- q5: quiz_answers

q5 = course_quiz(
    "ch06_q5",
    item_hints={
        "1": {"en": "Ask two questions of the case: what did the cut save, and who heard "
                    "about it? Think of the headlines and of the carrier's other customers.",
              "zh": "对这个案例问两个问题：这样做省下了什么？又有谁听说了这件事？想一想新闻标题，"
                    "以及这家运营商的其他客户。"},
        "2": {"en": "Did the retailer stop serving those shoppers, or make the costly behaviour "
                    "pay for itself?",
              "zh": "这家零售商是不再为这些顾客服务，还是让代价高的行为自己承担成本？"},
        "3": {"en": "Apply the rule of task 3: dropping saves the cost that really goes away, "
                    "and loses the margin.",
              "zh": "运用题目 3 的规则：放弃客户能省下的只是真正消失的那部分成本，"
                    "同时会失去毛利。"},
        "4": {"en": "Work it out: change = -profit - fixed_share x cost_to_serve.",
              "zh": "算一算：变化 = -利润 - 省不下来的比例 × 服务成本。"},
        "5": {"en": "Place the account in the matrix: current value high or low? potential?",
              "zh": "先把这个客户放进矩阵：当前价值高还是低？潜在价值呢？"},
        "6": {"en": "A fee on small balances does not close accounts: what does it do, and why "
                    "did it cause an uproar in that market at that time?",
              "zh": "对小额存款收费并不是直接关闭账户：它起什么作用？"
                    "为什么在当时当地引起了轩然大波？"},
        "7": {"en": "The lecture's box on taxis: what do the rules for taxis in China forbid, "
                    "and what may a driver still choose?",
              "zh": "讲义中关于出租车的方框：中国对出租车有哪些禁止性规定？司机还能选择什么？"},
        "8": {"en": "Name the gain and the risk separately: what risk did the insurers shed, "
                    "and who could push back?",
              "zh": "把收益和风险分开说：保险公司甩掉的是哪种风险？谁可能会反对？"},
    },
)

# ---------------------------------------------------------------- q6: my_numbers

q6 = NumbersQuestion(
    "ch06_q6", "my_numbers", counts=("customers", "unprofitable", "best_drop"),
    shares=("loss_revenue_share",),
    hints=[
        {"en": "Start from table = customer_profit(my_tx) with the default cost model: one row "
               "per customer. customers is its number of rows; unprofitable counts the rows "
               "with profit < 0.",
         "zh": "先算 table = customer_profit(my_tx)（默认成本模型）：每位客户一行。customers "
               "是它的行数；unprofitable 是 profit < 0 的行数。"},
        {"en": "For best_drop, compute profit_after_dropping(table, k, 0.5) for every k from 0 "
               "to customers and take the k with the largest result (the smallest such k on a "
               "tie).",
         "zh": "计算 best_drop 时，对从 0 到 customers 的每个 k 算出 "
               "profit_after_dropping(table, k, 0.5)，取结果最大的 k（并列时取最小的 k）。"},
        {"en": "loss_revenue_share is the revenue of the loss-making customers divided by the "
               "total revenue of all customers: a number between 0 and 1.",
         "zh": "loss_revenue_share 是亏损客户的销售额除以全部客户的销售额：一个 0 到 1 之间的数。"},
    ],
    field_hints={"customers": 1, "unprofitable": 1, "best_drop": 2, "loss_revenue_share": 3},
)
