"""Chapter 1 widgets: every control changes what is shown; Chinese labels; the benchmark runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from course.sims.concepts import next_delivery
from course.widgets.concepts import (
    BAG_SIZES,
    PLAN_DAYS,
    remembering_shops,
    rice_planner,
    rice_street,
    shop_label,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def planner():
    return rice_planner(lang="en")


@pytest.fixture(scope="module")
def shops():
    return remembering_shops(lang="en")


def _moved(widget, control, value, shown):
    """Set a control; return what ``shown(widget)`` and the PNG were before and after."""
    before, png = shown(widget), widget.png
    getattr(widget, control).value = value
    return before, png, shown(widget), widget.png


@pytest.mark.parametrize("control, value", [("people", 9), ("grams", 550), ("bag_kg", 5),
                                            ("safety", 6)])
def test_every_planner_control_changes_the_plan_and_the_picture(planner, control, value):
    before, png, after, new_png = _moved(planner, control, value,
                                         lambda w: (w.calendar.copy(), w.path.copy()))
    assert not (before[0].equals(after[0]) and (before[1] == after[1]).all())
    assert png != new_png


def test_the_planner_figure_is_reused():
    w = rice_planner(lang="en")
    figure = w.figure
    for safety in (0, 3, 1, 2):
        w.safety.value = safety
    assert w.figure is figure


def test_planner_model_is_the_sims(planner):
    planner.safety.value = 3
    street = planner.households
    assert street.loc[0, "people"] == planner.people.value
    assert planner.plan.equals(next_delivery(street, planner.start, safety_days=3))
    assert len(planner.path) == PLAN_DAYS


def test_smaller_bags_mean_more_deliveries():
    w = rice_planner(lang="en")
    counts = {}
    for bag in BAG_SIZES:
        w.bag_kg.value = bag
        counts[bag] = len(w.calendar)
    assert counts[5] > counts[10] > counts[25] >= counts[50]


def test_a_larger_margin_brings_the_delivery_forward():
    w = rice_planner(lang="en")
    w.safety.value = 0
    late = w.plan["deliver_on"].iloc[0]
    w.safety.value = 5
    assert w.plan["deliver_on"].iloc[0] < late
    assert "Deliver on" in w.table.value


def test_planner_on_a_street_of_its_own():
    street = rice_street(3).assign(grams_per_person_day=[300, 0, 250])
    w = rice_planner(street, start="2025-01-06", lang="en")
    assert set(w.calendar["household_id"]) <= {"H01", "H03"}
    with pytest.raises(ValueError, match="at least one household"):
        rice_planner(street.head(0))
    with pytest.raises(ValueError, match="lang"):
        rice_planner(lang="fr")


@pytest.mark.parametrize("control, value", [("keep_remember", 0.7), ("keep_forget", 0.9),
                                            ("n_rivals", 1)])
def test_every_shops_control_changes_the_year(shops, control, value):
    figure = shops.figure
    before, png, after, new_png = _moved(shops, control, value, lambda w: w.year.summary)
    assert not before.equals(after)
    assert png != new_png and shops.figure is figure


def test_remembering_pays_in_the_widget():
    w = remembering_shops(lang="en")
    w.keep_remember.value, w.keep_forget.value = 0.95, 0.7
    high = w.year.summary.loc["remembers", "market_share"]
    w.keep_remember.value = 0.7
    assert w.year.summary.loc["remembers", "market_share"] < high
    assert w.point["extra_sales"] > 0
    w.n_rivals.value = 5
    assert len(w.year.shops) == 6
    assert sum(line.get_visible() for line in w._chart.rival_lines) == 5


def test_chinese_labels():
    p = rice_planner(lang="zh")
    assert "送米日期" in p.table.value and "动手试一试" in p.prompt.value
    assert p._chart.top.get_ylabel() == "米缸存米（公斤）"
    s = remembering_shops(lang="zh")
    assert "钱包份额" in s.table.value and "元" in s.table.value
    assert s._chart.figure.axes[0].get_ylabel() == "市场占有率"
    assert shop_label("rival 3", "zh") == "对手米店 3"


def test_dates_in_the_table_speak_the_language():
    en, zh = rice_planner(lang="en"), rice_planner(lang="zh")
    when = en.plan["deliver_on"].iloc[0]
    assert when.strftime("%d %b %Y") in en.table.value
    assert f"{when.year}年{when.month}月{when.day}日" in zh.table.value


@pytest.mark.slow
def test_benchmark_names_every_control():
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_widgets_ch01.py"),
                          "--quick", "--no-save", "--lang", "en"],
                         capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert run.returncode == 0, run.stderr
    for control in ("people", "grams", "bag_kg", "safety", "keep_remember", "keep_forget",
                    "n_rivals"):
        assert control in run.stdout, control
    assert "results written" not in run.stdout
    assert not pd.isna(float(run.stdout.split("slowest control, in place: ")[1].split()[0]))
