"""`catalog new KIND ID`: a new record file with every field present and explained.

The blanks are the required fields; filled in, the file passes `catalog check`. A fact a real
list may lack (`Unknown` on the field) may stay blank: the site then says 未注明. Its comment
says why filling it in helps the units who choose from the menu.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from catalog.core.kinds import KINDS, MODELS
from catalog.core.models import (
    ID_PATTERN,
    MAX_ID_LENGTH,
    RESERVED_ID,
    WINDOWS_DEVICE,
    Vocab,
    markers,
    nested_model,
    one_or_more,
    unknown_of,
)
from catalog.core.vocabulary import Vocabularies, load_vocabularies
from catalog.editors.schema import SCHEMA_DIR, schema_file_name


def render_scaffold(kind: str, vocabularies: Vocabularies, today: dt.date) -> str:
    model = MODELS[kind]
    lines = [
        f"# yaml-language-server: $schema=../{SCHEMA_DIR}/{schema_file_name(kind)}",
        f"# 新{KINDS[kind].name}记录。{(model.__doc__ or '').strip()}",
        "# 每个字段上面的注释说明怎么填；标“必填”的字段不能空着。",
        "# 不知道的就空着：网站显示“未注明”，不会替你编一个值；知道了再补上。",
        "# 填好后运行 `catalog check` 检查。",
        "",
    ]
    lines += _fields(model, vocabularies, today, indent="")
    return "\n".join(lines) + "\n"


def _fields(model: type[BaseModel], vocabularies: Vocabularies, today: dt.date, indent: str) -> list[str]:
    lines: list[str] = []
    for name, info in model.model_fields.items():
        if name == "id":
            continue
        required = info.is_required()
        comment = info.description or ""
        vocab = next((m for m in markers(info) if isinstance(m, Vocab)), None)
        if vocab is not None:
            names = vocabularies.names(vocab.name)
            shown = (
                names if len(names) <= CHOICES_SHOWN else [*names[:CHOICES_SHOWN], "……（见 vocabulary.yml）"]
            )
            comment += "。可选：" + "、".join(shown)
        unknown = unknown_of(info)
        if unknown is not None:
            comment += f"（选填；不知道就空着，网站显示“未注明”。写上它：{unknown.helps}）"
        else:
            comment += "（必填）" if required else "（选填）"
        lines.append(f"{indent}# {comment}")
        inner = nested_model(info.annotation)
        is_list = _is_list(info.annotation)
        if inner is not None and is_list:
            lines.append(f"{indent}{name}:")
            for number in (1, 2):
                lines.append(f"{indent}  - # 第 {number} 项")
                lines += _fields(inner, vocabularies, today, indent + "    ")
        elif inner is not None and required:
            lines.append(f"{indent}{name}:")
            lines += _fields(inner, vocabularies, today, indent + "  ")
        elif inner is not None:  # optional group: left empty, its form shown commented out
            lines.append(f"{indent}{name}:")
            lines += [
                f"{indent}#   {line.strip()}" if not line.strip().startswith("#") else line
                for line in _fields(inner, vocabularies, today, indent + "  ")
            ]
        elif is_list and one_or_more(info):
            lines.append(f"{indent}{name}:")
        elif is_list:
            lines.append(f"{indent}{name}: []")
        else:
            lines.append(f"{indent}{name}: {_default(name, info, today)}".rstrip())
        lines.append("") if not indent else None
    return lines


CHOICES_SHOWN = 20  # vocabulary values listed in a comment (a tree of regions may hold hundreds)


def _is_list(annotation) -> bool:
    from typing import get_args, get_origin

    if get_origin(annotation) is list:
        return True
    return any(_is_list(arg) for arg in get_args(annotation) if arg is not type(None))


def _default(name: str, info, today: dt.date) -> str:
    if name == "reviewed":
        return today.isoformat()
    default = info.default
    if default is PydanticUndefined or default is None:
        return ""
    if isinstance(default, bool):
        return "true" if default else "false"
    if default == "":
        return '""'
    return str(default)


def write_scaffold(
    root: Path, kind: str, record_id: str, *, force: bool = False, today: dt.date | None = None
) -> int:
    if (
        not ID_PATTERN.match(record_id)
        or RESERVED_ID.match(record_id)
        or WINDOWS_DEVICE.match(record_id)
        or len(record_id) > MAX_ID_LENGTH
    ):
        print(
            f"catalog: id “{record_id}”不合规：只能用小写英文字母、数字和连字符“-”，"
            "不超过 64 个字符，且不能是 index、index-2 这类列表页的名字"
            "或 con、nul 这类 Windows 设备名（invalid id）",
            file=sys.stderr,
        )
        return 2
    path = root / kind / f"{record_id}.yml"
    if path.exists() and not force:
        print(f"catalog: {path} 已存在，不会覆盖；确需覆盖请加 --force（file exists）", file=sys.stderr)
        return 2
    vocabularies, _ = load_vocabularies(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_scaffold(kind, vocabularies, today or dt.date.today()), encoding="utf-8")
    print(f"已生成 {path.relative_to(root).as_posix()}：填好必填字段后运行 `catalog check`。")
    return 0
