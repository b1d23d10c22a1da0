"""The feedback fields of a consultation row, and the functions that normalise their values.

Stakeholders answer in Romanian, English or Russian, in the form lexkit produced or in a
spreadsheet of their own. Everything here is a pure function from what they typed to the
value the register stores, or ``None`` when the value is not understood, so the caller
keeps the raw text and flags it instead of guessing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from lexkit.consult import meaning
from lexkit.language import comma_below

FIELDS: tuple[str, ...] = (
    "organisation",
    "stakeholder_type",
    "contact_name",
    "email",
    "phone",
    "consent_to_publish",
    "document",
    "provision",
    "position",
    "comment",
    "proposed_wording",
    "rationale",
    "submitted_on",
)

# A header row must name at least one of these: a row of "Name | E-mail" alone is more
# likely a contact block above the table than the table's header.
CONTENT_FIELDS = frozenset({"comment", "proposed_wording", "provision"})


# --- matching keys -------------------------------------------------------------------


def key(text: str) -> str:
    """Fold text for matching: no case, no diacritics, no punctuation, single spaces.

    "Organizația", "ORGANIZAŢIA" and "organizatia:" all give "organizatia"; Cyrillic
    й and ё fold to и and е, which is harmless because every synonym is folded the same way.
    """
    folded = text.casefold()
    if not folded.isascii():  # a regex drops the marks NFKD split off (a loop was 5x slower)
        folded = _COMBINING.sub("", unicodedata.normalize("NFKD", folded))
    return " ".join(_NOT_WORD.sub(" ", folded).split())


# Every combining mark of the Basic Multilingual Plane (a few ms to list, once).
_COMBINING = re.compile(
    "["
    + "".join(re.escape(chr(c)) for c in range(0x300, 0x10000) if unicodedata.combining(chr(c)))
    + "]"
)
_NOT_WORD = re.compile(r"[\W_]+")


def synonym_index(table: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """Invert {value: synonyms} into {folded synonym: value}; the value itself is a synonym."""
    index: dict[str, str] = {}
    for value, synonyms in table.items():
        for synonym in (value, *synonyms):
            index.setdefault(key(synonym), value)
    return index


def code_index(labels: Mapping[str, str]) -> dict[str, str]:
    """Invert {code: bilingual label ("Se acceptă / Accepted")} into {folded code, label or
    side of the label: code}, so that any of them written back in a sheet reads as its code."""
    index: dict[str, str] = {}
    for code, label in labels.items():
        for text in (code, label, *label.split(" / ")):
            index[key(text)] = code
    return index


def label_sides(text: str) -> list[str]:
    """The text, then each side of a bilingual label such as "Poziția / Position".

    A newline separates languages as often as a slash in hand-made headers.
    """
    parts = [part for part in re.split(r"\s*[/|\n]\s*", text) if part.strip()]
    return [text, *parts] if len(parts) > 1 else [text]


def _lookup(text: str, index: Mapping[str, str]) -> str | None:
    for side in label_sides(text):
        found = index.get(key(side))
        if found is not None:
            return found
    return None


# --- headers -------------------------------------------------------------------------

_HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "organisation": (
        "Organisation", "Organization", "Organisation name", "Organization name",
        "Name of organisation", "Name of organization", "Institution", "Entity",
        "Organizația", "Organizatia", "Organizație", "Denumirea organizației",
        "Denumirea organizatiei", "Denumirea instituției", "Instituția", "Entitatea",
        "Autoritatea / organizația", "Numele organizației", "Organization Name", "Company",
        "Company name", "Organisation (if applicable)", "Organization (if applicable)",
        "Affiliation", "Organisation represented", "Organization represented",
        "Организация", "Название организации", "Наименование организации", "Учреждение",
    ),
    "stakeholder_type": (
        "Stakeholder type", "Type of stakeholder", "Type of organisation", "User type",
        "Respondent type", "Submitter type", "Type of respondent",
        "Type of organization", "Category", "Stakeholder category",
        "Tipul părții interesate", "Tipul partii interesate", "Tip parte interesată",
        "Tipul organizației", "Categoria", "Categoria părții interesate",
        "Тип заинтересованной стороны", "Тип организации", "Категория",
    ),
    "contact_name": (
        "Contact person", "Contact name", "Name", "Full name", "Author", "Respondent",
        "Your name", "Author name", "Submitter name", "Submitter",
        "Persoana de contact", "Nume", "Numele", "Nume și prenume", "Numele și prenumele",
        "Autor", "Autorul",
        "Контактное лицо", "Имя", "ФИО", "Ф.И.О.", "Автор",
    ),
    "email": (
        "E-mail", "Email", "Email address", "E-mail address", "Mail",
        "Adresa de e-mail", "Adresa e-mail", "Poșta electronică",
        "Эл. почта", "Электронная почта", "Адрес электронной почты", "Е-мейл",
    ),
    "phone": (
        "Phone", "Telephone", "Phone number", "Tel", "Telefon", "Telefonul",
        "Număr de telefon", "Numărul de telefon", "Телефон", "Номер телефона",
    ),
    "consent_to_publish": (
        "Consent to publish", "Consent", "Consent to publication", "Publish my name",
        "Acord de publicare", "Acordul de publicare", "Acord privind publicarea",
        "Consimțământ", "Consimțământ de publicare", "De acord cu publicarea",
        "Согласие на публикацию", "Согласие", "Согласие на опубликование",
    ),
    "document": (
        "Document", "Draft", "Act", "Draft act", "Documentul", "Proiectul",
        "Proiectul de act", "Actul", "Документ", "Проект", "Проект акта",
    ),
    "provision": (
        "Provision", "Article", "Article / provision", "Provision of the draft",
        "Reference", "Prevederea", "Prevedere", "Articolul", "Articol",
        "Articolul / prevederea", "Prevederea din proiect", "Nr. articolului",
        "Статья", "Положение", "Пункт", "Статья / положение", "Положение проекта",
    ),
    "position": (
        "Position", "Opinion", "Stance", "Poziția", "Pozitia", "Poziție", "Opinia",
        "Позиция", "Мнение",
    ),
    "comment": (
        "Comment", "Comments", "Observation", "Observations", "Remarks", "Feedback",
        "Text comment", "Comment text", "Your comment", "Your comments", "Body", "Text",
        "Description", "Response", "Your response", "Answer", "Message", "Submission",
        "Recommendation", "Recommendations", "Proposal", "Proposals",
        "Comentariu", "Comentariul", "Comentarii", "Observații", "Obiecții",
        "Obiecții și propuneri", "Comentarii și propuneri", "Propuneri și comentarii",
        "Conținutul propunerii", "Recomandarea", "Propuneri", "Propuneri și obiecții",
        "Sugestii", "Suggestions", "Предложения",
        "Комментарий", "Комментарии", "Замечания", "Замечание",
        "Замечания и предложения", "Предложения и замечания",
    ),
    "proposed_wording": (
        "Proposed wording", "Proposed text", "Proposed amendment", "Suggested wording",
        "Propunere de redactare", "Propunerea de redactare", "Redacția propusă",
        "Textul propus", "Formularea propusă", "Propunerea de modificare",
        "Предлагаемая редакция", "Предложенная редакция", "Редакция",
        "Предлагаемый текст",
    ),
    "rationale": (
        "Rationale", "Justification", "Reason", "Reasons", "Argument", "Arguments",
        "Argumentarea", "Argumentare", "Argumentele", "Justificare", "Justificarea",
        "Motivarea", "Motivare",
        "Обоснование", "Аргументация", "Аргументы",
    ),
    "submitted_on": (
        "Date", "Submitted on", "Date submitted", "Submission date", "Data", "Timestamp",
        "Submitted", "Submission time", "Received date", "Date received", "Created at",
        "Completion time", "Posted date", "Data trimiterii", "Data primirii",
        "Data transmiterii", "Data depunerii", "Data prezentării", "Дата",
        "Дата подачи", "Дата представления",
    ),
}  # fmt: skip

_HEADERS = synonym_index(_HEADER_SYNONYMS)

# When no synonym matches exactly, a word stem decides; the order matters ("Tipul
# organizației" is a type before it is an organisation, "Acord de publicare a datelor"
# is consent before it is a date, "E-mail de contact" is an e-mail before a contact).
_HEADER_STEMS: tuple[tuple[str, str], ...] = (
    ("consent_to_publish", r"\b(acord|consimt|consent|согласи)"),
    ("proposed_wording", r"\b(redact|wording|formular|редакци)"),
    ("rationale", r"\b(argument|justific|motiv|rational|reason|обоснов|аргумент)"),
    ("stakeholder_type", r"\b(tip|type|categor|тип|категор)"),
    ("email", r"\b(e ?mail|почт|email)"),
    ("phone", r"\b(telef|phone|тел)"),
    ("position", r"\b(pozit|position|позиц)"),
    ("provision", r"\b(prevede|articol|provision|article|стать|положен)"),
    ("comment", r"\b(comment|observat|obiect|remark|коммент|замечан)"),
    ("organisation", r"\b(organi[sz]|org\b|instituti|организ|учрежден)"),
    ("contact_name", r"\b(contact|nume|name|контакт|фио)"),
    ("submitted_on", r"^(data|date|дата)\b"),
)


def match_header(text: str) -> str | None:
    """The feedback field a column header (or a respondent label) names, or ``None``.

    Case, diacritics (ș ş s), punctuation and spacing are ignored; "X / Y" bilingual
    labels match on either side.
    """
    if not text.strip():
        return None
    return exact_header(text) or stem_header(key(text))


def exact_header(text: str) -> str | None:
    """The field a header names exactly (either side of "X / Y"), or ``None``."""
    return _lookup(text, _HEADERS)


def stem_header(folded: str) -> str | None:
    """The field a word of a folded header points to, or ``None``: a weaker match, which
    an exact name elsewhere in the row beats."""
    for field, stem in _HEADER_STEMS:
        if re.search(stem, folded):
            return field
    return None


# --- text ----------------------------------------------------------------------------

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")  # and soft hyphen
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")  # no-break spaces count as spaces
_UNUSUAL_SPACE = re.compile(r"[\t\u00a0\u2007\u202f]|  ")  # what _SPACES would change
_NEWLINES = re.compile(r" ?\n[ \n]*")  # a run of line breaks, and spaces around them


def normalise_text(value: str) -> str:
    """The form of a text used for matching, grouping and the report.

    NFC; no zero-width characters; runs of spaces and tabs become one space and runs of
    line breaks one line break; trimmed. Romanian ş ţ written with a cedilla (old
    keyboards) become ș ț with a comma below, except in text with Gagauz or Turkish
    letters, where the cedilla is correct.
    """
    text = unicodedata.normalize("NFC", value)
    # One scan says whether anything is to do (most comments need nothing): each
    # substitution rebuilds the whole text.
    if not _SOMETHING_TO_DO.search(text):
        return text.strip()
    text = _ZERO_WIDTH.sub("", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _UNUSUAL_SPACE.search(text):
        text = _SPACES.sub(" ", text)
    if "\n" in text:
        text = _NEWLINES.sub("\n", text)
    return comma_below(text.strip())


# A zero-width character, a line break, an unusual space, two spaces, or a cedilla.
_SOMETHING_TO_DO = re.compile(
    "[\u200b\u200c\u200d\u2060\ufeff\u00ad\r\n\t\u00a0\u2007\u202f\u015f\u0163\u015e\u0162]|  "
)


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# --- stakeholder type, position, consent ---------------------------------------------

# Stakeholder types and positions are read by meaning, not from a list (:mod:`.meaning`).
parse_stakeholder_type = meaning.parse_stakeholder_type
parse_position = meaning.parse_position


_CONSENT = {
    **dict.fromkeys(("yes", "y", "da", "да", "true", "1", "x", "v", "ok", "agree"), True),
    **dict.fromkeys(("de acord", "sunt de acord", "согласен", "согласна"), True),
    **dict.fromkeys(("no", "n", "nu", "нет", "false", "0", "none"), False),
}
_YES_NO_WORDS = frozenset({"yes", "no", "da", "nu", "да", "нет"})
_CHECKMARKS = frozenset("✓✔☑☒✗✘+")  # symbols that fold to an empty key; ✗ ✘ still mean "ticked"


def parse_consent(value: object) -> bool | None:
    """Whether the respondent agreed to publication; empty means no; ``None`` if unclear."""
    if isinstance(value, bool):
        return value
    text = _as_text(value)
    if text and set(text) <= _CHECKMARKS:
        return True
    if not key(text):
        return False
    sides = label_sides(text)
    answers = {_consent_answer(side) for side in sides[1:] or sides} - {None}
    # "Da / Yes" gives {True}; a contradictory "Da / No" gives two answers: unclear.
    return answers.pop() if len(answers) == 1 else None


def _consent_answer(text: str) -> bool | None:
    """ "da", or a sentence that starts with it: "Da, sunt de acord", "Nu sunt de acord"."""
    folded = key(text)
    if folded in _CONSENT:
        return _CONSENT[folded]
    first = folded.split(" ", 1)[0]
    return _CONSENT[first] if first in _YES_NO_WORDS else None


# --- dates ---------------------------------------------------------------------------

# Excel counts 1900-02-29, a day that never was, as serial 60. Day 0 is 1899-12-31 below
# it and 1899-12-30 from it on, which puts serial 60 on 1900-02-28, as openpyxl does.
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_EARLY_EPOCH = date(1899, 12, 31)
_MAX_SERIAL = 2_958_465  # 9999-12-31

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan ianuarie ian января январь янв",
        "february feb februarie февраля февраль фев",
        "march mar martie марта март",
        "april apr aprilie апреля апрель апр",
        "may mai мая май",
        "june jun iunie iun июня июнь",
        "july jul iulie iul июля июль",
        "august aug августа август авг",
        "september sep sept septembrie сентября сентябрь сен сент",
        "october oct octombrie октября октябрь окт",
        "november nov noiembrie noi ноября ноябрь ноя",
        "december dec decembrie декабря декабрь дек",
    ),
    start=1,
):
    _MONTHS.update(dict.fromkeys((key(name) for name in _names.split()), _number))

_ISO = re.compile(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?![\d])")
_DAY_FIRST = re.compile(r"(?<!\d)(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})(?!\d)")
_DAY_MONTH_YEAR = re.compile(r"(?<!\d)(\d{1,2})\s*([^\W\d_]+)\.?,?\s*(\d{4})(?!\d)")
_MONTH_DAY_YEAR = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})(?!\d)")


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _from_serial(serial: float) -> date | None:
    if not 1 <= serial <= _MAX_SERIAL:
        return None
    epoch = _EXCEL_EPOCH if serial >= 60 else _EXCEL_EARLY_EPOCH
    return epoch + timedelta(days=int(serial))


def _date_from_text(text: str, month_first: bool = False) -> date | None:
    if re.fullmatch(r"\d{5}(\.\d+)?", text):  # a serial date that a CSV export kept as a number
        return _from_serial(float(text))
    if match := _ISO.search(text):
        year, month, day = (int(part) for part in match.groups())
        return _safe_date(year, month, day)
    if match := _DAY_FIRST.search(text):  # Moldova writes the day first: 12.09.2025
        first, second, year = (int(part) for part in match.groups())
        day, month = (second, first) if month_first else (first, second)
        return _safe_date(year + 2000 if year < 100 else year, month, day)
    if match := _DAY_MONTH_YEAR.search(text):
        month_number = _MONTHS.get(key(match[2]))
        if month_number is not None:
            return _safe_date(int(match[3]), month_number, int(match[1]))
    if match := _MONTH_DAY_YEAR.search(text):
        month_number = _MONTHS.get(key(match[1]))
        if month_number is not None:
            return _safe_date(int(match[3]), month_number, int(match[2]))
    return None


def parse_date(value: object, month_first: bool = False) -> date | None:
    """A date from a date cell, an Excel serial number or a date written as text.

    ``month_first``: a date written with numbers only ("6/5/2018") is month, day, year;
    decide it for the whole column with :func:`column_date_order`.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):  # bool is an int: True is not 1900-01-01
        return None
    if isinstance(value, int | float):
        return _from_serial(value)
    if isinstance(value, str):
        return _date_from_text(value.strip(), month_first)
    return None


