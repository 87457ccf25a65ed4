"""Reading order CSVs back (`catalog orders`): demand, conflicts and every malformed row."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys

import pytest

from catalog.cli import main
from catalog.load.validate import check_catalog
from catalog.orders.dispatch import summarise
from catalog.orders.format import ORDER_FORMAT
from catalog.orders.reading import read_order_csv, read_orders
from catalog.orders.report import render_csv, render_markdown, render_text

# The header row of an order CSV, as units' browsers write it (catalog/site/assets/order.js).
HEADER = "单位名称,联系人,联系电话,类型,编号,名称,开始日期,结束日期,人数,备注"
ARCHIVED = {
    "courses/old-course.yml": """
        title: 停用的旧课
        category: 党史学习
        summary: 已停用。
        hours: 1
        formats: [讲授式]
        audiences: [新党员]
        teachers: [li-ming]
        status: archived
        reviewed: 2026-01-10
    """
}


def browser_csv(*lines: str) -> bytes:
    """An order file as the site's 我的点单 exports it: UTF-8 with BOM, the header, CRLF."""
    return "".join(f"{line}\r\n" for line in ("\ufeff" + HEADER, *lines)).encode("utf-8")


A = "蠡园街道党工委"
B = "马山街道党工委"
C = "华庄街道党工委"
UNIT_A = f"{A},联系人甲,0510-8000000"  # the unit's three fields, repeated on every line
UNIT_B = f"{B},联系人乙,0510-8000001"
UNIT_C = f"{C},联系人丙,0510-8000002"


@pytest.fixture
def catalog_root(make_catalog):
    return make_catalog(ARCHIVED)


@pytest.fixture
def catalog(catalog_root):
    result = check_catalog(catalog_root)
    assert result.ok, result.problems
    return result.catalog


@pytest.fixture
def good_files(tmp_path):
    """Three units' orders: A's as exported, B's with the kinds retyped by hand (a folder
    name, an English singular), C's re-saved by Excel as GB18030 (no BOM, dates as 2026/6/20)."""
    a = tmp_path / "a.csv"
    a.write_bytes(
        browser_csv(
            f"{UNIT_A},课程,party-history,百年党史中的初心使命,2026-05-10,2026-05-12,30,上午开课",
            f"{UNIT_A},教学路线,red-line,立心铸魂线,2026-06-01,,20,",
        )
    )
    b = tmp_path / "b.csv"
    b.write_bytes(
        browser_csv(
            f"{UNIT_B},teachers,li-ming,李明,2026-05-11,2026-05-14,25,",
            f"{UNIT_B},course,party-history,百年党史中的初心使命,2026-07-01,,40,",
        )
    )
    c = tmp_path / "c-gb18030.csv"
    c.write_bytes(
        f"{HEADER}\r\n{UNIT_C},教学点位,hall-b,马山党群服务中心,2026/6/20,,10,\r\n".encode("gb18030")
    )
    return [a, b, c]


