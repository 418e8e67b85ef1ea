"""Chapter 7, CRM and customer lifetime value: CLV, retention economics, loyalty, BG/NBD.

Pure functions on numbers and pandas tables: no widgets, no plotting, no global
state. The widgets in :mod:`course.widgets.clv` only wire controls to them.

Conventions, stated once and kept everywhere in the chapter:

* **Timing of CLV.** A customer we have today has just paid this period's
  margin, which is not counted. At the end of each future period ``t = 1, 2, ...``
  the customer is still a customer with probability ``r**t`` (retention ``r``
  each period) and then pays the margin ``m``; money at the end of period ``t``
  is discounted by ``(1 + i)**t``. So the *first margin counted comes one period
  from now*::

      CLV_T = sum_{t=1..T} m * r**t / (1 + i)**t
      CLV   = m * r / (1 + i - r)            (T -> infinity, when r < 1 + i)

  Retention 0 gives 0; retention 1 with discount 0 grows without bound
  (``math.inf`` for the infinite horizon, ``m * T`` for a finite one).
* **A cohort** of ``N`` customers is acquired today (year 0) at ``acquisition_cost``
  each and follows the same timing: ``N * r**t`` customers pay the margin at the end
  of year ``t``. Its profit is the present value of those margins less the
  acquisition spending: ``N * (CLV_T - acquisition_cost)``.
* **Loyalty types** (Dick and Basu 1994): relative attitude x repeat patronage,
  each *high* when the score is at least its cut-off.
* **BG/NBD inputs** (Fader, Hardie and Lee 2005; the conventions of the
  ``lifetimes`` package): a transaction is a day on which the customer bought
  (lines with ``quantity > 0``; several lines on one day are one transaction;
  the amount may be 0). For each customer, in weeks (days / 7): ``frequency`` =
  repeat transactions (all but the first) up to the calibration end, ``recency``
  = time from the first to the last transaction (0 for a single purchase), and
  ``T`` = time from the first transaction to the calibration end. Note that this
  *recency* runs the other way from chapter 5's RFM recency (time since the last
  purchase): here a larger value is better.

Examples
--------
>>> round(clv(100, 0.8, 0.1), 2)            # m r / (1 + i - r) = 80 / 0.3
266.67
>>> round(clv(100, 0.8, 0.1, horizon=5), 2)
212.41
>>> loyalty_type(pd.DataFrame({"customer_id": ["a", "b"], "attitude": [6, 2],
...                            "repeat": [0.7, 0.9]})).tolist()
['true_loyalty', 'spurious_loyalty']
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import betaln, gammaln, hyp2f1

LOYALTY_TYPES = ("true_loyalty", "latent_loyalty", "spurious_loyalty", "no_loyalty")
BGNBD_PARAMS = ("r", "alpha", "a", "b")
GAMMA_GAMMA_PARAMS = ("p", "q", "v")
#: The CDNOW calibration period of Fader, Hardie and Lee (2005): 39 weeks from 1997-01-01.
CDNOW_START = pd.Timestamp("1997-01-01")
CDNOW_CALIBRATION_END = pd.Timestamp("1997-09-30")
CDNOW_HOLDOUT_END = pd.Timestamp("1998-06-30")
#: Published estimates on the CDNOW 1/10 sample (Fader, Hardie and Lee 2005).
PUBLISHED_BGNBD = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
PUBLISHED_GAMMA_GAMMA = {"p": 6.25, "q": 3.74, "v": 15.44}


def _check_rates(margin, retention, discount) -> tuple[float, float, float]:
    margin, retention, discount = float(margin), float(retention), float(discount)
    if not 0.0 <= retention <= 1.0:
        raise ValueError(f"retention must be between 0 and 1, got {retention}")
    if discount < 0.0:
        raise ValueError(f"discount must be 0 or more, got {discount}")
    return margin, retention, discount


def _check_periods(periods) -> int:
    if isinstance(periods, bool) or int(periods) != periods or periods < 0:
        raise ValueError(f"the horizon must be a whole number of periods, 0 or more, "
                         f"got {periods!r}")
    return int(periods)


# ---------------------------------------------------------------------------------- CLV


def clv_finite(margin: float, retention: float, discount: float, periods: int) -> float:
    """Customer lifetime value over ``periods`` future periods.

    ``sum_{t=1..periods} margin * retention**t / (1 + discount)**t``: the first
    margin counted is paid one period from now (see the module's conventions).

    Parameters
    ----------
    margin : float
        Margin per period of a customer who is still a customer.
    retention : float
        Probability, from 0 to 1, that a customer of one period is still one the next.
    discount : float
        Discount rate per period (0.1 for 10 %), 0 or more.
    periods : int
        Number of future periods counted, 0 or more.

    Returns
    -------
    float
        The present value of the expected margins.

    Examples
    --------
    >>> round(clv_finite(100, 0.8, 0.1, 1), 4)   # 100 * 0.8 / 1.1
    72.7273
    >>> clv_finite(100, 1.0, 0.0, 4)            # nobody leaves, no discounting
    400.0
    >>> clv_finite(100, 0.0, 0.1, 10)           # nobody stays
    0.0
    """
    margin, retention, discount = _check_rates(margin, retention, discount)
    periods = _check_periods(periods)
    q = retention / (1.0 + discount)
    if q == 1.0:
        return margin * periods
    return margin * q * (1.0 - q ** periods) / (1.0 - q)


def clv_infinite(margin: float, retention: float, discount: float) -> float:
    """Customer lifetime value over an infinite horizon: ``m r / (1 + i - r)``.

    Parameters
    ----------
    margin, retention, discount : float
        As in :func:`clv_finite`.

    Returns
    -------
    float
        The closed form; ``math.inf`` when retention is 1 and discount 0 (the sum
        has no limit), ``margin / discount`` when retention is 1 and discount > 0.

    Examples
    --------
    >>> round(clv_infinite(100, 0.8, 0.1), 2)
    266.67
    >>> clv_infinite(100, 1.0, 0.05)
    2000.0
    >>> clv_infinite(100, 1.0, 0.0)
    inf
    """
    margin, retention, discount = _check_rates(margin, retention, discount)
    denominator = discount + (1.0 - retention)
    if denominator == 0.0:
        return math.inf if margin > 0 else (-math.inf if margin < 0 else 0.0)
    return margin * retention / denominator


def clv(margin: float, retention: float, discount: float, horizon: int | None = None) -> float:
    """Customer lifetime value: finite horizon, or infinite when ``horizon`` is None.

    The graded function of task ch07_q1.

    Parameters
    ----------
    margin, retention, discount : float
        As in :func:`clv_finite`.
    horizon : int or None, default None
        Number of future periods; None for the infinite-horizon closed form.

    Returns
    -------
    float

    Examples
    --------
    >>> round(clv(50, 0.9, 0.12, horizon=3), 2)
    98.41
    >>> round(clv(50, 0.9, 0.12), 2)
    204.55
    """
    if horizon is None:
        return clv_infinite(margin, retention, discount)
    return clv_finite(margin, retention, discount, horizon)


def clv_schedule(margin: float, retention: float, discount: float, periods: int) -> pd.DataFrame:
    """The finite CLV sum period by period, as the lecture's walk-through builds it.

    Parameters
    ----------
    margin, retention, discount, periods
        As in :func:`clv_finite`.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``period`` 1 to ``periods``: ``survival`` (``retention**t``),
        ``expected_margin``, ``discount_factor`` (``1 / (1 + i)**t``),
        ``present_value`` and ``cumulative`` (the finite CLV up to that period).

    Examples
    --------
    >>> clv_schedule(100, 0.5, 0.0, 3)["cumulative"].tolist()
    [50.0, 75.0, 87.5]
    """
    margin, retention, discount = _check_rates(margin, retention, discount)
    periods = _check_periods(periods)
    t = pd.RangeIndex(1, periods + 1, name="period")
    table = pd.DataFrame(index=t)
    table["survival"] = pd.Series(retention, index=t).cumprod()
    table["expected_margin"] = margin * table["survival"]
    table["discount_factor"] = 1.0 / pd.Series(1.0 + discount, index=t).cumprod()
    table["present_value"] = table["expected_margin"] * table["discount_factor"]
    table["cumulative"] = table["present_value"].cumsum()
    return table


def clv_convergence(margin: float, retention: float, discount: float,
                    max_periods: int) -> np.ndarray:
    """Finite CLV for every horizon from 0 to ``max_periods`` (the widget's curve).

    Examples
    --------
    >>> clv_convergence(100, 0.5, 0.0, 3).round(2).tolist()
    [0.0, 50.0, 75.0, 87.5]
    """
    margin, retention, discount = _check_rates(margin, retention, discount)
    periods = _check_periods(max_periods)
    q = retention / (1.0 + discount)
    terms = margin * q ** np.arange(1, periods + 1)
    return np.concatenate([[0.0], np.cumsum(terms)])


def periods_to_reach(retention: float, discount: float, share: float = 0.95) -> int | None:
    """The shortest horizon whose finite CLV reaches ``share`` of the infinite value.

    The finite sum is the closed form times ``1 - q**T`` with ``q = r / (1 + i)``,
    so it reaches ``share`` when ``q**T <= 1 - share``.

    Returns
    -------
    int or None
        None when the infinite value is unbounded (retention 1, discount 0) or 0.

    Examples
    --------
    >>> periods_to_reach(0.8, 0.1)      # q = 0.727: 0.727**10 = 0.041
    10
    >>> periods_to_reach(0.0, 0.1) is None
    True
    """
    _, retention, discount = _check_rates(1.0, retention, discount)
    q = retention / (1.0 + discount)
    if q == 0.0 or q >= 1.0:
        return None
    return max(1, math.ceil(math.log(1.0 - share) / math.log(q) - 1e-12))


# ------------------------------------------------------------------- retention economics


def cohort_table(cohort_size: int, margin: float, retention: float, discount: float,
                 acquisition_cost: float, years: int) -> pd.DataFrame:
    """A cohort's customers and profit year by year, discounted.

    Parameters
    ----------
    cohort_size : int
        Customers acquired in year 0.
    margin, retention, discount : float
        As in :func:`clv_finite`, per year.
    acquisition_cost : float
        Cost of acquiring one customer, paid in year 0.
    years : int
        Years followed after year 0.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``year`` 0 to ``years``: ``customers`` (expected, ``N r**t``;
        ``N`` in year 0), ``profit`` (margins less acquisition spending in year 0),
        ``discounted_profit`` and ``cumulative`` (the cohort's net present value
        to date; the last row is :func:`cohort_profit`).

    Examples
    --------
    >>> cohort_table(100, 50.0, 0.5, 0.0, 40.0, 2)
          customers  profit  discounted_profit  cumulative
    year
    0         100.0 -4000.0            -4000.0     -4000.0
    1          50.0  2500.0             2500.0     -1500.0
    2          25.0  1250.0             1250.0      -250.0
    """
    margin, retention, discount = _check_rates(margin, retention, discount)
    years = _check_periods(years)
    year = pd.RangeIndex(0, years + 1, name="year")
    t = year.to_numpy()
    customers = float(cohort_size) * retention ** t
    profit = customers * margin
    profit[0] = -float(cohort_size) * float(acquisition_cost)
    table = pd.DataFrame({"customers": customers, "profit": profit}, index=year)
    table["discounted_profit"] = table["profit"] / (1.0 + discount) ** t
    table["cumulative"] = table["discounted_profit"].cumsum()
    return table


def cohort_profit(cohort_size: int, margin: float, retention: float, discount: float,
                  acquisition_cost: float, years: int) -> float:
    """A cohort's net present value: ``N * (CLV_years - acquisition_cost)``.

    Examples
    --------
    >>> cohort_profit(100, 50.0, 0.5, 0.0, 40.0, 2)
    -250.0
    """
    value = clv_finite(margin, retention, discount, years)
    return float(cohort_size) * (value - float(acquisition_cost))


def retention_change(cohort_size: int, margin: float, acquisition_cost: float,
                     retention: float, new_retention: float, discount: float,
                     years: int) -> dict[str, float]:
    """What a change of retention does to CLV and to a cohort's profit.

    The graded function of task ch07_q2. CLV is the finite CLV over ``years``
    (:func:`clv_finite`), profit the cohort's net present value
    (:func:`cohort_profit`); acquisition spending is the same before and after.

    Returns
    -------
    dict
        ``clv_before``, ``clv_after``, ``clv_change`` (after - before, per customer),
        ``profit_before``, ``profit_after`` and ``profit_change`` (for the cohort).

    Examples
    --------
    >>> out = retention_change(1000, 100.0, 150.0, 0.75, 0.80, 0.10, 10)
    >>> {k: round(v, 1) for k, v in out.items()}  # doctest: +NORMALIZE_WHITESPACE
    {'clv_before': 209.6, 'clv_after': 255.6, 'clv_change': 46.0,
     'profit_before': 59633.3, 'profit_after': 105627.4, 'profit_change': 45994.1}
    """
    before = clv_finite(margin, retention, discount, years)
    after = clv_finite(margin, new_retention, discount, years)
    profit_before = float(cohort_size) * (before - float(acquisition_cost))
    profit_after = float(cohort_size) * (after - float(acquisition_cost))
    return {"clv_before": before, "clv_after": after, "clv_change": after - before,
            "profit_before": profit_before, "profit_after": profit_after,
            "profit_change": profit_after - profit_before}


def break_even_year(table: pd.DataFrame) -> int | None:
    """The first year in which a cohort's cumulative discounted profit is 0 or more.

    Examples
    --------
    >>> break_even_year(cohort_table(100, 50.0, 0.8, 0.0, 80.0, 5))
    3
    >>> break_even_year(cohort_table(100, 50.0, 0.2, 0.0, 80.0, 5)) is None
    True
    """
    reached = table.index[table["cumulative"] >= -1e-9]
    return int(reached[0]) if len(reached) else None


# ------------------------------------------------------------------------------ loyalty


def loyalty_type(scores: pd.DataFrame, attitude_cut: float = 5.0,
                 repeat_cut: float = 0.5) -> pd.Series:
    """Dick and Basu's loyalty type of each customer.

    The graded function of task ch07_q3. Relative attitude is *high* when
    ``attitude >= attitude_cut``, repeat patronage when ``repeat >= repeat_cut``:

    ================  ==================  ==================
    attitude \\ repeat  high                low
    ================  ==================  ==================
    high              ``true_loyalty``    ``latent_loyalty``
    low               ``spurious_loyalty`` ``no_loyalty``
    ================  ==================  ==================

    Parameters
    ----------
    scores : pandas.DataFrame
        Columns ``customer_id``, ``attitude`` (a survey score, e.g. 1 to 7) and
        ``repeat`` (e.g. the share of the customer's purchases in the category
        that went to us, 0 to 1).
    attitude_cut, repeat_cut : float
        The cut-offs; a score equal to its cut-off is high.

    Returns
    -------
    pandas.Series
        The type of each customer (one of :data:`LOYALTY_TYPES`), indexed by
        ``customer_id`` in the order of ``scores``.

    Examples
    --------
    >>> s = pd.DataFrame({"customer_id": ["a", "b", "c", "d"], "attitude": [5, 6, 2, 1],
    ...                   "repeat": [0.5, 0.2, 0.8, 0.1]})
    >>> loyalty_type(s).to_dict()
    {'a': 'true_loyalty', 'b': 'latent_loyalty', 'c': 'spurious_loyalty', 'd': 'no_loyalty'}
    """
    high_attitude = (scores["attitude"] >= attitude_cut).to_numpy()
    high_repeat = (scores["repeat"] >= repeat_cut).to_numpy()
    labels = np.select(
        [high_attitude & high_repeat, high_attitude, high_repeat],
        ["true_loyalty", "latent_loyalty", "spurious_loyalty"], "no_loyalty")
    return pd.Series(labels, index=pd.Index(scores["customer_id"], name="customer_id"),
                     name="loyalty", dtype="str")


# ------------------------------------------------------------- frequency, recency and T


def _purchase_days(transactions: pd.DataFrame) -> pd.DataFrame:
    """One row per customer and day with a purchase (quantity > 0): date and amount."""
    missing = [c for c in ("customer_id", "date", "quantity") if c not in transactions]
    if missing:
        raise KeyError(f"transactions is missing column(s) {missing}; "
                       f"it has {list(transactions.columns)}")
    bought = transactions[transactions["quantity"] > 0]
    days = bought.assign(date=pd.to_datetime(bought["date"]).dt.normalize())
    if "amount" not in days:
        days = days.assign(amount=0.0)
    return days.groupby(["customer_id", "date"], as_index=False, sort=True)["amount"].sum()


def frt_table(transactions: pd.DataFrame, calibration_end) -> pd.DataFrame:
    """Frequency, recency and T in weeks per customer, up to ``calibration_end``.

    The graded function of task ch07_q4 (the BG/NBD inputs; see the module's
    conventions). Purchases after ``calibration_end`` (a day, included) are left
    out, and so are customers whose first purchase comes after it.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``customer_id`` (sorted): integer ``frequency``, float
        ``recency`` and ``T`` (weeks). Empty input gives an empty table.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": ["a", "a", "a", "b"],
    ...     "date": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-01-15", "2024-01-08"]),
    ...     "quantity": [1, 2, 1, 1], "amount": [5.0, 9.0, 4.0, 7.0]})
    >>> frt_table(tx, "2024-01-29")
                 frequency  recency    T
    customer_id
    a                    1      2.0  4.0
    b                    0      0.0  3.0
    """
    return summary_data(transactions, calibration_end)[["frequency", "recency", "T"]]


def summary_data(transactions: pd.DataFrame, calibration_end,
                 holdout_end=None) -> pd.DataFrame:
    """The summary the BG/NBD and Gamma-Gamma models need, per customer.

    Parameters
    ----------
    transactions : pandas.DataFrame
        Lines with ``customer_id``, ``date``, ``quantity`` (and ``amount``).
    calibration_end : str or Timestamp
        Last day of the calibration period (included).
    holdout_end : str or Timestamp, optional
        Last day of a holdout period starting the day after ``calibration_end``.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``customer_id`` (sorted), for customers whose first purchase is
        on or before ``calibration_end``: ``frequency``, ``recency``, ``T`` (see
        :func:`frt_table`) and ``monetary`` (mean amount of the repeat
        transactions in the calibration period, 0 without any); with
        ``holdout_end`` also ``frequency_holdout`` (transactions in the holdout)
        and ``duration_holdout`` (its length in weeks).

    Examples
    --------
    >>> from course import load_dataset
    >>> s = summary_data(load_dataset("cdnow_sample"), "1997-09-30", "1998-06-30")
    >>> len(s), int(s["frequency"].sum()), int(s["frequency_holdout"].sum())
    (2357, 2457, 1882)
    """
    end = pd.Timestamp(calibration_end).normalize()
    days = _purchase_days(transactions)
    cal = days[days["date"] <= end]
    columns = {"frequency": "int64", "recency": "float64", "T": "float64",
               "monetary": "float64"}
    if cal.empty:
        out = pd.DataFrame({c: pd.Series(dtype=d) for c, d in columns.items()})
    else:
        grouped = cal.groupby("customer_id", sort=True)
        first, last = grouped["date"].min(), grouped["date"].max()
        total, count = grouped["amount"].sum(), grouped["date"].count()
        first_amount = grouped["amount"].first()  # rows are sorted by date within customer
        repeats = count - 1
        out = pd.DataFrame({
            "frequency": repeats.astype("int64"),
            "recency": (last - first).dt.days / 7.0,
            "T": (end - first).dt.days / 7.0,
            "monetary": ((total - first_amount) / repeats.where(repeats > 0)).fillna(0.0),
        })
    out.index.name = "customer_id"
    if holdout_end is not None:
        stop = pd.Timestamp(holdout_end).normalize()
        hold = days[(days["date"] > end) & (days["date"] <= stop)]
        counts = hold.groupby("customer_id").size()
        out["frequency_holdout"] = counts.reindex(out.index, fill_value=0).astype("int64")
        out["duration_holdout"] = (stop - end).days / 7.0
    return out


def cdnow_summary(transactions: pd.DataFrame | None = None) -> pd.DataFrame:
    """:func:`summary_data` of the CDNOW sample: 39 + 39 weeks from 1997-01-01.

    Examples
    --------
    >>> cdnow_summary()["T"].max().round(3)
    np.float64(38.857)
    """
    if transactions is None:
        from course.data import load_dataset

        transactions = load_dataset("cdnow_sample")
    return summary_data(transactions, CDNOW_CALIBRATION_END, CDNOW_HOLDOUT_END)


# ----------------------------------------------------------------------------- BG/NBD


def _arrays(*columns):
    return [np.asarray(c, dtype="float64") for c in columns]


def bgnbd_loglik(params, frequency, recency, T) -> np.ndarray:
    """Each customer's BG/NBD log-likelihood (Fader, Hardie and Lee 2005, eq. 6).

    ``L = B(a, b + x) / B(a, b) * Gamma(r + x) alpha**r / Gamma(r)
    * [ (alpha + T)**-(r + x) + [x > 0] a / (b + x - 1) * (alpha + t_x)**-(r + x) ]``

    Parameters
    ----------
    params : mapping or sequence
        ``r, alpha, a, b`` (a mapping with those keys, or four numbers in that order).
    frequency, recency, T : array-like
        Repeat transactions, time of the last one since the first, age (weeks).

    Returns
    -------
    numpy.ndarray
        One log-likelihood per customer.

    Examples
    --------
    >>> bgnbd_loglik(PUBLISHED_BGNBD, [0, 2], [0.0, 30.43], [38.86, 38.86]).round(4)
    array([-0.5547, -9.4586])
    """
    r, alpha, a, b = _params(params, BGNBD_PARAMS)
    x, t_x, T = _arrays(frequency, recency, T)
    common = (gammaln(r + x) - gammaln(r) + r * np.log(alpha)
              + betaln(a, b + x) - betaln(a, b))
    alive = -(r + x) * np.log(alpha + T)
    with np.errstate(divide="ignore"):
        dropped = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300))
                           - (r + x) * np.log(alpha + t_x), -np.inf)
    return common + np.logaddexp(alive, dropped)


def _params(params, names) -> tuple[float, ...]:
    if isinstance(params, dict):
        return tuple(float(params[k]) for k in names)
    values = tuple(float(v) for v in params)
    if len(values) != len(names):
        raise ValueError(f"expected {len(names)} parameters {names}, got {len(values)}")
    return values


def _fit(negloglik, start, names) -> dict[str, float]:
    """Minimise a negative mean log-likelihood over the logs of positive parameters."""
    result = minimize(negloglik, np.log(start), method="Nelder-Mead",
                      options={"xatol": 1e-9, "fatol": 1e-12, "maxiter": 20_000,
                               "maxfev": 40_000})
    polished = minimize(negloglik, result.x, method="BFGS", options={"gtol": 1e-10})
    if polished.success or polished.fun <= result.fun:
        result = polished
    return dict(zip(names, (float(v) for v in np.exp(result.x)), strict=True))


def fit_bgnbd(frequency, recency, T) -> dict[str, float]:
    """Fit the BG/NBD model by maximum likelihood (scipy).

    Parameters
    ----------
    frequency, recency, T : array-like
        One value per customer, in ``lifetimes``' conventions (see the module's
        docstring): repeat transactions, time from the first to the last
        transaction, time from the first transaction to the end of calibration.

    Returns
    -------
    dict
        ``r``, ``alpha`` (the gamma distribution of purchase rates), ``a``, ``b``
        (the beta distribution of the drop-out probability after a purchase),
        ``loglik`` (the maximised log-likelihood, summed over customers) and
        ``n`` (the number of customers).

    Examples
    --------
    On the CDNOW 1/10 sample this gives the published estimates:

    >>> s = cdnow_summary()
    >>> fit = fit_bgnbd(s["frequency"], s["recency"], s["T"])
    >>> {k: round(fit[k], 3) for k in BGNBD_PARAMS}
    {'r': 0.243, 'alpha': 4.414, 'a': 0.793, 'b': 2.426}
    >>> round(fit["loglik"], 1)
    -9582.4
    """
    x, t_x, T = _arrays(frequency, recency, T)
    if len(x) == 0:
        raise ValueError("fit_bgnbd needs at least one customer")
    if np.any(x < 0) or np.any(t_x < 0) or np.any(t_x > T + 1e-9):
        raise ValueError("frequency and recency must be 0 or more, and recency at most T")

    def negloglik(logp):
        return -float(np.mean(bgnbd_loglik(np.exp(logp), x, t_x, T)))

    fit = _fit(negloglik, [1.0, max(float(np.mean(T)), 1.0), 1.0, 1.0], BGNBD_PARAMS)
    fit["loglik"] = float(np.sum(bgnbd_loglik(fit, x, t_x, T)))
    fit["n"] = len(x)
    return fit


def p_alive(frequency, recency, T, params) -> np.ndarray:
    """Probability that a customer is still active at the end of calibration (BG/NBD).

    ``1 / (1 + [x > 0] a / (b + x - 1) * ((alpha + T) / (alpha + t_x))**(r + x))``:
    a customer who never came back (x = 0) is assumed alive, since under BG/NBD one
    can only drop out right after a purchase.

    Examples
    --------
    >>> p_alive([0, 2, 2], [0.0, 30.0, 5.0], [30.0, 31.0, 31.0], PUBLISHED_BGNBD).round(3)
    array([1.   , 0.802, 0.181])
    """
    r, alpha, a, b = _params(params, BGNBD_PARAMS)
    x, t_x, T = _arrays(frequency, recency, T)
    ratio = np.where(x > 0, a / np.maximum(b + x - 1, 1e-300)
                     * ((alpha + T) / (alpha + t_x)) ** (r + x), 0.0)
    return 1.0 / (1.0 + ratio)


def expected_purchases(t, params) -> np.ndarray:
    """Expected repeat transactions in ``t`` weeks after the first purchase, E[X(t)].

    ``(a + b - 1) / (a - 1) * [1 - (alpha / (alpha + t))**r
    * 2F1(r, b; a + b - 1; t / (alpha + t))]`` (Fader, Hardie and Lee 2005, eq. 9).

    Examples
    --------
    >>> expected_purchases([1.0, 39.0, 78.0], PUBLISHED_BGNBD).round(3)
    array([0.053, 1.197, 1.861])
    """
    r, alpha, a, b = _params(params, BGNBD_PARAMS)
    t = np.asarray(t, dtype="float64")
    z = t / (alpha + t)
    return (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, z))


def conditional_expected_purchases(t, frequency, recency, T, params) -> np.ndarray:
    """Expected transactions in the next ``t`` weeks, given a customer's history.

    Fader, Hardie and Lee (2005), eq. 10: E[Y(t) | x, t_x, T].

    Examples
    --------
    Fader and Hardie's worked example, 2 repeat purchases, the last at 30.43 weeks, age
    38.86 weeks: 1.226 expected in the next 39 weeks.

    >>> conditional_expected_purchases(39, [2, 0], [30.43, 0.0], [38.86, 38.86],
    ...                                PUBLISHED_BGNBD).round(3)
    array([1.226, 0.195])
    """
    r, alpha, a, b = _params(params, BGNBD_PARAMS)
    x, t_x, T = _arrays(frequency, recency, T)
    t = float(t)
    z = t / (alpha + T + t)
    head = (a + b + x - 1) / (a - 1) * (
        1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z))
    ratio = np.where(x > 0, a / np.maximum(b + x - 1, 1e-300)
                     * ((alpha + T) / (alpha + t_x)) ** (r + x), 0.0)
    return head / (1.0 + ratio)


def holdout_by_frequency(summary: pd.DataFrame, params, top: int = 7) -> pd.DataFrame:
    """Mean holdout transactions per calibration frequency: actual against the model.

    Parameters
    ----------
    summary : pandas.DataFrame
        From :func:`summary_data` with a holdout.
    params : mapping
        BG/NBD parameters.
    top : int, default 7
        Frequencies of ``top`` or more are pooled in one row (labelled ``top``).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``frequency`` 0 to ``top``: ``customers``, ``actual`` and
        ``expected`` (mean transactions per customer in the holdout).

    Examples
    --------
    >>> s = cdnow_summary()
    >>> holdout_by_frequency(s, PUBLISHED_BGNBD).loc[0, "customers"]
    np.int64(1411)
    """
    expected = conditional_expected_purchases(
        summary["duration_holdout"].iloc[0], summary["frequency"], summary["recency"],
        summary["T"], params)
    groups = summary["frequency"].clip(upper=top).rename("frequency")
    table = pd.DataFrame({"actual": summary["frequency_holdout"].astype("float64"),
                          "expected": expected}, index=summary.index)
    out = table.groupby(groups).agg(customers=("actual", "size"), actual=("actual", "mean"),
                                    expected=("expected", "mean"))
    return out.reindex(range(top + 1)).fillna({"customers": 0}).astype({"customers": "int64"})


def weekly_repeat_purchases(transactions: pd.DataFrame, params, start=CDNOW_START,
                            weeks: int = 78) -> pd.DataFrame:
    """Cumulative repeat transactions of a cohort week by week: actual against the model.

    The model's curve adds, for every customer, E[X(t - t_0)] from their first
    purchase ``t_0`` on (:func:`expected_purchases`), as in Fader, Hardie and Lee
    (2005, figure 2).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``week`` 1 to ``weeks``: ``actual``, ``expected`` (cumulative)
        and ``actual_weekly``, ``expected_weekly``.

    Examples
    --------
    >>> from course import load_dataset
    >>> w = weekly_repeat_purchases(load_dataset("cdnow_sample"), PUBLISHED_BGNBD)
    >>> int(w.loc[39, "actual"]), int(w.loc[78, "actual"])
    (2457, 4339)
    """
    days = _purchase_days(transactions)
    start = pd.Timestamp(start)
    days["t"] = (days["date"] - start).dt.days / 7.0
    first = days.groupby("customer_id")["t"].transform("min")
    repeat_t = days.loc[days["t"] > first, "t"].to_numpy()
    week = pd.RangeIndex(1, weeks + 1, name="week")
    ends = week.to_numpy(dtype="float64")
    # a purchase on day d (t = d / 7) falls in week ceil((d + 1) / 7)
    actual = np.searchsorted(np.sort(repeat_t), ends, side="left")
    firsts = days.groupby("customer_id")["t"].min().to_numpy()
    # E[X] of every customer at every week end: cohorts share a few distinct first days
    starts, counts = np.unique(firsts, return_counts=True)
    ages = np.clip(ends[:, None] - starts[None, :], 0.0, None)
    expected = (expected_purchases(ages, params) * counts[None, :]).sum(axis=1)
    out = pd.DataFrame({"actual": actual.astype("int64"), "expected": expected}, index=week)
    out["actual_weekly"] = out["actual"].diff().fillna(out["actual"]).astype("int64")
    out["expected_weekly"] = out["expected"].diff().fillna(out["expected"])
    return out


# ----------------------------------------------------------------------- Gamma-Gamma


def gamma_gamma_loglik(params, frequency, monetary) -> np.ndarray:
    """Each repeat customer's Gamma-Gamma log-likelihood of their mean spend.

    Fader, Hardie and Lee (2005, JMR), with x repeat transactions of mean value
    m: ``log f = lnGamma(px + q) - lnGamma(px) - lnGamma(q) + q ln v + (px - 1) ln m
    + px ln x - (px + q) ln(v + x m)``.

    Examples
    --------
    >>> gamma_gamma_loglik(PUBLISHED_GAMMA_GAMMA, [2], [30.0]).round(4)
    array([-3.847])
    """
    p, q, v = _params(params, GAMMA_GAMMA_PARAMS)
    x, m = _arrays(frequency, monetary)
    px = p * x
    return (gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(v)
            + (px - 1) * np.log(m) + px * np.log(x) - (px + q) * np.log(v + x * m))


def fit_gamma_gamma(frequency, monetary) -> dict[str, float]:
    """Fit the Gamma-Gamma model of spend per transaction (Fader and Hardie).

    Only customers with at least one repeat transaction and a positive mean
    repeat spend carry information; the others are left out.

    Parameters
    ----------
    frequency : array-like
        Repeat transactions in the calibration period.
    monetary : array-like
        Mean value of those repeat transactions.

    Returns
    -------
    dict
        ``p``, ``q``, ``v``, ``loglik`` and ``n`` (customers used).

    Examples
    --------
    >>> s = cdnow_summary()
    >>> fit = fit_gamma_gamma(s["frequency"], s["monetary"])
    >>> {k: round(fit[k], 2) for k in GAMMA_GAMMA_PARAMS}, fit["n"]
    ({'p': 6.25, 'q': 3.74, 'v': 15.44}, 946)
    """
    x, m = _arrays(frequency, monetary)
    keep = (x > 0) & (m > 0)
    x, m = x[keep], m[keep]
    if len(x) == 0:
        raise ValueError("fit_gamma_gamma needs at least one customer with a repeat purchase")

    def negloglik(logp):
        return -float(np.mean(gamma_gamma_loglik(np.exp(logp), x, m)))

    fit = _fit(negloglik, [1.0, 1.0, max(float(np.mean(m)), 1.0)], GAMMA_GAMMA_PARAMS)
    fit["loglik"] = float(np.sum(gamma_gamma_loglik(fit, x, m)))
    fit["n"] = int(len(x))
    return fit


def expected_spend(frequency, monetary, params) -> np.ndarray:
    """Expected value of a customer's future transactions (Gamma-Gamma).

    A weighted mean of the population mean ``p v / (q - 1)`` and the customer's
    own mean ``m``: ``(q - 1) / (p x + q - 1) * p v / (q - 1) + p x / (p x + q - 1) * m``.
    A customer without repeat transactions gets the population mean.

    Examples
    --------
    >>> expected_spend([0, 1, 10], [0.0, 50.0, 50.0], PUBLISHED_GAMMA_GAMMA).round(2)
    array([35.22, 45.49, 49.38])
    """
    p, q, v = _params(params, GAMMA_GAMMA_PARAMS)
    x, m = _arrays(frequency, monetary)
    weight = p * x / (p * x + q - 1)
    return (1 - weight) * p * v / (q - 1) + weight * m
