"""The checks of one ordered item (`ORDER_RULES` in catalog.orders.format), run in Python.

The order page runs the same rules, from the same data, in assets/order.js before it lets
a unit export; `catalog orders` runs them here on every row it reads back. A check kind is
one small function here and one there, and has one problem code; for each field only the
first rule that fails is reported, on both sides. tests/test_order_rules.py feeds the same
items to both and compares what they find.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from catalog.core.codes import problem
from catalog.core.kinds import held_up
from catalog.core.models import Record
from catalog.core.problems import Problem
from catalog.core.relations import Catalog
from catalog.orders.format import CHECK_CODES, DATE_PATTERN, LABELS, ORDER_FORMAT, ORDER_RULES, STATUSES

_DATE = re.compile(DATE_PATTERN)


@dataclass(frozen=True)
class Finding:
    """One failed rule: the field it is shown at, its code and variant, the message's values."""

    field: str
    code: str
    variant: str = ""
    values: dict[str, object] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class Context:
    """What the rules need besides the item: the record (its capacity, status and what it
    needs that cannot be ordered now) and the order's day."""

    capacity: int | None = None
    ordered: dt.date | None = None  # None when the order has no number of its own
    kind: str = ""  # "" when the record is not known: no status rule applies
    label: str = ""
    status: str = ""
    reason: str = ""
    held: tuple[tuple[str, str, str], ...] = ()  # (kind, name, status) of each part held up


def parse_date(text: str) -> dt.date:
    """A date as units and spreadsheets write it: 2026-05-10, 2026/5/10, 2026年5月10日."""
    match = _DATE.match(unicodedata.normalize("NFKC", text).strip())
    if not match:
        raise ValueError("not a date")
    return dt.date(*(int(part) for part in match.groups()))


def _date_or_none(text: str) -> dt.date | None:
    try:
        return parse_date(text)
    except ValueError:
        return None


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _required(rule: dict, values: Mapping[str, str], context: Context) -> Finding | None:
    if _norm(values.get(rule["field"], "")):
        return None
    return Finding(rule["field"], CHECK_CODES["required"], values={"label": LABELS[rule["field"]]})


def _date(rule: dict, values: Mapping[str, str], context: Context) -> Finding | None:
    text = _norm(values.get(rule["field"], ""))
    if not text:
        return None
    label = LABELS[rule["field"]]
    if not _DATE.match(text):
        return Finding(rule["field"], CHECK_CODES["date"], values={"label": label, "text": text})
    if _date_or_none(text) is None:
        return Finding(rule["field"], CHECK_CODES["date"], "unreal", {"label": label, "text": text})
    return None


def _not_before_order(rule: dict, values: Mapping[str, str], context: Context) -> Finding | None:
    day = _date_or_none(values.get(rule["field"], ""))
    if day is None or context.ordered is None or day >= context.ordered:
        return None
    found: dict[str, object] = {
        "label": LABELS[rule["field"]],
        "date": day.isoformat(),
        "ordered": context.ordered.isoformat(),
    }
    return Finding(rule["field"], CHECK_CODES["not_before_order"], values=found)


def _after(rule: dict, values: Mapping[str, str], context: Context) -> Finding | None:
    end = _date_or_none(values.get(rule["field"], ""))
    start = _date_or_none(values.get(rule["other"], ""))
    if end is None or start is None or end >= start:
        return None
    found: dict[str, object] = {"end": end.isoformat(), "start": start.isoformat()}
    return Finding(rule["field"], CHECK_CODES["after"], values=found)


def whole_number(rule: dict, text: str) -> int | None:
    """The whole number written (perhaps 0 or negative), None when it is not one."""
    text = _norm(text)
    if not re.fullmatch(rule["pattern"], text):
        return None
    return int(float(text))


def _whole(rule: dict, values: Mapping[str, str], context: Context) -> Finding | None:
    text = _norm(values.get(rule["field"], ""))
    if not text:
        return None
    number = whole_number(rule, text)
    if number is None:
        return Finding(rule["field"], CHECK_CODES["whole"], values={"text": text})
    if number < rule["min"]:
        return Finding(rule["field"], CHECK_CODES["whole"], "positive", {"text": text})
    return None


