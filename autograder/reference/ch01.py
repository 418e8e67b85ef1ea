"""Chapter 1 (customer concepts): reference answers, hidden cases, quiz key and demo answers.

The reference functions are written independently of ``course.sims.concepts``
(plain loops over rows), so a test that the two agree checks both.

Examples
--------
>>> import pandas as pd
>>> h = pd.DataFrame({"household_id": ["a"], "people": [4], "grams_per_person_day": [250],
...                   "stock_kg": [6.0]})
>>> ref_next_delivery(h, "2025-03-03").loc["a", "deliver_on"]
Timestamp('2025-03-07 00:00:00')
>>> [c.name for c in QUESTIONS["ch01_q1"].cases("s001")][:2]
['generated street', 'a household that eats no rice']
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
from course.synthetic import rng_from_seed
from course.synthetic.concepts import (
    STREET_SHOPS,
    make_rice_purchases,
    make_street,
    street_for_student,
)

# ---------------------------------------------------------------- reference answers


def ref_next_delivery(households: pd.DataFrame, as_of, safety_days: int = 2) -> pd.DataFrame:
    """Days left, run-out date (as_of + floor(days)), delivery date (run-out - margin, >= as_of)."""
    today = pd.Timestamp(as_of).normalize()
    ids, left, run_out, deliver = [], [], [], []
    for row in households.itertuples(index=False):
        use = float(row.people) * float(row.grams_per_person_day)
        ids.append(row.household_id)
        if use <= 0:
            left.append(math.inf)
            run_out.append(pd.NaT)
            deliver.append(pd.NaT)
            continue
        days = float(row.stock_kg) * 1000 / use
        whole = math.floor(days + 1e-9)
        left.append(days)
        run_out.append(today + pd.Timedelta(days=whole))
        deliver.append(today + pd.Timedelta(days=max(whole - safety_days, 0)))
    def dates(values):
        return pd.to_datetime(pd.Series(values, dtype="object")).to_numpy()

    return pd.DataFrame({"days_left": np.array(left, dtype="float64"),
                         "run_out": dates(run_out), "deliver_on": dates(deliver)},
                        index=pd.Index(ids, name="household_id"))


def ref_share_of_wallet(purchases: pd.DataFrame, wallets: pd.DataFrame, shop: str) -> pd.Series:
    """Net spend at ``shop`` / whole category spend, per customer of ``wallets``."""
    spent: dict[str, float] = {}
    for row in purchases.itertuples(index=False):
        if row.shop == shop:
            spent[row.customer_id] = spent.get(row.customer_id, 0.0) + float(row.amount)
    ids, shares = [], []
    for row in wallets.itertuples(index=False):
        ids.append(row.customer_id)
        total = float(row.category_spend)
        shares.append(spent.get(row.customer_id, 0.0) / total if total != 0 else math.nan)
    return pd.Series(shares, index=pd.Index(ids, name="customer_id"), dtype="float64",
                     name="share_of_wallet")


def ref_market_share(purchases: pd.DataFrame, wallets: pd.DataFrame) -> pd.Series:
    """Each shop's net sales to the customers of ``wallets`` / their total category spend."""
    known = set(wallets["customer_id"])
    total = float(wallets["category_spend"].sum())
    sales: dict[str, float] = {}
    for row in purchases.itertuples(index=False):
        sales.setdefault(row.shop, 0.0)
        if row.customer_id in known:
            sales[row.shop] += float(row.amount)
    shops = sorted(sales)
    return pd.Series([sales[s] / total for s in shops], index=pd.Index(shops, name="shop"),
                     dtype="float64", name="market_share")


def ref_customer_value(customers: pd.DataFrame, years: int) -> pd.DataFrame:
    """Margin x purchases a year x (1 + r + ... + r**(years-1)), beside one sale."""
    ids, one, value, multiple = [], [], [], []
    for row in customers.itertuples(index=False):
        kept = sum(float(row.retention) ** t for t in range(int(years)))
        v = float(row.margin) * float(row.purchases_per_year) * kept
        ids.append(row.customer_id)
        one.append(float(row.margin))
        value.append(v)
        multiple.append(v / float(row.margin) if row.margin != 0 else math.nan)
    return pd.DataFrame({"one_sale": one, "value": value, "multiple": multiple},
                        index=pd.Index(ids, name="customer_id"))


