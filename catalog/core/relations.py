"""The validated catalog and every relation derived from it.

Relations are declared once, as `Ref` markers on the referring side (a course names its
teachers and sites, a route stop names its site and course). Everything the other side
shows (a teacher's courses, a site's routes, a route's capacity) is computed here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import cast

from pydantic import BaseModel

from catalog.core.kinds import MODELS
from catalog.core.models import (
    Bundle,
    Course,
    Marker,
    Record,
    Ref,
    Route,
    Site,
    Teacher,
    markers,
    nested_model,
)
from catalog.core.vocabulary import Vocabularies

Location = tuple[int | str, ...]


@cache
def _field_markers(model: type[BaseModel]) -> tuple[tuple[str, tuple[Marker, ...]], ...]:
    """(field name, its markers) for every field of a model: computed once per model."""
    return tuple((name, tuple(markers(info))) for name, info in model.model_fields.items())


def walk_markers(item: BaseModel, loc: Location = ()) -> Iterator[tuple[Location, Marker, str]]:
    """Every (location, marker, value) of a record, nested models and lists included."""
    for name, found in _field_markers(type(item)):
        value = getattr(item, name)
        if not found and not isinstance(value, list | BaseModel):
            continue  # nothing to yield: no marker here and nothing nested
        values = value if isinstance(value, list) else [value]
        for index, element in enumerate(values):
            where = (*loc, name, index) if isinstance(value, list) else (*loc, name)
            if isinstance(element, BaseModel):
                yield from walk_markers(element, where)
            elif element is not None:
                for marker in found:
                    yield where, marker, element


def walk_raw_markers(
    model: type[BaseModel], data: object, loc: Location = ()
) -> Iterator[tuple[Location, Marker, str]]:
    """The same walk over raw file data, for records that failed validation elsewhere."""

    if not isinstance(data, dict):
        return
    for name, info in model.model_fields.items():
        if name not in data:
            continue
        value = data[name]
        found = markers(info)
        inner = nested_model(info.annotation)
        values = value if isinstance(value, list) else [value]
        for index, element in enumerate(values):
            where = (*loc, name, index) if isinstance(value, list) else (*loc, name)
            if inner is not None:
                yield from walk_raw_markers(inner, element, where)
            elif isinstance(element, str):
                for marker in found:
                    yield where, marker, element.strip()


@dataclass
class BundleTotals:
    """What a bundle's items add up to; unknown parts are counted, never added as 0."""

    hours: float = 0  # of the bundle's courses that state theirs
    courses: int = 0
    hours_unknown: int = 0  # courses that do not state their hours
    route_minutes: int = 0  # of its routes, as far as their stops state minutes
    routes: int = 0
    routes_partial: int = 0  # routes whose length is not wholly known
    untimed: int = 0  # site visits and teachers, whose length no record states

    @property
    def total_hours(self) -> float | None:
        """The courses' hours, or None when one of them does not state its hours."""
        return None if self.hours_unknown else self.hours

    @property
    def total_route_minutes(self) -> int | None:
        return None if self.routes_partial else self.route_minutes


