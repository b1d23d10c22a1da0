"""The feedback form: the XLSX workbook stakeholders fill in, in Romanian and English.

Four sheets: the instructions (purpose, documents, deadline, how to answer, personal
data), the respondent (label/value pairs), the feedback (one row per comment, with
drop-down lists) and a hidden sheet holding the lists the drop-downs read (an inline list
may not exceed 255 characters). The intake reads the form back by the sheet names, the
labels and the choices below: they are its contract, so change them only together with it.

Every sheet is protected without a password (only the answer cells can be edited) and the
workbook's structure is locked, so the lists stay hidden and the sheets keep their names.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from lexkit.consult.provisions import main_document
from lexkit.consult.vocabulary import (
    CONSENT,
    FEEDBACK_SHEET,
    GENERAL,
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    POSITIONS,
    RESPONDENT_SHEET,
    STAKEHOLDER_TYPES,
)
from lexkit.dossier.config import DossierConfig
from lexkit.engine.labels import full_title
from lexkit.engine.model import DocType, Document, provisions
from lexkit.io.xlsx import (
    FIXED_PROPERTY_DATE,
    add_date_validation,
    deterministic_xlsx,
    neutralised,
)
from lexkit.language import Lang, long_date

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

# The respondent sheet: field (DESIGN.md, "Feedback fields") -> label in column A.
RESPONDENT_LABELS: dict[str, str] = {
    "organisation": "Organizația / Organisation",
    "stakeholder_type": "Tipul părții interesate / Stakeholder type",
    "contact_name": "Persoana de contact / Contact person",
    "email": "E-mail",
    "phone": "Telefon / Phone",
    "consent_to_publish": "Acord de publicare / Consent to publish",
}

# The feedback sheet's header row: field -> header ("number" is the row's own number).
FEEDBACK_HEADERS: dict[str, str] = {
    "number": "Nr. / No.",
    "document": "Documentul / Document",
    "provision": "Prevederea / Provision",
    "position": "Poziția / Position",
    "comment": "Comentariul / Comment",
    "proposed_wording": "Propunerea de redactare / Proposed wording",
    "rationale": "Argumentarea / Rationale",
    "submitted_on": "Data / Date",
}
_WIDTHS = {
    "number": 7,
    "document": 30,
    "provision": 28,
    "position": 26,
    "comment": 60,
    "proposed_wording": 50,
    "rationale": 45,
    "submitted_on": 13,
}

# The documents a stakeholder may comment on, by type; reports are lexkit's own output.
_DOCUMENT_KINDS: dict[DocType, str] = {
    DocType.LAW: "proiectul de lege / draft law",
    DocType.GOVERNMENT_DECISION: "proiectul de hotărâre a Guvernului / draft Government decision",
    DocType.REGULATION: "proiectul de regulament / draft regulation",
    DocType.NOTE: "nota informativă / justification note",
}
# Provisions of the main document are listed bare; those of other acts as "<id>: pct. 5".
ANSWER_ROWS = 200
_EARLIEST_DATE = date(2000, 1, 1)  # a submission date before this is a typing mistake


# ---------------------------------------------------------------- what the form says


@dataclass(frozen=True)
class ConsultedDocument:
    """A document under consultation: its deliverable id, kind and title per language."""

    id: str
    kind: str
    titles: dict[Lang, str]

    @property
    def choice(self) -> str:
        """What the Document drop-down shows; the intake reads the id before the space."""
        return f"{self.id} – {self.kind}"


@dataclass(frozen=True)
class FormContent:
    """Everything the workbook shows that depends on the dossier."""

    dossier: str
    titles: dict[Lang, str]
    documents: list[ConsultedDocument]
    provisions: list[str]
    deadline: date | None = None


def form_content(
    dossier: str,
    config: DossierConfig,
    built: dict[Lang, dict[str, Document]],
    deadline: date | None = None,
) -> FormContent:
    """What the form lists: the documents of ``built`` (the dossier's documents in each of
    its languages, built in memory) and the provisions of the main language's."""
    main: Lang = "ro" if "ro" in built else config.languages[0]
    return FormContent(
        dossier=dossier,
        titles={lang: config.title_in(lang) for lang in ("ro", "en")},
        documents=consulted_documents(built, main),
        provisions=provision_choices(built[main]),
        deadline=deadline,
    )


