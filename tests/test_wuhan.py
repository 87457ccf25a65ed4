"""Acceptance: the Wuhan red-tourism list (real data nobody here wrote) imported as an editor would.

`catalog import` of tests/fixtures/wuhan/place.csv and route.csv, with `--map` for its English
headers, `--set` for what every row shares (all places are in 武汉市) and the city's districts
added to vocabulary.yml, and no hand edit of the written records, gives a catalog that passes
`catalog check` and builds. Its pages show no invented fact: the list has no opening hours,
capacity, level, guide or minutes per stop, so the site says 未注明, never 不提供讲解员, never
路程 0 分钟, never a total made of unknowns.

Screenshots of a site page, a route page and the sites index, at 1366×768 and 390×844, are
written to $MENU_SCREENSHOTS when it is set (else to the test's temporary folder), to be
looked at.
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
import textwrap
from html import unescape
from pathlib import Path

import pytest
import yaml

from catalog import check_catalog
from tests.conftest import build_site, copy_project, serving, write_catalog

FIXTURE = Path(__file__).parent / "fixtures" / "wuhan"
DISTRICTS = """
regions:
  - 湖北省:
      - 武汉市:
          - 江岸区
          - 江汉区
          - 硚口区
          - 汉阳区
          - 武昌区
          - 青山区
          - 洪山区
          - 黄陂区
"""
PLACES = [
    "--map", "place_name=name", "--map", "place_lng=coordinates.lon", "--map", "place_lat=coordinates.lat",
    "--map", "place_desc=description", "--map", "place_id=", "--set", "区域=武汉市",
]  # fmt: skip
ROUTES = [
    "--map",
    "route_name=name",
    "--map",
    "route_detail=stops",
    "--map",
    "route_desc=summary",
    "--map",
    "route_id=",
]
VIEWPORTS = ((1366, 768), (390, 844))


def catalog(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "catalog", *args], capture_output=True, text=True)


def rows(name: str) -> list[dict]:
    with (FIXTURE / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def wuhan(tmp_path_factory) -> Path:
    """An empty catalog with Wuhan's districts in its vocabulary, and the two lists imported."""
    root = write_catalog(tmp_path_factory.mktemp("wuhan") / "data", {}, base=False)
    vocabulary = root / "vocabulary.yml"
    text = vocabulary.read_text(encoding="utf-8")
    start, end = text.index("regions:"), text.index("# 教学主题")
    vocabulary.write_text(text[:start] + textwrap.dedent(DISTRICTS).lstrip() + "\n" + text[end:], "utf-8")
    places = catalog("--root", str(root), "import", "site", str(FIXTURE / "place.csv"), *PLACES)
    assert places.returncode == 0, places.stdout + places.stderr
    assert "写入 23 条" in places.stdout
    routes = catalog("--root", str(root), "import", "route", str(FIXTURE / "route.csv"), *ROUTES)
    assert routes.returncode == 0, routes.stdout + routes.stderr
    assert "写入 6 条" in routes.stdout
    return root


def test_the_imported_catalog_passes_check(wuhan):
    result = catalog("--root", str(wuhan), "check")
    assert result.returncode == 0, result.stdout
    assert "检查通过：29 条记录；0 个错误" in result.stdout


def test_every_place_is_a_site_with_its_coordinates_and_nothing_invented(wuhan):
    sites = {s.name: s for s in check_catalog(wuhan).catalog.sites.values()}
    for row in rows("place.csv"):
        site = sites[row["place_name"]]
        assert site.coordinates is not None
        assert (site.coordinates.lat, site.coordinates.lon) == (
            float(row["place_lat"]),
            float(row["place_lng"]),
        )
        assert site.region == ["武汉市"]  # given once for all rows with --set
        assert site.description == row["place_desc"]
    for path in (wuhan / "sites").glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert set(data) == {"name", "region", "coordinates", "description", "reviewed"}  # what the list says


