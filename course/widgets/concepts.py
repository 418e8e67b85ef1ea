"""Chapter 1 widgets: the rice-shop planner and the shop that remembers.

Views only: every number shown comes from :mod:`course.sims.concepts`. Each
widget is an :class:`ipywidgets.VBox` whose controls and outputs are
attributes; a control change calls ``update()`` synchronously, so a test can
set ``w.safety.value = 5`` and read ``w.plan`` on the next line.

Figures are drawn once and then updated in place with
:class:`course.widgets.identification.InPlaceFigure` (new data on the existing
artists, only those redrawn over a saved picture of the rest), which keeps an
update far under 100 ms (``benchmarks/bench_widgets_ch01.py``).

Examples
--------
>>> w = rice_planner(lang="en")
>>> before = w.calendar.copy()
>>> w.bag_kg.value = 10
>>> len(w.calendar) > len(before)
True
>>> m = remembering_shops(lang="zh")
>>> "市场占有率" in m.table.value
True
"""

from __future__ import annotations

import html
import math

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from course.i18n import setup_matplotlib, t
from course.sims.concepts import (
    REMEMBERING_SHOP,
    daily_kg,
    delivery_calendar,
    neighbourhood_draws,
    next_delivery,
    retention_point_value,
    simulate_neighbourhood,
    steady_share,
    stock_path,
)
from course.synthetic.concepts import make_street
from course.widgets._common import png_output, resolve_lang, try_this_html
from course.widgets.identification import InPlaceFigure

__all__ = ["RememberingShops", "RicePlanner", "remembering_shops", "rice_planner",
           "rice_street"]

_DPI = 96
_STYLE = {"description_width": "11em"}
_LAYOUT = widgets.Layout(width="26em")
_FEATURED, _OTHERS, _REMEMBER, _RIVAL = "#e76f51", "#457b9d", "#2a9d8f", "#8d99ae"
#: Bag sizes the planner offers, kilograms.
BAG_SIZES = (5, 10, 15, 25, 50)
#: Days the planner's calendar covers.
PLAN_DAYS = 60
#: Heights of the planner's jar axis (kg): the smallest that holds the jar is used.
_JAR_AXIS_KG = (10.0, 20.0, 30.0, 45.0, 60.0, 80.0, 120.0)
#: The day the planner starts (a Monday in May 1932, when the young Wang ran his shop).
PLAN_START = "1932-05-02"


def _rows_html(title: str, rows: list[tuple[str, str]], note: str = "") -> str:
    cell = "padding:2px 10px"
    body = "".join(f'<tr><td style="{cell}">{html.escape(k)}</td>'
                   f'<td style="{cell};text-align:right">{html.escape(v)}</td></tr>'
                   for k, v in rows)
    extra = (f'<div style="margin:4px 0;max-width:30em;color:var(--jp-ui-font-color2,#555)">'
             f"{html.escape(note)}</div>") if note else ""
    return (f'<div class="crm-summary-box"><div style="font-weight:bold;margin:4px 0">'
            f'{html.escape(title)}</div><table class="crm-summary" '
            f'style="border-collapse:collapse">{body}</table>{extra}</div>')


def _date(day: pd.Timestamp, lang: str) -> str:
    if pd.isna(day):
        return t("ch01_never", lang)
    return f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else day.strftime("%d %b %Y")


def rice_street(n_households: int = 12) -> pd.DataFrame:
    """The street of the planner: made-up households, the first one featured.

    Examples
    --------
    >>> rice_street()["household_id"].tolist()[:3]
    ['H01', 'H02', 'H03']
    """
    return make_street(n_households, seed="ch01 rice street")


# ----------------------------------------------------------------------------------------
# the rice-shop planner