def consulted_documents(
    built: dict[Lang, dict[str, Document]], main: Lang
) -> list[ConsultedDocument]:
    """The acts and notes of the dossier, in dossier.yaml's order, titled in each language."""
    out = []
    for doc_id, document in built[main].items():
        kind = _DOCUMENT_KINDS.get(document.meta.type)
        if kind is None:
            continue
        titles: dict[Lang, str] = {
            lang: full_title(docs[doc_id].meta.title, docs[doc_id].meta.type, lang)
            for lang, docs in built.items()
            if doc_id in docs
        }
        out.append(ConsultedDocument(doc_id, kind, titles))
    return out


def provision_choices(documents: dict[str, Document]) -> list[str]:
    """ "General", then every provision of the main act, then those of the other acts
    prefixed with their id ("victim-notification: pct. 5"), in document order, once each."""
    acts = [(doc_id, doc) for doc_id, doc in documents.items() if doc.meta.type.is_act]
    main = main_document(documents)
    acts.sort(key=lambda act: act[0] != main)
    choices = [GENERAL]
    for doc_id, document in acts:
        prefix = "" if doc_id == main else f"{doc_id}: "
        labels = (str(p["full_label"]) for p in provisions(document, every_unit=True))
        choices += [prefix + label for label in labels if label]
    return list(dict.fromkeys(choices))


def instruction_rows(content: FormContent) -> list[tuple[str, str, bool]]:
    """(Romanian, English, is a heading) for each row of the instructions sheet."""
    ro, en = content.titles["ro"], content.titles["en"]
    rows = [
        ("Formular pentru consultarea publică", "Public consultation feedback form", True),
        ("Scopul", "Purpose", True),
        (
            "Prin acest formular transmiteți comentariile și propunerile dumneavoastră la "
            f"proiectul de lege și la documentele conexe din dosarul „{ro}”, supuse "
            "consultării publice.",
            "Use this form to send your comments and proposals on the draft law and the "
            f"related documents of the dossier “{en}”, which are under public consultation.",
            False,
        ),
        ("Documentele supuse consultării", "Documents under consultation", True),
    ]
    for document in content.documents:
        first = next(iter(document.titles.values()), "")
        ro_title, en_title = (document.titles.get(lang) or first for lang in ("ro", "en"))
        rows.append((f"{document.id}: {ro_title}", f"{document.id}: {en_title}", False))
    deadline = [("Termenul-limită", "Deadline", True), _deadline_row(content.deadline)]
    return [*rows, *deadline, *_HOW_TO]


def _deadline_row(deadline: date | None) -> tuple[str, str, bool]:
    if deadline is None:
        return (
            "Termenul se anunță pe particip.gov.md.",
            "The deadline is announced on particip.gov.md.",
            False,
        )
    return (
        f"Trimiteți formularul până la {long_date(deadline, 'ro')} inclusiv.",
        f"Send the form by {long_date(deadline, 'en')} inclusive.",
        False,
    )


_HOW_TO: list[tuple[str, str, bool]] = [
    ("Cum completați și trimiteți formularul", "How to fill in and send the form", True),
    (
        f"1. Pe foaia „{RESPONDENT_SHEET}”, completați coloana B: organizația (sau numele "
        "dumneavoastră, dacă scrieți în nume propriu), tipul părții interesate, persoana de "
        "contact, e-mailul, telefonul și acordul de publicare.",
        f"1. On the “{RESPONDENT_SHEET}” sheet, fill in column B: your organisation (or "
        "your name, if you write for yourself), the stakeholder type, the contact person, "
        "e-mail, phone and consent to publish.",
        False,
    ),
    (
        f"2. Pe foaia „{FEEDBACK_SHEET}”, scrieți câte un rând pentru fiecare comentariu. "
        f"Alegeți din liste documentul, prevederea („{GENERAL}” pentru un comentariu despre "
        "întregul document) și poziția; scrieți comentariul, propunerea de redactare, "
        "argumentarea și, dacă doriți, data.",
        f"2. On the “{FEEDBACK_SHEET}” sheet, write one row for each comment. Choose the "
        f"document, the provision (“{GENERAL}” for a comment on the whole document) and "
        "your position from the lists; write the comment, the proposed wording, the "
        "rationale and, if you wish, the date.",
        False,
    ),
    (
        "3. O prevedere care nu este în listă se scrie așa cum o citează proiectul, de "
        "exemplu „art. 3 alin. (2) lit. b)”.",
        "3. Type a provision that is not in the list as the draft cites it, for example "
        "“art. 3 alin. (2) lit. b)”.",
        False,
    ),
    (
        "4. Păstrați fișierul în format .xlsx. Pentru mai mult de "
        f"{ANSWER_ROWS} de comentarii, trimiteți încă un formular.",
        f"4. Keep the file as .xlsx. For more than {ANSWER_ROWS} comments, send a second form.",
        False,
    ),
    (
        "5. Trimiteți formularul completat prin e-mail, la adresa indicată în anunțul "
        "de consultare.",
        "5. Send the completed form by e-mail to the address given in the consultation "
        "announcement.",
        False,
    ),
    ("Protecția datelor cu caracter personal", "Personal data protection", True),
    (
        "Datele de contact (persoana de contact, e-mailul, telefonul) sunt prelucrate "
        "conform Legii nr. 133/2011 privind protecția datelor cu caracter personal, numai "
        "pentru examinarea comentariilor și pentru a vă contacta în legătură cu ele.",
        "Contact details (contact person, e-mail, phone) are processed under Law "
        "No. 133/2011 on personal data protection, only to examine the comments and to "
        "contact you about them.",
        False,
    ),
    (
        "Comentariile și organizațiile care le-au trimis pot fi publicate în sinteza "
        "recomandărilor. Datele de contact se publică numai cu acordul dumneavoastră "
        f"(„Acord de publicare” pe foaia „{RESPONDENT_SHEET}”); numele persoanelor fizice "
        "nu se publică niciodată fără acord.",
        "Comments and the organisations that sent them may be published in the synthesis "
        "of recommendations. Contact details are published only with your consent "
        f"(“Consent to publish” on the “{RESPONDENT_SHEET}” sheet); the names of private "
        "individuals are never published without consent.",
        False,
    ),
]


