"""`catalog check` from what the last check kept: nothing again when nothing has changed, and
after an edit only what the edit can reach.

A check is the same function of its files as ever (catalog.load.validate); this module only
decides how much of it must run again, from `SummaryCache` (catalog.load.cache):

1. The quick key (one listing of the data folders, every entry's stat) is the last one: the
   last result is printed as it was, and no file is read.
2. The full key (every record file by content hash) is the last one: the same.
3. Otherwise, from the check's parts (`State`): the files whose bytes changed are read again,
   and the rules run again for the records whose result can differ. A record's rules see the
   catalog only through the records it refers to and those that refer to it (`Ref` markers,
   catalog.core.relations; validate.file_rules), so those are: the changed records, every
   record that refers to one of them (before or after the edit), and every record one of them
   refers to (its "used by" has changed). The duplicate-name groups (duplicates.twin_key) the
   changed records were or are in are looked at again. Every other record's problems are
   kept. The records those rules read are read from their files.
4. A full check (which fills the caches) when part 3 cannot say the same: another day,
   vocabulary, code, plan (dispatch/ not empty) or photo; a reference to no valid record
   anywhere (its message depends on all records of a kind and on the order of the check);
   or so many files changed that reading them all is as quick.

tests/test_check_cache.py holds each way to the result of a check without any cache.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from catalog.core.kinds import MODELS
from catalog.core.models import Record, Ref, Teacher
from catalog.core.problems import Problem, sort_problems
from catalog.core.relations import Catalog, walk_markers, walk_raw_markers
from catalog.core.vocabulary import load_vocabularies
from catalog.load.cache import FileFacts, RecordPath, State, Summary, SummaryCache
from catalog.load.duplicates import duplicate_groups, twin_key
from catalog.load.records import RecordFile, read_file, record_paths
from catalog.load.validate import CheckResult, _no_gc_pauses, check_catalog, file_rules

UNRESOLVED = ("unknown-ref", "invalid-ref")  # messages that depend on more than the records named
MAX_READ = 2000  # files a partial check may read; beyond, a full check (with the cache) is as quick

Key = tuple[str, str]  # (kind, id)


def check_summary(root: Path, today: dt.date | None = None) -> Summary:
    """What `catalog check` prints, from what the last check kept where that gives the same
    (see the module's docstring), else from a full check (which fills both caches)."""
    with _no_gc_pauses():
        return _check_summary(Path(root), today or dt.date.today())


def _check_summary(root: Path, today: dt.date) -> Summary:
    day = today.isoformat()
    kept = SummaryCache(root)
    quick = kept.quick_key(day)
    summary = kept.quick_lookup(quick)
    if summary is not None:
        return summary
    kept.read_state()
    paths, early = _record_paths(root, kept)
    key = kept.key_of(day, paths, early)
    summary = kept.lookup(key)
    if summary is not None and kept.stored is not None:  # files touched, not changed
        if quick is not None:
            kept.save(key, quick, summary, kept.stored.photos, None)
        return summary
    done = _recheck(root, today, kept, paths, early) if key is not None else None
    state: State | None
    if done is not None:
        summary, state = done
        photos = sorted(state.photos)
    else:
        result = check_catalog(root, today, cache=True)
        summary = Summary(result.problems, len(result.catalog), result.file_count)
        state = _state_of(result, kept, day, paths, early) if key is not None else None
        photos = sorted({t.photo for t in result.catalog.teachers.values() if t.photo is not None})
    kept.save(key, quick, summary, photos, state)
    return summary


def _record_paths(root: Path, kept: SummaryCache) -> tuple[list[RecordPath], list[Problem]]:
    """records.record_paths, or the last check's when the data folders hold the same names
    and types as then (what it is a function of, when no entry is a link: catalog.load.cache.scan)."""
    state = kept.state
    if state is None or kept.structure is None or state.structure != kept.structure:
        return record_paths(root)
    if state.root != str(root.resolve()):
        return record_paths(root)
    folders = {kind: os.path.join(root, kind) + os.sep for kind in MODELS}
    names = state.names
    paths = []
    for rel, facts in state.files.items():
        kind = facts[0]
        paths.append((kind, facts[1], folders[kind] + (names.get(rel) or rel[len(kind) + 1 :]), rel))
    return paths, list(state.early)


def _odd_names(paths: list[RecordPath]) -> dict[str, str]:
    """The file names that differ from the path shown (bytes that are not UTF-8, discover.display_path)."""
    odd = {}
    for kind, _, path, rel in paths:
        if not rel.isascii() and (name := os.path.basename(path)) != rel[len(kind) + 1 :]:
            odd[rel] = name
    return odd


def _photo_place(root: Path, photo: str) -> tuple[str, bool]:
    """What a teacher's photo rule reads from the disk (validate.check_photo)."""
    candidate = (root / photo).resolve()
    return str(candidate), candidate.is_file()


def _photo_of(record: Record | None) -> str | None:
    return record.photo if isinstance(record, Teacher) else None


def _refs_of(file: RecordFile) -> tuple[Key, ...]:
    """Every (kind, id) a file names, valid or not (as validate.file_rules looks them up)."""
    if file.record is not None:
        marked = walk_markers(file.record)
    elif isinstance(file.source.data, dict):
        marked = walk_raw_markers(MODELS[file.kind], file.source.data)
    else:
        return ()
    return tuple(sorted({(marker.kind, value) for _, marker, value in marked if isinstance(marker, Ref)}))


def _facts(file: RecordFile, own: list[Problem], rules: list[Problem], refs: tuple[Key, ...]) -> FileFacts:
    record = file.record
    twin = twin_key(record) if record is not None else None
    return (file.kind, file.id, record is not None, own, rules, refs, twin, _photo_of(record))


def _unresolved(rules: list[Problem]) -> bool:
    return any(found.code in UNRESOLVED for found in rules)


def _state_of(
    result: CheckResult, kept: SummaryCache, day: str, paths: list[RecordPath], early: list[Problem]
) -> State | None:
    """The parts of a full check, to re-check from next time (None when they do not fit the
    files hashed for the key: a file changed while being checked)."""
    parts = result.parts
    assert parts is not None
    references = result.catalog.references()
    files: dict[str, FileFacts] = {}
    unresolved = set()
    for by_id in result.files.values():
        for file in by_id.values():
            rel = file.source.path
            if file.record is not None:
                refs = tuple(sorted(references.get((file.kind, file.id), ())))
            else:
                refs = _refs_of(file)
            rules = parts.rules[rel]
            files[rel] = _facts(file, parts.own[rel], rules, refs)
            if _unresolved(rules):
                unresolved.add(rel)
    if files.keys() != kept.index.keys():
        return None
    root = kept.root
    photos = {photo: _photo_place(root, photo) for facts in files.values() if (photo := facts[7]) is not None}
    plan_empty = not result.plan and not parts.plan
    return State(
        day,
        str(root.resolve()),
        kept.dispatch_digest() if plan_empty else None,
        photos,
        parts.vocabulary,
        kept.structure if parts.early == early else None,  # else the folders changed meanwhile
        parts.early,
        _odd_names(paths),
        dict(kept.index),
        files,
        parts.duplicates,
        unresolved,
    )


def _recheck(
    root: Path, today: dt.date, kept: SummaryCache, paths: list[RecordPath], early: list[Problem]
) -> tuple[Summary, State] | None:
    """The check again for what changed since `kept.state`; None when only a full one can say."""
    state = kept.state
    day = today.isoformat()
    if state is None or state.today != day or state.root != str(root.resolve()):
        return None
    if state.dispatch is None or state.dispatch != kept.dispatch_digest():
        return None  # the plan's rules read the whole catalog
    photos = {photo: _photo_place(root, photo) for photo in state.photos}
    if photos != state.photos:
        return None
    vocabularies, vocabulary_problems = load_vocabularies(root)
    if vocabulary_problems != state.vocabulary:
        return None

    old = state.files
    now: dict[str, tuple[str, str, str]] = {rel: (kind, i, path) for kind, i, path, rel in paths}
    rel_of: dict[Key, str] = {(kind, i): rel for rel, (kind, i, _) in now.items()}
    changed = [
        rel
        for rel, (kind, i, _) in now.items()
        if rel not in old or old[rel][:2] != (kind, i) or state.index[rel][1] != kept.index[rel][1]
    ]
    removed = [rel for rel in old if rel not in now]
    if len(changed) + len(removed) > MAX_READ:
        return None
    read: dict[str, tuple[RecordFile, list[Problem]]] = {}

    def file_at(rel: str) -> RecordFile:
        if rel not in read:
            kind, i, path = now[rel]
            read[rel] = read_file(kind, i, Path(path), rel)
        return read[rel][0]

    refs: dict[str, tuple[Key, ...]] = {}
    for rel in changed:
        refs[rel] = _refs_of(file_at(rel))
    unchanged = {rel for rel in now if rel not in read}
    for rel in changed:  # what would end in a full check anyway: stop before reading more
        for target in refs[rel]:
            where = rel_of.get(target)
            if where is None or (where in unchanged and not old[where][2]):
                return None  # a reference to no valid record

    def refs_of(rel: str) -> tuple[Key, ...]:
        return refs[rel] if rel in refs else old[rel][5]

    referrers: dict[Key, list[str]] = {}  # (kind, id) → the files that name it, now
    for rel in unchanged:
        for target in old[rel][5]:
            referrers.setdefault(target, []).append(rel)
    for rel in changed:
        for target in refs[rel]:
            referrers.setdefault(target, []).append(rel)
    for rel in changed:
        if file_at(rel).record is None and referrers.get((now[rel][0], now[rel][1])):
            return None  # who names it now refers to a record that is not valid

    # The records whose rules run again: the changed ones, who names them, whom they name(d).
    gone = [rel for rel in changed if rel in old] + removed
    touched: set[Key] = {(now[rel][0], now[rel][1]) for rel in changed}
    touched.update(old[rel][:2] for rel in gone)
    affected = set(changed)
    for key in touched:
        affected.update(referrers.get(key, ()))
    named = [target for rel in changed for target in refs[rel]]
    named += [target for rel in gone for target in old[rel][5]]
    affected.update(rel_of[target] for target in named if target in rel_of)

    # What their rules read: the records they name, and those that name them.
    needed = set(affected)
    for rel in affected:
        needed.update(rel_of[target] for target in refs_of(rel) if target in rel_of)
        needed.update(referrers.get((now[rel][0], now[rel][1]), ()))

    # The duplicate-name groups the changed records were or are in, with all their records.
    groups: set[Key] = set()
    for rel in gone:
        if (twin := old[rel][6]) is not None:
            groups.add((old[rel][0], twin))
    for rel in changed:
        record = file_at(rel).record
        if record is not None and (twin := twin_key(record)) is not None:
            groups.add((now[rel][0], twin))
    members = [rel for rel in changed if _group_of(file_at(rel)) in groups]
    if groups:
        members += [rel for rel in unchanged if (old[rel][0], old[rel][6]) in groups]
    needed.update(members)
    if len(needed) > MAX_READ:
        return None

    subset: dict[str, dict[str, RecordFile]] = {kind: {} for kind in MODELS}
    for rel in sorted(needed):
        file = file_at(rel)
        subset[file.kind][file.id] = file
    records = {
        kind: {i: file.record for i, file in by_id.items() if file.record is not None}
        for kind, by_id in subset.items()
    }
    result = CheckResult(Catalog(root, vocabularies, records), list(vocabulary_problems), subset)
    rules = {rel: file_rules(file_at(rel), result, today) for rel in sorted(affected)}
    unresolved = {rel for rel in state.unresolved if rel in now and rel not in affected}
    unresolved.update(rel for rel, found in rules.items() if _unresolved(found))
    if unresolved:
        return None  # the message of a reference to no valid record reads more than its records

    duplicates = {group: found for group, found in state.duplicates.items() if group not in groups}
    in_groups: dict[str, dict[str, RecordFile]] = {kind: {} for kind in MODELS}
    for rel in members:
        file = file_at(rel)
        in_groups[file.kind][file.id] = file
    duplicates.update(duplicate_groups(in_groups))

    files: dict[str, FileFacts] = {}
    for rel in now:
        if rel in refs:  # changed
            file, own = read[rel]
            files[rel] = _facts(file, own, rules[rel], refs[rel])
        elif rel in affected:
            files[rel] = (*old[rel][:4], rules[rel], *old[rel][5:])
        else:
            files[rel] = old[rel]
    problems = list(vocabulary_problems) + list(early)
    for facts in files.values():
        problems += facts[3]
        problems += facts[4]
    for found in duplicates.values():
        problems += found
    valid = sum(1 for facts in files.values() if facts[2])
    summary = Summary(sort_problems(problems), valid, len(files))
    new_photos = {
        photo: photos.get(photo) or _photo_place(root, photo) for f in files.values() if (photo := f[7])
    }
    new = State(
        day,
        state.root,
        state.dispatch,
        new_photos,
        vocabulary_problems,
        kept.structure,
        list(early),
        _odd_names(paths),
        dict(kept.index),
        files,
        duplicates,
        set(),
    )
    return summary, new


def _group_of(file: RecordFile) -> Key | None:
    key = twin_key(file.record) if file.record is not None else None
    return (file.kind, key) if key is not None else None
