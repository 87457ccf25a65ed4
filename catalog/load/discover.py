"""Find the record files in the data folders; every other file there is a reported problem.

Every file under a data folder ends up either as a record file or as a problem (stray,
nested, hidden, linked, a name that cannot be an id): nothing is skipped silently.
"""

from __future__ import annotations

import os
from pathlib import Path

from catalog.core.kinds import MODELS
from catalog.core.problems import Problem, error, warning

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
        for dirpath, dirnames, filenames in os.walk(folder):
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
                rel = display_path(path.relative_to(root).as_posix())
                suffix = path.suffix.lower()
                if name.startswith(".") or in_hidden:
                    if suffix in EXTENSIONS:  # e.g. "..yml", or a copy hidden by a tool
                        problems.append(
                            warning(
                                rel,
                                1,
                                1,
                                "hidden-file",
                                "隐藏文件（或隐藏文件夹里的文件）不会被读取（hidden file skipped）",
                                "如果是记录，去掉文件名或文件夹名开头的“.”；否则删除这个文件",
                            )
                        )
                    continue
                if path.is_symlink() and not path.exists():
                    problems.append(
                        error(
                            rel,
                            1,
                            1,
                            "broken-link",
                            "这个文件是一个链接，但它指向的文件不存在（broken symlink）",
                            "把文件本身复制进来，或删除这个链接",
                        )
                    )
                    continue
                if path.is_symlink() and not _inside(path.resolve(), real_root):
                    problems.append(_outside_link(rel))
                    continue
                if suffix not in EXTENSIONS:
                    if here == folder:
                        problems.append(
                            error(
                                rel,
                                1,
                                1,
                                "not-a-record",
                                f"{kind}/ 里只能放 .yml 记录文件，这个文件不会被读取（not a record file）",
                                "如果是记录，把扩展名改成 .yml；图片等请放到子文件夹（如 photos/）",
                            )
                        )
                    continue
                if here != folder:
                    problems.append(
                        error(
                            rel,
                            1,
                            1,
                            "nested-record",
                            f"记录文件必须直接放在 {kind}/ 下，子文件夹里的不会被读取（nested record）",
                            f"把文件移到 {kind}/",
                        )
                    )
                    continue
                if path.suffix not in EXTENSIONS:
                    problems.append(
                        error(
                            rel,
                            1,
                            1,
                            "bad-id",
                            f"扩展名应当是小写 {suffix}（extension must be lower case）",
                            f"改名为 {path.stem.lower()}{suffix}",
                        )
                    )
                    continue
                files[kind].append(path)
    return files, problems


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _outside_link(rel: str) -> Problem:
    return error(
        rel,
        1,
        1,
        "outside-link",
        "这是指向目录之外的链接，不会读取（symlink outside the catalog）",
        "把文件本身复制进来，而不是放一个链接",
    )


def _linked_folder(rel: str) -> Problem:
    return warning(
        rel,
        1,
        1,
        "linked-folder",
        "这是一个链接到别处的文件夹，里面的文件不会被读取（linked folder skipped）",
        "记录文件直接放在数据文件夹里；不需要的链接请删除",
    )


def display_path(rel: str) -> str:
    """A path that can be printed: bytes of a non-UTF-8 file name shown as \\xNN."""
    if not any(0xDC80 <= ord(char) <= 0xDCFF for char in rel):
        return rel
    return os.fsencode(rel).decode("utf-8", "backslashreplace")
