"""The card data in two layers (catalog/site/cards.py): an index for filtering and sorting,
and parts holding the card text, which together hold every listed record exactly once."""

from __future__ import annotations

import math

import pytest

from catalog import check_catalog
from catalog.core.kinds import KINDS
from catalog.core.wording import UNKNOWN
from catalog.demo.synthetic import write_demo
from catalog.site.cards import PART_SIZE, cards_scripts
from tests.conftest import ROOT, card_ids, card_index, card_parts
from tests.test_browser_large_index import in_dictionary_order

N = 400  # courses: several parts of every kind with more than PART_SIZE records


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    base = tmp_path_factory.mktemp("parts")
    assert write_demo(ROOT, base / "data", N) == 0
    catalog = check_catalog(base / "data").catalog
    site = base / "site"
    for path, body in cards_scripts(catalog).items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(body)
    return site, catalog


def listed_ids(catalog, kind: str) -> list[str]:
    """As the kinds declare it: 课程 listed when active, 点位 when active or under re-assessment."""
    shown = {s.value for s in KINDS[kind].statuses if s.listed}
    return [r.id for r in catalog.records[kind].values() if r.status in shown]


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_parts_of_each_sort_hold_every_listed_record_exactly_once(written, kind):
    site, catalog = written
    expected = listed_ids(catalog, kind)
    index = card_index(site, kind)
    assert index["count"] == len(expected)
    assert [s["name"] for s in index["sorts"]] == [s.name for s in KINDS[kind].sorts]
    for sort in index["sorts"]:
        parts = card_parts(site, kind, sort["name"])
        ids = [card["id"] for part in parts for card in part["cards"]]
        assert len(ids) == len(set(ids)) == len(expected)
        assert set(ids) == set(expected)
        assert [part["number"] for part in parts] == list(range(math.ceil(len(expected) / PART_SIZE)))
        assert all(len(part["cards"]) == PART_SIZE for part in parts[:-1])
        assert sort["parts"]["digests"] == [part["digest"] for part in parts]  # the index knows each
        assert sort["parts"]["file"] == f"cards-{kind}-{sort['name']}-{{n}}.js"
    if kind == "courses":
        assert len(parts) > 2 and catalog.courses.keys() - set(ids)  # several parts; archived left out


def test_each_sorts_parts_come_in_its_order(written):
    site, catalog = written
    for name in ("hours", "reviewed"):
        courses = [catalog.courses[i] for i in card_ids(site, "courses", name)]
        if name == "hours":  # fewest hours first, unknown hours last
            keys = [(c.hours is None, c.hours or 0) for c in courses]
            assert keys == sorted(keys)
        else:
            days = [c.reviewed for c in courses]
            assert days == sorted(days, reverse=True)


def test_cards_come_in_dictionary_order_and_say_what_the_record_says(written):
    site, catalog = written
    cards = [card for part in card_parts(site, "courses") for card in part["cards"]]
    assert in_dictionary_order([card["title"] for card in cards])
    for card in cards:
        course = catalog.courses[card["id"]]
        assert card["title"] == course.title
        assert course.category in card["meta"]
        assert card["flags"] == list(course.flags)  # active courses: no status badge


def test_the_index_holds_each_records_facet_values_at_its_position(written):
    site, catalog = written
    ids = [card["id"] for part in card_parts(site, "courses") for card in part["cards"]]
    index = card_index(site, "courses")
    facets = {facet["name"]: facet for facet in index["facets"]}
    assert [f["name"] for f in index["facets"]] == [f.name for f in KINDS["courses"].facets]
    assert "title" not in index and all(set(f) == {"name", "values", "of"} for f in index["facets"])

    def values(name: str, position: int) -> list[str]:
        own = facets[name]["of"][position]
        table = facets[name]["values"]
        return [table[own]] if isinstance(own, int) else [table[k] for k in own]

    for position, course_id in enumerate(ids):
        course = catalog.courses[course_id]
        assert values("category", position) == [course.category or UNKNOWN]
        assert sorted(values("audience", position)) == sorted(course.audiences or [UNKNOWN])
        assert sorted(values("format", position)) == sorted(course.formats or [UNKNOWN])
        assert sorted(values("flag", position)) == sorted(course.flags)  # no flag is not "unknown"


def test_sort_ranks_order_the_records_as_each_sort_says(written):
    site, catalog = written
    ids = [card["id"] for part in card_parts(site, "courses") for card in part["cards"]]
    sorts = {sort["name"]: sort for sort in card_index(site, "courses")["sorts"]}
    assert "rank" not in sorts["name"]  # the default order is the order of the records
    for name in ("hours", "reviewed"):
        rank = sorts[name]["rank"]
        assert len(rank) == len(ids) and min(rank) == 0
        ordered = [ids[p] for p in sorted(range(len(ids)), key=lambda p: (rank[p], p))]
        courses = [catalog.courses[i] for i in ordered]
        if name == "hours":  # fewest hours first, unknown hours last
            keys = [(c.hours is None, c.hours or 0) for c in courses]
            assert keys == sorted(keys)
            value = [c.hours for c in courses]
        else:  # the most recently reviewed first
            value = [c.reviewed for c in courses]
            assert value == sorted(value, reverse=True)
        assert len(set(rank)) == len(set(value))  # equal keys share a rank
        for key in set(value):  # and keep the default (dictionary) order among them
            assert in_dictionary_order([c.title for c, v in zip(courses, value, strict=True) if v == key])
