"""The whole import of one sheet, and the `catalog import` command that reports it."""

from __future__ import annotations

import copy
import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path

from catalog.core.codes import problem
from catalog.core.kinds import KINDS
from catalog.core.models import Record
from catalog.core.problems import RENDERERS, Problem, sort_problems
from catalog.core.report import render_grouped
from catalog.editors.columns import COLUMNS, IMPORTABLE
from catalog.editors.importing.existing import Existing
from catalog.editors.importing.header import (
    HEADER_SEARCH_ROWS,
    Column,
    UsageError,
    check_header,
    find_header,
    parse_mapping,
)
from catalog.editors.importing.options import check_given, parse_picks, parse_sets
from catalog.editors.importing.routes import fill_down_names, join_stop_rows, merge_stops, one_row_per_stop
from catalog.editors.importing.rows import plan_ids, read_row, resolve_refs, twin_warnings, validate_row
from catalog.editors.record_files import record_yaml
from catalog.tabular.sheets import read_sheet


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
    sets: list[str] | None = None,
    picks: list[str] | None = None,
) -> ImportResult:
    """Import every row of `file` as a record of `kind` under `root`.

    `sets` (--set 表头=值) give a column one value for every row that has none; `picks`
    (--pick 名字=id) say which record a name shared by two means in this sheet.
    """
    if kind not in IMPORTABLE:
        raise UsageError(f"{KINDS[kind].name}不能从表格导入")
    parsed_sets = parse_sets(kind, sets or [])
    parsed_picks = parse_picks(picks or [])
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
            c.header for c in COLUMNS[kind] if c.field == KINDS[kind].label_field or c.value == "list"
        )
        result.problems.append(problem("no-header", shown, 1, 1, rows=HEADER_SEARCH_ROWS, expected=expected))
        return result
    result.problems += check_header(sheet, kind, header, mapping)
    if not result.ok:
        return result

    existing = Existing.load(root)
    given = check_given(kind, parsed_sets, parsed_picks, existing)
    per_stop = one_row_per_stop(header)
    if per_stop:
        fill_down_names(sheet, header)
    rows = [
        row
        for number, cells in enumerate(sheet.rows[header.row :], start=header.row + 1)
        if (row := read_row(sheet, kind, header, number, cells, given)) is not None
    ]
    if per_stop:
        rows = join_stop_rows(rows)
    plan_ids(sheet, kind, rows, existing)
    for row in rows:
        resolve_refs(sheet, kind, row, existing, given.picks)
        data = {key: value for key, value in row.data.items() if key != "id"}
        data.setdefault("reviewed", today)
        target = existing.file(kind, row.record_id) if row.record_id else None
        if target is not None and force:  # keep what the sheet has no column for
            kept = existing.raw(kind, row.record_id)
            if isinstance(data.get("stops"), list) and isinstance(kept.get("stops"), list):
                data["stops"] = merge_stops(kept["stops"], data["stops"])
            data = _merge(kept, data, row.given)
        record = validate_row(sheet, kind, row, data, existing, header)
        if record is not None and target is None:
            row.problems += twin_warnings(sheet.path, kind, row, record, existing)
        result.problems += row.problems
        if record is None or not row.record_id or any(p.is_error for p in row.problems):
            result.failed_rows.append(row.number)
            continue
        if target is not None and not force:
            result.skipped.append((target.relative_to(root).as_posix(), row.number, row.label))
            continue
        before = existing.catalog.get(kind, row.record_id) if target is not None else None
        if target is not None and before is not None and _same(before, record):
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
            inner = holder.get(part)
            holder = inner if isinstance(inner, dict) else {}
        holder.pop(last, None)
    for key, value in data.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return {k: v for k, v in merged.items() if v != {}}


def run_import(
    root: Path,
    kind: str,
    file: Path,
    *,
    maps: list[str],
    force: bool,
    sheet_name: str | None,
    output_format: str = "text",
    every: bool = False,
    sets: list[str] | None = None,
    picks: list[str] | None = None,
) -> int:
    """`catalog import`: import, then report what was written, skipped and wrong."""
    if not file.is_file():
        print(f"catalog: 找不到表格文件（no such file）：{file}", file=sys.stderr)
        return 2
    try:
        mapping = parse_mapping(kind, maps)
        result = import_sheet(
            root, kind, file, mapping=mapping, force=force, sheet_name=sheet_name, sets=sets, picks=picks
        )
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
    if output_format == "text":
        output = render_grouped(result.problems, every=every)
    else:
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
