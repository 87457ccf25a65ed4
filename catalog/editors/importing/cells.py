"""One spreadsheet cell as a field value: trimmed, converted by the column's value type.

Cells are what Excel and WPS keep: full-width and no-break spaces, "50人", "1.5学时",
Excel dates and "2024年5月1日", 是/否, our own `'` guard in front of a formula character.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from catalog.core.codes import problem
from catalog.core.models import ID_PATTERN
from catalog.core.problems import Problem
from catalog.editors.columns import KIND_STATUS_WORDS, NO, STATUS_WORDS, YES, Column
from catalog.tabular.writing import unguard_formula

MULTI_SPLIT = re.compile(r"[、，,;；\n]+")

_SPACES = str.maketrans(
    {"\u3000": " ", "\xa0": " ", "\u2002": " ", "\u2003": " ", "\u200b": "", "\ufeff": ""}
)


def clean_cell(cell: object) -> object:
    """Trim a cell (full-width and no-break spaces too); blank → None."""
    if isinstance(cell, str):
        text = cell.translate(_SPACES).replace("\r\n", "\n").replace("\r", "\n")
        text = "\n".join(line.strip() for line in text.split("\n")).strip()
        text = re.sub(r"\n{3,}", "\n\n", text)
        return unguard_formula(text) or None  # the text marker of our own exports
    return cell


def _as_text(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _number_text(value: object) -> str:
    return unicodedata.normalize("NFKC", _as_text(value)).replace(" ", "")


_DATE_FORMS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


Cell = tuple[str, int, int, str]  # where a cell is (path, row, column) and its column's title


def convert(column: Column, value: object, cell: Cell) -> tuple[object, Problem | None]:
    """(converted value, None), or (None, the problem) for one non-blank cell."""
    kind = column.value
    path, row, col, title = cell
    shown = _as_text(value)
    if kind == "text":
        return shown, None
    if kind == "list":
        if isinstance(value, str):
            return [item.strip() for item in MULTI_SPLIT.split(value) if item.strip()], None
        return [shown], None
    if kind == "int":
        if isinstance(value, int) and not isinstance(value, bool):
            return value, None
        text = _number_text(value)
        if match := re.fullmatch(r"(\d+)(?:\.0+)?(?:人|名|位|人次|人左右)?", text):
            return int(match.group(1)), None
        return None, problem("bad-cell", path, row, col, variant="int", title=title, value=shown)
    if kind == "number":
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value, None
        text = _number_text(value)
        if match := re.fullmatch(r"(-?\d+(?:\.\d+)?)(?:个)?(?:学时|课时|小时|h|°)?", text, flags=re.I):
            number = float(match.group(1))
            return (int(number) if number.is_integer() else number), None
        return None, problem("bad-cell", path, row, col, variant="number", title=title, value=shown)
    if kind == "date":
        if isinstance(value, dt.datetime):
            return value.date(), None
        if isinstance(value, dt.date):
            return value, None
        text = _number_text(value)
        for form in _DATE_FORMS:
            if match := form.match(text):
                try:
                    return dt.date(*(int(g) for g in match.groups()[:3])), None
                except ValueError:
                    break
        return None, problem("bad-cell", path, row, col, variant="date", title=title, value=shown)
    if kind == "bool":
        text = shown.strip().lower()
        if text in YES:
            return True, None
        if text in NO:
            return False, None
        return None, problem("bad-cell", path, row, col, variant="bool", title=title, value=shown)
    if kind == "status":
        text = shown.strip().lower()
        if text in STATUS_WORDS:
            return STATUS_WORDS[text], None
        if shown.strip() in KIND_STATUS_WORDS:
            return shown.strip(), None
        return None, problem("bad-cell", path, row, col, variant="status", title=title, value=shown)
    if kind == "id":
        text = shown.strip().lower()
        if ID_PATTERN.match(text):
            return text, None
        return None, problem("bad-cell", path, row, col, variant="id", title=title, value=shown)
    if kind == "stops":
        return stops_from_text(shown), None
    raise ValueError(f"column {column.field} cannot be imported")  # pragma: no cover


# Stops written in one cell: 八七会议纪念馆—毛泽东同志旧居—…, A→B, A、B (as exported), one a line.
# A plain "-" does not part stops: it is part of ids (he-shu-heng-gu-ju).
STOP_SPLIT = re.compile(r"\s*(?:[—–―→⟶➔➝＞>、；;，,\n]+|\s-+\s|-{2,}|->)\s*")
STOP_MINUTES = re.compile(r"^(.*?)\s*[（(]\s*(?:约\s*)?(\d+(?:\.\d+)?)\s*(分钟|小时)\s*[）)]$")


def stops_from_text(text: str) -> list[dict]:
    """The stops a cell lists, in order: each a site (name or id) and, if written, its minutes."""
    stops = []
    for part in STOP_SPLIT.split(text):
        part = part.strip()
        if not part:
            continue
        stop: dict = {"site": part}
        if match := STOP_MINUTES.match(part):
            minutes = float(match.group(2)) * (60 if match.group(3) == "小时" else 1)
            stop = {
                "site": match.group(1).strip(),
                "minutes": int(minutes) if minutes.is_integer() else minutes,
            }
        stops.append(stop)
    return stops


def put(data: dict, path: str, value: object) -> None:
    *parents, last = path.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[last] = value


def get(data: dict, path: str) -> object:
    for part in path.split("."):
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data
