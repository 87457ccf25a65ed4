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
- on_page_content: hand-written pages go to the engine (the home page gets the menu,
  search gets their text); a generated page gets a marker in place of its body.
- on_post_page: the marker becomes the engine's HTML of the page, rendered only now, as
  the page is written: MkDocs keeps every page's content until the build ends, and the
  site's HTML at once would be most of the build's memory.
- on_post_build: write the search index and the site marker, last, when the text of every
  page is known.

Under `mkdocs serve` the engine keeps what each build made (catalog.site.rebuild), so a
rebuild after a save makes again only the values its change touched; with `--dirty` (as
`./dev serve` runs it) MkDocs also writes only the pages whose inputs changed: a generated
page is unmodified when its key is the last build's, and a hand-written page is written
again when its file or the catalog changed. Pages whose record is gone are deleted.
"""

from __future__ import annotations

import logging
import os
from dataclasses import fields
from pathlib import Path
from typing import cast

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
from catalog.site.rebuild import NO_REUSE, BuildMemory, Key, shared_inputs

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
    memory: BuildMemory | None = None  # `mkdocs serve`: what the last build made

    def __init__(self) -> None:
        self.page_keys: dict[str, Key] = {}  # this build's pages (src_uri): what each is made of
        self.written_pages: list[str] = []  # this build's hand-written pages (src_uri)


state = _State()


class _Generated(File):
    """A generated page or file; `kept` when its inputs are the last build's (so is its file)."""

    kept = False

    def is_modified(self) -> bool:
        return not self.kept and super().is_modified()


class _DirtyNotice(logging.Filter):
    """MkDocs warns that a dirty build may leave navigation and links stale; ours does not
    (mkdocs.yml and the catalog are inputs of every page), so its warning becomes a note."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.getMessage().startswith("A 'dirty' build is being performed"):
            log.info("只重新生成改动涉及的页面（--dirty: only pages whose inputs changed are rebuilt）")
            return False
        return True


def on_startup(command, dirty):
    state.memory = BuildMemory() if command == "serve" else None
    if state.memory is not None and dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_DirtyNotice())


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
    edition = edition_of(root)
    reuse = NO_REUSE
    if state.memory is not None:
        banner = (edition.year, edition.label, edition.archived) if edition else None  # on every page
        inputs = (options, banner, result.plan, result.catalog.vocabularies)
        shared = shared_inputs(*inputs, extra=Path(config.config_file_path).read_bytes())
        reuse = state.memory.reuse(result.catalog, shared, listing=shared_inputs(edition))
    state.build = SiteBuild(result.catalog, options, edition, result.plan, reuse)
    plan = root / PLAN_FOLDER  # optional, so not in mkdocs.yml's `watch` (which must exist)
    if plan.is_dir() and str(plan) not in config.watch:
        config.watch.append(str(plan))
    config.theme.dirs.insert(0, str(THEME))  # the engine's skip link and 404 page
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(state.build.epoch()))
    return config


def on_files(files, config):
    build = _current()
    serving = state.memory is not None
    written = list(files.documentation_pages())  # the hand-written pages
    state.page_keys = {}
    for page in build.pages.values():
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        source = build.page_source(page)
        file = cast(_Generated, _Generated.generated(config, page.path, content=source, inclusion=inclusion))
        if serving:
            key = state.page_keys[page.path] = build.page_key(page)
            file.kept = build.reuse.page_unchanged(page.path, key) and os.path.isfile(file.abs_dest_path)
        files.append(file)
    made = build.files()
    same = _unchanged_files(build, "files", made, config.site_dir)
    for path, content in made.items():
        generated = _Generated.generated(config, path, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
        file = cast(_Generated, generated)
        file.kept = path in same and os.path.isfile(file.abs_dest_path)
        files.append(file)
    if serving:
        state.written_pages = [file.src_uri for file in written]
        for file in written:  # the home page lists the catalog; every page has the edition line
            key = state.page_keys[file.src_uri] = build.written_page_key(file.src_uri)
            if not build.reuse.page_unchanged(file.src_uri, key) and os.path.isfile(file.abs_dest_path):
                os.remove(file.abs_dest_path)  # so MkDocs writes it again under --dirty
        build.written.update(build.reuse.written_before(file.url for file in written))
        changed = [path for path, key in state.page_keys.items() if not build.reuse.page_unchanged(path, key)]
        build.reuse.forget(changed)
    return files


def on_env(env, config, files):
    if state.memory is not None:  # serve: the theme's templates are compiled once, not per rebuild
        env.bytecode_cache = state.memory.templates
    return env


# Material puts the page title above content without "<h1" in it; every generated page has
# its own heading, so the marker says so (tests/test_site_build.py: one h1 on every page).
BODY_MARKER = "<!-- menu: the generated page's body, with its own <h1> -->"


def on_page_content(html, page, config, files):
    build = _current()
    if page.file.src_uri in build.pages:
        return BODY_MARKER
    return build.written_page(page.url, page.title, html, page.file.src_uri)


def on_post_page(output, page, config):
    generated = _current().pages.get(page.file.src_uri)
    if generated is None:
        return output
    before, marker, after = output.partition(BODY_MARKER)
    if not marker:  # pragma: no cover - a theme that does not show page.content
        raise PluginError(f"{page.file.src_uri}: 主题没有输出页面正文（the theme dropped the page body）")
    return before + _current().render(generated) + after


def on_post_build(config):
    build = _current()
    made = build.final_files()
    same = _unchanged_files(build, "final-files", made, config.site_dir)
    for path, content in made.items():
        target = Path(config.site_dir) / path
        if path in same and target.is_file():
            continue  # serve: as the last build wrote it
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    if state.memory is not None:
        for src_uri in state.written_pages:  # now that it is known which show the catalog
            state.page_keys[src_uri] = build.written_page_key(src_uri)
        for gone in build.reuse.finish(state.page_keys, dict(build.written)):
            (Path(config.site_dir) / (os.path.splitext(gone)[0] + ".html")).unlink(missing_ok=True)


def _unchanged_files(build: SiteBuild, space: str, made: dict[str, bytes], site_dir: str) -> set[str]:
    """Serve: the files the last build wrote with these bytes; the ones it wrote that this
    build does not make (a card part, a search chunk past the end) are deleted."""
    same, gone = build.reuse.compare_files(space, made)
    for path in gone:
        (Path(site_dir) / path).unlink(missing_ok=True)
    return same


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
