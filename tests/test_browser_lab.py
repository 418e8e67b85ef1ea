"""End-to-end: the chapter 5 widgets in a real JupyterLab, driven in Chromium.

The session's ``crm-course lab`` server and Chromium (``tests/browser_kit.py``)
open small notebooks that build the chapter 5 explorers, run them with Run > Run
All Cells, move sliders with the keyboard and compare what the page shows with
what the same widget computes here without a kernel. Every lecture in both
languages is run in the browser by ``test_browser_lectures*.py``.

Screenshots go to ``build/browser-screenshots/widgets/``.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import nbformat
import pytest
from browser_kit import CJK, needs_chromium, screenshot
from playwright.sync_api import expect

from course import load_dataset
from course.widgets.identification import abc_explorer, rfm_explorer

ERROR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'

pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_chromium]

# ---------------------------------------------------------------------------------------
# helpers


def write_notebook(path: Path, *sources: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    nbformat.write(nb, path)


def open_and_run_all(page, lab, notebook: str):
    """Open ``notebook`` in JupyterLab, wait for its kernel, then Run > Run All Cells."""
    page.goto(lab.lab_url(notebook))
    panel = page.locator(".jp-NotebookPanel").filter(has=page.locator(".jp-Notebook"))
    expect(panel).to_have_count(1, timeout=60_000)  # a first load on a busy machine is slow
    # The toolbar's execution indicator says "idle" even before a kernel exists; the status
    # bar says "<kernel name> | Idle" only once the kernel is connected and ready.
    expect(page.locator(".jp-StatusBar-Widget").first).to_contain_text(
        re.compile(r"\(ipykernel\) \| Idle"), timeout=90_000)
    page.locator("li.lm-MenuBar-item").filter(has_text=re.compile(r"^\s*Run\s*$")).click()
    page.locator("li.lm-Menu-item[data-command='runmenu:run-all'], "
                 "li.lm-Menu-item[data-command='notebook:run-all-cells']").first.click()
    return panel


def table_rows(text: str) -> dict[str, list[str]]:
    """Map the label of each body row of a rendered summary table to its other cells.

    The header row and the closing total row are left out.
    """
    rows = [[c.strip() for c in line.split("\t")] for line in text.splitlines() if line.strip()]
    return {cells[0]: cells[1:] for cells in rows[1:-1]}


def shown_counts(table) -> list[int]:
    """The customer counts of a rendered summary table, top to bottom."""
    return [int(cells[0].replace(",", "")) for cells in table_rows(table.inner_text()).values()]


def wait_for_counts(table, expected: list[int], timeout: float = 30) -> None:
    """Wait until the rendered table shows ``expected`` customer counts."""
    deadline = time.monotonic() + timeout
    shown: list[int] = []
    while time.monotonic() < deadline:
        shown = shown_counts(table)
        if shown == expected:
            return
        time.sleep(0.2)
    raise AssertionError(f"the table shows counts {shown}, the widget computes {expected}")


def wait_for_new_image(img, seen: set[str], timeout: float = 30) -> str:
    """Wait until the plot's image is none of ``seen`` (the plot follows the table)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        src = img.get_attribute("src") or ""
        if src.startswith("data:image/png") and src not in seen:
            return src
        time.sleep(0.2)
    raise AssertionError(f"the plot did not change within {timeout} s")


def tracebacks(panel) -> list[str]:
    return [text for text in panel.locator(ERROR_OUTPUT).all_inner_texts() if "Traceback" in text]


# ---------------------------------------------------------------------------------------
# the widgets in a small notebook

