"""Order numbers (单号): one per exported order, from the day, the unit and a short tail.

A number reads `20261201-k7qd-3m9x`:

- `20261201`: the day the order was first exported or printed (the unit's "order date");
- `k7qd`: the unit's mark, 20 bits of an FNV-1a hash of the unit's name (NFKC, without
  spaces), so every order of one unit shows the same mark and a number copied onto another
  unit's file is noticed;
- `3m9x`: 20 random bits drawn by the browser when it issues the number (or, for an order
  file that came without one, 20 bits of a hash of that file's content).

Letters come from Crockford's base 32 in lower case (no i, l, o, u), so a number is also a
valid record id: the department's plan keeps one file per order, `dispatch/<单号>.yml`. The
browser computes the same mark with the same definition (`NUMBER_FORMAT`, handed to
assets/order.js; tests/test_order_rules.py runs both on the same names).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
PATTERN = r"^(\d{4})(\d{2})(\d{2})-([0-9a-hjkmnp-tv-z]{4})-([0-9a-hjkmnp-tv-z]{4})$"
_PATTERN = re.compile(PATTERN)
_REMOVED = re.compile(r"[ \t\r\n\f\v\ufeff]")  # after NFKC, which turns full-width spaces into these
_READING = str.maketrans({"i": "1", "l": "1", "o": "0", "－": "-", "—": "-", "–": "-"})
EXAMPLE = "20261201-k7qd-3m9x"

FNV_OFFSET, FNV_PRIME = 0x811C9DC5, 0x01000193  # FNV-1a, 32 bits
MARK_SHIFT = 12  # the top 20 bits of the 32-bit hash

# What assets/order.js needs to issue and check numbers exactly as here.
NUMBER_FORMAT = {
    "alphabet": ALPHABET,
    "pattern": PATTERN,
    "removed": _REMOVED.pattern,
    "fnv_offset": FNV_OFFSET,
    "fnv_prime": FNV_PRIME,
    "mark_shift": MARK_SHIFT,
    "example": EXAMPLE,
}


@dataclass(frozen=True)
class OrderNumber:
    day: dt.date
    mark: str
    tail: str

    def __str__(self) -> str:
        return f"{self.day:%Y%m%d}-{self.mark}-{self.tail}"


def unit_key(unit: str) -> str:
    """The unit's name as the mark is computed from it: NFKC, spaces and BOM removed."""
    return _REMOVED.sub("", unicodedata.normalize("NFKC", unit))


def fnv1a(data: bytes) -> int:
    value = FNV_OFFSET
    for byte in data:
        value = ((value ^ byte) * FNV_PRIME) & 0xFFFFFFFF
    return value


def _letters(bits20: int) -> str:
    return "".join(ALPHABET[(bits20 >> shift) & 31] for shift in (15, 10, 5, 0))


def unit_mark(unit: str) -> str:
    """The four letters every order number of this unit carries."""
    return _letters(fnv1a(unit_key(unit).encode("utf-8")) >> MARK_SHIFT)


def make_number(day: dt.date, unit: str, tail_source: bytes) -> OrderNumber:
    """A number for an order that came without one: its tail from a hash of its content."""
    return OrderNumber(day, unit_mark(unit), _letters(fnv1a(tail_source) >> MARK_SHIFT))


def parse_number(text: str) -> OrderNumber | None:
    """The number written in `text` (upper case, full-width, i/l/o read as 1/1/0), or None."""
    cleaned = unicodedata.normalize("NFKC", text).strip().lower().translate(_READING)
    match = _PATTERN.match(cleaned)
    if not match:
        return None
    year, month, day, mark, tail = match.groups()
    try:
        return OrderNumber(dt.date(int(year), int(month), int(day)), mark, tail)
    except ValueError:
        return None