def reads_two_ways(text: str) -> bool:
    """Whether a date written with slashes reads as two different days (6/5/2018)."""
    match = _DAY_FIRST.search(text)
    if match is None or "/" not in match[0] or _ISO.search(text):
        return False
    first, second = int(match[1]), int(match[2])
    return first <= 12 and second <= 12 and first != second


@dataclass(frozen=True)
class DateOrder:
    """How a column writes its numeric dates: ``month_first``, and whether its values show
    it (``shown``) or it was assumed (from the platform, or the day first as in Moldova)."""

    month_first: bool
    shown: bool
    ambiguous: bool  # some value reads as two different dates (5/6/2018), the order assumed


def column_date_order(values: Iterable[object], month_first_by_default: bool = False) -> DateOrder:
    """The day/month order of a column, decided from all its values, never per cell.

    A value whose first number is over 12 shows the day comes first (21.08.2019); one whose
    second number is over 12 shows the month comes first (8/21/2019). When the values show
    nothing (or contradict each other), dates with dots or dashes are read day first, as in
    Moldova, and those with slashes in the platform's order.
    """
    day_first = month_first = ambiguous = False
    slashes = False
    for value in values:
        if not isinstance(value, str) or _ISO.search(value):
            continue
        match = _DAY_FIRST.search(value)
        if match is None:
            continue
        first, second = int(match[1]), int(match[2])
        slashes = slashes or "/" in match[0]
        if first > 12 >= second:
            day_first = True
        elif second > 12 >= first:
            month_first = True
        elif first != second:
            ambiguous = True
    if day_first != month_first:
        return DateOrder(month_first, True, False)
    return DateOrder(slashes and month_first_by_default, False, ambiguous)


