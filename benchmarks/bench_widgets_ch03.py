"""Time every control of chapter 3's funnel explorer (course.widgets.aidma).

Run from the repository root::

    python benchmarks/bench_widgets_ch03.py            # en and zh, 9 updates per control
    python benchmarks/bench_widgets_ch03.py --quick    # 2 updates per control: a smoke test

For each language it builds, in one process, three explorers: one that updates
its figure in place (what the course ships: the figure of each path is built
once, a control change sets new bar widths, colours and texts and redraws only
those artists, then encodes a fast PNG), a baseline that builds a new figure
on every update and saves it with ``savefig``, and one with plotting switched
off (the model and the table alone). It moves every control (``path``,
``reach``, ``budget`` and the five weights) through the same values, the three
updates interleaved so that they see the same load on a shared machine, and
checks that the in-place and baseline widgets show the same numbers after every
move.

It reports the median update time per control (wall clock, and the CPU time of
the process, which a busy shared machine inflates much less) and the ratio
baseline / in place. Results go to ``benchmarks/results/`` as JSON (git-ignored). Timings are
for information only: no test asserts on them.
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
MOVES = {
    "path": ["aisas", "aidma"],
    "reach": [150_000, 80_000, 300_000, 50_000, 100_000],
    "budget": [80_000, 40_000, 120_000, 60_000],
    "w_attention": [2.0, 0.5, 3.0, 1.0],
    "w_interest": [2.5, 0.5, 4.0, 1.0],
    "w_desire": [0.0, 2.0, 3.5, 1.0],
    "w_memory": [3.0, 0.5, 1.5, 1.0],
    "w_action": [1.5, 4.5, 0.0, 1.0],
}


def timed_set(widget, control: str, value) -> float:
    """Set ``widget.<control>.value`` (which runs the update) and return the seconds taken."""
    return timed_set_cpu(widget, control, value)[0]


def timed_set_cpu(widget, control: str, value) -> tuple[float, float]:
    """Like :func:`timed_set`, with the process's CPU seconds too (robust to a busy machine)."""
    slider = getattr(widget, control)
    start, cpu = time.perf_counter(), time.process_time()
    slider.value = value
    return time.perf_counter() - start, time.process_time() - cpu


def bench_explorer(make, controls: dict[str, list], repeat: int) -> dict:
    """Time each control of an in-place explorer against a full-redraw one and the model alone.

    Returns
    -------
    dict
        Build seconds, and per control every update's seconds in place, with a
        full redraw and without plotting, their medians and the ratio.
    """
    start = time.perf_counter()
    fast = make()
    build_fast = time.perf_counter() - start
    start = time.perf_counter()
    full = make()
    build_full = time.perf_counter() - start
    full._in_place = False
    model = make()
    model._draw = lambda *args, **kwargs: None  # the model, the table and the notes only
    out = {"build_seconds": build_fast, "build_seconds_full_redraw": build_full,
           "controls": {}}
    for control, values in controls.items():
        in_place, redraw, model_only, cpu = [], [], [], []
        for value in moves(values, repeat):
            wall, used = timed_set_cpu(fast, control, value)
            in_place.append(wall)
            cpu.append(used)
            redraw.append(timed_set(full, control, value))
            model_only.append(timed_set(model, control, value))
            if not (fast.summary.equals(full.summary)
                    and fast.comparison.equals(full.comparison)):
                raise AssertionError(f"{control}={value!r}: the in-place and the full-redraw "
                                     "widgets show different numbers")
        if fast.png == full.png:  # different drawing paths make different bytes
            raise AssertionError(f"{control}: the baseline did not draw its own figure")
        out["controls"][control] = {
            "values": moves(values, repeat),
            "in_place_seconds": in_place, "full_redraw_seconds": redraw,
            "model_and_table_seconds": model_only,
            "in_place_median": statistics.median(in_place),
            "in_place_cpu_seconds": cpu, "in_place_cpu_median": statistics.median(cpu),
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
    parser.add_argument("--repeat", type=int, default=9,
                        help="updates timed per control and way (default 9)")
    parser.add_argument("--lang", nargs="+", default=["en", "zh"], choices=["en", "zh"],
                        help="languages to time (default: en zh)")
    parser.add_argument("--quick", action="store_true",
                        help="2 updates per control: a smoke test")
    parser.add_argument("--no-save", action="store_true", help="do not write JSON")
    args = parser.parse_args(argv)
    if args.quick:
        args.repeat = 2

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import matplotlib
    import pandas as pd

    from course.widgets.aidma import funnel_explorer

    runs = {lang: {"funnel_explorer": bench_explorer(lambda lang=lang: funnel_explorer(lang=lang),
                                                     MOVES, args.repeat)}
            for lang in args.lang}
    controls = [c for r in runs.values() for e in r.values() for c in e["controls"].values()]
    in_place = [c["in_place_median"] for c in controls]
    redraw = [c["full_redraw_median"] for c in controls]
    results = {
        "benchmark": "bench_widgets_ch03",
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
    print(f"chapter 3 funnel explorer: {args.repeat} updates per control and way")
    print(f"{'lang':<6}{'control':<13}{'in place ms':>12}{'(CPU ms)':>10}{'full redraw ms':>16}"
          f"{'ratio':>8}{'model+table ms':>16}")
    for lang, run in runs.items():
        for explorer in run.values():
            for control, c in explorer["controls"].items():
                print(f"{lang:<6}{control:<13}{1000 * c['in_place_median']:>12.1f}"
                      f"{1000 * c['in_place_cpu_median']:>10.1f}"
                      f"{1000 * c['full_redraw_median']:>16.1f}"
                      f"{c['ratio_full_redraw_to_in_place']:>7.1f}x"
                      f"{1000 * c['model_and_table_median']:>16.1f}")
            print(f"{lang:<6}{'(build)':<13}{1000 * explorer['build_seconds']:>12.1f}"
                  f"{'':>10}{1000 * explorer['build_seconds_full_redraw']:>16.1f}")
    print(f"slowest control, in place: {1000 * results['slowest_in_place_median']:.1f} ms "
          "median")
    print(f"ratio full redraw / in place: {results['ratio_full_redraw_to_in_place']:.1f}x "
          "(median over controls)")
    if not args.no_save:
        RESULTS.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        out = RESULTS / f"bench_widgets_ch03_{stamp}.json"
        out.write_text(json.dumps(results, indent=2), encoding="utf-8")
        print(f"results written to {out.relative_to(ROOT)}")
    return results


if __name__ == "__main__":
    main()
