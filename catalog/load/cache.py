"""A content-hash cache of what reading and validating each record file gave, as ruff and mypy keep.

`catalog check`, `mkdocs build` and `mkdocs serve` read thousands of record files of which an
edit changes one. Reading a file (YAML, positions, slips) and validating it against its model
depend only on its bytes, its path (kind and id) and our code, so that result is kept per file
under `.cache/catalog/` in the project (git-ignored) and used again while those are the same:

- a file is known by the BLAKE2 hash of its bytes; its `stat` (size, mtime, ctime, inode) only
  says when the hash need not be computed again (a file whose stat changed is hashed, and read
  again only when its bytes changed);
- the whole cache is dropped when our code (every `.py` and `.yml` of the `catalog` package,
  the Python, Pydantic and PyYAML versions) or `vocabulary.yml` changes;
- everything that looks at more than one file (vocabularies, references, rules, duplicate
  names, stray files) is checked again on every run, so a rename, a deletion or an edit of
  another file is seen as without the cache.

`catalog check` keeps two more things (`SummaryCache`): its whole result (`summary.pickle`),
for a catalog in which nothing it reads has changed (then one listing of the data folders,
`scan`, or the files' hashes say so, and no file is read; the keys name every input of the
check, listed on the class), and its problems by part (`State`, `state.pickle`), from which
catalog.load.summary re-checks after an edit only what the edit reaches.

The cache file is a pickle signed with a key kept outside the project (`~/.cache/training-menu/`):
a pickle is code, and one slipped into a pull request (`git add -f .cache`) must not run; a file
whose signature does not match is ignored. A cache that cannot be read or written is ignored too:
the check never fails because of it. No library did this for us: the caches of ruff and mypy
are their own; a generic one (diskcache, joblib) would hash no better and add a dependency.
"""

from __future__ import annotations

import hashlib
import hmac
import operator
import os
import pickle
import secrets
import stat
import sys
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

import pydantic
import yaml

from catalog.core.kinds import MODELS
from catalog.core.models import Record
from catalog.core.problems import Problem
from catalog.core.vocabulary import VOCABULARY_FILE
from catalog.load.yamlsource import MAX_FILE_BYTES, SourceFile

CACHE_DIR = Path(".cache") / "catalog"
SHARDS = 16  # files the per-file entries are spread over: an edit rewrites one, not all
SUMMARY_FILE = "summary.pickle"
CODE_VERSION_FILE = "code-version.pickle"  # beside the signing key: the package's stats and hash
STATE_FILE = "state.pickle"  # what catalog check re-checks from after an edit
FORMAT = 1
PACKAGE = Path(__file__).resolve().parent.parent  # the catalog package: its code is the version

Fingerprint = tuple[int, int, int, int]
RecordPath = tuple[str, str, str, str]  # kind, id, the file's path, the path shown in messages
Token = tuple[Fingerprint | None, bytes]  # a file's stat and hash, to store what reading it gave


@dataclass
class Entry:
    """What one record file gave: its source, its record (or None) and its own problems."""

    fingerprint: Fingerprint | None
    digest: bytes
    kind: str
    record_id: str
    source: SourceFile
    record: Record | None
    problems: list[Problem]


def code_version() -> bytes:
    """A hash of everything that decides what a file gives: our code and the libraries'.

    Our files are read only when their stats are not those of the last time they were read
    (kept, signed, beside the signing key) or one of them changed within RACY_NS."""
    versions = f"{FORMAT} {sys.version} {pydantic.VERSION} {yaml.__version__}"
    files = sorted(_package_files(str(PACKAGE), ""))
    now = time.time_ns()
    trusted = all(now - max(status.st_mtime_ns, status.st_ctime_ns) >= RACY_NS for _, _, status in files)
    listing = [(rel, s.st_size, s.st_mtime_ns, s.st_ctime_ns, s.st_ino) for rel, _, s in files]
    known_as = hashlib.blake2b(pickle.dumps((versions, str(PACKAGE), listing), protocol=4)).digest()
    try:
        key = _signing_key() if trusted else b""
    except OSError:
        key = b""
    memo = _home() / CODE_VERSION_FILE
    if key:
        known = read_signed(memo, key, CODE_VERSION_FILE.encode())
        if isinstance(known, tuple) and len(known) == 2 and known[0] == known_as:
            return known[1]
    digest = hashlib.blake2b(digest_size=16)
    digest.update(versions.encode())
    for rel, path, _ in files:
        digest.update(rel.encode())
        with open(path, "rb") as file:
            digest.update(file.read())
    version = digest.digest()
    if key:
        write_signed(memo, key, CODE_VERSION_FILE.encode(), (known_as, version), ignore=False)
    return version