# --- provisions ----------------------------------------------------------------------


@dataclass(frozen=True)
class Provision:
    """A place in the draft: article, alineat and point as written; all ``None`` = General.

    ``subpoint`` is the letter inside a numbered point ("pct. 2 lit. a)" of a regulation,
    "art. I pct. 1 lit. a)" of an amending law); it is never set without ``point``.
    """

    article: str | None = None
    alineat: str | None = None
    point: str | None = None
    subpoint: str | None = None

    @property
    def is_general(self) -> bool:
        return self.article is None and self.alineat is None and self.point is None


_GENERAL = Provision()

_GENERAL_WORDS = frozenset(
    key(word)
    for word in (
        "general", "generale", "in general", "în general", "general comments",
        "overall", "whole draft", "entire draft", "comentarii generale",
        "observații generale", "în ansamblu", "proiectul în ansamblu", "integral",
        "общие", "общее", "общий", "в целом", "общие замечания", "общие комментарии",
    )
)  # fmt: skip

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SUPERSCRIPT_RUN = re.compile("(\\d)([⁰¹²³⁴⁵⁶⁷⁸⁹]+)")

_PROVISION = re.compile(
    r"""
    (?:la|în|in|to|к|в)?\s*                     # "La art. 3": "to article 3"
    (?:                                         # the article (a regulation's "pct. 5" has none)
        (?:articolul|articolele|articol|article|art|статья|статьи|ст)\.?\s*
        (?:nr\.?|no\.?|№)?\s*                   # "art. nr. 3" in some forms
        (?P<article>
            \d+(?:\s*\^\s*\d+)?                 # 3, or 30^1 (superscripts are ^ by now)
          | [ivxlcdm]+(?![a-zа-я])              # III: the articles of an amending law
        )
        (?:\s*\((?P<glued_alineat>\d+)\))?      # 3(2): the alineat in parentheses
        (?:\s*\((?P<glued_point>[a-zа-я]|\d+)\))?   # 3(2)(b): then the point
    )?
    [\s,;]*
    (?:                                         # the alineat
        (?:alineatul|alineat|aliniatul|aliniat|alin|al|paragraph|para|par|часть|части|ч)\.?
        \s*\(?(?P<alineat>\d+)\)?
    )?
    [\s,;]*
    (?:                                         # the point: lit. b), pct. 5, (b), b)
        (?:(?:litera|lit|punctul|punct|pct|point|letter|литера|лит|пункт|п)\.?\s*)
        \(?(?P<point>[a-zа-я]|\d+)\)?
      | \((?P<bare_point>[a-zа-я])\)            # "paragraph 2 (b)"
      | (?P<closed_point>[a-zа-я])\)            # "(2) b)"
    )?
    (?:[\s,;]*                                  # a letter inside a numbered point: "pct. 2 lit. a)"
        (?:litera|lit|letter|литера|лит)\.?\s*\(?(?P<subpoint>[a-zа-я])\)?
    )?
    (?:\s*[.:–—-]\s*[^\W\d].*)?                 # a title after the reference: "Art. 3. Scopul"
    """,
    re.X | re.I | re.S,
)


