"""The menu site: pages, cards, filters, route pictures, safe Markdown, search, downloads,
and the browser's scripts (assets/), templates and theme additions."""
