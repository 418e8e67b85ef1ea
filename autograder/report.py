"""The end of a grading run: a table of results, flagged students first, and report.html.

A student is *flagged* when their status is not ``ok``: the instructor should
look at them (a timeout, a corrupt file, restored test cells, ...).

Examples
--------
>>> from autograder.worker import StudentResult
>>> rows = [StudentResult("s1", "s1", score=12, max_score=14),
...         StudentResult("s2", "s2", status="timeout", message="cell 9 ran too long")]
>>> [r.student_id for r in flagged_first(rows)]
['s2', 's1']
>>> print_table(rows, 14)
student  score  status   message
-------  -----  -------  -------------------
s2       0/14   timeout  cell 9 ran too long
s1       12/14  ok
<BLANKLINE>
2 students, 1 flagged; mean score 6/14
"""

from __future__ import annotations

import html
from collections import Counter
from pathlib import Path

from autograder import manual
from autograder.safety import plain_text
from autograder.worker import STATUSES, StudentResult


def flagged_first(rows: list[StudentResult]) -> list[StudentResult]:
    """Rows ordered by status (most serious first, ``ok`` last), then by student id."""
    rank = {status: i for i, status in enumerate(STATUSES)}
    return sorted(rows, key=lambda r: (r.status == "ok", rank.get(r.status, -1),
                                       r.student_id))


def _summary(rows: list[StudentResult], max_score: float) -> str:
    flagged = sum(r.status != "ok" for r in rows)
    mean = sum(r.score for r in rows) / len(rows) if rows else 0.0
    return (f"{len(rows)} students, {flagged} flagged; mean score "
            f"{mean:.3g}/{max_score:g}{manual.summary(rows)}")


def print_table(rows: list[StudentResult], max_score: float) -> None:
    """Print the results, flagged students first, and a one-line summary."""
    header = ["student", "score", "status", "message"]
    # Ids and messages are the students': no escape sequences reach the terminal.
    lines = [[plain_text(r.student_id), manual.score_text(r, max_score), plain_text(r.status),
              plain_text(r.message[:100])] for r in flagged_first(rows)]
    widths = [max(len(h), *(len(line[i]) for line in lines)) if lines else len(h)
              for i, h in enumerate(header)]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip())
    print("  ".join("-" * w for w in widths))
    for line in lines:
        print("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())
    print()
    print(_summary(rows, max_score))


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{assignment}: grading report</title>
<style>
body {{ font-family: sans-serif; margin: 2em; }}
table {{ border-collapse: collapse; }}
th, td {{ border: 1px solid #ccc; padding: .3em .6em; text-align: left; vertical-align: top; }}
tr.flagged {{ background: #fff3cd; }}
tr.zero {{ background: #f8d7da; }}
td.num {{ text-align: right; }}
</style></head>
<body>
<h1>{assignment}: grading report</h1>
<p>{summary}. Statuses: {counts}.</p>
<p>Flagged students (status other than <code>ok</code>) come first. A task graded by hand
shows <code>pending</code> until an instructor grades it in nbgrader's formgrader
(<code>crm-course formgrade</code>); the score counts the points given so far.</p>
<table>
<thead><tr><th>student</th><th>score</th><th>status</th><th>message</th>{qheads}
<th>feedback</th></tr></thead>
<tbody>
{rows}
</tbody></table>
{extra}
</body></html>
"""


def write_report(path: Path, assignment: str, rows: list[StudentResult],
                 max_score: float, extra: str = "") -> Path:
    """Write ``report.html``: every student's score and status, flagged ones first.

    ``extra`` is HTML put after the table (item analysis, similarity flags:
    :func:`autograder.analysis.report_sections`, which escapes what it shows).
    """
    qids = sorted({q for r in rows for q in r.questions})
    body = []
    for r in flagged_first(rows):
        css = "" if r.status == "ok" else (' class="zero"' if r.score == 0 else
                                            ' class="flagged"')
        link = (f'<a href="{html.escape(r.feedback)}">feedback</a>' if r.feedback else "")
        cells = "".join(f'<td class="num">{manual.cell_text(r, q, r.questions.get(q, 0.0))}'
                        "</td>" for q in qids)
        body.append(f"<tr{css}><td>{html.escape(r.student_id)}</td>"
                    f'<td class="num">{manual.score_text(r, max_score)}</td>'
                    f"<td><code>{html.escape(r.status)}</code></td>"
                    f"<td>{html.escape(r.message)}</td>"
                    f"{cells}<td>{link}</td></tr>")
    counts = Counter(r.status for r in rows)
    path.write_text(PAGE.format(
        assignment=html.escape(assignment), summary=html.escape(_summary(rows, max_score)),
        counts=", ".join(f"{s} {counts[s]}" for s in STATUSES if counts[s]) or "none",
        qheads="".join(f"<th>{html.escape(q)}</th>" for q in qids),
        rows="\n".join(body), extra=extra), encoding="utf-8")
    return path
