"""Problems as CI systems read them (GitHub/Gitea/Forgejo workflow commands, GitLab Code
Quality), and the ready-to-copy CI, pre-commit and editor configuration files."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import yaml

from catalog.core.problems import error, render_github, render_gitlab, warning
from tests.conftest import ROOT

BROKEN = {
    "courses/a.yml": "title：x\n",  # full-width colon
    "teachers/li-ming.yml": """
        name: 李明
        post: 党校讲师
        organisation: 滨湖区委党校
        level: 区长级
        type: 专家学者
        directions: [政治理论]
        reviewed: 2026-01-10
    """,
}


def run(*args):
    return subprocess.run([sys.executable, "-m", "catalog", *args], capture_output=True, text=True)


# --- GitHub workflow commands -----------------------------------------------------------------

WORKFLOW_COMMAND = re.compile(r"^::(error|warning) file=([^,]+),line=(\d+),col=(\d+),title=([^:]+)::(.*)$")


def test_github_annotations_escape_data_and_properties():
    problems = [
        error("courses/a,b.yml", 3, 7, "bad-value", "第一行\n第二行 100%", "改成：x"),
        warning("teachers/x.yml", 1, 1, "idle-teacher", "没有课程"),
    ]
    lines = render_github(problems).splitlines()
    assert len(lines) == 2  # one line per problem: newlines in messages are escaped
    assert lines[0] == (
        "::error file=courses/a%2Cb.yml,line=3,col=7,title=bad-value::第一行%0A第二行 100%25（建议：改成：x）"
    )
    assert lines[1] == "::warning file=teachers/x.yml,line=1,col=1,title=idle-teacher::没有课程"


def test_check_format_github_points_at_files_lines_and_columns(make_catalog):
    root = make_catalog(BROKEN)
    result = run("--root", str(root), "check", "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    parsed = [WORKFLOW_COMMAND.match(line) for line in lines]
    assert all(parsed), lines  # nothing but workflow commands: no summary line in between
    where = {(m[1], m[2], m[3], m[4], m[5]) for m in parsed}
    assert ("error", "courses/a.yml", "1", "6", "fullwidth-colon") in where
    assert ("error", "teachers/li-ming.yml", "4", "8", "unknown-value") in where
    level = next(m for m in parsed if m[5] == "unknown-value")
    assert "区长级" in level[6] and "区级" in level[6]  # the did-you-mean hint travels along


# --- GitLab Code Quality ----------------------------------------------------------------------


IDLE_TEACHER = {  # valid, but no course names her: a warning, not an error
    "teachers/wang-fang.yml": """
        name: 王芳
        post: 社区党委书记
        organisation: 蠡园街道
        level: 区级
        type: 党组织书记
        directions: [社会管理]
        reviewed: 2026-01-10
    """,
}


def test_gitlab_code_quality_report(make_catalog):
    root = make_catalog(BROKEN | IDLE_TEACHER)
    result = run("--root", str(root), "check", "--format", "gitlab")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert isinstance(report, list) and report
    for issue in report:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(issue["location"]["lines"]["begin"], int)
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
    assert len({i["fingerprint"] for i in report}) == len(report)  # GitLab drops repeated ones
    colon = next(i for i in report if i["check_name"] == "fullwidth-colon")
    assert colon["location"] == {"path": "courses/a.yml", "lines": {"begin": 1}}
    assert colon["severity"] == "major"
    idle = [(i["location"]["path"], i["severity"]) for i in report if i["check_name"] == "idle-teacher"]
    assert idle == [("teachers/wang-fang.yml", "minor")]  # a warning is minor
    again = json.loads(run("--root", str(root), "check", "--format", "gitlab").stdout)
    assert again == report  # stable fingerprints: GitLab compares base and head reports


def test_gitlab_fingerprints_survive_moved_lines_and_keep_twins_apart():
    moved = [error("a.yml", 3, 1, "x", "同一个问题")]
    shifted = [error("a.yml", 9, 1, "x", "同一个问题")]
    [before], [after] = json.loads(render_gitlab(moved)), json.loads(render_gitlab(shifted))
    assert before["fingerprint"] == after["fingerprint"]  # an edit above it is no new issue
    assert after["location"]["lines"]["begin"] == 9
    twins = json.loads(render_gitlab([error("a.yml", 3, 1, "x", "重复"), error("a.yml", 5, 1, "x", "重复")]))
    assert twins[0]["fingerprint"] != twins[1]["fingerprint"]


def test_gitlab_report_of_a_clean_catalog_is_an_empty_list(make_catalog):
    root = make_catalog()
    assert json.loads(render_gitlab([])) == []
    result = run("--root", str(root), "check", "--format", "gitlab")
    assert result.returncode == 0
    assert json.loads(result.stdout) == []


# --- ready-to-copy files ------------------------------------------------------------------


def _scripts(node) -> str:
    """Every string in a parsed YAML document, joined (the commands CI will run)."""
    if isinstance(node, dict):
        return "\n".join(_scripts(v) for v in node.values())
    if isinstance(node, list):
        return "\n".join(_scripts(v) for v in node)
    return str(node)


def test_ci_templates_check_build_and_keep_the_site():
    folder = ROOT / "ci-templates"
    gitlab = yaml.safe_load((folder / "gitlab-ci.yml").read_text(encoding="utf-8"))
    assert "catalog check --format gitlab > gl-code-quality-report.json" in _scripts(gitlab)
    assert gitlab["catalog-check"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert "mkdocs build --strict" in gitlab["site"]["script"]
    assert gitlab["site"]["artifacts"]["paths"] == ["site/"]
    assert "catalog diff" in _scripts(gitlab["catalog-diff"])

    for name in ("github-workflow.yml", "gitea-forgejo-workflow.yml"):
        workflow = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
        assert {"push", "pull_request"} <= set(workflow[True])  # `on:` parses as True
        [job] = workflow["jobs"].values()
        commands = _scripts(job["steps"])
        assert "catalog check --format github" in commands
        assert "mkdocs build --strict" in commands
        assert 'catalog diff "origin/$BASE_REF" HEAD' in commands
        uploads = [s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/upload-artifact")]
        assert any(s["with"]["path"] == "site/" for s in uploads)
        checkout = next(s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/checkout"))
        assert checkout["with"]["fetch-depth"] == 0  # the diff needs the base branch


def test_pre_commit_runs_catalog_check_on_records_only():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in config["repos"][0]["hooks"] if h["id"] == "catalog-check")
    assert config["repos"][0]["repo"] == "local"
    assert hook["entry"].endswith("catalog check") and hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    for path in ("courses/a.yml", "teachers/photos/x.png", "sites/b.yml", "routes/c.yml", "vocabulary.yml"):
        assert files.search(path), path
    for path in ("docs/editor-guide.md", "catalog/cli.py", "my-vocabulary.yml", "vocabulary.yml.bak"):
        assert not files.search(path), path


def test_pre_commit_regenerates_schemas_when_vocabulary_or_models_change():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in config["repos"][0]["hooks"] if h["id"] == "catalog-schema")
    assert hook["entry"].endswith("catalog schema --out schemas")
    files = re.compile(hook["files"])
    assert files.search("vocabulary.yml") and files.search("catalog/core/models.py")
    assert not files.search("courses/a.yml")


def test_editorconfig_sets_utf8_lf_and_two_space_yaml():
    text = (ROOT / ".editorconfig").read_text(encoding="utf-8")
    assert "root = true" in text
    top = text.split("[*]", 1)[1].split("[", 1)[0]
    assert "charset = utf-8" in top and "end_of_line = lf" in top
    yaml_section = text.split("[*.{yml,yaml}]", 1)[1].split("[", 1)[0]
    assert "indent_size = 2" in yaml_section
