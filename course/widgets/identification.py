"""Chapter 5 widgets: explore RFM value tiers, RFM segments and ABC classes.

Views only. Every number shown comes from :mod:`course.sims.identification`;
the widgets just wire sliders to those functions, draw the result and keep the
last result in ``.summary`` so that tests (and curious students) can read it.

Each widget is an :class:`ipywidgets.VBox` whose controls and outputs are
attributes. Changing a control calls ``update()`` synchronously (through
``observe``), so a test can set ``w.bins.value = 3`` and read ``w.summary`` on
the next line, with no kernel or browser.

Figures are built once and then updated in place: a control change runs the
model, sets new data on the existing artists (bar widths, line data, texts) and
redraws only those artists over a saved picture of the static rest (axes,
ticks, titles, legend), then encodes the pixels as a fast PNG
(:class:`InPlaceFigure`). That keeps an update well under 100 ms on the full
``online_retail`` data (``benchmarks/bench_widgets.py``), where drawing a new
figure each time took 130 to 180 ms.

Examples
--------
>>> from course import load_dataset
>>> from course.widgets.identification import rfm_explorer
>>> w = rfm_explorer(load_dataset("retail_small"), lang="en")
>>> int(w.summary["customers"].sum())
200
>>> w.view.value = "segments"
>>> w.summary.index.tolist()
['champions', 'loyal', 'promising', 'at_risk', 'attention', 'lost']
"""

from __future__ import annotations

import html
import io
import math
import struct
import zlib

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import PercentFormatter

from course.i18n import STRINGS, setup_matplotlib, t
from course.sims.identification import (
    ABC_CLASSES,
    abc_classes,
    pareto_curve,
    rfm_scores,
    rfm_segments,
    rfm_table,
    segment_summary,
    value_tiers,
    weighted_rfm,
)
from course.widgets._common import note_html, png_output, resolve_lang, try_this_html

__all__ = ["ABCExplorer", "InPlaceFigure", "RFMExplorer", "abc_explorer", "png_bytes",
           "rfm_explorer"]

#: Row order and i18n key of every label the RFM explorer can show.
TIERS = {"top": "tier_top", "high": "tier_high", "medium": "tier_mid", "low": "tier_low"}
SEGMENTS = {"champions": "seg_champions", "loyal": "seg_loyal", "promising": "seg_promising",
            "at_risk": "seg_at_risk", "attention": "seg_attention", "lost": "seg_lost"}
CLASSES = {"A": "class_a", "B": "class_b", "C": "class_c"}

SUMMARY_COLUMNS = ("customers", "customer_share", "revenue", "revenue_share")
_CUSTOMER_COLOR, _REVENUE_COLOR = "#4c72b0", "#dd8452"
_CLASS_COLORS = {"A": "#55a868", "B": "#ccb974", "C": "#c44e52"}
_DPI = 96
_PNG_LEVEL = 1  # zlib level: 1 is several times faster than 6 and the PNG barely grows
_STYLE = {"description_width": "7em"}


# ----------------------------------------------------------------------------------------
# drawing in place (shared by both widgets; no model logic)


def png_bytes(rgba: np.ndarray, dpi: float = _DPI, level: int = _PNG_LEVEL) -> bytes:
    """Encode an RGBA pixel array as a PNG file (no Pillow, one zlib pass).

    Parameters
    ----------
    rgba : numpy.ndarray
        ``(height, width, 4)`` array of ``uint8``, e.g. an Agg canvas's
        ``buffer_rgba()``.
    dpi : float, default 96
        Resolution written into the file's ``pHYs`` chunk.
    level : int, default 1
        zlib compression level (1 fastest, 9 smallest).

    Returns
    -------
    bytes
        A valid PNG (8-bit RGBA, no filtering).

    Examples
    --------
    >>> import numpy as np
    >>> png = png_bytes(np.full((2, 3, 4), 255, dtype=np.uint8))
    >>> png[:8] == b"\\x89PNG\\r\\n\\x1a\\n", int.from_bytes(png[16:20], "big")
    (True, 3)
    """
    height, width, _ = rgba.shape
    rows = np.zeros((height, 1 + 4 * width), dtype=np.uint8)  # filter byte 0: none
    rows[:, 1:] = np.asarray(rgba, dtype=np.uint8).reshape(height, 4 * width)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    per_metre = round(dpi / 0.0254)
    return b"".join((
        b"\x89PNG\r\n\x1a\n",
        chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)),
        chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
        chunk(b"IDAT", zlib.compress(rows, level)),
        chunk(b"IEND", b""),
    ))


