"""A catalog larger than one index page: paged without JavaScript, filtered whole with it,
the text of cards beyond the page's own loaded in parts (catalog/site/cards.py)."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from catalog import check_catalog
from catalog.core.kinds import KINDS
from catalog.core.wording import UNKNOWN
from catalog.demo.synthetic import write_demo
from catalog.site.pages import INDEX_PAGE_SIZE
from tests.conftest import ROOT, _SubPathServer, build_site, copy_project

N = 600


@pytest.fixture(scope="module")
def large_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("large")
    assert write_demo(ROOT, base / "data", N) == 0
    project = copy_project(base / "project", base / "data")
    out = base / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    server = _SubPathServer(out)
    yield out, server.url, check_catalog(base / "data").catalog
    server.close()


def dictionary_order(name: str) -> list[str]:
    """Chinese dictionary order, as units expect a list: the pinyin of each Chinese character."""
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(name, style=Style.TONE3, neutral_tone_with_five=True, errors="ignore")


def in_dictionary_order(titles: list[str]) -> bool:
    keys = [dictionary_order(title) for title in titles]
    return keys == sorted(keys)


def test_without_javascript_every_record_is_on_some_page(large_site, browser):
    _, url, catalog = large_site
    active = [c.id for c in catalog.courses.values() if c.status == "active"]
    assert len(active) > INDEX_PAGE_SIZE
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    seen = []
    page.goto(url + "courses/index.html")
    while True:
        seen += page.locator(".menu-cards .menu-card").evaluate_all("els => els.map(e => e.dataset.id)")
        following = page.locator(".menu-pages strong + a")
        if not following.count():
            break
        page.goto(urljoin(page.url, following.get_attribute("href")))  # the next page, loaded
    context.close()
    assert sorted(seen) == sorted(active)  # every record once
    assert in_dictionary_order([catalog.courses[i].title for i in seen])


def test_with_javascript_all_records_filter_and_show_in_batches(large_site, page):
    _, url, catalog = large_site
    active = [c for c in catalog.courses.values() if c.status == "active"]
    page.goto(url + "courses/index.html")
    assert page.locator(".menu-result-count").inner_text() == str(len(active))
    assert not page.locator(".menu-pages").is_visible()
    cards = page.locator(".menu-cards .menu-card")
    batch = cards.count()
    assert 0 < batch < len(active)
    assert f"还有 {len(active) - batch} 条" in page.locator(".menu-more button").inner_text()
    page.locator(".menu-more button").click()
    assert cards.count() == 2 * batch
    category = active[-1].category  # a value held by records beyond the first page
    page.locator(f'fieldset[data-facet="category"] input[value="{category}"]').check()
    expected = [c.id for c in active if c.category == category]
    assert page.locator(".menu-result-count").inner_text() == str(len(expected))
    shown = drawn(page)  # cards beyond the page's own wait for their part first
    assert len(shown) == min(batch, len(expected)) and set(shown) <= set(expected)
    assert in_dictionary_order([catalog.courses[i].title for i in shown])
    assert active[-1].id in expected


# --- card parts (catalog/site/cards.py): the text of cards beyond the page's own comes in parts

PART = re.compile(r"/assets/(cards-courses-[a-z]+-\d+\.js)")


def drawn(page) -> list[str]:
    """The ids of the cards in the list, once no card is waiting for its part."""
    page.wait_for_function("!document.querySelector('.menu-cards .menu-card-pending')")
    return page.locator(".menu-cards .menu-card").evaluate_all("els => els.map(e => e.dataset.id)")


def draw_all(page) -> list[str]:
    """Press 显示更多 until every matching card is drawn."""
    more = page.locator(".menu-more button")
    while True:
        drawn(page)
        if not more.is_visible():
            return drawn(page)
        more.click()


def parts_asked(requests: list[str]) -> set[str]:
    return {m[1] for url in requests if (m := PART.search(url))}


def test_opening_the_index_loads_no_card_part(large_site, page):
    _, url, catalog = large_site
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url + "courses/index.html")
    page.wait_for_load_state("networkidle")
    shown = drawn(page)
    assert len(shown) == 48 and in_dictionary_order([catalog.courses[i].title for i in shown])
    assert parts_asked(requests) == set()  # the first cards are the page's own
    page.locator(".menu-more button").click()  # still within the 200 cards the page rendered
    assert len(drawn(page)) == 96 and parts_asked(requests) == set()


def check_filter_beyond_the_first_page(page, start: str, catalog) -> set[str]:
    """Choose a category held by records far down the list; every card drawn is right."""
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(start + "courses/index.html")
    active = [c for c in catalog.courses.values() if c.status == "active"]
    category = active[-1].category
    expected = [c for c in active if c.category == category]
    page.locator(f'fieldset[data-facet="category"] input[value="{category}"]').check()
    assert page.locator(".menu-result-count").inner_text() == str(len(expected))
    shown = draw_all(page)
    assert sorted(shown) == sorted(c.id for c in expected)  # each once, none missing
    assert in_dictionary_order([catalog.courses[i].title for i in shown])
    cards = page.locator(".menu-cards .menu-card")
    for number in (0, len(shown) - 1):  # the text belongs to the record it stands for
        course = catalog.courses[shown[number]]
        card = cards.nth(number)
        assert card.locator(".menu-card-title").text_content() == course.title  # off-screen too
        assert card.locator(".menu-card-title").get_attribute("href") == f"{course.id}.html"
        assert course.category in (card.locator(".menu-card-meta").text_content() or "")
    for label in page.locator('fieldset[data-facet="audience"] label').all():  # counts narrowed too
        audience = label.locator("input").get_attribute("value")
        count = int(label.locator(".menu-count").inner_text())
        assert count == sum(audience in c.audiences for c in expected)
    return parts_asked(requests)


def test_a_filter_beyond_the_first_page_draws_its_cards_from_parts(large_site, page):
    _, url, catalog = large_site
    assert len(check_filter_beyond_the_first_page(page, url, catalog)) >= 2


def test_card_parts_load_from_disk(large_site, page):
    site, _, catalog = large_site
    assert len(check_filter_beyond_the_first_page(page, site.as_uri() + "/", catalog)) >= 2


def test_sorting_orders_every_record_by_its_key(large_site, page):
    _, url, catalog = large_site
    active = [c for c in catalog.courses.values() if c.status == "active"]
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url + "courses/index.html")
    page.locator(".menu-sort select").select_option("reviewed")
    newest = [catalog.courses[i] for i in drawn(page)]
    rest = [c for c in active if c not in newest]
    assert len(newest) == 48 and min(n.reviewed for n in newest) >= max(c.reviewed for c in rest)
    assert parts_asked(requests) == {"cards-courses-reviewed-0.js"}  # the sort's own first part
    page.locator(".menu-sort select").select_option("hours")
    courses = [catalog.courses[i] for i in draw_all(page)]
    assert sorted(c.id for c in courses) == sorted(c.id for c in active)
    keys = [(c.hours is None, c.hours or 0) for c in courses]  # fewest hours first, unknown last
    assert keys == sorted(keys)
    for hours in {c.hours for c in courses}:  # equal hours keep dictionary order
        assert in_dictionary_order([c.title for c in courses if c.hours == hours])
    assert "sort=hours" in page.url
    fmt = "现场教学"
    page.locator(f'fieldset[data-facet="format"] input[value="{fmt}"]').check()
    page.locator(".menu-sort select").select_option("reviewed")
    courses = [catalog.courses[i] for i in draw_all(page)]
    assert sorted(c.id for c in courses) == sorted(c.id for c in active if fmt in c.formats)
    days = [c.reviewed for c in courses]
    assert days == sorted(days, reverse=True)  # the most recently reviewed first


def test_every_kind_draws_filtered_cards_from_its_parts(large_site, page):
    _, url, catalog = large_site
    for kind, declared in KINDS.items():
        facet = declared.facets[0]
        shown = {s.value for s in declared.statuses if s.listed}
        records = [r for r in catalog.records[kind].values() if r.status in shown]
        page.goto(url + f"{kind}/index.html")
        value = page.locator(f'fieldset[data-facet="{facet.name}"] input').last.get_attribute("value")
        page.locator(f'fieldset[data-facet="{facet.name}"] input[value="{value}"]').check()
        expected = [r.id for r in records if value in (facet.values(r) or [UNKNOWN])]
        assert sorted(draw_all(page)) == sorted(expected), kind


def test_a_card_waits_visibly_while_its_part_loads(large_site, browser):
    _, url, catalog = large_site
    context = browser.new_context()
    held = []
    context.route(PART, lambda route: held.append(route))
    page = context.new_page()
    page.goto(url + "courses/index.html")
    category = [c for c in catalog.courses.values() if c.status == "active"][-1].category
    page.locator(f'fieldset[data-facet="category"] input[value="{category}"]').check()
    waiting = page.locator(".menu-cards .menu-card-pending")
    waiting.first.wait_for()
    assert waiting.first.inner_text() == "正在载入…"
    assert page.locator(".menu-cards").get_attribute("aria-busy") is not None
    for _ in range(200):  # let every held part through, also one asked for after this began
        while held:
            held.pop().continue_()
        if page.evaluate("!document.querySelector('.menu-cards .menu-card-pending')"):
            break
        page.wait_for_timeout(50)
    assert len(drawn(page)) == min(48, int(page.locator(".menu-result-count").inner_text()))
    assert page.locator(".menu-cards").get_attribute("aria-busy") is None
    context.close()


def test_a_part_that_cannot_load_says_so_and_can_be_retried(large_site, browser):
    _, url, catalog = large_site
    context = browser.new_context()
    context.route(PART, lambda route: route.fulfill(status=404, body="not found"))
    page = context.new_page()
    page.goto(url + "courses/index.html")
    active = [c for c in catalog.courses.values() if c.status == "active"]
    category = active[-1].category
    expected = {c.id for c in active if c.category == category}
    page.locator(f'fieldset[data-facet="category"] input[value="{category}"]').check()
    alert = page.locator(".menu-parts-error")
    alert.wait_for()
    assert "张卡片未能载入" in alert.inner_text() and "重新生成网站" in alert.inner_text()
    page.wait_for_function("!document.querySelector('.menu-card-pending:not(.menu-card-failed)')")
    assert page.locator(".menu-card-failed").first.inner_text() == "未能载入"  # never a blank list
    context.unroute(PART)
    page.locator(".menu-parts-retry").click()
    shown = drawn(page)
    assert len(shown) == 48 and set(shown) <= expected
    assert not alert.is_visible()
    context.close()


def test_a_part_from_another_build_is_refused(large_site, browser):
    site, url, catalog = large_site
    context = browser.new_context()

    def stale(route):  # the same part as an older build wrote it: another digest
        body = (site / "assets" / PART.search(route.request.url)[1]).read_text(encoding="utf-8")
        older = re.sub(r'"digest":"[0-9a-f]+"', '"digest":"0123456789ab"', body)
        assert older != body
        route.fulfill(body=older.encode())

    context.route(PART, stale)
    page = context.new_page()
    page.goto(url + "courses/index.html")
    category = [c for c in catalog.courses.values() if c.status == "active"][-1].category
    page.locator(f'fieldset[data-facet="category"] input[value="{category}"]').check()
    page.locator(".menu-parts-error").wait_for()
    assert page.locator(".menu-card-failed").count() > 0
    context.close()


def test_card_data_of_another_build_leaves_the_plain_list(large_site, browser):
    site, url, _ = large_site
    context = browser.new_context()
    index = (site / "assets" / "cards-courses.js").read_text(encoding="utf-8")
    older = re.sub(r'"count":(\d+)', lambda m: f'"count":{int(m[1]) - 1}', index, count=1)
    assert older != index
    context.route("**/assets/cards-courses.js", lambda route: route.fulfill(body=older))
    page = context.new_page()
    page.goto(url + "courses/index.html")
    assert "不一致" in page.locator(".menu-parts-error").inner_text()
    assert page.locator(".menu-pages").is_visible()  # the page links of the plain list still work
    assert not page.locator(".menu-facets").is_visible()
    context.close()
