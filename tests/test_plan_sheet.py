"""派单计划.xlsx: written by `catalog orders --out`, edited as the department would, read back
by `catalog plan`; round trips without loss, keeps decisions on re-runs, bad cells reported
at their row and column with nothing written."""

from __future__ import annotations

import datetime as dt
import shutil

import openpyxl
import pytest

from catalog.cli import main
from catalog.load.validate import check_catalog
from tests.order_files import number, order_csv, unit_row
from tests.test_orders import EXTRA, A, B, C

HEADERS = [
    "单号", "单位名称", "联系人", "联系电话", "类型", "编号", "名称", "希望开始日期", "希望结束日期",
    "人数", "容量", "单位备注", "冲突与待协调",
    "状态", "确认开始日期", "确认结束日期", "派出师资", "安排点位", "答复说明",
]  # fmt: skip


@pytest.fixture
def project(make_catalog, tmp_path):
    """A catalog, two units' orders read with --out: (root, out folder, the orders)."""
    root = make_catalog(EXTRA)
    orders = tmp_path / "收到的点单"
    orders.mkdir()
    (orders / "a.csv").write_bytes(
        order_csv(
            [
                unit_row(A, kind="课程", id="party-history", date_from="2026-12-10", date_to="2026-12-11",
                         participants=30),
                unit_row(A, kind="教学路线", id="red-line", date_from="2026-12-17", participants=20),
            ]
        )
    )  # fmt: skip
    (orders / "b.csv").write_bytes(
        order_csv([unit_row(B, kind="课程", id="team-course", date_from="2026-12-10", participants=25)])
    )
    out = tmp_path / "派单结果"
    assert main(["--root", str(root), "orders", str(orders), "--out", str(out)]) == 0
    return root, out, orders


def sheet_rows(path) -> list[dict]:
    sheet = openpyxl.load_workbook(path)["派单计划"]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def decide(path, decisions: dict[tuple[str, str], dict[str, object]]) -> None:
    """The department's edit: cells set by header, rows found by 单号 and 编号."""
    book = openpyxl.load_workbook(path)
    sheet = book["派单计划"]
    header = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        key = (row[header.index("单号")].value, row[header.index("编号")].value)
        for label, value in decisions.get(key, {}).items():
            row[header.index(label)].value = value
    book.save(path)


def plan_files(root) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "dispatch").iterdir())}


def test_the_sheet_has_chinese_headers_drop_downs_and_hidden_option_lists(project):
    _, out, _ = project
    book = openpyxl.load_workbook(out / "派单计划.xlsx")
    sheet = book["派单计划"]
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert book["师资选项"].sheet_state == "hidden" and book["点位选项"].sheet_state == "hidden"
    rows = sheet_rows(out / "派单计划.xlsx")
    assert [(r["单号"], r["编号"], r["状态"]) for r in rows] == [
        (number(A), "party-history", "待安排"),
        (number(A), "red-line", "待安排"),
        (number(B), "team-course", "待安排"),
    ]
    validations = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert validations["N2:N4"] == '"待安排,已安排,改期,婉拒"'
    assert validations["Q2"] == "='师资选项'!$A$2:$A$2"  # party-history: li-ming only
    teachers = book["师资选项"]
    sites = book["点位选项"]
    both = ["李明（li-ming）", "王芳（wang-fang）"]
    assert [c.value for c in teachers[2] if c.value] == ["李明（li-ming）"]
    assert [c.value for c in teachers[3] if c.value] == both  # a route names no teacher: any
    assert [c.value for c in sites[3] if c.value] == ["滨湖区党建馆（hall-a）", "马山党群服务中心（hall-b）"]
    assert [c.value for c in teachers[4] if c.value] == both
    assert rows[2]["冲突与待协调"] == f"待协调：与 {number(A)} 同期需要师资 李明、教学点位 滨湖区党建馆"


def test_a_sheet_read_back_unchanged_changes_nothing(project, capsys):
    root, out, _ = project
    before = plan_files(root)
    assert main(["--root", str(root), "plan", str(out / "派单计划.xlsx")]) == 0
    assert "决定都与派单计划一致，没有改动文件。" in capsys.readouterr().out
    assert plan_files(root) == before


def test_decisions_made_in_the_sheet_reach_the_plan_and_round_trip(project, capsys):
    root, out, orders = project
    sheet = out / "派单计划.xlsx"
    decide(
        sheet,
        {
            (number(A), "party-history"): {
                "状态": "已安排",
                "确认开始日期": dt.datetime(2026, 12, 10),
                "派出师资": "李明（li-ming）",
                "安排点位": "滨湖区党建馆（hall-a）",
                "答复说明": "上午九点开始",
            },
            (number(B), "team-course"): {"状态": "婉拒", "答复说明": "当天两位老师都有安排"},
        },
    )
    assert main(["--root", str(root), "plan", str(sheet)]) == 0
    assert (
        "已导入派单计划：2 张点单、3 项（待安排 1 项、已安排 1 项、改期 0 项、婉拒 1 项）"
        in capsys.readouterr().out
    )
    result = check_catalog(root)
    assert result.ok, [p.text() for p in result.errors]
    a, b = (
        result.plan.item((number(u), "courses", i)) for u, i in ((A, "party-history"), (B, "team-course"))
    )
    assert (a.status, a.confirmed, a.entry.teacher, a.entry.site, a.entry.reply) == (
        "已安排",
        (dt.date(2026, 12, 10), dt.date(2026, 12, 10)),
        "li-ming",
        "hall-a",
        "上午九点开始",
    )
    assert (b.status, b.entry.reply) == ("婉拒", "当天两位老师都有安排")
    edited = sheet_rows(sheet)
    again = out / "again"
    assert (
        main(["--root", str(root), "orders", str(orders), "--out", str(again)]) == 0
    )  # the same files again
    assert sheet_rows(again / "派单计划.xlsx") == [{**row, "冲突与待协调": None} for row in edited]


