"""Chapter 6 model (course.sims.selection): values worked out by hand, and edge cases."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from course.sims import selection as sel
from course.synthetic import transactions_from_rows as rows
from course.synthetic.selection import make_accounts, make_selection_transactions


@pytest.fixture()
def tiny():
    """The lecture's five customers; margin 0.3, £20 per order, £1 per line, £10 per return.

    Ada: 340 revenue, 1 order, 2 lines -> 102 - 22 = 80
    Ben: 48 revenue, 4 orders, 4 lines -> 14.4 - 84 = -69.6
    Cai: 120 - 48 = 72 revenue, 1 order, 1 line, 1 return -> 21.6 - 31 = -9.4
    Dee: 240 revenue, 1 order, 3 lines -> 72 - 23 = 49
    Eve: 18 revenue, 1 order, 1 line -> 5.4 - 21 = -15.6
    """
    return rows([
        ("Ada", "1", "2024-03-01", 40, 6.0), ("Ada", "1", "2024-03-01", 20, 5.0),
        ("Ben", "2", "2024-03-02", 2, 9.0), ("Ben", "3", "2024-03-09", 1, 9.0),
        ("Ben", "4", "2024-03-16", 3, 4.0), ("Ben", "5", "2024-03-23", 1, 9.0),
        ("Cai", "6", "2024-03-05", 30, 4.0), ("Cai", "C6", "2024-03-12", -12, 4.0),
        ("Dee", "7", "2024-03-06", 10, 12.0), ("Dee", "7", "2024-03-06", 5, 12.0),
        ("Dee", "7", "2024-03-06", 5, 12.0), ("Eve", "8", "2024-03-20", 6, 3.0),
    ])


MODEL = {"margin": 0.30, "cost_per_order": 20.0, "cost_per_line": 1.0, "cost_per_return": 10.0}


def test_profit_by_hand(tiny):
    out = sel.customer_profit(tiny, **MODEL)
    assert list(out.columns) == list(sel.PROFIT_COLUMNS)
    assert out.index.tolist() == ["Ada", "Ben", "Cai", "Dee", "Eve"]
    assert out["revenue"].tolist() == [340.0, 48.0, 72.0, 240.0, 18.0]
    assert out["orders"].tolist() == [1, 4, 1, 1, 1]
    assert out["lines"].tolist() == [2, 4, 1, 3, 1]
    assert out["returns"].tolist() == [0, 0, 1, 0, 0]
    assert out["profit"].round(2).tolist() == [80.0, -69.6, -9.4, 49.0, -15.6]


def test_a_customer_with_only_returns_and_a_free_item():
    tx = rows([("z", "C1", "2024-01-02", -2, 12.0), ("f", "2", "2024-01-03", 1, 0.0),
               ("f", "2", "2024-01-03", 2, 5.0)])
    out = sel.customer_profit(tx, 0.5, 10.0, 2.0, 4.0)
    assert out.loc["z"].tolist() == [-24.0, 0, 0, 1, 4.0, -16.0]
    assert out.loc["f"].tolist() == [10.0, 1, 2, 0, 14.0, -9.0]


def test_empty_and_index_independence():
    empty = sel.customer_profit(rows([]).astype({"quantity": "int64", "amount": "float64"}))
    assert empty.empty and list(empty.columns) == list(sel.PROFIT_COLUMNS)
    tx = make_selection_transactions(20, seed=5)
    shuffled = tx.sample(frac=1.0, random_state=1)
    shuffled.index = np.arange(len(tx)) * 7 + 3
    pd.testing.assert_frame_equal(sel.customer_profit(tx), sel.customer_profit(shuffled))


def test_whale_curve_by_hand(tiny):
    profit = sel.customer_profit(tiny, **MODEL)["profit"]
    curve = sel.whale_curve(profit)
    assert curve.index.tolist() == ["Ada", "Dee", "Cai", "Eve", "Ben"]
    assert curve["rank"].tolist() == [1, 2, 3, 4, 5]
    assert curve["cum_profit"].round(2).tolist() == [80.0, 129.0, 119.6, 104.0, 34.4]
    assert curve["cum_share"].iloc[-1] == pytest.approx(1.0)
    peak = sel.whale_peak(profit)
    assert peak["customers"] == 2 and peak["customer_share"] == pytest.approx(0.4)
    assert peak["peak_profit"] == pytest.approx(129.0)
    assert peak["peak_share"] == pytest.approx(129.0 / 34.4)
    assert peak["peak_profit"] == pytest.approx(curve["cum_profit"].max())


def test_whale_ties_by_id_as_text_and_undefined_shares():
    curve = sel.whale_curve(pd.Series({"9": 7.0, "2": 1.0, "10": 7.0}))
    assert curve.index.tolist() == ["10", "9", "2"]
    negative = sel.whale_curve(pd.Series({"x": 5.0, "y": -9.0}))
    assert negative["cum_share"].isna().all()
    zero = sel.whale_curve(pd.Series({"x": 5.0, "y": -5.0}))
    assert zero["cum_share"].isna().all()
    assert math.isnan(sel.whale_peak(pd.Series({"x": 5.0, "y": -5.0}))["peak_share"])
    empty = sel.whale_curve(pd.Series([], dtype=float))
    assert empty.empty and list(empty.columns) == list(sel.CURVE_COLUMNS)
    assert sel.whale_peak(pd.Series([], dtype=float))["customers"] == 0


def test_zero_profits_after_the_peak_are_not_counted():
    peak = sel.whale_peak(pd.Series({"a": 10.0, "b": 0.0, "c": -3.0}))
    assert peak["customers"] == 1 and peak["peak_profit"] == 10.0


def test_dropping_by_hand():
    t = pd.DataFrame({"profit": [50.0, -10.0, 5.0], "cost_to_serve": [20.0, 30.0, 10.0]},
                     index=["a", "b", "c"])
    assert sel.profit_after_dropping(t, 0, 0.5) == 45.0
    assert sel.profit_after_dropping(t, 1, 0.5) == 40.0
    assert sel.profit_after_dropping(t, 2, 0.0) == 50.0
    assert sel.profit_after_dropping(t, 3, 1.0) == -60.0
    with pytest.raises(ValueError, match="whole number"):
        sel.profit_after_dropping(t, 4, 0.5)
    with pytest.raises(ValueError, match="whole number"):
        sel.profit_after_dropping(t, 1.5, 0.5)
    with pytest.raises(ValueError, match="fixed_share"):
        sel.profit_after_dropping(t, 1, 1.5)


def test_dropping_tie_goes_by_id():
    t = pd.DataFrame({"profit": [-5.0, -5.0, 40.0], "cost_to_serve": [10.0, 100.0, 20.0]},
                     index=["q", "p", "r"])
    assert sel.profit_after_dropping(t, 1, 0.5) == -15.0


def test_dropping_curve_agrees_with_single_values():
    table = sel.customer_profit(make_selection_transactions(40, seed=2))
    curve = sel.dropping_curve(table, 0.3)
    for k in (0, 1, 7, len(table)):
        assert curve.iloc[k] == pytest.approx(sel.profit_after_dropping(table, k, 0.3))
    # with no fixed cost, dropping exactly the loss-makers gives the peak of the whale curve
    losers = int((table["profit"] < 0).sum())
    assert sel.dropping_curve(table, 0.0).iloc[losers] == pytest.approx(
        sel.whale_peak(table["profit"])["peak_profit"])


def test_value_matrix_by_hand():
    c = pd.DataFrame({"customer_id": ["k", "m", "p", "x", "l", "z"],
                      "current_value": [900.0, 100.0, 99.99, 5.0, -40.0, 0.0],
                      "potential_value": [700.0, 499.99, 500.0, 10.0, 900.0, 1.0]})
    out = sel.value_matrix(c, 100.0, 500.0)
    assert out["quadrant"].tolist() == ["keystone", "mainstay", "prospect", "marginal",
                                        "prospect", "marginal"]
    assert out["strategy"].tolist() == ["invest", "maintain", "develop", "streamline",
                                        "develop", "streamline"]
    zero_cut = sel.value_matrix(c, 0.0, 0.0)
    assert zero_cut.loc["l", "quadrant"] == "prospect" and zero_cut.loc["z", "quadrant"] == \
        "prospect"
    summary = sel.matrix_summary(c, out["quadrant"])
    assert summary["customers"].tolist() == [1, 1, 2, 2]
    assert summary.loc["prospect", "current_value"] == pytest.approx(59.99)


def test_retail_activity_keeps_returns_and_drops_non_goods():
    raw = pd.DataFrame({
        "InvoiceNo": ["1", "1", "C2", "3", "4", "4"],
        "StockCode": ["85123A", "POST", "85123A", "22", "21730", "21730"],
        "Description": ["a", "postage", "a", "x", "b", "b"],
        "Quantity": [6, 1, -2, 1, 3, 3],
        "InvoiceDate": pd.to_datetime(["2011-01-01"] * 2 + ["2011-01-05", "2011-01-06",
                                                            "2011-01-07", "2011-01-07"]),
        "UnitPrice": [2.5, 18.0, 2.5, 1.0, 4.0, 4.0],
        "CustomerID": [17850.0, 17850.0, 17850.0, None, 12.0, 12.0], "Country": ["UK"] * 6})
    out = sel.retail_activity(raw)
    assert out["order_id"].tolist() == ["1", "C2", "4"]  # postage, no id, duplicate dropped
    drivers = sel.cost_drivers(out)
    assert drivers.loc["17850"].tolist() == [10.0, 1, 1, 1]


def test_generated_data_has_loss_makers_and_accounts_are_sane():
    table = sel.customer_profit(make_selection_transactions(120, seed=0))
    assert 0 < (table["profit"] < 0).mean() < 0.6
    assert sel.whale_peak(table["profit"])["peak_share"] > 1
    accounts = make_accounts(100, seed=3)
    assert (accounts["potential_value"] >= 0).all() and (accounts["current_value"] < 0).any()


def test_dropping_curves_at_once_equal_one_at_a_time():
    table = sel.customer_profit(make_selection_transactions(30, seed=4))
    together = sel.dropping_curves(table, (0.0, 0.35, 1.0))
    for share in (0.0, 0.35, 1.0):
        pd.testing.assert_series_equal(together[share].rename(None),
                                       sel.dropping_curve(table, share))
    with pytest.raises(ValueError, match="between 0 and 1"):
        sel.dropping_curves(table, (0.5, 2.0))


def test_ties_keep_text_order_whether_or_not_ids_arrive_sorted():
    values = pd.Series({"b": 1.0, "a": 1.0, "10": 1.0, "9": 2.0})
    assert sel.whale_curve(values).index.tolist() == ["9", "10", "a", "b"]
    assert sel.whale_curve(values.sort_index()).index.tolist() == ["9", "10", "a", "b"]
