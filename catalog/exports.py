"""Machine-readable exports of the whole catalog: catalog.json and one CSV per kind.

Derived relations are included, personal contact data only when the site publishes it.
Output is deterministic: same catalog, same bytes.
"""

from __future__ import annotations

import json

from .models import MODELS, Record
from .relations import Catalog
from .tabular import csv_bytes

EXPORT_DIR = "exports"


def record_data(record: Record, catalog: Catalog, *, publish_contacts: bool) -> dict:
    """A record's fields (JSON-ready) plus the relations derived for it."""
    data = record.model_dump(mode="json", exclude_none=True)
    if record.kind == "teachers":
        if not publish_contacts:
            data.pop("contact", None)
        data["courses"] = [c.id for c in catalog.teacher_courses(record.id)]
    elif record.kind == "sites":
        data["courses"] = [c.id for c in catalog.site_courses(record.id)]
        data["routes"] = [r.id for r in catalog.site_routes(record.id)]
    elif record.kind == "courses":
        data["routes"] = [r.id for r in catalog.course_routes(record.id)]
    elif record.kind == "routes":
        data["total_minutes"] = record.total_minutes
        data["capacity"] = catalog.route_capacity(record)
    return data


def catalog_json(catalog: Catalog, *, publish_contacts: bool = False) -> bytes:
    payload = {
        kind: [
            record_data(r, catalog, publish_contacts=publish_contacts) for r in catalog.records[kind].values()
        ]
        for kind in MODELS
    }
    return (json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode()


def _flatten(value) -> str:
    if isinstance(value, list):
        return "、".join(_flatten(v) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{k}={_flatten(v)}" for k, v in value.items())
    if isinstance(value, bool):
        return "是" if value else "否"
    return "" if value is None else str(value)


def _columns(kind: str, *, publish_contacts: bool) -> list[tuple[str, str]]:
    model = MODELS[kind]
    columns = []
    for name, info in model.model_fields.items():
        if name == "contact" and not publish_contacts:
            continue
        label = (info.description or name).split("，")[0].split("（")[0]
        columns.append((name, label))
    derived = {
        "teachers": [("courses", "主讲课程")],
        "sites": [("courses", "开设课程"), ("routes", "途经路线")],
        "courses": [("routes", "所在路线")],
        "routes": [("total_minutes", "总时长（分钟）"), ("capacity", "可容纳人数")],
    }
    return columns + derived[kind]


def catalog_csv(catalog: Catalog, kind: str, *, publish_contacts: bool = False) -> bytes:
    """One row per record; Chinese headers with the field key; UTF-8 with BOM for Excel/WPS."""
    columns = _columns(kind, publish_contacts=publish_contacts)
    rows = [[f"{label}（{name}）" for name, label in columns]]
    for record in catalog.records[kind].values():
        data = record_data(record, catalog, publish_contacts=publish_contacts)
        if kind == "routes":
            data["stops"] = [f"{s['site']}({s['minutes']}分钟)" for s in data.get("stops", [])]
        rows.append([_flatten(data.get(name)) for name, _ in columns])
    return csv_bytes(rows)  # text that a spreadsheet would run as a formula is guarded


def export_files(catalog: Catalog, *, publish_contacts: bool = False) -> dict[str, bytes]:
    """Every export, by its path in the built site."""
    files = {f"{EXPORT_DIR}/catalog.json": catalog_json(catalog, publish_contacts=publish_contacts)}
    for kind in MODELS:
        files[f"{EXPORT_DIR}/{kind}.csv"] = catalog_csv(catalog, kind, publish_contacts=publish_contacts)
    return files


def photo_files(catalog: Catalog) -> dict[str, bytes]:
    """Teachers' photos, copied into the site at the same relative path."""
    return {
        t.photo: (catalog.root / t.photo).read_bytes()
        for t in catalog.teachers.values()
        if t.photo and (catalog.root / t.photo).is_file()
    }


__all__ = ["catalog_csv", "catalog_json", "export_files", "photo_files"]
