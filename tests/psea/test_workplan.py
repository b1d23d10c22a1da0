"""The work plan's figures: quarters, timeline, groupings, budgets and progress, checked
against expectations computed by hand from a dozen actions."""

from __future__ import annotations

from datetime import date
from typing import Any

from lexkit.psea.model import ProgressReport
from lexkit.psea.workplan import (
    Quarter,
    budget_total,
    by_area,
    by_standard,
    by_unit,
    progress,
    quarters,
    timeline,
    work_plan_order,
)

D = date


class Recording(dict[str, Any]):
    """A row that remembers which columns were read."""

    read: set[str]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.read = set()

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return super().__getitem__(key)


PILLARS = [  # out of order on purpose: the number decides
    {"key": "p2", "number": 2, "name_en": "Prevention", "name_ro": "Prevenire"},
    {"key": "p1", "number": 1, "name_en": "Management", "name_ro": "Management"},
]
STANDARDS = [
    {"key": "s3", "number": 3, "pillar": "p2", "name_en": "Three", "name_ro": "Trei"},
    {"key": "s1", "number": 1, "pillar": "p1", "name_en": "One", "name_ro": "Unu"},
    {"key": "s4", "number": 4, "pillar": "p2", "name_en": "Four", "name_ro": "Patru"},
    {"key": "s2", "number": 2, "pillar": "p1", "name_en": "Two", "name_ro": "Doi"},
]
AREAS = [
    {"key": "a2", "number": 2, "name_en": "Area two", "name_ro": "Domeniul doi"},
    {"key": "a3", "number": 3, "name_en": "Area three", "name_ro": "Domeniul trei"},
    {"key": "a1", "number": 1, "name_en": "Area one", "name_ro": "Domeniul unu"},
]
UNITS = [
    {"key": "psea", "name_en": "PSEA focal point", "name_ro": "Punctul focal PSEA"},
    {"key": "hr", "name_en": "Human resources", "name_ro": "Resurse umane"},
    {"key": "pm", "name_en": "Programmes", "name_ro": "Programe"},
    {"key": "director", "name_en": "Head of office", "name_ro": "Șeful oficiului"},
]

# key, standard, area, responsible, start, end, budget, status
_ACTIONS = [
    ("act-01", "s1", "a1", "hr", D(2026, 1, 10), D(2026, 3, 31), 1000.0, "done"),
    ("act-02", "s1", "a2", "pm", D(2026, 2, 1), D(2026, 6, 30), None, "ongoing"),
    ("act-03", "s2", "a1", "psea", D(2026, 1, 15), D(2026, 1, 31), 500.0, "planned"),
    ("act-04", "s3", "a2", "hr", D(2026, 4, 1), D(2026, 9, 30), 2500.5, "planned"),
    ("act-05", "s3", "a1", "pm", D(2026, 3, 1), D(2026, 12, 31), 0.0, "ongoing"),
    ("act-06", "s1", "a2", "psea", D(2026, 1, 10), D(2026, 2, 28), None, "delayed"),
    ("act-07", "s2", "a2", "hr", D(2026, 7, 1), D(2026, 12, 31), 300.0, "planned"),
    ("act-08", "s3", "a1", "psea", D(2026, 10, 1), D(2026, 12, 31), 200.0, "planned"),
    ("act-09", "s2", "a1", "pm", D(2026, 1, 15), D(2026, 3, 15), 100.0, "cancelled"),
    ("act-10", "s1", "a1", "hr", D(2026, 1, 10), D(2026, 5, 31), 750.0, "planned"),
    ("act-11", "s3", "a2", "hr", D(2026, 6, 15), D(2026, 7, 15), None, "planned"),
    ("act-12", "s2", "a1", "psea", D(2026, 9, 1), D(2026, 10, 31), 1200.0, "planned"),
]


