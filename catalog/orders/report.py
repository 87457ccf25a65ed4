"""The dispatch summary (派单汇总) as text for the terminal, CSV for Excel, Markdown tables.

All three show the same `catalog.orders.dispatch.Dispatch`, in the same order: per kind, per
record, the units that asked for it; then the conflicts.
"""

from __future__ import annotations

from pathlib import Path

from catalog.core.kinds import KINDS
from catalog.orders.dispatch import Conflict, Demand, Dispatch, Use, span
from catalog.orders.format import OrderRow
from catalog.tabular.writing import csv_bytes


def dates_text(row: OrderRow) -> str:
    dates = span(row)
    if dates is None:
        return "未填日期"
    start, end = dates
    return start.isoformat() if start == end else f"{start.isoformat()} 至 {end.isoformat()}"


def participants_text(row: OrderRow, demand: Demand | None = None) -> str:
    if row.participants is None:
        return "人数未填"
    over = f"（超过容量 {demand.capacity}）" if demand and demand.over_capacity(row) else ""
    return f"{row.participants} 人{over}"


def demand_text(demand: Demand) -> str:
    parts = [f"{len(demand.units)} 个单位", f"{len(demand.rows)} 条", f"合计 {demand.participants} 人"]
    if demand.unknown_participants:
        parts.append(f"{demand.unknown_participants} 条未填人数")
    if demand.capacity:
        parts.append(f"容量 {demand.capacity}")
    return "，".join(parts)


def record_title(kind: str, record) -> str:
    return f"{KINDS[kind].name} {record.label}（{record.id}）"


def via_text(use: Use) -> str:
    if use.via is None:
        return "直接点单"
    return f"经由{record_title(use.via.kind, use.via)}"


def conflict_title(conflict: Conflict) -> str:
    period = (
        conflict.start.isoformat()
        if conflict.start == conflict.end
        else f"{conflict.start.isoformat()} 至 {conflict.end.isoformat()}"
    )
    return f"{record_title(conflict.kind, conflict.record)}：{period}，{len(conflict.units)} 个单位的需求重叠"


def overview(dispatch: Dispatch) -> str:
    counts = "、".join(
        f"{KINDS[kind].name} {sum(len(d.rows) for d in found)} 条" for kind, found in dispatch.demands.items()
    )
    line = f"读取 {len(dispatch.files)} 个文件，{len(dispatch.units)} 个单位，{len(dispatch.rows)} 条点单"
    return line + (f"（{counts}）。" if counts else "。")


# --- text ---------------------------------------------------------------------------------


def render_text(dispatch: Dispatch) -> str:
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
                lines.append(f"  - {row.unit}：{dates_text(row)}，{amount}{extra}（{row.where}）")
    lines.append("")
    if dispatch.conflicts:
        lines.append(f"【冲突】（conflicts）：{len(dispatch.conflicts)} 处")
        for conflict in dispatch.conflicts:
            lines.append(conflict_title(conflict))
            for use in conflict.uses:
                lines.append(f"  - {use.row.unit}：{dates_text(use.row)}，{via_text(use)}（{use.row.where}）")
    else:
        lines.append("【冲突】（conflicts）：无")
    if dispatch.undated:
        where = "、".join(row.where for row in dispatch.undated)
        lines.append(f"未填日期、无法判断是否冲突的点单 {len(dispatch.undated)} 条：{where}")
    return "\n".join(lines)


# --- CSV ----------------------------------------------------------------------------------

CSV_COLUMNS = [
    "类型", "编号", "名称", "单位名称", "联系人", "联系电话", "开始日期", "结束日期",
    "人数", "容量", "备注", "冲突", "来源文件", "行号",
]  # fmt: skip


def _conflict_cell(dispatch: Dispatch, row: OrderRow) -> str:
    parts = []
    for conflict in dispatch.conflicts_of(row):
        others = "、".join(unit for unit in conflict.units if unit != row.unit)
        parts.append(f"{record_title(conflict.kind, conflict.record)}与 {others} 重叠")
    return "；".join(parts)


def render_csv(dispatch: Dispatch) -> bytes:
    """dispatch.csv: one line per request, UTF-8 with BOM and CRLF, like the order CSV."""
    table = [CSV_COLUMNS]
    for kind, demands in dispatch.demands.items():
        for demand in demands:
            for row in demand.rows:
                cells = [
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
                    _conflict_cell(dispatch, row),
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


def render_markdown(dispatch: Dispatch) -> str:
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
                ["单位", "日期", "人数", "联系人", "联系电话", "备注", "来源"],
                [
                    [
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
    lines += ["", "## 冲突", ""]
    if not dispatch.conflicts:
        lines.append("没有发现冲突。")
    for conflict in dispatch.conflicts:
        lines += [f"### {md(conflict_title(conflict))}", ""]
        lines += _table(
            ["单位", "日期", "经由", "来源"],
            [[use.row.unit, dates_text(use.row), via_text(use), use.row.where] for use in conflict.uses],
        )
        lines.append("")
    if dispatch.undated:
        if lines[-1]:
            lines.append("")
        lines.append(
            md(f"未填日期、无法判断是否冲突的点单 {len(dispatch.undated)} 条：")
            + "、".join(md(row.where) for row in dispatch.undated)
        )
    return "\n".join(lines).rstrip("\n") + "\n"


def write_dispatch(dispatch: Dispatch, out: Path) -> list[Path]:
    """Write dispatch.csv and dispatch.md into `out` (created if needed)."""
    out.mkdir(parents=True, exist_ok=True)
    csv_path, md_path = out / "dispatch.csv", out / "dispatch.md"
    csv_path.write_bytes(render_csv(dispatch))
    md_path.write_bytes(render_markdown(dispatch).encode("utf-8"))
    return [csv_path, md_path]
