"""Shared test fixtures: small real catalogs written to temporary folders."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

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
    for kind in ("courses", "teachers", "sites", "routes"):
        (root / kind).mkdir(exist_ok=True)
    for rel, content in {**(MINIMAL if base else {}), **files}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture
def make_catalog(tmp_path):
    def make(files: dict[str, str | bytes] | None = None, *, base: bool = True) -> Path:
        return write_catalog(tmp_path / "catalog", files or {}, base=base)

    return make
