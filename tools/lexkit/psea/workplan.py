"""The work plan's figures: its quarters and timeline, its actions grouped by pillar and
standard, by priority area and by unit (with their budgets), and its progress as the
units reported it.

Rows are the validated tables' dicts (``actions``, ``mos_standards``, ``pillars``,
``priority_areas``, ``units``); only the columns a figure needs are read, so a row that
records its reads tells which columns a document used. Everything here is a pure function
of the rows: the documents and checks of the dossier decide how to show it.

The work plan's order is the one the document prints: pillars by number, their standards
by number, and each standard's actions by start date, then key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lexkit.language import Lang
from lexkit.psea.model import ProgressReport

Row = Mapping[str, Any]

# The statuses of an action, in the order every count shows them.
STATUS_ORDER: tuple[str, ...] = ("planned", "ongoing", "done", "delayed", "cancelled")
FINISHED = frozenset({"done", "cancelled"})  # never late, whatever their end date

# ---------------------------------------------------------------- quarters and timeline


@dataclass(frozen=True)
class Quarter:
    """A calendar quarter: ``number`` 1-4 of ``year``, from ``start`` to ``end`` inclusive."""

    year: int
    number: int
    start: dt.date
    end: dt.date

    def label(self, lang: Lang) -> str:
        """ "T1 2026" (trimestrul) in Romanian, "Q1 2026" in English."""
        letter = "T" if lang == "ro" else "Q"
        return f"{letter}{self.number} {self.year}"

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        return start <= self.end and end >= self.start


def quarter_of(day: dt.date) -> Quarter:
    """The calendar quarter a day falls in."""
    number = (day.month - 1) // 3 + 1
    first = dt.date(day.year, 3 * number - 2, 1)
    following = dt.date(day.year + 1, 1, 1) if number == 4 else dt.date(day.year, 3 * number + 1, 1)
    return Quarter(day.year, number, first, following - dt.timedelta(days=1))


def quarters(start: dt.date, end: dt.date) -> list[Quarter]:
    """Every calendar quarter from the one ``start`` falls in to the one ``end`` falls in
    (whole quarters: a period from 15 February starts with the first quarter)."""
    out: list[Quarter] = []
    if end < start:
        return out
    current = quarter_of(start)
    while current.start <= end:
        out.append(current)
        current = quarter_of(current.end + dt.timedelta(days=1))
    return out


def timeline(
    actions: Sequence[Row],
    quarters: Sequence[Quarter],
    standards: Sequence[Row] = (),
    pillars: Sequence[Row] = (),
) -> list[tuple[Row, list[bool]]]:
    """Each action, in the work plan's order, with whether it runs in each quarter (its
    start-end overlaps the quarter). Without ``standards`` and ``pillars`` the actions go
    by start date, then key."""
    return [
        (action, [quarter.overlaps(action["start"], action["end"]) for quarter in quarters])
        for action in work_plan_order(actions, standards, pillars)
    ]


# ---------------------------------------------------------------- groupings


def _by_start(action: Row) -> tuple[dt.date, str]:
    return (action["start"], action["key"])


def _grouped(rows: Sequence[Row], column: str) -> dict[str, list[Row]]:
    """The rows by the value of ``column``, each group in the rows' order."""
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(row[column], []).append(row)
    return groups


def work_plan_order(
    actions: Sequence[Row], standards: Sequence[Row] = (), pillars: Sequence[Row] = ()
) -> list[Row]:
    """The actions as the work plan prints them: by pillar number, standard number, start
    date, key. A standard or pillar not given sorts after those given."""
    pillar_number = {pillar["key"]: pillar["number"] for pillar in pillars}
    place: dict[str, tuple[int, int, int]] = {}
    for standard in standards:
        pillar = pillar_number.get(standard["pillar"])
        place[standard["key"]] = (
            (0, pillar, standard["number"]) if pillar is not None else (1, 0, standard["number"])
        )
    unknown = (2, 0, 0)
    return sorted(
        actions, key=lambda action: (place.get(action["standard"], unknown), *_by_start(action))
    )


@dataclass(frozen=True)
class StandardGroup:
    """One MOS-PSEA standard and its actions (none yet: an empty list)."""

    standard: Row
    actions: list[Row]


@dataclass(frozen=True)
class PillarGroup:
    """One pillar and its standards."""

    pillar: Row
    standards: list[StandardGroup]

    @property
    def actions(self) -> list[Row]:
        return [action for group in self.standards for action in group.actions]


