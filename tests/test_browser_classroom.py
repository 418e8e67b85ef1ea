"""Classroom mode and lecture slides, in Debian's Chromium.

* ``crm-course present CHAPTER --lang L`` (Voilà) for every chapter found on disk,
  the languages taking turns: the page shows the chapter's simulations and no code;
  every simulation renders, and moving its first control changes what it shows.
* ``crm-course slides CHAPTER --lang L``: the deck is built (the lecture executed),
  loads nothing from outside its folder and no request fails; the test steps
  through every slide with the keyboard, and the deck shows figures and a
  simulation rendered from its saved widget state.

Screenshots go to ``build/browser-screenshots/{present,slides}/``.
"""

from __future__ import annotations

import re
import subprocess
import time

import nbformat
import pytest
from browser_kit import (
    CLI,
    REPO,
    RequestLog,
    exercise_simulations,
    free_port,
    isolated_jupyter_env,
    needs_chromium,
    screenshot,
    stop_process,
    wait_port,
)
from playwright.sync_api import expect

from autograder.present import simulation_count

pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_chromium]

CHAPTERS = sorted({p.name[:4] for p in (REPO / "notebooks" / "en").glob("ch[0-9][0-9]_*.ipynb")})
#: The first chapter in Chinese and the last in English. Classroom mode runs a whole
#: lecture, which the lecture tests already run in the browser for every chapter; what
#: is particular to it (which cells are simulations) is checked for every lecture,
#: without a browser, by tests/test_classroom_tools.py.
PRESENTED = [(CHAPTERS[0], "zh"), (CHAPTERS[-1], "en")]



@pytest.mark.parametrize(("chapter", "lang"), PRESENTED, ids=[f"{c}-{la}" for c, la in PRESENTED])
def test_present_shows_simulations_without_code(chromium, tmp_path, chapter, lang):
    port = free_port()
    log = tmp_path / "voila.log"
    env = isolated_jupyter_env(tmp_path / "jupyter")
    with log.open("w") as out:
        proc = subprocess.Popen(
            [CLI, "present", "--lang", lang, "--no-browser", "--port", str(port), chapter, "--",
             "--Voila.ip=127.0.0.1", "--Voila.port_retries=0"],
            cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL)
    page = chromium.new_page()
    try:
        wait_port(port, proc, 120, log.read_text)
        requests = RequestLog(page)
        page.goto(f"http://127.0.0.1:{port}/", timeout=300_000)  # Voilà runs the lecture first
        lecture = next((REPO / "notebooks" / lang).glob(f"{chapter}_*.ipynb"))
        expected = simulation_count(nbformat.read(lecture, as_version=4))
        sims = page.locator(".jp-OutputArea-output .widget-slider, "
                            ".jp-OutputArea-output .widget-dropdown")
        expect(sims.first).to_be_visible(timeout=180_000)
        body = page.locator("body")
        text = body.inner_text()
        assert "Traceback" not in text, text[:3000]
        code = page.locator(".jp-CodeCell .jp-InputArea, .jp-InputArea-editor, .cm-editor")
        assert code.count() == 0, "code is shown"
        assert "import " not in text, "code is shown"
        screenshot(page, "present", f"{chapter}-{lang}")
        moved = exercise_simulations(page, body, ("present", f"{chapter}-{lang}"))
        assert len(moved) >= expected, (moved, expected)
        assert not requests.outside, requests.outside
        print(f"{chapter} ({lang}):", "; ".join(moved))
    finally:
        page.close()
        stop_process(proc)


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    """The first chapter's English deck, built by ``crm-course slides``."""
    out = tmp_path_factory.mktemp("slides")
    started = time.monotonic()
    run = subprocess.run([CLI, "slides", CHAPTERS[0], "--lang", "en", "--out", str(out)],
                         capture_output=True, text=True, timeout=900, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    print(f"slides built in {time.monotonic() - started:.0f} s")
    (path,) = (out / "en").glob("*.slides.html")
    return path


def test_slides_step_through_the_deck(chromium, deck):
    html = deck.read_text(encoding="utf-8")
    assert not re.search(r'(src|href)="https?://', html), "the deck links to the web"
    page = chromium.new_page()
    try:
        requests = RequestLog(page)
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(deck.as_uri())
        page.wait_for_function("() => window.CRMDeck && window.CRMDeck.isReady()",
                               timeout=60_000)
        total = page.evaluate("() => window.CRMDeck.getTotalSlides()")
        assert total >= 10, f"only {total} slides"
        shown, figures, widgets = 0, 0, 0
        for step in range(total + 5):
            state = page.evaluate("""() => {
                const s = window.CRMDeck.getCurrentSlide();
                return {h: window.CRMDeck.getIndices().h, v: window.CRMDeck.getIndices().v,
                        img: s.querySelectorAll('img').length,
                        widget: s.querySelectorAll('.widget-slider, .widget-dropdown').length,
                        last: window.CRMDeck.isLastSlide()}}""")
            shown += 1
            figures += state["img"] > 0
            widgets += state["widget"] > 0
            if step in (0, 3):
                screenshot(page, "slides", f"{deck.stem}-{step}")
            if state["last"]:
                break
            page.keyboard.press("Space")  # next slide, down into sub-slides first
            page.wait_for_timeout(60)
        assert state["last"], f"the last slide was not reached in {shown} steps"
        assert shown >= total - 1, (shown, total)
        assert figures > 0, "no slide shows a figure"
        assert widgets > 0, "no slide shows a simulation (from the saved widget state)"
        assert not errors, errors
        assert not requests.failed, requests.failed
        assert not requests.outside, requests.outside
    finally:
        page.close()
