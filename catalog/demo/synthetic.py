"""`catalog demo --scale N --out DIR`: a synthetic, valid, deterministic catalog of any size.

For benchmarks and scaling tests. N courses come with max(1, N//3) teachers, max(2, N//5)
sites, max(1, N//25) routes and max(1, N//50) bundles, related the way real catalogs are (1–3 teachers and 0–2
sites per course, 3–6 stops per route, every teacher teaching and every site used), with
Chinese text of realistic length (see `catalog.demo.text`). Every value of the
target's vocabulary.yml is used once there are enough records, and that file is copied
into DIR. The same N and vocabulary always give the same bytes: one seeded
`random.Random`, fixed review dates, no clock.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from catalog.core.kinds import KINDS as DECLARED
from catalog.core.problems import render_text
from catalog.core.vocabulary import VOCABULARY_FILE, Vocabularies, load_vocabularies
from catalog.demo import text as words

SEED = 20260626
# Review dates fall in the 180 days before this day: a check run before
# REFERENCE_DATE + 550 days (May 2028) sees no stale or future review.
REFERENCE_DATE = dt.date(2026, 11, 1)
REVIEW_SPREAD_DAYS = 180
KINDS = tuple(DECLARED)  # every kind the demo makes, in the catalog's order
ID_FORMATS = {
    "courses": "course-{:05d}",
    "teachers": "teacher-{:04d}",
    "sites": "site-{:04d}",
    "routes": "route-{:04d}",
    "bundles": "bundle-{:04d}",
}
GENERATED_NAME = re.compile(r"^(course|teacher|site|route|bundle)-\d+\.yml$")


@dataclass(frozen=True)
class Counts:
    courses: int
    teachers: int
    sites: int
    routes: int
    bundles: int

    @property
    def total(self) -> int:
        return self.courses + self.teachers + self.sites + self.routes + self.bundles


def counts_for(scale: int) -> Counts:
    """How many records of each kind a catalog of `scale` courses gets."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    return Counts(scale, max(1, scale // 3), max(2, scale // 5), max(1, scale // 25), max(1, scale // 50))


def record_id(kind: str, number: int) -> str:
    return ID_FORMATS[kind].format(number)


# --- planning: which record relates to which ----------------------------------------------


def _pick(rng: random.Random, values: list[str], first: int, extra_max: int) -> list[str]:
    """values[first % len] plus 0..extra_max other values, in vocabulary order."""
    chosen = {values[first % len(values)]}
    others = [v for v in values if v not in chosen]
    chosen.update(rng.sample(others, min(len(others), rng.randint(0, extra_max))))
    return [v for v in values if v in chosen]


def _reviewed(rng: random.Random) -> dt.date:
    return REFERENCE_DATE - dt.timedelta(days=rng.randrange(REVIEW_SPREAD_DAYS))


