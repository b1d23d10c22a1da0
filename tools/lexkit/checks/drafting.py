"""Drafting checks: what a ministry reviewer catches in a package that reads as a working
draft (shared/reference/ministry-review.md). All of them are warnings.

- S010 an annex of an act that no provision refers to;
- L006 a blank or placeholder left in the text ("de completat", "TODO", "[…]"; in the
  official edition also "___" and "……", except in the act's own formal lines);
- A003 a note saying an inserted unit is placed provisionally;
- A004 an amended act cited without its Monitorul Oficial reference;
- A005 the same rule inserted into several acts in slightly different words;
- L007 a footnote left in the official edition that reads like a drafting note.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lexkit.checks.subject import Subject, unique, where
from lexkit.dossier.schema import Table as DataTable
from lexkit.engine.amendments import Operation, Target
from lexkit.engine.editions import is_aid_note
from lexkit.engine.model import (
    Alineat,
    Block,
    Division,
    Document,
    Footnote,
    FootnoteRef,
    FormalLine,
    Heading,
    Paragraph,
    Point,
    Provision,
    QuotedStructure,
    Reference,
    inline_contents,
    plain_text,
    walk,
)
from lexkit.errors import Location, Problem
from lexkit.language import Lang, fold


def _acts(subject: Subject) -> Iterator[tuple[Lang, str, Document]]:
    for lang, doc_id, document in subject.all_documents():
        if document.meta.type.is_act:
            yield lang, doc_id, document


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _labelled(blocks: list[Block], label: str = "") -> Iterator[tuple[Block, str]]:
    """Every block with the label of the nearest numbered unit holding it ("art. III",
    "anexa nr. 1, pct. 5" reads as "pct. 5"): text quoted from another act has no labels
    of the host act, so it keeps the label of the article that quotes it."""
    for block in blocks:
        own = block.label if isinstance(block, Provision) and block.label else label
        yield block, own
        yield from _labelled(getattr(block, "children", []), own)


def _note_text(note: Footnote) -> str:
    return " ".join(
        plain_text(content) for block in walk(note.content) for content in inline_contents(block)
    ).strip()


# ---------------------------------------------------------------- S010 annexes


def _annexes(blocks: list[Block]) -> list[Division]:
    """The act's own annexes (not those quoted from another act)."""
    found: list[Division] = []
    for block in blocks:
        if isinstance(block, QuotedStructure):
            continue
        if isinstance(block, Division) and block.kind == "annex":
            found.append(block)
        else:
            found.extend(_annexes(getattr(block, "children", [])))
    return found


def unreferenced_annexes(subject: Subject) -> Iterator[Problem]:
    for lang, doc_id, document in _acts(subject):
        annexes = _annexes(document.children)
        if not annexes:
            continue
        # Each annex's blocks; a reference counts for an annex when it is made from
        # outside it. Footnotes are left out: a note is not a provision, and the official
        # edition may drop it.
        blocks_of = {id(annex): walk([annex]) for annex in annexes}
        in_annex = {id(b): id(annex) for annex in annexes for b in blocks_of[id(annex)]}
        made_from: dict[str, set[int | None]] = {}
        for block in walk(document.children):
            for content in inline_contents(block):
                for ref in content:
                    if isinstance(ref, Reference):
                        made_from.setdefault(ref.target, set()).add(in_annex.get(id(block)))
        for annex in annexes:
            ids = {
                b.id for b in blocks_of[id(annex)] if isinstance(b, Provision | Heading) and b.id
            }
            if any(made_from.get(i, set()) - {id(annex)} for i in ids):
                continue
            yield _unreferenced(annex, doc_id, lang if document.meta.amending else None)


def _unreferenced(annex: Division, doc_id: str, amending: Lang | None) -> Problem:
    """``amending``: the language of an amending law, whose annexes belong to an act."""
    title = _short(plain_text(annex.title))
    named = f"{annex.label} („{title}”)" if title else annex.label
    how = f"[](#{annex.id})" if annex.id else "[](#id)"
    give_id = "" if annex.id else "give the annex an {#id} and "
    formula = (
        "„se completează cu anexa nr. …”" if amending == "ro" else "“is supplemented with Annex …”"
    )
    attach = (
        f" (in an amending law, attach it to the act it completes: {formula})" if amending else ""
    )
    return Problem(
        where(annex),
        f"{named} of {doc_id} is referred to by no provision: an annex stands only "
        "through the article that says what it is for",
        f"{give_id}refer to it from the article it serves, written {how} so lexkit "
        f"numbers it{attach}",
        code="S010",
    )


