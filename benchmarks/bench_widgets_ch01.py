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

from datetime import UTC, datetime

from widgetbench import bench_widget, environment, on_path, overall, parser, print_overall, save

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
    args = parser(__doc__.splitlines()[0]).parse_args(argv)
    if args.quick:
        args.repeat = 2

    on_path()
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
    results = {
        "benchmark": "bench_widgets_ch01",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "repeat": args.repeat,
        "runs": runs,
        **overall(runs),
        "environment": environment(),
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
    print_overall(results)
    if not args.no_save:
        save(results, "bench_widgets_ch01")
    return results


if __name__ == "__main__":
    main()
