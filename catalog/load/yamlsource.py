"""Read one YAML record file into plain Python data, keeping where every value stands.

PyYAML's loaders forget positions, keep the last of two duplicate keys and expand
aliases without limit. So we only let libyaml *compose* the document into nodes (which
carry their marks) and build the Python values ourselves: every mapping key and value
gets its (line, column), duplicate keys and aliases are refused, and the mistakes editors
really make (GBK files, full-width colons, tabs) are diagnosed in plain Chinese.

Positions are only needed for messages, and most files have none. So a file is first read
the quick way (`_quick_data`: libyaml's events straight into values, no nodes, no marks),
which gives up on anything unusual (an anchor, an alias, a tag, a duplicate or non-text
key, deep nesting, any syntax error). A file it reads keeps its text, and its positions
are composed the careful way the first time a message asks for one (`SourceFile.position`);
a file it gives up on is read the careful way at once. Both ways give the same data
(tests/test_quick_read.py). PyYAML's own `yaml.load` was no help here: its Python
constructor is slower than composing nodes (1,700 against 1,000 ms for 7,967 files).
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import yaml
from yaml.constructor import ConstructorError

from catalog.core.codes import problem
from catalog.core.problems import Problem
from catalog.load.slips import ColumnMap, corrected, find_slips, fullwidth_indented_keys
from catalog.load.yamlcore import CoreConstructor, CoreLoader, CoreResolver
from catalog.tabular.text import decode

_Loader: type = CoreLoader  # libyaml, with the YAML 1.2 core scalars of catalog.load.yamlcore
_CParser: type | None = getattr(getattr(yaml, "_yaml", None), "CParser", None)  # libyaml's events

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 32
_STR_TAG = "tag:yaml.org,2002:str"

Location = tuple[int | str, ...]
Position = tuple[int, int]


@dataclass
class SourceFile:
    """A record file read from disk: its data and the position of every value and key."""

    path: str  # relative to the catalog root, posix
    data: object = None
    values: dict[Location, Position] = field(default_factory=dict)
    keys: dict[Location, Position] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    broken: set[Location] = field(default_factory=set)  # values already reported here
    pending: str | None = field(default=None, repr=False)  # read quickly: positions not composed yet

    def position(self, loc: Location, *, key: bool = False) -> Position:
        """Best position for a location: the key or value itself, else its nearest parent."""
        if self.pending is not None:
            self._compose_positions()
        table = self.keys if key else self.values
        loc = tuple(loc)
        while loc:
            if loc in table:
                return table[loc]
            if loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), (1, 1))

    def _compose_positions(self) -> None:
        """Positions of a file read quickly: composed now, the careful way, from its text."""
        text, self.pending = self.pending, None
        assert text is not None
        careful = SourceFile(self.path)
        _build(careful, cast(yaml.MappingNode, yaml.compose(text, Loader=_Loader)), text, None)
        self.values, self.keys = careful.values, careful.keys


def read_source(file: Path, rel: str) -> SourceFile:
    """Read and parse `file`; problems are collected on the result, never raised."""
    source = SourceFile(rel)
    raw = _read_bytes(file, source)
    if raw is None:
        return source
    text = _decode(raw, source)
    if text is None:
        return source
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        source.problems.append(problem("empty-file", rel, 1, 1))
        return source
    controls = _control_characters(text, rel)
    if controls:  # the YAML reader refuses them, but names only a byte offset
        source.problems.extend(controls)
        return source
    slips = fullwidth_indented_keys(text, rel)  # they parse, but as keys named "　　summary"
    if not slips and _CParser is not None and "*" not in text:
        data = _quick_data(text)
        if data is not None:
            source.data, source.pending = data, text
            return source
    if not slips:
        try:
            node = yaml.compose(text, Loader=_Loader)
        except yaml.MarkedYAMLError as exc:
            slips = find_slips(text, rel)
            if not slips:
                source.problems.append(_syntax_problem(exc, rel))
                return source
        except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
            source.problems.append(problem("yaml-syntax", rel, 1, 1, variant="unmarked", error=exc))
            return source
        except RecursionError:
            source.problems.append(_too_deep(rel, 1, 1))
            return source
        else:
            if isinstance(node, yaml.MappingNode):
                _build(source, node, text, None)
                return source
            slips = find_slips(text, rel)
            if not slips:
                line, col = _mark(node) if node is not None else (1, 1)
                source.problems.append(problem("not-mapping", rel, line, col))
                return source
    source.problems.extend(slip.problem for slip in slips)  # then read on as if corrected
    for fixed, columns in corrected(text, slips):
        try:
            node = yaml.compose(fixed, Loader=_Loader)
        except (yaml.YAMLError, RecursionError):
            continue
        if isinstance(node, yaml.MappingNode):
            _build(source, node, fixed, columns)
            break
    return source


def _build(source: SourceFile, node: yaml.MappingNode, text: str, columns: ColumnMap | None) -> None:
    if "*" in text:  # cheap test first: most files have no alias
        source.problems.extend(_aliases(text, source.path, columns))
    source.data = _Builder(source, columns).build(node, (), 0)


class _GiveUp(Exception):
    """The quick reader met something the careful reader must see."""


_QUICK_TAGS = {  # the scalar tags the quick reader builds (others: the careful reader decides)
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_RESOLVERS = CoreResolver.yaml_implicit_resolvers  # the careful reader's rules for plain scalars
_SCALAR_CONSTRUCTORS = CoreConstructor.yaml_constructors  # and how it builds them
_MERGE_TAG = "tag:yaml.org,2002:merge"


def _plain_tag(value: str) -> str:
    """The tag PyYAML's resolver gives a plain (unquoted) scalar: its `resolve`, without a node."""
    for tag, regexp in _RESOLVERS.get(value[0] if value else "", []) + _RESOLVERS.get(None, []):
        if regexp.match(value):
            return tag
    return _STR_TAG


