"""Chapter 5, customer identification: RFM, ABC / Pareto, MAN, value matrix.

Pure functions on pandas tables: no widgets, no plotting, no global state.
The widgets in :mod:`course.widgets.identification` only wire controls to
these functions.

Conventions, chosen so that every answer is unique and order-independent:

* **RFM table.** Lines with a non-positive quantity or amount (returns,
  cancellations, free items) are ignored. *Recency* is the number of whole
  days from a customer's last purchase to ``as_of`` (default: the day after
  the last purchase in the data). *Frequency* counts distinct orders.
  *Monetary* is the sum of amounts.
* **RFM scores** are quantile scores from 1 to ``bins``:
  ``score = 1 + floor(bins * share of customers strictly worse)``. Equal
  values get equal scores, so ties never split across a bin edge, and the
  best customer gets ``bins`` whenever there are at least ``bins`` distinct
  customers. For recency, "worse" means "longer ago".
* **ABC classes.** Customers sorted by value, largest first. Class A is the
  fewest top customers who together reach the A cut-off share of the total
  (80 % by default), and **equal values share a class**: customers whose
  value equals that of the customer who crosses the cut-off join class A
  too. In one sentence: a customer is in A when the customers with a
  *strictly larger* value bring less than the A cut-off. B likewise up to the
  B cut-off (95 %); C the rest, including every customer with zero or
  negative value. No tie is ever broken by id or by row order.

Examples
--------
>>> import pandas as pd
>>> tx = pd.DataFrame({
...     "customer_id": ["a", "a", "b", "c"], "order_id": ["1", "2", "3", "4"],
...     "date": pd.to_datetime(["2024-01-01", "2024-01-10", "2024-01-05", "2024-01-02"]),
...     "quantity": [1, 2, 1, 5], "unit_price": [10.0, 10.0, 50.0, 1.0],
...     "amount": [10.0, 20.0, 50.0, 5.0]})
>>> rfm_table(tx, as_of="2024-01-11")
             recency  frequency  monetary
customer_id
a                  1          2      30.0
b                  6          1      50.0
c                  9          1       5.0
"""

from __future__ import annotations

import numpy as np
import pandas as pd

RFM_COLUMNS = ("recency", "frequency", "monetary")
ABC_CLASSES = ("A", "B", "C")
MAN_GRADES = ("qualified", "develop", "nurture", "drop")
VALUE_QUADRANTS = ("vip", "major", "potential", "ordinary")
VALUE_TIERS = ("top", "high", "medium", "low")
RFM_SEGMENTS = ("champions", "loyal", "promising", "at_risk", "attention", "lost")


def _check_columns(df: pd.DataFrame, columns, name: str) -> None:
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise KeyError(f"{name} is missing column(s) {missing}; it has {list(df.columns)}")


def rfm_table(transactions: pd.DataFrame, as_of=None) -> pd.DataFrame:
    """Compute recency, frequency and monetary value for each customer.

    Parameters
    ----------
    transactions : pandas.DataFrame
        Order lines with ``customer_id, order_id, date, quantity, amount``.
    as_of : str or Timestamp, optional
        The day recency is measured to. Default: the day after the last
        purchase in ``transactions``.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``customer_id`` (sorted), with integer ``recency`` (days),
        integer ``frequency`` (distinct orders) and float ``monetary``.
        Customers who only returned goods do not appear. Empty input gives
        an empty table with the same columns.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": ["x", "x"], "order_id": ["1", "2"],
    ...     "date": pd.to_datetime(["2024-03-01", "2024-03-04"]),
    ...     "quantity": [3, -1], "amount": [30.0, -10.0]})
    >>> rfm_table(tx).to_dict("index")
    {'x': {'recency': 1, 'frequency': 1, 'monetary': 30.0}}
    """
    _check_columns(transactions, ("customer_id", "order_id", "date", "quantity", "amount"),
                   "transactions")
    sales = transactions[(transactions["quantity"] > 0) & (transactions["amount"] > 0)]
    if sales.empty:
        empty = pd.DataFrame({"recency": pd.Series(dtype="int64"),
                              "frequency": pd.Series(dtype="int64"),
                              "monetary": pd.Series(dtype="float64")})
        empty.index.name = "customer_id"
        return empty
    dates = pd.to_datetime(sales["date"]).dt.normalize()
    as_of = dates.max() + pd.Timedelta(days=1) if as_of is None else pd.Timestamp(as_of)
    grouped = sales.assign(date=dates).groupby("customer_id", sort=True)
    out = pd.DataFrame({
        "recency": (as_of.normalize() - grouped["date"].max()).dt.days.astype("int64"),
        "frequency": grouped["order_id"].nunique().astype("int64"),
        "monetary": grouped["amount"].sum().astype("float64"),
    })
    out.index.name = "customer_id"
    return out


