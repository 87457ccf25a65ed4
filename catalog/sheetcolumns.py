"""The spreadsheet columns of each record kind: Chinese headers ↔ record fields.

One table serves both directions. `catalog import` accepts every header listed for a
column (the usual Chinese names found in instructor-pool, course and site sheets, plus
the field name itself); `catalog export` writes the first one, so an exported sheet
imports back unchanged. Header text is compared after normalising (full-width to
half-width, spaces removed, a trailing "*" or "：" dropped, a trailing "（…）" note ignored).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# How a cell turns into a field value (see catalog.importer):
#   text    one line or paragraph of text       list    several values (split on 、，,;； and newlines)
#   int     whole number ("50人" is fine)       number  number ("1.5学时" is fine)
#   date    a date (Excel date, 2024-05-01, 2024/5/1, 2024年5月1日)
#   bool    是/否                               status  在用/停用 (active/archived)
#   id      the record id (file name)           stops   a route's stops (export only)
VALUE_TYPES = ("text", "list", "int", "number", "date", "bool", "status", "id", "stops")


@dataclass(frozen=True)
class Column:
    field: str  # a field of the model; "contact.phone" for a nested one
    headers: tuple[str, ...]  # the first is written on export
    value: str = "text"
    joinable: bool = False  # two columns may both feed it (职务 + 职称 → post)

    @property
    def header(self) -> str:
        return self.headers[0]


_ID = Column("id", ("id", "记录id", "文件名"), "id")
_STATUS = Column("status", ("状态",), "status")
_REVIEWED = Column("reviewed", ("审核日期", "复评日期", "更新日期", "审核时间"), "date")

COLUMNS: dict[str, tuple[Column, ...]] = {
    "teachers": (
        _ID,
        Column("name", ("姓名", "名字", "教员姓名", "师资姓名", "讲师姓名")),
        Column("post", ("职务", "职称", "职务职称", "职务/职称", "职务（职称）", "现任职务"), joinable=True),
        Column("organisation", ("单位", "工作单位", "所在单位", "单位名称")),
        Column("level", ("层级", "师资层级", "级别")),
        Column("type", ("类型", "师资类型", "类别", "人员类型")),
        Column("employment", ("专兼职", "专职/兼职", "专职兼职")),
        Column(
            "directions",
            ("擅长方向", "擅长领域", "研究方向", "授课方向", "专业方向", "方向"),
            "list",
            joinable=True,
        ),
        Column("bio", ("简介", "个人简介", "人员简介"), joinable=True),
        Column("photo", ("照片",)),
        Column("honours", ("荣誉", "所获荣誉", "获得荣誉", "主要荣誉"), "list", joinable=True),
        Column("contact.phone", ("电话", "联系电话", "手机", "手机号码")),
        Column("contact.email", ("邮箱", "电子邮箱", "电子邮件", "email")),
        _STATUS,
        _REVIEWED,
    ),
    "courses": (
        _ID,
        Column("title", ("课程名称", "题目", "课程题目", "课题", "课程", "党课题目")),
        Column("category", ("类别", "课程类别", "课程类型")),
        Column("summary", ("简介", "课程简介", "内容简介", "主要内容")),
        Column("description", ("详细介绍", "课程介绍", "课程内容")),
        Column("hours", ("学时", "课时", "时长"), "number"),
        Column("formats", ("形式", "培训形式", "授课形式", "教学形式"), "list", joinable=True),
        Column("audiences", ("对象", "培训对象", "授课对象", "适用对象"), "list", joinable=True),
        Column(
            "teachers", ("师资", "授课人", "授课老师", "主讲人", "授课教师", "教员"), "list", joinable=True
        ),
        Column("sites", ("点位", "教学点位", "开课地点", "授课地点"), "list", joinable=True),
        Column("capacity", ("容量", "人数上限", "每期人数", "容纳人数"), "int"),
        Column("flags", ("标记", "课程标记"), "list", joinable=True),
        Column("keywords", ("关键词", "关键字"), "list", joinable=True),
        _STATUS,
        _REVIEWED,
    ),
    "sites": (
        _ID,
        Column("name", ("名称", "点位名称", "阵地名称", "基地名称")),
        Column("type", ("类型", "点位类型", "阵地类型")),
        Column("level", ("层级", "阵地层级", "级别")),
        Column("region", ("区域", "所在街道", "所在镇（街道）", "所属街道", "街道", "镇街")),
        Column("address", ("地址", "详细地址", "所在地址")),
        Column("opening_hours", ("开放时间",)),
        Column("capacity", ("容纳人数", "容量", "接待人数", "接待能力"), "int"),
        Column("booking", ("预约方式", "预约电话", "预约")),
        Column("guide", ("讲解员", "是否有讲解员", "提供讲解"), "bool"),
        Column("description", ("简介", "点位简介", "点位介绍", "介绍"), joinable=True),
        Column("themes", ("教学主题", "主题"), "list", joinable=True),
        Column("coordinates.lat", ("纬度",), "number"),
        Column("coordinates.lon", ("经度",), "number"),
        _STATUS,
        _REVIEWED,
    ),
    "routes": (  # export only: a route's ordered stops do not fit in one row
        _ID,
        Column("name", ("路线名称", "名称")),
        Column("theme", ("主题",)),
        Column("summary", ("简介",)),
        Column("audiences", ("对象", "培训对象"), "list"),
        Column("stops", ("站点",), "stops"),
        Column("total_minutes", ("总时长（分钟）",), "int"),
        _STATUS,
        _REVIEWED,
    ),
}

IMPORTABLE = ("teachers", "courses", "sites")

STATUS_WORDS = {
    "active": "active",
    "在用": "active",
    "启用": "active",
    "正常": "active",
    "有效": "active",
    "archived": "archived",
    "停用": "archived",
    "已停用": "archived",
    "归档": "archived",
    "已归档": "archived",
    "暂停": "archived",
}
STATUS_EXPORT = {"active": "在用", "archived": "停用"}
YES = ("是", "有", "提供", "yes", "y", "true", "1", "√", "✓", "✔")
NO = ("否", "无", "没有", "不提供", "no", "n", "false", "0", "×", "✗")


def normalise_header(text: object) -> str:
    """Header text compared loosely: half-width, no spaces, no trailing * or colon, lower case."""
    value = unicodedata.normalize("NFKC", str(text or ""))
    value = re.sub(r"\s+", "", value).strip("*:").lower()
    return value


def _strip_note(header: str) -> str:
    return re.sub(r"\([^()]*\)$", "", header)


def header_table(kind: str) -> dict[str, Column]:
    """Normalised header → column, for every header (and field name) of a kind."""
    table: dict[str, Column] = {}
    for column in COLUMNS[kind]:
        for header in (*column.headers, column.field):
            table.setdefault(normalise_header(header), column)
    return table


def find_column(kind: str, header: object, extra: dict[str, Column] | None = None) -> Column | None:
    """The column a header names (extra mappings from --map first), or None."""
    key = normalise_header(header)
    if not key:
        return None
    table = {**header_table(kind), **(extra or {})}
    return table.get(key) or table.get(_strip_note(key))


def column_for_field(kind: str, field: str) -> Column | None:
    return next((c for c in COLUMNS[kind] if c.field == field), None)
