"""The record kinds (Course, Teacher, Site, Route) as Pydantic models: every field, once.

Each field is declared once, with its type, limits and Chinese description. Three markers
say what a type cannot: `Vocab("name")` (the value must be listed in vocabulary.yml),
`Ref("kind")` (the value is the id of a record of that kind) and `Personal()` (personal
data, published only when the site says so: catalog.core.privacy applies it everywhere).
The markers are checked in catalog.load.validate; every relation derived from a `Ref` is
computed in catalog.core.relations: a relation is declared here, on one side only. What a
kind is besides its fields (names, filters, cards, downloads) is in catalog.core.kinds.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    field_validator,
    model_validator,
)
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED_ID = re.compile(r"^index(?:-[0-9]+)?$")  # the list pages of each kind: index, index-2 …
MAX_ID_LENGTH = 64  # ids are file and page names: short enough for every disk and URL
WINDOWS_DEVICE = re.compile(r"^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$")  # no such file on Windows


@dataclass(frozen=True)
class Vocab:
    """The value must be one listed under `name` in vocabulary.yml."""

    name: str


@dataclass(frozen=True)
class Ref:
    """The value is the id of a record of kind `kind` (e.g. "teachers")."""

    kind: str


@dataclass(frozen=True)
class Personal:
    """Personal data: left out of every output unless the site publishes it."""


@dataclass(frozen=True)
class Unknown:
    """A fact a real list may lack: optional, with no default that reads as a fact.

    Left out, it is unknown: pages say 未注明 (or leave the line out), filters count it under
    未注明. `helps` says why filling it in helps units choose (in `catalog new` and the guide).
    """

    helps: str


@dataclass(frozen=True)
class Sheet:
    """The column headers that name this field in the sheets editors keep (catalog import and
    export): the first is written on export, all are read. `value` overrides how a cell is
    read (catalog.editors.columns infers it from the type); `joinable` lets two columns feed
    the field (职务 + 职称 → post); `hint` says how to write a cell whose format is wrong;
    `spill` names a sibling field that takes a cell whose value is one of that field's own
    (a 师资库 column 类型 that says 兼职 fills `employment`, not `type`)."""

    headers: tuple[str, ...]
    value: str = ""
    joinable: bool = False
    hint: str = ""
    spill: str = ""

    def __init__(
        self, *headers: str, value: str = "", joinable: bool = False, hint: str = "", spill: str = ""
    ):
        object.__setattr__(self, "headers", headers)
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "joinable", joinable)
        object.__setattr__(self, "hint", hint)
        object.__setattr__(self, "spill", spill)


_SUSPECT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")  # Cc except \t \n; surrogates


def _clean_text(value: str) -> str:
    if not _SUSPECT.search(value):  # the usual case, without a look at every character
        return value
    for char in value:
        if 0xD800 <= ord(char) <= 0xDFFF:
            raise ValueError("文字里有无效的代理字符（unpaired surrogate）")
        if unicodedata.category(char) == "Cc" and char not in "\n\t":
            raise ValueError(f"文字里有不可见的控制字符 U+{ord(char):04X}（control character）")
    return value


def _refuse(error_type: str, *refused: type):
    """A check that refuses values of some Python types (YAML gives `yes` as True)."""

    def check(value: object) -> object:
        if isinstance(value, refused):
            raise PydanticCustomError(error_type, "Input should be a valid {what}", {"what": error_type})
        return value

    return BeforeValidator(check)


Text = Annotated[str, AfterValidator(_clean_text)]
# YAML gives numbers and true/false as such (catalog.load.yamlcore); a string is never read as
# one ("1_000", "1:30" or "yes" would otherwise pass Pydantic's lax conversion).
Number = Annotated[float, _refuse("float_type", bool, str)]  # `hours: true` is a slip, not 1
Count = Annotated[int, _refuse("int_type", bool, str)]
Flag = Annotated[bool, Strict()]  # only true/false, never "yes" or 1
Day = Annotated[dt.date, _refuse("date_type", bool, int, float)]  # 20240501 is not a date
Line = Annotated[Text, Field(max_length=200)]
Markdown = Annotated[Text, Field(max_length=20_000)]
Reason = Annotated[Text, Field(max_length=80)]
Minutes = Annotated[Count, Field(ge=1, le=720)]


def _one_or_more(value: object) -> object:
    """`region: 蠡园街道` or `region: [福建省, 广东省]`: one value is a list of one."""
    return [value] if isinstance(value, str) else value


OneOrMore = BeforeValidator(_one_or_more)  # catalog.editors.schema offers both forms


def _blank(text: str) -> bool:
    """Nothing a reader can see: spaces (also full-width) and invisible format characters."""
    return not text.strip() or all(char.isspace() or unicodedata.category(char) == "Cf" for char in text)


class Blanks(BaseModel):
    """`address:` left blank says nothing: the field's empty default (unknown), not an error."""

    @model_validator(mode="before")
    @classmethod
    def _blank_is_nothing(cls, data: object) -> object:
        if not isinstance(data, dict):
            return data
        if None not in data.values() and not any(isinstance(v, str) and _blank(v) for v in data.values()):
            return data
        data = dict(data)
        for name, info in cls.model_fields.items():
            if name not in data:
                continue
            value = data[name]
            if isinstance(value, str) and _blank(value):
                value = data[name] = None  # `title: ""` or only spaces says nothing either
            if value is None and not info.is_required():
                data[name] = info.get_default(call_default_factory=True)
        return data


