"""Reading order CSVs back (`catalog orders`): demand, clashes once each, every malformed row."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import pathlib
import subprocess
import sys

import openpyxl
import pytest

from catalog.cli import main
from catalog.load.validate import check_catalog
from catalog.orders.dispatch import summarise
from catalog.orders.format import ORDER_COLUMNS, ORDER_FORMAT
from catalog.orders.reading import read_order_csv, read_orders
from catalog.orders.report import render_csv, render_markdown, render_text
from tests.order_files import HEADER as ORDER_HEADER
from tests.order_files import number, order_csv, unit_row

HEADER = ",".join(label for _, label in ORDER_COLUMNS)
EXTRA = {
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
    """,
    "teachers/wang-fang.yml": """
        name: 王芳
        post: 社区书记
        organisation: 蠡园街道
        level: 区级
        type: 党组织书记
        directions: [政治理论]
        reviewed: 2026-01-10
    """,
    "courses/team-course.yml": """
        title: 两位老师、两个点位的课
        category: 党史学习
        summary: 可由李明或王芳讲，在两个点位之一开课。
        hours: 2
        formats: [讲授式]
        audiences: [新党员]
        teachers: [li-ming, wang-fang]
        sites: [hall-a, hall-b]
        reviewed: 2026-01-10
    """,
}

A = "蠡园街道党工委"
B = "马山街道党工委"
C = "华庄街道党工委"


@pytest.fixture
def catalog_root(make_catalog):
    return make_catalog(EXTRA)


@pytest.fixture
def catalog(catalog_root):
    result = check_catalog(catalog_root)
    assert result.ok, result.problems
    return result.catalog


@pytest.fixture
def good_files(tmp_path):
    """Three units' orders: UTF-8 with BOM (two) and GB18030 as re-saved by Excel (one)."""
    a = tmp_path / "a.csv"
    a.write_bytes(
        order_csv(
            [
                unit_row(A, kind="课程", id="party-history", name="百年党史中的初心使命",
                         date_from="2026-12-10", date_to="2026-12-12", participants=30, note="上午开课"),
                unit_row(A, kind="教学路线", id="red-line", name="立心铸魂线", date_from="2027-01-04",
                         participants=20),
            ]
        )
    )  # fmt: skip
    b = tmp_path / "b.csv"
    b.write_bytes(
        order_csv(
            [
                unit_row(B, kind="teachers", id="li-ming", name="李明",
                         date_from="2026-12-11", date_to="2026-12-14", participants=25),
                unit_row(B, kind="course", id="party-history", name="百年党史中的初心使命",
                         date_from="2027-02-01", participants=40),
            ]
        )
    )  # fmt: skip
    c = tmp_path / "c-gb18030.csv"
    row = unit_row(C, kind="教学点位", id="hall-b", name="马山党群服务中心", date_from="2026-12-20")
    row["participants"] = 10
    text = order_csv([row]).decode("utf-8-sig")
    # Excel also rewrites dates as 2026/12/20 when it re-saves a CSV.
    c.write_bytes(text.replace("2026-12-20", "2026/12/20").encode("gb18030"))
    return [a, b, c]


def test_an_exported_order_reads_back_without_its_formula_guard(tmp_path):
    row = unit_row(A, kind="教学路线", id="red-line", name="立心铸魂线", note="'=1+1", participants=5)
    path = tmp_path / "x.csv"
    path.write_bytes(order_csv([row]))
    [row], problems = read_order_csv(path)
    assert problems == []
    assert (row.number, row.unit, row.kind, row.id, row.note, row.participants, row.line) == (
        number(A),
        A,
        "routes",
        "red-line",
        "=1+1",  # the browser's guard against spreadsheet formulas is taken off
        5,
        2,
    )


