"""Bundles (套餐): a fifth kind, its page and index, shown on each item's page, ordered as one."""

from __future__ import annotations

import subprocess
import sys

import pytest

from catalog import check_catalog
from catalog.orders.reading import read_order_csv
from tests.conftest import ROOT
from tests.test_site_build import parse


@pytest.fixture(scope="module")
def demo():
    return check_catalog(ROOT).catalog


@pytest.fixture(scope="module")
def bundle(demo):
    """The demo's 湖光三重礼: a course, a site visit and a route."""
    return demo.bundles["huguang-sanchongli"]


def test_the_demo_has_bundles_drawn_from_the_seeds(demo):
    assert 4 <= len(demo.bundles) <= 6
    assert any("湖光三重礼" in b.name for b in demo.bundles.values())


def test_a_bundle_page_lists_its_items_in_order_and_adds_up_what_is_known(demo_site, demo, bundle):
    page = parse(demo_site / "bundles" / f"{bundle.id}.html")
    html = (demo_site / "bundles" / f"{bundle.id}.html").read_text(encoding="utf-8")
    items = html[
        html.index('<ol class="menu-bundle-items">') : html.index("</ol>", html.index("menu-bundle-items"))
    ]
    expected = []
    for item in bundle.items:
        for field, kind in (
            ("course", "courses"),
            ("route", "routes"),
            ("site", "sites"),
            ("teacher", "teachers"),
        ):
            if getattr(item, field):
                expected.append(f"../{kind}/{getattr(item, field)}.html")
    found = [href for href in page.hrefs if href in expected]
    assert [href for href in found if href in items] == expected  # in the bundle's order
    courses = [demo.courses[i.course] for i in bundle.items if i.course]
    routes = [demo.routes[i.route] for i in bundle.items if i.route]
    text = "".join(page.text)
    hours = sum(c.hours for c in courses)
    assert f"{len(courses)} 门课程，共 {hours:g} 学时" in text
    minutes = sum(s.minutes + (s.travel_minutes or 0) for r in routes for s in r.stops)  # none before 1st
    assert f"{len(routes)} 条路线" in text and (f"{minutes // 60} 小时" in text)
    untimed = sum(1 for i in bundle.items if i.site or i.teacher)
    assert f"{untimed} 项（点位参观或师资，记录里没有时长）" in text
    for note in (i.note for i in bundle.items if i.note):
        assert note in text


def test_every_item_page_says_which_bundles_hold_it(demo_site, bundle):
    for item in bundle.items:
        kind, record_id = item.target
        html = (demo_site / kind / f"{record_id}.html").read_text(encoding="utf-8")
        section = html[html.index("<h2>包含在套餐</h2>") :]
        assert f"../bundles/{bundle.id}.html" in section, (kind, record_id)


def test_bundles_index_filters_by_what_they_contain(page, served_site, demo):
    page.goto(served_site + "bundles/index.html")
    with_route = [b for b in demo.bundles.values() if any(i.route for i in b.items)]
    page.locator('fieldset[data-facet="content"] input[value="含教学路线"]').check()
    assert page.locator(".menu-result-count").inner_text() == str(len(with_route))
    shown = page.locator(".menu-card").evaluate_all("els => els.map(e => e.dataset.id)")
    assert sorted(shown) == sorted(b.id for b in with_route)


def test_a_bundle_is_ordered_as_one_item_and_needs_its_items_teachers(
    page, served_site, demo, bundle, tmp_path
):
    paths = []
    for unit in ("甲社区党委", "乙街道党工委"):
        page.goto(served_site + f"bundles/{bundle.id}.html")
        page.locator(".menu-record .menu-order-add").click()
        page.goto(served_site + "order.html")
        assert page.locator('.menu-order-group[data-kind="bundles"] .menu-order-item').count() == 1
        page.fill('input[name="unit"]', unit)
        page.fill('input[name="contact"]', "张三")
        page.fill('input[name="phone"]', "0510-85881234")
        item = page.locator(".menu-order-item").first
        item.locator('input[data-key="date_from"]').fill("2027-04-08")
        item.locator('input[data-key="date_to"]').fill("2027-04-08")
        with page.expect_download() as info:
            page.click('button[data-action="csv"]')
        path = tmp_path / f"{unit}.csv"
        info.value.save_as(path)
        paths.append(path)
        rows, problems = read_order_csv(path, demo)
        assert [(r.kind, r.id) for r in rows] == [("bundles", bundle.id)] and not problems
        assert "套餐" in path.read_text(encoding="utf-8-sig")
        page.once("dialog", lambda dialog: dialog.accept())
        page.click('button[data-action="clear"]')
    done = subprocess.run(
        [sys.executable, "-m", "catalog", "--root", str(ROOT), "orders", *map(str, paths)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    course = next(
        demo.courses[i.course] for i in bundle.items if i.course and demo.courses[i.course].teachers
    )
    teacher = demo.teachers[course.teachers[0]]
    undecided = done.stdout[done.stdout.index("待协调") :]  # nothing is decided yet
    assert teacher.name in undecided  # both units need the same teacher on the same day


def test_a_bundle_of_courses_and_routes_only_lists_no_untimed_items(demo_site, demo):
    """No 未注明时长 0: a line with nothing to say is left out."""
    timed = [b for b in demo.bundles.values() if not any(i.site or i.teacher for i in b.items)]
    assert timed  # the demo's 新党员入党第一课 holds courses and a route only
    for bundle in timed:
        text = "".join(parse(demo_site / "bundles" / f"{bundle.id}.html").text)
        assert "未注明时长" not in text, bundle.id
