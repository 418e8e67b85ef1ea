"""Capstone (a customer strategy for a real retailer): reference answers, hidden cases, demo.

The capstone runs chapters 5-7 on each student's own slice of the real Online
Retail lines (:mod:`course.synthetic.capstone`): clean, identify, value,
select, recommend. Where a step *is* a chapter's step, the reference reuses
that chapter's reference (ch05's RFM scores and ABC rule, ch06's customer
profit) or the course's documented rule (:func:`course.data.clean_online_retail`
for cancellations), so that the capstone cannot drift from what the chapters
teach; what the capstone adds (the non-product rule, the segment rule, the
retention estimate, the plan) is written out here.

Examples
--------
>>> import pandas as pd
>>> customers = pd.DataFrame({"profit": [50.0, -5.0, -8.0, -9.0],
...                           "segment": ["core", "core", "dormant", "new"],
...                           "clv": [300.0, 300.0, -20.0, -20.0]},
...                          index=pd.Index(["a", "b", "c", "d"], name="customer_id"))
>>> ref_action_plan(customers, min_profit=0.0, min_clv=0.0).tolist()
['serve', 'reprice', 'let_go', 'develop']
>>> sorted(QUESTIONS)[:2]
['capstone_q1', 'capstone_q2']
"""

from __future__ import annotations

import functools
import math
from pathlib import Path

import numpy as np
import pandas as pd

from autograder.reference._cases import (
    Case,
    Question,
    compare_frames,
    compare_numbers,
    compare_series,
)
from autograder.reference.ch05 import _scores, ref_abc_classes, ref_rfm_table
from autograder.reference.ch06 import DEFAULT_MODEL, compare_amount, ref_customer_profit
from course.data import clean_online_retail
from course.synthetic import rng_from_seed
from course.synthetic.capstone import raw_retail, raw_rows, raw_slice_for_student

#: Stock codes of goods start with five digits (chapter 6's rule); anything else
#: (POST, DOT, M, D, C2, BANK CHARGES, AMAZONFEE, gift vouchers ...) is not a product.
PRODUCT_CODE = r"^\d{5}"
#: The rules of task 1, in the order they are applied: the ``rule`` column of the log.
LOG_RULES = ("duplicates", "no_customer", "non_product", "cancellation_lines",
             "netted_orders", "unmatched_cancellations", "non_positive")
#: The columns of the cleaned table of task 1.
TABLE_COLUMNS = ("customer_id", "order_id", "date", "quantity", "unit_price", "amount",
                 "stock_code")
#: The segments of task 2, in the order of the rule.
SEGMENTS = ("new", "core", "regular", "occasional", "lapsing", "dormant")
#: The actions of task 5.
ACTIONS = ("serve", "develop", "reprice", "let_go")
#: Score levels of task 2 (ch05's quantile scores).
BINS = 5
#: A customer whose first purchase is fewer days than this before ``as_of`` is new.
NEW_DAYS = 90
#: Length of one period of task 4 (half a year), in days.
PERIOD_DAYS = 182
#: The day after the last purchase in the data: ``as_of`` of the student's own slice.
AS_OF = pd.Timestamp("2011-12-10")
#: The defaults of the student's own plan (task 7): discount per half-year, thresholds,
#: the share of a let-go segment's cost to serve that stays.
PLAN_DEFAULTS = {"discount": 0.05, "min_profit": 0.0, "min_clv": 50.0, "fixed_share": 0.5}
VALUE_COLUMNS = ["customers", "revenue", "orders", "returns", "cost_to_serve", "profit",
                 "profit_per_customer"]
CLV_COLUMNS = ["at_mid", "retained", "retention", "margin", "clv"]
SEGMENT_COLUMNS = ["recency", "frequency", "monetary", "tenure", "r_score", "f_score",
                   "m_score", "segment", "abc"]

# ---------------------------------------------------------------- reference answers


def _value(frame: pd.DataFrame) -> float:
    return float((frame["Quantity"] * frame["UnitPrice"]).abs().sum())


def ref_clean_transactions(raw: pd.DataFrame):
    """Task 1: ``(table, log)``: the course's cleaning with the non-product rule added.

    Duplicates, then lines without a CustomerID, then non-product lines (stock code
    not starting with five digits) are dropped and counted; the rest is
    :func:`course.data.clean_online_retail` (cancellations netted against the lines
    they cancel, unmatched cancelled quantity dropped, non-positive quantity or price
    dropped), whose counts complete the log.
    """
    rows = []
    dup = raw.duplicated()
    rows.append(("duplicates", int(dup.sum()), _value(raw[dup])))
    df = raw[~dup]
    none = df["CustomerID"].isna()
    rows.append(("no_customer", int(none.sum()), _value(df[none])))
    df = df[~none]
    product = df["StockCode"].astype(str).str.match(PRODUCT_CODE)
    rows.append(("non_product", int((~product).sum()), _value(df[~product])))
    table, report = clean_online_retail(df[product], with_report=True)
    for rule in LOG_RULES[3:]:
        row = report[report["rule"] == rule].iloc[0]
        rows.append((rule, int(row["lines"]), float(row["amount"])))
    log = pd.DataFrame(rows, columns=["rule", "lines", "amount"])
    log["amount"] = log["amount"].round(2)
    return table[list(TABLE_COLUMNS)].reset_index(drop=True), log


def _segment(r: int, f: int, tenure: int, new_days: int) -> str:
    if tenure < new_days:
        return "new"
    if r >= 4 and f >= 4:
        return "core"
    if r >= 3 and f >= 3:
        return "regular"
    if r >= 3:
        return "occasional"
    if f >= 3:
        return "lapsing"
    return "dormant"


def ref_segment_customers(table: pd.DataFrame, as_of, new_days: int = NEW_DAYS) -> pd.DataFrame:
    """Task 2: RFM, tenure, ch05's scores (5 levels), the segment and the ABC class."""
    rfm = ref_rfm_table(table, as_of=as_of)
    end = pd.Timestamp(as_of).normalize()
    first: dict[str, pd.Timestamp] = {}
    for row in table.itertuples(index=False):
        if row.quantity > 0 and row.amount > 0:
            day = pd.Timestamp(row.date).normalize()
            first[row.customer_id] = min(first.get(row.customer_id, day), day)
    out = rfm.copy()
    out["tenure"] = [int((end - first[c]).days) for c in out.index]
    out["r_score"] = _scores(out["recency"].to_numpy(), BINS, higher_is_better=False)
    out["f_score"] = _scores(out["frequency"].to_numpy(), BINS, higher_is_better=True)
    out["m_score"] = _scores(out["monetary"].to_numpy(), BINS, higher_is_better=True)
    out["segment"] = pd.Series(
        [_segment(r, f, t, new_days) for r, f, t in
         zip(out["r_score"], out["f_score"], out["tenure"], strict=True)],
        index=out.index, dtype="str")
    out["abc"] = ref_abc_classes(out["monetary"]).astype("str") if len(out) else \
        pd.Series([], index=out.index, dtype="str")
    return out[SEGMENT_COLUMNS].astype({"tenure": "int64", "r_score": "int64",
                                        "f_score": "int64", "m_score": "int64"})


