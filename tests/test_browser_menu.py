"""The menu site in a real Chromium, as a unit secretary uses it: search, filter, follow links.

The site is served under a sub-path on 127.0.0.1; every request that would leave it is
blocked and fails the test, and so does any console error (see the `page` fixture).
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from catalog.core.kinds import KINDS


@pytest.fixture(scope="module")
def active_courses(demo_catalog):
    return [c for c in demo_catalog.courses.values() if c.status == "active"]


def search(page, query):
    page.fill(".menu-search-input", query)
    page.wait_for_function(
        "q => document.querySelector('.menu-search-results').getAttribute('data-query') === q", arg=query
    )
    return page.locator(".menu-search-result")


def test_search_for_dangshi_finds_a_course(page, served_site, demo_catalog):
    page.goto(served_site + "index.html")
    results = search(page, "党史")
    results.first.wait_for()
    hrefs = [a.get_attribute("href") for a in results.all()]
    expected = {c.id for c in demo_catalog.courses.values() if "党史" in c.title}
    assert any(href.endswith(f"courses/{cid}.html") for href in hrefs for cid in expected), hrefs
    first_course = next(r for r in results.all() if "/courses/" in r.get_attribute("href"))
    assert first_course.locator(".menu-tag").inner_text() == "课程"  # the result says what it is


def test_search_finds_a_teacher_by_name_and_opens_the_page(page, served_site, demo_catalog):
    teacher = next(iter(demo_catalog.teachers.values()))
    page.goto(served_site + "courses/index.html")
    results = search(page, teacher.name)
    results.first.wait_for()
    assert results.first.locator(".menu-tag").inner_text() == "师资"
    page.keyboard.press("Enter")  # every result, on the results page
    page.wait_for_url("**/search.html?q=*")
    page.locator(".menu-search-list .menu-search-result").first.click()
    page.wait_for_url(f"**/teachers/{teacher.id}.html")
    assert page.locator("h1").inner_text() == teacher.name


def test_search_finds_a_site_by_name_and_says_when_nothing_matches(page, served_site, demo_catalog):
    site = next(iter(demo_catalog.sites.values()))
    page.goto(served_site + "index.html")
    results = search(page, site.name)
    results.first.wait_for()
    assert results.first.get_attribute("href").endswith(f"sites/{site.id}.html")
    search(page, "不存在的内容乙丙丁")
    assert "没有找到" in page.locator(".menu-search-note").inner_text()


def test_search_works_from_disk(page, demo_site, demo_catalog):
    course = next(c for c in demo_catalog.courses.values() if "党史" in c.title)
    page.goto((demo_site / "index.html").as_uri())
    results = search(page, "党史")
    results.first.wait_for()
    assert any(r.get_attribute("href").endswith(f"courses/{course.id}.html") for r in results.all())


def still_behind_more(page) -> int:
    """The count the “显示更多（还有 N 条）” button announces (0 when it is hidden)."""
    button = page.locator(".menu-more button")
    if not button.is_visible():
        return 0
    return int(button.inner_text().split("还有 ")[1].split(" ")[0])


def visible_cards(page) -> int:
    return page.locator(".menu-card:visible").count()


def test_facet_click_narrows_the_list_and_counts_match(page, served_site, active_courses):
    page.goto(served_site + "courses/index.html")
    assert page.locator(".menu-result-count").inner_text() == str(len(active_courses))
    assert visible_cards(page) + still_behind_more(page) == len(active_courses)
    category = "党史学习"
    expected = [c for c in active_courses if c.category == category]
    label = page.locator('fieldset[data-facet="category"] label', has_text=category)
    assert label.locator(".menu-count").inner_text() == str(len(expected))
    label.locator("input").check()
    assert visible_cards(page) == len(expected)
    assert page.locator(".menu-result-count").inner_text() == str(len(expected))
    audience_counts = {
        lab.locator("input").get_attribute("value"): int(lab.locator(".menu-count").inner_text())
        for lab in page.locator('fieldset[data-facet="audience"] label').all()
    }
    for audience, count in audience_counts.items():  # counts now describe the narrowed list
        assert count == sum(audience in c.audiences for c in expected)
    assert f"category={quote(category)}" in page.url


def test_filtered_url_restores_the_filter_on_reload(page, served_site, active_courses):
    audience = "青年党员"
    fmt = "现场教学"
    page.goto(served_site + f"courses/index.html?audience={quote(audience)}&format={quote(fmt)}")
    expected = [c for c in active_courses if audience in c.audiences and fmt in c.formats]
    assert visible_cards(page) == len(expected) > 0
    assert page.locator(f'input[name="audience"][value="{audience}"]').is_checked()
    page.reload()
    assert visible_cards(page) == len(expected)
    page.locator(".menu-reset").click()
    page.wait_for_function(
        f"document.querySelector('.menu-result-count').textContent == '{len(active_courses)}'"
    )
    assert "audience" not in page.url


def test_every_kind_has_working_facets(page, served_site, demo_catalog):
    for kind, facets in ((k, v.facets) for k, v in KINDS.items()):
        page.goto(served_site + f"{kind}/index.html")
        names = page.locator("fieldset[data-facet]").evaluate_all("els => els.map(e => e.dataset.facet)")
        assert names == [f.name for f in facets]
        first = page.locator("fieldset[data-facet] input").first
        value = first.get_attribute("value")
        facet = facets[0]
        first.check()
        active = [r for r in demo_catalog.records[kind].values() if r.status == "active"]
        assert visible_cards(page) == sum(value in facet.values(r) for r in active)


def test_course_links_to_its_teacher_and_back(page, served_site, demo_catalog, active_courses):
    course = next(c for c in active_courses if c.teachers)
    teacher = demo_catalog.teachers[course.teachers[0]]
    page.goto(served_site + f"courses/{course.id}.html")
    page.get_by_role("link", name=teacher.name, exact=True).click()
    assert page.url.split("?")[0].endswith(f"teachers/{teacher.id}.html")
    assert page.locator("h1").inner_text() == teacher.name
    page.get_by_role("link", name=course.title, exact=True).click()
    assert page.url.split("?")[0].endswith(f"courses/{course.id}.html")


def test_without_javascript_the_full_list_is_readable(browser, served_site, active_courses):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + "courses/index.html")
    assert page.locator(".menu-card:visible").count() == len(active_courses)
    assert not page.locator(".menu-facets").is_visible()
    context.close()
