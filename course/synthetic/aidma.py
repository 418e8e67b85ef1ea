"""Event logs of an online shop's campaign, for chapter 3 (the path to purchase).

Each row is one thing a user did: ``view`` (saw a product), ``click`` (opened
it), ``add_to_cart``, ``purchase`` or ``share``, plus some events outside the
funnel (``login``), with a timestamp and the channel it came through
(``display`` ads, ``live`` streams, ``search``, ``social`` posts). Users move
down the funnel at rates that differ by channel, come back on other channels,
view again after buying, and sometimes buy from a direct link without a view
being logged: the untidiness a real log has.

Examples
--------
>>> from course.synthetic.aidma import make_event_log
>>> log = make_event_log(n_users=20, seed="s001")
>>> list(log.columns)
['user_id', 'timestamp', 'event', 'channel']
>>> log.equals(make_event_log(n_users=20, seed="s001"))
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from course.i18n import both
from course.synthetic import graded_student_id, rng_from_seed

__all__ = ["event_log_for_student", "events_from_rows", "make_event_log", "student_events",
           "student_log_size"]

#: Channels and the share of users who first meet the campaign through each.
CHANNEL_MIX = {"display": 0.35, "live": 0.2, "search": 0.2, "social": 0.25}
#: Chance of moving on to click, add to cart, purchase and share, per first channel.
STEP_RATES = {
    "display": (0.25, 0.35, 0.45, 0.10),
    "live": (0.55, 0.50, 0.60, 0.25),
    "search": (0.60, 0.45, 0.55, 0.10),
    "social": (0.40, 0.35, 0.45, 0.30),
}
FUNNEL = ("view", "click", "add_to_cart", "purchase", "share")
#: Number of users in a student's own log.
STUDENT_USERS = (300, 420)


def make_event_log(n_users: int = 300, seed: int | str = 0,
                   start: str = "2025-03-01") -> pd.DataFrame:
    """Generate a campaign's event log.

    Parameters
    ----------
    n_users : int, default 300
        Number of users (ids ``U0001``, ``U0002``, ...).
    seed : int or str, default 0
        Seed of the generator.
    start : str, default "2025-03-01"
        First day of the campaign (first contacts fall in its first two weeks).

    Returns
    -------
    pandas.DataFrame
        Columns ``user_id`` (str), ``timestamp`` (datetime, whole seconds),
        ``event`` and ``channel`` (str), sorted by time. No user has two
        events at the same second.

    Examples
    --------
    >>> log = make_event_log(n_users=200, seed=3)
    >>> sorted(log["event"].unique())
    ['add_to_cart', 'click', 'login', 'purchase', 'share', 'view']
    >>> bool(log["timestamp"].is_monotonic_increasing)
    True
    """
    if n_users < 0:
        raise ValueError(both("err_n_customers", n=n_users))
    rng = rng_from_seed(seed)
    origin = pd.Timestamp(start)
    channels = list(CHANNEL_MIX)
    mix = np.array(list(CHANNEL_MIX.values()))
    rows = []
    for i in range(1, n_users + 1):
        uid = f"U{i:04d}"
        first = channels[int(rng.choice(len(channels), p=mix))]
        rates = STEP_RATES[first]
        reached = 0
        while reached < 4 and rng.random() < rates[reached]:
            reached += 1
        second = rng.integers(0, 14 * 86_400)  # the first touch, seconds into the campaign
        steps = []
        for k in range(reached + 1):
            event = FUNNEL[k]
            # from the add to cart on, some users come back on another channel
            channel = first if k < 2 or rng.random() < 0.7 else channels[
                int(rng.integers(len(channels)))]
            steps.append((event, channel))
            if event == "view" and rng.random() < 0.35:  # viewed again before clicking
                steps.append(("view", channels[int(rng.integers(len(channels)))]))
        if reached >= 3 and rng.random() < 0.15:
            steps.pop(0)  # bought from a direct link: no view logged before the click
        if reached >= 3 and rng.random() < 0.3:
            steps.append(("view", first))  # looked again after buying
        if rng.random() < 0.2:
            steps.insert(0, ("login", channels[int(rng.integers(len(channels)))]))
        for event, channel in steps:
            rows.append((uid, int(second), event, channel))
            second += int(rng.integers(20, 3 * 86_400))
    log = pd.DataFrame(rows, columns=["user_id", "second", "event", "channel"])
    log["timestamp"] = origin + pd.to_timedelta(log.pop("second"), unit="s")
    log = log[["user_id", "timestamp", "event", "channel"]].astype(
        {"user_id": "str", "event": "str", "channel": "str"})
    return log.sort_values(["timestamp", "user_id"], kind="stable").reset_index(drop=True)


def events_from_rows(rows) -> pd.DataFrame:
    """An event log from ``(user_id, timestamp, event, channel)`` rows.

    Examples
    --------
    >>> events_from_rows([("u1", "2025-03-01 09:00", "view", "live")]).dtypes["timestamp"]
    dtype('<M8[us]')
    """
    log = pd.DataFrame(list(rows), columns=["user_id", "timestamp", "event", "channel"])
    log["timestamp"] = pd.to_datetime(log["timestamp"])
    return log.astype({"user_id": "str", "event": "str", "channel": "str"})


def student_log_size(student_id: str) -> int:
    """How many users the log of ``student_id`` has (300 to 420).

    Examples
    --------
    >>> 300 <= student_log_size("s001") <= 420
    True
    """
    low, high = STUDENT_USERS
    return int(rng_from_seed(f"ch03-size:{student_id}").integers(low, high + 1))


def event_log_for_student(student_id: str) -> pd.DataFrame:
    """The chapter-3 event log of one student id, whoever asks for it (the grader does).

    Examples
    --------
    >>> a = event_log_for_student("s001")
    >>> a.equals(event_log_for_student("s001")), a.equals(event_log_for_student("s002"))
    (True, False)
    """
    return make_event_log(n_users=student_log_size(student_id), seed=f"ch03:{student_id}")


def student_events(student_id: str | None = None) -> pd.DataFrame:
    """Your own campaign log for chapter 3's last task, seeded from your student id.

    While grading, the environment variable ``CRM_STUDENT_ID`` (the id of
    the submission) wins over the id typed in the notebook, as for
    :func:`course.synthetic.student_transactions`.

    Raises
    ------
    ValueError
        If no id is given and ``CRM_STUDENT_ID`` is not set.

    Examples
    --------
    >>> import os
    >>> saved = os.environ.pop("CRM_STUDENT_ID", None)
    >>> student_events("s001").equals(event_log_for_student("s001"))
    True
    >>> os.environ["CRM_STUDENT_ID"] = "s002"
    >>> student_events("s001").equals(event_log_for_student("s002"))
    True
    >>> del os.environ["CRM_STUDENT_ID"]
    >>> if saved is not None:
    ...     os.environ["CRM_STUDENT_ID"] = saved
    """
    sid = graded_student_id(student_id)
    return event_log_for_student(sid)