class _PlannerChart:
    """The featured household's rice jar (top) and the street's delivery calendar (bottom)."""

    def __init__(self, ids: list[str], lang: str, in_place: bool, y_top: float):
        fig = Figure(figsize=(7.6, 5.8), dpi=_DPI, layout="constrained")
        top, bottom = fig.subplots(2, 1, height_ratios=[1, 1.5], sharex=True)
        days = np.arange(PLAN_DAYS)
        (self.stock_line,) = top.step(days, np.zeros(PLAN_DAYS), where="post", color=_FEATURED,
                                      lw=2, label=t("ch01_stock_label", lang))
        (self.margin_line,) = top.plot([0, PLAN_DAYS], [0, 0], ls="--", color="grey", lw=1,
                                       label=t("ch01_margin_label", lang))
        (self.delivery_marks,) = top.plot([], [], "v", color="black", ms=7,
                                          label=t("ch01_delivery_label", lang))
        top.set_ylabel(t("ch01_kg_in_jar", lang))
        top.set_title(t("ch01_jar_title", lang))
        top.legend(loc="upper right", frameon=False, fontsize=8, ncols=3)
        top.spines[["top", "right"]].set_visible(False)
        rows = np.arange(len(ids))
        self.others = bottom.scatter([], [], marker="s", s=36, color=_OTHERS)
        self.featured = bottom.scatter([], [], marker="s", s=44, color=_FEATURED)
        bottom.set_yticks(list(rows), ids)
        bottom.set_ylim(len(ids) - 0.5, -0.5)
        bottom.set_xlim(-1, PLAN_DAYS)
        bottom.set_xlabel(t("ch01_day_axis", lang))
        bottom.set_ylabel(t("ch01_household", lang))
        bottom.set_title(t("ch01_calendar_title", lang))
        bottom.grid(axis="x", color="#dddddd", lw=0.6)
        bottom.spines[["top", "right"]].set_visible(False)
        top.set_ylim(0, y_top)
        self.figure, self.top = fig, top
        dynamic = [self.stock_line, self.margin_line, self.delivery_marks, self.others,
                   self.featured]
        self.drawn = InPlaceFigure(fig, dynamic, in_place=in_place)

    def show(self, path: np.ndarray, margin_kg: float, deliveries: np.ndarray,
             calendar: pd.DataFrame, ids: list[str], featured_id: str) -> bytes:
        days = np.arange(len(path))
        self.stock_line.set_data(days, path)
        self.margin_line.set_ydata([margin_kg, margin_kg])
        self.delivery_marks.set_data(deliveries, path[deliveries] if len(deliveries) else [])
        row_of = {h: i for i, h in enumerate(ids)}
        rows = calendar["household_id"].map(row_of).to_numpy(dtype=float)
        points = np.column_stack([calendar["day"].to_numpy(dtype=float), rows])
        is_featured = (calendar["household_id"] == featured_id).to_numpy()
        self.others.set_offsets(points[~is_featured].reshape(-1, 2))
        self.featured.set_offsets(points[is_featured].reshape(-1, 2))
        return self.drawn.png()


