"""JupyterHub's configuration for one course, and the nbgrader configs of its servers.

``deploy/hub/jupyterhub_config.py`` (what ``crm-course hub`` starts JupyterHub
with) calls :func:`configure` on the settings in ``$CRM_HUB_SETTINGS``.
:func:`prepare_hub` lays out the hub's folder first: the exchange, the course
folder that releases and collects, the students' and instructors' nbgrader
configs.

Examples
--------
>>> from traitlets.config import Config
>>> from autograder.hub.settings import HubSettings
>>> c = Config()
>>> s = HubSettings(root="/srv/hub", auth="native", instructors=["wang"], proxy_command="/bin/true")
>>> configure(c, s)
>>> c.JupyterHub.authenticator_class
'nativeauthenticator.NativeAuthenticator'
>>> c.JupyterHub.load_groups["instructors"]["users"], c.Authenticator.admin_users
(['wang'], {'wang'})
>>> [svc["name"] for svc in c.JupyterHub.services]
['grader']
>>> print(student_nbgrader_config(s).splitlines()[-1])
c.CourseDirectory.student_id = os.environ["JUPYTERHUB_USER"]
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

from autograder.hub.settings import CHINESE_GROUP, INSTRUCTORS_GROUP, HubSettings

#: LTI 1.3 settings the course passes to ``LTI13Authenticator`` (all needed).
LTI_KEYS = ("issuer", "authorize_url", "jwks_endpoint", "client_id")

#: nbgrader's layout of the grading folders as the formgrader sees them:
#: ``grading/<assignment>/`` is one ``crm-course grade`` folder per assignment.
GRADING_STRUCTURE = "{assignment_id}/{nbgrader_step}/{student_id}/{assignment_id}"


def student_nbgrader_config(settings: HubSettings) -> str:
    """The students' ``nbgrader_config.py``: the exchange, and their id from the hub."""
    from autograder.hub.studentenv import student_nbgrader_config as text

    return text(str(settings.exchange), settings.course_id)


def course_nbgrader_config(settings: HubSettings, root: Path, *, formgrader: bool) -> str:
    """``nbgrader_config.py`` of the course folder (exchange) or the instructors' formgrader."""
    lines = [
        "# Written by crm-course hub (autograder/hub/config.py); edit the hub's settings.",
        "c = get_config()  # noqa: F821",
        f"c.CourseDirectory.course_id = {settings.course_id!r}",
        f"c.CourseDirectory.root = {str(root)!r}",
        f"c.CourseDirectory.db_url = {settings.db_url!r}",
        f"c.Exchange.root = {str(settings.exchange)!r}",
    ]
    if formgrader:
        lines.append(f"c.CourseDirectory.directory_structure = {GRADING_STRUCTURE!r}")
    return "\n".join(lines) + "\n"


def _write(path: Path, text: str, mode: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.chmod(path, mode)


def prepare_hub(settings: HubSettings) -> None:
    """Save the settings; create the hub's folders and the configs its servers read."""
    settings.save()
    write_configs(settings)


def write_configs(settings: HubSettings) -> None:
    """Create the hub's folders and the nbgrader configs of its servers and service.

    The instructors' config is written twice: for ``JUPYTER_CONFIG_PATH`` and
    as ``grading/nbgrader_config.py``, which the formgrader reads when an
    instructor's server works in ``grading/`` (the Kubernetes set-up).
    """
    for folder, mode in ((settings.exchange, 0o755), (settings.homes, 0o711),
                         (settings.state_dir, 0o700), (settings.course_dir, 0o700),
                         (settings.grading_dir, 0o700), (settings.student_config, 0o755),
                         (settings.instructor_config, 0o700)):
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, mode)
    _write(settings.student_config / "nbgrader_config.py", student_nbgrader_config(settings),
           0o644)
    _write(settings.course_dir / "nbgrader_config.py",
           course_nbgrader_config(settings, settings.course_dir, formgrader=False), 0o600)
    formgrader = course_nbgrader_config(settings, settings.grading_dir, formgrader=True)
    _write(settings.instructor_config / "nbgrader_config.py", formgrader, 0o600)
    _write(settings.grading_dir / "nbgrader_config.py", formgrader, 0o600)


def _secret(path: Path) -> str:
    if not path.exists():
        _write(path, secrets.token_hex(32), 0o600)
    return path.read_text(encoding="utf-8").strip()


