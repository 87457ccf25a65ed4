"""The plan as the department edits it: 派单计划.xlsx, one row per requested item.

`catalog orders --out DIR` writes it; the department opens it in Excel or WPS, decides in
the yellow columns (状态, 确认开始日期, 确认结束日期, 派出师资, 安排点位, 答复说明) and sends it
back; `catalog plan FILE` reads the decisions in (catalog.orders.plan_import). The grey
columns are what the unit asked for and are not read back; 冲突与待协调 says which other
orders want the same teacher or site on the same days.

Drop-down lists: 状态 offers the four statuses; 派出师资 and 安排点位 offer, row by row, the
teachers and sites the item may be given (a course's own, or every active one when the
item names none), written as `姓名（编号）`, which is read back by the id in brackets. The
lists live on two hidden sheets, as Excel and WPS both read them. Text is written as text
and every cell passes the one formula guard (catalog.tabular.writing).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from catalog.core.kinds import KINDS, orderable
from catalog.core.relations import Catalog
from catalog.orders.conflicts import Clash
from catalog.orders.plan import STATUSES, Plan, PlanItem, options, record_of
from catalog.tabular.writing import guard_formula, write_xlsx


def _width(value: object) -> int:
    """How many columns a text takes in a sheet (a Chinese character two)."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(value or ""))


SHEET = "派单计划"
GUIDE_SHEET = "说明"
TEACHER_OPTIONS, SITE_OPTIONS = "师资选项", "点位选项"
FILE_NAME = "派单计划.xlsx"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    role: str  # "key" (finds the item), "request" (the unit's), "info" (not read), "decision"


COLUMNS = (
    Column("number", "单号", "key"),
    Column("unit", "单位名称", "request"),
    Column("contact", "联系人", "request"),
    Column("phone", "联系电话", "request"),
    Column("kind", "类型", "key"),
    Column("id", "编号", "key"),
    Column("name", "名称", "request"),
    Column("date_from", "希望开始日期", "request"),
    Column("date_to", "希望结束日期", "request"),
    Column("participants", "人数", "request"),
    Column("capacity", "容量", "info"),
    Column("note", "单位备注", "request"),
    Column("clash", "冲突与待协调", "info"),
    Column("status", "状态", "decision"),
    Column("confirmed_from", "确认开始日期", "decision"),
    Column("confirmed_to", "确认结束日期", "decision"),
    Column("teacher", "派出师资", "decision"),
    Column("site", "安排点位", "decision"),
    Column("reply", "答复说明", "decision"),
)
LABELS = {column.key: column.label for column in COLUMNS}
WRAPPED = {"name": 22, "note": 14, "clash": 26, "reply": 26}  # column widths of the long texts
POSITION = {column.key: index for index, column in enumerate(COLUMNS, start=1)}

GUIDE: list[list[object]] = [
    ["派单计划表怎么填"],
    ["每一行是一个单位点的一项。灰色的列是单位点单时填的，改了也不会导入；黄色的列由组织部门填写。"],
    [
        "状态：从下拉列表选择。待安排＝还没定；已安排＝按单位希望的日期安排；改期＝与单位商定了别的日期；婉拒＝不能安排。"
    ],
    ["确认开始日期、确认结束日期：已安排、改期必须填开始日期；一天的培训结束日期可不填。"],
    [
        "派出师资、安排点位：从下拉列表选择（列表里是这一项可以派的师资和点位）；路线的点位按路线行程，不用填。"
    ],
    ["答复说明：写给单位的话，会印在回单上；婉拒必须写明原因。"],
    ["冲突与待协调：列出同一天需要同一位师资或同一个点位的其他单号，供安排时参考。"],
    [
        "填好后保存（保持 .xlsx 格式），交给维护目录的同事运行 catalog plan 导入；"
        "导入时会逐项检查，有错误会指出第几行第几列。"
    ],
]


def choice(kind: str, record_id: str | None, catalog: Catalog) -> str:
    """How a teacher or site is written in the sheet: 姓名（编号）."""
    if not record_id:
        return ""
    record = catalog.get(kind, record_id)
    return f"{record.label}（{record.id}）" if record is not None else record_id


def choices(item: PlanItem, resource: str, catalog: Catalog) -> list[str]:
    """The drop-down entries of one row: the allowed records, or every active one."""
    allowed = options(item, catalog)[resource].allowed
    if allowed is None:
        allowed = tuple(r.id for r in catalog.records[resource].values() if orderable(r))
    return [choice(resource, record_id, catalog) for record_id in allowed]


def clash_text(item: PlanItem, found: list[Clash], catalog: Catalog) -> str:
    parts = []
    for clash in found:
        if item not in clash.items:
            continue
        others = "、".join(sorted({i.number for i in clash.items if i.number != item.number}))
        names = "、".join(
            f"{KINDS[kind].name} {catalog.get(kind, record_id).label}"  # type: ignore[union-attr]
            for kind, record_id in clash.shared
        )
        word = "冲突" if clash.confirmed else "待协调"
        parts.append(f"{word}：与 {others} 同期需要{names}")
    return "；".join(parts)


