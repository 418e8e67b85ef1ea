"""The hub's settings, JupyterHub config, students' view and environment, without a hub.

The end-to-end runs are in ``tests/test_hub_e2e.py``; these check each piece
on its own: what a config file may say, what each authenticator gets, what a
student's server can see, and what the students' distribution holds.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from traitlets.config import Config, PyFileConfigLoader

from autograder.cli import build_parser
from autograder.coursedir import REPO_ROOT
from autograder.hub import spawner, studentenv
from autograder.hub.cli import CONFIG_FILE_TEXT, settings_from_args
from autograder.hub.config import GRADING_STRUCTURE, configure, prepare_hub
from autograder.hub.settings import HubSettings, from_mapping, load_settings, read_toml

LTI = {"issuer": "https://canvas.instructure.com",
       "authorize_url": "https://sso.canvaslms.com/api/lti/authorize_redirect",
       "jwks_endpoint": "https://sso.canvaslms.com/api/lti/security/jwks",
       "client_id": "10000000000042"}


def _settings(tmp_path, **kw) -> HubSettings:
    return HubSettings(root=tmp_path / "hub", proxy_command="/bin/true", **kw)


# ---------------------------------------------------------------- settings files


def test_toml_errors_name_the_file_and_the_key(tmp_path):
    bad = tmp_path / "hub.toml"
    bad.write_text("[hub]\nroot = '/srv/x'\nport = 'eighty'\n")
    with pytest.raises(ValueError, match=r"hub.toml: hub setting port='eighty'"):
        from_mapping(read_toml(bad), str(bad))
    bad.write_text("[hub]\nroot = '/srv/x'\nauthenticator = 'native'\n")
    with pytest.raises(ValueError, match=r"hub.toml: unknown hub setting\(s\) authenticator"):
        from_mapping(read_toml(bad), str(bad))
    bad.write_text("[hub\n")
    with pytest.raises(ValueError, match="hub.toml: not valid TOML"):
        read_toml(bad)
    with pytest.raises(ValueError, match="--db 'mysql://a@b/c'"):
        HubSettings(root=tmp_path, db="mysql://a@b/c")


def test_example_toml_is_valid_and_saved_settings_round_trip(tmp_path):
    data = read_toml(REPO_ROOT / "docs" / "hub.example.toml")
    data["root"] = str(tmp_path / "hub")
    settings = from_mapping(data, "hub.example.toml")
    assert settings.auth == "native" and settings.instructors
    settings.save()
    assert oct(settings.settings_file.stat().st_mode & 0o777) == "0o600"
    assert load_settings(settings.root) == settings
    with pytest.raises(ValueError, match="no hub settings there"):
        load_settings(tmp_path)


def test_cli_options_override_the_saved_settings(tmp_path):
    parser = build_parser()
    first = parser.parse_args(["hub", "status", "--root", str(tmp_path / "hub"), "--auth",
                               "dummy", "--instructor", "wang", "--port", "9000"])
    settings_from_args(first).save()
    again = settings_from_args(parser.parse_args(["hub", "status", "--root",
                                                  str(tmp_path / "hub"), "--poll", "5"]))
    assert (again.auth, again.instructors, again.port, again.poll) == (
        "dummy", ["wang"], 9000, 5.0)


# ---------------------------------------------------------------- JupyterHub config


def test_deploy_config_file_is_the_one_the_cli_writes(tmp_path, monkeypatch):
    path = REPO_ROOT / "deploy" / "hub" / "jupyterhub_config.py"
    assert path.read_text(encoding="utf-8") == CONFIG_FILE_TEXT
    settings = _settings(tmp_path, auth="dummy", instructors=["wang"], chinese=["li"])
    prepare_hub(settings)
    monkeypatch.setenv("CRM_HUB_SETTINGS", str(settings.settings_file))
    loader = PyFileConfigLoader(path.name, str(path.parent))
    c = loader.load_config()
    assert c.JupyterHub.spawner_class == "autograder.hub.spawner.CourseSpawner"
    assert c.JupyterHub.bind_url == "http://127.0.0.1:8000"
    assert c.JupyterHub.load_groups == {"instructors": {"users": ["wang"]},
                                        "lang-zh": {"users": ["li"]}}
    (service,) = c.JupyterHub.services
    assert service["name"] == "grader" and service["url"] == "http://127.0.0.1:10101"
    roles = {r["name"]: r for r in c.JupyterHub.load_roles}
    assert "access:services!service=grader" in roles["course-instructor"]["scopes"]
    assert roles["course-instructor"]["groups"] == ["instructors"]


def test_native_authenticator_is_configured_for_a_small_class(tmp_path):
    import asyncio

    from jupyterhub import orm
    from nativeauthenticator import NativeAuthenticator
    from nativeauthenticator.orm import UserInfo

    c = Config()
    configure(c, _settings(tmp_path, auth="native", instructors=["wang"]))
    db = orm.new_session_factory(f"sqlite:///{tmp_path / 'hub.sqlite'}")()
    auth = NativeAuthenticator(config=c, db=db)
    assert not auth.open_signup and auth.minimum_password_length == 8
    assert auth.check_common_password and auth.admin_users == {"wang"}
    assert Path(c.JupyterHub.template_paths[0], "signup.html").exists()
    # A student signs up; nobody logs in before an instructor approves the account.
    assert auth.create_user("li", "short") is None  # under the minimum length
    assert auth.create_user("li", "a-l0ng-class-passphrase")
    login = {"username": "li", "password": "a-l0ng-class-passphrase"}
    assert asyncio.run(auth.authenticate(None, login)) is None
    UserInfo.change_authorization(db, "li")
    assert asyncio.run(auth.authenticate(None, login)) == "li"
    assert asyncio.run(auth.authenticate(None, {**login, "password": "wrong"})) is None


def test_lti13_authenticator_is_configured_from_the_settings(tmp_path):
    from ltiauthenticator.lti13.auth import LTI13Authenticator

    c = Config()
    configure(c, _settings(tmp_path, auth="lti", lti=LTI))
    auth = LTI13Authenticator(config=c)
    assert auth.issuer == LTI["issuer"] and auth.client_id == {LTI["client_id"]}
    assert auth.jwks_endpoint == LTI["jwks_endpoint"] and auth.username_key == "email"
    with pytest.raises(ValueError, match="jwks_endpoint, client_id missing"):
        configure(Config(), _settings(tmp_path, auth="lti", lti={
            k: LTI[k] for k in ("issuer", "authorize_url")}))


def test_nbgrader_configs_of_the_hub(tmp_path):
    settings = _settings(tmp_path)
    prepare_hub(settings)
    student = (settings.student_config / "nbgrader_config.py").read_text()
    assert "JUPYTERHUB_USER" in student and str(settings.exchange) in student
    assert "db_url" not in student  # students never learn where the gradebook is
    teacher = (settings.instructor_config / "nbgrader_config.py").read_text()
    assert repr(GRADING_STRUCTURE) in teacher and settings.db_url in teacher
    for path in (settings.instructor_config / "nbgrader_config.py",
                 settings.course_dir / "nbgrader_config.py", settings.state_dir):
        assert path.stat().st_mode & 0o077 == 0, path


def test_the_formgrader_layout_finds_each_assignments_grading_folder(tmp_path):
    """``grading/<a>/autograded/<student>/<a>`` is what nbgrader's format_path gives."""
    from nbgrader.coursedir import CourseDirectory

    c = Config()
    c.CourseDirectory.root = str(tmp_path / "grading")
    c.CourseDirectory.directory_structure = GRADING_STRUCTURE
    cd = CourseDirectory(config=c)
    assert cd.format_path("autograded", "alice", "ch05") == str(
        tmp_path / "grading" / "ch05" / "autograded" / "alice" / "ch05")
    assert os.path.normpath(cd.format_path("source", ".", "ch05")) == str(
        tmp_path / "grading" / "ch05" / "source" / "ch05")


