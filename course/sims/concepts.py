"""Chapter 1, customer concepts: the rice shop, share of wallet, the value of a customer.

Pure functions on pandas tables and numbers: no widgets, no plotting, no global
state. The widgets in :mod:`course.widgets.concepts` only wire controls to them.

Conventions, chosen so that every answer is unique:

* **Households** are rows ``household_id, people, grams_per_person_day,
  stock_kg``: how many people eat at home, how many grams of rice each eats a
  day, and how many kilograms are left in the jar on the morning of ``as_of``.
* **Days left** is ``stock_kg * 1000 / (people * grams_per_person_day)``, a
  float. A household that eats no rice (nobody at home, or 0 grams) never runs
  out: ``days_left`` is ``inf`` and both dates are missing (``NaT``).
* **Run-out date** is ``as_of + floor(days_left)`` days: the first morning on
  which the jar holds less than one day's rice. A jar of 10 kg eaten at 1 kg a
  day lasts the days ``as_of`` to ``as_of + 9`` and is empty on ``as_of + 10``.
* **Delivery date** is the run-out date minus ``safety_days``, but never
  before ``as_of``: a household that is already inside the margin gets its rice
  today.
* **Share of wallet** of a shop for a customer is what the customer spent at
  the shop (refunds netted) divided by the customer's whole spend on the
  category (rice from every source), from ``wallets``. **Market share** of a
  shop is its net sales to those customers divided by the category spend of
  all of them.
* **Value over several years** (undiscounted; discounting comes in chapter 7):
  a customer buys ``purchases_per_year`` times a year at ``margin`` each, is
  with the firm in year 1 and still with it in year ``t`` with probability
  ``retention ** (t - 1)``.

Examples
--------
>>> import pandas as pd
>>> street = pd.DataFrame({"household_id": ["Lin", "Chen"], "people": [5, 2],
...                        "grams_per_person_day": [400, 250], "stock_kg": [10.0, 0.5]})
>>> next_delivery(street, as_of="1932-05-02", safety_days=2)
              days_left    run_out deliver_on
household_id
Lin                 5.0 1932-05-07 1932-05-05
Chen                1.0 1932-05-03 1932-05-02
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

HOUSEHOLD_COLUMNS = ("household_id", "people", "grams_per_person_day", "stock_kg")
PURCHASE_COLUMNS = ("customer_id", "shop", "amount")
WALLET_COLUMNS = ("customer_id", "category_spend")
CUSTOMER_VALUE_COLUMNS = ("customer_id", "margin", "purchases_per_year", "retention")
#: The shop that remembers its customers in :func:`simulate_neighbourhood`.
REMEMBERING_SHOP = "remembers"
_EPS = 1e-9


def _check_columns(df: pd.DataFrame, columns, name: str) -> None:
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise KeyError(f"{name} is missing column(s) {missing}; it has {list(df.columns)}")


# ----------------------------------------------------------------------------------------
# the rice shop


def daily_kg(people, grams_per_person_day):
    """Kilograms of rice a household eats a day.

    Examples
    --------
    >>> daily_kg(5, 400)
    2.0
    """
    return people * grams_per_person_day / 1000


def days_until_empty(stock_kg: float, people: int, grams_per_person_day: float) -> float:
    """Days of rice left in a jar; ``inf`` when the household eats none.

    Parameters
    ----------
    stock_kg : float
        Rice left in the jar, kilograms (0 or more).
    people : int
        People eating at home.
    grams_per_person_day : float
        Grams each person eats a day.

    Returns
    -------
    float
        ``stock_kg * 1000 / (people * grams_per_person_day)``, or ``inf``.

    Examples
    --------
    >>> days_until_empty(25.0, 5, 400)
    12.5
    >>> days_until_empty(3.0, 0, 400)
    inf
    """
    if stock_kg < 0:
        raise ValueError(f"stock_kg must be 0 or more, got {stock_kg}")
    use = people * grams_per_person_day
    return math.inf if use <= 0 else stock_kg * 1000 / use


def next_delivery(households: pd.DataFrame, as_of, safety_days: int = 2) -> pd.DataFrame:
    """When each household runs out of rice and when to deliver.

    Parameters
    ----------
    households : pandas.DataFrame
        ``household_id, people, grams_per_person_day, stock_kg`` (stock on the
        morning of ``as_of``).
    as_of : str or Timestamp
        Today; its time of day is ignored.
    safety_days : int, default 2
        Deliver this many days before the run-out date (0 or more).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``household_id`` (in the input's order), with float
        ``days_left`` and datetime columns ``run_out`` (``as_of +
        floor(days_left)`` days) and ``deliver_on`` (``run_out - safety_days``,
        not before ``as_of``). A household eating no rice gets ``inf`` and
        ``NaT``.

    Examples
    --------
    >>> h = pd.DataFrame({"household_id": ["a", "b", "c"], "people": [4, 3, 0],
    ...                   "grams_per_person_day": [250, 300, 300],
    ...                   "stock_kg": [7.5, 2.0, 5.0]})
    >>> next_delivery(h, "2024-03-01 18:30", safety_days=3)
                  days_left    run_out deliver_on
    household_id
    a              7.500000 2024-03-08 2024-03-05
    b              2.222222 2024-03-03 2024-03-01
    c                   inf        NaT        NaT
    """
    _check_columns(households, HOUSEHOLD_COLUMNS, "households")
    if safety_days < 0:
        raise ValueError(f"safety_days must be 0 or more, got {safety_days}")
    today = pd.Timestamp(as_of).normalize()
    use = (households["people"].astype(float)
           * households["grams_per_person_day"].astype(float)).to_numpy()
    stock = households["stock_kg"].astype(float).to_numpy()
    if (stock < 0).any():
        raise ValueError("stock_kg must be 0 or more in every row")
    eats = use > 0
    days_left = np.full(len(use), np.inf)
    days_left[eats] = stock[eats] * 1000 / use[eats]
    whole = np.floor(np.where(eats, days_left, 0.0) + _EPS)
    run_out = pd.Series(today + pd.to_timedelta(whole, unit="D")).where(eats)
    deliver = pd.Series(today + pd.to_timedelta(np.maximum(whole - safety_days, 0), unit="D")
                        ).where(eats)
    out = pd.DataFrame({"days_left": days_left,
                        "run_out": run_out.to_numpy(),
                        "deliver_on": deliver.to_numpy()},
                       index=pd.Index(households["household_id"].to_numpy(),
                                      name="household_id"))
    return out


def delivery_days(stock_kg: float, daily: float, bag_kg: float, safety_days: int,
                  days: int) -> list[tuple[int, int]]:
    """Delivery days of one household over ``days`` days, each with its number of bags.

    The rule of :func:`next_delivery`, applied again after every delivery: on
    a delivery morning the shop brings one bag, or as many as it takes for the
    next delivery to fall on a later day.

    Parameters
    ----------
    stock_kg : float
        Rice in the jar on the morning of day 0.
    daily : float
        Kilograms eaten a day (0: no deliveries).
    bag_kg : float
        Size of a bag, kilograms (more than 0).
    safety_days : int
        Days of margin.
    days : int
        Length of the plan (days 0 to ``days - 1``).

    Returns
    -------
    list of (int, int)
        ``(day, bags)`` for every delivery, in order.

    Examples
    --------
    >>> delivery_days(10.0, 2.0, 25.0, safety_days=2, days=40)
    [(3, 1), (15, 1), (28, 1)]
    >>> delivery_days(10.0, 0.0, 25.0, 2, 40)
    []
    """
    if bag_kg <= 0:
        raise ValueError(f"bag_kg must be more than 0, got {bag_kg}")
    out: list[tuple[int, int]] = []
    if daily <= 0:
        return out
    day, stock = 0, float(stock_kg)
    while True:
        run_out = day + math.floor(stock / daily + _EPS)
        deliver = max(day, run_out - safety_days)
        if deliver >= days:
            return out
        stock -= daily * (deliver - day)
        day, bags = deliver, 0
        while day + math.floor(stock / daily + _EPS) - safety_days <= day:
            stock += bag_kg
            bags += 1
        out.append((day, bags))


def delivery_calendar(households: pd.DataFrame, start, days: int = 60, bag_kg: float = 25.0,
                      safety_days: int = 2) -> pd.DataFrame:
    """Every delivery to a street of households over ``days`` days.

    Parameters
    ----------
    households : pandas.DataFrame
        As for :func:`next_delivery`; ``stock_kg`` is the stock on ``start``.
    start : str or Timestamp
        The first day of the plan.
    days : int, default 60
        Length of the plan.
    bag_kg : float, default 25.0
        Size of the bag the shop delivers.
    safety_days : int, default 2
        Days of margin before the jar runs out.

    Returns
    -------
    pandas.DataFrame
        ``household_id, day, date, bags`` (one row per delivery), ordered by
        date and then by the households' order.

    Examples
    --------
    >>> h = pd.DataFrame({"household_id": ["a", "b"], "people": [5, 2],
    ...                   "grams_per_person_day": [400, 250], "stock_kg": [10.0, 0.0]})
    >>> delivery_calendar(h, "2024-01-01", days=30, bag_kg=25.0)
      household_id  day       date  bags
    0            b    0 2024-01-01     1
    1            a    3 2024-01-04     1
    2            a   15 2024-01-16     1
    3            a   28 2024-01-29     1
    """
    _check_columns(households, HOUSEHOLD_COLUMNS, "households")
    first = pd.Timestamp(start).normalize()
    rows = []
    for order, row in enumerate(households.itertuples(index=False)):
        daily = float(daily_kg(row.people, row.grams_per_person_day))
        for day, bags in delivery_days(float(row.stock_kg), daily, bag_kg, safety_days, days):
            rows.append((row.household_id, day, bags, order))
    table = pd.DataFrame(rows, columns=["household_id", "day", "bags", "order"])
    table = table.sort_values(["day", "order"], kind="stable").reset_index(drop=True)
    table.insert(2, "date", first + pd.to_timedelta(table["day"].astype("int64"), unit="D"))
    return table.drop(columns="order").astype({"day": "int64", "bags": "int64"})


def stock_path(stock_kg: float, daily: float, bag_kg: float, safety_days: int,
               days: int) -> np.ndarray:
    """Rice in the jar on each morning, after any delivery, for days 0 to ``days - 1``.

    Examples
    --------
    >>> stock_path(10.0, 2.0, 25.0, 2, 6).tolist()
    [10.0, 8.0, 6.0, 29.0, 27.0, 25.0]
    """
    delivered = np.zeros(days)
    for day, bags in delivery_days(stock_kg, daily, bag_kg, safety_days, days):
        delivered[day] += bags * bag_kg
    return stock_kg - daily * np.arange(days) + np.cumsum(delivered)


# ----------------------------------------------------------------------------------------
# share of wallet and market share


def share_of_wallet(purchases: pd.DataFrame, wallets: pd.DataFrame, shop: str) -> pd.Series:
    """What share of each customer's category spend goes to ``shop``.

    Parameters
    ----------
    purchases : pandas.DataFrame
        ``customer_id, shop, amount``; a refund is a negative amount and is
        netted against the customer's purchases.
    wallets : pandas.DataFrame
        ``customer_id, category_spend``: each customer's whole spend on the
        category (every shop, supermarket and app), one row per customer.
    shop : str
        The shop whose share is wanted.

    Returns
    -------
    pandas.Series
        Indexed by the ``customer_id`` of ``wallets`` (in its order), named
        ``share_of_wallet``: net spend at ``shop`` divided by
        ``category_spend``. 0 for a customer who never bought there; NaN when
        ``category_spend`` is 0. Purchases by customers not in ``wallets`` are
        ignored.

    Examples
    --------
    >>> p = pd.DataFrame({"customer_id": ["a", "a", "b", "a"], "shop": ["W", "X", "X", "W"],
    ...                   "amount": [30.0, 50.0, 80.0, -10.0]})
    >>> w = pd.DataFrame({"customer_id": ["a", "b", "c"], "category_spend": [100.0, 80.0, 0.0]})
    >>> share_of_wallet(p, w, "W").to_dict()
    {'a': 0.2, 'b': 0.0, 'c': nan}
    """
    _check_columns(purchases, PURCHASE_COLUMNS, "purchases")
    _check_columns(wallets, WALLET_COLUMNS, "wallets")
    at_shop = purchases[purchases["shop"] == shop]
    spent = at_shop.groupby("customer_id")["amount"].sum()
    ids = pd.Index(wallets["customer_id"].to_numpy(), name="customer_id")
    spend = pd.Series(wallets["category_spend"].astype(float).to_numpy(), index=ids)
    mine = spent.reindex(ids, fill_value=0.0).astype(float)
    share = mine / spend.where(spend != 0)
    return share.rename("share_of_wallet")


def market_share(purchases: pd.DataFrame, wallets: pd.DataFrame) -> pd.Series:
    """Each shop's share of the whole market of the customers in ``wallets``.

    Parameters
    ----------
    purchases : pandas.DataFrame
        ``customer_id, shop, amount`` (refunds negative, netted).
    wallets : pandas.DataFrame
        ``customer_id, category_spend``; the market is the sum of
        ``category_spend``.

    Returns
    -------
    pandas.Series
        Indexed by ``shop`` (sorted), named ``market_share``: the shop's net
        sales to customers in ``wallets`` divided by their total category
        spend. Every shop that appears in ``purchases`` is listed, even one
        whose only buyers are not in ``wallets`` (share 0).

    Examples
    --------
    >>> p = pd.DataFrame({"customer_id": ["a", "a", "b", "z"], "shop": ["W", "X", "X", "W"],
    ...                   "amount": [20.0, 50.0, 80.0, 99.0]})
    >>> w = pd.DataFrame({"customer_id": ["a", "b"], "category_spend": [100.0, 100.0]})
    >>> market_share(p, w).to_dict()
    {'W': 0.1, 'X': 0.65}
    """
    _check_columns(purchases, PURCHASE_COLUMNS, "purchases")
    _check_columns(wallets, WALLET_COLUMNS, "wallets")
    total = float(wallets["category_spend"].sum())
    known = purchases["customer_id"].isin(set(wallets["customer_id"]))
    shops = pd.Index(sorted(purchases["shop"].unique()), name="shop")
    sales = purchases[known].groupby("shop")["amount"].sum().reindex(shops, fill_value=0.0)
    share = sales.astype(float) / total if total else sales.astype(float) * np.nan
    return share.rename("market_share")


# ----------------------------------------------------------------------------------------
# one sale versus several years


def customer_value(customers: pd.DataFrame, years: int) -> pd.DataFrame:
    """The undiscounted value of a customer over ``years`` years, beside one sale.

    Parameters
    ----------
    customers : pandas.DataFrame
        ``customer_id, margin`` (profit on one purchase), ``purchases_per_year``
        and ``retention`` (the chance of still being a customer a year later,
        0 to 1).
    years : int
        Years counted (1 or more).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``customer_id``: ``one_sale`` (the margin), ``value``
        (``margin * purchases_per_year * (1 + r + r**2 + ... + r**(years-1))``)
        and ``multiple`` (``value / one_sale``, NaN when the margin is 0).

    Examples
    --------
    >>> c = pd.DataFrame({"customer_id": ["x", "y"], "margin": [10.0, 10.0],
    ...                   "purchases_per_year": [12, 12], "retention": [0.5, 1.0]})
    >>> customer_value(c, years=3)
                 one_sale  value  multiple
    customer_id
    x                10.0  210.0      21.0
    y                10.0  360.0      36.0
    """
    _check_columns(customers, CUSTOMER_VALUE_COLUMNS, "customers")
    if int(years) != years or years < 1:
        raise ValueError(f"years must be a whole number of at least 1, got {years!r}")
    r = customers["retention"].astype(float).to_numpy()
    if ((r < 0) | (r > 1)).any():
        raise ValueError("retention must be between 0 and 1 in every row")
    # 1 + r + ... + r**(years - 1), summed term by term: no division, so r = 1 is fine
    kept = np.sum(r[:, None] ** np.arange(int(years))[None, :], axis=1)
    margin = customers["margin"].astype(float).to_numpy()
    value = margin * customers["purchases_per_year"].astype(float).to_numpy() * kept
    with np.errstate(divide="ignore", invalid="ignore"):
        multiple = np.where(margin != 0, value / np.where(margin != 0, margin, 1.0), np.nan)
    return pd.DataFrame({"one_sale": margin, "value": value, "multiple": multiple},
                        index=pd.Index(customers["customer_id"].to_numpy(), name="customer_id"))


# ----------------------------------------------------------------------------------------
# remembering versus not remembering


@dataclass(frozen=True)
class NeighbourhoodYear:
    """What :func:`simulate_neighbourhood` returns.

    Attributes
    ----------
    shops : list of str
        ``"remembers"`` then ``"rival 1"``, ``"rival 2"``...
    market_share : pandas.DataFrame
        Periods (1 to ``periods``) x shops: each shop's share of that period's
        rice sales.
    repeat_rate : pandas.DataFrame
        Periods (2 to ``periods``) x shops: the share of a shop's buyers of the
        period before who bought from it again.
    summary : pandas.DataFrame
        One row per shop: ``customers`` (households that bought there at
        least once), ``repeat_purchases`` (purchases from the same shop as the
        household's previous purchase), ``sales``, ``market_share`` (of the
        year's sales) and ``share_of_wallet`` (its sales divided by the whole
        rice spend of its customers).
    """

    shops: list
    market_share: pd.DataFrame
    repeat_rate: pd.DataFrame
    summary: pd.DataFrame


def neighbourhood_draws(n_households: int = 400, periods: int = 24, seed: int = 0) -> dict:
    """The random numbers of a neighbourhood, drawn once and reused by every run.

    Using the same draws for every setting (common random numbers) makes a
    change in a control show its own effect, not new luck.

    Returns
    -------
    dict
        ``people`` (household sizes, 1 to 6), ``start``, ``stay`` and
        ``switch``: uniform numbers of shapes ``(n,)``, ``(periods, n)`` and
        ``(periods, n)``.

    Examples
    --------
    >>> d = neighbourhood_draws(10, periods=4, seed=1)
    >>> d["stay"].shape, int(d["people"].min()) >= 1
    ((4, 10), True)
    """
    rng = np.random.default_rng(seed)
    return {
        "people": rng.choice(np.arange(1, 7), size=n_households,
                             p=[0.12, 0.22, 0.26, 0.2, 0.12, 0.08]),
        "start": rng.random(n_households),
        "stay": rng.random((periods, n_households)),
        "switch": rng.random((periods, n_households)),
    }


def shop_names(n_rivals: int) -> list[str]:
    """``["remembers", "rival 1", ...]``.

    Examples
    --------
    >>> shop_names(2)
    ['remembers', 'rival 1', 'rival 2']
    """
    return [REMEMBERING_SHOP, *(f"rival {k}" for k in range(1, n_rivals + 1))]


def simulate_neighbourhood(keep_remember: float = 0.95, keep_forget: float = 0.7,
                           n_rivals: int = 3, price_per_person: float = 27.0,
                           draws: dict | None = None) -> NeighbourhoodYear:
    """A year of rice purchases in a neighbourhood with one shop that remembers.

    Every household buys rice once a purchase period (twice a month), paying
    ``price_per_person`` for each person at home. In the first period it picks
    a shop at random. After that it stays with the shop of its last purchase
    with probability ``keep_remember`` if that shop remembers (it delivered
    before the jar ran out, so the household had no reason to look around) and
    ``keep_forget`` if it does not (the household ran out, went out to buy and
    may have gone elsewhere); otherwise it moves to one of the other shops,
    each equally likely.

    Parameters
    ----------
    keep_remember, keep_forget : float
        Retention per period of the remembering shop and of each rival (0 to 1).
    n_rivals : int, default 3
        Shops that do not remember (1 to 5).
    price_per_person : float, default 27.0
        Spend per person per purchase period (15 days x 300 g at 6 yuan a kg).
    draws : dict, optional
        From :func:`neighbourhood_draws` (default: 400 households, 24 periods,
        seed 0).

    Returns
    -------
    NeighbourhoodYear

    Examples
    --------
    >>> year = simulate_neighbourhood(0.95, 0.7, n_rivals=3)
    >>> share = year.market_share["remembers"]
    >>> bool(share.iloc[-1] > share.iloc[0])
    True
    >>> even = simulate_neighbourhood(0.7, 0.7, n_rivals=3).summary["market_share"]
    >>> bool(abs(even["remembers"] - 0.25) < 0.05)
    True
    """
    if not (0 <= keep_remember <= 1 and 0 <= keep_forget <= 1):
        raise ValueError("keep_remember and keep_forget must be between 0 and 1")
    if not 1 <= n_rivals <= 5:
        raise ValueError(f"n_rivals must be 1 to 5, got {n_rivals}")
    draws = neighbourhood_draws() if draws is None else draws
    people = np.asarray(draws["people"], dtype=float)
    stay_u, switch_u = draws["stay"], draws["switch"]
    periods, n = stay_u.shape
    k = n_rivals + 1
    keep = np.array([keep_remember] + [keep_forget] * n_rivals)
    shop = np.minimum((draws["start"] * k).astype(int), k - 1)
    history = np.empty((periods, n), dtype=int)
    history[0] = shop
    for p in range(1, periods):
        stays = stay_u[p] < keep[shop]
        other = np.minimum((switch_u[p] * (k - 1)).astype(int), k - 2)
        other = other + (other >= shop)  # one of the other shops, each equally likely
        shop = np.where(stays, shop, other)
        history[p] = shop
    names = shop_names(n_rivals)
    spend = people * price_per_person
    onehot = history[:, :, None] == np.arange(k)[None, None, :]        # periods x n x k
    sales = np.einsum("pnk,n->pk", onehot, spend)
    period_index = pd.RangeIndex(1, periods + 1, name="period")
    share = pd.DataFrame(sales / spend.sum(), index=period_index, columns=names)
    same = history[1:] == history[:-1]
    before = onehot[:-1]
    buyers_before = before.sum(axis=1)
    again = (before & same[:, :, None]).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        repeat = np.where(buyers_before > 0, again / np.maximum(buyers_before, 1), np.nan)
    repeat_rate = pd.DataFrame(repeat, index=pd.RangeIndex(2, periods + 1, name="period"),
                               columns=names)
    bought = onehot.any(axis=0)                                            # n x k
    wallet = spend * periods
    year_sales = sales.sum(axis=0)
    customer_wallets = bought.T.astype(float) @ wallet
    summary = pd.DataFrame({
        "customers": bought.sum(axis=0).astype("int64"),
        "repeat_purchases": again.sum(axis=0).astype("int64"),
        "sales": year_sales,
        "market_share": year_sales / wallet.sum(),
        "share_of_wallet": np.where(customer_wallets > 0,
                                    year_sales / np.maximum(customer_wallets, 1e-12), np.nan),
    }, index=pd.Index(names, name="shop"))
    return NeighbourhoodYear(names, share, repeat_rate, summary)


def steady_share(keep_remember: float, keep_forget: float, n_rivals: int) -> float:
    """The long-run market share of the remembering shop (households of equal size).

    In the long run as many households leave it as arrive:
    ``s (1 - keep_remember) = (1 - s) (1 - keep_forget) / n_rivals``.

    Examples
    --------
    >>> round(steady_share(0.95, 0.7, 3), 4)
    0.6667
    >>> steady_share(0.7, 0.7, 3)
    0.25
    """
    inflow = (1 - keep_forget) / n_rivals
    outflow = 1 - keep_remember
    if inflow + outflow == 0:
        return 1 / (n_rivals + 1)
    return inflow / (inflow + outflow)


def retention_point_value(keep_remember: float, keep_forget: float, n_rivals: int = 3,
                          price_per_person: float = 27.0, margin_rate: float = 0.2,
                          draws: dict | None = None,
                          base: NeighbourhoodYear | None = None) -> dict:
    """What one more percentage point of retention is worth to the remembering shop in a year.

    The year is simulated twice on the same draws, with ``keep_remember`` and
    with ``keep_remember + 0.01`` (capped at 1). ``base``, if given, is the first
    of the two, already simulated with the same settings and draws.

    Returns
    -------
    dict
        ``sales`` and ``sales_plus`` (the year's sales), ``extra_sales``,
        ``extra_margin`` (``extra_sales * margin_rate``) and ``extra_share``
        (points of market share gained, as a share).

    Examples
    --------
    >>> v = retention_point_value(0.9, 0.7)
    >>> v["extra_sales"] > 0, round(v["extra_margin"] / v["extra_sales"], 2)
    (True, 0.2)
    """
    draws = neighbourhood_draws() if draws is None else draws
    if base is None:
        base = simulate_neighbourhood(keep_remember, keep_forget, n_rivals, price_per_person,
                                      draws)
    plus = simulate_neighbourhood(min(1.0, keep_remember + 0.01), keep_forget, n_rivals,
                                  price_per_person, draws)
    a = float(base.summary.loc[REMEMBERING_SHOP, "sales"])
    b = float(plus.summary.loc[REMEMBERING_SHOP, "sales"])
    return {"sales": a, "sales_plus": b, "extra_sales": b - a,
            "extra_margin": (b - a) * margin_rate,
            "extra_share": float(plus.summary.loc[REMEMBERING_SHOP, "market_share"]
                                 - base.summary.loc[REMEMBERING_SHOP, "market_share"])}
