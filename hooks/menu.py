"""MkDocs adapter for the training menu: hands the validated catalog to MkDocs.

The engine (`catalog`) knows nothing about MkDocs; this module only moves its results
into MkDocs' build, one event at a time, in the order MkDocs runs them:

- on_config: refuse an output folder that holds the project or its sources (MkDocs
  empties it first: catalog.output_folder); check the catalog. Any error stops the build
  here, before MkDocs cleans the site folder, so a failed build leaves the previous site
  untouched; the messages are exactly those of `catalog check`. Pin MkDocs' build date (sitemap) to the newest
  review date of the catalog, unless SOURCE_DATE_EPOCH is set: same input, same bytes,
  on any day. (Failures after on_config: see hooks/atomic_build.py, SECURITY.md.)
- on_files: add a generated page per record and per index page, the order page, the
  exports, photos, and the data scripts that the index and order pages read.
- on_page_content: give generated pages the engine's HTML; fill the home page; keep the
  text of hand-written pages for search.
- on_post_build: write the search index (records and hand-written pages), last, when the
  text of every page is known, and the marker that says the folder is a built menu site.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from dataclasses import fields
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from catalog.cards import cards_scripts
from catalog.exports import export_files, photo_files
from catalog.models import MODELS
from catalog.order_page import DIGEST_SCRIPT, digest_script
from catalog.output_folder import OUTPUT_HINT, SITE_MARKER, output_problem
from catalog.problems import summary
from catalog.search import SearchDocument, build_search_files, html_text
from catalog.site_pages import SiteOptions, SitePage, SiteRenderer
from catalog.validate import check_catalog

log = logging.getLogger("mkdocs.hooks.menu")
HOME_MARKER = "<!-- menu:home -->"


class _Build:
    """What one build knows; reset by on_config at the start of every build."""

    renderer: SiteRenderer | None = None
    pages: dict[str, SitePage] = {}  # noqa: RUF012 generated pages by source path
    written: dict[str, SearchDocument] = {}  # noqa: RUF012 hand-written pages by URL


_build = _Build()


def on_config(config):
    if config.use_directory_urls:
        raise PluginError("mkdocs.yml 须设置 use_directory_urls: false（离线和 file:// 打开需要）")
    root = Path(config.config_file_path).parent
    problem = output_problem(root, Path(config.site_dir), MODELS, Path(config.docs_dir))
    if problem:  # MkDocs would empty that folder first
        raise PluginError(f"{problem}。{OUTPUT_HINT}")
    result = check_catalog(root)
    for problem in result.problems:  # warnings as INFO: they must not fail `--strict`
        (log.error if problem.is_error else log.info)(problem.text())
    if not result.ok:
        raise PluginError(f"{summary(result.problems, len(result.catalog))} 网站未生成（site not built）")
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(_content_epoch(result.catalog)))
    options = _options(config.extra.get("menu") or {})
    _build.renderer = SiteRenderer(result.catalog, options)
    _build.pages = {page.path: page for page in _build.renderer.pages()}
    _build.written = {}
    return config


def on_files(files, config):
    renderer = _build.renderer
    for page in _build.pages.values():
        front = "---\n" + f"title: {json.dumps(_escape(page.title), ensure_ascii=False)}\n"
        if page.wide:
            front += "hide:\n  - navigation\n  - toc\n"
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.path, content=front + "---\n", inclusion=inclusion))
    options = renderer.options
    extras = {
        **export_files(renderer.catalog, publish_contacts=options.publish_contacts),
        **photo_files(renderer.catalog),
        DIGEST_SCRIPT: digest_script(renderer.catalog),
        **cards_scripts(renderer.catalog),
    }
    for path, content in extras.items():
        files.append(File.generated(config, path, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_page_content(html, page, config, files):
    generated = _build.pages.get(page.file.src_uri)
    if generated is not None:
        return _build.renderer.render(generated)
    if HOME_MARKER in html:
        html = html.replace(HOME_MARKER, _build.renderer.render_home(page.file.src_uri))
    _build.written[page.url] = SearchDocument(page.url, "说明", page.title, "", html_text(html))
    return html


def on_post_build(config):
    documents = _build.renderer.search_documents()
    documents += [_build.written[url] for url in sorted(_build.written)]
    files = {**build_search_files(documents), SITE_MARKER: b"training-menu\n"}
    for path, content in files.items():
        target = Path(config.site_dir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def _content_epoch(catalog) -> int:
    """The newest `reviewed` date of the catalog, as seconds since 1970 (UTC)."""
    days = [record.reviewed for records in catalog.records.values() for record in records.values()]
    newest = max(days, default=dt.date(2024, 1, 1))
    return int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC).timestamp())


def _options(menu: dict) -> SiteOptions:
    """`extra.menu` of mkdocs.yml; a quoted "false" must not publish personal data."""
    defaults = {f.name: f.default for f in fields(SiteOptions)}
    for key, value in menu.items():
        if key not in defaults:
            known = "、".join(sorted(defaults))
            raise PluginError(f"mkdocs.yml 的 extra.menu 里没有设置项 {key}（可用：{known}）")
        if isinstance(defaults[key], bool) and not isinstance(value, bool):
            raise PluginError(
                f"mkdocs.yml 的 extra.menu.{key} 只能写 true 或 false（不加引号），现在是 {value!r}"
            )
    return SiteOptions(**menu)


def _escape(text: str) -> str:
    """Titles reach MkDocs' templates unescaped, so escape them here."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
