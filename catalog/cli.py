"""The `catalog` command for editors and the department: check, new, orders, plan, and more.

Exit codes: 0 valid, 1 problems found, 2 usage error. Help and usage errors are in Chinese
(`_Parser`), as everything else the command says.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from catalog.core.kinds import KINDS, kind_of
from catalog.core.problems import RENDERERS

# argparse words its own messages in English; these say the same in Chinese.
_ARGPARSE_WORDS = [
    (r"^the following arguments are required: (.*)$", r"缺少参数：\1"),
    (r"^unrecognized arguments: (.*)$", r"不认识的参数：\1"),
    (r"^argument (\S+): invalid choice: (.*) \(choose from (.*)\)$", r"\1 不能是 \2，可选：\3"),
    (r"^argument (\S+): expected one argument$", r"\1 后面要写一个值"),
    (r"^argument (\S+): expected at least one argument$", r"\1 后面至少要写一个值"),
    (r"^argument (\S+): expected at most one argument$", r"\1 后面最多写一个值"),
    (r"^argument (\S+): not allowed with argument (\S+)$", r"\1 不能与 \2 同时使用"),
    (r"^argument (\S+): ignored explicit argument (.*)$", r"\1 后面不能写值（写了 \2）"),
    (r"^ambiguous option: (\S+) could match (.*)$", r"选项 \1 不明确，可能是 \2"),
    (r"^argument (\S+): (.*)$", r"\1：\2"),  # our own type checks, already in Chinese
]
# What a value is called in `usage` and the option list (argparse would say ROOT, FILE…).
_METAVARS = {
    "root": "文件夹",
    "out": "路径",
    "config": "文件",
    "sheet": "工作表",
    "kind": "类型",
    "scale": "数量",
    "update": "文件",
    "id": "编号",
    "code": "问题代码",
    "file": "文件",
    "files": "文件",
    "base": "基准版本",
    "head": "新版本",
}


def chinese(message: str) -> str:
    """An argparse error message in Chinese (one it does not know stays as it is)."""
    for pattern, replacement in _ARGPARSE_WORDS:
        if re.match(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse in Chinese: usage, headings, -h, the names of values, and usage errors (exit 2)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        add_help = kwargs.get("add_help", True)
        kwargs["add_help"] = False  # our own -h, worded in Chinese
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument(
                "-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出"
            )

    def add_argument(self, *args, **kwargs):
        dest = kwargs.get("dest") or args[-1].lstrip("-").replace("-", "_")
        takes_value = kwargs.get("action") in (None, "append") and "choices" not in kwargs
        metavar = kwargs.get("metavar")
        if takes_value and dest in _METAVARS and (metavar is None or str(metavar).isupper()):
            kwargs["metavar"] = _METAVARS[dest]
        return super().add_argument(*args, **kwargs)

    def error(self, message: str):  # usage errors exit 2 with a Chinese line
        self.print_usage(sys.stderr)
        self.exit(2, f"catalog: 用法错误（usage error）：{chinese(message)}\n")


def _kind(value: str) -> str:
    found = kind_of(value)
    if found is None:
        choices = "、".join(kind.singular for kind in KINDS.values())
        raise argparse.ArgumentTypeError(f"不认识的记录类型 {value!r}，可选：{choices}")
    return found.folder


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"应当是正整数，现在是 {value!r}")
    return int(value)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="catalog", description="党员教育培训菜单：记录检查与维护工具")
    parser.add_argument(
        "--root",
        type=Path,
        default=Path("."),
        help="目录根（含 vocabulary.yml 与 courses/ 等文件夹），默认当前目录",
    )
    sub = parser.add_subparsers(
        dest="command", required=True, parser_class=_Parser, title="命令", metavar="命令"
    )

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help, description=help)

    check = command("check", "检查全部记录，列出所有问题")
    check.add_argument(
        "--format",
        choices=sorted(RENDERERS),
        default="text",
        help="输出格式：text（默认）、json、github、gitlab",
    )
    check.add_argument(
        "--all",
        action="store_true",
        help="逐条列出每个问题（默认：许多文件的同一个问题只列一次，并注明共有多少）",
    )
    check.add_argument(
        "--no-cache",
        action="store_true",
        help="不用也不写检查缓存 .cache/catalog/（默认：只重新读取内容变了的文件）",
    )
    check.set_defaults(run=_run_check)

    new = command("new", "新建一条带说明的记录模板")
    new.add_argument("kind", type=_kind, help="course、teacher、site 或 route")
    new.add_argument("id", help="记录 id（即文件名），小写字母、数字和连字符")
    new.add_argument("--force", action="store_true", help="覆盖已有文件")
    new.set_defaults(run=_run_new)

    schema = command("schema", "生成每类记录的 JSON Schema")
    schema.add_argument("--out", type=Path, default=Path("schemas"), help="输出文件夹")
    schema.set_defaults(run=_run_schema)

    codes = command("codes", "列出 catalog check 等命令报告的全部问题代码，或说明其中一个")
    codes.add_argument("code", nargs="?", default=None, help="问题代码，如 fullwidth-colon（不写则列出全部）")
    codes.add_argument(
        "--markdown", action="store_true", help="输出编辑指南里“常见错误”一节的生成部分（Markdown）"
    )
    codes.add_argument(
        "--update",
        type=Path,
        default=None,
        metavar="FILE",
        help="把生成部分写进这个文件（两个标记注释之间），如 docs/editor-guide.md",
    )
    codes.set_defaults(run=_run_codes)

    orders = command("orders", "读取各单位导出的点单 CSV，汇总派单，列出冲突和待协调的点单")
    orders.add_argument("files", nargs="+", help="点单 CSV 文件（也可给文件夹）")
    orders.add_argument(
        "--root", type=Path, default=argparse.SUPPRESS, help="目录根（也可写在 orders 之前），默认当前目录"
    )
    orders.add_argument(
        "--out",
        type=Path,
        default=None,
        help="写出汇总（dispatch.csv、dispatch.md）和派单计划表（派单计划.xlsx）的文件夹；"
        "同时把新的点单记入派单计划（dispatch/）",
    )
    orders.set_defaults(run=_run_orders)

    plan = command("plan", "把组织部门填好的派单计划表导入派单计划（dispatch/），网站据此生成培训日程和回单")
    plan.add_argument("file", type=Path, help="派单计划表：catalog orders --out 写出的 派单计划.xlsx")
    plan.add_argument("--root", type=Path, default=argparse.SUPPRESS, help="目录根，默认当前目录")
    plan.set_defaults(run=_run_plan)

    demo = command("demo", "生成指定规模的演示目录（合成数据，用于基准测试）")
    demo.add_argument(
        "--scale", type=_positive, required=True, help="课程数 N（师资 N/3、点位 N/5、路线 N/25）"
    )
    demo.add_argument("--out", type=Path, required=True, help="输出文件夹（须为空或不存在）")
    demo.add_argument("--force", action="store_true", help="文件夹不空时也写入，覆盖之前生成的记录")
    demo.set_defaults(run=_run_demo)

    importer = command("import", "把 Excel/WPS 表格（.xlsx 或 .csv）导入为记录文件")
    importer.add_argument("kind", type=_kind, help="teacher、course、site 或 route")
    importer.add_argument("file", type=Path, metavar="FILE", help="表格文件（.xlsx 或 .csv）")
    importer.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="表头=字段",
        help="指定表头对应的字段，如 --map 擅长=directions；“表头=”表示忽略这一列；可重复",
    )
    importer.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="表头=值",
        help="表格里没有这一列（或单元格空着）时，每行都用这个值，如 --set 类型=党组织书记；可重复",
    )
    importer.add_argument(
        "--pick",
        action="append",
        default=[],
        metavar="名字=id",
        help="两条记录同名时，说明本表里这个名字指哪一条，如 --pick 王艳=wang-yan-2；可重复",
    )
    importer.add_argument("--sheet", default=None, help="工作表名称（默认：与类型同名的工作表或当前工作表）")
    importer.add_argument("--force", action="store_true", help="覆盖已有记录（表格里没有的列保留原值）")
    importer.add_argument("--format", choices=sorted(RENDERERS), default="text", help="问题的输出格式")
    importer.add_argument("--all", action="store_true", help="逐条列出每个问题（默认：同样的问题只列一次）")
    importer.add_argument("--root", type=Path, default=argparse.SUPPRESS, help="目录根，默认当前目录")
    importer.set_defaults(run=_run_import)

    export = command("export", "把记录导出为 Excel（.xlsx）或 CSV 表格")
    export.add_argument("--format", choices=["xlsx", "csv"], default="xlsx", help="xlsx（默认）或 csv")
    export.add_argument("--kind", type=_kind, default=None, help="只导出一类记录（默认全部）")
    export.add_argument(
        "--out", type=Path, required=True, help="xlsx：文件（或文件夹）；csv：文件夹（每类一个 CSV）"
    )
    export.add_argument("--with-contact", action="store_true", help="同时导出个人联系方式（默认不导出）")
    export.add_argument("--root", type=Path, default=argparse.SUPPRESS, help="目录根，默认当前目录")
    export.set_defaults(run=_run_export)

    render = command(
        "render", "把网站的生成部分写成普通文件（Markdown 页面和资源），供 Zensical 等生成器构建"
    )
    render.add_argument("--out", type=Path, required=True, help="输出文件夹（会被整个替换）")
    render.add_argument("--config", type=Path, default=None, help="站点配置文件，默认目录根下的 mkdocs.yml")
    render.add_argument("--root", type=Path, default=argparse.SUPPRESS, help="目录根，默认当前目录")
    render.set_defaults(run=_run_render)

    diff = command("diff", "比较两个 git 版本的记录变化，输出供合并请求评论用的 Markdown")
    diff.add_argument("base", metavar="BASE", help="基准版本，如 main、origin/main、HEAD~1")
    diff.add_argument("head", metavar="HEAD", nargs="?", default=None, help="新版本（默认：当前工作区）")
    diff.add_argument("--root", type=Path, default=argparse.SUPPRESS, help="目录根，默认当前目录")
    diff.set_defaults(run=_run_diff)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not args.root.is_dir():
        print(f"catalog: 目录不存在（no such folder）：{args.root}", file=sys.stderr)
        return 2
    return args.run(args)


def _run_check(args) -> int:
    from catalog.core.report import render_grouped, summary
    from catalog.load.cache import Summary
    from catalog.load.summary import check_summary
    from catalog.load.validate import check_catalog

    if args.no_cache:
        result = check_catalog(args.root)
        checked = Summary(result.problems, len(result.catalog), result.file_count)
    else:
        checked = check_summary(args.root)  # from the cache when nothing has changed
    if args.format == "text":
        output = render_grouped(checked.problems, every=args.all)
    else:
        output = RENDERERS[args.format](checked.problems)  # tools get every problem
    if output:
        print(output)
    if args.format == "text":
        print(summary(checked.problems, checked.records, checked.files))
    return 1 if any(p.is_error for p in checked.problems) else 0


def _run_new(args) -> int:
    from catalog.editors.scaffold import write_scaffold

    return write_scaffold(args.root, args.kind, args.id, force=args.force)


def _run_schema(args) -> int:
    from catalog.editors.schema import write_schemas

    for path in write_schemas(args.root, args.out):
        print(path)
    return 0


def _run_codes(args) -> int:
    from catalog.editors.problem_guide import run_codes

    return run_codes(args.code, markdown_out=args.markdown, update=args.update)


def _run_orders(args) -> int:
    from catalog.orders.command import run_orders

    return run_orders(args.files, args.root, args.out)


def _run_plan(args) -> int:
    from catalog.orders.plan_import import run_plan_import

    return run_plan_import(args.root, args.file)


def _run_demo(args) -> int:
    from catalog.demo.synthetic import write_demo

    return write_demo(args.root, args.out, args.scale, force=args.force)


def _run_import(args) -> int:
    from catalog.editors.importing.sheet import run_import

    return run_import(
        args.root,
        args.kind,
        args.file,
        maps=args.map,
        force=args.force,
        sheet_name=args.sheet,
        output_format=args.format,
        every=args.all,
        sets=args.set,
        picks=args.pick,
    )


def _run_export(args) -> int:
    from catalog.editors.exporter import run_export

    kinds = [args.kind] if args.kind else list(KINDS)
    return run_export(args.root, args.format, args.out, kinds, with_contact=args.with_contact)


def _run_diff(args) -> int:
    from catalog.editors.diff import run_diff

    return run_diff(args.root, args.base, args.head)


def _run_render(args: argparse.Namespace) -> int:
    from catalog.site.render import run_render

    return run_render(args.root, args.config or args.root / "mkdocs.yml", args.out)
