"""Chapter 1 models: values worked out by hand, edge cases and clear errors."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from course.sims import concepts as sims
from course.synthetic.concepts import (
    make_rice_purchases,
    make_street,
    street_for_student,
    student_street,
)


def _street(rows):
    return pd.DataFrame(rows, columns=["household_id", "people", "grams_per_person_day",
                                       "stock_kg"])


# ------------------------------------------------------------------ the rice shop


def test_next_delivery_by_hand():
    # Lin: 5 x 400 g = 2 kg a day, 10 kg last 5 days; Huang: 7 x 350 g = 2.45 kg, 10.2 days
    plan = sims.next_delivery(_street([("Lin", 5, 400, 10.0), ("Huang", 7, 350, 25.0)]),
                              "1932-05-02", safety_days=2)
    assert plan.loc["Lin", "days_left"] == 5.0
    assert plan.loc["Lin", "run_out"] == pd.Timestamp("1932-05-07")
    assert plan.loc["Lin", "deliver_on"] == pd.Timestamp("1932-05-05")
    assert plan.loc["Huang", "days_left"] == pytest.approx(25 / 2.45)
    assert plan.loc["Huang", "run_out"] == pd.Timestamp("1932-05-12")


def test_no_rice_eaten_gives_inf_and_no_dates():
    plan = sims.next_delivery(_street([("a", 0, 300, 5.0), ("b", 3, 0, 5.0)]), "2025-01-01")
    assert np.isinf(plan["days_left"]).all()
    assert plan["run_out"].isna().all() and plan["deliver_on"].isna().all()


def test_empty_jar_and_inside_the_margin_deliver_today():
    plan = sims.next_delivery(_street([("empty", 2, 300, 0.0), ("low", 2, 250, 0.5)]),
                              "2025-06-30 19:45", safety_days=3)
    today = pd.Timestamp("2025-06-30")
    assert plan.loc["empty", "run_out"] == today
    assert (plan["deliver_on"] == today).all()
    assert plan.loc["low", "run_out"] == today + pd.Timedelta(days=1)


def test_whole_days_are_not_lost_to_rounding():
    # 3 x 400 g = 1.2 kg a day: 6 kg is exactly 5 days, though 6 / 1.2 is 4.999... in floats
    plan = sims.next_delivery(_street([("x", 3, 400, 6.0)]), "2025-03-03", safety_days=0)
    assert plan.loc["x", "run_out"] == pd.Timestamp("2025-03-08")


def test_next_delivery_index_and_errors():
    street = _street([("b", 1, 300, 3.0), ("a", 1, 300, 3.0)]).set_axis([9, 4])
    assert sims.next_delivery(street, "2025-01-01").index.tolist() == ["b", "a"]
    with pytest.raises(KeyError, match="stock_kg"):
        sims.next_delivery(street.drop(columns="stock_kg"), "2025-01-01")
    with pytest.raises(ValueError, match="safety_days"):
        sims.next_delivery(street, "2025-01-01", safety_days=-1)
    with pytest.raises(ValueError, match="stock_kg"):
        sims.next_delivery(street.assign(stock_kg=-1.0), "2025-01-01")


def test_days_until_empty():
    assert sims.days_until_empty(25.0, 5, 400) == 12.5
    assert sims.days_until_empty(1.0, 0, 400) == math.inf
    with pytest.raises(ValueError):
        sims.days_until_empty(-1.0, 2, 300)


def test_delivery_days_follow_the_rule_again_after_each_delivery():
    # 2 kg a day from 10 kg: run-out day 5, deliver day 3 with 4 kg left, +25 kg -> 29 kg,
    # run-out 3 + 14 = 17, deliver day 15 (4 + 25 - ... ) and so on
    assert sims.delivery_days(10.0, 2.0, 25.0, 2, 40) == [(3, 1), (15, 1), (28, 1)]
    # a bag smaller than the margin's rice: several bags at once
    days = sims.delivery_days(0.0, 6.0, 5.0, 3, 10)
    assert days[0][0] == 0 and days[0][1] >= 4
    assert sims.delivery_days(10.0, 0.0, 25.0, 2, 40) == []
    with pytest.raises(ValueError, match="bag_kg"):
        sims.delivery_days(10.0, 2.0, 0.0, 2, 40)


def test_stock_never_drops_below_the_margin_after_the_first_delivery():
    for daily, bag, safety in [(2.0, 25.0, 2), (6.0, 5.0, 3), (0.5, 10.0, 0), (1.3, 15.0, 7)]:
        path = sims.stock_path(3.0, daily, bag, safety, 90)
        first = sims.delivery_days(3.0, daily, bag, safety, 90)[0][0]
        # every morning after a delivery holds at least a day's rice (jar never empty)
        assert (path[first:] >= daily - 1e-9).all(), (daily, bag, safety)


def test_calendar_of_a_street():
    street = _street([("a", 5, 400, 10.0), ("b", 2, 250, 0.0), ("c", 3, 0, 4.0)])
    cal = sims.delivery_calendar(street, "2024-01-01", days=30, bag_kg=25.0, safety_days=2)
    assert cal["household_id"].tolist() == ["b", "a", "a", "a"]
    assert cal["date"].iloc[1] == pd.Timestamp("2024-01-04")
    assert "c" not in set(cal["household_id"])
    more = sims.delivery_calendar(street, "2024-01-01", days=30, bag_kg=5.0, safety_days=2)
    assert len(more) > len(cal)


# ------------------------------------------------------------------ share of wallet


def _buys(rows):
    return pd.DataFrame(rows, columns=["customer_id", "shop", "amount"])


def _wallets(rows):
    return pd.DataFrame(rows, columns=["customer_id", "category_spend"])


def test_share_of_wallet_by_hand():
    purchases = _buys([("a", "W", 30.0), ("a", "X", 50.0), ("b", "X", 80.0), ("a", "W", -10.0),
                       ("z", "W", 99.0)])
    wallets = _wallets([("a", 100.0), ("b", 80.0), ("c", 0.0)])
    share = sims.share_of_wallet(purchases, wallets, "W")
    assert share.index.tolist() == ["a", "b", "c"]
    assert share["a"] == pytest.approx(0.2) and share["b"] == 0.0 and np.isnan(share["c"])


def test_market_share_by_hand():
    purchases = _buys([("a", "W", 20.0), ("a", "X", 50.0), ("b", "X", 80.0), ("z", "K", 9.0)])
    wallets = _wallets([("a", 100.0), ("b", 100.0)])
    share = sims.market_share(purchases, wallets)
    assert share.to_dict() == {"K": 0.0, "W": 0.1, "X": 0.65}
    assert share.sum() < 1


def test_a_small_shop_can_hold_most_of_its_customers_wallet():
    # the lecture's point: a lower market share with a higher share of wallet
    purchases = _buys([("h1", "Wang", 120.0), ("h2", "Wang", 90.0), ("h2", "Chen", 30.0),
                       ("h3", "Chen", 60.0), ("h4", "Chen", 80.0), ("h5", "Chen", 70.0)])
    wallets = _wallets([("h1", 120.0), ("h2", 120.0), ("h3", 180.0), ("h4", 200.0),
                        ("h5", 150.0)])
    market = sims.market_share(purchases, wallets)
    wang = sims.share_of_wallet(purchases, wallets, "Wang")
    chen = sims.share_of_wallet(purchases, wallets, "Chen")
    assert market["Wang"] < market["Chen"]
    assert wang[wang > 0].mean() > chen[chen > 0].mean()


# ------------------------------------------------------------------ customer value


def test_customer_value_by_hand():
    customers = pd.DataFrame({"customer_id": ["x", "y", "z", "m"],
                              "margin": [10.0, 10.0, 0.0, 20.0],
                              "purchases_per_year": [12, 12, 6, 12],
                              "retention": [0.5, 1.0, 0.9, 0.0]})
    out = sims.customer_value(customers, years=3)
    assert out.loc["x", "value"] == pytest.approx(210.0)
    assert out.loc["y", "value"] == pytest.approx(360.0)   # retention 1: no division by zero
    assert out.loc["z", "value"] == 0 and np.isnan(out.loc["z", "multiple"])
    assert out.loc["m", "value"] == pytest.approx(240.0)   # only the first year
    assert out.loc["x", "multiple"] == pytest.approx(21.0)


def test_customer_value_errors():
    customers = pd.DataFrame({"customer_id": ["x"], "margin": [1.0], "purchases_per_year": [1],
                              "retention": [1.5]})
    with pytest.raises(ValueError, match="retention"):
        sims.customer_value(customers, 2)
    with pytest.raises(ValueError, match="years"):
        sims.customer_value(customers.assign(retention=0.5), 0)


# ------------------------------------------------------------------ the neighbourhood


def test_equal_retention_gives_equal_shares():
    year = sims.simulate_neighbourhood(0.7, 0.7, n_rivals=3)
    shares = year.summary["market_share"]
    assert shares.sum() == pytest.approx(1.0)
    assert (shares - 0.25).abs().max() < 0.05


def test_remembering_raises_share_towards_the_formula():
    year = sims.simulate_neighbourhood(0.95, 0.7, n_rivals=3)
    share = year.market_share["remembers"]
    steady = sims.steady_share(0.95, 0.7, 3)
    assert share.iloc[0] < 0.35 and abs(share.iloc[-1] - steady) < 0.08
    s = year.summary
    assert s.loc["remembers", "share_of_wallet"] > s.drop("remembers")["share_of_wallet"].max()
    assert (year.repeat_rate["remembers"].mean()
            > year.repeat_rate.drop(columns="remembers").mean().max())


def test_steady_share_formula():
    # s (1 - r) = (1 - s)(1 - q) / k  ->  s = 0.1 / (0.05 + 0.1)
    assert sims.steady_share(0.95, 0.7, 3) == pytest.approx(2 / 3)
    assert sims.steady_share(1.0, 1.0, 2) == pytest.approx(1 / 3)


def test_a_point_of_retention_is_worth_more_at_the_top():
    low = sims.retention_point_value(0.6, 0.7)["extra_sales"]
    high = sims.retention_point_value(0.9, 0.7)["extra_sales"]
    assert 0 < low < high


def test_same_draws_same_year_and_errors():
    a = sims.simulate_neighbourhood(0.9, 0.6, 2)
    assert a.summary.equals(sims.simulate_neighbourhood(0.9, 0.6, 2).summary)
    with pytest.raises(ValueError, match="n_rivals"):
        sims.simulate_neighbourhood(0.9, 0.6, 0)
    with pytest.raises(ValueError, match="between 0 and 1"):
        sims.simulate_neighbourhood(1.2, 0.6, 2)


# ------------------------------------------------------------------ synthetic data


def test_generated_street_and_purchases():
    street = make_street(20, seed=5, away=2)
    assert (street["grams_per_person_day"] == 0).sum() == 2
    assert street["people"].between(1, 7).all()
    purchases, wallets = make_rice_purchases(street, seed=5)
    assert set(purchases["customer_id"]) <= set(wallets["customer_id"])
    net = purchases.groupby("customer_id")["amount"].sum()
    spend = wallets.set_index("customer_id")["category_spend"]
    assert (spend.reindex(net.index) >= net - 1e-9).all()


def test_student_street_follows_the_grader_id(monkeypatch):
    monkeypatch.delenv("CRM_STUDENT_ID", raising=False)
    with pytest.raises(ValueError, match="STUDENT_ID"):
        student_street("  ")
    monkeypatch.setenv("CRM_STUDENT_ID", "s007")
    assert student_street("s001")["households"].equals(street_for_student("s007")["households"])