# ---------------------------------------------------------------- L006 placeholders

# Left in the text in any edition: a placeholder is never meant for the reader.
_PLACEHOLDERS = re.compile(
    r"(?i:\bde completat\b|\bto be completed\b)|\bTODO\b|\[(?:\.\.\.|…)\]|(?<!\w)X{3,}(?!\w)"
)
# Blanks the official edition must not carry: the act's own number and date blanks are
# formal lines, left for the issuing authority to fill (Moldovan practice).
_BLANKS = re.compile(r"_{3,}|\.{4,}|…{2,}")
# A working mark in the text itself (data remarks, "(de verificat)"): the official edition
# drops the "De verificat:" notes, not words inside a sentence or a table cell.
_WORKING_MARKS = re.compile(r"(?i:\bde verificat\b|\bto (?:be )?verif(?:y|ied)\b)")
# XXX after a unit word is a Roman number (chapter 30), not a placeholder.
_UNIT_WORD = re.compile(
    r"(?i:\b(?:art\.|articolul|article|cap\.|capitolul|chapter|titlul|title|anexa|annex"
    r"|secțiunea|section|partea|part))\s*\Z"
)


def _placeholders(text: str, official: bool, formal: bool, in_note: bool) -> Iterator[str]:
    for match in _PLACEHOLDERS.finditer(text):
        word = match.group()
        if word.upper() == "XXX" and _UNIT_WORD.search(text[: match.start()]):
            continue
        yield word
    if official and not formal:
        yield from (match.group() for match in _BLANKS.finditer(text))
        if not in_note:  # a note that reads like a drafting note is L007's
            yield from (match.group() for match in _WORKING_MARKS.finditer(text))


def placeholders(subject: Subject) -> Iterator[Problem]:
    official = subject.edition == "official"
    for _, doc_id, document in subject.all_documents():
        found: list[tuple[Block, str]] = list(_labelled(document.children))
        for note in document.footnotes:
            if is_aid_note(note):
                continue  # a drafting aid says what is missing; the official edition drops it
            found += [(block, f"footnote {note.number}") for block in walk(note.content)]
        yield from unique(_blank_problems(doc_id, found, official))


def _blank_problems(
    doc_id: str, blocks: list[tuple[Block, str]], official: bool
) -> Iterator[Problem]:
    for block, label in blocks:
        formal = isinstance(block, FormalLine)
        for content in inline_contents(block):
            in_note = label.startswith("footnote ")
            for word in _placeholders(plain_text(content), official, formal, in_note):
                unit = f"{label} of {doc_id}" if label else doc_id
                blank = _BLANKS.fullmatch(word) is not None
                mark = _WORKING_MARKS.fullmatch(word) is not None
                what = "a blank" if blank else "a working mark" if mark else "a placeholder"
                edition = " in the official edition" if blank or mark else ""
                yield Problem(
                    where(block),
                    f"„{word}” is {what} left in the text of {unit}{edition}",
                    "fill it in, from the data where the fact belongs there; while the fact "
                    "is unknown, keep it in a data row marked “to verify” (or a "
                    "„De verificat:” note), not as a blank in the text",
                    code="L006",
                )


# ---------------------------------------------------------------- A003 provisional places

_PROVISIONAL = re.compile(r"provizori\w*|provisional\w*", re.IGNORECASE)


def _notes_by_name(document: Document) -> dict[str, Footnote]:
    return {note.name: note for note in document.footnotes}


def _around(text: str, start: int, end: int, width: int = 40) -> str:
    """The words around text[start:end], with "…" where the text goes on."""
    left = text.rfind(" ", 0, max(0, start - width)) + 1 if start > width else 0
    right = text.find(" ", end + width)
    right = len(text) if right < 0 else right
    return ("…" if left else "") + text[left:right].strip() + ("…" if right < len(text) else "")


def _provisional(note: Footnote) -> str:
    """The words of the note that say a place is provisional, or ""."""
    text = " ".join(_note_text(note).split())
    match = _PROVISIONAL.search(text)
    return _around(text, match.start(), match.end()) if match else ""


