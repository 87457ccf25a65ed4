"""Site-wide search for Chinese text: a character n-gram index in small chunks.

Chinese has no spaces, and word segmenters disagree with what users type (a segmenter
may keep 百年党史 as one word, so 党史 finds nothing). So the index is built from single
characters and character pairs: a query matches a page when every pair of the query
occurs in it, which is substring search in effect. ASCII words are indexed whole.

The index is split into shards by a hash of the token, and the page list into chunks, all
written as small scripts: a query loads only the shards of its own tokens and the chunks
of the results it shows (a few hundred KB even at 10,000 records), and scripts (unlike
fetched JSON) also load in pages opened from disk. assets/search.js is the reader;
`shard_of` and `tokens` here and there must agree.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

from catalog.site.browser_data import json_for_script, table

SEARCH_DIR = "search"
DOCS_PER_CHUNK = 100
TARGET_SHARD_BYTES = 24_000
TITLE_WEIGHT = 10
RESULT_FIELDS = ("url", "kind", "title", "excerpt")  # one search result, as the page shows it

_RUNS = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+")


@dataclass(frozen=True)
class SearchDocument:
    url: str  # relative to the site root
    kind: str  # shown on the result, e.g. 课程
    title: str
    excerpt: str
    text: str  # everything else worth finding


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def tokens(text: str, *, characters: bool = True) -> list[str]:
    """Index tokens of a text: CJK character pairs (and single characters), ASCII words."""
    found: list[str] = []
    for run in _RUNS.findall(normalise(text)):
        if run.isascii():
            found.append(run)
            continue
        if characters:
            found.extend(run)
        found.extend(map(str.__add__, run, run[1:]))  # the pairs, built in C
    return found


def query_tokens(query: str) -> list[str]:
    """The tokens a query needs: pairs for Chinese runs (a lone character as itself)."""
    needed: list[str] = []
    for run in _RUNS.findall(normalise(query)):
        if run.isascii() or len(run) == 1:
            needed.append(run)
        else:
            needed.extend(run[i : i + 2] for i in range(len(run) - 1))
    return list(dict.fromkeys(needed))


def shard_of(token: str, shards: int) -> int:
    value = 0
    for char in token:
        value = (value * 31 + ord(char)) & 0xFFFFFFFF
    return value % shards


def _script(kind: str, number: int, payload: object) -> bytes:
    return f"window.__menuSearch.add({json_for_script(kind)},{number},{json_for_script(payload)});\n".encode()


def build_search_files(documents: list[SearchDocument]) -> dict[str, bytes]:
    """Every file of the search index, by its path in the built site."""
    postings: dict[str, array] = {}  # token -> doc, score, doc, score … (4 bytes each)
    for number, doc in enumerate(documents):
        # Single characters only from titles: a one-character query looks for names, and
        # pairs alone keep the index (and the build) a third smaller.
        counts = Counter(tokens(doc.text, characters=False))
        for token, count in counts.items():
            if count > 3:
                counts[token] = 3  # a long page repeating a word is not more relevant
        for token in tokens(doc.title):
            counts[token] += TITLE_WEIGHT
        for token, score in counts.items():
            posting = postings.get(token)
            if posting is None:
                posting = postings[token] = array("I")
            posting.append(number)
            posting.append(score)

    size = sum(len(t) * 3 + len(p) * 3 for t, p in postings.items())
    shards = 1
    while shards < 4096 and size / shards > TARGET_SHARD_BYTES:
        shards *= 2
    grouped: list[dict[str, list[int]]] = [{} for _ in range(shards)]
    for token, posting in postings.items():
        delta: list[int] = []
        previous = 0
        for index in range(0, len(posting), 2):  # doc numbers as gaps: smaller files
            delta.extend((posting[index] - previous, posting[index + 1]))
            previous = posting[index]
        grouped[shard_of(token, shards)][token] = delta

    files = {
        f"{SEARCH_DIR}/meta.js": _script(
            "meta", 0, {"shards": shards, "docs": len(documents), "chunk": DOCS_PER_CHUNK}
        )
    }
    for number, shard in enumerate(grouped):
        files[f"{SEARCH_DIR}/t{number}.js"] = _script("t", number, shard)
    for start in range(0, len(documents), DOCS_PER_CHUNK):
        rows = [[d.url, d.kind, d.title, d.excerpt] for d in documents[start : start + DOCS_PER_CHUNK]]
        chunk = table(RESULT_FIELDS, rows)
        files[f"{SEARCH_DIR}/d{start // DOCS_PER_CHUNK}.js"] = _script("d", start // DOCS_PER_CHUNK, chunk)
    return files


class _TextOnly(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def html_text(html: str) -> str:
    """The visible text of an HTML fragment (for indexing hand-written pages)."""
    parser = _TextOnly()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())
