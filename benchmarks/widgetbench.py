"""What every widget benchmark (``bench_widgets*.py``) shares.

The scripts run from the repository root (``python benchmarks/bench_widgets_ch01.py``),
so this folder is on ``sys.path`` and they import it as ``widgetbench``. Each script
keeps only what is its own: its widgets, the values their controls move through,
what the in-place and the full-redraw widget must agree on, and its printed table.
This module holds the rest: the command line (:func:`parser`), timing one control
change (:func:`timed_set`), timing every control of a widget against its full-redraw
baseline (:func:`bench_widget`), the figures over all controls (:func:`overall`,
:func:`print_overall`), the machine (:func:`environment`) and the JSON file
(:func:`save`).

Examples
--------
>>> moves([1, 2, 3], 5)
[1, 2, 3, 1, 2]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"


def moves(values: list, repeat: int) -> list:
    """The first ``repeat`` values of ``values`` cycled.

    Examples
    --------
    >>> moves(["a"], 2)
    ['a', 'a']
    """
    return [values[i % len(values)] for i in range(repeat)]


def parser(description: str, quick_help: str = "2 updates per control: a smoke test",
           lang_help: str | None = "languages to time (default: en zh)"
           ) -> argparse.ArgumentParser:
    """The options every widget benchmark has: ``--repeat``, ``--lang``, ``--quick``, ``--no-save``.

    A script adds its own (``--dataset``, ``--respondents``) and decides what
    ``--quick`` does besides ``--repeat 2``.

    Examples
    --------
    >>> args = parser("demo").parse_args(["--quick", "--no-save", "--lang", "zh"])
    >>> args.repeat, args.lang, args.quick, args.no_save
    (9, ['zh'], True, True)
    """
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--repeat", type=int, default=9,
                   help="updates timed per control and way (default 9)")
    p.add_argument("--lang", nargs="+", default=["en", "zh"], choices=["en", "zh"],
                   help=lang_help)
    p.add_argument("--quick", action="store_true", help=quick_help)
    p.add_argument("--no-save", action="store_true", help="do not write JSON")
    return p


def on_path() -> None:
    """Put the repository root on ``sys.path`` so that ``course`` imports from the checkout."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))


def timed_set(control, value) -> tuple[float, float]:
    """Set ``control.value`` (which runs the widget's update); return wall and CPU seconds.

    On a shared machine the wall time includes waiting for a core; the CPU time of
    this process is what the update itself costs.

    Examples
    --------
    >>> class Slider:
    ...     value = 0
    >>> s = Slider()
    >>> wall, cpu = timed_set(s, 3)
    >>> s.value, wall >= 0, cpu >= 0
    (3, True, True)
    """
    start, cpu = time.perf_counter(), time.process_time()
    control.value = value
    return time.perf_counter() - start, time.process_time() - cpu


def same(a, b) -> bool:
    """Whether two things a widget shows agree: ``.equals`` for pandas, ``==`` else.

    Tuples are compared item by item.

    Examples
    --------
    >>> import pandas as pd
    >>> same((pd.Series([1]), "x"), (pd.Series([1]), "x")), same(1, 2)
    (True, False)
    """
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if hasattr(a, "equals"):
        return bool(a.equals(b))
    return a == b


