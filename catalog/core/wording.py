"""How numbers in records are phrased for people: hours and durations.

Shared by pages, cards, the order page and search results, so they all say it alike.
"""

from __future__ import annotations


def hours_text(hours: float) -> str:
    return f"{hours:g}"


def duration_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} 分钟"
    return f"{hours} 小时" + (f" {rest} 分钟" if rest else "")
