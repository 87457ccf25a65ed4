"""Cards: the short view of a record on index pages, the home page and in filtered lists.

One `CardView` feeds both the server-rendered card (templates/macros.html) and the card
data script that the filter script renders from (assets/facets.js), so a card says
the same with and without JavaScript. The data script carries every active record of a
kind with its facet values, which lets a browser filter thousands of records while the
HTML page itself lists only one page of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from catalog.core.kinds import KINDS, listed, status_of
from catalog.core.models import Record
from catalog.core.relations import Catalog
from catalog.site.browser_data import script, table
from catalog.site.rebuild import NO_REUSE, Reuse

CARDS_SCRIPT = "assets/cards-{kind}.js"
# facets: a card's values per facet, in the facets' order; sorts: its key per sort
CARD_FIELDS = ("id", "title", "meta", "text", "flags", "facets", "sorts")


@dataclass(frozen=True)
class CardView:
    id: str
    title: str
    meta: str
    text: str
    flags: tuple[str, ...] = ()


def card_view(record: Record, catalog: Catalog) -> CardView:
    card = KINDS[record.kind].card(record, catalog)
    status = status_of(record)
    flags = card.flags if status.value == "active" else (status.label, *card.flags)  # 复评中
    return CardView(record.id, record.label, card.meta, card.text, flags)


def in_default_order(kind: str, records: list[Record]) -> list[Record]:
    """Records as an index page lists them without a choice: by the kind's first sort."""
    first = KINDS[kind].sorts[0]
    return sorted(records, key=first.key, reverse=first.descending)


def _card_row(record: Record, catalog: Catalog) -> list:
    declared = KINDS[record.kind]
    view = card_view(record, catalog)
    values = [facet.all_values(record, catalog.vocabularies) for facet in declared.facets]
    keys = [sort.key(record) for sort in declared.sorts]
    return [view.id, view.title, view.meta, view.text, list(view.flags), values, keys]


def cards_script(kind: str, catalog: Catalog, reuse: Reuse = NO_REUSE) -> bytes:
    """`window.__menuCards`: every active record of a kind as a card with facet values and
    sort keys, in the default order (the page's script re-sorts by the other keys)."""
    declared = KINDS[kind]
    active = [r for r in catalog.records[kind].values() if listed(r)]
    rows = [
        reuse.per_record("card", record, _card_row, record, catalog)
        for record in in_default_order(kind, active)
    ]
    sorts = [{"name": s.name, "label": s.label, "descending": s.descending} for s in declared.sorts]
    payload = {
        "kind": kind,
        "facets": [facet.name for facet in declared.facets],
        "sorts": sorts,
        "cards": table(CARD_FIELDS, rows),
    }
    return script("__menuCards", payload)


def cards_scripts(catalog: Catalog, reuse: Reuse = NO_REUSE) -> dict[str, bytes]:
    return {CARDS_SCRIPT.format(kind=kind): cards_script(kind, catalog, reuse) for kind in KINDS}
