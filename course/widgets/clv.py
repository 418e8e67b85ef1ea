"""Chapter 7 widgets: a CLV calculator, retention economics, and who is still alive.

Views only. Every number shown comes from :mod:`course.sims.clv`; the widgets
wire sliders to those functions, draw the result and keep it in an attribute
(``values``, ``result``, ``state``) so that tests (and curious students) can
read it.

Each widget is an :class:`ipywidgets.VBox` whose controls and outputs are
attributes. Changing a control calls ``update()`` synchronously (through
``observe``). Figures are built once and updated in place, as in chapter 5
(:class:`course.widgets.identification.InPlaceFigure`): a control change sets
new data on the existing artists and redraws only those over a saved picture
of the rest. ``_in_place = False`` makes a widget build a new figure on every
update instead (the benchmark's baseline, ``benchmarks/bench_widgets_ch07.py``).

Examples
--------
>>> w = clv_calculator(lang="en")
>>> round(w.values["infinite"], 2)
266.67
>>> w.retention.value = 0.9
>>> round(w.values["infinite"], 2)
450.0
"""

from __future__ import annotations

import html
import math

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import StrMethodFormatter

from course.i18n import setup_matplotlib, t
from course.sims.clv import (
    BGNBD_PARAMS,
    break_even_year,
    cdnow_summary,
    clv_convergence,
    clv_finite,
    clv_infinite,
    cohort_table,
    conditional_expected_purchases,
    fit_bgnbd,
    p_alive,
    periods_to_reach,
    retention_change,
)
from course.widgets._common import png_output, resolve_lang, table_html, try_this_html
from course.widgets.identification import InPlaceFigure

__all__ = ["AliveExplorer", "CLVCalculator", "RetentionEconomics", "alive_explorer",
           "clv_calculator", "retention_economics"]

_DPI = 96
_STYLE = {"description_width": "11em"}
_LAYOUT = widgets.Layout(width="26em")
_BLUE, _ORANGE, _GREY, _GREEN = "#4c72b0", "#dd8452", "#b0b0b0", "#55a868"


def _money(value: float) -> str:
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    return f"{value:,.2f}"


def _slider(kind, value, lo, hi, step, key, lang, fmt=None):
    extra = {"readout_format": fmt} if fmt else {}
    return kind(value=value, min=lo, max=hi, step=step, description=t(key, lang),
                continuous_update=False, style=_STYLE, layout=_LAYOUT, **extra)


class _Figure:
    """A figure with a frozen layout, drawn in place (or from scratch for the baseline)."""

    def __init__(self, figure: Figure, dynamic, in_place: bool):
        self.figure = figure
        self.drawn = InPlaceFigure(figure, dynamic, in_place=in_place)

    def png(self) -> bytes:
        return self.drawn.png()


# ------------------------------------------------------------------------ CLV calculator


