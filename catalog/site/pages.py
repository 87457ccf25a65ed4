"""The pages of the menu site, rendered to HTML from a validated catalog.

This is the whole site as the engine sees it: a list of `SitePage`s (a source path, a
title, whether search should index it) and `render(page)` for each one's HTML body. A
site generator adapter (hooks/) only hands these to its build; links between pages are
relative, so the site works under any sub-path and from disk.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import jinja2

from catalog.core.kinds import KINDS, TREE_SEPARATOR, facts_line, held_up, listed, status_of
from catalog.core.models import Course, Record, Ref
from catalog.core.privacy import personal_facts, public_dump
from catalog.core.relations import Catalog, walk_markers
from catalog.core.wording import (
    UNKNOWN,
    bundle_courses_text,
    bundle_routes_text,
    duration_text,
    hours_text,
    route_length_text,
)
from catalog.orders.plan import Plan

if TYPE_CHECKING:
    from catalog.editors.editions import Edition
from catalog.site import booklet
from catalog.site.cards import CARDS_SCRIPT, card_view, listed_in_order
from catalog.site.charts import bar_chart
from catalog.site.dispatch_pages import DispatchPages, reply_url
from catalog.site.facets import FacetCounts, count_facets
from catalog.site.markdown import render_markdown
from catalog.site.rebuild import NO_REUSE, Reuse
from catalog.site.route_svg import route_svg
from catalog.site.search import SearchDocument
from catalog.site.statistics import statistics

ORDER_PAGE = "order.md"
SEARCH_PAGE = "search.md"  # every result of a query: search.html?q=…
STATS_PAGE = "stats.md"
BOOKLET_PAGE = "booklet.md"
CHANGES_PAGE = "changes.md"  # 更新记录: what changed since the last edition (when there are editions)


@dataclass(frozen=True)
class SiteOptions:
    publish_contacts: bool = False  # teachers' phone and e-mail are personal data
    publish_unit_contacts: bool = False  # the plan's contact names and phones of units: personal data
    publish_declined: bool = False  # declined requests and their reasons on the replies (回单)
    site_url: str = ""  # the site's address (mkdocs.yml site_url), ending in /: QR codes point there


@dataclass(frozen=True)
class SitePage:
    path: str  # source path as the generator sees it, e.g. "courses/party-history.md"
    title: str  # plain text; adapters escape it
    kind: str  # the record kind of a record page or an index page; "" for others
    record_id: str = ""  # record pages only
    number: int = 0  # index pages: 1, 2, … (the first is the kind's entry in the navigation)
    in_nav: bool = False
    wide: bool = False  # lists and forms use the full width, without side bars

    @property
    def url(self) -> str:
        return self.path.removesuffix(".md") + ".html"


# Cards per index page without JavaScript. With it, the filter script shows 48 at a time and
# reuses these cards before it loads card parts (catalog/site/cards.py); 200 keep the first
# page light (its HTML is most of what an index page weighs) while the paged list stays short.
INDEX_PAGE_SIZE = 200


def record_path(kind: str, record_id: str) -> str:
    return f"{kind}/{record_id}.md"


def index_path(kind: str, number: int = 1) -> str:
    return f"{kind}/index.md" if number == 1 else f"{kind}/index-{number}.md"


def _course_brief(course: Course) -> str:
    """A course beside a teacher's or a site's page: its category and hours, as far as known."""
    hours = f"学时{UNKNOWN}" if course.hours is None else f"{hours_text(course.hours)} 学时"
    return facts_line(course.category or "", hours)


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


class SiteRenderer:
    """Renders every page of the site for one catalog."""

    def __init__(
        self,
        catalog: Catalog,
        options: SiteOptions | None = None,
        edition: Edition | None = None,
        plan: Plan | None = None,
        reuse: Reuse = NO_REUSE,
    ):
        self.catalog = catalog
        self.reuse = reuse
        self.options = options or SiteOptions()
        self.edition = edition
        self.dispatch = DispatchPages(
            catalog,
            plan or Plan(),
            declined=self.options.publish_declined,
            contacts=self.options.publish_unit_contacts,
        )
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,  # templates do not change during a build; skip a stat per use
            bytecode_cache=reuse.templates,  # serve: compiled once, not on every rebuild
        )
        self.env.globals.update(
            kind_name=lambda kind: KINDS[kind].name,
            status=status_of,
            held_up=lambda record: held_up(record, catalog),
            hours=hours_text,
            duration=duration_text,
            md=render_markdown,
            catalog=catalog,
            records=lambda kind, ids: [catalog.records[kind][i] for i in ids],
            route_svg=lambda route, narrow=False: route_svg(route, catalog, narrow=narrow),
            personal_facts=lambda record: personal_facts(record, publish=self.options.publish_contacts),
            kind_facts=lambda record: KINDS[record.kind].facts(record, catalog),
            unknown=UNKNOWN,
            facts_line=facts_line,
            route_length=route_length_text,
            bundle_courses=bundle_courses_text,
            bundle_routes=bundle_routes_text,
            places=self._places,
            course_facts=_course_brief,
            none_or=lambda value, yes, no: None if value is None else yes if value else no,
            bookings=self.dispatch.bookings,
            reply_url=reply_url,
        )
        self.env.filters["urlencode"] = lambda value: quote(str(value), safe="")
        self._index_lists: dict[str, tuple[list[Record], list[FacetCounts]]] = {}  # per kind

    def _places(self, regions: list[str]) -> str:
        """Regions as a reader says them, each with the places above it: 湖北省武汉市江岸区."""
        vocabularies = self.catalog.vocabularies
        return "、".join(vocabularies.path("regions", r).replace(TREE_SEPARATOR, "") for r in regions)

    # --- the page list ------------------------------------------------------------------
    def pages(self) -> list[SitePage]:
        pages = [
            SitePage(ORDER_PAGE, "我的点单", "", in_nav=True, wide=True),
            SitePage(SEARCH_PAGE, "搜索结果", "", wide=True),
            SitePage(STATS_PAGE, "统计", "", in_nav=True, wide=True),
            SitePage(BOOKLET_PAGE, "菜单手册", "", in_nav=True, wide=True),
        ]
        if self.edition is not None and not self.edition.archived:
            pages.append(SitePage(CHANGES_PAGE, "更新记录", "", wide=True))
        pages += [
            SitePage(p, title, "", in_nav=nav, wide=True) for p, title, nav in self.dispatch.page_list()
        ]
        for kind, declared in KINDS.items():
            title = declared.index_title
            active = sum(listed(r) for r in self.catalog.records[kind].values())
            for number in range(1, max(1, -(-active // INDEX_PAGE_SIZE)) + 1):
                shown = title if number == 1 else f"{title}（第 {number} 页）"
                pages.append(
                    SitePage(
                        index_path(kind, number), shown, kind, number=number, in_nav=number == 1, wide=True
                    )
                )
            for record in self.catalog.records[kind].values():
                title_text = f"{record.label} · {declared.name}"
                pages.append(SitePage(record_path(kind, record.id), title_text, kind, record.id))
        return pages

    def search_documents(self, reuse: Reuse = NO_REUSE) -> list[SearchDocument]:
        """What search finds for each record: its text fields and the names it links to."""
        documents = [
            reuse.per_record("search", record, self._search_document, record)
            for records in self.catalog.records.values()
            for record in records.values()
        ]
        return documents + self.dispatch.search_documents()

    def _search_document(self, record: Record) -> SearchDocument:
        unsearched = {"id", "status", "status_date", "reviewed", "next_review", "photo"}
        dumped = public_dump(record, publish=self.options.publish_contacts, exclude=unsearched)
        texts = _strings(dumped)
        texts += [
            target.label
            for _, marker, value in walk_markers(record)
            if isinstance(marker, Ref) and (target := self.catalog.get(marker.kind, value))
        ]
        return SearchDocument(
            url=SitePage(record_path(record.kind, record.id), "", record.kind).url,
            kind=KINDS[record.kind].name,
            title=record.label,
            excerpt=KINDS[record.kind].facts(record, self.catalog),
            text="\n".join(texts),
        )

    # --- rendering ----------------------------------------------------------------------
    def render(self, page: SitePage) -> str:
        context = self._links(page.path)
        published = self.dispatch.render(self.env, page.path, context)
        if published is not None:
            return published
        if page.path == ORDER_PAGE:
            return self.env.get_template("order.html").render(**context)
        if page.path == SEARCH_PAGE:
            return self.env.get_template("search.html").render(**context)
        if page.path == CHANGES_PAGE:
            return self.env.get_template("changes.html").render(**context, edition=self.edition)
        if page.path == BOOKLET_PAGE:
            return self.env.get_template("booklet.html").render(
                **context,
                sections=booklet.sections(self.catalog),
                routes=booklet.routes(self.catalog),
                bundles=booklet.bundles(self.catalog),
                site_url=self.options.site_url,
                qr=lambda url: self.reuse.value("qr", url, booklet.qr_svg, url),
            )
        if page.path == STATS_PAGE:
            return self.env.get_template("stats.html").render(
                **context, stats=statistics(self.catalog, self.dispatch.plan), bar_chart=bar_chart
            )
        if page.number:
            return self._render_index(page.kind, page.number, context)
        record = self.catalog.records[page.kind][page.record_id]
        return self._render_record(record, context)

    def edition_banner(self, from_path: str) -> str:
        """A line on every page: which edition this is (and, in an old one, that it is old)."""
        if self.edition is None:
            return ""
        context = self._links(from_path)
        return self.env.get_template("edition.html").render(**context, edition=self.edition)

    def render_home(self, from_path: str = "index.md") -> str:
        catalog = self.catalog
        context = self._links(from_path)
        active_courses = [c for c in catalog.courses.values() if listed(c)]
        groups = {g.facet.name: g.counts for g in count_facets("courses", active_courses, catalog)}
        featured = [c for c in active_courses if "精品党课" in c.flags]
        downloads = [("catalog.json", "exports/catalog.json")] + [
            (f"{declared.name} CSV", f"exports/{kind}.csv") for kind, declared in KINDS.items()
        ]
        return self.env.get_template("home.html").render(
            **context,
            counts=[(kind, sum(listed(r) for r in catalog.records[kind].values())) for kind in KINDS],
            categories=groups["category"],
            audiences=groups["audience"],
            featured=featured,
            routes=[r for r in catalog.routes.values() if listed(r)],
            downloads=[(name, context["rel"](path)) for name, path in downloads],
        )

    def _links(self, from_path: str) -> dict:
        base = posixpath.dirname(from_path)

        def rel(target_url: str) -> str:
            return posixpath.relpath(target_url, base or ".")

        return {
            "rel": rel,
            "link": lambda kind, record_id: rel(f"{kind}/{record_id}.html"),
            "index_link": lambda kind: rel(f"{kind}/index.html"),
            "card_view": lambda record: card_view(record, self.catalog),
        }

    def _index_list(self, kind: str) -> tuple[list[Record], list[FacetCounts]]:
        """A kind's listed records in the default order and their facet counts, which every
        index page of the kind shows: worked out once, not once per page."""
        if kind not in self._index_lists:
            active = listed_in_order(kind, self.catalog)
            self._index_lists[kind] = (active, count_facets(kind, active, self.catalog))
        return self._index_lists[kind]

    def _render_index(self, kind: str, number: int, context: dict) -> str:
        records = list(self.catalog.records[kind].values())
        active, facets = self._index_list(kind)
        pages = max(1, -(-len(active) // INDEX_PAGE_SIZE))
        title, lead = KINDS[kind].index_title, KINDS[kind].index_lead
        return self.env.get_template("index.html").render(
            **context,
            kind=kind,
            title=title,
            lead=lead,
            facets=facets,
            sorts=KINDS[kind].sorts,
            total=len(active),
            shown=active[(number - 1) * INDEX_PAGE_SIZE : number * INDEX_PAGE_SIZE],
            number=number,
            first=(number - 1) * INDEX_PAGE_SIZE + 1,
            pages=[
                (n, posixpath.basename(index_path(kind, n)).replace(".md", ".html"))
                for n in range(1, pages + 1)
            ],
            cards_script=context["rel"](CARDS_SCRIPT.format(kind=kind)),
            archived=[r for r in records if not listed(r)],
        )

    def _render_record(self, record: Record, context: dict) -> str:
        template = self.env.get_template(KINDS[record.kind].template)
        return template.render(**context, record=record)


__all__ = ["SiteOptions", "SitePage", "SiteRenderer", "index_path", "record_path"]
