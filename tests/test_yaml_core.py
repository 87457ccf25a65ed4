"""Every YAML the project reads resolves plain scalars as YAML 1.2 core (catalog/load/yamlcore.py).

Tested at the level of "this file gives this value or this message", through the loaders
editors use: records, vocabulary.yml and dispatch/ plans (`check_catalog`). mkdocs.yml's
`extra.menu` is tested with real builds in tests/test_build_guarantees.py
(`test_a_wrong_menu_setting_is_a_message_not_a_traceback`), the corpus has one case per
scalar form (tests/corpus/cases.yml, "YAML 1.2 core scalars").
"""

from __future__ import annotations

from catalog.load.validate import check_catalog
from tests.test_orders import EXTRA, A
from tests.test_plan import COURSE, NA, _problems, plan

COURSE_TEXT = """
    title: 党史课
    category: 党史学习
    summary: 一堂课。
    hours: {hours}
    formats: [讲授式]
    audiences: [新党员]
    teachers: [li-ming]
    sites: [hall-a]
    keywords: [yes, no, on, off, 1:30, 0x1F, 1_000, "=", y]
    reviewed: 2026-01-10
"""


def test_record_values_are_read_as_yaml_1_2(make_catalog):
    root = make_catalog({"courses/core.yml": COURSE_TEXT.format(hours="012")})
    result = check_catalog(root)
    assert [p.text() for p in result.errors] == []
    course = result.catalog.get("courses", "core")
    assert course.hours == 12  # decimal, not octal 10
    # YAML 1.1 would give True, False, True, False, 90, 31, 1000: Pydantic would refuse or keep them
    assert course.keywords == ["yes", "no", "on", "off", "1:30", "0x1F", "1_000", "=", "y"]


def test_numbers_yaml_1_1_would_read_are_refused(make_catalog):
    for written in ("1:30", "0x1F", "0o7", "1_0", '"2"', "yes", "+.inf"):
        root = make_catalog({"courses/core.yml": COURSE_TEXT.format(hours=written)})
        found = [(p.path, p.line, p.code) for p in check_catalog(root).errors]
        expected_code = "out-of-range" if written == "+.inf" else "wrong-type"
        assert found == [("courses/core.yml", 4, expected_code)], written


def test_true_or_false_only_for_a_switch(make_catalog):
    site = "name: 点位\nlevel: 区级阵地\nregion: 蠡园街道\nreviewed: 2026-01-10\nguide: {guide}\n"
    for written, value in (("true", True), ("False", False), ("TRUE", True)):
        result = check_catalog(make_catalog({"sites/s.yml": site.format(guide=written)}))
        assert result.errors == [] and result.catalog.get("sites", "s").guide is value, written
    for written in ("yes", "no", "on", "off", "y", "1", '"true"'):
        result = check_catalog(make_catalog({"sites/s.yml": site.format(guide=written)}))
        messages = [p.text() for p in result.errors]
        assert len(messages) == 1
        assert messages[0].startswith("sites/s.yml:5:8: error: guide 应当是“true”或“false”")


def test_vocabulary_values_are_words(make_catalog, tmp_path):
    """`on` and `no` in vocabulary.yml are values named so, which records can use."""
    root = make_catalog({"courses/core.yml": COURSE_TEXT.format(hours="2").replace("[讲授式]", "[on, 1:30]")})
    vocabulary = root / "vocabulary.yml"
    text = vocabulary.read_text(encoding="utf-8")
    vocabulary.write_text(text.replace("formats:\n", "formats:\n  - on\n  - 1:30\n", 1), encoding="utf-8")
    result = check_catalog(root)
    assert [p.text() for p in result.problems if p.is_error] == []
    assert result.catalog.get("courses", "core").formats == ["on", "1:30"]


def test_plan_numbers_are_decimal(make_catalog):
    for written in ("0x1E", "3:0", "1_0"):
        text = plan(A, COURSE.replace("participants: 30", f"participants: {written}"))
        root = make_catalog({**EXTRA, f"dispatch/{NA}.yml": text})
        assert _problems(root) == [(f"dispatch/{NA}.yml", 9, 19, "wrong-type", "error")], written
    text = plan(A, COURSE.replace("participants: 30", "participants: 030"))
    root = make_catalog({**EXTRA, f"dispatch/{NA}.yml": text})
    assert _problems(root) == []
    assert check_catalog(root).plan.orders[NA].items[0].participants == 30
