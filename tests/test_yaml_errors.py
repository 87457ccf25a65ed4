"""Each kind of broken file gives one clear Chinese error at the right line and column."""

from __future__ import annotations

import pytest

from catalog import check_catalog


def errors_for(root, path):
    result = check_catalog(root)
    return [p for p in result.errors if p.path == path]


def only_error(root, path):
    found = errors_for(root, path)
    assert len(found) == 1, [p.text() for p in found]
    return found[0]


def test_minimal_catalog_is_valid(make_catalog):
    result = check_catalog(make_catalog())
    assert result.ok, [p.text() for p in result.problems]
    assert len(result.catalog) == 5


def test_gbk_file_is_named_and_resave_explained(make_catalog):
    text = "name: 王芳\npost: 讲师\n"
    root = make_catalog({"teachers/wang.yml": text.encode("gb18030")})
    problem = only_error(root, "teachers/wang.yml")
    assert problem.code == "encoding"
    assert (problem.line, problem.column) == (1, 7)
    assert "GBK" in problem.message and "UTF-8" in problem.hint


def test_utf8_bom_is_accepted(make_catalog):
    root = make_catalog()
    path = root / "courses/party-history.yml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert check_catalog(root).ok


REVIEWED = "reviewed: 2026-01-10\n"


def test_fullwidth_colon(make_catalog):
    root = make_catalog({"courses/c.yml": "title: 党史\nsummary：概要\nhours: 2\n" + REVIEWED})
    problem = only_error(root, "courses/c.yml")
    assert (problem.code, problem.line, problem.column) == ("fullwidth-colon", 2, 8)
    assert "全角冒号" in problem.message and "summary: 值" in problem.hint
    assert check_catalog(root).catalog.courses["c"].summary == "概要"  # read as it was meant


def test_fullwidth_colon_on_first_line(make_catalog):
    root = make_catalog({"courses/c.yml": "title：党史\n" + REVIEWED})
    problem = only_error(root, "courses/c.yml")
    assert (problem.code, problem.line) == ("fullwidth-colon", 1)


def test_fullwidth_space_indent(make_catalog):
    root = make_catalog({"courses/c.yml": "title: 党史\n\u3000\u3000summary: x\n" + REVIEWED})
    problem = only_error(root, "courses/c.yml")
    assert (problem.code, problem.line, problem.column) == ("fullwidth-space", 2, 1)
    assert check_catalog(root).catalog.courses["c"].summary == "x"


def test_tab_indentation(make_catalog):
    root = make_catalog({"courses/c.yml": "title: 党史\nformats:\n\t- 讲授式\n" + REVIEWED})
    problem = only_error(root, "courses/c.yml")
    assert (problem.code, problem.line, problem.column) == ("tab-indent", 3, 1)
    assert "Tab" in problem.message
    assert check_catalog(root).catalog.courses["c"].formats == ["讲授式"]


def test_missing_space_after_colon_is_reported_on_its_own_line(make_catalog):
    root = make_catalog({"courses/c.yml": "title: 党史\nhours:3\n" + REVIEWED})
    problem = only_error(root, "courses/c.yml")
    assert (problem.code, problem.line, problem.column) == ("no-space-after-colon", 2, 6)
    assert "hours: 值" in problem.hint
    assert check_catalog(root).catalog.courses["c"].hours == 3


def test_after_a_slip_the_files_other_problems_come_in_the_same_run(make_catalog):
    text = (
        "title: 党史\n"
        "category：党史学\n"  # a full-width colon, and a value not in the vocabulary
        "hours:2\n"
        "formats:\n"
        "\t- 讲授式\n"
        "teachers: [li-mign]\n"
        "reviewed: 2026-01-10\n"
    )
    root = make_catalog({"courses/c.yml": text})
    found = {(p.code, p.line, p.column) for p in errors_for(root, "courses/c.yml")}
    assert found == {
        ("fullwidth-colon", 2, 9),
        ("unknown-value", 2, 10),  # the value after the slip, at its column in the file
        ("no-space-after-colon", 3, 6),
        ("tab-indent", 5, 1),
        ("unknown-ref", 6, 12),
    }


def test_a_tab_that_stood_for_four_spaces_is_read_at_four(make_catalog):
    text = "name: 红线\nstops:\n  - site: hall-a\n\tminutes: 60\n  - site: hall-b\n" + REVIEWED
    root = make_catalog({"routes/r.yml": text})
    assert [p.code for p in errors_for(root, "routes/r.yml")] == ["tab-indent"]
    assert check_catalog(root).catalog.routes["r"].stops[0].minutes == 60  # under the first stop


def test_unclosed_quote_points_at_the_quote(make_catalog):
    root = make_catalog({"courses/c.yml": 'title: 党史\nsummary: "没有结尾\nhours: 2\n'})
    problem = only_error(root, "courses/c.yml")
    assert (problem.code, problem.line, problem.column) == ("yaml-syntax", 2, 10)
    assert "引号" in problem.message


def test_bad_indentation(make_catalog):
    root = make_catalog({"courses/c.yml": "title: 党史\n  summary: x\nhours: 2\n"})
    problem = only_error(root, "courses/c.yml")
    assert (problem.code, problem.line, problem.column) == ("yaml-syntax", 2, 10)
    assert problem.message.startswith("这里不能出现“: ”：缩进可能不对")


def test_duplicate_key_is_refused_with_both_lines(make_catalog):
    root = make_catalog({"teachers/li-ming.yml": "name: 李明\npost: 讲师\nname: 李鸣\n"})
    problems = errors_for(root, "teachers/li-ming.yml")
    duplicate = [p for p in problems if p.code == "duplicate-key"]
    assert len(duplicate) == 1
    assert (duplicate[0].line, duplicate[0].column) == (3, 1)
    assert "第 1 行" in duplicate[0].message


def test_empty_file(make_catalog):
    root = make_catalog({"courses/c.yml": "# 只有注释\n\n"})
    problem = only_error(root, "courses/c.yml")
    assert (problem.code, problem.line) == ("empty-file", 1)
    assert "空" in problem.message


def test_top_level_list(make_catalog):
    root = make_catalog({"courses/c.yml": "- title\n- summary\n"})
    problem = only_error(root, "courses/c.yml")
    assert problem.code == "not-mapping"


@pytest.mark.parametrize("text", ["a: &x [1]\nb: *x\n", "a: &x {k: 1}\nb:\n  <<: *x\n"])
def test_aliases_are_refused(make_catalog, text):
    root = make_catalog({"courses/c.yml": text})
    codes = [p.code for p in errors_for(root, "courses/c.yml")]
    assert "alias" in codes


def test_billion_laughs_is_cheap(make_catalog):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    root = make_catalog({"courses/c.yml": "\n".join(lines) + "\n"})
    problems = errors_for(root, "courses/c.yml")
    assert any(p.code == "alias" and p.line == 2 for p in problems)


def test_nonexistent_date(make_catalog):
    root = make_catalog()
    path = root / "courses/party-history.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("2026-01-10", "2025-02-30"), "utf-8")
    problem = only_error(root, "courses/party-history.yml")
    assert (problem.code, problem.line) == ("bad-value", 9)
    assert "日期不存在" in problem.message


def test_several_files_all_reported_in_one_run(make_catalog):
    root = make_catalog(
        {
            "courses/a.yml": "title：x\n",
            "courses/b.yml": b"\xd6\xd0\xce\xc4: x\n",
            "courses/c.yml": "",
        }
    )
    paths = {p.path for p in check_catalog(root).errors}
    assert {"courses/a.yml", "courses/b.yml", "courses/c.yml"} <= paths
