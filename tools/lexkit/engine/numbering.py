"""Number the Document tree and resolve its references, footnotes and bookmarks.

Numbers are written into the tree as literal text (``Division.number``, ``Point.marker``),
so the writer prints them as typed characters: Word's automatic numbering would renumber
a law the moment a reviewer inserts a paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lexkit.engine.assembly import Place, marker_kinds, point_marker_kind
from lexkit.engine.labels import alineat_label, point_label, unit_label
from lexkit.engine.model import (
    Alineat,
    Block,
    Division,
    DocType,
    Document,
    Footnote,
    FootnoteRef,
    Heading,
    Point,
    Provision,
    QuotedStructure,
    Reference,
    document_inline_lists,
    plain_text,
)
from lexkit.errors import Location, Problems
from lexkit.language import Lang, letter_index, letter_marker, number_base, roman

Addressable = Provision | Heading


@dataclass
class _Scope:
    """Counters that restart in each annex (an annexed regulation numbers afresh)."""

    chapter: int = 0
    section: int = 0
    article: int = 0
    annex_points: int = 0  # level-1 points of a regulation, continuous through the scope


@dataclass
class _Labels:
    """The bookmarks given so far, and the nodes each id names."""

    lang: Lang
    by_id: dict[str, Addressable] = field(default_factory=dict)
    bookmarks: set[str] = field(default_factory=set)


def number_document(document: Document, problems: Problems) -> None:
    """Number every unit, label it, then resolve references and footnotes in place."""
    numberer = _Numberer(document, problems)
    numberer.number_blocks(document.children, _Scope(), place="body", parent_label="")
    for node in numberer.nodes_with_ids:
        numberer.register_id(node)
    references, marks = _references_and_marks(document)
    for reference in references:
        _resolve(reference, numberer, numberer.labels, problems)
    _number_footnotes(document, marks, problems)


class _Numberer:
    def __init__(self, document: Document, problems: Problems) -> None:
        self.document = document
        self.doc_type: DocType = document.meta.type
        self.amending = document.meta.amending
        self.problems = problems
        self.labels = _Labels(document.meta.lang)
        self.nodes_with_ids: list[Addressable] = []
        self.annexes = 0

    # divisions ----------------------------------------------------------------

    def number_blocks(
        self,
        blocks: list[Block],
        scope: _Scope,
        *,
        place: Place,
        parent_label: str,
        parent_marker: str = "",
    ) -> None:
        counters: dict[int, int] = {}
        alineate = 0
        for block in blocks:
            if isinstance(block, Division):
                self._number_division(block, scope)
            elif isinstance(block, Alineat):
                alineate = self._number_alineat(block, alineate, place, parent_label)
            elif isinstance(block, Point):
                self._number_point(block, counters, scope, place, parent_label, parent_marker)
            elif isinstance(block, QuotedStructure):
                # Text of another act: its own (#) and bullets are counted within it, and
                # it gives the host act no labels, ids or bookmarks.
                self.number_blocks(block.children, _Scope(), place="quoted", parent_label="")
            elif isinstance(block, Heading) and block.id and place != "quoted":
                block.label = plain_text(block.content)
                self.nodes_with_ids.append(block)

    def _number_division(self, division: Division, scope: _Scope) -> None:
        kind = division.kind
        if kind == "annex":
            self.annexes = self._next(division, self.annexes)
            division.number = str(self.annexes)
            scope = _Scope()
            self._label(division, unit_label("annex", division.number, self.lang))
            self.number_blocks(division.children, scope, place="body", parent_label="")
            return
        if kind == "chapter":
            scope.chapter = self._next(division, scope.chapter)
            scope.section = 0
            if not division.handwritten:
                division.number = roman(scope.chapter)
        elif kind == "section":
            scope.section = self._next(division, scope.section)
            if not division.handwritten:
                division.number = str(scope.section)
        else:
            scope.article = self._next(division, scope.article)
            if not division.handwritten:
                division.number = roman(scope.article) if self.amending else str(scope.article)
        label = unit_label(kind, division.number, self.lang)
        self._label(division, label)
        in_article = kind == "article"
        self.number_blocks(
            division.children,
            scope,
            place="article" if in_article else "body",
            parent_label=label if in_article else "",
        )

    def _next(self, division: Division, current: int) -> int:
        """The division's number: written by hand (kept, and counting goes on from its base)
        or the next one."""
        if not division.handwritten:
            return current + 1
        base = number_base(division.number)
        if base is None:
            self.problems.add(
                Location(division.source.file, division.source.line),
                f"cannot read the number {division.number!r}",
                "write an Arabic number (62, 62^1) or a Roman one (IV)",
                code="M001",
            )
            return current + 1
        return base

    # alineate and points -------------------------------------------------------

    def _number_alineat(
        self, alineat: Alineat, previous: int, place: Place, parent_label: str
    ) -> int:
        if alineat.handwritten:
            current = number_base(alineat.number) or previous + 1
        else:
            current = previous + 1
            alineat.number = str(current)
        label = parent_label + alineat_label(alineat.number, self.lang)
        if place != "quoted":
            self._label(alineat, label, bookmark=False)
        self.number_blocks(alineat.children, _Scope(), place=place, parent_label=label)
        return current

    def _number_point(
        self,
        point: Point,
        counters: dict[int, int],
        scope: _Scope,
        place: Place,
        parent_label: str,
        parent_marker: str,
    ) -> None:
        kinds = marker_kinds(self.doc_type, self.amending, place)
        kind = kinds[min(point.level, len(kinds)) - 1]
        if place == "quoted":
            # Quoted text has no document type of its own: a bullet takes the marker that
            # follows its parent's (a letter under an alineat or a "12.", a digit under a letter).
            kind = _QUOTED_NEXT.get(point_marker_kind(parent_marker) if parent_marker else "", "a)")
        continuous = kind == "1." and point.level == 1 and place == "body"
        previous = scope.annex_points if continuous else counters.get(point.level, 0)
        if point.handwritten:
            current = _marker_value(point.marker) or previous + 1
        else:
            current = previous + 1
            point.marker = _auto_marker(kind, current)
        if continuous:
            scope.annex_points = current
        counters[point.level] = current
        for deeper in [level for level in counters if level > point.level]:
            del counters[deeper]
        if point.marker == "–":
            label = parent_label
        elif not parent_label:
            label = point_label(point.marker, self.lang, standalone=True)
        else:
            label = parent_label + point_label(point.marker, self.lang, standalone=False)
        if place != "quoted":
            self._label(point, label, bookmark=False)
        self.number_blocks(
            point.children, _Scope(), place=place, parent_label=label, parent_marker=point.marker
        )

    # labels, ids and bookmarks ------------------------------------------------------

    @property
    def lang(self) -> Lang:
        return self.labels.lang

    def _label(self, node: Addressable, label: str, *, bookmark: bool = True) -> None:
        node.label = label
        if (bookmark and self.doc_type.is_act) or node.id:
            self.bookmark(node)
        if node.id:
            self.nodes_with_ids.append(node)

    def bookmark(self, node: Addressable) -> str:
        """A Word bookmark name for the node (from its label: "art. 5 alin. (2)" ->
        "art_5_alin_2"), unique in the document and within Word's 40 characters."""
        if node.bookmark:
            return node.bookmark
        base = _bookmark_name(node.label or node.id or "x")
        name, suffix = base, 1
        while name in self.labels.bookmarks:
            suffix += 1
            name = f"{base[: 40 - len(str(suffix)) - 1]}_{suffix}"
        self.labels.bookmarks.add(name)
        node.bookmark = name
        return name

    def register_id(self, node: Addressable) -> None:
        if node.id in self.labels.by_id:
            first = self.labels.by_id[node.id]
            self.problems.add(
                Location(node.source.file, node.source.line),
                f"the id {{#{node.id}}} is used twice (first at line {first.source.line})",
                "give each provision its own id",
                code="S001",
            )
            return
        self.labels.by_id[node.id] = node


