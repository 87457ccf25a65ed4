"""JSON Schemas for editors' YAML tooling, generated from the models.

Vocabulary fields get the current vocabulary as `enum`, so an editor completes values (for
a tree, every place name and every path); a field that takes one value or a list
(`region: 望城区` or `region: [福建省, 广东省]`) accepts both forms.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from catalog.core.kinds import KINDS, MODELS
from catalog.core.models import Vocab, markers, one_or_more
from catalog.core.vocabulary import Vocabularies, load_vocabularies

SCHEMA_DIR = "schemas"  # where `catalog schema` writes by default, and where record files point


def schema_for(kind: str, vocabularies: Vocabularies) -> dict:
    model = MODELS[kind]
    schema = model.model_json_schema()
    schema["title"] = f"{KINDS[kind].singular}（{(model.__doc__ or kind).splitlines()[0]}）"
    schema["properties"].pop("id", None)
    schema["required"] = [name for name in schema.get("required", []) if name != "id"]
    statuses = KINDS[kind].statuses  # the kind's own: values first, then their labels (暂停开放)
    schema["properties"]["status"]["enum"] = [s.value for s in statuses] + [s.label for s in statuses]
    for name, info in model.model_fields.items():
        if name in schema["properties"] and info.description:
            schema["properties"][name]["title"] = re.split("[，（,(]", info.description)[0]
        vocab = next((m for m in markers(info) if isinstance(m, Vocab)), None)
        if vocab is None or name not in schema["properties"]:
            continue
        values = vocabularies.values(vocab.name)
        if vocab.name in vocabularies.trees:
            values = list(dict.fromkeys([*vocabularies.names(vocab.name), *values]))
        prop = schema["properties"][name]
        if prop.get("type") == "array":
            target = prop["items"]
        else:  # Optional: anyOf [the value, null]
            target = next((a for a in prop.get("anyOf", ()) if a.get("type") != "null"), prop)
        if values:
            target["enum"] = values
        if one_or_more(info):
            items = prop.pop("items")
            prop.pop("type")
            prop["anyOf"] = [items, {"type": "array", "items": items}]
    return schema


def schema_file_name(kind: str) -> str:
    return f"{KINDS[kind].singular}.schema.json"


def write_schemas(root: Path, out: Path) -> list[Path]:
    vocabularies, _ = load_vocabularies(root)
    out = out if out.is_absolute() else root / out
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in MODELS:
        path = out / schema_file_name(kind)
        text = json.dumps(schema_for(kind, vocabularies), ensure_ascii=False, indent=2)
        path.write_text(text + "\n", encoding="utf-8")
        written.append(path)
    return written
