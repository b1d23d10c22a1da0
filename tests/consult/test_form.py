"""The feedback form: sheets, labels, drop-downs, protection, determinism, the CLI command."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from docx_helpers import convert, copy_flagship, libreoffice
from flagship_helpers import Flagship, FlagshipForm
from lexkit.cli import main
from lexkit.consult.form import (
    ANSWER_ROWS,
    FEEDBACK_HEADERS,
    RESPONDENT_LABELS,
    ConsultedDocument,
    FormContent,
    feedback_form,
    form_content,
)
from lexkit.consult.vocabulary import (
    FEEDBACK_SHEET,
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    POSITIONS,
    RESPONDENT_SHEET,
    STAKEHOLDER_TYPES,
)
from lexkit.dossier.config import load_dossier

HEADERS = [
    "Nr. / No.",
    "Documentul / Document",
    "Prevederea / Provision",
    "Poziția / Position",
    "Comentariul / Comment",
    "Propunerea de redactare / Proposed wording",
    "Argumentarea / Rationale",
    "Data / Date",
]
LAST_ROW = ANSWER_ROWS + 1


@pytest.fixture(scope="module")
def form_path(flagship_form: FlagshipForm) -> Path:
    return flagship_form.path


@pytest.fixture(scope="module")
def book(form_path: Path) -> Workbook:
    return openpyxl.load_workbook(form_path)


def _validation_list(book: Workbook, sheet: Worksheet, cell: str) -> list[str]:
    """The values of the drop-down on ``cell``, read from the range its formula names."""
    found = [dv for dv in sheet.data_validations.dataValidation if cell in dv.sqref]
    assert len(found) == 1, f"{sheet.title}!{cell} has {len(found)} validations"
    assert found[0].type == "list"
    source, cells = found[0].formula1.split("!")
    assert source.strip("'") == LISTS_SHEET
    return [str(c.value) for row in book[LISTS_SHEET][cells.replace("$", "")] for c in row]


def test_default_output_and_sheets(flagship_form, form_path, book):
    assert (
        form_path == flagship_form.root / "output/child-protection/consultation/feedback-form.xlsx"
    )
    assert book.sheetnames == [INSTRUCTIONS_SHEET, RESPONDENT_SHEET, FEEDBACK_SHEET, LISTS_SHEET]
    assert INSTRUCTIONS_SHEET == "Instrucțiuni - Instructions"
    assert book[LISTS_SHEET].sheet_state == "hidden"
    assert [s.sheet_state for s in book.worksheets[:3]] == ["visible"] * 3


def test_feedback_header_is_bilingual_bold_wrapped_and_frozen(book):
    sheet = book[FEEDBACK_SHEET]
    assert [c.value for c in sheet[1]] == HEADERS == list(FEEDBACK_HEADERS.values())
    assert all(c.font.b and c.alignment.wrap_text for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.max_row == LAST_ROW
    assert [sheet.cell(r, 1).value for r in (2, LAST_ROW)] == [1, ANSWER_ROWS]
    assert all(sheet.cell(r, c).value is None for r in (2, LAST_ROW) for c in range(2, 9))


def test_respondent_labels_and_answer_cells(book):
    sheet = book[RESPONDENT_SHEET]
    labels = [sheet.cell(r, 1).value for r in range(1, sheet.max_row + 1)]
    assert labels == [
        "Organizația / Organisation",
        "Tipul părții interesate / Stakeholder type",
        "Persoana de contact / Contact person",
        "E-mail",
        "Telefon / Phone",
        "Acord de publicare / Consent to publish",
    ]
    assert labels == list(RESPONDENT_LABELS.values())
    assert all(sheet.cell(r, 1).protection.locked for r in range(1, 7))
    assert not any(sheet.cell(r, 2).protection.locked for r in range(1, 7))
    assert all(sheet.cell(r, 2).alignment.wrap_text for r in range(1, 7))
    assert _validation_list(book, sheet, "B2") == list(STAKEHOLDER_TYPES.values())
    assert len(STAKEHOLDER_TYPES) == 9
    assert _validation_list(book, sheet, "B6") == ["da / yes", "nu / no"]


def test_provision_list_has_general_then_the_draft_law_then_the_other_acts(book):
    sheet = book[FEEDBACK_SHEET]
    provisions = _validation_list(book, sheet, "C2")
    assert _validation_list(book, sheet, f"C{LAST_ROW}") == provisions
    assert provisions[0] == "General"
    assert provisions[1] == "art. I"
    assert {"art. III", "art. X alin. (2)", "art. X alin. (2) lit. b)"} <= set(provisions)
    assert "victim-notification: pct. 5" in provisions
    assert provisions.index("art. X") < provisions.index("victim-notification: pct. 1")
    assert len(provisions) == len(set(provisions))
    assert not any(p.startswith(("justification-note", "compliance-matrix")) for p in provisions)


def test_document_position_and_date_validations_cover_every_answer_row(book):
    sheet = book[FEEDBACK_SHEET]
    documents = _validation_list(book, sheet, "B2")
    assert [d.split(" ")[0] for d in documents] == [
        "draft-law",
        "justification-note",
        "victim-notification",
    ]
    assert documents[0] == "draft-law – proiectul de lege / draft law"
    assert _validation_list(book, sheet, f"D{LAST_ROW}") == list(POSITIONS.values())
    assert "susțin / support" in POSITIONS.values()
    dates = [dv for dv in sheet.data_validations.dataValidation if dv.type == "date"]
    assert len(dates) == 1
    assert "H2" in dates[0].sqref
    assert f"H{LAST_ROW}" in dates[0].sqref
    assert f"H{LAST_ROW + 1}" not in dates[0].sqref
    assert sheet.cell(2, 8).number_format == "yyyy-mm-dd"


def test_sheets_are_protected_and_only_answer_cells_are_editable(book):
    assert book.security.lockStructure
    assert all(sheet.protection.sheet for sheet in book.worksheets)
    assert not any(sheet.protection.password for sheet in book.worksheets)
    feedback = book[FEEDBACK_SHEET]
    assert all(c.protection.locked for c in feedback[1])
    answers = [feedback.cell(r, c) for r in (2, 100, LAST_ROW) for c in range(1, 9)]
    assert not any(c.protection.locked for c in answers)
    assert all(c.alignment.wrap_text for c in answers)
    assert all(c.protection.locked for c in book[INSTRUCTIONS_SHEET]["A"])


def test_instructions_say_purpose_deadline_sending_and_privacy_in_both_languages(book):
    sheet = book[INSTRUCTIONS_SHEET]
    romanian = " ".join(str(c.value) for c in sheet["A"])
    english = " ".join(str(c.value) for c in sheet["B"])
    assert "„Protecția copiilor față de persoanele condamnate" in romanian
    assert "“Protecting children from persons convicted" in english
    assert "se anunță pe particip.gov.md" in romanian
    assert "announced on particip.gov.md" in english
    assert "e-mail" in romanian
    assert "e-mail" in english
    assert ".xlsx" in romanian
    assert ".xlsx" in english
    assert "Legii nr. 133/2011 privind protecția datelor cu caracter personal" in romanian
    assert "Law No. 133/2011 on personal data protection" in english
    assert "victim-notification: Hotărâre cu privire la aprobarea" in romanian
    assert "victim-notification: Decision approving the Regulation" in english
    assert "ş" not in romanian
    assert "ţ" not in romanian


def _form_of(flagship: Flagship, deadline: date | None = None) -> bytes:
    """The form of the session's flagship documents, as ``api.consultation_form`` makes it."""
    config = load_dossier(flagship.dossier).config
    return feedback_form(form_content("child-protection", config, flagship.documents, deadline))


