"""The counts shown beside each filter (facet) of an index page.

Which facets a kind has, and a record's values for each, are declared with the kind
(catalog.core.kinds); the values also go into the card data, so lists filter in the browser.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from catalog.core.kinds import KINDS, Facet
from catalog.core.models import Record
from catalog.core.relations import Catalog


@dataclass(frozen=True)
class FacetCounts:
    facet: Facet
    counts: list[tuple[str, int]]  # (value, number of records), in vocabulary order


def count_facets(kind: str, records: Sequence[Record], catalog: Catalog) -> list[FacetCounts]:
    """Counts per value over `records`, listing only values that occur."""
    result = []
    for facet in KINDS[kind].facets:
        tally: dict[str, int] = {}
        for record in records:
            for value in dict.fromkeys(facet.values(record)):
                tally[value] = tally.get(value, 0) + 1
        order = list(facet.order) or catalog.vocabularies.values(facet.vocabulary)
        ranked = [v for v in order if v in tally] + sorted(v for v in tally if v not in order)
        result.append(FacetCounts(facet, [(v, tally[v]) for v in ranked]))
    return result
