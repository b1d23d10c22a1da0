"""Write the example feedback files of this folder (see README.md): fictional stakeholders
answering the public consultation on the child-protection draft law, each in the shape of
a real channel (lexkit's own form, a Google Forms export, a Russian ministry-style table,
a Citizen Space export, a regulations.gov bulk download).

Every organisation, person, e-mail address and phone number here is invented. The files
are deterministic: running the script again gives the same bytes. Run it from the project
root with lexkit installed (``.venv/bin/python drafts/child-protection/feedback-examples/
make_examples.py``); it builds the dossier's feedback form first, which takes a few seconds.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

import openpyxl

from lexkit import api
from lexkit.consult.form import FEEDBACK_HEADERS, RESPONDENT_LABELS
from lexkit.consult.vocabulary import (
    CONSENT,
    FEEDBACK_SHEET,
    LISTS_SHEET,
    POSITIONS,
    RESPONDENT_SHEET,
    STAKEHOLDER_TYPES,
)
from lexkit.io.xlsx import deterministic_xlsx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]  # the project: drafts/<dossier>/feedback-examples/
DOSSIER = HERE.parent.name


def write_csv(
    name: str, rows: Sequence[Sequence[object]], *, encoding: str = "utf-8", delimiter: str = ","
) -> None:
    """A CSV as a spreadsheet program saves it: CRLF line ends, the given encoding."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(
        [["" if value is None else value for value in row] for row in rows]
    )
    (HERE / name).write_bytes(buffer.getvalue().encode(encoding))


def save_xlsx(book: openpyxl.Workbook, name: str) -> None:
    buffer = io.BytesIO()
    book.save(buffer)
    (HERE / name).write_bytes(deterministic_xlsx(buffer.getvalue()))


# ---------------------------------------------------------------- 1. lexkit's form, Romanian NGO

NGO = {
    "organisation": "Asociația Obștească „Scutul Copilăriei” (fictivă)",
    "stakeholder_type": STAKEHOLDER_TYPES["civil-society"],
    "contact_name": "Tatiana Vrabie",
    "email": "tatiana.vrabie@scutul-copilariei.example",
    "phone": "+373 60 000 000",
    "consent_to_publish": CONSENT["yes"],
}

