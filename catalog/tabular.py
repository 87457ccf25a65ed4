"""Text for spreadsheets: the one formula guard and the CSV form every table is written in.

Excel and WPS run a cell that starts with `=`, `+`, `-` or `@` as a formula, and a leading
tab or carriage return hides such a start from a first look while the program still reads
it (OWASP, "CSV injection"). Every CSV and xlsx the project writes (the site's downloads,
the order form, the dispatch summary, `catalog export`) passes its text through
`guard_formula`; the browser's order CSV gets the same rule from `FORMULA_RULE`.

A text that is only a number or a phone number (`-5`, `+86 510 8512 3456`) is left as it
is: a spreadsheet reads it as the number it is, and no function can hide in it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

FORMULA_PREFIXES = "=+-@\t\r"
FORMULA_GUARD = "'"
NUMBER_LIKE = r"^[+\-]?[0-9][0-9 ()\-.]*$"
_NUMBER_LIKE = re.compile(NUMBER_LIKE)

# What the browser needs to apply the same guard (docs/assets/order.js).
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
