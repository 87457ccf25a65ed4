"""Check a whole catalog: every file, every field, every reference, in one run.

`check_catalog(root)` is what `catalog check`, the MkDocs hook, the importer, `catalog
diff` and `catalog orders` call: the one way the catalog is loaded. It never raises for bad
input: all problems come back as a sorted list, errors and warnings, with every record
file. Rules beyond what the models say are small functions listed per kind in `RULES`.
The dispatch plan (`dispatch/`) is read and checked here too (catalog.orders.plan_files,
catalog.orders.plan_rules), against the records.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from catalog.core.codes import problem
from catalog.core.kinds import ARCHIVED, KINDS, MODELS, TREE_SEPARATOR, status_of
from catalog.core.models import (
    ITEM_FIELDS,
    WINDOWS_DEVICE,
    Bundle,
    Marker,
    Record,
    Ref,
    Route,
    Site,
    Teacher,
    Vocab,
)
from catalog.core.problems import Problem, clip, sort_problems
from catalog.core.relations import Catalog, Location, walk_markers, walk_raw_markers
from catalog.core.suggest import did_you_mean, suggest_records
from catalog.core.vocabulary import VOCABULARY_FILE, load_vocabularies
from catalog.load.cache import CheckCache
from catalog.load.duplicates import duplicate_groups
from catalog.load.records import RecordFile, load_files, record_paths
from catalog.load.yamlsource import SourceFile
from catalog.orders.plan import Plan
from catalog.orders.plan_files import read_plan
from catalog.orders.plan_rules import check_plan

STALE_AFTER = dt.timedelta(days=730)
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")
PHOTO_FORBIDDEN = set('<>:"|?*#%\\')  # a URL (#, ?, %) or a Windows file name cannot hold these


@dataclass
class Parts:
    """A check's problems by where they came from: what `catalog check` keeps to re-check only
    what an edit can reach (catalog.load.summary). Paths are as messages show them."""

    vocabulary: list[Problem]
    early: list[Problem]  # found before reading: stray files, names that cannot be ids
    own: dict[str, list[Problem]]  # record file → reading and validating it
    rules: dict[str, list[Problem]]  # record file → `file_rules`
    duplicates: dict[tuple[str, str], list[Problem]]  # (kind, twin_key) → duplicate_groups
    plan: list[Problem]  # dispatch/


@dataclass
class CheckResult:
    """The validated catalog, every problem, and every record file (valid or not)."""

    catalog: Catalog
    problems: list[Problem]
    files: dict[str, dict[str, RecordFile]]  # kind → id → file: the importer and diff read these
    _first_errors: dict[str, Problem] | None = field(default=None, repr=False)
    hints: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)  # unknown ref → hint
    plan: Plan = field(default_factory=Plan)  # the dispatch plan (dispatch/), catalog.orders.plan
    _vocabulary_ok: bool | None = field(default=None, repr=False)
    parts: Parts | None = field(default=None, repr=False)  # where each problem came from

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def file_count(self) -> int:
        """Record files read, valid or not (what the summary line counts)."""
        return sum(len(by_id) for by_id in self.files.values())

    def first_error(self, path: str) -> Problem | None:
        """The first error (by position) of a file, among those found so far."""
        if self._first_errors is None:
            self._first_errors = {}
            for found in self.problems:
                known = self._first_errors.get(found.path)
                if found.is_error and (
                    known is None or (found.line, found.column) < (known.line, known.column)
                ):
                    self._first_errors[found.path] = found
        return self._first_errors.get(path)

    @property
    def vocabulary_ok(self) -> bool:
        """False when vocabulary.yml itself has errors (then values are not judged by it).

        Known from the start of a check (the vocabulary is read first), so found once."""
        if self._vocabulary_ok is None:
            self._vocabulary_ok = not any(p.path == VOCABULARY_FILE and p.is_error for p in self.problems)
        return self._vocabulary_ok


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """Loading makes many small objects and no cycles worth collecting: skip the collector's
    repeated full scans while it runs (measured at 10–25% of `catalog check`; more when the
    cache unpickles thousands of records at once)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_catalog(root: Path, today: dt.date | None = None, *, cache: bool = False) -> CheckResult:
    """Load and check everything under `root`; the one way the catalog is read.

    `cache=True` (catalog check, mkdocs build and serve) keeps what each file gave under
    `.cache/catalog/` and reads again only files whose bytes changed (catalog.load.cache);
    the problems are the same either way."""
    with _no_gc_pauses():
        return _check_catalog(Path(root), today or dt.date.today(), cache)


