"""Every Chinese lecture in JupyterLab in Debian's Chromium.

The same checks as ``test_browser_lectures.py`` (which says what they are), and the
Chinese text drawn with a CJK font; in a file of its own so that ``make test``'s two
workers share the lectures (each worker has its own server and browser).
"""

from __future__ import annotations

import pytest
from browser_kit import check_lecture, lectures, needs_chromium

pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_chromium]

LECTURES = [p for p in lectures() if p.parent.name == "zh"]


@pytest.mark.parametrize("lecture", [
    # each lecture a group of its own: make test's two workers share them out
    pytest.param(p, marks=pytest.mark.xdist_group(f"browser-{p.parent.name}-{p.stem}"))
    for p in LECTURES], ids=[p.stem for p in LECTURES])
def test_chinese_lecture_in_the_browser(page, lab, lecture):
    check_lecture(page, lab, lecture)
