"""Kernel-free tests of the chapter 5 widgets (course.widgets.identification).

Each test drives a widget through its public attributes, the way a student
does with the mouse, and checks what the widget shows: the ``summary`` frame,
the HTML of ``table`` and the PNG in ``plot``. Expected numbers come from hand
computations on a six-customer table or from calling ``course.sims`` directly.
"""

from __future__ import annotations

import base64
import html
import io
import re

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import course.widgets.identification as wid
from course import load_dataset
from course.sims.identification import (
    abc_classes,
    rfm_scores,
    rfm_table,
    segment_summary,
    value_tiers,
    weighted_rfm,
)
from course.widgets import ABCExplorer, RFMExplorer, abc_explorer, rfm_explorer

CJK = re.compile(r"[\u4e00-\u9fff]")
TIER_ORDER = ["top", "high", "medium", "low"]
SEGMENT_ORDER = ["champions", "loyal", "promising", "at_risk", "attention", "lost"]


@pytest.fixture(scope="module")
def retail():
    return load_dataset("retail_small")


@pytest.fixture()
def tiny():
    """Six customers; as of 2024-02-01 their R, F, M are:

    a: 2 days, 3 orders, 300    b: 7, 2, 100    c: 30, 1, 20 (plus a return)
    d: 4, 1, 10                 e: 17, 2, 600   f: 29, 1, 5
    """
    rows = [
        ("a", "1", "2024-01-10", 1, 100.0), ("a", "2", "2024-01-20", 1, 100.0),
        ("a", "3", "2024-01-30", 1, 100.0), ("b", "4", "2024-01-05", 1, 50.0),
        ("b", "5", "2024-01-25", 1, 50.0), ("c", "6", "2024-01-02", 2, 20.0),
        ("c", "7", "2024-01-03", -1, -10.0), ("d", "8", "2024-01-28", 1, 10.0),
        ("e", "9", "2024-01-01", 1, 200.0), ("e", "10", "2024-01-15", 2, 400.0),
        ("f", "11", "2024-01-03", 1, 5.0),
    ]
    tx = pd.DataFrame(rows, columns=["customer_id", "order_id", "date", "quantity", "amount"])
    tx["date"] = pd.to_datetime(tx["date"])
    tx["unit_price"] = tx["amount"] / tx["quantity"]
    return tx


AS_OF = "2024-02-01"


def png_of(w) -> bytes:
    (output,) = w.plot.outputs
    assert output["output_type"] == "display_data"
    png = base64.b64decode(output["data"]["image/png"])
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    return png


def figure_texts(w) -> list[str]:
    texts = []
    for ax in w.figure.axes:
        texts += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        texts += [tick.get_text() for tick in ax.get_yticklabels() + ax.get_xticklabels()]
        texts += [text.get_text() for text in ax.texts]
        legend = ax.get_legend()
        if legend is not None:
            texts += [text.get_text() for text in legend.get_texts()]
    return [text for text in texts if text]


