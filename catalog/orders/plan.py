"""The department's dispatch plan (派单计划): one record per order, in the `dispatch/` folder.

A plan file is named by its order number (`dispatch/20261120-g0xq-7q2m.yml`) and holds what
the unit asked for (the unit, its contact, each item with its dates, participants and
note) and what the department decided for each item: a status (待安排, 已安排, 改期,
婉拒), the confirmed dates, the teacher and the site it assigned, and a note to the unit.
`catalog orders` adds the requests it reads, `catalog plan` brings back the decisions made
in the plan's spreadsheet, and editors may change a file by hand like any record.

The files are read like every record (catalog.orders.plan_files: YAML with positions,
Pydantic); `PlanItem.locate(field)` says where a value stands, in the file or, when the
decisions come from the spreadsheet, in its cell, so that one set of rules
(catalog.orders.plan_rules) speaks of either with PATH:LINE:COL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from catalog.core.codes import KIND_CHOICE
from catalog.core.kinds import KINDS, kind_of
from catalog.core.models import Blanks, Count, Day, Line, Personal, Record, Text
from catalog.core.relations import Catalog

PENDING, ARRANGED, MOVED, DECLINED = "待安排", "已安排", "改期", "婉拒"
STATUSES = (PENDING, ARRANGED, MOVED, DECLINED)
CONFIRMED = (ARRANGED, MOVED)  # statuses with confirmed dates: on the schedule
RESOURCES = {"teachers": "teacher", "sites": "site"}  # what the department assigns, and its field
Status = Literal["待安排", "已安排", "改期", "婉拒"]


class PlanEntry(Blanks):
    """One requested item and the department's decision on it."""

    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, coerce_numbers_to_str=True, frozen=True
    )

    kind: Line = Field(description=f"类型：{KIND_CHOICE}")
    id: Line = Field(description="所点记录的编号")
    name: Line = Field("", description="点单时的名称（便于人看，以编号为准）")
    date_from: Day | None = Field(None, description="单位希望的开始日期")
    date_to: Day | None = Field(None, description="单位希望的结束日期")
    participants: Count | None = Field(None, ge=1, le=100_000, description="参加人数")
    note: Text = Field("", max_length=1000, description="单位的备注")
    status: Status = Field("待安排", description="状态：待安排、已安排、改期 或 婉拒")
    confirmed_from: Day | None = Field(None, description="确认的开始日期")
    confirmed_to: Day | None = Field(None, description="确认的结束日期（只有一天可不填）")
    teacher: Line | None = Field(None, description="派出的师资编号")
    site: Line | None = Field(None, description="安排的点位编号")
    reply: Text = Field("", max_length=1000, description="给单位的说明（婉拒时写明原因）")


class PlanOrder(Blanks):
    """One unit's order (the file name is its 单号) with a decision per item."""

    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, coerce_numbers_to_str=True, frozen=True
    )

    unit: Line = Field(description="点单单位")
    contact: Annotated[Line, Personal()] = Field("", description="单位联系人（个人信息，默认不公开）")
    phone: Annotated[Line, Personal()] = Field("", description="联系电话（个人信息，默认不公开）")
    items: list[PlanEntry] = Field(min_length=1, description="所点的各项，每项一个决定")


DECISION_FIELDS = ("status", "confirmed_from", "confirmed_to", "teacher", "site", "reply")
REQUEST_FIELDS = ("name", "date_from", "date_to", "participants", "note")
ORDER_FIELDS = ("unit", "contact", "phone")

Locate = Callable[[str], tuple[str, int, int]]  # a field's name → (path, line, column)


@dataclass(frozen=True, eq=False)
class PlanItem:
    """One item of one order, with where its values stand."""

    number: str
    order: PlanOrder
    index: int  # the item's place in its order (0-based)
    entry: PlanEntry
    locate: Locate = field(repr=False)

    @property
    def kind(self) -> str | None:
        """The data folder of the item's kind, None when the kind is not one we know."""
        found = kind_of(self.entry.kind)
        return found.folder if found else None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.number, self.kind or self.entry.kind, self.entry.id)

    @property
    def unit(self) -> str:
        return self.order.unit

    @property
    def status(self) -> str:
        return self.entry.status

    @property
    def confirmed(self) -> tuple[dt.date, dt.date] | None:
        """The confirmed dates of an arranged item (both ends inclusive), else None."""
        start = self.entry.confirmed_from
        if self.entry.status not in CONFIRMED or start is None:
            return None
        return start, max(start, self.entry.confirmed_to or start)

    @property
    def requested(self) -> tuple[dt.date, dt.date] | None:
        """The dates the unit asked for; one date alone means that one day."""
        start = self.entry.date_from or self.entry.date_to
        end = self.entry.date_to or self.entry.date_from
        return (start, max(start, end)) if start and end else None

    def at(self, name: str) -> str:
        """PATH:LINE:COL of a field, as problems print it."""
        path, line, column = self.locate(name)
        return f"{path}:{line}:{column}"