def quantile_score(values: pd.Series, bins: int = 5, higher_is_better: bool = True) -> pd.Series:
    """Score values from 1 to ``bins`` by the share of values strictly worse.

    Parameters
    ----------
    values : pandas.Series
        The values to score.
    bins : int, default 5
        Number of score levels (2 or more).
    higher_is_better : bool, default True
        False for recency, where a smaller value is better.

    Returns
    -------
    pandas.Series
        Integer scores, same index as ``values``.

    Examples
    --------
    >>> quantile_score(pd.Series([1, 1, 1, 2, 5]), bins=5).tolist()
    [1, 1, 1, 4, 5]
    >>> quantile_score(pd.Series([3, 30, 300]), bins=3, higher_is_better=False).tolist()
    [3, 2, 1]
    """
    if int(bins) != bins or bins < 2:
        raise ValueError(f"bins must be an integer of at least 2, got {bins!r}")
    if len(values) == 0:
        return pd.Series(dtype="int64", index=values.index, name=values.name)
    ranked = values if higher_is_better else -values
    worse = ranked.rank(method="min").to_numpy() - 1  # how many are strictly worse
    scores = 1 + np.floor(bins * worse / len(values)).astype("int64")
    return pd.Series(np.clip(scores, 1, bins), index=values.index, name=values.name)


def rfm_scores(rfm: pd.DataFrame, bins: int = 5) -> pd.DataFrame:
    """Turn an RFM table into R, F and M scores from 1 (worst) to ``bins`` (best).

    Parameters
    ----------
    rfm : pandas.DataFrame
        Output of :func:`rfm_table`.
    bins : int, default 5
        Number of score levels.

    Returns
    -------
    pandas.DataFrame
        Same index, integer columns ``r_score, f_score, m_score``.

    Examples
    --------
    >>> rfm = pd.DataFrame({"recency": [5, 40, 200], "frequency": [8, 2, 1],
    ...                     "monetary": [900.0, 120.0, 35.0]}, index=["a", "b", "c"])
    >>> rfm_scores(rfm, bins=3)
       r_score  f_score  m_score
    a        3        3        3
    b        2        2        2
    c        1        1        1
    """
    _check_columns(rfm, RFM_COLUMNS, "rfm")
    return pd.DataFrame({
        "r_score": quantile_score(rfm["recency"], bins, higher_is_better=False),
        "f_score": quantile_score(rfm["frequency"], bins),
        "m_score": quantile_score(rfm["monetary"], bins),
    }, index=rfm.index)


def weighted_rfm(scores: pd.DataFrame, weights=(1.0, 1.0, 1.0)) -> pd.Series:
    """Combine R, F and M scores into one value score with the given weights.

    Parameters
    ----------
    scores : pandas.DataFrame
        Output of :func:`rfm_scores`.
    weights : tuple of three floats
        Weights of R, F and M; they need not sum to one but must not all be 0.

    Returns
    -------
    pandas.Series
        The weighted mean score, between 1 and the number of bins.

    Examples
    --------
    >>> s = pd.DataFrame({"r_score": [5, 1], "f_score": [1, 1], "m_score": [3, 1]})
    >>> weighted_rfm(s, (2, 1, 1)).tolist()
    [3.5, 1.0]
    """
    w = np.asarray(weights, dtype=float)
    if w.shape != (3,) or (w < 0).any() or w.sum() == 0:
        raise ValueError(f"weights must be three non-negative numbers, not all zero; got {weights}")
    values = scores[["r_score", "f_score", "m_score"]].to_numpy(dtype=float) @ w / w.sum()
    return pd.Series(values, index=scores.index, name="rfm_value")


def value_tiers(value: pd.Series, bins: int) -> pd.Series:
    """Split a weighted RFM score into four tiers: top, high, medium, low.

    The score is rescaled to [0, 1]; cut points are 0.75, 0.5 and 0.25.

    Examples
    --------
    >>> value_tiers(pd.Series([5.0, 3.5, 2.5, 1.0]), bins=5).tolist()
    ['top', 'high', 'medium', 'low']
    """
    scaled = (value - 1) / (bins - 1)
    labels = np.select([scaled >= 0.75, scaled >= 0.5, scaled >= 0.25],
                       ["top", "high", "medium"], default="low")
    return pd.Series(labels, index=value.index, name="tier")


