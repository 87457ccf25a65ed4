"""Record ids from Chinese names: pinyin, lower case, hyphens (王建国 → wang-jianguo).

Ids are file names and URLs, so they must be stable and readable. A person's name becomes
surname-givenname (as in the demo catalog); other names one syllable per part, cut to a
few syllables so ids stay short. `unique_id` adds -2, -3… when an id is taken.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from pypinyin import Style, lazy_pinyin

from catalog.core.kinds import KINDS
from catalog.core.models import ID_PATTERN, RESERVED_ID, WINDOWS_DEVICE

MAX_LENGTH = 48

# Surnames of two characters, and surnames whose reading differs from the common one.
_COMPOUND_SURNAMES = {
    "欧阳": "ouyang", "司马": "sima", "诸葛": "zhuge", "上官": "shangguan", "东方": "dongfang",
    "皇甫": "huangfu", "尉迟": "yuchi", "公孙": "gongsun", "慕容": "murong", "令狐": "linghu",
    "长孙": "zhangsun", "宇文": "yuwen", "司徒": "situ", "夏侯": "xiahou", "端木": "duanmu",
    "西门": "ximen", "独孤": "dugu", "南宫": "nangong", "万俟": "moqi", "轩辕": "xuanyuan",
}  # fmt: skip
_SURNAME_READINGS = {
    "单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "朴": "piao", "查": "zha", "区": "ou",
    "覃": "qin", "缪": "miao", "翟": "zhai", "盖": "ge", "繁": "po", "乐": "yue", "秘": "bi",
    "员": "yun", "种": "chong", "召": "shao", "长": "chang", "尉": "wei", "折": "she",
}  # fmt: skip


def _syllables(text: str) -> list[str]:
    """Pinyin syllables of Chinese characters; runs of letters and digits kept as one part."""
    text = unicodedata.normalize("NFKC", text)
    parts: list[str] = []
    for piece in lazy_pinyin(text, style=Style.NORMAL, errors=_non_chinese):
        parts.extend(p for p in re.split(r"[^a-z0-9]+", piece.lower().replace("ü", "v")) if p)
    return parts


def _non_chinese(chars: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", " ", chars)


def person_id(name: str) -> str:
    """王建国 → wang-jianguo, 欧阳明月 → ouyang-mingyue, 单雄 → shan-xiong."""
    name = unicodedata.normalize("NFKC", name).strip()
    if not re.search(r"[\u4e00-\u9fff]", name):  # a name in Latin letters
        return _join(_syllables(name), None)
    name = re.sub(r"\s+", "", name)
    if name[:2] in _COMPOUND_SURNAMES:
        surname, given = _COMPOUND_SURNAMES[name[:2]], name[2:]
    elif name[:1] in _SURNAME_READINGS:
        surname, given = _SURNAME_READINGS[name[0]], name[1:]
    else:
        syllables = _syllables(name[:1])
        surname, given = "".join(syllables), name[1:]
    rest = "".join(_syllables(given))
    return _join([surname, rest] if rest else [surname], None)


def title_id(title: str, syllables: int | None = None) -> str:
    """百年党史中的初心使命 → bai-nian-dang-shi-zhong-de (with 6 syllables, as for courses)."""
    return _join(_syllables(title), syllables)


def _join(parts: list[str], limit: int | None) -> str:
    parts = [p for p in parts if p]
    if limit:
        parts = parts[:limit]
    slug = "-".join(parts)
    while len(slug) > MAX_LENGTH and "-" in slug:
        slug = slug.rsplit("-", 1)[0]
    return slug[:MAX_LENGTH].strip("-")


def base_id(kind: str, label: str) -> str:
    """The id a record of `kind` called `label` gets before making it unique ("" if none)."""
    declared = KINDS[kind]
    slug = person_id(label) if declared.person else title_id(label, declared.id_syllables)
    if RESERVED_ID.match(slug) or WINDOWS_DEVICE.match(slug):  # list pages; names Windows refuses
        slug = f"{declared.singular}-{slug}"
    return slug if ID_PATTERN.match(slug or "-") else ""


def unique_id(base: str, free: Callable[[str], bool]) -> str:
    """`base`, else base-2, base-3… : the first candidate `free` accepts."""
    if free(base):
        return base
    number = 2
    while not free(f"{base}-{number}"):
        number += 1
    return f"{base}-{number}"


def id_number(record_id: str, base: str) -> int:
    """1 for `base`, n for `base-n`, 0 otherwise (to order same-named records)."""
    if record_id == base:
        return 1
    match = re.fullmatch(re.escape(base) + r"-(\d+)", record_id)
    return int(match.group(1)) if match else 0
