"""`catalog import` of the sheets departments really keep: columns missing, people of one
name, routes as "A—B—C" text or one row per stop, coordinates to keep."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from catalog import check_catalog
from catalog.editors.importing.header import UsageError
from catalog.editors.importing.sheet import import_sheet
from tests.test_import import teacher_rows, write_xlsx

NO_TYPE = ["序号", "姓名", "性别", "职务", "职称", "工作单位", "层级", "擅长领域", "简介", "荣誉", "联系电话"]


def run(*args):
    return subprocess.run([sys.executable, "-m", "catalog", *args], capture_output=True, text=True)


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write_csv(path: Path, rows: list[list]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def without_type(rows: list[list]) -> list[list]:
    return [row[:7] + row[8:] for row in rows]  # 类型 is column 8 of the usual sheet


@pytest.fixture
def empty(make_catalog):
    return make_catalog(base=False)


def test_a_sheet_without_a_type_column_imports_every_row_with_the_type_unknown(empty, tmp_path):
    sheet = write_xlsx(tmp_path / "师资库.xlsx", NO_TYPE, without_type(teacher_rows(30)))
    result = run("--root", str(empty), "import", "teacher", str(sheet))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "写入 30 条" in result.stdout
    data = load(empty / "teachers" / "wang-jianguo.yml")
    assert "type" not in data and "employment" not in data  # not known: not written
    assert check_catalog(empty).ok


def test_set_gives_a_missing_column_one_value_for_every_row(empty, tmp_path):
    sheet = write_xlsx(tmp_path / "师资库.xlsx", NO_TYPE, without_type(teacher_rows(30)))
    result = run("--root", str(empty), "import", "teacher", str(sheet), "--set", "类型=党组织书记")
    assert result.returncode == 0, result.stdout
    teachers = [load(path) for path in (empty / "teachers").glob("*.yml")]
    assert len(teachers) == 30 and {t["type"] for t in teachers} == {"党组织书记"}


def test_set_of_a_type_that_says_part_time_fills_employment(empty, tmp_path):
    sheet = write_xlsx(tmp_path / "师资库.xlsx", NO_TYPE, without_type(teacher_rows(4)))
    assert run("--root", str(empty), "import", "teacher", str(sheet), "--set", "类型=兼职").returncode == 0
    data = load(empty / "teachers" / "wang-jianguo.yml")
    assert data["employment"] == "兼职" and "type" not in data


def test_a_cell_of_the_sheet_wins_over_set(empty, tmp_path):
    rows = [["王建国", "区级"], ["李丽华", None]]
    sheet = write_csv(tmp_path / "t.csv", [["姓名", "层级"], *rows])
    assert (
        run("--root", str(empty), "import", "teacher", str(sheet), "--set", "层级=镇（街道）级").returncode
        == 0
    )
    assert load(empty / "teachers" / "wang-jianguo.yml")["level"] == "区级"
    assert load(empty / "teachers" / "li-lihua.yml")["level"] == "镇（街道）级"


def test_a_set_value_no_row_could_take_is_a_usage_error_before_any_row(empty, tmp_path):
    sheet = write_csv(tmp_path / "t.csv", [["姓名", "职务"], ["王建国", "书记"]])
    bad_value = run("--root", str(empty), "import", "teacher", str(sheet), "--set", "层级=镇级")
    assert bad_value.returncode == 2 and "镇（街道）级" in bad_value.stderr  # did you mean
    bad_column = run("--root", str(empty), "import", "teacher", str(sheet), "--set", "性别=男")
    assert bad_column.returncode == 2 and "性别" in bad_column.stderr
    courses = write_csv(tmp_path / "c.csv", [["课程名称", "类别"], ["党史课", "党史学习"]])
    bad_number = run("--root", str(empty), "import", "course", str(courses), "--set", "学时=200")
    assert bad_number.returncode == 2 and "不能大于 100" in bad_number.stderr
    assert not list((empty / "teachers").iterdir())


# --- the same name twice ------------------------------------------------------------------

TWO_WANG_YAN = {
    "teachers/wang-yan.yml": "name: 王艳\norganisation: 滨湖区委党校\nreviewed: 2026-01-10\n",
    "teachers/wang-yan-2.yml": "name: 王艳\norganisation: 胡埭镇党委\nreviewed: 2026-01-10\n",
}


def course_sheet(tmp_path: Path, teacher: str, count: int = 15) -> Path:
    rows = [[f"第{n}课：党史专题", teacher] for n in range(1, count + 1)]
    return write_csv(tmp_path / "课程.csv", [["课程名称", "授课人"], *rows])


def test_a_name_two_teachers_share_is_an_error_that_says_how_to_choose(make_catalog, tmp_path):
    root = make_catalog(TWO_WANG_YAN)
    result = import_sheet(root, "courses", course_sheet(tmp_path, "王艳"))
    errors = [p for p in result.problems if p.is_error]
    assert len(errors) == 15 and not result.written
    assert "wang-yan（滨湖区委党校）、wang-yan-2（胡埭镇党委）" in errors[0].message
    assert "--pick 王艳=wang-yan" in errors[0].hint and "王艳（滨湖区委党校）" in errors[0].hint


def test_pick_says_which_one_a_name_means_in_the_whole_sheet(make_catalog, tmp_path):
    root = make_catalog(TWO_WANG_YAN)
    result = import_sheet(root, "courses", course_sheet(tmp_path, "王艳"), picks=["王艳=wang-yan-2"])
    assert result.ok and len(result.written) == 15
    assert {tuple(load(root / path)["teachers"]) for path, _, _ in result.written} == {("wang-yan-2",)}
    with pytest.raises(UsageError):  # an id whose name is not the name picked
        import_sheet(root, "courses", course_sheet(tmp_path, "王艳"), picks=["王艳=li-ming"])


def test_name_and_unit_tell_two_people_apart_in_one_cell(make_catalog, tmp_path):
    root = make_catalog(TWO_WANG_YAN)
    result = import_sheet(root, "courses", course_sheet(tmp_path, "王艳（胡埭镇党委）、李明", count=1))
    assert result.ok, [p.text() for p in result.problems]
    assert load(root / result.written[0][0])["teachers"] == ["wang-yan-2", "li-ming"]


# --- routes -------------------------------------------------------------------------------


def test_routes_from_one_row_each_with_the_stops_as_text(make_catalog, tmp_path):
    root = make_catalog()  # sites: hall-a 滨湖区党建馆, hall-b 马山党群服务中心
    sheet = write_csv(
        tmp_path / "路线.csv",
        [
            ["路线名称", "站点", "简介"],
            ["初心之旅", "滨湖区党建馆—马山党群服务中心", "半天。"],
            ["回访线", "hall-b（45 分钟）、hall-a", "按导出的写法。"],
            ["错站线", "滨湖区党建馆—马山党群中心", ""],
        ],
    )
    result = import_sheet(root, "routes", sheet)
    first = load(root / "routes" / "chu-xin-zhi-lv.yml")
    assert first["stops"] == [{"site": "hall-a"}, {"site": "hall-b"}]  # no minutes invented
    second = load(root / "routes" / "hui-fang-xian.yml")
    assert second["stops"] == [{"site": "hall-b", "minutes": 45}, {"site": "hall-a"}]
    [error] = [p for p in result.problems if p.is_error]
    assert (error.line, error.column) == (4, 2) and "马山党群中心" in error.message
    assert "hall-b（马山党群服务中心）" in error.hint
    assert check_catalog(root).ok


def test_routes_from_one_row_per_stop(make_catalog, tmp_path):
    root = make_catalog()
    sheet = write_csv(
        tmp_path / "路线.csv",
        [
            ["路线名称", "点位", "停留分钟", "教学内容", "路程分钟"],
            ["初心之旅", "滨湖区党建馆", "60", "重温入党誓词", ""],
            ["", "马山党群服务中心", "", "座谈", "20"],  # the name written once, on the first row
            ["清风线", "马山党群服务中心", "30", "", ""],
            ["清风线", "hall-a", "三十", "", ""],
        ],
    )
    result = import_sheet(root, "routes", sheet)
    route = load(root / "routes" / "chu-xin-zhi-lv.yml")
    assert route["stops"] == [
        {"site": "hall-a", "minutes": 60, "teaching": "重温入党誓词"},
        {"site": "hall-b", "teaching": "座谈", "travel_minutes": 20},
    ]
    [error] = [p for p in result.problems if p.is_error]
    assert (error.line, error.column) == (5, 3)  # 三十 in its own row and column
    assert not (root / "routes" / "qing-feng-xian.yml").exists()


def test_importing_a_route_again_keeps_what_its_file_says_of_each_stop(make_catalog, tmp_path):
    root = make_catalog()  # red-line: hall-a (60, 参观党建馆, course), hall-b (45, 座谈交流, 20)
    sheet = write_csv(
        tmp_path / "路线.csv", [["id", "路线名称", "站点"], ["red-line", "立心铸魂线", "hall-a—hall-b"]]
    )
    result = import_sheet(root, "routes", sheet, force=True)
    assert result.ok and result.unchanged  # nothing the sheet says differs from the file
    stops = check_catalog(root).catalog.routes["red-line"].stops
    assert [(s.site, s.minutes, s.teaching, s.travel_minutes) for s in stops] == [
        ("hall-a", 60, "参观党建馆", None),
        ("hall-b", 45, "座谈交流", 20),
    ]


def test_site_coordinates_are_kept(empty, tmp_path):
    sheet = write_csv(
        tmp_path / "点位.csv", [["点位名称", "经度", "纬度"], ["八七会议纪念馆", "114.299762", "30.586469"]]
    )
    assert import_sheet(empty, "sites", sheet).ok
    assert load(empty / "sites" / "ba-qi-hui-yi-ji-nian-guan.yml")["coordinates"] == {
        "lat": 30.586469,
        "lon": 114.299762,
    }


def test_a_reference_to_a_record_with_errors_says_so_and_keeps_the_id(make_catalog, tmp_path):
    root = make_catalog({"teachers/cao-yang.yml": "name: " + "曹阳" * 30 + "\nreviewed: 2026-01-10\n"})
    result = import_sheet(
        root, "courses", write_csv(tmp_path / "c.csv", [["课程名称", "授课人"], ["课", "cao-yang"]])
    )
    [found] = [p for p in result.problems if p.code == "invalid-ref"]
    assert found.severity == "warning" and "teachers/cao-yang.yml:1:7" in found.hint
    assert found.message.startswith("“授课人”：") and "找不到" not in found.message
    assert load(root / result.written[0][0])["teachers"] == ["cao-yang"]  # kept: the file is there
