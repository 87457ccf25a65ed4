"""The vocabularies file (vocabulary.yml): the values that records may choose from.

Editors extend the lists; models name the list a field draws from with `Vocab("name")`.
Most lists are flat. A list that a tree facet filters by (regions: catalog.core.kinds) may
be a tree, written as the places in it: a place is `- 名称`, and a place with places under
it is `- 名称:` followed by their list, one level deeper, as deep as a catalog needs:

    regions:
      - 湖北省:
          - 武汉市:
              - 江岸区
              - 武昌区
      - 福建省

A tree's values are paths ("湖北省/武汉市/江岸区"), each place before the places under it.
A record names a place by its name ("江岸区") or, where two places share a name, by as
much of its path as tells them apart ("福州市/鼓楼区"): `Vocabularies.resolve`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from catalog.core.codes import problem
from catalog.core.kinds import KINDS, MODELS, TREE_SEPARATOR
from catalog.core.models import Vocab, markers
from catalog.core.problems import Problem
from catalog.load.discover import outside
from catalog.load.yamlsource import Location, SourceFile, read_source

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


def tree_vocabularies() -> set[str]:
    """The vocabularies a tree facet filters by: only these may be written as trees."""
    return {facet.vocabulary for kind in KINDS.values() for facet in kind.facets if facet.tree}


@dataclass
class Vocabularies:
    lists: dict[str, list[str]] = field(default_factory=dict)  # a tree's values are paths
    positions: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    trees: set[str] = field(default_factory=set)  # the lists written with places under places
    _forms: dict[str, dict[str, list[str]]] = field(default_factory=dict, repr=False)

    def values(self, name: str) -> list[str]:
        return self.lists.get(name, [])

    def resolve(self, name: str, written: str) -> list[str]:
        """The values `written` names: [] if none, one, or several when it is ambiguous."""
        if name not in self.trees:
            return [written] if written in self.lists.get(name, ()) else []
        forms = self._forms.get(name)
        if forms is None:  # every path, and every tail of one: 江岸区, 武汉市/江岸区, …
            forms = {}
            for path in self.values(name):
                parts = path.split(TREE_SEPARATOR)
                for start in range(len(parts)):
                    forms.setdefault(TREE_SEPARATOR.join(parts[start:]), []).append(path)
            self._forms[name] = forms
        return list(forms.get(written.strip(TREE_SEPARATOR), ()))

    def path(self, name: str, written: str) -> str:
        """The one value `written` names (as written when it names none or several)."""
        found = self.resolve(name, written)
        return found[0] if len(found) == 1 else written

    def names(self, name: str) -> list[str]:
        """What an editor writes: a tree's place names (each once), or the list's values."""
        return list(dict.fromkeys(v.rsplit(TREE_SEPARATOR, 1)[-1] for v in self.values(name)))


def load_vocabularies(root: Path) -> tuple[Vocabularies, list[Problem]]:
    path = root / VOCABULARY_FILE
    vocab = Vocabularies()
    if path.is_symlink() and outside(path, root):  # refused like a record file linked outside
        return vocab, [problem("outside-link", VOCABULARY_FILE, 1, 1)]
    if not path.is_file():
        return vocab, [problem("missing-vocabulary", VOCABULARY_FILE, 1, 1)]
    source = read_source(path, VOCABULARY_FILE)
    problems = list(source.problems)
    if not isinstance(source.data, dict):
        return vocab, problems
    needed = used_vocabularies()
    trees = tree_vocabularies()
    for name, values in source.data.items():
        line, col = source.position((name,), key=True)
        if name not in needed:
            names = "、".join(sorted(needed))
            problems.append(problem("unused-vocabulary", VOCABULARY_FILE, line, col, name=name, names=names))
        if not isinstance(values, list) or not values:
            problems.append(problem("bad-vocabulary", VOCABULARY_FILE, line, col, name=name))
            continue
        reader = _ListReader(source, vocab, name, tree=name in trees)
        reader.read(values, (name,), "")
        problems += reader.problems
        vocab.lists[name] = reader.clean
        if reader.nested:
            vocab.trees.add(name)
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


@dataclass
class _ListReader:
    """One list of vocabulary.yml: its values in order, a tree's as paths, and its problems."""

    source: SourceFile
    vocab: Vocabularies
    name: str
    tree: bool
    clean: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    nested: bool = False

    def read(self, items: list, loc: Location, parent: str) -> None:
        for index, item in enumerate(items):
            here = (*loc, index)
            if isinstance(item, dict):
                self._place_with_children(item, here, parent)
            else:
                self._value(item, here, parent)

    def _value(self, value: object, loc: Location, parent: str, *, key: bool = False) -> str | None:
        line, col = self.source.position(loc, key=key)
        where = (VOCABULARY_FILE, line, col)
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            self.problems.append(problem("bad-vocabulary", *where, variant="value", name=self.name))
            return None
        text = str(value).strip()
        if self.tree and TREE_SEPARATOR in text:
            self.problems.append(
                problem("bad-vocabulary", *where, variant="slash", name=self.name, value=text)
            )
            return None
        full = f"{parent}{TREE_SEPARATOR}{text}" if parent else text
        if full in self.clean:
            self.problems.append(problem("duplicate-value", *where, name=self.name, value=full))
            return None
        self.clean.append(full)
        self.vocab.positions[(self.name, full)] = (line, col)
        return full

    def _place_with_children(self, item: dict, loc: Location, parent: str) -> None:
        line, col = self.source.position(loc)
        if not self.tree:
            self.problems.append(
                problem("bad-vocabulary", VOCABULARY_FILE, line, col, variant="nested", name=self.name)
            )
            return
        (key, children), *more = item.items()
        if more or not (children is None or isinstance(children, list)):
            self.problems.append(
                problem("bad-vocabulary", VOCABULARY_FILE, line, col, variant="tree", name=self.name)
            )
            return
        self.nested = True
        full = self._value(key, (*loc, key), parent, key=True)
        if full is not None and children:
            self.read(children, (*loc, key), full)
