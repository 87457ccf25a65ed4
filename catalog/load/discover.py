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


def discover(root: Path) -> tuple[dict[str, list[str]], list[Problem]]:
    """The names of the record files of every kind (each in root/kind), sorted; stray files
    are problems.

    One `os.scandir` pass per folder: the entries' types come with the listing, so a plain
    file costs no system call here (os.walk and pathlib asked for each one's link status),
    and no path object is made for a file that has nothing to report."""
    files: dict[str, list[str]] = {kind: [] for kind in MODELS}
    problems: list[Problem] = []
    real_root = root.resolve()
    for kind in MODELS:
        folder = root / kind
        if not folder.is_dir():
            continue
        if not _inside(folder.resolve(), real_root):  # the same rule as for one linked file
            problems.append(_outside_link(kind))
            continue
        _scan(folder, folder, False, root, real_root, kind, files[kind], problems)
    return files, problems


def _scan(
    here: Path,
    folder: Path,
    in_hidden: bool,
    root: Path,
    real_root: Path,
    kind: str,
    found: list[str],
    problems: list[Problem],
) -> None:
    """One folder of a data folder, then its subfolders (by name), as os.walk would go."""
    try:
        with os.scandir(here) as listing:
            entries = sorted(listing, key=_name)
    except OSError as error:  # os.walk skips a folder it cannot read: say so
        _unreadable(error, folder, root, problems)
        return
    subfolders = []
    top = here is folder
    for entry in entries:
        name = entry.name
        try:
            is_dir = entry.is_dir()  # a link to a folder counts as one, as for os.walk
        except OSError:
            is_dir = False
        if is_dir:
            if entry.is_symlink():  # os.walk does not enter linked folders: say so
                linked = here / name
                rel = display_path(linked.relative_to(root).as_posix())
                inside = _inside(linked.resolve(), real_root)
                problems.append(_linked_folder(rel) if inside else _outside_link(rel))
            else:
                subfolders.append(name)
            continue
        written = _suffix(name)
        suffix = written.lower()
        if name.startswith(".") or in_hidden:
            if suffix in EXTENSIONS:  # e.g. "..yml", or a copy hidden by a tool
                problems.append(problem("hidden-file", _shown(here / name, root), 1, 1))
            continue
        if entry.is_symlink():
            path = here / name
            if not path.exists():
                problems.append(problem("broken-link", _shown(path, root), 1, 1))
                continue
            if not _inside(path.resolve(), real_root):
                problems.append(_outside_link(_shown(path, root)))
                continue
        if suffix not in EXTENSIONS:
            if top:
                problems.append(problem("not-a-record", _shown(here / name, root), 1, 1, folder=kind))
            continue
        if not top:
            problems.append(problem("nested-record", _shown(here / name, root), 1, 1, folder=kind))
            continue
        if written not in EXTENSIONS:
            path = here / name
            stem, shown = path.stem.lower(), _shown(path, root)
            found_problem = problem("bad-id", shown, 1, 1, variant="extension", suffix=suffix, stem=stem)
            problems.append(found_problem)
            continue
        found.append(name)
    for name in subfolders:
        _scan(here / name, folder, in_hidden or name.startswith("."), root, real_root, kind, found, problems)


def _name(entry: os.DirEntry) -> str:
    return entry.name


def _suffix(name: str) -> str:
    """What pathlib calls a file name's suffix ("" for ".yml" and for "a.")."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _shown(path: Path, root: Path) -> str:
    """A file's path as messages show it (worked out only for a message: most files have none)."""
    return display_path(path.relative_to(root).as_posix())


def _unreadable(error: OSError, folder: Path, root: Path, problems: list[Problem]) -> None:
    where = Path(error.filename) if error.filename else folder
    rel = display_path(where.relative_to(root).as_posix()) if where.is_relative_to(root) else folder.name
    problems.append(problem("unreadable-folder", rel, 1, 1, reason=error.strerror or error))


def walk(folder: Path, root: Path, problems: list[Problem]):
    """os.walk of a data folder that reports a folder it cannot read (os.walk skips it)."""

    def unreadable(error: OSError) -> None:
        _unreadable(error, folder, root, problems)

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
