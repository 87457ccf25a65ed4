"""A route drawn as an inline SVG timeline at build time: stops, minutes, travel.

No library and no map tiles: the picture is plain SVG text in the page, so it prints,
works offline and scales. Two drawings of the same timeline: a wide one, and a narrow one
for phones (shown by CSS below 40em) whose text stays at 13 px or more at 360 px. All text
is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from catalog.core.models import Route
from catalog.core.relations import Catalog
from catalog.core.wording import UNKNOWN, route_length_text

TOP = 34


@dataclass(frozen=True)
class Layout:
    width: int
    row: int
    circle: int  # x of the stop circles
    text: int  # x where the stop's text starts
    name_chars: int  # characters of the site name before it is clipped
    detail_chars: int
    split_detail: bool  # minutes and teaching on two lines
    css: str


WIDE = Layout(720, 86, 92, 118, 26, 30, False, "menu-route-wide")
NARROW = Layout(360, 120, 70, 92, 16, 17, True, "menu-route-narrow")


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def route_svg(route: Route, catalog: Catalog, *, narrow: bool = False) -> Markup:
    """The route as a vertical timeline; elapsed time is counted from the start.

    A stop or leg without minutes says 未注明, and from there on no clock is shown: a time
    counted with an unknown taken as 0 would be a time nobody gave.
    """
    layout = NARROW if narrow else WIDE
    title_id = f"route-svg-title-{'narrow' if narrow else 'wide'}"
    height = TOP + layout.row * len(route.stops) + 10
    duration = route.duration
    length = f"共 {duration.known} 分钟" if duration.complete else escape(route_length_text(duration))
    head = (
        f"出发后用时 · 共 {_clock(duration.known)}（{duration.known} 分钟）"
        if duration.complete
        else f"用时：{length}"
    )
    parts = [
        f'<svg class="menu-route-svg {layout.css}" viewBox="0 0 {layout.width} {height}" width="100%" '
        f'role="img" aria-labelledby="{title_id}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}">{escape(route.name)}：{len(route.stops)} 站，{length}</title>',
        f'<text x="8" y="20" class="menu-svg-head">{head}</text>',
    ]
    elapsed: int | None = 0
    for number, stop in enumerate(route.stops, start=1):
        y = TOP + layout.row * (number - 1) + 24
        if number > 1:
            elapsed = _add(elapsed, stop.travel_minutes)
        site = catalog.sites.get(stop.site)
        name = site.name if site else stop.site
        x, tx = layout.circle, layout.text
        if number > 1:
            travel = f"路程{UNKNOWN}" if stop.travel_minutes is None else f"路程 {stop.travel_minutes} 分钟"
            parts.append(
                f'<line x1="{x}" y1="{y - layout.row + 14}" x2="{x}" y2="{y - 14}" class="menu-svg-link"/>'
                f'<text x="{x + 12}" y="{y - layout.row // 2 + 4}" class="menu-svg-travel">{travel}</text>'
            )
        clock = f"+{_clock(elapsed)}" if elapsed is not None else ""
        parts.append(
            f'<text x="8" y="{y + 5}" class="menu-svg-time">{clock}</text>'
            f'<circle cx="{x}" cy="{y}" r="13" class="menu-svg-stop"/>'
            f'<text x="{x}" y="{y + 5}" text-anchor="middle" class="menu-svg-number">{number}</text>'
            f'<text x="{tx}" y="{y - 2}" class="menu-svg-name">'
            f"{escape(_clip(name, layout.name_chars))}</text>"
        )
        stay = f"停留{UNKNOWN}" if stop.minutes is None else f"停留 {stop.minutes} 分钟"
        teaching = escape(_clip(stop.teaching, layout.detail_chars))
        if layout.split_detail:
            parts.append(f'<text x="{tx}" y="{y + 19}" class="menu-svg-detail">{stay}</text>')
            if teaching:
                parts.append(f'<text x="{tx}" y="{y + 37}" class="menu-svg-detail">{teaching}</text>')
        else:
            detail = f"{stay} · {teaching}" if teaching else stay
            parts.append(f'<text x="{tx}" y="{y + 20}" class="menu-svg-detail">{detail}</text>')
        elapsed = _add(elapsed, stop.minutes)
    parts.append("</svg>")
    return Markup("".join(parts))


def _add(elapsed: int | None, minutes: int | None) -> int | None:
    """Elapsed time plus a stop or leg; unknown from the first unknown part on."""
    return None if elapsed is None or minutes is None else elapsed + minutes
