"""Teachers' phone numbers and e-mail addresses: published only when the site says so.

Every file of the built site is searched (pages, search index scripts, exports, the order
digest, the sitemap), in every form a value could take there: as written, without its
separators, split by the search segmenter, HTML-escaped.
"""

from __future__ import annotations

import csv
import gzip
import html
import io
import json
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, build_site, copy_project, publish_contacts
from tests.test_injection import Page


def _public_text(catalog) -> str:
    """Every other field of every record, and the hand-written pages: a number listed
    there too (a unit's booking line that is also a teacher's office phone) is public."""
    records = [
        json.dumps(record.model_dump(mode="json", exclude={"contact"}), ensure_ascii=False)
        for records in catalog.records.values()
        for record in records.values()
    ]
    pages = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").rglob("*.md"))]
    return "\n".join(records + pages)


class Contents:
    """What a file holds, in the forms a contact could take there: its lower-cased text,
    its numbers (separators between digits dropped) and its words (search tokens)."""

    def __init__(self, text: str):
        text = text.replace("\u200b", "")  # what the search segmenter inserts
        text = text + "\n" + html.unescape(text)
        self.lower = text.lower()
        joined = re.sub(r"(?<=\d)[\s\-().+]{1,3}(?=\d)", "", text)
        self.numbers = set(re.findall(r"\d+", joined))
        self.words = set(re.findall(r"[a-z0-9]{3,}", self.lower))

    def holds(self, value: str, public_words: set[str]) -> bool:
        if "@" not in value:  # a phone: its digits as one number, however separated
            return re.sub(r"\D", "", value) in self.numbers
        if value.lower() in self.lower:
            return True
        own = Contents(value).words - COMMON_WORDS - public_words  # split into search tokens
        return bool(own) and own <= self.words


COMMON_WORDS = {"example", "com", "net", "org", "gov", "edu", "mail"}


class PrivateData:
    """The demo teachers' contacts, and every phone and e-mail the catalog lists nowhere else."""

    def __init__(self, catalog):
        self.contacts = {
            teacher.id: teacher.contact
            for teacher in catalog.teachers.values()
            if teacher.contact and (teacher.contact.phone or teacher.contact.email)
        }
        public = Contents(_public_text(catalog))
        self.public_words = public.words
        values = {v for c in self.contacts.values() for v in (c.phone, c.email) if v}
        self.values = sorted(v for v in values if not public.holds(v, self.public_words))

    def leaks(self, site: Path) -> list[tuple[str, str]]:
        """(file, value) for every private value found in a built site."""
        return [
            (name, value)
            for name, contents in site_contents(site).items()
            for value in self.values
            if contents.holds(value, self.public_words)
        ]


@pytest.fixture(scope="module")
def private(demo_catalog) -> PrivateData:
    return PrivateData(demo_catalog)


def site_contents(site: Path) -> dict[str, Contents]:
    """Every file of a built site (gzip opened), by its path in the site."""
    found = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        found[path.relative_to(site).as_posix()] = Contents(raw.decode("utf-8", "replace"))
    return found


def test_demo_catalog_has_contacts_to_protect(private):
    values = private.values
    assert sum("@" in v for v in values) >= 3 and sum("@" not in v for v in values) >= 3


def test_contacts_are_published_nowhere_by_default(demo_site, private):
    files = site_contents(demo_site)
    assert any(name.startswith("search/") for name in files)  # the index was searched too
    assert "exports/catalog.json" in files and "assets/order-catalog.js" in files
    assert private.leaks(demo_site) == []


def test_leak_search_finds_a_contact_in_any_form(tmp_path, private):
    """The search above would see a leak: as written, re-spaced, segmented or escaped."""
    phone = next(v for v in private.values if "@" not in v)
    email = next(v for v in private.values if "@" in v)
    digits = re.sub(r"\D", "", phone)
    split = " ".join(re.split(r"[@.]", email))  # as search tokens
    variants = (phone, " ".join(digits), "\u200b".join(digits), html.escape(email), email.upper(), split)
    for number, leaked in enumerate(variants):
        site = tmp_path / f"site-{number}"
        site.mkdir()
        (site / "page.html").write_text(f"<p>{leaked}</p>", encoding="utf-8")
        assert private.leaks(site), leaked
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "page.html").write_text(f"<p>{digits[:-1]}9 0{digits}1</p>", encoding="utf-8")
    assert private.leaks(clean) == []  # other numbers are not mistaken for it


@pytest.fixture(scope="module")
def published_site(tmp_path_factory) -> Path:
    """The demo catalog built with `extra.menu.publish_contacts: true`."""
    base = tmp_path_factory.mktemp("published")
    project = copy_project(base / "project")
    publish_contacts(project)
    out = base / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    return out


def test_contacts_are_published_when_the_site_says_so(published_site, private):
    data = json.loads((published_site / "exports" / "catalog.json").read_text(encoding="utf-8"))
    exported = {t["id"]: t.get("contact", {}) for t in data["teachers"]}
    rows = list(
        csv.DictReader(io.StringIO((published_site / "exports" / "teachers.csv").read_text("utf-8-sig")))
    )
    contact_column = next(name for name in rows[0] if name.endswith("（contact）"))
    by_id = {row[next(n for n in rows[0] if n.endswith("（id）"))]: row[contact_column] for row in rows}
    for teacher_id, contact in private.contacts.items():
        page = Page((published_site / "teachers" / f"{teacher_id}.html").read_text(encoding="utf-8"))
        for field in ("phone", "email"):
            value = getattr(contact, field)
            if value:
                assert value in page.visible, (teacher_id, field)
                assert exported[teacher_id][field] == value
                assert value in by_id[teacher_id]
    found = private.leaks(published_site)
    assert {value for _, value in found} == set(private.values)  # the search sees them all
    elsewhere = [(name, value) for name, value in found if name.endswith(".html")]
    elsewhere = [(name, value) for name, value in elsewhere if not name.startswith("teachers/")]
    assert elsewhere == []  # on the teacher's own page, not scattered over the other pages
