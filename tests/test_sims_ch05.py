"""Unit tests of course.sims.identification: hand-computed cases, edge cases, invariants."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from course.sims.identification import (
    MAN_GRADES,
    abc_classes,
    man_grade,
    man_qualify,
    pareto_curve,
    quantile_score,
    rfm_scores,
    rfm_segments,
    rfm_table,
    segment_summary,
    value_quadrant,
    value_tiers,
    weighted_rfm,
)
from course.synthetic import make_transactions, transactions_from_rows

tx_from = transactions_from_rows


def rfm_frame(ids, recency, frequency, monetary) -> pd.DataFrame:
    return pd.DataFrame({"recency": recency, "frequency": frequency, "monetary": monetary},
                        index=pd.Index(ids, name="customer_id"))


EMPTY_TX = tx_from([])


# ====================================================================== rfm_table


def test_rfm_table_hand_computed():
    tx = tx_from([("a", "1", "2024-01-02", 2, 5.0), ("a", "1", "2024-01-02", 1, 5.0),
                  ("b", "3", "2024-01-05", 4, 10.0), ("a", "2", "2024-01-09", 1, 20.0),
                  ("c", "4", "2024-01-10", 3, 2.5)])
    got = rfm_table(tx, as_of="2024-01-11")
    assert got.index.name == "customer_id"
    assert got.index.tolist() == ["a", "b", "c"]
    assert got.to_dict("list") == {"recency": [2, 6, 1], "frequency": [2, 1, 1],
                                   "monetary": [35.0, 40.0, 7.5]}
    assert got.dtypes.astype(str).tolist() == ["int64", "int64", "float64"]


def test_rfm_table_ignores_returns_and_free_items_and_default_as_of():
    tx = tx_from([("a", "10", "2024-03-01", 2, 10.0), ("b", "11", "2024-03-02", 1, 15.0),
                  ("b", "12", "2024-03-03", 3, 10.0), ("c", "C99", "2024-03-04", -2, 4.0),
                  ("a", "C10", "2024-03-05", -1, 10.0), ("d", "13", "2024-03-06", 1, 0.0)])
    got = rfm_table(tx)  # default as_of: day after the last *sale* (03-03), not 03-06
    assert got.to_dict("index") == {"a": {"recency": 3, "frequency": 1, "monetary": 20.0},
                                    "b": {"recency": 1, "frequency": 2, "monetary": 45.0}}


def test_rfm_table_counts_calendar_days():
    tx = tx_from([("x", "1", "2024-05-31 23:59", 2, 2.0), ("x", "2", "2024-06-01 08:00", 5, 2.5),
                  ("x", "2", "2024-06-01 08:00", 1, 2.5), ("y", "3", "2024-05-20 10:00", 1, 100.0)])
    got = rfm_table(tx, as_of="2024-06-03 17:45")
    assert got["recency"].to_dict() == {"x": 2, "y": 14}
    assert got["frequency"].to_dict() == {"x": 2, "y": 1}
    assert got["monetary"].to_dict() == {"x": 19.0, "y": 100.0}
    # default: the day after the last purchase, so the latest buyer has recency 1
    assert rfm_table(tx)["recency"].to_dict() == {"x": 1, "y": 13}


def test_rfm_table_same_order_id_on_two_days_is_one_order():
    tx = tx_from([("a", "1", "2024-01-01", 1, 1.0), ("a", "1", "2024-01-03", 1, 1.0)])
    assert rfm_table(tx, as_of="2024-01-04").loc["a"].tolist() == [1, 1, 2.0]


@pytest.mark.parametrize("tx", [
    EMPTY_TX,
    tx_from([("a", "C1", "2024-01-01", -1, 5.0), ("b", "C2", "2024-01-02", -3, 1.0)]),
], ids=["empty", "returns only"])
def test_rfm_table_empty_result(tx):
    got = rfm_table(tx)
    assert got.empty and got.columns.tolist() == ["recency", "frequency", "monetary"]
    assert got.index.name == "customer_id"
    assert got.dtypes.astype(str).tolist() == ["int64", "int64", "float64"]


def test_rfm_table_single_purchase_customers():
    tx = tx_from([(c, str(i), f"2024-02-0{i}", 1, 10.0 * i) for i, c in enumerate("pqr", 1)])
    got = rfm_table(tx, as_of="2024-02-10")
    assert (got["frequency"] == 1).all()
    assert got["recency"].tolist() == [9, 8, 7]
    assert got["monetary"].tolist() == [10.0, 20.0, 30.0]


def test_rfm_table_missing_column_and_wrong_type():
    with pytest.raises(KeyError, match=r"missing column\(s\) \['amount'\]"):
        rfm_table(EMPTY_TX.drop(columns="amount"))
    with pytest.raises(TypeError, match="must be a pandas DataFrame"):
        rfm_table([1, 2, 3])


def test_rfm_table_row_order_does_not_matter():
    tx = make_transactions(60, seed=5, return_rate=0.1)
    shuffled = tx.sample(frac=1.0, random_state=1)
    pd.testing.assert_frame_equal(rfm_table(tx), rfm_table(shuffled))


def test_rfm_table_totals_match_the_sales():
    tx = make_transactions(80, seed="totals", return_rate=0.2)
    sales = tx[(tx["quantity"] > 0) & (tx["amount"] > 0)]
    got = rfm_table(tx)
    assert got["frequency"].sum() == sales.groupby("customer_id")["order_id"].nunique().sum()
    np.testing.assert_allclose(got["monetary"].sum(), sales["amount"].sum())
    assert got["recency"].min() == 1


# ====================================================================== scores


def test_quantile_score_hand_computed_with_ties():
    # worse counts 0, 0, 0, 3, 4 -> 1 + floor(5 * w / 5)
    assert quantile_score(pd.Series([1, 1, 1, 2, 5])).tolist() == [1, 1, 1, 4, 5]
    # recency: smaller is better
    assert quantile_score(pd.Series([3, 30, 300]), 3, higher_is_better=False).tolist() == [3, 2, 1]


def test_rfm_scores_hand_computed():
    rfm = rfm_frame(list("abcde"), [1, 10, 10, 30, 100], [5, 1, 1, 1, 2],
                    [500.0, 20.0, 35.0, 35.0, 80.0])
    got = rfm_scores(rfm, bins=5)
    assert got.columns.tolist() == ["r_score", "f_score", "m_score"]
    assert got.index.equals(rfm.index)
    assert got.to_dict("list") == {"r_score": [5, 3, 3, 2, 1], "f_score": [5, 1, 1, 1, 4],
                                   "m_score": [5, 1, 2, 2, 4]}
    assert (got.dtypes == "int64").all()


def test_rfm_scores_three_bins_four_customers():
    rfm = rfm_frame(list("wxyz"), [2, 15, 40, 40], [3, 3, 1, 8], [250.0, 90.0, 40.0, 900.0])
    assert rfm_scores(rfm, bins=3).to_dict("list") == {
        "r_score": [3, 2, 1, 1], "f_score": [1, 1, 1, 3], "m_score": [2, 1, 1, 3]}


def test_ties_at_a_bin_edge_are_not_split():
    # worse counts 0, 1, 1, 3; with bins=2 the edge falls between the two 2s
    assert quantile_score(pd.Series([1, 2, 2, 3]), bins=2).tolist() == [1, 1, 1, 2]
    # pd.qcut on ranks would split the 9s over scores 3 to 5; here they share one score,
    # 1 + floor(5 * 4 / 10) = 3
    scores = quantile_score(pd.Series([7, 7, 7, 7, 9, 9, 9, 9, 9, 9]), bins=5)
    assert scores.tolist() == [1] * 4 + [3] * 6


@pytest.mark.parametrize("bins", [2, 3, 5, 10])
def test_distinct_values_use_every_score(bins):
    values = pd.Series(np.arange(bins * 3, dtype=float))
    scores = quantile_score(values, bins)
    assert sorted(scores.unique()) == list(range(1, bins + 1))
    assert (scores.value_counts() == 3).all()


def test_bins_2_and_10_hand_computed():
    assert quantile_score(pd.Series([4.0, 1.0, 3.0, 2.0]), bins=2).tolist() == [2, 1, 2, 1]
    assert quantile_score(pd.Series(range(10)), bins=10).tolist() == list(range(1, 11))
    # fewer customers than bins: the best cannot reach the top score
    assert quantile_score(pd.Series([1, 2, 3]), bins=10).tolist() == [1, 4, 7]


def test_all_equal_values_score_one():
    rfm = rfm_frame(list("abcd"), [5] * 4, [1] * 4, [10.0] * 4)
    assert (rfm_scores(rfm) == 1).all().all()


def test_single_customer_and_empty():
    assert rfm_scores(rfm_frame(["a"], [3], [2], [10.0])).iloc[0].tolist() == [1, 1, 1]
    empty = rfm_scores(rfm_table(EMPTY_TX))
    assert empty.empty and empty.columns.tolist() == ["r_score", "f_score", "m_score"]


@pytest.mark.parametrize("bins", [1, 0, -3, 2.5])
def test_bad_bins(bins):
    with pytest.raises(ValueError, match="bins must be an integer of at least 2"):
        quantile_score(pd.Series([1, 2]), bins)


def test_rfm_scores_needs_the_columns():
    with pytest.raises(KeyError, match="monetary"):
        rfm_scores(pd.DataFrame({"recency": [1], "frequency": [1]}))


def random_rfm(seed: int, n: int = 57) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return rfm_frame([f"c{i:03d}" for i in range(n)], rng.integers(1, 60, n),
                     rng.geometric(0.4, n), np.round(rng.lognormal(4, 1, n), 2))


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("bins", [2, 5, 10])
def test_score_invariants(seed, bins):
    rfm = random_rfm(seed)
    scores = rfm_scores(rfm, bins)
    assert scores.isin(range(1, bins + 1)).all().all()
    # equal values, equal scores; better values, scores at least as high
    for col, score, sign in [("recency", "r_score", -1), ("frequency", "f_score", 1),
                             ("monetary", "m_score", 1)]:
        order = np.argsort(sign * rfm[col].to_numpy(), kind="stable")
        assert np.all(np.diff(scores[score].to_numpy()[order]) >= 0)
        assert (scores.groupby(rfm[col])[score].nunique() == 1).all()
    # a constant added to every monetary value changes no m score
    shifted = rfm.assign(monetary=rfm["monetary"] + 1000.0)
    pd.testing.assert_series_equal(rfm_scores(shifted, bins)["m_score"], scores["m_score"])
    # nor does the order of the rows
    permuted = rfm.sample(frac=1.0, random_state=seed)
    pd.testing.assert_frame_equal(rfm_scores(permuted, bins).loc[rfm.index], scores)


def test_score_shares_are_roughly_quantiles():
    scores = quantile_score(pd.Series(np.arange(1000.0)), bins=5)
    assert scores.value_counts().sort_index().tolist() == [200] * 5


# ====================================================================== ABC


def test_abc_crossing_customer_is_in_a():
    values = pd.Series({"a": 20.0, "b": 90.0, "c": 60.0, "d": 17.0, "e": 9.0, "f": 4.0})
    assert abc_classes(values).to_dict() == {"a": "A", "b": "A", "c": "A", "d": "B",
                                             "e": "B", "f": "C"}


def test_abc_exact_boundary():
    values = pd.Series({"p": 60.0, "q": 20.0, "r": 15.0, "s": 5.0})
    assert abc_classes(values).tolist() == ["A", "A", "B", "C"]


def test_abc_ties_zero_and_negative():
    values = pd.Series({"x": 30.0, "w": 30.0, "v": 25.0, "u": 15.0, "t": 0.0, "s": -5.0})
    got = abc_classes(values, a_cut=0.25, b_cut=0.9)
    assert got.index.tolist() == values.index.tolist()
    # w alone would reach 25 %, but x is equal to w: equal values share a class
    assert got.to_dict() == {"x": "A", "w": "A", "v": "B", "u": "B", "t": "C", "s": "C"}


@pytest.mark.parametrize("a_cut, b_cut, expected", [
    # q crosses 60 %; r, equal to q, joins A
    (0.6, 0.95, {"p": "A", "q": "A", "r": "A", "s": "B"}),
    # exactly at the cut: p brings 50 %, so q and r (together) are B, not split
    (0.5, 0.75, {"p": "A", "q": "B", "r": "B", "s": "C"}),
    # a tie at the B cut-off: q crosses 75 % and r joins B
    (0.5, 0.8, {"p": "A", "q": "B", "r": "B", "s": "C"}),
])
def test_abc_a_tie_at_the_cut_off_is_never_split(a_cut, b_cut, expected):
    values = pd.Series({"s": 10.0, "r": 20.0, "q": 20.0, "p": 50.0})
    assert abc_classes(values, a_cut, b_cut).to_dict() == expected
    # renaming the tied customers changes nothing: no tie is broken by id
    renamed = values.rename({"q": "z", "r": "a"})
    assert sorted(abc_classes(renamed, a_cut, b_cut).tolist()) == sorted(expected.values())


def test_abc_a_cut_equal_to_b_cut_has_no_b():
    values = pd.Series({"a": 50.0, "b": 30.0, "c": 15.0, "d": 5.0})
    assert abc_classes(values, 0.8, 0.8).tolist() == ["A", "A", "C", "C"]
    assert abc_classes(values, 1.0, 1.0).tolist() == ["A", "A", "A", "A"]


@pytest.mark.parametrize("values, expected", [
    (pd.Series(dtype=float), []),
    (pd.Series({"a": 0.0, "b": 0.0}), ["C", "C"]),
    (pd.Series({"a": -1.0, "b": -2.0}), ["C", "C"]),
    (pd.Series({"a": 5.0}), ["A"]),
    (pd.Series({"a": 5.0, "b": 5.0, "c": 5.0, "d": 5.0, "e": 5.0}), ["A", "A", "A", "A", "A"]),
    (pd.Series({"a": 5.0, "b": 5.0, "c": 1.0}), ["A", "A", "B"]),
])
def test_abc_edge_cases(values, expected):
    assert abc_classes(values).tolist() == expected


@pytest.mark.parametrize("a_cut, b_cut", [(0, 0.5), (0.9, 0.8), (0.5, 1.2), (-0.1, 0.9)])
def test_abc_bad_cuts(a_cut, b_cut):
    with pytest.raises(ValueError, match="need 0 < a_cut <= b_cut <= 1"):
        abc_classes(pd.Series({"a": 1.0}), a_cut, b_cut)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("a_cut, b_cut", [(0.8, 0.95), (0.5, 0.9), (0.7, 0.7)])
def test_abc_invariants(seed, a_cut, b_cut):
    rng = np.random.default_rng(seed)
    values = pd.Series(np.round(rng.lognormal(3, 1.2, 40), 0) - 3,
                       index=[f"k{i:02d}" for i in range(40)])
    classes = abc_classes(values, a_cut, b_cut)
    total = values.clip(lower=0).sum()
    a_values = values[classes == "A"]
    ab_values = values[classes.isin(["A", "B"])]
    assert a_values.sum() / total >= a_cut - 1e-12
    assert ab_values.sum() / total >= b_cut - 1e-12
    # fewest customers, ties kept together: without the smallest A value (all the
    # customers who have it) the share is below the cut
    assert (a_values[a_values > a_values.min()].sum()) / total < a_cut
    # equal values share a class
    assert (classes.groupby(values).nunique() == 1).all()
    # classes follow value; non-positive values are C
    assert a_values.min() >= np.max(values[classes == "B"].to_numpy(), initial=-np.inf)
    assert (classes[values <= 0] == "C").all()
    # order of the input does not matter
    permuted = values.sample(frac=1.0, random_state=seed)
    pd.testing.assert_series_equal(abc_classes(permuted, a_cut, b_cut).loc[values.index],
                                   classes)


def test_pareto_curve_hand_computed_and_empty():
    curve = pareto_curve(pd.Series({"a": 10.0, "b": 70.0, "c": 20.0}))
    assert curve.index.tolist() == ["b", "c", "a"]
    np.testing.assert_allclose(curve["value_share"], [0.7, 0.9, 1.0])
    np.testing.assert_allclose(curve["customer_share"], [1 / 3, 2 / 3, 1.0])
    np.testing.assert_allclose(curve["share_above"], [0.0, 0.7, 0.9])
    assert pareto_curve(pd.Series(dtype=float)).empty


def test_pareto_curve_equal_values_share_what_is_above_them():
    curve = pareto_curve(pd.Series({"d": 10.0, "c": 30.0, "b": 30.0, "a": 30.0}))
    assert curve.index.tolist() == ["a", "b", "c", "d"]  # equal values by id, for display
    np.testing.assert_allclose(curve["share_above"], [0.0, 0.0, 0.0, 0.9])
    np.testing.assert_allclose(curve["value_share"], [0.3, 0.6, 0.9, 1.0])


# ====================================================================== MAN


def test_man_grade_counts_criteria():
    assert man_grade(True, True, True) == "qualified"
    assert man_grade(True, False, True) == "develop"
    assert man_grade(False, False, True) == "nurture"
    assert man_grade(0, 0, 0) == "drop"


def test_man_qualify_every_grade_and_the_budget_boundary():
    leads = pd.DataFrame({"lead_id": ["L1", "L2", "L3", "L4", "L5"],
                          "budget": [5000.0, 1000.0, 999.0, 200.0, 2500.0],
                          "has_authority": [True, False, True, False, False],
                          "has_need": [True, True, False, False, False]})
    got = man_qualify(leads, min_budget=1000)
    assert got.index.name == "lead_id"
    assert got.to_dict() == {"L1": "qualified", "L2": "develop", "L3": "nurture",
                             "L4": "drop", "L5": "nurture"}
    assert set(got) <= set(MAN_GRADES)


def test_man_qualify_keeps_lead_order_and_handles_empty():
    leads = pd.DataFrame({"lead_id": ["L9", "L7"], "budget": [20000.0, 19999.5],
                          "has_authority": [True, True], "has_need": [False, True]})
    assert man_qualify(leads, 20000.0).to_dict() == {"L9": "develop", "L7": "develop"}
    empty = man_qualify(leads.iloc[:0], 1)
    assert empty.empty and empty.index.name == "lead_id"


def test_man_qualify_needs_the_columns():
    with pytest.raises(KeyError, match="has_need"):
        man_qualify(pd.DataFrame({"lead_id": ["L1"], "budget": [1.0],
                                  "has_authority": [True]}), 1)


# ====================================================================== the rest


def test_weighted_rfm_tiers_and_segments():
    scores = pd.DataFrame({"r_score": [5, 4, 5, 1, 2, 1], "f_score": [5, 4, 1, 5, 1, 1],
                           "m_score": [5, 3, 1, 4, 2, 1]})
    assert weighted_rfm(scores).round(4).tolist() == [5.0, 3.6667, 2.3333, 3.3333, 1.6667, 1.0]
    assert weighted_rfm(scores, (1, 0, 0)).tolist() == [5.0, 4.0, 5.0, 1.0, 2.0, 1.0]
    with pytest.raises(ValueError, match="weights"):
        weighted_rfm(scores, (0, 0, 0))
    assert value_tiers(pd.Series([5.0, 4.0, 3.0, 2.0, 1.0]), 5).tolist() == [
        "top", "top", "high", "medium", "low"]
    assert rfm_segments(scores).tolist() == ["champions", "loyal", "promising", "at_risk",
                                             "attention", "lost"]


def test_segment_summary_and_value_quadrant():
    summary = segment_summary(pd.Series(["x", "y", "x"]), pd.Series([10.0, 30.0, 60.0]),
                              order=["y", "x", "z"])
    assert summary.index.tolist() == ["y", "x", "z"]
    assert summary["customers"].tolist() == [1, 2, 0]
    np.testing.assert_allclose(summary["revenue_share"], [0.3, 0.7, 0.0])
    assert value_quadrant(pd.Series([9, 5, 1, 1]), pd.Series([9, 1, 5, 1]), 5, 5).tolist() == [
        "vip", "major", "potential", "ordinary"]


def test_the_benchmark_loop_agrees_with_rfm_table():
    """The baseline of benchmarks/bench_rfm.py computes the same table (no timing here)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_rfm.py"
    spec = importlib.util.spec_from_file_location("bench_rfm", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    tx = make_transactions(120, seed="bench", return_rate=0.15)
    for as_of in (None, "2025-02-01"):
        pd.testing.assert_frame_equal(bench.loop_rfm_table(tx, as_of), rfm_table(tx, as_of),
                                      check_exact=False, rtol=1e-9)
