"""Chinese text for the synthetic demo catalog: length-bounded composers over phrase pools.

The phrases are data, in phrases.yml beside this module. Every composer takes a
`random.Random` and returns text whose length (in characters) lies inside the bounds it
was asked for.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

_PHRASES = yaml.safe_load((Path(__file__).parent / "phrases.yml").read_text(encoding="utf-8"))

TOPICS: dict[str, list[str]] = _PHRASES["topics"]
TITLE_PREFIXES = _PHRASES["title_prefixes"]
TITLE_SUFFIXES = _PHRASES["title_suffixes"]
ANGLES = _PHRASES["angles"]
METHODS = _PHRASES["methods"]
BENEFITS = _PHRASES["benefits"]
DESCRIPTION_SENTENCES = _PHRASES["description_sentences"]
DESCRIPTION_POINTS = _PHRASES["description_points"]
COURSE_HEADINGS = _PHRASES["course_headings"]
COURSE_LIST_HEADINGS = _PHRASES["course_list_headings"]
SURNAMES = list(_PHRASES["surnames"])
GIVEN_NAMES = _PHRASES["given_names"]
POSTS: dict[str, list[str]] = _PHRASES["posts"]
ORGANISATIONS: dict[str, list[str]] = _PHRASES["organisations"]
FIELDS = _PHRASES["fields"]
CAREERS = _PHRASES["careers"]
ACHIEVEMENTS = _PHRASES["achievements"]
STYLES = _PHRASES["styles"]
HONOURS = _PHRASES["honours"]
PLACES = _PHRASES["places"]
VILLAGES = _PHRASES["villages"]
ROADS = _PHRASES["roads"]
OPENING_HOURS = _PHRASES["opening_hours"]
BOOKING = _PHRASES["booking"]
SITE_SENTENCES = _PHRASES["site_sentences"]
SITE_POINTS = _PHRASES["site_points"]
ROUTE_MOTTOS = _PHRASES["route_mottos"]
ROUTE_POINTS = _PHRASES["route_points"]
ROUTE_SENTENCES = _PHRASES["route_sentences"]
TEACHINGS = _PHRASES["teachings"]

ALL_TOPICS = sorted({topic for topics in TOPICS.values() for topic in topics})
ALL_POSTS = sorted({post for posts in POSTS.values() for post in posts})


def fit(rng: random.Random, make: Callable[[random.Random], str], low: int, high: int) -> str:
    """Call `make` until its text has between `low` and `high` characters."""
    for _ in range(200):
        text = make(rng)
        if low <= len(text) <= high:
            return text
    raise ValueError(f"could not compose a text of {low}-{high} characters")  # pragma: no cover


def title(rng: random.Random, topic: str) -> str:
    """A course title of 8 to 20 characters."""
    candidates = [
        text
        for text in (
            [f"{prefix}{topic}" for prefix in TITLE_PREFIXES]
            + [f"{topic}{suffix}" for suffix in TITLE_SUFFIXES]
            + [f"{prefix}{topic}{suffix}" for prefix in TITLE_PREFIXES for suffix in TITLE_SUFFIXES]
        )
        if 8 <= len(text) <= 20
    ]
    return rng.choice(candidates)


def summary(rng: random.Random, topic: str, fmt: str, audience: str, low: int = 40, high: int = 90) -> str:
    def make(r: random.Random) -> str:
        text = f"本课围绕{topic}，{r.choice(ANGLES)}。"
        text += r.choice(METHODS).format(fmt=fmt) + f"，{r.choice(BENEFITS)}。"
        if r.random() < 0.5:
            text += f"适合{audience}等对象学习。"
        return text

    return fit(rng, make, low, high)


def markdown(
    rng: random.Random,
    low: int,
    high: int,
    sentences: list[str],
    points: list[str],
    headings: tuple[list[str], list[str]],
    values: dict[str, str],
) -> str:
    """Markdown of `low` to `high` characters: two headings, short paragraphs, a 3–6 item list."""
    target = rng.randint(low, high)
    heading, list_heading = (rng.choice(options) for options in headings)
    spare = [s.format(**values) for s in sentences]
    spare_points = [p.format(**values) for p in points]
    rng.shuffle(spare)
    rng.shuffle(spare_points)
    paragraphs = [[spare.pop(), spare.pop()]]
    items = [spare_points.pop() for _ in range(3)]
    closing = [spare.pop()]

    def render() -> str:
        body = "\n\n".join("".join(p) for p in paragraphs)
        listing = "\n".join(f"- {item}；" for item in items[:-1]) + f"\n- {items[-1]}。"
        return f"## {heading}\n\n{body}\n\n## {list_heading}\n\n{listing}\n\n{''.join(closing)}"

    text = render()
    grown: list[Any]  # the list the last step added to, undone if the text grew too long
    while len(text) < target:
        if spare_points and len(items) < 6 and rng.random() < 0.3:
            grown = items
            items.append(spare_points.pop())
        elif not spare:
            break
        elif len(paragraphs[-1]) < 4:
            grown = paragraphs[-1]
            grown.append(spare.pop())
        elif len(paragraphs) < 4:
            paragraphs.append([spare.pop()])
            grown = paragraphs  # a new paragraph: undone as a whole
        elif len(closing) < 3:
            grown = closing
            closing.append(spare.pop())
        else:
            break
        if len(render()) > high:
            grown.pop()
            break
        text = render()
    if len(text) < low:
        raise ValueError(f"pools too small for {low} characters")  # pragma: no cover
    return text


def course_description(rng: random.Random, values: dict[str, str], low: int = 300, high: int = 800) -> str:
    headings = (COURSE_HEADINGS, COURSE_LIST_HEADINGS)
    return markdown(rng, low, high, DESCRIPTION_SENTENCES, DESCRIPTION_POINTS, headings, values)


def site_description(rng: random.Random, values: dict[str, str]) -> str:
    headings = (["点位简介", "阵地概况"], ["展陈与活动", "可以开展的教学"])
    return markdown(rng, 150, 400, SITE_SENTENCES, SITE_POINTS, headings, values)


def route_description(rng: random.Random, values: dict[str, str]) -> str:
    headings = (["路线简介", "线路概况"], ["沿途看点", "教学安排"])
    return markdown(rng, 150, 350, ROUTE_SENTENCES, ROUTE_POINTS, headings, values)


def route_summary(rng: random.Random, theme: str, count: int) -> str:
    def make(r: random.Random) -> str:
        return f"以“{theme}”为主题，串联{count}个教学点位，{r.choice(ANGLES)}。{r.choice(BENEFITS)}。"

    return fit(rng, make, 40, 90)


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)


def bio(rng: random.Random, organisation: str, post: str, low: int = 80, high: int = 200) -> str:
    """A teacher's biography: who, what work, what results, how they teach."""

    def make(r: random.Random) -> str:
        target = r.randint(low, high)
        text = f"现任{organisation}{post}，长期从事{r.choice(FIELDS)}工作，{r.choice(CAREERS)}。"
        extras = [
            f"{r.choice(STYLES)}。",
            *(f"{a}。" for a in r.sample(ACHIEVEMENTS, 2)),
            f"近年来主讲{r.choice(ALL_TOPICS)}等专题课，累计授课{r.randint(2, 30) * 10}余场。",
            f"曾获{r.choice(HONOURS)}等荣誉。",
            f"{r.choice(CAREERS)}，熟悉基层情况。",
        ]
        r.shuffle(extras)
        while extras and len(text) < target:
            text += extras.pop()
        return text

    return fit(rng, make, low, high)
