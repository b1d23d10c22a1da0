"""Consultation checks (F001–F003) on the register: comments without a decision,
decisions other than "accepted" without an argument, comments on provisions the draft
does not have. Comments come in through ``lexkit consult ingest``, from spreadsheets
written here; decisions through the decisions sheet or, where the import would refuse
them, straight into the register."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from check_helpers import Dossier, at
from lexkit import api
from lexkit.codes import Severity
from lexkit.consult.decisions import DECISIONS, DECISIONS_SHEET, HEADERS
from lexkit.consult.register import Register, register_path

COLUMNS = ["Organisation", "Stakeholder type", "Document", "Provision", "Position", "Comment"]


def _workbook(path: Path, sheets: dict[str, list[tuple[str, str, str]]]) -> Path:
    """A stakeholder's XLSX: for each sheet, rows of (organisation, provision, comment)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        sheet.append(COLUMNS)
        for organisation, provision, comment in rows:
            sheet.append([organisation, "civil society", "law", provision, "comment", comment])
    book.save(path)
    return path


def _ingest(tmp_path: Path, *paths: Path) -> None:
    summary = api.consultation_ingest(list(paths), dossier_name="demo", root=tmp_path)
    assert summary.rejected == 0
    assert summary.unreadable == 0


def _decide(tmp_path: Path, decisions: dict[int, tuple[str, str | None]]) -> None:
    """Record decisions straight in the register: comment id -> (decision, argument)."""
    with Register(register_path(tmp_path, "demo")) as register, register.transaction() as db:
        db.executemany(
            "INSERT INTO decisions (comment_id, decision, argument) VALUES (?, ?, ?)",
            [(key, decision, argument) for key, (decision, argument) in decisions.items()],
        )


def _comment_ids(tmp_path: Path) -> list[int]:
    with Register(register_path(tmp_path, "demo")) as register:
        return [row[0] for row in register.db.execute("SELECT id FROM comments ORDER BY id")]


def _decide_all(tmp_path: Path, decision: str = "accepted", argument: str | None = None) -> None:
    _decide(tmp_path, dict.fromkeys(_comment_ids(tmp_path), (decision, argument)))


# ---------------------------------------------------------------- F001 no decision


def test_comments_without_a_decision_are_one_warning_per_file_and_sheet(tmp_path: Path):
    dossier = Dossier(tmp_path)
    first = _workbook(
        tmp_path / "asociatia-a.xlsx",
        {
            "Observații": [
                ("Asociația A", "art. 1", "Textul este prea vag."),
                ("Asociația A", "art. 2", "Termenul este prea scurt."),
                ("Asociația A", "General", "Legea este necesară."),
            ],
            "Anexă": [("Asociația A", "art. 1 alin. (2)", "Lipsesc angajatorii publici.")],
        },
    )
    second = tmp_path / "la-strada.csv"
    second.write_text(
        ",".join(COLUMNS) + "\nLa Strada,civil society,law,art. 2,comment,Prea devreme.\n",
        encoding="utf-8",
    )
    _ingest(tmp_path, first, second)
    _decide(tmp_path, {2: ("accepted", None)})  # the second row of the first sheet
    found = dossier.only("F001")
    assert [at(p) for p in found] == [
        ("asociatia-a.xlsx [Anexă]", 2),
        ("asociatia-a.xlsx [Observații]", 2),
        ("la-strada.csv", 2),  # a CSV has no sheet
    ]
    assert [p.message for p in found] == [
        "1 comment(s) of this file have no decision yet: row(s) 2",
        "2 comment(s) of this file have no decision yet: row(s) 2, 4",
        "1 comment(s) of this file have no decision yet: row(s) 2",
    ]
    assert all(p.severity is Severity.WARNING for p in found)
    assert "decisions export" in found[0].fix


def test_a_long_list_of_rows_is_cut_after_fifteen(tmp_path: Path):
    dossier = Dossier(tmp_path)
    rows = [(f"Asociația {n}", "art. 1", f"Observația numărul {n}.") for n in range(20)]
    _ingest(tmp_path, _workbook(tmp_path / "multe.xlsx", {"Observații": rows}))
    (found,) = dossier.only("F001")
    assert at(found) == ("multe.xlsx [Observații]", 2)
    listed = ", ".join(str(n) for n in range(2, 17))
    assert found.message.endswith(f"row(s) {listed} and 5 more")


def test_many_files_without_decisions_are_one_warning(tmp_path: Path):
    dossier = Dossier(tmp_path)
    files = []
    for n in range(12):
        path = tmp_path / f"ong-{n:02}.csv"
        path.write_text(
            ",".join(COLUMNS) + f"\nONG {n},civil society,law,art. 2,comment,Observația {n}.\n",
            encoding="utf-8",
        )
        files.append(path)
    _ingest(tmp_path, *files)
    (found,) = dossier.only("F001")
    assert found.location.file.endswith("register.sqlite")
    assert found.message.startswith("12 comment(s) in 12 files or sheets have no decision yet: ")
    assert "ong-00.csv (1), ong-01.csv (1)" in found.message
    assert found.message.endswith("ong-09.csv (1) and 2 more")


def test_decisions_imported_from_the_sheet_leave_no_warning(tmp_path: Path):
    dossier = Dossier(tmp_path)
    feedback = {
        "Observații": [
            ("Asociația A", "art. 1", "Textul este prea vag."),
            ("Asociația B", "art. 2", "Termenul este prea scurt."),
        ]
    }
    _ingest(tmp_path, _workbook(tmp_path / "feedback.xlsx", feedback))
    assert len(dossier.only("F001")) == 1

    exported = api.consultation_decisions_export(dossier_name="demo", root=tmp_path)
    book = openpyxl.load_workbook(exported)
    sheet = book[DECISIONS_SHEET]
    header = [cell.value for cell in sheet[1]]
    column = header.index(HEADERS["decision"]) + 1
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row, column).value = DECISIONS["accepted"]
    book.save(exported)
    api.consultation_decisions_import(exported, dossier_name="demo", root=tmp_path)

    assert dossier.findings() == []


