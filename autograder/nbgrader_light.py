"""Import nbgrader's gradebook and preprocessors without its package ``__init__``.

``import nbgrader`` loads its four Jupyter server extensions (jupyter_server,
tornado, its exchange), about 2 s, in every process that touches the
gradebook: the grader and each of its workers. The grader needs only
``nbgrader.api`` and two preprocessors, which do not use the package's own
namespace, so :func:`light` registers a bare ``nbgrader`` package (its
``__path__``, ``__file__`` and ``__version__``) before they are imported.
Nothing changes when nbgrader was imported already; nbgrader's command line
runs in processes of its own.

Examples
--------
>>> light()
>>> from nbgrader.api import Gradebook
>>> Gradebook.__module__
'nbgrader.api'
"""

from __future__ import annotations

import importlib.util
import sys
import types


def light() -> None:
    """Make ``nbgrader`` importable without running its ``__init__`` (see the module)."""
    if "nbgrader" in sys.modules:
        return
    spec = importlib.util.find_spec("nbgrader")
    if spec is None or not spec.submodule_search_locations:
        return
    package = types.ModuleType("nbgrader", "nbgrader, without its server extensions")
    package.__path__ = list(spec.submodule_search_locations)
    package.__file__ = spec.origin
    package.__spec__ = spec
    package.__package__ = "nbgrader"
    sys.modules["nbgrader"] = package
    from nbgrader._version import __version__

    package.__version__ = __version__


def one_engine_per_database() -> None:
    """Let every nbgrader ``Gradebook`` of this process share one engine per database URL.

    nbgrader's ``Gradebook`` creates a new SQLAlchemy engine each time it is
    opened, and SQLAlchemy keeps its compiled statements per engine, so each
    student's grades (a dozen gradebooks: saving, reading back, late penalty,
    manual grades, feedback page) compiled every query again: most of the
    grader's own CPU time. Shared engines keep the compiled statements;
    ``Gradebook.close`` still returns its connections (``engine.dispose``
    only empties the pool). Calling it twice changes nothing.

    Examples
    --------
    >>> one_engine_per_database()
    >>> import nbgrader.api
    >>> engine = nbgrader.api.create_engine("sqlite://", future=True)
    >>> engine is nbgrader.api.create_engine("sqlite://", future=True)
    True
    """
    light()
    import nbgrader.api as api

    if getattr(api.create_engine, "_crm_shared", False):
        return
    create = api.create_engine
    engines: dict = {}

    def shared(url, **kwargs):
        key = (str(url), tuple(sorted(kwargs.items())))
        if key not in engines:
            engines[key] = create(url, **kwargs)
        return engines[key]

    shared._crm_shared = True
    api.create_engine = shared
