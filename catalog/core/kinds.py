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

from catalog.core.models import Course, Record, Route, Site, Teacher
from catalog.core.wording import duration_text, hours_text, pinyin_key

if TYPE_CHECKING:
    from catalog.core.relations import Catalog


@dataclass(frozen=True)
class Facet:
    """A filter of an index page: its values for a record come from a field or a bucket.

    A `tree` facet has values that are paths ("湖南省/长沙市/望城区"): a record matches a
    place and every place above it, so choosing 湖南省 finds the records of 望城区 too.
    """

    name: str  # the URL query key, e.g. ?category=党史学习
    label: str
    values: Callable[[Record], list[str]]
    vocabulary: str = ""  # the vocabulary that orders the values, if any
    order: tuple[str, ...] = ()  # fixed order for derived buckets
    tree: bool = False

    def all_values(self, record: Record) -> list[str]:
        """The values a record matches: its own, and for a tree every ancestor, each once."""
        own = self.values(record)
        if not self.tree:
            return list(dict.fromkeys(own))
        found: dict[str, None] = {}
        for value in own:
            parts = value.split(TREE_SEPARATOR)
            for depth in range(1, len(parts) + 1):
                found.setdefault(TREE_SEPARATOR.join(parts[:depth]))
        return list(found)


TREE_SEPARATOR = "/"


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
    uses: Callable[[Record], list[Use]] = field(default=lambda record: [])
    choose: tuple[str, ...] = ()  # kinds of `uses` that are alternatives: the department assigns one
    capacity: Callable[[Record, Catalog], int | None] = field(
        default=lambda record, catalog: getattr(record, "capacity", None)
    )
    importable: bool = True  # from one sheet row per record (a route's ordered stops are not)
    id_syllables: int = 6  # pinyin syllables of a name that make an id on import
    person: bool = False  # ids as surname-givenname: 王建国 → wang-jianguo

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


# --- courses ----------------------------------------------------------------------------

HOURS_BUCKETS = ("2 学时及以下", "2–4 学时", "4 学时以上")


def _course(record: Record) -> Course:
    return cast(Course, record)


def _hours_bucket(record: Record) -> list[str]:
    hours = _course(record).hours
    return [HOURS_BUCKETS[0] if hours <= 2 else HOURS_BUCKETS[1] if hours <= 4 else HOURS_BUCKETS[2]]


def _course_facts(record: Record, catalog: Catalog) -> str:
    course = _course(record)
    return f"{course.category} · {hours_text(course.hours)} 学时 · {'、'.join(course.formats)}"


COURSES = Kind(
    model=Course,
    singular="course",
    name="课程",
    aliases=("课",),
    index_title="课程菜单",
    index_lead="按类别、对象、形式和学时筛选课程，选好后加入点单。",
    facets=(
        Facet("category", "课程类别", lambda r: [_course(r).category], "categories"),
        Facet("audience", "培训对象", lambda r: list(_course(r).audiences), "audiences"),
        Facet("format", "培训形式", lambda r: list(_course(r).formats), "formats"),
        Facet("hours", "学时", _hours_bucket, order=HOURS_BUCKETS),
        Facet("flag", "标记", lambda r: list(_course(r).flags), "flags"),
    ),
    card=lambda r, c: Card(_course_facts(r, c), _course(r).summary, tuple(_course(r).flags)),
    facts=_course_facts,
    derived=(Derived("routes", "所在路线", lambda r, c: [x.id for x in c.course_routes(r.id)]),),
    sorts=(NAME_SORT, Sort("hours", "按学时", lambda r: _course(r).hours), REVIEW_SORT),
    uses=lambda r: [("teachers", t) for t in _course(r).teachers] + [("sites", s) for s in _course(r).sites],
    choose=("teachers", "sites"),  # one of its teachers gives it, at one of its sites
)

# --- teachers ---------------------------------------------------------------------------


def _teacher(record: Record) -> Teacher:
    return cast(Teacher, record)


def _teacher_facts(record: Record, catalog: Catalog) -> str:
    return f"{_teacher(record).post} · {_teacher(record).organisation}"


def _teacher_card(record: Record, catalog: Catalog) -> Card:
    teacher = _teacher(record)
    text = f"{teacher.type} · {teacher.level} · 擅长：{'、'.join(teacher.directions)}"
    return Card(_teacher_facts(record, catalog), text)


TEACHERS = Kind(
    model=Teacher,
    singular="teacher",
    name="师资",
    aliases=("教员", "老师", "讲师"),
    index_title="师资库",
    index_lead="区、镇、村各级授课师资，按层级、类型和擅长方向筛选。",
    facets=(
        Facet("level", "师资层级", lambda r: [_teacher(r).level], "teacher_levels"),
        Facet("type", "师资类型", lambda r: [_teacher(r).type], "teacher_types"),
        Facet("direction", "擅长方向", lambda r: list(_teacher(r).directions), "directions"),
        Facet("employment", "专职/兼职", lambda r: [_teacher(r).employment], order=("专职", "兼职")),
    ),
    card=_teacher_card,
    facts=_teacher_facts,
    derived=(Derived("courses", "主讲课程", lambda r, c: [x.id for x in c.teacher_courses(r.id)]),),
    uses=lambda r: [("teachers", r.id)],
    capacity=lambda r, c: None,
    person=True,
)

