"""The instructor's part of ``report.html``: histogram, item analysis, late work, similarity.

:func:`report_sections` returns HTML that :func:`autograder.report.write_report`
puts after the table of students. Everything a student controls (ids,
names, answers, code) is escaped here.

Examples
--------
>>> from autograder.worker import StudentResult
>>> rows = [StudentResult("a", "a", score=12, max_score=14, questions={"q1": 2.0}),
...         StudentResult("b", "b", score=4, max_score=14, questions={"q1": 0.0})]
>>> histogram_png(rows, 14)[:4]
b'\\x89PNG'
"""

from __future__ import annotations

import base64
import html
import io
import threading
from collections.abc import Callable
from pathlib import Path

from autograder import items, similarity
from autograder.worker import StudentResult

STYLE = """<style>
.side { display: flex; gap: 1em; } .side > div { flex: 1; min-width: 0; }
.side pre { background: #f6f6f6; padding: .5em; overflow-x: auto; font-size: 85%; }
mark { background: #ffe08a; } details { margin: .4em 0; }
.bar { background: #d9534f; height: .8em; display: inline-block; vertical-align: middle; }
</style>"""


def _descriptions(assignment: str) -> dict[str, dict[str, str]]:
    """Question id -> case name (or quiz item) -> what it checks, from the reference module.

    Case names are the same for every student (only their numbers differ), so the
    cases of one seed name them all; a quiz's items come from ``QUIZ_ITEMS``.
    """
    from autograder.reference import load

    try:
        module = load(assignment)
    except KeyError:
        return {}
    found = {}
    for qid, question in module.QUESTIONS.items():
        if question.key is not None:
            found[qid] = dict(getattr(module, "QUIZ_ITEMS", {}))
        elif question.expected is None:
            found[qid] = {c.name: c.description or c.name for c in question.cases("analysis")}
    return found


_WARM = threading.Lock()


def warm_up() -> None:
    """Load matplotlib (its fonts too) and copydetect, so the report does not wait for them.

    The grader runs it in a thread while the workers grade; the report's own
    drawing waits for it (one lock), so the two never draw at once.
    """
    with _WARM:
        import copydetect  # noqa: F401
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib.figure import Figure

        fig = Figure(figsize=(1, 1))
        fig.add_subplot().set_title("0 1")
        fig.savefig(io.BytesIO(), format="png")


def histogram_png(rows: list[StudentResult], max_score: float,
                  max_points: dict[str, float] | None = None) -> bytes:
    """A PNG: the histogram of total scores, and each task's score distribution."""
    with _WARM:
        return _histogram_png(rows, max_score, max_points)


def _histogram_png(rows, max_score, max_points) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    graded = items.graded(rows)
    tasks = sorted(max_points or {})
    fig, axes = plt.subplots(1, 1 + len(tasks), figsize=(3.0 + 1.35 * len(tasks), 2.6),
                             squeeze=False, gridspec_kw={"width_ratios": [2.5] + [1] * len(tasks)})
    ax = axes[0][0]
    totals = [r.score for r in graded]
    ax.hist(totals, bins=np.linspace(0, max(max_score, 1), 15), color="#4c72b0",
            edgecolor="white")
    ax.set_title(f"total score (n = {len(totals)})", fontsize=9)
    ax.set_xlabel("points")
    ax.set_ylabel("students")
    for k, qid in enumerate(tasks, start=1):
        ax = axes[0][k]
        points = max_points[qid]
        values = [r.questions.get(qid, 0.0) for r in graded]
        ax.hist(values, bins=np.linspace(0, max(points, 1e-9), 7), color="#55a868",
                edgecolor="white")
        ax.set_title(f"{qid} (/{points:g})", fontsize=8)
        ax.tick_params(labelsize=7)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90)
    plt.close(fig)
    return buffer.getvalue()


def _pct(x) -> str:
    return "" if x != x else f"{100 * x:.0f} %"


def _failed_html(table, top: int = 8) -> str:
    if table.empty:
        return "<p>No hidden case results were recorded.</p>"
    worst = table[table["failed"] > 0].head(top)
    lines = "".join(
        f"<li><strong>{html.escape(str(r.description))}</strong> ({html.escape(r.task)}, "
        f"case “{html.escape(str(r.case))}”): {_pct(r.rate)} fail ({r.failed} of "
        f"{r.students})</li>" for r in worst.itertuples())
    rows = "".join(
        f"<tr><td>{html.escape(r.task)}</td><td>{html.escape(str(r.case))}</td>"
        f"<td>{html.escape(str(r.description))}</td><td class=\"num\">{r.failed}/{r.students}"
        f"</td><td><span class=\"bar\" style=\"width:{4 * r.rate:.2f}em\"></span> "
        f"{_pct(r.rate)}</td></tr>" for r in table.itertuples())
    return (f"<h3>What the class got wrong most often</h3><ol>{lines or '<li>nothing</li>'}"
            "</ol><details><summary>every hidden case, quiz item and number</summary><table>"
            "<thead><tr><th>task</th><th>case</th><th>what it checks</th><th>failed</th>"
            f"<th>rate</th></tr></thead><tbody>{rows}</tbody></table></details>")


