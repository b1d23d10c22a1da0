"""The decisions sheet: exported in the draft's order without personal data, filled in,
imported all or nothing into the register, and exported again with the decisions kept."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from docx_helpers import copy_flagship
from flagship_helpers import Flagship
from lexkit import api
from lexkit.cli import main
from lexkit.consult.decisions import (
    DECISIONS,
    DECISIONS_SHEET,
    HEADERS,
    PRIVATE_INDIVIDUAL,
    ImportResult,
    export_decisions,
    import_decisions,
    parse_decision,
)
from lexkit.consult.intake import ingest
from lexkit.consult.provisions import Provisions, provision_index
from lexkit.consult.register import Register, register_path
from lexkit.errors import LexkitError

CAMPAIGN_TEXT = "Solicităm excluderea voluntarilor din domeniul de aplicare al legii."
PERSONAL = ("mj@gov.md", "a@example.md", "ion@example.md", "maria@example.md", "+37369000000")
CSV = (
    "Organisation,Stakeholder type,Contact person,E-mail,Phone,Consent to publish,"
    "Provision,Position,Comment,Proposed wording\n"
    "Ministerul Justiției,public authority,Vasile Rusu,mj@gov.md,,yes,art. VIII alin. (2),"
    "support,Termenul este potrivit.,\n"
    f"Asociația A,civil society,,a@example.md,,no,art. III,oppose,{CAMPAIGN_TEXT},\n"
    f"Asociația B,civil society,,,,no,art. III,oppose,{CAMPAIGN_TEXT.upper()},\n"
    f"Asociația C,civil society,,,,no,art. III,oppose,{CAMPAIGN_TEXT}!,\n"
    ",individual,Ion Popescu,ion@example.md,+37369000000,no,General,comment,"
    "O lege necesară.,\n"
    "La Strada,civil society,,,,no,art. 99,comment,Articolul nu există.,\n"
    ",individual,Maria Ionescu,maria@example.md,,yes,victim-notification: pct. 5,"
    "support-with-amendments,Termenul e prea scurt.,12 luni\n"
)
# Comment ids follow the CSV rows: 1 MJ, 2-4 the campaign, 5 Ion, 6 La Strada, 7 Maria.


@pytest.fixture(scope="module")
def index(flagship: Flagship) -> Provisions:
    return provision_index(flagship.documents["ro"])


@pytest.fixture
def register(tmp_path, index):
    (tmp_path / "feedback.csv").write_text(CSV, encoding="utf-8")
    with Register(tmp_path / "register.sqlite") as opened:
        summary = ingest([tmp_path / "feedback.csv"], opened, index)
        assert (summary.accepted, summary.rejected) == (7, 0)
        yield opened


def _rows(data: bytes) -> list[tuple]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [tuple(row) for row in book[DECISIONS_SHEET].iter_rows(values_only=True)]


def _decisions(register: Register) -> dict[int, tuple[str, str | None]]:
    rows = register.db.execute("SELECT comment_id, decision, argument FROM decisions")
    return {comment_id: (decision, argument) for comment_id, decision, argument in rows}


def _campaign_tag(register: Register) -> str:
    return register.db.execute("SELECT campaign FROM comments WHERE id = 2").fetchone()[0]


def _fill(data: bytes, target: Path, answers: dict[object, tuple[str, str]]) -> Path:
    """Write ``answers`` (ID -> decision, argument) into the exported sheet, as an author."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book[DECISIONS_SHEET]
    header = [cell.value for cell in sheet[1]]
    decision = header.index(HEADERS["decision"]) + 1
    argument = header.index(HEADERS["argument"]) + 1
    for row in range(2, sheet.max_row + 1):
        key = sheet.cell(row, 1).value
        if key in answers:
            sheet.cell(row, decision).value, sheet.cell(row, argument).value = answers[key]
    book.save(target)
    return target


