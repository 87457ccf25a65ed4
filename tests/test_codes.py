"""The problem-code table (catalog/core/codes.py) against the engine's source, the corpus and the guide.

The source is read with `ast`: every `problem(...)` call names a code (and variant) of the
table with literal strings and passes exactly the values its templates need; every row of
the table is used; nothing in catalog/ builds a problem without the table.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from catalog.cli import main
from catalog.core.codes import CODES, GROUPS, Code, problem
from catalog.core.problems import Severity
from catalog.editors.problem_guide import BEGIN, END, generated_part, markdown, update_guide

ROOT = Path(__file__).resolve().parent.parent
ENGINE = ROOT / "catalog"
GUIDE = ROOT / "docs" / "editor-guide.md"
CORPUS = ROOT / "tests" / "corpus" / "cases.yml"
LOW_LEVEL = {"error", "warning", "Problem"}  # the builders the table replaces
PLACEHOLDER = re.compile(r"\{\w*(?:[.!:][^{}]*)?\}")  # a template field left unfilled
ALLOWED_LOW_LEVEL = {ENGINE / "core" / "problems.py", ENGINE / "core" / "codes.py"}


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _calls() -> list[tuple[str, ast.Call]]:
    found = []
    for path in sorted(ENGINE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                found.append((f"{path.relative_to(ROOT)}:{node.lineno}", node))
    return found


def _problem_calls() -> list[tuple[str, ast.Call, tuple[str, str], set[str]]]:
    """(where, call, (code, variant), keyword names) for every `problem(...)` call in catalog/."""
    found = []
    for where, call in _calls():
        if _name(call.func) != "problem" or not isinstance(call.func, ast.Name):
            continue
        first = call.args[0] if call.args else None
        assert isinstance(first, ast.Constant) and isinstance(first.value, str), f"{where}: code not literal"
        keywords = {k.arg: k.value for k in call.keywords}
        assert None not in keywords, f"{where}: no **values: the test must see every name"
        variant = keywords.get("variant")
        if variant is not None:
            assert isinstance(variant, ast.Constant), f"{where}: variant not literal"
        key = (first.value, variant.value if isinstance(variant, ast.Constant) else "")
        names = {str(name) for name in keywords} - {"variant", "hint"}
        found.append((where, call, key, names))
    return found


def test_source_scan_finds_the_call_sites():
    calls = _problem_calls()
    files = {where.split(":")[0] for where, *_ in calls}
    assert len(calls) > 100
    assert len(files) >= 14  # load, vocabulary, tabular, importing, orders…


def test_every_code_written_in_the_engine_is_in_the_table():
    unknown = [f"{where}: {key}" for where, _, key, _ in _problem_calls() if key not in CODES]
    assert not unknown


def test_every_row_of_the_table_is_used():
    used = {key for _, _, key, _ in _problem_calls()}
    assert not [key for key in CODES if key not in used]


def test_every_call_passes_exactly_the_values_of_its_templates():
    wrong = []
    for where, _, key, names in _problem_calls():
        needed = CODES[key].placeholders()
        if names != needed:
            wrong.append(f"{where} {key}: missing {sorted(needed - names)}, extra {sorted(names - needed)}")
    assert not wrong


def test_no_problem_is_built_without_the_table():
    outside = [
        where
        for where, call in _calls()
        if _name(call.func) in LOW_LEVEL
        and isinstance(call.func, ast.Name)
        and ROOT / where.split(":")[0] not in ALLOWED_LOW_LEVEL
    ]
    assert not outside


def _rows() -> list[Code]:
    return [code for group in GROUPS for code in group.codes]


def test_every_row_has_a_unique_key_and_says_what_it_means():
    rows = _rows()
    assert len(rows) == len(CODES)  # no (code, variant) written twice
    for code in rows:
        assert code.title and code.what_to_do(), code.key
        assert code.severity in (Severity.ERROR, Severity.WARNING)


def test_the_variants_of_a_code_are_listed_together():
    order = [code.code for code in _rows()]
    for name in set(order):
        first = order.index(name)
        count = order.count(name)
        if order[first : first + count] != [name] * count:
            assert name in ("unknown-ref", "duplicate-id"), name  # also met when importing a sheet


@pytest.mark.parametrize("code", _rows(), ids=lambda c: f"{c.code}/{c.variant}" if c.variant else c.code)
def test_every_example_renders_with_exactly_its_values(code: Code):
    assert set(code.example.values) == code.placeholders()
    sample = code.sample()
    assert sample.code == code.code and sample.severity is code.severity
    assert sample.message and not PLACEHOLDER.search(sample.message + sample.hint)
    assert sample.text().startswith(f"{code.example.path}:{code.example.line}:{code.example.column}: ")


def test_problem_takes_severity_message_and_hint_from_the_table():
    found = problem("fullwidth-colon", "courses/a.yml", 3, 8, field="title")
    assert found.text() == (
        "courses/a.yml:3:8: error: 字段 title 后面用了全角冒号“：”；YAML 需要半角冒号“:”（full-width colon）"
        "（建议：改成 `title: 值`（半角冒号后加一个空格））"
    )
    computed = problem(
        "unknown-ref",
        "courses/a.yml",
        7,
        5,
        hint="是不是想写：li-ming？",
        what="师资",
        id="li-mign",
        folder="teachers",
    )
    assert computed.hint == "是不是想写：li-ming？"
    assert (
        problem(
            "order-missing-column", "a.csv", 1, 1, variant="optional", names="备注", expected="x"
        ).severity
        == "warning"
    )


def test_every_code_the_corpus_expects_is_in_the_table():
    cases = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    table = {(code.code, str(code.severity)) for code in _rows()}
    expected = {
        (case["expect"][0], case.get("severity", "error")) for case in cases if case["expect"] != "ok"
    }
    assert expected
    assert not expected - table


def test_the_guide_lists_every_code_as_the_table_says():
    text = GUIDE.read_text(encoding="utf-8")
    assert generated_part(text) == markdown(), "run: ./dev catalog codes --update docs/editor-guide.md"
    section = text[text.index("## 六、") : text.index("## 七、")]
    assert BEGIN in section and END in section  # the list stands in its section
    for code in _rows():
        assert code.sample().text() in section


def test_update_writes_the_generated_part_between_the_markers(tmp_path):
    guide = tmp_path / "guide.md"
    guide.write_text(f"# 指南\n\n手写的说明\n\n{BEGIN}\n旧的列表\n{END}\n\n## 下一节\n", encoding="utf-8")
    assert update_guide(guide)
    text = guide.read_text(encoding="utf-8")
    assert text.startswith("# 指南\n\n手写的说明\n\n") and text.endswith(f"{END}\n\n## 下一节\n")
    assert generated_part(text) == markdown()
    assert not update_guide(guide)  # already current: left alone


def test_codes_command(capsys, tmp_path):
    assert main(["codes"]) == 0
    listing = capsys.readouterr().out
    assert all(code.code in listing for code in _rows())
    assert main(["codes", "tab-indent"]) == 0
    assert "用 Tab 缩进了" in capsys.readouterr().out
    assert main(["codes", "--markdown"]) == 0
    assert capsys.readouterr().out == markdown()
    assert main(["codes", "tab-indnet"]) == 2
    assert "tab-indent" in capsys.readouterr().err
    missing = tmp_path / "no-markers.md"
    missing.write_text("# 没有标记\n", encoding="utf-8")
    assert main(["codes", "--update", str(missing)]) == 2
