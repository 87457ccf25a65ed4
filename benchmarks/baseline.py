"""The benchmark's anchors: the same plain page per record, built by plain MkDocs + Material,
by Zensical and by Hugo.

The pages reuse the generated records' own text (title or name as the h1, then the summary,
description and bio, and a route's stops), so they are of similar length to ours. There are
no hooks, no shortcodes, no code of ours at build time. Three projects share that text:

- `write_baseline`: MkDocs. The pages are out of the nav (the nav lists only the home page),
  the theme loads no web fonts. Two configurations share the same docs: `mkdocs.yml` without
  any plugin (page generation alone, the fair comparison) and `mkdocs-search.yml` with
  Material's search plugin (what plain Material costs with its built-in search, jieba
  segmenting Chinese).
- the same folder, `zensical.yml`: Zensical (Material's successor) reading that `mkdocs.yml`
  through `INHERIT`, with its search plugin turned off (it then writes a `search.json` with
  no items) and the Markdown extensions MkDocs always has (toc, tables, fenced_code) instead
  of Zensical's default 24, into `site-zensical/` inside the project (Zensical refuses a site
  folder outside its project).
- `write_hugo`: a Hugo project of the same pages as `content/**.md` with the title in the
  front matter, and three layouts of ours (`baseof`, `single`, `list`) that put the title as
  h1 and the rendered content into a bare HTML page: no theme, no CSS, no JavaScript, no
  section, taxonomy, RSS or sitemap pages; Goldmark's typographer and linkify are off, as
  Python-Markdown has neither here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import yaml

KINDS = ("courses", "teachers", "sites", "routes")
CONFIG = "mkdocs.yml"
SEARCH_CONFIG = "mkdocs-search.yml"
ZENSICAL_CONFIG = "zensical.yml"
ZENSICAL_SITE = "site-zensical"  # relative to the baseline project, where Zensical writes
HOME_TITLE = "基线"
HOME_TEXT = "每条记录一页，均不在导航中。"

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

_ZENSICAL_TEXT = f"""\
INHERIT: {CONFIG}
site_dir: {ZENSICAL_SITE}
plugins:
  search:
    enabled: false
# MkDocs' own three (always on there); without this Zensical would turn on 24 by default
markdown_extensions:
  - toc
  - tables
  - fenced_code
"""

_HUGO_CONFIG = """\
baseURL = "/"
languageCode = "zh"
defaultContentLanguage = "zh"
hasCJKLanguage = true
title = "基线（Hugo）"
uglyURLs = true
disableKinds = ["taxonomy", "term", "section", "RSS", "sitemap", "404"]

# As Python-Markdown under MkDocs here: no typographic quotes or dashes, no bare-URL links.
[markup.goldmark.extensions]
typographer = false
linkify = false
"""

_HUGO_LAYOUTS = {
    "baseof.html": """\
<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ site.Title }}</title>
</head>
<body>
<main>
{{ block "main" . }}{{ end }}
</main>
</body>
</html>
""",
    "single.html": '{{ define "main" }}<h1>{{ .Title }}</h1>\n{{ .Content }}{{ end }}\n',
    "list.html": '{{ define "main" }}<h1>{{ .Title }}</h1>\n{{ .Content }}{{ end }}\n',
}

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def page_parts(record: dict) -> tuple[str, str]:
    """One record's title and its free text as Markdown (the page's body below the h1)."""
    title = record.get("title") or record.get("name") or "无标题"
    parts = []
    for key in ("summary", "description", "bio"):
        text = record.get(key)
        if text:
            parts.append(str(text).strip())
    stops = [f"- {stop.get('teaching', '')}" for stop in record.get("stops") or []]
    if stops:
        parts.append("\n".join(stops))
    return str(title), "\n\n".join(parts)


def page_markdown(record: dict) -> str:
    """One record as plain Markdown: its title as h1, then its free text."""
    title, body = page_parts(record)
    return "\n\n".join(filter(None, [f"# {title}", body])) + "\n"


def records(data: Path) -> Iterator[tuple[str, str, dict]]:
    """(kind, file stem, record) for every record file of the catalog in `data`, in order."""
    for kind in KINDS:
        for source in sorted((data / kind).glob("*.yml")):
            yield kind, source.stem, yaml.load(source.read_text(encoding="utf-8"), Loader=_Loader) or {}


def write_baseline(data: Path, project: Path) -> int:
    """Write the MkDocs (and Zensical) project for the catalog in `data`; returns the number of
    record pages."""
    docs = project / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (project / CONFIG).write_text(_CONFIG_TEXT.format(plugins="[]"), encoding="utf-8")
    (project / SEARCH_CONFIG).write_text(_CONFIG_TEXT.format(plugins="[search]"), encoding="utf-8")
    (project / ZENSICAL_CONFIG).write_text(_ZENSICAL_TEXT, encoding="utf-8")
    (docs / "index.md").write_text(f"# {HOME_TITLE}\n\n{HOME_TEXT}\n", encoding="utf-8")
    pages = 0
    for kind in KINDS:
        (docs / kind).mkdir(exist_ok=True)
    for kind, stem, record in records(data):
        (docs / kind / f"{stem}.md").write_text(page_markdown(record), encoding="utf-8")
        pages += 1
    return pages


def _front_matter(title: str) -> str:
    # A JSON string is a YAML double-quoted scalar: any title survives as it is.
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n\n"


def write_hugo(data: Path, project: Path) -> int:
    """Write the Hugo project for the catalog in `data`; returns the number of record pages."""
    content, layouts = project / "content", project / "layouts" / "_default"
    content.mkdir(parents=True, exist_ok=True)
    layouts.mkdir(parents=True, exist_ok=True)
    (project / "hugo.toml").write_text(_HUGO_CONFIG, encoding="utf-8")
    for name, text in _HUGO_LAYOUTS.items():
        (layouts / name).write_text(text, encoding="utf-8")
    (content / "_index.md").write_text(_front_matter(HOME_TITLE) + HOME_TEXT + "\n", encoding="utf-8")
    pages = 0
    for kind in KINDS:
        (content / kind).mkdir(exist_ok=True)
    for kind, stem, record in records(data):
        title, body = page_parts(record)
        (content / kind / f"{stem}.md").write_text(_front_matter(title) + body + "\n", encoding="utf-8")
        pages += 1
    return pages