def provisional_places(subject: Subject) -> Iterator[Problem]:
    for _, doc_id, document in _acts(subject):
        notes = _notes_by_name(document)
        said: dict[str, str] = {}
        for block, label in _labelled(document.children):
            for content in inline_contents(block):
                for ref in content:
                    if not isinstance(ref, FootnoteRef) or ref.name not in notes:
                        continue
                    note = notes[ref.name]
                    if ref.name not in said:
                        said[ref.name] = _provisional(note)
                    if not said[ref.name]:
                        continue
                    unit = f"{label} of {doc_id}" if label else doc_id
                    yield Problem(
                        where(ref),
                        f"footnote {note.number} of {unit} says the unit it inserts is placed "
                        f"provisionally („{said[ref.name]}”)",
                        "settle where the inserted unit goes from the consolidated text of "
                        "the amended act (legis.md; its wording in force in in-force/<act>.md "
                        "lets lexkit check the target) before the draft is submitted, then "
                        "drop the note",
                        code="A003",
                    )


# ---------------------------------------------------------------- A004 gazette references

_GAZETTE = re.compile(r"monitorul oficial|official gazette|\bm\.\s?o\.|\bmo\s+nr\.")


def _amending_articles(document: Document | None) -> dict[str, Division]:
    """act key -> the article of the amending act that amends it."""
    if document is None:
        return {}
    return {
        block.attrs.get("act") or block.id: block
        for block in walk(document.children)
        if isinstance(block, Division) and block.kind == "article"
    }


def _data_row(subject: Subject, act: str) -> tuple[DataTable, int] | None:
    """The data row that describes the act: the row whose key is the act's key, else one
    with an id column (article_id) holding it."""
    for keyed in (True, False):
        for _, table in subject.tables():
            key = table.schema.key if table.schema and table.schema.key else "key"
            columns = {key} if keyed else table.reference_columns() - {key}
            for row, line in zip(table, table.lines, strict=True):
                if any(row.get(column) == act for column in columns):
                    return table, line
    return None


def gazette_references(subject: Subject) -> Iterator[Problem]:
    for lang, by_doc in subject.operations.items():
        for doc_id, operations in by_doc.items():
            articles = _amending_articles(subject.documents.get(lang, {}).get(doc_id))
            by_act: dict[str, list[Operation]] = {}
            for operation in operations:
                by_act.setdefault(operation.act, []).append(operation)
            for act, mine in by_act.items():
                citation = next((op.citation for op in mine if op.citation), "")
                if not citation or _GAZETTE.search(fold(citation)):
                    continue  # no citation at all is the formula's problem, not this one
                article = articles.get(act)
                place = where(article) if article else _where_operation(mine[0])
                label = article.label if article and article.label else doc_id
                found = _data_row(subject, act)
                row = (
                    f"{found[0].source}, line {found[1]}"
                    if found
                    else "e.g. data/amended_acts.yaml"
                )
                gazette = "Monitorul Oficial" if lang == "ro" else "Official Gazette"
                yield Problem(
                    place,
                    f"{label} of {doc_id} cites „{_short(citation, 90)}” without its "
                    f"{gazette} reference (year, number, article)",
                    f"add the Monitorul Oficial reference to the act's row in the data ({row}), "
                    "or mark it to verify",
                    code="A004",
                )


def _where_operation(operation: Operation) -> Location:
    return Location(operation.source.file, operation.source.line)


# ---------------------------------------------------------------- A005 diverging rules

_MIN_WORDS = 15  # a provision long enough to state a rule
# rapidfuzz ratio (or token-sort ratio) from which two provisions state the same rule: on
# the flagship, the ban and the certificate duty rewritten for each act score 80-85.
_SIMILAR = 80.0


@dataclass
class _Inserted:
    act: str
    article: str  # the amending article ("art. III"), or the deliverable
    unit: str  # the unit of the amended act ("art. 30^1 alin. (2)")
    block: Block
    text: str


def _unit_label(target: Target, block: Block, lang: Lang) -> str:
    if isinstance(block, Alineat) and block.number and target.kind == "article":
        return Target(target.article, block.number.strip("()")).label(lang)
    return target.label(lang)


def _inserted(
    operations: list[Operation], articles: dict[str, Division], doc_id: str, lang: Lang
) -> Iterator[_Inserted]:
    for operation in operations:
        article = articles.get(operation.act)
        label = article.label if article and article.label else doc_id
        for block in walk(operation.blocks):
            if not isinstance(block, Alineat | Paragraph | Point):
                continue
            text = " ".join(plain_text(block.content).split())
            if len(text.split()) >= _MIN_WORDS:
                unit = _unit_label(operation.target, block, lang)
                yield _Inserted(operation.act, label, unit, block, text)


