"""Seeded generators of small, realistic data sets for exercises and tests.

A seed may be an integer or any string (a student id, say): the same seed
always gives the same table, on every machine.

This package holds the shared generators (transactions, a student's own shop,
leads for chapter 5); a chapter with data of its own adds a module beside it,
``course/synthetic/<topic>.py``, seeded with :func:`rng_from_seed`.

Examples
--------
>>> from course.synthetic import make_transactions
>>> a = make_transactions(n_customers=5, seed="student-01")
>>> b = make_transactions(n_customers=5, seed="student-01")
>>> a.equals(b)
True
>>> a.equals(make_transactions(n_customers=5, seed="student-02"))
False
"""

from __future__ import annotations

import hashlib
import os

import numpy as np
import pandas as pd

from course.i18n import both


def rng_from_seed(seed: int | str) -> np.random.Generator:
    """Return a NumPy generator from an integer or a string seed.

    Strings are hashed with SHA-256, so ``"学生_01"`` works as well as ``7``.

    Examples
    --------
    >>> int(rng_from_seed("abc").integers(1000)) == int(rng_from_seed("abc").integers(1000))
    True
    """
    if isinstance(seed, str):
        seed = int.from_bytes(hashlib.sha256(seed.encode("utf-8")).digest()[:8], "little")
    return np.random.default_rng(seed)


def make_transactions(n_customers: int = 200, seed: int | str = 0,
                      start: str = "2024-01-01", days: int = 365,
                      return_rate: float = 0.0) -> pd.DataFrame:
    """Generate order lines of a small shop in the course schema.

    Customers differ the way real ones do: order counts are heavy-tailed
    (many buy once, a few buy often), basket values are log-normal, and some
    customers stopped buying early in the period.

    Parameters
    ----------
    n_customers : int, default 200
        Number of customers (ids ``C0001``, ``C0002``, ...).
    seed : int or str, default 0
        Seed of the generator.
    start : str, default "2024-01-01"
        First day of the period.
    days : int, default 365
        Length of the period in days.
    return_rate : float, default 0.0
        Share of lines that get a matching return line (negative quantity).

    Returns
    -------
    pandas.DataFrame
        Columns ``customer_id, order_id, date, quantity, unit_price, amount``,
        sorted by date.

    Examples
    --------
    >>> tx = make_transactions(n_customers=3, seed=1)
    >>> sorted(tx["customer_id"].unique())
    ['C0001', 'C0002', 'C0003']
    >>> bool((tx["amount"] == (tx["quantity"] * tx["unit_price"]).round(2)).all())
    True
    """
    if n_customers < 0:
        raise ValueError(both("err_n_customers", n=n_customers))
    rng = rng_from_seed(seed)
    start_ts = pd.Timestamp(start)
    rows = []
    order_no = 100000
    for i in range(1, n_customers + 1):
        cid = f"C{i:04d}"
        n_orders = 1 if rng.random() < 0.35 else int(1 + rng.geometric(0.18))
        active_until = days if rng.random() < 0.6 else int(rng.integers(30, days))
        first = int(rng.integers(0, max(1, active_until)))
        order_days = np.sort(rng.integers(first, max(first + 1, active_until), size=n_orders))
        basket = float(rng.lognormal(mean=3.2, sigma=0.7))
        for day in order_days:
            order_no += 1
            for _ in range(int(rng.integers(1, 4))):
                qty = int(rng.integers(1, 13))
                price = round(float(basket / 4 * rng.uniform(0.5, 1.5)), 2) or 0.5
                rows.append((cid, str(order_no), start_ts + pd.Timedelta(days=int(day)),
                             qty, price))
                if return_rate and rng.random() < return_rate:
                    rows.append((cid, f"C{order_no}",
                                 start_ts + pd.Timedelta(days=int(min(day + 3, days))),
                                 -qty, price))
    tx = pd.DataFrame(rows, columns=["customer_id", "order_id", "date", "quantity",
                                     "unit_price"])
    tx["customer_id"] = tx["customer_id"].astype(str)
    tx["order_id"] = tx["order_id"].astype(str)
    tx["date"] = pd.to_datetime(tx["date"])
    tx["quantity"] = tx["quantity"].astype("int64")
    tx["unit_price"] = tx["unit_price"].astype("float64")
    tx["amount"] = (tx["quantity"] * tx["unit_price"]).round(2)
    return tx.sort_values(["date", "order_id"], kind="stable").reset_index(drop=True)


