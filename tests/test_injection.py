"""Hostile text in every text field of every kind: the built site shows it, never runs it.

The hostile catalog is made by walking the models' fields, so a new text field (or a new
vocabulary) is covered without touching this test. One site is built per module, with
contacts published so that the contact fields reach the pages too.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import posixpath
import re
import tempfile
import types
import typing
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from catalog import check_catalog
from catalog.core.kinds import MODELS
from catalog.core.models import BundleItem, Ref, Vocab, markers
from catalog.core.vocabulary import VOCABULARY_FILE
from tests.conftest import build_site, copy_project, publish_contacts, write_catalog

# What editors paste, what attackers try: each fits the shortest text field (40 characters)
# with its " #field" marker. Markdown fields show Markdown's reading of some of them.
PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "{{ 7*7 }}{% raw %}{# c #}",
    "[点我](javascript:alert(1))",
    "<a href=javascript:alert(1)>点</a>",
    "javascript:alert(1)",
    "&lt;b&gt;&amp;&#60;i&#x3e;",
    "</textarea></title><!--",
    "[x](&#106;avascript:alert(1))",  # the scheme written with a character reference
    "[y](java&#x09;script:alert(1))",
]
MARKDOWN_SHOWS = {
    "[点我](javascript:alert(1))": "点我",
    "&lt;b&gt;&amp;&#60;i&#x3e;": "<b>&<i>",
    "[x](&#106;avascript:alert(1))": "x",
    "[y](java&#x09;script:alert(1))": "y",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "data", "cite"}
NOT_SHOWN_AS_TEXT = {"teachers.photo"}  # a path: used as the image's src, checked there
PHOTO = "x' onerror='alert(1) 照片 & 徽章.jpg"  # a real file name: quotes, spaces, & in a path


def _unwrap(annotation):
    """The type inside Optional[...] and Annotated[...]; (inner, is_list)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(inner[0])
    if origin is list:
        inner, _ = _unwrap(typing.get_args(annotation)[0])
        return inner, True
    return annotation, False


