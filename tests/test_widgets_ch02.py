"""Chapter 2 widgets: every control changes what is shown; Chinese labels; the benchmark."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from course import load_dataset
from course.sims import stp
from course.widgets.stp import (
    attractiveness_scorer,
    brand_label,
    perceptual_map,
    segment_explorer,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def features():
    return stp.customer_features(load_dataset("retail_small"))


@pytest.fixture(scope="module")
def explorer(features):
    return segment_explorer(features, lang="en")


def test_explorer_starts_with_four_clusters_covering_everyone(explorer, features):
    assert len(explorer.profile) == 4
    assert int(explorer.profile["customers"].sum()) == len(features)
    assert explorer.png.startswith(b"\x89PNG") and "Silhouette" in explorer.quality.value


@pytest.mark.parametrize("control, value", [
    ("k", 6), ("features", ("recency", "monetary")), ("scale", False), ("log_scale", False),
])
def test_each_clustering_control_changes_the_clusters(features, control, value):
    w = segment_explorer(features, lang="en")
    before_profile, before_png, figure = w.profile.copy(), w.png, w.figure
    getattr(w, control).value = value
    assert not w.profile.equals(before_profile)
    assert w.png != before_png
    # the same figure, updated in place, unless the plotted values change (log scale)
    assert (w.figure is figure) == (control != "log_scale")


@pytest.mark.parametrize("control, value", [("x_feature", "basket"), ("y_feature", "products")])
def test_axis_controls_change_the_plot_not_the_clusters(features, control, value):
    w = segment_explorer(features, lang="en")
    before_profile, before_png = w.profile.copy(), w.png
    getattr(w, control).value = value
    assert w.profile.equals(before_profile)
    assert w.png != before_png


def test_unscaled_clusters_warn_and_no_features_say_so(features):
    w = segment_explorer(features, lang="en")
    w.scale.value = False
    assert "Not standardised" in w.table.value
    w.features.value = ()
    assert "at least one feature" in w.table.value and w.result is None


def test_clustering_is_cached(explorer):
    explorer.k.value = 3
    first = explorer.result
    explorer.k.value = 5
    explorer.k.value = 3
    assert explorer.result is first


def test_explorer_profile_is_the_model_s(features):
    w = segment_explorer(features, lang="en")
    w.k.value = 3
    res = stp.kmeans_segments(stp.prepare_features(features, w.features.value), 3)
    pd.testing.assert_series_equal(w.result.labels, res.labels)
    pd.testing.assert_frame_equal(w.profile, stp.segment_profile(
        features[list(stp.SEGMENT_FEATURES)], res.labels))


def test_explorer_in_chinese(features):
    w = segment_explorer(features, lang="zh")
    for text in ("聚类客群", "客群 1", "消费金额（英镑）", "动手试一试"):
        assert text in w.table.value + w.prompt.value, text
    assert "轮廓系数" in w.quality.value
    labels = [t.get_text() for t in w.figure.axes[1].get_yticklabels()]
    assert {"客群 1", "客群 8"} <= set(labels)
    assert w.figure.axes[0].get_xlabel() == "log(1 + 最近一次消费（天）)"


@pytest.mark.parametrize("criterion", stp.CRITERIA)
def test_each_weight_slider_changes_the_scores(criterion):
    w = attractiveness_scorer(lang="en")
    before, png = w.scores.copy(), w.png
    w.weights[criterion].value = 4.0
    assert not w.scores["score"].equals(before["score"])
    assert w.png != png


def test_scores_are_the_model_s_and_ties_are_stated():
    w = attractiveness_scorer(lang="en")
    expected = stp.attractiveness(stp.candidate_segments(), {c: 1.0 for c in stp.CRITERIA})
    pd.testing.assert_frame_equal(w.scores, expected)
    assert "Tie: UK gift shops, Large wholesalers share rank 2." in w.table.value
    w.weights["margin"].value = 5.0
    assert w.scores.index[0] == "wholesalers" and "Tie" not in w.table.value
    for slider in w.weights.values():
        slider.value = 0.0
    assert w.scores.empty and "All weights are 0" in w.table.value


def test_scorer_in_chinese():
    w = attractiveness_scorer(lang="zh")
    assert "并列：英国礼品店、大型批发商同为第 2 名。" in w.table.value
    assert "利润率" in w.table.value and "动手试一试" in w.prompt.value


def test_moving_the_new_brand_changes_its_nearest_competitor():
    w = perceptual_map(lang="en")  # prestige across, safety up
    seen = set()
    for x, y in [(9.5, 8.0), (4.0, 6.5), (6.5, 9.5), (8.0, 7.0)]:
        png = w.png
        w.new_x.value, w.new_y.value = x, y
        assert w.png != png
        seen.add(w.nearest.loc["new", "nearest"])
    assert {"Mercedes-Benz", "BYD", "Volvo"} <= seen
    expected = stp.nearest_competitor(stp.place_brand(
        stp.car_brands()[["prestige", "safety"]], "new", (8.0, 7.0)))
    pd.testing.assert_frame_equal(w.nearest, expected)


@pytest.mark.parametrize("control, value", [("x_attr", "economy"), ("y_attr", "handling")])
def test_changing_an_axis_redraws_the_map_and_the_gaps(control, value):
    w = perceptual_map(lang="en")
    gaps, png = w.gaps.copy(), w.png
    getattr(w, control).value = value
    assert w.png != png and not w.gaps.equals(gaps)


def test_same_attribute_on_both_axes_is_refused_and_ties_are_named():
    w = perceptual_map(lang="en")
    w.y_attr.value = "prestige"
    assert "two different attributes" in w.verdict.value
    w.y_attr.value = "safety"
    # (9, 7.5) is sqrt(0.5) from Mercedes-Benz (9.5, 8) and from BMW (8.5, 7)
    w.new_x.value, w.new_y.value = 9.0, 7.5
    assert w.nearest.loc["new", "nearest"] == "BMW, Mercedes-Benz"
    assert "BMW, Mercedes-Benz (distance 0.71)" in w.verdict.value


def test_map_in_chinese():
    w = perceptual_map(lang="zh")
    assert "最近的竞争者" in w.verdict.value and "沃尔沃" in w.table.value
    assert w.figure.axes[0].get_xlabel() == "尊贵" and brand_label("BYD", "zh") == "比亚迪"


def test_benchmark_runs_and_names_every_control():
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_widgets_ch02.py"),
                          "--quick", "--no-save", "--lang", "en"],
                         capture_output=True, text=True, cwd=ROOT, timeout=600, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    for control in ("k", "features", "scale", "log_scale", "x_feature", "y_feature", "w_size",
                    "w_growth", "w_margin", "w_competition", "w_fit", "x_attr", "y_attr",
                    "new_x", "new_y"):
        assert f" {control} " in run.stdout, control
    assert "ratio full redraw / in place" in run.stdout and "k-means" in run.stdout


def _chart_points(w):
    """Each cluster's plotted points (x, y rows, sorted) from the chart's collections."""
    chart = w._charts[(w.x_feature.value, w.y_feature.value, bool(w.log_scale.value))]
    return [_rows_sorted(np.asarray(g.get_offsets(), dtype=float)) for g in chart.groups]


def _rows_sorted(xy):
    return xy[np.lexsort((xy[:, 1], xy[:, 0]))]


def test_each_cluster_s_points_are_its_customers(features):
    w = segment_explorer(features, lang="en")
    for move in [("k", 6), ("x_feature", "basket"), ("k", 2), ("log_scale", False)]:
        getattr(w, move[0]).value = move[1]
        shown = stp.prepare_features(features, [w.x_feature.value, w.y_feature.value],
                                     log=w.log_scale.value, scale=False)
        xy = shown[[w.x_feature.value, w.y_feature.value]].to_numpy()
        points = _chart_points(w)
        for i, got in enumerate(points):
            mine = xy[(w.result.labels == i + 1).to_numpy()]
            expected = _rows_sorted(mine.astype(float))
            assert np.array_equal(got, expected), (move, i)
        assert sum(len(p) for p in points) == len(features)


def test_a_setting_looks_the_same_however_it_was_reached(features):
    wandered = segment_explorer(features, lang="en")
    for k in (6, 2, 8):
        wandered.k.value = k
    wandered.scale.value = False
    wandered.scale.value = True
    wandered.k.value = 3
    fresh = segment_explorer(features, lang="en")
    fresh.k.value = 3
    assert wandered.png == fresh.png
    assert wandered.table.value == fresh.table.value
    assert wandered.quality.value == fresh.quality.value
    pd.testing.assert_frame_equal(wandered.profile, fresh.profile)
