"""`catalog plan FILE`: the decisions of the department's 派单计划.xlsx back into the plan.

Rows are found by 单号, 类型 and 编号 (sorting or filtering the sheet does no harm). Only
the decision columns are read: a changed request cell is pointed out and left alone, a
row the plan does not hold is an error, and items whose rows were deleted keep their
decisions. The decisions are then checked with the plan's rules (catalog.orders.plan_rules)
at their cells (PATH:ROW:COLUMN); with any error nothing is written, so the plan is
never half imported. Otherwise the changed orders are written to `dispatch/`.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from pydantic import ValidationError

from catalog.core.codes import problem
from catalog.core.kinds import kind_of
from catalog.core.models import Record
from catalog.core.problems import Problem, sort_problems
from catalog.core.problems import render_text as render_problems
from catalog.core.relations import Catalog
from catalog.core.suggest import did_you_mean
from catalog.load.pydantic_errors import translate
from catalog.load.yamlsource import SourceFile
from catalog.orders.number import parse_number
from catalog.orders.plan import PENDING, STATUSES, Plan, PlanItem, PlanOrder
from catalog.orders.plan_files import FOLDER, add_order, write_order
from catalog.orders.plan_rules import check_plan
from catalog.orders.plan_sheet import COLUMNS, LABELS, SHEET, item_cells
from catalog.orders.rules import parse_date
from catalog.tabular.sheets import read_sheet
from catalog.tabular.writing import unguard_formula

_CHOICE = re.compile(r"^(.*?)\s*[（(]\s*([a-z0-9]+(?:-[a-z0-9]+)*)\s*[)）]\s*$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
DECISIONS = tuple(column.key for column in COLUMNS if column.role == "decision")
REQUIRED = ("number", "kind", "id", *DECISIONS)


@dataclass
class SheetRow:
    line: int
    item: PlanItem
    decisions: dict[str, object]
    columns: dict[str, int]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    return unguard_formula(unicodedata.normalize("NFKC", str(value)).strip())


def _day(value: object) -> dt.date | None:
    """A date cell, a date as text, or an Excel day number; ValueError when it is none."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 20_000 < value < 80_000:
        return _EXCEL_EPOCH + dt.timedelta(days=int(value))
    return parse_date(_text(value))


def _resolve(kind: str, text: str, catalog: Catalog) -> tuple[str | None, list[str]]:
    """The id a teacher or site cell names ("姓名（编号）", an id, or a unique name);
    when a name fits several, the candidates."""
    if not text:
        return None, []
    match = _CHOICE.match(text)
    if match:
        return match.group(2), []
    if catalog.get(kind, text.lower()) is not None:
        return text.lower(), []
    named = [r.id for r in catalog.records[kind].values() if r.label == text]
    if len(named) == 1:
        return named[0], []
    return (None, named) if named else (text, [])


def read_decisions(
    path: Path, shown: str, plan: Plan, catalog: Catalog
) -> tuple[list[SheetRow] | None, list[Problem]]:
    """The sheet's rows with their parsed decisions, and every problem of reading them."""
    sheet, problems = read_sheet(path, shown, None, SHEET)
    if sheet is None:
        return None, problems
    rows = sheet.rows
    by_label = {label: key for key, label in LABELS.items()}
    header = {
        by_label[_text(cell)]: index
        for index, cell in enumerate(rows[0] if rows else [], start=1)
        if _text(cell) in by_label
    }
    missing = [LABELS[key] for key in REQUIRED if key not in header]
    if missing:
        expected = "、".join(column.label for column in COLUMNS)
        return None, [problem("plan-sheet-header", shown, 1, 1, names="、".join(missing), expected=expected)]
    found: list[SheetRow] = []
    lines: dict[tuple[str, str, str], int] = {}
    for line, cells in enumerate(rows[1:], start=2):
        cell = {key: cells[index - 1] if index <= len(cells) else None for key, index in header.items()}
        if not any(_text(value) for value in cell.values()):
            continue
        row, row_problems = _row(line, cell, header, shown, plan, catalog, lines)
        problems += row_problems
        if row is not None:
            found.append(row)
    return found, problems


