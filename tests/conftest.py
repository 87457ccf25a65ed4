"""Shared test fixtures: small real catalogs written to temporary folders."""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from catalog.core.kinds import KINDS

ROOT = Path(__file__).resolve().parent.parent

MINIMAL = {
    "teachers/li-ming.yml": """
        name: 李明
        post: 党校讲师
        organisation: 滨湖区委党校
        level: 区级
        type: 专家学者
        directions: [政治理论]
        reviewed: 2026-01-10
    """,
    "sites/hall-a.yml": """
        name: 滨湖区党建馆
        type: 党建馆
        level: 区级阵地
        region: 蠡园街道
        address: 滨湖区蠡园路 1 号
        capacity: 60
        reviewed: 2026-01-10
    """,
    "sites/hall-b.yml": """
        name: 马山党群服务中心
        type: 党群服务中心
        level: 镇（街道）级阵地
        region: 马山街道
        address: 马山街道 2 号
        capacity: 40
        reviewed: 2026-01-10
    """,
    "courses/party-history.yml": """
        title: 百年党史中的初心使命
        category: 党史学习
        summary: 从党史看初心。
        hours: 2
        formats: [讲授式]
        audiences: [新党员]
        teachers: [li-ming]
        sites: [hall-a]
        reviewed: 2026-01-10
    """,
    "routes/red-line.yml": """
        name: 立心铸魂线
        theme: 立心铸魂
        summary: 半天的现场教学。
        audiences: [新党员]
        stops:
          - site: hall-a
            minutes: 60
            teaching: 参观党建馆
            course: party-history
          - site: hall-b
            minutes: 45
            teaching: 座谈交流
            travel_minutes: 20
        reviewed: 2026-01-10
    """,
}


def write_catalog(root: Path, files: dict[str, str | bytes], *, base: bool = True) -> Path:
    """Write a catalog: the real vocabulary, the minimal valid records, then `files`."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "vocabulary.yml", root / "vocabulary.yml")
    for kind in KINDS:
        (root / kind).mkdir(exist_ok=True)
    for rel, content in {**(MINIMAL if base else {}), **files}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


def source_records(kind: str, root: Path = ROOT) -> dict[str, dict]:
    """A catalog's record files of one kind as plain YAML, by id: read by the test, not the engine."""
    import yaml

    return {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted((root / kind).glob("*.yml"))
    }


@pytest.fixture
def make_catalog(tmp_path):
    def make(files: dict[str, str | bytes] | None = None, *, base: bool = True) -> Path:
        return write_catalog(tmp_path / "catalog", files or {}, base=base)

    return make


