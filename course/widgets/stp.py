"""Chapter 2 widgets: k-means segmentation, segment attractiveness, a perceptual map.

Views only. Every number shown comes from :mod:`course.sims.stp`; the widgets
wire controls to those functions, draw the result in place (the static part
of each figure is drawn once, see :class:`course.widgets.identification.InPlaceFigure`)
and keep the last result in attributes so that tests can read it.

Changing a control calls ``update()`` synchronously (through ``observe``), so
a test can set ``w.k.value = 3`` and read ``w.profile`` on the next line.

Examples
--------
>>> from course.widgets.stp import attractiveness_scorer
>>> w = attractiveness_scorer(lang="en")
>>> w.scores.index[0]
'eu_retailers'
>>> w.weights["margin"].value = 5.0
>>> w.scores.index[0]
'wholesalers'
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from course.i18n import setup_matplotlib, t
from course.sims.stp import (
    CRITERIA,
    SEGMENT_FEATURES,
    SKEWED_FEATURES,
    attractiveness,
    candidate_segments,
    car_brands,
    kmeans_segments,
    map_gaps,
    nearest_competitor,
    place_brand,
    prepare_features,
    segment_profile,
)
from course.widgets._common import note_html, png_output, resolve_lang, table_html, try_this_html
from course.widgets.identification import InPlaceFigure

__all__ = ["AttractivenessScorer", "PerceptualMap", "SegmentExplorer",
           "attractiveness_scorer", "perceptual_map", "segment_explorer"]

_DPI = 96
_STYLE = {"description_width": "9em"}
_NOTE_WIDTH = "40em"  # notes and tables of chapter 2 are a little wider than chapter 5's
_PADDING = "2px 8px"
#: One colour per cluster (up to 8), colour-blind friendly (Okabe-Ito).
CLUSTER_COLORS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
                  "#F0E442", "#000000")
K_RANGE = (2, 8)
DEFAULT_FEATURES = ("recency", "frequency", "monetary", "basket", "products")
NEW_BRAND = "new"


def feature_label(name: str, lang: str, log: bool = False) -> str:
    """A feature's axis label, ``log(1 + ...)`` when it is shown logged.

    Examples
    --------
    >>> feature_label("monetary", "zh"), feature_label("recency", "en", log=True)
    ('消费金额（英镑）', 'log(1 + Recency (days))')
    """
    text = t(f"ch02_feat_{name}", lang)
    return t("ch02_log_of", lang, name=text) if log and name in SKEWED_FEATURES else text


def brand_label(brand: str, lang: str) -> str:
    """A brand's name in the language (the new brand included).

    Examples
    --------
    >>> brand_label("Volvo", "zh"), brand_label("new", "en"), brand_label("Acme", "zh")
    ('沃尔沃', 'New brand', 'Acme')
    """
    key = "ch02_brand_new" if brand == NEW_BRAND else f"ch02_brand_{brand}"
    try:
        return t(key, lang)
    except KeyError:
        return str(brand)


# ----------------------------------------------------------------------------------------
# segmentation


class _SegmentChart:
    """Scatter of customers on two features (coloured by cluster) and cluster-size bars."""

    def __init__(self, x: np.ndarray, y: np.ndarray, xlabel: str, ylabel: str, lang: str,
                 in_place: bool):
        fig = Figure(figsize=(9.0, 4.0), dpi=_DPI, layout="constrained")
        ax, bx = fig.subplots(1, 2, width_ratios=[1.6, 1.0])
        self.points = ax.scatter(x, y, s=6, c=[CLUSTER_COLORS[0]] * len(x), alpha=0.55,
                                 linewidths=0)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.set_title(t("ch02_scatter_title", lang), fontsize=10)
        n = K_RANGE[1]
        self.bars = bx.barh(np.arange(n)[::-1], np.zeros(n), color=CLUSTER_COLORS[:n])
        bx.set_yticks(list(np.arange(n)[::-1]),
                      [t("ch02_cluster_n", lang, n=i + 1) for i in range(n)])
        bx.set_xlabel(t("ch02_customers_axis", lang))
        bx.set_title(t("ch02_sizes_title", lang), fontsize=10)
        bx.set_xlim(0, max(len(x), 1) * 0.75)
        self.counts = [bx.text(0, b.get_y() + b.get_height() / 2, "", va="center",
                               fontsize=8) for b in self.bars]
        for a in (ax, bx):
            a.spines[["top", "right"]].set_visible(False)
        self.figure, self.ax, self.bx = fig, ax, bx
        self.drawn = InPlaceFigure(fig, [self.points, *self.bars, *self.counts],
                                   in_place=in_place)

    def show(self, labels: np.ndarray, sizes: list[int]) -> bytes:
        colours = np.array(CLUSTER_COLORS)[labels - 1]
        self.points.set_facecolors(colours)
        for i, (bar, text) in enumerate(zip(self.bars, self.counts, strict=True)):
            size = sizes[i] if i < len(sizes) else 0
            bar.set_width(size)
            bar.set_visible(i < len(sizes))
            text.set_x(size)
            text.set_text(f" {size:,}" if i < len(sizes) else "")
        return self.drawn.png()


class SegmentExplorer(widgets.VBox):
    """Segment real customers with k-means; see sizes, profiles, silhouette and stability.

    Build it with :func:`segment_explorer`. Each combination of controls is
    clustered once (five k-means starts) and cached; the default features are
    clustered for every k when the widget is built, so moving ``k`` is instant.

    Attributes
    ----------
    k : ipywidgets.IntSlider
        Number of clusters, 2 to 8.
    features : ipywidgets.SelectMultiple
        The features k-means sees.
    scale : ipywidgets.Checkbox
        Standardise the features (z-scores) before clustering.
    log_scale : ipywidgets.Checkbox
        Take ``log1p`` of the counts and money before clustering (and on the plot).
    x_feature, y_feature : ipywidgets.Dropdown
        The two features on the scatter plot.
    prompt, table, quality : ipywidgets.HTML
        The *try this* question; the profile table; silhouette and stability.
    plot : ipywidgets.Output
        The scatter and the bars (one PNG).
    result : KMeansResult or None
        The last clustering.
    profile : pandas.DataFrame
        The last profile (:func:`~course.sims.stp.segment_profile` on the
        untransformed features), indexed 1 to k.
    """

    def __init__(self, features: pd.DataFrame, lang: str | None = None):
        self.lang = lang = resolve_lang(lang)
        missing = [c for c in SEGMENT_FEATURES if c not in features.columns]
        if missing:
            raise KeyError(f"features lack {missing}: build them with "
                           "course.sims.stp.customer_features(transactions)")
        self.data = features
        self._cache: dict[tuple, tuple] = {}
        self._charts: dict[tuple, _SegmentChart] = {}
        self._in_place = True  # False: a new figure every update (the benchmark's baseline)
        self.result = None
        self.profile = pd.DataFrame()
        self.figure = self.png = None
        options = [(t(f"ch02_feat_{c}", lang), c) for c in SEGMENT_FEATURES]
        self.k = widgets.IntSlider(value=4, min=K_RANGE[0], max=K_RANGE[1],
                                   description=t("ch02_k", lang), continuous_update=False,
                                   style=_STYLE)
        self.features = widgets.SelectMultiple(options=options, value=DEFAULT_FEATURES,
                                               rows=len(options),
                                               description=t("ch02_features", lang),
                                               style=_STYLE)
        self.scale = widgets.Checkbox(value=True, description=t("ch02_scale", lang),
                                      indent=False)
        self.log_scale = widgets.Checkbox(value=True, description=t("ch02_log", lang), indent=False)
        self.x_feature = widgets.Dropdown(options=options, value="recency",
                                          description=t("ch02_x_feature", lang), style=_STYLE)
        self.y_feature = widgets.Dropdown(options=options, value="monetary",
                                          description=t("ch02_y_feature", lang), style=_STYLE)
        self.prompt = widgets.HTML(try_this_html("ch02_segment_try_this", lang))
        self.quality = widgets.HTML()
        self.table = widgets.HTML(layout=widgets.Layout(margin="0 0 0 16px"))
        self.plot = widgets.Output()
        controls = widgets.VBox([self.k, self.features, self.scale, self.log_scale, self.x_feature,
                                 self.y_feature])
        super().__init__(children=[widgets.HBox([controls, self.table]), self.quality,
                                   self.prompt, self.plot])
        self.add_class("crm-segment-explorer")
        setup_matplotlib(warn=True)
        for k in range(K_RANGE[0], K_RANGE[1] + 1):  # the default features, every k
            self._cluster(k, DEFAULT_FEATURES, True, True)
        for control in (self.k, self.features, self.scale, self.log_scale, self.x_feature,
                        self.y_feature):
            control.observe(self._on_change, names="value")
        self.update()

    def _on_change(self, change) -> None:
        self.update()

    def _cluster(self, k: int, columns: tuple, log: bool, scale: bool):
        key = (k, tuple(columns), log, scale)
        if key not in self._cache:
            matrix = prepare_features(self.data, columns, log=log, scale=scale)
            result = kmeans_segments(matrix, k)
            profile = segment_profile(self.data[list(SEGMENT_FEATURES)], result.labels)
            self._cache[key] = (result, profile)
        return self._cache[key]

    def _chart(self, xf: str, yf: str, log: bool) -> _SegmentChart:
        key = (xf, yf, log)
        if key not in self._charts or not self._in_place:
            shown = prepare_features(self.data, [xf, yf] if xf != yf else [xf], log=log,
                                     scale=False)
            x = shown[xf].to_numpy()
            y = shown[yf].to_numpy()
            self._charts[key] = _SegmentChart(x, y, feature_label(xf, self.lang, log),
                                              feature_label(yf, self.lang, log), self.lang,
                                              in_place=self._in_place)
        return self._charts[key]

    def update(self) -> None:
        """Cluster with the current controls (or take the cached result); redraw.

        Examples
        --------
        >>> from course import load_dataset
        >>> from course.sims.stp import customer_features
        >>> w = segment_explorer(customer_features(load_dataset("retail_small")), lang="en")
        >>> len(w.profile), int(w.profile["customers"].sum())
        (4, 200)
        >>> w.k.value = 3
        >>> len(w.profile)
        3
        >>> w.features.value = ()
        >>> "at least one feature" in w.table.value
        True
        """
        lang = self.lang
        columns = tuple(self.features.value)
        if not columns:
            self.result, self.profile = None, pd.DataFrame()
            self.table.value = note_html(t("ch02_no_features", lang), "warning", _NOTE_WIDTH)
            self.quality.value = ""
            return
        k, log, scale = int(self.k.value), bool(self.log_scale.value), bool(self.scale.value)
        self.result, self.profile = self._cluster(k, columns, log, scale)
        notes = "" if scale else note_html(t("ch02_unscaled_note", lang), "warning",
                                              _NOTE_WIDTH)
        header = [t("ch02_cluster", lang), t("customers", lang), t("ch02_share", lang)] + [
            t(f"ch02_feat_{c}", lang) for c in SEGMENT_FEATURES]
        rows = []
        for label, row in self.profile.iterrows():
            values = [t("ch02_cluster_n", lang, n=int(label)), f"{int(row['customers']):,}",
                      f"{row['share']:.1%}"]
            for c in SEGMENT_FEATURES:
                values.append(f"{row[c]:.0%}" if c == "domestic" else f"{row[c]:,.1f}")
            rows.append(values)
        self.table.value = table_html(header, rows, t("ch02_profile_title", lang), notes,
                                      _PADDING)
        self.quality.value = html.escape(t("ch02_quality", lang, sil=self.result.silhouette,
                                           stab=self.result.stability))
        chart = self._chart(self.x_feature.value, self.y_feature.value, log)
        self.png = chart.show(self.result.labels.to_numpy(),
                              self.profile["customers"].astype(int).tolist())
        self.figure = chart.figure
        self.plot.outputs = png_output(self.png, t("ch02_scatter_title", lang))


def segment_explorer(features: pd.DataFrame, lang: str | None = None) -> SegmentExplorer:
    """k-means segmentation of customers with k, features and standardisation as controls.

    Parameters
    ----------
    features : pandas.DataFrame
        :func:`course.sims.stp.customer_features` of the transactions.
    lang : {"en", "zh"}, optional
        Language of labels and plots; default the course language.

    Returns
    -------
    SegmentExplorer

    Examples
    --------
    >>> from course import load_dataset
    >>> from course.sims.stp import customer_features
    >>> w = segment_explorer(customer_features(load_dataset("retail_small")), lang="zh")
    >>> "聚类客群" in w.table.value, "轮廓系数" in w.quality.value
    (True, True)
    """
    return SegmentExplorer(features, lang=lang)


# ----------------------------------------------------------------------------------------
# attractiveness


class AttractivenessScorer(widgets.VBox):
    """Weighted attractiveness of candidate segments with one weight slider per criterion.

    Attributes
    ----------
    weights : dict of str to ipywidgets.FloatSlider
        One slider (0 to 5) per criterion of :data:`~course.sims.stp.CRITERIA`.
    prompt, table : ipywidgets.HTML
        The *try this* question; ratings, scores and ranks (ties stated).
    plot : ipywidgets.Output
        Bars of the scores, the leader highlighted.
    scores : pandas.DataFrame
        The last :func:`~course.sims.stp.attractiveness` result (empty when all
        weights are 0).
    """

    DEFAULT_WEIGHTS = {"size": 1.0, "growth": 1.0, "margin": 1.0, "competition": 1.0,
                       "fit": 1.0}

    def __init__(self, ratings: pd.DataFrame | None = None, lang: str | None = None):
        self.lang = lang = resolve_lang(lang)
        self.ratings = candidate_segments() if ratings is None else ratings
        self.scores = pd.DataFrame()
        self._in_place = True
        self._chart = None
        self.figure = self.png = None
        self.weights = {
            c: widgets.FloatSlider(value=self.DEFAULT_WEIGHTS.get(c, 1.0), min=0.0, max=5.0,
                                   step=0.5, readout_format=".1f",
                                   description=t("ch02_weight_of", lang,
                                                 name=t(f"ch02_criterion_{c}", lang)),
                                   continuous_update=False, style=_STYLE)
            for c in CRITERIA}
        self.prompt = widgets.HTML(try_this_html("ch02_attr_try_this", lang))
        self.table = widgets.HTML(layout=widgets.Layout(margin="0 0 0 16px"))
        self.plot = widgets.Output()
        super().__init__(children=[widgets.HBox([widgets.VBox(list(self.weights.values())),
                                                 self.table]), self.prompt, self.plot])
        self.add_class("crm-attractiveness")
        setup_matplotlib(warn=True)
        for slider in self.weights.values():
            slider.observe(self._on_change, names="value")
        self.update()

    def _on_change(self, change) -> None:
        self.update()

    def _name(self, key: str) -> str:
        try:
            return t(f"ch02_seg_{key}", self.lang)
        except KeyError:
            return str(key)

    def _build_chart(self):
        lang = self.lang
        names = [self._name(s) for s in self.ratings.index]
        fig = Figure(figsize=(7.0, 0.5 * len(names) + 1.4), dpi=_DPI, layout="constrained")
        ax = fig.add_subplot()
        rows = np.arange(len(names))[::-1]
        bars = ax.barh(rows, np.zeros(len(names)), color="#9aaec8")
        texts = [ax.text(0, r, "", va="center", fontsize=9) for r in rows]
        ax.set_yticks(list(rows), names)
        ax.set_xlim(0, 11)
        ax.set_xlabel(t("ch02_score", lang))
        ax.set_title(t("ch02_attr_title", lang), fontsize=10)
        ax.spines[["top", "right"]].set_visible(False)
        drawn = InPlaceFigure(fig, [*bars, *texts], in_place=self._in_place)
        return fig, bars, texts, drawn

    def update(self) -> None:
        """Score and rank with the current weights; update the table and bars.

        Examples
        --------
        >>> w = attractiveness_scorer(lang="en")
        >>> for s in w.weights.values():
        ...     s.value = 0.0
        >>> w.scores.empty, "All weights are 0" in w.table.value
        (True, True)
        """
        lang = self.lang
        weights = {c: float(s.value) for c, s in self.weights.items()}
        if sum(weights.values()) == 0:
            self.scores = pd.DataFrame()
            self.table.value = note_html(t("ch02_weights_zero", lang), "warning", _NOTE_WIDTH)
            return
        self.scores = attractiveness(self.ratings, weights)
        rank = self.scores["rank"]
        notes = []
        for r in sorted(set(rank[rank.duplicated(keep=False)])):
            tied = [self._name(s) for s in self.scores.index[rank == r]]
            notes.append(note_html(t("ch02_tie_note", lang, names="、".join(tied)
                                     if lang == "zh" else ", ".join(tied), rank=int(r)),
                                   width=_NOTE_WIDTH))
        header = [t("ch02_candidate", lang)] + [t(f"ch02_criterion_{c}", lang)
                                                for c in CRITERIA] + [
            t("ch02_score", lang), t("ch02_rank", lang)]
        rows = [[self._name(s)] + [f"{self.ratings.at[s, c]:g}" for c in CRITERIA]
                + [f"{self.scores.at[s, 'score']:.2f}", str(int(self.scores.at[s, 'rank']))]
                for s in self.scores.index]
        self.table.value = table_html(header, rows, t("ch02_attr_title", lang),
                                      "".join(notes), _PADDING)
        if self._chart is None or not self._in_place:
            self._chart = self._build_chart()
        fig, bars, texts, drawn = self._chart
        for seg, bar, text in zip(self.ratings.index, bars, texts, strict=True):
            score, r = float(self.scores.at[seg, "score"]), int(self.scores.at[seg, "rank"])
            bar.set_width(score)
            bar.set_color("#dd8452" if r == 1 else "#9aaec8")
            text.set_x(score)
            text.set_text(f" {score:.2f} (#{r})")
        self.png = drawn.png()
        self.figure = fig
        self.plot.outputs = png_output(self.png, t("ch02_attr_title", lang))


def attractiveness_scorer(ratings: pd.DataFrame | None = None,
                          lang: str | None = None) -> AttractivenessScorer:
    """Weight sliders over candidate segments' ratings; the ranking follows.

    Parameters
    ----------
    ratings : pandas.DataFrame, optional
        Segments x criteria (default :func:`course.sims.stp.candidate_segments`).
    lang : {"en", "zh"}, optional

    Returns
    -------
    AttractivenessScorer

    Examples
    --------
    >>> w = attractiveness_scorer(lang="zh")
    >>> "候选细分市场" in w.table.value
    True
    """
    return AttractivenessScorer(ratings, lang=lang)


# ----------------------------------------------------------------------------------------
# perceptual map


class PerceptualMap(widgets.VBox):
    """Brands on two attributes; move a new brand and watch its nearest competitor.

    Attributes
    ----------
    x_attr, y_attr : ipywidgets.Dropdown
        The attributes on the axes.
    new_x, new_y : ipywidgets.FloatSlider
        The new brand's position (1 to 10).
    prompt, table, verdict : ipywidgets.HTML
        The *try this* question; every brand's nearest competitor; the new brand's.
    plot : ipywidgets.Output
        The map with the new brand, a line to its nearest competitor and the gaps.
    nearest : pandas.DataFrame
        :func:`~course.sims.stp.nearest_competitor` of the brands and the new one.
    gaps : pandas.DataFrame
        :func:`~course.sims.stp.map_gaps` of the existing brands.
    """

    def __init__(self, brands: pd.DataFrame | None = None, lang: str | None = None):
        self.lang = lang = resolve_lang(lang)
        self.brands = car_brands() if brands is None else brands
        self.nearest = pd.DataFrame()
        self.gaps = pd.DataFrame()
        self._in_place = True
        self._charts: dict[tuple, tuple] = {}
        self._gap_cache: dict[tuple, pd.DataFrame] = {}
        self.figure = self.png = None
        options = [(t(f"ch02_attr_{a}", lang), a) for a in self.brands.columns
                   if f"ch02_attr_{a}" in _known()] or list(self.brands.columns)
        self.x_attr = widgets.Dropdown(options=options, value=self.brands.columns[0],
                                       description=t("ch02_x_feature", lang), style=_STYLE)
        self.y_attr = widgets.Dropdown(options=options, value=self.brands.columns[-1],
                                       description=t("ch02_y_feature", lang), style=_STYLE)
        self.new_x = widgets.FloatSlider(value=5.0, min=1.0, max=10.0, step=0.5,
                                         description=t("ch02_new_x", lang),
                                         continuous_update=False, style=_STYLE)
        self.new_y = widgets.FloatSlider(value=5.0, min=1.0, max=10.0, step=0.5,
                                         description=t("ch02_new_y", lang),
                                         continuous_update=False, style=_STYLE)
        self.prompt = widgets.HTML(try_this_html("ch02_map_try_this", lang))
        self.verdict = widgets.HTML()
        self.table = widgets.HTML(layout=widgets.Layout(margin="0 0 0 16px"))
        self.plot = widgets.Output()
        controls = widgets.VBox([self.x_attr, self.y_attr, self.new_x, self.new_y])
        super().__init__(children=[widgets.HBox([controls, self.table]), self.verdict,
                                   self.prompt, self.plot])
        self.add_class("crm-perceptual-map")
        setup_matplotlib(warn=True)
        for control in (self.x_attr, self.y_attr, self.new_x, self.new_y):
            control.observe(self._on_change, names="value")
        self.update()

    def _on_change(self, change) -> None:
        self.update()

    def _build(self, xa: str, ya: str, gaps: pd.DataFrame):
        lang = self.lang
        fig = Figure(figsize=(6.4, 5.0), dpi=_DPI, layout="constrained")
        ax = fig.add_subplot()
        xs, ys = self.brands[xa].to_numpy(float), self.brands[ya].to_numpy(float)
        ax.scatter(xs, ys, s=60, color="#4c72b0", zorder=3)
        for b, x, y in zip(self.brands.index, xs, ys, strict=True):
            ax.annotate(brand_label(b, lang), (x, y), xytext=(5, 5), textcoords="offset points",
                        fontsize=9)
        ax.scatter(gaps[xa], gaps[ya], s=260, facecolors="none", edgecolors="#55a868",
                   linestyles="--", label=t("ch02_gap", lang))
        (link,) = ax.plot([5, 5], [5, 5], color="#c44e52", lw=1.2, ls=":", zorder=2)
        (star,) = ax.plot([5], [5], marker="*", ms=16, color="#c44e52", ls="none",
                          label=brand_label(NEW_BRAND, lang), zorder=4)
        ax.set_xlim(0.5, 10.5)
        ax.set_ylim(0.5, 10.5)
        ax.set_xlabel(t(f"ch02_attr_{xa}", lang))
        ax.set_ylabel(t(f"ch02_attr_{ya}", lang))
        ax.set_title(t("ch02_map_title", lang), fontsize=10)
        ax.legend(loc="lower right", frameon=False, fontsize=9)
        ax.grid(alpha=0.3)
        drawn = InPlaceFigure(fig, [link, star], in_place=self._in_place)
        return fig, link, star, drawn

    def update(self) -> None:
        """Place the new brand, find nearest competitors and gaps; redraw the map.

        Examples
        --------
        >>> w = perceptual_map(lang="en")
        >>> w.new_x.value, w.new_y.value = 9.5, 8.0   # prestige 9.5, safety 8
        >>> w.nearest.loc["new", "nearest"]
        'Mercedes-Benz'
        """
        lang = self.lang
        xa, ya = self.x_attr.value, self.y_attr.value
        if xa == ya:
            self.nearest = pd.DataFrame()
            self.verdict.value = note_html(t("ch02_same_axes", lang), "warning", _NOTE_WIDTH)
            return
        base = self.brands[[xa, ya]]
        key = (xa, ya)
        if key not in self._gap_cache:
            self._gap_cache[key] = map_gaps(base)
        self.gaps = self._gap_cache[key]
        point = (float(self.new_x.value), float(self.new_y.value))
        self.nearest = nearest_competitor(place_brand(base, NEW_BRAND, point))
        mine = self.nearest.loc[NEW_BRAND]
        names = [brand_label(b, lang) for b in str(mine["nearest"]).split(", ")]
        sep = "、" if lang == "zh" else ", "
        self.verdict.value = f"<b>{html.escape(t('ch02_new_nearest', lang, names=sep.join(names), d=float(mine['distance'])))}</b>"  # noqa: E501
        rows = [[brand_label(b, lang), sep.join(brand_label(n, lang)
                                                for n in str(r["nearest"]).split(", ")),
                 f"{float(r['distance']):.2f}"] for b, r in self.nearest.iterrows()]
        self.table.value = table_html(
            [t("ch02_brand", lang), t("ch02_nearest", lang), t("ch02_distance", lang)], rows,
            t("ch02_nearest", lang), padding=_PADDING)
        if key not in self._charts or not self._in_place:
            self._charts[key] = self._build(xa, ya, self.gaps)
        fig, link, star, drawn = self._charts[key]
        first = str(mine["nearest"]).split(", ")[0]
        target = base.loc[first] if first in base.index else pd.Series(point, index=[xa, ya])
        star.set_data([point[0]], [point[1]])
        link.set_data([point[0], float(target[xa])], [point[1], float(target[ya])])
        self.png = drawn.png()
        self.figure = fig
        self.plot.outputs = png_output(self.png, t("ch02_map_title", lang))


def _known() -> set[str]:
    from course.i18n import STRINGS

    return set(STRINGS)


def perceptual_map(brands: pd.DataFrame | None = None,
                   lang: str | None = None) -> PerceptualMap:
    """A perceptual map of brands with a new brand to move.

    Parameters
    ----------
    brands : pandas.DataFrame, optional
        Brands x attributes (default :func:`course.sims.stp.car_brands`).
    lang : {"en", "zh"}, optional

    Returns
    -------
    PerceptualMap

    Examples
    --------
    >>> w = perceptual_map(lang="zh")
    >>> "最近的竞争者" in w.verdict.value
    True
    """
    return PerceptualMap(brands, lang=lang)
