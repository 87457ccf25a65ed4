"""The training-menu engine: load, validate, relate and render catalog records.

Knows nothing about MkDocs; `hooks/` adapts it to a site generator.
"""

from .models import MODELS, Course, Route, Site, Teacher
from .relations import Catalog
from .validate import CheckResult, check_catalog

__all__ = ["MODELS", "Catalog", "CheckResult", "Course", "Route", "Site", "Teacher", "check_catalog"]