class InPlaceFigure:
    """A figure drawn in full once, then redrawn by its changing artists only.

    The layout (matplotlib's constrained layout) is computed once, when the
    figure is wrapped, and then frozen. The first :meth:`png` draws everything
    but the ``dynamic`` artists and keeps those pixels; every call restores
    them and draws the dynamic artists over them, in z-order (blitting). So
    after changing a dynamic artist (``set_width``, ``set_data``,
    ``set_text``...) a frame costs those few artists plus the PNG encoding.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        A figure with ``layout="constrained"`` (or none), not yet drawn. It
        gets its own Agg canvas and is never registered with pyplot.
    dynamic : iterable of matplotlib.artist.Artist
        The artists that change between frames, and any that must stay drawn
        above them (they are redrawn every frame).
    in_place : bool, default True
        False draws every frame from scratch with ``savefig`` and keeps the
        constrained layout live (the way the widgets drew before; the
        benchmark's baseline).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(figsize=(3, 2), dpi=50, layout="constrained")
    >>> ax = fig.add_subplot()
    >>> (line,) = ax.plot([0, 1], [0, 1])
    >>> drawn = InPlaceFigure(fig, [line])
    >>> first = drawn.png()
    >>> line.set_ydata([1, 0])
    >>> second = drawn.png()
    >>> second.startswith(b"\\x89PNG") and first != second
    True
    """

    def __init__(self, figure: Figure, dynamic, in_place: bool = True):
        self.figure = figure
        self.canvas = FigureCanvasAgg(figure)
        self.dynamic = sorted(dynamic, key=lambda artist: artist.get_zorder())
        self.in_place = in_place
        self._background = None
        if in_place:
            figure.draw_without_rendering()  # runs the layout engine once
            figure.set_layout_engine("none")

    def png(self) -> bytes:
        """Draw the current state of the figure and return it as PNG bytes.

        Returns
        -------
        bytes
            The PNG: the saved static picture with the dynamic artists drawn
            over it (or, with ``in_place=False``, ``savefig``'s PNG).
        """
        if not self.in_place:
            buffer = io.BytesIO()
            self.figure.savefig(buffer, format="png", dpi=self.figure.dpi)
            return buffer.getvalue()
        if self._background is None:
            for artist in self.dynamic:
                artist.set_animated(True)  # left out of a full draw
            try:
                self.canvas.draw()
            finally:
                for artist in self.dynamic:
                    artist.set_animated(False)
            self._background = self.canvas.copy_from_bbox(self.figure.bbox)
        else:
            self.canvas.restore_region(self._background)
        renderer = self.canvas.get_renderer()
        for artist in self.dynamic:
            artist.draw(renderer)
        return png_bytes(np.asarray(self.canvas.buffer_rgba()), dpi=self.figure.dpi)

    def full_png(self) -> bytes:
        """Draw the whole figure from scratch, as a check of :meth:`png`.

        Returns
        -------
        bytes
            The PNG of a full draw; the saved static picture is kept.

        Examples
        --------
        >>> from matplotlib.figure import Figure
        >>> fig = Figure(figsize=(2, 2), dpi=40)
        >>> (line,) = fig.add_subplot().plot([0, 1], [1, 0])
        >>> drawn = InPlaceFigure(fig, [line])
        >>> drawn.png() == drawn.full_png()
        True
        """
        self.canvas.draw()
        png = png_bytes(np.asarray(self.canvas.buffer_rgba()), dpi=self.figure.dpi)
        if self._background is not None:
            self.canvas.restore_region(self._background)
        return png


def _keep_right_margin(fig: Figure, ax, pixels: float = 18.0) -> None:
    """Leave room at the right for a tick label at the end of an axis whose limits change."""
    pos = ax.get_position()
    right = 1.0 - pixels / (fig.get_figwidth() * fig.dpi)
    if pos.x1 > right:
        ax.set_position([pos.x0, pos.y0, right - pos.x0, pos.height])


# ----------------------------------------------------------------------------------------
# helpers shared by both widgets (formatting only; no model logic)


def _empty_summary() -> pd.DataFrame:
    return pd.DataFrame({"customers": pd.Series(dtype="int64"),
                         "customer_share": pd.Series(dtype="float64"),
                         "revenue": pd.Series(dtype="float64"),
                         "revenue_share": pd.Series(dtype="float64")})


