"""The plan's files (`dispatch/<单号>.yml`): found, read with positions, validated, written.

Every file under `dispatch/` is a plan file or a reported problem, like the other data
folders. A file is read with the records' YAML reader (catalog.load.yamlsource: positions,
duplicate keys, full-width colons, GBK) and validated with Pydantic, whose errors become
the same plain-Chinese problems as a record's. Files are written back in one fixed layout,
so running the tools twice gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

import yaml
from pydantic import ValidationError

from catalog.core.codes import problem
from catalog.core.kinds import kind_of
from catalog.core.models import Record
from catalog.core.problems import Problem
from catalog.load.discover import display_path, outside, walk
from catalog.load.pydantic_errors import translate
from catalog.load.yamlsource import SourceFile, read_source
from catalog.orders.number import EXAMPLE, parse_number
from catalog.orders.plan import ORDER_FIELDS, Plan, PlanEntry, PlanOrder

FOLDER = "dispatch"
SUFFIXES = (".yml", ".yaml")


def plan_files(root: Path) -> tuple[dict[str, Path], list[Problem]]:
    """number → file of every plan file; every other file under dispatch/ is a problem."""
    folder = root / FOLDER
    found: dict[str, Path] = {}
    problems: list[Problem] = []
    if not folder.is_dir():
        return found, problems
    if outside(folder, root):  # a linked folder or file is judged like a record's (load/discover.py)
        return found, [problem("outside-link", FOLDER, 1, 1)]
    paths = []
    for dirpath, dirnames, filenames in walk(folder, root, problems):
        here = Path(dirpath)
        for name in dirnames:
            if (here / name).is_symlink():
                rel = display_path((here / name).relative_to(root).as_posix())
                if outside(here / name, root):
                    problems.append(problem("outside-link", rel, 1, 1))
                else:
                    problems.append(problem("linked-folder", rel, 1, 1))
        paths += [here / name for name in filenames]
    for path in sorted(paths):
        rel = display_path(path.relative_to(root).as_posix())
        hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
        if hidden:
            if path.suffix.lower() in SUFFIXES:
                problems.append(problem("hidden-file", rel, 1, 1))
            continue
        if path.is_symlink() and not path.exists():
            problems.append(problem("broken-link", rel, 1, 1))
            continue
        if path.is_symlink() and outside(path, root):
            problems.append(problem("outside-link", rel, 1, 1))
            continue
        if path.parent != folder:
            problems.append(problem("nested-record", rel, 1, 1, folder=FOLDER))
        elif path.suffix.lower() not in SUFFIXES:
            problems.append(problem("not-a-record", rel, 1, 1, folder=FOLDER))
        elif (number := parse_number(path.stem)) is None or str(number) != path.stem:
            problems.append(problem("plan-bad-number", rel, 1, 1, name=path.name, example=EXAMPLE))
        else:
            found[path.stem] = path
    return found, problems


def read_plan(root: Path) -> tuple[Plan, list[Problem]]:
    """The plan of a catalog (empty without dispatch/) and the problems of reading it."""
    files, problems = plan_files(root)
    plan = Plan()
    for number, path in files.items():
        rel = display_path(path.relative_to(root).as_posix())
        source = read_source(path, rel)
        problems += source.problems
        if not isinstance(source.data, dict):
            continue
        order = _validate(source, problems)
        if order is not None:
            add_order(plan, number, order, yaml_locator(source), rel)
    return plan, problems


def _validate(source: SourceFile, problems: list[Problem]) -> PlanOrder | None:
    try:
        return PlanOrder.model_validate(source.data)
    except ValidationError as exc:
        for detail in exc.errors(include_url=False):
            loc = tuple(detail["loc"])
            if any(loc[:n] in source.broken for n in range(1, len(loc) + 1)):
                continue
            problems.append(translate(dict(detail), cast(type[Record], PlanOrder), source))
        return None


def yaml_locator(source: SourceFile):
    """Where a field of an order (or of its item `index`) stands in its file."""

    def locate_for(index: int):
        def locate(name: str) -> tuple[str, int, int]:
            loc: tuple[int | str, ...] = (name,) if name in ORDER_FIELDS else ("items", index, name)
            return (source.path, *source.position(loc))

        return locate

    return locate_for


def add_order(plan: Plan, number: str, order: PlanOrder, locator, path: str) -> None:
    """Put an order and its items into a plan (`locator(i)` says where item i's values stand)."""
    plan.put(number, order, locator, path)


# --- writing ----------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _str)

HEADER = (
    "# 派单计划：单号 {number}。单位点的内容由 `catalog orders` 从点单表记入；\n"
    "# 各项的决定（status 状态、confirmed_from/confirmed_to 确认日期、teacher 师资、site 点位、\n"
    "# reply 给单位的说明）由 `catalog plan` 从派单计划表导入，也可以直接在这里修改。\n"
)


def order_yaml(number: str, order: PlanOrder) -> str:
    """The file text of one order: a header saying what it is, then its fields."""
    data: dict[str, object] = {"unit": order.unit}
    if order.contact:
        data["contact"] = order.contact
    if order.phone:
        data["phone"] = order.phone
    data["items"] = [_entry(entry) for entry in order.items]
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    return HEADER.format(number=number) + body


def _entry(entry: PlanEntry) -> dict[str, object]:
    dumped = entry.model_dump()
    kind = kind_of(entry.kind)
    dumped["kind"] = kind.name if kind else entry.kind  # the Chinese name: 课程
    return {key: value for key, value in dumped.items() if value not in (None, "") or key == "status"}


def write_order(root: Path, number: str, order: PlanOrder) -> Path:
    path = root / FOLDER / f"{number}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(order_yaml(number, order), encoding="utf-8", newline="\n")
    return path