def ref_segment_value(activity: pd.DataFrame, segments: pd.Series,
                      cost_model: dict) -> pd.DataFrame:
    """Task 3: customers, revenue, orders, returns, cost to serve and profit per segment.

    Chapter 6's profit per customer, summed by segment; every customer of
    ``segments`` counts (no lines: zeros), lines of other customers are left out.
    """
    labels = {str(c): str(s) for c, s in segments.items()}
    mine = activity[activity["customer_id"].astype(str).isin(labels)]
    profit = ref_customer_profit(mine, **cost_model)
    rows: dict[str, list] = {}
    for cid, seg in labels.items():
        acc = rows.setdefault(seg, [0, 0.0, 0, 0, 0.0, 0.0])
        acc[0] += 1
        if cid in profit.index:
            p = profit.loc[cid]
            acc[1] += float(p["revenue"])
            acc[2] += int(p["orders"])
            acc[3] += int(p["returns"])
            acc[4] += float(p["cost_to_serve"])
            acc[5] += float(p["profit"])
    names = sorted(rows)
    out = pd.DataFrame([rows[s] for s in names], columns=VALUE_COLUMNS[:-1],
                       index=pd.Index(names, name="segment"))
    out["profit_per_customer"] = out["profit"] / out["customers"]
    return out.astype({"customers": "int64", "orders": "int64", "returns": "int64",
                       "revenue": "float64", "cost_to_serve": "float64",
                       "profit": "float64", "profit_per_customer": "float64"})


def _clv(margin: float, retention: float, discount: float) -> float:
    if math.isnan(retention):
        return float("nan")
    denominator = 1.0 + discount - retention
    if denominator == 0.0:
        return math.inf if margin > 0 else (-math.inf if margin < 0 else 0.0)
    return margin * retention / denominator


def ref_segment_clv(table: pd.DataFrame, segments_mid: pd.Series, value: pd.DataFrame,
                    as_of, discount: float) -> pd.DataFrame:
    """Task 4: each segment's retention over the last half-year, and ch07's infinite CLV.

    ``mid`` is ``PERIOD_DAYS`` days before ``as_of``; ``segments_mid`` are the
    segments of task 2 computed on the lines before ``mid`` with ``as_of=mid``.
    A segment's retention is the share of its customers *at mid* who order again
    from ``mid`` (included) to ``as_of`` (not included); NaN if it had no customer at
    mid. The margin per period is half the segment's profit per customer (the data
    cover a year); ``clv = m r / (1 + d - r)``. One row per segment of ``value``.
    """
    end = pd.Timestamp(as_of).normalize()
    mid = end - pd.Timedelta(days=PERIOD_DAYS)
    second = set()
    for row in table.itertuples(index=False):
        if row.quantity > 0 and row.amount > 0:
            day = pd.Timestamp(row.date).normalize()
            if mid <= day < end:
                second.add(str(row.customer_id))
    members: dict[str, list[str]] = {}
    for cid, seg in segments_mid.items():
        members.setdefault(str(seg), []).append(str(cid))
    rows = []
    names = [str(s) for s in value.index]
    for seg in names:
        at_mid = members.get(seg, [])
        kept = [c for c in at_mid if c in second]
        retention = len(kept) / len(at_mid) if at_mid else float("nan")
        margin = float(value.loc[seg, "profit_per_customer"]) / 2
        rows.append((len(at_mid), len(kept), retention, margin,
                     _clv(margin, retention, float(discount))))
    out = pd.DataFrame(rows, columns=CLV_COLUMNS, index=pd.Index(names, name="segment"))
    return out.astype({"at_mid": "int64", "retained": "int64", "retention": "float64",
                       "margin": "float64", "clv": "float64"})


def ref_action_plan(customers: pd.DataFrame, min_profit: float = 0.0,
                    min_clv: float = 0.0) -> pd.Series:
    """Task 5: serve / develop / reprice / let_go per customer.

    ``customers`` has each customer's own ``profit``, ``segment`` and the ``clv`` of
    that segment. New customers and customers whose segment has no CLV estimate
    (NaN) are developed; otherwise profit >= min_profit and clv >= min_clv: serve;
    profit only: develop; clv only: reprice; neither: let_go.
    """
    actions = []
    for ppc, clv, seg in zip(customers["profit"], customers["clv"], customers["segment"],
                             strict=True):
        if pd.isna(clv) or str(seg) == "new":
            actions.append("develop")
            continue
        pays, lasts = float(ppc) >= min_profit, float(clv) >= min_clv
        actions.append("serve" if pays and lasts else "develop" if pays
                       else "reprice" if lasts else "let_go")
    return pd.Series(actions, index=pd.Index([str(c) for c in customers.index],
                                             name="customer_id"), name="action", dtype="str")


def ref_profit_effect(customers: pd.DataFrame, plan: pd.Series, fixed_share: float) -> float:
    """Task 6: total profit after letting go the ``let_go`` customers (ch06's rule)."""
    if not 0 <= fixed_share <= 1:
        raise ValueError(f"fixed_share must be between 0 and 1, got {fixed_share}")
    actions = {str(k): str(v) for k, v in plan.items()}
    total = 0.0
    for cid, profit, cost in zip(customers.index, customers["profit"],
                                 customers["cost_to_serve"], strict=True):
        total += float(profit)
        if actions.get(str(cid)) == "let_go":
            total -= float(profit) + fixed_share * float(cost)
    return float(total)


