"""Self-checks for the capstone: clean, identify, value, select on real retail data.

Each question checks the student's function on two or three small public
cases whose expected results are worked out by hand below (they do not come
from :mod:`course.sims`). The specifications are in the capstone notebook's
task cells.

=========  ==============  =====================================================
question   id              answer
=========  ==============  =====================================================
``q1``     ``capstone_q1``  ``clean_transactions(raw) -> (table, log)``
``q2``     ``capstone_q2``  ``segment_customers(table, as_of, new_days=90)``
``q3``     ``capstone_q3``  ``segment_value(activity, segments, cost_model)``
``q4``     ``capstone_q4``  ``segment_clv(table, segments_mid, value, as_of, discount)``
``q5``     ``capstone_q5``  ``action_plan(customers, min_profit=0.0, min_clv=0.0)``
``q6``     ``capstone_q6``  ``profit_effect(customers, plan, fixed_share)``
``q7``     ``capstone_q7``  ``my_numbers``: numbers about your own slice (form only)
=========  ==============  =====================================================

Examples
--------
>>> import course
>>> from course.check import capstone
>>> course.set_language("en")
>>> capstone.q6.check(lambda customers, plan, fixed_share: float(customers["profit"].sum()))
... # doctest: +ELLIPSIS
Not yet: public case 1 (half of the let-go customers' cost stays): expected 30, got 45
Run `capstone.q6.hint()` for a hint.
False

A pair is expected from task 1, and a missing input column is named:

>>> capstone.q1.check(lambda raw: raw)  # doctest: +ELLIPSIS
Not yet: public case 1 (...): clean_transactions must return a pair (table, log), got ...
Run `capstone.q1.hint()` for a hint.
False
>>> capstone.q1.check(lambda raw: raw["Customer ID"])  # doctest: +ELLIPSIS
Not yet: public case 1 (...): ...the input raw has no column 'Customer ID'...
Run `capstone.q1.hint()` for a hint.
False
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from course.check._core import Case, FunctionQuestion, NumbersQuestion, imported_from
from course.i18n import t
from course.synthetic.capstone import raw_rows

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "q7"]

_CUSTOMER = {"en": "customer", "zh": "客户"}
_SEGMENT = {"en": "segment", "zh": "客群"}
_LOG_RULES = ["duplicates", "no_customer", "non_product", "cancellation_lines",
              "netted_orders", "unmatched_cancellations", "non_positive"]
_TABLE_COLUMNS = ["customer_id", "order_id", "date", "quantity", "unit_price", "amount",
                  "stock_code"]


class _CapstoneQuestion(FunctionQuestion):
    """A function question that names a column the student's code looked for in vain.

    ``inputs`` names the function's arguments as the task does (``raw``, ``table``...).
    """

    def __init__(self, *args, inputs: tuple[str, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.inputs = tuple(inputs)

    def _evaluate(self, func):
        if not callable(func):
            return super()._evaluate(func)
        names = list(self.inputs)

        def guarded(*args, **kwargs):
            try:
                return func(*args, **kwargs)
            except KeyError as exc:
                key = exc.args[0] if exc.args else None
                for i, arg in enumerate(args):
                    if isinstance(arg, pd.DataFrame) and isinstance(key, str) \
                            and key not in arg.columns:
                        what = names[i] if i < len(names) else f"#{i + 1}"
                        raise KeyError(t("capstone_missing_input", what=what,
                                         col=key)) from exc
                raise

        guarded.__module__ = "__main__"
        ok, message = super()._evaluate(guarded)
        module = imported_from(func)
        if ok and module:
            message += "\n" + t("check_imported_note", name=self.name, module=module)
        return ok, message


class _PairQuestion(_CapstoneQuestion):
    """Task 1: a pair (table, log); the table's lines in any order, the log in order."""

    @staticmethod
    def _canon(table: pd.DataFrame) -> pd.DataFrame:
        out = table[_TABLE_COLUMNS].copy()
        out["date"] = pd.to_datetime(out["date"]).dt.strftime("%Y-%m-%d %H:%M")
        for col in ("customer_id", "order_id", "stock_code"):
            out[col] = out[col].astype(str)
        out = out.sort_values(["order_id", "stock_code", "unit_price", "quantity"],
                              kind="stable").reset_index(drop=True)
        out.index = [f"line {i + 1}" for i in range(len(out))]
        return out

    def _compare(self, expected, got) -> str:
        if not isinstance(expected, tuple):
            return super()._compare(expected, got)
        if not isinstance(got, tuple | list) or len(got) != 2:
            return t("capstone_not_pair", name=self.name, type=type(got).__name__)
        e_table, e_log = expected
        g_table, g_log = got
        if not isinstance(g_table, pd.DataFrame):
            return t("capstone_table_part", detail=super()._compare(e_table, g_table))
        missing = [c for c in _TABLE_COLUMNS if c not in g_table.columns]
        if missing:
            return t("capstone_table_part", detail=t(
                "check_missing_columns", cols=", ".join(map(repr, missing)),
                found=", ".join(map(repr, g_table.columns))))
        if len(g_table) != len(e_table):
            return t("capstone_table_part", detail=t("capstone_table_lines", got=len(g_table),
                                                     expected=len(e_table)))
        detail = super()._compare(self._canon(e_table), self._canon(g_table))
        if detail:
            return t("capstone_table_part", detail=detail)
        if isinstance(g_log, pd.DataFrame) and "rule" in g_log.columns:
            rules = [str(r) for r in g_log["rule"]]
            if rules != _LOG_RULES:
                return t("capstone_log_part", detail=t("capstone_log_rules",
                                                       expected=_LOG_RULES, got=rules))
            g_log = g_log.set_index("rule")
        detail = super()._compare(e_log.set_index("rule"), g_log)
        return t("capstone_log_part", detail=detail) if detail else ""


