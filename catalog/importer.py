"""`catalog import KIND FILE`: turn a spreadsheet (xlsx or CSV) into record files.

The sheets editors have are lists kept in Excel or WPS: a title row merged across the top,
Chinese headers, blank rows, full-width spaces, two people with the same name. Each data
row becomes one record, checked with the same model, vocabularies and references as
`catalog check`; a row that cannot be converted is reported as a problem at its row and
column in the sheet and is not written, while the good rows are. Ids are pinyin of the
name (see catalog.slugs); an existing file is never overwritten unless --force, and then
the fields the sheet has no column for are kept.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import sys
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from .loader import EXTENSIONS, build_record, load_records
from .models import ID_PATTERN, KIND_NAMES, MODELS, SINGULAR, Record, Ref, markers
from .problems import RENDERERS, Problem, error, sort_problems, warning
from .relations import Catalog, walk_markers, walk_raw_markers
from .scaffold import SCHEMA_DIR
from .schema import schema_file_name
from .sheetcolumns import (
    COLUMNS,
    IMPORTABLE,
    NO,
    STATUS_WORDS,
    YES,
    Column,
    column_for_field,
    find_column,
    normalise_header,
)
from .sheetread import Sheet, read_sheet
from .slugs import base_id, unique_id
from .suggest import did_you_mean
from .tabular import unguard_formula
from .vocabulary import VOCABULARY_FILE, load_vocabularies
from .yamlsource import SourceFile

LABEL_FIELD = {"teachers": "name", "courses": "title", "sites": "name"}
HEADER_SEARCH_ROWS = 30
IGNORED = Column("", ("",))  # --map 备注=  : a column to leave out on purpose
MULTI_SPLIT = re.compile(r"[、，,;；\n]+")
PARAGRAPH_FIELDS = ("bio", "description")
CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
FORMAT_HINTS = {
    "contact.phone": "电话只能有数字、空格和 + - ( )，如 0510-85123456 或 13812345678",
    "contact.email": "电子邮箱写成 name@example.cn 这样",
}
SERIAL_HEADERS = {"序号", "编号", "排序", "no", "no."}  # row numbers: ignored without a warning


class UsageError(Exception):
    """A mistake in the command line itself (exit code 2)."""


@dataclass
class ImportResult:
    written: list[tuple[str, int, str]] = field(default_factory=list)  # (path, row, label)
    skipped: list[tuple[str, int, str]] = field(default_factory=list)  # exists, no --force
    unchanged: list[tuple[str, int, str]] = field(default_factory=list)  # --force, same content
    problems: list[Problem] = field(default_factory=list)
    failed_rows: list[int] = field(default_factory=list)
    note: str = ""

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


# --- the command-line mapping ----------------------------------------------------------


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
                f"--map {item}：{SINGULAR[kind]} 没有字段“{name}”。"
                + (did_you_mean(name, fields, listing="字段") or "")
            )
        mapping[normalise_header(header)] = column
    return mapping


# --- cells ------------------------------------------------------------------------------

_SPACES = str.maketrans(
    {"\u3000": " ", "\xa0": " ", "\u2002": " ", "\u2003": " ", "\u200b": "", "\ufeff": ""}
)


def clean_cell(cell: object) -> object:
    """Trim a cell (full-width and no-break spaces too); blank → None."""
    if isinstance(cell, str):
        text = cell.translate(_SPACES).replace("\r\n", "\n").replace("\r", "\n")
        text = "\n".join(line.strip() for line in text.split("\n")).strip()
        text = re.sub(r"\n{3,}", "\n\n", text)
        return unguard_formula(text) or None  # the text marker of our own exports
    return cell


def _as_text(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _number_text(value: object) -> str:
    return unicodedata.normalize("NFKC", _as_text(value)).replace(" ", "")


_DATE_FORMS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def convert(column: Column, value: object) -> tuple[object, str, str]:
    """(converted value, error message, hint) for one non-blank cell."""
    kind = column.value
    if kind == "text":
        return _as_text(value), "", ""
    if kind == "list":
        if isinstance(value, str):
            return [item.strip() for item in MULTI_SPLIT.split(value) if item.strip()], "", ""
        return [_as_text(value)], "", ""
    if kind == "int":
        if isinstance(value, int) and not isinstance(value, bool):
            return value, "", ""
        text = _number_text(value)
        if match := re.fullmatch(r"(\d+)(?:\.0+)?(?:人|名|位|人次|人左右)?", text):
            return int(match.group(1)), "", ""
        return None, f"应当是整数，现在是“{_as_text(value)}”（not a whole number）", "只填数字，如 50"
    if kind == "number":
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value, "", ""
        text = _number_text(value)
        if match := re.fullmatch(r"(-?\d+(?:\.\d+)?)(?:个)?(?:学时|课时|小时|h|°)?", text, flags=re.I):
            number = float(match.group(1))
            return (int(number) if number.is_integer() else number), "", ""
        return None, f"应当是数字，现在是“{_as_text(value)}”（not a number）", "只填数字，如 2 或 1.5"
    if kind == "date":
        if isinstance(value, dt.datetime):
            return value.date(), "", ""
        if isinstance(value, dt.date):
            return value, "", ""
        text = _number_text(value)
        for form in _DATE_FORMS:
            if match := form.match(text):
                try:
                    return dt.date(*(int(g) for g in match.groups()[:3])), "", ""
                except ValueError:
                    break
        return (
            None,
            f"不是有效的日期：“{_as_text(value)}”（bad date）",
            "写成 2024-05-01，或设为 Excel 日期格式",
        )
    if kind == "bool":
        text = _as_text(value).strip().lower()
        if text in YES:
            return True, "", ""
        if text in NO:
            return False, "", ""
        return None, f"只能填“是”或“否”，现在是“{_as_text(value)}”（yes or no）", ""
    if kind == "status":
        text = _as_text(value).strip().lower()
        if text in STATUS_WORDS:
            return STATUS_WORDS[text], "", ""
        return None, f"状态只能是“在用”或“停用”，现在是“{_as_text(value)}”（bad status）", ""
    if kind == "id":
        text = _as_text(value).strip().lower()
        if ID_PATTERN.match(text):
            return text, "", ""
        return (
            None,
            f"编号“{_as_text(value)}”不能用作记录 id（invalid id）",
            "只能用小写英文字母、数字和连字符“-”，例如 wang-fang；不填则按姓名自动生成",
        )
    raise ValueError(f"column {column.field} cannot be imported")  # pragma: no cover


def _put(data: dict, path: str, value: object) -> None:
    *parents, last = path.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[last] = value


def _get(data: dict, path: str) -> object:
    for part in path.split("."):
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


# --- the header row ---------------------------------------------------------------------


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
            problems.append(
                warning(
                    sheet.path,
                    header.row,
                    col,
                    "unknown-column",
                    f"不认识的列“{title}”，这一列不会导入（unknown column, ignored）",
                    (did_you_mean(title, known) + " ").lstrip()
                    + f"如需导入，用 --map {title}=字段名 指定；不需要时用 --map {title}= 忽略",
                )
            )
    seen: dict[str, int] = {}
    for col, column in sorted(header.columns.items()):
        if column is IGNORED:
            continue
        if column.field in seen and not column.joinable:
            first = seen[column.field]
            problems.append(
                error(
                    sheet.path,
                    header.row,
                    col,
                    "duplicate-column",
                    f"“{header.titles[col]}”和第 {first} 列“{header.titles[first]}”对应同一个字段 "
                    f"{column.field}（duplicate column）",
                    f"删除其中一列，或用 --map {header.titles[col]}= 忽略它",
                )
            )
        seen.setdefault(column.field, col)
    model = MODELS[kind]
    for name, info in model.model_fields.items():
        if name in ("id", "reviewed") or not info.is_required() or name in seen:
            continue
        column = column_for_field(kind, name)
        title = column.header if column else name
        problems.append(
            error(
                sheet.path,
                header.row,
                1,
                "missing-column",
                f"表格里没有“{title}”列，而 {name}（{info.description}）是必填项（missing column）",
                f"加一列“{title}”；如果表格里这一列叫别的名字，用 --map 那个表头={name}",
            )
        )
    return problems


# --- the catalog the rows join ----------------------------------------------------------


@dataclass
class Existing:
    """What is already in the catalog: files, labels, and the names ids can be found by."""

    catalog: Catalog
    vocab_ok: bool
    files: dict[str, dict[str, Path]]  # kind → id → file
    labels: dict[str, dict[str, str | None]]  # kind → id → name/title (None if unreadable)
    raw: dict[str, dict[str, dict]]  # kind → id → raw file data

    @classmethod
    def load(cls, root: Path) -> Existing:
        vocabularies, vocab_problems = load_vocabularies(root)
        loaded = load_records(root)
        records = {
            kind: {i: item.record for i, item in by_id.items()} for kind, by_id in loaded.records.items()
        }
        catalog = Catalog(root, vocabularies, records)
        vocab_ok = not any(p.path == VOCABULARY_FILE and p.is_error for p in vocab_problems)
        files: dict[str, dict[str, Path]] = {}
        labels: dict[str, dict[str, str | None]] = {}
        raw: dict[str, dict[str, dict]] = {}
        for kind in MODELS:
            folder = root / kind
            found = sorted(folder.iterdir()) if folder.is_dir() else []
            files[kind] = {p.stem: p for p in found if p.suffix.lower() in EXTENSIONS and p.is_file()}
            labels[kind] = dict.fromkeys(files[kind])
            raw[kind] = {}
        for kind, by_id in loaded.records.items():
            for record_id, item in by_id.items():
                labels[kind][record_id] = item.record.label
                raw[kind][record_id] = dict(item.source.data)
        for kind, source in loaded.failed:
            record_id = Path(source.path).stem
            field_name = LABEL_FIELD.get(kind, "name")
            value = source.data.get(field_name)
            labels[kind][record_id] = str(value).strip() if value is not None else None
            raw[kind][record_id] = dict(source.data)
        return cls(catalog, vocab_ok, files, labels, raw)

    def resolve(self, kind: str, value: str) -> tuple[str | None, str, str]:
        """(id, error, hint) for a record named by id or by name/title."""
        if value in self.catalog.records[kind]:
            return value, "", ""
        named = [i for i, record in self.catalog.records[kind].items() if record.label == value]
        if len(named) == 1:
            return named[0], "", ""
        what = KIND_NAMES[kind]
        if named:
            return (
                None,
                f"有 {len(named)} 位（个）{what}都叫“{value}”：{'、'.join(named)}（ambiguous name）",
                "在表格里改写成其中一个 id",
            )
        names = [r.label for r in self.catalog.records[kind].values()]
        hint = did_you_mean(value, names + list(self.catalog.records[kind]))
        return (
            None,
            f"找不到{what}“{value}”（unknown {SINGULAR[kind]}）",
            hint or f"先导入或新建这条{what}记录（{kind}/ 下），再导入本表",
        )


# --- rows → records ---------------------------------------------------------------------


@dataclass
class Row:
    number: int
    data: dict
    cells: dict[str, int]  # field path → column of its (first) cell
    problems: list[Problem]
    given: set[str]  # field paths whose column exists in the sheet
    label: str = ""
    record_id: str = ""


def read_row(sheet: Sheet, kind: str, header: Header, number: int, cells: list[object]) -> Row | None:
    """One data row as raw record data; None for a blank row (or a repeated header row)."""
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
        converted, message, hint = convert(column, value)
        if message:
            row.problems.append(
                error(sheet.path, number, col, "bad-cell", f"“{header.titles[col]}”：{message}", hint)
            )
            row.cells.setdefault(column.field, col)
            failed.add(column.field)
            continue
        previous = _get(row.data, column.field)
        if previous is not None and column.joinable:  # 职务 + 职称, two 擅长 columns…
            if isinstance(previous, list):
                converted = previous + [v for v in converted if v not in previous]
            else:
                converted = (
                    f"{previous}{chr(10) * 2 if column.field in PARAGRAPH_FIELDS else '、'}{converted}"
                )
        _put(row.data, column.field, converted)
        row.cells.setdefault(column.field, col)
    coordinates = row.data.get("coordinates")
    if (
        isinstance(coordinates, dict)
        and len(coordinates) == 1
        and not failed & {"coordinates.lat", "coordinates.lon"}
    ):
        present = next(iter(coordinates))
        col = row.cells[f"coordinates.{present}"]
        row.problems.append(
            error(sheet.path, number, col, "bad-cell", "纬度和经度要同时填写（both lat and lon needed）", "")
        )
        failed.add("coordinates")
    for name, info in MODELS[kind].model_fields.items():
        if (
            info.is_required()
            and name not in ("id", "reviewed")
            and name not in row.data
            and name not in failed
        ):
            column = column_for_field(kind, name)
            col = next((c for c, k in header.columns.items() if k is column), 1)
            title = header.titles.get(col) or (column.header if column else name)
            row.problems.append(
                error(
                    sheet.path,
                    number,
                    col,
                    "missing-value",
                    f"“{title}”没有填写，这是必填项（missing value）",
                    info.description if info.description and info.description != title else "",
                )
            )
    label = row.data.get(LABEL_FIELD[kind])
    if isinstance(label, str):  # 王　芳: names padded to line up in the sheet
        row.label = row.data[LABEL_FIELD[kind]] = CJK_GAP.sub("", label)
    return row


def _resolve_refs(sheet: Sheet, kind: str, row: Row, existing: Existing) -> None:
    """Teacher and site names in a course row → ids of existing records."""
    model = MODELS[kind]
    for name, info in model.model_fields.items():
        target = next((m.kind for m in markers(info) if isinstance(m, Ref)), None)
        if target is None or name not in row.data:
            continue
        values = row.data[name] if isinstance(row.data[name], list) else [row.data[name]]
        resolved = []
        for value in values:
            found, message, hint = existing.resolve(target, CJK_GAP.sub("", value))
            if found is None:
                row.problems.append(
                    error(sheet.path, row.number, row.cells[name], "unknown-ref", message, hint)
                )
            elif found not in resolved:
                resolved.append(found)
        row.data[name] = resolved if isinstance(row.data[name], list) else resolved[0] if resolved else None


def _validate(
    sheet: Sheet, kind: str, row: Row, data: dict, existing: Existing, header: Header
) -> Record | None:
    """The same model and vocabulary/reference checks as `catalog check`, at sheet positions."""
    from .validate import _check_markers, _check_photo

    source = SourceFile(sheet.path, data)
    source.values[()] = (row.number, 1)
    for path, col in row.cells.items():
        source.values[tuple(path.split("."))] = (row.number, col)
        source.keys[tuple(path.split("."))] = (row.number, col)
    found: list[Problem] = []
    record = build_record(kind, row.record_id or "x", source, found)
    found = [p for p in found if p.code != "missing-field"]  # reported per cell in read_row
    if record is not None:
        marked, status = walk_markers(record), record.status
    else:  # still report the row's unknown values and references, all at once
        marked, status = walk_raw_markers(MODELS[kind], data), str(data.get("status", "active"))
    found += _check_markers(marked, status, source, existing.catalog, existing.vocab_ok)
    if record is not None and getattr(record, "photo", None):
        found += _check_photo(record.photo, existing.catalog.root, source)
    for problem in found:
        column = header.columns.get(problem.column)
        if column is None:
            row.problems.append(problem)
            continue
        hint = FORMAT_HINTS.get(column.field, problem.hint) if problem.code == "bad-format" else problem.hint
        message = f"“{header.titles[problem.column]}”：{problem.message}"
        row.problems.append(replace(problem, message=message, hint=hint))
    return record


# --- writing ----------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)  # list items indented under their key


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def record_yaml(kind: str, record: Record, origin: str) -> str:
    """The file text of a record: schema line, where it came from, then the fields."""
    dumped = record.model_dump(exclude={"id"}, exclude_defaults=True)
    order = [n for n in type(record).model_fields if n not in ("id", "status", "reviewed")]
    data = {n: _tidy(dumped[n]) for n in (*order, "status", "reviewed") if n in dumped}
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    return (
        f"# yaml-language-server: $schema=../{SCHEMA_DIR}/{schema_file_name(kind)}\n"
        f"# 由 `catalog import` 从 {origin}导入；之后请直接修改本文件。\n"
        f"{body}"
    )


def _tidy(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _tidy(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_tidy(v) for v in value]
    return value


# --- the whole import -------------------------------------------------------------------


def import_sheet(
    root: Path,
    kind: str,
    file: Path,
    *,
    mapping: dict[str, Column] | None = None,
    force: bool = False,
    sheet_name: str | None = None,
    today: dt.date | None = None,
    shown: str | None = None,
) -> ImportResult:
    """Import every row of `file` as a record of `kind` under `root`."""
    if kind not in IMPORTABLE:
        raise UsageError(
            f"{KIND_NAMES[kind]}不能从表格导入：路线的站点有先后顺序，"
            f"请用 `catalog new {SINGULAR[kind]}` 编写"
        )
    root = Path(root)
    today = today or dt.date.today()
    shown = shown or file.as_posix()
    mapping = mapping or {}
    result = ImportResult()
    sheet, problems = read_sheet(file, shown, kind, sheet_name)
    result.problems += problems
    if sheet is None:
        return result
    result.note = sheet.note
    header = find_header(sheet, kind, mapping)
    if header is None:
        expected = "、".join(
            c.header for c in COLUMNS[kind] if c.field in LABEL_FIELD.values() or c.value == "list"
        )
        result.problems.append(
            error(
                shown,
                1,
                1,
                "no-header",
                f"在前 {HEADER_SEARCH_ROWS} 行里找不到表头行"
                f"（至少要有两列认识的表头，如 {expected}）（no header row）",
                "检查表头文字；表头叫别的名字时用 --map 表头=字段名",
            )
        )
        return result
    result.problems += check_header(sheet, kind, header, mapping)
    if not result.ok:
        return result

    existing = Existing.load(root)
    rows = [
        row
        for number, cells in enumerate(sheet.rows[header.row :], start=header.row + 1)
        if (row := read_row(sheet, kind, header, number, cells)) is not None
    ]
    _plan_ids(sheet, kind, rows, existing)
    for row in rows:
        _resolve_refs(sheet, kind, row, existing)
        data = {key: value for key, value in row.data.items() if key != "id"}
        data.setdefault("reviewed", today)
        target = existing.files[kind].get(row.record_id) if row.record_id else None
        if target is not None and force:  # keep what the sheet has no column for
            data = _merge(existing.raw[kind].get(row.record_id, {}), data, row.given)
        record = _validate(sheet, kind, row, data, existing, header)
        result.problems += row.problems
        if record is None or not row.record_id or any(p.is_error for p in row.problems):
            result.failed_rows.append(row.number)
            continue
        if target is not None and not force:
            result.skipped.append((target.relative_to(root).as_posix(), row.number, row.label))
            continue
        before = existing.catalog.get(kind, row.record_id) if target is not None else None
        if before is not None and _same(before, record):
            result.unchanged.append((target.relative_to(root).as_posix(), row.number, row.label))
            continue
        path = target or root / kind / f"{row.record_id}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        origin = f"{Path(shown).name} 第 {row.number} 行"
        path.write_text(record_yaml(kind, record, origin), encoding="utf-8", newline="\n")
        result.written.append((path.relative_to(root).as_posix(), row.number, row.label))
    result.problems = sort_problems(result.problems)
    return result


def _same(before: Record, after: Record) -> bool:
    """Equal but for the review date: importing the same sheet again leaves the file alone."""
    return before.model_dump(exclude={"reviewed"}) == after.model_dump(exclude={"reviewed"})


def _merge(kept: dict, data: dict, given: set[str]) -> dict:
    """An existing file's data, with every field the sheet has a column for replaced."""
    merged = copy.deepcopy({k: v for k, v in kept.items() if k != "id"})
    for path in given:  # a blank cell in a given column clears the field
        *parents, last = path.split(".")
        holder = merged
        for part in parents:
            holder = holder.get(part) if isinstance(holder.get(part), dict) else {}
        holder.pop(last, None)
    for key, value in data.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return {k: v for k, v in merged.items() if v != {}}