def transactions_from_rows(rows) -> pd.DataFrame:
    """Order lines in the course schema from ``(customer, order, date, quantity, price)`` rows.

    Handy for small hand-made examples; ``amount`` is ``quantity * unit_price``.

    Examples
    --------
    >>> transactions_from_rows([("a", "1", "2024-01-02", 3, 2.5)])
      customer_id order_id       date  quantity  unit_price  amount
    0           a        1 2024-01-02         3         2.5     7.5
    """
    tx = pd.DataFrame(list(rows), columns=["customer_id", "order_id", "date", "quantity",
                                           "unit_price"])
    tx["date"] = pd.to_datetime(tx["date"])
    tx["amount"] = tx["quantity"] * tx["unit_price"]
    return tx


#: Environment variable the grader sets to the id of the submission it runs.
STUDENT_ID_VAR = "CRM_STUDENT_ID"


def graded_student_id(student_id: str | None) -> str:
    """The id a student's data are made from: the grader's ``CRM_STUDENT_ID``, else the typed one.

    While grading, the submission's id wins over the id typed in the notebook,
    so every student is graded on the data made for them.

    Raises
    ------
    ValueError
        If neither is set (in both languages: set ``STUDENT_ID`` first).

    Examples
    --------
    >>> saved = os.environ.pop(STUDENT_ID_VAR, None)
    >>> graded_student_id(" s001 ")  # typed: spaces around it do not count
    's001'
    >>> os.environ[STUDENT_ID_VAR] = "s042"
    >>> graded_student_id("s001")
    's042'
    >>> del os.environ[STUDENT_ID_VAR]
    >>> if saved is not None:
    ...     os.environ[STUDENT_ID_VAR] = saved
    """
    graded = os.environ.get(STUDENT_ID_VAR) or ""
    sid = graded if graded.strip() else (student_id or "").strip()
    if not sid:
        raise ValueError(both("err_student_id"))
    return sid

#: Number of customers in a student's chapter-5 data set.
STUDENT_CUSTOMERS = (90, 150)


def student_shop_size(student_id: str) -> int:
    """How many customers the shop of ``student_id`` has (between 90 and 150).

    The size differs from student to student too, so even a count of
    customers copied from a classmate is almost always wrong.

    Examples
    --------
    >>> student_shop_size("s001") == student_shop_size("s001")
    True
    >>> 90 <= student_shop_size("学生_01") <= 150
    True
    """
    low, high = STUDENT_CUSTOMERS
    return int(rng_from_seed(f"ch05-size:{student_id}").integers(low, high + 1))


def transactions_for_student(student_id: str,
                             n_customers: int | None = None) -> pd.DataFrame:
    """The chapter-5 data set of one student id, whoever asks for it.

    This is ``make_transactions(n_customers=student_shop_size(student_id),
    seed=f"ch05:{student_id}")``, with no look at the environment: the grader
    calls it with the id of the submission to work out the right numbers.
    Students call :func:`student_transactions` instead.

    Examples
    --------
    >>> a, b = transactions_for_student("s001"), transactions_for_student("s002")
    >>> a.equals(transactions_for_student("s001")), a.equals(b)
    (True, False)
    >>> a["customer_id"].nunique() == student_shop_size("s001")
    True
    """
    size = student_shop_size(student_id) if n_customers is None else n_customers
    return make_transactions(n_customers=size, seed=f"ch05:{student_id}")


def student_transactions(student_id: str | None = None,
                         n_customers: int | None = None) -> pd.DataFrame:
    """Your own data set for chapter 5's last task, seeded from your student id.

    Every student gets a different shop (its size, 90 to 150 customers, and
    its purchases), and always the same one for the same id.

    **The grader's id wins.** When the grader runs a notebook it sets the
    environment variable ``CRM_STUDENT_ID`` to the id of the submission. If
    that variable is set (and not blank), it is used exactly as set and
    ``student_id`` is ignored: during grading the data are always the submitting student's,
    whatever id the notebook typed, so numbers computed on a classmate's data
    (or copied from a classmate) do not match.

    Parameters
    ----------
    student_id : str, optional
        Your student id as the course site shows it. Used only when
        ``CRM_STUDENT_ID`` is not set.
    n_customers : int, optional
        Number of customers in the shop; by default it depends on the id
        (the graded task uses the default).

    Returns
    -------
    pandas.DataFrame
        Order lines in the course schema (see :func:`make_transactions`).

    Raises
    ------
    ValueError
        If ``student_id`` is None or blank and ``CRM_STUDENT_ID`` is not set.

    Examples
    --------
    >>> import os
    >>> saved = os.environ.pop("CRM_STUDENT_ID", None)
    >>> mine, theirs = student_transactions("s001"), student_transactions("s002")
    >>> mine.equals(student_transactions("s001"))   # the same id: the same data
    True
    >>> mine.equals(theirs)                          # two ids: different data
    False

    While grading, ``CRM_STUDENT_ID`` overrides the id typed in the notebook:

    >>> os.environ["CRM_STUDENT_ID"] = "s001"
    >>> student_transactions("s002").equals(mine)
    True
    >>> del os.environ["CRM_STUDENT_ID"]

    Without any id the student is told what to do:

    >>> student_transactions("")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: set STUDENT_ID to your student id first, ... / 请先把 STUDENT_ID 设为你的学号...
    >>> if saved is not None:
    ...     os.environ["CRM_STUDENT_ID"] = saved
    """
    sid = graded_student_id(student_id)
    return transactions_for_student(sid, n_customers=n_customers)