def _log(rows) -> pd.DataFrame:
    return pd.DataFrame([(r, n, a) for r, (n, a) in zip(_LOG_RULES, rows, strict=True)],
                        columns=["rule", "lines", "amount"])


def _table(rows) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=_TABLE_COLUMNS)
    out["date"] = pd.to_datetime(out["date"])
    return out


def _lines(rows) -> pd.DataFrame:
    """Cleaned lines from ``(customer, order, date, quantity, unit_price)``."""
    out = pd.DataFrame(rows, columns=["customer_id", "order_id", "date", "quantity",
                                      "unit_price"])
    out["date"] = pd.to_datetime(out["date"])
    out["amount"] = out["quantity"] * out["unit_price"]
    out["stock_code"] = "85123A"
    return out.astype({"customer_id": str, "order_id": str, "quantity": "int64",
                       "unit_price": "float64", "amount": "float64"})


def _frame(rows: dict, columns, index_name: str) -> pd.DataFrame:
    out = pd.DataFrame.from_dict(rows, orient="index", columns=columns)
    out.index.name = index_name
    return out


# ------------------------------------------------------------- q1: clean_transactions

_RAW_1 = raw_rows([
    ("536001", "85123A", 6, "2011-01-04 09:00", 2.55, 17850),
    ("536001", "85123A", 6, "2011-01-04 09:00", 2.55, 17850),
    ("536001", "POST", 1, "2011-01-04 09:00", 18.0, 17850),
    ("536002", "22423", 4, "2011-01-05 10:00", 12.75, None),
    ("536003", "84879", 10, "2011-01-06 11:00", 1.69, 13047),
    ("C536004", "84879", -4, "2011-01-08 12:00", 1.69, 13047),
    ("C536005", "21730", -2, "2011-01-09 12:00", 4.25, 13047),
    ("536006", "22633", 3, "2011-01-10 12:00", 0.0, 17850),
])
_RAW_2 = raw_rows([
    ("536010", "22720", 2, "2011-02-01 09:30", 4.95, 12347),
    ("C536011", "22720", -2, "2011-02-03 10:00", 4.95, 12347),
    ("536012", "22720", 1, "2011-02-05 14:00", 4.95, 12347),
])