def test_the_deadline_is_written_as_a_date_in_each_language(flagship):
    form = openpyxl.load_workbook(io.BytesIO(_form_of(flagship, date(2025, 11, 30))))
    sheet = form[INSTRUCTIONS_SHEET]
    assert "Trimiteți formularul până la 30 noiembrie 2025 inclusiv." in [
        c.value for c in sheet["A"]
    ]
    assert "Send the form by 30 November 2025 inclusive." in [c.value for c in sheet["B"]]


def test_properties_are_fixed_and_two_builds_are_byte_identical(flagship, form_path, book):
    # The API's form, and one made again from documents built again, in another project.
    assert _form_of(flagship) == form_path.read_bytes()
    assert book.properties.created.year == 2000
    assert book.properties.modified == book.properties.created
    assert book.properties.creator == "lexkit"
    assert not list(form_path.parent.glob(".*.tmp"))


def test_cells_that_would_run_as_formulas_are_neutralised(tmp_path):
    content = FormContent(
        dossier="demo",
        titles={"ro": "Titlu", "en": "Title"},
        documents=[ConsultedDocument("draft-law", "lege", {"ro": "=HYPERLINK(1)"})],
        provisions=["General", "=1+1", "@x", "-2", "+3"],
    )
    path = tmp_path / "form.xlsx"
    path.write_bytes(feedback_form(content))
    book = openpyxl.load_workbook(path)
    provisions = _validation_list(book, book[FEEDBACK_SHEET], "C2")
    assert provisions == ["General", "'=1+1", "'@x", "'-2", "'+3"]
    instructions = [c.value for c in book[INSTRUCTIONS_SHEET]["A"]]
    assert "draft-law: =HYPERLINK(1)" in instructions
    formulas = [
        c.coordinate
        for s in book.worksheets
        for row in s.iter_rows()
        for c in row
        if c.data_type == "f"
    ]
    assert formulas == []


