"""Reading the order CSVs units send back: every row read or reported at its line and column.

Reading is forgiving where units really change the file (re-saved by Excel as GB18030,
dates turned into `2026/5/1`, English kind names) and strict elsewhere: every item passes
the same rules as on the order page (catalog.orders.rules), and an order number (单号) names
one order of one unit: a file without one gets a number derived from it, one number used by
two units, or for two versions of one item, is an error.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import stat
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from catalog.core.codes import problem
from catalog.core.kinds import KINDS
from catalog.core.problems import Problem
from catalog.core.suggest import did_you_mean
from catalog.orders.format import (
    LABELS,
    ORDER_COLUMNS,
    ORDER_RULES,
    REQUIRED_COLUMNS,
    OrderRow,
    norm,
    parse_kind,
)
from catalog.orders.number import make_number, parse_number, unit_mark
from catalog.orders.rules import Context, as_problem, check_item, parse_date, status_context, whole_number
from catalog.tabular.text import decode, sniff_delimiter
from catalog.tabular.writing import unguard_formula

MAX_FILE_BYTES = 20_000_000
_SCIENTIFIC = re.compile(r"^\d(?:\.\d+)?E\+\d+$", re.IGNORECASE)
_WHOLE = next(rule for rule in ORDER_RULES if rule["check"] == "whole")


def read_order_csv(
    path: Path, catalog=None, *, display: str | None = None
) -> tuple[list[OrderRow], list[Problem]]:
    """Read one order CSV. Rows with an error are reported and left out of `rows`.

    With a `catalog` (catalog.core.relations.Catalog), ids are checked against it too: unknown
    ids, an id of another kind, archived records, capacities. `display` is the path shown.
    """
    path = Path(path)
    shown = display or path.as_posix()
    text, problems = _read_text(path, shown)
    if text is None:
        return [], problems
    derive = _deriver(path, text)
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: dict[str, int] | None = None
    width = 0
    rows: list[OrderRow] = []
    previous_end = 0
    try:
        for cells in reader:
            line = previous_end + 1
            previous_end = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header, header_problems = _read_header(cells, shown, line)
                problems += header_problems
                if header is None:
                    return [], problems
                width = len(cells)
                continue
            if len(cells) > width:  # the values are shifted: other checks would only add noise
                problems.append(problem("order-extra-cells", shown, line, width + 1, count=len(cells)))
                continue
            values = _values(cells, header)
            number, derived, number_problems = _number(values, header, shown, line, derive)
            row, item_problems = _item(values, header, number, derived, shown, line, catalog)
            problems += number_problems + item_problems
            if row is not None:
                rows.append(row)
    except csv.Error as exc:
        problems.append(problem("order-csv-syntax", shown, previous_end + 1, 1, error=exc))
    if header is None:
        problems.append(problem("order-empty", shown, 1, 1))
    return rows, problems


def _deriver(path: Path, text: str):
    """For a file without 单号: one number per unit, from the file's day and its content."""
    numbers: dict[str, str] = {}
    try:
        day = dt.date.fromtimestamp(path.stat().st_mtime)
    except OSError:  # pragma: no cover - the file was just read
        day = dt.date.today()

    def derive(unit: str) -> tuple[str, bool]:
        first = unit not in numbers
        if first:
            numbers[unit] = str(make_number(day, unit, f"{unit}\n{text}".encode()))
        return numbers[unit], first

    return derive


def _read_text(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            return None, [problem("order-unreadable", shown, 1, 1, variant="folder")]
        if not stat.S_ISREG(status.st_mode):  # a FIFO would block, /dev/zero never ends
            return None, [problem("order-unreadable", shown, 1, 1, variant="special")]
        if status.st_size > MAX_FILE_BYTES:
            return None, [problem("order-too-large", shown, 1, 1)]
        with path.open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)  # a file growing since stat() stays bounded
        if len(raw) > MAX_FILE_BYTES:
            return None, [problem("order-too-large", shown, 1, 1)]
    except IsADirectoryError:
        return None, [problem("order-unreadable", shown, 1, 1, variant="folder")]
    except FileNotFoundError:
        return None, [problem("order-missing-file", shown, 1, 1)]
    except OSError as exc:
        return None, [problem("order-unreadable", shown, 1, 1, reason=exc.strerror or exc)]
    if raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return None, [problem("order-not-csv", shown, 1, 1)]
    decoded = decode(raw, shown, gbk=True)  # as Excel or WPS re-saved it
    return decoded.text, [decoded.problem] if decoded.problem else []


