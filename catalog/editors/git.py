"""A catalog as it was in a git revision: for `catalog diff` and the editions' 更新记录.

Only git's own commands are used (rev-parse, ls-tree, archive, tag), so any git works; a
revision's data folders are extracted into a temporary folder and loaded like any catalog.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

from catalog.core.kinds import MODELS
from catalog.core.vocabulary import VOCABULARY_FILE

DATA_PATHS = (VOCABULARY_FILE, *MODELS)


class DiffError(Exception):
    """git could not give us a revision (exit code 2)."""


def _git(cwd: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError as exc:
        raise DiffError("找不到 git 命令，请先安装 git（git not found）") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DiffError(message[-1] if message else f"git {' '.join(args)} 失败")
    return done.stdout


def repository(root: Path) -> tuple[Path, str]:
    """(top folder of the git work tree, the catalog root's path inside it, "" or "sub/")."""
    try:
        top = _git(root, "rev-parse", "--show-toplevel").decode().strip()
        prefix = _git(root, "rev-parse", "--show-prefix").decode().strip()
    except DiffError as exc:
        raise DiffError(f"{root} 不在 git 仓库里（not a git repository）：{exc}") from exc
    return Path(top), prefix


def resolve(root: Path, revision: str) -> str:
    """The commit id a revision names (branch, tag, HEAD~1, sha…)."""
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").decode().strip()
    except DiffError as exc:
        raise DiffError(f"找不到版本“{revision}”（unknown revision）") from exc


def materialise(root: Path, revision: str, dest: Path) -> Path:
    """Write the catalog data of `revision` under `dest`; return the catalog root there."""
    top, prefix = repository(root)
    commit = resolve(root, revision)
    listed = _git(top, "ls-tree", "--name-only", commit, "--", *(prefix + p for p in DATA_PATHS))
    paths = [p for p in listed.decode("utf-8", "surrogateescape").splitlines() if p]
    if paths:
        archive = _git(top, "archive", "--format=tar", commit, "--", *paths)
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(dest, filter=_inside_only)
    catalog_root = dest / prefix
    catalog_root.mkdir(parents=True, exist_ok=True)
    return catalog_root


def tags(root: Path, pattern: str) -> list[tuple[str, str]]:
    """(tag, commit) of the tags matching a glob, newest tag name last (edition-2025 < -2026)."""
    listed = _git(root, "tag", "--list", pattern).decode().split()
    return [(tag, resolve(root, tag)) for tag in sorted(listed)]


def head(root: Path) -> str:
    return resolve(root, "HEAD")


def _inside_only(member: tarfile.TarInfo, dest: str) -> tarfile.TarInfo | None:
    """tarfile's "data" filter, leaving out what it refuses (a committed link to /etc/passwd):
    the catalog check reports such a link in the working tree; a revision is read without it."""
    try:
        return tarfile.data_filter(member, dest)
    except tarfile.FilterError:
        return None
