"""Chapter 3 lectures hold what the chapter standard asks, in both languages (no kernel)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from tests.test_lectures import REQUIRED, check_yourself_blocks

ROOT = Path(__file__).resolve().parents[1]
LECTURES = {lang: ROOT / "notebooks" / lang / "ch03_aidma.ipynb" for lang in ("en", "zh")}


def _prose(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def _code(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_required_sections_and_check_yourself_blocks(lang):
    prose = _prose(LECTURES[lang])
    missing = [name for name, text in REQUIRED[lang].items() if text not in prose]
    assert not missing, f"{lang} chapter 3 lecture lacks: {missing}"
    blocks = check_yourself_blocks(prose, REQUIRED[lang]["check yourself"])
    assert len(blocks) >= 8
    for k, block in enumerate(blocks, start=1):
        questions = len(re.findall(r"^\d+\. ", block, flags=re.M))
        answers = len(re.findall(r"<details><summary>[^<]+</summary>.+?</details>", block,
                                 flags=re.S))
        assert questions >= 2 and answers == questions, (lang, k, questions, answers)
    for task in (f"ch03_q{k}" for k in range(1, 8)):
        assert task in prose, f"{lang}: the practice table does not list {task}"
    for ref in ("Hall, S. R.", "Strong, E. K.", "Lavidge", "Sugiyama", "Kotler"):
        assert ref in prose, (lang, ref)


@pytest.mark.parametrize("lang, words", [
    ("en", ["Interesting", "Matter", "Act", "知晓", "Memory", "Attention"]),
    ("zh", ["Interesting", "Matter", "内容", "知晓", "记忆", "注意"]),
])
def test_the_seeds_stage_names_are_corrected(lang, words):
    prose = _prose(LECTURES[lang])
    for word in words:
        assert word in prose, (lang, word)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_cases_and_simulation_are_there(lang):
    prose, code = _prose(LECTURES[lang]), _code(LECTURES[lang])
    assert "1984" in prose and ("live stream" in prose or "直播" in prose)
    assert "funnel_explorer()" in code
    assert ("Try this" in prose) if lang == "en" else ("动手试一试" in prose)
    for name in ("stage_counts", "furthest_stage", "channel_funnel", "bottleneck",
                 "cost_per_action"):
        assert name in code


@pytest.mark.parametrize("lang, words", [
    ("en", ["Dentsu", "in 2004", "trademark", "2005", "assumptions built into the model",
            "24 January", "sledgehammer"]),
    ("zh", ["电通", "2004 年", "2005 年", "商标", "模型内置的两个假设", "1 月 24 日"]),
])
def test_case_facts_and_the_models_assumption_are_stated(lang, words):
    prose = _prose(LECTURES[lang])
    missing = [word for word in words if word not in prose]
    assert not missing, (lang, missing)


@pytest.mark.parametrize("lang, word", [("en", "assumption"), ("zh", "假设")])
def test_the_widget_says_the_aisas_advantage_is_assumed(lang, word):
    from course.i18n import t

    assert word in t("ch03_compare_note", lang, aidma=1, aisas=2, earned=0)