def rfm_segments(scores: pd.DataFrame, bins: int = 5) -> pd.Series:
    """Name customers by a recency x (frequency and monetary) grid.

    Scores are rescaled to [0, 1]; "high" means at least 0.5. FM is the mean of
    the F and M scores.

    ============  ==================  ============================
    segment       recency             frequency & monetary
    ============  ==================  ============================
    champions     top (>= 0.75)       top (>= 0.75)
    loyal         high                high
    promising     high                low
    at_risk       low                 high
    attention     low, but >= 0.25    low
    lost          lowest (< 0.25)     low
    ============  ==================  ============================

    "promising" says only that a customer bought recently and little so far:
    scores carry no tenure, so the segment holds old occasional buyers as well
    as newcomers. Whether a customer is *new* is a question for the date of the
    first purchase, not for these scores.

    Examples
    --------
    >>> s = pd.DataFrame({"r_score": [5, 4, 5, 1, 2, 1], "f_score": [5, 4, 1, 5, 1, 1],
    ...                   "m_score": [5, 3, 1, 4, 2, 1]})
    >>> rfm_segments(s).tolist()
    ['champions', 'loyal', 'promising', 'at_risk', 'attention', 'lost']
    """
    r = (scores["r_score"] - 1) / (bins - 1)
    fm = ((scores["f_score"] + scores["m_score"]) / 2 - 1) / (bins - 1)
    labels = np.select(
        [(r >= 0.75) & (fm >= 0.75), (r >= 0.5) & (fm >= 0.5), r >= 0.5, fm >= 0.5, r >= 0.25],
        list(RFM_SEGMENTS[:5]), default=RFM_SEGMENTS[5])
    return pd.Series(labels, index=scores.index, name="segment")


def segment_summary(labels: pd.Series, monetary: pd.Series, order=None) -> pd.DataFrame:
    """Size and revenue of each segment, with shares.

    Parameters
    ----------
    labels : pandas.Series
        A segment label per customer.
    monetary : pandas.Series
        Revenue per customer, same index.
    order : sequence, optional
        Row order (labels absent from the data get zero rows).

    Returns
    -------
    pandas.DataFrame
        Columns ``customers, customer_share, revenue, revenue_share``.

    Examples
    --------
    >>> segment_summary(pd.Series(["x", "y", "x"]), pd.Series([10.0, 30.0, 60.0]))
       customers  customer_share  revenue  revenue_share
    x          2        0.666667     70.0            0.7
    y          1        0.333333     30.0            0.3
    """
    table = pd.DataFrame({"label": labels.to_numpy(), "m": monetary.to_numpy()})
    grouped = table.groupby("label", sort=True)["m"]
    out = pd.DataFrame({"customers": grouped.size(), "revenue": grouped.sum()})
    if order is not None:
        out = out.reindex(list(order), fill_value=0)
    out.index.name = None
    n, total = out["customers"].sum(), out["revenue"].sum()
    out.insert(1, "customer_share", out["customers"] / n if n else 0.0)
    out["revenue_share"] = out["revenue"] / total if total else 0.0
    return out


def pareto_curve(values: pd.Series) -> pd.DataFrame:
    """Cumulative share of customers against cumulative share of value.

    Parameters
    ----------
    values : pandas.Series
        Value per customer (for example revenue), indexed by customer id.

    Returns
    -------
    pandas.DataFrame
        One row per customer, best first, with ``value, customer_share,
        value_share`` (the curve's points) and ``share_above``: the share of
        the total brought by customers with a *strictly larger* value, which
        equal values share (what :func:`abc_classes` compares with the
        cut-offs). Equal values are listed by id, for display only: the curve
        is a straight line through a run of equal values whatever their order.

    Examples
    --------
    >>> pareto_curve(pd.Series({"a": 10.0, "b": 70.0, "c": 20.0}))
       value  customer_share  value_share  share_above
    b   70.0        0.333333          0.7          0.0
    c   20.0        0.666667          0.9          0.7
    a   10.0        1.000000          1.0          0.9

    Two customers of equal value have the same share above them:

    >>> pareto_curve(pd.Series({"x": 30.0, "y": 30.0, "z": 40.0}))["share_above"].tolist()
    [0.0, 0.4, 0.4]
    """
    ordered = _ranked(values)
    positive = ordered.clip(lower=0)
    total = positive.sum()
    n = len(ordered)
    cumulative = positive.cumsum()
    # what the customers strictly above bring: the running sum before the first of each tie
    above = (cumulative - positive).groupby(ordered.to_numpy()).transform("min")
    return pd.DataFrame({
        "value": ordered,
        "customer_share": np.arange(1, n + 1) / n if n else [],
        "value_share": cumulative / total if total else 0.0,
        "share_above": above / total if total else 0.0,
    })


def _ranked(values: pd.Series) -> pd.Series:
    """Values as floats, largest first; equal values by id (a display order only)."""
    frame = pd.DataFrame({"v": values.to_numpy(dtype=float), "id": values.index.astype(str)},
                         index=values.index)
    order = frame.sort_values(["v", "id"], ascending=[False, True], kind="stable").index
    return values.loc[order].astype(float)