def _read_header(cells: list[str], shown: str, line: int) -> tuple[dict[str, int] | None, list[Problem]]:
    by_name = {label: key for key, label in ORDER_COLUMNS} | {key: key for key, _ in ORDER_COLUMNS}
    expected = "、".join(label for _, label in ORDER_COLUMNS)
    header: dict[str, int] = {}
    problems: list[Problem] = []
    unknown: list[tuple[int, str]] = []
    for index, cell in enumerate(cells, start=1):
        name = norm(cell)
        key = by_name.get(name) or by_name.get(name.lower())
        if key is None:
            if name:
                unknown.append((index, name))
        elif key in header:
            problems.append(problem("order-duplicate-column", shown, line, index, label=LABELS[key]))
        else:
            header[key] = index
    if not header:
        return None, [problem("order-no-header", shown, line, 1, expected=expected)]
    for index, name in unknown:
        suggestion = did_you_mean(name, LABELS.values(), listing="列名")
        problems.append(problem("order-unknown-column", shown, line, index, name=name, suggestion=suggestion))
    missing = [key for key, _ in ORDER_COLUMNS if key not in header]
    required = [key for key in missing if key in REQUIRED_COLUMNS]
    names = "、".join(LABELS[key] for key in missing)
    if required:
        problems.append(problem("order-missing-column", shown, line, 1, names=names, expected=expected))
        return None, problems
    if missing:
        problems.append(
            problem(
                "order-missing-column", shown, line, 1, variant="optional", names=names, expected=expected
            )
        )
    return header, problems


def _clean(value: str) -> str:
    """A cell on one line: our formula guard off, line breaks and tabs one space, no controls."""
    value = unguard_formula(value.strip(" ")).replace("\r\n", "\n")
    value = "".join(
        " " if ch in "\t\r\n" else ch for ch in value if unicodedata.category(ch) != "Cc" or ch in "\t\r\n"
    )
    return value.strip()


def _values(cells: list[str], header: dict[str, int]) -> dict[str, str]:
    """The cells of one row by column key ("" for a column the file lacks)."""
    values = {key: _clean(cells[index - 1]) if index <= len(cells) else "" for key, index in header.items()}
    return {key: values.get(key, "") for key, _ in ORDER_COLUMNS}


def _number(values: dict[str, str], header, shown: str, line: int, derive) -> tuple[str, bool, list[Problem]]:
    """The row's 单号: as written, or the one derived for its unit in a file without one."""
    text = values["number"]
    if not text:
        number, first = derive(values["unit"])
        return number, True, [problem("order-no-number", shown, line, 1, number=number)] if first else []
    parsed = parse_number(text)
    if parsed is None:
        return "", False, [problem("order-bad-number", shown, line, header["number"], text=text)]
    found = []
    if values["unit"] and parsed.mark != unit_mark(values["unit"]):
        found.append(
            problem("order-number-unit", shown, line, header["unit"], number=str(parsed), unit=values["unit"])
        )
    return str(parsed), False, found