# Every record's own fields, written after the kind's fields (record files, sheets, downloads).
TRAILING_FIELDS = ("status", "status_date", "status_reason", "reviewed", "next_review")


class Record(Blanks):
    """Fields every record has. `id` comes from the file name, never from the file."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        coerce_numbers_to_str=True,
        frozen=True,
    )

    id: Annotated[str, Sheet("id", "记录id", "文件名", value="id")] = Field(
        description="记录 id，即文件名（不含 .yml），由系统填写"
    )
    # The values each kind allows are declared on its Kind (catalog.core.kinds `statuses`).
    status: Annotated[str, Sheet("状态", value="status")] = Field(
        "active",
        description="状态：active（默认：在用、在库、已认定）、archived（已停用，只保留页面），"
        "师资还有 suspended（暂停），点位还有 reassessing（复评中）和 suspended（暂停开放）",
    )
    status_date: Annotated[Day | None, Sheet("状态日期", "暂停日期", "停用日期")] = Field(
        None, description="当前状态自哪天起，格式 2025-03-01"
    )
    status_reason: Annotated[Reason | None, Sheet("状态说明", "暂停原因", "停用原因")] = Field(
        None, description="当前状态的简短说明（暂停、复评、停用的原因），80 字以内"
    )
    reviewed: Annotated[Day, Sheet("审核日期", "复评日期", "更新日期", "审核时间")] = Field(
        description="最近一次审核（复评）日期，格式 2024-05-01；超过两年未审核会有警告"
    )
    next_review: Annotated[Day | None, Sheet("下次复评", "复评期限")] = Field(
        None, description="下次复评的期限，格式 2026-12-31；过了这天 catalog check 会提醒"
    )

    @field_validator("status", mode="before")
    @classmethod
    def _kind_status(cls, value: object) -> object:
        """One of the statuses the kind declares; its label (暂停开放) is read as its value."""
        from catalog.core.kinds import KINDS  # kinds are declared on top of these models

        statuses = KINDS[cls.kind].statuses
        if not isinstance(value, str):
            return value  # the str type says what is wrong
        text = value.strip()
        for status in statuses:
            if text in (status.value, status.label):
                return status.value
        values = [f"'{s.value}'" for s in statuses]
        expected = " or ".join([", ".join(values[:-1]), values[-1]])
        raise PydanticCustomError("literal_error", "Input should be {expected}", {"expected": expected})

    kind: ClassVar[str]  # the data folder name: "courses", "teachers", ...
    label_field: ClassVar[str]  # the field that names the record on pages, cards and orders

    @property
    def label(self) -> str:
        return str(getattr(self, self.label_field))


class Course(Record):
    """课程：一门可以点单的课。"""

    kind: ClassVar[str] = "courses"
    label_field: ClassVar[str] = "title"
    title: Annotated[Line, Sheet("课程名称", "题目", "课程题目", "课题", "课程", "党课题目")] = Field(
        description="课程名称"
    )
    category: Annotated[
        str | None,
        Vocab("categories"),
        Sheet("类别", "课程类别", "课程类型"),
        Unknown("单位按类别找课；不写则列在“未注明”下"),
    ] = Field(None, description="课程类别（见词表 categories）")
    summary: Annotated[
        Text,
        Field(max_length=300),
        Sheet("简介", "课程简介", "内容简介", "主要内容"),
        Unknown("列表卡片上只显示这一句，单位靠它决定要不要点开"),
    ] = Field("", description="一句话简介，显示在列表卡片上")
    description: Annotated[Markdown, Sheet("详细介绍", "课程介绍", "课程内容")] = Field(
        "", description="详细介绍，可用 Markdown（不允许 HTML）"
    )
    hours: Annotated[
        Number | None,
        Sheet("学时", "课时", "时长"),
        Unknown("单位要登记学时，也按学时筛选；不写则显示“学时未注明”"),
    ] = Field(None, gt=0, le=100, description="学时，例如 2 或 1.5")
    formats: Annotated[
        list[Annotated[str, Vocab("formats")]],
        Sheet("形式", "培训形式", "授课形式", "教学形式", joinable=True),
        Unknown("单位按讲授、研讨、现场教学等形式挑课"),
    ] = Field(default_factory=list, description="培训形式，可多选（见词表 formats）")
    audiences: Annotated[
        list[Annotated[str, Vocab("audiences")]],
        Sheet("对象", "培训对象", "授课对象", "适用对象", joinable=True),
        Unknown("单位按本单位党员的情况（新党员、农村党员……）挑课"),
    ] = Field(default_factory=list, description="培训对象，可多选（见词表 audiences）")
    teachers: Annotated[
        list[Annotated[str, Ref("teachers")]],
        Sheet("师资", "授课人", "授课老师", "主讲人", "授课教师", "教员", joinable=True),
    ] = Field(default_factory=list, description="授课师资的 id（teachers 文件夹里的文件名）")
    sites: Annotated[
        list[Annotated[str, Ref("sites")]], Sheet("点位", "教学点位", "开课地点", "授课地点", joinable=True)
    ] = Field(default_factory=list, description="可以开课的教学点位 id（sites 文件夹里的文件名）")
    capacity: Annotated[Count | None, Sheet("容量", "人数上限", "每期人数", "容纳人数")] = Field(
        None, ge=1, le=10_000, description="每期最多人数"
    )
    flags: Annotated[list[Annotated[str, Vocab("flags")]], Sheet("标记", "课程标记", joinable=True)] = Field(
        default_factory=list, description="标记，如 精品党课、必修、选修（见词表 flags）"
    )
    keywords: Annotated[list[Line], Sheet("关键词", "关键字", joinable=True)] = Field(
        default_factory=list, description="检索关键词"
    )


class Contact(Blanks):
    """Personal contact data: not published unless the site is configured to."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, coerce_numbers_to_str=True)

    phone: Annotated[
        Annotated[str, Field(pattern=r"^[0-9+\- ()]{5,20}$")] | None,
        Sheet(
            "电话",
            "联系电话",
            "手机",
            "手机号码",
            hint="电话只能有数字、空格和 + - ( )，如 0510-85123456 或 13812345678",
        ),
    ] = Field(None, description="电话（个人信息，默认不公开）")
    email: Annotated[
        Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None,
        Sheet("邮箱", "电子邮箱", "电子邮件", "email", hint="电子邮箱写成 name@example.cn 这样"),
    ] = Field(None, description="电子邮箱（个人信息，默认不公开）")


