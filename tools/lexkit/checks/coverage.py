"""Coverage checks: the documents say everything the data says, in both languages.

Every offence and occupation of the data is named in the law; every standard is
implemented by a provision or marked not applicable with a reason; every section of the
justification note is there and has text; the Romanian and English versions of each
deliverable have the same structure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lexkit.checks.data import OCCUPATIONS, STANDARDS, implemented
from lexkit.checks.subject import Subject, block_texts, visible_text
from lexkit.dossier.schema import Table as DataTable
from lexkit.engine.model import (
    Alineat,
    Block,
    Division,
    DocType,
    Document,
    Heading,
    Point,
    QuotedStructure,
    Table,
    plain_text,
)
from lexkit.errors import Location, Problem, Severity
from lexkit.language import Lang, expand_articles, fold

OFFENCES = "offences"

# ---------------------------------------------------------------- C001 offences

_NUMBER = r"\d+(?:\^\d+)?"
_TO = r"(?:\s*[–—-]\s*|\s+(?:to|până la)\s+)"
_ITEM = rf"{_NUMBER}(?:{_TO}{_NUMBER})?"
_MENTION = re.compile(
    r"\b(?:art\.|arts\.|articolelor|articolele|articolului|articolul|articles|article)\s*"
    rf"((?:{_ITEM})(?:\s*(?:,|și|and|or|sau)\s*{_ITEM})*)",
    re.IGNORECASE,
)
_ITEM_RE = re.compile(_ITEM)

ArticleKey = tuple[int, int]


def _key(number: str) -> ArticleKey:
    base, _, sup = number.partition("^")
    return int(base), int(sup or 0)


def mentioned_articles(text: str) -> list[tuple[ArticleKey, ArticleKey]]:
    """Every article or range of articles the text cites: "art. 171–175^1, 201 și 206"
    -> (171, 0)–(175, 1), (201, 0)–(201, 0), (206, 0)–(206, 0); "articolele 171 până la
    175", "Articles 171 to 175" and the genitive "articolului 201" too."""
    ranges: list[tuple[ArticleKey, ArticleKey]] = []
    for mention in _MENTION.finditer(text):
        for item in _ITEM_RE.finditer(mention.group(1)):
            ends = re.split(_TO, item.group())
            ranges.append((_key(ends[0]), _key(ends[-1])))
    return ranges


def _laws(subject: Subject) -> Iterator[tuple[Lang, str, Document]]:
    for lang, doc_id, document in subject.all_documents():
        if document.meta.type is DocType.LAW:
            yield lang, doc_id, document


def _law_text(document: Document) -> str:
    return "\n".join(visible_text(content) for _, content in block_texts(document))


def _row_location(table: DataTable, line: int, column: str) -> Location:
    return Location(table.source, line, column)


def offences_in_law(subject: Subject) -> Iterator[Problem]:
    offences = subject.table(OFFENCES)
    if offences is None or offences.schema is None or "article" not in offences.schema.columns:
        return
    for lang, doc_id, law in _laws(subject):
        cited = mentioned_articles(_law_text(law))
        for row, line in zip(offences, offences.lines, strict=True):
            article = str(row.get("article") or "")
            wanted = [(base, sup) for base, sup, _ in expand_articles(article)]
            missing = [k for k in wanted if not any(lo <= k <= hi for lo, hi in cited)]
            if missing:
                title = row.get(f"title_{lang}") or row.get("title") or ""
                yield Problem(
                    _row_location(offences, line, "article"),
                    f"the offence art. {article} {title} is not named in the law "
                    f"({doc_id}, {lang})".replace("  ", " "),
                    "add it to the law's list of offences, or delete the row if the law "
                    "leaves it out on purpose",
                    code="C001",
                )


# ---------------------------------------------------------------- C002 occupations


def _squeeze(text: str) -> str:
    return " ".join(text.casefold().split())