def _revenue_header(currency: str | None, lang: str) -> str:
    if currency is None:
        return t("revenue", lang)
    return t("revenue_in", lang, currency=t(f"currency_{currency}", lang))


def _check_currency(currency: str | None) -> str | None:
    if currency is not None and f"currency_{currency}" not in STRINGS:
        known = sorted(k.removeprefix("currency_") for k in STRINGS if k.startswith("currency_"))
        raise ValueError(f"currency must be None or one of {known}, got {currency!r}")
    return currency


def _summary_html(summary: pd.DataFrame, names: dict[str, str], label_header: str,
                  title: str, lang: str, notes: str = "", currency: str | None = None) -> str:
    """Render a segment_summary table with translated labels as HTML."""
    cell = "padding:2px 10px;text-align:right"
    head = "".join(
        f'<th style="{cell};border-bottom:1px solid var(--jp-border-color1,#999)">'
        f"{html.escape(text)}</th>"
        for text in (t("customers", lang), t("customer_share", lang),
                     _revenue_header(currency, lang), t("revenue_share", lang)))
    first = "padding:2px 10px;text-align:left"
    rows = []
    for key, customers, c_share, revenue, r_share in zip(
            summary.index, summary["customers"], summary["customer_share"],
            summary["revenue"], summary["revenue_share"], strict=True):
        rows.append(
            f'<tr><td style="{first}">{html.escape(names[key])}</td>'
            f'<td style="{cell}">{int(customers):,}</td>'
            f'<td style="{cell}">{c_share:.1%}</td>'
            f'<td style="{cell}">{revenue:,.2f}</td>'
            f'<td style="{cell}">{r_share:.1%}</td></tr>')
    top = "border-top:1px solid var(--jp-border-color1,#999)"
    total = (f'<tr style="font-weight:bold"><td style="{first};{top}">'
             f"{html.escape(t('total', lang))}</td>"
             f'<td style="{cell};{top}">{int(summary["customers"].sum()):,}</td>'
             f'<td style="{cell};{top}">{summary["customer_share"].sum():.1%}</td>'
             f'<td style="{cell};{top}">{summary["revenue"].sum():,.2f}</td>'
             f'<td style="{cell};{top}">{summary["revenue_share"].sum():.1%}</td></tr>')
    return (
        f'<div class="crm-summary-box"><div style="font-weight:bold;margin:4px 0">'
        f"{html.escape(title)}</div>{notes}"
        f'<table class="crm-summary" style="border-collapse:collapse">'
        f'<thead><tr><th style="{first};border-bottom:1px solid var(--jp-border-color1,#999)">'
        f"{html.escape(label_header)}</th>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}{total}</tbody></table></div>")


# ----------------------------------------------------------------------------------------
# RFM


class _BarChart:
    """The RFM explorer's bar chart for one list of groups, updated in place."""

    def __init__(self, names: list[str], title: str, lang: str, in_place: bool):
        fig = Figure(figsize=(7.0, 0.45 * len(names) + 1.7), dpi=_DPI, layout="constrained")
        ax = fig.add_subplot()
        rows = np.arange(len(names))[::-1]  # first group on top
        height = 0.38
        zeros = np.zeros(len(names))
        self.customer_bars = ax.barh(rows + height / 2, zeros, height, color=_CUSTOMER_COLOR,
                                     label=t("customer_share", lang))
        self.revenue_bars = ax.barh(rows - height / 2, zeros, height, color=_REVENUE_COLOR,
                                    label=t("revenue_share", lang))
        ax.set_yticks(list(rows), names)
        ax.set_ylim(-0.6, len(names) - 0.4)
        ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.set_xlim(0, 1)
        ax.set_xlabel(t("share", lang))
        ax.set_title(t("rfm_bars_title", lang, title=title))
        # below the plot, so that no bar ever runs under it
        fig.legend(loc="outside lower center", ncols=2, frameon=False)
        ax.spines[["top", "right"]].set_visible(False)
        self.figure, self.ax = fig, ax
        dynamic = [*self.customer_bars, *self.revenue_bars, ax.xaxis,
                   ax.spines["left"], ax.spines["bottom"]]
        self.drawn = InPlaceFigure(fig, dynamic, in_place=in_place)
        if in_place:
            _keep_right_margin(fig, ax)

    def show(self, summary: pd.DataFrame) -> bytes:
        """Set the bars to ``summary``'s shares and return the PNG."""
        for bar, share in zip(self.customer_bars, summary["customer_share"], strict=True):
            bar.set_width(float(share))
        for bar, share in zip(self.revenue_bars, summary["revenue_share"], strict=True):
            bar.set_width(float(share))
        top = float(summary[["customer_share", "revenue_share"]].max().max())
        self.ax.set_xlim(0, max(0.05, top) * 1.12)
        return self.drawn.png()


