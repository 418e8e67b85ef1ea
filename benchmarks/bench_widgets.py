"""Time every control of the chapter 5 explorers on the real Online Retail data.

Run from the repository root::

    python benchmarks/bench_widgets.py            # online_retail, en and zh, 9 updates each
    python benchmarks/bench_widgets.py --quick    # retail_small, 2 updates: a smoke test

For each language it builds, in one process, two RFM explorers and two ABC
explorers on the same data: one that updates its figure in place (what the
course ships: the figure is built once, a control change sets new data on its
artists and redraws only those, then encodes a fast PNG) and a baseline that
builds a new figure on every update and saves it with ``savefig`` (the way the
widgets drew before: constrained layout and a full draw each time). Then it
moves every control of both (``bins``, ``w_r``, ``w_f``, ``w_m``, ``view``;
``a_cut``, ``b_cut``) through the same values, in-place and baseline updates
interleaved so that both see the same load on a shared machine, and times each
update: the model, the table and the plot, as a student waits for them. It
also times the model and table alone (plot drawing switched off) to show where
the time goes.

It reports the median update time per control, and the ratio baseline /
in place, and checks that both widgets showed the same summary after every
move. Results go to ``benchmarks/results/`` as JSON (git-ignored). Timings are
for information only: no test asserts on them.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

from widgetbench import bench_widget, environment, on_path, overall, parser, print_overall, save

#: The values each control is moved through, in turn (cycled when repeats exceed them).
#: Weights never all reach 0 (that shows a message, not a plot); bins revisit cached scores.
RFM_MOVES = {
    "bins": [4, 6, 3, 8, 5, 10, 7, 9],
    "w_r": [2.0, 0.5, 3.0, 1.5, 1.0],
    "w_f": [2.5, 0.5, 1.5, 3.0, 1.0],
    "w_m": [0.5, 2.0, 3.0, 1.5, 1.0],
    "view": ["segments", "tiers"],
}
ABC_MOVES = {
    "a_cut": [0.75, 0.6, 0.85, 0.7, 0.5, 0.8],
    "b_cut": [0.9, 0.97, 0.86, 0.99, 0.92, 0.95],
}


def bench_explorer(make, controls: dict[str, list], repeat: int) -> dict:
    """Time each control of an in-place explorer against a full-redraw one and the model alone.

    Both explorers must show the same ``summary`` after every move
    (see :func:`widgetbench.bench_widget`).
    """
    return bench_widget(make, controls, repeat, lambda w: w.summary, model=True)


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
    p = parser(__doc__.splitlines()[0], "retail_small, 2 updates per control: a smoke test")
    p.add_argument("--dataset", default="online_retail",
                   help="course data set to use (default: online_retail)")
    args = p.parse_args(argv)
    if args.quick:
        args.dataset, args.repeat = "retail_small", 2

    on_path()
    from course import load_dataset
    from course.sims.identification import rfm_table
    from course.widgets.identification import abc_explorer, rfm_explorer

    start = time.perf_counter()
    tx = load_dataset(args.dataset)
    load_seconds = time.perf_counter() - start
    values = rfm_table(tx)["monetary"]

    runs = {}
    for lang in args.lang:
        runs[lang] = {
            "rfm_explorer": bench_explorer(lambda lang=lang: rfm_explorer(tx, lang=lang),
                                           RFM_MOVES, args.repeat),
            "abc_explorer": bench_explorer(lambda lang=lang: abc_explorer(values, lang=lang),
                                           ABC_MOVES, args.repeat),
        }
    results = {
        "benchmark": "bench_widgets",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "dataset": args.dataset,
        "rows": len(tx),
        "customers": len(values),
        "load_seconds": load_seconds,
        "repeat": args.repeat,
        "runs": runs,
        **overall(runs),
        "environment": environment(),
    }

    print(f"{args.dataset}: {len(tx):,} rows, {len(values):,} customers "
          f"(loaded in {load_seconds:.2f} s); {args.repeat} updates per control and way")
    print(f"{'explorer':<14}{'lang':<6}{'control':<9}{'in place ms':>12}"
          f"{'full redraw ms':>16}{'ratio':>8}{'model+table ms':>16}")
    for lang, run in runs.items():
        for name, explorer in run.items():
            for control, c in explorer["controls"].items():
                print(f"{name.removesuffix('_explorer'):<14}{lang:<6}{control:<9}"
                      f"{1000 * c['in_place_median']:>12.1f}"
                      f"{1000 * c['full_redraw_median']:>16.1f}"
                      f"{c['ratio_full_redraw_to_in_place']:>7.1f}x"
                      f"{1000 * c['model_and_table_median']:>16.1f}")
            print(f"{name.removesuffix('_explorer'):<14}{lang:<6}{'(build)':<9}"
                  f"{1000 * explorer['build_seconds']:>12.1f}"
                  f"{1000 * explorer['build_seconds_full_redraw']:>16.1f}")
    print_overall(results)
    if not args.no_save:
        save(results, f"bench_widgets_{args.dataset}")
    return results


if __name__ == "__main__":
    main()
