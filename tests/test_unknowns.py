"""Unknown is a value: a fact a record leaves out is shown as 未注明, never as a default.

A real list lacks hours, guides, levels and minutes per stop. These records say only what
such a list says; the pages, cards, filters, statistics and downloads built from them must
not read as if they said more (不提供讲解员, 1 学时, 路程 0 分钟, a total made of unknowns).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from html import unescape

import pytest

from catalog import check_catalog
from catalog.core.kinds import KINDS
from catalog.core.models import Course, Route, Site, Teacher
from catalog.core.wording import route_length_text
from tests.conftest import build_site, card_parts, copy_project, write_catalog

BARE = {  # records as a bare real list gives them: a name, and little else
    "courses/bare-course.yml": "title: 学习贯彻党的二十大精神\nreviewed: 2026-01-10\n",
    "teachers/bare-teacher.yml": "name: 王艳\nreviewed: 2026-01-10\n",
    "sites/bare-site.yml": "name: 八七会议纪念馆\nreviewed: 2026-01-10\n",
    "sites/no-guide.yml": "name: 无讲解员的点位\nguide: false\nreviewed: 2026-01-10\n",
    "routes/bare-route.yml": """
        name: 红色经典
        stops:
          - site: bare-site
          - site: hall-a
            minutes: 60
          - site: hall-b
            minutes: 120
            travel_minutes: 15
        reviewed: 2026-01-10
    """,
    "bundles/bare-bundle.yml": """
        name: 不全的套餐
        summary: 一门课学时不明，一条路线时长不全。
        items:
          - course: bare-course
          - course: party-history
          - route: bare-route
        reviewed: 2026-01-10
    """,
}


def test_a_record_needs_only_its_name():
    assert Course.model_validate({"id": "c", "title": "课", "reviewed": "2026-01-10"}).hours is None
    teacher = Teacher.model_validate({"id": "t", "name": "王艳", "reviewed": "2026-01-10"})
    assert teacher.employment is None and teacher.type is None and teacher.directions == []
    site = Site.model_validate({"id": "s", "name": "馆", "reviewed": "2026-01-10"})
    assert site.guide is None and site.region == [] and site.level is None
    for model, name in ((Course, "title"), (Teacher, "name"), (Site, "name"), (Route, "name")):
        assert model.model_fields[name].is_required()


def test_a_blank_value_says_nothing_instead_of_failing(make_catalog):
    root = make_catalog({"sites/blank.yml": "name: 馆\naddress:\ntype:\nthemes:\nreviewed: 2026-01-10\n"})
    result = check_catalog(root)
    assert not [p for p in result.problems if p.path == "sites/blank.yml" and p.is_error]
    site = result.catalog.sites["blank"]
    assert (site.address, site.type, site.themes) == ("", None, [])


def test_a_route_says_how_long_as_far_as_it_is_known():
    route = Route.model_validate(
        {
            "id": "r",
            "name": "线",
            "reviewed": "2026-01-10",
            "stops": [
                {"site": "a"},
                {"site": "b", "minutes": 60},
                {"site": "c", "minutes": 120, "travel_minutes": 15},
                {"site": "d", "minutes": 30, "travel_minutes": 10},
            ],
        }
    )
    duration = route.duration
    assert (duration.known, duration.stops_unknown, duration.legs_unknown) == (235, 1, 1)
    assert route.total_minutes is None  # not 235: one stop and one leg are not known
    assert route_length_text(duration) == "至少 3 小时 55 分钟（1 个站点未注明停留时长，1 段路程未注明）"
    assert route_length_text(duration, short=True) == "至少 3 小时 55 分钟"
    whole = Route.model_validate(
        {
            "id": "w",
            "name": "线",
            "reviewed": "2026-01-10",
            "stops": [{"site": "a", "minutes": 60}, {"site": "b", "minutes": 45, "travel_minutes": 20}],
        }
    )
    assert whole.total_minutes == 125 and route_length_text(whole.duration) == "约 2 小时 5 分钟"


def test_filters_count_unknowns_under_weizhuming_and_a_flagless_course_is_not_unknown(make_catalog):
    catalog = check_catalog(make_catalog(BARE)).catalog
    facets = {facet.name: facet for facet in KINDS["courses"].facets}
    course = catalog.courses["bare-course"]
    assert facets["category"].all_values(course) == ["未注明"]
    assert facets["hours"].all_values(course) == ["未注明"]
    assert facets["flag"].all_values(course) == []  # no flag is not an unknown flag
    site_facets = {facet.name: facet for facet in KINDS["sites"].facets}
    assert site_facets["guide"].all_values(catalog.sites["bare-site"]) == ["未注明"]
    assert site_facets["guide"].all_values(catalog.sites["no-guide"]) == ["无讲解员"]
    route_length = next(f for f in KINDS["routes"].facets if f.name == "length")
    assert route_length.all_values(catalog.routes["bare-route"]) == ["未注明"]


@pytest.fixture(scope="module")
def bare_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("bare")
    data = write_catalog(base / "data", BARE)
    project = copy_project(base / "project", data)
    built = build_site(project, base / "site")
    assert built.returncode == 0, built.stderr
    return base / "site"


def text_of(path) -> str:
    html = path.read_text(encoding="utf-8")
    return unescape(re.sub(r"<[^>]+>", " ", html))


def fact(path, label: str) -> str:
    """The value beside a label in a record page's list of facts."""
    html = path.read_text(encoding="utf-8")
    match = re.search(rf"<dt>{label}</dt><dd>(.*?)</dd>", html)
    assert match, label
    return unescape(re.sub(r"<[^>]+>", "", match.group(1)))


