"""Chapter 3 models (course.sims.aidma) and the event-log generator, by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from course.sims.aidma import (
    AIDMA,
    AISAS,
    AISAS_OF_AIDMA,
    EVENTS,
    STAGE_PARAMS,
    bottleneck,
    budget_spend,
    channel_funnel,
    compare_paths,
    cost_per_action,
    first_channel,
    furthest_stage,
    simulate_funnel,
    stage_counts,
    stage_drops,
    stage_rates,
)
from course.synthetic.aidma import (
    event_log_for_student,
    events_from_rows,
    make_event_log,
    student_events,
)


def _counts(**values) -> pd.Series:
    return pd.Series(values, dtype="int64")


# ---------------------------------------------------------------- stage_counts


def test_stage_counts_by_hand():
    rates = pd.Series({"attention": 0.40, "interest": 0.25, "desire": 0.30, "memory": 0.60,
                       "action": 0.50})
    got = stage_counts(20_000, rates)
    assert got.tolist() == [8000, 2000, 600, 360, 180]
    assert got.index.tolist() == list(AIDMA) and got.dtype == "int64"


def test_halves_round_up_stage_by_stage():
    rates = pd.Series({"a": 0.5, "b": 0.5, "c": 0.5})
    assert stage_counts(5, rates).tolist() == [3, 2, 1]          # 2.5 -> 3, 1.5 -> 2, 1.0
    assert [round(5 * 0.5)] == [2]                               # what round() would give
    assert math.floor(5 * 0.125 + 0.5) == 1                      # once, at the end: different


def test_float_products_just_below_an_integer_are_not_cut():
    # 100 x 0.57 is 56.99999999999999 in floating point: still 57 people
    assert stage_counts(100, pd.Series({"a": 0.57})).tolist() == [57]


def test_zero_rate_empties_every_later_stage_and_zero_reach():
    rates = pd.Series({"attention": 0.3, "interest": 0.0, "search": 0.9})
    assert stage_counts(1000, rates).tolist() == [300, 0, 0]
    assert stage_counts(0, rates).tolist() == [0, 0, 0]


@pytest.mark.parametrize("bad", [-0.1, 1.2, np.nan])
def test_rates_outside_zero_one_are_refused(bad):
    with pytest.raises(ValueError, match="between 0 and 1"):
        stage_counts(100, pd.Series({"a": 0.5, "b": bad}))


def test_negative_reach_is_refused():
    with pytest.raises(ValueError, match="reach"):
        stage_counts(-1, pd.Series({"a": 0.5}))


# ---------------------------------------------------------------- bottleneck, drops, CPA


def test_bottleneck_is_the_largest_relative_drop_not_the_smallest_count():
    counts = _counts(attention=10_000, interest=4_000, desire=400, memory=300, action=150)
    assert stage_drops(counts).round(2).tolist()[1:] == [0.6, 0.9, 0.25, 0.5]
    assert bottleneck(counts) == "desire"


def test_a_tie_goes_to_the_earlier_stage():
    assert bottleneck(_counts(attention=800, interest=400, desire=200, action=180)) == "interest"


def test_after_an_empty_stage_there_is_no_drop():
    counts = _counts(reach=1000, attention=600, interest=0, action=0)
    drops = stage_drops(counts)
    assert drops["interest"] == 1.0 and np.isnan(drops["action"]) and np.isnan(drops["reach"])
    assert bottleneck(counts) == "interest"


@pytest.mark.parametrize("counts", [_counts(attention=50), _counts(a=0, b=0, c=0),
                                    pd.Series([], dtype="int64")])
def test_no_drop_means_no_bottleneck(counts):
    assert bottleneck(counts) is None


def test_no_loss_at_all_names_the_second_stage():
    assert bottleneck(_counts(a=7, b=7, c=7)) == "b"


def test_cost_per_action_and_empty_stage_is_nan_not_inf():
    got = cost_per_action(_counts(view=400, click=50, purchase=0), 1000)
    assert got.iloc[:2].tolist() == [2.5, 20.0] and np.isnan(got["purchase"])
    assert not np.isinf(got).any()
    assert cost_per_action(_counts(view=4, click=0), 0).fillna(-1).tolist() == [0.0, -1.0]


# ---------------------------------------------------------------- the observed funnel


@pytest.fixture
def small_log():
    return events_from_rows([
        ("a", "2025-03-01 09:00", "view", "live"), ("a", "2025-03-01 09:10", "click", "live"),
        ("b", "2025-03-01 08:00", "view", "social"), ("c", "2025-03-01 07:00", "login", "display"),
        ("c", "2025-03-01 11:00", "view", "search"), ("c", "2025-03-01 11:02", "click", "search"),
        ("b", "2025-03-01 12:00", "view", "live"),
        ("a", "2025-03-02 10:00", "add_to_cart", "search"),
        ("a", "2025-03-02 10:05", "purchase", "search"),
        ("d", "2025-03-03 09:00", "purchase", "live"), ("d", "2025-03-03 09:30", "share", "live"),
        ("a", "2025-03-04 10:00", "view", "social"), ("z", "2025-03-04 10:00", "login", "live"),
    ])


def test_furthest_stage_by_hand(small_log):
    got = furthest_stage(small_log)
    assert got.to_dict() == {"a": "purchase", "b": "view", "c": "click", "d": "share"}
    assert got.index.name == "user_id"


def test_furthest_stage_ignores_row_order(small_log):
    shuffled = small_log.sample(frac=1.0, random_state=3).set_axis(range(100, 113))
    assert furthest_stage(shuffled).equals(furthest_stage(small_log))


def test_first_channel_ignores_log_ins_and_breaks_ties_alphabetically(small_log):
    assert first_channel(small_log).to_dict() == {"a": "live", "b": "social", "c": "search",
                                                  "d": "live"}
    tie = events_from_rows([("e", "2025-03-05 10:00", "view", "social"),
                            ("e", "2025-03-05 10:00", "click", "display")])
    assert first_channel(tie).to_dict() == {"e": "display"}


def test_channel_funnel_by_hand(small_log):
    got = channel_funnel(small_log)
    assert got.index.tolist() == ["live", "search", "social"]
    assert got.columns.tolist() == list(EVENTS)
    assert got.loc["live"].tolist() == [2, 2, 2, 2, 1]
    assert got.loc["search"].tolist() == [1, 1, 0, 0, 0]
    assert got.loc["social"].tolist() == [1, 0, 0, 0, 0]


def test_channel_funnel_of_an_empty_log():
    got = channel_funnel(events_from_rows([]))
    assert got.empty and got.columns.tolist() == list(EVENTS)


def test_generated_funnels_never_rise():
    funnel = channel_funnel(make_event_log(n_users=500, seed=11))
    assert (funnel.diff(axis=1).iloc[:, 1:] <= 0).all().all()
    assert int(funnel["view"].sum()) == furthest_stage(make_event_log(500, seed=11)).size


# ---------------------------------------------------------------- the simulation


def test_stage_rates_have_diminishing_returns_and_stay_below_top():
    spend = np.arange(0, 100_001, 10_000, dtype=float)
    rates = stage_rates(pd.Series(spend, index=["interest"] * len(spend))).to_numpy()
    gains = np.diff(rates)
    assert (gains > 0).all() and (np.diff(gains) < 0).all()
    assert rates[0] == pytest.approx(STAGE_PARAMS.loc["interest", "base"])
    assert rates.max() < STAGE_PARAMS.loc["interest", "top"]


def test_budget_spend_normalises_weights():
    assert budget_spend(1000, {"a": 3, "b": 1}).tolist() == [750.0, 250.0]
    assert budget_spend(1000, {"a": 0, "b": 0}).tolist() == [0.0, 0.0]
    with pytest.raises(ValueError):
        budget_spend(1000, {"a": -1})


def test_simulate_funnel_table_is_consistent():
    f = simulate_funnel(100_000, 60_000, dict.fromkeys(AIDMA, 1.0))
    assert f.index.tolist() == ["reach", *AIDMA]
    assert f["spend"].drop("reach").sum() == pytest.approx(60_000)
    assert f["count"].tolist() == [100_000, *stage_counts(100_000, f["rate"].drop("reach"))]
    assert f["cost_per_action"].tolist() == pytest.approx(60_000 / f["count"])
    assert f["bottleneck"].sum() == 1
    assert f.index[f["bottleneck"]][0] == bottleneck(f["count"])


def test_aisas_bottleneck_is_on_the_way_to_purchase():
    f = simulate_funnel(100_000, 60_000, dict.fromkeys(AISAS, 1.0), path="aisas")
    assert f.loc["share", "drop"] > f["drop"].drop("share").max()  # share loses most buyers
    assert f.index[f["bottleneck"]][0] == bottleneck(f["count"].loc[:"action"])


def test_more_budget_at_a_stage_raises_purchases_with_diminishing_gains():
    # 12,000 yuan on every stage, then 12,000 and 24,000 more on interest only
    purchases = [int(simulate_funnel(100_000, 12_000 * (4 + w), {**dict.fromkeys(AIDMA, 1.0),
                                                                  "interest": w})
                     .loc["action", "count"]) for w in (1, 2, 3)]
    assert purchases[1] > purchases[0]
    assert purchases[2] - purchases[1] < purchases[1] - purchases[0]


def test_compare_paths_maps_the_plan_and_counts_one_wave_of_sharing():
    plan = {"attention": 1, "interest": 2, "desire": 0, "memory": 3, "action": 1}
    c = compare_paths(100_000, 60_000, plan)
    aisas = simulate_funnel(100_000, 60_000, {AISAS_OF_AIDMA[s]: w for s, w in plan.items()},
                            "aisas")
    assert c.loc["aisas", "purchases"] == aisas.loc["action", "count"]
    assert c.loc["aisas", "sharers"] == aisas.loc["share", "count"]
    assert c.loc["aidma", "earned_reach"] == 0 and c.loc["aidma", "sharers"] == 0
    wave = stage_counts(c.loc["aisas", "earned_reach"], aisas["rate"].drop("reach"))
    assert c.loc["aisas", "earned_purchases"] == wave["action"]
    assert (c["total_purchases"] == c["purchases"] + c["earned_purchases"]).all()


def test_no_budget_no_reach():
    c = compare_paths(10_000, 0, dict.fromkeys(AIDMA, 0.0))
    assert (c["total_purchases"] > 0).all()          # base rates still convert
    assert (c["cost_per_purchase"] == 0).all()
    f = simulate_funnel(10_000, 0, dict.fromkeys(AIDMA, 1.0))
    assert f["rate"].drop("reach").tolist() == pytest.approx(
        STAGE_PARAMS.loc[list(AIDMA), "base"].tolist())


# ---------------------------------------------------------------- the generator


def test_event_log_shape_and_untidiness():
    log = make_event_log(n_users=400, seed="s001")
    assert list(log.columns) == ["user_id", "timestamp", "event", "channel"]
    assert log["timestamp"].is_monotonic_increasing
    assert set(log["event"]) == {*EVENTS, "login"}
    stage = furthest_stage(log)
    position = stage.map({e: k for k, e in enumerate(EVENTS)})
    viewed = set(log.loc[log["event"] == "view", "user_id"])
    assert (~stage.index.isin(viewed)).any(), "some buyers have no logged view"
    last = log[log["event"].isin(EVENTS)].groupby("user_id")["event"].last()
    assert (last.loc[stage.index] != stage).any(), "some users view again after buying"
    assert (position >= 3).sum() > 0


def test_student_logs_differ_and_the_grader_id_wins(monkeypatch):
    monkeypatch.delenv("CRM_STUDENT_ID", raising=False)
    mine = student_events("s001")
    assert mine.equals(event_log_for_student("s001"))
    assert not mine.equals(student_events("s002"))
    monkeypatch.setenv("CRM_STUDENT_ID", "s002")
    assert student_events("s001").equals(event_log_for_student("s002"))
    monkeypatch.delenv("CRM_STUDENT_ID")
    with pytest.raises(ValueError, match="STUDENT_ID"):
        student_events(" ")


def test_the_instructor_notes_quote_what_the_model_gives():
    from pathlib import Path

    from course.sims.aidma import AIDMA, compare_paths, simulate_funnel

    equal = dict.fromkeys(AIDMA, 1.0)
    first = compare_paths(100_000, 60_000, equal)["total_purchases"]
    step = compare_paths(100_000, 60_000, {**equal, "attention": 0.5, "interest": 1.5})
    again = compare_paths(100_000, 60_000, {**equal, "attention": 0.0, "interest": 2.0})
    funnel = simulate_funnel(100_000, 60_000, equal, "aidma")
    assert funnel["bottleneck"].idxmax() == "interest"
    assert round(100 * funnel.loc["interest", "rate"]) == 28
    assert round(100 * funnel.loc["interest", "drop"]) == 72
    figures = [f"{n:,}" for n in (first["aidma"], first["aisas"], step["total_purchases"]["aidma"],
                                  again["total_purchases"]["aidma"])]
    assert again["total_purchases"]["aidma"] < step["total_purchases"]["aidma"]
    root = Path(__file__).resolve().parents[1]
    for lang in ("en", "zh"):
        notes = (root / "docs" / "instructor" / lang / "ch03.md").read_text(encoding="utf-8")
        missing = [f for f in figures if f not in notes]
        assert not missing, (lang, missing)