def _capacity(rule: dict, values: Mapping[str, str], context: Context) -> Finding | None:
    whole = next(r for r in ORDER_RULES if r["check"] == "whole" and r["field"] == rule["field"])
    number = whole_number(whole, values.get(rule["field"], ""))
    if number is None or context.capacity is None or number <= context.capacity:
        return None
    return Finding(
        rule["field"], CHECK_CODES["capacity"], values={"count": number, "capacity": context.capacity}
    )


def _orderable(rule: dict, values: Mapping[str, str], context: Context) -> Finding | None:
    status = STATUSES.get(context.kind, {}).get(context.status)
    if status is None or status["orderable"]:
        return None
    found: dict[str, object] = {
        "what": ORDER_FORMAT["kinds"][context.kind],
        "label": context.label,
        "id": _norm(values.get(rule["field"], "")),
        "status": status["label"],
        "reason": "：" + context.reason if context.reason else "",
    }
    return Finding(rule["field"], CHECK_CODES["orderable"], values=found)


def _held_up(rule: dict, values: Mapping[str, str], context: Context) -> Finding | None:
    if not context.held or context.kind not in STATUSES:
        return None
    parts = [
        f"{ORDER_FORMAT['kinds'][kind]}“{name}”（{STATUSES[kind][status]['label']}）"
        for kind, name, status in context.held
    ]
    found: dict[str, object] = {
        "what": ORDER_FORMAT["kinds"][context.kind],
        "label": context.label,
        "held": "、".join(parts),
    }
    return Finding(rule["field"], CHECK_CODES["held_up"], values=found)


CHECKS: dict[str, Callable[[dict, Mapping[str, str], Context], Finding | None]] = {
    "required": _required,
    "date": _date,
    "not_before_order": _not_before_order,
    "after": _after,
    "whole": _whole,
    "capacity": _capacity,
    "orderable": _orderable,
    "held_up": _held_up,
}


def status_context(context: Context, record: Record, catalog: Catalog) -> Context:
    """The context with what the status rules read of a record (as the order digest has it)."""
    return dataclasses.replace(
        context,
        kind=record.kind,
        label=record.label,
        status=record.status,
        reason=record.status_reason or "",
        held=held_parts(record, catalog),
    )


def held_parts(record: Record, catalog: Catalog) -> tuple[tuple[str, str, str], ...]:
    return tuple((other.kind, other.label, other.status) for other in held_up(record, catalog))


def check_item(values: Mapping[str, str], context: Context) -> list[Finding]:
    """Every field's first failed rule, in the order of ORDER_RULES."""
    found: dict[str, Finding] = {}
    for rule in ORDER_RULES:
        if rule["field"] in found:
            continue
        finding = CHECKS[rule["check"]](rule, values, context)
        if finding is not None:
            found[rule["field"]] = finding
    return list(found.values())


def as_problem(finding: Finding, path: str, line: int, column: int) -> Problem:
    """The problem of a finding, worded by the code table (each call names its code)."""
    v = finding.values
    if finding.code == "order-missing-field":
        return problem("order-missing-field", path, line, column, label=v["label"])
    if finding.code == "order-bad-date" and finding.variant == "unreal":
        return problem(
            "order-bad-date", path, line, column, variant="unreal", label=v["label"], text=v["text"]
        )
    if finding.code == "order-bad-date":
        return problem("order-bad-date", path, line, column, label=v["label"], text=v["text"])
    if finding.code == "order-date-past":
        return problem(
            "order-date-past", path, line, column, label=v["label"], date=v["date"], ordered=v["ordered"]
        )
    if finding.code == "order-date-order":
        return problem("order-date-order", path, line, column, end=v["end"], start=v["start"])
    if finding.code == "order-bad-participants" and finding.variant == "positive":
        return problem("order-bad-participants", path, line, column, variant="positive", text=v["text"])
    if finding.code == "order-bad-participants":
        return problem("order-bad-participants", path, line, column, text=v["text"])
    if finding.code == "order-refused":
        return problem(
            "order-refused",
            path,
            line,
            column,
            what=v["what"],
            label=v["label"],
            id=v["id"],
            status=v["status"],
            reason=v["reason"],
        )
    if finding.code == "order-held-up":
        return problem("order-held-up", path, line, column, what=v["what"], label=v["label"], held=v["held"])
    return problem("order-over-capacity", path, line, column, count=v["count"], capacity=v["capacity"])
