"""Cards: the short view of a record on index pages, the home page and in filtered lists.

One `CardView` feeds both the server-rendered card (templates/macros.html) and the card
data script that the filter script renders from (docs/assets/facets.js), so a card says
the same with and without JavaScript. The data script carries every active record of a
kind with its facet values, which lets a browser filter thousands of records while the
HTML page itself lists only one page of them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .facets import FACETS
from .models import Record
from .relations import Catalog
from .wording import duration_text, hours_text

CARDS_SCRIPT = "assets/cards-{kind}.js"


@dataclass(frozen=True)
class CardView:
    id: str
    title: str
    meta: str
    text: str
    flags: tuple[str, ...] = ()


def card_view(record: Record) -> CardView:
    if record.kind == "courses":
        meta = f"{record.category} · {hours_text(record.hours)} 学时 · {'、'.join(record.formats)}"
        return CardView(record.id, record.label, meta, record.summary, tuple(record.flags))
    if record.kind == "teachers":
        text = f"{record.type} · {record.level} · 擅长：{'、'.join(record.directions)}"
        return CardView(record.id, record.label, f"{record.post} · {record.organisation}", text)
    if record.kind == "sites":
        text = record.address + (f" · 可接待 {record.capacity} 人" if record.capacity else "")
        return CardView(record.id, record.label, f"{record.type} · {record.level} · {record.region}", text)
    meta = f"{record.theme} · {len(record.stops)} 站 · 约 {duration_text(record.total_minutes)}"
    return CardView(record.id, record.label, meta, record.summary)


def cards_script(kind: str, catalog: Catalog) -> bytes:
    """`window.__menuCards`: every active record of a kind as a card with facet values."""
    facets = FACETS[kind]
    rows = []
    for record in catalog.records[kind].values():
        if record.status != "active":
            continue
        view = card_view(record)
        rows.append(
            [
                view.id,
                view.title,
                view.meta,
                view.text,
                list(view.flags),
                [facet.values(record) for facet in facets],
            ]
        )
    payload = {"kind": kind, "facets": [facet.name for facet in facets], "cards": rows}
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f"window.__menuCards = {body};\n".encode()


def cards_scripts(catalog: Catalog) -> dict[str, bytes]:
    return {CARDS_SCRIPT.format(kind=kind): cards_script(kind, catalog) for kind in FACETS}
