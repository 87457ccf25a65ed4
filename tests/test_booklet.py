"""The printed menu (菜单手册), printed to PDF by Chromium: every offering once, no block split
across two pages, and QR codes that a reader decodes back to each record's page."""

from __future__ import annotations

import io
import re
import subprocess

import pytest

from tests.conftest import _SubPathServer, build_site, copy_project

SITE_URL = "http://intranet.example/menu/"


@pytest.fixture(scope="module")
def demo(demo_catalog):
    return demo_catalog


@pytest.fixture(scope="module")
def with_url(tmp_path_factory):
    """The demo built with a site_url, served at /menu/."""
    base = tmp_path_factory.mktemp("booklet")
    project = copy_project(base / "project")
    config = project / "mkdocs.yml"
    config.write_text(f"site_url: {SITE_URL}\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    assert build_site(project, base / "site").returncode == 0
    server = _SubPathServer(base / "site")
    yield base / "site", server.url
    server.close()


def pdf_text_pages(pdf: bytes, tmp_path) -> list[str]:
    path = tmp_path / "booklet.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return text.stdout.split("\f")


def test_every_offering_is_one_block_on_one_page(page, with_url, demo, tmp_path):
    _, base = with_url
    page.goto(base + "booklet.html")
    courses = [c for c in demo.courses.values() if c.status == "active"]
    routes = [r for r in demo.routes.values() if r.status == "active"]
    bundles = [b for b in demo.bundles.values() if b.status == "active"]
    assert bundles  # the demo has bundles
    blocks = page.locator(".menu-booklet-block")
    assert sorted(blocks.evaluate_all("els => els.map(e => e.dataset.id)")) == sorted(
        [c.id for c in courses] + [r.id for r in routes] + [b.id for b in bundles]
    )
    page.emulate_media(media="print")
    pages = pdf_text_pages(page.pdf(format="A4", print_background=True), tmp_path)
    assert len(pages) >= 3 and not page.locator(".md-header").is_visible()
    everything = [*courses, *routes, *bundles]
    for record in everything:
        id_line = re.compile(rf"编号 {re.escape(record.id)}(?![a-z0-9-])")
        holding = [n for n, text in enumerate(pages) if id_line.search(text)]
        same_id = sum(other.id == record.id for other in everything)  # ids are unique per kind
        assert len(holding) <= same_id, (record.id, holding)  # each block once
        with_title = [n for n in holding if record.label[:6] in pages[n].replace(" ", "")]
        assert with_title, (record.id, holding)  # the 编号 line on the page of its title: no split


def test_qr_codes_decode_to_each_page(page, with_url, demo):
    import zxingcpp
    from PIL import Image

    _, base = with_url
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(base + "booklet.html")
    for block in (
        page.locator(".menu-booklet-block").all()[:3] + page.locator(".menu-booklet-block").all()[-1:]
    ):
        record_id = block.get_attribute("data-id")
        kind = next(k for k in ("routes", "bundles", "courses") if record_id in demo.records[k])
        qr = block.locator(".menu-qr")
        qr.evaluate("e => { e.style.width = '300px'; e.style.height = '300px'; }")
        image = Image.open(io.BytesIO(qr.screenshot()))
        decoded = [result.text for result in zxingcpp.read_barcodes(image)]
        assert decoded == [f"{SITE_URL}{kind}/{record_id}.html"]


def test_without_a_site_url_there_is_no_qr_code(page, served_site):
    page.goto(served_site + "booklet.html")
    assert page.locator(".menu-booklet-block").count() > 0
    assert page.locator(".menu-qr").count() == 0
    assert "设置 site_url" in page.locator(".menu-lead").inner_text()
