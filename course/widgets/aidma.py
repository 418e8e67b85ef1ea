"""Chapter 3 widget: a purchase funnel whose budget the student moves between stages.

A view only: every number comes from :mod:`course.sims.aidma`
(:func:`~course.sims.aidma.simulate_funnel` and
:func:`~course.sims.aidma.compare_paths`). Controls and outputs are attributes,
and a control change runs :meth:`FunnelExplorer.update` synchronously, so a
test can set ``w.budget.value = 80_000`` and read ``w.summary`` on the next
line, with no kernel or browser.

The figure is built once per path and updated in place (bar widths, colours
and texts, then a blit and a fast PNG, as in chapter 5's widgets).

Examples
--------
>>> from course.widgets.aidma import funnel_explorer
>>> w = funnel_explorer(lang="en")
>>> w.summary.index.tolist()
['reach', 'attention', 'interest', 'desire', 'memory', 'action']
>>> w.path.value = "aisas"
>>> w.summary.index.tolist()[-2:]
['action', 'share']
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from course.i18n import setup_matplotlib, t
from course.sims.aidma import AIDMA, AISAS_OF_AIDMA, PATHS, compare_paths, simulate_funnel
from course.widgets._common import note_html, png_output, resolve_lang, try_this_html
from course.widgets.identification import InPlaceFigure

__all__ = ["FunnelExplorer", "funnel_explorer"]

_DPI = 96
_STYLE = {"description_width": "9em"}
_BAR, _BOTTLENECK, _REACH = "#457b9d", "#e63946", "#a8dadc"
_WAVE, _EARNED = "#457b9d", "#f4a261"
_XMAX = 1e8  # the log axis: 1 person to 100 million, room for the labels of 500,000


def _stage_name(stage: str, lang: str) -> str:
    return t(f"ch03_stage_{stage}", lang)


def _money(value: float) -> str:
    return "-" if not np.isfinite(value) else f"{value:,.2f}"


class _FunnelChart:
    """The funnel bars of one path and the two-path comparison, updated in place."""

    def __init__(self, path: str, lang: str, in_place: bool):
        rows = ["reach", *PATHS[path]]
        fig = Figure(figsize=(9.5, 3.8), dpi=_DPI, layout="constrained")
        ax, cmp_ax = fig.subplots(1, 2, width_ratios=[2.6, 1])
        y = np.arange(len(rows))[::-1]
        self.bars = ax.barh(y, np.zeros(len(rows)), left=1.0, height=0.62, color=_BAR)
        self.texts = [ax.text(1.2, yy, "", va="center", fontsize=9) for yy in y]
        ax.set_xscale("log")
        ax.set_xlim(1, _XMAX)
        ax.set_ylim(-0.6, len(rows) - 0.4)
        ax.set_yticks(list(y), [_stage_name(r, lang) for r in rows])
        ax.set_xlabel(t("ch03_people_axis", lang))
        ax.set_title(t("ch03_funnel_title", lang, path=t(f"ch03_path_{path}", lang)))
        ax.spines[["top", "right"]].set_visible(False)
        names = [t("ch03_path_aidma", lang), t("ch03_path_aisas", lang)]
        self.wave = cmp_ax.bar(names, [0, 0], color=_WAVE, label=t("ch03_first_wave", lang))
        self.earned = cmp_ax.bar(names, [0, 0], bottom=[0, 0], color=_EARNED,
                                 label=t("ch03_from_sharing", lang))
        self.totals = [cmp_ax.text(i, 0, "", ha="center", va="bottom", fontsize=9)
                       for i in range(2)]
        cmp_ax.set_ylabel(t("ch03_purchases_axis", lang))
        cmp_ax.set_yticks([])  # the totals are written on the bars: no axis to redraw
        cmp_ax.set_title(t("ch03_compare_title", lang))
        cmp_ax.legend(loc="upper left", frameon=False, fontsize=8)
        cmp_ax.spines[["top", "right", "left"]].set_visible(False)
        self.figure, self.ax, self.cmp_ax, self.lang = fig, ax, cmp_ax, lang
        # the spines the bars touch are redrawn over them, as a full draw would
        dynamic = [*self.bars, *self.texts, *self.wave, *self.earned, *self.totals,
                   ax.spines["left"], ax.spines["bottom"], cmp_ax.spines["bottom"]]
        self.drawn = InPlaceFigure(fig, dynamic, in_place=in_place)

    def show(self, summary: pd.DataFrame, comparison: pd.DataFrame) -> bytes:
        """Set the bars and labels to ``summary`` and ``comparison``; return the PNG."""
        lang = self.lang
        for bar, text, (stage, row) in zip(self.bars, self.texts, summary.iterrows(),
                                           strict=True):
            count = int(row["count"])
            bar.set_width(max(count, 1) - 1.0)
            bar.set_color(_BOTTLENECK if row["bottleneck"] else
                          _REACH if stage == "reach" else _BAR)
            text.set_x(max(count, 1) * 1.25)
            cpa = row["cost_per_action"]
            text.set_text(t("ch03_bar_label", lang, count=count,
                            cpa=_money(cpa) if np.isfinite(cpa) else t("ch03_no_cpa", lang)))
        wave = comparison["purchases"].to_numpy(dtype=float)
        earned = comparison["earned_purchases"].to_numpy(dtype=float)
        for i in range(2):
            self.wave[i].set_height(wave[i])
            self.earned[i].set_y(wave[i])
            self.earned[i].set_height(earned[i])
            self.totals[i].set_position((i, wave[i] + earned[i]))
            self.totals[i].set_text(f"{int(wave[i] + earned[i]):,}")
        top = max(1.0, float((wave + earned).max()))
        self.cmp_ax.set_ylim(0, top * 1.4)
        return self.drawn.png()


class FunnelExplorer(widgets.VBox):
    """Move a campaign budget between the stages of an AIDMA or AISAS funnel.

    Build it with :func:`funnel_explorer`.

    Attributes
    ----------
    path : ipywidgets.ToggleButtons
        ``"aidma"`` or ``"aisas"``.
    reach : ipywidgets.IntSlider
        People the campaign reaches.
    budget : ipywidgets.IntSlider
        Total budget in yuan.
    weights : dict of str to ipywidgets.FloatSlider
        One weight per AIDMA stage (``w_attention`` ... ``w_action`` are the same
        sliders); on the AISAS path Desire's weight goes to Search and Memory's
        to Share, and the labels say so.
    prompt, table, note : ipywidgets.HTML
        The *try this* question, the stage table and the bottleneck and
        comparison notes.
    plot : ipywidgets.Output
        The funnel and the comparison (one PNG display output).
    summary : pandas.DataFrame
        The last :func:`~course.sims.aidma.simulate_funnel` result.
    comparison : pandas.DataFrame
        The last :func:`~course.sims.aidma.compare_paths` result.
    figure : matplotlib.figure.Figure
        The figure shown; the same object while the path does not change.
    png : bytes
        The PNG shown.
    """

    def __init__(self, reach: int = 100_000, budget: int = 60_000,
                 lang: str | None = None):
        self.lang = lang = resolve_lang(lang)
        self._in_place = True  # False: a new figure every update (the benchmark's baseline)
        self._charts: dict[str, _FunnelChart] = {}
        self.summary = pd.DataFrame()
        self.comparison = pd.DataFrame()
        self.figure: Figure | None = None
        self.png: bytes | None = None
        self.path = widgets.ToggleButtons(
            options=[(t("ch03_path_aidma", lang), "aidma"), (t("ch03_path_aisas", lang), "aisas")],
            value="aidma", description=t("ch03_path", lang), style=_STYLE)
        self.reach = widgets.IntSlider(value=reach, min=10_000, max=500_000, step=10_000,
                                       description=t("ch03_reach", lang),
                                       continuous_update=False, style=_STYLE)
        self.budget = widgets.IntSlider(value=budget, min=0, max=200_000, step=5_000,
                                        description=t("ch03_budget", lang),
                                        continuous_update=False, style=_STYLE)
        self.weights = {
            stage: widgets.FloatSlider(value=1.0, min=0.0, max=5.0, step=0.5,
                                       continuous_update=False, style=_STYLE)
            for stage in AIDMA}
        for stage, slider in self.weights.items():
            setattr(self, f"w_{stage}", slider)
        self.prompt = widgets.HTML(try_this_html("ch03_funnel_try_this", lang))
        self.table = widgets.HTML(layout=widgets.Layout(margin="0 0 0 16px"))
        self.note = widgets.HTML()
        self.plot = widgets.Output()
        controls = widgets.VBox([self.path, self.reach, self.budget, *self.weights.values()])
        super().__init__(children=[widgets.HBox([controls, self.table]), self.note,
                                   self.prompt, self.plot])
        self.add_class("crm-funnel-explorer")
        setup_matplotlib(warn=True)
        for control in (self.path, self.reach, self.budget, *self.weights.values()):
            control.observe(self._changed, names="value")
        self.update()

    def _changed(self, change) -> None:
        self.update()

    def _label_weights(self) -> None:
        lang = self.lang
        for stage, slider in self.weights.items():
            shown = stage if self.path.value == "aidma" else AISAS_OF_AIDMA[stage]
            slider.description = t("ch03_weight", lang, stage=_stage_name(shown, lang))

    def update(self) -> None:
        """Run the model with the current controls; update the table, notes and plot.

        Examples
        --------
        >>> w = funnel_explorer(lang="en")
        >>> before = int(w.summary.loc["action", "count"])
        >>> w.budget.value = 100_000
        >>> int(w.summary.loc["action", "count"]) > before
        True
        >>> figure = w.figure
        >>> w.w_memory.value = 3.0
        >>> w.figure is figure
        True
        """
        path = self.path.value
        self._label_weights()
        plan = {s: float(slider.value) for s, slider in self.weights.items()}
        on_path = plan if path == "aidma" else {AISAS_OF_AIDMA[s]: v for s, v in plan.items()}
        self.summary = simulate_funnel(self.reach.value, self.budget.value, on_path, path)
        self.comparison = compare_paths(self.reach.value, self.budget.value, plan)
        self.table.value = self._table_html()
        self.note.value = self._notes_html(plan)
        self._draw(path)

    def _draw(self, path: str) -> None:
        lang = self.lang
        if path not in self._charts or not self._in_place:
            self._charts[path] = _FunnelChart(path, lang, in_place=self._in_place)
        chart = self._charts[path]
        self.png = chart.show(self.summary, self.comparison)
        self.figure = chart.figure  # never registered with pyplot, so no leak
        self.plot.outputs = png_output(self.png, t("ch03_funnel_title", lang,
                                                    path=t(f"ch03_path_{path}", lang)))

    def _notes_html(self, plan: dict) -> str:
        lang = self.lang
        notes = []
        if sum(plan.values()) == 0 and self.budget.value > 0:
            notes.append(note_html(t("ch03_no_budget", lang), "warning"))
        hit = self.summary.index[self.summary["bottleneck"]]
        if len(hit):
            stage = hit[0]
            notes.append(note_html(t("ch03_bottleneck_note", lang,
                                      stage=_stage_name(stage, lang),
                                      drop=float(self.summary.loc[stage, "drop"]))))
        else:
            notes.append(note_html(t("ch03_no_bottleneck", lang), "warning"))
        c = self.comparison
        notes.append(note_html(t("ch03_compare_note", lang,
                                  aidma=int(c.loc["aidma", "total_purchases"]),
                                  aisas=int(c.loc["aisas", "total_purchases"]),
                                  earned=int(c.loc["aisas", "earned_purchases"]))))
        return "".join(notes)

    def _table_html(self) -> str:
        lang = self.lang
        cell = "padding:2px 8px;text-align:right"
        first = "padding:2px 8px;text-align:left"
        heads = [t(k, lang) for k in ("ch03_col_stage", "ch03_col_spend", "ch03_col_rate",
                                      "ch03_col_count", "ch03_col_drop", "ch03_col_cpa")]
        line = "border-bottom:1px solid var(--jp-border-color1,#999)"
        head = "".join(f'<th style="{first if i == 0 else cell};{line}">{html.escape(h)}</th>'
                       for i, h in enumerate(heads))
        rows = []
        for stage, row in self.summary.iterrows():
            style = "font-weight:bold;color:#c1121f" if row["bottleneck"] else ""
            spend = "" if stage == "reach" else f"{row['spend']:,.0f}"
            rate = "" if stage == "reach" else f"{row['rate']:.1%}"
            drop = "" if not np.isfinite(row["drop"]) else f"{row['drop']:.1%}"
            rows.append(
                f'<tr style="{style}"><td style="{first}">{html.escape(_stage_name(stage, lang))}'
                f'</td><td style="{cell}">{spend}</td><td style="{cell}">{rate}</td>'
                f'<td style="{cell}">{int(row["count"]):,}</td><td style="{cell}">{drop}</td>'
                f'<td style="{cell}">{_money(row["cost_per_action"])}</td></tr>')
        return (f'<table class="crm-funnel" style="border-collapse:collapse"><thead><tr>{head}'
                f"</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def funnel_explorer(reach: int = 100_000, budget: int = 60_000,
                    lang: str | None = None) -> FunnelExplorer:
    """A purchase funnel with a budget to move between stages, AIDMA or AISAS.

    Parameters
    ----------
    reach : int, default 100,000
        People the campaign reaches at the start.
    budget : int, default 60,000
        Budget in yuan at the start.
    lang : {"en", "zh"}, optional
        Language of labels and plots; default the course language.

    Returns
    -------
    FunnelExplorer
        Controls ``path``, ``reach``, ``budget`` and ``w_attention`` ...
        ``w_action``; outputs ``prompt``, ``table``, ``note``, ``plot``; the last
        results in ``summary`` and ``comparison``.

    Examples
    --------
    >>> w = funnel_explorer(lang="zh")
    >>> "单次行动成本（元）" in w.table.value, "动手试一试" in w.prompt.value
    (True, True)
    >>> w.path.value = "aisas"
    >>> w.w_desire.description
    '搜索权重'
    """
    return FunnelExplorer(reach=reach, budget=budget, lang=lang)
