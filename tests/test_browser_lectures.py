"""Every lecture, in both languages, in JupyterLab in Debian's Chromium.

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

Screenshots of the whole lecture and of each simulation before and after its
control moved are kept in ``build/browser-screenshots/lectures/`` (or
``$CRM_SCREENSHOTS``).
"""

from __future__ import annotations

import nbformat
import pytest
from browser_kit import (
    CJK,
    exercise_simulations,
    lectures,
    missing_glyphs,
    needs_chromium,
    open_notebook,
    run_all_and_wait,
    screenshot,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_chromium]

LECTURES = lectures()


def test_lectures_are_found():
    assert any(p.parent.name == "en" for p in LECTURES)
    assert any(p.parent.name == "zh" for p in LECTURES)


def test_the_glyph_check_can_fail(page):
    """The CJK check tells drawn characters from missing ones (so it can fail)."""
    page.set_content("<p id=t>客户关系管理 CRM</p>")
    text = page.locator("#t")
    assert missing_glyphs(text, "客户关系") == []
    assert missing_glyphs(text, "\U000e0100\U0010fffc") != []  # code points no font draws


@pytest.mark.parametrize("lecture", LECTURES, ids=[f"{p.parent.name}-{p.stem}" for p in LECTURES])
def test_lecture_in_the_browser(page, lab, lecture):
    lang = lecture.parent.name
    rel = f"notebooks/{lang}/{lecture.name}"
    nb = nbformat.read(lecture, as_version=4)
    n_code = sum(1 for c in nb.cells if c.cell_type == "code" and c.source.strip())
    shots = ("lectures", f"{lang}-{lecture.stem}")

    panel = open_notebook(page, lab, rel)
    try:
        state = run_all_and_wait(page, panel, n_code)
    finally:
        screenshot(page, *shots, "lecture")
    assert not state["errors"], (f"{rel}: a cell wrote error output:\n"
                                 + "\n---\n".join(state["errors"]))
    assert state["executed"] == n_code, f"{rel}: {state['executed']} of {n_code} code cells ran"
    text = panel.inner_text()
    assert "Error displaying widget" not in text, f"{rel}: a widget failed to render"

    moved = exercise_simulations(page, panel, shots)
    print(f"{rel}:", "; ".join(moved))

    # Chinese text (all of the Chinese lecture; the English one's glossary) has glyphs
    cjk_text = "".join(sorted(set(CJK.findall(text))))
    if lang == "zh":
        assert len(cjk_text) > 50, f"{rel}: little Chinese text rendered"
    if cjk_text:
        prose = panel.locator(".jp-RenderedMarkdown").first
        assert missing_glyphs(prose, cjk_text) == [], f"{rel}: characters without a glyph"
    if lang == "zh":
        for widget_text in panel.locator(".widget-label, .widget-readout, table").all()[:40]:
            chars = "".join(set(CJK.findall(widget_text.inner_text())))
            if chars:
                assert missing_glyphs(widget_text, chars) == [], f"{rel}: widget text"
