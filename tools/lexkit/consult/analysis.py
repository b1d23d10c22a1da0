"""Analysis: the register turned into what the consultation report and the note say.

The register is read once per build (:func:`read_consultation`: one pass of queries, shared
by every language). From what was read, a :class:`ConsultationReport` makes, for one
language, the plain data templates see (``consultation`` in a template's context): at once
what does not depend on the drafts, and, when first asked, the :class:`Synthesis` in the
drafts' order with its charts as PNG bytes (pictures named ``chart:...``) and the complete
synthesis as an XLSX annex, each once.

Personal data never leaves the register: e-mail addresses and phone numbers are not read at
all, and a private individual's name appears only when they consented to publication.

Every text from the register in the context is escaped for Markdown: a stakeholder's ``*``,
``|``, ``[…](#…)`` or line break is shown as written, never read as markup.

The context (``consultation``), every count a number of comments unless it says otherwise:

- ``participants``: respondents (an organisation or a named person once, each anonymous
  respondent apart); ``comments``; ``campaigns``: campaigns, each counted once;
  ``by_type``: participants by stakeholder type (``type``, ``label``, ``count``);
  ``channels``: comments by kind of file (``channel``, ``count``); ``first_date``,
  ``last_date``: the first and last date a comment was sent on ("" when none says);
- the author's decisions: ``accepted``, ``partially_accepted``, ``rejected`` (not
  accepted), ``noted``, ``pending`` (no decision yet);
- ``rows``: the complete synthesis, in the draft's order (general comments first, provisions
  that match nothing last), a campaign once with its count; each row has ``number``,
  ``participant``, ``campaign_count`` (0 for a single comment), ``document``,
  ``provision``, ``matched``, ``topic`` (the question of a survey the comment answers, ""
  otherwise), ``position``, ``comment``, ``proposed_wording``, ``decision``, ``argument``;
- ``synthesis_limit``: the most rows the report's table shows
  (:data:`SYNTHESIS_TABLE_LIMIT`); ``grouped``: True when there are more, and the report
  then shows ``groups`` instead of ``rows``; ``annex``: the file name of the XLSX annex
  with the complete synthesis (and the consenting participants) written beside the
  document whose template names it, or None when the report holds everything;
- ``groups``: the synthesis by provision (and, for a survey's answers, by question): each
  with ``provision``, ``general`` (the general comments), ``matched``, ``topic``,
  ``comments``, the counts ``support``, ``support_with_amendments``, ``oppose``,
  ``comment`` and ``positions`` (``label``, ``count``, those not 0), ``campaigns`` (rows,
  each campaign once with its count), ``sample`` (rows: for each position, the first
  comment received, one with a proposed wording preferred) and ``not_shown`` (comments in
  neither);
- ``by_provision``: comments by provision in the draft's order (``provision``,
  ``comments``, ``positions``), what the charts draw;
- ``closed_questions``: the closed answers of surveys, one entry per question
  (``question``, ``answered``, ``answers``: ``answer``, ``count``, ``percent``);
- ``process``: the account of the process: ``files`` received, ``files_read``,
  ``unreadable`` (``name``, ``reason`` of each file that could not be read),
  ``rows_read``, ``rows_accepted``, ``rows_rejected``, ``rejection_reasons`` (``reason``,
  ``count`` in rows), ``flagged`` (comments kept with values not understood) and ``flags``
  (``kind``, ``label``, ``count``), ``anonymous``, ``survey_comments`` (answers to a
  survey's open questions), ``closed_answers``, ``campaign_comments``, and how campaigns
  are counted: ``campaign_minimum`` respondents, ``similarity`` (per cent alike);
- ``consenting``: the names of the participants who consented to publication (in the
  annex instead when there are more than :data:`SYNTHESIS_TABLE_LIMIT`:
  ``consenting_in_annex``), ``consenting_count``.

``rows``, ``grouped``, ``groups``, ``by_provision`` and ``annex`` depend on the order of the
drafts (:data:`SYNTHESIS_KEYS`), the rest only on the register and the language.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from lexkit.consult.register import Register
from lexkit.consult.vocabulary import GENERAL, NOTHING_TO_ANSWER, POSITIONS, STAKEHOLDER_TYPES
from lexkit.io.charts import chart_label, figure, png
from lexkit.io.xlsx import CELL_LIMIT, FIXED_PROPERTY_DATE, fit_cell
from lexkit.language import Lang

SYNTHESIS_TABLE_LIMIT = 300
"""The most rows the report's synthesis table shows. A row holds a comment of 200-600
characters, its proposal and the author's answer: about four rows a page, so 300 rows are
some 75 pages of table, past which a reader can no longer find a provision in Word. Above
it the report groups the synthesis by provision and the complete list goes to the XLSX
annex, which can be filtered."""

CHART_BARS = 25  # provisions a chart shows, the most commented; the rest are one bar
CAMPAIGN_NAMES = 10  # participants of a campaign named in the report; the rest counted

DECISIONS: dict[str, dict[Lang, str]] = {
    "accepted": {"ro": "Se acceptă", "en": "Accepted"},
    "partially-accepted": {"ro": "Se acceptă parțial", "en": "Partially accepted"},
    "not-accepted": {"ro": "Nu se acceptă", "en": "Not accepted"},
    "noted": {"ro": "Se ia act", "en": "Noted"},
}
PENDING: dict[Lang, str] = {"ro": "În examinare", "en": "Under examination"}
PRIVATE: dict[Lang, str] = {"ro": "Persoană fizică", "en": "Private individual"}
ANONYMOUS: dict[Lang, str] = {"ro": "Anonim", "en": "Anonymous"}
_UNMATCHED: dict[Lang, str] = {
    "ro": "Prevederi care nu corespund proiectului actual",
    "en": "Provisions that match nothing in the current draft",
}
_OTHER_PROVISIONS: dict[Lang, str] = {"ro": "Alte prevederi", "en": "Other provisions"}

# The kinds of flag intake writes ("position: 'poate' not understood ..."), as the report
# names them; a kind not listed is shown as written.
_FLAG_KINDS: dict[str, dict[Lang, str]] = {
    "position": {"ro": "poziția", "en": "position"},
    "stakeholder type": {"ro": "tipul părții interesate", "en": "stakeholder type"},
    "consent": {"ro": "acordul de publicare", "en": "consent to publication"},
    "date": {"ro": "data", "en": "date"},
    "provision": {
        "ro": "prevederea (nu corespunde proiectului)",
        "en": "provision (matches nothing in the draft)",
    },
    "text": {"ro": "textul (codificare greșită)", "en": "text (wrong encoding)"},
}
# Reasons intake gives for a rejected row, in Romanian; a reason not listed is shown as
# recorded.
_REASONS_RO: dict[str, str] = {
    NOTHING_TO_ANSWER: "fără comentariu, propunere de redactare sau răspuns: nimic de examinat",
}


def _label(labels: dict[str, str], code: str, lang: Lang) -> str:
    """ "susțin / support" -> "susțin" (ro) or "support" (en)."""
    romanian, _, english = labels.get(code, code).partition(" / ")
    return romanian if lang == "ro" or not english else english


# Characters Markdown (or lexkit's dialect) would read as markup in a stakeholder's text.
_MARKUP = re.compile(r"([\\`*_\[\]<>|~#{}&])")
_LINE_BREAKS = re.compile(r"\s*\n\s*")


def markdown_text(text: str) -> str:
    """A text shown as written in Markdown: markup characters escaped, line breaks made
    spaces (a table row is one line), and in ``[^1]`` a word joiner before the ``^``, which
    the dialect would otherwise read as a footnote with no text (an error). ``30^1`` stays
    article 30 with a raised 1, as a drafter writes it."""
    if "\n" in text:
        text = _LINE_BREAKS.sub(" ", text)
    if "[^" in text:
        text = text.replace("[^", "[\u2060^")
    return _MARKUP.sub(r"\\\1", text)


# ---------------------------------------------------------------- the register, read once


@dataclass(frozen=True, slots=True)
class _Comment:
    id: int
    who: str  # the respondent, as participants are counted
    organisation: str
    person: str
    consent: bool
    stakeholder_type: str
    document: str
    provision: str | None
    provision_raw: str
    position: str
    comment: str
    proposed_wording: str
    decision: str | None
    argument: str
    campaign: str | None
    submitted_on: str | None
    file_id: int
    question: str | None
    flags: str | None

    @property
    def anonymous(self) -> bool:
        return not (self.organisation or self.person)

    def published(self, lang: Lang) -> str:
        """The organisation; a person's name only with their consent."""
        if self.organisation:
            return self.organisation
        if not self.person:
            return ANONYMOUS[lang]
        return self.person if self.consent else PRIVATE[lang]


