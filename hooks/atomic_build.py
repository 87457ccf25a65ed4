"""Build the site beside its folder; swap it in only when the whole build succeeded.

`mkdocs build` empties the site folder before it renders. A catalog error stops it before
that (hooks/menu.py, on_config), but whatever fails later (a crash while rendering, a
`--strict` warning from a hand-written page, a full disk) leaves an empty or half-written
folder. `./dev build` runs this instead: MkDocs writes into `.site.new` beside the site
folder, and only a build that exits 0 takes the site folder's place, by one atomic
exchange of the two names where Linux offers it (renameat2), else by two renames.

    python hooks/atomic_build.py [-d SITE_DIR] [other `mkdocs build` options]
"""

from __future__ import annotations

import argparse
import ctypes
import os
import shutil
import subprocess
import sys
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2


def build_and_swap(site: Path, options: list[str], cwd: Path | None = None) -> int:
    """Run `mkdocs build --strict` into a new folder; replace `site` with it on success."""
    site = Path(cwd or Path.cwd(), site).absolute()  # an absolute site stays as it is
    new = site.with_name(f".{site.name}.new")
    shutil.rmtree(new, ignore_errors=True)  # left by a build that was killed
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(new), *options]
    code = subprocess.run(command, cwd=cwd, check=False).returncode
    if code != 0:
        shutil.rmtree(new, ignore_errors=True)
        print(f"构建失败，网站未更新：{site} 保持原样（build failed, site unchanged）", file=sys.stderr)
        return code
    swap(new, site)
    print(f"网站已更新：{site}（site updated）", file=sys.stderr)
    return 0


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
    args, options = parser.parse_known_args(argv)
    quiet = ("-q", "--quiet")  # MkDocs' -q drops warnings before --strict can count them
    return build_and_swap(args.site_dir, [o for o in options if o not in quiet])


if __name__ == "__main__":
    sys.exit(main())