EMPLOYMENT = ("专职", "兼职")


class Teacher(Record):
    """师资：师资库里的一位教员。所授课程由课程记录反推，不在这里填写。"""

    kind: ClassVar[str] = "teachers"
    label_field: ClassVar[str] = "name"
    name: Annotated[Line, Field(max_length=40), Sheet("姓名", "名字", "教员姓名", "师资姓名", "讲师姓名")] = (
        Field(description="姓名")
    )
    post: Annotated[
        Line,
        Sheet("职务", "职称", "职务职称", "职务/职称", "职务（职称）", "现任职务", joinable=True),
        Unknown("单位看职务判断讲得是否对口，同名的教员也靠它区分"),
    ] = Field("", description="职务或职称")
    organisation: Annotated[
        Line,
        Sheet("单位", "工作单位", "所在单位", "单位名称"),
        Unknown("同名的教员靠单位区分；派单时也要联系单位"),
    ] = Field("", description="所在单位")
    level: Annotated[
        str | None,
        Vocab("teacher_levels"),
        Sheet("层级", "师资层级", "级别"),
        Unknown("单位按区、镇、村各级挑选师资"),
    ] = Field(None, description="师资层级（见词表 teacher_levels）")
    type: Annotated[
        str | None,
        Vocab("teacher_types"),
        Sheet("类型", "师资类型", "类别", "人员类型", spill="employment"),
        Unknown("领导干部、专家学者、先锋模范……单位按类型挑选师资"),
    ] = Field(None, description="师资类型（见词表 teacher_types）")
    employment: Annotated[
        Literal["专职", "兼职"] | None,
        Sheet("专兼职", "专职/兼职", "专职兼职"),
        Unknown("专职还是兼职，关系到能否按时派课"),
    ] = Field(None, description="专职或兼职")
    directions: Annotated[
        list[Annotated[str, Vocab("directions")]],
        Sheet("擅长方向", "擅长领域", "研究方向", "授课方向", "专业方向", "方向", joinable=True),
        Unknown("单位按擅长方向找师资"),
    ] = Field(default_factory=list, description="擅长方向，可多选（见词表 directions）")
    bio: Annotated[Markdown, Sheet("简介", "个人简介", "人员简介", joinable=True)] = Field(
        "", description="个人简介，可用 Markdown（不允许 HTML）"
    )
    photo: Annotated[Line | None, Sheet("照片")] = Field(
        None, description="照片文件路径，相对于目录根，如 teachers/photos/wang-fang.jpg"
    )
    honours: Annotated[list[Line], Sheet("荣誉", "所获荣誉", "获得荣誉", "主要荣誉", joinable=True)] = Field(
        default_factory=list, description="所获荣誉"
    )
    contact: Annotated[Contact | None, Personal()] = Field(
        None, description="联系方式（个人信息，默认不在网站上公开）"
    )


