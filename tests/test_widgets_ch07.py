"""Chapter 7 widgets: every control changes what is shown; Chinese labels; the benchmark runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from course.sims import clv as sims
from course.widgets.clv import alive_explorer, clv_calculator, retention_economics

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def summary():
    return sims.cdnow_summary()


def _labels(figure) -> str:
    texts = [f.get_text() for f in (figure._suptitle, figure._supylabel) if f]
    for ax in figure.axes:
        texts += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        legend = ax.get_legend()
        if legend:
            texts += [t.get_text() for t in legend.get_texts()]
    return " ".join(texts)


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


CLV_MOVES = [("margin", 200.0), ("retention", 0.9), ("discount", 0.05), ("horizon", 25)]


@pytest.mark.parametrize("control, value", CLV_MOVES)
def test_clv_calculator_every_control_changes_the_output(control, value):
    w = clv_calculator(lang="en")
    before, png, figure, table = dict(w.values), w.png, w.figure, w.table.value
    getattr(w, control).value = value
    assert w.values != before and w.png != png and w.table.value != table
    assert w.figure is figure  # updated in place
    m, r, i, T = w.margin.value, w.retention.value, w.discount.value, w.horizon.value
    assert w.values["finite"] == pytest.approx(sims.clv(m, r, i, horizon=T))
    assert w.values["infinite"] == pytest.approx(sims.clv(m, r, i))


def test_clv_calculator_unbounded_and_zero():
    w = clv_calculator(lang="en")
    w.retention.value, w.discount.value = 1.0, 0.0
    assert w.values["infinite"] == float("inf") and "no limit" in w.table.value
    assert not w.limit.get_visible()
    w.retention.value = 0.0
    assert w.values["finite"] == 0.0 and w.values["share"] is None


RETENTION_MOVES = [("cohort_size", 3000), ("margin", 150.0), ("acquisition_cost", 400.0),
                   ("retention", 0.6), ("extra_points", 10), ("discount", 0.2), ("years", 15)]


@pytest.mark.parametrize("control, value", RETENTION_MOVES)
def test_retention_economics_every_control_changes_the_output(control, value):
    w = retention_economics(lang="en")
    before, png, figure = dict(w.result), w.png, w.figure
    getattr(w, control).value = value
    assert w.result != before and w.png != png and w.figure is figure
    r, new = w.retention.value, w.result["new_retention"]
    assert new == pytest.approx(min(1.0, r + w.extra_points.value / 100))
    expected = sims.retention_change(w.cohort_size.value, w.margin.value,
                                     w.acquisition_cost.value, r, new, w.discount.value,
                                     w.years.value)
    for key, value_ in expected.items():
        assert w.result[key] == pytest.approx(value_)
    assert len(w.new_line.get_xdata()) == w.years.value + 1


def test_retention_economics_break_even_and_never():
    w = retention_economics(lang="en")
    w.acquisition_cost.value = 1000.0
    w.retention.value = 0.3
    assert w.result["break_even_before"] is None and "never" in w.table.value


ALIVE_MOVES = [("frequency", 4), ("recency", 10.0), ("age", 30.0)]


@pytest.mark.parametrize("control, value", ALIVE_MOVES)
def test_alive_explorer_every_slider_changes_the_output(summary, control, value):
    w = alive_explorer(summary, sims.PUBLISHED_BGNBD, lang="en")
    before, png, figure = dict(w.state), w.png, w.figure
    getattr(w, control).value = value
    assert w.state != before and w.png != png and w.figure is figure
    assert w.customer.value == ""  # the sliders no longer describe a CDNOW customer
    s = w.state
    assert s["p_alive"] == pytest.approx(
        sims.p_alive([s["frequency"]], [s["recency"]], [s["T"]], sims.PUBLISHED_BGNBD)[0])


def test_alive_explorer_customer_sets_the_sliders(summary):
    w = alive_explorer(summary, sims.PUBLISHED_BGNBD, lang="en")
    for _, cid in w.customer.options:
        if not cid:
            continue
        w.customer.value = cid
        row = summary.loc[cid]
        assert w.frequency.value == row["frequency"]
        assert w.state["actual"] == row["frequency_holdout"]
        assert w.state["expected"] == pytest.approx(sims.conditional_expected_purchases(
            39, [row["frequency"]], [round(row["recency"], 1)], [round(row["T"], 1)],
            sims.PUBLISHED_BGNBD)[0])


def test_alive_explorer_recency_beyond_age_is_capped(summary):
    w = alive_explorer(summary, sims.PUBLISHED_BGNBD, lang="en")
    w.customer.value = ""
    w.frequency.value, w.age.value, w.recency.value = 3, 20.0, 30.0
    assert w.state["recency"] == 20.0 and "cannot exceed" in w.table.value


def test_alive_explorer_fits_the_model_by_default(summary):
    w = alive_explorer(summary, lang="en")
    assert round(w.params["r"], 3) == sims.PUBLISHED_BGNBD["r"]


@pytest.mark.parametrize("make", [
    lambda lang: clv_calculator(lang=lang), lambda lang: retention_economics(lang=lang),
    lambda lang: alive_explorer(params=sims.PUBLISHED_BGNBD, lang=lang)])
def test_chinese_labels(make):
    zh, en = make("zh"), make("en")
    assert _chinese(_labels(zh.figure)) and not _chinese(_labels(en.figure))
    assert _chinese(zh.table.value + zh.prompt.value)
    assert not _chinese(en.table.value + en.prompt.value)


def test_full_redraw_baseline_shows_the_same_numbers():
    fast, full = clv_calculator(lang="en"), clv_calculator(lang="en")
    full._in_place = False
    figure = full.figure
    for control, value in CLV_MOVES:
        getattr(fast, control).value = getattr(full, control).value = value
        assert fast.table.value == full.table.value
    assert full.figure is not figure


@pytest.mark.slow
def test_benchmark_runs_and_names_every_control():
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_widgets_ch07.py"),
                          "--quick", "--no-save"], capture_output=True, text=True, cwd=ROOT,
                         timeout=600, check=False)
    assert run.returncode == 0, run.stderr
    for _, controls in [("clv", CLV_MOVES), ("retention", RETENTION_MOVES),
                        ("alive", ALIVE_MOVES)]:
        for control, _ in controls:
            assert f" {control} " in run.stdout, control
    assert " customer " in run.stdout
