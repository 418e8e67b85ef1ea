"""Seeded needs surveys for chapter 4 (Maslow's hierarchy of needs).

A survey asks each respondent how well each of the five needs is met for
them today, on a scale from 1 (not at all) to 7 (fully). Respondents belong
to one of three income segments; richer respondents tend to have their lower
needs better met, and on every level some answers are left blank (more often
on the higher, more personal levels).

The numbers are made up, but they are shaped the way such surveys usually
come out: lower levels are met more often than higher ones, yet not for
everyone in the same order (a respondent may feel respected before feeling
safe), which is what the research on the hierarchy finds too.

Examples
--------
>>> from course.synthetic.needs import make_survey
>>> survey = make_survey(n_respondents=4, seed=1)
>>> survey.columns.tolist()
['respondent_id', 'segment', 'physiological', 'safety', 'belonging', 'esteem', \
'self_actualisation']
>>> make_survey(5, seed="s001").equals(make_survey(5, seed="s001"))
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from course.i18n import both
from course.synthetic import graded_student_id, rng_from_seed

__all__ = ["LEVELS", "SCALE", "SEGMENTS", "STUDENT_RESPONDENTS", "make_survey",
           "student_survey", "survey_for_student", "survey_from_rows"]

#: The five levels, from the bottom of the pyramid to the top (Maslow 1943).
LEVELS = ("physiological", "safety", "belonging", "esteem", "self_actualisation")
#: The answer scale: 1 (not met at all) to 7 (fully met).
SCALE = (1, 7)
#: Income segments of the generated surveys, poorest first.
SEGMENTS = ("low_income", "middle_income", "high_income")
#: How many respondents a student's own survey has.
STUDENT_RESPONDENTS = (150, 250)

_PROSPERITY = {"low_income": -1.0, "middle_income": 0.0, "high_income": 1.0}
_SEGMENT_SHARES = (0.35, 0.45, 0.20)


def make_survey(n_respondents: int = 300, seed: int | str = 0, missing_rate: float = 0.02,
                segment_shares: tuple[float, float, float] = _SEGMENT_SHARES) -> pd.DataFrame:
    """Generate a needs survey: one row per respondent, one 1-7 score per level.

    Parameters
    ----------
    n_respondents : int, default 300
        Number of respondents (ids ``R0001``, ``R0002``, ...).
    seed : int or str, default 0
        Seed of the generator (a student id works).
    missing_rate : float, default 0.02
        Chance that the answer on the lowest level is left blank; it rises by
        half of itself on each level up.
    segment_shares : tuple of three floats
        Shares of the low-, middle- and high-income segments.

    Returns
    -------
    pandas.DataFrame
        ``respondent_id``, ``segment`` and the five level columns of
        :data:`LEVELS` (floats from 1 to 7; NaN for a blank answer).

    Examples
    --------
    >>> s = make_survey(200, seed=3)
    >>> float(s[list(LEVELS)].min().min()), float(s[list(LEVELS)].max().max())
    (1.0, 7.0)
    >>> sorted(s["segment"].unique())
    ['high_income', 'low_income', 'middle_income']
    """
    if n_respondents < 0:
        raise ValueError(both("ch04_err_n_respondents", n=n_respondents))
    rng = rng_from_seed(seed)
    shares = np.asarray(segment_shares, dtype=float)
    segments = rng.choice(np.array(SEGMENTS), size=n_respondents, p=shares / shares.sum())
    prosperity = np.array([_PROSPERITY[s] for s in segments]) + rng.normal(0, 0.6,
                                                                           n_respondents)
    # A person's general outlook moves all five answers together a little.
    outlook = rng.normal(0, 0.5, n_respondents)
    columns = {}
    for k, level in enumerate(LEVELS):
        mean = 5.9 - 0.55 * k + (0.95 - 0.1 * k) * prosperity + outlook
        score = np.clip(np.rint(mean + rng.normal(0, 1.15, n_respondents)), *SCALE)
        blank = rng.random(n_respondents) < missing_rate * (1 + 0.5 * k)
        columns[level] = np.where(blank, np.nan, score)
    survey = pd.DataFrame({
        "respondent_id": [f"R{i:04d}" for i in range(1, n_respondents + 1)],
        "segment": segments.astype(str),
        **columns,
    })
    return survey.astype({"respondent_id": str, "segment": str,
                          **dict.fromkeys(LEVELS, "float64")})


def survey_from_rows(rows, segment: str | None = None) -> pd.DataFrame:
    """A survey from ``(respondent_id, segment, p, s, b, e, a)`` rows (None for blank).

    With ``segment`` given, rows are ``(respondent_id, p, s, b, e, a)`` and all
    respondents are in that segment. Handy for small hand-made examples.

    Examples
    --------
    >>> s = survey_from_rows([("A", 6, 3, None, 5, 7)], segment="low_income")
    >>> s["segment"].tolist(), s[list(LEVELS)].to_numpy().tolist()
    (['low_income'], [[6.0, 3.0, nan, 5.0, 7.0]])
    """
    rows = [tuple(r) for r in rows]
    if segment is not None:
        rows = [(r[0], segment, *r[1:]) for r in rows]
    survey = pd.DataFrame(rows, columns=["respondent_id", "segment", *LEVELS])
    survey[list(LEVELS)] = survey[list(LEVELS)].astype("float64")
    return survey.astype({"respondent_id": str, "segment": str})


def student_size(student_id: str) -> int:
    """How many respondents the survey of ``student_id`` has (150 to 250).

    Examples
    --------
    >>> 150 <= student_size("s001") <= 250
    True
    """
    low, high = STUDENT_RESPONDENTS
    return int(rng_from_seed(f"ch04-size:{student_id}").integers(low, high + 1))


def survey_for_student(student_id: str) -> pd.DataFrame:
    """The chapter-4 survey of one student id, whoever asks for it (the grader does).

    Examples
    --------
    >>> a = survey_for_student("s001")
    >>> a.equals(survey_for_student("s001")), a.equals(survey_for_student("s002"))
    (True, False)
    >>> len(a) == student_size("s001")
    True
    """
    return make_survey(n_respondents=student_size(student_id), seed=f"ch04:{student_id}")


def student_survey(student_id: str | None = None) -> pd.DataFrame:
    """Your own needs survey for chapter 4's last task, seeded from your student id.

    As in chapter 5, **the grader's id wins**: while a notebook is graded,
    ``CRM_STUDENT_ID`` holds the id of the submission and is used instead of
    ``student_id``, so the numbers are always checked on the submitting
    student's own survey.

    Parameters
    ----------
    student_id : str, optional
        Your student id; used only when ``CRM_STUDENT_ID`` is not set.

    Returns
    -------
    pandas.DataFrame
        A survey in the shape of :func:`make_survey`.

    Raises
    ------
    ValueError
        If no id is given and ``CRM_STUDENT_ID`` is not set.

    Examples
    --------
    >>> import os
    >>> saved = os.environ.pop("CRM_STUDENT_ID", None)
    >>> student_survey("s001").equals(survey_for_student("s001"))
    True
    >>> os.environ["CRM_STUDENT_ID"] = "s002"
    >>> student_survey("s001").equals(survey_for_student("s002"))
    True
    >>> del os.environ["CRM_STUDENT_ID"]
    >>> student_survey("  ")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: set STUDENT_ID to your student id first, ...
    >>> if saved is not None:
    ...     os.environ["CRM_STUDENT_ID"] = saved
    """
    sid = graded_student_id(student_id)
    return survey_for_student(sid)
