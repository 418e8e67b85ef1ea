"""Time every control of the chapter 4 needs pyramid, in place against a full redraw.

Run from the repository root::

    python benchmarks/bench_widgets_ch04.py            # 2,000 respondents, en and zh, 9 updates
    python benchmarks/bench_widgets_ch04.py --quick    # 300 respondents, 2 updates: a smoke test

For each language it builds, in one process, two needs pyramids on the same
survey: one that updates its figure in place (what the course ships: the
figure is built once, a control change sets new widths and colours on its
bars and new texts, redraws only those and encodes a fast PNG) and a
baseline that builds a new figure on every update and saves it with
``savefig``. Then it moves every control of both (``threshold``, ``group``
and each appeal's level) through the same values, in-place and baseline
updates interleaved so that both see the same load on a shared machine, and
times each update (the model, the table and the plot, as a student waits for
them). It also times the model and the table alone (plot drawing switched
off).

It reports the median update time per control and the ratio baseline / in
place, and checks that both widgets showed the same summary after every move.
Results go to ``benchmarks/results/`` as JSON (git-ignored). Timings are for
information only: no test asserts on them.
"""

from __future__ import annotations

from datetime import UTC, datetime

from widgetbench import bench_widget, environment, on_path, overall, parser, print_overall, save

LEVEL_MOVES = ["safety", "esteem", None, "physiological", "belonging", "self_actualisation"]


def control_moves() -> dict[str, list]:
    """The values each control is moved through, in turn (cycled when repeats exceed them).

    Examples
    --------
    >>> moves = control_moves()
    >>> moves["threshold"][:3], "appeal_club" in moves
    ([6, 4, 7], True)
    """
    from course.widgets.needs import APPEALS

    return {"threshold": [6, 4, 7, 3, 5, 2],
            "group": ["low_income", "high_income", "middle_income", "all"],
            **{f"appeal_{key}": LEVEL_MOVES for key in APPEALS}}


def bench_pyramid(make, controls: dict[str, list], repeat: int) -> dict:
    """Time each control of an in-place pyramid against a full-redraw one and the model alone.

    The controls are the pyramid's ``controls`` dict; both pyramids must show the
    same ``summary`` and ``reach`` after every move (see :func:`widgetbench.bench_widget`).
    """
    return bench_widget(make, controls, repeat, lambda w: (w.summary, w.reach),
                        control_of=lambda w, name: w.controls[name], model=True, record=str)


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
    p = parser(__doc__.splitlines()[0], "300 respondents, 2 updates per control: a smoke test")
    p.add_argument("--respondents", type=int, default=2000,
                   help="respondents in the generated survey (default 2000; the "
                        "lecture's has 600)")
    args = p.parse_args(argv)
    if args.quick:
        args.respondents, args.repeat = 300, 2

    on_path()
    from course.synthetic.needs import make_survey
    from course.widgets.needs import needs_pyramid

    survey = make_survey(n_respondents=args.respondents, seed="bench-ch04")
    controls = control_moves()
    runs = {lang: bench_pyramid(lambda lang=lang: needs_pyramid(survey, lang=lang), controls,
                                args.repeat)
            for lang in args.lang}
    results = {
        "benchmark": "bench_widgets_ch04",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "respondents": args.respondents,
        "repeat": args.repeat,
        "runs": runs,
        **overall(runs),
        "environment": environment(),
    }
    print(f"needs survey: {args.respondents:,} respondents; {args.repeat} updates per control "
          "and way")
    print(f"{'lang':<6}{'control':<22}{'in place ms':>12}{'full redraw ms':>16}{'ratio':>8}"
          f"{'model+table ms':>16}")
    for lang, run in runs.items():
        for control, c in run["controls"].items():
            print(f"{lang:<6}{control:<22}{1000 * c['in_place_median']:>12.1f}"
                  f"{1000 * c['full_redraw_median']:>16.1f}"
                  f"{c['ratio_full_redraw_to_in_place']:>7.1f}x"
                  f"{1000 * c['model_and_table_median']:>16.1f}")
        print(f"{lang:<6}{'(build)':<22}{1000 * run['build_seconds']:>12.1f}"
              f"{1000 * run['build_seconds_full_redraw']:>16.1f}")
    print_overall(results)
    if not args.no_save:
        save(results, f"bench_widgets_ch04_{args.respondents}")
    return results


if __name__ == "__main__":
    main()
