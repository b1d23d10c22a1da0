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
    ("art. VIII alin. (2)", "support-with-amendments", "Termenul e prea scurt.", "12 luni"),
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
        "Organisation,Provision,Comment\nNGO,art. I,Good.\n,art. I,No author.\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    result = runner.invoke(main, ["consult", "ingest", "in"])
    assert result.exit_code == 1
    assert "rows: 2 read = 1 accepted + 1 rejected + 0 duplicates" in result.output
    assert "a.csv:3" in result.output
    assert (root / "output/child-protection/consultation/rejected.xlsx").is_file()
    status = runner.invoke(main, ["consult", "status"])
    assert status.exit_code == 0
    assert "rows: 2 read = 1 accepted + 1 rejected" in status.output
    again = runner.invoke(main, ["consult", "ingest", "in"])
    assert again.exit_code == 0
    assert "+ 2 duplicates" in again.output
