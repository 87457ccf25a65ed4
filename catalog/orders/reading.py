"""Reading the order CSVs units send back: every row read or reported at its line and column.

Reading is forgiving where units really change the file (re-saved by Excel as GB18030,
dates turned into `2026/5/1`, English kind names) and strict elsewhere.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from catalog.core.kinds import KINDS
from catalog.core.problems import Problem, error, warning
from catalog.core.suggest import did_you_mean
from catalog.orders.format import (
    LABELS,
    ORDER_COLUMNS,
    REQUIRED_COLUMNS,
    OrderRow,
    norm,
    parse_kind,
)
from catalog.tabular.text import decode, sniff_delimiter
from catalog.tabular.writing import unguard_formula

MAX_FILE_BYTES = 20_000_000
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+0?0:00(?::00)?)?$")
_SCIENTIFIC = re.compile(r"^\d(?:\.\d+)?E\+\d+$", re.IGNORECASE)


def read_order_csv(
    path: Path, catalog=None, *, display: str | None = None
) -> tuple[list[OrderRow], list[Problem]]:
    """Read one order CSV. Rows with an error are reported and left out of `rows`.

    With a `catalog` (catalog.core.relations.Catalog), ids are checked against it too: unknown
    ids, an id of another kind, archived records. `display` is the path shown in problems.
    """
    path = Path(path)
    shown = display or path.as_posix()
    text, problems = _read_text(path, shown)
    if text is None:
        return [], problems
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: dict[str, int] | None = None
    width = 0
    rows: list[OrderRow] = []
    previous_end = 0
    try:
        for cells in reader:
            line = previous_end + 1
            previous_end = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header, header_problems = _read_header(cells, shown, line)
                problems += header_problems
                if header is None:
                    return [], problems
                width = len(cells)
                continue
            row, row_problems = _read_row(cells, header, width, shown, line, catalog)
            problems += row_problems
            if row is not None:
                rows.append(row)
    except csv.Error as exc:
        problems.append(
            error(
                shown,
                previous_end + 1,
                1,
                "order-csv-syntax",
                f"CSV 格式错误，从这一行起无法继续读取（CSV syntax error: {exc}）",
                "检查这一行的引号是否成对；用 Excel 或 WPS 打开后重新“另存为 CSV”",
            )
        )
    if header is None:
        problems.append(
            error(
                shown,
                1,
                1,
                "order-empty",
                "点单表是空的，没有表头也没有内容（empty order file）",
                "请用网站“我的点单”页面重新导出 CSV",
            )
        )
    return rows, problems


def _read_text(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    def fail(code: str, message: str, hint: str, line: int = 1, column: int = 1):
        return None, [error(shown, line, column, code, message, hint)]

    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return fail("order-too-large", "文件太大，不像是点单表（file too large）", "确认选对了文件")
        raw = path.read_bytes()
    except IsADirectoryError:
        return fail(
            "order-unreadable", "这是文件夹，不是 CSV 文件（is a folder）", "给出文件夹里的 .csv 文件"
        )
    except FileNotFoundError:
        return fail("order-missing-file", "找不到这个文件（file not found）", "检查文件名和路径")
    except OSError as exc:
        return fail("order-unreadable", f"无法读取文件（cannot read）：{exc.strerror or exc}", "检查文件权限")
    if raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return fail(
            "order-not-csv",
            "这是 Excel 工作簿（.xlsx/.xls），不是 CSV 文件（spreadsheet, not CSV）",
            "在 Excel 或 WPS 中“另存为”，文件类型选“CSV UTF-8（逗号分隔）”",
        )
    decoded = decode(raw, shown, gbk=True)  # as Excel or WPS re-saved it
    return decoded.text, [decoded.problem] if decoded.problem else []


def _read_header(cells: list[str], shown: str, line: int) -> tuple[dict[str, int] | None, list[Problem]]:
    by_name = {label: key for key, label in ORDER_COLUMNS} | {key: key for key, _ in ORDER_COLUMNS}
    expected = "、".join(label for _, label in ORDER_COLUMNS)
    header: dict[str, int] = {}
    problems: list[Problem] = []
    unknown: list[tuple[int, str]] = []
    for index, cell in enumerate(cells, start=1):
        name = norm(cell)
        key = by_name.get(name) or by_name.get(name.lower())
        if key is None:
            if name:
                unknown.append((index, name))
        elif key in header:
            problems.append(
                error(
                    shown,
                    line,
                    index,
                    "order-duplicate-column",
                    f"表头里“{LABELS[key]}”出现了两次，只读取第一列（duplicate column）",
                    "删除多出的一列",
                )
            )
        else:
            header[key] = index
    if not header:
        return None, [
            error(
                shown,
                line,
                1,
                "order-no-header",
                "第一行不是点单表的表头，整个文件无法读取（missing header）",
                f"第一行应为：{expected}。请用网站“我的点单”页面重新导出",
            )
        ]
    for index, name in unknown:
        problems.append(
            warning(
                shown,
                line,
                index,
                "order-unknown-column",
                f"表头“{name}”不是点单表的列，这一列不读取（unknown column）",
                did_you_mean(name, LABELS.values(), listing="列名"),
            )
        )
    missing = [key for key, _ in ORDER_COLUMNS if key not in header]
    required = [key for key in missing if key in REQUIRED_COLUMNS]
    names = "、".join(LABELS[key] for key in missing)
    if required:
        problems.append(
            error(
                shown,
                line,
                1,
                "order-missing-column",
                f"表头缺少必需的列：{names}，整个文件无法读取（missing column）",
                f"第一行应为：{expected}",
            )
        )
        return None, problems
    if missing:
        problems.append(
            warning(
                shown,
                line,
                1,
                "order-missing-column",
                f"表头缺少列：{names}，这些值按空白处理（missing column）",
                f"第一行应为：{expected}",
            )
        )
    return header, problems


def _clean(value: str) -> str:
    """A cell on one line: line breaks and tabs become one space, control characters go."""
    value = value.replace("\r\n", "\n")
    value = "".join(
        " " if ch in "\t\r\n" else ch for ch in value if unicodedata.category(ch) != "Cc" or ch in "\t\r\n"
    )
    return unguard_formula(value.strip())


def _read_row(
    cells: list[str], header: dict[str, int], width: int, shown: str, line: int, catalog
) -> tuple[OrderRow | None, list[Problem]]:
    problems: list[Problem] = []

    def bad(key: str, code: str, message: str, hint: str = "") -> None:
        problems.append(error(shown, line, header[key], code, message, hint))

    if len(cells) > width:
        problems.append(
            error(
                shown,
                line,
                width + 1,
                "order-extra-cells",
                f"这一行有 {len(cells)} 个单元格，比表头多（row longer than header）",
                "某个值里可能有没加引号的逗号；用 Excel 或 WPS 打开检查这一行",
            )
        )
        return None, problems  # the values are shifted: other checks would only add noise
    values = {key: _clean(cells[index - 1]) if index <= len(cells) else "" for key, index in header.items()}
    values = {key: values.get(key, "") for key, _ in ORDER_COLUMNS}

    if not values["unit"]:
        bad("unit", "order-missing-unit", "没有填写单位名称（missing unit）", "每一行都要填写点单单位的名称")
    kind = parse_kind(values["kind"])
    if kind is None:
        if values["kind"]:
            bad(
                "kind",
                "order-unknown-kind",
                f"不认识的类型“{values['kind']}”（unknown kind）",
                did_you_mean(values["kind"], [k.name for k in KINDS.values()], listing="类型"),
            )
        else:
            bad(
                "kind",
                "order-missing-kind",
                "没有填写类型（missing kind）",
                "填写 课程、师资、教学点位 或 教学路线",
            )
    record_id = values["id"]
    if not record_id:
        bad(
            "id",
            "order-missing-id",
            "没有填写编号（missing id）",
            "编号是记录的 id，例如 party-history；请从网站重新导出",
        )
    elif kind is not None and catalog is not None:
        problems += _check_id(kind, record_id, values["name"], catalog, shown, line, header)

    dates: dict[str, dt.date | None] = {}
    for key in ("date_from", "date_to"):
        text = values[key]
        dates[key] = None
        if text:
            try:
                dates[key] = _parse_date(text)
            except ValueError as exc:
                bad(
                    key,
                    "order-bad-date",
                    f"{LABELS[key]}“{text}”{exc}（bad date）",
                    "写成 2026-05-01 这样的格式，或留空",
                )
    date_from, date_to = dates["date_from"], dates["date_to"]
    if date_from and date_to and date_to < date_from:
        bad(
            "date_to",
            "order-date-order",
            f"结束日期 {date_to} 早于开始日期 {date_from}（end before start）",
            "检查两个日期是否填反",
        )

    participants = None
    if values["participants"]:
        participants, message = _parse_participants(values["participants"])
        if message:
            bad(
                "participants",
                "order-bad-participants",
                message,
                "只写人数的阿拉伯数字，例如 30；不确定可留空",
            )
    if _SCIENTIFIC.match(values["phone"]):
        problems.append(
            warning(
                shown,
                line,
                header.get("phone", 1),
                "order-phone-mangled",
                f"联系电话“{values['phone']}”被表格软件改成了科学计数法，号码已不准确（phone mangled）",
                "请单位确认电话；以后在 Excel 中把这一列设为“文本”再保存",
            )
        )

    if kind is None or any(p.is_error for p in problems):
        return None, problems
    row = OrderRow(
        path=shown,
        line=line,
        unit=values["unit"],
        contact=values["contact"],
        phone=values["phone"],
        kind=kind,
        id=record_id,
        name=values["name"],
        date_from=date_from,
        date_to=date_to,
        participants=participants,
        note=values["note"],
        columns=dict(header),
    )
    return row, problems


def _parse_date(text: str) -> dt.date:
    match = _DATE.match(norm(text))
    if not match:
        raise ValueError("不是日期")
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise ValueError("不是真实存在的日期") from None


def _parse_participants(text: str) -> tuple[int | None, str]:
    name = norm(text)
    if re.fullmatch(r"[+-]?\d+(?:\.0+)?", name):
        number = int(float(name)) if "." in name else int(name)
        if number < 1:
            return None, f"人数“{text}”应当至少为 1（participants must be positive）"
        return number, ""
    return None, f"人数“{text}”不是整数（participants not an integer）"


def _check_id(kind: str, record_id: str, name: str, catalog, shown: str, line: int, header) -> list[Problem]:
    what = KINDS[kind].name
    record = catalog.get(kind, record_id)
    if record is None:
        elsewhere = [other for other in KINDS if other != kind and catalog.get(other, record_id)]
        if elsewhere:
            other = catalog.get(elsewhere[0], record_id)
            other_name = KINDS[elsewhere[0]].name
            return [
                error(
                    shown,
                    line,
                    header["kind"],
                    "order-kind-mismatch",
                    f"编号 {record_id} 是{other_name}“{other.label}”，不是{what}（kind does not match id）",
                    f"把类型改成“{other_name}”，或核对编号",
                )
            ]
        return [
            error(
                shown,
                line,
                header["id"],
                "order-unknown-id",
                f"目录里没有编号为 {record_id} 的{what}（unknown id）",
                did_you_mean(record_id, catalog.records[kind])
                or "可能已被删除；请单位在最新的网站上重新点单",
            )
        ]
    problems = []
    if record.status == "archived":
        problems.append(
            warning(
                shown,
                line,
                header["id"],
                "order-archived",
                f"{what}“{record.label}”（{record_id}）已停用，仍计入汇总（archived record）",
                "与单位商量换成在用的记录",
            )
        )
    if name and norm(name) != norm(record.label):
        problems.append(
            warning(
                shown,
                line,
                header.get("name", header["id"]),
                "order-name-mismatch",
                f"名称“{name}”与目录中编号 {record_id} 的名称“{record.label}”不一致（name differs）",
                "按编号汇总；请核对单位要的是哪一条",
            )
        )
    return problems


def read_orders(paths: Iterable[Path], catalog) -> tuple[list[OrderRow], list[Problem]]:
    """Read many order CSVs against a catalog; an exact repeat of a row is counted once."""
    rows: list[OrderRow] = []
    problems: list[Problem] = []
    seen: dict[tuple, OrderRow] = {}
    for path in paths:
        found, file_problems = read_order_csv(path, catalog)
        problems += file_problems
        for row in found:
            first = seen.setdefault(row.content(), row)
            if first is row:
                rows.append(row)
            else:
                problems.append(
                    warning(
                        row.path,
                        row.line,
                        1,
                        "order-duplicate",
                        f"与 {first.where} 完全相同，只计一次（duplicate row）",
                        "如果确实要两期，请在备注里注明并改动日期或人数",
                    )
                )
    return rows, problems
