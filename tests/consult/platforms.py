"""Look-alikes of the files consultation platforms export, and what intake must make of them.

Each ``write_*`` function writes one file into a folder, in the shape the platform really
gives (headers and their order, sheet names, separators, encodings, date formats, HTML in
answers, anonymous rows, ids and counts next to the text), and returns an :class:`Expected`:
the profile intake must recognise, the role of the columns that matter, and every comment,
closed answer and flag the register must end up with. The people, organisations and texts
are invented; the shapes are the platforms' own (the source of each is in its docstring).

The texts cite the provisions of the two-article law that ``check_helpers.Dossier`` builds
(art. 1 with alin. (1) and (2), art. 2); "art. 5" cites nothing and must be kept and flagged.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from types import EllipsisType
from typing import Any

import openpyxl

from lexkit.consult.fields import FIELDS
from lexkit.consult.form import (
    FEEDBACK_HEADERS,
    RESPONDENT_LABELS,
    ConsultedDocument,
    FormContent,
    feedback_form,
)
from lexkit.consult.vocabulary import (
    CONSENT,
    FEEDBACK_SHEET,
    POSITIONS,
    RESPONDENT_SHEET,
    STAKEHOLDER_TYPES,
)

# ---------------------------------------------------------------- what intake must make

# The roles a column can have (the contract of ``lexkit consult inspect``).
ROLES = frozenset({*FIELDS, "first_name", "last_name", "question", "closed", "ignored"})
TEXT_ROLES = frozenset({"comment", "question", "proposed_wording", "rationale"})
NOT_TEXT = ROLES - TEXT_ROLES  # a title, date or code: whatever intake makes of it, no text
COMMENT = frozenset({"comment"})
QUESTION = frozenset({"question"})  # a free-text question: each answer a comment of its own
CLOSED = frozenset({"closed"})  # a closed question: its answers tallied, never comments
IGNORED = frozenset({"ignored"})  # an id or a count


def role(name: str) -> frozenset[str]:
    return frozenset({name})


# A flag saying that a text was garbled by a wrong encoding.
ENCODING_FLAG = r"(?i)encod|garbl|mojibake|codific|кодир"

Unchecked = EllipsisType  # ``...``: a value the test does not look at


@dataclass(frozen=True)
class Comment:
    """One comment the register must hold.

    ``text`` is the cleaned text (HTML tags and entities removed; compared with the spacing
    folded); ``also`` other texts intake may store instead (the repair of a garbled text);
    ``sent`` the cell exactly as the file holds it (default: ``text``), which the row's raw
    JSON must hold. ``question`` is the header of a wide file's question, None in a table
    with one comment per row. A field left at ``...`` is not checked; ``flag`` is a regular
    expression one of the comment's flags must match.
    """

    text: str
    question: str | None = None
    organisation: str | Unchecked | None = ...
    contact_name: str | Unchecked | None = ...
    stakeholder_type: str | Unchecked = ...
    position: str | Unchecked = ...
    provision: str | Unchecked | None = ...
    proposed_wording: str | Unchecked | None = ...
    rationale: str | Unchecked | None = ...
    submitted_on: str | Unchecked | None = ...
    flag: str | None = None
    sent: str | None = None
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class Expected:
    """What intake must make of one generated file.

    ``sheet``: the sheet that holds the rows (None: the file's only sheet); ``header_row``
    is 1-based. ``roles``: header -> the roles intake may give it. ``rows``: the rows intake
    reads (one per respondent in a wide file; an empty row is no row). ``answers``:
    (question, answer) of every closed answer; a checkbox answer may be kept whole or as
    its choices. ``anonymous``: whether some rows come from nobody named (None: not
    checked). ``campaign``: texts of the comments that must form one campaign.
    """

    file: Path
    profile: str | None
    header_row: int
    roles: dict[str, frozenset[str]]
    comments: tuple[Comment, ...]
    rows: int
    sheet: str | None = None
    answers: tuple[tuple[str, str], ...] = ()
    rejected: int = 0
    anonymous: bool | None = None
    campaign: tuple[str, ...] = ()


Generator = Callable[[Path], Expected]


# ---------------------------------------------------------------- writing files


def _csv(
    path: Path,
    rows: Sequence[Sequence[object]],
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
    quoting: int = csv.QUOTE_MINIMAL,
) -> Path:
    """A CSV as spreadsheet programs write it: CRLF line ends, the given encoding."""
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator="\r\n")
    writer.writerows([["" if value is None else value for value in row] for row in rows])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def _xlsx(path: Path, sheets: dict[str, Sequence[Sequence[object]]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:  # an unanswered question is an empty cell, as in real exports
            sheet.append([None if value == "" else value for value in row])
    book.save(path)
    return path


def _by_header(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[dict[str, Any]]:
    return [dict(zip(header, row, strict=True)) for row in rows]


def _wide(
    rows: Sequence[dict[str, Any]],
    questions: Sequence[str],
    closed: Sequence[str],
    who: Callable[[dict[str, Any]], dict[str, Any]],
) -> tuple[tuple[Comment, ...], tuple[tuple[str, str], ...]]:
    """A wide table's comments (one per answered free-text question, with the fields
    ``who`` gives for its row) and closed answers."""
    comments: list[Comment] = []
    answers: list[tuple[str, str]] = []
    for row in rows:
        for question in questions:
            text = row[question]
            if isinstance(text, str) and text.strip():
                comments.append(Comment(_plain(text), question=question, sent=text, **who(row)))
        for question in closed:
            if row[question] not in (None, ""):
                answers.append((question, str(row[question])))
    return tuple(comments), tuple(answers)


_HTML = {
    "<p>": "",
    "</p>": "\n",
    "<br/>": "\n",
    "<br>": "\n",
    "<strong>": "",
    "</strong>": "",
    "<em>": "",
    "</em>": "",
    "&nbsp;": " ",
    "&amp;": "&",
    "&quot;": '"',
}


def _plain(html: str) -> str:
    """The text a reader sees in the platform's HTML (only the markup these files use)."""
    for markup, text in _HTML.items():
        html = html.replace(markup, text)
    return html.strip()


def _text(comment: Comment) -> Comment:
    """A comment whose cell holds HTML: the text without it, the cell kept as sent."""
    return replace(comment, text=_plain(comment.text), sent=comment.text)


# ---------------------------------------------------------------- lexkit's own form


def write_lexkit_form(folder: Path) -> Expected:
    """lexkit's feedback form (``lexkit consult form``), filled in by a Romanian NGO.

    The workbook is the one :func:`lexkit.consult.form.feedback_form` writes for the test
    dossier: instructions sheet, respondent sheet (label/value pairs), feedback sheet with
    its rows numbered 1-200 in advance and drop-down values "română / English".
    """
    document = ConsultedDocument(
        "law",
        "proiectul de lege / draft law",
        {"ro": "Lege privind protecția copiilor", "en": "Law on the protection of children"},
    )
    content = FormContent(
        dossier="demo",
        titles={"ro": "Demo", "en": "Demo"},
        documents=[document],
        provisions=["General", "art. 1", "art. 1 alin. (1)", "art. 1 alin. (2)", "art. 2"],
    )
    path = folder / "formular-AO-Pasi-Siguri.xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(feedback_form(content))
    book = openpyxl.load_workbook(path)
    respondent = {
        "organisation": "Asociația Obștească „Pași Siguri”",
        "stakeholder_type": STAKEHOLDER_TYPES["civil-society"],
        "contact_name": "Mariana Cebotari",
        "email": "contact@pasi-siguri.example",
        "phone": "+373 22 000 000",
        "consent_to_publish": CONSENT["yes"],
    }
    for cells in book[RESPONDENT_SHEET].iter_rows(min_col=1, max_col=2):
        for field, label in RESPONDENT_LABELS.items():
            if cells[0].value == label:
                cells[1].value = respondent[field]
    rows = [
        {
            "provision": "art. 1 alin. (2)",
            "position": "support-with-amendments",
            "comment": "Susținem obligația angajatorilor, dar alin. (2) trebuie să cuprindă "
            "expres și organizațiile care primesc voluntari în lucrul cu copiii.",
            "proposed_wording": "(2) Regulile se aplică angajatorilor și organizațiilor care "
            "primesc voluntari.",
            "rationale": "Voluntarii din taberele de vară au contact zilnic cu copiii, fără "
            "niciun control.",
            "submitted_on": date(2025, 9, 12),
        },
        {
            "provision": "General",
            "position": "support",
            "comment": "Proiectul răspunde unei nevoi reale: o persoană condamnată pentru abuz "
            "sexual asupra unui copil nu trebuie să mai lucreze cu copii. Îl susținem.",
            "proposed_wording": None,
            "rationale": None,
            "submitted_on": date(2025, 9, 12),
        },
        {
            "provision": "art. 2",
            "position": "oppose",
            "comment": "Termenul de intrare în vigoare este prea scurt pentru angajatorii din "
            "mediul rural, care obțin greu certificatul de cazier judiciar.",
            "proposed_wording": None,
            "rationale": "Oficiile teritoriale eliberează certificatul în 10 zile lucrătoare.",
            "submitted_on": date(2025, 9, 13),
        },
    ]
    sheet = book[FEEDBACK_SHEET]
    columns = {cell.value: cell.column for cell in sheet[1]}
    for line, row in enumerate(rows, start=2):
        sheet.cell(line, columns[FEEDBACK_HEADERS["document"]], document.choice)
        for field, value in row.items():
            shown = POSITIONS[value] if field == "position" else value
            sheet.cell(line, columns[FEEDBACK_HEADERS[field]], shown)
    book.save(path)
    return Expected(
        file=path,
        profile="lexkit-form",
        sheet=FEEDBACK_SHEET,
        header_row=1,
        roles={
            FEEDBACK_HEADERS["number"]: NOT_TEXT,
            FEEDBACK_HEADERS["document"]: role("document"),
            FEEDBACK_HEADERS["provision"]: role("provision"),
            FEEDBACK_HEADERS["position"]: role("position"),
            FEEDBACK_HEADERS["comment"]: COMMENT,
            FEEDBACK_HEADERS["proposed_wording"]: role("proposed_wording"),
            FEEDBACK_HEADERS["rationale"]: role("rationale"),
            FEEDBACK_HEADERS["submitted_on"]: role("submitted_on"),
        },
        comments=tuple(
            Comment(
                row["comment"],
                organisation=respondent["organisation"],
                contact_name=respondent["contact_name"],
                stakeholder_type="civil-society",
                position=row["position"],
                provision=row["provision"],
                proposed_wording=row["proposed_wording"],
                rationale=row["rationale"],
                submitted_on=row["submitted_on"].isoformat(),
            )
            for row in rows
        ),
        rows=len(rows),
        anonymous=False,
    )


