"""The dispatch plan (dispatch/<单号>.yml): every bad input reported at its line and column.

Each case writes plan files into a small valid catalog (tests/test_orders.py EXTRA: a
course with two teachers and two sites among them) and expects exactly these problems of
`catalog check` in dispatch/, as PATH:LINE:COL with a code of the table.
"""

from __future__ import annotations

import textwrap

import pytest

from catalog.load.validate import check_catalog
from tests.order_files import number
from tests.test_orders import EXTRA, A, B

NA = number(A, tail="p001")
NB = number(B, tail="p002")


def plan(unit: str, items: str, extra: str = "") -> str:
    return f"unit: {unit}\ncontact: 张三\nphone: 0510-1\n{extra}items:\n" + textwrap.indent(
        textwrap.dedent(items).strip("\n"), "  "
    ) + "\n"  # fmt: skip


COURSE = """
- kind: 课程
  id: team-course
  date_from: 2026-12-10
  date_to: 2026-12-11
  participants: 30
  status: 已安排
  confirmed_from: 2026-12-10
  teacher: li-ming
  site: hall-a
"""  # lines 5-13 of the file


OTHER_COURSE = COURSE.replace("id: team-course", "id: party-history")  # taught by li-ming at hall-a
OTHER_TEACHER = OTHER_COURSE.replace("teacher: li-ming", "teacher: wang-fang")
MOVED = COURSE.replace("confirmed_from: 2026-12-10", "confirmed_from: 2026-12-15")


def at(number_: str, line: int, column: int, code: str, severity: str = "error") -> tuple:
    return (f"dispatch/{number_}.yml", line, column, code, severity)


CASES = {
    "a valid plan": ({NA: plan(A, COURSE)}, []),
    "unknown kind": (
        {NA: plan(A, COURSE.replace("kind: 课程", "kind: 讲座"))},
        [at(NA, 5, 11, "plan-unknown-kind")],
    ),
    "unknown id, with the nearest": (
        {NA: plan(A, COURSE.replace("id: team-course", "id: team-cours"))},
        [at(NA, 6, 9, "plan-unknown-id")],
    ),
    "teacher who does not give the course": (
        {NA: plan(A, COURSE.replace("teacher: li-ming", "teacher: zhang-san"))},
        [at(NA, 12, 14, "plan-unknown-teacher")],
    ),
    "a teacher of another course": (
        {
            NA: plan(
                A,
                COURSE.replace("id: team-course", "id: party-history").replace(
                    "teacher: li-ming", "teacher: wang-fang"
                ),
            )
        },
        [at(NA, 12, 14, "plan-teacher-not-offered")],  # hall-a is also one of its sites
    ),
    "arranged without a date": (
        {NA: plan(A, COURSE.replace("  confirmed_from: 2026-12-10\n", ""))},
        [at(NA, 10, 13, "plan-no-date")],
    ),
    "arranged outside the requested dates": (
        {NA: plan(A, MOVED)},
        [at(NA, 11, 21, "plan-date-outside")],
    ),
    "moved to other dates is fine": (
        {
            NA: plan(
                A,
                COURSE.replace("confirmed_from: 2026-12-10", "confirmed_from: 2026-12-15").replace(
                    "已安排", "改期"
                ),
            )
        },
        [],
    ),
    "declined without a reason": (
        {NA: plan(A, "- kind: 课程\n  id: team-course\n  status: 婉拒\n")},
        [at(NA, 5, 5, "plan-decline-reason")],
    ),
    "confirmed end before start": (
        {NA: plan(A, COURSE + "  confirmed_to: 2026-12-09\n")},
        [at(NA, 14, 19, "plan-date-order")],
    ),
    "over the site's capacity": (
        {NA: plan(A, COURSE.replace("participants: 30", "participants: 61"))},
        [at(NA, 9, 19, "plan-over-capacity")],
    ),
    "pending with a decision filled in": (
        {NA: plan(A, COURSE.replace("status: 已安排", "status: 待安排"))},
        [at(NA, 10, 13, "plan-pending-decided", "warning")],
    ),
    "arranged without choosing among two teachers": (
        {NA: plan(A, COURSE.replace("  teacher: li-ming\n", ""))},
        [at(NA, 5, 5, "plan-unassigned", "warning")],  # no teacher: the item itself
    ),
    "one item twice in one order": (
        {NA: plan(A, COURSE + "- kind: 课程\n  id: team-course\n  status: 婉拒\n  reply: 重复了\n")},
        [at(NA, 15, 9, "plan-duplicate-item")],
    ),
    "a status not in the list": (
        {NA: plan(A, COURSE.replace("status: 已安排", "status: 已安拍"))},
        [at(NA, 10, 13, "invalid-value")],
    ),
    "a field the plan does not have": (
        {NA: plan(A, COURSE + "  teachers: li-ming\n")},
        [at(NA, 14, 5, "unknown-field")],
    ),
    "one teacher in two orders on one day": (
        {NA: plan(A, COURSE), NB: plan(B, COURSE.replace("site: hall-a", "site: hall-b"))},
        [at(NB, 12, 14, "plan-teacher-twice")],
    ),
    "one site, two groups within its capacity": (
        {NA: plan(A, COURSE), NB: plan(B, COURSE.replace("teacher: li-ming", "teacher: wang-fang"))},
        [at(NB, 13, 11, "plan-site-twice", "warning")],
    ),
    "one site, two groups beyond its capacity": (
        {
            NA: plan(A, COURSE),
            NB: plan(B, COURSE.replace("teacher: li-ming", "teacher: wang-fang").replace(": 30", ": 31")),
        },
        [at(NB, 13, 11, "plan-site-twice")],
    ),
    "a number of another unit": ({NB: plan(A, COURSE)}, [at(NB, 1, 7, "plan-number-unit", "warning")]),
    "a blank unit (only full-width spaces)": (
        {NA: plan('"\u3000\u3000"', COURSE)},
        [at(NA, 1, 7, "empty-value")],
    ),
    "a full-width colon": (
        {NA: plan(A, COURSE.replace("status: 已安排", "status：已安排"))},
        [at(NA, 10, 11, "fullwidth-colon")],
    ),
}