q1 = _PairQuestion(
    "capstone_q1", "clean_transactions", inputs=("raw",),
    cases=[
        Case({"en": "one line of each rule", "zh": "每条规则各有一行"},
             (_RAW_1,),
             expected=(_table([("17850", "536001", "2011-01-04 09:00", 6, 2.55, 15.3, "85123A"),
                               ("13047", "536003", "2011-01-06 11:00", 6, 1.69, 10.14,
                                "84879")]),
                       _log([(1, 15.3), (1, 51.0), (1, 18.0), (2, 15.26), (0, 6.76), (1, 8.5),
                             (1, 0.0)])),
             hint={"en": "The second 85123A line is a duplicate (1 line, 15.30); the 22423 line "
                         "has no customer (51.00); POST is not a product (18.00). C536004 "
                         "cancels 4 of the 10 units of 536003: the line keeps 6, no line is "
                         "dropped (netted_orders: 0 lines, 6.76). C536005 finds no order "
                         "(unmatched: 1 line, 8.50). Both cancellation lines: 2 lines, 15.26. "
                         "The free 22633 line: non_positive, 1 line, 0.00.",
                   "zh": "第二行 85123A 是重复行（1 行，"
                         "15.30）；22423 那一行没有客户编号（51.00）；"
                         "POST 不是商品（18.00）。C536004 取消了 536003 的 10 件中的 4 件："
                         "该行保留 6 件，没有整行删除（netted_orders：0 行，6.76）。C536005 "
                         "找不到对应订单（unmatched：1 行，8.50）。两条取消行合计：2 行，15.26。"
                         "免费的 22633 那一行：non_positive，1 行，0.00。"}),
        Case({"en": "a cancellation that cancels a whole line", "zh": "取消了整行的取消单"},
             (_RAW_2,),
             expected=(_table([("12347", "536012", "2011-02-05 14:00", 1, 4.95, 4.95,
                                "22720")]),
                       _log([(0, 0.0), (0, 0.0), (0, 0.0), (1, 9.9), (1, 9.9), (0, 0.0),
                             (0, 0.0)])),
             hint={"en": "C536011 (3 February) cancels lines placed at or before it, the most "
                         "recent first: the 2 units of 536010. That line is cancelled in full "
                         "and dropped (netted_orders: 1 line, 9.90); 536012 comes later and "
                         "stays.",
                   "zh": "C536011（2 月 3 日）只能取消在它之前（或同时）下的订单行，从最近的开始："
                         "也就是 536010 的 2 件。这一行被全部取消并删除（netted_orders：1 行，"
                         "9.90）；536012 在取消之后下单，保留。"}),
        Case({"en": "no lines", "zh": "没有任何行"},
             (raw_rows([]),),
             expected=(_table([]), _log([(0, 0.0)] * 7)),
             hint={"en": "An empty raw table gives an empty table with the seven columns and a "
                         "log of seven rules, each with 0 lines and 0.0.",
                   "zh": "原始表为空时，返回有七列的空表，"
                         "以及七条规则、每条都是 0 行、0.0 的日志。"}),
    ],
    hints=[
        {"en": "You may (and should) call course.data.clean_online_retail(df, with_report=True) "
               "for the cancellations and the non-positive lines: it is the course's rule. "
               "What it does not do is the non-product rule: apply duplicates, no customer and "
               "non-product yourself first, in that order, and count each.",
         "zh": "取消单和非正数行可以（也应当）调用 course.data.clean_online_retail(df, "
               "with_report=True) 处理：这是课程规定的规则。它不处理“非商品行”：请先自己依次"
               "处理重复行、无客户编号、非商品行，并分别计数。"},
        {"en": "A product's stock code starts with five digits: "
               "df['StockCode'].astype(str).str.match(r'^\\d{5}'). The amount of a dropped line "
               "is |Quantity x UnitPrice|.",
         "zh": "商品的库存代码以五位数字开头：df['StockCode'].astype(str).str.match(r'^\\d{5}')。"
               "被删除行的金额是 |Quantity × UnitPrice|。"},
        {"en": "The log has the columns rule, lines, amount; its rules, in order: "
               + ", ".join(_LOG_RULES) + ". Take the last four rows from the course function's "
               "report; round amounts to 2 decimals.",
         "zh": "日志包含 rule、lines、amount 三列，规则依次为：" + "、".join(_LOG_RULES)
               + "。后四行取自课程函数的报告；金额保留 2 位小数。"},
    ],
)

# ------------------------------------------------------------ q2: segment_customers