def test_order_format_is_json_for_the_site():
    data = json.loads(json.dumps(ORDER_FORMAT, ensure_ascii=False))
    assert [c["label"] for c in data["columns"]] == ORDER_HEADER
    assert data["kinds"]["routes"] == "教学路线"
    checks = {(rule["check"], rule["field"]) for rule in data["rules"]}
    assert {("required", "unit"), ("required", "contact"), ("required", "phone")} <= checks
    assert {("after", "date_to"), ("not_before_order", "date_from"), ("capacity", "participants")} <= checks
    message = data["messages"]["order-date-order"][""]["message"]
    assert message == "结束日期 {end} 早于开始日期 {start}"  # the terminal's English gloss left out


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
    assert (c_row.unit, c_row.number, c_row.date_from, c_row.participants) == (
        C,
        number(C),
        dt.date(2026, 12, 20),
        10,
    )
    assert dispatch.units == sorted([A, B, C])

    text = render_text(dispatch, catalog)
    assert "派单汇总" in text
    assert "百年党史中的初心使命（party-history）：2 个单位，2 条，合计 70 人" in text
    assert "马山党群服务中心（hall-b）：1 个单位，1 条，合计 10 人，容量 40" in text
    assert f"  - {number(A)} {A}：2026-12-10 至 2026-12-12，30 人" in text


def test_teacher_wanted_by_two_units_on_overlapping_days_is_to_coordinate(good_files, catalog):
    rows, _ = read_orders(good_files, catalog)
    dispatch = summarise(rows, catalog)
    # A's course (taught by li-ming at hall-a, 12-10..12) overlaps B's direct request for li-ming
    # (12-11..14). Nothing is decided yet, so it is to coordinate, not a conflict.
    assert dispatch.conflicts == []
    [clash] = dispatch.to_coordinate
    assert clash.shared == (("teachers", "li-ming"),)
    assert (clash.start, clash.end) == (dt.date(2026, 12, 10), dt.date(2026, 12, 14))
    assert [(item.number, item.entry.id) for item in clash.items] == [
        (number(A), "party-history"),
        (number(B), "li-ming"),
    ]
    text = render_text(dispatch, catalog)
    coordinate = text[text.index("【待协调】") :]
    assert "【冲突】：无" in text
    assert "2026-12-10 至 2026-12-14：2 张点单同期需要师资 李明（li-ming）" in coordinate
    assert f"{number(B)} {B}：师资 李明，2026-12-11 至 2026-12-14（待安排）" in coordinate
    assert "2027-02-01" not in coordinate


def _clashes(tmp_path, catalog, first: dict, second: dict, plan=None):
    path = tmp_path / "pair.csv"
    path.write_bytes(order_csv([unit_row(A, **first), unit_row(B, **second)]))
    rows, problems = read_orders([path], catalog)
    assert problems == []
    return summarise(rows, catalog, plan=plan).clashes


def test_two_identical_orders_of_a_course_with_two_teachers_and_two_sites_are_one_clash(tmp_path, catalog):
    same = {"kind": "课程", "id": "team-course", "date_from": "2026-12-10", "participants": 20}
    [clash] = _clashes(tmp_path, catalog, same, same)
    assert clash.shared == (
        ("teachers", "li-ming"),
        ("teachers", "wang-fang"),
        ("sites", "hall-a"),
        ("sites", "hall-b"),
    )
    assert not clash.confirmed


def test_no_clash_when_dates_do_not_overlap(tmp_path, catalog):
    found = _clashes(
        tmp_path,
        catalog,
        {"kind": "课程", "id": "party-history", "date_from": "2026-12-10", "date_to": "2026-12-12"},
        {"kind": "师资", "id": "li-ming", "date_from": "2026-12-13", "date_to": "2026-12-14"},
    )
    assert found == []


def test_route_stop_and_same_day_count_as_overlap(tmp_path, catalog):
    [clash] = _clashes(
        tmp_path,
        catalog,
        {"kind": "教学路线", "id": "red-line", "date_from": "2027-01-04"},
        {"kind": "教学点位", "id": "hall-b", "date_from": "2027-01-02", "date_to": "2027-01-04"},
    )
    assert clash.shared == (("sites", "hall-b"),)
    assert clash.orders == sorted([number(A), number(B)])