#: Made-up name stems for the leads' companies, English and Chinese (any likeness is chance).
LEAD_NAME_STEMS = (
    ("Riverbend", "江湾"), ("Redwood", "红杉"), ("Silver Lake", "银湖"), ("Northstar", "北辰"),
    ("Greenfield", "绿野"), ("Harbourview", "海景"), ("Goldcrest", "金冠"), ("Bluepeak", "蓝峰"),
    ("Eastgate", "东门"), ("Springwell", "泉源"), ("Oakridge", "橡岭"), ("Suncoast", "阳光海岸"),
    ("Jadestone", "玉石"), ("Westbrook", "西溪"), ("Pinehill", "松山"), ("Clearwater", "清水"),
    ("Maplewood", "枫林"), ("Brightway", "明途"), ("Stonebridge", "石桥"), ("Lotus Bay", "莲湾"),
    ("Highland", "高原"), ("Cloudview", "云景"), ("Fairwind", "顺风"), ("Morningside", "晨光"),
    ("Crescent", "新月"), ("Evergreen", "长青"), ("Bamboo Grove", "竹林"), ("Silkroad", "丝路"),
    ("Lakeside", "湖畔"), ("Summit", "峰顶"), ("Golden Field", "金田"), ("Seabreeze", "海风"),
    ("Willowbank", "柳岸"), ("Red Lantern", "红灯"), ("Starlight", "星光"), ("Ironbridge", "铁桥"),
    ("Peachtree", "桃源"), ("Copperhill", "铜山"), ("Riverstone", "河石"), ("Kingsway", "御道"),
)
#: The leads' sectors as company-name endings, English and Chinese.
LEAD_SECTORS = (("Trading", "商贸"), ("Foods", "食品"), ("Logistics", "物流"),
                ("Textiles", "纺织"), ("Software", "软件"), ("Hotels", "酒店"),
                ("Clinics", "诊所"))


def lead_company(i: int, sector: int, lang: str = "en") -> str:
    """The made-up company name of lead number ``i`` (from 1) in a sector.

    Examples
    --------
    >>> lead_company(2, 2), lead_company(2, 2, lang="zh")
    ('Redwood Logistics', '红杉物流')
    >>> lead_company(41, 0)
    'Riverbend Trading 2'
    """
    if lang not in ("en", "zh"):
        raise ValueError(f"lang must be 'en' or 'zh', got {lang!r}")
    k = 0 if lang == "en" else 1
    stem = LEAD_NAME_STEMS[(i - 1) % len(LEAD_NAME_STEMS)][k]
    name = f"{stem} {LEAD_SECTORS[sector][0]}" if k == 0 else stem + LEAD_SECTORS[sector][1]
    rounds = (i - 1) // len(LEAD_NAME_STEMS)
    return name if rounds == 0 else f"{name} {rounds + 1}"


def make_leads(n_leads: int = 40, seed: int | str = 0, lang: str = "en") -> pd.DataFrame:
    """Generate sales leads for MAN (Money, Authority, Need) qualification.

    Parameters
    ----------
    n_leads : int, default 40
        Number of leads (ids ``L001``, ...).
    seed : int or str, default 0
        Seed of the generator.
    lang : {"en", "zh"}, default "en"
        Language of the made-up company names; nothing else depends on it.

    Returns
    -------
    pandas.DataFrame
        ``lead_id, company, budget`` (yearly budget in currency units),
        ``has_authority`` (the contact can decide or veto the purchase) and
        ``has_need`` (the lead has a problem the product solves).

    Examples
    --------
    >>> make_leads(3, seed=2).dtypes["has_need"]
    dtype('bool')
    >>> make_leads(3, lang="zh").drop(columns="company").equals(
    ...     make_leads(3).drop(columns="company"))
    True
    """
    if n_leads < 0:
        raise ValueError(both("err_n_leads", n=n_leads))
    rng = rng_from_seed(seed)
    budget = np.round(rng.lognormal(mean=10.0, sigma=0.9, size=n_leads), -2)
    sectors = rng.integers(0, len(LEAD_SECTORS), n_leads)
    return pd.DataFrame({
        "lead_id": [f"L{i:03d}" for i in range(1, n_leads + 1)],
        "company": [lead_company(i, int(k), lang) for i, k in enumerate(sectors, start=1)],
        "budget": budget.astype("float64"),
        "has_authority": rng.random(n_leads) < 0.55,
        "has_need": rng.random(n_leads) < 0.6,
    })