_SEG_LINES = _lines([
    ("a", "a1", "2011-01-10", 1, 100.0), ("a", "a2", "2011-06-01", 1, 100.0),
    ("a", "a3", "2011-12-01", 1, 100.0),
    ("b", "b1", "2011-02-01", 2, 25.0), ("b", "b2", "2011-12-05", 1, 50.0),
    ("c", "c1", "2011-03-01", 4, 10.0),
    ("d", "d1", "2011-01-05", 1, 25.0), ("d", "d2", "2011-02-05", 1, 25.0),
    ("d", "d3", "2011-03-05", 1, 25.0), ("d", "d4", "2011-04-05", 1, 25.0),
    ("e", "e1", "2011-11-20", 2, 230.0),
])
_SEG_COLUMNS = ["recency", "frequency", "monetary", "tenure", "r_score", "f_score", "m_score",
                "segment", "abc"]

q2 = _CapstoneQuestion(
    "capstone_q2", "segment_customers", inputs=("table", "as_of"),
    cases=[
        Case({"en": "five customers, one of each kind", "zh": "五位客户，各属一类"},
             (_SEG_LINES, "2011-12-10"),
             expected=_frame({
                 "a": [9, 3, 300.0, 334, 4, 4, 4, "core", "A"],
                 "b": [5, 2, 100.0, 312, 5, 3, 2, "regular", "A"],
                 "c": [284, 1, 40.0, 284, 1, 1, 1, "dormant", "C"],
                 "d": [249, 4, 100.0, 339, 2, 5, 2, "lapsing", "A"],
                 "e": [20, 1, 460.0, 20, 3, 1, 5, "new", "A"]}, _SEG_COLUMNS, "customer_id"),
             hint={"en": "With 5 customers a score is 1 + the number of customers strictly "
                         "worse. e's first purchase is 20 days before as_of: new, whatever its "
                         "scores. a has R 4 and F 4: core; b R 5, F 3: regular; d R 2, F 5: "
                         "lapsing; c R 1, F 1: dormant. ABC: b and d tie at 100; the customers "
                         "above them bring 76 % < 80 %, so both are A; c has 96 % above: C.",
                   "zh": "5 位客户时，得分 = 1 + 严格比他差的客户数。"
                         "e 的首次购买在 as_of 前 20 天："
                         "无论得分如何都是新客户。a 的 R 为 4、"
                         "F 为 4：核心客户；b 的 R 为 5、F 为 3："
                         "常客；d 的 R 为 2、F 为 5：渐失客户；c 的 R、F 都是 1：沉睡客户。ABC："
                         "b 和 d 并列 100；排在他们前面的客户占 76% < 80%，所以两人都是 A；"
                         "c 前面已占 96%：C。"}),
        Case({"en": "one customer", "zh": "只有一位客户"},
             (_lines([("z", "z1", "2011-05-01", 1, 30.0), ("z", "z2", "2011-07-01", 1, 20.0)]),
              pd.Timestamp("2011-12-10")),
             expected=_frame({"z": [162, 2, 50.0, 223, 1, 1, 1, "dormant", "A"]}, _SEG_COLUMNS,
                             "customer_id"),
             hint={"en": "Alone, nobody is worse: every score is 1, so z (not new: 223 days) is "
                         "dormant; z brings 100 % of the value: A.",
                   "zh": "只有一位客户时没有人比他差：各项得分都是 1，所以 z（已有 223 天，不是新"
                         "客户）是沉睡客户；z 带来全部价值：A 类。"}),
        Case({"en": "no lines", "zh": "没有任何行"},
             (_lines([]), "2011-12-10"),
             expected=_frame({}, _SEG_COLUMNS, "customer_id"),
             hint={"en": "An empty table gives an empty result with the nine columns.",
                   "zh": "输入为空时，返回只有九列的空表。"}),
    ],
    hints=[
        {"en": "Start from chapter 5: recency, frequency and monetary from the sale lines, "
               "recency in days from the day of the last purchase to as_of; tenure the same "
               "from the first purchase.",
         "zh": "从第 5 章的方法出发：用销售行计算 recency、frequency、monetary，recency 是最后"
               "一次购买日到 as_of 的天数；tenure 同样计算，但从首次购买日算起。"},
        {"en": "Scores as in chapter 5 (5 levels): 1 + floor(5 x (number strictly worse) / n), "
               "with rank(method='min'); a smaller recency is better.",
         "zh": "得分与第 5 章相同（5 级）：1 + floor(5 × 严格更差的人数 / n)，用 "
               "rank(method='min')；recency 越小越好。"},
        {"en": "The segment, in this order: tenure < new_days: new; R >= 4 and F >= 4: core; "
               "R >= 3 and F >= 3: regular; R >= 3: occasional; F >= 3: lapsing; else dormant. "
               "abc: chapter 5's ABC rule (0.8, 0.95) on monetary.",
         "zh": "客群按以下顺序判断：tenure < new_days：new；R >= 4 且 F >= 4：core；"
               "R >= 3 且 F >= 3：regular；R >= 3：occasional；F >= 3：lapsing；其余：dormant。"
               "abc：对 monetary 使用第 5 章的 ABC 规则（0.8，0.95）。"},
    ],
    row_noun=_CUSTOMER,
)