def occupations_in_law(subject: Subject) -> Iterator[Problem]:
    occupations = subject.table(OCCUPATIONS)
    if occupations is None:
        return
    for lang, doc_id, law in _laws(subject):
        text = _squeeze(_law_text(law))
        column = f"title_{lang}"
        for row, line in zip(occupations, occupations.lines, strict=True):
            name = column if column in row else "title"
            title = str(row.get(name) or "")
            if title and _squeeze(title) not in text:
                yield Problem(
                    _row_location(occupations, line, name),
                    f"the occupation „{title}” is not named in the law ({doc_id}, {lang})",
                    "add it to the law's list of occupations (its annex), or delete the row",
                    code="C002",
                )


# ---------------------------------------------------------------- C003 standards


def standards_implemented(subject: Subject) -> Iterator[Problem]:
    standards = subject.table(STANDARDS)
    if standards is None or standards.schema is None or standards.schema.key is None:
        return
    if subject.failed:
        return  # a document that did not build may implement it: wait until it does
    done = {key for key, _ in implemented(subject)}
    key_column = standards.schema.key
    reasons = [c for c in standards.schema.columns if c.startswith("not_applicable")]
    for row, line in zip(standards, standards.lines, strict=True):
        key = str(row.get(key_column) or "")
        if not key or key in done or any(row.get(c) for c in reasons):
            continue
        yield Problem(
            _row_location(standards, line, key_column),
            f"the standard {key!r} is implemented by no provision and not marked not applicable",
            f'add implements="{key}" to the provision that implements it, or give the '
            "reason in a not_applicable_ro / not_applicable_en column",
            code="C003",
        )


# ---------------------------------------------------------------- C004 justification note


@dataclass(frozen=True)
class Section:
    number: int
    ro: str
    en: str
    to_verify: bool = False


# legal-facts.md §4.3: items 1–7 seen in a real Government note [C]; 8–11 [P].
NOTE_SECTIONS = (
    Section(1, "Denumirea autorului și, după caz, a participanților la elaborarea proiectului",
            "Name of the author and, where applicable, of the participants in drafting"),
    Section(2, "Condițiile ce au impus elaborarea proiectului de act normativ și finalitățile "
               "urmărite", "Conditions that required the drafting and the aims pursued"),
    Section(3, "Descrierea gradului de compatibilitate pentru proiectele care au ca scop "
               "armonizarea legislației naționale cu legislația Uniunii Europene",
            "Degree of compatibility with European Union legislation"),
    Section(4, "Principalele prevederi ale proiectului și evidențierea elementelor noi",
            "Main provisions of the draft and new elements"),
    Section(5, "Fundamentarea economico-financiară", "Economic and financial grounds"),
    Section(6, "Modul de încorporare a actului în cadrul normativ în vigoare",
            "Manner of incorporating the act into the normative framework in force"),
    Section(7, "Avizarea și consultarea publică a proiectului",
            "Opinions on the draft and public consultation"),
    Section(8, "Constatările expertizei anticorupție", "Findings of the anti-corruption "
            "expertise", to_verify=True),
    Section(9, "Constatările expertizei de compatibilitate",
            "Findings of the compatibility expertise", to_verify=True),
    Section(10, "Constatările expertizei juridice", "Findings of the legal expertise",
            to_verify=True),
    Section(11, "Constatările altor expertize", "Findings of other expertise", to_verify=True),
)  # fmt: skip

_NOTE_TITLES = ("nota informativa", "informative note")
_SECTION_HEADING = re.compile(r"^\s*(\d+)\.\s")


def is_justification_note(document: Document) -> bool:
    return document.meta.type is DocType.NOTE and fold(document.meta.title).startswith(_NOTE_TITLES)


def _has_text(block: Block) -> bool:
    if isinstance(block, Table):
        return bool(block.rows)
    if isinstance(block, QuotedStructure):
        return bool(block.children)
    content = getattr(block, "content", None)
    return content is None or bool(plain_text(content).strip())


