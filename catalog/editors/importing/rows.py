"""Data rows of a sheet as records: converted, names resolved to ids, checked like files.

Each row is checked with the same model, vocabularies and references as `catalog check`
(catalog.load.validate), at the row's cells; ids come from the names (catalog.editors.slugs).
"""

from __future__ import annotations

import copy
import re
import typing
from dataclasses import dataclass, field, replace

from pydantic import BaseModel

from catalog.core.codes import problem
from catalog.core.kinds import KINDS, MODELS
from catalog.core.models import Record, Ref, markers, nested_model
from catalog.core.problems import Problem
from catalog.core.relations import walk_markers, walk_raw_markers
from catalog.core.wording import name_key
from catalog.editors.columns import Column, column_for_field, normalise_header
from catalog.editors.importing.cells import clean_cell, convert, get, put
from catalog.editors.importing.existing import Existing
from catalog.editors.importing.header import IGNORED, Header

if typing.TYPE_CHECKING:
    from catalog.editors.importing.options import Given
from catalog.editors.slugs import base_id, unique_id
from catalog.load.duplicates import twins
from catalog.load.records import build_record
from catalog.load.validate import check_markers, check_photo
from catalog.load.yamlsource import SourceFile
from catalog.tabular.sheets import Sheet

PARAGRAPH_FIELDS = ("bio", "description")
CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


@dataclass
class Row:
    number: int
    data: dict
    cells: dict[str, int]  # field path → column of its (first) cell (0: a --set value)
    problems: list[Problem]
    given: set[str]  # field paths whose column exists in the sheet (or that --set gives)
    label: str = ""
    record_id: str = ""
    # where the values of a route's stops stand when each came from its own row:
    # ("stops", 2, "minutes") → (row, column)
    positions: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    broken: set[tuple] = field(default_factory=set)  # values already reported (a name not found)


def read_row(
    sheet: Sheet, kind: str, header: Header, number: int, cells: list[object], given: Given | None = None
) -> Row | None:
    """One data row as raw record data; None for a blank row (or a repeated header row).

    `given` adds the --set values where the row has none; a cell whose value belongs to a
    sibling field (类型: 兼职) goes there (`Column.spill`)."""
    values = {col: clean_cell(cells[col - 1]) if col - 1 < len(cells) else None for col in header.columns}
    if all(value is None for value in values.values()):
        return None
    if all(
        value is None or normalise_header(value) == normalise_header(header.titles[col])
        for col, value in values.items()
    ):
        return None  # the header repeated (printed sheets repeat it on every page)
    row = Row(number, {}, {}, [], set())
    failed: set[str] = set()
    for col, column in sorted(header.columns.items()):
        if column is IGNORED:
            continue
        row.given.add(column.field)
        value = values[col]
        if value is None:
            continue
        converted, bad = convert(column, value, (sheet.path, number, col, header.titles[col]))
        if bad is not None:
            row.problems.append(bad)
            row.cells.setdefault(column.field, col)
            failed.add(column.field)
            continue
        spilled = spilled_field(kind, column, converted)
        if spilled and get(row.data, spilled) is None:
            put(row.data, spilled, converted)
            row.cells.setdefault(spilled, col)
            row.given.add(spilled)
            continue
        previous = get(row.data, column.field)
        if previous is not None and column.joinable:  # 职务 + 职称, two 擅长 columns…
            if isinstance(previous, list) and isinstance(converted, list):
                converted = previous + [v for v in converted if v not in previous]
            else:
                converted = (
                    f"{previous}{chr(10) * 2 if column.field in PARAGRAPH_FIELDS else '、'}{converted}"
                )
        put(row.data, column.field, converted)
        row.cells.setdefault(column.field, col)
    for path, (_, value, _) in (given.values if given else {}).items():
        if get(row.data, path) is None and path not in failed:  # a cell of the sheet wins
            put(row.data, path, copy.deepcopy(value))
            row.cells.setdefault(path, 0)
            row.given.add(path)
    coordinates = row.data.get("coordinates")
    if (
        isinstance(coordinates, dict)
        and len(coordinates) == 1
        and not failed & {"coordinates.lat", "coordinates.lon"}
    ):
        present = next(iter(coordinates))
        col = row.cells[f"coordinates.{present}"]
        row.problems.append(problem("bad-cell", sheet.path, number, col, variant="coordinates"))
        failed.add("coordinates")
    for name, info in MODELS[kind].model_fields.items():
        if (
            info.is_required()
            and name not in ("id", "reviewed")
            and name not in row.data
            and name not in failed
        ):
            wanted = column_for_field(kind, name)
            col = next((c for c, k in header.columns.items() if k is wanted), 1)
            title = header.titles.get(col) or (wanted.header if wanted else name)
            described = info.description if info.description and info.description != title else ""
            row.problems.append(
                problem("missing-value", sheet.path, number, col, title=title, description=described)
            )
    label = row.data.get(KINDS[kind].label_field)
    if isinstance(label, str):  # 王　芳: names padded to line up in the sheet
        row.label = row.data[KINDS[kind].label_field] = CJK_GAP.sub("", label)
    return row


def resolve_refs(
    sheet: Sheet, kind: str, row: Row, existing: Existing, picks: dict[str, str] | None = None
) -> None:
    """Names in a row (a course's teachers and sites, a route's stops) → ids of existing records."""
    _resolve(sheet, MODELS[kind], row.data, (), row, existing, picks)