# ---------------------------------------------------------------- Google Forms

G_NAME = "Your name"
G_ORGANISATION = "Organisation (if you answer on behalf of one)"
G_SUPPORT = "Overall, how far do you support the draft law? (1 = not at all, 5 = fully)"
G_AREAS = "In which areas do you work with children?"
G_CHECKS = "What do you think of asking every employer for the criminal record certificate?"
G_CHANGES = "Which provisions would you change, and how?"
G_ELSE = "Is there anything else you would like the ministry to know?"


def _google(
    timestamps: Sequence[str], email: str, sep: str
) -> tuple[list[str], list[dict[str, Any]]]:
    """The English form's header and answers; ``sep`` joins a checkbox's choices."""
    header = [
        "Timestamp",
        email,
        G_NAME,
        G_ORGANISATION,
        G_SUPPORT,
        G_AREAS,
        G_CHECKS,
        G_CHANGES,
        G_ELSE,
    ]
    answers = [
        [
            "a.moraru@example.org",
            "Ana Moraru",
            "Youth Resource Centre Nord",
            "4",
            sep.join(["Education", "Leisure and camps"]),
            "Necessary. Schools already ask for it, but summer camps and private tutors do "
            "not, and that is where we see the risk.",
            "Article 1(2) should name volunteers and camp organisers, not only employers.",
            "",
        ],
        [
            "respondent.2025@example.net",
            "",
            "",
            "2",
            "Sport",
            "A certificate only shows convictions. Coaches also need training to recognise "
            "grooming, otherwise the check gives a false sense of safety.",
            "",
            "Please publish the list of offences in plain language for parents.",
        ],
        [
            "ion.lungu@example.com",
            "Ion Lungu",
            "",
            "5",
            sep.join(["Health", "Social care", "Education"]),
            "Fully agree: a person convicted of abusing a child must never work with "
            "children again.",
            "Art. 2: six months is enough if the certificate can be requested online.",
            "Victims' families should be told when the offender is released.",
        ],
        [
            "office@juniorsport.example",
            "",
            "Junior Sports Club Viitorul",
            "3",
            "Sport",
            "",
            "Article 1(1): does a club have to check coaches who travel with the team only "
            "once a year?",
            "",
        ],
        [
            "parent.chisinau@example.org",
            "",
            "",
            "",
            "",
            "",
            "",
            "I am a parent: I want to know that my child's coach has been checked.",
        ],
        [
            "m.botnaru@example.md",
            "Maria Botnaru",
            "Kindergarten No. 12 Balti",
            "4",
            "Education",
            "Our kindergarten already asks for the certificate; the law should make the "
            "rule the same for everyone.",
            "",
            "",
        ],
        [
            "coach.cazacu@example.com",
            "Veaceslav Cazacu",
            "",
            "2",
            sep.join(["Sport", "Leisure and camps"]),
            "",
            "Article 2 should give sports clubs a year, not six months.",
            "",
        ],
        [
            "parents.school5@example.org",
            "",
            "Parents' Association of School No. 5",
            "5",
            sep.join(["Education", "Social care"]),
            "A good law, long overdue.",
            "",
            "Please tell schools how long they may keep a copy of the certificate.",
        ],
    ]
    rows = [[stamp, *answer] for stamp, answer in zip(timestamps, answers, strict=False)]
    return header, _by_header(header, rows)


def _google_expected(
    path: Path, header: list[str], rows: list[dict[str, Any]], days: Sequence[str]
) -> Expected:
    day = {id(row): iso for row, iso in zip(rows, days, strict=True)}
    comments, answers = _wide(
        rows,
        [G_CHECKS, G_CHANGES, G_ELSE],
        [G_SUPPORT, G_AREAS],
        lambda row: {
            "contact_name": row[G_NAME] or None,
            "organisation": row[G_ORGANISATION] or None,
            "submitted_on": day[id(row)],
        },
    )
    return Expected(
        file=path,
        profile="google-forms",
        header_row=1,
        roles={
            "Timestamp": role("submitted_on"),
            header[1]: role("email"),
            G_NAME: role("contact_name"),
            G_ORGANISATION: role("organisation"),
            G_SUPPORT: CLOSED,
            G_AREAS: CLOSED,
            G_CHECKS: QUESTION,
            G_CHANGES: QUESTION,
            G_ELSE: QUESTION,
        },
        comments=comments,
        answers=answers,
        rows=len(rows),
        anonymous=True,
    )


def write_google_forms_csv(folder: Path) -> Expected:
    """Google Forms, Responses tab, "Download responses (.csv)".

    "Timestamp" as ``2025/09/10 10:15:32 AM GMT+3``, "Email Address" when the form collects
    e-mails, then one column per question headed by its text; a linear scale gives a
    number, checkboxes their choices joined with ";". (Public code importing these files:
    a test feeding ``Timestamp,Email Address,Score,...`` rows dated
    ``2026/09/27 3:00:00 PM GMT+3``.)
    """
    stamps = [
        "2025/09/10 10:15:32 AM GMT+3",
        "2025/09/10 1:02:11 PM GMT+3",
        "2025/09/11 4:40:10 PM GMT+3",
        "2025/09/12 9:05:47 AM GMT+3",
        "2025/09/12 6:30:00 PM GMT+3",
        "2025/09/13 11:11:11 AM GMT+3",
        "2025/09/14 2:45:00 PM GMT+3",
        "2025/09/15 8:20:05 PM GMT+3",
    ]
    header, rows = _google(stamps, "Email Address", ";")
    path = _csv(
        folder / "Public consultation - child protection checks.csv",
        [header, *([row[h] for h in header] for row in rows)],
    )
    days = [stamp[:10].replace("/", "-") for stamp in stamps]
    return _google_expected(path, header, rows, days)


def write_google_sheets_csv(folder: Path) -> Expected:
    """Google Forms answers in their Google Sheet, File > Download > CSV, US locale.

    The sheet writes "Timestamp" as ``8/21/2025 15:04:05`` (month first: 6/30 and 8/21
    prove it, so 6/5/2025 is the 5th of June), "Email address" (the newer label), and joins
    a checkbox's choices with ", ". (Public code: ``Timestamp,Email Address,...`` rows
    dated ``8/31/2023 19:08:16``; a test's ``5/10/2026 09:15:00``.)
    """
    stamps = [
        "6/5/2025 9:12:44",
        "6/30/2025 8:00:01",
        "7/14/2025 18:30:00",
        "7/22/2025 10:02:13",
        "8/3/2025 21:40:55",
        "8/21/2025 15:04:05",
    ]
    header, rows = _google(stamps, "Email address", ", ")
    path = _csv(
        folder / "Child protection consultation (Responses) - Form responses 1.csv",
        [header, *([row[h] for h in header] for row in rows)],
    )
    days = ["2025-06-05", "2025-06-30", "2025-07-14", "2025-07-22", "2025-08-03", "2025-08-21"]
    return _google_expected(path, header, rows, days)


RO_SUPPORT = "Cât de mult susțineți proiectul? (1 – deloc, 5 – pe deplin)"
RO_CHILDREN = "Cu ce categorii de copii lucrați?"
RO_CHECKS = "Ce părere aveți despre verificarea cazierului judiciar la angajare?"
RO_OTHER = "Ce alte propuneri aveți?"


