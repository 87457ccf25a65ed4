"""How records are phrased and ordered for people: hours, durations, unknowns, names in order.

Shared by pages, cards, the order page and search results, so they all say it alike. What a
record does not say is 未注明 (UNKNOWN), never a default that reads as a fact.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

from pypinyin import Style, lazy_pinyin

if TYPE_CHECKING:
    from catalog.core.models import Duration
    from catalog.core.relations import BundleTotals

UNKNOWN = "未注明"  # what a page, a card or a filter says for a fact the record does not give


def hours_text(hours: float) -> str:
    return f"{hours:g}"


def duration_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} 分钟"
    return f"{hours} 小时" + (f" {rest} 分钟" if rest else "")


def route_length_text(duration: Duration, *, short: bool = False) -> str:
    """A route's length as far as it is known: 约 5 小时, or 至少 3 小时（2 个站点未注明停留时长）.

    Never a sum that counts an unknown stop or leg as 0 minutes. `short` leaves out which
    parts are unknown (for cards: 至少 3 小时).
    """
    if duration.complete:
        return f"约 {duration_text(duration.known)}"
    if not duration.known:
        return f"时长{UNKNOWN}"
    if short:
        return f"至少 {duration_text(duration.known)}"
    return f"至少 {duration_text(duration.known)}（{unknown_parts(duration)}）"


def unknown_parts(duration: Duration) -> str:
    """Which parts of a route's length are unknown: 2 个站点未注明停留时长，3 段路程未注明."""
    parts = []
    if duration.stops_unknown:
        parts.append(f"{duration.stops_unknown} 个站点{UNKNOWN}停留时长")
    if duration.legs_unknown:
        parts.append(f"{duration.legs_unknown} 段路程{UNKNOWN}")
    return "，".join(parts)


def number_text(value: object) -> str:
    """A number as people write it: 100, not 100.0; 1.5 stays 1.5."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def list_text(values: object) -> str:
    """A list as Chinese writes it: 福建省、广东省 (not ['福建省', '广东省'])."""
    if isinstance(values, list | tuple):
        return "、".join(list_text(v) for v in values)
    if isinstance(values, dict):
        return "；".join(f"{k}: {list_text(v)}" for k, v in values.items())
    if isinstance(values, bool):
        return "true" if values else "false"
    return number_text(values)


_NAME_NOISE = re.compile(
    r"[\s\"'\u2018\u2019\u201c\u201d\u300c-\u300f\u301d-\u301f\u2010-\u2015\u2212\u2500\-~\u301c·・•]+"
)


def name_key(name: str) -> str:
    """A name as two entries of one place compare: full-width and half-width forms alike,
    spaces (U+3000 too), quotes, dashes and middle dots left out, letters in lower case.

    “何叔衡”故居 and 何叔衡 故居 are one name; 何叔衡故居 and 何叔衡纪念馆 are two.
    """
    return _NAME_NOISE.sub("", unicodedata.normalize("NFKC", name)).lower()


@lru_cache(maxsize=65536)
def pinyin_key(name: str) -> str:
    """A name's place in Chinese dictionary order: its pinyin with tone numbers, then itself.

    中央八项规定 sorts under z, not under the b of an id like baxiang-guiding.
    """
    text = unicodedata.normalize("NFKC", name).lower()
    syllables = lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True, errors=_letters)
    return " ".join(part for part in syllables if part) + "\x00" + text


def _letters(chars: str) -> str:
    """What is not Chinese counts by its letters and digits only: quotes and dashes don't sort."""
    return "".join(ch for ch in chars if ch.isascii() and ch.isalnum())


def bundle_courses_text(totals: BundleTotals) -> str:
    """3 门课程，共 6 学时 / 3 门课程，至少 4 学时（1 门未注明学时）: never an unknown as 0."""
    if not totals.hours_unknown:
        return f"{totals.courses} 门课程，共 {hours_text(totals.hours)} 学时"
    if totals.hours_unknown == totals.courses:
        return f"{totals.courses} 门课程，学时{UNKNOWN}"
    known = hours_text(totals.hours)
    return f"{totals.courses} 门课程，至少 {known} 学时（{totals.hours_unknown} 门{UNKNOWN}学时）"


def bundle_routes_text(totals: BundleTotals) -> str:
    """2 条路线，约 5 小时 / 2 条路线，至少 3 小时（1 条路线时长不全）."""
    if not totals.routes_partial:
        return f"{totals.routes} 条路线，约 {duration_text(totals.route_minutes)}"
    if not totals.route_minutes:
        return f"{totals.routes} 条路线，时长{UNKNOWN}"
    known = duration_text(totals.route_minutes)
    return f"{totals.routes} 条路线，至少 {known}（{totals.routes_partial} 条路线时长不全）"
