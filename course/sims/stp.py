"""Chapter 2, STP: segmentation, targeting and positioning.

Pure functions on pandas tables: no widgets, no plotting, no global state.
The widgets in :mod:`course.widgets.stp` only wire controls to these
functions.

Conventions, chosen so that every answer is unique and order-independent:

* **z-scores** (:func:`standardize`): ``(x - mean) / std`` per column with
  the *population* standard deviation (``ddof=0``, what scikit-learn's
  ``StandardScaler`` uses; pandas' ``.std()`` defaults to ``ddof=1``). A
  constant column has no spread: all its z-scores are ``0.0``, never NaN.
* **Nearest centroid** (:func:`nearest_centroid`): Euclidean distance over
  the centroids' columns; when a customer is equally near two centroids
  (within ``1e-9``), the centroid listed *first* in the centroid table wins.
* **Segment profile** (:func:`segment_profile`): one row per segment that has
  customers, sorted by label, with ``customers``, ``share`` and the mean of
  every feature.
* **Attractiveness** (:func:`attractiveness`): the weighted mean of the
  ratings, ``sum(w * rating) / sum(w)``, over the criteria named in the
  weights; rank 1 is the most attractive and **equal scores share a rank**
  (the smallest, ``method="min"``), scores being compared after rounding to
  9 decimals so that floating-point noise never breaks a tie.
* **Nearest competitor** (:func:`nearest_competitor`): Euclidean distance on
  the map's attributes; when several brands are equally near (within
  ``1e-9``), all of them are named, sorted and joined by ``", "``.

Examples
--------
>>> import pandas as pd
>>> standardize(pd.DataFrame({"spend": [10.0, 20.0, 30.0], "visits": [4, 4, 4]}))
      spend  visits
0 -1.224745     0.0
1  0.000000     0.0
2  1.224745     0.0
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import pairwise_distances, silhouette_score
from threadpoolctl import threadpool_limits

#: Features :func:`customer_features` builds for every customer.
SEGMENT_FEATURES = ("recency", "frequency", "monetary", "basket", "products", "domestic")
#: Features that are skewed (counts and money) and get ``log1p`` before clustering.
SKEWED_FEATURES = ("recency", "frequency", "monetary", "basket", "products")
#: Criteria of segment attractiveness (every rating: higher is more attractive).
CRITERIA = ("size", "growth", "margin", "competition", "fit")
#: Attributes of the car brands' perceptual map (ratings 1 to 10).
CAR_ATTRIBUTES = ("prestige", "handling", "economy", "safety")
#: Equal within this: distances and scores closer than it are a tie.
TIE_TOL = 1e-9


def _check_frame(df, name: str) -> None:
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, got {type(df).__name__}")


# ---------------------------------------------------------------- graded functions


def standardize(features: pd.DataFrame) -> pd.DataFrame:
    """Turn every column into z-scores; a constant column becomes all zeros.

    Parameters
    ----------
    features : pandas.DataFrame
        Numeric columns, one row per customer.

    Returns
    -------
    pandas.DataFrame
        Same index and columns, floats: ``(x - mean) / std`` with the
        population standard deviation (``ddof=0``). A column whose values are
        all equal (standard deviation 0) gives ``0.0`` everywhere.

    Examples
    --------
    >>> z = standardize(pd.DataFrame({"a": [1.0, 3.0], "b": [5, 5]}, index=["x", "y"]))
    >>> z.to_dict("index")
    {'x': {'a': -1.0, 'b': 0.0}, 'y': {'a': 1.0, 'b': 0.0}}
    """
    _check_frame(features, "features")
    values = features.astype("float64")
    mean = values.mean()
    std = values.std(ddof=0)
    # a constant column (up to floating-point noise in its mean) has no spread
    spread = std > 1e-12 * mean.abs().clip(lower=1.0)
    out = (values - mean) / std.where(spread, 1.0)
    out.loc[:, ~spread.to_numpy()] = 0.0
    return out


def _distances(points: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """Euclidean distances, points x centres."""
    diff = points[:, None, :] - centres[None, :, :]
    return np.sqrt((diff ** 2).sum(axis=2))


def nearest_centroid(features: pd.DataFrame, centroids: pd.DataFrame) -> pd.Series:
    """Assign every customer to the nearest centroid (Euclidean distance).

    Parameters
    ----------
    features : pandas.DataFrame
        One row per customer; it must hold every column of ``centroids``
        (other columns are ignored).
    centroids : pandas.DataFrame
        One row per segment, indexed by the segment's label.

    Returns
    -------
    pandas.Series
        The label of the nearest centroid, named ``"segment"``, with the index
        of ``features``. A customer equally near two centroids (within
        ``1e-9``) goes to the one listed first in ``centroids``.

    Examples
    --------
    >>> cents = pd.DataFrame({"x": [0.0, 10.0]}, index=["low", "high"])
    >>> nearest_centroid(pd.DataFrame({"x": [1.0, 9.0, 5.0]}, index=["a", "b", "c"]),
    ...                  cents).tolist()
    ['low', 'high', 'low']
    """
    _check_frame(features, "features")
    _check_frame(centroids, "centroids")
    missing = [c for c in centroids.columns if c not in features.columns]
    if missing:
        raise KeyError(f"features lack the centroid column(s) {missing}")
    if centroids.empty:
        raise ValueError("centroids has no rows: there is no segment to assign to")
    cols = list(centroids.columns)
    dist = _distances(features[cols].to_numpy(dtype=float), centroids.to_numpy(dtype=float))
    if len(features) == 0:
        return pd.Series([], index=features.index, name="segment", dtype=object)
    best = dist.min(axis=1, keepdims=True)
    first = np.argmax(dist <= best + TIE_TOL, axis=1)  # the first centroid within the tie
    return pd.Series(centroids.index.to_numpy()[first], index=features.index, name="segment")


def segment_profile(features: pd.DataFrame, labels: pd.Series) -> pd.DataFrame:
    """Size, share and the mean of every feature for each segment.

    Parameters
    ----------
    features : pandas.DataFrame
        Numeric columns, one row per customer.
    labels : pandas.Series
        The segment of every customer, with the same index as ``features``.

    Returns
    -------
    pandas.DataFrame
        One row per segment that has customers, sorted by label, with
        ``customers`` (int), ``share`` (of all customers) and the mean of each
        column of ``features``, in that order.

    Examples
    --------
    >>> f = pd.DataFrame({"spend": [10.0, 30.0, 50.0]}, index=["a", "b", "c"])
    >>> segment_profile(f, pd.Series(["B", "A", "B"], index=["a", "b", "c"]))
       customers     share  spend
    A          1  0.333333   30.0
    B          2  0.666667   30.0
    """
    _check_frame(features, "features")
    if not isinstance(labels, pd.Series):
        raise TypeError(f"labels must be a pandas Series, got {type(labels).__name__}")
    aligned = labels.reindex(features.index)
    grouped = features.astype("float64").groupby(aligned.to_numpy(), sort=True)
    means = grouped.mean()
    sizes = grouped.size()
    out = pd.DataFrame({"customers": sizes.astype("int64"),
                        "share": sizes / max(len(features), 1)})
    out = out.join(means)
    out.index.name = None
    return out


def attractiveness(ratings: pd.DataFrame, weights) -> pd.DataFrame:
    """Weighted attractiveness score and rank of each segment.

    Parameters
    ----------
    ratings : pandas.DataFrame
        One row per segment (the index names it), one column per criterion;
        a higher rating is always more attractive (so *competition* is rated
        high when rivals are weak). Columns not named in ``weights`` are
        ignored.
    weights : dict or pandas.Series
        Criterion -> weight, non-negative and not all zero; they need not sum
        to 1 (the score divides by their sum).

    Returns
    -------
    pandas.DataFrame
        ``score`` (the weighted mean rating) and ``rank`` (int, 1 = most
        attractive; equal scores, compared after rounding to 9 decimals,
        share the smallest rank, and the next rank is skipped), sorted by
        rank, ties by label.

    Examples
    --------
    >>> r = pd.DataFrame({"size": [8, 4, 6], "fit": [2, 8, 4]}, index=["a", "b", "c"])
    >>> attractiveness(r, {"size": 1, "fit": 1})
       score  rank
    b    6.0     1
    a    5.0     2
    c    5.0     2
    """
    _check_frame(ratings, "ratings")
    w = pd.Series(weights, dtype="float64")
    missing = [c for c in w.index if c not in ratings.columns]
    if missing:
        raise KeyError(f"ratings have no column(s) {missing} for the weights")
    if (w < 0).any() or w.sum() <= 0:
        raise ValueError(f"weights must be non-negative and not all zero; got {dict(w)}")
    score = ratings[list(w.index)].astype("float64").to_numpy() @ w.to_numpy() / w.sum()
    score = pd.Series(score, index=ratings.index, name="score")
    rank = score.round(9).rank(method="min", ascending=False).astype("int64")
    out = pd.DataFrame({"score": score, "rank": rank})
    order = pd.DataFrame({"r": rank, "id": ratings.index.astype(str)}, index=ratings.index)
    return out.loc[order.sort_values(["r", "id"], kind="stable").index]


def nearest_competitor(positions: pd.DataFrame) -> pd.DataFrame:
    """Each brand's nearest competitor on a perceptual map, and how far it is.

    Parameters
    ----------
    positions : pandas.DataFrame
        One row per brand (the index names it), one numeric column per
        attribute of the map (usually two). At least two brands.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``positions``: ``nearest`` (str: the nearest other brand;
        when several are equally near, within ``1e-9``, all of them, sorted
        and joined by ``", "``) and ``distance`` (the Euclidean distance to
        it; 0 when two brands share a position).

    Examples
    --------
    >>> pos = pd.DataFrame({"price": [1, 5, 3], "quality": [1, 1, 1]}, index=["A", "B", "C"])
    >>> nearest_competitor(pos)
      nearest  distance
    A       C       2.0
    B       C       2.0
    C    A, B       2.0
    """
    _check_frame(positions, "positions")
    if len(positions) < 2:
        raise ValueError("a perceptual map needs at least two brands to have a competitor")
    names = [str(b) for b in positions.index]
    xy = positions.to_numpy(dtype=float)
    dist = _distances(xy, xy)
    np.fill_diagonal(dist, np.inf)
    best = dist.min(axis=1)
    nearest = [", ".join(sorted(names[j] for j in np.flatnonzero(row <= b + TIE_TOL)))
               for row, b in zip(dist, best, strict=True)]
    return pd.DataFrame({"nearest": nearest, "distance": best}, index=positions.index)


# ---------------------------------------------------------------- segmentation (k-means)


def customer_features(transactions: pd.DataFrame, as_of=None) -> pd.DataFrame:
    """Behavioural and geographic features of every customer, for segmentation.

    Parameters
    ----------
    transactions : pandas.DataFrame
        Sales lines in the course schema (``customer_id, order_id, date,
        amount``); with ``stock_code`` the number of distinct products is
        counted (else the number of lines), with ``country`` the customer's
        main country decides ``domestic``. Lines with a quantity or amount of
        0 or less are ignored.
    as_of : str or Timestamp, optional
        Recency is measured to this day; default the day after the last sale.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``customer_id`` (sorted): ``recency`` (days), ``frequency``
        (orders), ``monetary`` (sum of amounts), ``basket`` (mean order value),
        ``products`` (distinct products) and ``domestic`` (1 when the
        customer's most frequent country is the United Kingdom, else 0; 1 when
        there is no country column).

    Examples
    --------
    >>> from course.synthetic import transactions_from_rows
    >>> tx = transactions_from_rows([("a", "1", "2024-01-01", 2, 5.0),
    ...                              ("a", "2", "2024-01-05", 1, 30.0),
    ...                              ("b", "3", "2024-01-03", 4, 2.5)])
    >>> customer_features(tx)
                 recency  frequency  monetary  basket  products  domestic
    customer_id
    a                  1          2      40.0    20.0         2         1
    b                  3          1      10.0    10.0         1         1
    """
    _check_frame(transactions, "transactions")
    sales = transactions[(transactions["quantity"] > 0) & (transactions["amount"] > 0)]
    dates = pd.to_datetime(sales["date"]).dt.normalize()
    end = dates.max() + pd.Timedelta(days=1) if as_of is None else pd.Timestamp(as_of)
    sales = sales.assign(date=dates)
    g = sales.groupby("customer_id", sort=True)
    product_col = "stock_code" if "stock_code" in sales.columns else None
    out = pd.DataFrame({
        "recency": (end.normalize() - g["date"].max()).dt.days.astype("int64"),
        "frequency": g["order_id"].nunique().astype("int64"),
        "monetary": g["amount"].sum().astype("float64"),
    })
    out["basket"] = out["monetary"] / out["frequency"]
    out["products"] = (g[product_col].nunique() if product_col else g.size()).astype("int64")
    if "country" in sales.columns:
        main = (sales.groupby(["customer_id", "country"]).size().rename("n").reset_index()
                .sort_values(["customer_id", "n", "country"], ascending=[True, False, True])
                .drop_duplicates("customer_id").set_index("customer_id")["country"])
        out["domestic"] = (main.reindex(out.index) == "United Kingdom").astype("int64")
    else:
        out["domestic"] = 1
    out.index.name = "customer_id"
    return out


def prepare_features(features: pd.DataFrame, columns, log: bool = True,
                     scale: bool = True) -> pd.DataFrame:
    """The matrix k-means sees: chosen columns, optionally logged and standardised.

    Parameters
    ----------
    features : pandas.DataFrame
        Output of :func:`customer_features`.
    columns : sequence of str
        The features to cluster on (at least one).
    log : bool, default True
        Apply ``log1p`` to the skewed features (:data:`SKEWED_FEATURES`).
    scale : bool, default True
        Standardise every column (:func:`standardize`); without it the column
        with the largest numbers dominates the distances.

    Returns
    -------
    pandas.DataFrame
        The transformed columns, same index.

    Examples
    --------
    >>> f = pd.DataFrame({"monetary": [0.0, np.e - 1], "domestic": [1, 0]})
    >>> prepare_features(f, ["monetary"], scale=False)["monetary"].round(6).tolist()
    [0.0, 1.0]
    """
    columns = list(columns)
    if not columns:
        raise ValueError("choose at least one feature to segment on")
    unknown = [c for c in columns if c not in features.columns]
    if unknown:
        raise KeyError(f"unknown feature(s) {unknown}; choose from {list(features.columns)}")
    out = features[columns].astype("float64")
    if log:
        skewed = [c for c in columns if c in SKEWED_FEATURES]
        out[skewed] = np.log1p(out[skewed])
    return standardize(out) if scale else out


@dataclass(frozen=True)
class KMeansResult:
    """One k-means segmentation and how stable it is.

    Attributes
    ----------
    labels : pandas.Series
        Cluster of every customer, 1 to k, numbered by size (1 = largest).
    centroids : pandas.DataFrame
        The cluster centres in the space k-means saw, indexed 1 to k.
    inertia : float
        Sum of squared distances to the centres (lower = tighter).
    silhouette : float
        Mean silhouette on a fixed sample (-1 to 1; higher = better separated).
    stability : float
        Mean adjusted Rand index between the chosen run and runs from other
        random starts (1 = the same clusters every time).
    """

    labels: pd.Series
    centroids: pd.DataFrame
    inertia: float
    silhouette: float
    stability: float


def kmeans_segments(matrix: pd.DataFrame, k: int, runs: int = 5,
                    silhouette_sample: int = 1000, distances: SampleDistances | None = None
                    ) -> KMeansResult:
    """Cluster customers with scikit-learn's k-means from several random starts.

    Each of ``runs`` starts (``random_state`` 0, 1, ...) is one k-means fit
    (k-means++ initialisation, ``n_init=1``). The run with the lowest inertia
    is kept; *stability* is the mean adjusted Rand index between it and the
    other runs, so it says how much the clusters depend on where k-means
    started. Clusters are renumbered by size, largest first.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Output of :func:`prepare_features`.
    k : int
        Number of clusters, 2 or more and fewer than the customers.
    runs : int, default 5
        Random starts (2 or more, for a stability figure).
    silhouette_sample : int, default 1000
        Customers sampled (with a fixed seed) for the silhouette score.
    distances : SampleDistances, optional
        :func:`sample_distances` of this ``matrix`` and ``silhouette_sample``,
        computed once and reused for every k (the silhouette is the same
        number with or without it).

    Returns
    -------
    KMeansResult

    Examples
    --------
    >>> m = pd.DataFrame({"x": [0.0, 0.1, 0.2, 5.0, 5.1, 9.0, 9.2, 9.1]})
    >>> res = kmeans_segments(m, 3)
    >>> res.labels.value_counts().sort_index().tolist(), round(res.stability, 3)
    ([3, 3, 2], 1.0)
    """
    if int(k) != k or k < 2 or k >= len(matrix):
        raise ValueError(f"k must be a whole number from 2 to {len(matrix) - 1}, got {k!r}")
    # one thread: on a shared machine OpenMP threads fighting for cores make a fit that
    # takes 5 ms take a second or more
    with threadpool_limits(limits=1):
        if distances is None:
            distances = sample_distances(matrix, silhouette_sample)
        elif distances.n_rows != len(matrix) or len(distances.indices) != min(
                silhouette_sample, len(matrix)):
            raise ValueError(f"distances are of a {distances.n_rows}-row matrix sampled "
                             f"{len(distances.indices)} times, not of this {len(matrix)}-row "
                             f"matrix sampled {min(silhouette_sample, len(matrix))} times")
        return _kmeans_segments(matrix, int(k), runs, distances)


@dataclass(frozen=True)
class SampleDistances:
    """The fixed silhouette sample of a matrix and the distances within it.

    Attributes
    ----------
    n_rows : int
        Rows of the matrix sampled.
    indices : numpy.ndarray
        The sampled rows (the first ``n`` of a permutation with seed 0, the
        sample scikit-learn's ``silhouette_score(..., random_state=0)`` draws).
    matrix : numpy.ndarray
        Euclidean distances between the sampled rows (zero diagonal).
    """

    n_rows: int
    indices: np.ndarray
    matrix: np.ndarray


def sample_distances(matrix: pd.DataFrame, n: int = 1000) -> SampleDistances:
    """Distances within the silhouette sample of ``matrix``: the same for every k.

    :func:`kmeans_segments` takes the result to skip recomputing them for each
    k; the silhouette it gives is then exactly scikit-learn's
    ``silhouette_score(X, labels, sample_size=n, random_state=0)``.

    Examples
    --------
    Two of three customers, picked as scikit-learn picks its silhouette sample
    (the first ``n`` of ``RandomState(0).permutation``):

    >>> d = sample_distances(pd.DataFrame({"x": [0.0, 3.0, 1.0]}), n=2)
    >>> d.indices.tolist(), d.matrix.tolist()
    ([2, 1], [[0.0, 2.0], [2.0, 0.0]])
    """
    X = matrix.to_numpy(dtype=float)
    indices = np.random.RandomState(0).permutation(len(X))[:min(n, len(X))]
    return SampleDistances(len(X), indices, pairwise_distances(X[indices]))


def adjusted_rand(a: np.ndarray, b: np.ndarray) -> float:
    """Adjusted Rand index of two labelings coded 0 to m - 1 (exact integer pair counts).

    The same number as ``sklearn.metrics.adjusted_rand_score`` (the same
    pair counts, in integers, and the same final division), without its
    input checks and sparse contingency table.

    Examples
    --------
    >>> adjusted_rand(np.array([0, 0, 1, 1]), np.array([1, 1, 0, 0]))
    1.0
    >>> round(adjusted_rand(np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1])), 3)
    -0.5
    """
    a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
    n = len(a)
    width = int(b.max()) + 1 if n else 1
    size = (int(a.max()) + 1 if n else 1) * width
    contingency = np.bincount(a * width + b, minlength=size).reshape(-1, width)
    n_c, n_k = contingency.sum(axis=1), contingency.sum(axis=0)
    sum_squares = int((contingency ** 2).sum())
    tp = sum_squares - n
    fp = int((contingency @ n_k).sum()) - sum_squares
    fn = int((contingency.T @ n_c).sum()) - sum_squares
    tn = n * n - fp - fn - sum_squares
    if fn == 0 and fp == 0:
        return 1.0
    return 2.0 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn))


def _kmeans_segments(matrix: pd.DataFrame, k: int, runs: int,
                     distances: SampleDistances) -> KMeansResult:
    X = matrix.to_numpy(dtype=float)
    fits = [KMeans(n_clusters=int(k), n_init=1, random_state=seed).fit(X)
            for seed in range(max(2, runs))]
    best = min(fits, key=lambda f: f.inertia_)
    stability = float(np.mean([adjusted_rand(best.labels_, f.labels_)
                               for f in fits if f is not best]))
    sizes = np.bincount(best.labels_, minlength=int(k))
    order = np.argsort(-sizes, kind="stable")  # old label of the new cluster 1, 2, ...
    new_of_old = np.empty(int(k), dtype="int64")
    new_of_old[order] = np.arange(1, int(k) + 1)
    labels = pd.Series(new_of_old[best.labels_], index=matrix.index, name="cluster")
    centroids = pd.DataFrame(best.cluster_centers_[order], columns=matrix.columns,
                             index=pd.RangeIndex(1, int(k) + 1, name="cluster"))
    sampled = best.labels_[distances.indices]
    sil = float(silhouette_score(distances.matrix, sampled, metric="precomputed")) \
        if len(set(best.labels_)) > 1 else float("nan")
    return KMeansResult(labels, centroids, float(best.inertia_), sil, stability)


# ---------------------------------------------------------------- targeting


def candidate_segments() -> pd.DataFrame:
    """Ratings (1 to 10) of five candidate segments of an online gift wholesaler.

    The segments are those a k-means run on the course data suggests (small
    UK gift shops, large wholesalers, EU retailers, one-time buyers, lapsed
    regulars); the ratings are a planning team's judgement, illustrative, not
    measured. Higher is always more attractive: ``competition`` is high when
    rivals are weak, ``fit`` when the firm's strengths match the segment.

    Returns
    -------
    pandas.DataFrame
        Indexed by segment key, one column per criterion of :data:`CRITERIA`.

    Examples
    --------
    >>> candidate_segments().loc["wholesalers"].tolist()
    [3, 5, 8, 4, 9]
    """
    return pd.DataFrame(
        {"size": [9, 3, 5, 7, 4], "growth": [4, 5, 8, 3, 2], "margin": [5, 8, 6, 3, 6],
         "competition": [3, 4, 6, 7, 8], "fit": [8, 9, 5, 4, 6]},
        index=pd.Index(["gift_shops", "wholesalers", "eu_retailers", "one_time", "lapsed"],
                       name="segment"))


# ---------------------------------------------------------------- positioning


def car_brands() -> pd.DataFrame:
    """Illustrative ratings (1 to 10) of six car brands on four attributes.

    The first four brands and attributes are the seeds' positioning example
    (Mercedes-Benz prestige, BMW handling, Toyota economy and reliability,
    Volvo safety); BYD and Tesla are added. The numbers are made up for
    teaching, not survey results.

    Examples
    --------
    >>> car_brands().loc["Volvo"].tolist()
    [6.5, 5.0, 5.5, 9.5]
    """
    return pd.DataFrame(
        {"prestige": [9.5, 8.5, 4.5, 6.5, 4.0, 7.5],
         "handling": [7.0, 9.5, 5.0, 5.0, 5.5, 8.0],
         "economy": [2.5, 3.0, 9.0, 5.5, 8.5, 5.0],
         "safety": [8.0, 7.0, 6.5, 9.5, 6.5, 7.5]},
        index=pd.Index(["Mercedes-Benz", "BMW", "Toyota", "Volvo", "BYD", "Tesla"],
                       name="brand"))


def map_gaps(positions: pd.DataFrame, n: int = 3, low: float = 1.0, high: float = 10.0,
             step: float = 0.5, spacing: float = 2.0) -> pd.DataFrame:
    """Empty places on a two-attribute map: grid points far from every brand.

    Grid points from ``low`` to ``high`` are ranked by their distance to the
    nearest brand; the farthest is the first gap, and each further gap is the
    farthest point at least ``spacing`` away from the gaps already chosen.
    (A gap is a question for market research: is anybody there?)

    Parameters
    ----------
    positions : pandas.DataFrame
        Brands x two attributes.
    n : int, default 3
        How many gaps.

    Returns
    -------
    pandas.DataFrame
        ``n`` rows with the two attribute columns and ``distance`` (to the
        nearest brand), farthest first.

    Examples
    --------
    >>> pos = pd.DataFrame({"a": [1.0, 10.0], "b": [1.0, 10.0]}, index=["p", "q"])
    >>> map_gaps(pos, n=1)
         a    b  distance
    0  1.0  10.0  9.0
    """
    if positions.shape[1] != 2:
        raise ValueError(f"a map has two attributes; positions has {positions.shape[1]}")
    ticks = np.arange(low, high + step / 2, step)
    gx, gy = np.meshgrid(ticks, ticks, indexing="ij")
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    near = _distances(grid, positions.to_numpy(dtype=float)).min(axis=1)
    order = np.lexsort((grid[:, 1], grid[:, 0], -near))
    chosen: list[int] = []
    for i in order:
        if all(np.hypot(*(grid[i] - grid[j])) >= spacing for j in chosen):
            chosen.append(int(i))
        if len(chosen) == n:
            break
    cols = list(positions.columns)
    return pd.DataFrame({cols[0]: grid[chosen, 0], cols[1]: grid[chosen, 1],
                         "distance": near[chosen]})


def place_brand(positions: pd.DataFrame, name: str, point) -> pd.DataFrame:
    """The map's positions with one brand added (or moved) to ``point``.

    Examples
    --------
    >>> pos = pd.DataFrame({"a": [1.0], "b": [2.0]}, index=["p"])
    >>> place_brand(pos, "new", (3, 4)).loc["new"].tolist()
    [3.0, 4.0]
    """
    out = positions.astype("float64").copy()
    out.loc[name] = [float(v) for v in point]
    return out
