"""End-to-end: the chapter 5 widgets in a real JupyterLab, driven in Chromium.

A JupyterLab server from this Python environment is started on a free localhost
port with a random token, an isolated Jupyter config/data/runtime folder, a
kernel spec pointing at this interpreter, and the "Jupyter news" consent toast
switched off. Debian's Chromium (``/usr/bin/chromium``) is driven by
Playwright's sync API: it opens notebooks, runs them with Run > Run All Cells,
waits for the widgets, moves sliders with the keyboard and reads back what the
page shows.

Every wait is bounded, so a hang fails the test instead of blocking the run;
the server (with its kernels) and the browser are always shut down.

Run only these tests with ``pytest -m browser``. Screenshots are saved in the
tests' temporary folders (their paths are printed; see them with ``pytest -s``).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import expect, sync_playwright

from course import load_dataset
from course.widgets.identification import abc_explorer, rfm_explorer

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[1]
LECTURES = {lang: REPO / "notebooks" / lang / "ch05_identification.ipynb"
            for lang in ("en", "zh")}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="Debian's Chromium is not installed at /usr/bin/chromium "
                              "(apt-get install chromium)"),
]

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SERVER_START_TIMEOUT = 90  # seconds
WAIT_MS = 60_000  # default Playwright timeout for one step
RUN_TIMEOUT = 300  # seconds for a whole lecture to run

ERROR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
CJK = re.compile(r"[\u4e00-\u9fff]")

# JupyterLab user settings: never ask about (or fetch) Jupyter news, never check for
# updates, and keep every cell in the DOM so a whole notebook can be inspected.
USER_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LabServer:
    """A ``jupyter lab`` subprocess serving ``root`` on localhost."""

    def __init__(self, base: Path):
        self.base = base
        self.root = base / "root"
        self.port = _free_port()
        self.token = secrets.token_hex(24)
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = base / "server.log"
        self.proc: subprocess.Popen | None = None

    def _prepare(self) -> dict[str, str]:
        for sub in ("root", "config", "data", "runtime", "ipython", "settings", "workspaces"):
            (self.base / sub).mkdir(parents=True, exist_ok=True)
        for rel, value in USER_SETTINGS.items():
            path = self.base / "settings" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(value))
        # A kernel spec that runs this very interpreter (the venv's Python). The user data
        # dir comes first on the Jupyter path, so it shadows any other "python3" spec.
        spec = self.base / "data" / "kernels" / "python3"
        spec.mkdir(parents=True, exist_ok=True)
        (spec / "kernel.json").write_text(json.dumps({
            "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Python 3 (ipykernel)", "language": "python"}))
        env = {k: v for k, v in os.environ.items() if k != "CRM_COURSE_LANG"}
        env.update({
            "JUPYTER_CONFIG_DIR": str(self.base / "config"),
            "JUPYTER_DATA_DIR": str(self.base / "data"),
            "JUPYTER_RUNTIME_DIR": str(self.base / "runtime"),
            "IPYTHONDIR": str(self.base / "ipython"),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO),
                                                        os.environ.get("PYTHONPATH")])),
        })
        return env

    def start(self) -> None:
        env = self._prepare()
        cmd = [
            sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root}",
            "--ServerApp.terminals_enabled=False",
            # a safety net: the server stops by itself if this process dies
            "--ServerApp.shutdown_no_activity_timeout=900",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            f"--LabApp.user_settings_dir={self.base / 'settings'}",
            f"--LabApp.workspaces_dir={self.base / 'workspaces'}",
        ]
        self._log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(cmd, cwd=self.root, env=env, stdout=self._log,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyter lab exited with {self.proc.returncode}:\n"
                                   f"{self.log_tail()}")
            try:
                self.api("GET", "/api/status")
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        raise RuntimeError(f"jupyter lab did not answer within {SERVER_START_TIMEOUT} s:\n"
                           f"{self.log_tail()}")

    def api(self, method: str, path: str, timeout: float = 10):
        request = urllib.request.Request(self.url + path, method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        for session in self.api("GET", "/api/sessions"):
            self.api("DELETE", f"/api/sessions/{session['id']}", timeout=30)

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            try:  # a clean shutdown also shuts down the kernels
                self.api("POST", "/api/shutdown")
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.terminate()
                try:
                    self.proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait(timeout=15)
        self._log.close()

    def lab_url(self, notebook: str) -> str:
        # a fresh workspace per notebook, so no other tab is restored next to it
        workspace = re.sub(r"\W", "-", Path(notebook).stem)
        return (f"{self.url}/lab/workspaces/{workspace}/tree/{notebook}"
                f"?reset&token={self.token}")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    server = LabServer(tmp_path_factory.mktemp("jupyterlab"))
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def chromium(lab, tmp_path_factory):
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1000}, timeout=WAIT_MS)
        try:
            context.set_default_timeout(WAIT_MS)
            context.set_default_navigation_timeout(WAIT_MS)
            yield context
        finally:
            context.close()


@pytest.fixture()
def page(chromium, lab, tmp_path):
    page = chromium.new_page()
    try:
        yield page
    finally:
        try:
            page.screenshot(path=str(tmp_path / "last.png"), full_page=True, timeout=15_000)
        except Exception:  # noqa: BLE001 - a screenshot is only a debugging aid
            pass
        page.close()
        try:
            lab.shutdown_kernels()
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass  # the server is gone; the lab fixture reports that


# ---------------------------------------------------------------------------------------
# helpers


def write_notebook(path: Path, *sources: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    nbformat.write(nb, path)


def open_and_run_all(page, lab: LabServer, notebook: str):
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
def test_rfm_and_abc_widgets_render_and_react(page, lab, lang, tmp_path):
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
    shot = tmp_path / f"lab_widgets_{lang}.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"screenshot: {shot}")


# ---------------------------------------------------------------------------------------
# the chapter 5 lectures, run top to bottom in the browser


def wait_until_done(panel, n_code_cells: int, timeout: float = RUN_TIMEOUT) -> dict:
    """Poll the notebook until every code cell ran, or one failed, or time runs out."""
    script = """(panel) => {
        const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
            .map(e => e.textContent.trim());
        return {executed: prompts.filter(p => /^\\[\\d+\\]:?$/.test(p)).length,
                running: prompts.filter(p => p.includes('*')).length,
                tracebacks: [...panel.querySelectorAll(
                    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
                    .filter(e => e.textContent.includes('Traceback')).length};
    }"""
    deadline = time.monotonic() + timeout
    state = {}
    while time.monotonic() < deadline:
        state = panel.evaluate(script)
        if state["tracebacks"] or (state["executed"] >= n_code_cells and not state["running"]):
            return state
        time.sleep(0.5)
    raise AssertionError(f"the notebook did not finish within {timeout} s: {state}")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_ch05_lecture_runs_in_the_browser(page, lab, lang, tmp_path):
    source = LECTURES[lang]
    assert source.exists(), f"{source} is missing"
    name = f"lecture_{lang}_{source.name}"
    shutil.copy(source, lab.root / name)
    nb = nbformat.read(source, as_version=4)
    n_code = sum(1 for cell in nb.cells if cell.cell_type == "code" and cell.source.strip())

    panel = open_and_run_all(page, lab, name)
    state = wait_until_done(panel, n_code)
    shot = tmp_path / f"lecture_{lang}.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"screenshot: {shot}")
    errors = tracebacks(panel)
    assert not errors, f"a cell of {source.name} ({lang}) failed:\n" + "\n\n".join(errors)
    assert state["executed"] == n_code, state

    # the widgets rendered, with their tables and plots
    expect(panel.locator(".crm-rfm-explorer .widget-slider")).to_have_count(4)
    expect(panel.locator(".crm-abc-explorer .widget-slider")).to_have_count(2)
    expect(panel.locator(".crm-rfm-explorer table.crm-summary")).to_be_visible()
    expect(panel.locator(".crm-abc-explorer table.crm-summary")).to_be_visible()
    expect(panel.locator(".crm-rfm-explorer .widget-output img")).to_be_visible()
    expect(panel.locator(".crm-abc-explorer .widget-output img")).to_be_visible()
    assert "Error displaying widget" not in panel.inner_text()
    if lang == "zh":
        expect(panel.locator(".crm-rfm-explorer table.crm-summary")).to_contain_text("客户数")
