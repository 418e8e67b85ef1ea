"""Chapter 6 widgets: the whale curve under a cost-to-serve model, the value matrix.

Views only. Every number shown comes from :mod:`course.sims.selection`; the
widgets wire sliders to those functions, draw the result and keep the last
result in attributes (``summary``, ``peak``, ``after``...) so that tests can
read it.

Each widget is an :class:`ipywidgets.VBox` whose controls and outputs are
attributes. Changing a control calls ``update()`` synchronously, so a test can
set ``w.margin.value = 0.2`` and read ``w.summary`` on the next line.

Figures are built once and updated in place (new data on the existing
artists, drawn over a saved picture of the static rest) with chapter 5's
:class:`~course.widgets.identification.InPlaceFigure`; the benchmark
``benchmarks/bench_widgets_ch06.py`` times every control against drawing a
new figure each time.

Examples
--------
>>> from course.synthetic.selection import make_selection_transactions
>>> w = whale_explorer(make_selection_transactions(60, seed=3), lang="en")
>>> before = w.peak["peak_share"]
>>> w.cost_per_order.value = 40.0
>>> w.peak["peak_share"] != before
True
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, PercentFormatter

from course.i18n import setup_matplotlib, t
from course.sims.selection import (
    COST_MODEL,
    STRATEGIES,
    cost_drivers,
    dropping_curve,
    dropping_curves,
    matrix_summary,
    profit_from_drivers,
    value_matrix,
    whale_curve,
    whale_peak,
)
from course.widgets._common import note_html, png_output, resolve_lang, try_this_html
from course.widgets.identification import InPlaceFigure

__all__ = ["ValueMatrixExplorer", "WhaleExplorer", "value_matrix_explorer", "whale_explorer"]

_DPI = 96
_STYLE = {"description_width": "11em"}
_MAX_BACKGROUNDS = 16  # saved static pictures of the whale chart (about 1.5 MB each)
_LAYOUT = widgets.Layout(width="26em")
_CURVE, _DROP, _PEAK = "#1d3557", "#e76f51", "#2a9d8f"
KIND_COLOURS = {"keystone": "#e76f51", "mainstay": "#457b9d", "prospect": "#2a9d8f",
                "marginal": "#9e9e9e"}
#: The controls of each widget, in the order the benchmark times them.
WHALE_CONTROLS = ("margin", "cost_per_order", "cost_per_line", "cost_per_return",
                  "drop_share", "fixed_share")
MATRIX_CONTROLS = ("current_cut", "potential_cut")


def _money(value: float, lang: str) -> str:
    sign = "-" if value < 0 else ""
    if lang == "zh":
        return f"{sign}{abs(value):,.0f} 英镑"
    return f"{sign}£{abs(value):,.0f}"


def _rows_html(rows, title: str, notes: str = "") -> str:
    cell = "padding:2px 10px;text-align:right"
    first = "padding:2px 10px;text-align:left"
    body = "".join(f'<tr><td style="{first}">{html.escape(a)}</td>'
                   f'<td style="{cell}">{html.escape(b)}</td></tr>' for a, b in rows)
    return (f'<div class="crm-summary-box"><div style="font-weight:bold;margin:4px 0">'
            f"{html.escape(title)}</div>{notes}"
            f'<table class="crm-summary" style="border-collapse:collapse"><tbody>{body}'
            f"</tbody></table></div>")


def _pounds_axis(ax, lang: str, axis: str = "y") -> None:
    """Tick labels in pounds: £600k in English, 60万 in Chinese (the axis label names 英镑)."""

    def pounds(v, _pos=None):
        sign = "-" if v < 0 else ""
        if lang == "zh":
            return f"{sign}{abs(v) / 10000:,.4g}万" if abs(v) >= 10000 else f"{v:,.0f}"
        return f"{sign}£{abs(v) / 1000:,.0f}k" if abs(v) >= 1000 else f"{sign}£{abs(v):,.0f}"

    fmt = FuncFormatter(pounds)
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)


# ----------------------------------------------------------------------------------------
# the whale curve


def _nice_limits(low: float, high: float, parts: int = 4) -> tuple[float, float]:
    """Round axis limits around ``[low, high]`` on a coarse grid."""
    span = max(high - low, 1e-9)
    step = _nice_step(span * 100 / parts)
    return float(np.floor(low / step) * step), float(np.ceil(high / step) * step)


def _sticky_limits(old: tuple | None, low: float, high: float) -> tuple[float, float]:
    """Keep ``old`` limits while the data fit inside and fill at least 40 % of them."""
    if old is not None and old[0] <= low and high <= old[1] \
            and (high - low) >= 0.4 * (old[1] - old[0]):
        return old
    return _nice_limits(low, high)


class _WhaleChart:
    """Left: the whale curve with its peak; right: profit after dropping customers.

    The axes are part of the static picture. Their limits sit on a coarse
    grid; only when a change of model moves them off it is the static picture
    drawn again (so most updates redraw the curves and markers only).
    """

    def __init__(self, lang: str, in_place: bool):
        fig = Figure(figsize=(10.0, 4.0), dpi=_DPI, layout="constrained")
        left, right = fig.subplots(1, 2)
        left.axhline(1.0, color="grey", lw=0.8, ls="--")
        (self.curve,) = left.plot([], [], color=_CURVE, lw=2, label=t("ch06_cum_profit_share",
                                                                       lang))
        (self.peak,) = left.plot([], [], "o", color=_PEAK, ms=7, label=t("ch06_peak", lang))
        self.drop_line = left.axvline(1.0, color=_DROP, lw=1, ls=":")
        self.peak_text = left.text(0.35, 0.32, "", transform=left.transAxes, fontsize=9,
                                   color=_PEAK)
        left.set_xlim(0, 1)
        left.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        left.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        left.set_xlabel(t("ch06_customers_ranked", lang))
        left.set_ylabel(t("ch06_cum_profit_share", lang))
        left.set_title(t("ch06_whale_title", lang))
        left.legend(loc="lower right", frameon=False)
        (self.after,) = right.plot([], [], color=_DROP, lw=2)
        (self.after_dot,) = right.plot([], [], "o", color=_DROP, ms=7)
        self.today = right.axhline(0.0, color="grey", lw=0.8, ls="--")
        right.set_xlim(0, 1)
        right.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        _pounds_axis(right, lang)
        right.set_xlabel(t("ch06_share_dropped", lang))
        right.set_ylabel(t("ch06_profit_after_gbp", lang))
        right.set_title(t("ch06_after_title_short", lang))
        for ax in (left, right):
            ax.spines[["top", "right"]].set_visible(False)
        self.figure, self.left, self.right, self.lang = fig, left, right, lang
        # the spines are drawn over the curves, as in a full draw
        dynamic = [self.curve, self.peak, self.drop_line, self.peak_text,
                   self.after, self.after_dot, self.today,
                   *(ax.spines[side] for ax in (left, right) for side in ("left", "bottom"))]
        self.drawn = InPlaceFigure(fig, dynamic, in_place=in_place)
        self.limits: tuple | None = None
        self._backgrounds: dict[tuple, object] = {}

    def show(self, curve: pd.DataFrame, peak: dict, after: pd.Series, drop_share: float,
             k: int, envelope: tuple[float, float]) -> bytes:
        lang = self.lang
        n = len(curve)
        x = np.concatenate([[0.0], curve["customer_share"].to_numpy(dtype=float)])
        share = curve["cum_share"].to_numpy(dtype=float)
        if n and np.isfinite(share).all():
            y = np.concatenate([[0.0], share])
            self.curve.set_data(x, y)
            px, py = peak["customer_share"], peak["peak_share"]
            self.peak.set_data([px], [py])
            self.peak_text.set_text(t("ch06_peak_note", lang, customers=px, profit=py))
            left = _sticky_limits(self.limits and self.limits[0], min(0.0, float(y.min())),
                                  max(1.0, float(y.max())) * 1.05)
        else:  # total profit zero or negative: no share to draw
            self.curve.set_data([], [])
            self.peak.set_data([], [])
            self.peak_text.set_text(t("ch06_no_shares", lang))
            left = (0.0, 1.25)
        self.drop_line.set_xdata([1.0 - drop_share, 1.0 - drop_share])
        values = after.to_numpy(dtype=float)
        self.after.set_data(after.index.to_numpy(dtype=float) / max(n, 1), values)
        self.after_dot.set_data([k / max(n, 1)], [float(after.iloc[k])])
        self.today.set_ydata([float(after.iloc[0])] * 2)
        low, high = envelope  # over every fixed share: the limits follow the cost model only
        span = (high - low) or 1.0
        right = _sticky_limits(self.limits and self.limits[1], low - 0.04 * span,
                               high + 0.06 * span)
        if (left, right) != self.limits:  # new limits: another static picture
            self.left.set_ylim(*left)
            self.right.set_ylim(*right)
            self.limits = (left, right)
            # the static picture depends on the limits only: reuse one drawn before
            self.drawn._background = self._backgrounds.get(self.limits)
        png = self.drawn.png()
        if self.drawn.in_place and self.limits not in self._backgrounds:
            if len(self._backgrounds) >= _MAX_BACKGROUNDS:
                self._backgrounds.pop(next(iter(self._backgrounds)))
            self._backgrounds[self.limits] = self.drawn._background
        return png


class WhaleExplorer(widgets.VBox):
    """The whale curve of customer profit under a cost-to-serve model you set.

    Build it with :func:`whale_explorer`. Revenue and the activity behind the
    cost to serve (orders, lines, returns) are counted once; every control
    change recomputes profit, the curve, the peak and the profit after
    dropping the least profitable customers.

    *Try this* (shown under the controls): with the default model, drop the
    least profitable 19 % of customers with no fixed cost, then raise the
    fixed share to 50 %: does dropping them still pay? How few customers
    would you drop instead?

    Attributes
    ----------
    margin : ipywidgets.FloatSlider
        Gross margin (share of revenue).
    cost_per_order, cost_per_line, cost_per_return : ipywidgets.FloatSlider
        The cost-to-serve model, in pounds.
    drop_share : ipywidgets.FloatSlider
        Share of customers dropped, least profitable first.
    fixed_share : ipywidgets.FloatSlider
        Share of a dropped customer's cost to serve that stays.
    prompt : ipywidgets.HTML
        The *try this* question.
    table : ipywidgets.HTML
        Total profit, loss-making customers, the peak and profit after dropping.
    plot : ipywidgets.Output
        The whale curve and the profit-after-dropping curve (one PNG).
    profit : pandas.DataFrame
        :func:`~course.sims.selection.customer_profit`'s table for the current model.
    curve : pandas.DataFrame
        The whale curve.
    peak : dict
        :func:`~course.sims.selection.whale_peak`.
    after : pandas.Series
        Profit after dropping k customers, for every k.
    summary : dict
        The numbers in the table.
    figure : matplotlib.figure.Figure
        The figure, the same object from one update to the next.
    png : bytes
        The PNG shown in ``plot``.
    """

    def __init__(self, transactions: pd.DataFrame, lang: str | None = None,
                 cost_model: dict | None = None):
        self.lang = lang = resolve_lang(lang)
        model = COST_MODEL | (cost_model or {})
        self.drivers = cost_drivers(transactions)
        self._chart: _WhaleChart | None = None
        self._in_place = True  # False: a new figure every update (the benchmark's baseline)
        self._model: tuple | None = None
        self._fixed: float | None = None
        self._envelope = (0.0, 1.0)
        self.figure: Figure | None = None
        self.png: bytes | None = None

        def slider(key, value, low, high, step, fmt):
            return widgets.FloatSlider(value=value, min=low, max=high, step=step,
                                       readout_format=fmt, description=t(f"ch06_{key}", lang),
                                       continuous_update=False, style=_STYLE, layout=_LAYOUT)

        self.margin = slider("margin", model["margin"], 0.05, 0.6, 0.01, ".0%")
        self.cost_per_order = slider("cost_per_order", model["cost_per_order"], 0, 80, 1, ".0f")
        self.cost_per_line = slider("cost_per_line", model["cost_per_line"], 0, 5, 0.1, ".1f")
        self.cost_per_return = slider("cost_per_return", model["cost_per_return"], 0, 50, 1,
                                      ".0f")
        self.drop_share = slider("drop_share", 0.0, 0.0, 1.0, 0.01, ".0%")
        self.fixed_share = slider("fixed_share", 0.0, 0.0, 1.0, 0.05, ".0%")
        self.prompt = widgets.HTML(try_this_html("ch06_whale_try_this", lang))
        self.table = widgets.HTML(layout=widgets.Layout(margin="0 0 0 16px"))
        self.plot = widgets.Output()
        controls = widgets.VBox([getattr(self, name) for name in WHALE_CONTROLS])
        super().__init__(children=[widgets.HBox([controls, self.table]), self.prompt,
                                   self.plot])
        self.add_class("crm-whale-explorer")
        setup_matplotlib(warn=True)
        for name in WHALE_CONTROLS:
            getattr(self, name).observe(self._on_change, names="value")
        self.update()

    def _on_change(self, change) -> None:
        self.update()

    def update(self) -> None:
        """Recompute profit, curve, peak and dropping from the controls; redraw in place.

        Examples
        --------
        >>> from course.synthetic.selection import make_selection_transactions
        >>> w = whale_explorer(make_selection_transactions(50, seed=1), lang="en")
        >>> figure, today = w.figure, w.summary["total_profit"]
        >>> w.drop_share.value = 0.2
        >>> w.summary["dropped"] == 10, w.figure is figure
        (True, True)
        >>> w.summary["after"] != today
        True
        """
        lang = self.lang
        model = (float(self.margin.value), float(self.cost_per_order.value),
                 float(self.cost_per_line.value), float(self.cost_per_return.value))
        fixed = float(self.fixed_share.value)
        if model != self._model:  # the drop slider alone moves markers only
            self._model, self._fixed = model, None
            self.profit = profit_from_drivers(self.drivers, *model)
            self.curve = whale_curve(self.profit["profit"])
            self.peak = whale_peak(self.profit["profit"])
            if len(self.profit):
                curves = dropping_curves(self.profit, (0.0, 1.0, fixed))
                self._envelope = (float(curves[[0.0, 1.0]].min().min()),
                                  float(curves[[0.0, 1.0]].max().max()))
                self.after, self._fixed = curves[fixed].rename(None), fixed
        n = len(self.profit)
        if n == 0:
            self.after, self.summary = pd.Series([0.0]), {}
            self.table.value = note_html(t("no_customers", lang), "warning")
            self.plot.outputs = ()
            return
        if fixed != self._fixed:
            self._fixed = fixed
            self.after = dropping_curve(self.profit, fixed)
        k = int(round(float(self.drop_share.value) * n))
        total = float(self.after.iloc[0])
        losers = int((self.profit["profit"] < 0).sum())
        self.summary = {"customers": n, "total_profit": total, "unprofitable": losers,
                        "peak_customers": self.peak["customers"],
                        "peak_share": self.peak["peak_share"], "dropped": k,
                        "after": float(self.after.iloc[k]),
                        "best_k": int(self.after.idxmax()), "best": float(self.after.max())}
        peak_share = self.peak["peak_share"]
        rows = [
            (t("ch06_total_profit", lang), _money(total, lang)),
            (t("ch06_unprofitable", lang), f"{losers:,} ({losers / n:.0%})"),
            (t("ch06_peak_row", lang),
             t("ch06_peak_value", lang, customers=self.peak["customer_share"],
               profit=peak_share) if np.isfinite(peak_share) else t("ch06_no_shares", lang)),
            (t("ch06_dropped_row", lang), f"{k:,} ({k / n:.0%})"),
            (t("ch06_fixed_row", lang), f"{fixed:.0%}"),
            (t("ch06_after_row", lang), _money(self.summary["after"], lang)),
            (t("ch06_best_row", lang), t("ch06_best_value", lang, k=self.summary["best_k"],
                                         profit=_money(self.summary["best"], lang))),
        ]
        notes = "" if total > 0 else note_html(t("ch06_no_shares", lang), "warning")
        self.table.value = _rows_html(rows, t("ch06_whale_table", lang), notes)
        self._draw(k)

    def _draw(self, k: int) -> None:
        if self._chart is None or not self._in_place:
            self._chart = _WhaleChart(self.lang, in_place=self._in_place)
        self.png = self._chart.show(self.curve, self.peak, self.after,
                                    float(self.drop_share.value), k, self._envelope)
        self.plot.outputs = png_output(self.png, t("ch06_whale_title", self.lang))
        self.figure = self._chart.figure


def whale_explorer(transactions: pd.DataFrame, lang: str | None = None,
                   cost_model: dict | None = None) -> WhaleExplorer:
    """Show the whale curve and what dropping customers does, with sliders.

    Parameters
    ----------
    transactions : pandas.DataFrame
        Sale and return lines in the course schema, e.g.
        ``retail_activity(load_dataset("online_retail_raw"))``.
    lang : {"en", "zh"}, optional
        Language of labels and plots; default the course language.
    cost_model : dict, optional
        Starting values (keys of :data:`~course.sims.selection.COST_MODEL`).

    Returns
    -------
    WhaleExplorer

    Examples
    --------
    >>> from course.synthetic.selection import make_selection_transactions
    >>> w = whale_explorer(make_selection_transactions(40, seed=2), lang="zh")
    >>> "动手试一试" in w.prompt.value, "总利润" in w.table.value
    (True, True)
    """
    return WhaleExplorer(transactions, lang=lang, cost_model=cost_model)


# ----------------------------------------------------------------------------------------
# the value matrix


class _MatrixChart:
    def __init__(self, customers: pd.DataFrame, lang: str, in_place: bool):
        fig = Figure(figsize=(7.0, 5.0), dpi=_DPI, layout="constrained")
        ax = fig.add_subplot()
        x = customers["current_value"].to_numpy(dtype=float)
        y = customers["potential_value"].to_numpy(dtype=float)
        self.points = ax.scatter(x, y, s=18, c=["grey"] * len(x), alpha=0.8, lw=0)
        self.vline = ax.axvline(0, color="black", lw=0.9, ls="--")
        self.hline = ax.axhline(0, color="black", lw=0.9, ls="--")
        ax.set_xscale("symlog", linthresh=100)
        ax.set_yscale("symlog", linthresh=100)
        ax.set_xlim(min(-100.0, float(x.min()) * 1.3 if len(x) else -100.0),
                    max(1000.0, float(x.max()) * 1.3 if len(x) else 1000.0))
        ax.set_ylim(0, max(1000.0, float(y.max()) * 1.3 if len(y) else 1000.0))
        _pounds_axis(ax, lang, "x")
        _pounds_axis(ax, lang, "y")
        ax.set_xlabel(t("ch06_current_value_gbp", lang))
        ax.set_ylabel(t("ch06_potential_value_gbp", lang))
        ax.set_title(t("ch06_matrix_title", lang))
        self.labels = {}
        corners = {"keystone": (0.98, 0.98, "right", "top"),
                   "mainstay": (0.98, 0.02, "right", "bottom"),
                   "prospect": (0.02, 0.98, "left", "top"),
                   "marginal": (0.02, 0.02, "left", "bottom")}
        for kind, (cx, cy, ha, va) in corners.items():
            self.labels[kind] = ax.text(cx, cy, "", transform=ax.transAxes, ha=ha, va=va,
                                        color=KIND_COLOURS[kind], fontweight="bold", fontsize=9)
        ax.spines[["top", "right"]].set_visible(False)
        self.figure, self.ax, self.lang = fig, ax, lang
        dynamic = [self.points, self.vline, self.hline, *self.labels.values(),
                   ax.spines["left"], ax.spines["bottom"]]
        self.drawn = InPlaceFigure(fig, dynamic, in_place=in_place)

    def show(self, kinds: pd.Series, summary: pd.DataFrame, current_cut: float,
             potential_cut: float) -> bytes:
        lang = self.lang
        self.points.set_facecolors([KIND_COLOURS[k] for k in kinds.to_numpy()])
        self.vline.set_xdata([current_cut, current_cut])
        self.hline.set_ydata([potential_cut, potential_cut])
        for kind, text in self.labels.items():
            text.set_text(t("ch06_corner", lang, kind=t(f"ch06_kind_{kind}", lang),
                            n=int(summary.loc[kind, "customers"]),
                            strategy=t(f"ch06_strategy_{STRATEGIES[kind]}", lang)))
        return self.drawn.png()


class ValueMatrixExplorer(widgets.VBox):
    """Customers in the current-value x potential-value matrix, with cut-off sliders.

    *Try this* (shown under the controls): raise the current-value cut-off:
    which quadrant do the customers who leave "mainstay" go to, and does
    their strategy change from maintain to streamline? Which cut-off would you
    defend to the sales team, and why?

    Attributes
    ----------
    current_cut, potential_cut : ipywidgets.FloatSlider
        The cut-offs, in pounds.
    prompt : ipywidgets.HTML
        The *try this* question.
    table : ipywidgets.HTML
        Customers, current and potential value, and strategy per quadrant.
    plot : ipywidgets.Output
        The scatter with the cut-offs (one PNG).
    kinds : pandas.DataFrame
        :func:`~course.sims.selection.value_matrix`'s table.
    summary : pandas.DataFrame
        :func:`~course.sims.selection.matrix_summary`'s table.
    figure : matplotlib.figure.Figure
    png : bytes
    """

    def __init__(self, customers: pd.DataFrame, lang: str | None = None,
                 current_cut: float | None = None, potential_cut: float | None = None):
        self.lang = lang = resolve_lang(lang)
        self.customers = customers.reset_index(drop=True)
        cur = self.customers["current_value"].to_numpy(dtype=float)
        pot = self.customers["potential_value"].to_numpy(dtype=float)
        c_max = float(np.quantile(cur, 0.95)) if len(cur) else 1000.0
        p_max = float(np.quantile(pot, 0.95)) if len(pot) else 1000.0
        c0 = float(np.median(cur)) if current_cut is None and len(cur) else (current_cut or 0.0)
        p0 = float(np.median(pot)) if potential_cut is None and len(pot) else (
            potential_cut or 0.0)
        step_c, step_p = _nice_step(c_max), _nice_step(p_max)
        self._chart: _MatrixChart | None = None
        self._in_place = True
        self.figure: Figure | None = None
        self.png: bytes | None = None
        self.current_cut = widgets.FloatSlider(
            value=round(c0 / step_c) * step_c, min=0.0, max=max(c_max, step_c), step=step_c,
            readout_format=",.0f", description=t("ch06_current_cut", lang),
            continuous_update=False, style=_STYLE, layout=_LAYOUT)
        self.potential_cut = widgets.FloatSlider(
            value=round(p0 / step_p) * step_p, min=0.0, max=max(p_max, step_p), step=step_p,
            readout_format=",.0f", description=t("ch06_potential_cut", lang),
            continuous_update=False, style=_STYLE, layout=_LAYOUT)
        self.prompt = widgets.HTML(try_this_html("ch06_matrix_try_this", lang))
        self.table = widgets.HTML(layout=widgets.Layout(margin="0 0 0 16px"))
        self.plot = widgets.Output()
        controls = widgets.VBox([self.current_cut, self.potential_cut])
        super().__init__(children=[widgets.HBox([controls, self.table]), self.prompt,
                                   self.plot])
        self.add_class("crm-value-matrix")
        setup_matplotlib(warn=True)
        for name in MATRIX_CONTROLS:
            getattr(self, name).observe(self._on_change, names="value")
        self.update()

    def _on_change(self, change) -> None:
        self.update()

    def update(self) -> None:
        """Re-place every customer with the current cut-offs; redraw in place.

        Examples
        --------
        >>> from course.synthetic.selection import make_accounts
        >>> w = value_matrix_explorer(make_accounts(100, seed=1), lang="en")
        >>> n_keystone = int(w.summary.loc["keystone", "customers"])
        >>> w.current_cut.value = w.current_cut.max
        >>> int(w.summary.loc["keystone", "customers"]) <= n_keystone
        True
        """
        lang = self.lang
        c_cut, p_cut = float(self.current_cut.value), float(self.potential_cut.value)
        self.kinds = value_matrix(self.customers, c_cut, p_cut)
        self.summary = matrix_summary(self.customers, self.kinds["quadrant"])
        cell = "padding:2px 10px;text-align:right"
        first = "padding:2px 10px;text-align:left"
        line = "border-bottom:1px solid var(--jp-border-color1,#999)"
        heads = (t("ch06_quadrant", lang), t("customers", lang), t("ch06_current_value_gbp", lang),
                 t("ch06_potential_value_gbp", lang), t("ch06_strategy", lang))
        head = "".join(f'<th style="{first if i == 0 else cell};{line}">{html.escape(h)}</th>'
                       for i, h in enumerate(heads))
        rows = "".join(
            f'<tr><td style="{first};color:{KIND_COLOURS[k]};font-weight:bold">'
            f"{html.escape(t(f'ch06_kind_{k}', lang))}</td>"
            f'<td style="{cell}">{int(r.customers):,}</td>'
            f'<td style="{cell}">{r.current_value:,.0f}</td>'
            f'<td style="{cell}">{r.potential_value:,.0f}</td>'
            f'<td style="{first}">{html.escape(t(f"ch06_strategy_{r.strategy}", lang))}</td></tr>'
            for k, r in zip(self.summary.index, self.summary.itertuples(), strict=True))
        self.table.value = (
            f'<div class="crm-summary-box"><div style="font-weight:bold;margin:4px 0">'
            f"{html.escape(t('ch06_matrix_table', lang))}</div>"
            f'<table class="crm-summary" style="border-collapse:collapse"><thead><tr>{head}'
            f"</tr></thead><tbody>{rows}</tbody></table></div>")
        if len(self.customers) == 0:
            self.plot.outputs = ()
            return
        self._draw(c_cut, p_cut)

    def _draw(self, c_cut: float, p_cut: float) -> None:
        if self._chart is None or not self._in_place:
            self._chart = _MatrixChart(self.customers, self.lang, in_place=self._in_place)
        self.png = self._chart.show(self.kinds["quadrant"], self.summary, c_cut, p_cut)
        self.plot.outputs = png_output(self.png, t("ch06_matrix_title", self.lang))
        self.figure = self._chart.figure


def _nice_step(top: float) -> float:
    """A round slider step, about a hundredth of ``top``."""
    raw = max(top, 1.0) / 100
    power = 10 ** np.floor(np.log10(raw))
    return float(min((m * power for m in (1, 2, 5, 10) if m * power >= raw), default=power))


def value_matrix_explorer(customers: pd.DataFrame, lang: str | None = None,
                          current_cut: float | None = None,
                          potential_cut: float | None = None) -> ValueMatrixExplorer:
    """Show the value matrix of ``customers`` with cut-off sliders.

    Parameters
    ----------
    customers : pandas.DataFrame
        Columns ``customer_id, current_value, potential_value``, e.g.
        :func:`course.synthetic.selection.make_accounts`.
    lang : {"en", "zh"}, optional
    current_cut, potential_cut : float, optional
        Starting cut-offs (default: the medians).

    Returns
    -------
    ValueMatrixExplorer

    Examples
    --------
    >>> from course.synthetic.selection import make_accounts
    >>> w = value_matrix_explorer(make_accounts(50, seed=4), lang="zh")
    >>> "重点投入" in w.table.value
    True
    """
    return ValueMatrixExplorer(customers, lang=lang, current_cut=current_cut,
                               potential_cut=potential_cut)


