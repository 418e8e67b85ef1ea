"""Classroom mode, slides and the interface language, without a browser (fast).

The browser tests (``test_browser_classroom.py``, ``test_site.py``) show the pages;
these check, for every lecture found on disk, what the commands build from it.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from autograder.cli import build_parser, lab_command
from autograder.labsettings import write_app_settings
from autograder.present import presentation, simulation_count
from autograder.slides import deck_notebook, slide_layout

REPO = Path(__file__).resolve().parents[1]
LECTURES = sorted((REPO / "notebooks").glob("*/ch[0-9][0-9]_*.ipynb"))


@pytest.mark.parametrize("lecture", LECTURES, ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_presentation_shows_the_simulations_and_nothing_else(lecture):
    nb = nbformat.read(lecture, as_version=4)
    shown = presentation(nb)
    code = [c for c in shown.cells if c.cell_type == "code"]
    visible = [c for c in code if not c.source.startswith("%%capture")]
    assert simulation_count(nb) >= 1, f"{lecture.name}: no cell calls a course.widgets function"
    assert len(visible) == simulation_count(nb)
    assert len(code) == sum(1 for c in nb.cells if c.cell_type == "code" and c.source.strip())
    for c in shown.cells:
        if c.cell_type == "markdown":
            assert c.source.lstrip().startswith("#"), "prose beyond headings is shown"


def test_simulations_are_found_through_any_import_style():
    cells = [nbformat.v4.new_code_cell("from course.widgets.demo import explorer as ex"),
             nbformat.v4.new_code_cell("import course.widgets.demo as w\nw.panel(1)"),
             nbformat.v4.new_code_cell("ex(2)"),
             nbformat.v4.new_code_cell("explorer(3)  # not the imported name"),
             nbformat.v4.new_code_cell("%matplotlib inline\nex(4)")]
    nb = nbformat.v4.new_notebook(cells=cells)
    assert simulation_count(nb) == 3


def _cell(kind, source, outputs=(), **metadata):
    if kind == "code":
        c = nbformat.v4.new_code_cell(source, outputs=list(outputs))
    else:
        c = nbformat.v4.new_markdown_cell(source)
    c.metadata.update(metadata)
    return c


FIGURE = nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo="})
TABLE = nbformat.v4.new_output("execute_result", data={"text/html": "<table></table>"},
                               execution_count=1)


def test_slide_layout_defaults_and_overrides():
    assert slide_layout(_cell("markdown", "# Title")) == ("slide", False)
    assert slide_layout(_cell("markdown", "### 6.2 Rules")) == ("subslide", False)
    assert slide_layout(_cell("code", "plot()", [FIGURE])) == ("subslide", True)
    assert slide_layout(_cell("code", "table()", [TABLE])) == ("-", False)
    assert slide_layout(_cell("code", "plot()", [FIGURE], tags=["show-code"])) == ("subslide",
                                                                                     False)
    assert slide_layout(_cell("code", "t()", [TABLE], tags=["hide-input"])) == ("-", True)
    given = _cell("markdown", "# Title", slideshow={"slide_type": "fragment"})
    assert slide_layout(given) == ("fragment", False)
    assert slide_layout(_cell("markdown", "# T", tags=["remove-cell"])) == ("skip", False)


def test_deck_keeps_the_lecture_and_marks_hidden_code():
    nb = nbformat.v4.new_notebook(cells=[_cell("markdown", "## A"),
                                         _cell("code", "plot()", [FIGURE])])
    deck = deck_notebook(nb)
    assert [c.metadata["slideshow"]["slide_type"] for c in deck.cells] == ["slide", "subslide"]
    assert deck.cells[1].metadata["tags"] == ["hide-input"]
    assert "slideshow" not in nb.cells[0].metadata  # the lecture itself is left alone


def test_each_language_has_its_own_lab_settings(tmp_path):
    source = tmp_path / "share" / "jupyter" / "lab" / "settings"
    source.mkdir(parents=True)
    (source / "overrides.json").write_text(json.dumps({"x:plugin": {"a": 1}}))
    (source / "page_config.json").write_text("{}")
    zh, en = write_app_settings("zh", tmp_path), write_app_settings("en", tmp_path)
    assert zh != en
    zh_overrides = json.loads((zh / "overrides.json").read_text())
    assert zh_overrides["@jupyterlab/translation-extension:plugin"] == {"locale": "zh_CN"}
    assert zh_overrides["x:plugin"] == {"a": 1}  # the environment's own defaults kept
    assert (zh / "page_config.json").exists()
    en_overrides = json.loads((en / "overrides.json").read_text())
    assert en_overrides["@jupyterlab/translation-extension:plugin"] == {"locale": "en"}


def test_command_lines():
    args = build_parser().parse_args(["present", "--port", "8870", "ch05", "--",
                                      "--Voila.ip=0.0.0.0"])
    assert (args.chapter, args.port, args.extra) == ("ch05", 8870, ["--Voila.ip=0.0.0.0"])
    assert build_parser().parse_args(["slides", "5", "--lang", "both"]).lang == "both"
    assert build_parser().parse_args(["site", "--chapter", "ch05"]).chapters == ["ch05"]
    cmd = lab_command("zh", 8890, True, [], root=Path("/srv/course"))
    assert "--ServerApp.root_dir=/srv/course" in cmd