def ref_my_numbers(student_id: str) -> dict:
    """The numbers of task ch01_q6 on the street of ``student_id``.

    The street is :func:`course.synthetic.concepts.street_for_student` of that
    id (what ``student_street`` gives that student).
    """
    street = street_for_student(student_id)
    plan = ref_next_delivery(street["households"], street["as_of"], safety_days=2)
    week_end = street["as_of"] + pd.Timedelta(days=6)
    due = int(((plan["deliver_on"] >= street["as_of"]) & (plan["deliver_on"] <= week_end)).sum())
    share = ref_market_share(street["purchases"], street["wallets"])
    wallet = ref_share_of_wallet(street["purchases"], street["wallets"], street["shop"])
    return {
        "due_this_week": due,
        "loyal_households": int((wallet >= 0.5).sum()),
        "market_share": float(share.get(street["shop"], 0.0)),
    }


# ---------------------------------------------------------------- comparisons

_DATE_COLUMNS = ("run_out", "deliver_on")


def _as_days(values) -> pd.Series:
    """Dates as 'YYYY-MM-DD' text ('NaT' when missing), whatever form they came in."""
    parsed = pd.to_datetime(pd.Series(values), errors="coerce", format="mixed")
    return parsed.dt.strftime("%Y-%m-%d").astype("object").where(parsed.notna(), "NaT")


def compare_plan(expected: pd.DataFrame, got) -> tuple[bool, str]:
    """Compare delivery plans: dates by calendar day, ``days_left`` as numbers.

    Dates come back from the grading kernel as ISO text, so both sides are put
    in that form. ``inf`` comes back as ``inf`` (the hand-in lists infinite
    cells beside the JSON), so a NaN where ``inf`` is due fails, as in the
    public check.

    Examples
    --------
    >>> e = ref_next_delivery(pd.DataFrame({"household_id": ["a", "b"], "people": [2, 0],
    ...     "grams_per_person_day": [250, 300], "stock_kg": [1.0, 1.0]}), "2025-03-03")
    >>> compare_plan(e, e.assign(run_out=e["run_out"].astype(str)))
    (True, '')
    >>> compare_plan(e, e.assign(deliver_on=e["run_out"]))[1]
    "deliver_on of 'a': expected '2025-03-03', got '2025-03-05'"
    >>> compare_plan(e, e.assign(days_left=[2.0, float("nan")]))[1]
    "days_left of 'b': expected inf, got nan"
    """
    if isinstance(got, pd.DataFrame) and "household_id" in got.columns:
        got = got.set_index("household_id")
    if not isinstance(got, pd.DataFrame):
        return False, f"expected a pandas DataFrame, got {type(got).__name__}"
    missing = [c for c in expected.columns if c not in got.columns]
    if missing:
        return False, f"the plan has no column(s) {missing}; it has {list(got.columns)}"

    def tidy(frame: pd.DataFrame) -> pd.DataFrame:
        out = pd.DataFrame(index=frame.index)
        days = pd.to_numeric(pd.Series(frame["days_left"].to_numpy()), errors="coerce")
        out["days_left"] = days.to_numpy()
        for col in _DATE_COLUMNS:
            out[col] = _as_days(frame[col].to_numpy()).to_numpy()
        return out

    return compare_frames(tidy(expected), tidy(got), what="plan", index_name=None)


# ---------------------------------------------------------------- the quiz

#: The quiz of ch01_q5: item -> letter. Every item asks to apply an idea to a situation.
QUIZ_KEY = {"1": "b", "2": "a", "3": "c", "4": "b", "5": "a", "6": "c", "7": "b", "8": "a"}

#: What each quiz item tests, for item analysis (item -> short description).
QUIZ_ITEMS = {
    "1": "seven differences: contract buyers served by an account manager differ on most of them",
    "2": "internal customers: the department served inside the firm is a customer",
    "3": "service-profit chain: cutting training and raising turnover costs loyalty and profit",
    "4": "seven levels: a joint company of two independent firms is a strategic alliance",
    "5": "share of wallet vs market share: a small shop can hold most of its customers' spend",
    "6": "value over several years: margin x purchases x (1 + r + r^2), undiscounted",
    "7": "Costco: membership fees equal more than half of operating income, not price margin",
    "8": "rice-shop dates: run-out day minus the margin, counted from today",
}

