"""Record status: a suspended site leaves the index and the order, its page stays with a banner.

The demo has 马山革命烈士纪念馆 suspended (暂停开放, with date and reason), 长广溪湿地 under
re-assessment (复评中: still listed and orderable) and 孔德军 suspended (暂停). Expected texts
are written out here, never taken from the code under test.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from catalog import check_catalog
from catalog.orders.reading import read_order_csv
from catalog.orders.rules import Context, check_item, status_context
from tests.conftest import ROOT, card_ids, card_index, card_parts

DEMO = check_catalog(ROOT).catalog
SUSPENDED = "mashan-lieshi-jinianguan"
REASSESSING = "changguangxi-shidi"
REASON = "展厅改陈布展，预计 2027 年 5 月重新开放"
UNIT = {"unit": "蠡园街道湖滨社区党委", "contact": "张红", "phone": "0510-85880001"}


def _html(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def _card_ids(site: Path, kind: str) -> list[str]:
    return card_ids(site, kind)


def _index_cards(site: Path, kind: str) -> str:
    html = _html(site, f"{kind}/index.html")
    start = html.index('id="menu-list"')
    return html[start : html.index("</ul>", start)]


def test_a_suspended_site_leaves_the_index_but_keeps_its_page(demo_site):
    assert SUSPENDED not in _card_ids(demo_site, "sites")
    assert f"sites/{SUSPENDED}.html" not in _index_cards(demo_site, "sites")
    index = _html(demo_site, "sites/index.html")
    folded = index[index.index("menu-archived-list") :]
    assert f"{SUSPENDED}.html" in folded and "暂停开放" in folded  # links never break
    page = _html(demo_site, f"sites/{SUSPENDED}.html")
    assert "此教学点位暂停开放，暂不能点单。" in page
    assert f"原因：{REASON}（2026-03-01 起）" in page
    assert 'data-order-id="mashan-lieshi-jinianguan"' not in page  # no 加入点单


def test_a_site_under_re_assessment_stays_listed_and_orderable_with_its_badge(demo_site):
    assert REASSESSING in _card_ids(demo_site, "sites")
    page = _html(demo_site, f"sites/{REASSESSING}.html")
    assert 'menu-status-reassessing">复评中</span>' in page
    assert "下次复评 2027-06-30" in page
    assert f'data-order-id="{REASSESSING}"' in page
    [card] = [c for part in card_parts(demo_site, "sites") for c in part["cards"] if c["id"] == REASSESSING]
    assert "复评中" in card["flags"]  # the card's badge
    statuses = {f["name"]: f["values"] for f in card_index(demo_site, "sites")["facets"]}["status"]
    assert "复评中" in statuses  # and the 状态 filter
    assert 'data-facet="status"' in _html(demo_site, "sites/index.html")


def test_a_suspended_teacher_leaves_the_index_and_the_courses_say_so(demo_site):
    assert "kong-dejun" not in _card_ids(demo_site, "teachers")
    assert "此师资暂停授课，暂不能点单。" in _html(demo_site, "teachers/kong-dejun.html")
    course = _html(demo_site, "courses/daguo-zhongqi-kexuejia.html")
    assert "其中师资“" in course and "孔德钧" in course and "目前不能安排" in course


def test_a_route_and_a_bundle_through_the_suspended_site_say_so(demo_site):
    for path in ("routes/lixin-zhuhun.html", "bundles/xindangyuan-diyike.html"):
        page = _html(demo_site, path)
        notice = page[page.index("menu-held") :]
        assert "马山革命烈士纪念馆" in notice[: notice.index("</p>")], path
        assert "暂停开放" in notice[: notice.index("</p>")], path


def test_the_order_rules_refuse_a_suspended_site_and_flag_a_route_through_it():
    site = DEMO.get("sites", SUSPENDED)
    assert site is not None
    found = check_item({**UNIT, "id": SUSPENDED}, status_context(Context(), site, DEMO))
    assert [(f.field, f.code) for f in found] == [("id", "order-refused")]
    assert found[0].values["status"] == "暂停开放" and found[0].values["reason"] == "：" + REASON
    route = DEMO.get("routes", "lixin-zhuhun")
    assert route is not None
    found = check_item({**UNIT, "id": "lixin-zhuhun"}, status_context(Context(), route, DEMO))
    assert [(f.field, f.code) for f in found] == [("id", "order-held-up")]
    assert found[0].values["held"] == "教学点位“马山革命烈士纪念馆”（暂停开放）"
    reassessing = DEMO.get("sites", REASSESSING)
    assert reassessing is not None
    assert check_item({**UNIT, "id": REASSESSING}, status_context(Context(), reassessing, DEMO)) == []


def test_catalog_orders_reports_a_suspended_site(tmp_path):
    path = tmp_path / "order.csv"
    day = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    header = "单位名称,联系人,联系电话,类型,编号,名称,开始日期,结束日期,人数,备注"
    row = f"湖滨社区党委,张红,0510-85880001,教学点位,{SUSPENDED},马山革命烈士纪念馆,{day},{day},20,"
    path.write_text(header + "\r\n" + row + "\r\n", encoding="utf-8-sig")
    rows, problems = read_order_csv(path, DEMO)
    assert [r.id for r in rows] == [SUSPENDED]  # kept and counted: nothing lost
    refused = [p for p in problems if p.code == "order-refused"]
    assert len(refused) == 1 and refused[0].line == 2
    expected = f"教学点位“马山革命烈士纪念馆”（{SUSPENDED}）暂停开放，不能点单：{REASON}"
    assert refused[0].message.startswith(expected)


def test_the_order_page_refuses_a_suspended_site(page, served_site, tmp_path):
    page.goto(served_site + "sites/index.html")
    assert page.locator(f'.menu-card[data-id="{SUSPENDED}"]').count() == 0
    assert page.locator(f'.menu-card[data-id="{REASSESSING}"]').count() == 1
    page.goto(served_site + f"sites/{SUSPENDED}.html")
    assert "暂停开放" in page.locator(".menu-status-banner").inner_text()
    assert page.locator(".menu-order-add").count() == 0
    order = {
        "version": 1,
        "unit": UNIT,
        "items": [
            {"kind": "sites", "id": SUSPENDED, "name": "马山革命烈士纪念馆"},
            {"kind": "routes", "id": "lixin-zhuhun", "name": "“立心铸魂”红色教育路线"},
        ],
    }
    page.goto(served_site + "order.html")
    key = "training-menu-order:" + served_site
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [key, json.dumps(order)])
    page.reload()
    items = page.locator(".menu-order-item")
    assert items.count() == 2
    refused = items.nth(0).locator(".menu-order-refused").inner_text()
    assert refused.startswith(f"教学点位“马山革命烈士纪念馆”（{SUSPENDED}）暂停开放，不能点单：{REASON}")
    assert "menu-order-stale-item" in (items.nth(0).get_attribute("class") or "")
    held = items.nth(1).locator(".menu-order-held").inner_text()
    assert "中的教学点位“马山革命烈士纪念馆”（暂停开放）目前不能安排" in held
    assert "menu-order-stale-item" not in (items.nth(1).get_attribute("class") or "")
    assert "1 项暂停、已停用或已删除" in page.locator(".menu-order-stale").inner_text()
    day = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    page.locator(".menu-order-item").nth(1).locator("input[data-key=date_from]").fill(day)
    page.locator(".menu-order-item").nth(1).locator("input[data-key=date_to]").fill(day)
    with page.expect_download() as info:
        page.click('button[data-action="csv"]')
    info.value.save_as(tmp_path / "order.csv")
    rows, _ = read_order_csv(tmp_path / "order.csv", DEMO)
    assert [r.id for r in rows] == ["lixin-zhuhun"]  # the suspended site is not exported
