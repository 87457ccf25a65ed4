"""The plan published back to the units: 培训日程, a reply (回单) per order, booked dates.

- `schedule.md` (培训日程): every confirmed item (已安排, 改期) by month, with its unit,
  teacher and site; filtered in the browser by unit, kind, teacher and site
  (assets/dispatch.js), a plain list without JavaScript.
- `replies/<单号>.md` (回单): for each order, what was arranged, when, with whom and where,
  and what was declined and why; it prints as a formal form like the 点单表.
- `replies/index.md` (回单查询): find a reply by its number; every reply listed.
- teacher and site pages list their confirmed dates (`bookings`, templates/bookings.html).

What is published follows `SiteOptions`: the units' contact names and phones only with
`publish_unit_contacts`, declined items and their reasons only with `publish_declined`
(both off by default: a reply then says how many items it does not show). Every text is
the plan's, escaped by the templates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from catalog.core.kinds import KINDS
from catalog.core.models import Record
from catalog.core.relations import Catalog
from catalog.orders.number import parse_number
from catalog.orders.plan import (
    CONFIRMED,
    DECLINED,
    PENDING,
    STATUSES,
    Plan,
    PlanItem,
    options,
    record_of,
    uses,
)
from catalog.site.search import SearchDocument

SCHEDULE_PAGE = "schedule.md"
REPLIES_PAGE = "replies/index.md"
WEEKDAYS = "一二三四五六日"
DISPATCH_SCRIPT = "assets/dispatch.js"


def reply_path(number: str) -> str:
    return f"replies/{number}.md"


def reply_url(number: str) -> str:
    return f"replies/{number}.html"


def day_text(day: dt.date) -> str:
    return f"{day.month}月{day.day}日（周{WEEKDAYS[day.weekday()]}）"


def span_text(span: tuple[dt.date, dt.date] | None) -> str:
    """12月10日（周四）, or 12月10日（周四）至 12月11日（周五）; 待定 without dates."""
    if span is None:
        return "待定"
    start, end = span
    return day_text(start) if start == end else f"{day_text(start)}至 {day_text(end)}"


@dataclass(frozen=True)
class Line:
    """One item as the published pages show it."""

    item: PlanItem
    record: Record | None
    what: str  # 课程, 师资, …
    name: str
    teachers: tuple[Record, ...]  # who goes (empty: not decided)
    sites: tuple[Record, ...]  # where (a route: every stop)
    route: bool  # the sites are a route's stops, not a choice
    open_teacher: bool = False  # the item needs a teacher not named yet (待定, not "—")
    open_site: bool = False

    @property
    def status(self) -> str:
        return self.item.status

    @property
    def when(self) -> str:
        return span_text(self.item.confirmed) if self.status in CONFIRMED else ""

    @property
    def requested(self) -> str:
        entry = self.item.entry
        parts = []
        if self.item.requested:
            start, end = self.item.requested
            parts.append(start.isoformat() if start == end else f"{start.isoformat()} 至 {end.isoformat()}")
        if entry.participants:
            parts.append(f"{entry.participants} 人")
        return "，".join(parts)

    @property
    def teacher_ids(self) -> str:
        return " ".join(record.id for record in self.teachers)

    @property
    def site_ids(self) -> str:
        return " ".join(record.id for record in self.sites)


@dataclass(frozen=True)
class Reply:
    number: str
    unit: str
    contact: str  # "" unless contacts are published
    phone: str
    ordered: dt.date | None
    lines: tuple[Line, ...]  # what the reply shows
    hidden: int  # declined items not shown (publish_declined off)

    @property
    def counts(self) -> str:
        """已安排 1 项、婉拒 1 项: every status that occurs, hidden items included."""
        statuses = [line.status for line in self.lines] + [DECLINED] * self.hidden
        return "、".join(f"{status} {statuses.count(status)} 项" for status in STATUSES if status in statuses)


@dataclass(frozen=True)
class Month:
    title: str  # 2026年12月
    key: str  # 2026-12
    lines: tuple[Line, ...]


class DispatchPages:
    """Everything the site publishes from the plan, under the site's options."""

    def __init__(self, catalog: Catalog, plan: Plan, *, declined: bool, contacts: bool):
        self.catalog, self.plan = catalog, plan
        self.declined, self.contacts = declined, contacts
        self.replies = {number: self._reply(number) for number in sorted(plan.orders)}
        self._booked: dict[tuple[str, str], list[Line]] = {}  # (kind, id) → its confirmed items
        for item in plan.confirmed():
            line = self.line(item)
            for record in (*line.teachers, *line.sites):
                self._booked.setdefault((record.kind, record.id), []).append(line)

    # --- the data ---------------------------------------------------------------------
    def line(self, item: PlanItem) -> Line:
        catalog = self.catalog
        record = record_of(item, catalog)
        involved = options(item, catalog)
        if item.status in CONFIRMED:  # who and where it was given
            used = uses(item, catalog, decided=True)
        elif item.status == PENDING:  # what is already fixed (the teacher ordered, a route's stops)
            used = {resource: option.fixed for resource, option in involved.items()}
        else:
            used = {resource: () for resource in involved}
        route = len(involved["sites"].fixed) > 1  # a route: all its stops, not a choice
        needed = item.status != DECLINED
        return Line(
            item=item,
            record=record,
            what=KINDS[item.kind].name if item.kind else item.entry.kind,
            name=record.label if record else (item.entry.name or item.entry.id),
            teachers=tuple(catalog.teachers[i] for i in used["teachers"]),
            sites=tuple(catalog.sites[i] for i in used["sites"]),
            route=route,
            open_teacher=needed and bool(involved["teachers"].allowed) and not used["teachers"],
            open_site=needed and bool(involved["sites"].allowed) and not used["sites"],
        )

    def _reply(self, number: str) -> Reply:
        order = self.plan.orders[number]
        items = self.plan.of(number)
        shown = [item for item in items if self.declined or item.status != DECLINED]
        parsed = parse_number(number)
        return Reply(
            number=number,
            unit=order.unit,
            contact=order.contact if self.contacts else "",
            phone=order.phone if self.contacts else "",
            ordered=parsed.day if parsed else None,
            lines=tuple(self.line(item) for item in shown),
            hidden=len(items) - len(shown),
        )

    def schedule(self) -> list[Month]:
        months: dict[str, list[Line]] = {}
        for item in self.plan.confirmed():
            start = item.confirmed[0]  # type: ignore[index]
            months.setdefault(f"{start.year}-{start.month:02d}", []).append(self.line(item))
        return [
            Month(f"{key[:4]}年{int(key[5:])}月", key, tuple(lines)) for key, lines in sorted(months.items())
        ]

    def bookings(self, record: Record) -> list[Line]:
        """The confirmed items that send this teacher, or take place at this site, by date."""
        return self._booked.get((record.kind, record.id), [])

    def filters(self, months: list[Month]) -> dict[str, list[tuple[str, str]]]:
        """The values the schedule can be filtered by: (value, label), in a stable order."""
        lines = [line for month in months for line in month.lines]
        units = sorted({line.item.unit for line in lines})
        kinds = [kind for kind in KINDS if any(line.item.kind == kind for line in lines)]
        teachers = sorted({t.id: t.label for line in lines for t in line.teachers}.items())
        sites = sorted({s.id: s.label for line in lines for s in line.sites}.items())
        return {
            "unit": [(unit, unit) for unit in units],
            "kind": [(kind, KINDS[kind].name) for kind in kinds],
            "teacher": teachers,
            "site": sites,
        }

    # --- for the site -----------------------------------------------------------------
    def page_list(self) -> list[tuple[str, str, bool]]:
        """(source path, title, in the navigation) of every page; the two lists always exist."""
        found = [(SCHEDULE_PAGE, "培训日程", True), (REPLIES_PAGE, "回单查询", False)]
        return found + [(reply_path(number), f"回单 {number}", False) for number in self.replies]

    def render(self, env, path: str, context: dict) -> str | None:
        """The HTML of one of these pages (None for any other page)."""
        script = context["rel"](DISPATCH_SCRIPT)
        if path == SCHEDULE_PAGE:
            months = self.schedule()
            return env.get_template("schedule.html").render(
                **context, months=months, filters=self.filters(months), script=script, reply_url=reply_url
            )
        if path == REPLIES_PAGE:
            replies = list(self.replies.values())
            return env.get_template("replies.html").render(**context, replies=replies, script=script)
        number = path.removeprefix("replies/").removesuffix(".md")
        if path.startswith("replies/") and number in self.replies:
            reply = self.replies[number]
            return env.get_template("reply.html").render(**context, reply=reply, script=script)
        return None

    def search_documents(self) -> list[SearchDocument]:
        documents = []
        for number, reply in self.replies.items():
            names = [line.name for line in reply.lines]
            excerpt = f"{reply.unit} · {reply.counts}"
            text = "\n".join([reply.unit, *names])
            documents.append(SearchDocument(reply_url(number), "回单", f"回单 {number}", excerpt, text))
        return documents
