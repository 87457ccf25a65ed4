"""The benchmark's anchors (benchmarks/baseline.py, run.py): plain MkDocs, Zensical and Hugo get
the same pages with the same text, each of them really builds every page, a missing tool
stops the run, and a build's peak memory is its own. No clocks: nothing here is timed.
"""

from __future__ import annotations

import contextlib
import html
import io
import re
import resource
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import baseline
import run
from report import anchor_table

from catalog.demo.synthetic import write_demo

KINDS = ("courses", "teachers", "sites", "routes")
SCALE = 30  # courses; teachers, sites and routes follow (catalog demo)
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def _text(markup: str) -> str:
    return html.unescape(_TAG.sub("", markup))


@pytest.fixture(scope="module")
def projects(tmp_path_factory):
    """A generated catalog of SCALE courses and the anchors' projects written from it."""
    work = tmp_path_factory.mktemp("anchors")
    data, base, hugo = work / "data", work / "baseline", work / "hugo"
    with contextlib.redirect_stdout(io.StringIO()):
        assert write_demo(ROOT, data, SCALE) == 0
    pages = baseline.write_baseline(data, base), baseline.write_hugo(data, hugo)
    return work, data, base, hugo, pages


def _records(data: Path) -> dict[tuple[str, str], dict]:
    """Every record file of the catalog, read here with PyYAML, not with the benchmark's reader."""
    return {
        (kind, source.stem): yaml.safe_load(source.read_text(encoding="utf-8"))
        for kind in KINDS
        for source in (data / kind).glob("*.yml")
    }


def _title(record: dict) -> str:
    return record.get("title") or record["name"]


def _plain(markdown: str | None) -> list[str]:
    """The paragraphs of a record's text that Markdown leaves as they are (no heading, list,
    emphasis, code, link or HTML in them)."""
    paragraphs = [p.strip() for p in (markdown or "").split("\n\n")]
    return [
        p for p in paragraphs if p and not re.match(r"[#>*+\-]|\d+\.", p) and not re.search(r"[*_`\[<&]", p)
    ]


def _front_matter(path: Path) -> tuple[dict, str]:
    _, head, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(head), body


def test_mkdocs_and_hugo_get_one_page_per_record_with_the_same_text(projects):
    _, data, base, hugo, pages = projects
    records = _records(data)
    assert {kind for kind, _ in records} == set(KINDS)  # the demo has every kind, routes too
    assert pages == (len(records), len(records))
    for name in ("mkdocs.yml", "mkdocs-search.yml", "zensical.yml"):
        assert (base / name).is_file(), name
    mkdocs_pages = {(p.parent.name, p.stem) for p in (base / "docs").glob("*/*.md")}
    hugo_pages = {(p.parent.name, p.stem) for p in (hugo / "content").glob("*/*.md")}
    assert mkdocs_pages == hugo_pages == set(records)
    for (kind, stem), record in records.items():
        markdown = (base / "docs" / kind / f"{stem}.md").read_text(encoding="utf-8")
        front, body = _front_matter(hugo / "content" / kind / f"{stem}.md")
        assert markdown.startswith(f"# {_title(record)}\n\n"), (kind, stem)
        assert front == {"title": _title(record)}, (kind, stem)
        assert markdown.removeprefix(f"# {_title(record)}\n\n") == body.lstrip("\n"), (kind, stem)
        for key in ("summary", "description", "bio"):
            if record.get(key):
                assert record[key].strip() in body, (kind, stem, key)
        for stop in record.get("stops") or []:
            assert f"- {stop['teaching']}\n" in body, (kind, stem)


def test_zensical_reads_the_mkdocs_config_with_its_search_off(projects):
    _, _, base, _, _ = projects
    config = yaml.safe_load((base / "zensical.yml").read_text(encoding="utf-8"))
    assert config["INHERIT"] == "mkdocs.yml"
    assert config["plugins"] == {"search": {"enabled": False}}
    assert config["markdown_extensions"] == ["toc", "tables", "fenced_code"]  # as MkDocs has them
    assert yaml.safe_load((base / "mkdocs.yml").read_text(encoding="utf-8"))["plugins"] == []


@pytest.fixture(scope="module")
def built(projects):
    """Every anchor built with the benchmark's own commands, as `./dev bench` runs them."""
    work, data, base, hugo, _ = projects
    jobs = run.build_jobs(work / "ours", base, hugo, work, with_search=False, anchors=True)
    sites = {}
    for name in ("baseline", "zensical", "hugo"):
        project, site, command, _ = jobs[name]
        run.run_measured(command, project)
        sites[name] = site
    return data, sites