def build_records(scale: int, vocab: Vocabularies) -> dict[str, dict[str, dict]]:
    """kind → id → the record's fields, in file order."""
    rng = random.Random(SEED)
    counts = counts_for(scale)
    teacher_ids = [record_id("teachers", i + 1) for i in range(counts.teachers)]
    site_ids = [record_id("sites", i + 1) for i in range(counts.sites)]
    course_ids = [record_id("courses", i + 1) for i in range(counts.courses)]

    # Courses: teacher i % T first (so every teacher teaches), then up to two more.
    course_teachers = []
    for i in range(counts.courses):
        first = teacher_ids[i % counts.teachers]
        extra = min(counts.teachers - 1, rng.choices([0, 1, 2], weights=[50, 35, 15])[0])
        others = rng.sample([t for t in teacher_ids if t != first], extra) if extra else []
        course_teachers.append([first, *others])
    # Sites: each site is hosted by one course first (so every site is used), then 0-2 per course.
    hosts = rng.sample(range(counts.courses), counts.sites) if counts.sites <= counts.courses else None
    course_sites: list[list[str]] = [[] for _ in range(counts.courses)]
    for j, site in enumerate(site_ids):
        course_sites[hosts[j] if hosts else j % counts.courses].append(site)
    for sites in course_sites:
        wanted = rng.choices([0, 1, 2], weights=[25, 50, 25])[0]
        while len(sites) < min(wanted, counts.sites):
            candidate = rng.choice(site_ids)
            if candidate not in sites:
                sites.append(candidate)
        sites.sort()
    archived = {i for i in range(counts.courses) if counts.courses >= 20 and rng.random() < 0.03}

    records: dict[str, dict[str, dict]] = {kind: {} for kind in KINDS}
    for i, course_id in enumerate(course_ids):
        records["courses"][course_id] = _course(
            rng, vocab, i, course_teachers[i], course_sites[i], i in archived
        )
    for i, teacher_id in enumerate(teacher_ids):
        records["teachers"][teacher_id] = _teacher(rng, vocab, i)
    names: set[str] = set()
    for i, site_id in enumerate(site_ids):
        records["sites"][site_id] = _site(rng, vocab, i, names)

    active_at: dict[str, list[str]] = {}
    for i, course_id in enumerate(course_ids):
        if i not in archived:
            for site in course_sites[i]:
                active_at.setdefault(site, []).append(course_id)
    names.clear()
    for i in range(counts.routes):
        route_id = record_id("routes", i + 1)
        records["routes"][route_id] = _route(rng, vocab, i, site_ids, active_at, records["sites"], names)
    active = [c for i, c in enumerate(course_ids) if i not in archived] or course_ids
    bundles = random.Random(SEED + 1)  # its own sequence: the other records stay as they were
    for i in range(counts.bundles):
        records["bundles"][record_id("bundles", i + 1)] = _bundle(bundles, vocab, i, active, records)
    _statuses(records)
    return records


def _statuses(records: dict[str, dict[str, dict]]) -> None:
    """A few sites suspended or under re-assessment and teachers suspended, at fixed places
    (no draw from the generator: every other record stays as it was)."""
    for i, data in enumerate(records["sites"].values()):
        if i % 40 == 7:
            data.update(
                status="suspended", status_date=dt.date(2026, 3, 1), status_reason="场馆修缮，暂停接待"
            )
        elif i % 40 == 13:
            data.update(status="reassessing", status_date=dt.date(2026, 4, 1), status_reason="三年一次的复评")
    for i, data in enumerate(records["teachers"].values()):
        if i % 50 == 11:
            data.update(
                status="suspended", status_date=dt.date(2026, 2, 1), status_reason="外出学习，暂停授课"
            )


def _bundle(rng: random.Random, vocab: Vocabularies, i: int, courses: list[str], records: dict) -> dict:
    """2–4 active courses, and half of the time a route, for one or two audiences."""
    chosen = rng.sample(courses, min(len(courses), rng.randint(2, 4)))
    items: list[dict] = [{"course": course} for course in chosen]
    if records["routes"] and (rng.random() < 0.5 or len(items) < 2):
        items.append({"route": rng.choice(sorted(records["routes"])), "note": "现场教学"})
    if len(items) < 2:
        items.append({"site": rng.choice(sorted(records["sites"]))})
    topic = records["courses"][chosen[0]]["title"].split("：")[0][:12]
    return {
        "name": f"{topic}学习套餐（{i + 1}）",
        "summary": f"围绕“{topic}”打包的 {len(items)} 项学习内容，一次点单、统一安排。",
        "audiences": _pick(rng, vocab.values("audiences"), i, 1),
        "items": items,
        "reviewed": _reviewed(rng),
    }


def _course(
    rng: random.Random, vocab: Vocabularies, i: int, teachers: list[str], sites: list[str], archived: bool
) -> dict:
    category = vocab.values("categories")[i % len(vocab.values("categories"))]
    topic = rng.choice(words.TOPICS.get(category, words.ALL_TOPICS))
    formats = _pick(rng, vocab.values("formats"), i, 2)
    audiences = _pick(rng, vocab.values("audiences"), i, 2)
    flags = vocab.values("flags")
    slot = i % (len(flags) + 2)  # some courses carry no flag
    values = {
        "topic": topic,
        "fmt": "、".join(formats),
        "audience": "、".join(audiences),
        "region": rng.choice(vocab.values("regions") or ["滨湖区"]),
    }
    data = {
        "title": words.title(rng, topic),
        "category": category,
        "summary": words.summary(rng, topic, values["fmt"], values["audience"]),
        "description": words.course_description(rng, values),
        "hours": rng.choice([1, 1.5, 2, 2, 2, 3, 4, 0.5]),
        "formats": formats,
        "audiences": audiences,
        "teachers": teachers,
        "sites": sites,
        "capacity": rng.choice([30, 40, 50, 60, 80, 100, 120, 200]),
        "flags": [flags[slot]] if slot < len(flags) else [],
        "keywords": sorted({topic.replace("“", "").replace("”", ""), category}),
    }
    if archived:
        data["status"] = "archived"
    data["reviewed"] = _reviewed(rng)
    return data


