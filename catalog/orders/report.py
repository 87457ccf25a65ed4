"""The dispatch summary (派单汇总) as text for the terminal, CSV for Excel, Markdown tables.

All three show the same `catalog.orders.dispatch.Dispatch`, in the same order: per kind, per
record, the orders that asked for it; then the clashes, each once: 冲突 (confirmed items) and
待协调 (an item still open). `write_dispatch` adds the plan to edit (派单计划.xlsx).
"""

from __future__ import annotations

from pathlib import Path

from catalog.core.kinds import KINDS
from catalog.core.relations import Catalog
from catalog.orders.conflicts import Clash
from catalog.orders.dispatch import Demand, Dispatch, span
from catalog.orders.format import OrderRow
from catalog.orders.plan import PlanItem
from catalog.orders.plan_rules import span_text
from catalog.orders.plan_sheet import FILE_NAME, write_plan_sheet
from catalog.tabular.writing import csv_bytes


def dates_text(row: OrderRow) -> str:
    dates = span(row)
    return "未填日期" if dates is None else span_text(dates)


def participants_text(row: OrderRow, demand: Demand | None = None) -> str:
    return "人数未填" if row.participants is None else f"{row.participants} 人"


def demand_text(demand: Demand) -> str:
    parts = [f"{len(demand.units)} 个单位", f"{len(demand.rows)} 条", f"合计 {demand.participants} 人"]
    if demand.unknown_participants:
        parts.append(f"{demand.unknown_participants} 条未填人数")
    if demand.capacity:
        parts.append(f"容量 {demand.capacity}")
    return "，".join(parts)


def record_title(kind: str, record) -> str:
    return f"{KINDS[kind].name} {record.label}（{record.id}）"


def shared_text(clash: Clash, catalog: Catalog) -> str:
    """The teachers and sites a clash is about: 师资 陈丽华（chen-lihua）、教学点位 …"""
    return "、".join(record_title(kind, catalog.get(kind, record_id)) for kind, record_id in clash.shared)


def clash_title(clash: Clash, catalog: Catalog) -> str:
    period = span_text((clash.start, clash.end))
    return f"{period}：{len(clash.orders)} 张点单同期需要{shared_text(clash, catalog)}"


def item_text(item: PlanItem, catalog: Catalog) -> str:
    """One item of a clash: 单号 单位：类型 名称，日期（状态），where it stands."""
    record = catalog.get(item.kind, item.entry.id) if item.kind else None
    name = record.label if record else item.entry.id
    what = KINDS[item.kind].name if item.kind else item.entry.kind
    days = item.confirmed or item.requested
    when = span_text(days) if days else "未填日期"
    path, line, _ = item.locate("id")
    return f"{item.number} {item.unit}：{what} {name}，{when}（{item.status}）（{path}:{line}）"


def overview(dispatch: Dispatch) -> str:
    counts = "、".join(
        f"{KINDS[kind].name} {sum(len(d.rows) for d in found)} 条" for kind, found in dispatch.demands.items()
    )
    line = f"读取 {len(dispatch.files)} 个文件，{len(dispatch.units)} 个单位，{len(dispatch.rows)} 条点单"
    return line + (f"（{counts}）。" if counts else "。")


# --- text ---------------------------------------------------------------------------------


def render_text(dispatch: Dispatch, catalog: Catalog) -> str:
    lines = ["派单汇总（dispatch summary）", overview(dispatch)]
    for kind, demands in dispatch.demands.items():
        lines += ["", f"【{KINDS[kind].name}】"]
        for demand in demands:
            lines.append(f"{demand.record.label}（{demand.record.id}）：{demand_text(demand)}")
            for row in demand.rows:
                contact = "，".join(filter(None, [row.contact, row.phone]))
                extra = "".join(
                    [f"；联系人 {contact}" if contact else "", f"；备注：{row.note}" if row.note else ""]
                )
                amount = participants_text(row, demand)
                lines.append(
                    f"  - {row.number} {row.unit}：{dates_text(row)}，{amount}{extra}（{row.where}）"
                )
    for title, found in (("冲突", dispatch.conflicts), ("待协调", dispatch.to_coordinate)):
        lines.append("")
        if not found:
            lines.append(f"【{title}】：无")
            continue
        lines.append(f"【{title}】：{len(found)} 处")
        for clash in found:
            lines.append(clash_title(clash, catalog))
            shown, more = _listed_items(clash)
            lines += [f"  - {item_text(item, catalog)}" for item in shown]
            lines += [f"  - {_more_items(more)}"] if more else []
    if dispatch.undated:
        lines.append("")
        where = "、".join(f"{item.number} {item.entry.id}" for item in dispatch.undated)
        lines.append(f"未填日期、无法判断是否冲突的点单 {len(dispatch.undated)} 项：{where}")
    return "\n".join(lines)


# --- CSV ----------------------------------------------------------------------------------

CSV_COLUMNS = [
    "单号", "类型", "编号", "名称", "单位名称", "联系人", "联系电话", "开始日期", "结束日期",
    "人数", "容量", "备注", "冲突与待协调", "来源文件", "行号",
]  # fmt: skip


