"""``crm-course hub``: run a class on JupyterHub, release and grade through the exchange.

``crm-course hub --root /srv/crm-hub --instructor wang`` lays out the hub's
folder, builds the students' environment, and runs JupyterHub with
configurable-http-proxy (:mod:`autograder.hub.config`). The actions an
instructor uses beside it:

* ``crm-course hub release ch05 --root DIR``: generate and release to the exchange;
* ``crm-course hub grade ch05 --root DIR``: collect, grade, release feedback now
  (the grading service does it by itself when submissions arrive);
* ``crm-course hub status --root DIR``; ``crm-course hub student-env --root DIR``.

Examples
--------
>>> import argparse
>>> sub = argparse.ArgumentParser().add_subparsers()
>>> p = add_hub_parser(sub)
>>> args = p.parse_args(["grade", "ch05", "--root", "/srv/hub", "--force"])
>>> args.action, args.assignment, args.force
('grade', 'ch05', True)
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

from autograder.coursedir import GradingError
from autograder.hub.settings import AUTHENTICATORS, from_mapping, read_toml

#: The JupyterHub config file ``crm-course hub`` starts JupyterHub with (the same
#: text as ``deploy/hub/jupyterhub_config.py``).
CONFIG_FILE_TEXT = '''\
# JupyterHub config of the CRM course hub. `crm-course hub` writes the hub's settings
# (hub.json) and starts JupyterHub with this file; to run JupyterHub yourself:
#   CRM_HUB_SETTINGS=/srv/crm-hub/hub.json jupyterhub -f deploy/hub/jupyterhub_config.py
# What it sets is in autograder/hub/config.py and docs/hub.md.
from autograder.hub.config import configure
from autograder.hub.settings import load_settings

configure(c, load_settings())  # noqa: F821 - `c` is JupyterHub's config object
'''

_OPTIONS = {  # flag -> (setting, type, help)
    "--ip": ("ip", str, "address the hub listens on (default 127.0.0.1)"),
    "--port": ("port", int, "port of the hub's public address (default 8000)"),
    "--hub-port": ("hub_port", int, "port of the hub's API on 127.0.0.1 (default 8081)"),
    "--proxy-api-port": ("proxy_api_port", int, "configurable-http-proxy's API port (8001)"),
    "--service-port": ("service_port", int, "the grading service's port (default 10101)"),
    "--auth": ("auth", str, f"authenticator: {', '.join(AUTHENTICATORS)} (default native)"),
    "--db": ("db", str, "the shared gradebook, postgresql+psycopg://USER:PASSWORD@HOST/DB "
                        "(default: SQLite in ROOT/grading)"),
    "--poll": ("poll", float, "seconds between looks for new submissions; 0 grades only "
                              "on demand (default 30)"),
    "--jobs": ("jobs", int, "submissions graded at once (default 2)"),
    "--student-env": ("student_env", str, "the students' environment (default "
                                          "ROOT/student-env)"),
    "--extra-config": ("extra_config", str, "a Python file of more JupyterHub config"),
}


def add_hub_parser(sub):
    """Register ``crm-course hub`` on the ``crm-course`` subparsers ``sub``."""
    p = sub.add_parser("hub", help="run the course on JupyterHub; release and grade "
                                   "through nbgrader's exchange",
                       description=__doc__.split("\n\n")[0])
    p.add_argument("action", nargs="?", default="start",
                   choices=["start", "release", "grade", "status", "student-env"],
                   help="start the hub (default), release or grade an assignment, show "
                        "the status, build the students' environment")
    p.add_argument("assignment", nargs="?", metavar="ASSIGNMENT")
    p.add_argument("--root", metavar="DIR", help="the hub's folder (default ./crm-hub)")
    p.add_argument("--config", metavar="TOML", help="hub settings ([hub] table; "
                                                     "docs/hub.example.toml)")
    for flag, (_, kind, text) in _OPTIONS.items():
        p.add_argument(flag, type=kind, default=None, help=text)
    p.add_argument("--instructor", action="append", default=None, metavar="USER",
                   help="a hub user in the instructors group (repeat for several)")
    p.add_argument("--chinese", action="append", default=None, metavar="USER",
                   help="a student whose course is in Chinese (the lang-zh group)")
    p.add_argument("--force", action="store_true", help="grade: everyone again")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=cmd_hub)
    return p


def settings_from_args(args):
    """Saved settings (if any) < the TOML file < the options given."""
    root = Path(args.root or "crm-hub").absolute()
    data: dict = {"root": str(root)}
    saved = root / "hub.json"
    if saved.exists():
        data.update(json.loads(saved.read_text(encoding="utf-8")))
    if args.config:
        data.update(read_toml(args.config))
        data["root"] = str(Path(args.root).absolute()) if args.root else data.get("root",
                                                                                   str(root))
    for flag, (name, _, _) in _OPTIONS.items():
        value = getattr(args, flag.lstrip("-").replace("-", "_"))
        if value is not None:
            data[name] = value
    if args.instructor is not None:
        data["instructors"] = args.instructor
    if args.chinese is not None:
        data["chinese"] = args.chinese
    return from_mapping(data, args.config or str(saved))


def _print(result, as_json: bool) -> None:
    if as_json:
        print(json.dumps(result))
    else:
        print(json.dumps(result, indent=2, ensure_ascii=False))


def cmd_hub(args) -> int:
    from autograder.hub import cycle

    settings = settings_from_args(args)
    if args.action in {"release", "grade"} and not args.assignment:
        raise GradingError(f"crm-course hub {args.action} needs an ASSIGNMENT (e.g. ch05)")
    if args.action == "start":
        return start(settings)
    if args.action == "student-env":
        from autograder.hub.studentenv import build_env

        print(build_env(settings.student_env))
        return 0
    if not settings.settings_file.exists():
        raise GradingError(f"{settings.root} is not a hub folder: start it with "
                           f"`crm-course hub --root {settings.root}` first")
    quiet = (lambda *_: None) if args.json else print
    if args.action == "release":
        outbound = cycle.release(settings, args.assignment)
        _print({"released": args.assignment, "outbound": str(outbound)}, args.json)
    elif args.action == "grade":
        report = cycle.run_cycle(settings, args.assignment, force=args.force, log=quiet)
        _print(report.to_dict(), args.json)
    else:
        _print({a: {"inbound": len(cycle.inbound(settings, a)),
                    "waiting": len(cycle.new_submissions(settings, a))}
                for a in cycle.released(settings)}, args.json)
    return 0


def start(settings) -> int:
    """Prepare the hub's folder and the students' environment; exec JupyterHub."""
    from autograder.hub.config import prepare_hub
    from autograder.hub.studentenv import build_env
    from autograder.sandbox import check_sandbox

    check_sandbox()  # students' servers and grading both need bubblewrap
    settings.proxy()  # fails early, saying how to install it
    prepare_hub(settings)
    build_env(settings.student_env)
    config = settings.root / "jupyterhub_config.py"
    config.write_text(CONFIG_FILE_TEXT, encoding="utf-8")
    env = dict(os.environ, CRM_HUB_SETTINGS=str(settings.settings_file))
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    jupyterhub = shutil.which("jupyterhub", path=env["PATH"]) or "jupyterhub"
    print(f"JupyterHub for {settings.course_id} on {settings.public_url} "
          f"(folder {settings.root}, {settings.auth} log-in)", flush=True)
    os.chdir(settings.state_dir)
    os.execve(jupyterhub, [jupyterhub, "-f", str(config)], env)
    return 0  # pragma: no cover
