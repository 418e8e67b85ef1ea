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

from datetime import UTC, datetime

from widgetbench import bench_widget, environment, on_path, overall, parser, print_overall, save

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


def bench_explorer(make, controls: dict[str, list], repeat: int) -> dict:
    """Time each control of an in-place explorer against a full-redraw one and the model alone.

    Both must show the same ``summary`` and ``comparison`` after every move; the
    in-place updates' CPU seconds are recorded too (see :func:`widgetbench.bench_widget`).
    """
    return bench_widget(make, controls, repeat, lambda w: (w.summary, w.comparison),
                        model=True, cpu=True)


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
    from course.widgets.aidma import funnel_explorer

    runs = {lang: {"funnel_explorer": bench_explorer(lambda lang=lang: funnel_explorer(lang=lang),
                                                     MOVES, args.repeat)}
            for lang in args.lang}
    results = {
        "benchmark": "bench_widgets_ch03",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "repeat": args.repeat,
        "runs": runs,
        **overall(runs),
        "environment": environment(),
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
    print_overall(results)
    if not args.no_save:
        save(results, "bench_widgets_ch03")
    return results


if __name__ == "__main__":
    main()
