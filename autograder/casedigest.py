"""Fingerprints of the generated hidden cases, to show that a refactoring changed none.

Students' grades depend on the inputs ``Question.cases(seed)`` generates, so a
change to a reference module that is meant to keep behaviour (moving a helper
into :mod:`autograder.reference._cases`, say) must leave every case of every
seed exactly as it was. This module writes a digest of each question's cases
for a range of seeds, and compares two digests::

    python -m autograder.casedigest --out before.json          # on the old code
    python -m autograder.casedigest --compare before.json      # on the new code

The digest of a case covers its name, description, and the values, dtypes,
index and column labels of every argument (floats by their exact ``repr``).

Examples
--------
>>> import pandas as pd
>>> canonical(pd.Series([1.5], index=pd.Index(["a"], name="customer_id")))[0]
'Series'
>>> digest_question(lambda seed: [], range(2))
{'0': 'empty', '1': 'empty'}
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from autograder.reference import load

_CHAPTER = re.compile(r"^ch\d\d$")


def canonical(value):
    """A JSON-ready, exact description of a case argument.

    Examples
    --------
    >>> canonical({"b": 0.1, "a": (1, "x")})
    ['dict', [["'a'", ['tuple', [['int', '1'], ['str', 'x']]]], ["'b'", ['float', '0.1']]]]
    >>> canonical(pd.Timestamp("2024-01-02"))
    ['Timestamp', '2024-01-02 00:00:00']
    """
    if isinstance(value, pd.DataFrame):
        return ["DataFrame", canonical(value.index),
                [[repr(c), str(value[c].dtype), canonical(value[c].to_numpy())]
                 for c in value.columns]]
    if isinstance(value, pd.Series):
        return ["Series", repr(value.name), str(value.dtype), canonical(value.index),
                canonical(value.to_numpy())]
    if isinstance(value, pd.Index):
        return ["Index", repr(value.names), str(value.dtype),
                canonical(value.to_numpy())]
    if isinstance(value, np.ndarray):
        return ["ndarray", str(value.dtype), [canonical(v) for v in value.tolist()]]
    if isinstance(value, dict):
        return ["dict", sorted([repr(k), canonical(v)] for k, v in value.items())]
    if isinstance(value, list | tuple):
        return [type(value).__name__, [canonical(v) for v in value]]
    if isinstance(value, bool | np.bool_):
        return ["bool", str(bool(value))]
    if isinstance(value, float | np.floating):
        return ["float", repr(float(value))]
    if isinstance(value, int | np.integer):
        return ["int", str(int(value))]
    if isinstance(value, pd.Timestamp | pd.Timedelta):
        return [type(value).__name__, str(value)]
    if value is None or isinstance(value, str):
        return [type(value).__name__, value]
    return [type(value).__name__, repr(value)]


def digest_question(cases, seeds) -> dict[str, str]:
    """``{seed: sha256 of the cases}`` of one question's ``cases(seed)``.

    Examples
    --------
    >>> from autograder.reference._cases import Case
    >>> d = digest_question(lambda seed: [Case("x", (seed,))], [1])
    >>> len(d["1"])
    64
    """
    out = {}
    for seed in seeds:
        got = cases(seed)
        if not got:
            out[str(seed)] = "empty"
            continue
        text = json.dumps([[c.name, c.description, canonical(c.args), canonical(c.kwargs)]
                           for c in got], ensure_ascii=False, sort_keys=True)
        out[str(seed)] = hashlib.sha256(text.encode()).hexdigest()
    return out


def chapters(root: Path | None = None) -> list[str]:
    """The assignments ``chNN`` that have a reference module, in order.

    Examples
    --------
    >>> "ch05" in chapters()
    True
    """
    root = root or Path(__file__).parent / "reference"
    return sorted(p.stem for p in root.glob("ch*.py") if _CHAPTER.match(p.stem))


def digest(assignments=None, seeds=range(21)) -> dict[str, dict[str, str]]:
    """``{qid: {seed: digest}}`` for every question of the assignments."""
    out = {}
    for name in assignments or chapters():
        for qid, question in load(name).QUESTIONS.items():
            out[qid] = digest_question(question.cases, seeds)
    return out


def differences(before: dict, after: dict) -> list[str]:
    """Lines naming each question and seed whose cases differ.

    Examples
    --------
    >>> differences({"q": {"0": "a"}}, {"q": {"0": "b"}})
    ['q seed 0: cases differ']
    >>> differences({"q": {"0": "a"}}, {})
    ['q: missing after']
    """
    lines = []
    for qid in sorted(set(before) | set(after)):
        if qid not in after:
            lines.append(f"{qid}: missing after")
        elif qid not in before:
            lines.append(f"{qid}: new (not in the earlier digest)")
        else:
            for seed, value in before[qid].items():
                if after[qid].get(seed) != value:
                    lines.append(f"{qid} seed {seed}: cases differ")
    return lines


def main(argv=None) -> int:
    """Write a digest (``--out``) or compare with an earlier one (``--compare``)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=21, help="seeds 0..N-1 (default 21)")
    parser.add_argument("--out", type=Path, help="write the digest to this JSON file")
    parser.add_argument("--compare", type=Path, help="compare with this earlier digest")
    parser.add_argument("assignments", nargs="*", help="chNN (default: every chapter)")
    args = parser.parse_args(argv)
    now = digest(args.assignments or None, range(args.seeds))
    if args.out:
        args.out.write_text(json.dumps(now, indent=1, sort_keys=True))
    if args.compare:
        try:
            before = json.loads(args.compare.read_text())
        except (OSError, ValueError) as exc:
            print(f"cannot read the earlier digest {args.compare}: {exc}", file=sys.stderr)
            return 2
        if args.assignments:
            before = {q: v for q, v in before.items() if q.split("_")[0] in args.assignments}
        diff = differences(before, now)
        for line in diff:
            print(line)
        n = sum(len(v) for v in now.values())
        print(f"{len(now)} questions, {n} question-seeds: "
              + ("identical" if not diff else f"{len(diff)} differ"))
        return 1 if diff else 0
    if not args.out:
        json.dump(now, sys.stdout, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
