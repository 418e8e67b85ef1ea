"""Every lecture, in both languages, in JupyterLab in Debian's Chromium (English here).

The lectures are found on disk (``notebooks/{en,zh}/chNN_*.ipynb``), so a new
chapter is covered without editing this file. For each one the session's
``crm-course lab`` server opens it, runs all cells, and the test checks what a
student sees:

* every code cell ran and no cell wrote error output (a traceback or anything on
  stderr, such as a warning or matplotlib's "Glyph missing");
* at least one simulation rendered (an ipywidgets view with a control), each shows
  a figure or a table, and moving its first control (a slider one step, another
  option of a dropdown...) changes what it shows;
* the Chinese lecture's text, its widgets' labels and tables, are drawn with a CJK
  font (no missing-glyph boxes),
  and so is the English lecture's glossary.

The Chinese lectures are in ``test_browser_lectures_zh.py`` (a file of their own, so
that the two halves run on the two cores of ``make test``). Screenshots of the whole
lecture and of each simulation before and after its
control moved are kept in ``build/browser-screenshots/lectures/`` (or
``$CRM_SCREENSHOTS``).
"""

from __future__ import annotations

import pytest
from browser_kit import check_lecture, lectures, missing_glyphs, needs_chromium

pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_chromium]

LECTURES = [p for p in lectures() if p.parent.name == "en"]


def test_lectures_are_found():
    assert LECTURES
    assert len(lectures()) == 2 * len(LECTURES), "every English lecture has a Chinese twin"


def test_the_glyph_check_can_fail(page):
    """The CJK check tells drawn characters from missing ones (so it can fail)."""
    page.set_content("<p id=t>客户关系管理 CRM</p>")
    text = page.locator("#t")
    assert missing_glyphs(text, "客户关系") == []
    assert missing_glyphs(text, "\U000e0100\U0010fffc") != []  # code points no font draws


@pytest.mark.parametrize("lecture", [
    # each lecture a group of its own: make test's two workers share them out
    pytest.param(p, marks=pytest.mark.xdist_group(f"browser-{p.parent.name}-{p.stem}"))
    for p in LECTURES], ids=[p.stem for p in LECTURES])
def test_english_lecture_in_the_browser(page, lab, lecture):
    check_lecture(page, lab, lecture)