def text_fields(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Dotted names of every free-text field of a model, nested models included."""
    found = []
    for name, info in model.model_fields.items():
        inner, _ = _unwrap(info.annotation)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            found += text_fields(inner, f"{prefix}{name}.")
        elif inner is str and name not in ("id", "status") and not markers(info):
            found.append(prefix + name)
    return found


def vocab_value(payload: str, name: str) -> str:
    if name == "regions":  # "/" separates a place from the places above it: not in a name
        payload = payload.replace("/", "|")
    return f"{payload} ~{name}"


def fill(model: type[BaseModel], payload: str, ids: dict[str, str], where: str) -> dict:
    """A record of `model` with `payload` in every text field and hostile vocabulary values."""
    data: dict = {}
    for name, info in model.model_fields.items():
        if name == "id":
            continue
        inner, is_list = _unwrap(info.annotation)
        marks = markers(info)
        field = f"{where}.{name}"
        if name == "status":  # one of the values its kind declares (catalog/core/kinds.py)
            value = "active"
        elif any(isinstance(m, Ref) for m in marks):
            value = ids[next(m.kind for m in marks if isinstance(m, Ref))]
        elif any(isinstance(m, Vocab) for m in marks):
            value = vocab_value(payload, next(m.name for m in marks if isinstance(m, Vocab)))
        elif isinstance(inner, type) and issubclass(inner, BaseModel):
            value = fill(inner, payload, ids, field)
        elif inner is str:
            value = PHOTO_PATH if field == "teachers.photo" else f"{payload} #{name}"
        elif typing.get_origin(inner) is typing.Literal:
            value = typing.get_args(inner)[0]
        else:
            value = {int: 30, float: 2.0, bool: True, dt.date: dt.date(2026, 1, 10)}[inner]
        if isinstance(inner, type) and issubclass(inner, BaseModel) and is_list:  # stops, items: two
            data[name] = [value, copy.deepcopy(value)]
        else:
            data[name] = [value] if is_list else value
    if model is BundleItem:  # an item names one offering: a course
        data = {key: value for key, value in data.items() if key not in ("route", "site", "teacher")}
    return data


PHOTO_PATH = f"teachers/photos/{PHOTO}"


def _fit(model: type[BaseModel], data: dict, payload: str) -> dict:
    """Where validation refuses the payload (a pattern), try it e-mail shaped, else drop it."""
    from pydantic import ValidationError

    try:
        model.model_validate({**data, "id": "x"})
        return data
    except ValidationError as exc:
        for error in exc.errors():
            assert error["type"] == "string_pattern_mismatch", error  # payloads fit every length
            *parents, name = error["loc"]
            target = data
            for part in parents:
                target = target[part]
            shaped = re.sub(r"\s", "", payload) + "@evil.example.cn"
            if target[name] != shaped:
                target[name] = shaped
            else:
                DROPPED.add(".".join(str(p) for p in error["loc"] if not isinstance(p, int)))
                del target[name]
        return _fit(model, data, payload)


DROPPED: set[str] = set()


def hostile_catalog(root: Path) -> Path:
    write_catalog(root, {})
    vocabulary = yaml.safe_load((root / VOCABULARY_FILE).read_text(encoding="utf-8"))
    for name, values in vocabulary.items():
        values.extend(vocab_value(payload, name) for payload in PAYLOADS)
    (root / VOCABULARY_FILE).write_text(yaml.safe_dump(vocabulary, allow_unicode=True), encoding="utf-8")
    photo = root / PHOTO_PATH
    photo.parent.mkdir(parents=True, exist_ok=True)
    photo.write_bytes(b"\x89PNG\r\n\x1a\n")
    for number, payload in enumerate(PAYLOADS):
        ids = {kind: f"evil-{number}" for kind in MODELS}
        for kind, model in MODELS.items():
            data = _fit(model, fill(model, payload, ids, kind), payload)
            path = root / kind / f"evil-{number}.yml"
            path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return root


class Page(HTMLParser):
    """Scripts, attributes, tags and visible text of one built page."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str, str]] = []  # (tag, name, value)
        self.scripts: list[str] = []  # src, or "inline:" + content
        self.text: list[str] = []
        self._in_script = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs += [(tag, name, value or "") for name, value in attrs]
        if tag == "script":
            src = dict(attrs).get("src")
            self._in_script = src is None
            if src is not None:
                self.scripts.append(src)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append("inline:" + data)
        else:
            self.text.append(data)

    @property
    def visible(self) -> str:
        return "".join(self.text)


def site_pages(site: Path) -> dict[str, Page]:
    return {p.relative_to(site).as_posix(): Page(p.read_text(encoding="utf-8")) for p in site.rglob("*.html")}


def site_scripts(pages: dict[str, Page]) -> set[str]:
    """Every script of a site, srcs made relative to the site root."""
    found = set()
    for path, page in pages.items():
        for script in page.scripts:
            if script.startswith("inline:"):
                found.add(re.sub(r'"base":\s*"[./]*"', '"base":""', script))
            else:
                found.add(posixpath.normpath(posixpath.join(posixpath.dirname(path), script)))
    return found


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    root = hostile_catalog(base / "data")
    result = check_catalog(root)
    assert result.ok, [p.text() for p in result.errors]
    project = copy_project(base / "project", root)
    (project / "teachers" / "photos").mkdir(exist_ok=True)
    (project / PHOTO_PATH).write_bytes((root / PHOTO_PATH).read_bytes())
    publish_contacts(project)
    out = base / "site"
    built = build_site(project, out)
    assert built.returncode == 0, built.stderr
    return result.catalog, out, site_pages(out)


def test_every_text_field_carries_the_payload():
    """The walk finds the text fields, and validation refuses only pattern-checked ones."""
    found = {kind: text_fields(model) for kind, model in MODELS.items()}
    assert {"title", "summary", "description", "keywords"} <= set(found["courses"])
    assert {"name", "bio", "honours", "contact.email"} <= set(found["teachers"])
    assert "stops.teaching" in found["routes"]
    DROPPED.clear()  # other modules fit their own payloads with _fit
    with tempfile.TemporaryDirectory() as temp:
        hostile_catalog(Path(temp) / "data")
    assert DROPPED - {"contact.phone"} == set()  # digits only: its pattern refuses every payload


def test_no_script_handler_or_javascript_url_came_through(hostile, demo_site):
    _, _, pages = hostile
    clean = site_pages(demo_site)
    allowed_scripts = site_scripts(clean)
    allowed_tags = set().union(*(p.tags for p in clean.values()))
    assert pages, "no page was built"
    for path, page in pages.items():
        assert site_scripts({path: page}) <= allowed_scripts, path
        assert page.tags <= allowed_tags, (path, page.tags - allowed_tags)
        for tag, name, value in page.attrs:
            assert not name.startswith("on"), (path, tag, name, value)
            if name in URL_ATTRIBUTES:
                squeezed = re.sub(r"[\x00-\x20]", "", value).lower()
                assert not squeezed.startswith(("javascript:", "vbscript:", "data:text")), (path, value)


def test_hostile_text_is_shown_literally(hostile):
    catalog, _, pages = hostile
    for number, payload in enumerate(PAYLOADS):
        for kind, model in MODELS.items():
            page = pages[f"{kind}/evil-{number}.html"]
            record = catalog.records[kind][f"evil-{number}"]
            for field in text_fields(model):
                if f"{kind}.{field}" in NOT_SHOWN_AS_TEXT or field.split(".")[0] in ("contact",):
                    continue
                leaf = field.split(".")[-1]
                markdown = model.model_fields[field.split(".")[0]].description or ""
                shown = MARKDOWN_SHOWS.get(payload, payload) if "Markdown" in markdown else payload
                assert f"{shown} #{leaf}" in page.visible, (kind, number, field)
            for info in model.model_fields.values():  # category, type, theme, formats ...
                for name in {m.name for m in markers(info) if isinstance(m, Vocab)}:
                    assert vocab_value(payload, name) in page.visible, (kind, number, name)
            if kind == "teachers" and record.contact and record.contact.email:
                assert record.contact.email in page.visible  # published in this build


def test_photo_path_with_quotes_stays_one_attribute(hostile):
    _, site, pages = hostile
    page = pages["teachers/evil-0.html"]
    srcs = [value for tag, name, value in page.attrs if tag == "img" and name == "src"]
    assert srcs and all(src.endswith(PHOTO) for src in srcs)  # the whole path, quotes included
    assert (site / PHOTO_PATH).is_file()


def test_exports_and_data_scripts_stay_valid(hostile):
    _, site, _ = hostile
    data = json.loads((site / "exports" / "catalog.json").read_text(encoding="utf-8"))
    for kind, records in data.items():
        by_id = {r["id"]: r for r in records}
        for number, payload in enumerate(PAYLOADS):
            record = by_id[f"evil-{number}"]
            assert record[next(f for f in text_fields(MODELS[kind]) if "." not in f)].startswith(payload)
        rows = list(
            csv.reader(io.StringIO((site / "exports" / f"{kind}.csv").read_text(encoding="utf-8-sig")))
        )
        assert len(rows) == len(records) + 1
        for payload in PAYLOADS:
            assert any(payload in cell for row in rows for cell in row), (kind, payload)
    scripts = [p for p in site.rglob("*.js") if "assets/javascripts" not in p.as_posix()]
    assert any(p.name == "order-catalog.js" for p in scripts)
    for script in scripts:
        text = script.read_text(encoding="utf-8")
        assert "</script" not in text.lower() and "<!--" not in text, script
    digest = (site / "assets" / "order-catalog.js").read_text(encoding="utf-8")
    body = json.loads(digest.removeprefix("window.MENU_ORDER_DATA = ").rstrip().removesuffix(";"))
    name = body["records"]["fields"].index("name")
    labels = [row[name] for rows in body["records"]["kinds"].values() for row in rows.values()]
    for payload in PAYLOADS:
        assert f"{payload} #title" in labels and f"{payload} #name" in labels


LINKS = {  # Markdown link target → does the browser get a link? (judged as the browser reads it)
    "&#106;avascript:alert(1)": False,
    "&#x6A;avascript&colon;alert(1)": False,
    "&#0000106avascript:alert(1)": False,  # a numeric reference without its semicolon
    "java&#x09;script:alert(1)": False,  # a tab, which browsers drop from URLs
    "java&NewLine;script:alert(1)": False,
    "JaVaScRiPt:alert(1)": False,
    "vbscript&#58;msgbox(1)": False,
    "data&colon;text/html,<b>x</b>": False,
    "&amp;#106;avascript:alert(1)": False,  # decoded twice is still a script: refused
    "file:///etc/passwd": False,
    "https://example.cn/?a=1&amp;b=2": True,
    "mailto:dangjian@example.cn": True,
    "tel:0510-85881234": True,
    "../sites/hall-a.html#jiaotong": True,
    "?category=党史学习": True,
}


@pytest.mark.parametrize("target", sorted(LINKS))
def test_link_policy_judges_the_url_the_browser_reads(target):
    from catalog.site.markdown import render_markdown

    page = Page(str(render_markdown(f"[链接]({target})")))
    hrefs = [value for tag, name, value in page.attrs if tag == "a" and name == "href"]
    assert "链接" in page.visible
    if not LINKS[target]:
        assert hrefs == [], hrefs
        return
    (href,) = hrefs
    scheme = re.match(r"([a-z][a-z0-9+.-]*):", re.sub(r"[\x00-\x20]", "", href).lower())
    assert scheme is None or scheme.group(1) in ("http", "https", "mailto", "tel"), href