MAX_LISTED = 10  # order numbers named in one cell; a clash of 10,000 orders is not 10,000² cells
MAX_ITEMS = 50  # items listed under one clash in the summary text


def _listed_items(clash: Clash) -> tuple[tuple, int]:
    """The items shown under a clash and how many more there are."""
    return clash.items[:MAX_ITEMS], max(0, len(clash.items) - MAX_ITEMS)


def _more_items(count: int) -> str:
    return f"……另有 {count} 项（见 dispatch.csv 和派单计划表）"


def _clash_cell(dispatch: Dispatch, row: OrderRow, catalog: Catalog) -> str:
    parts = []
    for clash in dispatch.clashes_of(dispatch.item_of(row)):
        numbers = [number for number in clash.orders if number != row.number]
        others = "、".join(numbers[:MAX_LISTED])
        if len(numbers) > MAX_LISTED:
            others += f" 等 {len(numbers)} 张点单"
        word = "冲突" if clash.confirmed else "待协调"
        parts.append(f"{word}：与 {others} 同期需要{shared_text(clash, catalog)}")
    return "；".join(parts)


def render_csv(dispatch: Dispatch, catalog: Catalog) -> bytes:
    """dispatch.csv: one line per request, UTF-8 with BOM and CRLF, like the order CSV."""
    table = [CSV_COLUMNS]
    for kind, demands in dispatch.demands.items():
        for demand in demands:
            for row in demand.rows:
                cells = [
                    row.number,
                    KINDS[kind].name,
                    demand.record.id,
                    demand.record.label,
                    row.unit,
                    row.contact,
                    row.phone,
                    row.date_from.isoformat() if row.date_from else "",
                    row.date_to.isoformat() if row.date_to else "",
                    "" if row.participants is None else str(row.participants),
                    "" if demand.capacity is None else str(demand.capacity),
                    row.note,
                    _clash_cell(dispatch, row, catalog),
                    row.path,
                    str(row.line),
                ]
                table.append(cells)
    return csv_bytes(table)


# --- Markdown -----------------------------------------------------------------------------

_MARKDOWN_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "\\|", "\\": "\\\\", "*": "\\*", "_": "\\_",
     "`": "\\`", "[": "\\[", "]": "\\]", "#": "\\#", "\n": " ", "\r": " "}
)  # fmt: skip


def md(value: object) -> str:
    """Text from order files as literal Markdown: no HTML, no markup, safe in a table cell."""
    return str(value).translate(_MARKDOWN_ESCAPES)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(md(cell) for cell in row) + " |" for row in rows]
    return lines


def render_markdown(dispatch: Dispatch, catalog: Catalog) -> str:
    lines = ["# 派单汇总", "", md(overview(dispatch))]
    for kind, demands in dispatch.demands.items():
        lines += ["", f"## {KINDS[kind].name}"]
        for demand in demands:
            lines += [
                "",
                f"### {md(demand.record.label)}（{md(demand.record.id)}）",
                "",
                md(demand_text(demand)) + "。",
                "",
            ]
            lines += _table(
                ["单号", "单位", "日期", "人数", "联系人", "联系电话", "备注", "来源"],
                [
                    [
                        row.number,
                        row.unit,
                        dates_text(row),
                        participants_text(row, demand),
                        row.contact,
                        row.phone,
                        row.note,
                        row.where,
                    ]
                    for row in demand.rows
                ],
            )
    for title, found in (("冲突", dispatch.conflicts), ("待协调", dispatch.to_coordinate)):
        lines += ["", f"## {title}", ""]
        if not found:
            lines.append("没有发现冲突。" if title == "冲突" else "没有需要协调的点单。")
        for clash in found:
            lines += [f"### {md(clash_title(clash, catalog))}", ""]
            shown, more = _listed_items(clash)
            lines += [f"- {md(item_text(item, catalog))}" for item in shown]
            lines += [f"- {md(_more_items(more))}"] if more else []
            lines.append("")
    if dispatch.undated:
        if lines[-1]:
            lines.append("")
        lines.append(
            md(f"未填日期、无法判断是否冲突的点单 {len(dispatch.undated)} 项：")
            + "、".join(md(f"{item.number} {item.entry.id}") for item in dispatch.undated)
        )
    return "\n".join(lines).rstrip("\n") + "\n"


def write_dispatch(dispatch: Dispatch, catalog: Catalog, out: Path) -> list[Path]:
    """Write dispatch.csv, dispatch.md and 派单计划.xlsx into `out` (created if needed)."""
    out.mkdir(parents=True, exist_ok=True)
    csv_path, md_path = out / "dispatch.csv", out / "dispatch.md"
    csv_path.write_bytes(render_csv(dispatch, catalog))
    md_path.write_bytes(render_markdown(dispatch, catalog).encode("utf-8"))
    sheet = write_plan_sheet(out / FILE_NAME, dispatch.plan, catalog, dispatch.clashes)
    return [csv_path, md_path, sheet]