def _quick_data(text: str) -> dict | None:
    """The file's data read from libyaml's events, or None where the careful reader is needed."""
    assert _CParser is not None
    parser = _CParser(text)
    try:
        return _Quick(parser).document()
    except (_GiveUp, yaml.YAMLError, RecursionError, ValueError, OverflowError, TypeError):
        return None
    finally:
        parser.dispose()


class _Quick:
    """Values straight from events: what `_Builder` gives for a file without anything unusual."""

    def __init__(self, parser) -> None:
        self.next = parser.get_event
        self.constructor = CoreConstructor()

    def document(self) -> dict:
        nxt = self.next
        if type(nxt()) is not yaml.StreamStartEvent or type(nxt()) is not yaml.DocumentStartEvent:
            raise _GiveUp
        event = nxt()
        if type(event) is not yaml.MappingStartEvent or event.anchor is not None or event.tag is not None:
            raise _GiveUp  # not a mapping: the careful reader says so
        data = self.mapping(1)
        if type(nxt()) is not yaml.DocumentEndEvent or type(nxt()) is not yaml.StreamEndEvent:
            raise _GiveUp  # a second document
        return data

    def mapping(self, depth: int) -> dict:
        result: dict = {}
        nxt = self.next
        while True:
            event = nxt()
            kind = type(event)
            if kind is yaml.MappingEndEvent:
                return result
            if kind is not yaml.ScalarEvent or event.anchor is not None or event.tag is not None:
                raise _GiveUp
            key = event.value
            if key in result or (event.implicit[0] and _plain_tag(key) == _MERGE_TAG):
                raise _GiveUp  # a duplicate or a merge key: reported by the careful reader
            result[key] = self.value(nxt(), depth)

    def value(self, event, depth: int) -> object:
        if depth > MAX_DEPTH or event.anchor is not None or event.tag is not None:
            raise _GiveUp
        kind = type(event)
        if kind is yaml.ScalarEvent:
            if not event.implicit[0]:  # quoted or a block scalar: text
                return event.value
            tag = _plain_tag(event.value)
            if tag == _STR_TAG:
                return event.value
            if tag not in _QUICK_TAGS:
                raise _GiveUp
            return _SCALAR_CONSTRUCTORS[tag](self.constructor, yaml.ScalarNode(tag, event.value))
        if kind is yaml.MappingStartEvent:
            return self.mapping(depth + 1)
        if kind is yaml.SequenceStartEvent:
            items: list[object] = []
            nxt = self.next
            while True:
                item = nxt()
                if type(item) is yaml.SequenceEndEvent:
                    return items
                items.append(self.value(item, depth + 1))
        raise _GiveUp  # an alias


