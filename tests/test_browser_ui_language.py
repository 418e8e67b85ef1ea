"""JupyterLab's own interface in the course language: ``crm-course lab --lang en|zh``.

``--lang zh`` opens JupyterLab with its Chinese language pack
(``jupyterlab-language-pack-zh-CN``) at the Chinese lectures; ``--lang en`` in
English at the English ones. The test reads the menu bar and the file browser
in Chromium, and checks the Chinese menus are drawn with a CJK font.
nbgrader's own panels have no Chinese strings (its menu stays "Nbgrader").
"""

from __future__ import annotations

import pytest
from browser_kit import LabServer, missing_glyphs, needs_chromium, screenshot
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_chromium]

MENUS = {"en": ["File", "Edit", "View", "Run", "Kernel", "Tabs", "Settings", "Help"],
         "zh": ["文件", "编辑", "查看", "运行", "内核", "标签页", "设置", "帮助"]}


def open_lab(page, server: LabServer) -> list[str]:
    page.goto(f"{server.url}/?token={server.token}")  # opens the default URL
    bar = page.locator("#jp-menu-panel .lm-MenuBar-itemLabel, .lm-MenuBar-itemLabel")
    expect(bar.first).to_be_visible(timeout=90_000)
    crumbs = page.locator(".jp-FileBrowser .jp-BreadCrumbs")
    expect(crumbs).to_contain_text(server.lang, timeout=60_000)
    listing = page.locator(".jp-DirListing-itemText")
    expect(listing.filter(has_text="ch05_")).to_have_count(1, timeout=60_000)
    labels = [t.strip() for t in bar.all_inner_texts()]
    assert "Nbgrader" in labels, labels  # nbgrader's menu, in English in both languages
    return [label for label in labels if label != "Nbgrader"]


def test_english_interface(page, lab):
    labels = open_lab(page, lab)
    assert labels[:len(MENUS["en"])] == MENUS["en"], labels
    screenshot(page, "interface", "en")


def test_chinese_interface(page, tmp_path):
    server = LabServer(tmp_path, lang="zh")
    try:
        server.start()
        labels = open_lab(page, server)
        assert labels[:len(MENUS["zh"])] == MENUS["zh"], labels
        bar = page.locator(".lm-MenuBar-itemLabel").first
        assert missing_glyphs(bar, "".join(MENUS["zh"])) == []
        screenshot(page, "interface", "zh")
    finally:
        server.stop()
