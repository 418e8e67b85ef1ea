"""Chapter 7 (CRM and customer lifetime value): reference answers and hidden cases.

The reference functions are written independently of ``course.sims.clv`` (plain
loops and dictionaries), so a test that the two agree checks both.

Examples
--------
>>> round(ref_clv(100, 0.8, 0.1), 2)
266.67
>>> round(ref_clv(100, 0.8, 0.1, horizon=5), 2)
212.41
>>> [c.name for c in QUESTIONS["ch07_q1"].cases(0)][:3]
['a finite horizon', 'the infinite horizon', 'retention 0']
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
    with_rows,
)
from course.synthetic import rng_from_seed
from course.synthetic.clv import (
    SHOP_CALIBRATION_END,
    clv_transactions_for_student,
    make_clv_transactions,
    make_loyalty_survey,
)

# ---------------------------------------------------------------- reference answers


def ref_clv(margin, retention, discount, horizon=None) -> float:
    """Sum of m r^t / (1 + i)^t for t = 1..horizon; the closed form m r / (1 + i - r) if None."""
    margin, retention, discount = float(margin), float(retention), float(discount)
    if horizon is None:
        if retention == 1.0 and discount == 0.0:
            return math.inf if margin > 0 else (-math.inf if margin < 0 else 0.0)
        return margin * retention / (discount + (1.0 - retention))
    total = 0.0
    survive, factor = 1.0, 1.0
    for _ in range(int(horizon)):
        survive *= retention
        factor /= 1.0 + discount
        total += margin * survive * factor
    return total


def ref_retention_change(cohort_size, margin, acquisition_cost, retention, new_retention,
                         discount, years) -> dict:
    """CLV over ``years`` before and after; the cohort's profit is N (CLV - acquisition cost)."""
    before = ref_clv(margin, retention, discount, years)
    after = ref_clv(margin, new_retention, discount, years)
    n, cost = float(cohort_size), float(acquisition_cost)
    return {"clv_before": before, "clv_after": after, "clv_change": after - before,
            "profit_before": n * (before - cost), "profit_after": n * (after - cost),
            "profit_change": n * (after - before)}


def ref_loyalty_type(scores: pd.DataFrame, attitude_cut=5.0, repeat_cut=0.5) -> pd.Series:
    """Relative attitude x repeat patronage, each high at or above its cut-off."""
    labels = []
    for row in scores.itertuples(index=False):
        high_a, high_r = row.attitude >= attitude_cut, row.repeat >= repeat_cut
        labels.append("true_loyalty" if high_a and high_r else "latent_loyalty" if high_a
                      else "spurious_loyalty" if high_r else "no_loyalty")
    return pd.Series(labels, index=pd.Index(scores["customer_id"], name="customer_id"),
                     dtype="str")


def ref_frt_table(transactions: pd.DataFrame, calibration_end) -> pd.DataFrame:
    """Purchase days (quantity > 0) up to the end day: repeat days, first-to-last, first-to-end."""
    end = pd.Timestamp(calibration_end).normalize()
    days: dict[str, set] = {}
    for row in transactions.itertuples(index=False):
        day = pd.Timestamp(row.date).normalize()
        if row.quantity > 0 and day <= end:
            days.setdefault(str(row.customer_id), set()).add(day)
    ids = sorted(days)
    out = pd.DataFrame({
        "frequency": [len(days[c]) - 1 for c in ids],
        "recency": [(max(days[c]) - min(days[c])).days / 7 for c in ids],
        "T": [(end - min(days[c])).days / 7 for c in ids],
    }, index=pd.Index(ids, name="customer_id"))
    return out.astype({"frequency": "int64", "recency": "float64", "T": "float64"})


def ref_my_numbers(student_id: str) -> dict:
    """The numbers of task ch07_q6 on the chapter 7 shop of ``student_id``."""
    frt = ref_frt_table(clv_transactions_for_student(student_id), SHOP_CALIBRATION_END)
    n = len(frt)
    return {
        "customers": int(n),
        "repeat_transactions": int(frt["frequency"].sum()),
        "one_time_share": float((frt["frequency"] == 0).sum() / n) if n else 0.0,
    }


