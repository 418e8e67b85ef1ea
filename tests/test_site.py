"""The course website: built offline by ``crm-course site``, opened in Debian's Chromium.

The site is built once (every lecture executed, both languages) into a
temporary folder and served from loopback. The first chapter's lecture page, in
English and in Chinese, must show its text, its figures and a simulation
rendered from the saved widget state; it links to its twin in the other language;
no request fails, none leaves loopback and no script error occurs. Every HTML
page of the site is also read: no ``src`` or ``href`` of a script, style sheet or
image points at the web. The build's run time is printed.
"""

from __future__ import annotations

import functools
import http.server
import re
import subprocess
import threading
import time

import pytest
from browser_kit import (
    CJK,
    CLI,
    REPO,
    RequestLog,
    lectures,
    missing_glyphs,
    needs_chromium,
    screenshot_path,
)
from playwright.sync_api import expect

pytestmark = [pytest.mark.slow]

FIRST = {lang: next(p for p in lectures() if p.parent.name == lang) for lang in ("en", "zh")}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "site"
    started = time.monotonic()
    run = subprocess.run([CLI, "site", "--out", str(out)], capture_output=True, text=True,
                         timeout=1800, check=False, cwd=out.parent)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-4000:]
    print(f"site built in {time.monotonic() - started:.0f} s")
    return out


@pytest.fixture(scope="module")
def served(site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_every_lecture_and_the_notes_are_pages(site):
    for lecture in lectures():
        page = site / lecture.parent.name / "lectures" / f"{lecture.stem}.html"
        assert page.exists(), f"no page for {lecture.name} ({lecture.parent.name})"
    for lang in ("en", "zh"):
        assert (site / lang / "index.html").exists()
        assert (site / lang / "live.html").exists()
        notes = sorted((REPO / "docs" / "instructor" / lang).glob("*.md"))
        assert notes, f"no instructor notes in docs/instructor/{lang}"
        for note in notes:
            assert (site / lang / "instructor" / f"{note.stem}.html").exists(), note.name


def test_no_page_loads_anything_from_the_web(site):
    pattern = re.compile(r'<(script|link|img)\b[^>]*\b(src|href)="(https?:)?//', re.I)
    offenders = []
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8", errors="replace")
        offenders += [f"{page.relative_to(site)}: {m.group(0)}" for m in pattern.finditer(text)]
    assert not offenders, offenders[:10]


@needs_chromium
@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_chapter_page_in_the_browser(chromium, served, lang):
    lecture = FIRST[lang]
    page = chromium.new_page()
    try:
        requests = RequestLog(page)
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{served}/{lang}/lectures/{lecture.stem}.html")
        article = page.locator("article").first
        expect(article.locator("h1").first).to_be_visible()
        # a simulation, rendered by the vendored widget manager from the saved state
        expect(article.locator(".widget-slider").first).to_be_visible(timeout=60_000)
        page.wait_for_function("() => [...document.images].every(i => i.complete)",
                               timeout=60_000)
        text = article.inner_text()
        assert len(text) > 3000, "little text on the page"
        figures = article.locator(".cell_output img")
        assert figures.count() >= 2, "fewer than two figures"
        widths = figures.evaluate_all("imgs => imgs.map(i => i.naturalWidth)")
        assert min(widths) > 50, f"a figure did not load: {widths}"
        sim_img = article.locator(".widget-output img, .widget-image").first
        assert sim_img.count() and sim_img.evaluate("i => i.naturalWidth") > 50
        switch = page.locator(".crm-lang-switch a")
        other = "zh" if lang == "en" else "en"
        assert switch.get_attribute("href").endswith(f"{other}/lectures/{lecture.stem}.html")
        if lang == "zh":
            chars = "".join(sorted(set(CJK.findall(text))))
            assert len(chars) > 50
            assert missing_glyphs(article.locator("p").first, chars) == []
        page.screenshot(path=str(screenshot_path("site", f"{lang}-{lecture.stem}")))
        assert not errors, errors
        assert not requests.failed, requests.failed
        assert not requests.outside, requests.outside
    finally:
        page.close()
