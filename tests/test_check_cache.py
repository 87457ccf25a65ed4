"""The check caches (catalog/load/cache.py) never serve a stale result.

Each test checks a catalog with a cache, changes something, and compares the cached check
with a check that reads every file afresh (no cache): the same problems and the same records.
A test that only compared two cached runs could not see the cache serving a stale result.
Both caches are held to it: the per-file one (check_catalog(cache=True): mkdocs build and
serve) and the whole result of `catalog check` (check_summary): from the quick key (one
listing of the folders), from the full key, and re-checked in part after an edit
(catalog.load.summary: the tests at the end say which of those edits it must check in part).
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from catalog.load import cache as cache_module
from catalog.load import records as records_module
from catalog.load.summary import check_summary
from catalog.load.validate import check_catalog
from tests.conftest import write_catalog

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def own_key(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))  # the signing key


@pytest.fixture(params=["racy", "stat-trusted"])
def stat_rule(request, monkeypatch):
    """Files written by a test are 'racy' (changed just now): hashed every run. With the rule
    off, an unchanged stat is trusted, as it is for files that were saved a while ago."""
    if request.param == "stat-trusted":
        monkeypatch.setattr(cache_module, "RACY_NS", 0)
    return request.param


@pytest.fixture(params=["per-file", "summary"])
def way(request):
    return request.param


@pytest.fixture
def reads(monkeypatch):
    """The files read from disk by the reader (not served by the cache)."""
    seen: list[str] = []
    real = records_module.read_source

    def counting(path, rel):
        seen.append(rel)
        return real(path, rel)

    monkeypatch.setattr(records_module, "read_source", counting)
    return seen


def fresh(root: Path):
    return check_catalog(root, TODAY)


def cached(root: Path, today: dt.date = TODAY):
    return check_catalog(root, today, cache=True)


def same_as_fresh(root: Path, way: str = "per-file", today: dt.date = TODAY) -> list[str]:
    """Check with a cache; assert it equals a check without it; the problems, as text."""
    cold = check_catalog(root, today)
    if way == "summary":
        summary = check_summary(root, today)
        assert [p.text() for p in summary.problems] == [p.text() for p in cold.problems]
        assert (summary.records, summary.files) == (len(cold.catalog), cold.file_count)
        return [p.text() for p in summary.problems]
    warm = cached(root, today)
    assert [p.text() for p in warm.problems] == [p.text() for p in cold.problems]
    assert {k: dict(v) for k, v in warm.catalog.records.items()} == {
        k: dict(v) for k, v in cold.catalog.records.items()
    }
    assert warm.file_count == cold.file_count
    return [p.text() for p in warm.problems]


def first_run(root: Path, way: str) -> None:
    (check_summary if way == "summary" else cached)(root, TODAY)


def test_an_unchanged_catalog_is_not_read_again(tmp_path, reads, stat_rule):
    root = write_catalog(tmp_path / "c", {})
    cached(root)
    assert len(reads) == 5  # every record file read once
    reads.clear()
    assert same_as_fresh(root) == [p.text() for p in fresh(root).problems]
    assert list((root / ".cache" / "catalog").glob("records-*.pickle"))
    reads.clear()
    cached(root)
    assert reads == []  # all served by the cache


def test_an_edit_is_seen(tmp_path, reads, stat_rule, way):
    root = write_catalog(tmp_path / "c", {})
    first_run(root, way)
    course = root / "courses" / "party-history.yml"
    course.write_text(course.read_text(encoding="utf-8").replace("hours: 2", "hours: -2"), encoding="utf-8")
    reads.clear()
    problems = same_as_fresh(root, way)
    assert any("courses/party-history.yml:4:" in line and "hours" in line for line in problems), problems
    # After the fresh check's 5: only the edited file (read twice by `catalog check` here: the
    # partial check that finds the route now names an invalid course hands over to a full one).
    assert set(reads[5:]) == {"courses/party-history.yml"}


def test_an_edit_of_the_same_size_within_the_same_second_is_seen(tmp_path, stat_rule, way):
    root = write_catalog(tmp_path / "c", {})
    first_run(root, way)
    teacher = root / "teachers" / "li-ming.yml"
    status = teacher.stat()
    teacher.write_text(teacher.read_text(encoding="utf-8").replace("李明", "王明"), encoding="utf-8")
    os.utime(teacher, ns=(status.st_atime_ns, status.st_mtime_ns))  # even the mtime put back
    same_as_fresh(root, way)
    assert cached(root).catalog.teachers["li-ming"].name == "王明"
    assert same_as_fresh(root, way) == same_as_fresh(root, "per-file")


def test_a_rename_is_seen(tmp_path, stat_rule, way):
    root = write_catalog(tmp_path / "c", {})
    first_run(root, way)
    (root / "courses" / "party-history.yml").rename(root / "courses" / "party-history-2.yml")
    problems = same_as_fresh(root, way)
    result = cached(root)
    assert "party-history-2" in result.catalog.courses and "party-history" not in result.catalog.courses
    assert any("routes/red-line.yml" in line and "party-history" in line for line in problems), problems


def test_a_deletion_is_seen(tmp_path, stat_rule, way):
    root = write_catalog(tmp_path / "c", {})
    first_run(root, way)
    (root / "teachers" / "li-ming.yml").unlink()
    problems = same_as_fresh(root, way)
    assert any("courses/party-history.yml" in line and "li-ming" in line for line in problems), problems
    assert "li-ming" not in cached(root).catalog.teachers


def test_a_file_brought_back_is_seen(tmp_path, stat_rule, way):
    root = write_catalog(tmp_path / "c", {})
    course = root / "courses" / "party-history.yml"
    original = course.read_bytes()
    first_run(root, way)
    course.write_bytes(original.replace(b"hours: 2", b"hours: x"))
    assert same_as_fresh(root, way) != same_as_fresh(write_catalog(tmp_path / "d", {}))
    course.write_bytes(original)
    assert same_as_fresh(root, way) == [p.text() for p in fresh(write_catalog(tmp_path / "e", {})).problems]


def test_a_changed_vocabulary_is_seen(tmp_path, reads, stat_rule, way):
    root = write_catalog(tmp_path / "c", {})
    first_run(root, way)
    vocabulary = root / "vocabulary.yml"
    text = vocabulary.read_text(encoding="utf-8")
    vocabulary.write_text(text.replace("  - 党史学习\n", ""), encoding="utf-8")
    reads.clear()
    problems = same_as_fresh(root, way)
    assert any("courses/party-history.yml:2:" in line and "党史学习" in line for line in problems), problems
    assert len(reads) >= 5  # a new vocabulary: every file read again


def test_new_code_drops_the_cache(tmp_path, reads, monkeypatch):
    root = write_catalog(tmp_path / "c", {})
    cached(root)
    reads.clear()
    monkeypatch.setattr(cache_module, "code_version", lambda: b"another version of the code")
    cached(root)
    assert len(reads) == 5


def test_the_code_version_follows_every_source_file(tmp_path, monkeypatch, stat_rule):
    package = tmp_path / "catalog"
    shutil.copytree(cache_module.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache_module, "PACKAGE", package)
    before = cache_module.code_version()
    assert cache_module.code_version() == before
    rules = package / "load" / "validate.py"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# a new rule\n", encoding="utf-8")
    assert cache_module.code_version() != before
    phrases = package / "demo" / "phrases.yml"
    changed = cache_module.code_version()
    phrases.write_bytes(phrases.read_bytes() + b"\n")
    assert cache_module.code_version() != changed
    again = cache_module.code_version()
    status = rules.stat()
    rules.write_text(rules.read_text(encoding="utf-8").replace("a new rule", "a new ruLe"), encoding="utf-8")
    os.utime(rules, ns=(status.st_atime_ns, status.st_mtime_ns))  # the same size and mtime
    assert cache_module.code_version() != again
    (package / "load" / "more.py").write_text("# another module\n", encoding="utf-8")
    assert cache_module.code_version() not in (before, changed, again)


class _Planted:
    def __reduce__(self):
        return (Path.write_text, (Path(os.environ["PLANTED"]), "ran"))


def test_a_cache_file_we_did_not_write_is_never_unpickled(tmp_path, monkeypatch, reads):
    root = write_catalog(tmp_path / "c", {})
    planted = tmp_path / "planted.txt"
    monkeypatch.setenv("PLANTED", str(planted))
    body = pickle.dumps(_Planted())
    folder = root / ".cache" / "catalog"
    folder.mkdir(parents=True)
    for name in [f"records-{i:02d}.pickle" for i in range(cache_module.SHARDS)] + ["summary.pickle"]:
        (folder / name).write_bytes(b"\0" * 32 + body)  # as if committed in a pull request
    cached(root)
    assert not planted.exists()
    assert len(reads) == 5  # the planted file was no cache: every file read
    same_as_fresh(root)
    for target in folder.iterdir():
        target.write_bytes(b"garbage")
    same_as_fresh(root)
    assert check_summary(root, TODAY).problems == fresh(root).problems
    assert not planted.exists()


def test_the_command_keeps_its_cache_in_the_project_and_can_do_without(tmp_path):
    root = write_catalog(tmp_path / "c", {})
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "home-cache")}
    command = [sys.executable, "-m", "catalog", "--root", str(root), "check"]
    first = subprocess.run([*command, "--no-cache"], capture_output=True, env=env, timeout=120)
    assert not (root / ".cache").exists()
    second = subprocess.run(command, capture_output=True, env=env, timeout=120)
    third = subprocess.run(command, capture_output=True, env=env, timeout=120)
    assert first.stdout == second.stdout == third.stdout and first.returncode == second.returncode == 0
    assert (root / ".cache" / "catalog" / "summary.pickle").is_file()
    assert (root / ".cache" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")


def test_the_summary_of_an_unchanged_catalog_reads_no_file(tmp_path, reads, stat_rule):
    root = write_catalog(tmp_path / "c", {})
    first = check_summary(root, TODAY)
    reads.clear()
    again = check_summary(root, TODAY)
    assert reads == []
    assert again.problems == first.problems == fresh(root).problems


def test_another_day_is_seen(tmp_path, way):
    root = write_catalog(tmp_path / "c", {})
    first_run(root, way)
    later = dt.date(2028, 6, 1)  # the records were reviewed 2026-01-10: overdue by then
    problems = same_as_fresh(root, way, today=later)
    assert any("teachers/li-ming.yml" in line and "2026-01-10" in line for line in problems), problems


def test_a_photo_taken_away_is_seen(tmp_path, way):
    root = write_catalog(tmp_path / "c", {})
    path = root / "teachers" / "li-ming.yml"
    path.write_text(path.read_text(encoding="utf-8") + "photo: docs/li-ming.jpg\n", encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "li-ming.jpg").write_bytes(b"\xff\xd8\xff")
    assert not any("photo" in line for line in same_as_fresh(root, way))
    (root / "docs" / "li-ming.jpg").unlink()
    problems = same_as_fresh(root, way)
    assert any("teachers/li-ming.yml" in line and "li-ming.jpg" in line for line in problems), problems


def test_a_stray_file_and_a_plan_file_are_seen(tmp_path, way):
    root = write_catalog(tmp_path / "c", {})
    first_run(root, way)
    (root / "courses" / "notes.txt").write_text("草稿", encoding="utf-8")
    problems = same_as_fresh(root, way)
    assert any(line.startswith("courses/notes.txt:") for line in problems), problems
    (root / "dispatch").mkdir()
    (root / "dispatch" / "not-a-number.yml").write_text("a: 1\n", encoding="utf-8")
    problems = same_as_fresh(root, way)
    assert any(line.startswith("dispatch/not-a-number.yml:") for line in problems), problems


# --- catalog check after an edit: only what the edit reaches is checked again ---------------

MORE = {
    "teachers/zhao-lei.yml": """
        name: 赵磊
        post: 宣讲员
        organisation: 马山街道
        level: 区级
        type: 专家学者
        directions: [政治理论]
        reviewed: 2026-01-10
    """,
    "courses/third.yml": """
        title: 新时代基层治理
        category: 党史学习
        summary: 讲基层治理。
        hours: 1
        formats: [讲授式]
        audiences: [新党员]
        teachers: [zhao-lei]
        sites: [hall-b]
        reviewed: 2026-01-10
    """,
}
FIRST = 7  # record files read by the fresh check that `same_as_fresh` runs first


@pytest.fixture
def full_checks(monkeypatch):
    """How many times `catalog check` fell back to checking everything."""
    from catalog.load import summary as summary_module

    calls: list[Path] = []
    real = summary_module.check_catalog

    def counting(root, today=None, *, cache=False):
        calls.append(root)
        return real(root, today, cache=cache)

    monkeypatch.setattr(summary_module, "check_catalog", counting)
    return calls


def more_catalog(tmp_path: Path) -> Path:
    root = write_catalog(tmp_path / "c", MORE)
    check_summary(root, TODAY)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_edit_reads_only_the_records_it_reaches(tmp_path, reads, stat_rule, full_checks):
    root = more_catalog(tmp_path)
    full_checks.clear()
    edit(root / "courses" / "third.yml", "讲基层治理。", "讲新时代的基层治理。")
    reads.clear()
    same_as_fresh(root, "summary")
    assert full_checks == []
    # the course, the teacher and the site it names, and the route that also uses that site
    assert sorted(reads[FIRST:]) == [
        "courses/third.yml",
        "routes/red-line.yml",
        "sites/hall-b.yml",
        "teachers/zhao-lei.yml",
    ]
    edit(root / "teachers" / "li-ming.yml", "党校讲师", "党校教授")  # named by party-history only
    reads.clear()
    same_as_fresh(root, "summary")
    assert full_checks == []
    assert "courses/third.yml" not in reads[FIRST:] and "teachers/zhao-lei.yml" not in reads[FIRST:]


def test_an_archived_record_is_seen_by_those_naming_it(tmp_path, stat_rule, full_checks):
    root = more_catalog(tmp_path)
    full_checks.clear()
    edit(root / "teachers" / "zhao-lei.yml", "reviewed:", "status: archived\nreviewed:")
    problems = same_as_fresh(root, "summary")
    assert any(line.startswith("courses/third.yml:") and "赵磊" in line for line in problems), problems
    edit(root / "teachers" / "zhao-lei.yml", "status: archived\n", "")
    assert not any(line.startswith("courses/third.yml:") for line in same_as_fresh(root, "summary"))
    assert full_checks == []


def test_a_record_no_longer_named_is_seen_as_unused(tmp_path, stat_rule, full_checks):
    root = more_catalog(tmp_path)
    full_checks.clear()
    edit(root / "courses" / "third.yml", "teachers: [zhao-lei]", "teachers: [li-ming]")
    problems = same_as_fresh(root, "summary")
    assert any(line.startswith("teachers/zhao-lei.yml:") for line in problems), problems  # idle now
    (root / "courses" / "third.yml").unlink()  # then the course goes: its site is still used
    problems = same_as_fresh(root, "summary")
    assert any(line.startswith("teachers/zhao-lei.yml:") for line in problems), problems
    assert not any(line.startswith("sites/hall-b.yml:") for line in problems), problems
    assert full_checks == []


def test_a_named_record_deleted_or_renamed_is_seen(tmp_path, stat_rule, full_checks):
    root = more_catalog(tmp_path)
    full_checks.clear()
    teacher = root / "teachers" / "zhao-lei.yml"
    teacher.rename(root / "teachers" / "zhao-lei-2.yml")  # its id changes
    problems = same_as_fresh(root, "summary")
    assert any(line.startswith("courses/third.yml:") and "zhao-lei" in line for line in problems), problems
    edit(root / "courses" / "third.yml", "[zhao-lei]", "[zhao-lei-2]")  # the reference follows it
    assert not any(line.startswith("courses/third.yml:") for line in same_as_fresh(root, "summary"))
    (root / "teachers" / "zhao-lei-2.yml").unlink()
    problems = same_as_fresh(root, "summary")
    assert any(line.startswith("courses/third.yml:") and "zhao-lei-2" in line for line in problems), problems
    # a reference to no record reads every record of its kind (the hint): a full check each time
    assert len(full_checks) == 2


def test_the_same_id_in_two_files_is_seen(tmp_path, stat_rule, full_checks):
    root = more_catalog(tmp_path)
    full_checks.clear()
    course = root / "courses" / "third.yml"
    twin = root / "courses" / "third.yaml"  # sorts first: it is the record, third.yml the duplicate
    twin.write_text(course.read_text(encoding="utf-8").replace("hours: 1", "hours: 3"), encoding="utf-8")
    problems = same_as_fresh(root, "summary")
    assert any(line.startswith("courses/third.yml:") for line in problems), problems
    assert check_summary(root, TODAY).records == len(fresh(root).catalog)
    twin.unlink()
    assert not any(line.startswith("courses/third") for line in same_as_fresh(root, "summary"))
    assert full_checks == []


def test_the_same_name_twice_is_seen(tmp_path, stat_rule, full_checks):
    root = more_catalog(tmp_path)
    full_checks.clear()
    course = root / "courses" / "third.yml"
    copy = root / "courses" / "fourth.yml"
    copy.write_text(course.read_text(encoding="utf-8").replace("hours: 1", "hours: 2"), encoding="utf-8")
    problems = same_as_fresh(root, "summary")
    assert any(line.startswith("courses/third.yml:") and "fourth" in line for line in problems), problems
    edit(copy, "新时代基层治理", "基层治理十讲")
    assert not any("fourth" in line for line in same_as_fresh(root, "summary"))
    edit(course, "新时代基层治理", "基层治理十讲")  # now the other one takes the name
    problems = same_as_fresh(root, "summary")
    assert any(line.startswith("courses/third.yml:") and "fourth" in line for line in problems), problems
    assert full_checks == []


def test_a_file_that_does_not_validate_is_seen(tmp_path, stat_rule, full_checks):
    root = more_catalog(tmp_path)
    full_checks.clear()
    course = root / "courses" / "third.yml"
    edit(course, "hours: 1", "hours: x")  # nothing names this course: its own problem only
    problems = same_as_fresh(root, "summary")
    assert any(line.startswith("courses/third.yml:4:") for line in problems), problems
    assert full_checks == []
    edit(course, "hours: x", "hours: 1")
    same_as_fresh(root, "summary")
    edit(root / "sites" / "hall-b.yml", "capacity: 40", "capacity: many")  # named by a route: full
    problems = same_as_fresh(root, "summary")
    assert any(line.startswith("routes/red-line.yml:") and "hall-b" in line for line in problems), problems
    assert len(full_checks) == 1


def test_a_linked_record_file_is_never_taken_on_its_stat(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    root = write_catalog(tmp_path / "c", MORE)
    (root / "shared").mkdir()
    target = root / "shared" / "zhao-lei.yml"
    (root / "teachers" / "zhao-lei.yml").rename(target)
    (root / "teachers" / "zhao-lei.yml").symlink_to(Path("..") / "shared" / "zhao-lei.yml")
    assert not any(line.startswith("courses/third.yml:") for line in same_as_fresh(root, "summary"))
    edit(target, "reviewed:", "status: archived\nreviewed:")  # the link's own stat stays the same
    problems = same_as_fresh(root, "summary")
    assert any(line.startswith("courses/third.yml:") and "赵磊" in line for line in problems), problems
    assert cached(root).catalog.teachers["zhao-lei"].status == "archived"


def test_an_edit_that_keeps_size_and_mtime_changes_the_summary(tmp_path, stat_rule):
    root = write_catalog(tmp_path / "c", MORE)
    teacher = root / "teachers" / "zhao-lei.yml"
    assert not any(line.startswith("teachers/zhao-lei.yml:") for line in same_as_fresh(root, "summary"))
    status = teacher.stat()
    edit(teacher, "reviewed: 2026-01-10", "reviewed: 2021-01-10")  # over two years ago: stale
    os.utime(teacher, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert teacher.stat().st_size == status.st_size
    problems = same_as_fresh(root, "summary")
    assert any(line.startswith("teachers/zhao-lei.yml:") and "2021-01-10" in line for line in problems)


def test_a_file_changed_just_now_makes_the_quick_key_untrusted(tmp_path, monkeypatch):
    root = write_catalog(tmp_path / "c", MORE)  # every file written just now
    quick, structure, stats = cache_module.scan(root)
    assert quick is None and structure is not None and "zhao-lei.yml" in stats["teachers"]
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    assert cache_module.scan(root)[0] is not None
    (root / "teachers" / "alias.yml").symlink_to("zhao-lei.yml")  # a link: never trusted
    assert cache_module.scan(root)[:2] == (None, None)


def test_nothing_changed_is_answered_from_one_listing(tmp_path, monkeypatch, reads):
    from catalog.load import summary as summary_module

    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    root = write_catalog(tmp_path / "c", MORE)
    first = check_summary(root, TODAY)

    def no(*args, **kwargs):
        raise AssertionError("the record files were looked for")

    monkeypatch.setattr(summary_module, "record_paths", no)
    reads.clear()
    assert check_summary(root, TODAY) == first
    assert reads == []


def test_a_run_of_edits_to_a_generated_catalog(tmp_path, full_checks):
    """Every kind of edit in turn on a generated catalog; after each, the same as a fresh check."""
    from catalog.demo.synthetic import REFERENCE_DATE, write_demo
    from tests.conftest import ROOT

    root = tmp_path / "demo"
    assert write_demo(ROOT, root, 60) == 0
    check_summary(root, REFERENCE_DATE)
    courses = sorted((root / "courses").glob("*.yml"))
    teachers = sorted((root / "teachers").glob("*.yml"))
    sites = sorted((root / "sites").glob("*.yml"))
    routes = sorted((root / "routes").glob("*.yml"))
    title = courses[1].read_text(encoding="utf-8").split("title: ", 1)[1].split("\n", 1)[0]

    def retitle(path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        old = text.split("title: ", 1)[1].split("\n", 1)[0]
        path.write_text(text.replace(f"title: {old}", f"title: {title}"), encoding="utf-8")

    steps = [
        lambda: courses[0].write_text(courses[0].read_text(encoding="utf-8") + "# 备注\n", encoding="utf-8"),
        lambda: retitle(courses[2]),  # the same title as courses[1]
        lambda: teachers[0].write_text(
            teachers[0].read_text(encoding="utf-8").replace("reviewed:", "status: archived\nreviewed:"),
            encoding="utf-8",
        ),
        lambda: sites[0].write_text(
            sites[0].read_text(encoding="utf-8").replace("reviewed:", "status: archived\nreviewed:"),
            encoding="utf-8",
        ),
        lambda: routes[0].rename(routes[0].with_name("renamed-route.yml")),
        lambda: courses[3].unlink(),
        lambda: courses[4].write_bytes(courses[4].read_bytes() + b"hours: 3\n"),  # a key twice
        lambda: teachers[1].unlink(),
        lambda: retitle(courses[5]),
        lambda: (root / "courses" / "new-course.yml").write_bytes(courses[6].read_bytes()),
    ]
    for step in steps:
        step()
        same_as_fresh(root, "summary", today=REFERENCE_DATE)
    assert len(full_checks) < len(steps) // 2  # most edits were checked in part
