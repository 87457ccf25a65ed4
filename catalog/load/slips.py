"""The slips that make a record file unreadable as YAML, found where they are and corrected.

Editors type a full-width colon (`category：党史学习`), forget the space after a colon
(`hours:3`), indent with a Tab or a full-width space. Each slip is reported where it stands,
and the file is then read as if it were corrected, so its other problems (a wrong category, a
misspelt teacher id) come out in the same run. `find_slips` finds them, `corrected` writes
the text as it was meant (an indentation slip is tried at a few widths: what a Tab stood for
is not known) with a `ColumnMap` that takes positions in the corrected text back to the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from pydantic import BaseModel

from catalog.core.codes import problem
from catalog.core.kinds import MODELS
from catalog.core.models import nested_model
from catalog.core.problems import Problem

_FULLWIDTH_KEY = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_]*)\s*(：)")
_FULLWIDTH_SPACE_AFTER_COLON = re.compile(r"^(\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_]*):(\u3000)")
_NO_SPACE_AFTER_COLON = re.compile(r"^(\s*(?:-\s+)?)([a-z_][a-z0-9_]*):(?=[^\s:])")
_FULLWIDTH_INDENTED_KEY = re.compile(r"^[ \u3000]*\u3000[ \u3000]*(?:-\s+)?[A-Za-z_][A-Za-z0-9_]*:(?:\s|$)")

INDENT_WIDTHS = ((2, 2), (4, 2), (2, 0), (4, 0), (8, 2), (8, 0))  # (a Tab, a full-width space)


def _field_names() -> frozenset[str]:
    names: set[str] = set()
    models: list[type[BaseModel]] = list(MODELS.values())
    while models:
        model = models.pop()
        for name, info in model.model_fields.items():
            names.add(name)
            inner = nested_model(info.annotation)
            if inner is not None:
                models.append(inner)
    return frozenset(names)


FIELD_NAMES = _field_names()  # `hours:3` is a slip; `http://…` or `9:00` is not


@dataclass(frozen=True)
class Edit:
    """One change to one line: `length` characters at `column` (0-based) become `text`;
    an indentation slip's text ("\\t" or "\\u3000") is widened when the line is corrected."""

    column: int
    length: int
    text: str


@dataclass
class Slip:
    problem: Problem
    line: int  # 1-based
    edit: Edit


def fullwidth_indented_keys(text: str, rel: str) -> list[Slip]:
    """Keys indented with full-width spaces: they parse, but as keys named "　　summary"."""
    if "\u3000" not in text:  # the pattern needs one: skip the line-by-line scan
        return []
    return [
        _indent_slip(rel, number, line, "\u3000")
        for number, line in enumerate(text.splitlines(), start=1)
        if _FULLWIDTH_INDENTED_KEY.match(line)
    ]


def find_slips(text: str, rel: str) -> list[Slip]:
    """Every slip of a file that YAML could not read, one problem each, where it stands."""
    slips = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t\u3000"))]
        if "\t" in indent and line.strip():
            slips.append(_indent_slip(rel, number, line, "\t"))
        elif "\u3000" in indent and line.strip():
            slips.append(_indent_slip(rel, number, line, "\u3000"))
        if match := _FULLWIDTH_KEY.match(line):
            column = match.start(3)
            after = line[column + 1 : column + 2]
            found = problem("fullwidth-colon", rel, number, column + 1, field=match.group(2))
            slips.append(Slip(found, number, Edit(column, 1, ":" if after in (" ", "") else ": ")))
        elif match := _FULLWIDTH_SPACE_AFTER_COLON.match(line):
            column = match.start(2)
            found = problem("fullwidth-space", rel, number, column + 1, variant="after-colon")
            slips.append(Slip(found, number, Edit(column, 1, " ")))
        elif (match := _NO_SPACE_AFTER_COLON.match(line)) and match.group(2) in FIELD_NAMES:
            column = match.end()
            found = problem("no-space-after-colon", rel, number, column, field=match.group(2))
            slips.append(Slip(found, number, Edit(column, 0, " ")))
    return slips


def _indent_slip(rel: str, number: int, line: str, char: str) -> Slip:
    indent = line[: len(line) - len(line.lstrip(" \t\u3000"))]
    column = indent.index(char)
    found = (
        problem("tab-indent", rel, number, column + 1)
        if char == "\t"
        else problem("fullwidth-space", rel, number, column + 1)
    )
    return Slip(found, number, Edit(0, len(indent), indent))  # the whole indentation, widened later


@dataclass
class ColumnMap:
    """Columns of the corrected text back to columns of the file, line by line (1-based)."""

    edits: dict[int, list[tuple[int, int, int]]] = field(default_factory=dict)  # (column, old, new)

    def original(self, line: int, column: int) -> int:
        shift = 0
        for start, old, new in self.edits.get(line, ()):
            at = start + shift  # where the edit begins in the corrected line (0-based)
            if column - 1 < at:
                break
            if column - 1 < at + new:
                return start + 1
            shift += new - old
        return column - shift


def corrected(text: str, slips: list[Slip]) -> Iterator[tuple[str, ColumnMap]]:
    """The text with every slip corrected, once per indentation width worth trying."""
    by_line: dict[int, list[Edit]] = {}
    for slip in slips:
        by_line.setdefault(slip.line, []).append(slip.edit)
    indented = any(slip.edit.length and not slip.edit.column for slip in slips)
    widths = INDENT_WIDTHS if indented else INDENT_WIDTHS[:1]
    for tab, ideographic in widths:
        lines = text.split("\n")
        mapping = ColumnMap()
        for number, edits in by_line.items():
            line = lines[number - 1]
            done: list[tuple[int, int, int]] = []
            for edit in sorted(edits, key=lambda e: e.column, reverse=True):
                new = _widened(edit, tab, ideographic)
                line = line[: edit.column] + new + line[edit.column + edit.length :]
                done.append((edit.column, edit.length, len(new)))
            lines[number - 1] = line
            mapping.edits[number] = sorted(done)
        yield "\n".join(lines), mapping


def _widened(edit: Edit, tab: int, ideographic: int) -> str:
    if not edit.length or edit.column:  # not an indentation
        return edit.text
    return edit.text.replace("\t", " " * tab).replace("\u3000", " " * ideographic)
