"""Build the real site with MkDocs and read the HTML it wrote."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest

from catalog import check_catalog
from tests.conftest import ROOT, build_site, copy_project, write_catalog

DEMO = check_catalog(ROOT).catalog


class Links(HTMLParser):
    """Collects hrefs, srcs and visible text of a page."""

    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.srcs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "href" in attrs:
            self.hrefs.append(attrs["href"])
        if "src" in attrs:
            self.srcs.append(attrs["src"])

    def handle_data(self, data):
        self.text.append(data)


def parse(path):
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_record_has_a_page(demo_site):
    for kind, records in DEMO.records.items():
        for record_id, record in records.items():
            page = demo_site / kind / f"{record_id}.html"
            assert page.is_file(), page
            assert record.label in "".join(parse(page).text)


def test_relations_are_linked_both_ways(demo_site):
    course = next(c for c in DEMO.courses.values() if c.teachers and c.sites)
    course_page = parse(demo_site / "courses" / f"{course.id}.html")
    for teacher_id in course.teachers:
        assert f"../teachers/{teacher_id}.html" in course_page.hrefs
        teacher_page = parse(demo_site / "teachers" / f"{teacher_id}.html")
        assert f"../courses/{course.id}.html" in teacher_page.hrefs
    for site_id in course.sites:
        assert f"../sites/{site_id}.html" in course_page.hrefs
        assert f"../courses/{course.id}.html" in parse(demo_site / "sites" / f"{site_id}.html").hrefs
    route = next(iter(DEMO.routes.values()))
    route_page = parse(demo_site / "routes" / f"{route.id}.html")
    for stop in route.stops:
        assert f"../sites/{stop.site}.html" in route_page.hrefs
        assert f"../routes/{route.id}.html" in parse(demo_site / "sites" / f"{stop.site}.html").hrefs
        if stop.course:
            assert f"../courses/{stop.course}.html" in route_page.hrefs


def test_route_page_draws_the_route_as_inline_svg(demo_site):
    route = next(iter(DEMO.routes.values()))
    html = (demo_site / "routes" / f"{route.id}.html").read_text(encoding="utf-8")
    start = html.index('<svg class="menu-route-svg menu-route-wide"')
    svg = html[start : html.index("</svg>", start)]
    assert svg.count("<circle") == len(route.stops)
    assert f"共 {route.total_minutes} 分钟" in svg
    for stop in route.stops[1:]:
        assert f"路程 {stop.travel_minutes} 分钟" in svg


def test_index_pages_list_every_active_record_with_facets(demo_site):
    html = (demo_site / "courses" / "index.html").read_text(encoding="utf-8")
    active = [c for c in DEMO.courses.values() if c.status == "active"]
    listed = html[
        html.index('<ul class="menu-cards" id="menu-list"') : html.index(
            "</ul>", html.index('id="menu-list"')
        )
    ]
    assert listed.count('class="menu-card"') == len(active)
    data = (demo_site / "assets" / "cards-courses.js").read_text(encoding="utf-8")
    cards = json.loads(data.removeprefix("window.__menuCards = ").removesuffix(";\n"))["cards"]
    ids = cards["fields"].index("id")
    assert sorted(card[ids] for card in cards["rows"]) == sorted(c.id for c in active)
    assert 'data-facet="category"' in html and 'data-facet="audience"' in html
    archived = [c for c in DEMO.courses.values() if c.status != "active"]
    for course in archived:
        assert f'href="{course.id}.html"' in html


def test_record_pages_are_not_in_the_navigation(demo_site):
    html = (demo_site / "index.html").read_text(encoding="utf-8")
    start = html.index('<nav class="md-nav md-nav--primary')
    nav = html[start : html.index("</nav>", start)]
    assert 'href="courses/index.html"' in nav
    record_links = re.findall(r'href="(?:courses|teachers|sites|routes)/(?!index)[^"]+\.html"', nav)
    assert record_links == []
    assert len(html) < 60_000  # a page carries a few nav entries, not the whole catalog


def test_no_request_leaves_the_site_folder(demo_site):
    pattern = re.compile(r"""<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)=["'](https?:)?//""")
    for page in demo_site.rglob("*.html"):
        assert not pattern.search(page.read_text(encoding="utf-8")), page
    for css in demo_site.rglob("*.css"):
        assert not re.search(r"@import|url\((['\"]?)https?:", css.read_text(encoding="utf-8")), css