class RicePlanner(widgets.VBox):
    """Plan rice deliveries for a street, as the young Wang Yung-ching did by hand.

    Build it with :func:`rice_planner`. The first household of the street is
    *featured*: its size and its consumption per person are the controls, and
    its jar is drawn day by day. The bag size and the safety margin apply to
    every household.

    Attributes
    ----------
    people : ipywidgets.IntSlider
        People in the featured household (1 to 10).
    grams : ipywidgets.IntSlider
        Grams of rice each of them eats a day (100 to 600).
    bag_kg : ipywidgets.SelectionSlider
        Kilograms in the bag the shop delivers (:data:`BAG_SIZES`).
    safety : ipywidgets.IntSlider
        Days of safety margin before a jar runs out (0 to 7).
    prompt : ipywidgets.HTML
        The *try this* question.
    table : ipywidgets.HTML
        The featured household's numbers and the street's totals.
    plot : ipywidgets.Output
        The jar and the calendar (one PNG display output).
    households : pandas.DataFrame
        The street as the controls set it.
    plan : pandas.DataFrame
        :func:`~course.sims.concepts.next_delivery` for the street today.
    calendar : pandas.DataFrame
        :func:`~course.sims.concepts.delivery_calendar` over :data:`PLAN_DAYS` days.
    path : numpy.ndarray
        The featured household's rice on each morning.
    figure : matplotlib.figure.Figure
        The figure shown (the same object from one update to the next).
    png : bytes
        The PNG shown.
    """

    def __init__(self, households: pd.DataFrame | None = None, start=PLAN_START,
                 lang: str | None = None):
        self.lang = lang = resolve_lang(lang)
        self.base = (rice_street() if households is None else households).reset_index(drop=True)
        if self.base.empty:
            raise ValueError("the street needs at least one household")
        self.start = pd.Timestamp(start).normalize()
        self.ids = [str(h) for h in self.base["household_id"]]
        self.featured_id = self.ids[0]
        first = self.base.iloc[0]
        self._in_place = True  # False: a new figure every update (the benchmark's baseline)
        self._chart: _PlannerChart | None = None
        self._charts: dict[float, _PlannerChart] = {}
        self.people = widgets.IntSlider(value=int(first["people"]), min=1, max=10,
                                        description=t("ch01_people", lang), style=_STYLE,
                                        layout=_LAYOUT, continuous_update=False)
        self.grams = widgets.IntSlider(value=int(first["grams_per_person_day"]) or 300,
                                       min=100, max=600, step=10,
                                       description=t("ch01_grams", lang), style=_STYLE,
                                       layout=_LAYOUT, continuous_update=False)
        self.bag_kg = widgets.SelectionSlider(options=list(BAG_SIZES), value=25,
                                              description=t("ch01_bag", lang), style=_STYLE,
                                              layout=_LAYOUT, continuous_update=False)
        self.safety = widgets.IntSlider(value=2, min=0, max=7,
                                        description=t("ch01_safety", lang), style=_STYLE,
                                        layout=_LAYOUT, continuous_update=False)
        self.prompt = widgets.HTML(try_this_html("ch01_planner_try_this", lang))
        self.table = widgets.HTML(layout=widgets.Layout(margin="0 0 0 16px"))
        self.plot = widgets.Output()
        controls = widgets.VBox([self.people, self.grams, self.bag_kg, self.safety])
        super().__init__(children=[widgets.HBox([controls, self.table]), self.prompt,
                                   self.plot])
        self.add_class("crm-rice-planner")
        setup_matplotlib(warn=True)
        for control in (self.people, self.grams, self.bag_kg, self.safety):
            control.observe(self._on_change, names="value")
        self.update()

    def _on_change(self, change) -> None:
        self.update()

    def update(self) -> None:
        """Replan with the current controls; update the table and the plot in place.

        Examples
        --------
        >>> w = rice_planner(lang="en")
        >>> first = w.plan.iloc[0]["deliver_on"]
        >>> w.safety.value = w.safety.value + 3
        >>> w.plan.iloc[0]["deliver_on"] <= first
        True
        >>> w.people.value = 10
        >>> int(w.calendar["household_id"].eq(w.featured_id).sum()) >= 3
        True
        """
        lang = self.lang
        bag, safety = float(self.bag_kg.value), int(self.safety.value)
        street = self.base.copy()
        street.loc[0, "people"] = int(self.people.value)
        street.loc[0, "grams_per_person_day"] = int(self.grams.value)
        self.households = street
        self.plan = next_delivery(street, self.start, safety_days=safety)
        self.calendar = delivery_calendar(street, self.start, days=PLAN_DAYS, bag_kg=bag,
                                          safety_days=safety)
        daily = float(daily_kg(self.people.value, self.grams.value))
        stock0 = float(street.loc[0, "stock_kg"])
        self.path = stock_path(stock0, daily, bag, safety, PLAN_DAYS)
        mine = self.calendar[self.calendar["household_id"] == self.featured_id]
        row = self.plan.iloc[0]
        per_day = self.calendar.groupby("day").size()
        busiest = int(per_day.max()) if len(per_day) else 0
        rows = [
            (t("ch01_daily_kg", lang), f"{daily:.1f} kg"),
            (t("ch01_bag_lasts", lang), t("ch01_n_days", lang, n=f"{bag / daily:.1f}")),
            (t("ch01_run_out", lang), _date(row["run_out"], lang)),
            (t("ch01_deliver_on", lang), _date(row["deliver_on"], lang)),
            (t("ch01_featured_deliveries", lang, days=PLAN_DAYS), f"{len(mine)}"),
            (t("ch01_street_deliveries", lang, days=PLAN_DAYS), f"{len(self.calendar)}"),
            (t("ch01_busiest_day", lang), f"{busiest}"),
        ]
        self.table.value = _rows_html(t("ch01_planner_title", lang, household=self.featured_id),
                                      rows, t("ch01_planner_note", lang,
                                              start=_date(self.start, lang)))
        # one chart per height of the jar axis, so that its ticks are drawn only once
        need = max(float(self.path.max()), daily * safety, 1.0) * 1.08
        y_top = next((top for top in _JAR_AXIS_KG if top >= need), 50.0 * math.ceil(need / 50))
        if y_top not in self._charts or not self._in_place:
            self._charts[y_top] = _PlannerChart(self.ids, lang, self._in_place, y_top)
        self._chart = self._charts[y_top]
        deliveries = mine["day"].to_numpy(dtype=int)
        self.png = self._chart.show(self.path, daily * safety, deliveries, self.calendar,
                                    self.ids, self.featured_id)
        self.figure = self._chart.figure
        self.plot.outputs = png_output(self.png, t("ch01_calendar_title", lang))


