"""New orders into the plan: add what is new, keep every decision already made.

`catalog orders` reads the units' order CSVs (catalog.orders.reading) and merges them here
into the plan the catalog holds. An order is its 单号; an item is its kind and id within
the order. What the unit wrote (its name, contact and phone, an item's dates, participants
and note) is taken from the order file, which is the unit's word; what the department
decided (status, confirmed dates, teacher, site, reply) stays as it is. Items and orders
that the files given this time do not mention stay too: a run with this week's files
does not forget last week's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from catalog.core.kinds import KINDS, kind_of
from catalog.orders.format import OrderRow
from catalog.orders.plan import Plan, PlanEntry, PlanItem, PlanOrder
from catalog.orders.plan_files import add_order


@dataclass
class Merged:
    plan: Plan
    added: list[PlanItem] = field(default_factory=list)  # items new to the plan (待安排)
    updated: list[PlanItem] = field(default_factory=list)  # items whose request changed
    changed: list[str] = field(default_factory=list)  # numbers of the orders to write


def _csv_locator(row: OrderRow):
    def locate(name: str) -> tuple[str, int, int]:
        return row.path, row.line, row.columns.get(name, 1)

    return locate


def _request(row: OrderRow) -> dict[str, object]:
    return {
        "name": row.name,
        "date_from": row.date_from,
        "date_to": row.date_to,
        "participants": row.participants,
        "note": row.note,
    }


def merge_rows(plan: Plan, rows: list[OrderRow]) -> Merged:
    """The plan with the rows merged in (the given plan is left as it was)."""
    merged = Plan()
    for number, order in plan.orders.items():
        items = plan.of(number)
        add_order(merged, number, order, lambda i, items=items: items[i].locate, plan.paths[number])
    result = Merged(merged)
    by_number: dict[str, list[OrderRow]] = {}
    for row in rows:
        by_number.setdefault(row.number, []).append(row)
    for number, found in sorted(by_number.items()):
        old = merged.orders.get(number)
        entries = list(old.items) if old else []
        locators = [item.locate for item in merged.of(number)]
        fresh: list[int] = []
        moved: list[int] = []
        for row in found:
            kind = KINDS[row.kind].name
            at = next((i for i, entry in enumerate(entries) if _same(entry, row)), None)
            if at is None:
                entries.append(PlanEntry(kind=kind, id=row.id, **_request(row)))
                locators.append(_csv_locator(row))
                fresh.append(len(entries) - 1)
                continue
            updated = entries[at].model_copy(update=_request(row))
            if updated != entries[at]:
                entries[at] = updated
                locators[at] = _csv_locator(row)
                moved.append(at)
        first = found[0]
        unit = {"unit": first.unit, "contact": first.contact, "phone": first.phone}
        order = old.model_copy(update={**unit, "items": entries}) if old else PlanOrder(items=entries, **unit)
        if old is not None and order == old:
            continue
        add_order(merged, number, order, lambda i, locators=locators: locators[i], f"dispatch/{number}.yml")
        items = merged.of(number)
        result.added += [items[i] for i in fresh]
        result.updated += [items[i] for i in moved]
        result.changed.append(number)
    return result


def _same(entry: PlanEntry, row: OrderRow) -> bool:
    """The plan's entry for the item of this row (same kind, same id)."""
    found = kind_of(entry.kind)
    return found is not None and found.folder == row.kind and entry.id == row.id
