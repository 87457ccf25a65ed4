"""A rebuild under `mkdocs serve --dirty` gives the site a build from scratch gives (issue #15).

One served project goes through a series of edits, as an editor makes them; after each,
the served site folder (rebuilt in place, writing only what the edit touched) is compared
file by file with a fresh build of the same project into an empty folder. Both are built
the way `mkdocs serve` builds (MkDocs' own `build` with the server's address), in this
process, so the hook's memory lives across the rebuilds as it does in the server.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_project

SERVE_URL = "http://127.0.0.1:8000/"
COURSE = "courses/huguang-sanchongli.yml"  # in the bundle huguang-sanchongli
UNRELATED = "courses/daguo-zhongqi-kexuejia.html"  # a course page no edit below touches


def _build(project: Path, site: Path, *, serve: bool, start: bool = True, dirty: bool = True) -> None:
    """A build as `mkdocs serve --dirty` (serve) or `mkdocs build` makes it; `start`: the
    first build of a server, which MkDocs starts with on_startup (the memory is made new);
    `dirty=False`: `mkdocs serve` without --dirty."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    config.site_url = SERVE_URL
    if start:
        config.plugins.on_startup(command="serve" if serve else "build", dirty=serve and dirty)
    build(config, serve_url=SERVE_URL, dirty=serve and dirty)


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _mtimes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def served(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # both builds date the sitemap alike
    project = copy_project(tmp_path / "project")
    site = tmp_path / "served"
    _build(project, site, serve=True)  # the server's first build; the hook keeps its memory
    return project, site


def _rebuild_matches_fresh(project: Path, site: Path, tmp_path: Path, name: str) -> set[str]:
    """Rebuild the served site after an edit; compare with a build from scratch; return
    the files the rebuild wrote."""
    before = _mtimes(site)
    for path in site.rglob("*"):  # a rebuild within the file system's time resolution
        if path.is_file():
            os.utime(path, ns=(before[path.relative_to(site).as_posix()] - 10**9,) * 2)
    before = _mtimes(site)
    _build(project, site, serve=True, start=False)  # the memory lives in the project's hook module
    fresh_project = tmp_path / f"fresh-{name}"  # the project as it is now (its git too), no cache
    shutil.copytree(project, fresh_project, ignore=shutil.ignore_patterns(".cache", "__pycache__"))
    fresh = tmp_path / f"fresh-site-{name}"
    _build(fresh_project, fresh, serve=False)
    served_files, fresh_files = _files(site), _files(fresh)
    assert sorted(served_files) == sorted(fresh_files)
    differing = [path for path in fresh_files if served_files[path] != fresh_files[path]]
    assert differing == [], f"after {name}, the rebuild differs from a fresh build in {differing[:10]}"
    after = _mtimes(site)
    return {path for path, mtime in after.items() if before.get(path) != mtime}


def test_each_edit_rebuilds_what_it_touches_and_matches_a_fresh_build(served, tmp_path):
    project, site = served

    # a course's title: its page, the pages naming it, the lists; not an unrelated course
    _replace(project / COURSE, "title: ", "title: 新版")
    written = _rebuild_matches_fresh(project, site, tmp_path, "course-title")
    assert "courses/huguang-sanchongli.html" in written
    assert "bundles/huguang-sanchongli.html" in written  # the bundle lists the course
    assert UNRELATED not in written, " ".join(sorted(p for p in written if p.endswith(".html")))
    assert "index.html" in written  # the home page's menu lists courses
    assert "how-to-order.html" not in written  # a hand-written page that shows no records

    # a site two relations away from a bundle (bundle → route → site) is suspended
    _replace(project / "sites/nengju-hongsha.yml", "\nreviewed:", "\nstatus: suspended\nreviewed:")
    written = _rebuild_matches_fresh(project, site, tmp_path, "site-suspended")
    assert "bundles/huguang-sanchongli.html" in written
    assert "routes/chanye-linghang.html" in written
    assert UNRELATED not in written

    # a new course file, then the same course gone again
    new_course = project / "courses/xin-kecheng.yml"
    shutil.copy(project / COURSE, new_course)
    _rebuild_matches_fresh(project, site, tmp_path, "course-added")
    assert (site / "courses/xin-kecheng.html").is_file()
    new_course.unlink()
    _rebuild_matches_fresh(project, site, tmp_path, "course-removed")
    assert not (site / "courses/xin-kecheng.html").exists()

    # a vocabulary term's label, a hand-written page, mkdocs.yml
    _replace(
        project / "vocabulary.yml", "  - 政治理论\n  - 党史学习\n", "  - 党史学习\n  - 政治理论\n"
    )  # facet order
    _rebuild_matches_fresh(project, site, tmp_path, "vocabulary")
    _replace(project / "docs/how-to-order.md", "\n", "\n\n新增的一段说明。\n")
    written = _rebuild_matches_fresh(project, site, tmp_path, "hand-written")
    assert "how-to-order.html" in written
    assert UNRELATED not in written
    _replace(project / "mkdocs.yml", "site_name: 党员教育培训菜单", "site_name: 党员教育培训菜单（试行）")
    written = _rebuild_matches_fresh(project, site, tmp_path, "mkdocs-yml")
    assert UNRELATED in written  # every page shows the site's name


def test_a_failed_rebuild_leaves_nothing_stale(served, tmp_path, monkeypatch):
    """A rebuild that stops after writing its pages (made to fail here as a full disk
    would) and the edit undone after it: the next rebuild must not keep the pages that
    failed build wrote, though their inputs are the earlier build's again."""
    from mkdocs.exceptions import Abort

    from catalog.site.build import SiteBuild

    project, site = served
    course = project / COURSE
    original = course.read_text(encoding="utf-8")
    _replace(course, "title: ", "title: 改过")
    with monkeypatch.context() as patched:

        def full_disk(self):
            raise OSError(28, "No space left on device")

        patched.setattr(SiteBuild, "final_files", full_disk)
        with pytest.raises(OSError):
            _build(project, site, serve=True, start=False)
    assert "改过" in (site / "courses/huguang-sanchongli.html").read_text(encoding="utf-8")
    course.write_text(original, encoding="utf-8")  # undone: the inputs of the first build
    _rebuild_matches_fresh(project, site, tmp_path, "undone")
    course.write_text(original + "hours: [\n", encoding="utf-8")  # an invalid catalog: no build
    with pytest.raises(Abort):
        _build(project, site, serve=True, start=False)
    course.write_text(original, encoding="utf-8")
    _rebuild_matches_fresh(project, site, tmp_path, "fixed")


GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]


