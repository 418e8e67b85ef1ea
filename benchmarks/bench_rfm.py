"""Time the chapter 5 RFM model on the real Online Retail data.

Run from the repository root::

    python benchmarks/bench_rfm.py            # full run on online_retail
    python benchmarks/bench_rfm.py --quick    # retail_small, one repeat (a smoke test)

It times, in one process:

1. ``course.sims.identification.rfm_table`` (vectorised pandas);
2. :func:`loop_rfm_table`, a straightforward per-customer Python loop written
   here, after checking that it returns the same table;
3. if ``course/widgets/identification.py`` exists, one update of the RFM
   explorer widget: setting ``w.bins.value`` recomputes the scores and redraws
   the table and the plot. "Cold" updates use a number of bins not seen
   before; "warm" ones revisit a number of bins whose scores the widget cached.

Each is repeated a few times and the median is reported, with the ratio of
loop time to vectorised time. Results go to ``benchmarks/results/`` as JSON
(the folder is git-ignored). Timings are for information only: no test
asserts on them.
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

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"


def loop_rfm_table(transactions: pd.DataFrame, as_of=None) -> pd.DataFrame:
    """RFM table by a plain loop over customers: the baseline of the benchmark.

    Same conventions as :func:`course.sims.identification.rfm_table`: sales
    only (quantity > 0 and amount > 0), recency in calendar days to ``as_of``
    (default: the day after the last sale), frequency = distinct orders,
    monetary = sum of amounts.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": ["a", "a", "b"], "order_id": ["1", "2", "3"],
    ...     "date": pd.to_datetime(["2024-01-01", "2024-01-03", "2024-01-02"]),
    ...     "quantity": [1, -1, 2], "amount": [5.0, -5.0, 8.0]})
    >>> loop_rfm_table(tx)
                 recency  frequency  monetary
    customer_id
    a                  2          1       5.0
    b                  1          1       8.0
    """
    sales = transactions[(transactions["quantity"] > 0) & (transactions["amount"] > 0)]
    days = pd.to_datetime(sales["date"]).dt.normalize()
    end = (days.max() + pd.Timedelta(days=1)) if as_of is None else \
        pd.Timestamp(as_of).normalize()
    rows = {}
    for customer, lines in sales.assign(date=days).groupby("customer_id", sort=True):
        last = max(lines["date"])
        rows[customer] = {
            "recency": (end - last).days,
            "frequency": len(set(lines["order_id"])),
            "monetary": float(sum(lines["amount"])),
        }
    out = pd.DataFrame.from_dict(rows, orient="index",
                                 columns=["recency", "frequency", "monetary"])
    out.index.name = "customer_id"
    return out.astype({"recency": "int64", "frequency": "int64", "monetary": "float64"})


def time_calls(func, repeat: int) -> list[float]:
    """Run ``func()`` ``repeat`` times; return the wall-clock seconds of each run."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return times


