"""Field, vocabulary and reference checks across the whole catalog."""

from __future__ import annotations

import datetime as dt

from catalog import check_catalog


def problems_at(root, path, code):
    return [p for p in check_catalog(root).problems if p.path == path and p.code == code]


def edit(root, rel, old, new):
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_unknown_field_suggests_the_near_one(make_catalog):
    root = make_catalog()
    edit(root, "courses/party-history.yml", "hours: 2", "hours: 2\ntitel: x")
    [problem] = problems_at(root, "courses/party-history.yml", "unknown-field")
    assert (problem.line, problem.column) == (5, 1)
    assert "titel" in problem.message and "title" in problem.hint


def test_missing_field_names_the_field_and_its_meaning(make_catalog):
    root = make_catalog()
    edit(root, "courses/party-history.yml", "title: 百年党史中的初心使命\n", "")
    [problem] = problems_at(root, "courses/party-history.yml", "missing-field")
    assert "title" in problem.message and "课程名称" in problem.hint


def test_wrong_type_and_range_point_at_the_value(make_catalog):
    root = make_catalog()
    edit(root, "courses/party-history.yml", "hours: 2", "hours: 两小时")
    [problem] = problems_at(root, "courses/party-history.yml", "wrong-type")
    assert (problem.line, problem.column) == (4, 8)
    edit(root, "courses/party-history.yml", "hours: 两小时", "hours: -1")
    [problem] = problems_at(root, "courses/party-history.yml", "out-of-range")
    assert "必须大于 0" in problem.message


def test_vocabulary_value_with_suggestion(make_catalog):
    root = make_catalog()
    edit(root, "courses/party-history.yml", "formats: [讲授式]", "formats: [讲授, 研讨式]")
    [problem] = problems_at(root, "courses/party-history.yml", "unknown-value")
    assert (problem.line, problem.column) == (5, 11)
    assert "讲授式" in problem.hint and "vocabulary.yml" in problem.hint


def test_unknown_teacher_id_suggests_nearest(make_catalog):
    root = make_catalog()
    edit(root, "courses/party-history.yml", "teachers: [li-ming]", "teachers: [li-mign]")
    [problem] = problems_at(root, "courses/party-history.yml", "unknown-ref")
    assert (problem.line, problem.column) == (7, 12)
    assert "li-mign" in problem.message and "li-ming" in problem.hint


def test_reference_checked_even_when_record_has_other_errors(make_catalog):
    root = make_catalog()
    edit(root, "courses/party-history.yml", "teachers: [li-ming]", "teachers: [nobody]\nbad: 1")
    codes = {p.code for p in check_catalog(root).problems if p.path == "courses/party-history.yml"}
    assert {"unknown-ref", "unknown-field"} <= codes


def test_route_stop_references(make_catalog):
    root = make_catalog()
    edit(root, "routes/red-line.yml", "course: party-history", "course: party-histroy")
    edit(root, "routes/red-line.yml", "site: hall-b", "site: hall-c")
    found = problems_at(root, "routes/red-line.yml", "unknown-ref")
    assert [(p.line, p.column) for p in found] == [(9, 13), (10, 11)]
    assert "party-history" in found[0].hint and "hall-b" in found[1].hint


def test_bad_ids_and_collisions(make_catalog):
    root = make_catalog(
        {
            "courses/Wang Fang.yml": "title: x\n",
            "courses/党史.yml": "title: x\n",
            "sites/hall-a.yaml": "name: x\n",
        }
    )
    problems = check_catalog(root).problems
    by_path = {p.path: p.code for p in problems}
    assert by_path["courses/Wang Fang.yml"] == "bad-id"
    assert by_path["courses/党史.yml"] == "bad-id"
    assert "wang-fang.yml" in next(p.hint for p in problems if p.path == "courses/Wang Fang.yml")
    # hall-a.yaml sorts first and keeps the id; the later twin is the one reported
    [twin] = [p for p in problems if p.path == "sites/hall-a.yml"]
    assert twin.code == "duplicate-id"
    assert "sites/hall-a.yaml" in twin.message
    assert "duplicate-id" not in [p.code for p in problems if p.path == "sites/hall-a.yaml"]


def test_other_files_in_data_folders_are_reported(make_catalog):
    root = make_catalog({"courses/list.xlsx": b"PK", "teachers/photos/a.png": b"x"})
    problems = check_catalog(root).problems
    assert [p.code for p in problems if p.path == "courses/list.xlsx"] == ["not-a-record"]
    assert not [p for p in problems if p.path.startswith("teachers/photos")]


def test_yaml_extension_loads(make_catalog):
    root = make_catalog()
    (root / "teachers/li-ming.yml").rename(root / "teachers/li-ming.yaml")
    result = check_catalog(root)
    assert result.ok and "li-ming" in result.catalog.teachers


def test_warnings_do_not_fail(make_catalog):
    root = make_catalog(
        {
            "teachers/idle.yml": """
                name: 闲置
                post: 讲师
                organisation: 党校
                level: 区级
                type: 专家学者
                directions: [政治理论]
                reviewed: 2020-03-01
            """,
        }
    )
    result = check_catalog(root, today=dt.date(2026, 11, 26))
    codes = {p.code for p in result.problems if p.path == "teachers/idle.yml"}
    assert codes == {"idle-teacher", "stale-review"}
    assert result.ok


def test_unused_site_warning(make_catalog):
    root = make_catalog()
    edit(root, "routes/red-line.yml", "site: hall-b", "site: hall-a")
    assert problems_at(root, "sites/hall-b.yml", "unused-site")


def test_derived_relations(make_catalog):
    catalog = check_catalog(make_catalog()).catalog
    assert [c.id for c in catalog.teacher_courses("li-ming")] == ["party-history"]
    assert [r.id for r in catalog.site_routes("hall-b")] == ["red-line"]
    assert [r.id for r in catalog.course_routes("party-history")] == ["red-line"]
    route = catalog.routes["red-line"]
    assert route.total_minutes == 60 + 45 + 20
    assert catalog.route_capacity(route) == 40


def test_photo_outside_and_missing(make_catalog):
    root = make_catalog()
    edit(root, "teachers/li-ming.yml", "post:", "photo: ../../etc/passwd.png\npost:")
    assert problems_at(root, "teachers/li-ming.yml", "photo-outside")
    edit(root, "teachers/li-ming.yml", "../../etc/passwd.png", "teachers/photos/none.png")
    assert problems_at(root, "teachers/li-ming.yml", "photo-missing")
