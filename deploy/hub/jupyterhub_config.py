# JupyterHub config of the CRM course hub. `crm-course hub` writes the hub's settings
# (hub.json) and starts JupyterHub with this file; to run JupyterHub yourself:
#   CRM_HUB_SETTINGS=/srv/crm-hub/hub.json jupyterhub -f deploy/hub/jupyterhub_config.py
# What it sets is in autograder/hub/config.py and docs/hub.md.
from autograder.hub.config import configure
from autograder.hub.settings import load_settings

configure(c, load_settings())  # noqa: F821 - `c` is JupyterHub's config object
