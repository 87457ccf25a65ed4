"""What a built site weighs, read from the file system: totals, record pages, index pages.

Index page weights count the page itself plus the scripts it loads by `<script src>` that
the home page does not load (page-specific data, not the site-wide bundle every page
shares and a browser caches once). Gzip sizes use level 6, a common server default.
"""

from __future__ import annotations

import gzip
import posixpath
import re
from pathlib import Path

KINDS = ("courses", "teachers", "sites", "routes")
SEARCH_DIRS = ("pagefind", "search")
_INDEX_PAGE = re.compile(r"^index(-\d+)?\.html$")  # index.html, index-2.html, … (paged lists)
_SCRIPT_SRC = re.compile(r"<script\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def site_stats(site: Path) -> dict:
    """Totals of a built site, its search index, and its record pages per kind."""
    total = files = html = 0
    search_bytes = search_files = 0
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        files += 1
        html += path.suffix == ".html"
        if path.relative_to(site).parts[0] in SEARCH_DIRS:
            search_bytes += size
            search_files += 1
    records = {}
    for kind in KINDS:
        pages = list((site / kind).glob("*.html"))
        sizes = [p.stat().st_size for p in pages if not _INDEX_PAGE.match(p.name)]
        records[kind] = {
            "index_pages": len(pages) - len(sizes),
            "pages": len(sizes),
            "bytes": sum(sizes),
            "max_bytes": max(sizes, default=0),
            "mean_bytes": round(sum(sizes) / len(sizes)) if sizes else 0,
        }
    return {
        "bytes": total,
        "files": files,
        "html_pages": html,
        "search_index_bytes": search_bytes,
        "search_index_files": search_files,
        "record_pages": records,
    }


def script_sources(page: Path, site: Path) -> set[str]:
    """Site-relative paths of the local scripts a page loads by `<script src>`."""
    text = page.read_text(encoding="utf-8", errors="replace")
    base = posixpath.dirname(page.relative_to(site).as_posix())
    found = set()
    for src in _SCRIPT_SRC.findall(text):
        src = src.split("#", 1)[0].split("?", 1)[0]
        if not src or "://" in src or src.startswith(("//", "data:")):
            continue
        path = src.lstrip("/") if src.startswith("/") else posixpath.normpath(posixpath.join(base, src))
        found.add(path)
    return found


def index_weights(site: Path) -> dict:
    """Per kind: the index page and its page-specific scripts, raw and gzip bytes."""
    shared = script_sources(site / "index.html", site) if (site / "index.html").is_file() else set()
    weights = {}
    for kind in KINDS:
        page = site / kind / "index.html"
        if not page.is_file():
            continue
        data = page.read_bytes()
        entry = {"page_raw": len(data), "page_gzip": gzip_size(data), "scripts": []}
        for rel in sorted(script_sources(page, site) - shared):
            script = site / rel
            if script.is_file():
                body = script.read_bytes()
                entry["scripts"].append({"src": rel, "raw": len(body), "gzip": gzip_size(body)})
        entry["total_raw"] = entry["page_raw"] + sum(s["raw"] for s in entry["scripts"])
        entry["total_gzip"] = entry["page_gzip"] + sum(s["gzip"] for s in entry["scripts"])
        weights[kind] = entry
    return weights