def _authenticator(c, settings: HubSettings) -> None:
    admins = set(settings.instructors)
    c.Authenticator.admin_users = admins
    if settings.auth == "dummy":
        # Any name logs in: for tests and a first look only, never for a class.
        c.JupyterHub.authenticator_class = "dummy"
        c.Authenticator.allow_all = True
    elif settings.auth == "native":
        import nativeauthenticator

        c.JupyterHub.authenticator_class = "nativeauthenticator.NativeAuthenticator"
        c.JupyterHub.template_paths = [str(Path(nativeauthenticator.__file__).parent /
                                           "templates")]
        # Students sign up at /hub/signup; an instructor approves them at /hub/authorize.
        c.NativeAuthenticator.open_signup = False
        c.NativeAuthenticator.minimum_password_length = 8
        c.NativeAuthenticator.check_common_password = True
        c.NativeAuthenticator.allowed_failed_logins = 5
        c.NativeAuthenticator.seconds_before_next_try = 60
        c.Authenticator.allow_all = True  # who may log in is the sign-up approval's business
    else:  # lti
        missing = [k for k in LTI_KEYS if not settings.lti.get(k)]
        if missing:
            raise ValueError(f"hub setting lti: {', '.join(missing)} missing (the LMS's "
                             "LTI 1.3 tool registration gives them; docs/hub.md)")
        c.JupyterHub.authenticator_class = "ltiauthenticator.lti13.auth.LTI13Authenticator"
        for key in LTI_KEYS:
            setattr(c.LTI13Authenticator, key, settings.lti[key])
        c.LTI13Authenticator.username_key = settings.lti.get("username_key", "email")
        c.Authenticator.allow_all = True  # whoever the LMS launches into the course
        c.Authenticator.enable_auth_state = bool(os.environ.get("JUPYTERHUB_CRYPT_KEY"))


def configure(c, settings: HubSettings) -> None:
    """Fill JupyterHub's config ``c`` for the course hub described by ``settings``."""
    state = settings.state_dir
    c.JupyterHub.bind_url = settings.public_url
    c.JupyterHub.hub_ip = "127.0.0.1"
    c.JupyterHub.hub_port = settings.hub_port
    c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
    c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
    c.ConfigurableHTTPProxy.command = [settings.proxy()]
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings.proxy_api_port}"
    c.ConfigurableHTTPProxy.auth_token = _secret(state / "proxy_token")
    c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
    c.ConfigurableHTTPProxy.should_start = True
    _authenticator(c, settings)

    c.JupyterHub.spawner_class = "autograder.hub.spawner.CourseSpawner"
    c.CourseSpawner.settings_file = str(settings.settings_file)
    c.Spawner.start_timeout = 180  # two cores shared by a class: starting Lab can be slow
    c.Spawner.http_timeout = 180
    c.Spawner.env_keep = ["LANG", "LC_ALL", "TZ"]
    c.Spawner.default_url = ""  # students: the lectures; instructors: Lab in the hub folder

    c.JupyterHub.load_groups = {
        INSTRUCTORS_GROUP: {"users": list(settings.instructors)},
        CHINESE_GROUP: {"users": list(settings.chinese)},
    }
    service_url = f"http://127.0.0.1:{settings.service_port}"
    c.JupyterHub.services = [{
        "name": "grader",
        "url": service_url,
        "display": True,
        "oauth_no_confirm": True,
        "command": [sys.executable, "-m", "autograder.hub.service"],
        "environment": {"CRM_HUB_SETTINGS": str(settings.settings_file),
                        "PATH": os.pathsep.join([str(Path(sys.executable).parent),
                                                 os.environ.get("PATH", "/usr/bin:/bin")])},
        "cwd": str(settings.state_dir),
    }]
    c.JupyterHub.load_roles = [
        {"name": "course-instructor", "groups": [INSTRUCTORS_GROUP],
         "scopes": ["access:services!service=grader", "admin:users", "admin:servers",
                    "admin:groups", "access:servers", "tokens"]},
        {"name": "grader-service", "services": ["grader"],
         "scopes": ["list:users", "read:users", "read:groups"]},
        {"name": "user", "scopes": ["self"]},
    ]
    if settings.extra_config:
        path = Path(settings.extra_config)
        if not path.is_file():
            raise ValueError(f"hub setting extra_config: {path} does not exist")
        exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), {"c": c})
