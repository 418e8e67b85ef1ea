"""A class on JupyterHub: log in, fetch, submit, get feedback through nbgrader's exchange.

``crm-course hub`` runs JupyterHub with configurable-http-proxy for one
course (:mod:`autograder.hub.config`). Students' servers run the course from
an environment without the grader (:mod:`autograder.hub.studentenv`) inside
a bubblewrap view of the machine (:mod:`autograder.hub.spawner`); the grading
service (:mod:`autograder.hub.service`) collects submissions from the
exchange, grades them with ``crm-course grade`` and releases the feedback
(:mod:`autograder.hub.cycle`). ``docs/hub.md`` is the guide.
"""

from autograder.hub.settings import HubSettings, load_settings

__all__ = ["HubSettings", "load_settings"]
