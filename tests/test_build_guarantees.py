"""What a build promises: the same bytes on any day, and no half-built site after a failure.

`mkdocs build` refuses a bad catalog before it touches the site folder (tests/test_corpus.py
and test_site_build.py). Later failures are `./dev build`'s job: hooks/atomic_build.py builds
beside the site folder and swaps only a complete site in.
"""

from __future__ import annotations

import datetime as dt
import gzip
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_project, write_catalog

REVIEWED = dt.date(2021, 3, 4)  # not today: the build date must come from the catalog


def _atomic_build():
    spec = importlib.util.spec_from_file_location("atomic_build", ROOT / "hooks" / "atomic_build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


atomic_build = _atomic_build()


def _mkdocs(project: Path, out: Path, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env={**clean, **env})


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("guarantees")
    data = write_catalog(base / "data", {})
    for path in data.rglob("*.yml"):
        if path.parent.name in ("courses", "teachers", "sites", "routes"):
            text = path.read_text(encoding="utf-8").replace("2026-01-10", REVIEWED.isoformat())
            path.write_text(text, encoding="utf-8")
    return copy_project(base / "project", data)


def _gzip_mtime(path: Path) -> int:
    return int.from_bytes(path.read_bytes()[4:8], "little")


def test_sitemap_date_comes_from_the_catalog_not_the_clock(project, tmp_path):
    """With a site_url the sitemap lists a date per page; without, its gzip header has one."""
    dated = copy_project(tmp_path / "dated", project)
    config = dated / "mkdocs.yml"
    config.write_text("site_url: http://intranet.example/menu/\n" + config.read_text("utf-8"), "utf-8")
    out = tmp_path / "site"
    result = _mkdocs(dated, out)
    assert result.returncode == 0, result.stderr
    reviewed = dt.datetime(REVIEWED.year, REVIEWED.month, REVIEWED.day, tzinfo=dt.UTC)
    assert _gzip_mtime(out / "sitemap.xml.gz") == int(reviewed.timestamp())
    sitemap = gzip.decompress((out / "sitemap.xml.gz").read_bytes()).decode("utf-8")
    assert sitemap == (out / "sitemap.xml").read_text(encoding="utf-8")
    dates = re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap)
    assert dates and set(dates) == {REVIEWED.isoformat()}


def test_source_date_epoch_still_wins(project, tmp_path):
    out = tmp_path / "site"
    assert _mkdocs(project, out, SOURCE_DATE_EPOCH="86400").returncode == 0
    assert _gzip_mtime(out / "sitemap.xml.gz") == 86400


def _snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


CRASH_HOOK = """
def on_page_content(html, page, config, files):
    if page.file.src_uri.startswith("routes/"):
        raise RuntimeError("rendering crashed")
    return html
"""


def test_failed_build_after_the_check_keeps_the_previous_site(project, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "stale.html").write_text("an older site", encoding="utf-8")
    (site / ".training-menu-site").write_text("training-menu\n", encoding="utf-8")  # a site of ours
    assert atomic_build.build_and_swap(site, [], cwd=project) == 0
    assert not (site / "stale.html").exists() and (site / "courses" / "party-history.html").is_file()
    before = _snapshot(site)

    broken = copy_project(tmp_path / "broken", project)
    (broken / "crash.py").write_text(CRASH_HOOK, encoding="utf-8")
    config = broken / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "  - hooks/menu.py\n", "  - hooks/menu.py\n  - crash.py\n"
    )
    config.write_text(text, encoding="utf-8")
    (broken / "docs" / "broken-link.md").write_text("# 说明\n\n[链接](missing.md)\n", encoding="utf-8")

    assert atomic_build.build_and_swap(site, [], cwd=broken) != 0  # crashes while rendering
    assert _snapshot(site) == before
    (broken / "crash.py").write_text("", encoding="utf-8")
    # --strict: a broken link. (Not with -q: MkDocs then drops warnings before counting them.)
    assert atomic_build.build_and_swap(site, [], cwd=broken) != 0
    assert _snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "broken", "site"]  # no half site


