"""Read every record file and build the typed records; a file that fails is still kept.

`load_records` gives one `RecordFile` per file named as a record: its id, its source (data
and positions) and the record, or None when the file did not validate (its references and
vocabularies are still checked, and the importer and `catalog diff` still see its data).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from catalog.core.codes import problem
from catalog.core.kinds import MODELS
from catalog.core.models import ID_PATTERN, MAX_ID_LENGTH, RESERVED_ID, WINDOWS_DEVICE, Record
from catalog.core.problems import Problem
from catalog.load.cache import CheckCache, RecordPath
from catalog.load.discover import discover, display_path
from catalog.load.pydantic_errors import translate
from catalog.load.yamlsource import SourceFile, read_source


@dataclass(frozen=True)
class RecordFile:
    """One record file: where it is, what it holds, and the record if it is valid."""

    kind: str
    id: str
    path: Path
    source: SourceFile
    record: Record | None

    @property
    def data(self) -> dict:
        """The file's raw data ({} when it is not a mapping)."""
        return self.source.data if isinstance(self.source.data, dict) else {}


def _non_utf8_name(rel: str, record_id: str) -> Problem:
    raw = os.fsencode(record_id)
    try:
        guess = raw.decode("gb18030")
    except UnicodeDecodeError:
        return problem("bad-id", rel, 1, 1, variant="not-utf8-name")
    return problem("bad-id", rel, 1, 1, variant="gbk-name", guess=guess)


@dataclass
class Loaded:
    """What reading the data folders gave: every record file, and the problems."""

    files: dict[str, dict[str, RecordFile]]  # kind → id → file, ids in file order
    problems: list[Problem]
    own: dict[str, list[Problem]] = field(default_factory=dict)  # shown path → that file's problems


def record_paths(root: Path) -> tuple[list[RecordPath], list[Problem]]:
    """(kind, id, path, shown path) of every file named as a record, and the problems of the
    others (stray files, names that cannot be ids, the same id twice)."""
    files, problems = discover(root)
    accepted: list[RecordPath] = []
    for kind, names in files.items():
        first_path: dict[str, str] = {}
        folder = os.path.join(root, kind) + os.sep
        for name in names:
            plain = f"{kind}/{name}"
            rel = display_path(plain)  # discover() keeps only files in root/kind
            dot = name.rfind(".")
            record_id = name[:dot] if 0 < dot < len(name) - 1 else name  # as pathlib's stem
            if not ID_PATTERN.match(record_id):
                bad_name = rel != plain
                problems.append(_non_utf8_name(rel, record_id) if bad_name else _bad_id(rel, record_id))
                continue
            if len(record_id) > MAX_ID_LENGTH:
                problems.append(
                    problem("bad-id", rel, 1, 1, variant="long", length=len(record_id), limit=MAX_ID_LENGTH)
                )
                continue
            if WINDOWS_DEVICE.match(record_id):  # con.html cannot be saved on Windows
                problems.append(problem("bad-id", rel, 1, 1, variant="device", id=record_id))
                continue
            if RESERVED_ID.match(record_id):  # its page would replace the kind's list page
                problems.append(problem("reserved-id", rel, 1, 1, id=record_id, folder=kind))
                continue
            if record_id in first_path:
                problems.append(problem("duplicate-id", rel, 1, 1, id=record_id, first=first_path[record_id]))
                continue
            first_path[record_id] = rel
            accepted.append((kind, record_id, folder + name, rel))
    return accepted, problems


def load_records(root: Path, cache: CheckCache | None = None) -> Loaded:
    """Read every record file under `root`; never raises for bad input.

    With a `cache`, a file whose bytes it knows is not read again (catalog.load.cache)."""
    accepted, problems = record_paths(root)
    return load_files(accepted, problems, cache)


def load_files(
    accepted: list[RecordPath], problems: list[Problem], cache: CheckCache | None = None
) -> Loaded:
    """Read the given record files (from `record_paths`); `problems` are those found before."""
    found: dict[str, dict[str, RecordFile]] = {kind: {} for kind in MODELS}
    by_file: dict[str, list[Problem]] = {}
    for kind, record_id, file_path, rel in accepted:
        path = Path(file_path)
        entry, token = cache.lookup(rel, path, kind, record_id) if cache else (None, None)
        if entry is not None:
            problems.extend(entry.problems)
            by_file[rel] = entry.problems
            found[kind][record_id] = RecordFile(kind, record_id, path, entry.source, entry.record)
            continue
        file, own = read_file(kind, record_id, path, rel)
        problems.extend(own)
        by_file[rel] = own
        if cache:
            cache.store(token, rel, kind, record_id, file.source, file.record, own)
        found[kind][record_id] = file
    return Loaded(found, problems, by_file)


def read_file(kind: str, record_id: str, path: Path, rel: str) -> tuple[RecordFile, list[Problem]]:
    """One record file read and validated, and its own problems."""
    source = read_source(path, rel)
    own = list(source.problems)
    record = build_record(kind, record_id, source, own) if isinstance(source.data, dict) else None
    return RecordFile(kind, record_id, path, source, record), own


def _bad_id(rel: str, record_id: str) -> Problem:

    slug = re.sub(r"[^a-z0-9]+", "-", record_id.lower()).strip("-")
    if slug and slug != record_id:
        return problem("bad-id", rel, 1, 1, variant="rename", id=record_id, slug=slug)
    return problem("bad-id", rel, 1, 1, id=record_id)


def build_record(kind: str, record_id: str, source: SourceFile, problems: list[Problem]) -> Record | None:
    """Validate one file's data against its model; translate every error to a problem."""
    model = MODELS[kind]
    data = dict(source.data) if isinstance(source.data, dict) else {}
    if "id" in data:
        line, col = source.position(("id",), key=True)
        problems.append(problem("id-field", source.path, line, col))
        del data["id"]
    try:
        return model.model_validate({**data, "id": record_id})
    except ValidationError as exc:
        for detail in exc.errors(include_url=False):
            loc = tuple(detail["loc"])
            if any(loc[:n] in source.broken for n in range(1, len(loc) + 1)):
                continue
            problems.append(translate(dict(detail), model, source))
        return None
