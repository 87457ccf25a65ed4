"""Readers are bounded in time and memory: hostile or careless sheets give a clear message.

A 5 KB xlsx with one cell at XFD1048576 or a merge A2:A1048576 once ran past two minutes
and 5 GB; an xlsx with an XML entity bomb, a 200 MB CSV. Each runs here through the real
`catalog import` in a child process held to 1 GB of memory and 60 seconds, and must end with
the problem's code, no traceback, and nothing written.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import write_catalog

LIMIT_BYTES = 1 << 30


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_BYTES, LIMIT_BYTES))


def bounded_import(root: Path, sheet: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "catalog", "--root", str(root), "import", "teacher", str(sheet)]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, preexec_fn=_limit)


def small_sheet(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["姓名", "职务", "单位", "层级", "类型", "擅长方向"])
    sheet.append(["王芳", "讲师", "区委党校", "区级", "专家学者", "政治理论"])
    book.save(path)


def patched(source: Path, target: Path, replace: dict[bytes, bytes]) -> Path:
    """A copy of an xlsx with bytes of its first worksheet's XML replaced."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                for before, after in replace.items():
                    assert before in data
                    data = data.replace(before, after)
            new.writestr(item, data)
    return target


BOMB = (
    b'<!DOCTYPE worksheet [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;'
    b'&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;'
    b'&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)


@pytest.fixture
def root(tmp_path):
    return write_catalog(tmp_path / "catalog", {})


FAR_CELL = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
HUGE_MERGE = b'</sheetData><mergeCells count="1"><mergeCell ref="A2:A1048576"/></mergeCells>'
BOMB_CELL = b'<row r="3"><c r="A3" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData>'
CASES = {
    "far-cell": ({b"</sheetData>": FAR_CELL}, "单元格 XFD1048576 在第 1048576 行第 16384 列"),
    "huge-merge": ({b"</sheetData>": HUGE_MERGE}, "合并单元格 A2:A1048576 包含 1,048,575 个单元格"),
    "entity-bomb": ({b"<worksheet": BOMB + b"<worksheet", b"</sheetData>": BOMB_CELL}, "不安全的内容"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_xlsx_is_refused_quickly_with_a_message(root, tmp_path, case):
    replace, message = CASES[case]
    small_sheet(tmp_path / "good.xlsx")
    sheet = tmp_path / f"{case}.xlsx"
    patched(tmp_path / "good.xlsx", sheet, replace)
    assert sheet.stat().st_size < 10_000  # a few kilobytes on disk
    done = bounded_import(root, sheet)
    assert done.returncode == 1, done.stdout + done.stderr
    assert message in done.stdout and "Traceback" not in done.stdout + done.stderr
    assert not (root / "teachers" / "wang-fang.yml").exists()


def test_a_huge_csv_is_refused_without_reading_it(root, tmp_path):
    big = tmp_path / "师资库.csv"
    with big.open("wb") as handle:
        handle.write("姓名,职务\n".encode())
        handle.truncate(200_000_000)  # sparse: 200 MB that cost nothing to make
    done = bounded_import(root, big)
    assert done.returncode == 1 and "表格文件太大（200 MB，上限 20 MB）" in done.stdout, done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_an_ordinary_sheet_still_imports(root, tmp_path):
    small_sheet(tmp_path / "good.xlsx")
    done = bounded_import(root, tmp_path / "good.xlsx")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (root / "teachers" / "wang-fang.yml").is_file()


def test_a_description_of_thousands_of_brackets_renders_as_typed():
    """20,000 `[` once took a build from 3 s to 140 s (Markdown's link parser is quadratic)."""
    program = (
        "from catalog.site.markdown import render_markdown\n"
        "print(render_markdown('[' * 20000 + ' [链接](https://example.cn)')[:40])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=60, preexec_fn=_limit
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("<p>" + "[" * 30)  # shown as typed, no link made of them


def bounded_orders(root: Path, *files: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "catalog", "--root", str(root), "orders", *files]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, preexec_fn=_limit)


def test_orders_refuse_what_is_not_a_regular_file(tmp_path):
    """/dev/zero once read until MemoryError and a FIFO hung `catalog orders` for ever."""
    root = write_catalog(tmp_path / "catalog", {})
    fifo = tmp_path / "点单.csv"
    os.mkfifo(fifo)  # nobody writes to it: opening it would block
    folder = tmp_path / "收到的点单"
    (folder / "河埒街道.csv").mkdir(parents=True)  # a folder named like an order
    result = bounded_orders(root, "/dev/zero", str(fifo), str(folder / "河埒街道.csv"))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    special = "这不是普通文件（管道、设备等），不会读取（not a regular file）"
    assert f"/dev/zero:1:1: error: {special}" in result.stdout
    assert f"{fifo.as_posix()}:1:1: error: {special}" in result.stdout
    assert f"{(folder / '河埒街道.csv').as_posix()}:1:1: error:" in result.stdout  # an empty folder


def test_orders_refuse_a_huge_file_without_reading_it(tmp_path):
    root = write_catalog(tmp_path / "catalog", {})
    huge = tmp_path / "党员名册.csv"
    with huge.open("wb") as out:  # sparse: 2 GB on paper, more than the memory limit
        out.truncate(2 * LIMIT_BYTES)
    result = bounded_orders(root, str(huge))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "文件太大，不像是点单表（file too large）" in result.stdout


def test_a_folder_of_orders_says_which_of_its_files_it_cannot_read(tmp_path):
    """A folder given to `catalog orders` once left a FIFO named like an order out unsaid."""
    root = write_catalog(tmp_path / "catalog", {})
    folder = tmp_path / "收到的点单"
    folder.mkdir()
    os.mkfifo(folder / "河埒街道.csv")
    result = bounded_orders(root, str(folder))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    special = "这不是普通文件（管道、设备等），不会读取（not a regular file）"
    assert f"{(folder / '河埒街道.csv').as_posix()}:1:1: error: {special}" in result.stdout
