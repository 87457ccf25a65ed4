"""The counts shown beside each filter (facet) of an index page, in the order people expect.

Which facets a kind has, and a record's values for each, are declared with the kind
(catalog.core.kinds); the values also go into the card data, so lists filter in the browser.
Values come in vocabulary order (fixed buckets in their own order, others after them by
pinyin, 未注明 last); in a tree facet every place comes right before the places under it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from catalog.core.kinds import KINDS, TREE_SEPARATOR, Facet
from catalog.core.models import Record
from catalog.core.relations import Catalog
from catalog.core.wording import UNKNOWN, pinyin_key

FOLD_AFTER = 10  # a facet with more values shows this many, the rest behind 更多


@dataclass(frozen=True)
class FacetValue:
    value: str  # what the URL and the card data hold: "湖南省/长沙市"
    label: str  # what the page shows: "长沙市"
    depth: int  # 0 for a top-level value; a tree's places below it count up
    count: int  # records with this value (a tree's place counts the places below it)


@dataclass(frozen=True)
class FacetCounts:
    facet: Facet
    counts: list[FacetValue]

    @property
    def folds(self) -> bool:
        return len(self.counts) > FOLD_AFTER

    @property
    def folded(self) -> set[str]:
        """The values behind 更多: after the first ten (a tree: its places after the first ten
        at the top; the places under a place fold under it)."""
        if not self.folds:
            return set()
        top = (
            [c.value for c in self.counts if c.depth == 0]
            if self.facet.tree
            else [c.value for c in self.counts]
        )
        return set(top[FOLD_AFTER:])


def count_facets(kind: str, records: Sequence[Record], catalog: Catalog) -> list[FacetCounts]:
    """Counts per value over `records`, listing only values that occur."""
    result = []
    for facet in KINDS[kind].facets:
        tally: dict[str, int] = {}
        for record in records:
            for value in facet.all_values(record, catalog.vocabularies):
                tally[value] = tally.get(value, 0) + 1
        order = list(facet.order) or catalog.vocabularies.values(facet.vocabulary)
        rank = {value: index for index, value in enumerate(order)}
        ranked = sorted(tally, key=lambda v: _place(v, rank, facet.tree))
        result.append(FacetCounts(facet, [_value(v, tally[v], facet.tree) for v in ranked]))
    return result


def _place(value: str, rank: dict[str, int], tree: bool) -> tuple:
    """Sort key: a tree value by its path, each step by vocabulary rank, then pinyin."""
    if value == UNKNOWN:
        return ((2, 0, ""),)
    parts = value.split(TREE_SEPARATOR) if tree else [value]
    steps = []
    for depth in range(1, len(parts) + 1):
        step = TREE_SEPARATOR.join(parts[:depth])
        known = rank.get(step, rank.get(parts[depth - 1]))
        steps.append((int(known is None), known or 0, pinyin_key(parts[depth - 1])))
    return tuple(steps)


def _value(value: str, count: int, tree: bool) -> FacetValue:
    parts = value.split(TREE_SEPARATOR) if tree else [value]
    return FacetValue(value, parts[-1], len(parts) - 1, count)