def _aliases(text: str, rel: str, columns: ColumnMap | None) -> list[Problem]:
    """Every `*alias` where it is written (composed nodes only know the anchor)."""
    problems = []
    lines: set[int] = set()
    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark
        if isinstance(event, yaml.AliasEvent) and mark is not None and mark.line not in lines:
            lines.add(mark.line)
            name = _clip_name(event.anchor or "")
            line, col = mark.line + 1, mark.column + 1
            col = columns.original(line, col) if columns else col
            problems.append(problem("alias", rel, line, col, name=name))
            if len(problems) == _MAX_REPORTED_LINES:
                break
    return problems


def _clip_name(name: str) -> str:
    return name if len(name) <= 40 else name[:39] + "…"


def _read_bytes(file: Path, source: SourceFile) -> bytes | None:
    """The file's bytes, or None with the reason recorded (not a file, too large, unreadable)."""
    rel = source.path
    try:
        status = file.stat()
        if not stat.S_ISREG(status.st_mode):  # a pipe or device would block or never end
            source.problems.append(problem("not-a-file", rel, 1, 1))
            return None
        if status.st_size > MAX_FILE_BYTES:
            source.problems.append(
                problem("file-too-large", rel, 1, 1, size=status.st_size, limit=MAX_FILE_BYTES)
            )
            return None
        return file.read_bytes()
    except OSError as exc:
        source.problems.append(problem("unreadable", rel, 1, 1, reason=exc.strerror or exc))
        return None


def _decode(raw: bytes, source: SourceFile) -> str | None:
    decoded = decode(raw, source.path, gbk=False)  # record files are UTF-8: say how to re-save
    if decoded.problem is not None:
        source.problems.append(decoded.problem)
    return decoded.text


_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE  # what YAML refuses to read
_MAX_REPORTED_LINES = 20


def _control_characters(text: str, rel: str) -> list[Problem]:
    """Invisible characters YAML refuses, one problem per line (the first few lines)."""
    if not _NON_PRINTABLE.search(text):
        return []
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        match = _NON_PRINTABLE.search(line)
        if match is None:
            continue
        codepoint = ord(match.group())
        problems.append(problem("control-char", rel, number, match.start() + 1, codepoint=codepoint))
        if len(problems) == _MAX_REPORTED_LINES:
            break
    return problems


_SYNTAX_MESSAGES = [
    ("found duplicate anchor", "锚点名称重复"),
    ("found unexpected end of stream", "文件在引号或括号闭合之前就结束了，可能少了一个引号或括号"),
    ("found unknown escape character", "双引号字符串里有无效的转义符 \\（unknown escape）"),
    (
        "found invalid Unicode character escape code",
        "双引号字符串里的 \\u 转义不是有效字符（如单独的代理字符 \\ud800）（invalid unicode escape）",
    ),
    ("could not find expected ':'", "这里应当是“字段: 值”，但找不到半角冒号“:”"),
    ("mapping values are not allowed", "这里不能出现“: ”：缩进可能不对，或值里含有“: ”需要加引号"),
    ("expected <block end>, but found", "缩进不一致：同一层的字段要对齐"),
    ("did not find expected key", "缩进不一致或多了符号：同一层的字段要对齐"),
    ("did not find expected '-' indicator", "列表项缩进不一致：每个“- ”要对齐"),
    ("found character '\\t' that cannot start any token", "这里有 Tab 字符；YAML 只能用空格"),
    ("but found another document", "文件里有多个 YAML 文档（---）；一个文件只写一条记录"),
    ("expected a single document", "文件里有多个 YAML 文档（---）；一个文件只写一条记录"),
    ("exceeded maximum nesting depth", "嵌套层数太深"),
    ("special characters are not allowed", "文件里有不可见的控制字符"),
    ("while scanning a quoted scalar", "引号没有闭合：缺少结尾的引号"),
    ("found undefined alias", "使用了未定义的别名（*）"),
]


