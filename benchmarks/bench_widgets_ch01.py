"""Time every control of the chapter 1 widgets: the rice planner and the remembering shops.

Run from the repository root::

    python benchmarks/bench_widgets_ch01.py            # en and zh, 9 updates per control
    python benchmarks/bench_widgets_ch01.py --quick    # 2 updates: a smoke test

For each language it builds, in one process, two of each widget: one that
updates its figure in place (what the course ships: the figure is built once,
a control change sets new data on its artists and redraws only those) and a
baseline that builds a new figure on every update and saves it with
``savefig``. It moves every control of both (``people``, ``grams``,
``bag_kg``, ``safety``; ``keep_remember``, ``keep_forget``, ``n_rivals``)
through the same values, in-place and baseline updates interleaved so that
both see the same load on a shared machine, and times each update: the model,
the table and the plot, as a student waits for them. After every move it
checks that both widgets show the same result.

It reports the median update time per control and the ratio baseline / in
place. Results go to ``benchmarks/results/`` as JSON (git-ignored). Timings
are for information only: no test asserts on them.
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

#: The values each control is moved through, in turn (cycled when repeats exceed them).
PLANNER_MOVES = {
    "people": [6, 2, 9, 4, 1, 7],
    "grams": [200, 450, 300, 600, 150, 350],
    "bag_kg": [10, 50, 5, 15, 25],
    "safety": [4, 0, 7, 1, 3, 2],
}
SHOPS_MOVES = {
    "keep_remember": [0.8, 0.6, 0.99, 0.9, 0.7, 0.95],
    "keep_forget": [0.5, 0.9, 0.3, 0.6, 0.8, 0.7],
    "n_rivals": [1, 5, 2, 4, 3],
}


def timed_set(widget, control: str, value) -> float:
    """Set ``widget.<control>.value`` (which runs the update) and return the seconds taken."""
    slider = getattr(widget, control)
    start = time.perf_counter()
    slider.value = value
    return time.perf_counter() - start


def bench_widget(make, controls: dict[str, list], repeat: int, result) -> dict:
    """Time each control of an in-place widget against a full-redraw one.

    Parameters
    ----------
    make : callable
        ``make()`` returns a new widget.
    controls : dict
        Control name -> values to move it through.
    repeat : int
        Updates timed per control and way.
    result : callable
        ``result(widget)`` gives what the widget shows (a DataFrame), compared
        between the two ways after every move.

    Returns
    -------
    dict
        Build seconds of both, and per control the seconds of every update in
        place and with a full redraw, their medians and the ratio.
    """
    start = time.perf_counter()
    fast = make()
    build_fast = time.perf_counter() - start
    start = time.perf_counter()
    full = make()
    build_full = time.perf_counter() - start
    full._in_place = False
    out = {"build_seconds": build_fast, "build_seconds_full_redraw": build_full,
           "controls": {}}
    for control, values in controls.items():
        in_place, redraw = [], []
        for value in moves(values, repeat):
            in_place.append(timed_set(fast, control, value))
            redraw.append(timed_set(full, control, value))
            if not result(fast).equals(result(full)):
                raise AssertionError(f"{control}={value!r}: the in-place and the full-redraw "
                                     "widgets show different results")
        if fast.png == full.png:  # different drawing paths make different bytes
            raise AssertionError(f"{control}: the baseline did not draw its own figure")
        out["controls"][control] = {
            "values": moves(values, repeat),
            "in_place_seconds": in_place, "full_redraw_seconds": redraw,
            "in_place_median": statistics.median(in_place),
            "full_redraw_median": statistics.median(redraw),
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
    parser.add_argument("--repeat", type=int, default=9,
                        help="updates timed per control and way (default 9)")
    parser.add_argument("--lang", nargs="+", default=["en", "zh"], choices=["en", "zh"],
                        help="languages to time (default: en zh)")
    parser.add_argument("--quick", action="store_true", help="2 updates per control: a smoke test")
    parser.add_argument("--no-save", action="store_true", help="do not write JSON")
    args = parser.parse_args(argv)
    if args.quick:
        args.repeat = 2

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import matplotlib
    import pandas as pd

    from course.widgets.concepts import remembering_shops, rice_planner

    runs = {}
    for lang in args.lang:
        runs[lang] = {
            "rice_planner": bench_widget(lambda lang=lang: rice_planner(lang=lang),
                                         PLANNER_MOVES, args.repeat, lambda w: w.calendar),
            "remembering_shops": bench_widget(lambda lang=lang: remembering_shops(lang=lang),
                                              SHOPS_MOVES, args.repeat,
                                              lambda w: w.year.summary),
        }
    in_place = [c["in_place_median"] for r in runs.values() for e in r.values()
                for c in e["controls"].values()]
    redraw = [c["full_redraw_median"] for r in runs.values() for e in r.values()
              for c in e["controls"].values()]
    results = {
        "benchmark": "bench_widgets_ch01",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "repeat": args.repeat,
        "runs": runs,
        "slowest_in_place_median": max(in_place),
        "ratio_full_redraw_to_in_place": statistics.median(redraw) / statistics.median(in_place),
        "environment": {"python": platform.python_version(), "pandas": pd.__version__,
                        "matplotlib": matplotlib.__version__,
                        "platform": platform.platform(), "cpus": os.cpu_count(),
                        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None},
    }

    print(f"chapter 1 widgets; {args.repeat} updates per control and way")
    print(f"{'widget':<19}{'lang':<6}{'control':<15}{'in place ms':>12}"
          f"{'full redraw ms':>16}{'ratio':>8}")
    for lang, run in runs.items():
        for name, widget in run.items():
            for control, c in widget["controls"].items():
                print(f"{name:<19}{lang:<6}{control:<15}"
                      f"{1000 * c['in_place_median']:>12.1f}"
                      f"{1000 * c['full_redraw_median']:>16.1f}"
                      f"{c['ratio_full_redraw_to_in_place']:>7.1f}x")
            print(f"{name:<19}{lang:<6}{'(build)':<15}"
                  f"{1000 * widget['build_seconds']:>12.1f}"
                  f"{1000 * widget['build_seconds_full_redraw']:>16.1f}")
    print(f"slowest control, in place: {1000 * results['slowest_in_place_median']:.1f} ms "
          "median")
    print(f"ratio full redraw / in place: {results['ratio_full_redraw_to_in_place']:.1f}x "
          "(median over controls)")
    if not args.no_save:
        RESULTS.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        out = RESULTS / f"bench_widgets_ch01_{stamp}.json"
        out.write_text(json.dumps(results, indent=2), encoding="utf-8")
        print(f"results written to {out.relative_to(ROOT)}")
    return results


if __name__ == "__main__":
    main()
