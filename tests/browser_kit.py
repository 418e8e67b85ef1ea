"""What the browser tests share: servers, Debian's Chromium, and reading a rendered page.

* :class:`LabServer` starts ``crm-course lab`` as an instructor would (a free
  loopback port, a random token, ``--allow-root`` as root, which the command adds
  itself) on a scratch copy of the course's ``notebooks/`` and ``exercises/``, with
  its own Jupyter config, data and runtime folders and a kernel spec running this
  interpreter. Nothing the tests do (outputs, a filled-in exercise) touches the
  repository.
* :func:`launch_chromium` opens Debian's ``/usr/bin/chromium`` through Playwright,
  headless and with the flags that keep it off the network (Playwright never
  downloads a browser).
* :func:`simulations`, :func:`move_first_control` and :func:`display_signature` find
  the simulations of a rendered page by themselves: every top-level ipywidgets view
  that holds a control. A new chapter's widgets are covered without naming them.
* :func:`missing_glyphs` tells whether Chinese text is drawn with a real CJK font
  rather than the empty boxes of a missing glyph.
* :func:`screenshot` writes into ``build/browser-screenshots/`` (or
  ``$CRM_SCREENSHOTS``), a folder that outlives the run.

Every wait is bounded, so a hang fails a test instead of blocking the run.
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

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[1]
CLI = str(Path(sys.executable).parent / "crm-course")
SCREENSHOTS = Path(os.environ.get("CRM_SCREENSHOTS") or REPO / "build" / "browser-screenshots")

#: Flags that keep Chromium quiet and off the network (no updates, sync, QUIC, GPU).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--lang=en-US"]
SERVER_START_TIMEOUT = 120  # seconds
WAIT_MS = 60_000  # default Playwright timeout of one step

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's Chromium is not installed at /usr/bin/chromium (apt-get install chromium)")

#: CJK Unified Ideographs (with extension A and the compatibility block).
CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

#: JupyterLab user settings of the test server: no news, no update check, no autosave,
#: and every cell kept in the DOM so that a whole notebook can be read.
USER_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def lectures() -> list[Path]:
    """Every lecture notebook, English then Chinese, found on disk (``chNN_*.ipynb``)."""
    return [p for lang in ("en", "zh")
            for p in sorted((REPO / "notebooks" / lang).glob("ch[0-9][0-9]_*.ipynb"))]


def wait_http(url: str, proc: subprocess.Popen | None, timeout: float, log=None) -> None:
    """Poll ``url`` until it answers 2xx/3xx; fail early if ``proc`` exited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}:\n"
                               f"{log() if log else ''}")
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if response.status < 400:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout} s:\n{log() if log else ''}")


