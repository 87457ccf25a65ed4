"""The Chinese search index: tokens, shards, and what a query would load."""

from __future__ import annotations

import json
import re

from catalog import check_catalog
from catalog.site.pages import SiteRenderer
from catalog.site.search import SearchDocument, build_search_files, query_tokens, shard_of, tokens
from tests.conftest import ROOT


def read_files(files: dict[str, bytes]) -> dict[str, object]:
    """Payloads of the generated scripts, by path."""
    found = {}
    for path, content in files.items():
        match = re.fullmatch(r'window\.__menuSearch\.add\("(\w+)",(\d+),(.*)\);\n', content.decode())
        assert match, path
        found[path] = json.loads(match.group(3))
    return found


def lookup(files, query):
    """What search.js does, in Python: docs containing every token, best first."""
    payloads = read_files(files)
    meta = payloads["search/meta.js"]
    scores = None
    for token in query_tokens(query):
        posting = payloads[f"search/t{shard_of(token, meta['shards'])}.js"].get(token, [])
        found, doc = {}, 0
        for index in range(0, len(posting), 2):
            doc += posting[index]
            if scores is None or doc in scores:
                found[doc] = (scores or {}).get(doc, 0) + posting[index + 1]
        scores = found
    ranked = sorted(scores or {}, key=lambda d: (-scores[d], d))
    chunks = [payloads[f"search/d{d // meta['chunk']}.js"] for d in ranked]
    return [chunk["rows"][d % meta["chunk"]] for chunk, d in zip(chunks, ranked, strict=True)]


def test_tokens_are_characters_pairs_and_words():
    assert tokens("党史 ABC") == ["党", "史", "党史", "abc"]
    assert query_tokens("百年党史") == ["百年", "年党", "党史"]
    assert query_tokens("史") == ["史"]
    assert query_tokens("ＡＢＣ 党") == ["abc", "党"]  # full-width letters fold (NFKC)


def test_substring_of_a_longer_word_is_found():
    docs = [
        SearchDocument("a.html", "课程", "百年党史中的初心密码", "", "讲清初心"),
        SearchDocument("b.html", "课程", "乡村振兴", "", "史料 党员"),
    ]
    files = build_search_files(docs)
    assert [d[0] for d in lookup(files, "党史")] == ["a.html"]  # 党 and 史 apart do not match
    assert [d[0] for d in lookup(files, "初心")] == ["a.html"]
    assert lookup(files, "无此内容") == []


def test_title_hits_rank_first():
    docs = [
        SearchDocument("text.html", "课程", "其他", "", "党史 党史 党史 党史"),
        SearchDocument("title.html", "课程", "党史故事", "", ""),
    ]
    assert [d[0] for d in lookup(build_search_files(docs), "党史")] == ["title.html", "text.html"]


def test_demo_catalog_search_finds_records_and_not_private_data():
    catalog = check_catalog(ROOT).catalog
    files = build_search_files(SiteRenderer(catalog).search_documents())
    teacher = next(t for t in catalog.teachers.values() if t.contact and t.contact.phone)
    assert lookup(files, teacher.name)[0][:3] == [f"teachers/{teacher.id}.html", "师资", teacher.name]
    course = next(c for c in catalog.courses.values() if "党史" in c.title)
    assert f"courses/{course.id}.html" in [d[0] for d in lookup(files, "党史")]
    everything = b"".join(files.values()).decode()
    assert teacher.contact.phone not in everything


def test_shards_stay_small_as_the_catalog_grows():
    docs = [
        SearchDocument(f"{i}.html", "课程", f"课程{i}", "", "党史学习教育" * 20 + str(i)) for i in range(3000)
    ]
    files = build_search_files(docs)
    shards = [content for path, content in files.items() if re.fullmatch(r"search/t\d+\.js", path)]
    assert len(shards) > 1
    assert max(len(content) for content in shards) < 200_000
