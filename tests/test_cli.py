"""The `catalog` command as an editor runs it: exit codes, output formats, scaffolds."""

from __future__ import annotations

import json
import subprocess
import sys

import yaml

from tests.conftest import ROOT


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "catalog", *args], capture_output=True, text=True, cwd=cwd)


def test_demo_catalog_passes():
    result = run("--root", str(ROOT), "check")
    assert result.returncode == 0, result.stdout
    assert "0 个错误" in result.stdout.splitlines()[-1]


def test_check_lists_every_problem_and_exits_1(make_catalog):
    root = make_catalog({"courses/a.yml": "title：x\nreviewed: 2026-01-10\n", "courses/b.yml": "- x\n"})
    result = run("--root", str(root), "check")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("courses/a.yml:1:6: error: ")
    assert lines[1].startswith("courses/b.yml:1:1: error: ")
    assert "2 个错误" in lines[-1]


def test_json_format(make_catalog):
    root = make_catalog({"courses/a.yml": "title：x\nreviewed: 2026-01-10\n"})
    result = run("--root", str(root), "check", "--format", "json")
    assert result.returncode == 1
    [item] = json.loads(result.stdout)
    assert item["path"] == "courses/a.yml" and item["line"] == 1 and item["column"] == 6
    assert item["severity"] == "error" and item["code"] == "fullwidth-colon"


def test_usage_errors_exit_2(tmp_path):
    assert run("check", "--format", "xml").returncode == 2
    assert run("frobnicate").returncode == 2
    assert run("--root", str(tmp_path / "missing"), "check").returncode == 2
    assert run("new", "lesson", "x").returncode == 2


FILLED = {
    "courses": {
        "title": "新课",
        "category": "党史学习",
        "summary": "简介",
        "hours": 2,
        "formats": ["讲授式"],
        "audiences": ["新党员"],
        "teachers": ["li-ming"],
    },
    "teachers": {
        "name": "张三",
        "post": "讲师",
        "organisation": "党校",
        "level": "区级",
        "type": "专家学者",
        "directions": ["政治理论"],
    },
    "sites": {
        "name": "新点位",
        "type": "党建馆",
        "level": "区级阵地",
        "region": "蠡园街道",
        "address": "某路 1 号",
    },
    "routes": {"name": "新路线", "theme": "立心铸魂", "summary": "简介", "audiences": ["新党员"]},
}


def _fill(text: str, kind: str) -> str:
    data = yaml.safe_load(text)
    for key, value in FILLED[kind].items():
        assert key in data, f"scaffold lacks {key}"
        data[key] = value
    if kind == "routes":
        data["stops"] = [
            {**stop, "site": site, "minutes": 30, "teaching": "参观", "course": None}
            for stop, site in zip(data["stops"], ["hall-a", "hall-b"], strict=True)
        ]
    return yaml.safe_dump(data, allow_unicode=True)


def test_new_writes_explained_scaffold_that_validates_once_filled(make_catalog):
    root = make_catalog()
    for kind, singular in [
        ("courses", "course"),
        ("teachers", "teacher"),
        ("sites", "site"),
        ("routes", "route"),
    ]:
        result = run("--root", str(root), "new", singular, f"new-{singular}")
        assert result.returncode == 0, result.stderr
        path = root / kind / f"new-{singular}.yml"
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=")
        assert "（必填）" in text and "可选：" in text
        blank = run("--root", str(root), "check", "--format", "json")
        assert any(p["path"] == f"{kind}/new-{singular}.yml" for p in json.loads(blank.stdout))
        path.write_text(_fill(text, kind), encoding="utf-8")
        filled = run("--root", str(root), "check", "--format", "json")
        errors = [p for p in json.loads(filled.stdout) if p["severity"] == "error"]
        assert errors == [], errors
    assert run("--root", str(root), "new", "course", "new-course").returncode == 2  # no overwrite
    assert run("--root", str(root), "new", "course", "Bad Id").returncode == 2
    assert run("--root", str(root), "new", "course", "index").returncode == 2  # a list page's name


def test_schema_per_kind_with_chinese_descriptions_and_vocab(tmp_path):
    result = run("--root", str(ROOT), "schema", "--out", str(tmp_path))
    assert result.returncode == 0
    course = json.loads((tmp_path / "course.schema.json").read_text(encoding="utf-8"))
    assert "id" not in course["properties"]
    assert course["additionalProperties"] is False
    assert course["properties"]["title"]["description"] == "课程名称"
    category = course["properties"]["category"]["anyOf"]  # a category, or none (unknown)
    assert "党史学习" in category[0]["enum"] and category[1] == {"type": "null"}
    assert "讲授式" in course["properties"]["formats"]["items"]["enum"]
    site = json.loads((tmp_path / "site.schema.json").read_text(encoding="utf-8"))
    one, several = site["properties"]["region"]["anyOf"]  # region: 蠡园街道 or [蠡园街道, 河埒街道]
    assert "蠡园街道" in one["enum"] and several["items"] == one
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "bundle.schema.json",
        "course.schema.json",
        "route.schema.json",
        "site.schema.json",
        "teacher.schema.json",
    ]


def test_committed_schemas_match_the_models_and_vocabulary(tmp_path):
    """Scaffolds point editors at schemas/: they must say what the models say today."""
    assert run("--root", str(ROOT), "schema", "--out", str(tmp_path)).returncode == 0
    for fresh in tmp_path.iterdir():
        committed = ROOT / "schemas" / fresh.name
        assert committed.read_text(encoding="utf-8") == fresh.read_text(encoding="utf-8"), (
            f"schemas/{fresh.name} is stale: run `catalog schema --out schemas`"
        )