def _check_catalog(root: Path, today: dt.date, cache: bool) -> CheckResult:
    vocabularies, problems = load_vocabularies(root)
    vocabulary_problems = list(problems)
    kept = CheckCache(root) if cache else None
    accepted, early = record_paths(root)
    loaded = load_files(accepted, list(early), kept)
    if kept is not None:
        kept.save()
    problems += loaded.problems
    records = {
        kind: {i: file.record for i, file in by_id.items() if file.record is not None}
        for kind, by_id in loaded.files.items()
    }
    catalog = Catalog(root, vocabularies, records)
    result = CheckResult(catalog, problems, loaded.files)
    rules: dict[str, list[Problem]] = {}
    for by_id in loaded.files.values():
        for file in by_id.values():
            found = rules[file.source.path] = file_rules(file, result, today)
            problems += found
    duplicates = duplicate_groups(loaded.files)
    for group in duplicates.values():
        problems += group
    result.plan, plan_problems = read_plan(root)  # the department's decisions on the orders
    plan_problems += check_plan(result.plan, catalog)
    problems += plan_problems
    result.problems = sort_problems(problems)
    result.parts = Parts(vocabulary_problems, early, loaded.own, rules, duplicates, plan_problems)
    return result


def file_rules(file: RecordFile, result: CheckResult, today: dt.date) -> list[Problem]:
    """The checks beyond reading one file: its record's rules, or, for a file that did not
    validate, its references and values still (`result` holds what the check found so far).

    A rule sees the catalog only through the record's own references and the records that
    refer to it (`Catalog.get`, `Catalog.referrers`): `catalog check` re-checks after an edit
    just the records those reach (catalog.load.summary)."""
    if file.record is not None:
        return check_record(file.record, file.source, result, today)
    if isinstance(file.source.data, dict):
        status = str(file.source.data.get("status", "active"))
        marked = walk_raw_markers(MODELS[file.kind], file.source.data)
        return check_markers(marked, status, file.source, result)
    return []


def check_record(record: Record, source: SourceFile, result: CheckResult, today: dt.date) -> list[Problem]:
    """Every rule beyond the model for one valid record (also for rows being imported)."""
    problems = check_markers(walk_markers(record), record.status, source, result)
    for rule in (*COMMON_RULES, *RULES.get(type(record), ())):
        problems += rule(record, source, result.catalog, today)
    return problems


def check_markers(
    marked: Iterable[tuple[Location, Marker, str]], status: str, source: SourceFile, result: CheckResult
) -> list[Problem]:
    """Vocabulary values and references, wherever the model marks them (a position is looked
    up only for a problem: a file read quickly composes its positions then)."""
    catalog = result.catalog
    vocabularies = catalog.vocabularies
    vocabulary_ok = result.vocabulary_ok
    problems = []
    for loc, marker, value in marked:
        if isinstance(marker, Vocab) and vocabulary_ok:
            found = vocabularies.resolve(marker.name, value)
            if len(found) > 1:
                line, col = source.position(loc)
                problems.append(
                    problem(
                        "ambiguous-value",
                        source.path,
                        line,
                        col,
                        value=clip(value),
                        vocabulary=marker.name,
                        count=len(found),
                        paths="、".join(found),
                        example=TREE_SEPARATOR.join(found[0].split(TREE_SEPARATOR)[-2:]),
                    )
                )
            elif not found:
                line, col = source.position(loc)
                suggestion = did_you_mean(value, vocabularies.names(marker.name), listing="值")
                problems.append(
                    problem(
                        "unknown-value",
                        source.path,
                        line,
                        col,
                        value=clip(value),
                        vocabulary=marker.name,
                        suggestion=suggestion,
                    )
                )
        elif isinstance(marker, Ref):
            problems += _check_ref(marker.kind, value, status, source, loc, result)
    return problems


def _check_ref(
    kind: str, value: str, status: str, source: SourceFile, loc: Location, result: CheckResult
) -> list[Problem]:
    """A reference: to a record that exists and is valid, and (from an active one) in use."""
    target = result.catalog.get(kind, value)
    what = KINDS[kind].name
    if target is not None:
        if target.status == "archived" and status == "active":
            at = (source.path, *source.position(loc))
            return [problem("archived-ref", *at, what=what, label=target.label, id=value)]
        return []
    at = (source.path, *source.position(loc))
    file = result.files.get(kind, {}).get(value)
    if file is not None:  # the file is there, but it has errors of its own
        first = result.first_error(file.source.path)
        where = f"{first.path}:{first.line}:{first.column}" if first else file.source.path
        return [problem("invalid-ref", *at, what=what, id=clip(value), path=file.source.path, where=where)]
    hint = result.hints.get((kind, value))
    if hint is None:  # the same misspelling in many files: looked up once
        hint = result.hints[(kind, value)] = suggest_records(value, result.catalog.records[kind])
    return [problem("unknown-ref", *at, hint=hint or None, what=what, id=clip(value), folder=kind)]


# --- rules beyond the model, one function each, listed per kind in RULES ------------------

Rule = Callable[[Record, SourceFile, Catalog, dt.date], list[Problem]]