#: No hand-graded task in this chapter.
MANUAL: dict[str, float] = {}

# ---------------------------------------------------------------- hidden cases
#
# Every question's named edge cases (``Question.edges``) are built into every
# student's cases, with that student's own numbers. tests/test_reference_ch01.py
# checks over many seeds that each is present and really has its property.


def _household(hid, people, grams, stock) -> dict:
    return {"household_id": hid, "people": int(people), "grams_per_person_day": int(grams),
            "stock_kg": float(stock)}


def _with_rows(street: pd.DataFrame, rows: list[dict], rng) -> pd.DataFrame:
    """``street`` with extra households, shuffled so that no edge case sits at the end."""
    out = pd.concat([street, pd.DataFrame(rows)], ignore_index=True)
    out = out.astype({"people": "int64", "grams_per_person_day": "int64",
                      "stock_kg": "float64"})
    return out.sample(frac=1.0, random_state=int(rng.integers(10_000))).reset_index(drop=True)


def _exact_household(rng, hid: str) -> dict:
    """A household whose jar lasts a whole number of days (4 people x 250 g = 1 kg a day...)."""
    people, grams = [(4, 250), (5, 200), (2, 250), (8, 250), (5, 400)][int(rng.integers(5))]
    daily = people * grams / 1000
    return _household(hid, people, grams, daily * int(rng.integers(3, 15)))


def cases_next_delivery(seed) -> list[Case]:
    """Hidden inputs of ch01_q1: every named edge case on each student's own numbers.

    Examples
    --------
    >>> [c.name for c in cases_next_delivery("s001")][2:4]
    ['an empty jar', 'inside the safety margin']
    """
    rng = rng_from_seed(f"{seed}:ch01q1")
    street = make_street(int(rng.integers(10, 16)), seed=f"{seed}:street")
    as_of = pd.Timestamp("2025-01-01") + pd.Timedelta(days=int(rng.integers(0, 330)))
    safety = int(rng.integers(1, 5))
    no_rice = _with_rows(street, [_household("Z1", 0, int(rng.integers(15, 40)) * 10,
                                             float(rng.integers(1, 20))),
                                  _household("Z2", int(rng.integers(1, 6)), 0,
                                             float(rng.integers(1, 20)))], rng)
    empty_jar = _with_rows(street, [_household("E1", int(rng.integers(1, 7)),
                                               int(rng.integers(15, 45)) * 10, 0.0)], rng)
    # rice for less than the margin: run-out minus margin would be in the past
    people = int(rng.integers(3, 7))
    inside = _with_rows(street, [_household("M1", people, 300, people * 0.3 * (safety - 1)
                                            + 0.5 * people * 0.3)], rng)
    exact = _with_rows(street, [_exact_household(rng, f"X{i}") for i in range(1, 4)], rng)
    timed = pd.Timestamp(as_of) + pd.Timedelta(minutes=int(rng.integers(60, 1400)))
    shuffled = street.sample(frac=1.0, random_state=int(rng.integers(1000)))
    shuffled.index = rng.permutation(len(shuffled)) + 100
    return [
        Case("generated street", (street,), {"as_of": as_of, "safety_days": safety},
             "a generated street, a given margin"),
        Case("a household that eats no rice", (no_rice,), {"as_of": as_of,
                                                             "safety_days": safety},
             "0 people or 0 grams: days_left inf, no run-out or delivery date (NaT)"),
        Case("an empty jar", (empty_jar,), {"as_of": as_of, "safety_days": safety},
             "stock 0: it runs out today and rice is delivered today"),
        Case("inside the safety margin", (inside,), {"as_of": as_of, "safety_days": safety},
             "rice for fewer days than the margin: deliver today, never in the past"),
        Case("whole days of rice", (exact,), {"as_of": as_of, "safety_days": safety},
             "days_left a whole number: the jar is empty on as_of + days_left"),
        Case("no safety margin", (street,), {"as_of": as_of, "safety_days": 0},
             "safety_days=0: deliver on the run-out day"),
        Case("as_of with a time of day", (street,), {"as_of": timed, "safety_days": safety},
             "as_of at some hour of the day: dates are calendar days"),
        Case("as_of as text", (street,), {"as_of": as_of.strftime("%Y-%m-%d"),
                                          "safety_days": safety},
             "as_of given as a 'YYYY-MM-DD' string"),
        Case("default safety margin", (street,), {"as_of": as_of},
             "safety_days left at its default (2)"),
        Case("rows not numbered 0, 1, 2, ...", (shuffled,), {"as_of": as_of,
                                                              "safety_days": safety},
             "a shuffled row index: the result is indexed by household_id"),
    ]


