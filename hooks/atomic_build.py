"""Build the site beside its folder; swap it in only when the whole build succeeded.

`mkdocs build` empties the site folder before it renders. A catalog error stops it before
that (hooks/menu.py, on_config), but whatever fails later (a crash while rendering, a
`--strict` warning from a hand-written page, a full disk) leaves an empty or half-written
folder. `./dev build` runs this instead: MkDocs writes into `.site.new` beside the site
folder, and only a build that exits 0 takes the site folder's place, by one atomic
exchange of the two names where Linux offers it (renameat2), else by two renames.

Before anything is written the site folder is judged (catalog.output_folder: never the
project or a folder of its sources, never a folder of other files), a site folder that is a
link (to the web server's folder) is built beside the folder it points to and keeps its link,
and a lock beside the site makes a second build wait for the first instead of interleaving.

    python hooks/atomic_build.py [-d SITE_DIR] [other `mkdocs build` options]
    python hooks/atomic_build.py [-d SITE_DIR] --edition edition-2025    # → SITE_DIR/2025/

An old edition built into the site folder stays there when the current site is rebuilt.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from ./dev

from catalog.core.kinds import MODELS
from catalog.editors.editions import ARCHIVED_ENV
from catalog.editors.git import DiffError, materialise
from catalog.site.build import EDITION_MARKER
from catalog.site.output_folder import OUTPUT_HINT, output_problem

AT_FDCWD = -100
RENAME_EXCHANGE = 2


def build_and_swap(
    site: Path, options: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> int:
    """Run `mkdocs build --strict` into a new folder; replace `site` with it on success."""
    project = Path(cwd or Path.cwd()).absolute()
    given = Path(project, site)  # an absolute site stays as it is
    problem = output_problem(project, given, MODELS, project / "docs")
    if problem:
        print(f"构建未开始：{problem}。{OUTPUT_HINT}", file=sys.stderr)
        return 2
    if given.is_symlink() and not given.exists():
        print(
            f"构建未开始：网站文件夹 {given} 是一个链接，但它指向的位置不存在（broken link）", file=sys.stderr
        )
        return 2
    site = Path(os.path.realpath(given))  # a link to the web server's folder: build beside its target
    new = site.with_name(f".{site.name}.new")
    with _lock(site.with_name(f".{site.name}.lock")):
        shutil.rmtree(new, ignore_errors=True)  # left by a build that was killed
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(new), *options]
        code = subprocess.run(command, cwd=project, check=False, env={**os.environ, **(env or {})}).returncode
        if code != 0:
            shutil.rmtree(new, ignore_errors=True)
            print(f"构建失败，网站未更新：{given} 保持原样（build failed, site unchanged）", file=sys.stderr)
            return code
        carry_editions(site, new)
        swap(new, site)
    print(f"网站已更新：{given}（site updated）", file=sys.stderr)
    return 0


def carry_editions(site: Path, new: Path) -> None:
    """Old editions built into the site folder (site/2025/) move into the new site."""
    if not site.is_dir():
        return
    for child in sorted(site.iterdir()):
        if child.is_dir() and (child / EDITION_MARKER).is_file() and not (new / child.name).exists():
            child.rename(new / child.name)


def build_edition(site: Path, tag: str, options: list[str], cwd: Path | None = None) -> int:
    """Build the catalog as it was at an edition tag into site/YYYY/, with its banner.

    The records and vocabulary come from the tag; the engine, hooks, docs and mkdocs.yml are
    today's, so an old edition reads like the current site and links back to it.
    """
    project = Path(cwd or Path.cwd()).absolute()
    match = re.fullmatch(r"edition-(\d{4})", tag)
    if not match:
        print(f"构建未开始：版本标签应写成 edition-2025 这样，现在是“{tag}”", file=sys.stderr)
        return 2
    year = match.group(1)
    with tempfile.TemporaryDirectory(prefix="menu-edition-") as temp:
        try:
            data = materialise(project, tag, Path(temp) / "data")
        except DiffError as exc:
            print(f"构建未开始：{exc}", file=sys.stderr)
            return 2
        work = Path(temp) / "project"
        shutil.copytree(data, work)
        for name in ("mkdocs.yml", "docs", "hooks"):
            source = project / name
            if source.is_dir():
                shutil.copytree(source, work / name, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy(source, work / name)
        target = Path(project, site) / year
        return build_and_swap(target, options, cwd=work, env={ARCHIVED_ENV: year})


@contextlib.contextmanager
def _lock(path: Path) -> Iterator[None]:
    """One build at a time per site folder: a second one waits for the first to finish."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: ./dev and this script run on Linux
        yield
        return
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(
                "另一个构建正在写这个网站文件夹，等它结束后再继续（waiting for another build）",
                file=sys.stderr,
            )
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def swap(new: Path, site: Path) -> None:
    """Put `new` where `site` is, never leaving half a site behind."""
    if not site.exists():
        new.rename(site)
        return
    if _exchange(new, site):  # `new` now holds the previous site
        shutil.rmtree(new)
        return
    old = site.with_name(f".{site.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    site.rename(old)  # from here to the next line, a moment without the folder
    new.rename(site)
    shutil.rmtree(old)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False where that is not offered."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="构建网站，成功后才替换网站文件夹")
    parser.add_argument("-d", "--site-dir", type=Path, default=Path("site"), help="网站文件夹，默认 site")
    parser.add_argument(
        "--edition", metavar="TAG", help="构建以前的版本（git 标签，如 edition-2025）到网站文件夹的 2025/ 下"
    )
    args, options = parser.parse_known_args(argv)
    quiet = ("-q", "--quiet")  # MkDocs' -q drops warnings before --strict can count them
    options = [o for o in options if o not in quiet]
    if args.edition:
        return build_edition(args.site_dir, args.edition, options)
    return build_and_swap(args.site_dir, options)


if __name__ == "__main__":
    sys.exit(main())
