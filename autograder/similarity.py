"""Similarity flags: pairs of submissions whose answer code is suspiciously alike.

Built on `copydetect <https://pypi.org/project/copydetect/>`_ (winnowed
k-gram fingerprints of the tokenised code, so renamed variables, changed
comments and moved blank lines do not hide a copy). Each student's *answer
code* is what they wrote: the answer cells (nbgrader ``solution`` cells) and
any code cells they added. The starter code of the released notebook is
boilerplate: fingerprints it shares are ignored, so a scaffold everyone
received never makes two students look alike.

A pair is flagged when both sides' share of matching code reaches the
threshold. A flag is something for the instructor to look at, never a
penalty: short standard answers can match by themselves, and identical
answers may have been written together with permission.

Examples
--------
>>> a = "def f(x):\\n    total = 0\\n    for v in x:\\n        total += v * v\\n    return total\\n"
>>> b = a.replace("total", "acc").replace("v", "item")
>>> pairs = similar_pairs({"ann": a, "ben": b, "cai": "def f(x):\\n    return max(x)\\n"},
...                       threshold=0.5, noise=5, guarantee=8)
>>> [(p.first, p.second) for p in pairs]
[('ann', 'ben')]
"""

from __future__ import annotations

import html
import io
import itertools
from dataclasses import dataclass
from pathlib import Path

import nbformat

#: copydetect's defaults: k-grams of 25 tokens, a match guaranteed from 30 tokens.
NOISE, GUARANTEE = 25, 30
THRESHOLD = 0.6
MAX_CODE = 200_000  # characters of answer code per student


@dataclass
class Pair:
    """Two students whose answer code matches; ``similarity`` is the smaller share."""

    first: str
    second: str
    similarity: float
    shares: tuple[float, float]
    code: tuple[str, str]
    slices: tuple  # copydetect's matched character ranges in each code


def answer_code(nb: nbformat.NotebookNode, release: nbformat.NotebookNode | None = None) -> str:
    """The code a student wrote: answer cells and code cells they added, in order.

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[
    ...     nbformat.v4.new_code_cell("x = 1", metadata={"nbgrader": {"solution": True}}),
    ...     nbformat.v4.new_code_cell("check()", metadata={"nbgrader": {"locked": True}}),
    ...     nbformat.v4.new_code_cell("y = 2")])
    >>> answer_code(nb)
    'x = 1\\n\\ny = 2\\n'
    """
    parts = []
    for cell in nb.cells:
        if cell.get("cell_type") != "code":
            continue
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution") or not meta:
            parts.append(str(cell.get("source", "")).rstrip() + "\n")
    return "\n".join(parts)[:MAX_CODE]


def starter_code(release: nbformat.NotebookNode) -> str:
    """What every student starts from: the released answer cells and free code cells."""
    return answer_code(release)


def _fingerprint(name: str, code: str, noise: int, guarantee: int, boilerplate=None):
    from copydetect import CodeFingerprint

    return CodeFingerprint(f"{name}.py", noise, guarantee - noise + 1, boilerplate=boilerplate,
                           fp=io.StringIO(code), language="python")


def similar_pairs(codes: dict[str, str], *, starter: str = "", threshold: float = THRESHOLD,
                  noise: int = NOISE, guarantee: int = GUARANTEE) -> list[Pair]:
    """Every pair of ``codes`` (student id -> answer code) at or above ``threshold``.

    Sorted by similarity, highest first. Code without any fingerprint (empty,
    or only starter code) is never paired.
    """
    from copydetect import compare_files

    boilerplate = None
    if starter.strip():
        boilerplate = list(_fingerprint("starter", starter, noise, guarantee).hashes)
    prints = {}
    for sid, code in sorted(codes.items()):
        try:
            fp = _fingerprint(sid, code, noise, guarantee, boilerplate)
        except Exception:  # noqa: BLE001 - code the tokenizer cannot read: no fingerprint
            continue
        if fp.hashes:
            prints[sid] = fp
    pairs = []
    for a, b in itertools.combinations(sorted(prints), 2):
        _, (s1, s2), slices = compare_files(prints[a], prints[b])
        if min(s1, s2) >= threshold:
            pairs.append(Pair(a, b, float(min(s1, s2)), (float(s1), float(s2)),
                              (prints[a].raw_code, prints[b].raw_code), slices))
    return sorted(pairs, key=lambda p: (-p.similarity, p.first, p.second))


def class_codes(course_root: Path, assignment: str, students: dict[str, str]) -> dict[str, str]:
    """Answer code of each graded student (student id -> code), from ``submitted/``.

    ``students`` maps student ids to nbgrader ids.
    """
    codes = {}
    for sid, nb_id in students.items():
        path = course_root / "submitted" / nb_id / assignment / f"{assignment}.ipynb"
        try:
            codes[sid] = answer_code(nbformat.read(path, as_version=4))
        except (OSError, ValueError, nbformat.ValidationError):
            continue
    return codes



def highlighted(code: str, slices) -> str:
    """``code`` as escaped HTML with the matching parts in ``<mark>``.

    Examples
    --------
    >>> import numpy as np
    >>> highlighted("a<b = 1", np.array([[0], [3]]))
    '<mark>a&lt;b</mark> = 1'
    """
    import numpy as np

    slices = np.asarray(slices)
    if slices.size == 0:
        return html.escape(code)
    parts, last = [], 0
    for start, end in zip(slices[0], slices[1], strict=True):
        parts.append(html.escape(code[last:int(start)]))
        parts.append("<mark>" + html.escape(code[int(start):int(end)]) + "</mark>")
        last = int(end)
    parts.append(html.escape(code[last:]))
    return "".join(parts)


def pairs_html(pairs: list[Pair], threshold: float, compared: int, shown: int = 15) -> str:
    """The report section: a table of flagged pairs, the first ``shown`` side by side."""
    head = (f"<h2>Similar answer code</h2><p>{compared} submissions compared with "
            f"<a href=\"https://pypi.org/project/copydetect/\">copydetect</a>, starter code "
            f"excluded; pairs whose matching share is at least {threshold:.0%} on both sides. "
            "<strong>Something to look at, never an automatic penalty</strong>: short standard "
            "answers can match by themselves.</p>")
    if not pairs:
        return head + "<p>No pair reaches the threshold.</p>"
    rows = "".join(f"<tr><td>{html.escape(p.first)}</td><td>{html.escape(p.second)}</td>"
                   f'<td class="num">{p.shares[0]:.0%}</td><td class="num">{p.shares[1]:.0%}'
                   "</td></tr>" for p in pairs[:200])
    more = f"<p>… and {len(pairs) - 200} more pairs.</p>" if len(pairs) > 200 else ""
    table = ("<table class=\"pairs\"><thead><tr><th>student</th><th>student</th>"
             "<th>share of the first's code</th><th>share of the second's code</th></tr>"
             f"</thead><tbody>{rows}</tbody></table>{more}")
    sides = []
    for p in pairs[:shown]:
        sides.append(
            f"<details><summary>{html.escape(p.first)} and {html.escape(p.second)}: "
            f"{p.similarity:.0%}</summary><div class=\"side\">"
            f"<div><h4>{html.escape(p.first)}</h4><pre>{highlighted(p.code[0], p.slices[0])}"
            f"</pre></div><div><h4>{html.escape(p.second)}</h4>"
            f"<pre>{highlighted(p.code[1], p.slices[1])}</pre></div></div></details>")
    return head + table + "<h3>Matching lines side by side</h3>" + "".join(sides)
