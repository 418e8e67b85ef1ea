"""Time every control of the chapter 2 widgets (segmentation, attractiveness, perceptual map).

Run from the repository root::

    python benchmarks/bench_widgets_ch02.py           # online_retail, en and zh, 9 updates each
    python benchmarks/bench_widgets_ch02.py --quick   # retail_small, 2 updates: a smoke test

For each language it builds, in one process, each widget twice: one that
updates its figure in place (what the course ships) and a baseline that builds
a new figure on every update and draws it in full with ``savefig``. It moves
every control of both through the same values, interleaved so that both see
the same load on a shared machine, and times each update (model, table and
plot, as a student waits for them). For the segmentation explorer it also
times a *cold* update: the same move with the k-means cache emptied first, so
the five k-means runs, the silhouette and the profile are computed again.

It also times k-means itself on the full data (five starts, as the explorer
runs it, for k = 2 to 8 on the default features) and reports the medians, the
ratio baseline / in place, and checks that both widgets showed the same result
after every move. Results go to ``benchmarks/results/`` as JSON (git-ignored).
Timings are for information only: no test asserts on them.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

from widgetbench import bench_widget, environment, on_path, overall, parser, print_overall, save

SEGMENT_MOVES = {
    "k": [3, 5, 2, 6, 8, 4, 7],
    "features": [("recency", "frequency", "monetary"), ("monetary", "basket", "products"),
                 ("recency", "frequency", "monetary", "basket", "products", "domestic"),
                 ("recency", "frequency", "monetary", "basket", "products")],
    "scale": [False, True],
    "log_scale": [False, True],
    "x_feature": ["frequency", "basket", "recency"],
    "y_feature": ["products", "frequency", "monetary"],
}
ATTRACTIVENESS_MOVES = {f"w_{c}": [2.0, 0.5, 4.0, 1.0, 3.0]
                        for c in ("size", "growth", "margin", "competition", "fit")}
MAP_MOVES = {
    "x_attr": ["economy", "handling", "prestige"],
    "y_attr": ["handling", "economy", "safety"],
    "new_x": [7.0, 3.5, 9.0, 5.0, 8.5],
    "new_y": [8.0, 2.5, 6.0, 9.5, 5.0],
}
#: What each widget shows, compared between the in-place and the baseline widget.
RESULT_ATTR = {"segment_explorer": "profile", "attractiveness_scorer": "scores",
               "perceptual_map": "nearest"}


def control_of(widget, name: str):
    """The control called ``name``: an attribute, or ``w_<criterion>`` for a weight slider.

    Examples
    --------
    >>> class W:
    ...     weights = {"size": "slider"}
    >>> control_of(W(), "w_size")
    'slider'
    """
    if name.startswith("w_") and hasattr(widget, "weights"):
        return widget.weights[name[2:]]
    return getattr(widget, name)


def bench_kind(kind: str, make, controls: dict[str, list], repeat: int) -> dict:
    """Time each control of an in-place widget against a full-redraw one (and cold, if cached).

    Both must show the same ``RESULT_ATTR[kind]`` after every move; a widget with a
    cache is also timed with its cache emptied before each update
    (see :func:`widgetbench.bench_widget`).
    """
    return bench_widget(make, controls, repeat, lambda w: getattr(w, RESULT_ATTR[kind]),
                        control_of=control_of, cold=True, full_build=False,
                        record=lambda v: list(v) if isinstance(v, tuple) else v)


def bench_kmeans(features) -> dict:
    """Seconds of one explorer clustering (five k-means starts + silhouette), per k."""
    from course.sims.stp import kmeans_segments, prepare_features
    from course.widgets.stp import DEFAULT_FEATURES, K_RANGE

    matrix = prepare_features(features, DEFAULT_FEATURES)
    times = {}
    for k in range(K_RANGE[0], K_RANGE[1] + 1):
        start = time.perf_counter()
        kmeans_segments(matrix, k)
        times[k] = time.perf_counter() - start
    return times


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
    p = parser(__doc__.splitlines()[0], "retail_small, 2 updates per control: a smoke test",
               lang_help=None)
    p.add_argument("--dataset", default="online_retail",
                   help="course data set to use (default: online_retail)")
    args = p.parse_args(argv)
    if args.quick:
        args.dataset, args.repeat = "retail_small", 2

    on_path()
    from course import load_dataset
    from course.sims.stp import customer_features
    from course.widgets.stp import attractiveness_scorer, perceptual_map, segment_explorer

    start = time.perf_counter()
    tx = load_dataset(args.dataset)
    load_seconds = time.perf_counter() - start
    start = time.perf_counter()
    features = customer_features(tx)
    feature_seconds = time.perf_counter() - start
    kmeans = bench_kmeans(features)

    runs = {}
    for lang in args.lang:
        runs[lang] = {
            "segment_explorer": bench_kind(
                "segment_explorer", lambda lang=lang: segment_explorer(features, lang=lang),
                SEGMENT_MOVES, args.repeat),
            "attractiveness_scorer": bench_kind(
                "attractiveness_scorer", lambda lang=lang: attractiveness_scorer(lang=lang),
                ATTRACTIVENESS_MOVES, args.repeat),
            "perceptual_map": bench_kind(
                "perceptual_map", lambda lang=lang: perceptual_map(lang=lang), MAP_MOVES,
                args.repeat),
        }
    results = {
        "benchmark": "bench_widgets_ch02", "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "dataset": args.dataset, "rows": len(tx), "customers": len(features),
        "load_seconds": load_seconds, "feature_seconds": feature_seconds,
        "kmeans_seconds_per_k": kmeans, "repeat": args.repeat, "runs": runs,
        **overall(runs),
        "environment": environment(),
    }
    print(f"{args.dataset}: {len(tx):,} rows, {len(features):,} customers (loaded in "
          f"{load_seconds:.2f} s, features in {feature_seconds:.2f} s)")
    print("k-means (5 starts + silhouette) on the default features: "
          + ", ".join(f"k={k} {1000 * s:.0f} ms" for k, s in kmeans.items()))
    print(f"{'widget':<24}{'lang':<6}{'control':<13}{'in place ms':>12}{'full redraw ms':>16}"
          f"{'ratio':>8}{'cold ms':>10}")
    for lang, run in runs.items():
        for name, w in run.items():
            for control, c in w["controls"].items():
                cold = f"{1000 * c['cold_median']:>10.1f}" if "cold_median" in c else ""
                print(f"{name:<24}{lang:<6}{control:<13}{1000 * c['in_place_median']:>12.1f}"
                      f"{1000 * c['full_redraw_median']:>16.1f}"
                      f"{c['ratio_full_redraw_to_in_place']:>7.1f}x{cold}")
            print(f"{name:<24}{lang:<6}{'(build)':<13}{1000 * w['build_seconds']:>12.1f}")
    print_overall(results)
    if not args.no_save:
        save(results, f"bench_widgets_ch02_{args.dataset}")
    return results


if __name__ == "__main__":
    main()
