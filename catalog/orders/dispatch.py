"""From the orders of many units to a dispatch plan (派单): demand and conflicts.

Demand: for each ordered course, teacher, site and route, the rows that ask for it.
Conflicts: a teacher or a site wanted by two or more units on overlapping dates. A row
uses a teacher or site when it orders it directly, when it orders a course that names
it (the course's teachers and sites), or a route that stops there. Rows come already
checked (`catalog.orders.reading.read_orders`); this module only sums and compares.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from catalog.core.kinds import KINDS
from catalog.core.models import Record
from catalog.core.relations import Catalog
from catalog.orders.format import OrderRow

RESOURCE_KINDS = ("teachers", "sites")


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

    def over_capacity(self, row: OrderRow) -> bool:
        return bool(self.capacity and row.participants and row.participants > self.capacity)


@dataclass(frozen=True)
class Use:
    """One row using a teacher or site, directly (`via` is None) or through a course or route."""

    row: OrderRow
    via: Record | None


@dataclass(frozen=True)
class Conflict:
    """Uses of one teacher or site by several units whose date ranges overlap (chained)."""

    kind: str
    record: Record
    start: dt.date
    end: dt.date
    uses: list[Use]

    @property
    def units(self) -> list[str]:
        return sorted({use.row.unit for use in self.uses})


@dataclass
class Dispatch:
    files: list[str]
    rows: list[OrderRow]
    demands: dict[str, list[Demand]]  # per kind, kinds in KINDS order, records by id
    conflicts: list[Conflict]
    undated: list[OrderRow] = field(default_factory=list)  # rows using a teacher/site, no dates

    @property
    def units(self) -> list[str]:
        return sorted({row.unit for row in self.rows})

    def conflicts_of(self, row: OrderRow) -> list[Conflict]:
        return [c for c in self.conflicts if any(use.row is row for use in c.uses)]


def resources(row: OrderRow, catalog: Catalog) -> list[tuple[str, str, Record | None]]:
    """The (kind, id, via) of every teacher and site a row uses, each once."""
    record = catalog.get(row.kind, row.id)
    if record is None:
        return []
    found: list[tuple[str, str, Record | None]] = [
        (kind, record_id, None if (kind, record_id) == (row.kind, row.id) else record)
        for kind, record_id in KINDS[row.kind].uses(record, catalog)
    ]
    unique: dict[tuple[str, str], tuple[str, str, Record | None]] = {}
    for item in found:
        unique.setdefault(item[:2], item)
    return list(unique.values())


def summarise(rows: list[OrderRow], catalog: Catalog, files: list[str] | None = None) -> Dispatch:
    by_record: dict[tuple[str, str], list[OrderRow]] = {}
    uses: dict[tuple[str, str], list[Use]] = {}
    undated: list[OrderRow] = []
    kept: list[OrderRow] = []
    for row in rows:
        if catalog.get(row.kind, row.id) is None:  # reported while reading
            continue
        kept.append(row)
        by_record.setdefault((row.kind, row.id), []).append(row)
        used = resources(row, catalog)
        if used and span(row) is None:
            undated.append(row)
        for kind, record_id, via in used:
            if catalog.get(kind, record_id) is not None:
                uses.setdefault((kind, record_id), []).append(Use(row, via))

    demands: dict[str, list[Demand]] = {kind: [] for kind in KINDS}
    for (kind, record_id), asked in sorted(by_record.items(), key=lambda item: item[0][1]):
        record = catalog.records[kind][record_id]  # rows of unknown records were left out above
        capacity = KINDS[kind].capacity(record, catalog)
        demands[kind].append(Demand(kind, record, capacity, sorted(asked, key=_row_order)))

    conflicts: list[Conflict] = []
    for kind in RESOURCE_KINDS:
        for (use_kind, record_id), found in sorted(uses.items()):
            if use_kind == kind:
                conflicts += _overlaps(kind, catalog.records[kind][record_id], found)
    return Dispatch(
        files=list(files or sorted({row.path for row in kept})),
        rows=kept,
        demands={kind: found for kind, found in demands.items() if found},
        conflicts=conflicts,
        undated=sorted(undated, key=_row_order),
    )


def _overlaps(kind: str, record: Record, uses: list[Use]) -> list[Conflict]:
    """Sweep the dated uses in start order; a chain of overlaps with two units is a conflict."""
    dated = sorted(
        ((dates, u) for u in uses if (dates := span(u.row)) is not None),
        key=lambda item: (*item[0], item[1].row.unit, item[1].row.path, item[1].row.line),
    )
    conflicts: list[Conflict] = []
    group: list[Use] = []
    start = end = dt.date.min
    for dates, use in dated:
        if group and dates[0] <= end:
            group.append(use)
            end = max(end, dates[1])
            continue
        if len({u.row.unit for u in group}) >= 2:
            conflicts.append(Conflict(kind, record, start, end, group))
        group, (start, end) = [use], dates
    if len({u.row.unit for u in group}) >= 2:
        conflicts.append(Conflict(kind, record, start, end, group))
    return conflicts