def bench_widget(make: Callable, controls: dict, repeat: int, shown: Callable, *,
                 control_of: Callable = getattr, model: bool = False, cpu: bool = False,
                 cold: bool = False, full_build: bool = True, check_png: bool = True,
                 record: Callable = lambda value: value) -> dict:
    """Time each control of an in-place widget against a full-redraw one.

    Two widgets are built: one that updates its figure in place (what the course
    ships) and a baseline with ``_in_place = False`` (a new figure and ``savefig``
    on every update). Every control of both is moved through the same values,
    the updates interleaved so that both see the same load on a shared machine.

    Parameters
    ----------
    make : callable
        ``make()`` returns a new widget.
    controls : dict
        Control name -> the values to move it through (cycled), or a callable
        ``values(widget)`` that reads them from the in-place widget (a dropdown's
        own options).
    repeat : int
        Updates timed per control and way.
    shown : callable
        ``shown(widget)``: what the widget shows (tables, text), which must be
        the same (:func:`same`) for both after every move.
    control_of : callable
        ``control_of(widget, name)`` gives the control (default ``getattr``).
    model : bool
        Also time a third widget with its drawing switched off (``_draw`` does
        nothing): the model and the table alone (``model_and_table_*``).
    cpu : bool
        Also record the in-place widget's CPU seconds (``in_place_cpu_*``).
    cold : bool
        If the widget caches model results in ``_cache``, also time a widget
        whose cache is emptied before every update (``cold_*``).
    full_build : bool
        Report the baseline's build seconds (``build_seconds_full_redraw``).
    check_png : bool
        Check that the baseline drew its own picture (its PNG bytes differ).
    record : callable
        How a value is written into the results (``values``), JSON-ready.

    Returns
    -------
    dict
        ``build_seconds`` (and ``build_seconds_full_redraw``), and per control the
        seconds of every update of each way, their medians and
        ``ratio_full_redraw_to_in_place``.

    Raises
    ------
    AssertionError
        If the two widgets show different results after a move, or the
        baseline did not draw its own figure.
    """
    start = time.perf_counter()
    fast = make()
    build_fast = time.perf_counter() - start
    start = time.perf_counter()
    full = make()
    build_full = time.perf_counter() - start
    full._in_place = False
    model_widget = None
    if model:
        model_widget = make()
        model_widget._draw = lambda *args, **kwargs: None  # the model and the table, no plot
    cold_widget = make() if cold and hasattr(fast, "_cache") else None
    out = {"build_seconds": build_fast}
    if full_build:
        out["build_seconds_full_redraw"] = build_full
    out["controls"] = {}
    for name, values in controls.items():
        if callable(values):
            values = values(fast)
        times = {"in_place": [], "in_place_cpu": [], "full_redraw": [],
                 "model_and_table": [], "cold": []}
        for value in moves(values, repeat):
            wall, used = timed_set(control_of(fast, name), value)
            times["in_place"].append(wall)
            times["in_place_cpu"].append(used)
            times["full_redraw"].append(timed_set(control_of(full, name), value)[0])
            if model_widget is not None:
                times["model_and_table"].append(
                    timed_set(control_of(model_widget, name), value)[0])
            if cold_widget is not None:
                cold_widget._cache.clear()
                times["cold"].append(timed_set(control_of(cold_widget, name), value)[0])
            if not same(shown(fast), shown(full)):
                raise AssertionError(f"{name}={value!r}: the in-place and the full-redraw "
                                     "widgets show different results")
        if check_png and fast.png == full.png:  # different drawing paths make different bytes
            raise AssertionError(f"{name}: the baseline did not draw its own figure")
        kept = ["in_place", "full_redraw"]
        if cpu:
            kept.insert(1, "in_place_cpu")
        if model_widget is not None:
            kept.append("model_and_table")
        if cold_widget is not None:
            kept.append("cold")
        row = {"values": [record(v) for v in moves(values, repeat)]}
        row.update({f"{k}_seconds": times[k] for k in kept})
        row.update({f"{k}_median": statistics.median(times[k]) for k in kept})
        row["ratio_full_redraw_to_in_place"] = (row["full_redraw_median"]
                                                / row["in_place_median"])
        out["controls"][name] = row
    return out


def control_results(runs: dict) -> list[dict]:
    """Every control's results in ``runs`` (``{lang: {widget: result}}`` or ``{lang: result}``).

    Examples
    --------
    >>> control_results({"en": {"w": {"controls": {"a": {"x": 1}}}}})
    [{'x': 1}]
    >>> control_results({"en": {"controls": {"a": {"x": 2}}}})
    [{'x': 2}]
    """
    out = []
    for run in runs.values():
        results = [run] if "controls" in run else list(run.values())
        for result in results:
            out.extend(result["controls"].values())
    return out


def overall(runs: dict, cpu: bool = False) -> dict:
    """The slowest in-place median (and its CPU figure) and the median ratio over controls.

    Examples
    --------
    >>> c = {"in_place_median": 0.01, "full_redraw_median": 0.05}
    >>> overall({"en": {"controls": {"a": c}}})
    {'slowest_in_place_median': 0.01, 'ratio_full_redraw_to_in_place': 5.0}
    """
    rows = control_results(runs)
    in_place = [c["in_place_median"] for c in rows]
    redraw = [c["full_redraw_median"] for c in rows]
    out = {"slowest_in_place_median": max(in_place)}
    if cpu:
        out["slowest_in_place_cpu_median"] = max(c["in_place_cpu_median"] for c in rows)
    out["ratio_full_redraw_to_in_place"] = statistics.median(redraw) / statistics.median(in_place)
    return out


def environment() -> dict:
    """Python, pandas and matplotlib versions, the platform, CPUs and the load average."""
    import matplotlib
    import pandas as pd

    return {"python": platform.python_version(), "pandas": pd.__version__,
            "matplotlib": matplotlib.__version__,
            "platform": platform.platform(), "cpus": os.cpu_count(),
            "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None}


def print_overall(results: dict) -> None:
    """Print the slowest control (with its CPU time, if recorded) and the median ratio.

    Examples
    --------
    >>> print_overall({"slowest_in_place_median": 0.0123, "ratio_full_redraw_to_in_place": 4.0})
    slowest control, in place: 12.3 ms median
    ratio full redraw / in place: 4.0x (median over controls)
    """
    cpu = results.get("slowest_in_place_cpu_median")
    extra = "" if cpu is None else f" ({1000 * cpu:.1f} ms CPU)"
    print(f"slowest control, in place: {1000 * results['slowest_in_place_median']:.1f} ms "
          f"median{extra}")
    print(f"ratio full redraw / in place: {results['ratio_full_redraw_to_in_place']:.1f}x "
          "(median over controls)")


def save(results: dict, stem: str) -> Path:
    """Write ``results`` to ``benchmarks/results/<stem>_<timestamp>.json`` and say where."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    out = RESULTS / f"{stem}_{stamp}.json"
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"results written to {out.relative_to(ROOT)}")
    return out