@dataclass
class Plan:
    """Every order of the plan by number, and their items (indexed by number)."""

    orders: dict[str, PlanOrder] = field(default_factory=dict)
    paths: dict[str, str] = field(default_factory=dict)  # number → the file it came from
    _by_number: dict[str, list[PlanItem]] = field(default_factory=dict, repr=False)
    _cache: dict[str, list[PlanItem]] = field(default_factory=dict, repr=False)

    def __bool__(self) -> bool:
        return bool(self.orders)

    def put(self, number: str, order: PlanOrder, locator: Callable[[int], Locate], path: str) -> None:
        """Add an order (or replace the one with this number); `locator(i)` locates item i."""
        self.orders[number] = order
        self.paths[number] = path
        self._by_number[number] = [
            PlanItem(number, order, i, e, locator(i)) for i, e in enumerate(order.items)
        ]
        self._cache.clear()

    @property
    def items(self) -> list[PlanItem]:
        """Every item, in number order and then in the order's own order."""
        if "items" not in self._cache:
            self._cache["items"] = [
                item for number in sorted(self._by_number) for item in self._by_number[number]
            ]
        return self._cache["items"]

    def of(self, number: str) -> list[PlanItem]:
        return list(self._by_number.get(number, ()))

    def item(self, key: tuple[str, str, str]) -> PlanItem | None:
        return next((item for item in self._by_number.get(key[0], ()) if item.key == key), None)

    def confirmed(self) -> list[PlanItem]:
        """Arranged items in date order (then number and place in the order)."""
        if "confirmed" not in self._cache:
            found = [item for item in self.items if item.confirmed is not None]
            self._cache["confirmed"] = sorted(
                found, key=lambda item: (item.confirmed, item.number, item.index)
            )
        return self._cache["confirmed"]


# --- what an item uses: the teachers and sites, fixed or to choose from ---------------------


@dataclass(frozen=True)
class Options:
    """The records of one resource kind an item involves."""

    fixed: tuple[str, ...]  # always used: a route's stops, the teacher who was ordered
    choices: tuple[str, ...]  # alternatives: a course's teachers, of whom one is assigned

    @property
    def allowed(self) -> tuple[str, ...] | None:
        """Which may be assigned: the alternatives, else the fixed ones, else any (None)."""
        return self.choices or self.fixed or None


def options(item: PlanItem, catalog: Catalog) -> dict[str, Options]:
    """For "teachers" and "sites": what the item's record involves (Kind.uses, Kind.choose)."""
    kind = item.kind
    record = catalog.get(kind, item.entry.id) if kind else None
    if kind is None or record is None:
        return {resource: Options((), ()) for resource in RESOURCES}
    declared = KINDS[kind]
    used = declared.uses(record, catalog)
    found = {}
    for resource in RESOURCES:
        ids = tuple(dict.fromkeys(i for k, i in used if k == resource and catalog.get(k, i) is not None))
        found[resource] = Options((), ids) if resource in declared.choose else Options(ids, ())
    return found


def assigned(item: PlanItem, resource: str) -> str | None:
    value = item.entry.teacher if resource == "teachers" else item.entry.site
    return value or None


def uses(item: PlanItem, catalog: Catalog, *, decided: bool) -> dict[str, tuple[str, ...]]:
    """The teachers and sites an item occupies: fixed ones and the assigned one; a sole
    alternative is as good as assigned. Undecided (`decided=False`), every alternative
    counts, since any of them may be the one."""
    found = {}
    for resource, option in options(item, catalog).items():
        ids = list(option.fixed)
        chosen = assigned(item, resource)
        if chosen:
            ids.append(chosen)
        elif len(option.choices) == 1 or not decided:
            ids += option.choices
        found[resource] = tuple(i for i in dict.fromkeys(ids) if catalog.get(resource, i) is not None)
    return found


def record_of(item: PlanItem, catalog: Catalog) -> Record | None:
    return catalog.get(item.kind, item.entry.id) if item.kind else None