# ---------------------------------------------------------------- q3: segment_value

_ACTIVITY = _lines([("a", "1", "2011-03-01", 4, 25.0), ("a", "1", "2011-03-01", 2, 10.0),
                    ("a", "2", "2011-04-01", 1, 30.0), ("b", "3", "2011-03-05", 10, 6.0),
                    ("b", "C3", "2011-03-08", -5, 6.0), ("c", "4", "2011-05-01", 2, 50.0),
                    ("x", "5", "2011-05-02", 1, 999.0)])
_SEGS = pd.Series({"a": "core", "b": "core", "c": "dormant"}).rename_axis("customer_id")
_MODEL = {"margin": 0.25, "cost_per_order": 5.0, "cost_per_line": 1.0, "cost_per_return": 3.0}
_VALUE_COLUMNS = ["customers", "revenue", "orders", "returns", "cost_to_serve", "profit",
                  "profit_per_customer"]

q3 = _CapstoneQuestion(
    "capstone_q3", "segment_value", inputs=("activity", "segments", "cost_model"),
    cases=[
        Case({"en": "two segments, a return line, a customer without a segment",
              "zh": "两个客群、一行退货、一位没有客群的客户"},
             (_ACTIVITY, _SEGS, _MODEL),
             expected=_frame({"core": [2, 180.0, 3, 1, 22.0, 23.0, 11.5],
                              "dormant": [1, 100.0, 1, 0, 6.0, 19.0, 19.0]},
                             _VALUE_COLUMNS, "segment"),
             hint={"en": "Chapter 6 per customer: a costs 5 x 2 + 1 x 3 = 13 and makes "
                         "0.25 x 150 - 13 = 24.5; b's return (-30) comes off revenue and costs "
                         "3: 0.25 x 30 - 9 = -1.5. core = a + b: 180 revenue, 22 cost, profit 23, "
                         "11.5 per customer. x has no segment: left out.",
                   "zh": "按第 6 章逐个客户计算：a 的成本 5 × 2 + 1 × 3 = 13，"
                         "利润 0.25 × 150 - 13 = "
                         "24.5；b 的退货（-30）从销售额中扣除并计一次退货成本 3：0.25 × 30 - 9 = "
                         "-1.5。core = a + b：销售额 180，成本 22，利润 23，人均 11.5。x 没有客群："
                         "不计入。"}),
        Case({"en": "a customer of a segment without any line", "zh": "客群中有一位客户没有任何行"},
             (_ACTIVITY, pd.concat([_SEGS, pd.Series({"q": "dormant"})]), _MODEL),
             expected=_frame({"core": [2, 180.0, 3, 1, 22.0, 23.0, 11.5],
                              "dormant": [2, 100.0, 1, 0, 6.0, 19.0, 9.5]},
                             _VALUE_COLUMNS, "segment"),
             hint={"en": "q is in dormant but has no line: q still counts as a customer of "
                         "dormant (with zeros), so its profit per customer is 19 / 2 = 9.5.",
                   "zh": "q 属于 dormant 但没有任何行：仍算作 dormant 的一位客户（各项为 0），"
                         "所以人均利润是 19 / 2 = 9.5。"}),
    ],
    hints=[
        {"en": "Keep the lines of the customers in segments (isin), compute chapter 6's "
               "profit per customer (you may call course.sims.selection.customer_profit or "
               "your own), and reindex it on every customer of segments with 0.",
         "zh": "只保留 segments 中客户的行（isin），按第 6 章计算每位客户的利润（可以调用 "
               "course.sims.selection.customer_profit 或你自己的函数），再按 segments 中全部客户 "
               "reindex，缺失的填 0。"},
        {"en": "Add the segment as a column and groupby('segment'): customers = size, the other "
               "columns sums; profit_per_customer = profit / customers.",
         "zh": "把客群加为一列，再 groupby('segment')：customers 是人数，其余各列求和；"
               "profit_per_customer = profit / customers。"},
    ],
    row_noun=_SEGMENT,
)

