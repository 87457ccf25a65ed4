"""The site search in a real Chromium: assets/search.js reading index files from search.py.

The build cuts every page into tokens and files them in shards (Python, catalog/site/search.py);
the search box cuts the query into tokens and loads their shards (JavaScript, assets/search.js).
Here the two are run on the same strings and must agree, and every search runs the real
search.js, through `window.__menuSearch` (its test hooks), against index files that were
really built: the demo site, or small sets of documents written for one test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.site import search as search_module
from catalog.site.search import SearchDocument, build_search_files, query_tokens, shard_of, tokens
from tests.conftest import _SubPathServer, source_records

SEARCH_JS = Path(search_module.__file__).parent / "assets" / "search.js"

TRICKY = {
    "Chinese": "百年党史中的初心使命",
    "one character": "史",
    "Latin": "Party History",
    "digits": "2026",
    "mixed": "5G时代的基层治理ABC学习2026年",
    "full-width forms": "ＡＢＣ１２３ 党史　学习",
    "compatibility forms": "Ⅻ ①② ﬁ ｶﾞ ㍻ K 豈更",  # NFKC folds them (豈 U+F900 is 豈)
    "emoji": "😀党史🎉学习👍🏽",
    "CJK extension A": "㐀㐁党",
    "CJK extension B": "党𠮷史 𠀀𠀁",  # outside the BMP: not indexed, and splits a run
    "compatibility ideographs": "\ufa0e\ufa0f\ufa11",  # unified ideographs in the F900 block
    "edges of the ranges": "\u33ff\u3400\u4dbf\u4e00\u9fff\ua000",
    "punctuation": "党史，学习。“初心”！（二〇二六）a-b_c.d/e",
    "Unicode case": "İstanbul STRASSE straße ΣΊΣΥΦΟΣ",
    "other scripts": "한국어 にほんご Привет",
    "long ASCII word": "abcdefghijklmnopqrstuvwxyz0123456789abcdefghij",  # the hash overflows 32 bits
    "empty": "",
    "spaces only": "   \u3000\t\n ",
    "invisible characters": "党\u200b史\u00ad学\ufeff习\u2060初\u200d心",  # pasted from web pages and Word
}
# Not here: characters newer than Python's Unicode database (3.11: Unicode 14), e.g. the
# outlined digits U+1CCF0… of Unicode 16, which Chromium's NFKC folds to 0… and Python keeps.


def test_js_and_python_cut_queries_into_the_same_tokens(page, served_site):
    page.goto(served_site + "index.html")
    in_js = page.evaluate(
        "strings => Object.fromEntries(Object.entries(strings)"
        ".map(([name, s]) => [name, window.__menuSearch.queryTokens(s)]))",
        TRICKY,
    )
    assert in_js == {name: query_tokens(text) for name, text in TRICKY.items()}
    assert in_js["Chinese"] == ["百年", "年党", "党史", "史中", "中的", "的初", "初心", "心使", "使命"]
    assert in_js["full-width forms"] == ["abc123", "党史", "学习"]


def test_js_and_python_put_tokens_in_the_same_shards(page, served_site):
    """Over every token either side makes of the strings: index tokens and query tokens."""
    found = sorted({t for text in TRICKY.values() for t in [*tokens(text), *query_tokens(text)]})
    assert len(found) > 60
    page.goto(served_site + "index.html")
    for shards in (1, 2, 3, 8, 64, 4096):
        in_js = page.evaluate(
            "([found, shards]) => found.map(t => window.__menuSearch.shardOf(t, shards))", [found, shards]
        )
        assert in_js == [shard_of(token, shards) for token in found], shards


@pytest.fixture
def search_documents(page, tmp_path):
    """search(documents, query): the real search.js on an index built from `documents`."""
    servers = []

    def search(documents: list[SearchDocument], query: str) -> dict:
        site = tmp_path / f"site-{len(servers)}"
        (site / "assets").mkdir(parents=True)
        (site / "assets" / "search.js").write_bytes(SEARCH_JS.read_bytes())
        for path, content in build_search_files(documents).items():
            (site / path).parent.mkdir(exist_ok=True)
            (site / path).write_bytes(content)
        (site / "index.html").write_text(
            '<!doctype html><meta charset="utf-8"><title>t</title><script src="assets/search.js"></script>',
            encoding="utf-8",
        )
        servers.append(_SubPathServer(site))
        page.goto(servers[-1].url + "index.html")
        return run_search(page, query)

    yield search
    for server in servers:
        server.close()


RUN_SEARCH = """async query => {
    const found = await window.__menuSearch.search(query);
    const items = await window.__menuSearch.items(found.ranked, found.meta);
    return {total: found.ranked.length, bySound: found.bySound, items: items};
}"""


def run_search(page, query: str) -> dict:
    """What search.js finds on the page's site: {total, bySound, items: every hit, ranked}."""
    return page.evaluate(RUN_SEARCH, query)