class RFMExplorer(widgets.VBox):
    """Explore RFM value tiers and named RFM segments with sliders.

    Build it with :func:`rfm_explorer`. The RFM table is computed once; the
    scores are computed once per number of bins and cached. The bar chart of
    each view is built once and updated in place.

    *Try this* (shown under the controls, in the course language): with 5
    bins, put all the weight on M (R and F at 0): what share of revenue does
    the top tier bring? Then put it all on R: does the top tier still bring
    most of the revenue, and what does that say about recent customers?

    Attributes
    ----------
    bins : ipywidgets.IntSlider
        Number of score levels, 3 to 10.
    w_r, w_f, w_m : ipywidgets.FloatSlider
        Weights of the R, F and M scores in the weighted score (0 to 3).
    view : ipywidgets.ToggleButtons
        ``"tiers"`` (value tiers of the weighted score) or ``"segments"``
        (the named recency x frequency/monetary grid).
    prompt : ipywidgets.HTML
        The *try this* question.
    table : ipywidgets.HTML
        The summary table with translated labels, or a message.
    plot : ipywidgets.Output
        A bar chart of the share of customers and of revenue per group (one
        PNG display output).
    summary : pandas.DataFrame
        The last summary, from :func:`~course.sims.identification.segment_summary`,
        indexed by the model's labels (``"top"`` ... or ``"champions"`` ...).
        Empty when all weights are 0 in the tiers view.
    rfm : pandas.DataFrame
        The RFM table (computed once).
    scores : pandas.DataFrame
        The R, F and M scores for the current number of bins.
    labels : pandas.Series
        The tier or segment of every customer in the current view.
    figure : matplotlib.figure.Figure or None
        The figure shown in ``plot`` (None when there is nothing to draw). It
        is the same object from one update to the next within a view.
    png : bytes or None
        The PNG shown in ``plot``.
    """

    def __init__(self, transactions: pd.DataFrame, as_of=None, lang: str | None = None,
                 currency: str | None = "gbp"):
        self.lang = resolve_lang(lang)
        self.currency = _check_currency(currency)
        self.rfm = rfm_table(transactions, as_of=as_of)
        self._scores_cache: dict[int, pd.DataFrame] = {}
        self._charts: dict[tuple, _BarChart] = {}
        self._in_place = True  # False: a new figure every update (the benchmark's baseline)
        self.summary = _empty_summary()
        self.scores = pd.DataFrame()
        self.labels = pd.Series(dtype="str")
        self.figure: Figure | None = None
        self.png: bytes | None = None
        lang = self.lang
        self.bins = widgets.IntSlider(value=5, min=3, max=10, step=1, description=t("bins", lang),
                                      continuous_update=False, style=_STYLE)
        self.w_r, self.w_f, self.w_m = (
            widgets.FloatSlider(value=1.0, min=0.0, max=3.0, step=0.5, readout_format=".1f",
                                description=t(key, lang), continuous_update=False,
                                style=_STYLE)
            for key in ("weight_r", "weight_f", "weight_m"))
        self.view = widgets.ToggleButtons(
            options=[(t("view_tiers", lang), "tiers"), (t("view_segments", lang), "segments")],
            value="tiers", description=t("view", lang), style=_STYLE)
        self.prompt = widgets.HTML(try_this_html("rfm_try_this", lang))
        self.table = widgets.HTML(layout=widgets.Layout(margin="0 0 0 16px"))
        self.plot = widgets.Output()
        controls = widgets.VBox([self.bins, self.w_r, self.w_f, self.w_m, self.view])
        super().__init__(children=[widgets.HBox([controls, self.table]), self.prompt,
                                   self.plot])
        self.add_class("crm-rfm-explorer")
        setup_matplotlib(warn=True)
        for control in (self.bins, self.w_r, self.w_f, self.w_m, self.view):
            control.observe(self._on_change, names="value")
        self.update()
        if not self.rfm.empty:  # the other view's chart too: every switch is an update
            self._prepare("segments" if self.view.value == "tiers" else "tiers")

    def _on_change(self, change) -> None:
        self.update()

    def _scores_for(self, bins: int) -> pd.DataFrame:
        if bins not in self._scores_cache:
            self._scores_cache[bins] = rfm_scores(self.rfm, bins=bins)
        return self._scores_cache[bins]

    def update(self) -> None:
        """Recompute the summary from the controls; update the table and the plot in place.

        Examples
        --------
        >>> from course import load_dataset
        >>> w = rfm_explorer(load_dataset("retail_small"), lang="en")
        >>> w.summary.index.tolist()
        ['top', 'high', 'medium', 'low']
        >>> before, figure = w.summary["customers"].tolist(), w.figure
        >>> w.w_r.value = 3.0           # recency counts three times as much
        >>> w.summary["customers"].tolist() != before, w.figure is figure
        (True, True)
        >>> w.bins.value = 3
        >>> int(w.scores.max().max())
        3
        >>> w.w_r.value = w.w_f.value = w.w_m.value = 0.0
        >>> "All three weights are 0" in w.table.value, w.summary.empty
        (True, True)
        """
        lang, bins = self.lang, int(self.bins.value)
        weights = (float(self.w_r.value), float(self.w_f.value), float(self.w_m.value))
        segments_view = self.view.value == "segments"
        for slider in (self.w_r, self.w_f, self.w_m):
            slider.disabled = segments_view
        self.scores = self._scores_for(bins)
        known, title, header, notes = self._view_texts(self.view.value)
        if self.rfm.empty:
            self._show_message(title, t("no_customers", lang))
            return
        if not segments_view and sum(weights) == 0:
            self._show_message(title, t("rfm_weights_zero", lang))
            return
        if segments_view:
            self.labels = rfm_segments(self.scores, bins=bins)
        else:
            self.labels = value_tiers(weighted_rfm(self.scores, weights), bins=bins)
        # labels the model gives that this view does not know yet get a row of their own
        extra = sorted(set(self.labels.unique()) - set(known))
        names = {k: t(v, lang) for k, v in known.items()}
        names.update({k: t(f"seg_{k}", lang) if f"seg_{k}" in STRINGS else str(k)
                      for k in extra})
        self.summary = segment_summary(self.labels, self.rfm["monetary"], order=list(names))
        self.table.value = _summary_html(self.summary, names, header, title, lang, notes,
                                         self.currency)
        self._draw(names, title)

    def _view_texts(self, view: str) -> tuple[dict[str, str], str, str, str]:
        """The known labels, title, table header and note of a view."""
        lang = self.lang
        if view == "segments":
            return (SEGMENTS, t("rfm_title", lang), t("segment", lang),
                    note_html(t("rfm_weights_unused", lang)))
        return TIERS, t("rfm_tiers_title", lang), t("tier", lang), ""

    def _prepare(self, view: str) -> None:
        """Build the chart of ``view`` and draw its static part, so a first switch is quick."""
        known, title, _, _ = self._view_texts(view)
        self._chart_for({k: t(v, self.lang) for k, v in known.items()}, title).drawn.png()

    def _show_message(self, title: str, message: str) -> None:
        self.summary = _empty_summary()
        self.labels = pd.Series(dtype="str")
        self.figure = self.png = None
        self.table.value = (f'<div style="font-weight:bold;margin:4px 0">{html.escape(title)}'
                            f"</div>{note_html(message, 'warning')}")
        self.plot.outputs = ()

    def _chart_for(self, names: dict[str, str], title: str) -> _BarChart:
        key = (title, *names.items())
        if key not in self._charts or not self._in_place:
            self._charts[key] = _BarChart(list(names.values()), title, self.lang,
                                          in_place=self._in_place)
        return self._charts[key]

    def _draw(self, names: dict[str, str], title: str) -> None:
        chart = self._chart_for(names, title)
        self.png = chart.show(self.summary)
        self.plot.outputs = png_output(self.png, title)
        self.figure = chart.figure  # never registered with pyplot, so no leak


