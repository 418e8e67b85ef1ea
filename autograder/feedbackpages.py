"""Feedback pages written by the grading workers, one student at a time, in parallel.

nbgrader's ``generate_feedback`` converts every student's notebook one after
another at the end of a run. :func:`write_feedback` does the same conversion
for one student (nbconvert's ``HTMLExporter`` with nbgrader's ``feedback``
template, the preprocessors of :data:`autograder.coursedir.FEEDBACK_PREPROCESSORS`
(nbgrader's ``GetGrades``, :class:`autograder.feedback.HideHiddenTests`, nbconvert's
``SanitizeHTML``, ``CSSHTMLHeaderPreprocessor``) and the safe markdown filter, as
nbgrader's feedback step is configured), so the main process can hand it to the worker
pool as soon as the student's grades are in the gradebook, and the pages are
written while other students are still being graded.

Examples
--------
>>> feedback_path(Path("/c"), "ch05", "s001").as_posix()
'/c/feedback/s001/ch05/ch05.html'
"""

from __future__ import annotations

import functools
import os
from pathlib import Path


def feedback_path(root: Path, assignment: str, nb_id: str) -> Path:
    """Where nbgrader puts a student's feedback page."""
    return root / "feedback" / nb_id / assignment / f"{assignment}.html"


@functools.cache
def _exporter():
    from autograder.nbgrader_light import light

    light()
    import nbgrader
    from nbconvert.exporters import HTMLExporter
    from traitlets.config import Config
    from traitlets.utils.importstring import import_item

    from autograder.coursedir import FEEDBACK_MARKDOWN_FILTER, FEEDBACK_PREPROCESSORS

    base = Path(nbgrader.__file__).parent / "server_extensions" / "formgrader"
    config = Config()
    config.HTMLExporter.template_name = "feedback"
    config.HTMLExporter.extra_template_basedirs = [str(base / "templates")]
    config.HTMLExporter.extra_template_paths = [
        str(base / "static" / "node_modules" / "bootstrap" / "dist" / "css")]
    # Students write the markdown and outputs; the instructor opens the pages.
    config.SanitizeHTML.enabled = True
    config.HTMLExporter.sanitize_html = True
    config.HTMLExporter.filters = {"markdown2html": import_item(FEEDBACK_MARKDOWN_FILTER)}
    exporter = HTMLExporter(config=config)
    for name in FEEDBACK_PREPROCESSORS:
        exporter.register_preprocessor(import_item(name)(config=config), enabled=True)
    return exporter


def write_feedback(course_root: str, assignment: str, nb_id: str,
                   db_url: str | None = None) -> str:
    """Write one student's feedback page from the gradebook; return its path.

    Reads ``autograded/<nb_id>/<assignment>/<assignment>.ipynb`` and the
    student's grades (and late penalty) from the gradebook at ``db_url``
    (default: the course directory's ``gradebook.db``).
    """
    import nbformat

    root = Path(course_root)
    source = root / "autograded" / nb_id / assignment / f"{assignment}.ipynb"
    nb = nbformat.read(source, as_version=4)
    resources = {
        "unique_key": assignment, "output_files_dir": f"{assignment}_files",
        "metadata": {"name": assignment, "path": str(source.parent)},
        "nbgrader": {"student": nb_id, "assignment": assignment, "notebook": assignment,
                     "db_url": db_url or f"sqlite:///{root / 'gradebook.db'}"},
    }
    body, _ = _exporter().from_notebook_node(nb, resources=resources)
    target = feedback_path(root, assignment, nb_id)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(body, encoding="utf-8")
    os.replace(tmp, target)
    return str(target)
