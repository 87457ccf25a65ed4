"""`catalog import` and `catalog export` with spreadsheets as editors really have them.

The sheets are generated here with openpyxl and csv: a merged title row, Chinese headers,
blank rows, full-width spaces, people with the same name, GBK and UTF-8-BOM CSV files.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
import yaml

from catalog.editors.importing.header import parse_mapping
from catalog.editors.importing.sheet import import_sheet
from catalog.editors.slugs import base_id
from catalog.load.validate import check_catalog

TODAY = dt.date(2026, 5, 20)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹"
GIVEN = [
    "建国", "丽华", "志强", "晓燕", "海涛", "文斌", "若溪", "亚萍", "国华", "春梅",
    "明", "琳", "磊", "敏", "佳", "鹏飞", "红波", "小东", "美玲", "德军",
    "青松", "玉琴", "一鸣", "晓雨", "文静", "志远", "淑芬", "辉", "军", "芳",
]  # fmt: skip
LEVELS = ["区级", "镇（街道）级", "村（社区）级", "市级"]
TYPES = ["专家学者", "党组织书记", "领导干部", "先锋模范", "业务骨干"]
DIRECTIONS = ["政治理论", "现代经济", "社会管理", "科学技术", "先进典型"]
HEADERS = [
    "序号",
    "姓名",
    "性别",
    "职务",
    "职称",
    "工作单位",
    "层级",
    "类型",
    "擅长领域",
    "简介",
    "荣誉",
    "联系电话",
]


def teacher_rows(count: int = 30) -> list[list]:
    """`count` realistic instructor-pool rows (Chinese headers order), one name repeated."""
    rows = []
    for n in range(count):
        name = SURNAMES[n] + GIVEN[n]
        if n == count - 1:
            name = "王建国"  # a second 王建国, in another unit: a real duplicate name
        if len(name) == 2:
            name = name[0] + "\u3000" + name[1]  # padded to line up, as sheets often are
        directions = "、".join(dict.fromkeys([DIRECTIONS[n % 5], DIRECTIONS[(n * 3 + 1) % 5]]))
        rows.append(
            [
                n + 1,
                name,
                "男" if n % 2 else "女",
                ["党校教研室主任", "社区党委书记", "街道党工委副书记", "车间主任", "研究员"][n % 5],
                "副教授" if n % 4 == 0 else None,
                f"  滨湖区第{n + 1}单位\u3000",
                LEVELS[n % 4],
                TYPES[n % 5],
                directions,
                f"从事党员教育工作{n + 3}年。\n擅长结合本地案例讲授。",
                "优秀共产党员；三八红旗手" if n % 3 == 0 else None,
                13800000000 + n if n % 2 else None,
            ]
        )
    return rows


def write_xlsx(
    path: Path, headers: list, rows: list[list], *, title: str | None = "滨湖区党员教育师资库名单"
) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    if title:
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    sheet.append(headers)
    for index, row in enumerate(rows):
        sheet.append(row)
        if index == 4:
            sheet.append([])  # a blank row in the middle
            sheet.append([None, "\u3000", None])  # a row of only spaces
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "catalog", *args], capture_output=True, text=True, cwd=cwd)


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture
def empty(make_catalog):
    return make_catalog(base=False)


# --- ids --------------------------------------------------------------------------------


def test_ids_are_pinyin_surname_then_given_name():
    assert base_id("teachers", "王建国") == "wang-jianguo"
    assert base_id("teachers", "欧阳明月") == "ouyang-mingyue"
    assert base_id("teachers", "单雄") == "shan-xiong"  # surname reading, not dan
    assert base_id("teachers", "李\u3000明") == "li-ming"
    assert base_id("courses", "百年党史中的初心使命") == "bai-nian-dang-shi-zhong-de"  # 6 syllables
    assert base_id("courses", "5G时代的基层治理") == "5g-shi-dai-de-ji-ceng"
    assert base_id("sites", "“！”") == ""


# --- the done-when sheet: 30 teachers -----------------------------------------------------


def test_thirty_teacher_sheet_imports_into_records_that_pass_check(empty, tmp_path):
    sheet = write_xlsx(tmp_path / "师资库.xlsx", HEADERS, teacher_rows(30))
    result = import_sheet(empty, "teachers", sheet, today=TODAY)
    assert result.ok, [p.text() for p in result.problems]
    assert len(sorted((empty / "teachers").glob("*.yml"))) == len(result.written) == 30
    [twin] = [p for p in result.problems if p.code == "duplicate-name"]  # the second 王建国 …
    # title, header, 30 people and two blank rows: the last person is on row 34, name in B
    assert (twin.line, twin.column, twin.severity.value) == (34, 2, "warning")  # … is pointed out
    assert "wang-jianguo-2" in twin.message

    checked = check_catalog(empty, today=TODAY)
    assert checked.ok, [p.text() for p in checked.errors]
    assert len(checked.catalog.teachers) == 30

    first = (empty / "teachers" / "wang-jianguo.yml").read_text(encoding="utf-8")
    assert first.startswith("# yaml-language-server: $schema=../schemas/teacher.schema.json\n")
    data = yaml.safe_load(first)
    assert data["name"] == "王建国"
    assert data["post"] == "党校教研室主任、副教授"  # 职务 + 职称 joined
    assert data["organisation"] == "滨湖区第1单位"  # full-width and ASCII spaces trimmed
    assert data["reviewed"] == TODAY  # the day of the import
    assert data["bio"] == "从事党员教育工作3年。\n擅长结合本地案例讲授。"
    assert data["honours"] == ["优秀共产党员", "三八红旗手"]  # split on ；
    assert "性别" not in first and "gender" not in first
    padded = load(empty / "teachers" / "xu-ming.yml")  # "徐\u3000明" in the sheet
    assert padded["name"] == "徐明"
    with_phone = load(empty / "teachers" / "li-lihua.yml")
    assert with_phone["contact"] == {"phone": "13800000001"}


def test_import_command_says_what_it_wrote_and_the_records_pass_check(empty, tmp_path):
    sheet = write_xlsx(tmp_path / "师资库.xlsx", HEADERS, teacher_rows(30))
    result = run("--root", str(empty), "import", "teacher", str(sheet))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "导入完成：写入 30 条" in result.stdout
    assert "写入 teachers/wang-jianguo-2.yml（第 34 行 王建国）" in result.stdout
    assert f"{sheet.as_posix()}:34:2: warning: 与第 3 行同名“王建国”" in result.stdout
    assert run("--root", str(empty), "check").returncode == 0


def test_importing_the_same_sheet_twice_changes_nothing(empty, tmp_path):
    sheet = write_xlsx(tmp_path / "t.xlsx", HEADERS, teacher_rows(30))
    assert run("--root", str(empty), "import", "teacher", str(sheet)).returncode == 0
    before = {p.name: p.read_bytes() for p in (empty / "teachers").iterdir()}
    again = run("--root", str(empty), "import", "teacher", str(sheet))
    assert again.returncode == 0
    assert "写入 0 条，跳过 30 条" in again.stdout
    assert {p.name: p.read_bytes() for p in (empty / "teachers").iterdir()} == before


# --- precise errors ------------------------------------------------------------------------


def test_bad_rows_are_reported_by_row_and_column_and_good_rows_still_written(empty, tmp_path):
    rows = [
        [1, "陈丽华", "女", "主任", None, "党校", "区级", "专家学者", "政治理论", None, None, None],
        [2, "张志强", "男", "书记", None, "社区", "镇级", "党组织书记", "社会管理", None, None, None],
        [3, None, "男", "书记", None, "社区", "区级", "党组织书记", "社会管理", None, None, None],
        [4, "赵敏", "女", "书记", None, "社区", "区级", "党组织书记", "社会治理", None, None, "电话待定"],
    ]
    sheet = write_xlsx(tmp_path / "t.xlsx", HEADERS, rows)
    result = run("--root", str(empty), "import", "teacher", str(sheet), "--format", "json")
    assert result.returncode == 1
    problems = [p for p in json.loads(result.stdout) if p["severity"] == "error"]
    where = {(p["line"], p["column"], p["code"]) for p in problems}
    path = sheet.as_posix()
    assert all(p["path"] == path for p in problems)
    # title row 1, header row 2, data from row 3: 层级 is column 7, 姓名 2, 擅长领域 9, 电话 12
    assert (4, 7, "unknown-value") in where  # 镇级
    assert (5, 2, "missing-value") in where  # no name
    assert (6, 9, "unknown-value") in where  # 社会治理 is not a direction
    assert (6, 12, "bad-format") in where  # 电话待定
    level = next(p for p in problems if p["line"] == 4)
    assert "镇（街道）级" in level["hint"] and level["message"].startswith("“层级”：")
    assert [p.name for p in (empty / "teachers").iterdir()] == ["chen-lihua.yml"]
    assert "3 行有错误未导入" in result.stderr


def test_unit_merged_down_over_several_people_applies_to_each(empty, tmp_path):
    headers = ["姓名", "职务", "工作单位", "层级", "类型", "擅长方向", "简介", "荣誉"]
    rows = [
        ["马志强", "书记", "马山街道党工委", "镇（街道）级", "党组织书记", "社会管理", "简介甲", None],
        ["孙海涛", "委员", None, "镇（街道）级", "党组织书记", "社会管理", "简介乙", None],
        ["朱琳", "干事", None, "镇（街道）级", "业务骨干", "社会管理", "简介丙", None],
    ]
    path = tmp_path / "t.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["马山街道师资名单"])
    sheet.merge_cells("A1:H1")
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("C3:C5")  # one unit for three people
    sheet.merge_cells("G5:H5")  # a bio spread over the next column: not copied into 荣誉
    workbook.save(path)
    result = import_sheet(empty, "teachers", path, today=TODAY)
    assert not [p for p in result.problems if p.is_error], [p.text() for p in result.problems]
    for name in ("ma-zhiqiang", "sun-haitao", "zhu-lin"):
        assert load(empty / "teachers" / f"{name}.yml")["organisation"] == "马山街道党工委"
    assert "honours" not in load(empty / "teachers" / "zhu-lin.yml")


def test_missing_required_column_is_one_error_at_the_header_and_writes_nothing(empty, tmp_path):
    sheet = write_xlsx(
        tmp_path / "t.xlsx",
        ["职务", "单位", "层级", "擅长领域"],
        [["书记", "社区", "区级", "政治理论"]],
    )
    result = import_sheet(empty, "teachers", sheet, today=TODAY)
    [problem] = [p for p in result.problems if p.is_error]
    assert (problem.line, problem.code) == (2, "missing-column")
    assert "“姓名”" in problem.message and "--map" in problem.hint
    assert not result.written and not list((empty / "teachers").iterdir())


def test_no_header_row_is_reported(empty, tmp_path):
    sheet = write_xlsx(tmp_path / "t.xlsx", ["甲", "乙"], [["1", "2"]], title=None)
    result = import_sheet(empty, "teachers", sheet)
    assert [p.code for p in result.problems] == ["no-header"]


def test_map_option_names_unusual_headers_and_ignores_columns(empty, tmp_path):
    headers = ["教员", "岗位", "单位", "层级", "类型", "擅长", "备注"]
    sheet = write_xlsx(
        tmp_path / "t.xlsx", headers, [["周文斌", "书记", "社区", "区级", "党组织书记", "政治理论", "x"]]
    )
    plain = run("--root", str(empty), "import", "teacher", str(sheet))
    assert plain.returncode == 1
    assert "表格里没有“姓名”列" in plain.stdout
    mapped = run(
        "--root", str(empty), "import", "teacher", str(sheet),
        "--map", "教员=name", "--map", "岗位=post", "--map", "擅长=directions", "--map", "备注=",
    )  # fmt: skip
    assert mapped.returncode == 0, mapped.stdout
    assert "备注" not in mapped.stdout  # ignored on purpose: no warning
    assert load(empty / "teachers" / "zhou-wenbin.yml")["directions"] == ["政治理论"]
    bad = run("--root", str(empty), "import", "teacher", str(sheet), "--map", "教员=nmae")
    assert bad.returncode == 2 and "name" in bad.stderr


def test_parse_mapping_accepts_chinese_header_as_target():
    mapping = parse_mapping("teachers", ["讲师=姓名"])
    assert mapping["讲师"].field == "name"


def test_existing_files_are_kept_unless_force_and_force_keeps_unlisted_fields(make_catalog, tmp_path):
    root = make_catalog()  # teachers/li-ming.yml: 李明, 党校讲师
    (root / "teachers" / "li-ming.yml").write_text(
        (root / "teachers" / "li-ming.yml").read_text(encoding="utf-8")
        + "contact:\n  email: lm@example.cn\n",
        encoding="utf-8",
    )
    headers = ["姓名", "职务", "单位", "层级", "类型", "擅长方向"]
    sheet = write_xlsx(
        tmp_path / "t.xlsx", headers, [["李明", "党校副教授", "滨湖区委党校", "区级", "专家学者", "政治理论"]]
    )
    kept = run("--root", str(root), "import", "teacher", str(sheet))
    assert kept.returncode == 0 and "跳过 teachers/li-ming.yml" in kept.stdout
    assert load(root / "teachers" / "li-ming.yml")["post"] == "党校讲师"
    assert not (root / "teachers" / "li-ming-2.yml").exists()  # same name: same record

    forced = run("--root", str(root), "import", "teacher", str(sheet), "--force")
    assert forced.returncode == 0, forced.stdout
    data = load(root / "teachers" / "li-ming.yml")
    assert data["post"] == "党校副教授"
    assert data["contact"] == {"email": "lm@example.cn"}  # no column for it: kept
    assert check_catalog(root, today=TODAY).ok


def test_same_pinyin_other_person_gets_a_suffix(make_catalog, tmp_path):
    root = make_catalog()  # li-ming.yml is 李明
    headers = ["姓名", "职务", "单位", "层级", "类型", "擅长方向"]
    sheet = write_xlsx(
        tmp_path / "t.xlsx", headers, [["黎明", "书记", "社区", "区级", "党组织书记", "政治理论"]]
    )
    result = import_sheet(root, "teachers", sheet, today=TODAY)
    assert [w[0] for w in result.written] == ["teachers/li-ming-2.yml"]
    assert load(root / "teachers" / "li-ming.yml")["name"] == "李明"


# --- CSV files and other kinds ----------------------------------------------------------


def test_gbk_csv_of_sites(make_catalog, tmp_path):
    root = make_catalog()
    rows = [
        ["点位名称", "类型", "层级", "所在街道", "地址", "开放时间", "容纳人数", "预约电话", "讲解员", "教学主题"],  # noqa: E501
        ["\u3000荣巷街道党群服务中心", "党群服务中心", "镇（街道）级阵地", "荣巷街道", "荣巷路 8 号", "周一至周五 9:00-17:00", "80人", "0510-85000000", "是", "善治滨湖、红色传承"],  # noqa: E501
        ["雪浪红色教育基地", "红色教育基地", "区级阵地", "雪浪街道", "雪浪路 1 号", "", "200", "", "否", ""],
        ["", "", "", "", "", "", "", "", "", ""],
        ["坏点位", "博物馆", "区级阵地", "雪浪街道", "某路", "", "很多", "", "也许", ""],
    ]  # fmt: skip
    path = tmp_path / "点位.csv"
    with path.open("w", encoding="gbk", newline="") as handle:
        csv.writer(handle).writerows(rows)
    result = run("--root", str(root), "import", "site", str(path))
    assert result.returncode == 1
    assert "GB18030" in result.stdout
    site = load(root / "sites" / "rong-xiang-jie-dao-dang-qun-fu-wu.yml")
    assert site["name"] == "荣巷街道党群服务中心"
    assert site["capacity"] == 80 and site["guide"] is True
    assert site["themes"] == ["善治滨湖", "红色传承"]
    assert load(root / "sites" / "xue-lang-hong-se-jiao-yu-ji-di.yml")["guide"] is False  # 否 is a fact
    lines = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert any(line.startswith(f"{path.as_posix()}:5:2: error: “类型”") for line in lines)
    assert any(line.startswith(f"{path.as_posix()}:5:7: error: “容纳人数”") for line in lines)
    assert any(line.startswith(f"{path.as_posix()}:5:9: error: “讲解员”") for line in lines)
    assert not any("坏点位" in p.name for p in (root / "sites").iterdir())


def test_utf8_bom_csv_of_courses_maps_teacher_names_to_ids(make_catalog, tmp_path):
    root = make_catalog()  # teachers: li-ming (李明); sites: hall-a 滨湖区党建馆
    (root / "teachers" / "li-ming-2.yml").write_text(
        "name: 李明\npost: 书记\norganisation: 社区\nlevel: 区级\ntype: 党组织书记\n"
        "directions: [政治理论]\nreviewed: 2026-01-10\n",
        encoding="utf-8",
    )
    (root / "teachers" / "wang-fang.yml").write_text(
        "name: 王芳\npost: 讲师\norganisation: 党校\nlevel: 区级\ntype: 专家学者\n"
        "directions: [政治理论]\nreviewed: 2026-01-10\n",
        encoding="utf-8",
    )
    rows = [
        ["课程名称", "类别", "简介", "学时", "形式", "对象", "授课人", "点位", "关键词"],
        ["新时代党支部工作实务", "党务实务", "支部工作怎么做。", "2学时", "讲授式，研讨式", "党务工作者", "王\u3000芳", "滨湖区党建馆", "支部；三会一课"],  # noqa: E501
        ["红色家风", "党性教育", "家风故事。", "1.5", "讲授式", "新党员", "li-ming", "hall-a", ""],
        ["重名之课", "党性教育", "简介。", "1", "讲授式", "新党员", "李明", "", ""],
        ["错名之课", "党性教育", "简介。", "1", "讲授式", "新党员", "王方", "", ""],
    ]  # fmt: skip
    path = tmp_path / "课程.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    result = import_sheet(root, "courses", path, today=TODAY)
    course = load(root / "courses" / "xin-shi-dai-dang-zhi-bu.yml")
    assert course["teachers"] == ["wang-fang"] and course["sites"] == ["hall-a"]
    assert course["hours"] == 2 and course["formats"] == ["讲授式", "研讨式"]
    assert course["keywords"] == ["支部", "三会一课"]
    assert load(root / "courses" / "hong-se-jia-feng.yml")["teachers"] == ["li-ming"]
    errors = {p.line: p for p in result.problems if p.is_error}
    assert set(errors) == {4, 5}
    assert "li-ming（滨湖区委党校）、li-ming-2（社区）" in errors[4].message  # two called 李明, told apart
    assert "王芳" in errors[5].hint  # did you mean
    assert errors[5].column == 7
    assert check_catalog(root, today=TODAY).ok


def test_old_excel_is_explained(empty, tmp_path):
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    result = run("--root", str(empty), "import", "teacher", str(old))
    assert result.returncode == 1 and "另存为" in result.stdout
    assert run("--root", str(empty), "import", "teacher", str(tmp_path / "missing.xlsx")).returncode == 2


def test_undecodable_csv_is_a_problem_not_mojibake(empty, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"\xff\xff\xff\x80\x81,\xfe\n")
    result = import_sheet(empty, "teachers", path)
    assert [p.code for p in result.problems] == ["encoding"]


# --- export and the round trip ----------------------------------------------------------


def test_export_xlsx_one_sheet_per_kind_and_round_trip(make_catalog, tmp_path):
    root = make_catalog(
        {
            "teachers/formula.yml": """
                name: 公式
                post: "=1+1"
                organisation: 党校
                level: 区级
                type: 专家学者
                directions: [政治理论, 现代经济]
                contact:
                  phone: "0510-1234567"
                reviewed: 2026-01-10
            """
        }
    )
    out = tmp_path / "menu.xlsx"
    result = run("--root", str(root), "export", "--format", "xlsx", "--out", str(out))
    assert result.returncode == 0, result.stderr
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["课程", "师资", "教学点位", "教学路线", "套餐"]
    teachers = list(workbook["师资"].iter_rows(values_only=True))
    assert teachers[0][:3] == ("id", "姓名", "职务")
    assert "电话" not in teachers[0]  # personal data left out by default
    formula = next(row for row in teachers if row[0] == "formula")
    assert formula[2] == "=1+1" and workbook["师资"].cell(row=2, column=3).data_type == "s"
    assert "政治理论、现代经济" in formula
    courses = list(workbook["课程"].iter_rows(values_only=True))
    assert courses[1][courses[0].index("师资")] == "李明"  # names, not ids
    routes = list(workbook["教学路线"].iter_rows(values_only=True))
    assert "滨湖区党建馆（60 分钟）" in routes[1][routes[0].index("站点")]

    before = {p: p.read_bytes() for p in root.rglob("*.yml")}
    for kind in ("teacher", "course", "site"):
        again = run("--root", str(root), "import", kind, str(out), "--force")
        assert again.returncode == 0, again.stdout
        assert "写入 0 条" in again.stdout
    assert {p: p.read_bytes() for p in root.rglob("*.yml")} == before


def test_export_csv_is_utf8_with_bom_and_imports_back(make_catalog, tmp_path):
    root = make_catalog(
        {
            "teachers/formula.yml": """
                name: 公式
                post: "=HYPERLINK(1)"
                organisation: 党校
                level: 区级
                type: 专家学者
                directions: [政治理论]
                reviewed: 2026-01-10
            """
        }
    )
    result = run(
        "--root", str(root), "export", "--format", "csv", "--out", str(tmp_path / "out"), "--with-contact"
    )
    assert result.returncode == 0
    raw = (tmp_path / "out" / "teachers.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = raw.decode("utf-8-sig").splitlines()[0].split(",")
    assert header[:2] == ["id", "姓名"] and "电话" in header
    assert ",'=HYPERLINK(1)," in raw.decode("utf-8-sig")  # Excel shows it as text, never runs it
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (fresh / "vocabulary.yml").write_bytes((root / "vocabulary.yml").read_bytes())
    for kind, name in (("teacher", "teachers"), ("site", "sites"), ("course", "courses")):
        done = run("--root", str(fresh), "import", kind, str(tmp_path / "out" / f"{name}.csv"))
        assert done.returncode == 0, done.stdout
    for name in (
        "teachers/li-ming.yml",
        "teachers/formula.yml",
        "sites/hall-a.yml",
        "courses/party-history.yml",
    ):
        original, copied = load(root / name), load(fresh / name)
        assert {k: v for k, v in copied.items() if k != "reviewed"} == {
            k: v for k, v in original.items() if k != "reviewed"
        }
