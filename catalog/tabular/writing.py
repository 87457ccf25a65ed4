"""Tables for spreadsheets: the one formula guard, and CSV and xlsx written with it.

Excel and WPS run a cell that starts with `=`, `+`, `-` or `@` as a formula, and a leading
tab or carriage return hides such a start from a first look while the program still reads
it (OWASP, "CSV injection"). Every CSV and xlsx the project writes (the site's downloads,
the order form, the dispatch summary, `catalog export`) passes its text through
`guard_formula`; the browser's order CSV gets the same rule from `FORMULA_RULE`.

A text that is only a number or a phone number (`-5`, `+86 510 8512 3456`) is left as it
is: a spreadsheet reads it as the number it is, and no function can hide in it. In xlsx,
text cells are written as text (shared strings), which Excel never evaluates.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

FORMULA_PREFIXES = "=+-@\t\r"
FORMULA_GUARD = "'"
NUMBER_LIKE = r"^[+\-]?[0-9][0-9 ()\-.]*$"
_NUMBER_LIKE = re.compile(NUMBER_LIKE)

# What the browser needs to apply the same guard (catalog/site/assets/order.js).
FORMULA_RULE = {"prefixes": FORMULA_PREFIXES, "guard": FORMULA_GUARD, "number_like": NUMBER_LIKE}


def needs_guard(value: str) -> bool:
    """True when a spreadsheet program would take this text for a formula."""
    return bool(value) and value[0] in FORMULA_PREFIXES and not _NUMBER_LIKE.match(value)


def guard_formula(value: str) -> str:
    """The text as a spreadsheet cell that shows it and never runs it: a leading `'`."""
    return FORMULA_GUARD + value if needs_guard(value) else value


def unguard_formula(value: str) -> str:
    """Undo `guard_formula` when reading back a sheet we (or Excel) wrote."""
    if len(value) > 1 and value[0] == FORMULA_GUARD and value[1] in FORMULA_PREFIXES:
        return value[1:]
    return value


def csv_bytes(rows: Iterable[Iterable[object]]) -> bytes:
    """A CSV for Excel/WPS: UTF-8 with BOM, CRLF, RFC 4180 quoting, every text guarded."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return guard_formula(str(value))


def write_xlsx(
    path: Path, sheets: dict[str, list[list]], finish: Callable[[Any], None] | None = None
) -> None:
    """A workbook with one worksheet per table, header row bold and frozen, text as text.

    `finish`, when given, gets the openpyxl workbook before it is saved, to add what a table
    cannot say (drop-down lists, hidden sheets, colours); the cells stay as written here.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append([None if v == "" else v for v in row])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text, never a formula
                    if "\n" in cell.value:
                        cell.alignment = Alignment(wrap_text=True, vertical="top")
                elif isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
        sheet.freeze_panes = "A2"
        for index, header in enumerate(rows[0], start=1):
            widest = max((_width(r[index - 1]) for r in rows), default=_width(header))
            sheet.column_dimensions[get_column_letter(index)].width = min(max(widest + 2, 8), 60)
    if finish is not None:
        finish(workbook)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)


def _width(value: object) -> int:
    text = str(value if value is not None else "").split("\n")[0]
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
