"""Classroom mode: a chapter's simulations full-screen, without code, served by Voilà.

``crm-course present CHAPTER [--lang en|zh]`` builds a *presentation notebook*
from the chapter's lecture and serves it with Voilà on the instructor's
machine (a projector shows the browser window; F11 makes it full-screen).

The presentation notebook keeps every code cell of the lecture, in order, because
a simulation needs the data and tables the cells before it compute; but only the
simulations are shown:

* a *simulation cell* is a code cell that calls a function (or class) imported
  from ``course.widgets`` in the lecture: found by reading the code, so a new
  chapter's simulations are found without a list to keep;
* every other code cell runs silently (IPython's ``%%capture``, and its
  matplotlib figures closed), so no table, print-out or figure of the lecture
  shows; an error still shows;
* the lecture's title, and above each simulation the heading of the section it
  is in, are the only prose;
* Voilà strips the code (``strip_sources``), uses the light theme and culls
  idle kernels (each page view starts a kernel: a room of students opening the
  page must not keep dozens alive).

Examples
--------
>>> import nbformat
>>> nb = nbformat.v4.new_notebook(cells=[
...     nbformat.v4.new_markdown_cell("# Chapter 9 · Demo\\n\\nIntro."),
...     nbformat.v4.new_code_cell("from course.widgets.demo import explorer\\nx = 1"),
...     nbformat.v4.new_markdown_cell("## 2. Play\\n\\nText."),
...     nbformat.v4.new_code_cell("explorer(x)")])
>>> [c.source.splitlines()[0] for c in presentation(nb).cells]
['# Chapter 9 · Demo', '%%capture', '## 2. Play', 'explorer(x)']
"""

from __future__ import annotations

import ast
import os
import re
import sys
from pathlib import Path

from autograder.coursedir import REPO_ROOT

#: Where ``crm-course present`` writes its presentation notebooks.
PRESENT_DIR = Path("build") / "present"

#: Seconds a kernel may sit idle before Voilà shuts it down, and how often it looks.
CULL_IDLE_TIMEOUT = 600
CULL_INTERVAL = 60

_STYLE = """<style>
/* classroom mode: large enough to read from the back of a lecture hall */
body, .jp-RenderedHTMLCommon { font-size: 20px; }
.widget-label, .widget-readout, .widget-html-content, .widget-button,
.widget-toggle-button, .widget-dropdown select, table { font-size: 18px !important; }
</style>"""

_SILENT_END = ("\nimport matplotlib.pyplot as _crm_plt\n_crm_plt.close('all')"
               "  # no lecture figure on the projector")


def lecture_path(chapter: str, lang: str, root: Path = REPO_ROOT) -> Path:
    """The lecture notebook of ``chapter`` (``ch05`` or ``5``) in ``lang``.

    Examples
    --------
    >>> lecture_path("5", "zh").relative_to(REPO_ROOT).as_posix()
    'notebooks/zh/ch05_identification.ipynb'
    >>> lecture_path("ch99", "en")
    Traceback (most recent call last):
    ...
    ValueError: no lecture notebooks/en/ch99_*.ipynb (chapters: ...ch05...)
    """
    match = re.fullmatch(r"(?:ch)?0*(\d{1,2})", chapter.strip().lower())
    if not match:
        raise ValueError(f"{chapter!r} is not a chapter (write ch05 or 5)")
    folder = root / "notebooks" / lang
    found = sorted(folder.glob(f"ch{int(match.group(1)):02d}_*.ipynb"))
    if not found:
        known = sorted({p.name[:4] for p in folder.glob("ch[0-9][0-9]_*.ipynb")})
        raise ValueError(f"no lecture notebooks/{lang}/ch{int(match.group(1)):02d}_*.ipynb "
                         f"(chapters: {', '.join(known)})")
    return found[0]