def rice_planner(households: pd.DataFrame | None = None, start=PLAN_START,
                 lang: str | None = None) -> RicePlanner:
    """The rice-shop planner: household size, consumption, bag and margin set the deliveries.

    Parameters
    ----------
    households : pandas.DataFrame, optional
        A street (``household_id, people, grams_per_person_day, stock_kg``);
        default :func:`rice_street`. The first household is featured.
    start : str or Timestamp, default "1932-05-02"
        The first day of the plan.
    lang : {"en", "zh"}, optional
        Language of labels and plots; default the current course language.

    Returns
    -------
    RicePlanner

    Examples
    --------
    >>> w = rice_planner(lang="zh")
    >>> "动手试一试" in w.prompt.value, "送米日期" in w.table.value
    (True, True)
    """
    return RicePlanner(households, start=start, lang=lang)


# ----------------------------------------------------------------------------------------
# remembering versus not remembering


def shop_label(name: str, lang: str) -> str:
    """A shop's name in the lecture's language.

    Examples
    --------
    >>> shop_label("remembers", "en"), shop_label("rival 2", "zh")
    ('The shop that remembers', '对手米店 2')
    """
    if name == REMEMBERING_SHOP:
        return t("ch01_shop_remembers", lang)
    return t("ch01_shop_rival", lang, k=name.split()[-1])


class _ShopsChart:
    """Market share over the year (left) and market share vs share of wallet (right)."""

    def __init__(self, periods: int, max_rivals: int, lang: str, in_place: bool):
        fig = Figure(figsize=(9.0, 3.9), dpi=_DPI, layout="constrained")
        left, right = fig.subplots(1, 2, width_ratios=[1.6, 1])
        x = np.arange(1, periods + 1)
        (self.remember_line,) = left.plot(x, np.zeros(periods), color=_REMEMBER, lw=2.4,
                                          label=t("ch01_shop_remembers", lang))
        self.rival_lines = []
        for k in range(max_rivals):
            (line,) = left.plot(x, np.zeros(periods), color=_RIVAL, lw=1.2,
                                label=t("ch01_rivals", lang) if k == 0 else None)
            self.rival_lines.append(line)
        (self.steady_line,) = left.plot([1, periods], [0, 0], ls="--", color=_REMEMBER, lw=1,
                                        label=t("ch01_steady_label", lang))
        left.set_xlim(1, periods)
        left.set_ylim(0, 1)
        left.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        left.set_xlabel(t("ch01_period_axis", lang))
        left.set_ylabel(t("ch01_market_share", lang))
        left.set_title(t("ch01_share_title", lang))
        left.legend(loc="upper left", frameon=False, fontsize=8)
        left.spines[["top", "right"]].set_visible(False)
        groups = np.arange(2)
        width = 0.38
        self.market_bars = right.bar(groups - width / 2, [0, 0], width, color="#e9c46a",
                                     label=t("ch01_market_share", lang))
        self.wallet_bars = right.bar(groups + width / 2, [0, 0], width, color="#264653",
                                     label=t("ch01_share_of_wallet", lang))
        self.bar_texts = [right.text(0, 0, "", ha="center", va="bottom", fontsize=8)
                          for _ in range(4)]
        right.set_xticks(list(groups), [t("ch01_shop_remembers_short", lang),
                                        t("ch01_rival_average", lang)])
        right.set_ylim(0, 1.12)
        right.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        right.set_title(t("ch01_wallet_title", lang))
        right.legend(loc="upper right", frameon=False, fontsize=8)
        right.spines[["top", "right"]].set_visible(False)
        self.figure = fig
        dynamic = [self.remember_line, *self.rival_lines, self.steady_line,
                   *self.market_bars, *self.wallet_bars, *self.bar_texts]
        self.drawn = InPlaceFigure(fig, dynamic, in_place=in_place)

    def show(self, year, steady: float) -> bytes:
        share = year.market_share
        self.remember_line.set_ydata(share[REMEMBERING_SHOP].to_numpy())
        rivals = [s for s in year.shops if s != REMEMBERING_SHOP]
        for k, line in enumerate(self.rival_lines):
            line.set_visible(k < len(rivals))
            if k < len(rivals):
                line.set_ydata(share[rivals[k]].to_numpy())
        self.steady_line.set_ydata([steady, steady])
        summary = year.summary
        values = [
            (float(summary.loc[REMEMBERING_SHOP, "market_share"]),
             float(summary.loc[rivals, "market_share"].mean())),
            (float(summary.loc[REMEMBERING_SHOP, "share_of_wallet"]),
             float(summary.loc[rivals, "share_of_wallet"].mean())),
        ]
        texts = iter(self.bar_texts)
        for bars, pair in zip((self.market_bars, self.wallet_bars), values, strict=True):
            for bar, value in zip(bars, pair, strict=True):
                bar.set_height(value)
                text = next(texts)
                text.set_position((bar.get_x() + bar.get_width() / 2, value + 0.01))
                text.set_text(f"{value:.0%}")
        return self.drawn.png()


