"""Chapter 4 (Maslow's hierarchy of needs): reference answers and hidden cases.

The reference functions are written independently of ``course.sims`` (plain
loops over the respondents), so a test that the two agree checks both.

Examples
--------
>>> from course.synthetic.needs import survey_from_rows
>>> s = survey_from_rows([("a", 6, None, 2, 6, 6), ("b", 2, 6, None, 6, 6)], "low_income")
>>> ref_dominant_need(s).tolist()
['unknown', 'physiological']
>>> [c.name for c in QUESTIONS["ch04_q1"].cases(0)][:3]
['generated survey, default threshold', 'a score equal to the threshold', 'all five met']
"""

from __future__ import annotations

import math

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
from course.synthetic.needs import LEVELS, SEGMENTS, make_survey, survey_for_student

OUTCOMES = (*LEVELS, "all_met", "unknown")

# ---------------------------------------------------------------- reference answers


def _outcome(scores, threshold: float) -> str:
    for level, score in zip(LEVELS, scores, strict=True):
        if score is None or (isinstance(score, float) and math.isnan(score)):
            return "unknown"
        if float(score) < threshold:
            return level
    return "all_met"


def ref_dominant_need(survey: pd.DataFrame, threshold: float = 5) -> pd.Series:
    """The first level from the bottom that is below ``threshold`` or blank decides."""
    ids, labels = [], []
    for _, row in survey.iterrows():
        ids.append(row["respondent_id"])
        labels.append(_outcome([row[level] for level in LEVELS], threshold))
    return pd.Series(labels, index=pd.Index(ids, name="respondent_id"), dtype="str",
                     name="dominant_need")


def ref_need_distribution(survey: pd.DataFrame, threshold: float = 5) -> pd.DataFrame:
    """Shares of each segment's respondents per outcome; all seven outcomes as columns."""
    outcomes = ref_dominant_need(survey, threshold).tolist()
    counts: dict[str, dict[str, int]] = {}
    for segment, outcome in zip(survey["segment"], outcomes, strict=True):
        counts.setdefault(str(segment), dict.fromkeys(OUTCOMES, 0))[outcome] += 1
    segments = sorted(counts)
    return pd.DataFrame(
        {o: [counts[s][o] / sum(counts[s].values()) for s in segments] for o in OUTCOMES},
        index=pd.Index(segments, name="segment"), dtype="float64")


def ref_appeal_reach(survey: pd.DataFrame, appeals: dict, threshold: float = 5) -> pd.DataFrame:
    """Respondents whose dominant need is each appeal's level; share over all respondents."""
    outcomes = ref_dominant_need(survey, threshold).tolist()
    n = len(outcomes)
    names = list(appeals)
    customers = [sum(1 for o in outcomes if o == appeals[a]) for a in names]
    return pd.DataFrame({
        "level": pd.Series([appeals[a] for a in names], dtype="str"),
        "customers": pd.Series(customers, dtype="int64"),
        "share": pd.Series([c / n if n else 0.0 for c in customers], dtype="float64"),
    }).set_axis(pd.Index(names, name="appeal"), axis=0)


#: The three appeals of task ch04_q5 and the level each speaks to.
MY_APPEALS = {"alarm_share": "safety", "club_share": "belonging",
              "masterclass_share": "self_actualisation"}


def ref_my_numbers(student_id: str) -> dict:
    """The numbers of task ch04_q5 on the survey of ``student_id`` (threshold 5)."""
    survey = survey_for_student(student_id)
    outcomes = ref_dominant_need(survey).tolist()
    n = len(outcomes)
    numbers = {"respondents": n, "unknown": sum(1 for o in outcomes if o == "unknown")}
    for key, level in MY_APPEALS.items():
        numbers[key] = sum(1 for o in outcomes if o == level) / n
    return numbers


#: The quiz of ch04_q4: item -> letter.
QUIZ_KEY = {"1": "b", "2": "a", "3": "c", "4": "b", "5": "a", "6": "b", "7": "c", "8": "a"}

