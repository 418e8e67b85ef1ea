"""Run a student's kernel in a bubblewrap sandbox with resource limits.

The kernel of a graded notebook sees, read-only, the system (``/usr``, and
of ``/etc`` only what :data:`autograder.confine.ETC_ENTRIES` lists), the Python
installation and virtual environment, the ``course`` package and the public
data sets; read-write, only its own working folder.
Everything else, the solutions, the gradebook, the reference answers (the
``autograder`` package is masked even where it sits inside the environment)
and other students' work, does not exist for it, and the sandbox's own root
is read-only, ``/tmp`` included (temporary files go to the working folder). It has no network (a new
network namespace with nothing in it), its own process and IPC namespaces, and
``prlimit`` caps its address space (``MemoryError`` past the limit), the size
of files it writes, its open files and its processes.

Student code never runs as the grader: as root, the sandbox drops to an
unprivileged uid of its own with every capability gone (``setpriv``, see
:mod:`autograder.confine`); as another account, bubblewrap's user namespace
leaves it no capability on the host. bubblewrap itself starts with a clean
environment (:data:`LAUNCHER_ENV`), so the sandbox's ``/proc`` (whose process 1
is bubblewrap) shows nothing of the grader's variables, tokens or database
URLs.

The kernel talks to the grader over Unix sockets in the working folder
(ZeroMQ's ``ipc`` transport), since TCP on loopback does not cross the
network namespace. bubblewrap does not pass signals on, so interrupts go as
``interrupt_request`` messages.

Examples
--------
>>> from pathlib import Path
>>> policy = SandboxPolicy(memory_bytes=2 * 1024**3)
>>> cmd = policy.wrap(["python", "-c", "pass"], work=Path("/tmp/w"), env={"A": "1"})
>>> cmd[0], "--unshare-net" in cmd, "--as=2147483648" in cmd, "--cap-drop" in cmd
('bwrap', True, True, True)
>>> ["--ro-bind", "/etc", "/etc"] == cmd[cmd.index("/etc") - 1:cmd.index("/etc") + 2]
False
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Any, Dict, List, Unicode

import autograder
import course
from autograder import confine
from autograder.coursedir import GradingError
from course.data import data_dir

#: Default cap on a kernel's address space: 2 GiB.
DEFAULT_MEMORY = 2 * 1024**3

#: Largest file a kernel may write.
MAX_FILE_BYTES = 1024**3

#: Environment every sandboxed kernel gets (plus what the grader adds).
BASE_ENV = {
    "PATH": "/usr/local/bin:/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "PYTHONUNBUFFERED": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "JUPYTER_PLATFORM_DIRS": "1",
}

#: The whole environment bubblewrap starts with: nothing of the grader's.
LAUNCHER_ENV = {"PATH": BASE_ENV["PATH"], "LANG": "C.UTF-8"}


#: What ``python -m ipykernel_launcher`` runs (the working folder, ``sys.path[0]``
#: under ``-c``, left out of the path while it loads), without the debugger:
#: grading never attaches one, and loading debugpy is a tenth of a kernel's start.
KERNEL_LAUNCHER = ("import sys; del sys.path[0]; sys.modules['debugpy'] = None; "
                   "from ipykernel import kernelapp; kernelapp.launch_new_instance()")


class SandboxError(GradingError):
    """The sandbox cannot be used on this machine (the message says how to fix it)."""


def parse_size(text: str | int) -> int:
    """Bytes from ``"2G"``, ``"512M"``, ``"1.5GiB"`` or a plain number.

    Examples
    --------
    >>> parse_size("2G"), parse_size("512m"), parse_size(1000)
    (2147483648, 536870912, 1000)
    >>> parse_size("lots")
    Traceback (most recent call last):
    ...
    ValueError: 'lots' is not a size: write e.g. 2G, 512M or a number of bytes
    """
    if isinstance(text, int):
        return text
    units = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}
    raw = str(text).strip().lower().removesuffix("ib").removesuffix("b")
    number, unit = raw.rstrip("kmgt"), raw[len(raw.rstrip("kmgt")):]
    try:
        value = float(number) * units[unit]
    except (ValueError, KeyError):
        raise ValueError(f"{text!r} is not a size: write e.g. 2G, 512M or a number of "
                         "bytes") from None
    if value <= 0:
        raise ValueError(f"{text!r}: the memory limit must be positive")
    return int(value)


def _package_dir(module) -> Path:
    return Path(module.__file__).resolve().parent


def visible_paths() -> list[Path]:
    """What a sandboxed kernel may read: system, Python, ``course``, public data."""
    paths = [Path("/usr"), Path(sys.base_prefix), Path(sys.prefix),
             Path(os.path.realpath(sys.executable)).parent, _package_dir(course),
             data_dir().resolve()]
    seen: list[Path] = []
    for path in paths:
        path = path.resolve()
        if path.exists() and not any(path == p or p in path.parents for p in seen):
            seen = [p for p in seen if path not in p.parents] + [path]
    return sorted(seen)


def _ancestors(paths: list[Path]) -> list[Path]:
    """Every folder above ``paths`` (not ``/``), parents before children.

    Examples
    --------
    >>> [str(p) for p in _ancestors([Path("/a/b/c"), Path("/a/d")])]
    ['/a', '/a/b']
    """
    found = {parent for path in paths for parent in path.parents if parent != Path("/")}
    return sorted(found, key=lambda p: (len(p.parts), str(p)))


def check_sandbox() -> None:
    """Raise :class:`SandboxError` unless bubblewrap, prlimit and setpriv work here."""
    for tool, package in (("bwrap", "bubblewrap"), ("prlimit", "util-linux"),
                          ("setpriv", "util-linux")):
        if shutil.which(tool) is None:
            raise SandboxError(f"{tool} is not installed: grading runs student code in a "
                               f"sandbox. Install it with: apt-get install {package}")
    probe = subprocess.run(["bwrap", "--ro-bind", "/", "/", "--unshare-all", "true"],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        raise SandboxError("bubblewrap cannot create a sandbox here "
                           f"({probe.stderr.strip() or probe.returncode}); grading needs "
                           "root or unprivileged user namespaces")


@dataclass
class SandboxPolicy:
    """What a sandboxed process sees and how much it may use."""

    memory_bytes: int = DEFAULT_MEMORY
    readonly: list[Path] = field(default_factory=visible_paths)
    max_processes: int = confine.MAX_PROCESSES
    #: The uid student code runs as (default: :func:`autograder.confine.sandbox_uid`).
    uid: int | None = None

    @property
    def run_as(self) -> int:
        return self.uid if self.uid is not None else confine.sandbox_uid()

    def masked(self) -> list[Path]:
        """The grader's own package, hidden if a read-only path contains it."""
        secret = _package_dir(autograder)
        return [secret] if any(p == secret or p in secret.parents
                               for p in self.readonly) else []

    def wrap(self, cmd: list[str], work: Path, env: dict[str, str]) -> list[str]:
        """The command line running ``cmd`` in the sandbox, in ``work``, with ``env``."""
        root = confine.privileged()
        # No --unshare-all: as root it would add a user namespace in which the
        # kernel could not change to an unprivileged uid.
        spaces = ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
                  "--unshare-cgroup-try"]
        if not root:
            spaces = ["--unshare-user", "--disable-userns", *spaces]
        # /tmp first: the course may itself live under /tmp (a CI checkout, say),
        # and a later tmpfs would hide it.
        args = ["bwrap", *spaces, "--die-with-parent", "--new-session", "--hostname", "sandbox",
                "--cap-drop", "ALL"]
        if root:  # only to drop to the student's uid and clear the bounding set
            args += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID",
                     "--cap-add", "CAP_SETPCAP"]
        args += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
        # Folders bubblewrap makes on the way to a bind are root's and closed
        # (0700): open them, or the student's uid could not reach Python.
        binds = [*self.readonly, *confine.etc_paths(), work]
        for parent in _ancestors(binds):
            args += ["--perms", "0755", "--dir", str(parent)]
        for path in self.readonly:
            args += ["--ro-bind", str(path), str(path)]
        for path in confine.etc_paths():
            args += ["--ro-bind", str(path), str(path)]
        identity = confine.identity_dir(work)
        for name in ("passwd", "group"):
            args += ["--ro-bind", str(identity / name), f"/etc/{name}"]
        for name in ("bin", "lib", "lib64", "sbin"):
            link = Path("/") / name
            if link.is_symlink():
                args += ["--symlink", os.readlink(link), str(link)]
        for path in self.masked():
            args += ["--tmpfs", str(path)]
        # Only the working folder is writable: the root and /tmp are read-only
        # (temporary files go to the working folder through TMPDIR).
        args += ["--bind", str(work), str(work), "--remount-ro", "/tmp", "--remount-ro", "/",
                 "--chdir", str(work), "--clearenv"]
        for key, value in {**BASE_ENV, "HOME": str(work), "TMPDIR": str(work / ".tmp"),
                           "USER": "student", "LOGNAME": "student", **env}.items():
            args += ["--setenv", key, value]
        inner = ["prlimit", f"--as={self.memory_bytes}", f"--fsize={MAX_FILE_BYTES}",
                 "--nofile=1024", "--core=0", f"--nproc={self.max_processes}", "--", *cmd]
        if root:
            uid = str(self.run_as)
            inner = ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups",
                     "--bounding-set=-all", "--inh-caps=-all", "--ambient-caps=-all",
                     "--no-new-privs", "--", *inner]
        return [*args, *inner]


