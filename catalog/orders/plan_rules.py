"""The rules of the dispatch plan, beyond what its model says: one small function each.

They hold for the plan's files (`catalog check`, every build) and for the decisions a
department brings back in the plan's spreadsheet (`catalog plan`); each item says where
its values stand (`PlanItem.locate`), so a problem points at the YAML line or the cell.

- the ordered record, the assigned teacher and site exist; the teacher gives that course,
  the site is one of its sites (catalog.orders.plan.options);
- 已安排 and 改期 have confirmed dates; 已安排 within the dates the unit asked for (改期 is
  for other dates); 婉拒 says why; 待安排 with a decision filled in is pointed out;
- participants within the capacity of the record and of the assigned site;
- one teacher is not confirmed in two places on one day; one site takes two groups on one
  day only within its capacity (an error beyond it, a warning within it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from catalog.core.codes import problem
from catalog.core.kinds import KINDS, orderable, status_of
from catalog.core.problems import Problem
from catalog.core.relations import Catalog
from catalog.core.suggest import did_you_mean
from catalog.orders.number import parse_number, unit_mark
from catalog.orders.plan import (
    ARRANGED,
    CONFIRMED,
    DECLINED,
    PENDING,
    Plan,
    PlanItem,
    options,
    record_of,
    uses,
)


def span_text(span: tuple[dt.date, dt.date]) -> str:
    start, end = span
    return start.isoformat() if start == end else f"{start.isoformat()} 至 {end.isoformat()}"


def check_plan(plan: Plan, catalog: Catalog) -> list[Problem]:
    """Every problem of the plan against the catalog."""
    problems: list[Problem] = []
    for item in plan.items:
        for rule in ITEM_RULES:
            problems += rule(item, catalog)
    for number in plan.orders:
        problems += _order_rules(plan, number)
    problems += _double_bookings(plan, catalog)
    return problems


def _where(item: PlanItem, name: str) -> tuple[str, int, int]:
    return item.locate(name)


# --- one item -------------------------------------------------------------------------


def _record(item: PlanItem, catalog: Catalog) -> list[Problem]:
    kind = item.kind
    if kind is None:
        names = [declared.name for declared in KINDS.values()]
        suggestion = did_you_mean(item.entry.kind, names, listing="类型")
        return [
            problem("plan-unknown-kind", *_where(item, "kind"), kind=item.entry.kind, suggestion=suggestion)
        ]
    what = KINDS[kind].name
    record = catalog.get(kind, item.entry.id)
    if record is None:
        hint = did_you_mean(item.entry.id, catalog.records[kind]) or None
        return [problem("plan-unknown-id", *_where(item, "id"), hint=hint, id=item.entry.id, what=what)]
    if not orderable(record) and item.status != DECLINED:
        status = status_of(record).label
        where = _where(item, "id")
        return [problem("plan-archived", *where, what=what, label=record.label, id=record.id, status=status)]
    return []


def _labels(kind: str, ids: Iterable[str], catalog: Catalog) -> str:
    found = [catalog.get(kind, i) for i in ids]
    return "、".join(f"{r.label}（{r.id}）" for r in found if r is not None)


def _assignments(item: PlanItem, catalog: Catalog) -> list[Problem]:
    record = record_of(item, catalog)
    problems: list[Problem] = []
    allowed = {resource: option.allowed for resource, option in options(item, catalog).items()}
    what = KINDS[item.kind].name if item.kind else ""
    label = record.label if record else item.entry.id
    teacher = item.entry.teacher
    if teacher:
        target = catalog.get("teachers", teacher)
        where = _where(item, "teacher")
        if target is None:
            hint = did_you_mean(teacher, catalog.records["teachers"]) or None
            problems.append(problem("plan-unknown-teacher", *where, hint=hint, id=teacher))
        elif record is not None and allowed["teachers"] is not None and teacher not in allowed["teachers"]:
            names = _labels("teachers", allowed["teachers"], catalog)
            problems.append(
                problem(
                    "plan-teacher-not-offered",
                    *where,
                    teacher=target.label,
                    what=what,
                    label=label,
                    allowed=names,
                )
            )
    site = item.entry.site
    if site:
        target = catalog.get("sites", site)
        where = _where(item, "site")
        if target is None:
            hint = did_you_mean(site, catalog.records["sites"]) or None
            problems.append(problem("plan-unknown-site", *where, hint=hint, id=site))
        elif record is not None and allowed["sites"] is not None and site not in allowed["sites"]:
            names = _labels("sites", allowed["sites"], catalog)
            problems.append(
                problem(
                    "plan-site-not-offered", *where, site=target.label, what=what, label=label, allowed=names
                )
            )
    return problems


def _status(item: PlanItem, catalog: Catalog) -> list[Problem]:
    entry = item.entry
    if entry.status in CONFIRMED and entry.confirmed_from is None:
        return [problem("plan-no-date", *_where(item, "status"), status=entry.status)]
    if entry.confirmed_from and entry.confirmed_to and entry.confirmed_to < entry.confirmed_from:
        where = _where(item, "confirmed_to")
        return [problem("plan-date-order", *where, end=entry.confirmed_to, start=entry.confirmed_from)]
    if entry.status == ARRANGED and item.confirmed and item.requested:
        (start, end), (wanted_from, wanted_to) = item.confirmed, item.requested
        if start < wanted_from or end > wanted_to:
            where = _where(item, "confirmed_from")
            return [
                problem(
                    "plan-date-outside",
                    *where,
                    dates=span_text(item.confirmed),
                    wanted=span_text(item.requested),
                )
            ]
    if entry.status == DECLINED and not entry.reply:
        return [problem("plan-decline-reason", *_where(item, "reply"))]
    if entry.status == PENDING and (entry.confirmed_from or entry.teacher or entry.site):
        return [problem("plan-pending-decided", *_where(item, "status"))]
    return []


def _unassigned(item: PlanItem, catalog: Catalog) -> list[Problem]:
    if item.status not in CONFIRMED:
        return []
    problems = []
    for resource, option in options(item, catalog).items():
        field = "teacher" if resource == "teachers" else "site"
        if len(option.choices) > 1 and not getattr(item.entry, field):
            what = KINDS[resource].name
            problems.append(
                problem("plan-unassigned", *_where(item, field), what=what, count=len(option.choices))
            )
    return problems


def _capacity(item: PlanItem, catalog: Catalog) -> list[Problem]:
    record = record_of(item, catalog)
    count = item.entry.participants
    if item.status not in CONFIRMED or record is None or count is None or item.kind is None:
        return []
    limits = [(KINDS[item.kind].name, KINDS[item.kind].capacity(record, catalog))]
    site = catalog.get("sites", item.entry.site) if item.entry.site else None
    if site is not None:
        limits.append((f"点位“{site.label}”", KINDS["sites"].capacity(site, catalog)))
    for what, capacity in limits:
        if capacity is not None and count > capacity:
            where = _where(item, "participants")
            return [problem("plan-over-capacity", *where, count=count, what=what, capacity=capacity)]
    return []


ITEM_RULES: tuple[Callable[[PlanItem, Catalog], list[Problem]], ...] = (
    _record,
    _assignments,
    _status,
    _unassigned,
    _capacity,
)


# --- one order ------------------------------------------------------------------------


def _order_rules(plan: Plan, number: str) -> list[Problem]:
    problems: list[Problem] = []
    items = plan.of(number)
    parsed = parse_number(number)
    order = plan.orders[number]
    if items and parsed is not None and parsed.mark != unit_mark(order.unit):
        problems.append(
            problem("plan-number-unit", *_where(items[0], "unit"), number=number, unit=order.unit)
        )
    seen: dict[tuple[str, str], PlanItem] = {}
    for item in items:
        first = seen.setdefault((item.kind or item.entry.kind, item.entry.id), item)
        if first is not item:
            what = KINDS[item.kind].name if item.kind else item.entry.kind
            where = _where(item, "id")
            problems.append(
                problem("plan-duplicate-item", *where, what=what, id=item.entry.id, first=first.index + 1)
            )
    return problems


# --- across orders: one teacher, one site, one day ------------------------------------


def _overlap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> tuple[dt.date, dt.date] | None:
    start, end = max(a[0], b[0]), min(a[1], b[1])
    return (start, end) if start <= end else None


def _double_bookings(plan: Plan, catalog: Catalog) -> list[Problem]:
    """Each pair of confirmed items of two orders that share a teacher or a site on a day.

    Per teacher and site, its confirmed items are swept in date order, each compared only
    with those still running on its first day: linear in the plan but for real overlaps.
    """
    by_record: dict[tuple[str, str], list[PlanItem]] = {}
    for item in plan.confirmed():  # in date order
        for kind, ids in uses(item, catalog, decided=True).items():
            for record_id in ids:
                by_record.setdefault((kind, record_id), []).append(item)
    problems: list[Problem] = []
    for (kind, record_id), found in sorted(by_record.items()):
        running: list[PlanItem] = []
        for later in found:
            start = later.confirmed[0]  # type: ignore[index]
            running = [first for first in running if first.confirmed[1] >= start]  # type: ignore[index]
            for first in running:
                if first.number == later.number:
                    continue  # the items of one order are one visit
                days = _overlap(first.confirmed, later.confirmed)  # type: ignore[arg-type]
                path, line, _ = first.locate("confirmed_from")
                where = f"{path}:{line}"
                if kind == "teachers":
                    field = "teacher" if later.entry.teacher else "confirmed_from"
                    name = catalog.teachers[record_id].label
                    problems.append(
                        problem(
                            "plan-teacher-twice",
                            *_where(later, field),
                            name=name,
                            dates=span_text(days),  # type: ignore[arg-type]
                            other=first.number,
                            where=where,
                        )
                    )
                else:
                    problems.append(_site_twice(first, later, record_id, days, where, catalog))
            running.append(later)
    return problems


def _site_twice(
    first: PlanItem, later: PlanItem, site_id: str, days, where: str, catalog: Catalog
) -> Problem:
    site = catalog.sites[site_id]
    counts = [first.entry.participants, later.entry.participants]
    capacity = site.capacity
    field = "site" if later.entry.site else "confirmed_from"
    at = _where(later, field)
    if capacity is not None and None not in counts and sum(c or 0 for c in counts) <= capacity:
        total = sum(c or 0 for c in counts)
        return problem(
            "plan-site-twice",
            *at,
            variant="shared",
            name=site.label,
            dates=span_text(days),
            other=first.number,
            where=where,
            total=total,
            capacity=capacity,
        )
    total_text = f"{sum(c or 0 for c in counts)} 人" if None not in counts else "人数没有填全"
    capacity_text = f"{capacity} 人" if capacity is not None else "未注明"
    return problem(
        "plan-site-twice",
        *at,
        name=site.label,
        dates=span_text(days),
        other=first.number,
        where=where,
        total=total_text,
        capacity=capacity_text,
    )
