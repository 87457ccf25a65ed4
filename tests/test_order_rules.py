"""Ordering that loses nothing: one set of rules in the order page and in `catalog orders`.

The same items go through the rules in Chromium (assets/order-rules.js, on the built demo
site) and in Python (catalog/orders/rules.py); both must find what is written down here.
The order page shows each problem next to its field and exports only once nothing is
wrong; adding an item says so, with the count and a link to 我的点单.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from catalog import check_catalog
from catalog.orders import number as numbers
from catalog.orders.reading import read_order_csv
from catalog.orders.rules import Context, check_item
from tests.conftest import ROOT
from tests.order_files import fnv1a, mark

DEMO = check_catalog(ROOT).catalog
COURSE = next(c for c in DEMO.courses.values() if c.status == "active" and c.capacity)
SOON = [(dt.date.today() + dt.timedelta(days=d)).isoformat() for d in (20, 21, 22)]
TODAY = dt.date.today().isoformat()
UNIT = {"unit": "蠡园街道湖滨社区党委", "contact": "张红", "phone": "0510-85880001"}

# (values, capacity, ordered) → the (field, code, variant) expected, written out by hand.
CASES = [
    ({**UNIT, "date_from": SOON[0], "date_to": SOON[1], "participants": "30"}, 60, TODAY, []),
    ({"unit": "", "contact": " ", "phone": "0510-1"}, None, TODAY,
     [("unit", "order-missing-field", ""), ("contact", "order-missing-field", "")]),
    ({**UNIT, "date_from": SOON[1], "date_to": SOON[0]}, None, TODAY, [("date_to", "order-date-order", "")]),
    ({**UNIT, "date_from": "2020-01-01"}, None, TODAY, [("date_from", "order-date-past", "")]),
    ({**UNIT, "date_from": "2026-02-30"}, None, TODAY, [("date_from", "order-bad-date", "unreal")]),
    ({**UNIT, "date_from": "五月"}, None, TODAY, [("date_from", "order-bad-date", "")]),
    ({**UNIT, "participants": "0"}, None, TODAY, [("participants", "order-bad-participants", "positive")]),
    ({**UNIT, "participants": "2.5"}, None, TODAY, [("participants", "order-bad-participants", "")]),
    ({**UNIT, "participants": "６１"}, 60, TODAY, [("participants", "order-over-capacity", "")]),  # 61
    ({**UNIT, "participants": "60.0"}, 60, TODAY, []),
    ({**UNIT, "date_from": "2020-01-01"}, None, "", []),  # no order day (a file without 单号): no past
]  # fmt: skip


def python_findings(values, capacity, ordered):
    context = Context(capacity=capacity, ordered=dt.date.fromisoformat(ordered) if ordered else None)
    return [(f.field, f.code, f.variant) for f in check_item(values, context)]


@pytest.mark.parametrize(("values", "capacity", "ordered", "expected"), CASES)
def test_python_applies_the_rules(values, capacity, ordered, expected):
    assert python_findings(values, capacity, ordered) == expected


def test_the_order_page_applies_the_same_rules(page, served_site):
    page.goto(served_site + "order.html")
    for values, capacity, ordered, expected in CASES:
        found = page.evaluate(
            "([v, c, o]) => window.MENU_ORDER_RULES.check(v, {capacity: c, ordered: o})"
            ".map(f => [f.field, f.code, f.variant, f.message])",
            [values, capacity, ordered or None],
        )
        assert [tuple(f[:3]) for f in found] == expected, values
        messages = [p.message for p in _python_problems(values, capacity, ordered)]
        assert [f[3] for f in found] == [re.sub(r"（[^（）]*[a-z][^（）]*）$", "", m) for m in messages]


def _python_problems(values, capacity, ordered):
    from catalog.orders.rules import as_problem

    context = Context(capacity=capacity, ordered=dt.date.fromisoformat(ordered) if ordered else None)
    return [as_problem(f, "x.csv", 2, 1) for f in check_item(values, context)]


def test_fnv_and_the_unit_mark_agree_everywhere(page, served_site):
    vectors = [0x811C9DC5, 0xE40C292C, 0xBF9CF968]  # the published FNV-1a test vectors
    assert [fnv1a(b""), fnv1a(b"a"), fnv1a(b"foobar")] == vectors
    assert [numbers.fnv1a(b""), numbers.fnv1a(b"a"), numbers.fnv1a(b"foobar")] == vectors
    names = ["蠡园街道湖滨社区党委", "马山街道 机关党支部", "河埒街道\u3000景苑社区党委", "ＡＢＣ党支部", "a"]
    page.goto(served_site + "order.html")
    in_browser = page.evaluate("names => names.map(n => window.MENU_ORDER_RULES.unitMark(n))", names)
    assert in_browser == [numbers.unit_mark(n) for n in names] == [mark(n) for n in names]
    spaced, plain = numbers.unit_mark("马山街道 机关党支部"), numbers.unit_mark("马山街道机关党支部")
    assert spaced == plain  # spaces do not count


def order_with(page, base, items, unit=None):
    key = "training-menu-order:" + base
    order = {"version": 1, "unit": unit or UNIT, "items": items}
    page.goto(base + "order.html")
    page.evaluate("([k, v]) => localStorage.setItem(k, JSON.stringify(v))", [key, order])
    page.reload()


def item(record, **fields) -> dict:
    return {"kind": record.kind, "id": record.id, "name": record.label, **fields}


def test_problems_show_next_to_their_fields_and_export_waits(page, served_site, tmp_path):
    order_with(
        page,
        served_site,
        [item(COURSE, date_from=SOON[1], date_to=SOON[0], participants=str(COURSE.capacity + 1))],
        unit={"unit": "马山街道机关党支部", "contact": "", "phone": "0510-85990002"},
    )
    row = page.locator(".menu-order-item").first
    page.click('button[data-action="csv"]')  # no download: it waits
    assert "还有 3 处需要修改" in page.locator(".menu-order-message").inner_text()
    contact = page.locator('input[name="contact"]')
    assert contact.get_attribute("aria-invalid") == "true"
    assert page.evaluate("document.activeElement.name") == "contact"  # the first problem has the focus
    described = page.locator("#" + contact.get_attribute("aria-describedby"))
    assert described.inner_text().startswith("没有填写联系人")
    date_to = row.locator('input[data-key="date_to"]')
    assert date_to.get_attribute("aria-label") == f"结束日期（{COURSE.title}）"
    assert (
        page.locator("#" + date_to.get_attribute("aria-describedby"))
        .inner_text()
        .startswith(f"结束日期 {SOON[0]} 早于开始日期 {SOON[1]}")
    )
    people = row.locator('input[data-key="participants"]')
    assert (
        f"人数 {COURSE.capacity + 1} 超过容量 {COURSE.capacity} 人"
        in page.locator("#" + people.get_attribute("aria-describedby")).inner_text()
    )
    assert "单号：第一次导出 CSV 或打印点单表时生成" in page.locator(".menu-order-number").inner_text()

    contact.fill("李强")
    date_to.fill(SOON[2])
    people.fill(str(COURSE.capacity))
    people.blur()
    assert page.locator(".menu-field-error:not([hidden])").count() == 0
    with page.expect_download() as info:
        page.click('button[data-action="csv"]')
    path = tmp_path / "order.csv"
    info.value.save_as(path)
    rows, problems = read_order_csv(path, DEMO)
    assert [p.text() for p in problems] == []
    [row_read] = rows
    number = row_read.number
    assert re.fullmatch(
        rf"{dt.date.today():%Y%m%d}-{mark('马山街道机关党支部')}-[0-9a-hjkmnp-tv-z]{{4}}", number
    )
    assert number in page.locator(".menu-order-number").inner_text()
    assert info.value.suggested_filename == f"点单-马山街道机关党支部-{number}.csv"
    page.emulate_media(media="print")
    assert page.locator('.menu-print-form [data-print="number"]').inner_text() == f"单号：{number}"
    page.emulate_media(media="screen")
    page.reload()  # the number stays with the order
    assert number in page.locator(".menu-order-number").inner_text()


def test_a_problem_shows_once_the_field_is_left_not_before(page, served_site):
    order_with(page, served_site, [item(COURSE)])
    date_from = page.locator('.menu-order-item input[data-key="date_from"]').first
    date_from.fill("2020-01-01")
    box = page.locator("#" + date_from.get_attribute("aria-describedby"))
    date_from.dispatch_event("change")
    assert box.inner_text().startswith(f"开始日期 2020-01-01 早于点单日期 {TODAY}")
    date_from.fill(SOON[0])
    assert box.is_hidden()


def test_adding_says_so_with_the_count_and_a_link_to_the_order(page, served_site):
    page.goto(served_site + "courses/index.html")
    status = page.locator(".menu-order-toast")
    assert status.get_attribute("role") == "status" and status.inner_text() == ""  # there before it speaks
    cards = page.locator(".menu-card")
    first_title = cards.nth(0).locator(".menu-card-title").inner_text()
    cards.nth(0).locator(".menu-order-add").click()
    cards.nth(1).locator(".menu-order-add").click()
    said = status.inner_text()
    assert "已加入点单：" in said and "点单里现在共 2 项" in said
    assert status.get_by_role("link", name="查看我的点单").count() == 1
    cards.nth(0).locator(".menu-order-add").click()  # and taking one out again
    assert f"已移出点单：{first_title}。点单里还有 1 项" in status.inner_text()
    link = status.get_by_role("link", name="查看我的点单")
    link.click()
    page.wait_for_url("**/order.html")
    assert page.locator(".menu-order-item").count() == 1


def test_the_order_page_links_to_its_reply_once_there_is_one(page, served_site):
    plan = check_catalog(ROOT).plan
    number = next(iter(plan.orders))
    order = plan.orders[number]
    key = "training-menu-order:" + served_site
    stored = {
        "version": 1,
        "number": number,
        "unit": {"unit": order.unit, "contact": "x", "phone": "1"},
        "items": [],
    }
    page.goto(served_site + "order.html")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(stored, ensure_ascii=False)])
    page.reload()
    link = page.locator(".menu-order-number").get_by_role("link", name="组织部门已答复，查看回单")
    link.click()
    page.wait_for_url(f"**/replies/{number}.html")
    assert page.locator(".menu-reply-form").is_visible()
