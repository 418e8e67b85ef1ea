"""Formatting helpers every chapter's widgets share (no model logic).

The chapter modules (``course.widgets.concepts``, ``stp``, ``aidma``, ``needs``,
``identification``, ``selection``, ``clv``) import these instead of keeping a
copy each: the language a widget speaks, the *try this* prompt, notes, tables
and the PNG output a widget's plot shows.

Examples
--------
>>> resolve_lang("zh")
'zh'
>>> "crm-try-this" in try_this_html("try_this", "en")
True
"""

from __future__ import annotations

import base64
import html

from course.i18n import LANGUAGES, get_language, t

__all__ = ["note_html", "png_output", "resolve_lang", "table_html", "try_this_html"]

_LINE = "border-bottom:1px solid var(--jp-border-color1,#999)"
_NOTE_COLOURS = {"warning": "#b35900", "info": "var(--jp-ui-font-color2, #555)"}


def resolve_lang(lang: str | None) -> str:
    """The language a widget speaks: ``lang``, or the course's language if None.

    Parameters
    ----------
    lang : {"en", "zh"} or None
        The language asked for; None means :func:`course.i18n.get_language`.

    Raises
    ------
    ValueError
        If ``lang`` is not one of :data:`course.i18n.LANGUAGES`.

    Examples
    --------
    >>> resolve_lang("en")
    'en'
    >>> resolve_lang("fr")
    Traceback (most recent call last):
    ...
    ValueError: lang must be one of ('en', 'zh'), got 'fr'
    """
    lang = lang or get_language()
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}, got {lang!r}")
    return lang


def try_this_html(key: str, lang: str) -> str:
    """The *try this* prompt above a widget's plot: "Try this:" and the text of ``key``.

    Examples
    --------
    >>> print(try_this_html("try_this", "en"))  # doctest: +NORMALIZE_WHITESPACE
    <div class="crm-try-this" style="margin:4px 0 8px 0;max-width:52em;line-height:1.45"><b>Try
    this:</b> Try this:</div>
    """
    return (f'<div class="crm-try-this" style="margin:4px 0 8px 0;max-width:52em;'
            f'line-height:1.45"><b>{html.escape(t("try_this", lang))}</b> '
            f"{html.escape(t(key, lang))}</div>")


def note_html(text: str, kind: str = "info", width: str = "36em") -> str:
    """A short note under a table: ``kind`` ``"info"`` (grey) or ``"warning"`` (orange).

    Parameters
    ----------
    text : str
        The note, escaped as HTML.
    kind : {"info", "warning"}
    width : str
        The note's CSS ``max-width``.

    Examples
    --------
    >>> note_html("a < b", "warning", width="40em")  # doctest: +ELLIPSIS
    '<div class="crm-note crm-note-warning" style="color:#b35900;...max-width:40em">a &lt; b</div>'
    """
    return (f'<div class="crm-note crm-note-{kind}" style="color:{_NOTE_COLOURS[kind]};'
            f'margin:4px 0;max-width:{width}">{html.escape(text)}</div>')


def png_output(png: bytes, alt: str) -> tuple[dict, ...]:
    """Wrap PNG bytes as a ``display_data`` output (works with or without a kernel).

    An ``ipywidgets.Output`` shows it when its ``outputs`` are set to this tuple.

    Examples
    --------
    >>> out = png_output(b"\\x89PNG", "a plot")
    >>> out[0]["data"]["image/png"], out[0]["data"]["text/plain"]
    ('iVBORw==', '<Figure: a plot>')
    """
    return ({"output_type": "display_data",
             "data": {"image/png": base64.b64encode(png).decode("ascii"),
                      "text/plain": f"<Figure: {alt}>"},
             "metadata": {}},)


def table_html(header: list[str], rows: list[list[str]], title: str, notes: str = "",
               padding: str = "2px 10px") -> str:
    """A titled table: the first column left-aligned, the others right-aligned.

    Parameters
    ----------
    header : list of str
        Column headings (escaped).
    rows : list of list of str
        The cells, already formatted as text (escaped).
    title : str
        The bold title above the table (escaped).
    notes : str
        HTML put between the title and the table (not escaped: build it with
        :func:`note_html`).
    padding : str
        CSS padding of every cell.

    Examples
    --------
    >>> out = table_html(["segment", "n"], [["A & B", "3"]], "Sizes")
    >>> "<td" in out and "A &amp; B" in out and out.count("<tr>") == 2
    True
    """
    cell = f"padding:{padding};text-align:right"
    first = f"padding:{padding};text-align:left"
    head = "".join(f'<th style="{first if i == 0 else cell};{_LINE}">{html.escape(h)}</th>'
                   for i, h in enumerate(header))
    body = "".join(
        "<tr>" + "".join(f'<td style="{first if i == 0 else cell}">{html.escape(v)}</td>'
                         for i, v in enumerate(row)) + "</tr>" for row in rows)
    return (f'<div class="crm-summary-box"><div style="font-weight:bold;margin:4px 0">'
            f"{html.escape(title)}</div>{notes}<table class=\"crm-summary\" "
            f'style="border-collapse:collapse"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>")
