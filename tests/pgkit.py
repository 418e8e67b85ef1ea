"""A real PostgreSQL server for the tests, run as an unprivileged user.

Debian's ``postgresql`` (installed by ``make setup``) refuses to run as root:
as root, its ``initdb`` and ``pg_ctl`` run here as ``nobody`` (``setpriv``),
with a data folder of their own, listening on a free loopback port only.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest


def _bin() -> Path:
    root = Path("/usr/lib/postgresql")
    versions = sorted((p for p in root.glob("*/bin/initdb")), key=lambda p: int(p.parts[-3]))
    if not versions:
        pytest.fail("PostgreSQL is not installed: `make setup` installs Debian's postgresql")
    return versions[-1].parent


def _as_owner(argv: list[str], owner: pwd.struct_passwd | None) -> list[str]:
    if owner is None:
        return argv
    return ["setpriv", f"--reuid={owner.pw_uid}", f"--regid={owner.pw_gid}", "--clear-groups",
            "--", *argv]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL cluster on 127.0.0.1 for the whole session: (host, port, bin)."""
    pg = _bin()
    owner = pwd.getpwnam("nobody") if os.geteuid() == 0 else None
    folder = Path(tempfile.mkdtemp(prefix="crm-pg-"))
    data, sockets = folder / "data", folder / "run"
    sockets.mkdir()
    if owner is not None:
        for path in (folder, sockets):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")
    subprocess.run(_as_owner([str(pg / "initdb"), "-D", str(data), "-U", "grader",
                              "--auth=trust", "-E", "UTF8"], owner),
                   check=True, capture_output=True, env=env, cwd=folder)
    port = _port()
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {sockets} -c fsync=off"
    subprocess.run(_as_owner([str(pg / "pg_ctl"), "-D", str(data), "-o", options, "-l",
                              str(folder / "server.log"), "-w", "start"], owner),
                   check=True, capture_output=True, env=env, cwd=folder)
    try:
        yield "127.0.0.1", port, pg
    finally:
        subprocess.run(_as_owner([str(pg / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
                                 owner), capture_output=True, env=env, cwd=folder)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres(postgres_server, request):
    """A new, empty database on the session's server: its SQLAlchemy URL (psycopg 3)."""
    host, port, pg = postgres_server
    name = "crm_" + "".join(c if c.isalnum() else "_" for c in request.node.name)[:50].lower()
    subprocess.run([str(pg / "createdb"), "-h", host, "-p", str(port), "-U", "grader", name],
                   check=True, capture_output=True)
    return f"postgresql+psycopg://grader@{host}:{port}/{name}"
