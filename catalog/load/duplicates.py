"""The same place (person, course, route) entered twice under two ids: a warning naming both.

Real lists merged from several sources hold one place twice (何叔衡故居 as
he-shuheng-former-residence.yml and he-shu-heng-gu-ju.yml). Two active records of one kind are
taken for one entered twice when their names are the same after `name_key` (full-width and
half-width forms, spaces, quotes and dashes do not count) and nothing known tells them apart:
each kind says what does (`Kind.twin_unless`: two 王艳 of two units are two people). The
importer asks the same question before it writes a row (`twins`).
"""

from __future__ import annotations

from collections.abc import Iterable

from catalog.core.codes import problem
from catalog.core.kinds import KINDS
from catalog.core.models import Record
from catalog.core.problems import Problem
from catalog.core.wording import name_key
from catalog.load.records import RecordFile

TELL_APART = {
    "teachers": "写上各自的工作单位（organisation）",
    "courses": "写明各自的授课师资（teachers）",
}  # what to write when the two are really two; other kinds: a name that says the difference


def same_record(kind: str, a: Record, b: Record) -> bool:
    """Whether two records of `kind` with the same name key may be one entered twice."""
    tell = KINDS[kind].twin_unless
    first, second = tell(a), tell(b)
    return first is None or second is None or first == second


def twins(kind: str, record: Record, others: Iterable[Record]) -> list[Record]:
    """The records among `others` that `record` may duplicate (same name key, not told apart)."""
    key = name_key(record.label)
    return [
        other
        for other in others
        if other.id != record.id and name_key(other.label) == key and same_record(kind, record, other)
    ]


def duplicate_names(files: dict[str, dict[str, RecordFile]]) -> list[Problem]:
    """A warning on every active record that repeats an earlier one (by file name) of its kind."""
    return [found for group in duplicate_groups(files).values() for found in group]


def twin_key(record: Record) -> str | None:
    """The group `duplicate_names` puts a record in (None: in none, it is not active)."""
    return name_key(record.label) if record.status == "active" else None


def duplicate_groups(files: dict[str, dict[str, RecordFile]]) -> dict[tuple[str, str], list[Problem]]:
    """`duplicate_names` by group, (kind, twin_key): the warnings of a group depend on its
    records only, so `catalog check` can look again at the groups an edit touched."""
    found: dict[tuple[str, str], list[Problem]] = {}
    for kind, by_id in files.items():
        groups: dict[str, list[RecordFile]] = {}
        for record_id in sorted(by_id):
            file = by_id[record_id]
            key = twin_key(file.record) if file.record is not None else None
            if key is not None:
                groups.setdefault(key, []).append(file)
        for key, group in groups.items():
            problems: list[Problem] = []
            for index, file in enumerate(group[1:], start=1):
                assert file.record is not None
                first = next(
                    (
                        earlier
                        for earlier in group[:index]
                        if earlier.record is not None and same_record(kind, earlier.record, file.record)
                    ),
                    None,
                )
                if first is None:
                    continue
                line, col = file.source.position((KINDS[kind].label_field,))
                problems.append(
                    problem(
                        "duplicate-record",
                        file.source.path,
                        line,
                        col,
                        what=KINDS[kind].name,
                        label=file.record.label,
                        first=first.source.path,
                        tell=TELL_APART.get(kind, "在名称里写明区别"),
                    )
                )
            if problems:
                found[(kind, key)] = problems
    return found
