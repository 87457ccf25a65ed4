"""`catalog export --format xlsx|csv`: the catalog as spreadsheets editors open in Excel/WPS.

The columns and Chinese headers are those of catalog.editors.columns, so an exported sheet
can be edited and imported back (`catalog import … --force`). Lists are joined with “、”;
a course's teachers and sites are written by name where the name is unique (else by id),
which the importer maps back to ids. Personal contact data is left out unless asked for.
Text is written as text: a cell starting with “=” never becomes a formula.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import cast

from catalog.core.kinds import KINDS, MODELS
from catalog.core.models import Record, Ref, Route, markers
from catalog.core.privacy import is_personal
from catalog.core.relations import Catalog
from catalog.editors.columns import COLUMNS, STATUS_EXPORT, Column
from catalog.tabular.writing import csv_bytes, write_xlsx


def export_columns(kind: str, *, with_contact: bool = False) -> list[Column]:
    """The sheet's columns: the kind's fields (personal ones only if asked), then derived facts."""
    model = MODELS[kind]
    fields = [c for c in COLUMNS[kind] if with_contact or not is_personal(model, c.field)]
    derived = [Column(d.key, (d.label,), "derived") for d in KINDS[kind].derived if d.sheet]
    return fields + derived


def _labels(catalog: Catalog, kind: str) -> dict[str, str]:
    """id → the name to write for a reference: the name if no other record shares it."""
    records = catalog.records[kind]
    counts: dict[str, int] = {}
    for record in records.values():
        counts[record.label] = counts.get(record.label, 0) + 1
    return {
        i: (r.label if counts[r.label] == 1 and r.label not in records else i) for i, r in records.items()
    }


def cell_value(catalog: Catalog, record: Record, column: Column, labels: dict[str, dict[str, str]]) -> object:
    """The value of one column for one record (dates stay dates; lists become text)."""
    if column.field == "id":
        return record.id
    if column.value == "derived":
        return next(d.value(record, catalog) for d in KINDS[record.kind].derived if d.key == column.field)
    if column.value == "stops":
        sites = labels["sites"]
        stops = cast(Route, record).stops
        return "、".join(
            sites.get(s.site, s.site) + ("" if s.minutes is None else f"（{s.minutes} 分钟）") for s in stops
        )
    value: object = record
    for part in column.field.split("."):
        value = getattr(value, part, None)
        if value is None:
            return ""
    if column.value == "status":
        declared = KINDS[record.kind].status(str(value))  # 暂停开放: the kind's own label
        return STATUS_EXPORT.get(str(value)) or (declared.label if declared else str(value))
    if column.value == "bool":
        return "是" if value else "否"
    if isinstance(value, list):
        info = type(record).model_fields.get(column.field)
        target = next((m.kind for m in markers(info) if isinstance(m, Ref)), None) if info else None
        if target:
            value = [labels[target].get(item, item) for item in value]
        return "、".join(str(item) for item in value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def export_tables(catalog: Catalog, kinds: list[str], *, with_contact: bool = False) -> dict[str, list[list]]:
    """kind → rows (the header row first) of every record of that kind, in id order."""
    labels = {kind: _labels(catalog, kind) for kind in MODELS}
    tables = {}
    for kind in kinds:
        columns = export_columns(kind, with_contact=with_contact)
        rows: list[list] = [[c.header for c in columns]]
        for record in catalog.records[kind].values():
            rows.append([cell_value(catalog, record, c, labels) for c in columns])
        tables[kind] = rows
    return tables


def write_csv(path: Path, rows: list[list]) -> None:
    """UTF-8 with BOM, so Excel and WPS open Chinese text correctly on double-click."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(csv_bytes(rows))  # formulas guarded; the importer drops the mark


def run_export(
    root: Path, output_format: str, out: Path, kinds: list[str], *, with_contact: bool = False
) -> int:
    """`catalog export`: write the sheets; exit 1 if some files had errors and were left out."""
    from catalog.load.validate import check_catalog

    result = check_catalog(root)
    tables = export_tables(result.catalog, kinds, with_contact=with_contact)
    written: list[Path] = []
    if output_format == "xlsx":
        path = out if out.suffix.lower() == ".xlsx" else out / "catalog.xlsx"
        write_xlsx(path, {KINDS[kind].name: rows for kind, rows in tables.items()})
        written.append(path)
    elif len(kinds) == 1 and out.suffix.lower() == ".csv":
        write_csv(out, tables[kinds[0]])
        written.append(out)
    else:
        for kind, rows in tables.items():
            path = out / f"{kind}.csv"
            write_csv(path, rows)
            written.append(path)
    for path in written:
        print(f"已导出 {path}")
    for kind, rows in tables.items():
        print(f"  {KINDS[kind].name}：{len(rows) - 1} 条")
    if not with_contact and any(is_personal(MODELS[kind], c.field) for kind in kinds for c in COLUMNS[kind]):
        print("（未导出个人联系方式；需要时加 --with-contact）")
    errors = result.errors
    if errors:
        print(
            f"catalog: 有 {len(errors)} 个错误，出错的记录没有导出；"
            "运行 `catalog check` 查看（errors found）",
            file=sys.stderr,
        )
        return 1
    return 0
