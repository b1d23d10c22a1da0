"""Which column of a stakeholder's sheet holds what: the mapping intake reads by.

A sheet's header row is looked for in its first rows. Each column gets a role: a feedback
field (:data:`~lexkit.consult.fields.FIELDS`), a first or last name (joined into the
contact name), a survey question (``question``: free text, each answer a comment of its
own; ``closed``: scales, yes/no and choices, tallied in the report), or ``ignored`` (kept
in the row as sent, nothing more). The roles come, strongest first, from:

1. the drafter's rules (``--map FIELD=COLUMN``, or ``consultation.mappings`` in dossier.yaml);
2. a built-in profile of a known export, recognised by its header signature;
3. an exact header name ("Comment", "Organization Name", "firstName"), anywhere in the row;
4. a word stem ("Observații și propuneri"), only where no exact name gave the field.

Whatever the header says, a column whose values are numbers, dates or identifiers is never
the comment, and the values decide whether a question is free text or closed.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from lexkit.consult import fields
from lexkit.io.spreadsheets import Sheet, cell_text

QUESTION = "question"  # a free-text survey question: one comment per answered cell
CLOSED = "closed"  # a closed question: tallied in the report, never a comment
IGNORED = "ignored"
FIRST_NAME, LAST_NAME = "first_name", "last_name"
ROLES: tuple[str, ...] = (*fields.FIELDS, FIRST_NAME, LAST_NAME, QUESTION, CLOSED, IGNORED)
SHOWN_ROLES = {QUESTION: "question: free text", CLOSED: "question: closed"}

HEADER_SCAN = 15  # rows looked at for the header row
SAMPLE = 200  # values per column read to decide what the column holds
TEXT_FIELDS = frozenset({"comment", "proposed_wording", "rationale"})


class MapError(ValueError):
    """A ``--map`` rule that cannot be read; the message says how to write it."""


# ---------------------------------------------------------------- the drafter's rules


@dataclass(frozen=True)
class Rule:
    """``FIELD=COLUMN``: the column(s) matching ``column`` take the role ``role``.

    ``provision`` is set for a question tied to a provision ("Art. 3=Q2*").
    """

    role: str
    column: str
    provision: str | None = None
    source: str = "--map"

    @property
    def text(self) -> str:
        target = self.provision if self.provision is not None else self.role
        return f"{target}={self.column}"


_ROLE_ALIASES = {"ignore": IGNORED, "skip": IGNORED, "name": "contact_name"}


def parse_rule(text: str, source: str = "--map") -> Rule:
    """``comment=Text Comment``, ``comment=Q1: Please explain*``, ``comment=D``,
    ``ignore=Title``, ``Art. 3=Q2*`` (a question about article 3)."""
    target, equals, column = text.partition("=")
    target, column = target.strip(), column.strip()
    if not equals or not target or not column:
        raise MapError(
            f"{text!r}: write FIELD=COLUMN, e.g. comment='Text Comment', comment='Q1*' or comment=D"
        )
    role = _ROLE_ALIASES.get(target.casefold(), target.casefold().replace("-", "_"))
    if role in ROLES:
        return Rule(role, column, None, source)
    provision = fields.parse_provision(target)
    if provision is not None and not provision.is_general:
        return Rule(QUESTION, column, target, source)
    raise MapError(
        f"{text!r}: {target!r} is not a field; use one of {', '.join(ROLES)}, "
        "or a provision such as 'Art. 3' for a question about it"
    )


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number - 1


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _rule_columns(rule: Rule, headers: Sequence[str], first_column: int) -> list[int]:
    """The columns a rule names: an exact header (any case), a glob of it, or a letter."""
    wanted = rule.column.casefold()
    exact = [i for i, h in enumerate(headers) if h.strip().casefold() == wanted]
    if exact:
        return exact
    if any(ch in rule.column for ch in "*?["):
        return [i for i, h in enumerate(headers) if h and fnmatch.fnmatchcase(h.casefold(), wanted)]
    if re.fullmatch(r"[A-Za-z]{1,3}", rule.column):
        index = _column_number(rule.column) - first_column
        return [index] if index >= 0 else []
    return []


# ---------------------------------------------------------------- header names


def header_key(text: str) -> str:
    """A header folded for matching: camelCase and snake_case split, then as
    :func:`~lexkit.consult.fields.key` ("firstName", "first_name" -> "first name")."""
    spaced = re.sub(r"(?<=[a-zà-ÿ])(?=[A-Z])", " ", text.strip())
    return fields.key(spaced.replace("_", " "))


_LOCALE_SUFFIX = re.compile(r"^(.*\S)\s*(?:[/_ ]|\()([a-z]{2}(?:[-_][a-zA-Z]{2})?)\)?$")
_LOCALES = frozenset(
    re.findall(r"\w+", "ro ru en fr de es ca it pt pl uk bg hu nl el cs sk sl hr sr lt lv et")
) | {"fi", "sv", "da", "ga", "mt", "gl", "eu", "tr"}


def base_and_locale(header: str) -> tuple[str, str | None]:
    """ "body/en" -> ("body", "en"): the same field in several languages (Decidim)."""
    match = _LOCALE_SUFFIX.match(header.strip())
    if match and match[2].split("-")[0].split("_")[0].casefold() in _LOCALES:
        return match[1], match[2]
    return header, None


_NAME_PARTS = {
    FIRST_NAME: (
        "first name", "given name", "forename", "firstname", "prenume", "prenumele",
        "имя и отчество",
    ),
    LAST_NAME: (
        "last name", "surname", "family name", "lastname", "nume de familie",
        "numele de familie", "фамилия",
    ),
}  # fmt: skip
NAME_KEYS = {fields.key(s): role for role, synonyms in _NAME_PARTS.items() for s in synonyms}


def _exact_role(header: str) -> str | None:
    folded = header_key(header)
    if folded in NAME_KEYS:
        return NAME_KEYS[folded]
    found = fields.exact_header(header) or fields.exact_header(folded)
    if found is None:
        base, locale = base_and_locale(header)
        if locale is not None:
            found = fields.exact_header(header_key(base))
    return found


# Questions that ask for a field: "What is your name?", "What type of organisation are you
# responding on behalf of?", "Are you responding as an individual or...?".
_ASKING_FOR: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), role)
    for pattern, role in (
        (r"\b(type of (organi[sz]ation|respondent|stakeholder)|responding as an individual)",
         "stakeholder_type"),
        (r"\bname of (your|the) organi[sz]ation|\bwhich organi[sz]ation\b", "organisation"),
        (r"\bwhat is your (full )?name\b|\bnumele (si|și) prenumele\b", "contact_name"),
        (r"\b(your )?e ?mail address\b", "email"),
        (r"\bdo you (agree|consent) to (the )?publi", "consent_to_publish"),
    )
)  # fmt: skip


def _stem_role(header: str) -> str | None:
    """A field a word of the header points to. A question ("Which provisions would you
    change?", "Q3: ...") names no field by its words, unless it asks for one ("What is your
    name?"); a long label does ("Denumirea completă a organizației care a transmis...")."""
    folded = header_key(header)
    for pattern, role in _ASKING_FOR:
        if pattern.search(folded):
            return role
    if header.rstrip().endswith("?") or _NUMBERED_QUESTION.search(header):
        return None
    return fields.stem_header(folded)


_NUMBERED_QUESTION = re.compile(
    r"^\s*(?:prop\s*\d+\s*)?(?:q|question|întrebarea|intrebarea|вопрос)\s*\.?\s*\d+", re.I
)
_QUESTION_HEADER = re.compile(
    r"\?\s*\S{0,3}$"  # ends with a question mark
    # "Q1", "Prop 1 Q8", "Întrebarea 3", "Вопрос 2"
    r"|^\s*(?:prop\s*\d+\s*)?(?:q|question|întrebarea|intrebarea|вопрос)\s*\.?\s*\d+"
    r"|^\s*\d+(?:\.\d+)*\s*[.):]\s",  # "3. Do you agree", "2.1) ..."
    re.I,
)


def question_like(header: str) -> bool:
    """A header that asks something: "Q1: Please explain...", "Do you agree?", a sentence."""
    return bool(_QUESTION_HEADER.search(header)) or len(header.split()) >= 7


# ---------------------------------------------------------------- what a column holds

EMPTY, NUMBER, DATE, IDENTIFIER, CATEGORY, SHORT, TEXT = (
    "empty", "numbers", "dates", "identifiers", "a few repeated values", "short values",
    "free text",
)  # fmt: skip

_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?%?")
_DATE_TEXT = re.compile(
    r"\d{4}[-./]\d{1,2}[-./]\d{1,2}(?:[ T].*)?|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}(?:[ ,T].*)?"
)
_IDENTIFIER = re.compile(r"(?=\S*\d)[\w:./#-]{5,}|[0-9a-f]{8}-[0-9a-f]{4}-\S+", re.I)
_CLOSED_WORDS = frozenset(
    fields.key(w)
    for w in (
        "yes", "no", "da", "nu", "да", "нет", "true", "false", "n/a", "don't know",
        "nu știu", "не знаю", "strongly agree", "agree", "somewhat agree", "disagree",
        "somewhat disagree", "strongly disagree", "neither agree nor disagree", "neutral",
        "support", "oppose", "other", "altele", "другое", "anonymous", "public", "individual",
    )
)  # fmt: skip


def column_kind(values: Iterable[object]) -> str:
    """What a column's values are: numbers, dates, identifiers, a few repeated values
    (choices), short values (names, places) or free text."""
    cells = [v for v in values if not (v is None or (isinstance(v, str) and not v.strip()))]
    if not cells:
        return EMPTY
    texts = [cell_text(v).strip() for v in cells]
    count = len(cells)
    numbers = sum(
        1
        for v, t in zip(cells, texts, strict=True)
        if (isinstance(v, int | float) and not isinstance(v, bool)) or _NUMBER.fullmatch(t)
    )
    dates = sum(
        1
        for v, t in zip(cells, texts, strict=True)
        if isinstance(v, date | datetime) or _DATE_TEXT.fullmatch(t)
    )
    if numbers == count:
        return NUMBER
    if dates and dates + numbers >= count * 0.9:
        return DATE
    if sum(1 for t in texts if " " not in t and _IDENTIFIER.fullmatch(t)) >= count * 0.9:
        return IDENTIFIER
    # Values are folded only when all are short: a comment column is not folded cell by cell.
    short = all(len(t) <= 40 and len(t.split()) <= 5 for t in texts)
    if short:
        folded = [fields.key(t) for t in texts]
        if all(f in _CLOSED_WORDS for f in folded):
            return CATEGORY
        if count >= 4 and len(set(folded)) <= max(2, count // 3):
            return CATEGORY
    if count >= 4 and _choices(texts):
        return CATEGORY
    long_values = sum(1 for t in texts if len(t) >= 25 or len(t.split()) >= 4)
    if long_values >= max(1, count // 4):
        return TEXT
    return SHORT


_CHOICE_SEPARATOR = re.compile(r"\s*[;,]\s*")


def _choices(texts: list[str]) -> bool:
    """Whether the values are ticked boxes: a few short options, joined by ";" or ","."""
    options: set[str] = set()
    ticked = 0
    for text in texts:
        parts = [p for p in _CHOICE_SEPARATOR.split(text) if p]
        if not parts or any(len(p) > 30 or len(p.split()) > 3 for p in parts):
            return False
        options.update(fields.key(p) for p in parts)
        ticked += len(parts)
    # Several boxes ticked in one answer, and options that come back.
    return ticked > len(texts) and len(options) < ticked


_NOT_COMMENT = frozenset({NUMBER, DATE, IDENTIFIER})


# ---------------------------------------------------------------- profiles


@dataclass(frozen=True)
class Profile:
    """A known export: recognised when every header of one of its signatures is present.

    ``roles`` name the role of its own headers (folded); ``survey``: its other columns are
    questions; ``month_first``: its dates are written month first when a column does not
    show the order (a US platform); ``values``: answers it writes in its own code.
    """

    name: str
    signatures: tuple[frozenset[str], ...]
    roles: dict[str, str]
    survey: bool = False
    month_first: bool = False
    values: dict[str, dict[str, str]] = field(default_factory=dict)


def _keys(*headers: str) -> frozenset[str]:
    return frozenset(header_key(h) for h in headers)


def _roles(table: dict[str, Sequence[str]]) -> dict[str, str]:
    return {header_key(h): role for role, headers in table.items() for h in headers}


# fmt: off
PROFILES: tuple[Profile, ...] = (
    Profile(
        "regulations-gov",
        (
            _keys("Document ID", "Docket ID", "Comment"),
            _keys("commentOn", "comment"),
            _keys("Docket ID", "Comment On Document ID"),
        ),
        _roles({
            "comment": ("Comment",),
            "organisation": ("Organization Name", "organization"),
            FIRST_NAME: ("First Name", "firstName"),
            LAST_NAME: ("Last Name", "lastName"),
            "stakeholder_type": ("Category",),
            "submitted_on": ("Received Date", "receiveDate"),
            IGNORED: (
                "Document ID", "documentId", "Agency ID", "agencyId", "Docket ID", "docketId",
                "Tracking Number", "trackingNbr", "Document Type", "documentType",
                "Posted Date", "postedDate", "Is Withdrawn?", "withdrawn",
                "Federal Register Number",
                "FR Citation", "Title", "title", "Comment Start Date", "Comment Due Date",
                "Page Count", "Comment On Document ID", "commentOn", "commentOnDocumentId",
                "Submitter Representative", "submitterRep", "Government Agency Type",
                "govAgencyType", "Government Agency", "govAgency", "City", "State/Province",
                "stateProvinceRegion", "Zip/Postal Code", "zip", "Country", "country",
                "Attachment Files", "Content Files", "Restrict Reason Type", "Restrict Reason",
                "Subtype", "Legacy ID", "Topics", "Duplicate Comments", "Postmark Date",
                "Reason Withdrawn", "Related RIN(s)", "Source Citation", "Additional Field 1",
                "Additional Field 2", "Abstract", "Effective Date", "Implementation Date",
                "Author Date",
            ),
        }),
        month_first=True,
    ),
    Profile(
        "have-your-say",
        (_keys("Feedback", "User type"), _keys("feedback", "userType")),
        _roles({
            "comment": ("Feedback", "feedback"),
            "stakeholder_type": ("User type", "userType"),
            "organisation": ("Organisation", "Organisation name", "organization"),
            FIRST_NAME: ("First name", "firstName"),
            LAST_NAME: ("Surname", "Last name", "surname"),
            "submitted_on": ("Date", "dateFeedback", "Feedback date"),
            IGNORED: (
                "Id", "Feedback reference", "Reference", "Language", "language",
                "Organisation size", "organizationSize", "Transparency register number",
                "trNumber", "Country", "country", "Publication", "publication",
                "Attachment", "Attachments", "attachments", "Scope", "Status",
                "Initiative", "Referenced initiative", "Company size",
            ),
        }),
    ),
    Profile(
        "decidim",
        (_keys("body", "alignment"), _keys("body", "endorsements/total_count")),
        _roles({
            "comment": ("body",),
            "contact_name": ("author/name", "user/name"),
            "position": ("alignment",),
            "submitted_on": ("created_at", "published_at"),
            IGNORED: (
                "id", "author/id", "author/nickname", "author/url", "user_group/id",
                "user_group/name", "commentable_id", "commentable_type",
                "root_commentable_url", "depth", "locale", "title", "category/id",
                "category/name", "scope/id", "scope/name", "participatory_space/id",
                "participatory_space/url", "component/id", "endorsements/total_count",
                "comments", "votes", "followers", "state", "reference", "url", "answer",
                "answered_at", "supports", "address", "latitude", "longitude",
                "is_amend", "original_proposal/title", "original_proposal/url",
                "meeting_urls", "related_proposals", "related_meetings", "updated_at",
                "attachments", "endorsements/user_endorsements",
            ),
        }),
        values={"position": {"1": "support", "-1": "oppose", "0": "comment"}},
    ),
    Profile(
        "consul",
        (_keys("id", "comments_count", "cached_votes_up"),
         _keys("commentable_id", "commentable_type", "body")),
        _roles({
            "comment": ("description", "body"),
            "submitted_on": ("created_at",),
            IGNORED: (
                "id", "title", "author_id", "user_id", "comments_count", "cached_votes_up",
                "cached_votes_down", "cached_votes_total", "cached_votes_score",
                "hot_score", "confidence_score", "hidden_at", "flags_count", "ignored_flag_at",
                "updated_at", "commentable_id", "commentable_type", "ancestry",
                "geozone_id", "tag_list", "summary", "video_url", "external_url",
                "responsible_name", "retired_at", "retired_reason", "retired_explanation",
                "community_id", "published_at", "selected", "moderated_at",
            ),
        }),
    ),
    Profile(
        "kobotoolbox",
        (_keys("_uuid", "_submission_time"), _keys("_id", "_index", "_submission_time")),
        _roles({
            "submitted_on": ("_submission_time",),
            IGNORED: (
                "start", "end", "today", "deviceid", "subscriberid", "simserial",
                "phonenumber", "username", "audit", "_id", "_uuid", "_index",
                "_validation_status", "_notes", "_status", "_submitted_by", "__version__",
                "_tags", "_parent_table_name", "_parent_index", "meta/instanceID",
                "meta/rootUuid", "formhub/uuid", "_xform_id_string", "_geolocation",
                "_attachments",
            ),
        }),
        survey=True,
    ),
    Profile(
        "microsoft-forms",
        (_keys("ID", "Start time", "Completion time"),),
        _roles({
            "submitted_on": ("Completion time",),
            "email": ("Email",),
            "contact_name": ("Name",),
            IGNORED: ("ID", "Start time", "Last modified time", "Total points",
                      "Quiz feedback"),
        }),
        survey=True,
        month_first=True,
    ),
    Profile(
        "citizen-space",
        (_keys("Response ID"), _keys("Response ID", "Submitted on")),
        _roles({
            "submitted_on": ("Submitted on", "Submitted On", "Completed"),
            IGNORED: ("Response ID", "Started on", "Start date", "End date", "Status",
                      "Respondent ID", "Collector ID"),
        }),
        survey=True,
    ),
    Profile(
        "iai-consult",
        (_keys("respondent_id"), _keys("response_id", "themefinder_id")),
        _roles({IGNORED: ("respondent_id", "response_id", "themefinder_id")}),
        survey=True,
    ),
    Profile(
        "google-forms",
        (_keys("Timestamp"), _keys("Marca temporală"), _keys("Marcaj de timp"),
         _keys("Отметка времени")),
        _roles({
            "submitted_on": ("Timestamp", "Marca temporală", "Marcaj de timp",
                             "Отметка времени"),
            "email": ("Email Address", "Email address", "Adresă de e-mail",
                      "Адрес электронной почты"),
            IGNORED: ("Score", "Punctaj", "Баллы"),
        }),
        survey=True,
        month_first=True,
    ),
)
# fmt: on
# The i.AI Consult template's sheets that describe the Responses sheet, not responses.
IAI_DESCRIPTION_SHEETS = frozenset(
    {"guide", "demographics", "open questions", "multiple choice questions", "hybrid questions"}
)


def _profile(keys: set[str]) -> Profile | None:
    for profile in PROFILES:
        if any(signature <= keys for signature in profile.signatures):
            return profile
    return None


# ---------------------------------------------------------------- the mapping


@dataclass(frozen=True)
class ColumnMapping:
    """One column: where it is, its header, its role and why."""

    index: int  # in the rows as read (0 = the sheet's first used column)
    letter: str  # as the spreadsheet shows it
    header: str
    role: str
    why: str = ""
    provision: str | None = None  # a question about a provision (--map "Art. 3=Q2*")
    samples: tuple[str, ...] = ()
    kind: str = ""

    @property
    def shown_role(self) -> str:
        return SHOWN_ROLES.get(self.role, self.role)


@dataclass(frozen=True)
class SheetMapping:
    """A sheet's header row and the role of each of its columns."""

    sheet: str
    header_index: int  # in Sheet.rows
    header_row: int  # the row number the user sees
    profile: str | None
    columns: tuple[ColumnMapping, ...]
    month_first: bool = False  # the profile's date order, where a column does not show it
    values: dict[str, dict[str, str]] = field(default_factory=dict)

    def role(self, header: str) -> str:
        """The role of the first column with this header ("ignored" when there is none)."""
        for column in self.columns:
            if column.header == header:
                return column.role
        return IGNORED

    def of_role(self, *roles: str) -> list[ColumnMapping]:
        return [c for c in self.columns if c.role in roles]


@dataclass
class _Candidate:
    index: int
    header: str
    role: str
    why: str
    strength: int  # 4 rule, 3 profile, 2 exact name, 1 stem
    provision: str | None = None


def map_sheet(
    sheet: Sheet, rules: Sequence[Rule] = (), scan: int = HEADER_SCAN
) -> SheetMapping | None:
    """The header row among the sheet's first rows and the role of each column, or None
    when no row names a column that can hold text to answer."""
    for index, row in enumerate(sheet.rows[:scan]):
        headers = [cell.strip() if isinstance(cell, str) else "" for cell in row]
        # A header row names two columns, or one that a rule names by its header (a
        # letter alone would make a title above the table its header).
        if sum(1 for h in headers if h) < 2 and not _named_by_rule(headers, rules):
            continue
        filled = [cell for cell in row if cell is not None and cell != ""]
        if sum(map(data_value, filled)) * 2 >= len(filled):
            continue  # dates, numbers and reference numbers name no column: a data row
        below = sheet.rows[index + 1 : index + 1 + SAMPLE]
        mapping = _map_row(sheet, index, headers, below, rules)
        if mapping is not None:
            return mapping
    return None


def data_value(cell: object) -> bool:
    """A cell that is a value, never a column's name: a date, a number, or a reference
    number such as "CMS-2019-0001-0001" (a header like "comment_art1" has fewer digits)."""
    if isinstance(cell, int | float | date | datetime) and not isinstance(cell, bool):
        return True
    if not isinstance(cell, str) or " " in cell.strip():
        return False
    text = cell.strip()
    if _DATE_TEXT.fullmatch(text) or _NUMBER.fullmatch(text):
        return True
    return sum(ch.isdigit() for ch in text) >= 4 and bool(_IDENTIFIER.fullmatch(text))


def _named_by_rule(headers: list[str], rules: Sequence[Rule]) -> bool:
    return any(
        headers[i]
        for rule in rules
        if not re.fullmatch(r"[A-Za-z]{1,3}", rule.column)
        for i in _rule_columns(rule, headers, 0)
    )


def _map_row(
    sheet: Sheet,
    index: int,
    headers: list[str],
    below: list[list[object]],
    rules: Sequence[Rule],
) -> SheetMapping | None:
    width = max([len(headers), *(len(row) for row in below)])
    headers = headers + [""] * (width - len(headers))
    columns = [[row[i] if i < len(row) else None for row in below] for i in range(width)]
    kinds = [column_kind(values) for values in columns]
    profile = _profile(
        {header_key(h) for h in headers if h}
        | {header_key(base_and_locale(h)[0]) for h in headers if h}
    )
    chosen = _choose(headers, kinds, profile, rules, sheet.first_column)
    recognised = [c for c in chosen.values() if c.role != IGNORED]
    fields_named = {c.role for c in recognised} & set(fields.FIELDS)
    text_roles = {c.role for c in recognised} & {"comment", "proposed_wording", QUESTION}
    by_name = fields_named & fields.CONTENT_FIELDS
    if not rules and profile is None and not (len(recognised) >= 2 and (by_name or text_roles)):
        return None
    if not text_roles:
        return None
    mapped = tuple(
        ColumnMapping(
            i,
            column_letter(i + sheet.first_column),
            headers[i],
            chosen[i].role if i in chosen else IGNORED,
            chosen[i].why if i in chosen else "",
            chosen[i].provision if i in chosen else None,
            _samples(columns[i]),
            kinds[i],
        )
        for i in range(len(headers))
        if headers[i] or i in chosen
    )
    return SheetMapping(
        sheet.name,
        index,
        sheet.numbers[index],
        profile.name if profile else None,
        mapped,
        profile.month_first if profile else False,
        profile.values if profile else {},
    )


def _samples(values: list[object], count: int = 3) -> tuple[str, ...]:
    out: list[str] = []
    for value in values:
        text = " ".join(cell_text(value).split())
        if text and text not in out:
            out.append(text if len(text) <= 60 else text[:57] + "...")
        if len(out) == count:
            break
    return tuple(out)


def _choose(
    headers: list[str],
    kinds: list[str],
    profile: Profile | None,
    rules: Sequence[Rule],
    first_column: int,
) -> dict[int, _Candidate]:
    """Each column's role: the drafter's rules first, then the profile, exact names and
    stems; a field goes to its strongest column whose values suit it."""
    chosen: dict[int, _Candidate] = {}
    ruled_roles: set[str] = set()
    for rule in rules:
        for i in _rule_columns(rule, headers, first_column):
            if i < len(headers):
                chosen[i] = _Candidate(
                    i, headers[i], rule.role, f"{rule.source} {rule.text}", 4, rule.provision
                )
                ruled_roles.add(rule.role)
    candidates: list[_Candidate] = []
    for i, header in enumerate(headers):
        if i in chosen or not header:
            continue
        candidates.extend(_candidates(i, header, profile))
    # A field named by a rule is not looked for elsewhere; the others go to their best column.
    taken: set[int] = set(chosen)
    for candidate in sorted(candidates, key=lambda c: (-c.strength, c.index)):
        if candidate.index in taken:
            continue
        role = candidate.role
        single = role in fields.FIELDS or role in (FIRST_NAME, LAST_NAME)
        if single and role in ruled_roles:
            continue
        if role in TEXT_FIELDS and kinds[candidate.index] in _NOT_COMMENT:
            continue  # an id, a count or a date next to the text is never the text
        if role == "comment" and candidate.strength < 2 and kinds[candidate.index] == CATEGORY:
            continue  # a word of the header is not enough for a column of a few choices
        if single and any(c.role == role and not _alternative(c, candidate, headers)
                          for c in chosen.values()):  # fmt: skip
            continue
        chosen[candidate.index] = candidate
        taken.add(candidate.index)
    has_comment = any(c.role == "comment" for c in chosen.values())
    for i, header in enumerate(headers):
        if i in chosen or not header:
            continue
        if "comment" in ruled_roles and not question_like(header):
            continue  # the drafter named the comment column: a "Notes" column stays as sent
        role = _question_role(header, kinds[i], profile, has_comment)
        if role != IGNORED:
            chosen[i] = _Candidate(i, header, role, f"values: {kinds[i]}", 0)
    return chosen


def _alternative(first: _Candidate, second: _Candidate, headers: list[str]) -> bool:
    """Two columns of one field in two languages ("body/ca", "body/es"): both kept, the
    first one answered is read."""
    base_one, locale_one = base_and_locale(headers[first.index])
    base_two, locale_two = base_and_locale(headers[second.index])
    return bool(locale_one and locale_two and header_key(base_one) == header_key(base_two))


def _candidates(index: int, header: str, profile: Profile | None) -> list[_Candidate]:
    found = _named(index, header, profile)
    if profile is not None and profile.survey:
        # A survey's text columns are its questions, whatever their header says.
        return [
            _Candidate(c.index, c.header, QUESTION, c.why, c.strength)
            if c.role in TEXT_FIELDS and c.strength < 3
            else c
            for c in found
        ]
    return found


def _named(index: int, header: str, profile: Profile | None) -> list[_Candidate]:
    out: list[_Candidate] = []
    folded = header_key(header)
    if profile is not None:
        role = profile.roles.get(folded)
        if role is None:
            base, locale = base_and_locale(header)
            role = profile.roles.get(header_key(base)) if locale else None
        if role is not None:
            return [_Candidate(index, header, role, f"profile {profile.name}", 3)]
    label = _label(header)
    exact = _exact_role(header) or (_exact_role(label) if label is not None else None)
    if exact is not None:
        out.append(_Candidate(index, header, exact, "header name", 2))
    if profile is not None and not profile.survey:
        return out  # a known export's other columns are not guessed at
    stem = _stem_role(label if label is not None else header)
    if stem is not None and stem != exact:
        out.append(_Candidate(index, header, stem, "part of the header name", 1))
    return out


def _label(header: str) -> str | None:
    """The label of a "Label - question" header (Citizen Space: "Name - What is your
    name?") or the last step of a path (KoboToolbox: "grp_resp/org_name")."""
    label, dash, _ = header.partition(" - ")
    if dash and label.strip() and len(label.split()) <= 4:
        return label.strip()
    if "/" in header and " " not in header.strip() and base_and_locale(header)[1] is None:
        return header.rstrip("/").rsplit("/", 1)[-1]
    return None


def _question_role(
    header: str, kind: str, profile: Profile | None, has_comment: bool = False
) -> str:
    """A column no field claims: a question (free text or closed) or nothing.

    A column of text under a header that asks nothing ("Notes") is read beside a comment
    column; alone it is not taken for comments (a docket's "Title", a list's "Abstract"):
    the file is then refused by name, and ``--map`` can say which column to read.
    """
    if kind in (IDENTIFIER, DATE, EMPTY):
        return IGNORED
    if profile is not None and not profile.survey:
        return IGNORED  # a known export's other columns are its own metadata
    survey = profile is not None
    asks = survey or question_like(header)
    if kind == TEXT:
        return QUESTION if asks or has_comment else IGNORED
    if asks and kind in (CATEGORY, NUMBER):
        return CLOSED
    if asks and kind == SHORT:
        return CLOSED  # one or two words each: a choice (a region, a sector), not a comment
    return IGNORED
