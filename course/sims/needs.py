"""Chapter 4, Maslow's hierarchy of needs: dominant needs, their distribution, appeals.

Pure functions on pandas tables: no widgets, no plotting, no global state.
The widget in :mod:`course.widgets.needs` only wires controls to them.

A *survey* has one row per respondent: ``respondent_id``, ``segment`` and one
column per level of :data:`LEVELS`, each a score from 1 (the need is not met
at all) to 7 (fully met), or NaN when the respondent left it blank. The
columns may come in any order: the functions always read the levels by
name, in the order of the hierarchy.

Conventions, chosen so that every answer is unique:

* **Met.** A need is met when its score is **at least** ``threshold``
  (default 5): a score equal to the threshold is met.
* **Dominant unmet need (prepotency).** Read the levels from the bottom
  (physiological) up and stop at the first level that is *not met* or
  *blank*:

  - not met: that level is the respondent's dominant need, whatever the
    higher levels say (a met higher level does not matter, nor does a
    higher level with an even lower score, nor a blank higher up);
  - blank: ``"unknown"``: a level below the first unmet one is missing, so
    we cannot tell whether it is the dominant need;
  - all five met: ``"all_met"`` (and only then: a blank anywhere prevents
    it).

* **Distribution by segment.** Shares of each segment's respondents, every
  respondent counted (``"unknown"`` and ``"all_met"`` too), so each row adds
  up to 1, with all seven outcomes of :data:`OUTCOMES` as columns.
* **Reach of an appeal.** An appeal placed on a level reaches the
  respondents whose dominant need is that level; its share is over all
  respondents. Two appeals on one level reach the same people.

Examples
--------
>>> import pandas as pd
>>> from course.synthetic.needs import survey_from_rows
>>> survey = survey_from_rows([
...     ("A", 6, 3, 2, 6, 7),          # safety is the first unmet level
...     ("B", 5, 5, 6, 5, 5),          # 5 counts as met: all met
...     ("C", 6, None, 2, 4, 4),       # safety blank, below the first unmet: unknown
...     ("D", 2, None, None, 7, 7),    # physiological unmet: the blanks above do not matter
... ], segment="low_income")
>>> dominant_need(survey).tolist()
['safety', 'all_met', 'unknown', 'physiological']
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from course.synthetic.needs import LEVELS

__all__ = ["LEVELS", "OUTCOMES", "appeal_reach", "dominant_need", "level_summary",
           "need_distribution"]

#: What :func:`dominant_need` can return: a level, or that all are met, or that we cannot tell.
OUTCOMES = (*LEVELS, "all_met", "unknown")
#: Default score at or above which a need counts as met (on the 1-7 scale).
DEFAULT_THRESHOLD = 5


def _check_survey(survey: pd.DataFrame, extra=()) -> None:
    if not isinstance(survey, pd.DataFrame):
        raise TypeError(f"survey must be a pandas DataFrame, got {type(survey).__name__}")
    missing = [c for c in ("respondent_id", *extra, *LEVELS) if c not in survey.columns]
    if missing:
        raise KeyError(f"survey is missing column(s) {missing}; it has {list(survey.columns)}")


def dominant_need(survey: pd.DataFrame, threshold: float = DEFAULT_THRESHOLD) -> pd.Series:
    """Each respondent's dominant unmet need, by prepotency.

    Parameters
    ----------
    survey : pandas.DataFrame
        ``respondent_id`` and the five level columns (any order; NaN is a
        blank answer).
    threshold : float, default 5
        A need is met when its score is at least ``threshold``.

    Returns
    -------
    pandas.Series
        Indexed by ``respondent_id`` (in the survey's row order), named
        ``dominant_need``: the lowest level that is not met, ``"all_met"``
        when all five are met, or ``"unknown"`` when a blank comes before
        the first unmet level.

    Examples
    --------
    >>> from course.synthetic.needs import survey_from_rows
    >>> s = survey_from_rows([("x", 7, 7, 7, 4, None), ("y", 7, 7, 7, 7, None)], "low_income")
    >>> dominant_need(s).to_dict()
    {'x': 'esteem', 'y': 'unknown'}
    >>> dominant_need(s, threshold=4).to_dict()
    {'x': 'unknown', 'y': 'unknown'}
    """
    _check_survey(survey)
    scores = survey[list(LEVELS)].to_numpy(dtype="float64")
    blank = np.isnan(scores)
    with np.errstate(invalid="ignore"):
        stop = blank | (scores < threshold)
    first = stop.argmax(axis=1)
    rows = np.arange(len(scores))
    labels = np.asarray(LEVELS, dtype=object)[first] if len(scores) else np.array([], object)
    labels = np.where(blank[rows, first], "unknown", labels) if len(scores) else labels
    labels = np.where(stop.any(axis=1), labels, "all_met")
    index = pd.Index(survey["respondent_id"].to_numpy(), name="respondent_id")
    return pd.Series(labels, index=index, name="dominant_need", dtype="str")


def need_distribution(survey: pd.DataFrame, threshold: float = DEFAULT_THRESHOLD,
                      by: str = "segment") -> pd.DataFrame:
    """Share of each group's respondents by dominant need.

    Parameters
    ----------
    survey : pandas.DataFrame
        A survey with ``respondent_id``, the column ``by`` and the five levels.
    threshold : float, default 5
        As in :func:`dominant_need`.
    by : str, default "segment"
        The column that names each respondent's group.

    Returns
    -------
    pandas.DataFrame
        One row per group (sorted, index named after ``by``), one column per
        outcome of :data:`OUTCOMES` in that order (an outcome nobody has is a
        column of zeros); each row adds up to 1. An empty survey gives an
        empty table with the seven columns.

    Examples
    --------
    >>> from course.synthetic.needs import survey_from_rows
    >>> s = survey_from_rows([("a", "low_income", 3, 5, 5, 5, 5),
    ...                       ("b", "low_income", 6, 6, 6, 6, 6),
    ...                       ("c", "high_income", 6, 6, 6, 2, None)])
    >>> need_distribution(s)[["physiological", "esteem", "all_met"]]
                 physiological  esteem  all_met
    segment
    high_income            0.0     1.0      0.0
    low_income             0.5     0.0      0.5
    """
    _check_survey(survey, extra=(by,))
    dominant = dominant_need(survey, threshold)
    groups = pd.Series(survey[by].to_numpy(), index=dominant.index, name=by)
    if dominant.empty:
        empty = pd.DataFrame({o: pd.Series(dtype="float64") for o in OUTCOMES})
        empty.index.name = by
        return empty
    table = pd.crosstab(groups, dominant, normalize="index")
    table = table.reindex(columns=list(OUTCOMES), fill_value=0.0).astype("float64")
    table.columns.name = None
    table.index.name = by
    return table.sort_index()


def appeal_reach(survey: pd.DataFrame, appeals: Mapping[str, str] | pd.Series,
                 threshold: float = DEFAULT_THRESHOLD) -> pd.DataFrame:
    """How many respondents each appeal reaches: those whose dominant need is its level.

    Parameters
    ----------
    survey : pandas.DataFrame
        A survey as in :func:`dominant_need`.
    appeals : dict or pandas.Series
        Appeal name -> the level it speaks to (one of :data:`LEVELS`).
    threshold : float, default 5
        As in :func:`dominant_need`.

    Returns
    -------
    pandas.DataFrame
        Indexed by appeal (index ``appeal``, in the order given), columns
        ``level``, ``customers`` (int: respondents whose dominant need is
        that level) and ``share`` (customers over *all* respondents, 0.0 for
        an empty survey).

    Raises
    ------
    ValueError
        If an appeal is placed on something that is not a level.

    Examples
    --------
    >>> from course.synthetic.needs import survey_from_rows
    >>> s = survey_from_rows([("a", 3, 5, 5, 5, 5), ("b", 6, 2, 6, 6, 6),
    ...                       ("c", 6, 3, 6, 6, 6), ("d", 6, 6, 6, 6, None)], "low_income")
    >>> appeal_reach(s, {"insurance": "safety", "club": "belonging"})
                 level  customers  share
    appeal
    insurance   safety          2    0.5
    club      belonging          0    0.0
    """
    items = list(appeals.items())
    bad = [(name, level) for name, level in items if level not in LEVELS]
    if bad:
        raise ValueError(f"appeals must be placed on one of {list(LEVELS)}; "
                         f"got {bad[:3]}")
    dominant = dominant_need(survey, threshold)
    counts = dominant.value_counts()
    n = len(dominant)
    customers = [int(counts.get(level, 0)) for _, level in items]
    return pd.DataFrame({
        "level": pd.Series([level for _, level in items], dtype="str"),
        "customers": pd.Series(customers, dtype="int64"),
        "share": pd.Series([c / n if n else 0.0 for c in customers], dtype="float64"),
    }).set_axis(pd.Index([str(name) for name, _ in items], name="appeal"), axis=0)


def level_summary(survey: pd.DataFrame, threshold: float = DEFAULT_THRESHOLD) -> pd.DataFrame:
    """Per level: how many answered, the share of them met, and the dominant-need counts.

    The pyramid of the widget. ``met_share`` is over the respondents who
    answered that level; ``dominant`` and ``dominant_share`` count the
    respondents whose dominant need is that level (over all respondents).
    Two more rows, ``all_met`` and ``unknown``, carry only the dominant
    counts.

    Parameters
    ----------
    survey : pandas.DataFrame
        A survey as in :func:`dominant_need`.
    threshold : float, default 5
        As in :func:`dominant_need`.

    Returns
    -------
    pandas.DataFrame
        Indexed by :data:`OUTCOMES`, columns ``answered``, ``met_share``,
        ``dominant``, ``dominant_share``.

    Examples
    --------
    >>> from course.synthetic.needs import survey_from_rows
    >>> s = survey_from_rows([("a", 3, 5, 5, 5, 5), ("b", 6, 2, None, 6, 6)], "low_income")
    >>> level_summary(s).loc[["physiological", "belonging", "all_met"]]
                   answered  met_share  dominant  dominant_share
    physiological       2.0        0.5         1             0.5
    belonging           1.0        1.0         0             0.0
    all_met             NaN        NaN         0             0.0
    """
    dominant = dominant_need(survey, threshold)
    scores = survey[list(LEVELS)].to_numpy(dtype="float64")
    answered = (~np.isnan(scores)).sum(axis=0).astype("float64")
    with np.errstate(invalid="ignore"):
        met = (scores >= threshold).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        met_share = np.where(answered > 0, met / np.where(answered > 0, answered, 1), np.nan)
    codes = {o: k for k, o in enumerate(OUTCOMES)}
    counts = np.bincount([codes[o] for o in dominant.to_numpy()], minlength=len(OUTCOMES))
    n = len(dominant)
    extra = np.full(len(OUTCOMES) - len(LEVELS), np.nan)
    return pd.DataFrame({
        "answered": np.concatenate([answered, extra]),
        "met_share": np.concatenate([met_share, extra]),
        "dominant": counts.astype("int64"),
        "dominant_share": counts / n if n else np.zeros(len(OUTCOMES)),
    }, index=pd.Index(list(OUTCOMES)))