def _review_date(record: Record, source: SourceFile, catalog: Catalog, today: dt.date) -> list[Problem]:
    if today - record.reviewed > STALE_AFTER:
        line, col = source.position(("reviewed",))
        return [problem("stale-review", source.path, line, col, date=record.reviewed.isoformat())]
    if record.reviewed > today:
        line, col = source.position(("reviewed",))
        return [problem("future-review", source.path, line, col, date=record.reviewed.isoformat())]
    return []


def _next_review(record: Record, source: SourceFile, catalog: Catalog, today: dt.date) -> list[Problem]:
    if record.next_review is None or record.next_review >= today or status_of(record) == ARCHIVED:
        return []
    line, col = source.position(("next_review",))
    return [problem("review-due", source.path, line, col, date=record.next_review.isoformat())]


def _status_explained(record: Record, source: SourceFile, catalog: Catalog, today: dt.date) -> list[Problem]:
    """A passing status (暂停、复评中) says why and since when: units read it on the banner."""
    status = status_of(record)
    missing = [name for name in ("status_reason", "status_date") if getattr(record, name) is None]
    if status.lasting or not missing:
        return []
    line, col = source.position(("status",))
    return [
        problem(
            "status-unexplained", source.path, line, col, status=status.label, missing=" 和 ".join(missing)
        )
    ]


def _idle_teacher(record: Record, source: SourceFile, catalog: Catalog, today: dt.date) -> list[Problem]:
    if record.status != "active" or catalog.teacher_courses(record.id):
        return []
    return [problem("idle-teacher", source.path, 1, 1, label=record.label)]


def _unused_site(record: Record, source: SourceFile, catalog: Catalog, today: dt.date) -> list[Problem]:
    if record.status != "active" or catalog.site_courses(record.id) or catalog.site_routes(record.id):
        return []
    return [problem("unused-site", source.path, 1, 1, label=record.label)]


def _first_stop_travel(record: Record, source: SourceFile, catalog: Catalog, today: dt.date) -> list[Problem]:
    if not cast(Route, record).stops[0].travel_minutes:
        return []
    line, col = source.position(("stops", 0, "travel_minutes"))
    return [problem("first-stop-travel", source.path, line, col)]


def _long_route(record: Record, source: SourceFile, catalog: Catalog, today: dt.date) -> list[Problem]:
    duration = cast(Route, record).duration
    if duration.known <= 720:
        return []
    line, col = source.position(("stops",))
    if duration.complete:
        return [problem("long-route", source.path, line, col, minutes=duration.known)]
    return [problem("long-route", source.path, line, col, variant="at-least", minutes=duration.known)]


def _photo(record: Record, source: SourceFile, catalog: Catalog, today: dt.date) -> list[Problem]:
    photo = cast(Teacher, record).photo
    return [] if photo is None else check_photo(photo, catalog.root, source)


def _bundle_items(record: Record, source: SourceFile, catalog: Catalog, today: dt.date) -> list[Problem]:
    problems = []
    for index, item in enumerate(cast(Bundle, record).items):
        named = [name for name in ITEM_FIELDS if getattr(item, name)]
        if len(named) == 1:
            continue
        what = "没有写 course、route、site 或 teacher" if not named else f"同时写了 {' 和 '.join(named)}"
        line, col = source.position(("items", index))
        problems.append(problem("bundle-item", source.path, line, col, number=index + 1, what=what))
    return problems


COMMON_RULES: tuple[Rule, ...] = (_review_date, _next_review, _status_explained)
RULES: dict[type[Record], tuple[Rule, ...]] = {
    Teacher: (_idle_teacher, _photo),
    Site: (_unused_site,),
    Route: (_first_stop_travel, _long_route),
    Bundle: (_bundle_items,),
}


def check_photo(photo: str, root: Path, source: SourceFile) -> list[Problem]:
    def at() -> tuple[str, int, int]:  # looked up only for a problem
        return (source.path, *source.position(("photo",)))

    candidate = (root / photo).resolve()
    if photo.startswith(("/", "\\")) or ".." in Path(photo).parts or not _inside(candidate, root):
        return [problem("photo-outside", *at(), photo=clip(photo))]
    bad = sorted({ch for ch in photo if ch in PHOTO_FORBIDDEN or ord(ch) < 32})
    if bad or WINDOWS_DEVICE.match(Path(photo).stem.lower()):
        chars = "".join(bad) or Path(photo).stem
        return [problem("photo-name", *at(), photo=clip(photo), chars=chars)]
    if candidate.suffix.lower() not in PHOTO_SUFFIXES:
        suffixes = "、".join(PHOTO_SUFFIXES)
        return [problem("photo-type", *at(), photo=clip(photo), suffixes=suffixes)]
    if not candidate.is_file():
        return [problem("photo-missing", *at(), photo=clip(photo))]
    return []


def _inside(path: Path, root: Path) -> bool:
    root = root.resolve()
    return path == root or root in path.parents
