"""The same menu from every generator we support: MkDocs (the hook), ProperDocs, Zensical.

Zensical reads mkdocs.yml but runs no hooks, so it builds what `catalog render` wrote
(zensical.yml). Each site is built from a copy of this project and walked in Chromium the
way a unit uses it: served under a sub-path, and opened from disk; search, filter, order,
export, print, with every outside request blocked (the `page` fixture).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from catalog.orders.reading import read_order_csv
from tests.conftest import ROOT, _SubPathServer, build_site, copy_project

GENERATORS = ("mkdocs", "properdocs", "zensical")
ZENSICAL = Path(sys.executable).with_name("zensical")


def render(project: Path, out: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "catalog", "--root", str(project), "render", "--out", str(out)]
    return subprocess.run(command, capture_output=True, text=True)


def build_with(generator: str, project: Path, site: Path) -> None:
    if generator != "zensical":
        result = build_site(project, site, tool=generator)
        assert result.returncode == 0, result.stderr
        return
    shutil.copy(ROOT / "zensical.yml", project / "zensical.yml")
    rendered = render(project, project / "build" / "docs")
    assert rendered.returncode == 0, rendered.stderr
    command = [str(ZENSICAL), "build", "--strict", "-f", "zensical.yml"]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    shutil.move(project / "build" / "site", site)


@pytest.fixture(scope="module", params=GENERATORS)
def generated(request, tmp_path_factory):
    """(generator, built site folder, server at /menu/) for each generator."""
    base = tmp_path_factory.mktemp(request.param)
    project = copy_project(base / "project")
    site = base / "site"
    build_with(request.param, project, site)
    server = _SubPathServer(site)
    yield request.param, site, server.url
    server.close()


@pytest.fixture(scope="module")
def demo(demo_catalog):
    return demo_catalog


def test_every_generator_writes_every_page(generated, demo, demo_plan):
    _, site, _ = generated
    for kind, records in demo.records.items():
        assert (site / kind / "index.html").is_file()
        for record_id in records:
            assert (site / kind / f"{record_id}.html").is_file(), (kind, record_id)
    for page in ("index.html", "order.html", "how-to-order.html", "editor-guide.html", "search/meta.js"):
        assert (site / page).is_file(), page
    assert "培训日程" in (site / "schedule.html").read_text(encoding="utf-8")
    for number, order in demo_plan.orders.items():  # a reply per order
        assert order.unit in (site / "replies" / f"{number}.html").read_text(encoding="utf-8"), number
    assert (site / "assets" / "dispatch.js").is_file() and (site / "assets" / "order-page.js").is_file()
    assert (site / "exports" / "catalog.json").is_file()
    assert not (site / "architecture.md").exists() and not (site / "architecture.html").exists()


def test_search_filter_order_export_and_print(generated, demo, page, tmp_path):
    generator, _, base = generated
    course = next(c for c in demo.courses.values() if c.status == "active" and "党史" in c.title)
    page.goto(base + "index.html")
    page.fill(".menu-search-input", "党史")
    page.wait_for_function("document.querySelector('.menu-search-results').dataset.query === '党史'")
    hrefs = page.locator(".menu-search-result").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert any(h.endswith(f"courses/{course.id}.html") for h in hrefs), (generator, hrefs)

    page.goto(base + f"courses/index.html?category={course.category}")
    shown = int(page.locator(".menu-result-count").inner_text())
    expected = sum(c.status == "active" and c.category == course.category for c in demo.courses.values())
    assert shown == expected, generator
    assert page.locator(f'.menu-card[data-id="{course.id}"]').count() == 1

    page.goto(base + f"courses/{course.id}.html")
    page.locator(".menu-record .menu-order-add").click()
    assert page.locator(".menu-order-count").inner_text() == "1"
    page.goto(base + "order.html")
    page.fill('input[name="unit"]', f"{generator}测试社区党委")
    page.fill('input[name="contact"]', "张三")  # the unit's required fields (ORDER_RULES)
    page.fill('input[name="phone"]', "0510-85881234")
    with page.expect_download() as info:
        page.click('button[data-action="csv"]')
    path = tmp_path / f"{generator}.csv"
    info.value.save_as(path)
    rows, problems = read_order_csv(path, demo)
    assert [r.id for r in rows] == [course.id] and not [p for p in problems if p.is_error]
    page.emulate_media(media="print")
    form = page.locator(".menu-print-form")
    assert form.is_visible() and f"{generator}测试社区党委" in form.inner_text()
    assert not page.locator(".md-header").is_visible()


def test_the_site_works_from_disk(generated, demo, page, tmp_path):
    generator, site, _ = generated
    course = next(c for c in demo.courses.values() if c.status == "active")
    page.goto((site / "courses" / f"{course.id}.html").as_uri())
    page.locator(".menu-record .menu-order-add").click()
    page.goto((site / "order.html").as_uri())
    assert page.locator(".menu-order-item").count() == 1, generator
    page.fill(".menu-search-input", course.title[:4])
    page.wait_for_function(
        "q => document.querySelector('.menu-search-results').getAttribute('data-query') === q",
        arg=course.title[:4],
    )
    assert page.locator(".menu-search-result").count() >= 1


def test_render_writes_plain_files_and_an_invalid_catalog_writes_nothing(tmp_path):
    project = copy_project(tmp_path / "project")
    out = project / "build" / "docs"
    done = render(project, out)
    assert done.returncode == 0, done.stderr
    page = (out / "courses" / "index.md").read_text(encoding="utf-8")
    assert page.startswith('---\ntitle: "课程菜单"\n')
    body = page.split("---\n", 2)[2]
    assert '<div class="menu-index" data-kind="courses">' in body
    assert "\n\n" not in body.strip()  # one raw HTML block: no Markdown reads a part of it
    home = (out / "index.md").read_text(encoding="utf-8")
    assert "<!-- menu:home -->" not in home and 'class="menu-home"' in home
    assert (out / "assets" / "order.js").is_file() and (out / "search" / "meta.js").is_file()
    assert not (out / "architecture.md").exists()  # exclude_docs is honoured

    (project / "courses" / "broken.yml").write_text("title：x\n", encoding="utf-8")
    again = render(project, tmp_path / "other")
    assert again.returncode == 1
    assert "courses/broken.yml:1:6: error:" in again.stderr and "Traceback" not in again.stderr
    assert not (tmp_path / "other").exists()
    refused = render(project, project / "docs")
    assert refused.returncode == 2 and "docs/" in refused.stderr
    assert (project / "docs" / "index.md").is_file()
