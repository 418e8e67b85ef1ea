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
