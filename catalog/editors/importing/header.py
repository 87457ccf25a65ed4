"""The header row of a sheet: where it is, which column is which field, what is missing.

Titles merged across the top and blank rows are skipped; `--map 表头=字段` names a column
the table does not know, and `--map 表头=` leaves one out on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass

from catalog.core.codes import problem
from catalog.core.kinds import KINDS, MODELS
from catalog.core.problems import Problem
from catalog.core.suggest import did_you_mean
from catalog.editors.columns import COLUMNS, Column, column_for_field, find_column, normalise_header
from catalog.editors.importing.cells import clean_cell
from catalog.tabular.sheets import Sheet

HEADER_SEARCH_ROWS = 30
IGNORED = Column("", ("",))  # --map 备注=  : a column to leave out on purpose
SERIAL_HEADERS = {"序号", "编号", "排序", "no", "no."}  # row numbers: ignored without a warning


class UsageError(Exception):
    """A mistake in the command line itself (exit code 2)."""


def parse_mapping(kind: str, items: list[str]) -> dict[str, Column]:
    """`--map 表头=field` options → {normalised header: column}; `表头=` ignores a column."""
    mapping: dict[str, Column] = {}
    fields = [c.field for c in COLUMNS[kind]]
    for item in items:
        header, sep, name = item.rpartition("=")
        if not sep or not normalise_header(header):
            raise UsageError(f"--map 的写法是“表头=字段”，例如 --map 擅长=directions，现在是“{item}”")
        name = name.strip()
        if name in ("", "-"):
            mapping[normalise_header(header)] = IGNORED
            continue
        column = column_for_field(kind, name) or find_column(kind, name)
        if column is None:
            raise UsageError(
                f"--map {item}：{KINDS[kind].singular} 没有字段“{name}”。"
                + (did_you_mean(name, fields, listing="字段") or "")
            )
        mapping[normalise_header(header)] = column
    return mapping


@dataclass
class Header:
    row: int  # 1-based spreadsheet row
    columns: dict[int, Column]  # 1-based column index → column (joinable columns may repeat)
    titles: dict[int, str]  # 1-based column index → header text as written


def find_header(sheet: Sheet, kind: str, extra: dict[str, Column]) -> Header | None:
    """The first row naming at least two known columns (a merged title row above is skipped)."""
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        found = {
            col: column
            for col, cell in enumerate(row, start=1)
            if (column := find_column(kind, clean_cell(cell), extra)) is not None
        }
        if sum(column is not IGNORED for column in found.values()) >= 2:
            titles = {col: str(clean_cell(cell) or "") for col, cell in enumerate(row, start=1)}
            return Header(index + 1, found, titles)
    return None


def check_header(sheet: Sheet, kind: str, header: Header, extra: dict[str, Column]) -> list[Problem]:
    problems = []
    known = [c.header for c in COLUMNS[kind] if c.value != "stops"]
    for col, title in header.titles.items():
        if title and col not in header.columns and normalise_header(title) not in SERIAL_HEADERS:
            suggestion = (did_you_mean(title, known) + " ").lstrip()
            problems.append(
                problem("unknown-column", sheet.path, header.row, col, title=title, suggestion=suggestion)
            )
    seen: dict[str, int] = {}
    for col, column in sorted(header.columns.items()):
        if column is IGNORED:
            continue
        if column.field in seen and not column.joinable:
            first = seen[column.field]
            problems.append(
                problem(
                    "duplicate-column",
                    sheet.path,
                    header.row,
                    col,
                    title=header.titles[col],
                    first=first,
                    first_title=header.titles[first],
                    field=column.field,
                )
            )
        seen.setdefault(column.field, col)
    model = MODELS[kind]
    stop_columns = any(field.startswith("stops.") for field in seen)  # one row per stop
    for name, info in model.model_fields.items():
        if name in ("id", "reviewed") or not info.is_required() or name in seen:
            continue
        if name == "stops" and stop_columns:
            continue
        wanted = column_for_field(kind, name)
        title = wanted.header if wanted else name
        problems.append(
            problem(
                "missing-column",
                sheet.path,
                header.row,
                1,
                title=title,
                field=name,
                description=info.description,
            )
        )
    return problems
