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
    assert seen == active


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
    assert shown == expected[:batch]
    assert active[-1].id in expected
