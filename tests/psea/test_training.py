"""The training register (lexkit.psea.training): HR's and the learning platforms' exports
read safely, the figures per personnel category, the internal refreshers list.

Every export is made here: XLSX with openpyxl (one edited by hand to carry a formula's
saved value), CSV in UTF-8 with BOM, Windows-1252 and US month-first dates, a hand-made
ODS, and files that are not what their name says.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from lexkit.io.spreadsheets import Formula, formula_cells
from lexkit.psea.dates import add_months
from lexkit.psea.model import FLAG_KINDS, TrainingRecord, TrainingRegister
from lexkit.psea.training import (
    CategoryFigures,
    Due,
    duplicates,
    figures,
    read_register,
    reconciles,
    refreshers_due,
    refreshers_xlsx,
    totals,
    valid_at,
)
from sheet_helpers import ods_cell, write_ods

CATEGORIES = [
    {"key": "staff", "name_en": "Staff member", "name_ro": "Personal angajat",
     "names": ["Staff", "Fixed-term", "Personal"]},
    {"key": "contractor", "name_en": "Contractor", "name_ro": "Contractant",
     "names": ["Consultant", "SSA", "Individual contractor"]},
    {"key": "partner", "name_en": "Implementing partner", "name_ro": "Partener de implementare",
     "names": ["IP staff"]},
]  # fmt: skip
COURSES = [
    {"key": "psea-full", "name_en": "PSEA full training", "name_ro": "Instruire PSEA completă",
     "kind": "full", "validity_months": 36,
     "names": ["Prevention of Sexual Exploitation and Abuse (PSEA)", "PSEA e-learning"]},
    {"key": "psea-micro", "name_en": "PSEA micro-modules", "name_ro": "Micromodule PSEA",
     "kind": "micro-modules", "validity_months": 12, "names": ["Micro-module PSEA"]},
    {"key": "conduct", "name_en": "Code of conduct", "name_ro": "Codul de conduită",
     "kind": "other", "validity_months": 24, "names": []},
]  # fmt: skip


def write_xlsx(path: Path, rows: list[list[object]], title: str = "Export") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def write_csv(path: Path, rows: list[list[str]], encoding: str, delimiter: str = ",") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def cache_formula(path: Path, formula: str, value: str) -> None:
    """Give a formula openpyxl wrote without a value the value Excel would have saved."""
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    sheet = members["xl/worksheets/sheet1.xml"].decode()
    assert f"<f>{formula}</f><v></v>" in sheet
    sheet = sheet.replace(f"<f>{formula}</f><v></v>", f"<f>{formula}</f><v>{value}</v>")
    members["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def serial(day: date) -> int:
    return (day - date(1899, 12, 30)).days


def flags_of(register: TrainingRegister, kind: str) -> list[tuple[str, int, str, str]]:
    return [(Path(f.file).name, f.row, f.column, f.value) for f in register.flags if f.kind == kind]


def by_name(register: TrainingRegister) -> dict[str, TrainingRecord]:
    return {r.name: r for r in register.records}


# ---------------------------------------------------------------- reading


def test_a_clean_export_is_read_as_it_stands(tmp_path: Path) -> None:
    write_xlsx(
        tmp_path / "hr.xlsx",
        [
            ["Staff ID", "Full name", "Category", "Course", "Completion date", "Organisation"],
            ["A-1", "Ion Popescu", "Staff member", "PSEA full training", date(2024, 3, 1), "IOM"],
            ["A-2", "Maria Rusu", "Contractor", "PSEA micro-modules", date(2025, 1, 15), "IOM"],
        ],
    )
    register = read_register(tmp_path, CATEGORIES, COURSES)
    assert [Path(f).name for f in register.files] == ["hr.xlsx"]
    assert register.unreadable == []
    assert register.flags == []
    assert register.rejected == []
    assert register.rows_read == 2
    assert reconciles(register)
    ion = by_name(register)["Ion Popescu"]
    assert (ion.person, ion.category, ion.course, ion.completed, ion.organisation) == (
        "A-1", "staff", "psea-full", date(2024, 3, 1), "IOM",
    )  # fmt: skip
    assert (ion.sheet, ion.row) == ("Export", 2)
    assert ion.raw["Full name"] == "Ion Popescu"
    assert ion.raw["Completion date"] == "2024-03-01"


def messy_export(path: Path) -> Path:
    """What HR really sends: a title above the table, bilingual and camelCase headers,
    dates as cells and as day-first text, values that match nothing, a formula, a blank
    row, a row with nobody, a repeat."""
    return write_xlsx(
        path,
        [
            ["OIM Moldova — registrul instruirilor / training register"],
            ["Exported on 02.04.2025 by HR"],
            [],
            ["Nr. personal / Staff ID", "Nume și prenume", "contractType", "Curs / Course",
             "Data absolvirii", "Organizația", "Note"],
            ["A-001", "Ion Popescu", "Staff", "PSEA e-learning", date(2024, 3, 1), "OIM"],
            ["A-002", "Maria Rusu", "staff_member", "micro-module psea", "15.01.2025", "OIM"],
            ["A-003", "Elena Ciobanu", "Volunteer", "PSEA full training", "03.02.2024", "OIM"],
            ["A-004", "Victor Lungu", "Consultant", "Fire safety", datetime(2024, 6, 1, 9, 30)],
            ["A-005", "Ana Munteanu", "SSA", "PSEA e-learning", "=DATE(2024,3,1)", "OIM"],
            [],
            [None, "", None, "PSEA e-learning", date(2024, 5, 5), "", "no name given"],
            ["A-001", "ION POPESCU", "Personal",
             "Prevention of Sexual Exploitation and Abuse (PSEA)", "01.03.2024", "OIM"],
            ["A-006", "Dan Cojocaru", "Staff", "PSEA e-learning", "sometime in spring"],
        ],
    )  # fmt: skip


def test_a_messy_export_is_read_and_everything_odd_is_flagged(tmp_path: Path) -> None:
    messy_export(tmp_path / "hr export.xlsx")
    register = read_register(tmp_path, CATEGORIES, COURSES, report_date=date(2025, 3, 31))
    records = by_name(register)
    assert sorted(records) == [
        "Ana Munteanu", "Dan Cojocaru", "Elena Ciobanu", "Ion Popescu", "Maria Rusu",
        "Victor Lungu",
    ]  # fmt: skip
    # The header row is row 4; synonyms in Romanian and English, camelCase, any case.
    ion, maria = records["Ion Popescu"], records["Maria Rusu"]
    assert (ion.row, ion.person, ion.category, ion.course) == (5, "A-001", "staff", "psea-full")
    assert ion.completed == date(2024, 3, 1)  # an Excel date cell
    assert (maria.category, maria.course, maria.completed) == (
        "staff", "psea-micro", date(2025, 1, 15),  # day-first text
    )  # fmt: skip
    assert records["Victor Lungu"].completed == date(2024, 6, 1)  # a date-time cell
    assert records["Victor Lungu"].category == "contractor"
    assert ion.raw["Nume și prenume"] == "Ion Popescu"
    # Values that match no row of the tables: kept as None, flagged with where and what.
    assert flags_of(register, "unknown-category") == [
        ("hr export.xlsx", 7, "contractType", "Volunteer")
    ]
    assert flags_of(register, "unknown-course") == [
        ("hr export.xlsx", 8, "Curs / Course", "Fire safety")
    ]
    assert records["Elena Ciobanu"].category is None
    assert records["Victor Lungu"].course is None
    # A formula saved without its value (openpyxl writes none): kept as written, flagged.
    ana = records["Ana Munteanu"]
    assert ana.completed is None
    assert ana.raw["Data absolvirii"] == "=DATE(2024,3,1)"
    assert flags_of(register, "formula") == [
        ("hr export.xlsx", 9, "Data absolvirii", "=DATE(2024,3,1)")
    ]
    # The blank row is skipped; the row with nobody is rejected, with its file and row.
    assert [(Path(f.file).name, f.row, f.kind) for f in register.rejected] == [
        ("hr export.xlsx", 11, "no-person")
    ]
    assert "no name given" in register.rejected[0].value
    # Ion again (another name of the same course, the date as text): counted once.
    assert flags_of(register, "duplicate") == [
        ("hr export.xlsx", 12, "", "ION POPESCU | psea-full | 2024-03-01")
    ]
    assert duplicates(register) == 1
    assert flags_of(register, "date") == [
        ("hr export.xlsx", 13, "Data absolvirii", "sometime in spring")
    ]
    assert records["Dan Cojocaru"].completed is None
    # Nothing lost: 9 rows under the header = 6 records + 1 rejected + 1 duplicate... and
    # the blank row, which is no row at all.
    assert register.rows_read == 8
    assert reconciles(register)
    assert {f.kind for f in register.flags} <= set(FLAG_KINDS)


def test_a_formula_s_saved_value_is_used_and_flagged(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "learning.xlsx",
        [
            ["Employee ID", "Learner", "Course title", "Completed on"],
            ["7", "Olga Ceban", "PSEA e-learning", "=DATE(2024,3,1)"],
        ],
    )
    cache_formula(path, "DATE(2024,3,1)", str(serial(date(2024, 3, 1))))
    assert formula_cells(path.read_bytes()) == {
        "Export": [Formula(2, 3, "=DATE(2024,3,1)", cached=True)]
    }
    register = read_register(tmp_path, CATEGORIES, COURSES)
    assert register.records[0].completed == date(2024, 3, 1)
    [flag] = register.flags[:1]
    assert (flag.kind, flag.row, flag.column, flag.value) == (
        "formula", 2, "Completed on", "=DATE(2024,3,1)",
    )  # fmt: skip
    assert "the value it last gave is used" in flag.detail


def test_ods_formula_cells_are_listed(tmp_path: Path) -> None:
    formula = (
        '<table:table-cell table:formula="of:=DATE(2024;3;1)" office:value-type="date" '
        'office:date-value="2024-03-01"><text:p>01.03.2024</text:p></table:table-cell>'
    )
    header = "".join(ods_cell(h) for h in ("ID", "Name", "Course", "Date"))
    row = "".join(ods_cell(v) for v in ("9", "Petru Rotaru", "PSEA e-learning")) + formula
    path = write_ods(
        tmp_path / "agora.ods", f"<table:table-row>{header}</table:table-row>"
        f"<table:table-row>{row}</table:table-row>",
    )  # fmt: skip
    assert formula_cells(path.read_bytes()) == {
        "Feedback": [Formula(2, 3, "=DATE(2024;3;1)", cached=True)]
    }
    register = read_register(tmp_path, CATEGORIES, COURSES)
    assert register.records[0].completed == date(2024, 3, 1)
    assert flags_of(register, "formula") == [("agora.ods", 2, "Date", "=DATE(2024;3;1)")]


def test_csv_exports_in_each_encoding_and_date_order(tmp_path: Path) -> None:
    # Excel's "CSV UTF-8" in Moldova: a BOM, semicolons, Romanian letters, day-first dates.
    write_csv(
        tmp_path / "a-hr.csv",
        [["Numărul personal", "Nume", "Prenume", "Categoria", "Curs", "Data finalizării"],
         ["101", "Țurcanu", "Ștefan", "Personal angajat", "Instruire PSEA completă",
          "21.08.2024"]],
        "utf-8-sig", ";",
    )  # fmt: skip
    # An old Western Windows export: Windows-1252.
    write_csv(
        tmp_path / "b-partner.csv",
        [["Name", "Organization", "Staff category", "Training", "Date"],
         ["José Müller", "Partner A", "IP staff", "PSEA e-learning", "2024-11-30"]],
        "cp1252",
    )  # fmt: skip
    # A US platform: month first, shown by 12/25/2024.
    write_csv(
        tmp_path / "c-agora.csv",
        [["User ID", "First name", "Last name", "Course name", "Completion date", "Category"],
         ["B-1", "John", "Smith", "PSEA micro-modules", "3/1/2025", "Contractor"],
         ["B-2", "Jane", "Doe", "PSEA micro-modules", "12/25/2024", "Contractor"]],
        "utf-8",
    )  # fmt: skip
    # Slashes whose order nothing shows: read day first, flagged.
    write_csv(
        tmp_path / "d-unclear.csv",
        [["ID", "Name", "Course", "Date", "Category"],
         ["C-1", "Vasile Roman", "PSEA e-learning", "1/3/2025", "Staff"],
         ["C-2", "Ina Roman", "PSEA e-learning", "5/5/2025", "Staff"]],
        "utf-8",
    )  # fmt: skip
    register = read_register(tmp_path, CATEGORIES, COURSES)
    assert register.unreadable == []
    records = by_name(register)
    stefan = records["Ștefan Țurcanu"]  # "Nume | Prenume": first name, then family name
    assert (stefan.person, stefan.category, stefan.course, stefan.completed) == (
        "101", "staff", "psea-full", date(2024, 8, 21),
    )  # fmt: skip
    jose = records["José Müller"]
    assert (jose.organisation, jose.category, jose.completed) == (
        "Partner A", "partner", date(2024, 11, 30),
    )  # fmt: skip
    assert records["John Smith"].completed == date(2025, 3, 1)
    assert records["Jane Doe"].completed == date(2024, 12, 25)
    assert records["Vasile Roman"].completed == date(2025, 3, 1)
    assert records["Ina Roman"].completed == date(2025, 5, 5)  # same both ways: no flag
    [two_ways] = [f for f in register.flags if f.kind == "date"]
    assert (Path(two_ways.file).name, two_ways.row, two_ways.value) == (
        "d-unclear.csv", 2, "1/3/2025",
    )  # fmt: skip
    assert "2025-03-01 or 2025-01-03" in two_ways.detail
    assert register.rows_read == 6
    assert reconciles(register)


def test_unreadable_files_are_named_with_the_reason_and_others_are_still_read(
    tmp_path: Path,
) -> None:
    messy_export(tmp_path / "good.xlsx")
    (tmp_path / "fake.xlsx").write_text("this is not a workbook at all\n", encoding="utf-8")
    (tmp_path / "scan.xlsx").write_bytes(b"%PDF-1.4 a scanned list")
    whole = (tmp_path / "good.xlsx").read_bytes()
    (tmp_path / "cut.xlsx").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "README.md").write_text("# what goes here", encoding="utf-8")
    (tmp_path / "~$good.xlsx").write_bytes(b"lock")
    (tmp_path / ".hidden.csv").write_text("ID,Name\n1,x\n", encoding="utf-8")
    register = read_register(tmp_path, CATEGORIES, COURSES)
    assert sorted(Path(f).name for f in register.files) == [
        "cut.xlsx", "fake.xlsx", "good.xlsx", "scan.xlsx",
    ]  # fmt: skip
    reasons = {Path(name).name: reason for name, reason in register.unreadable}
    assert sorted(reasons) == ["cut.xlsx", "fake.xlsx", "scan.xlsx"]
    assert reasons["scan.xlsx"].startswith("not a spreadsheet: a PDF document")
    assert reasons["cut.xlsx"].startswith("truncated or damaged")
    assert "no header row" in reasons["fake.xlsx"]
    assert "Completion date" in reasons["fake.xlsx"]
    assert len(register.records) == 6
    assert reconciles(register)


def test_a_missing_folder_is_reported_not_raised(tmp_path: Path) -> None:
    register = read_register(tmp_path / "nothing", CATEGORIES, COURSES)
    assert register.records == []
    assert len(register.unreadable) == 1
    assert "does not exist" in register.unreadable[0][1]


def test_category_and_course_come_from_elsewhere_when_the_export_has_none(
    tmp_path: Path,
) -> None:
    write_xlsx(
        tmp_path / "a-hr.xlsx",
        [["Staff ID", "Name", "Category", "Course", "Date"],
         ["A-9", "Lilia Cazacu", "Staff", "PSEA e-learning", date(2023, 5, 2)]],
    )  # fmt: skip
    # The platform's export of one course: no category, no course column; the sheet says which.
    write_xlsx(
        tmp_path / "b-platform.xlsx",
        [["Learner ID", "Learner", "Completion date"],
         ["a-9", "Lilia Cazacu", date(2025, 2, 3)],
         ["Z-1", "Nobody Known", date(2025, 2, 4)]],
        title="Micro-module PSEA",
    )  # fmt: skip
    register = read_register(tmp_path, CATEGORIES, COURSES, report_date=date(2025, 1, 31))
    from_platform = [r for r in register.records if r.file.endswith("b-platform.xlsx")]
    assert [(r.person, r.category, r.course) for r in from_platform] == [
        ("a-9", "staff", "psea-micro"),  # the HR file names her category
        ("Z-1", None, "psea-micro"),
    ]
    assert [(f.row, f.value) for f in register.flags if f.kind == "unknown-category"] == [(3, "")]
    assert [f.row for f in register.flags if f.kind == "future-date"] == [2, 3]


def test_a_column_of_dates_is_never_the_name(tmp_path: Path) -> None:
    write_xlsx(
        tmp_path / "odd.xlsx",
        [["Employee", "Participant name", "Course", "Training date"],
         [date(2024, 1, 9), "Iulia Sârbu", "PSEA e-learning", date(2024, 1, 9)]],
    )  # fmt: skip
    register = read_register(tmp_path, CATEGORIES, COURSES)
    assert [(r.name, r.completed) for r in register.records] == [("Iulia Sârbu", date(2024, 1, 9))]


# ---------------------------------------------------------------- validity


def test_months_are_added_calendar_wise_with_the_day_clamped() -> None:
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2023, 11, 30), 3) == date(2024, 2, 29)
    assert add_months(date(2022, 6, 30), 36) == date(2025, 6, 30)
    assert valid_at(date(2022, 6, 30), 36, date(2025, 6, 29))
    assert not valid_at(date(2022, 6, 30), 36, date(2025, 6, 30))  # expires that day
    assert not valid_at(date(2025, 7, 1), 36, date(2025, 6, 30))  # not yet completed


# ---------------------------------------------------------------- figures

AS_OF = date(2025, 6, 30)  # window of 90 days: up to 2025-09-28


def record(
    person: str, name: str, category: str | None, course: str | None, completed: date | None,
    organisation: str = "IOM", row: int = 2,
) -> TrainingRecord:  # fmt: skip
    return TrainingRecord(
        person, name, category, course, completed, organisation, "hr.xlsx", "Export", row, {}
    )


def hand_register() -> TrainingRegister:
    return TrainingRegister(
        records=[
            # staff: S1 full valid to 2026-07-15, micro to 2025-08-01 (due)
            record("S1", "Ana Rusu", "staff", "psea-full", date(2023, 7, 15), row=2),
            record("S1", "Ana Rusu", "staff", "psea-micro", date(2024, 8, 1), row=3),
            # S2 full valid to 2025-08-10: trained and due; a formula-looking name
            record("S2", "=2+2 Test", "staff", "psea-full", date(2022, 8, 10), row=4),
            # S3 full expired 2024-05-01 (overdue), micro valid to 2026-01-10
            record("S3", "Dan Popa", "staff", "psea-full", date(2021, 5, 1), row=5),
            record("S3", "Dan Popa", "staff", "psea-micro", date(2025, 1, 10), row=6),
            # S4, no identifier: a course of another kind only
            record("Eva Lupu", "Eva Lupu", "staff", "conduct", date(2025, 1, 1), row=7),
            # contractors: C1's latest up to the date expired 2025-01-01 (one after it)
            record("C1", "Ion Bors", "contractor", "psea-full", date(2022, 1, 1), row=8),
            record("C1", "Ion Bors", "contractor", "psea-full", date(2025, 7, 10), row=9),
            # C2 expires on the day itself: overdue
            record("C2", "Gelu Vrabie", "contractor", "psea-full", date(2022, 6, 30), row=10),
            # C3: an expired micro-module, then one valid one more day (due, not overdue)
            record("C3", "Rita Stoica", "contractor", "psea-micro", date(2024, 6, 30), row=11),
            record("C3", "Rita Stoica", "contractor", "psea-micro", date(2024, 7, 1), row=12),
            # partners, no headcount: two people of one name told apart by organisation
            record("Ion Rusu", "Ion Rusu", "partner", "psea-full", date(2024, 2, 29),
                   "Partner A", row=13),
            record("Ion Rusu", "Ion Rusu", "partner", "psea-full", date(2020, 1, 31),
                   "Partner B", row=14),
            # counted in no category, or in no course
            record("X1", "Fara Categorie", None, "psea-full", date(2025, 1, 1), row=15),
            record("S5", "Vlad Curs", "staff", None, date(2025, 1, 1), row=16),
        ]
    )  # fmt: skip


HEADCOUNT = [
    {"category": "staff", "count": 10, "as_of": AS_OF, "source": "HR"},
    {"category": "contractor", "count": 4, "as_of": AS_OF, "source": "HR"},
]


def test_figures_per_category_match_a_hand_count() -> None:
    rows = figures(hand_register(), CATEGORIES, COURSES, HEADCOUNT, AS_OF, window_days=90)
    assert rows == [
        # staff people: S1 S2 S3 Eva S5 (5); trained S1 S2; micro S1 S3; due S1 S2; overdue S3
        CategoryFigures("staff", 10, 2, 20.0, 2, 2, 1, 5),
        # contractors C1 C2 C3; trained none; micro C3; due C3; overdue C1 C2
        CategoryFigures("contractor", 4, 0, 0.0, 1, 1, 2, 1),
        # partners: Ion Rusu of A trained; Ion Rusu of B overdue; no headcount
        CategoryFigures("partner", None, 1, None, 0, 0, 1, None),
    ]
    assert totals(rows) == CategoryFigures("total", 14, 3, round(100 * 2 / 14, 1), 3, 3, 4, 6)


def test_the_window_decides_what_is_due() -> None:
    rows = figures(hand_register(), CATEGORIES, COURSES, HEADCOUNT, AS_OF, window_days=31)
    # Up to 2025-07-31: C3's micro (07-01) is due; S1's (08-01) and S2's (08-10) are not.
    assert [row.due for row in rows] == [0, 1, 0]


def test_refreshers_due_are_listed_by_due_date() -> None:
    due = refreshers_due(hand_register(), COURSES, CATEGORIES, AS_OF, 90)
    assert [(d.name, d.organisation, d.course, d.due, d.days_left) for d in due] == [
        ("Ion Rusu", "Partner B", "psea-full", date(2023, 1, 31), -881),
        ("Dan Popa", "IOM", "psea-full", date(2024, 5, 1), -425),
        ("Ion Bors", "IOM", "psea-full", date(2025, 1, 1), -180),
        ("Gelu Vrabie", "IOM", "psea-full", date(2025, 6, 30), 0),
        ("Rita Stoica", "IOM", "psea-micro", date(2025, 7, 1), 1),
        ("Ana Rusu", "IOM", "psea-micro", date(2025, 8, 1), 32),
        ("=2+2 Test", "IOM", "psea-full", date(2025, 8, 10), 41),
    ]
    assert [d.days_left for d in due] == [(d.due - AS_OF).days for d in due]
    first = due[0]
    assert (first.person_id, first.category, first.completed, first.row) == (
        "", "partner", date(2020, 1, 31), 14,
    )  # fmt: skip
    assert due[1].person_id == "S3"
    assert due[1].overdue
    assert not due[-1].overdue


def test_refreshers_workbook_is_internal_neutralised_and_reproducible() -> None:
    due = refreshers_due(hand_register(), COURSES, CATEGORIES, AS_OF, 90)
    data = refreshers_xlsx(due, "ro")
    assert data == refreshers_xlsx(due, "ro")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    assert str(sheet["A1"].value).startswith("Intern — date cu caracter personal")
    assert [c.value for c in sheet[2]][:9] == [
        "Nume", "ID", "Organizația", "Categoria", "Cursul", "Absolvit la", "Valabil până la",
        "Zile rămase", "Situația",
    ]  # fmt: skip
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == f"A2:L{2 + len(due)}"
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert len(rows) == len(due)
    assert rows[0][:9] == [
        "Ion Rusu", None, "Partner B", "partner", "psea-full", datetime(2020, 1, 31),
        datetime(2023, 1, 31), -881, "expirat",
    ]  # fmt: skip
    assert rows[-1][0] == "'=2+2 Test"  # text, never a formula
    assert rows[-1][8] == "de reînnoit"
    english = openpyxl.load_workbook(io.BytesIO(refreshers_xlsx(due, "en"))).active
    assert english is not None
    assert str(english["A1"].value).startswith("Internal — personal data")
    assert english["A2"].value == "Name"
    assert english["I3"].value == "overdue"
    named = refreshers_xlsx(
        due, "en", {"partner": "Implementing partners", "psea-full": "IOM PSEA"}
    )
    named_sheet = openpyxl.load_workbook(io.BytesIO(named)).active
    assert named_sheet is not None
    assert (named_sheet["D3"].value, named_sheet["E3"].value) == (
        "Implementing partners", "IOM PSEA"
    )  # fmt: skip


def test_an_empty_refreshers_list_still_makes_a_workbook() -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(refreshers_xlsx([], "en"))).active
    assert sheet is not None
    assert sheet.max_row == 2


@pytest.mark.parametrize("days", [0, -3])
def test_due_on_or_before_the_date_is_overdue(days: int) -> None:
    entry = Due("x", "", "", None, "psea-full", date(2020, 1, 1), AS_OF, days, "f", "", 2)
    assert entry.overdue


def test_russian_headers_and_partial_names(tmp_path: Path) -> None:
    write_xlsx(
        tmp_path / "ru.xlsx",
        [["Табельный номер", "ФИО", "Категория", "Курс", "Дата завершения", "Организация"],
         [501, "Иванова Анна", "Staff", "PSEA e-learning", "05.06.2024", "МОМ"]],
    )  # fmt: skip
    write_xlsx(
        tmp_path / "partial.xlsx",
        [["Staff member ID", "Participant full name", "Personnel category (HR)",
          "PSEA course attended", "Course completion date", "Date of birth"],
         ["P-7", "Radu Gheorghe", "Fixed-term", "Micro-module PSEA", date(2025, 2, 1),
          date(1990, 1, 1)]],
    )  # fmt: skip
    register = read_register(tmp_path, CATEGORIES, COURSES)
    assert register.flags == []
    assert [(r.person, r.name, r.category, r.course, r.completed) for r in register.records] == [
        ("P-7", "Radu Gheorghe", "staff", "psea-micro", date(2025, 2, 1)),
        ("501", "Иванова Анна", "staff", "psea-full", date(2024, 6, 5)),
    ]


def test_formula_cells_of_a_sheet_larger_than_one_read_block(tmp_path: Path) -> None:
    rows: list[list[object]] = [["ID", "Name", "Course", "Date"]]
    rows += [[n, f"Person {n}", "PSEA e-learning", f"=DATE(2024,1,{n % 28 + 1})"]
             for n in range(1, 25_001)]  # fmt: skip
    path = write_xlsx(tmp_path / "big.xlsx", rows)
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("xl/worksheets/sheet1.xml").file_size > 2 * 1024 * 1024
    found = formula_cells(path.read_bytes())["Export"]
    assert len(found) == 25_000
    assert found[-1] == Formula(25_001, 3, "=DATE(2024,1,25)", cached=False)
    assert all(f.text == f"=DATE(2024,1,{(f.row - 1) % 28 + 1})" for f in found)


def test_an_empty_training_folder_is_said_not_read_as_nobody_trained(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("Put the exports here.", encoding="utf-8")
    register = read_register(tmp_path, CATEGORIES, COURSES)
    assert register.records == []
    [(folder, reason)] = register.unreadable
    assert folder.endswith(tmp_path.name)
    assert reason.startswith("the training folder holds no export")


def test_a_completion_in_two_overlapping_exports_is_counted_once_without_a_flag(
    tmp_path: Path,
) -> None:
    header = ["Staff ID", "Name", "Category", "Course", "Completion date"]
    october = ["101", "Ana Exemplu", "Staff", "PSEA e-learning", "2025-09-15"]
    november = ["102", "Ion Exemplu", "Staff", "PSEA e-learning", "2025-11-03"]
    write_csv(tmp_path / "2025-10.csv", [header, october], "utf-8")
    write_csv(tmp_path / "2025-11.csv", [header, october, november, november], "utf-8")
    register = read_register(tmp_path, CATEGORIES, COURSES)
    assert [r.person for r in register.records] == ["101", "102"]
    assert register.repeats == 1  # October's completion, in November's export too
    # the same completion twice in one export is a mistake in it: flagged
    assert [(f.file.endswith("2025-11.csv"), f.row, f.kind) for f in register.flags] == [
        (True, 4, "duplicate")
    ]
    assert register.rows_read == 4
    assert reconciles(register)
