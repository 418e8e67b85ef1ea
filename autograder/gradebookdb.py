"""Which database holds nbgrader's gradebook, and one writer at a time where it matters.

SQLite in the course directory (``gradebook.db``) is the default and the right
choice for one grader. Several graders at once (two machines grading halves of
a class, the hub's grading service beside an instructor's formgrader) share a
PostgreSQL database: ``--db postgresql+psycopg://user:password@host/dbname``
(psycopg 3, the ``psycopg[binary]`` package). nbgrader reads the same URL from
the course directory's ``nbgrader_config.py`` (``CourseDirectory.db_url``),
so its own commands (``generate_feedback``, ``export``, the formgrader) use it
too.

Setting up a gradebook (nbgrader creates its tables on first use and
``generate_assignment`` writes the assignment's cells) is not safe to run from
two processes at once: :func:`exclusive` serialises it, with a PostgreSQL
advisory lock (it works across machines) or a lock file beside an SQLite
database.

Examples
--------
>>> check_db_url("postgresql+psycopg://grader@127.0.0.1:5432/crm")
'postgresql+psycopg://grader@127.0.0.1:5432/crm'
>>> check_db_url("postgres://grader@db/crm")
'postgresql+psycopg://grader@db/crm'
>>> check_db_url("mysql://x@y/z")
Traceback (most recent call last):
...
ValueError: --db 'mysql://x@y/z': the gradebook is SQLite (sqlite:///PATH) or PostgreSQL (postgresql+psycopg://USER:PASSWORD@HOST:PORT/DBNAME)
>>> redact("postgresql+psycopg://grader:s3cret@db:5432/crm")
'postgresql+psycopg://grader:***@db:5432/crm'
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

_FORMS = ("sqlite:///PATH", "postgresql+psycopg://USER:PASSWORD@HOST:PORT/DBNAME")


def sqlite_url(path: str | Path) -> str:
    """The SQLAlchemy URL of an SQLite gradebook file.

    Examples
    --------
    >>> sqlite_url("/srv/grading/ch05/gradebook.db")
    'sqlite:////srv/grading/ch05/gradebook.db'
    """
    return f"sqlite:///{Path(path).resolve()}"


def check_db_url(url: str) -> str:
    """Return ``url`` as SQLAlchemy takes it, or raise naming the accepted forms.

    ``postgres://`` and ``postgresql://`` are read as psycopg 3
    (``postgresql+psycopg://``), the driver the course installs.
    """
    text = str(url).strip()
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    if scheme in {"postgres", "postgresql"}:
        return "postgresql+psycopg://" + text.split("://", 1)[1]
    if scheme == "postgresql+psycopg" or (scheme == "sqlite" and text.startswith("sqlite:///")):
        if scheme != "sqlite" and not urlsplit(text).path.strip("/"):
            raise ValueError(f"--db {redact(text)!r}: name the database after the host "
                             f"({_FORMS[1]})")
        return text
    raise ValueError(f"--db {redact(text)!r}: the gradebook is SQLite ({_FORMS[0]}) or "
                     f"PostgreSQL ({_FORMS[1]})")


def is_postgres(url: str) -> bool:
    """True for a PostgreSQL URL.

    Examples
    --------
    >>> is_postgres("postgresql+psycopg://a@b/c"), is_postgres("sqlite:///x.db")
    (True, False)
    """
    return url.startswith("postgresql")


def redact(url: str) -> str:
    """``url`` with its password replaced by ``***`` (for messages and logs)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))


@contextlib.contextmanager
def exclusive(url: str, name: str = "crm-course gradebook set-up") -> Iterator[None]:
    """Hold a lock called ``name`` on the gradebook at ``url`` while the block runs.

    PostgreSQL: a session advisory lock (``pg_advisory_lock``), released when
    the block ends or its connection drops. SQLite: ``flock`` on a file beside
    the database.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     with exclusive(sqlite_url(Path(tmp) / "gradebook.db")):
    ...         (Path(tmp) / "gradebook.db.lock").exists()
    True
    """
    if is_postgres(url):
        from sqlalchemy import create_engine, text

        key = int.from_bytes(hashlib.sha1(name.encode()).digest()[:8], "big", signed=True)
        engine = create_engine(url, poolclass=_null_pool())
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": key})
                try:
                    yield
                finally:
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
        finally:
            engine.dispose()
        return
    path = Path(url.removeprefix("sqlite:///") + ".lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _null_pool():
    from sqlalchemy.pool import NullPool

    return NullPool
