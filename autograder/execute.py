"""Execute a notebook in a sandboxed kernel under time and output limits.

:func:`run_notebook` runs every cell with nbclient and reports what went
wrong as :class:`Event` records, never as an exception:

* a cell past the cell time limit is interrupted and the run goes on;
* past the whole-submission limit, or if an interrupt does not stop it, the
  sandbox is killed (``timeout``);
* ``MemoryError`` under the sandbox's memory cap (``memory-limit``);
* a kernel that exits, kills itself or is killed (``kernel-died``); the cells
  that ran keep their outputs;
* ``input()`` (``needs-input``: grading has nobody to type);
* a fork refused at the process cap (``process-limit``) or a write refused
  because the working folder is full of files or bytes (``file-limit``);
* output past the per-cell or per-notebook cap is dropped (``output-cut``).

Examples
--------
>>> Limits().cell_timeout
30.0
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from queue import Empty

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError
from nbclient.util import ensure_async, run_hook
from traitlets import Any, Int, Unicode

from autograder.sandbox import SandboxPolicy, kernel_manager


@dataclass
class Limits:
    """Limits of one submission's run."""

    cell_timeout: float = 30.0
    submission_timeout: float = 600.0
    cell_output_bytes: int = 1_000_000
    notebook_output_bytes: int = 10_000_000
    #: Seconds between interrupting a cell and killing the sandbox.
    grace: float = 10.0


@dataclass
class Event:
    """Something that went wrong while running: a status word, where, and what."""

    status: str
    cell: int | None
    message: str


@dataclass
class RunReport:
    """The executed notebook and what happened while running it."""

    nb: nbformat.NotebookNode
    events: list[Event] = field(default_factory=list)
    seconds: float = 0.0


async def wait_until_answering(kc, km, timeout: float) -> None:
    """Wait until the kernel answers ``kernel_info`` and its IOPub reaches ``kc``.

    What :meth:`jupyter_client.KernelClient.wait_for_ready` makes sure of,
    without its last step (reading IOPub until it has been quiet for 0.2 s),
    which a client connected ahead does not need: the kernel's ``idle`` status
    for this very request shows that IOPub is subscribed, and what came
    before it is dropped.

    Raises
    ------
    RuntimeError
        If the kernel dies or does not answer within ``timeout`` seconds.
    """
    deadline = time.monotonic() + timeout
    while True:
        if time.monotonic() > deadline:
            raise RuntimeError(f"the kernel did not answer within {timeout:g} s")
        request = kc.kernel_info()
        try:
            # Replies to earlier requests (sent while the kernel was still starting)
            # may come first: read on until this one's, or a second of silence.
            reply = None
            while reply is None:
                msg = await ensure_async(kc.shell_channel.get_msg(timeout=1))
                if msg["msg_type"] == "kernel_info_reply" and msg["parent_header"].get(
                        "msg_id") == request:
                    reply = msg
        except Empty:
            if not await ensure_async(km.is_alive()):
                raise RuntimeError("the kernel died before it answered") from None
            continue
        idle_seen = False
        with contextlib.suppress(Empty):
            while not idle_seen:
                msg = await ensure_async(kc.iopub_channel.get_msg(timeout=0.2))
                idle_seen = (msg["parent_header"].get("msg_id") == request
                             and msg["msg_type"] == "status"
                             and msg["content"].get("execution_state") == "idle")
        if idle_seen:
            return


class GuardedClient(NotebookClient):
    """nbclient that caps output and remembers which cells it had to interrupt."""

    cell_output_bytes = Int(1_000_000)
    notebook_output_bytes = Int(10_000_000)
    #: The grader's code run silently before the first cell (see :mod:`autograder.kernelahead`).
    preamble = Unicode("")
    #: A client of ``km`` whose channels were connected ahead (its kernel may still be starting).
    connected = Any(None, allow_none=True)

    def __init__(self, nb, make_km, **kwargs):
        super().__init__(nb, **kwargs)
        self.make_km = make_km
        self.used: dict[int, int] = {}
        self.cut: set[int] = set()
        self.interrupted: set[int] = set()
        self.current = -1

    def create_kernel_manager(self):
        self.km = self.make_km()
        return self.km

    async def async_start_new_kernel_client(self):
        if self.connected is None:
            return await super().async_start_new_kernel_client()
        self.kc, self.connected = self.connected, None
        await wait_until_answering(self.kc, self.km, self.startup_timeout)
        self.kc.allow_stdin = False
        await run_hook(self.on_notebook_start, notebook=self.nb)
        return self.kc

    def kill_kernel(self) -> None:
        """Kill the sandboxed kernel now (from any thread)."""
        km = self.km
        if km is not None:
            km.kill_now()

    async def async_execute_cell(self, cell, cell_index, execution_count=None,
                                 store_history=True):
        if self.preamble:
            code, self.preamble = self.preamble, ""
            msg_id = await ensure_async(self.kc.execute(code, silent=True, store_history=False,
                                                        allow_stdin=False))
            await self.async_wait_for_reply(msg_id)
        self.current = cell_index
        return await super().async_execute_cell(cell, cell_index, execution_count,
                                                store_history)

    async def _async_handle_timeout(self, timeout, cell=None):
        self.interrupted.add(self.current)
        return await super()._async_handle_timeout(timeout, cell)

    def output(self, outs, msg, display_id, cell_index):
        size = len(json.dumps(msg.get("content", {}), default=str))
        used = self.used.get(cell_index, 0) + size
        total = sum(self.used.values()) + size
        if used > self.cell_output_bytes or total > self.notebook_output_bytes:
            if cell_index not in self.cut:
                self.cut.add(cell_index)
                outs.append(nbformat.v4.new_output(
                    "stream", name="stdout",
                    text=f"\n[output cut: more than {self.cell_output_bytes // 1000:,} kB "
                         "from this cell, or too much from the notebook]\n"))
            return None
        self.used[cell_index] = used
        return super().output(outs, msg, display_id, cell_index)