def rfm_explorer(transactions: pd.DataFrame, as_of=None, lang: str | None = None,
                 currency: str | None = "gbp") -> RFMExplorer:
    """Show customers' RFM value tiers or named segments, with sliders.

    Parameters
    ----------
    transactions : pandas.DataFrame
        Order lines in the course schema (``customer_id, order_id, date,
        quantity, amount``), e.g. ``load_dataset("online_retail")``.
    as_of : str or Timestamp, optional
        The day recency is measured to (default: the day after the last purchase).
    lang : {"en", "zh"}, optional
        Language of labels and plots; default the current course language.
    currency : {"gbp"} or None, default "gbp"
        Currency of the amounts, named in the revenue column ("Revenue (£)",
        "销售额（英镑）"); the course data is in pounds sterling. None names none.

    Returns
    -------
    RFMExplorer
        An ipywidgets VBox: sliders ``bins``, ``w_r``, ``w_f``, ``w_m``, toggle
        ``view``; outputs ``prompt`` (the *try this* question), ``table``
        (HTML) and ``plot`` (Output); the last result in ``summary``.

    Examples
    --------
    >>> from course import load_dataset
    >>> w = rfm_explorer(load_dataset("retail_small"), lang="zh")
    >>> "客户数" in w.table.value, "销售额（英镑）" in w.table.value
    (True, True)
    >>> "动手试一试" in w.prompt.value
    True
    >>> before = w.summary.copy()
    >>> w.bins.value = 3
    >>> w.summary.equals(before)
    False
    >>> int(w.summary["customers"].sum())
    200
    """
    return RFMExplorer(transactions, as_of=as_of, lang=lang, currency=currency)


