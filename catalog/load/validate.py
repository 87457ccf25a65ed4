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
from catalog.core.kinds import KINDS, MODELS
from catalog.core.models import Marker, Record, Ref, Route, Site, Teacher, Vocab
from catalog.core.problems import Problem, clip, sort_problems
from catalog.core.relations import Catalog, Location, walk_markers, walk_raw_markers
from catalog.core.suggest import did_you_mean
from catalog.core.vocabulary import VOCABULARY_FILE, load_vocabularies
from catalog.load.records import RecordFile, load_records
from catalog.load.yamlsource import SourceFile
from catalog.orders.plan import Plan
from catalog.orders.plan_files import read_plan
from catalog.orders.plan_rules import check_plan

STALE_AFTER = dt.timedelta(days=730)
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")


@dataclass
class CheckResult:
    """The validated catalog, every problem, and every record file (valid or not)."""

    catalog: Catalog
    problems: list[Problem]
    files: dict[str, dict[str, RecordFile]]  # kind → id → file: the importer and diff read these
    plan: Plan = field(default_factory=Plan)  # the dispatch plan (dispatch/), catalog.orders.plan

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def vocabulary_ok(self) -> bool:
        """False when vocabulary.yml itself has errors (then values are not judged by it)."""
        return not any(p.path == VOCABULARY_FILE and p.is_error for p in self.problems)


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """Loading makes many small objects and no cycles worth collecting: skip the collector's
    repeated full scans while it runs (measured at 10–25% of `catalog check`)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_catalog(root: Path, today: dt.date | None = None) -> CheckResult:
    """Load and check everything under `root`; the one way the catalog is read."""
    root = Path(root)
    today = today or dt.date.today()
    vocabularies, problems = load_vocabularies(root)
    with _no_gc_pauses():
        loaded = load_records(root)
    problems += loaded.problems
    records = {
        kind: {i: file.record for i, file in by_id.items() if file.record is not None}
        for kind, by_id in loaded.files.items()
    }
    catalog = Catalog(root, vocabularies, records)
    result = CheckResult(catalog, problems, loaded.files)
    for by_id in loaded.files.values():
        for file in by_id.values():
            if file.record is not None:
                problems += check_record(file.record, file.source, result, today)
            elif isinstance(file.source.data, dict):  # still report its references and values
                status = str(file.source.data.get("status", "active"))
                marked = walk_raw_markers(MODELS[file.kind], file.source.data)
                problems += check_markers(marked, status, file.source, result)
    result.plan, plan_problems = read_plan(root)  # the department's decisions on the orders
    problems += plan_problems + check_plan(result.plan, catalog)
    result.problems = sort_problems(problems)
    return result


def check_record(record: Record, source: SourceFile, result: CheckResult, today: dt.date) -> list[Problem]:
    """Every rule beyond the model for one valid record (also for rows being imported)."""
    problems = check_markers(walk_markers(record), record.status, source, result)
    for rule in (*COMMON_RULES, *RULES.get(type(record), ())):
        problems += rule(record, source, result.catalog, today)
    return problems


def check_markers(
    marked: Iterable[tuple[Location, Marker, str]], status: str, source: SourceFile, result: CheckResult
) -> list[Problem]:
    """Vocabulary values and references, wherever the model marks them."""
    catalog = result.catalog
    problems = []
    for loc, marker, value in marked:
        line, col = source.position(loc)
        if isinstance(marker, Vocab) and result.vocabulary_ok:
            allowed = catalog.vocabularies.values(marker.name)
            if value not in allowed:
                suggestion = did_you_mean(value, allowed, listing="值")
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
            target = catalog.get(marker.kind, value)
            what = KINDS[marker.kind].name
            if target is None:
                problems.append(
                    problem(
                        "unknown-ref",
                        source.path,
                        line,
                        col,
                        hint=did_you_mean(value, catalog.records[marker.kind]) or None,
                        what=what,
                        id=clip(value),
                        folder=marker.kind,
                    )
                )
            elif target.status == "archived" and status == "active":
                problems.append(
                    problem("archived-ref", source.path, line, col, what=what, label=target.label, id=value)
                )
    return problems


# --- rules beyond the model, one function each, listed per kind in RULES ------------------

Rule = Callable[[Record, SourceFile, Catalog, dt.date], list[Problem]]


def _review_date(record: Record, source: SourceFile, catalog: Catalog, today: dt.date) -> list[Problem]:
    line, col = source.position(("reviewed",))
    if today - record.reviewed > STALE_AFTER:
        return [problem("stale-review", source.path, line, col, date=record.reviewed.isoformat())]
    if record.reviewed > today:
        return [problem("future-review", source.path, line, col, date=record.reviewed.isoformat())]
    return []


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
    total = cast(Route, record).total_minutes
    if total <= 720:
        return []
    line, col = source.position(("stops",))
    return [problem("long-route", source.path, line, col, minutes=total)]


def _photo(record: Record, source: SourceFile, catalog: Catalog, today: dt.date) -> list[Problem]:
    photo = cast(Teacher, record).photo
    return [] if photo is None else check_photo(photo, catalog.root, source)


COMMON_RULES: tuple[Rule, ...] = (_review_date,)
RULES: dict[type[Record], tuple[Rule, ...]] = {
    Teacher: (_idle_teacher, _photo),
    Site: (_unused_site,),
    Route: (_first_stop_travel, _long_route),
}


def check_photo(photo: str, root: Path, source: SourceFile) -> list[Problem]:
    line, col = source.position(("photo",))
    candidate = (root / photo).resolve()
    if photo.startswith(("/", "\\")) or ".." in Path(photo).parts or not _inside(candidate, root):
        return [problem("photo-outside", source.path, line, col, photo=clip(photo))]
    if candidate.suffix.lower() not in PHOTO_SUFFIXES:
        suffixes = "、".join(PHOTO_SUFFIXES)
        return [problem("photo-type", source.path, line, col, photo=clip(photo), suffixes=suffixes)]
    if not candidate.is_file():
        return [problem("photo-missing", source.path, line, col, photo=clip(photo))]
    return []


def _inside(path: Path, root: Path) -> bool:
    root = root.resolve()
    return path == root or root in path.parents
