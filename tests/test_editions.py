"""Editions (年度菜单): git tags edition-YYYY, the 更新记录 page, the label on every page, and
an old edition built into its own subfolder with a banner, kept when the site is rebuilt."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT, copy_project

GIT = ["git", "-c", "user.name=编辑", "-c", "user.email=editor@example.cn", "-c", "commit.gpgsign=false"]
BUILD = [sys.executable, str(ROOT / "hooks" / "atomic_build.py")]


def git(project, *args):
    subprocess.run([*GIT, *args], cwd=project, check=True, capture_output=True)


def build(project, *args) -> subprocess.CompletedProcess:
    return subprocess.run([*BUILD, *args], cwd=project, capture_output=True, text=True)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The demo as a repository: tagged edition-2025, then one course added, one changed,
    one archived and one unused site removed, committed but not yet tagged."""
    project = copy_project(tmp_path_factory.mktemp("editions") / "project")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "2025 年版")
    git(project, "tag", "edition-2025")
    courses = sorted((project / "courses").glob("*.yml"))
    source = courses[0].read_text(encoding="utf-8")
    added = re.sub(r"^title: .*$", "title: 新开的一门课", source, flags=re.M)
    (project / "courses" / "xin-kecheng.yml").write_text(added, encoding="utf-8")
    changed = courses[1]
    text = changed.read_text(encoding="utf-8")
    changed.write_text(re.sub(r"^hours: .*$", "hours: 7", text, flags=re.M), encoding="utf-8")
    archived = next(p for p in courses[2:] if "status: archived" not in p.read_text(encoding="utf-8"))
    archived.write_text(archived.read_text(encoding="utf-8") + "status: archived\n", encoding="utf-8")
    site = next(p for p in sorted((project / "sites").glob("*.yml")) if "status" not in p.read_text("utf-8"))
    suspended = "status: suspended\nstatus_date: 2026-03-01\nstatus_reason: 闭馆维修\n"
    site.write_text(site.read_text(encoding="utf-8") + suspended, encoding="utf-8")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "之后的更新")
    return project, changed.stem, archived.stem, site.stem


def test_the_changes_since_the_last_edition_and_the_label(project, tmp_path):
    root, changed, archived, suspended = project
    done = build(root, "-d", str(tmp_path / "site"))
    assert done.returncode == 0, done.stderr
    site = tmp_path / "site"
    for page in ("index.html", "courses/index.html", f"courses/{changed}.html", "how-to-order.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "2025 年版（含之后的更新）" in html and "changes.html" in html, page
    changes = (site / "changes.html").read_text(encoding="utf-8")
    assert "2025 年版发布之后：新增 1 条、修改 2 条、停用或删除 1 条" in changes  # a suspension is a change
    added = changes[changes.index("<h2>新增</h2>") : changes.index("<h2>修改</h2>")]
    assert "新开的一门课" in added and "courses/xin-kecheng.html" in added
    modified = changes[changes.index("<h2>修改</h2>") : changes.index("<h2>停用或删除</h2>")]
    assert f"courses/{changed}.html" in modified and "改了：学时" in modified
    assert f"sites/{suspended}.html" in modified and "改了：状态改为暂停开放" in modified
    assert f"courses/{archived}.html" in changes[changes.index("<h2>停用或删除</h2>") :]

    git(root, "tag", "edition-2026")  # now the working tree is the 2026 edition
    assert build(root, "-d", str(tmp_path / "site2")).returncode == 0
    html = (tmp_path / "site2" / "index.html").read_text(encoding="utf-8")
    assert "2026 年版 · " in html and "含之后的更新" not in html
    changes = (tmp_path / "site2" / "changes.html").read_text(encoding="utf-8")
    assert "与 2025 年版相比" in changes and "新增 1 条" in changes  # 2026 against 2025
    git(root, "tag", "-d", "edition-2026")


def test_an_old_edition_builds_into_its_folder_and_survives_rebuilds(project, tmp_path):
    root, _, archived, _ = project
    site = tmp_path / "site"
    assert build(root, "-d", str(site)).returncode == 0
    done = build(root, "-d", str(site), "--edition", "edition-2025")
    assert done.returncode == 0, done.stderr
    old = site / "2025"
    index = (old / "index.html").read_text(encoding="utf-8")
    assert "这是 2025 年版" in index and 'href="../index.html"' in index  # back to the current site
    assert not (old / "courses" / "xin-kecheng.html").exists()  # added after 2025
    assert "menu-archived" not in (old / "courses" / f"{archived}.html").read_text(encoding="utf-8")
    assert "changes.html" not in index
    assert build(root, "-d", str(site)).returncode == 0  # the current site again
    assert (site / "2025" / "index.html").is_file() and (site / "courses" / "xin-kecheng.html").is_file()


def test_without_editions_the_site_says_nothing_about_them(tmp_path):
    root = copy_project(tmp_path / "plain")  # not a repository
    assert build(root, "-d", str(tmp_path / "site")).returncode == 0
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "年版" not in html and not (tmp_path / "site" / "changes.html").exists()
    refused = build(root, "-d", str(tmp_path / "site"), "--edition", "2025")
    assert refused.returncode == 2 and "edition-2025" in refused.stderr


def test_the_edition_pages_are_accessible(project, tmp_path, browser):
    from tests.conftest import _SubPathServer
    from tests.test_accessibility import axe

    root, _, _, _ = project
    site = tmp_path / "site"
    assert build(root, "-d", str(site)).returncode == 0
    assert build(root, "-d", str(site), "--edition", "edition-2025").returncode == 0
    server = _SubPathServer(site)
    try:
        for width, height in ((1366, 768), (390, 844)):
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            for url in ("changes.html", "2025/index.html", "2025/courses/index.html"):
                page.goto(server.url + url)
                assert axe(page) == [], (url, width)
                assert page.evaluate("document.documentElement.scrollWidth") <= width, (url, width)
            context.close()
    finally:
        server.close()
