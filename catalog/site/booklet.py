"""The printed menu (菜单手册): the whole menu on A4, one block per offering, QR codes.

Courses grouped by category in the vocabulary's order (contents first), then the routes and
the bundles;
each block says what a unit needs to choose (hours, formats, audiences, teachers, sites,
stops, 编号) and, when the site's address is known (`site_url` in mkdocs.yml), carries a QR
code of its page, drawn at build time as SVG by segno (a pure-Python QR library, so no
service and no script is needed to make or show it).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import segno
from markupsafe import Markup

from catalog.core.kinds import listed
from catalog.core.models import Bundle, Course, Route
from catalog.core.relations import Catalog
from catalog.core.wording import UNKNOWN, pinyin_key


@dataclass(frozen=True)
class Section:
    title: str
    anchor: str
    courses: list[Course]


def sections(catalog: Catalog) -> list[Section]:
    """Active courses by category, categories in vocabulary order (then any others), and the
    courses whose category is not given last, under 类别未注明."""
    active = [c for c in catalog.courses.values() if listed(c)]
    order = catalog.vocabularies.values("categories")
    named = {c.category for c in active if c.category}
    categories: list[str | None] = list(dict.fromkeys([*order, *sorted(named - set(order))]))
    found = []
    for number, category in enumerate([*categories, None], start=1):
        courses = sorted((c for c in active if c.category == category), key=lambda c: pinyin_key(c.title))
        if courses:
            found.append(Section(category or f"类别{UNKNOWN}", f"category-{number}", courses))
    return found


def routes(catalog: Catalog) -> list[Route]:
    return sorted((r for r in catalog.routes.values() if listed(r)), key=lambda r: pinyin_key(r.name))


def bundles(catalog: Catalog) -> list[Bundle]:
    return sorted((b for b in catalog.bundles.values() if listed(b)), key=lambda b: pinyin_key(b.name))


def qr_svg(url: str) -> Markup:
    """A QR code of `url` as inline SVG (error correction M: survives a smudged print)."""
    code = segno.make(url, error="m")
    out = io.BytesIO()
    code.save(
        out, kind="svg", xmldecl=False, svgns=True, scale=2, border=2, svgclass="menu-qr", omitsize=True
    )
    svg = out.getvalue().decode("ascii")
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="二维码：{url}" ', 1))
