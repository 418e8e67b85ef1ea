"""Mutated submissions, built from real notebooks, to grade in one batch.

:func:`mutants` turns real notebooks (the release, a right and a partly
right demo submission) into broken ones the way files break in the wild or
under a student's hands: truncated or invalid JSON, binary bytes, wrong types
in cell metadata, cells shuffled, removed or duplicated, nbgrader ids changed
or made to collide, huge strings and deep nesting. Each mutant is named by
what was done to it. Most of them cannot be read (``unreadable``) and cost no
kernel; :data:`RUNNING` mutations leave a notebook that can be graded
(``tampered`` or ``ok``) and do start one, so ``running`` sets their share.

:func:`write_fuzz_class` writes a batch as student folders;
``tests/test_fuzz.py`` grades it through ``crm-course grade`` (a small batch in
``make test``, 1,000 and more in ``make test-fuzz``).

Examples
--------
>>> import nbformat
>>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
>>> batch = list(mutants([nb], 30, seed=1))
>>> len(batch), len({name for name, _ in batch})
(30, 30)
>>> all(isinstance(data, bytes) for _, data in batch)
True
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path

import nbformat

Mutation = Callable[[dict, random.Random], bytes]


def _dump(nb: dict) -> bytes:
    return json.dumps(nb, indent=1, ensure_ascii=False).encode("utf-8")


def _cell(nb: dict, rng: random.Random, graded: bool = False) -> dict:
    cells = [c for c in nb["cells"] if not graded or "nbgrader" in c.get("metadata", {})]
    return rng.choice(cells or nb["cells"])


# ------------------------------------------------------------ mutations that cannot be read


def truncated(nb, rng):
    raw = _dump(nb)
    return raw[: rng.randrange(0, len(raw) - 1)]


def invalid_json(nb, rng):
    raw = bytearray(_dump(nb))
    for _ in range(rng.randint(1, 5)):
        raw[rng.randrange(len(raw))] = rng.choice(b'{}[],:"\\')
    return bytes(raw)


def binary_bytes(nb, rng):
    raw = bytearray(_dump(nb))
    at = rng.randrange(len(raw))
    raw[at:at] = bytes(rng.randrange(128, 256) for _ in range(rng.randint(1, 64)))
    return bytes(raw)


def nul_bytes(nb, rng):
    raw = bytearray(_dump(nb))
    at = rng.randrange(len(raw))
    raw[at:at] = b"\0" * rng.randint(1, 16)
    return bytes(raw)


WRONG_VALUES = [None, 0, 1.5, True, "yes", [], ["a"], {}, {"a": 1}, -7]


def wrong_metadata_type(nb, rng):
    cell = _cell(nb, rng, graded=True)
    meta = cell.setdefault("metadata", {})
    nbgrader = meta.get("nbgrader")
    choice = rng.randrange(3) if isinstance(nbgrader, dict) else 0
    if choice == 0:  # the whole nbgrader metadata of a wrong type
        meta["nbgrader"] = rng.choice([v for v in WRONG_VALUES if not isinstance(v, dict)
                                       and v is not None])
    elif choice == 1:  # one field of a wrong type
        key = rng.choice(["grade_id", "grade", "solution", "locked", "points"])
        wrong = {"grade_id": [5, ["q"], {"id": 1}, True], "points": ["3", [3], True, {}],
                 }.get(key, ["yes", 1, [], "false"])
        nbgrader[key] = rng.choice(wrong)
    else:  # the cell's metadata itself
        cell["metadata"] = rng.choice([[], "metadata", 3])
    return _dump(nb)


def wrong_cell_type(nb, rng):
    cell = _cell(nb, rng)
    what = rng.randrange(4)
    if what == 0:
        cell["cell_type"] = rng.choice(["python", "", 3, None, "Code"])
    elif what == 1:
        cell["source"] = rng.choice([3, {"code": "x"}, [1, 2], None])
    elif what == 2:
        cell["outputs"] = rng.choice(["none", [1], {"a": 1}])
        cell["cell_type"] = "code"
    else:
        nb["cells"][rng.randrange(len(nb["cells"]))] = rng.choice([1, "cell", [], None])
    return _dump(nb)


def wrong_notebook(nb, rng):
    what = rng.randrange(5)
    if what == 0:
        nb["nbformat"] = rng.choice([3, "4", 5, None])
    elif what == 1:
        nb["cells"] = rng.choice([{}, "cells", 7])
    elif what == 2:
        nb.pop("cells")
    elif what == 3:
        return _dump(nb["cells"])  # a list, not a notebook
    else:
        nb["metadata"] = rng.choice([[], "m", 1])
    return _dump(nb)


def schema_invalid(nb, rng):
    cell = _cell(nb, rng)
    cell.pop(rng.choice(["source", "metadata", "cell_type"]), None)
    if rng.random() < 0.5:
        cell["unexpected"] = 1
    return _dump(nb)


def deep_nesting(nb, rng):
    depth = rng.choice([50, 200, 2_000, 100_000])
    text = "[" * depth + "]" * depth
    raw = _dump(nb).decode("utf-8")
    meta = '"metadata": {'
    at = raw.find(meta, rng.randrange(len(raw) // 2))
    at = raw.find(meta) if at < 0 else at
    return (raw[: at + len(meta)] + f'"deep": {text}, ' + raw[at + len(meta):]).encode()


def huge_grade_id(nb, rng):
    cell = _cell(nb, rng, graded=True)
    nbgrader = cell.setdefault("metadata", {}).setdefault("nbgrader", {})
    if not isinstance(nbgrader, dict):
        cell["metadata"]["nbgrader"] = nbgrader = {}
    nbgrader["grade_id"] = "q" * rng.choice([101, 10_000, 2_000_000])
    return _dump(nb)


def lone_surrogate(nb, rng):
    raw = _dump(nb).decode("utf-8")
    at = raw.find('"source": "', rng.randrange(len(raw) // 2))
    at = raw.find('"source": "') if at < 0 else at
    if at < 0:
        return raw.replace("{", '{"x": "\\ud800", ', 1).encode()
    at += len('"source": "')
    return (raw[:at] + rng.choice(["\\ud800", "\\udfff", "a\\udc80b"]) + raw[at:]).encode()


def empty_or_blank(nb, rng):
    return rng.choice([b"", b" \n\t ", b"\xef\xbb\xbf", b"null", b"[]", b"{}", b"0"])


# ------------------------------------------------------------ mutations that can be graded


def shuffled(nb, rng):
    rng.shuffle(nb["cells"])
    return _dump(nb)


def removed(nb, rng):
    for _ in range(rng.randint(1, max(1, len(nb["cells"]) // 3))):
        if nb["cells"]:
            nb["cells"].pop(rng.randrange(len(nb["cells"])))
    return _dump(nb)


def duplicated(nb, rng):
    for _ in range(rng.randint(1, 4)):
        cell = copy.deepcopy(_cell(nb, rng))
        nb["cells"].insert(rng.randrange(len(nb["cells"]) + 1), cell)
    return _dump(nb)


def ids_changed(nb, rng):
    graded = [c for c in nb["cells"] if isinstance(c.get("metadata", {}).get("nbgrader"), dict)]
    for cell in rng.sample(graded, k=min(len(graded), rng.randint(1, 3))):
        cell["metadata"]["nbgrader"]["grade_id"] = rng.choice(
            ["q1", "ch05_q9", "my answer", "ch05_q1_answer", "ch05_q1", "答案"])
        cell["id"] = rng.choice(["dup", "x" * 64, cell.get("id", "a")])
    return _dump(nb)


def huge_markdown(nb, rng):
    size = rng.choice([100_000, 2_000_000])
    nb["cells"].append({"cell_type": "markdown", "metadata": {}, "id": "huge",
                        "source": "x" * size + "\n" + "é" * 1000})
    return _dump(nb)


#: Mutations whose result nothing can read: rejected before a kernel starts.
REJECTED: dict[str, Mutation] = {
    "truncated": truncated, "invalid-json": invalid_json, "binary": binary_bytes,
    "nul-bytes": nul_bytes, "metadata-type": wrong_metadata_type,
    "cell-type": wrong_cell_type, "not-a-notebook": wrong_notebook,
    "schema": schema_invalid, "deep-nesting": deep_nesting, "huge-id": huge_grade_id,
    "surrogate": lone_surrogate, "empty": empty_or_blank,
}

#: Mutations that leave a notebook the grader can restore and run.
RUNNING: dict[str, Mutation] = {
    "shuffled": shuffled, "removed": removed, "duplicated": duplicated,
    "ids-changed": ids_changed, "huge-markdown": huge_markdown,
}


def mutants(notebooks: list, count: int, *, seed: int = 0,
            running: float = 0.1) -> Iterator[tuple[str, bytes]]:
    """``count`` mutants of ``notebooks``: (name, file bytes), the same for the same seed.

    ``running`` is the share of mutants made by :data:`RUNNING` mutations
    (they start a kernel when graded); the rest are :data:`REJECTED`.
    """
    rng = random.Random(seed)
    bases = [json.loads(nbformat.writes(nb)) for nb in notebooks]
    n_running = round(count * running)
    plan = [True] * n_running + [False] * (count - n_running)
    rng.shuffle(plan)
    for number, runs in enumerate(plan):
        table = RUNNING if runs else REJECTED
        name = rng.choice(sorted(table))
        base = rng.randrange(len(bases))
        data = table[name](copy.deepcopy(bases[base]), rng)
        yield f"fz{number:04d}_{name}_b{base}", data


def write_fuzz_class(folder: str | Path, count: int, *, seed: int = 0,
                     running: float = 0.1) -> dict[str, str]:
    """Write ``count`` mutants, one student folder each; return folder -> mutation."""
    from autograder.coursedir import EXERCISES_DIR
    from autograder.demo import ASSIGNMENT, build_submissions

    folder = Path(folder)
    subs = build_submissions({})
    release = nbformat.read(EXERCISES_DIR / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    bases = [release, subs["alice_right"], subs["bao_partly_right"]]
    made = {}
    for name, data in mutants(bases, count, seed=seed, running=running):
        (folder / name).mkdir(parents=True, exist_ok=True)
        (folder / name / f"{ASSIGNMENT}.ipynb").write_bytes(data)
        made[name] = name.split("_")[1]
    return made