def bench_widget(tx: pd.DataFrame, repeat: int) -> dict:
    """Time RFM-explorer updates triggered by the bins slider, or say why not."""
    path = ROOT / "course" / "widgets" / "identification.py"
    if not path.exists():
        return {"skipped": "course/widgets/identification.py does not exist"}
    try:
        from course.widgets.identification import rfm_explorer
    except ImportError as exc:  # e.g. ipywidgets missing
        return {"skipped": f"cannot import the widget: {exc}"}
    start = time.perf_counter()
    w = rfm_explorer(tx, lang="en")
    build = time.perf_counter() - start
    slider = w.bins
    values = [v for v in range(int(slider.min), int(slider.max) + 1) if v != slider.value]
    cold_values = values[:max(2, min(repeat, len(values)))]
    cold, warm = [], []
    for v in cold_values:  # scores for these bins are not cached yet: model + redraw
        start = time.perf_counter()
        slider.value = v
        cold.append(time.perf_counter() - start)
    for i in range(2 * repeat):  # alternate between two cached values: redraw only
        start = time.perf_counter()
        slider.value = cold_values[i % 2]
        warm.append(time.perf_counter() - start)
    return {"build_seconds": build, "cold_update_seconds": cold,
            "warm_update_seconds": warm, "bins_values": cold_values,
            "cold_median": statistics.median(cold), "warm_median": statistics.median(warm)}


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
    parser.add_argument("--dataset", default="online_retail",
                        help="course data set to use (default: online_retail)")
    parser.add_argument("--repeat", type=int, default=5,
                        help="runs of the vectorised code and of widget updates (default 5)")
    parser.add_argument("--loop-repeat", type=int, default=3,
                        help="runs of the slow loop (default 3)")
    parser.add_argument("--quick", action="store_true",
                        help="retail_small, one run each: a smoke test")
    parser.add_argument("--no-widget", action="store_true", help="skip the widget timing")
    parser.add_argument("--no-save", action="store_true", help="do not write JSON")
    args = parser.parse_args(argv)
    if args.quick:
        args.dataset, args.repeat, args.loop_repeat = "retail_small", 1, 1

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from course import load_dataset
    from course.sims.identification import rfm_table

    start = time.perf_counter()
    tx = load_dataset(args.dataset)
    load_seconds = time.perf_counter() - start

    fast = rfm_table(tx)
    slow = loop_rfm_table(tx)
    pd.testing.assert_frame_equal(fast, slow, check_exact=False, rtol=1e-9,
                                  check_index_type=False)

    vec = time_calls(lambda: rfm_table(tx), args.repeat)
    loop = time_calls(lambda: loop_rfm_table(tx), args.loop_repeat)
    widget = {"skipped": "--no-widget"} if args.no_widget else bench_widget(tx, args.repeat)

    results = {
        "benchmark": "bench_rfm",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "dataset": args.dataset,
        "rows": len(tx),
        "customers": int(fast.shape[0]),
        "load_seconds": load_seconds,
        "rfm_table_seconds": vec,
        "loop_seconds": loop,
        "rfm_table_median": statistics.median(vec),
        "loop_median": statistics.median(loop),
        "ratio_loop_to_vectorised": statistics.median(loop) / statistics.median(vec),
        "same_table": True,
        "widget": widget,
        "environment": {"python": platform.python_version(), "pandas": pd.__version__,
                        "numpy": __import__("numpy").__version__,
                        "platform": platform.platform(), "cpus": os.cpu_count()},
    }

    print(f"{args.dataset}: {len(tx):,} rows, {fast.shape[0]:,} customers "
          f"(loaded in {load_seconds:.2f} s)")
    print(f"{'what':<34}{'runs':>5}{'median s':>11}")
    print(f"{'rfm_table (course.sims)':<34}{len(vec):>5}{results['rfm_table_median']:>11.4f}")
    print(f"{'per-customer Python loop':<34}{len(loop):>5}{results['loop_median']:>11.4f}")
    print(f"{'ratio loop / vectorised':<34}{'':>5}"
          f"{results['ratio_loop_to_vectorised']:>10.1f}x")
    if "skipped" in widget:
        print(f"widget: skipped ({widget['skipped']})")
    else:
        print(f"{'widget: build rfm_explorer':<34}{1:>5}{widget['build_seconds']:>11.4f}")
        print(f"{'widget: bins update, cold':<34}{len(widget['cold_update_seconds']):>5}"
              f"{widget['cold_median']:>11.4f}")
        print(f"{'widget: bins update, cached':<34}{len(widget['warm_update_seconds']):>5}"
              f"{widget['warm_median']:>11.4f}")
    if not args.no_save:
        RESULTS.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        out = RESULTS / f"bench_rfm_{args.dataset}_{stamp}.json"
        out.write_text(json.dumps(results, indent=2), encoding="utf-8")
        print(f"results written to {out.relative_to(ROOT)}")
    return results


if __name__ == "__main__":
    main()
