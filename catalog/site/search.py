"""Site-wide search for Chinese text: a character n-gram index in small chunks.

Chinese has no spaces, and word segmenters disagree with what users type (a segmenter
may keep 百年党史 as one word, so 党史 finds nothing). So the index is built from single
characters and character pairs: a query matches a page when every pair of the query
occurs in it, which is substring search in effect. ASCII words are indexed whole.

Chinese users also type pinyin: a title is indexed by its syllable pairs (`~dangshi` for
党史, so "dangshi" finds 百年党史…) and by pairs of initials (`^ds`). A query in Chinese that
finds nothing is tried again by sound (初新 → chuxin → 初心), with a table of the catalog's
own characters (`pinyin.js`, loaded only then).

The index is split into shards by a hash of the token, and the page list into chunks, all
written as small scripts: a query loads only the shards of its own tokens and the chunks
of the results it shows (a few hundred KB even at 10,000 records), and scripts (unlike
fetched JSON) also load in pages opened from disk. `meta.js` says how many shards and
chunks there are, each document's kind (one letter, for ranking and the kind filter of the
results page without loading chunks), and the syllables a pinyin query may be cut into.
assets/search.js is the reader; `shard_of`, `tokens` and the pinyin tokens here and there
must agree (tests/test_browser_search.py runs both on the same strings).
"""

from __future__ import annotations

import itertools
import operator
import re
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser

from pypinyin import lazy_pinyin
from pypinyin.pinyin_dict import pinyin_dict

from catalog.site.browser_data import json_for_script, table
from catalog.site.rebuild import NO_REUSE, Reuse

SEARCH_DIR = "search"
DOCS_PER_CHUNK = 100
TARGET_SHARD_BYTES = 24_000
TITLE_WEIGHT = 10  # a title's own token scores this; text repeats score 1 each, at most 3
RESULT_FIELDS = ("url", "kind", "title", "excerpt")  # one search result, as the page shows it
HELP = "说明"  # the kind of hand-written pages: ranked after records
PINYIN_PAIR, INITIALS_PAIR = "~", "^"  # prefixes of the pinyin tokens

_RUNS = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+")
_SYLLABLES = frozenset(  # every toneless syllable pypinyin knows: what a query may be cut into
    "".join(ch for ch in unicodedata.normalize("NFKD", reading).replace("u\u0308", "v") if ch.isascii())
    for readings in pinyin_dict.values()
    for reading in readings.split(",")
)


def syllables(text: str) -> list[list[str]]:
    """The toneless pinyin syllables of each run of Chinese characters in a text."""
    return [lazy_pinyin(run) for run in _RUNS.findall(normalise(text)) if not run.isascii()]


def pinyin_tokens(title: str) -> list[str]:
    """`~` + each syllable and each pair of syllables, `^` + each pair of initials."""
    found: list[str] = []
    for run in syllables(title):
        found.extend(PINYIN_PAIR + s for s in run)
        found.extend(PINYIN_PAIR + a + b for a, b in itertools.pairwise(run))
        initials = [s[0] for s in run]
        found.extend(INITIALS_PAIR + a + b for a, b in itertools.pairwise(initials))
    return found


@dataclass(frozen=True)
class SearchDocument:
    url: str  # relative to the site root
    kind: str  # shown on the result, e.g. 课程
    title: str
    excerpt: str
    text: str  # everything else worth finding


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))  # zero-width, soft hyphen


def normalise(text: str) -> str:
    """What a text is searched as: NFKC, lower case, without invisible characters (a title
    pasted with a zero-width space is still found by the words around it)."""
    return unicodedata.normalize("NFKC", text).lower().translate(_INVISIBLE)


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


def _scores(doc: SearchDocument) -> dict[str, int]:
    """A document's tokens and their scores."""
    # Single characters only from titles: a one-character query looks for names, and
    # pairs alone keep the index (and the build) a third smaller.
    counts = Counter(tokens(doc.text, characters=False))
    for token, count in counts.items():
        if count > 3:
            counts[token] = 3  # a long page repeating a word is not more relevant
    for token in tokens(doc.title) + pinyin_tokens(doc.title):
        counts[token] += TITLE_WEIGHT
    return counts


@dataclass
class _Index:
    """The index of one build, kept under `mkdocs serve` so an edit patches it."""

    documents: list[SearchDocument]
    postings: dict[str, array]  # token -> doc, score, doc, score … (4 bytes each), by doc
    size: int  # about what the shards weigh: how many there are
    shards: list[dict[str, array]]  # token -> doc numbers as gaps, with scores
    files: dict[str, bytes]


def build_search_files(documents: list[SearchDocument], reuse: Reuse = NO_REUSE) -> dict[str, bytes]:
    """Every file of the search index, by its path in the built site."""
    last = reuse.last("search-index")
    index = _patched(last, documents, reuse) if isinstance(last, _Index) else None
    if index is None:
        index = _from_scratch(documents, reuse)
    reuse.keep("search-index", index)
    return index.files


def _from_scratch(documents: list[SearchDocument], reuse: Reuse) -> _Index:
    postings: dict[str, array] = {}
    for number, doc in enumerate(documents):
        counts = reuse.value("scores", doc, _scores, doc)
        for token, score in counts.items():
            posting = postings.get(token)
            if posting is None:
                posting = postings[token] = array("I")
            posting.append(number)
            posting.append(score)
    size = sum(_weight(t, p) for t, p in postings.items())
    grouped: list[dict[str, array]] = [{} for _ in range(_shard_count(size))]
    for token, posting in postings.items():
        grouped[shard_of(token, len(grouped))][token] = _gaps(posting)
    index = _Index(documents, postings, size, grouped, {})
    index.files = _files(index, reuse, range(len(grouped)), range(0, len(documents), DOCS_PER_CHUNK))
    return index