# ----------------------------------------------------------------------------------------
# ABC


class _ParetoChart:
    """The ABC explorer's Pareto curve with class bands and cut-offs, updated in place."""

    def __init__(self, curve: pd.DataFrame, lang: str, in_place: bool):
        x = np.concatenate([[0.0], curve["customer_share"].to_numpy(dtype=float)])
        y = np.concatenate([[0.0], curve["value_share"].to_numpy(dtype=float)])
        fig = Figure(figsize=(7.0, 4.2), dpi=_DPI, layout="constrained")
        ax = fig.add_subplot()
        band = ax.get_xaxis_transform()  # x in data, y in axes fraction
        self.bands, self.band_labels = {}, {}
        for cls, key in CLASSES.items():
            colour = _CLASS_COLORS[cls]
            self.bands[cls] = ax.add_patch(Rectangle((0, 0), 0, 1, transform=band,
                                                     color=colour, alpha=0.12, lw=0))
            self.band_labels[cls] = ax.text(0, 0.02, t(key, lang), ha="center", va="bottom",
                                            color=colour, fontweight="bold")
        (self.equal_line,) = ax.plot([0, 1], [0, 1], ls="--", color="grey", lw=1,
                                     label=t("equal_line", lang))
        (self.curve_line,) = ax.plot(x, y, color=_CUSTOMER_COLOR, lw=2,
                                     label=t("cum_revenue_share", lang))
        self.cut_lines, self.cut_labels = {}, {}
        for key in ("a_cut", "b_cut"):
            self.cut_lines[key] = ax.axhline(0.5, color="black", lw=0.8, ls=":")
            self.cut_labels[key] = ax.text(0.01, 0.5, "", ha="left", va="bottom", fontsize=9)
        self.note = ax.annotate("", xy=(0, 0), xytext=(0.42, 0.2), textcoords="axes fraction",
                                arrowprops={"arrowstyle": "->", "color": "black"}, fontsize=10)
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1.02)
        ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.set_xlabel(t("cum_customer_share", lang))
        ax.set_ylabel(t("cum_revenue_share", lang))
        ax.set_title(t("abc_title", lang))
        self.legend = ax.legend(handles=[self.equal_line, self.curve_line],
                                loc="center right", frameon=False)
        ax.spines[["top", "right"]].set_visible(False)
        self.figure, self.ax, self.lang = fig, ax, lang
        # the curves stay above the bands, so they are redrawn too; the (frameless) legend
        # stays in the static picture: a band tints its glyphs by at most 12 %, unseen
        dynamic = [*self.bands.values(), *self.band_labels.values(), self.equal_line,
                   self.curve_line, *self.cut_lines.values(), *self.cut_labels.values(),
                   self.note, ax.spines["left"], ax.spines["bottom"]]
        self.drawn = InPlaceFigure(fig, dynamic, in_place=in_place)

    def show(self, summary: pd.DataFrame, a: float, b: float) -> bytes:
        """Move the bands, cut-offs and note to ``summary`` and the cuts; return the PNG."""
        lang = self.lang
        share_a = float(summary.loc["A", "customer_share"])
        share_ab = share_a + float(summary.loc["B", "customer_share"])
        for cls, (left, right) in zip(CLASSES, ((0.0, share_a), (share_a, share_ab),
                                                (share_ab, 1.0)), strict=True):
            self.bands[cls].set_x(left)
            self.bands[cls].set_width(max(0.0, right - left))
            self.bands[cls].set_visible(right > left)
            self.band_labels[cls].set_x((left + right) / 2)
            self.band_labels[cls].set_visible(right > left)
        for cut, key in ((a, "a_cut"), (b, "b_cut")):
            self.cut_lines[key].set_ydata([cut, cut])
            self.cut_labels[key].set_y(cut)
            self.cut_labels[key].set_text(f"{t(key, lang)} {cut:.0%}")
        revenue_a = float(summary.loc["A", "revenue_share"])
        self.note.set_text(t("top_share_note", lang, customers=share_a, revenue=revenue_a))
        self.note.xy = (share_a, revenue_a)
        return self.drawn.png()


