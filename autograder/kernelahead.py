"""Start the next submission's sandboxed kernel while the current one runs.

Starting a kernel is most of what grading a short notebook costs: a fresh
sandbox, a Python process, ipykernel's imports and set-up, and then pandas,
numpy and the course imported by the notebook's first cells. None of it
depends on the student. So each grading worker keeps one kernel *ahead*:

1. when a student's notebook is about to run, the worker launches the next
   kernel in a fresh scratch folder of its own (:func:`start_ahead`); it boots
   inside its sandbox and imports pandas, numpy and the assignment's
   self-check module (:func:`preimports`) while the current notebook runs;
2. the next student takes that kernel (:func:`take`): the worker writes the
   student's hidden inputs and notebook into the kernel's folder, and the
   run's first message to the kernel, before any of the student's cells, sets
   ``CRM_STUDENT_ID`` (:func:`student_preamble`).

Every student still gets a kernel and a sandbox of their own, never used for
anyone else, and a working folder nobody else's sandbox can see: only the
moment it starts changes. The imports leave nothing in the student's
namespace (only in ``sys.modules``, where the student's own imports find
them). A kernel left ahead when the worker stops dies with it (the sandbox's
``--die-with-parent``, and :func:`discard` at exit).

Examples
--------
>>> print(student_preamble("s001"))
import os as _crm_os
_crm_os.environ['CRM_STUDENT_ID'] = 's001'
del _crm_os
>>> "pandas" in preimports("ch05")
True
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import importlib.util
import itertools
import os
from dataclasses import dataclass, field
from pathlib import Path

from jupyter_core.utils import ensure_async, run_sync

from autograder.confine import hand_over, sandbox_uid, scratch_folder
from autograder.sandbox import SandboxKernelManager, SandboxPolicy, kernel_manager

#: What every exercise imports first (the course's own modules are added per assignment).
COMMON_IMPORTS = ("numpy", "pandas", "course", "course.check.handin")

#: Seconds to wait for a kernel ahead to stop when it is not used.
_STOP_WAIT = 5.0


def preimports(assignment: str) -> tuple[str, ...]:
    """Modules a kernel imports while it waits: the common ones and the assignment's checks.

    Examples
    --------
    >>> preimports("ch05")[-1]
    'course.check.ch05'
    >>> preimports("nosuch") == COMMON_IMPORTS
    True
    """
    own = f"course.check.{assignment}"
    try:
        found = importlib.util.find_spec(own) is not None
    except ImportError:
        found = False
    return COMMON_IMPORTS + ((own,) if found else ())


def student_preamble(student_id: str) -> str:
    """The grader's code run before a student's first cell: the student's id for the course."""
    return ("import os as _crm_os\n"
            f"_crm_os.environ['CRM_STUDENT_ID'] = {student_id!r}\n"
            "del _crm_os")


@dataclass(frozen=True)
class Key:
    """What a kernel ahead must match to be used: same assignment, folder root, sandbox."""

    assignment: str
    scratch: str
    memory_bytes: int


@dataclass
class Kernel:
    """A launched sandboxed kernel and the scratch folder it works in."""

    key: Key
    work: Path
    km: SandboxKernelManager
    #: A client whose channels connect while the kernel starts.
    kc: object
    _folder: contextlib.ExitStack = field(repr=False)

    @property
    def grading(self) -> Path:
        """Where the student's hidden inputs go and the handed-in answers come back."""
        return self.work / "grading"

    def alive(self) -> bool:
        process = getattr(self.km.provisioner, "process", None)
        return process is not None and process.poll() is None

    def hand_over(self, uid: int, notebook: Path) -> None:
        """Give what the worker wrote (the hidden inputs, ``notebook``) to the kernel's uid.

        Only those: the kernel, booting, may be creating and removing its own
        files elsewhere in the folder (no student code has run there yet).
        """
        for path in (self.grading, notebook):
            with contextlib.suppress(FileNotFoundError):
                hand_over(path, uid)

    def close(self) -> None:
        """Kill the kernel, wait for its sandbox to end, remove the folder."""
        self.km.kill_now()
        process = getattr(self.km.provisioner, "process", None)
        if process is not None:
            with contextlib.suppress(Exception):
                process.wait(timeout=_STOP_WAIT)
        with contextlib.suppress(Exception):
            self.kc.stop_channels()
        with contextlib.suppress(Exception):
            run_sync(_cleanup)(self.km)
        self._folder.close()


async def _cleanup(km) -> None:
    """The kernel manager's own clean-up: its control socket and connection file."""
    await ensure_async(km.cleanup_resources())


_counter = itertools.count()
_ahead: Kernel | None = None


def launch(key: Key) -> Kernel:
    """Launch a kernel in a new scratch folder under ``key.scratch``; do not wait for it."""
    number = next(_counter)
    name = f"{os.getpid()}-{number}"
    # A short folder name: the kernel's Unix sockets live there (paths of at most 107 bytes).
    work = Path(key.scratch) / hashlib.sha1(name.encode()).hexdigest()[:10]
    stack = contextlib.ExitStack()
    stack.enter_context(scratch_folder(work))  # capped in files and bytes, removed at close
    try:
        (work / "grading").mkdir()
        # Consecutive kernels alternate between the worker's two uids: the one
        # running and the one ahead never share one (nor a process cap).
        policy = SandboxPolicy(memory_bytes=key.memory_bytes, uid=sandbox_uid(number))
        km = kernel_manager(work, policy, {"CRM_GRADING_DIR": str(work / "grading")},
                            preimports=preimports(key.assignment))
        # As nbclient starts its kernels: no IPython history file in the folder.
        run_sync(km.start_kernel)(extra_arguments=["--HistoryManager.hist_file=:memory:"])
        kc = km.client()
        kc.start_channels()
    except BaseException:
        with contextlib.suppress(Exception):
            km.kill_now()
        stack.close()
        raise
    return Kernel(key, work, km, kc, stack)


def start_ahead(key: Key) -> None:
    """Launch the kernel the next submission graded with ``key`` will take."""
    global _ahead
    if _ahead is not None and _ahead.key == key and _ahead.alive():
        return
    discard()
    _ahead = launch(key)


def take(key: Key) -> Kernel:
    """A kernel for the submission about to run: the one ahead if it fits and lives, or new."""
    global _ahead
    kernel, _ahead = _ahead, None
    if kernel is not None and kernel.key == key and kernel.alive():
        return kernel
    if kernel is not None:
        kernel.close()
    return launch(key)


def discard() -> None:
    """Stop the kernel ahead, if there is one."""
    global _ahead
    kernel, _ahead = _ahead, None
    if kernel is not None:
        kernel.close()


atexit.register(discard)
