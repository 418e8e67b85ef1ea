"""LMS downloads in: Canvas's and Moodle's "download all submissions", or a folder per student.

:func:`collect` turns what the instructor downloaded (a zip file or its
unpacked folder) into one :class:`Entry` per student: the folder the grader
grades, the student's ids and name, and when and whether the work was late.
Three layouts are recognised, automatically or by name:

``canvas``
    Canvas's *Download Submissions*: one flat folder of files named
    ``<name>_<user id>_<submission id>_<file name>``, with ``late`` after the
    name for work Canvas marked late (``lilei_late_12345_67890_ch05.ipynb``);
    a resubmitted file's original name may carry ``-1``, ``-2``.
``moodle``
    Moodle's *Download all submissions*: a folder per participant,
    ``<Full Name>_<participant number>_assignsubmission_file_/`` holding the
    files as uploaded (or, with folders turned off, flat files
    ``<Full Name>_<number>_assignsubmission_file_<file name>``).
``folders``
    One folder per student id, the notebook under any name (what
    ``crm-course grade`` took before LMS downloads).

With a roster (:mod:`autograder.roster`) every enrolled student gets an
entry, ``missing`` if the download holds nothing for them; a file that
cannot be tied to exactly one enrolled student is ``unknown``, a student with
several notebooks none of which is called ``<assignment>.ipynb`` is
``ambiguous``. Neither is ever guessed at: the message says what to fix.

When the work was handed in comes from, in this order: an nbgrader
``timestamp.txt`` in the student's files, else the newest modification time
of the student's files (a zip entry's time is kept when unpacking). A Canvas
``late`` mark makes the work late whatever the file times say.

Examples
--------
>>> parse_canvas_name("lilei_late_12345_67890_ch05-1.ipynb")
CanvasName(name='lilei', late=True, user_id='12345', submission_id='67890', file='ch05-1.ipynb')
>>> parse_moodle_name("Li Lei_4321_assignsubmission_file_")
('Li Lei', '4321')
>>> original_name("ch05-2.ipynb")
'ch05.ipynb'
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple
from zoneinfo import ZoneInfo

from autograder.coursedir import GradingError
from autograder.roster import Roster, RosterStudent
from autograder.submissions import IGNORED_FOLDERS, nbgrader_id

LAYOUTS = ("canvas", "moodle", "folders")

CANVAS_FILE = re.compile(r"^(?P<name>[^_]+?)(?P<late>_late)?_(?P<uid>\d+)_(?P<sid>\d+)_"
                         r"(?P<file>.+)$", re.IGNORECASE)
MOODLE_DIR = re.compile(r"^(?P<name>.+)_(?P<pid>\d+)_assignsubmission_(?P<plugin>[a-z0-9]+)_?$")
MOODLE_FILE = re.compile(r"^(?P<name>.+?)_(?P<pid>\d+)_assignsubmission_(?P<plugin>[a-z0-9]+)_"
                         r"(?P<file>.+)$")
RESUBMITTED = re.compile(r"-\d+(?=\.ipynb$)", re.IGNORECASE)

#: Limits when unpacking a downloaded zip file.
MAX_UNPACKED_BYTES = 4 * 1024**3
MAX_FILES = 100_000


class CanvasName(NamedTuple):
    name: str
    late: bool
    user_id: str
    submission_id: str
    file: str


def parse_canvas_name(filename: str) -> CanvasName | None:
    """The parts of a Canvas download file name, or None if it is not one."""
    m = CANVAS_FILE.match(filename)
    if m is None:
        return None
    return CanvasName(m["name"], bool(m["late"]), m["uid"], m["sid"], m["file"])


def parse_moodle_name(name: str) -> tuple[str, str] | None:
    """``(full name, participant number)`` of a Moodle folder or file name, or None."""
    m = MOODLE_DIR.match(name) or MOODLE_FILE.match(name)
    return (m["name"], m["pid"]) if m else None


def original_name(filename: str) -> str:
    """A file's name without the ``-1`` Canvas adds to a resubmitted file's name."""
    return RESUBMITTED.sub("", filename)


@dataclass
class Entry:
    """One row-to-be of grades.csv: a student (or a file nobody could be matched to)."""

    student_id: str
    folder: Path | None = None
    status: str = ""  # "" (grade it), "missing", "unknown" or "ambiguous"
    message: str = ""
    name: str = ""
    email: str = ""
    lms_id: str = ""
    late_mark: bool = False
    submitted_at: datetime | None = None
    time_source: str = ""
    files: list[str] = field(default_factory=list)


@dataclass
class _Found:
    """What the download holds for one would-be student before matching the roster."""

    key: str  # the name it goes by in the download
    lms_id: str = ""
    name: str = ""
    files: list[Path] = field(default_factory=list)
    late_mark: bool = False
    folder: Path | None = None  # folders layout: the student's own folder
    submissions: set[str] = field(default_factory=set)


# ---------------------------------------------------------------- unpacking


def unpack(archive: Path, dest: Path, tz: ZoneInfo) -> Path:
    """Unpack a downloaded zip file into ``dest`` safely and return ``dest``.

    Entries with absolute paths or ``..`` and symbolic links are skipped;
    the total size and number of files are capped. Each file keeps its zip
    entry's time (read in the course's time zone) as its modification time.

    Raises
    ------
    GradingError
        If the file is not a zip file or is larger than the caps.
    """
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as exc:
        raise GradingError(f"{archive.name}: not a zip file ({exc})") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_FILES or sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
            raise GradingError(f"{archive.name}: more than {MAX_FILES} files or "
                               f"{MAX_UNPACKED_BYTES // 1024**3} GiB unpacked")
        for info in infos:
            parts = Path(info.filename.replace("\\", "/")).parts
            if (info.is_dir() or not parts or info.filename.startswith("/")
                    or ".." in parts or stat.S_ISLNK(info.external_attr >> 16)):
                continue
            target = dest.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(info) as src, target.open("wb") as out:
                shutil.copyfileobj(src, out)
            try:
                when = datetime(*info.date_time, tzinfo=tz).timestamp()
                os.utime(target, (when, when))
            except (ValueError, OSError, OverflowError):
                pass
    return dest


# ---------------------------------------------------------------- layouts


def _visible(path: Path) -> bool:
    return not path.name.startswith(".") and path.name not in IGNORED_FOLDERS


def detect_layout(folder: Path) -> str:
    """``canvas``, ``moodle`` or ``folders``: which layout most top-level entries follow.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "lilei_12345_67890_ch05.ipynb").write_text("{}")
    ...     detect_layout(Path(tmp))
    'canvas'
    """
    entries = [p for p in folder.iterdir() if _visible(p)]
    canvas = sum(p.is_file() and parse_canvas_name(p.name) is not None for p in entries)
    moodle = sum(parse_moodle_name(p.name) is not None for p in entries)
    folders = sum(p.is_dir() and parse_moodle_name(p.name) is None for p in entries)
    counts = {"canvas": canvas, "moodle": moodle, "folders": folders}
    best = max(counts.values())
    if best == 0:
        return "folders"
    winners = [name for name, count in counts.items() if count == best]
    if len(winners) > 1:
        raise GradingError(f"{folder}: cannot tell the layout of the download "
                           f"({', '.join(f'{k} {v}' for k, v in counts.items())} entries "
                           "look like each); say which with --layout canvas|moodle|folders")
    return winners[0]


def _scan_canvas(folder: Path) -> tuple[list[_Found], list[Entry]]:
    found: dict[str, _Found] = {}
    unknown: list[Entry] = []
    for path in sorted(p for p in folder.iterdir() if _visible(p)):
        parsed = parse_canvas_name(path.name) if path.is_file() else None
        if parsed is None:
            unknown.append(Entry(path.name, status="unknown", files=[path.name],
                                 message=f"{path.name!r} does not follow Canvas's file names "
                                         "(name_userid_submissionid_file): not graded"))
            continue
        item = found.setdefault(parsed.user_id, _Found(key=f"{parsed.name}_{parsed.user_id}",
                                                       lms_id=parsed.user_id,
                                                       name=parsed.name))
        item.files.append(path)
        item.late_mark |= parsed.late
        item.submissions.add(parsed.submission_id)
    return list(found.values()), unknown


def _files_below(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()
                  and not (set(p.relative_to(folder).parts[:-1]) & IGNORED_FOLDERS))


def _scan_moodle(folder: Path) -> tuple[list[_Found], list[Entry]]:
    found: dict[str, _Found] = {}
    unknown: list[Entry] = []
    for path in sorted(p for p in folder.iterdir() if _visible(p)):
        parsed = parse_moodle_name(path.name)
        if parsed is None:
            unknown.append(Entry(path.name, status="unknown", files=[path.name],
                                 message=f"{path.name!r} does not follow Moodle's names "
                                         "(Full Name_number_assignsubmission_file_): not "
                                         "graded"))
            continue
        name, pid = parsed
        item = found.setdefault(pid, _Found(key=name, lms_id=pid, name=name))
        item.files.extend(_files_below(path) if path.is_dir() else [path])
    return list(found.values()), unknown


def _scan_folders(folder: Path) -> tuple[list[_Found], list[Entry]]:
    found, unknown = [], []
    for path in sorted(p for p in folder.iterdir() if _visible(p)):
        if path.is_dir():
            found.append(_Found(key=path.name, folder=path, files=_files_below(path)))
        else:
            unknown.append(Entry(path.name, status="unknown", files=[path.name],
                                 message=f"{path.name!r} is a file outside any student "
                                         "folder: not graded"))
    return found, unknown


# ---------------------------------------------------------------- matching


def _norm(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


def _match(item: _Found, layout: str, roster: Roster) -> tuple[RosterStudent | None, str]:
    """The enrolled student a download item belongs to, or None and why not."""
    if item.lms_id and roster.by_lms(item.lms_id):
        return roster.by_lms(item.lms_id), ""
    if layout == "folders":
        student = roster.find(item.key)
        if student is not None:
            return student, ""
    if layout in {"moodle", "folders"}:
        # Moodle's participant numbers differ per assignment: the full name is what lasts.
        same = [s for s in roster if s.name and _norm(s.name) == _norm(item.name or item.key)]
        if len(same) == 1:
            return same[0], ""
        if len(same) > 1:
            return None, (f"{item.key!r}: {len(same)} students on the roster are called "
                          f"{item.name or item.key!r} ({', '.join(s.id for s in same)}); put "
                          "their participant numbers in the roster's lms_id column")
    what = f"LMS id {item.lms_id}" if item.lms_id else "the folder name"
    return None, (f"{item.key!r}: {what} matches nobody on the roster "
                  f"({Path(roster.source).name}): not graded")


def _submission_time(files: list[Path], tz: ZoneInfo) -> tuple[datetime | None, str]:
    for path in files:
        if path.name == "timestamp.txt":
            try:
                from dateutil import parser as dateparser

                text = path.read_text(encoding="utf-8").strip()
                when = dateparser.parse(text.replace(" UTC", "+00:00"))
            except (OSError, ValueError, OverflowError, UnicodeDecodeError):
                continue
            return (when if when.tzinfo else when.replace(tzinfo=tz)), "timestamp.txt"
    times = [p.stat().st_mtime for p in files if p.exists()]
    if not times:
        return None, ""
    return datetime.fromtimestamp(max(times), tz=UTC), "file time"


def _notebooks(files: list[Path], assignment: str, layout: str) -> tuple[Path | None, str]:
    """The notebook to grade among a student's files, or None and a message."""
    notebooks = [p for p in files if p.suffix.lower() == ".ipynb"]
    if len(notebooks) <= 1:
        return (notebooks[0] if notebooks else None), ""

    def base(p: Path) -> str:
        name = parse_canvas_name(p.name).file if layout == "canvas" and parse_canvas_name(
            p.name) else p.name
        return original_name(name).lower()

    named = [p for p in notebooks if base(p) == f"{assignment}.ipynb"]
    if len(named) == 1:
        return named[0], ""
    return None, (f"{len(notebooks)} notebooks ({', '.join(sorted(p.name for p in notebooks))})"
                  f" and not exactly one called {assignment}.ipynb: not graded; keep one and "
                  "grade again")