def _buys(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["customer_id", "shop", "amount"]).astype(
        {"amount": "float64"})


def _wallets(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["customer_id", "category_spend"]).astype(
        {"category_spend": "float64"})


def _market(seed, tag: str):
    """A generated street's purchases and wallets, with the edge-case customers of both tasks."""
    rng = rng_from_seed(f"{seed}:{tag}")
    street = make_street(int(rng.integers(12, 20)), seed=f"{seed}:{tag}:street")
    purchases, wallets = make_rice_purchases(street, seed=f"{seed}:{tag}:buy", refund_rate=0.0)
    price = lambda: round(float(rng.uniform(30, 160)), 2)  # noqa: E731 - a tiny helper
    shop = STREET_SHOPS[int(rng.integers(len(STREET_SHOPS)))]
    other = [s for s in STREET_SHOPS if s != shop][0]
    a, b = price(), price()
    refund = price()
    extra_p = [("R1", shop, a), ("R1", shop, b), ("R1", shop, -refund), ("R1", other, price()),
               ("N1", other, price()), ("N1", other, price()),
               ("Z1", shop, 0.0),
               ("G1", shop, price())]                       # G1 is not in the wallets
    extra_w = [("R1", round(a + b + 400 + float(rng.integers(0, 300)), 2)),
               ("N1", round(500 + float(rng.integers(0, 300)), 2)),
               ("Z1", 0.0)]
    return rng, shop, purchases, wallets, _buys(extra_p), _wallets(extra_w)


def _mixed(purchases, extra, rng) -> pd.DataFrame:
    out = pd.concat([purchases, extra], ignore_index=True)
    return out.sample(frac=1.0, random_state=int(rng.integers(10_000))).reset_index(drop=True)