def test_search_index_is_written_in_small_scripts(demo_site):
    meta = (demo_site / "search" / "meta.js").read_text(encoding="utf-8")
    assert meta.startswith("window.__menuSearch.add(")
    files = {
        f"search/{p.name}": p.read_bytes() for p in (demo_site / "search").iterdir() if p.suffix == ".js"
    }
    from tests.test_search import lookup

    teacher = next(iter(DEMO.teachers.values()))
    assert lookup(files, teacher.name)[0][:3] == [f"teachers/{teacher.id}.html", "师资", teacher.name]
    assert lookup(files, "编辑指南") or lookup(files, "点单")  # hand-written pages are found too
    assert not [url for url, *_ in lookup(files, "课程") if url.endswith("index.html") and "/" in url]


def test_exports(demo_site):
    data = json.loads((demo_site / "exports" / "catalog.json").read_text(encoding="utf-8"))
    assert {k: len(v) for k, v in data.items()} == {k: len(v) for k, v in DEMO.records.items()}
    teacher = data["teachers"][0]
    assert teacher["courses"] == [c.id for c in DEMO.teacher_courses(teacher["id"])]
    assert all("total_minutes" in r for r in data["routes"])
    raw = (demo_site / "exports" / "courses.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][1] == "状态（status）" or "课程名称（title）" in rows[0]
    assert len(rows) == len(DEMO.courses) + 1
    home = parse(demo_site / "index.html")
    assert "exports/catalog.json" in home.hrefs and "exports/courses.csv" in home.hrefs


def test_builds_are_deterministic(demo_site, tmp_path):
    again = tmp_path / "again"
    assert build_site(ROOT, again).returncode == 0
    first = {p.relative_to(demo_site): p.read_bytes() for p in demo_site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    differing = [str(path) for path in first if first[path] != second[path]]
    assert differing == []


def test_invalid_catalog_builds_nothing_and_reports_like_check(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "courses" / "broken.yml").write_text("title：x\n", encoding="utf-8")
    (project / "teachers" / "wang-jianguo.yml").write_text("name: [\n", encoding="utf-8")
    out = tmp_path / "site"
    out.mkdir()
    (out / "old.html").write_text("previous site", encoding="utf-8")
    (out / ".training-menu-site").write_text("training-menu\n", encoding="utf-8")  # built by us
    result = build_site(project, out)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    expected = [p.text() for p in check_catalog(project).errors]
    assert len(expected) >= 2
    for line in expected:
        assert line in result.stderr
    assert "网站未生成" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == [".training-menu-site", "old.html"]  # untouched


def test_site_under_properdocs(tmp_path):
    out = tmp_path / "site"
    result = build_site(ROOT, out, tool="properdocs")
    assert result.returncode == 0, result.stderr
    assert (out / "courses" / "index.html").is_file()
    teacher = next(iter(DEMO.teachers))
    assert (out / "teachers" / f"{teacher}.html").is_file()


@pytest.mark.parametrize("hostile", ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'])
def test_text_from_yaml_is_escaped(tmp_path, hostile):
    root = write_catalog(tmp_path / "data", {})
    course = root / "courses" / "party-history.yml"
    text = course.read_text(encoding="utf-8").replace("从党史看初心。", json.dumps(hostile))
    course.write_text(
        text + f"description: {json.dumps(hostile + ' [x](javascript:alert(1))')}\n", encoding="utf-8"
    )
    project = copy_project(tmp_path / "project", root)
    out = tmp_path / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    html = (out / "courses" / "party-history.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "javascript:" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html or "&#34;&gt;&lt;img" in html


def test_serve_picks_up_yaml_edits_and_survives_errors(tmp_path):
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    project = copy_project(tmp_path / "project")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )

    def fetch(path: str) -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    def wait_for(predicate, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if predicate():
                return True
            time.sleep(0.5)
        return False

    try:
        assert wait_for(lambda: "menu-card" in fetch("courses/index.html"))
        (project / "courses" / "broken.yml").write_text("title：x\n", encoding="utf-8")
        course = next(iter(DEMO.courses))
        source = (ROOT / "courses" / f"{course}.yml").read_text(encoding="utf-8")
        (project / "courses" / "fresh-course.yml").write_text(source, encoding="utf-8")
        time.sleep(4)
        assert "menu-record" not in fetch("courses/fresh-course.html")  # errors: no new site
        (project / "courses" / "broken.yml").unlink()
        assert wait_for(lambda: "menu-record" in fetch("courses/fresh-course.html"))
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "courses/broken.yml:1:6: error:" in output
    assert "Traceback" not in output
