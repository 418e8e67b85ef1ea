"""What every widget benchmark (``bench_widgets*.py``) shares.

The scripts run from the repository root (``python benchmarks/bench_widgets_ch01.py``),
so this folder is on ``sys.path`` and they import it as ``widgetbench``.

Examples
--------
>>> moves([1, 2, 3], 5)
[1, 2, 3, 1, 2]
"""


def moves(values: list, repeat: int) -> list:
    """The first ``repeat`` values of ``values`` cycled.

    Examples
    --------
    >>> moves(["a"], 2)
    ['a', 'a']
    """
    return [values[i % len(values)] for i in range(repeat)]