class CLVCalculator(widgets.VBox):
    """Finite and infinite-horizon CLV side by side, and the finite sum converging.

    Build it with :func:`clv_calculator`.

    Attributes
    ----------
    margin, retention, discount : ipywidgets.FloatSlider
        Margin per period, retention (0 to 1) and discount rate (0 to 0.3).
    horizon : ipywidgets.IntSlider
        Periods counted by the finite CLV (1 to ``max_periods``).
    prompt, table : ipywidgets.HTML
        The *try this* question; the values.
    plot : ipywidgets.Output
        The present value of each period (bars, grey beyond the horizon), the
        finite CLV for every horizon (line) and the closed form (dashed).
    values : dict
        ``finite``, ``infinite``, ``share`` (finite / infinite, None when the
        infinite value is 0 or unbounded) and ``periods_95``.
    curve : numpy.ndarray
        The finite CLV for horizons 0 to ``max_periods``.
    figure : matplotlib.figure.Figure
    png : bytes
    """

    def __init__(self, lang: str | None = None, currency: str | None = "yuan",
                 max_periods: int = 40):
        self.lang = lang = resolve_lang(lang)
        self.currency = currency
        self.max_periods = int(max_periods)
        self._in_place = True
        self.margin = _slider(widgets.FloatSlider, 100.0, 10.0, 500.0, 10.0, "ch07_margin",
                              lang, ".0f")
        self.retention = _slider(widgets.FloatSlider, 0.8, 0.0, 1.0, 0.01, "ch07_retention",
                                 lang, ".2f")
        self.discount = _slider(widgets.FloatSlider, 0.1, 0.0, 0.3, 0.01, "ch07_discount",
                                lang, ".2f")
        self.horizon = _slider(widgets.IntSlider, 10, 1, self.max_periods, 1, "ch07_horizon",
                               lang)
        self.prompt = widgets.HTML(try_this_html("ch07_clv_try_this", lang))
        self.table = widgets.HTML(layout=widgets.Layout(margin="0 0 0 16px"))
        self.plot = widgets.Output()
        self.values: dict = {}
        self.curve = np.zeros(self.max_periods + 1)
        controls = widgets.VBox([self.margin, self.retention, self.discount, self.horizon])
        super().__init__(children=[widgets.HBox([controls, self.table]), self.prompt,
                                   self.plot])
        self.add_class("crm-clv-calculator")
        setup_matplotlib(warn=True)
        self._chart = self._build()
        for control in (self.margin, self.retention, self.discount, self.horizon):
            control.observe(self._on_change, names="value")
        self.update()

    def _build(self) -> _Figure:
        lang = self.lang
        fig = Figure(figsize=(7.2, 3.6), dpi=_DPI, layout="constrained")
        ax = fig.add_subplot()
        periods = np.arange(1, self.max_periods + 1)
        self.bars = ax.bar(periods, np.zeros(len(periods)), width=0.8, color=_BLUE, alpha=0.6,
                           label=t("ch07_pv_bars", lang))
        (self.line,) = ax.plot(np.arange(self.max_periods + 1), self.curve, color=_ORANGE,
                               lw=2, label=t("ch07_cumulative", lang))
        self.limit = ax.axhline(0.0, color="black", ls="--", lw=1,
                                label=t("ch07_clv_infinite", lang))
        (self.marker,) = ax.plot([0], [0], "o", color=_ORANGE, ms=7)
        self.label = ax.annotate("", (0, 0), xytext=(6, -14), textcoords="offset points",
                                 fontsize=9)
        ax.set_xlim(0, self.max_periods + 0.5)
        ax.set_xlabel(t("ch07_period", lang))
        unit = t(f"currency_{self.currency}", lang) if self.currency else ""
        # a figure-level label stays in the static picture: the moving y axis redraws ticks only
        fig.supylabel(t("ch07_value_in", lang, currency=unit) if unit else
                      t("ch07_present_value", lang), fontsize="medium")
        ax.set_title(t("ch07_clv_plot_title", lang))
        ax.legend(loc="center right", frameon=False, fontsize=9)
        ax.spines[["top", "right"]].set_visible(False)
        ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
        ax.set_ylim(0, 99_999)  # the frozen layout leaves room for the widest tick labels
        self.ax = ax
        dynamic = [*self.bars, self.line, self.limit, self.marker, self.label, ax.yaxis,
                   ax.spines["left"]]
        return _Figure(fig, dynamic, self._in_place)

    def _on_change(self, change) -> None:
        self.update()

    def update(self) -> None:
        """Recompute the values from the controls; update the table and the plot in place.

        Examples
        --------
        >>> w = clv_calculator(lang="zh")
        >>> w.horizon.value = 40
        >>> w.values["share"] > 0.99
        True
        >>> w.retention.value, w.discount.value = 1.0, 0.0
        >>> w.values["infinite"]
        inf
        """
        m, r, i = float(self.margin.value), float(self.retention.value), float(
            self.discount.value)
        horizon = int(self.horizon.value)
        self.curve = clv_convergence(m, r, i, self.max_periods)
        finite = clv_finite(m, r, i, horizon)
        infinite = clv_infinite(m, r, i)
        share = finite / infinite if infinite not in (0.0, math.inf) else None
        self.values = {"finite": finite, "infinite": infinite, "share": share,
                       "periods_95": periods_to_reach(r, i)}
        self._show_table()
        self._draw(horizon)

    def _show_table(self) -> None:
        lang, v = self.lang, self.values
        rows = [[t("ch07_clv_finite", lang, n=int(self.horizon.value)), _money(v["finite"])],
                [t("ch07_clv_infinite", lang),
                 _money(v["infinite"]) if not math.isinf(v["infinite"])
                 else t("ch07_unbounded", lang)],
                [t("ch07_share_reached", lang),
                 f"{v['share']:.1%}" if v["share"] is not None else t("ch07_none", lang)],
                [t("ch07_periods_95", lang),
                 str(v["periods_95"]) if v["periods_95"] is not None else t("ch07_none", lang)]]
        self.table.value = table_html(["", ""], rows, "CLV")

    def _draw(self, horizon: int) -> None:
        if not self._in_place:
            self._chart = self._build()
        terms = np.diff(self.curve)
        for k, (bar, value) in enumerate(zip(self.bars, terms, strict=True), start=1):
            bar.set_height(float(value))
            bar.set_color(_BLUE if k <= horizon else _GREY)
        self.line.set_ydata(self.curve)
        infinite = self.values["infinite"]
        bounded = not math.isinf(infinite)
        self.limit.set_ydata([infinite, infinite] if bounded else [0.0, 0.0])
        self.limit.set_visible(bounded)
        self.marker.set_data([horizon], [self.values["finite"]])
        self.label.xy = (horizon, self.values["finite"])
        self.label.set_text(_money(self.values["finite"]))
        top = max(float(self.curve.max()), infinite if bounded else 0.0, 1.0)
        self.ax.set_ylim(0, top * 1.12)
        self.png = self._chart.png()
        self.figure = self._chart.figure
        self.plot.outputs = png_output(self.png, "CLV")


