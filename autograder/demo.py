"""A demo class for chapter 5: one submission of every kind an instructor meets.

:func:`write_demo_class` builds the submissions from the released exercise
(``exercises/ch05/ch05.ipynb``) and answer code written here, so they always
match the current release. :data:`EXPECTED` says what each must get; a test
grades the class through nbgrader and checks every row.

Examples
--------
>>> sorted(EXPECTED)[:3]
['alice_right', 'bao_partly_right', 'chen_wrong']
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import nbformat

from autograder.coursedir import EXERCISES_DIR, SOLUTIONS_DIR

ASSIGNMENT = "ch05"

#: student id -> (score, status). Maximum is 12 (3 + 3 + 2 + 2 + 2).
EXPECTED: dict[str, tuple[float, str]] = {
    "alice_right": (12.0, "ok"),
    # q1 counts purchase days, not orders (passes 4 of 8 hidden cases: 3 * 4/8 = 1.5),
    # q2 right, q3 and q4 left undone, quiz 3 of 5 right (2 * 3/5 = 1.2)
    "bao_partly_right": (5.7, "ok"),
    "chen_wrong": (0.0, "ok"),
    "dmitri_raises": (2.0, "ok"),        # every function raises except man_qualify
    "emma_endless_loop": (9.0, "timeout"),  # q2's cell never ends; the rest is right
    "farid_corrupt_file": (0.0, "unreadable"),
    "gita_tests_edited": (10.0, "tampered"),  # q3 wrong, its test cell emptied
    "hiro_cells_deleted": (12.0, "tampered"),  # test cells deleted, answers right
    "ines_no_notebook": (0.0, "missing"),
    "李雷 Li Lei": (12.0, "ok"),           # a non-ASCII id with a space
    "jun_noisy_but_right": (12.0, "ok"),   # right answers that warn and write to stderr
}

SOLUTION = re.compile(r"^[ \t]*### BEGIN SOLUTION[ \t]*\n(.*?)^[ \t]*### END SOLUTION[ \t]*\n?",
                      re.MULTILINE | re.DOTALL)


def _solution_code() -> dict[str, str]:
    """Answer cells of the solutions notebook with only the solution kept."""
    nb = nbformat.read(SOLUTIONS_DIR / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    answers = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            answers[meta["grade_id"]] = SOLUTION.sub(lambda m: m.group(1), cell.source)
    return answers


WRONG = {
    "ch05_q1_answer": '''def rfm_table(transactions, as_of=None):
    g = transactions.groupby("customer_id")
    return pd.DataFrame({"recency": 0, "frequency": g.size(), "monetary": g["amount"].sum()})''',
    "ch05_q2_answer": '''def rfm_scores(rfm, bins=5):
    return pd.DataFrame({"r_score": 1, "f_score": 1, "m_score": 1}, index=rfm.index)''',
    "ch05_q3_answer": '''def abc_classes(values, a_cut=0.8, b_cut=0.95):
    return pd.Series("A", index=values.index)''',
    "ch05_q4_answer": '''def man_qualify(leads, min_budget):
    return pd.Series("qualified", index=leads["lead_id"])''',
    "ch05_q5_answer": 'quiz_answers = {"1": "a", "2": "a", "3": "c", "4": "b", "5": "a"}',
}

RAISING = {
    gid: f"def {name}(*args, **kwargs):\n    raise ValueError('I am not sure how to do this')"
    for gid, name in [("ch05_q1_answer", "rfm_table"), ("ch05_q2_answer", "rfm_scores"),
                      ("ch05_q3_answer", "abc_classes")]
}

# Counts purchase days instead of orders: right on the public cases, wrong for
# customers who ordered twice on one day in the hidden ones.
DAYS_NOT_ORDERS = '''def rfm_table(transactions, as_of=None):
    sales = transactions[(transactions["quantity"] > 0) & (transactions["amount"] > 0)]
    days = sales["date"].dt.normalize()
    if sales.empty:
        return pd.DataFrame(columns=["recency", "frequency", "monetary"])
    end = pd.Timestamp(as_of).normalize() if as_of is not None else (
        days.max() + pd.Timedelta(days=1))
    g = sales.assign(day=days).groupby("customer_id")
    return pd.DataFrame({"recency": (end - g["day"].max()).dt.days,
                         "frequency": g["day"].nunique(),
                         "monetary": g["amount"].sum()})'''

LOOP = '''def rfm_scores(rfm, bins=5):
    return None

while True:  # an endless loop left in by mistake
    pass'''


# Put at the top of each function: nbgrader zeroes a test cell with stderr output,
# so the grader must keep a student's warnings out of the test cells.
NOISE = ('    import sys, warnings\n'
         '    warnings.warn("this may change in a future version", FutureWarning)\n'
         '    print("debugging...", file=sys.stderr)\n')


def _fill(release, answers: dict[str, str]):
    nb = copy.deepcopy(release)
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in answers:
            cell.source = answers[gid]
    return nb


def build_submissions() -> dict[str, object]:
    """Each demo student's submission: a notebook, raw bytes, or None (no file)."""
    release = nbformat.read(EXERCISES_DIR / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    right = _solution_code()
    subs: dict[str, object] = {}
    subs["alice_right"] = _fill(release, right)
    subs["bao_partly_right"] = _fill(release, {
        "ch05_q1_answer": DAYS_NOT_ORDERS, "ch05_q2_answer": right["ch05_q2_answer"],
        "ch05_q5_answer": 'quiz_answers = {"1": "b", "2": "b", "3": "a", "4": "b", "5": "a"}'})
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
    subs["李雷 Li Lei"] = _fill(release, right)
    noisy = {gid: src.replace('    """', NOISE + '    """', 1) if src.startswith("def ") else src
             for gid, src in right.items()}
    subs["jun_noisy_but_right"] = _fill(release, noisy)
    return subs


def write_demo_class(folder: str | Path) -> Path:
    """Write the demo class into ``folder`` (one sub-folder per student) and return it."""
    folder = Path(folder)
    for sid, sub in build_submissions().items():
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
