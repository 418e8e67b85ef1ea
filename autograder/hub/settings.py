"""What one course's hub is: its folders, ports, authenticator, gradebook and people.

A hub lives in one folder, ``root`` (:class:`HubSettings` says what is where).
``crm-course hub`` writes the settings to ``root/hub.json``; the JupyterHub
config (``deploy/hub/jupyterhub_config.py``), the grading service and the
``crm-course hub release|grade`` commands read them from there, so they all
agree. A TOML file (``docs/hub.example.toml``) gives the same keys for a class.

Examples
--------
>>> s = HubSettings(root="/srv/crm-hub", instructors=["wang"])
>>> str(s.exchange), str(s.course_dir), str(s.grading_dir)
('/srv/crm-hub/exchange', '/srv/crm-hub/coursedir', '/srv/crm-hub/grading')
>>> s.db_url
'sqlite:////srv/crm-hub/grading/gradebook.db'
>>> s.public_url
'http://127.0.0.1:8000'
>>> HubSettings(root="/x", auth="ldap")
Traceback (most recent call last):
...
ValueError: hub setting auth='ldap': choose one of dummy, native, lti
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from autograder.coursedir import REPO_ROOT

#: Authenticators the course configures: ``native`` (NativeAuthenticator, sign-up
#: approved by an instructor) for a small class, ``lti`` (LTI 1.3 launches from
#: the LMS, jupyterhub-ltiauthenticator), ``dummy`` (any name, tests only).
AUTHENTICATORS = ("dummy", "native", "lti")

#: The hub group whose members get the instructor environment and the formgrader.
INSTRUCTORS_GROUP = "instructors"

#: The hub group whose members get the course (lectures, JupyterLab) in Chinese.
CHINESE_GROUP = "lang-zh"

#: The uid every student's server runs as (no account has it; see ``docs/hub.md``).
STUDENT_UID = 1_999_000_000

#: Where ``make setup`` puts configurable-http-proxy (npm).
PROXY_BIN = REPO_ROOT / ".venv" / "node" / "node_modules" / ".bin" / "configurable-http-proxy"


@dataclass
class HubSettings:
    """One course's hub (every path below ``root`` unless given)."""

    root: Path
    ip: str = "127.0.0.1"
    port: int = 8000
    hub_port: int = 8081
    proxy_api_port: int = 8001
    service_port: int = 10101
    auth: str = "native"
    #: The gradebook's SQLAlchemy URL (default: SQLite in ``grading/``).
    db: str | None = None
    course_id: str = "crm-course"
    instructors: list[str] = field(default_factory=list)
    #: Students whose course is in Chinese (the ``lang-zh`` group).
    chinese: list[str] = field(default_factory=list)
    #: Seconds between looks at the exchange for new submissions (0: grade on demand only).
    poll: float = 30.0
    #: Grading processes at once (``crm-course grade --jobs``).
    jobs: int = 2
    cell_timeout: int = 30
    memory: str = "2G"
    student_uid: int = STUDENT_UID
    #: The students' Python environment (course without the grader).
    student_env: Path | None = None
    #: LTI 1.3 platform settings (issuer, authorize_url, jwks_endpoint, client_id, username_key).
    lti: dict = field(default_factory=dict)
    #: A Python file of more JupyterHub config, run at the end of the course's config.
    extra_config: Path | None = None
    proxy_command: str | None = None

    def __post_init__(self) -> None:
        self.root = Path(self.root).absolute()
        if self.auth not in AUTHENTICATORS:
            raise ValueError(f"hub setting auth={self.auth!r}: choose one of "
                             f"{', '.join(AUTHENTICATORS)}")
        for name in ("port", "hub_port", "proxy_api_port", "service_port", "jobs"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"hub setting {name}={value!r}: a positive whole number")
        if self.db:
            from autograder.gradebookdb import check_db_url

            self.db = check_db_url(self.db)
        self.student_env = Path(self.student_env) if self.student_env else self.root / "student-env"
        self.extra_config = Path(self.extra_config) if self.extra_config else None
        self.instructors = sorted(set(self.instructors))
        self.chinese = sorted(set(self.chinese))

    # ------------------------------------------------------------ folders

    @property
    def exchange(self) -> Path:
        """nbgrader's exchange: ``<course_id>/outbound``, ``inbound``, ``feedback``."""
        return self.root / "exchange"

    @property
    def course_dir(self) -> Path:
        """The nbgrader course folder that releases, collects and releases feedback."""
        return self.root / "coursedir"

    @property
    def grading_dir(self) -> Path:
        """``crm-course grade`` folders, one per assignment (``grading/ch05``)."""
        return self.root / "grading"

    @property
    def homes(self) -> Path:
        return self.root / "homes"

    @property
    def state_dir(self) -> Path:
        """The hub's own database, cookie secret, tokens and the grading service's log."""
        return self.root / "state"

    @property
    def student_config(self) -> Path:
        """``JUPYTER_CONFIG_PATH`` of students' servers (nbgrader's exchange, Lab settings)."""
        return self.root / "student-config"

    @property
    def instructor_config(self) -> Path:
        """``JUPYTER_CONFIG_PATH`` of instructors' servers (the formgrader over ``grading/``)."""
        return self.root / "instructor-config"

    @property
    def db_url(self) -> str:
        return self.db or f"sqlite:///{self.grading_dir / 'gradebook.db'}"

    @property
    def public_url(self) -> str:
        return f"http://{self.ip}:{self.port}"

    @property
    def settings_file(self) -> Path:
        return self.root / "hub.json"

    def proxy(self) -> str:
        """The configurable-http-proxy command: the setting, ``make setup``'s, or PATH's."""
        import shutil

        for candidate in (self.proxy_command, str(PROXY_BIN),
                          shutil.which("configurable-http-proxy")):
            if candidate and Path(candidate).exists():
                return str(candidate)
        raise FileNotFoundError(
            "configurable-http-proxy is not installed: `make setup` installs it with npm "
            f"into {PROXY_BIN.parent.parent.parent} (or: npm install -g "
            "configurable-http-proxy)")

    # ------------------------------------------------------------ files

    def to_json(self) -> str:
        data = asdict(self)
        return json.dumps({k: (str(v) if isinstance(v, Path) else v) for k, v in data.items()},
                          indent=2, sort_keys=True)

    def save(self) -> Path:
        """Write ``root/hub.json`` (readable by root only: it may hold a database password)."""
        self.root.mkdir(parents=True, exist_ok=True)
        os.chmod(self.root, 0o755)
        tmp = self.settings_file.with_name(".hub.json.tmp")
        tmp.write_text(self.to_json(), encoding="utf-8")
        os.chmod(tmp, 0o600)
        os.replace(tmp, self.settings_file)
        return self.settings_file