def test_in_a_tagged_repository_an_edit_rewrites_the_change_list_not_every_page(tmp_path, monkeypatch):
    """With an edition tag the 更新记录 page lists what changed since it; editing a course
    added since then changes that list, which the pages of the whole catalog show, but every
    other page shows only the edition's name, which the edit leaves alone."""
    import subprocess

    def git(*commands: list[str]) -> None:
        for args in commands:
            subprocess.run([*GIT, *args], cwd=project, check=True, capture_output=True)

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    project = copy_project(tmp_path / "project")
    git(["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "2026"], ["tag", "edition-2026"])
    added = project / "courses/xin-kecheng.yml"  # a course added since the edition
    added.write_text((project / COURSE).read_text("utf-8").replace("title: ", "title: 新课", 1), "utf-8")
    git(["add", "-A"], ["commit", "-qm", "新课"])
    site = tmp_path / "served"
    _build(project, site, serve=True)
    assert "新课" in (site / "changes.html").read_text(encoding="utf-8")
    _replace(added, "title: 新课", "title: 改名的新课")
    written = _rebuild_matches_fresh(project, site, tmp_path, "tagged")
    assert "改名的新课" in (site / "changes.html").read_text(encoding="utf-8")
    assert UNRELATED not in written


def test_serve_without_dirty_rewrites_every_page_and_matches_a_fresh_build(tmp_path, monkeypatch):
    """Plain `mkdocs serve` keeps the engine's values but MkDocs writes every page again."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    project = copy_project(tmp_path / "project")
    site, fresh = tmp_path / "served", tmp_path / "fresh"
    _build(project, site, serve=True, dirty=False)
    _replace(project / COURSE, "title: ", "title: 新版")
    _build(project, site, serve=True, start=False, dirty=False)
    _build(copy_project(tmp_path / "fresh-project", project), fresh, serve=False)
    assert _files(site) == _files(fresh)


def test_plain_builds_keep_nothing(tmp_path):
    """`mkdocs build` computes no keys and keeps no memory (hooks/menu.py on_startup)."""
    project = copy_project(tmp_path / "project", ROOT)
    _build(project, tmp_path / "site", serve=False)
    from catalog.site.rebuild import NO_REUSE

    hook = next(m for name, m in list(__import__("sys").modules.items()) if name == "hooks/menu.py")
    assert hook.state.memory is None
    assert hook.state.build.reuse is NO_REUSE
