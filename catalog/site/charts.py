"""Bar charts drawn at build time as inline SVG: no chart library, nothing to load, prints.

Horizontal bars, one per value, the count written beside each; the picture's title and
description say the same in words for screen readers. All text is escaped.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from catalog.site.statistics import Chart

ROW = 26
LABEL = 150  # px for the labels, left of the bars
WIDTH = 560


def bar_chart(chart: Chart) -> Markup:
    top = max((bar.count for bar in chart.bars), default=0) or 1
    height = ROW * len(chart.bars) + 8
    span = WIDTH - LABEL - 56
    described = "；".join(f"{bar.label} {bar.count}" for bar in chart.bars)
    parts = [
        f'<svg class="menu-chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-labelledby="chart-{chart.key}-t chart-{chart.key}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="chart-{chart.key}-t">{escape(chart.title)}</title>',
        f'<desc id="chart-{chart.key}-d">{escape(described)}（单位：{escape(chart.unit)}）</desc>',
    ]
    for index, bar in enumerate(chart.bars):
        y = 4 + index * ROW
        width = round(span * bar.count / top)
        label = bar.label if len(bar.label) <= 10 else bar.label[:9] + "…"
        parts.append(
            f'<text x="{LABEL - 8}" y="{y + 17}" text-anchor="end" class="menu-chart-label">'
            f"{escape(label)}</text>"
            f'<rect x="{LABEL}" y="{y + 4}" width="{max(width, 1 if bar.count else 0)}" height="{ROW - 8}" '
            f'class="menu-chart-bar{" menu-chart-zero" if not bar.count else ""}"/>'
            f'<text x="{LABEL + width + 6}" y="{y + 17}" class="menu-chart-count">{bar.count}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
