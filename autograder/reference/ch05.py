"""Chapter 5 (customer identification): reference answers and hidden cases.

The reference functions are written independently of ``course.sims`` (plain
sorting and counting), so a test that the two agree checks both.

Examples
--------
>>> import pandas as pd
>>> ref_abc_classes(pd.Series({"a": 50.0, "b": 30.0, "c": 15.0, "d": 5.0})).tolist()
['A', 'A', 'B', 'C']
>>> [c.name for c in QUESTIONS["ch05_q3"].cases(0)][:3]
['generated revenue', 'a tie at the A cut-off', 'a tie at the B cut-off']

Equal values share a class: ``q`` crosses 60 %, and ``r``, equal to ``q``, joins A.

>>> ref_abc_classes(pd.Series({"p": 50.0, "q": 20.0, "r": 20.0, "s": 10.0}), a_cut=0.6).tolist()
['A', 'A', 'A', 'B']
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from autograder.reference._cases import (
    Case,
    Question,
    compare_frames,
    compare_series,
    numbers_question,
    quiz_question,
)

# the hidden cases' building blocks, under the short names the cases use
from autograder.reference._cases import empty_transactions as _empty_tx
from autograder.reference._cases import random_day as _day
from autograder.reference._cases import random_price as _price
from autograder.reference._cases import with_rows as _with
from course.synthetic import (
    make_leads,
    make_transactions,
    rng_from_seed,
    transactions_for_student,
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
    """A when those with a strictly larger value bring < a_cut, B when < b_cut, else C.

    Equal values therefore share a class: the customer who crosses a cut-off
    and every customer of the same value are on the same side of it. Zero and
    negative values are C; the total is the sum of the positive values.
    """
    positive = [max(float(v), 0.0) for v in values.to_numpy()]
    total = sum(positive)
    labels = []
    for value in (float(v) for v in values.to_numpy()):
        if value <= 0 or total == 0:
            labels.append("C")
            continue
        above = sum(p for p in positive if p > value) / total
        labels.append("A" if above < a_cut - 1e-12 else "B" if above < b_cut - 1e-12 else "C")
    return pd.Series(labels, index=values.index, dtype="str")


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


#: The quiz of ch05_q5: item -> letter. Each item asks to apply an idea to a situation
#: (recency trap, MAN for a described lead, KYC vs CRM, PIPL consent, retention
#: economics, a Pareto curve, the ABC tie rule, the value matrix).
QUIZ_KEY = {"1": "b", "2": "c", "3": "a", "4": "c", "5": "b", "6": "a", "7": "c", "8": "b"}

#: What each quiz item tests, for item analysis (item -> short description).
QUIZ_ITEMS = {
    "1": "recency is the time since the last purchase, not the gap between purchases",
    "2": "MAN: a keen contact without authority or budget meets only Need: nurture",
    "3": "KYC (a legal duty to verify identity) is not CRM customer identification",
    "4": "PIPL: a new purpose needs consent; sharing with another firm needs separate consent",
    "5": "retention economics: computed figures from one 1990 study are not a forecast",
    "6": "reading a Pareto curve: 20 % bring 45 %, so class A is about half the customers",
    "7": "ABC: a customer equal in value to the one who reaches the cut-off joins A",
    "8": "value matrix: low current, high potential value is a customer to develop",
}

#: Tasks graded by hand in nbgrader's formgrader: grade_id -> points. Their cells are
#: markdown answer cells (``solution`` and ``grade`` true); the rubric is in the
#: solutions notebook. ``crm-course grade`` leaves them pending (autograder.manual).
MANUAL = {"ch05_q7": 3}

# ---------------------------------------------------------------- hidden cases
#
# Every question's named edge cases (``Question.edges``) are built into every
# student's cases, with that student's own numbers: nothing is left to chance.
# tests/test_reference_ch05.py checks over many seeds that each one is there and
# really has the property its name says.


def _one_order_a_day(shop: pd.DataFrame) -> pd.DataFrame:
    """A background shop where nobody orders twice on one day (only that case has it)."""
    day = shop["date"].dt.normalize()
    first = shop.assign(day=day).groupby(["customer_id", "day"])["order_id"].transform("min")
    return shop[shop["order_id"] == first].reset_index(drop=True)


def cases_rfm_table(seed) -> list[Case]:
    """Hidden inputs of ch05_q1: every named edge case on each student's own numbers.

    Examples
    --------
    >>> [c.name for c in cases_rfm_table("s001")][2:4]
    ['two orders on one day', 'several lines in one order']
    """
    rng = rng_from_seed(f"{seed}:q1")
    shop = make_transactions(n_customers=40, seed=f"{seed}:shop")
    small = _one_order_a_day(make_transactions(n_customers=12, seed=f"{seed}:small"))
    as_of = shop["date"].max() + pd.Timedelta(days=int(rng.integers(1, 30)))
    end = small["date"].max()
    small_as_of = end + pd.Timedelta(days=int(rng.integers(1, 20)))

    # default as_of: a return dated after the last sale must not move it
    late = end + pd.Timedelta(days=int(rng.integers(2, 9)))
    buyer = str(small["customer_id"].iloc[0])
    late_return = _with(small, [(buyer, f"C{rng.integers(1000, 9999)}", late, -1, _price(rng))])

    # two distinct orders on one day (different times), and one more order another day
    day = _day(rng)
    twice = _with(small, [
        ("D1", "900001", day + pd.Timedelta(hours=9), int(rng.integers(1, 4)), _price(rng)),
        ("D1", "900002", day + pd.Timedelta(hours=17), int(rng.integers(1, 4)), _price(rng)),
        ("D2", "900003", day, 1, _price(rng)),
        ("D2", "900004", day, 2, _price(rng)),
        ("D2", "900005", day + pd.Timedelta(days=int(rng.integers(3, 30))), 1, _price(rng)),
    ])

    # one order of several lines (counting lines gives too many orders)
    n_lines = int(rng.integers(3, 6))
    lines = _with(small, [("M1", "910001", day, int(rng.integers(1, 5)), _price(rng))
                          for _ in range(n_lines)]
                  + [("M2", "910002", day, 1, _price(rng)), ("M2", "910003", day
                      + pd.Timedelta(days=int(rng.integers(1, 20))), 2, _price(rng))])

    # customers with exactly one order
    singles = _with(small, [(f"S{i}", f"92000{i}", _day(rng), int(rng.integers(1, 6)),
                             _price(rng)) for i in range(1, 4)])

    # returns and cancellations: a return line, a cancelled order, and generated returns
    returns = _one_order_a_day(make_transactions(n_customers=25, seed=f"{seed}:returns",
                                                 return_rate=0.25))
    returns = _with(returns, [("R1", "930001", day, 4, 10.0),
                              ("R1", "C930001", day + pd.Timedelta(days=2), -4, 10.0),
                              ("R1", "930002", day + pd.Timedelta(days=5), 1, _price(rng))])

    # a customer who only returned goods: not in the result
    only_returns = _with(small, [("X1", "C940001", day, -int(rng.integers(1, 4)), _price(rng)),
                                 ("X1", "C940002", day + pd.Timedelta(days=1), -1,
                                  _price(rng))])

    # a free item (quantity > 0, amount 0) is not a sale: it must not move recency
    free = _with(small, [("F1", "950001", day, 2, _price(rng)),
                         ("F1", "950002", day + pd.Timedelta(days=int(rng.integers(5, 40))),
                          1, 0.0),
                         ("F2", "950003", day, 3, 0.0)])

    # times of day: a purchase late in the evening before as_of is 1 calendar day ago
    timed = small.copy()
    timed["date"] = timed["date"] + pd.to_timedelta(rng.integers(0, 86_399, len(timed)), "s")
    timed_as_of = small_as_of.normalize()
    timed = _with(timed, [("T1", "960001", timed_as_of - pd.Timedelta(minutes=int(
        rng.integers(1, 90))), 1, _price(rng))])

    return [
        Case("small shop with a given as_of", (shop,), {"as_of": as_of},
             "a generated shop of 40 customers; as_of given"),
        Case("default as_of (the day after the last sale)", (late_return,), {},
             "no as_of: the day after the last sale; a later return does not count"),
        Case("two orders on one day", (twice,), {"as_of": small_as_of},
             "a customer with two orders on the same day: frequency counts orders, not days"),
        Case("several lines in one order", (lines,), {"as_of": small_as_of},
             "one order of several lines: frequency counts orders, not lines"),
        Case("customers with one order", (singles,), {"as_of": small_as_of},
             "customers who bought once: frequency 1"),
        Case("returns and cancellations", (returns,), {"as_of": "2025-01-15"},
             "return lines (negative quantity) are not sales"),
        Case("a customer who only returned goods", (only_returns,), {"as_of": small_as_of},
             "a customer with no sale at all does not appear"),
        Case("a free item (amount 0)", (free,), {"as_of": small_as_of},
             "lines with amount 0 are not sales: no row, no effect on recency"),
        Case("purchase times during the day", (timed,), {"as_of": timed_as_of},
             "times of day: recency counts calendar days (dates normalised)"),
        Case("empty input", (_empty_tx(),), {"as_of": "2024-01-01"},
             "no transactions: an empty table with the three columns"),
    ]


def _straddles(values: np.ndarray, bins: int) -> bool:
    """Whether some run of equal values would be split by a bin edge if ranks broke ties."""
    n = len(values)
    ordered = np.sort(values)
    for v in np.unique(values):
        worse = int(np.searchsorted(ordered, v, side="left"))
        k = int(np.sum(values == v))
        if k > 1 and (bins * worse) // n != (bins * (worse + k - 1)) // n:
            return True
    return False


def _tied_rfm(rng, n: int, bins: int) -> pd.DataFrame:
    """Customers whose R, F and M each have a tie across a bin edge (retried until so)."""
    for _ in range(500):
        table = pd.DataFrame({
            "recency": rng.choice(rng.integers(1, 200, 4), n),
            "frequency": rng.choice(rng.integers(1, 9, 3), n),
            "monetary": rng.choice(np.round(rng.uniform(10, 500, 4), 2), n),
        })
        if all(_straddles(table[c].to_numpy(), bins) for c in table):
            break
    else:  # pragma: no cover - never reached for the seeds tried; a fixed fallback
        table = pd.DataFrame({"recency": [3, 10, 10, 40] * 3, "frequency": [1, 1, 1, 2] * 3,
                              "monetary": [20.0, 20.0, 75.5, 300.0] * 3})
    ids = rng.permutation(n)
    table.index = pd.Index([f"T{i:02d}" for i in ids], name="customer_id")
    return table.astype({"recency": "int64", "frequency": "int64", "monetary": "float64"})


def cases_rfm_scores(seed) -> list[Case]:
    """Hidden inputs of ch05_q2: several bin counts, ties at a bin edge, tiny inputs.

    Examples
    --------
    >>> [c.kwargs.get("bins") for c in cases_rfm_scores(0)]
    [5, 3, 10, 5, 4, 5, 5, None]
    """
    rng = rng_from_seed(f"{seed}:q2")
    rfm = ref_rfm_table(make_transactions(n_customers=60, seed=f"{seed}:scores"))
    ties = _tied_rfm(rng, int(rng.integers(10, 16)), 5)
    same = ties.assign(recency=int(rng.integers(1, 60)), frequency=1,
                       monetary=float(rng.integers(10, 90)))
    few = rfm.sample(3, random_state=int(rng.integers(1000)))
    return [
        Case("generated customers, 5 bins", (rfm,), {"bins": 5},
             "60 generated customers, 5 bins"),
        Case("generated customers, 3 bins", (rfm,), {"bins": 3},
             "60 generated customers, 3 bins"),
        Case("generated customers, 10 bins", (rfm,), {"bins": 10},
             "60 generated customers, 10 bins"),
        Case("ties at a bin edge", (ties,), {"bins": 5},
             "ties at a bin edge in R, F and M: equal values must get equal scores"),
        Case("everyone equal", (same,), {"bins": 4},
             "every customer has the same R, F and M: all scores are 1"),
        Case("one customer", (rfm.head(1),), {"bins": 5},
             "a single customer: nobody is worse, so every score is 1"),
        Case("fewer customers than bins", (few,), {"bins": 5},
             "three customers and five bins: some scores are skipped"),
        Case("default bins", (rfm.sample(frac=1.0, random_state=int(rng.integers(1000))),), {},
             "bins left at its default (5), rows shuffled"),
    ]


def _splits_a_tie(values: np.ndarray, cut: float) -> bool:
    """Whether ranking equal values one by one would put some of them on each side of ``cut``."""
    positive = np.clip(values, 0, None)
    total = positive.sum()
    for v in np.unique(values[values > 0]):
        above = positive[positive > v].sum()
        k = int(np.sum(values == v))
        if k > 1 and above < cut * total - 1e-9 and above + (k - 1) * v >= cut * total - 1e-9:
            return True
    return False


def _tie_at(rng, cut: float, prefix: str) -> pd.Series:
    """Revenue with a run of equal values across ``cut`` (retried until so); ids shuffled."""
    for _ in range(500):
        n = int(rng.integers(7, 12))
        values = np.round(rng.lognormal(3.5, 0.8, n), 0)
        tied = float(np.round(rng.uniform(10, 60), 0))
        k = int(rng.integers(2, 4))
        values = np.concatenate([values, [tied] * k])
        positive = np.sort(values)[::-1]
        shares = np.cumsum(positive) / positive.sum()
        # move the run of equal values to where the cumulative share meets the cut
        first = int(np.searchsorted(shares, cut))
        if first < len(positive):
            values = np.concatenate([values[:n], [float(positive[first])] * k])
        if _splits_a_tie(values, cut):
            break
    else:  # pragma: no cover - a fixed fallback, never reached for the seeds tried
        values = np.array([60.0, 20.0, 20.0]) if cut < 0.9 else np.array(
            [60.0, 25.0, 5.0, 5.0, 5.0])
    ids = rng.permutation(len(values))
    return pd.Series(values, index=[f"{prefix}{i:02d}" for i in ids]).sample(
        frac=1.0, random_state=int(rng.integers(1000)))


def _exact_cut(rng) -> pd.Series:
    """Top customers who bring exactly 80 %: the next customer is in B."""
    rest = rng.choice(np.arange(1, 12), int(rng.integers(2, 4)), replace=False)
    top_total = 4 * int(rest.sum())
    floor = int(rest.max()) + 1
    first = int(rng.integers(top_total // 2 + 1, top_total - floor))
    values = [float(first), float(top_total - first), *map(float, rest)]
    ids = rng.permutation(len(values))
    return pd.Series(values, index=[f"E{i:02d}" for i in ids])


def cases_abc_classes(seed) -> list[Case]:
    """Hidden inputs of ch05_q3: ties at both cut-offs, an exact boundary, signs, tiny inputs.

    Examples
    --------
    >>> [c.name for c in cases_abc_classes(0)][:3]
    ['generated revenue', 'a tie at the A cut-off', 'a tie at the B cut-off']
    """
    rng = rng_from_seed(f"{seed}:q3")
    revenue = ref_rfm_table(make_transactions(n_customers=80, seed=f"{seed}:abc"))["monetary"]
    signed = pd.Series(np.round(rng.normal(100, 80, 15), 2),
                       index=[f"S{i:02d}" for i in range(15)])
    signed.iloc[:3] = [0.0, -float(rng.integers(5, 50)), 0.0]
    equal = pd.Series(float(rng.integers(5, 500)), index=[f"Q{i}" for i in range(
        int(rng.integers(3, 8)))])
    return [
        Case("generated revenue", (revenue,), {},
             "80 generated customers, default cut-offs"),
        Case("a tie at the A cut-off", (_tie_at(rng, 0.8, "A"),), {},
             "customers equal in value to the one who crosses 80 % join class A"),
        Case("a tie at the B cut-off", (_tie_at(rng, 0.95, "B"),), {},
             "customers equal in value to the one who crosses 95 % join class B"),
        Case("exactly at the A cut-off", (_exact_cut(rng),), {},
             "the top customers bring exactly 80 %: the next customer is in B"),
        Case("everyone equal", (equal,), {},
             "every customer has the same value: all are in class A"),
        Case("zero and negative values", (signed,), {},
             "customers with zero or negative value are C and do not count in the total"),
        Case("other cut-offs", (revenue,), {"a_cut": 0.5, "b_cut": 0.9},
             "a_cut=0.5, b_cut=0.9"),
        Case("a_cut equal to b_cut", (revenue,), {"a_cut": 0.8, "b_cut": 0.8},
             "a_cut equal to b_cut: class B is empty"),
        Case("one customer", (pd.Series({"solo": float(rng.integers(1, 100))}),), {},
             "a single customer is in A"),
        Case("empty input", (pd.Series([], dtype="float64"),), {},
             "no customers: an empty Series"),
    ]


def cases_man_qualify(seed) -> list[Case]:
    """Hidden inputs of ch05_q4: all eight MAN combinations, budgets at the minimum, no leads.

    Examples
    --------
    >>> len(cases_man_qualify("s001"))
    6
    """
    rng = rng_from_seed(f"{seed}:q4")
    leads = make_leads(n_leads=30, seed=f"{seed}:leads")
    threshold = float(leads["budget"].median())
    combos = [(m, a, n) for m in (True, False) for a in (True, False) for n in (True, False)]
    rows = [combos[i] for i in rng.permutation(8)] + [combos[i] for i in rng.integers(0, 8, 4)]
    every = pd.DataFrame({
        "lead_id": [f"L{i:03d}" for i in rng.permutation(900)[:len(rows)] + 100],
        "budget": [threshold + float(rng.integers(0, 3)) * 500 if m
                   else threshold - 0.01 - float(rng.integers(0, 3)) * 500 for m, _, _ in rows],
        "has_authority": [a for _, a, _ in rows],
        "has_need": [n for _, _, n in rows],
    })
    at_min = leads.sample(8, random_state=int(rng.integers(1000))).copy()
    at_min["budget"] = [threshold, threshold - 0.01] * 4
    shuffled = leads.sample(frac=1.0, random_state=int(rng.integers(1000)))
    shuffled.index = rng.permutation(len(shuffled)) + 500
    return [
        Case("generated leads", (leads,), {"min_budget": threshold},
             "30 generated leads, median budget as the minimum"),
        Case("all eight combinations of Money, Authority and Need", (every,),
             {"min_budget": threshold},
             "every combination of the three criteria at least once"),
        Case("budget exactly at the minimum", (at_min,), {"min_budget": threshold},
             "a budget equal to min_budget has Money (>=), one cent less has not"),
        Case("a high minimum budget", (leads,), {"min_budget": float(leads["budget"].max())},
             "only the largest budget has Money"),
        Case("rows not numbered 0, 1, 2, ...", (shuffled,), {"min_budget": threshold},
             "a leads table with a shuffled row index: the result is indexed by lead_id"),
        Case("no leads", (leads.head(0),), {"min_budget": 1000.0},
             "an empty leads table: an empty Series"),
    ]


QUESTIONS: dict[str, Question] = {
    q.qid: q for q in [
        Question("ch05_q1", "rfm_table", 3, ref_rfm_table, cases_rfm_table,
                 lambda e, g: compare_frames(e, g, what="RFM table"),
                 edges=("default as_of (the day after the last sale)", "two orders on one day",
                        "several lines in one order", "customers with one order",
                        "returns and cancellations", "a customer who only returned goods",
                        "a free item (amount 0)", "purchase times during the day",
                        "empty input")),
        Question("ch05_q2", "rfm_scores", 3, ref_rfm_scores, cases_rfm_scores,
                 lambda e, g: compare_frames(e, g, what="score table"),
                 edges=("ties at a bin edge", "everyone equal", "one customer",
                        "fewer customers than bins")),
        Question("ch05_q3", "abc_classes", 2, ref_abc_classes, cases_abc_classes,
                 lambda e, g: compare_series(e, g, what="class"),
                 edges=("a tie at the A cut-off", "a tie at the B cut-off",
                        "exactly at the A cut-off", "everyone equal",
                        "zero and negative values", "a_cut equal to b_cut", "one customer",
                        "empty input")),
        Question("ch05_q4", "man_qualify", 2, ref_man_qualify, cases_man_qualify,
                 lambda e, g: compare_series(e, g, what="grade"),
                 edges=("all eight combinations of Money, Authority and Need",
                        "budget exactly at the minimum", "rows not numbered 0, 1, 2, ...",
                        "no leads")),
        quiz_question("ch05_q5", 4, QUIZ_KEY),
        numbers_question("ch05_q6", 2, ref_my_numbers),
    ]
}


# ---------------------------------------------------------------- the demo class's answers
# What the small demo class of every chapter (autograder.chapterdemo) hands in besides the
# solutions; chapter 5's full demo class (autograder.demo) uses them too.

_WRONG = {
    "ch05_q1_answer": '''def rfm_table(transactions, as_of=None):
    g = transactions.groupby("customer_id")
    return pd.DataFrame({"recency": 0, "frequency": g.size(), "monetary": g["amount"].sum()})''',
    "ch05_q2_answer": '''def rfm_scores(rfm, bins=5):
    return pd.DataFrame({"r_score": 1, "f_score": 1, "m_score": 1}, index=rfm.index)''',
    "ch05_q3_answer": '''def abc_classes(values, a_cut=0.8, b_cut=0.95):
    return pd.Series("A", index=values.index)''',
    "ch05_q4_answer": '''def man_qualify(leads, min_budget):
    return pd.Series("qualified", index=leads["lead_id"])''',
    "ch05_q5_answer": 'quiz_answers = {"1": "a", "2": "a", "3": "b", "4": "a", "5": "a", '
                      '"6": "b", "7": "b", "8": "a"}',
}


# Counts purchase days instead of orders: right on the public cases, wrong for
# customers who ordered twice on one day in the hidden ones.
DAYS_NOT_ORDERS = '''def rfm_table(transactions, as_of=None):
    sales = transactions[(transactions["quantity"] > 0) & (transactions["amount"] > 0)]
    days = sales["date"].dt.normalize()
    if sales.empty:
        return pd.DataFrame(columns=["recency", "frequency", "monetary"])
    end = pd.Timestamp(as_of).normalize() if as_of is not None else (
        days.max() + pd.Timedelta(days=1))
    g = sales.assign(day=days).groupby("customer_id")
    return pd.DataFrame({"recency": (end - g["day"].max()).dt.days,
                         "frequency": g["day"].nunique(),
                         "monetary": g["amount"].sum()})'''

# The old rule: equal values ranked one by one (by id), so a tie at a cut-off is split.
SPLIT_TIES = '''def abc_classes(values, a_cut=0.8, b_cut=0.95):
    frame = pd.DataFrame({"value": values.astype(float), "id": values.index.astype(str)},
                         index=values.index)
    frame = frame.sort_values(["value", "id"], ascending=[False, True])
    positive = frame["value"].clip(lower=0)
    total = positive.sum()
    before = (positive.cumsum() - positive) / total if total > 0 else positive * 0
    labels = np.where(frame["value"] <= 0, "C",
                      np.where(before < a_cut - 1e-12, "A",
                               np.where(before < b_cut - 1e-12, "B", "C")))
    return pd.Series(labels, index=frame.index).reindex(values.index)'''

DEMO = {
    "partly": {"ch05_q1_answer": DAYS_NOT_ORDERS, "ch05_q3_answer": SPLIT_TIES,
               "ch05_q5_answer": 'quiz_answers = {"1": "b", "2": "b", "3": "a", "4": "c", '
                                 '"5": "b", "6": "b", "7": "b", "8": "b"}'},
    "wrong": _WRONG,
}
