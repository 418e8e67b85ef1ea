"""Time the capstone's data and reference: a student's slice and the grader's numbers.

Run from the repository root::

    python benchmarks/bench_capstone.py            # 5 students
    python benchmarks/bench_capstone.py --quick    # 2 students (a smoke test)

It times, in one process:

1. reading ``online_retail_raw`` once (what every kernel and grader process pays once:
   :func:`course.synthetic.capstone.raw_retail` caches it);
2. a student's slice, :func:`course.synthetic.capstone.raw_slice_for_student`, once
   the raw lines are in memory;
3. the reference run the grader computes for a student's own numbers
   (``ref_my_numbers``: clean, segment, value, CLV, plan), and the hidden cases of
   all six function questions.

It prints the medians and their ratios to the one raw read. Timings are for
information only: no test asserts on them.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _seconds(func) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 students only")
    args = parser.parse_args(argv)
    students = [f"bench{i:02d}" for i in range(2 if args.quick else 5)]

    from course.synthetic import capstone as data

    read = _seconds(data.raw_retail)
    from autograder.reference import capstone as ref

    sliced = statistics.median(_seconds(lambda s=s: data.raw_slice_for_student(s))
                               for s in students)
    numbers = statistics.median(_seconds(lambda s=s: ref.ref_my_numbers(s)) for s in students)
    cases = statistics.median(
        _seconds(lambda s=s: [q.cases(s) for q in ref.QUESTIONS.values()]) for s in students)
    print(f"{'step':<34} {'median s':>9} {'ratio to the raw read':>22}")
    for name, value in (("read online_retail_raw (once)", read),
                        ("a student's slice", sliced),
                        ("the reference's numbers (q7)", numbers),
                        ("the hidden cases (q1-q6)", cases)):
        print(f"{name:<34} {value:>9.3f} {value / read:>22.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
