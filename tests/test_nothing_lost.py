"""Nothing lost: every file in the data folders is a record (a page and a catalog.json
entry) or a problem in the report, never silently skipped.

The files are counted here with a walk of our own, not the loader's: every link, every
YAML file anywhere (hidden ones too) and every file placed directly in a data folder.
Files in subfolders that are not YAML (teachers' photos) are assets, not records.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from catalog import check_catalog
from catalog.core.kinds import MODELS
from catalog.load.discover import EXTENSIONS, display_path
from catalog.load.records import load_records
from tests.conftest import MINIMAL, ROOT, build_site, copy_project, write_catalog
from tests.test_corpus import TOGETHER, place


def content_entries(root: Path) -> list[str]:
    """Every entry of the data folders that must end up as a record or a problem."""
    found = []
    for kind in MODELS:
        for dirpath, dirnames, filenames in os.walk(root / kind):
            here = Path(dirpath)
            for name in dirnames + filenames:
                path = here / name
                direct = here == root / kind
                yaml_file = path.suffix.lower() in EXTENSIONS and name in filenames
                if path.is_symlink() or yaml_file or (direct and name in filenames and name[0] != "."):
                    found.append(display_path(path.relative_to(root).as_posix()))
    return sorted(found)


def sort_out(root: Path):
    """(records, reported, check result): every content entry in exactly one of the two."""
    result = check_catalog(root)
    loaded = {
        file.source.path
        for by_id in load_records(root).files.values()
        for file in by_id.values()
        if file.record
    }
    assert len(loaded) == len(result.catalog)
    reported = {p.path for p in result.problems}
    errors = {p.path for p in result.errors}
    records, problems = [], []
    for entry in content_entries(root):
        is_record = entry in loaded and entry not in errors  # loaded, and not refused
        assert is_record or entry in reported, f"lost: {entry}"
        (records if is_record else problems).append(entry)
    assert set(records) == loaded - errors  # no record comes from anywhere else
    return records, problems, result


def test_every_demo_file_is_a_page_and_an_export_entry(demo_site):
    records, problems, result = sort_out(ROOT)
    assert result.ok and problems == [] and len(records) > 100
    exported = json.loads((demo_site / "exports" / "catalog.json").read_text(encoding="utf-8"))
    exported_ids = {f"{kind}/{item['id']}" for kind, items in exported.items() for item in items}
    pages = {
        p.relative_to(demo_site).with_suffix("").as_posix()
        for kind in MODELS
        for p in (demo_site / kind).glob("*.html")
        if not p.name.startswith("index")
    }
    stems = {entry.rsplit(".", 1)[0] for entry in records}
    assert stems == pages == exported_ids


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> Path:
    """The demo catalog plus every file of the corpus (and the small records they use)."""
    base = tmp_path_factory.mktemp("mixed")
    project = copy_project(base / "project")
    write_catalog(project, {})  # MINIMAL's ids differ from the demo's: both kinds of records
    (project / "teachers" / "photos" / "unused.jpg").write_bytes(b"\xff\xd8")  # an asset, not a record
    (project / "courses" / ".gitkeep").write_text("", encoding="utf-8")  # not content either
    for case in TOGETHER:
        place(case, project, base / "outside")
    return project


def test_every_file_of_a_mixed_catalog_is_a_record_or_reported(mixed):
    records, problems, result = sort_out(mixed)
    demo_records, _, _ = sort_out(ROOT)
    placed = {path for c in TOGETHER for path in (*c.at, c.path, *c.also)} | set(MINIMAL)
    assert set(demo_records) <= set(records) and set(records) - set(demo_records) <= placed
    assert {c.path for c in TOGETHER if c.expect is None} <= set(records)  # accepted ones (BOM, CRLF)
    assert {c.path for c in TOGETHER if c.expect is not None and c.severity == "error"} <= set(problems)
    assert set(problems) <= placed
    assert len(records) + len(problems) == len(content_entries(mixed)) > len(demo_records) + 90
    assert not result.ok


def test_a_build_of_the_mixed_catalog_names_every_refused_file(mixed, tmp_path):
    _, problems, result = sort_out(mixed)
    out = tmp_path / "site"
    built = build_site(mixed, out)
    assert built.returncode == 1 and not out.exists()
    refused = {p.path for p in result.errors}
    assert refused and set(problems) - refused  # some are only warned about (hidden files ...)
    for path in refused:
        assert f"{path}:" in built.stderr, path


def test_files_with_only_warnings_still_build(tmp_path):
    """A hidden copy of a record is reported, and the records around it are published."""
    project = copy_project(tmp_path / "project", write_catalog(tmp_path / "data", {}))
    course = next(iter(sorted((project / "courses").glob("*.yml"))))
    shutil.copy(course, project / "courses" / f".{course.name}")
    records, problems, _ = sort_out(project)
    assert problems == [f"courses/.{course.name}"]
    out = tmp_path / "site"
    assert build_site(project, out).returncode == 0
    assert len(records) == len(MINIMAL)
    assert [entry for entry in records if not (out / f"{entry.rsplit('.', 1)[0]}.html").is_file()] == []


@pytest.mark.parametrize("folder", ["courses/old", "courses", "dispatch/2026"])
def test_an_unreadable_folder_is_reported_not_skipped(make_catalog, monkeypatch, folder):
    """chmod 000 on a folder: reading it fails with EACCES, and the check says so.

    The tests run as root, whom the kernel lets read a chmod 000 folder, so the folder is
    both made unreadable and, when we are root, `os.scandir` is made to answer for it as the
    kernel answers any other user (PermissionError); os.walk, which the loaders use, calls it.
    """
    root = make_catalog({f"{folder}/party-history-2.yml": "title: 旧课\n"})
    target = root / folder
    real_scandir = os.scandir

    def scandir(path=".", *args):
        if os.geteuid() == 0 and Path(os.fsdecode(path)).resolve() == target.resolve():
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_scandir(path, *args)

    monkeypatch.setattr(os, "scandir", scandir)
    target.chmod(0)
    try:
        result = check_catalog(root)
    finally:
        target.chmod(0o755)
    found = [(p.path, p.code, p.message) for p in result.problems if p.code == "unreadable-folder"]
    assert found == [
        (
            folder,
            "unreadable-folder",
            "无法读取这个文件夹，里面的记录都没有检查（cannot read folder）：Permission denied",
        )
    ]
    assert not result.ok
