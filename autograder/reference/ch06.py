"""Chapter 6 (customer selection): reference answers, hidden cases, quiz key, demo class.

The reference functions are written independently of ``course.sims.selection``
(plain loops and dicts), so a test that the two agree checks both.

Examples
--------
>>> import pandas as pd
>>> ref_whale_curve(pd.Series({"a": -20.0, "b": 90.0, "c": 30.0}))["cum_share"].tolist()
[0.9, 1.2, 1.0]
>>> sorted(QUESTIONS)[:2]
['ch06_q1', 'ch06_q2']
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from autograder.reference._cases import (
    Case,
    Question,
    compare_frames,
    numbers_question,
    quiz_question,
)

# the hidden cases' building blocks, under the short names the cases use
from autograder.reference._cases import empty_transactions as _empty_tx
from autograder.reference._cases import random_day as _day
from autograder.reference._cases import random_price as _price
from autograder.reference._cases import with_rows as _with
from course.synthetic import rng_from_seed
from course.synthetic.selection import (
    make_accounts,
    make_selection_transactions,
    selection_transactions_for_student,
)

#: The course's default cost model (the same numbers as course.sims.selection.COST_MODEL,
#: written out again so that the reference does not import the lecture's model).
DEFAULT_MODEL = {"margin": 0.30, "cost_per_order": 25.0, "cost_per_line": 1.0,
                 "cost_per_return": 10.0}
PROFIT_COLUMNS = ["revenue", "orders", "lines", "returns", "cost_to_serve", "profit"]

# ---------------------------------------------------------------- reference answers


def ref_customer_profit(transactions: pd.DataFrame, margin: float = 0.30,
                        cost_per_order: float = 25.0, cost_per_line: float = 1.0,
                        cost_per_return: float = 10.0) -> pd.DataFrame:
    """Net revenue, orders, sale lines, return lines, cost to serve and profit per customer."""
    revenue: dict[str, float] = {}
    orders: dict[str, set] = {}
    lines: dict[str, int] = {}
    returns: dict[str, int] = {}
    for row in transactions.itertuples(index=False):
        cid = str(row.customer_id)
        revenue[cid] = revenue.get(cid, 0.0) + float(row.amount)
        orders.setdefault(cid, set())
        lines.setdefault(cid, 0)
        returns.setdefault(cid, 0)
        if row.quantity > 0:
            orders[cid].add(row.order_id)
            lines[cid] += 1
        elif row.quantity < 0:
            returns[cid] += 1
    ids = sorted(revenue)
    rows = []
    for cid in ids:
        cost = (cost_per_order * len(orders[cid]) + cost_per_line * lines[cid]
                + cost_per_return * returns[cid])
        rows.append((revenue[cid], len(orders[cid]), lines[cid], returns[cid], float(cost),
                     margin * revenue[cid] - cost))
    out = pd.DataFrame(rows, columns=PROFIT_COLUMNS, index=pd.Index(ids, name="customer_id"))
    return out.astype({"revenue": "float64", "orders": "int64", "lines": "int64",
                       "returns": "int64", "cost_to_serve": "float64", "profit": "float64"})


def _sorted_ids(values: dict, largest_first: bool) -> list:
    sign = -1.0 if largest_first else 1.0
    return sorted(values, key=lambda cid: (sign * values[cid], str(cid)))


def ref_whale_curve(profit: pd.Series) -> pd.DataFrame:
    """Customers by profit, largest first (ties by id as text), with the running share."""
    values = {cid: float(v) for cid, v in profit.items()}
    ids = _sorted_ids(values, largest_first=True)
    n = len(ids)
    total = sum(values.values())
    rows, running = [], 0.0
    for rank, cid in enumerate(ids, start=1):
        running += values[cid]
        rows.append((values[cid], rank, rank / n, running,
                     running / total if total > 0 else float("nan")))
    out = pd.DataFrame(rows, columns=["profit", "rank", "customer_share", "cum_profit",
                                      "cum_share"],
                       index=pd.Index(ids, name=profit.index.name))
    return out.astype({"rank": "int64"})


def ref_profit_after_dropping(table: pd.DataFrame, k: int, fixed_share: float) -> float:
    """Total profit minus the k lowest profits (ties by id) minus fixed_share of their cost."""
    if int(k) != k or not 0 <= k <= len(table):
        raise ValueError(f"k must be a whole number from 0 to {len(table)}, got {k!r}")
    if not 0 <= fixed_share <= 1:
        raise ValueError(f"fixed_share must be between 0 and 1, got {fixed_share}")
    profit = {cid: float(v) for cid, v in table["profit"].items()}
    cost = {cid: float(v) for cid, v in table["cost_to_serve"].items()}
    total = sum(profit.values())
    for cid in _sorted_ids(profit, largest_first=False)[:int(k)]:
        total -= profit[cid] + fixed_share * cost[cid]
    return float(total)


_STRATEGY = {"keystone": "invest", "mainstay": "maintain", "prospect": "develop",
             "marginal": "streamline"}


def ref_value_matrix(customers: pd.DataFrame, current_cut: float,
                     potential_cut: float) -> pd.DataFrame:
    """Quadrant and strategy: high current means >= current_cut and > 0."""
    kinds = []
    for row in customers.itertuples(index=False):
        high_c = row.current_value >= current_cut and row.current_value > 0
        high_p = row.potential_value >= potential_cut
        kinds.append("keystone" if high_c and high_p else "mainstay" if high_c
                     else "prospect" if high_p else "marginal")
    return pd.DataFrame({"quadrant": kinds, "strategy": [_STRATEGY[k] for k in kinds]},
                        index=pd.Index(customers["customer_id"].astype(str),
                                       name="customer_id"), dtype="str")


def ref_my_numbers(student_id: str) -> dict:
    """The numbers of task ch06_q6 on the chapter-6 data set of ``student_id``."""
    table = ref_customer_profit(selection_transactions_for_student(student_id),
                                **DEFAULT_MODEL)
    losers = table["profit"] < 0
    profit = {cid: float(v) for cid, v in table["profit"].items()}
    cost = {cid: float(v) for cid, v in table["cost_to_serve"].items()}
    results = [sum(profit.values())]  # k = 0, 1, 2, ...: drop one more each time
    for cid in _sorted_ids(profit, largest_first=False):
        results.append(results[-1] - profit[cid] - 0.5 * cost[cid])
    best = max(results)
    revenue = float(table["revenue"].sum())
    return {
        "customers": int(len(table)),
        "unprofitable": int(losers.sum()),
        "best_drop": int(next(k for k, v in enumerate(results) if v >= best - 1e-9)),
        "loss_revenue_share": float(table.loc[losers, "revenue"].sum()) / revenue
        if revenue else 0.0,
    }


def compare_amount(expected, got) -> tuple[bool, str]:
    """A single amount of money, within a cent or 1e-6 of it.

    Examples
    --------
    >>> compare_amount(10.0, 10.004)
    (True, '')
    >>> compare_amount(10.0, "10")
    (False, 'expected a number, got str')
    """
    if isinstance(got, bool) or not isinstance(got, int | float | np.integer | np.floating):
        return False, f"expected a number, got {type(got).__name__}"
    if not math.isfinite(float(got)):
        return False, f"expected a finite number, got {got}"
    if abs(float(got) - float(expected)) <= max(0.005, 1e-6 * abs(float(expected))):
        return True, ""
    return False, f"expected {float(expected):.2f}, got {float(got):.2f}"


#: The quiz of ch06_q5: item -> letter. Every item applies an idea to a case.
QUIZ_KEY = {"1": "c", "2": "a", "3": "b", "4": "b", "5": "c", "6": "a", "7": "b", "8": "a"}

#: What each quiz item tests, for item analysis.
QUIZ_ITEMS = {
    "1": "Sprint 2007: what the carrier gained (service cost) and risked (a public backlash)",
    "2": "Best Buy's 'devils': price the costly behaviour (restocking fee), keep the customer",
    "3": "whale curve: dropping loss-makers gains only the cost that really goes away",
    "4": "fixed cost that stays: a -£200 customer with £1,000 cost, 40 % fixed: profit falls",
    "5": "value matrix: a small account with a large wallet is a prospect to develop",
    "6": "Citibank Shanghai 2002: a small-balance fee is selection by price, with a backlash risk",
    "7": "taxi in China: reading signals is allowed, refusing passengers (拒载) is not",
    "8": "hurricane insurers: less catastrophe risk, but regulators and reputation",
}

#: Tasks graded by hand in nbgrader's formgrader: grade_id -> points.
MANUAL = {"ch06_q7": 3}

# ---------------------------------------------------------------- hidden cases


def _model(rng) -> dict:
    return {"margin": round(float(rng.uniform(0.2, 0.45)), 2),
            "cost_per_order": float(rng.integers(5, 40)),
            "cost_per_line": round(float(rng.uniform(0.2, 2.0)), 1),
            "cost_per_return": float(rng.integers(3, 20))}


def cases_customer_profit(seed) -> list[Case]:
    """Hidden inputs of ch06_q1: every named edge case, on each student's own numbers.

    Examples
    --------
    >>> [c.name for c in cases_customer_profit("s001")][:2]
    ['generated shop, default model', 'generated shop, another model']
    """
    rng = rng_from_seed(f"{seed}:q1")
    shop = make_selection_transactions(n_customers=35, seed=f"{seed}:shop")
    small = make_selection_transactions(n_customers=10, seed=f"{seed}:small")
    day = _day(rng)
    model = _model(rng)
    only_returns = _with(small, [("X1", "C990001", day, -int(rng.integers(1, 4)), _price(rng)),
                                 ("X1", "C990002", day + pd.Timedelta(days=3), -1,
                                  _price(rng))])
    n_lines = int(rng.integers(3, 7))
    lines = _with(small, [("M1", "991001", day, int(rng.integers(1, 5)), _price(rng))
                          for _ in range(n_lines)])
    free = _with(small, [("F1", "992001", day, 2, _price(rng)),
                         ("F1", "992001", day, 1, 0.0), ("F2", "992002", day, 3, 0.0)])
    returns = _with(small, [("R1", "993001", day, 4, 10.0),
                            ("R1", "C993001", day + pd.Timedelta(days=2), -4, 10.0),
                            ("R1", "993002", day + pd.Timedelta(days=5), 1, _price(rng))])
    # a customer whose cost to serve is larger than its margin: many small orders
    tiny = _with(small, [("L1", f"99400{i}", day + pd.Timedelta(days=i), 1,
                          round(float(rng.uniform(1, 4)), 2)) for i in range(1, 6)])
    shuffled = shop.sample(frac=1.0, random_state=int(rng.integers(1000)))
    shuffled.index = rng.permutation(len(shuffled)) + 1000
    return [
        Case("generated shop, default model", (shop,), dict(DEFAULT_MODEL),
             "a generated wholesaler of 35 customers with returns; the default cost model"),
        Case("generated shop, another model", (shop,), model,
             "the same shop under a cost model of the student's own"),
        Case("return lines", (returns,), model,
             "a return line takes its amount off revenue and costs one return"),
        Case("a customer with no sales", (only_returns,), model,
             "a customer who only returned goods has a row: no orders, negative revenue "
             "and profit"),
        Case("several lines in one order", (lines,), model,
             "one order of several lines: one order, several lines"),
        Case("a free item (amount 0)", (free,), model,
             "a free item is a sale line: it costs a line and brings no revenue"),
        Case("a loss-making customer", (tiny,), {"margin": 0.3, "cost_per_order": 20.0,
                                                "cost_per_line": 1.0, "cost_per_return": 5.0},
             "many tiny orders: the cost to serve exceeds the margin, profit is negative"),
        Case("margin 0", (small,), {"margin": 0.0, "cost_per_order": 10.0,
                                    "cost_per_line": 1.0, "cost_per_return": 5.0},
             "no margin: every customer's profit is minus its cost to serve"),
        Case("rows not numbered 0, 1, 2, ...", (shuffled,), dict(DEFAULT_MODEL),
             "a shuffled row index: the result is indexed by customer_id"),
        Case("empty input", (_empty_tx(),), dict(DEFAULT_MODEL),
             "no transactions: an empty table with the six columns"),
    ]


def _named(values, prefix: str, rng) -> pd.Series:
    ids = [f"{prefix}{i:02d}" for i in rng.permutation(len(values))]
    return pd.Series(np.asarray(values, dtype=float), index=pd.Index(ids, name="customer_id"))


def cases_whale_curve(seed) -> list[Case]:
    """Hidden inputs of ch06_q2: ties, a total at or below zero, ids sorted as text.

    Examples
    --------
    >>> [c.name for c in cases_whale_curve(0)][1]
    'equal profits (ties)'
    """
    rng = rng_from_seed(f"{seed}:q2")
    profit = ref_customer_profit(make_selection_transactions(50, seed=f"{seed}:curve"),
                                 **DEFAULT_MODEL)["profit"]
    tied = float(rng.integers(20, 200))
    ties = _named([tied] * int(rng.integers(2, 5)) + list(np.round(rng.normal(100, 150, 8), 2)),
                  "T", rng)
    negative = _named(list(np.round(rng.normal(-50, 40, 6), 2)) + [float(rng.integers(5, 30))],
                      "N", rng)
    zero = _named([100.0, -60.0, -40.0, float(rng.integers(1, 9)),
                   -float(rng.integers(1, 9))], "Z", rng)
    zero.iloc[3] = -zero.iloc[4]  # the five profits add up to exactly 0
    numeric = pd.Series(np.round(rng.normal(50, 60, 12), 2),
                        index=pd.Index([str(i) for i in rng.permutation(12) + 1],
                                       name="customer_id"))
    # equal profits on ids "2", "9" and "10": as text "10" < "2" < "9", as numbers 2 < 9 < 10
    numeric[numeric.index.isin(["2", "9", "10"])] = float(rng.integers(10, 40))
    positive = _named(np.round(rng.lognormal(4, 1, 10), 2), "P", rng)
    return [
        Case("generated profits", (profit,), {},
             "50 generated customers under the default cost model"),
        Case("equal profits (ties)", (ties,), {},
             "equal profits are listed by customer id"),
        Case("total profit negative", (negative,), {},
             "customers lose money in total: cum_share is NaN on every row"),
        Case("total profit exactly zero", (zero,), {},
             "the profits add up to 0: cum_share is NaN on every row"),
        Case("ids sorted as text", (numeric,), {},
             "ids '1' to '12' with ties: '10' comes before '2' (text order)"),
        Case("every customer profitable", (positive,), {},
             "no loss-makers: the curve ends at its peak, 100 %"),
        Case("one customer", (_named([float(rng.integers(5, 90))], "S", rng),), {},
             "a single customer: share 1"),
        Case("empty input", (pd.Series([], dtype="float64",
                                       index=pd.Index([], name="customer_id")),), {},
             "no customers: an empty table with the five columns"),
    ]


def _profit_table(rng, prefix: str, n: int) -> pd.DataFrame:
    cost = np.round(rng.uniform(20, 400, n), 2)
    profit = np.round(rng.normal(60, 150, n), 2)
    ids = [f"{prefix}{i:02d}" for i in rng.permutation(n)]
    return pd.DataFrame({"profit": profit, "cost_to_serve": cost},
                        index=pd.Index(ids, name="customer_id"))


def cases_profit_after_dropping(seed) -> list[Case]:
    """Hidden inputs of ch06_q3: k = 0 and k = n, fixed shares 0 and 1, a tie at the cut.

    Examples
    --------
    >>> len(cases_profit_after_dropping("s001"))
    8
    """
    rng = rng_from_seed(f"{seed}:q3")
    table = ref_customer_profit(make_selection_transactions(40, seed=f"{seed}:drop"),
                                **DEFAULT_MODEL)[["profit", "cost_to_serve"]]
    losers = int((table["profit"] < 0).sum())
    small = _profit_table(rng, "D", int(rng.integers(8, 14)))
    # two customers of equal (lowest) profit but different costs: which one goes first matters
    tie = small.copy()
    low = float(tie["profit"].min()) - float(rng.integers(5, 50))
    tie.iloc[:2, 0] = low
    tie.iloc[0, 1], tie.iloc[1, 1] = 50.0, 300.0
    fixed = round(float(rng.uniform(0.2, 0.8)), 2)
    return [
        Case("drop the loss-makers", (table, losers, fixed), {},
             "drop exactly the loss-making customers with part of their cost fixed"),
        Case("drop some, generated", (table, int(rng.integers(1, 15)), fixed), {},
             "a generated table, a few customers dropped"),
        Case("k = 0", (small, 0, fixed), {}, "nobody dropped: today's total profit"),
        Case("drop everyone", (small, len(small), fixed), {},
             "k equal to the number of customers: minus the fixed cost of all"),
        Case("no cost stays", (small, int(rng.integers(1, 5)), 0.0), {},
             "fixed_share 0: the total minus the dropped customers' profits"),
        Case("all cost stays", (small, int(rng.integers(1, 5)), 1.0), {},
             "fixed_share 1: the firm loses their gross margin and saves nothing"),
        Case("a tie at the cut", (tie, 1, fixed), {},
             "two customers with the same lowest profit: the smaller id goes first"),
        Case("rows in another order", (small.sample(frac=1.0, random_state=int(
            rng.integers(1000))), int(rng.integers(2, 6)), fixed), {},
             "shuffled rows: the k least profitable, wherever they are"),
    ]


def cases_value_matrix(seed) -> list[Case]:
    """Hidden inputs of ch06_q4: values at the cut-offs, loss-makers, a zero cut-off.

    Examples
    --------
    >>> [c.name for c in cases_value_matrix(1)][1]
    'values exactly at the cut-offs'
    """
    rng = rng_from_seed(f"{seed}:q4")
    accounts = make_accounts(60, seed=f"{seed}:acc")[["customer_id", "current_value",
                                                       "potential_value"]]
    c_cut = float(np.round(accounts["current_value"].median(), 0))
    p_cut = float(np.round(accounts["potential_value"].median(), 0))
    at = accounts.head(8).copy()
    at["current_value"] = [c_cut, c_cut - 0.01, c_cut, c_cut - 0.01] * 2
    at["potential_value"] = [p_cut, p_cut, p_cut - 0.01, p_cut - 0.01] * 2
    losses = accounts.head(10).copy()
    losses["current_value"] = [-float(rng.integers(10, 500)) for _ in range(5)] + [0.0] + \
        [float(rng.integers(1, 300)) for _ in range(4)]
    shuffled = accounts.sample(frac=1.0, random_state=int(rng.integers(1000)))
    shuffled.index = rng.permutation(len(shuffled)) + 700
    return [
        Case("generated accounts", (accounts, c_cut, p_cut), {},
             "60 generated accounts, median cut-offs"),
        Case("values exactly at the cut-offs", (at, c_cut, p_cut), {},
             "a value equal to its cut-off is high (>=), one cent less is low"),
        Case("loss-makers with a cut-off of 0", (losses, 0.0, p_cut), {},
             "current_cut 0: a negative or zero current value is still low"),
        Case("a negative cut-off", (losses, -1000.0, p_cut), {},
             "current_cut below 0: a loss-maker is never of high current value"),
        Case("every account in one quadrant", (accounts, float(
            accounts["current_value"].max()) + 1, float(accounts["potential_value"].max()) + 1),
             {}, "cut-offs above every value: all accounts are marginal"),
        Case("rows not numbered 0, 1, 2, ...", (shuffled, c_cut, p_cut), {},
             "a shuffled row index: the result is indexed by customer_id"),
        Case("no accounts", (accounts.head(0), c_cut, p_cut), {},
             "an empty table: an empty result with the two columns"),
    ]


def _compare_profit(e, g):
    return compare_frames(e, g, what="profit table")


def _compare_curve(e, g):
    return compare_frames(e, g, what="whale curve")


def _compare_matrix(e, g):
    return compare_frames(e, g, what="value matrix")


QUESTIONS: dict[str, Question] = {
    q.qid: q for q in [
        Question("ch06_q1", "customer_profit", 3, ref_customer_profit, cases_customer_profit,
                 _compare_profit,
                 edges=("return lines", "a customer with no sales", "several lines in one order",
                        "a free item (amount 0)", "a loss-making customer", "margin 0",
                        "rows not numbered 0, 1, 2, ...", "empty input")),
        Question("ch06_q2", "whale_curve", 2, ref_whale_curve, cases_whale_curve,
                 _compare_curve,
                 edges=("equal profits (ties)", "total profit negative",
                        "total profit exactly zero", "ids sorted as text", "one customer",
                        "empty input")),
        Question("ch06_q3", "profit_after_dropping", 2, ref_profit_after_dropping,
                 cases_profit_after_dropping, compare_amount,
                 edges=("k = 0", "drop everyone", "no cost stays", "all cost stays",
                        "a tie at the cut", "rows in another order")),
        Question("ch06_q4", "value_matrix", 2, ref_value_matrix, cases_value_matrix,
                 _compare_matrix,
                 edges=("values exactly at the cut-offs", "loss-makers with a cut-off of 0",
                        "a negative cut-off", "every account in one quadrant",
                        "rows not numbered 0, 1, 2, ...", "no accounts")),
        quiz_question("ch06_q5", 4, QUIZ_KEY),
        numbers_question("ch06_q6", 2, ref_my_numbers),
    ]
}

# ---------------------------------------------------------------- demo class

_WRONG_PROFIT = '''def customer_profit(transactions, margin=0.30, cost_per_order=25.0,
                    cost_per_line=1.0, cost_per_return=10.0):
    # counts lines as orders and forgets returns
    sales = transactions[transactions["quantity"] > 0]
    g = sales.groupby("customer_id")
    out = pd.DataFrame({"revenue": g["amount"].sum(), "orders": g.size(), "lines": g.size(),
                        "returns": 0})
    out["cost_to_serve"] = cost_per_order * out["orders"] + cost_per_line * out["lines"]
    out["profit"] = margin * out["revenue"] - out["cost_to_serve"]
    return out
'''

_WRONG_CURVE = '''def whale_curve(profit):
    # sorts the wrong way round
    ordered = profit.sort_values()
    n = len(ordered)
    return pd.DataFrame({"profit": ordered, "rank": range(1, n + 1),
                         "customer_share": [i / n for i in range(1, n + 1)],
                         "cum_profit": ordered.cumsum(),
                         "cum_share": ordered.cumsum() / ordered.sum()})
'''

_WRONG_DROP = '''def profit_after_dropping(table, k, fixed_share):
    # forgets the cost that stays
    lowest = table["profit"].sort_values().iloc[:k]
    return float(table["profit"].sum() - lowest.sum())
'''

_WRONG_MATRIX = '''def value_matrix(customers, current_cut, potential_cut):
    # uses > instead of >=, and gives everyone the same strategy
    hi_c = customers["current_value"] > current_cut
    hi_p = customers["potential_value"] > potential_cut
    kind = np.where(hi_c & hi_p, "keystone", np.where(hi_c, "mainstay",
                    np.where(hi_p, "prospect", "marginal")))
    return pd.DataFrame({"quadrant": kind, "strategy": "maintain"},
                        index=pd.Index(customers["customer_id"], name="customer_id"))
'''

#: Demo submissions: answer-cell sources that replace the solution's.
DEMO = {
    "partly": {
        "ch06_q3_answer": _WRONG_DROP,
        "ch06_q5_answer": 'quiz_answers = {"1": "c", "2": "a", "3": "a", "4": "a", "5": "c", '
                          '"6": "a", "7": "b", "8": "a"}\n',
    },
    "wrong": {
        "ch06_q1_answer": _WRONG_PROFIT,
        "ch06_q2_answer": _WRONG_CURVE,
        "ch06_q3_answer": _WRONG_DROP,
        "ch06_q4_answer": _WRONG_MATRIX,
        "ch06_q5_answer": 'quiz_answers = {"1": "a", "2": "b", "3": "a", "4": "a", "5": "a", '
                          '"6": "b", "7": "a", "8": "b"}\n',
        "ch06_q6_answer": 'my_numbers = {"customers": 1, "unprofitable": 0, "best_drop": 0, '
                          '"loss_revenue_share": 0.0}\n',
    },
}