def write_google_sheets_xlsx(folder: Path) -> Expected:
    """The answers' Google Sheet downloaded as XLSX, in a Romanian Google account.

    Sheet "Răspunsuri la formular 1", "Marcaj de timp" (Timestamp) as real date-time
    cells, "Adresă de e-mail", questions in Romanian, checkbox choices joined with ", ".
    """
    header = [
        "Marcaj de timp",
        "Adresă de e-mail",
        "Numele și prenumele",
        "Organizația (dacă răspundeți în numele uneia)",
        RO_SUPPORT,
        RO_CHILDREN,
        RO_CHECKS,
        RO_OTHER,
    ]
    raw: list[list[object]] = [
        [
            datetime(2025, 9, 15, 11, 20, 5),
            "d.munteanu@example.md",
            "Doina Munteanu",
            "Liceul Teoretic „Luceafărul”",
            5,
            "Preșcolari, Elevi de gimnaziu",
            "Este firesc: la angajare ne uităm deja în cazier, dar legea trebuie să spună "
            "clar ce facem cu angajații actuali.",
            "Un formular unic de certificat, valabil pentru toate instituțiile.",
        ],
        [
            datetime(2025, 9, 16, 8, 45, 0),
            "tabara.vara@example.md",
            "",
            "Tabăra de odihnă „Izvoraș”",
            3,
            "Elevi de gimnaziu, Liceeni",
            "Pentru animatorii sezonieri, 3 luni de valabilitate a certificatului sunt prea puțin.",
            "",
        ],
        [
            datetime(2025, 9, 17, 19, 2, 33),
            "parinte@example.md",
            "",
            "",
            4,
            "Preșcolari",
            "",
            "Părinții ar trebui să poată afla dacă antrenorul copilului a fost verificat.",
        ],
        [
            datetime(2025, 9, 18, 10, 0, 0),
            "c.bivol@example.md",
            "Corina Bivol",
            "Centrul de zi „Curcubeu”",
            5,
            "Preșcolari, Elevi de gimnaziu",
            "Susținem, dar cerem un model de refuz scris pentru candidați.",
            "",
        ],
        [
            datetime(2025, 9, 19, 13, 30, 0),
            "antrenor@example.md",
            "Radu Sîrbu",
            "",
            2,
            "Liceeni",
            "",
            "Antrenorii voluntari nu ar trebui să plătească certificatul.",
        ],
        [
            datetime(2025, 9, 20, 9, 15, 0),
            "scoala22@example.md",
            "",
            "Gimnaziul nr. 22",
            4,
            "Elevi de gimnaziu",
            "Verificarea trebuie făcută și pentru personalul nedidactic.",
            "",
        ],
    ]
    path = _xlsx(
        folder / "Consultare proiect (răspunsuri).xlsx",
        {"Răspunsuri la formular 1": [header, *raw]},
    )
    rows = _by_header(header, raw)
    comments, answers = _wide(
        rows,
        [RO_CHECKS, RO_OTHER],
        [RO_SUPPORT, RO_CHILDREN],
        lambda row: {
            "contact_name": row["Numele și prenumele"] or None,
            "organisation": row[header[3]] or None,
            "submitted_on": row["Marcaj de timp"].date().isoformat(),
        },
    )
    return Expected(
        file=path,
        profile="google-forms",
        sheet="Răspunsuri la formular 1",
        header_row=1,
        roles={
            "Marcaj de timp": role("submitted_on"),
            "Adresă de e-mail": role("email"),
            "Numele și prenumele": role("contact_name"),
            header[3]: role("organisation"),
            RO_SUPPORT: CLOSED,
            RO_CHILDREN: CLOSED,
            RO_CHECKS: QUESTION,
            RO_OTHER: QUESTION,
        },
        comments=comments,
        answers=answers,
        rows=len(rows),
        anonymous=True,
    )


# ---------------------------------------------------------------- Microsoft Forms

MS_RATING = "How would you rate the draft law overall?"
MS_SECTORS = "Which sectors does your organisation work in?"
MS_ORGANISATION = "Organisation you represent (if any)"
MS_ARTICLE = "What should change in Article 1?"
MS_OTHER = "Any other comments?"


def write_microsoft_forms(folder: Path) -> Expected:
    """Microsoft Forms, "Open results in Excel" / download: sheet "Sheet1".

    "ID", "Start time", "Completion time", "Email", "Name", "Last modified time" (newer
    forms), then one column per question; times are date-time cells; an anonymous answer
    has "anonymous" as Email and no Name; a multiple-answer choice reads "A;B;". (Public
    code lists ``["ID", "Start time", "Completion time", "Email", "Name", "Last modified
    time"]`` as the export's own columns; CSV copies show ``1,7/27/26 19:06:23,...,
    anonymous,,``.)
    """
    header = [
        "ID",
        "Start time",
        "Completion time",
        "Email",
        "Name",
        "Last modified time",
        MS_RATING,
        MS_SECTORS,
        MS_ORGANISATION,
        MS_ARTICLE,
        MS_OTHER,
    ]
    raw: list[list[object]] = [
        [
            1,
            datetime(2025, 9, 18, 9, 1, 12),
            datetime(2025, 9, 18, 9, 9, 40),
            "olga.rotaru@example.md",
            "Olga Rotaru",
            None,
            4,
            "Education;Social care;",
            "Centrul de Plasament Temporar „Casa Mare”",
            "Say explicitly that night supervisors in placement centres are covered.",
            "We need a template for the written refusal to hire.",
        ],
        [
            2,
            datetime(2025, 9, 18, 12, 30, 0),
            datetime(2025, 9, 18, 12, 33, 21),
            "anonymous",
            None,
            None,
            2,
            "Sport;",
            None,
            "Volunteers who help once a month should not need a certificate.",
            None,
        ],
        [
            3,
            datetime(2025, 9, 19, 15, 4, 5),
            datetime(2025, 9, 19, 15, 20, 0),
            "petru.ursu@example.md",
            "Petru Ursu",
            datetime(2025, 9, 20, 8, 0, 0),
            5,
            "Health;",
            None,
            None,
            "As a paediatrician I support the law without reservations.",
        ],
        [
            4,
            datetime(2025, 9, 21, 10, 0, 0),
            datetime(2025, 9, 21, 10, 6, 30),
            "anonymous",
            None,
            None,
            3,
            None,
            None,
            "Article 1(1) should cover online tutoring too.",
            "Who checks private tutors who work from home?",
        ],
        [
            5,
            datetime(2025, 9, 22, 17, 10, 0),
            datetime(2025, 9, 22, 17, 18, 45),
            "ana.lupu@example.md",
            "Ana Lupu",
            None,
            4,
            "Education;Sport;",
            "Sports School No. 2",
            "List sports coaches by name among the occupations concerned.",
            None,
        ],
        [
            6,
            datetime(2025, 9, 23, 8, 30, 0),
            datetime(2025, 9, 23, 8, 34, 2),
            "anonymous",
            None,
            None,
            3,
            "Education;",
            None,
            None,
            "The certificate should be free for volunteers.",
        ],
    ]
    path = _xlsx(folder / "Consultation on the draft law(1-6).xlsx", {"Sheet1": [header, *raw]})
    rows = _by_header(header, raw)
    comments, answers = _wide(
        rows,
        [MS_ARTICLE, MS_OTHER],
        [MS_RATING, MS_SECTORS],
        lambda row: {
            "contact_name": row["Name"],
            "organisation": row[MS_ORGANISATION],
            "submitted_on": row["Completion time"].date().isoformat(),
        },
    )
    return Expected(
        file=path,
        profile="microsoft-forms",
        sheet="Sheet1",
        header_row=1,
        roles={
            "ID": IGNORED,
            "Start time": NOT_TEXT,
            "Completion time": NOT_TEXT,
            "Last modified time": NOT_TEXT,
            "Name": role("contact_name"),
            MS_ORGANISATION: role("organisation"),
            MS_RATING: CLOSED,
            MS_SECTORS: CLOSED,
            MS_ARTICLE: QUESTION,
            MS_OTHER: QUESTION,
        },
        comments=comments,
        answers=answers,
        rows=len(rows),
        anonymous=True,
    )


# ---------------------------------------------------------------- Citizen Space (Delib)

CS_TYPE = "Respondent type - Are you responding as an individual or on behalf of an organisation?"
CS_ORGANISATION = "Organisation name - What is the name of your organisation?"
CS_NAME = "Name - What is your name?"
CS_P1 = (
    "Prop 1 Q1 - Do you agree or disagree with the proposal to require a criminal record "
    "certificate for all work with children?"
)
CS_P1_WHY = "Prop 1 Q8 - Please use this space to explain your answers to questions 1-7"
CS_P2 = (
    "Prop 2 Q1 - Do you agree or disagree with the proposal to tell victims when an "
    "offender is released?"
)
CS_P2_WHY = "Prop 2 Q8 - Please use this space to explain your answers to questions 1-7"
CS_OTHER = "Q20 - Do you have any other comments?"