@dataclass(frozen=True)
class _File:
    id: int
    name: str
    status: str
    reason: str
    rows_read: int
    accepted: int
    rejected: int
    profile: str | None


@dataclass(frozen=True)
class ConsultationData:
    """What the report needs of the register, read once (:func:`read_consultation`)."""

    comments: list[_Comment]
    files: list[_File]
    rejections: list[tuple[str, int]]  # reason as recorded -> rows
    answers: list[tuple[str, str, int]]  # (question, answer, respondents), in first order

    @cached_property
    def provision_keys(self) -> tuple[tuple[str, str], ...]:
        """(document, label) of every matched provision the comments are about."""
        return tuple(
            sorted(
                {
                    (c.document, c.provision)
                    for c in self.comments
                    if c.provision is not None and c.provision != GENERAL
                }
            )
        )

    def order_key(self, provision_order: Sequence[tuple[str, str]]) -> tuple[int | None, ...]:
        """What of the drafts' order the synthesis depends on: two orders with the same key
        give the same report (a document built later changes nothing it says)."""
        index = _order_index(provision_order)
        return tuple(index.get(key) for key in self.provision_keys)


_COMMENTS_QUERY = (
    "SELECT c.id, c.file_id, c.sheet, c.row, c.organisation, c.contact_name, c.consent, "
    "c.stakeholder_type, c.document, c.provision, c.provision_raw, c.position, c.comment, "
    "c.proposed_wording, c.campaign, c.submitted_on, c.question, c.flags, d.decision, "
    "d.argument FROM comments c LEFT JOIN decisions d ON d.comment_id = c.id ORDER BY c.id"
)


