"""The browser scripts the slides and the course website serve themselves.

Nothing a page of the course loads comes from a CDN: reveal.js (the slides),
require.js and jQuery (nbconvert's pages), the Jupyter widgets HTML manager
(widgets rendered from their saved state) and MathJax 3 (formulas) are npm
packages pinned in ``vendor/package.json`` and installed by the set-up
(``make setup`` runs ``npm ci`` in ``vendor/``). :func:`copy_assets` copies the
files a page needs next to it.

Examples
--------
>>> sorted(ASSETS)
['html-manager', 'jquery', 'mathjax', 'require', 'reveal.js']
>>> ASSETS["require"].url
'require.js'
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from autograder.coursedir import REPO_ROOT

VENDOR = REPO_ROOT / "vendor"
NODE_MODULES = VENDOR / "node_modules"


@dataclass(frozen=True)
class Asset:
    """Files of one npm package copied into a page's asset folder.

    ``source`` is a path in ``node_modules``; ``target`` its name in the asset
    folder; ``url`` what a page links to, relative to that folder; ``keep`` the
    file name patterns copied from a folder (all if empty).
    """

    package: str
    source: str
    target: str
    url: str
    keep: tuple[str, ...] = ()


ASSETS = {
    "reveal.js": Asset("reveal.js", "reveal.js", "reveal.js", "reveal.js",
                       keep=("dist/**/*.js", "dist/**/*.css", "dist/**/*.woff*", "dist/**/*.eot",
                             "dist/**/*.ttf", "plugin/notes/*.js", "LICENSE")),
    "require": Asset("requirejs", "requirejs/require.js", "require.js", "require.js"),
    "jquery": Asset("jquery", "jquery/dist/jquery.min.js", "jquery.min.js", "jquery.min.js"),
    "html-manager": Asset("@jupyter-widgets/html-manager", "@jupyter-widgets/html-manager/dist",
                          "html-manager", "html-manager/embed-amd.js",
                          keep=("embed-amd.js", "*.woff", "*.woff2", "*.ttf", "*.eot", "*.svg",
                                "*.LICENSE.txt")),
    "mathjax": Asset("mathjax", "mathjax/es5", "mathjax", "mathjax/tex-svg.js",
                     keep=("tex-svg.js",)),
}

#: The course's own scripts: MathJax 2's ``MathJax.Hub`` for the widgets, on MathJax 3;
#: where the widgets' manager finds its files.
_TEMPLATES = Path(__file__).resolve().parent / "templates"
OWN_SCRIPTS = {"mathjax-shim": _TEMPLATES / "crm-mathjax-shim.js",
               "widgets-paths": _TEMPLATES / "crm-widgets-paths.js"}


class AssetsMissing(RuntimeError):
    """The npm packages are not installed (``make setup`` or ``npm ci`` in vendor/)."""


def check_installed(names=ASSETS) -> None:
    """Raise :class:`AssetsMissing`, naming the command to run, if a package is missing."""
    missing = [ASSETS[n].package for n in names if not (NODE_MODULES / ASSETS[n].source).exists()]
    if missing:
        raise AssetsMissing(
            f"{', '.join(missing)} missing in {NODE_MODULES}: run `make setup` "
            f"(or `npm ci --prefix {VENDOR}`); the pages serve these files themselves "
            "instead of loading them from a CDN")


def copy_assets(folder: Path, names=ASSETS) -> dict[str, str]:
    """Copy the assets ``names`` into ``folder``; return each one's URL relative to it."""
    check_installed(names)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    urls = {}
    for name in names:
        asset = ASSETS[name]
        source, target = NODE_MODULES / asset.source, folder / asset.target
        if source.is_file():
            if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
                shutil.copy2(source, target)
        else:
            for pattern in asset.keep or ("**/*",):
                for path in source.glob(pattern):
                    if path.is_file():
                        dest = target / path.relative_to(source)
                        if not dest.exists():
                            dest.parent.mkdir(parents=True, exist_ok=True)
                            shutil.copy2(path, dest)
        urls[name] = asset.url
    for name, script in OWN_SCRIPTS.items():
        shutil.copy2(script, folder / script.name)
        urls[name] = script.name
    return urls