def write_citizen_space(folder: Path) -> Expected:
    """Citizen Space (Delib), "Download all responses" as XLSX.

    "Response ID" (``ANON-XXXX-XXXX-X``; ``BHLF-`` for a response keyed in by staff),
    "Submitted on", then a column per answer component headed "<question> - <component>",
    as "Prop 1 Q8 - Please use this space to explain your answers to questions 1-7";
    rich-text answers keep their HTML. (The component-per-column headers are those of the
    Citizen Space exports in the i.AI Consult test fixtures, ``responses_lgr_format.csv``:
    "Respondent type - Respondent type", "Prop 1 Q8 - Please use this space ...".)
    """
    header = [
        "Response ID",
        "Submitted on",
        CS_TYPE,
        CS_ORGANISATION,
        CS_NAME,
        CS_P1,
        CS_P1_WHY,
        CS_P2,
        CS_P2_WHY,
        CS_OTHER,
    ]
    raw: list[list[object]] = [
        [
            "ANON-K3QX-7WZN-B",
            datetime(2025, 9, 8, 14, 2, 11),
            "Organisation",
            "Hope Community Centre",
            "Lilia Ciobanu",
            "Agree",
            "<p>We agree with the certificate requirement.</p><p>However, "
            "<strong>volunteers</strong> must be covered too, as in Article&nbsp;1(2).</p>",
            "Strongly agree",
            "<p>Victims should be told <em>before</em> the release, not after it.</p>",
            "",
        ],
        [
            "ANON-8TRD-2MVC-Q",
            datetime(2025, 9, 9, 20, 41, 3),
            "Individual",
            "",
            "",
            "Strongly disagree",
            "Checks cost money and time; small clubs will close.<br/>Who pays for the certificate?",
            "",
            "",
            "I coach children on Saturdays as a volunteer.",
        ],
        [
            "BHLF-5YJP-9QAS-M",
            datetime(2025, 9, 10, 9, 0, 0),
            "Organisation",
            "Association of School Principals North",
            "Victor Rusu",
            "Neither agree nor disagree",
            "Schools already check teachers; the law should not add a second, different procedure.",
            "Agree",
            "",
            "<p>Please consult the school inspectorates before the list of occupations is "
            "adopted.</p>",
        ],
        [
            "ANON-2PXE-4HKT-D",
            datetime(2025, 9, 11, 7, 55, 19),
            "Individual",
            "",
            "Elena Gaina",
            "Strongly agree",
            "",
            "Strongly agree",
            "<p>As the mother of a survivor: being told about the release "
            "<strong>matters</strong>.</p>",
            "",
        ],
        [
            "ANON-9LMB-6RGU-K",
            datetime(2025, 9, 12, 16, 12, 45),
            "Organisation",
            "Foster Families Network",
            "",
            "Agree",
            "Foster carers are checked already; say so in the law to avoid duplicate checks "
            "&amp; costs.",
            "",
            "",
            "",
        ],
    ]
    path = _xlsx(
        folder / "child-protection-consultation-responses.xlsx", {"Responses": [header, *raw]}
    )
    rows = _by_header(header, raw)
    comments, answers = _wide(
        rows,
        [CS_P1_WHY, CS_P2_WHY, CS_OTHER],
        [CS_P1, CS_P2],
        lambda row: {
            "organisation": row[CS_ORGANISATION] or None,
            "contact_name": row[CS_NAME] or None,
            "submitted_on": row["Submitted on"].date().isoformat(),
        },
    )
    return Expected(
        file=path,
        profile="citizen-space",
        sheet="Responses",
        header_row=1,
        roles={
            "Response ID": IGNORED,
            "Submitted on": role("submitted_on"),
            CS_ORGANISATION: role("organisation"),
            CS_NAME: role("contact_name"),
            CS_P1: CLOSED,
            CS_P2: CLOSED,
            CS_P1_WHY: QUESTION,
            CS_P2_WHY: QUESTION,
            CS_OTHER: QUESTION,
        },
        comments=comments,
        answers=answers,
        rows=len(rows),
        anonymous=True,
    )


# ---------------------------------------------------------------- regulations.gov

# The bulk download's 60 columns, in order (a comparison of the bulk CSV with API v4,
# "Bulk Data (60)"; the same names, values included, in CivicLens's tests of its bulk-CSV
# upload: "Posted Date": "2024-03-06T05:00Z", "Document Subtype": "Comment(s)").
REGULATIONS_GOV_COLUMNS = (
    "Document ID", "Agency ID", "Docket ID", "Tracking Number", "Document Type",
    "Posted Date", "Is Withdrawn?", "Federal Register Number", "FR Citation", "Title",
    "Comment Start Date", "Comment Due Date", "Allow Late Comments",
    "Comment on Document ID", "Effective Date", "Implementation Date", "Postmark Date",
    "Received Date", "Author Date", "Related RIN(s)", "Authors", "CFR", "Abstract",
    "Legacy ID", "Media", "Document Subtype", "Exhibit Location", "Exhibit Type",
    "Additional Field 1", "Additional Field 2", "Topics", "Duplicate Comments",
    "OMB/PRA Approval Number", "Page Count", "Page Length", "Paper Width",
    "Special Instructions", "Source Citation", "Start End Page", "Subject", "First Name",
    "Last Name", "City", "State/Province", "Zip/Postal Code", "Country",
    "Organization Name", "Submitter Representative", "Representative's Address",
    "Representative's City, State & Zip", "Government Agency", "Government Agency Type",
    "Comment", "Category", "Restrict Reason Type", "Restrict Reason", "Reason Withdrawn",
    "Content Files", "Attachment Files", "Display Properties (Name, Label, Tooltip)",
)  # fmt: skip

DOCKET = "ACF-2025-0042"
SUBJECT = (
    f"Re: Docket ID {DOCKET}, Background Checks for Staff and Volunteers Working with "
    "Children (Proposed Rule)"
)
CAMPAIGN = (
    "As a parent, I urge the agency to finalize this rule. No one convicted of a sexual "
    "offense against a child should ever be hired to work with children, and volunteers "
    "must be checked exactly like paid staff. Please do not weaken it."
)


def write_regulations_gov(folder: Path) -> Expected:
    """regulations.gov, a docket's comments from the bulk data download (CSV).

    The 60 columns of the bulk file; ISO dates (``2025-08-21T04:00Z``); "Comment on Document
    ID", "Comment Start Date" and "Comment Due Date" sit beside "Comment"; most comments
    begin with the same long subject line; a three-person letter campaign; an anonymous
    comment; one whose text only points to its attachment.
    """
    people = [
        ("Dana", "Whitfield", "", f"{SUBJECT}\n\n{CAMPAIGN}", "OH"),
        ("Marcus", "Ojeda", "", f"{SUBJECT}\n\n{CAMPAIGN}", "TX"),
        ("Priya", "Raman", "", f"{SUBJECT}\n\n{CAMPAIGN}", "WA"),
        (
            "Helen",
            "Park",
            "Coalition for Safe Youth Programs",
            f"{SUBJECT}\n\nOn behalf of the Coalition for Safe Youth Programs: a certificate "
            "issued three months before hiring is too old for seasonal staff. We recommend "
            "accepting a certificate no older than 30 days.",
            "NY",
        ),
        (
            "",
            "",
            "",
            f"{SUBJECT}\n\nI was abused by a sports coach who had a previous conviction. "
            "Nobody checked. Please make the check mandatory for volunteers too.",
            "",
        ),
        ("", "", "State Association of Youth Camps", "See attached file(s)", "MI"),
        (
            "Rosa",
            "Delgado",
            "",
            f"{SUBJECT}\n\nThe rule should say clearly that a person whose conviction was "
            "expunged is still excluded if the victim was a child.",
            "CA",
        ),
    ]
    rows = []
    comments = []
    for number, (first, last, organisation, text, state) in enumerate(people, start=101):
        document = f"{DOCKET}-{number:04d}"
        received = date(2025, 8, 11 + number - 101)
        posted = date(2025, 8, 25)
        if organisation:
            title = f"Comment from {organisation}"
        elif first:
            title = f"Comment from {last}, {first}"
        else:
            title = "Anonymous public comment"
        values = dict.fromkeys(REGULATIONS_GOV_COLUMNS, "")
        values |= {
            "Document ID": document,
            "Agency ID": "ACF",
            "Docket ID": DOCKET,
            "Tracking Number": f"m{number}x-9k2p-7qz{number % 10}",
            "Document Type": "Public Submission",
            "Posted Date": f"{posted.isoformat()}T04:00Z",
            "Is Withdrawn?": "false",
            "Title": title,
            "Allow Late Comments": "false",
            "Comment on Document ID": f"{DOCKET}-0001",
            "Received Date": f"{received.isoformat()}T04:00Z",
            "Document Subtype": "Comment(s)",
            "Page Count": "1",
            "First Name": first,
            "Last Name": last,
            "State/Province": state,
            "Country": "United States" if state else "",
            "Organization Name": organisation,
            "Comment": text,
            "Category": "Nonprofit Organization" if organisation else "Parent/Relative",
            "Attachment Files": (
                f"https://downloads.regulations.gov/{document}/attachment_1.pdf"
                if text.startswith("See attached")
                else ""
            ),
            "Display Properties (Name, Label, Tooltip)": (
                "pageCount, Page Count, Number of pages In the content file"
            ),
        }
        rows.append([values[column] for column in REGULATIONS_GOV_COLUMNS])
        comments.append(
            Comment(
                text,
                organisation=organisation or None,
                contact_name=f"{first} {last}" if first else None,
                submitted_on=received.isoformat(),
            )
        )
    path = _csv(folder / f"{DOCKET}-comments.csv", [REGULATIONS_GOV_COLUMNS, *rows])
    return Expected(
        file=path,
        profile="regulations-gov",
        header_row=1,
        roles={
            "Document ID": IGNORED,
            "Tracking Number": IGNORED,
            "Title": NOT_TEXT,
            "Comment Start Date": NOT_TEXT,
            "Comment Due Date": NOT_TEXT,
            "Comment on Document ID": NOT_TEXT,
            "Abstract": NOT_TEXT,
            "Comment": COMMENT,
            "First Name": role("first_name"),
            "Last Name": role("last_name"),
            "Organization Name": role("organisation"),
            "Received Date": role("submitted_on"),
            "Attachment Files": NOT_TEXT,
            "Display Properties (Name, Label, Tooltip)": IGNORED,
        },
        comments=tuple(comments),
        rows=len(rows),
        anonymous=True,
        campaign=(comments[0].text, comments[1].text, comments[2].text),
    )


