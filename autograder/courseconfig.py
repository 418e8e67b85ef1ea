"""The course config file (``course.toml``): assignments, weights, due dates, late rule, letters.

Read with :mod:`tomllib`. Every table is optional; without a file every
assignment weighs the same, nothing is late and there are no letter grades.
``docs/course.example.toml`` is a complete example::

    [course]
    name = "Customer Relationship Management"
    timezone = "Asia/Shanghai"          # for due dates written without an offset

    [late]
    percent_per_day = 10                # of the maximum score, per started day
    max_percent = 50
    grace_minutes = 15

    [letters]                           # lowest percentage for each letter
    A = 90
    B = 80
    C = 70
    D = 60
    F = 0

    [assignments.ch05]
    weight = 10
    due = 2026-10-20T23:59:00
    canvas_column = "Exercise 5 (20481)"   # the column title in Canvas's gradebook
    moodle_column = "Exercise 5"           # the grade item's name in Moodle

Examples
--------
>>> config = parse_config('''
... [course]
... timezone = "Asia/Shanghai"
... [assignments.ch05]
... weight = 2
... due = 2026-10-20T23:59:00
... ''')
>>> config.assignments["ch05"].due.isoformat()
'2026-10-20T23:59:00+08:00'
>>> config.weight("ch05"), config.weight("ch06"), config.letter(85.0)
(2.0, 1.0, '')
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from autograder.coursedir import ASSIGNMENTS, GradingError
from autograder.late import LateRule

#: Looked for in the current folder when no ``--config`` is given.
DEFAULT_CONFIG = Path("course.toml")


@dataclass(frozen=True)
class AssignmentConfig:
    """One assignment's entry in the course config."""

    id: str
    weight: float = 1.0
    due: datetime | None = None
    canvas_column: str = ""
    moodle_column: str = ""
    grading_dir: str = ""


@dataclass(frozen=True)
class CourseConfig:
    """The whole course config (see the module docstring)."""

    name: str = "CRM course"
    timezone: str = "UTC"
    assignments: dict[str, AssignmentConfig] = field(default_factory=dict)
    late: LateRule = LateRule()
    letters: tuple[tuple[str, float], ...] = ()
    source: str = ""

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def assignment(self, assignment: str) -> AssignmentConfig:
        """The entry of ``assignment`` (defaults if the config does not list it)."""
        return self.assignments.get(assignment, AssignmentConfig(assignment))

    def weight(self, assignment: str) -> float:
        return self.assignment(assignment).weight

    def due(self, assignment: str) -> datetime | None:
        return self.assignment(assignment).due

    def letter(self, percent: float | None) -> str:
        """The letter grade of a percentage ('' without ``[letters]`` or a percentage).

        Examples
        --------
        >>> CourseConfig(letters=(("A", 90.0), ("B", 80.0), ("F", 0.0))).letter(89.99)
        'B'
        """
        if percent is None:
            return ""
        for letter, cutoff in self.letters:
            if percent >= cutoff - 1e-9:
                return letter
        return ""


def _fail(source: str, message: str) -> GradingError:
    return GradingError(f"{source}: {message}")


def _number(value, where: str, source: str, *, minimum: float = 0.0) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < minimum:
        raise _fail(source, f"{where} must be a number of at least {minimum:g}, got {value!r}")
    return float(value)


def _due(value, tz: ZoneInfo, where: str, source: str) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=tz)
    if isinstance(value, date):  # a bare day: due at its end
        return datetime.combine(value, time(23, 59, 59), tzinfo=tz)
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise _fail(source, f"{where} is not a date and time: {value!r} (write "
                                "2026-10-20T23:59:00)") from None
        return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=tz)
    raise _fail(source, f"{where} must be a date and time, got {value!r}")


def parse_config(text: str, source: str = "course.toml") -> CourseConfig:
    """Parse the text of a course config; errors name the file and the key.

    Raises
    ------
    GradingError
        For TOML syntax errors, unknown assignments, bad numbers or dates.

    Examples
    --------
    >>> parse_config('[assignments.ch5]\\nweight = 1')
    Traceback (most recent call last):
    ...
    autograder.coursedir.GradingError: course.toml: unknown assignment 'ch5' in [assignments] ...
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _fail(source, f"not valid TOML ({exc})") from None
    course = data.get("course", {})
    tzname = str(course.get("timezone", "UTC"))
    try:
        tz = ZoneInfo(tzname)
    except (ZoneInfoNotFoundError, ValueError):
        raise _fail(source, f"[course] timezone {tzname!r} is not a time zone name "
                            "(e.g. Asia/Shanghai)") from None
    late = data.get("late", {})
    rule = LateRule(
        percent_per_day=_number(late.get("percent_per_day", 0), "[late] percent_per_day",
                                source),
        max_percent=_number(late.get("max_percent", 100), "[late] max_percent", source),
        grace_minutes=_number(late.get("grace_minutes", 0), "[late] grace_minutes", source))
    letters = tuple(sorted(((str(k), _number(v, f"[letters] {k}", source))
                            for k, v in data.get("letters", {}).items()),
                           key=lambda kv: -kv[1]))
    assignments = {}
    for aid, entry in data.get("assignments", {}).items():
        if aid not in ASSIGNMENTS:
            raise _fail(source, f"unknown assignment {aid!r} in [assignments] (the course has "
                                f"{', '.join(ASSIGNMENTS)})")
        if not isinstance(entry, dict):
            raise _fail(source, f"[assignments.{aid}] must be a table")
        assignments[aid] = AssignmentConfig(
            id=aid,
            weight=_number(entry.get("weight", 1), f"[assignments.{aid}] weight", source),
            due=(_due(entry["due"], tz, f"[assignments.{aid}] due", source)
                 if "due" in entry else None),
            canvas_column=str(entry.get("canvas_column", "")),
            moodle_column=str(entry.get("moodle_column", "")),
            grading_dir=str(entry.get("grading_dir", "")))
    return CourseConfig(name=str(course.get("name", "CRM course")), timezone=tzname,
                        assignments=assignments, late=rule, letters=letters, source=source)


def load_config(path: str | Path | None = None) -> CourseConfig:
    """Read the course config at ``path``; ``None``: ``./course.toml`` if it exists.

    Raises
    ------
    GradingError
        If a given file does not exist or is not a valid config.
    """
    if path is None:
        if not DEFAULT_CONFIG.is_file():
            return CourseConfig()
        path = DEFAULT_CONFIG
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GradingError(f"course config {path}: {exc.strerror or exc}") from None
    return parse_config(text, source=str(path))