#: What each quiz item tests, for item analysis (item -> short description).
QUIZ_ITEMS = {
    "1": "a purchase: an infant car seat with top crash ratings serves safety",
    "2": "one product, three appeals: crash stars, neighbours notice, your own road",
    "3": "service failure: a problem never grasped leaves the need to be understood unmet",
    "4": "service failure: an unexplained 50-minute queue fails the need for time",
    "5": "service failure: nobody greets a regular who comes in: the need to be welcomed",
    "6": "prepotency: the lowest level below the threshold; a blank higher up does not matter",
    "7": "research: the order is a tendency, not a strict sequence (Wahba-Bridwell, Tay-Diener)",
    "8": "a misread level: an esteem appeal when parents' dominant need is safety",
}

# ---------------------------------------------------------------- hidden cases
#
# Every question's named edge cases (``Question.edges``) are built into every
# student's cases, with that student's own numbers. tests/test_reference_ch04.py
# checks over many seeds that each one is there and really has its property.


def _met(rng, threshold: int) -> float:
    return float(rng.integers(threshold, 8))


def _unmet(rng, threshold: int) -> float:
    return float(rng.integers(1, threshold))


def _any(rng, blank_rate: float = 0.15) -> float:
    return np.nan if rng.random() < blank_rate else float(rng.integers(1, 8))


def row_with(outcome: str, rng, threshold: int = 5) -> list[float]:
    """Five scores whose dominant need (at ``threshold``) is ``outcome``.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> _outcome(row_with("esteem", rng), 5), _outcome(row_with("unknown", rng), 5)
    ('esteem', 'unknown')
    """
    if outcome == "all_met":
        return [_met(rng, threshold) for _ in LEVELS]
    if outcome == "unknown":
        stop = int(rng.integers(0, len(LEVELS)))
        return [_met(rng, threshold) if k < stop else np.nan if k == stop else _any(rng)
                for k in range(len(LEVELS))]
    stop = LEVELS.index(outcome)
    return [_met(rng, threshold) if k < stop else _unmet(rng, threshold) if k == stop
            else _any(rng) for k in range(len(LEVELS))]


def _survey(rows, ids, segments) -> pd.DataFrame:
    table = pd.DataFrame([list(r) for r in rows], columns=list(LEVELS), dtype="float64")
    table.insert(0, "segment", [str(s) for s in segments])
    table.insert(0, "respondent_id", [str(i) for i in ids])
    return table


def _mixed(rng, background: pd.DataFrame, rows, prefix: str) -> pd.DataFrame:
    """``background`` with extra respondents, shuffled so that none sits at the end."""
    extra = _survey(rows, [f"{prefix}{k:02d}" for k in range(1, len(rows) + 1)],
                    rng.choice(np.array(SEGMENTS), len(rows)))
    out = pd.concat([background, extra], ignore_index=True) if len(background) else extra
    return out.sample(frac=1.0, random_state=int(rng.integers(10_000))).reset_index(drop=True)


def _without(rng, outcomes_kept, n: int, threshold: int = 5) -> pd.DataFrame:
    """A survey of ``n`` respondents whose outcomes are drawn from ``outcomes_kept`` only."""
    chosen = rng.choice(np.array(outcomes_kept), n)
    chosen[: len(outcomes_kept)] = outcomes_kept[: n]  # each kept outcome at least once
    rows = [row_with(str(o), rng, threshold) for o in chosen]
    return _survey(rows, [f"W{k:03d}" for k in rng.permutation(n) + 1],
                   rng.choice(np.array(SEGMENTS), n))


def _empty_survey() -> pd.DataFrame:
    return _survey([], [], [])


def _small(seed, tag: str, n: int = 25) -> pd.DataFrame:
    return make_survey(n_respondents=n, seed=f"{seed}:{tag}")