#: The quiz of ch07_q5: item -> letter. Each item asks to apply an idea to a situation.
QUIZ_KEY = {"1": "c", "2": "a", "3": "b", "4": "b", "5": "a", "6": "c", "7": "b", "8": "c"}

#: What each quiz item tests, for item analysis (item -> short description).
QUIZ_ITEMS = {
    "1": "kinds of CRM: one customer history shared across channels is collaborative CRM",
    "2": "kinds of CRM: a churn model on loyalty-card data is analytical CRM",
    "3": "satisfaction is not loyalty: satisfied customers leave without bonds or costs",
    "4": "Dick and Basu: low attitude, high repeat (the only store nearby) is spurious",
    "5": "latent loyalty (high attitude, low repeat): remove the obstacle to buying",
    "6": "CLV closed form with the first margin a period from now: m r / (1 + i - r)",
    "7": "retention economics: 0.80 to 0.85 raises the infinite CLV by about 28 %",
    "8": "BG/NBD: a customer with no repeat purchase has P(alive) 1 by assumption",
}

#: Tasks graded by hand in nbgrader's formgrader: grade_id -> points.
MANUAL = {"ch07_q7": 3}

# ---------------------------------------------------------------- hidden cases
#
# Every question's named edge cases (``Question.edges``) are built into every
# student's cases, with that student's own numbers: nothing is left to chance.
# tests/test_reference_ch07.py checks over many seeds that each one is there and
# really has the property its name says.


def _rates(rng) -> tuple[float, float, float]:
    margin = float(rng.integers(20, 400))
    retention = round(float(rng.uniform(0.3, 0.95)), 2)
    discount = round(float(rng.uniform(0.03, 0.2)), 3)
    return margin, retention, discount


def cases_clv(seed) -> list[Case]:
    """Hidden inputs of ch07_q1: both horizons, retention 0 and 1, discount 0, short horizons.

    Examples
    --------
    >>> len(cases_clv("s001"))
    11
    """
    rng = rng_from_seed(f"{seed}:ch07:q1")
    m, r, i = _rates(rng)
    m2, r2, i2 = _rates(rng)
    m3, r3, _ = _rates(rng)
    horizon = int(rng.integers(3, 15))
    return [
        Case("a finite horizon", (m, r, i), {"horizon": horizon},
             "margin, retention and discount drawn for the student; a few years"),
        Case("the infinite horizon", (m2, r2, i2), {},
             "horizon left at None: the closed form m r / (1 + i - r)"),
        Case("retention 0", (m, 0.0, i), {"horizon": horizon},
             "nobody stays a period: CLV is 0"),
        Case("retention 0 over an infinite horizon", (m2, 0.0, i2), {"horizon": None},
             "nobody stays, infinite horizon: CLV is 0"),
        Case("retention 1 without discounting", (m3, 1.0, 0.0), {"horizon": horizon},
             "nobody leaves, no discounting: CLV is m times the horizon"),
        Case("an unbounded value", (m3, 1.0, 0.0), {},
             "nobody leaves, no discounting, no end: CLV is infinite (math.inf)"),
        Case("retention 1 with discounting", (m3, 1.0, i2), {"horizon": None},
             "nobody leaves but money is discounted: CLV is m / i"),
        Case("discount 0", (m2, r3, 0.0), {"horizon": horizon},
             "no discounting: the sum of m r^t"),
        Case("horizon 0", (m, r, i), {"horizon": 0},
             "no future period: CLV is 0"),
        Case("horizon 1", (m2, r2, i2), {"horizon": 1},
             "one period: m r / (1 + i), the first margin a period from now"),
        Case("a long horizon", (m, r, i), {"horizon": 300},
             "300 periods: the finite sum is the closed form to many digits"),
    ]


