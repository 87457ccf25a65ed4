"""The site's downloads of the whole catalog: exports/catalog.json and one CSV per kind.

Derived relations are included (each kind declares them: catalog.core.kinds), personal
data only when the site publishes it (catalog.core.privacy). Every CSV cell passes the
formula guard (catalog.tabular.writing). Output is deterministic: same catalog, same bytes.
"""

from __future__ import annotations

import json

from catalog.core.kinds import KINDS
from catalog.core.models import Record
from catalog.core.privacy import is_personal, public_dump
from catalog.core.relations import Catalog
from catalog.site.rebuild import NO_REUSE, Reuse
from catalog.tabular.writing import csv_bytes

EXPORT_DIR = "exports"


def record_data(record: Record, catalog: Catalog, *, publish_contacts: bool, csv: bool = False) -> dict:
    """A record's fields (JSON-ready) plus the facts derived for it."""
    data = public_dump(record, publish=publish_contacts, mode="json", exclude_none=True)
    for derived in KINDS[record.kind].derived:
        if csv or not derived.csv_only:
            data[derived.key] = derived.value(record, catalog)
    return data


def catalog_json(catalog: Catalog, *, publish_contacts: bool = False, reuse: Reuse = NO_REUSE) -> bytes:
    def data(record: Record) -> dict:
        return record_data(record, catalog, publish_contacts=publish_contacts)

    payload = {
        kind: [reuse.per_record("json", r, data, r) for r in catalog.records[kind].values()] for kind in KINDS
    }
    return (json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode()


def _flatten(value: object) -> str:
    if isinstance(value, list):
        return "、".join(_flatten(v) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{k}={_flatten(v)}" for k, v in value.items() if v not in (None, "", []))
    if isinstance(value, bool):
        return "是" if value else "否"
    return "" if value is None else str(value)


def _columns(kind: str, *, publish_contacts: bool) -> list[tuple[str, str]]:
    """(key, Chinese label) of every CSV column: the model's fields, then the derived ones."""
    declared = KINDS[kind]
    columns = [
        (name, (info.description or name).split("，")[0].split("（")[0])
        for name, info in declared.model.model_fields.items()
        if publish_contacts or not is_personal(declared.model, name)
    ]
    known = {name for name, _ in columns}
    return columns + [(d.key, d.label) for d in declared.derived if d.key not in known]


def catalog_csv(
    catalog: Catalog, kind: str, *, publish_contacts: bool = False, reuse: Reuse = NO_REUSE
) -> bytes:
    """One row per record; Chinese headers with the field key; UTF-8 with BOM for Excel/WPS."""
    columns = _columns(kind, publish_contacts=publish_contacts)

    def row(record: Record) -> list[str]:
        data = record_data(record, catalog, publish_contacts=publish_contacts, csv=True)
        return [_flatten(data.get(name)) for name, _ in columns]

    rows = [[f"{label}（{name}）" for name, label in columns]]
    rows += [reuse.per_record("csv", r, row, r) for r in catalog.records[kind].values()]
    return csv_bytes(rows)  # text that a spreadsheet would run as a formula is guarded


def export_files(
    catalog: Catalog, *, publish_contacts: bool = False, reuse: Reuse = NO_REUSE
) -> dict[str, bytes]:
    """Every download, by its path in the built site."""
    whole = catalog_json(catalog, publish_contacts=publish_contacts, reuse=reuse)
    files = {f"{EXPORT_DIR}/catalog.json": whole}
    for kind in KINDS:
        csv = catalog_csv(catalog, kind, publish_contacts=publish_contacts, reuse=reuse)
        files[f"{EXPORT_DIR}/{kind}.csv"] = csv
    return files


def photo_files(catalog: Catalog) -> dict[str, bytes]:
    """Teachers' photos, copied into the site at the same relative path."""
    return {
        t.photo: (catalog.root / t.photo).read_bytes()
        for t in catalog.teachers.values()
        if t.photo and (catalog.root / t.photo).is_file()
    }
