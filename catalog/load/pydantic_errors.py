"""Pydantic's validation errors as problems in plain Chinese, at the value's line and column."""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel

from catalog.core.codes import problem
from catalog.core.models import Record, nested_model
from catalog.core.problems import Problem, clip
from catalog.core.suggest import did_you_mean
from catalog.core.wording import list_text, number_text
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


_QUOTED_NUMBER = re.compile(r"\s*[-+]?[0-9]+(?:\.[0-9]+)?\s*")

_TYPE_WORDS = {
    "string_type": "文字",
    "int_type": "整数",
    "int_parsing": "整数",
    "int_from_float": "整数",
    "float_type": "数字",
    "float_parsing": "数字",
    "bool_type": "“true”或“false”（是或否，不加引号）",
    "bool_parsing": "“true”或“false”（是或否，不加引号）",
    "list_type": "列表（每项一行，以“- ”开头）",
    "dict_type": "“字段: 值”的映射",
    "model_type": "“字段: 值”的映射",
    "model_attributes_type": "“字段: 值”的映射",
    "date_type": "日期（如 2024-05-01）",
    "date_parsing": "日期（如 2024-05-01）",
    "date_from_datetime_parsing": "日期（如 2024-05-01）",
    "date_from_datetime_inexact": "日期（如 2024-05-01，不带时间）",
}

_BOUND_WORDS = {
    "greater_than": "必须大于",
    "greater_than_equal": "不能小于",
    "less_than": "必须小于",
    "less_than_equal": "不能大于",
}


def translate(detail: dict, model: type[Record], source: SourceFile) -> Problem:
    loc = tuple(detail["loc"])
    kind = detail["type"]
    ctx = detail.get("ctx") or {}
    label = _field_label(loc)
    got = detail.get("input")
    if isinstance(got, bool):  # only true/false are booleans (catalog.load.yamlcore)
        shown = str(got).lower()
    elif isinstance(got, str) and kind in ("int_type", "float_type") and _QUOTED_NUMBER.fullmatch(got):
        shown = f"“{clip(got)}”（加了引号就是文字：数字不加引号）"
    elif isinstance(got, str | int | float | dt.date):  # a date shows as written: 2024-05-01 10:30:00
        shown = f"“{clip(number_text(got))}”"
    elif isinstance(got, list):  # as Chinese writes a list, not Python's ['福建省', '广东省']
        shown = f"列表“{clip(list_text(got))}”"
    elif isinstance(got, dict):
        shown = f"“字段: 值”的映射“{clip(list_text(got))}”"
    else:
        shown = clip(str(got)) if got is not None else "空值"
    line, col = source.position(loc)
    info = None
    holder = _model_at(model, loc)
    if holder is not None and loc and isinstance(loc[-1], str):
        info = holder.model_fields.get(loc[-1])
    if info is None and holder is not None and len(loc) >= 2 and isinstance(loc[-1], int):
        info = holder.model_fields.get(loc[-2])
    described = info.description if info is not None and info.description else ""

    path = source.path
    if kind == "missing":
        line, col = source.position(loc[:-1])
        if described:
            return problem("missing-field", path, line, col, field=label, key=loc[-1], description=described)
        return problem("missing-field", path, line, col, variant="undescribed", field=label, key=loc[-1])
    if kind == "extra_forbidden":
        line, col = source.position(loc, key=True)
        fields = [f for f in (holder.model_fields if holder else {}) if f != "id"]
        suggestion = did_you_mean(str(loc[-1]).strip("\u3000 "), fields, listing="字段")
        return problem("unknown-field", path, line, col, field=clip(str(loc[-1]), 40), suggestion=suggestion)
    if got is None and kind in _TYPE_WORDS:
        return problem("empty-value", path, line, col, field=label, description=described)
    if kind in _TYPE_WORDS:
        expected = _TYPE_WORDS[kind]
        if kind.startswith("date"):
            return problem(
                "wrong-type", path, line, col, variant="date", field=label, expected=expected, got=shown
            )
        return problem(
            "wrong-type", path, line, col, field=label, expected=expected, got=shown, description=described
        )
    if kind in _BOUND_WORDS:
        bound = number_text(ctx.get("gt", ctx.get("ge", ctx.get("lt", ctx.get("le")))))
        return problem(
            "out-of-range",
            path,
            line,
            col,
            field=label,
            relation=_BOUND_WORDS[kind],
            bound=bound,
            got=shown,
            description=described,
        )
    if kind == "too_short":
        return problem(
            "too-short", path, line, col, field=label, min=ctx.get("min_length"), description=described
        )
    if kind in ("too_long", "string_too_long"):
        return problem("too-long", path, line, col, field=label, max=ctx.get("max_length"))
    if kind == "literal_error":
        allowed = [a.strip(" '") for a in str(ctx.get("expected", "")).replace(" or ", ",").split(",")]
        return problem(
            "invalid-value",
            path,
            line,
            col,
            field=label,
            got=shown,
            allowed="、".join(a for a in allowed if a),
            suggestion=did_you_mean(str(got), [a for a in allowed if a]),
        )
    if kind == "string_pattern_mismatch":
        return problem("bad-format", path, line, col, field=label, got=shown, description=described)
    if kind == "value_error":
        reason = str(detail["msg"]).removeprefix("Value error, ")
        return problem("bad-text", path, line, col, field=label, reason=reason)
    return problem("invalid", path, line, col, field=label, reason=detail["msg"])
