"""Seeded data for chapter 1: a street of rice-eating households and its rice purchases.

Every table is made from a seed (an integer or a string such as a student id)
with :func:`course.synthetic.rng_from_seed`, so the same seed gives the same
street on every machine.

* :func:`make_street`: households ``household_id, people,
  grams_per_person_day, stock_kg``. Stocks are whole or half kilograms and
  grams are multiples of 10, so days left are exact where they should be.
* :func:`make_rice_purchases`: a year of purchases ``customer_id, shop, amount``
  at the street's shops (refunds negative), and ``wallets``: each household's
  whole rice spend (``customer_id, category_spend``), which includes rice
  bought elsewhere (a supermarket, an app).
* :func:`student_street`: a student's own street for chapter 1's last task.

Examples
--------
>>> a, b = make_street(8, seed="s001"), make_street(8, seed="s001")
>>> a.equals(b), list(a.columns)
(True, ['household_id', 'people', 'grams_per_person_day', 'stock_kg'])
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from course.i18n import both
from course.synthetic import graded_student_id, rng_from_seed

__all__ = ["MY_SHOP", "STREET_AS_OF", "STREET_SHOPS", "make_rice_purchases", "make_street",
           "street_for_student", "student_street"]

#: The shops of a street; the student's own shop is the first.
STREET_SHOPS = ("my shop", "corner shop", "market stall")
#: The student's shop in :func:`student_street`.
MY_SHOP = STREET_SHOPS[0]
#: The day a student's street is looked at (the stocks are those of that morning).
STREET_AS_OF = "2025-03-03"
#: Number of households in a student's street.
STUDENT_HOUSEHOLDS = (30, 45)


def make_street(n_households: int = 12, seed: int | str = 0,
                away: int = 0) -> pd.DataFrame:
    """A street of households with their rice stock this morning.

    Parameters
    ----------
    n_households : int, default 12
        Households (ids ``H01``, ``H02``, ...; ``H001`` from 100 on).
    seed : int or str, default 0
        Seed of the generator.
    away : int, default 0
        How many households (chosen at random) are away and eat no rice
        (``grams_per_person_day`` 0).

    Returns
    -------
    pandas.DataFrame
        ``household_id, people`` (1 to 7), ``grams_per_person_day`` (150 to
        450, multiples of 10) and ``stock_kg`` (0 to 25, whole or half kg).

    Examples
    --------
    >>> street = make_street(5, seed=3, away=1)
    >>> int((street["grams_per_person_day"] == 0).sum())
    1
    >>> bool(((street["stock_kg"] * 2) % 1 == 0).all())
    True
    """
    if n_households < 0 or not 0 <= away <= n_households:
        raise ValueError(both("err_n_customers", n=n_households))
    rng = rng_from_seed(seed)
    width = 2 if n_households < 100 else 3
    people = rng.choice(np.arange(1, 8), size=n_households,
                        p=[0.1, 0.2, 0.24, 0.22, 0.13, 0.07, 0.04])
    grams = rng.integers(15, 46, size=n_households) * 10
    stock = rng.integers(0, 51, size=n_households) / 2
    if away:
        grams[rng.choice(n_households, size=away, replace=False)] = 0
    return pd.DataFrame({
        "household_id": [f"H{i:0{width}d}" for i in range(1, n_households + 1)],
        "people": people.astype("int64"),
        "grams_per_person_day": grams.astype("int64"),
        "stock_kg": stock.astype("float64"),
    })


def make_rice_purchases(households: pd.DataFrame, seed: int | str = 0,
                        shops=STREET_SHOPS, price_per_kg: float = 6.0,
                        refund_rate: float = 0.03) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A year of rice purchases by a street's households, and their whole rice spend.

    Each household eats ``people * grams_per_person_day`` a day (a household
    away this week still eats rice over the year: 300 g a person is assumed)
    and buys it in bags. Some of it comes from the street's ``shops``, each
    household having a favourite; the rest from elsewhere. A few purchases are
    refunded (a negative amount of the same size).

    Returns
    -------
    purchases : pandas.DataFrame
        ``customer_id, shop, amount`` (yuan), one row per purchase or refund.
    wallets : pandas.DataFrame
        ``customer_id, category_spend``: the household's year of rice, in yuan,
        from every source (at least its net purchases at the street's shops).

    Examples
    --------
    >>> street = make_street(6, seed=1)
    >>> purchases, wallets = make_rice_purchases(street, seed=1)
    >>> net = purchases.groupby("customer_id")["amount"].sum()
    >>> bool((wallets.set_index("customer_id")["category_spend"]
    ...       .reindex(net.index) >= net - 1e-9).all())
    True
    """
    rng = rng_from_seed(seed)
    shops = list(shops)
    rows = []
    wallets = []
    for row in households.itertuples(index=False):
        grams = row.grams_per_person_day or 300
        year_kg = row.people * grams * 365 / 1000
        spend = round(year_kg * price_per_kg, 2)
        bag = float(rng.choice([5.0, 10.0, 25.0]))
        bags = max(1, int(round(year_kg / bag)))
        favourite = int(rng.integers(len(shops)))
        loyalty = float(rng.beta(2.5, 1.5))          # share of bags from the favourite
        elsewhere = float(rng.beta(1.2, 4.0))        # share bought outside the street
        in_street = 0
        for _ in range(bags):
            if rng.random() < elsewhere:
                continue
            shop = favourite if rng.random() < loyalty else int(rng.integers(len(shops)))
            amount = round(bag * price_per_kg * float(rng.uniform(0.95, 1.1)), 2)
            rows.append((row.household_id, shops[shop], amount))
            in_street += amount
            if rng.random() < refund_rate:
                rows.append((row.household_id, shops[shop], -amount))
                in_street -= amount
        wallets.append((row.household_id, round(max(spend, in_street), 2)))
    purchases = pd.DataFrame(rows, columns=["customer_id", "shop", "amount"])
    purchases = purchases.sample(frac=1.0, random_state=int(rng.integers(10_000)))
    purchases = purchases.reset_index(drop=True).astype({"amount": "float64"})
    return purchases, pd.DataFrame(wallets, columns=["customer_id", "category_spend"])


