"""The benchmark's browser measures, in Chromium driven by Playwright, on a served site.

Only what a visitor sees and downloads is measured, never the site's internals:

- opening `courses/index.html`: the navigation timing entry (`domInteractive`, ...), the
  first animation frame in which the facet form `.menu-facets` is visible (the scripts
  ran), and the bytes the page downloads until the network is idle;
- one facet click: `performance.now()` around a programmatic `click()` on the first
  `.menu-facets input`, until `.menu-result-count` changes (`script_ms`), until the next
  frame is rendered (`paint_ms`: a message posted from that frame's requestAnimationFrame
  runs once it is painted) and until the frame after it (`frame_ms`: requestAnimationFrame
  twice, which adds up to one more frame interval, ~16.7 ms); and, where cards wait for their
  part of the card text (catalog/site/cards.py), until the frame that shows the last of them
  (`cards_ms`; otherwise the same as `paint_ms`), with the bytes the clicks fetched;
- then, with no filter, the list's last sort chosen (courses: 按最近审核, whose order follows
  no part): until the frame that shows the first batch of cards, and the bytes it fetched;
- one search: the bytes of every response after a query is typed into the header box
  `.menu-search-input`, until the network is idle, plus any search index the page
  fetched before typing (files under `search/` or `pagefind/`).

Each load and each query uses a fresh browser context: an empty cache, as a first visit.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import statistics
import threading
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-background-networking"]
SEARCH_PATHS = ("/search/", "/pagefind/")
QUIET_S = 1.0  # the network counts as idle after this long without a request
TIMEOUT_S = 120.0

# Runs before any script of the page: note the first frame in which the facet form shows.
_WATCH_FACETS = """
(() => {
  window.__bench = { facetsVisible: null };
  function poll() {
    const form = document.querySelector('.menu-facets');
    if (form && !form.hidden && form.getClientRects().length > 0) {
      window.__bench.facetsVisible = performance.now();
      return;
    }
    requestAnimationFrame(poll);
  }
  requestAnimationFrame(poll);
})();
"""

_NAVIGATION = """
() => {
  const nav = performance.getEntriesByType('navigation')[0];
  return {
    dom_interactive_ms: nav.domInteractive,
    dom_content_loaded_ms: nav.domContentLoadedEventEnd,
    load_ms: nav.loadEventEnd,
    facets_visible_ms: window.__bench ? window.__bench.facetsVisible : null,
    cards: document.querySelectorAll('.menu-card').length,
  };
}
"""

_CLICKS = """
async (times) => {
  const input = document.querySelector('.menu-facets input');
  const count = document.querySelector('.menu-result-count');
  if (!input || !count) return null;
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const rendered = () => new Promise((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();  // runs right after the frame is rendered
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  }));
  const pending = () =>
    document.querySelector('.menu-cards .menu-card-pending:not(.menu-card-failed)') !== null;
  const out = [];
  for (let i = 0; i < times; i++) {
    const before = count.textContent;
    let changedAt = null;
    const changed = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (count.textContent !== before) {
          changedAt = performance.now();
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(count, { childList: true, characterData: true, subtree: true });
      setTimeout(() => { observer.disconnect(); resolve(); }, 10000);
    });
    const start = performance.now();
    input.click();
    await changed;
    await rendered();
    const painted = performance.now();
    await frame();
    const end = performance.now();
    let cardsAt = painted;  // cards still waiting for their part: until the frame that shows them
    const waited = pending();
    if (waited) {
      const limit = performance.now() + 10000;
      while (pending() && performance.now() < limit) await frame();
      await rendered();
      cardsAt = pending() ? null : performance.now();
    }
    out.push({
      checked: input.checked,
      before: before,
      after: count.textContent,
      script_ms: changedAt === null ? null : changedAt - start,
      paint_ms: changedAt === null ? null : painted - start,
      frame_ms: changedAt === null ? null : end - start,
      waited_for_parts: waited,
      cards_ms: changedAt === null || cardsAt === null ? null : cardsAt - start,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return out;
}
"""


# The last sort of the list (courses: 按最近审核), whose order follows no part boundaries:
# until the frame that shows every card of the first batch.
_SORT = """
async () => {
  const select = document.querySelector('.menu-sort select');
  if (!select) return null;
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const pending = () =>
    document.querySelector('.menu-cards .menu-card-pending:not(.menu-card-failed)') !== null;
  const start = performance.now();
  select.value = select.options[select.options.length - 1].value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  const limit = start + 10000;
  while (pending() && performance.now() < limit) await frame();
  await new Promise((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  }));
  return { sort: select.value, cards_ms: pending() ? null : performance.now() - start };
}
"""


class SiteServer:
    """Serves a built site at http://127.0.0.1:PORT/ on a free port, in a thread."""

    def __init__(self, site: Path):
        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

        handler = functools.partial(Handler, directory=str(site))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class Traffic:
    """Every request of a page, whether it is in flight, and when the network last moved."""

    def __init__(self, page):
        self.page = page
        self.requests: list = []
        self.inflight = 0
        self.last = time.monotonic()
        page.on("request", self._started)
        page.on("requestfinished", self._ended)
        page.on("requestfailed", self._ended)

    def _started(self, request):
        self.requests.append(request)
        self.inflight += 1
        self.last = time.monotonic()

    def _ended(self, request):
        self.inflight -= 1
        self.last = time.monotonic()

    def mark(self) -> int:
        self.last = time.monotonic()
        return len(self.requests)

    def wait_idle(self, quiet: float = QUIET_S, timeout: float = TIMEOUT_S) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.inflight <= 0 and time.monotonic() - self.last >= quiet:
                return True
            self.page.wait_for_timeout(100)
        return False

    def sized(self, start: int = 0) -> list[dict]:
        """URL and body bytes of the requests made since index `start`."""
        out = []
        for request in self.requests[start:]:
            size = 0
            try:
                response = request.response()
                if response is not None:
                    size = len(response.body())
            except Exception:  # a failed or redirected request has no body
                size = request.sizes().get("responseBodySize", 0) if request.failure is None else 0
            out.append({"url": request.url, "bytes": size})
        return out