def _syntax_problem(exc: yaml.MarkedYAMLError, rel: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    raw = f"{exc.context or ''} {exc.problem or ''}".strip()
    if "while scanning a quoted scalar" in raw and exc.context_mark:
        line, col = exc.context_mark.line + 1, exc.context_mark.column + 1
    explained = next((zh for en, zh in _SYNTAX_MESSAGES if en in raw), "YAML 格式错误")
    if "escape" in raw:
        return problem("yaml-syntax", rel, line, col, variant="escape", explained=explained, raw=raw)
    if "quoted scalar" in raw or "end of stream" in raw:
        return problem("yaml-syntax", rel, line, col, variant="quote", explained=explained, raw=raw)
    if "maximum nesting depth" in raw:
        return problem("too-deep", rel, line, col, variant="yaml", explained=explained, raw=raw)
    return problem("yaml-syntax", rel, line, col, explained=explained, raw=raw)


_DATE_ERRORS = {  # what Python's date says, in the editor's words
    "day is out of range for month": "这个月没有这一天",
    "month must be in 1..12": "月份只能是 1 到 12",
    "year 0 is out of range": "没有 0 年",
}


def _mark(node: yaml.Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _too_deep(rel: str, line: int, col: int) -> Problem:
    return problem("too-deep", rel, line, col, limit=MAX_DEPTH)


class _Builder:
    """Turns composed nodes into dicts, lists and scalars, recording positions (in the file:
    a text read as corrected maps its columns back)."""

    def __init__(self, source: SourceFile, columns: ColumnMap | None = None):
        self.source = source
        self.seen: set[int] = set()
        self.scalars = CoreConstructor()  # YAML 1.2 core scalars (catalog.load.yamlcore)
        self.columns = columns

    def _mark(self, node: yaml.Node) -> Position:
        line, col = _mark(node)
        return (line, self.columns.original(line, col)) if self.columns else (line, col)

    def build(self, node: yaml.Node, loc: Location, depth: int) -> object:
        source = self.source
        source.values[loc] = self._mark(node)
        if depth > MAX_DEPTH:
            source.problems.append(_too_deep(source.path, *self._mark(node)))
            source.broken.add(loc)
            return None
        if id(node) in self.seen:  # an alias (reported where written): never expand it
            source.broken.add(loc)
            return None
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, loc)
        self.seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        return self._mapping(cast(yaml.MappingNode, node), loc, depth)

    def _mapping(self, node: yaml.MappingNode, loc: Location, depth: int) -> dict:
        result: dict = {}
        source = self.source
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                source.problems.append(problem("bad-key", source.path, *self._mark(key_node)))
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                source.problems.append(problem("alias", source.path, *self._mark(key_node), variant="merge"))
                continue
            key = key_node.value  # as written: `yes:` is the key "yes", not True
            here = (*loc, key)
            if key in result:
                first = source.keys[here][0]
                source.problems.append(
                    problem("duplicate-key", source.path, *self._mark(key_node), key=key, first=first)
                )
                continue
            source.keys[here] = self._mark(key_node)
            result[key] = self.build(value_node, here, depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode, loc: Location) -> object:
        if node.tag == _STR_TAG:  # what SafeConstructor would return, without its bookkeeping
            return node.value
        try:
            return self.scalars.construct_object(node)
        except (ConstructorError, ValueError, OverflowError) as exc:
            where = (self.source.path, *self._mark(node))
            if node.tag.endswith(":timestamp"):
                error = _DATE_ERRORS.get(str(exc), exc)
                found = problem("bad-value", *where, variant="date", value=node.value, error=error)
            else:
                found = problem("bad-value", *where, value=node.value, error=exc)
            self.source.problems.append(found)
            self.source.broken.add(loc)
            return None