def read_consultation(register: Register) -> ConsultationData:
    """The comments (never an e-mail address or phone number), the files, the reasons rows
    were rejected and the tally of the closed answers: one pass over the register."""
    cursor = register.db.cursor()
    cursor.row_factory = None  # plain tuples: a third of the time of sqlite3.Row by name
    comments = [_comment(row) for row in cursor.execute(_COMMENTS_QUERY)]
    files = [
        _File(id_, name, status, reason or "", rows_read, accepted, rejected, profile)
        for id_, name, status, reason, rows_read, accepted, rejected, profile in cursor.execute(
            "SELECT id, name, status, reason, rows_read, accepted, rejected, profile "
            "FROM files ORDER BY id"
        )
    ]
    rejections = cursor.execute(
        "SELECT reason, count(*) FROM rejections GROUP BY reason ORDER BY reason"
    ).fetchall()
    tallies = cursor.execute(
        "SELECT question, answer, count(*), min(id) FROM answers GROUP BY question, answer"
    ).fetchall()
    first: dict[str, int] = {}
    for question, _, _, answered_first in tallies:
        first[question] = min(first.get(question, answered_first), answered_first)
    answers = [
        (question, answer, count)
        for question, answer, count, _ in sorted(tallies, key=lambda t: (first[t[0]], t[1]))
    ]
    return ConsultationData(comments, files, rejections, answers)


def _comment(row: tuple[Any, ...]) -> _Comment:
    (id_, file_id, sheet, number, organisation, person, consent, stakeholder_type, document,
     provision, provision_raw, position, comment, proposed_wording, campaign, submitted_on,
     question, flags, decision, argument) = row  # fmt: skip
    who = (organisation or person or "").casefold() or f"\0{file_id}\0{sheet}\0{number}"
    return _Comment(
        id_, who, organisation or "", person or "", bool(consent), stakeholder_type,
        document, provision, provision_raw, position, comment or "", proposed_wording or "",
        decision, argument or "", campaign, submitted_on, file_id, question, flags,
    )  # fmt: skip


def _order_index(provision_order: Sequence[tuple[str, str]]) -> dict[tuple[str, str], int]:
    index: dict[tuple[str, str], int] = {}
    for key in provision_order:
        index.setdefault(key, len(index))
    return index


# ---------------------------------------------------------------- the synthesis


class SynthesisRow:
    """One row of the synthesis: a comment, or a campaign standing for its comments.

    Templates see its texts escaped for Markdown; the annex takes them as written.
    """

    __slots__ = (
        "_first",
        "_lang",
        "_names",
        "_place",
        "_provision",
        "campaign_count",
        "matched",
        "number",
    )

    def __init__(
        self, first: _Comment, campaign: list[_Comment] | None, lang: Lang, places: _Places
    ) -> None:
        self.number = 0
        self.campaign_count = len(campaign) if campaign else 0
        self.matched = first.provision is not None
        self._first = first
        self._lang = lang
        self._place = places.row(first)
        self._provision = places.provision(first)
        self._names = _campaign_names(campaign, lang) if campaign else []

    def _participant_text(self, names_shown: int | None) -> str:
        if not self.campaign_count:
            return self._first.published(self._lang)
        count, lang = self.campaign_count, self._lang
        head = (
            f"{count} participanți (campanie)"
            if lang == "ro"
            else f"{count} participants (campaign)"
        )
        names = self._names if names_shown is None else self._names[:names_shown]
        more = len(self._names) - len(names)
        if more:
            names = [*names, f"și încă {more}" if lang == "ro" else f"and {more} more"]
        return f"{head}: {', '.join(names)}" if names else head

    def as_written(self) -> tuple[int | str | None, ...]:
        """The row's fields as written (not escaped), in the annex's order of columns."""
        first, lang = self._first, self._lang
        return (
            self.number,
            self._participant_text(None),
            self.campaign_count or None,
            first.document,
            self._provision,
            first.question or "",
            _label(POSITIONS, first.position, lang),
            first.comment,
            first.proposed_wording,
            DECISIONS[first.decision][lang] if first.decision else PENDING[lang],
            first.argument,
        )

    @property
    def participant(self) -> str:
        return markdown_text(self._participant_text(CAMPAIGN_NAMES))

    @property
    def document(self) -> str:
        return markdown_text(self._first.document)

    @property
    def provision(self) -> str:
        return markdown_text(self._provision)

    @property
    def topic(self) -> str:
        return markdown_text(self._first.question or "")

    @property
    def position(self) -> str:
        return _label(POSITIONS, self._first.position, self._lang)

    @property
    def comment(self) -> str:
        return markdown_text(self._first.comment)

    @property
    def proposed_wording(self) -> str:
        return markdown_text(self._first.proposed_wording)

    @property
    def decision(self) -> str:
        decision = self._first.decision
        return DECISIONS[decision][self._lang] if decision else PENDING[self._lang]

    @property
    def argument(self) -> str:
        return markdown_text(self._first.argument)