REGULATIONS_GOV_API_COLUMNS = (
    "id", "documentType", "title", "postedDate", "receiveDate", "commentOn",
    "commentOnDocumentId", "comment", "firstName", "lastName", "organization",
    "submitterRep", "govAgency", "govAgencyType", "city", "stateProvinceRegion", "country",
    "category", "trackingNbr", "docketId", "agencyId", "duplicateComments", "pageCount",
    "withdrawn",
)  # fmt: skip


def write_regulations_gov_api(folder: Path) -> Expected:
    """regulations.gov API v4 comments (``/v4/comments/{id}`` attributes) flattened to CSV.

    camelCase names as the API gives them: "commentOn" (the objectId of the commented
    document, a hex number) next to "comment"; "firstName", "lastName", "organization",
    "submitterRep", "postedDate"/"receiveDate" as ISO date-times.
    """
    people = [
        ("Laura", "Chen", "", "Background checks must cover volunteers who drive children "
         "to games."),
        ("", "", "National Council of Youth Sports Leagues", "Our members support the rule "
         "but ask for a shared database so a coach is not checked ten times a year."),
        ("", "", "", "Keep the lifetime ban for offenses against children; second chances "
         "belong elsewhere."),
        ("Omar", "Haddad", "", "Please publish the list of disqualifying offenses in "
         "Spanish as well."),
    ]  # fmt: skip
    rows = []
    comments = []
    for number, (first, last, organisation, text) in enumerate(people, start=201):
        received = date(2025, 8, number - 190)
        values = dict.fromkeys(REGULATIONS_GOV_API_COLUMNS, "")
        values |= {
            "id": f"{DOCKET}-{number:04d}",
            "documentType": "Public Submission",
            "title": f"Comment from {last}, {first}" if first else "Comment",
            "postedDate": "2025-08-27T04:00:00Z",
            "receiveDate": f"{received.isoformat()}T04:00:00Z",
            "commentOn": "0900006486a1b2c3",
            "commentOnDocumentId": f"{DOCKET}-0001",
            "comment": text,
            "firstName": first,
            "lastName": last,
            "organization": organisation,
            "country": "United States",
            "trackingNbr": f"n{number}-4hd2-9wqe",
            "docketId": DOCKET,
            "agencyId": "ACF",
            "duplicateComments": "0",
            "pageCount": "1",
            "withdrawn": "false",
        }
        rows.append([values[column] for column in REGULATIONS_GOV_API_COLUMNS])
        comments.append(
            Comment(
                text,
                organisation=organisation or None,
                contact_name=f"{first} {last}" if first else None,
                submitted_on=received.isoformat(),
            )
        )
    path = _csv(folder / "comments-api-v4.csv", [REGULATIONS_GOV_API_COLUMNS, *rows])
    return Expected(
        file=path,
        profile="regulations-gov",
        header_row=1,
        roles={
            "id": IGNORED,
            "commentOn": NOT_TEXT,
            "commentOnDocumentId": NOT_TEXT,
            "comment": COMMENT,
            "title": NOT_TEXT,
            "firstName": role("first_name"),
            "lastName": role("last_name"),
            "organization": role("organisation"),
            "receiveDate": role("submitted_on"),
            "trackingNbr": IGNORED,
        },
        comments=tuple(comments),
        rows=len(rows),
        anonymous=True,
    )


# ---------------------------------------------------------------- EU "Have your say"

HYS_COLUMNS = (
    "id", "language", "country", "organization", "surname", "firstName", "status",
    "feedback", "dateFeedback", "publication", "userType", "companySize", "tr_number",
    "referenceInitiative", "attachments",
)  # fmt: skip


def write_have_your_say(folder: Path) -> Expected:
    """The European Commission's "Have your say" feedback on an initiative, as the Better
    Regulation API (``/brp/api/allFeedback?publicationId=``) gives each item, one row each.

    Field names as the API's (the ``haveyoursay`` tool reads ``tr_number``, ``language``,
    ``country``, ``organization``, ``surname``, ``firstName``, ``status``, ``feedback``,
    ``dateFeedback``, ``publication``, ``userType``, ``companySize``,
    ``referenceInitiative``); user types as codes (``EU_CITIZEN``, ``NGO``,
    ``PUBLIC_AUTHORITY``, ``BUSINESS_ASSOCIATION``, ``NON_EU_CITIZEN``); a feedback
    published anonymously has no names; texts in the respondent's language.
    """
    items = [
        ("EN", "ROU", "Child Safety Network Europe", "Dragomir", "Ioana", "NGO", "SMALL",
         "We welcome the proposal. The list of excluded offences must include online "
         "grooming and the production of child sexual abuse material, not only contact "
         "offences.", "civil-society", "position-paper.pdf"),
        ("RO", "ROU", "", "Popa", "Mihai", "EU_CITIZEN", "",
         "Ca părinte, susțin verificarea. Cer însă ca certificatul să fie gratuit pentru "
         "voluntari, altfel nimeni nu se va mai oferi să ajute în tabere.", "individual", ""),
        ("DE", "DEU", "", "", "", "EU_CITIZEN", "",
         "Die Überprüfung des Strafregisters ist richtig, aber die Daten dürfen nur so "
         "lange gespeichert werden, wie es unbedingt nötig ist.", "individual", ""),
        ("EN", "ROU", "County Directorate for Child Rights Protection", "Cojocaru",
         "Andrei", "PUBLIC_AUTHORITY", "",
         "Guardianship authorities need a secure channel to receive release "
         "notifications; e-mail is not acceptable for this data.", "public-authority", ""),
        ("FR", "FRA", "Fédération européenne des centres de vacances", "", "",
         "BUSINESS_ASSOCIATION", "MICRO",
         "Les organisateurs de séjours de vacances demandent un délai de transition d'un "
         "an pour vérifier le personnel saisonnier.", ..., ""),
        ("EN", "GBR", "", "Hughes", "Tom", "NON_EU_CITIZEN", "",
         "A check at hiring is not enough: the employer must also be told when a new "
         "conviction occurs.", "individual", ""),
    ]  # fmt: skip
    rows = []
    comments = []
    for number, item in enumerate(items):
        language, country, organisation, surname, first, kind, size, text, code, file = item
        when = datetime(2025, 3, 10 + number, 9 + number, 22, 31)
        values = {
            "id": str(50431200 + number * 17),
            "language": language,
            "country": country,
            "organization": organisation,
            "surname": surname,
            "firstName": first,
            "status": "PUBLISHED",
            "feedback": text,
            "dateFeedback": when.strftime("%Y/%m/%d %H:%M:%S"),
            "publication": "WITHINFO" if (first or organisation) else "ANONYMOUS",
            "userType": kind,
            "companySize": size,
            "tr_number": "123456789012-34" if kind == "NGO" else "",
            "referenceInitiative": "Ares(2025)1234567",
            "attachments": file,
        }
        rows.append([values[column] for column in HYS_COLUMNS])
        comments.append(
            Comment(
                text,
                organisation=organisation or None,
                contact_name=f"{first} {surname}" if first else None,
                stakeholder_type=code,
                submitted_on=when.date().isoformat(),
            )
        )
    path = _csv(folder / "have-your-say-feedback-14488.csv", [HYS_COLUMNS, *rows])
    return Expected(
        file=path,
        profile="have-your-say",
        header_row=1,
        roles={
            "id": IGNORED,
            "tr_number": NOT_TEXT,
            "referenceInitiative": NOT_TEXT,
            "feedback": COMMENT,
            "organization": role("organisation"),
            "firstName": role("first_name"),
            "surname": role("last_name"),
            "userType": role("stakeholder_type"),
            "dateFeedback": role("submitted_on"),
        },
        comments=tuple(comments),
        rows=len(rows),
        anonymous=True,
    )


# ---------------------------------------------------------------- Decidim

DECIDIM_PROPOSAL_COLUMNS = (
    "id", "category/id", "category/name/ro", "category/name/ru", "scope/id",
    "scope/name/ro", "scope/name/ru", "participatory_space/id", "participatory_space/url",
    "component/id", "title/ro", "title/ru", "body/ro", "body/ru", "address", "latitude",
    "longitude", "state", "reference", "answer/ro", "answer/ru", "supports",
    "endorsements/total_count", "endorsements/user_endorsements", "comments", "attachments",
    "followers", "published_at", "url", "meeting_urls", "related_proposals", "is_amend",
    "original_proposal/title", "original_proposal/url", "author/id", "author/name",
    "author/url",
)  # fmt: skip
DECIDIM_SITE = "https://consultari.example.md/processes/protectia-copiilor/f/12"