def cases_dominant_need(seed) -> list[Case]:
    """Hidden inputs of ch04_q1: every named edge case on each student's own numbers.

    Examples
    --------
    >>> [c.name for c in cases_dominant_need("s001")][3:5]
    ['a blank below the first unmet level', 'a blank above the first unmet level']
    """
    rng = rng_from_seed(f"{seed}:q1")
    survey = make_survey(n_respondents=int(rng.integers(80, 140)), seed=f"{seed}:survey")
    small = _small(seed, "q1small")
    t = 5
    # a score equal to the threshold on the levels below the first unmet one (> would be wrong)
    k = int(rng.integers(1, 5))
    at_threshold = [[float(t)] * k + [_unmet(rng, t)] + [_any(rng) for _ in range(4 - k)],
                    [float(t)] * 5, [float(t), _met(rng, t), float(t), _unmet(rng, t), _any(rng)]]
    all_met = [row_with("all_met", rng, t) for _ in range(3)] + [[7.0] * 5]
    # a blank below the first unmet level: the answer cannot be known
    below = []
    for _ in range(3):
        blank = int(rng.integers(0, 4))
        unmet = int(rng.integers(blank + 1, 5))
        row = [_met(rng, t) if j < blank else np.nan if j == blank else _met(rng, t)
               for j in range(5)]
        row[unmet] = _unmet(rng, t)
        below.append(row)
    # a blank above the first unmet level: it does not matter
    above = []
    for _ in range(3):
        unmet = int(rng.integers(0, 4))
        blank = int(rng.integers(unmet + 1, 5))
        row = [_met(rng, t) if j < unmet else _unmet(rng, t) if j == unmet else _any(rng, 0)
               for j in range(5)]
        row[blank] = np.nan
        above.append(row)
    # the lowest score is not the dominant need (prepotency, not the weakest level)
    lowest = []
    for _ in range(3):
        first = int(rng.integers(0, 4))
        row = [_met(rng, t) if j < first else float(rng.integers(3, t)) if j == first
               else _any(rng, 0) for j in range(5)]
        row[int(rng.integers(first + 1, 5))] = float(rng.integers(1, 3))
        lowest.append(row)
    # columns in another order (not the hierarchy's), rows shuffled
    order = list(survey.columns)
    while order[2:] == list(LEVELS):
        order = ["respondent_id", "segment", *rng.permutation(list(LEVELS))]
    shuffled_cols = survey[order]
    other_t = int(rng.choice([4, 6]))
    return [
        Case("generated survey, default threshold", (survey,), {},
             "a generated survey of 80-140 respondents; threshold left at 5"),
        Case("a score equal to the threshold", (_mixed(rng, small, at_threshold, "T"),),
             {"threshold": t}, "scores equal to the threshold are met (>=), not unmet"),
        Case("all five met", (_mixed(rng, small, all_met, "M"),), {"threshold": t},
             "respondents who meet all five levels: 'all_met'"),
        Case("a blank below the first unmet level", (_mixed(rng, small, below, "B"),),
             {"threshold": t}, "a blank before the first unmet level: 'unknown'"),
        Case("a blank above the first unmet level", (_mixed(rng, small, above, "A"),),
             {"threshold": t}, "a blank after the first unmet level does not matter"),
        Case("every answer blank", (_mixed(rng, small, [[np.nan] * 5] * 2, "N"),),
             {"threshold": t}, "respondents who answered nothing: 'unknown'"),
        Case("the lowest score is not the dominant need", (_mixed(rng, small, lowest, "L"),),
             {"threshold": t}, "a higher level scores lower than the first unmet one"),
        Case("columns in another order", (shuffled_cols,), {"threshold": t},
             "level columns not in the hierarchy's order: read them by name"),
        Case("another threshold", (survey,), {"threshold": other_t},
             "threshold 4 or 6 instead of 5"),
        Case("empty survey", (_empty_survey(),), {"threshold": t},
             "no respondents: an empty Series"),
    ]