class SandboxKernelManager(AsyncKernelManager):
    """A kernel manager whose kernel runs inside :class:`SandboxPolicy`'s sandbox."""

    policy = Any(help="The SandboxPolicy of the kernel")
    work = Unicode(help="The kernel's working folder (its only writable place)")
    sandbox_env = Dict(help="Environment variables added in the sandbox")
    preimports = List(Unicode(), help="Modules the kernel imports while it starts")

    def format_kernel_cmd(self, extra_arguments=None) -> list[str]:
        cmd = super().format_kernel_cmd(extra_arguments)
        # bubblewrap does not forward signals: interrupt by message instead.
        self.kernel_spec.interrupt_mode = "message"
        cmd = [sys.executable if part in {"python", "python3"} else part for part in cmd]
        if cmd[1:3] == ["-m", "ipykernel_launcher"]:
            cmd[1:3] = ["-c", KERNEL_LAUNCHER]
        if self.preimports:
            cmd.append(f"--IPKernelApp.exec_lines={preimport_code(self.preimports)!r}")
        return self.policy.wrap(cmd, Path(self.work), dict(self.sandbox_env))

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
        # What the student's code writes to the process's own streams is not
        # the grader's business (and could be hundreds of megabytes).
        kw.update(stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                  stderr=subprocess.DEVNULL)
        # bubblewrap is process 1 of the sandbox: its environment is readable
        # there (/proc/1/environ), so it gets none of the grader's.
        kw["env"] = dict(LAUNCHER_ENV)
        # The kernel runs as the student's uid: it must read the connection file
        # and create its sockets in the working folder.
        confine.hand_over(Path(self.work), self.policy.run_as)
        await super()._async_launch_kernel(kernel_cmd, **kw)

    def kill_now(self) -> None:
        """Kill the sandbox (and with it the kernel) without asking."""
        process = getattr(self.provisioner, "process", None)
        if process is not None and process.poll() is None:
            process.kill()


