"""Chapter 6, customer selection: customer profit, the whale curve, dropping customers.

Pure functions on pandas tables: no widgets, no plotting, no global state.
The widgets in :mod:`course.widgets.selection` only wire controls to these
functions.

Conventions, chosen so that every answer is unique:

* **Transactions** are order lines in the course schema. A line with a
  positive quantity is a *sale line* (a free item, amount 0, is a sale line
  too: it still has to be picked and packed); a line with a negative quantity
  is a *return line*, whose negative amount takes the refund off revenue.
* **Customer profit** (:func:`customer_profit`). ``revenue`` is the sum of all
  amounts (net of returns); ``orders`` counts distinct orders with a sale
  line; ``lines`` counts sale lines; ``returns`` counts return lines. The cost
  to serve is ``cost_per_order * orders + cost_per_line * lines +
  cost_per_return * returns`` and ``profit = margin * revenue - cost_to_serve``.
  Every customer in the transactions has a row, including a customer with no
  sale at all (only returns): that customer's profit is negative.
* **Whale curve** (:func:`whale_curve`). Customers sorted by profit, largest
  first; **equal profits are listed by customer id** (as text, ascending), so
  the order is unique. ``cum_share`` is the running profit as a share of the
  total profit; when the total is zero or negative a share of it means
  nothing, and ``cum_share`` is NaN (missing) on every row.
* **The peak** (:func:`whale_peak`) is the largest running profit. It is
  reached after the last customer with a positive profit; the customers with a
  profit of exactly zero after them neither add nor take away, and are not
  counted in the peak.
* **Dropping customers** (:func:`profit_after_dropping`). The *k* least
  profitable customers (equal profits: by customer id) are let go. The firm
  loses their gross margin and saves their cost to serve, except a share
  ``fixed_share`` of that cost which it cannot avoid (staff, warehouse,
  systems stay): new profit = total profit - their profit - fixed_share x
  their cost to serve.
* **Value matrix** (:func:`value_matrix`). A customer's current value is
  high when it is at least ``current_cut`` *and* above zero (a customer who
  loses money is never of high current value); the potential value is high
  when it is at least ``potential_cut``.

Examples
--------
>>> import pandas as pd
>>> from course.synthetic import transactions_from_rows
>>> tx = transactions_from_rows([("a", "1", "2024-01-02", 10, 20.0),
...                              ("b", "2", "2024-01-03", 1, 15.0),
...                              ("b", "C2", "2024-01-05", -1, 15.0)])
>>> customer_profit(tx, margin=0.3, cost_per_order=10, cost_per_line=1, cost_per_return=5)
             revenue  orders  lines  returns  cost_to_serve  profit
customer_id
a              200.0       1      1        0           11.0    49.0
b                0.0       1      1        1           16.0   -16.0
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: The course's default cost-to-serve model (pounds; margin as a share of revenue).
COST_MODEL = {"margin": 0.30, "cost_per_order": 25.0, "cost_per_line": 1.0,
              "cost_per_return": 10.0}

PROFIT_COLUMNS = ("revenue", "orders", "lines", "returns", "cost_to_serve", "profit")
CURVE_COLUMNS = ("profit", "rank", "customer_share", "cum_profit", "cum_share")

#: The four kinds of customer in the value matrix, and the strategy for each.
VALUE_KINDS = ("keystone", "mainstay", "prospect", "marginal")
STRATEGIES = {"keystone": "invest", "mainstay": "maintain", "prospect": "develop",
              "marginal": "streamline"}

#: Stock codes of the Online Retail data that are not goods (postage, discounts,
#: manual adjustments, bank charges...): every product code starts with five digits.
PRODUCT_CODE = r"^\d{5}"


def _check_columns(df: pd.DataFrame, columns, name: str) -> None:
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise KeyError(f"{name} is missing column(s) {missing}; it has {list(df.columns)}")


def _ordered(values: pd.Series, ascending: bool) -> pd.Series:
    """Values as floats sorted (largest first unless ``ascending``); ties by id as text."""
    v = values.to_numpy(dtype=float)
    ids = values.index.astype(str).to_numpy(dtype=str)
    key = v if ascending else -v
    if len(ids) < 2 or bool((ids[:-1] <= ids[1:]).all()):
        order = np.argsort(key, kind="stable")  # ids already in text order: ties keep it
    else:
        order = np.lexsort((ids, key))
    return values.iloc[order].astype(float)


# ----------------------------------------------------------------------------------------
# data: the activity behind the cost to serve


def retail_activity(raw: pd.DataFrame) -> pd.DataFrame:
    """Sale and return lines of the raw Online Retail data, in the course schema.

    The course's cleaned table (:func:`course.data.clean_online_retail`) nets
    each cancellation against the order it cancels, which is right for
    revenue but hides work: a cancelled order was still taken, and a return
    was still handled. The cost to serve needs that activity, so this table
    keeps both kinds of line: every order line as a sale line and every
    cancellation line as a return line (negative quantity and amount), so that
    a customer's revenue summed over both is net of returns.

    Rules: exact duplicate rows and rows without a CustomerID are dropped (as
    in the cleaning); so are lines that are not goods (stock codes that do not
    start with five digits: postage, discounts, manual adjustments, bank
    charges) and lines with a unit price of 0.

    Parameters
    ----------
    raw : pandas.DataFrame
        ``load_dataset("online_retail_raw")``.

    Returns
    -------
    pandas.DataFrame
        The course schema (``customer_id, order_id, date, quantity, unit_price,
        amount``); return lines have an ``order_id`` starting with ``C``.

    Examples
    --------
    >>> raw = pd.DataFrame({
    ...     "InvoiceNo": ["1", "1", "C2", "3"], "StockCode": ["85123A", "POST", "85123A", "22"],
    ...     "Description": ["heart", "postage", "heart", "x"], "Quantity": [6, 1, -2, 1],
    ...     "InvoiceDate": pd.to_datetime(["2011-01-01"] * 2 + ["2011-01-05", "2011-01-06"]),
    ...     "UnitPrice": [2.5, 18.0, 2.5, 1.0], "CustomerID": [17850.0, 17850.0, 17850.0, None],
    ...     "Country": ["UK"] * 4})
    >>> retail_activity(raw)[["customer_id", "order_id", "quantity", "amount"]]
      customer_id order_id  quantity  amount
    0       17850        1         6    15.0
    1       17850       C2        -2    -5.0
    """
    df = raw.drop_duplicates()
    df = df[df["CustomerID"].notna()]
    goods = df["StockCode"].astype(str).str.match(PRODUCT_CODE)
    df = df[goods & (df["UnitPrice"] > 0) & (df["Quantity"] != 0)]
    out = pd.DataFrame({
        "customer_id": df["CustomerID"].astype("int64").astype(str),
        "order_id": df["InvoiceNo"].astype(str),
        "date": df["InvoiceDate"],
        "quantity": df["Quantity"].astype("int64"),
        "unit_price": df["UnitPrice"].astype("float64"),
        "amount": (df["Quantity"] * df["UnitPrice"]).round(2).astype("float64"),
    })
    return out.reset_index(drop=True)


# ----------------------------------------------------------------------------------------
# customer profit


def cost_drivers(transactions: pd.DataFrame) -> pd.DataFrame:
    """Revenue and the activity that drives the cost to serve, per customer.

    Parameters
    ----------
    transactions : pandas.DataFrame
        Order lines with ``customer_id, order_id, quantity, amount``.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``customer_id`` (sorted): float ``revenue`` (sum of all
        amounts, net of returns), integer ``orders`` (distinct orders with a
        sale line), ``lines`` (sale lines) and ``returns`` (return lines).

    Examples
    --------
    >>> from course.synthetic import transactions_from_rows
    >>> tx = transactions_from_rows([("a", "1", "2024-01-02", 2, 5.0),
    ...                              ("a", "1", "2024-01-02", 1, 0.0),
    ...                              ("z", "C9", "2024-01-03", -1, 8.0)])
    >>> cost_drivers(tx)
                 revenue  orders  lines  returns
    customer_id
    a               10.0       1      2        0
    z               -8.0       0      0        1
    """
    _check_columns(transactions, ("customer_id", "order_id", "quantity", "amount"),
                   "transactions")
    sale = transactions["quantity"] > 0
    ids = transactions["customer_id"]
    frame = pd.DataFrame({
        "customer_id": ids.to_numpy(),
        "amount": transactions["amount"].to_numpy(dtype=float),
        "sale": sale.to_numpy(),
        "ret": (transactions["quantity"] < 0).to_numpy(),
    })
    grouped = frame.groupby("customer_id", sort=True)
    orders = (transactions[sale].groupby("customer_id", sort=True)["order_id"].nunique())
    out = pd.DataFrame({
        "revenue": grouped["amount"].sum().astype("float64"),
        "orders": orders.reindex(grouped.size().index, fill_value=0),
        "lines": grouped["sale"].sum(),
        "returns": grouped["ret"].sum(),
    })
    out = out.astype({"revenue": "float64", "orders": "int64", "lines": "int64",
                      "returns": "int64"})
    out.index.name = "customer_id"
    return out


def profit_from_drivers(drivers: pd.DataFrame, margin: float, cost_per_order: float,
                        cost_per_line: float, cost_per_return: float) -> pd.DataFrame:
    """Add ``cost_to_serve`` and ``profit`` to a :func:`cost_drivers` table.

    Examples
    --------
    >>> d = pd.DataFrame({"revenue": [100.0], "orders": [2], "lines": [5], "returns": [1]},
    ...                  index=pd.Index(["a"], name="customer_id"))
    >>> profit_from_drivers(d, 0.4, 10, 1, 5)[["cost_to_serve", "profit"]].to_dict("index")
    {'a': {'cost_to_serve': 30.0, 'profit': 10.0}}
    """
    cost = (cost_per_order * drivers["orders"] + cost_per_line * drivers["lines"]
            + cost_per_return * drivers["returns"]).astype("float64")
    return drivers.assign(cost_to_serve=cost,
                          profit=(margin * drivers["revenue"] - cost).astype("float64"))


def customer_profit(transactions: pd.DataFrame, margin: float = COST_MODEL["margin"],
                    cost_per_order: float = COST_MODEL["cost_per_order"],
                    cost_per_line: float = COST_MODEL["cost_per_line"],
                    cost_per_return: float = COST_MODEL["cost_per_return"]) -> pd.DataFrame:
    """Profit of each customer after the cost to serve them.

    Parameters
    ----------
    transactions : pandas.DataFrame
        Order lines with ``customer_id, order_id, quantity, amount``; return
        lines have a negative quantity and amount.
    margin : float
        Gross margin as a share of revenue (0.3 means 30 p of every pound).
    cost_per_order, cost_per_line, cost_per_return : float
        What one order (taking it, invoicing, shipping), one sale line
        (picking, packing) and one return line (receiving, checking,
        refunding) cost the firm.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``customer_id`` (sorted), columns ``revenue, orders, lines,
        returns, cost_to_serve, profit``; one row for every customer in the
        transactions. Empty input gives an empty table with these columns.

    Examples
    --------
    >>> from course.synthetic import transactions_from_rows
    >>> tx = transactions_from_rows([("a", "1", "2024-01-02", 4, 25.0),
    ...                              ("a", "2", "2024-02-02", 1, 30.0),
    ...                              ("r", "C7", "2024-01-09", -2, 6.0)])
    >>> customer_profit(tx, 0.25, 5.0, 1.0, 3.0)["profit"].to_dict()
    {'a': 20.5, 'r': -6.0}
    """
    drivers = cost_drivers(transactions)
    return profit_from_drivers(drivers, margin, cost_per_order, cost_per_line,
                               cost_per_return)


# ----------------------------------------------------------------------------------------
# the whale curve


def whale_curve(profit: pd.Series) -> pd.DataFrame:
    """The customer-profitability ("whale") curve: running share of total profit.

    Parameters
    ----------
    profit : pandas.Series
        Profit per customer, indexed by customer id.

    Returns
    -------
    pandas.DataFrame
        One row per customer, most profitable first (equal profits by id as
        text), with ``profit``, ``rank`` (1, 2, ...), ``customer_share``
        (rank / number of customers), ``cum_profit`` (running sum) and
        ``cum_share`` (running sum / total profit; NaN on every row when the
        total is zero or negative).

    Examples
    --------
    >>> whale_curve(pd.Series({"a": -20.0, "b": 90.0, "c": 30.0}))
       profit  rank  customer_share  cum_profit  cum_share
    b    90.0     1        0.333333        90.0        0.9
    c    30.0     2        0.666667       120.0        1.2
    a   -20.0     3        1.000000       100.0        1.0

    When the customers lose money in total, no share is defined:

    >>> whale_curve(pd.Series({"x": 5.0, "y": -9.0}))["cum_share"].isna().all()
    np.True_
    """
    ordered = _ordered(profit, ascending=False)
    n = len(ordered)
    cumulative = ordered.cumsum()
    total = float(ordered.sum())
    share = cumulative / total if total > 0 else pd.Series(np.nan, index=ordered.index)
    return pd.DataFrame({
        "profit": ordered,
        "rank": np.arange(1, n + 1, dtype="int64"),
        "customer_share": np.arange(1, n + 1) / n if n else np.array([], dtype=float),
        "cum_profit": cumulative.astype("float64"),
        "cum_share": share.astype("float64"),
    })


def whale_peak(profit: pd.Series) -> dict:
    """Where the whale curve peaks: how many customers, and how much profit.

    Returns
    -------
    dict
        ``customers`` (the number of customers with a positive profit: the
        running profit is highest after the last of them), ``customer_share``
        (that number over all customers), ``peak_profit`` (their total) and
        ``peak_share`` (the peak over the total profit; NaN when the total is
        zero or negative). Without customers, or with none profitable, the
        peak is 0 customers and a profit of 0.

    Examples
    --------
    >>> whale_peak(pd.Series({"a": -20.0, "b": 90.0, "c": 30.0, "d": 0.0}))
    {'customers': 2, 'customer_share': 0.5, 'peak_profit': 120.0, 'peak_share': 1.2}
    """
    values = profit.to_numpy(dtype=float)
    n = len(values)
    positive = values > 0
    k = int(positive.sum())
    peak = float(values[positive].sum())
    total = float(values.sum())
    return {"customers": k, "customer_share": k / n if n else 0.0, "peak_profit": peak,
            "peak_share": peak / total if total > 0 else float("nan")}


# ----------------------------------------------------------------------------------------
# letting customers go


def dropping_curve(table: pd.DataFrame, fixed_share: float) -> pd.Series:
    """Total profit after dropping the k least profitable customers, for every k.

    Parameters
    ----------
    table : pandas.DataFrame
        Columns ``profit`` and ``cost_to_serve``, indexed by customer id (the
        output of :func:`customer_profit`).
    fixed_share : float
        Share of a dropped customer's cost to serve that stays (0 to 1).

    Returns
    -------
    pandas.Series
        Indexed by k = 0, 1, ..., number of customers; value at 0 is today's
        total profit.

    Examples
    --------
    >>> t = pd.DataFrame({"profit": [50.0, -10.0, 5.0], "cost_to_serve": [20.0, 30.0, 10.0]},
    ...                  index=["a", "b", "c"])
    >>> dropping_curve(t, fixed_share=0.5).tolist()
    [45.0, 40.0, 30.0, -30.0]
    """
    _check_columns(table, ("profit", "cost_to_serve"), "table")
    if not 0 <= fixed_share <= 1:
        raise ValueError(f"fixed_share must be between 0 and 1, got {fixed_share}")
    order = _ordered(table["profit"], ascending=True).index
    if table.index.has_duplicates:
        raise ValueError("table has more than one row for a customer")
    profit = table.loc[order, "profit"].to_numpy(dtype=float)
    cost = table.loc[order, "cost_to_serve"].to_numpy(dtype=float)
    change = np.concatenate([[0.0], np.cumsum(-profit - fixed_share * cost)])
    return pd.Series(float(profit.sum()) + change, index=pd.RangeIndex(len(profit) + 1,
                                                                       name="dropped"))


def dropping_curves(table: pd.DataFrame, fixed_shares) -> pd.DataFrame:
    """:func:`dropping_curve` for several fixed shares at once (one sort).

    Examples
    --------
    >>> t = pd.DataFrame({"profit": [50.0, -10.0, 5.0], "cost_to_serve": [20.0, 30.0, 10.0]},
    ...                  index=["a", "b", "c"])
    >>> dropping_curves(t, [0.0, 1.0]).to_dict("list")
    {0.0: [45.0, 55.0, 50.0, 0.0], 1.0: [45.0, 25.0, 10.0, -60.0]}
    """
    _check_columns(table, ("profit", "cost_to_serve"), "table")
    shares = [float(f) for f in fixed_shares]
    if any(not 0 <= f <= 1 for f in shares):
        raise ValueError(f"fixed shares must be between 0 and 1, got {shares}")
    if table.index.has_duplicates:
        raise ValueError("table has more than one row for a customer")
    order = _ordered(table["profit"], ascending=True).index
    profit = table.loc[order, "profit"].to_numpy(dtype=float)
    cost = table.loc[order, "cost_to_serve"].to_numpy(dtype=float)
    lost = np.concatenate([[0.0], np.cumsum(profit)])
    kept_cost = np.concatenate([[0.0], np.cumsum(cost)])
    total = float(profit.sum())
    return pd.DataFrame({f: total - lost - f * kept_cost for f in shares},
                        index=pd.RangeIndex(len(profit) + 1, name="dropped"))


def profit_after_dropping(table: pd.DataFrame, k: int, fixed_share: float) -> float:
    """Total profit after letting the ``k`` least profitable customers go.

    The firm loses their gross margin and saves their cost to serve, except
    ``fixed_share`` of it, which stays. Equal profits are dropped in the
    order of customer id (as text).

    Parameters
    ----------
    table : pandas.DataFrame
        Columns ``profit`` and ``cost_to_serve``, indexed by customer id.
    k : int
        How many customers to drop, from 0 to the number of customers.
    fixed_share : float
        Share of the dropped customers' cost to serve that stays, 0 to 1.

    Returns
    -------
    float
        The new total profit.

    Raises
    ------
    ValueError
        If ``k`` is not a whole number from 0 to the number of customers, or
        ``fixed_share`` is outside 0 to 1.

    Examples
    --------
    >>> t = pd.DataFrame({"profit": [50.0, -10.0, 5.0], "cost_to_serve": [20.0, 30.0, 10.0]},
    ...                  index=["a", "b", "c"])
    >>> profit_after_dropping(t, 1, fixed_share=0.0)     # all of b's cost goes away
    55.0
    >>> profit_after_dropping(t, 1, fixed_share=0.5)     # half of it stays
    40.0
    """
    if int(k) != k or not 0 <= k <= len(table):
        raise ValueError(f"k must be a whole number from 0 to {len(table)}, got {k!r}")
    return float(dropping_curve(table, fixed_share).iloc[int(k)])


# ----------------------------------------------------------------------------------------
# the customer value matrix


def value_matrix(customers: pd.DataFrame, current_cut: float,
                 potential_cut: float) -> pd.DataFrame:
    """Place customers in the current-value x potential-value matrix, with a strategy.

    ``keystone`` (high current, high potential): invest; ``mainstay`` (high
    current, low potential): maintain; ``prospect`` (low current, high
    potential): develop; ``marginal`` (both low): streamline (serve at lower
    cost, reprice, and let go only if still unprofitable). Current value is
    high when at least ``current_cut`` and above zero; potential value is high
    when at least ``potential_cut``.

    Parameters
    ----------
    customers : pandas.DataFrame
        Columns ``customer_id, current_value, potential_value``.
    current_cut, potential_cut : float
        The cut-offs.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``customer_id`` (in the input's order), columns
        ``quadrant`` and ``strategy``.

    Examples
    --------
    >>> c = pd.DataFrame({"customer_id": ["k", "m", "p", "x", "l"],
    ...                   "current_value": [900.0, 800.0, 20.0, 5.0, -40.0],
    ...                   "potential_value": [700.0, 50.0, 600.0, 10.0, 900.0]})
    >>> value_matrix(c, current_cut=100, potential_cut=500)
                 quadrant    strategy
    customer_id
    k            keystone      invest
    m            mainstay    maintain
    p            prospect     develop
    x            marginal  streamline
    l            prospect     develop
    """
    _check_columns(customers, ("customer_id", "current_value", "potential_value"),
                   "customers")
    current = customers["current_value"].to_numpy(dtype=float)
    potential = customers["potential_value"].to_numpy(dtype=float)
    hi_c = (current >= current_cut) & (current > 0)
    hi_p = potential >= potential_cut
    kinds = np.select([hi_c & hi_p, hi_c, hi_p], list(VALUE_KINDS[:3]), default=VALUE_KINDS[3])
    strategy = np.array([STRATEGIES[k] for k in kinds], dtype=object)
    out = pd.DataFrame({"quadrant": kinds.astype(object), "strategy": strategy},
                       index=pd.Index(customers["customer_id"].astype(str), name="customer_id"))
    return out.astype("str")


def matrix_summary(customers: pd.DataFrame, quadrants: pd.Series) -> pd.DataFrame:
    """Customers, current value and potential value per quadrant.

    Examples
    --------
    >>> c = pd.DataFrame({"customer_id": ["a", "b"], "current_value": [10.0, 2.0],
    ...                   "potential_value": [1.0, 8.0]})
    >>> q = pd.Series(["mainstay", "prospect"], index=["a", "b"])
    >>> matrix_summary(c, q)["customers"].tolist()
    [0, 1, 1, 0]
    """
    frame = pd.DataFrame({"q": quadrants.to_numpy(),
                          "c": customers["current_value"].to_numpy(dtype=float),
                          "p": customers["potential_value"].to_numpy(dtype=float)})
    grouped = frame.groupby("q")
    out = pd.DataFrame({"customers": grouped.size(), "current_value": grouped["c"].sum(),
                        "potential_value": grouped["p"].sum()}).reindex(list(VALUE_KINDS),
                                                                        fill_value=0)
    out["customers"] = out["customers"].astype("int64")
    out["strategy"] = [STRATEGIES[k] for k in out.index]
    out.index.name = None
    return out