def _process_refused(ename: str, evalue: str) -> bool:
    """A fork or a thread refused at the process cap (``EAGAIN`` under ``RLIMIT_NPROC``).

    Examples
    --------
    >>> _process_refused("BlockingIOError", "[Errno 11] Resource temporarily unavailable")
    True
    >>> _process_refused("RuntimeError", "can't start new thread"), _process_refused("X", "")
    (True, False)
    """
    return (ename in {"BlockingIOError", "OSError"} and "[Errno 11]" in evalue) or (
        ename == "RuntimeError" and "can't start new thread" in evalue)


def _error_events(nb, interrupted: set[int]) -> list[Event]:
    events = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") != "error":
                continue
            ename, evalue = str(output.get("ename", "")), str(output.get("evalue", ""))
            if ename == "KeyboardInterrupt" and index in interrupted:
                events.append(Event("timeout", index, f"cell {index + 1} ran past the time "
                                                      "limit and was interrupted"))
            elif ename == "MemoryError":
                events.append(Event("memory-limit", index, f"cell {index + 1} ran out of "
                                                           "memory (MemoryError at the limit)"))
            elif _process_refused(ename, evalue):
                events.append(Event("process-limit", index, f"cell {index + 1} started more "
                                    "processes or threads than a submission may have"))
            elif "[Errno 28]" in evalue or "No space left on device" in evalue:
                events.append(Event("file-limit", index, f"cell {index + 1} wrote more files "
                                    "or bytes than the working folder may hold"))
            elif ename == "StdinNotImplementedError":
                events.append(Event("needs-input", index, f"cell {index + 1} asked for input, "
                                                          "which grading cannot give"))
    return events


def run_notebook(nb: nbformat.NotebookNode, work: Path, *, limits: Limits | None = None,
                 policy: SandboxPolicy | None = None,
                 env: dict[str, str] | None = None, km=None, kc=None,
                 preamble: str = "") -> RunReport:
    """Run ``nb`` in a sandboxed kernel working in ``work``; never raises for student code.

    Parameters
    ----------
    nb : NotebookNode
        The notebook; its cells get their outputs in place.
    work : Path
        The kernel's working folder (created if needed).
    limits : Limits, optional
        Time and output limits.
    policy : SandboxPolicy, optional
        What the kernel sees and its memory cap.
    env : dict, optional
        Environment variables for the kernel.
    km : SandboxKernelManager, optional
        A kernel already launched in a sandbox working in ``work`` (see
        :mod:`autograder.kernelahead`); ``policy`` and ``env`` are then its
        own. It is killed at the end, without waiting for it to stop (the
        caller waits, after scoring).
    kc : KernelClient, optional
        With ``km``: a client of it whose channels are already started.
    preamble : str, optional
        Code the grader runs silently in the kernel before the first cell.
    """
    limits = limits or Limits()
    policy = policy or SandboxPolicy()
    work.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    deadline = started + limits.submission_timeout

    def cell_budget(cell) -> int:
        return max(1, int(min(limits.cell_timeout, deadline - time.monotonic()) + 0.999))

    client = GuardedClient(nb, lambda: kernel_manager(work, policy, env or {}), km=km,
                           preamble=preamble, connected=kc,
                           shutdown_kernel="immediate", timeout_func=cell_budget,
                           interrupt_on_timeout=True,
                           allow_errors=True, startup_timeout=120, record_timing=False,
                           cell_output_bytes=limits.cell_output_bytes,
                           notebook_output_bytes=limits.notebook_output_bytes,
                           resources={"metadata": {"path": str(work)}})
    fired = threading.Event()
    done = threading.Event()

    def watchdog() -> None:
        if not done.wait(limits.submission_timeout + limits.grace):
            fired.set()
            client.kill_kernel()

    guard = threading.Thread(target=watchdog, daemon=True)
    guard.start()
    events: list[Event] = []
    try:
        client.execute(cleanup_kc=km is None)
    except DeadKernelError:
        index = client.current
        if fired.is_set():
            events.append(Event("timeout", index, "the submission ran past its time limit "
                                f"({limits.submission_timeout:g} s) and was stopped"))
        else:
            events.append(Event("kernel-died", index, f"the kernel died in cell {index + 1}"))
    except Exception as exc:  # noqa: BLE001 - e.g. the kernel could not start
        events.append(Event("error", client.current,
                            f"the notebook could not be run ({type(exc).__name__}: "
                            f"{str(exc).splitlines()[0][:200] if str(exc) else ''})"))
    finally:
        done.set()
        client.kill_kernel()
        if km is not None and client.kc is not None:
            client.kc.stop_channels()
    events = _error_events(nb, client.interrupted) + events
    events += [Event("output-cut", index, f"output of cell {index + 1} was cut")
               for index in sorted(client.cut)]
    return RunReport(nb=nb, events=events, seconds=time.monotonic() - started)