def _row(
    line, cell, header, shown, plan: Plan, catalog: Catalog, lines
) -> tuple[SheetRow | None, list[Problem]]:
    parsed = parse_number(_text(cell["number"]))
    number = str(parsed) if parsed else _text(cell["number"])
    kind = kind_of(_text(cell["kind"]))
    key = (number, kind.folder if kind else _text(cell["kind"]), _text(cell["id"]))
    if number not in plan.orders:
        return None, [problem("plan-sheet-unknown-number", shown, line, header["number"], number=number)]
    item = plan.item(key)
    if item is None:
        what = kind.name if kind else _text(cell["kind"])
        return None, [
            problem("plan-sheet-unknown-item", shown, line, header["id"], number=number, what=what, id=key[2])
        ]
    first = lines.setdefault(key, line)
    if first != line:
        return None, [problem("plan-sheet-duplicate", shown, line, header["id"], first=first)]
    problems: list[Problem] = []
    decisions: dict[str, object] = {}
    status = _text(cell["status"]) or PENDING
    if status not in STATUSES:
        suggestion = did_you_mean(status, STATUSES, listing="状态")
        problems.append(
            problem(
                "plan-sheet-bad-status", shown, line, header["status"], text=status, suggestion=suggestion
            )
        )
    decisions["status"] = status
    for name in ("confirmed_from", "confirmed_to"):
        try:
            decisions[name] = _day(cell[name])
        except ValueError:
            label = LABELS[name]
            problems.append(
                problem("plan-sheet-bad-date", shown, line, header[name], label=label, text=_text(cell[name]))
            )
    for name, kind_name in (("teacher", "teachers"), ("site", "sites")):
        value, same = _resolve(kind_name, _text(cell[name]), catalog)
        if same:
            text = _text(cell[name])
            problems.append(
                problem(
                    "plan-sheet-ambiguous",
                    shown,
                    line,
                    header[name],
                    text=text,
                    count=len(same),
                    ids="、".join(same),
                )
            )
        decisions[name] = value
    decisions["reply"] = _text(cell["reply"])
    problems += _changed_requests(item, cell, header, shown, line, catalog)
    return SheetRow(line, item, decisions, header), problems


def _changed_requests(item: PlanItem, cell, header, shown: str, line: int, catalog: Catalog) -> list[Problem]:
    """A warning at each request cell that no longer says what the unit asked for."""
    written = item_cells(item, catalog, [])
    problems = []
    for column in COLUMNS:
        if column.role != "request" or column.key not in header:
            continue
        if _text(cell[column.key]) != _text(written[column.key]):
            problems.append(
                problem("plan-sheet-changed", shown, line, header[column.key], label=column.label)
            )
    return problems


def _decided(entry_values: dict[str, object], decisions: dict[str, object]) -> dict[str, object]:
    return {name: decisions.get(name, entry_values.get(name)) for name in DECISIONS}


def apply_rows(plan: Plan, rows: list[SheetRow], shown: str) -> tuple[Plan, list[Problem]]:
    """A new plan with the rows' decisions (validated by the model at their cells)."""
    problems: list[Problem] = []
    result = Plan()
    by_number: dict[str, dict[int, SheetRow]] = {}
    for row in rows:
        by_number.setdefault(row.item.number, {})[row.item.index] = row
    for number, order in plan.orders.items():
        items = plan.of(number)
        sheet_rows = by_number.get(number, {})
        data = order.model_dump()
        source = SourceFile(shown)
        for index, row in sheet_rows.items():
            data["items"][index].update(_decided(data["items"][index], row.decisions))
            source.values[("items", index)] = (row.line, 1)
            for name, column in row.columns.items():
                source.values[("items", index, name)] = (row.line, column)
        try:
            new = PlanOrder.model_validate(data) if sheet_rows else order
        except ValidationError as exc:
            for detail in exc.errors(include_url=False):
                problems.append(translate(dict(detail), cast(type[Record], PlanOrder), source))
            new = order

        def locator(index: int, items=items, sheet_rows=sheet_rows):
            row = sheet_rows.get(index)
            return items[index].locate if row is None else _cell_locator(shown, row, items[index].locate)

        add_order(result, number, new, locator, plan.paths[number])
    return result, problems