def cases_retention_change(seed) -> list[Case]:
    """Hidden inputs of ch07_q2: gains, losses, no change, extremes of retention, zero years.

    Examples
    --------
    >>> [c.name for c in cases_retention_change(0)][:2]
    ['five points more retention', 'a generated change']
    """
    rng = rng_from_seed(f"{seed}:ch07:q2")
    n = int(rng.integers(5, 60)) * 100
    m, r, i = _rates(rng)
    r = min(r, 0.9)
    cost = float(rng.integers(50, 300))
    years = int(rng.integers(4, 12))
    other = round(float(rng.uniform(0.2, 0.95)), 2)
    return [
        Case("five points more retention", (n, m, cost, r, round(r + 0.05, 2), i, years), {},
             "retention up by 0.05, everything else the same"),
        Case("a generated change", (n, m, cost, r, other, i, years), {},
             "a new retention drawn for the student"),
        Case("no change", (n, m, cost, r, r, i, years), {},
             "the same retention: every change is 0"),
        Case("a drop in retention", (n, m, cost, r, round(r - 0.1, 2), i, years), {},
             "retention falls: the changes are negative"),
        Case("from retention 0", (n, m, cost, 0.0, r, i, years), {},
             "nobody stayed before: the CLV before is 0 and the profit is -N x cost"),
        Case("to retention 1 without discounting", (n, m, cost, r, 1.0, 0.0, years), {},
             "nobody leaves after, discount 0: the CLV after is m x years"),
        Case("zero years", (n, m, cost, r, round(r + 0.05, 2), i, 0), {},
             "no year counted: both CLVs are 0, profit is only the acquisition cost"),
        Case("acquisition cost above the CLV", (n, m, m * 20.0, r, round(r + 0.05, 2), i,
                                                years), {},
             "the cohort loses money before and after; the change is still a gain"),
    ]


def cases_loyalty_type(seed) -> list[Case]:
    """Hidden inputs of ch07_q3: all four types, scores at the cut-offs, other cut-offs.

    Examples
    --------
    >>> len(cases_loyalty_type(1))
    7
    """
    rng = rng_from_seed(f"{seed}:ch07:q3")
    survey = make_loyalty_survey(n_customers=int(rng.integers(30, 50)), seed=f"{seed}:survey")
    at = pd.DataFrame({
        "customer_id": [f"E{i}" for i in rng.permutation(6) + 1],
        "attitude": [5, 5, 4, 4, 5, 7],
        "repeat": [0.5, 0.49, 0.5, 0.49, 0.51, 0.5],
    })
    every = pd.DataFrame({
        "customer_id": [f"F{i:02d}" for i in rng.permutation(8) + 1],
        "attitude": [int(rng.integers(5, 8)), int(rng.integers(5, 8)), int(rng.integers(1, 5)),
                     int(rng.integers(1, 5))] * 2,
        "repeat": [round(float(rng.uniform(0.5, 1)), 2), round(float(rng.uniform(0, 0.49)), 2),
                   round(float(rng.uniform(0.5, 1)), 2),
                   round(float(rng.uniform(0, 0.49)), 2)] * 2,
    })
    shuffled = survey.sample(frac=1.0, random_state=int(rng.integers(1000)))
    shuffled.index = rng.permutation(len(shuffled)) + 100
    cut_a, cut_r = int(rng.integers(3, 6)), round(float(rng.uniform(0.3, 0.7)), 2)
    return [
        Case("a generated survey", (survey,), {},
             "a survey of 30 to 50 customers, default cut-offs (5 and 0.5)"),
        Case("scores exactly at a cut-off", (at,), {},
             "attitude 5 and repeat 0.5 count as high (>=)"),
        Case("all four loyalty types", (every,), {},
             "two customers of each of the four types"),
        Case("other cut-offs", (survey,), {"attitude_cut": cut_a, "repeat_cut": cut_r},
             "cut-offs other than the defaults"),
        Case("rows not numbered 0, 1, 2, ...", (shuffled,), {},
             "a shuffled row index: the result is indexed by customer_id"),
        Case("one customer", (survey.head(1),), {},
             "a single customer"),
        Case("no customers", (survey.head(0),), {},
             "an empty survey: an empty Series"),
    ]


