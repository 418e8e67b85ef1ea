"""Simulation models, one module per chapter: pure functions, no widgets.

Import the chapter's module itself (``from course.sims import stp``); nothing is
imported here, so a lecture loads only its own chapter's model.

======  ==================  ====================================================
ch01    ``concepts``        rice-shop planner, remembering shops, share of wallet
ch02    ``stp``             k-means segments, attractiveness, perceptual map
ch03    ``aidma``           purchase funnel, event logs, bottleneck
ch04    ``needs``           dominant unmet need, needs pyramid, appeals
ch05    ``identification``  RFM, ABC, MAN, value matrix
ch06    ``selection``       customer profit, whale curve, value matrix
ch07    ``clv``             CLV, retention economics, BG/NBD, Gamma-Gamma
======  ==================  ====================================================

Examples
--------
>>> from course.sims import identification
>>> identification.man_grade(True, False, False)
'nurture'
"""
