"""Places in a hierarchy: regions in vocabulary.yml as a tree, several per site, filters that
include every place below the one chosen, folded with counts at each level."""

from __future__ import annotations

import re
import textwrap
from html import unescape

import pytest

from catalog import check_catalog
from catalog.core.kinds import KINDS
from catalog.core.vocabulary import load_vocabularies
from tests.conftest import build_site, copy_project, serving, site_of, write_catalog

TREE = """
regions:
  - 湖南省:
      - 长沙市:
          - 望城区
          - 宁乡市
      - 韶山市
  - 福建省:
      - 福州市:
          - 鼓楼区
  - 江苏省:
      - 南京市:
          - 鼓楼区
      - 无锡市:
          - 滨湖区:
              - 蠡园街道
              - 马山街道
  - 广东省
"""

SITES = {
    "sites/leifeng.yml": "name: 雷锋纪念馆\nregion: 望城区\nreviewed: 2026-01-10\n",
    "sites/tongguan.yml": "name: 铜官窑红色基地\nregion: 长沙市/望城区\nreviewed: 2026-01-10\n",
    "sites/liu-shaoqi.yml": "name: 刘少奇故居\nregion: 宁乡市\nreviewed: 2026-01-10\n",
    "sites/shaoshan.yml": "name: 毛泽东同志故居\nregion: 湖南省\nreviewed: 2026-01-10\n",
    "sites/jiaotongxian.yml": "name: 中央红色交通线旧址\nregion: [福建省, 广东省]\nreviewed: 2026-01-10\n",
    "sites/gulou.yml": "name: 福州鼓楼党建馆\nregion: 福州市/鼓楼区\nreviewed: 2026-01-10\n",
    "sites/nowhere.yml": "name: 未写区域的点位\nreviewed: 2026-01-10\n",
}


def with_tree(root):
    """The real vocabulary with its regions replaced by the tree (as an editor extends it)."""
    path = root / "vocabulary.yml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("regions:"), text.index("# 教学主题")
    path.write_text(text[:start] + textwrap.dedent(TREE).lstrip() + "\n" + text[end:], encoding="utf-8")
    return root


def test_the_tree_is_read_as_paths_each_before_the_places_under_it(tmp_path):
    root = with_tree(write_catalog(tmp_path / "data", {}, base=False))
    vocab, problems = load_vocabularies(root)
    assert problems == []
    assert vocab.values("regions")[:6] == [
        "湖南省",
        "湖南省/长沙市",
        "湖南省/长沙市/望城区",
        "湖南省/长沙市/宁乡市",
        "湖南省/韶山市",
        "福建省",
    ]
    assert vocab.resolve("regions", "望城区") == ["湖南省/长沙市/望城区"]
    assert vocab.resolve("regions", "长沙市/望城区") == ["湖南省/长沙市/望城区"]
    assert vocab.resolve("regions", "鼓楼区") == ["福建省/福州市/鼓楼区", "江苏省/南京市/鼓楼区"]
    assert vocab.resolve("regions", "福州市/鼓楼区") == ["福建省/福州市/鼓楼区"]
    assert vocab.resolve("regions", "武汉市") == []
    assert vocab.values("categories")[0] == "政治理论"  # flat lists stay flat


def test_sites_name_places_at_any_level_and_several_at_once(make_catalog):
    root = with_tree(make_catalog(SITES))
    result = check_catalog(root)
    assert result.ok, [p.text() for p in result.errors]
    region = next(f for f in KINDS["sites"].facets if f.name == "region")
    vocab = result.catalog.vocabularies
    assert region.all_values(result.catalog.sites["leifeng"], vocab) == [
        "湖南省",
        "湖南省/长沙市",
        "湖南省/长沙市/望城区",
    ]
    assert region.all_values(result.catalog.sites["jiaotongxian"], vocab) == ["福建省", "广东省"]
    assert region.all_values(result.catalog.sites["nowhere"], vocab) == ["未注明"]


def test_an_ambiguous_or_unknown_place_is_an_error_that_says_how_to_write_it(make_catalog):
    root = with_tree(
        make_catalog(
            {
                "sites/a.yml": "name: 甲\nregion: 鼓楼区\nreviewed: 2026-01-10\n",
                "sites/b.yml": "name: 乙\nregion: 望城\nreviewed: 2026-01-10\n",
            }
        )
    )
    problems = {p.path: p for p in check_catalog(root).errors}
    ambiguous = problems["sites/a.yml"]
    assert ambiguous.code == "ambiguous-value" and (ambiguous.line, ambiguous.column) == (2, 9)
    assert "福建省/福州市/鼓楼区、江苏省/南京市/鼓楼区" in ambiguous.message
    assert "福州市/鼓楼区" in ambiguous.hint
    unknown = problems["sites/b.yml"]
    assert unknown.code == "unknown-value" and "望城区" in unknown.hint


@pytest.fixture(scope="module")
def tree_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("regions")
    data = with_tree(write_catalog(base / "data", SITES))
    project = copy_project(base / "project", data)
    built = build_site(project, base / "site")
    assert built.returncode == 0, built.stderr
    return base / "site"


