"""What a sheet joins: the catalog as `catalog check` loaded it, by file, label and raw data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from catalog.core.codes import problem
from catalog.core.kinds import KINDS
from catalog.core.problems import Problem
from catalog.core.relations import Catalog
from catalog.core.suggest import suggest_records
from catalog.core.wording import name_key
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

    def resolve(
        self, kind: str, value: str, at: tuple[str, int, int], picks: dict[str, str] | None = None
    ) -> tuple[str | None, Problem | None]:
        """(id, None) for the record a cell names, else (None, the problem at `at`).

        A cell names a record by its id, by its name (full-width forms, spaces and quotes
        aside), or by its name and what tells it from another of that name: 王艳（滨湖区委党校）.
        `picks` (--pick 王艳=wang-yan-2) settles a name for the whole sheet.
        """
        records = self.catalog.records[kind]
        value = value.strip()
        if value in records:
            return value, None
        if value in self.checked.files[kind]:  # there, with errors of its own: the row's check says so
            return value, None
        picked = (picks or {}).get(name_key(value))
        if picked in records:
            return picked, None
        name, qualifier = _split_qualifier(value)
        named = [i for i, record in records.items() if name_key(record.label) == name_key(name)]
        if qualifier and len(named) > 1:
            told = [i for i in named if name_key(qualifier) in name_key(self._qualifier(kind, i))]
            named = told or named
        if len(named) == 1:
            return named[0], None
        what = KINDS[kind].name
        if named:
            ids = "、".join(f"{i}（{q}）" if (q := self._qualifier(kind, i)) else i for i in named)
            example = next((f"{name}（{q}）" for i in named if (q := self._qualifier(kind, i))), named[0])
            return None, problem(
                "unknown-ref",
                *at,
                variant="ambiguous",
                count=len(named),
                what=what,
                value=name,
                ids=ids,
                example=example,
                first=named[0],
            )
        hint = suggest_records(value, records) or None
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

    def _qualifier(self, kind: str, record_id: str) -> str:
        return KINDS[kind].qualifier(self.catalog.records[kind][record_id], self.catalog)


_QUALIFIED = re.compile(r"^(.+?)\s*[（(]\s*(.+?)\s*[）)]$")


def _split_qualifier(value: str) -> tuple[str, str]:
    """王艳（滨湖区委党校） → (王艳, 滨湖区委党校); a name without one → (name, "")."""
    match = _QUALIFIED.match(value)
    return (match.group(1), match.group(2)) if match else (value, "")