def test_no_register_no_consultation_finding(tmp_path: Path):
    dossier = Dossier(tmp_path)
    assert not register_path(tmp_path, "demo").exists()
    assert dossier.findings() == []


# ---------------------------------------------------------------- F002 no argument


def _two_comments(tmp_path: Path) -> None:
    feedback = {
        "Observații": [
            ("Asociația A", "art. 1", "Textul este prea vag."),
            ("Asociația B", "art. 2", "Termenul este prea scurt."),
        ]
    }
    _ingest(tmp_path, _workbook(tmp_path / "feedback.xlsx", feedback))


def test_a_decision_not_accepted_without_an_argument_is_an_error(tmp_path: Path):
    dossier = Dossier(tmp_path)
    _two_comments(tmp_path)
    _decide(tmp_path, {1: ("accepted", None), 2: ("not-accepted", "  ")})
    (found,) = dossier.only("F002")
    assert at(found) == ("feedback.xlsx [Observații]", 3)
    assert found.message == "the decision is “not-accepted” but no argument says why"
    assert found.severity is Severity.ERROR


def test_partially_accepted_and_noted_need_an_argument_too(tmp_path: Path):
    dossier = Dossier(tmp_path)
    _two_comments(tmp_path)
    _decide(tmp_path, {1: ("partially-accepted", None), 2: ("noted", "")})
    found = dossier.only("F002")
    assert [at(p) for p in found] == [
        ("feedback.xlsx [Observații]", 2),
        ("feedback.xlsx [Observații]", 3),
    ]
    assert "“partially-accepted”" in found[0].message
    assert "“noted”" in found[1].message


def test_a_campaign_without_an_argument_is_one_error(tmp_path: Path):
    dossier = Dossier(tmp_path)
    same = "Solicităm excluderea voluntarilor din domeniul de aplicare al legii."
    rows = [(f"Asociația {name}", "art. 1", same) for name in "ABC"]
    _ingest(tmp_path, _workbook(tmp_path / "campanie.xlsx", {"Observații": rows}))
    _decide_all(tmp_path, "not-accepted")
    (found,) = dossier.only("F002")
    assert at(found) == ("campanie.xlsx [Observații]", 2)
    assert found.message.endswith("(and 2 more comment(s) of its campaign)")


def test_accepted_without_an_argument_or_any_decision_with_one_is_fine(tmp_path: Path):
    dossier = Dossier(tmp_path)
    _two_comments(tmp_path)
    _decide(tmp_path, {1: ("accepted", None), 2: ("not-accepted", "Termenul urmează Codul.")})
    assert dossier.only("F002") == []


# ---------------------------------------------------------------- F003 unmatched provision


def test_a_comment_on_an_article_the_draft_lacks_is_a_warning(tmp_path: Path):
    dossier = Dossier(tmp_path)
    feedback = {
        "Observații": [
            ("Asociația A", "art. 1", "Textul este prea vag."),
            ("Asociația B", "art. 9", "Articolul trebuie păstrat."),
            ("Asociația C", "art. 9", "Articolul trebuie completat."),
        ]
    }
    _ingest(tmp_path, _workbook(tmp_path / "feedback.xlsx", feedback))
    _decide_all(tmp_path)
    (found,) = dossier.only("F003")
    assert at(found) == ("feedback.xlsx [Observații]", 3)
    assert found.message == (
        "2 comment(s) on law „art. 9”, which matches nothing in the current draft"
    )
    assert found.severity is Severity.WARNING


def test_comments_on_provisions_the_draft_has_are_not_flagged(tmp_path: Path):
    dossier = Dossier(tmp_path)
    feedback = {
        "Observații": [
            ("Asociația A", "art. 1", "Textul este prea vag."),
            ("Asociația B", "art. 1 alin. (2)", "Lipsesc angajatorii publici."),
            ("Asociația C", "General", "Legea este necesară."),
        ]
    }
    _ingest(tmp_path, _workbook(tmp_path / "feedback.xlsx", feedback))
    _decide_all(tmp_path)
    assert dossier.only("F003") == []


# ---------------------------------------------------------------- same file names; no document


def test_two_files_of_the_same_name_are_two_findings(tmp_path: Path):
    dossier = Dossier(tmp_path)
    for organisation in ("a", "b"):
        (tmp_path / organisation).mkdir()
        (tmp_path / organisation / "feedback-form.csv").write_text(
            ",".join(COLUMNS)
            + f"\nAsociația {organisation},civil society,law,art. 1,comment,Text {organisation}.\n",
            encoding="utf-8",
        )
    _ingest(tmp_path, tmp_path / "a", tmp_path / "b")
    found = dossier.only("F001")
    assert [p.message for p in found] == [
        "1 comment(s) of this file have no decision yet: row(s) 2"
    ] * 2


def test_a_comment_without_a_document_column_is_matched_against_the_law(tmp_path: Path):
    dossier = Dossier(tmp_path)
    feedback = tmp_path / "feedback.csv"
    feedback.write_text(
        "Organisation,Stakeholder type,Provision,Comment\n"
        "Asociația A,civil society,art. 1,Textul este prea vag.\n",
        encoding="utf-8",
    )
    _ingest(tmp_path, feedback)
    _decide_all(tmp_path)
    assert dossier.only("F003") == []
