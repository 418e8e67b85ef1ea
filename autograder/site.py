"""The course website: a static, bilingual site built offline with Sphinx and myst-nb.

``crm-course site`` (or ``make site``) writes ``build/site/`` (open
``build/site/index.html``, or put the folder on any web server):

1. every lecture (``notebooks/{en,zh}/chNN_*.ipynb``, found on disk) is executed,
   two at a time, with its figures, tables and the simulations' widget state kept;
   an executed lecture is cached under ``build/site-cache/`` by a hash of the
   notebook, the ``course`` package and the data, so a second build only
   executes what changed;
2. the sources in ``site/`` (``conf.py``, the landing page, each language's
   syllabus and *running the course live* page) are staged in
   ``build/site-src/`` with the executed lectures (``{en,zh}/lectures/``) and the
   instructor notes (``docs/instructor/{en,zh}/``), and the browser assets
   (require.js, the widgets' HTML manager, MathJax) copied from ``vendor/``;
3. Sphinx builds the HTML. Every page links to itself in the other language.

Nothing is downloaded at build time, and no page loads a script from a CDN:
Jupyter Book 2 (mystmd) was rejected because it downloads its theme when it
builds; Sphinx with myst-nb (Jupyter Book 1's engine) works offline.

Examples
--------
>>> "notebooks/zh/ch05_identification.ipynb" in [
...     p.relative_to(REPO_ROOT).as_posix() for p in lectures("zh")]
True
>>> [p.name for p in lectures("en", ["5"])]
['ch05_identification.ipynb']
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from autograder.coursedir import REPO_ROOT
from autograder.webassets import copy_assets

SITE_SOURCES = REPO_ROOT / "site"
BUILD = Path("build")
LANGS = ("en", "zh")
CELL_TIMEOUT = 600


def lectures(lang: str, chapters: list[str] | None = None) -> list[Path]:
    """The lectures of ``lang`` on disk, optionally only ``chapters`` (``ch05``...)."""
    found = sorted((REPO_ROOT / "notebooks" / lang).glob("ch[0-9][0-9]_*.ipynb"))
    if chapters:
        wanted = {f"ch{int(c.lower().removeprefix('ch')):02d}" for c in chapters}
        found = [p for p in found if p.name[:4] in wanted]
    return found


def _code_fingerprint() -> str:
    """A hash of what a lecture's outputs depend on besides itself: code and data."""
    digest = hashlib.sha256()
    for folder in ("course", "datasets"):
        for path in sorted((REPO_ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(REPO_ROOT).as_posix().encode())
                stat = path.stat()
                digest.update(f"{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _execute_one(job: tuple[str, str, int]) -> tuple[str, float]:
    source, target, timeout = job
    import nbformat
    from nbclient import NotebookClient

    started = time.monotonic()
    nb = nbformat.read(source, as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name="python3", store_widget_state=True,
                   resources={"metadata": {"path": str(Path(source).parent)}}).execute()
    tmp = Path(target).with_suffix(".tmp")
    nbformat.write(nb, tmp)
    tmp.replace(target)
    return source, time.monotonic() - started


def execute_lectures(paths: list[Path], cache: Path, jobs: int = 2,
                     timeout: int = CELL_TIMEOUT) -> dict[Path, Path]:
    """Execute ``paths`` (cached); return each lecture's executed copy."""
    cache.mkdir(parents=True, exist_ok=True)
    code = _code_fingerprint()
    executed, todo = {}, []
    for path in paths:
        key = hashlib.sha256(path.read_bytes() + code.encode()).hexdigest()[:20]
        target = cache / f"{path.parent.name}-{path.stem}-{key}.ipynb"
        executed[path] = target
        if not target.exists():
            todo.append((str(path), str(target), timeout))
    if todo:
        print(f"executing {len(todo)} lecture(s), {jobs} at a time ...", flush=True)
        with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(todo)))) as pool:
            for source, seconds in pool.map(_execute_one, todo):
                print(f"  {Path(source).relative_to(REPO_ROOT)}: {seconds:.0f} s", flush=True)
    return executed


def stage(executed: dict[Path, Path], src: Path) -> Path:
    """Lay out the Sphinx source folder ``src``: site/, lectures, notes, assets."""
    if src.exists():
        shutil.rmtree(src)
    shutil.copytree(SITE_SOURCES, src)
    for lecture, done in executed.items():
        lang = lecture.parent.name
        target = src / lang / "lectures" / lecture.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(done, target)
    for lang in LANGS:
        notes = REPO_ROOT / "docs" / "instructor" / lang
        folder = src / lang / "instructor"
        folder.mkdir(parents=True, exist_ok=True)
        for note in sorted(notes.glob("*.md")):
            shutil.copy2(note, folder / note.name)
        (src / lang / "lectures").mkdir(parents=True, exist_ok=True)
    static = src / "_vendor"
    copy_assets(static, ["require", "html-manager", "mathjax"])
    (static / "crm-site.css").write_text(
        ".crm-lang-switch { text-align: right; font-weight: 600; margin: 0 0 0.5em; }\n"
        ".widget-output img, .cell_output img { max-width: 100%; height: auto; }\n",
        encoding="utf-8")
    return src


def build_site(out: Path = BUILD / "site", chapters: list[str] | None = None,
               jobs: int = 2) -> Path:
    """Build the site into ``out``; return the path of its ``index.html``."""
    paths = [p for lang in LANGS for p in lectures(lang, chapters)]
    if not paths:
        raise ValueError("no lectures found in notebooks/en or notebooks/zh")
    build = Path(out).parent
    executed = execute_lectures(paths, build / "site-cache", jobs=jobs)
    src = stage(executed, build / "site-src")
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-j", str(jobs),
           "-d", str(build / "site-doctrees"), str(src), str(out)]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"sphinx failed ({result.returncode}):\n{result.stderr[-4000:]}")
    warnings = [line for line in result.stderr.splitlines() if "WARNING" in line]
    for line in warnings[:20]:
        print(line, file=sys.stderr)
    return Path(out) / "index.html"


def cmd_site(args) -> int:
    """Build the bilingual course website (static HTML, offline, no CDN) into build/site."""
    started = time.monotonic()
    index = build_site(Path(args.out), args.chapters or None, args.jobs)
    print(f"{index}  (built in {time.monotonic() - started:.0f} s)")
    return 0


def add_parser(sub) -> None:
    """Register ``crm-course site`` on the CLI's subparsers."""
    p = sub.add_parser("site", help="build the bilingual course website (static HTML)",
                       description=cmd_site.__doc__)
    p.add_argument("--out", metavar="DIR", default=str(BUILD / "site"),
                   help="where the HTML goes (default: build/site)")
    p.add_argument("--chapter", dest="chapters", action="append", metavar="CHAPTER",
                   help="only this chapter's lectures (repeat for more; default: all)")
    p.add_argument("--jobs", "-j", type=int, default=2, metavar="N",
                   help="lectures executed at once (default: 2)")
    p.set_defaults(func=cmd_site)