def clv_calculator(lang: str | None = None, currency: str | None = "yuan",
                   max_periods: int = 40) -> CLVCalculator:
    """A CLV calculator: margin, retention, discount and horizon as sliders.

    Parameters
    ----------
    lang : {"en", "zh"}, optional
        Language of labels and plots (default: the course language).
    currency : str or None, default "yuan"
        Currency named on the value axis (a ``currency_*`` key of the strings).
    max_periods : int, default 40
        The longest horizon shown.

    Returns
    -------
    CLVCalculator

    Examples
    --------
    >>> w = clv_calculator(lang="en")
    >>> w.horizon.value = 5
    >>> round(w.values["finite"], 2)
    212.41
    """
    return CLVCalculator(lang=lang, currency=currency, max_periods=max_periods)


# ------------------------------------------------------------------- retention economics


class RetentionEconomics(widgets.VBox):
    """A cohort's cumulative discounted profit with and without more retention.

    Build it with :func:`retention_economics`.

    Attributes
    ----------
    cohort_size : ipywidgets.IntSlider
        Customers acquired in year 0.
    margin, acquisition_cost, retention, discount : ipywidgets.FloatSlider
    extra_points : ipywidgets.IntSlider
        Points of retention added (0 to 20): the new retention is
        ``min(1, retention + points / 100)``.
    years : ipywidgets.IntSlider
        Years followed (1 to 20).
    prompt, table : ipywidgets.HTML
    plot : ipywidgets.Output
    result : dict
        :func:`~course.sims.clv.retention_change`'s dict plus ``new_retention``,
        ``profit_change_pct`` (None when the profit before is 0) and the
        break-even years ``break_even_before``, ``break_even_after`` (None: never).
    tables : tuple of pandas.DataFrame
        The cohort tables before and after (:func:`~course.sims.clv.cohort_table`).
    """

    MAX_YEARS = 20

    def __init__(self, lang: str | None = None, currency: str | None = "yuan"):
        self.lang = lang = resolve_lang(lang)
        self.currency = currency
        self._in_place = True
        self.cohort_size = _slider(widgets.IntSlider, 1000, 100, 10_000, 100,
                                   "ch07_cohort_size", lang)
        self.margin = _slider(widgets.FloatSlider, 100.0, 10.0, 500.0, 10.0, "ch07_margin",
                              lang, ".0f")
        self.acquisition_cost = _slider(widgets.FloatSlider, 150.0, 0.0, 1000.0, 10.0,
                                        "ch07_acquisition_cost", lang, ".0f")
        self.retention = _slider(widgets.FloatSlider, 0.75, 0.0, 0.99, 0.01, "ch07_retention",
                                 lang, ".2f")
        self.extra_points = _slider(widgets.IntSlider, 5, 0, 20, 1, "ch07_extra_points", lang)
        self.discount = _slider(widgets.FloatSlider, 0.1, 0.0, 0.3, 0.01, "ch07_discount",
                                lang, ".2f")
        self.years = _slider(widgets.IntSlider, 10, 1, self.MAX_YEARS, 1, "ch07_years", lang)
        self.prompt = widgets.HTML(try_this_html("ch07_retention_try_this", lang))
        self.table = widgets.HTML(layout=widgets.Layout(margin="0 0 0 16px"))
        self.plot = widgets.Output()
        self.result: dict = {}
        self.tables: tuple = ()
        controls = widgets.VBox([self.cohort_size, self.margin, self.acquisition_cost,
                                 self.retention, self.extra_points, self.discount, self.years])
        super().__init__(children=[widgets.HBox([controls, self.table]), self.prompt,
                                   self.plot])
        self.add_class("crm-retention-economics")
        setup_matplotlib(warn=True)
        self._chart = self._build()
        for control in self.controls:
            control.observe(self._on_change, names="value")
        self.update()

    @property
    def controls(self) -> tuple:
        """Every control, in the order shown."""
        return (self.cohort_size, self.margin, self.acquisition_cost, self.retention,
                self.extra_points, self.discount, self.years)

    def _build(self) -> _Figure:
        lang = self.lang
        fig = Figure(figsize=(7.2, 3.6), dpi=_DPI, layout="constrained")
        ax = fig.add_subplot()
        x = np.arange(self.MAX_YEARS + 1)
        (self.base_line,) = ax.plot(x, np.zeros_like(x, dtype=float), "o-", color=_BLUE, ms=3,
                                    label=t("ch07_base", lang, r=0.75))
        (self.new_line,) = ax.plot(x, np.zeros_like(x, dtype=float), "o-", color=_GREEN, ms=3,
                                   label=t("ch07_improved", lang, r=0.8))
        self.zero = ax.axhline(0.0, color="black", lw=0.8)
        ax.set_xlim(-0.3, self.MAX_YEARS + 0.3)
        ax.set_xticks(range(0, self.MAX_YEARS + 1, 2))
        ax.set_xlabel(t("ch07_year", lang))
        unit = t(f"currency_{self.currency}", lang) if self.currency else ""
        fig.supylabel(t("ch07_cohort_npv", lang, currency=unit), fontsize="medium")
        ax.set_title(t("ch07_cohort_title", lang))
        self.legend = ax.legend(loc="lower right", frameon=False, fontsize=9)
        ax.spines[["top", "right"]].set_visible(False)
        ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
        ax.set_ylim(-9_999_999, 9_999_999)  # room for the widest tick labels in the layout
        self.ax = ax
        dynamic = [self.zero, self.base_line, self.new_line, self.legend, ax.yaxis,
                   ax.spines["left"]]
        return _Figure(fig, dynamic, self._in_place)

    def _on_change(self, change) -> None:
        self.update()

    def update(self) -> None:
        """Recompute both cohorts; update the table and the plot in place.

        Examples
        --------
        >>> w = retention_economics(lang="en")
        >>> w.result["profit_change"] > 0
        True
        >>> w.extra_points.value = 0
        >>> w.result["profit_change"]
        0.0
        """
        n, m = int(self.cohort_size.value), float(self.margin.value)
        cost, r = float(self.acquisition_cost.value), float(self.retention.value)
        i, years = float(self.discount.value), int(self.years.value)
        new_r = min(1.0, round(r + int(self.extra_points.value) / 100, 4))
        result = retention_change(n, m, cost, r, new_r, i, years)
        before = cohort_table(n, m, r, i, cost, years)
        after = cohort_table(n, m, new_r, i, cost, years)
        base = result["profit_before"]
        result.update({
            "new_retention": new_r,
            "profit_change_pct": result["profit_change"] / abs(base) if base else None,
            "break_even_before": break_even_year(before),
            "break_even_after": break_even_year(after),
        })
        self.result, self.tables = result, (before, after)
        self._show_table()
        self._draw(r, new_r)

    def _show_table(self) -> None:
        lang, res = self.lang, self.result
        never = t("ch07_never", lang)
        pct = res["profit_change_pct"]

        def year(v):
            return never if v is None else str(v)

        rows = [
            [t("ch07_retention", lang), f"{self.retention.value:.0%}",
             f"{res['new_retention']:.0%}", f"{res['new_retention'] - self.retention.value:+.0%}"],
            [t("ch07_clv_per_customer", lang), _money(res["clv_before"]),
             _money(res["clv_after"]), _money(res["clv_change"])],
            [t("ch07_cohort_profit", lang), _money(res["profit_before"]),
             _money(res["profit_after"]),
             _money(res["profit_change"]) + (f" ({pct:+.0%})" if pct is not None else "")],
            [t("ch07_break_even", lang), year(res["break_even_before"]),
             year(res["break_even_after"]), ""],
        ]
        header = ["", t("ch07_before", lang), t("ch07_after", lang), t("ch07_change", lang)]
        self.table.value = table_html(header, rows, t("ch07_cohort_title", lang))

    def _draw(self, r: float, new_r: float) -> None:
        if not self._in_place:
            self._chart = self._build()
        before, after = self.tables
        self.base_line.set_data(before.index.to_numpy(), before["cumulative"].to_numpy())
        self.new_line.set_data(after.index.to_numpy(), after["cumulative"].to_numpy())
        texts = self.legend.get_texts()
        texts[0].set_text(t("ch07_base", self.lang, r=r))
        texts[1].set_text(t("ch07_improved", self.lang, r=new_r))
        values = np.concatenate([before["cumulative"], after["cumulative"], [0.0]])
        lo, hi = float(values.min()), float(values.max())
        pad = max(hi - lo, 1.0) * 0.08
        self.ax.set_ylim(lo - pad, hi + pad)
        self.png = self._chart.png()
        self.figure = self._chart.figure
        self.plot.outputs = png_output(self.png, "cohort")