@functools.cache
def _pipeline(student_id: str):
    """The reference run of the whole capstone on one student's slice (cached)."""
    from course.sims.selection import retail_activity

    raw = raw_slice_for_student(student_id)
    table, log = ref_clean_transactions(raw)
    seg = ref_segment_customers(table, AS_OF)
    activity = retail_activity(raw)
    value = ref_segment_value(activity, seg["segment"], DEFAULT_MODEL)
    mid = AS_OF - pd.Timedelta(days=PERIOD_DAYS)
    seg_mid = ref_segment_customers(table[table["date"] < mid], mid)["segment"]
    clv = ref_segment_clv(table, seg_mid, value, AS_OF, PLAN_DEFAULTS["discount"])
    customers = customer_table(activity, seg["segment"], clv["clv"], DEFAULT_MODEL)
    plan = ref_action_plan(customers, PLAN_DEFAULTS["min_profit"], PLAN_DEFAULTS["min_clv"])
    after = ref_profit_effect(customers, plan, PLAN_DEFAULTS["fixed_share"])
    return {"raw": raw, "table": table, "log": log, "segments": seg, "value": value,
            "segments_mid": seg_mid, "clv": clv, "customers": customers, "plan": plan,
            "after": after}


def customer_table(activity: pd.DataFrame, segments: pd.Series, clv: pd.Series,
                   cost_model: dict) -> pd.DataFrame:
    """Each segmented customer's profit (ch06), segment and the segment's CLV."""
    ids = [str(c) for c in segments.index]
    mine = activity[activity["customer_id"].astype(str).isin(ids)]
    out = ref_customer_profit(mine, **cost_model).reindex(ids, fill_value=0)
    out.index.name = "customer_id"
    out["segment"] = [str(s) for s in segments.to_numpy()]
    out["clv"] = out["segment"].map(clv).astype("float64")
    return out


def reference_run(student_id: str) -> dict:
    """Every intermediate result of the reference on a student's slice (copies).

    Examples
    --------
    >>> run = reference_run("s001")
    >>> run["log"]["rule"].tolist() == list(LOG_RULES)
    True
    """
    return {k: (v.copy() if hasattr(v, "copy") else v) for k, v in _pipeline(student_id).items()}


def ref_my_numbers(student_id: str) -> dict:
    """The numbers of task capstone_q7 on the student's own slice."""
    run = _pipeline(student_id)
    value = run["value"]
    log = run["log"].set_index("rule")
    return {
        "customers": int(run["table"]["customer_id"].nunique()),
        "non_product_lines": int(log.loc["non_product", "lines"]),
        "core_customers": int((run["segments"]["segment"] == "core").sum()),
        "let_go_customers": int((run["plan"] == "let_go").sum()),
        "best_segment_profit": float(value["profit"].max()),
        "profit_today": float(value["profit"].sum()),
        "profit_after_plan": float(run["after"]),
    }


#: Tasks graded by hand in nbgrader's formgrader: grade_id -> points.
MANUAL = {"capstone_q8": 2, "capstone_q9": 8}

# ---------------------------------------------------------------- comparisons


def _dates(values) -> pd.Series:
    return pd.to_datetime(pd.Series(list(values), dtype=object), errors="coerce").dt.floor("s")


def compare_clean(expected, got) -> tuple[bool, str]:
    """Compare ``(table, log)``: the table's lines as a multiset, the log rule by rule.

    Examples
    --------
    >>> e = ref_clean_transactions(raw_rows([("1", "85123A", 2, "2011-01-01", 2.5, 7)]))
    >>> compare_clean(e, e)
    (True, '')
    >>> compare_clean(e, e[0])[1]
    'expected a pair (table, log), got DataFrame'
    """
    if not isinstance(got, list | tuple) or len(got) != 2:
        return False, f"expected a pair (table, log), got {type(got).__name__}"
    e_table, e_log = expected
    g_table, g_log = got
    if not isinstance(g_table, pd.DataFrame):
        return False, f"the table must be a DataFrame, got {type(g_table).__name__}"
    missing = [c for c in TABLE_COLUMNS if c not in g_table.columns]
    if missing:
        return False, f"the table has no column(s) {missing}"
    if len(g_table) != len(e_table):
        return False, f"the table has {len(g_table)} lines, expected {len(e_table)}"
    if len(e_table):
        def canon(frame):
            return pd.DataFrame({
                "customer_id": frame["customer_id"].astype(str).to_numpy(),
                "order_id": frame["order_id"].astype(str).to_numpy(),
                "stock_code": frame["stock_code"].astype(str).to_numpy(),
                "date": _dates(frame["date"]).to_numpy(),
                "quantity": pd.to_numeric(frame["quantity"], errors="coerce").to_numpy(),
                "unit_price": pd.to_numeric(frame["unit_price"], errors="coerce").round(4)
                .to_numpy(),
                "amount": pd.to_numeric(frame["amount"], errors="coerce").round(2).to_numpy(),
            }).sort_values(["order_id", "stock_code", "unit_price", "quantity", "customer_id"],
                           kind="stable").reset_index(drop=True)
        try:
            e_c, g_c = canon(e_table), canon(g_table)
        except (TypeError, ValueError) as exc:
            return False, f"the table could not be read ({type(exc).__name__})"
        for col in e_c.columns:
            e_col, g_col = e_c[col], g_c[col]
            same = (e_col == g_col) | (e_col.isna() & g_col.isna())
            if col in ("amount", "unit_price", "quantity"):
                same = same | np.isclose(e_col.astype(float), g_col.astype(float),
                                         rtol=1e-6, atol=0.005)
            if not bool(same.all()):
                i = int(np.flatnonzero(~same.to_numpy())[0])
                return False, (f"{col} of line (order {e_c['order_id'][i]}, stock code "
                               f"{e_c['stock_code'][i]}): expected {e_col[i]}, got {g_col[i]}")
    if not isinstance(g_log, pd.DataFrame) or "rule" not in g_log.columns:
        return False, "the log must be a DataFrame with a column 'rule'"
    rules = [str(r) for r in g_log["rule"]]
    if rules != list(LOG_RULES):
        return False, f"the log's rules must be {list(LOG_RULES)} in this order, got {rules}"
    return compare_frames(e_log.set_index("rule"), g_log.set_index("rule"), what="log",
                          index_name=None, rtol=1e-6)


def _compare_segments(e, g):
    return compare_frames(e, g, what="segment table")


def _compare_value(e, g):
    return compare_frames(e, g, what="segment value table", index_name="segment")


def _compare_plan(e, g):
    return compare_series(e, g, what="action")


QUESTIONS_ORDER = ("clean_transactions", "segment_customers", "segment_value", "segment_clv",
                   "action_plan", "profit_effect", "my_numbers")

# ---------------------------------------------------------------- hidden cases


@functools.cache
def _small_customers() -> tuple:
    """Customer ids of the real data with 10 to 60 raw lines (a background for cases)."""
    raw = raw_retail()
    counts = raw["CustomerID"].value_counts()
    return tuple(sorted(counts[(counts >= 10) & (counts <= 60)].index))


