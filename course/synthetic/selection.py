"""Generated data of chapter 6 (customer selection): a wholesaler's order lines, accounts.

* :func:`make_selection_transactions`: order lines of a small wholesaler whose
  customers differ in basket size, order frequency and return habits, so that
  the cost to serve makes some of them unprofitable. Return lines have a
  negative quantity and an order id starting with ``C``.
* :func:`selection_transactions_for_student` / :func:`student_selection_transactions`:
  a student's own data set for the last task of the exercise (the grader's id wins).
* :func:`make_accounts`: business accounts with a current value (this year's
  profit) and a potential value (the profit still to be won), for the value matrix.

Examples
--------
>>> tx = make_selection_transactions(n_customers=5, seed=1)
>>> sorted(tx["customer_id"].unique())
['W001', 'W002', 'W003', 'W004', 'W005']
>>> tx.equals(make_selection_transactions(n_customers=5, seed=1))
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from course.i18n import both
from course.synthetic import graded_student_id, rng_from_seed

__all__ = ["make_accounts", "make_selection_transactions", "selection_shop_size",
           "selection_transactions_for_student", "student_selection_transactions"]

#: Number of customers in a student's chapter-6 data set.
SELECTION_CUSTOMERS = (80, 130)


def make_selection_transactions(n_customers: int = 120, seed: int | str = 0,
                                start: str = "2024-01-01", days: int = 365) -> pd.DataFrame:
    """Order lines of a small wholesaler, returns included, in the course schema.

    Customers differ in how large their orders are (log-normal basket), how
    often they order (many once, a few very often), how many lines an order
    has, and how often they send goods back (most rarely, a few often).

    Parameters
    ----------
    n_customers : int, default 120
        Number of customers (ids ``W001``, ``W002``, ...).
    seed : int or str, default 0
        Seed of the generator.
    start : str, default "2024-01-01"
        First day of the period.
    days : int, default 365
        Length of the period.

    Returns
    -------
    pandas.DataFrame
        Columns ``customer_id, order_id, date, quantity, unit_price, amount``,
        sorted by date; return lines have negative ``quantity`` and ``amount``.

    Examples
    --------
    >>> tx = make_selection_transactions(n_customers=30, seed="demo")
    >>> bool((tx["quantity"] < 0).any()), bool((tx["amount"] > 0).any())
    (True, True)
    """
    if n_customers < 0:
        raise ValueError(both("err_n_customers", n=n_customers))
    rng = rng_from_seed(seed)
    start_ts = pd.Timestamp(start)
    rows = []
    order_no = 500000
    for i in range(1, n_customers + 1):
        cid = f"W{i:03d}"
        n_orders = 1 if rng.random() < 0.3 else int(1 + rng.geometric(0.12))
        basket = float(rng.lognormal(mean=5.1, sigma=0.9))      # pounds per order
        width = int(rng.integers(1, 9))                         # typical lines per order
        returns = float(rng.beta(0.6, 8.0))                     # share of lines sent back
        order_days = np.sort(rng.integers(0, days, size=n_orders))
        for day in order_days:
            order_no += 1
            n_lines = max(1, int(rng.poisson(width)))
            for _ in range(n_lines):
                qty = int(rng.integers(1, 13))
                price = max(0.25, round(float(basket / n_lines / qty * rng.uniform(0.6, 1.4)),
                                        2))
                date = start_ts + pd.Timedelta(days=int(day))
                rows.append((cid, str(order_no), date, qty, price))
                if rng.random() < returns:
                    back = int(rng.integers(1, qty + 1))
                    rows.append((cid, f"C{order_no}",
                                 date + pd.Timedelta(days=int(rng.integers(2, 20))),
                                 -back, price))
    tx = pd.DataFrame(rows, columns=["customer_id", "order_id", "date", "quantity",
                                     "unit_price"])
    tx = tx.astype({"customer_id": str, "order_id": str, "quantity": "int64",
                    "unit_price": "float64"})
    tx["date"] = pd.to_datetime(tx["date"])
    tx["amount"] = (tx["quantity"] * tx["unit_price"]).round(2)
    return tx.sort_values(["date", "order_id"], kind="stable").reset_index(drop=True)


def selection_shop_size(student_id: str) -> int:
    """How many customers the chapter-6 shop of ``student_id`` has (80 to 130).

    Examples
    --------
    >>> 80 <= selection_shop_size("s001") <= 130
    True
    """
    low, high = SELECTION_CUSTOMERS
    return int(rng_from_seed(f"ch06-size:{student_id}").integers(low, high + 1))


def selection_transactions_for_student(student_id: str) -> pd.DataFrame:
    """The chapter-6 data set of one student id, whoever asks (the grader uses this).

    Examples
    --------
    >>> a = selection_transactions_for_student("s001")
    >>> a.equals(selection_transactions_for_student("s001"))
    True
    >>> a["customer_id"].nunique() == selection_shop_size("s001")
    True
    """
    return make_selection_transactions(n_customers=selection_shop_size(student_id),
                                       seed=f"ch06:{student_id}")


def student_selection_transactions(student_id: str | None = None) -> pd.DataFrame:
    """Your own data set for chapter 6's last task, seeded from your student id.

    As in chapter 5, while grading the environment variable ``CRM_STUDENT_ID``
    (the submission's id) wins over the id typed in the notebook.

    Raises
    ------
    ValueError
        If no id is given and ``CRM_STUDENT_ID`` is not set.

    Examples
    --------
    >>> import os
    >>> saved = os.environ.pop("CRM_STUDENT_ID", None)
    >>> mine = student_selection_transactions("s001")
    >>> os.environ["CRM_STUDENT_ID"] = "s001"
    >>> student_selection_transactions("s002").equals(mine)
    True
    >>> del os.environ["CRM_STUDENT_ID"]
    >>> if saved is not None:
    ...     os.environ["CRM_STUDENT_ID"] = saved
    """
    sid = graded_student_id(student_id)
    return selection_transactions_for_student(sid)


def make_accounts(n_accounts: int = 240, seed: int | str = 0) -> pd.DataFrame:
    """Business accounts with a current value and a potential value (made up).

    ``current_value`` is this year's profit from the account after the cost
    to serve it (it can be negative); ``wallet`` is what the account spends a
    year on our kind of goods with all its suppliers (an estimate, as a sales
    team would make it); ``potential_value`` is the profit still to be won:
    the margin on the part of the wallet we do not have yet, at the account's
    own profit rate (at least 0).

    Examples
    --------
    >>> a = make_accounts(5, seed=2)
    >>> list(a.columns)
    ['customer_id', 'revenue', 'wallet', 'current_value', 'potential_value']
    >>> bool((a["potential_value"] >= 0).all())
    True
    """
    rng = rng_from_seed(f"accounts:{seed}")
    wallet = np.round(rng.lognormal(mean=9.3, sigma=1.0, size=n_accounts), -1)
    share = rng.beta(1.2, 2.0, size=n_accounts)          # our share of each wallet
    revenue = np.round(wallet * share, 2)
    rate = rng.normal(0.12, 0.09, size=n_accounts)        # profit per pound of revenue
    fixed = rng.uniform(200, 900, size=n_accounts)        # yearly cost of serving at all
    current = np.round(revenue * (rate + 0.06) - fixed * 0.4, 2)
    potential = np.round(np.clip((wallet - revenue) * np.clip(rate + 0.06, 0, None), 0, None),
                         2)
    return pd.DataFrame({
        "customer_id": [f"A{i:03d}" for i in range(1, n_accounts + 1)],
        "revenue": revenue, "wallet": wallet, "current_value": current,
        "potential_value": potential,
    })
