"""Chapter 4 widget: the needs pyramid of a survey, and whom your appeals reach.

A view only. Every number shown comes from :mod:`course.sims.needs`; the
widget wires a threshold slider, a group drop-down and one drop-down per
advertising appeal (the level the student places it on) to those functions,
draws the result and keeps it in ``.summary`` and ``.reach`` so that tests
(and curious students) can read it.

Changing a control calls ``update()`` synchronously (through ``observe``), so
a test can set ``w.threshold.value = 6`` and read ``w.summary`` on the next
line, with no kernel or browser. The figure is built once and updated in
place (:class:`~course.widgets.identification.InPlaceFigure`): a control
change sets new widths, colours and texts on the existing artists and
redraws only those (``benchmarks/bench_widgets_ch04.py`` times it against a
new figure per update).

Examples
--------
>>> from course.synthetic.needs import make_survey
>>> from course.widgets.needs import needs_pyramid
>>> w = needs_pyramid(make_survey(300, seed=1), lang="en")
>>> round(float(w.summary["dominant_share"].sum()), 6)
1.0
>>> w.appeals["insurance"].value = "safety"
>>> w.reach.loc["insurance", "customers"] == w.summary.loc["safety", "dominant"]
np.True_
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Polygon
from matplotlib.ticker import PercentFormatter

from course.i18n import setup_matplotlib, t
from course.sims.needs import DEFAULT_THRESHOLD, LEVELS, appeal_reach, level_summary
from course.widgets._common import note_html, png_output, resolve_lang, try_this_html
from course.widgets.identification import InPlaceFigure

__all__ = ["APPEALS", "NeedsPyramid", "needs_pyramid"]

#: The appeals a student places on levels: key -> i18n key of its text.
APPEALS = {"meal": "ch04_appeal_meal", "insurance": "ch04_appeal_insurance",
           "club": "ch04_appeal_club", "black_card": "ch04_appeal_black_card",
           "course": "ch04_appeal_course"}

_PLAIN, _TARGETED, _MET = "#9ecae1", "#e6550d", "#55a868"
_DPI = 96
_STYLE = {"description_width": "9em"}


class _PyramidChart:
    """Two panels: the dominant unmet need as a pyramid, and the share met per level."""

    def __init__(self, lang: str, in_place: bool):
        fig = Figure(figsize=(9.6, 4.0), dpi=_DPI, layout="constrained")
        pyramid, met = fig.subplots(1, 2, width_ratios=[1.25, 1])
        rows = np.arange(len(LEVELS))
        names = [t(f"ch04_level_{level}", lang) for level in LEVELS]
        # the outline of the pyramid: a static triangle behind the bars
        pyramid.add_patch(Polygon([(-0.5, -0.5), (0.5, -0.5), (0.0, len(LEVELS) - 0.2)],
                                  closed=True, facecolor="#f2f2f2", edgecolor="#bbbbbb",
                                  lw=1, zorder=0))
        self.bars = pyramid.barh(rows, np.zeros(len(LEVELS)), 0.72, left=0.0, color=_PLAIN,
                                 zorder=2)
        self.bar_texts = [pyramid.text(0.52, y, "", va="center", ha="left", fontsize=9,
                                       zorder=3) for y in rows]
        pyramid.set_yticks(list(rows), names)
        pyramid.set_xlim(-0.5, 0.8)
        pyramid.set_ylim(-0.6, len(LEVELS) - 0.3)
        pyramid.set_xticks([])
        pyramid.set_xlabel(t("ch04_share_axis", lang))
        pyramid.spines[["top", "right", "bottom"]].set_visible(False)
        pyramid.set_title(t("ch04_pyramid_title", lang))

        self.met_bars = met.barh(rows, np.zeros(len(LEVELS)), 0.6, color=_MET)
        met.set_yticks(list(rows), [""] * len(LEVELS))
        met.set_xlim(0, 1.15)
        met.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
        met.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        met.set_ylim(-0.6, len(LEVELS) - 0.3)
        met.set_xlabel(t("ch04_met_axis", lang))
        met.spines[["top", "right"]].set_visible(False)
        met.set_title(t("ch04_met_title", lang))
        self.figure, self.lang = fig, lang
        dynamic = [*self.bars, *self.bar_texts, *self.met_bars]
        self.drawn = InPlaceFigure(fig, dynamic, in_place=in_place)

    def show(self, summary: pd.DataFrame, targeted: set[str]) -> bytes:
        """Set the bars and texts to ``summary``; return the PNG."""
        dominant = summary["dominant_share"].to_numpy(dtype=float)
        met = np.nan_to_num(summary["met_share"].to_numpy(dtype=float))
        for k, level in enumerate(LEVELS):
            share = float(dominant[k])
            self.bars[k].set_x(-share / 2)
            self.bars[k].set_width(share)
            self.bars[k].set_color(_TARGETED if level in targeted else _PLAIN)
            self.bar_texts[k].set_text(f"{share:.0%}")
            self.met_bars[k].set_width(float(met[k]))
        return self.drawn.png()


class NeedsPyramid(widgets.VBox):
    """The needs pyramid of a survey, with a threshold, a group and appeals to place.

    Build it with :func:`needs_pyramid`.

    *Try this* (shown under the controls, in the course language): place each
    appeal on its level; raise the score at which a need counts as met from
    5 to 6: which appeal gains and which loses? Compare the low- and the
    high-income segment.

    Attributes
    ----------
    threshold : ipywidgets.IntSlider
        The score (2 to 7) at or above which a need counts as met.
    group : ipywidgets.Dropdown
        ``"all"`` or one segment of the survey.
    appeals : dict of ipywidgets.Dropdown
        One per appeal of :data:`APPEALS`: the level it is placed on, or None.
    prompt : ipywidgets.HTML
        The *try this* question.
    table : ipywidgets.HTML
        The appeals, their levels and whom they reach.
    plot : ipywidgets.Output
        The pyramid and the met shares (one PNG display output).
    summary : pandas.DataFrame
        :func:`~course.sims.needs.level_summary` of the current group.
    reach : pandas.DataFrame
        :func:`~course.sims.needs.appeal_reach` of the placed appeals.
    figure : matplotlib.figure.Figure or None
        The figure shown; the same object from one update to the next.
    png : bytes or None
        The PNG shown in ``plot``.
    """

    def __init__(self, survey: pd.DataFrame, lang: str | None = None,
                 placed: dict[str, str] | None = None):
        if not isinstance(survey, pd.DataFrame):
            raise TypeError(f"survey must be a pandas DataFrame, got {type(survey).__name__}")
        self.lang = lang = resolve_lang(lang)
        self.survey = survey
        self._in_place = True  # False: a new figure every update (the benchmark's baseline)
        self._chart: _PyramidChart | None = None
        self.figure: Figure | None = None
        self.png: bytes | None = None
        self.summary = pd.DataFrame()
        self.reach = pd.DataFrame()
        segments = sorted(survey["segment"].dropna().astype(str).unique())
        self.threshold = widgets.IntSlider(value=DEFAULT_THRESHOLD, min=2, max=7, step=1,
                                           description=t("ch04_threshold", lang),
                                           continuous_update=False, style=_STYLE)
        self.group = widgets.Dropdown(
            options=[(t("ch04_seg_all", lang), "all")]
            + [(t(f"ch04_seg_{s}", lang) if f"ch04_seg_{s}" in _strings() else s, s)
               for s in segments],
            value="all", description=t("ch04_group", lang), style=_STYLE)
        level_options = [(t("ch04_level_none", lang), None)] + [
            (t(f"ch04_level_{level}", lang), level) for level in LEVELS]
        placed = placed or {}
        unknown = sorted(set(placed) - set(APPEALS))
        if unknown:
            raise ValueError(f"placed names appeals {unknown}; the appeals are {list(APPEALS)}")
        self.appeals = {
            key: widgets.Dropdown(options=level_options, value=placed.get(key),
                                  description=t(text_key, lang),
                                  style={"description_width": "22em"},
                                  layout=widgets.Layout(width="38em"))
            for key, text_key in APPEALS.items()}
        self.prompt = widgets.HTML(try_this_html("ch04_try_this", lang))
        self.table = widgets.HTML(layout=widgets.Layout(margin="0 0 0 16px"))
        self.plot = widgets.Output()
        controls = widgets.VBox([self.threshold, self.group])
        super().__init__(children=[widgets.HBox([controls, self.table]),
                                   widgets.VBox(list(self.appeals.values())), self.prompt,
                                   self.plot])
        self.add_class("crm-needs-pyramid")
        setup_matplotlib(warn=True)
        for control in (self.threshold, self.group, *self.appeals.values()):
            control.observe(self._on_change, names="value")
        self.update()

    def _on_change(self, change) -> None:
        self.update()

    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        """Every control by name: ``threshold``, ``group`` and ``appeal_<key>``."""
        return {"threshold": self.threshold, "group": self.group,
                **{f"appeal_{k}": d for k, d in self.appeals.items()}}

    def update(self) -> None:
        """Recompute the pyramid and the reach of the placed appeals; redraw in place.

        Examples
        --------
        >>> from course.synthetic.needs import make_survey
        >>> w = needs_pyramid(make_survey(200, seed=2), lang="en")
        >>> figure, before = w.figure, w.summary["dominant"].tolist()
        >>> w.threshold.value = 6
        >>> w.summary["dominant"].tolist() != before, w.figure is figure
        (True, True)
        >>> w.group.value = "low_income"
        >>> int(w.summary["dominant"].sum()) == int((w.survey["segment"] == "low_income").sum())
        True
        """
        lang = self.lang
        threshold = int(self.threshold.value)
        group = self.group.value
        sub = self.survey if group == "all" else self.survey[self.survey["segment"] == group]
        placed = {k: d.value for k, d in self.appeals.items() if d.value is not None}
        self.summary = level_summary(sub, threshold)
        self.reach = appeal_reach(sub, placed, threshold)
        group_name = dict((v, k) for k, v in self.group.options)[group]
        if len(sub) == 0:
            self.table.value = note_html(t("ch04_no_respondents", lang), "warning")
            self.plot.outputs = ()
            self.figure = self.png = None
            return
        self.table.value = self._reach_html(group_name, len(sub), threshold)
        self._draw(set(placed.values()), group_name)

    def _reach_html(self, group: str, n: int, threshold: int) -> str:
        lang = self.lang
        shares = self.summary["dominant_share"]
        heading = t("ch04_group_line", lang, group=group, n=n, threshold=threshold,
                    all_met=float(shares["all_met"]), unknown=float(shares["unknown"]))
        cell = "padding:2px 10px;text-align:right"
        first = "padding:2px 10px;text-align:left"
        line = "border-bottom:1px solid var(--jp-border-color1,#999)"
        head = "".join(f'<th style="{style};{line}">{html.escape(t(key, lang))}</th>'
                       for key, style in (("ch04_col_appeal", first), ("ch04_col_level", first),
                                          ("ch04_col_customers", cell),
                                          ("ch04_col_share", cell)))
        rows = []
        for key, text_key in APPEALS.items():
            if key in self.reach.index:
                level = t(f"ch04_level_{self.reach.loc[key, 'level']}", lang)
                reached = f"{int(self.reach.loc[key, 'customers']):,}"
                share = f"{float(self.reach.loc[key, 'share']):.1%}"
            else:
                level, reached, share = t("ch04_level_none", lang), "-", "-"
            rows.append(f'<tr><td style="{first}">{html.escape(t(text_key, lang))}</td>'
                        f'<td style="{first}">{html.escape(level)}</td>'
                        f'<td style="{cell}">{reached}</td><td style="{cell}">{share}</td></tr>')
        levels = sorted(set(self.reach["level"])) if len(self.reach) else []
        total = int(self.summary.loc[levels, "dominant"].sum()) if levels else 0
        top = "border-top:1px solid var(--jp-border-color1,#999)"
        rows.append(f'<tr style="font-weight:bold"><td style="{first};{top}" colspan="2">'
                    f"{html.escape(t('ch04_reach_total', lang))}</td>"
                    f'<td style="{cell};{top}">{total:,}</td>'
                    f'<td style="{cell};{top}">{total / n:.1%}</td></tr>')
        return (f'<div class="crm-group-line" style="margin:4px 0">{html.escape(heading)}</div>'
                f'<div style="font-weight:bold;margin:4px 0">'
                f"{html.escape(t('ch04_reach_title', lang))}</div>"
                f'<table class="crm-summary" style="border-collapse:collapse"><thead><tr>'
                f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")

    def _draw(self, targeted: set[str], group: str) -> None:
        if self._chart is None or not self._in_place:
            self._chart = _PyramidChart(self.lang, in_place=self._in_place)
        self.png = self._chart.show(self.summary, targeted)
        self.plot.outputs = png_output(self.png, f"{t('ch04_pyramid_title', self.lang)}: "
                                                  f"{group}")
        self.figure = self._chart.figure


def _strings() -> dict:
    from course.i18n import STRINGS

    return STRINGS


def needs_pyramid(survey: pd.DataFrame, lang: str | None = None,
                  placed: dict[str, str] | None = None) -> NeedsPyramid:
    """Show a survey's needs pyramid and let the student place appeals on levels.

    Parameters
    ----------
    survey : pandas.DataFrame
        A needs survey (``respondent_id``, ``segment`` and the five levels),
        e.g. :func:`course.synthetic.needs.make_survey`.
    lang : {"en", "zh"}, optional
        Language of labels and plots; default the current course language.
    placed : dict, optional
        Appeals already placed: appeal key of :data:`APPEALS` -> level.

    Returns
    -------
    NeedsPyramid
        An ipywidgets VBox: slider ``threshold``, drop-downs ``group`` and
        ``appeals[key]``; outputs ``prompt``, ``table`` and ``plot``; the last
        results in ``summary`` and ``reach``.

    Examples
    --------
    >>> from course.synthetic.needs import make_survey
    >>> w = needs_pyramid(make_survey(100, seed=4), lang="zh", placed={"club": "belonging"})
    >>> "触达的受访者" in w.table.value, "动手试一试" in w.prompt.value
    (True, True)
    >>> w.reach.index.tolist()
    ['club']
    """
    return NeedsPyramid(survey, lang=lang, placed=placed)
