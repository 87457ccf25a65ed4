"""`catalog orders FILE...`: read the order CSVs of many units and print the dispatch summary.

Exit 0 when every row was read (warnings allowed), 1 when some rows had errors (the
summary of the good rows is still printed), 2 when the output folder cannot be written.
"""

from __future__ import annotations

import glob
import sys
from pathlib import Path

from catalog.core.codes import problem
from catalog.core.problems import Problem, sort_problems
from catalog.core.problems import render_text as render_problems
from catalog.load.validate import check_catalog
from catalog.orders.dispatch import summarise
from catalog.orders.reading import read_orders
from catalog.orders.report import render_text, write_dispatch


def expand(arguments: list[str]) -> tuple[list[Path], list[Problem]]:
    """Files as given; a folder means its .csv files; a pattern (for Windows' cmd) is globbed."""
    paths: list[Path] = []
    problems: list[Problem] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv" and p.is_file())
            if not found:
                problems.append(problem("order-empty-folder", path.as_posix(), 1, 1))
            paths += found
        elif not path.exists() and any(ch in argument for ch in "*?["):
            found = sorted(Path(p) for p in glob.glob(argument))
            if not found:
                problems.append(problem("order-missing-file", path.as_posix(), 1, 1, variant="pattern"))
            paths += found
        else:
            paths.append(path)
    unique = list(dict.fromkeys(paths))
    return unique, problems


def run_orders(files: list[str], root: Path, out: Path | None = None) -> int:
    checked = check_catalog(root)
    if not len(checked.catalog):
        print(
            f"注意：{root} 里没有任何记录；请用 --root 指向目录根（含 vocabulary.yml 的文件夹）。",
            file=sys.stderr,
        )
    elif not checked.ok:
        print(
            f"注意：目录本身有 {len(checked.errors)} 个错误，出错的记录不会被认出；请先运行 catalog check。",
            file=sys.stderr,
        )
    paths, problems = expand(files)
    rows, read_problems = read_orders(paths, checked.catalog)
    problems = sort_problems(problems + read_problems)
    errors = sum(p.is_error for p in problems)
    if problems:
        print(render_problems(problems))
        print()
    dispatch = summarise(rows, checked.catalog, [p.as_posix() for p in paths])
    print(render_text(dispatch))
    if out is not None:
        try:
            written = write_dispatch(dispatch, out)
        except OSError as exc:
            print(f"catalog: 无法写出汇总到 {out}（cannot write）：{exc.strerror or exc}", file=sys.stderr)
            return 2
        print()
        print("已写出：" + "、".join(p.as_posix() for p in written))
    warnings = len(problems) - errors
    print()
    if errors:
        print(f"点单读取完毕：{errors} 个错误，出错的行未计入汇总；{len(rows)} 条可用，{warnings} 个警告。")
    else:
        print(f"点单读取完毕：全部 {len(rows)} 条可用，{warnings} 个警告。")
    return 1 if errors else 0
