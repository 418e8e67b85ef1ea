"""The CRM course library: data, bilingual strings, simulations, widgets, self-checks.

Examples
--------
>>> import course
>>> course.set_language("en")
>>> course.load_dataset("retail_small").shape[1]
6
"""

from course.data import DatasetError, list_datasets, load_dataset
from course.i18n import get_language, set_language, setup_matplotlib

__all__ = ["DatasetError", "get_language", "list_datasets", "load_dataset", "set_language",
           "setup_matplotlib"]
__version__ = "0.1.0"
