"""The browser's own object names as data: `constructor`, `__proto__`, `toString`,
`hasOwnProperty` as vocabulary values (course categories, audiences, route themes), a
record whose id is `constructor`, searches for them. Facets count them, filtering,
search, the order page and export treat them as any other word (issue 17, item 7)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
import yaml
from playwright.sync_api import expect

from tests.conftest import ROOT, serving, site_of, write_catalog

NAMES = ["constructor", "__proto__", "toString", "hasOwnProperty"]


def course(title, category, audiences, summary="讲授内容。"):
    return yaml.safe_dump(
        {
            "title": title,
            "category": category,
            "summary": summary,
            "hours": 2,
            "formats": ["讲授式"],
            "audiences": audiences,
            "teachers": ["li-ming"],
            "reviewed": "2026-01-10",
        },
        allow_unicode=True,
    )


# Counts chosen by hand: category `constructor` twice, every other name once; audience
# `__proto__` on three courses, `constructor` on none.
COURSES = {
    "courses/constructor.yml": course("构造课程", "constructor", ["__proto__"], "讲 constructor 一词。"),
    "courses/proto-course.yml": course("原型课程", "__proto__", ["__proto__", "新党员"]),
    "courses/to-string.yml": course("文本课程", "toString", ["toString"]),
    "courses/own-property.yml": course("属性课程", "hasOwnProperty", ["hasOwnProperty"]),
    "courses/second-builder.yml": course("第二构造课程", "constructor", ["__proto__"]),
}
CATEGORY_COUNTS = {"constructor": 2, "__proto__": 1, "toString": 1, "hasOwnProperty": 1, "党史学习": 1}
AUDIENCE_COUNTS = {"__proto__": 3, "toString": 1, "hasOwnProperty": 1, "constructor": 0}


@pytest.fixture(scope="module")
def object_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("object-names")
    data = write_catalog(base / "data", COURSES)
    vocabulary = yaml.safe_load((data / "vocabulary.yml").read_text(encoding="utf-8"))
    for name in ("categories", "audiences", "themes"):
        vocabulary[name] = [*vocabulary[name], *NAMES]
    (data / "vocabulary.yml").write_text(yaml.safe_dump(vocabulary, allow_unicode=True), encoding="utf-8")
    route = data / "routes/red-line.yml"
    text = route.read_text(encoding="utf-8").replace("theme: 立心铸魂", "theme: __proto__")
    route.write_text(text, encoding="utf-8")
    with serving(site_of(base, data)) as url:
        yield url


def counts(page, facet):
    """{value: the count shown next to it} of one facet of the index page."""
    labels = page.locator(f'.menu-facets input[name="{facet}"]')
    found = {}
    for i in range(labels.count()):
        box = labels.nth(i)
        found[box.get_attribute("value")] = box.locator("xpath=..").locator(".menu-count").inner_text()
    return found


def test_facet_counts_and_filters_treat_object_names_as_values(page, object_site):
    page.goto(object_site + "courses/index.html")
    expect(page.locator(".menu-result-count").first).to_have_text("6")
    shown = counts(page, "category")
    for value, n in CATEGORY_COUNTS.items():
        assert shown[value] == str(n), (value, shown)
    shown = counts(page, "audience")
    for value, n in AUDIENCE_COUNTS.items():  # a value no record uses is not offered
        assert shown.get(value, "0") == str(n), (value, shown)

    page.locator('.menu-facets input[name="category"][value="constructor"]').check()
    expect(page.locator(".menu-result-count").first).to_have_text("2")
    ids = page.locator(".menu-cards .menu-card").evaluate_all("els => els.map(e => e.dataset.id).sort()")
    assert ids == ["constructor", "second-builder"]
    assert "category=constructor" in page.url
    page.locator('.menu-facets input[name="category"][value="__proto__"]').check()  # OR within a facet
    expect(page.locator(".menu-result-count").first).to_have_text("3")
    page.locator('.menu-facets input[name="audience"][value="新党员"]').check()  # AND across facets
    expect(page.locator(".menu-result-count").first).to_have_text("1")
    assert page.locator(".menu-cards .menu-card").evaluate_all("els => els.map(e => e.dataset.id)") == [
        "proto-course"
    ]

    page.goto(object_site + "courses/index.html?audience=__proto__&audience=toString")  # from the URL
    expect(page.locator(".menu-result-count").first).to_have_text("4")
    assert page.locator('.menu-facets input[value="__proto__"][name="audience"]').is_checked()

    page.goto(object_site + "routes/index.html")
    assert counts(page, "theme")["__proto__"] == "1"
    for name in ("constructor", "toString", "hasOwnProperty"):
        assert counts(page, "theme").get(name, "0") == "0"


def test_search_finds_object_names_as_words(page, object_site):
    queries = (("constructor", "构造课程"), ("proto", None), ("__proto__", None), ("tostring", None))
    for query, expected in queries:
        page.goto(object_site + "search.html?q=" + quote(query))
        expect(page.locator(".menu-search-page")).to_have_attribute("data-query", query)
        summary = page.locator(".menu-search-summary").inner_text()
        assert "索引" not in summary, (query, summary)  # not "搜索索引不完整"
        assert summary.startswith("“" + query + "”共找到") or summary.startswith("没有找到"), summary
        if expected:
            titles = page.locator(".menu-search-list .menu-search-result").all_inner_texts()
            assert any(expected in t for t in titles), (query, titles)
    page.goto(object_site + "courses/index.html")
    page.fill(".menu-search-input", "constructor")
    expect(page.locator(".menu-search-results")).to_have_attribute("data-query", "constructor")
    assert "构造课程" in page.locator(".menu-search-results").inner_text()


def test_a_record_named_constructor_is_orderable_and_exported(page, object_site, tmp_path):
    page.goto(object_site + "courses/constructor.html")
    page.locator(".menu-record .menu-order-add").click()
    expect(page.locator(".menu-order-count")).to_have_text("1")
    page.goto(object_site + "order.html")
    item = page.locator('.menu-order-item[data-id="constructor"]')
    expect(item).to_have_count(1)
    assert "构造课程" in item.inner_text()
    assert item.locator(".menu-archived").count() == 0  # not 已删除/已停用
    assert page.locator(".menu-order-stale").is_hidden()
    page.fill('input[name="unit"]', "甲社区党委")
    page.fill('input[name="contact"]', "张三")
    page.fill('input[name="phone"]', "0510-85881234")
    with page.expect_download() as info:
        page.click('button[data-action="csv"]')
    path = tmp_path / "order.csv"
    info.value.save_as(path)
    text = path.read_bytes().decode("utf-8-sig")
    assert ",constructor,构造课程," in text, text
    assert "已导出 1 项" in page.locator(".menu-order-message").inner_text()


def test_the_demo_vocabulary_has_none_of_these_names():
    """The planted values are new: the counts above are not the demo's."""
    vocabulary = yaml.safe_load((ROOT / "vocabulary.yml").read_text(encoding="utf-8"))
    assert not {v for values in vocabulary.values() for v in values if isinstance(v, str)} & set(NAMES)
