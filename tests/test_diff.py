"""`catalog diff BASE [HEAD]` on real temporary git repositories with two commits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from catalog.editors.diff import md
from tests.conftest import write_catalog
from tests.test_import import HEADERS, teacher_rows, write_xlsx


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "编辑",
        "GIT_AUTHOR_EMAIL": "editor@example.cn",
        "GIT_COMMITTER_NAME": "编辑",
        "GIT_COMMITTER_EMAIL": "editor@example.cn",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(repo.parent),
    }
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env, check=True)
    return done.stdout


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def catalog(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [sys.executable, "-m", "catalog", *args], capture_output=True, text=True, cwd=cwd, env=env
    )


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repo(tmp_path) -> Path:
    """A git repository whose first commit is the small valid catalog of conftest."""
    repo = tmp_path / "repo"
    write_catalog(repo, {})
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "base catalog")
    return repo


def test_diff_of_two_commits_explains_records_fields_and_relations(repo, tmp_path):
    (repo / "sites" / "hall-b.yml").unlink()  # still a stop of routes/red-line.yml
    course = repo / "courses" / "party-history.yml"
    edit(course, "hours: 2", "hours: 3")
    edit(course, "formats: [讲授式]", "formats: [讲授式, 研讨式]")
    edit(course, "teachers: [li-ming]", "teachers: [li-ming, wang-fang]")
    (repo / "teachers" / "wang-fang.yml").write_text(
        "name: 王芳\npost: 讲师\norganisation: 党校\nlevel: 区级\ntype: 专家学者\n"
        "directions: [政治理论]\nreviewed: 2026-01-10\n",
        encoding="utf-8",
    )
    with (repo / "teachers" / "li-ming.yml").open("a", encoding="utf-8") as handle:
        handle.write("contact:\n  phone: 0510-88886666\n")
    commit(repo, "change")

    result = catalog("--root", str(repo), "diff", "HEAD~1", "HEAD", cwd=tmp_path)  # from elsewhere
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("### 目录变更：`HEAD~1`（")
    assert "新增 1 条、删除 1 条、修改 2 条记录" in text
    assert "❌ 检查未通过" in text
    assert "- `wang-fang` 王芳" in text
    assert "- `hall-b` 马山党群服务中心" in text
    assert "`hours`：2 → 3" in text
    assert "`formats`：+研讨式" in text
    assert "`teachers`：+wang-fang" in text
    assert "`contact`（已修改，个人信息不显示）" in text
    assert "88886666" not in text  # personal data never printed
    assert "断开的关联（1 处，必须修复）" in text
    assert (
        "教学路线 `red-line` 立心铸魂线 的 `stops` → 教学点位 `hall-b` 马山党群服务中心"
        "（目标在本次修改中被删除）" in text
    )
    assert (
        "教学点位 `hall-b` 马山党群服务中心 原先被 教学路线 `red-line` 立心铸魂线 使用（仍在引用，需要修改）"
        in text
    )
    assert "课程 `party-history` 百年党史中的初心使命 的 `teachers` → 师资 `wang-fang` 王芳" in text
    assert "#### 本次修改带来的错误（1 个）" in text
    assert "`routes/red-line.yml:" in text


def test_head_defaults_to_the_working_tree(repo):
    edit(repo / "teachers" / "li-ming.yml", "post: 党校讲师", "post: 党校副教授")
    result = catalog("diff", "main", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "→ 工作区（working tree）" in result.stdout
    assert "`post`：党校讲师 → 党校副教授" in result.stdout
    assert "✅ 检查通过" in result.stdout
    assert "断开的关联" not in result.stdout


def test_vocabulary_changes_are_listed(repo):
    edit(repo / "vocabulary.yml", "  - 线上\n", "  - 线上\n  - 现场观摩\n")
    edit(repo / "vocabulary.yml", "  - 新开课程\n", "")
    text = catalog("diff", "HEAD", cwd=repo).stdout
    assert "#### 词表（vocabulary.yml）" in text
    assert "- `formats`：+现场观摩" in text and "- `flags`：−新开课程" in text
    assert "没有记录变化" in text


def test_comment_only_change_and_markdown_is_escaped(repo):
    edit(repo / "sites" / "hall-a.yml", "name: 滨湖区党建馆", "# 名称已核对\nname: 滨湖区党建馆")
    edit(repo / "teachers" / "li-ming.yml", "name: 李明", "name: 李<b>明</b>*")
    result = catalog("diff", "HEAD", cwd=repo)
    assert "`hall-a` 滨湖区党建馆（只改了格式或注释）" in result.stdout
    assert "<b>" not in result.stdout and "李\\<b\\>明\\</b\\>\\*" in result.stdout
    assert md("a|b") == "a\\|b"


def test_catalog_in_a_subfolder_and_relations_removed(tmp_path):
    repo = tmp_path / "repo"
    write_catalog(repo / "data", {})
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "base catalog")
    (repo / "data" / "sites" / "hall-b.yml").unlink()
    edit(repo / "data" / "routes" / "red-line.yml", "- site: hall-b", "- site: hall-a")
    commit(repo, "route no longer uses hall-b")

    result = catalog("diff", "HEAD^", "HEAD", "--root", str(repo / "data"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "删除 1 条、修改 1 条" in text
    assert "✅ 检查通过" in text and "断开的关联" not in text
    assert "原先被 教学路线 `red-line` 立心铸魂线 使用（已不再引用）" in text
    assert "**解除的关联（1 处）**" in text
    assert "`stops`：2 项 → 2 项" not in text and "`stops`（已修改）" in text


def test_bad_revision_and_no_repository_are_usage_errors(repo, tmp_path):
    bad = catalog("--root", str(repo), "diff", "no-such-branch", cwd=tmp_path)
    assert bad.returncode == 2 and "no-such-branch" in bad.stderr
    plain = tmp_path / "plain"
    write_catalog(plain, {})
    outside = catalog("--root", str(plain), "diff", "HEAD", cwd=tmp_path)
    assert outside.returncode == 2 and "git" in outside.stderr


def test_done_when_thirty_teachers_imported_committed_and_explained(tmp_path):
    """From a sheet of 30 teachers to a reviewed commit: import, check, commit, diff."""
    repo = tmp_path / "repo"
    write_catalog(repo, {}, base=False)
    (repo / "teachers" / ".gitkeep").write_text("", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "empty catalog")

    sheet = write_xlsx(tmp_path / "师资库.xlsx", HEADERS, teacher_rows(30))
    imported = catalog("import", "teacher", str(sheet), cwd=repo)
    assert imported.returncode == 0, imported.stdout
    assert catalog("check", cwd=repo).returncode == 0
    git(repo, "checkout", "-q", "-b", "import-teachers")
    commit(repo, "Import the instructor pool")

    result = catalog("--root", str(repo), "diff", "main", "import-teachers", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "新增 30 条、删除 0 条、修改 0 条记录" in text
    assert "✅ 检查通过：修改后 0 个错误" in text
    assert "#### 师资（teachers）" in text and "**新增 30 条**" in text
    assert "- `wang-jianguo` 王建国" in text and "- `wang-jianguo-2` 王建国" in text
    assert "- `xu-ming` 徐明" in text


def test_a_committed_link_to_an_absolute_path_is_left_out_not_a_traceback(repo):
    """A record file committed as a link to /etc/passwd once crashed `catalog diff`."""
    (repo / "courses" / "evil.yml").symlink_to("/etc/passwd")
    commit(repo, "a link out of the catalog")
    (repo / "courses" / "evil.yml").unlink()
    edit(repo / "courses" / "party-history.yml", "hours: 2", "hours: 3")
    done = catalog("diff", "HEAD", cwd=repo)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "`hours`：2 → 3" in done.stdout
    assert "root:" not in done.stdout  # nothing of /etc/passwd was read