def _campaign_names(group: list[_Comment], lang: Lang) -> list[str]:
    """The campaign's participants who may be named: organisations, and people who agreed."""
    return sorted({c.published(lang) for c in group if c.organisation or (c.person and c.consent)})


class _Places:
    """Where a comment stands in the synthesis: general comments first, then the drafts'
    provisions in their order, then provisions that match nothing; within one, the
    answers to each question of a survey together, in the order the questions came."""

    def __init__(
        self,
        order: dict[tuple[str, str], int],
        comments: Iterable[_Comment],
        labels: Mapping[tuple[str, str], str],
    ) -> None:
        self.order = order
        self.labels = labels
        self.questions: dict[str, int] = {}
        for comment in comments:
            if comment.question is not None:
                self.questions.setdefault(comment.question, len(self.questions) + 1)

    def group(self, c: _Comment) -> tuple[Any, ...]:
        """The group of the grouped synthesis: one per provision (all that match nothing
        together) and question."""
        question = self.questions.get(c.question, 0) if c.question is not None else 0
        if c.provision == GENERAL:
            return (0, 0, "", "", question)
        if c.provision is None:
            return (2, 0, "", "", question)
        return (1, self.order.get((c.document, c.provision), len(self.order)), c.document,
                c.provision, question)  # fmt: skip

    def provision(self, c: _Comment) -> str:
        """The provision as this language's draft names it; as written when it matches
        nothing."""
        if c.provision is None:
            return c.provision_raw
        return self.labels.get((c.document, c.provision), c.provision)

    def row(self, c: _Comment) -> tuple[Any, ...]:
        section, index, document, label, question = self.group(c)
        raw = c.provision_raw if c.provision is None else ""
        return (section, index, document, label, raw, question, c.id)


def _synthesis(comments: list[_Comment], lang: Lang, places: _Places) -> list[SynthesisRow]:
    """One row per comment, a campaign once with its count, in the order of the draft."""
    campaigns: dict[str, list[_Comment]] = {}
    for comment in comments:
        if comment.campaign:
            campaigns.setdefault(comment.campaign, []).append(comment)
    rows = []
    for comment in comments:
        group = campaigns.get(comment.campaign or "", [])
        if len(group) < 2:  # a campaign of one is a comment
            rows.append(SynthesisRow(comment, None, lang, places))
        elif group[0] is comment:  # the campaign stands at its first comment's place
            rows.append(SynthesisRow(comment, group, lang, places))
    rows.sort(key=lambda row: row._place)
    for number, row in enumerate(rows, start=1):
        row.number = number
    return rows


_POSITION_KEYS = {code: code.replace("-", "_") for code in POSITIONS}


def _groups(
    comments: list[_Comment], rows: list[SynthesisRow], places: _Places, lang: Lang
) -> list[dict[str, Any]]:
    """The synthesis by provision and question: the comments of each by position, each
    campaign once (where its first comment stands), and for each position its first
    comment (one with a proposed wording preferred)."""
    members: dict[tuple[Any, ...], list[_Comment]] = {}
    for comment in comments:
        members.setdefault(places.group(comment), []).append(comment)
    rows_of: dict[tuple[Any, ...], list[SynthesisRow]] = {}
    for row in rows:
        rows_of.setdefault(places.group(row._first), []).append(row)
    out = []
    for key in sorted(members):
        mine = members[key]
        positions = Counter(c.position for c in mine)
        campaigns = [row for row in rows_of.get(key, []) if row.campaign_count]
        sample = _sample([row for row in rows_of.get(key, []) if not row.campaign_count])
        tags = {row._first.campaign for row in campaigns}
        sampled = {row._first.id for row in sample}
        shown = sum(1 for c in mine if c.id in sampled or (c.campaign and c.campaign in tags))
        first = mine[0]
        provision = _UNMATCHED[lang] if key[0] == 2 else markdown_text(places.provision(first))
        out.append({
            "provision": provision,
            "general": key[0] == 0,
            "matched": key[0] != 2,
            "topic": markdown_text(first.question or ""),
            "comments": len(mine),
            **{name: positions[code] for code, name in _POSITION_KEYS.items()},
            "positions": [
                {"label": _label(POSITIONS, code, lang), "count": positions[code]}
                for code in POSITIONS
                if positions[code]
            ],
            "campaigns": campaigns,
            "sample": sample,
            "not_shown": len(mine) - shown,
        })  # fmt: skip
    return out


