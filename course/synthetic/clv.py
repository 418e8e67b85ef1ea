"""Chapter 7's generated data: a shop whose customers buy and drop out as BG/NBD says.

Every generator is seeded (an integer or any string, such as a student id)
through :func:`course.synthetic.rng_from_seed`: the same seed always gives
the same table, on every machine.

Examples
--------
>>> tx = make_clv_transactions(n_customers=30, seed="s001")
>>> tx.equals(make_clv_transactions(n_customers=30, seed="s001"))
True
>>> list(tx.columns)
['customer_id', 'order_id', 'date', 'quantity', 'unit_price', 'amount']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from course.i18n import both
from course.synthetic import graded_student_id, rng_from_seed

#: The shop's calendar: first purchases in the first 12 weeks of 2024, 26 weeks of
#: calibration (to 2024-06-30, included) and 26 weeks of holdout (to 2024-12-29).
SHOP_START = pd.Timestamp("2024-01-01")
SHOP_CALIBRATION_END = pd.Timestamp("2024-06-30")
SHOP_HOLDOUT_END = pd.Timestamp("2024-12-29")
#: BG/NBD and Gamma-Gamma parameters of the generator (a livelier shop than CDNOW).
SHOP_BGNBD = {"r": 0.6, "alpha": 6.0, "a": 0.9, "b": 3.0}
SHOP_SPEND = {"p": 5.0, "q": 4.0, "v": 30.0}


def make_clv_transactions(n_customers: int = 200, seed: int | str = 0,
                          start=SHOP_START, weeks: int = 52, entry_weeks: int = 12,
                          params: dict | None = None, spend: dict | None = None
                          ) -> pd.DataFrame:
    """Order lines of a shop whose customers follow the BG/NBD and Gamma-Gamma models.

    Each customer makes a first purchase at a random time in the first
    ``entry_weeks`` weeks, then buys at their own rate (gamma across customers)
    and, after each repeat purchase, drops out for good with their own probability
    (beta across customers), until ``weeks`` weeks after ``start``. Each purchase's value
    is gamma around the customer's own mean (Gamma-Gamma). About one purchase in
    eight is recorded as two lines (two products), and times of day vary.

    Parameters
    ----------
    n_customers : int, default 200
        Customers, ids ``K0001``, ``K0002``, ...
    seed : int or str, default 0
        Seed of the generator.
    start : str or Timestamp, default 2024-01-01
        First day.
    weeks, entry_weeks : int
        Length of the whole period, and of the period of first purchases.
    params, spend : dict, optional
        BG/NBD ``r, alpha, a, b`` and Gamma-Gamma ``p, q, v`` (default
        :data:`SHOP_BGNBD`, :data:`SHOP_SPEND`).

    Returns
    -------
    pandas.DataFrame
        Lines in the course schema, sorted by date.

    Examples
    --------
    >>> tx = make_clv_transactions(n_customers=50, seed=1)
    >>> tx["customer_id"].nunique(), bool(tx["date"].min() >= SHOP_START)
    (50, True)
    """
    if int(n_customers) != n_customers or n_customers < 0:
        raise ValueError(both("err_n_customers", n=n_customers))
    rng = rng_from_seed(seed)
    bg = dict(SHOP_BGNBD if params is None else params)
    gg = dict(SHOP_SPEND if spend is None else spend)
    start = pd.Timestamp(start)
    rows = []
    order = 700001
    for i in range(1, int(n_customers) + 1):
        rate = rng.gamma(bg["r"], 1.0 / bg["alpha"])
        drop = rng.beta(bg["a"], bg["b"])
        mean_scale = 1.0 / rng.gamma(gg["q"], 1.0 / gg["v"])  # nu ~ Gamma(q, v)
        t = float(rng.uniform(0, entry_weeks))
        times = [t]
        while True:  # alive after the first purchase; may drop out after each repeat
            t += float(rng.exponential(1.0 / max(rate, 1e-9)))
            if t >= weeks:
                break
            times.append(t)
            if rng.uniform() < drop:
                break
        for when in times:
            day = start + pd.Timedelta(days=int(when * 7))
            stamp = day + pd.Timedelta(minutes=int(rng.integers(8 * 60, 22 * 60)))
            value = float(rng.gamma(gg["p"], mean_scale))
            lines = 2 if rng.uniform() < 0.125 else 1
            shares = [1.0] if lines == 1 else [0.6, 0.4]
            for share in shares:
                quantity = int(rng.integers(1, 4))
                price = round(max(value * share / quantity, 0.5), 2)
                rows.append((f"K{i:04d}", str(order), stamp, quantity, price))
            order += 1
    tx = pd.DataFrame(rows, columns=["customer_id", "order_id", "date", "quantity",
                                     "unit_price"])
    tx["quantity"] = tx["quantity"].astype("int64")
    tx["amount"] = (tx["quantity"] * tx["unit_price"]).round(2)
    tx["date"] = pd.to_datetime(tx["date"])
    return tx.sort_values(["date", "order_id"], kind="stable").reset_index(drop=True)


def student_clv_size(student_id: str) -> int:
    """How many customers a student's shop has: 150 to 250, fixed by the id.

    Examples
    --------
    >>> 150 <= student_clv_size("s001") <= 250
    True
    """
    return int(rng_from_seed(f"{student_id}:ch07:size").integers(150, 251))


def clv_transactions_for_student(student_id: str) -> pd.DataFrame:
    """The chapter 7 shop of ``student_id`` (what :func:`student_clv_transactions` gives).

    Examples
    --------
    >>> clv_transactions_for_student("s001").equals(clv_transactions_for_student("s001"))
    True
    """
    return make_clv_transactions(n_customers=student_clv_size(student_id),
                                 seed=f"{student_id}:ch07")


def student_clv_transactions(student_id: str | None = None) -> pd.DataFrame:
    """Your own shop for chapter 7's task on your data, seeded from your student id.

    While grading, ``CRM_STUDENT_ID`` (the submission's id) wins over the id typed
    in the notebook, as for chapter 5's
    :func:`course.synthetic.student_transactions`.

    Raises
    ------
    ValueError
        If no id is given and ``CRM_STUDENT_ID`` is not set.

    Examples
    --------
    >>> import os
    >>> saved = os.environ.pop("CRM_STUDENT_ID", None)
    >>> student_clv_transactions("s001").equals(student_clv_transactions("s002"))
    False
    >>> os.environ["CRM_STUDENT_ID"] = "s001"
    >>> student_clv_transactions("s002").equals(clv_transactions_for_student("s001"))
    True
    >>> del os.environ["CRM_STUDENT_ID"]
    >>> if saved is not None:
    ...     os.environ["CRM_STUDENT_ID"] = saved
    """
    sid = graded_student_id(student_id)
    return clv_transactions_for_student(sid)


def make_loyalty_survey(n_customers: int = 40, seed: int | str = 0) -> pd.DataFrame:
    """Survey scores for Dick and Basu's loyalty matrix.

    ``attitude`` is a 1-7 answer to "how much do you prefer us to the other
    shops?" and ``repeat`` the share of the customer's purchases in the category
    that came to us (two decimals), loosely related to each other.

    Examples
    --------
    >>> s = make_loyalty_survey(5, seed=1)
    >>> list(s.columns), bool(s["attitude"].between(1, 7).all())
    (['customer_id', 'attitude', 'repeat'], True)
    """
    rng = rng_from_seed(seed)
    n = int(n_customers)
    attitude = np.clip(np.round(rng.normal(4.3, 1.7, n)), 1, 7).astype("int64")
    repeat = np.clip(0.12 * attitude - 0.1 + rng.normal(0, 0.22, n), 0, 1).round(2)
    ids = [f"V{i:03d}" for i in rng.permutation(n) + 1] if n else []
    return pd.DataFrame({"customer_id": pd.Series(ids, dtype="str"),
                         "attitude": attitude, "repeat": repeat})
