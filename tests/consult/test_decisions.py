"""The decisions sheet: exported in the draft's order without personal data, filled in,
imported all or nothing into the register, and exported again with the decisions kept."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.utils import get_column_letter

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
    "Ministerul Justiției,public authority,Vasile Rusu,mj@gov.md,,yes,art. X alin. (2),"
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


def _column(field: str) -> int:
    """The sheet's 1-based column of a field."""
    return list(HEADERS).index(field) + 1


def _fields(row: tuple) -> dict[str, object]:
    """A row of the sheet by field."""
    return dict(zip(HEADERS, row, strict=True))


def _by_id(data: bytes) -> dict[object, dict[str, object]]:
    return {row[0]: _fields(row) for row in _rows(data)[1:]}


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
    assert ids == [5, f"C-{tag}", 1, 6, 7]  # General; art. III; art. X; unmatched; other act
    by_id = _by_id(data)
    campaign = by_id[f"C-{tag}"]
    assert (campaign["document"], campaign["provision"]) == ("draft-law", "art. III")
    participant = str(campaign["participant"])
    assert participant.startswith("3 respondenți / respondents (comentariile / comments 2, 3, 4)")
    assert all(name in participant for name in ("Asociația A", "Asociația B", "Asociația C"))
    assert campaign["position"] == "nu susțin / oppose"
    assert by_id[5]["participant"] == PRIVATE_INDIVIDUAL  # no consent: the name is not shown
    assert by_id[7]["participant"] == "Maria Ionescu"  # consent given
    assert by_id[1]["participant"] == "Ministerul Justiției"
    assert str(by_id[6]["provision"]).startswith("art. 99 (")  # kept, flagged, last
    assert (by_id[7]["document"], by_id[7]["provision"]) == ("victim-notification", "pct. 5")
    assert all(row["decision"] is None and row["argument"] is None for row in by_id.values())
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
    editable = (_column("decision"), _column("argument"))
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            assert cell.protection.locked == (cell.column not in editable)
            assert cell.alignment.wrap_text
            assert cell.border.left.style == "thin"
    assert sheet.column_dimensions[get_column_letter(_column("comment"))].width == 60
    (validation,) = sheet.data_validations.dataValidation
    decision = get_column_letter(_column("decision"))
    assert str(validation.sqref) == f"{decision}2:{decision}6"
    assert all(label in validation.formula1 for label in DECISIONS.values())
    # The filter covers every row and column, and works in the protected sheet.
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(len(HEADERS))}6"
    assert not sheet.protection.autoFilter


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
    by_id = _by_id(again)

    def decided(key: object) -> tuple[object, object]:
        return by_id[key]["decision"], by_id[key]["argument"]

    assert decided(f"C-{tag}") == (DECISIONS["not-accepted"], "Voluntarii lucrează cu copii.")
    assert decided(1) == ("Se acceptă / Accepted", None)
    assert decided(6) == (None, None)
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
    decision, argument = _column("decision"), _column("argument")
    sheet.cell(2, decision).value = "poate"  # row 2: comment 5, a decision lexkit does not know
    sheet.cell(2, argument).value = "De văzut."
    sheet.cell(4, decision).value = "Nu se acceptă / Not accepted"  # row 4: comment 1, no argument
    sheet.cell(5, 1).value = 999  # row 5: an ID the register does not hold
    sheet.cell(5, decision).value = "Se acceptă / Accepted"
    sheet.cell(6, decision).value = "accepted"  # row 6: a good row, still not recorded
    bad = tmp_path / "bad.xlsx"
    book.save(bad)
    with pytest.raises(LexkitError) as caught:
        import_decisions(register, bad)
    problems = sorted(caught.value.problems, key=lambda p: p.location.line or 0)
    assert [p.location.line for p in problems] == [2, 4, 5]
    assert all(p.location.file.endswith("bad.xlsx") for p in problems)
    assert all(DECISIONS_SHEET in (p.location.column or "") for p in problems)
    assert f"column {get_column_letter(decision)}" in (problems[0].location.column or "")
    assert "'poate'" in problems[0].message
    assert f"column {get_column_letter(argument)}" in (problems[1].location.column or "")
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
    again = _fields(_rows((root / "elsewhere.xlsx").read_bytes())[3])
    assert again["decision"] == "Se acceptă / Accepted"