# (document, provision, position, comment, proposed wording, rationale, date)
NGO_ROWS = [
    (
        "draft-law",
        "art. IV",
        "support-with-amendments",
        "Definiția de la art. 30^1 alin. (1) din Legea nr. 338/1994, introdus prin art. IV, "
        "exclude contactul „ocazional sau incidental”. Excursiile, competițiile și taberele "
        "de weekend sunt scurte, dar se repetă și presupun adesea înnoptarea copiilor; "
        "propunem să fie considerate expres contact regulat.",
        "Contactul ocazional sau incidental nu constituie contact regulat, cu excepția "
        "activităților organizate cel puțin o dată pe lună sau care presupun înnoptarea "
        "copiilor.",
        "În cazurile pe care le-am însoțit, abuzul a avut loc în activități scurte, dar cu "
        "înnoptare, organizate de persoane fără niciun contract.",
        date(2025, 10, 6),
    ),
    (
        "draft-law",
        "art. IV",
        "support",
        "Susținem ca interdicția pentru infracțiunile sexuale săvârșite asupra copiilor să "
        "se aplice și după stingerea antecedentelor penale (art. 30^1 alin. (2) lit. a)). "
        "Este garanția minimă pe care o cere art. 5 alin. (3) din Convenția de la Lanzarote.",
        None,
        None,
        date(2025, 10, 6),
    ),
    (
        "draft-law",
        "art. IV",
        "comment",
        "La ridicarea interdicției de către instanță (art. 30^1 alin. (4)), legea ar trebui "
        "să ceară o evaluare a riscului făcută de un specialist și opinia organului de "
        "probațiune; altfel instanța decide fără informații despre riscul pentru copii.",
        None,
        None,
        date(2025, 10, 6),
    ),
    (
        "draft-law",
        "art. VI",
        "support-with-amendments",
        "Art. 1^1 alin. (4) din Legea nr. 216/2003, introdus prin art. VI, prevede "
        "certificatul gratuit doar pentru voluntari. Propunem gratuitatea și pentru "
        "personalul grădinițelor și al școlilor din mediul rural, unde salariile sunt "
        "cele mai mici.",
        "Pentru persoanele care urmează să desfășoare activități de voluntariat și pentru "
        "personalul instituțiilor de învățământ din localitățile rurale, certificatul se "
        "eliberează gratuit.",
        "Taxa ar fi plătită de fiecare angajat la fiecare schimbare a locului de muncă.",
        date(2025, 10, 7),
    ),
    (
        "draft-law",
        "art. X alin. (4)",
        "oppose",
        "Termenul de 6 luni în care persoanele deja angajate prezintă certificatul este prea "
        "scurt: în raionul nostru, peste 1 200 de angajați și voluntari ar depune cereri în "
        "aceeași perioadă la un singur oficiu.",
        "(4) ... prezintă angajatorului sau organizației, în termen de 12 luni de la data "
        "intrării în vigoare a prezentei legi, certificatul ...",
        "Eliberarea în termen depinde de capacitatea oficiilor teritoriale, care nu a fost "
        "evaluată în nota informativă.",
        date(2025, 10, 7),
    ),
    (
        "draft-law",
        "anexa nr. 2",
        "comment",
        "Lista orientativă a ocupațiilor (anexa nr. 2) nu îi cuprinde pe însoțitorii de grup "
        "din excursiile școlare și pe ghizii care lucrează cu grupuri de copii; propunem "
        "adăugarea lor.",
        None,
        None,
        date(2025, 10, 8),
    ),
    (
        "victim-notification",
        "anexa nr. 1, pct. 11",
        "support",
        "Susținem informarea imediată, la orice oră, a victimei în caz de evadare (pct. 11 "
        "din Regulament). Poliția ar trebui să confirme și în scris, în aceeași zi, că a "
        "contactat familia.",
        None,
        None,
        date(2025, 10, 8),
    ),
    (
        "victim-notification",
        "anexa nr. 1, pct. 17",
        "support-with-amendments",
        "Informarea directă a copilului (pct. 17) trebuie făcută numai cu sprijinul unui "
        "psiholog; formularea „după caz” permite o informare fără niciun sprijin.",
        "Copilul este informat direct numai dacă aceasta servește interesului superior al "
        "copilului, ..., cu sprijinul unui psiholog.",
        None,
        date(2025, 10, 8),
    ),
    (
        "draft-law",
        "General",
        "support",
        "Susținem proiectul în ansamblu: închide o lacună pe care organizațiile care lucrează "
        "cu copiii victime o semnalează de ani de zile.",
        None,
        None,
        date(2025, 10, 9),
    ),
]


def lexkit_form() -> None:
    """The dossier's own feedback form, as ``lexkit consult form`` writes it, filled in."""
    with tempfile.TemporaryDirectory() as folder:
        form = api.consultation_form(DOSSIER, output=Path(folder) / "form.xlsx", root=ROOT)
        book = openpyxl.load_workbook(form)
    for cells in book[RESPONDENT_SHEET].iter_rows(min_col=1, max_col=2):
        for field, label in RESPONDENT_LABELS.items():
            if cells[0].value == label:
                cells[1].value = NGO[field]
    choices = {
        str(cell.value).split(" ")[0]: cell.value
        for row in book[LISTS_SHEET].iter_rows()
        for cell in row
        if isinstance(cell.value, str) and " – " in cell.value
    }
    sheet = book[FEEDBACK_SHEET]
    columns = {cell.value: cell.column for cell in sheet[1]}
    for line, row in enumerate(NGO_ROWS, start=2):
        document, provision, position, comment, wording, rationale, when = row
        values = {
            "document": choices[document],
            "provision": provision,
            "position": POSITIONS[position],
            "comment": comment,
            "proposed_wording": wording,
            "rationale": rationale,
            "submitted_on": when,
        }
        for field, value in values.items():
            sheet.cell(line, columns[FEEDBACK_HEADERS[field]], value)
    save_xlsx(book, "formular-AO-Scutul-Copilariei.xlsx")


# ---------------------------------------------------------------- 2. Google Forms, English

SUPPORT = "Overall, do you support the draft law? (1 = not at all, 5 = fully)"
ROLE = "Do you work or volunteer with children?"
BAN = (
    "What do you think of barring people convicted of sexual offences against children "
    "from any work with children (Article IV of the draft, new Article 30^1 of Law "
    "No. 338/1994)?"
)
CHECK = "How should employers check the detailed criminal record certificate?"
OTHER = "Any other comments on the draft law or on the victim notification regulation?"