def _background(rng, n: int) -> pd.DataFrame:
    raw = raw_retail()
    ids = rng.choice(np.array(_small_customers()), size=n, replace=False)
    return raw[raw["CustomerID"].isin(ids)].reset_index(drop=True)


def _raw_with(base: pd.DataFrame, rows) -> pd.DataFrame:
    extra = raw_rows(rows)
    out = pd.concat([base, extra], ignore_index=True) if len(base) else extra
    return out.sample(frac=1.0, random_state=len(out)).reset_index(drop=True)


def _day(rng) -> pd.Timestamp:
    return pd.Timestamp("2011-02-01 10:00") + pd.Timedelta(days=int(rng.integers(0, 200)),
                                                           minutes=int(rng.integers(0, 400)))


def cases_clean_transactions(seed) -> list[Case]:
    """Hidden inputs of capstone_q1: real lines of a few customers plus each edge case.

    Examples
    --------
    >>> [c.name for c in cases_clean_transactions("s001")][:2]
    ['real lines of eight customers', 'duplicate lines']
    """
    rng = rng_from_seed(f"{seed}:cq1")
    big = _background(rng, 8)
    anon = raw_retail()
    anon = anon[anon["CustomerID"].isna()].sample(20, random_state=int(rng.integers(10**6)))
    big = pd.concat([big, anon], ignore_index=True)
    small = _background(rng, 2)
    day = _day(rng)
    later = day + pd.Timedelta(days=int(rng.integers(1, 20)))
    price = round(float(rng.uniform(0.5, 9)), 2)
    n = int(rng.integers(6, 25))
    code = str(int(rng.integers(20000, 23999)))
    dup_line = ("990101", code, n, day, price, 99001)
    dups = _raw_with(small, [dup_line] * int(rng.integers(2, 4))
                     + [("990101", "85123A", 3, day, 2.55, 99001)])
    k = int(rng.integers(1, n))
    partial = _raw_with(small, [("990201", code, n, day, price, 99002),
                                ("C990202", code, -k, later, price, 99002)])
    nomatch = _raw_with(small, [("990301", code, n, day, price, 99003),
                                ("C990302", "21" + code[2:] if code[:2] != "21" else "22"
                                 + code[2:], -int(rng.integers(1, 5)), later, 1.25, 99003)])
    free = _raw_with(small, [("990401", code, n, day, price, 99004),
                             ("990401", "84879", int(rng.integers(1, 13)), day, 0.0, 99004)])
    postage = _raw_with(small, [("990501", code, n, day, price, 99005),
                                ("990501", "POST", 1, day, float(rng.integers(15, 40)), 99005),
                                ("990502", "M", 1, later, round(float(rng.uniform(1, 90)), 2),
                                 99005),
                                ("C990503", "D", -1, later, round(float(rng.uniform(1, 30)), 2),
                                 99005)])
    only_cancel = _raw_with(small, [("C990601", code, -int(rng.integers(1, 9)), day, price,
                                     99006),
                                    ("C990602", "22423", -1, later, 12.75, 99006)])
    no_id = _raw_with(small, [("990701", code, n, day, price, None),
                              ("990701", "22423", 2, day, 12.75, None)])
    empty = raw_rows([])
    return [
        Case("real lines of eight customers", (big,), {},
             "every raw line of eight real customers and 20 lines without a customer id"),
        Case("duplicate lines", (dups,), {},
             "a line repeated: every copy but one is dropped and counted"),
        Case("a cancellation netting part of a line", (partial,), {},
             "a cancellation of k units leaves n - k units on the line it cancels"),
        Case("a cancellation that finds no order", (nomatch,), {},
             "a cancellation of a product never ordered is unmatched and dropped"),
        Case("a free sample (price 0)", (free,), {},
             "a line with unit price 0 is dropped as non-positive"),
        Case("postage and other non-product lines", (postage,), {},
             "POST, M and D lines are not products: dropped before the cancellations"),
        Case("a customer with only cancellations", (only_cancel,), {},
             "cancellations of orders before the data begin: the customer has no line left"),
        Case("lines without a customer id", (no_id,), {},
             "lines without a CustomerID are dropped and counted"),
        Case("empty table", (empty,), {}, "no raw lines: an empty table and a log of zeros"),
    ]


def _lines(rows) -> pd.DataFrame:
    """Cleaned lines in task 1's format from ``(customer, order, date, quantity, price)``."""
    out = pd.DataFrame({
        "customer_id": pd.Series([str(r[0]) for r in rows], dtype="str"),
        "order_id": pd.Series([str(r[1]) for r in rows], dtype="str"),
        "date": pd.to_datetime(pd.Series([r[2] for r in rows], dtype=object)),
        "quantity": pd.Series([int(r[3]) for r in rows], dtype="int64"),
        "unit_price": pd.Series([float(r[4]) for r in rows], dtype="float64"),
    })
    out["amount"] = (out["quantity"] * out["unit_price"]).round(2)
    out["stock_code"] = "85123A"
    return out


def _clean_background(rng, n: int) -> pd.DataFrame:
    return ref_clean_transactions(_background(rng, n))[0]


def _orders(cid: str, days, start: pd.Timestamp, amount: float, tag: str) -> list:
    return [(cid, f"{tag}{i}", start + pd.Timedelta(days=int(d)), 1, amount)
            for i, d in enumerate(days)]