def test_without_a_document_list_the_column_has_no_drop_down(tmp_path):
    content = FormContent("demo", {"ro": "T", "en": "T"}, [], ["General"])
    path = tmp_path / "form.xlsx"
    path.write_bytes(feedback_form(content))
    sheet = openpyxl.load_workbook(path)[FEEDBACK_SHEET]
    assert not [dv for dv in sheet.data_validations.dataValidation if "B2" in dv.sqref]


# ---------------------------------------------------------------- the command


def test_cli_writes_the_form_where_asked(tmp_path, monkeypatch):
    project = copy_flagship(tmp_path)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["consult", "form", "-d", "child-protection", "-o", "x.xlsx"])
    assert result.exit_code == 0, result.output
    assert "wrote x.xlsx" in result.output
    assert openpyxl.load_workbook(project / "x.xlsx").sheetnames[2] == FEEDBACK_SHEET


def test_cli_without_d_uses_the_only_dossier(tmp_path, monkeypatch):
    monkeypatch.chdir(copy_flagship(tmp_path))
    result = CliRunner().invoke(main, ["consult", "form", "--deadline", "2025-11-30"])
    assert result.exit_code == 0, result.output
    assert "output/child-protection/consultation/feedback-form.xlsx" in result.output
    form = tmp_path / "output/child-protection/consultation/feedback-form.xlsx"
    instructions = [c.value for c in openpyxl.load_workbook(form)[INSTRUCTIONS_SHEET]["B"]]
    assert "Send the form by 30 November 2025 inclusive." in instructions


def test_cli_asks_for_d_when_drafts_holds_several_dossiers(tmp_path, monkeypatch):
    copy_flagship(tmp_path)
    shutil.copytree(tmp_path / "drafts/child-protection", tmp_path / "drafts/second")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["consult", "form"])
    assert result.exit_code == 2, result.output
    assert "-d" in result.output
    assert "child-protection, second" in result.output
    assert not (tmp_path / "output").exists()
    unknown = CliRunner().invoke(main, ["consult", "form", "-d", "nope"])
    assert unknown.exit_code == 2, unknown.output
    assert "'nope'" in unknown.output


def test_cli_reports_a_broken_dossier_with_exit_1(tmp_path, monkeypatch):
    copy_flagship(tmp_path)
    dossier = tmp_path / "drafts/child-protection/dossier.yaml"
    dossier.write_text(dossier.read_text(encoding="utf-8") + "unknown_key: 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["consult", "form"])
    assert result.exit_code == 1, result.output
    assert "unknown_key" in result.output
    assert not (tmp_path / "output").exists()


# ---------------------------------------------------------------- LibreOffice


@pytest.mark.libreoffice
def test_libreoffice_opens_the_form(form_path, tmp_path):
    libreoffice(calc=True, pdftotext=True)  # skipped only outside CI, never silently
    convert([form_path], "pdf", tmp_path / "pdf", calc=True)
    pdf = tmp_path / "pdf" / "feedback-form.pdf"
    assert pdf.is_file()
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Formular pentru consultarea publică" in text
    assert "Propunerea de redactare / Proposed wording" in text
