"""Feedback that shows what failed without handing out the hidden tests.

:class:`HideHiddenTests` is an nbgrader/nbconvert preprocessor run by
``nbgrader generate_feedback`` (see the config in :mod:`autograder.coursedir`).
In every test cell it replaces the hidden part of the source with a one-line
note, and cuts error tracebacks down to their last line, so neither the hidden
test code nor the reference module's lines reach the student. What ``verify``
printed (which generated case failed and how) stays.

The instructor opens these pages in a browser, and students write the
markdown and the outputs in them. nbconvert's ``SanitizeHTML`` (in the
feedback preprocessors) escapes HTML in markdown and HTML outputs and drops
script outputs; :func:`safe_markdown2html` (the pages' markdown filter) also
removes links and images whose address is not ``http``, ``https`` or
``mailto``, such as ``[click](javascript:...)``, which nbconvert lets through.

Examples
--------
>>> strip_hidden("a = 1\\n### BEGIN HIDDEN TESTS\\nsecret()\\n### END HIDDEN TESTS\\n")
'a = 1\\n# (hidden tests ran here: their results are below)\\n'
>>> safe_markdown2html("[click](javascript:alert(1)) **bold** <script>x</script>")
'<p><a>click</a> <strong>bold</strong> &lt;script&gt;x&lt;/script&gt;</p>\\n'
"""

from __future__ import annotations

import functools
import re

import bleach
from nbconvert.filters.markdown_mistune import markdown2html_mistune
from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

HIDDEN = re.compile(r"^[ \t]*### BEGIN HIDDEN TESTS.*?^[ \t]*### END HIDDEN TESTS[ \t]*\n?",
                    re.MULTILINE | re.DOTALL)
NOTE = "# (hidden tests ran here: their results are below)\n"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def strip_hidden(source: str) -> str:
    """Replace every hidden-test block of a cell's source with a note."""
    return HIDDEN.sub(NOTE, source)


def short_traceback(output: dict) -> list[str]:
    """The error's name and message only, without the frames that led there.

    Examples
    --------
    >>> short_traceback({"ename": "AssertionError", "evalue": "frequency of 'a' differs"})
    ["AssertionError: frequency of 'a' differs"]
    """
    message = ANSI.sub("", str(output.get("evalue", "")))
    return [f"{output.get('ename', 'Error')}: {message}"]


class HideHiddenTests(Preprocessor):
    """Strip hidden tests and traceback frames from graded test cells."""

    # nbconvert registers preprocessors named in config as disabled unless they say otherwise.
    enabled = Bool(True).tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        grading = cell.get("metadata", {}).get("nbgrader", {})
        if cell.get("cell_type") == "code" and grading.get("grade") and not grading.get(
                "solution"):
            cell.source = strip_hidden(cell.source)
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    output["traceback"] = short_traceback(output)
        return cell, resources


#: Tags a feedback page keeps from rendered markdown (others are shown as text).
SAFE_TAGS = frozenset({*bleach.ALLOWED_TAGS, "p", "div", "span", "pre", "code", "br", "hr",
                       "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr",
                       "th", "td", "img", "sup", "sub", "del", "details", "summary"})
SAFE_ATTRIBUTES = {"*": ["class", "id", "title"], "a": ["href", "title"],
                   "img": ["src", "alt", "title"], "th": ["align"], "td": ["align"]}


def safe_markdown2html(source: str) -> str:
    """Markdown to HTML with no script, event handler or ``javascript:`` address left.

    The instructions are the same markdown on every student's page: each
    distinct text is converted once per process.

    Examples
    --------
    >>> safe_markdown2html('[x](javascript:alert(1)) **b**')
    '<p><a>x</a> <strong>b</strong></p>\\n'
    """
    return _safe_markdown2html(str(source))


@functools.lru_cache(maxsize=4096)
def _safe_markdown2html(source: str) -> str:
    return bleach.clean(markdown2html_mistune(source), tags=SAFE_TAGS,
                        attributes=SAFE_ATTRIBUTES, protocols=["http", "https", "mailto"])
