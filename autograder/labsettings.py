"""JupyterLab's interface language and quiet defaults for one launch of ``crm-course lab``.

JupyterLab reads the defaults it changes (``overrides.json``) from its
*application settings folder*, by default ``<prefix>/share/jupyter/lab/settings``,
shared by every server of the environment. ``crm-course lab --lang zh`` gives each
language a folder of its own instead (``<prefix>/share/crm-course/lab/<lang>``) and
points ``--LabApp.app_settings_dir`` at it, so an English and a Chinese server of the
same environment never overwrite each other's language. The folder holds whatever
the environment's own settings folder holds (``page_config.json``, ``overrides.d``),
its ``overrides.json`` merged with the course's: no news or update pop-ups in class,
and the interface locale (``zh_CN`` comes from ``jupyterlab-language-pack-zh-CN``).

These are defaults: a user who picks another language in *Settings > Language*
keeps it.

Examples
--------
>>> import json, tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     folder = write_app_settings("zh", prefix=tmp)
...     overrides = json.loads((folder / "overrides.json").read_text())
>>> overrides["@jupyterlab/translation-extension:plugin"]
{'locale': 'zh_CN'}
>>> overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"]
'false'
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

#: JupyterLab's locale for each course language.
LOCALES = {"en": "en", "zh": "zh_CN"}

#: The language pack that gives JupyterLab its Chinese interface.
LANGUAGE_PACKS = {"zh_CN": "jupyterlab_language_pack_zh_CN"}

TRANSLATION_PLUGIN = "@jupyterlab/translation-extension:plugin"

#: Defaults for class: never fetch Jupyter news or check for updates.
QUIET = {"@jupyterlab/apputils-extension:notification": {"fetchNews": "false",
                                                         "checkForUpdates": False}}


def course_overrides(lang: str) -> dict:
    """The setting defaults ``crm-course lab --lang LANG`` gives JupyterLab.

    Examples
    --------
    >>> course_overrides("en")[TRANSLATION_PLUGIN]
    {'locale': 'en'}
    >>> course_overrides("fr")
    Traceback (most recent call last):
    ...
    ValueError: unknown course language 'fr' (choose en or zh)
    """
    if lang not in LOCALES:
        raise ValueError(f"unknown course language {lang!r} (choose {' or '.join(LOCALES)})")
    return {**QUIET, TRANSLATION_PLUGIN: {"locale": LOCALES[lang]}}


def language_pack_missing(lang: str) -> str | None:
    """The pip package to install for ``lang``'s interface, or None if it is there.

    Examples
    --------
    >>> language_pack_missing("en") is None
    True
    """
    module = LANGUAGE_PACKS.get(LOCALES.get(lang, ""))
    if module is None:
        return None
    import importlib.util

    if importlib.util.find_spec(module) is None:
        return module.replace("_", "-")
    return None


def write_app_settings(lang: str, prefix: str | Path = sys.prefix) -> Path:
    """Write ``<prefix>/share/crm-course/lab/<lang>/`` and return the folder.

    Parameters
    ----------
    lang : {"en", "zh"}
        The course language; it picks JupyterLab's interface locale.
    prefix : path, default ``sys.prefix``
        The environment whose JupyterLab settings folder is copied.

    Returns
    -------
    pathlib.Path
        The folder to pass as ``--LabApp.app_settings_dir``.
    """
    overrides_wanted = course_overrides(lang)
    source = Path(prefix) / "share" / "jupyter" / "lab" / "settings"
    folder = Path(prefix) / "share" / "crm-course" / "lab" / lang
    folder.mkdir(parents=True, exist_ok=True)
    current: dict = {}
    if source.is_dir():
        for item in source.iterdir():
            if item.name == "overrides.json":
                try:
                    current = json.loads(item.read_text(encoding="utf-8"))
                except json.JSONDecodeError:
                    print(f"warning: {item} is not valid JSON; not using it", file=sys.stderr)
            elif item.is_dir():
                shutil.copytree(item, folder / item.name, dirs_exist_ok=True)
            elif item.is_file():
                shutil.copy2(item, folder / item.name)
    for plugin, values in overrides_wanted.items():
        current.setdefault(plugin, {}).update(values)
    target = folder / "overrides.json"
    tmp = target.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(current, indent=2), encoding="utf-8")
    tmp.replace(target)
    return folder
