"""The work plan's tracker as a unit sees it: exported, filled in with openpyxl as a unit
would (Romanian and English statuses, dates as cells and as text), imported into the
progress file; a bad tracker lists every problem and changes nothing."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from lexkit.consult.vocabulary import INSTRUCTIONS_SHEET
from lexkit.errors import LexkitError
from lexkit.psea.model import ProgressReport
from lexkit.psea.tracker import (
    ACTIONS_SHEET,
    HEADERS,
    STATUS_LABELS,
    STATUSES,
    ImportSummary,
    import_trackers,
    merge_progress,
    parse_status,
    progress_csv,
    read_progress,
    read_tracker,
    tracker_xlsx,
)
from lexkit.psea.workplan import progress

D = date

UNITS = [
    {"key": "psea", "name_en": "PSEA focal point", "name_ro": "Punctul focal PSEA"},
    {"key": "hr", "name_en": "Human resources", "name_ro": "Resurse umane"},
    {"key": "pm", "name_en": "Programmes", "name_ro": "Programe"},
]
STANDARDS = [
    {"key": "s2", "number": 2, "pillar": "p1", "name_en": "Two", "name_ro": "Doi"},
    {"key": "s1", "number": 1, "pillar": "p1", "name_en": "One", "name_ro": "Unu"},
    {"key": "s3", "number": 3, "pillar": "p2", "name_en": "Three", "name_ro": "Trei"},
]
# key, standard, responsible, start, end, status
_ACTIONS = [
    ("act-01", "s1", "hr", D(2026, 1, 10), D(2026, 3, 31), "done"),
    ("act-02", "s1", "pm", D(2026, 2, 1), D(2026, 6, 30), "ongoing"),
    ("act-03", "s2", "psea", D(2026, 1, 15), D(2026, 1, 31), "planned"),
    ("act-04", "s3", "hr", D(2026, 4, 1), D(2026, 9, 30), "planned"),
    ("act-05", "s3", "pm", D(2026, 3, 1), D(2026, 12, 31), "ongoing"),
    ("act-06", "s1", "psea", D(2026, 1, 10), D(2026, 2, 28), "delayed"),
    ("act-07", "s2", "hr", D(2026, 7, 1), D(2026, 12, 31), "planned"),
    ("act-08", "s3", "psea", D(2026, 10, 1), D(2026, 12, 31), "planned"),
    ("act-09", "s2", "pm", D(2026, 1, 15), D(2026, 3, 15), "cancelled"),
    ("act-10", "s1", "hr", D(2026, 1, 10), D(2026, 5, 31), "planned"),
    ("act-11", "s3", "hr", D(2026, 6, 15), D(2026, 7, 15), "planned"),
    ("act-12", "s2", "psea", D(2026, 9, 1), D(2026, 10, 31), "planned"),
]
# The tracker's order: standard number, start, key.
ORDER = [
    *("act-01", "act-06", "act-10", "act-02"),
    *("act-03", "act-09", "act-07", "act-12"),
    *("act-05", "act-04", "act-11", "act-08"),
]
INJECTION = '=HYPERLINK("http://example.org") recount the focal points'


def actions() -> list[dict[str, Any]]:
    return [
        {
            "key": key,
            "standard": standard,
            "priority_area": "a1",
            "action_en": INJECTION if key == "act-12" else f"Action {key}",
            "action_ro": f"Acțiunea {key}",
            "responsible": unit,
            "start": start,
            "end": end,
            "resources_en": "Staff time",
            "resources_ro": "Timp de lucru",
            "budget_usd": 100.0,
            "indicator_en": f"Indicator {key}",
            "indicator_ro": f"Indicatorul {key}",
            "reporting_en": "Quarterly",
            "reporting_ro": "Trimestrial",
            "status": status,
        }
        for key, standard, unit, start, end, status in _ACTIONS
    ]


def export(tmp_path: Path, name: str = "tracker.xlsx", **options: Any) -> Path:
    options.setdefault("lang", "en")
    path = tmp_path / name
    path.write_bytes(tracker_xlsx(actions(), UNITS, STANDARDS, **options))
    return path


def column(field: str) -> int:
    return list(HEADERS).index(field) + 1


def row_of(sheet: Worksheet, key: str) -> int:
    for number in range(2, sheet.max_row + 1):
        if sheet.cell(number, column("key")).value == key:
            return number
    raise AssertionError(f"no row for {key}")


def fill(path: Path, answers: dict[str, tuple[object, ...]]) -> Path:
    """Fill in the tracker as a unit would: key -> (status, comment, reported by, date)."""
    book = load_workbook(path)
    sheet = book[ACTIONS_SHEET]
    for key, values in answers.items():
        number = row_of(sheet, key)
        for field, value in zip(
            ("status", "comment", "reported_by", "reported_on"), values, strict=False
        ):
            sheet.cell(number, column(field), value)
    book.save(path)
    return path


# ---------------------------------------------------------------- export


def test_the_tracker_lists_every_action_with_the_columns_a_unit_fills(tmp_path: Path) -> None:
    book = load_workbook(export(tmp_path))
    assert book.sheetnames == [INSTRUCTIONS_SHEET, ACTIONS_SHEET]
    sheet = book[ACTIONS_SHEET]
    assert [cell.value for cell in sheet[1]] == list(HEADERS.values())
    assert [sheet.cell(n, 1).value for n in range(2, sheet.max_row + 1)] == ORDER
    first = [cell.value for cell in sheet[2]]
    assert first == [
        "act-01",
        "1. One",
        "Action act-01",
        "Human resources",
        datetime(2026, 1, 10),
        datetime(2026, 3, 31),
        "Indicator act-01",
        "realizată / done",
        None,
        None,
        None,
        None,
    ]
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == "A1:L13"
    assert sheet.column_dimensions["C"].width == 50
    assert sheet.protection.sheet
    assert not sheet.cell(2, column("status")).protection.locked
    assert sheet.cell(2, column("current")).protection.locked


def test_no_text_cell_can_run_as_a_formula(tmp_path: Path) -> None:
    sheet = load_workbook(export(tmp_path))[ACTIONS_SHEET]
    cell = sheet.cell(row_of(sheet, "act-12"), column("action"))
    assert cell.value == "'" + INJECTION
    assert cell.data_type == "s"


def test_the_status_has_a_drop_down_and_the_date_a_date_validation(tmp_path: Path) -> None:
    sheet = load_workbook(export(tmp_path))[ACTIONS_SHEET]
    validations = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    status = validations["I2:I13"]
    assert status.type == "list"
    assert status.formula1 == '"' + ",".join(STATUS_LABELS.values()) + '"'
    assert validations["L2:L13"].type == "date"
    assert sheet.cell(2, column("reported_on")).number_format == "yyyy-mm-dd"


def test_one_units_tracker_holds_only_its_actions_in_the_chosen_language(tmp_path: Path) -> None:
    book = load_workbook(export(tmp_path, unit="psea", lang="ro"))
    sheet = book[ACTIONS_SHEET]
    assert [sheet.cell(n, 1).value for n in range(2, sheet.max_row + 1)] == [
        "act-06",
        "act-03",
        "act-12",
        "act-08",
    ]
    assert sheet.cell(2, column("action")).value == "Acțiunea act-06"
    assert sheet.cell(2, column("responsible")).value == "Punctul focal PSEA"
    assert sheet.cell(2, column("standard")).value == "1. Unu"
    assert sheet.cell(2, column("start")).number_format == "dd.mm.yyyy"
    instructions = list(book[INSTRUCTIONS_SHEET].iter_rows(values_only=True))
    assert instructions[1] == ("Unitatea: Punctul focal PSEA", "Unit: PSEA focal point")
    text = " ".join(str(v) for row in instructions for v in row)
    assert "Lăsați goale" in text
    assert "Leave the rows" in text


def test_the_current_status_is_the_latest_reported_one(tmp_path: Path) -> None:
    reports = [ProgressReport("act-03", "done", "", "Ana", D(2026, 2, 1))]
    sheet = load_workbook(export(tmp_path, reports=reports))[ACTIONS_SHEET]
    assert sheet.cell(row_of(sheet, "act-03"), column("current")).value == "realizată / done"
    assert sheet.cell(row_of(sheet, "act-07"), column("current")).value == "planificată / planned"


def test_the_same_work_plan_gives_the_same_bytes() -> None:
    first = tracker_xlsx(actions(), UNITS, STANDARDS, "en")
    assert tracker_xlsx(actions(), UNITS, STANDARDS, "en") == first
    assert load_workbook(io.BytesIO(first)).properties.created == datetime(2000, 1, 1)


def test_a_unit_that_is_not_in_the_table_is_refused() -> None:
    with pytest.raises(LexkitError, match=r"(?s)no unit 'nobody'.*psea, hr, pm"):
        tracker_xlsx(actions(), UNITS, STANDARDS, "en", unit="nobody")


def test_statuses_read_in_either_language_and_any_case() -> None:
    assert tuple(STATUS_LABELS) == STATUSES
    for text, status in [
        ("realizată / done", "done"),
        ("Realizata", "done"),
        ("DONE", "done"),
        ("în curs", "ongoing"),
        ("in curs", "ongoing"),
        ("Întârziată", "delayed"),
        ("anulată / cancelled", "cancelled"),
        ("planned", "planned"),
        ("finished", None),
    ]:
        assert parse_status(text) == status, text


# ---------------------------------------------------------------- import


def test_a_filled_in_tracker_becomes_the_progress_the_build_reads(tmp_path: Path) -> None:
    tracker = fill(
        export(tmp_path),
        {
            "act-03": ("realizată / done", "Trained 40 staff", "Ana Popescu", D(2026, 3, 15)),
            "act-10": ("Delayed", "Waiting for the trainer", "Ion Rusu", "15.03.2026"),
            "act-06": ("în curs", None, None, None),
            "act-12": ("done", "-50% budget used", "Ana Popescu", datetime(2026, 3, 20)),
        },
    )
    progress_file = tmp_path / "data" / "work-plan-progress.csv"
    summary = import_trackers([tracker], progress_file, actions())
    assert summary == ImportSummary(files=1, added=4, replaced=0, unchanged=0)
    data = progress_file.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfaction,status,comment,reported_by,reported_on\n")
    assert "'-50% budget used" in data.decode("utf-8-sig")  # Excel will not run it
    reports = read_progress(progress_file)
    assert reports == [  # in the tracker's order
        ProgressReport("act-06", "ongoing", "", "", None),
        ProgressReport("act-10", "delayed", "Waiting for the trainer", "Ion Rusu", D(2026, 3, 15)),
        ProgressReport("act-03", "done", "Trained 40 staff", "Ana Popescu", D(2026, 3, 15)),
        ProgressReport("act-12", "done", "-50% budget used", "Ana Popescu", D(2026, 3, 20)),
    ]
    found = progress(actions(), reports, D(2026, 4, 1))
    assert found.reported == 4
    assert found.counts == {"planned": 4, "ongoing": 3, "done": 3, "delayed": 1, "cancelled": 1}
    assert [item.action["key"] for item in found.late] == ["act-06"]  # act-03 is now done


def test_importing_again_replaces_what_changed_and_keeps_the_rest(tmp_path: Path) -> None:
    tracker = fill(
        export(tmp_path),
        {
            "act-03": ("ongoing", "Half done", "Ana", D(2026, 3, 15)),
            "act-10": ("planned", None, "Ion", D(2026, 3, 1)),
        },
    )
    progress_file = tmp_path / "progress.csv"
    import_trackers([tracker], progress_file, actions())
    again = import_trackers([tracker], progress_file, actions())
    assert again == ImportSummary(files=1, added=0, replaced=0, unchanged=2)
    fill(tracker, {"act-03": ("done", "All done", "ANA", D(2026, 3, 15))})
    fill(tracker, {"act-01": ("done", None, "Ion", D(2026, 3, 31))})
    third = import_trackers([tracker], progress_file, actions())
    assert third == ImportSummary(files=1, added=1, replaced=1, unchanged=1)
    assert [(r.action, r.status, r.comment) for r in read_progress(progress_file)] == [
        ("act-10", "planned", ""),
        ("act-01", "done", ""),
        ("act-03", "done", "All done"),  # replaced: goes last
    ]


def test_a_tracker_with_its_header_moved_and_columns_reordered_is_read(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Raport HR"
    sheet.append(["Raportul unității Resurse umane"])
    sheet.append([])
    sheet.append(["Comentariul", "Data raportării", "Stadiul raportat", "Cod", "Raportat de"])
    sheet.append(["Ok", "2026-03-01", "În curs", "act-04", "Maria"])
    sheet.append([None, None, None, "act-07", None])  # nothing reported: skipped
    path = tmp_path / "hr.xlsx"
    book.save(path)
    assert read_tracker(path, actions()) == [
        ProgressReport("act-04", "ongoing", "Ok", "Maria", D(2026, 3, 1))
    ]


def test_a_bad_tracker_lists_every_problem_and_changes_nothing(tmp_path: Path) -> None:
    tracker = fill(
        export(tmp_path),
        {
            "act-01": ("done", "Fine", "Ana", D(2026, 3, 1)),  # a good row
            "act-06": ("finished", "Trained", "Ana", D(2026, 3, 1)),
            "act-10": ("done", None, "Ion", "sometime in March"),
            "act-02": (None, "No status given", "Ion", None),
        },
    )
    book = load_workbook(tracker)
    book[ACTIONS_SHEET].cell(row_of(book[ACTIONS_SHEET], "act-03"), 1, "act-99")
    book[ACTIONS_SHEET].cell(row_of(book[ACTIONS_SHEET], "act-99"), column("status"), "done")
    book.save(tracker)
    progress_file = tmp_path / "progress.csv"
    progress_file.write_bytes(progress_csv([ProgressReport("act-05", "done", "", "Ion", None)]))
    before = progress_file.read_bytes()

    with pytest.raises(LexkitError) as raised:
        import_trackers([tracker], progress_file, actions())

    found = sorted((p.location.line, p.location.column, p.message) for p in raised.value.problems)
    rows = {key: ORDER.index(key) + 2 for key in ORDER}
    assert found == sorted(
        [
            (
                rows["act-06"],
                f"sheet „{ACTIONS_SHEET}”, column I „{HEADERS['status']}”",
                "status 'finished' is not one lexkit knows",
            ),
            (
                rows["act-10"],
                f"sheet „{ACTIONS_SHEET}”, column L „{HEADERS['reported_on']}”",
                "date 'sometime in March' cannot be read as a date",
            ),
            (
                rows["act-02"],
                f"sheet „{ACTIONS_SHEET}”, column I „{HEADERS['status']}”",
                "a comment without a status",
            ),
            (
                rows["act-03"],
                f"sheet „{ACTIONS_SHEET}”, column A „{HEADERS['key']}”",
                "action 'act-99' is not in the work plan",
            ),
        ]
    )
    assert {p.location.file for p in raised.value.problems} == {str(tracker)}
    assert {p.code for p in raised.value.problems} == {"H016"}
    assert all(p.fix for p in raised.value.problems)
    assert "realizată / done" in str(raised.value)  # the fix names the choices
    assert progress_file.read_bytes() == before
    with pytest.raises(LexkitError):
        read_tracker(tracker, actions())  # on its own: nothing returned either


def test_problems_of_several_trackers_come_together_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    good = fill(export(tmp_path, "good.xlsx"), {"act-01": ("done", None, "Ana", None)})
    bad = fill(export(tmp_path, "bad.xlsx"), {"act-02": ("maybe", None, "Ion", None)})
    broken = tmp_path / "broken.xlsx"
    broken.write_text("not a workbook at all, just text that someone renamed\n")
    progress_file = tmp_path / "progress.csv"
    with pytest.raises(LexkitError) as raised:
        import_trackers([good, bad, broken], progress_file, actions())
    files = sorted((Path(p.location.file).name, p.code) for p in raised.value.problems)
    assert files == [("bad.xlsx", "H016"), ("broken.xlsx", "H015")]
    assert not progress_file.exists()


def test_the_same_report_twice_in_one_tracker_must_agree(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Key", "Reported status", "Comment", "Reported by", "Date reported"])
    sheet.append(["act-01", "done", "a", "Ana", "2026-03-01"])
    sheet.append(["act-01", "done", "a", "Ana", "2026-03-01"])  # the same: kept once
    sheet.append(["act-01", "delayed", "b", "ana", "2026-03-01"])
    path = tmp_path / "t.xlsx"
    book.save(path)
    with pytest.raises(LexkitError, match=r"t.xlsx:4 .*already reported on row 2"):
        read_tracker(path, actions())


# ---------------------------------------------------------------- the progress file


def test_merge_keeps_one_report_per_action_date_and_reporter() -> None:
    old = [
        ProgressReport("a", "ongoing", "x", "Ana", D(2026, 1, 1)),
        ProgressReport("b", "ongoing", "", "Ion", D(2026, 1, 1)),
    ]
    new = [
        ProgressReport("b", "ongoing", "", "Ion", D(2026, 1, 1)),  # the same: stays in place
        ProgressReport("a", "done", "y", "ana", D(2026, 1, 1)),  # replaces, goes last
        ProgressReport("a", "done", "z", "Ana", D(2026, 2, 1)),  # another date: added
    ]
    assert merge_progress(old, new) == [old[1], new[1], new[2]]


def test_no_progress_file_means_no_reports(tmp_path: Path) -> None:
    assert read_progress(tmp_path / "missing.csv") == []


def test_a_malformed_progress_file_names_its_lines(tmp_path: Path) -> None:
    path = tmp_path / "progress.csv"
    path.write_text(
        "action,status,comment,reported_by,reported_on\n"
        "act-01,done,,Ana,2026-03-01\n"
        "act-02,finished,,Ana,2026-03-01\n"
        ",done,,Ana,someday\n",
        encoding="utf-8",
    )
    with pytest.raises(LexkitError) as raised:
        read_progress(path)
    assert sorted((p.location.line, p.location.column) for p in raised.value.problems) == [
        (3, "column status"),
        (4, "column action"),
        (4, "column reported_on"),
    ]
    path.write_text("action,status\nact-01,done\n", encoding="utf-8")
    with pytest.raises(LexkitError, match="lacks the column"):
        read_progress(path)


def test_the_progress_file_reads_back_what_it_wrote(tmp_path: Path) -> None:
    reports = [
        ProgressReport("act-01", "done", "=cmd|' /C calc'!A0", "@Ana", D(2026, 3, 1)),
        ProgressReport("act-02", "delayed", 'Line one\nline two, "quoted"', "Ion", None),
    ]
    path = tmp_path / "progress.csv"
    path.write_bytes(progress_csv(reports))
    assert read_progress(path) == reports
