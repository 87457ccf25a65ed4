"""The generated part of the site for one checked catalog, as a site generator takes it.

`SiteBuild` is the one entry point: the generated pages (a Markdown source with front
matter, and the HTML body the engine renders for it), every other file (the browser's
scripts and styles from `assets/` beside this module, the data scripts they read, the
downloads, photos), and the search index once the text of the hand-written pages is known.
A generator adapter (hooks/menu.py) only moves these into its build. The build date is
the catalog's, so the same input gives the same bytes on any day.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import escape

from catalog.core.kinds import KINDS
from catalog.core.relations import Catalog
from catalog.orders.plan import Plan
from catalog.site.browser_data import script
from catalog.site.cards import cards_scripts
from catalog.site.downloads import export_files, photo_files
from catalog.site.order_data import DIGEST_SCRIPT, digest_script
from catalog.site.output_folder import SITE_MARKER
from catalog.site.pages import SiteOptions, SitePage, SiteRenderer
from catalog.site.rebuild import NO_REUSE, Key, Reuse
from catalog.site.search import SearchDocument, build_search_files, html_text

if TYPE_CHECKING:
    from catalog.editors.editions import Edition

ASSETS = Path(__file__).parent / "assets"
THEME = Path(__file__).parent / "theme"  # templates the theme takes before its own (skip link, 404)
MENU_DATA_SCRIPT = "assets/menu-data.js"  # what every page's scripts know about the kinds
HOME_MARKER = "<!-- menu:home -->"  # where the home page (docs/index.md) wants the menu
DEFAULT_DATE = dt.date(2024, 1, 1)  # the build date of a catalog without records


EDITION_MARKER = ".training-menu-edition"  # in the folder of an old edition's site (site/2025/)


@dataclass
class SiteBuild:
    catalog: Catalog
    options: SiteOptions
    edition: Edition | None = None  # catalog.editors.editions: which edition, what changed
    plan: Plan | None = None  # the dispatch plan (catalog.orders.plan): schedule and replies
    reuse: Reuse = NO_REUSE  # under `mkdocs serve`, what the last build made (catalog.site.rebuild)

    def __post_init__(self) -> None:
        self.renderer = SiteRenderer(self.catalog, self.options, self.edition, self.plan, self.reuse)
        self.pages = {page.path: page for page in self.renderer.pages()}
        self.written: dict[str, SearchDocument] = {}  # hand-written pages by URL, for search
        last = self.reuse.last("home-pages")  # serve: which hand-written pages show the menu
        self.homes_known = isinstance(last, frozenset)
        self.home_pages: set[str] = set(last) if isinstance(last, frozenset) else set()

    # --- pages ------------------------------------------------------------------------
    def page_source(self, page: SitePage) -> str:
        """The Markdown file of a generated page: front matter only; its body comes later."""
        front = f"title: {json.dumps(str(escape(page.title)), ensure_ascii=False)}\n"
        if page.wide:
            front += "hide:\n  - navigation\n  - toc\n"
        return f"---\n{front}---\n"

    def render(self, page: SitePage) -> str:
        return self.renderer.edition_banner(page.path) + self.renderer.render(page)

    def written_page(self, url: str, title: str, html: str, src_path: str) -> str:
        """A hand-written page's HTML: the home page gets the menu; its text goes to search."""
        (self.home_pages.add if HOME_MARKER in html else self.home_pages.discard)(src_path)
        if HOME_MARKER in html:
            html = html.replace(HOME_MARKER, self.renderer.render_home(src_path))
        self.written[url] = SearchDocument(url, "说明", title, "", html_text(html))
        return self.renderer.edition_banner(src_path) + html

    def page_key(self, page: SitePage) -> Key:
        """What a page is made from (catalog.site.rebuild): its record's key, or the catalog's."""
        keys = self.reuse.keys
        if page.record_id:
            return keys.of_record[(page.kind, page.record_id)]
        return keys.catalog

    def written_page_key(self, src_path: str) -> Key:
        """What a hand-written page is made from besides its file: the edition line on every
        page (the shared inputs), and the catalog on the home page (or while not known)."""
        keys = self.reuse.keys
        return keys.shared if self.homes_known and src_path not in self.home_pages else keys.catalog

    # --- files ------------------------------------------------------------------------
    def files(self) -> dict[str, bytes]:
        """Every file that is not a page, by its path in the built site."""
        catalog, options = self.catalog, self.options
        static = {f"assets/{p.name}": p.read_bytes() for p in sorted(ASSETS.iterdir()) if p.is_file()}
        kinds = [{"key": key, "name": kind.name} for key, kind in KINDS.items()]
        return {
            **static,
            MENU_DATA_SCRIPT: script("MENU_DATA", {"kinds": kinds}),
            DIGEST_SCRIPT: digest_script(catalog, list(self.renderer.dispatch.replies), self.reuse),
            **cards_scripts(catalog, self.reuse),
            **export_files(catalog, publish_contacts=options.publish_contacts, reuse=self.reuse),
            **photo_files(catalog),
        }

    def final_files(self) -> dict[str, bytes]:
        """Written last: the search index (records and hand-written pages), the site marker."""
        documents = self.renderer.search_documents(self.reuse)
        documents += [self.written[url] for url in sorted(self.written)]
        files = {**build_search_files(documents, self.reuse), SITE_MARKER: b"training-menu\n"}
        self.reuse.keep("home-pages", frozenset(self.home_pages))
        self.homes_known = True  # every page is read by now
        if self.edition is not None and self.edition.archived:
            files[EDITION_MARKER] = f"{self.edition.year}\n".encode()
        return files

    # --- the build date ---------------------------------------------------------------
    def epoch(self) -> int:
        """The newest `reviewed` date of the catalog, as seconds since 1970 (UTC)."""
        days = [record.reviewed for records in self.catalog.records.values() for record in records.values()]
        newest = max(days, default=DEFAULT_DATE)
        return int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC).timestamp())
