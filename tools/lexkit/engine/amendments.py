"""Amendments as data: operations on provisions of another act, and their formulas.

In an article of an amending law, the drafter writes what happens to the other act, not
how to say it::

    ### Articolul {#labour-code act="labour-code"}

    Codul muncii al Republicii Moldova nr. 154/2003

    @insert art. 46 alin. (4^1)
    > (4^1) Nu se admite angajarea ...

    @substitute art. 46 alin. (2): „salariatului” -> „angajatului”

A paragraph that starts with ``@`` is an operation: ``@insert``, ``@replace``,
``@substitute TARGET: „old” -> „new”``, ``@exclude TARGET: „words”`` or ``@repeal``, with a
target ``art. 46 alin. (2) lit. b)`` (or ``Article 46(2)(b)``); the blockquote after
``@insert`` or ``@replace`` is the new text. The paragraph before the first operation
cites the act. lexkit writes the amending formulas of Law 100/2017 practice
(legal-facts.md §4.2) in Romanian or English, and numbers the amending points 1., 2.;
an article with one operation gets one sentence. The act's wording in force
(``in-force/<act>.md`` in the dossier, pasted from the official source) lets lexkit check
every target, and apply the operations (:func:`consolidate`).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from lexkit.engine.model import (
    Alineat,
    Block,
    Division,
    Document,
    FootnoteRef,
    Heading,
    Inline,
    Paragraph,
    Point,
    QuotedStructure,
    Source,
    Text,
    plain_text,
    text_nodes,
)
from lexkit.errors import Location, Problems
from lexkit.language import Lang, fold

Verb = Literal["insert", "replace", "substitute", "exclude", "repeal"]

_VERBS: dict[str, Verb] = {
    "insert": "insert",
    "introduce": "insert",
    "completeaza": "insert",
    "replace": "replace",
    "expune": "replace",
    "modifica": "replace",
    "substitute": "substitute",
    "substituie": "substitute",
    "exclude": "exclude",
    "repeal": "repeal",
    "abroga": "repeal",
}

_NUMBER = r"\d+(?:\^\d+)?"
_TARGET = re.compile(
    rf"(?:articolul|art\.?|article)\s*(?P<article>{_NUMBER})"
    rf"(?:\s*(?:alineatul|alin\.?)\s*\((?P<alineat>{_NUMBER})\)|\((?P<alineat_en>{_NUMBER})\))?"
    rf"(?:\s*(?:litera|lit\.?|punctul|pct\.?)\s*(?P<point>[a-z]+(?:\^\d+)?|{_NUMBER})\)"
    rf"|\((?P<point_en>[a-z]+(?:\^\d+)?)\))?",
    re.IGNORECASE,
)
_QUOTED = r"[„“\"]([^”\"]*)[”\"]"
_WORDS = re.compile(rf"^\s*:?\s*{_QUOTED}(?:\s*(?:->|→|cu)\s*{_QUOTED})?\s*\.?\s*$")


@dataclass(frozen=True)
class Target:
    """A provision of the amended act: an article, alineat and point as written there."""

    article: str
    alineat: str | None = None
    point: str | None = None

    @property
    def kind(self) -> str:
        return "point" if self.point else "alineat" if self.alineat else "article"

    @property
    def parent(self) -> Target | None:
        if self.point:
            return Target(self.article, self.alineat)
        if self.alineat:
            return Target(self.article)
        return None

    def label(self, lang: Lang) -> str:
        """ "art. 46 alin. (2) lit. b)" / "Article 46(2)(b)"."""
        if lang == "ro":
            text = f"art. {self.article}"
            text += f" alin. ({self.alineat})" if self.alineat else ""
            word = "lit." if self.point and self.point[0].isalpha() else "pct."
            return text + (f" {word} {self.point})" if self.point else "")
        text = f"Article {self.article}"
        text += f"({self.alineat})" if self.alineat else ""
        return text + (f"({self.point})" if self.point else "")


@dataclass
class Operation:
    """One change to another act, as the drafter wrote it."""

    verb: Verb
    target: Target
    act: str
    source: Source
    old: str = ""  # the words substituted or excluded
    new: str = ""  # the words put instead
    blocks: list[Block] = field(default_factory=list)  # the new text (insert, replace)
    notes: list[Inline] = field(default_factory=list)  # footnote marks on the line
    citation: str = ""  # the act as the law cites it


def parse_operation(text: str) -> tuple[Verb, Target, str, str] | str:
    """(verb, target, old words, new words) of an operation line without its ``@``, or
    why it cannot be read."""
    verb_word, _, rest = text.strip().partition(" ")
    verb = _VERBS.get(fold(verb_word).rstrip(":"))
    if verb is None:
        return f"unknown operation @{verb_word}"
    match = _TARGET.match(rest.strip())
    if match is None:
        return f"cannot read the target {rest.strip()!r}"
    target = Target(
        match["article"],
        match["alineat"] or match["alineat_en"],
        (match["point"] or match["point_en"] or "").lower() or None,
    )
    tail = rest.strip()[match.end() :]
    if verb in ("substitute", "exclude"):
        words = _WORDS.match(tail)
        if words is None or (verb == "substitute" and words[2] is None):
            shape = "„old words” -> „new words”" if verb == "substitute" else "„words”"
            return f"@{verb} needs the words after the target: TARGET: {shape}"
        return verb, target, words[1], words[2] or ""
    if tail.strip(" .:"):
        return f"unexpected text after the target: {tail.strip()!r}"
    return verb, target, "", ""


# ---------------------------------------------------------------- formulas


def _unit_name(target: Target, lang: Lang) -> str:
    """The unit an operation creates or touches: "alineatul (4^1)", "litera c)"."""
    if lang == "ro":
        if target.point:
            word = "litera" if target.point[0].isalpha() else "punctul"
            return f"{word} {target.point})"
        if target.alineat:
            return f"alineatul ({target.alineat})"
        return f"articolul {target.article}"
    if target.point:
        return f"point ({target.point})"
    if target.alineat:
        return f"paragraph ({target.alineat})"
    return f"Article {target.article}"


def _where(target: Target, lang: Lang) -> str:
    """The unit that holds the target, for "La articolul 46 alineatul (2), ..."."""
    parent = target.parent
    if parent is None:
        return ""
    if lang == "ro":
        text = f"articolul {parent.article}"
        return text + (f" alineatul ({parent.alineat})" if parent.alineat else "")
    return parent.label("en")


def formula(operation: Operation, lang: Lang, citation: str = "") -> str:
    """The amending formula of one operation, in Law 100/2017 style (legal-facts.md §4.2).

    ``citation`` (the act as cited, e.g. "din Codul muncii ..., cu modificările
    ulterioare,") is put after the first unit named, for an article with one operation.
    """
    target, verb = operation.target, operation.verb
    cite = f" {citation}" if citation else ""
    where = _where(target, lang)
    unit = _unit_name(target, lang)
    if lang == "ro":
        open_q, close_q = "„", "”"
        content = "cu următorul cuprins:"
        if verb == "insert":
            if target.kind == "article" and citation:
                return f"{citation.removeprefix('din ')} se completează cu {unit} {content}"
            if target.kind == "article":
                return f"După {_previous_article(target)} se introduce {unit} {content}"
            return f"{where[0].upper()}{where[1:]}{cite} se completează cu {unit} {content}"
        if target.kind == "article":
            head = f"Articolul {target.article}{cite}"
        else:
            head = f"La {where}{cite}, {unit}"
        if verb == "replace":
            return f"{head} va avea următorul cuprins:"
        if verb == "repeal":
            return f"{head} se abrogă."
        old = f"La {_where_unit(target)}{cite}, textul {open_q}{operation.old}{close_q}"
        if verb == "substitute":
            return f"{old} se substituie cu textul {open_q}{operation.new}{close_q}."
        return f"{old} se exclude."
    open_q, close_q = "“", "”"
    label = target.label("en")
    content = "to read as follows:"
    if verb == "insert":
        if target.kind == "article" and citation:
            act = citation.removeprefix("of ")
            return f"{act} shall be supplemented with {unit} {content}"
        if target.kind == "article":
            previous = _previous_article(target, "en")
            return f"The following {unit} shall be inserted after {previous} {content}"
        return f"{where}{cite} shall be supplemented with {unit} {content}"
    if verb == "replace":
        return f"{label}{cite} shall read as follows:"
    if verb == "repeal":
        return f"{label}{cite} shall be repealed."
    words = f"the words {open_q}{operation.old}{close_q}"
    if verb == "substitute":
        replaced = f"the words {open_q}{operation.new}{close_q}"
        return f"In {label}{cite}, {words} shall be replaced by {replaced}."
    return f"In {label}{cite}, {words} shall be deleted."


def _where_unit(target: Target) -> str:
    """ "articolul 46 alineatul (2)" for an alineat, "articolul 46 alineatul (2) litera b)"."""
    text = f"articolul {target.article}"
    if target.alineat:
        text += f" alineatul ({target.alineat})"
    if target.point:
        word = "litera" if target.point[0].isalpha() else "punctul"
        text += f" {word} {target.point})"
    return text


def _previous_number(article: str) -> str:
    """The article a new one follows: 46 for 46^1, 46^1 for 46^2, 9 for 10."""
    base, _, sup = article.partition("^")
    if sup:
        return base if sup == "1" else f"{base}^{int(sup) - 1}"
    return str(int(base) - 1) if base.isdigit() else base


def _previous_article(target: Target, lang: Lang = "ro") -> str:
    before = _previous_number(target.article)
    return f"articolul {before}" if lang == "ro" else f"Article {before}"


def lead_in(operations: list[Operation], citation: list[Inline], lang: Lang) -> list[Inline]:
    """The sentence before the amending points: "<the act>, cu modificările ulterioare, se
    modifică și se completează după cum urmează:"."""
    verbs = {op.verb for op in operations}
    inserts_only = verbs == {"insert"}
    if lang == "ro":
        how = (
            "se completează"
            if inserts_only
            else "se modifică și se completează"
            if "insert" in verbs
            else "se modifică"
        )
        tail = f", cu modificările ulterioare, {how} după cum urmează:"
    else:
        how = (
            "supplemented"
            if inserts_only
            else "amended and supplemented"
            if "insert" in verbs
            else "amended"
        )
        tail = f", as subsequently amended, shall be {how} as follows:"
    return [*citation, Text(tail)]


# ---------------------------------------------------------------- expanding the operations


def _is_operation(block: Block) -> bool:
    return isinstance(block, Paragraph) and plain_text(block.content).lstrip().startswith("@")


def expand_operations(
    document: Document, problems: Problems, acts: Mapping[str, Document] | None = None
) -> list[Operation]:
    """Turn every operation of the document's articles into its formula and quoted text
    (in place, before numbering); returns the operations. Targets are checked against the
    wording in force of ``acts`` (act key -> numbered Document) when it is there."""
    lang: Lang = document.meta.lang
    found: list[Operation] = []
    for article in _articles_of(document.children):
        _operations_run_on(article, problems)
        if not any(_is_operation(c) for c in article.children):
            continue
        act = article.attrs.get("act") or article.id
        operations, citation = _read_article(article, act, problems)
        for operation in operations:
            operation.citation = plain_text(citation).strip().rstrip(",.:")
        article.children = _formulas(article, operations, citation, lang)
        if acts is not None and act in acts:
            index = ActIndex(acts[act])
            for operation in operations:
                check_target(operation, index, problems, lang)
        found += operations
    return found


_RUN_ON = re.compile(r"\s@(\w+)")


def _operations_run_on(article: Division, problems: Problems) -> None:
    """An operation line written just under another line, with no blank line between, is
    read by Markdown as part of that paragraph: say so rather than print the "@"."""
    for block in article.children:
        if not isinstance(block, Paragraph) or _is_operation(block):
            continue
        for match in _RUN_ON.finditer(plain_text(block.content)):
            if fold(match[1]) in _VERBS:
                problems.add(
                    Location(block.source.file, block.source.line),
                    f"the operation @{match[1]} is inside the paragraph before it",
                    f"leave a blank line before the line that starts with @{match[1]}",
                    code="A001",
                )
                break


def _articles_of(blocks: list[Block]) -> Iterator[Division]:
    """The articles of the document, in chapters and sections too (not in quotations)."""
    for block in blocks:
        if isinstance(block, Division):
            if block.kind == "article":
                yield block
            else:
                yield from _articles_of(block.children)


def _read_article(
    article: Division, act: str, problems: Problems
) -> tuple[list[Operation], list[Inline]]:
    citation: list[Inline] = []
    operations: list[Operation] = []
    children = article.children
    for index, block in enumerate(children):
        if _is_operation(block):
            assert isinstance(block, Paragraph)
            operation = _operation(block, act, problems)
            if operation is None:
                continue
            following = children[index + 1] if index + 1 < len(children) else None
            if isinstance(following, QuotedStructure):
                operation.blocks = following.children
            _check_new_text(operation, problems)
            operations.append(operation)
        elif isinstance(block, QuotedStructure):
            previous = children[index - 1] if index else None
            if not (previous is not None and _is_operation(previous)):
                problems.add(
                    Location(block.source.file, block.source.line),
                    "quoted text in an article of operations must follow an @insert or "
                    "@replace line",
                    "put the operation line just before the quotation",
                    code="A001",
                )
        elif isinstance(block, Paragraph) and not operations:
            citation = block.content
        else:
            problems.add(
                Location(block.source.file, block.source.line),
                "an article of operations holds the act's citation, then operations only",
                "move this text to an operation, or to another article",
                code="A001",
            )
    return operations, citation


def _operation(paragraph: Paragraph, act: str, problems: Problems) -> Operation | None:
    where = Location(paragraph.source.file, paragraph.source.line)
    # Superscripts were split off by the parser: write them back as ^ for the grammar.
    text = "".join(
        (f"^{n.text}" if n.superscript else n.text) if isinstance(n, Text) else ""
        for n in paragraph.content
    ).lstrip()[1:]
    parsed = parse_operation(text)
    if isinstance(parsed, str):
        problems.add(
            where,
            parsed,
            "write e.g. @insert art. 46 alin. (4^1), @replace art. 5, "
            "@substitute art. 5 alin. (2): „old” -> „new”, @exclude art. 5: „words”, "
            "@repeal art. 5 lit. c)",
            code="A001",
        )
        return None
    verb, target, old, new = parsed
    notes: list[Inline] = [n for n in paragraph.content if isinstance(n, FootnoteRef)]
    return Operation(verb, target, act, paragraph.source, old, new, notes=notes)


def _check_new_text(operation: Operation, problems: Problems) -> None:
    where = Location(operation.source.file, operation.source.line)
    needs_text = operation.verb in ("insert", "replace")
    if needs_text and not operation.blocks:
        problems.add(
            where,
            f"@{operation.verb} {operation.target.label('ro')} has no new text",
            "put the new text in a quotation (lines starting with >) just after it",
            code="A001",
        )


def _formulas(
    article: Division, operations: list[Operation], citation: list[Inline], lang: Lang
) -> list[Block]:
    """The article's new children: one sentence for one operation; else the lead-in and
    one amending point per operation."""
    if len(operations) == 1:
        operation = operations[0]
        cite = _citation_phrase(citation, lang)
        sentence = formula(operation, lang, cite)
        content = _with_citation(
            sentence, cite, citation, operation.notes, _anchor(operation, lang)
        )
        out: list[Block] = [Paragraph(operation.source, content)]
        if operation.blocks:
            out.append(QuotedStructure(operation.source, operation.blocks))
        return out
    out = []
    if citation:
        out.append(Paragraph(article.source, lead_in(operations, citation, lang)))
    for operation in operations:
        content = _with_notes(formula(operation, lang), operation.notes, _anchor(operation, lang))
        children: list[Block] = []
        if operation.blocks:
            children.append(QuotedStructure(operation.source, operation.blocks))
        out.append(Point(operation.source, 1, content, children=children))
    return out


def _citation_phrase(citation: list[Inline], lang: Lang) -> str:
    """A placeholder for the act's citation inside a one-sentence formula."""
    if not citation:
        return ""
    if lang == "ro":
        return "din \x00, cu modificările ulterioare,"
    return "of \x00, as subsequently amended,"


def _with_citation(
    sentence: str, cite: str, citation: list[Inline], notes: list[Inline], anchor: str
) -> list[Inline]:
    """The formula's text with the citation's own inline content (footnote marks kept)
    where the placeholder stands."""
    if not cite:
        return _with_notes(sentence, notes, anchor)
    before, _, after = sentence.partition("\x00")
    if anchor in before:
        return [*_with_notes(before, notes, anchor), *citation, *_text(after)]
    return [*_text(before), *citation, *_with_notes(after, notes, anchor)]


def _anchor(operation: Operation, lang: Lang) -> str:
    """The words of a formula a footnote of the operation line belongs after: the unit
    the operation creates or changes ("alineatul (4^1)", "articolul 46^1")."""
    return _unit_name(operation.target, lang)


def _with_notes(sentence: str, notes: list[Inline], anchor: str = "") -> list[Inline]:
    """Footnote marks of the operation line go after the unit they are about, as a
    drafter puts them ("alineatul (4^1)[^1] cu următorul cuprins"), else before the
    closing colon or full stop."""
    if not notes:
        return _text(sentence)
    at = sentence.find(anchor) + len(anchor) if anchor and anchor in sentence else -1
    if at < 0:
        return [*_text(sentence[:-1]), *notes, *_text(sentence[-1:])]
    return [*_text(sentence[:at]), *notes, *_text(sentence[at:])]


def _text(text: str) -> list[Inline]:
    return text_nodes(text, False, False)


# ---------------------------------------------------------------- the wording in force


class ActIndex:
    """The articles of an act by number, each with the list it stands in: one walk over
    the act, then every target found at once (a law of 2,000 operations stays linear)."""

    def __init__(self, act: Document) -> None:
        self.act = act
        self.articles: dict[str, tuple[Division, list[Block]]] = {}
        self._scan(act.children)

    def _scan(self, blocks: list[Block]) -> None:
        for block in blocks:
            if isinstance(block, Division):
                if block.kind == "article":
                    self.articles.setdefault(block.number.replace(" ", ""), (block, blocks))
                else:
                    self._scan(block.children)

    def locate(self, target: Target) -> tuple[Block, list[Block]] | None:
        """The unit ``target`` names, with the list that holds it."""
        found = self.articles.get(target.article)
        if found is None or (target.alineat is None and target.point is None):
            return found
        unit: Block = found[0]
        if target.alineat is not None:
            alineat = _child(unit, lambda c: isinstance(c, Alineat) and c.number == target.alineat)
            if alineat is None or target.point is None:
                return alineat
            unit = alineat[0]
        point = target.point
        return _child(
            unit, lambda c: isinstance(c, Point) and c.marker.rstrip(").").lower() == point
        )


def _child(block: Block, wanted: Callable[[Block], bool]) -> tuple[Block, list[Block]] | None:
    children: list[Block] = getattr(block, "children", [])
    found = next((c for c in children if wanted(c)), None)
    return (found, children) if found is not None else None


def find_unit(act: Document | ActIndex, target: Target) -> Block | None:
    """The article, alineat or point of the act in force that ``target`` names."""
    index = act if isinstance(act, ActIndex) else ActIndex(act)
    found = index.locate(target)
    return found[0] if found is not None else None


def check_target(operation: Operation, act: ActIndex, problems: Problems, lang: Lang) -> None:
    """An error when the target does not exist in the wording in force (or, for an
    insertion, already exists or has no unit to go into), or the words are not there
    (looked for only in a wording in force of the law's language)."""
    where = Location(operation.source.file, operation.source.line)
    target = operation.target
    label = target.label("ro")
    unit = find_unit(act, target)
    in_force = f"the wording in force ({act.act.source_file})"
    if operation.verb == "insert":
        if unit is not None:
            problems.add(
                where,
                f"{label} already exists in {in_force}",
                "give the new unit a number not in use (e.g. 46^1), or @replace it",
                code="A002",
            )
        elif target.parent is not None and find_unit(act, target.parent) is None:
            problems.add(
                where,
                f"{target.parent.label('ro')}, where {label} would go, is not in {in_force}",
                "check the article and alineat numbers against the act in force",
                code="A002",
            )
        return
    if unit is None:
        problems.add(
            where,
            f"{label} is not in {in_force}",
            "check the number against the act in force, or paste the missing wording "
            "into the in-force file",
            code="A002",
        )
        return
    same_language = act.act.meta.lang == lang
    if (
        operation.verb in ("substitute", "exclude")
        and same_language
        and operation.old not in _unit_text(unit)
    ):
        problems.add(
            where,
            f"the words „{operation.old}” are not in {label} of {in_force}",
            "copy the words exactly as the act in force writes them",
            code="A002",
        )


def _unit_text(block: Block) -> str:
    """The text of a unit and of every unit inside it, one per line."""
    lines: list[str] = []

    def visit(node: Block) -> None:
        if isinstance(node, Division):
            lines.append(plain_text(node.title))
        elif isinstance(node, Alineat | Point | Paragraph):
            lines.append(plain_text(node.content))
        for child in getattr(node, "children", []):
            visit(child)

    visit(block)
    return "\n".join(line for line in lines if line)


def consolidate(act: Document, operations: list[Operation]) -> Document:
    """The act as the operations leave it (the wording in force is not changed)."""
    result = copy.deepcopy(act)
    index = ActIndex(result)
    for operation in operations:
        _apply(index, operation)
    return result


def _apply(index: ActIndex, operation: Operation) -> None:
    target = operation.target
    if operation.verb == "insert":
        new = _new_units(operation)
        if target.parent is None:
            before = index.articles.get(_previous_number(target.article))
            siblings = before[1] if before is not None else index.act.children
        else:
            parent = index.locate(target.parent)
            siblings = getattr(parent[0], "children", []) if parent is not None else []
        _insert_in_order(siblings, new, target)
        if target.parent is None and new and isinstance(new[0], Division):
            index.articles[target.article] = (new[0], siblings)
        return
    found = index.locate(target)
    if found is None:
        return
    unit, holder = found
    if operation.verb in ("substitute", "exclude"):
        _replace_words(unit, operation.old, operation.new)
        return
    position = next(i for i, b in enumerate(holder) if b is unit)
    if operation.verb == "replace":
        holder[position : position + 1] = _new_units(operation)
    else:  # repeal: the unit stays, numbered, with "abrogat" as its text
        holder[position] = _repealed(unit, index.act.meta.lang)
    if target.parent is None and isinstance(holder[position], Division):
        index.articles[target.article] = (holder[position], holder)  # type: ignore[assignment]


_ARTICLE_HEADING = re.compile(r"^(?:Articolul|Article|Art\.)\s+(\S+?)\.?(?:\s+(.*))?$")


def _new_units(operation: Operation) -> list[Block]:
    """The new text as units of the act: a quoted "### Articolul 46^1. Title" heading and
    what follows it become the article 46^1."""
    blocks = copy.deepcopy(operation.blocks)
    if operation.target.kind != "article" or not blocks or not isinstance(blocks[0], Heading):
        return blocks
    match = _ARTICLE_HEADING.match(plain_text(blocks[0].content).strip())
    number = match[1] if match else operation.target.article
    title = _text(match[2] or "") if match else []
    return [
        Division(
            blocks[0].source,
            "article",
            title,
            number,
            children=blocks[1:],
            handwritten=True,
        )
    ]


def sort_key(number: str) -> tuple[int, int]:
    base, _, sup = number.strip("().").partition("^")
    value = int(base) if base.isdigit() else sum(ord(c) - 96 for c in base)
    return value, int(sup or 0)


def _number_of(block: Block) -> str | None:
    if isinstance(block, Division):
        return block.number
    if isinstance(block, Alineat):
        return block.number
    if isinstance(block, Point):
        return block.marker
    return None


def _insert_in_order(siblings: list[Block], new: list[Block], target: Target) -> None:
    number = target.point or target.alineat or target.article
    key = sort_key(number)
    kind = type(new[0]) if new else None
    position = len(siblings)
    for index, block in enumerate(siblings):
        written = _number_of(block)
        if written is not None and type(block) is kind and sort_key(written) > key:
            position = index
            break
    siblings[position:position] = new


def _replace_words(unit: Block, old: str, new: str) -> None:
    for node in _texts(unit):
        if old in node.text:
            node.text = " ".join(node.text.replace(old, new, 1).split(" ")).replace("  ", " ")
            return


def _texts(block: Block) -> Iterator[Text]:
    contents: list[list[Inline]] = []
    if isinstance(block, Division):
        contents.append(block.title)
    elif isinstance(block, Alineat | Point | Paragraph):
        contents.append(block.content)
    for content in contents:
        yield from (n for n in content if isinstance(n, Text))
    for child in getattr(block, "children", []):
        yield from _texts(child)


def _repealed(unit: Block, lang: Lang) -> Block:
    word = "Abrogat." if lang == "ro" else "Repealed."
    if isinstance(unit, Division):
        return Division(unit.source, unit.kind, [Text(word)], unit.number, handwritten=True)
    if isinstance(unit, Alineat):
        return Alineat(unit.source, [Text(word)], unit.number, handwritten=True)
    if isinstance(unit, Point):
        return Point(unit.source, unit.level, [Text(word)], unit.marker, handwritten=True)
    return unit