def urls(found: dict) -> list[str]:
    return [item["url"] for item in found["items"]]


def test_substring_of_a_longer_word_is_found(search_documents):
    docs = [
        SearchDocument("a.html", "课程", "百年党史中的初心密码", "", "讲清初心"),
        SearchDocument("b.html", "课程", "乡村振兴", "", "史料 党员"),
        SearchDocument("c.html", "课程", "学习园地", "", "读党史，爱学习"),
        SearchDocument("d.html", "课程", "教育活动", "", "党史学习教育"),
    ]
    assert urls(search_documents(docs, "党史")) == ["a.html", "c.html", "d.html"]  # not b: 党, 史 apart
    assert urls(search_documents(docs, "初心")) == ["a.html"]
    assert urls(search_documents(docs, "党史学习")) == ["d.html"]  # c has 党史 and 学习, not 史学
    nothing = search_documents(docs, "无此内容")
    assert (nothing["total"], nothing["items"]) == (0, [])
    for query in ("xyz 史", "史 xyz"):  # every word of the query must match
        assert search_documents(docs, query)["items"] == [], query


def test_pinyin_initials_and_sound_find_a_title(search_documents):
    docs = [
        SearchDocument("a.html", "课程", "百年党史中的初心密码", "", ""),
        SearchDocument("b.html", "课程", "乡村振兴", "", "新时代的党员"),  # 新: a sound it knows
    ]
    assert urls(search_documents(docs, "dangshi")) == ["a.html"]
    assert urls(search_documents(docs, "DangShi")) == ["a.html"]
    assert urls(search_documents(docs, "xczx")) == ["b.html"]  # initials of 乡村振兴
    by_sound = search_documents(docs, "初新")  # a slip of the input method: 新 for 心
    assert (urls(by_sound), by_sound["bySound"]) == (["a.html"], True)


def test_title_hits_rank_first(search_documents):
    docs = [
        SearchDocument("text.html", "课程", "其他", "", "党史 党史 党史 党史"),
        SearchDocument("title.html", "课程", "党史故事", "讲党史", ""),
    ]
    found = search_documents(docs, "党史")
    assert found["total"] == 2
    assert found["items"] == [
        {"url": "title.html", "kind": "课程", "title": "党史故事", "excerpt": "讲党史"},
        {"url": "text.html", "kind": "课程", "title": "其他", "excerpt": ""},
    ]


def test_help_pages_rank_after_records(search_documents):
    docs = [
        SearchDocument("guide.html", "说明", "党史学习指南", "", "党史 党史 党史"),
        SearchDocument("course.html", "课程", "党史课", "", ""),
        SearchDocument("other.html", "课程", "其他", "", "党史"),
    ]
    assert urls(search_documents(docs, "党史")) == ["course.html", "guide.html", "other.html"]


def test_every_match_is_ranked(search_documents):
    docs = [SearchDocument(f"{n}.html", "课程", f"课程{n}", "", "党史学习") for n in range(250)]
    found = search_documents(docs, "党史")
    assert found["total"] == 250
    assert urls(found) == [f"{n}.html" for n in range(250)]  # equal scores: in index order


def demo_search(page, base: str, query: str) -> dict:
    page.goto(base + "index.html")
    return run_search(page, query)


def test_demo_search_finds_a_teacher_by_name(page, served_site):
    teacher_id, teacher = next(iter(source_records("teachers").items()))
    found = demo_search(page, served_site, teacher["name"])
    first = found["items"][0]
    assert (first["url"], first["kind"], first["title"]) == (
        f"teachers/{teacher_id}.html",
        "师资",
        teacher["name"],
    )


def test_demo_search_ranks_the_titles_that_hold_the_query_first(page, served_site):
    titled = sorted(
        f"{kind}/{record_id}.html"
        for kind, field in (("courses", "title"), ("routes", "name"), ("sites", "name"), ("teachers", "name"))
        for record_id, data in source_records(kind).items()
        if "党史" in data[field]
    )
    assert titled  # the demo has a course on party history
    found = demo_search(page, served_site, "党史")
    assert found["total"] > len(titled)  # the others name it in their text
    assert sorted(urls(found)[: len(titled)]) == titled


def test_demo_search_finds_the_hand_written_pages(page, served_site):
    first = demo_search(page, served_site, "编辑指南")["items"][0]
    assert (first["url"], first["kind"], first["title"]) == ("editor-guide.html", "说明", "编辑指南")
    assert urls(demo_search(page, served_site, "如何点单"))[0] == "how-to-order.html"
