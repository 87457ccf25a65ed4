"""Every spreadsheet the project writes shows record text as text, never as a live formula.

A course whose summary is `=HYPERLINK(...)` once reached the site's `exports/courses.csv`
as a formula for Excel/WPS. Here every text field and vocabulary value of every kind starts
with `=`, `+`, `-` or `@`; an order's free text also with a tab or a carriage return. Then
every CSV and xlsx that a build, `catalog export` and `catalog orders` write is opened and
each cell is judged as a spreadsheet program would read it.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
import yaml

from catalog import check_catalog
from catalog.core.kinds import MODELS
from catalog.core.vocabulary import VOCABULARY_FILE
from catalog.site.downloads import export_files
from tests.order_files import HEADER, order_csv
from tests.test_injection import _fit, fill, vocab_value, write_catalog

PAYLOADS = [
    '=HYPERLINK("http://x.cn","点我")',
    "+SUM(1,2)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
]
STARTS = ("=", "+", "-", "@", "\t", "\r")
CATALOG = [sys.executable, "-m", "catalog", "--root"]
PLAIN_NUMBER = re.compile(r"[+-]?[0-9][0-9 ()\-.]*")  # -5, +86 510 8512 3456: no function in it


def live_formula(cell: str) -> bool:
    """Would Excel or WPS run this CSV cell?"""
    return cell.startswith(STARTS) and not PLAIN_NUMBER.fullmatch(cell)


def csv_cells(raw: bytes) -> list[str]:
    assert raw.startswith(b"\xef\xbb\xbf")
    return [cell for row in csv.reader(io.StringIO(raw.decode("utf-8-sig"))) for cell in row]


@pytest.fixture(scope="module")
def formula_catalog(tmp_path_factory) -> Path:
    root = write_catalog(tmp_path_factory.mktemp("formulas") / "data", {})
    vocabulary = yaml.safe_load((root / VOCABULARY_FILE).read_text(encoding="utf-8"))
    for name, values in vocabulary.items():
        values.extend(vocab_value(payload, name) for payload in PAYLOADS)
    (root / VOCABULARY_FILE).write_text(yaml.safe_dump(vocabulary, allow_unicode=True), encoding="utf-8")
    for number, payload in enumerate(PAYLOADS):
        ids = {kind: f"formula-{number}" for kind in MODELS}
        for kind, model in MODELS.items():
            data = fill(model, payload, ids, kind)
            data.pop("photo", None)
            data = _fit(model, data, payload)
            (root / kind / f"formula-{number}.yml").write_text(
                yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
            )
    assert check_catalog(root).ok
    return root


def test_the_catalog_really_starts_its_text_with_formulas(formula_catalog):
    catalog = check_catalog(formula_catalog).catalog
    course = catalog.courses["formula-0"]
    assert course.summary.startswith("=HYPERLINK") and course.category.startswith("=HYPERLINK")


def test_site_downloads_hold_no_live_formula(formula_catalog):
    catalog = check_catalog(formula_catalog).catalog
    files = export_files(catalog, publish_contacts=True)
    csvs = {path: raw for path, raw in files.items() if path.endswith(".csv")}
    assert sorted(csvs) == sorted(f"exports/{kind}.csv" for kind in MODELS)
    for path, raw in csvs.items():
        cells = csv_cells(raw)
        for payload in PAYLOADS:  # the text is there, shown, with its guard
            assert any(cell.startswith("'" + payload) for cell in cells), (path, payload)
        assert [c for c in cells if live_formula(c)] == [], path


def test_catalog_export_csv_and_xlsx_hold_no_live_formula(formula_catalog, tmp_path):
    for fmt, out in (("csv", tmp_path / "csv"), ("xlsx", tmp_path / "book.xlsx")):
        done = subprocess.run(
            [*CATALOG, str(formula_catalog), "export", "--format", fmt, "--out", str(out), "--with-contact"],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
    for path in sorted((tmp_path / "csv").glob("*.csv")):
        cells = csv_cells(path.read_bytes())
        assert any(c.startswith("'=HYPERLINK") for c in cells), path
        assert [c for c in cells if live_formula(c)] == [], path
    book = openpyxl.load_workbook(tmp_path / "book.xlsx")
    seen = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                seen += isinstance(cell.value, str) and cell.value.startswith("=HYPERLINK")
    assert seen >= len(MODELS)  # shown as written, as text


def test_dispatch_csv_and_plan_hold_no_live_formula(formula_catalog, tmp_path):
    """Units' orders come back with formulas in every text, guarded with `'` as order.js
    writes them (the guard is taken off when they are read); `catalog orders` must guard
    them again in dispatch.csv and in the plan the department edits."""
    notes = [*PAYLOADS, "\t=1+1", "\r=1+1", "-5", "+86 510 8512 3456"]
    guard = {"-5": "-5", "+86 510 8512 3456": "+86 510 8512 3456"}  # numbers are not guarded
    rows = [  # eight units (one item each: the same item twice in one order would be two versions)
        {"unit": f"'{payload}{n}", "contact": "'@张三", "phone": "+86 510 8512 3456", "kind": "课程"}
        | {"id": "formula-0", "name": "x", "date_from": "2026-12-10", "date_to": "2026-12-10"}
        | {"participants": 20, "note": guard.get(note, "'" + note)}
        for n, (payload, note) in enumerate(zip(PAYLOADS * 2, notes, strict=True))
    ]
    order = tmp_path / "order.csv"
    order.write_bytes(order_csv(rows, header=HEADER[1:]))  # as written before order numbers
    done = subprocess.run(
        [*CATALOG, str(formula_catalog), "orders", str(order), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    raw = (tmp_path / "out" / "dispatch.csv").read_bytes()
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header, lines = table[0], table[1:]
    column = {name: [line[header.index(name)] for line in lines] for name in header}
    assert sorted(column["单位名称"]) == sorted(f"'{p}{n}" for n, p in enumerate(PAYLOADS * 2))
    assert column["联系人"] == ["'@张三"] * 8
    assert column["联系电话"] == ["+86 510 8512 3456"] * 8  # numbers stay numbers
    shown = ["'" + payload for payload in PAYLOADS] + ["-5", "+86 510 8512 3456"]
    assert [note for note in shown if note not in column["备注"]] == []
    assert column["备注"].count("'=1+1") == 2  # the guard came off before the tab and CR went
    assert [cell for line in table for cell in line if live_formula(cell)] == []
    plan = openpyxl.load_workbook(tmp_path / "out" / "派单计划.xlsx")  # the sheet the department edits
    texts = [cell for sheet in plan.worksheets for row in sheet.iter_rows() for cell in row if cell.value]
    assert [c.coordinate for c in texts if c.data_type == "f"] == []
    assert any(str(c.value).startswith("'=HYPERLINK") for c in texts)
