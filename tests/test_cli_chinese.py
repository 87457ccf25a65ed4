"""Every command speaks Chinese: `--help` of each command and argparse's usage errors.

The only Latin words allowed in help are what a person types (the command and option
names, the values of choices) and names of things (CSV, Excel, YAML…), listed here.
"""

from __future__ import annotations

import argparse
import re

import pytest

from catalog.cli import build_parser, main

NAMES = {  # names of things, of files and folders, and values a person types
    "catalog", "CSV", "Excel", "WPS", "JSON", "Schema", "Markdown", "YAML", "Zensical", "git", "HEAD",
    "mkdocs", "yml", "xlsx", "csv", "md", "main", "origin", "docs", "editor", "guide", "dispatch",
    "vocabulary", "courses", "course", "teacher", "site", "route", "id", "out",
    "fullwidth", "colon", "directions", "wang", "yan",  # wang-yan-2: an id in an example
}  # fmt: skip


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {"": parser, **action.choices}


def _typed(parser: argparse.ArgumentParser) -> set[str]:
    """What a person types: option names and choices (split into words)."""
    words = set()
    for action in parser._actions:
        for text in [*action.option_strings, *(action.choices or [])]:
            words |= set(re.findall(r"[A-Za-z]+", str(text)))
    return words


@pytest.mark.parametrize("name", list(_commands()))
def test_help_is_chinese(name, capsys):
    with pytest.raises(SystemExit) as done:
        main([name, "--help"] if name else ["--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith("用法：catalog")
    for english in ("usage", "positional arguments", "options:", "show this help", "optional arguments"):
        assert english not in text, english
    parser = _commands()[name]
    allowed = NAMES | _typed(parser) | set(_commands())
    latin = {word for word in re.findall(r"[A-Za-z]{2,}", text)} - allowed
    assert latin == set(), (name, latin)


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["orders"], "缺少参数：文件"),
        (["check", "--format", "xml"], "--format 不能是 'xml'，可选："),
        (["check", "--nope"], "不认识的参数：--nope"),
        (["demo", "--scale"], "--scale 后面要写一个值"),
        (["plan"], "缺少参数：文件"),
        (["nothing"], "命令 不能是 'nothing'，可选："),
    ],
)
def test_usage_errors_are_chinese_and_exit_2(argv, said, capsys):
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("用法：catalog") and f"catalog: 用法错误（usage error）：{said}" in err
