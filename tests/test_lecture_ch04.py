"""Chapter 4 lecture: what its prose says is what its code computes, in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from course.sims.needs import LEVELS, appeal_reach, dominant_need, need_distribution
from course.synthetic.needs import SEGMENTS, make_survey, survey_from_rows

ROOT = Path(__file__).resolve().parents[1]
LECTURE = {lang: ROOT / "notebooks" / lang / "ch04_needs.ipynb" for lang in ("en", "zh")}
REQUIRED = {
    "en": ["Learning objectives", "How it is computed", "Check yourself", "## 11. Summary",
           "Glossary", "Discussion questions", "References", "*Try this:*", "## 10. Cases"],
    "zh": ["学习目标", "计算过程", "自我检测", "本章小结", "中英术语对照", "讨论题", "参考文献",
           "*动手试一试：*", "## 10. 案例"],
}
CHECK = {"en": "Check yourself", "zh": "自我检测"}


def _nb(lang):
    return nbformat.read(LECTURE[lang], as_version=4)


def _prose(lang) -> str:
    return "\n\n".join(c.source for c in _nb(lang).cells if c.cell_type == "markdown")


def _code(lang) -> str:
    return "\n\n".join(c.source for c in _nb(lang).cells if c.cell_type == "code")


def _blocks(prose: str, heading: str) -> list[str]:
    parts = prose.split(f"**{heading}**")[1:]
    return [re.split(r"^#{1,3} ", part, maxsplit=1, flags=re.M)[0] for part in parts]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_required_sections_and_folded_answers(lang):
    prose = _prose(lang)
    missing = [text for text in REQUIRED[lang] if text not in prose]
    assert not missing, f"{lang}: the lecture lacks {missing}"
    blocks = _blocks(prose, CHECK[lang])
    assert len(blocks) >= 8, f"{lang}: only {len(blocks)} check-yourself blocks"
    for k, block in enumerate(blocks, start=1):
        questions = len(re.findall(r"^\d+\. ", block, flags=re.M))
        answers = len(re.findall(r"<details><summary>[^<]+</summary>.+?</details>", block,
                                 flags=re.S))
        assert questions >= 2 and answers == questions, (lang, k, questions, answers)
    for ref in ("Maslow, A. H. (1943)", "Wahba, M. A. and Bridwell", "Tay, L. and Diener",
                "Kenrick", "Zeithaml"):
        assert ref in prose, f"{lang}: reference {ref!r} missing"
    for task in ("ch04_q1", "ch04_q2", "ch04_q3", "ch04_q4", "ch04_q5"):
        assert task in prose, f"{lang}: the practice table does not list {task}"


def test_twins_have_the_same_check_yourself_blocks():
    en, zh = _blocks(_prose("en"), CHECK["en"]), _blocks(_prose("zh"), CHECK["zh"])
    assert [b.count("<details>") for b in en] == [b.count("<details>") for b in zh]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_seed_errors_are_corrected(lang):
    prose = " ".join(_prose(lang).split())
    assert "个人成就" in prose and "自我实现" in prose
    words = {"en": ["is a mistake", "not a sequence", "123 countries"],
             "zh": ["这是错误的", "而不是必经的次序", "123 个国家"]}[lang]
    for text in words:
        assert text in prose, f"{lang}: {text!r}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hand_worked_table_is_what_the_code_gives(lang):
    """The six respondents typed in section 3 are the code's tiny survey, with its results."""
    rows = [[c.strip() for c in line.strip().strip("|").split("|")]
            for line in _prose(lang).splitlines() if re.match(r"^\| [A-F] \| ", line)]
    assert [r[0] for r in rows] == list("ABCDEF")
    typed = survey_from_rows([(r[0], *[None if x == "–" else int(x) for x in r[1:6]])
                              for r in rows], segment="middle_income")
    code = _code(lang)
    for r in rows:
        values = ", ".join("None" if x == "–" else x for x in r[1:6])
        assert f'("{r[0]}", {values})' in code, f"{lang}: row {r[0]} differs from the code"
    assert "THRESHOLD = 5" in code
    got = dominant_need(typed, threshold=5)
    assert {r[0]: r[6].strip("`") for r in rows} == got.to_dict()


@pytest.fixture(scope="module")
def survey():
    return make_survey(600, seed="ch04-lecture")


def test_claims_about_the_survey(survey):
    """What sections 4, 5, 6 and 10 say in words holds on the lecture's survey."""
    assert 'make_survey(600, seed="ch04-lecture")' in _code("en")
    dist = need_distribution(survey, 5)
    bottom_two = dist[["physiological", "safety"]].sum(axis=1)
    # 4: some respondents meet a higher level but not a lower one
    assert ((survey["safety"] < 5) & (survey["esteem"] >= 5)).sum() > 0
    # 5: the bottom two dominate among low incomes; high incomes sit higher, more all met
    assert bottom_two["low_income"] > 0.5
    assert dist.loc["high_income", "all_met"] > dist.loc["low_income", "all_met"]
    assert dist.loc["high_income", "unknown"] > dist.loc["low_income", "unknown"]
    # 5: the lower the level, the more often met
    met = survey[list(LEVELS)].ge(5).sum() / survey[list(LEVELS)].notna().sum()
    assert list(met) == sorted(met, reverse=True)
    # 5: threshold 6 moves respondents down to the bottom
    assert (dominant_need(survey, 6) == "physiological").mean() > \
        (dominant_need(survey, 5) == "physiological").mean()
    # 6: the bottom-level appeal beats the status appeal among low incomes
    low = appeal_reach(survey[survey["segment"] == "low_income"],
                       {"meal": "physiological", "black_card": "esteem"})
    assert low.loc["meal", "share"] > 2 * low.loc["black_card", "share"]
    # 10.2: the bottom two levels' share falls as income rises
    assert list(bottom_two[list(SEGMENTS)]) == sorted(bottom_two, reverse=True)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_executed_lecture_agrees_with_itself_and_speaks_its_language(lang, tmp_path):
    from test_lectures import _output_texts, executed, latin_words

    from course.i18n import t

    nb = executed(LECTURE[lang], tmp_path)
    texts = _output_texts(nb)
    printed = "\n".join(text for _, kind, text in texts if kind == "printed")
    same = [line for line in printed.splitlines()
            if ("Same as" if lang == "en" else "的结果相同") in line]
    assert len(same) == 3 and all(line.rstrip().endswith(t("ch04_yes", lang=lang))
                                  for line in same), same
    if lang == "zh":
        leaks = [(k, kind, sorted(latin_words(text))) for k, kind, text in texts
                 if latin_words(text)]
        assert not leaks, f"English in the zh lecture's outputs: {leaks}"