def _cell_locator(shown: str, row: SheetRow, fallback):
    """Where a field of a row's item stands: its cell, or (no such column) its file."""

    def locate(name: str) -> tuple[str, int, int]:
        if name in row.columns:
            return shown, row.line, row.columns[name]
        return fallback(name)

    return locate


def import_plan(
    path: Path, shown: str, plan: Plan, catalog: Catalog
) -> tuple[Plan | None, list[str], list[Problem]]:
    """The plan with the sheet's decisions, the numbers of the orders that changed, problems."""
    rows, problems = read_decisions(path, shown, plan, catalog)
    if rows is None:
        return None, [], problems
    new, model_problems = apply_rows(plan, rows, shown)
    problems += model_problems
    seen = {row.item.key for row in rows}
    left = [item for item in plan.items if item.key not in seen]
    if left:
        problems.append(
            problem("plan-sheet-missing-rows", shown, 1, 1, count=len(left), first=left[0].number)
        )
    problems += check_plan(new, catalog)
    changed = [number for number, order in new.orders.items() if order != plan.orders[number]]
    return new, changed, problems


def unimported(path: Path, shown: str, plan: Plan, catalog: Catalog) -> list[Problem]:
    """Rows of an existing 派单计划.xlsx whose decisions the plan does not hold yet."""
    rows, problems = read_decisions(path, shown, plan, catalog)
    if rows is None:
        return [p for p in problems if p.is_error]
    found = [p for p in problems if p.is_error and p.code != "plan-sheet-unknown-number"]
    for row in rows:
        entry = row.item.entry.model_dump()
        for name in DECISIONS:
            if row.decisions.get(name) != entry[name]:
                column = row.columns[name]
                found.append(
                    problem("plan-sheet-unimported", shown, row.line, column, label=LABELS[name], path=shown)
                )
                break
    return found


def run_plan_import(root: Path, file: Path) -> int:
    """`catalog plan FILE`: exit 0 imported (warnings allowed), 1 problems (nothing written)."""
    from catalog.load.validate import check_catalog

    checked = check_catalog(root)
    shown = file.as_posix()
    plan_errors = [p for p in checked.errors if p.path.startswith(f"{FOLDER}/")]
    if plan_errors:
        print(render_problems(plan_errors))
        print(f"派单计划（{FOLDER}/）本身有 {len(plan_errors)} 个错误，请先改好（catalog check）。")
        print("派单计划表未导入（nothing imported）。")
        return 1
    if not file.is_file():
        print(f"catalog: 找不到派单计划表（file not found）：{shown}", file=sys.stderr)
        return 2
    new, changed, problems = import_plan(file, shown, checked.plan, checked.catalog)
    problems = sort_problems(problems)
    if problems:
        print(render_problems(problems))
        print()
    errors = [p for p in problems if p.is_error]
    if new is None or errors:
        warnings = len(problems) - len(errors)
        print(f"派单计划表有 {len(errors)} 个错误、{warnings} 个警告，未导入（nothing imported）。")
        print("请按上面的行号和列号改好表格，保存后再运行一次。")
        return 1
    for number in changed:
        write_order(root, number, new.orders[number])
    counts = "、".join(f"{status} {sum(i.status == status for i in new.items)} 项" for status in STATUSES)
    print(f"已导入派单计划：{len(new.orders)} 张点单、{len(new.items)} 项（{counts}）。")
    if changed:
        print(f"改动了 {len(changed)} 个文件：" + "、".join(f"{FOLDER}/{n}.yml" for n in changed))
    else:
        print("决定都与派单计划一致，没有改动文件。")
    print("运行 ./dev build 重新生成网站，培训日程和回单会随之更新。")
    return 0