class Coordinates(BaseModel):
    model_config = ConfigDict(extra="forbid")

    lat: Annotated[Number, Sheet("纬度")] = Field(ge=-90, le=90, description="纬度")
    lon: Annotated[Number, Sheet("经度")] = Field(ge=-180, le=180, description="经度")


class Site(Record):
    """教学点位：红色教育基地、纪念馆、党建馆、党群服务中心等。"""

    kind: ClassVar[str] = "sites"
    label_field: ClassVar[str] = "name"
    name: Annotated[Line, Sheet("名称", "点位名称", "阵地名称", "基地名称")] = Field(description="点位名称")
    type: Annotated[
        str | None,
        Vocab("site_kinds"),
        Sheet("类型", "点位类型", "阵地类型"),
        Unknown("纪念馆、党建馆、党群服务中心……单位按类型挑点位"),
    ] = Field(None, description="点位类型（见词表 site_kinds）")
    level: Annotated[
        str | None,
        Vocab("site_levels"),
        Sheet("层级", "阵地层级", "级别"),
        Unknown("区级、镇级、村级阵地，单位按层级挑点位"),
    ] = Field(None, description="阵地层级（见词表 site_levels）")
    region: Annotated[
        list[Annotated[str, Vocab("regions")]],
        OneOrMore,
        Sheet("区域", "所在区域", "所在街道", "所在镇（街道）", "所属街道", "街道", "镇街", joinable=True),
        Unknown("单位按区域找近处的点位；写最小的一级即可，上级区域自动包含"),
    ] = Field(
        default_factory=list,
        description="所在区域（见词表 regions），写一个或几个，如 望城区 或 [福建省, 广东省]",
    )
    address: Annotated[Line, Sheet("地址", "详细地址", "所在地址"), Unknown("单位要知道去哪里、路上多久")] = (
        Field("", description="地址")
    )
    coordinates: Coordinates | None = Field(None, description="坐标（可选），lat 纬度、lon 经度")
    opening_hours: Annotated[
        Line, Sheet("开放时间"), Unknown("单位据此安排日期；不写则显示“未注明”，请先电话确认")
    ] = Field("", description="开放时间")
    capacity: Annotated[
        Count | None,
        Sheet("容纳人数", "容量", "接待人数", "接待能力"),
        Unknown("单位据此决定分几批；路线的可容纳人数也由它算出"),
    ] = Field(None, ge=1, le=100_000, description="单次最多接待人数")
    booking: Annotated[Line, Sheet("预约方式", "预约电话", "预约"), Unknown("单位按这里写的方式预约")] = (
        Field("", description="预约方式（单位预约电话或窗口，公开信息）")
    )
    guide: Annotated[
        Flag | None,
        Sheet("讲解员", "是否有讲解员", "提供讲解"),
        Unknown("有没有讲解员，单位要决定是否自带讲解；不写则显示“未注明”，不是“没有”"),
    ] = Field(None, description="是否提供讲解员（true/false）")
    description: Annotated[Markdown, Sheet("简介", "点位简介", "点位介绍", "介绍", joinable=True)] = Field(
        "", description="点位介绍，可用 Markdown（不允许 HTML）"
    )
    themes: Annotated[
        list[Annotated[str, Vocab("themes")]],
        Sheet("教学主题", "主题", joinable=True),
        Unknown("单位按教学主题挑点位"),
    ] = Field(default_factory=list, description="教学主题（见词表 themes）")


