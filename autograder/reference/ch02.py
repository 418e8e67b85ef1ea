"""Chapter 2 (STP): reference answers, hidden cases, quiz key and demo answers.

The reference functions are written independently of ``course.sims.stp``
(plain loops over rows and exact fractions where ties matter), so a test that
the two agree checks both.

Examples
--------
>>> import pandas as pd
>>> pos = pd.DataFrame({"x": [0, 2, 4]}, index=["p", "q", "r"])
>>> ref_nearest_competitor(pos)["nearest"].tolist()
['q', 'p, r', 'q']
>>> [c.name for c in QUESTIONS["ch02_q1"].cases(0)][:2]
['generated customers', 'a constant column']
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
from course.synthetic.stp import STP_WEIGHTS, stp_data_for_student

TOL = 1e-9

# ---------------------------------------------------------------- reference answers


def ref_standardize(features: pd.DataFrame) -> pd.DataFrame:
    """z-scores with the population standard deviation; a constant column gives 0."""
    out = {}
    for col in features.columns:
        values = [float(v) for v in features[col]]
        n = len(values)
        mean = sum(values) / n if n else 0.0
        sd = math.sqrt(sum((v - mean) ** 2 for v in values) / n) if n else 0.0
        if sd < 1e-12 * max(1.0, abs(mean)):
            out[col] = [0.0] * n
        else:
            out[col] = [(v - mean) / sd for v in values]
    return pd.DataFrame(out, index=features.index, columns=features.columns, dtype="float64")


def ref_nearest_centroid(features: pd.DataFrame, centroids: pd.DataFrame) -> pd.Series:
    """The nearest centroid; a tie (within 1e-9) goes to the centroid listed first."""
    cols = list(centroids.columns)
    labels = []
    for _, row in features[cols].iterrows():
        best, best_d = None, math.inf
        for label, cent in centroids.iterrows():
            d = math.sqrt(sum((float(row[c]) - float(cent[c])) ** 2 for c in cols))
            if d < best_d - TOL:
                best, best_d = label, d
        labels.append(best)
    return pd.Series(labels, index=features.index, name="segment", dtype=object)


def ref_segment_profile(features: pd.DataFrame, labels: pd.Series) -> pd.DataFrame:
    """customers, share and the mean of each feature per segment (labels aligned by index)."""
    members: dict = {}
    for cid in features.index:
        members.setdefault(labels[cid], []).append(cid)
    n = len(features)
    rows = {}
    for seg in sorted(members, key=lambda s: (str(type(s)), s)):
        ids = members[seg]
        row = {"customers": len(ids), "share": len(ids) / n}
        for col in features.columns:
            row[col] = sum(float(features.at[i, col]) for i in ids) / len(ids)
        rows[seg] = row
    out = pd.DataFrame.from_dict(rows, orient="index",
                                 columns=["customers", "share", *features.columns])
    return out.astype({"customers": "int64"})


def ref_attractiveness(ratings: pd.DataFrame, weights) -> pd.DataFrame:
    """Weighted mean rating; rank 1 = best; scores equal to 9 decimals share the min rank."""
    w = {str(k): Fraction(str(v)) for k, v in dict(weights).items()}
    total = sum(w.values())
    exact = {}
    for seg, row in ratings.iterrows():
        exact[seg] = sum(Fraction(str(row[c])) * wc for c, wc in w.items()) / total
    rounded = {seg: round(s, 9) for seg, s in exact.items()}  # the stated tie rule
    ranks = {seg: 1 + sum(1 for other in rounded.values() if other > s)
             for seg, s in rounded.items()}
    out = pd.DataFrame({"score": [float(exact[s]) for s in ratings.index],
                        "rank": [ranks[s] for s in ratings.index]}, index=ratings.index)
    return out.astype({"rank": "int64"})


def ref_nearest_competitor(positions: pd.DataFrame) -> pd.DataFrame:
    """Nearest other brand (all tied ones, sorted, joined by ', ') and its distance."""
    names = [str(b) for b in positions.index]
    pts = [[float(v) for v in row] for row in positions.to_numpy()]
    nearest, dist = [], []
    for i, p in enumerate(pts):
        ds = [(math.dist(p, q), names[j]) for j, q in enumerate(pts) if j != i]
        best = min(d for d, _ in ds)
        nearest.append(", ".join(sorted(n for d, n in ds if d <= best + TOL)))
        dist.append(best)
    return pd.DataFrame({"nearest": nearest, "distance": dist}, index=positions.index)


def ref_my_numbers(student_id: str) -> dict:
    """The numbers of task ch02_q7 on the data of ``student_id``."""
    features, centroids, ratings = stp_data_for_student(student_id)
    labels = ref_nearest_centroid(ref_standardize(features), centroids)
    sizes = labels.value_counts()
    scores = ref_attractiveness(ratings, STP_WEIGHTS)
    top = scores.index[scores["rank"] == 1][0]
    return {"largest_segment": int(sizes.max()),
            "largest_share": float(sizes.max() / len(labels)),
            "top_segment_customers": int((labels == top).sum())}


# ---------------------------------------------------------------- hidden cases


def _customers(rng, n: int, prefix: str = "C") -> pd.DataFrame:
    ids = [f"{prefix}{i:03d}" for i in rng.permutation(n) + 1]
    return pd.DataFrame({
        "visits": np.round(rng.gamma(2.0, 3.0, n), 1),
        "spend": np.round(rng.lognormal(3.2, 0.5, n), 2),
        "online": np.round(rng.uniform(0, 1, n), 2),
    }, index=pd.Index(ids, name="customer_id"))


def cases_standardize(seed) -> list[Case]:
    """Hidden inputs of ch02_q1.

    Examples
    --------
    >>> [c.name for c in cases_standardize("s1")]  # doctest: +NORMALIZE_WHITESPACE
    ['generated customers', 'a constant column', 'one customer', 'negative values',
     'whole numbers', 'rows not numbered 0, 1, 2, ...']
    """
    rng = rng_from_seed(f"{seed}:q1")
    base = _customers(rng, int(rng.integers(25, 40)))
    constant = base.assign(region=float(rng.integers(1, 9)))
    one = base.head(1)
    negative = pd.DataFrame({"profit": np.round(rng.normal(0, 50, 12), 2),
                             "change": np.round(rng.normal(-5, 3, 12), 2)},
                            index=[f"N{i}" for i in range(12)])
    whole = pd.DataFrame({"orders": rng.integers(1, 20, 15), "items": rng.integers(1, 90, 15)},
                         index=[f"W{i}" for i in range(15)])
    shuffled = base.sample(frac=1.0, random_state=int(rng.integers(1000)))
    shuffled.index = pd.Index(rng.permutation(len(shuffled)) * 7 + 100)
    return [
        Case("generated customers", (base,), {}, "three features of 25-40 generated customers"),
        Case("a constant column", (constant,), {},
             "one column has the same value for everyone: its z-scores are all 0, not NaN"),
        Case("one customer", (one,), {},
             "a single customer: no spread in any column, every z-score is 0"),
        Case("negative values", (negative,), {}, "negative values standardise like any others"),
        Case("whole numbers", (whole,), {},
             "integer columns: the result is floats; population standard deviation (ddof=0)"),
        Case("rows not numbered 0, 1, 2, ...", (shuffled,), {},
             "an index of other numbers in another order: the result keeps it"),
    ]


def _centroids(rng, k: int, cols) -> pd.DataFrame:
    labels = ["loyal", "bargain", "premium", "new", "online", "family"][:k]
    return pd.DataFrame(np.round(rng.normal(0, 1.2, (k, len(cols))), 2), columns=list(cols),
                        index=labels)


def cases_nearest_centroid(seed) -> list[Case]:
    """Hidden inputs of ch02_q2: ties between centroids, order of the centroids, extra columns.

    Examples
    --------
    >>> len(cases_nearest_centroid(0))
    6
    """
    rng = rng_from_seed(f"{seed}:q2")
    z = ref_standardize(_customers(rng, int(rng.integers(30, 45))))
    cents = _centroids(rng, 4, z.columns)
    # a tie: centroids at even whole numbers, customers at the exact midpoint and on the
    # perpendicular bisector (equal distances, no rounding); "zeta" is listed first
    a, b = rng.integers(-3, 3, 2), rng.integers(-3, 3, 2)
    while (a == b).all():
        b = rng.integers(-3, 3, 2)
    tie_cents = pd.DataFrame([a * 2, b * 2, [9, 9]], columns=["x", "y"],
                             index=["zeta", "alpha", "far"]).astype(float)
    mid, step = a + b, b - a
    tie_points = pd.DataFrame([mid, mid + [-step[1], step[0]], a * 2, b * 2],
                              columns=["x", "y"], index=["T1", "T2", "T3", "T4"]).astype(float)
    reordered = cents.iloc[rng.permutation(len(cents))]
    while list(reordered.index) in (list(cents.index), sorted(cents.index)):
        reordered = cents.iloc[rng.permutation(len(cents))]
    wide = z.assign(note=rng.integers(0, 100, len(z)).astype(float))
    on_centroid = pd.concat([z.head(5), cents.iloc[[1]].set_axis(["ON"])])
    single = cents.iloc[[2]]
    return [
        Case("generated customers, four centroids", (z, cents), {},
             "z-scores of generated customers, four centroids"),
        Case("a customer equally near two centroids", (tie_points, tie_cents), {},
             "customers at the exact midpoint of two centroids go to the one listed first"),
        Case("centroids not in label order", (z, reordered), {},
             "the centroid table in another row order: labels come from its index"),
        Case("features with an extra column", (wide, cents), {},
             "a feature the centroids do not have is ignored"),
        Case("a customer on a centroid", (on_centroid, cents), {},
             "a customer exactly at a centroid (distance 0) belongs to it"),
        Case("one centroid", (z, single), {}, "a single centroid: everyone belongs to it"),
    ]


def cases_segment_profile(seed) -> list[Case]:
    """Hidden inputs of ch02_q3.

    Examples
    --------
    >>> [c.name for c in cases_segment_profile(0)][-1]
    'one segment'
    """
    rng = rng_from_seed(f"{seed}:q3")
    f = _customers(rng, int(rng.integers(30, 45)))
    labels = ref_nearest_centroid(ref_standardize(f), _centroids(rng, 3, f.columns))
    lone = labels.copy()
    lone.iloc[int(rng.integers(len(lone)))] = "solo"
    shuffled = labels.sample(frac=1.0, random_state=int(rng.integers(1000)))
    numbered = pd.Series(rng.integers(1, 4, len(f)), index=f.index)
    return [
        Case("generated segments", (f, labels), {}, "three segments from nearest centroids"),
        Case("a segment of one customer", (f, lone), {},
             "one segment has a single customer: its means are that customer's values"),
        Case("labels in another row order", (f, shuffled), {},
             "the labels Series lists customers in another order: match by customer id"),
        Case("numbered segments", (f, numbered), {}, "segments labelled 1, 2, 3 (integers)"),
        Case("one segment", (f, pd.Series("all", index=f.index)), {},
             "everyone in one segment: share 1 and the overall means"),
    ]


def _ratings(rng, n: int) -> pd.DataFrame:
    names = ["students", "families", "office", "seniors", "tourists", "gamers", "pet owners",
             "runners"][:n]
    return pd.DataFrame(rng.integers(1, 11, (n, 5)),
                        columns=["size", "growth", "margin", "competition", "fit"], index=names)


def _float_tie(rng) -> tuple[pd.DataFrame, dict]:
    """Two segments whose exact scores are equal but whose float sums differ (retried)."""
    cols = ["size", "growth", "margin"]
    for _ in range(5000):
        w = {c: float(rng.choice([0.1, 0.2, 0.3, 0.7])) for c in cols}
        a, b = rng.integers(1, 11, 3), rng.integers(1, 11, 3)
        exact = [sum(Fraction(int(x)) * Fraction(str(w[c])) for x, c in zip(r, cols,
                                                                             strict=True))
                 for r in (a, b)]
        floats = [sum(float(x) * w[c] for x, c in zip(r, cols, strict=True)) for r in (a, b)]
        if exact[0] == exact[1] and floats[0] != floats[1]:
            others = rng.integers(1, 11, (2, 3))
            table = pd.DataFrame([a, b, *others], columns=cols, index=["P", "Q", "R", "S"])
            return table, w
    raise RuntimeError("no floating-point tie found")  # pragma: no cover


def _score_tie(rng) -> tuple[pd.DataFrame, dict]:
    """Ratings where two segments tie for first (whole-number weights)."""
    while True:
        table = _ratings(rng, 5)
        w = {c: int(rng.integers(1, 4)) for c in table.columns}
        s = table.to_numpy() @ np.array(list(w.values()))
        top = s.max()
        if (s == top).sum() == 1:
            j = int(np.argsort(s)[-2])
            gap = top - s[j]
            col = max(w, key=lambda c: w[c])
            col_i = list(table.columns).index(col)
            if gap % w[col] == 0 and table.iat[j, col_i] + gap // w[col] <= 10:
                table.iat[j, col_i] += gap // w[col]
                return table, w


def cases_attractiveness(seed) -> list[Case]:
    """Hidden inputs of ch02_q4: ties (exact and hidden by floating point), zero weights.

    Examples
    --------
    >>> [c.name for c in cases_attractiveness(0)][1]
    'a tie for first place'
    """
    rng = rng_from_seed(f"{seed}:q4")
    r = _ratings(rng, int(rng.integers(5, 9)))
    w = {c: int(rng.integers(1, 6)) for c in r.columns}
    tie, tie_w = _score_tie(rng)
    ftie, ftie_w = _float_tie(rng)
    zero_w = dict(w) | {"growth": 0}
    shares = {c: v / sum(w.values()) for c, v in w.items()}
    extra = r.assign(region_code=rng.integers(100, 999, len(r)))
    return [
        Case("generated segments", (r, w), {}, "5-8 segments, whole-number weights"),
        Case("a tie for first place", (tie, tie_w), {},
             "two segments with the same score share rank 1; the next rank is 3"),
        Case("a tie hidden by floating point", (ftie, ftie_w), {},
             "equal scores that differ in the 16th digit as floats: still a tie"),
        Case("a zero weight", (r, zero_w), {}, "a criterion with weight 0 does not count"),
        Case("weights that sum to 1", (r, shares), {},
             "the same weights as shares: the same scores and ranks"),
        Case("a column not in the weights", (extra, w), {},
             "a ratings column without a weight is ignored"),
        Case("one segment", (r.head(1), w), {}, "a single segment has rank 1"),
    ]


def cases_nearest_competitor(seed) -> list[Case]:
    """Hidden inputs of ch02_q5: exact ties, shared positions, two brands, three attributes.

    Examples
    --------
    >>> len(cases_nearest_competitor("x"))
    6
    """
    rng = rng_from_seed(f"{seed}:q5")
    names = ["Aurora", "Blaze", "Cedar", "Dune", "Ember", "Fjord", "Grove", "Harbor", "Iris"]
    n = int(rng.integers(6, 10))
    gen = pd.DataFrame({"price": np.round(rng.uniform(1, 10, n), 2),
                        "quality": np.round(rng.uniform(1, 10, n), 2)}, index=names[:n])
    cx, cy, d = int(rng.integers(3, 7)), int(rng.integers(3, 7)), int(rng.integers(1, 3))
    tie = pd.DataFrame({"price": [cx, cx - d, cx + d, cx, 10], "quality": [cy, cy, cy, cy + d, 1]},
                       index=["Mid", "West", "East", "North", "Far"]).astype(float)
    same = gen.copy()
    same.loc["Twin"] = same.iloc[0]
    two = gen.head(2)
    three = gen.assign(service=np.round(rng.uniform(1, 10, n), 2))
    shuffled = tie.sample(frac=1.0, random_state=int(rng.integers(1000)))
    return [
        Case("generated brands", (gen,), {}, "6-9 brands on price and quality"),
        Case("an exact tie", (tie,), {},
             "a brand with three competitors at the same distance: all three, sorted"),
        Case("two brands at the same position", (same,), {},
             "two brands share a position: each is the other's nearest, distance 0"),
        Case("only two brands", (two,), {}, "two brands: each is the other's nearest"),
        Case("three attributes", (three,), {}, "a map on three attributes: the same rule"),
        Case("brands in another order", (shuffled,), {},
             "the same tie in another row order: tied names still sorted"),
    ]


#: The quiz of ch02_q6: item -> letter.
QUIZ_KEY = {"1": "b", "2": "c", "3": "a", "4": "c", "5": "a", "6": "b", "7": "c", "8": "a"}

#: What each quiz item tests, for item analysis.
QUIZ_ITEMS = {
    "1": "effective segment: a segment too small to serve profitably fails 'substantial'",
    "2": "effective segment: a segment no channel can reach fails 'accessible'",
    "3": "effective segment: segments that respond alike fail 'differentiable'",
    "4": "targeting: a small firm with one strength serves one segment (concentrated)",
    "5": "targeting: a uniform commodity early in the life cycle fits undifferentiated marketing",
    "6": "targeting: data on each customer and made-to-order products allow one-to-one",
    "7": "positioning: 'safer than brand X' is positioning against a competitor",
    "8": "k-means: rescaling a feature changes the clusters; standardise before clustering",
}


QUESTIONS: dict[str, Question] = {
    q.qid: q for q in [
        Question("ch02_q1", "standardize", 2, ref_standardize, cases_standardize,
                 lambda e, g: compare_frames(e, g, what="z-score table", index_name=None),
                 edges=("a constant column", "one customer", "negative values",
                        "whole numbers", "rows not numbered 0, 1, 2, ...")),
        Question("ch02_q2", "nearest_centroid", 2, ref_nearest_centroid, cases_nearest_centroid,
                 lambda e, g: compare_series(e, g, what="segment"),
                 edges=("a customer equally near two centroids", "centroids not in label order",
                        "features with an extra column", "a customer on a centroid",
                        "one centroid")),
        Question("ch02_q3", "segment_profile", 2, ref_segment_profile, cases_segment_profile,
                 lambda e, g: compare_frames(e, g, what="profile", index_name=None),
                 edges=("a segment of one customer", "labels in another row order",
                        "numbered segments", "one segment")),
        Question("ch02_q4", "attractiveness", 3, ref_attractiveness, cases_attractiveness,
                 lambda e, g: compare_frames(e, g, what="score table", index_name=None),
                 edges=("a tie for first place", "a tie hidden by floating point",
                        "a zero weight", "weights that sum to 1", "a column not in the weights",
                        "one segment")),
        Question("ch02_q5", "nearest_competitor", 2, ref_nearest_competitor,
                 cases_nearest_competitor,
                 lambda e, g: compare_frames(e, g, what="competitor table", index_name=None),
                 edges=("an exact tie", "two brands at the same position", "only two brands",
                        "three attributes", "brands in another order")),
        quiz_question("ch02_q6", 4, QUIZ_KEY),
        numbers_question("ch02_q7", 2, ref_my_numbers),
    ]
}


# ---------------------------------------------------------------- demo class

#: Answer cells of a partly right and a wrong submission (see autograder.chapterdemo).
DEMO = {
    "partly": {
        # pandas' default std (ddof=1) and NaN for a constant column
        "ch02_q1_answer": (
            "def standardize(features):\n"
            "    return (features - features.mean()) / features.std()\n"),
        # ties broken by row order instead of shared
        "ch02_q4_answer": (
            "def attractiveness(ratings, weights):\n"
            "    w = pd.Series(weights, dtype=float)\n"
            "    score = (ratings[w.index] * w).sum(axis=1) / w.sum()\n"
            "    rank = score.rank(method='first', ascending=False).astype(int)\n"
            "    return pd.DataFrame({'score': score, 'rank': rank})"
            ".sort_values('rank')\n"),
        "ch02_q6_answer": ('quiz_answers = {"1": "b", "2": "c", "3": "a", "4": "a", "5": "c", '
                           '"6": "b", "7": "a", "8": "b"}\n'),
    },
    "wrong": {
        "ch02_q1_answer": "def standardize(features):\n    return features\n",
        "ch02_q2_answer": ("def nearest_centroid(features, centroids):\n"
                           "    return pd.Series('none', index=features.index)\n"),
        "ch02_q3_answer": ("def segment_profile(features, labels):\n"
                           "    return features.groupby(labels).sum()\n"),
        "ch02_q4_answer": ("def attractiveness(ratings, weights):\n"
                           "    score = ratings.sum(axis=1)\n"
                           "    return pd.DataFrame({'score': score, 'rank': 1})\n"),
        "ch02_q5_answer": ("def nearest_competitor(positions):\n"
                           "    return pd.DataFrame({'nearest': positions.index[::-1], "
                           "'distance': 0.0}, index=positions.index)\n"),
        "ch02_q6_answer": ('quiz_answers = {"1": "a", "2": "a", "3": "b", "4": "a", "5": "b", '
                           '"6": "a", "7": "a", "8": "b"}\n'),
        "ch02_q7_answer": ('my_numbers = {"largest_segment": 0, "largest_share": 0.0, '
                           '"top_segment_customers": 0}\n'),
    },
}
