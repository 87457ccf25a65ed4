"""`catalog codes`: the problem codes for editors, and the editor guide's list generated from them.

The list in docs/editor-guide.md (section 六) stands between two marker comments and is
written from the table in catalog.core.codes: `catalog codes --update docs/editor-guide.md`
rewrites it, and tests/test_codes.py fails when the guide and the table disagree.
"""

from __future__ import annotations

import sys
from pathlib import Path

from catalog.core.codes import CODES, GROUPS, SEVERITY_WORDS, Code
from catalog.core.suggest import did_you_mean

BEGIN = "<!-- problem-codes: begin. 以下由 `catalog codes --update docs/editor-guide.md` 生成，请勿手改 -->"
END = "<!-- problem-codes: end -->"


def _prose(text: str) -> str:
    """Text for a Markdown paragraph: code spans kept, other special characters escaped."""
    parts = text.split("`")
    for i in range(0, len(parts), 2):  # outside code spans
        part = parts[i].replace("\\", "\\\\").replace("<", "&lt;")
        for char in "*_[]":
            part = part.replace(char, "\\" + char)
        parts[i] = part
    return "`".join(parts)


def _entry(code: Code) -> list[str]:
    severity = SEVERITY_WORDS[code.severity]
    return [
        f"**{_prose(code.title)}**（`{code.code}`，{severity}）",
        "",
        "```text",
        code.sample().text(),
        "```",
        "",
        f"怎么改：{_prose(code.what_to_do())}",
        "",
    ]


def markdown() -> str:
    """The generated part of the guide: every code, by group, with its example and what to do."""
    lines: list[str] = []
    for group in GROUPS:
        lines += [f"### {group.title}", "", _prose(group.intro), ""]
        for code in group.codes:
            lines += _entry(code)
    return "\n".join(lines)


def generated_part(text: str) -> str | None:
    """What stands between the markers of `text` (None when they are missing)."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        return None
    return text[start + len(BEGIN) : end].strip("\n") + "\n"


def update_guide(path: Path) -> bool:
    """Rewrite the generated part of the guide at `path`; False when it was already current."""
    text = path.read_text(encoding="utf-8")
    if generated_part(text) is None:
        raise ValueError(f"{path} 里没有标记 {BEGIN} … {END}")
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    updated = text[:start] + "\n\n" + markdown() + "\n" + text[end:]
    if updated == text:
        return False
    path.write_text(updated, encoding="utf-8", newline="\n")
    return True


def _describe(code: Code) -> str:
    severity = SEVERITY_WORDS[code.severity]
    return "\n".join(
        (
            f"{code.code}（{severity}）：{code.title}",
            f"  例：{code.sample().text()}",
            f"  怎么改：{code.what_to_do()}",
        )
    )


def run_codes(code: str | None, *, markdown_out: bool, update: Path | None) -> int:
    """`catalog codes`: list every code, explain one, print or update the guide's list."""
    if update is not None:
        try:
            changed = update_guide(update)
        except (OSError, ValueError) as exc:
            print(f"catalog: 无法更新编辑指南（cannot update）：{exc}", file=sys.stderr)
            return 2
        print(f"已更新 {update}" if changed else f"{update} 已是最新，没有改动")
        return 0
    if markdown_out:
        print(markdown(), end="")
        return 0
    if code is not None:
        found = [entry for entry in CODES.values() if entry.code == code]
        if not found:
            known = sorted({entry.code for entry in CODES.values()})
            print(
                f"catalog: 没有这个问题代码（unknown code）：{code}。{did_you_mean(code, known)}",
                file=sys.stderr,
            )
            return 2
        print("\n\n".join(_describe(entry) for entry in found))
        return 0
    for group in GROUPS:
        print(group.title)
        for entry in group.codes:
            print(f"  {entry.code:<24} {SEVERITY_WORDS[entry.severity]}  {entry.title}")
    return 0