def google_forms() -> None:
    """Google Forms, "Download responses (.csv)": Timestamp, Email Address, a column per
    question headed by its text; a linear scale and a multiple-choice question among the
    free-text ones."""
    header = ["Timestamp", "Email Address", "Your name", "Organisation (if any)", SUPPORT, ROLE]
    header += [BAN, CHECK, OTHER]
    rows = [
        [
            "2025/10/01 9:14:22 AM GMT+3",
            "j.moreau@example.org",
            "Julie Moreau",
            "European Network of Children's Camps (fictional)",
            "5",
            "Yes, as a volunteer",
            "Essential. Several member camps in the region have dismissed a leader only "
            "after a complaint; a check at recruitment would have prevented it.",
            "Verify the QR code of the certificate online and record only the date, number "
            "and result, as Article 30^1(6) says. Never keep copies.",
            "",
        ],
        [
            "2025/10/02 6:40:03 PM GMT+3",
            "parent.balti@example.com",
            "",
            "",
            "4",
            "No",
            "As a parent I agree. Please make sure it also covers private tutors who teach "
            "children at home.",
            "",
            "Explain to parents, in plain language, which offences are covered.",
        ],
        [
            "2025/10/03 11:02:51 AM GMT+3",
            "a.rusu@example.md",
            "Andrei Rusu",
            "",
            "2",
            "Yes, as staff",
            "A lifetime ban is too harsh for a minor offence committed decades ago; the "
            "10-year rule of Article 30^1(3) should apply to every offence, not only the "
            "minor and less serious ones.",
            "Once at hiring is enough; repeating the check would only add paperwork.",
            "",
        ],
        [
            "2025/10/04 3:25:40 PM GMT+3",
            "office@safesport.example",
            "",
            "Safe Sport Moldova Initiative (fictional)",
            "4",
            "Yes, as staff",
            "",
            "Sports federations should check coaches themselves and share the result with "
            "the clubs, so that a coach is not checked by five clubs in the same season.",
            "Article V (Law No. 330/1999) should also cover referees at children's competitions.",
        ],
        [
            "2025/10/06 8:05:12 PM GMT+3",
            "survivor.voice@example.net",
            "",
            "",
            "5",
            "No",
            "I was abused by a trainer who had been convicted before. Nobody asked. This "
            "law would have protected me.",
            "",
            "The victim should be told before the offender is released, not on the same "
            "day. Families need time to prepare.",
        ],
        [
            "2025/10/07 10:48:30 AM GMT+3",
            "m.ionescu@example.org",
            "Mihaela Ionescu",
            "Association of Private Kindergartens (fictional)",
            "3",
            "Yes, as staff",
            "We support the ban, but Article X(6) applies it to old convictions; we need "
            "clear guidance on what to do with staff already employed.",
            "Employers need a model letter for the written refusal that Article 46^1(4) of "
            "the Labour Code requires.",
            "",
        ],
    ]
    write_csv("Consultation - criminal record checks for work with children.csv", [header, *rows])


# ---------------------------------------------------------------- 3. Russian table, Windows-1251