def collect(source: str | Path, assignment: str, staging: Path, *, layout: str | None = None,
            roster: Roster | None = None, tz: ZoneInfo | None = None) -> tuple[str, list[Entry]]:
    """Read a download into one :class:`Entry` per student (see the module docstring).

    Parameters
    ----------
    source : str or Path
        A zip file, or a folder (unpacked download, or one folder per student).
    assignment : str
        The assignment id: ``<assignment>.ipynb`` wins when a student has several notebooks.
    staging : Path
        A folder this function owns: the zip is unpacked and each student's
        files are copied there (the folders layout grades the folders in place).
    layout : str, optional
        ``canvas``, ``moodle`` or ``folders``; detected when None.
    roster : Roster, optional
        Enrolled students: each gets an entry, and ids are mapped through it.
    tz : ZoneInfo, optional
        The time zone of zip entry times (default UTC).

    Returns
    -------
    (str, list of Entry)
        The layout, and the entries sorted by student id.

    Raises
    ------
    GradingError
        If ``source`` does not exist, is not a folder or zip file, or its layout is unclear.
    """
    source = Path(source)
    tz = tz or ZoneInfo("UTC")
    if source.is_file():
        folder = unpack(source, staging / "download", tz)
    elif source.is_dir():
        folder = source
    else:
        raise GradingError(f"submissions folder {source} does not exist or is not a folder "
                           "or zip file")
    if layout is None:
        layout = detect_layout(folder)
    elif layout not in LAYOUTS:
        raise GradingError(f"unknown layout {layout!r}; choose one of {', '.join(LAYOUTS)}")
    scan = {"canvas": _scan_canvas, "moodle": _scan_moodle, "folders": _scan_folders}[layout]
    found, entries = scan(folder)

    if roster is None:
        names = [item.key for item in found]
        for item in found:
            sid = item.key if names.count(item.key) == 1 or not item.lms_id else (
                f"{item.key}_{item.lms_id}")
            entries.append(_entry(item, sid, None, assignment, layout, staging, tz))
    else:
        claimed: dict[str, list[_Found]] = {}
        for item in found:
            student, why = _match(item, layout, roster)
            if student is None:
                entries.append(Entry(item.key, status="unknown", message=why,
                                     lms_id=item.lms_id, name=item.name,
                                     files=[p.name for p in item.files]))
            else:
                claimed.setdefault(student.id, []).append(item)
        for student in roster:
            items = claimed.get(student.id, [])
            if len(items) == 1:
                entries.append(_entry(items[0], student.id, student, assignment, layout,
                                      staging, tz))
            elif items:
                entries.append(_with_roster(Entry(
                    student.id, status="ambiguous",
                    files=[p.name for i in items for p in i.files],
                    message=f"{len(items)} entries of the download belong to this student "
                            f"({', '.join(i.key for i in items)}): not graded; keep one"),
                    student))
            else:
                entries.append(_with_roster(Entry(
                    student.id, status="missing",
                    message="handed in nothing: on the roster, but nothing for this student in "
                            "the download"), student))
    _unique_ids(entries)
    return layout, sorted(entries, key=lambda e: e.student_id)


