"""A cache of nbgrader releases: a fresh ``--out`` folder need not run generate_assignment.

``nbgrader generate_assignment`` takes about 11 s for chapter 5, and
``crm-course grade`` used to run it for every new course directory. Its
output depends only on the assignment's source folder, nbgrader's version and
the course's nbgrader config, so after one run the release folder and the
gradebook (holding only the assignment, no students) are kept under
``$CRM_COURSE_CACHE`` (default ``~/.cache/crm-course``) in a folder named by a
hash of those inputs, and copied into the next fresh course directory.

Examples
--------
>>> key = source_key("ch05")
>>> len(key), key == source_key("ch05")
(16, True)
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from autograder.coursedir import CONFIG_TEMPLATE, SOLUTIONS_DIR


def cache_root() -> Path:
    """The folder the cached releases live in."""
    env = os.environ.get("CRM_COURSE_CACHE")
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "crm-course"


def source_key(assignment: str, cell_timeout: int = 30) -> str:
    """A hash of what the release depends on: the source files, nbgrader, the config."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    digest.update(f"nbgrader {version('nbgrader')}\0timeout {cell_timeout}\0".encode())
    digest.update(CONFIG_TEMPLATE.encode())
    folder = SOLUTIONS_DIR / assignment
    for path in sorted(p for p in folder.rglob("*") if p.is_file()
                       and ".ipynb_checkpoints" not in p.parts and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(folder)).encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def _entry(assignment: str, key: str) -> Path:
    return cache_root() / f"{assignment}-{key}"


def restore(root: Path, assignment: str, key: str) -> bool:
    """Copy a cached release and gradebook into course directory ``root``; False if none."""
    entry = _entry(assignment, key)
    if not (entry / "gradebook.db").is_file() or not (entry / "release").is_dir():
        return False
    release = root / "release" / assignment
    if release.exists():
        shutil.rmtree(release)
    shutil.copytree(entry / "release", release)
    tmp = root / ".gradebook.db.tmp"
    shutil.copy2(entry / "gradebook.db", tmp)
    os.replace(tmp, root / "gradebook.db")
    return True


def store(root: Path, assignment: str, key: str) -> None:
    """Keep the release and the (student-free) gradebook of ``root`` for next time.

    Written into a temporary folder and renamed, so concurrent runs never
    see half a cache entry. Failing to write the cache is not an error.
    """
    entry = _entry(assignment, key)
    if entry.exists():
        return
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{assignment}-", dir=entry.parent))
        shutil.copytree(root / "release" / assignment, tmp / "release")
        shutil.copy2(root / "gradebook.db", tmp / "gradebook.db")
        os.rename(tmp, entry)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True) if "tmp" in locals() else None