def _problems(root) -> list[tuple]:
    result = check_catalog(root)
    return sorted(
        (p.path, p.line, p.column, p.code, str(p.severity))
        for p in result.problems
        if p.path.startswith("dispatch")
    )


@pytest.mark.parametrize("name", list(CASES))
def test_plan_problems_at_their_line_and_column(make_catalog, name):
    files, expected = CASES[name]
    root = make_catalog({**EXTRA, **{f"dispatch/{n}.yml": text for n, text in files.items()}})
    assert _problems(root) == sorted(expected)


def test_messages_name_what_to_do(make_catalog):
    course = COURSE.replace("id: team-course", "id: party-history").replace(
        "teacher: li-ming", "teacher: wang-fang"
    )
    root = make_catalog({**EXTRA, f"dispatch/{NA}.yml": plan(A, course)})
    texts = [p.text() for p in check_catalog(root).problems if p.path.startswith("dispatch")]
    assert (
        f"dispatch/{NA}.yml:12:14: error: 王芳不讲授课程“百年党史中的初心使命”（teacher does not give it）"
        in texts[0]
    )
    assert "可以派：李明（li-ming）" in texts[0]


def test_files_that_are_not_plan_records_are_reported(make_catalog):
    root = make_catalog(
        {
            **EXTRA,
            "dispatch/蠡园街道.yml": plan(A, COURSE),
            "dispatch/notes.txt": "备忘",
            f"dispatch/2026/{NA}.yml": plan(A, COURSE),
            f"dispatch/{NA.upper()}.yml": plan(A, COURSE),
            f"dispatch/{NB}.yml": plan(B, COURSE).encode("gb18030"),
        }
    )
    found = {(p.path, p.code) for p in check_catalog(root).problems if p.path.startswith("dispatch")}
    assert found == {
        ("dispatch/蠡园街道.yml", "plan-bad-number"),
        ("dispatch/notes.txt", "not-a-record"),
        (f"dispatch/2026/{NA}.yml", "nested-record"),
        (f"dispatch/{NA.upper()}.yml", "plan-bad-number"),
        (f"dispatch/{NB}.yml", "encoding"),
    }


def test_the_demo_plan_is_valid():
    from tests.conftest import ROOT

    result = check_catalog(ROOT)
    assert [p.text() for p in result.problems if p.path.startswith("dispatch")] == []
    assert len(result.plan.orders) == 3


def test_a_suspended_site_in_the_plan_is_named_as_suspended_not_archived(make_catalog):
    site = "name: 暂停的纪念馆\nstatus: suspended\nstatus_date: 2026-11-01\nstatus_reason: 闭馆维修\n"
    site += "reviewed: 2026-01-10\n"
    visit = """
    - kind: 教学点位
      id: closed-hall
      date_from: 2026-12-10
      participants: 30
      status: 已安排
      confirmed_from: 2026-12-10
    """
    files = {**EXTRA, "sites/closed-hall.yml": site, f"dispatch/{NA}.yml": plan(A, visit)}
    texts = [p.text() for p in check_catalog(make_catalog(files)).problems if p.path.startswith("dispatch")]
    assert [t for t in texts if "plan-archived" in t or "不能点单" in t] == [
        f"dispatch/{NA}.yml:6:9: warning: 教学点位“暂停的纪念馆”（closed-hall）暂停开放，现在不能点单"
        "（record not orderable）（建议：已经答应单位的可以照常安排；否则请婉拒，或与单位商量改点在用的）"
    ]
