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

import time
from datetime import UTC, datetime

from widgetbench import bench_widget, environment, on_path, overall, parser, print_overall, save

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


def bench_explorer(make, controls: dict[str, list], repeat: int) -> dict:
    """Time each control of an in-place explorer against a full-redraw one and the model alone.

    Both must show the same ``summary`` after every move; the in-place updates'
    CPU seconds are recorded too: on a shared machine the wall time includes
    waiting for a core (see :func:`widgetbench.bench_widget`).
    """
    return bench_widget(make, controls, repeat, lambda w: w.summary, model=True, cpu=True)


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
    p = parser(__doc__.splitlines()[0],
               "a generated shop of 120 customers, 2 updates: a smoke test")
    args = p.parse_args(argv)
    if args.quick:
        args.repeat = 2

    on_path()
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
        **overall(runs, cpu=True),
        "environment": environment(),
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
    print_overall(results)
    if not args.no_save:
        save(results, "bench_widgets_ch06")
    return results


if __name__ == "__main__":
    main()
