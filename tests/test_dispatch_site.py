"""The plan published: 培训日程, the replies (回单), booked dates, demand on 统计, and the switch.

Every expectation is read from the demo's plan files themselves (plain YAML here), never
from the code that renders them.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
import yaml

from catalog import check_catalog
from catalog.site.build import SiteBuild
from catalog.site.pages import SiteOptions
from tests.conftest import ROOT
from tests.test_statistics import chart_desc

PLAN_FILES = sorted((ROOT / "dispatch").glob("*.yml"))
PLAN = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in PLAN_FILES}


@pytest.fixture(scope="module")
def checked():
    return check_catalog(ROOT)


def render(checked, path: str, **options) -> str:
    build = SiteBuild(checked.catalog, SiteOptions(**options), plan=checked.plan)
    return build.render(build.pages[path])


def text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def items(status: str | None = None) -> list[tuple[str, dict, dict]]:
    return [(n, o, i) for n, o in PLAN.items() for i in o["items"] if status is None or i["status"] == status]


def test_the_demo_plan_has_what_the_pages_need():
    statuses = {i["status"] for _, _, i in items()}
    assert statuses == {"待安排", "已安排", "改期", "婉拒"}


def test_the_schedule_lists_every_confirmed_item_by_month_and_nothing_else(demo_site, checked):
    html = (demo_site / "schedule.html").read_text(encoding="utf-8")
    entries = re.findall(r'<li class="menu-schedule-entry"(.*?)</li>', html, re.S)
    confirmed = [(n, o, i) for n, o, i in items() if i["status"] in ("已安排", "改期")]
    assert len(entries) == len(confirmed)
    for number, order, item in confirmed:
        entry = next(e for e in entries if f"回单 {number}" in e and item["id"] in e)
        day = item["confirmed_from"]
        assert f"{day.month}月{day.day}日" in text(entry)
        assert f'data-unit="{order["unit"]}"' in entry
        if item.get("teacher"):
            assert f'data-teacher="{item["teacher"]}"' in entry
    for _, _, item in items("婉拒") + items("待安排"):
        assert f'/{item["id"]}.html"' not in "".join(entries)
    months = re.findall(r"<h2>(\d{4}年\d{1,2}月)</h2>", html)
    assert months == sorted(
        {f"{i['confirmed_from'].year}年{i['confirmed_from'].month}月" for *_, i in confirmed}
    )
    assert "张红" not in html and "0510-8588" not in html  # contacts are not published


@pytest.mark.parametrize("number", list(PLAN))
def test_each_order_has_a_reply_that_says_what_was_decided(demo_site, number):
    html = (demo_site / "replies" / f"{number}.html").read_text(encoding="utf-8")
    form = text(html[html.index('class="menu-reply-form"') :])
    order = PLAN[number]
    assert f"单号：{number}" in form and order["unit"] in form
    for item in order["items"]:
        if item["status"] == "婉拒":  # cautious default: not published, but counted
            assert item["reply"] not in form
            continue
        assert item["status"] in form
        if item.get("reply"):
            assert item["reply"] in form
        if item.get("confirmed_from"):
            day = item["confirmed_from"]
            assert f"{day.month}月{day.day}日" in form
    declined = sum(i["status"] == "婉拒" for i in order["items"])
    if declined:
        assert f"另有 {declined} 项未能安排，答复不在网上公布" in form
    assert order["contact"] not in html and order["phone"] not in html


def test_the_switches_publish_declined_items_and_contacts(checked):
    number, order, item = items("婉拒")[0]
    cautious = text(render(checked, f"replies/{number}.md"))
    published = text(
        render(checked, f"replies/{number}.md", publish_declined=True, publish_unit_contacts=True)
    )
    assert item["reply"] not in cautious and order["contact"] not in cautious
    assert item["reply"] in published and "婉拒" in published
    assert order["contact"] in published and order["phone"] in published
    assert "未能安排，答复不在网上公布" not in published


def test_teacher_and_site_pages_list_their_confirmed_dates(demo_site):
    number, order, item = next((n, o, i) for n, o, i in items("已安排") if i.get("teacher"))
    for kind, record_id in (("teachers", item["teacher"]), ("sites", item["site"])):
        html = (demo_site / kind / f"{record_id}.html").read_text(encoding="utf-8")
        section = html[html.index("已确认的培训日程") :]
        assert item["confirmed_from"].isoformat() in section
        assert order["unit"] in section and f"../replies/{number}.html" in section
    idle = next(t for t in (ROOT / "teachers").glob("*.yml") if t.stem not in str(PLAN))
    assert "已确认的培训日程" not in (demo_site / "teachers" / f"{idle.stem}.html").read_text(
        encoding="utf-8"
    )


def test_a_reply_is_found_by_its_number_in_search_and_on_the_reply_list(demo_site):
    listing = (demo_site / "replies" / "index.html").read_text(encoding="utf-8")
    for number in PLAN:
        assert f'<a href="{number}.html">{number}</a>' in listing
    search = "".join(p.read_text(encoding="utf-8") for p in (demo_site / "search").glob("d*.js"))  # chunks
    assert all(f"回单 {number}" in search for number in PLAN)


def test_demand_on_the_statistics_page_counts_the_plan(demo_site, checked):
    catalog = checked.catalog
    asked: dict[str, int] = {}
    declined: dict[str, int] = {}
    audiences_asked: dict[str, int] = {}
    audiences_declined: dict[str, int] = {}
    for _, _, item in items():
        folder = {"课程": "courses", "教学路线": "routes"}.get(item["kind"])
        if folder is None:
            continue  # teachers and sites have no category or audience
        record = catalog.records[folder][item["id"]]
        values = [record.category] if folder == "courses" else []
        for value in values:
            asked[value] = asked.get(value, 0) + 1
            declined[value] = declined.get(value, 0) + (item["status"] == "婉拒")
        for value in record.audiences:
            audiences_asked[value] = audiences_asked.get(value, 0) + 1
            audiences_declined[value] = audiences_declined.get(value, 0) + (item["status"] == "婉拒")
    html = (demo_site / "stats.html").read_text(encoding="utf-8")
    categories = catalog.vocabularies.values("categories")
    audiences = catalog.vocabularies.values("audiences")
    assert chart_desc(html, "demand-category") == {v: asked.get(v, 0) for v in categories}
    assert chart_desc(html, "declined-category") == {v: declined.get(v, 0) for v in categories}
    assert chart_desc(html, "demand-audience") == {v: audiences_asked.get(v, 0) for v in audiences}
    assert chart_desc(html, "declined-audience") == {v: audiences_declined.get(v, 0) for v in audiences}
    assert sum(audiences_declined.values()) > 0  # the demo declines a route: the chart is not all zeros


def test_without_a_plan_there_is_no_demand_chart_and_an_empty_schedule(make_catalog):
    root = make_catalog()
    result = check_catalog(root)
    build = SiteBuild(result.catalog, SiteOptions(), plan=result.plan)
    assert "还没有已安排的培训" in build.render(build.pages["schedule.md"])
    assert 'id="demand-category"' not in build.render(build.pages["stats.md"])
    assert not any(path.startswith("replies/") and path != "replies/index.md" for path in build.pages)


def test_plan_text_is_never_html(make_catalog, tmp_path: Path):
    from tests.order_files import number
    from tests.test_orders import EXTRA

    unit = "<img src=x onerror=alert(1)>党委"
    plan = f"""unit: "{unit}"
