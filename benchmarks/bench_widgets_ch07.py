"""Time every control of the chapter 7 widgets (CLV, retention economics, who is alive).

Run from the repository root::

    python benchmarks/bench_widgets_ch07.py            # en and zh, 9 updates per control
    python benchmarks/bench_widgets_ch07.py --quick    # en only, 2 updates: a smoke test

For each widget it builds, in one process, one that updates its figure in place
(what the course ships) and a baseline that builds a new figure on every update
and saves it with ``savefig`` (``_in_place = False``). It moves every control of
both through the same values, interleaved so that both see the same load on a
shared machine, checks that both show the same numbers after every move, and
reports the median update (model, table and plot) per control and the ratio
baseline / in place. The "who is alive" widget runs on the full CDNOW sample
(2,357 customers) with the BG/NBD parameters fitted to it. Results go to
``benchmarks/results/`` as JSON (git-ignored); no test asserts on the timings.
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

CLV_MOVES = {
    "margin": [150.0, 60.0, 300.0, 100.0],
    "retention": [0.9, 0.5, 0.95, 0.7, 0.8],
    "discount": [0.05, 0.2, 0.0, 0.12, 0.1],
    "horizon": [5, 30, 2, 20, 10],
}
RETENTION_MOVES = {
    "cohort_size": [2000, 500, 5000, 1000],
    "margin": [150.0, 60.0, 300.0, 100.0],
    "acquisition_cost": [350.0, 100.0, 600.0, 250.0],
    "retention": [0.8, 0.5, 0.9, 0.75],
    "extra_points": [10, 1, 15, 5],
    "discount": [0.05, 0.2, 0.0, 0.1],
    "years": [5, 20, 3, 10],
}
ALIVE_MOVES = {
    "frequency": [10, 0, 3, 20, 2],
    "recency": [30.0, 5.0, 20.0, 12.5],
    "age": [30.0, 45.0, 38.9, 20.0],
    "customer": None,  # the widget's own CDNOW customers
}


def timed_set(widget, control: str, value) -> float:
    """Set ``widget.<control>.value`` (which runs the update); return the seconds taken."""
    start = time.perf_counter()
    getattr(widget, control).value = value
    return time.perf_counter() - start


def _shown(widget) -> str:
    """What a widget shows, as text: its table (the numbers must agree)."""
    return widget.table.value


def bench_widget(make, controls: dict, repeat: int) -> dict:
    """Time each control of an in-place widget against a full-redraw one.

    Returns
    -------
    dict
        Build seconds, and per control the seconds of every update in place and with
        a full redraw, their medians and the ratio full redraw / in place.
    """
    start = time.perf_counter()
    fast = make()
    build = time.perf_counter() - start
    full = make()
    full._in_place = False
    out = {"build_seconds": build, "controls": {}}
    for control, values in controls.items():
        if values is None:  # a dropdown: its own options
            values = [v for _, v in fast.customer.options if v][::-1] + [""]
        in_place, redraw = [], []
        for value in moves(values, repeat):
            in_place.append(timed_set(fast, control, value))
            redraw.append(timed_set(full, control, value))
            if _shown(fast) != _shown(full):
                raise AssertionError(f"{control}={value!r}: the in-place and the full-redraw "
                                     "widgets show different numbers")
        out["controls"][control] = {
            "values": [v if not isinstance(v, float) else round(v, 4)
                       for v in moves(values, repeat)],
            "in_place_seconds": in_place, "full_redraw_seconds": redraw,
            "in_place_median": statistics.median(in_place),
            "full_redraw_median": statistics.median(redraw),
            "ratio_full_redraw_to_in_place":
                statistics.median(redraw) / statistics.median(in_place),
        }
    return out


def main(argv: list[str] | None = None) -> dict:
    """Run the benchmark, print a table and write the JSON results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9,
                        help="updates timed per control and way (default 9)")
    parser.add_argument("--lang", nargs="+", default=["en", "zh"], choices=["en", "zh"])
    parser.add_argument("--quick", action="store_true",
                        help="English only, 2 updates per control: a smoke test")
    parser.add_argument("--no-save", action="store_true", help="do not write JSON")
    args = parser.parse_args(argv)
    if args.quick:
        args.repeat, args.lang = 2, ["en"]
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import matplotlib

    from course.sims.clv import cdnow_summary, fit_bgnbd
    from course.widgets.clv import alive_explorer, clv_calculator, retention_economics

    start = time.perf_counter()
    summary = cdnow_summary()
    params = fit_bgnbd(summary["frequency"], summary["recency"], summary["T"])
    fit_seconds = time.perf_counter() - start
    runs = {}
    for lang in args.lang:
        runs[lang] = {
            "clv_calculator": bench_widget(lambda lang=lang: clv_calculator(lang=lang),
                                           CLV_MOVES, args.repeat),
            "retention_economics": bench_widget(
                lambda lang=lang: retention_economics(lang=lang), RETENTION_MOVES,
                args.repeat),
            "alive_explorer": bench_widget(
                lambda lang=lang: alive_explorer(summary, params, lang=lang), ALIVE_MOVES,
                args.repeat),
        }
    results = {
        "benchmark": "bench_widgets_ch07",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(), "matplotlib": matplotlib.__version__,
        "cpus": os.cpu_count(), "repeat": args.repeat,
        "cdnow_load_and_fit_seconds": fit_seconds, "runs": runs,
    }
    print(f"chapter 7 widgets: median update (ms), {args.repeat} updates per control; "
          f"CDNOW summary and BG/NBD fit {fit_seconds:.2f} s")
    print(f"{'lang':<5}{'widget':<22}{'control':<18}{'in place':>10}{'full redraw':>13}"
          f"{'ratio':>8}")
    for lang, widgets_ in runs.items():
        for name, res in widgets_.items():
            for control, c in res["controls"].items():
                print(f"{lang:<5}{name:<22}{control:<18}{c['in_place_median'] * 1000:>10.1f}"
                      f"{c['full_redraw_median'] * 1000:>13.1f}"
                      f"{c['ratio_full_redraw_to_in_place']:>8.2f}")
    if not args.no_save:
        RESULTS.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        path = RESULTS / f"bench_widgets_ch07_{stamp}.json"
        path.write_text(json.dumps(results, indent=1), encoding="utf-8")
        print(f"results: {path.relative_to(ROOT)}")
    return results


if __name__ == "__main__":
    main()