@dataclass
class Catalog:
    root: Path
    vocabularies: Vocabularies
    records: dict[str, dict[str, Record]] = field(default_factory=dict)
    # (kind, id) -> {(from kind, field name): [referring ids, in id order]}
    _backrefs: dict[tuple[str, str], dict[tuple[str, str], list[str]]] = field(
        default_factory=dict, repr=False
    )

    def __post_init__(self) -> None:
        for kind in MODELS:
            self.records.setdefault(kind, {})
            self.records[kind] = dict(sorted(self.records[kind].items()))
        for kind, by_id in self.records.items():
            for record_id, record in by_id.items():
                for loc, marker, value in walk_markers(record):
                    if isinstance(marker, Ref):
                        refs = self._backrefs.setdefault((marker.kind, value), {})
                        ids = refs.setdefault((kind, str(loc[0])), [])
                        if record_id not in ids:
                            ids.append(record_id)

    # --- lookups -----------------------------------------------------------------------
    def get(self, kind: str, record_id: str) -> Record | None:
        return self.records.get(kind, {}).get(record_id)

    def __len__(self) -> int:
        return sum(len(by_id) for by_id in self.records.values())

    @property
    def courses(self) -> dict[str, Course]:
        return cast(dict[str, Course], self.records["courses"])

    @property
    def teachers(self) -> dict[str, Teacher]:
        return cast(dict[str, Teacher], self.records["teachers"])

    @property
    def sites(self) -> dict[str, Site]:
        return cast(dict[str, Site], self.records["sites"])

    @property
    def routes(self) -> dict[str, Route]:
        return cast(dict[str, Route], self.records["routes"])

    @property
    def bundles(self) -> dict[str, Bundle]:
        return cast(dict[str, Bundle], self.records["bundles"])

    def referrers(self, kind: str, record_id: str, from_kind: str) -> list[Record]:
        """Records of `from_kind` that name (kind, record_id) in any field."""
        refs = self._backrefs.get((kind, record_id), {})
        ids = sorted({i for (k, _), found in refs.items() if k == from_kind for i in found})
        return [self.records[from_kind][i] for i in ids]

    def references(self) -> dict[tuple[str, str], set[tuple[str, str]]]:
        """(kind, id) of each record that refers to something → every (kind, id) it names,
        whether that record exists or not: the other side of `referrers`."""
        found: dict[tuple[str, str], set[tuple[str, str]]] = {}
        for target, refs in self._backrefs.items():
            for (from_kind, _), ids in refs.items():
                for record_id in ids:
                    found.setdefault((from_kind, record_id), set()).add(target)
        return found

    # --- derived relations ---------------------------------------------------------------
    def teacher_courses(self, teacher_id: str) -> list[Course]:
        return cast(list[Course], self.referrers("teachers", teacher_id, "courses"))

    def site_courses(self, site_id: str) -> list[Course]:
        return cast(list[Course], self.referrers("sites", site_id, "courses"))

    def site_routes(self, site_id: str) -> list[Route]:
        return cast(list[Route], self.referrers("sites", site_id, "routes"))

    def course_routes(self, course_id: str) -> list[Route]:
        return cast(list[Route], self.referrers("courses", course_id, "routes"))

    def bundles_with(self, kind: str, record_id: str) -> list[Bundle]:
        """The bundles that hold a record (shown on its page as 包含在套餐)."""
        return cast(list[Bundle], self.referrers(kind, record_id, "bundles"))

    def bundle_totals(self, bundle: Bundle) -> BundleTotals:
        """What a bundle adds up to, as far as its items' facts are known."""
        totals = BundleTotals()
        for item in bundle.items:
            target = item.target
            record = self.get(*target) if target else None
            if isinstance(record, Course):
                totals.courses += 1
                if record.hours is None:
                    totals.hours_unknown += 1
                else:
                    totals.hours += record.hours
            elif isinstance(record, Route):
                totals.routes += 1
                duration = record.duration
                totals.route_minutes += duration.known
                totals.routes_partial += not duration.complete
            elif record is not None:
                totals.untimed += 1  # a site visit or a teacher: no length on record
        return totals

    def route_capacity(self, route: Route) -> int | None:
        """The smallest capacity among the route's sites (None if no site states one).

        Sites that do not state theirs are not counted (`capacity_unknown` says how many)."""
        capacities = [
            site.capacity
            for stop in route.stops
            if (site := self.sites.get(stop.site)) is not None and site.capacity
        ]
        return min(capacities) if capacities else None

    def capacity_unknown(self, route: Route) -> int:
        """How many of a route's sites do not state their capacity (each site counted once)."""
        ids = dict.fromkeys(stop.site for stop in route.stops)
        return sum(1 for i in ids if (site := self.sites.get(i)) is not None and not site.capacity)