def cases_segment_customers(seed) -> list[Case]:
    """Hidden inputs of capstone_q2: ties at score edges, one customer, the cuts.

    Examples
    --------
    >>> len(cases_segment_customers("s001"))
    8
    """
    rng = rng_from_seed(f"{seed}:cq2")
    real = _clean_background(rng, 30)
    as_of = AS_OF
    start = pd.Timestamp("2011-01-03")
    # ten customers; frequencies 1,1,1 | 2,2,2,2 | ...: the run of 2s crosses the 40 % edge
    ties_rows = []
    freqs = [1, 1, 2, 2, 2, 2, 3, 4, 6, int(rng.integers(7, 12))]
    for i, f in enumerate(rng.permutation(freqs)):
        ties_rows += _orders(f"T{i:02d}", sorted(rng.choice(300, size=f, replace=False)),
                             start, round(float(rng.uniform(5, 80)), 2), f"t{i}-")
    ties = _lines(ties_rows)
    one = _lines(_orders("S1", [int(rng.integers(0, 200)), 250], start,
                         round(float(rng.uniform(5, 80)), 2), "s-"))
    unit = float(rng.integers(2, 9))
    abc_rows = []
    for i, share in enumerate([50, 30, 15, 5]):
        abc_rows += _orders(f"A{i}", [10 + i], start, share * unit, f"a{i}-")
    exact = _lines(abc_rows)
    edge_day = as_of - pd.Timedelta(days=NEW_DAYS)
    new_rows = [("N1", "n1", edge_day, 1, 20.0), ("N2", "n2", edge_day + pd.Timedelta(days=1),
                                                  2, 15.0),
                ("N2", "n3", as_of - pd.Timedelta(days=3), 1, 15.0),
                ("N3", "n4", start, 3, 9.0), ("N3", "n5", as_of - pd.Timedelta(days=5), 1, 9.0)]
    new = pd.concat([_clean_background(rng, 6), _lines(new_rows)], ignore_index=True)
    late = real["date"].max().normalize() + pd.Timedelta(days=int(rng.integers(200, 500)))
    shuffled = real.sample(frac=1.0, random_state=int(rng.integers(1000)))
    shuffled.index = rng.permutation(len(shuffled)) + 500
    return [
        Case("cleaned real lines", (real, as_of), {},
             "the cleaned lines of 30 real customers, as_of the day after the data end"),
        Case("ties at score edges", (ties, as_of), {},
             "equal frequencies across a score edge all get the same score"),
        Case("one customer", (one, as_of), {},
             "a single customer: every score is 1, the ABC class A"),
        Case("as_of long after the last purchase", (real, late), {},
             "recency and tenure are counted to as_of, not to the last purchase"),
        Case("ABC exact cut", (exact, as_of), {},
             "shares 50/30/15/5 %: the top two bring exactly 80 %, so the third is B"),
        Case("new customers at the cut", (new, as_of), {},
             "tenure exactly NEW_DAYS is not new; one day less is new"),
        Case("rows not numbered 0, 1, 2, ...", (shuffled, as_of), {},
             "a shuffled row index: the result is indexed by customer_id"),
        Case("empty table", (_lines([]), as_of), {}, "no lines: an empty table with the columns"),
    ]


def _model(rng) -> dict:
    return {"margin": round(float(rng.uniform(0.2, 0.45)), 2),
            "cost_per_order": float(rng.integers(5, 40)),
            "cost_per_line": round(float(rng.uniform(0.2, 2.0)), 1),
            "cost_per_return": float(rng.integers(3, 20))}


def _activity(raw: pd.DataFrame) -> pd.DataFrame:
    from course.sims.selection import retail_activity

    return retail_activity(raw)


def cases_segment_value(seed) -> list[Case]:
    """Hidden inputs of capstone_q3: returns, customers without lines, other customers.

    Examples
    --------
    >>> [c.name for c in cases_segment_value("s001")][0]
    'real activity, default model'
    """
    rng = rng_from_seed(f"{seed}:cq3")
    raw = _background(rng, 25)
    activity = _activity(raw)
    segments = ref_segment_customers(ref_clean_transactions(raw)[0], AS_OF)["segment"]
    model = _model(rng)
    day = _day(rng)
    ret = _lines([("R1", "r1", day, 6, 4.0), ("R1", "r1", day, 2, 10.0),
                  ("R1", "Cr2", day + pd.Timedelta(days=4), -2, 4.0),
                  ("R2", "r3", day, 1, float(rng.integers(20, 90)))])
    ret_seg = pd.Series({"R1": "core", "R2": "dormant"}).rename_axis("customer_id")
    quiet_seg = pd.concat([segments, pd.Series({"Q1": "dormant"})]).rename_axis("customer_id")
    extra = pd.concat([activity, ret], ignore_index=True)
    loss = _lines([(f"L{i}", f"l{i}", day + pd.Timedelta(days=i), 1,
                    round(float(rng.uniform(1, 5)), 2)) for i in range(5)])
    loss_seg = pd.Series({f"L{i}": "dormant" for i in range(5)}).rename_axis("customer_id")
    empty = pd.Series([], dtype="str", index=pd.Index([], name="customer_id"))
    return [
        Case("real activity, default model", (activity, segments, dict(DEFAULT_MODEL)), {},
             "25 real customers' sale and return lines, the default cost model"),
        Case("real activity, another model", (activity, segments, model), {},
             "the same customers under a cost model of the student's own"),
        Case("return lines", (ret, ret_seg, model), {},
             "a return line takes its amount off revenue and costs one return"),
        Case("a customer without lines", (activity, quiet_seg, dict(DEFAULT_MODEL)), {},
             "a customer of the segments with no lines counts, with zeros"),
        Case("lines of customers not in the segments", (extra, segments, model), {},
             "lines of customers who have no segment are left out"),
        Case("a loss-making segment", (loss, loss_seg, dict(DEFAULT_MODEL)), {},
             "tiny one-line orders: the segment's profit is negative"),
        Case("no customers", (activity.head(0), empty, dict(DEFAULT_MODEL)), {},
             "no customers: an empty table with the seven columns"),
    ]