def descendants(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from descendants(child)


# ---------------------------------------------------------------------------------------
# RFM explorer


def test_rfm_explorer_api_and_defaults(retail):
    w = rfm_explorer(retail, lang="en")
    assert isinstance(w, RFMExplorer) and isinstance(w, widgets.VBox)
    assert isinstance(w.bins, widgets.IntSlider)
    assert (w.bins.min, w.bins.max, w.bins.value) == (3, 10, 5)
    for slider in (w.w_r, w.w_f, w.w_m):
        assert isinstance(slider, widgets.FloatSlider)
        assert (slider.min, slider.max, slider.step, slider.value) == (0.0, 3.0, 0.5, 1.0)
    assert w.view.value == "tiers"
    assert {value for _, value in w.view.options} == {"tiers", "segments"}
    assert isinstance(w.table, widgets.HTML) and isinstance(w.plot, widgets.Output)
    shown = list(descendants(w))
    for part in (w.bins, w.w_r, w.w_f, w.w_m, w.view, w.table, w.plot):
        assert any(part is s for s in shown), f"{part!r} is not displayed by the widget"
    # the summary is the sims' answer for the default settings
    rfm = rfm_table(retail)
    expected = segment_summary(value_tiers(weighted_rfm(rfm_scores(rfm, 5)), 5),
                               rfm["monetary"], order=TIER_ORDER)
    pd.testing.assert_frame_equal(w.summary, expected)
    assert int(w.summary["customers"].sum()) == len(rfm) == 200
    assert w.summary["revenue"].sum() == pytest.approx(rfm["monetary"].sum())
    for label in ("Top-value tier", "High-value tier", "Mid-value tier", "Low-value tier",
                  "Customers", "Share of revenue", "Total"):
        assert label in w.table.value
    assert not CJK.search(w.table.value)


def test_tiny_table_numbers_by_hand(tiny):
    w = rfm_explorer(tiny, as_of=AS_OF, lang="en")
    assert w.rfm.loc["c"].tolist() == [30, 1, 20.0]  # the return line is ignored
    w.bins.value = 3
    w.w_f.value = 0.0
    w.w_m.value = 0.0
    # R only, 3 bins: r scores a3 d3 b2 e2 f1 c1 -> tiers top {a,d}, high {b,e}, low {c,f}
    assert w.scores["r_score"].to_dict() == {"a": 3, "b": 2, "c": 1, "d": 3, "e": 2, "f": 1}
    assert w.summary["customers"].tolist() == [2, 2, 0, 2]
    assert w.summary["revenue"].tolist() == [310.0, 700.0, 0.0, 25.0]
    assert w.summary["revenue_share"].sum() == pytest.approx(1.0)
    assert w.labels.to_dict() == {"a": "top", "b": "high", "c": "low", "d": "top",
                                  "e": "high", "f": "low"}
    assert "310.00" in w.table.value and "700.00" in w.table.value
    assert "33.3%" in w.table.value  # 2 of 6 customers


def test_bins_slider_rescales_scores(retail):
    w = rfm_explorer(retail, lang="en")
    assert int(w.scores.max().max()) == 5
    before_summary, before_html, before_png = w.summary.copy(), w.table.value, png_of(w)
    w.bins.value = 3
    assert int(w.scores.max().max()) == 3 and int(w.scores.min().min()) == 1
    assert not w.summary.equals(before_summary)
    assert w.table.value != before_html
    assert png_of(w) != before_png
    w.bins.value = 10
    assert int(w.scores.max().max()) == 10
    assert int(w.summary["customers"].sum()) == 200


def test_raising_recency_weight_changes_tier_sizes(retail):
    w = rfm_explorer(retail, lang="en")
    sizes = w.summary["customers"].tolist()
    w.w_r.value = 3.0
    assert w.summary["customers"].tolist() != sizes
    rfm = rfm_table(retail)
    expected = value_tiers(weighted_rfm(rfm_scores(rfm, 5), (3.0, 1.0, 1.0)), 5)
    assert w.labels.equals(expected)
    # recency alone: the top tier is exactly the customers with the top two R scores
    w.w_f.value = 0.0
    w.w_m.value = 0.0
    top = set(w.labels[w.labels == "top"].index)
    assert top == set(w.scores.index[w.scores["r_score"] >= 4])


def test_all_weights_zero_shows_a_message_instead_of_raising(retail):
    w = rfm_explorer(retail, lang="en")
    w.w_r.value = 0.0
    w.w_f.value = 0.0
    w.w_m.value = 0.0  # must not raise
    assert "All three weights are 0" in w.table.value
    assert "<table" not in w.table.value
    assert w.summary.empty and list(w.summary.columns) == [
        "customers", "customer_share", "revenue", "revenue_share"]
    assert w.plot.outputs == ()
    w.w_m.value = 1.0
    assert "All three weights are 0" not in w.table.value
    assert int(w.summary["customers"].sum()) == 200
    assert len(w.plot.outputs) == 1


def test_segments_view(retail):
    w = rfm_explorer(retail, lang="en")
    w.w_r.value = w.w_f.value = w.w_m.value = 0.0  # weights do not matter for segments
    w.view.value = "segments"
    assert w.summary.index.tolist() == SEGMENT_ORDER
    expected = segment_summary(rfm_segments_of(retail, 5), rfm_table(retail)["monetary"],
                               order=SEGMENT_ORDER)
    pd.testing.assert_frame_equal(w.summary, expected)
    assert all(s.disabled for s in (w.w_r, w.w_f, w.w_m))
    for label in ("Champions", "At risk", "Hibernating or lost", "Segment"):
        assert label in w.table.value
    assert "Champions" in figure_texts(w)
    w.view.value = "tiers"
    assert not any(s.disabled for s in (w.w_r, w.w_f, w.w_m))
    assert "All three weights are 0" in w.table.value


def rfm_segments_of(tx, bins):
    from course.sims.identification import rfm_segments

    return rfm_segments(rfm_scores(rfm_table(tx), bins), bins)


def test_chinese_labels(retail):
    w = rfm_explorer(retail, lang="zh")
    assert w.bins.description == "评分档数"
    for label in ("客户数", "客户占比", "销售额", "销售额占比", "顶级价值层", "合计"):
        assert label in w.table.value
    assert "Customers" not in w.table.value
    assert any(CJK.search(text) for text in figure_texts(w))
    assert CJK.search(w.figure.axes[0].get_title())
    w.view.value = "segments"
    assert "核心客群" in w.table.value


def test_lang_argument_overrides_current_language(retail, monkeypatch):
    monkeypatch.setattr("course.i18n._language", "zh")
    assert "客户数" in rfm_explorer(retail).table.value
    english = rfm_explorer(retail, lang="en")
    assert "Customers" in english.table.value and not CJK.search(english.table.value)
    with pytest.raises(ValueError, match="lang"):
        rfm_explorer(retail, lang="fr")


def test_rfm_table_once_and_scores_cached_per_bins(tiny, monkeypatch):
    calls = {"rfm_table": 0, "rfm_scores": 0}

    def counting(name, func):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return func(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(wid, "rfm_table", counting("rfm_table", wid.rfm_table))
    monkeypatch.setattr(wid, "rfm_scores", counting("rfm_scores", wid.rfm_scores))
    w = rfm_explorer(tiny, as_of=AS_OF, lang="en")
    for bins in (4, 5, 4, 3, 5):
        w.bins.value = bins
    w.w_r.value = 2.0
    w.view.value = "segments"
    assert calls == {"rfm_table": 1, "rfm_scores": 3}


def test_no_pyplot_figures_leak(retail):
    before = plt.get_fignums()
    w = rfm_explorer(retail, lang="en")
    for bins in (3, 4, 6):
        w.bins.value = bins
    a = abc_explorer(w.rfm["monetary"], lang="en")
    a.a_cut.value = 0.6
    assert plt.get_fignums() == before


def test_rfm_explorer_without_sales():
    returns_only = pd.DataFrame({
        "customer_id": ["x"], "order_id": ["1"], "date": pd.to_datetime(["2024-01-01"]),
        "quantity": [-1], "unit_price": [5.0], "amount": [-5.0]})
    w = rfm_explorer(returns_only, lang="en")
    assert "no customers" in w.table.value and w.summary.empty
    w.bins.value = 4  # still no error


# ---------------------------------------------------------------------------------------
# ABC explorer


@pytest.fixture()
def tiny_values(tiny):
    return rfm_table(tiny, as_of=AS_OF)["monetary"]  # e 600, a 300, b 100, c 20, d 10, f 5


def test_abc_explorer_api_and_defaults(tiny_values):
    w = abc_explorer(tiny_values, lang="en")
    assert isinstance(w, ABCExplorer) and isinstance(w, widgets.VBox)
    assert (w.a_cut.min, w.a_cut.max, w.a_cut.step, w.a_cut.value) == (0.5, 0.95, 0.05, 0.8)
    assert (w.b_cut.min, w.b_cut.max, w.b_cut.step, w.b_cut.value) == (0.6, 0.99, 0.01, 0.95)
    assert isinstance(w.table, widgets.HTML) and isinstance(w.plot, widgets.Output)
    # by hand: shares reached before each customer: e 0, a .58, b .87, c .97, d .99, f .995
    assert w.summary.index.tolist() == ["A", "B", "C"]
    assert w.summary["customers"].tolist() == [2, 1, 3]
    assert w.summary["revenue"].tolist() == [900.0, 100.0, 35.0]
    assert w.classes.to_dict() == {"a": "A", "b": "B", "c": "C", "d": "C", "e": "A", "f": "C"}
    for label in ("Class", "Customers", "Share of customers", "Revenue", "Share of revenue"):
        assert label in w.table.value
    assert "87.0%" in w.table.value  # 900 / 1035


def test_abc_cuts_move_classes(tiny_values):
    w = abc_explorer(tiny_values, lang="en")
    png = png_of(w)
    w.a_cut.value = 0.5
    assert w.summary["customers"].tolist() == [1, 2, 3]
    assert png_of(w) != png
    w.b_cut.value = 0.99
    assert w.summary["customers"].tolist() == [1, 4, 1]


def test_lower_a_cut_never_gives_more_a_customers(retail):
    values = rfm_table(retail)["monetary"]
    w = abc_explorer(values, lang="en")
    sizes = []
    for a in (0.95, 0.9, 0.8, 0.7, 0.6, 0.5):
        w.a_cut.value = a
        sizes.append(int(w.summary.loc["A", "customers"]))
        expected = abc_classes(values, round(w.a_cut.value, 2), round(w.b_cut.value, 2))
        assert w.classes.equals(expected)
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > sizes[-1]
    assert int(w.summary["customers"].sum()) == len(values)


def test_b_cut_is_kept_at_or_above_a_cut(tiny_values):
    w = abc_explorer(tiny_values, lang="en")
    w.b_cut.value = 0.85
    w.a_cut.value = 0.9  # above B: B follows up and the table says so
    assert round(w.b_cut.value, 2) == 0.9
    assert "raised to 90%" in w.table.value
    w.a_cut.value = 0.8  # a normal move clears the note
    assert "raised" not in w.table.value
    w.b_cut.value = 0.72  # below A: A follows down onto its 5 % grid
    assert round(w.a_cut.value, 2) == 0.7
    assert "lowered to 70%" in w.table.value
    assert round(w.a_cut.value, 2) <= round(w.b_cut.value, 2)


def test_abc_plot_shows_curve_cuts_and_note(tiny_values):
    w = abc_explorer(tiny_values, lang="en")
    (ax,) = w.figure.axes
    horizontal = {round(line.get_ydata()[0], 2) for line in ax.lines
                  if len(set(line.get_ydata())) == 1}
    assert {0.8, 0.95} <= horizontal
    curve = [line for line in ax.lines if len(line.get_xdata()) == len(tiny_values) + 1]
    assert curve and list(curve[0].get_ydata())[-1] == pytest.approx(1.0)
    texts = figure_texts(w)
    assert "Top 33% of customers bring 87% of revenue" in texts
    assert "Every customer equal" in texts
    w.a_cut.value = 0.5
    assert "Top 17% of customers bring 58% of revenue" in figure_texts(w)


def test_abc_chinese(tiny_values):
    w = abc_explorer(tiny_values, lang="zh")
    for label in ("A 类", "B 类", "C 类", "客户数", "销售额占比", "类别"):
        assert label in w.table.value
    assert "前 33% 的客户贡献了 87% 的销售额" in figure_texts(w)
    w.b_cut.value = 0.6
    w.a_cut.value = 0.9
    assert "已自动调高到 90%" in w.table.value


def test_abc_rejects_a_frame_and_handles_empty_values():
    with pytest.raises(TypeError, match="Series"):
        abc_explorer(pd.DataFrame({"monetary": [1.0]}))
    w = abc_explorer(pd.Series([], dtype=float), lang="en")
    assert "no customers" in w.table.value and w.summary.empty
    w.a_cut.value = 0.6


# ---------------------------------------------------------------------------------------
# every control updates the figure in place, in both languages


def pixels(png: bytes) -> np.ndarray:
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA")).astype(int)


def bar_widths(w) -> list[float]:
    (ax,) = w.figure.axes
    return [round(patch.get_width(), 9) for patch in ax.patches]


def abc_artists(w) -> tuple:
    (ax,) = w.figure.axes
    return (tuple(round(p.get_x(), 9) for p in ax.patches),
            tuple(round(p.get_width(), 9) for p in ax.patches),
            tuple(tuple(line.get_ydata()) for line in ax.lines),
            tuple(text.get_text() for text in ax.texts),
            tuple(text.get_position() for text in ax.texts))


#: control, new value, and whether the plot must stay the same figure object
RFM_MOVES = [("bins", 3, True), ("w_r", 3.0, True), ("w_f", 3.0, True), ("w_m", 3.0, True),
             ("view", "segments", False)]
ABC_MOVES = [("a_cut", 0.6), ("b_cut", 0.85)]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("control", "value", "same_figure"), RFM_MOVES)
def test_every_rfm_control_changes_the_table_and_the_plot(retail, lang, control, value,
                                                          same_figure):
    w = rfm_explorer(retail, lang=lang)
    figure, png, widths = w.figure, png_of(w), bar_widths(w)
    summary, table = w.summary.copy(), w.table.value
    assert w.png == png  # the attribute is what the Output shows
    getattr(w, control).value = value
    assert not w.summary.equals(summary)
    assert w.table.value != table
    assert png_of(w) != png and w.png == png_of(w)
    assert (w.figure is figure) is same_figure
    if same_figure:  # the same bars, with new widths
        assert len(bar_widths(w)) == len(widths) and bar_widths(w) != widths
        assert pixels(png_of(w)).shape == pixels(png).shape
    # the bars are the summary's shares, customers first, in the table's row order
    n = len(w.summary)
    assert bar_widths(w)[:n] == pytest.approx(w.summary["customer_share"].tolist())
    assert bar_widths(w)[n:] == pytest.approx(w.summary["revenue_share"].tolist())
    texts = figure_texts(w)
    names = wid.SEGMENTS if w.view.value == "segments" else wid.TIERS
    assert [tick.get_text() for tick in w.figure.axes[0].get_yticklabels()] == [
        wid.t(key, lang) for key in names.values()]
    assert any(CJK.search(text) for text in texts) is (lang == "zh")


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("control", "value"), ABC_MOVES)
def test_every_abc_control_changes_the_table_and_the_plot(retail, lang, control, value):
    w = abc_explorer(rfm_table(retail)["monetary"], lang=lang)
    figure, png, artists = w.figure, png_of(w), abc_artists(w)
    summary, table = w.summary.copy(), w.table.value
    getattr(w, control).value = value
    assert not w.summary.equals(summary)
    assert w.table.value != table
    assert png_of(w) != png and w.png == png_of(w)
    assert w.figure is figure and abc_artists(w) != artists
    assert pixels(png_of(w)).shape == pixels(png).shape
    (ax,) = w.figure.axes
    cut = round(getattr(w, control).value, 2)
    assert cut in {round(line.get_ydata()[0], 2) for line in ax.lines
                   if len(set(line.get_ydata())) == 1}
    label = f"{wid.t(control, lang)} {cut:.0%}"
    assert label in figure_texts(w)
    share_a = w.summary.loc["A", "customer_share"]
    assert ax.patches[0].get_width() == pytest.approx(share_a)  # the A band


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_in_place_frame_is_a_full_draw(retail, lang):
    w = rfm_explorer(retail, lang=lang)
    for bins in (3, 7, 4):
        w.bins.value = bins
    w.w_m.value = 3.0
    (chart,) = [c for c in w._charts.values() if c.figure is w.figure]
    # nothing of an earlier frame is left over: the same pixels as drawing anew
    assert np.array_equal(pixels(w.png), pixels(chart.drawn.full_png()))
    a = abc_explorer(w.rfm["monetary"], lang=lang)
    for cut in (0.6, 0.9, 0.7):
        a.a_cut.value = cut
    a.b_cut.value = 0.8
    diff = np.abs(pixels(a.png) - pixels(a._chart.drawn.full_png())).max(axis=2)
    # only the legend's glyphs differ, tinted by the band under them (at most 12 %)
    assert diff.max() <= 0.12 * 255 and (diff > 0).mean() < 0.02