def _differences(one: str, other: str, limit: int = 3) -> str:
    """ "«X» here, «Y» there" for the first words that differ."""
    a, b = one.split(), other.split()
    parts = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        here, there = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        shown_here = f"«{_short(here, 60)}» here" if here else "nothing here"
        shown_there = f"«{_short(there, 60)}» there" if there else "nothing there"
        parts.append(f"{shown_here}, {shown_there}")
    shown = "; ".join(parts[:limit])
    return shown + ("; …" if len(parts) > limit else "")


def diverging_rules(subject: Subject) -> Iterator[Problem]:
    for lang, by_doc in subject.operations.items():
        for doc_id, operations in by_doc.items():
            articles = _amending_articles(subject.documents.get(lang, {}).get(doc_id))
            items = list(_inserted(operations, articles, doc_id, lang))
            if len({item.act for item in items}) > 1:
                yield from unique(_pairs(items, doc_id))


def _pairs(items: list[_Inserted], doc_id: str) -> Iterator[Problem]:
    # Imported here: rapidfuzz is a tenth of a second a dossier without amendments
    # should not pay.
    from rapidfuzz import fuzz

    # Sorted by length, each provision is compared only with those long enough to reach
    # the threshold (a similarity of s needs the shorter to be s/(2-s) of the longer).
    items = sorted(items, key=lambda item: len(item.text))
    reach = (2 - _SIMILAR / 100) / (_SIMILAR / 100)
    for index, one in enumerate(items):
        for other in items[index + 1 :]:
            if len(other.text) > len(one.text) * reach:
                break
            if other.act == one.act or other.text == one.text:
                continue
            score = max(
                fuzz.ratio(one.text, other.text, score_cutoff=_SIMILAR),
                fuzz.token_sort_ratio(one.text, other.text, score_cutoff=_SIMILAR),
            )
            if not score:
                continue
            first, second = sorted((one, other), key=lambda i: (i.block.source.line, i.act))
            yield Problem(
                where(first.block),
                f"{first.article} ({first.unit}) and {second.article} ({second.unit}) of "
                f"{doc_id} state the same rule in different words: "
                f"{_differences(first.text, second.text)} (the other is at "
                f"{_other_place(first.block, second.block)})",
                "write the rule once, in one act, and refer to it from the others, or make "
                "the wordings identical",
                code="A005",
            )


# ---------------------------------------------------------------- L007 drafting notes

# Words that make a footnote read as a note to the drafter, folded, with how they read.
_NOTE_WORDS = (
    ("de verificat", "De verificat"),
    ("to verify", "to verify"),
    ("to be confirmed", "to be confirmed"),
    ("se confirma", "se confirmă"),
    ("nota pentru autor", "Notă pentru autor"),
    ("note for the author", "Note for the author"),
    ("todo", "TODO"),
    ("provizori", "provizoriu"),
    ("provisional", "provisionally"),
)
# A word start is enough (provizoriu, provizorie, provisionally), but TODO is a word.
_NOTE_WORD = re.compile(
    r"\b(?:" + "|".join(re.escape(w) + (r"\b" if w == "todo" else "") for w, _ in _NOTE_WORDS) + ")"
)


def drafting_notes(subject: Subject) -> Iterator[Problem]:
    if subject.edition != "official":
        return  # the working edition carries every drafting aid
    shown = dict(_NOTE_WORDS)
    for _, doc_id, document in subject.all_documents():
        for note in document.footnotes:
            if is_aid_note(note):
                continue  # the official build leaves it out
            text = _note_text(note)
            match = _NOTE_WORD.search(fold(text))
            if match is None:
                continue
            yield Problem(
                where(note),
                f"footnote {note.number} of {doc_id} („{_short(text, 60)}”) reads like a "
                f"drafting note („{shown[match.group()]}”), and the official edition keeps it",
                "start the note with „De verificat:” or „Notă pentru autor:” (en: “To verify:” "
                "/ “Note for the author:”) so the official edition leaves it out, or reword "
                "it as a note for the reader",
                code="L007",
            )


CHECKS = (
    unreferenced_annexes,
    placeholders,
    provisional_places,
    gazette_references,
    diverging_rules,
    drafting_notes,
)


def _other_place(here: Block, there: Block) -> str:
    """Where the other provision stands, said the same from any working directory."""
    if there.source.file == here.source.file:
        return f"line {there.source.line}"
    return f"{Path(there.source.file).name}, line {there.source.line}"