def wait_port(port: int, proc: subprocess.Popen | None, timeout: float, log=None) -> None:
    """Wait until something listens on ``port`` of loopback; fail early if ``proc`` exited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}:\n"
                               f"{log() if log else ''}")
        with socket.socket() as sock:
            sock.settimeout(1)
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.3)
    raise RuntimeError(f"nothing listens on port {port} after {timeout} s:\n"
                       f"{log() if log else ''}")


def stop_process(proc: subprocess.Popen | None) -> None:
    """Terminate ``proc`` (and wait for it), killing it if it does not stop."""
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=15)


def isolated_jupyter_env(base: Path) -> dict[str, str]:
    """Environment of a Jupyter server with its own config, data and runtime folders.

    The data folder holds a ``python3`` kernel spec running this interpreter, which
    shadows any other spec of that name.
    """
    for sub in ("config", "data", "runtime", "ipython", "home"):
        (base / sub).mkdir(parents=True, exist_ok=True)
    spec = base / "data" / "kernels" / "python3"
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (ipykernel)", "language": "python"}))
    env = {k: v for k, v in os.environ.items() if k != "CRM_COURSE_LANG"}
    env.update({
        "JUPYTER_CONFIG_DIR": str(base / "config"),
        "JUPYTER_DATA_DIR": str(base / "data"),
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
        "IPYTHONDIR": str(base / "ipython"),
        "HOME": str(base / "home"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    })
    return env


class LabServer:
    """``crm-course lab --lang LANG`` serving a scratch copy of the course on loopback."""

    def __init__(self, base: Path, lang: str = "en"):
        self.base = base
        self.lang = lang
        self.root = base / "course"
        self.port = free_port()
        self.token = secrets.token_hex(24)
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = base / "server.log"
        self.proc: subprocess.Popen | None = None
        self._log = None

    def command(self) -> list[str]:
        settings, workspaces = self.base / "settings", self.base / "workspaces"
        return [CLI, "lab", "--lang", self.lang, "--no-browser", "--port", str(self.port),
                "--root", str(self.root), "--",
                f"--IdentityProvider.token={self.token}", "--ServerApp.ip=127.0.0.1",
                "--ServerApp.port_retries=0",
                "--ServerApp.terminals_enabled=False",
                # a safety net: the server stops by itself if the test process dies
                "--ServerApp.shutdown_no_activity_timeout=900",
                "--LabApp.news_url=None",
                "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                "--LabApp.expose_app_in_browser=True",
                f"--LabApp.user_settings_dir={settings}",
                f"--LabApp.workspaces_dir={workspaces}"]

    def start(self) -> None:
        for folder in ("notebooks", "exercises"):
            shutil.copytree(REPO / folder, self.root / folder, dirs_exist_ok=True)
        for rel, value in USER_SETTINGS.items():
            path = self.base / "settings" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(value))
        (self.base / "workspaces").mkdir(exist_ok=True)
        env = isolated_jupyter_env(self.base)
        self._log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(self.command(), cwd=self.root, env=env, stdout=self._log,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        wait_http(f"{self.url}/api/status?token={self.token}", self.proc,
                  SERVER_START_TIMEOUT, self.log_tail)

    def api(self, method: str, path: str, timeout: float = 10, body: dict | None = None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, method=method, data=data,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read()
        return json.loads(raw) if raw else None

    def shutdown_kernels(self) -> None:
        for session in self.api("GET", "/api/sessions"):
            self.api("DELETE", f"/api/sessions/{session['id']}", timeout=30)

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            try:  # a clean shutdown also shuts down the kernels
                self.api("POST", "/api/shutdown")
                self.proc.wait(timeout=30)
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError,
                    subprocess.TimeoutExpired):
                stop_process(self.proc)
        if self._log:
            self._log.close()

    def lab_url(self, path: str) -> str:
        """The URL opening ``path`` alone, in a fresh workspace (no other tab restored)."""
        workspace = re.sub(r"\W", "-", path)
        return f"{self.url}/lab/workspaces/{workspace}/tree/{path}?reset&token={self.token}"


class launch_chromium:  # noqa: N801 - used like a function, as a context manager
    """Debian's Chromium through Playwright: ``with launch_chromium(profile) as context``."""

    def __init__(self, profile: Path, **context_options):
        self.profile = profile
        self.options = {"viewport": {"width": 1400, "height": 1000}, **context_options}

    def __enter__(self):
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        try:
            self.context = self._pw.chromium.launch_persistent_context(
                str(self.profile), executable_path=str(CHROMIUM), headless=True,
                args=CHROMIUM_ARGS, timeout=WAIT_MS, **self.options)
        except Exception:
            self._pw.stop()
            raise
        self.context.set_default_timeout(WAIT_MS)
        self.context.set_default_navigation_timeout(WAIT_MS)
        return self.context

    def __exit__(self, *exc):
        try:
            self.context.close()
        finally:
            self._pw.stop()


def screenshot(page, *parts: str) -> Path:
    """Save a full-page screenshot as ``SCREENSHOTS/<parts...>.png`` and return its path."""
    path = SCREENSHOTS.joinpath(*parts).with_suffix(".png")
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True, timeout=30_000)
    return path