def cases_segment_clv(seed) -> list[Case]:
    """Hidden inputs of capstone_q4: the edges of the half-year, no one at mid, loss-makers.

    Examples
    --------
    >>> [c.name for c in cases_segment_clv("s001")][1]
    'purchases on the edges of the half-year'
    """
    rng = rng_from_seed(f"{seed}:cq4")
    real = _clean_background(rng, 40)
    seg = ref_segment_customers(real, AS_OF)["segment"]
    mid = AS_OF - pd.Timedelta(days=PERIOD_DAYS)
    seg_mid = ref_segment_customers(real[real["date"] < mid], mid)["segment"]
    names = sorted(set(seg))
    value = pd.DataFrame({"profit_per_customer": np.round(rng.normal(40, 80, len(names)), 2)},
                         index=pd.Index(names, name="segment"))
    d = round(float(rng.uniform(0.02, 0.15)), 3)
    one = pd.Timedelta(days=1)
    start = mid - pd.Timedelta(days=60)
    edge_rows = [("E1", "e1", start, 1, 5.0), ("E1", "e2", mid, 1, 5.0),            # kept
                 ("E2", "e3", start, 1, 5.0), ("E2", "e4", mid - one, 1, 5.0),      # not kept
                 ("E3", "e5", start, 1, 5.0), ("E3", "e6", AS_OF, 1, 5.0),          # not kept
                 ("E4", "e7", start, 1, 5.0), ("E4", "e8", AS_OF - one, 1, 5.0)]    # kept
    edges = _lines(edge_rows)
    edge_mid = pd.Series({"E1": "core", "E2": "core", "E3": "regular", "E4": "regular"})
    edge_value = pd.DataFrame({"profit_per_customer": [float(rng.integers(20, 90)),
                                                       float(rng.integers(5, 40))]},
                              index=pd.Index(["core", "regular"], name="segment"))
    fresh = _lines([("G1", "g1", start, 1, 9.0), ("G1", "g2", AS_OF - 10 * one, 1, 9.0),
                    ("F1", "f1", AS_OF - 30 * one, 1, 9.0)])
    fresh_value = pd.DataFrame({"profit_per_customer": [30.0, -12.0]},
                               index=pd.Index(["core", "new"], name="segment"))
    loss_value = value.copy()
    loss_value["profit_per_customer"] = -np.abs(loss_value["profit_per_customer"]) - 1
    # everyone of core and of lapsing comes back, no discounting: 1 + d - r = 0
    kept_rows = [(c, f"k{i}", start, 1, 5.0) for i, c in enumerate(("K1", "K2", "K3"))]
    kept_rows += [(c, f"k{i}b", mid + int(rng.integers(0, 150)) * one, 1, 5.0)
                  for i, c in enumerate(("K1", "K2", "K3"))]
    kept_rows += [("K4", "k4", start, 1, 5.0)]
    kept = _lines(kept_rows)
    kept_mid = pd.Series({"K1": "core", "K2": "core", "K3": "lapsing", "K4": "dormant"})
    kept_value = pd.DataFrame({"profit_per_customer": [float(rng.integers(20, 90)),
                                                       -float(rng.integers(5, 40)),
                                                       float(rng.integers(1, 20))]},
                              index=pd.Index(["core", "lapsing", "dormant"], name="segment"))
    return [
        Case("cleaned real lines", (real, seg_mid, value, AS_OF, d), {},
             "40 real customers, their segments at mid and a made-up profit per customer"),
        Case("purchases on the edges of the half-year", (edges, edge_mid, edge_value, AS_OF, d),
             {}, "an order on mid counts, one on as_of or the day before mid does not"),
        Case("a segment with no customer at mid",
             (fresh, pd.Series({"G1": "core"}), fresh_value, AS_OF, d), {},
             "no customer of the segment at mid: retention and CLV are NaN, not 0"),
        Case("loss-making segments", (real, seg_mid, loss_value, AS_OF, d), {},
             "a negative margin gives a negative CLV"),
        Case("discount 0", (real, seg_mid, value, AS_OF, 0.0), {},
             "no discounting: clv = m r / (1 - r)"),
        Case("everyone retained at discount 0", (kept, kept_mid, kept_value, AS_OF, 0.0), {},
             "retention 1 and discount 0: the CLV is infinite (inf, or -inf for a loss)"),
    ]


def _customer_table(rng, n: int = 14) -> pd.DataFrame:
    """Customers with a profit, a cost to serve, a segment and that segment's CLV."""
    ids = [f"K{i:02d}" for i in rng.permutation(n)]
    segs = [SEGMENTS[1 + i % 5] for i in range(n)]
    seg_clv = {s: round(float(rng.normal(60, 120)), 2) for s in SEGMENTS[1:]}
    profit = np.round(rng.normal(30, 90, n), 2)
    cost = np.round(rng.uniform(20, 400, n), 2)
    out = pd.DataFrame({"profit": profit, "cost_to_serve": cost, "segment": segs,
                        "clv": [seg_clv[s] for s in segs]},
                       index=pd.Index(ids, name="customer_id"))
    # one customer of each action at least (thresholds 0): serve, develop, reprice, let_go
    for row, (p, c) in enumerate([(1, 1), (1, -1), (-1, 1), (-1, -1)]):
        out.iloc[row, 0] = p * (abs(out.iloc[row, 0]) + 1)
        seg = out.iloc[row, 2]
        out.loc[out["segment"] == seg, "clv"] = c * (abs(out.iloc[row, 3]) + 1)
    return out


def cases_action_plan(seed) -> list[Case]:
    """Hidden inputs of capstone_q5: values at the thresholds, NaN CLV, new customers.

    Examples
    --------
    >>> [c.name for c in cases_action_plan("s001")][1]
    'values exactly at the thresholds'
    """
    rng = rng_from_seed(f"{seed}:cq5")
    table = _customer_table(rng)
    p, c = float(rng.integers(-10, 20)), float(rng.integers(0, 100))
    at = table.iloc[:4].copy()
    at["segment"] = ["core", "regular", "lapsing", "dormant"]
    at["profit"] = [p, p, p - 0.01, p - 0.01]
    at["clv"] = [c, c - 0.01, c, c - 0.01]
    nan = table.copy()
    nan.loc[nan["segment"] == "occasional", "clv"] = np.nan
    nan.loc[nan.index[:2], "profit"] = [-float(rng.integers(5, 80)), float(rng.integers(5, 80))]
    nan.loc[nan.index[:2], "segment"] = "occasional"
    nan.loc[nan.index[:2], "clv"] = np.nan
    good = table.copy()
    good["profit"] = np.abs(good["profit"]) + 1
    new = table.copy()
    new.loc[new.index[:3], "segment"] = "new"
    new.loc[new.index[:3], "profit"] = [-float(rng.integers(5, 80)), -1.0,
                                        float(rng.integers(1, 50))]
    new.loc[new.index[:3], "clv"] = -float(rng.integers(1, 100))
    shuffled = table.sample(frac=1.0, random_state=int(rng.integers(1000)))
    return [
        Case("generated customers", (table, 0.0, 0.0), {},
             "fourteen customers, thresholds 0: one of each action at least"),
        Case("values exactly at the thresholds", (at, p, c), {},
             "a value equal to its threshold is high (>=), one cent less is low"),
        Case("no CLV estimate (NaN)", (nan, 0.0, 0.0), {},
             "a customer whose segment's CLV is NaN is developed, whatever the profit"),
        Case("new customers", (new, 0.0, 0.0), {},
             "a new customer is developed even when losing money with a low CLV"),
        Case("every customer profitable", (good, 0.0, c), {},
             "no loss-makers: nobody is repriced or let go"),
        Case("rows in another order", (shuffled, p, c), {},
             "shuffled rows: the result is indexed by customer_id"),
    ]