class Stop(Blanks):
    """One stop of a route, in order."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, coerce_numbers_to_str=True)

    site: Annotated[str, Ref("sites"), Sheet("点位", "点位名称", "站点名称", "教学点位", "站点点位")] = Field(
        description="点位 id"
    )
    minutes: Annotated[
        Minutes | None,
        Sheet("停留分钟", "停留时间", "停留时长", "时长", "分钟"),
        Unknown("路线的总时长由它算出；不写则只说“至少……，几个站点未注明时长”"),
    ] = Field(None, description="在此停留的分钟数")
    teaching: Annotated[
        Line, Sheet("教学内容", "现场教学内容", "内容"), Unknown("单位看每站讲什么、看什么")
    ] = Field("", description="在此讲什么、看什么")
    course: Annotated[str | None, Ref("courses"), Sheet("课程", "课程名称")] = Field(
        None, description="在此开的课程 id"
    )
    travel_minutes: Annotated[
        Count | None,
        Sheet("路程分钟", "路程时间", "路程", "车程"),
        Unknown("路线的总时长要加上路程；不写则显示“路程未注明”，不是 0 分钟"),
    ] = Field(None, ge=0, le=720, description="从上一站到这一站的路程分钟数（第一站不填）")


@dataclass(frozen=True)
class Duration:
    """How long a route takes, as far as its stops say: derived, never typed.

    `known` adds the minutes that are written; `stops_unknown` and `legs_unknown` count the
    stops without minutes and the legs (between two stops) without travel minutes.
    """

    known: int
    stops_unknown: int
    legs_unknown: int

    @property
    def complete(self) -> bool:
        return not self.stops_unknown and not self.legs_unknown

    @property
    def total(self) -> int | None:
        """The whole duration, or None when some part of it is not known."""
        return self.known if self.complete else None


class Route(Record):
    """教学路线：把若干点位串成一天（或半天）的现场教学。时长与容量由系统计算。"""

    kind: ClassVar[str] = "routes"
    label_field: ClassVar[str] = "name"
    name: Annotated[Line, Sheet("路线名称", "线路名称", "名称")] = Field(description="路线名称")
    theme: Annotated[str | None, Vocab("themes"), Sheet("主题", "路线主题"), Unknown("单位按主题挑路线")] = (
        Field(None, description="路线主题（见词表 themes）")
    )
    summary: Annotated[
        Text, Field(max_length=300), Sheet("简介", "路线简介"), Unknown("列表卡片上只显示这一句")
    ] = Field("", description="一句话简介")
    description: Annotated[Markdown, Sheet("详细介绍", "路线介绍")] = Field(
        "", description="详细介绍，可用 Markdown（不允许 HTML）"
    )
    stops: Annotated[
        list[Stop], Sheet("站点", "途经点位", "路线站点", "线路", "路线详情", "行程", value="stops")
    ] = Field(min_length=2, description="按顺序排列的站点，至少两站")
    audiences: Annotated[
        list[Annotated[str, Vocab("audiences")]],
        Sheet("对象", "培训对象", joinable=True),
        Unknown("单位按本单位党员的情况挑路线"),
    ] = Field(default_factory=list, description="适合的培训对象（见词表 audiences）")

    @property
    def duration(self) -> Duration:
        """On-site and travel minutes of all stops, with what is not known counted apart."""
        known = sum((stop.minutes or 0) + (stop.travel_minutes or 0) for stop in self.stops)
        stops_unknown = sum(stop.minutes is None for stop in self.stops)
        legs_unknown = sum(stop.travel_minutes is None for stop in self.stops[1:])
        return Duration(known, stops_unknown, legs_unknown)

    @property
    def total_minutes(self) -> int | None:
        """The route's whole length in minutes, or None when a stop or leg is not known."""
        return self.duration.total