class RequestLog:
    """Every request a page makes, and the ones that failed or left loopback."""

    def __init__(self, page):
        self.failed: list[str] = []
        self.outside: list[str] = []
        page.on("requestfailed", self._failed)
        page.on("request", self._request)
        page.on("response", self._response)

    def _failed(self, request):
        self.failed.append(f"{request.url} ({request.failure})")

    def _request(self, request):
        url = request.url
        if not url.startswith(("http://127.0.0.1", "http://localhost", "file:", "data:",
                               "blob:", "about:", "chrome")):
            self.outside.append(url)

    def _response(self, response):
        if response.status >= 400:
            self.failed.append(f"{response.url} (HTTP {response.status})")


# ---------------------------------------------------------------------------------------
# JupyterLab: open a notebook, run it, read it


def open_notebook(page, lab: LabServer, path: str):
    """Open ``path`` in JupyterLab and wait until its kernel is connected and idle."""
    from playwright.sync_api import expect

    page.goto(lab.lab_url(path))
    panel = page.locator(".jp-NotebookPanel").filter(has=page.locator(".jp-Notebook"))
    expect(panel).to_have_count(1, timeout=90_000)  # a first load on a busy machine is slow
    page.wait_for_function(
        """() => {
            const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
            const k = w && w.sessionContext && w.sessionContext.session
                      && w.sessionContext.session.kernel;
            return !!k && k.connectionStatus === 'connected' && k.status === 'idle';
        }""", timeout=120_000)
    return panel


def run_command(page, command: str, args: dict | None = None) -> None:
    """Run a JupyterLab command (what a menu item or toolbar button runs)."""
    page.evaluate("([c, a]) => window.jupyterapp.commands.execute(c, a)", [command, args or {}])


#: Polls the notebook: how many code cells ran, how many still run, their errors.
_NOTEBOOK_STATE = """(panel) => {
    const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
        .map(e => e.textContent.trim());
    const errors = [...panel.querySelectorAll(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')];
    return {executed: prompts.filter(p => /^\\[\\d+\\]:?$/.test(p)).length,
            running: prompts.filter(p => p.includes('*')).length,
            errors: errors.map(e => e.innerText.slice(0, 3000)),
            tracebacks: errors.filter(e => e.textContent.includes('Traceback')).length};
}"""


def run_all_and_wait(page, panel, n_code_cells: int, timeout: float = 300) -> dict:
    """Run > Run All Cells, then wait until every code cell ran or one failed."""
    run_command(page, "notebook:run-all-cells")
    deadline = time.monotonic() + timeout
    state: dict = {}
    while time.monotonic() < deadline:
        state = panel.evaluate(_NOTEBOOK_STATE)
        if state["tracebacks"] or (state["executed"] >= n_code_cells and not state["running"]):
            return state
        time.sleep(0.5)
    raise AssertionError(f"the notebook did not finish within {timeout} s: "
                         f"{ {k: v for k, v in state.items() if k != 'errors'} }")


def cell(panel, index: int):
    """The ``index``-th cell (from 0) of a notebook panel."""
    return panel.locator(".jp-Notebook .jp-Cell").nth(index)


def wait_idle(page, timeout: float = 300) -> None:
    """Wait until the current notebook's kernel has nothing left to run."""
    page.wait_for_function(
        """() => {
            const w = window.jupyterapp.shell.currentWidget;
            const k = w.sessionContext.session && w.sessionContext.session.kernel;
            const busy = [...w.node.querySelectorAll('.jp-InputPrompt')]
                .some(e => e.textContent.includes('*'));
            return k && k.status === 'idle' && !busy;
        }""", timeout=timeout * 1000, polling=250)


def select_cell(page, index: int) -> None:
    """Make cell ``index`` the active cell, in command mode (what a click beside it does)."""
    page.evaluate("""(i) => {
        const nb = window.jupyterapp.shell.currentWidget.content;
        nb.mode = 'command'; nb.activeCellIndex = i; nb.activeCell.node.scrollIntoView();
    }""", index)


def type_into_cell(page, panel, index: int, text: str) -> None:
    """Replace what cell ``index`` holds with ``text``, typed into its editor."""
    target = cell(panel, index)
    if "jp-MarkdownCell" in (target.get_attribute("class") or ""):
        select_cell(page, index)
        page.evaluate("() => { window.jupyterapp.shell.currentWidget.content.mode = 'edit'; }")
    else:
        target.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(text)


