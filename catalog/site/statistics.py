"""The statistics page (统计): what the menu covers, who teaches how much, what is missing.

Every number is counted over the active records, by the same facets the index pages filter
by (catalog.core.kinds), so 统计 and the lists never disagree: coverage per facet value with
the values nobody offers yet (vocabulary values at zero), the teachers' load, and the gaps
(course categories and audiences without any active course). When the catalog holds the
department's dispatch plan, the demand is added (`demand`, 需求缺口): the items units asked
for and the items the department declined, per course category and per audience, counted
by the same facets (an item of a course counts under its category and each audience; a
route's under its audiences; a teacher or a site has neither), every value shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from catalog.core.kinds import KINDS, Facet, listed
from catalog.core.models import Record, Teacher
from catalog.core.relations import Catalog
from catalog.core.wording import UNKNOWN
from catalog.orders.plan import DECLINED, Plan, record_of


@dataclass(frozen=True)
class Bar:
    label: str
    count: int


@dataclass(frozen=True)
class Chart:
    key: str  # a stable id for the page: "courses-category"
    title: str
    unit: str  # what a count counts: 门课程, 位师资…
    bars: list[Bar]

    @property
    def total(self) -> int:
        return sum(bar.count for bar in self.bars)


@dataclass(frozen=True)
class Load:
    teacher: Teacher
    courses: int


@dataclass(frozen=True)
class Gap:
    what: str  # 课程类别, 培训对象
    values: list[str]  # vocabulary values without an active course


@dataclass
class Statistics:
    totals: dict[str, int]  # kind → active records
    coverage: dict[str, list[Chart]]  # kind → one chart per facet
    load: list[Load]  # teachers by the number of active courses they give, most first
    idle: list[Teacher]  # active teachers without an active course
    gaps: list[Gap]
    demand: list[Chart] = field(default_factory=list)  # requests and unmet demand, when known


UNITS = {
    "courses": "门课程",
    "teachers": "位师资",
    "sites": "个点位",
    "routes": "条路线",
    "bundles": "个套餐",
}
GAP_FACETS = ("category", "audience")  # what a course list must not leave out


def _active(records: dict[str, Record]) -> list[Record]:
    return [record for record in records.values() if listed(record)]


def _chart(kind: str, facet: Facet, records: list[Record], catalog: Catalog) -> Chart:
    """Records per value; vocabulary values with no record are shown at zero, and records that
    do not say are counted under 未注明 (last). A tree (regions) shows the places that occur,
    each with the places above it, in the vocabulary's order."""
    counts: dict[str, int] = {}
    for record in records:
        for value in facet.all_values(record, catalog.vocabularies):
            counts[value] = counts.get(value, 0) + 1
    order = list(facet.order) or catalog.vocabularies.values(facet.vocabulary)
    if facet.tree:
        order = [value for value in order if value in counts]
    values = [v for v in dict.fromkeys([*order, *sorted(counts)]) if v != UNKNOWN]
    values += [UNKNOWN] if UNKNOWN in counts else []
    bars = [Bar(value, counts.get(value, 0)) for value in values]
    return Chart(f"{kind}-{facet.name}", f"{KINDS[kind].name}·{facet.label}", UNITS.get(kind, "条"), bars)


DEMAND_FACETS = (("category", "课程类别"), ("audience", "培训对象"))


def _demand(plan: Plan, catalog: Catalog) -> list[Chart]:
    """Requests and declined requests per category and per audience (empty without a plan)."""
    if not plan:
        return []
    charts = []
    for facet_name, title in DEMAND_FACETS:
        asked: dict[str, int] = {}
        declined: dict[str, int] = {}
        order: list[str] = []
        for item in plan.items:
            record = record_of(item, catalog)
            if record is None or item.kind is None:
                continue
            for facet in KINDS[item.kind].facets:
                if facet.name != facet_name:
                    continue
                order += [v for v in catalog.vocabularies.values(facet.vocabulary) if v not in order]
                for value in facet.all_values(record):
                    asked[value] = asked.get(value, 0) + 1
                    if item.status == DECLINED:
                        declined[value] = declined.get(value, 0) + 1
        values = list(dict.fromkeys([*order, *sorted(asked)]))
        charts.append(
            Chart(
                f"demand-{facet_name}", f"点单需求·{title}", "项", [Bar(v, asked.get(v, 0)) for v in values]
            )
        )
        charts.append(
            Chart(
                f"declined-{facet_name}", f"婉拒·{title}", "项", [Bar(v, declined.get(v, 0)) for v in values]
            )
        )
    return charts


def statistics(catalog: Catalog, plan: Plan | None = None) -> Statistics:
    active = {kind: _active(catalog.records[kind]) for kind in KINDS}
    coverage = {
        kind: [_chart(kind, facet, active[kind], catalog) for facet in declared.facets]
        for kind, declared in KINDS.items()
    }
    load = []
    for teacher in catalog.teachers.values():
        if listed(teacher):
            given = [c for c in catalog.teacher_courses(teacher.id) if listed(c)]
            load.append(Load(teacher, len(given)))
    load.sort(key=lambda item: (-item.courses, item.teacher.id))
    gaps = [
        Gap(chart.title.split("·", 1)[1], [bar.label for bar in chart.bars if bar.count == 0])
        for chart in coverage["courses"]
        if chart.key.split("-", 1)[1] in GAP_FACETS
    ]
    return Statistics(
        totals={kind: len(active[kind]) for kind in KINDS},
        coverage=coverage,
        load=load,
        idle=[item.teacher for item in load if item.courses == 0],
        gaps=gaps,
        demand=_demand(plan or Plan(), catalog),
    )
