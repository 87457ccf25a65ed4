"""`catalog demo`: the synthetic catalog is valid, deterministic, proportional and realistic."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import astuple
from pathlib import Path

import pytest

from catalog.core.models import Route, Vocab
from catalog.core.relations import walk_markers
from catalog.core.vocabulary import load_vocabularies, used_vocabularies
from catalog.demo.synthetic import REFERENCE_DATE, counts_for, write_demo
from catalog.load.validate import check_catalog
from tests.conftest import ROOT


def run(*args):
    return subprocess.run([sys.executable, "-m", "catalog", *args], capture_output=True, text=True, cwd=ROOT)


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def demo200(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "n200"
    assert write_demo(ROOT, out, 200) == 0
    return out


@pytest.mark.parametrize("scale", [1, 2, 30, 200])
def test_demo_catalog_is_valid_without_warnings(tmp_path, scale):
    out = tmp_path / "demo"
    assert write_demo(ROOT, out, scale) == 0
    result = check_catalog(out, today=REFERENCE_DATE)
    assert [p.text() for p in result.problems] == []
    counts = counts_for(scale)
    catalog = result.catalog
    found = (len(catalog.courses), len(catalog.teachers), len(catalog.sites), len(catalog.routes))
    assert (*found, len(catalog.bundles)) == (
        counts.courses,
        counts.teachers,
        counts.sites,
        counts.routes,
        counts.bundles,
    )


def test_same_scale_gives_same_bytes(tmp_path):
    assert write_demo(ROOT, tmp_path / "a", 120) == 0
    assert write_demo(ROOT, tmp_path / "b", 120) == 0
    first, second = files_of(tmp_path / "a"), files_of(tmp_path / "b")
    assert len(first) == 1 + 120 + 40 + 24 + 4 + 2  # vocabulary, courses, teachers, sites, routes, bundles
    assert first == second


def test_counts_are_proportional(demo200):
    assert astuple(counts_for(1)) == (1, 1, 2, 1, 1)
    assert astuple(counts_for(49)) == (49, 16, 9, 1, 1)
    assert astuple(counts_for(10_000)) == (10_000, 3_333, 2_000, 400, 200)
    kinds = ("courses", "teachers", "sites", "routes", "bundles")
    written = {kind: len(list((demo200 / kind).glob("*.yml"))) for kind in kinds}
    assert written == {"courses": 200, "teachers": 66, "sites": 40, "routes": 8, "bundles": 4}
    assert (demo200 / "courses" / "course-00042.yml").is_file()
    assert (demo200 / "teachers" / "teacher-0007.yml").is_file()
    with pytest.raises(ValueError):
        counts_for(0)


def test_relations_and_text_lengths_are_realistic(demo200):
    catalog = check_catalog(demo200, today=REFERENCE_DATE).catalog
    for course in catalog.courses.values():
        assert 1 <= len(course.teachers) <= 3 and len(set(course.teachers)) == len(course.teachers)
        assert 0 <= len(course.sites) <= 2
        assert 8 <= len(course.title) <= 20
        assert 40 <= len(course.summary) <= 90
        assert 300 <= len(course.description) <= 800
        assert course.description.startswith("## ") and "\n- " in course.description
    for route in catalog.routes.values():
        assert isinstance(route, Route) and 3 <= len(route.stops) <= 6
        assert len({stop.site for stop in route.stops}) == len(route.stops)
        assert route.total_minutes <= 720
    for teacher in catalog.teachers.values():
        assert 80 <= len(teacher.bio) <= 200
        assert catalog.teacher_courses(teacher.id)
    for site in catalog.sites.values():
        assert catalog.site_courses(site.id) or catalog.site_routes(site.id)
    spread = {len(course.teachers) for course in catalog.courses.values()}
    assert spread == {1, 2, 3}
    assert {len(course.sites) for course in catalog.courses.values()} == {0, 1, 2}


def test_every_vocabulary_value_is_used(demo200):
    catalog = check_catalog(demo200, today=REFERENCE_DATE).catalog
    used: dict[str, set[str]] = {}
    for by_id in catalog.records.values():
        for record in by_id.values():
            for _, marker, value in walk_markers(record):
                if isinstance(marker, Vocab):
                    used.setdefault(marker.name, set()).add(value)
    vocab, _ = load_vocabularies(ROOT)
    for name in used_vocabularies():
        assert used.get(name) == set(vocab.values(name)), name
    assert (demo200 / "vocabulary.yml").read_bytes() == (ROOT / "vocabulary.yml").read_bytes()


def test_uses_the_vocabulary_of_the_target_root(tmp_path):
    root = tmp_path / "root"
    root.mkdir()
    text = (ROOT / "vocabulary.yml").read_text(encoding="utf-8")
    text = text.replace("  - 乡村振兴\n", "  - 乡村振兴\n  - 统一战线\n  - '2024'\n", 1)
    (root / "vocabulary.yml").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert write_demo(root, out, 60) == 0
    result = check_catalog(out, today=REFERENCE_DATE)
    assert [p.text() for p in result.problems] == []
    categories = {course.category for course in result.catalog.courses.values()}
    assert {"统一战线", "2024"} <= categories


def test_refuses_a_non_empty_folder(tmp_path):
    out = tmp_path / "busy"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    result = run("demo", "--scale", "5", "--out", str(out))
    assert result.returncode == 2
    assert "不是空的" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]


def test_force_replaces_an_earlier_run(tmp_path):
    out = tmp_path / "demo"
    assert run("demo", "--scale", "60", "--out", str(out)).returncode == 0
    result = run("demo", "--scale", "30", "--out", str(out), "--force")
    assert result.returncode == 0, result.stderr
    assert "30 门课程" in result.stdout
    assert len(list((out / "courses").glob("*.yml"))) == 30
    assert check_catalog(out, today=REFERENCE_DATE).problems == []
    fresh = tmp_path / "fresh"
    assert write_demo(ROOT, fresh, 30) == 0
    assert files_of(out) == files_of(fresh)


def test_cli_usage_errors(tmp_path):
    assert run("demo", "--scale", "0", "--out", str(tmp_path / "x")).returncode == 2
    assert run("demo", "--scale", "ten", "--out", str(tmp_path / "x")).returncode == 2
    assert run("demo", "--out", str(tmp_path / "x")).returncode == 2
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert run("demo", "--scale", "3", "--out", str(tmp_path / "file")).returncode == 2
    assert not (tmp_path / "x").exists()


def test_broken_target_vocabulary_is_reported(tmp_path):
    root = tmp_path / "root"
    root.mkdir()
    shutil.copy(ROOT / "vocabulary.yml", root / "vocabulary.yml")
    text = (root / "vocabulary.yml").read_text(encoding="utf-8").replace("formats:", "formats：", 1)
    (root / "vocabulary.yml").write_text(text, encoding="utf-8")
    result = run("--root", str(root), "demo", "--scale", "3", "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "vocabulary.yml:" in result.stderr
    assert not (tmp_path / "out").exists()
