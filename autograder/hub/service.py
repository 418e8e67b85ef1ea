"""The grading service: a JupyterHub service that grades submissions as they arrive.

JupyterHub starts it (``c.JupyterHub.services``, :mod:`autograder.hub.config`)
at ``/services/grader/``. Only the ``instructors`` group may use it (the
``access:services!service=grader`` scope of the ``course-instructor`` role).

* Every ``poll`` seconds it looks into the exchange's inbound folder; when a
  submission of a released assignment arrived, it runs one cycle
  (:func:`autograder.hub.cycle.run_cycle`: collect, ``crm-course grade`` in the
  sandbox, release feedback) in a process of its own.
* ``POST /services/grader/api/grade/<assignment>`` does the same on demand
  (``?force=1`` grades everyone again); ``POST .../api/release/<assignment>``
  releases an assignment; ``GET .../api/status`` says what is where.
  API calls carry a hub token in the ``Authorization`` header (a form posted
  with a browser's cookie alone is refused: no cross-site requests).
* ``GET /services/grader/`` is a page for instructors with the same status
  and a link that opens nbgrader's formgrader in its own tab (in an iframe it
  is blank under JupyterHub >= 4.1).

One cycle runs at a time; requests made meanwhile wait for it.
"""

from __future__ import annotations

import asyncio
import html
import json
import logging
import os
import sys
from urllib.parse import urlparse

from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from jupyterhub.utils import url_path_join
from tornado import web
from tornado.ioloop import IOLoop, PeriodicCallback

from autograder.hub import cycle
from autograder.hub.settings import load_settings

log = logging.getLogger("crm-course.grader")


class Runner:
    """Runs cycles in child processes, one at a time, and remembers the last of each."""

    def __init__(self, settings):
        self.settings = settings
        self.lock = asyncio.Lock()
        self.last: dict[str, dict] = {}
        self.busy: str | None = None

    async def command(self, *args: str) -> dict:
        async with self.lock:
            self.busy = " ".join(args)
            try:
                proc = await asyncio.create_subprocess_exec(
                    sys.executable, "-m", "autograder.cli", "hub", *args,
                    "--root", str(self.settings.root), "--json",
                    stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
                    stdin=asyncio.subprocess.DEVNULL)
                out, err = await proc.communicate()
            finally:
                self.busy = None
        text = out.decode("utf-8", "replace")
        if proc.returncode != 0:
            message = err.decode("utf-8", "replace").strip().splitlines()
            raise web.HTTPError(500, reason=(message[-1] if message else "failed")[:300])
        result = json.loads(text.strip().splitlines()[-1])
        if args[0] == "grade":
            self.last[args[1]] = result
        return result

    async def poll(self) -> None:
        """Grade every released assignment that has new submissions."""
        if self.lock.locked():
            return
        for assignment in cycle.released(self.settings):
            if cycle.new_submissions(self.settings, assignment):
                log.info("new submissions of %s: grading", assignment)
                try:
                    result = await self.command("grade", assignment)
                    log.info("graded %s: %s", assignment, json.dumps(result["graded"]))
                except web.HTTPError as exc:
                    log.error("grading %s failed: %s", assignment, exc.reason)

    def status(self) -> dict:
        s = self.settings
        return {"busy": self.busy, "poll_seconds": s.poll,
                "assignments": {a: {"inbound": len(cycle.inbound(s, a)),
                                    "waiting": len(cycle.new_submissions(s, a)),
                                    "last": self.last.get(a)}
                                for a in cycle.released(s)}}


class Base(HubOAuthenticated, web.RequestHandler):
    @property
    def runner(self) -> Runner:
        return self.settings["runner"]


class ApiHandler(Base):
    def check_xsrf_cookie(self):  # a token in the header, never a cookie alone
        pass

    def _require_token(self):
        if not self.request.headers.get("Authorization", "").lower().startswith(
                ("token ", "bearer ")):
            raise web.HTTPError(403, reason="API calls need an Authorization header")

    def write_json(self, data) -> None:
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(data))


class StatusApi(ApiHandler):
    @web.authenticated
    def get(self):
        self.write_json(self.runner.status())


class GradeApi(ApiHandler):
    @web.authenticated
    async def post(self, assignment: str):
        self._require_token()
        args = ["grade", assignment] + (["--force"] if self.get_argument("force", "") else [])
        self.write_json(await self.runner.command(*args))


class ReleaseApi(ApiHandler):
    @web.authenticated
    async def post(self, assignment: str):
        self._require_token()
        self.write_json(await self.runner.command("release", assignment))


class Page(Base):
    @web.authenticated
    def get(self):
        user = self.get_current_user()
        status = self.runner.status()
        hub = urlparse(os.environ.get("JUPYTERHUB_BASE_URL", "/")).path
        formgrader = url_path_join(hub, "user", user["name"], "formgrader")
        rows = "".join(
            f"<tr><td>{html.escape(a)}</td><td>{v['inbound']}</td><td>{v['waiting']}</td>"
            f"<td>{html.escape(json.dumps((v['last'] or {}).get('graded', {})))}</td></tr>"
            for a, v in status["assignments"].items())
        self.finish(f"""<!doctype html><meta charset="utf-8"><title>Grading</title>
<h1>Grading · 评分</h1>
<p><a href="{html.escape(formgrader)}" target="_blank" rel="noopener">Open the formgrader
in a new tab · 在新标签页打开评分器</a> (written tasks are graded by hand there).</p>
<p>{'Grading now: ' + html.escape(status['busy']) if status['busy'] else 'Idle.'}
New submissions are graded every {status['poll_seconds']:g} s
(0: only on demand).</p>
<table border="1" cellpadding="4"><tr><th>assignment</th><th>submissions in the exchange</th>
<th>waiting</th><th>last graded</th></tr>{rows}</table>
<p>On demand: <code>curl -X POST -H "Authorization: token $TOKEN"
{html.escape(self.request.full_url().rstrip('/'))}/api/grade/ch05</code></p>
""")


def make_app(settings) -> web.Application:
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/grader/")
    runner = Runner(settings)
    return web.Application([
        (prefix, Page),
        (url_path_join(prefix, "api/status"), StatusApi),
        (url_path_join(prefix, r"api/grade/([A-Za-z0-9_-]+)"), GradeApi),
        (url_path_join(prefix, r"api/release/([A-Za-z0-9_-]+)"), ReleaseApi),
        (url_path_join(prefix, "oauth_callback"), HubOAuthCallbackHandler),
    ], cookie_secret=os.urandom(32), runner=runner)


def main() -> None:
    settings = load_settings()
    logfile = settings.state_dir / "service" / "grader.log"
    logfile.parent.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s",
                        handlers=[logging.StreamHandler(), logging.FileHandler(logfile)])
    from autograder.hub.config import write_configs

    try:
        write_configs(settings)  # the folders and nbgrader configs (again: idempotent)
    except OSError as exc:
        log.warning("could not write the hub's configs: %s", exc)
    app = make_app(settings)
    url = urlparse(os.environ.get("JUPYTERHUB_SERVICE_URL",
                                  f"http://127.0.0.1:{settings.service_port}"))
    app.listen(url.port, url.hostname)
    runner = app.settings["runner"]
    if settings.poll > 0:
        PeriodicCallback(lambda: asyncio.ensure_future(runner.poll()),
                         settings.poll * 1000).start()
    log.info("grading service on %s (new submissions every %s s)", url.geturl(), settings.poll)
    try:
        IOLoop.current().start()
    except KeyboardInterrupt:  # JupyterHub stopping
        log.info("grading service stopped")


if __name__ == "__main__":  # pragma: no cover
    main()
