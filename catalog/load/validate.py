"""Check a whole catalog: every file, every field, every reference, in one run.

`check_catalog(root)` is what `catalog check`, the MkDocs hook, the importer, `catalog
diff` and `catalog orders` call: the one way the catalog is loaded. It never raises for bad
input: all problems come back as a sorted list, errors and warnings, with every record
file. Rules beyond what the models say are small functions listed per kind in `RULES`.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from catalog.core.kinds import KINDS, MODELS
from catalog.core.models import Marker, Record, Ref, Route, Site, Teacher, Vocab
from catalog.core.problems import Problem, clip, error, sort_problems, warning
from catalog.core.relations import Catalog, Location, walk_markers, walk_raw_markers
from catalog.core.suggest import did_you_mean
from catalog.core.vocabulary import VOCABULARY_FILE, load_vocabularies
from catalog.load.records import RecordFile, load_records
from catalog.load.yamlsource import SourceFile

STALE_AFTER = dt.timedelta(days=730)
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")


@dataclass
class CheckResult:
    """The validated catalog, every problem, and every record file (valid or not)."""

    catalog: Catalog
    problems: list[Problem]
    files: dict[str, dict[str, RecordFile]]  # kind → id → file: the importer and diff read these

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
                problems.append(
                    error(
                        source.path,
                        line,
                        col,
                        "unknown-value",
                        f"“{clip(value)}”不在词表 {marker.name} 中（not in vocabulary）",
                        did_you_mean(value, allowed, listing="值")
                        + f" 如确需新增，请在 {VOCABULARY_FILE} 的 {marker.name} 下添加",
                    )
                )
        elif isinstance(marker, Ref):
            target = catalog.get(marker.kind, value)
            what = KINDS[marker.kind].name
            if target is None:
                hint = did_you_mean(value, catalog.records[marker.kind])
                problems.append(
                    error(
                        source.path,
                        line,
                        col,
                        "unknown-ref",
                        f"找不到{what} id “{clip(value)}”："
                        f"{marker.kind}/ 下没有 {clip(value)}.yml（unknown reference）",
                        hint or f"先在 {marker.kind}/ 下建立这条记录，或检查拼写",
                    )
                )
            elif target.status == "archived" and status == "active":
                problems.append(
                    warning(
                        source.path,
                        line,
                        col,
                        "archived-ref",
                        f"引用的{what}“{target.label}”（{value}）已停用（refers to archived record）",
                        "换成在用的记录，或把本记录也停用",
                    )
                )
    return problems


# --- rules beyond the model, one function each, listed per kind in RULES ------------------

Rule = Callable[[Record, SourceFile, Catalog, dt.date], list[Problem]]


def _review_date(record: Record, source: SourceFile, catalog: Catalog, today: dt.date) -> list[Problem]:
    line, col = source.position(("reviewed",))
    if today - record.reviewed > STALE_AFTER:
        return [
            warning(
                source.path,
                line,
                col,
                "stale-review",
                f"已超过两年没有审核（上次 {record.reviewed.isoformat()}）（review overdue）",
                "复核内容后把 reviewed 改成复核当天的日期",
            )
        ]
    if record.reviewed > today:
        return [
            warning(
                source.path,
                line,
                col,
                "future-review",
                f"审核日期 {record.reviewed.isoformat()} 还没到（date in the future）",
                "检查年份是否写错",
            )
        ]
    return []


def _idle_teacher(record: Record, source: SourceFile, catalog: Catalog, today: dt.date) -> list[Problem]:
    if record.status != "active" or catalog.teacher_courses(record.id):
        return []
    return [
        warning(
            source.path,
            1,
            1,
            "idle-teacher",
            f"师资“{record.label}”没有任何课程（teacher gives no course）",
            "在课程记录的 teachers 中加上这个 id，或把状态改为 archived",
        )
    ]


def _unused_site(record: Record, source: SourceFile, catalog: Catalog, today: dt.date) -> list[Problem]:
    if record.status != "active" or catalog.site_courses(record.id) or catalog.site_routes(record.id):
        return []
    return [
        warning(
            source.path,
            1,
            1,
            "unused-site",
            f"点位“{record.label}”没有被任何课程或路线使用（site used by nothing）",
            "在课程的 sites 或路线的 stops 中使用它，或把状态改为 archived",
        )
    ]


def _first_stop_travel(record: Record, source: SourceFile, catalog: Catalog, today: dt.date) -> list[Problem]:
    if not cast(Route, record).stops[0].travel_minutes:
        return []
    line, col = source.position(("stops", 0, "travel_minutes"))
    return [
        warning(
            source.path,
            line,
            col,
            "first-stop-travel",
            "第一站不需要 travel_minutes（路程从上一站算起）（first stop has travel）",
            "删除第一站的 travel_minutes",
        )
    ]


def _long_route(record: Record, source: SourceFile, catalog: Catalog, today: dt.date) -> list[Problem]:
    total = cast(Route, record).total_minutes
    if total <= 720:
        return []
    line, col = source.position(("stops",))
    return [
        warning(
            source.path,
            line,
            col,
            "long-route",
            f"路线总时长 {total} 分钟，超过 12 小时（route too long）",
            "拆成两条路线，或核对分钟数",
        )
    ]


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
        return [
            error(
                source.path,
                line,
                col,
                "photo-outside",
                f"照片路径“{clip(photo)}”指向目录之外（photo outside the catalog）",
                "把照片放到 teachers/photos/ 下，写相对路径，如 teachers/photos/wang-fang.jpg",
            )
        ]
    if candidate.suffix.lower() not in PHOTO_SUFFIXES:
        return [
            error(
                source.path,
                line,
                col,
                "photo-type",
                f"照片“{clip(photo)}”不是支持的图片格式（unsupported image type）",
                "请用 " + "、".join(PHOTO_SUFFIXES),
            )
        ]
    if not candidate.is_file():
        return [
            error(
                source.path,
                line,
                col,
                "photo-missing",
                f"找不到照片文件“{clip(photo)}”（photo not found）",
                "检查文件名和大小写，照片放在 teachers/photos/ 下",
            )
        ]
    return []


def _inside(path: Path, root: Path) -> bool:
    root = root.resolve()
    return path == root or root in path.parents
