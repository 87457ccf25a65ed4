"""A catalog larger than one index page: paged without JavaScript, filtered whole with it."""

from __future__ import annotations

import pytest

from catalog import check_catalog
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
        following.click()
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
    shown = cards.evaluate_all("els => els.map(e => e.dataset.id)")
    assert len(shown) == min(batch, len(expected)) and set(shown) <= set(expected)
    assert in_dictionary_order([catalog.courses[i].title for i in shown])
    assert active[-1].id in expected