def preimport_code(modules) -> str:
    """One line importing ``modules`` and leaving no name behind (a missing one is skipped).

    One line: a kernel's ``exec_lines`` given on its command line keep no newline.

    Examples
    --------
    >>> import sys
    >>> namespace = {}
    >>> exec(preimport_code(["json", "no_such_module"]), namespace)
    >>> "json" in sys.modules, sorted(k for k in namespace if not k.startswith("__"))
    (True, [])
    """
    return ("import importlib.util as _crm_u; "
            f"_crm_m = [__import__(m) for m in {tuple(modules)!r} if _crm_u.find_spec(m)]; "
            "del _crm_u, _crm_m")


def kernel_manager(work: Path, policy: SandboxPolicy, env: dict[str, str],
                   preimports=()) -> SandboxKernelManager:
    """A kernel manager for a sandboxed kernel talking over sockets in ``work/.kernel``.

    ``preimports`` are imported by the kernel as it starts, before it answers
    (see :mod:`autograder.kernelahead`).
    """
    sockets = work / ".kernel"
    sockets.mkdir(parents=True, exist_ok=True)
    (work / ".tmp").mkdir(exist_ok=True)  # TMPDIR: the sandbox's /tmp is read-only
    confine.write_identity(work, policy.run_as)
    km = SandboxKernelManager(transport="ipc", ip=str(sockets / "k"), policy=policy,
                              work=str(work), sandbox_env=env, preimports=list(preimports))
    km.connection_file = str(sockets / "connection.json")
    return km