# ------------------------------------------------------------------ q4: segment_clv

_CLV_LINES = _lines([("p1", "1", "2011-03-01", 1, 10.0), ("p1", "2", "2011-07-01", 1, 10.0),
                     ("p2", "3", "2011-05-01", 1, 10.0), ("p3", "4", "2011-06-11", 1, 10.0),
                     ("q1", "5", "2011-02-01", 1, 10.0), ("q1", "6", "2011-12-10", 1, 10.0)])
_MID = pd.Series({"p1": "core", "p2": "core", "p3": "core", "q1": "dormant"})
_CLV_VALUE = _frame({"core": [40.0], "dormant": [10.0], "new": [-4.0]},
                    ["profit_per_customer"], "segment")

q4 = _CapstoneQuestion(
    "capstone_q4", "segment_clv", inputs=("table", "segments_mid", "value"),
    cases=[
        Case({"en": "orders on mid and on as_of", "zh": "恰好在 mid 和 as_of 当天的订单"},
             (_CLV_LINES, _MID, _CLV_VALUE, pd.Timestamp("2011-12-10"), 0.1),
             expected=_frame({"core": [3, 2, 2 / 3, 20.0, 20 * (2 / 3) / (1.1 - 2 / 3)],
                              "dormant": [1, 0, 0.0, 5.0, 0.0],
                              "new": [0, 0, np.nan, -2.0, np.nan]},
                             ["at_mid", "retained", "retention", "margin", "clv"], "segment"),
             hint={"en": "mid is 182 days before 2011-12-10: 2011-06-11. p1 (1 July) and p3 "
                         "(on mid itself) order again, p2 does not: core keeps 2 of 3. q1's order "
                         "on as_of does not count: dormant keeps 0 of 1. new had nobody at mid: "
                         "retention and CLV NaN. margin = profit per customer / 2; "
                         "clv = 20 x (2/3) / (1 + 0.1 - 2/3).",
                   "zh": "mid 是 2011-12-10 之前 182 天，即 2011-06-11。p1（7 月 1 日）和 p3（恰在 "
                         "mid 当天）再次下单，p2 没有：core 3 人中留住 2 人。q1 在 as_of 当天的订单"
                         "不算：dormant 1 人中留住 0 人。new 在 mid 时没有客户：留存率和 CLV 都是 "
                         "NaN。margin = 人均利润 / 2；clv = 20 × (2/3) / (1 + 0.1 - 2/3)。"}),
        Case({"en": "everyone retained, no discounting", "zh": "全部留住、不折现"},
             (_CLV_LINES, pd.Series({"p1": "core", "p3": "core", "p2": "dormant"}),
              _CLV_VALUE.drop(index="new").assign(profit_per_customer=[40.0, -10.0]),
              pd.Timestamp("2011-12-10"), 0.0),
             expected=_frame({"core": [2, 2, 1.0, 20.0, np.inf],
                              "dormant": [1, 0, 0.0, -5.0, 0.0]},
                             ["at_mid", "retained", "retention", "margin", "clv"], "segment"),
             hint={"en": "p1 and p3 both order again: core's retention is 1, and with discount 0 "
                         "the denominator 1 + 0 - 1 is 0. As in chapter 7 the CLV is then "
                         "infinite: np.inf (it would be -np.inf for a negative margin). Test "
                         "the denominator before you divide.",
                   "zh": "p1 和 p3 都再次下单：core 的留存率是 1，折现率为 0 时分母 1 + 0 - 1 = 0。"
                         "与第 7 章相同，这时 CLV 为无穷大：np.inf（利润为负时是 -np.inf）。"
                         "请先判断分母，再做除法。"}),
    ],
    hints=[
        {"en": "mid = as_of - 182 days (normalize the dates to days). A customer is retained "
               "if it has a sale line with mid <= day < as_of.",
         "zh": "mid = as_of - 182 天（日期先取到天）。一位客户在 mid <= 日期 < as_of 之间有销售行，"
               "就算留住了。"},
        {"en": "For each segment of value's index: at_mid = its customers in segments_mid, "
               "retained = how many of them are retained, retention = retained / at_mid "
               "(NaN when at_mid is 0).",
         "zh": "对 value 索引中的每个客群：at_mid = 它在 segments_mid 中的客户数，retained = "
               "其中留住的人数，retention = retained / at_mid（at_mid 为 0 时为 NaN）。"},
        {"en": "margin = value['profit_per_customer'] / 2 (a half-year); chapter 7's infinite "
               "horizon: clv = margin x r / (1 + discount - r).",
         "zh": "margin = value['profit_per_customer'] / 2（半年）；第 7 章的无限期公式："
               "clv = margin × r / (1 + discount - r)。"},
        {"en": "When 1 + discount - r is 0 the CLV is np.inf for a positive margin, -np.inf for "
               "a negative one (chapter 7's rule), not an error.",
         "zh": "1 + discount - r 等于 0 时，利润为正 CLV 是 np.inf，为负是 -np.inf（第 7 章的"
               "规则），不要报错。"},
    ],
    row_noun=_SEGMENT,
)

