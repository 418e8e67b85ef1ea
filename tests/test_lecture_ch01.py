"""Chapter 1 lecture: required sections, twin check-yourself blocks, claims that hold.

The generic checks (twins, stored clean, prose language, execution) are in
``test_lectures.py``; these are about what this chapter's text says.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from test_lectures import _output_texts, check_yourself_blocks, executed, latin_words

from autograder.reference import ch01 as ref
from course.sims import concepts as sims

ROOT = Path(__file__).resolve().parents[1]
LECTURE = {lang: ROOT / "notebooks" / lang / "ch01_concepts.ipynb" for lang in ("en", "zh")}

REQUIRED = {
    "en": {"objectives": "Learning objectives", "check yourself": "Check yourself",
           "walk-through": "How it is computed", "summary": "## 10. Summary",
           "glossary": "## 11. Glossary", "discussion": "## 12. Discussion questions",
           "references": "## 13. References", "try this": "*Try this",
           "seven differences": "Seven differences", "seed correction": "Wang Xiao",
           "competitors": "competitors", "buying centre": "buying centre"},
    "zh": {"objectives": "学习目标", "check yourself": "自我检测", "walk-through": "计算过程",
           "summary": "## 10. 小结", "glossary": "中英术语对照", "discussion": "## 12. 讨论题",
           "references": "## 13. 参考文献", "try this": "*动手试一试",
           "seven differences": "七个区别", "seed correction": "王晓",
           "competitors": "竞争对手", "buying centre": "采购中心"},
}


def _prose(lang: str) -> str:
    nb = nbformat.read(LECTURE[lang], as_version=4)
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lecture_has_the_required_sections(lang):
    prose = _prose(lang)
    missing = [name for name, text in REQUIRED[lang].items() if text not in prose]
    assert not missing, f"{lang}: lacks {missing}"
    blocks = check_yourself_blocks(prose, REQUIRED[lang]["check yourself"])
    assert len(blocks) >= 6
    for k, block in enumerate(blocks, start=1):
        questions = len(re.findall(r"^\d+\. ", block, flags=re.M))
        answers = len(re.findall(r"<details><summary>[^<]+</summary>.+?</details>", block,
                                 flags=re.S))
        assert questions >= 2 and answers == questions, (lang, k, questions, answers)
    for name in ("Webster", "Heskett", "Peppers", "Reichheld", "Berry", "Grönroos", "10-K",
                 "Kotler"):
        assert name in prose, (lang, name)
    for qid in ref.QUESTIONS:
        assert qid in prose, (lang, qid)
    # the seven levels and the seven differences are all named
    assert len(re.findall(r"^\| [1-7]\. ", prose, flags=re.M)) == 14


def test_twins_have_the_same_check_yourself_blocks():
    en = check_yourself_blocks(_prose("en"), "Check yourself")
    zh = check_yourself_blocks(_prose("zh"), "自我检测")
    assert [b.count("<details>") for b in en] == [b.count("<details>") for b in zh]


def test_rice_merchant_is_named_right():
    for lang in ("en", "zh"):
        prose = _prose(lang)
        assert "王永庆" in prose and "1917" in prose and "嘉义" in prose
        assert "Formosa Plastics" in prose or "台塑" in prose


def test_hand_worked_examples_are_what_the_code_gives():
    street = pd.DataFrame({"household_id": ["Lin"], "people": [5],
                           "grams_per_person_day": [400], "stock_kg": [10.0]})
    plan = sims.next_delivery(street, "1932-05-02", safety_days=2).iloc[0]
    assert (plan["days_left"], plan["run_out"].day, plan["deliver_on"].day) == (5.0, 7, 5)
    for lang in ("en", "zh"):
        assert "10 / 2 = 5" in _prose(lang) or "10 ÷ 2 = 5" in _prose(lang)
    # check-yourself: 4 x 250 g, 6 kg on Monday 3 March, margin 2 -> Sunday 9, Friday 7
    four = pd.DataFrame({"household_id": ["f"], "people": [4], "grams_per_person_day": [250],
                         "stock_kg": [6.0]})
    row = sims.next_delivery(four, "2025-03-03", 2).iloc[0]
    assert row["run_out"].day_name() == "Sunday" and row["run_out"].day == 9
    assert row["deliver_on"].day_name() == "Friday" and row["deliver_on"].day == 7
    # section 7: 10 x 12 x 1.75 = 210 (21 times); check-yourself 585.6
    c = pd.DataFrame({"customer_id": ["a", "b"], "margin": [10.0, 10.0],
                      "purchases_per_year": [12, 24], "retention": [0.5, 0.8]})
    v = sims.customer_value(c, 3)
    assert v["value"].tolist() == pytest.approx([210.0, 585.6])
    # the quiz's own numbers
    five = pd.DataFrame({"household_id": ["q"], "people": [5], "grams_per_person_day": [200],
                         "stock_kg": [7.0]})
    row = sims.next_delivery(five, "2025-03-03", 3).iloc[0]
    assert (row["run_out"].day, row["deliver_on"].day_name()) == (10, "Friday")
    q = pd.DataFrame({"customer_id": ["q"], "margin": [20.0], "purchases_per_year": [12],
                      "retention": [0.5]})
    assert sims.customer_value(q, 3).loc["q", "value"] == pytest.approx(420.0)


def test_claims_about_the_small_street():
    """Chen's shop has the larger market share, Wang's the deeper share of wallet."""
    purchases = pd.DataFrame(
        [("h1", "Wang", 120.0), ("h2", "Wang", 90.0), ("h2", "Chen", 30.0),
         ("h3", "Chen", 60.0), ("h3", "Market", 60.0), ("h4", "Chen", 100.0),
         ("h4", "Chen", -20.0), ("h4", "Market", 80.0), ("h5", "Chen", 70.0),
         ("h5", "Market", 50.0), ("h6", "Chen", 100.0)],
        columns=["customer_id", "shop", "amount"])
    source = "\n".join(c.source for c in nbformat.read(LECTURE["en"], as_version=4).cells
                       if c.cell_type == "code")
    assert '("h4", "Chen", -20.0)' in source  # the same table as the lecture's
    wallets = pd.DataFrame({"customer_id": ["h1", "h2", "h3", "h4", "h5", "h6"],
                            "category_spend": [120.0, 120.0, 180.0, 200.0, 150.0, 240.0]})
    share = sims.market_share(purchases, wallets)
    assert share.idxmax() == "Chen"
    assert (purchases.groupby("shop")["customer_id"].nunique()["Chen"]) == 5
    wang = sims.share_of_wallet(purchases, wallets, "Wang")
    chen = sims.share_of_wallet(purchases, wallets, "Chen")
    assert wang[wang > 0].min() > chen.max()


def test_claims_about_costco_and_retention():
    fees, operating, revenue = 4_828.0, 9_285.0, 249_625.0 + 4_828.0
    assert fees / operating > 0.5 and fees / revenue < 0.02
    low = sims.retention_point_value(0.60, 0.70, 3)["extra_sales"]
    high = sims.retention_point_value(0.90, 0.70, 3)["extra_sales"]
    assert high > low > 0
    year = sims.simulate_neighbourhood(0.95, 0.70, 3)
    assert year.summary["market_share"].idxmax() == "remembers"


#: pandas' own words for infinity and a missing date (explained in the text), and the
#: blank header cell of a styled table
_PANDAS_WORDS = {"inf", "NaT", "nbsp"}


@pytest.mark.slow
def test_zh_lecture_outputs_are_chinese(tmp_path):
    nb = executed(LECTURE["zh"], tmp_path)
    texts = _output_texts(nb)
    assert any(kind == "table" for _, kind, _ in texts)
    leaks = [(k, kind, sorted(latin_words(text) - _PANDAS_WORDS)) for k, kind, text in texts
             if latin_words(text) - _PANDAS_WORDS]
    assert not leaks, f"English in the zh lecture's outputs (cell, where, words): {leaks}"


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_walkthrough_checks_print_true(lang, tmp_path):
    nb = executed(LECTURE[lang], tmp_path)
    printed = "\n".join(text for _, kind, text in _output_texts(nb) if kind == "printed")
    from course.i18n import t
    lines = [line for line in printed.splitlines()
             if "Same as" in line or "的结果相同：" in line]
    assert len(lines) == 3 and all(line.endswith(t("col_yes", lang=lang)) for line in lines)


def test_settings_stated_in_the_prose_are_the_widgets():
    from course.widgets.concepts import PLAN_DAYS, rice_street
    assert len(rice_street()) == 12 and PLAN_DAYS == 60
    assert "twelve made-up households over sixty days" in _prose("en")
    assert "十二户虚构人家" in _prose("zh") and "六十天" in _prose("zh")
