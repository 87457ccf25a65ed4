"""The same place entered twice under two ids: `catalog check` warns, naming both files, and
`catalog import` asks the same question before it writes a row."""

from __future__ import annotations

import csv

from catalog import check_catalog
from catalog.core.wording import name_key
from catalog.editors.importing.sheet import import_sheet


def duplicates(root):
    return [p for p in check_catalog(root).problems if p.code == "duplicate-record"]


def test_names_compare_without_width_spaces_quotes_or_dashes():
    same = ["何叔衡故居", "“何叔衡”故居", "何叔衡\u3000故居", "何叔衡 故居", "何叔衡—故居", "何叔衡·故居"]
    assert {name_key(name) for name in same} == {"何叔衡故居"}
    assert name_key("ＡＢＣ党建馆") == name_key("abc党建馆")  # full-width letters, any case
    assert name_key("何叔衡故居") != name_key("何叔衡纪念馆")


def test_check_warns_on_the_second_file_and_names_the_first(make_catalog):
    root = make_catalog(
        {
            "sites/he-shuheng-former-residence.yml": "name: 何叔衡故居\nreviewed: 2026-01-10\n",
            "sites/he-shu-heng-gu-ju.yml": "name: “何叔衡”　故居\nreviewed: 2026-01-10\n",
            "sites/he-shuheng-memorial.yml": "name: 何叔衡纪念馆\nreviewed: 2026-01-10\n",
        }
    )
    [found] = duplicates(root)
    assert found.severity == "warning" and check_catalog(root).ok  # a warning: the build goes on
    assert (found.path, found.line, found.column) == ("sites/he-shuheng-former-residence.yml", 1, 7)
    assert "sites/he-shu-heng-gu-ju.yml" in found.message  # both files named


def test_same_name_people_of_two_units_are_two_people(make_catalog):
    teacher = "name: 王艳\norganisation: {org}\nreviewed: 2026-01-10\n"
    root = make_catalog(
        {
            "teachers/wang-yan.yml": teacher.format(org="滨湖区委党校"),
            "teachers/wang-yan-2.yml": teacher.format(org="胡埭镇党委"),
        }
    )
    assert duplicates(root) == []
    (root / "teachers" / "wang-yan-3.yml").write_text(teacher.format(org="滨湖区委党校"), encoding="utf-8")
    [found] = duplicates(root)
    assert found.path == "teachers/wang-yan-3.yml" and "teachers/wang-yan.yml" in found.message
    assert "organisation" in found.hint


def test_an_archived_record_of_the_same_name_is_not_a_duplicate(make_catalog):
    root = make_catalog(
        {
            "courses/old.yml": "title: 百年党史中的初心使命\nstatus: archived\nreviewed: 2026-01-10\n",
        }
    )
    assert duplicates(root) == []  # party-history has this title too, but old.yml is archived


def test_import_warns_when_a_row_repeats_a_record_already_there(make_catalog, tmp_path):
    root = make_catalog({"sites/he-shuheng-former-residence.yml": "name: 何叔衡故居\nreviewed: 2026-01-10\n"})
    sheet = tmp_path / "点位.csv"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [["点位名称", "地址"], ["何叔衡 故居", "宁乡市"], ["刘少奇故居", "宁乡市"]]
        )
    result = import_sheet(root, "sites", sheet)
    [found] = [p for p in result.problems if p.code == "duplicate-record"]
    assert (found.line, found.column) == (2, 1)
    assert "sites/he-shuheng-former-residence.yml" in found.message
    assert ("sites/he-shu-heng-gu-ju.yml", 2, "何叔衡故居") in result.written  # a warning: still written
    assert [p.path for p in duplicates(root)] == ["sites/he-shuheng-former-residence.yml"]  # check agrees