def cases_profit_effect(seed) -> list[Case]:
    """Hidden inputs of capstone_q6: nothing let go, fixed shares 0 and 1, everyone let go.

    Examples
    --------
    >>> len(cases_profit_effect("s001"))
    6
    """
    rng = rng_from_seed(f"{seed}:cq6")
    table = _customer_table(rng)
    plan = ref_action_plan(table)
    fixed = round(float(rng.uniform(0.2, 0.8)), 2)
    keep_all = pd.Series("serve", index=table.index, name="action")
    drop_all = pd.Series("let_go", index=table.index, name="action")
    reordered = plan.sample(frac=1.0, random_state=int(rng.integers(1000)))
    return [
        Case("the plan of task 5", (table, plan, fixed), {},
             "fourteen customers, the reference's plan, part of the cost stays"),
        Case("nothing let go", (table, keep_all, fixed), {},
             "every customer served: today's total profit"),
        Case("no cost stays", (table, plan, 0.0), {},
             "fixed_share 0: the total minus the let-go customers' profits"),
        Case("all cost stays", (table, plan, 1.0), {},
             "fixed_share 1: letting go loses the gross margin and saves nothing"),
        Case("everyone let go", (table, drop_all, fixed), {},
             "all let go: minus the cost that stays of everyone"),
        Case("plan in another order", (table, reordered, fixed), {},
             "the plan's rows in another order than the table's"),
    ]


def _no_cases(seed) -> list[Case]:
    return [Case("numbers", (), {}, "no generated inputs")]


QUESTIONS: dict[str, Question] = {
    q.qid: q for q in [
        Question("capstone_q1", "clean_transactions", 5, ref_clean_transactions,
                 cases_clean_transactions, compare_clean,
                 edges=("duplicate lines", "a cancellation netting part of a line",
                        "a cancellation that finds no order", "a free sample (price 0)",
                        "postage and other non-product lines",
                        "a customer with only cancellations", "lines without a customer id",
                        "empty table")),
        Question("capstone_q2", "segment_customers", 5, ref_segment_customers,
                 cases_segment_customers, _compare_segments,
                 edges=("ties at score edges", "one customer",
                        "as_of long after the last purchase", "ABC exact cut",
                        "new customers at the cut", "rows not numbered 0, 1, 2, ...",
                        "empty table")),
        Question("capstone_q3", "segment_value", 4, ref_segment_value, cases_segment_value,
                 _compare_value,
                 edges=("return lines", "a customer without lines",
                        "lines of customers not in the segments", "a loss-making segment",
                        "no customers")),
        Question("capstone_q4", "segment_clv", 4, ref_segment_clv, cases_segment_clv,
                 _compare_value,
                 edges=("purchases on the edges of the half-year",
                        "a segment with no customer at mid",
                        "loss-making segments", "discount 0",
                        "everyone retained at discount 0")),
        Question("capstone_q5", "action_plan", 3, ref_action_plan, cases_action_plan,
                 _compare_plan,
                 edges=("values exactly at the thresholds", "no CLV estimate (NaN)",
                        "new customers", "every customer profitable",
                        "rows in another order")),
        Question("capstone_q6", "profit_effect", 3, ref_profit_effect, cases_profit_effect,
                 compare_amount,
                 edges=("nothing let go", "no cost stays", "all cost stays",
                        "everyone let go", "plan in another order")),
        Question("capstone_q7", "my_numbers", 4, None, _no_cases, compare_numbers,
                 expected=ref_my_numbers),
    ]
}

# ---------------------------------------------------------------- demo class
#
# Three demo students (autograder.chapterdemo uses DEMO_STUDENTS instead of its
# default names): a strong, an average and a weak submission. Each carries a memo
# (task 9): the strong one in Chinese with the numbers of the reference run on
# ana_strong's own slice (memo_figures; tests/test_reference_capstone.py checks that
# every figure it quotes is what the reference computes), the average one in English
# with recommendations but no costs, the weak one vague.

def _memo(name: str) -> str:
    """A memo of the demo class, from ``autograder/reference/capstone_memos/``."""
    return (Path(__file__).parent / "capstone_memos" / name).read_text(encoding="utf-8")


#: The demo students, in the order right, partly, wrong (see autograder.chapterdemo).
DEMO_STUDENTS = ("ana_strong", "bo_average", "cy_weak")


def memo_figures(student_id: str = "ana_strong") -> dict[str, str]:
    """The figures the strong memo quotes, formatted as it writes them.

    Examples
    --------
    >>> memo_figures()["customers"]
    '338'
    """
    run = _pipeline(student_id)
    value = run["value"].join(run["clv"])
    cust = run["customers"].assign(action=run["plan"])
    total = float(value["profit"].sum())
    core = value.loc["core"]
    gone = cust[cust["action"] == "let_go"]
    rep = cust[cust["action"] == "reprice"]
    served = cust[cust["action"] == "serve"]
    developed = cust[cust["action"] == "develop"]
    dormant_kept = cust[(cust["segment"] == "dormant") & (cust["action"] == "develop")]
    stays = float(-gone["profit"].sum() / gone["cost_to_serve"].sum())

    def gbp(x):
        return f"{x:,.0f}"

    return {
        "customers": str(int(run["table"]["customer_id"].nunique())),
        "profit_today": gbp(total),
        "core_customers": str(int(core["customers"])),
        "core_profit": gbp(float(core["profit"])),
        "core_share": f"{float(core['profit']) / total:.0%}",
        "core_clv": gbp(float(core["clv"])),
        "core_retention": f"{float(core['retention']):.0%}",
        "serve_customers": str(len(served)),
        "serve_profit": gbp(float(served["profit"].sum())),
        "develop_customers": str(len(developed)),
        "develop_profit": gbp(float(developed["profit"].sum())),
        "reprice_customers": str(len(rep)),
        "reprice_loss": gbp(float(-rep["profit"].sum())),
        "reprice_cost": gbp(float(rep["cost_to_serve"].sum())),
        "let_go_customers": str(len(gone)),
        "let_go_loss": gbp(float(-gone["profit"].sum())),
        "let_go_cost": gbp(float(gone["cost_to_serve"].sum())),
        "profit_after_plan": gbp(float(run["after"])),
        "plan_change": gbp(float(total - run["after"])),
        "break_even_stays": f"{stays:.0%}",
        "new_customers": str(int(value.loc["new", "customers"])),
        "new_retention": f"{float(value.loc['new', 'retention']):.0%}",
        "dormant_customers": str(int(value.loc["dormant", "customers"])),
        "dormant_retention": f"{float(value.loc['dormant', 'retention']):.0%}",
        "dormant_develop_customers": str(len(dormant_kept)),
        "dormant_develop_profit": gbp(float(dormant_kept["profit"].sum())),
        "occasional_customers": str(int(value.loc["occasional", "customers"])),
    }


