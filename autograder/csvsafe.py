"""CSV files a spreadsheet opens safely: formula-like cells defused, UTF-8 with BOM.

A cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage
return) is run as a formula by Excel, LibreOffice and Google Sheets ("CSV
injection"). Names, ids and messages that come from students or an LMS
download get a leading ``'`` instead, which spreadsheets show as text.
Numbers are written by the caller as numbers and never defused.

Examples
--------
>>> defuse("=HYPERLINK(1)"), defuse("Li Lei"), defuse(3.5)
("'=HYPERLINK(1)", 'Li Lei', 3.5)
>>> undefuse(defuse("@home"))
'@home'
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from pathlib import Path

from autograder.safety import defuse_cell, recover_cell


def defuse(cell):
    """``cell`` for a CSV file: strings as :func:`autograder.safety.defuse_cell` writes them.

    A string that a spreadsheet would take for a formula gets a leading ``'`` (and one
    that starts with ``'`` gets another, so :func:`undefuse` always gives it back).
    Non-strings (numbers, None) are returned unchanged.
    """
    return defuse_cell(cell) if isinstance(cell, str) else cell


def undefuse(cell: str) -> str:
    """Undo :func:`defuse` (for reading back a file this module wrote).

    Examples
    --------
    >>> undefuse("'=1"), undefuse(defuse("'quoted'"))
    ('=1', "'quoted'")
    """
    return recover_cell(cell) if isinstance(cell, str) else cell


def csv_text(header: list[str], rows: Iterable[Iterable]) -> str:
    """The CSV text of ``header`` and ``rows``, every string cell defused.

    Examples
    --------
    >>> print(csv_text(["id", "score"], [["-x", 1.5]]).strip())
    id,score
    '-x,1.5
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([defuse(h) for h in header])
    for row in rows:
        writer.writerow([defuse(c) for c in row])
    return buffer.getvalue()


def write_csv(path: str | Path, header: list[str], rows: Iterable[Iterable], *,
              bom: bool = True) -> Path:
    """Write a defused CSV file atomically; with a BOM, spreadsheets show Chinese names.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = write_csv(Path(tmp) / "a.csv", ["name"], [["=1+1"]])
    ...     read_csv(p)
    [{'name': '=1+1'}]
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(csv_text(header, rows), encoding="utf-8-sig" if bom else "utf-8")
    os.replace(tmp, path)
    return path


def read_csv(path: str | Path) -> list[dict[str, str]]:
    """Rows of a CSV file (BOM or not) as dicts, with defused cells restored."""
    with Path(path).open(encoding="utf-8-sig", newline="") as fh:
        return [{undefuse(k): undefuse(v) if isinstance(v, str) else v
                 for k, v in row.items()} for row in csv.DictReader(fh)]