def from_mapping(data: dict, source: str) -> HubSettings:
    """Settings from a dict (a TOML table or ``hub.json``); unknown keys name ``source``."""
    known = {f.name for f in fields(HubSettings)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ValueError(f"{source}: unknown hub setting(s) {', '.join(unknown)}; known: "
                         f"{', '.join(sorted(known))}")
    if "root" not in data:
        raise ValueError(f"{source}: the hub's folder (root) is not set")
    try:
        return HubSettings(**data)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{source}: {exc}") from None


def read_toml(path: str | Path) -> dict:
    """The ``[hub]`` table of a TOML file (or its top level), with a clear error."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValueError(f"{path}: cannot read the hub config ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: not valid TOML ({exc})") from None
    return dict(data.get("hub", data))


def load_settings(root_or_file: str | Path | None = None) -> HubSettings:
    """The saved settings of a hub: ``hub.json`` in a folder, or that file itself.

    Without an argument, ``$CRM_HUB_SETTINGS`` names it (the hub's config and
    its grading service are started with it).
    """
    target = Path(root_or_file or os.environ.get("CRM_HUB_SETTINGS", ""))
    if not str(target) or str(target) == ".":
        raise ValueError("no hub given: pass --root DIR (or set CRM_HUB_SETTINGS)")
    path = target / "hub.json" if target.is_dir() else target
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError:
        raise ValueError(f"{path}: no hub settings there (start it with `crm-course hub "
                         f"--root {target}` first)") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not valid JSON ({exc})") from None
    return from_mapping(data, str(path))
