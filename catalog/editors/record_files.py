"""Record files written by tools: the schema line, where the record came from, its fields.

Fields in the model's order (status and reviewed last), defaults left out, lists indented
under their key, multi-line text as a `|` block: the file reads like one written by hand.
"""

from __future__ import annotations

import yaml

from catalog.core.models import TRAILING_FIELDS, Record, one_or_more
from catalog.editors.schema import SCHEMA_DIR, schema_file_name


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)  # list items indented under their key


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def record_yaml(kind: str, record: Record, origin: str) -> str:
    """The file text of a record: schema line, where it came from, then the fields."""
    dumped = record.model_dump(exclude={"id"}, exclude_defaults=True)
    order = [n for n in type(record).model_fields if n != "id" and n not in TRAILING_FIELDS]
    data = {n: _tidy(dumped[n]) for n in (*order, *TRAILING_FIELDS) if n in dumped}
    for name, info in type(record).model_fields.items():  # region: 望城区, as an editor writes it
        value = data.get(name)
        if one_or_more(info) and isinstance(value, list) and len(value) == 1:
            data[name] = value[0]
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    return (
        f"# yaml-language-server: $schema=../{SCHEMA_DIR}/{schema_file_name(kind)}\n"
        f"# 由 `catalog import` 从 {origin}导入；之后请直接修改本文件。\n"
        f"{body}"
    )


def _tidy(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _tidy(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_tidy(v) for v in value]
    return value