class BundleItem(Blanks):
    """One offering of a bundle, in order: exactly one of course, route, site or teacher."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, coerce_numbers_to_str=True)

    course: Annotated[str, Ref("courses")] | None = Field(None, description="课程 id")
    route: Annotated[str, Ref("routes")] | None = Field(None, description="教学路线 id")
    site: Annotated[str, Ref("sites")] | None = Field(None, description="参观的教学点位 id")
    teacher: Annotated[str, Ref("teachers")] | None = Field(None, description="邀请的师资 id")
    note: Line = Field("", description="这一项的说明，如“第一礼：听一堂党课”")

    @property
    def target(self) -> tuple[str, str] | None:
        """(kind, id) of the one offering this item names (None when it names none)."""
        named = [(kind, value) for name, kind in ITEM_FIELDS.items() if (value := getattr(self, name))]
        return named[0] if len(named) == 1 else None


ITEM_FIELDS = {"course": "courses", "route": "routes", "site": "sites", "teacher": "teachers"}


class Bundle(Record):
    """套餐：把课程、路线、点位参观和师资按顺序组合起来，作为一项点单（如“湖光三重礼”）。"""

    kind: ClassVar[str] = "bundles"
    label_field: ClassVar[str] = "name"
    name: Annotated[Line, Sheet("套餐名称", "名称")] = Field(description="套餐名称")
    summary: Annotated[Text, Field(max_length=300), Sheet("简介")] = Field(description="一句话简介")
    description: Markdown = Field("", description="详细介绍，可用 Markdown（不允许 HTML）")
    audiences: Annotated[
        list[Annotated[str, Vocab("audiences")]],
        Sheet("对象", "培训对象"),
        Unknown("单位按本单位党员的情况挑套餐"),
    ] = Field(default_factory=list, description="适合的培训对象（见词表 audiences）")
    items: list[BundleItem] = Field(
        min_length=2, description="按顺序排列的内容，至少两项；每项写 course、route、site 或 teacher 中的一个"
    )


Marker = Vocab | Ref | Personal


def field_markers(annotation: object) -> list[Marker]:
    """The markers inside a field's annotation (looking through list and Optional)."""
    found: list[Marker] = []
    metadata = getattr(annotation, "__metadata__", ())
    found.extend(m for m in metadata if isinstance(m, Marker))
    if get_origin(annotation) is not None or metadata:
        for arg in get_args(annotation):
            if arg is not annotation:
                found.extend(field_markers(arg))
    return found


def markers(field: FieldInfo) -> list[Marker]:
    """The markers of a Pydantic FieldInfo (top-level metadata and nested types)."""
    top = [m for m in field.metadata if isinstance(m, Marker)]
    return top + field_markers(field.annotation)


def nested_model(annotation: object) -> type[BaseModel] | None:
    """The model a field holds (looking through list and Optional), if it holds one."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = nested_model(arg)
        if found:
            return found
    return None


def sheet_of(field: FieldInfo) -> Sheet | None:
    """The spreadsheet headers declared on a field, if any."""
    return next((m for m in field.metadata if isinstance(m, Sheet)), None)


def unknown_of(field: FieldInfo) -> Unknown | None:
    """Whether a field is a fact a real list may lack (and why it helps to fill it in)."""
    return next((m for m in field.metadata if isinstance(m, Unknown)), None)


def one_or_more(field: FieldInfo) -> bool:
    """Whether a list field may be written as one value (`region: 望城区`)."""
    return any(m is OneOrMore for m in field.metadata)
