"""The benchmark's baseline: plain MkDocs + Material building one Markdown page per record.

The pages reuse the generated records' own text (title or name as the h1, then the summary,
description and bio, and a route's stops), so they are of similar length to ours. They are
out of the nav (the nav lists only the home page), the theme loads no web fonts, there are
no hooks. Two configurations share the same docs: `mkdocs.yml` without any plugin (page
generation alone, the fair comparison) and `mkdocs-search.yml` with Material's search
plugin (what plain Material costs with its built-in search, jieba segmenting Chinese).
"""

from __future__ import annotations

from pathlib import Path

import yaml

KINDS = ("courses", "teachers", "sites", "routes")
CONFIG = "mkdocs.yml"
SEARCH_CONFIG = "mkdocs-search.yml"

_CONFIG_TEXT = """\
site_name: 基线（plain MkDocs + Material）
use_directory_urls: false
theme:
  name: material
  language: zh
  font: false
plugins: {plugins}
nav:
  - 首页: index.md
"""

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def page_markdown(record: dict) -> str:
    """One record as plain Markdown: its title as h1, then its free text."""
    title = record.get("title") or record.get("name") or "无标题"
    parts = [f"# {title}"]
    for key in ("summary", "description", "bio"):
        text = record.get(key)
        if text:
            parts.append(str(text).strip())
    stops = [f"- {stop.get('teaching', '')}" for stop in record.get("stops") or []]
    if stops:
        parts.append("\n".join(stops))
    return "\n\n".join(parts) + "\n"


def write_baseline(data: Path, project: Path) -> int:
    """Write the baseline project for the catalog in `data`; returns the number of record pages."""
    docs = project / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (project / CONFIG).write_text(_CONFIG_TEXT.format(plugins="[]"), encoding="utf-8")
    (project / SEARCH_CONFIG).write_text(_CONFIG_TEXT.format(plugins="[search]"), encoding="utf-8")
    (docs / "index.md").write_text("# 基线\n\n每条记录一页，均不在导航中。\n", encoding="utf-8")
    pages = 0
    for kind in KINDS:
        folder = docs / kind
        folder.mkdir(exist_ok=True)
        for source in sorted((data / kind).glob("*.yml")):
            record = yaml.load(source.read_text(encoding="utf-8"), Loader=_Loader) or {}
            (folder / f"{source.stem}.md").write_text(page_markdown(record), encoding="utf-8")
            pages += 1
    return pages
