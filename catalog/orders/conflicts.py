"""Clashes in the plan, each counted once: 冲突 among confirmed items, 待协调 among the rest.

A clash is a group of items of two or more orders that need one teacher or one site on
overlapping days. A confirmed item (已安排, 改期) needs its confirmed days and what it was
given: the assigned teacher and site, the fixed ones (a route's stops), and a sole
alternative. An item not yet decided (待安排) needs the days the unit asked for, and every
alternative it might be given (all of a course's teachers and sites). Declined items need
nothing.

Per teacher or site, overlapping date ranges are chained (5/10–12 and 5/12 overlap); the
chains of several records that hold the same items are one clash, naming every record they
share: two orders for one course with two teachers and two sites are one clash, not four
(or nine). A clash whose items are all confirmed is a conflict (冲突); one with an item
still open is to be coordinated (待协调).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from catalog.core.kinds import KINDS
from catalog.core.relations import Catalog
from catalog.orders.plan import DECLINED, PENDING, Plan, PlanItem, uses

Span = tuple[dt.date, dt.date]


@dataclass(frozen=True)
class Clash:
    items: tuple[PlanItem, ...]  # in date order, two or more orders
    shared: tuple[tuple[str, str], ...]  # (kind, id) of every teacher and site they share
    start: dt.date
    end: dt.date

    @property
    def confirmed(self) -> bool:
        """True for a conflict (every item confirmed), False for 待协调."""
        return all(item.confirmed is not None for item in self.items)

    @cached_property
    def orders(self) -> list[str]:
        return sorted({item.number for item in self.items})


def need(item: PlanItem, catalog: Catalog) -> tuple[Span, dict[str, tuple[str, ...]]] | None:
    """The days and the teachers and sites an item needs (None: declined or no dates)."""
    if item.status == DECLINED:
        return None
    if item.confirmed is not None:
        return item.confirmed, uses(item, catalog, decided=True)
    if item.status == PENDING and item.requested is not None:
        return item.requested, uses(item, catalog, decided=False)
    return None


def undated(plan: Plan, catalog: Catalog) -> list[PlanItem]:
    """Open items that need a teacher or site but give no dates: clashes cannot be judged."""
    found = []
    for item in plan.items:
        if item.status == PENDING and item.requested is None:
            needed = uses(item, catalog, decided=False)
            if any(needed.values()):
                found.append(item)
    return found


def clashes(plan: Plan, catalog: Catalog) -> list[Clash]:
    """Every clash of the plan, once, in date order."""
    by_record: dict[tuple[str, str], list[tuple[Span, PlanItem]]] = {}
    for item in plan.items:
        needed = need(item, catalog)
        if needed is None:
            continue
        days, resources = needed
        for kind, ids in resources.items():
            for record_id in ids:
                by_record.setdefault((kind, record_id), []).append((days, item))
    groups: dict[tuple[PlanItem, ...], list[tuple[tuple[str, str], Span]]] = {}
    for record, found in sorted(by_record.items(), key=lambda pair: pair[0]):
        for members, days in _chains(found):
            groups.setdefault(members, []).append((record, days))
    result = []
    order = list(KINDS)
    for members, records in groups.items():
        start = min(days[0] for _, days in records)
        end = max(days[1] for _, days in records)
        shared = sorted((record for record, _ in records), key=lambda r: (order.index(r[0]), r[1]))
        result.append(Clash(members, tuple(shared), start, end))
    return sorted(result, key=lambda clash: (clash.start, clash.end, [i.key for i in clash.items]))


def _chains(found: list[tuple[Span, PlanItem]]) -> list[tuple[tuple[PlanItem, ...], Span]]:
    """Sweep the uses of one record in start order; a chain of overlaps of two orders."""
    ordered = sorted(found, key=lambda pair: (pair[0], pair[1].number, pair[1].index))
    chains: list[tuple[tuple[PlanItem, ...], Span]] = []
    group: list[PlanItem] = []
    start = end = dt.date.min

    def close() -> None:
        if len({item.number for item in group}) >= 2:
            members = tuple(sorted(dict.fromkeys(group), key=lambda i: (i.number, i.index)))
            chains.append((members, (start, end)))

    for (first, last), item in ordered:
        if group and first <= end:
            group.append(item)
            end = max(end, last)
            continue
        close()
        group, start, end = [item], first, last
    close()
    return chains
