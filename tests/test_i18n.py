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