def russian_table() -> None:
    """A table of remarks in Russian, saved by a Russian Excel as CSV: Windows-1251, ";",
    a title row above the headers."""
    parents = "Ассоциация родителей «Надёжное детство» (вымышленная)"
    kindergartens = "Союз частных детских садов «Малыш» (вымышленный)"
    header = [
        "№ п/п",
        "Организация",
        "Статья проекта",
        "Замечания и предложения",
        "Предлагаемая редакция",
        "Обоснование",
        "Позиция",
    ]
    rows = [
        [
            "1",
            parents,
            "ст. VI",
            "Работодатель должен проверять подлинность справки по QR-коду (ч. (4) ст. 1^1 "
            "Закона № 216/2003), а не принимать бумажную копию.",
            "",
            "Поддельные справки уже встречались при приёме в лагеря.",
            "поддерживаем с изменениями",
        ],
        [
            "2",
            parents,
            "ст. I",
            "Поддерживаем перевод работника на должность без контакта с детьми вместо "
            "немедленного увольнения (ч. (3) ст. 46^1 Трудового кодекса).",
            "",
            "",
            "поддерживаем",
        ],
        [
            "3",
            parents,
            "пкт. 14 Положения",
            "Законный представитель должен узнавать об освобождении осуждённого не позднее "
            "чем за 10 дней, а не в день события.",
            "",
            "Семье нужно время, чтобы подготовить ребёнка и план безопасности.",
            "поддерживаем с изменениями",
        ],
        [
            "4",
            kindergartens,
            "ст. X ч. (6)",
            "Применение запрета к приговорам, вынесенным до вступления закона в силу, "
            "требует переходного периода и разъяснений для работодателей.",
            "",
            "Без разъяснений возможны иски уже работающих сотрудников.",
            "не поддерживаем",
        ],
        [
            "5",
            kindergartens,
            "Приложение № 2",
            "В ориентировочный перечень профессий нужно добавить воспитателей групп "
            "продлённого дня.",
            "",
            "",
            "замечание",
        ],
        [
            "6",
            kindergartens,
            "Общие замечания",
            "Проект нужен; просим опубликовать официальный перевод на русский язык "
            "одновременно с текстом на румынском.",
            "",
            "",
            "поддерживаем",
        ],
    ]
    title = ["Таблица замечаний и предложений к проекту закона о защите детей"]
    write_csv(
        "Замечания - Надежное детство и Малыш.csv",
        [title, header, *rows],
        encoding="cp1251",
        delimiter=";",
    )


# ---------------------------------------------------------------- 4. Citizen Space, English

CS_TYPE = "Respondent type - Are you responding as an individual or on behalf of an organisation?"
CS_Q1 = (
    "Q1 - Do you agree that employers should require the detailed criminal record "
    "certificate before any work with children (Articles I and III of the draft)?"
)
CS_Q2 = "Q2 - Please explain your answer"
CS_Q3 = "Q3 - Do you agree with the mechanism for notifying victims of an offender's release?"
CS_Q4 = "Q4 - Please explain your answer"
CS_Q5 = "Q5 - Do you have any other comments?"


def citizen_space() -> None:
    """Citizen Space, "Download all responses" (XLSX): Response ID, Submitted on, one column
    per answer component headed "<question> - <component>", rich text kept as HTML."""
    header = [
        "Response ID",
        "Submitted on",
        CS_TYPE,
        "Organisation name - What is the name of your organisation?",
        "Name - What is your name?",
        CS_Q1,
        CS_Q2,
        CS_Q3,
        CS_Q4,
        CS_Q5,
    ]
    rows = [
        [
            "ANON-7QJD-2KWE-R",
            datetime(2025, 10, 2, 13, 44, 5),
            "Organisation",
            "Centre for Child Safety Studies (fictional)",
            "Irina Zaharia",
            "Strongly agree",
            "<p>The detailed certificate is the right tool: it shows only the offences "
            "listed in Article 30^1(2), nothing else.</p><p>Please keep the <strong>3-month"
            "</strong> validity.</p>",
            "Agree",
            "<p>The guardianship authority should always be informed, even when the legal "
            "representative refuses (point 20 of the Regulation).</p>",
            "",
        ],
        [
            "ANON-4MZX-8PLA-C",
            datetime(2025, 10, 3, 21, 10, 47),
            "Individual",
            "",
            "",
            "Disagree",
            "Volunteers in village libraries read to children once a week; asking them for "
            "a certificate will make them give up.",
            "",
            "",
            "",
        ],
        [
            "BHLF-9TRS-1VNB-E",
            datetime(2025, 10, 6, 9, 0, 0),
            "Organisation",
            "Association of Youth Camps (fictional)",
            "Sorin Cotruța",
            "Agree",
            "Camp staff are recruited in May for June; the certificate must be issued within "
            "days, online, or camps will not open.",
            "Neither agree nor disagree",
            "",
            "<p>Give camps a model procedure for checking seasonal staff.</p>",
        ],
        [
            "ANON-6HEU-3XDG-L",
            datetime(2025, 10, 8, 17, 32, 19),
            "Individual",
            "",
            "Natalia Grosu",
            "Strongly agree",
            "",
            "Strongly agree",
            "<p>As the mother of a child victim: being told in time about a release is "
            "<strong>vital</strong> for our safety.</p>",
            "",
        ],
        [
            "ANON-2CWB-5FTM-P",
            datetime(2025, 10, 10, 11, 21, 56),
            "Organisation",
            "Foster Carers' Network (fictional)",
            "",
            "Agree",
            "Professional foster carers are already checked on selection; Article VII should "
            "say that the same certificate counts, to avoid two procedures &amp; two fees.",
            "Agree",
            "",
            "",
        ],
    ]
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Responses"
    for row in [header, *rows]:  # an unanswered question is an empty cell
        sheet.append([None if value == "" else value for value in row])
    save_xlsx(book, "child-protection-draft-law-responses.xlsx")


