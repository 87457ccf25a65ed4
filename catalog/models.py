"""The four record kinds (Course, Teacher, Site, Route) as Pydantic models.

Each field is declared once, with its type, limits and Chinese description. Two markers
say what a type cannot: `Vocab("name")` (the value must be listed in vocabulary.yml)
and `Ref("kind")` (the value is the id of a record of that kind). Validation of those
markers, and every relation derived from `Ref`, lives in `catalog.validate` and
`catalog.catalog`: a relation is declared here, on one side only.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal, get_args, get_origin

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED_ID = re.compile(r"^index(?:-[0-9]+)?$")  # the list pages of each kind: index, index-2 …


@dataclass(frozen=True)
class Vocab:
    """The value must be one listed under `name` in vocabulary.yml."""

    name: str


@dataclass(frozen=True)
class Ref:
    """The value is the id of a record of kind `kind` (e.g. "teachers")."""

    kind: str


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
Number = Annotated[float, _refuse("float_type", bool)]  # `hours: yes` is a slip, not 1
Count = Annotated[int, _refuse("int_type", bool)]
Day = Annotated[dt.date, _refuse("date_type", bool, int, float)]  # 20240501 is not a date
Line = Annotated[Text, Field(max_length=200)]
Markdown = Annotated[Text, Field(max_length=20_000)]
Status = Literal["active", "archived"]
Minutes = Annotated[Count, Field(ge=1, le=720)]


class Record(BaseModel):
    """Fields every record has. `id` comes from the file name, never from the file."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        coerce_numbers_to_str=True,
        frozen=True,
    )

    id: str = Field(description="记录 id，即文件名（不含 .yml），由系统填写")
    status: Status = Field(
        "active", description="状态：active（在用，可点单）或 archived（已停用，只保留页面）"
    )
    reviewed: Day = Field(description="最近一次审核（复评）日期，格式 2024-05-01；超过两年未审核会有警告")

    kind: ClassVar[str]  # the data folder name: "courses", "teachers", ...

    @property
    def label(self) -> str:
        raise NotImplementedError


class Course(Record):
    """课程：一门可以点单的课。"""

    kind: ClassVar[str] = "courses"
    title: Line = Field(description="课程名称")
    category: Annotated[str, Vocab("categories")] = Field(description="课程类别（见词表 categories）")
    summary: Annotated[Text, Field(max_length=300)] = Field(description="一句话简介，显示在列表卡片上")
    description: Markdown = Field("", description="详细介绍，可用 Markdown（不允许 HTML）")
    hours: Number = Field(gt=0, le=100, description="学时，例如 2 或 1.5")
    formats: list[Annotated[str, Vocab("formats")]] = Field(
        min_length=1, description="培训形式，可多选（见词表 formats）"
    )
    audiences: list[Annotated[str, Vocab("audiences")]] = Field(
        min_length=1, description="培训对象，可多选（见词表 audiences）"
    )
    teachers: list[Annotated[str, Ref("teachers")]] = Field(
        default_factory=list, description="授课师资的 id（teachers 文件夹里的文件名）"
    )
    sites: list[Annotated[str, Ref("sites")]] = Field(
        default_factory=list, description="可以开课的教学点位 id（sites 文件夹里的文件名）"
    )
    capacity: Count | None = Field(None, ge=1, le=10_000, description="每期最多人数")
    flags: list[Annotated[str, Vocab("flags")]] = Field(
        default_factory=list, description="标记，如 精品党课、必修、选修（见词表 flags）"
    )
    keywords: list[Line] = Field(default_factory=list, description="检索关键词")

    @property
    def label(self) -> str:
        return self.title