#: Cell ``i`` of the current notebook, from its model: source and execution count.
_CELL_MODEL = """(i) => {
    const m = window.jupyterapp.shell.currentWidget.content.widgets[i].model;
    return {source: m.sharedModel.getSource(), count: m.executionCount ?? null};
}"""


def cell_model(page, index: int) -> dict:
    """Source and execution count of cell ``index``, as the notebook's model holds them."""
    return page.evaluate(_CELL_MODEL, index)


def run_cell(page, index: int, timeout: float = 300) -> None:
    """Run cell ``index`` alone and wait until it has run (a new execution count), idle.

    Waiting for the kernel to be idle is not enough by itself: right after the
    command the request may not have reached the kernel yet, and a test would
    read the output of the run before.
    """
    before = cell_model(page, index)["count"]
    select_cell(page, index)
    page.evaluate("""(i) => {
        const nb = window.jupyterapp.shell.currentWidget.content;
        nb.deselectAll(); nb.activeCellIndex = i;
    }""", index)
    run_command(page, "notebook:run-cell")
    page.wait_for_function(
        """([i, before]) => {
            const w = window.jupyterapp.shell.currentWidget;
            const c = w.content.widgets[i].model.executionCount;
            const k = w.sessionContext.session && w.sessionContext.session.kernel;
            return c !== null && c !== undefined && c !== before && k && k.status === 'idle';
        }""", arg=[index, before], timeout=timeout * 1000, polling=250)
    wait_idle(page, timeout)


def add_cell_below(page, panel, index: int, text: str) -> int:
    """Insert a code cell below cell ``index`` holding ``text``; return its index."""
    select_cell(page, index)
    run_command(page, "notebook:insert-cell-below")
    page.wait_for_function(
        "(i) => window.jupyterapp.shell.currentWidget.content.widgets.length > i",
        arg=index + 1, timeout=30_000)
    type_into_cell(page, panel, index + 1, text)
    page.wait_for_function(
        """([i, text]) => window.jupyterapp.shell.currentWidget.content.widgets[i]
               .model.sharedModel.getSource() === text""",
        arg=[index + 1, text], timeout=30_000)
    return index + 1


# ---------------------------------------------------------------------------------------
# simulations: found in the DOM, driven like a student drives them

#: The controls a student moves, in the order one is picked in a simulation.
CONTROLS = [".widget-slider", ".widget-dropdown", ".widget-toggle-buttons", ".widget-radio",
            ".widget-select", ".widget-checkbox", ".widget-text", ".widget-button"]

_SIMULATIONS = """(root) => {
    const views = [...root.querySelectorAll(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.widget-view+json"], '
        + '.jp-OutputArea-output .jupyter-widgets.widget-container, '
        + 'body > .jupyter-widgets, .jp-OutputArea-output > .jupyter-widgets')];
    // top-level views only: a box inside another view belongs to that simulation
    const top = views.filter(v => !views.some(o => o !== v && o.contains(v)));
    const controls = %s;
    return top.map((v, i) => {
        v.setAttribute('data-crm-sim', String(i));
        return controls.some(c => v.querySelector(c)) ? i : -1;
    }).filter(i => i >= 0);
}"""


def simulations(scope) -> list:
    """The simulations shown in ``scope`` (a page or a locator): widget views with a control.

    Each is returned as a locator; a view without any control (a plain
    output) is no simulation.
    """
    page = getattr(scope, "page", scope)
    handle = scope.element_handle() if hasattr(scope, "element_handle") else None
    root = handle if handle is not None else page.locator("body").element_handle()
    ids = root.evaluate(_SIMULATIONS % json.dumps(CONTROLS))
    return [page.locator(f'[data-crm-sim="{i}"]') for i in ids]


