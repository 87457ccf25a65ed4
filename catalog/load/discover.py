"""Find the record files in the data folders; every other file there is a reported problem.

Every file under a data folder ends up either as a record file or as a problem (stray,
nested, hidden, linked, a name that cannot be an id): nothing is skipped silently.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from catalog.core.codes import problem
from catalog.core.kinds import MODELS
from catalog.core.problems import Problem

EXTENSIONS = (".yml", ".yaml")


def discover(root: Path) -> tuple[dict[str, list[Path]], list[Problem]]:
    """The record files of every kind, sorted; stray files are problems."""
    files: dict[str, list[Path]] = {kind: [] for kind in MODELS}
    problems: list[Problem] = []
    real_root = root.resolve()
    for kind in MODELS:
        folder = root / kind
        if not folder.is_dir():
            continue
        if not _inside(folder.resolve(), real_root):  # the same rule as for one linked file
            problems.append(_outside_link(kind))
            continue
        for dirpath, dirnames, filenames in walk(folder, root, problems):
            dirnames.sort()
            here = Path(dirpath)
            in_hidden = any(part.startswith(".") for part in here.relative_to(folder).parts)
            for name in dirnames:  # os.walk does not enter linked folders: say so
                linked = here / name
                if linked.is_symlink():
                    rel = display_path(linked.relative_to(root).as_posix())
                    inside = _inside(linked.resolve(), real_root)
                    problems.append(_linked_folder(rel) if inside else _outside_link(rel))
            for name in sorted(filenames):
                path = here / name
                suffix = path.suffix.lower()
                if name.startswith(".") or in_hidden:
                    if suffix in EXTENSIONS:  # e.g. "..yml", or a copy hidden by a tool
                        problems.append(problem("hidden-file", _shown(path, root), 1, 1))
                    continue
                is_link = path.is_symlink()
                if is_link and not path.exists():
                    problems.append(problem("broken-link", _shown(path, root), 1, 1))
                    continue
                if is_link and not _inside(path.resolve(), real_root):
                    problems.append(_outside_link(_shown(path, root)))
                    continue
                if suffix not in EXTENSIONS:
                    if here == folder:
                        problems.append(problem("not-a-record", _shown(path, root), 1, 1, folder=kind))
                    continue
                if here != folder:
                    problems.append(problem("nested-record", _shown(path, root), 1, 1, folder=kind))
                    continue
                if path.suffix not in EXTENSIONS:
                    stem, shown = path.stem.lower(), _shown(path, root)
                    found = problem("bad-id", shown, 1, 1, variant="extension", suffix=suffix, stem=stem)
                    problems.append(found)
                    continue
                files[kind].append(path)
    return files, problems


def _shown(path: Path, root: Path) -> str:
    """A file's path as messages show it (worked out only for a message: most files have none)."""
    return display_path(path.relative_to(root).as_posix())


def walk(folder: Path, root: Path, problems: list[Problem]):
    """os.walk of a data folder that reports a folder it cannot read (os.walk skips it)."""

    def unreadable(error: OSError) -> None:
        where = Path(error.filename) if error.filename else folder
        rel = display_path(where.relative_to(root).as_posix()) if where.is_relative_to(root) else folder.name
        problems.append(problem("unreadable-folder", rel, 1, 1, reason=error.strerror or error))

    return os.walk(folder, onerror=unreadable)


def outside(path: Path, root: Path) -> bool:
    """A file or folder that is, or goes through, a link to outside the catalog."""
    return not _inside(path.resolve(), root.resolve())


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _outside_link(rel: str) -> Problem:
    return problem("outside-link", rel, 1, 1)


def _linked_folder(rel: str) -> Problem:
    return problem("linked-folder", rel, 1, 1)


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # how os.fsdecode keeps a byte that is not UTF-8


def display_path(rel: str) -> str:
    """A path that can be printed: bytes of a non-UTF-8 file name shown as \\xNN."""
    if rel.isascii() or not _ESCAPED_BYTE.search(rel):
        return rel
    return os.fsencode(rel).decode("utf-8", "backslashreplace")
