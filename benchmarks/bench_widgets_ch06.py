"""Time every control of the chapter 6 widgets (whale curve, value matrix).

Run from the repository root::

    python benchmarks/bench_widgets_ch06.py            # real Online Retail activity, en and zh
    python benchmarks/bench_widgets_ch06.py --quick    # a small generated shop: a smoke test

For each language it builds, in one process, two whale explorers on the
sale and return lines of the Online Retail data (``retail_activity``: 4,362
customers) and two value-matrix explorers on 240 generated accounts: one that
updates its figure in place (what the course ships: the figure is built once,
a control change sets new data on its artists and redraws only those over a
saved picture of the rest) and a baseline that builds a new figure on every
update and saves it with ``savefig``. It moves every control of both through
the same values, in-place and baseline updates interleaved so that both see
the same load on a shared machine, and times each update (model, table and
plot, as a student waits for them), and the model and table alone.

It reports the median update per control and the ratio baseline / in place,
and checks that both widgets showed the same numbers after every move. Results
go to ``benchmarks/results/`` as JSON (git-ignored). Timings are for
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

#: The values each control is moved through, in turn (cycled when repeats exceed them).
WHALE_MOVES = {
    "margin": [0.25, 0.35, 0.2, 0.4, 0.3],
    "cost_per_order": [20.0, 30.0, 15.0, 40.0, 25.0],
    "cost_per_line": [0.5, 1.5, 0.8, 2.0, 1.0],
    "cost_per_return": [5.0, 15.0, 8.0, 20.0, 10.0],
    "drop_share": [0.1, 0.2, 0.05, 0.3, 0.19],
    "fixed_share": [0.25, 0.5, 0.75, 0.0, 1.0],
}
MATRIX_MOVES = {
    "current_cut": [200.0, 800.0, 400.0, 1200.0, 600.0],
    "potential_cut": [800.0, 2000.0, 1200.0, 3000.0, 1500.0],
}


def timed_set(widget, control: str, value) -> tuple[float, float]:
    """Set ``widget.<control>.value`` (which runs the update); return wall and CPU seconds.

    On a shared machine the wall time includes waiting for a core; the CPU time of this
    process is what the update itself costs.
    """
    slider = getattr(widget, control)
    start, cpu = time.perf_counter(), time.process_time()
    slider.value = value
    return time.perf_counter() - start, time.process_time() - cpu


def _same(a, b) -> bool:
    if hasattr(a, "equals"):
        return bool(a.equals(b))
    return a == b


def bench_explorer(make, controls: dict[str, list], repeat: int) -> dict:
    """Time each control of an in-place explorer against a full-redraw one.

    Parameters
    ----------
    make : callable
        ``make()`` returns a new explorer.
    controls : dict
        Control name -> values to move it through.
    repeat : int
        Updates timed per control and way.

    Returns
    -------
    dict
        Build seconds, and per control every update's seconds in place, with a
        full redraw and for the model and table alone, their medians and the
        ratio full redraw / in place.
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
        in_place, in_place_cpu, redraw, model_only = [], [], [], []
        for value in moves(values, repeat):
            wall, cpu = timed_set(fast, control, value)
            in_place.append(wall)
            in_place_cpu.append(cpu)
            redraw.append(timed_set(full, control, value)[0])
            model_only.append(timed_set(model, control, value)[0])
            if not _same(fast.summary, full.summary):
                raise AssertionError(f"{control}={value!r}: the in-place and the full-redraw "
                                     "widgets show different numbers")
        if fast.png == full.png:  # different drawing paths make different bytes
            raise AssertionError(f"{control}: the baseline did not draw its own figure")
        out["controls"][control] = {
            "values": moves(values, repeat),
            "in_place_seconds": in_place, "in_place_cpu_seconds": in_place_cpu,
            "full_redraw_seconds": redraw,
            "model_and_table_seconds": model_only,
            "in_place_median": statistics.median(in_place),
            "in_place_cpu_median": statistics.median(in_place_cpu),
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
                        help="a generated shop of 120 customers, 2 updates: a smoke test")
    parser.add_argument("--no-save", action="store_true", help="do not write JSON")
    args = parser.parse_args(argv)
    if args.quick:
        args.repeat = 2

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import matplotlib
    import pandas as pd

    from course import load_dataset
    from course.sims.selection import retail_activity
    from course.synthetic.selection import make_accounts, make_selection_transactions
    from course.widgets.selection import value_matrix_explorer, whale_explorer

    start = time.perf_counter()
    if args.quick:
        dataset, activity = "generated (120 customers)", make_selection_transactions(120, seed=0)
    else:
        dataset, activity = "online_retail_raw", retail_activity(
            load_dataset("online_retail_raw"))
    accounts = make_accounts(240, seed=0)
    load_seconds = time.perf_counter() - start

    runs = {}
    for lang in args.lang:
        runs[lang] = {
            "whale_explorer": bench_explorer(
                lambda lang=lang: whale_explorer(activity, lang=lang), WHALE_MOVES, args.repeat),
            "value_matrix_explorer": bench_explorer(
                lambda lang=lang: value_matrix_explorer(accounts, lang=lang), MATRIX_MOVES,
                args.repeat),
        }
    in_place = [c["in_place_median"] for r in runs.values() for e in r.values()
                for c in e["controls"].values()]
    in_place_cpu = [c["in_place_cpu_median"] for r in runs.values() for e in r.values()
                    for c in e["controls"].values()]
    redraw = [c["full_redraw_median"] for r in runs.values() for e in r.values()
              for c in e["controls"].values()]
    results = {
        "benchmark": "bench_widgets_ch06",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "dataset": dataset,
        "rows": len(activity),
        "customers": int(activity["customer_id"].nunique()),
        "accounts": len(accounts),
        "load_seconds": load_seconds,
        "repeat": args.repeat,
        "runs": runs,
        "slowest_in_place_median": max(in_place),
        "slowest_in_place_cpu_median": max(in_place_cpu),
        "ratio_full_redraw_to_in_place": statistics.median(redraw) / statistics.median(in_place),
        "environment": {"python": platform.python_version(), "pandas": pd.__version__,
                        "matplotlib": matplotlib.__version__,
                        "platform": platform.platform(), "cpus": os.cpu_count(),
                        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None},
    }

    print(f"{dataset}: {len(activity):,} rows, {results['customers']:,} customers; "
          f"{len(accounts)} accounts (loaded in {load_seconds:.2f} s); {args.repeat} updates "
          "per control and way")
    print(f"{'explorer':<14}{'lang':<6}{'control':<16}{'in place ms':>12}{'(CPU ms)':>10}"
          f"{'full redraw ms':>16}{'ratio':>8}{'model+table ms':>16}")
    for lang, run in runs.items():
        for name, explorer in run.items():
            short = name.removesuffix("_explorer")
            for control, c in explorer["controls"].items():
                print(f"{short:<14}{lang:<6}{control:<16}"
                      f"{1000 * c['in_place_median']:>12.1f}"
                      f"{1000 * c['in_place_cpu_median']:>10.1f}"
                      f"{1000 * c['full_redraw_median']:>16.1f}"
                      f"{c['ratio_full_redraw_to_in_place']:>7.1f}x"
                      f"{1000 * c['model_and_table_median']:>16.1f}")
            print(f"{short:<14}{lang:<6}{'(build)':<16}"
                  f"{1000 * explorer['build_seconds']:>12.1f}{'':>10}"
                  f"{1000 * explorer['build_seconds_full_redraw']:>16.1f}")
    print(f"slowest control, in place: {1000 * results['slowest_in_place_median']:.1f} ms "
          f"median ({1000 * results['slowest_in_place_cpu_median']:.1f} ms CPU)")
    print(f"ratio full redraw / in place: {results['ratio_full_redraw_to_in_place']:.1f}x "
          "(median over controls)")
    if not args.no_save:
        RESULTS.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        out = RESULTS / f"bench_widgets_ch06_{stamp}.json"
        out.write_text(json.dumps(results, indent=2), encoding="utf-8")
        print(f"results written to {out.relative_to(ROOT)}")
    return results


if __name__ == "__main__":
    main()
