"""单位点单 → 组织派单 → 回单, the whole loop as the people in it do it.

Two units order on the built site in their own browsers and export their CSVs; the
department runs `catalog orders`; a script stands in for the department and edits the
plan in 派单计划.xlsx (one item 已安排, one 婉拒); `catalog plan` imports it; the site is
built again. Then the 培训日程, the teacher's page and both units' replies show the
decisions, a unit finds its reply from 我的点单, and a reply prints on one A4 page.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from contextlib import contextmanager

import openpyxl
import pytest

from catalog import check_catalog
from catalog.orders.reading import read_order_csv
from tests.conftest import ROOT, _SubPathServer, build_site, copy_project
from tests.test_print import pdf_pages

DEMO = check_catalog(ROOT).catalog
COURSE = next(c for c in DEMO.courses.values() if c.status == "active" and len(c.teachers) == 1 and c.sites)
ROUTE = next(r for r in DEMO.routes.values() if r.status == "active")
SOON = [(dt.date.today() + dt.timedelta(days=days)).isoformat() for days in (40, 41, 45)]
JIA, YI = "蠡园街道湖滨社区党委", "马山街道机关党支部"


@contextmanager
def unit_browser(browser):
    """A unit's own browser: its own storage; every outside request and console error fails."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    outside, errors = [], []

    def guard(route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "file://", "data:", "blob:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert outside == [] and errors == [], (outside, errors)


def order(page, base, record_url: str, unit: str, dates: tuple[str, str], people: str, tmp_path):
    page.goto(base + record_url)
    page.locator(".menu-record .menu-order-add").click()
    page.goto(base + "order.html")
    page.fill('input[name="unit"]', unit)
    page.fill('input[name="contact"]', "联系人")
    page.fill('input[name="phone"]', "0510-85000000")
    item = page.locator(".menu-order-item").first
    item.locator('input[data-key="date_from"]').fill(dates[0])
    item.locator('input[data-key="date_to"]').fill(dates[1])
    item.locator('input[data-key="participants"]').fill(people)
    with page.expect_download() as info:
        page.click('button[data-action="csv"]')
    path = tmp_path / f"{unit}.csv"
    info.value.save_as(path)
    return path


def catalog(project, *arguments):
    command = [sys.executable, "-m", "catalog", "--root", str(project), *arguments]
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def department_decides(sheet_path, decisions):
    """What the department does in Excel: per row (单号, 编号), the decision cells."""
    book = openpyxl.load_workbook(sheet_path)
    sheet = book["派单计划"]
    header = [cell.value for cell in sheet[1]]
    options = book["师资选项"]
    sites = book["点位选项"]
    for row in sheet.iter_rows(min_row=2):
        key = (row[header.index("单号")].value, row[header.index("编号")].value)
        if key not in decisions:
            continue
        values = decisions[key]
        if values.get("派出师资") == "first":  # picked from the row's drop-down list
            values["派出师资"] = options.cell(row=row[0].row, column=1).value
        if values.get("安排点位") == "first":
            values["安排点位"] = sites.cell(row=row[0].row, column=1).value
        for label, value in values.items():
            row[header.index(label)].value = value
    book.save(sheet_path)


@pytest.fixture
def project(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "dispatch", ignore_errors=True)  # the loop starts with no plan
    config = project / "mkdocs.yml"  # the department publishes its refusals (and why)
    text = config.read_text(encoding="utf-8").replace("publish_declined: false", "publish_declined: true")
    config.write_text(text, encoding="utf-8")
    return project


def test_orders_go_round_the_loop_and_come_back_as_replies(browser, project, tmp_path):
    site = tmp_path / "site"
    assert build_site(project, site).returncode == 0
    server = _SubPathServer(site)
    base = server.url
    try:
        with unit_browser(browser) as jia, unit_browser(browser) as yi:
            first = order(jia, base, f"courses/{COURSE.id}.html", JIA, (SOON[0], SOON[1]), "30", tmp_path)
            second = order(yi, base, f"routes/{ROUTE.id}.html", YI, (SOON[2], SOON[2]), "20", tmp_path)
            [jia_row], _ = read_order_csv(first, DEMO)
            [yi_row], _ = read_order_csv(second, DEMO)

            out = tmp_path / "派单结果"
            summary = catalog(project, "orders", str(first), str(second), "--out", str(out))
            assert "新增 2 项待安排" in summary
            teacher = DEMO.teachers[COURSE.teachers[0]]
            department_decides(
                out / "派单计划.xlsx",
                {
                    (jia_row.number, COURSE.id): {
                        "状态": "已安排",
                        "确认开始日期": dt.date.fromisoformat(SOON[0]),
                        "派出师资": "first",
                        "安排点位": "first",
                        "答复说明": "上午九点开课，请提前到场。",
                    },
                    (yi_row.number, ROUTE.id): {"状态": "婉拒", "答复说明": "当天路线上的纪念馆闭馆。"},
                },
            )
            imported = catalog(project, "plan", str(out / "派单计划.xlsx"))
            assert "已安排 1 项" in imported and "婉拒 1 项" in imported
            built = build_site(project, site)  # the next build publishes the plan
            assert built.returncode == 0, built.stderr

            day = dt.date.fromisoformat(SOON[0])
            jia.goto(base + "schedule.html")
            entries = jia.locator(".menu-schedule-entry")
            assert entries.count() == 1
            entry = entries.first.inner_text()
            assert f"{day.month}月{day.day}日" in entry and COURSE.title in entry and teacher.name in entry
            assert ROUTE.name not in jia.locator(".menu-schedule-page").inner_text()
            units = jia.locator('select[name="unit"] option').all_inner_texts()
            assert units == ["全部", JIA]  # only units with something arranged

            jia.goto(base + f"teachers/{teacher.id}.html")
            booked = jia.locator(".menu-bookings").inner_text()
            assert SOON[0] in booked and JIA in booked

            jia.goto(base + "order.html")  # the unit finds its reply from its own order
            jia.get_by_role("link", name="组织部门已答复，查看回单").click()
            jia.wait_for_url(f"**/replies/{jia_row.number}.html")
            reply = jia.locator(".menu-reply-form").inner_text()
            assert "已安排" in reply and COURSE.title in reply and teacher.name in reply
            assert "上午九点开课" in reply and f"{day.month}月{day.day}日" in reply

            yi.goto(base + "replies/index.html")
            yi.fill('input[name="number"]', yi_row.number.upper())  # as copied from the paper form
            yi.click(".menu-reply-find button")
            yi.wait_for_url(f"**/replies/{yi_row.number}.html")
            reply = yi.locator(".menu-reply-form").inner_text()
            assert "婉拒" in reply and "当天路线上的纪念馆闭馆。" in reply and ROUTE.name in reply

            yi.emulate_media(media="print")
            assert not yi.locator(".md-header").is_visible() and yi.locator(".menu-reply-form").is_visible()
            assert pdf_pages(yi.pdf(format="A4", print_background=True)) == 1
    finally:
        server.close()
