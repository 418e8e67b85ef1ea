"""Late work: when a submission counts as late, by how many days, and its penalty.

The rule comes from the ``[late]`` table of the course config
(:mod:`autograder.courseconfig`): a grace period, a percentage of the maximum
score taken off per started day late, and a cap. Everything here is a pure
function of the due date, the submission time and the LMS's late mark, so a
regrade gives the same result.

Examples
--------
>>> from datetime import datetime, timezone
>>> due = datetime(2026, 10, 20, 16, 0, tzinfo=timezone.utc)
>>> days_late(datetime(2026, 10, 21, 17, 0, tzinfo=timezone.utc), due)
2
>>> LateRule(percent_per_day=10, max_percent=25).penalty(14, days=3)
3.5
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class LateRule:
    """How late work loses points.

    Attributes
    ----------
    percent_per_day : float
        Percent of the maximum score taken off per started day late (0: none).
    max_percent : float
        The penalty never exceeds this percent of the maximum score.
    grace_minutes : float
        Submissions at most this many minutes after the due date are on time.
    """

    percent_per_day: float = 0.0
    max_percent: float = 100.0
    grace_minutes: float = 0.0

    def penalty(self, max_score: float, days: int, raw_score: float | None = None) -> float:
        """Points taken off for ``days`` days late (never more than ``raw_score``).

        Examples
        --------
        >>> LateRule(percent_per_day=20).penalty(10, days=1, raw_score=1.5)
        1.5
        >>> LateRule().penalty(10, days=4)
        0.0
        """
        if days <= 0 or self.percent_per_day <= 0:
            return 0.0
        percent = min(days * self.percent_per_day, self.max_percent)
        points = round(max_score * percent / 100, 2)
        return min(points, raw_score) if raw_score is not None else points


def days_late(submitted: datetime | None, due: datetime | None, *, late_mark: bool = False,
              grace_minutes: float = 0.0) -> int:
    """Started days between the due date (plus grace) and the submission; 0 if on time.

    A submission the LMS marked late whose time is unknown, or not after the
    due date by the clock we have, counts as one day late: the LMS's mark wins
    over a file time.

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> due = datetime(2026, 1, 1, tzinfo=timezone.utc)
    >>> days_late(None, due, late_mark=True), days_late(None, due), days_late(due, due)
    (1, 0, 0)
    """
    if submitted is not None and due is not None:
        over = submitted - (due + timedelta(minutes=grace_minutes))
        if over > timedelta(0):
            return max(1, math.ceil(over / timedelta(days=1)))
    return 1 if late_mark else 0