def abc_classes(values: pd.Series, a_cut: float = 0.8, b_cut: float = 0.95) -> pd.Series:
    """Put each customer in class A, B or C by their share of total value.

    A customer is in A when the customers with a strictly larger value bring
    less than ``a_cut`` of the total; in B when they bring less than
    ``b_cut`` (and the customer is not in A); otherwise, and whenever the
    value is zero or negative, in C. So A is the fewest top customers who
    reach ``a_cut`` (the customer who crosses it is in A), and customers equal
    in value to the one who crosses it join A as well: equal values always
    share a class. The total is the sum of the positive values.

    Parameters
    ----------
    values : pandas.Series
        Value per customer (for example revenue), indexed by customer id.
    a_cut : float, default 0.8
        Share of total value that class A must reach.
    b_cut : float, default 0.95
        Share that classes A and B together must reach; ``a_cut <= b_cut <= 1``.

    Returns
    -------
    pandas.Series
        Labels ``"A"``, ``"B"`` or ``"C"``, in the order of ``values``' index.

    Examples
    --------
    >>> abc_classes(pd.Series({"a": 50.0, "b": 30.0, "c": 15.0, "d": 5.0}))
    a    A
    b    A
    c    B
    d    C
    dtype: str

    A tie at the cut-off: ``p`` alone brings 50 %, below ``a_cut=0.6``; ``q``
    crosses it, and ``r``, equal to ``q``, joins A too.

    >>> abc_classes(pd.Series({"p": 50.0, "r": 20.0, "q": 20.0, "s": 10.0}), a_cut=0.6).tolist()
    ['A', 'A', 'A', 'B']
    """
    if not 0 < a_cut <= b_cut <= 1:
        raise ValueError(f"need 0 < a_cut <= b_cut <= 1, got a_cut={a_cut}, b_cut={b_cut}")
    if len(values) == 0:
        return pd.Series([], index=values.index, dtype="str")
    curve = pareto_curve(values)
    above = curve["share_above"]  # equal values have equal shares above them
    positive = curve["value"] > 0
    eps = 1e-12
    labels = np.where(positive & (above < a_cut - eps), "A",
                      np.where(positive & (above < b_cut - eps), "B", "C"))
    return pd.Series(labels, index=curve.index, dtype="str").loc[values.index]


def man_grade(money, authority, need) -> str:
    """Grade one lead by the MAN principle (Money, Authority, Need).

    Returns
    -------
    str
        ``"qualified"`` (all three: pursue now), ``"develop"`` (two of three:
        work on the missing one), ``"nurture"`` (one: keep in touch) or
        ``"drop"`` (none: not a prospect).

    Examples
    --------
    >>> man_grade(True, True, False)
    'develop'
    """
    return MAN_GRADES[3 - (bool(money) + bool(authority) + bool(need))]


def man_qualify(leads: pd.DataFrame, min_budget: float) -> pd.Series:
    """Grade every lead by the MAN principle.

    Money means ``budget >= min_budget``; authority and need are the boolean
    columns ``has_authority`` and ``has_need``.

    Parameters
    ----------
    leads : pandas.DataFrame
        Columns ``lead_id, budget, has_authority, has_need``.
    min_budget : float
        The smallest budget that can pay for the offer.

    Returns
    -------
    pandas.Series
        Grade per lead, indexed by ``lead_id``.

    Examples
    --------
    >>> leads = pd.DataFrame({"lead_id": ["L1", "L2"], "budget": [5000.0, 100.0],
    ...                       "has_authority": [True, False], "has_need": [True, False]})
    >>> man_qualify(leads, min_budget=1000).to_dict()
    {'L1': 'qualified', 'L2': 'drop'}
    """
    _check_columns(leads, ("lead_id", "budget", "has_authority", "has_need"), "leads")
    met = ((leads["budget"] >= min_budget).astype(int) + leads["has_authority"].astype(bool)
           + leads["has_need"].astype(bool)).to_numpy(dtype=int)
    grades = np.array(MAN_GRADES, dtype=object)[3 - met]
    return pd.Series(grades, index=pd.Index(leads["lead_id"], name="lead_id"),
                     name="grade").astype("str")


def value_quadrant(current: pd.Series, potential: pd.Series,
                   current_cut: float, potential_cut: float) -> pd.Series:
    """Place customers in the current-value x potential-value matrix.

    ``vip``: high current and high potential; ``major``: high current, low
    potential; ``potential``: low current, high potential; ``ordinary``: both low.
    "High" means at least the cut.

    Examples
    --------
    >>> value_quadrant(pd.Series([9, 9, 1, 1]), pd.Series([9, 1, 9, 1]), 5, 5).tolist()
    ['vip', 'major', 'potential', 'ordinary']
    """
    hi_c, hi_p = current >= current_cut, potential >= potential_cut
    labels = np.select([hi_c & hi_p, hi_c, hi_p], ["vip", "major", "potential"],
                       default="ordinary")
    return pd.Series(labels, index=current.index, name="quadrant")
