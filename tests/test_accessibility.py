"""Every page type has no serious or critical axe-core violation, at 1366×768 and at 390×844.

axe-core comes from the npm registry, pinned and installed by `./dev test` (AXE_VERSION in
./dev) into .venv/node; it is injected into each page of the demo site served under /menu/.
Also checked here: a visible focus ring on the controls a unit uses, a skip link that
works, "/" focusing search, and headings that never skip a level.
"""

from __future__ import annotations

import itertools
import re

import pytest

from tests.conftest import ROOT

AXE = ROOT / ".venv" / "node" / "node_modules" / "axe-core" / "axe.min.js"
SIZES = {"desktop": (1366, 768), "phone": (390, 844)}


KINDS = ("courses", "teachers", "sites", "routes")
PAGE_TYPES = [  # what the demo site shows: a list, not read from the catalog at import time
    "home",
    "order",
    "404",
    "search",
    "guide how-to-order",
    "guide orders",
    "guide editor-guide",
    *[f"index {kind}" for kind in KINDS],
    *[f"record {kind}" for kind in KINDS],
    "archived courses",
    "filtered index",
]


def page_types(catalog, plan) -> dict[str, str]:
    """One URL of every page type (relative to the site root)."""
    found = {
        "home": "index.html",
        "order": "order.html",
        "404": "404.html",
        "search": "search.html?q=%E4%B9%A6%E8%AE%B0",
    }
    for guide in ("how-to-order", "orders", "editor-guide"):
        found[f"guide {guide}"] = f"{guide}.html"
    for kind, records in catalog.records.items():
        found[f"index {kind}"] = f"{kind}/index.html"
        first = next(r for r in records.values() if r.status == "active")
        found[f"record {kind}"] = f"{kind}/{first.id}.html"
        archived = next((r for r in records.values() if r.status != "active"), None)
        if archived is not None:
            found[f"archived {kind}"] = f"{kind}/{archived.id}.html"
    found["schedule"] = "schedule.html"  # 培训日程, from the demo's dispatch plan
    found["replies"] = "replies/index.html"
    found["reply"] = f"replies/{next(iter(plan.orders))}.html"
    course = next(c for c in catalog.courses.values() if c.status == "active")
    found["filtered index"] = f"courses/index.html?category={course.category}&audience={course.audiences[0]}"
    return found


@pytest.fixture(scope="module")
def pages(demo_catalog, demo_plan) -> dict[str, str]:
    return page_types(demo_catalog, demo_plan)


@pytest.fixture
def sized_page(browser, request):
    width, height = SIZES[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    yield page
    context.close()


def axe(page) -> list[dict]:
    assert AXE.is_file(), "axe-core is missing: run ./dev test (it installs it)"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("sized_page", list(SIZES), indirect=True)
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_serious_or_critical_violation(sized_page, served_site, pages, name):
    sized_page.goto(served_site + pages[name])
    sized_page.wait_for_load_state("load")
    found = axe(sized_page)
    summary = [(v["id"], v["impact"], len(v["nodes"]), v["nodes"][0]["target"]) for v in found]
    assert summary == [], summary


def test_headings_never_skip_a_level(page, served_site, pages):
    for name, url in pages.items():
        page.goto(served_site + url)
        levels = page.locator("main :is(h1, h2, h3, h4, h5, h6)")
        numbers = [int(tag[1]) for tag in levels.evaluate_all("els => els.map(e => e.tagName)")]
        assert numbers and numbers[0] == 1, (name, numbers)
        for before, after in itertools.pairwise(numbers):
            assert after <= before + 1, (name, numbers)


def test_skip_link_and_slash_focus_search(page, served_site):
    page.goto(served_site + "courses/index.html")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text().strip() == "跳到正文"  # our skip link (catalog/site/theme/main.html)
    skip.press("Enter")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('menu-search-input')")


@pytest.mark.parametrize("selector", ['.menu-facets input[type="checkbox"]', ".menu-card .menu-order-add"])
def test_focus_is_visible(page, served_site, selector):
    page.goto(served_site + "courses/index.html")
    target = page.locator(selector).first
    target.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard, as :focus-visible requires
    outline = target.evaluate(
        "e => getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).outlineWidth"
    )
    style, width = outline.split()
    assert style != "none" and float(re.sub(r"[^0-9.]", "", width) or 0) >= 2, outline


def test_404_page_works_at_any_depth_under_a_sub_path(page, served_site, demo_site):
    """Served for a missing address (as nginx's error_page does), it finds the site's root."""
    body = (demo_site / "404.html").read_text(encoding="utf-8")
    missing = served_site + "courses/old/removed-course.html"
    page.route(missing, lambda route: route.fulfill(status=404, body=body, content_type="text/html"))
    page.goto(missing)
    page.watch.console_errors[:] = [e for e in page.watch.console_errors if "status of 404" not in e]
    assert page.locator("h1").inner_text() == "找不到这个页面"
    links = page.locator(".menu-home-link").evaluate_all("els => els.map(e => e.href)")
    assert links == [
        served_site + "index.html",
        served_site + "courses/index.html",
        served_site + "order.html",
    ]
    assert "Not found" not in page.content() and "<link" not in body  # Chinese, and loads nothing


def test_few_tabs_from_the_filters_to_the_first_order_button(page, served_site):
    page.goto(served_site + "courses/index.html")
    page.locator(".menu-facets input").first.focus()
    page.keyboard.press("Shift+Tab")  # the link that skips the filters comes right before them
    assert page.evaluate("document.activeElement.textContent") == "跳过筛选，查看列表"
    page.keyboard.press("Enter")
    presses = 0
    while presses < 5:
        presses += 1
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('menu-order-add')"):
            break
    assert presses <= 3, presses  # title link, then 加入点单
