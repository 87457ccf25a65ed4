"""Routes from sheets: stops as one text cell, or one row per stop, joined into routes.

Departments keep route lists two ways. One row per route, its stops as text in one cell
("八七会议纪念馆—毛泽东同志旧居—…", by site name or id: catalog.editors.importing.cells), as
in the Wuhan list; or one row per stop (路线名称, 点位, 停留分钟, 教学内容…), the route's own
columns filled on its first row and left blank or merged below. `join_stop_rows` turns the
second form into the first: one row per route with its stops in order, each value still at
its own cell for messages. Importing again with `--force` keeps what a stop's file says that
the sheet does not (`merge_stops`): teaching notes written by hand survive a new list.
"""

from __future__ import annotations

import copy

from catalog.editors.importing.cells import clean_cell
from catalog.editors.importing.header import Header
from catalog.editors.importing.rows import Row
from catalog.tabular.sheets import Sheet

STOP_PREFIX = "stops."


def one_row_per_stop(header: Header) -> bool:
    return any(column.field.startswith(STOP_PREFIX) for column in header.columns.values())


def fill_down_names(sheet: Sheet, header: Header) -> None:
    """A stop's row with its route's name left blank belongs to the route above it."""
    name_cols = [col for col, column in header.columns.items() if column.field == "name"]
    if not name_cols:
        return
    col = name_cols[0] - 1
    above: object = None
    for row in sheet.rows[header.row :]:
        if not any(clean_cell(cell) is not None for cell in row):
            continue  # a blank row: not a stop, and it does not end the route
        if col < len(row) and clean_cell(row[col]) is not None:
            above = row[col]
        elif above is not None:
            row.extend([None] * (col + 1 - len(row)))
            row[col] = above


def join_stop_rows(rows: list[Row]) -> list[Row]:
    """Rows of one stop each → one row per route (the first row of a name; stops in order)."""
    routes: dict[str, Row] = {}
    for row in rows:
        stop = row.data.pop("stops", None)
        key = row.label or f"\0{row.number}"  # a row without a name stays apart (and fails)
        route = routes.get(key)
        if route is None:
            route = routes[key] = Row(row.number, row.data, dict(row.cells), [], set(row.given))
            route.label, route.data["stops"] = row.label, []
        else:
            for name, value in row.data.items():  # the route's columns: the first row wins
                route.data.setdefault(name, value)
        route.problems += row.problems
        if isinstance(stop, dict):
            index = len(route.data["stops"])
            route.data["stops"].append(stop)
            for path, col in row.cells.items():
                if path.startswith(STOP_PREFIX):
                    route.positions[("stops", index, path.removeprefix(STOP_PREFIX))] = (row.number, col)
            route.positions[("stops", index)] = (row.number, route.cells.get("stops.site", 1))
    for route in routes.values():
        route.cells = {path: col for path, col in route.cells.items() if not path.startswith(STOP_PREFIX)}
        route.given.add("stops")
    return list(routes.values())


def merge_stops(kept: list, given: list) -> list:
    """A route's stops from a sheet, each keeping what the file already says about that stop
    (teaching, course, travel) where the sheet says nothing: stops are matched by site, in order."""
    unused = [dict(stop) for stop in kept if isinstance(stop, dict)]
    merged = []
    for stop in given:
        match = next((old for old in unused if old.get("site") == stop.get("site")), None)
        if match is None:
            merged.append(stop)
            continue
        unused.remove(match)
        merged.append({**copy.deepcopy(match), **stop})
    return merged
