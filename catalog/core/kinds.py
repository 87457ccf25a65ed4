"""What each record kind is, declared once: names, filters, cards, downloads, ordering.

The models (catalog.core.models) say which fields a record has; a `Kind` says everything
else the product needs to know about a kind: its names in Chinese, how editors name it
on the command line and in sheets, the filters of its index page, the lines of its card,
its one-line facts on the order form and in search results, the derived columns of its
downloads, and what an order of it uses (teachers and sites, for conflicts; `choose` says
which of them are alternatives the department picks from when it dispatches). Nothing else
branches on the kind: pages, cards, facets, downloads, orders, imports and the browser's
order script all read `KINDS`. A new kind is a model, a `Kind` here, and a template
(catalog/site/templates/<singular>.html).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from catalog.core.models import Bundle, Course, Record, Route, Site, Teacher
from catalog.core.wording import (
    UNKNOWN,
    bundle_courses_text,
    bundle_routes_text,
    hours_text,
    pinyin_key,
    route_length_text,
)

if TYPE_CHECKING:
    from catalog.core.relations import Catalog
    from catalog.core.vocabulary import Vocabularies


@dataclass(frozen=True)
class Facet:
    """A filter of an index page: its values for a record come from a field or a bucket.

    A `tree` facet has values that are paths ("湖南省/长沙市/望城区"): a record matches a
    place and every place above it, so choosing 湖南省 finds the records of 望城区 too.
    A record without a value is counted under 未注明 (UNKNOWN), unless having none is itself
    a fact (`unknown=False`: a course without flags is not a course of unknown flags).
    """

    name: str  # the URL query key, e.g. ?category=党史学习
    label: str
    values: Callable[[Record], list[str]]
    vocabulary: str = ""  # the vocabulary that orders the values, if any
    order: tuple[str, ...] = ()  # fixed order for derived buckets
    tree: bool = False
    unknown: bool = True

    def all_values(self, record: Record, vocabularies: Vocabularies | None = None) -> list[str]:
        """The values a record matches: its own (or 未注明), and for a tree every ancestor.

        A tree's values are resolved to their paths by the vocabulary (望城区 → 湖南省/长沙市/望城区).
        """
        own = self.values(record)
        if not own:
            return [UNKNOWN] if self.unknown else []
        if not self.tree:
            return list(dict.fromkeys(own))
        if vocabularies is not None:
            own = [vocabularies.path(self.vocabulary, value) for value in own]
        found: dict[str, None] = {}
        for value in own:
            parts = value.split(TREE_SEPARATOR)
            for depth in range(1, len(parts) + 1):
                found.setdefault(TREE_SEPARATOR.join(parts[:depth]))
        return list(found)


TREE_SEPARATOR = "/"
UNKNOWN_LAST = 1_000_000  # the sort key of an unknown number: after every known one


@dataclass(frozen=True)
class Sort:
    """An order of an index page's list; the first of a kind's sorts is its default."""

    name: str  # the URL query key: ?sort=hours
    label: str
    key: Callable[[Record], str | float]
    descending: bool = False


NAME_SORT = Sort("name", "按名称", lambda record: pinyin_key(record.label))
REVIEW_SORT = Sort("reviewed", "按最近审核", lambda record: record.reviewed.isoformat(), descending=True)


@dataclass(frozen=True)
class Card:
    """The short view of a record on index pages and the home page."""

    meta: str
    text: str
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Derived:
    """A column of the downloads that is computed, not typed (a teacher's courses…).

    A `key` that is also a field name replaces how that field is written in the CSV.
    """

    key: str
    label: str
    value: Callable[[Record, Catalog], object]
    csv_only: bool = False  # replaces a field's CSV cell only; catalog.json keeps the field
    sheet: bool = False  # also a column of `catalog export` (read-only: import ignores it)


Use = tuple[str, str]  # (kind, id) of a teacher or site an ordered item needs


@dataclass(frozen=True)
class Status:
    """One status a record of a kind may have (`status:` in its file), with what it means.

    `value` is what the file says; `label` is the badge on pages and cards. A status that is
    not `listed` leaves the index pages, their filters and counts (the record's page stays,
    with `banner`); one that is not `orderable` is refused by the order rules (the order page
    and `catalog orders`). `active` (the first) and `archived` are every kind's, so catalogs
    written before kinds had statuses of their own stay valid.
    """

    value: str
    label: str
    listed: bool = True
    orderable: bool = True
    banner: str = ""  # the notice on the record's page, "" for none
    lasting: bool = True  # False: a passing state (暂停、复评中) whose date and reason editors give


ARCHIVED = Status(
    "archived", "已停用", listed=False, orderable=False, banner="已停用，仅保留页面供查阅，不能点单。"
)


def _statuses(active: str, *others: Status) -> tuple[Status, ...]:
    return (Status("active", active), *others, ARCHIVED)


@dataclass(frozen=True)
class Kind:
    model: type[Record]
    singular: str  # the command line and schema files: `catalog new course`
    name: str  # in messages, on the order form and in search results: 课程
    aliases: tuple[str, ...]  # other names units and sheets use for it: 点位, 路线
    index_title: str
    index_lead: str
    facets: tuple[Facet, ...]
    card: Callable[[Record, Catalog], Card]
    facts: Callable[[Record, Catalog], str]  # one line of key facts
    derived: tuple[Derived, ...] = ()
    sorts: tuple[Sort, ...] = (NAME_SORT, REVIEW_SORT)
    uses: Callable[[Record, Catalog], list[Use]] = field(default=lambda record, catalog: [])
    choose: tuple[str, ...] = ()  # kinds of `uses` that are alternatives: the department assigns one
    capacity: Callable[[Record, Catalog], int | None] = field(
        default=lambda record, catalog: getattr(record, "capacity", None)
    )
    importable: bool = True  # from a sheet (catalog import)
    id_syllables: int = 6  # pinyin syllables of a name that make an id on import
    person: bool = False  # ids as surname-givenname: 王建国 → wang-jianguo
    # Two records of one name are one entered twice unless this is known for both and
    # differs (two 王艳 of two units are two people): catalog.load.duplicates.
    twin_unless: Callable[[Record], object] = field(default=lambda record: None)
    # What tells a record from another of the same name, in messages and in sheet cells that
    # name it: 王艳（滨湖区委党校）.
    qualifier: Callable[[Record, Catalog], str] = field(default=lambda record, catalog: "")
    # The statuses a record of the kind may have, the normal one first (see `Status`).
    statuses: tuple[Status, ...] = _statuses("在用")

    def __post_init__(self) -> None:
        # A kind with more than one listed status filters by it (点位: 已认定 / 复评中).
        shown = tuple(s for s in self.statuses if s.listed)
        if len(shown) > 1 and all(f.name != "status" for f in self.facets):
            labels = {s.value: s.label for s in shown}
            facet = Facet("status", "状态", lambda r: [labels[r.status]], order=tuple(labels.values()))
            object.__setattr__(self, "facets", (*self.facets, facet))

    def status(self, value: str) -> Status | None:
        return next((s for s in self.statuses if s.value == value), None)

    @property
    def folder(self) -> str:
        """The data folder, the URL folder and the key of the kind: "courses"."""
        return self.model.kind

    @property
    def label_field(self) -> str:
        return self.model.label_field

    @property
    def template(self) -> str:
        return f"{self.singular}.html"


def facts_line(*parts: str) -> str:
    """The known parts of a line of facts, joined by “ · ” (unknown ones left out)."""
    return " · ".join(part for part in parts if part)


def _some(value: str | None) -> list[str]:
    """A single value as a facet's values: none when it is unknown."""
    return [value] if value else []


def _known_first(value: float | None) -> float:
    return UNKNOWN_LAST if value is None else value


# --- courses ----------------------------------------------------------------------------

HOURS_BUCKETS = ("2 学时及以下", "2–4 学时", "4 学时以上")


def _course(record: Record) -> Course:
    return cast(Course, record)


def _hours_bucket(record: Record) -> list[str]:
    hours = _course(record).hours
    if hours is None:
        return []
    return [HOURS_BUCKETS[0] if hours <= 2 else HOURS_BUCKETS[1] if hours <= 4 else HOURS_BUCKETS[2]]


def _course_facts(record: Record, catalog: Catalog) -> str:
    course = _course(record)
    hours = f"学时{UNKNOWN}" if course.hours is None else f"{hours_text(course.hours)} 学时"
    return facts_line(course.category or "", hours, "、".join(course.formats))


def _course_teachers(record: Record, catalog: Catalog) -> str:
    found = (catalog.teachers.get(t) for t in _course(record).teachers)
    return "、".join(t.name for t in found if t is not None)


COURSES = Kind(
    model=Course,
    singular="course",
    name="课程",
    aliases=("课",),
    index_title="课程菜单",
    index_lead="按类别、对象、形式和学时筛选课程，选好后加入点单。",
    facets=(
        Facet("category", "课程类别", lambda r: _some(_course(r).category), "categories"),
        Facet("audience", "培训对象", lambda r: list(_course(r).audiences), "audiences"),
        Facet("format", "培训形式", lambda r: list(_course(r).formats), "formats"),
        Facet("hours", "学时", _hours_bucket, order=HOURS_BUCKETS),
        Facet("flag", "标记", lambda r: list(_course(r).flags), "flags", unknown=False),
    ),
    card=lambda r, c: Card(_course_facts(r, c), _course(r).summary, tuple(_course(r).flags)),
    facts=_course_facts,
    derived=(Derived("routes", "所在路线", lambda r, c: [x.id for x in c.course_routes(r.id)]),),
    sorts=(NAME_SORT, Sort("hours", "按学时", lambda r: _known_first(_course(r).hours)), REVIEW_SORT),
    uses=lambda r, c: (
        [("teachers", t) for t in _course(r).teachers] + [("sites", s) for s in _course(r).sites]
    ),
    twin_unless=lambda r: tuple(sorted(_course(r).teachers)) or None,
    qualifier=_course_teachers,
    choose=("teachers", "sites"),  # one of its teachers gives it, at one of its sites
)

# --- teachers ---------------------------------------------------------------------------


def _teacher(record: Record) -> Teacher:
    return cast(Teacher, record)


def _teacher_facts(record: Record, catalog: Catalog) -> str:
    return facts_line(_teacher(record).post, _teacher(record).organisation)


def _teacher_card(record: Record, catalog: Catalog) -> Card:
    teacher = _teacher(record)
    directions = "擅长：" + "、".join(teacher.directions) if teacher.directions else ""
    return Card(
        _teacher_facts(record, catalog), facts_line(teacher.type or "", teacher.level or "", directions)
    )


TEACHERS = Kind(
    model=Teacher,
    singular="teacher",
    name="师资",
    aliases=("教员", "老师", "讲师"),
    index_title="师资库",
    index_lead="区、镇、村各级授课师资，按层级、类型和擅长方向筛选。",
    facets=(
        Facet("level", "师资层级", lambda r: _some(_teacher(r).level), "teacher_levels"),
        Facet("type", "师资类型", lambda r: _some(_teacher(r).type), "teacher_types"),
        Facet("direction", "擅长方向", lambda r: list(_teacher(r).directions), "directions"),
        Facet("employment", "专职/兼职", lambda r: _some(_teacher(r).employment), order=("专职", "兼职")),
    ),
    card=_teacher_card,
    facts=_teacher_facts,
    derived=(Derived("courses", "主讲课程", lambda r, c: [x.id for x in c.teacher_courses(r.id)]),),
    uses=lambda r, c: [("teachers", r.id)],
    capacity=lambda r, c: None,
    person=True,
    statuses=_statuses(
        "在库",
        Status(
            "suspended", "暂停", listed=False, orderable=False, banner="暂停授课，暂不能点单。", lasting=False
        ),
    ),
    twin_unless=lambda r: _teacher(r).organisation or None,
    qualifier=lambda r, c: _teacher(r).organisation or _teacher(r).post,
)

# --- sites ------------------------------------------------------------------------------


def _site(record: Record) -> Site:
    return cast(Site, record)


def _site_card(record: Record, catalog: Catalog) -> Card:
    site = _site(record)
    text = facts_line(site.address, f"可接待 {site.capacity} 人" if site.capacity else "")
    return Card(facts_line(site.type or "", site.level or "", "、".join(site.region)), text)


def _guide(record: Record) -> list[str]:
    guide = _site(record).guide
    return [] if guide is None else ["提供讲解员"] if guide else ["无讲解员"]


SITES = Kind(
    model=Site,
    singular="site",
    name="教学点位",
    aliases=("点位", "阵地", "基地"),
    index_title="教学点位",
    index_lead="红色教育基地、纪念馆、党建馆和党群服务中心等现场教学阵地。",
    facets=(
        Facet("type", "点位类型", lambda r: _some(_site(r).type), "site_kinds"),
        Facet("level", "阵地层级", lambda r: _some(_site(r).level), "site_levels"),
        Facet("region", "所在区域", lambda r: list(_site(r).region), "regions", tree=True),
        Facet("theme", "教学主题", lambda r: list(_site(r).themes), "themes"),
        Facet("guide", "讲解服务", _guide, order=("提供讲解员", "无讲解员")),
    ),
    card=_site_card,
    facts=lambda r, c: facts_line(_site(r).type or "", "、".join(_site(r).region), _site(r).address),
    derived=(
        Derived("courses", "开设课程", lambda r, c: [x.id for x in c.site_courses(r.id)]),
        Derived("routes", "途经路线", lambda r, c: [x.id for x in c.site_routes(r.id)]),
    ),
    uses=lambda r, c: [("sites", r.id)],
    id_syllables=8,
    statuses=_statuses(
        "已认定",
        Status("reassessing", "复评中", banner="正在复评，复评期间照常开放、可以点单。", lasting=False),
        Status(
            "suspended",
            "暂停开放",
            listed=False,
            orderable=False,
            banner="暂停开放，暂不能点单。",
            lasting=False,
        ),
    ),
    qualifier=lambda r, c: _site(r).address or "、".join(_site(r).region),
)

# --- routes -----------------------------------------------------------------------------

LENGTH_BUCKETS = ("半天（4 小时内）", "一天（4–8 小时）", "一天以上")


def _route(record: Record) -> Route:
    return cast(Route, record)


def _length_bucket(record: Record) -> list[str]:
    """The length's bucket when it is known (or when what is known already passes a day)."""
    duration = _route(record).duration
    hours = duration.known / 60
    if not duration.complete:
        return [LENGTH_BUCKETS[2]] if hours > 8 else []
    return [LENGTH_BUCKETS[0] if hours <= 4 else LENGTH_BUCKETS[1] if hours <= 8 else LENGTH_BUCKETS[2]]


def _length_key(record: Record) -> float:
    duration = _route(record).duration
    return duration.known if duration.complete else UNKNOWN_LAST + duration.known


def _route_meta(record: Record) -> str:
    route = _route(record)
    return facts_line(
        route.theme or "", f"{len(route.stops)} 站", route_length_text(route.duration, short=True)
    )


def _stop_text(route: Route) -> list[str]:
    return [s.site if s.minutes is None else f"{s.site}({s.minutes}分钟)" for s in route.stops]


def _route_facts(record: Record, catalog: Catalog) -> str:
    route = _route(record)
    capacity = catalog.route_capacity(route)
    if not capacity:
        return _route_meta(record)
    if catalog.capacity_unknown(route):  # a site that does not say may take fewer
        return _route_meta(record) + f" · 每批至多 {capacity} 人"
    return _route_meta(record) + f" · 每批 {capacity} 人以内"


def _known_capacity(record: Record, catalog: Catalog) -> int | None:
    """A route's capacity for the downloads: None when a site does not state its own."""
    route = _route(record)
    return None if catalog.capacity_unknown(route) else catalog.route_capacity(route)


ROUTES = Kind(
    model=Route,
    singular="route",
    name="教学路线",
    aliases=("路线", "线路"),
    index_title="教学路线",
    index_lead="把多个点位串成半天或一天的现场教学线路。",
    facets=(
        Facet("theme", "路线主题", lambda r: _some(_route(r).theme), "themes"),
        Facet("audience", "培训对象", lambda r: list(_route(r).audiences), "audiences"),
        Facet("length", "时长", _length_bucket, order=LENGTH_BUCKETS),
    ),
    card=lambda r, c: Card(_route_meta(r), _route(r).summary),
    facts=_route_facts,
    derived=(
        Derived("stops", "站点", lambda r, c: _stop_text(_route(r)), csv_only=True),
        Derived("total_minutes", "总时长（分钟）", lambda r, c: _route(r).total_minutes, sheet=True),
        Derived("capacity", "可容纳人数", _known_capacity),
    ),
    sorts=(NAME_SORT, Sort("length", "按时长", _length_key), REVIEW_SORT),
    uses=lambda r, c: [("sites", stop.site) for stop in _route(r).stops],
    capacity=lambda r, c: c.route_capacity(_route(r)),
    qualifier=lambda r, c: _route(r).theme or "",
)

# --- bundles ----------------------------------------------------------------------------

CONTENT_LABELS = {"courses": "含课程", "routes": "含教学路线", "sites": "含点位参观", "teachers": "含师资"}


def _bundle(record: Record) -> Bundle:
    return cast(Bundle, record)


def _contents(record: Record) -> list[str]:
    kinds = {item.target[0] for item in _bundle(record).items if item.target}
    return [label for kind, label in CONTENT_LABELS.items() if kind in kinds]


def _bundle_facts(record: Record, catalog: Catalog) -> str:
    """What a bundle holds and adds up to, saying what is not known instead of guessing it."""
    bundle = _bundle(record)
    totals = catalog.bundle_totals(bundle)
    parts = [f"{len(bundle.items)} 项"]
    if totals.courses:
        parts.append(bundle_courses_text(totals))
    if totals.routes:
        parts.append(bundle_routes_text(totals))
    if totals.untimed:
        parts.append(f"{totals.untimed} 项未注明时长")
    return " · ".join(parts)


def _bundle_uses(record: Record, catalog: Catalog) -> list[Use]:
    """The teachers and sites of every item: a bundle needs what its courses and routes need."""
    found: list[Use] = []
    for item in _bundle(record).items:
        target = item.target
        inner = catalog.get(*target) if target else None
        if inner is not None and target is not None:
            found += KINDS[target[0]].uses(inner, catalog)
    return list(dict.fromkeys(found))


BUNDLES = Kind(
    model=Bundle,
    singular="bundle",
    name="套餐",
    aliases=("学习套餐", "菜单式套餐"),
    index_title="学习套餐",
    index_lead="把课程、路线、点位参观和师资打包成一项，一次点单、统一安排。",
    facets=(
        Facet("audience", "培训对象", lambda r: list(_bundle(r).audiences), "audiences"),
        Facet("content", "包含内容", _contents, order=tuple(CONTENT_LABELS.values())),
    ),
    card=lambda r, c: Card(_bundle_facts(r, c), _bundle(r).summary),
    facts=_bundle_facts,
    derived=(
        Derived(
            "total_hours", "课程学时合计", lambda r, c: c.bundle_totals(_bundle(r)).total_hours, sheet=True
        ),
        Derived(
            "route_minutes",
            "路线时长合计（分钟）",
            lambda r, c: c.bundle_totals(_bundle(r)).total_route_minutes,
        ),
    ),
    uses=_bundle_uses,
    capacity=lambda r, c: None,
    importable=False,
)

KINDS: dict[str, Kind] = {kind.folder: kind for kind in (COURSES, TEACHERS, SITES, ROUTES, BUNDLES)}
MODELS: dict[str, type[Record]] = {folder: kind.model for folder, kind in KINDS.items()}


def status_of(record: Record) -> Status:
    """The record's status as its kind declares it (the model accepts no other value)."""
    found = KINDS[record.kind].status(record.status)
    if found is None:  # a record built around validation (model_construct): say so, never guess
        raise ValueError(f"{record.kind}/{record.id}: status {record.status!r} is not one of its kind")
    return found


def listed(record: Record) -> bool:
    """On the index pages, their filters and counts, the home page and statistics."""
    return status_of(record).listed


def orderable(record: Record) -> bool:
    return status_of(record).orderable


def held_up(record: Record, catalog: Catalog) -> list[Record]:
    """The records an ordered item needs that cannot be ordered now (a route's suspended stop,
    a bundle's suspended teacher or archived course), in the order the item names them."""
    wanted: list[Use] = []
    if isinstance(record, Bundle):
        wanted += [item.target for item in record.items if item.target]
    wanted += KINDS[record.kind].uses(record, catalog)
    found = (catalog.get(*use) for use in dict.fromkeys(wanted) if use != (record.kind, record.id))
    return [other for other in found if other is not None and not orderable(other)]


def kind_of(name: str) -> Kind | None:
    """The kind a person means by `name`: 课程, course, courses, 点位… (None if none)."""
    wanted = name.strip().lower()
    for kind in KINDS.values():
        if wanted in (kind.folder, kind.singular, kind.name, *kind.aliases):
            return kind
    return None
