"""Chapter 5 (customer identification): reference answers and hidden cases.

The reference functions are written independently of ``course.sims`` (plain
sorting and counting), so a test that the two agree checks both.

Examples
--------
>>> import pandas as pd
>>> ref_abc_classes(pd.Series({"a": 50.0, "b": 30.0, "c": 15.0, "d": 5.0})).tolist()
['A', 'A', 'B', 'C']
>>> [c.name for c in QUESTIONS["ch05_q3"].cases(0)][:3]
['generated revenue', 'exact 80% boundary', 'ties across the boundary']
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from autograder.reference._cases import (
    Case,
    Question,
    compare_frames,
    compare_numbers,
    compare_quiz,
    compare_series,
)
from course.synthetic import (
    make_leads,
    make_transactions,
    rng_from_seed,
    transactions_for_student,
    transactions_from_rows,
)

# ---------------------------------------------------------------- reference answers


def ref_rfm_table(transactions: pd.DataFrame, as_of=None) -> pd.DataFrame:
    """Recency (calendar days), frequency (distinct orders), monetary (sum); sales only."""
    last: dict[str, pd.Timestamp] = {}
    orders: dict[str, set] = {}
    spent: dict[str, float] = {}
    latest = None
    for row in transactions.itertuples(index=False):
        if not (row.quantity > 0 and row.amount > 0):
            continue
        day = pd.Timestamp(row.date).normalize()
        cid = row.customer_id
        last[cid] = max(last.get(cid, day), day)
        orders.setdefault(cid, set()).add(row.order_id)
        spent[cid] = spent.get(cid, 0.0) + float(row.amount)
        latest = day if latest is None else max(latest, day)
    end = (latest + pd.Timedelta(days=1)) if as_of is None else pd.Timestamp(as_of).normalize()
    ids = sorted(last)
    out = pd.DataFrame({
        "recency": [int((end - last[c]).days) for c in ids],
        "frequency": [len(orders[c]) for c in ids],
        "monetary": [spent[c] for c in ids],
    }, index=pd.Index(ids, name="customer_id"))
    return out.astype({"recency": "int64", "frequency": "int64", "monetary": "float64"})


def _scores(values: np.ndarray, bins: int, higher_is_better: bool) -> np.ndarray:
    n = len(values)
    ordered = np.sort(values)
    if higher_is_better:
        worse = np.searchsorted(ordered, values, side="left")
    else:
        worse = n - np.searchsorted(ordered, values, side="right")
    return np.minimum(1 + (bins * worse) // max(n, 1), bins).astype("int64")


def ref_rfm_scores(rfm: pd.DataFrame, bins: int = 5) -> pd.DataFrame:
    """1 + floor(bins x share of customers strictly worse), per R, F and M."""
    return pd.DataFrame({
        "r_score": _scores(rfm["recency"].to_numpy(), bins, higher_is_better=False),
        "f_score": _scores(rfm["frequency"].to_numpy(), bins, higher_is_better=True),
        "m_score": _scores(rfm["monetary"].to_numpy(), bins, higher_is_better=True),
    }, index=rfm.index)


def ref_abc_classes(values: pd.Series, a_cut: float = 0.8, b_cut: float = 0.95) -> pd.Series:
    """The fewest top customers reaching a_cut are A, then to b_cut are B, the rest C."""
    items = sorted(((-float(v), str(k), k) for k, v in values.items()))
    total = sum(max(-neg, 0.0) for neg, _, _ in items)
    labels = {}
    running = 0.0
    for neg, _, key in items:
        value = -neg
        if value <= 0 or total == 0:
            labels[key] = "C"
            continue
        before = running / total
        labels[key] = "A" if before < a_cut - 1e-12 else "B" if before < b_cut - 1e-12 else "C"
        running += value
    return pd.Series([labels[k] for k in values.index], index=values.index, dtype="str")


def ref_man_qualify(leads: pd.DataFrame, min_budget: float) -> pd.Series:
    """Count how many of Money, Authority and Need a lead meets."""
    grade_of = {3: "qualified", 2: "develop", 1: "nurture", 0: "drop"}
    grades = []
    for row in leads.itertuples(index=False):
        met = int(row.budget >= min_budget) + int(bool(row.has_authority)) + int(
            bool(row.has_need))
        grades.append(grade_of[met])
    return pd.Series(grades, index=pd.Index(leads["lead_id"], name="lead_id"), dtype="str")


def ref_my_numbers(student_id: str) -> dict:
    """The numbers of task ch05_q6 on the data set of ``student_id``.

    The data set is :func:`course.synthetic.transactions_for_student` of that
    id (what ``student_transactions`` gives that student); the numbers come
    from the reference functions above.
    """
    tx = transactions_for_student(student_id)
    monetary = ref_rfm_table(tx)["monetary"]
    top = math.ceil(0.2 * len(monetary))
    total = float(monetary.sum())
    share = float(monetary.sort_values(ascending=False).iloc[:top].sum()) / total if total else 0.0
    return {
        "customers": int(len(monetary)),
        "top20_share": share,
        "a_customers": int((ref_abc_classes(monetary) == "A").sum()),
    }


QUIZ_KEY = {"1": "b", "2": "b", "3": "a", "4": "a", "5": "c"}

# ---------------------------------------------------------------- hidden cases


_tx = transactions_from_rows


def _empty_tx() -> pd.DataFrame:
    return _tx([]).astype({"customer_id": str, "order_id": str, "quantity": "int64",
                           "unit_price": "float64", "amount": "float64"})


def cases_rfm_table(seed) -> list[Case]:
    """Hidden inputs of ch05_q1: generated shops, returns, times of day, empty input.

    Examples
    --------
    >>> len(cases_rfm_table("s001"))
    8
    """
    rng = rng_from_seed(f"{seed}:q1")
    shop = make_transactions(n_customers=40, seed=f"{seed}:shop")
    as_of = shop["date"].max() + pd.Timedelta(days=int(rng.integers(1, 30)))
    returns = make_transactions(n_customers=25, seed=f"{seed}:returns", return_rate=0.25)
    singles = shop.drop_duplicates("customer_id").assign(order_id=lambda d: d["customer_id"])
    timed = shop.head(60).copy()
    timed["date"] = timed["date"] + pd.to_timedelta(rng.integers(0, 86_399, len(timed)), "s")
    lines = _tx([("k1", "9", "2024-02-01", 1, 2.0), ("k1", "9", "2024-02-01", 3, 1.5),
                 ("k1", "9", "2024-02-01", 2, 4.0), ("k2", "10", "2024-02-03", 1, 9.0)])
    only_returns = _tx([("r1", "C1", "2024-03-02", -2, 5.0), ("r2", "7", "2024-03-01", 1, 5.0)])
    return [
        Case("small shop with a given as_of", (shop,), {"as_of": as_of}),
        Case("default as_of (the day after the last purchase)", (shop,)),
        Case("returns and cancellations", (returns,), {"as_of": "2025-01-15"}),
        Case("single-purchase customers", (singles,), {"as_of": as_of}),
        Case("several lines in one order", (lines,), {"as_of": "2024-02-10"}),
        Case("purchase times during the day", (timed,), {"as_of": as_of.normalize()}),
        Case("a customer who only returned goods", (only_returns,), {"as_of": "2024-03-05"}),
        Case("empty input", (_empty_tx(),), {"as_of": "2024-01-01"}),
    ]


def cases_rfm_scores(seed) -> list[Case]:
    """Hidden inputs of ch05_q2: several bin counts, ties at bin edges, one customer.

    Examples
    --------
    >>> [c.kwargs.get("bins") for c in cases_rfm_scores(0)]
    [5, 3, 10, 5, 4, 5, None]
    """
    rng = rng_from_seed(f"{seed}:q2")
    rfm = ref_rfm_table(make_transactions(n_customers=60, seed=f"{seed}:scores"))
    n = 12
    ties = pd.DataFrame({"recency": rng.choice([3, 10, 10, 40], n),
                         "frequency": rng.choice([1, 1, 1, 2, 5], n),
                         "monetary": rng.choice([20.0, 20.0, 75.5, 300.0], n)},
                        index=pd.Index([f"T{i:02d}" for i in range(n)], name="customer_id"))
    same = ties.assign(frequency=1, monetary=50.0)
    one = rfm.head(1)
    return [
        Case("generated customers, 5 bins", (rfm,), {"bins": 5}),
        Case("generated customers, 3 bins", (rfm,), {"bins": 3}),
        Case("generated customers, 10 bins", (rfm,), {"bins": 10}),
        Case("ties at bin edges", (ties,), {"bins": 5}),
        Case("everyone bought once for the same amount", (same,), {"bins": 4}),
        Case("one customer", (one,), {"bins": 5}),
        Case("default bins", (rfm.sample(frac=1.0, random_state=int(rng.integers(1000))),)),
    ]


def cases_abc_classes(seed) -> list[Case]:
    """Hidden inputs of ch05_q3: boundaries, ties, zero and negative values, empty input."""
    rng = rng_from_seed(f"{seed}:q3")
    revenue = ref_rfm_table(make_transactions(n_customers=80, seed=f"{seed}:abc"))["monetary"]
    tied = pd.Series([40.0, 20.0, 20.0, 20.0, 10.0, 10.0, 5.0, 5.0],
                     index=["b", "a", "d", "c", "f", "e", "h", "g"])
    signed = pd.Series(np.round(rng.normal(100, 80, 15), 2),
                       index=[f"S{i:02d}" for i in range(15)])
    signed.iloc[:3] = [0.0, -25.0, 0.0]
    return [
        Case("generated revenue", (revenue,)),
        Case("exact 80% boundary", (pd.Series({"p": 50.0, "q": 30.0, "r": 15.0, "s": 5.0}),)),
        Case("ties across the boundary", (tied,), {"a_cut": 0.7, "b_cut": 0.9}),
        Case("zero and negative values", (signed,)),
        Case("other cut-offs", (revenue,), {"a_cut": 0.5, "b_cut": 0.9}),
        Case("a_cut equal to b_cut", (revenue,), {"a_cut": 0.8, "b_cut": 0.8}),
        Case("one customer", (pd.Series({"solo": 12.5}),)),
        Case("empty input", (pd.Series([], dtype="float64"),)),
    ]


def cases_man_qualify(seed) -> list[Case]:
    """Hidden inputs of ch05_q4: generated leads and a budget exactly at the minimum."""
    leads = make_leads(n_leads=30, seed=f"{seed}:leads")
    threshold = float(leads["budget"].median())
    edge = leads.head(8).copy()
    edge["budget"] = [threshold, threshold - 0.01] * 4
    edge["has_authority"] = [True, True, False, False] * 2
    edge["has_need"] = [True] * 4 + [False] * 4
    return [
        Case("generated leads", (leads,), {"min_budget": threshold}),
        Case("budget exactly at the minimum, all eight combinations", (edge,),
             {"min_budget": threshold}),
        Case("a high minimum budget", (leads,), {"min_budget": float(leads["budget"].max())}),
        Case("no leads", (leads.head(0),), {"min_budget": 1000.0}),
    ]


def _no_cases(seed) -> list[Case]:
    return [Case("quiz", ())]


QUESTIONS: dict[str, Question] = {
    q.qid: q for q in [
        Question("ch05_q1", "rfm_table", 3, ref_rfm_table, cases_rfm_table,
                 lambda e, g: compare_frames(e, g, what="RFM table")),
        Question("ch05_q2", "rfm_scores", 3, ref_rfm_scores, cases_rfm_scores,
                 lambda e, g: compare_frames(e, g, what="score table")),
        Question("ch05_q3", "abc_classes", 2, ref_abc_classes, cases_abc_classes,
                 lambda e, g: compare_series(e, g, what="class")),
        Question("ch05_q4", "man_qualify", 2, ref_man_qualify, cases_man_qualify,
                 lambda e, g: compare_series(e, g, what="grade")),
        Question("ch05_q5", "quiz_answers", 2, None, _no_cases, compare_quiz, key=QUIZ_KEY),
        Question("ch05_q6", "my_numbers", 2, None, _no_cases, compare_numbers,
                 expected=ref_my_numbers),
    ]
}

#: What each hidden case, quiz item and number checks, in an instructor's words: the item
#: analysis of ``report.html`` shows these next to how many students failed them.
DESCRIPTIONS: dict[str, dict[str, str]] = {
    "ch05_q1": {
        "small shop with a given as_of": "recency counted from the as_of date passed in",
        "default as_of (the day after the last purchase)":
            "without as_of, recency counts from the day after the last purchase",
        "returns and cancellations": "lines with a negative quantity or amount are ignored",
        "single-purchase customers": "customers with a single order (frequency 1)",
        "several lines in one order":
            "several lines of one order are one purchase (distinct orders, not lines)",
        "purchase times during the day":
            "a time of day does not change recency (calendar days, not hours)",
        "a customer who only returned goods": "a customer with only returns gets no row",
        "empty input": "no transactions: an empty table with the three columns",
    },
    "ch05_q2": {
        "generated customers, 5 bins": "ordinary scores with 5 bins",
        "generated customers, 3 bins": "the bins argument is used, not a fixed 5 (3 bins)",
        "generated customers, 10 bins": "the bins argument is used, not a fixed 5 (10 bins)",
        "ties at bin edges": "ties at a bin edge share one score (not rank(method='first'))",
        "everyone bought once for the same amount":
            "all values equal: everyone gets the same score",
        "one customer": "a single customer still gets scores",
        "default bins": "rows in shuffled order, default of 5 bins",
    },
    "ch05_q3": {
        "generated revenue": "ordinary ABC classes at 80 % / 95 %",
        "exact 80% boundary": "the customer who reaches exactly 80 % is in A",
        "ties across the boundary": "equal revenues at the cut-off: broken by customer id",
        "zero and negative values": "zero or negative revenue is class C",
        "other cut-offs": "a_cut and b_cut are used, not fixed 80 % / 95 %",
        "a_cut equal to b_cut": "equal cut-offs leave no B class",
        "one customer": "a single customer is class A",
        "empty input": "no customers: an empty result",
    },
    "ch05_q4": {
        "generated leads": "ordinary MAN grades",
        "budget exactly at the minimum, all eight combinations":
            "a budget equal to the minimum meets Money (>=, not >)",
        "a high minimum budget": "almost nobody meets Money",
        "no leads": "no leads: an empty result",
    },
    "ch05_q5": {
        "1": "the hardest customer information to collect (attitudes and motives)",
        "2": "what the A of MAN stands for (authority to decide)",
        "3": "high current and high potential value: a VIP customer",
        "4": "recency: the more recent buyer gets the higher R score",
        "5": "ABC: class A is a few customers bringing most revenue",
    },
    "ch05_q6": {
        "customers": "number of customers in the student's own data",
        "top20_share": "revenue share of the top 20 % of customers",
        "a_customers": "number of class A customers",
    },
}
