"""A route drawn as an inline SVG timeline at build time: stops, minutes, travel.

No library and no map tiles: the picture is plain SVG text in the page, so it prints,
works offline and scales. All text is escaped.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from catalog.core.models import Route
from catalog.core.relations import Catalog

ROW = 86
TOP = 34
WIDTH = 720


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def route_svg(route: Route, catalog: Catalog) -> Markup:
    """The route as a vertical timeline; elapsed time is counted from the start."""
    height = TOP + ROW * len(route.stops) + 10
    parts = [
        f'<svg class="menu-route-svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="route-svg-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="route-svg-title">{escape(route.name)}：{len(route.stops)} 站，'
        f"共 {route.total_minutes} 分钟</title>",
        f'<text x="20" y="20" class="menu-svg-head">出发后用时 · 共 {_clock(route.total_minutes)}'
        f"（{route.total_minutes} 分钟）</text>",
    ]
    elapsed = 0
    for number, stop in enumerate(route.stops, start=1):
        y = TOP + ROW * (number - 1) + 24
        elapsed += stop.travel_minutes
        site = catalog.sites.get(stop.site)
        name = site.name if site else stop.site
        if number > 1:
            parts.append(
                f'<line x1="92" y1="{y - ROW + 14}" x2="92" y2="{y - 14}" class="menu-svg-link"/>'
                f'<text x="104" y="{y - ROW // 2 + 4}" class="menu-svg-travel">'
                f"路程 {stop.travel_minutes} 分钟</text>"
            )
        parts.append(
            f'<text x="20" y="{y + 5}" class="menu-svg-time">+{_clock(elapsed)}</text>'
            f'<circle cx="92" cy="{y}" r="13" class="menu-svg-stop"/>'
            f'<text x="92" y="{y + 5}" text-anchor="middle" class="menu-svg-number">{number}</text>'
            f'<text x="118" y="{y - 2}" class="menu-svg-name">{escape(_clip(name, 26))}</text>'
            f'<text x="118" y="{y + 20}" class="menu-svg-detail">停留 {stop.minutes} 分钟 · '
            f"{escape(_clip(stop.teaching, 30))}</text>"
        )
        elapsed += stop.minutes
    parts.append("</svg>")
    return Markup("".join(parts))
