"""From the orders of many units to the dispatch summary (派单汇总): demand and clashes.

Demand: for each ordered course, teacher, site and route, the rows that ask for it.
Clashes: the rows are merged into the catalog's plan (catalog.orders.plan_merge: new items
wait as 待安排, decisions already made are kept), and the merged plan's clashes are found
once each (catalog.orders.conflicts): 冲突 among confirmed items, 待协调 where one is open.
Rows come already checked (`catalog.orders.reading.read_orders`); this module only sums.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from catalog.core.kinds import KINDS
from catalog.core.models import Record
from catalog.core.relations import Catalog
from catalog.orders.conflicts import Clash, clashes, undated
from catalog.orders.format import OrderRow
from catalog.orders.plan import Plan, PlanItem
from catalog.orders.plan_merge import Merged, merge_rows


def span(row: OrderRow) -> tuple[dt.date, dt.date] | None:
    """The row's date range, both ends inclusive; one date alone means that one day."""
    start = row.date_from or row.date_to
    end = row.date_to or row.date_from
    return (start, end) if start and end else None


def _row_order(row: OrderRow) -> tuple[object, ...]:
    dates = span(row)
    return (dates is None, dates or (dt.date.min, dt.date.min), row.unit, row.path, row.line)


@dataclass(frozen=True)
class Demand:
    """Every request for one record."""

    kind: str
    record: Record
    capacity: int | None
    rows: list[OrderRow]

    @property
    def units(self) -> list[str]:
        return sorted({row.unit for row in self.rows})

    @property
    def participants(self) -> int:
        return sum(row.participants or 0 for row in self.rows)

    @property
    def unknown_participants(self) -> int:
        return sum(row.participants is None for row in self.rows)


@dataclass
class Dispatch:
    files: list[str]
    rows: list[OrderRow]
    demands: dict[str, list[Demand]]  # per kind, kinds in KINDS order, records by id
    merged: Merged  # the plan with these rows in it
    clashes: list[Clash] = field(default_factory=list)
    undated: list[PlanItem] = field(default_factory=list)  # open items needing a teacher/site, no dates

    @property
    def units(self) -> list[str]:
        return sorted({row.unit for row in self.rows})

    @property
    def plan(self) -> Plan:
        return self.merged.plan

    @property
    def conflicts(self) -> list[Clash]:
        return [clash for clash in self.clashes if clash.confirmed]

    @property
    def to_coordinate(self) -> list[Clash]:
        return [clash for clash in self.clashes if not clash.confirmed]

    def item_of(self, row: OrderRow) -> PlanItem | None:
        return self.plan.item((row.number, row.kind, row.id))

    def clashes_of(self, item: PlanItem | None) -> list[Clash]:
        return self._clashes_by_item.get(item, []) if item is not None else []

    @cached_property
    def _clashes_by_item(self) -> dict[PlanItem, list[Clash]]:
        """Each item's clashes, found once (10,000 items in one clash: linear, not squared)."""
        found: dict[PlanItem, list[Clash]] = {}
        for clash in self.clashes:
            for item in clash.items:
                found.setdefault(item, []).append(clash)
        return found


def summarise(
    rows: list[OrderRow], catalog: Catalog, files: list[str] | None = None, plan: Plan | None = None
) -> Dispatch:
    """Demand per record, and the clashes of `plan` (the catalog's, or none) with the rows in."""
    by_record: dict[tuple[str, str], list[OrderRow]] = {}
    kept: list[OrderRow] = []
    for row in rows:
        if catalog.get(row.kind, row.id) is None:  # reported while reading
            continue
        kept.append(row)
        by_record.setdefault((row.kind, row.id), []).append(row)
    demands: dict[str, list[Demand]] = {kind: [] for kind in KINDS}
    for (kind, record_id), asked in sorted(by_record.items(), key=lambda item: item[0][1]):
        record = catalog.records[kind][record_id]
        capacity = KINDS[kind].capacity(record, catalog)
        demands[kind].append(Demand(kind, record, capacity, sorted(asked, key=_row_order)))
    merged = merge_rows(plan or Plan(), kept)
    return Dispatch(
        files=list(files or sorted({row.path for row in kept})),
        rows=kept,
        demands={kind: found for kind, found in demands.items() if found},
        merged=merged,
        clashes=clashes(merged.plan, catalog),
        undated=undated(merged.plan, catalog),
    )
