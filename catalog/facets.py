"""The filters (facets) offered on each index page, and the values a record has for each.

A facet's values come from a record field or a derived bucket (hours, route length);
they are written on each card as data attributes, so the list filters without a server.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .models import Course, Record, Route
from .relations import Catalog


@dataclass(frozen=True)
class Facet:
    name: str  # the URL query key and the data-attribute suffix
    label: str
    values: Callable[[Record], list[str]]
    vocabulary: str = ""  # the vocabulary that orders the values, if any
    order: tuple[str, ...] = ()  # fixed order for derived buckets


HOURS_BUCKETS = ("2 学时及以下", "2–4 学时", "4 学时以上")
LENGTH_BUCKETS = ("半天（4 小时内）", "一天（4–8 小时）", "一天以上")


def hours_bucket(course: Course) -> list[str]:
    if course.hours <= 2:
        return [HOURS_BUCKETS[0]]
    return [HOURS_BUCKETS[1] if course.hours <= 4 else HOURS_BUCKETS[2]]


def route_length_bucket(route: Route) -> list[str]:
    hours = route.total_minutes / 60
    return [LENGTH_BUCKETS[0] if hours <= 4 else LENGTH_BUCKETS[1] if hours <= 8 else LENGTH_BUCKETS[2]]


FACETS: dict[str, list[Facet]] = {
    "courses": [
        Facet("category", "课程类别", lambda c: [c.category], "categories"),
        Facet("audience", "培训对象", lambda c: list(c.audiences), "audiences"),
        Facet("format", "培训形式", lambda c: list(c.formats), "formats"),
        Facet("hours", "学时", hours_bucket, order=HOURS_BUCKETS),
        Facet("flag", "标记", lambda c: list(c.flags), "flags"),
    ],
    "teachers": [
        Facet("level", "师资层级", lambda t: [t.level], "teacher_levels"),
        Facet("type", "师资类型", lambda t: [t.type], "teacher_types"),
        Facet("direction", "擅长方向", lambda t: list(t.directions), "directions"),
        Facet("employment", "专职/兼职", lambda t: [t.employment], order=("专职", "兼职")),
    ],
    "sites": [
        Facet("type", "点位类型", lambda s: [s.type], "site_kinds"),
        Facet("level", "阵地层级", lambda s: [s.level], "site_levels"),
        Facet("region", "所在区域", lambda s: [s.region], "regions"),
        Facet("theme", "教学主题", lambda s: list(s.themes), "themes"),
        Facet(
            "guide",
            "讲解服务",
            lambda s: ["提供讲解员"] if s.guide else ["无讲解员"],
            order=("提供讲解员", "无讲解员"),
        ),
    ],
    "routes": [
        Facet("theme", "路线主题", lambda r: [r.theme], "themes"),
        Facet("audience", "培训对象", lambda r: list(r.audiences), "audiences"),
        Facet("length", "时长", route_length_bucket, order=LENGTH_BUCKETS),
    ],
}


@dataclass(frozen=True)
class FacetCounts:
    facet: Facet
    counts: list[tuple[str, int]]  # (value, number of records), in vocabulary order


def count_facets(kind: str, records: list[Record], catalog: Catalog) -> list[FacetCounts]:
    """Counts per value over `records`, listing only values that occur."""
    result = []
    for facet in FACETS[kind]:
        tally: dict[str, int] = {}
        for record in records:
            for value in dict.fromkeys(facet.values(record)):
                tally[value] = tally.get(value, 0) + 1
        order = list(facet.order) or catalog.vocabularies.values(facet.vocabulary)
        ranked = [v for v in order if v in tally] + sorted(v for v in tally if v not in order)
        result.append(FacetCounts(facet, [(v, tally[v]) for v in ranked]))
    return result
