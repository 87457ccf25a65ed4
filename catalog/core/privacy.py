"""The personal-data rule, applied in one place to every output.

A field marked `Personal()` in catalog.core.models (a teacher's contact today) leaves every
output unless the site publishes it (`extra.menu.publish_contacts`, or `catalog export
--with-contact`): pages, search, the site's downloads, card and order data, `catalog
export` and `catalog diff`. Outputs never name such fields; they ask here.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import BaseModel

from catalog.core.models import Personal, Record, markers, nested_model


@cache
def personal_fields(model: type[BaseModel]) -> frozenset[str]:
    """The names of a model's fields that hold personal data."""
    fields = model.model_fields.items()
    return frozenset(name for name, info in fields if any(isinstance(m, Personal) for m in markers(info)))


def is_personal(model: type[BaseModel], path: str) -> bool:
    """Whether a field, named as `contact` or `contact.phone`, holds personal data."""
    return path.split(".")[0] in personal_fields(model)


def public_dump(record: Record, *, publish: bool, **options: Any) -> dict:
    """`record.model_dump(**options)` without the personal fields unless they are published."""
    hidden = set() if publish else set(personal_fields(type(record)))
    return record.model_dump(exclude=hidden | set(options.pop("exclude", ())), **options)


def personal_facts(record: Record, *, publish: bool) -> list[tuple[str, str]]:
    """(label, value) of each personal detail a page may show: none unless published."""
    if not publish:
        return []
    facts = []
    for name in sorted(personal_fields(type(record))):
        value = getattr(record, name)
        info = type(record).model_fields[name]
        inner = nested_model(info.annotation)
        if value is None:
            continue
        if inner is None:
            facts.append((_label(info.description or name), str(value)))
            continue
        for sub, sub_info in inner.model_fields.items():
            if getattr(value, sub) is not None:
                facts.append((_label(sub_info.description or sub), str(getattr(value, sub))))
    return facts


def _label(description: str) -> str:
    return description.split("（")[0].split("，")[0]