def test_pages_say_weizhuming_where_the_record_is_silent(bare_site):
    site = bare_site / "sites" / "bare-site.html"
    assert fact(site, "讲解服务") == "未注明" and "不提供讲解员" not in text_of(site)
    assert fact(site, "开放时间") == "未注明" and fact(site, "阵地层级") == "未注明"
    assert fact(bare_site / "sites" / "no-guide.html", "讲解服务") == "不提供讲解员"  # false is a fact
    course = bare_site / "courses" / "bare-course.html"
    assert fact(course, "学时") == "未注明" and fact(course, "培训对象") == "未注明"
    assert not re.search(r"\b1 学时", text_of(course))
    teacher = bare_site / "teachers" / "bare-teacher.html"
    assert fact(teacher, "专职/兼职") == "未注明" and "兼职" not in fact(teacher, "师资类型")


def test_a_route_page_says_what_is_known_and_invents_no_minutes(bare_site):
    page = bare_site / "routes" / "bare-route.html"
    assert fact(page, "总时长") == "至少 3 小时 15 分钟（1 个站点未注明停留时长，1 段路程未注明）"
    text = text_of(page)
    assert not re.search(r"(?<![0-9])0 分钟", text)  # no 路程 0 分钟, no 停留 0 分钟
    rows = re.findall(r"<tr><td>(\d)</td>.*?</tr>", page.read_text(encoding="utf-8"), flags=re.S)
    assert rows == ["1", "2", "3"]
    second = re.search(r"<tr><td>2</td>(.*?)</tr>", page.read_text(encoding="utf-8"), flags=re.S)
    assert second and "未注明" in second.group(1) and "60 分钟" in second.group(1)  # leg unknown, stay 60
    svg = page.read_text(encoding="utf-8").split('<svg class="menu-route-svg menu-route-wide"')[1]
    svg = svg.split("</svg>")[0]
    assert "停留未注明" in svg and "路程未注明" in svg
    clocks = re.findall(r'class="menu-svg-time">([^<]*)<', svg)
    assert clocks == ["+0:00", "", ""]  # after an unknown stop no time of day is made up
    assert "至少" in fact(page, "总时长") and "可容纳" not in fact(page, "总时长")
    assert "按已注明的点位" in fact(page, "可容纳")  # bare-site states no capacity


def test_a_bundle_adds_up_only_what_its_items_state(bare_site):
    page = bare_site / "bundles" / "bare-bundle.html"
    assert fact(page, "课程学时") == "2 门课程，至少 2 学时（1 门未注明学时）"  # party-history: 2
    assert fact(page, "路线时长") == "1 条路线，至少 3 小时 15 分钟（1 条路线时长不全）（含路程）"
    rows = list(csv.DictReader(io.StringIO((bare_site / "exports" / "bundles.csv").read_text("utf-8-sig"))))
    [row] = [r for r in rows if r["记录 id（id）"] == "bare-bundle"]
    assert (row["课程学时合计（total_hours）"], row["路线时长合计（分钟）（route_minutes）"]) == (
        "",
        "",
    )  # no total made of unknowns


def test_cards_and_downloads_leave_unknowns_out(bare_site):
    metas = [card["meta"] for part in card_parts(bare_site, "courses") for card in part["cards"]]
    assert any("学时未注明" in meta for meta in metas)
    rows = list(csv.DictReader(io.StringIO((bare_site / "exports" / "routes.csv").read_text("utf-8-sig"))))
    bare = next(row for row in rows if row["记录 id（id）"] == "bare-route")
    assert bare["总时长（分钟）（total_minutes）"] == ""  # not 195: not known
    assert bare["可容纳人数（capacity）"] == ""  # bare-site states no capacity: not known either
    whole = next(row for row in rows if row["记录 id（id）"] == "red-line")
    assert whole["总时长（分钟）（total_minutes）"] == "125" and whole["可容纳人数（capacity）"] == "40"


def test_a_routes_facts_bound_its_capacity_only_as_far_as_known(make_catalog):
    catalog = check_catalog(make_catalog(BARE)).catalog
    facts = KINDS["routes"].facts
    assert facts(catalog.routes["bare-route"], catalog).endswith(" · 每批至多 40 人")  # not 40 人以内
    assert facts(catalog.routes["red-line"], catalog).endswith(" · 每批 40 人以内")


def test_statistics_count_unknowns_as_weizhuming(bare_site):
    html = (bare_site / "stats.html").read_text(encoding="utf-8")
    match = re.search(r'<desc id="chart-sites-guide-d">(.*?)（单位', html)
    assert match
    counts = dict(item.rsplit(" ", 1) for item in unescape(match.group(1)).split("；"))
    # hall-a and hall-b say nothing of a guide either: 3 sites unknown, 1 without a guide
    assert counts == {"提供讲解员": "0", "无讲解员": "1", "未注明": "3"}


def test_the_scaffold_shows_every_field_and_says_why_an_unknown_helps(make_catalog):
    from catalog.core.vocabulary import load_vocabularies
    from catalog.editors.scaffold import render_scaffold

    root = make_catalog()
    vocabularies, _ = load_vocabularies(root)
    text = render_scaffold("sites", vocabularies, dt.date(2026, 1, 10))
    for name in Site.model_fields:
        assert name == "id" or f"\n{name}:" in text, name
    assert "不知道就空着，网站显示“未注明”" in text
    assert "有没有讲解员，单位要决定是否自带讲解" in text  # the guide field's Unknown(helps=…)
    named = text.replace("\nname:\n", "\nname: 新点位\n")
    (root / "sites" / "new.yml").write_text(named, encoding="utf-8")  # only the name filled in
    assert not [p for p in check_catalog(root).errors if p.path == "sites/new.yml"]