def retention_economics(lang: str | None = None, currency: str | None = "yuan"
                        ) -> RetentionEconomics:
    """Retention economics: a cohort's profit before and after more retention.

    Examples
    --------
    >>> w = retention_economics(lang="zh")
    >>> w.retention.value = 0.5
    >>> round(w.result["new_retention"], 2)
    0.55
    """
    return RetentionEconomics(lang=lang, currency=currency)


# ---------------------------------------------------------------------- who is still alive


def _pick_customers(summary: pd.DataFrame) -> dict[str, str]:
    """A few CDNOW customers with telling histories: id -> short description."""
    s = summary.sort_index()
    picks = {}
    frequent_recent = s[(s["frequency"] >= 8) & (s["T"] - s["recency"] < 2)]
    frequent_gone = s[(s["frequency"] >= 5) & (s["recency"] < 12)]
    single = s[s["frequency"] == 0]
    few_recent = s[(s["frequency"] == 2) & (s["T"] - s["recency"] < 4)]
    for frame in (frequent_recent, frequent_gone, few_recent, single):
        if len(frame):
            cid = str(frame.index[0])
            row = s.loc[cid]
            picks[cid] = f"{cid}: x={int(row['frequency'])}, t_x={row['recency']:.1f}, " \
                         f"T={row['T']:.1f}"
    return picks