def write_decidim_proposals(folder: Path) -> Expected:
    """Decidim open data, the proposals of a participatory process (CSV, ";").

    Decidim's exporter flattens nested fields with "/" and writes one column per locale
    ("title/ro", "body/ru"); bodies are HTML; "comments", "supports" and
    "endorsements/total_count" are counts; "answer/ro" is the organisation's official
    answer, not a participant's text; "published_at" is a Ruby time
    (``2025-09-12 14:03:11 +0300``).
    """
    items = [
        (1, "ro", "Verificarea voluntarilor din tabere",
         "<p>Propun ca toate taberele de vară să ceară certificatul de cazier judiciar "
         "<strong>și voluntarilor</strong>.</p><p>Art. 1 alin. (2) trebuie completat în acest "
         "sens.</p>", "", "Victoria Munteanu"),
        (2, "ro", "Certificat gratuit pentru voluntari",
         "<p>Certificatul ar trebui eliberat gratuit și online, în cel mult trei zile.</p>",
         "", "Sergiu Ceban"),
        (3, "ru", "Уведомление пострадавших",
         "<p>Предлагаю обязать полицию сообщать семье пострадавшего ребёнка об освобождении "
         "осуждённого <em>заранее</em>.</p>", "", "Наталья Ковальчук"),
        (4, "ru", "Обучение тренеров",
         "<p>Проверки судимости недостаточно: тренеры должны проходить обучение по защите "
         "детей.</p>", "", "Игорь Балан"),
        (5, "ro", "Fără registru public",
         "<p>Nu susțin un registru public al condamnaților; ar pune în pericol și "
         "victimele.</p>", "<p>Propunerea este în curs de evaluare de grupul de "
         "lucru.</p>", "Cristina Lungu"),
    ]  # fmt: skip
    rows = []
    comments = []
    for number, language, title, body, answer, author in items:
        published = datetime(2025, 9, 11 + number, 14, 3, 11)
        values = dict.fromkeys(DECIDIM_PROPOSAL_COLUMNS, "")
        values |= {
            "id": str(100 + number),
            "category/id": "7",
            "category/name/ro": "Protecția copilului",
            "category/name/ru": "Защита детей",
            "participatory_space/id": "3",
            "participatory_space/url": "https://consultari.example.md/processes/protectia-copiilor",
            "component/id": "12",
            f"title/{language}": title,
            f"body/{language}": body,
            "state": "evaluating" if answer else "",
            "reference": f"MD-PROP-2025-09-{100 + number}",
            "answer/ro": answer,
            "supports": str(40 + number * 3),
            "endorsements/total_count": str(number * 2),
            "comments": str(number + 1),
            "attachments": "0",
            "followers": str(number + 2),
            "published_at": published.strftime("%Y-%m-%d %H:%M:%S +0300"),
            "url": f"{DECIDIM_SITE}/proposals/{100 + number}",
            "is_amend": "false",
            "author/id": str(900 + number),
            "author/name": author,
            "author/url": f"https://consultari.example.md/profiles/user{900 + number}",
        }
        rows.append([values[column] for column in DECIDIM_PROPOSAL_COLUMNS])
        comments.append(
            _text(Comment(body, contact_name=author, submitted_on=published.date().isoformat()))
        )
    path = _csv(
        folder / "proposals-protectia-copiilor.csv",
        [DECIDIM_PROPOSAL_COLUMNS, *rows],
        delimiter=";",
    )
    return Expected(
        file=path,
        profile="decidim",
        header_row=1,
        roles={
            "id": IGNORED,
            "title/ro": NOT_TEXT,
            "title/ru": NOT_TEXT,
            "body/ro": COMMENT,
            "body/ru": COMMENT,
            "answer/ro": NOT_TEXT,
            "supports": IGNORED,
            "endorsements/total_count": IGNORED,
            "comments": IGNORED,
            "author/name": role("contact_name"),
            "published_at": role("submitted_on"),
        },
        comments=tuple(comments),
        rows=len(rows),
        anonymous=False,
    )


DECIDIM_COMMENT_COLUMNS = (
    "id", "created_at", "body", "locale", "author/id", "author/name", "alignment", "depth",
    "user_group/id", "user_group/name", "commentable_id", "commentable_type",
    "root_commentable_url",
)  # fmt: skip


def write_decidim_comments(folder: Path) -> Expected:
    """Decidim open data, the comments of a process (CSV, ";").

    Columns of ``Decidim::Comments::CommentSerializer`` flattened with "/": id,
    created_at, body and its locale, author/id, author/name, alignment (1 in favour,
    0 neutral, -1 against), depth (0, or 1 for a reply), user_group/id and /name (when a
    participant comments for a verified group), commentable_id, commentable_type,
    root_commentable_url.
    """
    items = [
        ("ro", "Dorin Rusnac", "", "1", "0", "Susțin propunerea. Și antrenorii voluntari "
         "trebuie verificați."),
        ("ro", "Ana Grosu", "Asociația „Părinți Activi”", "1", "0", "Cerem ca taxa pentru "
         "certificat să fie anulată pentru voluntari."),
        ("ru", "Павел Лупу", "", "-1", "0", "Не согласен: это создаст лишнюю бюрократию "
         "для школ."),
        ("ro", "Dorin Rusnac", "", "0", "1", "Nu este birocrație dacă certificatul se obține "
         "online în cinci minute."),
    ]  # fmt: skip
    rows = []
    comments = []
    for number, (locale, author, group, alignment, depth, body) in enumerate(items, start=1):
        created = datetime(2025, 9, 14, 9, 12 + number, 44)
        values = {
            "id": str(3000 + number),
            "created_at": created.strftime("%Y-%m-%d %H:%M:%S +0300"),
            "body": body,
            "locale": locale,
            "author/id": str(950 + number),
            "author/name": author,
            "alignment": alignment,
            "depth": depth,
            "user_group/id": "44" if group else "",
            "user_group/name": group,
            "commentable_id": "101" if depth == "0" else "3001",
            "commentable_type": (
                "Decidim::Proposals::Proposal" if depth == "0" else "Decidim::Comments::Comment"
            ),
            "root_commentable_url": f"{DECIDIM_SITE}/proposals/101",
        }
        rows.append([values[column] for column in DECIDIM_COMMENT_COLUMNS])
        comments.append(Comment(body, contact_name=author, submitted_on=created.date().isoformat()))
    path = _csv(
        folder / "comments-protectia-copiilor.csv", [DECIDIM_COMMENT_COLUMNS, *rows], delimiter=";"
    )
    return Expected(
        file=path,
        profile="decidim",
        header_row=1,
        roles={
            "id": IGNORED,
            "body": COMMENT,
            "locale": NOT_TEXT,
            "author/id": IGNORED,
            "author/name": role("contact_name"),
            "depth": IGNORED,
            "commentable_id": IGNORED,
            "commentable_type": NOT_TEXT,
            "root_commentable_url": NOT_TEXT,
            "created_at": role("submitted_on"),
        },
        comments=tuple(comments),
        rows=len(rows),
        anonymous=False,
    )


# ---------------------------------------------------------------- CONSUL (Decide Madrid)

CONSUL_DEBATE_COLUMNS = (
    "id", "title", "description", "created_at", "cached_votes_total", "cached_votes_up",
    "cached_votes_down", "comments_count", "hot_score", "confidence_score",
)  # fmt: skip
GARBLED = (
    "Es una invasiÛn de la privacidad; StÈphane, maestro en Vallecas, lo explicÛ en la reuniÛn."
)
REPAIRED = (
    "Es una invasión de la privacidad; Stéphane, maestro en Vallecas, lo explicó en la reunión."
)


def write_consul_debates(folder: Path) -> Expected:
    """CONSUL open data as Decide Madrid publishes it: debates.csv.

    ``API::CSVExporter`` of Madrid's fork writes ``Debate.public_columns_for_api`` (id,
    title, description, created_at, cached_votes_total, cached_votes_up,
    cached_votes_down, comments_count, hot_score, confidence_score) with ``col_sep: ';'``,
    every field quoted, in ISO-8859-1; no author at all, so every debate is anonymous;
    descriptions are HTML. One description was pasted from text already garbled by a
    wrong encoding (Latin-1 read as Mac Roman: "invasiÛn", "StÈphane").
    """
    items = [
        ("Comprobar los antecedentes de los monitores",
         "<p>Los monitores de campamentos de verano deberían presentar el certificado de "
         "delitos sexuales, igual que los profesores.</p>"),
        ("Privacidad de los docentes", f"<p>{GARBLED}</p>"),
        ("Certificado gratuito", "<p>Apoyo la medida, pero pido que el certificado sea "
         "gratuito para el voluntariado.</p>"),
        ("Entrenadores en los viajes", "<p>¿Qué pasa con los entrenadores que viajan con los "
         "equipos?&nbsp;Deben estar incluidos.</p>"),
    ]  # fmt: skip
    rows = []
    comments = []
    for number, (title, description) in enumerate(items, start=1):
        created = datetime(2025, 9, 13 + number, 10, 0, 0)
        up, down = 40 + number * 5, number
        rows.append(
            [
                str(2050 + number),
                title,
                description,
                created.strftime("%Y-%m-%d %H:%M:%S"),
                str(up + down),
                str(up),
                str(down),
                str(number * 3),
                str(1200 + number * 7),
                str(80 + number),
            ]
        )
        comment = _text(Comment(description, submitted_on=created.date().isoformat()))
        if GARBLED in description:
            comment = replace(comment, flag=ENCODING_FLAG, also=(REPAIRED,))
        comments.append(comment)
    path = _csv(
        folder / "debates.csv",
        [CONSUL_DEBATE_COLUMNS, *rows],
        encoding="iso-8859-1",
        delimiter=";",
        quoting=csv.QUOTE_ALL,
    )
    return Expected(
        file=path,
        profile="consul",
        header_row=1,
        roles={
            "id": IGNORED,
            "title": NOT_TEXT,
            "description": COMMENT,
            "created_at": role("submitted_on"),
            "cached_votes_up": IGNORED,
            "comments_count": IGNORED,
            "hot_score": IGNORED,
        },
        comments=tuple(comments),
        rows=len(rows),
        anonymous=True,
    )


