"""Start a course hub on loopback and drive it through REST APIs, as a class would.

Used by ``tests/test_hub_e2e.py``; nothing here is mocked: ``crm-course hub``
starts JupyterHub, configurable-http-proxy, the grading service and the
students' sandboxed servers.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
CLI = str(Path(sys.executable).parent / "crm-course")
#: The students' environment tests share (built once per machine, about two minutes).
STUDENT_ENV = REPO / ".venv-student"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Hub:
    root: Path
    url: str
    admin: dict
    proc: subprocess.Popen
    log: Path
    tokens: dict = field(default_factory=dict)

    # ------------------------------------------------------------ hub API

    def api(self, method: str, path: str, user: str | None = None, **kw):
        headers = self.auth(user)
        return requests.request(method, f"{self.url}/hub/api{path}", headers=headers,
                                timeout=120, **kw)

    def auth(self, user: str | None) -> dict:
        return {"Authorization": f"token {self.tokens[user]}"} if user else self.admin

    def add_users(self, *names: str) -> None:
        r = self.api("POST", "/users", json={"usernames": list(names)})
        assert r.status_code in (201, 409), r.text
        for name in names:
            r = self.api("POST", f"/users/{name}/tokens", json={"note": "test"})
            assert r.status_code == 201, r.text
            self.tokens[name] = r.json()["token"]

    def start_server(self, user: str, timeout: float = 240) -> None:
        r = self.api("POST", f"/users/{user}/server", user=user)
        assert r.status_code in (201, 202, 400, 500), r.text  # 500: see wait below
        self.wait_ready(user, timeout)

    def wait_ready(self, user: str, timeout: float = 240) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            model = self.api("GET", f"/users/{user}", user=user).json()
            server = model.get("servers", {}).get("")
            if server and server.get("ready"):
                return
            if not model.get("pending") and not server:
                r = self.api("POST", f"/users/{user}/server", user=user)
                assert r.status_code in (201, 202, 400), (r.status_code, r.text, self.tail())
            time.sleep(1)
        raise AssertionError(f"{user}'s server did not start:\n{self.tail()}")

    # ------------------------------------------------------------ a user's server

    def server(self, method: str, user: str, path: str, **kw):
        kw.setdefault("headers", self.auth(user))
        return requests.request(method, f"{self.url}/user/{user}/{path.lstrip('/')}",
                                timeout=300, allow_redirects=False, **kw)

    def contents(self, user: str, path: str) -> dict:
        r = self.server("GET", user, f"api/contents/{path}")
        assert r.status_code == 200, (path, r.status_code, r.text[:300])
        return r.json()

    def put_notebook(self, user: str, path: str, nb: dict) -> None:
        r = self.server("PUT", user, f"api/contents/{path}",
                        json={"type": "notebook", "format": "json", "content": nb})
        assert r.status_code in (200, 201), r.text[:300]

    def assignments(self, user: str, action: str = "", **data):
        """nbgrader's Assignments panel: list (GET), fetch, submit, fetch_feedback (POST)."""
        data.setdefault("course_id", "crm-course")
        if not action:
            r = self.server("GET", user, "assignments", params=data)
        else:
            r = self.server("POST", user, f"assignments/{action}", data=data)
        assert r.status_code == 200, (action, r.status_code, r.text[:500])
        body = r.json()
        assert body["success"], (action, body)
        return body["value"]

    def run_code(self, user: str, code: str, timeout: float = 120) -> str:
        """Run ``code`` in a new kernel of ``user``'s server; return what it printed."""
        import websocket

        r = self.server("POST", user, "api/kernels", json={"name": "python3"})
        assert r.status_code == 201, r.text
        kernel = r.json()["id"]
        ws_url = (self.url.replace("http", "ws") + f"/user/{user}/api/kernels/{kernel}/channels")
        ws = websocket.create_connection(ws_url, header=[
            f"Authorization: token {self.tokens[user]}"], timeout=timeout)
        msg_id = uuid.uuid4().hex
        ws.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": user,
                       "session": uuid.uuid4().hex, "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell",
            "content": {"code": code, "silent": False, "store_history": False,
                        "user_expressions": {}, "allow_stdin": False}}))
        out = []
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                msg = json.loads(ws.recv())
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind = msg["header"]["msg_type"]
                if kind == "stream":
                    out.append(msg["content"]["text"])
                elif kind == "error":
                    out.append(f"{msg['content']['ename']}: {msg['content']['evalue']}\n")
                elif kind == "status" and msg["content"]["execution_state"] == "idle":
                    break
        finally:
            ws.close()
            self.server("DELETE", user, f"api/kernels/{kernel}")
        return "".join(out)

    # ------------------------------------------------------------ the grading service

    def service(self, method: str, path: str, user: str, **kw):
        return requests.request(method, f"{self.url}/services/grader/{path.lstrip('/')}",
                                headers=self.auth(user), timeout=900, **kw)

    def tail(self, lines: int = 60) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace").splitlines()
        return "\n".join(text[-lines:])

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)  # the hub, its proxy, service, servers
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)


def start_hub(root: Path, *, db: str | None = None, poll: float = 2.0,
              instructors=("teacher",), chinese=(), timeout: float = 300) -> Hub:
    """``crm-course hub`` with the dummy authenticator on free loopback ports."""
    token = secrets.token_hex(24)
    extra = root.parent / f"{root.name}-extra_config.py"
    service = {"name": "test-admin", "api_token": token}
    role = {"name": "test-admin", "services": ["test-admin"],
            "scopes": ["admin:users", "admin:servers", "tokens", "admin:groups"]}
    extra.write_text(f"c.JupyterHub.services.append({service!r})\n"
                     f"c.JupyterHub.load_roles.append({role!r})\n", encoding="utf-8")
    port = free_port()
    argv = [CLI, "hub", "--root", str(root), "--auth", "dummy", "--port", str(port),
            "--hub-port", str(free_port()), "--proxy-api-port", str(free_port()),
            "--service-port", str(free_port()), "--poll", str(poll), "--jobs", "2",
            "--student-env", str(STUDENT_ENV), "--extra-config", str(extra)]
    for name in instructors:
        argv += ["--instructor", name]
    for name in chinese:
        argv += ["--chinese", name]
    if db:
        argv += ["--db", db]
    log = root.parent / f"{root.name}.log"
    proc = subprocess.Popen(argv, stdout=log.open("w"), stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    hub = Hub(root, f"http://127.0.0.1:{port}", {"Authorization": f"token {token}"}, proc, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"crm-course hub exited:\n{hub.tail()}")
        try:
            if requests.get(f"{hub.url}/hub/api/", timeout=5).status_code == 200 and \
                    hub.api("GET", "/users").status_code == 200:
                return hub
        except requests.ConnectionError:
            pass
        time.sleep(1)
    hub.stop()
    raise AssertionError(f"the hub did not come up:\n{hub.tail()}")
