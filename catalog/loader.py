"""Find record files in the data folders, read them and build the typed records.

Every file under a data folder ends up either as a record or as a reported problem:
nothing is skipped silently.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from .models import ID_PATTERN, MODELS, RESERVED_ID, Record
from .problems import Problem, error, warning
from .suggest import did_you_mean
from .yamlsource import SourceFile, read_source

EXTENSIONS = (".yml", ".yaml")


@dataclass(frozen=True)
class LoadedRecord:
    record: Record
    source: SourceFile


def discover(root: Path) -> tuple[dict[str, list[Path]], list[Problem]]:
    """The record files of every kind, sorted; stray files are problems."""
    files: dict[str, list[Path]] = {kind: [] for kind in MODELS}
    problems: list[Problem] = []
    real_root = root.resolve()
    for kind in MODELS:
        folder = root / kind
        if not folder.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames.sort()
            here = Path(dirpath)
            in_hidden = any(part.startswith(".") for part in here.relative_to(folder).parts)
            for name in dirnames:  # os.walk does not enter linked folders: say so
                linked = here / name
                if linked.is_symlink():
                    rel = display_path(linked.relative_to(root).as_posix())
                    inside = _inside(linked.resolve(), real_root)
                    problems.append(_linked_folder(rel) if inside else _outside_link(rel))
            for name in sorted(filenames):
                path = here / name
                rel = display_path(path.relative_to(root).as_posix())
                suffix = path.suffix.lower()
                if name.startswith(".") or in_hidden:
                    if suffix in EXTENSIONS:  # e.g. "..yml", or a copy hidden by a tool
                        problems.append(
                            warning(
                                rel,
                                1,
                                1,
                                "hidden-file",
                                "隐藏文件（或隐藏文件夹里的文件）不会被读取（hidden file skipped）",
                                "如果是记录，去掉文件名或文件夹名开头的“.”；否则删除这个文件",
                            )
                        )
                    continue
                if path.is_symlink() and not path.exists():
                    problems.append(
                        error(
                            rel,
                            1,
                            1,
                            "broken-link",
                            "这个文件是一个链接，但它指向的文件不存在（broken symlink）",
                            "把文件本身复制进来，或删除这个链接",
                        )
                    )
                    continue
                if path.is_symlink() and not _inside(path.resolve(), real_root):
                    problems.append(_outside_link(rel))
                    continue
                if suffix not in EXTENSIONS:
                    if here == folder:
                        problems.append(
                            error(
                                rel,
                                1,
                                1,
                                "not-a-record",
                                f"{kind}/ 里只能放 .yml 记录文件，这个文件不会被读取（not a record file）",
                                "如果是记录，把扩展名改成 .yml；图片等请放到子文件夹（如 photos/）",
                            )
                        )
                    continue
                if here != folder:
                    problems.append(
                        error(
                            rel,
                            1,
                            1,
                            "nested-record",
                            f"记录文件必须直接放在 {kind}/ 下，子文件夹里的不会被读取（nested record）",
                            f"把文件移到 {kind}/",
                        )
                    )
                    continue
                if path.suffix not in EXTENSIONS:
                    problems.append(
                        error(
                            rel,
                            1,
                            1,
                            "bad-id",
                            f"扩展名应当是小写 {suffix}（extension must be lower case）",
                            f"改名为 {path.stem.lower()}{suffix}",
                        )
                    )
                    continue
                files[kind].append(path)
    return files, problems


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _outside_link(rel: str) -> Problem:
    return error(
        rel,
        1,
        1,
        "outside-link",
        "这是指向目录之外的链接，不会读取（symlink outside the catalog）",
        "把文件本身复制进来，而不是放一个链接",
    )


def _linked_folder(rel: str) -> Problem:
    return warning(
        rel,
        1,
        1,
        "linked-folder",
        "这是一个链接到别处的文件夹，里面的文件不会被读取（linked folder skipped）",
        "记录文件直接放在数据文件夹里；不需要的链接请删除",
    )


def display_path(rel: str) -> str:
    """A path that can be printed: bytes of a non-UTF-8 file name shown as \\xNN."""
    if not any(0xDC80 <= ord(char) <= 0xDCFF for char in rel):
        return rel
    return os.fsencode(rel).decode("utf-8", "backslashreplace")


def _non_utf8_name(rel: str, record_id: str) -> Problem:
    raw = os.fsencode(record_id)
    try:
        guess = f"（看起来是 GBK 编码的“{raw.decode('gb18030')}”）"
    except UnicodeDecodeError:
        guess = ""
    return error(
        rel,
        1,
        1,
        "bad-id",
        f"文件名不是 UTF-8 编码{guess}，不能用作记录 id（file name is not UTF-8）",
        "文件名只能用小写英文字母、数字和连字符“-”，例如 wang-fang.yml"
        "（常见于 Windows 压缩包解压后的中文文件名）",
    )


@dataclass
class Loaded:
    """What reading the data folders gave: valid records, files that failed, problems."""

    records: dict[str, dict[str, LoadedRecord]]
    failed: list[tuple[str, SourceFile]]  # (kind, source) of mappings that did not validate
    problems: list[Problem]


def load_records(root: Path) -> Loaded:
    """Read every record file under `root`; never raises for bad input."""
    files, problems = discover(root)
    records: dict[str, dict[str, LoadedRecord]] = {kind: {} for kind in MODELS}
    failed: list[tuple[str, SourceFile]] = []
    for kind, paths in files.items():
        first_path: dict[str, str] = {}
        for path in paths:
            rel = display_path(f"{kind}/{path.name}")  # discover() keeps only files in root/kind
            record_id = path.stem
            if not ID_PATTERN.match(record_id):
                bad_name = rel != f"{kind}/{path.name}"
                problems.append(_non_utf8_name(rel, record_id) if bad_name else _bad_id(rel, record_id))
                continue
            if RESERVED_ID.match(record_id):  # its page would replace the kind's list page
                problems.append(
                    error(
                        rel,
                        1,
                        1,
                        "reserved-id",
                        f"文件名“{record_id}”留给{kind}/ 的列表页使用，不能用作记录 id（reserved id）",
                        f"换一个文件名，如 {kind}-{record_id}.yml 或用记录名称的拼音",
                    )
                )
                continue
            if record_id in first_path:
                problems.append(
                    error(
                        rel,
                        1,
                        1,
                        "duplicate-id",
                        f"id {record_id} 与 {first_path[record_id]} 重复（duplicate id）",
                        "两个文件只保留一个，或给其中一个改名",
                    )
                )
                continue
            first_path[record_id] = rel
            source = read_source(path, rel)
            problems.extend(source.problems)
            if not isinstance(source.data, dict):
                continue
            record = build_record(kind, record_id, source, problems)
            if record is not None:
                records[kind][record_id] = LoadedRecord(record, source)
            else:
                failed.append((kind, source))
    return Loaded(records, failed, problems)


def _bad_id(rel: str, record_id: str) -> Problem:
    import re

    slug = re.sub(r"[^a-z0-9]+", "-", record_id.lower()).strip("-")
    hint = "文件名只能用小写英文字母、数字和连字符“-”，例如 wang-fang.yml"
    if slug and slug != record_id:
        hint += f"；可以改名为 {slug}.yml"
    return error(rel, 1, 1, "bad-id", f"文件名“{record_id}”不能用作记录 id（invalid id）", hint)


def build_record(kind: str, record_id: str, source: SourceFile, problems: list[Problem]) -> Record | None:
    """Validate one file's data against its model; translate every error to a problem."""
    model = MODELS[kind]
    data = dict(source.data)
    if "id" in data:
        line, col = source.position(("id",), key=True)
        problems.append(
            error(
                source.path,
                line,
                col,
                "id-field",
                "不要写 id 字段：记录 id 就是文件名（id comes from the file name）",
                "删除这一行；要改 id 就改文件名",
            )
        )
        del data["id"]
    try:
        return model.model_validate({**data, "id": record_id})
    except ValidationError as exc:
        for detail in exc.errors(include_url=False):
            loc = tuple(detail["loc"])
            if any(loc[:n] in source.broken for n in range(1, len(loc) + 1)):
                continue
            problems.append(translate(detail, model, source))
        return None


def clip(text: str, limit: int = 60) -> str:
    """A value short enough to quote in a message (a pasted page stays one line)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


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


def nested_model(annotation) -> type[BaseModel] | None:
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = nested_model(arg)
        if found:
            return found
    return None


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