def cases_need_distribution(seed) -> list[Case]:
    """Hidden inputs of ch04_q2: outcomes nobody has, blanks counted, tiny and one-segment groups.

    Examples
    --------
    >>> len(cases_need_distribution("s001"))
    7
    """
    rng = rng_from_seed(f"{seed}:q2")
    survey = make_survey(n_respondents=int(rng.integers(120, 200)), seed=f"{seed}:dist")
    # drop one level (and 'all_met') from the outcomes: their columns must still be there
    absent = str(rng.choice(np.array(LEVELS)))
    kept = [o for o in OUTCOMES if o not in (absent, "all_met")]
    nobody = _without(rng, kept, int(rng.integers(20, 40)))
    # several respondents nobody can tell about, in every segment
    unknown = _mixed(rng, _small(seed, "q2unknown", 30),
                     [row_with("unknown", rng) for _ in range(9)], "U")
    one = survey.copy()
    lone = int(rng.integers(len(one)))
    one.loc[lone, "segment"] = "single_respondent"
    single = survey.assign(segment=str(rng.choice(np.array(SEGMENTS))))
    return [
        Case("generated survey", (survey,), {"threshold": 5},
             "a generated survey of 120-200 respondents in three segments"),
        Case("an outcome nobody has", (nobody,), {"threshold": 5},
             "one level and 'all_met' never occur: their columns are all zeros"),
        Case("blank answers count in the shares", (unknown,), {"threshold": 5},
             "'unknown' respondents are part of each segment's total"),
        Case("a segment of one respondent", (one,), {"threshold": 5},
             "a segment with a single respondent: one share of 1.0"),
        Case("a single segment", (single,), {"threshold": 5},
             "everyone in one segment: a table of one row"),
        Case("another threshold", (survey,), {"threshold": int(rng.choice([4, 6]))},
             "threshold 4 or 6 instead of 5"),
        Case("empty survey", (_empty_survey(),), {"threshold": 5},
             "no respondents: an empty table with the seven columns"),
    ]


def cases_appeal_reach(seed) -> list[Case]:
    """Hidden inputs of ch04_q3: shared levels, a level nobody needs, blanks, no appeals.

    Examples
    --------
    >>> [c.name for c in cases_appeal_reach(0)][-2:]
    ['no appeals', 'empty survey']
    """
    rng = rng_from_seed(f"{seed}:q3")
    survey = make_survey(n_respondents=int(rng.integers(100, 180)), seed=f"{seed}:reach")
    names = ["meal", "insurance", "club", "black card", "course"]
    order = rng.permutation(len(LEVELS))
    one_each = {names[i]: LEVELS[i] for i in order}
    shared_level = str(rng.choice(np.array(LEVELS[:4])))
    shared = {"ad A": shared_level, "ad B": str(rng.choice(np.array(LEVELS))),
              "ad C": shared_level}
    absent = str(rng.choice(np.array(LEVELS)))
    nobody = _without(rng, [o for o in OUTCOMES if o != absent], int(rng.integers(20, 40)))
    present = str(rng.choice(np.array([lv for lv in LEVELS if lv != absent])))
    blanks = _mixed(rng, _small(seed, "q3blank", 30),
                    [row_with("unknown", rng) for _ in range(8)], "U")
    return [
        Case("generated survey, one appeal per level", (survey, one_each), {"threshold": 5},
             "a generated survey; five appeals, one on each level, in shuffled order"),
        Case("two appeals on one level", (survey, shared), {"threshold": 5},
             "two appeals on the same level reach the same respondents"),
        Case("a level nobody has as dominant need", (nobody, {"niche": absent,
                                                             "mass": present}),
             {"threshold": 5}, "an appeal on a level nobody needs reaches 0"),
        Case("blank answers count in the denominator", (blanks, one_each), {"threshold": 5},
             "shares are over all respondents, 'unknown' ones included"),
        Case("another threshold", (survey, one_each), {"threshold": int(rng.choice([4, 6]))},
             "threshold 4 or 6 instead of 5"),
        Case("no appeals", (survey, {}), {"threshold": 5},
             "no appeals: an empty table with the three columns"),
        Case("empty survey", (_empty_survey(), {"meal": "physiological"}), {"threshold": 5},
             "no respondents: every appeal reaches 0, share 0.0"),
    ]


