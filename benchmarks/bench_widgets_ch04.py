"""Time every control of the chapter 4 needs pyramid, in place against a full redraw.

Run from the repository root::

    python benchmarks/bench_widgets_ch04.py            # 2,000 respondents, en and zh, 9 updates
    python benchmarks/bench_widgets_ch04.py --quick    # 300 respondents, 2 updates: a smoke test

For each language it builds, in one process, two needs pyramids on the same
survey: one that updates its figure in place (what the course ships: the
figure is built once, a control change sets new widths and colours on its
bars and new texts, redraws only those and encodes a fast PNG) and a
baseline that builds a new figure on every update and saves it with
``savefig``. Then it moves every control of both (``threshold``, ``group``
and each appeal's level) through the same values, in-place and baseline
updates interleaved so that both see the same load on a shared machine, and
times each update (the model, the table and the plot, as a student waits for
them). It also times the model and the table alone (plot drawing switched
off).

It reports the median update time per control and the ratio baseline / in
place, and checks that both widgets showed the same summary after every move.
Results go to ``benchmarks/results/`` as JSON (git-ignored). Timings are for
information only: no test asserts on them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from widgetbench import moves

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"

LEVEL_MOVES = ["safety", "esteem", None, "physiological", "belonging", "self_actualisation"]


def control_moves() -> dict[str, list]:
    """The values each control is moved through, in turn (cycled when repeats exceed them).

    Examples
    --------
    >>> moves = control_moves()
    >>> moves["threshold"][:3], "appeal_club" in moves
    ([6, 4, 7], True)
    """
    from course.widgets.needs import APPEALS

    return {"threshold": [6, 4, 7, 3, 5, 2],
            "group": ["low_income", "high_income", "middle_income", "all"],
            **{f"appeal_{key}": LEVEL_MOVES for key in APPEALS}}


def timed_set(widget, control: str, value) -> float:
    """Set the control's value (which runs the update) and return the seconds taken."""
    target = widget.controls[control]
    start = time.perf_counter()
    target.value = value
    return time.perf_counter() - start


def bench_pyramid(make, controls: dict[str, list], repeat: int) -> dict:
    """Time each control of an in-place pyramid against a full-redraw one.

    Parameters
    ----------
    make : callable
        ``make()`` returns a new :class:`~course.widgets.needs.NeedsPyramid`.
    controls : dict
        Control name -> values to move it through.
    repeat : int
        Updates timed per control and way.

    Returns
    -------
    dict
        Build seconds of both, and per control every update's seconds in
        place, with a full redraw and of the model and table alone, their
        medians and the ratio full redraw / in place.
    """
    start = time.perf_counter()
    fast = make()
    build_fast = time.perf_counter() - start
    start = time.perf_counter()
    full = make()
    build_full = time.perf_counter() - start
    full._in_place = False
    model = make()
    model._draw = lambda *args, **kwargs: None  # the model and the table, no plot
    out = {"build_seconds": build_fast, "build_seconds_full_redraw": build_full,
           "controls": {}}
    for control, values in controls.items():
        in_place, redraw, model_only = [], [], []
        for value in moves(values, repeat):
            in_place.append(timed_set(fast, control, value))
            redraw.append(timed_set(full, control, value))
            model_only.append(timed_set(model, control, value))
            if not (fast.summary.equals(full.summary) and fast.reach.equals(full.reach)):
                raise AssertionError(f"{control}={value!r}: the in-place and the full-redraw "
                                     "widgets show different results")
        if fast.png == full.png:  # different drawing paths make different bytes
            raise AssertionError(f"{control}: the baseline did not draw its own figure")
        out["controls"][control] = {
            "values": [str(v) for v in moves(values, repeat)],
            "in_place_seconds": in_place, "full_redraw_seconds": redraw,
            "model_and_table_seconds": model_only,
            "in_place_median": statistics.median(in_place),
            "full_redraw_median": statistics.median(redraw),
            "model_and_table_median": statistics.median(model_only),
            "ratio_full_redraw_to_in_place":
                statistics.median(redraw) / statistics.median(in_place),
        }
    return out


def main(argv: list[str] | None = None) -> dict:
    """Run the benchmark, print a table and write the JSON results.

    Parameters
    ----------
    argv : list of str, optional
        Command-line arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    dict
        The results written to JSON.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=2000,
                        help="respondents in the generated survey (default 2000; the "
                             "lecture's has 600)")
    parser.add_argument("--repeat", type=int, default=9,
                        help="updates timed per control and way (default 9)")
    parser.add_argument("--lang", nargs="+", default=["en", "zh"], choices=["en", "zh"],
                        help="languages to time (default: en zh)")
    parser.add_argument("--quick", action="store_true",
                        help="300 respondents, 2 updates per control: a smoke test")
    parser.add_argument("--no-save", action="store_true", help="do not write JSON")
    args = parser.parse_args(argv)
    if args.quick:
        args.respondents, args.repeat = 300, 2

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import matplotlib
    import pandas as pd

    from course.synthetic.needs import make_survey
    from course.widgets.needs import needs_pyramid

    survey = make_survey(n_respondents=args.respondents, seed="bench-ch04")
    controls = control_moves()
    runs = {lang: bench_pyramid(lambda lang=lang: needs_pyramid(survey, lang=lang), controls,
                                args.repeat)
            for lang in args.lang}
    in_place = [c["in_place_median"] for r in runs.values() for c in r["controls"].values()]
    redraw = [c["full_redraw_median"] for r in runs.values() for c in r["controls"].values()]
    results = {
        "benchmark": "bench_widgets_ch04",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "respondents": args.respondents,
        "repeat": args.repeat,
        "runs": runs,
        "slowest_in_place_median": max(in_place),
        "ratio_full_redraw_to_in_place": statistics.median(redraw) / statistics.median(in_place),
        "environment": {"python": platform.python_version(), "pandas": pd.__version__,
                        "matplotlib": matplotlib.__version__,
                        "platform": platform.platform(), "cpus": os.cpu_count(),
                        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None},
    }
    print(f"needs survey: {args.respondents:,} respondents; {args.repeat} updates per control "
          "and way")
    print(f"{'lang':<6}{'control':<22}{'in place ms':>12}{'full redraw ms':>16}{'ratio':>8}"
          f"{'model+table ms':>16}")
    for lang, run in runs.items():
        for control, c in run["controls"].items():
            print(f"{lang:<6}{control:<22}{1000 * c['in_place_median']:>12.1f}"
                  f"{1000 * c['full_redraw_median']:>16.1f}"
                  f"{c['ratio_full_redraw_to_in_place']:>7.1f}x"
                  f"{1000 * c['model_and_table_median']:>16.1f}")
        print(f"{lang:<6}{'(build)':<22}{1000 * run['build_seconds']:>12.1f}"
              f"{1000 * run['build_seconds_full_redraw']:>16.1f}")
    print(f"slowest control, in place: {1000 * results['slowest_in_place_median']:.1f} ms median")
    print(f"ratio full redraw / in place: {results['ratio_full_redraw_to_in_place']:.1f}x "
          "(median over controls)")
    if not args.no_save:
        RESULTS.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        out = RESULTS / f"bench_widgets_ch04_{args.respondents}_{stamp}.json"
        out.write_text(json.dumps(results, indent=2), encoding="utf-8")
        print(f"results written to {out.relative_to(ROOT)}")
    return results


if __name__ == "__main__":
    main()