_QUOTED_NEXT = {"": "a)", "1.": "a)", "a)": "1)", "1)": "–"}


def _marker_value(marker: str) -> int | None:
    bare = marker.rstrip(").").split("^", 1)[0]
    if bare.isdigit():
        return int(bare)
    if bare.isalpha():
        return letter_index(bare)
    return None


def _auto_marker(kind: str, number: int) -> str:
    if kind == "a)":
        return f"{letter_marker(number)})"
    if kind == "1)":
        return f"{number})"
    if kind == "1.":
        return f"{number}."
    return kind


def _bookmark_name(label: str) -> str:
    name = re.sub(r"[^0-9A-Za-z]+", "_", label).strip("_") or "x"
    if not name[0].isalpha():
        name = "b_" + name
    return name[:40]


# ---------------------------------------------------------------- references


def _children(node: Block) -> list[Block]:
    return list(getattr(node, "children", []))


def _find_unit(node: Addressable, segment: str) -> Addressable | None:
    """The alineat or point named ``segment`` directly inside ``node``."""
    children = _children(node)
    alineate = [c for c in children if isinstance(c, Alineat)]
    if isinstance(node, Division) and alineate:
        return next((a for a in alineate if a.number == segment), None)
    for child in children:
        if isinstance(child, Point) and child.marker.rstrip(").") == segment:
            return child
    return None


