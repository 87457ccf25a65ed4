"""The menu's settings in mkdocs.yml, as the engine reads them (for `catalog render`).

The MkDocs hook gets `extra.menu` from MkDocs and checks it with MkDocs' own option classes;
`catalog render` runs without MkDocs and reads the same file here: where the hand-written
pages are (`docs_dir`), which of them stay out of the site (`exclude_docs`), and the
options of `SiteOptions`, each a plain true or false.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

import yaml

from catalog.load.yamlcore import CoreLoader
from catalog.site.pages import SiteOptions

TRUE_OR_FALSE = "只能写 true 或 false（不加引号），现在是 {value!r}"


class ConfigError(Exception):
    """mkdocs.yml cannot be used (the message is for people)."""


class _Loader(CoreLoader):
    """mkdocs.yml read with the project's YAML 1.2 scalars (`publish_contacts: yes` is the word
    "yes", refused, not true); MkDocs' own tags (!ENV, !!python/name:…) read as None."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    docs: Path
    exclude: list[str]
    options: SiteOptions


def _read(path: Path) -> dict:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"无法读取 {path}（cannot read config）：{exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path} 顶层应当是“设置项: 值”的映射")
    return data


def menu_as_written(path: Path) -> object:
    """`extra.menu` of mkdocs.yml read with YAML 1.2 scalars. MkDocs reads the file as YAML 1.1
    (`yes` and `on` are true there), so the hook judges the settings from this reading."""
    extra = _read(path).get("extra")
    return extra.get("menu") if isinstance(extra, dict) else None


def read_config(path: Path) -> SiteConfig:
    data = _read(path)
    root = path.parent
    exclude = data.get("exclude_docs") or ""
    extra = data.get("extra") or {}
    menu = (extra.get("menu") if isinstance(extra, dict) else None) or {}
    return SiteConfig(
        root=root,
        docs=root / str(data.get("docs_dir") or "docs"),
        exclude=[line for line in str(exclude).splitlines() if line.strip()],
        options=site_options(menu, str(data.get("site_url") or "")),
    )


def site_options(menu: object, site_url: str = "") -> SiteOptions:
    """`extra.menu` and `site_url` as SiteOptions; a switch must be an unquoted true/false."""
    if not isinstance(menu, dict):
        raise ConfigError(f"mkdocs.yml 的 extra.menu 应当是“设置项: 值”的映射，现在是 {menu!r}")
    known = {f.name for f in fields(SiteOptions) if isinstance(f.default, bool)}
    for key, value in menu.items():
        if key not in known:
            raise ConfigError(
                f"mkdocs.yml 设置有误：extra.menu 里没有设置项 {key}（可用：{'、'.join(known)}）"
            )
        if not isinstance(value, bool):
            raise ConfigError(f"mkdocs.yml 设置有误：extra.menu.{key} " + TRUE_OR_FALSE.format(value=value))
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    return SiteOptions(**menu, site_url=site_url)