#: What a simulation shows besides its controls: figures (img, svg, canvas), tables, text.
_SIGNATURE = """(sim) => {
    const controls = %s;
    const isControl = (e) => controls.some(c => e.closest(c));
    const parts = [];
    let shown = 0;
    for (const e of sim.querySelectorAll('img, svg, canvas, table, .widget-html-content,'
                                          + ' .jp-OutputArea-output pre')) {
        const tag = e.tagName.toLowerCase();
        if (isControl(e) || (tag === 'svg' && e.parentElement.closest('svg'))) continue;
        if (tag === 'img') { parts.push('img:' + e.src); if (e.naturalWidth > 50) shown++; }
        else if (tag === 'svg') { parts.push('svg:' + e.innerHTML); shown++; }
        else if (tag === 'canvas') {
            try { parts.push('canvas:' + e.toDataURL()); } catch (err) { parts.push('c'); }
            shown++;
        }
        else if (tag === 'table') { parts.push('table:' + e.innerText); shown++; }
        else parts.push('text:' + e.innerText);
    }
    return {signature: parts.join('\\n'), figures_or_tables: shown};
}"""


def display_signature(sim) -> dict:
    """What ``sim`` shows now: ``signature`` (compare two) and how many figures or tables."""
    return sim.evaluate(_SIGNATURE % json.dumps(CONTROLS[:-1]))


def _readout(control) -> str:
    return control.evaluate("""(c) => {
        const r = c.querySelector('.widget-readout, .noUi-handle');
        return r ? (r.textContent || '') + '|' + (r.getAttribute('aria-valuenow') || '') : '';
    }""")


def move_first_control(page, sim) -> str:
    """Move the first control of ``sim`` as a student would; return what was moved.

    A slider is moved one step with the keyboard (right, or left at its
    maximum); a dropdown, toggle buttons, radio buttons or a list select pick
    another option; a check box is clicked; a number field is stepped up;
    a button is clicked.
    """
    for selector in CONTROLS:
        control = sim.locator(selector).first
        if control.count() == 0:
            continue
        label = control.locator(".widget-label").first
        name = (label.inner_text().strip() if label.count() else "") or selector
        if selector == ".widget-slider":
            handle = control.locator(".noUi-handle").first
            before = _readout(control)
            handle.focus()
            page.keyboard.press("ArrowRight")
            page.wait_for_timeout(200)
            if _readout(control) == before:
                page.keyboard.press("ArrowLeft")
                page.keyboard.press("ArrowLeft")
            return f"slider {name!r}"
        if selector in (".widget-dropdown", ".widget-select"):
            select = control.locator("select").first
            values = select.evaluate("s => [...s.options].map(o => o.value)")
            current = select.evaluate("s => s.value")
            other = next(v for v in values if v != current)
            select.select_option(other)
            return f"{selector[8:]} {name!r} -> {other!r}"
        if selector == ".widget-toggle-buttons":
            button = control.locator("button:not(.mod-active)").first
            text = button.inner_text()
            button.click()
            return f"toggle buttons {name!r} -> {text!r}"
        if selector == ".widget-radio":
            radio = control.locator("input[type=radio]:not(:checked)").first
            radio.check()
            return f"radio buttons {name!r}"
        if selector == ".widget-checkbox":
            control.locator("input[type=checkbox]").first.click()
            return f"check box {name!r}"
        if selector == ".widget-text":
            field = control.locator("input").first
            field.focus()
            page.keyboard.press("ArrowUp")
            page.keyboard.press("Enter")
            return f"number field {name!r}"
        control.click()
        return f"button {control.inner_text()!r}"
    raise AssertionError("the simulation has no control to move")


def wait_for_change(sim, before: str, timeout: float = 30) -> str:
    """Wait until what ``sim`` shows differs from ``before``; return the new signature."""
    deadline = time.monotonic() + timeout
    now = before
    while time.monotonic() < deadline:
        now = display_signature(sim)["signature"]
        if now != before:
            return now
        time.sleep(0.25)
    raise AssertionError(f"nothing the simulation shows changed within {timeout} s")


