"""How the project reads a plain YAML scalar: the YAML 1.2 core schema, the one place.

PyYAML resolves plain scalars as YAML 1.1 does: `yes`, `on`, `off`, `no` are booleans,
`1:30` is 90 (base 60), `0x1F` is 31, `012` is 10, `1_000` is 1000. Editors write
`publish_contacts: yes` or `hours: 1:30` and get a value they did not mean, silently.
Every reader of YAML in the project (records, vocabulary.yml, dispatch/ plan files,
mkdocs.yml's `extra.menu`) resolves scalars with `CoreResolver` and builds them with
`CoreConstructor`, so they all agree:

- booleans: only `true`/`false` (also `True`, `TRUE`, `False`, `FALSE`);
- null: `null`, `Null`, `NULL`, `~` and nothing at all;
- integers: decimal digits with an optional sign (`012` is 12; no hex, octal, base 60
  or `_`: the core schema's `0x`/`0o` forms are left out on purpose, as nobody writes a
  number of hours in hex and `0x1F` as 31 is a surprise), floats: decimal with an optional
  exponent, `.inf`, `.nan`;
- dates: `2024-05-01` (and the YAML timestamp forms), which the core schema lacks but
  every record's `reviewed` needs; a date that does not exist stays an error;
- `<<` is still recognised as a merge key, so that it can be refused where it is written;
- everything else (`yes`, `on`, `1:30`, `0x1F`, `=`) is a string, and a field that wants
  a number or true/false says so in its own message.

`CoreLoader` (libyaml's parser when available) composes or loads with these rules.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.resolver import BaseResolver

_TAG = "tag:yaml.org,2002:"

_IMPLICIT: list[tuple[str, re.Pattern[str], str]] = [
    ("bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    ("null", re.compile(r"^(?:~|null|Null|NULL|)$"), "~nN"),
    ("int", re.compile(r"^[-+]?[0-9]+$"), "-+0123456789"),
    (
        "float",
        re.compile(
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        "-+0123456789.",
    ),
    (
        "timestamp",
        re.compile(
            r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
            |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
             (?:[Tt]|[ \t]+)[0-9][0-9]?
             :[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
             (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
            re.X,
        ),
        "0123456789",
    ),
    ("merge", re.compile(r"^<<$"), "<"),
]


class CoreResolver(BaseResolver):
    """Plain scalars resolved by the YAML 1.2 core schema (decimal numbers only), plus dates."""


for _name, _regexp, _first in _IMPLICIT:
    CoreResolver.add_implicit_resolver(_TAG + _name, _regexp, list(_first))
CoreResolver.add_implicit_resolver(_TAG + "null", re.compile(r"^$"), [""])


class CoreConstructor(SafeConstructor):
    """SafeConstructor with YAML 1.2 numbers and booleans, also for explicit `!!int` tags."""

    def construct_yaml_bool(self, node: yaml.Node) -> bool:
        value = self.construct_scalar(node)  # type: ignore[arg-type]
        if value in ("true", "True", "TRUE"):
            return True
        if value in ("false", "False", "FALSE"):
            return False
        raise ConstructorError(None, None, f"not true or false: {value!r}", node.start_mark)

    def construct_yaml_int(self, node: yaml.Node) -> int:
        value = str(self.construct_scalar(node))  # type: ignore[arg-type]
        if not re.fullmatch(r"[-+]?[0-9]+", value):
            raise ConstructorError(None, None, f"not a decimal integer: {value!r}", node.start_mark)
        return int(value, 10)

    def construct_yaml_float(self, node: yaml.Node) -> float:
        value = str(self.construct_scalar(node))  # type: ignore[arg-type]
        lowered = value.lower()
        if lowered in (".inf", "+.inf"):
            return float("inf")
        if lowered == "-.inf":
            return float("-inf")
        if lowered == ".nan":
            return float("nan")
        if "_" in value or ":" in value:
            raise ConstructorError(None, None, f"not a decimal number: {value!r}", node.start_mark)
        return float(value)


CoreConstructor.add_constructor(_TAG + "bool", CoreConstructor.construct_yaml_bool)  # type: ignore[type-var]
CoreConstructor.add_constructor(_TAG + "int", CoreConstructor.construct_yaml_int)  # type: ignore[type-var]
CoreConstructor.add_constructor(_TAG + "float", CoreConstructor.construct_yaml_float)  # type: ignore[type-var]


try:
    from yaml import cyaml as _cyaml

    _CParser: Any = getattr(_cyaml, "CParser")  # noqa: B009 - libyaml: much faster; PyYAML wheels ship it
except (ImportError, AttributeError):  # pragma: no cover
    _CParser = None

if _CParser is not None:

    class CoreLoader(_CParser, CoreConstructor, CoreResolver):
        """libyaml's parser with the project's scalar rules (compose, load)."""

        def __init__(self, stream: str | bytes) -> None:
            _CParser.__init__(self, stream)
            CoreConstructor.__init__(self)
            CoreResolver.__init__(self)

else:  # pragma: no cover

    class CoreLoader(  # type: ignore[no-redef]
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        yaml.composer.Composer,
        CoreConstructor,
        CoreResolver,
    ):
        """PyYAML's pure-Python parser with the project's scalar rules."""

        def __init__(self, stream: str | bytes) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            CoreConstructor.__init__(self)
            CoreResolver.__init__(self)
