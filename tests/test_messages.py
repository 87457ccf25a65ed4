"""Messages at the scale of real catalogs: grouped when hundreds of files share a problem,
hints that find records by name and say nothing when nothing is close, plain Chinese."""

from __future__ import annotations

import json
import subprocess
import sys

from catalog import check_catalog
from catalog.core.report import grouped, summary
from catalog.core.suggest import matching_records, nearest
from catalog.editors.slugs import base_id
from tests.conftest import build_site, copy_project, write_catalog

COURSE = "title: 第{n}课\ncategory: 未分类\nreviewed: 2026-01-10\n"
SITE = "name: 点位{n}\nreviewed: 2026-01-10\n"


def run(*args):
    return subprocess.run([sys.executable, "-m", "catalog", *args], capture_output=True, text=True)


def noisy_catalog(root, courses=847, sites=30):
    files = {f"courses/c{n:03d}.yml": COURSE.format(n=n) for n in range(courses)}
    files.update({f"sites/s{n:03d}.yml": SITE.format(n=n) for n in range(sites)})
    return write_catalog(root, files)


def test_identical_problems_are_printed_once_with_their_count(tmp_path):
    root = noisy_catalog(tmp_path / "data")
    result = run("--root", str(root), "check")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    [category] = [line for line in lines if "未分类" in line]
    assert category.startswith("courses/c000.yml:2:11: error: “未分类”不在词表 categories 中")
    assert "共 847 个文件" in category and "courses/c001.yml:2:11" in category and "--all" in category
    [unused] = [line for line in lines if "没有被任何课程或路线使用" in line]
    assert "30 个点位没有被任何课程或路线使用" in unused  # 30 reminders, one line
    assert len(lines) < 10
    every = run("--root", str(root), "check", "--all").stdout.splitlines()
    assert sum("未分类" in line for line in every) == 847
    assert sum("没有被任何课程或路线使用" in line for line in every) == 30


def test_formats_for_tools_stay_complete(tmp_path):
    root = noisy_catalog(tmp_path / "data", courses=12, sites=5)
    reported = json.loads(run("--root", str(root), "check", "--format", "json").stdout)
    assert sum(p["code"] == "unknown-value" for p in reported) == 12
    github = run("--root", str(root), "check", "--format", "github").stdout.splitlines()
    assert sum("unknown-value" in line for line in github) == 12
    gitlab = json.loads(run("--root", str(root), "check", "--format", "gitlab").stdout)
    assert sum(issue["check_name"] == "unknown-value" for issue in gitlab) == 12


def test_a_few_identical_problems_are_still_listed_one_by_one(tmp_path):
    root = noisy_catalog(tmp_path / "data", courses=3, sites=0)
    lines = grouped(check_catalog(root).problems)
    assert [line.problem.path for line in lines if "未分类" in line.text] == [
        "courses/c000.yml",
        "courses/c001.yml",
        "courses/c002.yml",
    ]


def test_the_build_log_groups_alike(tmp_path):
    project = copy_project(tmp_path / "project", noisy_catalog(tmp_path / "data", courses=40, sites=0))
    built = build_site(project, tmp_path / "site")
    assert built.returncode == 1
    logged = [line for line in built.stderr.splitlines() if "未分类" in line]
    assert len(logged) == 1 and "共 40 个文件" in logged[0] and "catalog check --all" in logged[0]


def test_the_summary_counts_files_and_records(make_catalog, tmp_path):
    broken = {f"courses/broken-{n}.yml": "title: [一, 二]\nreviewed: 2026-01-10\n" for n in range(6)}
    root = make_catalog(broken)
    result = check_catalog(root)
    line = summary(result.problems, len(result.catalog), result.file_count)
    assert line.startswith(
        "检查未通过：11 个记录文件，5 条有效，6 个有错误未能读成记录；6 个错误（在 6 个文件里）"
    )
    valid = write_catalog(tmp_path / "valid", {})
    assert "检查通过：5 条记录；0 个错误" in run("--root", str(valid), "check").stdout


# --- hints ------------------------------------------------------------------------------

