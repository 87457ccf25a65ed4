"""MkDocs adapter for the training menu: hands the engine's site to MkDocs, event by event.

The engine (`catalog`) knows nothing about MkDocs; `catalog.site.build.SiteBuild` holds
everything this build needs. This module only moves it into MkDocs, in the order MkDocs
runs its events (ProperDocs, the maintained MkDocs 1.x fork, runs them alike):

- on_config: refuse an output folder that holds the project or its sources (MkDocs
  empties it first: catalog.site.output_folder); check the catalog; put the engine's
  theme templates (skip link, 404) before the theme's own. Any error stops the
  build here, before MkDocs cleans the site folder, so a failed build leaves the previous
  site untouched; the messages are exactly those of `catalog check`, grouped alike. Watch
  the dispatch plan's folder when there is one (`mkdocs serve`). Pin the build date
  (sitemap) to the catalog's, unless SOURCE_DATE_EPOCH is set. (Failures after on_config:
  see hooks/atomic_build.py, SECURITY.md.)
- on_files: add the generated pages and every other generated file.
- on_page_content: give generated pages the engine's HTML; hand-written pages to the
  engine (the home page gets the menu, search gets their text).
- on_post_build: write the search index and the site marker, last, when the text of every
  page is known.
"""

from __future__ import annotations

import logging
import os
from dataclasses import fields
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from catalog.core.kinds import MODELS
from catalog.core.report import CHECK_ALL_HINT, grouped, summary
from catalog.editors.editions import edition_of
from catalog.load.validate import check_catalog
from catalog.orders.plan_files import FOLDER as PLAN_FOLDER
from catalog.site.build import THEME, SiteBuild
from catalog.site.config import TRUE_OR_FALSE, ConfigError, menu_as_written
from catalog.site.output_folder import OUTPUT_HINT, output_problem
from catalog.site.pages import SiteOptions

log = logging.getLogger("mkdocs.hooks.menu")


class _TrueOrFalse(c.Type):
    """true or false, unquoted; anything else is refused in Chinese."""

    def __init__(self, default: bool):
        super().__init__(bool, default=default)

    def run_validation(self, value: object) -> bool:
        if not isinstance(value, bool):
            raise c.ValidationError(TRUE_OR_FALSE.format(value=value))
        return value


# `extra.menu` in mkdocs.yml, typed with MkDocs' own option classes, one per SiteOptions field.
_MENU = [f for f in fields(SiteOptions) if isinstance(f.default, bool)]  # the switches of extra.menu
_OPTIONS = {f.name: _TrueOrFalse(default=f.default) for f in _MENU if isinstance(f.default, bool)}
MenuOptions: type[base.Config] = type("MenuOptions", (base.Config,), _OPTIONS)


class _State:
    """What the current build knows: set by on_config at the start of every build."""

    build: SiteBuild | None = None


state = _State()


def on_config(config):
    if config.use_directory_urls:
        raise PluginError("mkdocs.yml 须设置 use_directory_urls: false（离线和 file:// 打开需要）")
    root = Path(config.config_file_path).parent
    refused = output_problem(root, Path(config.site_dir), MODELS, Path(config.docs_dir))
    if refused:
        raise PluginError(f"{refused}。{OUTPUT_HINT}")
    options = _options(_menu_as_written(config), config.site_url)
    result = check_catalog(root, cache=True)
    for line in grouped(result.problems, more=CHECK_ALL_HINT):  # warnings as INFO: not to fail `--strict`
        (log.error if line.problem.is_error else log.info)(line.text)
    if not result.ok:
        counted = summary(result.problems, len(result.catalog), result.file_count)
        raise PluginError(f"{counted} 网站未生成（site not built）")
    state.build = SiteBuild(result.catalog, options, edition_of(root), result.plan)
    plan = root / PLAN_FOLDER  # optional, so not in mkdocs.yml's `watch` (which must exist)
    if plan.is_dir() and str(plan) not in config.watch:
        config.watch.append(str(plan))
    config.theme.dirs.insert(0, str(THEME))  # the engine's skip link and 404 page
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(state.build.epoch()))
    return config


def on_files(files, config):
    build = _current()
    for page in build.pages.values():
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.path, content=build.page_source(page), inclusion=inclusion))
    for path, content in build.files().items():
        files.append(File.generated(config, path, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_page_content(html, page, config, files):
    build = _current()
    generated = build.pages.get(page.file.src_uri)
    if generated is not None:
        return build.render(generated)
    return build.written_page(page.url, page.title, html, page.file.src_uri)


def on_post_build(config):
    for path, content in _current().final_files().items():
        target = Path(config.site_dir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def _current() -> SiteBuild:
    if state.build is None:  # pragma: no cover - MkDocs always runs on_config first
        raise PluginError("hooks/menu.py: on_config did not run")
    return state.build


def _menu_as_written(config) -> object:
    """`extra.menu` as YAML 1.2 reads mkdocs.yml (MkDocs' YAML 1.1 makes `yes` true)."""
    try:
        menu = menu_as_written(Path(config.config_file_path))
    except ConfigError as exc:
        raise PluginError(str(exc)) from exc
    return menu if menu is not None else config.extra.get("menu")  # e.g. from an INHERIT file


def _options(menu: object, site_url: str | None) -> SiteOptions:
    if menu is not None and not isinstance(menu, dict):
        raise PluginError(f"mkdocs.yml 的 extra.menu 应当是“设置项: 值”的映射，现在是 {menu!r}")
    options = MenuOptions()
    options.load_dict(menu or {})
    failed, unknown = options.validate()
    lines = [f"extra.menu.{key} {error}" for key, error in failed]
    known = "、".join(f.name for f in _MENU)
    lines += [f"extra.menu 里没有设置项 {key}（可用：{known}）" for key, _ in unknown]
    if lines:
        raise PluginError("mkdocs.yml 设置有误：" + "；".join(lines))
    return SiteOptions(**{f.name: options[f.name] for f in _MENU}, site_url=_site_url(site_url))


def _site_url(url: str | None) -> str:
    """MkDocs' site_url, ending in "/" (QR codes of the printed menu point below it)."""
    if not url:
        return ""
    return url if url.endswith("/") else url + "/"
