"""Chapter 3 (AIDMA and the path to purchase): reference answers and hidden cases.

The reference functions are written independently of ``course.sims.aidma``
(exact fractions, plain loops over rows), so a test that the two agree checks
both.

Examples
--------
>>> import pandas as pd
>>> ref_stage_counts(5, pd.Series({"attention": 0.5, "interest": 0.5})).tolist()
[3, 2]
>>> ref_bottleneck(pd.Series({"a": 1000, "b": 500, "c": 250, "d": 200}))
'b'
>>> [c.name for c in QUESTIONS["ch03_q1"].cases(0)][:2]
['generated AIDMA campaign', 'AISAS stages']
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pandas as pd

from autograder.reference._cases import (
    Case,
    Question,
    compare_frames,
    compare_series,
    numbers_question,
    quiz_question,
)
from course.synthetic import rng_from_seed
from course.synthetic.aidma import event_log_for_student, events_from_rows, make_event_log

FUNNEL = ("view", "click", "add_to_cart", "purchase", "share")
AIDMA = ("attention", "interest", "desire", "memory", "action")
AISAS = ("attention", "interest", "search", "action", "share")

# ---------------------------------------------------------------- reference answers


def ref_stage_counts(reach: int, rates: pd.Series) -> pd.Series:
    """Whole people, stage by stage, rounded half up, in exact arithmetic."""
    counts, previous = [], int(reach)
    for rate in rates.to_numpy():
        exact = previous * Fraction(str(float(rate)))
        previous = math.floor(exact + Fraction(1, 2))
        counts.append(previous)
    return pd.Series(counts, index=rates.index, dtype="int64")


def ref_furthest_stage(events: pd.DataFrame) -> pd.Series:
    """The furthest funnel event per user, in funnel order; other events ignored."""
    best: dict[str, int] = {}
    for row in events.itertuples(index=False):
        if row.event in FUNNEL:
            uid = str(row.user_id)
            best[uid] = max(best.get(uid, -1), FUNNEL.index(row.event))
    ids = sorted(best)
    return pd.Series([FUNNEL[best[u]] for u in ids], index=pd.Index(ids, name="user_id"),
                     dtype="str")


def ref_channel_funnel(events: pd.DataFrame) -> pd.DataFrame:
    """Users reaching at least each stage, by the channel of their earliest funnel event."""
    first: dict[str, tuple] = {}
    for row in events.itertuples(index=False):
        if row.event not in FUNNEL:
            continue
        uid, key = str(row.user_id), (pd.Timestamp(row.timestamp), str(row.channel))
        if uid not in first or key < first[uid]:
            first[uid] = key
    stage = ref_furthest_stage(events)
    channels = sorted({c for _, c in first.values()})
    table = {e: [0] * len(channels) for e in FUNNEL}
    for uid, (_, channel) in first.items():
        reached = FUNNEL.index(stage[uid])
        for k, event in enumerate(FUNNEL):
            if k <= reached:
                table[event][channels.index(channel)] += 1
    out = pd.DataFrame(table, index=pd.Index(channels, name="channel"), dtype="int64")
    return out


def ref_bottleneck(counts: pd.Series) -> str | None:
    """Largest ``1 - count / previous`` over stages whose previous stage is not empty;
    the earlier stage wins a tie; None when no stage has a drop."""
    values = [int(v) for v in counts.to_numpy()]
    best, best_drop = None, None
    for k in range(1, len(values)):
        if values[k - 1] <= 0:
            continue
        drop = Fraction(values[k - 1] - values[k], values[k - 1])
        if best_drop is None or drop > best_drop:
            best, best_drop = str(counts.index[k]), drop
    return best


def ref_cost_per_action(counts: pd.Series, budget: float) -> pd.Series:
    """Budget / count at each stage; NaN for a stage nobody reached."""
    return pd.Series([float(budget) / int(c) if int(c) > 0 else np.nan
                      for c in counts.to_numpy()], index=counts.index, dtype="float64")


def ref_my_numbers(student_id: str) -> dict:
    """The numbers of task ch03_q7 on the event log of ``student_id``."""
    log = event_log_for_student(student_id)
    stage = ref_furthest_stage(log)
    rank = stage.map(FUNNEL.index)
    buyers = rank >= FUNNEL.index("purchase")
    first = {}
    for row in log.sort_values(["timestamp", "channel"], kind="stable").itertuples(index=False):
        if row.event in FUNNEL and row.user_id not in first:
            first[row.user_id] = row.channel
    live = [u for u in stage.index[buyers] if first[u] == "live"]
    n_buyers = int(buyers.sum())
    sharers = int((rank == FUNNEL.index("share")).sum())
    return {"users": int(len(stage)), "buyers": n_buyers, "live_buyers": len(live),
            "share_rate": sharers / n_buyers if n_buyers else 0.0}


#: The quiz of ch03_q6: item -> letter. Each item asks to place a described ad, message or
#: behaviour in its stage, information source or factor, or to read a funnel.
QUIZ_KEY = {"1": "a", "2": "c", "3": "b", "4": "b", "5": "a", "6": "c", "7": "b", "8": "c"}

#: What each quiz item tests, for item analysis (item -> short description).
QUIZ_ITEMS = {
    "1": "a teaser billboard with only an image and a name works on Attention",
    "2": "'last 3 minutes at this price, click now' in a live stream works on Action",
    "3": "a reminder days after an abandoned cart works on Memory, not Interest",
    "4": "typing the model into a search box and comparing is AISAS's Search",
    "5": "a friend's chat message recommending a product is a personal source",
    "6": "trying a phone in the shop is an experiential source",
    "7": "the bottleneck is the largest relative drop, not the smallest count",
    "8": "buying what colleagues use is a social factor (reference group)",
}

# ---------------------------------------------------------------- hidden cases
#
# Every question's named edge cases (``Question.edges``) are built into every student's
# cases, with that student's own numbers. tests/test_reference_ch03.py checks over many
# seeds that each one is there and really has the property it names.

_EXACT = {0.0, 0.25, 0.5, 0.75, 1.0}


def _risky(reach: int, rates) -> bool:
    """Whether some stage lands exactly on a half with a rate a float cannot hold exactly."""
    previous = int(reach)
    for rate in rates:
        exact = previous * Fraction(str(float(rate)))
        if exact - math.floor(exact) == Fraction(1, 2) and float(rate) not in _EXACT:
            return True
        previous = math.floor(exact + Fraction(1, 2))
    return False


def _rates(rng, stages, low=0.05, high=0.9, reach=None, fixed=None) -> pd.Series:
    """Rates with two decimals (``fixed``: position -> rate), never landing on a float half."""
    for _ in range(500):
        values = np.round(rng.uniform(low, high, len(stages)), 2)
        for position, rate in (fixed or {}).items():
            values[position] = rate
        if reach is None or not _risky(reach, values):
            break
    return pd.Series(values, index=list(stages), dtype="float64")


def _has_half(reach: int, rates: pd.Series) -> bool:
    previous = int(reach)
    for rate in rates.to_numpy():
        exact = previous * Fraction(str(float(rate)))
        if exact - math.floor(exact) == Fraction(1, 2):
            return True
        previous = math.floor(exact + Fraction(1, 2))
    return False


def _rounds_differently(reach: int, rates: pd.Series) -> bool:
    """Stage-by-stage rounding gives another last count than rounding reach x product once."""
    once = math.floor(int(reach) * math.prod(Fraction(str(float(r))) for r in rates)
                      + Fraction(1, 2))
    return int(ref_stage_counts(reach, rates).iloc[-1]) != once


def cases_stage_counts(seed) -> list[Case]:
    """Hidden inputs of ch03_q1.

    Examples
    --------
    >>> len(cases_stage_counts("s001"))
    8
    """
    rng = rng_from_seed(f"{seed}:q1")
    reach = int(rng.integers(5_000, 200_000))
    main = _rates(rng, AIDMA, reach=reach)
    aisas_reach = int(rng.integers(20_000, 90_000))
    aisas = _rates(rng, AISAS, reach=aisas_reach)
    zero = _rates(rng, AIDMA, reach=reach, fixed={int(rng.integers(1, 4)): 0.0})
    one = _rates(rng, AIDMA, reach=reach, fixed={int(rng.integers(0, 5)): 1.0})
    # a half person: an odd reach and a first rate of one half
    odd = 2 * int(rng.integers(500, 5_000)) + 1
    half = _rates(rng, AIDMA, reach=odd, fixed={0: 0.5})
    # stage by stage differs from rounding once at the end (small reach, half rates)
    for _ in range(500):
        small = int(rng.integers(3, 60))
        step = pd.Series(rng.choice([0.25, 0.5, 0.75], 5), index=list(AIDMA))
        if _rounds_differently(small, step):
            break
    else:  # pragma: no cover - a fixed fallback, never reached for the seeds tried
        small, step = 5, pd.Series([0.5, 0.5, 0.5, 0.5, 0.5], index=list(AIDMA))
    single = _rates(rng, ("action",), 0.05, 0.6, reach=reach)
    return [
        Case("generated AIDMA campaign", (reach, main), {},
             "a generated reach and five AIDMA rates"),
        Case("AISAS stages", (aisas_reach, aisas), {},
             "AISAS stage names: the result keeps the rates' index"),
        Case("a rate of zero", (reach, zero), {},
             "a rate of 0 empties that stage and every later one"),
        Case("a rate of one", (reach, one), {}, "a rate of 1 loses nobody at that stage"),
        Case("a half person is rounded up", (odd, half), {},
             "an odd reach times 0.5: the half rounds up (round() would round to even)"),
        Case("rounding stage by stage", (small, step), {},
             "each stage rounds the previous whole count, not reach x product of rates"),
        Case("a reach of zero", (0, main), {}, "nobody reached: every stage is 0"),
        Case("one stage only", (reach, single), {}, "a funnel of a single stage"),
    ]


def _log(rows) -> pd.DataFrame:
    return events_from_rows(rows)


def _stamp(rng, base: pd.Timestamp, hours: float) -> pd.Timestamp:
    return base + pd.Timedelta(seconds=int(hours * 3600) + int(rng.integers(0, 3000)))


def _story_logs(rng) -> dict[str, pd.DataFrame]:
    """Small logs, each built so that one edge case surely holds (ids and times per seed)."""
    base = pd.Timestamp("2025-03-01") + pd.Timedelta(hours=int(rng.integers(0, 200)))
    ids = [f"U{i:03d}" for i in rng.permutation(900)[:12] + 100]
    ch = list(rng.permutation(["display", "live", "search", "social"]))
    a, b, c, d = ids[:4]
    # viewed again after buying: the last event in time is a view
    after = _log([(a, _stamp(rng, base, 0), "view", ch[0]),
                  (a, _stamp(rng, base, 1), "click", ch[0]),
                  (a, _stamp(rng, base, 2), "add_to_cart", ch[0]),
                  (a, _stamp(rng, base, 3), "purchase", ch[1]),
                  (a, _stamp(rng, base, 30), "view", ch[2]),
                  (b, _stamp(rng, base, 5), "view", ch[1]),
                  (b, _stamp(rng, base, 6), "click", ch[1]),
                  (b, _stamp(rng, base, 40), "view", ch[1])])
    # a purchase from a direct link: no view or click logged
    direct = _log([(c, _stamp(rng, base, 0), "add_to_cart", ch[2]),
                   (c, _stamp(rng, base, 1), "purchase", ch[2]),
                   (d, _stamp(rng, base, 2), "purchase", ch[3]),
                   (d, _stamp(rng, base, 3), "share", ch[3]),
                   (a, _stamp(rng, base, 4), "view", ch[0])])
    # events outside the funnel: a log-in (first, on another channel) and a log-in-only user
    login = _log([(a, _stamp(rng, base, 0), "login", ch[3]),
                  (a, _stamp(rng, base, 2), "view", ch[0]),
                  (a, _stamp(rng, base, 3), "click", ch[0]),
                  (b, _stamp(rng, base, 1), "login", ch[1]),
                  (c, _stamp(rng, base, 4), "view", ch[2]),
                  (c, _stamp(rng, base, 9), "login", ch[1])])
    # several channels: the first touch counts, later channels do not
    several = _log([(a, _stamp(rng, base, 0), "view", ch[0]),
                    (a, _stamp(rng, base, 20), "click", ch[1]),
                    (a, _stamp(rng, base, 21), "purchase", ch[1]),
                    (b, _stamp(rng, base, 2), "view", ch[1]),
                    (c, _stamp(rng, base, 3), "view", ch[2]),
                    (c, _stamp(rng, base, 4), "view", ch[0]),
                    (c, _stamp(rng, base, 30), "add_to_cart", ch[0])])
    # two channels at the same first moment: alphabetical order decides
    moment = _stamp(rng, base, 0)
    pair = sorted(ch[:2])
    tie = _log([(a, moment, "view", pair[1]),
                (a, moment, "click", pair[0]),
                (a, _stamp(rng, base, 5), "purchase", pair[1]),
                (b, _stamp(rng, base, 1), "view", pair[1])])
    return {"after": after, "direct": direct, "login": login, "several": several, "tie": tie}


def _shuffled(rng, log: pd.DataFrame) -> pd.DataFrame:
    out = log.sample(frac=1.0, random_state=int(rng.integers(1000)))
    out.index = rng.permutation(len(out)) + 1000
    return out


def _empty_log() -> pd.DataFrame:
    return _log([])


def cases_furthest_stage(seed) -> list[Case]:
    """Hidden inputs of ch03_q2.

    Examples
    --------
    >>> [c.name for c in cases_furthest_stage(0)][:2]
    ['generated campaign log', 'viewed again after buying']
    """
    rng = rng_from_seed(f"{seed}:q2")
    log = make_event_log(n_users=int(rng.integers(40, 80)), seed=f"{seed}:log2")
    story = _story_logs(rng)
    return [
        Case("generated campaign log", (log,), {}, "a generated log of 40 to 80 users"),
        Case("viewed again after buying", (story["after"],), {},
             "the last event in time is a view: the furthest stage is still purchase"),
        Case("a purchase with no view logged", (story["direct"],), {},
             "a direct-link purchase and a share without earlier events logged"),
        Case("events outside the funnel", (story["login"],), {},
             "log-ins are ignored; a user with only a log-in does not appear"),
        Case("rows in any order", (_shuffled(rng, log),), {},
             "the generated log shuffled, with a row index that is not 0, 1, 2, ..."),
        Case("empty log", (_empty_log(),), {}, "no events: an empty Series"),
    ]


def cases_channel_funnel(seed) -> list[Case]:
    """Hidden inputs of ch03_q3.

    Examples
    --------
    >>> len(cases_channel_funnel("s001"))
    8
    """
    rng = rng_from_seed(f"{seed}:q3")
    log = make_event_log(n_users=int(rng.integers(60, 120)), seed=f"{seed}:log3")
    story = _story_logs(rng)
    # a channel where nobody got past the view: its users' later events are dropped
    first = ref_channel_funnel(log)
    quiet = str(rng.choice(first.index.to_numpy()))
    users = set(ref_first_channels(log).loc[lambda s: s == quiet].index)
    # their later events become views: same times and channels, so the same first touch
    later = log["user_id"].isin(users) & log["event"].isin(FUNNEL[1:])
    stuck = log.assign(event=log["event"].where(~later, "view"))
    return [
        Case("generated campaign log", (log,), {}, "a generated log of 60 to 120 users"),
        Case("users on several channels", (story["several"],), {},
             "a user belongs to the channel of the first funnel event only"),
        Case("two channels at the first moment", (story["tie"],), {},
             "equal earliest timestamps: the channel first in alphabetical order"),
        Case("a log-in before the first funnel event", (story["login"],), {},
             "a log-in on another channel does not set the first touch"),
        Case("a purchase with no view logged", (story["direct"],), {},
             "a buyer with no logged view still counts in the view column"),
        Case("a channel where nobody went past the view", (stuck,), {},
             "one channel's users only viewed: zeros in its later columns"),
        Case("rows in any order", (_shuffled(rng, log),), {},
             "the generated log shuffled, timestamps out of order"),
        Case("empty log", (_empty_log(),), {}, "no events: an empty table, five columns"),
    ]


def ref_first_channels(events: pd.DataFrame) -> pd.Series:
    """The first-touch channel of each user (earliest funnel event; ties alphabetical)."""
    first: dict[str, tuple] = {}
    for row in events.itertuples(index=False):
        if row.event in FUNNEL:
            key = (pd.Timestamp(row.timestamp), str(row.channel))
            uid = str(row.user_id)
            if uid not in first or key < first[uid]:
                first[uid] = key
    ids = sorted(first)
    return pd.Series([first[u][1] for u in ids], index=pd.Index(ids, name="user_id"))


def _funnel(rng, stages, low=0.1, high=0.9) -> pd.Series:
    """Counts of a generated funnel whose largest drop is unique."""
    for _ in range(500):
        counts = ref_stage_counts(int(rng.integers(2_000, 100_000)),
                                  _rates(rng, stages, low, high))
        drops = [Fraction(int(counts.iloc[k - 1]) - int(counts.iloc[k]), int(counts.iloc[k - 1]))
                 for k in range(1, len(counts)) if counts.iloc[k - 1] > 0]
        if counts.iloc[-1] > 0 and len(drops) == len(counts) - 1 and drops.count(max(drops)) == 1:
            return counts
    raise RuntimeError("no funnel found")  # pragma: no cover


def cases_bottleneck(seed) -> list[Case]:
    """Hidden inputs of ch03_q4.

    Examples
    --------
    >>> [c.name for c in cases_bottleneck(1)][1]
    'a tie: the earlier stage'
    """
    rng = rng_from_seed(f"{seed}:q4")
    counts = _funnel(rng, AIDMA)
    # a tie: two stages lose the same share, more than any other
    start = int(rng.integers(20, 200)) * 8
    keep = float(rng.choice([0.5, 0.25]))
    gentle = int(rng.integers(80, 95))
    tie = pd.Series([start * 4, int(start * 4 * keep), int(start * 4 * keep * keep),
                     int(start * 4 * keep * keep) * gentle // 100], index=list(AIDA_LIKE))
    emptied = _funnel(rng, AISAS)
    cut = int(rng.integers(2, 5))
    emptied.iloc[cut:] = 0
    early = pd.Series(sorted(rng.integers(10, 100, 4).tolist() + [int(rng.integers(2_000,
                                                                                   9_000))],
                             reverse=True), index=list(AIDMA))
    flat = pd.Series([int(rng.integers(1, 900))] * 4, index=list(AISAS[:4]))
    # a reach so much larger that the first stage's drop (over 97 %) is the largest
    with_reach = pd.concat([pd.Series({"reach": int(counts.iloc[0]) * int(rng.integers(40, 60))}),
                            counts])
    return [
        Case("generated funnel", (counts,), {}, "a generated AIDMA funnel with one largest drop"),
        Case("a tie: the earlier stage", (tie,), {},
             "two stages lose the same largest share: the earlier one is the bottleneck"),
        Case("a stage nobody reached", (emptied,), {},
             "a stage with 0 people: a drop of 100 %; stages after it have no drop"),
        Case("the largest drop comes early", (early,), {},
             "the largest relative drop is not where the count is smallest"),
        Case("no loss at all", (flat,), {},
             "every stage keeps everyone: all drops are 0, the tie rule picks the second"),
        Case("the reach as the first row", (with_reach,), {},
             "a funnel that starts with the reach: the first stage's drop counts too"),
        Case("nobody at the first stage", (pd.Series(0, index=list(AIDMA)),), {},
             "every count is 0: no drop anywhere, the answer is None"),
        Case("one stage only", (pd.Series({"attention": int(rng.integers(1, 999))}),), {},
             "a single stage has no drop: None"),
    ]


AIDA_LIKE = ("attention", "interest", "desire", "action")


def cases_cost_per_action(seed) -> list[Case]:
    """Hidden inputs of ch03_q5.

    Examples
    --------
    >>> len(cases_cost_per_action(0))
    5
    """
    rng = rng_from_seed(f"{seed}:q5")
    counts = _funnel(rng, AIDMA)
    budget = float(rng.integers(10, 500)) * 1000
    emptied = _funnel(rng, AISAS)
    emptied.iloc[int(rng.integers(2, 5)):] = 0
    observed = ref_channel_funnel(make_event_log(n_users=80, seed=f"{seed}:log5")).sum()
    return [
        Case("generated funnel", (counts, budget), {}, "a generated AIDMA funnel and budget"),
        Case("a stage nobody reached", (emptied, budget), {},
             "stages with 0 people have no cost per action: NaN, not infinity"),
        Case("a budget of zero", (counts, 0.0), {}, "nothing spent: every cost is 0"),
        Case("a budget with cents", (counts, budget + float(rng.integers(1, 99)) / 100), {},
             "a budget that is not a whole number of yuan"),
        Case("an observed funnel", (observed, budget / 10), {},
             "the funnel of a generated event log, indexed by event"),
    ]


def compare_label(expected, got) -> tuple[bool, str]:
    """Compare a stage name (or None).

    Examples
    --------
    >>> compare_label("desire", "memory")
    (False, "expected 'desire', got 'memory'")
    >>> compare_label(None, None)
    (True, '')
    """
    if expected is None:
        ok = got is None
    else:
        ok = isinstance(got, str) and got == expected
    return ok, "" if ok else f"expected {expected!r}, got {got!r}"


QUESTIONS: dict[str, Question] = {
    q.qid: q for q in [
        Question("ch03_q1", "stage_counts", 2, ref_stage_counts, cases_stage_counts,
                 lambda e, g: compare_series(e, g, what="count"),
                 edges=("AISAS stages", "a rate of zero", "a rate of one",
                        "a half person is rounded up", "rounding stage by stage",
                        "a reach of zero", "one stage only")),
        Question("ch03_q2", "furthest_stage", 3, ref_furthest_stage, cases_furthest_stage,
                 lambda e, g: compare_series(e, g, what="stage"),
                 edges=("viewed again after buying", "a purchase with no view logged",
                        "events outside the funnel", "rows in any order", "empty log")),
        Question("ch03_q3", "channel_funnel", 3, ref_channel_funnel, cases_channel_funnel,
                 lambda e, g: compare_frames(e, g, what="funnel", index_name="channel"),
                 edges=("users on several channels", "two channels at the first moment",
                        "a log-in before the first funnel event",
                        "a purchase with no view logged",
                        "a channel where nobody went past the view", "rows in any order",
                        "empty log")),
        Question("ch03_q4", "bottleneck", 2, ref_bottleneck, cases_bottleneck, compare_label,
                 edges=("a tie: the earlier stage", "a stage nobody reached",
                        "the largest drop comes early", "no loss at all",
                        "the reach as the first row", "nobody at the first stage",
                        "one stage only")),
        Question("ch03_q5", "cost_per_action", 2, ref_cost_per_action, cases_cost_per_action,
                 lambda e, g: compare_series(e, g, what="cost per action"),
                 edges=("a stage nobody reached", "a budget of zero", "a budget with cents",
                        "an observed funnel")),
        quiz_question("ch03_q6", 4, QUIZ_KEY),
        numbers_question("ch03_q7", 2, ref_my_numbers),
    ]
}

# ---------------------------------------------------------------- the demo class's answers

_WRONG = {
    "ch03_q1_answer": '''def stage_counts(reach, rates):
    return (reach * rates).astype(int)''',
    "ch03_q2_answer": '''def furthest_stage(events):
    return events.groupby("user_id")["event"].first()''',
    "ch03_q3_answer": '''def channel_funnel(events):
    return pd.crosstab(events["channel"], events["event"])''',
    "ch03_q4_answer": '''def bottleneck(counts):
    return counts.index[0]''',
    "ch03_q5_answer": '''def cost_per_action(counts, budget):
    return counts / budget''',
    "ch03_q6_answer": 'quiz_answers = {"1": "b", "2": "a", "3": "a", "4": "a", "5": "b", '
                      '"6": "a", "7": "a", "8": "a"}',
    "ch03_q7_answer": 'my_numbers = {"users": 0, "buyers": 0, "live_buyers": 0, "share_rate": 0.0}',
}

# Takes each user's last event in time: right on tidy logs, wrong when a buyer views again.
LAST_IN_TIME = '''def furthest_stage(events):
    order = ["view", "click", "add_to_cart", "purchase", "share"]
    kept = events[events["event"].isin(order)].sort_values("timestamp")
    return kept.groupby("user_id")["event"].last().astype(str)'''

# Picks the stage with the fewest people instead of the largest relative drop.
SMALLEST_COUNT = '''def bottleneck(counts):
    if len(counts) < 2 or counts.iloc[0] == 0:
        return None
    return str(counts.iloc[1:].idxmin())'''

# Python's round(): halves go to the even number.
ROUND_TO_EVEN = '''def stage_counts(reach, rates):
    counts, previous = [], reach
    for rate in rates:
        previous = round(previous * rate)
        counts.append(previous)
    return pd.Series(counts, index=rates.index)'''

DEMO = {
    "partly": {"ch03_q1_answer": ROUND_TO_EVEN, "ch03_q2_answer": LAST_IN_TIME,
               "ch03_q4_answer": SMALLEST_COUNT,
               "ch03_q6_answer": 'quiz_answers = {"1": "a", "2": "c", "3": "a", "4": "b", '
                                 '"5": "a", "6": "b", "7": "a", "8": "c"}'},
    "wrong": _WRONG,
}
