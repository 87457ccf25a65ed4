"""How records are phrased and ordered for people: hours, durations, names in pinyin order.

Shared by pages, cards, the order page and search results, so they all say it alike.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from pypinyin import Style, lazy_pinyin


def hours_text(hours: float) -> str:
    return f"{hours:g}"


def duration_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} 分钟"
    return f"{hours} 小时" + (f" {rest} 分钟" if rest else "")


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