def by_standard(
    actions: Sequence[Row], standards: Sequence[Row], pillars: Sequence[Row]
) -> list[PillarGroup]:
    """The work plan by pillar and standard: pillars by number, their standards by number,
    each standard's actions by start date then key. Every pillar and standard is listed,
    even one without an action (the document says there is none yet)."""
    actions_of, standards_of = _grouped(actions, "standard"), _grouped(standards, "pillar")
    groups: list[PillarGroup] = []
    for pillar in sorted(pillars, key=lambda row: (row["number"], row["key"])):
        members = sorted(
            standards_of.get(pillar["key"], []), key=lambda row: (row["number"], row["key"])
        )
        groups.append(
            PillarGroup(
                pillar,
                [
                    StandardGroup(
                        standard, sorted(actions_of.get(standard["key"], []), key=_by_start)
                    )
                    for standard in members
                ],
            )
        )
    return groups


def by_area(actions: Sequence[Row], areas: Sequence[Row]) -> list[tuple[Row, list[Row]]]:
    """Each priority area by number with its actions by start date then key; an area
    without an action is listed with none."""
    actions_of = _grouped(actions, "priority_area")
    return [
        (area, sorted(actions_of.get(area["key"], []), key=_by_start))
        for area in sorted(areas, key=lambda row: (row["number"], row["key"]))
    ]


def budget_total(actions: Sequence[Row]) -> float:
    """The actions' budgets in USD added up; an action without a budget adds nothing."""
    return float(sum(action["budget_usd"] or 0.0 for action in actions))


def by_unit(actions: Sequence[Row], units: Sequence[Row]) -> list[tuple[Row, list[Row], float]]:
    """Each unit, in the table's order, with the actions it is responsible for (by start
    date then key) and their budget total; a unit without an action is listed with none
    and 0."""
    actions_of = _grouped(actions, "responsible")
    out: list[tuple[Row, list[Row], float]] = []
    for unit in units:
        owned = sorted(actions_of.get(unit["key"], []), key=_by_start)
        out.append((unit, owned, budget_total(owned)))
    return out


# ---------------------------------------------------------------- progress


def _report_order(indexed: tuple[int, ProgressReport]) -> tuple[dt.date, int]:
    """Later date last; on the same date (or none) the later report in the list last. A
    report without a date counts as older than any dated one."""
    index, report = indexed
    return (report.reported_on or dt.date.min, index)


def latest_reports(reports: Sequence[ProgressReport]) -> dict[str, ProgressReport]:
    """Action key -> the latest report on it (by ``reported_on``, ties by list order)."""
    latest: dict[str, ProgressReport] = {}
    for _, report in sorted(enumerate(reports), key=_report_order):
        latest[report.action] = report
    return latest


@dataclass(frozen=True)
class ActionProgress:
    """Where one action stands: the latest report's status, comment, author and date, or
    the action's own status (from the table) when no unit reported on it."""

    action: Row
    status: str
    comment: str
    reported_by: str
    reported_on: dt.date | None
    reported: bool  # a unit reported on it
    late: bool  # neither done nor cancelled, and its end date has passed


@dataclass(frozen=True)
class Progress:
    """The work plan's progress at ``as_of``."""

    as_of: dt.date
    actions: list[ActionProgress]  # in the order the actions were given
    counts: dict[str, int]  # status -> actions, in STATUS_ORDER, every status present
    late: list[ActionProgress]  # by end date, then key
    reported: int  # actions some unit reported on
    unknown: list[ProgressReport]  # reports on actions the table does not have

    def of(self, key: str) -> ActionProgress | None:
        return next((item for item in self.actions if item.action["key"] == key), None)


def progress(actions: Sequence[Row], reports: Sequence[ProgressReport], as_of: dt.date) -> Progress:
    """Each action's status as last reported, the counts by status, the late actions and
    the reports that name no action (kept, so a check can say so)."""
    latest = latest_reports(reports)
    items: list[ActionProgress] = []
    for action in actions:
        report = latest.get(action["key"])
        status = report.status if report is not None else action["status"]
        late = status not in FINISHED and action["end"] < as_of
        if report is None:
            items.append(ActionProgress(action, status, "", "", None, False, late))
        else:
            items.append(
                ActionProgress(
                    action,
                    status,
                    report.comment,
                    report.reported_by,
                    report.reported_on,
                    True,
                    late,
                )
            )
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for item in items:
        counts[item.status] = counts.get(item.status, 0) + 1
    late_items = sorted(
        (item for item in items if item.late),
        key=lambda item: (item.action["end"], item.action["key"]),
    )
    known = {action["key"] for action in actions}
    return Progress(
        as_of=as_of,
        actions=items,
        counts=counts,
        late=late_items,
        reported=sum(item.reported for item in items),
        unknown=[report for report in reports if report.action not in known],
    )