def _package_files(folder: str, prefix: str) -> list[tuple[str, str, os.stat_result]]:
    """(path in the package, path, stat) of every .py and .yml file of the package."""
    found = []
    with os.scandir(folder) as listing:
        for entry in listing:
            if entry.is_dir():
                if entry.name != "__pycache__":
                    found += _package_files(entry.path, f"{prefix}{entry.name}/")
            elif entry.name.endswith((".py", ".yml")):
                found.append((prefix + entry.name, entry.path, entry.stat()))
    return found


def _home() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "training-menu"


def _signing_key() -> bytes:
    home = _home()
    key_file = home / "cache.key"
    try:
        return key_file.read_bytes()
    except OSError:
        pass
    home.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(key)
    return key


RACY_NS = 3_000_000_000  # a file changed this recently may change again within the same clock tick


def _fingerprint(status: os.stat_result) -> Fingerprint | None:
    """What says a file is unchanged without reading it; none for a file changed just now (as git
    does for "racy" files: a second edit in the same tick of a coarse clock keeps the same stat)."""
    if time.time_ns() - max(status.st_mtime_ns, status.st_ctime_ns) < RACY_NS:
        return None  # trusted never: the file is hashed every time until it has settled
    return status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino


class CheckCache:
    """The cached results of one catalog root; `load_records` asks it before reading a file."""

    def __init__(self, root: Path, directory: Path | None = None):
        self.root = Path(root)
        folder = directory or self.root / CACHE_DIR
        self.files = [folder / f"records-{i:02d}.pickle" for i in range(SHARDS)]
        self.salt = code_version() + _vocabulary_hash(self.root)
        self.old: dict[str, Entry] = {}
        self.new: dict[str, Entry] = {}
        self.hits = 0
        self.dirty: set[int] = set()  # shards to write again
        try:
            self.key = _signing_key()
        except OSError:  # no home to keep a key in: work without a cache
            self.key = b""
            return
        self.old = self._read()

    def _read(self) -> dict[str, Entry]:
        found: dict[str, Entry] = {}
        for file in self.files:
            entries = read_signed(file, self.key, self.salt)
            if isinstance(entries, dict):
                found.update(entries)
        return found

    def lookup(self, rel: str, path: Path, kind: str, record_id: str) -> tuple[Entry | None, Token | None]:
        """The cached entry of a file whose bytes are unchanged, else None and a token for `store`."""
        try:
            status = path.stat()
        except OSError:
            return None, None
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_FILE_BYTES:
            return None, None  # the reader says what is wrong with it, every time
        fingerprint = _fingerprint(status)
        old = self.old.get(rel)
        if old is not None and (old.kind, old.record_id) != (kind, record_id):
            old = None
        if old is not None and fingerprint is not None and old.fingerprint == fingerprint:
            digest = old.digest
        else:
            try:
                digest = hashlib.blake2b(path.read_bytes(), digest_size=20).digest()
            except OSError:
                return None, None
        if old is not None and old.digest == digest:
            if old.fingerprint != fingerprint:
                old.fingerprint = fingerprint
                self.dirty.add(_shard(rel))
            self.new[rel] = old
            self.hits += 1
            return old, None
        return None, (fingerprint, digest)

    def store(
        self,
        token: Token | None,
        rel: str,
        kind: str,
        record_id: str,
        source: SourceFile,
        record: Record | None,
        problems: list[Problem],
    ) -> None:
        if token is None:
            return
        fingerprint, digest = token
        self.new[rel] = Entry(fingerprint, digest, kind, record_id, source, record, problems)
        self.dirty.add(_shard(rel))

    def save(self) -> None:
        """Write what this run read (files that are gone are dropped); silently skipped if it cannot."""
        if not self.key:
            return
        dirty = self.dirty | {_shard(rel) for rel in self.old.keys() - self.new.keys()}  # files gone
        for shard in sorted(dirty):  # the others are kept as they are
            entries = {rel: entry for rel, entry in self.new.items() if _shard(rel) == shard}
            write_signed(self.files[shard], self.key, self.salt, entries)