def test_export_lists_each_comment_once_in_the_drafts_order(register, index):
    data = export_decisions(register, index)
    rows = _rows(data)
    assert list(rows[0]) == list(HEADERS.values())
    tag = _campaign_tag(register)
    ids = [row[0] for row in rows[1:]]
    assert ids == [5, f"C-{tag}", 1, 6, 7]  # General; art. III; art. VIII; unmatched; other act
    by_id = {row[0]: row for row in rows[1:]}
    campaign = by_id[f"C-{tag}"]
    assert campaign[1:3] == ("draft-law", "art. III")
    assert campaign[3].startswith("3 respondenți / respondents (comentariile / comments 2, 3, 4)")
    assert all(name in campaign[3] for name in ("Asociația A", "Asociația B", "Asociația C"))
    assert campaign[4] == "nu susțin / oppose"
    assert by_id[5][3] == PRIVATE_INDIVIDUAL  # no consent: the name is not shown
    assert by_id[7][3] == "Maria Ionescu"  # consent given
    assert by_id[1][3] == "Ministerul Justiției"
    assert by_id[6][2].startswith("art. 99 (")  # kept, flagged, last in its document
    assert by_id[7][1:3] == ("victim-notification", "pct. 5")
    assert all(row[7] is None and row[8] is None for row in rows[1:])
    assert export_decisions(register, index) == data  # deterministic bytes


def test_the_workbook_holds_no_email_phone_or_unconsented_name(register, index):
    data = export_decisions(register, index)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        text = b"".join(archive.read(name) for name in archive.namelist()).decode()
    for secret in (*PERSONAL, "Ion Popescu", "Vasile Rusu"):
        assert secret not in text


def test_only_the_decision_and_argument_cells_are_editable(register, index):
    book = openpyxl.load_workbook(io.BytesIO(export_decisions(register, index)))
    sheet = book[DECISIONS_SHEET]
    assert sheet.protection.sheet
    assert not sheet.protection.password
    assert sheet.freeze_panes == "A2"
    for cell in sheet[2]:
        assert cell.protection.locked == (cell.column not in (8, 9))
        assert cell.alignment.wrap_text
    assert sheet.column_dimensions["F"].width == 60
    (validation,) = sheet.data_validations.dataValidation
    assert str(validation.sqref) == "H2:H6"
    assert all(label in validation.formula1 for label in DECISIONS.values())


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Se acceptă / Accepted", "accepted"),
        ("se accepta partial", "partially-accepted"),
        ("NOT ACCEPTED", "not-accepted"),
        ("not-accepted", "not-accepted"),
        ("Se ia act", "noted"),
        ("noted", "noted"),
        ("poate", None),
        ("Nu se acceptă / Accepted", None),
    ],
)
def test_a_decision_is_read_in_either_language_or_as_its_code(text, code):
    assert parse_decision(text) == code


def test_import_records_decisions_and_re_export_keeps_them(register, index, tmp_path):
    tag = _campaign_tag(register)
    filled = _fill(
        export_decisions(register, index),
        tmp_path / "filled.xlsx",
        {
            f"C-{tag}": ("Nu se acceptă / Not accepted", "Voluntarii lucrează cu copii."),
            1: ("accepted", ""),
            5: ("Se ia act", "Comentariu general."),
            7: ("partially accepted", "Termenul devine 9 luni."),
        },
    )
    result = import_decisions(register, filled)
    assert result == ImportResult(decided=6, unchanged=1, undecided=1)
    assert _decisions(register) == {
        1: ("accepted", None),
        2: ("not-accepted", "Voluntarii lucrează cu copii."),
        3: ("not-accepted", "Voluntarii lucrează cu copii."),
        4: ("not-accepted", "Voluntarii lucrează cu copii."),
        5: ("noted", "Comentariu general."),
        7: ("partially-accepted", "Termenul devine 9 luni."),
    }
    again = export_decisions(register, index)
    by_id = {row[0]: row for row in _rows(again)[1:]}
    assert by_id[f"C-{tag}"][7:] == (DECISIONS["not-accepted"], "Voluntarii lucrează cu copii.")
    assert by_id[1][7:] == ("Se acceptă / Accepted", None)
    assert by_id[6][7:] == (None, None)
    # The re-exported sheet imported as it is changes nothing.
    (tmp_path / "again.xlsx").write_bytes(again)
    assert import_decisions(register, tmp_path / "again.xlsx") == ImportResult(0, 7, 1)
    # An empty decision keeps the earlier one.
    cleared = _fill(again, tmp_path / "cleared.xlsx", {1: ("", ""), 6: ("Se acceptă", "")})
    assert import_decisions(register, cleared) == ImportResult(1, 6, 0)
    assert _decisions(register)[1] == ("accepted", None)
    assert _decisions(register)[6] == ("accepted", None)


