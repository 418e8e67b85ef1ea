"""Chapter 3, the consumer's path to purchase: AIDMA and AISAS funnels.

Pure functions on pandas objects: no widgets, no plotting, no global state.
The widget in :mod:`course.widgets.aidma` only wires controls to them.

Two kinds of funnel are modelled.

* **A planned funnel** (:func:`stage_counts`): a campaign *reaches* some
  people; each stage keeps a share of the stage before it (the first stage
  keeps a share of the reach). The stages are AIDMA's Attention, Interest,
  Desire, Memory, Action (``AIDMA``) or AISAS's Attention, Interest, Search,
  Action, Share (``AISAS``).
* **An observed funnel** (:func:`furthest_stage`, :func:`channel_funnel`): an
  event log of users with the events ``view, click, add_to_cart, purchase,
  share`` (``EVENTS``, in funnel order), a timestamp and a channel.

Conventions, chosen so that every answer is unique:

* **Counts are whole people, rounded half up, stage by stage.** A stage's
  count is the previous stage's whole count times the stage's rate, rounded
  to the nearest whole number, halves up: ``floor(x + 0.5)``. (Python's
  ``round`` rounds halves to even, so ``round(2.5)`` is 2: not the rule here.)
  A rate of 0 empties that stage and every stage after it.
* **Furthest stage** is the furthest event in funnel order, whatever the
  order in time: a user who bought and then viewed again has reached
  ``purchase``. Events outside the funnel (``login``, say) are ignored.
* **Reached at least.** A funnel counts, at each stage, the users whose
  furthest stage is that stage or a later one, so counts never rise.
* **First-touch channel.** A user belongs to the channel of their earliest
  funnel event; when two channels share that earliest moment, the one first
  in alphabetical order.
* **Bottleneck** is the stage with the largest relative drop from the stage
  before it, ``1 - count / previous count``; a tie goes to the earlier stage
  (it feeds every later one). A stage after an empty stage has no drop. The
  first stage has none either: prepend the reach to count its drop.
* **Cost per action** at a stage is the budget divided by its count; a stage
  nobody reached has none (``NaN``, not infinity).

Examples
--------
>>> rates = pd.Series({"attention": 0.5, "interest": 0.2, "desire": 0.5,
...                    "memory": 0.5, "action": 0.4})
>>> counts = stage_counts(10_000, rates)
>>> counts.tolist()
[5000, 1000, 500, 250, 100]
>>> bottleneck(counts)
'interest'
>>> cost_per_action(counts, 20_000).tolist()
[4.0, 20.0, 40.0, 80.0, 200.0]
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

AIDMA = ("attention", "interest", "desire", "memory", "action")
AISAS = ("attention", "interest", "search", "action", "share")
AIDA = ("attention", "interest", "desire", "action")
PATHS = {"aidma": AIDMA, "aisas": AISAS}
EVENTS = ("view", "click", "add_to_cart", "purchase", "share")
CHANNELS = ("display", "live", "search", "social")
#: Where AIDMA's budget goes when the same plan is run on the AISAS path.
AISAS_OF_AIDMA = {"attention": "attention", "interest": "interest", "desire": "search",
                  "memory": "share", "action": "action"}

#: Illustrative response of each stage to spending (yuan): the rate without spending
#: (``base``), the most spending can reach (``top``), and the spend that closes 63 % of the
#: gap (``scale``). Made-up numbers for teaching, not estimates from any market.
STAGE_PARAMS = pd.DataFrame(
    {"base": [0.35, 0.08, 0.30, 0.50, 0.30, 0.25, 0.05],
     "top": [0.60, 0.45, 0.55, 0.80, 0.60, 0.50, 0.30],
     "scale": [25_000.0, 15_000.0, 15_000.0, 12_000.0, 12_000.0, 12_000.0, 8_000.0]},
    index=pd.Index(["attention", "interest", "desire", "memory", "search", "action", "share"],
                   name="stage"))
#: People a sharer's post reaches (the AISAS path's earned reach per sharer).
REFERRALS = 12


def _check_events(events: pd.DataFrame) -> None:
    if not isinstance(events, pd.DataFrame):
        raise TypeError(f"events must be a pandas DataFrame, got {type(events).__name__}")
    missing = [c for c in ("user_id", "timestamp", "event", "channel") if c not in events]
    if missing:
        raise KeyError(f"events is missing column(s) {missing}; it has {list(events.columns)}")


# ---------------------------------------------------------------- planned funnel


def stage_counts(reach: int, rates: pd.Series) -> pd.Series:
    """People at each stage of a funnel, from the reach and each stage's rate.

    Parameters
    ----------
    reach : int
        People the campaign reaches (0 or more).
    rates : pandas.Series
        One rate per stage, in funnel order, indexed by stage name: the share
        of the previous stage (of the reach, for the first stage) who get to
        this stage, between 0 and 1.

    Returns
    -------
    pandas.Series
        Whole numbers of people (int64), same index as ``rates``, named
        ``count``. Each is ``floor(previous * rate + 0.5)``: rounded half up,
        stage by stage, from the previous stage's whole count.

    Raises
    ------
    ValueError
        If the reach is negative or a rate is outside [0, 1].

    Examples
    --------
    >>> stage_counts(5, pd.Series({"attention": 0.5, "interest": 0.5})).tolist()
    [3, 2]
    >>> stage_counts(1000, pd.Series({"a": 0.3, "b": 0.0, "c": 0.9})).tolist()
    [300, 0, 0]
    """
    if reach < 0:
        raise ValueError(f"reach must be 0 or more, got {reach}")
    values = np.asarray(rates, dtype=float)
    if ((values < 0) | (values > 1) | np.isnan(values)).any():
        raise ValueError(f"every rate must be a share between 0 and 1, got {values.tolist()}")
    counts, previous = [], int(reach)
    for rate in values:
        previous = math.floor(previous * rate + 0.5)
        counts.append(previous)
    return pd.Series(counts, index=rates.index, dtype="int64", name="count")


def stage_drops(counts: pd.Series) -> pd.Series:
    """Relative drop of each stage from the stage before it: ``1 - count / previous``.

    The first stage, and any stage after an empty one, has no drop (NaN).

    Examples
    --------
    >>> stage_drops(pd.Series({"a": 100, "b": 40, "c": 0, "d": 0})).tolist()
    [nan, 0.6, 1.0, nan]
    """
    values = counts.to_numpy(dtype=float)
    previous = np.concatenate([[np.nan], values[:-1]])
    with np.errstate(divide="ignore", invalid="ignore"):
        drops = np.where(previous > 0, 1 - values / previous, np.nan)
    return pd.Series(drops, index=counts.index, name="drop")


def bottleneck(counts: pd.Series) -> str | None:
    """The stage with the largest relative drop from the one before it.

    Parameters
    ----------
    counts : pandas.Series
        People at each stage, in funnel order, indexed by stage name.

    Returns
    -------
    str or None
        The stage's name. A tie goes to the earlier stage. None when no
        stage has a drop (one stage only, or nobody at the first).

    Examples
    --------
    >>> bottleneck(pd.Series({"attention": 800, "interest": 400, "desire": 200}))
    'interest'
    >>> bottleneck(pd.Series({"attention": 0, "interest": 0})) is None
    True
    """
    drops = stage_drops(counts)
    if drops.isna().all():
        return None
    return str(drops.idxmax())  # idxmax skips NaN and returns the first of equal values


def cost_per_action(counts: pd.Series, budget: float) -> pd.Series:
    """The budget divided by the number of people at each stage.

    A stage nobody reached has no cost per action: NaN, not infinity.

    Examples
    --------
    >>> cost_per_action(pd.Series({"view": 400, "click": 50, "purchase": 0}), 1000).tolist()
    [2.5, 20.0, nan]
    """
    values = counts.to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        cpa = np.where(values > 0, float(budget) / values, np.nan)
    return pd.Series(cpa, index=counts.index, name="cost_per_action")


# ---------------------------------------------------------------- observed funnel


def _funnel_events(events: pd.DataFrame) -> pd.DataFrame:
    """The log's funnel events only, with the event's position in the funnel."""
    _check_events(events)
    kept = events[events["event"].isin(EVENTS)]
    rank = kept["event"].map({e: i for i, e in enumerate(EVENTS)}).astype("int64")
    return kept.assign(rank=rank, user_id=kept["user_id"].astype(str))


def furthest_stage(events: pd.DataFrame) -> pd.Series:
    """The furthest funnel event each user reached (in funnel order, not in time).

    Parameters
    ----------
    events : pandas.DataFrame
        Columns ``user_id, timestamp, event, channel``; events other than
        ``view, click, add_to_cart, purchase, share`` are ignored.

    Returns
    -------
    pandas.Series
        Indexed by ``user_id`` (sorted), the event name, named ``stage``.
        Users with no funnel event do not appear.

    Examples
    --------
    >>> log = pd.DataFrame({"user_id": ["u1", "u1", "u2", "u3"],
    ...     "timestamp": pd.to_datetime(["2025-01-01 10:00", "2025-01-02 09:00",
    ...                                  "2025-01-01 11:00", "2025-01-01 12:00"]),
    ...     "event": ["purchase", "view", "click", "login"],
    ...     "channel": ["search", "social", "live", "live"]})
    >>> furthest_stage(log).to_dict()
    {'u1': 'purchase', 'u2': 'click'}
    """
    kept = _funnel_events(events)
    best = kept.groupby("user_id", sort=True)["rank"].max()
    names = np.array(EVENTS, dtype=object)[best.to_numpy(dtype="int64")]
    return pd.Series(names, index=pd.Index(best.index, name="user_id"), name="stage",
                     dtype="str")


def first_channel(events: pd.DataFrame) -> pd.Series:
    """Each user's first-touch channel: that of their earliest funnel event.

    Equal earliest timestamps go to the channel first in alphabetical order.

    Examples
    --------
    >>> log = pd.DataFrame({"user_id": ["u1", "u1", "u1"],
    ...     "timestamp": pd.to_datetime(["2025-01-02", "2025-01-01", "2025-01-01"]),
    ...     "event": ["view", "view", "click"], "channel": ["display", "social", "live"]})
    >>> first_channel(log).to_dict()
    {'u1': 'live'}
    """
    kept = _funnel_events(events)
    ordered = kept.assign(timestamp=pd.to_datetime(kept["timestamp"])).sort_values(
        ["user_id", "timestamp", "channel"], kind="stable")
    first = ordered.groupby("user_id", sort=True)["channel"].first()
    return pd.Series(first.to_numpy(), index=pd.Index(first.index, name="user_id"),
                     name="channel", dtype="str")


def channel_funnel(events: pd.DataFrame) -> pd.DataFrame:
    """Users who reached at least each stage, per first-touch channel.

    Parameters
    ----------
    events : pandas.DataFrame
        Columns ``user_id, timestamp, event, channel``.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``channel`` (sorted; only channels that are some user's
        first touch), integer columns ``view, click, add_to_cart, purchase,
        share``: how many of the channel's users have that stage or a later
        one as their furthest stage.

    Examples
    --------
    >>> log = pd.DataFrame({"user_id": ["a", "a", "b", "c"],
    ...     "timestamp": pd.to_datetime(["2025-01-01 09:00", "2025-01-01 09:05",
    ...                                  "2025-01-01 10:00", "2025-01-02 08:00"]),
    ...     "event": ["view", "purchase", "click", "view"],
    ...     "channel": ["live", "search", "live", "social"]})
    >>> channel_funnel(log)
             view  click  add_to_cart  purchase  share
    channel
    live        2      2            1         1      0
    social      1      0            0         0      0
    """
    stage = furthest_stage(events)
    channel = first_channel(events)
    rank = stage.map({e: i for i, e in enumerate(EVENTS)})
    table = pd.DataFrame({
        event: (rank >= i).groupby(channel).sum().astype("int64")
        for i, event in enumerate(EVENTS)})
    if table.empty:
        table = pd.DataFrame({e: pd.Series(dtype="int64") for e in EVENTS})
    table.index.name = "channel"
    return table.sort_index()


# ---------------------------------------------------------------- the simulation


def stage_rates(spend: pd.Series, params: pd.DataFrame = STAGE_PARAMS) -> pd.Series:
    """Each stage's rate after spending: diminishing returns toward its top rate.

    ``rate = top - (top - base) * exp(-spend / scale)``: the first yuan buys
    the most; every further yuan buys less, and the rate never passes ``top``.

    Examples
    --------
    >>> r = stage_rates(pd.Series({"interest": 0.0, "action": 10_000.0}))
    >>> r.round(3).to_dict()
    {'interest': 0.08, 'action': 0.391}
    """
    p = params.loc[list(spend.index)]
    values = p["top"] - (p["top"] - p["base"]) * np.exp(-spend.to_numpy(dtype=float)
                                                        / p["scale"].to_numpy())
    return pd.Series(values.to_numpy(), index=spend.index, name="rate")


def budget_spend(budget: float, split) -> pd.Series:
    """Split a budget by weights (normalised to shares); all-zero weights spend nothing.

    Examples
    --------
    >>> budget_spend(1000, {"attention": 3, "action": 1}).tolist()
    [750.0, 250.0]
    """
    weights = pd.Series(split, dtype=float)
    if (weights < 0).any():
        raise ValueError(f"budget weights must be 0 or more, got {weights.to_dict()}")
    total = weights.sum()
    shares = weights / total if total > 0 else weights * 0.0
    return (shares * float(budget)).rename("spend")


def simulate_funnel(reach: int, budget: float, split, path: str = "aidma",
                    params: pd.DataFrame = STAGE_PARAMS) -> pd.DataFrame:
    """One campaign on one path: spend, rate, count, drop and cost per action by stage.

    Parameters
    ----------
    reach : int
        People the campaign reaches.
    budget : float
        Total budget (yuan), split between the stages by ``split``.
    split : dict or pandas.Series
        Weight of each stage of the path (normalised to shares).
    path : {"aidma", "aisas"}
        The stages.
    params : pandas.DataFrame
        ``base, top, scale`` per stage (default :data:`STAGE_PARAMS`).

    Returns
    -------
    pandas.DataFrame
        Rows ``reach`` and the path's stages; columns ``spend, rate, count,
        drop, cost_per_action, bottleneck``. The first stage's drop is from the
        reach. ``bottleneck`` is True on the bottleneck of the way to the
        purchase (reach to Action: AISAS's Share comes after the purchase).

    Examples
    --------
    >>> f = simulate_funnel(100_000, 50_000, dict.fromkeys(AIDMA, 1))
    >>> f.index.tolist()
    ['reach', 'attention', 'interest', 'desire', 'memory', 'action']
    >>> int(f.loc["action", "count"]), f.index[f["bottleneck"]].tolist()
    (1243, ['interest'])
    """
    stages = PATHS[path]
    spend = budget_spend(budget, {s: pd.Series(split, dtype=float).get(s, 0.0)
                                  for s in stages})
    rates = stage_rates(spend, params)
    counts = stage_counts(reach, rates)
    with_reach = pd.concat([pd.Series({"reach": int(reach)}, dtype="int64"), counts])
    out = pd.DataFrame({
        "spend": pd.concat([pd.Series({"reach": np.nan}), spend]),
        "rate": pd.concat([pd.Series({"reach": np.nan}), rates]),
        "count": with_reach,
        "drop": stage_drops(with_reach),
        "cost_per_action": cost_per_action(with_reach, budget),
    })
    out["bottleneck"] = out.index == bottleneck(with_reach.loc[:"action"])
    out.index.name = "stage"
    return out


def compare_paths(reach: int, budget: float, split, params: pd.DataFrame = STAGE_PARAMS,
                  referrals: int = REFERRALS) -> pd.DataFrame:
    """The same budget and plan on the AIDMA and the AISAS path.

    ``split`` gives weights by AIDMA stage; on the AISAS path the weight of
    Desire goes to Search and that of Memory to Share (:data:`AISAS_OF_AIDMA`).
    On AISAS each sharer's post reaches ``referrals`` more people, who go
    through the same funnel once more (one wave, no further sharing counted).

    Returns
    -------
    pandas.DataFrame
        Rows ``aidma, aisas``; columns ``purchases`` (first wave),
        ``sharers``, ``earned_reach``, ``earned_purchases``,
        ``total_purchases`` and ``cost_per_purchase`` (NaN with no purchase).

    Examples
    --------
    >>> c = compare_paths(100_000, 50_000, dict.fromkeys(AIDMA, 1))
    >>> c["total_purchases"].to_dict()
    {'aidma': 1243, 'aisas': 2183}
    """
    weights = pd.Series(split, dtype=float)
    aisas_split = {AISAS_OF_AIDMA[s]: weights.get(s, 0.0) for s in AIDMA}
    rows = {}
    for path, plan in (("aidma", dict(weights)), ("aisas", aisas_split)):
        funnel = simulate_funnel(reach, budget, plan, path, params)
        purchases = int(funnel.loc["action", "count"])
        sharers = int(funnel.loc["share", "count"]) if path == "aisas" else 0
        earned = sharers * int(referrals)
        if earned:
            rates = funnel["rate"].drop("reach")
            wave = stage_counts(earned, rates)
            earned_purchases = int(wave["action"])
        else:
            earned_purchases = 0
        total = purchases + earned_purchases
        rows[path] = {"purchases": purchases, "sharers": sharers, "earned_reach": earned,
                      "earned_purchases": earned_purchases, "total_purchases": total,
                      "cost_per_purchase": float(budget) / total if total else np.nan}
    out = pd.DataFrame.from_dict(rows, orient="index")
    return out.astype({c: "int64" for c in out.columns if c != "cost_per_purchase"})
