"""Who a sandboxed kernel runs as, what of ``/etc`` it sees, and the folder it may fill.

A grading server runs ``crm-course grade`` as root or as a service account.
Student code must never run as either: :mod:`autograder.sandbox` starts the
sandbox as the grader, then drops to the uid of :func:`sandbox_uid` with no
capabilities left (``setpriv``). That uid belongs to no account on the
machine and no other process uses it, so the process cap
(``RLIMIT_NPROC``, counted per real uid) counts only that submission's
processes and threads.

The sandbox sees only the parts of ``/etc`` that Python, the course and its
fonts need (:data:`ETC_ENTRIES`), and ``/etc/passwd`` and ``/etc/group``
written here (:func:`write_identity`) with three entries: root, the student
and nobody. Password hashes, host keys, service configurations, pip or git
credentials under ``/etc`` do not exist for it.

The kernel's working folder is its own small file system
(:func:`scratch_folder`): a ``tmpfs`` of :data:`WORK_BYTES` bytes and at
most :data:`MAX_FILES` files, mounted in the grading worker's private mount
namespace (nobody else sees it; it disappears with the worker). A flood of
files or bytes fills it, the student's writes fail with ``ENOSPC`` and the
batch goes on. Mounting needs root; under another account the folder is an
ordinary one (no cap on the number of files: see ``docs/grading.md``).

Examples
--------
>>> passwd, group = identity_text(2000001234, "/w")
>>> print(passwd.splitlines()[1])
student:x:2000001234:2000001234:student:/w:/usr/sbin/nologin
>>> "shadow" in ETC_ENTRIES or "ssh" in ETC_ENTRIES
False
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

#: First uid of the range sandboxed kernels run as (one uid per grading worker).
SANDBOX_UID_BASE = 2_000_000_000

#: Processes and threads a sandboxed kernel may have (its uid's ``RLIMIT_NPROC``).
MAX_PROCESSES = 128

#: Files (inodes) the working folder may hold.
MAX_FILES = 10_000

#: Bytes the working folder may hold.
WORK_BYTES = 512 * 1024**2

#: What a sandboxed kernel sees of ``/etc`` (besides the passwd and group written for it):
#: the dynamic linker's cache, name-service and time-zone set-up, MIME types and
#: fontconfig (matplotlib asks ``fc-list`` for the CJK fonts).
ETC_ENTRIES = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "nsswitch.conf", "localtime",
               "timezone", "mime.types", "fonts")

_CLONE_NEWNS = 0x00020000
_MS_REC, _MS_PRIVATE, _MNT_DETACH = 0x4000, 1 << 18, 2
_private = False


def privileged() -> bool:
    """True when the grader runs as root (it can then drop the kernel to another uid)."""
    return os.geteuid() == 0


def sandbox_uid(slot: int = 0) -> int:
    """The uid a sandboxed kernel runs as: one no account and no other process uses.

    As root, ``SANDBOX_UID_BASE`` plus twice this worker's pid plus ``slot``
    (0 or 1): two live workers never share one, and a worker's two kernels
    (the one running and the one started ahead, :mod:`autograder.kernelahead`)
    have one each, so a process cap counts one submission only. Otherwise the
    grader's own uid (it cannot change uid).

    Examples
    --------
    >>> sandbox_uid() != 0
    True
    >>> privileged() and sandbox_uid(0) == sandbox_uid(1)
    False
    """
    return SANDBOX_UID_BASE + 2 * os.getpid() + slot % 2 if privileged() else os.getuid()


def etc_paths(etc: Path = Path("/etc")) -> list[Path]:
    """The entries of :data:`ETC_ENTRIES` that exist on this machine.

    Examples
    --------
    >>> all(p.parent == Path("/etc") for p in etc_paths())
    True
    """
    return [etc / name for name in ETC_ENTRIES if (etc / name).exists()]


def identity_text(uid: int, home: str) -> tuple[str, str]:
    """``/etc/passwd`` and ``/etc/group`` for the sandbox: root, the student, nobody."""
    passwd = (f"root:x:0:0:root:/root:/usr/sbin/nologin\n"
              f"student:x:{uid}:{uid}:student:{home}:/usr/sbin/nologin\n"
              "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n")
    group = f"root:x:0:\nstudent:x:{uid}:\nnogroup:x:65534:\n"
    return passwd, group


def identity_dir(work: Path) -> Path:
    """Where the sandbox's passwd and group files live: beside ``work``, not in it."""
    return work.parent / f".{work.name}-etc"


def write_identity(work: Path, uid: int) -> Path:
    """Write the sandbox's ``passwd`` and ``group`` beside ``work``; return their folder."""
    folder = identity_dir(work)
    folder.mkdir(parents=True, exist_ok=True)
    passwd, group = identity_text(uid, str(work))
    (folder / "passwd").write_text(passwd, encoding="utf-8")
    (folder / "group").write_text(group, encoding="utf-8")
    return folder


def hand_over(work: Path, uid: int) -> None:
    """Give ``work`` and everything in it to ``uid`` (never following a link)."""
    if not privileged() or uid == os.getuid():
        return
    os.chown(work, uid, uid, follow_symlinks=False)
    for top, dirs, files in os.walk(work):
        for name in dirs + files:
            # a file the kernel removed meanwhile needs no owner
            with contextlib.suppress(FileNotFoundError):
                os.chown(os.path.join(top, name), uid, uid, follow_symlinks=False)


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def private_mounts() -> bool:
    """Give this process (its calling thread) a private mount namespace, once.

    Returns True if mounts made from now on are seen by this process and its
    children only; False if that is impossible here (not root).
    """
    global _private
    if _private:
        return True
    if not privileged():
        return False
    libc = _libc()
    if libc.unshare(_CLONE_NEWNS) != 0:
        return False
    if libc.mount(b"none", b"/", None, _MS_REC | _MS_PRIVATE, None) != 0:
        return False
    _private = True
    return True


@contextlib.contextmanager
def scratch_folder(path: Path, *, max_files: int = MAX_FILES,
                   max_bytes: int = WORK_BYTES) -> Iterator[Path]:
    """A fresh working folder at ``path``, capped in files and bytes where possible.

    Removed (and unmounted) on leaving, whatever happened inside.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     with scratch_folder(Path(tmp) / "w") as work:
    ...         _ = (work / "a.txt").write_text("x")
    ...     (Path(tmp) / "w").exists()
    False
    """
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    mounted = False
    if private_mounts():
        options = f"size={max_bytes},nr_inodes={max_files},mode=0755".encode()
        mounted = _libc().mount(b"tmpfs", str(path).encode(), b"tmpfs", 0, options) == 0
    try:
        yield path
    finally:
        if mounted:
            _libc().umount2(str(path).encode(), _MNT_DETACH)
        shutil.rmtree(path, ignore_errors=True)
        shutil.rmtree(identity_dir(path), ignore_errors=True)


def folder_full(path: Path) -> bool:
    """True if ``path``'s file system has no file or no byte left (the cap was reached).

    Examples
    --------
    >>> folder_full(Path("/"))
    False
    """
    try:
        stats = os.statvfs(path)
    except OSError:
        return False
    return stats.f_files > 0 and (stats.f_ffree == 0 or stats.f_bavail == 0)