STRONG_MEMO = _memo("strong_zh.md")

AVERAGE_MEMO = _memo("average_en.md")

WEAK_MEMO = _memo("weak_en.md")

MODEL_MEMO_EN = _memo("model_en.md")

#: Answer cells of the right submission that replace the solution's: a written task's
#: solution cell holds the model answer *and* the rubric, which no student hands in.
DEMO_RIGHT = {"capstone_q8": (
    "**Your answer / 你的回答** (80-120 words / 150～220 字):\n\n"
    "A 30 % margin fits a gift wholesaler, but £25 per order is high for web orders picked in "
    "one warehouse; I would try £15, which makes fewer small customers unprofitable. £10 per "
    "return stays: cancellations take staff time. MIN_CLV = 50 lies between the dormant "
    "segment's CLV (£14) and the next lowest the plan uses, lapsing (£137; new customers are "
    "developed anyway): any threshold in that gap gives the same plan. "
    "FIXED_SHARE = 0.5 is cautious, and with it letting the 21 dormant loss-makers go lowers "
    "profit, which is why my plan relies on repricing rather than letting go."),
    "capstone_q9": STRONG_MEMO}

_WRONG_CLEAN = '''def clean_transactions(raw):
    # only the course's function: the non-product lines stay in, the log has six rules
    table, report = clean_online_retail(raw, with_report=True)
    return table, report[["rule", "lines", "amount"]]
'''

_WRONG_SEGMENTS = '''def segment_customers(table, as_of, new_days=90):
    # recency to the last purchase in the data, scores split ties, no "new" segment
    g = table.groupby("customer_id")
    out = pd.DataFrame({"recency": (table["date"].max() - g["date"].max()).dt.days,
                        "frequency": g["order_id"].nunique(), "monetary": g["amount"].sum(),
                        "tenure": (table["date"].max() - g["date"].min()).dt.days})
    for col, name in (("recency", "r_score"), ("frequency", "f_score"), ("monetary", "m_score")):
        out[name] = pd.qcut(out[col].rank(method="first"), 5, labels=False) + 1
    out["segment"] = np.where(out["f_score"] >= 4, "core", "dormant")
    out["abc"] = "A"
    return out
'''

_WRONG_VALUE = '''def segment_value(activity, segments, cost_model):
    # counts lines as orders, forgets returns and customers without lines
    seg = segments.reindex(activity["customer_id"]).to_numpy()
    g = activity.assign(segment=seg).groupby("segment")
    out = pd.DataFrame({"customers": g["customer_id"].nunique(), "revenue": g["amount"].sum(),
                        "orders": g.size(), "returns": 0})
    out["cost_to_serve"] = cost_model["cost_per_order"] * out["orders"]
    out["profit"] = cost_model["margin"] * out["revenue"] - out["cost_to_serve"]
    out["profit_per_customer"] = out["profit"] / out["customers"]
    return out
'''

_CIRCULAR_CLV = '''def segment_clv(table, segments_mid, value, as_of, discount):
    # no evidence treated as zero retention, and the margin not halved
    end = pd.Timestamp(as_of).normalize()
    mid = end - pd.Timedelta(days=182)
    day = pd.to_datetime(table["date"]).dt.normalize()
    back = set(table.loc[(day >= mid) & (day < end), "customer_id"].astype(str))
    rows = {}
    for seg in value.index:
        members = [str(c) for c, s in segments_mid.items() if s == seg]
        kept = sum(c in back for c in members)
        r = kept / len(members) if members else 0.0
        m = value.loc[seg, "profit_per_customer"]
        rows[seg] = [len(members), kept, r, m, m * r / (1 + discount - r)]
    out = pd.DataFrame.from_dict(rows, orient="index",
                                 columns=["at_mid", "retained", "retention", "margin", "clv"])
    out.index.name = "segment"
    return out
'''

_WRONG_CLV = '''def segment_clv(table, segments_mid, value, as_of, discount):
    # retention of 1 for everyone
    out = pd.DataFrame(index=value.index)
    out["at_mid"] = 0
    out["retained"] = 0
    out["retention"] = 1.0
    out["margin"] = value["profit_per_customer"]
    out["clv"] = out["margin"] / discount
    return out
'''

_NO_NEW_RULE = '''def action_plan(customers, min_profit=0.0, min_clv=0.0):
    # forgets that new customers and customers without a CLV are developed
    pays = customers["profit"] >= min_profit
    lasts = customers["clv"] >= min_clv
    action = np.select([pays & lasts, pays, lasts], ["serve", "develop", "reprice"],
                       default="let_go")
    return pd.Series(action, index=customers.index)
'''

_WRONG_PLAN = '''def action_plan(customers, min_profit=0.0, min_clv=0.0):
    # everyone who loses money goes
    return pd.Series(np.where(customers["profit"] > min_profit, "serve", "let_go"),
                     index=customers.index)
'''

_WRONG_EFFECT = '''def profit_effect(customers, plan, fixed_share):
    # forgets the cost that stays
    gone = (plan == "let_go").to_numpy()
    return float(customers["profit"].sum() - customers["profit"][gone].sum())
'''

#: Demo submissions: answer-cell sources that replace the solution's (memos included).
DEMO = {
    "partly": {
        "capstone_q4_answer": _CIRCULAR_CLV,
        "capstone_q5_answer": _NO_NEW_RULE,
        "capstone_q8": "**Your answer / 你的回答** (80-120 words / 150～220 字):\n\n"
                       "I kept the default cost model because it is the one from chapter 6, "
                       "and the thresholds as given. A higher MIN_CLV would let more customers "
                       "go.",
        "capstone_q9": AVERAGE_MEMO,
    },
    "wrong": {
        "capstone_q1_answer": _WRONG_CLEAN,
        "capstone_q2_answer": _WRONG_SEGMENTS,
        "capstone_q3_answer": _WRONG_VALUE,
        "capstone_q4_answer": _WRONG_CLV,
        "capstone_q5_answer": _WRONG_PLAN,
        "capstone_q6_answer": _WRONG_EFFECT,
        "capstone_q7_answer": 'my_numbers = {"customers": 300, "non_product_lines": 0, '
                              '"core_customers": 50, "let_go_customers": 100, '
                              '"best_segment_profit": 1.0, "profit_today": 2.0, '
                              '"profit_after_plan": 3.0}\n',
        "capstone_q8": None,  # left as released: blank, 0 points at once
        "capstone_q9": WEAK_MEMO,
    },
}