QUESTIONS: dict[str, Question] = {
    q.qid: q for q in [
        Question("ch04_q1", "dominant_need", 3, ref_dominant_need, cases_dominant_need,
                 lambda e, g: compare_series(e, g, what="dominant need"),
                 edges=("a score equal to the threshold", "all five met",
                        "a blank below the first unmet level",
                        "a blank above the first unmet level", "every answer blank",
                        "the lowest score is not the dominant need",
                        "columns in another order", "another threshold", "empty survey")),
        Question("ch04_q2", "need_distribution", 2, ref_need_distribution,
                 cases_need_distribution,
                 lambda e, g: compare_frames(e, g, what="distribution", index_name="segment"),
                 edges=("an outcome nobody has", "blank answers count in the shares",
                        "a segment of one respondent", "a single segment",
                        "another threshold", "empty survey")),
        Question("ch04_q3", "appeal_reach", 2, ref_appeal_reach, cases_appeal_reach,
                 lambda e, g: compare_frames(e, g, what="reach table", index_name="appeal"),
                 edges=("two appeals on one level", "a level nobody has as dominant need",
                        "blank answers count in the denominator", "another threshold",
                        "no appeals", "empty survey")),
        quiz_question("ch04_q4", 4, QUIZ_KEY),
        numbers_question("ch04_q5", 3, ref_my_numbers),
    ]
}

# ---------------------------------------------------------------- demo class

_PARTLY_Q3 = '''def appeal_reach(survey, appeals, threshold=5):
    """Share over the respondents we can tell about (wrong: blanks leave the denominator)."""
    dominant = dominant_need(survey, threshold)
    counts = dominant.value_counts()
    known = int((dominant != "unknown").sum())
    rows = [(name, level, int(counts.get(level, 0))) for name, level in appeals.items()]
    return pd.DataFrame({
        "level": [r[1] for r in rows],
        "customers": [r[2] for r in rows],
        "share": [r[2] / known if known else 0.0 for r in rows],
    }, index=pd.Index([r[0] for r in rows], name="appeal"))
'''

_WRONG_Q1 = '''def dominant_need(survey, threshold=5):
    """The level with the lowest score (wrong: that is not prepotency)."""
    levels = ["physiological", "safety", "belonging", "esteem", "self_actualisation"]
    scores = survey[levels].fillna(7)
    return pd.Series(scores.idxmin(axis=1).to_numpy(), index=survey["respondent_id"])
'''

_WRONG_Q2 = '''def need_distribution(survey, threshold=5):
    """Counts instead of shares, and only the outcomes that occur (wrong)."""
    return pd.crosstab(survey["segment"].to_numpy(), dominant_need(survey, threshold).to_numpy())
'''

_WRONG_Q3 = '''def appeal_reach(survey, appeals, threshold=5):
    """Everyone below the threshold on the appeal's level (wrong: ignores prepotency)."""
    rows = []
    for name, level in appeals.items():
        reached = int((survey[level] < threshold).sum())
        rows.append((name, level, reached, reached / max(len(survey), 1)))
    return pd.DataFrame(rows, columns=["appeal", "level", "customers", "share"]).set_index("appeal")
'''

#: Answer-cell sources of the demo class's partly right and wrong submissions.
DEMO = {
    "partly": {
        "ch04_q3_answer": _PARTLY_Q3,
        "ch04_q4_answer": 'quiz_answers = {"1": "b", "2": "a", "3": "c", "4": "b", "5": "b", '
                          '"6": "a", "7": "a", "8": "a"}\n',
    },
    "wrong": {
        "ch04_q1_answer": _WRONG_Q1,
        "ch04_q2_answer": _WRONG_Q2,
        "ch04_q3_answer": _WRONG_Q3,
        "ch04_q4_answer": 'quiz_answers = {"1": "a", "2": "b", "3": "a", "4": "c", "5": "c", '
                          '"6": "a", "7": "a", "8": "b"}\n',
        "ch04_q5_answer": 'my_numbers = {"respondents": 1, "unknown": 0, "alarm_share": 0.0, '
                          '"club_share": 0.0, "masterclass_share": 0.0}\n',
    },
}
