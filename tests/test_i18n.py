"""Bilingual strings are complete, and Chinese renders in plots."""

from __future__ import annotations

import re
import string
import warnings

import matplotlib
import pytest

matplotlib.use("Agg")

from course import i18n  # noqa: E402

CJK = re.compile(r"[\u4e00-\u9fff]")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(i18n.STRINGS))
def test_every_string_has_both_languages_and_the_same_fields(key):
    entry = i18n.STRINGS[key]
    assert set(entry) == set(i18n.LANGUAGES)
    assert entry["en"].strip() and entry["zh"].strip()
    assert _fields(entry["en"]) == _fields(entry["zh"]), key
    assert not CJK.search(entry["en"]), f"{key}: Chinese in the English string"


def test_chinese_strings_are_chinese():
    chinese = [k for k, e in i18n.STRINGS.items() if CJK.search(e["zh"])]
    # a few entries are letters or symbols in both languages ("A", "R")
    assert len(chinese) >= 0.9 * len(i18n.STRINGS)


def test_language_choice(monkeypatch):
    monkeypatch.setattr(i18n, "_language", None)
    monkeypatch.setenv("CRM_COURSE_LANG", "zh")
    assert i18n.get_language() == "zh"
    monkeypatch.setenv("CRM_COURSE_LANG", "xx")
    assert i18n.get_language() == "en"
    with pytest.raises(ValueError, match="language must be one of"):
        i18n.set_language("fr")
    with pytest.raises(KeyError, match="no course string named 'nope'"):
        i18n.t("nope")


def test_chinese_plot_renders_without_missing_glyphs(tmp_path):
    font = i18n.setup_matplotlib(warn=False)
    assert font is not None, "no CJK font: install fonts-noto-cjk (make setup does as root)"
    from matplotlib.figure import Figure

    fig = Figure()
    ax = fig.subplots()
    ax.set_title(i18n.t("abc_title", lang="zh"))
    ax.bar([i18n.t("class_a", lang="zh"), i18n.t("class_b", lang="zh")], [3, 1])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(tmp_path / "zh.png")
    assert not [w for w in caught if "Glyph" in str(w.message)]


def test_missing_font_gives_a_clear_warning(monkeypatch):
    monkeypatch.setattr(i18n, "find_cjk_font", lambda: None)
    with pytest.warns(UserWarning, match="apt-get install fonts-noto-cjk"):
        assert i18n.setup_matplotlib() is None


# ---------------------------------------------------------------------------------------
# names of customer groups never collide across tools (chapter 5 vocabularies)

#: i18n key prefix (or keys) of every vocabulary of group names, and the ending its names
#: share in each language (stripped to compare the stems).
GROUP_VOCABULARIES = {
    "value tier": (("tier_top", "tier_high", "tier_mid", "tier_low"),
                   {"en": " tier", "zh": "价值层"}),
    "RFM segment": (("seg_champions", "seg_loyal", "seg_promising", "seg_at_risk",
                     "seg_attention", "seg_lost"), {"en": "", "zh": "客群"}),
    "value quadrant": (("quad_vip", "quad_major", "quad_potential", "quad_ordinary"),
                       {"en": " customers", "zh": "型客户"}),
    "ABC class": (("class_a", "class_b", "class_c"), {"en": "", "zh": " 类"}),
    "MAN grade": (("grade_qualified", "grade_develop", "grade_nurture", "grade_drop"),
                  {"en": "", "zh": "线索"}),
}
#: Words of the 8-group RFM scheme of Chinese textbooks (重要价值客户 ... 一般挽留客户), which
#: the lecture mentions: none of our group names may reuse them.
LEGACY_WORDS = {"zh": ("重要", "一般"), "en": ("important", "general")}


def _stem(name: str, ending: str) -> str:
    name = name.lower()
    return name[: -len(ending)] if ending and name.endswith(ending.lower()) else name


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_group_names_never_collide(lang):
    seen: dict[str, str] = {}
    stems: dict[str, str] = {}
    for vocabulary, (keys, endings) in GROUP_VOCABULARIES.items():
        for key in keys:
            name = i18n.t(key, lang=lang)
            assert name.lower() not in seen, (
                f"{lang}: {name!r} names a {vocabulary} and a {seen[name.lower()]}")
            seen[name.lower()] = vocabulary
            stem = _stem(name, endings[lang]).strip()
            if len(stem) > 1:  # one-letter stems (A, B, C) are told apart by their ending
                assert stem not in stems or stems[stem] == vocabulary, (
                    f"{lang}: the stem {stem!r} of {name!r} ({vocabulary}) is also a "
                    f"{stems[stem]} name")
                stems[stem] = vocabulary
            for word in LEGACY_WORDS[lang]:
                assert word not in name.lower(), (
                    f"{lang}: {name!r} ({vocabulary}) reuses {word!r} of the textbook 8-group "
                    f"scheme")


def test_group_name_check_can_fail(monkeypatch):
    monkeypatch.setitem(i18n.STRINGS, "quad_potential", {"en": "Promising customers",
                                                         "zh": "成长型客户"})
    with pytest.raises(AssertionError, match="stem"):
        test_group_names_never_collide("zh")
    with pytest.raises(AssertionError, match="stem"):
        test_group_names_never_collide("en")


def test_chapter_strings_are_merged_and_a_key_defined_twice_is_refused(tmp_path, monkeypatch):
    import sys

    from course import strings

    pkg = tmp_path / "fakestrings"
    pkg.mkdir()
    (pkg / "ch98.py").write_text('STRINGS = {"ch98_x": {"en": "X", "zh": "甲"}}\n')
    (pkg / "ch99.py").write_text('STRINGS = {"customers": {"en": "C", "zh": "客"}}\n')
    monkeypatch.setattr(strings, "__path__", [str(pkg)])
    monkeypatch.setattr(strings, "__name__", "fakestrings")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "fakestrings", raising=False)
    import pytest

    with pytest.raises(ValueError, match="'customers' is defined twice: in course.i18n and in "
                                         "fakestrings.ch99"):
        strings.collect({"customers": {"en": "Customers", "zh": "客户数"}})
    (pkg / "ch99.py").unlink()
    assert strings.collect({})["ch98_x"] == {"en": "X", "zh": "甲"}