@pytest.mark.parametrize("anchor", ["baseline", "zensical", "hugo"])
def test_each_anchor_builds_every_page_with_its_title_and_text(built, anchor):
    data, sites = built
    site = sites[anchor]
    for (kind, stem), record in _records(data).items():
        page = site / kind / f"{stem}.html"
        assert page.is_file(), (anchor, kind, stem)
        markup = page.read_text(encoding="utf-8")
        headings = _H1.findall(markup)
        assert [_text(h).strip() for h in headings] == [_title(record)], (anchor, kind, stem)
        text = _text(markup)
        paragraphs = [p for key in ("summary", "description", "bio") for p in _plain(record.get(key))]
        assert paragraphs, (kind, stem)
        for paragraph in paragraphs:
            assert paragraph in text, (anchor, kind, stem)
        for stop in record.get("stops") or []:
            assert stop["teaching"] in text, (anchor, kind, stem)
    assert "基线" in _text((site / "index.html").read_text(encoding="utf-8"))


def test_zensical_builds_no_search_index(built):
    _, sites = built
    index = sites["zensical"] / "search.json"
    if index.exists():  # Zensical 0.0.73 writes the file even with search off: empty
        assert yaml.safe_load(index.read_text(encoding="utf-8"))["items"] == []


def test_hugo_writes_only_our_bare_pages(built):
    data, sites = built
    site = sites["hugo"]
    written = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    expected = {f"{kind}/{stem}.html" for kind, stem in _records(data)} | {"index.html"}
    assert written == expected  # no theme, CSS, scripts, RSS, sitemap, section or taxonomy pages


def test_a_missing_anchor_tool_stops_the_run(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no hugo on it
    with pytest.raises(run.BenchError, match="hugo"):
        run.anchor_tools()
    with pytest.raises(run.BenchError, match="hugo"):  # before any catalog is generated
        run.main(["--sizes", "1", "--no-browser", "--out", str(tmp_path / "out")])
    assert not (tmp_path / "out").exists()


def test_a_builds_peak_memory_is_its_own_not_the_benchmarks(tmp_path):
    held = bytearray(100 * 1024 * 1024)  # this process's peak is now above 100 MB
    for i in range(0, len(held), 4096):
        held[i] = 1
    ours = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    idle = run.run_measured(["true"], tmp_path)["maxrss_mb"]
    touch = "b = bytearray(150 * 1024 * 1024)\nfor i in range(0, len(b), 4096): b[i] = 1\n"
    busy = run.run_measured([sys.executable, "-c", touch], tmp_path)["maxrss_mb"]
    assert idle < 30 and ours > 100  # a child forked from this process would start at our peak
    assert busy >= 150


def test_the_anchor_table_puts_each_tool_beside_ours():
    def build(wall, cpu, rss, pages, size):
        return {"wall_s": wall, "cpu_s": cpu, "maxrss_mb": rss, "site": {"html_pages": pages, "bytes": size}}

    entry = {
        "n": 1000,
        "build": {
            "ours": build(12.0, 12.0, 160, 1611, 40 * 1024 * 1024),
            "baseline": build(4.0, 4.0, 60, 1595, 16 * 1024 * 1024),
            "zensical": build(3.0, 5.5, 120, 1595, 20 * 1024 * 1024),
            "hugo": build(0.5, 0.9, 50, 1594, 3 * 1024 * 1024),
        },
    }
    head, rows = anchor_table([entry])
    assert head == [
        "N",
        "我方 s",
        "MkDocs 基线 s",
        "Zensical s",
        "Hugo s",
        "我方/MkDocs 基线",
        "我方/Zensical",
        "我方/Hugo",
        "按 CPU 我方/… MkDocs 基线 / Zensical / Hugo",
        "CPU s 我方 / MkDocs 基线 / Zensical / Hugo",
        "峰值内存 MB 我方 / MkDocs 基线 / Zensical / Hugo",
        "HTML 页 MkDocs 基线 / Zensical / Hugo",
        "站点 MB MkDocs 基线 / Zensical / Hugo",
    ]
    assert rows == [
        [
            "1,000",
            "12.0",
            "4.00",
            "3.00",
            "0.50",
            "3.00",
            "4.00",
            "24.00",
            "3.00 / 2.18 / 13.33",
            "12.0 / 4.0 / 5.5 / 0.9",
            "160 / 60 / 120 / 50",
            "1,595 / 1,595 / 1,594",
            "16.0 / 20.0 / 3.0",
        ]
    ]