def _sample(rows: list[SynthesisRow]) -> list[SynthesisRow]:
    """For each position, the first comment received, one with a proposed wording first."""
    chosen: dict[str, SynthesisRow] = {}
    for row in sorted(rows, key=lambda r: (not r._first.proposed_wording, r._first.id)):
        chosen.setdefault(row._first.position, row)
    return sorted(chosen.values(), key=lambda r: r.number)


def _by_provision(
    comments: list[_Comment], places: _Places, lang: Lang
) -> list[tuple[str, Counter[str]]]:
    """Comments by provision (all that match nothing as one), in the draft's order, each
    with its positions (by label)."""
    tallies: dict[tuple[Any, ...], tuple[str, Counter[str]]] = {}
    for c in comments:
        section, index, document, label, _ = places.group(c)
        key = (section, index, document, label)
        if key not in tallies:
            name = _UNMATCHED[lang] if section == 2 else places.provision(c)
            tallies[key] = (name, Counter())
        tallies[key][1][_label(POSITIONS, c.position, lang)] += 1
    return [tallies[key] for key in sorted(tallies)]


# ---------------------------------------------------------------- the rest of the context


def _participants(comments: list[_Comment]) -> dict[str, _Comment]:
    first: dict[str, _Comment] = {}
    for comment in comments:
        first.setdefault(comment.who, comment)
    return first


def _channel(file_name: str) -> str:
    suffix = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    return {"xlsx": "XLSX", "xls": "XLS", "ods": "ODS", "csv": "CSV"}.get(suffix, suffix.upper())


def _closed_questions(data: ConsultationData) -> list[dict[str, Any]]:
    """One tally per closed question: each answer with its count and share."""
    tallies: dict[str, list[tuple[str, int]]] = {}
    for question, answer, count in data.answers:
        tallies.setdefault(question, []).append((answer, count))
    out = []
    for question, answers in tallies.items():
        answered = sum(count for _, count in answers)
        out.append({
            "question": markdown_text(question),
            "answered": answered,
            "answers": [
                {"answer": markdown_text(answer), "count": count,
                 "percent": round(100 * count / answered)}
                for answer, count in sorted(answers, key=_answer_order)
            ],
        })  # fmt: skip
    return out


def _answer_order(item: tuple[str, int]) -> tuple[Any, ...]:
    """A scale in its order (1, 2 … 10), other answers the most frequent first."""
    answer, count = item
    number = answer.strip()
    return (0, int(number), "") if number.isdigit() else (1, -count, answer)


def _flag_kinds(comments: list[_Comment], lang: Lang) -> list[dict[str, Any]]:
    """How many comments carry each kind of flag (the words before a flag's first ":")."""
    kinds: Counter[str] = Counter()
    for c in comments:
        if c.flags:
            kinds.update({line.split(":", 1)[0].strip() for line in c.flags.split("\n") if line})
    return [
        {"kind": kind, "label": _FLAG_KINDS.get(kind, {}).get(lang, markdown_text(kind)),
         "count": count}
        for kind, count in sorted(kinds.items(), key=lambda item: (-item[1], item[0]))
    ]  # fmt: skip


def _rejection_reasons(data: ConsultationData, lang: Lang) -> list[dict[str, Any]]:
    """Rows rejected by reason; a row rejected for two reasons counts under both."""
    reasons: Counter[str] = Counter()
    for recorded, count in data.rejections:
        for reason in recorded.split("; "):
            reasons[reason.strip()] += count
    out = []
    for reason, count in sorted(reasons.items(), key=lambda item: (-item[1], item[0])):
        shown = reason
        if lang == "ro":
            shown = _REASONS_RO.get(reason, reason)
        out.append({"reason": markdown_text(shown), "count": count})
    return out