# ---------------------------------------------------------------- the workbook


def feedback_form(content: FormContent) -> bytes:
    """The form as XLSX bytes, identical for identical content."""
    from openpyxl import Workbook
    from openpyxl.workbook.protection import WorkbookProtection

    book = Workbook()
    instructions = book.active
    assert instructions is not None
    respondent = book.create_sheet(RESPONDENT_SHEET)
    feedback = book.create_sheet(FEEDBACK_SHEET)
    lists = _lists_sheet(book.create_sheet(LISTS_SHEET), content)
    _instructions_sheet(instructions, content)
    _respondent_sheet(respondent, lists)
    _feedback_sheet(feedback, lists)
    book.security = WorkbookProtection(lockStructure=True)
    _properties(book, content)
    buffer = io.BytesIO()
    book.save(buffer)
    return deterministic_xlsx(buffer.getvalue())


def _properties(book: Workbook, content: FormContent) -> None:
    props = book.properties
    props.title = (
        f"Formular de consultare publică / Public consultation feedback form: {content.dossier}"
    )
    props.subject = content.titles["ro"]
    props.creator = "lexkit"
    props.language = "ro-RO"
    props.created = props.modified = FIXED_PROPERTY_DATE


def _put(sheet: Worksheet, row: int, column: int, value: object) -> None:
    """Write a cell; text that a spreadsheet would run as a formula is neutralised."""
    sheet.cell(row, column, neutralised(value) if isinstance(value, str) else value)


def _protect(sheet: Worksheet) -> None:
    """Locked cells stay as written; columns and rows may still be resized. No password."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _print_setup(sheet: Worksheet, landscape: bool) -> None:
    """A4, fitted to the page width (as many pages long as needed)."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _fit_row_height(sheet: Worksheet, row: int) -> None:
    """A height that shows all the wrapped text of the row: LibreOffice keeps the default
    height of a row it opens, so the lines are estimated from the column widths (a width
    counts characters of the default font)."""
    lines, size = 1, 11.0
    for cell in sheet[row]:
        if isinstance(cell.value, str):
            width = sheet.column_dimensions[cell.column_letter].width or 13
            per_line = max(1, int(width))
            parts = cell.value.split("\n")
            lines = max(lines, sum(max(1, math.ceil(len(p) / per_line)) for p in parts))
            size = max(size, float(cell.font.sz or 11))
    sheet.row_dimensions[row].height = round(lines * size * 1.4, 1)


