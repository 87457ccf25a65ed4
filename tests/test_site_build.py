"""Build the real site with MkDocs and read the HTML it wrote."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import socket
import subprocess
import sys
import threading
import urllib.request
from html.parser import HTMLParser

import pytest

from catalog import check_catalog
from tests.conftest import ROOT, build_site, card_ids, card_index, copy_project, source_records, write_catalog
from tests.test_search import read_files

DATA_FOLDERS = ("courses", "teachers", "sites", "routes", "bundles")


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


def test_every_record_has_a_page(demo_site, demo_catalog):
    for kind, records in demo_catalog.records.items():
        for record_id, record in records.items():
            page = demo_site / kind / f"{record_id}.html"
            assert page.is_file(), page
            assert record.label in "".join(parse(page).text)


def test_relations_are_linked_both_ways(demo_site, demo_catalog):
    course = next(c for c in demo_catalog.courses.values() if c.teachers and c.sites)
    course_page = parse(demo_site / "courses" / f"{course.id}.html")
    for teacher_id in course.teachers:
        assert f"../teachers/{teacher_id}.html" in course_page.hrefs
        teacher_page = parse(demo_site / "teachers" / f"{teacher_id}.html")
        assert f"../courses/{course.id}.html" in teacher_page.hrefs
    for site_id in course.sites:
        assert f"../sites/{site_id}.html" in course_page.hrefs
        assert f"../courses/{course.id}.html" in parse(demo_site / "sites" / f"{site_id}.html").hrefs
    route = next(iter(demo_catalog.routes.values()))
    route_page = parse(demo_site / "routes" / f"{route.id}.html")
    for stop in route.stops:
        assert f"../sites/{stop.site}.html" in route_page.hrefs
        assert f"../routes/{route.id}.html" in parse(demo_site / "sites" / f"{stop.site}.html").hrefs
        if stop.course:
            assert f"../courses/{stop.course}.html" in route_page.hrefs


def test_route_page_draws_the_route_as_inline_svg(demo_site, demo_catalog):
    route = next(iter(demo_catalog.routes.values()))
    html = (demo_site / "routes" / f"{route.id}.html").read_text(encoding="utf-8")
    start = html.index('<svg class="menu-route-svg menu-route-wide"')
    svg = html[start : html.index("</svg>", start)]
    assert svg.count("<circle") == len(route.stops)
    assert f"共 {route.total_minutes} 分钟" in svg
    for stop in route.stops[1:]:
        assert f"路程 {stop.travel_minutes} 分钟" in svg


def test_index_pages_list_every_active_record_with_facets(demo_site, demo_catalog):
    html = (demo_site / "courses" / "index.html").read_text(encoding="utf-8")
    active = [c for c in demo_catalog.courses.values() if c.status == "active"]
    listed = html[
        html.index('<ul class="menu-cards" id="menu-list"') : html.index(
            "</ul>", html.index('id="menu-list"')
        )
    ]
    assert listed.count('class="menu-card"') == len(active)
    assert sorted(card_ids(demo_site, "courses")) == sorted(c.id for c in active)
    assert card_index(demo_site, "courses")["count"] == len(active)
    assert 'data-facet="category"' in html and 'data-facet="audience"' in html
    archived = [c for c in demo_catalog.courses.values() if c.status != "active"]
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


def test_every_page_has_one_heading(demo_site):
    """One <h1> a page: Material adds the title as a heading to content without one, and
    hooks/menu.py hands it a generated page's body only after that choice (on_post_page)."""
    for page in demo_site.rglob("*.html"):
        if page.name != "404.html":
            html = page.read_text(encoding="utf-8")
            assert len(re.findall(r"<h1[ >]", html)) == 1, page.relative_to(demo_site)


def test_no_request_leaves_the_site_folder(demo_site):
    pattern = re.compile(r"""<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)=["'](https?:)?//""")
    for page in demo_site.rglob("*.html"):
        assert not pattern.search(page.read_text(encoding="utf-8")), page
    for css in demo_site.rglob("*.css"):
        assert not re.search(r"@import|url\((['\"]?)https?:", css.read_text(encoding="utf-8")), css


def test_search_index_is_written_in_small_scripts(demo_site):
    """Every record page and every hand-written page is indexed; no list page is."""
    meta = (demo_site / "search" / "meta.js").read_text(encoding="utf-8")
    assert meta.startswith("window.__menuSearch.add(")
    files = {f"search/{p.name}": p.read_bytes() for p in (demo_site / "search").iterdir()}
    assert {name.rsplit(".", 1)[1] for name in files} == {"js"}  # scripts: they load from disk too
    payloads = read_files(files)
    indexed = [
        row[0] for path, data in payloads.items() if path.startswith("search/d") for row in data["rows"]
    ]
    assert payloads["search/meta.js"]["docs"] == len(indexed)
    pages = ["editor-guide.html", "how-to-order.html", "index.html", "orders.html"]  # not architecture.md
    records = [f"{kind}/{rid}.html" for kind in DATA_FOLDERS for rid in source_records(kind)]
    replies = [f"replies/{path.stem}.html" for path in (ROOT / "dispatch").glob("*.yml")]  # found by 单号
    assert sorted(indexed) == sorted(pages + records + replies)


COURSE_CSV_HEADER = [
    "记录 id（id）",
    "状态：active（status）",
    "当前状态自哪天起（status_date）",
    "当前状态的简短说明（status_reason）",
    "最近一次审核（reviewed）",
    "下次复评的期限（next_review）",
    "课程名称（title）",
    "课程类别（category）",
    "一句话简介（summary）",
    "详细介绍（description）",
    "学时（hours）",
    "培训形式（formats）",
    "培训对象（audiences）",
    "授课师资的 id（teachers）",
    "可以开课的教学点位 id（sites）",
    "每期最多人数（capacity）",
    "标记（flags）",
    "检索关键词（keywords）",
    "所在路线（routes）",
]