def test_a_rerun_keeps_decisions_and_adds_only_new_requests(project):
    root, out, orders = project
    decide(out / "派单计划.xlsx", {(number(B), "team-course"): {"状态": "婉拒", "答复说明": "已满"}})
    assert main(["--root", str(root), "plan", str(out / "派单计划.xlsx")]) == 0
    (orders / "c.csv").write_bytes(
        order_csv([unit_row(C, kind="师资", id="wang-fang", date_from="2027-01-05")])
    )
    shutil.rmtree(out)
    assert main(["--root", str(root), "orders", str(orders), "--out", str(out)]) == 0
    rows = {(r["单号"], r["编号"]): r for r in sheet_rows(out / "派单计划.xlsx")}
    assert rows[(number(B), "team-course")]["状态"] == "婉拒"
    assert rows[(number(B), "team-course")]["答复说明"] == "已满"
    assert rows[(number(C), "wang-fang")]["状态"] == "待安排"
    assert len(rows) == 4


def test_orders_does_not_overwrite_a_sheet_with_decisions_not_yet_imported(project, capsys):
    root, out, orders = project
    sheet = out / "派单计划.xlsx"
    decide(sheet, {(number(A), "red-line"): {"状态": "婉拒", "答复说明": "路线暂停"}})
    before = sheet.read_bytes()
    assert main(["--root", str(root), "orders", str(orders), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{sheet.as_posix()}:3:14: error: 这一行的“状态”与派单计划不同，还没有导入（not imported）" in err
    assert sheet.read_bytes() == before


def test_bad_cells_are_reported_at_their_row_and_column_and_nothing_is_written(project, capsys):
    root, out, _ = project
    sheet = out / "派单计划.xlsx"
    before = plan_files(root)
    decide(
        sheet,
        {
            (number(A), "party-history"): {"状态": "已安拍", "人数": 300},
            (number(A), "red-line"): {"状态": "已安排", "确认开始日期": "下周三"},
            (number(B), "team-course"): {"状态": "婉拒", "派出师资": "赵六"},
        },
    )
    book = openpyxl.load_workbook(sheet)
    book["派单计划"].append([f"20261130-{number(C)[9:13]}-zzzz", C, "", "", "课程", "party-history"])
    book.save(sheet)
    assert main(["--root", str(root), "plan", str(sheet)]) == 1
    printed = capsys.readouterr().out
    shown = sheet.as_posix()
    found = {
        line.split(": ")[0] + " " + line.split(": ")[1]
        for line in printed.splitlines()
        if line.startswith(shown)
    }
    assert found == {
        f"{shown}:2:10 warning",  # 人数 is the unit's: not imported
        f"{shown}:2:14 error",  # 已安拍
        f"{shown}:3:15 error",  # 下周三
        f"{shown}:4:17 error",  # 赵六 is no teacher
        f"{shown}:4:19 error",  # declined without a reason
        f"{shown}:5:1 error",  # a number the plan does not hold
    }
    assert "是不是想写：已安排？" in printed
    assert "未导入（nothing imported）" in printed
    assert plan_files(root) == before


def test_a_sheet_without_the_decision_columns_is_refused(project, capsys):
    root, out, _ = project
    sheet = out / "派单计划.xlsx"
    book = openpyxl.load_workbook(sheet)
    book["派单计划"].delete_cols(14)  # 状态
    book.save(sheet)
    assert main(["--root", str(root), "plan", str(sheet)]) == 1
    assert f"{sheet.as_posix()}:1:1: error: 派单计划表的表头缺少列：状态" in capsys.readouterr().out


def test_text_in_the_sheet_never_runs_as_a_formula(make_catalog, tmp_path):
    root = make_catalog(EXTRA)
    order = tmp_path / "x.csv"
    order.write_bytes(
        order_csv([unit_row("=HYPERLINK(1)党委", kind="课程", id="party-history", note="@SUM(1)")])
    )
    assert main(["--root", str(root), "orders", str(order), "--out", str(tmp_path / "out")]) == 0
    sheet = openpyxl.load_workbook(tmp_path / "out" / "派单计划.xlsx")["派单计划"]
    cells = [cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    assert "'=HYPERLINK(1)党委" in {c.value for c in cells} and "'@SUM(1)" in {c.value for c in cells}
