"""Read a spreadsheet (xlsx via openpyxl, or CSV) into numbered rows of cell values.

CSV files come from Excel and WPS in several encodings: UTF-8 with or without BOM,
UTF-16 ("Unicode text") and GB18030/GBK (the Chinese Windows default). The encoding is
detected, never guessed silently wrong: undecodable bytes are a problem, not mojibake.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from catalog.core.codes import problem
from catalog.core.kinds import KINDS, kind_of
from catalog.core.problems import Problem
from catalog.tabular.text import decode, sniff_delimiter

XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
OLD_FORMATS = (".xls", ".et", ".ods", ".numbers", ".wps")


@dataclass
class Sheet:
    """The cells of one worksheet, row by row; `rows[i]` is spreadsheet row i + 1."""

    path: str  # as shown in problems
    title: str = ""  # worksheet name ("" for CSV)
    rows: list[list[object]] = field(default_factory=list)
    note: str = ""  # how it was read, e.g. the encoding of a CSV


def read_sheet(
    file: Path, shown: str, kind: str | None, sheet_name: str | None = None
) -> tuple[Sheet | None, list[Problem]]:
    """Read `file`; problems (unreadable, wrong format, bad encoding) come back, never raise."""
    suffix = file.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        return _read_xlsx(file, shown, kind, sheet_name)
    if suffix in CSV_SUFFIXES:
        return _read_csv(file, shown)
    if suffix in OLD_FORMATS:
        return None, [problem("sheet-format", shown, 1, 1, variant="old", suffix=suffix)]
    return None, [problem("sheet-format", shown, 1, 1, suffix=suffix or "无扩展名")]


MAX_SHEET_BYTES = 20_000_000  # a list of thousands of people or sites is far smaller
MAX_UNZIPPED_BYTES = 200_000_000  # what an xlsx may unpack to (a zip bomb unpacks to more)
MAX_ROWS = 50_000
MAX_COLUMNS = 200
MAX_MERGED_CELLS = 50_000
_CELL_REF = re.compile(r"^([A-Z]{1,3})([0-9]{1,7})$")


def _too_big(file: Path, shown: str) -> Problem | None:
    size = file.stat().st_size
    if size <= MAX_SHEET_BYTES:
        return None
    return problem("sheet-too-large", shown, 1, 1, variant="file", size=_mb(size), limit=_mb(MAX_SHEET_BYTES))


def _mb(size: int) -> str:
    return f"{size / 1_000_000:,.0f} MB"


def _position(ref: str) -> tuple[int, int]:
    """(row, column) of a cell reference such as XFD1048576."""
    match = _CELL_REF.match(ref.replace("$", ""))
    if not match:
        return 0, 0
    column = 0
    for letter in match.group(1):
        column = column * 26 + ord(letter) - 64
    return int(match.group(2)), column


def _precheck_xlsx(file: Path, shown: str) -> Problem | None:
    """Before openpyxl builds anything: the unpacked size, cells far outside any list, huge
    merged ranges and XML entities, read by a streaming parser that refuses entities."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            unzipped = sum(member.file_size for member in members)
            if unzipped > MAX_UNZIPPED_BYTES:
                size, limit = _mb(unzipped), _mb(MAX_UNZIPPED_BYTES)
                return problem("sheet-too-large", shown, 1, 1, variant="file", size=size, limit=limit)
            for member in members:
                if not (member.filename.startswith("xl/") and member.filename.endswith(".xml")):
                    continue
                with archive.open(member) as xml:
                    for _, element in iterparse(xml, forbid_dtd=True, forbid_entities=True):
                        found = _check_element(element, shown)
                        if found is not None:
                            return found
                        element.clear()
    except DefusedXmlException:
        return problem("sheet-unsafe", shown, 1, 1)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, SyntaxError) as exc:
        return problem("sheet-unreadable", shown, 1, 1, error=exc)
    return None


def _check_element(element: object, shown: str) -> Problem | None:
    tag = getattr(element, "tag", "")
    attributes = getattr(element, "attrib", {})
    if tag.endswith("}c") and len(element) and "r" in attributes:  # type: ignore[arg-type]  # a cell with a value
        row, column = _position(attributes["r"])
        if row > MAX_ROWS or column > MAX_COLUMNS:
            return problem(
                "sheet-too-large", shown, 1, 1, variant="cell", cell=attributes["r"], row=row,
                column=column, rows=f"{MAX_ROWS:,}", columns=MAX_COLUMNS,
            )  # fmt: skip
    if tag.endswith("}mergeCell") and ":" in attributes.get("ref", ""):
        first, last = (_position(part) for part in attributes["ref"].split(":", 1))
        cells = (last[0] - first[0] + 1) * (last[1] - first[1] + 1)
        if cells > MAX_MERGED_CELLS:
            return problem(
                "sheet-too-large", shown, 1, 1, variant="merge", ref=attributes["ref"], cells=f"{cells:,}",
                limit=f"{MAX_MERGED_CELLS:,}",
            )  # fmt: skip
    return None


def _read_xlsx(
    file: Path, shown: str, kind: str | None, sheet_name: str | None
) -> tuple[Sheet | None, list[Problem]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    refused = _too_big(file, shown) or _precheck_xlsx(file, shown)
    if refused is not None:
        return None, [refused]
    try:
        workbook = openpyxl.load_workbook(file, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        return None, [problem("sheet-unreadable", shown, 1, 1, error=exc)]
    names = workbook.sheetnames
    if sheet_name is not None:
        if sheet_name not in names:
            from catalog.core.suggest import did_you_mean

            hint = did_you_mean(sheet_name, names) or None
            return None, [
                problem("no-sheet", shown, 1, 1, hint=hint, sheet=sheet_name, sheets="、".join(names))
            ]
        worksheet = workbook[sheet_name]
    else:  # a sheet named after the kind (as `catalog export` writes), else the active one
        worksheet = next((workbook[n] for n in names if kind and kind_of(n) is KINDS[kind]), workbook.active)
    rows = [list(row) for row in worksheet.iter_rows(values_only=True)]
    for merged in worksheet.merged_cells.ranges:  # 单位 merged over the rows of its people
        if merged.min_col != merged.max_col:
            continue  # a title across columns: nothing to copy into other fields
        col = merged.min_col - 1
        value = rows[merged.min_row - 1][col]
        for index in range(merged.min_row, min(merged.max_row, len(rows))):
            rows[index][col] = value
    return Sheet(shown, worksheet.title, rows, f"工作表“{worksheet.title}”"), []


def _read_csv(file: Path, shown: str) -> tuple[Sheet | None, list[Problem]]:
    try:
        refused = _too_big(file, shown)
        if refused is not None:
            return None, [refused]
        raw = file.read_bytes()
    except OSError as exc:
        return None, [problem("sheet-unreadable", shown, 1, 1, variant="csv", error=exc)]
    decoded = decode(raw, shown, gbk=True)
    if decoded.text is None:
        return None, [decoded.problem] if decoded.problem else []
    text, encoding = decoded.text, decoded.encoding
    delimiter = sniff_delimiter(text)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows: list[list[object]] = [list(row) for row in reader]
    except csv.Error as exc:
        return None, [problem("csv-syntax", shown, 1, 1, error=exc)]
    return Sheet(shown, "", rows, f"编码 {encoding}"), []
