"""Chapter 2 models (course.sims.stp): hand-computed values and edge cases."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from course.sims import stp


def test_standardize_by_hand_with_population_sd():
    z = stp.standardize(pd.DataFrame({"v": [2.0, 4.0, 4.0, 6.0]}))
    # mean 4, population sd sqrt(8 / 4) = sqrt(2)
    assert z["v"].tolist() == pytest.approx([-2 / np.sqrt(2), 0, 0, 2 / np.sqrt(2)])


@pytest.mark.parametrize("value", [3, 0.1, -7.25, 1e6])
def test_standardize_constant_column_is_zero_not_nan(value):
    z = stp.standardize(pd.DataFrame({"c": [value] * 37, "v": np.arange(37.0)}))
    assert (z["c"] == 0.0).all()
    assert z["v"].mean() == pytest.approx(0) and z["v"].std(ddof=0) == pytest.approx(1)


def test_standardize_keeps_index_and_handles_one_row():
    f = pd.DataFrame({"a": [5], "b": [1.5]}, index=[42])
    z = stp.standardize(f)
    assert z.index.tolist() == [42] and z.to_numpy().tolist() == [[0.0, 0.0]]


def test_nearest_centroid_tie_goes_to_the_centroid_listed_first():
    cents = pd.DataFrame({"x": [2.0, 0.0]}, index=["zeta", "alpha"])
    got = stp.nearest_centroid(pd.DataFrame({"x": [1.0, 0.1, 1.9]}, index=list("abc")), cents)
    assert got.tolist() == ["zeta", "alpha", "zeta"]


def test_nearest_centroid_ignores_extra_columns_and_needs_centroid_columns():
    cents = pd.DataFrame({"x": [0.0, 10.0]}, index=["lo", "hi"])
    f = pd.DataFrame({"x": [9.0], "noise": [-100.0]})
    assert stp.nearest_centroid(f, cents).tolist() == ["hi"]
    with pytest.raises(KeyError, match="centroid column"):
        stp.nearest_centroid(pd.DataFrame({"y": [1.0]}), cents)


def test_segment_profile_aligns_labels_by_index():
    f = pd.DataFrame({"spend": [10.0, 20.0, 60.0]}, index=["x", "y", "z"])
    prof = stp.segment_profile(f, pd.Series({"z": "B", "y": "A", "x": "A"}))
    assert prof.to_dict("index") == {"A": {"customers": 2, "share": pytest.approx(2 / 3),
                                           "spend": 15.0},
                                     "B": {"customers": 1, "share": pytest.approx(1 / 3),
                                           "spend": 60.0}}
    assert prof["customers"].dtype == "int64"


def test_attractiveness_ties_share_the_smallest_rank_and_skip():
    r = pd.DataFrame({"size": [8, 4, 6, 1]}, index=list("abcd"))
    r["fit"] = [2, 8, 4, 1]
    out = stp.attractiveness(r, {"size": 1, "fit": 1})
    assert out["rank"].to_dict() == {"b": 1, "a": 2, "c": 2, "d": 4}


def test_attractiveness_float_noise_is_still_a_tie():
    r = pd.DataFrame({"size": [3, 1], "growth": [3, 5], "margin": [3, 3]}, index=["p", "q"])
    w = {"size": 0.1, "growth": 0.1, "margin": 0.1}
    raw = (r * pd.Series(w)).sum(axis=1)
    assert raw["p"] != raw["q"]  # the floats really differ
    assert stp.attractiveness(r, w)["rank"].tolist() == [1, 1]


def test_attractiveness_rejects_bad_weights():
    r = stp.candidate_segments()
    with pytest.raises(ValueError, match="not all zero"):
        stp.attractiveness(r, {"size": 0})
    with pytest.raises(KeyError, match="no column"):
        stp.attractiveness(r, {"price": 1})


def test_attractiveness_weights_scale_free():
    r = stp.candidate_segments()
    a = stp.attractiveness(r, {"size": 2, "margin": 6})
    b = stp.attractiveness(r, {"size": 0.25, "margin": 0.75})
    pd.testing.assert_frame_equal(a, b)


def test_nearest_competitor_three_way_tie_and_shared_position():
    pos = pd.DataFrame({"x": [5.0, 4.0, 6.0, 5.0, 5.0], "y": [5.0, 5.0, 5.0, 6.0, 6.0]},
                       index=["M", "W", "E", "N", "N2"])
    out = stp.nearest_competitor(pos)
    assert out.loc["M", "nearest"] == "E, N, N2, W" and out.loc["M", "distance"] == 1.0
    assert out.loc["N", "nearest"] == "N2" and out.loc["N", "distance"] == 0.0
    with pytest.raises(ValueError, match="at least two"):
        stp.nearest_competitor(pos.head(1))


def test_customer_features_by_hand():
    from course.synthetic import transactions_from_rows

    tx = transactions_from_rows([("a", "1", "2024-01-01", 2, 5.0), ("a", "1", "2024-01-01", 1, 2.0),
                                 ("a", "2", "2024-01-09", 1, 30.0),
                                 ("b", "3", "2024-01-03", -1, 4.0)])
    tx["stock_code"] = ["p", "q", "p", "p"]
    tx["country"] = ["United Kingdom", "France", "France", "UK"]
    f = stp.customer_features(tx)
    assert f.index.tolist() == ["a"]  # b only returned goods
    row = f.loc["a"]
    assert (row["recency"], row["frequency"], row["monetary"], row["basket"], row["products"],
            row["domestic"]) == (1, 2, 42.0, 21.0, 2, 0)


def test_prepare_features_log_and_scale():
    f = pd.DataFrame({"monetary": [0.0, np.e - 1, np.e ** 2 - 1], "domestic": [1, 0, 1]})
    m = stp.prepare_features(f, ["monetary", "domestic"], log=True, scale=False)
    assert m["monetary"].tolist() == pytest.approx([0, 1, 2])
    assert m["domestic"].tolist() == [1, 0, 1]  # a share is not logged
    with pytest.raises(ValueError, match="at least one"):
        stp.prepare_features(f, [])


def test_kmeans_finds_separated_groups_and_numbers_them_by_size():
    rng = np.random.default_rng(1)
    pts = np.vstack([rng.normal(c, 0.1, (n, 2)) for c, n in (((0, 0), 30), ((5, 5), 50),
                                                            ((0, 5), 20))])
    res = stp.kmeans_segments(pd.DataFrame(pts, columns=["a", "b"]), 3)
    assert res.labels.value_counts().sort_index().tolist() == [50, 30, 20]
    assert res.stability == pytest.approx(1.0) and res.silhouette > 0.9
    with pytest.raises(ValueError, match="whole number"):
        stp.kmeans_segments(pd.DataFrame(pts), 1)


def test_kmeans_on_noise_is_less_stable_than_on_groups():
    rng = np.random.default_rng(2)
    noise = pd.DataFrame(rng.uniform(size=(300, 2)))
    assert stp.kmeans_segments(noise, 6).silhouette < 0.5


def test_map_gaps_far_from_brands_and_spaced():
    gaps = stp.map_gaps(stp.car_brands()[["prestige", "safety"]], n=3)
    assert len(gaps) == 3 and gaps["distance"].is_monotonic_decreasing
    xy = gaps[["prestige", "safety"]].to_numpy()
    assert min(np.hypot(*(xy[i] - xy[j])) for i in range(3) for j in range(i)) >= 2


def test_seed_brands_positions_match_the_seeds_story():
    cars = stp.car_brands()
    assert cars["prestige"].idxmax() == "Mercedes-Benz"
    assert cars["handling"].idxmax() == "BMW"
    assert cars["economy"].idxmax() == "Toyota"
    assert cars["safety"].idxmax() == "Volvo"


def test_the_instructor_notes_try_this_answers_hold():
    """docs/instructor/*/ch02.md quotes these results of the scorer and the map."""
    candidates = stp.candidate_segments()
    ones = {c: 1 for c in stp.CRITERIA}
    ranks = stp.attractiveness(candidates, ones)["rank"]
    assert ranks["eu_retailers"] == 1 and ranks["gift_shops"] == ranks["wholesalers"] == 2
    ranks = stp.attractiveness(candidates, {**ones, "margin": 4})["rank"]
    assert ranks["wholesalers"] == 1 and ranks["gift_shops"] == ranks["lapsed"] == 3
    weights = {c: 0 for c in stp.CRITERIA} | {"size": 5, "competition": 5}
    assert stp.attractiveness(candidates, weights)["rank"]["one_time"] == 1

    cars = stp.car_brands()[["prestige", "safety"]]

    def nearest(x, y):
        new = pd.DataFrame([[x, y]], columns=cars.columns, index=["new"])
        return stp.nearest_competitor(pd.concat([cars, new])).loc["new"]

    assert [nearest(v, v)["nearest"] for v in (5, 5.5, 6)] == ["Toyota"] * 3
    assert [nearest(v, v)["nearest"] for v in (6.5, 7, 7.5)] == ["Tesla"] * 3
    assert nearest(7.5, 7.5)["distance"] == 0
    assert nearest(8, 9)["nearest"] == "Tesla, Volvo"
    assert nearest(9, 7.5)["nearest"] == "BMW, Mercedes-Benz"
    assert (stp.map_gaps(cars)["safety"] <= 2).all()


# ---------------------------------------------------------------- the fast paths are exact


@pytest.mark.parametrize("seed", range(6))
def test_adjusted_rand_is_scikit_learn_s_to_the_last_bit(seed):
    from sklearn.metrics import adjusted_rand_score

    rng = np.random.default_rng(seed)
    n, ka, kb = int(rng.integers(2, 3000)), int(rng.integers(1, 9)), int(rng.integers(1, 9))
    a, b = rng.integers(0, ka, n), rng.integers(0, kb, n)
    pairs = [(a, b), (a, a), (a, (a + 1) % ka), (np.zeros(n, int), b), (a, a * 0)]
    for x, y in pairs:
        assert stp.adjusted_rand(x, y) == adjusted_rand_score(x, y)


def _kmeans_the_slow_way(matrix, k, runs=5, sample=1000):
    """What kmeans_segments computed before its fast paths: scikit-learn's own metrics."""
    from sklearn.cluster import KMeans
    from sklearn.metrics import adjusted_rand_score, silhouette_score
    from threadpoolctl import threadpool_limits

    X = matrix.to_numpy(dtype=float)
    with threadpool_limits(limits=1):  # as the model runs (the sums' order depends on it)
        fits = [KMeans(n_clusters=k, n_init=1, random_state=s).fit(X) for s in range(runs)]
    best = min(fits, key=lambda f: f.inertia_)
    stability = float(np.mean([adjusted_rand_score(best.labels_, f.labels_)
                               for f in fits if f is not best]))
    sil = float(silhouette_score(X, best.labels_, sample_size=min(sample, len(X)),
                                 random_state=0))
    return best, sil, stability


@pytest.mark.parametrize("columns, log, scale", [
    (("recency", "frequency", "monetary", "basket", "products"), True, True),
    (("monetary", "domestic"), False, True),
    (("recency", "basket"), True, False),
])
def test_kmeans_segments_numbers_are_scikit_learn_s_with_or_without_shared_distances(
        columns, log, scale):
    from course import load_dataset

    features = stp.customer_features(load_dataset("online_retail"))
    matrix = stp.prepare_features(features, columns, log=log, scale=scale)
    shared = stp.sample_distances(matrix)
    for k in (2, 4, 7):
        best, sil, stability = _kmeans_the_slow_way(matrix, k)
        for res in (stp.kmeans_segments(matrix, k),
                    stp.kmeans_segments(matrix, k, distances=shared)):
            assert res.silhouette == sil and res.stability == stability
            assert res.inertia == float(best.inertia_)
            # the same partition (renumbered by size)
            assert stp.adjusted_rand(res.labels.to_numpy(), best.labels_) == 1.0


def test_kmeans_segments_refuses_distances_of_another_matrix():
    m = pd.DataFrame({"x": np.arange(30.0)})
    with pytest.raises(ValueError, match="30-row matrix sampled 30 times, not of this "
                                         "20-row matrix"):
        stp.kmeans_segments(m.iloc[:20], 2, distances=stp.sample_distances(m))
