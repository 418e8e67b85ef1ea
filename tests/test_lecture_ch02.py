"""The chapter 2 lecture: required sections, folded answers, what it prints, Chinese outputs."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
LECTURE = {lang: ROOT / "notebooks" / lang / "ch02_stp.ipynb" for lang in ("en", "zh")}
REQUIRED = {
    "en": ["Learning objectives", "## 1. STP in six steps", "five criteria", "k-means",
           "## 4. How it is computed", "Targeting strategies", "perceptual map",
           "positioning statement", "## 7. Cases", "Volvo", "Li-Ning",
           "## 8. Where the seeds", "## 9. Summary", "Glossary", "Discussion questions",
           "## 13. References", "Try this"],
    "zh": ["学习目标", "## 1. STP 的六个步骤", "五条标准", "k-means", "## 4. 计算过程",
           "目标市场策略", "感知图", "定位陈述", "## 7. 案例", "沃尔沃", "李宁",
           "## 8. 种子材料", "## 9. 小结", "术语表", "讨论题", "## 13. 参考文献", "动手试一试"],
}
HEADING = {"en": "Check yourself", "zh": "自我检测"}
#: Words allowed in the Chinese lecture's outputs.
_ALLOWED_LATIN = {"UCI"}


def _prose(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def _blocks(prose: str, heading: str) -> list[str]:
    return [re.split(r"^#{1,3} ", part, maxsplit=1, flags=re.M)[0]
            for part in prose.split(f"**{heading}**")[1:]]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lecture_has_the_required_sections_and_folded_answers(lang):
    prose = _prose(LECTURE[lang])
    missing = [text for text in REQUIRED[lang] if text not in prose]
    assert not missing, f"{lang} lecture lacks {missing}"
    blocks = _blocks(prose, HEADING[lang])
    assert len(blocks) >= 5, len(blocks)
    for k, block in enumerate(blocks, start=1):
        questions = len(re.findall(r"^\d+\. ", block, flags=re.M))
        answers = len(re.findall(r"<details><summary>[^<]+</summary>.+?</details>", block,
                                 flags=re.S))
        assert questions >= 2 and answers == questions, (lang, k, questions, answers)
    for qid in (f"ch02_q{k}" for k in range(1, 8)):
        assert qid in prose, qid
    for ref in ("Kotler", "Ries", "Smith, W. R.", "Rousseeuw", "Pedregosa"):
        assert ref in prose, ref


def test_mainland_terms_are_taught_and_the_taiwanese_one_is_in_the_glossary():
    zh = _prose(LECTURE["zh"])
    glossary = zh.split("## 10. 术语表")[1].split("## 11.")[0]
    assert "市场细分" in glossary and "市场区隔（台湾地区）" in glossary
    outside = zh.replace(glossary, "")
    # 区隔 appears outside the glossary only where the seeds' term is discussed
    assert outside.count("区隔") <= 2 and zh.count("市场细分") >= 5


def test_twins_have_the_same_number_of_check_yourself_questions():
    en = _blocks(_prose(LECTURE["en"]), HEADING["en"])
    zh = _blocks(_prose(LECTURE["zh"]), HEADING["zh"])
    assert [len(re.findall(r"^\d+\. ", b, flags=re.M)) for b in en] == [
        len(re.findall(r"^\d+\. ", b, flags=re.M)) for b in zh]


_RUN: dict[str, object] = {}


def _executed(lang: str, tmp_path: Path):
    from nbclient import NotebookClient

    if lang not in _RUN:
        copy = tmp_path / f"{lang}.ipynb"
        shutil.copyfile(LECTURE[lang], copy)
        nb = nbformat.read(copy, as_version=4)
        NotebookClient(nb, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(tmp_path)}}).execute()
        _RUN[lang] = nb
    return _RUN[lang]


def _texts(nb) -> list[tuple[str, str]]:
    """(kind, text) of every output; a cell's consecutive stream outputs are one text
    (the kernel may send one ``print`` in several messages)."""
    found = []
    for cell in nb.cells:
        streaming = False
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                if streaming:
                    found[-1] = ("printed", found[-1][1] + out["text"])
                else:
                    found.append(("printed", out["text"]))
                streaming = True
                continue
            streaming = False
            text = out.get("data", {}).get("text/plain", "")
            if text and not text.startswith(("SegmentExplorer", "AttractivenessScorer",
                                              "PerceptualMap")):
                found.append(("table", text))
    return found


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_same_as_line_says_yes(lang, tmp_path):
    from course.i18n import t

    printed = "\n".join(text for kind, text in _texts(_executed(lang, tmp_path))
                        if kind == "printed")
    marker = {"en": "Same as", "zh": "的结果相同"}[lang]
    lines = [line for line in printed.splitlines() if marker in line]
    assert len(lines) == 5, lines
    assert all(line.rstrip().endswith(t("col_yes", lang=lang)) for line in lines), lines


@pytest.mark.slow
def test_zh_outputs_are_chinese(tmp_path):
    nb = _executed("zh", tmp_path)
    leaks = []
    for kind, text in _texts(nb):
        words = {w for w in re.findall(r"[A-Za-z][A-Za-z0-9_]*", text)
                 if len(w) >= 3 and not re.search(r"[0-9_]", w) and w not in _ALLOWED_LATIN}
        if words:
            leaks.append((kind, sorted(words)))
    assert not leaks, leaks
