"""A kernel started ahead: it answers however early it is used, serves one student, leaks nothing.

:mod:`autograder.kernelahead` launches the next student's sandboxed kernel
while the current one runs. These tests drive the real sandbox and kernels.
"""

from __future__ import annotations

import json

import nbformat
import pytest
from jupyter_core.utils import run_sync

from autograder import kernelahead
from autograder.execute import run_notebook, wait_until_answering

pytestmark = pytest.mark.slow

PROBE = ("import json, os, sys\n"
         "print(json.dumps({'id': os.environ.get('CRM_STUDENT_ID'),"
         " 'grading': os.environ.get('CRM_GRADING_DIR'),"
         " 'loaded': [m for m in ('pandas', 'numpy', 'course.check.ch05') if m in sys.modules],"
         " 'names': sorted(k for k in globals() if not k.startswith('_')),"
         " 'uid': os.getuid(),"
         " 'cwd': os.getcwd(), 'others': sorted(os.listdir(os.path.dirname(os.getcwd())))}))")


@pytest.fixture
def key(tmp_path):
    yield kernelahead.Key("ch05", str(tmp_path / "scratch"), 2 * 1024**3)
    kernelahead.discard()


def _probe(kernel, student_id: str) -> tuple[dict, nbformat.NotebookNode]:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PROBE)])
    report = run_notebook(nb, kernel.work, km=kernel.km, kc=kernel.kc,
                          preamble=kernelahead.student_preamble(student_id))
    assert not report.events, report.events
    out = report.nb.cells[0].outputs
    return json.loads(out[0]["text"]), report.nb


def test_a_kernel_used_at_once_answers(key):
    """Used before it has even bound its sockets (early requests' replies come late)."""
    kernel = kernelahead.take(key)
    try:
        run_sync(wait_until_answering)(kernel.kc, kernel.km, 60)
    finally:
        kernel.close()


def test_each_student_gets_their_own_kernel_and_folder(key):
    first = kernelahead.take(key)
    kernelahead.start_ahead(key)
    seen, nb = _probe(first, "s001")
    # as in a kernel nbclient starts: no IPython history written into the folder
    assert not list(first.work.rglob("history.sqlite*"))
    first.close()
    second = kernelahead.take(key)
    assert second.work != first.work and second.km is not first.km
    again, _ = _probe(second, "s002")
    second.close()

    assert (seen["id"], again["id"]) == ("s001", "s002")
    # the kernel running and the one ahead never share a uid (nor its process cap)
    assert seen["uid"] != again["uid"] and 0 not in (seen["uid"], again["uid"])
    assert seen["grading"] == str(first.grading)
    assert seen["loaded"] == ["pandas", "numpy", "course.check.ch05"]  # imported ahead
    # the student's namespace is what a kernel started for them alone has
    nb_fresh = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PROBE)])
    fresh_work = first.work.parent / "fresh"
    fresh = json.loads(run_notebook(nb_fresh, fresh_work).nb.cells[0].outputs[0]["text"])
    assert seen["names"] == fresh["names"]
    assert {"json", "os", "sys"} <= set(seen["names"]) and "pandas" not in seen["names"]
    assert nb.cells[0].execution_count == 1  # the preamble and imports are not cells
    assert seen["cwd"] == str(first.work)
    # the sandbox shows a kernel its own folder only, not the next student's
    assert first.work.name in seen["others"] and second.work.name not in seen["others"]
    assert not first.work.exists()


def test_a_kernel_ahead_is_stopped_and_removed(key):
    kernelahead.start_ahead(key)
    ahead = kernelahead._ahead
    assert ahead is not None and ahead.alive()
    kernelahead.discard()
    assert not ahead.alive() and not ahead.work.exists()


def test_a_dead_kernel_ahead_is_replaced(key):
    kernelahead.start_ahead(key)
    dead = kernelahead._ahead
    dead.km.kill_now()
    dead.km.provisioner.process.wait(timeout=10)
    kernel = kernelahead.take(key)
    try:
        assert kernel is not dead and kernel.alive()
        assert _probe(kernel, "s003")[0]["id"] == "s003"
    finally:
        kernel.close()