def actions() -> list[Recording]:
    return [
        Recording(
            key=key,
            standard=standard,
            priority_area=area,
            action_en=f"Action {key}",
            action_ro=f"Acțiunea {key}",
            responsible=unit,
            start=start,
            end=end,
            resources_en="Staff time",
            resources_ro="Timp de lucru",
            budget_usd=budget,
            indicator_en="Done or not",
            indicator_ro="Realizat sau nu",
            reporting_en="Quarterly",
            reporting_ro="Trimestrial",
            status=status,
        )
        for key, standard, area, unit, start, end, budget, status in _ACTIONS
    ]


def keys(rows: list[Any]) -> list[str]:
    return [row["key"] for row in rows]


WORK_PLAN_ORDER = [
    *("act-01", "act-06", "act-10", "act-02"),  # s1: by start, same start by key
    *("act-03", "act-09", "act-07", "act-12"),  # s2
    *("act-05", "act-04", "act-11", "act-08"),  # s3 (pillar 2)
]


# ---------------------------------------------------------------- quarters


def test_quarters_cover_the_period_in_whole_calendar_quarters() -> None:
    found = quarters(D(2026, 2, 15), D(2027, 1, 10))
    assert [q.label("en") for q in found] == ["Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026", "Q1 2027"]
    assert [q.label("ro") for q in found][:2] == ["T1 2026", "T2 2026"]
    assert found[0] == Quarter(2026, 1, D(2026, 1, 1), D(2026, 3, 31))
    assert found[1] == Quarter(2026, 2, D(2026, 4, 1), D(2026, 6, 30))
    assert found[3] == Quarter(2026, 4, D(2026, 10, 1), D(2026, 12, 31))
    assert found[4].end == D(2027, 3, 31)


def test_a_period_within_one_quarter_has_one_quarter() -> None:
    assert quarters(D(2026, 5, 1), D(2026, 5, 2)) == [
        Quarter(2026, 2, D(2026, 4, 1), D(2026, 6, 30))
    ]
    assert quarters(D(2026, 5, 2), D(2026, 5, 1)) == []


def test_timeline_marks_the_quarters_each_action_runs_in() -> None:
    year = quarters(D(2026, 1, 1), D(2026, 12, 31))
    rows = timeline(actions(), year, STANDARDS, PILLARS)
    marks = {
        action["key"]: "".join("x" if active else "." for active in row) for action, row in rows
    }
    assert keys([action for action, _ in rows]) == WORK_PLAN_ORDER
    assert marks == {
        "act-01": "x...",  # ends on the last day of Q1
        "act-06": "x...",
        "act-10": "xx..",
        "act-02": "xx..",
        "act-03": "x...",
        "act-09": "x...",
        "act-07": "..xx",
        "act-12": "..xx",
        "act-05": "xxxx",
        "act-04": ".xx.",  # starts on the first day of Q2
        "act-11": ".xx.",
        "act-08": "...x",
    }


def test_timeline_without_standards_goes_by_start_then_key() -> None:
    rows = timeline(actions(), quarters(D(2026, 1, 1), D(2026, 3, 31)))
    assert keys([action for action, _ in rows])[:6] == [
        *("act-01", "act-06", "act-10"),
        *("act-03", "act-09", "act-02"),
    ]


def test_figures_read_only_the_columns_they_need() -> None:
    rows = actions()
    timeline(rows, quarters(D(2026, 1, 1), D(2026, 12, 31)), STANDARDS, PILLARS)
    by_standard(rows, STANDARDS, PILLARS)
    assert set().union(*(row.read for row in rows)) == {"key", "standard", "start", "end"}


# ---------------------------------------------------------------- groupings


def test_by_standard_lists_pillars_and_standards_by_number_even_without_actions() -> None:
    groups = by_standard(actions(), STANDARDS, PILLARS)
    assert [group.pillar["key"] for group in groups] == ["p1", "p2"]
    shown = {
        group.standard["key"]: keys(group.actions)
        for pillar in groups
        for group in pillar.standards
    }
    assert list(shown) == ["s1", "s2", "s3", "s4"]
    assert shown == {
        "s1": ["act-01", "act-06", "act-10", "act-02"],
        "s2": ["act-03", "act-09", "act-07", "act-12"],
        "s3": ["act-05", "act-04", "act-11", "act-08"],
        "s4": [],  # the document says: no action yet
    }
    assert keys(groups[0].actions) + keys(groups[1].actions) == WORK_PLAN_ORDER
    assert keys(work_plan_order(actions(), STANDARDS, PILLARS)) == WORK_PLAN_ORDER


