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

import time
from datetime import UTC, datetime

from widgetbench import bench_widget, environment, on_path, parser, save

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
    # the widget's own CDNOW customers, from the dropdown
    "customer": lambda w: [v for _, v in w.customer.options if v][::-1] + [""],
}


def _shown(widget) -> str:
    """What a widget shows, as text: its table (the numbers must agree)."""
    return widget.table.value


def bench_chapter_widget(make, controls: dict, repeat: int) -> dict:
    """Time each control of an in-place widget against a full-redraw one.

    Both must show the same table after every move (see :func:`widgetbench.bench_widget`).
    """
    return bench_widget(make, controls, repeat, _shown, full_build=False, check_png=False,
                        record=lambda v: v if not isinstance(v, float) else round(v, 4))


def main(argv: list[str] | None = None) -> dict:
    """Run the benchmark, print a table and write the JSON results."""
    p = parser(__doc__.splitlines()[0], "English only, 2 updates per control: a smoke test",
               lang_help=None)
    args = p.parse_args(argv)
    if args.quick:
        args.repeat, args.lang = 2, ["en"]
    on_path()
    from course.sims.clv import cdnow_summary, fit_bgnbd
    from course.widgets.clv import alive_explorer, clv_calculator, retention_economics

    start = time.perf_counter()
    summary = cdnow_summary()
    params = fit_bgnbd(summary["frequency"], summary["recency"], summary["T"])
    fit_seconds = time.perf_counter() - start
    runs = {}
    for lang in args.lang:
        runs[lang] = {
            "clv_calculator": bench_chapter_widget(
                lambda lang=lang: clv_calculator(lang=lang), CLV_MOVES, args.repeat),
            "retention_economics": bench_chapter_widget(
                lambda lang=lang: retention_economics(lang=lang), RETENTION_MOVES,
                args.repeat),
            "alive_explorer": bench_chapter_widget(
                lambda lang=lang: alive_explorer(summary, params, lang=lang), ALIVE_MOVES,
                args.repeat),
        }
    env = environment()
    results = {
        "benchmark": "bench_widgets_ch07",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        **{k: env[k] for k in ("python", "matplotlib", "cpus")}, "repeat": args.repeat,
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
        save(results, "bench_widgets_ch07")
    return results


if __name__ == "__main__":
    main()
