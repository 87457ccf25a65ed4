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
from urllib.parse import quote

import jinja2

from .cards import CARDS_SCRIPT, card_view
from .facets import count_facets
from .models import KIND_NAMES, MODELS, Record, Ref
from .relations import Catalog, walk_markers
from .route_svg import route_svg
from .safe_markdown import render_markdown
from .search import SearchDocument
from .wording import duration_text, hours_text, record_facts

INDEX_TITLES = {
    "courses": ("课程菜单", "按类别、对象、形式和学时筛选课程，选好后加入点单。"),
    "teachers": ("师资库", "区、镇、村各级授课师资，按层级、类型和擅长方向筛选。"),
    "sites": ("教学点位", "红色教育基地、纪念馆、党建馆和党群服务中心等现场教学阵地。"),
    "routes": ("教学路线", "把多个点位串成半天或一天的现场教学线路。"),
}


ORDER_PAGE = "order.md"


@dataclass(frozen=True)
class SiteOptions:
    publish_contacts: bool = False  # teachers' phone and e-mail are personal data


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


INDEX_PAGE_SIZE = 500  # cards per index page without JavaScript; scripts filter them all


def record_path(kind: str, record_id: str) -> str:
    return f"{kind}/{record_id}.md"


def index_path(kind: str, number: int = 1) -> str:
    return f"{kind}/index.md" if number == 1 else f"{kind}/index-{number}.md"


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

    def __init__(self, catalog: Catalog, options: SiteOptions | None = None):
        self.catalog = catalog
        self.options = options or SiteOptions()
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,  # templates do not change during a build; skip a stat per use
        )
        self.env.globals.update(
            kind_name=KIND_NAMES.get,
            hours=hours_text,
            duration=duration_text,
            md=render_markdown,
        )
        self.env.filters["urlencode"] = lambda value: quote(str(value), safe="")

    # --- the page list ------------------------------------------------------------------
    def pages(self) -> list[SitePage]:
        pages = [SitePage(ORDER_PAGE, "我的点单", "", in_nav=True, wide=True)]
        for kind in MODELS:
            title, _ = INDEX_TITLES[kind]
            active = sum(r.status == "active" for r in self.catalog.records[kind].values())
            for number in range(1, max(1, -(-active // INDEX_PAGE_SIZE)) + 1):
                shown = title if number == 1 else f"{title}（第 {number} 页）"
                pages.append(
                    SitePage(
                        index_path(kind, number), shown, kind, number=number, in_nav=number == 1, wide=True
                    )
                )
            for record in self.catalog.records[kind].values():
                title_text = f"{record.label} · {KIND_NAMES[kind]}"
                pages.append(SitePage(record_path(kind, record.id), title_text, kind, record.id))
        return pages

    def search_documents(self) -> list[SearchDocument]:
        """What search finds for each record: its text fields and the names it links to."""
        documents = []
        private = {"id", "status", "reviewed", "photo"}
        if not self.options.publish_contacts:
            private.add("contact")
        for kind, records in self.catalog.records.items():
            for record in records.values():
                texts = _strings(record.model_dump(exclude=private))
                texts += [
                    target.label
                    for _, marker, value in walk_markers(record)
                    if isinstance(marker, Ref) and (target := self.catalog.get(marker.kind, value))
                ]
                documents.append(
                    SearchDocument(
                        url=SitePage(record_path(kind, record.id), "", kind).url,
                        kind=KIND_NAMES[kind],
                        title=record.label,
                        excerpt=record_facts(record, self.catalog),
                        text="\n".join(texts),
                    )
                )
        return documents

    # --- rendering ----------------------------------------------------------------------
    def render(self, page: SitePage) -> str:
        context = self._links(page.path)
        if page.path == ORDER_PAGE:
            return self.env.get_template("order.html").render(**context)
        if page.number:
            return self._render_index(page.kind, page.number, context)
        record = self.catalog.records[page.kind][page.record_id]
        return self._render_record(record, context)

    def render_home(self, from_path: str = "index.md") -> str:
        catalog = self.catalog
        context = self._links(from_path)
        active_courses = [c for c in catalog.courses.values() if c.status == "active"]
        groups = {g.facet.name: g.counts for g in count_facets("courses", active_courses, catalog)}
        featured = [c for c in active_courses if "精品党课" in c.flags]
        downloads = [("catalog.json", "exports/catalog.json")] + [
            (f"{KIND_NAMES[kind]} CSV", f"exports/{kind}.csv") for kind in MODELS
        ]
        return self.env.get_template("home.html").render(
            **context,
            counts=[
                (kind, sum(r.status == "active" for r in catalog.records[kind].values())) for kind in MODELS
            ],
            categories=groups["category"],
            audiences=groups["audience"],
            featured=featured,
            routes=[r for r in catalog.routes.values() if r.status == "active"],
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
            "card_view": card_view,
        }

    def _render_index(self, kind: str, number: int, context: dict) -> str:
        records = list(self.catalog.records[kind].values())
        active = [r for r in records if r.status == "active"]
        pages = max(1, -(-len(active) // INDEX_PAGE_SIZE))
        title, lead = INDEX_TITLES[kind]
        return self.env.get_template("index.html").render(
            **context,
            kind=kind,
            title=title,
            lead=lead,
            facets=count_facets(kind, active, self.catalog),
            total=len(active),
            shown=active[(number - 1) * INDEX_PAGE_SIZE : number * INDEX_PAGE_SIZE],
            number=number,
            first=(number - 1) * INDEX_PAGE_SIZE + 1,
            pages=[
                (n, posixpath.basename(index_path(kind, n)).replace(".md", ".html"))
                for n in range(1, pages + 1)
            ],
            cards_script=context["rel"](CARDS_SCRIPT.format(kind=kind)),
            archived=[r for r in records if r.status != "active"],
        )

    def _render_record(self, record: Record, context: dict) -> str:
        catalog = self.catalog
        extra: dict = {}
        if record.kind == "courses":
            extra = {
                "teachers": [catalog.teachers[t] for t in record.teachers],
                "sites": [catalog.sites[s] for s in record.sites],
                "routes": catalog.course_routes(record.id),
            }
        elif record.kind == "teachers":
            extra = {
                "courses": catalog.teacher_courses(record.id),
                "contact": record.contact if self.options.publish_contacts else None,
                "photo": context["rel"](record.photo) if record.photo else "",
            }
        elif record.kind == "sites":
            extra = {
                "courses": catalog.site_courses(record.id),
                "routes": catalog.site_routes(record.id),
            }
        elif record.kind == "routes":
            extra = {
                "svg": route_svg(record, catalog),
                "capacity": catalog.route_capacity(record),
                "stops": [
                    (stop, catalog.sites[stop.site], catalog.courses[stop.course] if stop.course else None)
                    for stop in record.stops
                ],
            }
        template = self.env.get_template(f"{MODELS[record.kind].__name__.lower()}.html")
        return template.render(**context, record=record, **extra)


__all__ = ["SiteOptions", "SitePage", "SiteRenderer", "index_path", "record_path"]