items:
  - kind: 课程
    id: party-history
    status: 已安排
    confirmed_from: 2026-12-10
    reply: "<script>alert(1)</script>"
"""
    root = make_catalog({**EXTRA, f"dispatch/{number(unit)}.yml": plan})
    result = check_catalog(root)
    assert result.ok, [p.text() for p in result.errors]
    build = SiteBuild(result.catalog, SiteOptions(), plan=result.plan)
    for path in ("schedule.md", "replies/index.md", f"replies/{number(unit)}.md", "teachers/li-ming.md"):
        html = build.render(build.pages[path])
        assert "<img src=x" not in html and "<script>alert" not in html, path
        assert "&lt;img src=x" in html, path


def test_the_schedule_filters_by_unit_kind_teacher_and_site_and_keeps_it_in_the_url(page, served_site):
    confirmed = [(n, o, i) for n, o, i in items() if i["status"] in ("已安排", "改期")]
    units = [o["unit"] for _, o, _ in confirmed]
    unit = max(set(units), key=units.count)  # the unit with the most arranged items
    page.goto(served_site + "schedule.html")
    entries = page.locator(".menu-schedule-entry")
    shown = lambda: sum(e.is_visible() for e in entries.all())  # noqa: E731
    assert shown() == len(confirmed)
    page.select_option('select[name="unit"]', unit)
    assert shown() == sum(o["unit"] == unit for _, o, _ in confirmed)
    assert page.locator(".menu-schedule-shown").inner_text() == str(shown())
    teacher = next(i["teacher"] for _, o, i in confirmed if o["unit"] == unit and i.get("teacher"))
    page.select_option('select[name="teacher"]', teacher)
    assert shown() == sum(o["unit"] == unit and i.get("teacher") == teacher for _, o, i in confirmed)
    page.reload()  # the filter is in the address, so it can be shared
    assert page.locator('select[name="teacher"]').input_value() == teacher
    assert shown() == sum(o["unit"] == unit and i.get("teacher") == teacher for _, o, i in confirmed)
    page.select_option('select[name="kind"]', "sites")
    assert shown() == 0 and page.locator(".menu-empty").is_visible()
    page.click('.menu-schedule-filters [data-action="clear"]')
    assert shown() == len(confirmed) and "?" not in page.url


def test_no_file_of_the_site_holds_a_units_contact(demo_site):
    contacts = {o["contact"] for o in PLAN.values()} | {o["phone"] for o in PLAN.values()}
    found = [
        (path.relative_to(demo_site).as_posix(), value)
        for path in demo_site.rglob("*")
        if path.is_file() and path.suffix in (".html", ".js", ".json", ".csv", ".xml")
        for value in contacts
        if value in path.read_text(encoding="utf-8", errors="replace")
    ]
    assert found == []


def test_a_reply_of_eight_items_prints_on_one_a4_page(page, tmp_path):
    from tests.conftest import _SubPathServer, build_site, copy_project
    from tests.order_files import number
    from tests.test_print import pdf_pages

    catalog = check_catalog(ROOT).catalog
    courses = [c for c in catalog.courses.values() if c.status == "active" and c.teachers and c.sites][:8]
    lines = []
    for n, course in enumerate(courses, start=1):
        day = f"2027-03-{n:02d}"
        lines += [
            f"  - kind: 课程\n    id: {course.id}\n    date_from: {day}\n    participants: 20\n",
            f"    status: 已安排\n    confirmed_from: {day}\n    teacher: {course.teachers[0]}\n",
            f"    site: {course.sites[0]}\n    reply: 上午九点开始，请提前二十分钟到场签到。\n",
        ]
    unit = "河埒街道景苑社区党委"
    project = copy_project(tmp_path / "project")
    plan = f"unit: {unit}\nitems:\n" + "".join(lines)
    (project / "dispatch" / f"{number(unit, '20270101')}.yml").write_text(plan, encoding="utf-8")
    built = build_site(project, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    server = _SubPathServer(tmp_path / "site")
    try:
        page.goto(server.url + f"replies/{number(unit, '20270101')}.html")
        assert page.locator(".menu-reply-items tbody tr").count() == 8
        page.emulate_media(media="print")
        assert pdf_pages(page.pdf(format="A4", print_background=True)) == 1
    finally:
        server.close()


def test_the_search_box_finds_a_reply_by_its_number(page, served_site):
    number = next(iter(PLAN))
    page.goto(served_site + "index.html")
    page.fill(".menu-search-input", number)
    page.wait_for_function(
        "q => document.querySelector('.menu-search-results').dataset.query === q", arg=number
    )
    hrefs = page.locator(".menu-search-result").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert hrefs and hrefs[0].endswith(f"replies/{number}.html"), hrefs
