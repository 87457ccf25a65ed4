"""`catalog diff BASE [HEAD]`: what a change does to the catalog, for reviewers.

Both revisions are taken from git (`git archive` of the data folders into a temporary
folder; HEAD defaults to the working tree) and checked with `check_catalog`. The result
is Markdown for a pull-request comment: records added, removed and changed per kind with
the fields that changed, the relations the change creates, removes or breaks, and the
problems it introduces. Personal contact data is never printed, only that it changed.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from catalog.core.kinds import KINDS, MODELS
from catalog.core.models import Record, Ref
from catalog.core.privacy import is_personal
from catalog.core.problems import Problem
from catalog.core.relations import walk_markers
from catalog.core.vocabulary import VOCABULARY_FILE
from catalog.editors.git import DiffError, materialise, repository, resolve
from catalog.load.validate import CheckResult, check_catalog

SHORT = 30  # values up to this many characters are shown as old → new
LIST_LIMIT = 50


# --- comparing --------------------------------------------------------------------------


@dataclass
class Side:
    """One revision of the catalog: its check result and its record files."""

    name: str
    result: CheckResult
    files: dict[str, dict[str, bytes]]  # kind → id → file bytes

    @classmethod
    def load(cls, name: str, root: Path) -> Side:
        result = check_catalog(root)  # the one loader: its record files are the ones compared
        files = {kind: {i: _bytes(f.path) for i, f in by_id.items()} for kind, by_id in result.files.items()}
        return cls(name, result, files)

    def record(self, kind: str, record_id: str) -> Record | None:
        return self.result.catalog.get(kind, record_id)

    def label(self, kind: str, record_id: str) -> str:
        record = self.record(kind, record_id)
        return record.label if record is not None else ""


def _bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:  # reported by the check: compare it as unreadable
        return b""


Edge = tuple[str, str, str, str, str]  # (from kind, from id, field, to kind, to id)


def edges(side: Side) -> set[Edge]:
    found = set()
    for kind, by_id in side.result.catalog.records.items():
        for record_id, record in by_id.items():
            for loc, marker, value in walk_markers(record):
                if isinstance(marker, Ref):
                    found.add((kind, record_id, str(loc[0]), marker.kind, value))
    return found


@dataclass
class Change:
    kind: str
    record_id: str
    label: str
    fields: list[str] = field(default_factory=list)  # Markdown fragments, one per field
    note: str = ""


@dataclass
class Diff:
    base: Side
    head: Side
    added: list[Change] = field(default_factory=list)
    removed: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)


def compare(base: Side, head: Side) -> Diff:
    diff = Diff(base, head)
    for kind in MODELS:
        before, after = base.files[kind], head.files[kind]
        for record_id in sorted(after.keys() - before.keys()):
            note = "" if head.record(kind, record_id) else "文件有错误"
            diff.added.append(Change(kind, record_id, head.label(kind, record_id), note=note))
        for record_id in sorted(before.keys() - after.keys()):
            diff.removed.append(Change(kind, record_id, base.label(kind, record_id)))
        for record_id in sorted(before.keys() & after.keys()):
            if before[record_id] == after[record_id]:
                continue
            old, new = base.record(kind, record_id), head.record(kind, record_id)
            either = new or old
            change = Change(kind, record_id, either.label if either is not None else "")
            if new is None:
                change.note = "修改后文件有错误，无法比较字段"
            elif old is None:
                change.note = "修改前文件有错误"
                change.fields = [f"`{n}`" for n in changed_fields(None, new)]
            else:
                change.fields = [
                    _describe(n, getattr(old, n), getattr(new, n), personal=is_personal(type(new), n))
                    for n in changed_fields(old, new)
                ]
                if not change.fields:
                    change.note = "只改了格式或注释"
            diff.changed.append(change)
    return diff


def changed_fields(old: Record | None, new: Record) -> list[str]:
    return [
        name
        for name in type(new).model_fields
        if name != "id" and (old is None or getattr(old, name) != getattr(new, name))
    ]


def md(text: object) -> str:
    """Plain text made safe inside Markdown (no markup, no HTML, one line)."""
    value = " ".join(str(text).split())
    for char in "\\`*_[]<>|#~!":
        value = value.replace(char, "\\" + char)
    return value


def _show(value: object) -> str:
    if value is None or value == "" or value == []:
        return "（空）"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return md(value)


def _describe(name: str, old: object, new: object, *, personal: bool = False) -> str:
    """One changed field as Markdown: `hours`：2 → 3, `formats`：+研讨式 −讲授式, `bio`（已修改）."""
    label = f"`{name}`"
    if personal:
        return f"{label}（已修改，个人信息不显示）"
    if isinstance(old, list) or isinstance(new, list):
        before = old if isinstance(old, list) else []
        after = new if isinstance(new, list) else []
        if all(isinstance(v, str) for v in (*before, *after)):
            plus = [f"+{md(v)}" for v in after if v not in before]
            minus = [f"−{md(v)}" for v in before if v not in after]
            if not plus and not minus:
                return f"{label}（顺序调整）"
            return f"{label}：{' '.join(plus + minus)}"
        if len(before) != len(after):
            return f"{label}：{len(before)} 项 → {len(after)} 项"
        return f"{label}（已修改）"
    shown_old, shown_new = _show(old), _show(new)
    if len(shown_old) <= SHORT and len(shown_new) <= SHORT and "\n" not in f"{old}{new}":
        return f"{label}：{shown_old} → {shown_new}"
    return f"{label}（已修改）"


# --- Markdown ---------------------------------------------------------------------------


def _record(kind: str, record_id: str, label: str) -> str:
    return f"{KINDS[kind].name} `{record_id}`" + (f" {md(label)}" if label else "")


def _bullets(lines: list[str]) -> list[str]:
    shown = [f"- {line}" for line in lines[:LIST_LIMIT]]
    if len(lines) > LIST_LIMIT:
        shown.append(f"- ……另有 {len(lines) - LIST_LIMIT} 项")
    return shown


def _problem_key(p: Problem) -> tuple:
    return (p.path, p.code, p.message)


def render(diff: Diff) -> str:
    base, head = diff.base, diff.head
    out = [f"### 目录变更：{base.name} → {head.name}", ""]
    if not (diff.added or diff.removed or diff.changed):
        out.append("没有记录变化（no record changes）。")
    else:
        out.append(
            f"新增 {len(diff.added)} 条、删除 {len(diff.removed)} 条、修改 {len(diff.changed)} 条记录"
            "（added / removed / changed）。"
        )
    head_errors, base_errors = len(head.result.errors), len(base.result.errors)
    head_warnings = len(head.result.problems) - head_errors
    verdict = "✅ 检查通过" if head.result.ok else "❌ 检查未通过"
    out += [
        "",
        f"{verdict}：修改后 {head_errors} 个错误、{head_warnings} 个警告（修改前 {base_errors} 个错误）。",
    ]

    for kind in MODELS:
        added = [c for c in diff.added if c.kind == kind]
        removed = [c for c in diff.removed if c.kind == kind]
        changed = [c for c in diff.changed if c.kind == kind]
        if not (added or removed or changed):
            continue
        out += ["", f"#### {KINDS[kind].name}（{kind}）"]
        if added:
            out += ["", f"**新增 {len(added)} 条**", ""]
            out += _bullets([_line(c) for c in added])
        if removed:
            out += ["", f"**删除 {len(removed)} 条**", ""]
            out += _bullets([_line(c) for c in removed])
        if changed:
            out += ["", f"**修改 {len(changed)} 条**", ""]
            out += _bullets([_line(c) + ("：" + "；".join(c.fields) if c.fields else "") for c in changed])

    vocabulary = _vocabulary_changes(base, head)
    if vocabulary:
        out += ["", f"#### 词表（{VOCABULARY_FILE}）", "", *_bullets(vocabulary)]

    out += _relations(diff)

    before = {_problem_key(p) for p in base.result.errors}
    new_errors = [p for p in head.result.errors if _problem_key(p) not in before]
    if new_errors:
        out += ["", f"#### 本次修改带来的错误（{len(new_errors)} 个）", ""]
        out += _bullets([f"`{p.path}:{p.line}:{p.column}` {md(p.message)}" for p in new_errors])
    fixed = {_problem_key(p) for p in head.result.errors}
    solved = [p for p in base.result.errors if _problem_key(p) not in fixed]
    if solved:
        out += ["", f"本次修改解决了 {len(solved)} 个原有错误。"]
    return "\n".join(out) + "\n"


def _vocabulary_changes(base: Side, head: Side) -> list[str]:
    """Values added to or removed from each vocabulary list."""
    before = base.result.catalog.vocabularies.lists
    after = head.result.catalog.vocabularies.lists
    lines = []
    for name in sorted(before.keys() | after.keys()):
        old, new = before.get(name, []), after.get(name, [])
        plus = [f"+{md(v)}" for v in new if v not in old]
        minus = [f"−{md(v)}" for v in old if v not in new]
        if plus or minus:
            lines.append(f"`{name}`：{' '.join(plus + minus)}")
    return lines


def _line(change: Change) -> str:
    text = f"`{change.record_id}`" + (f" {md(change.label)}" if change.label else "")
    return text + (f"（{change.note}）" if change.note else "")


def _relations(diff: Diff) -> list[str]:
    base, head = diff.base, diff.head
    before, after = edges(base), edges(head)
    head_records = head.result.catalog
    base_records = base.result.catalog

    def exists(side_records, kind: str, record_id: str) -> bool:
        return side_records.get(kind, record_id) is not None

    def edge_text(edge: Edge, side: Side) -> str:
        kind, record_id, name, to_kind, to_id = edge
        source = _record(kind, record_id, side.label(kind, record_id))
        target = _record(to_kind, to_id, side.label(to_kind, to_id) or base.label(to_kind, to_id))
        return f"{source} 的 `{name}` → {target}"

    removed_ids = {(c.kind, c.record_id) for c in diff.removed}
    broken = sorted(e for e in after if not exists(head_records, e[3], e[4]))
    broken_lines = []
    for edge in broken:
        if (edge[3], edge[4]) in removed_ids:
            why = "目标在本次修改中被删除"
        elif edge in before:
            why = "修改前就已断开"
        else:
            why = "找不到目标，检查 id 拼写"
        broken_lines.append(f"{edge_text(edge, head)}（{why}）")

    users_of_removed = []
    for change in diff.removed:
        for from_kind in MODELS:
            for user in base_records.referrers(change.kind, change.record_id, from_kind):
                still = any(
                    e[:2] == (from_kind, user.id) and e[3:] == (change.kind, change.record_id) for e in after
                )
                gone = not exists(head_records, from_kind, user.id)
                state = "仍在引用，需要修改" if still else ("也已删除" if gone else "已不再引用")
                users_of_removed.append(
                    f"{_record(change.kind, change.record_id, change.label)} 原先被 "
                    f"{_record(from_kind, user.id, user.label)} 使用（{state}）"
                )

    created = sorted(e for e in after - before if exists(head_records, e[3], e[4]))
    dropped = sorted(
        e for e in before - after if exists(head_records, e[0], e[1]) and exists(base_records, e[3], e[4])
    )
    out: list[str] = []
    if broken_lines or users_of_removed or created or dropped:
        out += ["", "#### 关联变化（relations）"]
    if broken_lines:
        out += ["", f"**❌ 断开的关联（{len(broken_lines)} 处，必须修复）**", "", *_bullets(broken_lines)]
    if users_of_removed:
        out += ["", "**删除的记录原先被这些记录使用**", "", *_bullets(users_of_removed)]
    if created:
        lines = [edge_text(e, head) for e in created]
        out += ["", f"**新建的关联（{len(created)} 处）**", "", *_bullets(lines)]
    if dropped:
        lines = [edge_text(e, base) for e in dropped]
        out += ["", f"**解除的关联（{len(dropped)} 处）**", "", *_bullets(lines)]
    return out


# --- the command ------------------------------------------------------------------------


def _name(root: Path, revision: str) -> str:
    return f"`{revision.replace('`', '')}`（{resolve(root, revision)[:8]}）"


def diff_revisions(root: Path, base: str, head: str | None = None) -> str:
    """The Markdown review of the change from `base` to `head` (None: the working tree)."""
    root = Path(root).resolve()
    repository(root)  # not in a repository: say so before anything else
    with tempfile.TemporaryDirectory(prefix="catalog-diff-") as temp:
        base_side = Side.load(_name(root, base), materialise(root, base, Path(temp) / "base"))
        if head is None:
            head_side = Side.load("工作区（working tree）", root)
        else:
            head_side = Side.load(_name(root, head), materialise(root, head, Path(temp) / "head"))
        return render(compare(base_side, head_side))


def run_diff(root: Path, base: str, head: str | None) -> int:
    import sys

    try:
        text = diff_revisions(root, base, head)
    except DiffError as exc:
        print(f"catalog: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(text)
    return 0
