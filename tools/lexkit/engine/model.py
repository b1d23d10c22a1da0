"""The Document tree: what a legislative Markdown file means, independent of Word.

The dialect parser builds it, :mod:`lexkit.engine.numbering` numbers it and resolves its
references, and the writers read it. Every node keeps the place it came from
(:class:`Source`), so a problem found at any stage names the file and line to fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Literal, TypeAlias

from lexkit.language import Lang


class DocType(StrEnum):
    LAW = "law"
    GOVERNMENT_DECISION = "government-decision"
    REGULATION = "regulation"
    NOTE = "note"
    REPORT = "report"

    @property
    def is_act(self) -> bool:
        """Acts have structural headings (chapters, articles) numbered by lexkit."""
        return self in _ACTS

    @property
    def numbers_points(self) -> bool:
        """Regulations and government decisions number their level-1 points 1., 2., ..."""
        return self in _NUMBERED_POINTS


_ACTS = frozenset({DocType.LAW, DocType.GOVERNMENT_DECISION, DocType.REGULATION})
_NUMBERED_POINTS = frozenset({DocType.GOVERNMENT_DECISION, DocType.REGULATION})


@dataclass(frozen=True, slots=True)
class Source:
    """Where a node was written: the file the drafter edits and its 1-based line."""

    file: str
    line: int


SourceMap = Callable[[int], Source]
"""Maps a 1-based line of the Markdown being parsed to the place the drafter wrote it."""


# ---------------------------------------------------------------- tracked changes


@dataclass(frozen=True, slots=True)
class Revision:
    """A tracked change a reviewer accepts or rejects in Word: ``kind`` ``ins`` (inserted)
    or ``del`` (deleted), by ``author`` at ``date`` (ISO 8601, ``2025-09-12T00:00:00Z``).

    Only a comparison (:mod:`lexkit.engine.diff`) sets revisions; a node without one is
    written as plain text.
    """

    kind: Literal["ins", "del"]
    author: str
    date: str


@dataclass(frozen=True, slots=True)
class Renumbering:
    """A unit whose number changed: ``old`` is shown deleted just before the new number,
    shown inserted, and the rest of the unit stays as it is."""

    old: str
    author: str
    date: str

    @property
    def deleted(self) -> Revision:
        return Revision("del", self.author, self.date)

    @property
    def inserted(self) -> Revision:
        return Revision("ins", self.author, self.date)


# ---------------------------------------------------------------- inline content


@dataclass(slots=True)
class Text:
    text: str
    bold: bool = False
    italic: bool = False
    superscript: bool = False
    strike: bool = False  # words taken out (a comparative table's wording in force)
    underline: bool = False  # words put in (its proposed wording)
    revision: Revision | None = None


@dataclass(slots=True)
class Reference:
    """A cross-reference ``[text](#id/2/b)``; ``label`` is filled in by numbering."""

    target: str
    path: tuple[str, ...]
    text: list[Inline]
    source: Source
    label: str = ""
    bookmark: str = ""
    revision: Revision | None = None


@dataclass(slots=True)
class FootnoteRef:
    """A footnote mark; ``number`` is its 1-based position in the document."""

    name: str
    source: Source
    number: int = 0
    revision: Revision | None = None


@dataclass(slots=True)
class LineBreak:
    revision: Revision | None = None


@dataclass(slots=True)
class Hyperlink:
    """A link to a web page or e-mail address, e.g. a source a note cites."""

    url: str
    text: list[Inline]
    revision: Revision | None = None


@dataclass(slots=True)
class Picture:
    """An image ``![alt](source)``; ``data`` (PNG or JPEG bytes) is filled in before writing."""

    source_name: str
    alt: str
    source: Source
    data: bytes = b""
    revision: Revision | None = None


Inline: TypeAlias = Text | Reference | FootnoteRef | LineBreak | Hyperlink | Picture


# ---------------------------------------------------------------- blocks


@dataclass(slots=True)
class Block:
    source: Source
    # The whole block inserted or deleted (its paragraph marks too), in a comparison.
    revision: Revision | None = field(default=None, kw_only=True)


@dataclass(slots=True)
class Paragraph(Block):
    content: list[Inline]


@dataclass(slots=True)
class FormalLine(Paragraph):
    """A formal element of an act, made from its front matter (:mod:`lexkit.engine.formal`):
    the issuing authority, the act's number and date blanks, the enacting formula, the
    legal basis, a signature. ``role`` names which, and so its Word style."""

    role: str = ""


@dataclass(slots=True)
class Heading(Block):
    """An ordinary heading (notes and reports), or a heading inside a quoted structure."""

    level: int
    content: list[Inline]
    id: str = ""
    bookmark: str = ""
    label: str = ""  # "art. 5 alin. (2)", set by numbering
    new_page: bool = False  # ``{.new-page}``: printed at the top of a new page


@dataclass(kw_only=True, slots=True)
class Provision(Block):
    """A unit lexkit numbers, labels and can refer to: a division, an alineat or a point.

    ``handwritten`` says the drafter wrote its number, so numbering keeps it; ``id`` and
    ``attrs`` come from ``{#id key="value"}``; ``label`` ("art. 5 alin. (2)") and
    ``bookmark`` are set by numbering; ``renumbering`` by a comparison.
    """

    children: list[Block] = field(default_factory=list)
    handwritten: bool = False
    id: str = ""
    attrs: dict[str, str] = field(default_factory=dict)
    bookmark: str = ""
    label: str = ""
    renumbering: Renumbering | None = None


@dataclass(slots=True)
class Point(Provision):
    """A point (literă ``a)``, punct ``1)`` or, in regulations, ``1.``).

    ``marker`` is the text shown before the content, e.g. ``b)`` or ``12.``.
    """

    level: int
    content: list[Inline]
    marker: str = ""
    bullet: bool = False


@dataclass(slots=True)
class Alineat(Provision):
    """An alineat ``(1)``; ``number`` is the text inside the brackets once numbered."""

    content: list[Inline]
    number: str = ""


@dataclass(slots=True)
class QuotedStructure(Block):
    """Text inserted into another act: shown in quotes, never numbered by the host act."""

    children: list[Block] = field(default_factory=list)


@dataclass(slots=True)
class TableCell:
    content: list[Inline]
    align: str = ""
    # One cell over several rows: "restart" on the first, "continue" (empty) below it.
    vertical_merge: Literal["", "restart", "continue"] = ""


@dataclass(slots=True)
class Table(Block):
    header: list[TableCell]
    rows: list[list[TableCell]]
    # Rows inserted or deleted in a comparison, by index in ``rows`` (empty: none).
    row_revisions: list[Revision | None] = field(default_factory=list, kw_only=True)
    # Columns of one width (side-by-side texts), not shared by how much text each holds.
    equal_columns: bool = field(default=False, kw_only=True)


DivisionKind = Literal["chapter", "section", "article", "annex"]


@dataclass(slots=True)
class Division(Provision):
    """A numbered structural unit: chapter, section, article or annex.

    ``number`` is the number as shown (``II``, ``3``, ``62^1``, ``I``); ``title`` is
    the text after it.
    """

    kind: DivisionKind
    title: list[Inline]
    number: str = ""


@dataclass(slots=True)
class Footnote:
    name: str
    content: list[Block]
    source: Source
    number: int = 0


# Meta.extra[COMPARISON] is True in a comparison (lexkit.engine.diff): its DOCX has Track
# Changes on, so that a reviewer's own edits are tracked too.
COMPARISON = "_comparison"


@dataclass
class Formal:
    """The formal elements an act's front matter asks for (``formal:``): a law's adoption
    line ("organic" or "ordinary") and signature, a government decision's signatures (the
    Prime Minister, the ministers who countersign), what a regulation is annexed to."""

    adoption: str = ""
    signatory: str = ""  # the name after the signing office, when known
    countersigned: list[str] = field(default_factory=list)  # "Ministrul justiției[<tab>Name]"
    attached: str = ""  # a regulation: the act it is annexed to


@dataclass(slots=True)
class Meta:
    """The front matter, validated."""

    title: str
    type: DocType
    lang: Lang
    author: str = ""
    date: date | None = None
    subject: str = ""
    amending: bool = False
    extra: dict[str, object] = field(default_factory=dict)
    # The title with its tracked changes (a comparison); None: written from ``title``.
    title_content: list[Inline] | None = None
    formal: Formal | None = None  # the formal elements of the act, when asked for


@dataclass(slots=True)
class Document:
    meta: Meta
    children: list[Block]
    footnotes: list[Footnote]
    source_file: str


def walk(blocks: list[Block]) -> list[Block]:
    """Every block in document order, depth first (quoted structures included)."""
    out: list[Block] = []
    stack = list(reversed(blocks))
    while stack:
        block = stack.pop()
        out.append(block)
        children = getattr(block, "children", None)
        if children:
            stack.extend(reversed(children))
    return out


def plain_text(content: list[Inline]) -> str:
    """The visible text of inline content (superscripts written with ``^``)."""
    parts: list[str] = []
    for node in content:
        if isinstance(node, Text):
            parts.append(f"^{node.text}" if node.superscript else node.text)
        elif isinstance(node, Reference):
            parts.append(plain_text(node.text) if node.text else node.label)
        elif isinstance(node, Hyperlink):
            parts.append(plain_text(node.text))
        elif isinstance(node, LineBreak):
            parts.append("\n")
    return "".join(parts)


def provisions(document: Document, every_unit: bool = False) -> list[dict[str, object]]:
    """The numbered provisions of a document, for other documents' templates.

    Every division, and every alineat or point that has an id or attributes (or all of
    them, with ``every_unit``), in document order, quoted text of other acts excluded:
    id, kind, label ("art. 5 alin. (2)"), the annex it stands in (``scope``) and the
    label with it (``full_label``: "anexa nr. 1, pct. 5"), title or opening text,
    attributes, and ``implements`` split into a list.
    """
    out: list[dict[str, object]] = []
    # Each block with the label of the annex it stands in ("" in the body): a regulation
    # annexed to a decision numbers its points afresh, so "pct. 5" alone is ambiguous.
    stack: list[tuple[Block, str]] = [(b, "") for b in reversed(document.children)]
    while stack:
        block, scope = stack.pop()
        if isinstance(block, QuotedStructure):
            continue
        if isinstance(block, Division | Alineat | Point) and (
            isinstance(block, Division) or every_unit or block.id or block.attrs
        ):
            text = block.title if isinstance(block, Division) else block.content
            in_annex = scope and not (isinstance(block, Division) and block.kind == "annex")
            out.append(
                {
                    "scope": scope,
                    "full_label": f"{scope}, {block.label}" if in_annex else block.label,
                    "id": block.id,
                    "kind": block.kind
                    if isinstance(block, Division)
                    else type(block).__name__.lower(),
                    "label": block.label,
                    "title": plain_text(text).strip(),
                    "attrs": dict(block.attrs),
                    "implements": block.attrs.get("implements", "").split(),
                }
            )
        if isinstance(block, Division) and block.kind == "annex":
            scope = block.label
        stack.extend((child, scope) for child in reversed(getattr(block, "children", [])))
    return out


_SUPERSCRIPT = re.compile(r"(?<=\w)\^(\d+)")


def text_nodes(text: str, bold: bool, italic: bool) -> list[Inline]:
    """Plain text, with ``62^1`` written as 62 and a superscript 1."""
    if "^" not in text:
        return [Text(text, bold, italic)] if text else []
    nodes: list[Inline] = []
    pos = 0
    for match in _SUPERSCRIPT.finditer(text):
        if match.start() > pos:
            nodes.append(Text(text[pos : match.start()], bold, italic))
        nodes.append(Text(match.group(1), bold, italic, superscript=True))
        pos = match.end()
    if pos < len(text):
        nodes.append(Text(text[pos:], bold, italic))
    return nodes


def inline_contents(block: Block) -> list[list[Inline]]:
    """The runs of inline content a block holds itself, not in its children: a division's
    title; the text of a paragraph, heading, alineat or point; each cell of a table."""
    if isinstance(block, Paragraph | Heading | Point | Alineat):
        return [block.content]
    if isinstance(block, Division):
        return [block.title]
    if isinstance(block, Table):
        return [cell.content for row in (block.header, *block.rows) for cell in row]
    return []


def all_inline_lists(blocks: list[Block]) -> list[list[Inline]]:
    """Every run of inline content, in document order."""
    out: list[list[Inline]] = []
    for block in walk(blocks):
        out.extend(inline_contents(block))
    return out


def document_inline_lists(document: Document) -> list[list[Inline]]:
    """Every run of inline content of the body and then of the footnotes."""
    contents = all_inline_lists(document.children)
    for note in document.footnotes:
        contents.extend(all_inline_lists(note.content))
    return contents