def _lists_sheet(sheet: Worksheet, content: FormContent) -> dict[str, str]:
    """The hidden sheet of drop-down values, one list per column; returns each list's
    range (``'Liste'!$B$2:$B$40``) by field, for lists that have values."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter, quote_sheetname

    lists: dict[str, tuple[str, Sequence[str]]] = {
        "document": (FEEDBACK_HEADERS["document"], [d.choice for d in content.documents]),
        "provision": (FEEDBACK_HEADERS["provision"], content.provisions),
        "position": (FEEDBACK_HEADERS["position"], list(POSITIONS.values())),
        "stakeholder_type": (
            RESPONDENT_LABELS["stakeholder_type"],
            list(STAKEHOLDER_TYPES.values()),
        ),
        "consent_to_publish": (RESPONDENT_LABELS["consent_to_publish"], list(CONSENT.values())),
    }
    ranges: dict[str, str] = {}
    for column, (name, (header, values)) in enumerate(lists.items(), 1):
        _put(sheet, 1, column, header)
        sheet.cell(1, column).font = Font(bold=True)
        for row, value in enumerate(values, 2):
            _put(sheet, row, column, value)
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = 45
        if values:
            where = f"${letter}$2:${letter}${len(values) + 1}"
            ranges[name] = f"{quote_sheetname(LISTS_SHEET)}!{where}"
    sheet.sheet_state = "hidden"
    _protect(sheet)
    return ranges


def _instructions_sheet(sheet: Worksheet, content: FormContent) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.title = INSTRUCTIONS_SHEET
    sheet.column_dimensions["A"].width = sheet.column_dimensions["B"].width = 75
    for row, (ro, en, heading) in enumerate(instruction_rows(content), 1):
        for column, text in ((1, ro), (2, en)):
            _put(sheet, row, column, text)
            cell = sheet.cell(row, column)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if heading:
                cell.font = Font(bold=True, size=14 if row == 1 else 11)
        _fit_row_height(sheet, row)
    _print_setup(sheet, landscape=True)
    _protect(sheet)


def _respondent_sheet(sheet: Worksheet, lists: dict[str, str]) -> None:
    from openpyxl.styles import Font

    sheet.column_dimensions["A"].width = 45
    sheet.column_dimensions["B"].width = 60
    for row, (field, label) in enumerate(RESPONDENT_LABELS.items(), 1):
        _put(sheet, row, 1, label)
        sheet.cell(row, 1).font = Font(bold=True)
        answer = sheet.cell(row, 2)
        _answer_style(answer)
        if field in lists:
            _add_list(sheet, lists[field], answer.coordinate, strict=True)
    _print_setup(sheet, landscape=False)
    _protect(sheet)


def _feedback_sheet(sheet: Worksheet, lists: dict[str, str]) -> None:
    from openpyxl.utils import get_column_letter

    last = ANSWER_ROWS + 1
    for column, field in enumerate(FEEDBACK_HEADERS, 1):
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = _WIDTHS[field]
        _answer_cells(sheet, column, field)
        cells = f"{letter}2:{letter}{last}"
        if field in lists:
            _add_list(sheet, lists[field], cells, strict=field != "provision")
        elif field == "submitted_on":
            add_date_validation(sheet, cells, _EARLIEST_DATE, "2025-11-14")
    _feedback_header(sheet)
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    _print_setup(sheet, landscape=True)
    _protect(sheet)


def _feedback_header(sheet: Worksheet) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    fill = PatternFill("solid", fgColor="D9E2F3")
    thin = Side(style="thin", color="A6A6A6")
    for column, header in enumerate(FEEDBACK_HEADERS.values(), 1):
        _put(sheet, 1, column, header)
        cell = sheet.cell(1, column)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    _fit_row_height(sheet, 1)


def _answer_cells(sheet: Worksheet, column: int, field: str) -> None:
    """The cells under the header, ready for answers; the row numbers filled in."""
    for row in range(2, ANSWER_ROWS + 2):
        cell = sheet.cell(row, column)
        _answer_style(cell)
        if field == "number":
            cell.value = row - 1
        elif field == "submitted_on":
            cell.number_format = "yyyy-mm-dd"


def _answer_style(cell: Cell) -> None:
    """An answer cell: unlocked under the sheet's protection, wrapped, framed."""
    from openpyxl.styles import Alignment, Border, Protection, Side

    thin = Side(style="thin", color="A6A6A6")
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    cell.protection = Protection(locked=False)
    cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)


def _add_list(sheet: Worksheet, source: str, cells: str, *, strict: bool) -> None:
    """A drop-down of the values in ``source``; ``strict`` refuses any other value, else a
    warning lets the respondent keep what they typed."""
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(
        type="list",
        formula1=source,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop" if strict else "warning",
        errorTitle="Valoare din listă / From the list",
        error=(
            "Alegeți o valoare din listă. / Choose a value from the list."
            if strict
            else "Nu este în listă; păstrați textul? / Not in the list; keep the text?"
        ),
    )
    validation.add(cells)
    sheet.add_data_validation(validation)