# ---------------------------------------------------------------- q5: action_plan

_PLAN_TABLE = _frame({"k1": [50.0, "core", 300.0], "k2": [20.0, "lapsing", 10.0],
                      "k3": [-15.0, "core", 300.0], "k4": [-8.0, "dormant", 5.0],
                      "k5": [-30.0, "new", -10.0], "k6": [0.0, "occasional", np.nan]},
                     ["profit", "segment", "clv"], "customer_id")


def _actions(values: dict) -> pd.Series:
    return pd.Series(values, dtype="str").rename_axis("customer_id")


q5 = _CapstoneQuestion(
    "capstone_q5", "action_plan", inputs=("customers",),
    cases=[
        Case({"en": "one customer of each action, a new one, no CLV",
              "zh": "每种对策各一位客户、一位新客户、一位没有 CLV"},
             (_PLAN_TABLE, 0.0, 50.0),
             expected=_actions({"k1": "serve", "k2": "develop", "k3": "reprice",
                                "k4": "let_go", "k5": "develop", "k6": "develop"}),
             hint={"en": "k3 loses money but its segment is worth 300: reprice. k4 loses money "
                         "in a segment worth 5 < 50: let go. k5 is new: develop, whatever the "
                         "numbers; k6's segment has no CLV (NaN): develop.",
                   "zh": "k3 亏损，但所在客群的 CLV 为 300：调价。k4 亏损，所在客群的 CLV 只有 "
                         "5 < 50：放弃。k5 是新客户：无论数字如何都培育；k6 所在客群没有 CLV"
                         "（NaN）：培育。"}),
        Case({"en": "values exactly at the thresholds", "zh": "数值恰好等于阈值"},
             (_frame({"e1": [0.0, "core", 50.0], "e2": [-0.01, "core", 50.0],
                      "e3": [0.0, "lapsing", 49.99]}, ["profit", "segment", "clv"],
                     "customer_id"), 0.0, 50.0),
             expected=_actions({"e1": "serve", "e2": "reprice", "e3": "develop"}),
             hint={"en": "A value equal to its threshold is high (>=): e1 serves; a cent below "
                         "is low.",
                   "zh": "数值等于阈值算“高”（>=）：e1 维持服务；低一分钱就算“低”。"}),
    ],
    value_noun={"en": "action", "zh": "对策"},
    hints=[
        {"en": "First: segment 'new' or clv NaN -> 'develop'. Otherwise profit >= min_profit "
               "and clv >= min_clv -> 'serve'; only profit -> 'develop'; only clv -> "
               "'reprice'; neither -> 'let_go'.",
         "zh": "先判断：segment 为 'new' 或 clv 为 NaN -> 'develop'。否则 profit >= min_profit "
               "且 clv >= min_clv -> 'serve'；只有 profit 达标 -> 'develop'；只有 clv 达标 -> "
               "'reprice'；都不达标 -> 'let_go'。"},
        {"en": "np.select with the conditions in that order does it; return a Series indexed "
               "like customers.",
         "zh": "按上述顺序用 np.select 即可；返回与 customers 索引相同的 Series。"},
    ],
    row_noun=_CUSTOMER,
)