def build_site(project: Path, out: Path, *extra: str, tool: str = "mkdocs"):
    """Run the real site generator on a project folder; returns the CompletedProcess."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    command = [sys.executable, "-m", tool, "build", "--strict", "-d", str(out), *extra]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env=env)


def site_of(base: Path, data: Path) -> Path:
    """The site built from the catalog in `data` (in base/project, to base/site); it must build."""
    project = copy_project(base / "project", data)
    built = build_site(project, base / "site")
    assert built.returncode == 0, built.stderr
    return base / "site"


@contextmanager
def serving(site: Path) -> Iterator[str]:
    """A built site served on 127.0.0.1 under a sub-path: its URL, for a `with` block."""
    server = _SubPathServer(site)
    try:
        yield server.url
    finally:
        server.close()


def copy_project(target: Path, catalog_root: Path | None = None) -> Path:
    """A buildable project: this repository's site config and docs, and a catalog's data."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", target / "docs")
    shutil.copytree(ROOT / "hooks", target / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    source = catalog_root or ROOT
    shutil.copy(source / "vocabulary.yml", target / "vocabulary.yml")
    for kind in (*KINDS, "dispatch"):  # every data folder exists: mkdocs.yml watches them all
        if (source / kind).exists():
            shutil.copytree(source / kind, target / kind, dirs_exist_ok=True)
        else:
            (target / kind).mkdir()
    return target


@pytest.fixture(scope="session")
def demo_check():
    """This repository's demo catalog, checked once per test session (never at import time)."""
    from catalog import check_catalog

    result = check_catalog(ROOT)
    assert result.ok, [p.text() for p in result.errors]
    return result


@pytest.fixture(scope="session")
def demo_catalog(demo_check):
    return demo_check.catalog


@pytest.fixture(scope="session")
def demo_plan(demo_check):
    """The demo's dispatch plan (dispatch/): a schedule and a reply per order."""
    return demo_check.plan


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The demo catalog built once per test session with the real MkDocs."""
    out = tmp_path_factory.mktemp("demo") / "site"
    result = build_site(ROOT, out)
    assert result.returncode == 0, result.stderr
    return out


class _SubPathServer:
    """Serves a built site at http://127.0.0.1:PORT/menu/ (a sub-path, as on an intranet)."""

    def __init__(self, site: Path, mounts: tuple[str, ...] = ("/menu/",)):
        import functools
        import http.server
        import threading

        class Handler(http.server.SimpleHTTPRequestHandler):
            def translate_path(self, path):
                for mount in mounts:
                    if path.startswith(mount):
                        return super().translate_path("/" + path[len(mount) :])
                return str(site / "__missing__")

            def log_message(self, *args):
                pass

        handler = functools.partial(Handler, directory=str(site))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.url = self.origin + mounts[0]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def site_server(demo_site):
    """The demo site served twice on one origin, at /menu/ and at /copy/."""
    server = _SubPathServer(demo_site, ("/menu/", "/copy/"))
    yield server
    server.close()


@pytest.fixture(scope="session")
def served_site(site_server):
    return site_server.url


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


class PageWatch:
    """Records every request that leaves 127.0.0.1 (and blocks it) and every console error."""

    def __init__(self):
        self.outside: list[str] = []
        self.console_errors: list[str] = []


@pytest.fixture
def page(browser):
    """A fresh browser page; the test fails if the site reached outside or logged errors."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    watch = PageWatch()

    def guard(route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "file://", "data:", "blob:")):
            route.continue_()
        else:
            watch.outside.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("console", lambda m: watch.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.console_errors.append(str(e)))
    page.watch = watch
    yield page
    context.close()
    assert watch.outside == [], f"requests outside the site: {watch.outside}"
    assert watch.console_errors == [], f"console errors: {watch.console_errors}"


def card_index(site: Path, kind: str) -> dict:
    """The card index of a built site (`assets/cards-<kind>.js`: facet values, sort ranks)."""
    text = (site / "assets" / f"cards-{kind}.js").read_text(encoding="utf-8")
    assert text.startswith("window.__menuCards = ") and text.endswith(";\n")
    return json.loads(text.removeprefix("window.__menuCards = ").removesuffix(";\n"))


_PART = re.compile(r'window\.__menuCardParts\.add\("([a-z]+)/([a-z]+)/(\d+)",(.*)\);\n', re.DOTALL)


def card_parts(site: Path, kind: str, sort: str = "") -> list[dict]:
    """The card parts of a built site for one sort (`assets/cards-<kind>-<sort>-<n>.js`; the
    kind's first sort unless told) in number order, each as it registers itself:
    {"kind", "sort", "number", "digest", "cards": [{field: value}…]}."""
    sort = sort or KINDS[kind].sorts[0].name
    found = []
    for path in (site / "assets").glob(f"cards-{kind}-{sort}-*.js"):
        match = _PART.fullmatch(path.read_text(encoding="utf-8"))
        assert match, path
        payload = json.loads(match[4])
        fields = payload["cards"]["fields"]
        cards = [dict(zip(fields, row, strict=True)) for row in payload["cards"]["rows"]]
        number = int(match[3])
        assert path.name == f"cards-{kind}-{sort}-{number}.js" and match.group(1, 2) == (kind, sort)
        part = {"kind": kind, "sort": sort, "number": number, "digest": payload["digest"], "cards": cards}
        found.append(part)
    return sorted(found, key=lambda part: part["number"])


def card_ids(site: Path, kind: str, sort: str = "") -> list[str]:
    """The ids of every card in a kind's card parts of one sort, in their order."""
    return [card["id"] for part in card_parts(site, kind, sort) for card in part["cards"]]


def publish_contacts(project: Path) -> None:
    """Turn on `extra.menu.publish_contacts` in a copied project's mkdocs.yml."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "publish_contacts: false" in text
    config.write_text(text.replace("publish_contacts: false", "publish_contacts: true"), encoding="utf-8")
