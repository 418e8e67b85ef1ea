"""Each chapter's label strings, one module per chapter (``course/strings/chNN.py``).

A module here defines ``STRINGS = {key: {"en": ..., "zh": ...}}``. :mod:`course.i18n`
merges them all into :data:`course.i18n.STRINGS`, after the course-wide strings it
holds itself; :func:`collect` refuses a key defined twice, so a chapter cannot
silently change another chapter's label. Chapter keys start with the chapter id
(``ch01_...``) unless they reuse a course-wide key.

Examples
--------
>>> merged = collect({"customers": {"en": "Customers", "zh": "客户数"}})
>>> merged["customers"]["zh"]
'客户数'
"""

from __future__ import annotations

import pkgutil
from importlib import import_module


def chapter_modules() -> list[str]:
    """Names of the string modules in this package, sorted.

    Examples
    --------
    >>> all(name.startswith("course.strings.") for name in chapter_modules())
    True
    """
    return sorted(f"{__name__}.{m.name}" for m in pkgutil.iter_modules(__path__)
                  if not m.name.startswith("_"))


def collect(base: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """``base`` with every chapter module's ``STRINGS`` added.

    Raises
    ------
    ValueError
        If a key is defined twice (in ``base`` and a chapter, or in two chapters),
        naming the key and both places.
    """
    merged = dict(base)
    where = dict.fromkeys(base, "course.i18n")
    for name in chapter_modules():
        strings = getattr(import_module(name), "STRINGS", {})
        for key, entry in strings.items():
            if key in merged:
                raise ValueError(f"course string {key!r} is defined twice: in {where[key]} "
                                 f"and in {name}")
            merged[key] = entry
            where[key] = name
    return merged
