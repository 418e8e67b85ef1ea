"""Simulation models, one module per chapter: pure functions, no widgets.

Examples
--------
>>> from course.sims import identification
>>> identification.man_grade(True, False, False)
'nurture'
"""

from course.sims import clv, identification

__all__ = ["clv", "identification"]