def test_a_bad_sheet_reports_every_row_and_records_nothing(register, index, tmp_path):
    data = export_decisions(register, index)
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book[DECISIONS_SHEET]
    sheet.cell(2, 8).value = "poate"  # row 2: comment 5, a decision lexkit does not know
    sheet.cell(2, 9).value = "De văzut."
    sheet.cell(4, 8).value = "Nu se acceptă / Not accepted"  # row 4: comment 1, no argument
    sheet.cell(5, 1).value = 999  # row 5: an ID the register does not hold
    sheet.cell(5, 8).value = "Se acceptă / Accepted"
    sheet.cell(6, 8).value = "accepted"  # row 6: a good row, still not recorded
    bad = tmp_path / "bad.xlsx"
    book.save(bad)
    with pytest.raises(LexkitError) as caught:
        import_decisions(register, bad)
    problems = sorted(caught.value.problems, key=lambda p: p.location.line or 0)
    assert [p.location.line for p in problems] == [2, 4, 5]
    assert all(p.location.file.endswith("bad.xlsx") for p in problems)
    assert all(DECISIONS_SHEET in (p.location.column or "") for p in problems)
    assert "column H" in (problems[0].location.column or "")
    assert "'poate'" in problems[0].message
    assert "column I" in (problems[1].location.column or "")
    assert "without an argument" in problems[1].message
    assert "column A" in (problems[2].location.column or "")
    assert "999" in problems[2].message
    assert all(p.fix for p in problems)
    assert _decisions(register) == {}


def test_a_file_that_is_not_a_workbook_is_a_problem_not_a_crash(register, tmp_path):
    text = tmp_path / "decisions.xlsx"
    text.write_text("ID,Decizia\n1,accepted\n", encoding="utf-8")
    other = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(other)
    for path in (text, other):
        with pytest.raises(LexkitError) as caught:
            import_decisions(register, path)
        (problem,) = caught.value.problems
        assert path.name in problem.location.file
        assert "decisions export" in problem.fix


def test_cli_export_and_import(tmp_path, monkeypatch):
    root = copy_flagship(tmp_path)
    monkeypatch.chdir(root)
    (root / "in").mkdir()
    (root / "in" / "feedback.csv").write_text(CSV, encoding="utf-8")
    runner = CliRunner()
    missing = runner.invoke(main, ["consult", "decisions", "export"])
    assert missing.exit_code == 1
    assert "consult ingest" in missing.output
    assert runner.invoke(main, ["consult", "ingest", "in"]).exit_code == 0
    exported = runner.invoke(main, ["consult", "decisions", "export"])
    assert exported.exit_code == 0, exported.output
    sheet = root / "output/child-protection/consultation/decisions.xlsx"
    assert sheet.is_file()
    _fill(sheet.read_bytes(), root / "good.xlsx", {1: ("Se acceptă", "")})
    imported = runner.invoke(main, ["consult", "decisions", "import", "good.xlsx"])
    assert imported.exit_code == 0, imported.output
    assert "1 decided or changed, 6 unchanged; 6 still without a decision" in imported.output
    _fill(sheet.read_bytes(), root / "bad.xlsx", {1: ("Nu se acceptă", "")})
    refused = runner.invoke(main, ["consult", "decisions", "import", "bad.xlsx"])
    assert refused.exit_code == 1
    assert "bad.xlsx:4" in refused.output
    assert "Traceback" not in refused.output
    status = runner.invoke(main, ["consult", "status"])
    assert "comments with a decision: 1" in status.output
    with Register(register_path(root, "child-protection")) as register:
        assert _decisions(register) == {1: ("accepted", None)}
    other = runner.invoke(main, ["consult", "decisions", "export", "-o", "elsewhere.xlsx"])
    assert other.exit_code == 0
    assert _rows((root / "elsewhere.xlsx").read_bytes())[3][7] == "Se acceptă / Accepted"


def test_api_export_writes_the_default_path(tmp_path, monkeypatch):
    root = copy_flagship(tmp_path)
    (root / "feedback.csv").write_text(CSV, encoding="utf-8")
    api.consultation_ingest([root / "feedback.csv"], "child-protection", root=root)
    target = api.consultation_decisions_export("child-protection", root=root)
    assert target == root / "output/child-protection/consultation/decisions.xlsx"
    filled = _fill(target.read_bytes(), tmp_path / "f.xlsx", {7: ("noted", "Luat în calcul.")})
    result = api.consultation_decisions_import(filled, "child-protection", root=root)
    assert result == ImportResult(decided=1, unchanged=6, undecided=6)