# --- sites ------------------------------------------------------------------------------


def _site(record: Record) -> Site:
    return cast(Site, record)


def _site_card(record: Record, catalog: Catalog) -> Card:
    site = _site(record)
    text = site.address + (f" · 可接待 {site.capacity} 人" if site.capacity else "")
    return Card(f"{site.type} · {site.level} · {site.region}", text)


SITES = Kind(
    model=Site,
    singular="site",
    name="教学点位",
    aliases=("点位", "阵地", "基地"),
    index_title="教学点位",
    index_lead="红色教育基地、纪念馆、党建馆和党群服务中心等现场教学阵地。",
    facets=(
        Facet("type", "点位类型", lambda r: [_site(r).type], "site_kinds"),
        Facet("level", "阵地层级", lambda r: [_site(r).level], "site_levels"),
        Facet("region", "所在区域", lambda r: [_site(r).region], "regions"),
        Facet("theme", "教学主题", lambda r: list(_site(r).themes), "themes"),
        Facet(
            "guide",
            "讲解服务",
            lambda r: ["提供讲解员"] if _site(r).guide else ["无讲解员"],
            order=("提供讲解员", "无讲解员"),
        ),
    ),
    card=_site_card,
    facts=lambda r, c: f"{_site(r).type} · {_site(r).region} · {_site(r).address}",
    derived=(
        Derived("courses", "开设课程", lambda r, c: [x.id for x in c.site_courses(r.id)]),
        Derived("routes", "途经路线", lambda r, c: [x.id for x in c.site_routes(r.id)]),
    ),
    uses=lambda r: [("sites", r.id)],
    id_syllables=8,
)

# --- routes -----------------------------------------------------------------------------

LENGTH_BUCKETS = ("半天（4 小时内）", "一天（4–8 小时）", "一天以上")


def _route(record: Record) -> Route:
    return cast(Route, record)


def _length_bucket(record: Record) -> list[str]:
    hours = _route(record).total_minutes / 60
    return [LENGTH_BUCKETS[0] if hours <= 4 else LENGTH_BUCKETS[1] if hours <= 8 else LENGTH_BUCKETS[2]]


def _route_meta(record: Record) -> str:
    route = _route(record)
    return f"{route.theme} · {len(route.stops)} 站 · 约 {duration_text(route.total_minutes)}"


def _route_facts(record: Record, catalog: Catalog) -> str:
    capacity = catalog.route_capacity(_route(record))
    return _route_meta(record) + (f" · 每批 {capacity} 人以内" if capacity else "")


ROUTES = Kind(
    model=Route,
    singular="route",
    name="教学路线",
    aliases=("路线", "线路"),
    index_title="教学路线",
    index_lead="把多个点位串成半天或一天的现场教学线路。",
    facets=(
        Facet("theme", "路线主题", lambda r: [_route(r).theme], "themes"),
        Facet("audience", "培训对象", lambda r: list(_route(r).audiences), "audiences"),
        Facet("length", "时长", _length_bucket, order=LENGTH_BUCKETS),
    ),
    card=lambda r, c: Card(_route_meta(r), _route(r).summary),
    facts=_route_facts,
    derived=(
        Derived(
            "stops",
            "站点",
            lambda r, c: [f"{s.site}({s.minutes}分钟)" for s in _route(r).stops],
            csv_only=True,
        ),
        Derived("total_minutes", "总时长（分钟）", lambda r, c: _route(r).total_minutes, sheet=True),
        Derived("capacity", "可容纳人数", lambda r, c: c.route_capacity(_route(r))),
    ),
    sorts=(NAME_SORT, Sort("length", "按时长", lambda r: _route(r).total_minutes), REVIEW_SORT),
    uses=lambda r: [("sites", stop.site) for stop in _route(r).stops],
    capacity=lambda r, c: c.route_capacity(_route(r)),
    importable=False,
)

KINDS: dict[str, Kind] = {kind.folder: kind for kind in (COURSES, TEACHERS, SITES, ROUTES)}
MODELS: dict[str, type[Record]] = {folder: kind.model for folder, kind in KINDS.items()}


def kind_of(name: str) -> Kind | None:
    """The kind a person means by `name`: 课程, course, courses, 点位… (None if none)."""
    wanted = name.strip().lower()
    for kind in KINDS.values():
        if wanted in (kind.folder, kind.singular, kind.name, *kind.aliases):
            return kind
    return None