def write_consul_comments(folder: Path) -> Expected:
    """CONSUL's comments export: ``Comment::Exporter`` writes id, commentable_id,
    commentable_type and the body with its tags stripped (CSV, ","); no author, no date."""
    items = [
        ("2051", "Debate", "Totalmente de acuerdo con la propuesta."),
        ("2051", "Debate", "Los clubes pequeños no podrán pagar los certificados."),
        ("887", "Proposal", "Que se incluya también a los conductores del transporte escolar."),
    ]
    header = ("id", "commentable_id", "commentable_type", "body")
    rows = [(str(7001 + n), *item) for n, item in enumerate(items)]
    path = _csv(folder / "comments.csv", [header, *rows])
    return Expected(
        file=path,
        profile="consul",
        header_row=1,
        roles={
            "id": IGNORED,
            "commentable_id": IGNORED,
            "commentable_type": NOT_TEXT,
            "body": COMMENT,
        },
        comments=tuple(Comment(body, organisation=None, contact_name=None) for *_, body in items),
        rows=len(rows),
        anonymous=True,
    )


# ---------------------------------------------------------------- KoboToolbox

KOBO_META = (
    "_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status",
    "_submitted_by", "__version__", "_tags", "_index",
)  # fmt: skip
KO_TYPE = "Tipul organizației"
KO_SUPPORT = "Susțineți proiectul în ansamblu?"
KO_ARTICLE = "Ce observații aveți la art. 1?"
KO_OTHER = "Alte propuneri"


def _kobo_meta(number: int, submitted: datetime) -> list[object]:
    return [
        100234560 + number,
        f"3f2a9c1e-8b7d-4e21-9a55-0c1d2e3f4a{number:02d}",
        submitted.strftime("%Y-%m-%dT%H:%M:%S"),
        "",
        "",
        "submitted_via_web",
        "",
        "vH8xK2pQzR7",
        "",
        number,
    ]


def write_kobo_labels(folder: Path) -> Expected:
    """KoboToolbox, XLSX export with labels as headers and values (Romanian form).

    One sheet named after the form; "start", "end", "today", "deviceid", the questions
    (headed by their labels; select_one answers as labels), then Kobo's own columns:
    _id, _uuid, _submission_time, _validation_status, _notes, _status, _submitted_by,
    __version__, _tags, _index (as scripts that drop them list them).
    """
    header = [
        "start",
        "end",
        "today",
        "deviceid",
        "Denumirea organizației",
        KO_TYPE,
        KO_SUPPORT,
        KO_ARTICLE,
        KO_OTHER,
        *KOBO_META,
    ]
    answers = [
        ("AO „Copii Fericiți”", "ONG", "Parțial", "Alin. (2) trebuie să includă și "
         "voluntarii.", "Certificatul să fie gratuit."),
        ("Primăria satului Pădureni", "Autoritate publică locală", "Da", "",
         "Avem nevoie de instrucțiuni clare pentru grădinițe."),
        ("", "Persoană fizică", "Nu", "Legea este prea strictă pentru părinții care ajută "
         "ocazional la școală.", ""),
        ("Clubul Sportiv „Olimp”", "Altele", "Da", "Antrenorii noștri au deja certificate; "
         "cine plătește reînnoirea?", ""),
        ("Grădinița nr. 7 „Albinuța”", "Instituție publică", "Da", "Pentru bucătari și "
         "paznici, certificatul este o povară inutilă.", ""),
        ("", "Persoană fizică", "Parțial", "", "Părinții care ajută o dată pe an ar trebui "
         "scutiți."),
    ]  # fmt: skip
    types = {
        "ONG": "civil-society",
        "Autoritate publică locală": "public-authority",
        "Persoană fizică": "individual",
        "Altele": "other",
        "Instituție publică": "public-authority",
    }
    raw = []
    for number, answer in enumerate(answers, start=1):
        start = datetime(2025, 9, 9 + number, 10, 15, 22)
        raw.append(
            [
                start.strftime("%Y-%m-%dT%H:%M:%S.123+03:00"),
                start.replace(minute=31).strftime("%Y-%m-%dT%H:%M:%S.456+03:00"),
                start.date().isoformat(),
                f"ee.kobotoolbox.org:Ab{number}xYz",
                *answer,
                *_kobo_meta(number, start.replace(hour=7, minute=40)),
            ]
        )
    sheet = "Consultare publică proiect"
    path = _xlsx(
        folder / "Consultare_publica_proiect_-_all_versions_-_labels_-_2025-09-20.xlsx",
        {sheet: [header, *raw]},
    )
    rows = _by_header(header, raw)
    comments, closed = _wide(
        rows,
        [KO_ARTICLE, KO_OTHER],
        [KO_SUPPORT],
        lambda row: {
            "organisation": row["Denumirea organizației"] or None,
            "stakeholder_type": types[row[KO_TYPE]],
            "submitted_on": row["today"],
        },
    )
    return Expected(
        file=path,
        profile="kobotoolbox",
        sheet=sheet,
        header_row=1,
        roles={
            "start": NOT_TEXT,
            "end": NOT_TEXT,
            "deviceid": IGNORED,
            "Denumirea organizației": role("organisation"),
            KO_TYPE: role("stakeholder_type"),
            KO_SUPPORT: CLOSED,
            KO_ARTICLE: QUESTION,
            KO_OTHER: QUESTION,
            "_id": IGNORED,
            "_uuid": IGNORED,
            "_index": IGNORED,
            "_validation_status": NOT_TEXT,
        },
        comments=comments,
        answers=closed,
        rows=len(rows),
        anonymous=True,
    )


KX_SUPPORT = "grp_feedback/support"
KX_ARTICLE = "grp_feedback/comment_art1"
KX_OTHER = "grp_feedback/other_comments"


def write_kobo_xml(folder: Path) -> Expected:
    """KoboToolbox, XLSX export with XML names as headers (group paths such as
    "grp_feedback/comment_art1") and labels as values, from a Russian form."""
    header = [
        "start",
        "end",
        "today",
        "deviceid",
        "grp_resp/org_name",
        "grp_resp/org_type",
        KX_SUPPORT,
        KX_ARTICLE,
        KX_OTHER,
        *KOBO_META,
    ]
    answers = [
        ("Общественное объединение «Защита детства»", "Общественная организация", "Частично",
         "Часть 2 статьи 1 должна распространяться и на волонтёров.",
         "Справка должна выдаваться бесплатно."),
        ("Районное управление образования Север", "Орган публичной власти", "Да", "",
         "Нужна единая электронная система проверки справок."),
        ("", "Частное лицо", "Нет", "Закон слишком строг к людям с давними судимостями.", ""),
        ("Ассоциация тренеров «Олимп»", "Общественная организация", "Да", "",
         "Тренеры готовы проходить проверку каждые три года."),
        ("", "Частное лицо", "Частично", "Справку нужно выдавать онлайн.", ""),
    ]  # fmt: skip
    raw = []
    for number, answer in enumerate(answers, start=1):
        start = datetime(2025, 9, 20 + number, 12, 5, 0)
        raw.append(
            [
                start.strftime("%Y-%m-%dT%H:%M:%S.000+03:00"),
                start.replace(minute=20).strftime("%Y-%m-%dT%H:%M:%S.000+03:00"),
                start.date().isoformat(),
                f"collect:Kx{number}",
                *answer,
                *_kobo_meta(number, start.replace(hour=9)),
            ]
        )
    sheet = "Консультация по проекту"
    path = _xlsx(folder / "Konsultatsiya_-_xml_-_2025-09-25.xlsx", {sheet: [header, *raw]})
    rows = _by_header(header, raw)
    comments, closed = _wide(
        rows,
        [KX_ARTICLE, KX_OTHER],
        [KX_SUPPORT],
        lambda row: {"submitted_on": row["today"]},
    )
    return Expected(
        file=path,
        profile="kobotoolbox",
        sheet=sheet,
        header_row=1,
        roles={
            "deviceid": IGNORED,
            KX_SUPPORT: CLOSED,
            KX_ARTICLE: QUESTION,
            KX_OTHER: QUESTION,
            "_id": IGNORED,
            "_uuid": IGNORED,
            "_index": IGNORED,
        },
        comments=comments,
        answers=closed,
        rows=len(rows),
    )


# ---------------------------------------------------------------- i.AI Consult

IAI_TYPE = "What type of organisation are you responding on behalf of?"
IAI_Q1 = (
    "Q1: To what extent do you support barring people convicted of sexual offences against "
    "children from work with children?"
)
IAI_Q1_WHY = "Q1: Please explain the reasoning behind your level of support for the proposal."
IAI_Q2 = "Q2: How should employers check the criminal record certificate, and how often?"
IAI_Q3 = "Q3: Do you have any other suggestions or comments you would like to share with us?"


