"""The unit's day on a phone (390×844 and 320 wide) and an old PC (1366×768), in Chromium.

Nothing is wider than the screen, the order count stays visible, filters sit in a drawer
with a "显示 N 条" bar on a phone, chosen filters show as removable chips, lists sort by
name (pinyin order), hours or review date, and long facets fold behind 更多.
"""

from __future__ import annotations

import pytest
import yaml
from playwright.sync_api import expect

from tests.conftest import serving, site_of, write_catalog

PHONE = {"width": 390, "height": 844}
NARROW = {"width": 320, "height": 640}
DESKTOP = {"width": 1366, "height": 768}


@pytest.fixture(scope="module")
def demo(demo_catalog):
    return demo_catalog


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    yield page
    context.close()


def page_types(demo, plan) -> list[str]:
    found = ["index.html", "order.html", "stats.html", "search.html?q=x", "how-to-order.html", "orders.html"]
    found.append("editor-guide.html")
    found += ["schedule.html", "replies/index.html", *(f"replies/{number}.html" for number in plan.orders)]
    for kind, records in demo.records.items():
        found += [f"{kind}/index.html", f"{kind}/{next(iter(records))}.html"]
    return found


@pytest.mark.parametrize("viewport", [NARROW, PHONE, DESKTOP], ids=["320", "390", "1366"])
def test_no_page_scrolls_sideways_and_the_order_count_is_on_screen(
    browser, served_site, demo, demo_plan, viewport
):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    for url in page_types(demo, demo_plan):
        page.goto(served_site + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], (url, width)
        box = page.locator(".menu-order-link").bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], (url, box)
        assert box["y"] + box["height"] <= viewport["height"]
    context.close()


def test_phone_filters_open_in_a_drawer_and_show_the_count(phone, served_site, demo):
    active = [c for c in demo.courses.values() if c.status == "active"]
    category = active[0].category
    phone.goto(served_site + "courses/index.html")
    assert not phone.locator(".menu-facets").is_visible()  # folded away: the list comes first
    assert phone.locator(".menu-card").first.bounding_box()["y"] < PHONE["height"]
    phone.locator(".menu-filter-open").tap()
    drawer = phone.locator(".menu-facets")
    assert drawer.is_visible()
    phone.locator(f'fieldset[data-facet="category"] input[value="{category}"]').check()
    expected = sum(c.category == category for c in active)
    bar = phone.locator(".menu-filter-done")
    assert bar.is_visible() and bar.inner_text() == f"显示 {expected} 条"
    box = bar.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"] and box["height"] >= 44  # always reachable
    bar.tap()
    assert not drawer.is_visible()
    assert phone.locator(".menu-result-count").inner_text() == str(expected)
    assert phone.locator(".menu-filter-badge").inner_text() == "（已选 1）"
    for target in phone.locator(".menu-facets label, .menu-order-add, .menu-filter-open").all()[:40]:
        box = target.bounding_box()
        assert box is None or box["height"] >= 44, box  # hidden ones have no box


def test_chosen_filters_are_chips_that_remove_themselves(page, served_site, demo):
    course = next(c for c in demo.courses.values() if c.status == "active")
    page.goto(served_site + f"courses/index.html?category={course.category}&audience={course.audiences[0]}")
    chips = page.locator(".menu-chip-remove")
    assert chips.count() == 2
    assert chips.nth(0).inner_text() == f"课程类别：{course.category} ×"
    chips.nth(0).click()
    expect(chips).to_have_count(1)
    assert "category" not in page.url
    page.locator(".menu-clear").click()
    expect(chips).to_have_count(0)
    assert not page.locator(".menu-active").is_visible()
    total = sum(c.status == "active" for c in demo.courses.values())
    assert page.locator(".menu-result-count").inner_text() == str(total)


def test_lists_sort_by_name_hours_and_review(page, served_site, demo):
    active = [c for c in demo.courses.values() if c.status == "active"]
    page.goto(served_site + "courses/index.html")
    first = page.locator(".menu-card .menu-card-title").first
    baxiang = next(c for c in active if c.id.startswith("baxiang"))
    assert first.inner_text() != baxiang.title  # not by id: 中央八项规定 is under z, not b
    page.select_option(".menu-sort select", "hours")
    assert "sort=hours" in page.url
    assert first.inner_text() in {c.title for c in active if c.hours == min(x.hours for x in active)}
    page.select_option(".menu-sort select", "reviewed")
    newest = max(c.reviewed for c in active)
    assert first.inner_text() in {c.title for c in active if c.reviewed == newest}
    page.reload()
    assert page.locator(".menu-sort select").input_value() == "reviewed"  # kept in the URL


THEMES = [f"主题{n:02d}" for n in range(1, 15)]  # more than the ten a facet shows unfolded


@pytest.fixture(scope="module")
def many_themes(tmp_path_factory):
    """A small catalog whose sites use 14 themes, built and served."""
    base = tmp_path_factory.mktemp("themes")
    data = write_catalog(base / "data", {})
    vocabulary = yaml.safe_load((data / "vocabulary.yml").read_text(encoding="utf-8"))
    vocabulary["themes"] += THEMES
    (data / "vocabulary.yml").write_text(yaml.safe_dump(vocabulary, allow_unicode=True), encoding="utf-8")
    site = data / "sites" / "hall-a.yml"
    site.write_text(site.read_text(encoding="utf-8") + f"themes: [{', '.join(THEMES)}]\n", encoding="utf-8")
    with serving(site_of(base, data)) as url:
        yield url


def test_long_facets_fold_behind_more_with_a_filter_box(page, many_themes):
    page.goto(many_themes + "sites/index.html")
    fieldset = page.locator('fieldset[data-facet="theme"]')
    labels = fieldset.locator("label")
    assert labels.count() == len(THEMES) + 1  # and 未注明: hall-b names no theme
    assert labels.last.locator(".menu-facet-label").inner_text() == "未注明"
    assert sum(label.is_visible() for label in labels.all()) == 10
    more = fieldset.locator(".menu-facet-more")
    assert more.inner_text() == "更多（5）"
    more.click()
    assert all(label.is_visible() for label in labels.all())
    fieldset.locator(".menu-facet-filter").fill("主题13")
    shown = [label.locator(".menu-facet-label").inner_text() for label in labels.all() if label.is_visible()]
    assert shown == ["主题13"]
    other = page.locator('fieldset[data-facet="type"]')  # a short facet does not fold
    assert other.locator(".menu-facet-more").count() == 0
