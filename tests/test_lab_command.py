"""`crm-course lab` starts a real JupyterLab on the course, quiet and in the chosen language."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode("utf-8")


def _forget_overrides() -> None:
    """Remove the course's defaults so the test sees `crm-course lab` write them again."""
    path = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    if path.exists():
        data = json.loads(path.read_text(encoding="utf-8"))
        data.pop("@jupyterlab/apputils-extension:notification", None)
        path.write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture()
def lab(tmp_path):
    _forget_overrides()
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
               JUPYTER_CONFIG_DIR=str(tmp_path / "config"), HOME=str(tmp_path))
    proc = subprocess.Popen(
        [sys.executable, "-m", "autograder.cli", "lab", "--lang", "zh", "--no-browser",
         "--port", str(port), "--", f"--IdentityProvider.token={token}",
         "--ServerApp.ip=127.0.0.1", "--ServerApp.port_retries=0"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                _get(f"{base}/api/status?token={token}")
                break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    proc.kill()
                    output = proc.communicate(timeout=30)[0]
                    raise AssertionError("JupyterLab did not start:\n" + output) from None
                time.sleep(0.5)
        yield base, token
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_lab_serves_the_course_without_news_popups(lab):
    base, token = lab
    status, body = _get(f"{base}/api/contents/notebooks/zh?token={token}")
    assert status == 200
    names = {item["name"] for item in json.loads(body)["content"]}
    assert "ch05_identification.ipynb" in names
    _, body = _get(f"{base}/lab/api/settings/@jupyterlab/apputils-extension:notification"
                   f"?token={token}")
    # overrides.json changes the schema defaults; user settings stay empty
    defaults = json.loads(body)["schema"]["properties"]
    assert defaults["fetchNews"]["default"] == "false"
    assert defaults["checkForUpdates"]["default"] is False
    status, page = _get(f"{base}/lab/tree/notebooks/zh?token={token}")
    assert status == 200 and "JupyterLab" in page