# ---------------------------------------------------------------- 5. regulations.gov bulk CSV

# The 60 columns of a regulations.gov bulk download, in order.
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

DOCKET = "MDA-MJ-2025-0014"
SUBJECT = (
    f"Re: {DOCKET}, Draft Law on criminal record checks for activities involving regular "
    "contact with children"
)
CAMPAIGN = (
    "I support this draft law. No person convicted of sexual abuse, sexual exploitation "
    "or trafficking of a child should work with children again, including as a volunteer, "
    "and victims must be told when such an offender is released."
)


def regulations_gov() -> None:
    """A regulations.gov-style bulk download: the 60 columns, ISO dates, a shared subject
    line at the top of most comments, and a letter campaign sent by three people."""
    people = [
        ("Elena", "Turcanu", "", f"{SUBJECT}\n\n{CAMPAIGN}", "Chisinau"),
        ("Victor", "Popescu", "", f"{SUBJECT}\n\n{CAMPAIGN}", "Balti"),
        ("Ludmila", "Sandu", "", f"{SUBJECT}\n\n{CAMPAIGN}", "Cahul"),
        (
            "Grace",
            "Okafor",
            "International Child Safeguarding Alliance (fictional)",
            f"{SUBJECT}\n\nThe draft follows Article 5(3) of the Lanzarote Convention and "
            "Article 10 of Directive 2011/93/EU. We recommend adding a duty for employers to "
            "ask for a new certificate when a person moves to another post with children, "
            "as Article 46^1(2) already does for transfers.",
            "",
        ),
        (
            "",
            "",
            "",
            f"{SUBJECT}\n\nThe Regulation on victim notification keeps data for 3 years after "
            "the sentence is served (point 28). For a child victim this may end before they "
            "turn 18; keep the data at least until then.",
            "",
        ),
        (
            "Daniel",
            "Reid",
            "",
            f"{SUBJECT}\n\nThe detailed certificate should be available to applicants living "
            "abroad through the consulates, or diaspora teachers returning home will wait "
            "months.",
            "",
        ),
    ]
    rows = []
    for number, (first, last, organisation, text, city) in enumerate(people, start=11):
        document = f"{DOCKET}-{number:04d}"
        if organisation:
            title = f"Comment from {organisation}"
        elif first:
            title = f"Comment from {last}, {first}"
        else:
            title = "Anonymous public comment"
        values = dict.fromkeys(REGULATIONS_GOV_COLUMNS, "")
        values |= {
            "Document ID": document,
            "Agency ID": "MDA-MJ",
            "Docket ID": DOCKET,
            "Tracking Number": f"k{number}d-7wq2-3mzx",
            "Document Type": "Public Submission",
            "Posted Date": "2025-10-20T04:00Z",
            "Is Withdrawn?": "false",
            "Title": title,
            "Allow Late Comments": "false",
            "Comment on Document ID": f"{DOCKET}-0001",
            "Received Date": f"2025-10-{number:02d}T04:00Z",
            "Document Subtype": "Comment(s)",
            "Page Count": "1",
            "First Name": first,
            "Last Name": last,
            "City": city,
            "Country": "Moldova" if city else "",
            "Organization Name": organisation,
            "Comment": text,
            "Display Properties (Name, Label, Tooltip)": (
                "pageCount, Page Count, Number of pages In the content file"
            ),
        }
        rows.append([values[column] for column in REGULATIONS_GOV_COLUMNS])
    write_csv(f"{DOCKET}-comments.csv", [REGULATIONS_GOV_COLUMNS, *rows])


def main() -> None:
    lexkit_form()
    google_forms()
    russian_table()
    citizen_space()
    regulations_gov()


if __name__ == "__main__":
    main()