def _process(data: ConsultationData, comments: list[_Comment], lang: Lang) -> dict[str, Any]:
    """The account of the process: files, rows, flags, anonymous comments, campaigns."""
    # How intake counts campaigns. Imported here: campaigns brings rapidfuzz,
    # a tenth of a second that a build without comments should not pay.
    from lexkit.consult.campaigns import CAMPAIGN_MINIMUM, NEAR_IDENTICAL

    read = [f for f in data.files if f.status != "unreadable"]
    profiles = Counter(f.profile for f in read if f.profile)
    return {
        "files": len(data.files),
        "files_read": len(read),
        "unreadable": [
            {"name": markdown_text(f.name), "reason": markdown_text(f.reason)}
            for f in data.files
            if f.status == "unreadable"
        ],
        "profiles": [
            {"profile": markdown_text(p), "files": n} for p, n in sorted(profiles.items())
        ],
        "rows_read": sum(f.rows_read for f in data.files),
        "rows_accepted": sum(f.accepted for f in data.files),
        "rows_rejected": sum(f.rejected for f in data.files),
        "rejection_reasons": _rejection_reasons(data, lang),
        "flagged": sum(1 for c in comments if c.flags),
        "flags": _flag_kinds(comments, lang),
        "anonymous": sum(1 for c in comments if c.anonymous),
        "survey_comments": sum(1 for c in comments if c.question is not None),
        "closed_answers": sum(count for _, _, count in data.answers),
        "campaign_comments": sum(1 for c in comments if c.campaign),
        "campaign_minimum": CAMPAIGN_MINIMUM,
        "similarity": round(NEAR_IDENTICAL * 100),
    }


def consultation_context(
    data: ConsultationData, lang: Lang, provision_order: Sequence[tuple[str, str]]
) -> dict[str, Any]:
    """Everything a template may say about the consultation (see the module's docstring).

    ``provision_order``: (document, label) of the drafts in document order, so the synthesis
    follows the draft; general comments come first, unmatched provisions last.
    """
    report = ConsultationReport(data, lang)
    return {**report.context, **report.synthesis(provision_order).context}


SYNTHESIS_KEYS = frozenset({"rows", "grouped", "groups", "by_provision", "annex"})
"""The keys of the context that depend on the order of the drafts (:meth:`ConsultationReport
.synthesis`); the others are the same for every deliverable of a language."""


class ConsultationReport:
    """The consultation in one language: what does not depend on the drafts (counts, the
    account of the process, the closed answers) made at once, the synthesis for an order of
    the drafts made when first asked, once for each order it depends on."""

    def __init__(self, data: ConsultationData, lang: Lang) -> None:
        self.data = data
        self.lang = lang
        comments = data.comments
        self.participants = _participants(comments)
        self.by_type = Counter(c.stakeholder_type for c in self.participants.values())
        self.consenting = sorted(
            {c.published(lang) for c in self.participants.values() if c.consent and not c.anonymous}
        )
        self.context = self._context()
        self._syntheses: dict[tuple[int | None, ...], Synthesis] = {}

    def synthesis(
        self,
        provision_order: Sequence[tuple[str, str]],
        labels: Mapping[tuple[str, str], str] | None = None,
    ) -> Synthesis:
        """The synthesis in the order of the drafts' provisions (document, label as the
        register names them), each named by ``labels`` where this language's draft names it
        otherwise; made once for all orders that place the comments alike."""
        key = self.data.order_key(provision_order)
        if key not in self._syntheses:
            self._syntheses[key] = Synthesis(self, provision_order, labels or {})
        return self._syntheses[key]

    def _context(self) -> dict[str, Any]:
        lang, data, comments = self.lang, self.data, self.data.comments
        decided = Counter(c.decision for c in comments if c.decision)
        dates = [c.submitted_on for c in comments if c.submitted_on]
        names = {f.id: f.name for f in data.files}
        channels = Counter(_channel(names.get(c.file_id, "")) for c in comments)
        in_annex = len(self.consenting) > SYNTHESIS_TABLE_LIMIT
        return {
            "participants": len(self.participants),
            "comments": len(comments),
            "synthesis_limit": SYNTHESIS_TABLE_LIMIT,
            "campaigns": len({c.campaign for c in comments if c.campaign}),
            "by_type": [
                {"type": kind, "label": _label(STAKEHOLDER_TYPES, kind, lang), "count": n}
                for kind, n in sorted(self.by_type.items(), key=lambda item: (-item[1], item[0]))
            ],
            "accepted": decided.get("accepted", 0),
            "partially_accepted": decided.get("partially-accepted", 0),
            "rejected": decided.get("not-accepted", 0),
            "noted": decided.get("noted", 0),
            "pending": sum(1 for c in comments if not c.decision),
            "first_date": min(dates, default=""),
            "last_date": max(dates, default=""),
            "channels": [{"channel": k, "count": n} for k, n in sorted(channels.items())],
            "closed_questions": _closed_questions(data),
            "process": _process(data, comments, lang),
            "consenting": [] if in_annex else [markdown_text(n) for n in self.consenting],
            "consenting_count": len(self.consenting),
            "consenting_in_annex": in_annex,
        }


