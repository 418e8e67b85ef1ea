"""The course's Chinese terms: one word per concept in every chapter.

``docs/conventions.md`` ("Chinese terms") chose one Chinese term per concept; this
test holds every Chinese text a student or an instructor reads to it: lectures in
both languages (the English ones carry Chinese glossary entries), exercise sources
and releases, self-checks, labels, widgets, instructor notes and the site. Files are
found on disk, so a new chapter is covered without edits.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

GLOBS = (
    "notebooks/*/*.ipynb",
    "solutions/*/*.ipynb",
    "exercises/*/*.ipynb",
    "course/check/*.py",
    "course/strings/*.py",
    "course/i18n.py",
    "course/widgets/*.py",
    "docs/instructor/zh/*.md",
    "site/zh/*.md",
)

#: Words not to use (a regular expression each) and the term to use instead.
AVOID = {
    "顾客占有率": "钱包份额",
    "客户占有率": "钱包份额",
    "钱包占有率": "钱包份额",
    "市场份额": "市场占有率",
    "留存(?!证件)": "保持率 / 客户保持",
    "保留率": "保持率",
    "维系率": "保持率",
    "顾客终身价值": "客户终身价值",
    "顾客满意": "客户满意",
    "顾客忠诚": "客户忠诚",
    "内部顾客": "内部客户",
    "可测量性": "可衡量性",
    "操作型 ?CRM": "运营型 CRM",
    "客户生命周期价值": "客户终身价值",
    "细分群体": "细分市场",
    "目标顾客": "目标客户",
    "知觉图": "感知图",
    "认知图": "感知图",
    "购买频次": "重复购买次数 (BG/NBD) or 消费频率 (RFM)",
    "新近度": "最近一次消费",
    "货币价值": "消费金额",
    "贴现率": "折现率",
    "转换率": "转化率",
    "获取成本": "获客成本",
    "二八定律": "二八法则",
    "鲸形曲线": "鲸鱼曲线",
    "现有价值": "当前价值",
    "每次行动成本": "单次行动成本",
}

#: Mentions kept on purpose: (word, file) -> how many. Each says the word is another
#: name (the seeds') or a word not used, then the course term follows.
KEPT = {
    ("顾客占有率", "notebooks/zh/ch01_concepts.ipynb"): 1,
    ("顾客占有率", "notebooks/en/ch01_concepts.ipynb"): 1,
    ("顾客占有率", "docs/instructor/zh/ch01.md"): 1,
    ("客户生命周期价值", "notebooks/zh/ch07_clv.ipynb"): 1,
    ("客户生命周期价值", "docs/instructor/zh/ch07.md"): 1,
    ("知觉图", "notebooks/zh/ch02_stp.ipynb"): 1,  # the glossary's "其他说法" column
    ("知觉图", "notebooks/en/ch02_stp.ipynb"): 1,
}


def _text(path: Path) -> str:
    """What a reader sees: a notebook's cell sources, any other file as it is."""
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        return "\n".join("".join(cell["source"]) for cell in cells)
    return path.read_text(encoding="utf-8")


def _files() -> list[Path]:
    return sorted({p for pattern in GLOBS for p in ROOT.glob(pattern)})


def test_every_kind_of_source_is_found():
    kinds = {p.relative_to(ROOT).parts[0] for p in _files()}
    assert {"notebooks", "solutions", "exercises", "course", "docs", "site"} <= kinds
    assert any(p.name.startswith("ch07") for p in ROOT.glob("notebooks/zh/*.ipynb"))


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_course_terms(path):
    rel = str(path.relative_to(ROOT))
    text = _text(path)
    faults = []
    for word, use in AVOID.items():
        found = [m.start() for m in re.finditer(word, text)]
        allowed = KEPT.get((word, rel), 0)
        if rel.startswith("exercises/"):  # a release keeps what its source kept
            allowed = KEPT.get((word, rel.replace("exercises/", "solutions/", 1)), 0)
        if len(found) > allowed:
            at = found[allowed]
            line = text.count("\n", 0, at) + 1
            faults.append(f"{rel}: line {line} (of the cell text) says {word!r} "
                          f"{len(found)} times (allowed {allowed}); use {use}: "
                          f"...{text[max(0, at - 15):at + 15]}...")
    assert not faults, "\n".join(faults)


def test_kept_mentions_say_they_are_another_name():
    for (word, rel), count in KEPT.items():
        text = _text(ROOT / rel)
        assert len(re.findall(word, text)) == count, (rel, word)
    ch01 = _text(ROOT / "notebooks/zh/ch01_concepts.ipynb")
    assert "种子材料称“顾客占有率”，是同一概念的另一个名字" in ch01