class ABCExplorer(widgets.VBox):
    """Explore ABC classes on the Pareto curve with two cut-off sliders.

    Build it with :func:`abc_explorer`. The B cut-off is kept at or above the A
    cut-off: when a move would break that, the other slider follows and the
    table says so. The Pareto curve is drawn once; the class bands, the
    cut-off lines and the note move in place.

    *Try this* (shown under the controls, in the course language): lower the
    A cut-off from 80 % to 50 %: how many customers are in class A now, and
    what share of all customers is that? Does the revenue follow the 80/20
    rule, or is it more concentrated?

    Attributes
    ----------
    a_cut : ipywidgets.FloatSlider
        Share of revenue class A must reach (0.5 to 0.95).
    b_cut : ipywidgets.FloatSlider
        Share classes A and B together must reach (0.6 to 0.99).
    prompt : ipywidgets.HTML
        The *try this* question.
    table : ipywidgets.HTML
        Class sizes and revenue, with translated labels.
    plot : ipywidgets.Output
        The Pareto curve with the equal line and both cut-offs (one PNG
        display output).
    summary : pandas.DataFrame
        The last summary, indexed ``A, B, C``.
    classes : pandas.Series
        The class of every customer.
    curve : pandas.DataFrame
        The Pareto curve (computed once).
    figure : matplotlib.figure.Figure or None
        The figure shown in ``plot``; the same object from one update to the next.
    png : bytes or None
        The PNG shown in ``plot``.
    """

    def __init__(self, values: pd.Series, lang: str | None = None,
                 currency: str | None = "gbp"):
        if not isinstance(values, pd.Series):
            raise TypeError("values must be a pandas Series of revenue per customer "
                            f"(e.g. rfm_table(tx)['monetary']), got {type(values).__name__}")
        self.lang = resolve_lang(lang)
        self.currency = _check_currency(currency)
        self.values = values
        self.curve = pareto_curve(values)
        self.summary = _empty_summary()
        self.classes = pd.Series(dtype="str")
        self.figure: Figure | None = None
        self.png: bytes | None = None
        self._chart: _ParetoChart | None = None
        self._in_place = True  # False: a new figure every update (the benchmark's baseline)
        self._syncing = False
        self._note = ""
        lang = self.lang
        self.a_cut = widgets.FloatSlider(value=0.8, min=0.5, max=0.95, step=0.05,
                                         readout_format=".0%", description=t("a_cut", lang),
                                         continuous_update=False, style=_STYLE)
        self.b_cut = widgets.FloatSlider(value=0.95, min=0.6, max=0.99, step=0.01,
                                         readout_format=".0%", description=t("b_cut", lang),
                                         continuous_update=False, style=_STYLE)
        self.prompt = widgets.HTML(try_this_html("abc_try_this", lang))
        self.table = widgets.HTML(layout=widgets.Layout(margin="0 0 0 16px"))
        self.plot = widgets.Output()
        controls = widgets.VBox([self.a_cut, self.b_cut])
        super().__init__(children=[widgets.HBox([controls, self.table]), self.prompt,
                                   self.plot])
        self.add_class("crm-abc-explorer")
        setup_matplotlib(warn=True)
        self.a_cut.observe(self._on_a_cut, names="value")
        self.b_cut.observe(self._on_b_cut, names="value")
        self.update()

    def _set_quietly(self, slider: widgets.FloatSlider, value: float) -> None:
        self._syncing = True
        try:
            slider.value = value
        finally:
            self._syncing = False

    def _on_a_cut(self, change) -> None:
        if self._syncing:
            return
        a, b = round(self.a_cut.value, 2), round(self.b_cut.value, 2)
        if b < a:  # the B slider follows the A slider up
            self._set_quietly(self.b_cut, a)
            self._note = t("b_cut_raised", self.lang, value=a)
        self.update()

    def _on_b_cut(self, change) -> None:
        if self._syncing:
            return
        a, b = round(self.a_cut.value, 2), round(self.b_cut.value, 2)
        if b < a:  # the A slider follows the B slider down, onto its 5 % grid
            new_a = max(self.a_cut.min, round(math.floor(b / 0.05 + 1e-9) * 0.05, 2))
            self._set_quietly(self.a_cut, new_a)
            self._note = t("a_cut_lowered", self.lang, value=new_a)
        self.update()

    def update(self) -> None:
        """Reclassify with the current cut-offs; update the table and the plot in place.

        Examples
        --------
        >>> from course import load_dataset
        >>> from course.sims.identification import rfm_table
        >>> revenue = rfm_table(load_dataset("retail_small"))["monetary"]
        >>> w = abc_explorer(revenue, lang="en")
        >>> w.summary.index.tolist()
        ['A', 'B', 'C']
        >>> n_a, figure = int(w.summary.loc["A", "customers"]), w.figure
        >>> w.a_cut.value = 0.6
        >>> int(w.summary.loc["A", "customers"]) < n_a, w.figure is figure
        (True, True)
        >>> w.b_cut.value = 0.7
        >>> w.a_cut.value = 0.9         # above the B cut-off: B follows
        >>> round(w.b_cut.value, 2), "raised to 90%" in w.table.value
        (0.9, True)
        """
        lang = self.lang
        a, b = round(self.a_cut.value, 2), round(self.b_cut.value, 2)
        notes = note_html(self._note, "warning") if self._note else ""
        self._note = ""
        title = t("abc_classes_title", lang)
        if self.curve.empty:
            self.summary, self.figure, self.png = _empty_summary(), None, None
            self.classes = pd.Series(dtype="str")
            self.table.value = (f'<div style="font-weight:bold">{html.escape(title)}</div>'
                                f"{note_html(t('no_customers', lang), 'warning')}")
            self.plot.outputs = ()
            return
        self.classes = abc_classes(self.values, a_cut=a, b_cut=b)
        self.summary = segment_summary(self.classes, self.values, order=ABC_CLASSES)
        names = {k: t(v, lang) for k, v in CLASSES.items()}
        self.table.value = _summary_html(self.summary, names, t("class", lang), title, lang,
                                         notes, self.currency)
        self._draw(a, b)

    def _draw(self, a: float, b: float) -> None:
        if self._chart is None or not self._in_place:
            self._chart = _ParetoChart(self.curve, self.lang, in_place=self._in_place)
        self.png = self._chart.show(self.summary, a, b)
        self.plot.outputs = png_output(self.png, t("abc_title", self.lang))
        self.figure = self._chart.figure