def _lines(rows) -> pd.DataFrame:
    """Order lines from (customer, order, timestamp, quantity, price) tuples."""
    tx = pd.DataFrame(rows, columns=["customer_id", "order_id", "date", "quantity",
                                     "unit_price"])
    tx["quantity"] = tx["quantity"].astype("int64")
    tx["unit_price"] = tx["unit_price"].astype("float64")
    tx["amount"] = (tx["quantity"] * tx["unit_price"]).round(2)
    tx["date"] = pd.to_datetime(tx["date"])
    return tx.astype({"customer_id": "str", "order_id": "str"})


def _with(shop: pd.DataFrame, rows) -> pd.DataFrame:
    """``shop`` with extra lines in this chapter's form (amounts rounded to cents), shuffled."""
    return with_rows(shop, rows, make=_lines)


def _one_line_a_day(shop: pd.DataFrame) -> pd.DataFrame:
    """A background shop where nobody buys twice on one day (only that case has it)."""
    day = shop["date"].dt.normalize()
    first = shop.assign(day=day).groupby(["customer_id", "day"])["order_id"].transform("min")
    keep = shop[shop["order_id"] == first]
    return keep.drop_duplicates("order_id").reset_index(drop=True)


def cases_frt_table(seed) -> list[Case]:
    """Hidden inputs of ch07_q4: same-day purchases, the end day, after the end, returns.

    Examples
    --------
    >>> len(cases_frt_table("s001"))
    10
    """
    rng = rng_from_seed(f"{seed}:ch07:q4")
    shop = make_clv_transactions(n_customers=int(rng.integers(40, 70)), seed=f"{seed}:frt")
    small = _one_line_a_day(make_clv_transactions(n_customers=12, seed=f"{seed}:frt-small"))
    end = SHOP_CALIBRATION_END
    other_end = end - pd.Timedelta(days=int(rng.integers(20, 60)))

    def at(days: int, minutes: int = 600) -> pd.Timestamp:
        return pd.Timestamp("2024-01-01") + pd.Timedelta(days=days, minutes=minutes)

    d1 = int(rng.integers(0, 60))
    d2 = d1 + int(rng.integers(7, 80))
    same_day = _with(small, [("M1", "880001", at(d1), 1, 12.5), ("M1", "880001", at(d1), 2, 4.0),
                             ("M1", "880002", at(d1, 900), 1, 9.9),
                             ("M1", "880003", at(d2), 1, 15.0),
                             ("M2", "880004", at(d2), 1, 30.0),
                             ("M2", "880005", at(d2, 1200), 3, 2.0)])
    after = _with(small, [("A1", "881001", at(d1), 1, 20.0),
                          ("A1", "881002", end + pd.Timedelta(days=int(rng.integers(1, 60))),
                           1, 20.0),
                          ("A1", "881003", end + pd.Timedelta(days=1, minutes=5), 1, 5.0)])
    late = _with(small, [("L1", "882001", end + pd.Timedelta(days=int(rng.integers(1, 40))),
                          2, 11.0)])
    end_day = _with(small, [("D1", "883001", at(d1), 1, 10.0),
                            ("D1", "883002", end + pd.Timedelta(hours=21), 1, 10.0),
                            ("D2", "883003", end + pd.Timedelta(hours=9), 1, 8.0)])
    singles = _with(small, [(f"S{k}", f"88400{k}", at(int(rng.integers(0, 170))), 1, 7.5)
                            for k in range(1, 4)])
    timed = _with(small, [("T1", "885001", at(d1, 1439), 1, 5.0),
                          ("T1", "885002", at(d2, 1), 1, 5.0)])
    returns = _with(small, [("R1", "886001", at(d1), 2, 10.0),
                            ("R1", "C886001", at(d2), -2, 10.0),
                            ("R2", "C886002", at(d1), -1, 4.0)])
    empty = shop[shop["date"] > end + pd.Timedelta(days=1)].head(5).reset_index(drop=True)
    return [
        Case("a generated shop", (shop,), {"calibration_end": end},
             "a generated shop; calibration to 2024-06-30"),
        Case("another calibration end", (shop,), {"calibration_end": str(other_end.date())},
             "an earlier calibration end, given as a string"),
        Case("several lines on one day", (same_day,), {"calibration_end": end},
             "lines and orders of one customer on one day are one transaction"),
        Case("purchases after the calibration end", (after,), {"calibration_end": end},
             "purchases after the end day do not count"),
        Case("first purchase after the calibration end", (late,), {"calibration_end": end},
             "a customer who first bought after the end is not in the table"),
        Case("a purchase on the calibration end day", (end_day,), {"calibration_end": end},
             "the end day is included, even late in the evening"),
        Case("customers with one purchase", (singles,), {"calibration_end": end},
             "one purchase: frequency 0, recency 0"),
        Case("purchase times during the day", (timed,), {"calibration_end": end},
             "times of day: weeks count calendar days (dates normalised)"),
        Case("returns are not purchases", (returns,), {"calibration_end": end},
             "lines with a negative quantity are not purchases"),
        Case("no purchases before the end", (empty,), {"calibration_end": end},
             "nothing in the calibration period: an empty table"),
    ]


