"""Chapter 5 widgets: explore RFM value tiers, RFM segments and ABC classes.

Views only. Every number shown comes from :mod:`course.sims.identification`;
the widgets just wire sliders to those functions, draw the result and keep the
last result in ``.summary`` so that tests (and curious students) can read it.

Each widget is an :class:`ipywidgets.VBox` whose controls and outputs are
attributes. Changing a control calls ``update()`` synchronously (through
``observe``), so a test can set ``w.bins.value = 3`` and read ``w.summary`` on
the next line, with no kernel or browser.

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

import base64
import html
import io
import math

import ipywidgets as widgets
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from course.i18n import LANGUAGES, get_language, setup_matplotlib, t
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

__all__ = ["ABCExplorer", "RFMExplorer", "abc_explorer", "rfm_explorer"]

#: Row order and i18n key of every label the RFM explorer can show.
TIERS = {"top": "tier_top", "high": "tier_high", "medium": "tier_mid", "low": "tier_low"}
SEGMENTS = {"champions": "seg_champions", "loyal": "seg_loyal", "promising": "seg_promising",
            "at_risk": "seg_at_risk", "attention": "seg_attention", "lost": "seg_lost"}
CLASSES = {"A": "class_a", "B": "class_b", "C": "class_c"}

SUMMARY_COLUMNS = ("customers", "customer_share", "revenue", "revenue_share")
_CUSTOMER_COLOR, _REVENUE_COLOR = "#4c72b0", "#dd8452"
_DPI = 96
_STYLE = {"description_width": "7em"}


# ----------------------------------------------------------------------------------------
# helpers shared by both widgets (formatting only; no model logic)


def _resolve_lang(lang: str | None) -> str:
    lang = lang or get_language()
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}, got {lang!r}")
    return lang


def _empty_summary() -> pd.DataFrame:
    return pd.DataFrame({"customers": pd.Series(dtype="int64"),
                         "customer_share": pd.Series(dtype="float64"),
                         "revenue": pd.Series(dtype="float64"),
                         "revenue_share": pd.Series(dtype="float64")})


def _note_html(text: str, kind: str = "info") -> str:
    colour = {"warning": "#b35900", "info": "var(--jp-ui-font-color2, #555)"}[kind]
    return (f'<div class="crm-note crm-note-{kind}" style="color:{colour};'
            f'margin:4px 0;max-width:36em">{html.escape(text)}</div>')


def _summary_html(summary: pd.DataFrame, names: dict[str, str], label_header: str,
                  title: str, lang: str, notes: str = "") -> str:
    """Render a segment_summary table with translated labels as HTML."""
    cell = "padding:2px 10px;text-align:right"
    head = "".join(
        f'<th style="{cell};border-bottom:1px solid var(--jp-border-color1,#999)">'
        f"{html.escape(text)}</th>"
        for text in (t("customers", lang), t("customer_share", lang), t("revenue", lang),
                     t("revenue_share", lang)))
    first = "padding:2px 10px;text-align:left"
    rows = []
    for key, row in summary.iterrows():
        rows.append(
            f'<tr><td style="{first}">{html.escape(names[key])}</td>'
            f'<td style="{cell}">{int(row["customers"]):,}</td>'
            f'<td style="{cell}">{row["customer_share"]:.1%}</td>'
            f'<td style="{cell}">{row["revenue"]:,.2f}</td>'
            f'<td style="{cell}">{row["revenue_share"]:.1%}</td></tr>')
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


def _figure_output(fig: Figure, alt: str) -> tuple[dict, ...]:
    """Render a figure to a PNG display_data output (works with or without a kernel)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=_DPI)
    png = base64.b64encode(buffer.getvalue()).decode("ascii")
    return ({"output_type": "display_data",
             "data": {"image/png": png, "text/plain": f"<Figure: {alt}>"},
             "metadata": {}},)


# ----------------------------------------------------------------------------------------
# RFM


