"""Nest the units of a document: divisions hold alineate, alineate hold points, points nest.

The dialect parser reads Markdown into a flat list of :class:`Unit` (a heading, an
alineat, a point, a paragraph, a quoted structure, a table); :class:`Assembler` builds the
tree from it. Point levels come from the markers as written or from list indentation,
in the style of each kind of document (:func:`marker_kinds`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from lexkit.engine.model import (
    Alineat,
    Block,
    Division,
    DivisionKind,
    DocType,
    Heading,
    Inline,
    Paragraph,
    Point,
    Source,
    Text,
)
from lexkit.errors import Problems


@dataclass(slots=True)
class Attrs:
    id: str = ""
    extra: dict[str, str] = field(default_factory=dict)


NEW_PAGE = "new-page"  # the class of a heading printed at the top of a new page


@dataclass(slots=True)
class Unit:
    kind: str  # heading | alineat | point | para | quote | table | plain-heading
    source: Source
    content: list[Inline] = field(default_factory=list)
    level: int = 0
    marker: str = ""  # as written; "" for automatic
    attrs: Attrs = field(default_factory=Attrs)
    division: DivisionKind | None = None
    number: str = ""
    bullet: bool = False
    in_item: bool = False  # a paragraph continuing a list item
    handwritten: bool = False  # the marker is the drafter's, kept as written
    block: Block | None = None


Place = Literal["body", "article", "quoted"]
"""Where a point stands: outside any article, inside one, or in quoted text of another act."""


def marker_kinds(doc_type: DocType, amending: bool, place: Place) -> tuple[str, ...]:
    """The point marker of each level (1, 2, 3) in one place of one kind of document.

    Laws: a), 1). Amending articles (Law 100/2017 art. 51(4)) and the points of a
    regulation or government decision: 1., then a), then 1). Notes and reports: dashes.
    Quoted text nests by the markers as written in the amended act (1., a), 1)).
    """
    if place == "quoted":
        return ("1.", "a)", "1)")
    if not doc_type.is_act:
        return ("–", "–", "–")
    if (amending and place == "article") or (doc_type.numbers_points and place == "body"):
        return ("1.", "a)", "1)")
    return ("a)", "1)", "–")


def point_marker_kind(marker: str) -> str:
    """The kind of a written point marker: "a)" letter, "1)" digit, "1." dotted."""
    if marker.endswith("."):
        return "1."
    return "a)" if marker[0].isalpha() else "1)"


class Assembler:
    """Nests units: divisions contain alineate, alineate contain points, points nest by level."""

    def __init__(
        self, doc_type: DocType, amending: bool, problems: Problems, quoted: bool = False
    ) -> None:
        self.doc_type = doc_type
        self.amending = amending
        self.problems = problems
        self.quoted = quoted
        self.root: list[Block] = []
        self.divisions: list[Division] = []  # open divisions, outermost first
        self.in_an_article = False  # whether one of them is an article
        self.alineat: Alineat | None = None
        self.points: list[Point] = []  # open points, outermost first

    def container(self) -> list[Block]:
        return self.divisions[-1].children if self.divisions else self.root

    def add(self, unit: Unit) -> None:
        _ADDERS[unit.kind](self, unit)

    def _add_heading(self, unit: Unit) -> None:
        assert unit.division is not None
        rank = _RANK[unit.division]
        while self.divisions and _RANK[self.divisions[-1].kind] >= rank:
            self.divisions.pop()
        if unit.division == "annex":
            self.divisions.clear()
        division = Division(
            source=unit.source,
            kind=unit.division,
            title=unit.content,
            number=unit.number,
            handwritten=bool(unit.number),
            id=unit.attrs.id,
            attrs=unit.attrs.extra,
        )
        self.container().append(division)
        self.divisions.append(division)
        self.in_an_article = any(d.kind == "article" for d in self.divisions)
        self.alineat, self.points = None, []

    def _add_plain_heading(self, unit: Unit) -> None:
        self.alineat, self.points = None, []
        new_page = NEW_PAGE in unit.attrs.extra.get("class", "").split()
        heading = Heading(unit.source, unit.level, unit.content, unit.attrs.id, new_page=new_page)
        self.container().append(heading)

    def in_article(self) -> bool:
        return self.in_an_article

    def place(self) -> Place:
        if self.quoted:
            return "quoted"
        return "article" if self.in_article() else "body"

    def _add_alineat(self, unit: Unit) -> None:
        if not (self.quoted or self.in_article()):
            self._add_para(unit, text_marker=f"({unit.marker or '#'}) ")
            return
        self.points = []
        alineat = Alineat(
            source=unit.source,
            content=unit.content,
            number=unit.marker,
            handwritten=bool(unit.marker),
            id=unit.attrs.id,
            attrs=unit.attrs.extra,
        )
        self.container().append(alineat)
        self.alineat = alineat

    def _point_level(self, unit: Unit) -> int:
        """Bullets nest by indentation; a written marker's kind gives its level."""
        if unit.bullet or not unit.marker:
            return max(unit.level, 1)
        kinds = marker_kinds(self.doc_type, self.amending, self.place())
        kind = point_marker_kind(unit.marker)
        if kind in kinds:
            return kinds.index(kind) + 1
        return max(unit.level, 1)

    def _add_point(self, unit: Unit) -> None:
        level = self._point_level(unit)
        while self.points and self.points[-1].level >= level:
            self.points.pop()
        point = Point(
            source=unit.source,
            level=level,
            content=unit.content,
            marker=unit.marker if unit.handwritten else "",
            handwritten=unit.handwritten,
            id=unit.attrs.id,
            attrs=unit.attrs.extra,
            bullet=unit.bullet,
        )
        self._point_parent().append(point)
        self.points.append(point)

    def _point_parent(self) -> list[Block]:
        if self.points:
            return self.points[-1].children
        if self.alineat is not None:
            return self.alineat.children
        return self.container()

    def _add_para(self, unit: Unit, text_marker: str = "") -> None:
        content = ([Text(text_marker)] if text_marker else []) + unit.content
        paragraph = Paragraph(unit.source, content)
        if unit.in_item and self.points:
            self.points[-1].children.append(paragraph)
            return
        self.points = []
        if self.alineat is not None:
            self.alineat.children.append(paragraph)
        else:
            self.container().append(paragraph)

    def _add_quote(self, unit: Unit) -> None:
        assert unit.block is not None
        self._point_parent().append(unit.block)

    def _add_table(self, unit: Unit) -> None:
        assert unit.block is not None
        self._point_parent().append(unit.block)

    def _add_formal(self, unit: Unit) -> None:
        assert unit.block is not None
        self.container().append(unit.block)


_ADDERS: dict[str, Callable[[Assembler, Unit], None]] = {
    "heading": Assembler._add_heading,
    "plain-heading": Assembler._add_plain_heading,
    "alineat": Assembler._add_alineat,
    "point": Assembler._add_point,
    "para": Assembler._add_para,
    "quote": Assembler._add_quote,
    "table": Assembler._add_table,
    "formal": Assembler._add_formal,
}
"""Each kind of unit the dialect reads, and where the assembler puts it."""

_RANK: dict[DivisionKind, int] = {"annex": 0, "chapter": 1, "section": 2, "article": 3}


def assemble_quoted(units: list[Unit], problems: Problems) -> list[Block]:
    """Nest the units of quoted text (or a footnote): alineate and points as written,
    headings as ordinary headings, nothing numbered as part of the host act."""
    assembler = Assembler(DocType.LAW, False, problems, quoted=True)
    for unit in units:
        assembler.add(unit)
    return assembler.root
