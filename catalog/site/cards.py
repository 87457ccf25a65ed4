"""Cards: the short view of a record on index pages, the home page and in filtered lists.

One `CardView` feeds both the server-rendered card (templates/macros.html) and the card
parts that the filter script draws from (assets/facets.js), so a card says the same with
and without JavaScript.

The browser gets a kind's cards in two layers, so an index page stays light however large
the catalog grows (issue #15):

- **The index** (`assets/cards-<kind>.js`, loaded by the index page): what filtering,
  counting and sorting need for every active record, and nothing else. Records are in the
  default order (the kind's first sort) and are known by their position in it; per facet a
  table of its values and, per record, the index of its value (or a list of indices); per
  other sort a rank (a small integer: equal keys share one, ties keep the default order).
  No titles, no texts: at 10,000 courses this is 53 KB gzip where the full cards were
  392 KB.
- **The parts** (`assets/cards-<kind>-<sort>-<n>.js`): the card text (id, title, meta,
  text, flags) of PART_SIZE records each, cut from the list in each sort's order, so the
  record at place i of a sort is row i % PART_SIZE of that sort's part i // PART_SIZE. The
  filter script loads a part by script injection (a part registers itself with
  `window.__menuCardParts.add`, as the search index does) only when a card it draws needs
  one, from the parts of the sort the list is in; the cards the page rendered itself are
  reused, so opening an index page loads no part at all. The index lists each part's
  digest: the script asks for `part.js?v=<digest>` (a changed part is never taken from a
  browser's cache) and refuses a part whose digest differs (a site copied only half-way),
  saying so.

Why a set of parts per sort rather than one in the default order: the first 48 cards of
the whole list by 按最近审核 are scattered over the default order, so one set of parts made
that sort load 39 parts (610 KB unzipped) at 10,000 courses, against one part with its own
set; with a filter chosen, the matches sit closer together in the current sort's own order
as well. Each sort's parts hold every record once; the text is written once per sort (on
disk about 4 MB per sort at 10,000 courses, read only in the parts a visitor needs). Parts
per facet value were not taken: values combine, and a record with several values would be
written many times.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from catalog.core.kinds import KINDS, listed, status_of
from catalog.core.models import Record
from catalog.core.relations import Catalog
from catalog.site.browser_data import json_for_script, script, table
from catalog.site.rebuild import NO_REUSE, Reuse

CARDS_SCRIPT = "assets/cards-{kind}.js"  # the index: filtering, counting, sorting
PART_SCRIPT = "assets/cards-{kind}-{sort}-{number}.js"  # the text of PART_SIZE cards
PART_SIZE = 50  # records per part: a few KB gzip, so a scattered view loads little text
PART_FIELDS = ("id", "title", "meta", "text", "flags")


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


def listed_in_order(kind: str, catalog: Catalog) -> list[Record]:
    """The records of a kind's index, its filters and its card parts, in the default order."""
    return in_default_order(kind, [r for r in catalog.records[kind].values() if listed(r)])


def ranks(keys: list, descending: bool) -> list[int]:
    """Per record, its place under one sort as a small integer: equal keys share a rank.

    Sorting the records (in the default order) by rank, ties by position, gives exactly
    `sorted(records, key=key, reverse=descending)`: Python's sort is stable either way."""
    distinct = sorted(set(keys), reverse=descending)
    rank = {value: number for number, value in enumerate(distinct)}
    return [rank[value] for value in keys]


def _part_script(name: str, rows: list[list]) -> tuple[str, bytes]:
    cards = table(PART_FIELDS, rows)
    digest = hashlib.sha256(json_for_script(cards).encode()).hexdigest()[:12]
    payload = json_for_script({"digest": digest, "cards": cards})
    body = f"window.__menuCardParts.add({json_for_script(name)},{payload});\n"
    return digest, body.encode()


def _card_row(record: Record, catalog: Catalog) -> tuple[list, list[list[str]], list]:
    """What the card files hold of one record: its card (PART_FIELDS), its values per facet
    and its key per sort. Kept across `mkdocs serve` rebuilds by the record's key."""
    declared = KINDS[record.kind]
    view = card_view(record, catalog)
    values = [facet.all_values(record, catalog.vocabularies) for facet in declared.facets]
    keys = [sort.key(record) for sort in declared.sorts]
    return [view.id, view.title, view.meta, view.text, list(view.flags)], values, keys


def card_files(kind: str, catalog: Catalog, reuse: Reuse = NO_REUSE) -> dict[str, bytes]:
    """The index script of a kind and its parts, by their paths in the built site."""
    declared = KINDS[kind]
    records = listed_in_order(kind, catalog)
    made = [reuse.per_record("card", record, _card_row, record, catalog) for record in records]
    rows = [card for card, _, _ in made]
    files: dict[str, bytes] = {}
    facets = []
    for number, facet in enumerate(declared.facets):
        values: dict[str, int] = {}  # the facet's value table, in order of first use
        of: list[int | list[int]] = []
        for _, facet_values, _ in made:
            own = [values.setdefault(v, len(values)) for v in facet_values[number]]
            of.append(own[0] if len(own) == 1 else own)
        facets.append({"name": facet.name, "values": list(values), "of": of})
    sorts: list[dict] = []
    for number, sort in enumerate(declared.sorts):
        entry: dict = {"name": sort.name}
        order = list(range(len(records)))  # the first sort: the records come in its order
        if number:
            entry["rank"] = rank = ranks([keys[number] for _, _, keys in made], sort.descending)
            order.sort(key=lambda position: rank[position])  # stable: ties keep the default order
        digests = []
        for part, start in enumerate(range(0, len(order), PART_SIZE)):
            name = f"{kind}/{sort.name}/{part}"
            digest, body = _part_script(name, [rows[p] for p in order[start : start + PART_SIZE]])
            files[PART_SCRIPT.format(kind=kind, sort=sort.name, number=part)] = body
            digests.append(digest)
        file = PART_SCRIPT.format(kind=kind, sort=sort.name, number="{n}").removeprefix("assets/")
        # part n is `file` with {n} replaced, beside this script: places n*size… of this sort
        entry["parts"] = {"file": file, "digests": digests}
        sorts.append(entry)
    payload = {
        "kind": kind,
        "count": len(records),
        "facets": facets,
        "sorts": sorts,
        "part_size": PART_SIZE,
    }
    files[CARDS_SCRIPT.format(kind=kind)] = script("__menuCards", payload)
    return files


def cards_scripts(catalog: Catalog, reuse: Reuse = NO_REUSE) -> dict[str, bytes]:
    """Every kind's card index and parts: one mechanism for all kinds."""
    return {path: body for kind in KINDS for path, body in card_files(kind, catalog, reuse).items()}