# ---------------------------------------------------------------- students' servers


def test_a_students_view_holds_no_grader_files(tmp_path):
    settings = _settings(tmp_path)
    home = settings.homes / "alice"
    cmd = spawner.student_command(settings, "alice", home, [])
    binds = [cmd[i + 1] for i, a in enumerate(cmd) if a in {"--bind", "--ro-bind"}]
    for secret in (REPO_ROOT, REPO_ROOT / "solutions", REPO_ROOT / "autograder",
                   settings.grading_dir, settings.state_dir, settings.course_dir,
                   settings.homes, Path("/etc")):
        assert not any(Path(b) == secret or Path(b) in secret.parents for b in binds), secret
    writable = [cmd[i + 1] for i, a in enumerate(cmd) if a == "--bind"]
    assert writable == [str(home), str(settings.exchange)]
    if os.geteuid() == 0:
        assert "--bounding-set=-all" in cmd and f"--reuid={settings.student_uid}" in cmd
    assert cmd[-1].endswith("jupyterhub-singleuser")


def test_students_environment_variables_carry_no_hub_secret(tmp_path):
    settings = _settings(tmp_path, db="postgresql+psycopg://g:pw@db/gb")
    settings.save()

    class Group:
        def __init__(self, name):
            self.name = name

    class User:
        name = "alice"
        groups = [Group("lang-zh")]

    s = spawner.CourseSpawner(user=User(), settings_file=str(settings.settings_file))
    env = s.user_env({"JUPYTERHUB_API_TOKEN": "t", "CRM_COURSE_DB": "leak", "PYTHONPATH": "/x",
                      "AWS_SECRET_ACCESS_KEY": "leak"})
    assert "leak" not in json.dumps(env) and "pw@" not in json.dumps(env)
    assert env["CRM_COURSE_LANG"] == "zh" and env["JUPYTERHUB_API_TOKEN"] == "t"
    assert env["JUPYTER_CONFIG_PATH"] == str(settings.student_config)


