"""The order CSV (点单表) units export from the site: its columns, kinds and rules.

The format is defined here once. `ORDER_FORMAT` is plain JSON-able data, so the site's
JavaScript receives the same columns, kind labels and rules from Python:

- one row per ordered item; the unit's fields are repeated on every row;
- the header row holds the Chinese column labels of `ORDER_COLUMNS`, in that order;
- `kind` holds the Chinese kind label (课程/师资/教学点位/教学路线);
- dates are `YYYY-MM-DD` or empty; participants an integer or empty;
- UTF-8 with BOM, CRLF line ends, RFC 4180 quoting (Excel and WPS open it as is);
- a text cell that a spreadsheet would run as a formula gets a leading `'`
  (catalog.tabular.writing, the one guard of every sheet we write); reading removes it.

Only the browser writes it (catalog/site/assets/order.js); reading it back is
catalog.orders.reading.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field

from catalog.core.kinds import KINDS, kind_of
from catalog.tabular.writing import FORMULA_RULE

ORDER_COLUMNS: list[tuple[str, str]] = [
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

ORDER_FORMAT: dict = {
    "columns": [{"key": key, "label": label} for key, label in ORDER_COLUMNS],
    "required": list(REQUIRED_COLUMNS),
    "kinds": {kind: declared.name for kind, declared in KINDS.items()},
    "encoding": "utf-8",
    "bom": True,
    "newline": "\r\n",
    "date_format": "YYYY-MM-DD",
    "formula": FORMULA_RULE,
}
LABELS = dict(ORDER_COLUMNS)


@dataclass(frozen=True)
class OrderRow:
    """One ordered item as read from one line of one order CSV."""

    path: str
    line: int
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

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def content(self) -> tuple:
        """What the row asks for, without where it was written (to spot duplicates)."""
        return (
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