def _teacher(rng: random.Random, vocab: Vocabularies, i: int) -> dict:
    level = vocab.values("teacher_levels")[i % len(vocab.values("teacher_levels"))]
    kind = vocab.values("teacher_types")[i % len(vocab.values("teacher_types"))]
    region = rng.choice(vocab.values("regions") or ["滨湖区"])
    organisation = rng.choice(words.ORGANISATIONS.get(level, ["{region}党群服务中心"])).format(
        region=region, place=rng.choice(words.PLACES), village=rng.choice(words.VILLAGES)
    )
    post = rng.choice(words.POSTS.get(kind, words.ALL_POSTS))
    number = i + 1
    data: dict[str, object] = {
        "name": words.person_name(rng),
        "post": post,
        "organisation": organisation,
        "level": level,
        "type": kind,
        "employment": "专职" if kind in ("专家学者", "业务骨干") and rng.random() < 0.6 else "兼职",
        "directions": _pick(rng, vocab.values("directions"), i, 1),
        "bio": words.bio(rng, organisation, post),
        "honours": sorted(rng.sample(words.HONOURS, rng.choices([0, 1, 2], weights=[50, 35, 15])[0])),
    }
    if rng.random() < 0.7:
        contact = {"phone": f"0510-{8500 + number % 500:04d} {number % 10000:04d}"}
        if rng.random() < 0.5:
            contact["email"] = f"teacher{number:04d}@demo.example.cn"
        data["contact"] = contact
    data["reviewed"] = _reviewed(rng)
    return data


def _site(rng: random.Random, vocab: Vocabularies, i: int, names: set[str]) -> dict:
    kind = vocab.values("site_kinds")[i % len(vocab.values("site_kinds"))]
    level = vocab.values("site_levels")[i % len(vocab.values("site_levels"))]
    region = vocab.values("regions")[i % len(vocab.values("regions"))]
    name = _unique(f"{region}{rng.choice(words.PLACES)}{kind}", names)
    data = {
        "name": name,
        "type": kind,
        "level": level,
        "region": region,
        "address": f"无锡市滨湖区{region}{rng.choice(words.ROADS)} {rng.randint(1, 999)} 号",
        "coordinates": {
            "lat": round(31.40 + rng.random() * 0.25, 4),
            "lon": round(120.05 + rng.random() * 0.30, 4),
        },
        "opening_hours": rng.choice(words.OPENING_HOURS),
        "capacity": rng.choice([30, 50, 60, 80, 100, 120, 150, 200, 300]),
        "booking": f"0510-{8500 + (i + 1) % 500:04d} {(i + 1) % 10000:04d}{rng.choice(words.BOOKING)}",
        "guide": rng.random() < 0.6,
        "description": words.site_description(rng, {"region": region}),
        "themes": _pick(rng, vocab.values("themes"), i, 1),
        "reviewed": _reviewed(rng),
    }
    return data


def _route(
    rng: random.Random,
    vocab: Vocabularies,
    i: int,
    site_ids: list[str],
    active_at: dict[str, list[str]],
    sites: dict[str, dict],
    names: set[str],
) -> dict:
    theme = vocab.values("themes")[i % len(vocab.values("themes"))]
    count = min(rng.randint(3, 6), len(site_ids))
    stops = []
    for number, site in enumerate(rng.sample(site_ids, count)):
        stop: dict = {
            "site": site,
            "minutes": rng.choice([30, 40, 45, 60, 75]),
            "teaching": f"{sites[site]['name']}：{rng.choice(words.TEACHINGS)}",
        }
        courses = active_at.get(site, [])
        if courses and rng.random() < 0.6:
            stop["course"] = rng.choice(courses)
        if number:
            stop["travel_minutes"] = rng.choice([5, 10, 15, 20, 25, 30])
        stops.append(stop)
    return {
        "name": _unique(f"{theme}·{rng.choice(words.ROUTE_MOTTOS)}线", names),
        "theme": theme,
        "summary": words.route_summary(rng, theme, count),
        "description": words.route_description(rng, {"count": str(count)}),
        "stops": stops,
        "audiences": _pick(rng, vocab.values("audiences"), i, 2),
        "reviewed": _reviewed(rng),
    }