def _with_roster(entry: Entry, student: RosterStudent | None) -> Entry:
    if student is not None:
        entry.name = student.name or entry.name
        entry.email = student.email
        entry.lms_id = student.lms_id or entry.lms_id
    return entry


def _entry(item: _Found, sid: str, student: RosterStudent | None, assignment: str,
           layout: str, staging: Path, tz: ZoneInfo) -> Entry:
    entry = _with_roster(Entry(sid, name=item.name, lms_id=item.lms_id,
                               late_mark=item.late_mark,
                               files=[str(p.relative_to(item.folder)) if item.folder else p.name
                                      for p in item.files]), student)
    if len(item.submissions) > 1:
        entry.status = "ambiguous"
        entry.message = (f"{len(item.submissions)} Canvas submissions "
                         f"({', '.join(sorted(item.submissions))}) for one student: not graded")
        return entry
    notebook, why = _notebooks(item.files, assignment, layout)
    if why:
        entry.status, entry.message = "ambiguous", why
        return entry
    chosen = [p for p in item.files if p.suffix.lower() != ".ipynb" or p == notebook]
    stamp = [p for p in item.files if p.name == "timestamp.txt"]
    entry.submitted_at, entry.time_source = _submission_time(
        stamp or ([notebook] if notebook else chosen), tz)
    if item.folder is not None:
        entry.folder = item.folder
        return entry
    target = staging / "students" / nbgrader_id(sid)
    target.mkdir(parents=True, exist_ok=True)
    for path in chosen:
        shutil.copy2(path, target / path.name)
    entry.folder = target
    return entry


def _unique_ids(entries: list[Entry]) -> None:
    """Give an unmatched file whose name is also a student's id a distinct row id."""
    taken = {e.student_id for e in entries if e.status != "unknown"}
    for entry in entries:
        if entry.status == "unknown" and entry.student_id in taken:
            entry.student_id = f"{entry.student_id} (unmatched)"


def prepare_staging(staging: Path) -> Path:
    """Empty the staging folder of an earlier run (students who left must not linger)."""
    for sub in ("students", "download"):
        shutil.rmtree(staging / sub, ignore_errors=True)
    staging.mkdir(parents=True, exist_ok=True)
    return staging