PLACES = """
井冈山 瑞金 遵义 延安 西柏坡 韶山 古田 百色 南昌 嘉兴
红岩 沂蒙 太行 大别山 湘江 赤水 娄山关 泸定 腊子口 吴起
"""
KINDS_OF_SITE = """
革命纪念馆 烈士陵园 会议旧址 红军医院旧址 革命旧居 党史陈列馆
战斗遗址 纪念碑 红色教育基地 故居 兵工厂旧址 邮局旧址
"""


class Named:
    def __init__(self, label: str):
        self.label = label


def pinyin_pool() -> dict[str, Named]:
    """A national-list-sized pool of sites whose ids are the pinyin of their names (as imported)."""
    pool = {}
    for place in PLACES.split():
        for kind in KINDS_OF_SITE.split():
            for number in ("", "第二", "第三", "第四"):
                name = f"{place}{number}{kind}"
                pool[base_id("sites", name)] = Named(name)
    return pool


def test_an_unknown_id_far_from_every_record_gets_no_suggestion():
    pool = pinyin_pool()
    assert len(pool) > 900
    unrelated = "kai-hui-zhen-ban-cang-cun-dang-qun"
    assert nearest(unrelated, pool)  # the old hint would name three unrelated places…
    assert matching_records(unrelated, pool) == []  # …now it names none


def test_a_stop_written_as_the_pinyin_of_a_name_finds_the_site(make_catalog):
    root = make_catalog(
        {
            "sites/ruijin-shatang.yml": "name: 开慧镇板仓杨开慧故居\nreviewed: 2026-01-10\n",
            "routes/r.yml": "name: 线\nstops:\n  - site: kai-hui-zhen-ban-cang\n  - site: hall-a\n"
            "reviewed: 2026-01-10\n",
        }
    )
    [found] = [p for p in check_catalog(root).errors if p.code == "unknown-ref"]
    assert found.hint == "是不是想写：ruijin-shatang（开慧镇板仓杨开慧故居）？"
    pool = pinyin_pool()
    found = matching_records("jing-gang-shan-ge-ming-ji-nian-guna", pool)  # a slip of the keyboard
    assert found[0] == base_id("sites", "井冈山革命纪念馆")


def test_a_reference_to_a_record_with_errors_says_so_and_points_at_its_file(make_catalog):
    root = make_catalog({"teachers/li-ming.yml": "name: " + "李明" * 30 + "\nreviewed: 2026-01-10\n"})
    [found] = [p for p in check_catalog(root).problems if p.path == "courses/party-history.yml"]
    assert found.code == "invalid-ref" and (found.line, found.column) == (7, 12)
    assert "teachers/li-ming.yml 有错误" in found.message and "下没有" not in found.message
    assert found.hint.endswith("teachers/li-ming.yml:1:7")  # where its own first error is


# --- plain Chinese ---------------------------------------------------------------------


def test_values_and_limits_are_written_as_people_write_them(make_catalog):
    root = make_catalog(
        {
            "courses/c.yml": "title: [党史, 党课]\nhours: 150\nreviewed: 2026-01-10\n",
            "sites/s.yml": "name: 馆\nguide: 有\ncategory: x\nreviewed: 2026-01-10\n",
        }
    )
    problems = {(p.path, p.code): p for p in check_catalog(root).errors}
    listed = problems[("courses/c.yml", "wrong-type")].message
    assert "党史、党课" in listed and "['" not in listed
    limit = problems[("courses/c.yml", "out-of-range")].message
    assert "不能大于 100，" in limit and "100.0" not in limit
    boolean = problems[("sites/s.yml", "wrong-type")].message
    assert "应当是“true”或“false”" in boolean and "应当是true" not in boolean


def test_allowed_values_are_listed_in_the_vocabularys_order(make_catalog):
    root = make_catalog({"courses/c.yml": "title: 课\ncategory: 完全不同\nreviewed: 2026-01-10\n"})
    [found] = [p for p in check_catalog(root).errors if p.code == "unknown-value"]
    assert found.hint.startswith("可选的值：政治理论、党史学习、党性教育、党务实务、现代经济")


def test_a_date_that_does_not_exist_is_explained_without_python(make_catalog):
    root = make_catalog({"courses/c.yml": "title: 课\nreviewed: 2026-02-30\n"})
    [found] = [p for p in check_catalog(root).errors if p.path == "courses/c.yml"]
    assert found.message == "日期不存在：“2026-02-30”（这个月没有这一天）"
