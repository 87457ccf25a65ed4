"""Reading the order CSVs units send back: every row read or reported at its line and column.

Reading is forgiving where units really change the file (re-saved by Excel as GB18030,
dates turned into `2026/5/1`, English kind names) and strict elsewhere.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
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
    REQUIRED_COLUMNS,
    OrderRow,
    norm,
    parse_kind,
)
from catalog.tabular.text import decode, sniff_delimiter
from catalog.tabular.writing import unguard_formula

MAX_FILE_BYTES = 20_000_000
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+0?0:00(?::00)?)?$")
_SCIENTIFIC = re.compile(r"^\d(?:\.\d+)?E\+\d+$", re.IGNORECASE)


def read_order_csv(
    path: Path, catalog=None, *, display: str | None = None
) -> tuple[list[OrderRow], list[Problem]]:
    """Read one order CSV. Rows with an error are reported and left out of `rows`.

    With a `catalog` (catalog.core.relations.Catalog), ids are checked against it too: unknown
    ids, an id of another kind, archived records. `display` is the path shown in problems.
    """
    path = Path(path)
    shown = display or path.as_posix()
    text, problems = _read_text(path, shown)
    if text is None:
        return [], problems
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
            row, row_problems = _read_row(cells, header, width, shown, line, catalog)
            problems += row_problems
            if row is not None:
                rows.append(row)
    except csv.Error as exc:
        problems.append(problem("order-csv-syntax", shown, previous_end + 1, 1, error=exc))
    if header is None:
        problems.append(problem("order-empty", shown, 1, 1))
    return rows, problems


def _read_text(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None, [problem("order-too-large", shown, 1, 1)]
        raw = path.read_bytes()
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


def _read_row(
    cells: list[str], header: dict[str, int], width: int, shown: str, line: int, catalog
) -> tuple[OrderRow | None, list[Problem]]:
    problems: list[Problem] = []
    if len(cells) > width:
        problems.append(problem("order-extra-cells", shown, line, width + 1, count=len(cells)))
        return None, problems  # the values are shifted: other checks would only add noise
    values = {key: _clean(cells[index - 1]) if index <= len(cells) else "" for key, index in header.items()}
    values = {key: values.get(key, "") for key, _ in ORDER_COLUMNS}

    if not values["unit"]:
        problems.append(problem("order-missing-unit", shown, line, header["unit"]))
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
    if not record_id:
        problems.append(problem("order-missing-id", shown, line, header["id"]))
    elif kind is not None and catalog is not None:
        problems += _check_id(kind, record_id, values["name"], catalog, shown, line, header)

    dates: dict[str, dt.date | None] = {}
    for key in ("date_from", "date_to"):
        text = values[key]
        dates[key] = None
        if text:
            try:
                dates[key] = _parse_date(text)
            except ValueError as exc:
                problems.append(
                    problem(
                        "order-bad-date", shown, line, header[key], label=LABELS[key], text=text, reason=exc
                    )
                )
    date_from, date_to = dates["date_from"], dates["date_to"]
    if date_from and date_to and date_to < date_from:
        problems.append(
            problem("order-date-order", shown, line, header["date_to"], end=date_to, start=date_from)
        )

    participants = None
    if text := values["participants"]:
        number = _parse_participants(text)
        if number is None:
            problems.append(problem("order-bad-participants", shown, line, header["participants"], text=text))
        elif number < 1:
            problems.append(
                problem(
                    "order-bad-participants",
                    shown,
                    line,
                    header["participants"],
                    variant="positive",
                    text=text,
                )
            )
        else:
            participants = number
    if _SCIENTIFIC.match(values["phone"]):
        problems.append(
            problem("order-phone-mangled", shown, line, header.get("phone", 1), phone=values["phone"])
        )

    if kind is None or any(p.is_error for p in problems):
        return None, problems
    row = OrderRow(
        path=shown,
        line=line,
        unit=values["unit"],
        contact=values["contact"],
        phone=values["phone"],
        kind=kind,
        id=record_id,
        name=values["name"],
        date_from=date_from,
        date_to=date_to,
        participants=participants,
        note=values["note"],
        columns=dict(header),
    )
    return row, problems


def _parse_date(text: str) -> dt.date:
    match = _DATE.match(norm(text))
    if not match:
        raise ValueError("不是日期")
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise ValueError("不是真实存在的日期") from None


def _parse_participants(text: str) -> int | None:
    """The whole number written (perhaps 0 or negative), None when it is not one."""
    name = norm(text)
    if re.fullmatch(r"[+-]?\d+(?:\.0+)?", name):
        return int(float(name)) if "." in name else int(name)
    return None


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
    problems = []
    if record.status == "archived":
        problems.append(
            problem("order-archived", shown, line, header["id"], what=what, label=record.label, id=record_id)
        )
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
    """Read many order CSVs against a catalog; an exact repeat of a row is counted once."""
    rows: list[OrderRow] = []
    problems: list[Problem] = []
    seen: dict[tuple, OrderRow] = {}
    for path in paths:
        found, file_problems = read_order_csv(path, catalog)
        problems += file_problems
        for row in found:
            first = seen.setdefault(row.content(), row)
            if first is row:
                rows.append(row)
            else:
                problems.append(problem("order-duplicate", row.path, row.line, 1, first=first.where))
    return rows, problems