def test_figures_are_built_once(retail, monkeypatch):
    built = []

    class CountingFigure(wid.Figure):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            built.append(self)

    monkeypatch.setattr(wid, "Figure", CountingFigure)
    w = rfm_explorer(retail, lang="en")
    a = abc_explorer(w.rfm["monetary"], lang="en")
    assert len(built) == 3  # the two views of the RFM explorer, the Pareto chart
    for control, value, _ in RFM_MOVES:
        getattr(w, control).value = value
    w.view.value = "tiers"
    w.bins.value = 8
    for control, value in ABC_MOVES:
        getattr(a, control).value = value
    assert len(built) == 3


def test_full_redraw_baseline_draws_the_same_numbers(retail):
    """The benchmark's baseline (a new figure every update) still works and agrees."""
    fast, full = rfm_explorer(retail, lang="en"), rfm_explorer(retail, lang="en")
    full._in_place = False
    figure = full.figure
    for control, value, _ in RFM_MOVES:
        getattr(fast, control).value = value
        getattr(full, control).value = value
        pd.testing.assert_frame_equal(fast.summary, full.summary)
        assert bar_widths(fast) == bar_widths(full)
    assert full.figure is not figure
    a, b = (abc_explorer(fast.rfm["monetary"], lang="en") for _ in range(2))
    b._in_place = False
    a.a_cut.value = b.a_cut.value = 0.6
    assert abc_artists(a) == abc_artists(b) and a.png != b.png