LABELS = {"en": {"bins": "Score bins", "customers": "Customers", "tier": "Top-value tier",
                 "class_a": "A"},
          "zh": {"bins": "评分档数", "customers": "客户数", "tier": "顶级价值层",
                 "class_a": "A 类"}}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_rfm_and_abc_widgets_render_and_react(page, lab, lang):
    lang_arg = "" if lang == "en" else ', lang="zh"'
    write_notebook(
        lab.root / f"widgets_{lang}.ipynb",
        "from course import load_dataset\n"
        "from course.widgets.identification import rfm_explorer\n"
        f'w = rfm_explorer(load_dataset("retail_small"){lang_arg})\n'
        "w",
        "from course.widgets.identification import abc_explorer\n"
        f'a = abc_explorer(w.rfm["monetary"]{lang_arg})\n'
        "a",
        "import sys\nprint('kernel python:', sys.executable)",
    )
    labels = LABELS[lang]
    panel = open_and_run_all(page, lab, f"widgets_{lang}.ipynb")

    rfm = panel.locator(".crm-rfm-explorer")
    expect(rfm.locator(".widget-slider")).to_have_count(4, timeout=90_000)
    table = rfm.locator("table.crm-summary")
    expect(table).to_contain_text(labels["customers"])
    expect(table).to_contain_text(labels["tier"])
    expect(rfm.locator(".widget-label").first).to_have_text(labels["bins"])
    plot = rfm.locator(".widget-output img")
    expect(plot).to_be_visible()
    assert plot.evaluate("img => img.naturalWidth") > 100
    # What the page must show, computed here without a kernel by the same widget
    local = rfm_explorer(load_dataset("retail_small"), lang=lang)
    local_abc = abc_explorer(local.rfm["monetary"], lang=lang)

    def expected_rfm(bins):
        local.bins.value = bins
        return local.summary["customers"].tolist()

    wait_for_counts(table, expected_rfm(5))
    png5 = plot.get_attribute("src")
    assert png5.startswith("data:image/png")

    # move the bins slider with the keyboard: 5 -> 4 -> 6, the table and the plot follow
    rfm.locator(".widget-slider .noUi-handle").first.focus()
    page.keyboard.press("ArrowLeft")
    expect(rfm.locator(".widget-readout").first).to_have_text("4")
    assert expected_rfm(4) != expected_rfm(5)
    wait_for_counts(table, expected_rfm(4))
    png4 = wait_for_new_image(plot, {png5})
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(rfm.locator(".widget-readout").first).to_have_text("6")
    wait_for_counts(table, expected_rfm(6))
    wait_for_new_image(plot, {png4, png5})

    # the ABC explorer: a lower A cut-off gives fewer A customers
    abc = panel.locator(".crm-abc-explorer")
    abc_table = abc.locator("table.crm-summary")
    expect(abc_table).to_contain_text(labels["class_a"])
    abc_plot = abc.locator(".widget-output img")
    expect(abc_plot).to_be_visible()
    wait_for_counts(abc_table, local_abc.summary["customers"].tolist())
    n_a = shown_counts(abc_table)[0]
    abc_png = abc_plot.get_attribute("src")
    abc.locator(".widget-slider .noUi-handle").first.focus()
    page.keyboard.press("ArrowLeft")  # 80 % -> 75 %
    expect(abc.locator(".widget-readout").first).to_have_text("75%")
    local_abc.a_cut.value = 0.75
    wait_for_counts(abc_table, local_abc.summary["customers"].tolist())
    assert shown_counts(abc_table)[0] < n_a
    wait_for_new_image(abc_plot, {abc_png})

    assert tracebacks(panel) == []
    # the kernel is this environment's Python, and no news pop-up covers the page
    expect(panel.locator(".jp-OutputArea-output").last).to_contain_text(
        f"kernel python: {sys.executable}")
    assert page.get_by_text("official Jupyter news").count() == 0
    page_text = panel.inner_text()
    if lang == "zh":
        assert "客户数" in page_text and "顶级价值层" in page_text and "评分档数" in page_text
    else:
        assert not CJK.search(page_text)
    print("screenshot:", screenshot(page, "widgets", f"lab_widgets_{lang}"))
