"""Kernel-free tests of the chapter 6 widgets (course.widgets.selection).

Each test drives a widget through its public attributes and checks what it
shows: the numbers in ``summary`` / ``peak`` / ``after``, the HTML of
``table`` and the PNG in ``plot``. Expected numbers come from calling
``course.sims.selection`` directly or from a hand computation.
"""

from __future__ import annotations

import base64
import re
import subprocess
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from course.sims import selection as sel
from course.synthetic.selection import make_accounts, make_selection_transactions
from course.widgets.selection import (
    MATRIX_CONTROLS,
    WHALE_CONTROLS,
    ValueMatrixExplorer,
    WhaleExplorer,
    value_matrix_explorer,
    whale_explorer,
)

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u4e00-\u9fff]")
WHALE_VALUES = {"margin": 0.22, "cost_per_order": 35.0, "cost_per_line": 2.0,
                "cost_per_return": 25.0, "drop_share": 0.3, "fixed_share": 0.6}
MATRIX_VALUES = {"current_cut": 1500.0, "potential_cut": 4000.0}


@pytest.fixture(scope="module")
def shop():
    return make_selection_transactions(40, seed=11)


@pytest.fixture(scope="module")
def accounts():
    return make_accounts(60, seed=5)


def _png(widget) -> bytes:
    (output,) = widget.plot.outputs
    return base64.b64decode(output["data"]["image/png"])


def test_whale_defaults_match_the_model(shop):
    w = whale_explorer(shop, lang="en")
    assert isinstance(w, WhaleExplorer)
    profit = sel.customer_profit(shop)
    pd.testing.assert_frame_equal(w.profit, profit)
    assert w.summary["total_profit"] == pytest.approx(profit["profit"].sum())
    assert w.summary["unprofitable"] == (profit["profit"] < 0).sum()
    assert w.peak == sel.whale_peak(profit["profit"])
    assert w.summary["after"] == pytest.approx(profit["profit"].sum())  # nothing dropped
    assert _png(w).startswith(b"\x89PNG")


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("control", WHALE_CONTROLS)
def test_every_whale_control_changes_the_table_and_the_plot(shop, lang, control):
    w = whale_explorer(shop, lang=lang)
    w.drop_share.value = 0.1  # so that the fixed share matters
    table, png, figure = w.table.value, _png(w), w.figure
    getattr(w, control).value = WHALE_VALUES[control]
    assert w.table.value != table, control
    assert _png(w) != png, control
    assert w.figure is figure, "the figure is built once"


def test_whale_numbers_follow_the_controls(shop):
    w = whale_explorer(shop, lang="en")
    w.cost_per_order.value = 40.0
    w.fixed_share.value = 0.5
    w.drop_share.value = 0.25
    profit = sel.customer_profit(shop, cost_per_order=40.0)
    k = round(0.25 * len(profit))
    assert w.summary["dropped"] == k
    assert w.summary["after"] == pytest.approx(sel.profit_after_dropping(profit, k, 0.5))
    assert w.summary["best_k"] == int(sel.dropping_curve(profit, 0.5).idxmax())


def test_whale_in_place_frame_is_a_full_draw(shop):
    w = whale_explorer(shop, lang="en")
    w.margin.value = 0.45  # the axes move: another static picture
    w.margin.value = 0.30  # and back: a saved one is reused
    assert w._chart.drawn.png() == w._chart.drawn.full_png()


def test_matrix_in_place_frame_is_a_full_draw(accounts):
    w = value_matrix_explorer(accounts, lang="en")
    w.current_cut.value = 900.0
    assert w._chart.drawn.png() == w._chart.drawn.full_png()


def test_whale_baseline_draws_the_same_numbers(shop):
    fast, full = whale_explorer(shop, lang="en"), whale_explorer(shop, lang="en")
    full._in_place = False
    for name in ("margin", "drop_share", "fixed_share"):
        value = WHALE_VALUES[name]
        getattr(fast, name).value = value
        getattr(full, name).value = value
        assert fast.summary == full.summary


def test_whale_total_at_or_below_zero_says_so(shop):
    w = whale_explorer(shop, lang="en")
    w.margin.value = 0.05
    w.cost_per_order.value = 80.0
    assert w.summary["total_profit"] <= 0
    assert "zero or negative" in w.table.value
    assert np.isnan(w.peak["peak_share"])


def test_whale_empty_data():
    empty = make_selection_transactions(0, seed=1)
    w = whale_explorer(empty, lang="en")
    assert w.plot.outputs == () and "customer" in w.table.value.lower()


def test_whale_chinese_labels_and_prompt(shop):
    w = whale_explorer(shop, lang="zh")
    assert "动手试一试" in w.prompt.value and "总利润" in w.table.value
    assert CJK.search(w.margin.description)
    ax_left, ax_right = w.figure.axes
    assert CJK.search(ax_left.get_xlabel()) and CJK.search(ax_right.get_ylabel())
    en = whale_explorer(shop, lang="en")
    assert "Try this" in en.prompt.value and not CJK.search(en.table.value)


def test_value_matrix_defaults_and_summary(accounts):
    w = value_matrix_explorer(accounts, lang="en")
    assert isinstance(w, ValueMatrixExplorer)
    kinds = sel.value_matrix(accounts, w.current_cut.value, w.potential_cut.value)
    pd.testing.assert_frame_equal(w.kinds, kinds)
    assert w.summary["customers"].sum() == len(accounts)
    assert "Keystone" in w.table.value and "invest" in w.table.value


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("control", MATRIX_CONTROLS)
def test_every_matrix_control_changes_the_table_and_the_plot(accounts, lang, control):
    w = value_matrix_explorer(accounts, lang=lang, current_cut=300.0, potential_cut=800.0)
    table, png, figure = w.table.value, _png(w), w.figure
    getattr(w, control).value = MATRIX_VALUES[control]
    assert w.table.value != table and _png(w) != png
    assert w.figure is figure


def test_raising_the_current_cut_moves_mainstays_to_marginal(accounts):
    w = value_matrix_explorer(accounts, lang="en", current_cut=200.0, potential_cut=2000.0)
    before = w.kinds["quadrant"]
    w.current_cut.value = 2000.0
    after = w.kinds["quadrant"]
    moved = before[before != after]
    assert len(moved) > 0
    assert set(zip(moved, after[moved.index], strict=True)) <= {
        ("mainstay", "marginal"), ("keystone", "prospect")}


def test_matrix_chinese(accounts):
    w = value_matrix_explorer(accounts, lang="zh")
    assert "关键客户" in w.table.value and "重点投入" in w.table.value
    assert "动手试一试" in w.prompt.value
    assert CJK.search(w.figure.axes[0].get_xlabel())


def test_no_pyplot_figures_leak(shop, accounts):
    before = len(plt.get_fignums())
    whale_explorer(shop, lang="en").margin.value = 0.4
    value_matrix_explorer(accounts, lang="en").current_cut.value = 900.0
    assert len(plt.get_fignums()) == before


@pytest.mark.slow
def test_the_benchmark_times_every_control():
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_widgets_ch06.py"),
                          "--quick", "--no-save", "--lang", "en"],
                         capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    for control in (*WHALE_CONTROLS, *MATRIX_CONTROLS):
        assert re.search(rf"^\S+\s+en\s+{control}\s+\d", run.stdout, re.M), control
    assert "slowest control, in place" in run.stdout
