"""What the command line adds to a sheet: one value for a whole column, and which record a name means.

`--set 表头=值` (or `字段=值`) gives every row a value the sheet lacks: a 师资库 without a 类型
column (`--set 类型=党组织书记`), a list of Wuhan sites that are all in one city (`--set
区域=武汉市`). A cell of the sheet wins over it. `--pick 名字=id` says which record a name
means in this sheet when two share it (two teachers called 王艳). Both are checked once,
before any row is read: a value that no row could take is a usage error (exit 2), not the
same error on every row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from pydantic import TypeAdapter, ValidationError

from catalog.core.kinds import KINDS, MODELS
from catalog.core.models import Ref, Vocab, markers
from catalog.core.suggest import did_you_mean
from catalog.core.wording import name_key
from catalog.editors.columns import Column, column_for_field, find_column, import_columns, normalise_header
from catalog.editors.importing.cells import clean_cell, convert
from catalog.editors.importing.existing import Existing
from catalog.editors.importing.header import UsageError
from catalog.editors.importing.rows import spilled_field
from catalog.load.pydantic_errors import translate
from catalog.load.yamlsource import SourceFile


@dataclass
class Given:
    """Values for whole columns (field path → (column, value, as written)) and picked names."""

    values: dict[str, tuple[Column, object, str]] = field(default_factory=dict)
    picks: dict[str, str] = field(default_factory=dict)  # name key → id


def parse_sets(kind: str, items: list[str]) -> list[tuple[Column, str, str]]:
    """`--set 表头=值` options → (column, value as written, the option), in order."""
    found = []
    for item in items:
        title, sep, value = item.partition("=")
        if not sep or not normalise_header(title) or not value.strip():
            raise UsageError(f"--set 的写法是“表头=值”，例如 --set 类型=党组织书记，现在是“{item}”")
        column = find_column(kind, title) or column_for_field(kind, title.strip())
        if column is None:
            known = [c.header for c in import_columns(kind) if c.value not in ("id", "stops")]
            hint = did_you_mean(title, known, listing="表头") or ""
            raise UsageError(f"--set {item}：{KINDS[kind].name}没有“{title}”这一列。{hint}")
        found.append((column, value.strip(), item))
    return found


def parse_picks(items: list[str]) -> dict[str, str]:
    """`--pick 名字=id` options → {name key: id}."""
    picks = {}
    for item in items:
        name, sep, record_id = item.rpartition("=")
        if not sep or not name.strip() or not record_id.strip():
            raise UsageError(f"--pick 的写法是“名字=id”，例如 --pick 王艳=wang-yan-2，现在是“{item}”")
        picks[name_key(name)] = record_id.strip()
    return picks


def check_given(
    kind: str, sets: list[tuple[Column, str, str]], picks: dict[str, str], existing: Existing
) -> Given:
    """The --set values converted and checked like cells, the --pick ids checked against names."""
    given = Given(picks=picks)
    for key, record_id in picks.items():
        record = next((r for by_id in existing.catalog.records.values() if (r := by_id.get(record_id))), None)
        if record is None:
            raise UsageError(f"--pick …={record_id}：目录里没有 id 为 {record_id} 的记录")
        if name_key(record.label) != key:
            raise UsageError(f"--pick …={record_id}：{record_id} 是“{record.label}”，名字对不上")
    for column, written, item in sets:
        value, bad = convert(column, clean_cell(written), ("--set", 0, 0, column.header))
        if bad is not None:
            raise UsageError(f"--set {item}：{bad.message.split('：', 1)[-1]}")
        target = spilled_field(kind, column, value) or column.field
        _check_value(kind, target, value, item, existing)
        given.values[target] = (column, value, item)
    return given


def _check_value(kind: str, name: str, value: object, item: str, existing: Existing) -> None:
    if "." in name:  # a nested field (coordinates.lat, stops.…): checked with each row
        return
    info = MODELS[kind].model_fields[name]
    field_type: Any = Annotated.__class_getitem__((info.annotation, *info.metadata))  # type: ignore[attr-defined]
    try:
        TypeAdapter(field_type).validate_python(value)  # the field as the model checks it
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        detail: dict = {**error, "loc": (name, *error["loc"])}
        raise UsageError(
            f"--set {item}：{translate(detail, MODELS[kind], SourceFile('--set')).message}"
        ) from None
    values = value if isinstance(value, list) else [value]
    for marker in markers(info):
        for each in values:
            if isinstance(marker, Vocab) and existing.vocab_ok:
                vocabularies = existing.catalog.vocabularies
                found = vocabularies.resolve(marker.name, str(each))
                if len(found) > 1:
                    raise UsageError(
                        f"--set {item}：“{each}”在词表 {marker.name} 里有 {len(found)} 处："
                        f"{'、'.join(found)}，请写出上一级"
                    )
                if not found:
                    hint = did_you_mean(str(each), vocabularies.names(marker.name), listing="值")
                    raise UsageError(
                        f"--set {item}：“{each}”不在词表 {marker.name} 中。{hint}"
                        f"如确需新增，请先在 vocabulary.yml 的 {marker.name} 下添加"
                    )
            elif isinstance(marker, Ref):
                _, problem = existing.resolve(marker.kind, str(each), ("--set", 0, 0))
                if problem is not None:
                    raise UsageError(f"--set {item}：{problem.message}")
