"""Check a whole catalog: every file, every field, every reference, in one run.

`check_catalog(root)` is what `catalog check` and the MkDocs hook both call. It never
raises for bad input: all problems come back as a sorted list, errors and warnings.
"""

from __future__ import annotations

import datetime as dt
import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .loader import LoadedRecord, clip, load_records
from .models import KIND_NAMES, MODELS, Ref, Route, Teacher, Vocab
from .problems import Problem, error, sort_problems, warning
from .relations import Catalog, walk_markers, walk_raw_markers
from .suggest import did_you_mean
from .vocabulary import VOCABULARY_FILE, load_vocabularies
from .yamlsource import SourceFile

STALE_AFTER = dt.timedelta(days=730)
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")


@dataclass
class CheckResult:
    catalog: Catalog
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors


@contextmanager
def _no_gc_pauses():
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
    root = Path(root)
    today = today or dt.date.today()
    vocabularies, problems = load_vocabularies(root)
    with _no_gc_pauses():
        loaded = load_records(root)
    problems += loaded.problems
    catalog = Catalog(
        root,
        vocabularies,
        {kind: {i: item.record for i, item in by_id.items()} for kind, by_id in loaded.records.items()},
    )
    vocab_ok = not any(p.path == VOCABULARY_FILE and p.is_error for p in problems)
    for by_id in loaded.records.values():
        for item in by_id.values():
            problems += _check_markers(
                walk_markers(item.record), item.record.status, item.source, catalog, vocab_ok
            )
            problems += _check_record(item, catalog, root, today)
    for kind, source in loaded.failed:  # still report their references and vocabularies
        status = source.data.get("status", "active")
        marked = walk_raw_markers(MODELS[kind], source.data)
        problems += _check_markers(marked, status, source, catalog, vocab_ok)
    return CheckResult(catalog, sort_problems(problems))


def _check_markers(
    marked, status: str, source: SourceFile, catalog: Catalog, check_vocab: bool
) -> list[Problem]:
    problems = []
    for loc, marker, value in marked:
        line, col = source.position(loc)
        if isinstance(marker, Vocab) and check_vocab:
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
            what = KIND_NAMES[marker.kind]
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


def _check_record(item: LoadedRecord, catalog: Catalog, root: Path, today: dt.date) -> list[Problem]:
    record, source = item.record, item.source
    problems = []
    if today - record.reviewed > STALE_AFTER:
        line, col = source.position(("reviewed",))
        problems.append(
            warning(
                source.path,
                line,
                col,
                "stale-review",
                f"已超过两年没有审核（上次 {record.reviewed.isoformat()}）（review overdue）",
                "复核内容后把 reviewed 改成复核当天的日期",
            )
        )
    elif record.reviewed > today:
        line, col = source.position(("reviewed",))
        problems.append(
            warning(
                source.path,
                line,
                col,
                "future-review",
                f"审核日期 {record.reviewed.isoformat()} 还没到（date in the future）",
                "检查年份是否写错",
            )
        )
    if isinstance(record, Teacher):
        if record.status == "active" and not catalog.teacher_courses(record.id):
            problems.append(
                warning(
                    source.path,
                    1,
                    1,
                    "idle-teacher",
                    f"师资“{record.name}”没有任何课程（teacher gives no course）",
                    "在课程记录的 teachers 中加上这个 id，或把状态改为 archived",
                )
            )
        if record.photo is not None:
            problems += _check_photo(record.photo, root, source)
    elif record.kind == "sites":
        if record.status == "active" and not (
            catalog.site_courses(record.id) or catalog.site_routes(record.id)
        ):
            problems.append(
                warning(
                    source.path,
                    1,
                    1,
                    "unused-site",
                    f"点位“{record.name}”没有被任何课程或路线使用（site used by nothing）",
                    "在课程的 sites 或路线的 stops 中使用它，或把状态改为 archived",
                )
            )
    elif isinstance(record, Route):
        first = record.stops[0]
        if first.travel_minutes:
            line, col = source.position(("stops", 0, "travel_minutes"))
            problems.append(
                warning(
                    source.path,
                    line,
                    col,
                    "first-stop-travel",
                    "第一站不需要 travel_minutes（路程从上一站算起）（first stop has travel）",
                    "删除第一站的 travel_minutes",
                )
            )
        if record.total_minutes > 720:
            line, col = source.position(("stops",))
            problems.append(
                warning(
                    source.path,
                    line,
                    col,
                    "long-route",
                    f"路线总时长 {record.total_minutes} 分钟，超过 12 小时（route too long）",
                    "拆成两条路线，或核对分钟数",
                )
            )
    return problems


def _check_photo(photo: str, root: Path, source) -> list[Problem]:
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