def note_sections(subject: Subject) -> Iterator[Problem]:
    for lang, _, document in subject.all_documents():
        if not is_justification_note(document):
            continue
        headings: dict[int, tuple[int, Heading]] = {}
        blocks = document.children
        for index, block in enumerate(blocks):
            if isinstance(block, Heading):
                match = _SECTION_HEADING.match(plain_text(block.content))
                if match:
                    headings.setdefault(int(match.group(1)), (index, block))
        for section in NOTE_SECTIONS:
            title = section.ro if lang == "ro" else section.en
            caveat = " (the list of sections 8–11 is to verify)" if section.to_verify else ""
            severity = Severity.WARNING if section.to_verify else None
            if section.number not in headings:
                yield Problem(
                    Location(document.source_file, 1),
                    f"section {section.number} „{title}” of the justification note is "
                    f"missing{caveat}",
                    f"add the heading '# {section.number}. {title}' and its text",
                    code="C004",
                    severity=severity,
                )
                continue
            index, heading = headings[section.number]
            if not _section_has_text(blocks, index, heading.level):
                yield Problem(
                    Location(heading.source.file, heading.source.line),
                    f"section {section.number} of the justification note has no text{caveat}",
                    "write the section; if it does not apply, say so and why",
                    code="C004",
                    severity=severity,
                )


def _section_has_text(blocks: list[Block], index: int, level: int) -> bool:
    for block in blocks[index + 1 :]:
        if isinstance(block, Heading):
            if block.level <= level:
                return False
            continue
        if _has_text(block):
            return True
    return False


# ---------------------------------------------------------------- C005 the two languages


@dataclass(frozen=True)
class _Unit:
    shape: tuple[object, ...]
    block: Block
    label: str


def _shape(document: Document) -> list[_Unit]:
    """The structure of a document: its numbered units, headings, quotations and tables,
    in order, with their numbers (the same in both languages)."""
    units: list[_Unit] = []

    def visit(blocks: list[Block], depth: int) -> None:
        for block in blocks:
            if isinstance(block, Division):
                units.append(_Unit((depth, block.kind, block.number), block, block.label))
            elif isinstance(block, Alineat):
                units.append(_Unit((depth, "alineat", block.number), block, block.label))
            elif isinstance(block, Point):
                units.append(_Unit((depth, "point", block.marker), block, block.label))
            elif isinstance(block, Heading):
                units.append(_Unit((depth, "heading", block.level), block, "a heading"))
            elif isinstance(block, QuotedStructure):
                units.append(_Unit((depth, "quote"), block, "a quoted text"))
            elif isinstance(block, Table):
                shape = (depth, "table", len(block.header), len(block.rows))
                units.append(_Unit(shape, block, "a table"))
            visit(getattr(block, "children", []), depth + 1)

    visit(document.children, 0)
    return units


def _name(unit: _Unit | None) -> str:
    if unit is None:
        return "nothing (the document ends)"
    if unit.shape[1] == "table":
        return f"a table of {unit.shape[2]} columns and {unit.shape[3]} rows"
    return unit.label or f"{unit.shape[1]} {unit.shape[2]}"


def languages_alike(subject: Subject) -> Iterator[Problem]:
    romanian, english = subject.documents.get("ro", {}), subject.documents.get("en", {})
    for doc_id in [d for d in romanian if d in english]:
        ro, en = _shape(romanian[doc_id]), _shape(english[doc_id])
        for index in range(max(len(ro), len(en))):
            a = ro[index] if index < len(ro) else None
            b = en[index] if index < len(en) else None
            if a is not None and b is not None and a.shape == b.shape:
                continue
            place = a.block if a is not None else b.block  # type: ignore[union-attr]
            other = b.block if b is not None else None
            elsewhere = f" ({other.source.file}:{other.source.line})" if other else ""
            yield Problem(
                Location(place.source.file, place.source.line),
                f"{doc_id}: the Romanian version has {_name(a)} where the English version "
                f"has {_name(b)}{elsewhere}",
                "make the two versions match, unit for unit (only the first difference is shown)",
                code="C005",
            )
            break


CHECKS = (
    offences_in_law,
    occupations_in_law,
    standards_implemented,
    note_sections,
    languages_alike,
)
