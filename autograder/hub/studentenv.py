"""The students' environment: the course without the grader, the reference or the solutions.

The repository's own distribution (``crm-course``) installs ``course`` and
``autograder`` together, and ``autograder/reference/`` holds the answers. On
a hub, students' servers run from another environment built here: a
distribution named ``crm-course-student`` made of the ``course`` package
alone, the lectures and the public data sets, with JupyterLab, nbgrader (for
its Assignments panel: fetch, submit, fetch feedback), ``jupyterhub`` (for
``jupyterhub-singleuser``) and the Chinese JupyterLab language pack. nbgrader's
instructor panels (formgrader, course list, create assignment) are switched
off in it.

The same code builds the course image for Kubernetes
(``deploy/k8s/image/postBuild`` runs this file as a script), so this module
imports nothing but the standard library.

Examples
--------
>>> reqs = student_requirements()
>>> any(r.startswith("jupyterhub") for r in reqs), any(r.startswith("copydetect") for r in reqs)
(True, False)
>>> sorted(DISABLED_LAB_PLUGINS)[0]
'@jupyter/nbgrader:course-list'
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

#: Main dependencies the students' environment leaves out: the grader's own tools and
#: the instructor's (classroom mode with Voila, the course website with Sphinx).
GRADER_ONLY = {"copydetect", "tqdm", "voila", "sphinx", "myst-nb", "sphinx-book-theme"}

#: What a student's server needs beyond the course's own dependencies (the Chinese
#: language pack is one of those already).
STUDENT_EXTRAS = ["jupyterhub>=6,<7"]

#: nbgrader's Lab plugins for instructors, switched off for students.
DISABLED_LAB_PLUGINS = {"@jupyter/nbgrader:formgrader": True,
                        "@jupyter/nbgrader:course-list": True,
                        "@jupyter/nbgrader:create-assignment": True}

#: nbgrader's server extensions for instructors, switched off for students.
DISABLED_SERVER_EXTENSIONS = {"nbgrader.server_extensions.formgrader": False,
                              "nbgrader.server_extensions.course_list": False}

#: What of the repository a student may hold, under ``<env>/share/crm-course/``.
SHARED_FOLDERS = ("datasets", "notebooks")

#: Never copied into the students' environment or image.
INSTRUCTOR_ONLY = ("autograder", "solutions", "tests", "benchmarks", "docs/instructor",
                   "grading")

MARKER = "crm-course-student.json"


def _name(requirement: str) -> str:
    import re

    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower()


def student_requirements(repo: Path = REPO_ROOT) -> list[str]:
    """The course's dependencies (from ``pyproject.toml``) a student needs, plus the extras."""
    project = tomllib.loads((repo / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    kept = [r for r in project["dependencies"] if _name(r) not in GRADER_ONLY]
    return kept + STUDENT_EXTRAS


def _version(repo: Path) -> str:
    return tomllib.loads((repo / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"]


def _course_files(repo: Path) -> list[Path]:
    return sorted(p for p in (repo / "course").rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts)


def stage_distribution(dest: Path, repo: Path = REPO_ROOT) -> Path:
    """Write the source tree of ``crm-course-student`` (``course`` only) into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(repo / "course", dest / "course", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    deps = ",\n    ".join(json.dumps(r) for r in student_requirements(repo))
    (dest / "pyproject.toml").write_text(f"""\
[build-system]
requires = ["setuptools>=77"]
build-backend = "setuptools.build_meta"

[project]
name = "crm-course-student"
version = "{_version(repo)}"
description = "The CRM course for students: lectures' library and self-checks, no grader."
requires-python = ">=3.11"
dependencies = [
    {deps},
]

[tool.setuptools.packages.find]
include = ["course*"]
""", encoding="utf-8")
    return dest


def _key(repo: Path) -> dict:
    digest = hashlib.sha256()
    for path in _course_files(repo):
        digest.update(str(path.relative_to(repo)).encode())
        digest.update(path.read_bytes())
    return {"requirements": student_requirements(repo), "course": digest.hexdigest()}


def env_python(env: Path) -> Path:
    return Path(env) / "bin" / "python"


def share_dir(prefix: Path) -> Path:
    """Where lectures and data sets go in an environment (``<prefix>/share/crm-course``)."""
    return Path(prefix) / "share" / "crm-course"


def write_student_settings(prefix: Path) -> None:
    """Switch nbgrader's instructor panels and server extensions off in ``prefix``."""
    lab = Path(prefix) / "etc" / "jupyter" / "labconfig"
    lab.mkdir(parents=True, exist_ok=True)
    page = lab / "page_config.json"
    current = json.loads(page.read_text(encoding="utf-8")) if page.exists() else {}
    current.setdefault("disabledExtensions", {}).update(DISABLED_LAB_PLUGINS)
    page.write_text(json.dumps(current, indent=2), encoding="utf-8")
    server = Path(prefix) / "etc" / "jupyter" / "jupyter_server_config.d"
    server.mkdir(parents=True, exist_ok=True)
    (server / "zz-crm-course-student.json").write_text(json.dumps(
        {"ServerApp": {"jpserver_extensions": DISABLED_SERVER_EXTENSIONS}}, indent=2),
        encoding="utf-8")


def install_into(prefix: Path, python: Path, repo: Path = REPO_ROOT, *,
                 deps: bool = True) -> None:
    """Install ``crm-course-student`` with ``python``'s pip; copy lectures and data."""
    with tempfile.TemporaryDirectory(prefix="crm-student-") as tmp:
        source = stage_distribution(Path(tmp) / "src", repo)
        cmd = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        if not deps:
            cmd += ["--no-deps", "--force-reinstall"]
        subprocess.run([*cmd, str(source)], check=True)
    shared = share_dir(prefix)
    for name in SHARED_FOLDERS:
        if (shared / name).exists():
            shutil.rmtree(shared / name)
        shutil.copytree(repo / name, shared / name,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    write_student_settings(prefix)


def build_env(env: str | Path, repo: Path = REPO_ROOT, python: str = sys.executable,
              log=print) -> Path:
    """Create (or bring up to date) the students' virtual environment at ``env``.

    A fresh environment gets everything (about a minute from pip's cache); when
    only the ``course`` package changed, only it is reinstalled.

    Returns
    -------
    Path
        The environment's folder.
    """
    env = Path(env).absolute()
    marker = env / MARKER
    key = _key(repo)
    old = json.loads(marker.read_text(encoding="utf-8")) if marker.exists() else None
    if old == key:
        return env
    fresh = old is None or old.get("requirements") != key["requirements"]
    if fresh:
        if env.exists():
            shutil.rmtree(env)
        log(f"building the students' environment in {env} (course without the grader)")
        base = getattr(sys, "_base_executable", python) if python == sys.executable else python
        subprocess.run([base, "-m", "venv", str(env)], check=True)
    else:
        log(f"updating the course package in the students' environment {env}")
    install_into(env, env_python(env), repo, deps=fresh)
    marker.write_text(json.dumps(key), encoding="utf-8")
    return env


def student_nbgrader_config(exchange: str, course_id: str = "crm-course") -> str:
    """The students' ``nbgrader_config.py``: the exchange, and their id from the hub.

    Examples
    --------
    >>> print(student_nbgrader_config("/srv/exchange").splitlines()[-1])
    c.CourseDirectory.student_id = os.environ["JUPYTERHUB_USER"]
    """
    return f'''\
# Written for students' servers by autograder/hub/studentenv.py.
import os
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = {course_id!r}
c.Exchange.root = {str(exchange)!r}
c.Exchange.path_includes_course = False
# Every student's server runs as the same OS user: the id is the hub user's name.
c.CourseDirectory.student_id = os.environ["JUPYTERHUB_USER"]
'''


def strip_instructor_files(tree: Path) -> list[str]:
    """Delete what only instructors may hold from a copy of the repository; return it."""
    removed = []
    for name in INSTRUCTOR_ONLY:
        path = Path(tree) / name
        if path.exists():
            shutil.rmtree(path) if path.is_dir() else path.unlink()
            removed.append(name)
    return removed


def main(argv: list[str] | None = None) -> int:
    """``python autograder/hub/studentenv.py --prefix P`` (the image) or ``--env DIR``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--env", help="create or update a virtual environment here")
    where.add_argument("--prefix", help="install into this Python prefix (an image's)")
    parser.add_argument("--exchange", metavar="DIR",
                        help="write the students' nbgrader_config.py (this exchange) into "
                             "the prefix's etc/jupyter")
    parser.add_argument("--course-id", default="crm-course")
    parser.add_argument("--strip", metavar="TREE",
                        help="then delete the instructor-only folders of this checkout")
    args = parser.parse_args(argv)
    if args.env:
        build_env(args.env)
    else:
        install_into(Path(args.prefix), Path(sys.executable))
    if args.exchange:
        target = Path(args.prefix or args.env) / "etc" / "jupyter" / "nbgrader_config.py"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(student_nbgrader_config(args.exchange, args.course_id),
                          encoding="utf-8")
    if args.strip:
        print("removed:", ", ".join(strip_instructor_files(Path(args.strip))) or "nothing")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