def _shard(rel: str) -> int:
    return zlib.crc32(rel.encode("utf-8", "surrogateescape")) % SHARDS


def read_signed(file: Path, key: bytes, salt: bytes) -> object:
    """What `write_signed` wrote with this key and salt, else None (never unpickles anything else)."""
    try:
        raw = file.read_bytes()
    except OSError:
        return None
    signature, body = raw[:32], raw[32:]
    if not key or not hmac.compare_digest(signature, hmac.digest(key, body, "sha256")):
        return None  # not written by us (or damaged)
    try:
        stored_salt, value = pickle.loads(body)
    except Exception:  # an unreadable cache is no cache
        return None
    return value if stored_salt == salt else None


def write_signed(file: Path, key: bytes, salt: bytes, value: object, *, ignore: bool = True) -> None:
    """`value` pickled and signed into `file`; with `ignore`, file's folder is in a project's
    .cache/ and a .gitignore there says so."""
    try:
        body = pickle.dumps((salt, value), protocol=pickle.HIGHEST_PROTOCOL)
        file.parent.mkdir(parents=True, exist_ok=True)
        ignored = file.parent.parent / ".gitignore"
        if ignore and not ignored.exists():
            ignored.write_text("# 检查缓存（catalog check 自动生成，可随时删除）\n*\n", encoding="utf-8")
        temporary = file.with_name(f".{file.name}.{os.getpid()}")
        temporary.write_bytes(hmac.digest(key, body, "sha256") + body)
        os.replace(temporary, file)
    except (OSError, pickle.PicklingError):
        pass


@dataclass
class Summary:
    """What `catalog check` prints: every problem, the number of records and of record files."""

    problems: list[Problem]
    records: int
    files: int


@dataclass
class _Stored:
    key: bytes
    quick: bytes | None  # `SummaryCache.quick_key` of the same catalog, when it could be trusted
    summary: Summary
    photos: list[str]  # the teachers' photo paths, whose files the check looked at


FileFacts = tuple[
    str,  # kind
    str,  # id
    bool,  # whether it validated
    list[Problem],  # its own problems (reading, validating)
    list[Problem],  # its rules' (validate.file_rules)
    tuple[tuple[str, str], ...],  # (kind, id) of every record it refers to
    str | None,  # its duplicate_names group (duplicates.twin_key)
    str | None,  # a teacher's photo
]


@dataclass
class State:
    """A check by parts, for `catalog check` to re-check only what an edit reaches
    (catalog.load.summary); kept in a file of its own, read only when the keys differ."""

    today: str
    root: str
    dispatch: bytes | None  # dispatch/ (`dispatch_digest`) when the plan was empty, else None
    photos: dict[str, tuple[str, bool]]  # photo → where it resolved to, whether a file was there
    vocabulary: list[Problem]
    structure: bytes | None  # `scan`'s names and types of the data folders, when they decided:
    early: list[Problem]  # then these were the problems found before reading
    names: dict[str, str]  # record file → its name in root/kind, where that is not the path shown
    index: dict[str, tuple[Fingerprint | None, bytes]]  # record file → its stat and hash
    files: dict[str, FileFacts]  # record file → what it gave
    duplicates: dict[tuple[str, str], list[Problem]]  # duplicates.duplicate_groups
    unresolved: set[str]  # record files whose rules report a reference to no valid record


Stats = dict[str, dict[str, os.stat_result]]  # kind → file name → stat, of what is in root/kind


