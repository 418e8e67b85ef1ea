"""Students' servers that hold no answers; instructors' servers with the formgrader.

:class:`CourseSpawner` is JupyterHub's local-process spawner with two kinds of
server, chosen by the ``instructors`` group:

* **A student** gets ``jupyterhub-singleuser`` from the students' environment
  (:mod:`autograder.hub.studentenv`: the course without the grader) inside a
  bubblewrap view of the machine. That view has, read-only, ``/usr``, the
  Python installation, the students' environment and the few ``/etc`` entries
  Python needs (:data:`autograder.confine.ETC_ENTRIES`); read-write, only the
  student's own home and nbgrader's exchange. The repository (``solutions/``,
  ``autograder/`` with the reference answers), the gradebook, the grading
  folders, other students' homes and the hub's secrets do not exist in it.
  Every student's server runs as one unprivileged uid
  (:data:`autograder.hub.settings.STUDENT_UID`, no capabilities), as in a
  container where everyone is ``jovyan``: nbgrader takes the student's id from
  ``JUPYTERHUB_USER`` (``CourseDirectory.student_id`` in the students'
  ``nbgrader_config.py``), never from the OS account.
* **An instructor** (or grader) gets JupyterLab from the instructors'
  environment (this one), working in the hub's folder, with nbgrader's
  formgrader over every assignment's grading folder and the shared gradebook.

Examples
--------
>>> from autograder.hub.settings import HubSettings
>>> s = HubSettings(root="/srv/hub")
>>> cmd = student_command(s, "alice", Path("/srv/hub/homes/alice"), ["--port=5000"])
>>> cmd[0], "--unshare-pid" in cmd, "--unshare-net" in cmd
('bwrap', True, False)
>>> [a for a in cmd if a.startswith("--reuid")]
['--reuid=1999000000']
>>> "/srv/hub/grading" in cmd, "/srv/hub/exchange" in cmd
(False, True)
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner
from traitlets import Unicode

from autograder import confine
from autograder.hub.settings import CHINESE_GROUP, INSTRUCTORS_GROUP, HubSettings, load_settings
from autograder.hub.studentenv import share_dir
from autograder.sandbox import _ancestors

#: Variables of the hub's own environment a student's server may see.
STUDENT_ENV_KEEP = ("LANG", "LC_ALL", "TZ")

LAB_LOCALE_SETTING = Path(".jupyter/lab/user-settings/@jupyterlab/translation-extension/"
                          "plugin.jupyterlab-settings")


def language_of(groups: list[str]) -> str:
    """``"zh"`` for members of the ``lang-zh`` group, else ``"en"``.

    Examples
    --------
    >>> language_of(["lang-zh"]), language_of([])
    ('zh', 'en')
    """
    return "zh" if CHINESE_GROUP in groups else "en"


def student_paths(settings: HubSettings) -> list[Path]:
    """What a student's server may read: system, Python, students' environment, config."""
    env = Path(settings.student_env)
    python = env / "bin" / "python"
    paths = [Path("/usr"), Path(os.path.realpath(python)).parent.parent, env,
             settings.student_config]
    seen: list[Path] = []
    for path in paths:
        path = Path(os.path.abspath(path))
        if not any(path == p or p in path.parents for p in seen):
            seen = [p for p in seen if path not in p.parents] + [path]
    return sorted(seen)


def identity_files(settings: HubSettings, user: str, home: Path) -> Path:
    """``passwd`` and ``group`` for a student's view (root, the student, nobody)."""
    folder = settings.state_dir / "identity" / user
    folder.mkdir(parents=True, exist_ok=True)
    passwd, group = confine.identity_text(settings.student_uid, str(home))
    (folder / "passwd").write_text(passwd, encoding="utf-8")
    (folder / "group").write_text(group, encoding="utf-8")
    return folder


def student_command(settings: HubSettings, user: str, home: Path,
                    args: list[str]) -> list[str]:
    """The command line of a student's server: bubblewrap, then ``jupyterhub-singleuser``."""
    root = os.geteuid() == 0
    readonly = student_paths(settings)
    writable = [home, settings.exchange]
    identity = settings.state_dir / "identity" / user
    cmd = ["bwrap", "--die-with-parent", "--new-session", "--unshare-pid", "--unshare-ipc",
           "--unshare-uts", "--unshare-cgroup-try", "--hostname", "crm-course",
           "--cap-drop", "ALL"]
    if not root:
        cmd[1:1] = ["--unshare-user", "--disable-userns"]
    else:
        cmd += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--cap-add",
                "CAP_SETPCAP"]
    cmd += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    etc = confine.etc_paths()
    for parent in _ancestors([*readonly, *writable, *etc]):
        cmd += ["--perms", "0755", "--dir", str(parent)]
    for path in [*readonly, *etc]:
        cmd += ["--ro-bind", str(path), str(path)]
    for name in ("passwd", "group"):
        cmd += ["--ro-bind", str(identity / name), f"/etc/{name}"]
    for name in ("bin", "lib", "lib64", "sbin"):
        link = Path("/") / name
        if link.is_symlink():
            cmd += ["--symlink", os.readlink(link), str(link)]
    for path in writable:
        cmd += ["--bind", str(path), str(path)]
    # The home is the student uid's alone (0700): change into it after the uid changes.
    cmd += ["--chdir", "/"]
    inner = ["/bin/sh", "-c", 'cd "$HOME" && exec "$0" "$@"',
             str(Path(settings.student_env) / "bin" / "jupyterhub-singleuser"), *args]
    if root:
        uid = str(settings.student_uid)
        inner = ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups",
                 "--bounding-set=-all", "--inh-caps=-all", "--ambient-caps=-all",
                 "--no-new-privs", "--", *inner]
    return [*cmd, *inner]


