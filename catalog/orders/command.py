"""`catalog orders FILE...`: read the order CSVs of many units and print the dispatch summary.

With `--out DIR` it also writes the summary (dispatch.csv, dispatch.md), records the new
requests in the catalog's plan (`dispatch/`, as 待安排; decisions already made are kept) and
writes the whole plan for the department to edit (DIR/派单计划.xlsx). It never overwrites a
派单计划.xlsx whose decisions have not been imported yet (`catalog plan`).

Exit 0 when every row was read (warnings allowed), 1 when some rows had errors (the
summary of the good rows is still printed), 2 when nothing could or might be written.
"""

from __future__ import annotations

import glob
import sys
from pathlib import Path

from catalog.core.codes import problem
from catalog.core.problems import Problem, sort_problems
from catalog.core.problems import render_text as render_problems
from catalog.load.validate import CheckResult, check_catalog
from catalog.orders.dispatch import Dispatch, summarise
from catalog.orders.plan_files import FOLDER, write_order
from catalog.orders.plan_import import unimported
from catalog.orders.plan_rules import check_plan
from catalog.orders.plan_sheet import FILE_NAME
from catalog.orders.reading import read_orders
from catalog.orders.report import render_text, write_dispatch


def expand(arguments: list[str]) -> tuple[list[Path], list[Problem]]:
    """Files as given; a folder means its .csv files; a pattern (for Windows' cmd) is globbed."""
    paths: list[Path] = []
    problems: list[Problem] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            csv_files = (p for p in path.iterdir() if p.suffix.lower() == ".csv" and not p.is_dir())
            found = sorted(csv_files)  # a FIFO or a device among them is read, so it is reported
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
    catalog = checked.catalog
    if not len(catalog):
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
    rows, read_problems = read_orders(paths, catalog)
    dispatch = summarise(rows, catalog, [p.as_posix() for p in paths], plan=checked.plan)
    shown = {p.as_posix() for p in paths}
    new_problems = [p for p in check_plan(dispatch.plan, catalog) if p.path in shown]  # of these rows
    problems = sort_problems(problems + read_problems + new_problems)
    errors = sum(p.is_error for p in problems)
    if problems:
        print(render_problems(problems))
        print()
    print(render_text(dispatch, catalog))
    if out is not None:
        written = _write(dispatch, checked, root, out)
        if written is None:
            return 2
        print()
        print("已写出：" + "、".join(p.as_posix() for p in written))
    warnings = len(problems) - errors
    print()
    merged = dispatch.merged
    if out is not None:
        print(
            f"派单计划：新增 {len(merged.added)} 项待安排，"
            f"{len(merged.updated)} 项按单位新发的点单更新了内容；已有的决定都保留。"
        )
    if errors:
        print(f"点单读取完毕：{errors} 个错误，出错的行未计入汇总；{len(rows)} 条可用，{warnings} 个警告。")
    else:
        print(f"点单读取完毕：全部 {len(rows)} 条可用，{warnings} 个警告。")
    return 1 if errors else 0


def _write(dispatch: Dispatch, checked: CheckResult, root: Path, out: Path) -> list[Path] | None:
    """The summary, the plan to edit (派单计划.xlsx) and the plan's files; None: refused."""
    sheet = out / FILE_NAME
    plan_errors = [p for p in checked.errors if p.path.startswith(f"{FOLDER}/")]
    if plan_errors:
        print(render_problems(plan_errors), file=sys.stderr)
        print(f"catalog: 派单计划（{FOLDER}/）有错误，先改好再汇总（plan has errors）", file=sys.stderr)
        return None
    if sheet.exists():
        pending = unimported(sheet, sheet.as_posix(), checked.plan, checked.catalog)
        if pending:
            print(render_problems(sort_problems(pending)), file=sys.stderr)
            print(
                f"catalog: {sheet.as_posix()} 里有还没导入的决定，没有覆盖它（not overwritten）。"
                f"请先运行 catalog plan {sheet.as_posix()}，或换一个 --out 文件夹。",
                file=sys.stderr,
            )
            return None
    try:
        written = [write_order(root, n, dispatch.plan.orders[n]) for n in dispatch.merged.changed]
        written += write_dispatch(dispatch, checked.catalog, out)
    except OSError as exc:
        print(f"catalog: 无法写出到 {out}（cannot write）：{exc.strerror or exc}", file=sys.stderr)
        return None
    return written
