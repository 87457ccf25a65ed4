"""The spreadsheet columns of each record kind: Chinese headers ↔ record fields.

The headers are declared on the fields (`Sheet(...)` in catalog.core.models); this module
makes them a table per kind that serves both directions. `catalog import` accepts every
header listed for a column (the usual Chinese names found in instructor-pool, course and
site sheets, plus the field name itself); `catalog export` writes the first one, so an
exported sheet imports back unchanged. Header text is compared after normalising (full-width to
half-width, spaces removed, a trailing "*" or "：" dropped, a trailing "（…）" note ignored).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from types import UnionType
from typing import Annotated, Union, get_args, get_origin

from pydantic import BaseModel

from catalog.core.kinds import KINDS, MODELS
from catalog.core.models import TRAILING_FIELDS, Stop, nested_model, sheet_of

# How a cell turns into a field value (see catalog.editors.importing.cells):
#   text    one line or paragraph of text       list    several values (split on 、，,;； and newlines)
#   int     whole number ("50人" is fine)       number  number ("1.5学时" is fine)
#   date    a date (Excel date, 2024-05-01, 2024/5/1, 2024年5月1日)
#   bool    是/否                               status  在用/停用 (active/archived)
#   id      the record id (file name)           stops   a route's stops as one text:
#                                               "A—B—C", or "A（60 分钟）、B" as exported
VALUE_TYPES = ("text", "list", "int", "number", "date", "bool", "status", "id", "stops")


@dataclass(frozen=True)
class Column:
    field: str  # a field of the model; "contact.phone" for a nested one
    headers: tuple[str, ...]  # the first is written on export
    value: str = "text"
    joinable: bool = False  # two columns may both feed it (职务 + 职称 → post)
    hint: str = ""  # how to write a cell whose format is wrong
    spill: str = ""  # a sibling field that takes a cell holding one of its own values

    @property
    def header(self) -> str:
        return self.headers[0]


def _value_type(annotation: object, declared: str) -> str:
    """How a cell becomes the field's value, from the field's type (unless declared)."""
    if declared:
        return declared
    inner = annotation
    while get_origin(inner) is Annotated or (get_origin(inner) in (Union, UnionType)):
        inner = next(a for a in get_args(inner) if a is not type(None))
    if get_origin(inner) is list:
        return "list"
    return {bool: "bool", int: "int", float: "number", dt.date: "date"}.get(inner, "text")  # type: ignore[call-overload]


def _columns(model: type[BaseModel], prefix: str = "") -> list[Column]:
    found: list[Column] = []
    for name, info in model.model_fields.items():
        sheet = sheet_of(info)
        inner = nested_model(info.annotation)
        if sheet is not None:
            value = _value_type(info.annotation, sheet.value)
            found.append(Column(prefix + name, sheet.headers, value, sheet.joinable, sheet.hint, sheet.spill))
        elif inner is not None:
            found += _columns(inner, f"{prefix}{name}.")
    return found


def _kind_columns(model: type[BaseModel]) -> tuple[Column, ...]:
    """id first, the kind's own fields, then status and reviewed (as record files are written)."""
    found = _columns(model)
    first = [c for c in found if c.field == "id"]
    last = sorted(
        (c for c in found if c.field in TRAILING_FIELDS), key=lambda c: TRAILING_FIELDS.index(c.field)
    )
    return (*first, *[c for c in found if c not in first + last], *last)


COLUMNS: dict[str, tuple[Column, ...]] = {kind: _kind_columns(model) for kind, model in MODELS.items()}
IMPORTABLE = tuple(kind for kind, declared in KINDS.items() if declared.importable)

# A route sheet may also have one row per stop (路线名称, 点位, 停留分钟…): those columns fill
# one stop each (`stops.site`…); rows of one route are joined in order on import. They are
# read only: an export writes a route's stops as one text cell.
STOP_COLUMNS: dict[str, tuple[Column, ...]] = {"routes": tuple(_columns(Stop, "stops."))}


def import_columns(kind: str) -> tuple[Column, ...]:
    """Every column an import of `kind` reads: the kind's own, and for routes one stop's."""
    return COLUMNS[kind] + STOP_COLUMNS.get(kind, ())


STATUS_WORDS = {
    "active": "active",
    "在用": "active",
    "启用": "active",
    "正常": "active",
    "有效": "active",
    "archived": "archived",
    "停用": "archived",
    "已停用": "archived",
    "归档": "archived",
    "已归档": "archived",
}
STATUS_EXPORT = {"active": "在用", "archived": "停用"}
# A kind's own statuses (暂停、暂停开放、复评中, or their values) are read as written: the
# model takes each kind's values and labels (Kind.statuses) and refuses another kind's.
KIND_STATUS_WORDS = frozenset(w for k in KINDS.values() for s in k.statuses for w in (s.value, s.label))
YES = ("是", "有", "提供", "yes", "y", "true", "1", "√", "✓", "✔")
NO = ("否", "无", "没有", "不提供", "no", "n", "false", "0", "×", "✗")


def normalise_header(text: object) -> str:
    """Header text compared loosely: half-width, no spaces, no trailing * or colon, lower case."""
    value = unicodedata.normalize("NFKC", str(text or ""))
    value = re.sub(r"\s+", "", value).strip("*:").lower()
    return value


def _strip_note(header: str) -> str:
    return re.sub(r"\([^()]*\)$", "", header)


def header_table(kind: str) -> dict[str, Column]:
    """Normalised header → column, for every header (and field name) of a kind."""
    table: dict[str, Column] = {}
    for column in import_columns(kind):
        for header in (*column.headers, column.field):
            table.setdefault(normalise_header(header), column)
    return table


def find_column(kind: str, header: object, extra: dict[str, Column] | None = None) -> Column | None:
    """The column a header names (extra mappings from --map first), or None."""
    key = normalise_header(header)
    if not key:
        return None
    table = {**header_table(kind), **(extra or {})}
    return table.get(key) or table.get(_strip_note(key))


def column_for_field(kind: str, field: str) -> Column | None:
    return next((c for c in import_columns(kind) if c.field == field), None)
