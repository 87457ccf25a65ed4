"""The printed 点单表 on A4 portrait, printed to PDF by Chromium as a unit would print it.

Up to about eight items fit on one page, more continue on a second; no column header wraps,
the signature and date lines stay on one line, there is room for a round seal of about 4 cm,
and no print adds a blank page. Without JavaScript the page prints a blank form.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

A4_CSS_PX = (794, 1123)  # 210 × 297 mm at 96 px per inch
SOON = (dt.date.today() + dt.timedelta(days=30)).isoformat()


@pytest.fixture(scope="module")
def demo(demo_catalog):
    return demo_catalog


def fill_order(page, base, demo, count: int) -> None:
    items = [r for kind in ("courses", "routes", "sites", "teachers") for r in demo.records[kind].values()]
    items = [r for r in items if r.status == "active"][:count]
    order = {
        "version": 1,
        "unit": {
            "unit": "蠡园街道湖滨社区党委（第一党支部、第二党支部联合点单）",
            "contact": "张三",
            "phone": "0510-85881234",
        },
        "items": [
            {
                "kind": r.kind,
                "id": r.id,
                "name": r.label,
                "date_from": SOON,  # after today: the order page refuses past dates
                "date_to": SOON,
                "participants": "30",
                "note": "需要投影仪和话筒",
            }
            for r in items
        ],
    }
    page.goto(base + "order.html")
    key = "training-menu-order:" + base
    page.evaluate("([k, v]) => localStorage.setItem(k, JSON.stringify(v))", [key, order])
    page.reload()


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize(("items", "pages"), [(1, 1), (8, 1), (20, 2)])
def test_the_order_form_prints_on_a4_without_blank_pages(page, served_site, demo, items, pages):
    fill_order(page, served_site, demo, items)
    page.emulate_media(media="print")
    assert page.locator(".menu-print-items tbody tr").count() == items
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf_pages(pdf) == pages


def test_no_header_wraps_and_the_seal_has_room(page, served_site, demo):
    fill_order(page, served_site, demo, 8)
    page.set_viewport_size({"width": A4_CSS_PX[0], "height": A4_CSS_PX[1]})
    page.emulate_media(media="print")
    form = page.locator(".menu-print-form").first
    assert form.is_visible()
    for header in form.locator("th").all():
        box = header.evaluate(
            "e => [e.getBoundingClientRect().height, parseFloat(getComputedStyle(e).lineHeight)"
            " || parseFloat(getComputedStyle(e).fontSize) * 1.6]"
        )
        height, line = box
        padding = header.evaluate(
            "e => parseFloat(getComputedStyle(e).paddingTop) + parseFloat(getComputedStyle(e).paddingBottom)"
        )
        assert height - padding < 1.6 * line, (header.inner_text(), height, line)
    for line in form.locator(".menu-print-sign p").all():
        assert line.evaluate("e => e.getClientRects().length === 1 && e.scrollWidth <= e.clientWidth + 1"), (
            line
        )
    seal = form.locator(".menu-seal").bounding_box()
    cm = 96 / 2.54
    assert 3.8 * cm <= seal["width"] <= 4.6 * cm and 3.8 * cm <= seal["height"] <= 4.6 * cm


def test_without_javascript_a_blank_form_prints(browser, served_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + "order.html")
    blank = page.locator(".menu-blank-form")
    assert blank.is_visible() and blank.locator(".menu-print-items tbody tr").count() == 8
    page.emulate_media(media="print")
    assert blank.is_visible() and not page.locator(".md-header").is_visible()
    assert pdf_pages(page.pdf(format="A4")) == 1
    context.close()