class AliveExplorer(widgets.VBox):
    """P(alive) and expected purchases of one customer under a fitted BG/NBD model.

    Build it with :func:`alive_explorer`.

    Attributes
    ----------
    customer : ipywidgets.Dropdown
        A CDNOW customer (sets the three sliders) or ``""``: set by hand.
    frequency : ipywidgets.IntSlider
        Repeat purchases (0 to 30).
    recency : ipywidgets.FloatSlider
        Weeks from the first to the last purchase (at most T).
    age : ipywidgets.FloatSlider
        T, weeks from the first purchase to the end of calibration.
    prompt, table : ipywidgets.HTML
    plot : ipywidgets.Output
        P(alive) (left) and expected purchases in the next ``weeks`` weeks (right)
        against the time of the last purchase, for the current frequency and T.
    state : dict
        ``frequency``, ``recency``, ``T``, ``p_alive``, ``expected`` and
        ``actual`` (the customer's holdout purchases, None when set by hand).
    params : dict
        The BG/NBD parameters.
    """

    def __init__(self, summary: pd.DataFrame | None = None, params: dict | None = None,
                 lang: str | None = None, weeks: float = 39.0, max_age: float = 52.0):
        self.lang = lang = resolve_lang(lang)
        self.summary = cdnow_summary() if summary is None else summary
        if params is None:
            params = fit_bgnbd(self.summary["frequency"], self.summary["recency"],
                               self.summary["T"])
        self.params = {k: float(params[k]) for k in BGNBD_PARAMS}
        self.weeks = float(weeks)
        self.max_age = float(max_age)
        self._in_place = True
        self._holding = False
        self._grid = np.linspace(0.0, 1.0, 121)
        picks = _pick_customers(self.summary)
        self.customer = widgets.Dropdown(
            options=[(t("ch07_custom", lang), ""), *((v, k) for k, v in picks.items())],
            value=next(iter(picks), ""), description=t("ch07_customer", lang), style=_STYLE,
            layout=widgets.Layout(width="32em"))
        self.frequency = _slider(widgets.IntSlider, 2, 0, 30, 1, "ch07_frequency", lang)
        self.recency = _slider(widgets.FloatSlider, 20.0, 0.0, max_age, 0.1, "ch07_recency",
                               lang, ".1f")
        self.age = _slider(widgets.FloatSlider, 38.9, 1.0, max_age, 0.1, "ch07_age", lang,
                           ".1f")
        self.prompt = widgets.HTML(try_this_html("ch07_alive_try_this", lang))
        self.table = widgets.HTML(layout=widgets.Layout(margin="0 0 0 16px"))
        self.plot = widgets.Output()
        self.state: dict = {}
        controls = widgets.VBox([self.customer, self.frequency, self.recency, self.age])
        super().__init__(children=[widgets.HBox([controls, self.table]), self.prompt,
                                   self.plot])
        self.add_class("crm-alive-explorer")
        setup_matplotlib(warn=True)
        self._chart = self._build()
        self.customer.observe(self._on_customer, names="value")
        for control in (self.frequency, self.recency, self.age):
            control.observe(self._on_change, names="value")
        self._on_customer(None)

    def _build(self) -> _Figure:
        lang = self.lang
        fig = Figure(figsize=(8.0, 3.3), dpi=_DPI, layout="constrained")
        left, right = fig.subplots(1, 2)
        x = self._grid
        (self.alive_line,) = left.plot(x, x, color=_BLUE, lw=2)
        (self.alive_dot,) = left.plot([0], [0], "o", color=_ORANGE, ms=8)
        (self.expected_line,) = right.plot(x, x, color=_GREEN, lw=2)
        (self.expected_dot,) = right.plot([0], [0], "o", color=_ORANGE, ms=8)
        left.set_ylim(0, 1.03)
        left.set_ylabel(t("ch07_p_alive", lang))
        right.set_ylabel(t("ch07_expected_next", lang, weeks=int(self.weeks)))
        for ax in (left, right):
            ax.set_xlabel(t("ch07_recency_axis", lang), fontsize=9)
            ax.spines[["top", "right"]].set_visible(False)
        fig.suptitle(t("ch07_alive_title", lang))
        self.axes = (left, right)
        for ax in (left, right):  # a fixed time axis: only the curves and one y axis move
            ax.set_xlim(0, self.max_age)
        dynamic = [self.alive_line, self.alive_dot, self.expected_line, self.expected_dot,
                   right.yaxis, right.spines["left"]]
        return _Figure(fig, dynamic, self._in_place)

    def _on_customer(self, change) -> None:
        cid = self.customer.value
        if cid:
            row = self.summary.loc[cid]
            self._holding = True
            try:
                self.age.value = round(float(row["T"]), 1)
                self.frequency.value = int(row["frequency"])
                self.recency.value = round(float(row["recency"]), 1)
            finally:
                self._holding = False
        self.update()

    def _on_change(self, change) -> None:
        if self._holding:
            return
        if self.customer.value and change is not None:
            row = self.summary.loc[self.customer.value]
            moved = (int(self.frequency.value) != int(row["frequency"])
                     or abs(self.recency.value - round(float(row["recency"]), 1)) > 1e-9
                     or abs(self.age.value - round(float(row["T"]), 1)) > 1e-9)
            if moved:  # the sliders no longer describe that customer
                self.customer.unobserve(self._on_customer, names="value")
                self.customer.value = ""
                self.customer.observe(self._on_customer, names="value")
        self.update()

    def update(self) -> None:
        """Recompute P(alive) and expected purchases; update the table and the plot.

        Examples
        --------
        >>> from course.sims.clv import PUBLISHED_BGNBD, cdnow_summary
        >>> w = alive_explorer(cdnow_summary(), PUBLISHED_BGNBD, lang="en")
        >>> w.customer.value = ""
        >>> w.age.value, w.frequency.value, w.recency.value = 38.9, 10, 38.9
        >>> high = w.state["p_alive"]
        >>> w.recency.value = 20.0
        >>> w.state["p_alive"] < high
        True
        """
        x, T = int(self.frequency.value), float(self.age.value)
        t_x = float(self.recency.value)
        note = ""
        if t_x > T:
            t_x = T
            note = t("ch07_alive_note", self.lang, t=T)
        if x == 0:
            t_x = 0.0
        alive = float(p_alive([x], [t_x], [T], self.params)[0])
        expected = float(conditional_expected_purchases(self.weeks, [x], [t_x], [T],
                                                        self.params)[0])
        actual = None
        cid = self.customer.value
        if cid and "frequency_holdout" in self.summary:
            actual = int(self.summary.loc[cid, "frequency_holdout"])
        self.state = {"frequency": x, "recency": t_x, "T": T, "p_alive": alive,
                      "expected": expected, "actual": actual}
        self._show_table(note)
        self._draw()

    def _show_table(self, note: str) -> None:
        lang, s = self.lang, self.state
        weeks = int(self.weeks)
        rows = [[t("ch07_p_alive", lang), f"{s['p_alive']:.3f}"],
                [t("ch07_expected_next", lang, weeks=weeks), f"{s['expected']:.2f}"]]
        if s["actual"] is not None:
            rows.append([t("ch07_actual_next", lang, weeks=weeks), str(s["actual"])])
        html_table = table_html(["", ""], rows, t("ch07_alive_title", lang))
        if note:
            html_table += (f'<div class="crm-note" style="color:#b35900">'
                           f"{html.escape(note)}</div>")
        self.table.value = html_table

    def _draw(self) -> None:
        if not self._in_place:
            self._chart = self._build()
        s = self.state
        x, T = s["frequency"], s["T"]
        grid = self._grid * T
        n = len(grid)
        freq, ages = np.full(n, x), np.full(n, T)
        rec = grid if x > 0 else np.zeros(n)
        alive = p_alive(freq, rec, ages, self.params)
        expected = conditional_expected_purchases(self.weeks, freq, rec, ages, self.params)
        self.alive_line.set_data(grid, alive)
        self.expected_line.set_data(grid, expected)
        self.alive_dot.set_data([s["recency"]], [s["p_alive"]])
        self.expected_dot.set_data([s["recency"]], [s["expected"]])
        right = self.axes[1]
        right.set_ylim(0, max(float(expected.max()), 0.1) * 1.1)
        self.png = self._chart.png()
        self.figure = self._chart.figure
        self.plot.outputs = png_output(self.png, "P(alive)")


def alive_explorer(summary: pd.DataFrame | None = None, params: dict | None = None,
                   lang: str | None = None, weeks: float = 39.0) -> AliveExplorer:
    """Who is still alive: P(alive) and expected purchases of a customer (BG/NBD).

    Parameters
    ----------
    summary : pandas.DataFrame, optional
        From :func:`course.sims.clv.summary_data` (default: the CDNOW sample with its
        holdout, :func:`~course.sims.clv.cdnow_summary`).
    params : dict, optional
        BG/NBD parameters (default: fitted to ``summary``).
    lang : {"en", "zh"}, optional
    weeks : float, default 39
        The horizon of the expected purchases.

    Returns
    -------
    AliveExplorer

    Examples
    --------
    >>> from course.sims.clv import PUBLISHED_BGNBD
    >>> w = alive_explorer(params=PUBLISHED_BGNBD, lang="en")
    >>> 0 < w.state["p_alive"] <= 1
    True
    """
    return AliveExplorer(summary=summary, params=params, lang=lang, weeks=weeks)
