"""Markdown from records rendered to HTML that cannot carry script or outside requests.

Editors may write Markdown in descriptions, never HTML: raw HTML is shown as text, links
keep only safe schemes, and images (which would fetch from anywhere) become their alt text.
Headings keep their order but start at h3, below the section's h2, and skip no level.

The link policy looks at a URL as the browser will read it: Python-Markdown keeps character
references such as `&#106;` in attributes as written, and the browser decodes them, so the
scheme is judged after decoding (repeatedly, for `&amp;#106;`), and after dropping the
whitespace and control characters that browsers ignore in a URL.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

SAFE_SCHEMES = {"", "http", "https", "mailto", "tel"}


class _Sanitise(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "img":
                    span = ET.Element("span")
                    span.text = child.get("alt", "")
                    span.tail = child.tail
                    parent.remove(child)
                    parent.insert(index, span)
        headings = [e for e in root.iter() if e.tag in ("h1", "h2", "h3", "h4", "h5", "h6")]
        levels = sorted({int(e.tag[1]) for e in headings})
        previous = 2  # the section's h2
        for element in headings:  # the text's levels from h3 on, never more than one step down
            level = min(6, 3 + levels.index(int(element.tag[1])), previous + 1)
            element.tag = f"h{level}"
            previous = level
        for element in root.iter():
            for attr in list(element.attrib):
                if attr not in ("href", "title"):
                    del element.attrib[attr]
            href = element.get("href")
            if href is not None and not _safe_url(href):
                del element.attrib["href"]
            if element.tag == "a" and html.unescape(element.get("href", "")).startswith(("http:", "https:")):
                element.set("rel", "noopener noreferrer")


def _safe_url(url: str) -> bool:
    """Only relative, http(s), mailto and tel URLs, at every stage of entity decoding."""
    for _ in range(8):  # each round undoes one level of escaping; 8 is far past any real link
        cleaned = "".join(ch for ch in url if ch > " ").lower()
        try:
            if urlsplit(cleaned).scheme not in SAFE_SCHEMES:
                return False
        except ValueError:
            return False
        decoded = html.unescape(url)
        if decoded == url:
            return True
        url = decoded
    return False  # still changing: not a link anyone wrote by hand


class _NoHtml(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_Sanitise(md), "menu-sanitise", 0)


_renderer = markdown.Markdown(extensions=[_NoHtml(), "sane_lists"], output_format="html")


MAX_LINK_BRACKETS = 300  # far more links than a description holds; the link parser is quadratic


def render_markdown(text: str) -> Markup:
    """Safe HTML for a record's Markdown text; raw HTML in it shows as literal text.

    Python-Markdown looks for the end of every `[` it meets, so a text of thousands of them
    (a pasted table, a slip) took minutes to render; past MAX_LINK_BRACKETS the brackets
    are escaped and show as typed, without links.
    """
    if not text:
        return Markup("")
    if text.count("[") > MAX_LINK_BRACKETS:
        text = text.replace("\\", "\\\\").replace("[", "\\[")
    _renderer.reset()
    return Markup(_renderer.convert(text))
