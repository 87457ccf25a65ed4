"""Where a build may write its site, so that a typo in `-d` never deletes the project.

A site generator empties its output folder before writing. `-d .` would empty the project
(`.git` included), `-d docs` the hand-written pages, `-d courses` the records. So the
folder is judged before anything is written: never the project root or a folder above it,
never a folder of the project's sources (data folders, docs, the engine, the hooks, git),
and never a folder that already holds files unless a previous build of this menu put them
there (it leaves `SITE_MARKER`). A link is judged by where it points.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

SITE_MARKER = ".training-menu-site"  # written into every site this menu builds
SOURCE_FOLDERS: tuple[str, ...] = (".git", "docs", "hooks", "catalog", "tests", "benchmarks", "schemas")
SOURCE_FOLDERS += ("overrides", "dispatch")  # dispatch/: the department's plan (catalog/orders/plan_files.py)


def output_problem(project: Path, site: Path, data_folders: Iterable[str], docs: Path | None = None) -> str:
    """Why `site` must not be the output folder of `project` ("" when it may)."""
    project = project.resolve()
    target = Path(os.path.realpath(site))
    shown = f"“{site}”" + (f"（链接到 {target}）" if Path(site).is_symlink() else "")
    if target == project or target in project.parents:
        return f"输出文件夹 {shown} 是项目文件夹本身或它的上级，构建会删除整个项目（output holds project）"
    protected = [project / name for name in (*SOURCE_FOLDERS, *data_folders)]
    if docs is not None:
        protected.append(docs.resolve())
    for folder in protected:
        if target == folder or folder in target.parents:
            rel = folder.relative_to(project) if project in folder.parents else folder
            return (
                f"输出文件夹 {shown} 在项目的 {rel}/ 里，构建会删除其中的文件"
                "（output inside a source folder）"
            )
    if target.exists() and not target.is_dir():
        return f"输出位置 {shown} 是一个文件，不是文件夹（output is a file）"
    if target.is_dir() and any(target.iterdir()) and not is_built_site(target):
        return (
            f"输出文件夹 {shown} 里已有其他文件，且不是本工具生成的网站；构建会删除它们"
            "（output folder holds other files）"
        )
    return ""


def is_built_site(folder: Path) -> bool:
    """A folder a build of this menu wrote (the marker; or, from before it, our own scripts)."""
    if (folder / SITE_MARKER).is_file():
        return True
    return (folder / "assets" / "order.js").is_file() and (folder / "index.html").is_file()


OUTPUT_HINT = "用 -d 指定一个新的或空的文件夹，例如 -d site；不要指向项目本身、docs/ 或数据文件夹"
