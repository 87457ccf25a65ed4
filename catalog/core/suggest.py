"""Nearest known values for a misspelt one: "did you mean …?" hints.

`did_you_mean` serves short lists (fields, vocabulary values, column titles). A reference to
a record is looked up among hundreds of ids that look alike (pinyin ids share syllables), so
`suggest_records` is stricter and also matches a record by its name: the name as written
(何叔衡故居), or its pinyin as ids are made from it (kai-hui-zhen… for 开慧镇…). When
nothing is close it suggests nothing.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

from pypinyin import Style, lazy_pinyin

from catalog.core.wording import name_key

if TYPE_CHECKING:
    from catalog.core.models import Record

ID_CUTOFF = 0.8  # how alike two ids must be (sun-haitai ~ sun-haitao 0.9; unrelated pinyin ~0.5)
NAME_CUTOFF = 0.85  # how alike an id must be to the pinyin of a record's name
MIN_PREFIX = 6  # letters of a name's pinyin an id must give to match it as a cut-short id


def nearest(value: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    pool = list(dict.fromkeys(candidates))
    found = difflib.get_close_matches(value, pool, n=limit, cutoff=0.5)
    if len(found) < limit:
        lowered = value.lower()
        found += [c for c in pool if c not in found and (lowered in c or c in lowered)]
    return found[:limit]


def did_you_mean(value: str, candidates: Iterable[str], *, listing: str = "") -> str:
    """A hint sentence: the nearest candidates, else (optionally) what is allowed, in its order."""
    pool = list(dict.fromkeys(candidates))
    close = nearest(value, pool)
    if close:
        return "是不是想写：" + "、".join(close) + "？"
    if listing and pool:
        shown = "、".join(pool[:12]) + ("……" if len(pool) > 12 else "")
        return f"可选的{listing}：{shown}。"
    return ""


@lru_cache(maxsize=65536)
def _compact_pinyin(name: str) -> str:
    """A name's pinyin letters without separators: 何叔衡故居 → heshuhengguju."""
    text = unicodedata.normalize("NFKC", name).lower()
    return re.sub(r"[^a-z0-9]+", "", "".join(lazy_pinyin(text, style=Style.NORMAL)).replace("ü", "v"))


_HAN = re.compile(r"[\u4e00-\u9fff]")


def matching_records(value: str, records: Mapping[str, Record], limit: int = 3) -> list[str]:
    """Ids of the records `value` most likely means: by id, by name, by the pinyin of a name.

    `value` may be a misspelt id (sun-haitai), an id made from a name's pinyin
    (he-shu-heng-gu-ju, or cut short), or a name with a wrong character of the same sound
    (王方 for 王芳). Nothing is suggested below the cutoffs.
    """
    value = value.strip()
    key = name_key(value)
    named = [i for i, record in records.items() if name_key(record.label) == key]
    if named:
        return named[:limit]
    scored: dict[str, float] = {}
    quick = difflib.SequenceMatcher(None, "", value, autojunk=False)
    for record_id in records:
        quick.set_seq1(record_id)
        if quick.real_quick_ratio() >= ID_CUTOFF and quick.quick_ratio() >= ID_CUTOFF:
            score = quick.ratio()
            if score >= ID_CUTOFF:
                scored[record_id] = score
    spoken = _compact_pinyin(value)
    chinese = bool(_HAN.search(value))
    if len(spoken) >= 4:
        said_matcher = difflib.SequenceMatcher(None, "", spoken, autojunk=False)
        key_matcher = difflib.SequenceMatcher(None, "", key, autojunk=False)
        for record_id, record in records.items():
            said = _compact_pinyin(record.label)
            if not said:
                continue
            score = 0.0
            if len(spoken) >= MIN_PREFIX and said.startswith(spoken):
                score = 1.0
            elif abs(len(said) - len(spoken)) <= len(spoken) * 0.3:
                said_matcher.set_seq1(said)
                if (
                    said_matcher.real_quick_ratio() >= NAME_CUTOFF
                    and said_matcher.quick_ratio() >= NAME_CUTOFF
                ):
                    score = said_matcher.ratio()
            if chinese and score < NAME_CUTOFF:  # written in characters: the characters count too
                key_matcher.set_seq1(name_key(record.label))
                if key_matcher.quick_ratio() + 0.1 >= NAME_CUTOFF:
                    score = max(score, key_matcher.ratio() + 0.1)
            if score >= NAME_CUTOFF:
                scored[record_id] = max(score, scored.get(record_id, 0.0))
    ranked = sorted(scored, key=lambda i: (-scored[i], i))
    return ranked[:limit]


def suggest_records(value: str, records: Mapping[str, Record]) -> str:
    """A hint naming the records `value` may mean, with their names; "" when none is close."""
    found = matching_records(value, records)
    if not found:
        return ""
    return "是不是想写：" + "、".join(f"{i}（{records[i].label}）" for i in found) + "？"
