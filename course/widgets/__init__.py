"""Interactive views (ipywidgets) over the pure models in :mod:`course.sims`.

Each widget only wires controls to ``course.sims`` functions; it exposes its
controls and outputs as attributes so tests can drive it without a kernel.

Examples
--------
>>> from course.widgets import abc_explorer, rfm_explorer
>>> callable(rfm_explorer) and callable(abc_explorer)
True
"""

from course.widgets.clv import (
    AliveExplorer,
    CLVCalculator,
    RetentionEconomics,
    alive_explorer,
    clv_calculator,
    retention_economics,
)
from course.widgets.identification import ABCExplorer, RFMExplorer, abc_explorer, rfm_explorer

__all__ = ["ABCExplorer", "AliveExplorer", "CLVCalculator", "RFMExplorer", "RetentionEconomics",
           "abc_explorer", "alive_explorer", "clv_calculator", "retention_economics",
           "rfm_explorer"]