def write_iai_consult(folder: Path) -> Expected:
    """The consultation data template of the UK Incubator for AI's "Consult"
    (``i-dot-ai/consult``, ``scripts/consult_data_template_v005.xlsx``).

    Sheets Guide, Responses, Demographics, Open Questions, Multiple Choice Questions and
    Hybrid Questions; the Responses sheet has "respondent_id", demographic columns, then
    "Q1: ..." headers (a closed part and an open part of the same question); the other
    sheets say by column letter which columns are open, closed or hybrid (column_name,
    question_number, question_text; open_column, closed_column). Organisation types as
    in the template's dummy data: Individual, Charity, Business, Public sector.
    """
    header = [
        "respondent_id",
        "Which region of Moldova do you live in?",
        IAI_TYPE,
        IAI_Q1,
        IAI_Q1_WHY,
        IAI_Q2,
        IAI_Q3,
    ]
    raw: list[list[object]] = [
        ["R0001", "North", "Individual", "Strongly agree",
         "I have two children in a sports club; I want their coaches checked.",
         "At hiring and again every three years.", ""],
        ["R0002", "Centre", "Charity", "Agree",
         "We run shelters for children; we already refuse people with such convictions.", "",
         "Fund the certificates for small charities."],
        ["R0003", "South", "Business", "Disagree",
         "A lifetime ban is too harsh for minor offences committed decades ago.",
         "Through an online service, with the candidate's consent.", ""],
        ["R0004", "Chisinau", "Public sector", "Strongly agree", "",
         "Employers should verify the QR code on the certificate, not keep copies.",
         "Train HR staff in data protection before the law applies."],
        ["R0005", "", "Individual", "Neutral",
         "I support it if volunteers can get the certificate for free.", "", ""],
    ]  # fmt: skip
    kinds = {
        "Individual": "individual",
        "Charity": "civil-society",
        "Business": "private-sector",
        "Public sector": "public-authority",
    }
    path = _xlsx(
        folder / "consult_data_template_v005-child-protection.xlsx",
        {
            "Guide": [
                ["How to use this workbook"],
                ["Paste the raw responses on the Responses sheet, one row per respondent."],
                ["List each question's column on the Open, Multiple Choice or Hybrid sheet."],
            ],
            "Responses": [header, *raw],
            "Demographics": [["column_name", "label"], ["B", "Region"], ["C", "Organisation type"]],
            "Open Questions": [
                ["column_name", "question_number", "question_text"],
                ["F", 2, IAI_Q2],
                ["G", 3, IAI_Q3],
            ],
            "Multiple Choice Questions": [["column_name", "question_number", "question_text"]],
            "Hybrid Questions": [
                ["open_column", "question_number", "question_text", "closed_column"],
                ["E", 1, IAI_Q1_WHY, "D"],
            ],
        },
    )
    rows = _by_header(header, raw)

    def who(row: dict[str, Any]) -> dict[str, Any]:
        kind = row[IAI_TYPE]
        return {"stakeholder_type": kinds[kind]}

    comments, answers = _wide(rows, [IAI_Q1_WHY, IAI_Q2, IAI_Q3], [IAI_Q1], who)
    return Expected(
        file=path,
        profile="iai-consult",
        sheet="Responses",
        header_row=1,
        roles={
            "respondent_id": IGNORED,
            IAI_TYPE: role("stakeholder_type"),
            IAI_Q1: CLOSED,
            IAI_Q1_WHY: QUESTION,
            IAI_Q2: QUESTION,
            IAI_Q3: QUESTION,
        },
        comments=comments,
        answers=answers,
        rows=len(rows),
        anonymous=True,
    )


# ---------------------------------------------------------------- tables made by hand


def write_ngo_table(folder: Path) -> Expected:
    """An NGO's own table, saved by an old Excel as CSV: Windows-1250, ";", the title in
    the first rows and the headers in row 3, cells merged down a column (only the first
    row of a merged block keeps the value), ş ţ with a cedilla (Windows-1250 has no
    comma-below letters), positions in the NGO's words, a numbered row left empty."""
    rows: list[list[str]] = [
        ["Sinteza obiecțiilor și propunerilor la proiectul de lege privind protecția copiilor"],
        ["Prezentată de rețeaua „Copilărie fără Violență”, septembrie 2025"],
        ["Nr.", "Organizația", "Prevederea", "Obiecții și propuneri", "Argumentare", "Poziția"],
        [
            "1",
            "AO „Copii în Siguranță”",
            "Art. 1 alin. (2)",
            "Propunem completarea alin. (2) cu sintagma „și organizațiile care primesc voluntari”.",
            "Voluntarii din tabere nu sunt angajați, dar lucrează zilnic cu copiii.",
            "Susținem cu modificări",
        ],
        [
            "2",
            "",
            "",
            "Lista infracțiunilor trebuie să cuprindă și acostarea copiilor în scopuri "
            "sexuale prin internet.",
            "Cele mai multe cazuri noi încep online.",
            "Susținem",
        ],
        [
            "3",
            "",
            "art. 5",
            "Interdicția pe viață nu este proporțională pentru infracțiunile ușoare.",
            "",
            "Nu susținem",
        ],
        [
            "4",
            "Centrul „Viitor fără Violență”",
            "Art. 2",
            "Cerem ca Guvernul să aprobe în același termen procedura electronică de "
            "eliberare a certificatului.",
            "Fără procedura electronică, termenul nu poate fi respectat.",
            "Susținem",
        ],
        ["5", "", "Art. 1", "", "", "Susținem"],
    ]
    old = str.maketrans("șțȘȚ", "şţŞŢ")
    sent = [[cell.translate(old) for cell in row] for row in rows]
    path = _csv(folder / "Sinteza propunerilor ONG.csv", sent, encoding="cp1250", delimiter=";")
    specs = [
        ("support-with-amendments", "AO „Copii în Siguranță”", "art. 1 alin. (2)", None),
        ("support", ..., ..., None),
        ("oppose", ..., None, r"art\. 5"),
        ("support", "Centrul „Viitor fără Violență”", "art. 2", None),
    ]
    comments = tuple(
        Comment(
            row[3],
            position=position,
            organisation=organisation,
            provision=provision,
            rationale=row[4] or None,
            flag=flag,
            sent=row_sent[3],
        )
        for row, row_sent, (position, organisation, provision, flag) in zip(
            rows[3:7], sent[3:7], specs, strict=True
        )
    )
    return Expected(
        file=path,
        profile=None,
        header_row=3,
        roles={
            "Nr.": NOT_TEXT,
            "Organizația": role("organisation"),
            "Prevederea": role("provision"),
            "Obiecții și propuneri": COMMENT,
            "Argumentare": role("rationale"),
            "Poziția": role("position"),
        },
        comments=comments,
        rows=5,
        rejected=1,
    )


def write_russian_table(folder: Path) -> Expected:
    """A ministry's table of remarks in Russian, as a Russian Excel saves CSV: Windows-1251,
    ";", a title above the headers, positions as the ministry writes them."""
    header = [
        "№ п/п",
        "Организация",
        "Статья",
        "Замечания и предложения",
        "Обоснование",
        "Позиция",
    ]
    rows = [
        [
            "1",
            "Ассоциация родителей «Безопасное детство»",
            "ст. 1 ч. 2",
            "Распространить требование о справке о судимости на волонтёров.",
            "Волонтёры летних лагерей постоянно общаются с детьми.",
            "поддерживаем с изменениями",
        ],
        [
            "2",
            "Общественное объединение «Защита детства»",
            "ст. 2",
            "Срок вступления в силу в шесть месяцев недостаточен для сельских школ.",
            "",
            "не поддерживаем",
        ],
        [
            "3",
            "Общественное объединение «Защита детства»",
            "Общие замечания",
            "Проект необходим и своевременен.",
            "",
            "Поддерживаем",
        ],
    ]
    path = _csv(
        folder / "Таблица замечаний.csv",
        [["Таблица замечаний и предложений к проекту закона о защите детей"], header, *rows],
        encoding="cp1251",
        delimiter=";",
    )
    positions = ["support-with-amendments", "oppose", "support"]
    provisions = ["art. 1 alin. (2)", "art. 2", "General"]
    return Expected(
        file=path,
        profile=None,
        header_row=2,
        roles={
            "№ п/п": NOT_TEXT,
            "Организация": role("organisation"),
            "Статья": role("provision"),
            "Замечания и предложения": COMMENT,
            "Обоснование": role("rationale"),
            "Позиция": role("position"),
        },
        comments=tuple(
            Comment(
                row[3],
                organisation=row[1],
                position=position,
                provision=provision,
                rationale=row[4] or None,
            )
            for row, position, provision in zip(rows, positions, provisions, strict=True)
        ),
        rows=len(rows),
        anonymous=False,
    )


# ---------------------------------------------------------------- every platform

GENERATORS: dict[str, Generator] = {
    "lexkit-form": write_lexkit_form,
    "google-forms-csv": write_google_forms_csv,
    "google-sheets-csv-us-dates": write_google_sheets_csv,
    "google-sheets-xlsx-ro": write_google_sheets_xlsx,
    "microsoft-forms": write_microsoft_forms,
    "citizen-space": write_citizen_space,
    "regulations-gov-bulk": write_regulations_gov,
    "regulations-gov-api": write_regulations_gov_api,
    "have-your-say": write_have_your_say,
    "decidim-proposals": write_decidim_proposals,
    "decidim-comments": write_decidim_comments,
    "consul-debates": write_consul_debates,
    "consul-comments": write_consul_comments,
    "kobotoolbox-labels-ro": write_kobo_labels,
    "kobotoolbox-xml-ru": write_kobo_xml,
    "iai-consult": write_iai_consult,
    "ngo-table-cp1250": write_ngo_table,
    "russian-table-cp1251": write_russian_table,
}