def exercise_simulations(page, scope, shots: tuple[str, ...]) -> list[str]:
    """Render check and one moved control for every simulation in ``scope``.

    Takes a screenshot before and after moving each, named under ``shots``.
    Returns one line per simulation saying what was moved; fails if a
    simulation shows no figure or table, or if it does not change.
    """
    sims = simulations(scope)
    assert sims, "no simulation (ipywidgets view with a control) rendered"
    done = []
    for i, sim in enumerate(sims, 1):
        sim.scroll_into_view_if_needed()
        shown = display_signature(sim)
        assert shown["figures_or_tables"] > 0, (
            f"simulation {i} shows no figure or table: {sim.inner_text()[:300]!r}")
        sim.screenshot(path=str(_shot_path(*shots, f"sim{i}-before")))
        moved = move_first_control(page, sim)
        try:
            wait_for_change(sim, shown["signature"])
        except AssertionError as exc:
            raise AssertionError(f"simulation {i}: moving its {moved}: {exc}") from None
        page.wait_for_timeout(300)  # let the redraw finish before the picture
        sim.screenshot(path=str(_shot_path(*shots, f"sim{i}-after")))
        done.append(f"simulation {i}: {moved}")
    return done


def screenshot_path(*parts: str) -> Path:
    """Where a screenshot named ``parts`` goes (its folder made)."""
    return _shot_path(*parts)


def _shot_path(*parts: str) -> Path:
    path = SCREENSHOTS.joinpath(*parts).with_suffix(".png")
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


# ---------------------------------------------------------------------------------------
# glyphs

_MISSING_GLYPHS = """(root, sample) => {
    // Draw each character in the font the page uses there, and compare it with what the
    // same font draws for a code point no font has (the "tofu" box). Equal pixels: the
    // character has no glyph.
    const canvas = document.createElement('canvas');
    canvas.width = 48; canvas.height = 48;
    const ctx = canvas.getContext('2d', {willReadFrequently: true});
    const pixels = (ch, font) => {
        ctx.clearRect(0, 0, 48, 48);
        ctx.font = font; ctx.fillStyle = '#000'; ctx.textBaseline = 'top';
        ctx.fillText(ch, 4, 4);
        return Array.from(ctx.getImageData(0, 0, 48, 48).data).join(',');
    };
    const el = root || document.body;
    const style = getComputedStyle(el);
    const font = '32px ' + style.fontFamily;
    const tofu = pixels('\\u{10FFFD}', font);
    return [...new Set(sample)].filter(ch => pixels(ch, font) === tofu);
}"""


def missing_glyphs(locator, text: str) -> list[str]:
    """The characters of ``text`` that the page cannot draw in ``locator``'s font.

    An empty list means every character has a glyph (a CJK font is there for Chinese).
    """
    return locator.evaluate(_MISSING_GLYPHS, text)


# ---------------------------------------------------------------------------------------
# a lecture, as a student sees it


def check_lecture(page, lab, lecture) -> None:
    """Run ``lecture`` in JupyterLab and check what a student sees (see the lecture tests)."""
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


# ---------------------------------------------------------------------------------------
# fixtures (registered as a plugin in conftest.py): one server and one browser per session


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """``crm-course lab --lang en`` on a scratch copy of the course, for the whole session."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium")
    server = LabServer(tmp_path_factory.mktemp("jupyterlab"))
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def chromium(tmp_path_factory):
    """One headless Chromium (a persistent context) for the whole session."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium")
    with launch_chromium(tmp_path_factory.mktemp("chromium-profile")) as context:
        yield context


@pytest.fixture()
def page(chromium, request):
    """A fresh tab; its last picture goes to the screenshots folder if the test failed."""
    tab = chromium.new_page()
    try:
        yield tab
    finally:
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            try:
                name = re.sub(r"[^\w.-]+", "_", request.node.name)
                print("screenshot of the failure:", screenshot(tab, "failures", name))
            except Exception:  # noqa: BLE001 - a screenshot is only a debugging aid
                pass
        tab.close()
        if "lab" in request.fixturenames:  # the lecture's kernel goes with its tab
            try:
                request.getfixturevalue("lab").shutdown_kernels()
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass  # the server is gone; the lab fixture reports that


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report