def widget_names(nb) -> tuple[set[str], set[str]]:
    """Names a lecture imports from ``course.widgets``: (functions, module aliases)."""
    names, modules = set(), set()
    for cell in nb.cells:
        tree = _parse(cell)
        if tree is None:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                    "course.widgets"):
                names.update(a.asname or a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module == "course" and any(
                    a.name == "widgets" for a in node.names):
                modules.update(a.asname or a.name for a in node.names if a.name == "widgets")
            elif isinstance(node, ast.Import):
                modules.update(a.asname for a in node.names
                               if a.name.startswith("course.widgets") and a.asname)
    return names, modules


def _parse(cell):
    if cell.cell_type != "code":
        return None
    source = "\n".join(line for line in cell.source.splitlines()
                       if not line.lstrip().startswith(("%", "!")))
    try:
        return ast.parse(source)
    except SyntaxError:
        return None


def is_simulation(cell, names: set[str], modules: set[str]) -> bool:
    """Whether ``cell`` calls one of the widget functions (or a module alias's)."""
    tree = _parse(cell)
    if tree is None:
        return False
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in names:
                return True
            while isinstance(func, ast.Attribute):
                func = func.value
                if isinstance(func, ast.Name) and func.id in modules:
                    return True
    return False


def presentation(nb):
    """The presentation notebook of a lecture (see the module's description)."""
    import copy

    import nbformat

    names, modules = widget_names(nb)
    out = nbformat.v4.new_notebook(metadata=copy.deepcopy(nb.metadata))
    title, heading = None, None
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# ") and title is None:
                    title = line
                    out.cells.append(nbformat.v4.new_markdown_cell(line + "\n\n" + _STYLE))
                elif re.match(r"#{2,3} ", line):
                    heading = line
            continue
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        if is_simulation(cell, names, modules):
            if heading:
                out.cells.append(nbformat.v4.new_markdown_cell(heading))
                heading = None
            out.cells.append(nbformat.v4.new_code_cell(cell.source))
        else:
            out.cells.append(nbformat.v4.new_code_cell("%%capture\n" + cell.source
                                                       + _SILENT_END))
    return out


def simulation_count(nb) -> int:
    """How many simulation cells the lecture has."""
    names, modules = widget_names(nb)
    return sum(is_simulation(c, names, modules) for c in nb.cells)


def write_presentation(chapter: str, lang: str, out: Path = PRESENT_DIR) -> Path:
    """Write the presentation notebook of ``chapter`` in ``lang``; return its path."""
    import nbformat

    source = lecture_path(chapter, lang)
    nb = nbformat.read(source, as_version=4)
    if simulation_count(nb) == 0:
        raise ValueError(f"{source.relative_to(REPO_ROOT)} has no simulation "
                         "(no cell calls a function imported from course.widgets)")
    folder = Path(out) / lang
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / source.name
    nbformat.write(presentation(nb), target)
    return target


TEMPLATE = "crm_present"


def offline_template(data_dir: Path) -> Path:
    """Write Voilà's ``lab`` template without its CDN links, as ``crm_present``.

    Voilà's ``lab`` page links Font Awesome's style sheets from a CDN, though its
    own bundle already carries the icons; a classroom without internet (or one
    that should not tell a CDN who watches) gets the same page without those
    links. ``data_dir`` goes on ``JUPYTER_PATH``; returns the template folder.
    """
    import json

    from jupyter_core.paths import jupyter_path

    for root in jupyter_path("voila", "templates", "lab"):
        source = Path(root) / "index.html.j2"
        if source.exists():
            break
    else:
        raise RuntimeError("Voilà's lab template is not installed (pip install voila)")
    folder = Path(data_dir) / "voila" / "templates" / TEMPLATE
    folder.mkdir(parents=True, exist_ok=True)
    page = "\n".join(line for line in source.read_text(encoding="utf-8").splitlines()
                     if "cdn.jsdelivr.net" not in line)
    (folder / "index.html.j2").write_text(page + "\n", encoding="utf-8")
    (folder / "conf.json").write_text(json.dumps({"base_template": "lab"}), encoding="utf-8")
    return folder


def voila_command(notebook: Path, port: int, no_browser: bool, extra: list[str]) -> list[str]:
    """The ``voila`` command line that ``crm-course present`` runs.

    Examples
    --------
    >>> cmd = voila_command(Path("p.ipynb"), 8866, True, [])
    >>> "--strip_sources=True" in cmd, "--no-browser" in cmd
    (True, True)
    >>> any(a.startswith("--MappingKernelManager.cull_idle_timeout=") for a in cmd)
    True
    """
    argv = [sys.executable, "-m", "voila", str(notebook), f"--port={port}",
            "--strip_sources=True", "--theme=light", "--show_tracebacks=True",
            f"--template={TEMPLATE}",
            f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_TIMEOUT}",
            f"--MappingKernelManager.cull_interval={CULL_INTERVAL}",
            "--MappingKernelManager.cull_connected=False"]
    if no_browser:
        argv.append("--no-browser")
    return argv + list(extra)


def cmd_present(args) -> int:
    """Show a chapter's simulations full-screen, without code (Voilà), for a projector."""
    notebook = write_presentation(args.chapter, args.lang)
    os.environ["CRM_COURSE_LANG"] = args.lang
    data_dir = notebook.parent.parent / "jupyter"
    offline_template(data_dir)
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        filter(None, [str(data_dir.resolve()), os.environ.get("JUPYTER_PATH")]))
    argv = voila_command(notebook.resolve(), args.port, args.no_browser, args.extra)
    print(f"Presenting {notebook} with Voilà on port {args.port}; stop it with Ctrl+C.",
          flush=True)
    os.execv(sys.executable, argv)
    return 0  # pragma: no cover


def add_parser(sub) -> None:
    """Register ``crm-course present`` on the CLI's subparsers."""
    p = sub.add_parser("present", help="a chapter's simulations for a projector (Voilà)",
                       description=cmd_present.__doc__)
    p.add_argument("chapter", metavar="CHAPTER", help="the chapter, e.g. ch05 or 5")
    p.add_argument("--lang", choices=["en", "zh"], default="en")
    p.add_argument("--port", type=int, default=8866)
    p.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    p.add_argument("extra", nargs="*",
                   help="further options passed to voila, after the chapter and --: "
                        "crm-course present --port 8870 ch05 -- --Voila.ip=0.0.0.0")
    p.set_defaults(func=cmd_present)