def _plan_ids(sheet: Sheet, kind: str, rows: list[Row], existing: Existing) -> None:
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
                    error(
                        sheet.path,
                        row.number,
                        row.cells["id"],
                        "duplicate-id",
                        f"编号 {given} 与第 {planned[given]} 行重复（duplicate id）",
                        "每行的编号必须不同",
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
            row.problems.append(
                error(
                    sheet.path,
                    row.number,
                    row.cells.get(LABEL_FIELD[kind], 1),
                    "no-id",
                    f"无法从“{row.label}”生成 id（cannot make an id）",
                    "加一列“编号”，填写小写英文字母、数字和连字符组成的 id",
                )
            )
            continue

        def free(candidate: str, label: str = row.label, labels: dict = existing.labels[kind]) -> bool:
            if candidate in planned:
                return False
            return candidate not in labels or labels[candidate] == label

        row.record_id = unique_id(base, free)
        planned[row.record_id] = row.number
        if row.label in first_label:
            row.problems.append(
                warning(
                    sheet.path,
                    row.number,
                    row.cells.get(LABEL_FIELD[kind], 1),
                    "duplicate-name",
                    f"与第 {first_label[row.label]} 行同名“{row.label}”，生成了另一个 id {row.record_id}"
                    "（duplicate name）",
                    "如果是同一条记录，请删除重复的一行；如果确是两个人（两处），可以加一列“id”写上想要的 id",
                )
            )
        else:
            first_label[row.label] = row.number


# --- the command ------------------------------------------------------------------------


def run_import(
    root: Path,
    kind: str,
    file: Path,
    *,
    maps: list[str],
    force: bool,
    sheet_name: str | None,
    output_format: str = "text",
) -> int:
    """`catalog import`: import, then report what was written, skipped and wrong."""
    if not file.is_file():
        print(f"catalog: 找不到表格文件（no such file）：{file}", file=sys.stderr)
        return 2
    try:
        mapping = parse_mapping(kind, maps)
        result = import_sheet(root, kind, file, mapping=mapping, force=force, sheet_name=sheet_name)
    except UsageError as exc:
        print(f"catalog: {exc}", file=sys.stderr)
        return 2
    log = sys.stdout if output_format == "text" else sys.stderr
    if result.note:
        print(f"读取 {file.name}（{result.note}）", file=log)
    for path, number, label in result.written:
        print(f"写入 {path}（第 {number} 行 {label}）", file=log)
    for path, number, label in result.skipped:
        print(f"跳过 {path}（第 {number} 行 {label}）：文件已存在；要用表格内容更新，请加 --force", file=log)
    for path, number, label in result.unchanged:
        print(f"未变 {path}（第 {number} 行 {label}）：内容与表格一致，没有改写", file=log)
    output = RENDERERS[output_format](result.problems)
    if output:
        print(output)
    errors = sum(p.is_error for p in result.problems)
    print(
        f"导入{'完成' if result.ok else '未全部完成'}：写入 {len(result.written)} 条，"
        f"跳过 {len(result.skipped) + len(result.unchanged)} 条已有记录，"
        f"{len(result.failed_rows)} 行有错误未导入"
        f"（{errors} 个错误）。" + ("请按上面的行号修改表格后重新导入。" if not result.ok else ""),
        file=log,
    )
    if result.written and result.ok:
        print("下一步：运行 `catalog check`，确认无误后提交（git commit）并发起合并请求。", file=log)
    return 0 if result.ok else 1