def _patched(last: _Index, documents: list[SearchDocument], reuse: Reuse) -> _Index | None:
    """The last build's index with the documents that changed put right; None when the
    documents were added, removed or reordered (then it is built from scratch)."""
    if len(last.documents) != len(documents):
        return None
    changed = [n for n, (old, new) in enumerate(zip(last.documents, documents, strict=True)) if old != new]
    if len(changed) > len(documents) // 10 + 1:
        return None
    postings, size = dict(last.postings), last.size
    scores = {
        number: reuse.value("scores", documents[number], _scores, documents[number]) for number in changed
    }
    touched: set[str] = set()  # the tokens whose score changed in some document
    for number in changed:
        old = reuse.value("scores", last.documents[number], _scores, last.documents[number])
        touched.update(t for t in old.keys() | scores[number].keys() if old.get(t) != scores[number].get(t))
    for token in touched:
        before = postings.get(token, array("I"))
        entries = dict(zip(before[::2], before[1::2], strict=True))
        for number in changed:
            entries.pop(number, None)
            if token in scores[number]:
                entries[number] = scores[number][token]
        size -= _weight(token, before)
        if entries:
            postings[token] = array("I", [value for doc in sorted(entries) for value in (doc, entries[doc])])
            size += _weight(token, postings[token])
        else:
            postings.pop(token, None)
    if _shard_count(size) != len(last.shards):
        return None
    grouped = list(last.shards)
    shards = sorted({shard_of(token, len(grouped)) for token in touched})
    for number in shards:
        grouped[number] = dict(grouped[number])
    for token in touched:
        shard = grouped[shard_of(token, len(grouped))]
        if token in postings:
            shard[token] = _gaps(postings[token])
        else:
            shard.pop(token, None)
    index = _Index(documents, postings, size, grouped, dict(last.files))
    chunks = sorted({number - number % DOCS_PER_CHUNK for number in changed})
    index.files.update(_files(index, reuse, shards, chunks))
    return index


def _weight(token: str, posting: array) -> int:
    return len(token) * 3 + len(posting) * 3


def _shard_count(size: int) -> int:
    shards = 1
    while shards < 4096 and size / shards > TARGET_SHARD_BYTES:
        shards *= 2
    return shards


def _gaps(posting: array) -> array:
    """Doc numbers as gaps from the one before, each with its score: smaller files."""
    delta = array("I", posting)
    delta[2::2] = array("I", map(operator.sub, posting[2::2], posting[0:-2:2]))
    return delta


def _shard_script(number: int, shard: dict[str, array]) -> bytes:
    """`_script("t", number, shard)` written out directly: the numbers are kept as arrays
    (4 bytes each, not a Python int each), the largest part of the build's memory."""
    body = ",".join(
        f"{json_for_script(token)}:[{','.join(map(str, shard[token]))}]" for token in sorted(shard)
    )
    return f'window.__menuSearch.add("t",{number},{{{body}}});\n'.encode()


def _files(index: _Index, reuse: Reuse, shards: Iterable[int], chunks: Iterable[int]) -> dict[str, bytes]:
    """The meta file, the sounds, and the given shards and chunks (starting numbers)."""
    documents = index.documents
    kinds = sorted(dict.fromkeys(doc.kind for doc in documents), key=lambda kind: kind == HELP)  # as listed
    letters = {kind: chr(ord("a") + index) for index, kind in enumerate(kinds)}
    meta = {
        "shards": len(index.shards),
        "docs": len(documents),
        "chunk": DOCS_PER_CHUNK,
        "title_weight": TITLE_WEIGHT,
        "kinds": "".join(letters[doc.kind] for doc in documents),  # one letter per document
        "kind_names": {letters[kind]: kind for kind in kinds},
        "help": letters.get(HELP, ""),
        "syllables": sorted(
            {t[1:] for t in index.postings if t.startswith(PINYIN_PAIR) and t[1:].isalpha()} & _SYLLABLES
        ),
    }
    files = {
        f"{SEARCH_DIR}/meta.js": _script("meta", 0, meta),
        f"{SEARCH_DIR}/pinyin.js": _sounds(documents, reuse),
    }
    for number in shards:
        files[f"{SEARCH_DIR}/t{number}.js"] = _shard_script(number, index.shards[number])
    for start in chunks:
        rows = [[d.url, d.kind, d.title, d.excerpt] for d in documents[start : start + DOCS_PER_CHUNK]]
        chunk = table(RESULT_FIELDS, rows)
        files[f"{SEARCH_DIR}/d{start // DOCS_PER_CHUNK}.js"] = _script("d", start // DOCS_PER_CHUNK, chunk)
    return files


def _characters(doc: SearchDocument) -> str:
    """A document's Chinese characters, each once (a string: small to keep for serve)."""
    found = {ch for run in _RUNS.findall(normalise(doc.title + doc.text)) if not run.isascii() for ch in run}
    return "".join(sorted(found))


def _sounds(documents: list[SearchDocument], reuse: Reuse = NO_REUSE) -> bytes:
    """Each Chinese character of the catalog → its usual syllable, for queries by sound."""
    found: set[str] = set()
    for doc in documents:
        found.update(reuse.value("chars", doc, _characters, doc))
    chars = "".join(sorted(found))

    def script() -> bytes:
        return _script("p", 0, dict(zip(chars, lazy_pinyin(chars), strict=True)))

    return reuse.value("sounds", chars, script)


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