class Synthesis:
    """The synthesis of one language in one order of the drafts: its part of the context
    (:data:`SYNTHESIS_KEYS`) made at once, the charts and the annex when first asked."""

    def __init__(
        self,
        report: ConsultationReport,
        provision_order: Sequence[tuple[str, str]],
        labels: Mapping[tuple[str, str], str],
    ) -> None:
        self.report = report
        lang, comments = report.lang, report.data.comments
        places = _Places(_order_index(provision_order), comments, labels)
        self.rows = _synthesis(comments, lang, places)
        self.by_provision = _by_provision(comments, places, lang)
        self.context: dict[str, Any] = {
            "rows": self.rows,
            "grouped": len(self.rows) > SYNTHESIS_TABLE_LIMIT,
            "groups": _groups(comments, self.rows, places, lang),
            "by_provision": [
                {
                    "provision": markdown_text(name),
                    "comments": sum(positions.values()),
                    "positions": [{"label": k, "count": n} for k, n in positions.items()],
                }
                for name, positions in self.by_provision
            ],
            "annex": None,  # named by the build, beside the document that mentions it
        }

    @property
    def needs_annex(self) -> bool:
        """True when the report cannot hold the complete synthesis or list of names."""
        return max(len(self.rows), len(self.report.consenting)) > SYNTHESIS_TABLE_LIMIT

    @cached_property
    def charts(self) -> dict[str, bytes]:
        """The report's charts as PNG, by picture name ("chart:participants-by-type")."""
        lang = self.report.lang
        types = {_label(STAKEHOLDER_TYPES, k, lang): n for k, n in self.report.by_type.items()}
        return charts(types, self.by_provision, lang)

    @cached_property
    def annex(self) -> bytes:
        """The complete synthesis, and the participants who consented, as XLSX."""
        return synthesis_workbook(self.rows, self.report.consenting, self.report.lang)


# ---------------------------------------------------------------- the annex

_ANNEX_COLUMNS: list[tuple[str, dict[Lang, str], float]] = [
    ("number", {"ro": "Nr.", "en": "No."}, 8),
    ("participant", {"ro": "Participantul", "en": "Participant"}, 32),
    ("campaign_count", {"ro": "Participanți în campanie", "en": "Participants in campaign"}, 14),
    ("document", {"ro": "Documentul", "en": "Document"}, 18),
    ("provision", {"ro": "Prevederea", "en": "Provision"}, 22),
    ("topic", {"ro": "Tema (întrebarea)", "en": "Topic (question)"}, 30),
    ("position", {"ro": "Poziția", "en": "Position"}, 20),
    ("comment", {"ro": "Conținutul obiecției / propunerii", "en": "Objection or proposal"}, 60),
    ("proposed_wording", {"ro": "Propunerea de redactare", "en": "Proposed wording"}, 45),
    ("decision", {"ro": "Poziția autorului", "en": "Author's position"}, 22),
    ("argument", {"ro": "Argumentarea autorului", "en": "Author's argument"}, 50),
]
ANNEX_SHEETS: dict[Lang, tuple[str, str]] = {
    "ro": ("Sinteza", "Participanți"),
    "en": ("Synthesis", "Participants"),
}
_NAMES_HEADER: dict[Lang, str] = {
    "ro": "Participanții care au consimțit publicarea",
    "en": "Participants who consented to publication",
}


def synthesis_workbook(rows: list[SynthesisRow], consenting: list[str], lang: Lang) -> bytes:
    """The complete synthesis (a filterable sheet, every row of the report's table) and the
    participants who consented to publication, as deterministic XLSX bytes."""
    from lexkit.consult.decisions import row_height, workbook_with_rows  # only for an annex

    widths = [width for _, _, width in _ANNEX_COLUMNS]
    cells = [[_fit(value) for value in row.as_written()] for row in rows]
    names: list[list[int | str | None]] = [[_fit(name)] for name in consenting]
    laid_out = _annex_layout(lang, len(rows))
    heights = [row_height(c, widths) for c in cells]
    return workbook_with_rows(laid_out, {1: (cells, heights), 2: (names, None)})


def _fit(value: int | str | None) -> int | str | None:
    """A value for a cell (:func:`~lexkit.io.xlsx.fit_cell`, called only on the texts it
    would change: a million calls are a second)."""
    if isinstance(value, str) and (len(value) > CELL_LIMIT or value.startswith(_FORMULA)):
        return fit_cell(value)
    return value


_FORMULA = ("=", "+", "-", "@")  # what fit_cell neutralises


