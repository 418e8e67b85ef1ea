"""Chapter 2's generated data: each student's own customers, centroids and ratings.

:func:`student_stp_data` gives every student, from their id, a small customer
base of a bubble-tea shop chain (three behavioural features), the centroids of
three segments in z-score units, and the planning team's ratings of the three
segments on the five attractiveness criteria. During grading ``CRM_STUDENT_ID``
wins over the typed id, as for :func:`course.synthetic.student_transactions`.

Examples
--------
>>> import os
>>> saved = os.environ.pop("CRM_STUDENT_ID", None)
>>> features, centroids, ratings = student_stp_data("s001")
>>> list(features.columns), list(centroids.index), list(ratings.columns)
(['visits', 'spend', 'online'], ['A', 'B', 'C'], ['size', 'growth', 'margin', 'competition', 'fit'])
>>> features.equals(student_stp_data("s001")[0])
True
>>> if saved is not None:
...     os.environ["CRM_STUDENT_ID"] = saved
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from course.synthetic import graded_student_id, rng_from_seed

#: Features of a student's customers: visits a month, mean spend per visit (yuan), share of
#: orders placed online (0 to 1).
STP_FEATURES = ("visits", "spend", "online")
#: The criteria a student's segments are rated on (as :data:`course.sims.stp.CRITERIA`).
STP_CRITERIA = ("size", "growth", "margin", "competition", "fit")
#: The weights the graded task uses with the student's ratings.
STP_WEIGHTS = {"size": 3, "growth": 2, "margin": 2, "competition": 1, "fit": 2}

# three kinds of customer: regulars (often, little, in the shop), treat buyers
# (rarely, a lot), app users (often, medium, online)
_PROFILES = {"A": (12.0, 18.0, 0.15), "B": (2.5, 45.0, 0.25), "C": (8.0, 28.0, 0.85)}
_SPREAD = (2.0, 5.0, 0.08)


def _zscores(values: pd.DataFrame) -> pd.DataFrame:
    std = values.std(ddof=0).replace(0, 1.0)
    return (values - values.mean()) / std


def stp_data_for_student(student_id: str, n_customers: int | None = None):
    """The chapter 2 data of ``student_id`` (no environment lookup).

    Parameters
    ----------
    student_id : str
        The seed.
    n_customers : int, optional
        Default: 60 to 100, depending on the id.

    Returns
    -------
    tuple of pandas.DataFrame
        ``(features, centroids, ratings)``: customers x :data:`STP_FEATURES`
        (index ``K001``...); segments ``A, B, C`` x features in z-score units
        (rounded to 2 decimals); segments x :data:`STP_CRITERIA`, whole
        ratings 1 to 10, chosen so that the weighted scores with
        :data:`STP_WEIGHTS` have no tie for first place.

    Examples
    --------
    >>> f, c, r = stp_data_for_student("s002")
    >>> 60 <= len(f) <= 100, c.shape, r.shape
    (True, (3, 3), (3, 5))
    """
    rng = rng_from_seed(f"{student_id}:ch02")
    n = int(rng.integers(60, 101)) if n_customers is None else int(n_customers)
    shares = rng.dirichlet((4.0, 3.0, 3.0))
    groups = rng.choice(list(_PROFILES), size=n, p=shares)
    rows = []
    for g in groups:
        mean = _PROFILES[g]
        rows.append((max(0.5, rng.normal(mean[0], _SPREAD[0])),
                     max(5.0, rng.normal(mean[1], _SPREAD[1])),
                     float(np.clip(rng.normal(mean[2], _SPREAD[2]), 0.0, 1.0))))
    features = pd.DataFrame(rows, columns=list(STP_FEATURES),
                            index=pd.Index([f"K{i:03d}" for i in range(1, n + 1)],
                                           name="customer_id")).round({"visits": 1,
                                                                       "spend": 1,
                                                                       "online": 2})
    z = _zscores(features)
    centroids = z.groupby(groups).mean().reindex(list(_PROFILES)).round(2)
    centroids = centroids.fillna(0.0)
    centroids.index.name = "segment"
    weights = np.array([STP_WEIGHTS[c] for c in STP_CRITERIA], dtype=float)
    while True:
        ratings = rng.integers(1, 11, size=(3, len(STP_CRITERIA)))
        scores = ratings @ weights
        if (scores == scores.max()).sum() == 1:
            break
    ratings = pd.DataFrame(ratings, columns=list(STP_CRITERIA),
                           index=pd.Index(list(_PROFILES), name="segment"))
    return features, centroids, ratings


def student_stp_data(student_id: str | None = None):
    """Your own chapter 2 data, seeded from your student id.

    While grading, ``CRM_STUDENT_ID`` (the submission's id) is used instead of
    ``student_id``.

    Returns
    -------
    tuple of pandas.DataFrame
        ``(features, centroids, ratings)``, see :func:`stp_data_for_student`.

    Raises
    ------
    ValueError
        If no id is given and ``CRM_STUDENT_ID`` is not set.

    Examples
    --------
    >>> import os
    >>> saved = os.environ.pop("CRM_STUDENT_ID", None)
    >>> student_stp_data("")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: set STUDENT_ID to your student id first, ...
    >>> if saved is not None:
    ...     os.environ["CRM_STUDENT_ID"] = saved
    """
    sid = graded_student_id(student_id)
    return stp_data_for_student(sid)