def test_new_lectures_reach_a_home_and_edits_stay(tmp_path):
    settings = _settings(tmp_path, student_env=tmp_path / "env")
    lectures = studentenv.share_dir(settings.student_env) / "notebooks" / "zh"
    lectures.mkdir(parents=True)
    (lectures / "ch05_identification.ipynb").write_text("{}")
    home = settings.homes / "li"
    spawner.prepare_home(settings, home, "zh")
    (home / "lectures" / "ch05_identification.ipynb").write_text("edited")
    (lectures / "ch06_selection.ipynb").write_text("{}")
    spawner.prepare_home(settings, home, "zh")
    assert (home / "lectures" / "ch05_identification.ipynb").read_text() == "edited"
    assert (home / "lectures" / "ch06_selection.ipynb").exists()
    locale = json.loads((home / spawner.LAB_LOCALE_SETTING).read_text())
    assert locale == {"locale": "zh_CN"}


# ---------------------------------------------------------------- students' distribution


def test_the_students_distribution_is_the_course_alone(tmp_path):
    tree = studentenv.stage_distribution(tmp_path / "dist")
    assert sorted(p.name for p in tree.iterdir()) == ["course", "pyproject.toml"]
    text = (tree / "pyproject.toml").read_text()
    assert 'include = ["course*"]' in text and "autograder" not in text
    assert not list(tree.rglob("reference")) and not list(tree.rglob("*.ipynb"))
    reqs = studentenv.student_requirements()
    assert not {"copydetect", "tqdm"} & {studentenv._name(r) for r in reqs}


def test_the_image_requirements_are_the_students(tmp_path):
    listed = [line for line in (REPO_ROOT / "binder" / "requirements.txt").read_text(
        ).splitlines() if line and not line.startswith("#")]
    assert listed == studentenv.student_requirements()


def test_instructor_files_are_stripped_from_an_image_tree(tmp_path):
    for name in ("autograder/reference", "solutions/ch05", "tests", "course", "notebooks/en"):
        (tmp_path / name).mkdir(parents=True)
    removed = studentenv.strip_instructor_files(tmp_path)
    assert set(removed) == {"autograder", "solutions", "tests"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["course", "notebooks"]
