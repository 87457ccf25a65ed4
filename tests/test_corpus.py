"""The bad-input corpus (tests/corpus/cases.yml): every case is reported, never a traceback.

Each case is checked alone, in-process, with bounded memory; then all cases are put into
one catalog at once, which `catalog check` (the real command) and `mkdocs build` must
both refuse with the same lines.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from catalog import check_catalog
from tests.conftest import build_site, copy_project, write_catalog

CORPUS = Path(__file__).parent / "corpus"
DEFAULT_MEMORY_MB = 50  # generous: a case's check allocates well under 1 MB
HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Case:
    name: str
    file: str | None
    at: tuple[str, ...]
    path: str
    also: tuple[str, ...]
    make: str | None
    encoding: str
    bom: bool
    crlf: bool
    patch: dict[str, str]
    expect: tuple | None  # (code, line[, column]) or None for "no error"
    severity: str
    memory_mb: int
    vocabulary: str | None  # its own vocabulary.yml (relative to tests/corpus/)
    alone: bool  # not in the catalog of all cases (it needs its own vocabulary.yml)

    @classmethod
    def from_entry(cls, entry: dict) -> Case:
        at = entry.get("at", entry.get("file"))
        at = tuple(at) if isinstance(at, list) else ((at,) if at else ())
        expect = entry["expect"]
        return cls(
            name=entry["case"],
            file=entry.get("file"),
            at=at,
            path=entry.get("path", at[-1] if at else ""),
            also=tuple(entry.get("also", ())),
            make=entry.get("make"),
            encoding=entry.get("encoding", "utf-8"),
            bom=entry.get("bom", False),
            crlf=entry.get("crlf", False),
            patch=entry.get("patch", {}),
            expect=None if expect == "ok" else tuple(expect),
            severity=entry.get("severity", "error"),
            memory_mb=entry.get("memory_mb", DEFAULT_MEMORY_MB),
            vocabulary=entry.get("vocabulary"),
            alone=entry.get("alone", False),
        )

    def data(self) -> bytes:
        text = (CORPUS / self.file).read_text(encoding="utf-8")
        text = MAKE_TEXT.get(self.make, lambda t: t)(text)
        if self.crlf:
            text = text.replace("\n", "\r\n")
        raw = text.encode(self.encoding)
        for marker, hex_bytes in self.patch.items():
            raw = raw.replace(marker.encode("utf-8"), bytes.fromhex(hex_bytes))
        return (b"\xef\xbb\xbf" if self.bom else b"") + raw


CASES = [Case.from_entry(e) for e in yaml.safe_load((CORPUS / "cases.yml").read_text(encoding="utf-8"))]
TOGETHER = [case for case in CASES if not case.alone]  # the cases that share one catalog

# --- steps too big, too odd or too dangerous to commit as files ----------------------------

MAKE_TEXT = {
    "deep-flow": lambda text: text + "keywords: " + "[" * 10_000 + "]" * 10_000 + "\n",
    "deep-block": lambda text: text + "keywords:\n" + "- " * 10_000 + "党史\n",
    "long-description": lambda text: text + "description: " + "党" * 30_000 + "\n",
}


def _huge_file(case: Case, root: Path, outside: Path) -> None:
    """A real 50 MB record: a valid course followed by a long block of description."""
    line = ("  " + "党史学习教育" * 20 + "\n").encode()
    with open(root / case.at[0], "wb") as out:
        out.write(case.data() + b"description: |\n")
        out.write(line * (50_000_000 // len(line) + 1))


def _symlink_outside(case: Case, root: Path, outside: Path) -> None:
    target = outside / "secret.yml"
    target.write_bytes(case.data())
    (root / case.at[0]).symlink_to(target)


def _symlink_dangling(case: Case, root: Path, outside: Path) -> None:
    (root / case.path).symlink_to(root / "courses" / "gone.yml")


def _folder_outside(case: Case, root: Path, outside: Path) -> None:
    (outside / "records").mkdir(exist_ok=True)
    (root / case.path).symlink_to(outside / "records", target_is_directory=True)


def _folder_inside(case: Case, root: Path, outside: Path) -> None:
    (root / case.path).symlink_to(root / "teachers", target_is_directory=True)


def _fifo(case: Case, root: Path, outside: Path) -> None:
    os.mkfifo(root / case.path)  # reading it would block forever


def _gbk_name(case: Case, root: Path, outside: Path) -> None:
    """A Chinese file name from a Windows zip: 党史课.yml in GBK bytes."""
    name = "党史课".encode("gb18030") + b".yml"
    with open(os.path.join(os.fsencode(root / "courses"), name), "wb") as out:
        out.write(case.data())


def _photo_link_outside(case: Case, root: Path, outside: Path) -> None:
    (outside / "private.jpg").write_bytes(b"\xff\xd8\xff\xe0 not a public photo")
    link = root / "teachers" / "photos" / "link-outside.jpg"
    link.parent.mkdir(exist_ok=True)
    link.symlink_to(outside / "private.jpg")
    _write(case, root)


def _broken_teacher(case: Case, root: Path, outside: Path) -> None:
    """The teacher a case refers to, there but invalid: a name over the length limit."""
    (root / "teachers" / "broken-teacher.yml").write_text(
        "name: " + "很长的名字" * 10 + "\nreviewed: 2026-01-10\n", encoding="utf-8"
    )
    _write(case, root)


def _data_folder_outside(case: Case, root: Path, outside: Path) -> None:
    """courses/ itself a link to a folder outside the project (with a valid record in it)."""
    shutil.copytree(root / case.path, outside / case.path)
    shutil.rmtree(root / case.path)
    (root / case.path).symlink_to(outside / case.path, target_is_directory=True)


def _vocabulary_outside(case: Case, root: Path, outside: Path) -> None:
    (outside / "vocabulary.yml").write_bytes((root / "vocabulary.yml").read_bytes())
    (root / "vocabulary.yml").unlink()
    (root / "vocabulary.yml").symlink_to(outside / "vocabulary.yml")


def _plan_link_outside(case: Case, root: Path, outside: Path) -> None:
    (outside / "plan.yml").write_text("unit: 某单位\nitems: []\n", encoding="utf-8")
    (root / "dispatch").mkdir(exist_ok=True)
    (root / case.path).symlink_to(outside / "plan.yml")


MAKE_FILES = {
    "data-folder-outside": _data_folder_outside,
    "vocabulary-outside": _vocabulary_outside,
    "plan-link-outside": _plan_link_outside,
    "broken-teacher": _broken_teacher,
    "huge-file": _huge_file,
    "symlink-outside": _symlink_outside,
    "symlink-dangling": _symlink_dangling,
    "fifo": _fifo,
    "folder-outside": _folder_outside,
    "folder-inside": _folder_inside,
    "gbk-name": _gbk_name,
    "photo-link-outside": _photo_link_outside,
}


def _write(case: Case, root: Path) -> None:
    for at in case.at:
        target = root / at
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(case.data())


def place(case: Case, root: Path, outside: Path) -> None:
    """Put a case's file(s) into the catalog at `root`; `outside` is a folder beside it."""
    outside.mkdir(exist_ok=True)
    if case.vocabulary:
        (root / "vocabulary.yml").write_bytes((CORPUS / case.vocabulary).read_bytes())
    make = MAKE_FILES.get(case.make)
    if make is not None:
        make(case, root, outside)
    else:
        _write(case, root)