def _resolve(
    sheet: Sheet,
    model: type[BaseModel],
    data: dict,
    loc: tuple,
    row: Row,
    existing: Existing,
    picks: dict[str, str] | None,
) -> None:
    for name, info in model.model_fields.items():
        if name not in data:
            continue
        inner = nested_model(info.annotation)
        if inner is not None and isinstance(data[name], list):  # stops: each has a site, a course
            for index, item in enumerate(data[name]):
                if isinstance(item, dict):
                    _resolve(sheet, inner, item, (*loc, name, index), row, existing, picks)
            continue
        target = next((m.kind for m in markers(info) if isinstance(m, Ref)), None)
        if target is None or data[name] is None:
            continue
        values = data[name] if isinstance(data[name], list) else [data[name]]
        at = (sheet.path, *cell_of(row, (*loc, name)))
        resolved = []
        for value in values:
            found, unknown = existing.resolve(target, CJK_GAP.sub("", str(value)), at, picks)
            if unknown is not None:
                row.problems.append(unknown)
            if found is None:
                row.broken.add((*loc, name))  # reported here: not again as a blank value
            elif found not in resolved:
                resolved.append(found)
        data[name] = resolved if isinstance(data[name], list) else resolved[0] if resolved else None


def cell_of(row: Row, loc: tuple) -> tuple[int, int]:
    """(row, column) of a value of a row: its own cell, or its nearest parent's."""
    while loc:
        if loc in row.positions:
            return row.positions[loc]
        path = ".".join(str(part) for part in loc if not isinstance(part, int))
        if path in row.cells and not any(isinstance(part, int) for part in loc[1:]):
            return row.number, row.cells[path]
        loc = loc[:-1]
    return row.number, 1


def validate_row(
    sheet: Sheet, kind: str, row: Row, data: dict, existing: Existing, header: Header
) -> Record | None:
    """The same model and vocabulary/reference checks as `catalog check`, at sheet positions."""
    source = SourceFile(sheet.path, data)
    source.values[()] = (row.number, 1)
    for path, col in row.cells.items():
        source.values[tuple(path.split("."))] = (row.number, max(col, 1))
        source.keys[tuple(path.split("."))] = (row.number, max(col, 1))
    for loc, position in row.positions.items():
        source.values[loc] = source.keys[loc] = position
    source.broken |= row.broken
    found: list[Problem] = []
    record = build_record(kind, row.record_id or "x", source, found)
    found = [p for p in found if p.code != "missing-field"]  # reported per cell in read_row
    if record is not None:
        marked, status = walk_markers(record), str(record.status)
    else:  # still report the row's unknown values and references, all at once
        marked, status = walk_raw_markers(MODELS[kind], data), str(data.get("status", "active"))
    found += check_markers(marked, status, source, existing.checked)
    photo = getattr(record, "photo", None)
    if photo:  # the catalog-wide rules (a teacher without courses…) are for check, not a row
        found += check_photo(photo, existing.catalog.root, source)
    for each in found:
        column = header.columns.get(each.column)
        if column is None:
            row.problems.append(each)
            continue
        hint = (column.hint or each.hint) if each.code == "bad-format" else each.hint
        message = f"“{header.titles[each.column]}”：{each.message}"
        row.problems.append(replace(each, message=message, hint=hint))
    return record


def spilled_field(kind: str, column: Column, value: object) -> str:
    """The sibling field a cell's value belongs to (类型: 兼职 → employment), or ""."""
    if not column.spill:
        return ""
    info = MODELS[kind].model_fields[column.spill]
    allowed = [a for arg in typing.get_args(info.annotation) for a in typing.get_args(arg)]
    return column.spill if value in allowed else ""


def plan_ids(sheet: Sheet, kind: str, rows: list[Row], existing: Existing) -> None:
    """Give every row an id, in row order: the given one, else pinyin of its name (-2, -3…).

    A file that already holds a record of the same name is the same record (so importing a
    sheet twice changes nothing); one holding another name keeps its id.
    """
    planned: dict[str, int] = {}
    first_label: dict[str, int] = {}
    for row in rows:
        given = row.data.get("id")
        if isinstance(given, str):
            if given in planned:
                row.problems.append(
                    problem(
                        "duplicate-id",
                        sheet.path,
                        row.number,
                        row.cells["id"],
                        variant="row",
                        id=given,
                        first=planned[given],
                    )
                )
                continue
            row.record_id = given
            planned[given] = row.number
            continue
        if not row.label:
            continue
        base = base_id(kind, row.label)
        if not base:
            col = row.cells.get(KINDS[kind].label_field, 1)
            row.problems.append(problem("no-id", sheet.path, row.number, col, label=row.label))
            continue

        def free(candidate: str, label: str = row.label) -> bool:
            if candidate in planned:
                return False
            if not existing.taken(kind, candidate):
                return True
            return name_key(existing.label(kind, candidate) or "") == name_key(label)

        row.record_id = unique_id(base, free)
        planned[row.record_id] = row.number
        key = name_key(row.label)
        if key in first_label:
            row.problems.append(
                problem(
                    "duplicate-name",
                    sheet.path,
                    row.number,
                    row.cells.get(KINDS[kind].label_field, 1),
                    first=first_label[key],
                    label=row.label,
                    id=row.record_id,
                )
            )
        else:
            first_label[key] = row.number


def twin_warnings(path: str, kind: str, row: Row, record: Record, existing: Existing) -> list[Problem]:
    """A new record that repeats one already in the catalog under another id (the rule of
    `catalog check`: catalog.load.duplicates)."""
    found = []
    for other in twins(kind, record, existing.catalog.records[kind].values()):
        col = row.cells.get(KINDS[kind].label_field, 1)
        found.append(
            problem(
                "duplicate-record",
                path,
                row.number,
                col,
                variant="sheet",
                what=KINDS[kind].name,
                label=record.label,
                first=f"{kind}/{other.id}.yml",
                id=row.record_id,
            )
        )
    return found