def test_every_route_has_its_stops_in_order_and_no_minutes(wuhan):
    result = check_catalog(wuhan)
    names = {site.id: site.name for site in result.catalog.sites.values()}
    routes = {r.name: r for r in result.catalog.routes.values()}
    for row in rows("route.csv"):
        route = routes[row["route_name"]]
        assert [names[stop.site] for stop in route.stops] == row["route_detail"].split("—")
        assert all(stop.minutes is None and stop.travel_minutes is None for stop in route.stops)
        assert route.total_minutes is None and route.summary == row["route_desc"]


@pytest.fixture(scope="module")
def wuhan_site(wuhan, tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("wuhan-site")
    project = copy_project(base / "project", wuhan)
    built = build_site(project, base / "site")
    assert built.returncode == 0, built.stderr
    return base / "site"


def visible_text(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    html = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", html))


def test_no_page_shows_an_invented_fact(wuhan_site):
    pages = [*wuhan_site.glob("sites/*.html"), *wuhan_site.glob("routes/*.html")]
    assert len(pages) == 23 + 6 + 2  # records and the two index pages
    for page in pages:
        text = visible_text(page)
        assert "不提供讲解员" not in text, page.name
        assert not re.search(r"(?<![0-9])0 分钟", text), page.name  # no 路程 0 分钟
        assert not re.search(r"共 \d+ 分钟|约 \d+ 小时", text), page.name  # no total of unknowns
    site = visible_text(wuhan_site / "sites" / "ba-qi-hui-yi-ji-nian-guan.html")
    for label in ("讲解服务", "开放时间", "单次接待", "阵地层级"):
        assert re.search(rf"{label}\s+未注明", site), label
    route = visible_text(wuhan_site / "routes" / "hong-se-jing-dian.html")
    assert re.search(r"总时长\s+未注明", route) and "停留未注明" in route


def test_the_sites_index_counts_every_site_under_its_city_and_province(wuhan_site):
    html = (wuhan_site / "sites" / "index.html").read_text(encoding="utf-8")
    for value, count in (("湖北省", 23), ("湖北省/武汉市", 23)):
        assert re.search(
            rf'value="{value}"> <span class="menu-facet-label">[^<]+</span> '
            rf'<span class="menu-count">{count}<',
            html,
        )
    guide = html[
        html.index('data-facet="guide"') : html.index("</fieldset>", html.index('data-facet="guide"'))
    ]
    assert 'value="未注明"' in guide and ">23<" in guide and "无讲解员" not in guide


@pytest.fixture(scope="module")
def wuhan_url(wuhan_site):
    with serving(wuhan_site) as url:
        yield url


def test_filtering_by_province_finds_the_citys_sites(page, wuhan_url):
    page.goto(wuhan_url + "sites/index.html")
    page.check('input[name="region"][value="湖北省"]')
    assert page.locator(".menu-result-count").inner_text() == "23"
    assert "region=%E6%B9%96%E5%8C%97%E7%9C%81" in page.url  # 湖北省, kept in the URL


SHOTS = {
    "site": "sites/ba-qi-hui-yi-ji-nian-guan.html",
    "route": "routes/hong-se-jing-dian.html",
    "index": "sites/index.html",
}


@pytest.mark.parametrize("width,height", VIEWPORTS, ids=["desktop", "phone"])
def test_screenshots_of_a_site_a_route_and_the_sites_index(browser, wuhan_url, tmp_path, width, height):
    folder = Path(os.environ.get("MENU_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    for name, path in SHOTS.items():
        page.goto(wuhan_url + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} is wider than a {width} px screen"
        shot = folder / f"wuhan-{name}-{width}.png"
        page.screenshot(path=str(shot), full_page=name != "index")
        assert shot.stat().st_size > 10_000
    if width < 600:  # on a phone the filters open as a drawer: the region tree, folded
        page.click(".menu-filter-open")
        page.locator('fieldset[data-facet="region"] .menu-tree-toggle').first.click()
        page.screenshot(path=str(folder / f"wuhan-index-filters-{width}.png"))
    context.close()
    assert errors == []
