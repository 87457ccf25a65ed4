"""The Chinese search index as Python writes it: tokens, shards, and what the files hold.

What a query finds is tested with the real search.js in Chromium: tests/test_browser_search.py
(which also checks that the JavaScript cuts and shards tokens exactly as this module does).
"""

from __future__ import annotations

import json
import re

from catalog.site.pages import SiteRenderer
from catalog.site.search import SearchDocument, build_search_files, query_tokens, shard_of, tokens


def read_files(files: dict[str, bytes]) -> dict[str, object]:
    """Payloads of the generated scripts, by path."""
    found = {}
    for path, content in files.items():
        match = re.fullmatch(r'window\.__menuSearch\.add\("(\w+)",(\d+),(.*)\);\n', content.decode())
        assert match, path
        found[path] = json.loads(match.group(3))
    return found


def test_tokens_are_characters_pairs_and_words():
    assert tokens("党史 ABC") == ["党", "史", "党史", "abc"]
    assert tokens("党史学习", characters=False) == ["党史", "史学", "学习"]
    assert query_tokens("百年党史") == ["百年", "年党", "党史"]
    assert query_tokens("史") == ["史"]
    assert query_tokens("ＡＢＣ 党") == ["abc", "党"]  # full-width letters fold (NFKC)
    assert query_tokens("党史，党史！") == ["党史"]  # punctuation splits; repeats count once
    assert query_tokens("  \u3000") == []


def test_shard_is_the_31_hash_of_the_code_points():
    # 党 U+515A = 20826, 史 U+53F2 = 21490: 20826 * 31 + 21490 = 667096 = 162 * 4096 + 3544
    assert shard_of("党史", 4096) == 3544
    long_word = "abcdefghijklmnopqrstuvwxyz0123456789"  # wraps around 2**32 many times
    polynomial = sum(ord(c) * 31 ** (len(long_word) - 1 - i) for i, c in enumerate(long_word))
    assert shard_of(long_word, 4096) == polynomial % 2**32 % 4096


def test_demo_search_index_holds_no_private_data(demo_catalog):
    files = build_search_files(SiteRenderer(demo_catalog).search_documents())
    contacts = [t.contact for t in demo_catalog.teachers.values() if t.contact]
    phones = [c.phone for c in contacts if c.phone]
    emails = [c.email for c in contacts if c.email]
    assert phones and emails
    everything = b"".join(files.values()).decode()
    assert [value for value in phones + emails if value in everything] == []


def test_shards_stay_small_as_the_catalog_grows():
    docs = [
        SearchDocument(f"{i}.html", "课程", f"课程{i}", "", "党史学习教育" * 20 + str(i)) for i in range(3000)
    ]
    files = build_search_files(docs)
    shards = [content for path, content in files.items() if re.fullmatch(r"search/t\d+\.js", path)]
    assert len(shards) > 1
    assert max(len(content) for content in shards) < 200_000


def test_a_zero_width_space_in_a_title_does_not_hide_its_words():
    """A title pasted from a web page with U+200B between 党 and 史 is still found by 党史."""
    files = build_search_files([SearchDocument("a.html", "课程", "百年党\u200b史", "", "")])
    meta = json.loads(re.search(rb"add\(\"meta\",0,(.*)\);", files["search/meta.js"]).group(1))
    shard = files[f"search/t{shard_of('党史', meta['shards'])}.js"].decode()
    assert '"党史"' in shard
    assert query_tokens("党\u200b史") == ["党史"]
