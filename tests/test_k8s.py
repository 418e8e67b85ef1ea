"""Zero to JupyterHub: what this machine can check without a Kubernetes cluster.

The helm values parse and name the images, the exchange volume and the grading
service; the manifests of the grader agree with them; and the students' image
files (``binder/``, repo2docker's layout) install the course into a fresh
environment, with no grader, reference or solution left in the image's tree,
where the course's own doctests then pass.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from autograder.coursedir import REPO_ROOT
from autograder.hub.settings import from_mapping

K8S = REPO_ROOT / "deploy" / "k8s"


def _values() -> dict:
    return yaml.safe_load((K8S / "values.yaml").read_text(encoding="utf-8"))


def _manifests() -> dict:
    docs = yaml.safe_load_all((K8S / "grader.yaml").read_text(encoding="utf-8"))
    return {(d["kind"], d["metadata"]["name"]): d for d in docs}


def test_helm_values_name_the_images_services_and_exchange():
    values = _values()
    single = values["singleuser"]
    assert single["image"]["name"].endswith("crm-course/student") and single["image"]["tag"]
    assert single["uid"] == 1000  # every student the same OS user: ids from JUPYTERHUB_USER
    mounts = {m["name"]: m["mountPath"] for m in single["storage"]["extraVolumeMounts"]}
    claims = {v["name"]: v["persistentVolumeClaim"]["claimName"]
              for v in single["storage"]["extraVolumes"]}
    assert mounts == {"exchange": "/srv/crm-hub/exchange"} and claims == {
        "exchange": "crm-exchange"}
    hub = values["hub"]
    assert hub["config"]["JupyterHub"]["authenticator_class"] == \
        "ltiauthenticator.lti13.auth.LTI13Authenticator"
    assert set(hub["config"]["LTI13Authenticator"]) >= {"issuer", "authorize_url",
                                                        "jwks_endpoint"}
    assert hub["services"]["grader"]["url"] == "http://crm-grader:10101"
    assert hub["loadRoles"]["course-instructor"]["groups"] == ["instructors"]
    assert "access:services!service=grader" in hub["loadRoles"]["course-instructor"]["scopes"]
    hook = hub["extraConfig"]["crm-course"]
    compile(hook, "values.yaml:hub.extraConfig.crm-course", "exec")  # valid Python
    assert "crm-course/grader" in hook and "instructors" in hook


def test_grader_manifests_match_the_values():
    found = _manifests()
    deployment = found[("Deployment", "crm-grader")]["spec"]["template"]["spec"]
    (container,) = deployment["containers"]
    assert container["image"].endswith("crm-course/grader:" + _values()["singleuser"][
        "image"]["tag"])
    assert container["command"] == ["python", "-m", "autograder.hub.service"]
    env = {e["name"]: e.get("value") for e in container["env"]}
    assert env["JUPYTERHUB_SERVICE_NAME"] == "grader"
    assert env["JUPYTERHUB_SERVICE_URL"].endswith(":10101")
    assert found[("Service", "crm-grader")]["spec"]["ports"][0]["port"] == 10101
    mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
    assert mounts["exchange"] == "/srv/crm-hub/exchange"  # where students mount it too
    assert found[("PersistentVolumeClaim", "crm-exchange")]["spec"]["accessModes"] == [
        "ReadWriteMany"]
    config = found[("ConfigMap", "crm-hub-settings")]["data"]["hub.json"]
    settings = from_mapping(json.loads(config), "grader.yaml")
    assert str(settings.exchange) == mounts["exchange"]
    assert str(settings.grading_dir) == mounts["grading"]


def _tracked_tree(dest: Path) -> Path:
    files = subprocess.run(["git", "ls-files", "-z"], cwd=REPO_ROOT, capture_output=True,
                           check=True).stdout.decode().split("\0")
    for name in filter(None, files):
        source = REPO_ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    return dest


@pytest.mark.slow
@pytest.mark.image
def test_student_image_files_install_the_course_in_a_fresh_environment(tmp_path):
    """repo2docker's steps by hand: requirements.txt, then postBuild in the home."""
    home = _tracked_tree(tmp_path / "home")
    env = tmp_path / "env"
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", str(env)], check=True)
    python = str(env / "bin" / "python")
    subprocess.run([python, "-m", "pip", "install", "-q", "--disable-pip-version-check",
                    "-r", str(home / "binder" / "requirements.txt"), "pytest"], check=True)
    variables = {"NB_PYTHON_PREFIX": str(env), "PATH": f"{env / 'bin'}:/usr/bin:/bin",
                 "HOME": str(home), "CRM_EXCHANGE": "/srv/crm-hub/exchange"}
    subprocess.run(["bash", str(home / "binder" / "postBuild")], cwd=home, check=True,
                   env=variables)
    # What the image's home holds: the course, no instructor's file.
    left = sorted(p.name for p in home.iterdir())
    for secret in ("autograder", "solutions", "tests", "benchmarks"):
        assert secret not in left, left
    assert not list(home.rglob("reference")) and "course" in left
    config = (env / "etc" / "jupyter" / "nbgrader_config.py").read_text()
    assert "JUPYTERHUB_USER" in config and "/srv/crm-hub/exchange" in config
    # The environment: the course and its lectures, never the grader.
    probe = ("import importlib.util, course, course.check.ch05, course.sims\n"
             "print(importlib.util.find_spec('autograder'))\n"
             "from course.data import load_dataset\nprint(len(load_dataset('online_retail')))")
    run = subprocess.run([python, "-c", probe], cwd=tmp_path, capture_output=True, text=True,
                         env={**variables, "CRM_COURSE_DATA":
                              str(env / "share" / "crm-course" / "datasets")})
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0] == "None" and int(run.stdout.splitlines()[1]) > 1000
    assert (env / "share" / "crm-course" / "notebooks" / "zh").is_dir()
    # The course's own doctests, in that environment.
    site = subprocess.run([python, "-c", "import course, os; print(os.path.dirname("
                           "course.__file__))"], capture_output=True, text=True,
                          check=True).stdout.strip()
    tests = subprocess.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                            "--doctest-modules", site], cwd=tmp_path, capture_output=True,
                           text=True, env={**variables, "CRM_COURSE_DATA": str(
                               env / "share" / "crm-course" / "datasets"),
                               "MPLBACKEND": "Agg", **{k: os.environ[k] for k in (
                                   "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
                                   if k in os.environ}})
    assert tests.returncode == 0, tests.stdout[-3000:]
    assert " passed" in tests.stdout
