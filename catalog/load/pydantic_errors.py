"""Pydantic's validation errors as problems in plain Chinese, at the value's line and column."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from catalog.core.models import Record, nested_model
from catalog.core.problems import Problem, clip, error
from catalog.core.suggest import did_you_mean
from catalog.load.yamlsource import SourceFile


def _field_label(loc: tuple) -> str:
    parts = []
    for part in loc:
        parts.append(f"第 {part + 1} 项" if isinstance(part, int) else clip(str(part), 40))
    return " → ".join(parts) or "记录"


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The nested model that holds the last element of `loc` (for field-name hints)."""
    current: type[BaseModel] | None = model
    for part in loc[:-1]:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part)
        current = nested_model(info.annotation) if info else None
    return current


_TYPE_WORDS = {
    "string_type": "文字",
    "int_type": "整数",
    "int_parsing": "整数",
    "int_from_float": "整数",
    "float_type": "数字",
    "float_parsing": "数字",
    "bool_type": "true 或 false",
    "bool_parsing": "true 或 false",
    "list_type": "列表（每项一行，以“- ”开头）",
    "dict_type": "“字段: 值”的映射",
    "model_type": "“字段: 值”的映射",
    "model_attributes_type": "“字段: 值”的映射",
    "date_type": "日期（如 2024-05-01）",
    "date_parsing": "日期（如 2024-05-01）",
    "date_from_datetime_parsing": "日期（如 2024-05-01）",
    "date_from_datetime_inexact": "日期（如 2024-05-01，不带时间）",
}


def translate(detail: dict, model: type[Record], source: SourceFile) -> Problem:
    loc = tuple(detail["loc"])
    kind = detail["type"]
    ctx = detail.get("ctx") or {}
    label = _field_label(loc)
    got = detail.get("input")
    if isinstance(got, bool):  # YAML reads yes/no/on/off/true/false as true or false
        shown = f"{str(got).lower()}（YAML 把 yes、no、on、off 等读作 true 或 false）"
    elif isinstance(got, str | int | float | dt.date):  # a date shows as written: 2024-05-01 10:30:00
        shown = f"“{clip(str(got))}”"
    else:
        shown = clip(repr(got)) if got is not None else "空值"
    line, col = source.position(loc)
    hint = ""
    info = None
    holder = _model_at(model, loc)
    if holder is not None and loc and isinstance(loc[-1], str):
        info = holder.model_fields.get(loc[-1])
    if info is None and holder is not None and len(loc) >= 2 and isinstance(loc[-1], int):
        info = holder.model_fields.get(loc[-2])
    described = info.description if info is not None and info.description else ""

    if kind == "missing":
        line, col = source.position(loc[:-1])
        message = f"缺少必填字段 {label}（missing field）"
        hint = f"加上 `{loc[-1]}: …`" + (f"——{described}" if described else "")
        code = "missing-field"
    elif kind == "extra_forbidden":
        line, col = source.position(loc, key=True)
        fields = [f for f in (holder.model_fields if holder else {}) if f != "id"]
        message = f"未知字段 {clip(str(loc[-1]), 40)}（unknown field）"
        hint = did_you_mean(str(loc[-1]).strip("\u3000 "), fields, listing="字段")
        code = "unknown-field"
    elif got is None and kind in _TYPE_WORDS:
        message = f"{label} 还没有填写（empty value）"
        code = "empty-value"
        hint = described
    elif kind in _TYPE_WORDS:
        message = f"{label} 应当是{_TYPE_WORDS[kind]}，现在是 {shown}（wrong type）"
        code = "wrong-type"
        if kind.startswith("date"):
            hint = "日期写成 2024-05-01 这样的格式"
        elif described:
            hint = described
    elif kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = ctx.get("gt", ctx.get("ge", ctx.get("lt", ctx.get("le"))))
        words = {
            "greater_than": "必须大于",
            "greater_than_equal": "不能小于",
            "less_than": "必须小于",
            "less_than_equal": "不能大于",
        }[kind]
        message = f"{label} {words} {bound}，现在是 {shown}（out of range）"
        hint = described
        code = "out-of-range"
    elif kind == "too_short":
        message = f"{label} 至少要有 {ctx.get('min_length')} 项（too few items）"
        hint = described
        code = "too-short"
    elif kind in ("too_long", "string_too_long"):
        message = f"{label} 太长，最多 {ctx.get('max_length')} 个字（too long）"
        code = "too-long"
    elif kind == "literal_error":
        allowed = [a.strip(" '") for a in str(ctx.get("expected", "")).replace(" or ", ",").split(",")]
        message = f"{label} 不能是 {shown}，只能是：{'、'.join(a for a in allowed if a)}（invalid value）"
        hint = did_you_mean(str(got), [a for a in allowed if a])
        code = "invalid-value"
    elif kind == "string_pattern_mismatch":
        message = f"{label} 的格式不对：{shown}（bad format）"
        hint = described
        code = "bad-format"
    elif kind == "value_error":
        message = f"{label}：{str(detail['msg']).removeprefix('Value error, ')}"
        code = "bad-text"
        hint = "删除看不见的特殊字符（常见于从网页或 Word 复制的文字）"
    else:
        message = f"{label}：{detail['msg']}"
        code = "invalid"
    return error(source.path, line, col, code, message, hint)