def _as_number(value):
    if isinstance(value, str) and value.strip().lower() in {"inf", "-inf", "nan",
                                                            "infinity", "-infinity"}:
        return float(value)
    return value


def compare_number(expected, got, what: str = "CLV", rtol: float = 1e-6) -> tuple[bool, str]:
    """Compare two numbers (``math.inf`` included) within a relative tolerance.

    Examples
    --------
    >>> compare_number(266.6667, 266.6667)
    (True, '')
    >>> compare_number(math.inf, "inf")
    (True, '')
    >>> compare_number(10.0, 11.0)
    (False, 'CLV: expected 10, got 11')
    """
    got = _as_number(got)
    if isinstance(got, bool) or not isinstance(got, int | float | np.integer | np.floating):
        return False, f"{what}: expected a number, got {type(got).__name__}"
    e, g = float(expected), float(got)
    if math.isinf(e) or math.isinf(g) or math.isnan(g):
        ok = e == g
    else:
        ok = math.isclose(e, g, rel_tol=rtol, abs_tol=1e-6)
    return ok, "" if ok else f"{what}: expected {e:.6g}, got {g:.6g}"


def compare_change(expected: dict, got) -> tuple[bool, str]:
    """Compare the dicts of ch07_q2 key by key.

    Examples
    --------
    >>> compare_change({"clv_change": 5.0}, {"clv_change": 5.0})
    (True, '')
    >>> compare_change({"clv_change": 5.0}, {})
    (False, 'the dict has no key clv_change')
    """
    if not isinstance(got, dict):
        return False, f"expected a dict, got {type(got).__name__}"
    for key, value in expected.items():
        if key not in got:
            return False, f"the dict has no key {key}"
        ok, message = compare_number(value, got[key], what=key)
        if not ok:
            return False, message
    return True, ""


