"""The training-menu engine: load, validate, relate and render catalog records.

Knows nothing about MkDocs; `hooks/` adapts it to a site generator.
"""

from catalog.core.kinds import KINDS, MODELS
from catalog.core.models import Course, Route, Site, Teacher
from catalog.core.relations import Catalog
from catalog.load.validate import CheckResult, check_catalog

__all__ = ["KINDS", "MODELS", "Catalog", "CheckResult", "Course", "Route", "Site", "Teacher", "check_catalog"]
