"""The vocabularies file (vocabulary.yml): the values that records may choose from.

Editors extend the lists; models name the list a field draws from with `Vocab("name")`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from catalog.core.codes import problem
from catalog.core.kinds import MODELS
from catalog.core.models import Vocab, markers
from catalog.core.problems import Problem
from catalog.load.yamlsource import read_source

VOCABULARY_FILE = "vocabulary.yml"


def used_vocabularies() -> dict[str, list[str]]:
    """Vocabulary name → the `kind.field` names that draw from it, from the models alone."""
    used: dict[str, list[str]] = {}
    for kind, model in MODELS.items():
        for name, info in model.model_fields.items():
            for marker in markers(info):
                if isinstance(marker, Vocab):
                    used.setdefault(marker.name, []).append(f"{kind}.{name}")
    return used


@dataclass
class Vocabularies:
    lists: dict[str, list[str]] = field(default_factory=dict)
    positions: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)

    def values(self, name: str) -> list[str]:
        return self.lists.get(name, [])


def load_vocabularies(root: Path) -> tuple[Vocabularies, list[Problem]]:
    path = root / VOCABULARY_FILE
    vocab = Vocabularies()
    if not path.is_file():
        return vocab, [problem("missing-vocabulary", VOCABULARY_FILE, 1, 1)]
    source = read_source(path, VOCABULARY_FILE)
    problems = list(source.problems)
    if not isinstance(source.data, dict):
        return vocab, problems
    needed = used_vocabularies()
    for name, values in source.data.items():
        line, col = source.position((name,), key=True)
        if name not in needed:
            names = "、".join(sorted(needed))
            problems.append(problem("unused-vocabulary", VOCABULARY_FILE, line, col, name=name, names=names))
        if not isinstance(values, list) or not values:
            problems.append(problem("bad-vocabulary", VOCABULARY_FILE, line, col, name=name))
            continue
        clean: list[str] = []
        for index, value in enumerate(values):
            vline, vcol = source.position((name, index))
            if not isinstance(value, str | int | float) or isinstance(value, bool):
                problems.append(
                    problem("bad-vocabulary", VOCABULARY_FILE, vline, vcol, variant="value", name=name)
                )
                continue
            text = str(value).strip()
            if text in clean:
                problems.append(
                    problem("duplicate-value", VOCABULARY_FILE, vline, vcol, name=name, value=text)
                )
                continue
            clean.append(text)
            vocab.positions[(name, text)] = (vline, vcol)
        vocab.lists[name] = clean
    for name, fields in needed.items():
        if name not in vocab.lists and name not in source.data:
            problems.append(
                problem(
                    "missing-vocabulary",
                    VOCABULARY_FILE,
                    1,
                    1,
                    variant="list",
                    name=name,
                    fields="、".join(fields),
                )
            )
    return vocab, problems
