"""Cards: the short view of a record on index pages, the home page and in filtered lists.

One `CardView` feeds both the server-rendered card (templates/macros.html) and the card
data script that the filter script renders from (assets/facets.js), so a card says
the same with and without JavaScript. The data script carries every active record of a
kind with its facet values, which lets a browser filter thousands of records while the
HTML page itself lists only one page of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from catalog.core.kinds import KINDS
from catalog.site.browser_data import script, table
from catalog.core.models import Record
from catalog.core.relations import Catalog

CARDS_SCRIPT = "assets/cards-{kind}.js"
CARD_FIELDS = ("id", "title", "meta", "text", "flags", "facets")  # facets: values per facet, in order


@dataclass(frozen=True)
class CardView:
    id: str
    title: str
    meta: str
    text: str
    flags: tuple[str, ...] = ()


def card_view(record: Record, catalog: Catalog) -> CardView:
    card = KINDS[record.kind].card(record, catalog)
    return CardView(record.id, record.label, card.meta, card.text, card.flags)


def cards_script(kind: str, catalog: Catalog) -> bytes:
    """`window.__menuCards`: every active record of a kind as a card with facet values."""
    facets = KINDS[kind].facets
    rows = []
    for record in catalog.records[kind].values():
        if record.status != "active":
            continue
        view = card_view(record, catalog)
        values = [facet.values(record) for facet in facets]
        rows.append([view.id, view.title, view.meta, view.text, list(view.flags), values])
    cards = table(CARD_FIELDS, rows)
    return script("__menuCards", {"kind": kind, "facets": [facet.name for facet in facets], "cards": cards})


def cards_scripts(catalog: Catalog) -> dict[str, bytes]:
    return {CARDS_SCRIPT.format(kind=kind): cards_script(kind, catalog) for kind in KINDS}
