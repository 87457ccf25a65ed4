"""How record facts are phrased for people: hours, durations, one-line summaries.

Shared by pages, cards, the order page and search results, so they all say it alike.
"""

from __future__ import annotations

from .models import Record
from .relations import Catalog


def hours_text(hours: float) -> str:
    return f"{hours:g}"


def duration_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} 分钟"
    return f"{hours} 小时" + (f" {rest} 分钟" if rest else "")


def record_facts(record: Record, catalog: Catalog) -> str:
    """One line of key facts, as shown on the order page and on the printed form."""
    if record.kind == "courses":
        return f"{record.category} · {hours_text(record.hours)} 学时 · {'、'.join(record.formats)}"
    if record.kind == "teachers":
        return f"{record.post} · {record.organisation}"
    if record.kind == "sites":
        return f"{record.type} · {record.region} · {record.address}"
    capacity = catalog.route_capacity(record)
    facts = f"{record.theme} · {len(record.stops)} 站 · 约 {duration_text(record.total_minutes)}"
    return facts + (f" · 每批 {capacity} 人以内" if capacity else "")
