"""Problems found in a catalog: plain values, rendered late.

A problem is data (where, how bad, what code, what message, what fix), in the spirit of
Pydantic's error list. The command line and the MkDocs hook only *render* the same list,
as text lines `PATH:LINE:COL: error|warning: message` or as JSON for tools.

The engine makes problems with `catalog.core.codes.problem`, which takes the severity and
the wording from the table of codes; `error` and `warning` here are the plain builders.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one file.

    `path` is relative to the catalog root, with forward slashes. `line` and `column` are
    1-based; a problem about a whole file points at 1:1.
    """

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def text(self) -> str:
        hint = f"（建议：{self.hint}）" if self.hint else ""
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}{hint}"

    def as_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = str(self.severity)
        return data


def clip(text: str, limit: int = 60) -> str:
    """A value short enough to quote in a message (a pasted page stays one line)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def error(path: str, line: int, column: int, code: str, message: str, hint: str = "") -> Problem:
    return Problem(path, line, column, Severity.ERROR, code, message, hint)


def warning(path: str, line: int, column: int, code: str, message: str, hint: str = "") -> Problem:
    return Problem(path, line, column, Severity.WARNING, code, message, hint)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.column, p.code, p.message))


def render_text(problems: list[Problem]) -> str:
    """One line per problem (catalog.core.report groups them for people)."""
    return "\n".join(p.text() for p in problems)


def render_json(problems: list[Problem]) -> str:
    return json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2)


def _escape_github(value: str, *, property_value: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def render_github(problems: list[Problem]) -> str:
    """GitHub / Gitea / Forgejo workflow commands: one annotation per problem."""
    lines = []
    for p in problems:
        level = "error" if p.is_error else "warning"
        props = ",".join(
            f"{key}={_escape_github(str(value), property_value=True)}"
            for key, value in (("file", p.path), ("line", p.line), ("col", p.column), ("title", p.code))
        )
        message = p.message + (f"（建议：{p.hint}）" if p.hint else "")
        lines.append(f"::{level} {props}::{_escape_github(message)}")
    return "\n".join(lines)


def render_gitlab(problems: list[Problem]) -> str:
    """GitLab Code Quality report (a JSON list of issues with stable fingerprints)."""
    import hashlib

    issues = []
    seen: dict[tuple[str, str, str], int] = {}
    for p in problems:
        # Stable when lines move (GitLab compares base and head reports by fingerprint):
        # no line number, but a count to keep identical problems in one file apart.
        key = (p.path, p.code, p.message)
        seen[key] = seen.get(key, 0) + 1
        fingerprint = hashlib.sha256(f"{p.path}:{p.code}:{p.message}:{seen[key]}".encode()).hexdigest()
        issues.append(
            {
                "description": p.message + (f"（建议：{p.hint}）" if p.hint else ""),
                "check_name": p.code,
                "fingerprint": fingerprint,
                "severity": "major" if p.is_error else "minor",
                "location": {"path": p.path, "lines": {"begin": p.line}},
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2)


RENDERERS = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
    "gitlab": render_gitlab,
}
