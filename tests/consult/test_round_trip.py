"""The form, filled in as a stakeholder would, comes back into the register unchanged."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from click.testing import CliRunner

from docx_helpers import copy_flagship
from lexkit import api
from lexkit.cli import main
from lexkit.consult.form import FEEDBACK_HEADERS, RESPONDENT_LABELS
from lexkit.consult.register import Register, register_path
from lexkit.consult.vocabulary import FEEDBACK_SHEET, POSITIONS, RESPONDENT_SHEET, STAKEHOLDER_TYPES

ANSWERS = [
    ("art. III", "support", "Bine că se aplică și voluntarilor.", ""),
    ("art. X alin. (2)", "support-with-amendments", "Termenul e prea scurt.", "12 luni"),
    ("General", "comment", "O lege necesară.", ""),
]


def _fill(form: Path, target: Path) -> None:
    book = openpyxl.load_workbook(form)
    respondent = book[RESPONDENT_SHEET]
    values = {
        "organisation": "Asociația Părinților",
        "stakeholder_type": STAKEHOLDER_TYPES["civil-society"],
        "contact_name": "Ion Popescu",
        "email": "ion@example.md",
        "phone": "+37369000000",
        "consent_to_publish": "nu / no",
    }
    for row in respondent.iter_rows(min_col=1, max_col=2):
        for field, label in RESPONDENT_LABELS.items():
            if row[0].value == label:
                row[1].value = values[field]
    sheet = book[FEEDBACK_SHEET]
    columns = {cell.value: cell.column for cell in sheet[1]}
    for offset, (provision, position, comment, wording) in enumerate(ANSWERS):
        line = 2 + offset
        sheet.cell(line, columns[FEEDBACK_HEADERS["provision"]], provision)
        sheet.cell(line, columns[FEEDBACK_HEADERS["position"]], POSITIONS[position])
        sheet.cell(line, columns[FEEDBACK_HEADERS["comment"]], comment)
        if wording:
            sheet.cell(line, columns[FEEDBACK_HEADERS["proposed_wording"]], wording)
    book.save(target)


def test_form_filled_and_ingested_gives_back_the_same_rows(flagship_form, tmp_path, monkeypatch):
    root = copy_flagship(tmp_path)  # the register is written here
    monkeypatch.chdir(root)
    filled = tmp_path / "raspuns.xlsx"
    _fill(flagship_form.path, filled)  # the form of the same dossier
    summary = api.consultation_ingest([filled], "child-protection", root=root)
    assert (summary.rows_read, summary.accepted, summary.rejected) == (3, 3, 0)
    assert summary.unmatched_provisions == 0
    with Register(register_path(root, "child-protection")) as register:
        rows = register.db.execute(
            "SELECT provision, position, comment, proposed_wording, organisation, "
            "stakeholder_type, email, consent FROM comments ORDER BY row"
        ).fetchall()
    assert [tuple(r)[:4] for r in rows] == [(p, pos, c, w or None) for p, pos, c, w in ANSWERS]
    assert {tuple(r)[4:] for r in rows} == {
        ("Asociația Părinților", "civil-society", "ion@example.md", 0)
    }
    again = api.consultation_ingest([filled], "child-protection", root=root)
    assert (again.accepted, again.duplicates) == (0, 3)


def test_cli_ingest_and_status(tmp_path, monkeypatch):
    root = copy_flagship(tmp_path)
    monkeypatch.chdir(root)
    (root / "in").mkdir()
    (root / "in" / "a.csv").write_text(
        "Organisation,Provision,Comment,Position\nNGO,art. I,Good.,maybe\n,art. I,No author.,\n"
        "NGO,art. I,,\n",
        encoding="utf-8",
    )
    (root / "in" / "locked.xlsx").write_bytes(_ENCRYPTED)
    runner = CliRunner()
    result = runner.invoke(main, ["consult", "ingest", "in"])
    assert result.exit_code == 1
    assert "rows: 3 read = 2 accepted + 1 rejected + 0 duplicates" in result.output
    assert "comments stored: 2 (1 anonymous)" in result.output
    assert "a.csv:4" in result.output
    assert "locked.xlsx" in result.output
    assert (root / "output/child-protection/consultation/rejected.xlsx").is_file()
    status = runner.invoke(main, ["consult", "status"])
    assert status.exit_code == 0
    assert "rows: 3 read = 2 accepted + 1 rejected" in status.output
    assert "unreadable: locked.xlsx:" in status.output
    assert "comments with flags: 1" in status.output
    assert "1 x position" in status.output
    again = runner.invoke(main, ["consult", "ingest", "in/a.csv"])
    assert again.exit_code == 0
    assert "+ 3 duplicates" in again.output


# An OLE file holding an encrypted OOXML package: what Excel writes for a password.
_ENCRYPTED = (
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    + b"\0" * 504
    + "EncryptedPackage".encode("utf-16-le")
    + b"\0" * 512
)


def test_cli_inspect_shows_the_mapping_and_writes_nothing(tmp_path, monkeypatch):
    root = copy_flagship(tmp_path)
    monkeypatch.chdir(root)
    (root / "docket.csv").write_text(
        "commentOn,comment,firstName,lastName,organization,receiveDate\n"
        "0900006484c935c0,We ask that volunteers be covered too.,Ana,Rusu,,8/21/2025\n"
        "0900006484c935c0,Six months is too short.,Ion,Popa,ONG Alfa,6/5/2025\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    result = runner.invoke(main, ["consult", "inspect", "docket.csv"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "header row 1; profile: regulations-gov" in result.output
    assert any("commentOn" in line and "ignored" in line for line in lines)
    assert any(" B  comment " in line for line in lines)
    assert "comments: 2 (0 anonymous)" in result.output
    assert not (root / "consultation_data").exists()
    mapped = runner.invoke(main, ["consult", "inspect", "docket.csv", "--map", "ignore=B"])
    assert "no header row lexkit recognises" in mapped.output
    wrong = runner.invoke(main, ["consult", "inspect", "docket.csv", "--map", "colour=B"])
    assert wrong.exit_code == 1
    assert "'colour' is not a field" in wrong.output