def test_items_of_one_order_do_not_clash(tmp_path, catalog):
    path = tmp_path / "one.csv"
    path.write_bytes(
        order_csv(
            [
                unit_row(A, kind="课程", id="party-history", date_from="2026-12-10"),
                unit_row(A, kind="师资", id="li-ming", date_from="2026-12-10"),
            ]
        )
    )
    rows, _ = read_orders([path], catalog)
    assert summarise(rows, catalog).clashes == []


COURSE = "课程,party-history,百年党史中的初心使命"
N = number(A, tail="m4hf")  # not the number of good_files' a.csv
UNIT = f"{N},{A},王芳,0510-1"
MALFORMED = "\r\n".join(
    [
        HEADER,
        f"{UNIT},课程,party-histroy,百年党史中的初心使命,2026-12-10,,30,",  # 2 unknown id
        f"{UNIT},课程,li-ming,李明,2026-12-10,,30,",  # 3 id of a teacher
        f"{UNIT},课程,old-course,停用的旧课,2026-12-10,,30,",  # 4 archived: warning only
        f"{UNIT},{COURSE},2026-13-01,,30,",  # 5 no such month
        f"{UNIT},{COURSE},2026-12-10,2026-12-01,30,",  # 6 end before start
        f"{UNIT},{COURSE},2026-12-10,,三十,",  # 7 not an integer
        f"{UNIT},{COURSE},2026-12-10,,-5,",  # 8 negative
        f"{N},,王芳,0510-1,{COURSE},2026-12-10,,30,",  # 9 missing unit (so no unit mark either)
        f'{UNIT},{COURSE},2026-12-10,,30,"两行的',  # 10-11 quoted note
        '备注"',
        f"{UNIT},讲座,party-history,百年党史中的初心使命,2026-12-10,,30,",  # 12 unknown kind
        f"{UNIT},课程,party-history,百年,党史中的初心使命,2026-12-10,,30,",  # 13 stray comma
        f"{UNIT},{COURSE},2026-11-02,,30,",  # 14 before the order's day (2026-11-20)
        f"{UNIT},{COURSE},2026-12-10,,81,",  # 15 the course states no capacity: any number
        f"{N},{A},,0510-1,教学路线,red-line,立心铸魂线,2026-12-10,,61,",  # 16 no contact; over 40
        f"20261120-xxxx,{A},王芳,0510-1,{COURSE},2026-12-10,,30,",  # 17 not a number of ours
        f"{N},{B},王芳,0510-1,{COURSE},2026-12-10,,30,",  # 18 A's number, B's name
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
        (2, 6, "error", "order-unknown-id"),
        (3, 5, "error", "order-kind-mismatch"),
        (4, 6, "warning", "order-refused"),
        (5, 8, "error", "order-bad-date"),
        (6, 9, "error", "order-date-order"),
        (7, 10, "error", "order-bad-participants"),
        (8, 10, "error", "order-bad-participants"),
        (9, 2, "error", "order-missing-field"),
        (12, 5, "error", "order-unknown-kind"),
        (13, 12, "error", "order-extra-cells"),
        (14, 8, "error", "order-date-past"),
        (16, 3, "error", "order-missing-field"),
        (16, 10, "error", "order-over-capacity"),
        (17, 1, "error", "order-bad-number"),
        (18, 2, "warning", "order-number-unit"),
    }
    unknown = next(p for p in problems if p.code == "order-unknown-id")
    assert "party-history" in unknown.hint
    by_line = {p.line: p for p in problems}
    assert by_line[5].message == "开始日期“2026-13-01”不是真实存在的日期（no such day）"
    assert by_line[14].message == "开始日期 2026-11-02 早于点单日期 2026-11-20（date in the past）"
    capacity = next(p for p in problems if p.code == "order-over-capacity")
    assert capacity.message == "人数 61 超过容量 40 人（over capacity）"  # the route's smallest site
    assert [(r.line, r.id) for r in rows] == [(4, "old-course"), (10, "party-history"), (15, "party-history"),
                                             (18, "party-history")]  # fmt: skip
    assert rows[1].note == "两行的 备注"


def test_one_number_is_one_units_order(tmp_path, catalog):
    first, second = tmp_path / "a.csv", tmp_path / "a-changed.csv"
    first.write_bytes(order_csv([unit_row(A, kind="课程", id="party-history", participants=30)]))
    other_unit = {**unit_row(A, kind="师资", id="li-ming"), "unit": B}  # B's name under A's number
    second.write_bytes(order_csv([unit_row(A, kind="课程", id="party-history", participants=35), other_unit]))
    rows, problems = read_orders([first, second], catalog)
    assert [(r.path, r.line) for r in rows] == [(first.as_posix(), 2)]
    found = {(p.path, p.line, p.code) for p in problems if p.is_error}
    assert found == {
        (second.as_posix(), 2, "order-two-versions"),
        (second.as_posix(), 3, "order-number-shared"),
    }
    versions = next(p for p in problems if p.code == "order-two-versions")
    assert f"{first.as_posix()}:2" in versions.message


def test_a_file_without_numbers_gets_one_per_unit_the_same_every_time(tmp_path, catalog):
    old = ORDER_HEADER[1:]  # the order CSV before it had 单号
    path = tmp_path / "old.csv"
    rows = [unit_row(A, kind="课程", id="party-history"), unit_row(B, kind="师资", id="li-ming")]
    path.write_bytes(order_csv(rows, header=old))
    day = dt.datetime(2026, 11, 25, 9, 0).timestamp()
    os.utime(path, (day, day))
    rows, problems = read_order_csv(path, catalog)
    assert [(p.line, p.code) for p in problems] == [(1, "order-missing-column"), (2, "order-no-number"),
                                                    (3, "order-no-number")]  # fmt: skip
    assert [r.number[:14] for r in rows] == [number(A, "20261125")[:14], number(B, "20261125")[:14]]
    assert all(r.number_derived for r in rows)
    again, _ = read_order_csv(path, catalog)
    assert [r.number for r in again] == [r.number for r in rows]


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
    data = order_csv([unit_row(A, kind="课程", id="party-history", participants=30)])
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
    row = unit_row(nasty, kind="课程", id="party-history", note="'=cmd|' /C calc'!A0")
    path.write_bytes(order_csv([row]))
    rows, _ = read_orders([path], catalog)
    dispatch = summarise(rows, catalog)
    markdown = render_markdown(dispatch, catalog)
    assert "<script>" not in markdown and "&lt;script&gt;" in markdown
    assert "\\|党委" in markdown
    table = list(csv.reader(io.StringIO(render_csv(dispatch, catalog).decode("utf-8-sig"))))
    assert table[1][table[0].index("备注")] == "'=cmd|' /C calc'!A0"


def test_main_exits_0_and_writes_summary_plan_and_sheet(good_files, catalog_root, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["orders", *map(str, good_files), "--root", str(catalog_root), "--out", str(out)])
    assert code == 0
    printed = capsys.readouterr().out
    assert "点单读取完毕：全部 5 条可用，0 个警告。" in printed
    assert "派单计划：新增 5 项待安排，0 项按单位新发的点单更新了内容；已有的决定都保留。" in printed
    table = list(csv.reader(io.StringIO((out / "dispatch.csv").read_bytes().decode("utf-8-sig"))))
    assert len(table) == 6
    teacher_row = next(r for r in table if r[1] == "师资")
    assert teacher_row[0] == number(B)
    clash = f"待协调：与 {number(A)} 同期需要师资 李明（li-ming）"
    assert teacher_row[table[0].index("冲突与待协调")] == clash
    assert sorted(p.name for p in (catalog_root / "dispatch").iterdir()) == sorted(
        f"{number(unit)}.yml" for unit in (A, B, C)
    )
    sheet = openpyxl.load_workbook(out / "派单计划.xlsx")["派单计划"]
    assert sheet.max_row == 6  # the header and one row per item
    assert {row[13] for row in sheet.iter_rows(min_row=2, values_only=True)} == {"待安排"}


def test_cli_prints_summary_clash_and_problems(good_files, catalog_root, tmp_path):
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
    assert f"{bad.as_posix()}:2:6: error: 目录里没有编号为 party-histroy 的课程" in stdout
    assert "派单汇总" in stdout
    # the good rows of bad.csv (archived course, two-line note, …) are still summarised
    # (line 15 is a second version of line 10's item, line 18 another unit under its number)
    assert "百年党史中的初心使命（party-history）：2 个单位，3 条，合计 100 人" in stdout
    again = f"{bad.as_posix()}:15:6: error: 单号 {N} 的课程 party-history 在 {bad.as_posix()}:10 里已有"
    assert again in stdout
    assert "师资 李明（li-ming）" in stdout[stdout.index("【待协调】") :]
    assert (out / "dispatch.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    markdown = (out / "dispatch.md").read_text(encoding="utf-8")
    assert "## 冲突" in markdown and "## 待协调" in markdown


@pytest.mark.parametrize(
    "spelling", ["2026-12-10", "2026/12/10", "2026年12月10日", "2026.12.10", "2026/12/10 0:00"]
)
def test_dates_as_spreadsheets_rewrite_them(tmp_path, spelling):
    path = tmp_path / "d.csv"
    path.write_bytes(order_csv([unit_row(A, kind="课程", id="party-history", date_from=spelling)]))
    [row], problems = read_order_csv(path)
    assert problems == []
    assert (row.date_from, row.date_to) == (dt.date(2026, 12, 10), None)


def test_folders_and_patterns_expand_to_their_csv_files(tmp_path):
    from catalog.orders.command import expand

    folder = tmp_path / "收到的点单"
    folder.mkdir()
    for name in ("b.csv", "a.CSV", "readme.txt"):
        (folder / name).write_text("x", encoding="utf-8")
    paths, problems = expand([str(folder), str(folder / "*.csv"), str(tmp_path / "none" / "*.csv")])
    assert [p.name for p in paths] == ["a.CSV", "b.csv"]
    assert [p.code for p in problems] == ["order-missing-file"]


def _many_units_one_teacher(folder: pathlib.Path, count: int) -> None:
    folder.mkdir(parents=True)
    for i in range(count):
        unit = f"第{i}党支部"
        day = f"202611{1 + i % 28:02d}"  # order days apart, so that no two numbers collide
        row = unit_row(
            unit, day, kind="师资", id="li-ming", name="李明", date_from="2026-12-10", participants=10
        )
        (folder / f"{i}.csv").write_bytes(order_csv([row]))


def test_many_units_asking_one_teacher_stay_linear(catalog_root, tmp_path, capsys):
    """10,000 units asking for one teacher on one day once gave a 1.3 GB dispatch.csv: every
    row named every other order. Now a row names ten and counts the rest, the summary lists
    fifty items of the clash: ten times the units, about ten times the output, not a hundred."""
    sizes = {}
    for count in (200, 2000):
        _many_units_one_teacher(tmp_path / f"in{count}", count)
        out = tmp_path / f"out{count}"
        code = main(["orders", str(tmp_path / f"in{count}"), "--root", str(catalog_root), "--out", str(out)])
        printed = capsys.readouterr().out
        assert code == 0, printed
        assert "【待协调】：1 处" in printed and f"……另有 {count - 50} 项" in printed
        csv_bytes = (out / "dispatch.csv").read_bytes()
        assert f"等 {count - 1} 张点单".encode() in csv_bytes
        sizes[count] = len(csv_bytes) + len(printed.encode())
    assert sizes[2000] < 15 * sizes[200], sizes  # squared would be ~100 times
    assert sizes[2000] < 2_000_000