def _references_and_marks(document: Document) -> tuple[list[Reference], list[FootnoteRef]]:
    """Every reference and every footnote mark, in document order, from one walk."""
    references: list[Reference] = []
    marks: list[FootnoteRef] = []
    for content in document_inline_lists(document):
        for node in content:
            if type(node) is Reference:
                references.append(node)
            elif type(node) is FootnoteRef:
                marks.append(node)
    return references, marks


def _resolve(ref: Reference, numberer: _Numberer, labels: _Labels, problems: Problems) -> None:
    where = Location(ref.source.file, ref.source.line)
    target = labels.by_id.get(ref.target)
    if target is None:
        known = ", ".join(sorted(labels.by_id)[:12]) or "none"
        problems.add(
            where,
            f"the reference [](#{ref.target}) points to no provision",
            f"give the provision {{#{ref.target}}}, or use an existing id ({known})",
            code="S002",
        )
        return
    node: Addressable = target
    for segment in ref.path:
        found = _find_unit(node, segment)
        if found is None:
            problems.add(
                where,
                f"{node.label or ref.target} has no unit {segment!r} "
                f"(reference [](#{'/'.join((ref.target, *ref.path))}))",
                "check the alineat number or point letter after the id",
                code="S003",
            )
            return
        node = found
    ref.label = node.label
    ref.bookmark = numberer.bookmark(node)


# ---------------------------------------------------------------- footnotes


def _number_footnotes(document: Document, marks: list[FootnoteRef], problems: Problems) -> None:
    """Footnotes are numbered in the order they are referred to; a note used twice is
    repeated, as Word gives every footnote mark a note of its own. (A note nothing refers
    to is reported by the parser, which is where markdown-it drops it.)"""
    definitions = {note.name: note for note in document.footnotes}
    ordered: list[Footnote] = []
    used: set[str] = set()
    for node in marks:
        found = definitions.get(node.name)
        if found is None:
            problems.add(
                Location(node.source.file, node.source.line),
                f"the footnote [^{node.name}] has no text",
                f"add a line '[^{node.name}]: text of the note' at the end of the document",
                code="M001",
            )
            continue
        note = Footnote(found.name, found.content, found.source) if node.name in used else found
        used.add(node.name)
        ordered.append(note)
        note.number = len(ordered)
        node.number = note.number
    document.footnotes = ordered
