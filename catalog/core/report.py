"""Problems as a person reads them: identical ones once, reminders summarised, a summary line.

`catalog check`, `catalog import` and the build log print problems for people. When hundreds
of files share one problem (847 courses whose category is 未分类) or one reminder (963 sites
that nothing uses yet), one line per file buries the problem that matters. `grouped` prints
identical problems once, with how many places share it and where else it stands, and a
reminder whose code the table marks with a `summary` once, counted. `every=True` (`--all`)
prints one line per problem again. The formats for tools (JSON, GitHub, GitLab:
catalog.core.problems.RENDERERS) are always complete, one entry per problem.
"""

from __future__ import annotations

from dataclasses import dataclass

from catalog.core.codes import CODES
from catalog.core.problems import Problem

GROUP_FROM = 4  # identical problems in this many places or more are printed once
EXAMPLES = 2  # other places named beside the first
ALL_HINT = "加 --all 逐条列出"
CHECK_ALL_HINT = "运行 catalog check --all 逐条列出"  # where the command has no --all (the build)


@dataclass(frozen=True)
class Line:
    """One line of the report, and the first problem it stands for (its severity, its place)."""

    problem: Problem
    text: str


def _summaries() -> dict[str, str]:
    return {code.code: code.summary for code in CODES.values() if code.summary}


def _place(p: Problem) -> str:
    return f"{p.path}:{p.line}:{p.column}"


def grouped(problems: list[Problem], *, every: bool = False, more: str = ALL_HINT) -> list[Line]:
    """The report's lines, in the order of the problems (a group where its first one stands)."""
    if every:
        return [Line(p, p.text()) for p in problems]
    summaries = _summaries()

    def key(p: Problem) -> tuple:
        if p.code in summaries:
            return (p.severity, p.code)
        return (p.severity, p.code, p.message, p.hint)

    members: dict[tuple, list[Problem]] = {}
    for p in problems:
        members.setdefault(key(p), []).append(p)
    lines: list[Line] = []
    for p in problems:
        group = members[key(p)]
        if len(group) < GROUP_FROM:
            lines.append(Line(p, p.text()))
        elif group[0] is p:
            lines.append(Line(p, _group_line(group, summaries.get(p.code, ""), more)))
    return lines


def _group_line(group: list[Problem], summary: str, more: str) -> str:
    first = group[0]
    files = len({p.path for p in group})
    hint = f"（建议：{first.hint}）" if first.hint else ""
    if summary:
        examples = "、".join(p.path for p in group[: EXAMPLES + 1])
        text = f"{summary.format(count=files)}，例如 {examples}……{hint}；{more}"
        return f"{_place(first)}: {first.severity}: {text}"
    count = f"{files} 个文件" if files == len(group) else f"{len(group)} 处（{files} 个文件）"
    others = "、".join(_place(p) for p in group[1 : EXAMPLES + 1])
    return f"{first.text()}〔同样的问题共 {count}，另如 {others}……；{more}〕"


def render_grouped(problems: list[Problem], *, every: bool = False, more: str = ALL_HINT) -> str:
    return "\n".join(line.text for line in grouped(problems, every=every, more=more))


def summary(problems: list[Problem], records: int, files: int | None = None) -> str:
    """The last line of a check: files read, records valid, errors and warnings, counted right.

    `files` is the number of record files read (valid or not); with 7 files of which 6 have
    errors, it says so, not "1 条记录".
    """
    errors = [p for p in problems if p.is_error]
    warnings = len(problems) - len(errors)
    verdict = "未通过" if errors else "通过"
    read = f"{records} 条记录"
    if files is not None and files != records:
        read = f"{files} 个记录文件，{records} 条有效，{files - records} 个有错误未能读成记录"
    where = f"（在 {len({p.path for p in errors})} 个文件里）" if errors else ""
    return f"检查{verdict}：{read}；{len(errors)} 个错误{where}，{warnings} 个警告。"
