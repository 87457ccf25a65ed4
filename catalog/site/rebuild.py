"""What a rebuild under `mkdocs serve` keeps from the build before it (issue #15).

An editor's save usually changes one record, yet every save rebuilds the site. So each
record gets a key: a hash of its own content and of every record within three relations
of it (a teacher's page lists their courses' categories and hours; a bundle's page says
whether a route in it passes a suspended site), together with what every page depends on
(the vocabularies, the dispatch plan, the edition, the site's options, the templates and
what the adapter adds, such as mkdocs.yml). A record's page, and its share of the
generated files (its card, its search entry, its rows in the downloads, its line in the
order page's digest), is made again only when its key differs from the last build's.
Pages that show the whole catalog (lists, statistics, the booklet, the plan's pages) are
keyed by every record at once.

`BuildMemory` lives in the adapter for as long as the server runs; each build asks it for
a `Reuse`. A build from scratch (`mkdocs build`, the CLI) uses `NO_REUSE`, which keeps
nothing and computes no keys. `tests/test_rebuild.py` holds a rebuild to a build from
scratch: after each kind of edit, every page and file is byte-identical.

Written here, not taken from a library: the keys come from the catalog's own relations,
which no generic cache knows about.
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import jinja2
from pydantic import BaseModel

if TYPE_CHECKING:
    from catalog.core.models import Record
    from catalog.core.relations import Catalog
    from catalog.site.search import SearchDocument

T = TypeVar("T")
Key = bytes
TEMPLATES = Path(__file__).parent / "templates"
# How many relations away a record's page and its share of the files may look. Two is the
# deepest the templates go today (a bundle's page says a route in it passes a suspended
# site); one more is margin, so a template that shows a little more cannot make a rebuild
# wrong (tests/test_rebuild.py fails at one).
NEIGHBOURHOOD = 3


def _hash(parts: Iterable[bytes]) -> Key:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part)
    return digest.digest()


def _content(value: object) -> object:
    """A value as plain data to pickle: a model as its JSON, a dataclass as the fields its
    repr shows (caches and locators are declared `repr=False`), sets in a fixed order."""
    if isinstance(value, BaseModel):
        return (type(value).__name__, value.model_dump_json())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        shown = dataclasses.fields(value)
        return (type(value).__name__, *((f.name, _content(getattr(value, f.name))) for f in shown if f.repr))
    if isinstance(value, dict):
        return tuple((_content(k), _content(v)) for k, v in value.items())
    if isinstance(value, list | tuple):
        return tuple(_content(v) for v in value)
    if isinstance(value, set | frozenset):
        return tuple(sorted((_content(v) for v in value), key=repr))
    return value


def shared_inputs(*objects: object, extra: bytes = b"") -> Key:
    """What every page depends on: the given objects (equal bytes, equal content; unequal
    bytes only cost a render) and the engine's templates."""
    templates = [p.read_bytes() for p in sorted(TEMPLATES.iterdir()) if p.is_file()]
    return _hash([pickle.dumps(_content(objects), protocol=5), extra, *templates])


