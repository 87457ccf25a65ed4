"""The order CSV (点单表) units export from the site: its columns, kinds and rules.

The format is defined here once. `ORDER_FORMAT` is plain JSON-able data, so the site's
JavaScript receives the same columns, kind labels and rules from Python:

- one row per ordered item; the order number (单号, catalog.orders.number) and the unit's
  fields are repeated on every row;
- the header row holds the Chinese column labels of `ORDER_COLUMNS`, in that order;
- `kind` holds the Chinese kind label (课程/师资/教学点位/教学路线);
- dates are `YYYY-MM-DD` or empty; participants an integer or empty;
- every item passes `ORDER_RULES` (dates in order and not before the order date, whole
  participants within the record's capacity, the unit's fields filled in, a record whose
  status allows ordering, and a word on what it needs that cannot be ordered now);
- UTF-8 with BOM, CRLF line ends, RFC 4180 quoting (Excel and WPS open it as is);
- a text cell that a spreadsheet would run as a formula gets a leading `'`
  (catalog.tabular.writing, the one guard of every sheet we write); reading removes it.

Only the browser writes it (catalog/site/assets/order.js); reading it back is
catalog.orders.reading.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from catalog.core.codes import CODES
from catalog.core.kinds import KINDS, kind_of
from catalog.orders.number import NUMBER_FORMAT
from catalog.tabular.writing import FORMULA_RULE

ORDER_COLUMNS: list[tuple[str, str]] = [
    ("number", "单号"),
    ("unit", "单位名称"),
    ("contact", "联系人"),
    ("phone", "联系电话"),
    ("kind", "类型"),
    ("id", "编号"),
    ("name", "名称"),
    ("date_from", "开始日期"),
    ("date_to", "结束日期"),
    ("participants", "人数"),
    ("note", "备注"),
]
REQUIRED_COLUMNS = ("unit", "kind", "id")
UNIT_FIELDS = ("unit", "contact", "phone")  # the unit's part, repeated on every row

# The checks of every ordered item, as data: the order page runs them before it exports
# (assets/order.js) and `catalog orders` runs them when it reads a file back
# (catalog.orders.rules), so a unit is never told "fine" by one and "wrong" by the other.
# For each field the first rule that fails is the one reported. Each check has one
# problem code (`CHECK_CODES`), whose wording (catalog.core.codes) both sides show.
# A date as units and spreadsheets write it: 2026-05-10, 2026/5/10, 2026年5月10日, 2026/5/10 0:00.
DATE_PATTERN = r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+0?0:00(?::00)?)?$"

ORDER_RULES: list[dict] = [
    {"check": "required", "field": "unit"},
    {"check": "required", "field": "contact"},
    {"check": "required", "field": "phone"},
    {"check": "date", "field": "date_from"},
    {"check": "not_before_order", "field": "date_from"},
    {"check": "date", "field": "date_to"},
    {"check": "after", "field": "date_to", "other": "date_from"},
    {"check": "not_before_order", "field": "date_to"},
    {"check": "whole", "field": "participants", "min": 1, "pattern": r"^[+-]?\d+(?:\.0+)?$"},
    {"check": "capacity", "field": "participants"},
    {"check": "orderable", "field": "id"},  # the record's status (Kind.statuses) allows ordering
    {"check": "held_up", "field": "id"},  # what the item needs (a route's stops…) can be ordered
]
CHECK_CODES = {
    "required": "order-missing-field",
    "date": "order-bad-date",
    "not_before_order": "order-date-past",
    "after": "order-date-order",
    "whole": "order-bad-participants",
    "capacity": "order-over-capacity",
    "orderable": "order-refused",
    "held_up": "order-held-up",
}
# Every kind's statuses as the rules read them: kind → value → label and whether it is orderable.
STATUSES = {
    kind: {s.value: {"label": s.label, "orderable": s.orderable} for s in declared.statuses}
    for kind, declared in KINDS.items()
}
_ENGLISH_TAIL = re.compile(r"（[^（）]*[A-Za-z][^（）]*）$")  # "（end before start）": for the terminal


def _messages() -> dict:
    """code → variant → the Chinese message and hint templates, as the order page shows them."""
    found: dict[str, dict[str, dict[str, str]]] = {}
    for (code, variant), row in CODES.items():
        if code in CHECK_CODES.values():
            message = _ENGLISH_TAIL.sub("", row.message)
            found.setdefault(code, {})[variant] = {"message": message, "hint": row.hint}
    return found


ORDER_FORMAT: dict = {
    "columns": [{"key": key, "label": label} for key, label in ORDER_COLUMNS],
    "required": list(REQUIRED_COLUMNS),
    "unit_fields": list(UNIT_FIELDS),
    "kinds": {kind: declared.name for kind, declared in KINDS.items()},
    "encoding": "utf-8",
    "bom": True,
    "newline": "\r\n",
    "date_format": "YYYY-MM-DD",
    "date_pattern": DATE_PATTERN,
    "formula": FORMULA_RULE,
    "number": NUMBER_FORMAT,
    "rules": ORDER_RULES,
    "statuses": STATUSES,
    "codes": CHECK_CODES,
    "messages": _messages(),
}
LABELS = dict(ORDER_COLUMNS)


@dataclass(frozen=True)
class OrderRow:
    """One ordered item as read from one line of one order CSV."""

    path: str
    line: int
    number: str  # 单号 (catalog.orders.number), as written or derived for a file without one
    unit: str
    contact: str
    phone: str
    kind: str  # the data folder name: "courses", "teachers", "sites", "routes"
    id: str
    name: str
    date_from: dt.date | None
    date_to: dt.date | None
    participants: int | None
    note: str
    columns: dict[str, int] = field(default_factory=dict, compare=False, hash=False, repr=False)
    number_derived: bool = field(default=False, compare=False)  # the file had no 单号

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def content(self) -> tuple:
        """What the row asks for, without where it was written (to spot duplicates)."""
        return (
            self.number,
            self.unit,
            self.contact,
            self.phone,
            self.kind,
            self.id,
            self.date_from,
            self.date_to,
            self.participants,
            self.note,
        )


def norm(value: str) -> str:
    return unicodedata.normalize("NFKC", value).strip().lstrip("\ufeff").strip()


def parse_kind(value: str) -> str | None:
    """Every spelling of a kind a unit may leave in the file: names, folders, singulars."""
    found = kind_of(norm(value))
    return found.folder if found else None
