"""Nearest known values for a misspelt one: "did you mean …?" hints."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def nearest(value: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    pool = sorted(set(candidates))
    found = difflib.get_close_matches(value, pool, n=limit, cutoff=0.5)
    if len(found) < limit:
        lowered = value.lower()
        found += [c for c in pool if c not in found and (lowered in c or c in lowered)]
    return found[:limit]


def did_you_mean(value: str, candidates: Iterable[str], *, listing: str = "") -> str:
    """A hint sentence: the nearest candidates, else (optionally) what is allowed."""
    pool = list(candidates)
    close = nearest(value, pool)
    if close:
        return "是不是想写：" + "、".join(close) + "？"
    if listing and pool:
        shown = "、".join(sorted(pool)[:12]) + ("……" if len(pool) > 12 else "")
        return f"可选的{listing}：{shown}"
    return ""