def _unique(name: str, taken: set[str]) -> str:
    candidate, number = name, 1
    while candidate in taken:
        number += 1
        candidate = f"{name}（{number}）"
    taken.add(candidate)
    return candidate


# --- YAML text ----------------------------------------------------------------------------

_RESOLVER = yaml.resolver.Resolver()
_PLAIN_UNSAFE_START = set("-?:,[]{}#&*!|>'\"%@` ")


def _scalar(value: object) -> str:
    """A YAML scalar that reads back as exactly `value`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | dt.date):
        return str(value)
    text = str(value)
    plain = (
        text
        and text[0] not in _PLAIN_UNSAFE_START
        and text == text.strip()
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and text.isprintable()
        and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


def _lines(data: dict, indent: str = "") -> list[str]:
    lines = []
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"{indent}{key}:")
            lines += _lines(value, indent + "  ")
        elif isinstance(value, list) and not value:
            lines.append(f"{indent}{key}: []")
        elif isinstance(value, list):
            lines.append(f"{indent}{key}:")
            for item in value:
                if isinstance(item, dict):
                    first, *rest = _lines(item, indent + "    ")
                    lines.append(f"{indent}  - {first.lstrip()}")
                    lines += rest
                else:
                    lines.append(f"{indent}  - {_scalar(item)}")
        elif isinstance(value, str) and "\n" in value:
            lines.append(f"{indent}{key}: |")
            lines += [f"{indent}  {line}" if line else "" for line in value.split("\n")]
        else:
            lines.append(f"{indent}{key}: {_scalar(value)}")
    return lines


def render_record(data: dict) -> str:
    return "\n".join(_lines(data)) + "\n"


def build_files(scale: int, vocab: Vocabularies) -> dict[str, str]:
    """Relative path → file text for every record of a catalog of `scale` courses."""
    return {
        f"{kind}/{record_id}.yml": render_record(data)
        for kind, by_id in build_records(scale, vocab).items()
        for record_id, data in by_id.items()
    }


# --- the command --------------------------------------------------------------------------


def write_demo(root: Path, out: Path, scale: int, *, force: bool = False) -> int:
    """Write the demo catalog into `out`; the exit code of `catalog demo`."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        print(f"catalog: {out} 不是文件夹（not a folder）", file=sys.stderr)
        return 2
    if out.is_dir() and any(out.iterdir()) and not force:
        print(
            f"catalog: 文件夹 {out} 不是空的，不会写入；加 --force 覆盖其中生成的记录（folder not empty）",
            file=sys.stderr,
        )
        return 2
    vocab, problems = load_vocabularies(Path(root))
    errors = [p for p in problems if p.is_error]
    if errors:
        print(render_text(errors), file=sys.stderr)
        print(f"catalog: {Path(root) / VOCABULARY_FILE} 有错误，无法生成演示目录", file=sys.stderr)
        return 1
    files = build_files(scale, vocab)
    out.mkdir(parents=True, exist_ok=True)
    for kind in KINDS:
        folder = out / kind
        folder.mkdir(exist_ok=True)
        for old in folder.iterdir():  # with --force: clear what an earlier run generated
            if old.is_file() and GENERATED_NAME.match(old.name):
                old.unlink()
    source, target = Path(root) / VOCABULARY_FILE, out / VOCABULARY_FILE
    if not (target.exists() and target.samefile(source)):
        shutil.copyfile(source, target)
    for rel, text in files.items():
        (out / rel).write_bytes(text.encode("utf-8"))
    counts = counts_for(scale)
    print(
        f"已生成演示目录 {out}：{counts.courses} 门课程、{counts.teachers} 位师资、"
        f"{counts.sites} 个教学点位、{counts.routes} 条教学路线、{counts.bundles} 个学习套餐。"
    )
    return 0