def _annex_layout(lang: Lang, rows: int) -> bytes:
    """The annex as openpyxl lays it out: each sheet's header, the style of its rows (row 2,
    which workbook_with_rows fills in), the synthesis's filter."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    synthesis_title, names_title = ANNEX_SHEETS[lang]
    sheet.title = synthesis_title
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="D9E2F3")
    wrap = Alignment(wrap_text=True, vertical="top")
    for column, (_, headers, width) in enumerate(_ANNEX_COLUMNS, 1):
        header = sheet.cell(1, column, headers[lang])
        header.font, header.fill, header.alignment = bold, fill, wrap
        sheet.cell(2, column).alignment = wrap  # the pattern of every row
        sheet.column_dimensions[get_column_letter(column)].width = width
    last = get_column_letter(len(_ANNEX_COLUMNS))
    sheet.auto_filter.ref = f"A1:{last}{max(rows + 1, 2)}"
    sheet.freeze_panes = "A2"
    people = book.create_sheet(names_title)
    people.cell(1, 1, _NAMES_HEADER[lang]).font = bold
    people.cell(2, 1).alignment = wrap
    people.column_dimensions["A"].width = 60
    props = book.properties
    props.title = "Sinteza recomandărilor" if lang == "ro" else "Synthesis of recommendations"
    props.creator = ""
    props.language = "ro-RO" if lang == "ro" else "en-GB"
    props.created = props.modified = FIXED_PROPERTY_DATE
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- charts

_TITLES: dict[str, dict[Lang, str]] = {
    "participants-by-type": {"ro": "Participanți pe tipuri", "en": "Participants by type"},
    "comments-by-provision": {"ro": "Comentarii pe prevederi", "en": "Comments by provision"},
    "positions-by-provision": {"ro": "Poziții pe prevederi", "en": "Positions by provision"},
}


def charts(
    types: Mapping[str, int], by_provision: list[tuple[str, Counter[str]]], lang: Lang
) -> dict[str, bytes]:
    """The report's charts as PNG, by picture name: participants by type, comments and
    positions by provision (the :data:`CHART_BARS` most commented provisions, in the
    draft's order, the others as one bar)."""
    provisions = _chart_provisions(by_provision, lang)
    return {
        "chart:participants-by-type": _bar_chart(
            dict(types), _TITLES["participants-by-type"][lang]
        ),
        "chart:comments-by-provision": _bar_chart(
            {name: sum(positions.values()) for name, positions in provisions},
            _TITLES["comments-by-provision"][lang],
        ),
        "chart:positions-by-provision": _stacked_chart(
            dict(provisions),
            _TITLES["positions-by-provision"][lang],
            [_label(POSITIONS, code, lang) for code in POSITIONS],
        ),
    }


def _chart_provisions(
    by_provision: list[tuple[str, Counter[str]]], lang: Lang
) -> list[tuple[str, Counter[str]]]:
    """The most commented provisions in the draft's order, the others summed as one bar: a
    chart of hundreds of bars is unreadable (and as tall as it is long)."""
    if len(by_provision) <= CHART_BARS:
        return by_provision
    ranked = sorted(range(len(by_provision)), key=lambda i: -sum(by_provision[i][1].values()))
    kept = set(ranked[: CHART_BARS - 1])
    others: Counter[str] = Counter()
    for index in ranked[CHART_BARS - 1 :]:
        others.update(by_provision[index][1])
    shown = [item for index, item in enumerate(by_provision) if index in kept]
    return [*shown, (_OTHER_PROVISIONS[lang], others)]


def _bar_chart(values: dict[str, int], title: str) -> bytes:
    labels = [chart_label(label) for label in values] or ["—"]
    counts = list(values.values()) or [0]
    drawn, axes = figure(title, len(labels))
    axes.barh(labels[::-1], counts[::-1], color="#4a6fa5")
    axes.xaxis.get_major_locator().set_params(integer=True)
    return png(drawn, labels)


def _stacked_chart(values: dict[str, Counter[str]], title: str, order: list[str]) -> bytes:
    """Bars of each provision's positions, in ``order`` (support green, oppose red)."""
    provisions = list(values) or ["—"]
    labels = [chart_label(p) for p in provisions]
    present = {kind for counter in values.values() for kind in counter}
    kinds = [kind for kind in order if kind in present] + sorted(present - set(order))
    drawn, axes = figure(title, len(provisions))
    left = [0] * len(provisions)
    colours = ["#2e7d32", "#9ccc65", "#c62828", "#90a4ae"]
    for index, kind in enumerate(kinds):
        counts = [values[p][kind] for p in provisions]
        axes.barh(labels[::-1], counts[::-1], left=left[::-1], label=kind,
                  color=colours[index % len(colours)])  # fmt: skip
        left = [a + b for a, b in zip(left, counts, strict=True)]
    if kinds:
        axes.legend(fontsize=8, loc="lower right")
    axes.xaxis.get_major_locator().set_params(integer=True)
    return png(drawn, labels)