QUESTIONS: dict[str, Question] = {
    q.qid: q for q in [
        Question("ch07_q1", "clv", 3, ref_clv, cases_clv, compare_number,
                 edges=("the infinite horizon", "retention 0",
                        "retention 0 over an infinite horizon", "retention 1 without discounting",
                        "an unbounded value",
                        "retention 1 with discounting", "discount 0", "horizon 0",
                        "horizon 1")),
        Question("ch07_q2", "retention_change", 2, ref_retention_change,
                 cases_retention_change, compare_change,
                 edges=("no change", "a drop in retention", "from retention 0",
                        "to retention 1 without discounting", "zero years",
                        "acquisition cost above the CLV")),
        Question("ch07_q3", "loyalty_type", 2, ref_loyalty_type, cases_loyalty_type,
                 lambda e, g: compare_series(e, g, what="loyalty type"),
                 edges=("scores exactly at a cut-off", "all four loyalty types",
                        "other cut-offs", "rows not numbered 0, 1, 2, ...", "one customer",
                        "no customers")),
        Question("ch07_q4", "frt_table", 3, ref_frt_table, cases_frt_table,
                 lambda e, g: compare_frames(e, g, what="summary"),
                 edges=("several lines on one day", "purchases after the calibration end",
                        "first purchase after the calibration end",
                        "a purchase on the calibration end day", "customers with one purchase",
                        "purchase times during the day", "returns are not purchases",
                        "no purchases before the end")),
        quiz_question("ch07_q5", 4, QUIZ_KEY),
        numbers_question("ch07_q6", 2, ref_my_numbers),
    ]
}

# ---------------------------------------------------------------- demo class

# Counts the margin of today as well (first margin now, not a period from now):
# right for nothing but retention 0 with horizon 0... and wrong everywhere else.
MARGIN_TODAY = '''def clv(margin, retention, discount, horizon=None):
    if horizon is None:
        if retention == 1 and discount == 0:
            return math.inf
        return margin * (1 + discount) / (1 + discount - retention)
    return sum(margin * retention ** t / (1 + discount) ** t for t in range(horizon))'''

# "High" means strictly above the cut-off: wrong for scores equal to it.
STRICT_CUTS = '''def loyalty_type(scores, attitude_cut=5, repeat_cut=0.5):
    high_a = scores["attitude"] > attitude_cut
    high_r = scores["repeat"] > repeat_cut
    labels = np.select([high_a & high_r, high_a, high_r],
                       ["true_loyalty", "latent_loyalty", "spurious_loyalty"], "no_loyalty")
    return pd.Series(labels, index=pd.Index(scores["customer_id"], name="customer_id"))'''

_WRONG = {
    "ch07_q1_answer": '''def clv(margin, retention, discount, horizon=None):
    return margin * retention / (1 - retention) if retention < 1 else math.inf''',
    "ch07_q2_answer": '''def retention_change(cohort_size, margin, acquisition_cost, retention,
                     new_retention, discount, years):
    change = margin * (new_retention - retention)
    return {"clv_before": 0.0, "clv_after": change, "clv_change": change,
            "profit_before": 0.0, "profit_after": change, "profit_change": change}''',
    "ch07_q3_answer": '''def loyalty_type(scores, attitude_cut=5, repeat_cut=0.5):
    high_a = scores["attitude"] >= attitude_cut
    high_r = scores["repeat"] >= repeat_cut
    labels = np.select([high_a & high_r, high_a, high_r],
                       ["true_loyalty", "spurious_loyalty", "latent_loyalty"], "no_loyalty")
    return pd.Series(labels, index=scores.index)''',
    "ch07_q4_answer": '''def frt_table(transactions, calibration_end):
    g = transactions.groupby("customer_id")
    end = pd.Timestamp(calibration_end)
    return pd.DataFrame({"frequency": g.size(),
                         "recency": (end - g["date"].max()).dt.days / 7,
                         "T": (end - g["date"].min()).dt.days / 7})''',
    "ch07_q5_answer": 'quiz_answers = {"1": "a", "2": "b", "3": "a", "4": "a", "5": "b", '
                      '"6": "a", "7": "a", "8": "a"}',
    "ch07_q6_answer": 'my_numbers = {"customers": 1, "repeat_transactions": 1, '
                      '"one_time_share": 1.0}',
}

DEMO = {
    "partly": {"ch07_q1_answer": MARGIN_TODAY, "ch07_q3_answer": STRICT_CUTS,
               "ch07_q5_answer": 'quiz_answers = {"1": "c", "2": "a", "3": "b", "4": "a", '
                                 '"5": "b", "6": "c", "7": "a", "8": "c"}'},
    "wrong": _WRONG,
}