class RFMExplorer(widgets.VBox):
    """Explore RFM value tiers and named RFM segments with sliders.

    Build it with :func:`rfm_explorer`. The RFM table is computed once; the
    scores are computed once per number of bins and cached.

    Attributes
    ----------
    bins : ipywidgets.IntSlider
        Number of score levels, 3 to 10.
    w_r, w_f, w_m : ipywidgets.FloatSlider
        Weights of the R, F and M scores in the weighted score (0 to 3).
    view : ipywidgets.ToggleButtons
        ``"tiers"`` (value tiers of the weighted score) or ``"segments"``
        (the named recency x frequency/monetary grid).
    table : ipywidgets.HTML
        The summary table with translated labels, or a message.
    plot : ipywidgets.Output
        A bar chart of the share of customers and of revenue per group.
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
        The last figure drawn into ``plot`` (None when there was nothing to draw).
    """

    def __init__(self, transactions: pd.DataFrame, as_of=None, lang: str | None = None):
        self.lang = _resolve_lang(lang)
        self.rfm = rfm_table(transactions, as_of=as_of)
        self._scores_cache: dict[int, pd.DataFrame] = {}
        self.summary = _empty_summary()
        self.scores = pd.DataFrame()
        self.labels = pd.Series(dtype="str")
        self.figure: Figure | None = None
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
        self.table = widgets.HTML(layout=widgets.Layout(margin="0 0 0 16px"))
        self.plot = widgets.Output()
        controls = widgets.VBox([self.bins, self.w_r, self.w_f, self.w_m, self.view])
        super().__init__(children=[widgets.HBox([controls, self.table]), self.plot])
        self.add_class("crm-rfm-explorer")
        setup_matplotlib(warn=True)
        for control in (self.bins, self.w_r, self.w_f, self.w_m, self.view):
            control.observe(self._on_change, names="value")
        self.update()

    def _on_change(self, change) -> None:
        self.update()

    def _scores_for(self, bins: int) -> pd.DataFrame:
        if bins not in self._scores_cache:
            self._scores_cache[bins] = rfm_scores(self.rfm, bins=bins)
        return self._scores_cache[bins]

    def update(self) -> None:
        """Recompute the summary from the controls and redraw the table and the plot.

        Examples
        --------
        >>> from course import load_dataset
        >>> w = rfm_explorer(load_dataset("retail_small"), lang="en")
        >>> w.summary.index.tolist()
        ['top', 'high', 'medium', 'low']
        >>> before = w.summary["customers"].tolist()
        >>> w.w_r.value = 3.0           # recency counts three times as much
        >>> w.summary["customers"].tolist() != before
        True
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
        if segments_view:
            names = {k: t(v, lang) for k, v in SEGMENTS.items()}
            title, header = t("rfm_title", lang), t("segment", lang)
            notes = _note_html(t("rfm_weights_unused", lang))
        else:
            names = {k: t(v, lang) for k, v in TIERS.items()}
            title, header = t("rfm_tiers_title", lang), t("tier", lang)
            notes = ""
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
        self.summary = segment_summary(self.labels, self.rfm["monetary"], order=list(names))
        self.table.value = _summary_html(self.summary, names, header, title, lang, notes)
        self._draw(names, title)

    def _show_message(self, title: str, message: str) -> None:
        self.summary = _empty_summary()
        self.labels = pd.Series(dtype="str")
        self.figure = None
        self.table.value = (f'<div style="font-weight:bold;margin:4px 0">{html.escape(title)}'
                            f"</div>{_note_html(message, 'warning')}")
        self.plot.outputs = ()

    def _draw(self, names: dict[str, str], title: str) -> None:
        lang, summary = self.lang, self.summary
        fig = Figure(figsize=(7.0, 0.45 * len(summary) + 1.4), layout="constrained")
        ax = fig.add_subplot()
        rows = range(len(summary))[::-1]  # first group on top
        height = 0.38
        ax.barh([r + height / 2 for r in rows], summary["customer_share"], height,
                color=_CUSTOMER_COLOR, label=t("customer_share", lang))
        ax.barh([r - height / 2 for r in rows], summary["revenue_share"], height,
                color=_REVENUE_COLOR, label=t("revenue_share", lang))
        ax.set_yticks(list(rows), [names[k] for k in summary.index])
        ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.set_xlim(0, max(0.05, float(summary[["customer_share", "revenue_share"]].max().max()))
                    * 1.12)
        ax.set_xlabel(t("share", lang))
        ax.set_title(t("rfm_bars_title", lang, title=title))
        ax.legend(loc="lower right", frameon=False)
        ax.spines[["top", "right"]].set_visible(False)
        self.plot.outputs = _figure_output(fig, title)
        self.figure = fig  # kept for inspection; never registered with pyplot, so no leak


def rfm_explorer(transactions: pd.DataFrame, as_of=None, lang: str | None = None) -> RFMExplorer:
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

    Returns
    -------
    RFMExplorer
        An ipywidgets VBox: sliders ``bins``, ``w_r``, ``w_f``, ``w_m``, toggle
        ``view``; outputs ``table`` (HTML) and ``plot`` (Output); the last result
        in ``summary``.

    Examples
    --------
    >>> from course import load_dataset
    >>> w = rfm_explorer(load_dataset("retail_small"), lang="zh")
    >>> "客户数" in w.table.value
    True
    >>> before = w.summary.copy()
    >>> w.bins.value = 3
    >>> w.summary.equals(before)
    False
    >>> int(w.summary["customers"].sum())
    200
    """
    return RFMExplorer(transactions, as_of=as_of, lang=lang)