def test_by_area_lists_every_area_by_number() -> None:
    groups = by_area(actions(), AREAS)
    assert [(area["key"], keys(rows)) for area, rows in groups] == [
        ("a1", ["act-01", "act-10", "act-03", "act-09", "act-05", "act-12", "act-08"]),
        ("a2", ["act-06", "act-02", "act-04", "act-11", "act-07"]),
        ("a3", []),
    ]


def test_by_unit_gives_each_unit_its_actions_and_budget() -> None:
    groups = by_unit(actions(), UNITS)
    assert [(unit["key"], keys(rows), total) for unit, rows, total in groups] == [
        ("psea", ["act-06", "act-03", "act-12", "act-08"], 1900.0),
        ("hr", ["act-01", "act-10", "act-04", "act-11", "act-07"], 4550.5),
        ("pm", ["act-09", "act-02", "act-05"], 100.0),
        ("director", [], 0.0),
    ]
    assert budget_total(actions()) == 6550.5
    assert budget_total([]) == 0.0


# ---------------------------------------------------------------- progress


def report(action: str, status: str, by: str, on: date | None, comment: str = "") -> ProgressReport:
    return ProgressReport(action, status, comment, by, on)


REPORTS = [
    report("act-03", "ongoing", "Ana", D(2026, 1, 20), "started"),
    report("act-03", "done", "Ana", D(2026, 2, 1), "finished"),
    report("act-10", "ongoing", "Ion", D(2026, 3, 1), "first"),
    report("act-10", "delayed", "Maria", D(2026, 3, 1), "second"),  # same day: the later wins
    report("act-02", "done", "Ion", None, "undated"),  # older than any dated report
    report("act-02", "ongoing", "Ion", D(2026, 2, 1), "dated"),
    report("ghost", "done", "Ion", D(2026, 2, 1)),
]


def test_progress_takes_the_latest_report_of_each_action() -> None:
    found = progress(actions(), REPORTS, D(2026, 4, 1))
    status = {item.action["key"]: item.status for item in found.actions}
    assert status == {
        "act-01": "done",
        "act-02": "ongoing",
        "act-03": "done",
        "act-04": "planned",
        "act-05": "ongoing",
        "act-06": "delayed",
        "act-07": "planned",
        "act-08": "planned",
        "act-09": "cancelled",
        "act-10": "delayed",
        "act-11": "planned",
        "act-12": "planned",
    }
    act_10 = found.of("act-10")
    assert act_10 is not None
    assert (act_10.comment, act_10.reported_by, act_10.reported_on) == (
        "second",
        "Maria",
        D(2026, 3, 1),
    )
    assert act_10.reported
    act_04 = found.of("act-04")
    assert act_04 is not None
    assert not act_04.reported
    assert act_04.reported_by == ""
    assert list(found.counts.items()) == [
        ("planned", 5),
        ("ongoing", 2),
        ("done", 2),
        ("delayed", 2),
        ("cancelled", 1),
    ]
    assert found.reported == 3
    assert [item.action["key"] for item in found.late] == ["act-06"]  # act-03 is done
    assert [r.action for r in found.unknown] == ["ghost"]


def test_without_reports_the_work_plan_status_counts_and_late_actions_show() -> None:
    found = progress(actions(), [], D(2026, 4, 1))
    assert found.reported == 0
    assert found.counts == {"planned": 7, "ongoing": 2, "done": 1, "delayed": 1, "cancelled": 1}
    # Ended before 1 April and neither done nor cancelled (act-09 is cancelled), by end date.
    assert [item.action["key"] for item in found.late] == ["act-03", "act-06"]
    assert progress(actions(), [], D(2026, 1, 31)).late == []  # the end day itself is not late
