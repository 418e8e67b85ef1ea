"""The class roster: every enrolled student, with their ids in the course and in the LMS.

A roster is a CSV file with a header row and the columns ``id`` (the
student id the course grades under), ``name``, ``email`` and ``lms_id``
(Canvas's user id, or Moodle's participant number as in its download's
folder names); optional ``section`` and ``sis_login_id`` go into the Canvas
export. Column names are matched without regard to case or spaces
(``Student ID`` works for ``id``). It maps ids both ways: from an LMS download
to the student, and from the student back to the LMS for the grade export.

Examples
--------
>>> roster = parse_roster("id,name,email,lms_id\\n2026001,Li Lei,lilei@example.edu,12345\\n")
>>> roster.by_lms("12345").id, roster.by_id("2026001").email
('2026001', 'lilei@example.edu')
>>> roster.find("lilei@example.edu").name
'Li Lei'
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from autograder.coursedir import GradingError

REQUIRED = ("id", "name", "email", "lms_id")
ALIASES = {"studentid": "id", "student": "id", "sisuserid": "id", "fullname": "name",
           "emailaddress": "email", "mail": "email", "lmsid": "lms_id", "canvasid": "lms_id",
           "userid": "lms_id", "participant": "lms_id", "sisloginid": "sis_login_id",
           "login": "sis_login_id"}


@dataclass(frozen=True)
class RosterStudent:
    """One enrolled student."""

    id: str
    name: str = ""
    email: str = ""
    lms_id: str = ""
    section: str = ""
    sis_login_id: str = ""


class Roster:
    """Enrolled students, looked up by course id, LMS id or e-mail."""

    def __init__(self, students: list[RosterStudent], source: str = "roster"):
        self.students = list(students)
        self.source = source
        self._by_id = {s.id: s for s in self.students}
        self._by_lms = {s.lms_id: s for s in self.students if s.lms_id}
        self._by_email = {s.email.lower(): s for s in self.students if s.email}

    def __len__(self) -> int:
        return len(self.students)

    def __iter__(self):
        return iter(self.students)

    def by_id(self, sid: str) -> RosterStudent | None:
        return self._by_id.get(sid)

    def by_lms(self, lms_id: str) -> RosterStudent | None:
        return self._by_lms.get(lms_id)

    def find(self, key: str) -> RosterStudent | None:
        """The student whose course id, LMS id or e-mail is ``key`` (in that order)."""
        return self._by_id.get(key) or self._by_lms.get(key) or self._by_email.get(
            key.lower())


def _column(name: str) -> str:
    key = re.sub(r"[\s_-]+", "", name.strip().lower())
    if key in {"id", "name", "email", "section"}:
        return key
    return ALIASES.get(key, name.strip().lower())


def parse_roster(text: str, source: str = "roster") -> Roster:
    """Read roster CSV text; every problem names the file and the row.

    Raises
    ------
    GradingError
        A missing column, an empty id, or an id, LMS id or e-mail given twice.

    Examples
    --------
    >>> parse_roster("id,name,email,lms_id\\na,A,,1\\nb,B,,1\\n")
    Traceback (most recent call last):
    ...
    autograder.coursedir.GradingError: roster row 3: LMS id '1' is also on row 2
    """
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = [_column(h) for h in next(reader)]
    except StopIteration:
        raise GradingError(f"{source}: the file is empty") from None
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise GradingError(f"{source}: no column(s) {', '.join(missing)} (the header must "
                           f"have {', '.join(REQUIRED)}; it has {', '.join(header)})")
    students: list[RosterStudent] = []
    seen: dict[tuple[str, str], int] = {}
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = dict(zip(header, (cell.strip() for cell in row), strict=False))
        student = RosterStudent(**{k: values.get(k, "") for k in (
            "id", "name", "email", "lms_id", "section", "sis_login_id")})
        if not student.id:
            raise GradingError(f"{source} row {number}: the id is empty")
        for what, value in (("id", student.id), ("LMS id", student.lms_id),
                            ("e-mail", student.email.lower())):
            if not value:
                continue
            if (what, value) in seen:
                raise GradingError(f"{source} row {number}: {what} {value!r} is also on row "
                                   f"{seen[what, value]}")
            seen[what, value] = number
        students.append(student)
    return Roster(students, source)


def load_roster(path: str | Path | None) -> Roster | None:
    """Read the roster CSV at ``path`` (None: no roster).

    Raises
    ------
    GradingError
        If the file cannot be read or is not a valid roster.
    """
    if path is None:
        return None
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise GradingError(f"roster {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise GradingError(f"roster {path}: not UTF-8 text (save it as CSV UTF-8)") from None
    return parse_roster(text, source=str(path))