def street_size(student_id: str) -> int:
    """How many households the street of ``student_id`` has (30 to 45).

    Examples
    --------
    >>> 30 <= street_size("s001") <= 45
    True
    """
    low, high = STUDENT_HOUSEHOLDS
    return int(rng_from_seed(f"ch01-size:{student_id}").integers(low, high + 1))


def street_for_student(student_id: str) -> dict:
    """The chapter-1 data of one student id, whoever asks (the grader calls this).

    Returns
    -------
    dict
        ``households`` (stocks on :data:`STREET_AS_OF`; one household is away),
        ``purchases`` and ``wallets`` (a year of rice), ``as_of`` and
        ``shop`` (the student's shop, :data:`MY_SHOP`).

    Examples
    --------
    >>> a = street_for_student("s001")
    >>> a["households"].equals(street_for_student("s001")["households"])
    True
    >>> a["households"].equals(street_for_student("s002")["households"])
    False
    """
    households = make_street(street_size(student_id), seed=f"ch01:{student_id}", away=1)
    purchases, wallets = make_rice_purchases(households, seed=f"ch01-buy:{student_id}")
    return {"households": households, "purchases": purchases, "wallets": wallets,
            "as_of": pd.Timestamp(STREET_AS_OF), "shop": MY_SHOP}


def student_street(student_id: str | None = None) -> dict:
    """Your own street for chapter 1's last task, seeded from your student id.

    **The grader's id wins**: when ``CRM_STUDENT_ID`` is set (while grading),
    it is used and ``student_id`` is ignored, as in
    :func:`course.synthetic.student_transactions`.

    Raises
    ------
    ValueError
        If no id is given and ``CRM_STUDENT_ID`` is not set.

    Examples
    --------
    >>> import os
    >>> saved = os.environ.pop("CRM_STUDENT_ID", None)
    >>> mine = student_street("s001")
    >>> sorted(mine)
    ['as_of', 'households', 'purchases', 'shop', 'wallets']
    >>> os.environ["CRM_STUDENT_ID"] = "s002"
    >>> student_street("s001")["households"].equals(mine["households"])
    False
    >>> del os.environ["CRM_STUDENT_ID"]
    >>> if saved is not None:
    ...     os.environ["CRM_STUDENT_ID"] = saved
    """
    sid = graded_student_id(student_id)
    return street_for_student(sid)
