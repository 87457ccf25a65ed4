"""Order files as units' browsers write them, made here without the code under test.

The order number is computed from its definition (docs/orders.md, "单号"): the day, four
letters from the top 20 bits of FNV-1a (32 bit) of the unit's name in UTF-8 (NFKC, spaces
removed), Crockford's base 32 in lower case, and a tail. `fnv1a` is checked against the
published FNV test vectors in tests/test_order_rules.py.
"""

from __future__ import annotations

import csv
import io
import unicodedata

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
HEADER = [
    "单号", "单位名称", "联系人", "联系电话", "类型", "编号", "名称", "开始日期", "结束日期", "人数", "备注",
]  # fmt: skip
KEYS = [
    "number", "unit", "contact", "phone", "kind", "id", "name", "date_from", "date_to",
    "participants", "note",
]  # fmt: skip


def fnv1a(data: bytes) -> int:
    value = 0x811C9DC5
    for byte in data:
        value = ((value ^ byte) * 0x01000193) % 2**32
    return value


def mark(unit: str) -> str:
    key = "".join(ch for ch in unicodedata.normalize("NFKC", unit) if ch not in " \t\r\n\f\v\ufeff")
    bits = fnv1a(key.encode("utf-8")) >> 12
    return "".join(ALPHABET[(bits >> shift) & 31] for shift in (15, 10, 5, 0))


def number(unit: str, day: str = "20261120", tail: str = "7q2m") -> str:
    return f"{day}-{mark(unit)}-{tail}"


def unit_row(unit_name: str, day: str = "20261120", tail: str = "7q2m", **fields) -> dict:
    """One row of a unit's order, with its number, contact and phone filled in."""
    return {
        "number": number(unit_name, day, tail),
        "unit": unit_name,
        "contact": "联系人" + unit_name[:1],
        "phone": "0510-8000000",
        **fields,
    }


def order_csv(rows: list[dict], *, header: list[str] | None = None) -> bytes:
    """An order CSV: UTF-8 with BOM, CRLF, the header row, one line per item."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    labels = header or HEADER
    writer.writerow(labels)
    keys = [KEYS[HEADER.index(label)] for label in labels]
    for row in rows:
        writer.writerow(["" if row.get(key) is None else str(row.get(key)) for key in keys])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")