class SummaryCache:
    """The whole result of `catalog check` for a catalog nothing in which has changed.

    The key is everything the check reads: our code and vocabulary.yml (the salt), the date
    (reviews go stale), the catalog's place, every record file's path and content hash, the
    problems found before reading (stray files, bad names), every file under dispatch/, and
    whether each teacher's photo is there. A key that differs in anything is a full check.

    Before that key, which needs the folders walked and the record files named, a quicker one
    is tried (`quick_key`): the same but for the record files, of which it takes one listing of
    each data folder and every entry's stat; it is trusted only when no entry is a link and
    none changed within RACY_NS. What `catalog check` keeps to re-check only what an edit
    reaches (catalog.load.summary) is in a file of its own, read only when the keys differ."""

    def __init__(self, root: Path, directory: Path | None = None):
        self.root = Path(root)
        folder = directory or self.root / CACHE_DIR
        self.file = folder / SUMMARY_FILE
        self.state_file = folder / STATE_FILE
        self.salt = code_version() + _vocabulary_hash(self.root)
        try:
            self.key = _signing_key()
        except OSError:
            self.key = b""
        stored = read_signed(self.file, self.key, self.salt) if self.key else None
        self.stored = stored if isinstance(stored, _Stored) else None
        self.index: dict[str, tuple[Fingerprint | None, bytes]] = {}  # rel → stat and hash, now
        self.stats: Stats | None = None
        self.structure: bytes | None = None  # `scan`'s names and types, when no entry is a link
        self.state: State | None = None  # read by `read_state`
        self._dispatch: bytes | None = None

    def _common(self, today: str) -> hashlib.blake2b:
        digest = hashlib.blake2b(self.salt, digest_size=32)
        digest.update(f"{today}\0{self.root.resolve()}\0".encode())
        digest.update(self.dispatch_digest())
        for photo in self.stored.photos if self.stored else []:
            candidate = (self.root / photo).resolve()
            digest.update(f"{photo}\0{candidate}\0{candidate.is_file()}".encode("utf-8", "surrogateescape"))
        return digest

    def quick_key(self, today: str) -> bytes | None:
        """The key from one listing of the data folders; None when it cannot be trusted."""
        scanned = scan(self.root)
        if scanned is None:
            return None
        listing, self.structure, self.stats = scanned
        if listing is None:
            return None
        digest = self._common(today)
        digest.update(listing)
        return digest.digest()

    def quick_lookup(self, quick: bytes | None) -> Summary | None:
        if quick is not None and self.stored is not None and self.stored.quick == quick:
            return self.stored.summary
        return None

    def key_of(self, today: str, paths: list[RecordPath], early: list[Problem]) -> bytes | None:
        """The key of the catalog as it is now, or None when a file cannot be hashed."""
        known = self.state.index if self.state is not None else {}
        listed = self.stats or {}
        settled = time.time_ns() - RACY_NS  # a file changed after this is hashed (_fingerprint)
        parts = []
        for kind, record_id, path, rel in paths:
            try:
                status = listed.get(kind, {}).get(path[path.rfind(os.sep) + 1 :])
                if status is None or stat.S_ISLNK(status.st_mode):  # `scan` follows no link
                    status = os.stat(path)
                if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_FILE_BYTES:
                    return None
                if status.st_mtime_ns > settled or status.st_ctime_ns > settled:
                    fingerprint = None
                else:
                    fingerprint = (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)
                old = known.get(rel)
                if fingerprint is not None and old is not None and old[0] == fingerprint:
                    content = old[1]
                else:
                    with open(path, "rb") as file:
                        content = hashlib.blake2b(file.read(), digest_size=20).digest()
            except OSError:
                return None
            self.index[rel] = (fingerprint, content)
            parts.append((kind, record_id, rel, content))
        digest = self._common(today)
        digest.update(pickle.dumps(parts, protocol=4))
        for found in early:
            digest.update(found.text().encode("utf-8", "surrogateescape"))
        return digest.digest()

    def dispatch_digest(self) -> bytes:
        """Every file under dispatch/ (the plan), by path and bytes."""
        if self._dispatch is not None:
            return self._dispatch
        digest = hashlib.blake2b(digest_size=20)
        folder = self.root / "dispatch"
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                digest.update(os.fsencode(path.relative_to(folder)) + b"\0")
                if path.is_file():
                    digest.update(path.read_bytes())
        self._dispatch = digest.digest()
        return self._dispatch

    def lookup(self, key: bytes | None) -> Summary | None:
        if key is not None and self.stored is not None and self.stored.key == key:
            return self.stored.summary
        return None

    def read_state(self) -> None:
        """Read what the last check kept to re-check only what changed (`State`), if any."""
        if self.key and self.state is None:
            found = read_signed(self.state_file, self.key, self.salt)
            self.state = found if isinstance(found, State) else None

    def save(
        self, key: bytes | None, quick: bytes | None, summary: Summary, photos: list[str], state: State | None
    ) -> None:
        """Keep the result; `state` (when given) is written too, before the result that names it."""
        if key is None or not self.key:
            return
        if state is not None:
            write_signed(self.state_file, self.key, self.salt, state)
        write_signed(self.file, self.key, self.salt, _Stored(key, quick, summary, photos))


