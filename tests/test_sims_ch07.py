"""Chapter 7 models: hand-computed CLV values, edge cases, and the published CDNOW fits."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from course import load_dataset
from course.sims import clv as sims
from course.synthetic.clv import (
    SHOP_BGNBD,
    SHOP_CALIBRATION_END,
    SHOP_HOLDOUT_END,
    make_clv_transactions,
    make_loyalty_survey,
)


@pytest.fixture(scope="module")
def cdnow():
    return load_dataset("cdnow_sample")


@pytest.fixture(scope="module")
def summary(cdnow):
    return sims.cdnow_summary(cdnow)


@pytest.fixture(scope="module")
def fit(summary):
    return sims.fit_bgnbd(summary["frequency"], summary["recency"], summary["T"])


# ------------------------------------------------------------------------ data set


def test_cdnow_sample_loads_in_the_course_schema(cdnow):
    assert len(cdnow) == 6_919
    assert cdnow["customer_id"].nunique() == cdnow["sample_id"].nunique() == 2_357
    assert cdnow["order_id"].nunique() == 6_696
    assert cdnow["date"].min() == pd.Timestamp("1997-01-01")
    assert cdnow["date"].max() == pd.Timestamp("1998-06-30")
    np.testing.assert_allclose(cdnow["amount"].sum(), 244_091.94, rtol=1e-9)
    assert cdnow.loc[0, "customer_id"] == "4" and cdnow.loc[0, "sample_id"] == 1
    # the same customers as in the master file, with the same purchases
    master = load_dataset("cdnow")
    same = master[master["customer_id"].isin(set(cdnow["customer_id"]))]
    assert len(same) == len(cdnow)
    np.testing.assert_allclose(same["amount"].sum(), cdnow["amount"].sum(), rtol=1e-12)


# ------------------------------------------------------------------------------ CLV


def test_clv_by_hand():
    # 100 * (0.8/1.1 + 0.64/1.21 + 0.512/1.331)
    assert sims.clv(100, 0.8, 0.1, horizon=3) == pytest.approx(164.0872, abs=1e-4)
    assert sims.clv(100, 0.8, 0.1) == pytest.approx(800 / 3)
    assert sims.clv(100, 0.8, 0.1, horizon=1) == pytest.approx(80 / 1.1)
    assert sims.clv(50, 0.9, 0.12) == pytest.approx(45 / 0.22)


@pytest.mark.parametrize("margin, retention, discount", [
    (100, 0.8, 0.1), (30, 0.95, 0.05), (1, 0.5, 0.0), (250, 0.99, 0.2)])
def test_finite_sum_converges_to_the_closed_form(margin, retention, discount):
    closed = sims.clv_infinite(margin, retention, discount)
    values = [sims.clv_finite(margin, retention, discount, T) for T in (1, 10, 100, 2000)]
    assert values == sorted(values)
    assert values[-1] == pytest.approx(closed, rel=1e-9)
    # the gap is closed * q**T, q = r / (1 + i)
    q = retention / (1 + discount)
    assert closed - values[1] == pytest.approx(closed * q ** 10, rel=1e-9)
    schedule = sims.clv_schedule(margin, retention, discount, 10)
    assert schedule["cumulative"].iloc[-1] == pytest.approx(values[1])
    assert sims.clv_convergence(margin, retention, discount, 10)[-1] == pytest.approx(values[1])


def test_clv_edge_cases():
    assert sims.clv(100, 0.0, 0.1) == 0.0
    assert sims.clv(100, 0.0, 0.1, horizon=7) == 0.0
    assert sims.clv(100, 1.0, 0.0) == math.inf
    assert sims.clv(100, 1.0, 0.0, horizon=7) == pytest.approx(700.0)
    assert sims.clv(100, 1.0, 0.05) == pytest.approx(2000.0)
    assert sims.clv(100, 0.5, 0.0) == pytest.approx(100.0)
    assert sims.clv(100, 0.5, 0.0, horizon=2) == pytest.approx(75.0)
    assert sims.clv(100, 0.8, 0.1, horizon=0) == 0.0
    with pytest.raises(ValueError, match="retention"):
        sims.clv(100, 1.2, 0.1)
    with pytest.raises(ValueError, match="discount"):
        sims.clv(100, 0.5, -0.1)
    with pytest.raises(ValueError, match="whole number"):
        sims.clv(100, 0.5, 0.1, horizon=2.5)


def test_periods_to_reach():
    assert sims.periods_to_reach(0.8, 0.1) == 10
    q = 0.8 / 1.1
    assert q ** 10 <= 0.05 < q ** 9
    assert sims.periods_to_reach(1.0, 0.0) is None
    assert sims.periods_to_reach(0.0, 0.1) is None


# ---------------------------------------------------------------- retention economics


def test_cohort_table_by_hand():
    table = sims.cohort_table(100, 50.0, 0.5, 0.0, 40.0, 2)
    assert table["customers"].tolist() == [100.0, 50.0, 25.0]
    assert table["cumulative"].tolist() == [-4000.0, -1500.0, -250.0]
    assert sims.cohort_profit(100, 50.0, 0.5, 0.0, 40.0, 2) == -250.0
    discounted = sims.cohort_table(100, 50.0, 0.5, 0.1, 40.0, 2)
    assert discounted["cumulative"].iloc[-1] == pytest.approx(
        sims.cohort_profit(100, 50.0, 0.5, 0.1, 40.0, 2))


def test_retention_change_and_the_reichheld_effect():
    out = sims.retention_change(1000, 100.0, 150.0, 0.75, 0.80, 0.10, 10)
    assert out["clv_change"] == pytest.approx(out["clv_after"] - out["clv_before"])
    assert out["profit_change"] == pytest.approx(1000 * out["clv_change"])
    same = sims.retention_change(1000, 100.0, 150.0, 0.75, 0.75, 0.10, 10)
    assert same["clv_change"] == same["profit_change"] == 0.0
    # five points of retention raise profit by more in per cent the thinner the profit
    thin = sims.retention_change(1000, 100.0, 190.0, 0.75, 0.80, 0.10, 10)
    assert thin["profit_change"] / thin["profit_before"] > \
        out["profit_change"] / out["profit_before"]


def test_break_even_year():
    assert sims.break_even_year(sims.cohort_table(100, 50.0, 0.8, 0.0, 80.0, 5)) == 3
    assert sims.break_even_year(sims.cohort_table(100, 50.0, 0.2, 0.0, 80.0, 5)) is None


# -------------------------------------------------------------------------- loyalty


def test_loyalty_types_and_cut_offs():
    scores = pd.DataFrame({"customer_id": ["a", "b", "c", "d", "e"],
                           "attitude": [5, 5, 4.99, 1, 7], "repeat": [0.5, 0.49, 0.5, 0.0, 1.0]},
                          index=[9, 8, 7, 6, 5])
    got = sims.loyalty_type(scores)
    assert got.to_dict() == {"a": "true_loyalty", "b": "latent_loyalty",
                             "c": "spurious_loyalty", "d": "no_loyalty", "e": "true_loyalty"}
    assert sims.loyalty_type(scores, attitude_cut=8).value_counts().to_dict() == {
        "spurious_loyalty": 3, "no_loyalty": 2}
    assert sims.loyalty_type(scores.head(0)).empty
    survey = make_loyalty_survey(400, seed=3)
    assert set(sims.loyalty_type(survey)) == set(sims.LOYALTY_TYPES)


# --------------------------------------------------------------- frequency, recency, T


def test_frt_table_rules():
    tx = pd.DataFrame({
        "customer_id": ["a", "a", "a", "a", "b", "b", "c"],
        "order_id": ["1", "1", "2", "3", "4", "C4", "5"],
        "date": pd.to_datetime(["2024-01-01 09:00", "2024-01-01 09:00", "2024-01-01 20:00",
                                "2024-01-29 23:59", "2024-01-08", "2024-01-10",
                                "2024-02-01"], format="ISO8601"),
        "quantity": [1, 2, 1, 1, 1, -1, 1], "amount": [5.0, 9.0, 4.0, 3.0, 7.0, -7.0, 1.0]})
    got = sims.frt_table(tx, "2024-01-29")
    assert got.index.tolist() == ["a", "b"]  # c first bought after the end
    assert got.loc["a"].tolist() == [1, 4.0, 4.0]  # one day with 3 lines, the end day counts
    assert got.loc["b"].tolist() == [0, 0.0, 3.0]  # the return is no purchase
    assert got["frequency"].dtype == "int64"
    empty = sims.frt_table(tx.head(0), "2024-01-29")
    assert empty.empty and list(empty.columns) == ["frequency", "recency", "T"]


def test_cdnow_summary_figures(summary):
    assert len(summary) == 2_357
    assert int(summary["frequency"].sum()) == 2_457
    assert int(summary["frequency_holdout"].sum()) == 1_882
    assert (summary["frequency"] == 0).sum() == 1_411
    assert summary["T"].max() == pytest.approx(272 / 7)
    assert summary["duration_holdout"].iloc[0] == 39.0
    assert (summary["recency"] <= summary["T"]).all()
    assert ((summary["frequency"] > 0) == (summary["monetary"] > 0)).all()


# ------------------------------------------------------------ BG/NBD and Gamma-Gamma


def test_bgnbd_reproduces_the_published_estimates(fit):
    for key, value in sims.PUBLISHED_BGNBD.items():
        assert round(fit[key], 3) == value, key
    assert fit["loglik"] == pytest.approx(-9582.4, abs=0.05)
    assert fit["n"] == 2_357


def test_gamma_gamma_reproduces_the_published_estimates(summary):
    gg = sims.fit_gamma_gamma(summary["frequency"], summary["monetary"])
    for key, value in sims.PUBLISHED_GAMMA_GAMMA.items():
        assert round(gg[key], 2) == value, key
    assert gg["n"] == 946


def test_bgnbd_likelihood_at_the_published_values_is_the_maximum(summary, fit):
    args = (summary["frequency"], summary["recency"], summary["T"])
    best = sims.bgnbd_loglik(fit, *args).sum()
    for key in sims.BGNBD_PARAMS:
        for factor in (0.97, 1.03):
            moved = dict(fit, **{key: fit[key] * factor})
            assert sims.bgnbd_loglik(moved, *args).sum() < best


def test_fader_hardie_worked_example():
    """2 repeat purchases, the last at 30.43 weeks, age 38.86: 1.226 in the next 39 weeks."""
    expected = sims.conditional_expected_purchases(39, [2], [30.43], [38.86],
                                                   sims.PUBLISHED_BGNBD)
    assert expected[0] == pytest.approx(1.226, abs=5e-4)
    # no repeat purchase: alive for sure under BG/NBD
    assert sims.p_alive([0], [0.0], [38.86], sims.PUBLISHED_BGNBD)[0] == 1.0


def test_p_alive_falls_with_silence_faster_for_frequent_buyers():
    params = sims.PUBLISHED_BGNBD
    recent = sims.p_alive([10, 1], [38.0, 38.0], [38.86, 38.86], params)
    silent = sims.p_alive([10, 1], [20.0, 20.0], [38.86, 38.86], params)
    assert (silent < recent).all()
    assert recent[0] - silent[0] > recent[1] - silent[1]


def test_unconditional_expectation_matches_a_simulation():
    rng = np.random.default_rng(7)
    p = {"r": 0.8, "alpha": 5.0, "a": 1.2, "b": 3.0}
    n, t = 20_000, 30.0
    lam = rng.gamma(p["r"], 1 / p["alpha"], n)
    drop = rng.beta(p["a"], p["b"], n)
    counts = np.zeros(n)
    clock = np.zeros(n)
    alive = np.ones(n, dtype=bool)
    while alive.any():
        clock[alive] += rng.exponential(1 / lam[alive])
        alive &= clock < t
        counts[alive] += 1
        alive &= rng.uniform(size=n) >= drop
    assert counts.mean() == pytest.approx(float(sims.expected_purchases(t, p)), rel=0.04)


def test_fit_recovers_the_generator_parameters():
    tx = make_clv_transactions(n_customers=2500, seed="recovery")
    s = sims.summary_data(tx, SHOP_CALIBRATION_END, SHOP_HOLDOUT_END)
    fit = sims.fit_bgnbd(s["frequency"], s["recency"], s["T"])
    assert fit["r"] == pytest.approx(SHOP_BGNBD["r"], rel=0.2)
    assert fit["alpha"] == pytest.approx(SHOP_BGNBD["alpha"], rel=0.25)
    expected = sims.conditional_expected_purchases(26, s["frequency"], s["recency"], s["T"],
                                                   fit).sum()
    assert expected == pytest.approx(s["frequency_holdout"].sum(), rel=0.15)


def test_holdout_comparisons(cdnow, summary, fit):
    by_freq = sims.holdout_by_frequency(summary, fit)
    assert by_freq["customers"].sum() == 2_357
    assert by_freq.index.tolist() == list(range(8))
    assert by_freq["actual"].is_monotonic_increasing
    assert by_freq["expected"].is_monotonic_increasing
    weekly = sims.weekly_repeat_purchases(cdnow, fit)
    assert weekly.loc[39, "actual"] == 2_457 and weekly.loc[78, "actual"] == 2_457 + 1_882
    # the model tracks the calibration period closely and stays within 10 % in the holdout
    assert weekly.loc[39, "expected"] == pytest.approx(2_457, rel=0.03)
    assert weekly.loc[78, "expected"] == pytest.approx(4_339, rel=0.10)
    assert weekly["actual_weekly"].sum() == weekly.loc[78, "actual"]


def test_expected_spend_shrinks_towards_the_population_mean():
    params = sims.PUBLISHED_GAMMA_GAMMA
    mean = params["p"] * params["v"] / (params["q"] - 1)
    spend = sims.expected_spend([0, 1, 5, 50], [0.0, 100.0, 100.0, 100.0], params)
    assert spend[0] == pytest.approx(mean)
    assert mean < spend[1] < spend[2] < spend[3] < 100.0


def test_fits_refuse_empty_input():
    with pytest.raises(ValueError, match="at least one"):
        sims.fit_bgnbd([], [], [])
    with pytest.raises(ValueError, match="repeat"):
        sims.fit_gamma_gamma([0, 0], [0.0, 0.0])
    with pytest.raises(ValueError, match="recency"):
        sims.fit_bgnbd([1], [5.0], [4.0])