def matching(problems, case: Case):
    code, line, *column = case.expect
    return [
        p
        for p in problems
        if p.path == case.path
        and p.code == code
        and str(p.severity) == case.severity
        and p.line == line
        and (not column or p.column == column[0])
    ]


# --- each case alone ----------------------------------------------------------------------


def test_corpus_is_large_and_every_case_stands_apart():
    assert len(CASES) >= 50
    names = [c.name for c in CASES]
    assert len(names) == len(set(names))
    paths = [path for c in CASES if not c.alone for path in {*c.at, c.path, *c.also}]
    assert len(paths) == len(set(paths))  # so that all cases fit in one catalog
    for case in CASES:
        assert case.file is None or (CORPUS / case.file).is_file(), case.name
        assert case.make is None or case.make in MAKE_TEXT or case.make in MAKE_FILES, case.name


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_is_reported_at_its_line(case, tmp_path):
    root = write_catalog(tmp_path / "catalog", {})
    place(case, root, tmp_path / "outside")
    tracemalloc.start()
    try:
        result = check_catalog(root)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < case.memory_mb * 1_000_000, f"check used {peak:,} bytes"
    shown = [p.text() for p in result.problems]
    elsewhere = [p for p in result.errors if p.path not in (case.path, *case.also)]
    assert elsewhere == [], shown  # nothing else broke
    if case.expect is None:
        assert result.ok, shown
        record_id = Path(case.path).stem
        assert result.catalog.get(case.path.split("/")[0], record_id) is not None
        return
    assert matching(result.problems, case), f"expected {case.expect} in {case.path}: {shown}"
    for problem in result.problems:
        assert HAN.search(problem.message), problem  # explained in Chinese
        assert len(problem.text()) < 600, problem  # a pasted page does not flood the report
        problem.text().encode("utf-8")  # printable: no lone surrogates from odd file names


# --- all cases at once: the command and the site build ------------------------------------


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory) -> Path:
    """A buildable project whose catalog holds every corpus case at once."""
    base = tmp_path_factory.mktemp("base")
    project = copy_project(base / "project", write_catalog(base / "catalog", {}))
    for case in TOGETHER:
        place(case, project, base / "outside")
    return project


def test_check_command_reports_every_case_at_once(hostile_project):
    command = [sys.executable, "-m", "catalog", "--root", str(hostile_project), "check", "--format", "json"]
    result = subprocess.run(command, capture_output=True, timeout=120)
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr
    reported = json.loads(result.stdout.decode("utf-8"))  # strict UTF-8: no lone surrogates
    found = {(p["path"], p["code"], p["line"], p["column"]) for p in reported}
    for case in TOGETHER:
        if case.expect is None:
            assert not any(p["path"] == case.path and p["severity"] == "error" for p in reported)
            continue
        code, line, *column = case.expect
        assert any(
            key[:3] == (case.path, code, line) and (not column or key[3] == column[0]) for key in found
        ), case.name


def test_mkdocs_build_fails_with_the_same_lines(hostile_project, tmp_path):
    expected = check_catalog(hostile_project)
    out = tmp_path / "site"
    result = build_site(hostile_project, out)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for case in TOGETHER:
        if case.expect is not None and case.severity == "error":
            (problem,) = matching(expected.problems, case)[:1]
            assert problem.text() in result.stderr, case.name
    assert expected.errors
    assert [p.text() for p in expected.errors if p.text() not in result.stderr] == []
    assert not out.exists()  # a refused build writes nothing