def test_api_export_writes_the_default_path(tmp_path, monkeypatch):
    root = copy_flagship(tmp_path)
    (root / "feedback.csv").write_text(CSV, encoding="utf-8")
    api.consultation_ingest([root / "feedback.csv"], "child-protection", root=root)
    target = api.consultation_decisions_export("child-protection", root=root)
    assert target == root / "output/child-protection/consultation/decisions.xlsx"
    filled = _fill(target.read_bytes(), tmp_path / "f.xlsx", {7: ("noted", "Luat în calcul.")})
    result = api.consultation_decisions_import(filled, "child-protection", root=root)
    assert result == ImportResult(decided=1, unchanged=6, undecided=6)


def _flag_and_ask(register: Register) -> None:
    """Comment 1 a survey's answer with two flags, comment 6 a text XML cannot hold as is."""
    register.db.execute(
        "UPDATE comments SET question = ?, flags = ? WHERE id = 1",
        (
            "Ce părere aveți despre termen?",
            "position: 'poate' not understood: read as a comment\ndate: '31/31' unreadable",
        ),
    )
    register.db.execute(
        "UPDATE comments SET comment = ? WHERE id = 6", ("a < b & c > d\x01 „bine”\tgata",)
    )


def test_the_sheet_shows_each_comments_question_and_flags(register, index):
    _flag_and_ask(register)
    by_id = _by_id(export_decisions(register, index))
    assert by_id[1]["question"] == "Ce părere aveți despre termen?"
    assert by_id[1]["flags"] == (
        "position: 'poate' not understood: read as a comment\ndate: '31/31' unreadable"
    )
    assert by_id[5]["flags"] is None
    assert by_id[5]["question"] is None
    assert by_id[6]["comment"] == "a < b & c > d „bine”\tgata"  # escaped; \x01 cannot be kept


def test_flagged_comments_round_trip_and_an_older_sheet_still_imports(register, index, tmp_path):
    _flag_and_ask(register)
    filled = _fill(
        export_decisions(register, index),
        tmp_path / "filled.xlsx",
        {1: ("Se ia act", "Termenul rămâne."), 6: ("Nu se acceptă", "Nu ține de proiect.")},
    )
    assert import_decisions(register, filled) == ImportResult(decided=2, unchanged=5, undecided=5)
    assert _decisions(register) == {
        1: ("noted", "Termenul rămâne."),
        6: ("not-accepted", "Nu ține de proiect."),
    }
    # A sheet exported before the question and flags columns existed: the same decisions.
    book = openpyxl.load_workbook(filled)
    sheet = book[DECISIONS_SHEET]
    sheet.protection.sheet = False
    sheet.delete_cols(_column("flags"))
    sheet.delete_cols(_column("question"))
    sheet.cell(2, _column("decision") - 2).value = "accepted"  # comment 5, two columns fewer
    book.save(tmp_path / "older.xlsx")
    assert import_decisions(register, tmp_path / "older.xlsx") == ImportResult(1, 6, 4)
    assert _decisions(register)[5] == ("accepted", None)
    assert _decisions(register)[1] == ("noted", "Termenul rămâne.")


def test_rows_written_as_text_make_a_sound_workbook(tmp_path):
    """Rows enough to widen the sheet's range (A1:C2 -> A1:C13), texts XML must escape."""
    from lxml import etree
    from openpyxl.styles import Font

    from lexkit.consult.decisions import workbook_with_rows

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Nr.", "Text", "Gol"])
    for column in (1, 2, 3):
        sheet.cell(2, column).font = Font(italic=True)  # the pattern of every row
    sheet.auto_filter.ref = "A1:C13"
    laid_out = io.BytesIO()
    book.save(laid_out)
    rows = [[n, f"rândul {n} <b> & „ghilimele” \x0b", None] for n in range(1, 13)]
    data = workbook_with_rows(laid_out.getvalue(), {1: (rows, [15.4] * 12)})
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                etree.fromstring(archive.read(name))  # well-formed, every part
    read = openpyxl.load_workbook(io.BytesIO(data)).active
    assert read.dimensions == "A1:C13"
    values = list(read.iter_rows(min_row=2, values_only=True))
    assert values == [(n, f"rândul {n} <b> & „ghilimele” ", None) for n in range(1, 13)]
    assert all(read.cell(row, 2).font.italic for row in range(2, 14))
    assert read.row_dimensions[13].height == 15.4
    assert workbook_with_rows(laid_out.getvalue(), {1: (rows, [15.4] * 12)}) == data