def _median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def _new_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    return context, context.new_page()


def measure_index(browser, base_url: str, loads: int = 3, clicks: int = 5) -> dict:
    """Open the course index `loads` times (fresh contexts); click one facet on the last load."""
    url = base_url + "courses/index.html"
    runs, click_runs, download, click_download, sort_run = [], None, None, None, None
    for i in range(loads):
        context, page = _new_page(browser)
        try:
            page.add_init_script(_WATCH_FACETS)
            traffic = Traffic(page)
            page.goto(url, wait_until="load", timeout=TIMEOUT_S * 1000)
            with contextlib.suppress(Exception):  # no facet form on the page: report what is there
                page.wait_for_function(
                    "window.__bench && window.__bench.facetsVisible !== null", timeout=TIMEOUT_S * 1000
                )
            traffic.wait_idle()
            runs.append(page.evaluate(_NAVIGATION))
            if i == loads - 1:
                sized = traffic.sized()
                download = {
                    "requests": len(sized),
                    "bytes": sum(r["bytes"] for r in sized),
                    "files": [{**r, "url": r["url"].removeprefix(base_url)} for r in sized],
                }
                start = traffic.mark()
                click_runs = page.evaluate(_CLICKS, clicks)
                traffic.wait_idle()
                fetched = traffic.sized(start)
                click_download = {
                    "requests": len(fetched),
                    "bytes": sum(r["bytes"] for r in fetched),
                    "files": [{**r, "url": r["url"].removeprefix(base_url)} for r in fetched],
                }
                page.evaluate("document.querySelector('.menu-facets').reset()")  # the whole list
                page.wait_for_timeout(300)
                start = traffic.mark()
                sort_run = page.evaluate(_SORT)
                traffic.wait_idle()
                if sort_run is not None:
                    fetched = traffic.sized(start)
                    sort_run |= {"requests": len(fetched), "bytes": sum(r["bytes"] for r in fetched)}
        finally:
            context.close()
    result = {
        "url": "courses/index.html",
        "loads": runs,
        "dom_interactive_ms": _median([r["dom_interactive_ms"] for r in runs]),
        "dom_content_loaded_ms": _median([r["dom_content_loaded_ms"] for r in runs]),
        "load_ms": _median([r["load_ms"] for r in runs]),
        "facets_visible_ms": _median([r["facets_visible_ms"] for r in runs]),
        "download": download,
        "clicks": click_runs,
        "click_download": click_download,
        "sort": sort_run,
    }
    if click_runs:
        result["click_script_ms"] = _median([c["script_ms"] for c in click_runs])
        result["click_paint_ms"] = _median([c["paint_ms"] for c in click_runs])
        result["click_frame_ms"] = _median([c["frame_ms"] for c in click_runs])
        result["click_cards_ms"] = _median([c["cards_ms"] for c in click_runs])
        result["first_click_cards_ms"] = click_runs[0]["cards_ms"]  # its parts not loaded yet
    return result


def measure_search(browser, base_url: str, query: str) -> dict:
    """Bytes downloaded to answer `query` typed into the header search box of the home page."""
    context, page = _new_page(browser)
    try:
        traffic = Traffic(page)
        page.goto(base_url + "index.html", wait_until="load", timeout=TIMEOUT_S * 1000)
        traffic.wait_idle()
        box = page.locator(".menu-search-input")
        if box.count() == 0:
            return {"query": query, "bytes": None, "note": "n/a: no .menu-search-input on the page"}
        before = [r for r in traffic.sized() if any(p in r["url"] for p in SEARCH_PATHS)]
        start = traffic.mark()
        box.first.fill(query)
        idle = traffic.wait_idle()
        after = traffic.sized(start)
        results = page.locator(".menu-search-result").count()
    finally:
        context.close()
    total = sum(r["bytes"] for r in before + after)
    return {
        "query": query,
        "bytes": total,
        "bytes_after_typing": sum(r["bytes"] for r in after),
        "bytes_before_typing": sum(r["bytes"] for r in before),
        "requests": len(before) + len(after),
        "results_shown": results,
        "idle": idle,
        "files": [{"url": r["url"].removeprefix(base_url), "bytes": r["bytes"]} for r in before + after],
    }


def measure_site(site: Path, queries: list[str]) -> dict:
    """All browser measures of one built site."""
    from playwright.sync_api import sync_playwright

    server = SiteServer(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            try:
                return {
                    "chromium": browser.version,
                    "index": measure_index(browser, server.url),
                    "search": [measure_search(browser, server.url, q) for q in queries],
                }
            finally:
                browser.close()
    finally:
        server.close()