def cases_share_of_wallet(seed) -> list[Case]:
    """Hidden inputs of ch01_q2: refunds, customers who never bought, empty wallets, strangers.

    Examples
    --------
    >>> len(cases_share_of_wallet("s001"))
    8
    """
    rng, shop, purchases, wallets, extra_p, extra_w = _market(seed, "q2")
    refunded = rng.choice(len(purchases), size=max(1, len(purchases) // 15), replace=False)
    refunds = purchases.iloc[refunded].assign(amount=lambda d: -d["amount"])
    all_w = pd.concat([wallets, extra_w], ignore_index=True).sample(
        frac=1.0, random_state=int(rng.integers(1000))).reset_index(drop=True)
    never = _wallets([("N1", extra_w.loc[1, "category_spend"])])
    rn = extra_p[extra_p["customer_id"].isin(["R1", "N1"])]
    return [
        Case("generated street", (purchases, wallets), {"shop": shop},
             "a generated street's year of purchases"),
        Case("refunds are netted", (_mixed(purchases, refunds, rng), wallets), {"shop": shop},
             "refunds (negative amounts) are subtracted from the customer's spend"),
        Case("a customer who never bought at the shop",
             (_mixed(purchases, rn, rng), pd.concat([wallets, never], ignore_index=True)),
             {"shop": shop}, "a customer with purchases at other shops only: share 0"),
        Case("a customer with no rice spend", (_mixed(purchases, extra_p, rng), all_w),
             {"shop": shop}, "category_spend 0: the share is missing (NaN), not 0 or an error"),
        Case("a buyer missing from wallets", (_mixed(purchases, extra_p, rng), wallets),
             {"shop": shop}, "purchases by a customer not in wallets are left out"),
        Case("several purchases and a refund", (_mixed(purchases, extra_p, rng), all_w),
             {"shop": shop}, "R1 bought twice and had one refund: summed and netted"),
        Case("another shop", (purchases, wallets),
             {"shop": [s for s in STREET_SHOPS if s != shop][-1]},
             "the same street, another shop"),
        Case("no purchases at all", (_buys([]), wallets), {"shop": shop},
             "no purchase records: every share is 0"),
    ]


def cases_market_share(seed) -> list[Case]:
    """Hidden inputs of ch01_q3: refunds, strangers, a shop refunded to zero, rice bought elsewhere.

    Examples
    --------
    >>> [c.name for c in cases_market_share("s001")][-1]
    'a shop with one sale, refunded'
    """
    rng, shop, purchases, wallets, extra_p, extra_w = _market(seed, "q3")
    all_w = pd.concat([wallets, extra_w], ignore_index=True)
    refunded = rng.choice(len(purchases), size=max(1, len(purchases) // 12), replace=False)
    refunds = purchases.iloc[refunded].assign(amount=lambda d: -d["amount"])
    stranger = _buys([("G7", "night market", round(float(rng.uniform(20, 90)), 2))])
    one = round(float(rng.uniform(20, 90)), 2)
    cancelled = _buys([(str(wallets["customer_id"].iloc[0]), "pop-up stall", one),
                       (str(wallets["customer_id"].iloc[0]), "pop-up stall", -one)])
    return [
        Case("generated street", (purchases, wallets), {},
             "a generated street: rice bought elsewhere makes the shares add up to less than 1"),
        Case("refunds are netted", (_mixed(purchases, refunds, rng), wallets), {},
             "refunds (negative amounts) are subtracted from the shop's sales"),
        Case("a buyer missing from wallets", (_mixed(purchases, extra_p, rng), all_w), {},
             "a purchase by a customer not in wallets does not count"),
        Case("a shop whose only buyer is missing from wallets",
             (_mixed(purchases, stranger, rng), wallets), {},
             "a shop seen only in a stranger's purchase is listed with share 0"),
        Case("a shop with one sale, refunded", (_mixed(purchases, cancelled, rng), wallets), {},
             "a shop whose one sale was refunded is listed with share 0"),
    ]


def cases_customer_value(seed) -> list[Case]:
    """Hidden inputs of ch01_q4: retention 0 and 1, one year, zero margin, many years.

    Examples
    --------
    >>> [c.kwargs["years"] for c in cases_customer_value(0)]
    [5, 3, 4, 1, 3, 20]
    """
    rng = rng_from_seed(f"{seed}:ch01q4")
    n = int(rng.integers(8, 14))
    customers = pd.DataFrame({
        "customer_id": [f"C{i:02d}" for i in rng.permutation(n) + 1],
        "margin": np.round(rng.uniform(2, 80, n), 2),
        "purchases_per_year": rng.integers(1, 30, n),
        "retention": np.round(rng.uniform(0.3, 0.95, n), 2),
    })
    ones = customers.assign(retention=[1.0, 0.0] * (n // 2) + [1.0] * (n % 2))
    zero = customers.copy()
    zero.loc[zero.index[int(rng.integers(n))], "margin"] = 0.0
    return [
        Case("generated customers", (customers,), {"years": 5},
             "generated customers over 5 years"),
        Case("retention 1 and 0", (ones,), {"years": 3},
             "retention 1 (every year counts fully) and 0 (only the first year)"),
        Case("a customer with no margin", (zero,), {"years": 4},
             "margin 0: value 0 and multiple missing (NaN)"),
        Case("one year", (customers,), {"years": 1},
             "years=1: the value is one year's purchases"),
        Case("rows not numbered 0, 1, 2, ...",
             (customers.set_axis(rng.permutation(n) + 50),), {"years": 3},
             "a shuffled row index: the result is indexed by customer_id"),
        Case("many years", (customers,), {"years": 20}, "20 years"),
    ]


QUESTIONS: dict[str, Question] = {
    q.qid: q for q in [
        Question("ch01_q1", "next_delivery", 3, ref_next_delivery, cases_next_delivery,
                 compare_plan,
                 edges=("a household that eats no rice", "an empty jar",
                        "inside the safety margin", "whole days of rice", "no safety margin",
                        "as_of with a time of day", "as_of as text", "default safety margin",
                        "rows not numbered 0, 1, 2, ...")),
        Question("ch01_q2", "share_of_wallet", 2, ref_share_of_wallet, cases_share_of_wallet,
                 lambda e, g: compare_series(e, g, what="share of wallet"),
                 edges=("refunds are netted", "a customer who never bought at the shop",
                        "a customer with no rice spend", "a buyer missing from wallets",
                        "several purchases and a refund", "no purchases at all")),
        Question("ch01_q3", "market_share", 2, ref_market_share, cases_market_share,
                 lambda e, g: compare_series(e, g, what="market share"),
                 edges=("generated street", "refunds are netted", "a buyer missing from wallets",
                        "a shop whose only buyer is missing from wallets",
                        "a shop with one sale, refunded")),
        Question("ch01_q4", "customer_value", 2, ref_customer_value, cases_customer_value,
                 lambda e, g: compare_frames(e, g, what="value table"),
                 edges=("retention 1 and 0", "a customer with no margin", "one year",
                        "rows not numbered 0, 1, 2, ...")),
        quiz_question("ch01_q5", 4, QUIZ_KEY),
        numbers_question("ch01_q6", 3, ref_my_numbers),
    ]
}

# ---------------------------------------------------------------- demo submissions

#: Answer cells of the demo class: "partly" keeps some right answers, "wrong" none.
DEMO = {
    "partly": {
        # forgets the safety margin's floor at today and the household that eats nothing
        "ch01_q1_answer": '''def next_delivery(households, as_of, safety_days=2):
    today = pd.Timestamp(as_of).normalize()
    use = households["people"] * households["grams_per_person_day"] / 1000
    days_left = households["stock_kg"] / use
    run_out = today + pd.to_timedelta(np.floor(days_left.fillna(0).clip(upper=10**5)), unit="D")
    deliver_on = run_out - pd.Timedelta(days=safety_days)
    return pd.DataFrame({"days_left": days_left.to_numpy(), "run_out": run_out.to_numpy(),
                         "deliver_on": deliver_on.to_numpy()},
                        index=pd.Index(households["household_id"], name="household_id"))''',
        # divides by the shop's own sales instead of the customer's whole rice spend
        "ch01_q2_answer": '''def share_of_wallet(purchases, wallets, shop):
    at_shop = purchases[purchases["shop"] == shop].groupby("customer_id")["amount"].sum()
    ids = pd.Index(wallets["customer_id"], name="customer_id")
    return (at_shop / at_shop.sum()).reindex(ids, fill_value=0.0)''',
        "ch01_q5_answer": 'quiz_answers = {"1": "b", "2": "a", "3": "c", "4": "a", "5": "b", '
                          '"6": "a", "7": "b", "8": "a"}',
    },
    "wrong": {
        "ch01_q1_answer": '''def next_delivery(households, as_of, safety_days=2):
    return pd.DataFrame({"days_left": 0.0, "run_out": pd.Timestamp(as_of),
                         "deliver_on": pd.Timestamp(as_of)},
                        index=pd.Index(households["household_id"], name="household_id"))''',
        "ch01_q2_answer": '''def share_of_wallet(purchases, wallets, shop):
    return pd.Series(1.0, index=pd.Index(wallets["customer_id"], name="customer_id"))''',
        "ch01_q3_answer": '''def market_share(purchases, wallets):
    sales = purchases.groupby("shop")["amount"].count()
    return sales / 1000''',
        "ch01_q4_answer": '''def customer_value(customers, years):
    out = customers.set_index("customer_id")
    return pd.DataFrame({"one_sale": out["margin"], "value": out["margin"],
                         "multiple": 1.0})''',
        "ch01_q5_answer": 'quiz_answers = {"1": "a", "2": "b", "3": "a", "4": "c", "5": "c", '
                          '"6": "a", "7": "a", "8": "b"}',
        "ch01_q6_answer": 'my_numbers = {"due_this_week": 0, "loyal_households": 0, '
                          '"market_share": 0.0}',
    },
}