class Contact(BaseModel):
    """Personal contact data: not published unless the site is configured to."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, coerce_numbers_to_str=True)

    phone: Annotated[str, Field(pattern=r"^[0-9+\- ()]{5,20}$")] | None = Field(
        None, description="电话（个人信息，默认不公开）"
    )
    email: Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None = Field(
        None, description="电子邮箱（个人信息，默认不公开）"
    )


class Teacher(Record):
    """师资：师资库里的一位教员。所授课程由课程记录反推，不在这里填写。"""

    kind: ClassVar[str] = "teachers"
    name: Annotated[Line, Field(max_length=40)] = Field(description="姓名")
    post: Line = Field(description="职务或职称")
    organisation: Line = Field(description="所在单位")
    level: Annotated[str, Vocab("teacher_levels")] = Field(description="师资层级（见词表 teacher_levels）")
    type: Annotated[str, Vocab("teacher_types")] = Field(description="师资类型（见词表 teacher_types）")
    employment: Literal["专职", "兼职"] = Field("兼职", description="专职或兼职")
    directions: list[Annotated[str, Vocab("directions")]] = Field(
        min_length=1, description="擅长方向，可多选（见词表 directions）"
    )
    bio: Markdown = Field("", description="个人简介，可用 Markdown（不允许 HTML）")
    photo: Line | None = Field(
        None, description="照片文件路径，相对于目录根，如 teachers/photos/wang-fang.jpg"
    )
    honours: list[Line] = Field(default_factory=list, description="所获荣誉")
    contact: Contact | None = Field(None, description="联系方式（个人信息，默认不在网站上公开）")

    @property
    def label(self) -> str:
        return self.name


class Coordinates(BaseModel):
    model_config = ConfigDict(extra="forbid")

    lat: Number = Field(ge=-90, le=90, description="纬度")
    lon: Number = Field(ge=-180, le=180, description="经度")


class Site(Record):
    """教学点位：红色教育基地、纪念馆、党建馆、党群服务中心等。"""

    kind: ClassVar[str] = "sites"
    name: Line = Field(description="点位名称")
    type: Annotated[str, Vocab("site_kinds")] = Field(description="点位类型（见词表 site_kinds）")
    level: Annotated[str, Vocab("site_levels")] = Field(description="阵地层级（见词表 site_levels）")
    region: Annotated[str, Vocab("regions")] = Field(description="所在区域（见词表 regions）")
    address: Line = Field(description="地址")
    coordinates: Coordinates | None = Field(None, description="坐标（可选），lat 纬度、lon 经度")
    opening_hours: Line = Field("", description="开放时间")
    capacity: Count | None = Field(None, ge=1, le=100_000, description="单次最多接待人数")
    booking: Line = Field("", description="预约方式（单位预约电话或窗口，公开信息）")
    guide: bool = Field(False, description="是否提供讲解员（true/false）")
    description: Markdown = Field("", description="点位介绍，可用 Markdown（不允许 HTML）")
    themes: list[Annotated[str, Vocab("themes")]] = Field(
        default_factory=list, description="教学主题（见词表 themes）"
    )

    @property
    def label(self) -> str:
        return self.name


class Stop(BaseModel):
    """One stop of a route, in order."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, coerce_numbers_to_str=True)

    site: Annotated[str, Ref("sites")] = Field(description="点位 id")
    minutes: Minutes = Field(description="在此停留的分钟数")
    teaching: Line = Field(description="在此讲什么、看什么")
    course: Annotated[str, Ref("courses")] | None = Field(None, description="在此开的课程 id")
    travel_minutes: Count = Field(0, ge=0, le=720, description="从上一站到这一站的路程分钟数（第一站不填）")


class Route(Record):
    """教学路线：把若干点位串成一天（或半天）的现场教学。时长与容量由系统计算。"""

    kind: ClassVar[str] = "routes"
    name: Line = Field(description="路线名称")
    theme: Annotated[str, Vocab("themes")] = Field(description="路线主题（见词表 themes）")
    summary: Annotated[Text, Field(max_length=300)] = Field(description="一句话简介")
    description: Markdown = Field("", description="详细介绍，可用 Markdown（不允许 HTML）")
    stops: list[Stop] = Field(min_length=2, description="按顺序排列的站点，至少两站")
    audiences: list[Annotated[str, Vocab("audiences")]] = Field(
        min_length=1, description="适合的培训对象（见词表 audiences）"
    )

    @property
    def label(self) -> str:
        return self.name

    @property
    def total_minutes(self) -> int:
        """On-site and travel minutes of all stops: derived, never typed."""
        return sum(stop.minutes + stop.travel_minutes for stop in self.stops)


MODELS: dict[str, type[Record]] = {
    "courses": Course,
    "teachers": Teacher,
    "sites": Site,
    "routes": Route,
}

KIND_NAMES = {"courses": "课程", "teachers": "师资", "sites": "教学点位", "routes": "教学路线"}
SINGULAR = {"courses": "course", "teachers": "teacher", "sites": "site", "routes": "route"}


def field_markers(annotation: object) -> list[Vocab | Ref]:
    """The Vocab/Ref markers inside a field's annotation (looking through list and Optional)."""
    found: list[Vocab | Ref] = []
    metadata = getattr(annotation, "__metadata__", ())
    found.extend(m for m in metadata if isinstance(m, Vocab | Ref))
    if get_origin(annotation) is not None or metadata:
        for arg in get_args(annotation):
            if arg is not annotation:
                found.extend(field_markers(arg))
    return found


def markers(field: object) -> list[Vocab | Ref]:
    """The Vocab/Ref markers of a Pydantic FieldInfo (top-level metadata and nested types)."""
    top = [m for m in getattr(field, "metadata", ()) if isinstance(m, Vocab | Ref)]
    return top + field_markers(field.annotation)