def parse_provision(text: str) -> Provision | None:
    """The provision a comment is about, or ``None`` when the text is not understood.

    Accepts "General", "Art. 3", "art.3 alin.(2) lit.b)", "Articolul III", "art. 30^1",
    "Art. 3(2)(b)", "Article 3 paragraph 2 (b)", "ст. 3 ч. 2 п. b", "pct. 5" (a point of
    a regulation) and the like. Roman numerals come back upper-case, superscripts as ^.
    """
    cleaned = unicodedata.normalize("NFC", text).strip().rstrip(".;:")
    if not key(cleaned) or key(cleaned) in _GENERAL_WORDS:
        return _GENERAL
    # "30¹" is article 30^1, not article 301.
    cleaned = _SUPERSCRIPT_RUN.sub(lambda m: m[1] + "^" + m[2].translate(_SUPERSCRIPTS), cleaned)
    match = _PROVISION.fullmatch(cleaned)
    if match is None:
        return None
    article = match["article"]
    alineat = match["glued_alineat"] or match["alineat"]
    point = match["glued_point"] or match["point"] or match["bare_point"] or match["closed_point"]
    if article is None and (point is None or alineat is not None):
        return None  # an alineat means nothing without its article
    if match["subpoint"] and not (point and point.isdigit()):
        return None  # letters sit inside numbered points, not inside letters
    if article is not None:
        article = re.sub(r"\s+", "", article).upper()
    subpoint = match["subpoint"]
    return Provision(
        article,
        alineat,
        point.lower() if point else None,
        subpoint.lower() if subpoint else None,
    )
