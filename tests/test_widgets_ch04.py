"""The chapter 4 needs pyramid: every control drives the model, the table and the figure."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

from course.sims.needs import LEVELS, appeal_reach, level_summary
from course.synthetic.needs import make_survey, survey_from_rows
from course.widgets.needs import APPEALS, NeedsPyramid, needs_pyramid

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def survey():
    return make_survey(600, seed="ch04-lecture")


def test_api_and_defaults(survey):
    w = needs_pyramid(survey, lang="en")
    assert isinstance(w, NeedsPyramid)
    assert w.threshold.value == 5 and w.group.value == "all"
    assert set(w.appeals) == set(APPEALS) and all(d.value is None for d in w.appeals.values())
    assert set(w.controls) == {"threshold", "group", *(f"appeal_{k}" for k in APPEALS)}
    assert w.summary.equals(level_summary(survey, 5))
    assert w.reach.empty and w.png.startswith(b"\x89PNG")
    assert "Try this" in w.prompt.value
    assert w.plot.outputs[0]["data"]["image/png"]


def test_threshold_changes_summary_table_and_figure(survey):
    w = needs_pyramid(survey, lang="en", placed={"insurance": "safety"})
    figure, png, table = w.figure, w.png, w.table.value
    w.threshold.value = 6
    assert w.summary.equals(level_summary(survey, 6))
    assert w.figure is figure and w.png != png and w.table.value != table
    assert "met at a score of 6 or more" in w.table.value
    # a stricter line: more people stuck at the bottom
    assert w.summary.loc["physiological", "dominant"] > level_summary(survey, 5).loc[
        "physiological", "dominant"]
    widths = [bar.get_width() for bar in w._chart.bars]
    assert widths == pytest.approx(w.summary.loc[list(LEVELS), "dominant_share"].tolist())


def test_group_restricts_to_a_segment(survey):
    w = needs_pyramid(survey, lang="en")
    png = w.png
    w.group.value = "low_income"
    low = survey[survey["segment"] == "low_income"]
    assert w.summary.equals(level_summary(low, 5))
    assert f"Low income, n = {len(low)}" in w.table.value and w.png != png


def test_placing_an_appeal_reaches_its_level(survey):
    w = needs_pyramid(survey, lang="en")
    png = w.png
    w.appeals["club"].value = "belonging"
    w.appeals["course"].value = "self_actualisation"
    expected = appeal_reach(survey, {"club": "belonging", "course": "self_actualisation"})
    assert w.reach.equals(expected) and w.png != png
    bar = w._chart.bars[LEVELS.index("belonging")]
    assert bar.get_facecolor() != w._chart.bars[0].get_facecolor()
    total = int(expected["customers"].sum())
    assert "<td style=\"padding:2px 10px;text-align:right;border-top" in w.table.value
    assert f">{total:,}<" in w.table.value
    w.appeals["club"].value = None
    assert w.reach.index.tolist() == ["course"]


def test_two_appeals_on_one_level_are_not_counted_twice(survey):
    w = needs_pyramid(survey, lang="en", placed={"insurance": "safety", "meal": "safety"})
    safety = int(level_summary(survey, 5).loc["safety", "dominant"])
    assert w.reach["customers"].tolist() == [safety, safety]
    assert f">{safety:,}<" in w.table.value.split("Reached by at least one appeal")[1]


def test_every_control_changes_the_picture(survey):
    w = needs_pyramid(survey, lang="en")
    free_levels = iter(LEVELS)  # each appeal on a level no other appeal is on yet
    for name, control in w.controls.items():
        before = w.png
        if name.startswith("appeal_"):
            control.value = next(free_levels)
        elif name == "group":
            control.value = "high_income"
        else:
            control.value = 6
        assert w.png != before, name


def test_chinese_labels(survey):
    w = needs_pyramid(survey, lang="zh", placed={"black_card": "esteem"})
    assert "全部受访者，n = 600" in w.table.value and "尊重需求" in w.table.value
    assert "黑卡" in w.table.value and "动手试一试" in w.prompt.value
    assert [label for label, _ in w.group.options] == ["全部受访者", "高收入群体",
                                                        "低收入群体", "中等收入群体"]
    labels = [tick.get_text() for tick in w._chart.figure.axes[0].get_yticklabels()]
    assert labels == ["生理需求", "安全需求", "社交需求（爱与归属）", "尊重需求", "自我实现需求"]


def test_empty_group_and_bad_input():
    survey = survey_from_rows([("a", "low_income", 6, 6, 6, 6, 6)])
    w = needs_pyramid(survey, lang="en")
    assert w.summary.loc["all_met", "dominant"] == 1
    with pytest.raises(TypeError, match="DataFrame"):
        needs_pyramid([1, 2])
    with pytest.raises(ValueError, match="appeals"):
        needs_pyramid(survey, placed={"yacht": "esteem"})
    empty = needs_pyramid(survey_from_rows([]), lang="en")
    assert "No respondents" in empty.table.value and empty.png is None


def test_no_pyplot_figures_leak(survey):
    before = len(plt.get_fignums())
    w = needs_pyramid(survey, lang="en")
    w.threshold.value = 4
    assert len(plt.get_fignums()) == before


def test_benchmark_quick_run_names_every_control():
    out = subprocess.run([sys.executable, "benchmarks/bench_widgets_ch04.py", "--quick",
                          "--no-save", "--lang", "en"], cwd=ROOT, capture_output=True,
                         text=True, timeout=300, check=True)
    for control in ["threshold", "group", *(f"appeal_{k}" for k in APPEALS)]:
        assert f"en    {control} " in out.stdout, control
    assert "ratio full redraw / in place" in out.stdout
