"""The quick reader (libyaml's events straight into values) gives what the careful one gives.

`read_source` reads a file the quick way and composes its positions only when a message asks
for one; anything unusual goes to the careful reader (nodes with marks). These tests hold the
quick reader to the careful one, `yamlsource._Builder`, the reader every message and position
of the bad-input corpus was written against: the same data for every file both read, the same
positions once composed, and a hand-over for every construct the careful reader reports.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from catalog.load import yamlsource
from catalog.load.yamlsource import SourceFile, _build, _quick_data, read_source
from tests.conftest import ROOT

CORPUS = Path(__file__).parent / "corpus"
RECORD_FILES = sorted(
    path
    for folder in ("courses", "teachers", "sites", "routes", "bundles")
    for base in (ROOT, CORPUS)
    for path in (base / folder).glob("*.y*ml")
)


def careful(text: str) -> SourceFile:
    """What the careful reader alone gives for a text (data and every position)."""
    source = SourceFile("x.yml")
    _build(source, yaml.compose(text, Loader=yamlsource._Loader), text, None)
    return source


def text_of(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def test_there_are_files_to_compare():
    assert len(RECORD_FILES) > 60


@pytest.mark.parametrize("path", RECORD_FILES, ids=[f"{p.parent.name}/{p.name}" for p in RECORD_FILES])
def test_quick_data_is_the_careful_data(path):
    text = text_of(path)
    if text is None or "*" in text:
        return  # read_source never gives these to the quick reader
    quick = _quick_data(text)
    if quick is None:
        return  # handed over: the careful reader reads it
    reference = careful(text)
    assert reference.problems == []  # a file with a problem is never read quickly
    assert repr(quick) == repr(reference.data)  # repr: NaN (hours: .nan) is not equal to itself
    assert [type(v) for v in _leaves(quick)] == [type(v) for v in _leaves(reference.data)]


def test_the_project_records_are_read_quickly_and_positions_come_when_asked():
    path = ROOT / "courses" / sorted(p.name for p in (ROOT / "courses").glob("*.yml"))[0]
    source = read_source(path, "courses/" + path.name)
    assert source.pending is not None and source.values == {}  # quick: nothing composed yet
    reference = careful(path.read_text(encoding="utf-8"))
    assert source.position(("title",)) == reference.values[("title",)]
    assert source.pending is None
    assert source.values == reference.values and source.keys == reference.keys


HANDED_OVER = {
    "anchor": "title: &a 党史\nsummary: 一\n",
    "alias": "title: &a 党史\nsummary: *a\n",
    "duplicate key": "title: 一\ntitle: 二\n",
    "merge key": "base: {a: 1}\n<<: {b: 2}\n",
    "tag": "hours: !!str 3\n",
    "a key that is not text": "? [a, b]\n: 1\n",
    "a flow mapping key": "{a: 1}: 2\n",
    "not a mapping": "- 一\n- 二\n",
    "a scalar": "党史\n",
    "two documents": "title: 一\n---\ntitle: 二\n",
    "an impossible date": "reviewed: 2026-02-30\n",
    "deep nesting": "a: " + "[" * 40 + "]" * 40 + "\n",
    "a merge value": "a: <<\n",
    "a syntax error": "title: [一\n",
}


@pytest.mark.parametrize("text", HANDED_OVER.values(), ids=HANDED_OVER.keys())
def test_the_unusual_goes_to_the_careful_reader(text):
    assert _quick_data(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "yes: 1\nno: true\n1: a\n~: b\nnull: c\n2024-01-01: d\n",  # keys as written, values resolved
        "a: \nb: ~\nc: 0x1f\nd: 0o17\ne: 1_000\nf: .inf\ng: -.nan\nh: 2024-05-01 10:30:00\n",
        'a: "1"\nb: \'true\'\nc: |\n  多行\n  文字\nd: >\n  折叠\ne: [1, "2", {x: y}]\n',
        "a:\n  - b:\n      - c: 1\n",
    ],
)
def test_keys_and_values_as_the_careful_reader_gives_them(text):
    quick = _quick_data(text)
    assert quick is not None
    if any(v != v for v in _leaves(quick)):  # NaN is not equal to itself
        assert repr(quick) == repr(careful(text).data)
    else:
        assert quick == careful(text).data


def _leaves(value: object) -> list[object]:
    if isinstance(value, dict):
        return [leaf for item in value.items() for part in item for leaf in _leaves(part)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value]