def _quiz_html(rows, questions, descriptions) -> str:
    parts = []
    for qid, q in questions.items():
        if q.kind != "quiz":
            continue
        table = items.quiz_items(rows, qid, q.points)
        if table.empty:
            continue
        body = "".join(
            f"<tr><td>{html.escape(str(r.item))}</td>"
            f"<td>{html.escape(descriptions.get(qid, {}).get(str(r.item), ''))}</td>"
            f"<td class=\"num\">{_pct(r.difficulty)}</td><td class=\"num\">"
            f"{'n/a' if r.discrimination != r.discrimination else f'{r.discrimination:.2f}'}"
            f"</td><td>{html.escape(str(r.common_wrong))}</td></tr>" for r in table.itertuples())
        parts.append(
            f"<h3>Quiz {html.escape(qid)}: item difficulty and discrimination</h3><p>Difficulty: "
            "share of students who got the item right. Discrimination: correlation between "
            "getting it right and the rest of the score (below about 0.2 the item hardly "
            "separates stronger from weaker students; negative: look at the item).</p><table>"
            "<thead><tr><th>item</th><th>about</th><th>right</th><th>discrimination</th>"
            f"<th>most common wrong answer</th></tr></thead><tbody>{body}</tbody></table>")
    return "".join(parts)


def _late_html(rows: list[StudentResult]) -> str:
    late = [r for r in rows if r.late]
    if not late:
        return ""
    body = "".join(f"<tr><td>{html.escape(r.student_id)}</td><td>{html.escape(r.submitted_at)}"
                   f"</td><td class=\"num\">{r.days_late}</td><td class=\"num\">"
                   f"{r.penalty:g}</td></tr>" for r in late)
    return ("<h2>Late work</h2><table><thead><tr><th>student</th><th>handed in</th>"
            f"<th>days late</th><th>penalty (points)</th></tr></thead><tbody>{body}</tbody>"
            "</table>")


def report_sections(out: Path, assignment: str, rows: list[StudentResult], release_nb,
                    *, threshold: float = similarity.THRESHOLD,
                    log: Callable[[str], None] = print) -> str:
    """The HTML of the report's analysis sections (see the module docstring)."""
    from autograder.reference import load

    try:
        questions = load(assignment).QUESTIONS
    except KeyError:
        questions = {}
    max_points = {qid: float(q.points) for qid, q in questions.items()}
    max_score = max((r.max_score for r in rows), default=0.0) or sum(max_points.values())
    descriptions = _descriptions(assignment)
    parts = [STYLE, "<h2>Item analysis</h2>"]
    graded = items.graded(rows)
    if graded:
        png = base64.b64encode(histogram_png(rows, max_score, max_points)).decode("ascii")
        parts.append(f'<p><img alt="histogram of total scores and of each task\'s scores" '
                     f'src="data:image/png;base64,{png}"></p>')
        summary = items.task_summary(rows, max_points)
        parts.append("<h3>Each task</h3><table><thead><tr><th>task</th><th>points</th>"
                     "<th>students</th><th>mean</th><th>median</th><th>full marks</th>"
                     "<th>no marks</th></tr></thead><tbody>" + "".join(
                         f"<tr><td>{html.escape(str(qid))}</td><td class=\"num\">"
                         f"{r['points']:g}</td><td class=\"num\">{int(r['students'])}</td>"
                         f"<td class=\"num\">{r['mean']:.2f}</td><td class=\"num\">"
                         f"{r['median']:.2f}</td><td class=\"num\">{_pct(r['full'])}</td>"
                         f"<td class=\"num\">{_pct(r['zero'])}</td></tr>"
                         for qid, r in summary.iterrows()) + "</tbody></table>")
        parts.append(_failed_html(items.failed_cases(rows, descriptions)))
        parts.append(_quiz_html(rows, questions, descriptions))
    else:
        parts.append("<p>No notebook was graded.</p>")
    parts.append(_late_html(rows))
    students = {r.student_id: r.nbgrader_id for r in graded}
    try:
        codes = similarity.class_codes(out, assignment, students)
        starter = similarity.starter_code(release_nb) if release_nb is not None else ""
        pairs = similarity.similar_pairs(codes, starter=starter, threshold=threshold)
        parts.append(similarity.pairs_html(pairs, threshold, len(codes)))
    except Exception as exc:  # noqa: BLE001 - the report is written anyway
        log(f"similarity check failed: {type(exc).__name__}: {exc}")
        parts.append("<h2>Similar answer code</h2><p>The similarity check failed: "
                     f"{html.escape(type(exc).__name__)}.</p>")
    return "\n".join(parts)