class RememberingShops(widgets.VBox):
    """A year in a neighbourhood where one rice shop remembers its customers.

    Build it with :func:`remembering_shops`. The households, their sizes and
    every random draw are fixed (:func:`~course.sims.concepts.neighbourhood_draws`),
    so moving a control shows that control's effect, not new luck.

    Attributes
    ----------
    keep_remember : ipywidgets.FloatSlider
        Retention per purchase of the shop that remembers (0.50 to 0.99).
    keep_forget : ipywidgets.FloatSlider
        Retention per purchase of each rival that does not (0.30 to 0.95).
    n_rivals : ipywidgets.IntSlider
        Number of rival shops (1 to 5).
    prompt : ipywidgets.HTML
        The *try this* question.
    table : ipywidgets.HTML
        The year per shop and the value of one more point of retention.
    plot : ipywidgets.Output
        The two charts (one PNG display output).
    year : course.sims.concepts.NeighbourhoodYear
        The last simulated year.
    point : dict
        :func:`~course.sims.concepts.retention_point_value` for the current controls.
    figure : matplotlib.figure.Figure
        The figure shown (the same object from one update to the next).
    png : bytes
        The PNG shown.
    """

    MAX_RIVALS = 5

    def __init__(self, n_households: int = 400, lang: str | None = None,
                 margin_rate: float = 0.2):
        self.lang = lang = resolve_lang(lang)
        self.draws = neighbourhood_draws(n_households, periods=24, seed=0)
        self.margin_rate = margin_rate
        self._in_place = True
        self._chart: _ShopsChart | None = None
        self.keep_remember = widgets.FloatSlider(value=0.95, min=0.5, max=0.99, step=0.01,
                                                 readout_format=".0%", style=_STYLE,
                                                 layout=_LAYOUT, continuous_update=False,
                                                 description=t("ch01_keep_remember", lang))
        self.keep_forget = widgets.FloatSlider(value=0.7, min=0.3, max=0.95, step=0.05,
                                               readout_format=".0%", style=_STYLE,
                                               layout=_LAYOUT, continuous_update=False,
                                               description=t("ch01_keep_forget", lang))
        self.n_rivals = widgets.IntSlider(value=3, min=1, max=self.MAX_RIVALS, style=_STYLE,
                                          layout=_LAYOUT, continuous_update=False,
                                          description=t("ch01_n_rivals", lang))
        self.prompt = widgets.HTML(try_this_html("ch01_shops_try_this", lang))
        self.table = widgets.HTML(layout=widgets.Layout(margin="0 0 0 16px"))
        self.plot = widgets.Output()
        controls = widgets.VBox([self.keep_remember, self.keep_forget, self.n_rivals])
        super().__init__(children=[widgets.HBox([controls, self.table]), self.prompt,
                                   self.plot])
        self.add_class("crm-remembering-shops")
        setup_matplotlib(warn=True)
        for control in (self.keep_remember, self.keep_forget, self.n_rivals):
            control.observe(self._on_change, names="value")
        self.update()

    def _on_change(self, change) -> None:
        self.update()

    def update(self) -> None:
        """Simulate the year with the current controls; update the table and the plot.

        Examples
        --------
        >>> w = remembering_shops(lang="en")
        >>> share = w.year.summary.loc["remembers", "market_share"]
        >>> w.keep_remember.value = 0.7
        >>> bool(w.year.summary.loc["remembers", "market_share"] < share)
        True
        >>> w.n_rivals.value = 1
        >>> w.year.shops
        ['remembers', 'rival 1']
        """
        lang = self.lang
        keep_r, keep_f = round(self.keep_remember.value, 2), round(self.keep_forget.value, 2)
        rivals = int(self.n_rivals.value)
        self.year = simulate_neighbourhood(keep_r, keep_f, rivals, draws=self.draws)
        self.point = retention_point_value(keep_r, keep_f, rivals,
                                           margin_rate=self.margin_rate, draws=self.draws,
                                           base=self.year)
        steady = steady_share(keep_r, keep_f, rivals)
        s = self.year.summary
        others = [x for x in self.year.shops if x != REMEMBERING_SHOP]
        rows = [
            (t("ch01_market_share", lang) + " · " + t("ch01_shop_remembers_short", lang),
             f"{s.loc[REMEMBERING_SHOP, 'market_share']:.1%}"),
            (t("ch01_market_share", lang) + " · " + t("ch01_rival_average", lang),
             f"{s.loc[others, 'market_share'].mean():.1%}"),
            (t("ch01_share_of_wallet", lang) + " · " + t("ch01_shop_remembers_short", lang),
             f"{s.loc[REMEMBERING_SHOP, 'share_of_wallet']:.1%}"),
            (t("ch01_share_of_wallet", lang) + " · " + t("ch01_rival_average", lang),
             f"{s.loc[others, 'share_of_wallet'].mean():.1%}"),
            (t("ch01_customers_year", lang), f"{int(s.loc[REMEMBERING_SHOP, 'customers'])}"),
            (t("ch01_repeat_purchases", lang),
             f"{int(s.loc[REMEMBERING_SHOP, 'repeat_purchases']):,}"),
            (t("ch01_steady_share", lang), f"{steady:.1%}"),
            (t("ch01_point_sales", lang), t("ch01_yuan", lang,
                                            x=f"{self.point['extra_sales']:,.0f}")),
            (t("ch01_point_margin", lang, rate=f"{self.margin_rate:.0%}"),
             t("ch01_yuan", lang, x=f"{self.point['extra_margin']:,.0f}")),
        ]
        self.table.value = _rows_html(t("ch01_shops_title", lang), rows,
                                      t("ch01_shops_note", lang,
                                        n=len(self.draws["people"])))
        if self._chart is None or not self._in_place:
            self._chart = _ShopsChart(self.draws["stay"].shape[0], self.MAX_RIVALS, lang,
                                      in_place=self._in_place)
        self.png = self._chart.show(self.year, steady)
        self.figure = self._chart.figure
        self.plot.outputs = png_output(self.png, t("ch01_share_title", lang))


def remembering_shops(n_households: int = 400, lang: str | None = None,
                      margin_rate: float = 0.2) -> RememberingShops:
    """A neighbourhood's year of rice purchases: the shop that remembers against its rivals.

    Parameters
    ----------
    n_households : int, default 400
        Households in the neighbourhood.
    lang : {"en", "zh"}, optional
        Language of labels and plots; default the current course language.
    margin_rate : float, default 0.2
        Share of sales the shop keeps as gross margin (for the value of a point).

    Returns
    -------
    RememberingShops

    Examples
    --------
    >>> w = remembering_shops(lang="en")
    >>> "Try this" in w.prompt.value, "Share of wallet" in w.table.value
    (True, True)
    """
    return RememberingShops(n_households, lang=lang, margin_rate=margin_rate)