def _item(
    values: dict[str, str], header: dict[str, int], number: str, derived: bool, shown: str, line: int, catalog
) -> tuple[OrderRow | None, list[Problem]]:
    """Check one row's kind, id and fields (ORDER_RULES) and build it, or say why not."""
    problems: list[Problem] = []
    kind = parse_kind(values["kind"])
    if kind is None:
        if values["kind"]:
            suggestion = did_you_mean(values["kind"], [k.name for k in KINDS.values()], listing="类型")
            problems.append(
                problem(
                    "order-unknown-kind",
                    shown,
                    line,
                    header["kind"],
                    kind=values["kind"],
                    suggestion=suggestion,
                )
            )
        else:
            problems.append(problem("order-missing-kind", shown, line, header["kind"]))
    record_id = values["id"]
    record = None
    if not record_id:
        problems.append(problem("order-missing-id", shown, line, header["id"]))
    elif kind is not None and catalog is not None:
        problems += _check_id(kind, record_id, values["name"], catalog, shown, line, header)
        record = catalog.get(kind, record_id)
    capacity = KINDS[kind].capacity(record, catalog) if kind is not None and record is not None else None
    parsed = None if derived else parse_number(number)
    context = Context(capacity=capacity, ordered=parsed.day if parsed else None)
    if kind is not None and record is not None:
        context = status_context(context, record, catalog)
    for finding in check_item(values, context):
        problems.append(as_problem(finding, shown, line, header.get(finding.field, 1)))
    if _SCIENTIFIC.match(values["phone"]):
        problems.append(
            problem("order-phone-mangled", shown, line, header.get("phone", 1), phone=values["phone"])
        )
    if kind is None or not number or any(p.is_error for p in problems):
        return None, problems
    return OrderRow(
        path=shown,
        line=line,
        number=number,
        unit=values["unit"],
        contact=values["contact"],
        phone=values["phone"],
        kind=kind,
        id=record_id,
        name=values["name"],
        date_from=parse_date(values["date_from"]) if values["date_from"] else None,
        date_to=parse_date(values["date_to"]) if values["date_to"] else None,
        participants=whole_number(_WHOLE, values["participants"]) if values["participants"] else None,
        note=values["note"],
        columns=dict(header),
        number_derived=derived,
    ), problems


def _check_id(kind: str, record_id: str, name: str, catalog, shown: str, line: int, header) -> list[Problem]:
    what = KINDS[kind].name
    record = catalog.get(kind, record_id)
    if record is None:
        elsewhere = [other for other in KINDS if other != kind and catalog.get(other, record_id)]
        if elsewhere:
            other = catalog.get(elsewhere[0], record_id)
            other_name = KINDS[elsewhere[0]].name
            return [
                problem(
                    "order-kind-mismatch",
                    shown,
                    line,
                    header["kind"],
                    id=record_id,
                    other=other_name,
                    label=other.label,
                    what=what,
                )
            ]
        hint = did_you_mean(record_id, catalog.records[kind]) or None
        return [problem("order-unknown-id", shown, line, header["id"], hint=hint, id=record_id, what=what)]
    problems = []  # its status: the rule `orderable` (ORDER_RULES)
    if name and norm(name) != norm(record.label):
        problems.append(
            problem(
                "order-name-mismatch",
                shown,
                line,
                header.get("name", header["id"]),
                name=name,
                id=record_id,
                label=record.label,
            )
        )
    return problems


def read_orders(paths: Iterable[Path], catalog) -> tuple[list[OrderRow], list[Problem]]:
    """Read many order CSVs against a catalog; an exact repeat of a row is counted once.

    One 单号 is one unit's order: a row that gives another unit under a number already read,
    or asks for an item of that order again with other details, is an error (left out).
    """
    rows: list[OrderRow] = []
    problems: list[Problem] = []
    seen: dict[tuple, OrderRow] = {}
    units: dict[str, OrderRow] = {}
    items: dict[tuple[str, str, str], OrderRow] = {}
    for path in paths:
        found, file_problems = read_order_csv(path, catalog)
        problems += file_problems
        for row in found:
            first = seen.setdefault(row.content(), row)
            if first is not row:
                problems.append(problem("order-duplicate", row.path, row.line, 1, first=first.where))
                continue
            owner = units.setdefault(row.number, row)
            if norm(owner.unit) != norm(row.unit):
                where = row.columns.get("unit", 1)
                problems.append(
                    problem(
                        "order-number-shared",
                        row.path,
                        row.line,
                        where,
                        number=row.number,
                        first_unit=owner.unit,
                        first=owner.where,
                        unit=row.unit,
                    )
                )
                continue
            earlier = items.setdefault((row.number, row.kind, row.id), row)
            if earlier is not row:
                problems.append(
                    problem(
                        "order-two-versions",
                        row.path,
                        row.line,
                        row.columns.get("id", 1),
                        number=row.number,
                        what=KINDS[row.kind].name,
                        id=row.id,
                        first=earlier.where,
                    )
                )
                continue
            rows.append(row)
    return rows, problems
