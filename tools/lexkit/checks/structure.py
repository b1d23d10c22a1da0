"""Structure checks on the numbered Document trees of acts (laws, decisions, regulations).

Duplicate ids (S001) and references to missing ids or units (S002, S003) are found while
references are resolved; here: handwritten numbers out of order, skipping or repeated,
empty articles, alineate that do not start at (1), lists of one point, and quoted
structures with no amending formula before them. Text quoted from another act keeps the
other act's numbers, so it is left out of the numbering checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lexkit.checks.subject import Subject, where
from lexkit.engine.model import (
    Alineat,
    Block,
    Division,
    Document,
    Paragraph,
    Point,
    Provision,
    QuotedStructure,
    plain_text,
)
from lexkit.errors import Problem
from lexkit.language import fold, from_roman, letter_index

Numbered = Division | Alineat | Point


def number_key(text: str) -> tuple[int, int] | None:
    """ "62^1" -> (62, 1); "IV" -> (4, 0); "b)" -> (2, 0); "12." -> (12, 0); "(3)" -> (3, 0)."""
    bare = text.strip().strip("().")
    base, _, sup = bare.partition("^")
    sup_value = int(sup) if sup.isdigit() else 0
    if base.isdigit():
        return int(base), sup_value
    if base.isalpha() and base.islower():  # a point's letter (c, not Roman 100)
        return letter_index(base), sup_value
    roman = from_roman(base)
    return (roman, sup_value) if roman is not None else None


def _number_of(block: Numbered) -> str:
    if isinstance(block, Division):
        return block.number
    if isinstance(block, Alineat):
        return block.number
    return block.marker


# ---------------------------------------------------------------- S004, S005 sequences


@dataclass
class _Groups:
    """Numbered units that count together: the articles and chapters of the body and of
    each annex, the sections of each chapter, the points and alineate of each unit."""

    groups: dict[tuple[object, ...], list[Numbered]] = field(default_factory=dict)

    def add(self, key: tuple[object, ...], block: Numbered) -> None:
        self.groups.setdefault(key, []).append(block)


def _collect(document: Document) -> _Groups:
    found = _Groups()
    continuous_points = document.meta.type.numbers_points
    annex, chapter = 0, 0

    def visit(blocks: list[Block], container: int, under_division: bool) -> None:
        nonlocal annex, chapter
        for block in blocks:
            if isinstance(block, QuotedStructure):
                continue
            if isinstance(block, Division):
                if block.kind == "annex":
                    annex += 1
                    chapter = 0
                elif block.kind == "chapter":
                    found.add((annex, "chapter"), block)
                    chapter += 1
                elif block.kind == "section":
                    found.add((annex, chapter, "section"), block)
                else:
                    found.add((annex, "article"), block)
            elif isinstance(block, Alineat):
                found.add((container, "alineat"), block)
            elif isinstance(block, Point) and block.marker != "–":
                # A regulation's level-1 points run on through its chapters and sections.
                continuous = continuous_points and under_division and block.level == 1
                found.add((annex, "points") if continuous else (container, "point"), block)
            children = getattr(block, "children", [])
            if children:
                structural = isinstance(block, Division) and block.kind != "article"
                visit(children, id(block), structural)

    visit(document.children, -1, True)
    return found


def _describe(block: Numbered) -> str:
    return block.label or _number_of(block)


def number_sequences(subject: Subject) -> Iterator[Problem]:
    for _, _, document in _acts(subject):
        for units in _collect(document).groups.values():
            yield from _check_sequence(units)


def _check_sequence(units: list[Numbered]) -> Iterator[Problem]:
    previous: tuple[int, int] | None = None
    previous_unit: Numbered | None = None
    seen: dict[tuple[int, int], Numbered] = {}
    for unit in units:
        key = number_key(_number_of(unit))
        if key is None:
            continue
        if key in seen:
            first = seen[key]
            yield Problem(
                where(unit),
                f"{_describe(unit)} is numbered twice (first at line {first.source.line})",
                "renumber one of them, or delete the handwritten number to let lexkit number it",
                code="S005",
            )
        elif previous is not None and previous_unit is not None and key < previous:
            yield Problem(
                where(unit),
                f"{_describe(unit)} comes after {_describe(previous_unit)}: "
                "the numbers are out of order",
                "move it, or correct its handwritten number",
                code="S004",
            )
        elif previous is not None and previous_unit is not None and _skips(previous, key):
            yield Problem(
                where(unit),
                f"{_describe(unit)} follows {_describe(previous_unit)}: a number is skipped",
                "correct the handwritten number, or add the missing unit",
                code="S004",
            )
        seen.setdefault(key, unit)
        if previous is None or key > previous:
            previous, previous_unit = key, unit


def _skips(previous: tuple[int, int], current: tuple[int, int]) -> bool:
    """5 then 7, or 5 then 7^1: the base jumps by more than one."""
    return current[0] > previous[0] + 1


# ---------------------------------------------------------------- S006, S007, S008


def _acts(subject: Subject) -> Iterator[tuple[str, str, Document]]:
    for lang, doc_id, document in subject.all_documents():
        if document.meta.type.is_act:
            yield lang, doc_id, document


def _blocks_outside_quotes(blocks: list[Block]) -> Iterator[Block]:
    for block in blocks:
        if isinstance(block, QuotedStructure):
            continue
        yield block
        yield from _blocks_outside_quotes(getattr(block, "children", []))


def _has_text(block: Block) -> bool:
    if isinstance(block, Paragraph | Alineat | Point):
        return bool(plain_text(block.content).strip()) or bool(getattr(block, "children", []))
    return True


def empty_articles(subject: Subject) -> Iterator[Problem]:
    for _, _, document in _acts(subject):
        for block in _blocks_outside_quotes(document.children):
            if (
                isinstance(block, Division)
                and block.kind == "article"
                and not any(_has_text(child) for child in block.children)
            ):
                yield Problem(
                    where(block),
                    f"{block.label} has no text",
                    "write its provisions, or delete the article",
                    code="S006",
                )


def alineate_start_at_one(subject: Subject) -> Iterator[Problem]:
    for _, _, document in _acts(subject):
        for block in _blocks_outside_quotes(document.children):
            if not (isinstance(block, Division) and block.kind == "article"):
                continue
            alineate = [c for c in block.children if isinstance(c, Alineat)]
            if alineate and number_key(alineate[0].number) != (1, 0):
                yield Problem(
                    where(alineate[0]),
                    f"the first alineat of {block.label} is ({alineate[0].number}), not (1)",
                    "number the alineate from (1), or write (#) to let lexkit number them",
                    code="S007",
                )


def single_points(subject: Subject) -> Iterator[Problem]:
    for _, _, document in _acts(subject):
        continuous = document.meta.type.numbers_points
        for block in _blocks_outside_quotes(document.children):
            if not isinstance(block, Provision):
                continue
            if continuous and isinstance(block, Division) and block.kind != "article":
                continue  # a regulation's points run on through its chapters
            points = [c for c in block.children if isinstance(c, Point) and c.marker != "–"]
            if len(points) == 1:
                yield Problem(
                    where(points[0]),
                    f"{points[0].label or points[0].marker} is the only point of its list",
                    "a list needs two points or more: write the text into the sentence "
                    "before it, or add the other points",
                    code="S008",
                )


# ---------------------------------------------------------------- S009


# Words of the formulas that introduce text inserted into another act (Law 100/2017
# practice, legal-facts.md §4.2), folded: "cu următorul cuprins:", "se completează cu ...".
_FORMULAS = {
    "ro": ("cuprins", "urmeaza", "redactie", "se completeaza", "se introduc", "se modifica",
           "se expune", "se substituie", "se inlocuieste", "textul"),
    "en": ("as follows", "following", "shall read", "worded", "inserted", "amended",
           "replaced", "supplemented", "text"),
}  # fmt: skip


def _introduction(parent: Block | None, siblings: list[Block], index: int) -> str:
    """The text just before a quoted structure: the paragraph before it, or else the
    alineat or point it stands in."""
    if index > 0:
        before = siblings[index - 1]
        if isinstance(before, Paragraph | Alineat | Point):
            return plain_text(before.content)
        return ""
    if isinstance(parent, Alineat | Point):
        return plain_text(parent.content)
    return ""


def _is_formula(text: str, lang: str) -> bool:
    text = re.sub(r"\[\^[^\]]*\]", "", text).rstrip()
    return text.endswith(":") and any(word in fold(text) for word in _FORMULAS[lang])


def quote_formulas(subject: Subject) -> Iterator[Problem]:
    for lang, _, document in _acts(subject):

        def visit(parent: Block | None, blocks: list[Block], lang: str = lang) -> Iterator[Problem]:
            for index, block in enumerate(blocks):
                if isinstance(block, QuotedStructure):
                    if not _is_formula(_introduction(parent, blocks, index), lang):
                        example = "„… cu următorul cuprins:”" if lang == "ro" else "“… as follows:”"
                        yield Problem(
                            where(block),
                            "this quoted text is not introduced by an amending formula "
                            "ending in a colon",
                            f"say what it does to the act, e.g. {example}",
                            code="S009",
                        )
                    continue
                yield from visit(block, getattr(block, "children", []))

        yield from visit(None, document.children)


CHECKS = (number_sequences, empty_articles, alineate_start_at_one, single_points, quote_formulas)
