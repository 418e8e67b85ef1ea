"""Chapter 3 widget (course.widgets.aidma): every control drives the numbers and the plot."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

from course.sims.aidma import AIDMA, compare_paths, simulate_funnel
from course.widgets.aidma import FunnelExplorer, funnel_explorer

ROOT = Path(__file__).resolve().parents[1]

CONTROLS = [("path", "aisas"), ("reach", 250_000), ("budget", 120_000),
            *[(f"w_{stage}", 3.0) for stage in AIDMA]]


@pytest.fixture(scope="module")
def en():
    return funnel_explorer(lang="en")


def test_defaults_and_attributes(en):
    assert isinstance(en, FunnelExplorer)
    assert en.path.value == "aidma" and en.reach.value == 100_000 and en.budget.value == 60_000
    assert set(en.weights) == set(AIDMA)
    assert all(getattr(en, f"w_{s}") is en.weights[s] for s in AIDMA)
    expected = simulate_funnel(100_000, 60_000, dict.fromkeys(AIDMA, 1.0))
    assert en.summary.equals(expected)
    assert en.comparison.equals(compare_paths(100_000, 60_000, dict.fromkeys(AIDMA, 1.0)))
    assert en.png.startswith(b"\x89PNG")
    assert "Try this" in en.prompt.value


_SHARED: dict[str, FunnelExplorer] = {}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("control, value", CONTROLS)
def test_every_control_changes_the_numbers_and_the_plot(lang, control, value):
    if lang not in _SHARED:  # one widget per language, every control moved and moved back
        _SHARED[lang] = funnel_explorer(lang=lang)
    w = _SHARED[lang]
    slider = getattr(w, control)
    start = slider.value
    before = (w.summary.copy(), w.comparison.copy(), w.table.value, w.png)
    slider.value = value
    try:
        summary, comparison, table, png = before
        assert not (w.summary.equals(summary) and w.comparison.equals(comparison)), control
        assert w.table.value != table and w.png != png
        assert w.plot.outputs[0]["data"]["image/png"]
    finally:
        slider.value = start
    assert w.summary.equals(summary), "moving the control back restores the numbers"


def test_budget_moved_to_the_bottleneck_raises_purchases():
    w = funnel_explorer(lang="en")
    stage = w.summary.index[w.summary["bottleneck"]][0]
    before = int(w.summary.loc["action", "count"])
    w.w_attention.value = 0.5
    w.weights[stage].value = 2.0
    assert int(w.summary.loc["action", "count"]) > before


def test_the_bottleneck_row_is_highlighted_and_named(en):
    stage = en.summary.index[en.summary["bottleneck"]][0]
    assert "Bottleneck on the way to purchase" in en.note.value
    assert "color:#c1121f" in en.table.value
    assert en.summary["bottleneck"].sum() == 1 and stage != "reach"


def test_aisas_labels_and_mapping():
    w = funnel_explorer(lang="en")
    w.path.value = "aisas"
    assert w.summary.index.tolist() == ["reach", "attention", "interest", "search", "action",
                                        "share"]
    assert w.w_desire.description == "Search weight"
    assert w.w_memory.description == "Share weight"
    spend = w.summary["spend"]
    w.w_memory.value = 0.0
    assert w.summary.loc["share", "spend"] == 0 and spend["share"] > 0
    w.path.value = "aidma"
    assert w.w_desire.description == "Desire weight"


def test_all_weights_zero_warns_and_keeps_base_rates():
    w = funnel_explorer(lang="en")
    for slider in w.weights.values():
        slider.value = 0.0
    assert "All weights are 0" in w.note.value
    assert w.summary["spend"].drop("reach").sum() == 0


def test_chinese_labels():
    w = funnel_explorer(lang="zh")
    for text in ("阶段", "单次行动成本（元）", "触达", "记忆"):
        assert text in w.table.value
    assert "瓶颈" in w.note.value and "动手试一试" in w.prompt.value
    assert w.w_memory.description == "记忆权重" and w.budget.description == "预算（元）"
    w.path.value = "aisas"
    assert w.w_memory.description == "分享权重"
    assert "分享" in w.table.value
    assert not re.search(r"Attention|Memory|Budget", w.table.value + w.note.value)


def test_figure_built_once_per_path_and_no_pyplot_leak():
    open_before = plt.get_fignums()
    w = funnel_explorer(lang="en")
    figure = w.figure
    w.budget.value = 90_000
    w.w_action.value = 2.5
    assert w.figure is figure
    w.path.value = "aisas"
    assert w.figure is not figure
    w.path.value = "aidma"
    assert w.figure is figure
    assert plt.get_fignums() == open_before


def test_in_place_frame_equals_a_full_draw():
    w = funnel_explorer(lang="en")
    w.reach.value = 300_000
    chart = w._charts["aidma"]
    assert chart.drawn.png() == chart.drawn.full_png()


def test_full_redraw_baseline_shows_the_same_numbers():
    fast, full = funnel_explorer(lang="en"), funnel_explorer(lang="en")
    full._in_place = False
    for w in (fast, full):
        w.budget.value = 30_000
        w.w_interest.value = 4.0
    assert fast.summary.equals(full.summary) and fast.comparison.equals(full.comparison)
    assert fast.png != full.png


@pytest.mark.slow
def test_benchmark_quick_names_every_control():
    run = subprocess.run([sys.executable, "benchmarks/bench_widgets_ch03.py", "--quick",
                          "--no-save", "--lang", "en"], cwd=ROOT, capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    for control, _ in CONTROLS:
        assert re.search(rf"^en\s+{control}\s", run.stdout, flags=re.M), control
    assert "slowest control, in place" in run.stdout