# ---------------------------------------------------------------- q6: profit_effect

_EFFECT = _frame({"a": [50.0, 20.0], "b": [-10.0, 30.0], "c": [5.0, 10.0]},
                 ["profit", "cost_to_serve"], "customer_id")
_PLAN = _actions({"a": "serve", "b": "let_go", "c": "let_go"})

q6 = _CapstoneQuestion(
    "capstone_q6", "profit_effect", inputs=("customers", "plan"),
    cases=[
        Case({"en": "half of the let-go customers' cost stays",
              "zh": "被放弃客户的成本有一半省不下来"},
             (_EFFECT, _PLAN, 0.5), expected=30.0,
             hint={"en": "Today 50 - 10 + 5 = 45. Letting b and c go removes their profit "
                         "(-10 + 5 = -5) and leaves half their cost (0.5 x 40 = 20): "
                         "45 + 5 - 20 = 30.",
                   "zh": "现在是 50 - 10 + 5 = 45。放弃 b 和 c，去掉他们的利润（-10 + 5 = -5），"
                         "但他们的成本有一半留下（0.5 × 40 = 20）：45 + 5 - 20 = 30。"}),
        Case({"en": "no cost stays", "zh": "成本全部省下"},
             (_EFFECT, _PLAN, 0.0), expected=50.0,
             hint={"en": "45 - (-10) - 5 = 50.", "zh": "45 - (-10) - 5 = 50。"}),
        Case({"en": "nobody let go", "zh": "没有放弃任何客户"},
             (_EFFECT, _actions({"a": "serve", "b": "reprice", "c": "develop"}), 0.5),
             expected=45.0,
             hint={"en": "Only 'let_go' changes the profit here: today's 45.",
                   "zh": "这里只有 'let_go' 会改变利润：仍是现在的 45。"}),
    ],
    hints=[
        {"en": "Chapter 6's rule for each customer let go: the total changes by -profit - "
               "fixed_share x cost_to_serve. Repricing and developing are not in this number.",
         "zh": "第 6 章的规则：每放弃一位客户，总利润变化 -profit - fixed_share × cost_to_serve。"
               "调价和培育的效果不计入这个数。"},
        {"en": "Match the plan to the table by customer id (plan may be in another order): "
               "gone = plan.reindex(customers.index) == 'let_go'.",
         "zh": "按客户编号把 plan 与表对应（plan 的顺序可能不同）："
               "gone = plan.reindex(customers.index) == 'let_go'。"},
    ],
)

# ---------------------------------------------------------------- q7: my_numbers

q7 = NumbersQuestion(
    "capstone_q7", "my_numbers",
    counts=("customers", "non_product_lines", "core_customers", "let_go_customers"),
    amounts=("best_segment_profit", "profit_today", "profit_after_plan"),
    hints=[
        {"en": "customers: distinct customer ids of your cleaned table; non_product_lines: the "
               "log's non_product row; core_customers: customers whose segment is 'core'.",
         "zh": "customers：清洗后表中不同客户编号的个数；non_product_lines：日志中 non_product "
               "那一行；core_customers：客群为 'core' 的客户数。"},
        {"en": "best_segment_profit: the largest profit in your segment value table (default "
               "cost model); profit_today: the sum of that column.",
         "zh": "best_segment_profit：客群价值表（默认成本模型）中最大的利润；profit_today："
               "该列之和。"},
        {"en": "let_go_customers and profit_after_plan: your plan with the defaults "
               "(min_profit 0, min_clv 50, fixed_share 0.5), from the cells above.",
         "zh": "let_go_customers 和 profit_after_plan：用默认参数（min_profit 0、min_clv 50、"
               "fixed_share 0.5）制定的方案，见上面的单元格。"},
    ],
    field_hints={"customers": 1, "non_product_lines": 1, "core_customers": 1,
                 "best_segment_profit": 2, "profit_today": 2, "let_go_customers": 3,
                 "profit_after_plan": 3},
)