class RecordKeys:
    """For one catalog: each record's key, and the key of the whole catalog."""

    def __init__(self, catalog: Catalog, shared: Key, listing: Key = b""):
        own = {
            (kind, record_id): _hash([record.model_dump_json().encode()])
            for kind, records in catalog.records.items()
            for record_id, record in records.items()
        }
        near: dict[tuple[str, str], set[tuple[str, str]]] = {key: {key} for key in own}
        for source, targets in catalog.references().items():
            for target in targets:
                if source in own and target in own:
                    near[source].add(target)
                    near[target].add(source)
        reach = near
        for _ in range(NEIGHBOURHOOD - 1):
            reach = {key: set().union(*(near[n] for n in found)) for key, found in reach.items()}
        self.of_record = {  # the record itself first: two records can have the same neighbours
            key: _hash([shared, "/".join(key).encode(), own[key], *(own[n] for n in sorted(found))])
            for key, found in reach.items()
        }
        # the pages of the whole catalog also show `listing` (what changed since the edition)
        self.catalog = _hash([shared, listing, *own.values()])  # records in the catalog's order
        self.shared = shared

    def of(self, record: Record) -> Key:
        return self.of_record[(record.kind, record.id)]


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled Jinja templates kept in memory; Jinja checks each against its source."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class Reuse:
    """One build's view of the memory: this catalog's keys and the last build's values."""

    templates: CompiledTemplates | None = None

    def __init__(self, memory: BuildMemory, keys: RecordKeys):
        self.memory = memory
        self.keys = keys
        self.templates = memory.templates
        self.made: dict[tuple[str, Hashable], object] = {}  # this build's values, kept next time

    def value(self, space: str, key: Hashable, make: Callable[..., T], *args: object) -> T:
        """The value of `make(*args)` for this key: the last build's if it had one."""
        slot = (space, key)
        found = self.made.get(slot, _MISSING)
        if found is _MISSING:
            found = self.memory.values.get(slot, _MISSING)
            if found is _MISSING:
                found = make(*args)
            self.made[slot] = found
        return found  # type: ignore[return-value]

    def per_record(self, space: str, record: Record, make: Callable[..., T], *args: object) -> T:
        """`make(*args)` for a record, kept while the record's key stays the same."""
        return self.value(space, self.keys.of(record), make, *args)

    def last(self, space: str) -> object:
        """What the last build kept under this name (`keep`), or None."""
        return self.memory.values.get((space, None))

    def keep(self, space: str, value: object) -> None:
        """Keep a value for the next build to start from (`last`)."""
        self.made[(space, None)] = value

    def compare_files(self, space: str, files: dict[str, bytes]) -> tuple[set[str], list[str]]:
        """Which of these files the last finished build wrote with the same bytes, and which
        it wrote that this build does not make (a card part past the end when a kind lost
        records). The others are about to be written: they are forgotten now, so that if this
        build fails half way, the next one does not take a file this one wrote for one the
        last build wrote."""
        last = self.memory.values.get((space, None))
        if not isinstance(last, dict):
            last = {}
        gone = sorted(set(last) - set(files))
        same = {path for path, content in files.items() if last.get(path) == content}
        for path in set(last) - same:
            del last[path]
        self.keep(space, files)
        return same, gone

    def page_unchanged(self, path: str, key: Key) -> bool:
        """Whether a page's inputs are those of the last finished build (so its file is)."""
        return self.memory.page_keys.get(path) == key

    def written_before(self, urls: Iterable[str]) -> dict[str, SearchDocument]:
        """The search entries of these hand-written pages, as the last build read them (a
        rebuild reads only the pages that changed)."""
        return {url: self.memory.written[url] for url in urls if url in self.memory.written}

    def finish(self, page_keys: dict[str, Key], written: dict[str, SearchDocument]) -> list[str]:
        """The build is written: remember it; return the paths of pages it no longer has."""
        gone = sorted(set(self.memory.page_keys) - set(page_keys))
        self.memory.page_keys = dict(page_keys)
        self.memory.values = self.made
        self.memory.written = dict(written)
        return gone

    def forget(self, paths: Iterable[str]) -> None:
        """These pages are being written again: until the build finishes, nothing is kept."""
        for path in paths:
            self.memory.page_keys.pop(path, None)


class NoReuse(Reuse):
    """A build from scratch: every value is made, no keys are computed."""

    def __init__(self) -> None:
        pass

    def value(self, space: str, key: Hashable, make: Callable[..., T], *args: object) -> T:
        return make(*args)

    def per_record(self, space: str, record: Record, make: Callable[..., T], *args: object) -> T:
        return make(*args)

    def written_before(self, urls: Iterable[str]) -> dict[str, SearchDocument]:
        return {}

    def last(self, space: str) -> object:
        return None

    def keep(self, space: str, value: object) -> None:
        pass

    def compare_files(self, space: str, files: dict[str, bytes]) -> tuple[set[str], list[str]]:
        return set(), []


NO_REUSE: Reuse = NoReuse()
_MISSING = object()


class BuildMemory:
    """What the last finished build made, for the next one in the same process."""

    def __init__(self) -> None:
        self.page_keys: dict[str, Key] = {}  # page path -> the key it was last written with
        self.values: dict[tuple[str, Hashable], object] = {}
        self.written: dict[str, SearchDocument] = {}  # hand-written pages' search entries by URL
        self.templates = CompiledTemplates()  # ours and the theme's (hooks/menu.py on_env)

    def reuse(self, catalog: Catalog, shared: Key, listing: Key = b"") -> Reuse:
        """This build's view: `shared` is what every page shows besides its records (and
        the templates), `listing` what only the pages of the whole catalog show besides."""
        return Reuse(self, RecordKeys(catalog, shared, listing))