# ----------------------------------------------------------------------------------------
# ABC


class ABCExplorer(widgets.VBox):
    """Explore ABC classes on the Pareto curve with two cut-off sliders.

    Build it with :func:`abc_explorer`. The B cut-off is kept at or above the A
    cut-off: when a move would break that, the other slider follows and the
    table says so.

    Attributes
    ----------
    a_cut : ipywidgets.FloatSlider
        Share of revenue class A must reach (0.5 to 0.95).
    b_cut : ipywidgets.FloatSlider
        Share classes A and B together must reach (0.6 to 0.99).
    table : ipywidgets.HTML
        Class sizes and revenue, with translated labels.
    plot : ipywidgets.Output
        The Pareto curve with the equal line and both cut-offs.
    summary : pandas.DataFrame
        The last summary, indexed ``A, B, C``.
    classes : pandas.Series
        The class of every customer.
    curve : pandas.DataFrame
        The Pareto curve (computed once).
    figure : matplotlib.figure.Figure or None
        The last figure drawn into ``plot``.
    """

    def __init__(self, values: pd.Series, lang: str | None = None):
        if not isinstance(values, pd.Series):
            raise TypeError("values must be a pandas Series of revenue per customer "
                            f"(e.g. rfm_table(tx)['monetary']), got {type(values).__name__}")
        self.lang = _resolve_lang(lang)
        self.values = values
        self.curve = pareto_curve(values)
        self.summary = _empty_summary()
        self.classes = pd.Series(dtype="str")
        self.figure: Figure | None = None
        self._syncing = False
        self._note = ""
        lang = self.lang
        self.a_cut = widgets.FloatSlider(value=0.8, min=0.5, max=0.95, step=0.05,
                                         readout_format=".0%", description=t("a_cut", lang),
                                         continuous_update=False, style=_STYLE)
        self.b_cut = widgets.FloatSlider(value=0.95, min=0.6, max=0.99, step=0.01,
                                         readout_format=".0%", description=t("b_cut", lang),
                                         continuous_update=False, style=_STYLE)
        self.table = widgets.HTML(layout=widgets.Layout(margin="0 0 0 16px"))
        self.plot = widgets.Output()
        controls = widgets.VBox([self.a_cut, self.b_cut])
        super().__init__(children=[widgets.HBox([controls, self.table]), self.plot])
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
        """Reclassify with the current cut-offs and redraw the table and the plot.

        Examples
        --------
        >>> from course import load_dataset
        >>> from course.sims.identification import rfm_table
        >>> revenue = rfm_table(load_dataset("retail_small"))["monetary"]
        >>> w = abc_explorer(revenue, lang="en")
        >>> w.summary.index.tolist()
        ['A', 'B', 'C']
        >>> n_a = int(w.summary.loc["A", "customers"])
        >>> w.a_cut.value = 0.6
        >>> int(w.summary.loc["A", "customers"]) < n_a
        True
        >>> w.b_cut.value = 0.7
        >>> w.a_cut.value = 0.9         # above the B cut-off: B follows
        >>> round(w.b_cut.value, 2), "raised to 90%" in w.table.value
        (0.9, True)
        """
        lang = self.lang
        a, b = round(self.a_cut.value, 2), round(self.b_cut.value, 2)
        notes = _note_html(self._note, "warning") if self._note else ""
        self._note = ""
        title = t("abc_classes_title", lang)
        if self.curve.empty:
            self.summary, self.figure = _empty_summary(), None
            self.classes = pd.Series(dtype="str")
            self.table.value = (f'<div style="font-weight:bold">{html.escape(title)}</div>'
                                f"{_note_html(t('no_customers', lang), 'warning')}")
            self.plot.outputs = ()
            return
        self.classes = abc_classes(self.values, a_cut=a, b_cut=b)
        self.summary = segment_summary(self.classes, self.values, order=ABC_CLASSES)
        names = {k: t(v, lang) for k, v in CLASSES.items()}
        self.table.value = _summary_html(self.summary, names, t("class", lang), title, lang,
                                         notes)
        self._draw(a, b)

    def _draw(self, a: float, b: float) -> None:
        lang, curve, summary = self.lang, self.curve, self.summary
        x = [0.0, *curve["customer_share"].tolist()]
        y = [0.0, *curve["value_share"].tolist()]
        share_a = float(summary.loc["A", "customer_share"])
        share_ab = share_a + float(summary.loc["B", "customer_share"])
        fig = Figure(figsize=(7.0, 4.2), layout="constrained")
        ax = fig.add_subplot()
        for left, right, key, colour in ((0.0, share_a, "class_a", "#55a868"),
                                         (share_a, share_ab, "class_b", "#ccb974"),
                                         (share_ab, 1.0, "class_c", "#c44e52")):
            if right > left:
                ax.axvspan(left, right, color=colour, alpha=0.12, lw=0)
                ax.text((left + right) / 2, 0.02, t(key, lang), ha="center", va="bottom",
                        color=colour, fontweight="bold")
        ax.plot([0, 1], [0, 1], ls="--", color="grey", lw=1, label=t("equal_line", lang))
        ax.plot(x, y, color=_CUSTOMER_COLOR, lw=2, label=t("cum_revenue_share", lang))
        for cut, key in ((a, "a_cut"), (b, "b_cut")):
            ax.axhline(cut, color="black", lw=0.8, ls=":")
            ax.text(0.01, cut, f"{t(key, lang)} {cut:.0%}", ha="left", va="bottom", fontsize=9)
        revenue_a = float(summary.loc["A", "revenue_share"])
        ax.annotate(t("top_share_note", lang, customers=share_a, revenue=revenue_a),
                    xy=(share_a, revenue_a), xytext=(0.42, 0.2), textcoords="axes fraction",
                    arrowprops={"arrowstyle": "->", "color": "black"}, fontsize=10)
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1.02)
        ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.set_xlabel(t("cum_customer_share", lang))
        ax.set_ylabel(t("cum_revenue_share", lang))
        ax.set_title(t("abc_title", lang))
        ax.legend(loc="center right", frameon=False)
        ax.spines[["top", "right"]].set_visible(False)
        self.plot.outputs = _figure_output(fig, t("abc_title", lang))
        self.figure = fig


def abc_explorer(values: pd.Series, lang: str | None = None) -> ABCExplorer:
    """Show ABC classes on the Pareto curve, with A and B cut-off sliders.

    Parameters
    ----------
    values : pandas.Series
        Revenue (or another value) per customer, indexed by customer id, e.g.
        ``rfm_table(tx)["monetary"]``.
    lang : {"en", "zh"}, optional
        Language of labels and plots; default the current course language.

    Returns
    -------
    ABCExplorer
        An ipywidgets VBox: sliders ``a_cut`` and ``b_cut``; outputs ``table``
        (HTML) and ``plot`` (Output); the last result in ``summary``.

    Examples
    --------
    >>> import pandas as pd
    >>> w = abc_explorer(pd.Series({"a": 50.0, "b": 30.0, "c": 15.0, "d": 5.0}), lang="en")
    >>> w.summary["customers"].tolist()
    [2, 1, 1]
    >>> w.a_cut.value = 0.5
    >>> w.summary["customers"].tolist()
    [1, 2, 1]
    """
    return ABCExplorer(values, lang=lang)