def item_cells(item: PlanItem, catalog: Catalog, found: list[Clash]) -> dict[str, object]:
    entry, order = item.entry, item.order
    record = record_of(item, catalog)
    capacity = KINDS[item.kind].capacity(record, catalog) if item.kind and record is not None else None
    return {
        "number": item.number,
        "unit": order.unit,
        "contact": order.contact,
        "phone": order.phone,
        "kind": KINDS[item.kind].name if item.kind else entry.kind,
        "id": entry.id,
        "name": entry.name or (record.label if record else ""),
        "date_from": entry.date_from,
        "date_to": entry.date_to,
        "participants": entry.participants,
        "capacity": capacity,
        "note": entry.note,
        "clash": clash_text(item, found, catalog),
        "status": entry.status,
        "confirmed_from": entry.confirmed_from,
        "confirmed_to": entry.confirmed_to,
        "teacher": choice("teachers", entry.teacher, catalog),
        "site": choice("sites", entry.site, catalog),
        "reply": entry.reply,
    }


def _text(value: object) -> object:
    return guard_formula(value) if isinstance(value, str) else value


def write_plan_sheet(path: Path, plan: Plan, catalog: Catalog, found: list[Clash]) -> Path:
    """Write the whole plan to `path` (an .xlsx file)."""
    rows: list[list[object]] = [[column.label for column in COLUMNS]]
    teacher_lists: list[list[object]] = []
    site_lists: list[list[object]] = []
    for item in plan.items:
        cells = item_cells(item, catalog, found)
        rows.append([_text(cells[column.key]) for column in COLUMNS])
        teacher_lists.append([_text(value) for value in choices(item, "teachers", catalog)] or [""])
        site_lists.append([_text(value) for value in choices(item, "sites", catalog)] or [""])
    sheets: dict[str, list[list[object]]] = {
        SHEET: rows,
        GUIDE_SHEET: GUIDE,
        TEACHER_OPTIONS: [["可选师资"], *teacher_lists],
        SITE_OPTIONS: [["可选点位"], *site_lists],
    }
    write_xlsx(path, sheets, finish=lambda book: _dress(book, len(rows) - 1, teacher_lists, site_lists))
    return path


def _dress(book, count: int, teacher_lists: list[list[object]], site_lists: list[list[object]]) -> None:
    """Colours, drop-down lists and date checks on the plan sheet; option sheets hidden."""
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet = book[SHEET]
    grey, yellow = PatternFill("solid", fgColor="EEEEEE"), PatternFill("solid", fgColor="FFF2B3")
    wrap, top = Alignment(wrap_text=True, vertical="top"), Alignment(vertical="top")
    for column in COLUMNS:
        letter = get_column_letter(POSITION[column.key])
        fill = yellow if column.role == "decision" else grey
        for row in range(1, count + 2):
            sheet[f"{letter}{row}"].fill = fill
            sheet[f"{letter}{row}"].alignment = wrap if column.key in WRAPPED else top
        if column.key in WRAPPED:  # long texts wrap in a column of a readable width
            sheet.column_dimensions[letter].width = WRAPPED[column.key]
    for row in range(2, count + 2):  # tall enough for the wrapped lines (not every program measures)
        lines = max(
            -(-_width(sheet.cell(row=row, column=POSITION[key]).value) // (width - 1))
            for key, width in WRAPPED.items()
        )
        if lines > 1:
            sheet.row_dimensions[row].height = 15 * lines
    letters = {key: get_column_letter(POSITION[key]) for key in POSITION}
    if count:
        status = DataValidation(
            type="list",
            formula1='"' + ",".join(STATUSES) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="状态",
            error="请从下拉列表里选择：" + "、".join(STATUSES),
        )
        status.add(f"{letters['status']}2:{letters['status']}{count + 1}")
        dates = DataValidation(
            type="date",
            operator="greaterThan",
            formula1="DATE(2000,1,1)",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="日期",
            error="请填写日期，如 2026-12-10",
        )
        dates.add(f"{letters['confirmed_from']}2:{letters['confirmed_to']}{count + 1}")
        sheet.add_data_validation(status)
        sheet.add_data_validation(dates)
    for key, options_sheet, lists in (
        ("teacher", TEACHER_OPTIONS, teacher_lists),
        ("site", SITE_OPTIONS, site_lists),
    ):
        for index, values in enumerate(lists, start=2):
            last = get_column_letter(max(1, len(values)))
            listed = DataValidation(
                type="list",
                formula1=f"='{options_sheet}'!$A${index}:${last}${index}",
                allow_blank=True,
                showErrorMessage=False,  # a name typed by hand is checked when it is read back
            )
            listed.add(f"{letters[key]}{index}")
            sheet.add_data_validation(listed)
        book[options_sheet].sheet_state = "hidden"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{count + 1}"
    sheet.page_setup.orientation = "landscape"  # printed for a meeting: all columns on the width
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.print_title_rows = "1:1"