def abc_explorer(values: pd.Series, lang: str | None = None,
                 currency: str | None = "gbp") -> ABCExplorer:
    """Show ABC classes on the Pareto curve, with A and B cut-off sliders.

    Parameters
    ----------
    values : pandas.Series
        Revenue (or another value) per customer, indexed by customer id, e.g.
        ``rfm_table(tx)["monetary"]``.
    lang : {"en", "zh"}, optional
        Language of labels and plots; default the current course language.
    currency : {"gbp"} or None, default "gbp"
        Currency of the values, named in the revenue column; None names none.

    Returns
    -------
    ABCExplorer
        An ipywidgets VBox: sliders ``a_cut`` and ``b_cut``; outputs ``prompt``
        (the *try this* question), ``table`` (HTML) and ``plot`` (Output); the
        last result in ``summary``.

    Examples
    --------
    >>> import pandas as pd
    >>> w = abc_explorer(pd.Series({"a": 50.0, "b": 30.0, "c": 15.0, "d": 5.0}), lang="en")
    >>> w.summary["customers"].tolist()
    [2, 1, 1]
    >>> "Revenue (£)" in w.table.value, "Try this" in w.prompt.value
    (True, True)
    >>> w.a_cut.value = 0.5
    >>> w.summary["customers"].tolist()
    [1, 2, 1]
    """
    return ABCExplorer(values, lang=lang, currency=currency)