def prepare_home(settings: HubSettings, home: Path, lang: str) -> None:
    """Make a student's home: the lectures of their language, JupyterLab in it, theirs to own.

    Lectures already there are left as the student edited them; new ones
    (chapters added since) are copied in.
    """
    home.mkdir(parents=True, exist_ok=True)
    lectures = share_dir(settings.student_env) / "notebooks" / lang
    target = home / "lectures"
    target.mkdir(exist_ok=True)
    if lectures.is_dir():
        for source in sorted(lectures.glob("*.ipynb")):
            if not (target / source.name).exists():
                shutil.copy2(source, target / source.name)
    setting = home / LAB_LOCALE_SETTING
    if not setting.exists():
        setting.parent.mkdir(parents=True, exist_ok=True)
        setting.write_text(json.dumps({"locale": "zh_CN" if lang == "zh" else "en"}),
                           encoding="utf-8")
    if os.geteuid() == 0:
        uid = settings.student_uid
        os.chown(home, uid, uid)
        os.chmod(home, 0o700)
        for top, dirs, files in os.walk(home):
            for name in dirs + files:
                os.chown(os.path.join(top, name), uid, uid, follow_symlinks=False)


class CourseSpawner(LocalProcessSpawner):
    """Students in a bubblewrap view with the students' environment; instructors as the hub."""

    settings_file = Unicode(os.environ.get("CRM_HUB_SETTINGS", ""), config=True,
                            help="The hub's settings (hub.json)")

    @property
    def settings(self) -> HubSettings:
        return load_settings(self.settings_file or None)

    @property
    def group_names(self) -> list[str]:
        """The user's hub groups, with the hub settings' instructors and Chinese students."""
        settings = self.settings
        names = {g.name for g in self.user.groups}
        if self.user.name in settings.instructors:
            names.add(INSTRUCTORS_GROUP)
        if self.user.name in settings.chinese:
            names.add(CHINESE_GROUP)
        return sorted(names)

    @property
    def is_instructor(self) -> bool:
        return INSTRUCTORS_GROUP in self.group_names

    @property
    def home(self) -> Path:
        settings = self.settings
        return settings.root if self.is_instructor else settings.homes / self.user.name

    def make_preexec_fn(self, name):
        home = str(self.home)

        def preexec():  # runs in the child before exec: as the hub, in its folder
            os.chdir(home)

        return preexec

    def user_env(self, env):
        settings = self.settings
        lang = language_of(self.group_names)
        env.update(USER=self.user.name, HOME=str(self.home), SHELL="/bin/bash",
                   CRM_COURSE_LANG=lang)
        if self.is_instructor:
            env["JUPYTER_CONFIG_PATH"] = str(settings.instructor_config)
            env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent),
                                           os.environ.get("PATH", "/usr/bin:/bin")])
            if settings.db:
                env["CRM_COURSE_DB"] = settings.db
        else:
            for key in list(env):
                if not (key.startswith("JUPYTERHUB_") or key.startswith("JPY_")
                        or key in STUDENT_ENV_KEEP):
                    del env[key]
            env.update(USER=self.user.name, HOME=str(self.home), SHELL="/bin/bash",
                       CRM_COURSE_LANG=lang, LANG=env.get("LANG", "C.UTF-8"),
                       PATH=f"{settings.student_env}/bin:/usr/local/bin:/usr/bin:/bin",
                       JUPYTER_CONFIG_PATH=str(settings.student_config),
                       CRM_COURSE_DATA=str(share_dir(settings.student_env) / "datasets"),
                       JUPYTERLAB_SETTINGS_DIR=str(self.home / LAB_LOCALE_SETTING.parents[2]))
        return env

    def get_args(self):
        args = super().get_args()
        if self.is_instructor:
            return [*args, *(["--allow-root"] if os.geteuid() == 0 else [])]
        extra = [f"--ServerApp.root_dir={self.home}"]
        if not self.default_url:
            extra.append("--ServerApp.default_url=/lab/tree/lectures")
        return [*args, *extra]

    async def start(self):
        settings = self.settings
        if self.is_instructor:
            self.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
            return await super().start()
        home = self.home
        prepare_home(settings, home, language_of(self.group_names))
        identity_files(settings, self.user.name, home)
        wrapper = student_command(settings, self.user.name, home, [])
        self.cmd = wrapper
        return await super().start()