def scan(root: Path) -> tuple[bytes | None, bytes | None, Stats] | None:
    """One listing of each data folder, every entry with its stat (no link followed): a digest
    of it all, one of the entries' names and types only, and the stats of the files directly
    in root/kind.

    The names and types decide which files are record files and what `discover` reports; the
    first digest stands for the files' contents too. Both are None when an entry is a link
    (where it points is not in a stat); the first also when an entry changed within RACY_NS
    (its next edit could keep the same stat). None altogether when a
    folder cannot be listed. One system call per file: this is most of what `catalog check`
    does when nothing has changed, so it is kept lean (listing order, not sorted: a folder
    listed in another order is only a miss)."""
    names: list[str] = []  # each folder's path ("courses/", "courses/old/"), then its entries
    found: list[os.stat_result] = []
    missing = []
    stats: Stats = {}
    for kind in MODELS:
        folder = os.path.join(root, kind)
        try:
            status = os.lstat(folder)
        except FileNotFoundError:
            missing.append(kind)
            continue
        except OSError:
            return None
        pending = [(folder, f"{kind}/", status)]
        while pending:
            here, rel, status = pending.pop()
            names.append(rel)
            found.append(status)
            if not stat.S_ISDIR(status.st_mode):
                continue
            start = len(names)
            subfolders = []
            try:
                with os.scandir(here) as listing:
                    for entry in listing:
                        names.append(entry.name)
                        found.append(entry.stat(follow_symlinks=False))
                        if entry.is_dir(follow_symlinks=False):
                            subfolders.append((entry.path, f"{rel}{entry.name}/", found[-1]))
            except OSError:
                return None
            if rel == f"{kind}/":
                stats[kind] = dict(zip(names[start:], found[start:], strict=True))
            pending += subfolders
    modes = list(map(_MODE, found))
    if stat.S_IFLNK in set(map(stat.S_IFMT, modes)):
        return None, None, stats
    structure = hashlib.blake2b(pickle.dumps((missing, names, modes), protocol=4), digest_size=32).digest()
    newest = max(max(map(_MTIME, found), default=0), max(map(_CTIME, found), default=0))
    if time.time_ns() - newest < RACY_NS:
        return None, structure, stats
    fields = list(map(_FIELDS, found))
    quick = hashlib.blake2b(structure + pickle.dumps(fields, protocol=4), digest_size=32).digest()
    return quick, structure, stats


_MODE = operator.attrgetter("st_mode")
_MTIME = operator.attrgetter("st_mtime_ns")
_CTIME = operator.attrgetter("st_ctime_ns")
_FIELDS = operator.attrgetter("st_size", "st_mtime_ns", "st_ctime_ns", "st_ino")


def _vocabulary_hash(root: Path) -> bytes:
    try:
        return hashlib.blake2b((root / VOCABULARY_FILE).read_bytes(), digest_size=16).digest()
    except OSError:
        return b"-"
