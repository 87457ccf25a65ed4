"""Editions of the menu (年度菜单): git tags `edition-2026`, and what changed since the last.

An edition is a tag `edition-YYYY` on the catalog's repository. The site says which edition
it shows on every page (2026 年版, or 2026 年版 and the updates since) and lists on the
更新记录 page what was added, changed and retired since the edition before: records added,
records whose fields changed, records archived or removed. It is the comparison of `catalog
diff` (catalog.editors.diff), read for units instead of reviewers. Without git or without a
tag there is no edition, and the site says nothing about one.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from catalog.core.kinds import KINDS, status_of
from catalog.editors.diff import Change, Side, changed_fields, compare
from catalog.editors.git import DiffError, head, materialise, tags

TAG_PATTERN = "edition-*"
_YEAR = re.compile(r"^edition-(\d{4})$")


@dataclass(frozen=True)
class Entry:
    kind: str
    record_id: str
    label: str
    fields: list[str] = field(default_factory=list)  # what changed, for changed records


@dataclass(frozen=True)
class Edition:
    year: str  # "2026"
    since: str  # the edition the changes are counted from ("" when there is none before)
    updated: bool  # the catalog has changed since the edition's tag
    added: list[Entry] = field(default_factory=list)
    changed: list[Entry] = field(default_factory=list)
    retired: list[Entry] = field(default_factory=list)  # archived or removed
    archived: bool = False  # this build is an old edition kept for reference

    @property
    def label(self) -> str:
        return f"{self.year} 年版" + ("（含之后的更新）" if self.updated else "")


ARCHIVED_ENV = "MENU_ARCHIVED_EDITION"  # set by `./dev build --edition TAG` for an old edition's build


def edition_of(root: Path) -> Edition | None:
    """The edition a build shows: an old one being rebuilt, else the working tree's."""
    year = os.environ.get(ARCHIVED_ENV, "")
    if re.fullmatch(r"\d{4}", year):
        return archived_edition(year)
    return current_edition(root)


def archived_edition(year: str) -> Edition:
    """An old edition built from its tag: it says so, and lists no changes."""
    return Edition(year=year, since="", updated=False, archived=True)


def current_edition(root: Path) -> Edition | None:
    """The edition the working tree belongs to and its changes since the edition before."""
    try:
        found = [(tag, commit) for tag, commit in tags(root, TAG_PATTERN) if _YEAR.match(tag)]
        if not found:
            return None
        now = head(root)
    except DiffError:
        return None
    newest_tag, newest_commit = found[-1]
    year = _YEAR.match(newest_tag).group(1)  # type: ignore[union-attr]
    at_tag = newest_commit == now
    base = found[-2][0] if at_tag and len(found) > 1 else (newest_tag if not at_tag else "")
    if not base:
        return Edition(year=year, since="", updated=False)
    with tempfile.TemporaryDirectory(prefix="catalog-edition-") as temp:
        before = Side.load(base, materialise(root, base, Path(temp) / "base"))
        after = Side.load("工作区", root)
        diff = compare(before, after)
    retired = [c for c in diff.changed if _retired(c, before, after)]
    changed = [c for c in diff.changed if c not in retired]
    return Edition(
        year=year,
        since=_YEAR.match(base).group(1) if _YEAR.match(base) else base,  # type: ignore[union-attr]
        updated=not at_tag,
        added=[_entry(c, before, after) for c in diff.added if after.record(c.kind, c.record_id)],
        changed=[_entry(c, before, after) for c in changed if after.record(c.kind, c.record_id)],
        retired=[_entry(c, before, after) for c in [*retired, *diff.removed]],
    )


def _retired(change: Change, before: Side, after: Side) -> bool:
    old, new = before.record(change.kind, change.record_id), after.record(change.kind, change.record_id)
    return old is not None and new is not None and old.status != "archived" and new.status == "archived"


def _entry(change: Change, before: Side, after: Side) -> Entry:
    """A change as units read it: the names of the fields that changed, in Chinese."""
    old, new = before.record(change.kind, change.record_id), after.record(change.kind, change.record_id)
    names: list[str] = []
    if old is not None and new is not None:
        model = KINDS[change.kind].model
        for name in changed_fields(old, new):
            if name == "status":  # 暂停开放, 复评中 or back: what units need to know first
                names.insert(0, f"状态改为{status_of(new).label}")
            elif name != "reviewed":
                names.append((model.model_fields[name].description or name).split("，")[0].split("（")[0])
    return Entry(change.kind, change.record_id, change.label, names)
