"""The search results page and the header box, in Chromium: every hit, ranked, by pinyin too.

书记 once said 找到 36 个结果 and listed 10; now Enter (or 查看全部) opens search.html?q=…,
which lists every match, filters by kind, pages and can be linked. Records whose title holds
the query come first, help pages last; pinyin (dangshi), initials (ds) and a homophone slip
(初新 for 初心) find records.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import expect


@pytest.fixture(scope="module")
def demo(demo_catalog):
    return demo_catalog


def results(page, base, query, extra=""):
    page.goto(base + "search.html?q=" + quote(query) + extra)
    expect(page.locator(".menu-search-page")).to_have_attribute("data-query", query)
    return page


def listed(page) -> list[tuple[str, str, str]]:
    """(kind, title, href) of the results on this page."""
    rows = page.locator(".menu-search-list .menu-search-result")
    return [
        (
            r.locator(".menu-tag").inner_text(),
            r.locator(".menu-search-title").inner_text()[len(r.locator(".menu-tag").inner_text()) :],
            r.get_attribute("href"),
        )
        for r in rows.all()
    ]


def every_result(page, base, query, extra="") -> tuple[int, list[tuple[str, str, str]]]:
    results(page, base, query, extra)
    total = int(page.locator(".menu-search-summary").inner_text().split("共找到 ")[1].split(" ")[0])
    found = listed(page)
    number = 2
    while page.locator(".menu-search-pager a", has_text=str(number)).count():
        results(page, base, query, f"{extra}&page={number}")
        found += listed(page)
        number += 1
    return total, found


def test_every_hit_is_listed_across_pages_and_kinds(page, served_site):
    total, found = every_result(page, served_site, "书记")
    assert total > 20  # more than one page
    assert len(found) == total and len({href for _, _, href in found}) == total  # each once
    results(page, served_site, "书记")
    chips = page.locator(".menu-search-kinds .menu-chip").all_inner_texts()
    assert chips[0] == f"全部 {total}"
    per_kind = {text.rsplit(" ", 1)[0]: int(text.rsplit(" ", 1)[1]) for text in chips[1:]}
    assert sum(per_kind.values()) == total
    assert [kind for kind, _, _ in found].count("课程") == per_kind["课程"]
    _, teachers = every_result(page, served_site, "书记", "&kind=" + quote("师资"))
    assert {kind for kind, _, _ in teachers} == {"师资"} and len(teachers) == per_kind["师资"]


def test_title_matches_first_and_records_before_help_pages(page, served_site):
    for query in ("精品", "党史", "点单"):
        _, found = every_result(page, served_site, query)
        title_hits = [query in title for _, title, _ in found]
        assert title_hits == sorted(title_hits, reverse=True), (query, found)
        rest = [kind == "说明" for (kind, title, _) in found if query not in title]
        assert rest == sorted(rest), (query, found)  # help pages after every record


def test_pinyin_initials_and_a_homophone_slip_find_records(page, served_site, demo):
    course = next(c for c in demo.courses.values() if "党史" in c.title)
    teacher = next(t for t in demo.teachers.values() if t.name == "陈丽华")
    heart = {c.title for c in demo.courses.values() if "初心" in c.title}
    for query, wanted in (
        ("dangshi", course.title),
        ("dangshi", course.title),
        ("ds", course.title),
        ("chenlihua", teacher.name),
        ("clh", teacher.name),
    ):
        _, found = every_result(page, served_site, query)
        assert wanted in [title for _, title, _ in found], (query, found)
    _, found = every_result(page, served_site, "初新")
    assert heart <= {title for _, title, _ in found}
    assert "按读音" in page.locator(".menu-search-summary").inner_text()


def test_header_enter_opens_every_result_and_the_dropdown_links_to_them(page, served_site):
    page.goto(served_site + "teachers/index.html")
    page.fill(".menu-search-input", "书记")
    page.keyboard.press("Enter")  # before the dropdown has answered
    page.wait_for_url("**/search.html?q=%E4%B9%A6%E8%AE%B0")
    page.goto(served_site + "index.html")
    page.fill(".menu-search-input", "书记")
    expect(page.locator(".menu-search-results")).to_have_attribute("data-query", "书记")
    assert page.locator(".menu-search-results .menu-search-result").count() == 8
    more = page.locator(".menu-search-all")
    assert more.inner_text().startswith("查看全部 ") and more.get_attribute("href").endswith(
        "search.html?q=%E4%B9%A6%E8%AE%B0"
    )


def test_browser_object_names_are_just_words(page, served_site):
    results(page, served_site, "constructor")
    assert page.locator(".menu-search-summary").inner_text().startswith("没有找到")
    results(page, served_site, "__proto__")


def test_phone_search_opens_over_the_header_and_slash_focuses_it(browser, served_site):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(served_site + "courses/index.html")
    field = page.locator(".menu-search-input")
    assert not field.is_visible()
    page.locator(".menu-search-toggle").click()
    assert field.is_visible() and page.evaluate(
        "document.activeElement.classList.contains('menu-search-input')"
    )
    box = field.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    page.keyboard.press("Escape")
    assert not field.is_visible()
    page.keyboard.press("/")
    assert field.is_visible() and page.evaluate(
        "document.activeElement.classList.contains('menu-search-input')"
    )
    context.close()


def test_results_page_works_from_disk(page, demo_site, demo):
    course = next(c for c in demo.courses.values() if "党史" in c.title)
    page.goto((demo_site / "search.html").as_uri() + "?q=" + quote("党史"))
    expect(page.locator(".menu-search-page")).to_have_attribute("data-query", "党史")
    assert course.title in page.locator(".menu-search-list").inner_text()