def test_chinese_figures_use_a_cjk_font(retail):
    import warnings

    from matplotlib import font_manager

    w = rfm_explorer(retail, lang="zh")
    a = abc_explorer(w.rfm["monetary"], lang="zh")
    for explorer in (w, a):
        ax = explorer.figure.axes[0]
        font = font_manager.findfont(ax.title.get_fontproperties(), fallback_to_default=False)
        assert "CJK" in font or "Han" in font or "Hei" in font, font
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font" would raise
        w.view.value = "segments"
        a.a_cut.value = 0.6
    assert "前 " in " ".join(figure_texts(a))


def test_png_bytes_round_trip():
    rgba = np.random.default_rng(0).integers(0, 256, size=(5, 7, 4), dtype=np.uint8)
    assert np.array_equal(pixels(wid.png_bytes(rgba)), rgba)


# ---------------------------------------------------------------------------------------
# try this, and the currency of revenue


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_try_this_prompts(retail, lang):
    w = rfm_explorer(retail, lang=lang)
    a = abc_explorer(w.rfm["monetary"], lang=lang)
    for explorer, key in ((w, "rfm_try_this"), (a, "abc_try_this")):
        assert isinstance(explorer.prompt, widgets.HTML)
        assert any(explorer.prompt is part for part in descendants(explorer))
        text = explorer.prompt.value
        assert wid.t("try_this", lang) in text
        assert html.escape(wid.t(key, lang)) in text
        assert "?" in text or "？" in text  # a question the student answers
        assert bool(CJK.search(text)) is (lang == "zh")
    assert "weight" in wid.t("rfm_try_this", "en") and "A cut-off" in wid.t("abc_try_this", "en")


def test_revenue_column_names_the_currency(retail):
    assert "Revenue (£)" in rfm_explorer(retail, lang="en").table.value
    assert "销售额（英镑）" in rfm_explorer(retail, lang="zh").table.value
    values = rfm_table(retail)["monetary"]
    assert "销售额（英镑）" in abc_explorer(values, lang="zh").table.value
    plain = abc_explorer(values, lang="en", currency=None).table.value
    assert "Revenue" in plain and "£" not in plain
    with pytest.raises(ValueError, match="currency"):
        rfm_explorer(retail, lang="en", currency="doubloons")
