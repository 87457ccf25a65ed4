"""点单 in a real Chromium: add items, fill the order, export CSV, print, read orders back."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

from catalog import check_catalog
from catalog.orders.format import ORDER_COLUMNS
from catalog.orders.reading import read_order_csv
from tests.conftest import ROOT

DEMO = check_catalog(ROOT).catalog
SOON = [(dt.date.today() + dt.timedelta(days=days)).isoformat() for days in range(30, 34)]  # never past
ACTIVE = [c for c in DEMO.courses.values() if c.status == "active"]
ROUTE = next(iter(DEMO.routes.values()))


def add_three_courses_and_a_route(page, base):
    page.goto(base + "courses/index.html")
    cards = page.locator(".menu-card")
    for index in range(3):
        cards.nth(index).locator(".menu-order-add").click()
    page.goto(base + f"routes/{ROUTE.id}.html")
    page.locator(".menu-record .menu-order-add").click()
    assert page.locator(".menu-order-count").inner_text() == "4"
    return [cards.nth(i) for i in range(3)]


def fill_unit(page, unit, contact="张三", phone="0510-85881234"):
    page.fill('input[name="unit"]', unit)
    page.fill('input[name="contact"]', contact)
    page.fill('input[name="phone"]', phone)


def download_csv(page, tmp_path, name):
    with page.expect_download() as info:
        page.click('button[data-action="csv"]')
    path = tmp_path / name
    info.value.save_as(path)
    return path


def test_order_is_built_persisted_and_exported(page, served_site, tmp_path):
    add_three_courses_and_a_route(page, served_site)
    page.goto(served_site + "order.html")
    groups = page.locator(".menu-order-group")
    assert groups.evaluate_all("els => els.map(e => e.dataset.kind)") == ["courses", "routes"]
    assert page.locator('.menu-order-group[data-kind="courses"] .menu-order-item').count() == 3
    fill_unit(page, "蠡园街道“红帆”社区党委")
    first = page.locator(".menu-order-item").first
    first.locator('input[data-key="date_from"]').fill(SOON[0])
    first.locator('input[data-key="date_to"]').fill(SOON[1])
    first.locator('input[data-key="participants"]').fill("30")
    first.locator('input[data-key="note"]').fill("=需要投影仪")
    second = page.locator(".menu-order-item").nth(1)
    second.locator('input[data-key="note"]').fill("\t@SUM(1+1)")  # a tab hides the start
    page.reload()  # survives a reload
    assert page.input_value('input[name="unit"]') == "蠡园街道“红帆”社区党委"
    assert (
        page.locator(".menu-order-item").first.locator('input[data-key="participants"]').input_value() == "30"
    )
    page.goto(served_site + "teachers/index.html")  # and navigation
    assert page.locator(".menu-order-count").inner_text() == "4"
    page.goto(served_site + "order.html")

    path = download_csv(page, tmp_path, "order.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert text.split("\r\n")[0] == ",".join(label for _, label in ORDER_COLUMNS)
    assert "蠡园街道“红帆”社区党委" in text
    assert "'=需要投影仪" in text  # formula guard, as in catalog/tabular/writing.py
    assert "'\t@SUM(1+1)" in text
    rows, problems = read_order_csv(path, DEMO)
    assert [p for p in problems if p.is_error] == []
    assert [(r.kind, r.id) for r in rows][-1] == ("routes", ROUTE.id)
    assert len(rows) == 4
    assert rows[0].participants == 30 and str(rows[0].date_from) == SOON[0]
    assert rows[0].note == "=需要投影仪"


def test_buttons_toggle_and_show_state(page, served_site):
    course = ACTIVE[0]
    page.goto(served_site + f"courses/{course.id}.html")
    button = page.locator(".menu-record .menu-order-add")
    button.click()
    assert "已加入" in button.inner_text()
    button.click()
    assert "已加入" not in button.inner_text()
    assert page.locator(".menu-order-count").inner_text() == "0"


def test_reorder_remove_and_clear(page, served_site):
    add_three_courses_and_a_route(page, served_site)
    page.goto(served_site + "order.html")
    ids = lambda: page.locator(".menu-order-item").evaluate_all("els => els.map(e => e.dataset.id)")  # noqa: E731
    before = ids()
    page.locator(".menu-order-item").first.get_by_role("button", name="下移").click()
    assert ids() == [before[1], before[0], *before[2:]]
    page.locator(".menu-order-item").nth(1).get_by_role("button", name="移除").click()
    assert ids() == [before[1], *before[2:]]
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click('button[data-action="clear"]')
    assert len(ids()) == 3
    page.once("dialog", lambda dialog: dialog.accept())
    page.click('button[data-action="clear"]')
    assert ids() == []
    assert page.locator(".menu-order-empty").is_visible()


def test_printed_form_shows_only_the_form(page, served_site):
    add_three_courses_and_a_route(page, served_site)
    page.goto(served_site + "order.html")
    fill_unit(page, "马山街道机关党支部")
    page.emulate_media(media="print")
    form = page.locator(".menu-print-form")
    assert form.is_visible()
    assert "党员教育培训点单表" in form.inner_text()
    assert "马山街道机关党支部" in form.inner_text()
    assert "盖章" in form.inner_text() and "签字" in form.inner_text()
    assert form.locator(".menu-print-items tbody tr").count() == 4
    for hidden in (".md-header", ".md-tabs", ".md-footer", ".menu-order-app", ".menu-order-page > h1"):
        assert not page.locator(hidden).first.is_visible(), hidden
    page.emulate_media(media="screen")
    assert not form.is_visible()


def test_stale_items_are_flagged_not_dropped(page, served_site, tmp_path):
    archived = next(c for c in DEMO.courses.values() if c.status == "archived")
    order = {
        "version": 1,
        "unit": {"unit": "测试单位", "contact": "张三", "phone": "0510-85881234"},
        "items": [
            {"kind": "courses", "id": "removed-long-ago", "name": "已删除的课"},
            {"kind": "courses", "id": archived.id, "name": archived.title},
            {"kind": "courses", "id": ACTIVE[0].id, "name": ACTIVE[0].title},
        ],
    }
    page.goto(served_site + "order.html")
    key = "training-menu-order:" + served_site
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [key, json.dumps(order)])
    page.reload()
    items = page.locator(".menu-order-item")
    assert items.count() == 3
    assert "已从目录中删除" in items.nth(0).inner_text()
    assert "已停用" in items.nth(1).inner_text()
    assert "menu-order-stale-item" not in (items.nth(2).get_attribute("class") or "")
    assert "2 项暂停、已停用或已删除" in page.locator(".menu-order-stale").inner_text()
    rows, _ = read_order_csv(download_csv(page, tmp_path, "stale.csv"), DEMO)
    assert [r.id for r in rows] == [ACTIVE[0].id]


def test_two_copies_of_the_site_keep_separate_orders(page, site_server):
    page.goto(site_server.url + f"courses/{ACTIVE[0].id}.html")
    page.locator(".menu-record .menu-order-add").click()
    page.goto(site_server.origin + f"/copy/courses/{ACTIVE[0].id}.html")
    assert page.locator(".menu-order-count").inner_text() == "0"
    page.goto(site_server.url + "order.html")
    assert page.locator(".menu-order-item").count() == 1


def test_order_works_from_disk(page, demo_site, tmp_path):
    page.goto((demo_site / "courses" / f"{ACTIVE[0].id}.html").as_uri())
    page.locator(".menu-record .menu-order-add").click()
    page.goto((demo_site / "order.html").as_uri())
    assert page.locator(".menu-order-item").count() == 1
    assert page.locator(".menu-file-notice").is_visible()
    fill_unit(page, "离线单位")
    rows, problems = read_order_csv(download_csv(page, tmp_path, "disk.csv"), DEMO)
    assert [r.id for r in rows] == [ACTIVE[0].id] and not problems


def test_department_reads_two_units_orders_and_sees_a_conflict(page, served_site, tmp_path):
    course = next(c for c in ACTIVE if c.teachers)
    paths = []
    for unit, dates in (
        ("甲社区党委", (SOON[0], SOON[2])),
        ("乙街道党工委", (SOON[1], SOON[1])),
    ):
        page.goto(served_site + f"courses/{course.id}.html")
        page.locator(".menu-record .menu-order-add").click()
        page.goto(served_site + "order.html")
        fill_unit(page, unit)
        item = page.locator(".menu-order-item").first
        item.locator('input[data-key="date_from"]').fill(dates[0])
        item.locator('input[data-key="date_to"]').fill(dates[1])
        item.locator('input[data-key="participants"]').fill("25")
        paths.append(download_csv(page, tmp_path, f"{unit}.csv"))
        page.once("dialog", lambda dialog: dialog.accept())
        page.click('button[data-action="clear"]')
    result = subprocess.run(
        [sys.executable, "-m", "catalog", "--root", str(ROOT), "orders", *map(str, paths)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "甲社区党委" in result.stdout and "乙街道党工委" in result.stdout
    assert "50" in result.stdout  # combined participants
    conflicts = result.stdout[result.stdout.index("冲突") :]
    assert DEMO.teachers[course.teachers[0]].name in conflicts


POISONED = {  # what another page (or a file opened from disk) may leave under our key
    "items.length is HTML": {
        "version": 1,
        "unit": {"unit": "x"},
        "items": {"length": '<img src=x onerror="window.__owned=1">'},
    },
    "items a string": {"version": 1, "unit": {}, "items": "<b>x</b>"},
    "items [null]": {"version": 1, "unit": {"unit": "甲"}, "items": [None, 5, "x"]},
    "unit a number": {"version": 1, "unit": 42, "items": []},
    "prototype names": {
        "version": 1,
        "unit": {"unit": "甲"},
        "items": [{"kind": "__proto__", "id": "x"}, {"kind": "courses", "id": "constructor"}],
    },
    "not JSON": "{not json",
}


def test_a_poisoned_stored_order_runs_nothing_and_is_reset(page, served_site, tmp_path):
    """No value from localStorage reaches the page as HTML; junk is replaced, with a notice."""
    key = "training-menu-order:" + served_site
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    course = ACTIVE[0]
    for name, value in POISONED.items():
        page.goto(served_site + f"courses/{course.id}.html")
        stored = value if isinstance(value, str) else json.dumps(value)
        page.evaluate("([key, value]) => localStorage.setItem(key, value)", [key, stored])
        page.reload()
        assert page.evaluate("window.__owned") is None, name
        assert page.locator("img[src='x']").count() == 0, name
        count = page.locator(".menu-order-count").inner_text()
        assert count == ("1" if name == "prototype names" else "0"), (name, count)
        assert "点单" in page.locator(".menu-order-notice").inner_text(), name
        button = page.locator(".menu-record .menu-order-add")
        button.click()  # adding still works after the reset
        assert page.locator(".menu-order-count").inner_text() == str(int(count) + 1), name
        page.goto(served_site + "order.html")
        assert page.locator(".menu-order-notice").count() == 0, name  # said once, then clean
        fill_unit(page, "甲社区党委")
        rows, problems = read_order_csv(download_csv(page, tmp_path, "reset.csv"), DEMO)
        assert course.id in [r.id for r in rows] and not [p for p in problems if p.is_error], name
    assert dialogs == []


def big_basket(size):
    """`size` items: every active demo course but the first, then ids no catalog has."""
    kept = [{"kind": "courses", "id": c.id} for c in ACTIVE[1:]]
    kinds = ("courses", "teachers", "sites")
    missing = [{"kind": kinds[i % 3], "id": f"gone-{i:05d}"} for i in range(size - len(kept))]
    unit = {"unit": "", "contact": "", "phone": ""}
    return {"version": 1, "number": "", "unit": unit, "items": kept + missing}


def test_a_basket_of_20000_items_loads_counts_and_keeps_working(page, served_site, tmp_path):
    """Issue 17: 20,000 stored items; the count, the groups, adding and export must hold.
    No timed assertion: the timeout below only keeps a runaway page from hanging the suite."""
    page.set_default_timeout(120_000)
    key = "training-menu-order:" + served_site
    size = 20_000
    kept = len(ACTIVE) - 1
    page.goto(served_site + f"courses/{ACTIVE[0].id}.html")
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [key, json.dumps(big_basket(size))])
    page.reload()
    assert page.locator(".menu-order-count").inner_text() == str(size)
    assert page.locator(".menu-order-notice").count() == 0  # nothing was dropped
    page.locator(".menu-record .menu-order-add").click()  # adding works
    assert page.locator(".menu-order-count").inner_text() == str(size + 1)
    assert "共 20001 项" in page.locator(".menu-order-toast").inner_text()

    page.goto(served_site + "order.html")
    drawn = page.locator(".menu-order-item")
    assert drawn.count() == 3 * 200  # 200 rows of each kind are drawn; each kind holds more
    courses_drawn = page.locator('.menu-order-group[data-kind="courses"] .menu-order-item')
    page.locator('button[data-more="courses"]').click()  # 再显示 200 项
    assert courses_drawn.count() == 400
    assert page.evaluate("document.activeElement.closest('.menu-order-item') !== null")  # at the new rows
    gone = size - kept
    courses = kept + 1 + len(range(0, gone, 3))
    assert page.locator('.menu-order-group[data-kind="courses"] h2').inner_text() == f"课程（{courses}）"
    assert page.locator(".menu-order-stale").inner_text().startswith(f"有 {gone} 项")
    fill_unit(page, "甲社区党委")
    rows, problems = read_order_csv(download_csv(page, tmp_path, "big.csv"), DEMO)
    assert not [p for p in problems if p.is_error]
    assert sorted(r.id for r in rows) == sorted(c.id for c in ACTIVE)  # the removed ones stay out


def test_a_problem_in_a_row_not_drawn_yet_is_drawn_and_focused(page, served_site, tmp_path):
    """A long order draws 200 rows a kind; export must still show a problem in row 350."""
    key = "training-menu-order:" + served_site
    gone = [{"kind": "courses", "id": f"gone-{i:04d}"} for i in range(399)]  # stale: not checked
    wrong = {"kind": "courses", "id": ACTIVE[1].id, "date_from": "2030-05-10", "date_to": "2030-05-01"}
    unit = {"unit": "", "contact": "", "phone": ""}
    basket = {"version": 1, "number": "", "unit": unit, "items": [*gone[:349], wrong, *gone[349:]]}
    page.goto(served_site + "index.html")
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [key, json.dumps(basket)])
    page.goto(served_site + "order.html")
    rows = page.locator('.menu-order-group[data-kind="courses"] .menu-order-item')
    assert rows.count() == 200
    fill_unit(page, "甲社区党委")
    page.click('button[data-action="csv"]')
    assert rows.count() >= 350
    focused = page.evaluate("document.activeElement.getAttribute('aria-invalid')")
    assert focused == "true"
    assert "需要修改" in page.locator(".menu-order-message").inner_text()
    assert page.evaluate("document.activeElement.closest('.menu-order-item').dataset.id") == ACTIVE[1].id


def test_a_planted_basket_past_the_bound_is_cut_with_a_notice(page, served_site):
    key = "training-menu-order:" + served_site
    page.goto(served_site + "teachers/index.html")
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [key, json.dumps(big_basket(50_010))])
    page.reload()
    assert page.locator(".menu-order-count").inner_text() == "50000"
    assert "超过 50000 项" in page.locator(".menu-order-notice").inner_text()
