"""What a sheet joins: the catalog as `catalog check` loaded it, by file, label and raw data."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from catalog.core.codes import problem
from catalog.core.kinds import KINDS
from catalog.core.problems import Problem
from catalog.core.relations import Catalog
from catalog.core.suggest import did_you_mean
from catalog.load.validate import CheckResult, check_catalog


@dataclass
class Existing:
    """What is already in the catalog: files, labels, and the names ids can be found by.

    A view of what `check_catalog` returns (the one loader): valid records, and for files
    with errors their raw data, so an import never takes an existing file's id by mistake.
    """

    checked: CheckResult

    @classmethod
    def load(cls, root: Path) -> Existing:
        return cls(check_catalog(root))

    @property
    def catalog(self) -> Catalog:
        return self.checked.catalog

    @property
    def vocab_ok(self) -> bool:
        return self.checked.vocabulary_ok

    def file(self, kind: str, record_id: str) -> Path | None:
        found = self.checked.files[kind].get(record_id)
        return found.path if found else None

    def raw(self, kind: str, record_id: str) -> dict:
        found = self.checked.files[kind].get(record_id)
        return dict(found.data) if found else {}

    def label(self, kind: str, record_id: str) -> str | None:
        """The name in a file (None if it has none or is not a mapping)."""
        found = self.checked.files[kind].get(record_id)
        if found is None:
            return None
        if found.record is not None:
            return found.record.label
        value = found.data.get(KINDS[kind].label_field)
        return str(value).strip() if value is not None else None

    def taken(self, kind: str, record_id: str) -> bool:
        return record_id in self.checked.files[kind]

    def resolve(self, kind: str, value: str, at: tuple[str, int, int]) -> tuple[str | None, Problem | None]:
        """(id, None) for a record named by id or by name/title, else (None, the problem at `at`)."""
        if value in self.catalog.records[kind]:
            return value, None
        named = [i for i, record in self.catalog.records[kind].items() if record.label == value]
        if len(named) == 1:
            return named[0], None
        what = KINDS[kind].name
        if named:
            ids = "、".join(named)
            return None, problem(
                "unknown-ref", *at, variant="ambiguous", count=len(named), what=what, value=value, ids=ids
            )
        names = [r.label for r in self.catalog.records[kind].values()]
        hint = did_you_mean(value, names + list(self.catalog.records[kind])) or None
        singular = KINDS[kind].singular
        return None, problem(
            "unknown-ref",
            *at,
            variant="name",
            hint=hint,
            what=what,
            value=value,
            singular=singular,
            folder=kind,
        )
