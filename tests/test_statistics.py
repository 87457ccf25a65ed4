"""The statistics page: every number counted again here from the records themselves."""

from __future__ import annotations

import re
from html import unescape

import pytest
import yaml

from tests.conftest import build_site, copy_project, write_catalog


@pytest.fixture(scope="module")
def demo(demo_catalog):
    return demo_catalog


def chart_desc(html: str, key: str) -> dict[str, int]:
    """label → count as the chart of `key` says it in words (its <desc>)."""
    match = re.search(rf'<desc id="chart-{key}-d">(.*?)（单位', html)
    assert match, key
    return {
        item.rsplit(" ", 1)[0]: int(item.rsplit(" ", 1)[1]) for item in unescape(match.group(1)).split("；")
    }


def test_coverage_counts_active_records_per_value(demo_site, demo):
    html = (demo_site / "stats.html").read_text(encoding="utf-8")
    active = [c for c in demo.courses.values() if c.status == "active"]
    categories = chart_desc(html, "courses-category")
    assert categories == {
        v: sum(c.category == v for c in active) for v in demo.vocabularies.values("categories")
    }
    audiences = chart_desc(html, "courses-audience")
    assert audiences == {
        v: sum(v in c.audiences for c in active) for v in demo.vocabularies.values("audiences")
    }
    sites = [s for s in demo.sites.values() if s.status in ("active", "reassessing")]  # 已认定、复评中
    assert chart_desc(html, "sites-level") == {
        v: sum(s.level == v for s in sites) for v in demo.vocabularies.values("site_levels")
    }
    assert chart_desc(html, "sites-region") == {
        v: sum(v in s.region for s in sites) for v in demo.vocabularies.values("regions")
    }
    teachers = [t for t in demo.teachers.values() if t.status == "active"]
    assert chart_desc(html, "teachers-direction") == {
        v: sum(v in t.directions for t in teachers) for v in demo.vocabularies.values("directions")
    }
    assert f"<strong>{len(active)}</strong><span>课程</span>" in html


def test_teacher_load_and_idle_teachers(demo_site, demo):
    html = (demo_site / "stats.html").read_text(encoding="utf-8")
    table = html[html.index("<h2>师资授课情况</h2>") :]
    rows = re.findall(
        r'<tr><td><a href="teachers/([a-z0-9-]+)\.html">.*?</td><td>.*?</td><td>(\d+)</td></tr>', table
    )
    active = [c for c in demo.courses.values() if c.status == "active"]
    expected = {
        t.id: sum(t.id in c.teachers for c in active) for t in demo.teachers.values() if t.status == "active"
    }
    assert {tid: int(n) for tid, n in rows} == expected
    assert [int(n) for _, n in rows] == sorted((int(n) for _, n in rows), reverse=True)  # most first


def test_gaps_name_the_categories_and_audiences_without_a_course(tmp_path):
    data = write_catalog(tmp_path / "data", {})  # one course: 党史学习, for 新党员
    vocabulary = yaml.safe_load((data / "vocabulary.yml").read_text(encoding="utf-8"))
    project = copy_project(tmp_path / "project", data)
    assert build_site(project, tmp_path / "site").returncode == 0
    html = (tmp_path / "site" / "stats.html").read_text(encoding="utf-8")
    missing = [v for v in vocabulary["categories"] if v != "党史学习"]
    assert f"<strong>课程类别</strong>：还没有在用课程的有 {'、'.join(missing)}。" in html
    missing = [v for v in vocabulary["audiences"] if v != "新党员"]
    assert f"<strong>培训对象</strong>：还没有在用课程的有 {'、'.join(missing)}。" in html
    assert chart_desc(html, "courses-category")["党史学习"] == 1