def test_the_facet_lists_the_tree_with_counts_at_each_level(tree_site):
    html = (tree_site / "sites" / "index.html").read_text(encoding="utf-8")
    fieldset = html[
        html.index('<fieldset data-facet="region"') : html.index("</fieldset>", html.index('"region"'))
    ]
    found = re.findall(
        r'<label data-depth="(\d)"[^>]*><input type="checkbox" name="region" value="([^"]+)"> '
        r'<span class="menu-facet-label">([^<]+)</span> <span class="menu-count">(\d+)</span>',
        fieldset,
    )
    assert found[:4] == [
        ("0", "湖南省", "湖南省", "4"),  # 望城区 ×2, 宁乡市, and the site of 湖南省 itself
        ("1", "湖南省/长沙市", "长沙市", "3"),
        ("2", "湖南省/长沙市/望城区", "望城区", "2"),
        ("2", "湖南省/长沙市/宁乡市", "宁乡市", "1"),
    ]
    assert ("0", "福建省", "福建省", "2") in found and ("0", "广东省", "广东省", "1") in found
    assert found[-1] == ("0", "未注明", "未注明", "1")  # the unknown bucket, last
    assert "data-tree" in fieldset


def test_statistics_count_every_level_and_the_unknown(tree_site):
    html = (tree_site / "stats.html").read_text(encoding="utf-8")
    match = re.search(r'<desc id="chart-sites-region-d">(.*?)（单位', html)
    assert match
    counts = {k: int(v) for k, v in (item.rsplit(" ", 1) for item in unescape(match.group(1)).split("；"))}
    assert counts["湖南省"] == 4 and counts["湖南省/长沙市/望城区"] == 2
    assert counts["福建省"] == 2 and counts["未注明"] == 1
    assert "江苏省/南京市" not in counts  # places nobody is in are left out of a tree's chart


@pytest.fixture(scope="module")
def tree_url(tree_site):
    with serving(tree_site) as url:
        yield url


def test_choosing_a_province_finds_the_sites_of_every_place_below_it(page, tree_url):
    page.goto(tree_url + "sites/index.html")
    fieldset = page.locator('fieldset[data-facet="region"]')
    changsha = fieldset.locator('label:has(input[value="湖南省/长沙市"])')
    assert not changsha.is_visible()  # folded under 湖南省
    fieldset.locator('label:has(input[value="湖南省"]) .menu-tree-toggle').click()
    assert changsha.is_visible()
    page.check('input[name="region"][value="湖南省"]')
    titles = set(page.locator(".menu-card .menu-card-title").all_inner_texts())
    assert titles == {"雷锋纪念馆", "铜官窑红色基地", "刘少奇故居", "毛泽东同志故居"}
    page.uncheck('input[name="region"][value="湖南省"]')
    page.check('input[name="region"][value="广东省"]')
    assert page.locator(".menu-card .menu-card-title").all_inner_texts() == ["中央红色交通线旧址"]
    page.uncheck('input[name="region"][value="广东省"]')
    page.check('input[name="region"][value="未注明"]')
    assert page.locator(".menu-card .menu-card-title").all_inner_texts() == ["未写区域的点位"]


PROVINCES = [f"第{n:02d}省" for n in range(1, 13)]  # more places at the top than the ten shown


@pytest.fixture(scope="module")
def many_provinces(tmp_path_factory):
    base = tmp_path_factory.mktemp("provinces")
    data = write_catalog(base / "data", {}, base=False)
    tree = "regions:\n" + "".join(f"  - {p}:\n      - {p}甲市\n" for p in PROVINCES)
    vocabulary = data / "vocabulary.yml"
    text = vocabulary.read_text(encoding="utf-8")
    start, end = text.index("regions:"), text.index("# 教学主题")
    vocabulary.write_text(text[:start] + tree + "\n" + text[end:], encoding="utf-8")
    for n, province in enumerate(PROVINCES):
        (data / "sites" / f"s{n}.yml").write_text(
            f"name: 点位{n}\nregion: {province}甲市\nreviewed: 2026-01-10\n", encoding="utf-8"
        )
    with serving(site_of(base, data)) as url:
        yield url


def test_a_long_tree_folds_its_top_places_behind_more(page, many_provinces):
    page.goto(many_provinces + "sites/index.html")
    fieldset = page.locator('fieldset[data-facet="region"]')
    top = fieldset.locator('label[data-depth="0"]')
    assert sum(label.is_visible() for label in top.all()) == 10
    more = fieldset.locator(".menu-facet-more")
    assert more.inner_text() == "更多（2）"
    more.click()
    assert all(label.is_visible() for label in top.all())
    last = fieldset.locator(f'label:has(input[value="{PROVINCES[-1]}"])')
    city = fieldset.locator(f'label:has(input[value="{PROVINCES[-1]}/{PROVINCES[-1]}甲市"])')
    last.locator(".menu-tree-toggle").click()
    assert city.is_visible()
    more.click()  # 收起: the folded place and the places under it go
    assert not last.is_visible() and not city.is_visible()
    fieldset.locator(".menu-facet-filter").fill("第12省甲")
    assert city.is_visible()
