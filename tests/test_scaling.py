"""Scaling: the built site grows linearly with the catalog (sizes and page counts, never time).

Builds the real site for synthetic catalogs of SMALL and LARGE courses (`catalog demo`) and
compares the two. The classic MkDocs trap, every generated page in the navigation, makes
each page carry the whole nav, so the site grows with the square of the catalog: these
checks catch that and any other per-page cost that grows with N.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from catalog.demo.synthetic import KINDS, counts_for, write_demo
from tests.conftest import ROOT, build_site, copy_project

SMALL, LARGE = 20, 200
INDEX_PAGE = re.compile(r"^index(-\d+)?\.html$")


def _records(n: int) -> int:
    return counts_for(n).total


RECORD_RATIO = _records(LARGE) / _records(SMALL)  # 314 / 31, about ×10


class Site:
    """What a built site holds: every file's size and digest, and its record pages per kind."""

    def __init__(self, folder: Path):
        self.files = {
            path.relative_to(folder).as_posix(): path.read_bytes()
            for path in folder.rglob("*")
            if path.is_file()
        }
        self.bytes = sum(len(data) for data in self.files.values())
        self.record_pages = {
            kind: {
                rel: len(data)
                for rel, data in self.files.items()
                if rel.startswith(kind + "/")
                and rel.endswith(".html")
                and not INDEX_PAGE.match(rel.split("/")[-1])
            }
            for kind in KINDS
        }
        self.other_pages = sorted(
            rel for rel in self.files if rel.endswith(".html") and not self._is_record_page(rel)
        )

    def _is_record_page(self, rel: str) -> bool:
        return any(rel in pages for pages in self.record_pages.values())

    def digest(self, rel: str) -> str:
        return hashlib.sha256(self.files[rel]).hexdigest()


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[int, Site]:
    built = {}
    for n in (SMALL, LARGE):
        base = tmp_path_factory.mktemp(f"scale-{n}")
        assert write_demo(ROOT, base / "data", n) == 0
        project = copy_project(base / "project", base / "data")
        result = build_site(project, base / "site")
        assert result.returncode == 0, result.stderr
        built[n] = Site(base / "site")
    return built


def test_every_record_gets_exactly_one_page(sites):
    for n, site in sites.items():
        counts = counts_for(n)
        for kind in KINDS:
            assert len(site.record_pages[kind]) == getattr(counts, kind), (n, kind)


def test_page_count_grows_with_the_catalog_and_nothing_else(sites):
    small, large = sites[SMALL], sites[LARGE]
    pages = {n: sum(len(p) for p in site.record_pages.values()) for n, site in sites.items()}
    assert 0.8 * 10 <= pages[LARGE] / pages[SMALL] <= 1.2 * 10
    # Home, order, guides, one index page per kind at these sizes: the same at both sizes.
    assert small.other_pages == large.other_pages


def test_a_record_page_does_not_grow_with_the_catalog(sites):
    for kind in KINDS:
        largest_small = max(sites[SMALL].record_pages[kind].values())
        largest_large = max(sites[LARGE].record_pages[kind].values())
        assert largest_large <= 1.3 * largest_small, kind
        mean_small = sum(sites[SMALL].record_pages[kind].values()) / len(sites[SMALL].record_pages[kind])
        mean_large = sum(sites[LARGE].record_pages[kind].values()) / len(sites[LARGE].record_pages[kind])
        assert mean_large <= 1.2 * mean_small, kind


def test_site_bytes_grow_linearly(sites):
    small, large = sites[SMALL], sites[LARGE]
    assert large.bytes <= 12 * small.bytes
    # What depends on the catalog: every file that is not byte for byte the same in both
    # builds (theme assets are). It must grow about as the number of records, not faster.
    fixed = {rel for rel in small.files if rel in large.files and small.digest(rel) == large.digest(rel)}
    varying = {
        n: sum(len(d) for rel, d in site.files.items() if rel not in fixed) for n, site in sites.items()
    }
    assert varying[LARGE] <= 1.2 * RECORD_RATIO * varying[SMALL]