def test_swap_without_an_earlier_site_and_without_exchange(tmp_path, monkeypatch):
    new, site = tmp_path / ".site.new", tmp_path / "site"
    new.mkdir()
    (new / "index.html").write_text("first", encoding="utf-8")
    atomic_build.swap(new, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "first" and not new.exists()
    new.mkdir()
    (new / "index.html").write_text("second", encoding="utf-8")
    monkeypatch.setattr(atomic_build, "_exchange", lambda a, b: False)  # e.g. not Linux
    atomic_build.swap(new, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_quoted_false_does_not_publish_contacts(project, tmp_path):
    quoted = copy_project(tmp_path / "quoted", project)
    config = quoted / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("publish_contacts: false", 'publish_contacts: "false"'), encoding="utf-8")
    result = _mkdocs(quoted, tmp_path / "site")
    assert result.returncode == 1
    assert "extra.menu.publish_contacts 只能写 true 或 false" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("target", [".", "docs", "courses", "hooks", "..", "docs/sub"])
def test_build_refuses_an_output_folder_that_holds_the_project(project, tmp_path, target):
    """`./dev build -d .` once replaced the whole project with the site; nothing may be lost."""
    work = copy_project(tmp_path / "work", project)
    (work / ".git").mkdir()
    (work / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    before = _tree(work)
    script = [sys.executable, str(ROOT / "hooks" / "atomic_build.py"), "-d", target]
    done = subprocess.run(script, cwd=work, capture_output=True, text=True)
    assert done.returncode == 2, done.stderr
    assert "构建未开始" in done.stderr and "Traceback" not in done.stderr
    assert _tree(work) == before


def test_plain_mkdocs_refuses_a_data_folder_as_output(project, tmp_path):
    work = copy_project(tmp_path / "work", project)
    before = _tree(work / "courses")
    result = _mkdocs(work, work / "courses")
    assert result.returncode == 1 and "在项目的 courses/ 里" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert _tree(work / "courses") == before


def test_build_refuses_a_folder_of_other_files_but_replaces_its_own_site(project, tmp_path):
    other = tmp_path / "photos"
    other.mkdir()
    (other / "wang.jpg").write_bytes(b"\xff\xd8")
    assert atomic_build.build_and_swap(other, [], cwd=project) == 2
    assert _tree(other) == {"wang.jpg": b"\xff\xd8"}
    site = tmp_path / "site"
    assert atomic_build.build_and_swap(site, [], cwd=project) == 0
    assert (site / ".training-menu-site").is_file()
    assert atomic_build.build_and_swap(site, [], cwd=project) == 0  # its own site: replaced


def test_two_builds_at_once_leave_one_whole_site(project, tmp_path):
    site = tmp_path / "site"
    script = [sys.executable, str(ROOT / "hooks" / "atomic_build.py"), "-d", str(site)]
    runs = [subprocess.Popen(script, cwd=project, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate()[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    single = tmp_path / "single"
    assert atomic_build.build_and_swap(single, [], cwd=project) == 0
    assert sorted(_tree(site)) == sorted(_tree(single))  # every file, none half-written
    assert sorted(p.name for p in tmp_path.iterdir()) == [".single.lock", ".site.lock", "single", "site"]


def test_a_site_folder_that_is_a_link_stays_a_link(project, tmp_path):
    """The web server's folder linked as site/: built beside it, swapped in, the link kept."""
    live = tmp_path / "www" / "menu"
    live.mkdir(parents=True)
    link = tmp_path / "site"
    link.symlink_to(live)
    assert atomic_build.build_and_swap(link, [], cwd=project) == 0
    assert link.is_symlink() and (live / "index.html").is_file()
    (live / "index.html").write_text("old", encoding="utf-8")
    assert atomic_build.build_and_swap(link, [], cwd=project) == 0
    assert link.is_symlink() and (live / "index.html").read_text(encoding="utf-8") != "old"
    assert sorted(p.name for p in (tmp_path / "www").iterdir()) == [".menu.lock", "menu"]
    dangling = tmp_path / "gone"
    dangling.symlink_to(tmp_path / "nowhere")
    assert atomic_build.build_and_swap(dangling, [], cwd=project) == 2


@pytest.mark.parametrize(
    ("menu", "message"),
    [
        ('"x"', "extra.menu 应当是“设置项: 值”的映射，现在是 'x'"),
        (
            "\n    publish: true",
            "extra.menu 里没有设置项 publish"
            "（可用：publish_contacts、publish_unit_contacts、publish_declined）",
        ),
        ("\n    publish_contacts: 1", "extra.menu.publish_contacts 只能写 true 或 false"),
        # MkDocs reads YAML 1.1, where these are true: the hook reads them as YAML 1.2 words
        (
            "\n    publish_contacts: yes",
            "extra.menu.publish_contacts 只能写 true 或 false（不加引号），现在是 'yes'",
        ),
        (
            "\n    publish_declined: on",
            "extra.menu.publish_declined 只能写 true 或 false（不加引号），现在是 'on'",
        ),
        ("\n    publish_unit_contacts: No", "extra.menu.publish_unit_contacts 只能写 true 或 false"),
    ],
)
def test_a_wrong_menu_setting_is_a_message_not_a_traceback(project, tmp_path, menu, message):
    wrong = copy_project(tmp_path / "wrong", project)
    config = wrong / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("  menu:")
    end = text.index("\n\n", start)  # the whole menu block, every setting in it
    config.write_text(text[:start] + "  menu: " + menu + text[end:], encoding="utf-8")
    result = _mkdocs(wrong, tmp_path / "site")
    assert result.returncode == 1, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()
    if "只能写" in message:  # `catalog render` (Zensical) reads the same settings the same way
        command = [
            sys.executable,
            "-m",
            "catalog",
            "--root",
            str(wrong),
            "render",
            "--out",
            str(tmp_path / "r"),
        ]
        rendered = subprocess.run(command, capture_output=True, text=True)
        assert rendered.returncode != 0 and message in rendered.stderr, rendered.stderr
        assert "Traceback" not in rendered.stderr
