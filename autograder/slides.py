"""Lecture slides: each lecture as a reveal.js deck, executed, served without a CDN.

``crm-course slides CHAPTER [--lang en|zh]`` executes the chapter's lecture
(figures, tables and the simulations' saved state), turns it into a reveal.js
deck with nbconvert's slides exporter and writes it to
``build/slides/<lang>/chNN_<topic>.slides.html``, with reveal.js, require.js,
jQuery, the widgets' HTML manager and MathJax copied from ``vendor/`` (npm)
into ``build/slides/_static/``. Open the file in a browser (no server needed);
``S`` opens the speaker view, ``F`` full screen, ``Esc`` the overview.

Slide layout comes from the lecture cells' own metadata
(``cell.metadata.slideshow.slide_type``, as JupyterLab's property inspector
sets it) where a cell has it; a cell without it gets a default:

* a markdown cell opening with ``#`` or ``##`` starts a slide, with ``###`` a
  sub-slide (reached with the down arrow); other markdown continues the slide;
* a code cell whose output is a figure or a simulation starts a sub-slide and
  shows no code (the code distracts there); a code cell with other output
  (a table, a print-out, the *how it is computed* steps) shows its code;
  a code cell with no output (imports, set-up) is skipped;
* tags override: ``hide-input`` hides a cell's code, ``show-code`` keeps it,
  ``remove-cell`` drops the cell (the tags myst-nb's website build reads too).

Examples
--------
>>> import nbformat
>>> cells = [nbformat.v4.new_markdown_cell("## 2. Segments"),
...          nbformat.v4.new_markdown_cell("Some prose."),
...          nbformat.v4.new_code_cell("import pandas as pd")]
>>> [slide_layout(c) for c in cells]
[('slide', False), ('-', False), ('skip', False)]
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

from autograder.present import lecture_path
from autograder.webassets import copy_assets

SLIDES_DIR = Path("build") / "slides"
TEMPLATES = Path(__file__).resolve().parent / "templates"
CELL_TIMEOUT = 600

_FIGURE_TYPES = ("image/png", "image/svg+xml", "image/jpeg",
                 "application/vnd.jupyter.widget-view+json")


def _shows_figure(cell) -> bool:
    return any(any(t in out.get("data", {}) for t in _FIGURE_TYPES)
               for out in cell.get("outputs", []))


def slide_layout(cell) -> tuple[str, bool]:
    """The slide type of ``cell`` and whether its code is hidden (see the module)."""
    tags = set(cell.metadata.get("tags", []))
    given = cell.metadata.get("slideshow", {}).get("slide_type")
    if "remove-cell" in tags:
        return "skip", False
    if cell.cell_type == "markdown":
        if given:
            return given, False
        first = cell.source.lstrip().split("\n", 1)[0]
        if re.match(r"#{1,2} ", first):
            return "slide", False
        return ("subslide" if first.startswith("### ") else "-"), False
    if cell.cell_type != "code":
        return given or "skip", False
    figure = _shows_figure(cell)
    hide = ("hide-input" in tags or "remove-input" in tags
            or (figure and "show-code" not in tags))
    if given:
        return given, hide
    if not cell.get("outputs"):
        return "skip", hide
    return ("subslide" if figure else "-"), hide


def deck_notebook(nb):
    """A copy of an executed lecture with every cell's slide type and code visibility set."""
    deck = copy.deepcopy(nb)
    for cell in deck.cells:
        slide_type, hide = slide_layout(cell)
        cell.metadata["slideshow"] = {"slide_type": slide_type}
        if hide:
            cell.metadata["tags"] = sorted({*cell.metadata.get("tags", []), "hide-input"})
    return deck


def execute(nb, folder: Path, timeout: int = CELL_TIMEOUT):
    """Run ``nb`` in ``folder`` (figures, tables and the widgets' state kept)."""
    from nbclient import NotebookClient

    NotebookClient(nb, timeout=timeout, kernel_name="python3", store_widget_state=True,
                   resources={"metadata": {"path": str(folder)}}).execute()
    return nb


def export_deck(nb, target: Path, static: Path) -> Path:
    """Write ``nb`` (a deck notebook) as reveal.js HTML at ``target``, assets in ``static``."""
    import os

    from nbconvert import SlidesExporter
    from traitlets.config import Config

    urls = copy_assets(static)
    prefix = Path(os.path.relpath(static, target.parent)).as_posix()
    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_input_tags = {"hide-input", "remove-input"}
    config.TagRemovePreprocessor.remove_cell_tags = {"remove-cell"}
    exporter = SlidesExporter(
        config=config, template_name="crm_reveal", extra_template_basedirs=[str(TEMPLATES)],
        reveal_url_prefix=f"{prefix}/{urls['reveal.js']}", reveal_theme="white",
        reveal_scroll=True, reveal_width="1280", reveal_height="800",
        require_js_url=f"{prefix}/{urls['require']}",
        jquery_url=f"{prefix}/{urls['jquery']}",
        mathjax_url=f"{prefix}/{urls['mathjax']}",
        widget_renderer_url=f"{prefix}/{urls['html-manager']}",
        exclude_input_prompt=True, exclude_output_prompt=True)
    resources = {"metadata": {"name": target.stem},
                 "crm_mathjax_shim": f"{prefix}/{urls['mathjax-shim']}",
                 "crm_widgets_paths": f"{prefix}/{urls['widgets-paths']}"}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    return target


def build_slides(chapter: str, lang: str, out: Path = SLIDES_DIR) -> Path:
    """Execute ``chapter``'s lecture in ``lang`` and write its deck; return the deck's path."""
    import nbformat

    source = lecture_path(chapter, lang)
    nb = nbformat.read(source, as_version=4)
    execute(nb, source.parent)
    out = Path(out)
    target = out / lang / f"{source.stem}.slides.html"
    return export_deck(deck_notebook(nb), target, out / "_static")


def cmd_slides(args) -> int:
    """Export a chapter's lecture as a reveal.js slide deck (executed, no CDN)."""
    langs = ["en", "zh"] if args.lang == "both" else [args.lang]
    for lang in langs:
        deck = build_slides(args.chapter, lang, Path(args.out))
        print(f"{deck}  (open it in a browser; S: speaker view, F: full screen)")
    return 0


def add_parser(sub) -> None:
    """Register ``crm-course slides`` on the CLI's subparsers."""
    p = sub.add_parser("slides", help="a chapter's lecture as reveal.js slides",
                       description=cmd_slides.__doc__)
    p.add_argument("chapter", metavar="CHAPTER", help="the chapter, e.g. ch05 or 5")
    p.add_argument("--lang", choices=["en", "zh", "both"], default="en")
    p.add_argument("--out", metavar="DIR", default=str(SLIDES_DIR),
                   help=f"where the decks go (default: {SLIDES_DIR})")
    p.set_defaults(func=cmd_slides)


__all__ = ["build_slides", "deck_notebook", "export_deck", "slide_layout"]