def test_an_exported_order_reads_back_without_its_formula_guard(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(
        b"\xef\xbb\xbf"
        + HEADER.encode()
        + b"\r\n"
        + f"{UNIT_A},教学路线,red-line,立心铸魂线,,,5,'=1+1\r\n".encode()
    )
    [row], problems = read_order_csv(path)
    assert problems == []
    assert (row.unit, row.contact, row.phone, row.kind, row.id, row.note, row.participants, row.line) == (
        A,
        "联系人甲",
        "0510-8000000",
        "routes",
        "red-line",
        "=1+1",  # the browser's guard against spreadsheet formulas is taken off
        5,
        2,
    )


def test_order_format_is_json_for_the_site():
    data = json.loads(json.dumps(ORDER_FORMAT, ensure_ascii=False))
    assert [c["label"] for c in data["columns"]] == HEADER.split(",")
    assert data["kinds"]["routes"] == "教学路线"


def test_combined_demand_from_three_units(good_files, catalog):
    rows, problems = read_orders(good_files, catalog)
    assert problems == []
    assert len(rows) == 5
    dispatch = summarise(rows, catalog)
    [course] = dispatch.demands["courses"]
    assert course.record.id == "party-history"
    assert course.units == sorted([A, B])
    assert course.participants == 70
    [site] = dispatch.demands["sites"]
    [c_row] = site.rows
    assert (c_row.unit, c_row.date_from, c_row.participants) == (C, dt.date(2026, 6, 20), 10)
    assert dispatch.units == sorted([A, B, C])

    text = render_text(dispatch)
    assert "派单汇总" in text
    assert "百年党史中的初心使命（party-history）：2 个单位，2 条，合计 70 人" in text
    assert "马山党群服务中心（hall-b）：1 个单位，1 条，合计 10 人，容量 40" in text


def test_teacher_wanted_by_two_units_on_overlapping_days_is_a_conflict(good_files, catalog):
    rows, _ = read_orders(good_files, catalog)
    dispatch = summarise(rows, catalog)
    # A's course (taught by li-ming, 05-10..12) overlaps B's direct request for li-ming (05-11..14).
    # B's own course on 07-01 and A's route / C's site on different days do not conflict.
    [conflict] = dispatch.conflicts
    assert (conflict.kind, conflict.record.id) == ("teachers", "li-ming")
    assert (conflict.start, conflict.end) == (dt.date(2026, 5, 10), dt.date(2026, 5, 14))
    assert [(u.row.unit, u.via.id if u.via else None) for u in conflict.uses] == [
        (A, "party-history"),
        (B, None),
    ]
    text = render_text(dispatch)
    conflicts = text[text.index("【冲突】") :]
    assert "师资 李明（li-ming）：2026-05-10 至 2026-05-14，2 个单位的需求重叠" in conflicts
    assert "经由课程 百年党史中的初心使命（party-history）" in conflicts
    assert "2026-07-01" not in conflicts


def _conflicts(tmp_path, catalog, *lines: str):
    path = tmp_path / "pair.csv"
    path.write_bytes(browser_csv(*lines))
    rows, problems = read_orders([path], catalog)
    assert problems == []
    return summarise(rows, catalog).conflicts


def test_no_conflict_when_dates_do_not_overlap(tmp_path, catalog):
    conflicts = _conflicts(
        tmp_path,
        catalog,
        f"{UNIT_A},课程,party-history,百年党史中的初心使命,2026-05-10,2026-05-12,,",
        f"{UNIT_B},师资,li-ming,李明,2026-05-13,2026-05-14,,",
    )
    assert conflicts == []


def test_route_stop_and_same_day_count_as_overlap(tmp_path, catalog):
    conflicts = _conflicts(
        tmp_path,
        catalog,
        f"{UNIT_A},教学路线,red-line,立心铸魂线,2026-06-01,,,",
        f"{UNIT_B},教学点位,hall-b,马山党群服务中心,2026-05-30,2026-06-01,,",
    )
    [conflict] = conflicts
    assert (conflict.kind, conflict.record.id) == ("sites", "hall-b")
    assert conflict.units == sorted([A, B])


def test_same_unit_twice_is_not_a_conflict(tmp_path, catalog):
    path = tmp_path / "one.csv"
    path.write_bytes(
        browser_csv(
            f"{UNIT_A},课程,party-history,百年党史中的初心使命,2026-05-10,,,",
            f"{UNIT_A},师资,li-ming,李明,2026-05-10,,,",
        )
    )
    rows, _ = read_orders([path], catalog)
    assert summarise(rows, catalog).conflicts == []


COURSE = f"{A},王芳,0510-1,课程,party-history,百年党史中的初心使命"
MALFORMED = "\r\n".join(
    [
        HEADER,
        f"{A},王芳,0510-1,课程,party-histroy,百年党史中的初心使命,2026-05-10,,30,",  # 2 unknown id
        f"{A},王芳,0510-1,课程,li-ming,李明,2026-05-10,,30,",  # 3 id of a teacher
        f"{A},王芳,0510-1,课程,old-course,停用的旧课,2026-05-10,,30,",  # 4 archived: warning only
        f"{COURSE},2026-13-01,,30,",  # 5 no such month
        f"{COURSE},2026-05-10,2026-05-01,30,",  # 6 end before start
        f"{COURSE},2026-05-10,,三十,",  # 7 not an integer
        f"{COURSE},2026-05-10,,-5,",  # 8 negative
        ",王芳,0510-1,课程,party-history,百年党史中的初心使命,2026-05-10,,30,",  # 9 missing unit
        f'{COURSE},2026-05-10,,30,"两行的',  # 10-11 quoted note
        '备注"',
        f"{A},王芳,0510-1,讲座,party-history,百年党史中的初心使命,2026-05-10,,30,",  # 12 unknown kind
        f"{A},王芳,0510-1,课程,party-history,百年,党史中的初心使命,2026-05-10,,30,",  # 13 stray comma
        "",
    ]
)


def test_every_malformed_row_is_reported_with_file_line_and_column(tmp_path, catalog):
    path = tmp_path / "bad.csv"
    path.write_bytes(MALFORMED.encode("utf-8"))  # hand-written: no BOM
    rows, problems = read_order_csv(path, catalog)
    shown = path.as_posix()
    assert {p.path for p in problems} == {shown}
    found = {(p.line, p.column, p.severity.value, p.code) for p in problems}
    assert found == {
        (2, 5, "error", "order-unknown-id"),
        (3, 4, "error", "order-kind-mismatch"),
        (4, 5, "warning", "order-archived"),
        (5, 7, "error", "order-bad-date"),
        (6, 8, "error", "order-date-order"),
        (7, 9, "error", "order-bad-participants"),
        (8, 9, "error", "order-bad-participants"),
        (9, 1, "error", "order-missing-unit"),
        (12, 4, "error", "order-unknown-kind"),
        (13, 11, "error", "order-extra-cells"),
    }
    unknown = next(p for p in problems if p.code == "order-unknown-id")
    assert "party-history" in unknown.hint
    assert [(r.line, r.id) for r in rows] == [(4, "old-course"), (10, "party-history")]
    assert rows[1].note == "两行的 备注"


@pytest.mark.parametrize(
    ("content", "code", "line"),
    [
        ("单位,课程\r\n甲,乙\r\n".encode("gb18030"), "order-no-header", 1),
        ("\ufeff单位名称,类型,名称\r\n甲,课程,x\r\n".encode(), "order-missing-column", 1),
        (b"", "order-empty", 1),
        (b"PK\x03\x04 zipped workbook", "order-not-csv", 1),
        (HEADER.encode() + b"\r\n\xff\xfe\xff,x\r\n", "encoding", 2),  # one code for every file
    ],
)
def test_unreadable_files_are_reported_not_skipped(tmp_path, catalog, content, code, line):
    path = tmp_path / "broken.csv"
    path.write_bytes(content)
    rows, problems = read_order_csv(path, catalog)
    assert rows == []
    assert [(p.path, p.line, p.code, p.is_error) for p in problems] == [(path.as_posix(), line, code, True)]


def test_repeated_row_counted_once_with_warning(tmp_path, catalog):
    data = browser_csv(f"{UNIT_A},课程,party-history,百年党史中的初心使命,,,30,")
    first, second = tmp_path / "a.csv", tmp_path / "a-again.csv"
    first.write_bytes(data)
    second.write_bytes(data)
    rows, problems = read_orders([first, second], catalog)
    assert len(rows) == 1
    [problem] = problems
    assert (problem.path, problem.line, problem.code) == (second.as_posix(), 2, "order-duplicate")
    assert f"{first.as_posix()}:2" in problem.message


def test_reports_escape_what_units_typed(tmp_path, catalog):
    path = tmp_path / "x.csv"
    nasty = "<script>alert(1)</script>|党委"
    path.write_bytes(
        browser_csv(f"{nasty},联系人甲,0510-8000000,课程,party-history,百年党史,,,,'=cmd|' /C calc'!A0")
    )
    rows, _ = read_orders([path], catalog)
    dispatch = summarise(rows, catalog)
    markdown = render_markdown(dispatch)
    assert "<script>" not in markdown and "&lt;script&gt;" in markdown
    assert "\\|党委" in markdown
    table = list(csv.reader(io.StringIO(render_csv(dispatch).decode("utf-8-sig"))))
    assert table[1][table[0].index("备注")] == "'=cmd|' /C calc'!A0"


def test_main_exits_0_when_every_row_is_read(good_files, catalog_root, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["orders", *map(str, good_files), "--root", str(catalog_root), "--out", str(out)])
    assert code == 0
    assert "点单读取完毕：全部 5 条可用，0 个警告。" in capsys.readouterr().out
    table = list(csv.reader(io.StringIO((out / "dispatch.csv").read_bytes().decode("utf-8-sig"))))
    assert len(table) == 6
    teacher_row = next(r for r in table if r[0] == "师资")
    assert teacher_row[table[0].index("冲突")] == f"师资 李明（li-ming）与 {A} 重叠"


def test_cli_prints_summary_conflict_and_problems(good_files, catalog_root, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(MALFORMED.encode("utf-8"))
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "catalog", "--root", str(catalog_root), "orders",
         *map(str, good_files), str(bad), "--out", str(out)],
        capture_output=True,
        text=True,
    )  # fmt: skip
    assert result.returncode == 1, result.stdout + result.stderr
    stdout = result.stdout
    assert f"{bad.as_posix()}:2:5: error: 目录里没有编号为 party-histroy 的课程" in stdout
    assert "派单汇总" in stdout
    # the good rows of bad.csv (archived course, two-line note) are still summarised
    assert "百年党史中的初心使命（party-history）：2 个单位，3 条，合计 100 人" in stdout
    assert "师资 李明（li-ming）" in stdout[stdout.index("【冲突】") :]
    assert (out / "dispatch.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    markdown = (out / "dispatch.md").read_text(encoding="utf-8")
    assert "## 冲突" in markdown and "| 单位 | 日期 | 经由 | 来源 |" in markdown


@pytest.mark.parametrize(
    "spelling", ["2026-05-10", "2026/5/10", "2026年5月10日", "2026.5.10", "2026/5/10 0:00"]
)
def test_dates_as_spreadsheets_rewrite_them(tmp_path, spelling):
    path = tmp_path / "d.csv"
    path.write_bytes(browser_csv(f"{UNIT_A},课程,party-history,百年党史中的初心使命,{spelling},,,"))
    [row], problems = read_order_csv(path)
    assert problems == []
    assert (row.date_from, row.date_to) == (dt.date(2026, 5, 10), None)


def test_folders_and_patterns_expand_to_their_csv_files(tmp_path):
    from catalog.orders.command import expand

    folder = tmp_path / "收到的点单"
    folder.mkdir()
    for name in ("b.csv", "a.CSV", "readme.txt"):
        (folder / name).write_text("x", encoding="utf-8")
    paths, problems = expand([str(folder), str(folder / "*.csv"), str(tmp_path / "none" / "*.csv")])
    assert [p.name for p in paths] == ["a.CSV", "b.csv"]
    assert [p.code for p in problems] == ["order-missing-file"]
