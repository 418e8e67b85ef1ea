"""Treat what students hand in as hostile: links, special files, formulas, control codes.

* :func:`check_folder` refuses a submission folder that is a symbolic link,
  holds a link that leads out of it (a link to the instructor's solution, to
  ``/etc/shadow``), whose notebook is reached through a link, or that holds a
  FIFO, socket or device (reading one would hang or never end). Such a folder
  is ``refused``: nothing in it is run or followed.
* :func:`copy_tree` and :func:`fingerprint` never follow a link.
* :func:`read_untrusted` reads a file a student could have replaced (an answer
  record the kernel wrote) without following links, blocking on a FIFO or
  reading without end.
* :func:`defuse_cell` keeps spreadsheet programs from running a student's
  folder name or error text as a formula in ``grades.csv``; :func:`plain_text`
  keeps control characters out of the instructor's terminal.

Examples
--------
>>> defuse_cell("=HYPERLINK(\\"http://x\\")"), defuse_cell("s001"), defuse_cell("-")
('\\'=HYPERLINK("http://x")', 's001', "'-")
>>> recover_cell(defuse_cell("+cmd"))
'+cmd'
>>> plain_text("red\\x1b[31m alert\\r")
'red?[31m alert?'
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from pathlib import Path

#: Characters that make a spreadsheet cell a formula (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: Most files and bytes one submission folder may hold.
MAX_SUBMISSION_FILES = 1000
MAX_SUBMISSION_BYTES = 200 * 1024**2


def defuse_cell(text: str) -> str:
    """``text`` for a CSV cell: a leading ``'`` if a spreadsheet would read it as a formula.

    Texts that start with a quote get one more, so that stripping one leading
    quote (:func:`recover_cell`) always gives the text back exactly.
    """
    text = str(text)
    return "'" + text if text.startswith((*FORMULA_STARTS, "'")) else text


def recover_cell(text: str) -> str:
    """The original text of a cell written by :func:`defuse_cell`: one leading ``'`` off.

    Examples
    --------
    >>> all(recover_cell(defuse_cell(t)) == t for t in ["=1", "'=1", "''x", "'x", "x", ""])
    True
    """
    return text[1:] if text.startswith("'") else text


def plain_text(text: str) -> str:
    """``text`` with control characters (escape sequences, CR, ...) shown as ``?``."""
    return "".join("?" if (ord(ch) < 32 and ch != "\n") or 127 <= ord(ch) < 160 else ch
                   for ch in str(text)).replace("\n", " ")


def _inside(target: Path, folder: Path) -> bool:
    return target == folder or folder in target.parents


def check_folder(folder: Path) -> str | None:
    """Why ``folder`` must be refused, or None if it may be graded.

    Refused: the folder is itself a link; it holds a link that resolves
    outside it (or does not resolve); a FIFO, socket or device; more than
    :data:`MAX_SUBMISSION_FILES` files or :data:`MAX_SUBMISSION_BYTES` bytes.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     (Path(tmp) / "s1").mkdir()
    ...     (Path(tmp) / "s1" / "ch05.ipynb").symlink_to("/etc/hostname")
    ...     print(check_folder(Path(tmp) / "s1"))
    ch05.ipynb is a symbolic link to a file outside the submission (/etc/hostname); ...
    """
    if folder.is_symlink():
        return (f"the folder {folder.name} is a symbolic link ({os.readlink(folder)}); "
                "links are not followed")
    real = folder.resolve()
    files = size = 0
    for top, dirs, names in os.walk(folder):
        for name in sorted(dirs + names):
            path = Path(top) / name
            shown = path.relative_to(folder)
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                target = os.readlink(path)
                try:
                    resolved = path.resolve(strict=True)
                except (OSError, RuntimeError):
                    return (f"{shown} is a symbolic link that leads nowhere ({target}); "
                            "links are not followed")
                if not _inside(resolved, real):
                    return (f"{shown} is a symbolic link to a file outside the submission "
                            f"({target}); links are not followed")
            elif not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
                return f"{shown} is not a regular file (a FIFO, socket or device)"
            else:
                files += 1
                size += info.st_size if stat.S_ISREG(info.st_mode) else 0
        if files > MAX_SUBMISSION_FILES or size > MAX_SUBMISSION_BYTES:
            return (f"the folder holds more than {MAX_SUBMISSION_FILES} files or "
                    f"{MAX_SUBMISSION_BYTES // 1024**2} MB")
    return None


def check_notebook_path(folder: Path, notebook: Path) -> str | None:
    """Why the notebook found in ``folder`` must be refused: it, or a folder on its way, is a link.

    Examples
    --------
    >>> check_notebook_path(Path("/tmp"), Path("/tmp/x.ipynb")) is None
    True
    """
    path = notebook
    while path != folder and folder in path.parents:
        if path.is_symlink():
            return (f"{notebook.relative_to(folder)} is reached through a symbolic link "
                    f"({path.relative_to(folder)}); links are not followed")
        path = path.parent
    return None


def fingerprint(folder: Path) -> str:
    """A hash of the names and bytes of every file in ``folder``, never following a link.

    A link counts by where it points, a FIFO or device by its name only.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     a = fingerprint(Path(tmp))
    ...     (Path(tmp) / "x").symlink_to("/dev/zero")
    ...     a == fingerprint(Path(tmp))
    False
    """
    digest = hashlib.sha256()
    if folder.is_symlink():
        digest.update(b"link\0" + os.fsencode(os.readlink(folder)))
        return digest.hexdigest()
    entries = []
    for top, dirs, names in os.walk(folder):
        dirs.sort()
        entries += [Path(top) / n for n in names + [d for d in dirs
                                                    if (Path(top) / d).is_symlink()]]
    for path in sorted(entries):
        digest.update(str(path.relative_to(folder)).encode("utf-8", "surrogateescape"))
        digest.update(b"\0")
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            digest.update(b"link\0" + os.fsencode(os.readlink(path)))
        elif stat.S_ISREG(info.st_mode):
            file_hash = hashlib.sha256()
            with path.open("rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    file_hash.update(block)
            digest.update(file_hash.digest())
        else:
            digest.update(b"special")
    return digest.hexdigest()


def copy_tree(src: Path, dest: Path) -> None:
    """Copy ``src`` to ``dest``: folders and regular files, links as links, nothing else.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     (Path(tmp) / "a").mkdir()
    ...     (Path(tmp) / "a" / "l").symlink_to("/etc/passwd")
    ...     copy_tree(Path(tmp) / "a", Path(tmp) / "b")
    ...     (Path(tmp) / "b" / "l").is_symlink()
    True
    """
    if dest.exists() or dest.is_symlink():
        shutil.rmtree(dest) if dest.is_dir() and not dest.is_symlink() else dest.unlink()
    if src.is_symlink():
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.symlink_to(os.readlink(src))
        return
    dest.mkdir(parents=True)
    for top, dirs, names in os.walk(src):
        here = dest / Path(top).relative_to(src)
        for name in dirs + names:
            path, target = Path(top) / name, here / name
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                target.symlink_to(os.readlink(path))
            elif stat.S_ISDIR(info.st_mode):
                target.mkdir()
            elif stat.S_ISREG(info.st_mode):
                shutil.copy2(path, target, follow_symlinks=False)


def read_untrusted(path: Path, max_bytes: int = 50 * 1024**2) -> bytes | None:
    """The bytes of ``path`` if it is a regular file of at most ``max_bytes``, else None.

    Never follows a link and never blocks on a FIFO: for files the student's
    code could have replaced.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     (Path(tmp) / "l").symlink_to("/etc/passwd")
    ...     read_untrusted(Path(tmp) / "l") is None
    True
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
            return None
        return fh.read(max_bytes + 1)[:max_bytes]