def test_exports(demo_site):
    data = json.loads((demo_site / "exports" / "catalog.json").read_text(encoding="utf-8"))
    assert {k: len(v) for k, v in data.items()} == {k: len(source_records(k)) for k in DATA_FOLDERS}
    courses = source_records("courses")
    assert {t["id"]: t["courses"] for t in data["teachers"]} == {
        tid: [cid for cid, course in courses.items() if tid in course.get("teachers", [])]
        for tid in source_records("teachers")
    }
    routes = source_records("routes")
    assert {r["id"]: r["total_minutes"] for r in data["routes"]} == {
        rid: sum(stop["minutes"] + stop.get("travel_minutes", 0) for stop in route["stops"])
        for rid, route in routes.items()
    }
    raw = (demo_site / "exports" / "courses.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == COURSE_CSV_HEADER
    assert sorted(row[0] for row in rows[1:]) == sorted(courses)
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


def test_site_under_properdocs(tmp_path, demo_catalog):
    out = tmp_path / "site"
    result = build_site(ROOT, out, tool="properdocs")
    assert result.returncode == 0, result.stderr
    assert (out / "courses" / "index.html").is_file()
    teacher = next(iter(demo_catalog.teachers))
    assert (out / "teachers" / f"{teacher}.html").is_file()


@pytest.mark.parametrize(
    ("hostile", "summary", "description"),
    [
        (
            "<script>alert(1)</script>",
            '<p class="menu-summary">&lt;script&gt;alert(1)&lt;/script&gt;</p>',
            "<p>&lt;script&gt;alert(1)&lt;/script&gt; <a>x</a></p>",
        ),
        (
            '"><img src=x onerror=alert(1)>',
            '<p class="menu-summary">&#34;&gt;&lt;img src=x onerror=alert(1)&gt;</p>',
            '<p>"&gt;&lt;img src=x onerror=alert(1)&gt; <a>x</a></p>',
        ),
    ],
    ids=["script", "img"],
)
def test_text_from_yaml_is_escaped(tmp_path, hostile, summary, description):
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
    assert summary in html  # plain text: escaped
    assert description in html  # Markdown: escaped, and the javascript: link lost its href


class ServeLog:
    """The output of a running `mkdocs serve`, read line by line as it comes."""

    def __init__(self, process):
        self.lines: list[str] = []
        self.changed = threading.Condition()
        self.reader = threading.Thread(target=self._read, args=(process.stdout,), daemon=True)
        self.reader.start()

    def _read(self, stream):
        for line in stream:
            with self.changed:
                self.lines.append(line)
                self.changed.notify_all()

    def wait_for(self, *texts: str, after: int = -1) -> tuple[int, str]:
        """Until a line after line `after` holds one of `texts`: (its number, the text found).

        The limit only stops a hung server; no assertion depends on how long a build takes."""

        def found():
            for number in range(after + 1, len(self.lines)):
                for text in texts:
                    if text in self.lines[number]:
                        return number, text
            return None

        with self.changed:
            seen = self.changed.wait_for(found, timeout=60)
        assert seen, f"none of {texts} printed:\n" + "".join(self.lines)
        return seen

    @property
    def text(self) -> str:
        with self.changed:
            return "".join(self.lines)


REBUILD_FAILED = "An error happened during the rebuild"  # mkdocs serve's own messages
REBUILD_DONE = "Reloading browsers"


def test_serve_picks_up_yaml_edits_and_survives_errors(tmp_path):
    project = copy_project(tmp_path / "project")
    kinds = DATA_FOLDERS
    records = sum(len(list((project / kind).glob("*.yml"))) for kind in kinds)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    scratch = tmp_path / "tmp"  # `mkdocs serve` builds into a temporary folder: this one
    scratch.mkdir()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(scratch)}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--dirty",
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],  # ./dev serve
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    log = ServeLog(server)

    def fetch(path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=60) as response:
            return response.read().decode("utf-8")

    try:
        log.wait_for(f"Serving on http://127.0.0.1:{port}/")
        assert "menu-card" in fetch("courses/index.html")
        [served] = scratch.glob("mkdocs_*")
        assert (served / "courses" / "index.html").is_file()

        (project / "courses" / "broken.yml").write_text("title：x\n", encoding="utf-8")
        source = next(iter(sorted((ROOT / "courses").glob("*.yml")))).read_text(encoding="utf-8")
        (project / "courses" / "fresh-course.yml").write_text(source, encoding="utf-8")
        # A rebuild that read the new course (one record more) and the broken file …
        checked, _ = log.wait_for(f"检查未通过：{records + 2} 个记录文件，{records + 1} 条有效")
        # … and how that rebuild ended:
        ended, how = log.wait_for(REBUILD_FAILED, REBUILD_DONE, after=checked)
        assert how == REBUILD_FAILED
        assert "courses/broken.yml:1:6: error:" in log.text
        assert not (served / "courses" / "fresh-course.html").exists()  # no new site …
        assert (served / "courses" / "index.html").is_file()  # … and the old one stays

        (project / "courses" / "broken.yml").unlink()
        _, how = log.wait_for(REBUILD_FAILED, REBUILD_DONE, after=ended)
        assert how == REBUILD_DONE
        assert "menu-record" in fetch("courses/fresh-course.html")
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.reader.join(timeout=30)
    assert "Traceback" not in log.text
