"""Interactive views (ipywidgets) over the pure models in :mod:`course.sims`.

Each widget only wires controls to ``course.sims`` functions; it exposes its
controls and outputs as attributes so tests can drive it without a kernel. One
module per chapter, named as its model (``course.widgets.stp`` over
``course.sims.stp``); import it directly. Chapter 5's two explorers are also
importable from here, as they always were.

Examples
--------
>>> from course.widgets import abc_explorer, rfm_explorer
>>> callable(rfm_explorer) and callable(abc_explorer)
True
"""

from course.widgets.identification import ABCExplorer, RFMExplorer, abc_explorer, rfm_explorer

__all__ = ["ABCExplorer", "RFMExplorer", "abc_explorer", "rfm_explorer"]
