"""`catalog render --out DIR`: the whole site as plain files, for any site generator.

The same `SiteBuild` that the MkDocs hook hands over event by event is written out here
as a folder a generator builds without running any code of ours: the hand-written pages
(the home page with the menu filled in), a Markdown file per generated page whose body is
the engine's HTML, the browser's assets and data scripts, the downloads and the search
index (with the text of the hand-written pages, rendered here with Python-Markdown). This
is how the menu builds with Zensical, which reads `mkdocs.yml` but runs no hooks.

The HTML goes into Markdown as one raw block per page, with blank lines removed, so no
Markdown processor reads a part of it as Markdown.
"""

from __future__ import annotations

import fnmatch
import posixpath
import shutil
from pathlib import Path

import markdown

from catalog.core.report import CHECK_ALL_HINT, render_grouped, summary
from catalog.editors.editions import edition_of
from catalog.load.validate import check_catalog
from catalog.site.build import HOME_MARKER, SiteBuild
from catalog.site.config import ConfigError, read_config
from catalog.site.output_folder import OUTPUT_HINT, output_problem


def render_site(build: SiteBuild, docs: Path, out: Path, exclude: list[str] | None = None) -> list[str]:
    """Write the site's sources into `out` (replaced); return the paths written, sorted."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    written: dict[str, bytes] = {}
    for path in sorted(docs.rglob("*")):
        rel = path.relative_to(docs).as_posix()
        if not path.is_file() or _excluded(rel, exclude or []):
            continue
        content = path.read_bytes()
        if path.suffix == ".md":
            content = _written_page(build, rel, content.decode("utf-8")).encode("utf-8")
        written[rel] = content
    for page in build.pages.values():
        html = "\n".join(line for line in build.render(page).splitlines() if line.strip())
        written[page.path] = (build.page_source(page) + "\n" + html + "\n").encode("utf-8")
    written.update(build.files())
    written.update(build.final_files())
    for rel, content in written.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return sorted(written)


def _written_page(build: SiteBuild, rel: str, text: str) -> str:
    """A hand-written page: its text for search, the menu where the home page asks for it."""
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") and "\n---\n" in text else text
    title = next((line[2:].strip() for line in body.splitlines() if line.startswith("# ")), rel)
    html = markdown.markdown(body, extensions=["tables"])
    url = posixpath.splitext(rel)[0] + ".html"
    build.written_page(url, title, html, rel)
    if HOME_MARKER not in text:
        return text
    home = "\n".join(line for line in build.renderer.render_home(rel).splitlines() if line.strip())
    return text.replace(HOME_MARKER, home)


def _excluded(rel: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(rel, pattern.strip().lstrip("/")) for pattern in patterns if pattern.strip())


def run_render(root: Path, config_file: Path, out: Path) -> int:
    """`catalog render`: check, then write; an invalid catalog writes nothing (exit 1)."""
    import sys

    from catalog.core.kinds import MODELS

    try:
        config = read_config(config_file)
    except ConfigError as exc:
        print(f"catalog: {exc}", file=sys.stderr)
        return 2
    refused = output_problem(root, out, MODELS, config.docs)
    if refused and not (out.is_dir() and (out / ".training-menu-render").is_file()):
        print(f"catalog: {refused}。{OUTPUT_HINT}", file=sys.stderr)
        return 2
    result = check_catalog(root)
    if result.problems:
        print(render_grouped(result.problems, more=CHECK_ALL_HINT), file=sys.stderr)
    if not result.ok:
        counted = summary(result.problems, len(result.catalog), result.file_count)
        print(f"{counted} 未生成（nothing written）", file=sys.stderr)
        return 1
    build = SiteBuild(result.catalog, config.options, edition_of(root), result.plan)
    paths = render_site(build, config.docs, out, config.exclude)
    (out / ".training-menu-render").write_text("training-menu render\n", encoding="utf-8")
    print(f"已写出 {len(paths)} 个文件到 {out}")
    return 0
